package escpos

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

func TestRenderAlignment(t *testing.T) {
	tests := []struct {
		align      Alignment
		minX, maxX int // where the ink of "X" may start
	}{
		{AlignLeft, 0, 12},
		{AlignCenter, 576/2 - 12, 576 / 2},
		{AlignRight, 576 - 12, 576},
	}
	for _, tt := range tests {
		t.Run(tt.align.String(), func(t *testing.T) {
			img := mustRender(t, encode(func(e *Encoder) {
				e.Align(tt.align)
				e.Line("X")
			}))
			box := inkBounds(img)
			if box.Min.X < tt.minX || box.Min.X >= tt.maxX {
				t.Errorf("ink starts at x=%d, want %d..%d", box.Min.X, tt.minX, tt.maxX-1)
			}
		})
	}
}

func TestRenderSizeScalesGlyphs(t *testing.T) {
	normal := inkBounds(mustRender(t, encode(func(e *Encoder) { e.Line("H") })))
	for _, size := range [][2]int{{2, 2}, {3, 1}, {1, 4}, {8, 8}} {
		t.Run(strconv.Itoa(size[0])+"x"+strconv.Itoa(size[1]), func(t *testing.T) {
			box := inkBounds(mustRender(t, encode(func(e *Encoder) {
				e.Size(size[0], size[1])
				e.Line("H")
			})))
			if box.Dx() != normal.Dx()*size[0] {
				t.Errorf("ink width = %d, want %d", box.Dx(), normal.Dx()*size[0])
			}
			if box.Dy() != normal.Dy()*size[1] {
				t.Errorf("ink height = %d, want %d", box.Dy(), normal.Dy()*size[1])
			}
		})
	}
}

func TestRenderBoldAddsInk(t *testing.T) {
	plain := inkDots(mustRender(t, encode(func(e *Encoder) { e.Line("Total 12.50") })))
	bold := inkDots(mustRender(t, encode(func(e *Encoder) {
		e.Bold(true)
		e.Line("Total 12.50")
	})))
	if bold <= plain {
		t.Errorf("bold text has %d dots of ink, plain %d; want more", bold, plain)
	}
}

func TestRenderFeeds(t *testing.T) {
	base := mustRender(t, []byte("A\n")).Bounds().Dy()
	tests := []struct {
		name   string
		stream []byte
		want   int
	}{
		{"two line feeds", []byte("A\n\n"), base + defaultLineSpacing},
		{"ESC d 3", append([]byte("A\n"), 0x1b, 0x64, 3), base + 3*defaultLineSpacing},
		{"ESC J 50", append([]byte("A\n"), 0x1b, 0x4a, 50), base + 50},
		{"ESC 3 then line feed", append([]byte("A\n"), 0x1b, 0x33, 60, 0x0a), base + 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustRender(t, tt.stream).Bounds().Dy(); got != tt.want {
				t.Errorf("height = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestRenderWrapsLongLine(t *testing.T) {
	fullLine := mustRender(t, []byte(strings.Repeat("x", 48)+"\n")).Bounds().Dy()
	wrapped := mustRender(t, []byte(strings.Repeat("x", 49)+"\n")).Bounds().Dy()
	if fullLine != defaultLineSpacing {
		t.Errorf("48 characters take %d rows, want one line of %d", fullLine, defaultLineSpacing)
	}
	if wrapped != 2*defaultLineSpacing {
		t.Errorf("49 characters take %d rows, want two lines of %d", wrapped, 2*defaultLineSpacing)
	}
}

func TestRenderRasterPixels(t *testing.T) {
	src := image.NewGray(image.Rect(0, 0, 21, 9))
	for i := range src.Pix {
		src.Pix[i] = 0xff
	}
	for y := 0; y < 9; y++ {
		for x := 0; x < 21; x++ {
			if (x*7+y*3)%5 == 0 {
				src.SetGray(x, y, color.Gray{})
			}
		}
	}
	img := mustRender(t, encode(func(e *Encoder) { e.Raster(src) }))
	if got := img.Bounds().Dy(); got != 9 {
		t.Errorf("height = %d, want 9", got)
	}
	for y := 0; y < 9; y++ {
		for x := 0; x < 24; x++ {
			want := x < 21 && src.GrayAt(x, y).Y == 0
			if got := img.GrayAt(x, y).Y == 0; got != want {
				t.Errorf("dot %d,%d printed = %v, want %v", x, y, got, want)
			}
		}
	}
}

func TestRenderRasterScaling(t *testing.T) {
	tests := []struct {
		m            byte
		wantW, wantH int
	}{
		{0, 8, 2}, {1, 16, 2}, {2, 8, 4}, {3, 16, 4}, {48, 8, 2}, {51, 16, 4},
	}
	for _, tt := range tests {
		t.Run("m="+strconv.Itoa(int(tt.m)), func(t *testing.T) {
			stream := []byte{0x1d, 0x76, 0x30, tt.m, 1, 0, 2, 0, 0xff, 0xff}
			box := inkBounds(mustRender(t, stream))
			if box.Dx() != tt.wantW || box.Dy() != tt.wantH {
				t.Errorf("ink = %dx%d, want %dx%d", box.Dx(), box.Dy(), tt.wantW, tt.wantH)
			}
		})
	}
}

func TestRenderColumnImage(t *testing.T) {
	// Two 24-dot columns at double density: the first has its top dot,
	// the second its bottom dot.
	stream := []byte{0x1b, 0x2a, 33, 2, 0, 0x80, 0, 0, 0, 0, 0x01, 0x0a}
	img := mustRender(t, stream)
	if img.GrayAt(0, 0).Y != 0 {
		t.Error("top dot of column 0 is not printed")
	}
	if img.GrayAt(1, 23).Y != 0 {
		t.Error("bottom dot of column 1 is not printed")
	}
	if got := inkDots(img); got != 2 {
		t.Errorf("image has %d dots of ink, want 2", got)
	}
}

func TestRenderGraphics(t *testing.T) {
	// GS ( L function 112 stores a 10x2 graphic, function 50 prints it.
	store := []byte{0x1d, 0x28, 0x4c, 14, 0, 48, 112, 48, 1, 1, 49, 10, 0, 2, 0,
		0xff, 0xc0, 0x80, 0x40}
	printGraphic := []byte{0x1d, 0x28, 0x4c, 2, 0, 48, 50}
	img := mustRender(t, append(store, printGraphic...))
	if box := inkBounds(img); box != image.Rect(0, 0, 10, 2) {
		t.Errorf("ink bounds = %v, want (0,0)-(10,2)", box)
	}
	if got := inkDots(img); got != 12 {
		t.Errorf("image has %d dots of ink, want 12", got)
	}
	if img := mustRender(t, store); inkDots(img) != 0 {
		t.Error("a stored graphic printed before function 50")
	}
}

func TestRenderCutIsDashed(t *testing.T) {
	img := mustRender(t, encode((*Encoder).Cut))
	box := inkBounds(img)
	if box.Dy() != 2 {
		t.Fatalf("cut line is %d rows thick, want 2", box.Dy())
	}
	y := box.Min.Y
	for x := 0; x < 32; x++ {
		want := x%16 < 8
		if got := img.GrayAt(x, y).Y == 0; got != want {
			t.Errorf("dot %d on the cut line printed = %v, want %v", x, got, want)
		}
	}
}

func TestRenderCodePages(t *testing.T) {
	// é is 0x82 in PC437 (page 0) and 0xE9 in Windows-1252 (page 16).
	pc437 := mustRender(t, []byte{0x1b, 0x74, 0, 0x82, 0x0a})
	cp1252 := mustRender(t, []byte{0x1b, 0x74, 16, 0xe9, 0x0a})
	if !bytes.Equal(pc437.Pix, cp1252.Pix) {
		t.Error("é drawn differently from PC437 and Windows-1252")
	}
	ascii := mustRender(t, []byte("e\n"))
	if bytes.Equal(pc437.Pix, ascii.Pix) {
		t.Error("é drawn the same as e")
	}
}

func TestRenderUnderlineAndReverse(t *testing.T) {
	plain := inkDots(mustRender(t, []byte("ab\n")))
	underline := mustRender(t, []byte("\x1b-\x02ab\n"))
	if got := inkDots(underline); got <= plain {
		t.Errorf("underlined text has %d dots of ink, plain %d; want more", got, plain)
	}
	reverse := mustRender(t, []byte("\x1dB\x01ab\n"))
	if got, cells := inkDots(reverse), 2*12*24; got < cells/2 {
		t.Errorf("reverse text has %d dots of ink, want over half of %d", got, cells)
	}
}

func TestRenderSkipsWhatItDoesNotDraw(t *testing.T) {
	tests := []struct {
		name   string
		stream []byte
	}{
		{"status request", []byte{0x10, 0x04, 0x01}},
		{"drawer pulse", []byte{0x1b, 0x70, 0, 25, 250}},
		{"beep", []byte{0x1b, 0x28, 0x41, 4, 0, 48, 55, 3, 10}},
		{"unknown escape", []byte{0x1b, 0xff}},
		{"bell", []byte{0x07}},
		{"NUL bytes", []byte{0, 0, 0}},
	}
	want := mustRender(t, []byte("ok\n"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustRender(t, append(append([]byte("ok"), tt.stream...), '\n'))
			if !bytes.Equal(got.Pix, want.Pix) {
				t.Error("the command changed the printed text")
			}
		})
	}
}

func TestRenderBarcodePlaceholder(t *testing.T) {
	img := mustRender(t, []byte("\x1dh\x50\x1dk\x04A-007\x00"))
	box := inkBounds(img)
	if box.Dy() != 0x50 {
		t.Errorf("placeholder is %d rows tall, want the barcode height 80", box.Dy())
	}
	if box.Dx() < 7*12 {
		t.Errorf("placeholder is %d dots wide, too narrow for its label", box.Dx())
	}
}

func TestRenderTruncatedStream(t *testing.T) {
	img, err := Render([]byte("ok\n\x1d\x76\x30\x00\x10\x00\x10\x00"), Width80mm)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	want := mustRender(t, []byte("ok\n"))
	if !bytes.Equal(img.Pix, want.Pix) {
		t.Error("a truncated raster changed the image")
	}
}

func TestRenderTooLong(t *testing.T) {
	stream := bytes.Repeat([]byte{'x', 0x1b, 0x64, 255}, 10)
	img, err := Render(stream, Width80mm)
	if !errors.Is(err, ErrTooLong) {
		t.Fatalf("err = %v, want ErrTooLong", err)
	}
	if img == nil || img.Bounds().Dy() != MaxRenderHeight {
		t.Errorf("image = %v, want %d rows", img.Bounds(), MaxRenderHeight)
	}
}

func TestRenderInitClearsStyle(t *testing.T) {
	want := mustRender(t, []byte("ab\n"))
	got := mustRender(t, []byte("\x1d!\x33\x1bE\x01\x1ba\x02\x1b@ab\n"))
	if !bytes.Equal(got.Pix, want.Pix) {
		t.Error("ESC @ left a style in force")
	}
}

func TestRenderConcurrent(t *testing.T) {
	files := fixtureFiles(t)
	streams := make([][]byte, len(files))
	want := make([][]byte, len(files))
	for i, path := range files {
		streams[i] = readFile(t, path)
		want[i] = mustRender(t, streams[i]).Pix
	}

	errs := make(chan error, len(files))
	for i, path := range files {
		go func() {
			img, err := Render(streams[i], Width80mm)
			if err == nil && !bytes.Equal(img.Pix, want[i]) {
				err = errors.New(path + " drawn differently when rendered concurrently")
			}
			errs <- err
		}()
	}
	for range files {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestRenderHorizontalPosition(t *testing.T) {
	tests := []struct {
		name       string
		stream     []byte
		minX, maxX int // where the ink of "X" may start
	}{
		{"left margin 100", []byte("\x1dL\x64\x00X\n"), 100, 112},
		{"tab to column 8", []byte("\tX\n"), 96, 108},
		{"absolute position 300", []byte("\x1b$\x2c\x01X\n"), 300, 312},
		{"relative position 50", []byte("\x1b\\\x32\x00X\n"), 50, 62},
		{"tab stop at column 3", []byte("\x1bD\x03\x00\tX\n"), 36, 48},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			box := inkBounds(mustRender(t, tt.stream))
			if box.Min.X < tt.minX || box.Min.X >= tt.maxX {
				t.Errorf("ink starts at x=%d, want %d..%d", box.Min.X, tt.minX, tt.maxX-1)
			}
		})
	}
}

func TestRenderFontB(t *testing.T) {
	fontA := inkBounds(mustRender(t, []byte("H\n")))
	fontB := inkBounds(mustRender(t, []byte("\x1bM\x01H\n")))
	if fontB.Dy() >= fontA.Dy() {
		t.Errorf("font B H is %d rows tall, font A %d; want shorter", fontB.Dy(), fontA.Dy())
	}
}
