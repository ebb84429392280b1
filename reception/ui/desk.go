package ui

import (
	"context"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"frontdesk/assets/i18n"
	"frontdesk/reception"
)

// Desk is the reception desk's screen: the sign-in screen, then the
// counter's ticket, actions, request form and open requests.
type Desk struct {
	desk *reception.Desk
	cat  *i18n.Catalog
	t    texts
	root *fyne.Container

	signIn *signInView
	main   *deskView
	// shown is the view in root: the sign-in or the desk.
	shown fyne.CanvasObject
	// async runs intents off the UI goroutine, so a slow printer or PIN
	// hash never freezes the screen. Tests turn it off.
	async bool
	// busy is set while an intent runs. A tap meanwhile is dropped, so a
	// double tap on Call next calls one ticket, not two.
	busy atomic.Bool
}

// NewDesk returns the desk screen of presenter d in lang ("ar" or "en"),
// and makes itself d's change callback. Start the presenter with Run.
func NewDesk(d *reception.Desk, cat *i18n.Catalog, lang string) (*Desk, error) {
	t, err := newTexts(cat, lang)
	if err != nil {
		return nil, err
	}
	s := &Desk{desk: d, cat: cat, t: t, root: container.NewStack(), async: true}
	s.build()
	d.SetOnChange(func(state reception.DeskState) {
		fyne.Do(func() { s.update(state) })
	})
	return s, nil
}

// Content returns the screen's root object, for a window's SetContent.
func (s *Desk) Content() fyne.CanvasObject { return s.root }

// Run runs the presenter's idle sign-out and queue updates until ctx is
// done.
func (s *Desk) Run(ctx context.Context) error { return s.desk.Run(ctx) }

// Language returns the screen's language.
func (s *Desk) Language() string { return s.t.lang }

// SetLanguage redraws the screen in lang, mirrored for Arabic. Text typed
// in the request form is kept.
func (s *Desk) SetLanguage(lang string) error {
	t, err := newTexts(s.cat, lang)
	if err != nil {
		return err
	}
	var form formValues
	if s.main != nil {
		form = s.main.form.values()
	}
	s.t = t
	s.build()
	s.main.form.restore(form)
	s.update(s.desk.State())
	return nil
}

func (s *Desk) switchLanguage() {
	next := i18n.English
	if s.t.lang == i18n.English {
		next = i18n.Arabic
	}
	_ = s.SetLanguage(next) // both languages always load
}

func (s *Desk) build() {
	s.signIn = newSignInView(s.t, s.desk.Config().Counter, s.doSignIn, s.switchLanguage)
	s.main = newDeskView(s.t, s)
	s.shown = nil
	s.update(s.desk.State())
}

// run starts an intent of the presenter. The presenter reports its new
// state through update.
func (s *Desk) run(intent func(ctx context.Context)) {
	s.desk.Touch()
	if !s.busy.CompareAndSwap(false, true) {
		return
	}
	if !s.async {
		defer s.busy.Store(false)
		intent(context.Background())
		return
	}
	go func() {
		defer s.busy.Store(false)
		intent(context.Background())
	}()
}

func (s *Desk) doSignIn(id, pin string) {
	s.run(func(ctx context.Context) { _ = s.desk.SignIn(ctx, id, pin) })
}

// update draws state. It runs on Fyne's UI goroutine.
func (s *Desk) update(state reception.DeskState) {
	var view fyne.CanvasObject = s.signIn.content
	if state.SignedIn {
		view = s.main.content
	}
	if view != s.shown {
		s.root.Objects = []fyne.CanvasObject{view}
		s.root.Refresh()
		s.shown = view
	}
	s.signIn.show(s.t, state)
	if state.SignedIn {
		s.main.show(state)
	} else {
		s.main.form.clear()
	}
}
