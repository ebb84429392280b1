package receipt

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"frontdesk/devices/escpos"
)

// DayClose is the content of the slip a supervisor prints when closing a
// business day of the ledger.
type DayClose struct {
	CentreAR, CentreEN string
	Day                string    // the business day, 2026-12-04
	Closed             time.Time // already in the business time zone
	ClosedBy           string    // the supervisor
	Terminal           string
	Entries            int    // entries recorded that day, reversals included
	Reversals          int    // reversal entries among them
	Total              string // the net amount of the day, formatted as AED 1,250.50
	Sections           []TotalsSection
	Lang               string // LangArabic or LangEnglish: the language printed first
	Reprint            bool   // print the reprint mark
}

// TotalsSection is one table of the day-close slip, such as the totals
// per kind, per method, per staff member or per terminal.
type TotalsSection struct {
	TitleAR, TitleEN string
	Rows             []TotalsRow
}

// TotalsRow is one line of a totals table.
type TotalsRow struct {
	Label  string // a kind, method, staff member or terminal; Arabic is drawn above the figures
	Count  int
	Amount string // formatted as AED 1,250.50
}

// Column widths of a totals row, in characters of font A.
const (
	countColumns  = 5
	amountColumns = 16
)

// DayClose returns the ESC/POS bytes of a day-close slip: the day, the
// count of entries and reversals, the net total, and a table of count and
// amount per row for each section.
func (l *Layout) DayClose(d DayClose) ([]byte, error) {
	lang, err := checkLang(d.Lang)
	if err != nil {
		return nil, err
	}
	day := strings.TrimSpace(escpos.Sanitize(d.Day))
	if day == "" || !escpos.IsPrintableASCII(day) {
		return nil, fmt.Errorf("%w: business day %q; use YYYY-MM-DD", ErrInvalidReceipt, d.Day)
	}
	if d.Entries < 0 || d.Reversals < 0 || d.Reversals > d.Entries {
		return nil, fmt.Errorf("%w: day %s: %d entries and %d reversals; use counts of 0 or more, reversals among the entries",
			ErrInvalidReceipt, day, d.Entries, d.Reversals)
	}
	if d.Closed.IsZero() {
		return nil, fmt.Errorf("%w: day %s has no closing time", ErrInvalidReceipt, day)
	}

	e := l.begin()
	if d.Reprint {
		if err := l.reprintMark(e, lang); err != nil {
			return nil, err
		}
	}
	if err := l.pair(e, lang, d.CentreAR, headingAR, d.CentreEN, headingEN); err != nil {
		return nil, err
	}
	if err := l.pair(e, lang, phraseDayClose.ar, mark, phraseDayClose.en, mark); err != nil {
		return nil, err
	}
	e.Feed(1)

	fields := []struct {
		p     phrase
		value string
	}{
		{phraseBusinessDay, day},
		{phraseEntries, strconv.Itoa(d.Entries)},
		{phraseReversals, strconv.Itoa(d.Reversals)},
		{phraseTotal, d.Total},
		{phraseClosedBy, d.ClosedBy},
		{phraseTerminal, d.Terminal},
		{phraseDate, formatTime(d.Closed)},
	}
	for _, f := range fields {
		if err := l.labelled(e, lang, f.p, f.value); err != nil {
			return nil, err
		}
	}

	for _, s := range d.Sections {
		e.Feed(1)
		if err := l.totalsSection(e, lang, s); err != nil {
			return nil, err
		}
	}
	return l.end(e)
}

// totalsSection prints a section's title centred and its rows as a
// left-aligned table of label, count and amount.
func (l *Layout) totalsSection(e *escpos.Encoder, lang string, s TotalsSection) error {
	if err := l.pair(e, lang, s.TitleAR, body, s.TitleEN, headingEN); err != nil {
		return err
	}
	cols := l.profile.WidthDots / fontADots
	e.Line(strings.Repeat("-", cols))
	e.Align(escpos.AlignLeft)
	defer e.Align(escpos.AlignCenter)

	for _, row := range s.Rows {
		label := strings.TrimSpace(escpos.Sanitize(row.Label))
		if !escpos.IsPrintableASCII(label) {
			// Arabic labels go as a raster line of their own, right-aligned
			// where an Arabic line starts, above the figures.
			e.Align(escpos.AlignRight)
			if err := l.line(e, label, body); err != nil {
				return err
			}
			e.Align(escpos.AlignLeft)
			label = ""
		}
		e.Line(totalsRow(label, row.Count, strings.TrimSpace(escpos.Sanitize(row.Amount)), cols))
	}
	return nil
}

// totalsRow formats a table row of cols characters: the label on the
// left, cut to fit, and the count and amount right-aligned in their
// columns.
func totalsRow(label string, count int, amount string, cols int) string {
	figures := fmt.Sprintf(" %*d %*s", countColumns, count, amountColumns, amount)
	room := cols - len(figures)
	if room < 0 {
		return strings.TrimLeft(figures, " ")
	}
	if len(label) > room {
		label = label[:room]
	}
	return label + strings.Repeat(" ", room-len(label)) + figures
}
