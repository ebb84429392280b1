package ledgerui

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"go.etcd.io/bbolt"

	"frontdesk/assets/i18n"
	fdtheme "frontdesk/assets/theme"
	"frontdesk/devices/escpos"
	"frontdesk/devices/printer"
	"frontdesk/devices/receipt"
	"frontdesk/reception/ledgerdesk"
	"frontdesk/store/ledger"
)

var (
	reception  = ledgerdesk.Staff{ID: "amal", Name: "Amal Al Mansoori", Role: "reception"}
	supervisor = ledgerdesk.Staff{ID: "badr", Name: "Badr Al Nuaimi", Role: "supervisor"}
)

// fakePrinter is the far side of the serial line: it keeps every job and
// returns the errors queued in errs for the next prints.
type fakePrinter struct {
	mu   sync.Mutex
	jobs [][]byte
	errs []error
}

func (p *fakePrinter) Print(_ context.Context, job []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.errs) > 0 {
		err := p.errs[0]
		p.errs = p.errs[1:]
		if err != nil {
			return err
		}
	}
	p.jobs = append(p.jobs, bytes.Clone(job))
	return nil
}

func (p *fakePrinter) printed() [][]byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([][]byte(nil), p.jobs...)
}

var (
	layoutOnce sync.Once
	testLayout *receipt.Layout
	layoutErr  error
)

type fixture struct {
	screen  *Screen
	ledger  *ledger.Ledger
	printer *fakePrinter
}

// newFixture returns a synchronous ledger screen in lang over a ledger in
// a new bbolt file, with session's staff signed in.
func newFixture(t *testing.T, lang string, session Session) *fixture {
	t.Helper()
	app := test.NewTempApp(t)
	app.Settings().SetTheme(fdtheme.New())

	db, err := bbolt.Open(filepath.Join(t.TempDir(), "frontdesk.db"), 0o600, &bbolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var (
		mu  sync.Mutex
		now = time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	)
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Second)
		return now
	}
	l, err := ledger.New(db, ledger.Config{Terminal: "S1-D2", Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	layoutOnce.Do(func() { testLayout, layoutErr = receipt.NewLayout(escpos.DefaultProfile()) })
	if layoutErr != nil {
		t.Fatal(layoutErr)
	}
	p := &fakePrinter{}
	flow, err := ledgerdesk.New(l, testLayout, p, ledgerdesk.Config{CentreEN: "Customer Service Centre", Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	s, err := newScreen(flow, lang, cat, session, false)
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, s.Content())
	w.Resize(fyne.NewSize(1920, 1080))
	return &fixture{screen: s, ledger: l, printer: p}
}

func (fx *fixture) entries(t *testing.T) []ledger.Entry {
	t.Helper()
	list, err := fx.ledger.List(context.Background(), "2026-12-04")
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// keypadButton returns the keypad's button with the given label.
func (fx *fixture) keypadButton(t *testing.T, label string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(fx.screen.form.content, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no keypad key %q", label)
	}
	return found
}

func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, fn)
		}
	case *container.Scroll:
		walk(c.Content, fn)
	}
}

// fillExchange fills the form with a cash exchange of AED 1,250.50, the
// amount on the keypad and the rest typed.
func (fx *fixture) fillExchange(t *testing.T) {
	t.Helper()
	f := fx.screen.form
	test.Tap(f.kinds[ledger.KindExchange])
	test.Tap(f.methods[ledger.MethodCash])
	f.setTarget(f.byField[ledgerdesk.FieldAmount])
	for _, k := range strings.Split("1250.5", "") {
		test.Tap(fx.keypadButton(t, k))
	}
	test.Type(f.byField[ledgerdesk.FieldEmiratesID].entry, "784-1990-1234567-6")
	test.Type(f.byField[ledgerdesk.FieldCaseNumber].entry, "SA-2026-0917")
}

func TestRecordThroughForm(t *testing.T) {
	fx := newFixture(t, "en", FixedSession{StaffMember: reception, TicketNumber: "A-007"})
	fx.fillExchange(t)
	f := fx.screen.form

	if got := f.byField[ledgerdesk.FieldAmount].entry.Text; got != "1250.5" {
		t.Errorf("amount field = %q, want 1250.5 from the keypad", got)
	}
	if got := f.preview.Text; got != "Printed as AED 1,250.50" {
		t.Errorf("amount preview = %q, want %q", got, "Printed as AED 1,250.50")
	}

	test.Tap(fx.keypadButton(t, "Review"))
	if fx.screen.step != stepReview {
		t.Fatalf("step = %d after Review, want the confirmation", fx.screen.step)
	}
	if got := fx.screen.review.amount.Text; got != "AED 1,250.50" {
		t.Errorf("confirmation amount = %q, want AED 1,250.50", got)
	}
	if n := len(fx.entries(t)); n != 0 {
		t.Fatalf("%d entries recorded before the confirmation, want 0", n)
	}

	test.Tap(fx.screen.review.confirm)
	list := fx.entries(t)
	if len(list) != 1 {
		t.Fatalf("ledger has %d entries, want 1", len(list))
	}
	e := list[0]
	if e.Amount != 125050 || e.Staff != "amal" || e.Ticket != "A-007" || e.Method != ledger.MethodCash {
		t.Errorf("entry = %+v, want AED 1,250.50 in cash by amal for A-007", e)
	}
	if n := len(fx.printer.printed()); n != 1 {
		t.Errorf("printed %d receipts, want 1", n)
	}
	if got := fx.screen.result.message.Text; !strings.Contains(got, e.ID) {
		t.Errorf("result = %q, want it to name entry %s", got, e.ID)
	}
	if n := fx.screen.day.list.Length(); n != 1 {
		t.Errorf("day list has %d rows, want 1", n)
	}
	if f.byField[ledgerdesk.FieldAmount].entry.Text != "" {
		t.Error("the form keeps its amount after the entry was recorded")
	}
}

func TestConfirmDoubleTapRecordsOnce(t *testing.T) {
	fx := newFixture(t, "en", FixedSession{StaffMember: reception})
	fx.fillExchange(t)
	test.Tap(fx.keypadButton(t, "Review"))

	test.Tap(fx.screen.review.confirm)
	test.Tap(fx.screen.review.confirm)

	if n := len(fx.entries(t)); n != 1 {
		t.Errorf("ledger has %d entries after a double tap, want 1", n)
	}
	if n := len(fx.printer.printed()); n != 1 {
		t.Errorf("printed %d receipts after a double tap, want 1", n)
	}
}

func TestConfirmIgnoredWhileBusy(t *testing.T) {
	fx := newFixture(t, "en", FixedSession{StaffMember: reception})
	fx.fillExchange(t)
	test.Tap(fx.keypadButton(t, "Review"))

	fx.screen.busy = true
	test.Tap(fx.screen.review.confirm)
	if n := len(fx.entries(t)); n != 0 {
		t.Errorf("a tap while a record runs recorded %d entries, want 0", n)
	}
}

func TestInvalidFormShowsProblems(t *testing.T) {
	tests := []struct {
		lang   string
		amount string
		want   string
	}{
		{"en", "12.345", "Amount 12.345 has more than two decimals: a dirham has 100 fils."},
		{"en", "", "Enter the amount."},
		{"ar", "0", "يجب ألا يقل المبلغ عن 0.01."},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.amount, func(t *testing.T) {
			fx := newFixture(t, tt.lang, FixedSession{StaffMember: reception})
			fx.fillExchange(t)
			amount := fx.screen.form.byField[ledgerdesk.FieldAmount]
			amount.entry.SetText(tt.amount)

			test.Tap(fx.keypadButton(t, fx.screen.t.get("ledger.review")))
			if fx.screen.step != stepForm {
				t.Errorf("step = %d, want the form", fx.screen.step)
			}
			if got := strings.ReplaceAll(amount.problem.Text, "\n", " "); got != tt.want {
				t.Errorf("amount message = %q, want %q", got, tt.want)
			}
			if n := len(fx.entries(t)); n != 0 {
				t.Errorf("ledger has %d entries, want 0", n)
			}
		})
	}
}

func TestPrintFailureOffersReprint(t *testing.T) {
	fx := newFixture(t, "en", FixedSession{StaffMember: reception})
	fx.printer.errs = []error{printer.ErrPaperOut}
	fx.fillExchange(t)
	test.Tap(fx.keypadButton(t, "Review"))
	test.Tap(fx.screen.review.confirm)

	if n := len(fx.entries(t)); n != 1 {
		t.Fatalf("ledger has %d entries, want 1", n)
	}
	r := fx.screen.result
	if r.reprint.Hidden {
		t.Fatal("no reprint button after the receipt failed to print")
	}
	if !strings.Contains(r.message.Text, "out of paper") {
		t.Errorf("result = %q, want it to say the printer is out of paper", r.message.Text)
	}
	test.Tap(r.reprint)
	jobs := fx.printer.printed()
	if len(jobs) != 1 || !bytes.Contains(jobs[0], []byte("REPRINT")) {
		t.Errorf("printed %d jobs, want one receipt marked REPRINT", len(jobs))
	}
}

func TestSupervisorReversesAndCloses(t *testing.T) {
	fx := newFixture(t, "ar", FixedSession{StaffMember: supervisor})
	fx.fillExchange(t)
	test.Tap(fx.keypadButton(t, fx.screen.t.get("ledger.review")))
	test.Tap(fx.screen.review.confirm)

	d := fx.screen.day
	d.list.Select(0)
	if d.reverseBox.Hidden {
		t.Fatal("the supervisor sees no reversal for the selected entry")
	}
	test.Type(d.reason, "مبلغ خاطئ")
	test.Tap(d.reverse)
	list := fx.entries(t)
	if len(list) != 2 || list[1].Reverses != list[0].ID {
		t.Fatalf("ledger has %d entries, want the entry and its reversal", len(list))
	}
	if got := d.today.Lines[0].ReversedBy; got != list[1].ID {
		t.Errorf("list marks the entry reversed by %q, want %s", got, list[1].ID)
	}

	test.Tap(d.close)
	if d.closeConfirm.Hidden {
		t.Fatal("no confirmation before closing the day")
	}
	test.Tap(d.closeYes)
	day, closed, err := fx.ledger.DayClose(context.Background(), "2026-12-04")
	if err != nil || !closed {
		t.Fatalf("day closed = %v, %v after the confirmation, want closed", closed, err)
	}
	if day.ClosedBy != "badr" {
		t.Errorf("closed by %q, want badr", day.ClosedBy)
	}
	if shown := fx.screen.entryArea.Objects[0]; !d.today.Closed || shown == fx.screen.form.content ||
		shown == fx.screen.result.content {
		t.Error("the entry area shows the form or the last result after the close, want the closed notice")
	}
	d.list.Select(1)
	if !d.reverseBox.Hidden {
		t.Error("the reversal is offered on a closed day")
	}
	if d.reprintCloseCell.Hidden {
		t.Error("no reprint of the closing slip after the close")
	}
	jobs := fx.printer.printed()
	if last := jobs[len(jobs)-1]; !bytes.Contains(last, []byte("DAY CLOSE")) {
		t.Error("the last job is not the closing slip")
	}
}

func TestReceptionSeesNoSupervisorActions(t *testing.T) {
	fx := newFixture(t, "en", FixedSession{StaffMember: reception})
	fx.fillExchange(t)
	test.Tap(fx.keypadButton(t, "Review"))
	test.Tap(fx.screen.review.confirm)

	d := fx.screen.day
	d.list.Select(0)
	if !d.reverseBox.Hidden {
		t.Error("reception staff see the reversal")
	}
	if !d.closeCell.Hidden {
		t.Error("reception staff see the day close")
	}
	if d.reprintCell.Hidden {
		t.Error("reception staff cannot reprint the selected entry")
	}
}

func TestSetLanguageKeepsForm(t *testing.T) {
	fx := newFixture(t, "en", FixedSession{StaffMember: reception})
	fx.fillExchange(t)
	key := fx.screen.form.key

	if err := fx.screen.SetLanguage("ar"); err != nil {
		t.Fatal(err)
	}
	f := fx.screen.form
	if got := f.byField[ledgerdesk.FieldAmount].entry.Text; got != "1250.5" {
		t.Errorf("amount after the switch = %q, want 1250.5", got)
	}
	if f.key != key {
		t.Errorf("key after the switch = %q, want %q", f.key, key)
	}
	if got := f.preview.Text; got != "يُطبع هكذا: 1,250.50 د.إ" {
		t.Errorf("amount preview = %q, want the Arabic form", got)
	}
	if err := fx.screen.SetLanguage("fr"); err == nil {
		t.Error("SetLanguage accepted fr")
	}
}

func TestReviewNamesTicketProblem(t *testing.T) {
	fx := newFixture(t, "en", FixedSession{StaffMember: reception, TicketNumber: "A-007\x1b"})
	fx.fillExchange(t)
	test.Tap(fx.keypadButton(t, "Review"))
	if fx.screen.step != stepForm {
		t.Errorf("step = %d, want the form", fx.screen.step)
	}
	if got, want := fx.screen.status.Text, fx.screen.t.get("ledger.error.text"); got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
}

// signInSession is a Session whose staff member a test signs in later.
type signInSession struct{ staff ledgerdesk.Staff }

func (s *signInSession) Staff() ledgerdesk.Staff { return s.staff }

func (s *signInSession) Ticket() string { return "" }

func TestShownAgainRefreshesSession(t *testing.T) {
	session := &signInSession{}
	fx := newFixture(t, "en", session)
	d := fx.screen.day
	if !d.closeCell.Hidden {
		t.Fatal("the day close is offered with nobody signed in")
	}

	fx.screen.Content().Hide()
	session.staff = supervisor
	fx.screen.Content().Show()

	if got := fx.screen.header.Text; !strings.Contains(got, "Badr Al Nuaimi - Supervisor") {
		t.Errorf("header = %q, want the supervisor signed in", got)
	}
	if d.closeCell.Hidden {
		t.Error("no day close for the supervisor after the panel was shown again")
	}
}

func TestRetryAfterPrintFailureOffersReprint(t *testing.T) {
	fx := newFixture(t, "en", FixedSession{StaffMember: reception})
	fx.printer.errs = []error{printer.ErrOffline}
	fx.fillExchange(t)
	test.Tap(fx.keypadButton(t, "Review"))
	test.Tap(fx.screen.review.confirm)
	test.Tap(fx.screen.review.confirm)

	if n := len(fx.entries(t)); n != 1 {
		t.Errorf("ledger has %d entries, want 1", n)
	}
	if !strings.Contains(fx.screen.result.message.Text, "recorded already") {
		t.Errorf("result = %q, want the entry reported as recorded already", fx.screen.result.message.Text)
	}
	if fx.screen.result.reprint.Hidden {
		t.Error("no reprint offered for the entry whose receipt did not print")
	}
}

func TestReverseWithoutReason(t *testing.T) {
	fx := newFixture(t, "en", FixedSession{StaffMember: supervisor})
	fx.fillExchange(t)
	test.Tap(fx.keypadButton(t, "Review"))
	test.Tap(fx.screen.review.confirm)

	d := fx.screen.day
	d.list.Select(0)
	test.Tap(d.reverse)
	if n := len(fx.entries(t)); n != 1 {
		t.Errorf("ledger has %d entries after a reversal without reason, want 1", n)
	}
	if got := fx.screen.status.Text; got != "Write the reason for the reversal." {
		t.Errorf("status = %q, want the request for a reason", got)
	}
}
