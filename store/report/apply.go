package report

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store"
	"frontdesk/store/rating"
)

// Apply counts one ticket transition inside tx, the store's write
// transaction that logged it, and moves the queue cursor to tr.Seq. It has
// the signature of store.TransitionHook. A transition at or before the
// cursor was counted already, so it is skipped. Uncounted events between
// the cursor and tr.Seq are counted first, from the event log. t is the
// ticket the transition belongs to, with its history up to at least the
// transition before tr.
//
// A damaged aggregate must not stop the queue, so when an aggregate or an
// older event cannot be read, Apply counts nothing, leaves the cursor and
// returns nil. The next Sync then returns the error, and Recount repairs
// the aggregates. Apply returns an error only when writing fails.
func (r *Reports) Apply(tx *bbolt.Tx, t store.Ticket, tr store.Transition) error {
	if tr.Seq == 0 {
		return fmt.Errorf("%w: transition %s of %s has no sequence number; apply it after it is logged",
			ErrInvalid, tr.Action, t.ID)
	}
	done := cursor(tx, keyQueueCursor)
	if tr.Seq <= done {
		return nil
	}
	a := newApplier(tx, r)
	count := func() error {
		if tr.Seq > done+1 {
			if err := a.syncQueue(done, tr.Seq-1); err != nil {
				return err
			}
		}
		return a.transition(t, tr)
	}
	if count() != nil {
		return nil
	}
	if err := a.flush(); err != nil {
		return err
	}
	return setCursor(tx, keyQueueCursor, tr.Seq)
}

// ApplyRating counts one rating change inside tx, the rating book's write
// transaction that logged it, like Apply does for transitions. It has the
// signature of rating.Config.OnChange, and like Apply it leaves a change
// it cannot count to the next Sync rather than reject the rating.
func (r *Reports) ApplyRating(tx *bbolt.Tx, c rating.Change) error {
	done := cursor(tx, keyRatingCursor)
	if c.Seq <= done {
		return nil
	}
	a := newApplier(tx, r)
	count := func() error {
		if c.Seq > done+1 {
			if err := a.syncRatings(done, c.Seq-1); err != nil {
				return err
			}
		}
		return a.rating(c)
	}
	if count() != nil {
		return nil
	}
	if err := a.flush(); err != nil {
		return err
	}
	return setCursor(tx, keyRatingCursor, c.Seq)
}

// Sync counts, in one write transaction, every queue event and rating
// change logged after the cursors, and returns how many it counted.
func (r *Reports) Sync() (int, error) {
	n := 0
	err := r.db.Update(func(tx *bbolt.Tx) error {
		a := newApplier(tx, r)
		queue, ratings := cursor(tx, keyQueueCursor), cursor(tx, keyRatingCursor)
		if err := a.syncQueue(queue, 0); err != nil {
			return err
		}
		if err := a.syncRatings(ratings, 0); err != nil {
			return err
		}
		n = a.events
		if err := a.flush(); err != nil {
			return err
		}
		if err := setCursor(tx, keyQueueCursor, max(queue, a.lastQueue)); err != nil {
			return err
		}
		return setCursor(tx, keyRatingCursor, max(ratings, a.lastRating))
	})
	return n, err
}

// Recount deletes every aggregate and rebuilds it, in one write
// transaction, from the ticket records with their histories and from the
// stored ratings, and moves the cursors to the end of both logs.
func (r *Reports) Recount() error {
	return r.db.Update(func(tx *bbolt.Tx) error {
		if err := tx.DeleteBucket(bucketCells); err != nil {
			return fmt.Errorf("report: recount: %w", err)
		}
		if _, err := tx.CreateBucket(bucketCells); err != nil {
			return fmt.Errorf("report: recount: %w", err)
		}
		a := newApplier(tx, r)
		if err := a.recountTickets(); err != nil {
			return err
		}
		err := rating.ForEach(tx, func(rt rating.Rating) error { return a.countRating(rt, 1) })
		if err != nil {
			return err
		}
		if err := a.flush(); err != nil {
			return err
		}
		if err := setCursor(tx, keyQueueCursor, bucketSequence(tx, storeEvents)); err != nil {
			return err
		}
		return setCursor(tx, keyRatingCursor, rating.LastSeq(tx))
	})
}

func bucketSequence(tx *bbolt.Tx, name []byte) uint64 {
	if b := tx.Bucket(name); b != nil {
		return b.Sequence()
	}
	return 0
}

// applier adds events to cells kept in memory until flush writes them, so
// that a batch touching one cell many times decodes and encodes it once.
type applier struct {
	tx         *bbolt.Tx
	r          *Reports
	cells      map[cellKey]*cell
	tickets    map[string]store.Ticket // tickets decoded during a sync
	events     int
	lastQueue  uint64
	lastRating uint64
}

func newApplier(tx *bbolt.Tx, r *Reports) *applier {
	return &applier{tx: tx, r: r, cells: map[cellKey]*cell{}, tickets: map[string]store.Ticket{}}
}

func (a *applier) cell(k cellKey) (*cell, error) {
	if c, ok := a.cells[k]; ok {
		return c, nil
	}
	c := &cell{}
	if raw := a.tx.Bucket(bucketCells).Get(k.bytes()); raw != nil {
		decoded, err := decodeCell(raw)
		if err != nil {
			return nil, fmt.Errorf("report: cell %+v: %w", k, err)
		}
		c = &decoded
	}
	a.cells[k] = c
	return c, nil
}

func (a *applier) flush() error {
	b := a.tx.Bucket(bucketCells)
	for k, c := range a.cells {
		if err := b.Put(k.bytes(), c.encode()); err != nil {
			return err
		}
	}
	clear(a.cells)
	return nil
}

// syncQueue counts the logged transitions after seq `after`, up to and
// including `upTo`, or to the end of the log when upTo is zero.
func (a *applier) syncQueue(after, upTo uint64) error {
	events := a.tx.Bucket(storeEvents)
	if events == nil {
		return nil
	}
	c := events.Cursor()
	for k, v := c.Seek(binary.BigEndian.AppendUint64(nil, after+1)); k != nil; k, v = c.Next() {
		seq := binary.BigEndian.Uint64(k)
		if upTo != 0 && seq > upTo {
			break
		}
		var tr store.Transition
		if err := json.Unmarshal(v, &tr); err != nil {
			return fmt.Errorf("report: decode queue event %d: %w", seq, err)
		}
		t, err := a.ticket(tr.TicketID)
		if err != nil {
			return err
		}
		if err := a.transition(t, tr); err != nil {
			return err
		}
		a.events++
		a.lastQueue = seq
	}
	return nil
}

func (a *applier) ticket(id string) (store.Ticket, error) {
	if t, ok := a.tickets[id]; ok {
		return t, nil
	}
	var t store.Ticket
	raw := a.tx.Bucket(storeTickets).Get([]byte(id))
	if raw == nil {
		return t, fmt.Errorf("report: queue event names ticket %q, which is not stored", id)
	}
	if err := json.Unmarshal(raw, &t); err != nil {
		return t, fmt.Errorf("report: decode ticket %s: %w", id, err)
	}
	a.tickets[id] = t
	return t, nil
}

func (a *applier) syncRatings(after, upTo uint64) error {
	return rating.ReadLog(a.tx, after, func(c rating.Change) error {
		if upTo != 0 && c.Seq > upTo {
			return nil
		}
		if err := a.rating(c); err != nil {
			return err
		}
		a.events++
		a.lastRating = c.Seq
		return nil
	})
}

func (a *applier) recountTickets() error {
	b := a.tx.Bucket(storeTickets)
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		var t store.Ticket
		if err := json.Unmarshal(v, &t); err != nil {
			return fmt.Errorf("report: decode ticket %s: %w", k, err)
		}
		for _, tr := range t.History {
			if err := a.transition(t, tr); err != nil {
				return err
			}
		}
		return nil
	})
}

// transition counts one ticket transition in its cell. Every event of a
// ticket counts in the business day the ticket was issued on.
func (a *applier) transition(t store.Ticket, tr store.Transition) error {
	k := cellKey{Day: t.BusinessDay, Service: tr.Service, Counter: tr.Counter, Staff: tr.Staff,
		Terminal: t.Terminal}
	if k.Service == "" {
		k.Service = t.Service
	}
	if tr.Action == store.ActionTransfer {
		k.Service = serviceBefore(t, tr)
	}
	c, err := a.cell(k)
	if err != nil {
		return err
	}

	switch tr.Action {
	case store.ActionIssue:
		c.Issued++
		c.IssuedByHour[tr.At.In(a.r.loc).Hour()]++
	case store.ActionCall:
		c.Called++
		if tr.From == store.StateWaiting {
			c.Wait.add(tr.At.Sub(t.IssuedAt))
		}
	case store.ActionComplete:
		c.Served++
		if start, ok := lastCall(t, tr); ok {
			c.ServiceTime.add(tr.At.Sub(start))
		}
	case store.ActionNoShow:
		c.NoShows++
	case store.ActionTransfer:
		c.Transferred++
	}
	return nil
}

// lastCall returns the time of the ticket's last call before tr: the
// start of the service that tr completes.
func lastCall(t store.Ticket, tr store.Transition) (time.Time, bool) {
	for i := len(t.History) - 1; i >= 0; i-- {
		h := t.History[i]
		if h.Seq < tr.Seq && h.Action == store.ActionCall {
			return h.At, true
		}
	}
	return time.Time{}, false
}

// serviceBefore returns the service a ticket had before tr moved it.
func serviceBefore(t store.Ticket, tr store.Transition) string {
	for i := len(t.History) - 1; i >= 0; i-- {
		if h := t.History[i]; h.Seq < tr.Seq && h.Service != "" {
			return h.Service
		}
	}
	return t.Service
}

func (a *applier) rating(c rating.Change) error {
	if c.Old != nil {
		if err := a.countRating(*c.Old, -1); err != nil {
			return err
		}
	}
	return a.countRating(c.New, 1)
}

// countRating adds delta to the count of rt's level, unless rt was given
// outside the service hours.
func (a *applier) countRating(rt rating.Rating, delta int64) error {
	if rt.OutOfHours {
		return nil
	}
	terminal := rt.IssuingTerminal
	if terminal == "" {
		terminal = rt.Terminal
	}
	c, err := a.cell(cellKey{Day: rt.Day, Service: rt.Service, Counter: rt.Counter, Staff: rt.Staff,
		Terminal: terminal})
	if err != nil {
		return err
	}
	c.addRating(rt.Level, delta)
	return nil
}
