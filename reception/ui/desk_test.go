package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/assets/i18n"
	fdtheme "frontdesk/assets/theme"
	"frontdesk/reception"
	"frontdesk/store"
)

const testPIN = "482913"

var testServices = []reception.Service{
	{ID: "social-assistance", Letter: "A", NameAR: "المساعدات الاجتماعية", NameEN: "Social Assistance"},
	{ID: "complaints-suggestions", Letter: "S", NameAR: "الشكاوى والاقتراحات", NameEN: "Complaints and Suggestions"},
}

func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(store.Config{Path: filepath.Join(t.TempDir(), "frontdesk.db"), Site: "S1", Terminal: "D1", NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func testConfig() reception.Config {
	cfg := reception.DefaultConfig()
	cfg.Counter = 4
	cfg.Terminal = "D1"
	cfg.Services = testServices
	return cfg
}

func loadCatalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// newTestDesk returns a desk screen in a test window, with intents run
// on the test's goroutine.
func newTestDesk(t *testing.T, db *store.DB, lang string) (*Desk, fyne.Window) {
	t.Helper()
	app := test.NewTempApp(t)
	app.Settings().SetTheme(fdtheme.New())
	d := reception.NewDesk(db, testConfig(), reception.DeskOptions{})
	screen, err := NewDesk(d, loadCatalog(t), lang)
	if err != nil {
		t.Fatal(err)
	}
	screen.async = false
	w := test.NewTempWindow(t, screen.Content())
	w.Resize(fyne.NewSize(1920, 1080))
	return screen, w
}

func TestDeskVisit(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	if _, err := db.AddStaff(ctx, store.NewStaff{ID: "amal", Name: "Amal", Role: store.RoleReception, PIN: testPIN}, "admin"); err != nil {
		t.Fatal(err)
	}
	issued, err := db.IssueTicket(ctx, store.NewTicket{Service: "complaints-suggestions", Letter: "S", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	screen, _ := newTestDesk(t, db, i18n.English)
	desk := screen.desk

	// Sign in: the staff id typed, the PIN tapped on the keypad.
	in := screen.signIn
	test.Type(in.staff, "amal")
	for _, d := range testPIN {
		test.Tap(findButton(t, in.content, string(d)))
	}
	if in.pin.Text != testPIN {
		t.Fatalf("keypad typed %q, want %q", in.pin.Text, testPIN)
	}
	test.Tap(in.submit)
	if !desk.State().SignedIn {
		t.Fatalf("not signed in: %v", desk.State().Last.Err)
	}
	if screen.shown != screen.main.content {
		t.Fatal("the desk view is not shown after sign-in")
	}

	// Call next.
	v := screen.main
	test.Tap(v.callNext)
	if got := v.number.Text; got != issued.Number {
		t.Fatalf("ticket shown %q, want %q", got, issued.Number)
	}
	if !v.callNext.Disabled() {
		t.Error("call next is enabled while a ticket is served")
	}

	// Register a complaint with a wrong Emirates ID, then correct it.
	f := v.form
	f.kind.SetSelected("Complaint")
	f.department.SetSelected("Customer Satisfaction")
	test.Type(f.description, "The screen skipped my number")
	test.Type(f.emiratesID, "784-1990-1234567-1")
	test.Type(f.mobile, "050 123 4567")
	test.Tap(f.register)
	if msg := f.errors[reception.FieldEmiratesID].Text; !strings.Contains(msg, "check digit") {
		t.Errorf("Emirates ID message %q, want the check digit named", msg)
	}
	f.emiratesID.SetText("")
	test.Type(f.emiratesID, "784-1990-1234567-6")
	test.Tap(f.register)
	s := desk.State()
	if s.Last.Err != nil {
		t.Fatalf("register: %v", s.Last.Err)
	}
	r := s.Last.Request
	if r.Type != store.RequestComplaint || r.Department != "customer-satisfaction" || r.TicketID != issued.ID {
		t.Errorf("registered %s to %s for ticket %s, want a complaint to customer-satisfaction for %s",
			r.Type, r.Department, r.TicketID, issued.ID)
	}
	if r.EmiratesID != "784199012345676" || r.Mobile != "+971501234567" {
		t.Errorf("stored Emirates ID %q and mobile %q, want them normalised", r.EmiratesID, r.Mobile)
	}
	if f.description.Text != "" {
		t.Error("the form is not cleared after registering")
	}
	if f.print.Disabled() {
		t.Error("print receipt is disabled after registering")
	}
	if got := len(v.requests.items); got != 1 {
		t.Errorf("open requests listed %d, want 1", got)
	}
	if !strings.Contains(v.status.Text, r.Tracking) {
		t.Errorf("status line %q does not name %s", v.status.Text, r.Tracking)
	}

	// Complete.
	test.Tap(v.complete)
	tk, err := db.Ticket(issued.ID)
	if err != nil {
		t.Fatal(err)
	}
	if tk.State != store.StateCompleted {
		t.Errorf("ticket is %s after complete, want completed", tk.State)
	}
	if v.number.Text == issued.Number {
		t.Error("the completed ticket is still shown")
	}
	if v.callNext.Disabled() {
		t.Error("call next is disabled after complete")
	}
}

func TestDeskWrongPIN(t *testing.T) {
	db := openStore(t)
	screen, _ := newTestDesk(t, db, i18n.Arabic)
	in := screen.signIn
	test.Type(in.staff, "nobody")
	in.pin.SetText("1111")
	test.Tap(in.submit)
	if got, want := in.message.Text, screen.t.get("desk.signin.wrong"); got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	if in.pin.Text != "" {
		t.Error("the PIN is kept after a failed sign-in")
	}
}

func TestDeskLanguageSwitchKeepsForm(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	if _, err := db.AddStaff(ctx, store.NewStaff{ID: "amal", Name: "Amal", Role: store.RoleReception, PIN: testPIN}, "admin"); err != nil {
		t.Fatal(err)
	}
	screen, _ := newTestDesk(t, db, i18n.Arabic)
	if err := screen.desk.SignIn(ctx, "amal", testPIN); err != nil {
		t.Fatal(err)
	}
	screen.main.form.kind.SetSelected("شكوى")
	test.Type(screen.main.form.description, "وصف")
	if err := screen.SetLanguage(i18n.English); err != nil {
		t.Fatal(err)
	}
	f := screen.main.form
	if f.kind.Selected != "Complaint" {
		t.Errorf("type %q after the switch, want Complaint", f.kind.Selected)
	}
	if f.description.Text != "وصف" {
		t.Errorf("description %q after the switch, want it kept", f.description.Text)
	}
	if screen.shown != screen.main.content {
		t.Error("the switch left the desk view")
	}
}

// findButton returns the button labelled text under o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

func TestDisplayShowsCalls(t *testing.T) {
	app := test.NewTempApp(t)
	app.Settings().SetTheme(fdtheme.New())
	db := openStore(t)
	ctx := context.Background()
	for range 3 {
		if _, err := db.IssueTicket(ctx, store.NewTicket{Service: "social-assistance", Letter: "A", Lang: "ar"}); err != nil {
			t.Fatal(err)
		}
	}
	board := reception.NewBoard(db, testConfig(), reception.BoardOptions{})
	ann := reception.NewAnnouncer(reception.AnnouncerOptions{MinDuration: time.Hour})
	screen, err := NewDisplay(board, ann, loadCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	test.NewTempWindow(t, screen.Content())

	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- screen.Run(runCtx) }()
	defer func() {
		cancel()
		<-done
	}()

	// Wait until the board follows the change feed; its first state has
	// the waiting count.
	waitUntil(t, "the waiting count", func() bool {
		s := screen.State()
		return len(s.Waiting) > 0 && s.Waiting[0].Count == 3
	})
	tk, err := db.CallNext(ctx, 2, []string{"social-assistance"}, "amal", store.PriorityRule{})
	if err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the call announced", func() bool { return screen.State().Announced })
	s := screen.State()
	if s.Announcing.Number != tk.Number || s.Announcing.Counter != 2 {
		t.Errorf("announcing %s at %d, want %s at 2", s.Announcing.Number, s.Announcing.Counter, tk.Number)
	}
	if len(s.Current) != 1 || !s.Current[0].Highlight {
		t.Errorf("current calls %+v, want %s highlighted", s.Current, tk.Number)
	}
	screen.mu.Lock()
	number, counter := screen.callNumber.Text, screen.callCounterN.Text
	screen.mu.Unlock()
	if number != tk.Number {
		t.Errorf("large panel shows %q, want %q", number, tk.Number)
	}
	if counter != "2 " {
		t.Errorf("large panel counter %q, want 2", counter)
	}
}

// waitUntil polls ok, failing after a generous real-time limit that only
// stops a hung test.
func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for start := time.Now(); !ok(); time.Sleep(5 * time.Millisecond) {
		if time.Since(start) > 10*time.Second {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestRequestListFilter(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	if _, err := db.AddStaff(ctx, store.NewStaff{ID: "amal", Name: "Amal", Role: store.RoleReception, PIN: testPIN}, "admin"); err != nil {
		t.Fatal(err)
	}
	screen, _ := newTestDesk(t, db, i18n.English)
	desk := screen.desk
	if err := desk.SignIn(ctx, "amal", testPIN); err != nil {
		t.Fatal(err)
	}
	for _, department := range []string{"protection", "home-care", "protection"} {
		form := reception.RequestForm{Type: store.RequestReport, Department: department, Description: "x"}
		if _, err := desk.RegisterRequest(ctx, form); err != nil {
			t.Fatal(err)
		}
	}
	l := screen.main.requests
	if got := len(l.items); got != 3 {
		t.Fatalf("listed %d requests with no filter, want 3", got)
	}
	l.filter.SetSelected("Protection")
	if got := len(l.items); got != 2 {
		t.Errorf("listed %d protection requests, want 2", got)
	}
	for _, r := range l.items {
		if r.Department != "protection" {
			t.Errorf("filter on protection lists %s of %s", r.Tracking, r.Department)
		}
	}
	l.filter.SetSelectedIndex(0)
	if got := len(l.items); got != 3 {
		t.Errorf("listed %d requests after clearing the filter, want 3", got)
	}
}

func TestRequestListAdvance(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	if _, err := db.AddStaff(ctx, store.NewStaff{ID: "amal", Name: "Amal", Role: store.RoleReception, PIN: testPIN}, "admin"); err != nil {
		t.Fatal(err)
	}
	screen, _ := newTestDesk(t, db, i18n.English)
	desk := screen.desk
	if err := desk.SignIn(ctx, "amal", testPIN); err != nil {
		t.Fatal(err)
	}
	r, err := desk.RegisterRequest(ctx, reception.RequestForm{Type: store.RequestInquiry, Department: "protection", Description: "x"})
	if err != nil {
		t.Fatal(err)
	}

	l := screen.main.requests
	l.list.Select(0)
	if l.next.Selected != "Transferred" {
		t.Fatalf("next step %q, want Transferred", l.next.Selected)
	}
	if l.department.Hidden {
		t.Error("the department list is hidden for a transfer")
	}
	if !l.response.Hidden {
		t.Error("the response entry is shown for a transfer")
	}

	test.Tap(l.apply)
	if got := l.message.Text; got != screen.t.get("desk.error.department") {
		t.Errorf("apply without a department: message %q, want the department asked for", got)
	}
	l.department.SetSelected("Home Care for Seniors and People of Determination")
	test.Tap(l.apply)
	got, err := db.Request(r.Tracking)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != store.RequestTransferred || got.Department != "home-care" {
		t.Errorf("request is %s at %s, want transferred to home-care", got.Status, got.Department)
	}
	if step := got.Steps[len(got.Steps)-1]; step.Staff != "amal" {
		t.Errorf("step recorded by %q, want amal", step.Staff)
	}
	if l.next.Selected != "Response recorded" {
		t.Errorf("next step after the transfer %q, want Response recorded", l.next.Selected)
	}
	if l.response.Hidden {
		t.Error("the response entry is hidden when the response is next")
	}
}

func TestDeskTransferChecksTarget(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	if _, err := db.AddStaff(ctx, store.NewStaff{ID: "amal", Name: "Amal", Role: store.RoleReception, PIN: testPIN}, "admin"); err != nil {
		t.Fatal(err)
	}
	tk, err := db.IssueTicket(ctx, store.NewTicket{Service: "social-assistance", Letter: "A", Lang: "ar"})
	if err != nil {
		t.Fatal(err)
	}
	screen, _ := newTestDesk(t, db, i18n.Arabic)
	if err := screen.desk.SignIn(ctx, "amal", testPIN); err != nil {
		t.Fatal(err)
	}
	v := screen.main
	test.Tap(v.callNext)

	test.Tap(v.transfer)
	if got, want := v.status.Text, screen.t.get("desk.error.transfer_target"); got != want {
		t.Errorf("transfer with no target: status %q, want %q", got, want)
	}
	test.Type(v.transferCounter, "abc")
	test.Tap(v.transfer)
	if got, want := v.status.Text, screen.t.get("desk.error.transfer_counter"); got != want {
		t.Errorf("transfer to counter abc: status %q, want %q", got, want)
	}

	// Arabic-Indic digits name counter 7.
	v.transferCounter.SetText("٧")
	test.Tap(v.transfer)
	got, err := db.Ticket(tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != store.StateTransferred || got.TargetCounter != 7 {
		t.Errorf("ticket is %s for counter %d, want transferred to counter 7", got.State, got.TargetCounter)
	}
}

func TestDeskDropsTapWhileBusy(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	if _, err := db.AddStaff(ctx, store.NewStaff{ID: "amal", Name: "Amal", Role: store.RoleReception, PIN: testPIN}, "admin"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := db.IssueTicket(ctx, store.NewTicket{Service: "social-assistance", Letter: "A", Lang: "ar"}); err != nil {
			t.Fatal(err)
		}
	}
	screen, _ := newTestDesk(t, db, i18n.English)
	if err := screen.desk.SignIn(ctx, "amal", testPIN); err != nil {
		t.Fatal(err)
	}

	// A second tap while the first call runs is dropped.
	screen.run(func(ctx context.Context) {
		_ = screen.desk.CallNext(ctx)
		screen.run(func(ctx context.Context) { _ = screen.desk.CallNext(ctx) })
	})
	waiting, err := db.Waiting(db.BusinessDay(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	if got := waiting["social-assistance"]; got != 1 {
		t.Errorf("%d tickets wait after a double tap, want 1", got)
	}
	if err := screen.desk.State().Last.Err; err != nil {
		t.Errorf("the second tap ran and failed: %v", err)
	}
}
