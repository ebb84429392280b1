package receipt

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"frontdesk/devices/escpos"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// dubai is the business time zone of the examples, UTC+4 all year.
var dubai = time.FixedZone("Asia/Dubai", 4*60*60)

// testLink is as long as the signed upload links, which stay under 110
// characters.
const testLink = "https://upload.example/u/T1-S1-20261204-A007.1765000000.h2bQm8yV0tLkq3Zx9wRrJf4uPzN6cE1sGa7DdXoIeWU"

func sampleTicket() Ticket {
	return Ticket{
		CentreAR:    "مركز خدمة المتعاملين - دائرة الخدمات الاجتماعية",
		CentreEN:    "Customer Service Centre - Social Services",
		Number:      "A-007",
		ServiceAR:   "المساعدات الاجتماعية",
		ServiceEN:   "Social Assistance",
		Lang:        LangArabic,
		Issued:      time.Date(2026, 12, 4, 9, 5, 0, 0, dubai),
		PeopleAhead: 3,
		UploadURL:   testLink,
	}
}

var (
	testLayoutsMu sync.Mutex
	testLayouts   = map[string]*Layout{} // by profile name
)

// newTestLayout returns a Layout for profile, shared by the tests because
// parsing the fonts is the slowest step under the race detector. A Layout
// is safe for concurrent use and the tests never change one.
func newTestLayout(t testing.TB, profile escpos.Profile) *Layout {
	t.Helper()
	testLayoutsMu.Lock()
	defer testLayoutsMu.Unlock()
	if l, ok := testLayouts[profile.Name]; ok && l.profile.Equal(profile) {
		return l
	}
	l, err := NewLayout(profile)
	if err != nil {
		t.Fatalf("NewLayout: %v", err)
	}
	testLayouts[profile.Name] = l
	return l
}

// rasterProfile is a 58 mm printer without native QR codes.
func rasterProfile() escpos.Profile {
	p := escpos.DefaultProfile()
	p.Name = "test-58mm-raster-qr"
	p.WidthDots = escpos.Width58mm
	p.NativeQR = false
	p.CancelKanji = true
	return p
}

func mustParse(t *testing.T, b []byte) []command {
	t.Helper()
	cmds, err := parseStream(b)
	if err != nil {
		t.Fatalf("parse ticket stream: %v", err)
	}
	return cmds
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: %d bytes differ from the golden file's %d; run go test -update after checking the change",
			name, len(got), len(want))
	}
}

func TestTicketGolden(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	english := sampleTicket()
	english.Lang = LangEnglish
	discreet := sampleTicket()
	discreet.Number = "P-012"
	discreet.ServiceAR = "بلاغات الحماية"
	discreet.ServiceEN = "Protection Reports"
	discreet.Discreet = true
	reprint := sampleTicket()
	reprint.Reprint = true

	tests := []struct {
		name   string
		ticket Ticket
	}{
		{"ticket_ar", sampleTicket()},
		{"ticket_en", english},
		{"ticket_discreet", discreet},
		{"ticket_reprint", reprint},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := l.Ticket(tt.ticket)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tt.name, got)
		})
	}
}

func TestTicketBilingualUnder2KB(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	for _, lang := range []string{LangArabic, LangEnglish} {
		t.Run(lang, func(t *testing.T) {
			ticket := sampleTicket()
			ticket.Lang = lang
			got, err := l.Ticket(ticket)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) > 2048 {
				t.Errorf("bilingual ticket is %d bytes, want at most 2048", len(got))
			}
		})
	}
}

func TestTicketNativeQRHoldsLink(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	got, err := l.Ticket(sampleTicket())
	if err != nil {
		t.Fatal(err)
	}
	cmds := mustParse(t, got)
	if data := qrData(cmds); !slices.Equal(data, []string{testLink}) {
		t.Errorf("QR data %q, want the link %q", data, testLink)
	}
	levels := named(cmds, "GS ( k 169")
	if len(levels) != 1 || !bytes.Equal(levels[0].args, []byte{49}) {
		t.Errorf("error correction commands %v, want one of level M (49)", levels)
	}
	if !bytes.Contains(text(cmds), []byte(testLink+"\n")) {
		t.Error("link is not printed as text under the QR code")
	}
}

func TestTicketRasterQRScans(t *testing.T) {
	l := newTestLayout(t, rasterProfile())
	got, err := l.Ticket(sampleTicket())
	if err != nil {
		t.Fatal(err)
	}
	cmds := mustParse(t, got)
	if data := qrData(cmds); len(data) != 0 {
		t.Errorf("profile without native QR got GS ( k data %q", data)
	}

	// The QR code is the largest raster, and the only square one.
	var qr command
	for _, c := range named(cmds, "GS v 0") {
		if c.width*c.height > qr.width*qr.height {
			qr = c
		}
	}
	modules := qr.height / rasterModuleDots
	if qr.height%rasterModuleDots != 0 || (modules-17)%4 != 0 || modules < 21 {
		t.Errorf("raster QR is %d dots tall, not a QR symbol of 4-dot modules", qr.height)
	}
	if want := (qr.height + 7) / 8 * 8; qr.width != want {
		t.Errorf("raster QR is %dx%d dots, want square (%d dots wide with the byte padding)", qr.width, qr.height, want)
	}

	// The white margin stands for the blank paper around the symbol.
	img := rasterImage(qr, quietZoneModules*rasterModuleDots)
	bitmap, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	result, err := qrcode.NewQRCodeReader().Decode(bitmap, nil)
	if err != nil {
		t.Fatalf("QR reader cannot read the raster QR code: %v", err)
	}
	if result.GetText() != testLink {
		t.Errorf("raster QR code reads %q, want %q", result.GetText(), testLink)
	}
}

func TestTicketArabicNeverSubstituted(t *testing.T) {
	for _, profile := range []escpos.Profile{escpos.DefaultProfile(), rasterProfile()} {
		t.Run(profile.Name, func(t *testing.T) {
			l := newTestLayout(t, profile)
			ticket := sampleTicket()
			ticket.Reprint = true
			got, err := l.Ticket(ticket)
			if err != nil {
				t.Fatal(err)
			}
			cmds := mustParse(t, got)
			printed := text(cmds)

			// Centre, service, people-ahead label and reprint mark, and the
			// QR code where the printer cannot draw it.
			wantRasters := 4
			if !profile.NativeQR {
				wantRasters++
			}
			if n := len(named(cmds, "GS v 0")); n != wantRasters {
				t.Errorf("%d rasters, want %d: every Arabic text drawn, and the QR code without native QR", n, wantRasters)
			}
			if i := bytes.IndexAny(printed, "?\x1a"); i >= 0 {
				t.Errorf("printed text has a substitute %q at %d: %q", printed[i], i, printed)
			}
			for _, c := range printed {
				if c != '\n' && (c < 0x20 || c > 0x7e) {
					t.Errorf("printed text has byte %#02x outside printable ASCII", c)
				}
			}
		})
	}
}

func TestTicketStripsControlBytes(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	ticket := sampleTicket()
	ticket.ServiceEN = "Social\x1b@\x1dV Assistance"
	ticket.ServiceAR = "المساعدات\x1b@\x1dV الاجتماعية"
	ticket.CentreEN = "Centre\x1bE\x01\r\n"
	ticket.Number = "A-007\x1d!\x77"
	got, err := l.Ticket(ticket)
	if err != nil {
		t.Fatal(err)
	}
	cmds := mustParse(t, got)
	if n := len(named(cmds, "ESC @")); n != 1 {
		t.Errorf("%d initialise commands, want only the first one", n)
	}
	if cuts := named(cmds, "GS V"); len(cuts) != 1 || cmds[len(cmds)-1].name != "GS V" {
		t.Errorf("%d cut commands, want one, at the end", len(cuts))
	}
	if !bytes.Contains(text(cmds), []byte("Social@V Assistance\n")) {
		t.Errorf("sanitised service name missing from %q", text(cmds))
	}
}

func TestTicketDiscreetHidesService(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	serviceRaster := escpos.NewEncoder()
	img, err := l.renderer.Draw(sampleTicket().ServiceAR, l.rasterOptions(body))
	if err != nil {
		t.Fatal(err)
	}
	serviceRaster.Raster(img)

	tests := []struct {
		discreet bool
		want     bool
	}{
		{discreet: false, want: true},
		{discreet: true, want: false},
	}
	for _, tt := range tests {
		ticket := sampleTicket()
		ticket.Discreet = tt.discreet
		got, err := l.Ticket(ticket)
		if err != nil {
			t.Fatal(err)
		}
		if has := bytes.Contains(got, []byte(ticket.ServiceEN)); has != tt.want {
			t.Errorf("discreet=%v: English service name printed %v, want %v", tt.discreet, has, tt.want)
		}
		if has := bytes.Contains(got, serviceRaster.Bytes()); has != tt.want {
			t.Errorf("discreet=%v: Arabic service raster printed %v, want %v", tt.discreet, has, tt.want)
		}
		if !bytes.Contains(got, []byte(ticket.Number)) {
			t.Errorf("discreet=%v: number %s not printed", tt.discreet, ticket.Number)
		}
	}
}

func TestTicketLanguageOrder(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	tests := []struct {
		lang        string
		rasterFirst bool
	}{
		{LangArabic, true},
		{LangEnglish, false},
		{"", true},
	}
	for _, tt := range tests {
		t.Run("lang="+tt.lang, func(t *testing.T) {
			ticket := sampleTicket()
			ticket.Lang = tt.lang
			got, err := l.Ticket(ticket)
			if err != nil {
				t.Fatal(err)
			}
			cmds := mustParse(t, got)
			first := slices.IndexFunc(cmds, func(c command) bool {
				return c.name == "GS v 0" || (c.name == "text" && bytes.Contains(c.args, []byte("Customer Service")))
			})
			if rasterFirst := cmds[first].name == "GS v 0"; rasterFirst != tt.rasterFirst {
				t.Errorf("Arabic centre name first = %v, want %v", rasterFirst, tt.rasterFirst)
			}
		})
	}
}

func TestTicketContent(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	ticket := sampleTicket()
	ticket.PeopleAhead = 12
	got, err := l.Ticket(ticket)
	if err != nil {
		t.Fatal(err)
	}
	cmds := mustParse(t, got)
	printed := string(text(cmds))
	for _, want := range []string{"A-007\n", "04/12/2026 09:05\n", "People ahead\n", "12\n", "Customer Service Centre - Social Services\n"} {
		if !strings.Contains(printed, want) {
			t.Errorf("ticket text lacks %q", want)
		}
	}
	if strings.Contains(printed, "REPRINT") {
		t.Error("first print carries the reprint mark")
	}

	number := slices.IndexFunc(cmds, func(c command) bool { return c.name == "text" && string(c.args) == "A-007\n" })
	if number < 2 || cmds[number-2].name != "GS !" || cmds[number-2].args[0] != 0x33 {
		t.Errorf("number is not printed at 4x4 size (GS ! 0x33) just before it: %v", cmds[max(0, number-2):number])
	}
	for _, r := range named(cmds, "GS v 0") {
		if r.width > l.profile.WidthDots {
			t.Errorf("raster %d dots wide is wider than the paper's %d", r.width, l.profile.WidthDots)
		}
	}
}

func TestTicketReprintMark(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	ticket := sampleTicket()
	ticket.Reprint = true
	got, err := l.Ticket(ticket)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := l.Ticket(sampleTicket())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(got, []byte("*** REPRINT ***")) {
		t.Error("reprint lacks the English mark")
	}
	if n, m := len(named(mustParse(t, got), "GS v 0")), len(named(mustParse(t, plain), "GS v 0")); n != m+1 {
		t.Errorf("reprint has %d rasters, first print %d: want one more for the Arabic mark", n, m)
	}
}

func TestTicketNarrowPaper(t *testing.T) {
	l := newTestLayout(t, rasterProfile())
	ticket := sampleTicket()
	ticket.Number = "V1-A-007"
	got, err := l.Ticket(ticket)
	if err != nil {
		t.Fatal(err)
	}
	cmds := mustParse(t, got)
	for _, r := range named(cmds, "GS v 0") {
		if r.width > escpos.Width58mm {
			t.Errorf("raster %d dots wide on %d-dot paper", r.width, escpos.Width58mm)
		}
	}
	if len(named(cmds, "FS .")) != 1 {
		t.Error("profile with CancelKanji did not send FS .")
	}
}

func TestTicketWithoutLink(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	ticket := sampleTicket()
	ticket.UploadURL = ""
	got, err := l.Ticket(ticket)
	if err != nil {
		t.Fatal(err)
	}
	if data := qrData(mustParse(t, got)); len(data) != 0 {
		t.Errorf("ticket without a link printed QR data %q", data)
	}
}

func TestTicketInvalid(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	tests := []struct {
		name   string
		change func(*Ticket)
	}{
		{"empty number", func(t *Ticket) { t.Number = "" }},
		{"control-only number", func(t *Ticket) { t.Number = "\x1b\x1d" }},
		{"arabic number", func(t *Ticket) { t.Number = "أ-٠٠٧" }},
		{"unknown language", func(t *Ticket) { t.Lang = "fr" }},
		{"no issue time", func(t *Ticket) { t.Issued = time.Time{} }},
		{"negative people ahead", func(t *Ticket) { t.PeopleAhead = -1 }},
		{"non-ascii link", func(t *Ticket) { t.UploadURL = "https://upload.example/u/ملف" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ticket := sampleTicket()
			tt.change(&ticket)
			got, err := l.Ticket(ticket)
			if !errors.Is(err, ErrInvalidReceipt) {
				t.Errorf("error %v, want ErrInvalidReceipt", err)
			}
			if got != nil {
				t.Error("bytes returned with the error")
			}
		})
	}
}

func TestNewLayoutRejectsInvalidProfile(t *testing.T) {
	profile := escpos.DefaultProfile()
	profile.WidthDots = 500
	if _, err := NewLayout(profile); !errors.Is(err, ErrInvalidProfile) || !errors.Is(err, escpos.ErrInvalidProfile) {
		t.Errorf("error %v, want ErrInvalidProfile wrapping escpos.ErrInvalidProfile", err)
	}
}

func TestTicketConcurrent(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	want, err := os.ReadFile(filepath.Join("testdata", "ticket_ar.golden"))
	if err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 5 {
				got, err := l.Ticket(sampleTicket())
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(got, want) {
					t.Error("ticket built concurrently differs from the golden file")
					return
				}
			}
		})
	}
	wg.Wait()
}
