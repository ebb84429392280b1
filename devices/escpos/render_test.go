package escpos

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// fixtureFiles returns the escpos-php streams in testdata/fixtures.
func fixtureFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 6 {
		t.Fatalf("found %d fixture streams in testdata/fixtures, want 6", len(files))
	}
	return files
}

func TestRenderFixtures(t *testing.T) {
	for _, path := range fixtureFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			stream, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Parse(stream); err != nil {
				t.Errorf("Parse: %v", err)
			}
			img, err := Render(stream, Width80mm)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if img.Bounds().Dx() != Width80mm {
				t.Errorf("width = %d, want %d", img.Bounds().Dx(), Width80mm)
			}
			if inkDots(img) == 0 {
				t.Error("rendered image has no ink")
			}
		})
	}
}

func TestRenderRejectsWidth(t *testing.T) {
	for _, width := range []int{0, 7, maxWidthDots + 1} {
		if _, err := Render([]byte("x\n"), width); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("Render width %d: err = %v, want ErrInvalidArgument", width, err)
		}
	}
}
