// Package ledgerui draws the social assistance ledger's screen at the
// reception desk and in the express vehicle with Fyne. The screen has the
// form for a bank transaction or an exchange with a numeric keypad, the
// confirmation before money is recorded, the day's entries with their
// reversals, and the supervisor's reversal and day close.
//
// It holds no rules: it draws what package ledgerdesk returns and forwards
// taps to its Flow. The flow's calls run off the UI goroutine, because a
// print can take seconds, and their results come back through fyne.Do in
// one place, Screen.run.
package ledgerui

import (
	"context"
	"errors"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/assets/i18n"
	kioskui "frontdesk/kiosk/ui"
	"frontdesk/reception/ledgerdesk"
	"frontdesk/store/ledger"
)

// Session is the desk's sign-in and queue state that the screen reads
// when the staff member acts. The desk and the vehicle each provide one.
type Session interface {
	// Staff returns the signed-in staff member, with an empty ID when no
	// staff member is signed in.
	Staff() ledgerdesk.Staff
	// Ticket returns the number of the ticket being served, or "".
	Ticket() string
}

// FixedSession is a Session that does not change, for a vehicle with one
// crew member signed in, and for tests.
type FixedSession struct {
	StaffMember  ledgerdesk.Staff
	TicketNumber string
}

// Staff implements Session.
func (f FixedSession) Staff() ledgerdesk.Staff { return f.StaffMember }

// Ticket implements Session.
func (f FixedSession) Ticket() string { return f.TicketNumber }

// step is what the entry area shows.
type step int

const (
	stepForm   step = iota // the form and the keypad
	stepReview             // the entry to confirm
	stepResult             // the outcome of recording
)

// Screen is the ledger's panel of the desk. Put Content in a window or a
// tab of the desk. Every method runs on the UI goroutine.
type Screen struct {
	flow    *ledgerdesk.Flow
	cat     *i18n.Catalog
	session Session
	t       texts
	root    *fyne.Container
	panel   *panel

	// async runs the flow's calls off the UI goroutine. Tests turn it off.
	async bool
	// busy is true while a call that records or prints runs, so a second
	// tap does nothing.
	busy bool

	form   *formView
	review *reviewView
	result *resultView
	day    *dayView

	step       step
	entryArea  *fyne.Container
	status     *kioskui.BidiLabel
	statusBack *canvas.Rectangle
	header     *kioskui.BidiLabel
}

// New returns the ledger screen of flow in lang ("ar" or "en"), mirrored
// for Arabic. session supplies the signed-in staff member and the ticket
// being served.
func New(flow *ledgerdesk.Flow, lang string, cat *i18n.Catalog, session Session) (*Screen, error) {
	return newScreen(flow, lang, cat, session, true)
}

// newScreen is New with the choice to run the flow's calls on the UI
// goroutine, which tests make.
func newScreen(flow *ledgerdesk.Flow, lang string, cat *i18n.Catalog, session Session, async bool) (*Screen, error) {
	if session == nil {
		return nil, errors.New("ledgerui: nil session, pass the desk's or a FixedSession")
	}
	t, err := newTexts(cat, lang, flow.Config().MaxAmount)
	if err != nil {
		return nil, err
	}
	s := &Screen{flow: flow, cat: cat, session: session, t: t, root: container.NewStack(), async: async}
	s.panel = newPanel(s.root, s.shownAgain)
	s.build(ledgerdesk.Form{})
	s.Refresh()
	return s, nil
}

// Content returns the screen's root object. Each time it is shown again
// after being hidden, as when the staff member opens the ledger's tab, the
// screen calls Refresh itself.
func (s *Screen) Content() fyne.CanvasObject { return s.panel }

// shownAgain refreshes the screen after the panel is shown again. Fyne
// calls Show from inside a layout, so the refresh is queued behind it.
func (s *Screen) shownAgain() {
	if !s.async {
		s.Refresh()
		return
	}
	go fyne.Do(s.Refresh)
}

// Language returns the screen's language.
func (s *Screen) Language() string { return s.t.lang }

// SetLanguage redraws the screen in lang, mirrored for Arabic. The form
// keeps what was typed and its idempotency key.
func (s *Screen) SetLanguage(lang string) error {
	t, err := newTexts(s.cat, lang, s.flow.Config().MaxAmount)
	if err != nil {
		return err
	}
	form := s.form.values()
	s.t = t
	s.build(form)
	s.Refresh()
	return nil
}

// Refresh reloads the day's entries and redraws what depends on the
// session: the staff member's name, the ticket and the supervisor's
// actions. Call it after a sign-in, a sign-out or a new ticket.
func (s *Screen) Refresh() {
	s.showHeader()
	s.loadDay()
}

// build makes the widgets in the current language, with form filled in.
func (s *Screen) build(form ledgerdesk.Form) {
	if form.Key == "" {
		form = s.flow.NewForm(ledger.KindExchange, "")
		form.Method = ledger.MethodCash
	}
	s.form = newFormView(s, form)
	s.review = newReviewView(s)
	s.result = newResultView(s)
	s.day = newDayView(s)

	s.header = s.t.styled("", theme.SizeNameText, false)
	title := s.t.styled(s.t.get("ledger.title"), theme.SizeNameSubHeadingText, true)
	top := kioskui.NewBorder(s.t.rtl(), nil, nil, title, s.header)

	s.status = s.t.label("")
	s.status.Alignment = fyne.TextAlignCenter
	s.statusBack = canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	statusBar := container.NewStack(s.statusBack, container.NewPadded(s.status))

	s.entryArea = container.NewStack()
	s.step = stepForm
	columns := container.New(&columnsLayout{weights: []float32{8, 5}, rtl: s.t.rtl()},
		s.entryArea, s.day.content)
	s.root.Objects = []fyne.CanvasObject{
		canvas.NewRectangle(theme.Color(theme.ColorNameBackground)),
		container.NewBorder(container.NewVBox(top, widget.NewSeparator()), statusBar, nil, nil, columns),
	}
	s.showEntryArea()
	s.root.Refresh()
}

// showHeader draws who is signed in and the ticket being served.
func (s *Screen) showHeader() {
	staff := s.session.Staff()
	who := s.t.get("ledger.staff.none")
	if staff.ID != "" {
		who = s.t.with("ledger.staff", map[string]any{"Name": staff.Name, "Role": s.t.get("ledger.role." + staff.Role)})
	}
	ticket := s.t.get("ledger.ticket.none")
	if n := s.session.Ticket(); n != "" {
		ticket = s.t.with("ledger.ticket", map[string]any{"Number": s.t.ltr(n)})
	}
	s.header.SetText(who + "   " + ticket)
}

// showEntryArea puts the view of the current step in the entry area, or
// the closed-day notice when today is closed.
func (s *Screen) showEntryArea() {
	var view fyne.CanvasObject
	switch {
	case s.day.today.Closed:
		// A closed day takes no entries, which matters more than the
		// outcome of the last one: its reprint stays in the day's list.
		view = s.day.closedNotice()
	case s.step == stepResult:
		view = s.result.content
	case s.step == stepReview:
		view = s.review.content
	default:
		view = s.form.content
	}
	s.entryArea.Objects = []fyne.CanvasObject{view}
	s.entryArea.Refresh()
}

// setStatus shows a message in the status bar, in the error colour when
// bad is set.
func (s *Screen) setStatus(msg string, bad bool) {
	s.status.ColorName = ""
	s.statusBack.FillColor = theme.Color(theme.ColorNameHeaderBackground)
	if bad && msg != "" {
		s.status.ColorName = theme.ColorNameForegroundOnError
		s.statusBack.FillColor = theme.Color(theme.ColorNameError)
	}
	s.status.SetText(msg)
	s.statusBack.Refresh()
}

// run calls work with a context, off the UI goroutine unless the screen
// is synchronous for a test, and then calls done on the UI goroutine.
func (s *Screen) run(work func(ctx context.Context) func()) {
	if !s.async {
		work(context.Background())()
		return
	}
	go func() {
		done := work(context.Background())
		fyne.Do(done)
	}()
}

// loadDay reloads today's entries and redraws the day and the entry area.
func (s *Screen) loadDay() {
	today := s.flow.Today()
	s.run(func(ctx context.Context) func() {
		list, err := s.flow.List(ctx, today)
		return func() {
			if err != nil {
				s.setStatus(s.t.errorText(err), true)
				return
			}
			s.day.show(list)
			s.showEntryArea()
		}
	})
}

// tall returns obj in a cell at least as tall as a touch target. Hide the
// cell, not obj, to take the row away.
func tall(obj fyne.CanvasObject) *fyne.Container {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(0, touchTarget()))
	return container.NewStack(spacer, obj)
}

// columnsLayout places its objects side by side in widths proportional to
// weights, from the right when rtl is set.
type columnsLayout struct {
	weights []float32
	rtl     bool
}

func (l *columnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	var total float32
	for _, w := range l.weights[:len(objects)] {
		total += w
	}
	room := size.Width - pad*float32(len(objects)-1)
	x := float32(0)
	for i, o := range objects {
		w := room * l.weights[i] / total
		pos := x
		if l.rtl {
			pos = size.Width - x - w
		}
		o.Move(fyne.NewPos(pos, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (l *columnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		m := o.MinSize()
		s.Width += m.Width
		s.Height = max(s.Height, m.Height)
	}
	return s.AddWidthHeight(theme.Padding()*float32(max(0, len(objects)-1)), 0)
}

// panel is the screen's root widget. It calls onShow when it is shown
// after being hidden, which is how a tab container reveals its content.
type panel struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onShow  func()
}

func newPanel(content fyne.CanvasObject, onShow func()) *panel {
	p := &panel{content: content, onShow: onShow}
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *panel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.content) }

// Show implements fyne.CanvasObject.
func (p *panel) Show() {
	hidden := !p.Visible()
	p.BaseWidget.Show()
	if hidden {
		p.onShow()
	}
}
