package ledgerdesk

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"frontdesk/devices/printer"
	"frontdesk/devices/receipt"
	"frontdesk/store/ledger"
)

func TestRecordPrintsCopies(t *testing.T) {
	tests := []struct {
		name       string
		officeCopy bool
		want       []string // copy labels of the jobs, in order
	}{
		{"beneficiary only", false, []string{"BENEFICIARY COPY"}},
		{"with office copy", true, []string{"BENEFICIARY COPY", "OFFICE COPY"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, func(c *Config) { c.OfficeCopy = tt.officeCopy })
			rec, err := fx.flow.Record(context.Background(), reception, fx.exchangeForm())
			if err != nil {
				t.Fatal(err)
			}
			if !rec.Created {
				t.Error("Created = false for a new key")
			}
			if rec.Entry.Amount != aed(1250, 50) || rec.Entry.Staff != "amal" || rec.Entry.Ticket != "A-007" {
				t.Errorf("entry = %+v, want AED 1,250.50 by amal for A-007", rec.Entry)
			}

			jobs := fx.printer.printed()
			if len(jobs) != len(tt.want) {
				t.Fatalf("printed %d jobs, want %d", len(jobs), len(tt.want))
			}
			for i, label := range tt.want {
				for _, text := range []string{label, "AED 1,250.50", "Case number: SA-2026-0917",
					"Emirates ID: 784-****-*****67-6", "Entry: " + rec.Entry.ID, "Staff: amal", "Method: Cash"} {
					if !bytes.Contains(jobs[i], []byte(text)) {
						t.Errorf("job %d lacks %q", i, text)
					}
				}
				if bytes.Contains(jobs[i], []byte(validEID)) {
					t.Errorf("job %d prints the Emirates ID unmasked", i)
				}
			}
		})
	}
}

func TestRecordBankTransactionReceipt(t *testing.T) {
	fx := newFixture(t, nil)
	rec, err := fx.flow.Record(context.Background(), reception, fx.bankForm())
	if err != nil {
		t.Fatal(err)
	}
	if rec.Entry.IBAN != "AE070331234567890123456" || rec.Entry.Method != "" {
		t.Errorf("entry IBAN %q, method %q; want the compact IBAN and no method", rec.Entry.IBAN, rec.Entry.Method)
	}
	job := fx.printer.printed()[0]
	for _, text := range []string{"Kind: Bank transaction", "IBAN: AE07 **** **** **** ***3 456",
		"Reference: Emirates NBD / FT26120400017", "AED 3,000.00"} {
		if !bytes.Contains(job, []byte(text)) {
			t.Errorf("receipt lacks %q", text)
		}
	}
}

func TestRecordOnce(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		// run records the form one or more times and returns the results
		// of the calls that returned an entry.
		run         func(t *testing.T, fx *fixture, form Form) []Recorded
		wantPrinted int
	}{
		{"double tap", func(t *testing.T, fx *fixture, form Form) []Recorded {
			var (
				wg   sync.WaitGroup
				mu   sync.Mutex
				recs []Recorded
			)
			for range 2 {
				wg.Go(func() {
					rec, err := fx.flow.Record(ctx, reception, form)
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					recs = append(recs, rec)
					mu.Unlock()
				})
			}
			wg.Wait()
			return recs
		}, 1},
		{"retry with the same key", func(t *testing.T, fx *fixture, form Form) []Recorded {
			var recs []Recorded
			for range 3 {
				rec, err := fx.flow.Record(ctx, reception, form)
				if err != nil {
					t.Fatal(err)
				}
				recs = append(recs, rec)
			}
			return recs
		}, 1},
		{"retry after a print failure", func(t *testing.T, fx *fixture, form Form) []Recorded {
			fx.printer.failNext(printer.ErrPaperOut)
			first, err := fx.flow.Record(ctx, reception, form)
			if !errors.Is(err, ErrNotPrinted) {
				t.Fatalf("first Record error = %v, want ErrNotPrinted", err)
			}
			second, err := fx.flow.Record(ctx, reception, form)
			if err != nil {
				t.Fatal(err)
			}
			return []Recorded{first, second}
		}, 0},
		{"retry after a failed record", func(t *testing.T, fx *fixture, form Form) []Recorded {
			cancelled, cancel := context.WithCancel(ctx)
			cancel()
			if _, err := fx.flow.Record(cancelled, reception, form); !errors.Is(err, context.Canceled) {
				t.Fatalf("Record with a cancelled context: error = %v, want context.Canceled", err)
			}
			rec, err := fx.flow.Record(ctx, reception, form)
			if err != nil {
				t.Fatal(err)
			}
			return []Recorded{rec}
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, nil)
			recs := tt.run(t, fx, fx.exchangeForm())

			if n := len(fx.entries(t)); n != 1 {
				t.Errorf("ledger has %d entries, want 1", n)
			}
			created := 0
			for _, rec := range recs {
				if rec.Created {
					created++
				}
				if rec.Entry.ID != recs[0].Entry.ID {
					t.Errorf("calls returned entries %s and %s, want the same", recs[0].Entry.ID, rec.Entry.ID)
				}
			}
			if created != 1 {
				t.Errorf("%d calls report Created, want 1", created)
			}
			if n := len(fx.printer.printed()); n != tt.wantPrinted {
				t.Errorf("printed %d receipts, want %d", n, tt.wantPrinted)
			}
		})
	}
}

func TestRecordKeyReusedForAnotherPayment(t *testing.T) {
	fx := newFixture(t, nil)
	form := fx.exchangeForm()
	if _, err := fx.flow.Record(context.Background(), reception, form); err != nil {
		t.Fatal(err)
	}
	form.Amount = "2,000"
	_, err := fx.flow.Record(context.Background(), reception, form)
	if !errors.Is(err, ledger.ErrKeyConflict) {
		t.Errorf("error = %v, want ledger.ErrKeyConflict", err)
	}
	if n := len(fx.entries(t)); n != 1 {
		t.Errorf("ledger has %d entries, want 1", n)
	}
}

func TestRecordAmounts(t *testing.T) {
	tests := []struct {
		typed string
		want  int64 // fils
	}{
		{"١٬٢٥٠٫٥٠", 125050},
		{"١٢٥٠٫٥", 125050},
		{"1250.5", 125050},
		{"1,250.50", 125050},
		{"AED 1,250.50", 125050},
		{"18.99", 1899},
		{"1.15", 115},
		{"۱۸٫۹۹", 1899},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			fx := newFixture(t, nil)
			form := fx.exchangeForm()
			form.Amount = tt.typed
			rec, err := fx.flow.Record(context.Background(), reception, form)
			if err != nil {
				t.Fatal(err)
			}
			if int64(rec.Entry.Amount) != tt.want {
				t.Errorf("amount = %d fils, want %d", rec.Entry.Amount, tt.want)
			}
		})
	}
}

func TestRecordNotSignedIn(t *testing.T) {
	fx := newFixture(t, nil)
	_, err := fx.flow.Record(context.Background(), Staff{}, fx.exchangeForm())
	if !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("error = %v, want ErrNotSignedIn", err)
	}
	if n := len(fx.entries(t)); n != 0 {
		t.Errorf("ledger has %d entries, want 0", n)
	}
}

func TestPrintFailureKeepsEntry(t *testing.T) {
	tests := []struct {
		name          string
		errs          []error // what the printer returns for each copy
		noPrinter     bool
		wantErr       error
		wantUnprinted []receipt.Copy
	}{
		{"paper out", []error{printer.ErrPaperOut}, false, printer.ErrPaperOut,
			[]receipt.Copy{receipt.CopyBeneficiary, receipt.CopyOffice}},
		{"offline", []error{printer.ErrNoAnswer}, false, printer.ErrOffline,
			[]receipt.Copy{receipt.CopyBeneficiary, receipt.CopyOffice}},
		{"office copy fails", []error{nil, printer.ErrCoverOpen}, false, printer.ErrCoverOpen,
			[]receipt.Copy{receipt.CopyOffice}},
		{"no printer", nil, true, ErrNoPrinter,
			[]receipt.Copy{receipt.CopyBeneficiary, receipt.CopyOffice}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			fx := newFixture(t, func(c *Config) { c.OfficeCopy = true })
			if tt.noPrinter {
				fx.flow.printer = nil
			}
			fx.printer.failNext(tt.errs...)
			before := len(fx.printer.printed())

			rec, err := fx.flow.Record(ctx, reception, fx.exchangeForm())
			if !errors.Is(err, ErrNotPrinted) {
				t.Errorf("error = %v, want ErrNotPrinted", err)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error = %v, want it to match %v", err, tt.wantErr)
			}
			if rec.Entry.ID == "" || !rec.Created {
				t.Fatalf("Record returned %+v, want the recorded entry", rec)
			}
			if list := fx.entries(t); len(list) != 1 || list[0].ID != rec.Entry.ID {
				t.Errorf("ledger has %d entries, want entry %s", len(list), rec.Entry.ID)
			}
			if got := fx.flow.Unprinted(rec.Entry.ID); !slices.Equal(got, tt.wantUnprinted) {
				t.Errorf("Unprinted = %v, want %v", got, tt.wantUnprinted)
			}
			day, err := fx.flow.List(ctx, "2026-12-04")
			if err != nil {
				t.Fatal(err)
			}
			if got := day.Lines[0].Unprinted; !slices.Equal(got, tt.wantUnprinted) {
				t.Errorf("List marks %v unprinted, want %v", got, tt.wantUnprinted)
			}

			fx.flow.printer = fx.printer
			if _, err := fx.flow.Reprint(ctx, rec.Entry.ID, "en"); err != nil {
				t.Fatalf("Reprint: %v", err)
			}
			reprinted := fx.printer.printed()[before:]
			if len(tt.errs) > 0 && tt.errs[0] == nil {
				reprinted = reprinted[1:] // the beneficiary copy printed the first time
			}
			if len(reprinted) != len(tt.wantUnprinted) {
				t.Fatalf("reprinted %d jobs, want %d", len(reprinted), len(tt.wantUnprinted))
			}
			for i, c := range tt.wantUnprinted {
				label := map[receipt.Copy]string{receipt.CopyBeneficiary: "BENEFICIARY COPY", receipt.CopyOffice: "OFFICE COPY"}[c]
				if !bytes.Contains(reprinted[i], []byte(label)) || !bytes.Contains(reprinted[i], []byte("REPRINT")) {
					t.Errorf("reprint %d lacks %q or REPRINT", i, label)
				}
			}
			if got := fx.flow.Unprinted(rec.Entry.ID); len(got) != 0 {
				t.Errorf("after the reprint Unprinted = %v, want none", got)
			}
		})
	}
}

func TestReprintPrintedEntry(t *testing.T) {
	fx := newFixture(t, nil)
	rec, err := fx.flow.Record(context.Background(), reception, fx.exchangeForm())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fx.flow.Reprint(context.Background(), rec.Entry.ID, "en"); err != nil {
		t.Fatal(err)
	}
	jobs := fx.printer.printed()
	if len(jobs) != 2 {
		t.Fatalf("printed %d jobs, want the receipt and its reprint", len(jobs))
	}
	if bytes.Contains(jobs[0], []byte("REPRINT")) || !bytes.Contains(jobs[1], []byte("REPRINT")) {
		t.Error("only the second job should carry the REPRINT mark")
	}
}

func TestReverse(t *testing.T) {
	tests := []struct {
		name    string
		staff   Staff
		reason  string
		wantErr error // nil for a recorded reversal
	}{
		{"supervisor", supervisor, "Wrong amount typed", nil},
		{"reception role", reception, "Wrong amount typed", ledger.ErrNotSupervisor},
		{"admin role", admin, "Wrong amount typed", ledger.ErrNotSupervisor},
		{"no reason", supervisor, "  ", ErrMissing},
		{"nobody signed in", Staff{}, "Wrong amount typed", ErrNotSignedIn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			fx := newFixture(t, nil)
			rec, err := fx.flow.Record(ctx, reception, fx.exchangeForm())
			if err != nil {
				t.Fatal(err)
			}

			rev, err := fx.flow.Reverse(ctx, tt.staff, rec.Entry.ID, tt.reason, "en")
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("error = %v, want %v", err, tt.wantErr)
				}
				if n := len(fx.entries(t)); n != 1 {
					t.Errorf("ledger has %d entries, want only the original", n)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rev.Reverses != rec.Entry.ID || rev.Amount != -rec.Entry.Amount || rev.Staff != "badr" {
				t.Errorf("reversal = %+v, want -%s of %s by badr", rev, rec.Entry.Amount, rec.Entry.ID)
			}
			jobs := fx.printer.printed()
			job := jobs[len(jobs)-1]
			for _, text := range []string{"Reverses entry: " + rec.Entry.ID, "Reason: Wrong amount typed", "AED -1,250.50"} {
				if !bytes.Contains(job, []byte(text)) {
					t.Errorf("reversal receipt lacks %q", text)
				}
			}

			day, err := fx.flow.List(ctx, "2026-12-04")
			if err != nil {
				t.Fatal(err)
			}
			if len(day.Lines) != 2 || day.Lines[0].ReversedBy != rev.ID {
				t.Errorf("List = %+v, want the original marked reversed by %s", day.Lines, rev.ID)
			}
			if day.Totals.Net != 0 || day.Totals.Reversals != 1 {
				t.Errorf("totals = %+v, want net 0 with 1 reversal", day.Totals)
			}
			if _, err := fx.flow.Reverse(ctx, supervisor, rec.Entry.ID, "again", "en"); !errors.Is(err, ledger.ErrAlreadyReversed) {
				t.Errorf("second reversal: error = %v, want ledger.ErrAlreadyReversed", err)
			}
		})
	}
}

func TestCloseDay(t *testing.T) {
	ctx := context.Background()
	fx := newFixture(t, nil)
	if _, err := fx.flow.Record(ctx, reception, fx.exchangeForm()); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.flow.Record(ctx, reception, fx.bankForm()); err != nil {
		t.Fatal(err)
	}
	today := fx.flow.Today()
	if today != "2026-12-04" {
		t.Fatalf("Today = %s, want 2026-12-04", today)
	}

	if _, err := fx.flow.CloseDay(ctx, reception, today, "en"); !errors.Is(err, ledger.ErrNotSupervisor) {
		t.Errorf("close by reception: error = %v, want ledger.ErrNotSupervisor", err)
	}
	dc, err := fx.flow.CloseDay(ctx, supervisor, today, "en")
	if err != nil {
		t.Fatal(err)
	}
	if dc.Total.Entries != 2 || dc.Total.Net != aed(4250, 50) {
		t.Errorf("close totals = %+v, want 2 entries, AED 4,250.50", dc.Total)
	}
	jobs := fx.printer.printed()
	slip := jobs[len(jobs)-1]
	for _, text := range []string{"DAY CLOSE", "Business day: 2026-12-04", "Total: AED 4,250.50",
		"Closed by: badr", "Bank transaction", "Cash"} {
		if !bytes.Contains(slip, []byte(text)) {
			t.Errorf("closing slip lacks %q", text)
		}
	}

	tests := []struct {
		name string
		act  func() error
	}{
		{"record", func() error {
			_, err := fx.flow.Record(ctx, reception, fx.exchangeForm())
			return err
		}},
		{"reverse", func() error {
			first := fx.entries(t)[0]
			_, err := fx.flow.Reverse(ctx, supervisor, first.ID, "late", "en")
			return err
		}},
		{"close again", func() error {
			_, err := fx.flow.CloseDay(ctx, supervisor, today, "en")
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.act(); !errors.Is(err, ledger.ErrDayClosed) {
				t.Errorf("error = %v, want ledger.ErrDayClosed", err)
			}
		})
	}
	if n := len(fx.entries(t)); n != 2 {
		t.Errorf("closed day has %d entries, want 2", n)
	}
	day, err := fx.flow.List(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if !day.Closed || day.Close.ClosedBy != "badr" {
		t.Errorf("List: Closed %v by %q, want closed by badr", day.Closed, day.Close.ClosedBy)
	}
}

func TestCloseSlipNotPrinted(t *testing.T) {
	ctx := context.Background()
	fx := newFixture(t, nil)
	fx.printer.failNext(printer.ErrPaperOut)
	_, err := fx.flow.CloseDay(ctx, supervisor, "2026-12-04", "ar")
	if !errors.Is(err, ErrNotPrinted) || !errors.Is(err, printer.ErrPaperOut) {
		t.Fatalf("error = %v, want ErrNotPrinted and printer.ErrPaperOut", err)
	}
	if _, closed, _ := fx.ledger.DayClose(ctx, "2026-12-04"); !closed {
		t.Error("the day is not closed after the slip failed to print")
	}
	if !fx.flow.CloseUnprinted("2026-12-04") {
		t.Error("CloseUnprinted = false after the slip failed")
	}
	if err := fx.flow.ReprintDayClose(ctx, "2026-12-04", "ar"); err != nil {
		t.Fatal(err)
	}
	jobs := fx.printer.printed()
	if len(jobs) != 1 || !bytes.Contains(jobs[0], []byte("REPRINT")) {
		t.Errorf("printed %d jobs, want one slip marked REPRINT", len(jobs))
	}
	if fx.flow.CloseUnprinted("2026-12-04") {
		t.Error("CloseUnprinted = true after the reprint")
	}
}

func TestErrorsNameValueAndFix(t *testing.T) {
	fx := newFixture(t, nil)
	form := fx.exchangeForm()
	form.Amount = "12.345"
	_, err := fx.flow.Record(context.Background(), reception, form)
	if err == nil {
		t.Fatal("Record accepted 12.345")
	}
	for _, want := range []string{"amount", `"12.345"`, "more than two decimals", "enter at most 2"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestCloseSlipSections(t *testing.T) {
	tests := []struct {
		name     string
		record   []func(fx *fixture) Form
		want     []string
		wantNone []string
	}{
		{"bank only", []func(fx *fixture) Form{(*fixture).bankForm},
			[]string{"By kind", "By staff member", "By terminal", "S1-D2"}, []string{"By method"}},
		{"both kinds", []func(fx *fixture) Form{(*fixture).bankForm, (*fixture).exchangeForm},
			[]string{"By kind", "By method", "Cash", "By staff member"}, nil},
		{"empty day", nil, []string{"Entries: 0", "Total: AED 0.00"}, []string{"By kind", "By method"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			fx := newFixture(t, nil)
			for _, form := range tt.record {
				if _, err := fx.flow.Record(ctx, reception, form(fx)); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := fx.flow.CloseDay(ctx, supervisor, "2026-12-04", "en"); err != nil {
				t.Fatal(err)
			}
			jobs := fx.printer.printed()
			slip := jobs[len(jobs)-1]
			for _, text := range tt.want {
				if !bytes.Contains(slip, []byte(text)) {
					t.Errorf("closing slip lacks %q", text)
				}
			}
			for _, text := range tt.wantNone {
				if bytes.Contains(slip, []byte(text)) {
					t.Errorf("closing slip prints %q", text)
				}
			}
		})
	}
}
