package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"frontdesk/kiosk/ui/rate"
	"frontdesk/store"
	"frontdesk/store/rating"
)

// ratingRig is a kiosk screen with rating enabled on a rating book in the
// same store file, with ticket A-001 issued, called at counter 3 and
// completed, and ticket A-002 issued and still waiting.
type ratingRig struct {
	*rig
	book *rating.Book
}

func newRatingRig(t *testing.T) *ratingRig {
	t.Helper()
	r := newRig(t, nil, kioskSize)
	ctx := context.Background()
	for range 2 {
		if _, err := r.db.IssueTicket(ctx, store.NewTicket{Service: "social-assistance", Letter: "A", Lang: "ar"}); err != nil {
			t.Fatal(err)
		}
	}
	called, err := r.db.CallNext(ctx, 3, []string{"social-assistance"}, "amna", store.PriorityRule{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.db.Complete(ctx, 3, called.ID, "amna"); err != nil {
		t.Fatal(err)
	}
	book, err := rating.Open(r.db.Bolt(), r.db, rating.Config{Location: dubai, Now: r.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	r.screen.EnableRating(RatingConfig{Rater: book, Terminal: "K1"})
	return &ratingRig{rig: r, book: book}
}

func (r *ratingRig) ratings(t *testing.T) []rating.Rating {
	t.Helper()
	got, err := r.book.Ratings("2026-12-06")
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// typeNumber opens the keypad and types keys, each a button title.
func (r *ratingRig) typeNumber(t *testing.T, start string, keys ...string) {
	t.Helper()
	r.pass()
	test.Tap(r.button(t, start))
	r.pass()
	for _, k := range keys {
		test.Tap(r.button(t, k))
	}
}

// tapFace taps the face with a word where a finger would, so that
// whatever lies on top of the face takes the tap, and returns where it
// tapped.
func (r *ratingRig) tapFace(t *testing.T, word string) fyne.Position {
	t.Helper()
	for _, o := range test.LaidOutObjects(r.window.Content()) {
		if _, ok := o.(fyne.Tappable); !ok {
			continue
		}
		for _, inner := range test.LaidOutObjects(o)[1:] {
			if text, ok := inner.(*canvas.Text); ok && text.Text == word {
				pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
				pos = pos.Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/3))
				test.TapCanvas(r.window.Canvas(), pos)
				return pos
			}
		}
	}
	t.Fatalf("no face %q on the screen; texts: %q", word, r.texts())
	return fyne.Position{}
}

func TestRatingButtonOnlyWhenEnabled(t *testing.T) {
	r := newRig(t, nil, kioskSize)
	for _, b := range r.buttons() {
		if b.Title == "قيّم خدمتنا" {
			t.Fatal("start screen shows the rating button without a rating book")
		}
	}

	rr := newRatingRig(t)
	rr.button(t, "قيّم خدمتنا")
	rr.pass()
	test.Tap(rr.button(t, "English"))
	rr.button(t, "Rate our service")
}

func TestRateServedTicketByNumber(t *testing.T) {
	tests := []struct {
		name    string
		lang    string
		keys    []string
		display string // the number as the keypad shows it
		start   string
		next    string
		face    string
		want    rating.Level
	}{
		{"short number in Arabic", "ar", []string{"A", "1"}, "A-1", "قيّم خدمتنا", "متابعة", "جيد جداً",
			rating.VeryGood},
		{"full number in English", "en", []string{"A", "0", "0", "1"}, "A-001", "Rate our service", "Continue",
			"Good", rating.Good},
		{"letter corrected", "ar", []string{"P", "1", "حذف", "حذف", "A", "1"}, "A-1", "قيّم خدمتنا", "متابعة",
			"جيد", rating.Good},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRatingRig(t)
			r.screen.Session().SetLang(tt.lang)
			r.typeNumber(t, tt.start, tt.keys...)
			if !slices.Contains(r.texts(), tt.display) {
				t.Errorf("keypad does not show %s; texts: %q", tt.display, r.texts())
			}
			test.Tap(r.button(t, tt.next))
			if !r.shows("A-001") {
				t.Errorf("rating screen does not name the ticket; texts: %q", r.texts())
			}

			// A tap at once is the second tap of a double tap.
			r.tapFace(t, tt.face)
			if n := len(r.ratings(t)); n != 0 {
				t.Fatalf("%d ratings stored by a tap within the guard time, want 0", n)
			}
			r.pass()
			pos := r.tapFace(t, tt.face)
			test.TapCanvas(r.window.Canvas(), pos)

			ratings := r.ratings(t)
			if len(ratings) != 1 {
				t.Fatalf("%d ratings stored, want exactly 1: %+v", len(ratings), ratings)
			}
			if got := ratings[0]; got.Number != "A-001" || got.Counter != 3 || got.Level != tt.want {
				t.Errorf("stored %s at counter %d as %s, want A-001 at counter 3 as %s",
					got.Number, got.Counter, got.Level, tt.want)
			}

			r.clock.Advance(rate.DefaultThanksDelay)
			r.button(t, "المساعدات الاجتماعية")
			r.button(t, "قيّم خدمتنا")
		})
	}
}

func TestRateUnservedTicketOffersAnonymous(t *testing.T) {
	tests := []struct {
		name, digit, want string
	}{
		{"waiting ticket", "2", "لم تتم خدمة التذكرة A-002 بعد، لذلك لا يمكن تقييمها."},
		{"ticket never issued", "9", "لم تصدر اليوم تذكرة بالرقم A-009."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRatingRig(t)
			r.typeNumber(t, "قيّم خدمتنا", "A", tt.digit)
			test.Tap(r.button(t, "متابعة"))
			r.pass()
			r.tapFace(t, "جيد")

			if !r.shows(tt.want) {
				t.Fatalf("screen does not say %q; texts: %q", tt.want, r.texts())
			}
			if n := len(r.ratings(t)); n != 0 {
				t.Fatalf("%d ratings stored for a ticket that was not served, want 0", n)
			}

			r.pass()
			test.Tap(r.button(t, "التقييم دون رقم تذكرة"))
			r.pass()
			r.tapFace(t, "سيئ")
			ratings := r.ratings(t)
			if len(ratings) != 1 {
				t.Fatalf("%d ratings stored, want exactly 1: %+v", len(ratings), ratings)
			}
			if !ratings[0].Anonymous() || ratings[0].Terminal != "K1" || ratings[0].Level != rating.Bad {
				t.Errorf("stored %+v, want one anonymous bad rating at K1", ratings[0])
			}
		})
	}
}

func TestRateNumberProblems(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string
	}{
		{"nothing typed", nil, "يرجى إدخال رقم تذكرتك أولاً."},
		{"no letter", []string{"5"}, "الرقم 5 ليس رقم تذكرة."},
		{"no digits", []string{"A"}, "الرقم A ليس رقم تذكرة."},
		{"zero", []string{"A", "0"}, "الرقم A-0 ليس رقم تذكرة."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRatingRig(t)
			r.typeNumber(t, "قيّم خدمتنا", tt.keys...)
			test.Tap(r.button(t, "متابعة"))
			if !r.shows(tt.want) {
				t.Errorf("keypad does not say %q; texts: %q", tt.want, r.texts())
			}
			r.button(t, "التقييم دون رقم تذكرة")
		})
	}
}

func TestRatingIdleTimeout(t *testing.T) {
	tests := []struct {
		name  string
		drive func(t *testing.T, r *ratingRig)
	}{
		{"keypad", func(t *testing.T, r *ratingRig) {
			r.typeNumber(t, "قيّم خدمتنا", "A")
		}},
		{"faces", func(t *testing.T, r *ratingRig) {
			r.typeNumber(t, "قيّم خدمتنا", "A", "1")
			test.Tap(r.button(t, "متابعة"))
		}},
		{"rejected", func(t *testing.T, r *ratingRig) {
			r.typeNumber(t, "قيّم خدمتنا", "A", "2")
			test.Tap(r.button(t, "متابعة"))
			r.pass()
			r.tapFace(t, "جيد")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRatingRig(t)
			tt.drive(t, r)
			if r.shows("يرجى اختيار الخدمة") {
				t.Fatalf("start screen shown before the timeout; texts: %q", r.texts())
			}
			r.clock.Advance(45 * time.Second)
			if !r.shows("يرجى اختيار الخدمة") {
				t.Errorf("start screen not shown after the idle timeout; texts: %q", r.texts())
			}
			if n := r.clock.Pending(); n != 0 {
				t.Errorf("%d timers pending on the start screen, want 0", n)
			}
		})
	}
}

func TestRatingScreensFit(t *testing.T) {
	for _, lang := range []string{"ar", "en"} {
		for _, step := range []string{"start", "keypad", "faces", "rejected"} {
			t.Run(lang+"/"+step, func(t *testing.T) {
				r := newRatingRig(t)
				s := r.screen.Session()
				s.SetLang(lang)
				r.pass()
				if step != "start" {
					s.StartRating()
				}
				r.pass()
				switch step {
				case "faces":
					s.RateTicket("A-001")
				case "rejected":
					s.RateTicket("A-002")
					s.RatingRejected("kiosk.rate.not_served")
				}
				for _, size := range screenSizes {
					r.window.Resize(size)
					if min := r.window.Content().MinSize(); min.Width > size.Width || min.Height > size.Height {
						t.Errorf("at %v the content needs %v, more than the screen", size, min)
					}
					for _, b := range r.buttons() {
						checkButtonFits(t, b)
					}
				}
			})
		}
	}
}

func TestRatingBackToStart(t *testing.T) {
	r := newRatingRig(t)
	r.typeNumber(t, "قيّم خدمتنا")
	test.Tap(r.button(t, "التقييم دون رقم تذكرة"))
	r.pass()
	test.Tap(r.button(t, "رجوع"))
	if !r.shows("يرجى اختيار الخدمة") {
		t.Errorf("start screen not shown after back from the faces; texts: %q", r.texts())
	}
	if n := len(r.ratings(t)); n != 0 {
		t.Errorf("%d ratings stored after back, want 0", n)
	}
	if n := r.clock.Pending(); n != 0 {
		t.Errorf("%d timers pending on the start screen, want 0", n)
	}
}
