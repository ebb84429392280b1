package reception

import (
	"context"
	"testing"
	"time"

	"frontdesk/store"
)

// startBoard runs a board on db and returns its states and announced calls.
func startBoard(t *testing.T, db *store.DB, clock *fakeClock, cfg Config) (*Board, <-chan BoardState, <-chan Call) {
	t.Helper()
	states := make(chan BoardState, 100)
	calls := make(chan Call, 100)
	b := NewBoard(db, cfg, BoardOptions{
		Clock:    clock,
		OnChange: func(s BoardState) { states <- s },
		Announce: func(c Call) { calls <- c },
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	// The first state comes after Run has read the change feed.
	waitFor(t, states, "first board state", func(BoardState) bool { return true })
	return b, states, calls
}

func callNext(t *testing.T, db *store.DB, counter int, services ...string) store.Ticket {
	t.Helper()
	tk, err := db.CallNext(context.Background(), counter, services, "amal", store.PriorityRule{})
	if err != nil {
		t.Fatalf("call next at counter %d: %v", counter, err)
	}
	return tk
}

func TestBoardHighlightsNewCall(t *testing.T) {
	clock := newFakeClock()
	db := openStore(t, clock, store.QueueConfig{})
	issueTickets(t, db, clock, "social-assistance", 3)
	cfg := testConfig()
	_, states, calls := startBoard(t, db, clock, cfg)

	// The fake clock stands still, so the board learns of the call from
	// the store's change feed and not from its periodic refresh.
	tk := callNext(t, db, 3, "social-assistance")
	got := waitFor(t, states, "the call on the board", func(s BoardState) bool { return len(s.Current) == 1 })
	if got.Current[0].Number != tk.Number {
		t.Errorf("current call %s, want %s", got.Current[0].Number, tk.Number)
	}
	if got.Current[0].Counter != 3 {
		t.Errorf("current call at counter %d, want 3", got.Current[0].Counter)
	}
	if !got.Current[0].Highlight {
		t.Error("new call is not highlighted")
	}
	if c := <-calls; c.Number != tk.Number || c.Counter != 3 {
		t.Errorf("announced %s at counter %d, want %s at 3", c.Number, c.Counter, tk.Number)
	}

	clock.Advance(cfg.HighlightFor - time.Second)
	select {
	case s := <-states:
		t.Errorf("state changed before the highlight ended: %+v", s.Current)
	case <-time.After(50 * time.Millisecond):
	}
	clock.Advance(time.Second)
	waitFor(t, states, "the highlight to end", func(s BoardState) bool {
		return len(s.Current) == 1 && !s.Current[0].Highlight
	})
}

func TestBoardRecallHighlightsAgain(t *testing.T) {
	clock := newFakeClock()
	db := openStore(t, clock, store.QueueConfig{})
	issueTickets(t, db, clock, "social-assistance", 1)
	cfg := testConfig()
	_, states, calls := startBoard(t, db, clock, cfg)

	tk := callNext(t, db, 1, "social-assistance")
	<-calls
	clock.Advance(cfg.HighlightFor)
	waitFor(t, states, "the highlight to end", func(s BoardState) bool {
		return len(s.Current) == 1 && !s.Current[0].Highlight
	})

	if _, err := db.Recall(context.Background(), 1, tk.ID, "amal"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, states, "the recall highlighted", func(s BoardState) bool {
		return len(s.Current) == 1 && s.Current[0].Highlight
	})
	if c := <-calls; !c.Recall {
		t.Errorf("announced %+v, want a recall", c)
	}
}

func TestBoardIgnoresEarlierCalls(t *testing.T) {
	clock := newFakeClock()
	db := openStore(t, clock, store.QueueConfig{})
	issueTickets(t, db, clock, "social-assistance", 2)
	tk := callNext(t, db, 2, "social-assistance")

	b, _, calls := startBoard(t, db, clock, testConfig())
	s := b.State()
	if len(s.Current) != 1 || s.Current[0].Number != tk.Number {
		t.Fatalf("current calls %+v, want %s", s.Current, tk.Number)
	}
	if s.Current[0].Highlight {
		t.Error("a call made before the board started is highlighted")
	}
	select {
	case c := <-calls:
		t.Errorf("announced %s, made before the board started", c.Number)
	default:
	}
}

func TestBoardAnnouncesQuickCallsInOrder(t *testing.T) {
	clock := newFakeClock()
	db := openStore(t, clock, store.QueueConfig{})
	issueTickets(t, db, clock, "social-assistance", 4)
	_, _, calls := startBoard(t, db, clock, testConfig())

	var want []string
	for counter := 1; counter <= 4; counter++ {
		want = append(want, callNext(t, db, counter, "social-assistance").Number)
	}
	for i, w := range want {
		c := waitFor(t, calls, "announcement "+w, func(Call) bool { return true })
		if c.Number != w {
			t.Errorf("announcement %d is %s, want %s", i, c.Number, w)
		}
	}
}

func TestBoardRecentAndWaiting(t *testing.T) {
	clock := newFakeClock()
	db := openStore(t, clock, store.QueueConfig{})
	issueTickets(t, db, clock, "social-assistance", 9)
	issueTickets(t, db, clock, "inquiries", 2)
	ctx := context.Background()
	var numbers []string
	for range 8 {
		clock.Advance(time.Minute)
		tk := callNext(t, db, 1, "social-assistance")
		numbers = append(numbers, tk.Number)
		// A recall must not list the ticket twice.
		if _, err := db.Recall(ctx, 1, tk.ID, "amal"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Complete(ctx, 1, tk.ID, "amal"); err != nil {
			t.Fatal(err)
		}
	}

	b, _, _ := startBoard(t, db, clock, testConfig())
	s := b.State()
	if len(s.Current) != 0 {
		t.Errorf("current calls %+v after every visit completed, want none", s.Current)
	}
	if len(s.Recent) != DefaultRecentCalls {
		t.Fatalf("recent calls %d, want %d", len(s.Recent), DefaultRecentCalls)
	}
	for i, c := range s.Recent {
		if want := numbers[len(numbers)-1-i]; c.Number != want {
			t.Errorf("recent call %d is %s, want %s", i, c.Number, want)
		}
	}

	wantWaiting := map[string]int{"social-assistance": 1, "complaints-suggestions": 0, "inquiries": 2}
	if len(s.Waiting) != len(testServices) {
		t.Fatalf("waiting lists %d services, want %d", len(s.Waiting), len(testServices))
	}
	for i, w := range s.Waiting {
		if w.Service.ID != testServices[i].ID {
			t.Errorf("waiting row %d is %s, want %s (configured order)", i, w.Service.ID, testServices[i].ID)
		}
		if w.Count != wantWaiting[w.Service.ID] {
			t.Errorf("%s: %d waiting, want %d", w.Service.ID, w.Count, wantWaiting[w.Service.ID])
		}
	}
}

func TestBoardDropsYesterdaysCalls(t *testing.T) {
	clock := newFakeClock()
	db := openStore(t, clock, store.QueueConfig{})
	issueTickets(t, db, clock, "social-assistance", 1)
	callNext(t, db, 1, "social-assistance")
	clock.Advance(24 * time.Hour)

	b, _, _ := startBoard(t, db, clock, testConfig())
	s := b.State()
	if len(s.Current) != 0 {
		t.Errorf("current calls %+v, want yesterday's left out", s.Current)
	}
	if len(s.Recent) != 0 {
		t.Errorf("recent calls %+v, want yesterday's left out", s.Recent)
	}
}
