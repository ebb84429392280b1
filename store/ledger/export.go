package ledger

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"
)

// csvHeader names the columns of ExportCSV.
var csvHeader = []string{
	"seq", "id", "day", "time", "kind", "method", "amount_aed", "amount_fils",
	"case_number", "emirates_id", "iban", "bank", "bank_reference", "reference", "ticket",
	"staff", "terminal", "reverses", "reason", "idempotency_key", "prev_hash", "hash",
}

// ExportCSV writes the entries of a business day (YYYY-MM-DD) to w as CSV
// for a spreadsheet. The file is UTF-8 with a byte order mark, so that
// spreadsheet programs read Arabic text correctly. It has CRLF line ends,
// a header row and one row per entry in chain order. Times are in the business time zone
// with their UTC offset. Emirates IDs and IBANs are written in full,
// because the office matches them against bank statements, so the file
// must be handled as personal data.
//
// A text cell that starts with =, +, -, @, tab or carriage return gets a
// leading apostrophe, so that a spreadsheet never runs it as a formula.
func (l *Ledger) ExportCSV(ctx context.Context, w io.Writer, day string) error {
	list, err := l.List(ctx, day)
	if err != nil {
		return err
	}

	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("ledger: export %s: %w", day, err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("ledger: export %s: %w", day, err)
	}
	for _, e := range list {
		if err := cw.Write(l.csvRow(e)); err != nil {
			return fmt.Errorf("ledger: export %s: entry %d: %w", day, e.Seq, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("ledger: export %s: %w", day, err)
	}
	return nil
}

func (l *Ledger) csvRow(e Entry) []string {
	return []string{
		strconv.FormatUint(e.Seq, 10),
		e.ID,
		e.Day,
		e.Time.In(l.cfg.Location).Format(time.RFC3339),
		string(e.Kind),
		string(e.Method),
		e.Amount.Decimal(),
		strconv.FormatInt(int64(e.Amount), 10),
		safeCell(e.CaseNumber),
		e.EmiratesID,
		e.IBAN,
		safeCell(e.Bank),
		safeCell(e.BankReference),
		safeCell(e.Reference),
		safeCell(e.Ticket),
		safeCell(e.Staff),
		safeCell(e.Terminal),
		e.Reverses,
		safeCell(e.Reason),
		safeCell(e.IdempotencyKey),
		e.PrevHash,
		e.Hash,
	}
}

// safeCell returns typed text so that a spreadsheet shows it as text and
// never evaluates it as a formula.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
