package ledger

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store/money"
)

// Totals sums the entries of one group of a day close. A reversal counts
// in the group of the entry it reverses.
type Totals struct {
	Entries   int        `json:"entries"`       // entries recorded, not counting reversals
	Amount    money.Fils `json:"amount_fils"`   // sum of those entries
	Reversals int        `json:"reversals"`     // reversals recorded
	Reversed  money.Fils `json:"reversed_fils"` // sum of the reversed amounts, positive
	Net       money.Fils `json:"net_fils"`      // Amount minus Reversed
}

func (t *Totals) add(e Entry) {
	if e.IsReversal() {
		t.Reversals++
		t.Reversed -= e.Amount
	} else {
		t.Entries++
		t.Amount += e.Amount
	}
	t.Net += e.Amount
}

// DayClose is the stored summary of a closed business day, for the
// closing slip. A reversal recorded on the day counts against the kind,
// method, staff member and terminal of the entry it reverses, even when
// that entry is from an earlier day. Each group then shows what its staff
// member actually handed over or cleared.
type DayClose struct {
	Day      string    `json:"day"`
	ClosedAt time.Time `json:"closed_at"`
	ClosedBy string    `json:"closed_by"` // supervisor's staff id
	Terminal string    `json:"terminal"`  // terminal that closed the day

	Total      Totals            `json:"total"`
	ByKind     map[Kind]Totals   `json:"by_kind"`
	ByMethod   map[Method]Totals `json:"by_method"` // exchanges only
	ByStaff    map[string]Totals `json:"by_staff"`
	ByTerminal map[string]Totals `json:"by_terminal"`

	// HeadSeq and HeadHash are the last entry of the whole chain when the
	// day was closed. Verify checks that it is still there unchanged.
	HeadSeq  uint64 `json:"head_seq"`
	HeadHash string `json:"head_hash"`
}

// CloseDay closes a business day (YYYY-MM-DD) and returns its stored
// totals. After the close, Record and Reverse reject entries on that day.
// CloseDay rejects any role but RoleSupervisor, which the caller takes
// from the staff member it signed in, and a day that has not begun.
// Closing a closed day returns its existing close with an error that
// wraps ErrDayClosed.
func (l *Ledger) CloseDay(ctx context.Context, day, staff, role string) (DayClose, error) {
	if err := ctx.Err(); err != nil {
		return DayClose{}, fmt.Errorf("ledger: close %s: %w", day, err)
	}
	staff = strings.TrimSpace(staff)
	if role != RoleSupervisor {
		return DayClose{}, fmt.Errorf("ledger: close %s: %w: staff %q has role %q",
			day, ErrNotSupervisor, staff, role)
	}
	if staff == "" {
		return DayClose{}, fmt.Errorf("ledger: close %s: %w: staff is missing", day, ErrInvalidEntry)
	}
	if err := checkField("staff", staff); err != nil {
		return DayClose{}, err
	}
	if err := checkDay(day); err != nil {
		return DayClose{}, err
	}

	var dc DayClose
	err := l.db.Update(func(tx *bbolt.Tx) error {
		now := l.cfg.Now()
		if today := l.BusinessDay(now); day > today {
			return fmt.Errorf("ledger: close %s: %w: the day has not begun, today is %s",
				day, ErrInvalidDay, today)
		}
		closes := tx.Bucket(bucketCloses)
		if v := closes.Get([]byte(day)); v != nil {
			if err := json.Unmarshal(v, &dc); err != nil {
				return fmt.Errorf("ledger: read close of %s: %w", day, err)
			}
			return fmt.Errorf("ledger: close %s: %w at %s by %s", day, ErrDayClosed,
				dc.ClosedAt.In(l.cfg.Location).Format(time.RFC3339), dc.ClosedBy)
		}

		var err error
		dc, err = summarize(ctx, tx, day)
		if err != nil {
			return err
		}
		dc.ClosedAt, dc.ClosedBy, dc.Terminal = now.UTC().Round(0), staff, l.cfg.Terminal
		if k, v := tx.Bucket(bucketEntries).Cursor().Last(); k != nil && len(v) >= sha256.Size {
			dc.HeadSeq = seqFromKey(k)
			dc.HeadHash = hex.EncodeToString(v[len(v)-sha256.Size:])
		}

		data, err := json.Marshal(dc)
		if err != nil {
			return fmt.Errorf("ledger: encode close of %s: %w", day, err)
		}
		return closes.Put([]byte(day), data)
	})
	return dc, err
}

// DayClose returns the stored close of a business day, and false if the
// day is not closed.
func (l *Ledger) DayClose(ctx context.Context, day string) (DayClose, bool, error) {
	if err := checkDay(day); err != nil {
		return DayClose{}, false, err
	}
	if err := ctx.Err(); err != nil {
		return DayClose{}, false, fmt.Errorf("ledger: read close of %s: %w", day, err)
	}
	var (
		dc     DayClose
		closed bool
	)
	err := l.db.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketCloses)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(day))
		if v == nil {
			return nil
		}
		closed = true
		if err := json.Unmarshal(v, &dc); err != nil {
			return fmt.Errorf("ledger: read close of %s: %w", day, err)
		}
		return nil
	})
	return dc, closed, err
}

// Summarize returns the totals of a business day as CloseDay would store
// them, without closing the day, for a report during the day.
func (l *Ledger) Summarize(ctx context.Context, day string) (DayClose, error) {
	if err := checkDay(day); err != nil {
		return DayClose{}, err
	}
	var dc DayClose
	err := l.db.View(func(tx *bbolt.Tx) error {
		var err error
		dc, err = summarize(ctx, tx, day)
		return err
	})
	return dc, err
}

func summarize(ctx context.Context, tx *bbolt.Tx, day string) (DayClose, error) {
	dc := DayClose{
		Day:        day,
		ByKind:     map[Kind]Totals{},
		ByMethod:   map[Method]Totals{},
		ByStaff:    map[string]Totals{},
		ByTerminal: map[string]Totals{},
	}
	list, err := entriesOfDay(ctx, tx, day)
	if err != nil {
		return dc, err
	}
	for _, e := range list {
		owner := e
		if e.IsReversal() {
			if owner, err = entryByID(tx, e.Reverses); err != nil {
				return dc, fmt.Errorf("ledger: reversal %s: %w", e.ID, err)
			}
		}
		dc.Total.add(e)
		addTo(dc.ByKind, owner.Kind, e)
		if owner.Method != "" {
			addTo(dc.ByMethod, owner.Method, e)
		}
		addTo(dc.ByStaff, owner.Staff, e)
		addTo(dc.ByTerminal, owner.Terminal, e)
	}
	return dc, nil
}

func addTo[K comparable](m map[K]Totals, key K, e Entry) {
	t := m[key]
	t.add(e)
	m[key] = t
}
