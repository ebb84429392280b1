package escpos

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

// qrFixtureCodes is the number of QR codes escpos-php-qr-code.bin prints:
// one plain and one centred, three data kinds, four error correction
// levels, seven module sizes and three models.
const qrFixtureCodes = 1 + 1 + 3 + 4 + 7 + 3

func TestQRCodesFixture(t *testing.T) {
	stream, err := os.ReadFile(filepath.Join("testdata", "fixtures", "escpos-php-qr-code.bin"))
	if err != nil {
		t.Fatal(err)
	}
	codes, err := QRCodes(stream)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != qrFixtureCodes {
		t.Fatalf("QRCodes found %d codes, want %d", len(codes), qrFixtureCodes)
	}
	if got := string(codes[0].Data); got != "Testing 123" {
		t.Errorf("first code holds %q, want %q", got, "Testing 123")
	}
	wantSizes := []int{1, 2, 3, 4, 5, 10, 16}
	for i, want := range wantSizes {
		if got := codes[9+i].ModuleSize; got != want {
			t.Errorf("code %d: module size %d, want %d", 9+i, got, want)
		}
	}
	wantLevels := []QRLevel{QRLevelL, QRLevelM, QRLevelQ, QRLevelH}
	for i, want := range wantLevels {
		if got := codes[5+i].Level; got != want {
			t.Errorf("code %d: level %v, want %v", 5+i, got, want)
		}
	}
}

// TestRenderQRFixtureDecodes renders the escpos-php QR stream to PNG bytes,
// reads the PNG back and decodes every QR code in it with a QR reader.
func TestRenderQRFixtureDecodes(t *testing.T) {
	stream, err := os.ReadFile(filepath.Join("testdata", "fixtures", "escpos-php-qr-code.bin"))
	if err != nil {
		t.Fatal(err)
	}
	codes, err := QRCodes(stream)
	if err != nil {
		t.Fatal(err)
	}
	img, p, err := render(stream, Width80mm)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.qrBoxes) != qrFixtureCodes {
		t.Fatalf("renderer drew %d QR codes, want %d", len(p.qrBoxes), qrFixtureCodes)
	}
	decoded := pngRoundTrip(t, img)

	for i, box := range p.qrBoxes {
		got, level, err := decodeQRRegion(decoded, box, codes[i].ModuleSize)
		if err != nil {
			t.Errorf("code %d at %v: %v", i, box, err)
			continue
		}
		if !bytes.Equal(got, codes[i].Data) {
			t.Errorf("code %d decodes to %q, want %q", i, got, codes[i].Data)
		}
		if level != codes[i].Level.String() {
			t.Errorf("code %d has error correction %q, want %v", i, level, codes[i].Level)
		}
	}
}

func TestRenderEncoderQRDecodes(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		size  int
		level QRLevel
		align Alignment
	}{
		{"upload link", "https://upload.example/u/AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", 6, QRLevelM, AlignCenter},
		{"long data", strings.Repeat("0123456789abcdef", 20), 3, QRLevelL, AlignLeft},
		{"level H right", "A-007", 4, QRLevelH, AlignRight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEncoder()
			e.Init()
			e.Align(tt.align)
			e.Line("Scan to upload")
			e.QR(tt.data, tt.size, tt.level)
			e.Feed(2)
			e.Cut()

			img, p, err := render(e.Bytes(), Width80mm)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.qrBoxes) != 1 {
				t.Fatalf("renderer drew %d QR codes, want 1", len(p.qrBoxes))
			}
			got, level, err := decodeQRRegion(pngRoundTrip(t, img), p.qrBoxes[0], tt.size)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.data {
				t.Errorf("decoded %q, want %q", got, tt.data)
			}
			if level != tt.level.String() {
				t.Errorf("error correction = %q, want %v", level, tt.level)
			}
		})
	}
}

// pngRoundTrip encodes img as PNG and decodes it again, so that the checks
// read what a PNG file holds.
func pngRoundTrip(t *testing.T, img image.Image) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	decoded, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return decoded
}

// decodeQRRegion crops box from img with a quiet zone of four modules,
// scales it up when the modules are smaller than four pixels, and decodes
// it. The bytes come back as ISO 8859-1 so that binary data survives.
func decodeQRRegion(img image.Image, box image.Rectangle, moduleSize int) (data []byte, level string, err error) {
	quiet := 4 * moduleSize
	scale := max(1, (4+moduleSize-1)/moduleSize)
	size := box.Size().Add(image.Pt(2*quiet, 2*quiet)).Mul(scale)
	region := image.NewGray(image.Rectangle{Max: size})
	draw.Draw(region, region.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			if color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y >= 0x80 {
				continue
			}
			dx, dy := (x-box.Min.X+quiet)*scale, (y-box.Min.Y+quiet)*scale
			draw.Draw(region, image.Rect(dx, dy, dx+scale, dy+scale),
				image.NewUniform(color.Black), image.Point{}, draw.Src)
		}
	}

	bitmap, err := gozxing.NewBinaryBitmapFromImage(region)
	if err != nil {
		return nil, "", err
	}
	hints := map[gozxing.DecodeHintType]any{
		gozxing.DecodeHintType_CHARACTER_SET: "ISO-8859-1",
		gozxing.DecodeHintType_TRY_HARDER:    true,
	}
	result, err := gozxingqr.NewQRCodeReader().Decode(bitmap, hints)
	if err != nil {
		return nil, "", err
	}
	for _, r := range result.GetText() {
		if r > 0xff {
			return nil, "", errors.New("decoded text is not ISO 8859-1")
		}
		data = append(data, byte(r))
	}
	level, _ = result.GetResultMetadata()[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL].(string)
	return data, level, nil
}

func TestQRCodesRoundTrip(t *testing.T) {
	e := NewEncoder()
	e.Init()
	e.QR("first", 5, QRLevelQ)
	e.Line("between")
	e.QR(strings.Repeat("x", 400), 2, QRLevelH)
	e.Init()
	e.QR("after reset", 0, QRLevelM)

	codes, err := QRCodes(e.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := []QRCode{
		{Data: []byte("first"), ModuleSize: 5, Level: QRLevelQ},
		{Data: []byte(strings.Repeat("x", 400)), ModuleSize: 2, Level: QRLevelH},
		{Data: []byte("after reset"), ModuleSize: 1, Level: QRLevelM},
	}
	if len(codes) != len(want) {
		t.Fatalf("QRCodes found %d codes, want %d", len(codes), len(want))
	}
	for i := range want {
		if !bytes.Equal(codes[i].Data, want[i].Data) {
			t.Errorf("code %d data = %q, want %q", i, codes[i].Data, want[i].Data)
		}
		if codes[i].ModuleSize != want[i].ModuleSize {
			t.Errorf("code %d module size = %d, want %d", i, codes[i].ModuleSize, want[i].ModuleSize)
		}
		if codes[i].Level != want[i].Level {
			t.Errorf("code %d level = %v, want %v", i, codes[i].Level, want[i].Level)
		}
	}
}
