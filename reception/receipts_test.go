package reception

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"sync"
	"testing"
	"time"

	"frontdesk/devices/escpos"
	"frontdesk/devices/printer"
	"frontdesk/devices/receipt"
	"frontdesk/store"
	"frontdesk/uploadlink"
)

// recordingPrinter keeps every job, or fails with err.
type recordingPrinter struct {
	mu   sync.Mutex
	jobs [][]byte
	err  error
}

func (p *recordingPrinter) Print(_ context.Context, job []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return p.err
	}
	p.jobs = append(p.jobs, job)
	return nil
}

var testKey = bytes.Repeat([]byte{7}, uploadlink.KeySize)

func testReceipts(t *testing.T, p Printer) *Receipts {
	t.Helper()
	layout, err := receipt.NewLayout(escpos.DefaultProfile())
	if err != nil {
		t.Fatal(err)
	}
	signer, err := uploadlink.NewSigner(testKey, "https://upload.example", 7*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return &Receipts{Layout: layout, Printer: p, Links: signer,
		CentreAR: "مركز خدمة المتعاملين", CentreEN: "Customer Service Centre"}
}

var linkPattern = regexp.MustCompile(`https://upload\.example/u/[A-Za-z0-9._-]+`)

func TestPrintRequestReceipt(t *testing.T) {
	p := &recordingPrinter{}
	f := newDeskFixture(t, testConfig(), DeskOptions{Receipts: testReceipts(t, p)})
	f.signIn(t)
	ctx := context.Background()
	r, err := f.desk.RegisterRequest(ctx, RequestForm{Type: store.RequestService, Department: "home-care",
		Description: "Home visit for my father", EmiratesID: "784199012345676"})
	if err != nil {
		t.Fatal(err)
	}

	for i, wantReprint := range []bool{false, true} {
		if err := f.desk.PrintRequestReceipt(ctx, r.Tracking, "en"); err != nil {
			t.Fatalf("print %d: %v", i, err)
		}
		job := p.jobs[i]
		if !bytes.Contains(job, []byte(r.Tracking)) {
			t.Errorf("receipt %d lacks the tracking number %s", i, r.Tracking)
		}
		if !bytes.Contains(job, []byte("784-****-*****67-6")) {
			t.Errorf("receipt %d lacks the masked Emirates ID", i)
		}
		if bytes.Contains(job, []byte("784199012345676")) {
			t.Errorf("receipt %d prints the Emirates ID unmasked", i)
		}
		if got := bytes.Contains(job, []byte("REPRINT")); got != wantReprint {
			t.Errorf("receipt %d has the reprint mark %v, want %v", i, got, wantReprint)
		}
		link := linkPattern.Find(job)
		if link == nil {
			t.Fatalf("receipt %d has no upload link", i)
		}
		claims, err := uploadlink.Verify(testKey, string(link), f.clock.Now())
		if err != nil {
			t.Fatalf("upload link %s: %v", link, err)
		}
		if claims.Subject != r.Tracking {
			t.Errorf("upload link names %s, want the request %s", claims.Subject, r.Tracking)
		}
	}
}

func TestReprintTicket(t *testing.T) {
	tests := []struct {
		name       string
		printErr   error
		wantStatus store.PrintStatus
	}{
		{"printed", nil, store.Printed},
		{"paper out", printer.ErrPaperOut, store.NotPrinted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &recordingPrinter{err: tc.printErr}
			f := newDeskFixture(t, testConfig(), DeskOptions{Receipts: testReceipts(t, p)})
			tk := issueTickets(t, f.db, f.clock, "social-assistance", 1)[0]
			if err := f.db.SetPrintStatus(context.Background(), tk.ID, store.NotPrinted); err != nil {
				t.Fatal(err)
			}
			f.signIn(t)

			err := f.desk.Reprint(context.Background(), "a1")
			if !errors.Is(err, tc.printErr) {
				t.Fatalf("reprint: err = %v, want %v", err, tc.printErr)
			}
			if tc.printErr != nil && !errors.Is(err, ErrPrintFailed) {
				t.Errorf("err = %v, want it to match ErrPrintFailed", err)
			}
			got, err := f.db.Ticket(tk.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.PrintStatus != tc.wantStatus {
				t.Errorf("print status %s, want %s", got.PrintStatus, tc.wantStatus)
			}
			if tc.printErr == nil {
				if len(p.jobs) != 1 || !bytes.Contains(p.jobs[0], []byte(tk.Number)) {
					t.Fatalf("printed %d jobs, want one with %s", len(p.jobs), tk.Number)
				}
				if !bytes.Contains(p.jobs[0], []byte("REPRINT")) {
					t.Error("reprinted ticket has no reprint mark")
				}
			}
		})
	}
}

func TestPrintWithoutPrinter(t *testing.T) {
	f := newDeskFixture(t, testConfig(), DeskOptions{})
	issueTickets(t, f.db, f.clock, "social-assistance", 1)
	f.signIn(t)
	if err := f.desk.Reprint(context.Background(), "A-001"); !errors.Is(err, ErrNoPrinter) {
		t.Errorf("err = %v, want ErrNoPrinter", err)
	}
}
