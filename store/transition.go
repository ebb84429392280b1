package store

import (
	"context"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
)

// applyTransition moves t by action, keeps the queue index, the waiting
// counts and the counters bucket in step, runs the transition hook, appends the transition to the
// ticket's history and the queue event log, and stores t. change, when not
// nil, edits the ticket after it has left its old queue and before it
// enters a new one.
func (db *DB) applyTransition(tx *bbolt.Tx, t *Ticket, action Action, counter int, staff string, now time.Time,
	note string, change func(*Ticket)) error {
	to, err := nextState(*t, action)
	if err != nil {
		return err
	}
	from := t.State
	if from.Queued() {
		if err := dequeue(tx, t); err != nil {
			return err
		}
	}

	now = now.UTC()
	switch action {
	case ActionCall:
		t.Counter, t.TargetCounter, t.Recalls = counter, 0, 0
		t.Calls++
		if t.FirstCalledAt.IsZero() {
			t.FirstCalledAt = now
		}
	case ActionRecall:
		t.Calls++
		t.Recalls++
	case ActionComplete:
		t.CompletedAt = now
	}
	if change != nil {
		change(t)
	}
	t.State = to
	t.Staff = staff

	if err := updateCounterSlot(tx, t, from, counter); err != nil {
		return err
	}
	if to.Queued() {
		if err := enqueue(tx, t); err != nil {
			return err
		}
	}

	tr := Transition{At: now, From: from, To: to, Action: action, Counter: counter, Staff: staff,
		Service: t.Service, Note: note}
	if tr.Seq, err = logEvent(tx, *t, tr); err != nil {
		return err
	}
	t.History = append(t.History, tr)
	if err := db.runHook(tx, *t, tr); err != nil {
		return err
	}
	return putTicket(tx, t)
}

// updateCounterSlot records in the counters bucket which ticket each
// counter has called, so the hall display lists current calls and a busy
// counter cannot call another ticket.
func updateCounterSlot(tx *bbolt.Tx, t *Ticket, from TicketState, counter int) error {
	counters := tx.Bucket(bucketCounters)
	if t.State == StateCalled {
		return counters.Put(counterKey(counter), []byte(t.ID))
	}
	if from == StateCalled && string(counters.Get(counterKey(counter))) == t.ID {
		return counters.Delete(counterKey(counter))
	}
	return nil
}

// act runs one transition requested at counter on ticket id. Only the
// counter that holds a called or held ticket may act on it.
func (db *DB) act(ctx context.Context, counter int, id, staff string, action Action,
	prepare func(tx *bbolt.Tx, t *Ticket) (Action, string, func(*Ticket), error)) (Ticket, error) {
	if err := ctx.Err(); err != nil {
		return Ticket{}, fmt.Errorf("store: %s %s at counter %d: %w", action, id, counter, err)
	}
	if err := checkCounterStaff(counter, staff); err != nil {
		return Ticket{}, err
	}

	now := db.now()
	var t Ticket
	err := db.update(func(tx *bbolt.Tx) error {
		var err error
		t, err = getTicket(tx, id)
		if err != nil {
			return err
		}
		if (t.State == StateCalled || t.State == StateHeld) && t.Counter != counter {
			return fmt.Errorf("%w: ticket %s is %s at counter %d, so counter %d cannot %s it",
				ErrWrongCounter, t.Number, t.State, t.Counter, counter, action)
		}
		do, note := action, ""
		var change func(*Ticket)
		if prepare != nil {
			if do, note, change, err = prepare(tx, &t); err != nil {
				return err
			}
		}
		return db.applyTransition(tx, &t, do, counter, staff, now, note, change)
	})
	return t, err
}

// Recall calls the ticket's number again. Once the ticket has been recalled
// QueueConfig.MaxRecalls times, the next recall marks it a no-show instead,
// and the returned ticket's State shows which happened.
func (db *DB) Recall(ctx context.Context, counter int, id, staff string) (Ticket, error) {
	limit := db.cfg.Queue.MaxRecalls
	return db.act(ctx, counter, id, staff, ActionRecall,
		func(_ *bbolt.Tx, t *Ticket) (Action, string, func(*Ticket), error) {
			if limit > 0 && t.State == StateCalled && t.Recalls >= limit {
				return ActionNoShow, fmt.Sprintf("no answer after %d recalls", t.Recalls), nil, nil
			}
			return ActionRecall, "", nil, nil
		})
}

// NoShow marks a called or held ticket as a no-show: the citizen did not
// come to the counter.
func (db *DB) NoShow(ctx context.Context, counter int, id, staff string) (Ticket, error) {
	return db.act(ctx, counter, id, staff, ActionNoShow, nil)
}

// Hold sets a called ticket aside at its counter, for example while the
// citizen fetches a document, and frees the counter to call the next one.
func (db *DB) Hold(ctx context.Context, counter int, id, staff string) (Ticket, error) {
	return db.act(ctx, counter, id, staff, ActionHold, nil)
}

// Resume calls a held ticket back to its counter. It returns ErrCounterBusy
// while the counter has another called ticket.
func (db *DB) Resume(ctx context.Context, counter int, id, staff string) (Ticket, error) {
	return db.act(ctx, counter, id, staff, ActionResume,
		func(tx *bbolt.Tx, _ *Ticket) (Action, string, func(*Ticket), error) {
			return ActionResume, "", nil, checkCounterFree(tx, counter, id)
		})
}

// Complete ends the visit of a called ticket.
func (db *DB) Complete(ctx context.Context, counter int, id, staff string) (Ticket, error) {
	return db.act(ctx, counter, id, staff, ActionComplete, nil)
}

// TransferTarget is the destination of Transfer: another service, one
// counter, or a service and one of its counters.
type TransferTarget struct {
	Service string // empty keeps the ticket's service
	Counter int    // zero lets any counter of the service call it
}

// Transfer puts a called or held ticket back in a queue: the queue of
// another service, or of one counter. The ticket keeps its original arrival
// time, so it goes before every ticket that arrived after it.
func (db *DB) Transfer(ctx context.Context, counter int, id, staff string, to TransferTarget) (Ticket, error) {
	if to.Service == "" && to.Counter == 0 {
		return Ticket{}, fmt.Errorf("%w: transfer of %s names neither a service nor a counter", ErrInvalid, id)
	}
	if to.Service != "" {
		if err := checkService(to.Service); err != nil {
			return Ticket{}, err
		}
	}
	if to.Counter != 0 {
		if err := checkCounter(to.Counter); err != nil {
			return Ticket{}, err
		}
	}
	return db.act(ctx, counter, id, staff, ActionTransfer,
		func(_ *bbolt.Tx, t *Ticket) (Action, string, func(*Ticket), error) {
			note := transferNote(t.Service, to)
			return ActionTransfer, note, func(t *Ticket) {
				if to.Service != "" {
					t.Service = to.Service
				}
				t.TargetCounter = to.Counter
			}, nil
		})
}

func transferNote(from string, to TransferTarget) string {
	note := "from " + from
	if to.Service != "" {
		note += " to service " + to.Service
	}
	if to.Counter != 0 {
		note += fmt.Sprintf(" to counter %d", to.Counter)
	}
	return note
}

// TransitionHook is called inside the write transaction that logs a ticket
// transition, with the ticket after the transition (tr is the last entry
// of its History) and tr carrying its queue event sequence number. An
// error from the hook rolls the whole transaction back. A hook may keep
// its own buckets in tx, for example per-day report aggregates that must
// never miss or double-count a transition, but must not write this
// package's buckets.
type TransitionHook func(tx *bbolt.Tx, t Ticket, tr Transition) error

// OnTransition sets the hook run for every ticket transition from now on,
// replacing any earlier one. Nil removes it.
func (db *DB) OnTransition(hook TransitionHook) {
	db.hook.Store(&hook)
}

func (db *DB) runHook(tx *bbolt.Tx, t Ticket, tr Transition) error {
	hook := db.hook.Load()
	if hook == nil || *hook == nil {
		return nil
	}
	if err := (*hook)(tx, t, tr); err != nil {
		return fmt.Errorf("store: transition hook on %s %s: %w", tr.Action, t.Number, err)
	}
	return nil
}
