package escpos

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden files from the current output")

// checkGolden compares got with testdata/NAME.golden, or rewrites the file
// when the test runs with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file: %v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("bytes differ from %s\n got % X\nwant % X", path, got, want)
	}
}

func TestEncoderCommands(t *testing.T) {
	tests := []struct {
		name  string
		write func(e *Encoder)
		want  []byte
	}{
		{"init", (*Encoder).Init, []byte{0x1b, 0x40}},
		{"align left", func(e *Encoder) { e.Align(AlignLeft) }, []byte{0x1b, 0x61, 0}},
		{"align center", func(e *Encoder) { e.Align(AlignCenter) }, []byte{0x1b, 0x61, 1}},
		{"align right", func(e *Encoder) { e.Align(AlignRight) }, []byte{0x1b, 0x61, 2}},
		{"size normal", func(e *Encoder) { e.Size(1, 1) }, []byte{0x1d, 0x21, 0x00}},
		{"size double width", func(e *Encoder) { e.Size(2, 1) }, []byte{0x1d, 0x21, 0x10}},
		{"size double height", func(e *Encoder) { e.Size(1, 2) }, []byte{0x1d, 0x21, 0x01}},
		{"size largest", func(e *Encoder) { e.Size(8, 8) }, []byte{0x1d, 0x21, 0x77}},
		{"size 3 by 5", func(e *Encoder) { e.Size(3, 5) }, []byte{0x1d, 0x21, 0x24}},
		{"bold on", func(e *Encoder) { e.Bold(true) }, []byte{0x1b, 0x45, 1}},
		{"bold off", func(e *Encoder) { e.Bold(false) }, []byte{0x1b, 0x45, 0}},
		{"text", func(e *Encoder) { e.Text("A-007") }, []byte("A-007")},
		{"line", func(e *Encoder) { e.Line("Hi") }, []byte("Hi\n")},
		{"empty line", func(e *Encoder) { e.Line("") }, []byte{0x0a}},
		{"feed 0", func(e *Encoder) { e.Feed(0) }, []byte{0x1b, 0x64, 0}},
		{"feed 3", func(e *Encoder) { e.Feed(3) }, []byte{0x1b, 0x64, 3}},
		{"feed 255", func(e *Encoder) { e.Feed(255) }, []byte{0x1b, 0x64, 255}},
		{"feed 300", func(e *Encoder) { e.Feed(300) }, []byte{0x1b, 0x64, 255, 0x1b, 0x64, 45}},
		{"cut", (*Encoder).Cut, []byte{0x1d, 0x56, 0x42, 0x00}},
		{"code page", func(e *Encoder) { e.CodePage(17) }, []byte{0x1b, 0x74, 17}},
		{"cancel kanji", (*Encoder).CancelKanji, []byte{0x1c, 0x2e}},
		{"raw", func(e *Encoder) { e.Raw([]byte{0x1b, 0x69}) }, []byte{0x1b, 0x69}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEncoder()
			tt.write(e)
			if got := e.Bytes(); !bytes.Equal(got, tt.want) {
				t.Errorf("bytes = % X, want % X", got, tt.want)
			}
			if e.Len() != len(tt.want) {
				t.Errorf("Len() = %d, want %d", e.Len(), len(tt.want))
			}
			if err := e.Err(); err != nil {
				t.Errorf("Err() = %v, want nil", err)
			}
		})
	}
}

func TestEncoderInvalidArguments(t *testing.T) {
	tests := []struct {
		name  string
		write func(e *Encoder)
		want  []byte // what is still sent
	}{
		{"size zero clamps to 1", func(e *Encoder) { e.Size(0, 0) }, []byte{0x1d, 0x21, 0x00}},
		{"size 9 clamps to 8", func(e *Encoder) { e.Size(9, 1) }, []byte{0x1d, 0x21, 0x70}},
		{"unknown alignment", func(e *Encoder) { e.Align(3) }, nil},
		{"negative feed", func(e *Encoder) { e.Feed(-1) }, nil},
		{"empty QR", func(e *Encoder) { e.QR("", 4, QRLevelM) }, nil},
		{"QR too long", func(e *Encoder) { e.QR(strings.Repeat("1", MaxQRData+1), 4, QRLevelM) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEncoder()
			tt.write(e)
			if got := e.Bytes(); !bytes.Equal(got, tt.want) {
				t.Errorf("bytes = % X, want % X", got, tt.want)
			}
			if err := e.Err(); !errors.Is(err, ErrInvalidArgument) {
				t.Errorf("Err() = %v, want ErrInvalidArgument", err)
			}
		})
	}
}

func TestEncoderTextDropsUnprintable(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"ascii", "Counter 3", "Counter 3"},
		{"control bytes", "a\x00b\x1bc\x1dd\x7fe\n\t\r", "abcde"},
		{"escape sequence", "\x1b@\x1dV\x42\x00", "@VB"},
		{"c1 controls", "x\u0085y\u009bz", "xyz"},
		{"arabic", "مرحبا A-007", " A-007"},
		{"latin-1", "café", "caf"},
		{"invalid utf-8", "a\xffb", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEncoder()
			e.Text(tt.in)
			got := e.Bytes()
			if string(got) != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if bytes.ContainsAny(got, "?\x1a") && !strings.ContainsAny(tt.in, "?\x1a") {
				t.Errorf("Text(%q) = %q holds a substitute character", tt.in, got)
			}
		})
	}
}

func TestEncoderQR(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		module int
		level  QRLevel
		want   []byte
	}{
		{
			name: "short link level M", data: "https://x.example/u/1", module: 6, level: QRLevelM,
			want: qrBytes("https://x.example/u/1", 6, 49),
		},
		{"level L", "A", 3, QRLevelL, qrBytes("A", 3, 48)},
		{"level Q", "A", 3, QRLevelQ, qrBytes("A", 3, 50)},
		{"level H", "A", 3, QRLevelH, qrBytes("A", 3, 51)},
		{"module size clamps to 16", "A", 40, QRLevelM, qrBytes("A", 16, 49)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEncoder()
			e.QR(tt.data, tt.module, tt.level)
			if got := e.Bytes(); !bytes.Equal(got, tt.want) {
				t.Errorf("bytes = % X\nwant  % X", got, tt.want)
			}
		})
	}
}

// qrBytes spells out the five GS ( k commands for one QR code.
func qrBytes(data string, module, level byte) []byte {
	n := len(data) + 3
	out := []byte{
		0x1d, 0x28, 0x6b, 4, 0, 49, 65, 50, 0, // model 2
		0x1d, 0x28, 0x6b, 3, 0, 49, 67, module, // module size
		0x1d, 0x28, 0x6b, 3, 0, 49, 69, level, // error correction
		0x1d, 0x28, 0x6b, byte(n), byte(n >> 8), 49, 80, 48, // store
	}
	out = append(out, data...)
	return append(out, 0x1d, 0x28, 0x6b, 3, 0, 49, 81, 48) // print
}

func TestEncoderQRStoreLength(t *testing.T) {
	tests := []struct {
		dataLen    int
		wantPL     byte
		wantPH     byte
		wantLength int
	}{
		{1, 4, 0, 4},
		{252, 255, 0, 255},
		{253, 0, 1, 256},
		{300, 47, 1, 303},
		{MaxQRData, 0xb4, 0x1b, MaxQRData + 3},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.dataLen)+" bytes", func(t *testing.T) {
			data := strings.Repeat("7", tt.dataLen)
			e := NewEncoder()
			e.QR(data, 4, QRLevelM)
			out := e.Bytes()

			store := bytes.Index(out, []byte{0x1d, 0x28, 0x6b})
			for i := 0; i < 3; i++ { // skip model, module size and level
				store += 3 + bytes.Index(out[store+3:], []byte{0x1d, 0x28, 0x6b})
			}
			pl, ph := out[store+3], out[store+4]
			if pl != tt.wantPL || ph != tt.wantPH {
				t.Errorf("pL pH = %d %d, want %d %d", pl, ph, tt.wantPL, tt.wantPH)
			}
			if got := int(pl) + int(ph)<<8; got != tt.wantLength {
				t.Errorf("stored length = %d, want %d", got, tt.wantLength)
			}
			payload := out[store+8 : store+5+tt.wantLength]
			if string(payload) != data {
				t.Errorf("payload of %d bytes differs from data", len(payload))
			}
			if tail := out[store+5+tt.wantLength:]; len(tail) != 8 || tail[6] != 81 {
				t.Errorf("print command after the data = % X, want GS ( k 3 0 49 81 48", tail)
			}
		})
	}
}

func TestEncoderRasterBands(t *testing.T) {
	tests := []struct {
		width, height int
		wantBands     []int // rows of each GS v 0 command
	}{
		{8, 1, []int{1}},
		{13, 5, []int{5}},
		{576, 2303, []int{2303}},
		{576, 2304, []int{2303, 1}},
		{576, 4607, []int{2303, 2303, 1}},
		{9, 4606, []int{2303, 2303}},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.width)+"x"+strconv.Itoa(tt.height), func(t *testing.T) {
			e := NewEncoder()
			e.Raster(image.NewGray(image.Rect(0, 0, tt.width, tt.height)))
			out := e.Bytes()
			rowBytes := (tt.width + 7) / 8

			var bands []int
			for len(out) > 0 {
				if len(out) < 8 || !bytes.Equal(out[:4], []byte{0x1d, 0x76, 0x30, 0}) {
					t.Fatalf("expected GS v 0 0 at offset %d, got % X", e.Len()-len(out), out[:min(8, len(out))])
				}
				xb := int(out[4]) | int(out[5])<<8
				rows := int(out[6]) | int(out[7])<<8
				if xb != rowBytes {
					t.Errorf("bytes per row = %d, want %d", xb, rowBytes)
				}
				if rows > MaxRasterRows {
					t.Errorf("band of %d rows exceeds %d", rows, MaxRasterRows)
				}
				bands = append(bands, rows)
				if len(out) < 8+xb*rows {
					t.Fatalf("band data has %d bytes, want %d", len(out)-8, xb*rows)
				}
				out = out[8+xb*rows:]
			}
			if !equalInts(bands, tt.wantBands) {
				t.Errorf("bands = %v, want %v", bands, tt.wantBands)
			}
			wantLen := len(tt.wantBands)*8 + rowBytes*tt.height
			if e.Len() != wantLen {
				t.Errorf("Len() = %d, want %d", e.Len(), wantLen)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestEncoderRasterPixels(t *testing.T) {
	// A 10x2 image: row 0 has black at x=0 and x=9, row 1 is a dark gray
	// at x=1, a light gray at x=2, transparent black at x=3 and opaque
	// black at x=8.
	img := image.NewNRGBA(image.Rect(0, 0, 10, 2))
	for y := 0; y < 2; y++ {
		for x := 0; x < 10; x++ {
			img.Set(x, y, color.White)
		}
	}
	img.Set(0, 0, color.Black)
	img.Set(9, 0, color.Black)
	img.Set(1, 1, color.Gray{Y: 0x40})
	img.Set(2, 1, color.Gray{Y: 0xc0})
	img.Set(3, 1, color.NRGBA{A: 0})
	img.Set(8, 1, color.NRGBA{A: 0xff})

	want := []byte{0x1d, 0x76, 0x30, 0, 2, 0, 2, 0,
		0x80, 0x40,
		0x40, 0x80,
	}
	tests := []struct {
		name string
		img  image.Image
	}{
		{"NRGBA", img},
		{"Gray", toGray(img)},
		{"Gray sub-image", toGray(img).SubImage(image.Rect(0, 0, 10, 2))},
		{"RGBA", toRGBA(img)},
		{"RGBA sub-image", toRGBA(img).SubImage(image.Rect(0, 0, 10, 2))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEncoder()
			e.Raster(tt.img)
			if got := e.Bytes(); !bytes.Equal(got, want) {
				t.Errorf("bytes = % X\nwant  % X", got, want)
			}
		})
	}
}

func toRGBA(src image.Image) *image.RGBA {
	dst := image.NewRGBA(src.Bounds())
	draw.Draw(dst, dst.Bounds(), src, src.Bounds().Min, draw.Src)
	return dst
}

func toGray(src image.Image) *image.Gray {
	b := src.Bounds()
	dst := image.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if isDark(src, x, y) {
				dst.SetGray(x, y, color.Gray{})
			} else {
				dst.SetGray(x, y, color.Gray{Y: 0xff})
			}
		}
	}
	return dst
}

func TestEncoderRasterOffsetBounds(t *testing.T) {
	img := image.NewGray(image.Rect(5, 7, 13, 9))
	for x := 5; x < 13; x++ {
		img.SetGray(x, 7, color.Gray{Y: 0xff})
		img.SetGray(x, 8, color.Gray{Y: 0xff})
	}
	img.SetGray(5, 8, color.Gray{})
	e := NewEncoder()
	e.Raster(img)
	want := []byte{0x1d, 0x76, 0x30, 0, 1, 0, 2, 0, 0x00, 0x80}
	if got := e.Bytes(); !bytes.Equal(got, want) {
		t.Errorf("bytes = % X, want % X", got, want)
	}
}

func TestEncoderRasterEmpty(t *testing.T) {
	e := NewEncoder()
	e.Raster(image.NewGray(image.Rect(0, 0, 0, 10)))
	if e.Len() != 0 {
		t.Errorf("Len() = %d after an empty image, want 0", e.Len())
	}
}

func TestEncoderBytesIsCopy(t *testing.T) {
	e := NewEncoder()
	e.Init()
	b := e.Bytes()
	b[0] = 'X'
	if e.Bytes()[0] != 0x1b {
		t.Error("changing the slice from Bytes changed the encoder's buffer")
	}
}

func TestEncoderZeroValue(t *testing.T) {
	var e Encoder
	e.Line("ok")
	if got := string(e.Bytes()); got != "ok\n" {
		t.Errorf("zero Encoder wrote %q, want %q", got, "ok\n")
	}
}

// TestEncoderGolden checks whole receipts against byte files, so that any
// change in what goes on the wire shows up as a diff of a testdata file.
func TestEncoderGolden(t *testing.T) {
	logo := image.NewGray(image.Rect(0, 0, 20, 3))
	for i := range logo.Pix {
		logo.Pix[i] = byte(i * 37)
	}
	tests := []struct {
		name  string
		write func(e *Encoder)
	}{
		{"ticket", func(e *Encoder) {
			e.Init()
			e.CodePage(0)
			e.Align(AlignCenter)
			e.Bold(true)
			e.Line("Social Services Department")
			e.Bold(false)
			e.Size(4, 4)
			e.Line("A-007")
			e.Size(1, 1)
			e.Line("2026-12-04 16:20")
			e.Line("People ahead: 3")
			e.QR("https://upload.example/u/AAECAwQFBgcICQ", 6, QRLevelM)
			e.Feed(3)
			e.Cut()
		}},
		{"clone-printer", func(e *Encoder) {
			e.Init()
			e.CancelKanji()
			e.CodePage(16)
			e.Align(AlignLeft)
			e.Line("Receipt\x1b@ with \x00 control bytes")
			e.Raster(logo)
			e.Feed(2)
			e.Raw([]byte{0x1b, 0x69})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEncoder()
			tt.write(e)
			if err := e.Err(); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "encoder-"+tt.name, e.Bytes())
		})
	}
}

func TestEncoderRasterNearlyTransparent(t *testing.T) {
	// A black pixel at 1/256 opacity leaves the paper white; an opaque
	// black one prints.
	img := image.NewRGBA64(image.Rect(0, 0, 2, 1))
	img.SetRGBA64(0, 0, color.RGBA64{A: 0xff})
	img.SetRGBA64(1, 0, color.RGBA64{A: 0xffff})
	e := NewEncoder()
	e.Raster(img)
	want := []byte{0x1d, 0x76, 0x30, 0, 1, 0, 1, 0, 0x40}
	if got := e.Bytes(); !bytes.Equal(got, want) {
		t.Errorf("bytes = % X, want % X", got, want)
	}
}

func TestEncoderBegin(t *testing.T) {
	tests := []struct {
		name    string
		profile Profile
		want    []byte
	}{
		{"default", DefaultProfile(), []byte{0x1b, 0x40, 0x1b, 0x74, 0}},
		{
			"clone with code page 16",
			Profile{Name: "clone", WidthDots: 384, CodePage: 16, CancelKanji: true, Cut: []byte{0x1b, 0x69}},
			[]byte{0x1b, 0x40, 0x1c, 0x2e, 0x1b, 0x74, 16},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEncoder()
			e.Begin(tt.profile)
			if got := e.Bytes(); !bytes.Equal(got, tt.want) {
				t.Errorf("bytes = % X, want % X", got, tt.want)
			}
		})
	}
}

func ExampleEncoder() {
	e := NewEncoder()
	e.Begin(DefaultProfile())
	e.Align(AlignCenter)
	e.Size(2, 2)
	e.Line("A-007")
	e.Raw(DefaultProfile().Cut)
	fmt.Printf("% X\n", e.Bytes())
	// Output: 1B 40 1B 74 00 1B 61 01 1D 21 11 41 2D 30 30 37 0A 1D 56 42 00
}
