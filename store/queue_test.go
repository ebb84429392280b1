package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

// fakeClock advances by Advance, and by step on every reading.
type fakeClock struct {
	mu   sync.Mutex
	now  time.Time
	step time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now
	c.now = c.now.Add(c.step)
	return now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func openClocked(t testing.TB, step time.Duration) (*DB, *fakeClock) {
	clock := &fakeClock{now: testDay, step: step}
	cfg := testConfig(t)
	cfg.Now = clock.Now
	return openTest(t, cfg), clock
}

func issueAt(t testing.TB, db *DB, service, letter string, p Priority) Ticket {
	t.Helper()
	tk, err := db.IssueTicket(context.Background(), NewTicket{Service: service, Letter: letter, Lang: "ar", Priority: p})
	if err != nil {
		t.Fatalf("IssueTicket(%s): %v", service, err)
	}
	return tk
}

// doAction runs one queue action by name at counter.
func doAction(db *DB, counter int, id, action string) (Ticket, error) {
	ctx := context.Background()
	switch action {
	case "call":
		return db.CallNext(ctx, counter, []string{"social-assistance"}, "amal", PriorityRule{})
	case "recall":
		return db.Recall(ctx, counter, id, "amal")
	case "hold":
		return db.Hold(ctx, counter, id, "amal")
	case "resume":
		return db.Resume(ctx, counter, id, "amal")
	case "no-show":
		return db.NoShow(ctx, counter, id, "amal")
	case "complete":
		return db.Complete(ctx, counter, id, "amal")
	case "transfer":
		return db.Transfer(ctx, counter, id, "amal", TransferTarget{Service: "home-care"})
	}
	panic("unknown action " + action)
}

func TestTicketStateMachine(t *testing.T) {
	tests := []struct {
		name    string
		before  []string // actions that bring the ticket to its start state
		action  string
		want    TicketState
		wantErr error
	}{
		{"call waiting", nil, "call", StateCalled, nil},
		{"recall called", []string{"call"}, "recall", StateCalled, nil},
		{"hold called", []string{"call"}, "hold", StateHeld, nil},
		{"resume held", []string{"call", "hold"}, "resume", StateCalled, nil},
		{"complete called", []string{"call"}, "complete", StateCompleted, nil},
		{"no-show called", []string{"call"}, "no-show", StateNoShow, nil},
		{"no-show held", []string{"call", "hold"}, "no-show", StateNoShow, nil},
		{"transfer called", []string{"call"}, "transfer", StateTransferred, nil},
		{"transfer held", []string{"call", "hold"}, "transfer", StateTransferred, nil},
		{"complete waiting", nil, "complete", "", ErrInvalidTransition},
		{"recall waiting", nil, "recall", "", ErrInvalidTransition},
		{"hold waiting", nil, "hold", "", ErrInvalidTransition},
		{"complete held", []string{"call", "hold"}, "complete", "", ErrInvalidTransition},
		{"recall held", []string{"call", "hold"}, "recall", "", ErrInvalidTransition},
		{"resume called", []string{"call"}, "resume", "", ErrInvalidTransition},
		{"complete completed", []string{"call", "complete"}, "complete", "", ErrInvalidTransition},
		{"recall no-show", []string{"call", "no-show"}, "recall", "", ErrInvalidTransition},
		{"transfer completed", []string{"call", "complete"}, "transfer", "", ErrInvalidTransition},
		{"hold transferred", []string{"call", "transfer"}, "hold", "", ErrInvalidTransition},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openClocked(t, time.Second)
			tk := issueAt(t, db, "social-assistance", "A", PriorityNone)
			for _, a := range tc.before {
				if _, err := doAction(db, 1, tk.ID, a); err != nil {
					t.Fatalf("setup %s: %v", a, err)
				}
			}
			before, err := db.Ticket(tk.ID)
			if err != nil {
				t.Fatal(err)
			}

			got, err := doAction(db, 1, tk.ID, tc.action)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				for _, name := range []string{"A-001", string(before.State)} {
					if !strings.Contains(err.Error(), name) {
						t.Errorf("error %q does not name %q", err, name)
					}
				}
				after, _ := db.Ticket(tk.ID)
				if after.State != before.State || len(after.History) != len(before.History) {
					t.Errorf("rejected %s changed the ticket: %s -> %s", tc.action, before.State, after.State)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", tc.action, err)
			}
			if got.State != tc.want {
				t.Errorf("state = %s, want %s", got.State, tc.want)
			}
			last := got.History[len(got.History)-1]
			if last.From != before.State || last.To != tc.want || last.Counter != 1 || last.Staff != "amal" {
				t.Errorf("last transition %+v, want %s -> %s at counter 1 by amal", last, before.State, tc.want)
			}
		})
	}
}

func TestCallNextOrder(t *testing.T) {
	type issueStep struct {
		service, letter string
		priority        Priority
	}
	sa, hc := "social-assistance", "home-care"
	tests := []struct {
		name     string
		issues   []issueStep
		services []string
		rule     PriorityRule
		want     []string // numbers in call order
	}{
		{"oldest first", []issueStep{{sa, "A", ""}, {sa, "A", ""}, {sa, "A", ""}},
			[]string{sa}, PriorityRule{}, []string{"A-001", "A-002", "A-003"}},
		{"oldest across services", []issueStep{{hc, "H", ""}, {sa, "A", ""}, {hc, "H", ""}},
			[]string{sa, hc}, PriorityRule{}, []string{"H-001", "A-001", "H-002"}},
		{"only own services", []issueStep{{hc, "H", ""}, {sa, "A", ""}},
			[]string{sa}, PriorityRule{}, []string{"A-001"}},
		{"priority strictly first",
			[]issueStep{{sa, "A", ""}, {sa, "A", ""}, {sa, "A", PrioritySenior}, {sa, "A", PriorityDetermination}},
			[]string{sa}, PriorityRule{}, []string{"A-003", "A-004", "A-001", "A-002"}},
		{"one priority every three calls",
			[]issueStep{{sa, "A", ""}, {sa, "A", ""}, {sa, "A", ""}, {sa, "A", ""},
				{sa, "A", PrioritySenior}, {sa, "A", PrioritySenior}},
			[]string{sa}, PriorityRule{Every: 3},
			[]string{"A-001", "A-002", "A-005", "A-003", "A-004", "A-006"}},
		{"priority when no other waits", []issueStep{{sa, "A", PrioritySenior}},
			[]string{sa}, PriorityRule{Every: 5}, []string{"A-001"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openClocked(t, time.Second)
			for _, s := range tc.issues {
				issueAt(t, db, s.service, s.letter, s.priority)
			}
			var got []string
			for {
				tk, err := db.CallNext(context.Background(), 1, tc.services, "amal", tc.rule)
				if errors.Is(err, ErrQueueEmpty) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, tk.Number)
				if _, err := db.Complete(context.Background(), 1, tk.ID, "amal"); err != nil {
					t.Fatal(err)
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("call order %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCallNextBusyCounter(t *testing.T) {
	db, _ := openClocked(t, time.Second)
	issueAt(t, db, "social-assistance", "A", PriorityNone)
	issueAt(t, db, "social-assistance", "A", PriorityNone)
	services := []string{"social-assistance"}
	first, err := db.CallNext(context.Background(), 1, services, "amal", PriorityRule{})
	if err != nil {
		t.Fatal(err)
	}

	_, err = db.CallNext(context.Background(), 1, services, "amal", PriorityRule{})
	if !errors.Is(err, ErrCounterBusy) {
		t.Fatalf("second call at a busy counter: err = %v, want ErrCounterBusy", err)
	}
	if !strings.Contains(err.Error(), "A-001") {
		t.Errorf("error %q does not name the ticket being served", err)
	}

	// Holding frees the counter, and resuming needs it free again.
	if _, err := db.Hold(context.Background(), 1, first.ID, "amal"); err != nil {
		t.Fatal(err)
	}
	second, err := db.CallNext(context.Background(), 1, services, "amal", PriorityRule{})
	if err != nil {
		t.Fatalf("call after hold: %v", err)
	}
	if _, err := db.Resume(context.Background(), 1, first.ID, "amal"); !errors.Is(err, ErrCounterBusy) {
		t.Errorf("resume at a busy counter: err = %v, want ErrCounterBusy", err)
	}
	if _, err := db.Complete(context.Background(), 1, second.ID, "amal"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Resume(context.Background(), 1, first.ID, "amal"); err != nil {
		t.Errorf("resume at a free counter: %v", err)
	}
}

func TestCallNextEmptyAndOldDays(t *testing.T) {
	db, clock := openClocked(t, time.Second)
	services := []string{"social-assistance"}
	_, err := db.CallNext(context.Background(), 1, services, "amal", PriorityRule{})
	if !errors.Is(err, ErrQueueEmpty) {
		t.Fatalf("empty queue: err = %v, want ErrQueueEmpty", err)
	}

	// A ticket left waiting yesterday is not called today.
	issueAt(t, db, "social-assistance", "A", PriorityNone)
	clock.Advance(24 * time.Hour)
	_, err = db.CallNext(context.Background(), 1, services, "amal", PriorityRule{})
	if !errors.Is(err, ErrQueueEmpty) {
		t.Errorf("yesterday's ticket: err = %v, want ErrQueueEmpty", err)
	}
}

func TestActionsOnlyByHoldingCounter(t *testing.T) {
	actions := []string{"recall", "hold", "no-show", "complete", "transfer"}
	for _, action := range actions {
		t.Run(action, func(t *testing.T) {
			db, _ := openClocked(t, time.Second)
			issueAt(t, db, "social-assistance", "A", PriorityNone)
			called, err := doAction(db, 1, "", "call")
			if err != nil {
				t.Fatal(err)
			}
			_, err = doAction(db, 2, called.ID, action)
			if !errors.Is(err, ErrWrongCounter) {
				t.Fatalf("%s from counter 2: err = %v, want ErrWrongCounter", action, err)
			}
			for _, want := range []string{"A-001", "counter 1", "counter 2"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not name %q", err, want)
				}
			}
			after, _ := db.Ticket(called.ID)
			if after.State != StateCalled || after.Counter != 1 {
				t.Errorf("ticket changed to %s at counter %d", after.State, after.Counter)
			}
		})
	}
}

func TestRecallLimitMarksNoShow(t *testing.T) {
	tests := []struct {
		name       string
		maxRecalls int
		recalls    int
		want       TicketState
		wantCalls  int
	}{
		{"below limit", 2, 2, StateCalled, 3},
		{"past limit", 2, 3, StateNoShow, 3},
		{"default limit", 0, DefaultMaxRecalls + 1, StateNoShow, DefaultMaxRecalls + 1},
		{"no limit", -1, 10, StateCalled, 11},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(t)
			cfg.Queue.MaxRecalls = tc.maxRecalls
			db := openTest(t, cfg)
			issueAt(t, db, "social-assistance", "A", PriorityNone)
			tk, err := doAction(db, 1, "", "call")
			if err != nil {
				t.Fatal(err)
			}
			for range tc.recalls {
				if tk, err = db.Recall(context.Background(), 1, tk.ID, "amal"); err != nil {
					t.Fatal(err)
				}
			}
			if tk.State != tc.want {
				t.Errorf("state after %d recalls = %s, want %s", tc.recalls, tk.State, tc.want)
			}
			if tk.Calls != tc.wantCalls {
				t.Errorf("calls = %d, want %d", tk.Calls, tc.wantCalls)
			}
		})
	}
}

func TestTransferKeepsArrival(t *testing.T) {
	db, _ := openClocked(t, time.Minute)
	ctx := context.Background()
	early := issueAt(t, db, "social-assistance", "A", PriorityNone)
	issueAt(t, db, "home-care", "H", PriorityNone)
	issueAt(t, db, "home-care", "H", PriorityNone)

	called, err := db.CallNext(ctx, 1, []string{"social-assistance"}, "amal", PriorityRule{})
	if err != nil || called.ID != early.ID {
		t.Fatalf("call = %s, %v; want %s", called.Number, err, early.Number)
	}
	moved, err := db.Transfer(ctx, 1, early.ID, "amal", TransferTarget{Service: "home-care"})
	if err != nil {
		t.Fatal(err)
	}
	if moved.State != StateTransferred || moved.Service != "home-care" || !moved.IssuedAt.Equal(early.IssuedAt) {
		t.Errorf("transferred ticket %s %s issued %v; want transferred home-care issued %v",
			moved.State, moved.Service, moved.IssuedAt, early.IssuedAt)
	}
	waiting, _ := db.Waiting("2026-12-04")
	if waiting["home-care"] != 3 || waiting["social-assistance"] != 0 {
		t.Errorf("waiting after transfer = %v, want home-care 3", waiting)
	}

	// The home-care counter calls the transferred ticket before the two
	// home-care tickets that arrived after it.
	next, err := db.CallNext(ctx, 2, []string{"home-care"}, "badr", PriorityRule{})
	if err != nil {
		t.Fatal(err)
	}
	if next.ID != early.ID {
		t.Errorf("home-care counter called %s, want the transferred %s", next.Number, early.Number)
	}
	if next.Calls != 2 || !next.FirstCalledAt.Equal(called.FirstCalledAt) {
		t.Errorf("calls %d, first called %v; want 2 and the first call's time", next.Calls, next.FirstCalledAt)
	}
}

func TestTransferToCounter(t *testing.T) {
	db, _ := openClocked(t, time.Minute)
	ctx := context.Background()
	services := []string{"social-assistance"}
	tk := issueAt(t, db, "social-assistance", "A", PriorityNone)
	if _, err := db.CallNext(ctx, 1, services, "amal", PriorityRule{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Transfer(ctx, 1, tk.ID, "amal", TransferTarget{Counter: 3}); err != nil {
		t.Fatal(err)
	}

	// Counter 2 serves the same service but the ticket is for counter 3.
	if _, err := db.CallNext(ctx, 2, services, "badr", PriorityRule{}); !errors.Is(err, ErrQueueEmpty) {
		t.Errorf("counter 2: err = %v, want ErrQueueEmpty", err)
	}
	// Counter 3 calls it even though it serves other services.
	got, err := db.CallNext(ctx, 3, []string{"inquiries"}, "chen", PriorityRule{})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != tk.ID || got.Counter != 3 || got.TargetCounter != 0 {
		t.Errorf("counter 3 called %s at counter %d target %d; want %s at 3, target cleared",
			got.Number, got.Counter, got.TargetCounter, tk.Number)
	}

	if _, err := db.Transfer(ctx, 3, tk.ID, "chen", TransferTarget{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("transfer to nowhere: err = %v, want ErrInvalid", err)
	}
}

func TestHistoryGivesWaitAndServiceTime(t *testing.T) {
	db, clock := openClocked(t, 0)
	ctx := context.Background()
	tk := issueAt(t, db, "social-assistance", "A", PriorityNone)
	clock.Advance(7 * time.Minute)
	if _, err := db.CallNext(ctx, 4, []string{"social-assistance"}, "amal", PriorityRule{}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(12 * time.Minute)
	done, err := db.Complete(ctx, 4, tk.ID, "amal")
	if err != nil {
		t.Fatal(err)
	}

	if wait := done.FirstCalledAt.Sub(done.IssuedAt); wait != 7*time.Minute {
		t.Errorf("waiting time = %v, want 7m", wait)
	}
	if service := done.CompletedAt.Sub(done.FirstCalledAt); service != 12*time.Minute {
		t.Errorf("service time = %v, want 12m", service)
	}
	wantActions := []Action{ActionIssue, ActionCall, ActionComplete}
	if len(done.History) != len(wantActions) {
		t.Fatalf("history has %d transitions, want %d", len(done.History), len(wantActions))
	}
	for i, tr := range done.History {
		if tr.Action != wantActions[i] {
			t.Errorf("history[%d] = %s, want %s", i, tr.Action, wantActions[i])
		}
		if i > 0 && (tr.Counter != 4 || tr.Staff != "amal") {
			t.Errorf("history[%d] at counter %d by %q, want counter 4 by amal", i, tr.Counter, tr.Staff)
		}
	}
}

func TestChangesAndDisplayReads(t *testing.T) {
	db, _ := openClocked(t, time.Second)
	ctx := context.Background()
	v0, changed := db.Changes()
	select {
	case <-changed:
		t.Fatal("changes channel closed before any change")
	default:
	}

	tk := issueAt(t, db, "social-assistance", "A", PriorityNone)
	select {
	case <-changed:
	case <-time.After(10 * time.Second):
		t.Fatal("no change notice after issue")
	}
	v1, changed := db.Changes()
	if v1 <= v0 {
		t.Errorf("version after issue = %d, want above %d", v1, v0)
	}

	// A rejected action commits nothing and sends no notice.
	if _, err := db.Complete(ctx, 1, tk.ID, "amal"); err == nil {
		t.Fatal("complete of a waiting ticket succeeded")
	}
	select {
	case <-changed:
		t.Error("change notice after a rejected action")
	default:
	}

	if _, err := db.CallNext(ctx, 2, []string{"social-assistance"}, "amal", PriorityRule{}); err != nil {
		t.Fatal(err)
	}
	<-changed
	current, err := db.CurrentCalls()
	if err != nil || len(current) != 1 || current[0].Number != "A-001" || current[0].Counter != 2 {
		t.Errorf("CurrentCalls = %+v, %v; want A-001 at counter 2", current, err)
	}
	if _, err := db.Recall(ctx, 2, tk.ID, "amal"); err != nil {
		t.Fatal(err)
	}
	recent, err := db.RecentCalls(6)
	if err != nil || len(recent) != 2 || recent[0].Action != ActionRecall || recent[1].Action != ActionCall {
		t.Errorf("RecentCalls = %+v, %v; want recall then call", recent, err)
	}
	events, err := db.QueueEvents(v0, 100)
	if err != nil || len(events) != 3 || events[0].Action != ActionIssue {
		t.Errorf("QueueEvents = %+v, %v; want issue, call, recall", events, err)
	}

	if _, err := db.Complete(ctx, 2, tk.ID, "amal"); err != nil {
		t.Fatal(err)
	}
	if current, _ := db.CurrentCalls(); len(current) != 0 {
		t.Errorf("CurrentCalls after complete = %d tickets, want 0", len(current))
	}
}

// TestQueueConcurrent runs four counters calling while two kiosks issue,
// then replays the committed event log and checks every call against the
// ticket that the rules pick from the queue at that moment.
func TestQueueConcurrent(t *testing.T) {
	const rounds = 1000
	rule := PriorityRule{Every: 3}
	db, _ := openClocked(t, time.Millisecond)
	ctx := context.Background()
	kiosks := []struct{ service, letter string }{{"social-assistance", "A"}, {"home-care", "H"}}
	counters := map[int][]string{
		1: {"social-assistance"},
		2: {"home-care"},
		3: {"social-assistance", "home-care"},
		4: {"social-assistance", "home-care"},
	}

	var issuing sync.WaitGroup
	errs := make(chan error, len(kiosks)+len(counters))
	for k, kiosk := range kiosks {
		issuing.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(k), 1))
			for range rounds / len(kiosks) {
				p := PriorityNone
				if rng.IntN(4) == 0 {
					p = PrioritySenior
				}
				nt := NewTicket{Service: kiosk.service, Letter: kiosk.letter, Lang: "ar", Priority: p}
				if _, err := db.IssueTicket(ctx, nt); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	done := make(chan struct{})
	go func() { issuing.Wait(); close(done) }()

	var calling sync.WaitGroup
	for counter, services := range counters {
		calling.Go(func() {
			staff := fmt.Sprintf("staff%d", counter)
			for {
				tk, err := db.CallNext(ctx, counter, services, staff, rule)
				if errors.Is(err, ErrQueueEmpty) {
					select {
					case <-done:
						// The queue may have filled between the last call and
						// the end of issuing, so stop only on an empty queue
						// seen after issuing ended.
						if _, err := db.CallNext(ctx, counter, services, staff, rule); errors.Is(err, ErrQueueEmpty) {
							return
						} else if err != nil {
							errs <- err
							return
						}
						continue
					default:
						time.Sleep(100 * time.Microsecond)
						continue
					}
				}
				if err != nil {
					errs <- err
					return
				}
				if _, err := db.Complete(ctx, counter, tk.ID, staff); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	calling.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	// A call inside the stop check above completes nothing, so finish any
	// ticket still at a counter.
	current, err := db.CurrentCalls()
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range current {
		if _, err := db.Complete(ctx, tk.Counter, tk.ID, tk.Staff); err != nil {
			t.Fatal(err)
		}
	}

	events, err := db.QueueEvents(0, 10*rounds)
	if err != nil {
		t.Fatal(err)
	}
	replayQueue(t, db, events, counters, rule)
	tickets, err := db.Tickets("2026-12-04")
	if err != nil {
		t.Fatal(err)
	}
	if len(tickets) != rounds {
		t.Errorf("%d tickets stored, want %d", len(tickets), rounds)
	}
	for _, tk := range tickets {
		if tk.State != StateCompleted || tk.Calls != 1 {
			t.Errorf("ticket %s ended %s after %d calls, want completed after 1", tk.Number, tk.State, tk.Calls)
		}
	}
}

type replayEntry struct {
	ticket Ticket
	called bool
}

// replayQueue rebuilds the queue from the event log and checks that each
// call took the ticket that the priority rule and arrival order pick.
func replayQueue(t *testing.T, db *DB, events []Transition, counters map[int][]string, rule PriorityRule) {
	t.Helper()
	entries := make(map[string]*replayEntry)
	run := 0
	for _, ev := range events {
		switch ev.Action {
		case ActionIssue:
			tk, err := db.Ticket(ev.TicketID)
			if err != nil {
				t.Fatal(err)
			}
			entries[ev.TicketID] = &replayEntry{ticket: tk}
		case ActionCall:
			e := entries[ev.TicketID]
			if e == nil || e.called {
				t.Fatalf("event %d calls %s, which is not waiting", ev.Seq, ev.Number)
			}
			priority, normal := oldestWaiting(entries, counters[ev.Counter])
			want := normal
			if priority != nil && (normal == nil || rule.Every <= 1 || run >= rule.Every-1) {
				want = priority
			}
			if want == nil {
				t.Fatalf("event %d: counter %d called %s, the rules pick none", ev.Seq, ev.Counter, ev.Number)
			}
			if want.ID != ev.TicketID {
				t.Fatalf("event %d: counter %d called %s, the rules pick %s", ev.Seq, ev.Counter, ev.Number, want.Number)
			}
			switch {
			case want == priority:
				run = 0
			case priority != nil:
				run++
			}
			e.called = true
		}
	}
	for _, e := range entries {
		if !e.called {
			t.Errorf("ticket %s never called", e.ticket.Number)
		}
	}
}

// oldestWaiting returns the priority and the other ticket that arrived
// first among the uncalled tickets of services.
func oldestWaiting(entries map[string]*replayEntry, services []string) (priority, normal *Ticket) {
	for _, e := range entries {
		tk := &e.ticket
		if e.called || !slices.Contains(services, tk.Service) {
			continue
		}
		best := &normal
		if tk.Priority != PriorityNone {
			best = &priority
		}
		if *best == nil || tk.IssuedAt.Before((*best).IssuedAt) ||
			(tk.IssuedAt.Equal((*best).IssuedAt) && tk.ID < (*best).ID) {
			*best = tk
		}
	}
	return priority, normal
}

// BenchmarkCallNext times CallNext on a queue of waiting tickets spread
// over 26 services. Completing the called ticket and issuing its
// replacement, which keeps the queue length, is not timed. When the day's
// numbers run out, the clock moves to the next day and the queue is filled
// again, also untimed. The sub-benchmarks without fdatasync show that the
// cost does not grow with the queue.
func BenchmarkCallNext(b *testing.B) {
	cases := []struct {
		name    string
		waiting int
		sync    bool
	}{
		{"waiting=10000/fdatasync", 10000, true},
		{"waiting=10000/nosync", 10000, false},
		{"waiting=100/nosync", 100, false},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) { benchCallNext(b, tc.waiting, tc.sync) })
	}
}

func benchCallNext(b *testing.B, waiting int, sync bool) {
	db, clock := openClocked(b, time.Millisecond)
	ctx := context.Background()
	var kinds []NewTicket
	for i := range 26 {
		letter := string(rune('A' + i))
		p := PriorityNone
		if i%5 == 0 {
			p = PriorityDetermination
		}
		kinds = append(kinds, NewTicket{Service: "service-" + letter, Letter: letter, Lang: "ar", Priority: p})
	}
	var services []string
	for _, k := range kinds {
		services = append(services, k.Service)
	}
	issued := 0
	issueOne := func() error {
		_, err := db.IssueTicket(ctx, kinds[issued%len(kinds)])
		issued++
		return err
	}
	fill := func() {
		for range waiting {
			if err := issueOne(); err != nil {
				b.Fatal(err)
			}
		}
	}
	refill := func() {
		err := issueOne()
		if errors.Is(err, ErrSequenceExhausted) {
			clock.Advance(24 * time.Hour)
			fill()
			return
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	fill()
	db.Bolt().NoSync = !sync

	rule := PriorityRule{Every: 3}
	for b.Loop() {
		tk, err := db.CallNext(ctx, 1, services, "amal", rule)
		if err != nil {
			b.Fatal(err)
		}

		b.StopTimer()
		if _, err := db.Complete(ctx, 1, tk.ID, "amal"); err != nil {
			b.Fatal(err)
		}
		refill()
		b.StartTimer()
	}
}

func TestTransitionHook(t *testing.T) {
	db, _ := openClocked(t, time.Second)
	ctx := context.Background()
	var seen []string
	db.OnTransition(func(tx *bbolt.Tx, tk Ticket, tr Transition) error {
		if !tx.Writable() {
			t.Error("hook ran outside a write transaction")
		}
		last := tk.History[len(tk.History)-1]
		if last.Seq != tr.Seq || tr.Seq == 0 {
			t.Errorf("hook got transition seq %d, ticket's last is %d", tr.Seq, last.Seq)
		}
		seen = append(seen, fmt.Sprintf("%d:%s:%s", tr.Seq, tk.Number, tr.Action))
		return nil
	})
	tk := issueAt(t, db, "social-assistance", "A", PriorityNone)
	if _, err := doAction(db, 1, tk.ID, "call"); err != nil {
		t.Fatal(err)
	}
	if _, err := doAction(db, 1, tk.ID, "complete"); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(seen, " "), "1:A-001:issue 2:A-001:call 3:A-001:complete"; got != want {
		t.Errorf("hook saw %q, want %q", got, want)
	}

	// A failing hook rolls the transition back.
	boom := errors.New("aggregates full")
	db.OnTransition(func(*bbolt.Tx, Ticket, Transition) error { return boom })
	_, err := db.IssueTicket(ctx, NewTicket{Service: "social-assistance", Letter: "A", Lang: "ar"})
	if !errors.Is(err, boom) {
		t.Fatalf("issue with failing hook: err = %v, want the hook's error", err)
	}
	if tickets, _ := db.Tickets("2026-12-04"); len(tickets) != 1 {
		t.Errorf("%d tickets stored after a failed hook, want 1", len(tickets))
	}
	if v, _ := db.Changes(); v != 3 {
		t.Errorf("change version %d after a failed hook, want 3", v)
	}

	db.OnTransition(nil)
	if got := issueAt(t, db, "social-assistance", "A", PriorityNone); got.Number != "A-002" {
		t.Errorf("after removing the hook: %s, want A-002", got.Number)
	}
}
