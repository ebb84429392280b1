package reception

import (
	"context"
	"slices"
	"sync"
	"time"

	"frontdesk/store"
)

// HallQueue is the part of the store that the hall display reads. *store.DB
// satisfies it.
type HallQueue interface {
	// Changes returns the last queue event's sequence number and a channel
	// closed at the next event.
	Changes() (uint64, <-chan struct{})
	CurrentCalls() ([]store.Ticket, error)
	RecentCalls(n int) ([]store.Transition, error)
	QueueEvents(after uint64, limit int) ([]store.Transition, error)
	Waiting(day string) (map[string]int, error)
	BusinessDay(t time.Time) string
}

// Call is one call of a ticket to a counter, as the hall display shows it.
type Call struct {
	Seq      uint64 // queue event sequence number
	TicketID string
	Number   string
	Counter  int
	Service  string
	At       time.Time
	// Recall is true when the number was called again.
	Recall bool
	// Highlight is true for a few seconds after the call.
	Highlight bool
}

// Waiting is how many tickets of one service wait.
type Waiting struct {
	Service Service
	Count   int
}

// BoardState is the state the hall display draws.
type BoardState struct {
	Day string
	// Current holds the ticket each counter has called, newest call first.
	Current []Call
	// Recent holds the latest calls of the day, one per ticket, newest
	// first, at most Config.RecentCalls.
	Recent []Call
	// Waiting lists every configured service in the configured order.
	Waiting []Waiting
	// Announcing is the call being announced, when Announced is true.
	Announcing Call
	Announced  bool
	// Err is the error of the last read of the store, nil when it worked.
	// The board keeps showing the previous figures meanwhile.
	Err error
}

// BoardOptions configures NewBoard.
type BoardOptions struct {
	// Clock defaults to SystemClock.
	Clock Clock
	// OnChange receives the new state after every change, from Run's
	// goroutine. A Fyne screen wraps it in fyne.Do.
	OnChange func(BoardState)
	// Announce receives each new call once, in the order they were made,
	// for example Announcer.Announce.
	Announce func(Call)
}

// boardRefresh is how often the board reads the store without a change,
// so the waiting counts move to the new business day after midnight.
const boardRefresh = time.Minute

// maxEventsRead bounds one read of the queue event log.
const maxEventsRead = 500

// Board is the hall display's presenter: it follows the store's change
// feed, keeps the current and recent calls and the waiting counts, and
// highlights and announces each new call.
type Board struct {
	q    HallQueue
	cfg  Config
	opts BoardOptions

	mu        sync.Mutex // guards the fields below and opts' callbacks
	state     BoardState
	lastSeq   uint64               // last queue event read
	highlight map[string]time.Time // ticket id -> end of its highlight
}

// NewBoard returns the board of the hall. Start it with Run.
func NewBoard(q HallQueue, cfg Config, opts BoardOptions) *Board {
	if opts.Clock == nil {
		opts.Clock = SystemClock{}
	}
	if cfg.RecentCalls <= 0 {
		cfg.RecentCalls = DefaultRecentCalls
	}
	if cfg.HighlightFor <= 0 {
		cfg.HighlightFor = DefaultHighlightFor
	}
	return &Board{q: q, cfg: cfg, opts: opts, highlight: map[string]time.Time{}}
}

// State returns the current state.
func (b *Board) State() BoardState {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.state
}

// SetAnnouncing shows c as the call being announced (ok true) or clears it.
// Pass it as AnnouncerOptions.OnChange.
func (b *Board) SetAnnouncing(c Call, ok bool) {
	b.mu.Lock()
	b.state.Announcing, b.state.Announced = c, ok
	state := b.state
	b.mu.Unlock()
	b.report(state)
}

// Run follows the store until ctx is done and returns ctx's error. Calls
// made before Run starts are shown but neither highlighted nor announced.
func (b *Board) Run(ctx context.Context) error {
	seq, changed := b.q.Changes()
	b.mu.Lock()
	b.lastSeq = seq
	b.mu.Unlock()
	b.refresh()

	for {
		wait := boardRefresh
		if until, ok := b.nextExpiry(); ok && until < wait {
			wait = until
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-changed:
			_, changed = b.q.Changes()
			b.readEvents()
		case <-b.opts.Clock.After(wait):
		}
		b.refresh()
	}
}

// readEvents reads the queue events since the last one seen, highlights
// every new call and hands it to Announce in order.
func (b *Board) readEvents() {
	for {
		b.mu.Lock()
		after := b.lastSeq
		b.mu.Unlock()
		events, err := b.q.QueueEvents(after, maxEventsRead)
		if err != nil {
			b.setErr(err)
			return
		}
		for _, ev := range events {
			b.take(ev)
		}
		if len(events) < maxEventsRead {
			return
		}
	}
}

func (b *Board) take(ev store.Transition) {
	now := b.opts.Clock.Now()
	b.mu.Lock()
	b.lastSeq = max(b.lastSeq, ev.Seq)
	isCall := isCallAction(ev.Action)
	if isCall {
		b.highlight[ev.TicketID] = now.Add(b.cfg.HighlightFor)
	}
	announce := b.opts.Announce
	b.mu.Unlock()
	if isCall && announce != nil {
		announce(callOf(ev))
	}
}

func isCallAction(a store.Action) bool {
	return a == store.ActionCall || a == store.ActionRecall || a == store.ActionResume
}

func callOf(tr store.Transition) Call {
	return Call{Seq: tr.Seq, TicketID: tr.TicketID, Number: tr.Number, Counter: tr.Counter,
		Service: tr.Service, At: tr.At, Recall: tr.Action == store.ActionRecall}
}

// nextExpiry returns how long until the next highlight ends.
func (b *Board) nextExpiry() (time.Duration, bool) {
	now := b.opts.Clock.Now()
	b.mu.Lock()
	defer b.mu.Unlock()
	var next time.Duration
	found := false
	for _, until := range b.highlight {
		// A highlight already over still needs a refresh to end it.
		if d := max(until.Sub(now), 0); !found || d < next {
			next, found = d, true
		}
	}
	return next, found
}

// refresh reads the current calls, the recent calls and the waiting counts
// and reports the new state.
func (b *Board) refresh() {
	now := b.opts.Clock.Now()
	day := b.q.BusinessDay(now)
	b.mu.Lock()
	for id, until := range b.highlight {
		if !until.After(now) {
			delete(b.highlight, id)
		}
	}
	b.mu.Unlock()

	current, err := b.currentCalls(day)
	if err != nil {
		b.setErr(err)
		return
	}
	recent, err := b.recentCalls(day)
	if err != nil {
		b.setErr(err)
		return
	}
	counts, err := b.q.Waiting(day)
	if err != nil {
		b.setErr(err)
		return
	}

	b.mu.Lock()
	for i := range current {
		current[i].Highlight = !b.highlight[current[i].TicketID].IsZero()
	}
	for i := range recent {
		recent[i].Highlight = !b.highlight[recent[i].TicketID].IsZero()
	}
	b.state.Day, b.state.Current, b.state.Recent = day, current, recent
	b.state.Waiting = b.waiting(counts)
	b.state.Err = nil
	state := b.state
	b.mu.Unlock()
	b.report(state)
}

func (b *Board) currentCalls(day string) ([]Call, error) {
	tickets, err := b.q.CurrentCalls()
	if err != nil {
		return nil, err
	}
	var calls []Call
	for _, t := range tickets {
		last, ok := lastCall(t)
		if !ok || b.q.BusinessDay(last.At) != day {
			// A ticket left called since an earlier day is not shown.
			continue
		}
		last.TicketID, last.Number = t.ID, t.Number
		calls = append(calls, callOf(last))
	}
	slices.SortFunc(calls, func(x, y Call) int { return y.At.Compare(x.At) })
	return calls, nil
}

// lastCall returns the ticket's latest call, recall or resume.
func lastCall(t store.Ticket) (store.Transition, bool) {
	for i := len(t.History) - 1; i >= 0; i-- {
		if isCallAction(t.History[i].Action) {
			return t.History[i], true
		}
	}
	return store.Transition{}, false
}

func (b *Board) recentCalls(day string) ([]Call, error) {
	// Recalls repeat a ticket, so read more events than the board lists.
	events, err := b.q.RecentCalls(4 * b.cfg.RecentCalls)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var calls []Call
	for _, ev := range events {
		if seen[ev.TicketID] || b.q.BusinessDay(ev.At) != day {
			continue
		}
		seen[ev.TicketID] = true
		calls = append(calls, callOf(ev))
		if len(calls) == b.cfg.RecentCalls {
			break
		}
	}
	return calls, nil
}

func (b *Board) waiting(counts map[string]int) []Waiting {
	list := make([]Waiting, 0, len(b.cfg.Services))
	for _, s := range b.cfg.Services {
		list = append(list, Waiting{Service: s, Count: counts[s.ID]})
	}
	return list
}

func (b *Board) setErr(err error) {
	b.mu.Lock()
	b.state.Err = err
	state := b.state
	b.mu.Unlock()
	b.report(state)
}

// SetOnChange replaces BoardOptions.OnChange, for a screen made after the
// presenter.
func (b *Board) SetOnChange(fn func(BoardState)) {
	b.mu.Lock()
	b.opts.OnChange = fn
	b.mu.Unlock()
}

// SetAnnounce replaces BoardOptions.Announce.
func (b *Board) SetAnnounce(fn func(Call)) {
	b.mu.Lock()
	b.opts.Announce = fn
	b.mu.Unlock()
}

func (b *Board) report(state BoardState) {
	b.mu.Lock()
	fn := b.opts.OnChange
	b.mu.Unlock()
	if fn != nil {
		fn(state)
	}
}
