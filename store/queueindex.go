package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"

	"go.etcd.io/bbolt"
)

// Queue index keys are
//
//	yyyymmdd 0x00 owner 0x00 class arrival id
//
// where owner is the service id, or 0x01 and the counter number for a
// ticket transferred to one counter. Class is '0' for a priority ticket and
// '1' for others. Arrival is the issue time in Unix nanoseconds, 8 bytes big
// endian. A cursor seek to the owner and class thus finds the oldest ticket
// of that class first, whatever the size of the queue.
const (
	classPriority = '0'
	classNormal   = '1'
)

func queueOwner(t *Ticket) string {
	if t.TargetCounter > 0 {
		return counterOwner(t.TargetCounter)
	}
	return t.Service
}

func counterOwner(counter int) string { return "\x01" + strconv.Itoa(counter) }

func queueClass(p Priority) byte {
	if p != PriorityNone {
		return classPriority
	}
	return classNormal
}

func queuePrefix(day, owner string, class byte) []byte {
	return append(joinKey(compactDay(day), owner, ""), class)
}

func queueKey(t *Ticket) []byte {
	key := queuePrefix(t.BusinessDay, queueOwner(t), queueClass(t.Priority))
	key = binary.BigEndian.AppendUint64(key, uint64(t.IssuedAt.UnixNano()))
	return append(key, t.ID...)
}

// enqueue puts a waiting or transferred ticket in its queue and counts it
// as waiting for its service.
func enqueue(tx *bbolt.Tx, t *Ticket) error {
	if err := tx.Bucket(bucketQueue).Put(queueKey(t), nil); err != nil {
		return err
	}
	return addWaiting(tx, t.BusinessDay, t.Service, +1)
}

// dequeue takes a ticket out of its queue, before its state, service or
// target counter change.
func dequeue(tx *bbolt.Tx, t *Ticket) error {
	if err := tx.Bucket(bucketQueue).Delete(queueKey(t)); err != nil {
		return err
	}
	return addWaiting(tx, t.BusinessDay, t.Service, -1)
}

func addWaiting(tx *bbolt.Tx, day, service string, delta int) error {
	b := tx.Bucket(bucketWaiting)
	key := joinKey(compactDay(day), service)
	n := int(u32(b.Get(key))) + delta
	if n < 0 {
		return fmt.Errorf("%w: waiting count of %s on %s fell below zero; restore the file from a backup",
			ErrDamaged, service, day)
	}
	return putU32(b, key, uint32(n))
}

func waitingCount(tx *bbolt.Tx, day, service string) int {
	return int(u32(tx.Bucket(bucketWaiting).Get(joinKey(compactDay(day), service))))
}

// peopleAhead returns how many tickets of a service wait before a new one
// of priority p: every waiting ticket for a normal ticket, and only the
// waiting priority tickets for a priority one, which is called before the
// normal ones. NOTE: with the one-in-N priority rule a normal ticket may
// still be called between them, so the figure is then a lower bound.
func peopleAhead(tx *bbolt.Tx, day, service string, p Priority) int {
	if p == PriorityNone {
		return waitingCount(tx, day, service)
	}
	prefix := queuePrefix(day, service, classPriority)
	n := 0
	c := tx.Bucket(bucketQueue).Cursor()
	for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
		n++
	}
	return n
}

// logEvent appends a transition to the queue event log, which the hall
// display reads for the latest calls, and returns its sequence number.
func logEvent(tx *bbolt.Tx, t Ticket, tr Transition) (uint64, error) {
	b := tx.Bucket(bucketEvents)
	seq, err := b.NextSequence()
	if err != nil {
		return 0, err
	}
	tr.Seq = seq
	tr.TicketID = t.ID
	tr.Number = t.Number
	raw, err := json.Marshal(tr)
	if err != nil {
		return 0, fmt.Errorf("store: encode queue event: %w", err)
	}
	return seq, b.Put(u64Key(seq), raw)
}

// update runs fn in a write transaction and, when fn logged a queue event,
// wakes the Changes waiters once the transaction has committed.
func (db *DB) update(fn func(tx *bbolt.Tx) error) error {
	return db.bolt.Update(func(tx *bbolt.Tx) error {
		events := tx.Bucket(bucketEvents)
		before := events.Sequence()
		if err := fn(tx); err != nil {
			return err
		}
		if after := events.Sequence(); after != before {
			tx.OnCommit(func() { db.changes.publish(after) })
		}
		return nil
	})
}

// changeFeed wakes every waiter when the queue changes.
type changeFeed struct {
	mu      sync.Mutex
	version uint64        // sequence of the last queue event committed
	waitCh  chan struct{} // closed and replaced on the next change; nil until someone waits
}

func (f *changeFeed) publish(version uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if version > f.version {
		f.version = version
	}
	if f.waitCh != nil {
		close(f.waitCh)
		f.waitCh = nil
	}
}

func (f *changeFeed) close() { f.publish(0) }

// Changes returns the sequence number of the last queue event and a channel
// that is closed at the next queue event (an issue, call, recall or other
// transition) or when the database closes. The hall display waits on the
// channel, then reads the queue and calls Changes again. The number grows
// with every event and survives reopening the file. After Close, the
// channel returned is never closed, so a waiter must also watch its own
// context.
func (db *DB) Changes() (uint64, <-chan struct{}) {
	db.changes.mu.Lock()
	defer db.changes.mu.Unlock()
	if db.changes.waitCh == nil {
		db.changes.waitCh = make(chan struct{})
	}
	return db.changes.version, db.changes.waitCh
}
