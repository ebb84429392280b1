// Package arabic draws a line of Arabic, or of Arabic mixed with Latin
// letters and digits, as a 1-bit image for a thermal receipt printer, whose
// code pages cannot print Arabic.
//
// A line is cleaned of control characters and split into bidi runs with
// the paragraph direction right to left (golang.org/x/text/unicode/bidi).
// Each run is shaped with go-text's HarfBuzz port, so that letters join.
// The glyphs are drawn from the bundled DejaVu Sans outlines
// (golang.org/x/image/vector), thresholded to one bit and cropped to the
// ink. A Renderer keeps the
// results in a cache, so the fixed texts of a receipt (the centre's name,
// the service names, the labels) are shaped and drawn once.
package arabic

import (
	"bytes"
	"container/list"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"

	"frontdesk/assets"
)

var (
	// ErrNoInk is returned when a text draws nothing: it is empty or holds
	// only spaces and control characters.
	ErrNoInk = errors.New("arabic: text draws no ink")

	// ErrTooWide is returned when a single character is wider than
	// Options.MaxWidth.
	ErrTooWide = errors.New("arabic: text does not fit the maximum width")

	// ErrInvalidOptions is returned for a size or width out of range.
	ErrInvalidOptions = errors.New("arabic: invalid options")
)

// Limits of Options.Size, in dots.
const (
	MinSize = 8
	MaxSize = 256
)

// DefaultCacheEntries is the number of drawn texts a Renderer keeps.
const DefaultCacheEntries = 256

// Fit is the treatment of a line wider than Options.MaxWidth.
type Fit int

const (
	// FitShrink lowers the size, down to two thirds of Options.Size, until
	// the line fits, and wraps it at that size when it still does not.
	FitShrink Fit = iota
	// FitWrap breaks the line at spaces into several lines at Options.Size.
	FitWrap
)

// String returns "shrink" or "wrap".
func (f Fit) String() string {
	switch f {
	case FitShrink:
		return "shrink"
	case FitWrap:
		return "wrap"
	}
	return fmt.Sprintf("Fit(%d)", int(f))
}

// Align places the lines of a wrapped text against each other. A single
// line is cropped to its ink, so its place on paper is set by the printer's
// alignment instead.
type Align int

const (
	// AlignStart puts each line against the right edge, where an Arabic
	// line starts.
	AlignStart Align = iota
	// AlignCenter centres each line.
	AlignCenter
	// AlignEnd puts each line against the left edge.
	AlignEnd
)

// String returns "start", "center" or "end".
func (a Align) String() string {
	switch a {
	case AlignStart:
		return "start"
	case AlignCenter:
		return "center"
	case AlignEnd:
		return "end"
	}
	return fmt.Sprintf("Align(%d)", int(a))
}

// Options are the size, face and width limit of a drawn text.
type Options struct {
	Size     int   // em size of the font in dots, MinSize to MaxSize
	Bold     bool  // DejaVu Sans Bold instead of Regular
	MaxWidth int   // widest image in dots, 0 for no limit; 576 fills 80 mm paper
	Fit      Fit   // treatment of a line wider than MaxWidth
	Align    Align // placement of wrapped lines
}

func (o Options) validate() error {
	if o.Size < MinSize || o.Size > MaxSize {
		return fmt.Errorf("%w: size %d dots is outside %d to %d", ErrInvalidOptions, o.Size, MinSize, MaxSize)
	}
	if o.MaxWidth < 0 {
		return fmt.Errorf("%w: maximum width %d dots is negative; use 0 for no limit", ErrInvalidOptions, o.MaxWidth)
	}
	if o.Fit != FitShrink && o.Fit != FitWrap {
		return fmt.Errorf("%w: fit %d is neither FitShrink nor FitWrap", ErrInvalidOptions, int(o.Fit))
	}
	if o.Align < AlignStart || o.Align > AlignEnd {
		return fmt.Errorf("%w: align %d is not AlignStart, AlignCenter or AlignEnd", ErrInvalidOptions, int(o.Align))
	}
	return nil
}

type cacheKey struct {
	text string
	opts Options
}

type cacheEntry struct {
	key    cacheKey
	bitmap *Bitmap
}

// Renderer draws texts with the bundled fonts and caches the images. It is
// safe for concurrent use; calls are serialised because the HarfBuzz shaper
// keeps state between calls.
type Renderer struct {
	regular, bold *font.Face
	maxEntries    int

	mu      sync.Mutex // guards shaper, entries and order
	shaper  shaping.HarfbuzzShaper
	entries map[cacheKey]*list.Element
	order   *list.List // most recently used first
}

// NewRenderer parses the bundled DejaVu Sans faces and returns a Renderer
// with a cache of DefaultCacheEntries drawn texts.
func NewRenderer() (*Renderer, error) {
	regular, err := font.ParseTTF(bytes.NewReader(assets.FontRegular))
	if err != nil {
		return nil, fmt.Errorf("arabic: parse the bundled regular font: %w", err)
	}
	bold, err := font.ParseTTF(bytes.NewReader(assets.FontBold))
	if err != nil {
		return nil, fmt.Errorf("arabic: parse the bundled bold font: %w", err)
	}
	return &Renderer{
		regular:    regular,
		bold:       bold,
		maxEntries: DefaultCacheEntries,
		entries:    make(map[cacheKey]*list.Element),
		order:      list.New(),
	}, nil
}

// Draw returns text drawn as a right-to-left line, cropped to its ink.
// Control characters are removed first (see Clean). The result may come
// from the cache and is shared: callers must not change it.
func (r *Renderer) Draw(text string, opts Options) (*Bitmap, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	key := cacheKey{text: text, opts: opts}

	r.mu.Lock()
	defer r.mu.Unlock()
	if e, ok := r.entries[key]; ok {
		r.order.MoveToFront(e)
		return e.Value.(*cacheEntry).bitmap, nil
	}

	bitmap, err := r.drawLocked(Clean(text), opts)
	if err != nil {
		return nil, err
	}
	r.entries[key] = r.order.PushFront(&cacheEntry{key: key, bitmap: bitmap})
	if r.order.Len() > r.maxEntries {
		oldest := r.order.Back()
		r.order.Remove(oldest)
		delete(r.entries, oldest.Value.(*cacheEntry).key)
	}
	return bitmap, nil
}

// Missing returns the runes of text, after Clean, that the face has no
// glyph for, each once in order of first use. Such runes would print as an
// empty box.
func (r *Renderer) Missing(text string, bold bool) []rune {
	face := r.face(bold)
	var missing []rune
	seen := make(map[rune]bool)
	for _, c := range Clean(text) {
		if seen[c] {
			continue
		}
		seen[c] = true
		if _, ok := face.NominalGlyph(c); !ok {
			missing = append(missing, c)
		}
	}
	return missing
}

func (r *Renderer) face(bold bool) *font.Face {
	if bold {
		return r.bold
	}
	return r.regular
}

// drawLocked draws a cleaned text, fitting it to opts.MaxWidth.
func (r *Renderer) drawLocked(text string, opts Options) (*Bitmap, error) {
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("%w: %q", ErrNoInk, text)
	}
	line, err := r.lineLocked(text, opts.Size, opts.Bold)
	if err != nil || opts.MaxWidth == 0 || line.Width <= opts.MaxWidth {
		return line, err
	}

	size := opts.Size
	if opts.Fit == FitShrink {
		// The width grows in proportion to the size, so the first guess
		// is close; the loop corrects for rounding.
		minSize := max(MinSize, opts.Size*2/3)
		size = max(minSize, opts.Size*opts.MaxWidth/line.Width)
		for ; size >= minSize; size-- {
			line, err = r.lineLocked(text, size, opts.Bold)
			if err != nil {
				return nil, err
			}
			if line.Width <= opts.MaxWidth {
				return line, nil
			}
		}
		size = minSize
	}
	return r.wrapLocked(text, size, opts)
}

// lineLocked shapes and draws one line.
func (r *Renderer) lineLocked(text string, size int, bold bool) (*Bitmap, error) {
	face := r.face(bold)
	shaped := shapeLine(&r.shaper, face, []rune(text), size)
	bitmap := rasterize(face, shaped, size)
	if bitmap == nil {
		return nil, fmt.Errorf("%w: %q", ErrNoInk, text)
	}
	return bitmap, nil
}
