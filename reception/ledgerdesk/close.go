package ledgerdesk

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"frontdesk/devices/receipt"
	"frontdesk/store/ledger"
)

// CloseDay closes a business day (YYYY-MM-DD) as staff and prints the
// closing slip. Only a supervisor may close a day, and after the close the
// day takes no new entries. When the day is closed but the slip did not
// print, CloseDay returns the close and an error that matches
// ErrNotPrinted; ReprintDayClose prints it. Closing a closed day returns
// its close with an error that matches ledger.ErrDayClosed.
func (f *Flow) CloseDay(ctx context.Context, staff Staff, day, lang string) (ledger.DayClose, error) {
	switch {
	case strings.TrimSpace(staff.ID) == "":
		return ledger.DayClose{}, fmt.Errorf("ledgerdesk: close %s: %w, sign in first", day, ErrNotSignedIn)
	case !staff.IsSupervisor():
		return ledger.DayClose{}, fmt.Errorf("ledgerdesk: close %s: %w: staff %q has role %q, "+
			"ask a supervisor to close the day", day, ledger.ErrNotSupervisor, staff.ID, staff.Role)
	}
	dc, err := f.ledger.CloseDay(ctx, day, staff.ID, staff.Role)
	if err != nil {
		return dc, fmt.Errorf("ledgerdesk: %w", err)
	}
	return dc, f.printClose(ctx, dc, lang, false)
}

// ReprintDayClose prints the closing slip of a closed day again, marked
// as a reprint.
func (f *Flow) ReprintDayClose(ctx context.Context, day, lang string) error {
	dc, closed, err := f.ledger.DayClose(ctx, day)
	if err != nil {
		return fmt.Errorf("ledgerdesk: reprint close of %s: %w", day, err)
	}
	if !closed {
		return fmt.Errorf("ledgerdesk: reprint close of %s: the day is open, close it first", day)
	}
	return f.printClose(ctx, dc, lang, true)
}

// CloseUnprinted reports whether the closing slip of day failed to print
// since this Flow closed it.
func (f *Flow) CloseUnprinted(day string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.unprintedClose[day]
}

func (f *Flow) printClose(ctx context.Context, dc ledger.DayClose, lang string, reprint bool) error {
	slip := f.closeSlip(dc, lang)
	slip.Reprint = reprint
	err := f.print(ctx, func() ([]byte, error) { return f.layout.DayClose(slip) })

	f.mu.Lock()
	if err != nil {
		f.unprintedClose[dc.Day] = true
	} else {
		delete(f.unprintedClose, dc.Day)
	}
	f.mu.Unlock()
	if err != nil {
		return fmt.Errorf("ledgerdesk: day %s is closed: %w: closing slip: %w; reprint it",
			dc.Day, ErrNotPrinted, err)
	}
	return nil
}

// closeSlip returns the content of the closing slip of dc. Each row counts
// the entries and reversals of its group and shows its net amount.
func (f *Flow) closeSlip(dc ledger.DayClose, lang string) receipt.DayClose {
	lang = receiptLang(lang)
	slip := receipt.DayClose{
		CentreAR:  f.cfg.CentreAR,
		CentreEN:  f.cfg.CentreEN,
		Day:       dc.Day,
		Closed:    dc.ClosedAt.In(f.cfg.Location),
		ClosedBy:  f.StaffName(dc.ClosedBy),
		Terminal:  dc.Terminal,
		Entries:   dc.Total.Entries + dc.Total.Reversals,
		Reversals: dc.Total.Reversals,
		Total:     dc.Total.Net.String(),
		Lang:      lang,
	}

	var kinds, methods []receipt.TotalsRow
	for _, k := range []ledger.Kind{ledger.KindBankTransaction, ledger.KindExchange} {
		if t, ok := dc.ByKind[k]; ok {
			kinds = append(kinds, totalsRow(KindName(k, lang), t))
		}
	}
	for _, m := range []ledger.Method{ledger.MethodCash, ledger.MethodCheque, ledger.MethodCard} {
		if t, ok := dc.ByMethod[m]; ok {
			methods = append(methods, totalsRow(MethodName(m, lang), t))
		}
	}
	sections := []receipt.TotalsSection{
		{TitleAR: "حسب النوع", TitleEN: "By kind", Rows: kinds},
		{TitleAR: "حسب طريقة الصرف", TitleEN: "By method", Rows: methods},
		{TitleAR: "حسب الموظف", TitleEN: "By staff member", Rows: f.sortedRows(dc.ByStaff, f.StaffName)},
		{TitleAR: "حسب الجهاز", TitleEN: "By terminal", Rows: f.sortedRows(dc.ByTerminal, nil)},
	}
	// A section without rows, such as the methods of a day with no
	// exchanges, would print a title over nothing.
	for _, s := range sections {
		if len(s.Rows) > 0 {
			slip.Sections = append(slip.Sections, s)
		}
	}
	return slip
}

// sortedRows returns a row per group, sorted by label. name turns a key
// into its label; nil uses the key.
func (f *Flow) sortedRows(groups map[string]ledger.Totals, name func(string) string) []receipt.TotalsRow {
	rows := make([]receipt.TotalsRow, 0, len(groups))
	for _, key := range slices.Sorted(maps.Keys(groups)) {
		label := key
		if name != nil {
			label = name(key)
		}
		rows = append(rows, totalsRow(label, groups[key]))
	}
	slices.SortStableFunc(rows, func(a, b receipt.TotalsRow) int { return cmp.Compare(a.Label, b.Label) })
	return rows
}

func totalsRow(label string, t ledger.Totals) receipt.TotalsRow {
	return receipt.TotalsRow{Label: label, Count: t.Entries + t.Reversals, Amount: t.Net.String()}
}
