package escpos

import (
	"image"
	"image/color"
	"path/filepath"
	"testing"
)

func BenchmarkRender(b *testing.B) {
	for _, path := range fixtureFiles(b) {
		stream := readFile(b, path)
		b.Run(filepath.Base(path), func(b *testing.B) {
			b.SetBytes(int64(len(stream)))
			for b.Loop() {
				if _, err := Render(stream, Width80mm); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("short line", func(b *testing.B) {
		for b.Loop() {
			Render([]byte("A-007\n"), Width80mm)
		}
	})
}

func BenchmarkEncodeRaster(b *testing.B) {
	tests := []struct {
		name string
		img  image.Image
	}{
		{"gray 576x200", ticketHeader(image.NewGray(image.Rect(0, 0, 576, 200)))},
		{"rgba 576x200", ticketHeader(image.NewRGBA(image.Rect(0, 0, 576, 200)))},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			e := NewEncoder()
			for b.Loop() {
				e.buf = e.buf[:0]
				e.Raster(tt.img)
			}
			b.ReportMetric(float64(e.Len()), "bytes/op")
		})
	}
}

// ticketHeader fills img with a pattern of strokes like those of a line of
// shaped Arabic text, so that about a fifth of the dots are black.
func ticketHeader[T interface {
	image.Image
	Set(x, y int, c color.Color)
}](img T) T {
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			if (x/3+y/5)%5 == 0 {
				img.Set(x, y, color.Black)
			} else {
				img.Set(x, y, color.White)
			}
		}
	}
	return img
}
