// Package ui draws the kiosk's touchscreen with Fyne: the start screen with
// the language button and the service grid, the priority choice, the
// printing state and the confirmation with the ticket number. It only draws
// what a kiosk.Session reports and forwards taps to it.
//
// Fyne v2.8 has no right-to-left mode, so Arabic screens are built mirrored
// (NewHBox, NewBorder, NewGrid) and mixed Arabic and Latin lines are drawn
// by BidiLabel. The reception desk reuses these widgets.
package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/assets/i18n"
	"frontdesk/kiosk"
	"frontdesk/kiosk/ui/rate"
)

// Screen is the kiosk's touchscreen for one citizen at a time. Put
// Content in a window; call Close when the window closes.
type Screen struct {
	session *kiosk.Session
	catalog *i18n.Catalog
	root    *fyne.Container

	// rating is set by EnableRating, and rateScreen is the rating screen
	// on show, if any. Only the UI goroutine uses them.
	rating     *RatingConfig
	rateScreen *rate.Screen

	// drawn is the state on the screen, and hasDrawn whether there is
	// one. Only the UI goroutine uses them.
	drawn    kiosk.State
	hasDrawn bool
}

// New returns the screen of a kiosk, with a session of its own, on the
// start screen in the kiosk's default language.
func New(k *kiosk.Kiosk, catalog *i18n.Catalog) *Screen {
	s := &Screen{catalog: catalog, root: container.NewStack()}
	// The session reports changes from taps, timers and the printing
	// goroutine; this is the one place they reach the UI goroutine.
	s.session = k.NewSession(func() { fyne.Do(s.render) })
	s.render()
	return s
}

// Content returns the object to put in the window.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

// Session returns the session the screen draws.
func (s *Screen) Session() *kiosk.Session { return s.session }

// Close ends the session, waiting for a ticket being printed, and stops
// the timers of a rating on show.
func (s *Screen) Close() {
	s.session.Close()
	fyne.Do(s.closeRating)
}

// render redraws the screen for the session's current state. It runs on the
// UI goroutine.
func (s *Screen) render() {
	st := s.session.State()
	if s.hasDrawn && sameView(s.drawn, st) {
		return
	}
	s.drawn, s.hasDrawn = st, true

	loc, err := s.catalog.Localizer(st.Lang)
	if err != nil {
		// The session only accepts languages of the catalog.
		loc, _ = s.catalog.Localizer(i18n.Languages()[0])
	}
	v := view{screen: s, state: st, loc: loc, rtl: st.Lang == i18n.Arabic}

	// A rating screen left by a timeout or a rejection must not finish
	// later and move the next citizen's screen.
	s.closeRating()
	var body fyne.CanvasObject
	switch {
	case st.Step == kiosk.StepPriority:
		body = v.priority()
	case st.Step == kiosk.StepPrinting:
		body = v.printing()
	case st.Step == kiosk.StepDone:
		body = v.done()
	case st.Step == kiosk.StepRateNumber && s.rating != nil:
		body = v.rateNumber()
	case st.Step == kiosk.StepRating && s.rating != nil:
		body = v.rating()
	case st.Step == kiosk.StepRateRejected && s.rating != nil:
		body = v.rateRejected()
	default:
		body = v.start()
	}

	pad := theme.Padding() * 2
	s.root.Objects = []fyne.CanvasObject{
		canvas.NewRectangle(theme.Color(theme.ColorNameBackground)),
		newTouchArea(s.session.Touch),
		container.New(&paddedLayout{pad: pad}, NewBorder(v.rtl, v.header(), nil, nil, nil, body)),
	}
	s.root.Refresh()
}

// sameView reports whether two states draw the same screen.
func sameView(a, b kiosk.State) bool {
	return a.Step == b.Step && a.Lang == b.Lang && a.Service.ID == b.Service.ID &&
		a.Result.Ticket.ID == b.Result.Ticket.ID && a.Result.Message == b.Result.Message && a.Rate == b.Rate
}

// touchArea lies behind the screen's content and reports the taps that
// miss every button, so a citizen who is reading and touches the screen
// restarts the idle timeout. Fyne has no global input hook to do this.
type touchArea struct {
	widget.BaseWidget
	onTap func()
}

func newTouchArea(onTap func()) *touchArea {
	a := &touchArea{onTap: onTap}
	a.ExtendBaseWidget(a)
	return a
}

// Tapped implements fyne.Tappable.
func (a *touchArea) Tapped(*fyne.PointEvent) { a.onTap() }

// CreateRenderer implements fyne.Widget.
func (a *touchArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// paddedLayout insets its objects by pad on every side.
type paddedLayout struct{ pad float32 }

func (l *paddedLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(l.pad, l.pad))
		o.Resize(fyne.NewSize(size.Width-2*l.pad, size.Height-2*l.pad))
	}
}

func (l *paddedLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s.AddWidthHeight(2*l.pad, 2*l.pad)
}
