package arabic

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// wrapLocked breaks a text at spaces into lines no wider than
// opts.MaxWidth at the given size, filling each line greedily in reading
// order, and stacks them top to bottom. A word wider than a line on its own
// is broken between characters, which undoes the joining of its letters at
// the break but keeps all of it on paper.
func (r *Renderer) wrapLocked(text string, size int, opts Options) (*Bitmap, error) {
	var pieces []string
	for _, word := range strings.Fields(text) {
		split, err := r.breakWordLocked(word, size, opts)
		if err != nil {
			return nil, err
		}
		pieces = append(pieces, split...)
	}
	if len(pieces) == 0 {
		return nil, fmt.Errorf("%w: %q", ErrNoInk, text)
	}

	var lines []*Bitmap
	current := ""
	var currentImage *Bitmap
	for _, piece := range pieces {
		candidate := piece
		if current != "" {
			candidate = current + " " + piece
		}
		image, err := r.lineLocked(candidate, size, opts.Bold)
		if err != nil {
			return nil, err
		}
		if image.Width <= opts.MaxWidth || current == "" {
			current, currentImage = candidate, image
			continue
		}
		lines = append(lines, currentImage)

		current = piece
		if currentImage, err = r.lineLocked(piece, size, opts.Bold); err != nil {
			return nil, err
		}
	}
	lines = append(lines, currentImage)
	return stack(lines, size/4, opts.Align), nil
}

// breakWordLocked returns the word as it is when it fits opts.MaxWidth,
// else cut into the longest pieces that fit, each found by a binary search
// on its length. Combining marks stay with their letter. A word that draws
// no ink returns no pieces.
func (r *Renderer) breakWordLocked(word string, size int, opts Options) ([]string, error) {
	width := func(runes []rune) (int, error) {
		image, err := r.lineLocked(string(runes), size, opts.Bold)
		if errors.Is(err, ErrNoInk) {
			return 0, nil
		}
		if err != nil {
			return 0, err
		}
		return image.Width, nil
	}

	runes := []rune(word)
	whole, err := width(runes)
	if err != nil || whole == 0 {
		return nil, err
	}
	if whole <= opts.MaxWidth {
		return []string{word}, nil
	}

	var pieces []string
	for len(runes) > 0 {
		lo, hi := withMarks(runes, 1), len(runes)
		w, err := width(runes[:lo])
		if err != nil {
			return nil, err
		}
		if w > opts.MaxWidth {
			return nil, fmt.Errorf("%w: %q is %d dots wide at %d dots, more than %d; raise the width",
				ErrTooWide, string(runes[:lo]), w, size, opts.MaxWidth)
		}
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if w, err = width(runes[:mid]); err != nil {
				return nil, err
			}
			if w <= opts.MaxWidth {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		n := withMarks(runes, lo)
		pieces = append(pieces, string(runes[:n]))
		runes = runes[n:]
	}
	return pieces, nil
}

// withMarks returns n moved past the combining marks that follow
// runes[n-1], so that a cut never separates a mark from its letter.
func withMarks(runes []rune, n int) int {
	for n < len(runes) && unicode.In(runes[n], unicode.Mn, unicode.Me) {
		n++
	}
	return n
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
