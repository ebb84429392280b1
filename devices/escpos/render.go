package escpos

import (
	"errors"
	"fmt"
	"image"
)

// MaxRenderHeight is the longest receipt [Render] draws, in dots: 20000
// dots is about 2.5 m of paper at 203 dpi.
const MaxRenderHeight = 20000

// ErrTooLong is matched by the error [Render] returns when the receipt is
// longer than [MaxRenderHeight] dots.
var ErrTooLong = errors.New("escpos: receipt is too long to render")

// Render draws stream as a printer with a print head of widthDots dots
// would print it, one image pixel per dot, black on white.
//
// Text is drawn in font A (12x24 dots) or font B (9x17), with DejaVu Sans
// standing in for the printer's own font and the code pages mapped through
// golang.org/x/text. Render follows the ESC ! and GS ! sizes, bold,
// underline, reverse, alignment, margins, tabs, line spacing and the LF,
// ESC d and ESC J feeds. It draws raster images (GS v 0 and GS ( L), column
// bit images (ESC *), QR codes (GS ( k) and cuts, as a dashed line.
// Barcodes (GS k) and other 2D symbols are drawn as a box containing their
// data. Commands that print nothing, such as status requests, beeps and
// code page choices, are skipped, and so are bytes that start no command.
//
// A stream that ends inside a command is drawn up to that command. When
// the receipt grows past [MaxRenderHeight] dots, Render returns the first
// MaxRenderHeight rows and an error matching [ErrTooLong].
func Render(stream []byte, widthDots int) (*image.Gray, error) {
	img, _, err := render(stream, widthDots)
	return img, err
}

// render draws stream and also returns the printer, whose record of where
// each QR code went lets tests read the codes back from the image.
func render(stream []byte, widthDots int) (*image.Gray, *printer, error) {
	if widthDots < 8 || widthDots > maxWidthDots {
		return nil, nil, fmt.Errorf("%w: render width of %d dots; use 8..%d, such as %d for 80 mm paper",
			ErrInvalidArgument, widthDots, maxWidthDots, Width80mm)
	}
	if _, err := loadFont(); err != nil {
		return nil, nil, err
	}

	cmds, _ := Parse(stream) // a truncated last command is left out, as documented
	p := newPrinter(widthDots)
	for _, cmd := range cmds {
		if p.paper.full() {
			break
		}
		p.execute(cmd)
	}
	p.printLine(0, false)

	img := p.paper.image()
	if p.paper.clipped {
		return img, p, fmt.Errorf("%w: it passes %d dots; split the stream or render a part of it",
			ErrTooLong, MaxRenderHeight)
	}
	return img, p, nil
}
