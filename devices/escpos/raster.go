package escpos

import (
	"image"
)

// appendRasterRows appends rows rows of img, starting at image row y0, as
// packed 1-bit rows of rowBytes bytes each, most significant bit leftmost
// and 1 for a black dot.
func appendRasterRows(dst []byte, img image.Image, y0, rows, rowBytes int) []byte {
	start := len(dst)
	dst = append(dst, make([]byte, rows*rowBytes)...)
	out := dst[start:]
	bounds := img.Bounds()

	if gray, ok := img.(*image.Gray); ok {
		for y := 0; y < rows; y++ {
			line := gray.Pix[gray.PixOffset(bounds.Min.X, y0+y):]
			row := out[y*rowBytes:]
			for x := 0; x < bounds.Dx(); x++ {
				if line[x] < 0x80 {
					row[x>>3] |= 0x80 >> (x & 7)
				}
			}
		}
		return dst
	}

	if rgba, ok := img.(*image.RGBA); ok {
		for y := 0; y < rows; y++ {
			line := rgba.Pix[rgba.PixOffset(bounds.Min.X, y0+y):]
			row := out[y*rowBytes:]
			for x := 0; x < bounds.Dx(); x++ {
				px := line[4*x : 4*x+4 : 4*x+4]
				r, g, b, a := uint32(px[0]), uint32(px[1]), uint32(px[2]), uint32(px[3])
				if isDarkPremultiplied(r*0x101, g*0x101, b*0x101, a*0x101) {
					row[x>>3] |= 0x80 >> (x & 7)
				}
			}
		}
		return dst
	}

	for y := 0; y < rows; y++ {
		row := out[y*rowBytes:]
		for x := 0; x < bounds.Dx(); x++ {
			if isDark(img, bounds.Min.X+x, y0+y) {
				row[x>>3] |= 0x80 >> (x & 7)
			}
		}
	}
	return dst
}

// isDark reports whether the pixel, laid over white paper, has a luminance
// below half. Transparent pixels are therefore white, and so is every
// pixel of an *image.Alpha, whose colour is white at any opacity.
func isDark(img image.Image, x, y int) bool {
	r, g, b, a := img.At(x, y).RGBA()
	return isDarkPremultiplied(r, g, b, a)
}

// isDarkPremultiplied is isDark for 16-bit alpha-premultiplied channels.
func isDarkPremultiplied(r, g, b, a uint32) bool {
	paper := 0xffff - a // the share of white paper showing through
	r, g, b = r+paper, g+paper, b+paper
	// The weights of color.GrayModel (ITU-R BT.601), on 16-bit channels.
	lum := (19595*r + 38470*g + 7471*b + 1<<15) >> 16
	return lum < 0x8000
}
