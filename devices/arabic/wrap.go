package arabic

import (
	"fmt"
	"strings"
)

// wrapLocked breaks a text at spaces into lines no wider than
// opts.MaxWidth at the given size, filling each line greedily in reading
// order, and stacks them top to bottom.
func (r *Renderer) wrapLocked(text string, size int, opts Options) (*Bitmap, error) {
	words := strings.Fields(text)
	var lines []*Bitmap
	current := ""
	var currentImage *Bitmap
	for _, word := range words {
		candidate := word
		if current != "" {
			candidate = current + " " + word
		}
		image, err := r.lineLocked(candidate, size, opts.Bold)
		if err != nil {
			return nil, err
		}
		if image.Width <= opts.MaxWidth {
			current, currentImage = candidate, image
			continue
		}
		if current == "" {
			return nil, fmt.Errorf("%w: %q is %d dots wide at %d dots, more than %d; shorten the text or raise the width",
				ErrTooWide, word, image.Width, size, opts.MaxWidth)
		}
		lines = append(lines, currentImage)

		current, currentImage = word, nil
		image, err = r.lineLocked(word, size, opts.Bold)
		if err != nil {
			return nil, err
		}
		if image.Width > opts.MaxWidth {
			return nil, fmt.Errorf("%w: %q is %d dots wide at %d dots, more than %d; shorten the text or raise the width",
				ErrTooWide, word, image.Width, size, opts.MaxWidth)
		}
		currentImage = image
	}
	lines = append(lines, currentImage)
	return stack(lines, size/4, opts.Align), nil
}

// stack places lines one under the other with gap blank rows between them.
func stack(lines []*Bitmap, gap int, align Align) *Bitmap {
	width, height := 0, gap*(len(lines)-1)
	for _, l := range lines {
		width = max(width, l.Width)
		height += l.Height
	}

	out := NewBitmap(width, height)
	y := 0
	for _, l := range lines {
		x := 0
		switch align {
		case AlignStart:
			x = width - l.Width
		case AlignCenter:
			x = (width - l.Width) / 2
		}
		out.draw(l, x, y)
		y += l.Height + gap
	}
	return out
}
