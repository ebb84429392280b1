package receipt

import (
	"fmt"
	"strings"
	"time"

	"frontdesk/devices/escpos"
)

// Copy is the copy of a ledger receipt being printed.
type Copy int

const (
	CopyNone        Copy = iota // a single receipt with no copy label
	CopyBeneficiary             // the copy handed to the beneficiary
	CopyOffice                  // the copy the office keeps
)

// String returns "none", "beneficiary" or "office".
func (c Copy) String() string {
	switch c {
	case CopyNone:
		return "none"
	case CopyBeneficiary:
		return "beneficiary"
	case CopyOffice:
		return "office"
	}
	return fmt.Sprintf("Copy(%d)", int(c))
}

// LedgerEntry is the content of the receipt of a social assistance bank
// transaction or exchange. Amounts, the Emirates ID and the IBAN arrive
// formatted and masked by the ledger.
type LedgerEntry struct {
	CentreAR, CentreEN string
	EntryID            string // the ledger entry id
	KindAR, KindEN     string // bank transaction or exchange
	MethodAR, MethodEN string // cash, cheque or card for an exchange; empty otherwise
	AmountEN           string // "AED 1,250.50"
	AmountAR           string // "1,250.50 د.إ"
	CaseNumber         string // the beneficiary's case number
	EmiratesID         string // masked
	IBAN               string // masked; empty when the entry has none
	Reference          string // the bank's or the desk's reference
	Recorded           time.Time
	Staff              string // the staff member who recorded the entry
	Terminal           string
	ReversalOf         string // the id of the entry a reversal undoes; empty otherwise
	Reason             string // the reason for a reversal
	Copy               Copy
	Lang               string // LangArabic or LangEnglish: the language printed first
	Reprint            bool   // print the reprint mark
}

// signatureLine is the blank line a signature goes on.
const signatureLine = "______________________________"

// Ledger returns the ESC/POS bytes of a ledger receipt. It prints the copy
// label, the kind and amount, the beneficiary's case number, masked
// Emirates ID and IBAN, the reference, date, staff member, terminal and
// entry id. Lines for the beneficiary's and the staff member's signatures
// come last.
func (l *Layout) Ledger(entry LedgerEntry) ([]byte, error) {
	lang, err := checkLang(entry.Lang)
	if err != nil {
		return nil, err
	}
	if err := checkLedgerEntry(entry); err != nil {
		return nil, err
	}

	e := l.begin()
	if entry.Reprint {
		if err := l.reprintMark(e, lang); err != nil {
			return nil, err
		}
	}
	if err := l.copyLabel(e, lang, entry.Copy); err != nil {
		return nil, err
	}
	if err := l.pair(e, lang, entry.CentreAR, headingAR, entry.CentreEN, headingEN); err != nil {
		return nil, err
	}
	if err := l.pair(e, lang, phraseLedgerReceipt.ar, body, phraseLedgerReceipt.en, headingEN); err != nil {
		return nil, err
	}
	e.Feed(1)

	if err := l.ledgerFields(e, lang, entry); err != nil {
		return nil, err
	}

	for _, p := range []phrase{phraseBeneficiary, phraseOfficer} {
		e.Feed(2)
		e.Line(signatureLine)
		if err := l.pair(e, lang, p.ar, label, p.en, body); err != nil {
			return nil, err
		}
	}
	if entry.Copy != CopyNone {
		e.Feed(1)
		if err := l.copyLabel(e, lang, entry.Copy); err != nil {
			return nil, err
		}
	}
	return l.end(e)
}

// ledgerFields prints the fields of an entry between the title and the
// signatures.
func (l *Layout) ledgerFields(e *escpos.Encoder, lang string, entry LedgerEntry) error {
	if entry.ReversalOf != "" {
		if err := l.labelled(e, lang, phraseReverses, entry.ReversalOf); err != nil {
			return err
		}
		if err := l.labelled(e, lang, phraseReason, entry.Reason); err != nil {
			return err
		}
	}
	if err := l.translated(e, lang, phraseKind, entry.KindAR, entry.KindEN); err != nil {
		return err
	}
	if err := l.translated(e, lang, phraseMethod, entry.MethodAR, entry.MethodEN); err != nil {
		return err
	}

	// The amount in both forms, the English one large.
	if err := l.pair(e, lang, phraseAmount.ar, label, phraseAmount.en, body); err != nil {
		return err
	}
	if err := l.pair(e, lang, entry.AmountAR, style{dots: markDots, width: 1, height: 1, bold: true}, entry.AmountEN,
		style{width: 2, height: 2, bold: true}); err != nil {
		return err
	}

	fields := []struct {
		p     phrase
		value string
	}{
		{phraseCase, entry.CaseNumber},
		{phraseEmiratesID, entry.EmiratesID},
		{phraseIBAN, entry.IBAN},
		{phraseReference, entry.Reference},
		{phraseDate, formatTime(entry.Recorded)},
		{phraseStaff, entry.Staff},
		{phraseTerminal, entry.Terminal},
		{phraseEntry, entry.EntryID},
	}
	for _, f := range fields {
		if err := l.labelled(e, lang, f.p, f.value); err != nil {
			return err
		}
	}
	return nil
}

// copyLabel prints which copy this is, or nothing for CopyNone.
func (l *Layout) copyLabel(e *escpos.Encoder, lang string, c Copy) error {
	switch c {
	case CopyBeneficiary:
		return l.pair(e, lang, phraseCopyBenef.ar, mark, phraseCopyBenef.en, style{width: 1, height: 2, bold: true})
	case CopyOffice:
		return l.pair(e, lang, phraseCopyOffice.ar, mark, phraseCopyOffice.en, style{width: 1, height: 2, bold: true})
	}
	return nil
}

// checkLedgerEntry returns an error for an entry that cannot be printed
// as a receipt: it lacks the entry id, the kind, the amount or the time.
func checkLedgerEntry(entry LedgerEntry) error {
	id := strings.TrimSpace(escpos.Sanitize(entry.EntryID))
	switch {
	case id == "":
		return fmt.Errorf("%w: ledger entry has no id", ErrInvalidReceipt)
	case strings.TrimSpace(entry.KindAR+entry.KindEN) == "":
		return fmt.Errorf("%w: ledger entry %s has no kind", ErrInvalidReceipt, id)
	case strings.TrimSpace(escpos.Sanitize(entry.AmountEN)) == "":
		return fmt.Errorf("%w: ledger entry %s has no amount; pass it formatted as AED 1,250.50", ErrInvalidReceipt, id)
	case entry.Recorded.IsZero():
		return fmt.Errorf("%w: ledger entry %s has no time", ErrInvalidReceipt, id)
	case entry.Copy < CopyNone || entry.Copy > CopyOffice:
		return fmt.Errorf("%w: ledger entry %s: copy %d is not CopyNone, CopyBeneficiary or CopyOffice",
			ErrInvalidReceipt, id, int(entry.Copy))
	}
	return nil
}
