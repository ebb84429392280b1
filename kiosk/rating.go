package kiosk

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"frontdesk/store"
	"frontdesk/store/ident"
	"frontdesk/store/rating"
)

// ErrInvalidTicketNumber is returned by ParseTicketNumber for input that is
// not a ticket number of the kiosk's services.
var ErrInvalidTicketNumber = errors.New("kiosk: invalid ticket number")

// Messages of a rating that the rating book rejected, shown with the
// ticket number as {{.Number}}.
const (
	MsgRateNotServed = "kiosk.rate.not_served"
	MsgRateNotFound  = "kiosk.rate.not_found"
)

// RatingMessages returns every message id RatingProblem can return.
func RatingMessages() []string { return []string{MsgRateNotServed, MsgRateNotFound} }

// RatingProblem returns the message that tells a citizen why the rating
// book rejected the rating of their ticket, and false for an error that
// rating anonymously would not avoid.
func RatingProblem(err error) (string, bool) {
	switch {
	case errors.Is(err, rating.ErrNotServed):
		return MsgRateNotServed, true
	case errors.Is(err, store.ErrNotFound):
		return MsgRateNotFound, true
	}
	return "", false
}

// maxSequence is the highest sequence of a ticket number, which has three
// digits.
const maxSequence = 999

// ParseTicketNumber returns the ticket number that a citizen typed, as it
// is printed: "A-007". It accepts the letter of one of the kiosk's
// services in either case, an optional dash and one to three digits, ASCII
// or Arabic-Indic, with spaces anywhere: "A7", "a 07", "A-007", "A٧".
func (k *Kiosk) ParseTicketNumber(input string) (string, error) {
	s := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '\u2212' || r == '\u2010' || r == '\u2011' {
			return -1
		}
		return unicode.ToUpper(r)
	}, ident.NormalizeDigits(input))
	if s == "" {
		return "", fmt.Errorf("%w: %q is empty: type the letter and digits of the ticket", ErrInvalidTicketNumber, input)
	}

	letter, digits := s[:1], s[1:]
	if !k.hasLetter(letter) {
		return "", fmt.Errorf("%w: %q does not start with the letter of a service: use one of %s",
			ErrInvalidTicketNumber, input, strings.Join(k.Letters(), ", "))
	}
	seq := 0
	for _, r := range digits {
		if r < '0' || r > '9' {
			return "", fmt.Errorf("%w: %q has %q after the letter: only digits may follow it",
				ErrInvalidTicketNumber, input, r)
		}
		seq = seq*10 + int(r-'0')
		if seq > maxSequence {
			return "", fmt.Errorf("%w: %q is above %d", ErrInvalidTicketNumber, input, maxSequence)
		}
	}
	if digits == "" || seq == 0 {
		return "", fmt.Errorf("%w: %q has no sequence from 1 to %d after the letter",
			ErrInvalidTicketNumber, input, maxSequence)
	}
	return fmt.Sprintf("%s-%03d", letter, seq), nil
}

// Letters returns the ticket letters of the kiosk's services, each once, in
// the order of the service menu.
func (k *Kiosk) Letters() []string {
	var letters []string
	for _, s := range k.cfg.Services {
		if !slices.Contains(letters, s.Letter) {
			letters = append(letters, s.Letter)
		}
	}
	return letters
}

func (k *Kiosk) hasLetter(letter string) bool { return slices.Contains(k.Letters(), letter) }

// RateState is the rating a session is giving.
type RateState struct {
	// Number is the ticket number being rated, as printed. It is empty
	// for an anonymous rating.
	Number string
	// Problem is the message that says why the rating book rejected the
	// rating of Number, at StepRateRejected.
	Problem string
}

// StartRating moves from the start screen to the ticket number entry of a
// rating. It reports false, and does nothing, on another screen or within
// TapGuard of the last screen change.
func (s *Session) StartRating() bool {
	return s.change(func(st *State) bool {
		if st.Step != StepStart {
			return false
		}
		st.Step, st.Rate = StepRateNumber, RateState{}
		return true
	}, true)
}

// RateTicket moves from the number entry to the rating of a ticket, with
// its number as ParseTicketNumber returns it.
func (s *Session) RateTicket(number string) bool {
	if number == "" {
		return false
	}
	return s.change(func(st *State) bool {
		if st.Step != StepRateNumber {
			return false
		}
		st.Step, st.Rate = StepRating, RateState{Number: number}
		return true
	}, true)
}

// RateAnonymously moves from the number entry, or from a rejected rating,
// to a rating tied to no ticket.
func (s *Session) RateAnonymously() bool {
	return s.change(func(st *State) bool {
		if st.Step != StepRateNumber && st.Step != StepRateRejected {
			return false
		}
		st.Step, st.Rate = StepRating, RateState{}
		return true
	}, true)
}

// RatingRejected records that the rating book rejected the rating of the
// ticket for the reason in problem, a message id from RatingProblem. The
// session then offers to rate anonymously.
func (s *Session) RatingRejected(problem string) bool {
	return s.change(func(st *State) bool {
		if st.Step != StepRating || st.Rate.Number == "" {
			return false
		}
		st.Step, st.Rate.Problem = StepRateRejected, problem
		return true
	}, false)
}

// RatingDone ends a rating and returns to the start screen of the next
// citizen, in the default language. The rating screen calls it when its
// thank-you screen has been shown, so it is not guarded against taps.
func (s *Session) RatingDone() bool {
	return s.change(func(st *State) bool {
		if st.Step != StepRating && st.Step != StepRateRejected {
			return false
		}
		*st = State{Step: StepStart, Lang: s.k.cfg.DefaultLang}
		return true
	}, false)
}
