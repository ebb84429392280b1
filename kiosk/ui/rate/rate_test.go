package rate

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/assets/i18n"
	"frontdesk/store"
	"frontdesk/store/rating"
)

var dubai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Dubai")
	if err != nil {
		return time.FixedZone("+04", 4*60*60)
	}
	return loc
}()

// fakeTimers records AfterFunc calls; fire runs the latest pending one.
type fakeTimers struct {
	pending []*fakeTimer
}

type fakeTimer struct {
	d       time.Duration
	f       func()
	stopped bool
}

func (t *fakeTimer) Stop() bool {
	was := !t.stopped
	t.stopped = true
	return was
}

func (ft *fakeTimers) AfterFunc(d time.Duration, f func()) Timer {
	t := &fakeTimer{d: d, f: f}
	ft.pending = append(ft.pending, t)
	return t
}

// fire runs the latest timer that was not stopped and returns its delay.
func (ft *fakeTimers) fire(t *testing.T) time.Duration {
	t.Helper()
	for i := len(ft.pending) - 1; i >= 0; i-- {
		if p := ft.pending[i]; !p.stopped {
			p.stopped = true
			p.f()
			return p.d
		}
	}
	t.Fatal("no pending timer")
	return 0
}

type fixture struct {
	screen *Screen
	book   *rating.Book
	timers *fakeTimers
	done   int
}

// newFixture opens a real store with ticket A-001 served at counter 2,
// ticket A-002 still waiting, and a rating book on the same file, and
// shows a rating screen for number in lang.
func newFixture(t *testing.T, lang, number string) *fixture {
	t.Helper()
	test.NewTempApp(t)
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, dubai)
	clock := func() time.Time { return now }
	db, err := store.Open(store.Config{Path: filepath.Join(t.TempDir(), "frontdesk.db"), Site: "S1",
		Terminal: "K1", NoSync: true, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	for range 2 {
		if _, err := db.IssueTicket(ctx, store.NewTicket{Service: "assistance", Letter: "A", Lang: lang}); err != nil {
			t.Fatal(err)
		}
	}
	tk, err := db.CallNext(ctx, 2, []string{"assistance"}, "amna", store.PriorityRule{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Complete(ctx, 2, tk.ID, "amna"); err != nil {
		t.Fatal(err)
	}
	book, err := rating.Open(db.Bolt(), db, rating.Config{Now: clock})
	if err != nil {
		t.Fatal(err)
	}

	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	loc, err := catalog.Localizer(lang)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{book: book, timers: &fakeTimers{}}
	f.screen = New(Config{Rater: book, Localizer: loc, Number: number, Terminal: "K1",
		AfterFunc: f.timers.AfterFunc, OnDone: func() { f.done++ }})
	w := test.NewTempWindow(t, f.screen.Content())
	w.Resize(fyne.NewSize(1280, 800))
	return f
}

func (f *fixture) faces() []*faceButton {
	var faces []*faceButton
	for _, o := range test.LaidOutObjects(f.screen.Content()) {
		if b, ok := o.(*faceButton); ok {
			faces = append(faces, b)
		}
	}
	return faces
}

func (f *fixture) face(t *testing.T, l rating.Level) *faceButton {
	t.Helper()
	for _, b := range f.faces() {
		if b.level == l {
			return b
		}
	}
	t.Fatalf("no %s face on the screen", l)
	return nil
}

// button returns the button whose label reads text.
func (f *fixture) button(t *testing.T, text string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(f.screen.Content()) {
		stack, ok := o.(*fyne.Container)
		if !ok || len(stack.Objects) != 2 {
			continue
		}
		b, ok := stack.Objects[0].(*widget.Button)
		if !ok {
			continue
		}
		for _, inner := range test.LaidOutObjects(stack.Objects[1]) {
			if label, ok := inner.(*canvas.Text); ok && label.Text == text {
				return b
			}
		}
	}
	t.Fatalf("no button %q on the screen", text)
	return nil
}

func (f *fixture) ratings(t *testing.T) []rating.Rating {
	t.Helper()
	ratings, err := f.book.Ratings("2026-12-04")
	if err != nil {
		t.Fatal(err)
	}
	return ratings
}

func TestEveryLevel(t *testing.T) {
	tests := []struct {
		level rating.Level
		stage Stage
	}{
		{rating.VeryGood, StageThanks},
		{rating.Good, StageThanks},
		{rating.Bad, StageReason},
		{rating.VeryBad, StageReason},
	}
	for _, tt := range tests {
		t.Run(tt.level.String(), func(t *testing.T) {
			f := newFixture(t, "en", "A-001")
			if n := len(f.faces()); n != 4 {
				t.Fatalf("faces = %d, want exactly 4", n)
			}
			test.Tap(f.face(t, tt.level))
			if got := f.screen.Stage(); got != tt.stage {
				t.Errorf("stage = %d, want %d", got, tt.stage)
			}
			ratings := f.ratings(t)
			if len(ratings) != 1 || ratings[0].Level != tt.level || ratings[0].Counter != 2 {
				t.Errorf("stored %+v, want one %s rating of counter 2", ratings, tt.level)
			}
		})
	}
}

func TestDoubleTapStoresOne(t *testing.T) {
	f := newFixture(t, "en", "A-001")
	good, bad := f.face(t, rating.Good), f.face(t, rating.VeryBad)
	test.Tap(good)
	test.Tap(good)
	test.Tap(bad)
	ratings := f.ratings(t)
	if len(ratings) != 1 {
		t.Fatalf("stored %d ratings, want 1", len(ratings))
	}
	if ratings[0].Level != rating.Good {
		t.Errorf("level = %s, want the first tap's good", ratings[0].Level)
	}
}

func TestReasonThenThanksThenBack(t *testing.T) {
	f := newFixture(t, "en", "A-001")
	test.Tap(f.face(t, rating.Bad))
	test.Tap(f.button(t, "Staff attitude"))
	if got := f.screen.Stage(); got != StageThanks {
		t.Fatalf("stage = %d, want thanks", got)
	}
	if got := f.ratings(t)[0].Reason; got != rating.ReasonStaffAttitude {
		t.Errorf("reason = %s, want staff-attitude", got)
	}
	if d := f.timers.fire(t); d != DefaultThanksDelay {
		t.Errorf("thank-you screen stays %s, want %s", d, DefaultThanksDelay)
	}
	if f.done != 1 || f.screen.Stage() != StageDone {
		t.Errorf("done called %d times at stage %d, want once and done", f.done, f.screen.Stage())
	}
}

func TestReasonSkipAndTimeout(t *testing.T) {
	tests := []struct {
		name string
		act  func(t *testing.T, f *fixture)
	}{
		{"skip", func(t *testing.T, f *fixture) { test.Tap(f.button(t, "Skip")) }},
		{"timeout", func(t *testing.T, f *fixture) {
			if d := f.timers.fire(t); d != DefaultReasonTimeout {
				t.Errorf("reason waits %s, want %s", d, DefaultReasonTimeout)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, "en", "A-001")
			test.Tap(f.face(t, rating.VeryBad))
			tt.act(t, f)
			if got := f.screen.Stage(); got != StageThanks {
				t.Errorf("stage = %d, want thanks", got)
			}
			if got := f.ratings(t)[0].Reason; got != rating.ReasonNone {
				t.Errorf("reason = %s, want none", got)
			}
		})
	}
}

func TestUnservedTicketNotStored(t *testing.T) {
	f := newFixture(t, "en", "A-002")
	test.Tap(f.face(t, rating.Good))
	if got := f.screen.Stage(); got != StageThanks {
		t.Errorf("stage = %d, want the thank-you screen with the reason", got)
	}
	if n := len(f.ratings(t)); n != 0 {
		t.Errorf("stored %d ratings for a waiting ticket, want 0", n)
	}
}

func TestArabicFacesMirrored(t *testing.T) {
	tests := []struct {
		lang      string
		bestRight bool
		word      string
	}{
		{"en", false, "Very good"},
		{"ar", true, "جيد جداً"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			f := newFixture(t, tt.lang, "")
			best, worst := f.face(t, rating.VeryGood), f.face(t, rating.VeryBad)
			bestX := fyne.CurrentApp().Driver().AbsolutePositionForObject(best).X
			worstX := fyne.CurrentApp().Driver().AbsolutePositionForObject(worst).X
			if (bestX > worstX) != tt.bestRight {
				t.Errorf("very good at x=%v, very bad at x=%v; want very good on the right: %v",
					bestX, worstX, tt.bestRight)
			}
			if best.word != tt.word {
				t.Errorf("word = %q, want %q", best.word, tt.word)
			}
		})
	}
}

func TestAnonymousRating(t *testing.T) {
	f := newFixture(t, "ar", "")
	test.Tap(f.face(t, rating.Good))
	ratings := f.ratings(t)
	if len(ratings) != 1 || !ratings[0].Anonymous() || ratings[0].Terminal != "K1" {
		t.Errorf("stored %+v, want one anonymous rating at K1", ratings)
	}
}
