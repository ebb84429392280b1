package receipt

import (
	"fmt"
	"strings"

	"github.com/skip2/go-qrcode"

	"frontdesk/devices/arabic"
	"frontdesk/devices/escpos"
)

// QR module sizes in dots. A raster QR costs a byte per 8 dots of each
// row, so it uses 4-dot (0.5 mm at 203 dpi) modules, which the gozxing
// reader decodes in the tests. NOTE: the raster size has not been tried
// with phone cameras on real thermal paper. The native
// command sends the same bytes at any module size, so it uses up to 6 dots
// where the paper has room.
const (
	rasterModuleDots    = 4
	maxNativeModuleDots = 6
	minNativeModuleDots = 3
	quietZoneModules    = 4 // the blank margin QR readers need on each side
)

// fontA and fontB select the normal font A or the smaller font B (ESC M n).
var (
	fontA = []byte{0x1b, 'M', 0}
	fontB = []byte{0x1b, 'M', 1}
)

// qr prints link as a QR code at error correction level M: with the
// printer's own command when the profile has it, else as a raster. The
// blank lines above and below are the quiet zone, which costs 3 bytes as a
// feed and hundreds as raster rows.
func (l *Layout) qr(e *escpos.Encoder, link string) error {
	code, err := qrcode.New(link, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("%w: QR code of %q: %w", ErrInvalidReceipt, link, err)
	}
	modules := 17 + 4*code.VersionNumber

	e.Feed(1)
	if l.profile.NativeQR {
		size := l.profile.WidthDots / (modules + 2*quietZoneModules)
		size = max(minNativeModuleDots, min(maxNativeModuleDots, size))
		e.QR(link, size, escpos.QRLevelM)
	} else {
		if width := modules * rasterModuleDots; width > l.profile.WidthDots {
			return fmt.Errorf("%w: QR code of a %d-byte link is %d dots wide, more than the paper's %d; shorten the link",
				ErrInvalidReceipt, len(link), width, l.profile.WidthDots)
		}
		code.DisableBorder = true
		e.Raster(qrImage(code.Bitmap(), rasterModuleDots))
	}
	e.Feed(1)
	return nil
}

// qrImage scales a QR symbol, one bool a module, to module dots a side.
func qrImage(symbol [][]bool, module int) *arabic.Bitmap {
	img := arabic.NewBitmap(len(symbol)*module, len(symbol)*module)
	for y, row := range symbol {
		for x, dark := range row {
			if !dark {
				continue
			}
			for dy := range module {
				for dx := range module {
					img.SetInk(x*module+dx, y*module+dy)
				}
			}
		}
	}
	return img
}

// link prints an upload link under its QR code in the small font B, so a
// citizen without a camera can type it.
func (l *Layout) link(e *escpos.Encoder, link string) {
	e.Raw(fontB)
	e.Line(link)
	e.Raw(fontA)
}

// cleanLink returns the sanitised link, or an error when it holds anything
// but printable ASCII, which a URL as built by frontdesk never does.
func cleanLink(link string) (string, error) {
	clean := strings.TrimSpace(escpos.Sanitize(link))
	if !escpos.IsPrintableASCII(clean) {
		return "", fmt.Errorf("%w: upload link %q is not printable ASCII; percent-encode it", ErrInvalidReceipt, link)
	}
	return clean, nil
}
