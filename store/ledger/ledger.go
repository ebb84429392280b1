package ledger

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store/money"
)

// Bucket names. Every bucket of the ledger starts with "ledger.".
var (
	bucketEntries  = []byte("ledger.entries")  // 8-byte sequence number -> stored entry
	bucketIDs      = []byte("ledger.ids")      // entry id -> 8-byte sequence number
	bucketKeys     = []byte("ledger.keys")     // idempotency key -> 8-byte sequence number
	bucketReversed = []byte("ledger.reversed") // reversed entry id -> sequence number of its reversal
	bucketDays     = []byte("ledger.days")     // YYYY-MM-DD and 8-byte sequence number -> nothing
	bucketCloses   = []byte("ledger.closes")   // YYYY-MM-DD -> DayClose JSON
	bucketMeta     = []byte("ledger.meta")     // keyHead -> chain head record
)

var allBuckets = [][]byte{bucketEntries, bucketIDs, bucketKeys, bucketReversed, bucketDays, bucketCloses,
	bucketMeta}

// appendFillPercent is the fill ratio at which bbolt splits a page, for
// the buckets whose keys only grow. bbolt's default is 0.5, meant for
// random inserts.
const appendFillPercent = 0.9

// dayLayout is the layout of a business day.
const dayLayout = "2006-01-02"

// Config is the ledger's part of the configuration.
type Config struct {
	// Terminal is this appliance's terminal id. It is recorded on entries
	// whose NewEntry.Terminal is empty and on every reversal and day close.
	Terminal string
	// Location is the business time zone that decides an entry's business
	// day. Nil means Asia/Dubai.
	Location *time.Location
	// MaxAmount is the largest amount of one entry. Zero means
	// money.MaxAmount.
	MaxAmount money.Fils
	// Now is the clock. Nil means time.Now.
	Now func() time.Time
}

// Ledger is the social assistance ledger in one bbolt file. Its methods
// are safe for concurrent use, because bbolt runs one write transaction at
// a time.
type Ledger struct {
	db  *bbolt.DB
	cfg Config
}

// New returns the ledger kept in db and creates its buckets if db is
// writable and they are missing. An entry is on disk when Record returns
// only if db was opened without bbolt's NoSync option.
func New(db *bbolt.DB, cfg Config) (*Ledger, error) {
	if db == nil {
		return nil, errors.New("ledger: nil bbolt database, open the store first")
	}
	cfg.Terminal = strings.TrimSpace(cfg.Terminal)
	if cfg.Terminal == "" {
		return nil, errors.New("ledger: Config.Terminal is empty, set this appliance's terminal id")
	}
	if err := checkField("terminal", cfg.Terminal); err != nil {
		return nil, err
	}
	if cfg.Location == nil {
		cfg.Location = dubai()
	}
	if cfg.MaxAmount <= 0 || cfg.MaxAmount > money.MaxAmount {
		cfg.MaxAmount = money.MaxAmount
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}

	if !db.IsReadOnly() {
		err := db.Update(func(tx *bbolt.Tx) error {
			hadMeta := tx.Bucket(bucketMeta) != nil
			for _, name := range allBuckets {
				if _, err := tx.CreateBucketIfNotExists(name); err != nil {
					return fmt.Errorf("ledger: create bucket %s: %w", name, err)
				}
			}
			if !hadMeta {
				return adoptHead(tx)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return &Ledger{db: db, cfg: cfg}, nil
}

// dubai returns Asia/Dubai from the system's zone database. Dubai has kept
// UTC+4 without daylight saving since 1920, so a fixed zone is an exact
// stand-in on a system without one.
func dubai() *time.Location {
	loc, err := time.LoadLocation("Asia/Dubai")
	if err != nil {
		return time.FixedZone("+04", 4*60*60)
	}
	return loc
}

// BusinessDay returns the business day of t in the ledger's time zone, as
// YYYY-MM-DD.
func (l *Ledger) BusinessDay(t time.Time) string {
	return t.In(l.cfg.Location).Format(dayLayout)
}

// Record appends an entry and returns it with created true. If an entry
// with the same idempotency key exists, Record records nothing and returns
// that first entry with created false. When the first entry differs from n
// in kind, method, case number, Emirates ID, amount or IBAN, Record also
// returns an error that wraps ErrKeyConflict, because the caller then
// reused a key for another payment.
//
// The entry's time is taken inside the write transaction, so times follow
// the chain order unless the clock is set back. Record returns ErrDayClosed
// when the business day of that time is closed.
func (l *Ledger) Record(ctx context.Context, n NewEntry) (Entry, bool, error) {
	if err := ctx.Err(); err != nil {
		return Entry{}, false, fmt.Errorf("ledger: record: %w", err)
	}
	if strings.TrimSpace(n.Terminal) == "" {
		n.Terminal = l.cfg.Terminal
	}
	n, err := n.normalize(l.cfg.MaxAmount)
	if err != nil {
		return Entry{}, false, err
	}

	var (
		e       Entry
		created bool
	)
	err = l.db.Update(func(tx *bbolt.Tx) error {
		created = false
		if seq := tx.Bucket(bucketKeys).Get([]byte(n.IdempotencyKey)); seq != nil {
			first, err := entryAt(tx, seq)
			if err != nil {
				return err
			}
			e = first
			if !n.sameRequest(first) {
				return fmt.Errorf("ledger: key %q: %w: entry %s, amount %s, case %q; "+
					"use a new key for a new payment", n.IdempotencyKey, ErrKeyConflict,
					first.ID, first.Amount, first.CaseNumber)
			}
			return nil
		}

		e = Entry{
			Kind: n.Kind, Method: n.Method, CaseNumber: n.CaseNumber, EmiratesID: n.EmiratesID,
			Amount: n.Amount, IBAN: n.IBAN, Bank: n.Bank, BankReference: n.BankReference,
			Reference: n.Reference, Ticket: n.Ticket, Staff: n.Staff, Terminal: n.Terminal,
			IdempotencyKey: n.IdempotencyKey,
		}
		if err := l.appendEntry(tx, &e, l.cfg.Now()); err != nil {
			return err
		}
		created = true
		return nil
	})
	switch {
	case errors.Is(err, ErrKeyConflict):
		return e, false, err
	case err != nil:
		return Entry{}, false, err
	}
	return e, created, nil
}

// Reverse records a reversal of the entry with the given id: an entry of
// the same kind, method and beneficiary with the amount negated, which
// points to the original and carries the reason. Reverse rejects any role
// but RoleSupervisor, and an entry is reversed at most once. The ledger
// does not look the role up: the caller passes the role of the staff
// member it signed in.
// A reversal itself cannot be reversed. The reversal is recorded on
// today's business day, which must be open, even when the original is from
// an earlier, closed day.
func (l *Ledger) Reverse(ctx context.Context, id, reason, staff, role string) (Entry, error) {
	if err := ctx.Err(); err != nil {
		return Entry{}, fmt.Errorf("ledger: reverse %s: %w", id, err)
	}
	id, reason, staff = normalizeID(id), strings.TrimSpace(reason), strings.TrimSpace(staff)
	if role != RoleSupervisor {
		return Entry{}, fmt.Errorf("ledger: reverse %s: %w: staff %q has role %q",
			id, ErrNotSupervisor, staff, role)
	}
	if reason == "" {
		return Entry{}, fmt.Errorf("ledger: reverse %s: %w: reason is missing", id, ErrInvalidEntry)
	}
	if staff == "" {
		return Entry{}, fmt.Errorf("ledger: reverse %s: %w: staff is missing", id, ErrInvalidEntry)
	}
	for _, f := range [][2]string{{"reason", reason}, {"staff", staff}} {
		if err := checkField(f[0], f[1]); err != nil {
			return Entry{}, err
		}
	}

	var rev Entry
	err := l.db.Update(func(tx *bbolt.Tx) error {
		orig, err := entryByID(tx, id)
		if err != nil {
			return err
		}
		if orig.IsReversal() {
			return fmt.Errorf("ledger: reverse %s: %w: it is a reversal of %s", id, ErrNotReversible, orig.Reverses)
		}
		if seq := tx.Bucket(bucketReversed).Get([]byte(id)); seq != nil {
			return fmt.Errorf("ledger: reverse %s: %w by entry %d", id, ErrAlreadyReversed,
				binary.BigEndian.Uint64(seq))
		}

		rev = Entry{
			Kind: orig.Kind, Method: orig.Method, CaseNumber: orig.CaseNumber,
			EmiratesID: orig.EmiratesID, Amount: -orig.Amount, IBAN: orig.IBAN, Bank: orig.Bank,
			BankReference: orig.BankReference, Reference: orig.Reference, Ticket: orig.Ticket,
			Staff: staff, Terminal: l.cfg.Terminal, IdempotencyKey: reversalKeyPrefix + orig.ID,
			Reverses: orig.ID, Reason: reason,
		}
		if err := l.appendEntry(tx, &rev, l.cfg.Now()); err != nil {
			return err
		}
		return tx.Bucket(bucketReversed).Put([]byte(orig.ID), seqKey(rev.Seq))
	})
	if err != nil {
		return Entry{}, err
	}
	return rev, nil
}

// appendEntry completes e with its place in the chain, id, business day
// and time, and stores it with its index records and the new chain head.
// It rejects the entry when the chain head record does not name the
// newest entry, because appending would hide the removed or added entries.
func (l *Ledger) appendEntry(tx *bbolt.Tx, e *Entry, now time.Time) error {
	day := l.BusinessDay(now)
	if tx.Bucket(bucketCloses).Get([]byte(day)) != nil {
		return fmt.Errorf("ledger: %w: %s was closed, record the entry on the next business day",
			ErrDayClosed, day)
	}

	entries := tx.Bucket(bucketEntries)
	var last chainHead
	e.Seq, e.PrevHash = 1, hex.EncodeToString(zeroHash[:])
	if k, v := entries.Cursor().Last(); k != nil {
		if len(k) != 8 || len(v) < len(zeroHash) {
			return fmt.Errorf("ledger: %w: last entry has a %d-byte key and a %d-byte value, "+
				"run ledger verify", ErrBrokenChain, len(k), len(v))
		}
		last = chainHead{seq: binary.BigEndian.Uint64(k), hash: v[len(v)-len(zeroHash):]}
		e.Seq = last.seq + 1
		e.PrevHash = hex.EncodeToString(last.hash)
	}
	head, found, err := readHead(tx)
	if err != nil {
		return fmt.Errorf("ledger: %w: %v, run ledger verify", ErrBrokenChain, err)
	}
	if reason := compareHead(head, found, last); reason != "" {
		return fmt.Errorf("ledger: %w: %s. Run ledger verify, and record nothing until the file is "+
			"restored from a backup", ErrBrokenChain, reason)
	}

	ids := tx.Bucket(bucketIDs)
	e.ID = newID(now)
	for ids.Get([]byte(e.ID)) != nil {
		e.ID = newID(now)
	}
	e.Day = day
	e.Time = now.UTC().Round(0)

	key, value := seqKey(e.Seq), encode(e)
	puts := []struct {
		bucket     []byte
		key, value []byte
	}{
		{bucketEntries, key, value},
		{bucketIDs, []byte(e.ID), key},
		{bucketKeys, []byte(e.IdempotencyKey), key},
		{bucketDays, dayKey(day, e.Seq), nil},
	}
	for _, p := range puts {
		b := tx.Bucket(p.bucket)
		if !bytes.Equal(p.bucket, bucketKeys) {
			// These keys only grow (the time-ordered ids almost only), so
			// fuller pages make the file about half as large: 16 MiB in
			// place of 36 MiB for 20,000 entries. bbolt does not store
			// the setting, so it is set in every transaction.
			b.FillPercent = appendFillPercent
		}
		if err := b.Put(p.key, p.value); err != nil {
			return fmt.Errorf("ledger: store entry %d in %s: %w", e.Seq, p.bucket, err)
		}
	}
	return putHead(tx, e.Seq, value[len(value)-len(zeroHash):])
}

// Get returns the entry with the given id.
func (l *Ledger) Get(ctx context.Context, id string) (Entry, error) {
	if err := ctx.Err(); err != nil {
		return Entry{}, fmt.Errorf("ledger: get %s: %w", id, err)
	}
	var e Entry
	err := l.db.View(func(tx *bbolt.Tx) error {
		var err error
		e, err = entryByID(tx, normalizeID(id))
		return err
	})
	return e, err
}

// ReversalOf returns the reversal of the entry with the given id, and
// false if it has not been reversed.
func (l *Ledger) ReversalOf(ctx context.Context, id string) (Entry, bool, error) {
	if err := ctx.Err(); err != nil {
		return Entry{}, false, fmt.Errorf("ledger: reversal of %s: %w", id, err)
	}
	var (
		rev   Entry
		found bool
	)
	err := l.db.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketReversed)
		if b == nil {
			return nil
		}
		seq := b.Get([]byte(normalizeID(id)))
		if seq == nil {
			return nil
		}
		var err error
		rev, err = entryAt(tx, seq)
		found = err == nil
		return err
	})
	return rev, found, err
}

// List returns the entries of a business day (YYYY-MM-DD) in the order
// they were recorded.
func (l *Ledger) List(ctx context.Context, day string) ([]Entry, error) {
	if err := checkDay(day); err != nil {
		return nil, err
	}
	var list []Entry
	err := l.db.View(func(tx *bbolt.Tx) error {
		var err error
		list, err = entriesOfDay(ctx, tx, day)
		return err
	})
	return list, err
}

// Scan calls fn for every entry from sequence number from on, in chain
// order, and stops at the first error fn returns. Scan does not check the
// chain; use Verify for that.
func (l *Ledger) Scan(ctx context.Context, from uint64, fn func(Entry) error) error {
	return l.db.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketEntries)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek(seqKey(from)); k != nil; k, v = c.Next() {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("ledger: scan: %w", err)
			}
			e, err := decode(v)
			if err != nil {
				return fmt.Errorf("ledger: %w: entry %d: %w", ErrBrokenChain, seqFromKey(k), err)
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}

func entriesOfDay(ctx context.Context, tx *bbolt.Tx, day string) ([]Entry, error) {
	days := tx.Bucket(bucketDays)
	if days == nil {
		return nil, nil
	}
	var list []Entry
	prefix := []byte(day)
	c := days.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("ledger: list %s: %w", day, err)
		}
		e, err := entryAt(tx, k[len(prefix):])
		if err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, nil
}

func entryByID(tx *bbolt.Tx, id string) (Entry, error) {
	ids := tx.Bucket(bucketIDs)
	var seq []byte
	if ids != nil {
		seq = ids.Get([]byte(id))
	}
	if seq == nil {
		return Entry{}, fmt.Errorf("ledger: %w: id %q, list the day's entries to find the id", ErrNotFound, id)
	}
	return entryAt(tx, seq)
}

func entryAt(tx *bbolt.Tx, seq []byte) (Entry, error) {
	v := tx.Bucket(bucketEntries).Get(seq)
	if v == nil {
		return Entry{}, fmt.Errorf("ledger: %w: entry %d is indexed but missing, run ledger verify",
			ErrBrokenChain, seqFromKey(seq))
	}
	e, err := decode(v)
	if err != nil {
		return Entry{}, fmt.Errorf("ledger: %w: entry %d: %w", ErrBrokenChain, seqFromKey(seq), err)
	}
	return e, nil
}

func dayKey(day string, seq uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte(day), seq)
}

// checkDay checks that day is a date written as YYYY-MM-DD.
func checkDay(day string) error {
	t, err := time.Parse(dayLayout, day)
	if err != nil || t.Format(dayLayout) != day {
		return fmt.Errorf("ledger: %w %q, write it as YYYY-MM-DD", ErrInvalidDay, day)
	}
	return nil
}

func seqFromKey(k []byte) uint64 {
	if len(k) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(k)
}
