package reception

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"frontdesk/store"
	"frontdesk/store/ident"
)

const testPIN = "482913"

// deskFixture is a desk on a real store file with one staff member.
type deskFixture struct {
	db     *store.DB
	clock  *fakeClock
	desk   *Desk
	states chan DeskState
}

func newDeskFixture(t *testing.T, cfg Config, opts DeskOptions) *deskFixture {
	t.Helper()
	clock := newFakeClock()
	db := openStore(t, clock, cfg.StoreQueue())
	addStaff(t, db, "amal", store.RoleReception)
	states := make(chan DeskState, 200)
	opts.Clock = clock
	opts.OnChange = func(s DeskState) {
		select {
		case states <- s:
		default:
		}
	}
	return &deskFixture{db: db, clock: clock, desk: NewDesk(db, cfg, opts), states: states}
}

func addStaff(t testing.TB, db *store.DB, id string, role store.Role) {
	t.Helper()
	_, err := db.AddStaff(context.Background(), store.NewStaff{ID: id, Name: "Amal Al Suwaidi", Role: role, PIN: testPIN}, "admin")
	if err != nil {
		t.Fatalf("add staff %s: %v", id, err)
	}
}

func (f *deskFixture) signIn(t *testing.T) {
	t.Helper()
	if err := f.desk.SignIn(context.Background(), "amal", testPIN); err != nil {
		t.Fatalf("sign in: %v", err)
	}
}

// auditActions returns the actions of the audit log about subject.
func auditActions(t *testing.T, db *store.DB, subject string) []store.AuditAction {
	t.Helper()
	entries, err := db.AuditLog(0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var actions []store.AuditAction
	for _, e := range entries {
		if e.Subject == subject {
			actions = append(actions, e.Action)
		}
	}
	return actions
}

func TestSignInLockout(t *testing.T) {
	cfg := testConfig()
	cfg.Terminal = "D1"
	f := newDeskFixture(t, cfg, DeskOptions{})
	ctx := context.Background()

	for i := 1; i <= store.DefaultMaxPINFailures; i++ {
		err := f.desk.SignIn(ctx, "amal", "000000")
		want := store.ErrWrongPIN
		if i == store.DefaultMaxPINFailures {
			want = store.ErrLockedOut
		}
		if !errors.Is(err, want) {
			t.Fatalf("wrong PIN %d: err = %v, want %v", i, err, want)
		}
		if f.desk.State().SignedIn {
			t.Fatalf("signed in with a wrong PIN")
		}
	}

	t.Run("right PIN while locked", func(t *testing.T) {
		f.clock.Advance(store.DefaultLockout - time.Second)
		err := f.desk.SignIn(ctx, "amal", testPIN)
		if !errors.Is(err, store.ErrLockedOut) {
			t.Errorf("err = %v, want ErrLockedOut", err)
		}
		if got := f.desk.State().Last.Err; !errors.Is(got, store.ErrLockedOut) {
			t.Errorf("state's last error = %v, want ErrLockedOut", got)
		}
	})

	t.Run("after the lockout", func(t *testing.T) {
		f.clock.Advance(time.Second)
		if err := f.desk.SignIn(ctx, "amal", testPIN); err != nil {
			t.Fatalf("sign in after the lockout: %v", err)
		}
		s := f.desk.State()
		if !s.SignedIn || s.Staff.ID != "amal" {
			t.Errorf("state after sign-in: signed in %v as %q", s.SignedIn, s.Staff.ID)
		}
	})

	t.Run("audit log", func(t *testing.T) {
		got := auditActions(t, f.db, "amal")
		want := []store.AuditAction{store.AuditStaffAdded}
		for range store.DefaultMaxPINFailures {
			want = append(want, store.AuditSignInFailed)
		}
		want = append(want, store.AuditLockout, store.AuditSignInLocked, store.AuditSignIn)
		if strings.Join(actionStrings(got), " ") != strings.Join(actionStrings(want), " ") {
			t.Errorf("audit actions\n got %v\nwant %v", got, want)
		}
	})
}

func actionStrings(actions []store.AuditAction) []string {
	s := make([]string, len(actions))
	for i, a := range actions {
		s[i] = string(a)
	}
	return s
}

func TestSignInArabicDigits(t *testing.T) {
	f := newDeskFixture(t, testConfig(), DeskOptions{})
	if err := f.desk.SignIn(context.Background(), " amal ", "٤٨٢٩١٣"); err != nil {
		t.Fatalf("sign in with Arabic-Indic digits: %v", err)
	}
}

func TestActionsNeedSignIn(t *testing.T) {
	f := newDeskFixture(t, testConfig(), DeskOptions{})
	ctx := context.Background()
	actions := map[string]func() error{
		"call next": func() error { return f.desk.CallNext(ctx) },
		"recall":    func() error { return f.desk.Recall(ctx) },
		"complete":  func() error { return f.desk.Complete(ctx) },
		"register": func() error {
			_, err := f.desk.RegisterRequest(ctx, RequestForm{})
			return err
		},
		"sign out": func() error { return f.desk.SignOut(ctx) },
	}
	for name, do := range actions {
		t.Run(name, func(t *testing.T) {
			if err := do(); !errors.Is(err, ErrNotSignedIn) {
				t.Errorf("err = %v, want ErrNotSignedIn", err)
			}
		})
	}
}

// runDesk runs the desk's idle and change loop for the test.
func runDesk(t *testing.T, d *Desk) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
}

func TestIdleSignOut(t *testing.T) {
	cfg := testConfig()
	cfg.IdleSignOut = 10 * time.Minute
	f := newDeskFixture(t, cfg, DeskOptions{})
	f.signIn(t)
	runDesk(t, f.desk)

	waitWaiters(t, f.clock, 1)
	f.clock.Advance(6 * time.Minute)
	f.desk.Touch()
	waitWaiters(t, f.clock, 1)
	f.clock.Advance(6 * time.Minute)
	// 12 minutes after sign-in but 6 after the last touch.
	waitWaiters(t, f.clock, 1)
	if !f.desk.State().SignedIn {
		t.Fatal("signed out 6 minutes after the last touch, want 10")
	}

	f.clock.Advance(4 * time.Minute)
	s := waitFor(t, f.states, "idle sign-out", func(s DeskState) bool { return !s.SignedIn })
	if s.Last.Action != IntentIdle {
		t.Errorf("last action %q, want %q", s.Last.Action, IntentIdle)
	}
	got := auditActions(t, f.db, "amal")
	if last := got[len(got)-1]; last != store.AuditSignOut {
		t.Errorf("last audit action %q, want %q", last, store.AuditSignOut)
	}
}

func TestDeskServesVisit(t *testing.T) {
	var completed []string
	cfg := testConfig()
	cfg.Counter = 2
	f := newDeskFixture(t, cfg, DeskOptions{
		OnComplete: func(tk store.Ticket, staff store.Staff) { completed = append(completed, tk.Number+" "+staff.ID) },
	})
	issueTickets(t, f.db, f.clock, "social-assistance", 3)
	issueTickets(t, f.db, f.clock, "inquiries", 1)
	f.signIn(t)
	ctx := context.Background()

	steps := []struct {
		name       string
		do         func() error
		wantNumber string            // current ticket after the step, "" for none
		wantState  store.TicketState // state of the ticket acted on
	}{
		{"call next", func() error { return f.desk.CallNext(ctx) }, "A-001", store.StateCalled},
		{"recall", func() error { return f.desk.Recall(ctx) }, "A-001", store.StateCalled},
		{"hold", func() error { return f.desk.Hold(ctx) }, "", store.StateHeld},
		{"call next after hold", func() error { return f.desk.CallNext(ctx) }, "A-002", store.StateCalled},
		{"transfer", func() error {
			return f.desk.Transfer(ctx, store.TransferTarget{Service: "complaints-suggestions"})
		}, "", store.StateTransferred},
		{"call next again", func() error { return f.desk.CallNext(ctx) }, "A-002", store.StateCalled},
		{"complete", func() error { return f.desk.Complete(ctx) }, "", store.StateCompleted},
		{"resume held", func() error { return f.desk.Resume(ctx, f.desk.State().Held[0].ID) }, "A-001", store.StateCalled},
		{"no-show", func() error { return f.desk.NoShow(ctx) }, "", store.StateNoShow},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if err := st.do(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			s := f.desk.State()
			if got := s.Last.Ticket.State; got != st.wantState {
				t.Errorf("ticket %s is %s, want %s", s.Last.Ticket.Number, got, st.wantState)
			}
			got := ""
			if s.HasCurrent {
				got = s.Current.Number
			}
			if got != st.wantNumber {
				t.Errorf("current ticket %q, want %q", got, st.wantNumber)
			}
		})
	}
	if len(completed) != 1 || completed[0] != "A-002 amal" {
		t.Errorf("OnComplete calls %v, want [A-002 amal]", completed)
	}
	s := f.desk.State()
	if len(s.Held) != 0 {
		t.Errorf("held tickets %d after resume, want 0", len(s.Held))
	}
	for _, w := range s.Waiting {
		want := map[string]int{"social-assistance": 1, "inquiries": 1}[w.Service.ID]
		if w.Count != want {
			t.Errorf("%s: %d waiting, want %d", w.Service.ID, w.Count, want)
		}
	}
}

func TestDeskRejectsWithoutTicket(t *testing.T) {
	f := newDeskFixture(t, testConfig(), DeskOptions{})
	f.signIn(t)
	ctx := context.Background()
	if err := f.desk.Complete(ctx); !errors.Is(err, ErrNoCurrentTicket) {
		t.Errorf("complete with no ticket: err = %v, want ErrNoCurrentTicket", err)
	}
	if err := f.desk.CallNext(ctx); !errors.Is(err, store.ErrQueueEmpty) {
		t.Errorf("call next on an empty queue: err = %v, want ErrQueueEmpty", err)
	}
	if got := f.desk.State().Last.Err; !errors.Is(got, store.ErrQueueEmpty) {
		t.Errorf("state's last error = %v, want ErrQueueEmpty", got)
	}
}

func TestRecallBecomesNoShow(t *testing.T) {
	cfg := testConfig()
	cfg.MaxRecalls = 2
	f := newDeskFixture(t, cfg, DeskOptions{})
	issueTickets(t, f.db, f.clock, "social-assistance", 1)
	f.signIn(t)
	ctx := context.Background()
	if err := f.desk.CallNext(ctx); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		if err := f.desk.Recall(ctx); err != nil {
			t.Fatalf("recall %d: %v", i, err)
		}
	}
	s := f.desk.State()
	if s.Last.Ticket.State != store.StateNoShow {
		t.Errorf("after 3 recalls with 2 allowed, ticket is %s, want no-show", s.Last.Ticket.State)
	}
	if s.HasCurrent {
		t.Errorf("counter still serves %s", s.Current.Number)
	}
}

func TestDeskFollowsQueueChanges(t *testing.T) {
	f := newDeskFixture(t, testConfig(), DeskOptions{})
	f.signIn(t)
	runDesk(t, f.desk)
	// Run reads the change feed before it waits on the clock.
	waitWaiters(t, f.clock, 1)
	issueTickets(t, f.db, f.clock, "inquiries", 2)
	waitFor(t, f.states, "the waiting count", func(s DeskState) bool {
		for _, w := range s.Waiting {
			if w.Service.ID == "inquiries" && w.Count == 2 {
				return true
			}
		}
		return false
	})
}

func TestRequestFormChecks(t *testing.T) {
	rs := NewRequests(nil, testConfig(), nil, nil)
	valid := RequestForm{Type: store.RequestComplaint, Department: "customer-satisfaction", Description: "Waited two hours"}
	tests := []struct {
		name      string
		change    func(*RequestForm)
		wantField string // "" for a valid form
		wantErr   error
		wantID    string
		wantPhone string
	}{
		{"minimal", func(*RequestForm) {}, "", nil, "", ""},
		{"emirates id dashed", func(f *RequestForm) { f.EmiratesID = "784-1990-1234567-6" }, "", nil, "784199012345676", ""},
		{"emirates id arabic-indic", func(f *RequestForm) { f.EmiratesID = "٧٨٤-١٩٩٠-١٢٣٤٥٦٧-٦" }, "", nil, "784199012345676", ""},
		{"emirates id persian", func(f *RequestForm) { f.EmiratesID = "۷۸۴۱۹۹۰۱۲۳۴۵۶۷۶" }, "", nil, "784199012345676", ""},
		{"emirates id wrong check digit", func(f *RequestForm) { f.EmiratesID = "784-1990-1234567-1" }, FieldEmiratesID, ident.ErrChecksum, "", ""},
		{"emirates id wrong prefix", func(f *RequestForm) { f.EmiratesID = "785-1990-1234567-6" }, FieldEmiratesID, ident.ErrPrefix, "", ""},
		{"emirates id 14 digits", func(f *RequestForm) { f.EmiratesID = "78419901234567" }, FieldEmiratesID, ident.ErrLength, "", ""},
		{"mobile national", func(f *RequestForm) { f.Mobile = "050 123 4567" }, "", nil, "", "+971501234567"},
		{"mobile international", func(f *RequestForm) { f.Mobile = "+971 50 123 4567" }, "", nil, "", "+971501234567"},
		{"mobile 00971", func(f *RequestForm) { f.Mobile = "00971501234567" }, "", nil, "", "+971501234567"},
		{"mobile 971", func(f *RequestForm) { f.Mobile = "971501234567" }, "", nil, "", "+971501234567"},
		{"mobile trunk in brackets", func(f *RequestForm) { f.Mobile = "+971 (0)50-123-4567" }, "", nil, "", "+971501234567"},
		{"mobile 053", func(f *RequestForm) { f.Mobile = "053 123 4567" }, FieldMobile, ident.ErrPrefix, "", ""},
		{"mobile 11 digits", func(f *RequestForm) { f.Mobile = "050 123 45678" }, FieldMobile, ident.ErrLength, "", ""},
		{"sharjah landline", func(f *RequestForm) { f.Mobile = "06 512 3456" }, FieldMobile, ident.ErrLandline, "", ""},
		{"unknown type", func(f *RequestForm) { f.Type = "praise" }, FieldType, nil, "", ""},
		{"unknown department", func(f *RequestForm) { f.Department = "finance" }, FieldDepartment, nil, "", ""},
		{"blank description", func(f *RequestForm) { f.Description = "  \n " }, FieldDescription, nil, "", ""},
		{"control character", func(f *RequestForm) { f.Description = "Waited\x1b[2J" }, FieldDescription, nil, "", ""},
		{"long name", func(f *RequestForm) { f.ApplicantName = strings.Repeat("م", maxName+1) }, FieldName, nil, "", ""},
		{"long arabic description", func(f *RequestForm) { f.Description = strings.Repeat("ش", maxDescription+1) }, FieldDescription, nil, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			form := valid
			tc.change(&form)
			nr, err := rs.Check(form)
			if tc.wantField == "" {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				if nr.EmiratesID != tc.wantID {
					t.Errorf("Emirates ID %q, want %q", nr.EmiratesID, tc.wantID)
				}
				if nr.Mobile != tc.wantPhone {
					t.Errorf("mobile %q, want %q", nr.Mobile, tc.wantPhone)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FieldError", err)
			}
			if fe.Field != tc.wantField {
				t.Errorf("field %q, want %q", fe.Field, tc.wantField)
			}
			if !errors.Is(err, ErrInvalidField) {
				t.Errorf("err = %v, want it to match ErrInvalidField", err)
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("err = %v, want it to match %v", err, tc.wantErr)
			}
			if !utf8.ValidString(err.Error()) {
				t.Errorf("error %q is not valid UTF-8", err)
			}
		})
	}
}

func TestRequestLifecycle(t *testing.T) {
	f := newDeskFixture(t, testConfig(), DeskOptions{})
	issueTickets(t, f.db, f.clock, "complaints-suggestions", 1)
	f.signIn(t)
	ctx := context.Background()
	if err := f.desk.CallNext(ctx); err != nil {
		t.Fatal(err)
	}
	ticket := f.desk.State().Current

	r, err := f.desk.RegisterRequest(ctx, RequestForm{
		Type: store.RequestComplaint, Department: "customer-satisfaction",
		Description: "The queue screen skipped my number", ApplicantName: "Mariam",
		EmiratesID: "784-1990-1234567-6", Mobile: "050 123 4567",
	})
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	if r.TicketID != ticket.ID {
		t.Errorf("request linked to ticket %q, want the ticket being served %q", r.TicketID, ticket.ID)
	}
	if r.Status != store.RequestReceived {
		t.Errorf("new request is %s, want received", r.Status)
	}
	if open := f.desk.State().Requests; len(open) != 1 || open[0].Tracking != r.Tracking {
		t.Errorf("open requests %v, want [%s]", open, r.Tracking)
	}

	t.Run("find", func(t *testing.T) {
		for _, q := range []string{r.Tracking, ticket.Number, ticket.ID, "784 1990 1234567 6", "+971501234567", "0501234567"} {
			found, err := f.desk.FindRequests(q)
			if err != nil {
				t.Errorf("find %q: %v", q, err)
				continue
			}
			if len(found) != 1 || found[0].Tracking != r.Tracking {
				t.Errorf("find %q returned %d requests, want %s", q, len(found), r.Tracking)
			}
		}
	})

	updates := []store.RequestUpdate{
		{Status: store.RequestTransferred, Department: "customer-satisfaction"},
		{Status: store.RequestResponseRecorded, Response: "Apology and a fixed display"},
		{Status: store.RequestApplicantInformed, Method: store.InformSMS},
		{Status: store.RequestClosed},
	}
	for _, u := range updates {
		t.Run(string(u.Status), func(t *testing.T) {
			f.clock.Advance(time.Hour)
			got, err := f.desk.AdvanceRequest(ctx, r.Tracking, u)
			if err != nil {
				t.Fatalf("advance to %s: %v", u.Status, err)
			}
			step := got.Steps[len(got.Steps)-1]
			if step.Status != u.Status || step.Staff != "amal" || !step.At.Equal(f.clock.Now()) {
				t.Errorf("last step %+v, want %s by amal at %v", step, u.Status, f.clock.Now())
			}
		})
	}
	if open := f.desk.State().Requests; len(open) != 0 {
		t.Errorf("%d open requests after closing, want 0", len(open))
	}

	t.Run("out of order", func(t *testing.T) {
		_, err := f.desk.AdvanceRequest(ctx, r.Tracking, store.RequestUpdate{Status: store.RequestTransferred, Department: "protection"})
		if !errors.Is(err, store.ErrInvalidTransition) {
			t.Errorf("err = %v, want ErrInvalidTransition", err)
		}
	})
	t.Run("unknown department", func(t *testing.T) {
		_, err := f.desk.AdvanceRequest(ctx, r.Tracking, store.RequestUpdate{Status: store.RequestTransferred, Department: "finance"})
		if !errors.Is(err, ErrInvalidField) {
			t.Errorf("err = %v, want ErrInvalidField", err)
		}
	})
}
