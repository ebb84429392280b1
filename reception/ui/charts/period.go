package charts

import (
	"fmt"
	"time"
)

// Period is the length of the time a report covers.
type Period int

// Periods offered by the period picker.
const (
	PeriodDay   Period = iota
	PeriodWeek         // Monday to Sunday
	PeriodMonth        // a calendar month
	PeriodHalf         // 1 January to 30 June
)

// Periods returns the periods in the order the picker lists them.
func Periods() []Period { return []Period{PeriodDay, PeriodWeek, PeriodMonth, PeriodHalf} }

// String returns "day", "week", "month" or "half".
func (p Period) String() string {
	switch p {
	case PeriodDay:
		return "day"
	case PeriodWeek:
		return "week"
	case PeriodMonth:
		return "month"
	case PeriodHalf:
		return "half"
	}
	return fmt.Sprintf("Period(%d)", int(p))
}

// Range returns the first and last business day, "2006-01-02", of the
// period that holds the day of anchor.
func (p Period) Range(anchor time.Time) (from, to string) {
	y, m, d := anchor.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var first, last time.Time
	switch p {
	case PeriodWeek:
		offset := (int(day.Weekday()) + 6) % 7 // days since Monday
		first = day.AddDate(0, 0, -offset)
		last = first.AddDate(0, 0, 6)
	case PeriodMonth:
		first = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
		last = first.AddDate(0, 1, -1)
	case PeriodHalf:
		first = time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
		last = time.Date(y, time.June, 30, 0, 0, 0, 0, time.UTC)
	default:
		first, last = day, day
	}
	return first.Format(time.DateOnly), last.Format(time.DateOnly)
}

// Step returns anchor moved by n periods: days, weeks, months, or years
// for the first half of the year.
func (p Period) Step(anchor time.Time, n int) time.Time {
	switch p {
	case PeriodWeek:
		return anchor.AddDate(0, 0, 7*n)
	case PeriodMonth:
		// Go to the first of the month first, so 31 January plus one
		// month is in February rather than 3 March.
		y, m, _ := anchor.Date()
		return time.Date(y, m, 1, 12, 0, 0, 0, anchor.Location()).AddDate(0, n, 0)
	case PeriodHalf:
		return anchor.AddDate(n, 0, 0)
	}
	return anchor.AddDate(0, 0, n)
}
