package rating

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store"
)

var dubaiZone = dubai()

// clock is a settable fake clock shared by the store and the book.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func (c *clock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

type fixture struct {
	db    *store.DB
	book  *Book
	clock *clock
	log   []Change // changes seen by OnChange
}

// newFixture opens a real store file at 10:00 business time with a
// completed ticket (A-001 at counter 3 by staff "amna"), a ticket that was
// called but not completed (A-002 at counter 4 by "omar"), and a waiting
// ticket (B-001).
func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{clock: &clock{now: time.Date(2026, 12, 4, 10, 0, 0, 0, dubaiZone)}}
	db, err := store.Open(store.Config{Path: filepath.Join(t.TempDir(), "frontdesk.db"), Site: "S1",
		Terminal: "K1", NoSync: true, Now: f.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f.db = db

	ctx := context.Background()
	for _, nt := range []store.NewTicket{
		{Service: "assistance", Letter: "A", Lang: "ar"},
		{Service: "assistance", Letter: "A", Lang: "en"},
		{Service: "complaints", Letter: "B", Lang: "ar"},
	} {
		if _, err := db.IssueTicket(ctx, nt); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(time.Minute)
	}
	first, err := db.CallNext(ctx, 3, []string{"assistance"}, "amna", store.PriorityRule{})
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(5 * time.Minute)
	if _, err := db.Complete(ctx, 3, first.ID, "amna"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CallNext(ctx, 4, []string{"assistance"}, "omar", store.PriorityRule{}); err != nil {
		t.Fatal(err)
	}

	f.book, err = Open(db.Bolt(), db, Config{Now: f.clock.Now, OnChange: func(_ *bbolt.Tx, c Change) error {
		f.log = append(f.log, c)
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) ticketID(t *testing.T, number string) string {
	t.Helper()
	tk, err := f.db.TicketByNumber("2026-12-04", number)
	if err != nil {
		t.Fatal(err)
	}
	return tk.ID
}

func (f *fixture) count(t *testing.T) int {
	t.Helper()
	ratings, err := f.book.Ratings("2026-12-04")
	if err != nil {
		t.Fatal(err)
	}
	return len(ratings)
}

// step is one rating attempt after the clock moved by wait.
type step struct {
	wait    time.Duration
	number  string // ticket number; empty for anonymous at terminal K2
	level   Level
	reason  Reason
	outcome Outcome // expected when err is nil
	err     error
}

func TestAddRules(t *testing.T) {
	tests := []struct {
		name        string
		steps       []step
		wantRatings int   // ratings stored for the day at the end
		wantChanges int   // log entries written
		wantLevel   Level // level of the last successful step's rating
		wantOut     bool  // OutOfHours of that rating
	}{
		{"very good", []step{{number: "A-001", level: VeryGood, outcome: Stored}}, 1, 1, VeryGood, false},
		{"good", []step{{number: "A-001", level: Good, outcome: Stored}}, 1, 1, Good, false},
		{"bad with reason", []step{{number: "A-001", level: Bad, reason: ReasonWaitingTime, outcome: Stored}},
			1, 1, Bad, false},
		{"very bad", []step{{number: "A-001", level: VeryBad, outcome: Stored}}, 1, 1, VeryBad, false},
		{"double tap stores one", []step{
			{number: "A-001", level: Good, outcome: Stored},
			{wait: 150 * time.Millisecond, number: "A-001", level: Good, outcome: Repeated},
		}, 1, 1, Good, false},
		{"second within window replaces", []step{
			{number: "A-001", level: Good, outcome: Stored},
			{wait: 90 * time.Second, number: "A-001", level: Bad, outcome: Replaced},
		}, 1, 2, Bad, false},
		{"second after window rejected", []step{
			{number: "A-001", level: Good, outcome: Stored},
			{wait: DefaultReplaceWindow + time.Second, number: "A-001", level: Bad, err: ErrAlreadyRated},
		}, 1, 1, Good, false},
		{"called but not completed rejected", []step{{number: "A-002", level: VeryGood, err: ErrNotServed}},
			0, 0, 0, false},
		{"never served rejected", []step{{number: "B-001", level: Good, err: ErrNotServed}}, 0, 0, 0, false},
		{"unknown number rejected", []step{{number: "Z-999", level: Good, err: store.ErrNotFound}}, 0, 0, 0, false},
		{"reason after good rejected", []step{{number: "A-001", level: Good, reason: ReasonOther, err: ErrInvalid}},
			0, 0, 0, false},
		{"no level rejected", []step{{number: "A-001", err: ErrInvalid}}, 0, 0, 0, false},
		{"after closing flagged", []step{{wait: 10 * time.Hour, number: "A-001", level: Good, outcome: Stored}},
			1, 1, Good, true},
		{"anonymous double tap", []step{
			{level: VeryGood, outcome: Stored},
			{wait: time.Second, level: Good, outcome: Replaced},
		}, 1, 2, Good, false},
		{"anonymous citizens apart", []step{
			{level: VeryGood, outcome: Stored},
			{wait: 20 * time.Second, level: Good, outcome: Stored},
		}, 2, 2, Good, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			var last Rating
			for i, s := range tt.steps {
				f.clock.Advance(s.wait)
				nr := NewRating{Number: s.number, Level: s.level, Reason: s.reason}
				if s.number == "" {
					nr.Terminal = "K2"
				}
				r, outcome, err := f.book.Add(context.Background(), nr)
				if s.err != nil {
					if !errors.Is(err, s.err) {
						t.Fatalf("step %d: error %v, want %v", i, err, s.err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				if outcome != s.outcome {
					t.Errorf("step %d: outcome %s, want %s", i, outcome, s.outcome)
				}
				last = r
			}
			if got := f.count(t); got != tt.wantRatings {
				t.Errorf("stored ratings = %d, want %d", got, tt.wantRatings)
			}
			if len(f.log) != tt.wantChanges {
				t.Errorf("logged changes = %d, want %d", len(f.log), tt.wantChanges)
			}
			if last.Level != tt.wantLevel {
				t.Errorf("level = %s, want %s", last.Level, tt.wantLevel)
			}
			if last.OutOfHours != tt.wantOut {
				t.Errorf("out of hours = %v, want %v", last.OutOfHours, tt.wantOut)
			}
		})
	}
}

func TestAddTiesRatingToServingCounter(t *testing.T) {
	tests := []struct {
		number, service, staff string
		counter                int
	}{
		{"A-001", "assistance", "amna", 3},
	}
	for _, tt := range tests {
		t.Run(tt.number, func(t *testing.T) {
			f := newFixture(t)
			r, _, err := f.book.Add(context.Background(), NewRating{Number: tt.number, Level: Good, Terminal: "D7"})
			if err != nil {
				t.Fatal(err)
			}
			if r.Counter != tt.counter {
				t.Errorf("counter = %d, want %d", r.Counter, tt.counter)
			}
			if r.Staff != tt.staff {
				t.Errorf("staff = %q, want %q", r.Staff, tt.staff)
			}
			if r.Service != tt.service {
				t.Errorf("service = %q, want %q", r.Service, tt.service)
			}
			if r.TicketID != f.ticketID(t, tt.number) {
				t.Errorf("ticket id = %q, want %q", r.TicketID, f.ticketID(t, tt.number))
			}
			if r.IssuingTerminal != "K1" {
				t.Errorf("issuing terminal = %q, want K1", r.IssuingTerminal)
			}
			if r.Terminal != "D7" {
				t.Errorf("terminal = %q, want D7 where the rating was given", r.Terminal)
			}
		})
	}
}

func TestServiceHoursBoundaries(t *testing.T) {
	tests := []struct {
		clock string
		out   bool
	}{
		{"06:59:59", true},
		{"07:00:00", false},
		{"19:59:59", false},
		{"20:00:00", true},
		{"23:30:00", true},
	}
	for _, tt := range tests {
		t.Run(tt.clock, func(t *testing.T) {
			f := newFixture(t)
			at, err := time.ParseInLocation(time.DateTime, "2026-12-04 "+tt.clock, dubaiZone)
			if err != nil {
				t.Fatal(err)
			}
			r, _, err := f.book.Add(context.Background(), NewRating{Terminal: "K2", Level: Good, Now: at})
			if err != nil {
				t.Fatal(err)
			}
			if r.OutOfHours != tt.out {
				t.Errorf("out of hours = %v, want %v", r.OutOfHours, tt.out)
			}
		})
	}
}

func TestSetReason(t *testing.T) {
	tests := []struct {
		name  string
		level Level
		wait  time.Duration
		err   error
	}{
		{"after bad", Bad, 20 * time.Second, nil},
		{"after very bad", VeryBad, 20 * time.Second, nil},
		{"after good", Good, 20 * time.Second, ErrInvalid},
		{"after window", VeryBad, DefaultReplaceWindow + time.Second, ErrAlreadyRated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			r, _, err := f.book.Add(context.Background(), NewRating{Number: "A-001", Level: tt.level})
			if err != nil {
				t.Fatal(err)
			}
			f.clock.Advance(tt.wait)
			got, err := f.book.SetReason(context.Background(), r.ID, ReasonStaffAttitude)
			if !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			if tt.err != nil {
				return
			}
			if got.Reason != ReasonStaffAttitude {
				t.Errorf("reason = %s, want %s", got.Reason, ReasonStaffAttitude)
			}
			if len(f.log) != 2 || f.log[1].Old == nil || f.log[1].Old.Reason != ReasonNone {
				t.Errorf("log = %+v, want the stored rating then its replacement with a reason", f.log)
			}
		})
	}
}

func TestLevelNames(t *testing.T) {
	for _, l := range Levels() {
		t.Run(l.String(), func(t *testing.T) {
			parsed, err := ParseLevel(l.String())
			if err != nil {
				t.Fatal(err)
			}
			if parsed != l {
				t.Errorf("ParseLevel(%q) = %s", l.String(), parsed)
			}
		})
	}
	for _, bad := range []string{"", "neutral", "ok"} {
		if _, err := ParseLevel(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseLevel(%q) error %v, want ErrInvalid", bad, err)
		}
	}
}

func TestReadLogAfterCursor(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, l := range []Level{Good, Bad} {
		if _, _, err := f.book.Add(ctx, NewRating{Terminal: "K2", Level: l}); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(time.Minute)
	}
	var seqs []uint64
	err := f.db.Bolt().View(func(tx *bbolt.Tx) error {
		return ReadLog(tx, 1, func(c Change) error {
			seqs = append(seqs, c.Seq)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seqs) != 1 || seqs[0] != 2 {
		t.Errorf("changes after 1 = %v, want [2]", seqs)
	}
}
