package escpos

import (
	"image"
)

// inkDots counts the black dots of img.
func inkDots(img *image.Gray) int {
	n := 0
	for _, v := range img.Pix {
		if v < 0x80 {
			n++
		}
	}
	return n
}
