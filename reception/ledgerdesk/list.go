package ledgerdesk

import (
	"context"
	"fmt"

	"frontdesk/devices/receipt"
	"frontdesk/store/ledger"
)

// Line is one entry of a day's list with what the screen marks on it.
type Line struct {
	Entry ledger.Entry
	// ReversedBy is the id of the reversal of this entry, or empty. The
	// reversal may be on a later day.
	ReversedBy string
	// Unprinted lists the copies of the receipt that failed to print.
	Unprinted []receipt.Copy
}

// DayList is a business day's entries and state.
type DayList struct {
	Day   string
	Lines []Line // in the order recorded
	// Totals are the day's totals so far, or at the close.
	Totals ledger.Totals
	// Closed is true once the day is closed; Close is then its stored
	// summary. A closed day takes no new entries.
	Closed bool
	Close  ledger.DayClose
	// CloseUnprinted is true when the closing slip failed to print.
	CloseUnprinted bool
}

// List returns the entries of a business day (YYYY-MM-DD) with their
// reversals, print state and totals, and whether the day is closed.
func (f *Flow) List(ctx context.Context, day string) (DayList, error) {
	entries, err := f.ledger.List(ctx, day)
	if err != nil {
		return DayList{}, fmt.Errorf("ledgerdesk: list: %w", err)
	}
	d := DayList{Day: day, Lines: make([]Line, len(entries))}

	reversedBy := map[string]string{}
	for _, e := range entries {
		if e.IsReversal() {
			reversedBy[e.Reverses] = e.ID
		}
	}
	for i, e := range entries {
		line := Line{Entry: e, ReversedBy: reversedBy[e.ID], Unprinted: f.Unprinted(e.ID)}
		if !e.IsReversal() && line.ReversedBy == "" {
			// A reversal recorded on a later day is not in this list.
			rev, found, err := f.ledger.ReversalOf(ctx, e.ID)
			if err != nil {
				return DayList{}, fmt.Errorf("ledgerdesk: list: %w", err)
			}
			if found {
				line.ReversedBy = rev.ID
			}
		}
		d.Lines[i] = line
	}

	d.Close, d.Closed, err = f.ledger.DayClose(ctx, day)
	if err != nil {
		return DayList{}, fmt.Errorf("ledgerdesk: list: %w", err)
	}
	if d.Closed {
		d.Totals = d.Close.Total
		d.CloseUnprinted = f.CloseUnprinted(day)
		return d, nil
	}
	summary, err := f.ledger.Summarize(ctx, day)
	if err != nil {
		return DayList{}, fmt.Errorf("ledgerdesk: list: %w", err)
	}
	d.Totals = summary.Total
	return d, nil
}
