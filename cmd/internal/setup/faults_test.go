package setup

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdesk/cmd/internal/config"
	"frontdesk/devices/escpos"
	"frontdesk/devices/printer"
	"frontdesk/devices/printer/printertest"
	"frontdesk/devices/receipt"
	"frontdesk/kiosk"
	"frontdesk/reception"
	"frontdesk/store"
	"frontdesk/uploadlink"
)

// appliance is the kiosk and the desk of one machine as cmd/frontdesk
// wires them from a configuration file, with its printer on a fake
// printer at the far end of a pseudo-terminal.
type appliance struct {
	cfg     *config.Config
	db      *store.DB
	printer printer.Printer
	profile escpos.Profile
	kiosk   *kiosk.Kiosk
	fake    *printertest.Printer
	// opened is how many bytes the fake received when the port opened
	// (the reset the printer gets at every open), before any ticket.
	opened int
}

// sent returns what the fake received after the port was opened.
func (a *appliance) sent() []byte { return a.fake.Received()[a.opened:] }

func newAppliance(t *testing.T) *appliance {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	fake := printertest.New(t)
	yaml := "data_dir: " + filepath.Join(dir, "data") + "\n" +
		"printer:\n  port: " + fake.Path + "\n  baud: 115200\n  status_timeout: 300ms\n"
	file := filepath.Join(dir, "frontdesk.yaml")
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(file)
	if err != nil {
		t.Fatal(err)
	}

	db, err := OpenStore(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, profile, err := OpenPrinter(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	k, err := NewKiosk(cfg, db, p, profile)
	if err != nil {
		t.Fatal(err)
	}
	opened := len(fake.WaitReceived(t, 2, 5*time.Second))
	return &appliance{cfg: cfg, db: db, printer: p, profile: profile, kiosk: k, fake: fake, opened: opened}
}

// jobBytes returns what the fake received after the status requests that
// precede every job: the job itself starts with ESC @.
func jobBytes(received []byte) []byte {
	i := bytes.Index(received, []byte{0x1b, '@'})
	if i < 0 {
		return nil
	}
	return received[i:]
}

func TestPrinterFaultsAtTheKiosk(t *testing.T) {
	tests := []struct {
		name    string
		fault   func(f *printertest.Printer)
		printed bool
		message string
		wantErr error
	}{
		{"ready", func(*printertest.Printer) {}, true, kiosk.MsgTakeTicket, nil},
		{"paper near end", func(f *printertest.Printer) { f.SetPaper(printertest.PaperNearEnd) }, true, kiosk.MsgTakeTicket, nil},
		{"paper out", func(f *printertest.Printer) { f.SetPaper(printertest.PaperOut) }, false, kiosk.MsgPaperOut, printer.ErrPaperOut},
		{"cover open", func(f *printertest.Printer) { f.SetCoverOpen(true) }, false, kiosk.MsgCoverOpen, printer.ErrCoverOpen},
		{"no answer", func(f *printertest.Printer) { f.SetSilent(true) }, false, kiosk.MsgPrinterOffline, printer.ErrOffline},
		{"cable pulled mid-ticket", func(f *printertest.Printer) { f.PullCableAfter(200) }, false, "", printer.ErrOffline},
		{"stray noise bytes", func(f *printertest.Printer) { f.SetStrays(0x00, 0x80, 0xff) }, true, kiosk.MsgTakeTicket, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := newAppliance(t)
			tc.fault(a.fake)

			res, err := a.kiosk.TakeTicket(context.Background(), "social-assistance", "ar", store.PriorityNone)
			if err != nil {
				t.Fatalf("TakeTicket: %v; a printer fault must never lose the ticket", err)
			}
			if res.Printed != tc.printed {
				t.Fatalf("Printed = %v (err %v), want %v", res.Printed, res.PrintErr, tc.printed)
			}
			if tc.message != "" && res.Message != tc.message {
				t.Errorf("Message = %q, want %q", res.Message, tc.message)
			}
			if tc.wantErr != nil && !errors.Is(res.PrintErr, tc.wantErr) {
				t.Errorf("PrintErr = %v, want %v", res.PrintErr, tc.wantErr)
			}

			stored, err := a.db.Ticket(res.Ticket.ID)
			if err != nil {
				t.Fatalf("ticket %s not stored: %v", res.Ticket.Number, err)
			}
			wantStatus := store.NotPrinted
			if tc.printed {
				wantStatus = store.Printed
			}
			if stored.PrintStatus != wantStatus {
				t.Errorf("stored print status %s, want %s", stored.PrintStatus, wantStatus)
			}
			if stored.Number != "A-001" {
				t.Errorf("number %s, want A-001", stored.Number)
			}

			job := jobBytes(a.sent())
			switch {
			case tc.printed && len(job) == 0:
				t.Error("the printer received no ticket")
			case tc.printed && bytes.Count(job, []byte{0x1d, 0x56, 0x42, 0x00}) != 1:
				t.Errorf("the printer received %d cuts, want exactly one ticket", bytes.Count(job, []byte{0x1d, 0x56, 0x42, 0x00}))
			case !tc.printed && tc.name != "cable pulled mid-ticket" && len(job) != 0:
				t.Errorf("the printer received %d job bytes although its status was bad", len(job))
			}
		})
	}
}

func TestTicketQRHoldsItsUploadLink(t *testing.T) {
	a := newAppliance(t)
	res, err := a.kiosk.TakeTicket(context.Background(), "home-care", "en", store.PrioritySenior)
	if err != nil || !res.Printed {
		t.Fatalf("TakeTicket: err %v, print error %v", err, res.PrintErr)
	}
	codes, err := escpos.QRCodes(jobBytes(a.sent()))
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 1 {
		t.Fatalf("%d QR codes on the ticket, want 1", len(codes))
	}
	link := string(codes[0].Data)
	if len(link) >= 110 {
		t.Errorf("link is %d characters, want under 110", len(link))
	}
	key, err := Key(a.cfg)
	if err != nil {
		t.Fatal(err)
	}
	claims, err := uploadlink.Verify(key, link, time.Now())
	if err != nil {
		t.Fatalf("the printed link does not verify: %v", err)
	}
	if claims.Subject != res.Ticket.ID {
		t.Errorf("link names %s, want the ticket %s", claims.Subject, res.Ticket.ID)
	}
}

func TestDeskReprintsWhatDidNotPrint(t *testing.T) {
	a := newAppliance(t)
	a.fake.SetPaper(printertest.PaperOut)
	res, err := a.kiosk.TakeTicket(context.Background(), "social-assistance", "ar", store.PriorityNone)
	if err != nil || res.Printed {
		t.Fatalf("TakeTicket with paper out: err %v, printed %v", err, res.Printed)
	}

	// With a new paper roll in, the desk reprints the number once.
	a.fake.SetPaper(printertest.PaperAdequate)
	if _, err := a.db.AddStaff(context.Background(), store.NewStaff{ID: "sara", Name: "Sara", Role: store.RoleReception, PIN: "2468"}, "test"); err != nil {
		t.Fatal(err)
	}
	layout, err := receipt.NewLayout(a.profile)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := Signer(a.cfg)
	if err != nil {
		t.Fatal(err)
	}
	desk := reception.NewDesk(a.db, ReceptionConfig(a.cfg), reception.DeskOptions{
		Receipts: &reception.Receipts{Layout: layout, Printer: a.printer, Links: signer,
			CentreAR: a.cfg.Centre.NameAR, CentreEN: a.cfg.Centre.NameEN},
	})
	if err := desk.SignIn(context.Background(), "sara", "2468"); err != nil {
		t.Fatal(err)
	}
	before := len(a.sent())
	if err := desk.Reprint(context.Background(), res.Ticket.Number); err != nil {
		t.Fatalf("Reprint %s: %v", res.Ticket.Number, err)
	}

	job := jobBytes(a.sent()[before:])
	if n := bytes.Count(job, []byte{0x1d, 0x56, 0x42, 0x00}); n != 1 {
		t.Errorf("reprint sent %d cuts, want one ticket", n)
	}
	if !strings.Contains(string(job), "REPRINT") {
		t.Error("the reprinted ticket is not marked as a reprint")
	}
	stored, err := a.db.Ticket(res.Ticket.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.PrintStatus != store.Printed {
		t.Errorf("print status after reprint %s, want printed", stored.PrintStatus)
	}
	tickets, err := a.db.Tickets(stored.BusinessDay)
	if err != nil {
		t.Fatal(err)
	}
	if len(tickets) != 1 {
		t.Errorf("%d tickets stored, want 1: a reprint must not issue a new number", len(tickets))
	}
}
