package rating

import (
	"fmt"
	"strings"
)

// Level is one of the four satisfaction levels. There is no neutral level.
type Level uint8

// Levels, best first. The zero value is not a level.
const (
	VeryGood Level = iota + 1
	Good
	Bad
	VeryBad
)

// Levels returns every level, best first, in the order the faces appear.
func Levels() []Level { return []Level{VeryGood, Good, Bad, VeryBad} }

var levelNames = map[Level]string{VeryGood: "very-good", Good: "good", Bad: "bad", VeryBad: "very-bad"}

// String returns the level's name as the command line and JSON spell it:
// "very-good", "good", "bad" or "very-bad".
func (l Level) String() string {
	if name, ok := levelNames[l]; ok {
		return name
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// Valid reports whether l is one of the four levels.
func (l Level) Valid() bool { _, ok := levelNames[l]; return ok }

// Negative reports whether l is bad or very bad, the levels after which the
// screen asks for a reason.
func (l Level) Negative() bool { return l == Bad || l == VeryBad }

// Weight returns the level's weight in the happiness index in tenths of a
// point: 1000, 667, 333 and 0 for very good, good, bad and very bad. Tenths
// keep the sums in integers.
func (l Level) Weight() int {
	switch l {
	case VeryGood:
		return 1000
	case Good:
		return 667
	case Bad:
		return 333
	}
	return 0
}

// ParseLevel parses a level name such as "very-good". It also accepts
// underscores or spaces in place of the dash and any letter case.
func ParseLevel(s string) (Level, error) {
	name := strings.NewReplacer("_", "-", " ", "-").Replace(strings.ToLower(strings.TrimSpace(s)))
	for l, n := range levelNames {
		if n == name {
			return l, nil
		}
	}
	return 0, fmt.Errorf("%w: level %q must be very-good, good, bad or very-bad", ErrInvalid, s)
}

// MarshalText returns the level's name.
func (l Level) MarshalText() ([]byte, error) {
	if !l.Valid() {
		return nil, fmt.Errorf("%w: level %d is not one of the four levels", ErrInvalid, uint8(l))
	}
	return []byte(l.String()), nil
}

// UnmarshalText parses a level name.
func (l *Level) UnmarshalText(text []byte) error {
	v, err := ParseLevel(string(text))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Reason is the cause a citizen gives for a bad or very bad rating.
type Reason string

// Reasons offered after a bad or very bad rating.
const (
	ReasonNone          Reason = ""
	ReasonWaitingTime   Reason = "waiting-time"
	ReasonStaffAttitude Reason = "staff-attitude"
	ReasonInformation   Reason = "information"
	ReasonProcedure     Reason = "procedure"
	ReasonOther         Reason = "other"
)

// Reasons returns the reasons in the order the follow-up screen shows them.
func Reasons() []Reason {
	return []Reason{ReasonWaitingTime, ReasonStaffAttitude, ReasonInformation, ReasonProcedure, ReasonOther}
}

// String returns the reason's name, or "none".
func (r Reason) String() string {
	if r == ReasonNone {
		return "none"
	}
	return string(r)
}

// ParseReason parses a reason name such as "waiting-time". The empty
// string and "none" give ReasonNone.
func ParseReason(s string) (Reason, error) {
	name := Reason(strings.NewReplacer("_", "-", " ", "-").Replace(strings.ToLower(strings.TrimSpace(s))))
	if name == "" || name == "none" {
		return ReasonNone, nil
	}
	for _, r := range Reasons() {
		if r == name {
			return r, nil
		}
	}
	return "", fmt.Errorf("%w: reason %q must be one of waiting-time, staff-attitude, information, procedure, other",
		ErrInvalid, s)
}
