package kiosk_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdesk/devices/escpos"
	"frontdesk/devices/printer"
	"frontdesk/devices/receipt"
	"frontdesk/kiosk"
	"frontdesk/kiosk/kiosktest"
	"frontdesk/store"
	"frontdesk/uploadlink"
)

var dubai = time.FixedZone("Asia/Dubai", 4*60*60)

// start is 09:30 in Dubai on a working day.
var start = time.Date(2026, 12, 6, 5, 30, 0, 0, time.UTC)

func testServices() []kiosk.Service {
	return []kiosk.Service{
		{ID: "social-assistance", Letter: "A", NameAR: "المساعدات الاجتماعية", NameEN: "Social Assistance", Icon: "assistance"},
		{ID: "protection", Letter: "P", NameAR: "بلاغات الحماية", NameEN: "Protection Reports", Icon: "protection", Discreet: true},
		{ID: "inquiries", Letter: "I", NameAR: "الاستفسارات العامة", NameEN: "General Inquiries", Icon: "inquiries"},
	}
}

// rig is a kiosk on a real store file, the real receipt layout and a real
// upload link signer, with a printer chosen by the test.
type rig struct {
	kiosk  *kiosk.Kiosk
	db     *store.DB
	clock  *kiosktest.Clock
	layout *recordingLayout
	signer *uploadlink.Signer
	key    []byte
}

func newRig(t *testing.T, p kiosk.Printer) *rig {
	t.Helper()
	clock := kiosktest.NewClock(start)
	db, err := store.Open(store.Config{
		Path:     filepath.Join(t.TempDir(), "frontdesk.db"),
		Location: dubai,
		Site:     "SHJ1",
		Terminal: "K1",
		NoSync:   true,
		Now:      clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })

	base, err := receipt.NewLayout(escpos.DefaultProfile())
	if err != nil {
		t.Fatal(err)
	}
	key := bytes.Repeat([]byte{7}, uploadlink.KeySize)
	signer, err := uploadlink.NewSigner(key, "https://upload.example", 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}

	layout := &recordingLayout{real: base}
	k, err := kiosk.New(kiosk.Config{
		Services:    testServices(),
		CentreAR:    "مركز خدمة المتعاملين",
		CentreEN:    "Customer Service Centre",
		IdleTimeout: 30 * time.Second,
		DoneTimeout: 10 * time.Second,
		Location:    dubai,
		Clock:       clock,
	}, db, p, layout, signer)
	if err != nil {
		t.Fatal(err)
	}
	return &rig{kiosk: k, db: db, clock: clock, layout: layout, signer: signer, key: key}
}

// tickets returns the tickets of the rig's business day.
func (r *rig) tickets(t *testing.T) []store.Ticket {
	t.Helper()
	got, err := r.db.Tickets(start.In(dubai).Format(time.DateOnly))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// recordingLayout keeps what it was asked to lay out.
type recordingLayout struct {
	real *receipt.Layout
	mu   sync.Mutex
	got  []receipt.Ticket
}

func (l *recordingLayout) Ticket(t receipt.Ticket) ([]byte, error) {
	l.mu.Lock()
	l.got = append(l.got, t)
	l.mu.Unlock()
	return l.real.Ticket(t)
}

func (l *recordingLayout) last() receipt.Ticket {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.got[len(l.got)-1]
}

// filePrinter opens the real printer that appends its jobs to a file.
func filePrinter(t *testing.T) (printer.Printer, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "printer.bin")
	p, err := printer.Open(printer.Config{Port: "file:" + path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p, path
}

// failingPrinter is the far side of a printer that reports a fault.
type failingPrinter struct{ err error }

func (p failingPrinter) Print(context.Context, []byte) error {
	return fmt.Errorf("printer: print job: %w", p.err)
}

func TestTakeTicketPrints(t *testing.T) {
	p, path := filePrinter(t)
	r := newRig(t, p)
	ctx := context.Background()

	res, err := r.kiosk.TakeTicket(ctx, "social-assistance", "ar", store.PrioritySenior)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Issued() || !res.Printed || res.PrintErr != nil || res.StatusErr != nil {
		t.Fatalf("result = %+v, want issued and printed", res)
	}
	if res.Ticket.Number != "A-001" {
		t.Errorf("number = %q, want A-001", res.Ticket.Number)
	}
	if res.Message != kiosk.MsgTakeTicket {
		t.Errorf("message = %q, want %q", res.Message, kiosk.MsgTakeTicket)
	}
	if res.Ticket.Priority != store.PrioritySenior || res.Ticket.Lang != "ar" {
		t.Errorf("stored priority %q lang %q, want senior and ar", res.Ticket.Priority, res.Ticket.Lang)
	}

	stored := r.tickets(t)
	if len(stored) != 1 || stored[0].PrintStatus != store.Printed {
		t.Fatalf("stored tickets = %+v, want one marked printed", stored)
	}

	sent := r.layout.last()
	want, err := r.layout.real.Ticket(sent)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("printer received %d bytes, want the %d bytes of the laid-out ticket", len(got), len(want))
	}

	second, err := r.kiosk.TakeTicket(ctx, "social-assistance", "en", store.PriorityNone)
	if err != nil {
		t.Fatal(err)
	}
	if second.Ticket.Number != "A-002" || second.Ticket.PeopleAhead != 1 {
		t.Errorf("second ticket %s with %d ahead, want A-002 with 1 ahead",
			second.Ticket.Number, second.Ticket.PeopleAhead)
	}
}

func TestTakeTicketReceipt(t *testing.T) {
	tests := []struct {
		service      string
		lang         string
		wantDiscreet bool
	}{
		{"social-assistance", "ar", false},
		{"protection", "en", true},
	}
	for _, tt := range tests {
		t.Run(tt.service, func(t *testing.T) {
			p, _ := filePrinter(t)
			r := newRig(t, p)
			res, err := r.kiosk.TakeTicket(context.Background(), tt.service, tt.lang, store.PriorityNone)
			if err != nil {
				t.Fatal(err)
			}

			sent := r.layout.last()
			if sent.Number != res.Ticket.Number || sent.Lang != tt.lang {
				t.Errorf("receipt number %q lang %q, want %q %q", sent.Number, sent.Lang, res.Ticket.Number, tt.lang)
			}
			if sent.Discreet != tt.wantDiscreet {
				t.Errorf("receipt discreet = %v, want %v", sent.Discreet, tt.wantDiscreet)
			}
			if sent.Issued.Location() != dubai || !sent.Issued.Equal(start) {
				t.Errorf("receipt time = %v, want %v in Dubai", sent.Issued, start)
			}
			if sent.CentreAR == "" || sent.CentreEN == "" || sent.ServiceAR == "" || sent.ServiceEN == "" {
				t.Errorf("receipt lacks a centre or service name: %+v", sent)
			}

			claims, err := uploadlink.Verify(r.key, sent.UploadURL, start)
			if err != nil {
				t.Fatalf("upload link %q: %v", sent.UploadURL, err)
			}
			if claims.Subject != res.Ticket.ID {
				t.Errorf("upload link names %q, want ticket %q", claims.Subject, res.Ticket.ID)
			}
		})
	}
}

func TestTakeTicketPrintFailure(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{printer.ErrPaperOut, kiosk.MsgPaperOut},
		{printer.ErrCoverOpen, kiosk.MsgCoverOpen},
		{printer.ErrOffline, kiosk.MsgPrinterOffline},
		{printer.ErrNoAnswer, kiosk.MsgPrinterOffline},
		{context.DeadlineExceeded, kiosk.MsgPrinterOffline},
		{printer.ErrPrinterError, kiosk.MsgPrintFailed},
		{errors.New("write /dev/ttyUSB0: input/output error"), kiosk.MsgPrintFailed},
	}
	for _, tt := range tests {
		t.Run(tt.err.Error(), func(t *testing.T) {
			r := newRig(t, failingPrinter{tt.err})
			res, err := r.kiosk.TakeTicket(context.Background(), "inquiries", "en", store.PriorityNone)
			if err != nil {
				t.Fatalf("TakeTicket error = %v, want nil for a print failure", err)
			}
			if !res.Issued() || res.Ticket.Number != "I-001" {
				t.Errorf("ticket %q issued = %v, want I-001 issued", res.Ticket.Number, res.Issued())
			}
			if res.Printed {
				t.Error("result says printed")
			}
			if !errors.Is(res.PrintErr, tt.err) {
				t.Errorf("PrintErr = %v, want it to wrap %v", res.PrintErr, tt.err)
			}
			if res.Message != tt.want {
				t.Errorf("message = %q, want %q", res.Message, tt.want)
			}
			stored := r.tickets(t)
			if len(stored) != 1 || stored[0].PrintStatus != store.NotPrinted {
				t.Errorf("stored tickets = %+v, want one marked not printed", stored)
			}
		})
	}
}

// checkingPrinter reads the store while the job prints.
type checkingPrinter struct {
	db     *store.DB
	status []store.PrintStatus
}

func (p *checkingPrinter) Print(context.Context, []byte) error {
	tickets, err := p.db.Tickets(start.In(dubai).Format(time.DateOnly))
	if err != nil {
		return err
	}
	for _, t := range tickets {
		p.status = append(p.status, t.PrintStatus)
	}
	return nil
}

func TestTicketStoredBeforePrinting(t *testing.T) {
	cp := &checkingPrinter{}
	r := newRig(t, cp)
	cp.db = r.db
	if _, err := r.kiosk.TakeTicket(context.Background(), "inquiries", "ar", store.PriorityNone); err != nil {
		t.Fatal(err)
	}
	if len(cp.status) != 1 || cp.status[0] != store.PrintPending {
		t.Errorf("store during printing = %v, want one ticket pending", cp.status)
	}
}

func TestTakeTicketRejects(t *testing.T) {
	tests := []struct {
		name, service, lang string
		wantErr             error
		wantMessage         string
	}{
		{"unknown service", "parking", "ar", kiosk.ErrUnknownService, kiosk.MsgServiceUnavailable},
		{"unknown language", "inquiries", "fr", kiosk.ErrUnknownLanguage, kiosk.MsgIssueFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, path := filePrinter(t)
			r := newRig(t, p)
			res, err := r.kiosk.TakeTicket(context.Background(), tt.service, tt.lang, store.PriorityNone)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error = %v, want %v", err, tt.wantErr)
			}
			if res.Issued() || res.Message != tt.wantMessage {
				t.Errorf("result issued %v message %q, want none and %q", res.Issued(), res.Message, tt.wantMessage)
			}
			if n := len(r.tickets(t)); n != 0 {
				t.Errorf("%d tickets stored, want 0", n)
			}
			if data, _ := os.ReadFile(path); len(data) != 0 {
				t.Errorf("printer received %d bytes, want none", len(data))
			}
		})
	}
}

func TestTakeTicketStoreFailure(t *testing.T) {
	p, path := filePrinter(t)
	r := newRig(t, p)
	r.db.Close()

	res, err := r.kiosk.TakeTicket(context.Background(), "inquiries", "ar", store.PriorityNone)
	if err == nil {
		t.Fatal("TakeTicket on a closed store returned no error")
	}
	if res.Issued() || res.Message != kiosk.MsgIssueFailed {
		t.Errorf("result issued %v message %q, want none and %q", res.Issued(), res.Message, kiosk.MsgIssueFailed)
	}
	if data, _ := os.ReadFile(path); len(data) != 0 {
		t.Errorf("printer received %d bytes for an unstored ticket, want none", len(data))
	}
}

func TestNewRejectsConfig(t *testing.T) {
	good := kiosk.Config{Services: testServices()}
	tests := []struct {
		name string
		edit func(*kiosk.Config)
		want string
	}{
		{"no services", func(c *kiosk.Config) { c.Services = nil }, "no services"},
		{"duplicate id", func(c *kiosk.Config) { c.Services[1].ID = c.Services[0].ID }, "unique id"},
		{"lowercase letter", func(c *kiosk.Config) { c.Services[0].Letter = "a" }, "capital letter"},
		{"two letters", func(c *kiosk.Config) { c.Services[0].Letter = "AB" }, "capital letter"},
		{"no Arabic name", func(c *kiosk.Config) { c.Services[0].NameAR = "" }, "Arabic or English name"},
		{"unknown language", func(c *kiosk.Config) { c.DefaultLang = "fr" }, `"fr"`},
		{"negative timeout", func(c *kiosk.Config) { c.IdleTimeout = -time.Second }, "negative timeout"},
	}
	p, _ := filePrinter(t)
	r := newRig(t, p)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good
			cfg.Services = testServices()
			tt.edit(&cfg)
			_, err := kiosk.New(cfg, r.db, p, r.layout, nil)
			if !errors.Is(err, kiosk.ErrConfig) {
				t.Fatalf("error = %v, want ErrConfig", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestDoneTimeoutNotLongerThanIdle(t *testing.T) {
	p, _ := filePrinter(t)
	r := newRig(t, p)
	k, err := kiosk.New(kiosk.Config{Services: testServices(), IdleTimeout: 5 * time.Second}, r.db, p, r.layout, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := k.Config().DoneTimeout; got != 5*time.Second {
		t.Errorf("done timeout %v with a 5 s idle timeout, want 5s", got)
	}
}

func TestConfigDefaults(t *testing.T) {
	p, _ := filePrinter(t)
	r := newRig(t, p)
	k, err := kiosk.New(kiosk.Config{Services: testServices()}, r.db, p, r.layout, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := k.Config()
	if cfg.DefaultLang != "ar" {
		t.Errorf("default language = %q, want ar", cfg.DefaultLang)
	}
	if cfg.IdleTimeout != kiosk.DefaultIdleTimeout {
		t.Errorf("idle timeout %v, want %v", cfg.IdleTimeout, kiosk.DefaultIdleTimeout)
	}
	if cfg.DoneTimeout != kiosk.DefaultDoneTimeout {
		t.Errorf("done timeout %v, want %v", cfg.DoneTimeout, kiosk.DefaultDoneTimeout)
	}
	if cfg.Location != time.UTC || cfg.Clock == nil {
		t.Errorf("location %v clock %v, want UTC and the system clock", cfg.Location, cfg.Clock)
	}
}
