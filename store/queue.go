package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.etcd.io/bbolt"
)

// Queue errors, matched with errors.Is.
var (
	ErrQueueEmpty   = errors.New("store: no ticket waits")
	ErrCounterBusy  = errors.New("store: counter already has a called ticket")
	ErrWrongCounter = errors.New("store: ticket is held by another counter")
)

// PriorityRule decides when a priority ticket (senior citizen, person of
// determination) is called before older tickets without a priority need.
type PriorityRule struct {
	// Every is N in "one priority ticket every N calls": while priority
	// tickets wait, at most N-1 other tickets are called in a row across
	// the hall in one business day. Zero or one means strictly first.
	Every int
}

func (r PriorityRule) String() string {
	if r.Every <= 1 {
		return "priority first"
	}
	return "one priority ticket every " + strconv.Itoa(r.Every) + " calls"
}

var staffPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,32}$`)

func checkStaffID(staff string) error {
	if !staffPattern.MatchString(staff) {
		return fmt.Errorf("%w: staff id %q must be 1 to 32 ASCII letters, digits, dots, dashes or underscores",
			ErrInvalid, staff)
	}
	return nil
}

func checkCounter(counter int) error {
	if counter < 1 || counter > 999 {
		return fmt.Errorf("%w: counter %d must be between 1 and 999", ErrInvalid, counter)
	}
	return nil
}

// keyNormalRun counts, per business day, the tickets without priority
// called in a row while a priority ticket waited.
func keyNormalRun(day string) []byte { return joinKey("normal-run", compactDay(day)) }

// CallNext calls the next ticket of the current business day for counter:
// the oldest waiting ticket of services or transferred to the counter,
// with priority tickets first by rule. It returns ErrQueueEmpty when none
// waits and ErrCounterBusy while the counter has a called ticket that it
// has not completed, held, transferred or marked no-show. Because the
// choice and the state change happen in one write transaction, two counters
// never get the same ticket.
func (db *DB) CallNext(ctx context.Context, counter int, services []string, staff string,
	rule PriorityRule) (Ticket, error) {
	if err := ctx.Err(); err != nil {
		return Ticket{}, fmt.Errorf("store: call next at counter %d: %w", counter, err)
	}
	if err := checkCounterStaff(counter, staff); err != nil {
		return Ticket{}, err
	}
	for _, s := range services {
		if err := checkService(s); err != nil {
			return Ticket{}, err
		}
	}

	now := db.now()
	day := db.BusinessDay(now)
	var t Ticket
	err := db.update(func(tx *bbolt.Tx) error {
		if err := checkCounterFree(tx, counter, ""); err != nil {
			return err
		}
		id, err := pickNext(tx, day, counter, services, rule)
		if err != nil {
			return err
		}
		t, err = getTicket(tx, id)
		if err != nil {
			return err
		}
		return db.applyTransition(tx, &t, ActionCall, counter, staff, now, "", nil)
	})
	return t, err
}

func checkCounterStaff(counter int, staff string) error {
	if err := checkCounter(counter); err != nil {
		return err
	}
	return checkStaffID(staff)
}

// checkCounterFree returns ErrCounterBusy when counter has a called ticket
// other than except.
func checkCounterFree(tx *bbolt.Tx, counter int, except string) error {
	current := tx.Bucket(bucketCounters).Get(counterKey(counter))
	if current == nil || string(current) == except {
		return nil
	}
	t, err := getTicket(tx, string(current))
	if err != nil {
		return err
	}
	return fmt.Errorf("%w: counter %d is serving %s; complete, hold, transfer or mark it no-show first",
		ErrCounterBusy, counter, t.Number)
}

func counterKey(counter int) []byte { return []byte(fmt.Sprintf("%03d", counter)) }

// pickNext chooses the ticket that CallNext calls and updates the run of
// calls without priority that PriorityRule.Every limits.
func pickNext(tx *bbolt.Tx, day string, counter int, services []string, rule PriorityRule) (string, error) {
	owners := append([]string{counterOwner(counter)}, services...)
	priority := oldestQueued(tx, day, owners, classPriority)
	normal := oldestQueued(tx, day, owners, classNormal)
	if priority == nil && normal == nil {
		return "", fmt.Errorf("%w for counter %d (services %s)", ErrQueueEmpty, counter, strings.Join(services, ", "))
	}

	meta := tx.Bucket(bucketMeta)
	runKey := keyNormalRun(day)
	run := int(u32(meta.Get(runKey)))
	takePriority := priority != nil && (normal == nil || rule.Every <= 1 || run >= rule.Every-1)
	switch {
	case takePriority:
		return priority.id, putU32(meta, runKey, 0)
	case priority != nil:
		// A priority ticket waits but the rule lets this call pass it.
		return normal.id, putU32(meta, runKey, uint32(run+1))
	default:
		return normal.id, nil
	}
}

type queued struct {
	arrival []byte // 8 bytes, big endian Unix nanoseconds
	id      string
}

// oldestQueued returns the ticket of the class that arrived first among the
// owners' queues, or nil. Ties of arrival go to the smaller ticket id.
func oldestQueued(tx *bbolt.Tx, day string, owners []string, class byte) *queued {
	var best *queued
	c := tx.Bucket(bucketQueue).Cursor()
	for _, owner := range owners {
		prefix := queuePrefix(day, owner, class)
		k, _ := c.Seek(prefix)
		if k == nil || !bytes.HasPrefix(k, prefix) || len(k) < len(prefix)+8 {
			continue
		}
		rest := k[len(prefix):]
		q := &queued{arrival: rest[:8], id: string(rest[8:])}
		if best == nil || earlier(q, best) {
			best = q
		}
	}
	return best
}

func earlier(a, b *queued) bool {
	if c := bytes.Compare(a.arrival, b.arrival); c != 0 {
		return c < 0
	}
	return a.id < b.id
}

// CurrentCalls returns the called tickets, one per counter, in counter
// order: what the hall display shows as "A-023 → counter 3".
func (db *DB) CurrentCalls() ([]Ticket, error) {
	var calls []Ticket
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketCounters).ForEach(func(_, id []byte) error {
			t, err := getTicket(tx, string(id))
			if err != nil {
				return err
			}
			calls = append(calls, t)
			return nil
		})
	})
	return calls, err
}

// RecentCalls returns up to n call, recall and resume events, newest
// first: the numbers the hall display announced last.
func (db *DB) RecentCalls(n int) ([]Transition, error) {
	var calls []Transition
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketEvents).Cursor()
		for k, v := c.Last(); k != nil && len(calls) < n; k, v = c.Prev() {
			var tr Transition
			if err := json.Unmarshal(v, &tr); err != nil {
				return fmt.Errorf("store: decode queue event %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if tr.Action == ActionCall || tr.Action == ActionRecall || tr.Action == ActionResume {
				calls = append(calls, tr)
			}
		}
		return nil
	})
	return calls, err
}

// QueueEvents returns up to limit queue events with a sequence number
// above after, oldest first. A reader that keeps the last sequence it saw
// reads each event once.
func (db *DB) QueueEvents(after uint64, limit int) ([]Transition, error) {
	var events []Transition
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketEvents).Cursor()
		for k, v := c.Seek(u64Key(after + 1)); k != nil && len(events) < limit; k, v = c.Next() {
			var tr Transition
			if err := json.Unmarshal(v, &tr); err != nil {
				return fmt.Errorf("store: decode queue event %d: %w", binary.BigEndian.Uint64(k), err)
			}
			events = append(events, tr)
		}
		return nil
	})
	return events, err
}
