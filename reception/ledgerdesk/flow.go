package ledgerdesk

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"frontdesk/devices/receipt"
	"frontdesk/store"
	"frontdesk/store/ledger"
	"frontdesk/store/money"
)

// Ledger is the part of the ledger the flow uses. *ledger.Ledger
// satisfies it.
type Ledger interface {
	Record(ctx context.Context, n ledger.NewEntry) (ledger.Entry, bool, error)
	Reverse(ctx context.Context, id, reason, staff, role string) (ledger.Entry, error)
	CloseDay(ctx context.Context, day, staff, role string) (ledger.DayClose, error)
	DayClose(ctx context.Context, day string) (ledger.DayClose, bool, error)
	Summarize(ctx context.Context, day string) (ledger.DayClose, error)
	List(ctx context.Context, day string) ([]ledger.Entry, error)
	Get(ctx context.Context, id string) (ledger.Entry, error)
	ReversalOf(ctx context.Context, id string) (ledger.Entry, bool, error)
	BusinessDay(t time.Time) string
}

var _ Ledger = (*ledger.Ledger)(nil)

// Layout draws the ledger's receipts. *receipt.Layout satisfies it.
type Layout interface {
	Ledger(entry receipt.LedgerEntry) ([]byte, error)
	DayClose(d receipt.DayClose) ([]byte, error)
}

var _ Layout = (*receipt.Layout)(nil)

// Printer is the receipt printer. printer.Printer satisfies it.
type Printer interface {
	Print(ctx context.Context, job []byte) error
}

// StaffDirectory finds the name of a staff member, for the receipts of
// entries recorded by someone other than the signed-in staff member.
// *store.DB satisfies it.
type StaffDirectory interface {
	Staff(id string) (store.Staff, error)
}

var _ StaffDirectory = (*store.DB)(nil)

// Errors that errors.Is matches against the flow's errors. The ledger's
// own sentinels (ledger.ErrDayClosed, ledger.ErrNotSupervisor,
// ledger.ErrKeyConflict, ledger.ErrAlreadyReversed) pass through as well.
var (
	// ErrNotPrinted means the entry or day close was recorded but a receipt
	// did not print. The error also matches the printer's error.
	ErrNotPrinted = errors.New("receipt not printed")
	// ErrNoPrinter means the flow has no printer. Errors that match it also
	// match ErrNotPrinted.
	ErrNoPrinter = errors.New("no receipt printer configured")
	// ErrNotSignedIn means no staff member was given for an action.
	ErrNotSignedIn = errors.New("no staff member signed in")
	// ErrInvalidForm means a form has invalid fields. The error is a
	// *FormError that lists them.
	ErrInvalidForm = errors.New("invalid form")
)

// Staff is the signed-in staff member who acts.
type Staff struct {
	ID   string
	Name string
	// Role is "reception", "supervisor" or "admin", as store.Role.
	Role string
}

// StaffFrom returns the Staff value of a staff record of the store.
func StaffFrom(s store.Staff) Staff {
	return Staff{ID: s.ID, Name: s.Name, Role: string(s.Role)}
}

// IsSupervisor reports whether s may reverse entries and close a day.
func (s Staff) IsSupervisor() bool { return s.Role == ledger.RoleSupervisor }

// Config is the flow's part of the configuration.
type Config struct {
	// CentreAR and CentreEN head every receipt.
	CentreAR, CentreEN string
	// OfficeCopy prints an office copy after the beneficiary's copy of each
	// entry.
	OfficeCopy bool
	// MaxAmount is the largest amount of one entry, the same value as the
	// ledger's. Zero means money.MaxAmount.
	MaxAmount money.Fils
	// Location is the business time zone in which receipts show times.
	// Nil means Asia/Dubai.
	Location *time.Location
	// Staff finds the names of other staff members for receipts. Nil
	// prints their ids.
	Staff StaffDirectory
	// Now is the clock that decides today's business day. Nil means
	// time.Now. Give it the ledger's clock.
	Now func() time.Time
}

// Flow records, reverses, lists and prints the ledger's entries for one
// desk or vehicle. Its methods are safe for concurrent use.
type Flow struct {
	ledger  Ledger
	layout  Layout
	printer Printer
	cfg     Config

	mu sync.Mutex // guards unprinted and unprintedClose
	// unprinted maps an entry id to the copies of its receipt that failed
	// to print since this Flow recorded it.
	unprinted map[string][]receipt.Copy
	// unprintedClose holds the days whose closing slip failed to print.
	unprintedClose map[string]bool
}

// New returns the flow over a ledger, printing with layout on p. A nil p
// makes every print fail with ErrNoPrinter; the entries are still recorded.
func New(l Ledger, layout Layout, p Printer, cfg Config) (*Flow, error) {
	if l == nil {
		return nil, errors.New("ledgerdesk: nil ledger, open the ledger first")
	}
	if layout == nil {
		return nil, errors.New("ledgerdesk: nil receipt layout, make one with receipt.NewLayout")
	}
	if cfg.MaxAmount <= 0 || cfg.MaxAmount > money.MaxAmount {
		cfg.MaxAmount = money.MaxAmount
	}
	if cfg.Location == nil {
		cfg.Location = dubai()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Flow{
		ledger:         l,
		layout:         layout,
		printer:        p,
		cfg:            cfg,
		unprinted:      map[string][]receipt.Copy{},
		unprintedClose: map[string]bool{},
	}, nil
}

// dubai returns Asia/Dubai, or the same fixed UTC+4 zone on a system
// without a zone database: Dubai has no daylight saving time.
func dubai() *time.Location {
	loc, err := time.LoadLocation("Asia/Dubai")
	if err != nil {
		return time.FixedZone("+04", 4*60*60)
	}
	return loc
}

// Config returns the flow's configuration with its defaults filled in.
func (f *Flow) Config() Config { return f.cfg }

// Today returns today's business day, YYYY-MM-DD.
func (f *Flow) Today() string { return f.ledger.BusinessDay(f.cfg.Now()) }

// keyEncoding is base32 without padding, for the random part of a key.
var keyEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewKey returns a new idempotency key: "form-" and 128 random bits in
// lower-case base32, so keys made on different terminals do not collide
// without any coordination between them.
func NewKey() string {
	var b [16]byte
	rand.Read(b[:]) // crypto/rand.Read never returns an error since Go 1.24.
	return "form-" + strings.ToLower(keyEncoding.EncodeToString(b[:]))
}

// NewForm returns an empty form of kind, with a new idempotency key and
// the ticket being served, if any.
func (f *Flow) NewForm(kind ledger.Kind, ticket string) Form {
	return Form{Kind: kind, Ticket: ticket, Key: NewKey()}
}

// Recorded is an entry the flow recorded, or found recorded under the
// form's key.
type Recorded struct {
	Entry ledger.Entry
	// Created is false when the key had been recorded before: nothing new
	// was recorded and nothing was printed.
	Created bool
}

// Record checks form, records the entry as staff and prints its receipts:
// the beneficiary's copy, then the office copy when Config.OfficeCopy is
// set. An invalid form returns a *FormError and records nothing.
//
// When the entry is recorded but a copy did not print, Record returns the
// entry and an error that matches ErrNotPrinted; Reprint prints the copies
// that are missing. When form.Key was recorded already, Record returns that
// entry with Created false and prints nothing, so a double tap or a retry
// never pays or prints twice.
func (f *Flow) Record(ctx context.Context, staff Staff, form Form) (Recorded, error) {
	if strings.TrimSpace(staff.ID) == "" {
		return Recorded{}, fmt.Errorf("ledgerdesk: record: %w, sign in first", ErrNotSignedIn)
	}
	draft := f.Check(form)
	if err := draft.Err(); err != nil {
		return Recorded{}, err
	}
	n := draft.Entry
	n.Staff = staff.ID

	e, created, err := f.ledger.Record(ctx, n)
	if err != nil {
		return Recorded{}, fmt.Errorf("ledgerdesk: record: %w", err)
	}
	rec := Recorded{Entry: e, Created: created}
	if !created {
		return rec, nil
	}

	copies := []receipt.Copy{receipt.CopyBeneficiary}
	if f.cfg.OfficeCopy {
		copies = append(copies, receipt.CopyOffice)
	}
	return rec, f.printEntry(ctx, e, copies, form.Lang, false)
}

// Reverse records, as staff, a reversal of the entry with the given id and
// prints the reversal receipt. Only a supervisor may reverse, and reason is
// required. When the reversal is recorded but its receipt did not print,
// Reverse returns it and an error that matches ErrNotPrinted.
func (f *Flow) Reverse(ctx context.Context, staff Staff, id, reason, lang string) (ledger.Entry, error) {
	id, reason = strings.TrimSpace(id), strings.TrimSpace(reason)
	switch {
	case strings.TrimSpace(staff.ID) == "":
		return ledger.Entry{}, fmt.Errorf("ledgerdesk: reverse %s: %w, sign in first", id, ErrNotSignedIn)
	case !staff.IsSupervisor():
		return ledger.Entry{}, fmt.Errorf("ledgerdesk: reverse %s: %w: staff %q has role %q, "+
			"ask a supervisor to reverse the entry", id, ledger.ErrNotSupervisor, staff.ID, staff.Role)
	case reason == "":
		return ledger.Entry{}, &FormError{Problems: []*FieldError{{
			Field: FieldReason, Err: fmt.Errorf("%w: write why entry %s is reversed", ErrMissing, id),
		}}}
	}

	rev, err := f.ledger.Reverse(ctx, id, reason, staff.ID, staff.Role)
	if err != nil {
		return ledger.Entry{}, fmt.Errorf("ledgerdesk: reverse: %w", err)
	}
	return rev, f.printEntry(ctx, rev, []receipt.Copy{receipt.CopyNone}, lang, false)
}

// Reprint prints the receipt of the entry with the given id again, marked
// as a reprint. It prints the copies that failed to print since this Flow
// recorded the entry, or else every copy an entry gets: the beneficiary's
// and the office's for an entry, a single receipt for a reversal.
func (f *Flow) Reprint(ctx context.Context, id, lang string) (ledger.Entry, error) {
	e, err := f.ledger.Get(ctx, id)
	if err != nil {
		return ledger.Entry{}, fmt.Errorf("ledgerdesk: reprint: %w", err)
	}
	copies := f.Unprinted(e.ID)
	switch {
	case len(copies) > 0:
	case e.IsReversal():
		copies = []receipt.Copy{receipt.CopyNone}
	default:
		copies = []receipt.Copy{receipt.CopyBeneficiary}
		if f.cfg.OfficeCopy {
			copies = append(copies, receipt.CopyOffice)
		}
	}
	return e, f.printEntry(ctx, e, copies, lang, true)
}

// Unprinted returns the copies of an entry's receipt that failed to print
// since this Flow recorded it, in print order.
// NOTE: the print state is kept in memory only, so after a restart every
// entry shows as printed; the day's list still offers a reprint of any
// entry.
func (f *Flow) Unprinted(id string) []receipt.Copy {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]receipt.Copy(nil), f.unprinted[id]...)
}
