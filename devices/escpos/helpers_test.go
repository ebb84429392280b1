package escpos

import (
	"image"
	"os"
	"testing"
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

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// inkBounds returns the smallest rectangle holding every black dot of img.
func inkBounds(img *image.Gray) image.Rectangle {
	var box image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.GrayAt(x, y).Y < 0x80 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

// mustRender renders stream at 576 dots and fails the test on an error.
func mustRender(t testing.TB, stream []byte) *image.Gray {
	t.Helper()
	img, err := Render(stream, Width80mm)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return img
}

// encode returns the bytes that write puts in a new encoder.
func encode(write func(e *Encoder)) []byte {
	e := NewEncoder()
	write(e)
	return e.Bytes()
}
