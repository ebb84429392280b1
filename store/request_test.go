package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func newRequest(ticket string) NewRequest {
	return NewRequest{
		Type: RequestComplaint, Department: "customer-satisfaction", Description: "Waited two hours",
		ApplicantName: "Fatima", EmiratesID: "784199012345676", Mobile: "+971501234567",
		TicketID: ticket, Staff: "amal",
	}
}

func TestRequestLifecycle(t *testing.T) {
	db, clock := openClocked(t, 0)
	ctx := context.Background()
	tk := issueAt(t, db, "complaints-suggestions", "S", PriorityNone)
	r, err := db.CreateRequest(ctx, newRequest(tk.ID))
	if err != nil {
		t.Fatal(err)
	}
	if r.Tracking != "S1-K1-20261204-RQ0001" || r.Status != RequestReceived {
		t.Errorf("created %s %s, want S1-K1-20261204-RQ0001 received", r.Tracking, r.Status)
	}

	steps := []struct {
		update  RequestUpdate
		wantErr error
	}{
		{RequestUpdate{Status: RequestClosed, Staff: "amal"}, ErrInvalidTransition},
		{RequestUpdate{Status: RequestResponseRecorded, Staff: "amal", Response: "x"}, ErrInvalidTransition},
		{RequestUpdate{Status: RequestTransferred, Staff: "amal"}, ErrInvalid}, // no department
		{RequestUpdate{Status: RequestTransferred, Staff: "amal", Department: "protection"}, nil},
		{RequestUpdate{Status: RequestTransferred, Staff: "badr", Department: "home-care"}, nil},
		{RequestUpdate{Status: RequestResponseRecorded, Staff: "badr"}, ErrInvalid}, // no response
		{RequestUpdate{Status: RequestResponseRecorded, Staff: "badr", Response: "Apology and a visit"}, nil},
		{RequestUpdate{Status: RequestApplicantInformed, Staff: "amal", Method: "email"}, ErrInvalid},
		{RequestUpdate{Status: RequestApplicantInformed, Staff: "amal", Method: InformSMS}, nil},
		{RequestUpdate{Status: RequestClosed, Staff: "amal"}, nil},
		{RequestUpdate{Status: RequestTransferred, Staff: "amal", Department: "protection"}, ErrInvalidTransition},
		{RequestUpdate{Status: "reopened", Staff: "amal"}, ErrInvalid},
	}
	for i, s := range steps {
		clock.Advance(time.Hour)
		got, err := db.UpdateRequest(ctx, r.Tracking, s.update)
		if !errors.Is(err, s.wantErr) {
			t.Fatalf("step %d (%s): err = %v, want %v", i, s.update.Status, err, s.wantErr)
		}
		if err == nil && got.Status != s.update.Status {
			t.Errorf("step %d: status %s, want %s", i, got.Status, s.update.Status)
		}
	}

	final, err := db.Request(r.Tracking)
	if err != nil {
		t.Fatal(err)
	}
	wantSteps := []struct {
		status RequestStatus
		staff  string
		hours  int
	}{
		{RequestReceived, "amal", 0}, {RequestTransferred, "amal", 4}, {RequestTransferred, "badr", 5},
		{RequestResponseRecorded, "badr", 7}, {RequestApplicantInformed, "amal", 9}, {RequestClosed, "amal", 10},
	}
	if len(final.Steps) != len(wantSteps) {
		t.Fatalf("%d steps, want %d: %+v", len(final.Steps), len(wantSteps), final.Steps)
	}
	for i, w := range wantSteps {
		s := final.Steps[i]
		if s.Status != w.status || s.Staff != w.staff || !s.At.Equal(testDay.Add(time.Duration(w.hours)*time.Hour)) {
			t.Errorf("step %d = %s by %s at %v, want %s by %s at +%dh", i, s.Status, s.Staff, s.At, w.status, w.staff, w.hours)
		}
	}
	if final.Department != "home-care" || final.Response != "Apology and a visit" || final.InformMethod != InformSMS {
		t.Errorf("final %s / %q / %s, want home-care, the response, sms", final.Department, final.Response, final.InformMethod)
	}
}

func TestRequestFind(t *testing.T) {
	db, clock := openClocked(t, 0)
	ctx := context.Background()
	tk := issueAt(t, db, "inquiries", "I", PriorityNone)
	first, err := db.CreateRequest(ctx, newRequest(tk.ID))
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	other := newRequest("")
	other.Department, other.EmiratesID, other.Mobile = "protection", "", "+971559876543"
	second, err := db.CreateRequest(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	third, err := db.CreateRequest(ctx, newRequest(""))
	if err != nil {
		t.Fatal(err)
	}

	trackings := func(list []Request, err error) string {
		if err != nil {
			return "error: " + err.Error()
		}
		var s []string
		for _, r := range list {
			s = append(s, r.Tracking)
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"by ticket", trackings(db.RequestsByTicket(tk.ID)), first.Tracking},
		{"by Emirates ID", trackings(db.RequestsByEmiratesID("784199012345676")), first.Tracking + " " + third.Tracking},
		{"by mobile", trackings(db.RequestsByMobile("+971559876543")), second.Tracking},
		{"unknown mobile", trackings(db.RequestsByMobile("+971500000000")), ""},
		{"open all", trackings(db.OpenRequests("")), first.Tracking + " " + second.Tracking + " " + third.Tracking},
		{"open by department", trackings(db.OpenRequests("customer-satisfaction")), first.Tracking + " " + third.Tracking},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}

	// Transferring moves the request to the new department's open list,
	// and closing takes it off.
	if _, err := db.UpdateRequest(ctx, first.Tracking, RequestUpdate{Status: RequestTransferred, Staff: "amal", Department: "protection"}); err != nil {
		t.Fatal(err)
	}
	if got := trackings(db.OpenRequests("protection")); got != first.Tracking+" "+second.Tracking {
		t.Errorf("open in protection after transfer = %q", got)
	}
	for _, u := range []RequestUpdate{
		{Status: RequestResponseRecorded, Staff: "amal", Response: "done"},
		{Status: RequestApplicantInformed, Staff: "amal", Method: InformPhone},
		{Status: RequestClosed, Staff: "amal"},
	} {
		if _, err := db.UpdateRequest(ctx, first.Tracking, u); err != nil {
			t.Fatal(err)
		}
	}
	if got := trackings(db.OpenRequests("protection")); got != second.Tracking {
		t.Errorf("open in protection after close = %q, want %q", got, second.Tracking)
	}
	if got := trackings(db.RequestsByTicket(tk.ID)); got != first.Tracking {
		t.Errorf("closed request by ticket = %q, want it still found", got)
	}
}

func TestCreateRequestRejectsInvalid(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*NewRequest)
		wantErr error
	}{
		{"unknown type", func(r *NewRequest) { r.Type = "praise" }, ErrInvalid},
		{"no department", func(r *NewRequest) { r.Department = "" }, ErrInvalid},
		{"empty description", func(r *NewRequest) { r.Description = "  " }, ErrInvalid},
		{"control byte", func(r *NewRequest) { r.Description = "a\x1b[2Jb" }, ErrInvalid},
		{"Emirates ID with dashes", func(r *NewRequest) { r.EmiratesID = "784-1990-1234567-6" }, ErrInvalid},
		{"Emirates ID wrong prefix", func(r *NewRequest) { r.EmiratesID = "785199012345676" }, ErrInvalid},
		{"local mobile", func(r *NewRequest) { r.Mobile = "0501234567" }, ErrInvalid},
		{"no staff", func(r *NewRequest) { r.Staff = "" }, ErrInvalid},
		{"unknown ticket", func(r *NewRequest) { r.TicketID = "S1-K1-20261204-A999" }, ErrNotFound},
	}
	db := openTest(t, testConfig(t))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nr := newRequest("")
			tc.edit(&nr)
			if _, err := db.CreateRequest(context.Background(), nr); !errors.Is(err, tc.wantErr) {
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
		})
	}
	if open, _ := db.OpenRequests(""); len(open) != 0 {
		t.Errorf("%d requests stored after rejections, want 0", len(open))
	}
}
