package receipt

import (
	"fmt"
	"time"

	"github.com/skip2/go-qrcode"

	"frontdesk/devices/escpos"
)

// Samples of the test page.
const (
	testArabicSample = "رقم التذكرة A-007 - المساعدات الاجتماعية ٠١٢٣٤٥٦٧٨٩"
	testQRData       = "https://upload.example/u/printer-test"
)

// TestPage returns the ESC/POS bytes of the printer test page, for people
// who install and repair printers. It prints the profile, every text size
// and style, the alignments, both fonts and Arabic drawn as a raster. Then
// come the code page table of the profile, a QR code as the receipts send
// it, a raster QR code, and the cut.
func (l *Layout) TestPage(now time.Time) ([]byte, error) {
	e := l.begin()
	if err := l.pair(e, LangArabic, phraseTestPage.ar, mark, phraseTestPage.en, mark); err != nil {
		return nil, err
	}
	e.Line(formatTime(now))
	e.Feed(1)

	e.Align(escpos.AlignLeft)
	l.testProfile(e)
	l.testText(e)
	e.Align(escpos.AlignCenter)

	e.Line("Arabic raster:")
	if err := l.line(e, testArabicSample, body); err != nil {
		return nil, err
	}
	if err := l.line(e, testArabicSample, style{dots: headingDots, bold: true}); err != nil {
		return nil, err
	}
	e.Feed(1)

	e.Align(escpos.AlignLeft)
	l.codePageTable(e)
	e.Align(escpos.AlignCenter)

	e.Line("QR code as receipts send it:")
	if err := l.qr(e, testQRData); err != nil {
		return nil, err
	}
	if l.profile.NativeQR {
		e.Line("Raster QR code:")
		code, err := qrcode.New(testQRData, qrcode.Medium)
		if err != nil {
			return nil, fmt.Errorf("receipt: test QR code: %w", err)
		}
		code.DisableBorder = true
		e.Feed(1)
		e.Raster(qrImage(code.Bitmap(), rasterModuleDots))
		e.Feed(1)
	}
	l.link(e, testQRData)
	return l.end(e)
}

// testProfile prints the settings of the profile.
func (l *Layout) testProfile(e *escpos.Encoder) {
	p := l.profile
	e.Line("Profile: " + escpos.Sanitize(p.Name))
	e.Line(fmt.Sprintf("Width: %d dots, %d columns", p.WidthDots, p.WidthDots/fontADots))
	e.Line(fmt.Sprintf("Code page: %d", p.CodePage))
	e.Line(fmt.Sprintf("Native QR: %s", yesNo(p.NativeQR)))
	e.Line(fmt.Sprintf("Cancel kanji (FS .): %s", yesNo(p.CancelKanji)))
	e.Line(fmt.Sprintf("Cut: % X", p.Cut))
	e.Feed(1)
}

// testText prints the sizes, bold, alignments and fonts.
func (l *Layout) testText(e *escpos.Encoder) {
	for size := 1; size <= maxNumberSize; size++ {
		l.text(e, fmt.Sprintf("Size %dx%d", size, size), style{width: size, height: size})
	}
	l.text(e, "Bold text", style{width: 1, height: 1, bold: true})
	e.Raw(fontB)
	e.Line("Font B: the small font of the links")
	e.Raw(fontA)
	for _, a := range []escpos.Alignment{escpos.AlignLeft, escpos.AlignCenter, escpos.AlignRight} {
		e.Align(a)
		e.Line("Align " + a.String())
	}
	e.Align(escpos.AlignLeft)
	e.Feed(1)
}

// codePageTable prints the characters 0x20 to 0xFF of the selected code
// page, 16 a row, so a technician can see which table the printer uses.
// The bytes above 0x7F are sent as they are: they are not control bytes,
// and which character each one shows is what the table is for.
func (l *Layout) codePageTable(e *escpos.Encoder) {
	e.Line(fmt.Sprintf("Code page %d:", l.profile.CodePage))
	for row := 0x20; row < 0x100; row += 0x10 {
		e.Text(fmt.Sprintf("%X_ ", row>>4))
		chars := make([]byte, 0, 16)
		for c := row; c < row+0x10; c++ {
			if c == 0x7f {
				chars = append(chars, ' ') // DEL prints nothing, or worse
				continue
			}
			chars = append(chars, byte(c))
		}
		e.Raw(chars)
		e.Line("")
	}
	e.Feed(1)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
