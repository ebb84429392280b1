package arabic

import (
	"image"
	"image/color"
)

// Bitmap is a 1-bit image in the layout of the ESC/POS raster command
// GS v 0: rows from top to bottom, 8 pixels a byte with the leftmost pixel
// in the most significant bit, each row padded to whole bytes. A set bit is
// ink (a black dot on paper).
//
// Bitmaps returned by a Renderer may be shared through its cache, so callers
// must not change them.
type Bitmap struct {
	Width, Height int
	Stride        int    // bytes per row: (Width+7)/8
	Pix           []byte // Stride*Height bytes
}

// NewBitmap returns a blank bitmap of the given size in dots.
func NewBitmap(width, height int) *Bitmap {
	stride := (width + 7) / 8
	return &Bitmap{Width: width, Height: height, Stride: stride, Pix: make([]byte, stride*height)}
}

// Ink reports whether the dot at (x, y) is inked. Dots outside the bitmap
// are blank.
func (b *Bitmap) Ink(x, y int) bool {
	if x < 0 || y < 0 || x >= b.Width || y >= b.Height {
		return false
	}
	return b.Pix[y*b.Stride+x/8]&(0x80>>(x%8)) != 0
}

// SetInk inks the dot at (x, y). Dots outside the bitmap are ignored.
func (b *Bitmap) SetInk(x, y int) {
	if x < 0 || y < 0 || x >= b.Width || y >= b.Height {
		return
	}
	b.Pix[y*b.Stride+x/8] |= 0x80 >> (x % 8)
}

// ColorModel returns color.GrayModel, so that Bitmap is an image.Image.
func (b *Bitmap) ColorModel() color.Model { return color.GrayModel }

// Bounds returns the rectangle from (0, 0) to (Width, Height).
func (b *Bitmap) Bounds() image.Rectangle { return image.Rect(0, 0, b.Width, b.Height) }

// At returns black for ink and white for blank paper.
func (b *Bitmap) At(x, y int) color.Color {
	if b.Ink(x, y) {
		return color.Gray{Y: 0}
	}
	return color.Gray{Y: 0xff}
}

// draw copies src into b with its top left corner at (x0, y0).
func (b *Bitmap) draw(src *Bitmap, x0, y0 int) {
	for y := 0; y < src.Height; y++ {
		for x := 0; x < src.Width; x++ {
			if src.Ink(x, y) {
				b.SetInk(x0+x, y0+y)
			}
		}
	}
}
