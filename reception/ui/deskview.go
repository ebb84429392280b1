package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	kioskui "frontdesk/kiosk/ui"
	"frontdesk/reception"
	"frontdesk/store"
	"frontdesk/store/ident"
)

// deskView is the signed-in desk: a top bar, the ticket panel at the
// start side, the request form in the middle and the open requests at the
// end side, and a status line.
type deskView struct {
	t       texts
	screen  *Desk
	content fyne.CanvasObject

	staff   *kioskui.BidiLabel
	number  *canvas.Text
	service *kioskui.BidiLabel
	calls   *kioskui.BidiLabel
	status  *kioskui.BidiLabel

	callNext, recall, noShow, hold, complete *widget.Button
	transfer                                 *widget.Button
	transferTo                               *widget.Select
	transferCounter                          *widget.Entry
	reprint                                  *widget.Entry

	held    *fyne.Container
	waiting *fyne.Container

	form     *requestForm
	requests *requestList
}

func newDeskView(t texts, s *Desk) *deskView {
	v := &deskView{t: t, screen: s}
	v.form = newRequestForm(t, s)
	v.requests = newRequestList(t, s)

	v.staff = t.label("")
	lang := widget.NewButton(t.get("desk.language"), s.switchLanguage)
	signOut := widget.NewButtonWithIcon(t.get("desk.signout"), theme.LogoutIcon(), func() {
		s.run(func(ctx context.Context) { _ = s.desk.SignOut(ctx) })
	})
	title := t.heading(t.with("desk.title", map[string]any{"Counter": s.desk.Config().Counter}))
	top := kioskui.NewBorder(t.rtl(), nil, nil, title, kioskui.NewHBox(t.rtl(), v.staff, lang, signOut))

	v.status = t.label("")
	v.status.Alignment = fyne.TextAlignCenter
	statusBar := container.NewStack(canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground)), v.status)

	ticket := v.ticketPanel()
	// The request form gets the widest column, because its error
	// messages are single lines that do not wrap.
	columns := container.New(&columnsLayout{weights: []float32{3, 4, 3}, rtl: t.rtl()},
		// Padding keeps the overhang of the last Arabic letter of a
		// right-aligned label inside the scroll's clip.
		container.NewVScroll(container.NewPadded(ticket)),
		// The form's buttons stay below its scrolling fields, so a
		// receptionist never has to scroll to register a request.
		container.NewBorder(nil, container.NewPadded(v.form.buttons), nil, nil,
			container.NewVScroll(container.NewPadded(v.form.content))),
		v.requests.content,
	)
	v.content = container.NewBorder(
		container.NewVBox(top, widget.NewSeparator()),
		statusBar, nil, nil, columns)
	return v
}

// ticketPanel is the current ticket large, the queue actions, the held
// tickets and the waiting counts.
func (v *deskView) ticketPanel() fyne.CanvasObject {
	t, s := v.t, v.screen
	v.number = canvas.NewText("", theme.Color(theme.ColorNamePrimary))
	v.number.TextSize = 96
	v.number.TextStyle = fyne.TextStyle{Bold: true}
	v.number.Alignment = fyne.TextAlignCenter
	v.service = t.label("")
	v.service.Alignment = fyne.TextAlignCenter
	v.calls = t.label("")
	v.calls.Alignment = fyne.TextAlignCenter
	v.calls.ColorName = theme.ColorNamePlaceHolder

	intent := func(do func(context.Context) error) func() {
		return func() { s.run(func(ctx context.Context) { _ = do(ctx) }) }
	}
	v.callNext = widget.NewButtonWithIcon(t.get("desk.call_next"), theme.MediaPlayIcon(), intent(s.desk.CallNext))
	v.callNext.Importance = widget.HighImportance
	v.recall = widget.NewButtonWithIcon(t.get("desk.recall"), theme.MediaReplayIcon(), intent(s.desk.Recall))
	v.noShow = widget.NewButtonWithIcon(t.get("desk.no_show"), theme.CancelIcon(), intent(s.desk.NoShow))
	v.hold = widget.NewButtonWithIcon(t.get("desk.hold"), theme.MediaPauseIcon(), intent(s.desk.Hold))
	v.complete = widget.NewButtonWithIcon(t.get("desk.complete"), theme.ConfirmIcon(), intent(s.desk.Complete))
	v.complete.Importance = widget.SuccessImportance

	v.transferTo = widget.NewSelect(nil, nil)
	v.transferTo.PlaceHolder = t.get("desk.transfer.service")
	v.transferCounter = widget.NewEntry()
	v.transferCounter.SetPlaceHolder(t.get("desk.transfer.counter"))
	v.transfer = widget.NewButtonWithIcon(t.get("desk.transfer"), theme.MailForwardIcon(), v.doTransfer)

	v.reprint = widget.NewEntry()
	v.reprint.SetPlaceHolder(t.get("desk.reprint.prompt"))
	reprint := widget.NewButtonWithIcon(t.get("desk.reprint"), theme.DocumentPrintIcon(), func() {
		ref := v.reprint.Text
		s.run(func(ctx context.Context) { _ = s.desk.Reprint(ctx, ref) })
	})

	actions := kioskui.NewGrid(t.rtl(), 2, v.recall, v.noShow, v.hold, v.complete)
	v.held = container.NewVBox()
	v.waiting = container.NewVBox()
	card := container.NewStack(
		canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground)),
		container.NewVBox(t.heading(t.get("desk.serving")), v.number, v.service, v.calls))
	return container.NewVBox(
		card,
		v.callNext,
		actions,
		kioskui.NewGrid(t.rtl(), 2, v.transferTo, v.transferCounter),
		v.transfer,
		widget.NewSeparator(),
		t.heading(t.get("desk.held")), v.held,
		widget.NewSeparator(),
		t.heading(t.get("desk.waiting")), v.waiting,
		widget.NewSeparator(),
		kioskui.NewBorder(t.rtl(), nil, nil, nil, reprint, v.reprint),
	)
}

func (v *deskView) doTransfer() {
	cfg := v.screen.desk.Config()
	var to store.TransferTarget
	for _, svc := range cfg.Services {
		if svc.Name(v.t.lang) == v.transferTo.Selected {
			to.Service = svc.ID
		}
	}
	if text := strings.TrimSpace(v.transferCounter.Text); text != "" {
		n, err := strconv.Atoi(ident.NormalizeDigits(text))
		if err != nil || n < 1 || n > 999 {
			v.showProblem(v.t.get("desk.error.transfer_counter"))
			return
		}
		to.Counter = n
	}
	if to.Service == "" && to.Counter == 0 {
		v.showProblem(v.t.get("desk.error.transfer_target"))
		return
	}
	v.screen.run(func(ctx context.Context) { _ = v.screen.desk.Transfer(ctx, to) })
}

// show draws the signed-in state.
func (v *deskView) show(s reception.DeskState) {
	t := v.t
	v.staff.SetText(t.with("desk.staff", map[string]any{"Name": s.Staff.Name}))
	cfg := v.screen.desk.Config()

	if s.HasCurrent {
		v.number.Text = s.Current.Number
		v.number.Color = theme.Color(theme.ColorNamePrimary)
		name := s.Current.Service
		if svc, ok := cfg.Service(s.Current.Service); ok {
			name = svc.Name(t.lang)
		}
		v.service.SetText(name)
		v.calls.SetText(t.with("desk.serving.calls", map[string]any{"Count": s.Current.Calls}))
	} else {
		v.number.Text = "—"
		v.number.Color = theme.Color(theme.ColorNamePlaceHolder)
		v.service.SetText(t.get("desk.serving.none"))
		v.calls.SetText("")
	}
	v.number.Refresh()
	for _, b := range []*widget.Button{v.recall, v.noShow, v.hold, v.complete, v.transfer} {
		setEnabled(b, s.HasCurrent)
	}
	setEnabled(v.callNext, !s.HasCurrent)

	var names []string
	for _, svc := range cfg.Services {
		names = append(names, svc.Name(t.lang))
	}
	v.transferTo.SetOptions(names)
	if s.Last.Action == reception.IntentTransfer && s.Last.Err == nil {
		v.transferTo.ClearSelected()
		v.transferCounter.SetText("")
	}

	v.showHeld(s.Held)
	v.showWaiting(s.Waiting)
	v.form.show(s)
	v.requests.show(s)
	v.showStatus(s.Last)
}

func (v *deskView) showHeld(held []store.Ticket) {
	var rows []fyne.CanvasObject
	for _, tk := range held {
		id := tk.ID
		resume := widget.NewButtonWithIcon(v.t.get("desk.resume"), theme.MediaPlayIcon(), func() {
			v.screen.run(func(ctx context.Context) { _ = v.screen.desk.Resume(ctx, id) })
		})
		rows = append(rows, kioskui.NewBorder(v.t.rtl(), nil, nil, v.t.label(tk.Number), resume))
	}
	if len(rows) == 0 {
		none := v.t.label(v.t.get("desk.held.none"))
		none.ColorName = theme.ColorNamePlaceHolder
		rows = append(rows, none)
	}
	v.held.Objects = rows
	v.held.Refresh()
}

func (v *deskView) showWaiting(waiting []reception.Waiting) {
	var rows []fyne.CanvasObject
	for _, w := range waiting {
		count := canvas.NewText(strconv.Itoa(w.Count), theme.Color(theme.ColorNameForeground))
		count.TextStyle = fyne.TextStyle{Bold: true}
		count.TextSize = theme.TextSize()
		rows = append(rows, kioskui.NewBorder(v.t.rtl(), nil, nil, nil, count, v.t.label(w.Service.Name(v.t.lang))))
	}
	v.waiting.Objects = rows
	v.waiting.Refresh()
}

// showProblem shows a mistake caught on the screen before any intent ran.
func (v *deskView) showProblem(msg string) {
	v.status.ColorName = theme.ColorNameError
	v.status.SetText(msg)
}

func (v *deskView) showStatus(o reception.Outcome) {
	if o.Err != nil {
		v.status.ColorName = theme.ColorNameError
		v.status.SetText(v.t.errorText(o.Err))
		return
	}
	v.status.ColorName = theme.ColorNameSuccess
	v.status.SetText(v.t.outcomeText(o))
}

func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// columnsLayout places objects side by side, from the right when rtl is
// set. Each column gets its minimum width, and the width left over is
// shared by weight, so no column is ever drawn narrower than its content.
type columnsLayout struct {
	weights []float32
	rtl     bool
}

func (l *columnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	var total, minTotal float32
	mins := make([]float32, len(objects))
	for i, o := range objects {
		total += l.weight(i)
		mins[i] = o.MinSize().Width
		minTotal += mins[i]
	}
	free := size.Width - pad*float32(len(objects)-1)
	extra := free - minTotal
	x := float32(0)
	for i, o := range objects {
		var w float32
		if extra >= 0 {
			w = mins[i] + extra*l.weight(i)/total
		} else {
			// The window is narrower than the columns' minimum: shrink
			// each in proportion to its minimum.
			w = free * mins[i] / minTotal
		}
		pos := x
		if l.rtl {
			pos = size.Width - x - w
		}
		o.Move(fyne.NewPos(pos, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (l *columnsLayout) weight(i int) float32 {
	if i < len(l.weights) {
		return l.weights[i]
	}
	return 1
}

func (l *columnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		m := o.MinSize()
		s.Width += m.Width
		s.Height = max(s.Height, m.Height)
	}
	s.Width += theme.Padding() * float32(max(0, len(objects)-1))
	return s
}

// anyWidth lets o be narrower than its text, so that a long message is
// clipped instead of widening its column beyond the screen.
func anyWidth(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(anyWidthLayout{}, o)
}

type anyWidthLayout struct{}

func (anyWidthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (anyWidthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}
