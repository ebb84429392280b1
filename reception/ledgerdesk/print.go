package ledgerdesk

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"frontdesk/devices/receipt"
	"frontdesk/store/ident"
	"frontdesk/store/ledger"
)

// Names of the kinds and methods on receipts and screens, in Arabic and
// English.
var (
	kindNames = map[ledger.Kind][2]string{
		ledger.KindBankTransaction: {"معاملة بنكية", "Bank transaction"},
		ledger.KindExchange:        {"صرف", "Exchange"},
	}
	methodNames = map[ledger.Method][2]string{
		ledger.MethodCash:   {"نقداً", "Cash"},
		ledger.MethodCheque: {"شيك", "Cheque"},
		ledger.MethodCard:   {"بطاقة", "Card"},
	}
)

// KindName returns the name of a kind in lang ("ar" or "en"), or the kind
// itself when it is unknown.
func KindName(k ledger.Kind, lang string) string { return pick(kindNames[k], lang, string(k)) }

// MethodName returns the name of a method in lang ("ar" or "en"), or the
// method itself when it is unknown.
func MethodName(m ledger.Method, lang string) string { return pick(methodNames[m], lang, string(m)) }

func pick(names [2]string, lang, fallback string) string {
	name := names[1]
	if lang == receipt.LangArabic {
		name = names[0]
	}
	if name == "" {
		return fallback
	}
	return name
}

// receiptLang returns lang when a receipt can print it first, else Arabic.
func receiptLang(lang string) string {
	if lang == receipt.LangEnglish {
		return receipt.LangEnglish
	}
	return receipt.LangArabic
}

// printEntry prints the copies of e's receipt in order and stops at the
// first that fails. The copies that did not print are kept for Reprint.
func (f *Flow) printEntry(ctx context.Context, e ledger.Entry, copies []receipt.Copy, lang string, reprint bool) error {
	content := f.ledgerReceipt(e, lang)
	content.Reprint = reprint
	for i, c := range copies {
		content.Copy = c
		err := f.print(ctx, func() ([]byte, error) { return f.layout.Ledger(content) })
		if err != nil {
			f.setUnprinted(e.ID, copies[i:])
			return fmt.Errorf("ledgerdesk: entry %s is recorded: %w: %s: %w; reprint it",
				e.ID, ErrNotPrinted, copyName(c), err)
		}
	}
	f.setUnprinted(e.ID, nil)
	return nil
}

// print lays out a job and sends it to the printer.
func (f *Flow) print(ctx context.Context, layout func() ([]byte, error)) error {
	if f.printer == nil {
		return ErrNoPrinter
	}
	job, err := layout()
	if err != nil {
		return err
	}
	return f.printer.Print(ctx, job)
}

func (f *Flow) setUnprinted(id string, copies []receipt.Copy) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(copies) == 0 {
		delete(f.unprinted, id)
		return
	}
	f.unprinted[id] = slices.Clone(copies)
}

// ledgerReceipt returns the content of e's receipt: the amount in both
// forms, the Emirates ID and IBAN masked, and the time in the business
// time zone.
func (f *Flow) ledgerReceipt(e ledger.Entry, lang string) receipt.LedgerEntry {
	r := receipt.LedgerEntry{
		CentreAR:   f.cfg.CentreAR,
		CentreEN:   f.cfg.CentreEN,
		EntryID:    e.ID,
		KindAR:     KindName(e.Kind, receipt.LangArabic),
		KindEN:     KindName(e.Kind, receipt.LangEnglish),
		AmountEN:   e.Amount.String(),
		AmountAR:   e.Amount.FormatArabic(),
		CaseNumber: e.CaseNumber,
		EmiratesID: ident.MaskEmiratesID(e.EmiratesID),
		Reference:  printedReference(e),
		Recorded:   e.Time.In(f.cfg.Location),
		Staff:      f.StaffName(e.Staff),
		Terminal:   e.Terminal,
		ReversalOf: e.Reverses,
		Reason:     e.Reason,
		Lang:       receiptLang(lang),
	}
	if e.Method != "" {
		r.MethodAR = MethodName(e.Method, receipt.LangArabic)
		r.MethodEN = MethodName(e.Method, receipt.LangEnglish)
	}
	if e.IBAN != "" {
		r.IBAN = ident.MaskIBAN(e.IBAN)
	}
	return r
}

// printedReference returns the one reference line a receipt has room for:
// the bank and its reference for a bank transaction, then the desk's
// reference, joined by " / ".
func printedReference(e ledger.Entry) string {
	var parts []string
	for _, s := range []string{e.Bank, e.BankReference, e.Reference} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " / ")
}

// StaffName returns the name of the staff member with the given id from
// Config.Staff, or the id when the name is unknown.
func (f *Flow) StaffName(id string) string {
	if f.cfg.Staff == nil || id == "" {
		return id
	}
	s, err := f.cfg.Staff.Staff(id)
	if err != nil || strings.TrimSpace(s.Name) == "" {
		return id
	}
	return s.Name
}

// copyName names a copy in messages.
func copyName(c receipt.Copy) string {
	if c == receipt.CopyNone {
		return "receipt"
	}
	return c.String() + " copy"
}
