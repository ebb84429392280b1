package charts

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/assets/i18n"
	"frontdesk/store"
	"frontdesk/store/rating"
	"frontdesk/store/report"
)

var dubai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Dubai")
	if err != nil {
		return time.FixedZone("+04", 4*60*60)
	}
	return loc
}()

var today = time.Date(2026, 12, 9, 12, 0, 0, 0, dubai) // a Wednesday

// openReports returns the reports of a real store holding, on today's
// date, three assistance tickets: two served at counter 1 and rated very
// good and very bad, one still waiting.
func openReports(t *testing.T) *report.Reports {
	t.Helper()
	now := today.Add(-3 * time.Hour)
	clock := func() time.Time { return now }
	db, err := store.Open(store.Config{Path: filepath.Join(t.TempDir(), "frontdesk.db"), Site: "S1",
		Terminal: "K1", NoSync: true, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	reports, err := report.New(db.Bolt(), report.Config{Location: dubai})
	if err != nil {
		t.Fatal(err)
	}
	book, err := rating.Open(db.Bolt(), db, rating.Config{Now: clock, OnChange: reports.ApplyRating})
	if err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	for range 3 {
		if _, err := db.IssueTicket(ctx, store.NewTicket{Service: "assistance", Letter: "A", Lang: "ar"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, level := range []rating.Level{rating.VeryGood, rating.VeryBad} {
		now = now.Add(5 * time.Minute)
		tk, err := db.CallNext(ctx, 1, []string{"assistance"}, "amna", store.PriorityRule{})
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(4 * time.Minute)
		if _, err := db.Complete(ctx, 1, tk.ID, "amna"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := book.Add(ctx, rating.NewRating{TicketID: tk.ID, Level: level}); err != nil {
			t.Fatal(err)
		}
	}
	return reports
}

func newScreen(t *testing.T, lang string, exportDir string) *Screen {
	t.Helper()
	test.NewTempApp(t)
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	loc, err := catalog.Localizer(lang)
	if err != nil {
		t.Fatal(err)
	}
	s := New(Config{
		Reports:   openReports(t),
		Localizer: loc,
		Services:  []Service{{ID: "assistance", NameAR: "المساعدة الاجتماعية", NameEN: "Social assistance"}},
		Counters:  []int{1, 2},
		Location:  dubai,
		Now:       func() time.Time { return today },
		ExportDir: exportDir,
	})
	w := test.NewTempWindow(t, s.Content())
	w.Resize(fyne.NewSize(1600, 900))
	return s
}

func TestScreenShowsTodaysFigures(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			s := newScreen(t, lang, "")
			fig := s.Figures()
			if fig.From != "2026-12-09" || fig.To != "2026-12-09" {
				t.Errorf("period %s to %s, want today", fig.From, fig.To)
			}
			if fig.Counts.Issued != 3 || fig.Counts.Served != 2 {
				t.Errorf("counts = %+v, want 3 issued and 2 served", fig.Counts)
			}
			if fig.Ratings.Total() != 2 {
				t.Errorf("ratings = %d, want 2", fig.Ratings.Total())
			}
			if len(s.images) != 3 {
				t.Errorf("charts = %d, want 3", len(s.images))
			}
		})
	}
}

func TestScreenAlertsVeryBad(t *testing.T) {
	s := newScreen(t, "en", "")
	alerts := s.Alerts()
	if len(alerts) != 1 || alerts[0].Kind != report.AlertVeryBad || alerts[0].Counter != 1 {
		t.Fatalf("alerts = %+v, want one very bad at counter 1", alerts)
	}
	if got, want := s.alertText(alerts[0]), "Very bad rating at counter 1 (09:18)"; got != want {
		t.Errorf("alert text = %q, want %q", got, want)
	}
}

func TestScreenPeriodAndFilter(t *testing.T) {
	s := newScreen(t, "en", "")
	s.SetPeriod(PeriodWeek, today)
	if fig := s.Figures(); fig.From != "2026-12-07" || fig.To != "2026-12-13" || fig.Counts.Issued != 3 {
		t.Errorf("week = %s to %s with %d issued, want 2026-12-07 to 2026-12-13 with 3", fig.From, fig.To,
			fig.Counts.Issued)
	}
	s.SetFilter(report.Filter{Counter: 2})
	if fig := s.Figures(); fig.Counts.Served != 0 {
		t.Errorf("counter 2 served %d, want 0", fig.Counts.Served)
	}
	s.SetFilter(report.Filter{Counter: 1})
	if fig := s.Figures(); fig.Counts.Served != 2 {
		t.Errorf("counter 1 served %d, want 2", fig.Counts.Served)
	}
	s.SetPeriod(PeriodMonth, PeriodMonth.Step(today, -1))
	if fig := s.Figures(); fig.From != "2026-11-01" || fig.Counts.Served != 0 {
		t.Errorf("previous month from %s served %d, want 2026-11-01 and 0", fig.From, fig.Counts.Served)
	}
}

func TestScreenExports(t *testing.T) {
	dir := t.TempDir()
	s := newScreen(t, "ar", dir)
	s.exportCSV()
	s.exportCharts()
	raw, err := os.ReadFile(filepath.Join(dir, "report-2026-12-09-2026-12-09.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) {
		t.Error("CSV has no byte-order mark")
	}
	pngs, err := filepath.Glob(filepath.Join(dir, "chart-*.png"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pngs) != 3 {
		t.Errorf("chart files = %v, want 3", pngs)
	}
	if s.status == "" {
		t.Error("no export message on the screen")
	}
}

func TestPeriodPickerChangesPeriod(t *testing.T) {
	s := newScreen(t, "en", "")
	var picker *widget.Select
	for _, o := range test.LaidOutObjects(s.Content()) {
		if sel, ok := o.(*widget.Select); ok && len(sel.Options) == 4 && sel.Options[3] == "First half of the year" {
			picker = sel
		}
	}
	if picker == nil {
		t.Fatal("no period picker")
	}
	picker.SetSelected("Month")
	if fig := s.Figures(); fig.From != "2026-12-01" || fig.To != "2026-12-31" {
		t.Errorf("month = %s to %s, want December 2026", fig.From, fig.To)
	}
}

func TestPeriodRange(t *testing.T) {
	tests := []struct {
		period   Period
		anchor   time.Time
		from, to string
	}{
		{PeriodDay, today, "2026-12-09", "2026-12-09"},
		{PeriodWeek, today, "2026-12-07", "2026-12-13"},
		{PeriodWeek, time.Date(2026, 12, 13, 23, 0, 0, 0, dubai), "2026-12-07", "2026-12-13"},
		{PeriodMonth, today, "2026-12-01", "2026-12-31"},
		{PeriodMonth, time.Date(2028, 2, 10, 0, 0, 0, 0, dubai), "2028-02-01", "2028-02-29"},
		{PeriodHalf, today, "2026-01-01", "2026-06-30"},
	}
	for _, tt := range tests {
		t.Run(tt.period.String()+" "+tt.anchor.Format(time.DateOnly), func(t *testing.T) {
			from, to := tt.period.Range(tt.anchor)
			if from != tt.from || to != tt.to {
				t.Errorf("range = %s to %s, want %s to %s", from, to, tt.from, tt.to)
			}
		})
	}
	if got := PeriodMonth.Step(time.Date(2027, 1, 31, 0, 0, 0, 0, dubai), 1).Month(); got != time.February {
		t.Errorf("a month after 31 January is in %s, want February", got)
	}
}

func TestClock(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0:00"},
		{150 * time.Second, "2:30"},
		{time.Hour + 5*time.Second, "1:00:05"},
	}
	for _, tt := range tests {
		if got := clock(tt.d); got != tt.want {
			t.Errorf("clock(%s) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
