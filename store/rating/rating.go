// Package rating keeps the citizens' satisfaction ratings in the frontdesk
// bbolt file and enforces their rules inside one write transaction.
//
// A rating has one of four levels (very good, good, bad, very bad) and, after
// bad or very bad, an optional reason. It is tied to a ticket, and through the
// ticket's transitions to the counter, service and staff member that served
// it, or it is anonymous at a kiosk. The rules:
//
//   - A ticket has at most one rating. A second rating of the same ticket
//     within Config.ReplaceWindow of the first replaces it, but a repeat of
//     the same level and reason (a double tap) changes nothing. After the
//     window Add returns ErrAlreadyRated.
//   - A ticket that was never called or completed cannot be rated
//     (ErrNotServed).
//   - Anonymous ratings at one terminal within Config.DoubleTapWindow of each
//     other count as one tap: the later one replaces the earlier.
//   - A rating given outside Config.Hours in the business time zone is kept
//     with OutOfHours set, and the reports leave it out of their figures.
//
// Every stored change is appended to a log bucket, so that the reports can
// keep their aggregates in step by reading the log after a cursor.
package rating

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store"
)

// Sentinel errors, matched with errors.Is.
var (
	ErrInvalid      = errors.New("rating: invalid value")
	ErrNotFound     = errors.New("rating: not found")
	ErrNotServed    = errors.New("rating: ticket was never served")
	ErrAlreadyRated = errors.New("rating: ticket already rated")
)

// Bucket names. Every bucket of this package starts with "rating.".
var (
	bucketRecords = []byte("rating.records") // rating id -> Rating JSON
	bucketDays    = []byte("rating.days")    // yyyymmdd 0x00 rating id -> nil
	bucketLog     = []byte("rating.log")     // uint64 sequence -> Change JSON
	bucketAnon    = []byte("rating.anon")    // terminal -> id of its last anonymous rating
)

// Defaults of Config.
const (
	DefaultReplaceWindow   = 2 * time.Minute
	DefaultDoubleTapWindow = 3 * time.Second
)

// DefaultHours are the service hours when Config.Hours is zero: 07:00 to
// 20:00 in the business time zone.
var DefaultHours = Hours{Open: 7 * time.Hour, Close: 20 * time.Hour}

// Hours are the service hours of a day, as offsets from local midnight.
// A rating at Open counts; one at Close does not.
type Hours struct {
	Open, Close time.Duration
}

// Contains reports whether the local clock time of t is within the hours.
func (h Hours) Contains(t time.Time) bool {
	midnight := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	offset := t.Sub(midnight)
	return offset >= h.Open && offset < h.Close
}

// Config holds the rules of rating. The zero value of every field has a
// usable default.
type Config struct {
	// Location is the business time zone. Nil means Asia/Dubai.
	Location *time.Location
	// ReplaceWindow is how long after the first rating of a ticket a new
	// rating replaces it. Zero means DefaultReplaceWindow.
	ReplaceWindow time.Duration
	// DoubleTapWindow is the longest gap between two anonymous ratings at
	// one terminal that still counts them as one. Zero means DefaultDoubleTapWindow.
	DoubleTapWindow time.Duration
	// Hours are the service hours. Zero means DefaultHours.
	Hours Hours
	// Now is the clock. Nil means time.Now.
	Now func() time.Time
	// OnChange, when set, runs inside the write transaction of every stored
	// change, after the change is logged. The reports use it to update
	// their aggregates in the same transaction.
	OnChange func(tx *bbolt.Tx, c Change) error
}

func (c Config) withDefaults() Config {
	if c.Location == nil {
		c.Location = dubai()
	}
	if c.ReplaceWindow <= 0 {
		c.ReplaceWindow = DefaultReplaceWindow
	}
	if c.DoubleTapWindow <= 0 {
		c.DoubleTapWindow = DefaultDoubleTapWindow
	}
	if c.Hours == (Hours{}) {
		c.Hours = DefaultHours
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// dubai returns Asia/Dubai, or a fixed UTC+4 zone where no zone database is
// installed: Dubai has kept UTC+4 without daylight saving since 1920.
func dubai() *time.Location {
	loc, err := time.LoadLocation("Asia/Dubai")
	if err != nil {
		return time.FixedZone("+04", 4*60*60)
	}
	return loc
}

// Rating is one stored rating.
type Rating struct {
	// ID is the ticket id for a ticket's rating, or "anon-" with the
	// terminal and a sequence number for an anonymous one.
	ID       string `json:"id"`
	TicketID string `json:"ticket_id,omitempty"`
	Number   string `json:"number,omitempty"` // ticket number as printed, "A-007"
	Level    Level  `json:"level"`
	Reason   Reason `json:"reason,omitempty"`
	// FirstAt is when the first rating was given and At when the stored one
	// was, both UTC. The replace window runs from FirstAt.
	FirstAt time.Time `json:"first_at"`
	At      time.Time `json:"at"`
	// Day is the business day of FirstAt, "2026-12-04".
	Day     string `json:"day"`
	Service string `json:"service,omitempty"`
	Counter int    `json:"counter,omitempty"`
	Staff   string `json:"staff,omitempty"`
	// Terminal is the terminal the rating was given at, and
	// IssuingTerminal the one that issued the rated ticket, empty for an
	// anonymous rating. Reports filter ratings by IssuingTerminal, like
	// the tickets, and anonymous ones by Terminal.
	Terminal        string `json:"terminal,omitempty"`
	IssuingTerminal string `json:"issuing_terminal,omitempty"`
	// OutOfHours is set when FirstAt is outside the service hours; such a
	// rating is kept but left out of the figures.
	OutOfHours bool `json:"out_of_hours,omitempty"`
}

// Anonymous reports whether the rating is tied to no ticket.
func (r Rating) Anonymous() bool { return r.TicketID == "" }

// Change is one entry of the rating log: a new rating (Old nil) or the
// replacement of Old by New.
type Change struct {
	Seq uint64  `json:"seq"`
	Old *Rating `json:"old,omitempty"`
	New Rating  `json:"new"`
}

// Outcome is the result of Add.
type Outcome int

// Outcomes of Add.
const (
	Stored   Outcome = iota + 1 // a new rating
	Replaced                    // an earlier rating of the same ticket or tap was replaced
	Repeated                    // the same rating again; nothing changed
)

// String returns "stored", "replaced" or "repeated".
func (o Outcome) String() string {
	switch o {
	case Stored:
		return "stored"
	case Replaced:
		return "replaced"
	case Repeated:
		return "repeated"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// Tickets finds the ticket a rating is for. *store.DB implements it.
type Tickets interface {
	Ticket(id string) (store.Ticket, error)
	TicketByNumber(day, number string) (store.Ticket, error)
}

// Book stores ratings in a bbolt file. Its methods are safe for concurrent
// use.
type Book struct {
	db      *bbolt.DB
	tickets Tickets
	cfg     Config
}

// Open creates the rating buckets in db if they are missing and returns a
// Book. tickets may be nil when only anonymous ratings are given.
func Open(db *bbolt.DB, tickets Tickets, cfg Config) (*Book, error) {
	err := db.Update(func(tx *bbolt.Tx) error {
		for _, name := range [][]byte{bucketRecords, bucketDays, bucketLog, bucketAnon} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("rating: create bucket %s: %w", name, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &Book{db: db, tickets: tickets, cfg: cfg.withDefaults()}, nil
}

// Config returns the book's rules with defaults filled in.
func (b *Book) Config() Config { return b.cfg }

// NewRating is the rating that the rating screen or the command line passes to Add.
type NewRating struct {
	// TicketID or Number names the ticket; Number is looked up in the
	// business day of Now. Both empty gives an anonymous rating.
	TicketID string
	Number   string
	Level    Level
	Reason   Reason
	// Terminal is the terminal the rating is given at. Anonymous ratings
	// need it to tell a double tap from the next citizen.
	Terminal string
	// Now is the time of the rating. Zero means the book's clock.
	Now time.Time
}

// Add stores a rating under the rules in the package documentation and
// returns the stored rating and what happened.
func (b *Book) Add(ctx context.Context, nr NewRating) (Rating, Outcome, error) {
	if err := ctx.Err(); err != nil {
		return Rating{}, 0, fmt.Errorf("rating: add: %w", err)
	}
	if err := checkNew(nr); err != nil {
		return Rating{}, 0, err
	}
	if nr.Now.IsZero() {
		nr.Now = b.cfg.Now()
	}
	nr.Now = nr.Now.UTC()

	r := Rating{Level: nr.Level, Reason: nr.Reason, FirstAt: nr.Now, At: nr.Now,
		Day: b.day(nr.Now), Terminal: nr.Terminal}
	if nr.TicketID != "" || nr.Number != "" {
		if err := b.fillFromTicket(&r, nr); err != nil {
			return Rating{}, 0, err
		}
	}
	r.OutOfHours = !b.cfg.Hours.Contains(nr.Now.In(b.cfg.Location))

	var outcome Outcome
	err := b.db.Update(func(tx *bbolt.Tx) error {
		var err error
		if r.Anonymous() {
			r, outcome, err = b.addAnonymous(tx, r)
		} else {
			r, outcome, err = b.addTicket(tx, r)
		}
		return err
	})
	if err != nil {
		return Rating{}, 0, err
	}
	return r, outcome, nil
}

func checkNew(nr NewRating) error {
	if !nr.Level.Valid() {
		return fmt.Errorf("%w: level %d must be very-good, good, bad or very-bad", ErrInvalid, uint8(nr.Level))
	}
	if _, err := ParseReason(string(nr.Reason)); err != nil {
		return err
	}
	if nr.Reason != ReasonNone && !nr.Level.Negative() {
		return fmt.Errorf("%w: reason %s is only asked after a bad or very bad rating, not %s",
			ErrInvalid, nr.Reason, nr.Level)
	}
	if nr.TicketID == "" && nr.Number == "" && nr.Terminal == "" {
		return fmt.Errorf("%w: an anonymous rating needs the terminal it is given at", ErrInvalid)
	}
	return nil
}

func (b *Book) day(t time.Time) string { return t.In(b.cfg.Location).Format(time.DateOnly) }

// fillFromTicket ties r to the ticket and to the counter, service and staff
// member of the ticket's last completion, or of its last call when it was
// called but not completed.
func (b *Book) fillFromTicket(r *Rating, nr NewRating) error {
	if b.tickets == nil {
		return fmt.Errorf("%w: this book has no ticket source, so only anonymous ratings are possible", ErrInvalid)
	}
	var t store.Ticket
	var err error
	if nr.TicketID != "" {
		t, err = b.tickets.Ticket(nr.TicketID)
	} else {
		t, err = b.tickets.TicketByNumber(r.Day, nr.Number)
	}
	if err != nil {
		return fmt.Errorf("rating: find the rated ticket: %w", err)
	}

	served, ok := servedBy(t)
	if !ok {
		return fmt.Errorf("%w: ticket %s (%s) is %s and its visit was never completed; rate it after its visit",
			ErrNotServed, t.Number, t.ID, t.State)
	}
	r.ID, r.TicketID, r.Number = t.ID, t.ID, t.Number
	r.Service, r.Counter, r.Staff = served.Service, served.Counter, served.Staff
	if r.Service == "" {
		r.Service = t.Service
	}
	r.IssuingTerminal = t.Terminal
	if r.Terminal == "" {
		r.Terminal = t.Terminal
	}
	return nil
}

// servedBy returns the ticket's last completion.
func servedBy(t store.Ticket) (store.Transition, bool) {
	for i := len(t.History) - 1; i >= 0; i-- {
		if t.History[i].Action == store.ActionComplete {
			return t.History[i], true
		}
	}
	// A ticket that was called but never completed (a no-show, or one
	// still at the counter) has not been served yet: rating it now would
	// take the place of the citizen's own rating after the visit.
	return store.Transition{}, false
}

func (b *Book) addTicket(tx *bbolt.Tx, r Rating) (Rating, Outcome, error) {
	old, err := get(tx, r.ID)
	if errors.Is(err, ErrNotFound) {
		return r, Stored, b.put(tx, nil, r)
	}
	if err != nil {
		return Rating{}, 0, err
	}
	if r.At.Sub(old.FirstAt) > b.cfg.ReplaceWindow {
		return Rating{}, 0, fmt.Errorf("%w: ticket %s was rated %s at %s, and a rating can only be changed "+
			"within %s", ErrAlreadyRated, old.Number, old.Level,
			old.FirstAt.In(b.cfg.Location).Format("15:04:05"), b.cfg.ReplaceWindow)
	}
	return b.replace(tx, old, r)
}

func (b *Book) addAnonymous(tx *bbolt.Tx, r Rating) (Rating, Outcome, error) {
	anon := tx.Bucket(bucketAnon)
	if lastID := anon.Get([]byte(r.Terminal)); lastID != nil {
		old, err := get(tx, string(lastID))
		if err != nil && !errors.Is(err, ErrNotFound) {
			return Rating{}, 0, err
		}
		if err == nil && r.At.Sub(old.At) <= b.cfg.DoubleTapWindow && !r.At.Before(old.At) {
			r.ID = old.ID
			return b.replace(tx, old, r)
		}
	}

	seq, err := tx.Bucket(bucketRecords).NextSequence()
	if err != nil {
		return Rating{}, 0, err
	}
	r.ID = fmt.Sprintf("anon-%s-%06d", r.Terminal, seq)
	if err := anon.Put([]byte(r.Terminal), []byte(r.ID)); err != nil {
		return Rating{}, 0, err
	}
	return r, Stored, b.put(tx, nil, r)
}

// replace stores r in place of old, keeping old's first time, day and
// hours flag, unless r repeats old's level and reason.
func (b *Book) replace(tx *bbolt.Tx, old, r Rating) (Rating, Outcome, error) {
	if r.Level == old.Level && r.Reason == old.Reason {
		return old, Repeated, nil
	}
	r.FirstAt, r.Day, r.OutOfHours = old.FirstAt, old.Day, old.OutOfHours
	return r, Replaced, b.put(tx, &old, r)
}

// SetReason adds the follow-up reason to a bad or very bad rating, within
// the replace window of its first rating.
func (b *Book) SetReason(ctx context.Context, id string, reason Reason) (Rating, error) {
	if err := ctx.Err(); err != nil {
		return Rating{}, fmt.Errorf("rating: set reason of %s: %w", id, err)
	}
	if _, err := ParseReason(string(reason)); err != nil {
		return Rating{}, err
	}
	now := b.cfg.Now().UTC()
	var r Rating
	err := b.db.Update(func(tx *bbolt.Tx) error {
		old, err := get(tx, id)
		if err != nil {
			return err
		}
		if !old.Level.Negative() {
			return fmt.Errorf("%w: rating %s is %s, and only bad or very bad ratings take a reason",
				ErrInvalid, id, old.Level)
		}
		if now.Sub(old.FirstAt) > b.cfg.ReplaceWindow {
			return fmt.Errorf("%w: rating %s can only be changed within %s of %s", ErrAlreadyRated, id,
				b.cfg.ReplaceWindow, old.FirstAt.In(b.cfg.Location).Format("15:04:05"))
		}
		next := old
		next.Reason, next.At = reason, now
		r, _, err = b.replace(tx, old, next)
		return err
	})
	return r, err
}

// put stores r, indexes its day and logs the change.
func (b *Book) put(tx *bbolt.Tx, old *Rating, r Rating) error {
	raw, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("rating: encode %s: %w", r.ID, err)
	}
	if err := tx.Bucket(bucketRecords).Put([]byte(r.ID), raw); err != nil {
		return err
	}
	if err := tx.Bucket(bucketDays).Put(dayKey(r.Day, r.ID), nil); err != nil {
		return err
	}

	logBucket := tx.Bucket(bucketLog)
	seq, err := logBucket.NextSequence()
	if err != nil {
		return err
	}
	c := Change{Seq: seq, Old: old, New: r}
	raw, err = json.Marshal(c)
	if err != nil {
		return fmt.Errorf("rating: encode change %d: %w", seq, err)
	}
	if err := logBucket.Put(binary.BigEndian.AppendUint64(nil, seq), raw); err != nil {
		return err
	}
	if b.cfg.OnChange != nil {
		return b.cfg.OnChange(tx, c)
	}
	return nil
}

func dayKey(day, id string) []byte {
	key := []byte(compactDay(day))
	key = append(key, 0)
	return append(key, id...)
}

func compactDay(day string) string {
	if len(day) != len(time.DateOnly) {
		return day
	}
	return day[0:4] + day[5:7] + day[8:10]
}
