package kiosk_test

import (
	"errors"
	"fmt"
	"testing"

	"frontdesk/kiosk"
	"frontdesk/store"
	"frontdesk/store/rating"
)

func TestParseTicketNumber(t *testing.T) {
	tests := []struct {
		input string
		want  string // empty when the input is rejected
	}{
		{"A7", "A-007"},
		{"A-007", "A-007"},
		{"a 07", "A-007"},
		{" P-12 ", "P-012"},
		{"I999", "I-999"},
		{"A٧", "A-007"},
		{"A-٠٠٧", "A-007"},
		{"A۱۲", "A-012"},
		{"A\u2212007", "A-007"},
		{"", ""},
		{"A", ""},
		{"A0", ""},
		{"A-000", ""},
		{"A1000", ""},
		{"Z7", ""},
		{"7", ""},
		{"A7B", ""},
		{"AA7", ""},
	}
	r := newRig(t, failingPrinter{})
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			got, err := r.kiosk.ParseTicketNumber(tt.input)
			if tt.want == "" {
				if !errors.Is(err, kiosk.ErrInvalidTicketNumber) {
					t.Errorf("ParseTicketNumber(%q) = %q, %v, want ErrInvalidTicketNumber", tt.input, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseTicketNumber(%q): %v", tt.input, err)
			}
			if got != tt.want {
				t.Errorf("ParseTicketNumber(%q) = %q, want %q", tt.input, got, tt.want)
			}
		})
	}
}

func TestLettersOnce(t *testing.T) {
	r := newRig(t, failingPrinter{})
	if got := fmt.Sprint(r.kiosk.Letters()); got != "[A P I]" {
		t.Errorf("Letters() = %s, want [A P I]", got)
	}
}

func TestRatingProblem(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string // empty when anonymous rating does not help
	}{
		{"not served", fmt.Errorf("rating: %w", rating.ErrNotServed), kiosk.MsgRateNotServed},
		{"unknown number", fmt.Errorf("rating: find: %w", store.ErrNotFound), kiosk.MsgRateNotFound},
		{"already rated", rating.ErrAlreadyRated, ""},
		{"other failure", errors.New("disk full"), ""},
		{"no error", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := kiosk.RatingProblem(tt.err)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("RatingProblem(%v) = %q, %v, want %q", tt.err, got, ok, tt.want)
			}
		})
	}
}

func TestSessionRatingSteps(t *testing.T) {
	r := newRig(t, failingPrinter{})
	s := r.kiosk.NewSession(nil)
	defer s.Close()
	s.SetLang("en")
	pass(r)

	if s.RateTicket("A-001") {
		t.Error("RateTicket accepted on the start screen")
	}
	if !s.StartRating() {
		t.Fatal("StartRating rejected on the start screen")
	}
	if s.RateTicket("A-001") {
		t.Error("RateTicket accepted within the tap guard, as from a double tap")
	}

	pass(r)
	if !s.RateTicket("A-001") {
		t.Fatal("RateTicket rejected on the number entry")
	}
	if st := s.State(); st.Step != kiosk.StepRating || st.Rate.Number != "A-001" {
		t.Fatalf("after RateTicket at %v rating %q, want rating A-001", st.Step, st.Rate.Number)
	}

	if !s.RatingRejected(kiosk.MsgRateNotServed) {
		t.Fatal("RatingRejected rejected on the rating screen")
	}
	if st := s.State(); st.Step != kiosk.StepRateRejected || st.Rate.Problem != kiosk.MsgRateNotServed {
		t.Fatalf("after RatingRejected at %v with %q, want rate-rejected not served", st.Step, st.Rate.Problem)
	}

	pass(r)
	if !s.RateAnonymously() {
		t.Fatal("RateAnonymously rejected after a rejected rating")
	}
	if st := s.State(); st.Step != kiosk.StepRating || st.Rate != (kiosk.RateState{}) {
		t.Fatalf("after RateAnonymously at %v with %+v, want an anonymous rating", st.Step, st.Rate)
	}
	if s.RatingRejected(kiosk.MsgRateNotServed) {
		t.Error("RatingRejected accepted for an anonymous rating")
	}

	if !s.RatingDone() {
		t.Fatal("RatingDone rejected on the rating screen")
	}
	if st := s.State(); st.Step != kiosk.StepStart || st.Lang != "ar" {
		t.Errorf("after RatingDone at %v in %q, want start in ar", st.Step, st.Lang)
	}
}

func TestSessionRatingBack(t *testing.T) {
	r := newRig(t, failingPrinter{})
	s := r.kiosk.NewSession(nil)
	defer s.Close()
	s.SetLang("en")
	pass(r)
	s.StartRating()
	pass(r)
	if !s.Back() {
		t.Fatal("Back rejected on the number entry")
	}
	if st := s.State(); st.Step != kiosk.StepStart || st.Lang != "en" {
		t.Errorf("after Back at %v in %q, want start in en", st.Step, st.Lang)
	}

	pass(r)
	s.StartRating()
	pass(r)
	s.RateAnonymously()
	pass(r)
	if !s.Back() {
		t.Fatal("Back rejected on the rating screen")
	}
	if st := s.State(); st.Step != kiosk.StepStart || st.Lang != "en" {
		t.Errorf("after Back at %v in %q, want start in en", st.Step, st.Lang)
	}
}
