package ui

import (
	"context"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	fdtheme "frontdesk/assets/theme"
	"frontdesk/kiosk"
	"frontdesk/kiosk/ui/rate"
	"frontdesk/store/rating"
)

// RatingConfig lets citizens rate a visit at the kiosk.
type RatingConfig struct {
	// Rater stores the ratings. *rating.Book implements it.
	Rater rate.Rater
	// Terminal is the kiosk's terminal id, which anonymous ratings carry.
	Terminal string
	// NumberPrefix is the store's ticket number prefix, "V1" on an express
	// vehicle, which citizens do not type. Empty in a hall.
	NumberPrefix string
}

// EnableRating shows a button on the start screen that lets a citizen rate
// a visit, with their ticket number or anonymously. A config with a nil
// Rater hides the button again. Call it on the UI goroutine.
func (s *Screen) EnableRating(cfg RatingConfig) {
	s.rating = nil
	if cfg.Rater != nil {
		s.rating = &cfg
	}
	s.hasDrawn = false
	s.render()
}

// maxSequenceDigits is the number of digits in a ticket number.
const maxSequenceDigits = 3

// numberEntry is the ticket number a citizen types on the keypad: a
// service letter and up to three digits.
type numberEntry struct {
	letter, digits string
	display        *canvas.Text
	problem        *BidiLabel
}

func (e *numberEntry) text() string { return e.letter + e.digits }

// show draws the typed letter and digits with a dash between them, as on
// the ticket, and clears the problem line.
func (e *numberEntry) show() {
	text := e.letter
	if e.letter != "" && e.digits != "" {
		text += "-"
	}
	e.display.Text = text + e.digits
	e.display.Refresh()
	e.problem.SetText("")
}

func (e *numberEntry) typeLetter(letter string) {
	e.letter = letter
	e.show()
}

func (e *numberEntry) typeDigit(digit string) {
	if len(e.digits) < maxSequenceDigits {
		e.digits += digit
	}
	e.show()
}

func (e *numberEntry) deleteLast() {
	if e.digits != "" {
		e.digits = e.digits[:len(e.digits)-1]
	} else {
		e.letter = ""
	}
	e.show()
}

// rateNumber is the keypad for the ticket number, with the choice to rate
// without one.
func (v view) rateNumber() fyne.CanvasObject {
	entry := &numberEntry{
		display: canvas.NewText("", theme.Color(theme.ColorNamePrimary)),
		problem: v.label("", theme.SizeNameSubHeadingText, true, fyne.TextAlignCenter),
	}
	entry.display.TextSize = theme.Size(theme.SizeNameHeadingText) * 1.6
	entry.display.TextStyle.Bold = true
	entry.display.Alignment = fyne.TextAlignCenter
	entry.problem.ColorName = theme.ColorNameError
	entry.problem.Wrap = true
	entry.problem.Refresh()

	// Each key restarts the idle timeout, because typing changes no
	// session state.
	touch := v.session().Touch
	keys := newKeypad(v.session().Kiosk().Letters(),
		func(letter string) { touch(); entry.typeLetter(letter) },
		func(digit string) { touch(); entry.typeDigit(digit) })
	deleteKey := newKey(v.loc.Text("kiosk.rate.number.delete", nil), func() { touch(); entry.deleteLast() })

	hint := v.label(v.loc.Text("kiosk.rate.number.hint", nil), theme.SizeNameSubHeadingText, false, fyne.TextAlignCenter)
	hint.Wrap = true
	hint.Refresh()
	prompt := v.label(v.loc.Text("kiosk.rate.number.prompt", nil), theme.SizeNameHeadingText, true,
		fyne.TextAlignCenter)
	prompt.Wrap = true
	prompt.Refresh()
	display := NewBorder(v.rtl, nil, nil, nil, deleteKey, container.NewStack(newDisplayBox(), entry.display))
	// Top-aligned, so the keypad does not move when a problem line appears.
	info := container.NewVBox(prompt, hint, display, entry.problem)

	back := NewBigButton(nil, v.loc.Text("kiosk.back", nil), "", func() { v.session().Back() })
	anonymous := NewBigButton(nil, v.loc.Text("kiosk.rate.anonymous", nil), "", func() {
		v.session().RateAnonymously()
	})
	next := NewBigButton(nil, v.loc.Text("kiosk.rate.number.continue", nil), "", func() {
		v.screen.rateTicket(v, entry)
	})
	actions := NewBorder(v.rtl, nil, nil, back, next, container.NewCenter(anonymous))
	body := container.NewGridWithColumns(2, inReadingOrder(v.rtl, []fyne.CanvasObject{info, keys})...)
	return container.NewBorder(nil, actions, nil, nil, body)
}

// rateTicket starts the rating of the typed ticket number, or shows why
// the number is invalid.
func (s *Screen) rateTicket(v view, entry *numberEntry) {
	s.session.Touch()
	number, err := s.session.Kiosk().ParseTicketNumber(entry.text())
	switch {
	case entry.text() == "":
		entry.problem.SetText(v.loc.Text("kiosk.rate.number.empty", nil))
		return
	case err != nil:
		entry.problem.SetText(v.loc.Text("kiosk.rate.number.invalid", map[string]any{"Input": entry.display.Text}))
		return
	}
	if s.rating.NumberPrefix != "" {
		number = s.rating.NumberPrefix + "-" + number
	}
	s.session.RateTicket(number)
}

// keypadRows is the number of rows of keys, which fit the height of a
// 1024×768 screen beside the prompt.
const keypadRows = 4

// newKeypad returns the keys of a ticket number: the service letters in
// columns on the left and the digits as on a telephone keypad on the
// right, every key the same size. The letters come first in a ticket
// number, so they are on the left in both languages, as the number is
// written.
func newKeypad(letters []string, typeLetter, typeDigit func(string)) fyne.CanvasObject {
	letterCols := max(1, (len(letters)+keypadRows-1)/keypadRows)
	digitRows := [keypadRows][]string{{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"", "0", ""}}
	blank := func() fyne.CanvasObject { return canvas.NewRectangle(color.Transparent) }

	// The grid skips hidden objects, so empty cells are transparent
	// rectangles.
	var keys []fyne.CanvasObject
	for row := range keypadRows {
		for col := range letterCols {
			i := row*letterCols + col
			if i >= len(letters) {
				keys = append(keys, blank())
				continue
			}
			letter := letters[i]
			keys = append(keys, newKey(letter, func() { typeLetter(letter) }))
		}
		for _, digit := range digitRows[row] {
			if digit == "" {
				keys = append(keys, blank())
				continue
			}
			keys = append(keys, newKey(digit, func() { typeDigit(digit) }))
		}
	}
	return NewGrid(false, letterCols+3, keys...)
}

// newKey returns a keypad key: a compact button with one label.
func newKey(label string, tapped func()) *BigButton {
	b := NewBigButton(nil, label, "", tapped)
	b.Compact = true
	return b
}

// newDisplayBox returns the frame behind the typed number.
func newDisplayBox() fyne.CanvasObject {
	box := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	box.StrokeColor = theme.Color(theme.ColorNamePrimary)
	box.StrokeWidth = 3
	box.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	box.SetMinSize(fyne.NewSize(theme.Size(fdtheme.SizeNameTouchTarget)*3, theme.Size(fdtheme.SizeNameTouchTarget)*1.2))
	return box
}

// rating is the four faces of the rating screen, for the ticket in the
// session's state or anonymous.
func (v view) rating() fyne.CanvasObject {
	cfg := v.screen.rating
	clock := v.session().Kiosk().Config().Clock
	v.screen.rateScreen = rate.New(rate.Config{
		Rater:     sessionRater{rater: cfg.Rater, session: v.session()},
		Localizer: v.loc,
		Number:    v.state.Rate.Number,
		Terminal:  cfg.Terminal,
		AfterFunc: func(d time.Duration, f func()) rate.Timer { return clock.AfterFunc(d, f) },
		OnDone:    func() { v.session().RatingDone() },
	})

	// The second tap of a double tap on the button that led here must not
	// rate, so a shield over the faces takes the taps for kiosk.TapGuard.
	shield := newTouchArea(v.session().Touch)
	clock.AfterFunc(kiosk.TapGuard, func() { fyne.Do(shield.Hide) })

	// A citizen who came here by mistake need not wait for the idle
	// timeout.
	back := NewBigButton(nil, v.loc.Text("kiosk.back", nil), "", func() { v.session().Back() })
	return container.NewBorder(nil, NewHBox(v.rtl, back), nil, nil,
		container.NewStack(v.screen.rateScreen.Content(), shield))
}

// rateRejected shows why the rating of a ticket was rejected and offers
// to rate without a ticket number.
func (v view) rateRejected() fyne.CanvasObject {
	message := v.label(v.loc.Text(v.state.Rate.Problem, map[string]any{"Number": v.state.Rate.Number}),
		theme.SizeNameSubHeadingText, true, fyne.TextAlignCenter)
	message.Wrap = true
	message.Refresh()

	anonymous := NewBigButton(nil, v.loc.Text("kiosk.rate.anonymous", nil), "", func() {
		v.session().RateAnonymously()
	})
	finish := NewBigButton(nil, v.loc.Text("kiosk.done.finish", nil), "", func() { v.session().Finish() })
	buttons := NewHBox(v.rtl, anonymous, finish)
	// Spacers, not a centring container, so the message keeps the full
	// width to wrap in.
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSquareSize(theme.Size(theme.SizeNamePadding) * 2))
	return container.NewVBox(layout.NewSpacer(), message, gap, container.NewCenter(buttons), layout.NewSpacer())
}

// closeRating stops the timers of the rating screen that is shown, if one
// is.
func (s *Screen) closeRating() {
	if s.rateScreen != nil {
		s.rateScreen.Close()
		s.rateScreen = nil
	}
}

// sessionRater passes ratings to the book and reports them to the session.
// Each one restarts the idle timeout, and a rating the book rejects for its
// ticket number moves the session to the offer to rate anonymously.
type sessionRater struct {
	rater   rate.Rater
	session *kiosk.Session
}

func (r sessionRater) Add(ctx context.Context, nr rating.NewRating) (rating.Rating, rating.Outcome, error) {
	r.session.Touch()
	stored, outcome, err := r.rater.Add(ctx, nr)
	if problem, ok := kiosk.RatingProblem(err); ok && nr.Number != "" {
		r.session.RatingRejected(problem)
	}
	return stored, outcome, err
}

func (r sessionRater) SetReason(ctx context.Context, id string, reason rating.Reason) (rating.Rating, error) {
	r.session.Touch()
	return r.rater.SetReason(ctx, id, reason)
}
