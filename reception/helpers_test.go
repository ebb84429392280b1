package reception

import (
	"context"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"frontdesk/store"
)

// testStart is 09:00 in Dubai on a working day.
var testStart = time.Date(2026, 12, 4, 5, 0, 0, 0, time.UTC)

// fakeClock moves only when a test calls Advance, and fires the channels
// of After whose time has come.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeWaiter
}

type fakeWaiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: testStart} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, fakeWaiter{at: c.now.Add(d), ch: ch})
	return ch
}

// Advance moves the clock by d and fires the timers that are due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	sort.Slice(c.waiters, func(i, j int) bool { return c.waiters[i].at.Before(c.waiters[j].at) })
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at.After(c.now) {
			kept = append(kept, w)
			continue
		}
		w.ch <- c.now
	}
	c.waiters = kept
}

// Waiters returns how many After channels have not fired.
func (c *fakeClock) Waiters() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.waiters)
}

// openStore opens a real store file in a temporary directory, on clock.
func openStore(t testing.TB, clock *fakeClock, queue store.QueueConfig) *store.DB {
	t.Helper()
	db, err := store.Open(store.Config{
		Path:     filepath.Join(t.TempDir(), "frontdesk.db"),
		Site:     "S1",
		Terminal: "D1",
		NoSync:   true,
		Now:      clock.Now,
		Queue:    queue,
	})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// testServices are three of the hall's services.
var testServices = []Service{
	{ID: "social-assistance", Letter: "A", NameAR: "المساعدات الاجتماعية", NameEN: "Social Assistance"},
	{ID: "complaints-suggestions", Letter: "S", NameAR: "الشكاوى والاقتراحات", NameEN: "Complaints and Suggestions"},
	{ID: "inquiries", Letter: "I", NameAR: "الاستفسارات العامة", NameEN: "General Inquiries"},
}

func testConfig() Config {
	cfg := DefaultConfig()
	cfg.Services = testServices
	return cfg
}

// issueTickets issues n tickets of a service, one second apart on clock.
func issueTickets(t testing.TB, db *store.DB, clock *fakeClock, service string, n int) []store.Ticket {
	t.Helper()
	letter := "A"
	for _, s := range testServices {
		if s.ID == service {
			letter = s.Letter
		}
	}
	var tickets []store.Ticket
	for range n {
		clock.Advance(time.Second)
		tk, err := db.IssueTicket(context.Background(), store.NewTicket{Service: service, Letter: letter, Lang: "ar"})
		if err != nil {
			t.Fatalf("issue %s ticket: %v", service, err)
		}
		tickets = append(tickets, tk)
	}
	return tickets
}

// waitFor returns the first value from ch that ok accepts. It fails the
// test after a generous real-time limit, which only stops a hung test.
func waitFor[T any](t *testing.T, ch <-chan T, what string, ok func(T) bool) T {
	t.Helper()
	limit := time.After(10 * time.Second)
	for {
		select {
		case v := <-ch:
			if ok(v) {
				return v
			}
		case <-limit:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
