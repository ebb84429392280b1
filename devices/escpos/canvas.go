package escpos

import (
	"image"
)

// canvas is a roll of paper that grows downwards, with one byte per dot:
// 0xff for white paper and 0 for a printed dot. Nothing is drawn at or
// below maxHeight, so a stream of any length costs bounded memory.
type canvas struct {
	width     int
	maxHeight int
	pix       []byte // rows of width bytes, allocated up to the lowest row drawn
	height    int    // rows that belong to the receipt, including blank feeds
	clipped   bool   // something reached past maxHeight
}

func newCanvas(width, maxHeight int) *canvas {
	return &canvas{width: width, maxHeight: maxHeight}
}

// extend makes the receipt at least rows long, up to maxHeight.
func (c *canvas) extend(rows int) {
	if rows > c.maxHeight {
		c.clipped = true
		rows = c.maxHeight
	}
	c.height = max(c.height, rows)
}

// grow allocates pixel rows down to row rows-1, doubling the allocation so
// that a long receipt is copied only a few times.
func (c *canvas) grow(rows int) {
	need := rows * c.width
	if need <= len(c.pix) {
		return
	}
	capacity := max(need, 2*len(c.pix), 64*c.width)
	capacity = min(capacity, c.maxHeight*c.width)
	pix := make([]byte, capacity)
	copy(pix, c.pix)
	paper := pix[len(c.pix):]
	if len(paper) > 0 {
		// Fill with white by doubling copies, which is faster than a loop.
		paper[0] = 0xff
		for filled := 1; filled < len(paper); filled *= 2 {
			copy(paper[filled:], paper[:filled])
		}
	}
	c.pix = pix
}

// fill paints the rectangle at x, y of size w by h, clipped to the paper,
// black when ink is true and white otherwise.
func (c *canvas) fill(x, y, w, h int, ink bool) {
	x0, y0 := max(x, 0), max(y, 0)
	x1, y1 := min(x+w, c.width), min(y+h, c.maxHeight)
	if y+h > c.maxHeight {
		c.clipped = true
	}
	if x0 >= x1 || y0 >= y1 {
		return
	}
	c.grow(y1)
	c.extend(y1)
	value := byte(0xff)
	if ink {
		value = 0
	}
	for row := y0; row < y1; row++ {
		line := c.pix[row*c.width:]
		for col := x0; col < x1; col++ {
			line[col] = value
		}
	}
}

// dot prints the dot at x, y when it is on the paper.
func (c *canvas) dot(x, y int) {
	if x < 0 || x >= c.width || y < 0 {
		return
	}
	if y >= c.maxHeight {
		c.clipped = true
		return
	}
	c.grow(y + 1)
	c.extend(y + 1)
	c.pix[y*c.width+x] = 0
}

// full reports whether the paper has reached its maximum length, so that
// nothing more can be drawn.
func (c *canvas) full() bool {
	return c.height >= c.maxHeight
}

// image returns the receipt as a gray image of width by height dots.
func (c *canvas) image() *image.Gray {
	height := max(c.height, 1)
	c.grow(height)
	img := image.NewGray(image.Rect(0, 0, c.width, height))
	copy(img.Pix, c.pix[:height*c.width])
	return img
}
