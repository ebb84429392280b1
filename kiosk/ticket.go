package kiosk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"frontdesk/assets/i18n"
	"frontdesk/devices/printer"
	"frontdesk/devices/receipt"
	"frontdesk/store"
)

// Message ids, from frontdesk/assets/i18n, of the texts a Result names for
// the screen. The print failure texts take the template field Number.
const (
	MsgTakeTicket         = "kiosk.done.take"
	MsgPaperOut           = "kiosk.print.paper_out"
	MsgCoverOpen          = "kiosk.print.cover_open"
	MsgPrinterOffline     = "kiosk.print.offline"
	MsgPrintFailed        = "kiosk.print.failed"
	MsgIssueFailed        = "kiosk.issue.failed"
	MsgServiceUnavailable = "kiosk.service.unavailable"
)

// Messages returns every message id a Result can carry.
func Messages() []string {
	return []string{
		MsgTakeTicket, MsgPaperOut, MsgCoverOpen, MsgPrinterOffline,
		MsgPrintFailed, MsgIssueFailed, MsgServiceUnavailable,
	}
}

// Result is the outcome of taking a ticket.
type Result struct {
	// Ticket is the stored ticket. Its ID is empty when none was issued.
	Ticket  store.Ticket
	Service Service
	Printed bool
	// PrintErr is the layout or printer error that stopped the ticket
	// from printing.
	PrintErr error
	// StatusErr is set when the ticket printed or failed to print but the
	// store could not record which.
	StatusErr error
	// Message is the id of the text that explains the outcome to the
	// citizen.
	Message string
}

// Issued reports whether a ticket was stored.
func (r Result) Issued() bool { return r.Ticket.ID != "" }

// TakeTicket issues a ticket for a service and prints it. The ticket is
// committed to the store before a byte is printed, and its print status
// is recorded afterwards, so a ticket that fails to print keeps its number.
//
// The error is non-nil only when no ticket was issued; Result.Message then
// names the text for the citizen all the same. A print failure is not an
// error: it is in Result.PrintErr and Result.Message.
func (k *Kiosk) TakeTicket(ctx context.Context, serviceID, lang string, priority store.Priority) (Result, error) {
	svc, ok := k.Service(serviceID)
	if !ok {
		return Result{Message: MsgServiceUnavailable},
			fmt.Errorf("%w %q: choose one of the configured services", ErrUnknownService, serviceID)
	}
	if !slices.Contains(i18n.Languages(), lang) {
		return Result{Service: svc, Message: MsgIssueFailed},
			fmt.Errorf("%w %q: use one of %v", ErrUnknownLanguage, lang, i18n.Languages())
	}

	t, err := k.issue(ctx, svc, lang, priority)
	if err != nil {
		return Result{Service: svc, Message: MsgIssueFailed}, err
	}

	res := Result{Ticket: t, Service: svc}
	res.PrintErr = k.print(ctx, t, svc)
	res.Printed = res.PrintErr == nil
	res.Message = messageFor(res.PrintErr)

	// The outcome is recorded even when ctx ended during printing: the
	// ticket exists and the desk must know whether to reprint it.
	status := store.Printed
	if !res.Printed {
		status = store.NotPrinted
	}
	recordCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), k.cfg.PrintTimeout)
	defer cancel()
	if err := k.store.SetPrintStatus(recordCtx, t.ID, status); err != nil {
		res.StatusErr = fmt.Errorf("kiosk: record ticket %s as %s: %w", t.Number, status, err)
	}
	return res, nil
}

// issue stores the ticket, with its upload token when a linker is set.
func (k *Kiosk) issue(ctx context.Context, svc Service, lang string, priority store.Priority) (store.Ticket, error) {
	nt := store.NewTicket{
		Service:  svc.ID,
		Letter:   svc.Letter,
		Lang:     lang,
		Priority: priority,
		Now:      k.cfg.Clock.Now(),
	}
	if k.linker != nil {
		// A token that cannot be made leaves the ticket without an upload
		// link; the citizen still gets a number.
		nt.Token = func(id string, issued time.Time) string {
			token, err := k.linker.Token(id, issued)
			if err != nil {
				return ""
			}
			return token
		}
	}
	t, err := k.store.IssueTicket(ctx, nt)
	if err != nil {
		return store.Ticket{}, fmt.Errorf("kiosk: issue %s ticket: %w", svc.ID, err)
	}
	return t, nil
}

// print lays the ticket out and sends it to the printer.
func (k *Kiosk) print(ctx context.Context, t store.Ticket, svc Service) error {
	rt := receipt.Ticket{
		CentreAR:    k.cfg.CentreAR,
		CentreEN:    k.cfg.CentreEN,
		Number:      t.Number,
		ServiceAR:   svc.NameAR,
		ServiceEN:   svc.NameEN,
		Discreet:    svc.Discreet,
		Lang:        t.Lang,
		Issued:      t.IssuedAt.In(k.cfg.Location),
		PeopleAhead: t.PeopleAhead,
	}
	if k.linker != nil && t.UploadToken != "" {
		rt.UploadURL = k.linker.URL(t.UploadToken)
	}
	job, err := k.layout.Ticket(rt)
	if err != nil {
		return fmt.Errorf("kiosk: lay out ticket %s: %w", t.Number, err)
	}

	ctx, cancel := context.WithTimeout(ctx, k.cfg.PrintTimeout)
	defer cancel()
	if err := k.printer.Print(ctx, job); err != nil {
		return fmt.Errorf("kiosk: print ticket %s: %w", t.Number, err)
	}
	return nil
}

// messageFor returns the message id that explains a print error.
func messageFor(printErr error) string {
	switch {
	case printErr == nil:
		return MsgTakeTicket
	case errors.Is(printErr, printer.ErrPaperOut):
		return MsgPaperOut
	case errors.Is(printErr, printer.ErrCoverOpen):
		return MsgCoverOpen
	case errors.Is(printErr, printer.ErrOffline),
		errors.Is(printErr, printer.ErrNoAnswer),
		errors.Is(printErr, context.DeadlineExceeded):
		return MsgPrinterOffline
	default:
		return MsgPrintFailed
	}
}
