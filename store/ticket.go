package store

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"go.etcd.io/bbolt"
)

// MaxSequence is the highest ticket sequence of one letter in one business
// day, because a ticket number has three digits. IssueTicket returns
// ErrSequenceExhausted beyond it rather than print a fourth digit that the
// ticket and display layouts do not expect.
const MaxSequence = 999

// Priority is the priority need a citizen marks at the kiosk.
type Priority string

// Priority needs. A ticket with a need is called before others by the
// counter's PriorityRule.
const (
	PriorityNone          Priority = ""
	PrioritySenior        Priority = "senior"
	PriorityDetermination Priority = "determination" // person of determination
)

func (p Priority) String() string {
	if p == PriorityNone {
		return "none"
	}
	return string(p)
}

func (p Priority) valid() bool {
	return p == PriorityNone || p == PrioritySenior || p == PriorityDetermination
}

// PrintStatus is the outcome of printing a ticket.
type PrintStatus string

// Print statuses. A ticket is stored as PrintPending before it is printed.
const (
	PrintPending PrintStatus = "pending"
	Printed      PrintStatus = "printed"
	NotPrinted   PrintStatus = "not-printed"
)

func (s PrintStatus) String() string { return string(s) }

func (s PrintStatus) valid() bool {
	return s == PrintPending || s == Printed || s == NotPrinted
}

// NewTicket is the input of IssueTicket.
type NewTicket struct {
	// Service is the service id from the configuration.
	Service string
	// Letter is the service's ticket letter, one of A to Z. Services that
	// share a letter share its sequence, so a number is never shown twice
	// in one business day.
	Letter string
	// Lang is the language the citizen chose, such as "ar" or "en".
	Lang     string
	Priority Priority
	// Now is the issue time. Zero means the store's clock.
	Now time.Time
	// Token, when set, computes the upload token from the new ticket id
	// and issue time inside the same transaction, so the stored ticket
	// carries it from the start.
	Token func(id string, issued time.Time) string
}

// Ticket is a queue ticket and its history.
type Ticket struct {
	// ID is unique across sites, terminals and days:
	// site-terminal-yyyymmdd-letter and sequence, e.g. "S1-K1-20261204-A007".
	ID string `json:"id"`
	// Number is the number printed and shown on the hall display:
	// "A-007", or "V1-A-007" with a vehicle's number prefix.
	Number      string      `json:"number"`
	Letter      string      `json:"letter"`
	Seq         int         `json:"seq"`
	Site        string      `json:"site"`
	Terminal    string      `json:"terminal"`
	Service     string      `json:"service"`
	Lang        string      `json:"lang"`
	Priority    Priority    `json:"priority,omitempty"`
	BusinessDay string      `json:"business_day"` // "2026-12-04"
	IssuedAt    time.Time   `json:"issued_at"`    // UTC, also the arrival time that orders the queue
	PeopleAhead int         `json:"people_ahead"` // tickets of the service and day waiting at issue
	PrintStatus PrintStatus `json:"print_status"`
	UploadToken string      `json:"upload_token,omitempty"`

	State TicketState `json:"state"`
	// Counter is the counter that holds the ticket, or held it last.
	Counter int `json:"counter,omitempty"`
	// TargetCounter is the counter a ticket was transferred to; only that
	// counter calls it. Zero when any counter of the service may.
	TargetCounter int    `json:"target_counter,omitempty"`
	Staff         string `json:"staff,omitempty"`
	// Calls counts how often the number was called: every call and
	// recall. Recalls counts the recalls since the last call.
	Calls         int          `json:"calls,omitempty"`
	Recalls       int          `json:"recalls,omitempty"`
	FirstCalledAt time.Time    `json:"first_called_at,omitzero"`
	CompletedAt   time.Time    `json:"completed_at,omitzero"`
	History       []Transition `json:"history"`
}

var letterPattern = regexp.MustCompile(`^[A-Z]$`)
var langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

func checkNewTicket(nt NewTicket) error {
	if err := checkService(nt.Service); err != nil {
		return err
	}
	if !letterPattern.MatchString(nt.Letter) {
		return fmt.Errorf("%w: ticket letter %q must be one of A to Z", ErrInvalid, nt.Letter)
	}
	if !langPattern.MatchString(nt.Lang) {
		return fmt.Errorf("%w: language %q must be a language tag such as ar or en", ErrInvalid, nt.Lang)
	}
	if !nt.Priority.valid() {
		return fmt.Errorf("%w: priority %q must be empty, %q or %q",
			ErrInvalid, nt.Priority, PrioritySenior, PriorityDetermination)
	}
	return nil
}

func checkService(service string) error {
	if service == "" || len(service) > 64 || strings.ContainsFunc(service, isControlOrSpace) {
		return fmt.Errorf("%w: service id %q must be 1 to 64 characters without spaces or control characters",
			ErrInvalid, service)
	}
	return nil
}

func isControlOrSpace(r rune) bool { return r <= ' ' || r == 0x7f }

// IssueTicket allocates the next number of the ticket's letter in the
// business day of nt.Now, stores the ticket as waiting with print status
// pending, and commits it to disk before it returns. Print the ticket only
// after it returns, then record the outcome with SetPrintStatus.
func (db *DB) IssueTicket(ctx context.Context, nt NewTicket) (Ticket, error) {
	if err := ctx.Err(); err != nil {
		return Ticket{}, fmt.Errorf("store: issue ticket: %w", err)
	}
	if err := checkNewTicket(nt); err != nil {
		return Ticket{}, err
	}
	if nt.Now.IsZero() {
		nt.Now = db.now()
	}

	var t Ticket
	err := db.update(func(tx *bbolt.Tx) error {
		var err error
		t, err = db.issueTx(tx, nt)
		return err
	})
	if err != nil {
		return Ticket{}, err
	}
	return t, nil
}

func (db *DB) issueTx(tx *bbolt.Tx, nt NewTicket) (Ticket, error) {
	day := db.BusinessDay(nt.Now)
	seq, err := nextSeq(tx, day, nt.Letter)
	if err != nil {
		return Ticket{}, err
	}

	issued := nt.Now.UTC()
	t := Ticket{
		ID:          fmt.Sprintf("%s-%s-%s-%s%03d", db.cfg.Site, db.cfg.Terminal, compactDay(day), nt.Letter, seq),
		Number:      fmt.Sprintf("%s-%03d", nt.Letter, seq),
		Letter:      nt.Letter,
		Seq:         seq,
		Site:        db.cfg.Site,
		Terminal:    db.cfg.Terminal,
		Service:     nt.Service,
		Lang:        nt.Lang,
		Priority:    nt.Priority,
		BusinessDay: day,
		IssuedAt:    issued,
		PeopleAhead: peopleAhead(tx, day, nt.Service, nt.Priority),
		PrintStatus: PrintPending,
		State:       StateWaiting,
	}
	if db.cfg.NumberPrefix != "" {
		t.Number = db.cfg.NumberPrefix + "-" + t.Number
	}
	if tx.Bucket(bucketTickets).Get([]byte(t.ID)) != nil {
		// Only a sequence counter damaged or restored from an older copy
		// gets here; overwriting would reuse a number already on paper.
		return Ticket{}, fmt.Errorf("%w: ticket %s already exists, so the sequence of letter %s on %s "+
			"is behind the stored tickets; restore the whole file from one backup", ErrDamaged, t.ID, nt.Letter, day)
	}
	if nt.Token != nil {
		t.UploadToken = nt.Token(t.ID, issued)
	}

	tr := Transition{At: issued, From: StateNone, To: StateWaiting, Action: ActionIssue, Service: t.Service}
	if err := tx.Bucket(bucketNumbers).Put(joinKey(compactDay(day), t.Number), []byte(t.ID)); err != nil {
		return Ticket{}, err
	}
	if err := tx.Bucket(bucketDays).Put(joinKey(compactDay(day), t.ID), nil); err != nil {
		return Ticket{}, err
	}
	if err := enqueue(tx, &t); err != nil {
		return Ticket{}, err
	}
	if tr.Seq, err = logEvent(tx, t, tr); err != nil {
		return Ticket{}, err
	}
	t.History = append(t.History, tr)
	if err := db.runHook(tx, t, tr); err != nil {
		return Ticket{}, err
	}
	return t, putTicket(tx, &t)
}

func nextSeq(tx *bbolt.Tx, day, letter string) (int, error) {
	seqs := tx.Bucket(bucketSeqs)
	key := joinKey(compactDay(day), letter)
	seq := u32(seqs.Get(key)) + 1
	if seq > MaxSequence {
		return 0, fmt.Errorf("%w: letter %s has issued all %d numbers of business day %s; "+
			"give the service another letter or continue the next day", ErrSequenceExhausted, letter, MaxSequence, day)
	}
	return int(seq), putU32(seqs, key, seq)
}

// SetPrintStatus records whether the ticket was printed. A ticket whose
// printing failed keeps its number and stays in the queue as NotPrinted, so
// the desk can reprint it.
func (db *DB) SetPrintStatus(ctx context.Context, id string, s PrintStatus) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: set print status of %s: %w", id, err)
	}
	if !s.valid() {
		return fmt.Errorf("%w: print status %q must be %q, %q or %q",
			ErrInvalid, s, PrintPending, Printed, NotPrinted)
	}
	return db.update(func(tx *bbolt.Tx) error {
		t, err := getTicket(tx, id)
		if err != nil {
			return err
		}
		t.PrintStatus = s
		return putTicket(tx, &t)
	})
}

// Ticket returns the ticket with the given id, or ErrNotFound.
func (db *DB) Ticket(id string) (Ticket, error) {
	var t Ticket
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		var err error
		t, err = getTicket(tx, id)
		return err
	})
	return t, err
}

// TicketByNumber returns the ticket of the business day ("2026-12-04") with
// the number as printed ("A-007", or "V1-A-007" on a vehicle).
func (db *DB) TicketByNumber(day, number string) (Ticket, error) {
	if err := checkDay(day); err != nil {
		return Ticket{}, err
	}
	var t Ticket
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		id := tx.Bucket(bucketNumbers).Get(joinKey(compactDay(day), number))
		if id == nil {
			return fmt.Errorf("%w: no ticket %s on business day %s", ErrNotFound, number, day)
		}
		var err error
		t, err = getTicket(tx, string(id))
		return err
	})
	return t, err
}

// Tickets returns the tickets of a business day ("2026-12-04") in the order
// they were issued.
func (db *DB) Tickets(day string) ([]Ticket, error) {
	if err := checkDay(day); err != nil {
		return nil, err
	}
	var tickets []Ticket
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		prefix := joinKey(compactDay(day), "")
		c := tx.Bucket(bucketDays).Cursor()
		for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
			t, err := getTicket(tx, string(k[len(prefix):]))
			if err != nil {
				return err
			}
			tickets = append(tickets, t)
		}
		return nil
	})
	sort.SliceStable(tickets, func(i, j int) bool { return tickets[i].IssuedAt.Before(tickets[j].IssuedAt) })
	return tickets, err
}

// Waiting returns how many tickets of a business day wait, per service.
// Tickets transferred to another service count under the new one.
func (db *DB) Waiting(day string) (map[string]int, error) {
	if err := checkDay(day); err != nil {
		return nil, err
	}
	counts := make(map[string]int)
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		prefix := joinKey(compactDay(day), "")
		c := tx.Bucket(bucketWaiting).Cursor()
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
			if n := u32(v); n > 0 {
				counts[string(k[len(prefix):])] = int(n)
			}
		}
		return nil
	})
	return counts, err
}

func getTicket(tx *bbolt.Tx, id string) (Ticket, error) {
	var t Ticket
	err := getJSON(tx.Bucket(bucketTickets), []byte(id), &t)
	if err == ErrNotFound {
		return t, fmt.Errorf("%w: ticket %q", ErrNotFound, id)
	}
	return t, err
}

func putTicket(tx *bbolt.Tx, t *Ticket) error {
	return putJSON(tx.Bucket(bucketTickets), []byte(t.ID), t)
}

func hasPrefix(k, prefix []byte) bool {
	return len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix)
}
