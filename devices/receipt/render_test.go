package receipt

import (
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"frontdesk/devices/escpos"
)

var previewDir = os.Getenv("RECEIPT_PREVIEW_DIR")

// savePreview writes img as a PNG to the folder named by the environment
// variable RECEIPT_PREVIEW_DIR, when it is set, for a person to look at.
func savePreview(t *testing.T, name string, stream []byte, width int) {
	t.Helper()
	if previewDir == "" {
		return
	}
	img, err := escpos.Render(stream, width)
	if err != nil {
		t.Fatalf("render %s: %v", name, err)
	}
	f, err := os.Create(filepath.Join(previewDir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func TestTicketRenderedQRReadsLink(t *testing.T) {
	for _, profile := range []escpos.Profile{escpos.DefaultProfile(), rasterProfile()} {
		t.Run(profile.Name, func(t *testing.T) {
			l := newTestLayout(t, profile)
			stream, err := l.Ticket(sampleTicket())
			if err != nil {
				t.Fatal(err)
			}
			savePreview(t, "ticket-"+profile.Name, stream, profile.WidthDots)

			img, err := escpos.Render(stream, profile.WidthDots)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			bitmap, err := gozxing.NewBinaryBitmapFromImage(img)
			if err != nil {
				t.Fatal(err)
			}
			hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
			result, err := qrcode.NewQRCodeReader().Decode(bitmap, hints)
			if err != nil {
				t.Fatalf("QR reader finds no QR code in the rendered ticket: %v", err)
			}
			if result.GetText() != testLink {
				t.Errorf("rendered QR code reads %q, want %q", result.GetText(), testLink)
			}
		})
	}
}

func TestTicketQRCodesAtLevelM(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	stream, err := l.Ticket(sampleTicket())
	if err != nil {
		t.Fatal(err)
	}
	codes, err := escpos.QRCodes(stream)
	if err != nil {
		t.Fatalf("QRCodes: %v", err)
	}
	if len(codes) != 1 {
		t.Fatalf("%d QR codes, want 1", len(codes))
	}
	if got := string(codes[0].Data); got != testLink {
		t.Errorf("QR data %q, want %q", got, testLink)
	}
	if codes[0].Level != escpos.QRLevelM {
		t.Errorf("QR level %v, want M", codes[0].Level)
	}
	if !slices.Contains([]int{3, 4, 5, 6}, codes[0].ModuleSize) {
		t.Errorf("QR module size %d dots, want 3 to 6", codes[0].ModuleSize)
	}
}
