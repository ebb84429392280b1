package report

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store"
	"frontdesk/store/rating"
)

var dubaiZone = dubai()

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

// env is a real store file with the rating book and the reports on it.
type env struct {
	db      *store.DB
	book    *rating.Book
	reports *Reports
	clock   *clock
}

func openEnv(t testing.TB, path string, start time.Time, hook bool) *env {
	t.Helper()
	e := &env{clock: &clock{now: start}}
	db, err := store.Open(store.Config{Path: path, Site: "S1", Terminal: "K1", NoSync: true, Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e.db = db
	if e.reports, err = New(db.Bolt(), Config{}); err != nil {
		t.Fatal(err)
	}
	cfg := rating.Config{Now: e.clock.Now}
	if hook {
		cfg.OnChange = e.reports.ApplyRating
	}
	if e.book, err = rating.Open(db.Bolt(), db, cfg); err != nil {
		t.Fatal(err)
	}
	return e
}

// visit is one of the 30 hand-computed visits of buildThirtyVisits.
func visitOutcome(i int) string {
	switch {
	case i%10 == 0:
		return "no-show"
	case i == 5 || i == 15:
		return "transfer"
	}
	return "complete"
}

// buildThirtyVisits runs 30 visits on 2026-12-06, one every ten minutes
// from 08:00. Visit i (1 to 30) is for assistance (odd i, counter 1, staff
// amna) or complaints (even i, counter 2, staff omar), waits 10·i seconds
// and is served for 60+5·i seconds. Visits 10, 20 and 30 do not show up;
// visits 5 and 15 are transferred to complaints after 30 seconds and served
// there. Every served visit is rated 10 seconds after it ends: very good,
// good, bad or very bad for i mod 4 = 1, 2, 3, 0, at desk terminal D1.
// Visit 1 is first rated good and then changed to very good. One anonymous
// very bad rating at 21:00 is out of hours.
func buildThirtyVisits(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	levels := map[int]rating.Level{1: rating.VeryGood, 2: rating.Good, 3: rating.Bad, 0: rating.VeryBad}
	for i := 1; i <= 30; i++ {
		service, letter, counter, staff := "complaints", "B", 2, "omar"
		if i%2 == 1 {
			service, letter, counter, staff = "assistance", "A", 1, "amna"
		}
		issued := time.Date(2026, 12, 6, 8, 0, 0, 0, dubaiZone).Add(time.Duration(i-1) * 10 * time.Minute)
		e.clock.Set(issued)
		tk, err := e.db.IssueTicket(ctx, store.NewTicket{Service: service, Letter: letter, Lang: "ar"})
		if err != nil {
			t.Fatal(err)
		}
		e.clock.Set(issued.Add(time.Duration(10*i) * time.Second))
		if _, err := e.db.CallNext(ctx, counter, []string{service}, staff, store.PriorityRule{}); err != nil {
			t.Fatalf("visit %d: %v", i, err)
		}

		switch visitOutcome(i) {
		case "no-show":
			e.clock.Advance(time.Minute)
			_, err = e.db.NoShow(ctx, counter, tk.ID, staff)
		case "transfer":
			e.clock.Advance(30 * time.Second)
			if _, err = e.db.Transfer(ctx, counter, tk.ID, staff, store.TransferTarget{Service: "complaints"}); err != nil {
				break
			}
			e.clock.Advance(30 * time.Second)
			counter, staff = 2, "omar"
			if _, err = e.db.CallNext(ctx, counter, []string{"complaints"}, staff, store.PriorityRule{}); err != nil {
				break
			}
			fallthrough
		case "complete":
			e.clock.Advance(time.Duration(60+5*i) * time.Second)
			_, err = e.db.Complete(ctx, counter, tk.ID, staff)
		}
		if err != nil {
			t.Fatalf("visit %d: %v", i, err)
		}
		if visitOutcome(i) == "no-show" {
			continue
		}

		e.clock.Advance(10 * time.Second)
		level := levels[i%4]
		if i == 1 {
			level = rating.Good
		}
		if _, _, err := e.book.Add(ctx, rating.NewRating{TicketID: tk.ID, Level: level, Terminal: "D1"}); err != nil {
			t.Fatalf("visit %d: rate: %v", i, err)
		}
		if i == 1 {
			e.clock.Advance(20 * time.Second)
			if _, _, err := e.book.Add(ctx, rating.NewRating{TicketID: tk.ID, Level: rating.VeryGood}); err != nil {
				t.Fatal(err)
			}
		}
	}
	late := time.Date(2026, 12, 6, 21, 0, 0, 0, dubaiZone)
	if _, _, err := e.book.Add(ctx, rating.NewRating{Terminal: "K1", Level: rating.VeryBad, Now: late}); err != nil {
		t.Fatal(err)
	}
}

func sec(n int) time.Duration { return time.Duration(n) * time.Second }

func TestThirtyVisits(t *testing.T) {
	e := openEnv(t, filepath.Join(t.TempDir(), "frontdesk.db"), time.Date(2026, 12, 6, 7, 0, 0, 0, dubaiZone), true)
	buildThirtyVisits(t, e)
	if _, err := e.reports.Sync(); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name        string
		filter      Filter
		counts      Counts
		wait, servT Durations
		ratings     Ratings
	}{
		{"all", Filter{}, Counts{Issued: 30, Called: 32, Served: 27, NoShows: 3, Transferred: 2},
			Durations{30, sec(150), sec(270)}, Durations{27, sec(135), sec(195)}, Ratings{8, 6, 7, 6}},
		{"assistance", Filter{Service: "assistance"}, Counts{Issued: 15, Called: 15, Served: 13, Transferred: 2},
			Durations{15, sec(150), sec(270)}, Durations{13, sec(145), sec(195)}, Ratings{7, 0, 6, 0}},
		{"complaints", Filter{Service: "complaints"}, Counts{Issued: 15, Called: 17, Served: 14, NoShows: 3},
			Durations{15, sec(160), sec(280)}, Durations{14, sec(130), sec(190)}, Ratings{1, 6, 1, 6}},
		{"counter 1", Filter{Counter: 1}, Counts{Called: 15, Served: 13, Transferred: 2},
			Durations{15, sec(150), sec(270)}, Durations{13, sec(145), sec(195)}, Ratings{7, 0, 6, 0}},
		{"staff omar", Filter{Staff: "omar"}, Counts{Called: 17, Served: 14, NoShows: 3},
			Durations{15, sec(160), sec(280)}, Durations{14, sec(130), sec(190)}, Ratings{1, 6, 1, 6}},
		{"issuing terminal", Filter{Terminal: "K1"}, Counts{Issued: 30, Called: 32, Served: 27, NoShows: 3, Transferred: 2},
			Durations{30, sec(150), sec(270)}, Durations{27, sec(135), sec(195)}, Ratings{8, 6, 7, 6}},
		{"other terminal", Filter{Terminal: "K9"}, Counts{}, Durations{}, Durations{}, Ratings{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fig, err := e.reports.Report("2026-12-05", "2026-12-07", tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if fig.Counts != tt.counts {
				t.Errorf("counts = %+v, want %+v", fig.Counts, tt.counts)
			}
			if fig.Wait != tt.wait {
				t.Errorf("waiting time = %+v, want %+v", fig.Wait, tt.wait)
			}
			if fig.ServiceTime != tt.servT {
				t.Errorf("service time = %+v, want %+v", fig.ServiceTime, tt.servT)
			}
			if fig.Ratings != tt.ratings {
				t.Errorf("ratings = %+v, want %+v", fig.Ratings, tt.ratings)
			}
		})
	}

	fig, err := e.reports.Report("2026-12-05", "2026-12-07", Filter{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("happiness", func(t *testing.T) {
		// (8·100 + 6·66.7 + 7·33.3 + 6·0) / 27 = 1433.3 / 27
		if got, want := fig.Happiness(), 14333.0/270; got != want {
			t.Errorf("happiness = %v, want %v", got, want)
		}
		if got, want := fig.GoodShare(), 14.0/27; got != want {
			t.Errorf("good share = %v, want %v", got, want)
		}
	})
	t.Run("by hour", func(t *testing.T) {
		for h, n := range fig.IssuedByHour {
			want := 0
			if h >= 8 && h <= 12 {
				want = 6
			}
			if n != want {
				t.Errorf("issued at %02d:00 = %d, want %d", h, n, want)
			}
		}
	})
	t.Run("by day", func(t *testing.T) {
		if len(fig.Days) != 3 {
			t.Fatalf("days = %d, want 3", len(fig.Days))
		}
		if fig.Days[0].Counts != (Counts{}) || fig.Days[2].Counts != (Counts{}) {
			t.Errorf("days around the visits have counts %+v and %+v", fig.Days[0].Counts, fig.Days[2].Counts)
		}
		if fig.Days[1].Day != "2026-12-06" || fig.Days[1].Counts.Issued != 30 || fig.Days[1].Ratings.Total() != 27 {
			t.Errorf("day row = %+v, want 2026-12-06 with 30 issued and 27 ratings", fig.Days[1])
		}
		if fig.Days[1].Wait != fig.Wait {
			t.Errorf("waiting time of the only day = %+v, want the period's %+v", fig.Days[1].Wait, fig.Wait)
		}
		if fig.Days[1].ServiceTime != fig.ServiceTime {
			t.Errorf("service time of the only day = %+v, want the period's %+v", fig.Days[1].ServiceTime,
				fig.ServiceTime)
		}
	})
	t.Run("by service", func(t *testing.T) {
		if len(fig.Services) != 2 || fig.Services[0].Service != "assistance" || fig.Services[1].Service != "complaints" {
			t.Fatalf("services = %+v, want assistance and complaints", fig.Services)
		}
		if fig.Services[0].Counts.Issued != 15 || fig.Services[1].Counts.Served != 14 {
			t.Errorf("service rows = %+v", fig.Services)
		}
	})
	t.Run("recount agrees", func(t *testing.T) {
		if err := e.reports.Recount(); err != nil {
			t.Fatal(err)
		}
		again, err := e.reports.Report("2026-12-05", "2026-12-07", Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if again.Counts != fig.Counts || again.Wait != fig.Wait || again.ServiceTime != fig.ServiceTime ||
			again.Ratings != fig.Ratings || again.IssuedByHour != fig.IssuedByHour {
			t.Errorf("after recount %+v, before %+v", again, fig)
		}
	})
}

// serveVisits issues, calls and completes one ticket at counter 1 for each
// pair of waiting and service seconds, an hour apart from 09:00 on day.
func serveVisits(t *testing.T, e *env, day time.Time, visits [][2]int) {
	t.Helper()
	ctx := context.Background()
	for i, v := range visits {
		e.clock.Set(day.Add(time.Duration(9+i) * time.Hour))
		tk, err := e.db.IssueTicket(ctx, store.NewTicket{Service: "assistance", Letter: "A", Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(sec(v[0]))
		if _, err := e.db.CallNext(ctx, 1, []string{"assistance"}, "amna", store.PriorityRule{}); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(sec(v[1]))
		if _, err := e.db.Complete(ctx, 1, tk.ID, "amna"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReportDayTimes(t *testing.T) {
	e := openEnv(t, filepath.Join(t.TempDir(), "frontdesk.db"), time.Date(2026, 12, 6, 7, 0, 0, 0, dubaiZone), false)
	serveVisits(t, e, time.Date(2026, 12, 6, 0, 0, 0, 0, dubaiZone), [][2]int{{60, 100}, {120, 200}, {180, 300}})
	serveVisits(t, e, time.Date(2026, 12, 7, 0, 0, 0, 0, dubaiZone), [][2]int{{600, 50}})
	if _, err := e.reports.Sync(); err != nil {
		t.Fatal(err)
	}
	fig, err := e.reports.Report("2026-12-06", "2026-12-08", Filter{})
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		day         string
		wait, servT Durations
	}{
		{"2026-12-06", Durations{3, sec(120), sec(180)}, Durations{3, sec(200), sec(300)}},
		{"2026-12-07", Durations{1, sec(600), sec(600)}, Durations{1, sec(50), sec(50)}},
		{"2026-12-08", Durations{}, Durations{}},
	}
	if len(fig.Days) != len(tests) {
		t.Fatalf("days = %d, want %d", len(fig.Days), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			d := fig.Days[i]
			if d.Day != tt.day {
				t.Fatalf("day %d is %s, want %s", i, d.Day, tt.day)
			}
			if d.Wait != tt.wait {
				t.Errorf("waiting time = %+v, want %+v", d.Wait, tt.wait)
			}
			if d.ServiceTime != tt.servT {
				t.Errorf("service time = %+v, want %+v", d.ServiceTime, tt.servT)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		raw, err := json.Marshal(fig)
		if err != nil {
			t.Fatal(err)
		}
		var decoded struct {
			Days []struct {
				Wait        map[string]int64 `json:"wait"`
				ServiceTime map[string]int64 `json:"service_time"`
			} `json:"days"`
		}
		if err := json.Unmarshal(raw, &decoded); err != nil {
			t.Fatal(err)
		}
		second := decoded.Days[1]
		if got, want := second.Wait["median_ns"], int64(sec(600)); got != want {
			t.Errorf("JSON wait median of 2026-12-07 = %d ns, want %d", got, want)
		}
		if got := second.ServiceTime["count"]; got != 1 {
			t.Errorf("JSON service time count of 2026-12-07 = %d, want 1", got)
		}
	})
	t.Run("totals", func(t *testing.T) {
		if want := (Durations{4, sec(120), sec(600)}); fig.Wait != want {
			t.Errorf("waiting time = %+v, want %+v", fig.Wait, want)
		}
		if want := (Durations{4, sec(100), sec(300)}); fig.ServiceTime != want {
			t.Errorf("service time = %+v, want %+v", fig.ServiceTime, want)
		}
	})
}

func TestReportRejectsPeriod(t *testing.T) {
	e := openEnv(t, filepath.Join(t.TempDir(), "frontdesk.db"), time.Date(2026, 12, 6, 7, 0, 0, 0, dubaiZone), false)
	tests := []struct{ name, from, to string }{
		{"reversed", "2026-12-07", "2026-12-06"},
		{"malformed", "06/12/2026", "2026-12-07"},
		{"too long", "2025-01-01", "2026-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := e.reports.Report(tt.from, tt.to, Filter{}); !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v, want ErrInvalid", err)
			}
		})
	}
}

func TestSyncCountsOnce(t *testing.T) {
	e := openEnv(t, filepath.Join(t.TempDir(), "frontdesk.db"), time.Date(2026, 12, 6, 7, 0, 0, 0, dubaiZone), false)
	buildThirtyVisits(t, e)
	first, err := e.reports.Sync()
	if err != nil {
		t.Fatal(err)
	}
	second, err := e.reports.Sync()
	if err != nil {
		t.Fatal(err)
	}
	if first == 0 || second != 0 {
		t.Errorf("sync counted %d then %d events, want some then none", first, second)
	}
	fig, err := e.reports.Report("2026-12-06", "2026-12-06", Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if fig.Counts.Issued != 30 || fig.Ratings.Total() != 27 {
		t.Errorf("issued %d and %d ratings, want 30 and 27", fig.Counts.Issued, fig.Ratings.Total())
	}
}

func TestApplySkipsCountedAndCatchesUp(t *testing.T) {
	e := openEnv(t, filepath.Join(t.TempDir(), "frontdesk.db"), time.Date(2026, 12, 6, 9, 0, 0, 0, dubaiZone), false)
	ctx := context.Background()
	var last store.Ticket
	for range 3 {
		tk, err := e.db.IssueTicket(ctx, store.NewTicket{Service: "assistance", Letter: "A", Lang: "ar"})
		if err != nil {
			t.Fatal(err)
		}
		last = tk
	}
	apply := func() {
		err := e.db.Bolt().Update(func(tx *bbolt.Tx) error {
			return e.reports.Apply(tx, last, last.History[len(last.History)-1])
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	apply() // counts events 1 and 2 from the log, then 3
	apply() // already counted
	fig, err := e.reports.Report("2026-12-06", "2026-12-06", Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if fig.Counts.Issued != 3 {
		t.Errorf("issued = %d, want 3", fig.Counts.Issued)
	}
	if queue, _, _ := e.reports.Cursors(); queue != 3 {
		t.Errorf("queue cursor = %d, want 3", queue)
	}
}

func TestPercentiles(t *testing.T) {
	tests := []struct {
		name        string
		seconds     []int
		median, p90 int
	}{
		{"empty", nil, 0, 0},
		{"one", []int{42}, 42, 42},
		{"even count takes lower middle", []int{1, 2, 3, 4}, 2, 4},
		{"ten", []int{10, 1, 9, 2, 8, 3, 7, 4, 6, 5}, 5, 9},
		{"long floored to minute", []int{3*3600 + 59}, 3 * 3600, 3 * 3600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h histogram
			for _, s := range tt.seconds {
				h.add(sec(s))
			}
			got := percentiles(h, 0.5, 0.9)
			if got[0] != sec(tt.median) {
				t.Errorf("median = %v, want %v", got[0], sec(tt.median))
			}
			if got[1] != sec(tt.p90) {
				t.Errorf("p90 = %v, want %v", got[1], sec(tt.p90))
			}
		})
	}
}

func TestApplyAsStoreHook(t *testing.T) {
	e := openEnv(t, filepath.Join(t.TempDir(), "frontdesk.db"), time.Date(2026, 12, 6, 7, 0, 0, 0, dubaiZone), true)
	ctx := context.Background()
	// One ticket is issued before the hook is set, so the first hooked
	// transition counts it too.
	if _, err := e.db.IssueTicket(ctx, store.NewTicket{Service: "inquiries", Letter: "G", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	e.db.OnTransition(e.reports.Apply)
	buildThirtyVisits(t, e)

	fig, err := e.reports.Report("2026-12-06", "2026-12-06", Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := Counts{Issued: 31, Called: 32, Served: 27, NoShows: 3, Transferred: 2}
	if fig.Counts != want {
		t.Errorf("counts without a sync = %+v, want %+v", fig.Counts, want)
	}
	if n, err := e.reports.Sync(); err != nil || n != 0 {
		t.Errorf("sync after the hook counted %d events (error %v), want 0", n, err)
	}
}

func TestDamagedCellDoesNotStopQueue(t *testing.T) {
	e := openEnv(t, filepath.Join(t.TempDir(), "frontdesk.db"), time.Date(2026, 12, 6, 9, 0, 0, 0, dubaiZone), true)
	e.db.OnTransition(e.reports.Apply)
	ctx := context.Background()
	issue := func() {
		t.Helper()
		if _, err := e.db.IssueTicket(ctx, store.NewTicket{Service: "assistance", Letter: "A", Lang: "ar"}); err != nil {
			t.Fatalf("issue with a damaged aggregate: %v", err)
		}
	}
	issue()

	// Damage the cell the next issue counts in.
	key := cellKey{Day: "2026-12-06", Service: "assistance", Terminal: "K1"}.bytes()
	err := e.db.Bolt().Update(func(tx *bbolt.Tx) error { return tx.Bucket(bucketCells).Put(key, []byte{0xff}) })
	if err != nil {
		t.Fatal(err)
	}
	issue()
	issue()

	if _, err := e.reports.Sync(); !errors.Is(err, ErrDamaged) {
		t.Fatalf("sync error %v, want ErrDamaged", err)
	}
	if err := e.reports.Recount(); err != nil {
		t.Fatal(err)
	}
	fig, err := e.reports.Report("2026-12-06", "2026-12-06", Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if fig.Counts.Issued != 3 {
		t.Errorf("issued after the recount = %d, want 3", fig.Counts.Issued)
	}
	issue()
	if fig, _ := e.reports.Report("2026-12-06", "2026-12-06", Filter{}); fig.Counts.Issued != 4 {
		t.Errorf("issued after the repair = %d, want 4 counted by the hook", fig.Counts.Issued)
	}
}
