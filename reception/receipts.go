package reception

import (
	"context"
	"errors"
	"fmt"
	"time"

	"frontdesk/devices/receipt"
	"frontdesk/store"
	"frontdesk/store/ident"
)

// Printing errors, matched with errors.Is.
var (
	// ErrNoPrinter is returned by the printing flows when the desk has no
	// printer configured.
	ErrNoPrinter = errors.New("reception: no receipt printer configured")
	// ErrPrintFailed is matched, together with the printer's own error,
	// when a receipt could not be printed.
	ErrPrintFailed = errors.New("reception: printing failed")
)

// Printer is the receipt printer. printer.Printer satisfies it.
type Printer interface {
	Print(ctx context.Context, job []byte) error
}

// Linker makes signed upload links. *uploadlink.Signer satisfies it.
type Linker interface {
	// Link returns the signed link for subject, valid from issued.
	Link(subject string, issued time.Time) (string, error)
	// URL returns the link for a token stored on a ticket.
	URL(token string) string
}

// Receipts prints the desk's receipts: request receipts and reprinted
// tickets.
type Receipts struct {
	Layout  *receipt.Layout
	Printer Printer
	// Links signs the upload link printed as a QR code; nil prints none.
	Links Linker
	// CentreAR and CentreEN head every receipt.
	CentreAR, CentreEN string
}

// PrintStatusStore records whether a ticket reached paper.
type PrintStatusStore interface {
	SetPrintStatus(ctx context.Context, id string, s store.PrintStatus) error
}

// reprintTicket prints t again, marked as a reprint, and records the
// outcome as the ticket's print status.
func (r *Receipts) reprintTicket(ctx context.Context, db PrintStatusStore, cfg Config, t store.Ticket) error {
	if r == nil || r.Printer == nil || r.Layout == nil {
		return ErrNoPrinter
	}
	rt := receipt.Ticket{
		CentreAR: r.CentreAR, CentreEN: r.CentreEN,
		Number:      t.Number,
		Lang:        t.Lang,
		Issued:      t.IssuedAt.In(cfg.location()),
		PeopleAhead: t.PeopleAhead,
		Reprint:     true,
	}
	if rt.Lang != receipt.LangArabic && rt.Lang != receipt.LangEnglish {
		rt.Lang = receipt.LangArabic
	}
	if s, ok := cfg.Service(t.Service); ok {
		rt.ServiceAR, rt.ServiceEN, rt.Discreet = s.NameAR, s.NameEN, s.Discreet
	}
	if t.UploadToken != "" && r.Links != nil {
		rt.UploadURL = r.Links.URL(t.UploadToken)
	}
	job, err := r.Layout.Ticket(rt)
	if err != nil {
		return fmt.Errorf("reception: lay out ticket %s: %w", t.Number, err)
	}
	printErr := r.Printer.Print(ctx, job)
	status := store.Printed
	if printErr != nil {
		status = store.NotPrinted
		printErr = fmt.Errorf("%w: reprint of ticket %s: %w", ErrPrintFailed, t.Number, printErr)
	}
	return errors.Join(printErr, db.SetPrintStatus(context.WithoutCancel(ctx), t.ID, status))
}

// requestReceipt returns the receipt content of request q in lang, with an
// upload link signed at now.
func (r *Receipts) requestReceipt(q store.Request, cfg Config, now time.Time, lang string, reprint bool) (receipt.Request, error) {
	rr := receipt.Request{
		CentreAR: r.CentreAR, CentreEN: r.CentreEN,
		Tracking: q.Tracking,
		TypeAR:   RequestTypeName(q.Type, "ar"),
		TypeEN:   RequestTypeName(q.Type, "en"),
		Created:  q.CreatedAt.In(cfg.location()),
		Lang:     lang,
		Reprint:  reprint,
	}
	if rr.Lang != receipt.LangArabic && rr.Lang != receipt.LangEnglish {
		rr.Lang = receipt.LangArabic
	}
	rr.DepartmentAR, rr.DepartmentEN = q.Department, q.Department
	if d, ok := cfg.Department(q.Department); ok {
		rr.DepartmentAR, rr.DepartmentEN = d.NameAR, d.NameEN
	}
	if q.EmiratesID != "" {
		rr.EmiratesID = ident.MaskEmiratesID(q.EmiratesID)
	}
	if r.Links != nil {
		link, err := r.Links.Link(q.Tracking, now)
		if err != nil {
			return rr, fmt.Errorf("reception: upload link of request %s: %w", q.Tracking, err)
		}
		rr.UploadURL = link
	}
	return rr, nil
}

// printRequest prints the receipt of request q.
func (r *Receipts) printRequest(ctx context.Context, q store.Request, cfg Config, now time.Time, lang string,
	reprint bool) error {
	if r == nil || r.Printer == nil || r.Layout == nil {
		return ErrNoPrinter
	}
	rr, err := r.requestReceipt(q, cfg, now, lang, reprint)
	if err != nil {
		return err
	}
	job, err := r.Layout.Request(rr)
	if err != nil {
		return fmt.Errorf("reception: lay out the receipt of request %s: %w", q.Tracking, err)
	}
	if err := r.Printer.Print(ctx, job); err != nil {
		return fmt.Errorf("%w: receipt of request %s: %w", ErrPrintFailed, q.Tracking, err)
	}
	return nil
}

// PrintReceipt prints the receipt of the request with a tracking number,
// with its upload link signed now, in lang ("ar" or "en") first. A reprint
// carries the reprint mark.
func (rs *Requests) PrintReceipt(ctx context.Context, tracking, lang string, reprint bool) (store.Request, error) {
	q, err := rs.Get(tracking)
	if err != nil {
		return q, err
	}
	return q, rs.receipts.printRequest(ctx, q, rs.cfg, rs.clock.Now(), lang, reprint)
}

// requestTypeNames are the request types in Arabic and English, for
// receipts and the command line.
var requestTypeNames = map[store.RequestType][2]string{
	store.RequestReport:      {"بلاغ", "Report"},
	store.RequestService:     {"طلب خدمة", "Service"},
	store.RequestInquiry:     {"استفسار", "Inquiry"},
	store.RequestObservation: {"ملاحظة", "Observation"},
	store.RequestComplaint:   {"شكوى", "Complaint"},
	store.RequestSuggestion:  {"اقتراح", "Suggestion"},
}

// RequestTypeName returns the name of a request type in lang ("ar" or
// "en"), or the type itself when it is unknown.
func RequestTypeName(t store.RequestType, lang string) string {
	names, ok := requestTypeNames[t]
	if !ok {
		return string(t)
	}
	if lang == "ar" {
		return names[0]
	}
	return names[1]
}
