// Package rate is the kiosk's rating screen. It shows four large faces with
// their words (very good, good, bad, very bad) in the session's language.
// After bad or very bad it asks one optional follow-up question with a few
// large reasons. A thank-you screen then returns to the caller after a few
// seconds. Arabic screens are mirrored, so the best face is on the right,
// where reading starts.
//
// The screen stores the rating as soon as a face is tapped, so a citizen
// who walks away still counts, and ignores every further face tap: a
// double tap stores one rating.
package rate

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/assets/i18n"
	"frontdesk/store/rating"
)

// Rater stores ratings. *rating.Book implements it.
type Rater interface {
	Add(ctx context.Context, nr rating.NewRating) (rating.Rating, rating.Outcome, error)
	SetReason(ctx context.Context, id string, reason rating.Reason) (rating.Rating, error)
}

// Timer is a pending AfterFunc call.
type Timer interface {
	Stop() bool
}

// AfterFunc calls f in its own goroutine once d has passed.
type AfterFunc func(d time.Duration, f func()) Timer

// Defaults of Config.
const (
	DefaultThanksDelay   = 4 * time.Second
	DefaultReasonTimeout = 20 * time.Second
)

// Stage is the part of the rating the screen shows.
type Stage int

// Stages, in order.
const (
	StageFaces  Stage = iota // the four faces
	StageReason              // the optional reason after bad or very bad
	StageThanks              // thank you, or why the rating was not stored
	StageDone                // OnDone was called
)

// Config holds the rating screen's store, language, ticket and timers.
type Config struct {
	Rater     Rater
	Localizer *i18n.Localizer // the session's language
	// TicketID ties the rating to a ticket. Empty with Number empty gives
	// an anonymous rating.
	TicketID string
	// Number is the ticket number as printed. It is shown on the screen,
	// and looked up in today's tickets when TicketID is empty.
	Number string
	// Terminal is this kiosk's or desk screen's terminal id.
	Terminal string
	// ThanksDelay is how long the thank-you screen stays. Zero means
	// DefaultThanksDelay.
	ThanksDelay time.Duration
	// ReasonTimeout is how long the reason question waits for a tap
	// before it thanks the citizen. Zero means DefaultReasonTimeout.
	ReasonTimeout time.Duration
	// AfterFunc runs the timers. Nil means time.AfterFunc.
	AfterFunc AfterFunc
	// OnDone is called once, on the UI goroutine, when the screen is
	// finished and the caller should show its next screen.
	OnDone func()
}

// Screen is one rating, from the faces to the thank-you screen.
type Screen struct {
	cfg  Config
	rtl  bool
	root *fyne.Container

	mu     sync.Mutex // guards the fields below, which timers also read
	stage  Stage
	stored rating.Rating
	timer  Timer
}

// New returns a rating screen showing the four faces.
func New(cfg Config) *Screen {
	if cfg.ThanksDelay <= 0 {
		cfg.ThanksDelay = DefaultThanksDelay
	}
	if cfg.ReasonTimeout <= 0 {
		cfg.ReasonTimeout = DefaultReasonTimeout
	}
	if cfg.AfterFunc == nil {
		cfg.AfterFunc = func(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }
	}
	s := &Screen{cfg: cfg, rtl: cfg.Localizer.Lang() == i18n.Arabic, root: container.NewStack()}
	s.show(s.facesView())
	return s
}

// Content returns the screen's root object, to place in a window.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

// Stage returns the part of the rating the screen shows.
func (s *Screen) Stage() Stage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stage
}

// Rating returns the stored rating, or the zero Rating before a face is
// tapped or when storing failed.
func (s *Screen) Rating() rating.Rating {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stored
}

// Close stops the pending timer without calling OnDone, for a caller that
// leaves the screen early.
func (s *Screen) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	s.stage = StageDone
}

func (s *Screen) text(id string) string { return s.cfg.Localizer.Text(id, nil) }

func (s *Screen) show(view fyne.CanvasObject) {
	s.root.Objects = []fyne.CanvasObject{view}
	s.root.Refresh()
}

// rate stores the tapped level. Only the first tap on the faces counts.
func (s *Screen) rate(level rating.Level) {
	s.mu.Lock()
	if s.stage != StageFaces {
		s.mu.Unlock()
		return
	}
	s.stage = StageReason // leaves the faces before the store is asked
	s.mu.Unlock()

	r, _, err := s.cfg.Rater.Add(context.Background(), rating.NewRating{TicketID: s.cfg.TicketID,
		Number: s.cfg.Number, Level: level, Terminal: s.cfg.Terminal})
	if err != nil {
		s.thank(s.errorText(err))
		return
	}
	s.mu.Lock()
	s.stored = r
	s.mu.Unlock()

	if !level.Negative() {
		s.thank(s.text("rate.thanks.detail"))
		return
	}
	s.show(s.reasonView())
	s.after(s.cfg.ReasonTimeout, StageReason, func() { s.thank(s.text("rate.thanks.detail")) })
}

func (s *Screen) errorText(err error) string {
	if errors.Is(err, rating.ErrAlreadyRated) {
		return s.text("rate.error.already")
	}
	return s.text("rate.error.saved")
}

// giveReason adds the tapped reason, or none for skip, and thanks.
func (s *Screen) giveReason(reason rating.Reason) {
	s.mu.Lock()
	if s.stage != StageReason {
		s.mu.Unlock()
		return
	}
	s.stopTimerLocked()
	id := s.stored.ID
	s.mu.Unlock()

	detail := s.text("rate.thanks.detail")
	if reason != rating.ReasonNone {
		r, err := s.cfg.Rater.SetReason(context.Background(), id, reason)
		if err != nil {
			detail = s.errorText(err)
		} else {
			s.mu.Lock()
			s.stored = r
			s.mu.Unlock()
		}
	}
	s.thank(detail)
}

// thank shows the thank-you screen with a detail line and finishes after
// ThanksDelay.
func (s *Screen) thank(detail string) {
	s.mu.Lock()
	if s.stage == StageThanks || s.stage == StageDone {
		s.mu.Unlock()
		return
	}
	s.stage = StageThanks
	s.stopTimerLocked()
	s.mu.Unlock()

	s.show(s.thanksView(detail))
	s.after(s.cfg.ThanksDelay, StageThanks, s.finish)
}

func (s *Screen) finish() {
	s.mu.Lock()
	if s.stage == StageDone {
		s.mu.Unlock()
		return
	}
	s.stage = StageDone
	s.mu.Unlock()
	if s.cfg.OnDone != nil {
		s.cfg.OnDone()
	}
}

// after runs f on the UI goroutine once d has passed, if the screen is
// still at stage then.
func (s *Screen) after(d time.Duration, stage Stage, f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopTimerLocked()
	s.timer = s.cfg.AfterFunc(d, func() {
		fyne.Do(func() {
			if s.Stage() == stage {
				f()
			}
		})
	})
}

func (s *Screen) stopTimerLocked() {
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
}

// title returns a large centred line. Each line holds one script, which
// Fyne draws in its own direction.
func title(text string, scale float32, bold bool) *canvas.Text {
	t := canvas.NewText(text, theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.TextSize() * scale
	t.TextStyle = fyne.TextStyle{Bold: bold}
	t.Alignment = fyne.TextAlignCenter
	return t
}

// inReadingOrder reverses objects on a right-to-left screen, so the first
// one is where reading starts.
func (s *Screen) inReadingOrder(objects []fyne.CanvasObject) []fyne.CanvasObject {
	if !s.rtl {
		return objects
	}
	out := make([]fyne.CanvasObject, len(objects))
	for i, o := range objects {
		out[len(objects)-1-i] = o
	}
	return out
}

func (s *Screen) facesView() fyne.CanvasObject {
	var faces []fyne.CanvasObject
	for _, l := range rating.Levels() {
		faces = append(faces, newFaceButton(l, s.text("rate.level."+l.String()), s.rate))
	}
	header := container.NewVBox(title(s.text("rate.prompt"), 2.2, true))
	if s.cfg.Number != "" {
		// The number is its own text object so that it keeps its
		// left-to-right order next to an Arabic word.
		word := title(s.cfg.Localizer.Text("rate.ticket", map[string]any{"Number": ""}), 1.4, false)
		number := title(s.cfg.Number, 1.4, true)
		header.Add(container.NewCenter(container.NewHBox(s.inReadingOrder([]fyne.CanvasObject{word, number})...)))
	}
	grid := container.NewGridWithColumns(len(faces), s.inReadingOrder(faces)...)
	return container.NewPadded(container.NewBorder(container.NewPadded(header), nil, nil, nil, grid))
}

func (s *Screen) reasonView() fyne.CanvasObject {
	var buttons []fyne.CanvasObject
	for _, r := range rating.Reasons() {
		buttons = append(buttons, s.bigButton(s.text("rate.reason."+string(r)), widget.MediumImportance,
			func() { s.giveReason(r) }))
	}
	skip := s.bigButton(s.text("rate.reason.skip"), widget.LowImportance, func() { s.giveReason(rating.ReasonNone) })
	header := container.NewVBox(title(s.text("rate.reason.prompt"), 2.2, true),
		title(s.text("rate.reason.optional"), 1.2, false))
	grid := container.NewGridWithColumns(3, s.inReadingOrder(buttons[:3])...)
	grid2 := container.NewGridWithColumns(3, s.inReadingOrder(append(buttons[3:], skip))...)
	return container.NewPadded(container.NewBorder(container.NewPadded(header), nil, nil, nil,
		container.NewGridWithRows(2, grid, grid2)))
}

// bigButton is a button with large text for a finger.
func (s *Screen) bigButton(label string, importance widget.Importance, tapped func()) fyne.CanvasObject {
	b := widget.NewButton("", tapped)
	b.Importance = importance
	text := title(label, 1.6, true)
	return container.NewStack(b, container.NewCenter(text))
}

func (s *Screen) thanksView(detail string) fyne.CanvasObject {
	return container.NewCenter(container.NewVBox(
		title(s.text("rate.thanks"), 3, true),
		layout.NewSpacer(),
		title(detail, 1.5, false),
	))
}
