package main

import (
	"context"
	"fmt"
	"frontdesk/devices/arabic"
	"image"
	"image/color"
	"io"
	"text/tabwriter"
	"time"

	"github.com/skip2/go-qrcode"

	"frontdesk/devices/escpos"
	"frontdesk/devices/printer"
)

const printerUsage = `usage: frontdeskctl printer list|status|test

  list    list the serial devices with their /dev/serial/by-id names
  status  ask the configured printer for its status: exit 0 if it can print
  test    print a test page: text sizes, bold, alignment, a raster image,
          a QR code and the code page table of the printer profile
`

// Time limits of the printer commands. A test page at 9600 baud takes
// about 10 seconds on the wire.
const (
	printerStatusTimeout = 10 * time.Second
	printerTestTimeout   = 2 * time.Minute
)

// testPageURL is the link in the test page's QR code.
const testPageURL = "https://frontdesk.example/test"

// runPrinter runs "frontdeskctl printer". open returns the configured
// printer and its profile; the caller closes the printer.
func runPrinter(args []string, stdout, stderr io.Writer,
	open func() (printer.Printer, escpos.Profile, error)) int {
	if len(args) != 1 {
		fmt.Fprint(stderr, printerUsage)
		return 2
	}

	var err error
	switch args[0] {
	case "list":
		err = listPrinterPorts(stdout)
	case "status":
		err = printPrinterStatus(stdout, open)
	case "test":
		err = printTestPage(stdout, open)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, printerUsage)
		return 0
	default:
		fmt.Fprintf(stderr, "frontdeskctl: unknown printer command %q\n%s", args[0], printerUsage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "frontdeskctl: printer %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

func listPrinterPorts(stdout io.Writer) error {
	ports, err := printer.List()
	if err != nil {
		return err
	}
	if len(ports) == 0 {
		fmt.Fprintln(stdout, "no serial devices found")
		return nil
	}

	w := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(w, "DEVICE\tBY-ID")
	for _, p := range ports {
		byID := p.ByID
		if byID == "" {
			byID = "-"
		}
		fmt.Fprintf(w, "%s\t%s\n", p.Path, byID)
	}
	return w.Flush()
}

// printPrinterStatus prints the decoded status and returns an error when
// the printer cannot print, so that the exit code shows it too.
func printPrinterStatus(stdout io.Writer, open func() (printer.Printer, escpos.Profile, error)) error {
	p, _, err := open()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), printerStatusTimeout)
	defer cancel()

	status, err := p.Status(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "status: %s\n", status)
	if status.Replies != [4]byte{} {
		fmt.Fprintf(stdout, "replies to DLE EOT 1-4: % X\n", status.Replies[:])
	}
	return status.Err()
}

func printTestPage(stdout io.Writer, open func() (printer.Printer, escpos.Profile, error)) error {
	p, profile, err := open()
	if err != nil {
		return err
	}
	page, err := testPage(profile)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(context.Background(), printerTestTimeout)
	defer cancel()
	if err := p.Print(ctx, page); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "test page sent: %d bytes\n", len(page))
	return nil
}

// testPage returns a page with every element a receipt uses, and the
// characters 0x80 to 0xFF of the profile's code page.
func testPage(profile escpos.Profile) ([]byte, error) {
	e := escpos.NewEncoder()
	e.Init()
	if profile.CancelKanji {
		e.CancelKanji()
	}
	e.CodePage(profile.CodePage)

	e.Align(escpos.AlignCenter)
	e.Size(2, 2)
	e.Line("PRINTER TEST")
	e.Size(1, 1)
	e.Line("frontdesk")
	e.Feed(1)

	e.Align(escpos.AlignLeft)
	e.Line("profile: " + escpos.Sanitize(profile.Name))
	e.Line(fmt.Sprintf("width: %d dots, code page: %d", profile.WidthDots, profile.CodePage))
	e.Line(fmt.Sprintf("native QR: %t, FS .: %t", profile.NativeQR, profile.CancelKanji))
	e.Line(fmt.Sprintf("cut: % X", profile.Cut))
	e.Feed(1)

	writeTestElements(e)
	if err := writeArabicSample(e, profile); err != nil {
		return nil, err
	}
	e.Raster(ruler(profile.WidthDots))
	e.Feed(1)
	if err := writeTestQR(e, profile); err != nil {
		return nil, err
	}
	writeCodePageTable(e, profile)

	e.Feed(4)
	e.Raw(profile.Cut)
	if err := e.Err(); err != nil {
		return nil, fmt.Errorf("encode test page: %w", err)
	}
	return e.Bytes(), nil
}

// writeArabicSample writes a mixed Arabic and Latin line as the raster
// image every receipt draws its Arabic with.
func writeArabicSample(e *escpos.Encoder, profile escpos.Profile) error {
	r, err := arabic.NewRenderer()
	if err != nil {
		return err
	}
	img, err := r.Draw("اختبار الطابعة: رقم التذكرة A-007", arabic.Options{
		Size: 24, MaxWidth: profile.WidthDots, Fit: arabic.FitShrink, Align: arabic.AlignCenter,
	})
	if err != nil {
		return fmt.Errorf("draw the Arabic sample: %w", err)
	}
	e.Align(escpos.AlignCenter)
	e.Raster(img)
	e.Align(escpos.AlignLeft)
	e.Feed(1)
	return nil
}

// writeTestElements writes the alignments, sizes and bold.
func writeTestElements(e *escpos.Encoder) {
	for _, a := range []escpos.Alignment{escpos.AlignLeft, escpos.AlignCenter, escpos.AlignRight} {
		e.Align(a)
		e.Line("aligned " + a.String())
	}
	e.Align(escpos.AlignLeft)
	for _, size := range [][2]int{{1, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 3}} {
		e.Size(size[0], size[1])
		e.Line(fmt.Sprintf("%dx%d A-007", size[0], size[1]))
	}
	e.Size(1, 1)
	e.Bold(true)
	e.Line("bold A-007")
	e.Bold(false)
	e.Line("regular A-007")
	e.Feed(1)
}

// ruler returns an image as wide as the paper: a frame, a tick every 8
// dots and a longer one every 64, so a cut-off edge or a shifted image
// shows at once.
func ruler(width int) image.Image {
	const height = 48
	img := image.NewGray(image.Rect(0, 0, width, height))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for x := range width {
		img.SetGray(x, 0, color.Gray{})
		img.SetGray(x, height-1, color.Gray{})
		tick := 0
		switch {
		case x%64 == 0:
			tick = height / 2
		case x%8 == 0:
			tick = height / 4
		}
		for y := range tick {
			img.SetGray(x, y, color.Gray{})
		}
	}
	for y := range height {
		img.SetGray(0, y, color.Gray{})
		img.SetGray(width-1, y, color.Gray{})
	}
	return img
}

// writeTestQR writes the test link as a QR code: the printer's own
// command when the profile has one, and a raster image otherwise.
func writeTestQR(e *escpos.Encoder, profile escpos.Profile) error {
	e.Align(escpos.AlignCenter)
	if profile.NativeQR {
		e.QR(testPageURL, 6, escpos.QRLevelM)
	} else {
		img, err := rasterQR(testPageURL, 6)
		if err != nil {
			return err
		}
		e.Raster(img)
	}
	e.Line(testPageURL)
	e.Align(escpos.AlignLeft)
	e.Feed(1)
	return nil
}

// rasterQR draws data as a QR code at error correction M with modules of
// module dots, and its quiet zone.
func rasterQR(data string, module int) (image.Image, error) {
	qr, err := qrcode.New(data, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("draw test QR code: %w", err)
	}
	bits := qr.Bitmap()
	size := len(bits) * module
	img := image.NewGray(image.Rect(0, 0, size, size))
	for y := range size {
		for x := range size {
			if !bits[y/module][x/module] {
				img.Pix[img.PixOffset(x, y)] = 0xff
			}
		}
	}
	return img, nil
}

// writeCodePageTable writes bytes 0x80 to 0xFF in rows of 16 as the
// printer's code page shows them. Paper narrower than 35 columns of the
// 12-dot font gets the rows without spaces.
func writeCodePageTable(e *escpos.Encoder, profile escpos.Profile) {
	spaced := profile.WidthDots/12 >= 35
	e.Line(fmt.Sprintf("code page %d, bytes 80-FF:", profile.CodePage))
	header := "   0123456789ABCDEF"
	if spaced {
		header = "   0 1 2 3 4 5 6 7 8 9 A B C D E F"
	}
	e.Line(header)

	for high := 0x8; high <= 0xf; high++ {
		row := []byte(fmt.Sprintf("%Xx ", high))
		for low := range 16 {
			if spaced && low > 0 {
				row = append(row, ' ')
			}
			row = append(row, byte(high<<4|low))
		}
		// The bytes go out raw because Text keeps only ASCII.
		e.Raw(append(row, '\n'))
	}
	e.Feed(1)
}
