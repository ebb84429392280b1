package ui

import (
	"context"
	"image/color"
	"strconv"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"frontdesk/assets/i18n"
	kioskui "frontdesk/kiosk/ui"
	"frontdesk/reception"
)

// Sizes of the hall display's text, for a 1920 by 1080 screen read from
// across a hall.
const (
	displayCallSize    = 150 // the call being announced
	displayRowSize     = 64  // a current call
	displayRecentSize  = 44  // a row of the last calls
	displayWaitingSize = 30  // a service's waiting count
	displayLabelSize   = 28  // column headings, in both languages
)

// Display is the hall display: the call being announced large, the
// current call of each counter, the last calls and the waiting count of
// each service, in Arabic and English at once.
type Display struct {
	board     *reception.Board
	announcer *reception.Announcer
	ar, en    texts
	root      fyne.CanvasObject

	callNumber *canvas.Text
	// The counter of the call, in English on the left and in Arabic on
	// the right. The Arabic arrow, word and number are separate objects,
	// placed so that reading from the right gives "← الشباك 4".
	callCounterEN *canvas.Text
	callCounterAR *canvas.Text
	callCounterN  *canvas.Text
	callArrowAR   *canvas.Text
	callPanel     *canvas.Rectangle
	current       *fyne.Container
	recent        *fyne.Container
	waiting       *fyne.Container
	offline       *canvas.Text

	// mu serialises update and guards state. Fyne runs update on its
	// UI goroutine, but the test driver runs fyne.Do on the caller's
	// goroutine, where the board and the announcer both report.
	mu    sync.Mutex
	state reception.BoardState
}

// NewDisplay returns the display of board, and makes itself the board's
// change callback. When announcer is not nil, the board hands it each new
// call and the display shows the call being announced. Start both with Run.
func NewDisplay(board *reception.Board, announcer *reception.Announcer, cat *i18n.Catalog) (*Display, error) {
	ar, err := newTexts(cat, i18n.Arabic)
	if err != nil {
		return nil, err
	}
	en, err := newTexts(cat, i18n.English)
	if err != nil {
		return nil, err
	}
	d := &Display{board: board, announcer: announcer, ar: ar, en: en}
	d.build()
	board.SetOnChange(func(s reception.BoardState) {
		fyne.Do(func() { d.update(s) })
	})
	if announcer != nil {
		board.SetAnnounce(announcer.Announce)
		announcer.SetOnChange(board.SetAnnouncing)
	}
	return d, nil
}

// Content returns the screen's root object.
func (d *Display) Content() fyne.CanvasObject { return d.root }

// Run follows the queue and announces calls until ctx is done.
func (d *Display) Run(ctx context.Context) error {
	if d.announcer == nil {
		return d.board.Run(ctx)
	}
	errs := make(chan error, 1)
	go func() { errs <- d.announcer.Run(ctx) }()
	err := d.board.Run(ctx)
	<-errs
	return err
}

// State returns the state last drawn.
func (d *Display) State() reception.BoardState {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.state
}

func text(s string, size float32, c color.Color, bold bool) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = size
	t.TextStyle = fyne.TextStyle{Bold: bold}
	return t
}

// bilingual is a heading with the Arabic on the right and the English on
// the left, each its own text object so neither is reordered.
func (d *Display) bilingual(id string, size float32, c color.Color) fyne.CanvasObject {
	return container.NewHBox(text(d.en.get(id), size, c, true), layout.NewSpacer(), text(d.ar.get(id), size, c, true))
}

func (d *Display) build() {
	fg := theme.Color(theme.ColorNameForeground)
	onPrimary := theme.Color(theme.ColorNameForegroundOnPrimary)
	primary := theme.Color(theme.ColorNamePrimary)

	header := container.NewStack(canvas.NewRectangle(primary), container.NewPadded(
		d.bilingual("display.title", 40, onPrimary)))

	d.callNumber = text("", displayCallSize, onPrimary, true)
	d.callNumber.Alignment = fyne.TextAlignCenter
	d.callCounterEN = text("", displayRowSize, onPrimary, true)
	d.callCounterN = text("", displayRowSize, onPrimary, true)
	d.callCounterAR = text("", displayRowSize, onPrimary, true)
	d.callArrowAR = text("", displayRowSize, onPrimary, true)
	counterLine := container.NewHBox(layout.NewSpacer(), d.callCounterEN, layout.NewSpacer(),
		d.callCounterN, d.callCounterAR, d.callArrowAR, layout.NewSpacer())
	d.callPanel = canvas.NewRectangle(primary)
	callPanel := container.NewStack(d.callPanel, container.NewVBox(
		container.NewPadded(d.bilingual("display.now_calling", displayLabelSize, onPrimary)),
		d.callNumber, counterLine))

	d.current = container.NewVBox()
	d.recent = container.NewVBox()
	d.waiting = container.NewGridWithColumns(4)
	d.offline = text("", displayLabelSize, theme.Color(theme.ColorNameError), true)
	d.offline.Alignment = fyne.TextAlignCenter

	columns := d.columnHeadings(displayLabelSize, fg)
	left := container.NewBorder(container.NewVBox(callPanel, columns), nil, nil, nil, d.current)
	right := container.NewBorder(container.NewVBox(
		d.bilingual("display.recent", displayLabelSize, fg),
		d.columnHeadings(displayLabelSize-6, fg)), nil, nil, nil, d.recent)
	rightPanel := container.NewStack(canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground)),
		container.NewPadded(right))
	body := container.New(&splitLayout{ratio: 0.62}, container.NewPadded(left), rightPanel)
	footer := container.NewVBox(d.offline,
		container.NewPadded(d.bilingual("display.waiting", displayLabelSize, fg)), d.waiting)
	d.root = container.NewBorder(header, footer, nil, nil, body)
	d.update(reception.BoardState{})
}

// columnHeadings names the ticket and counter columns in both languages.
func (d *Display) columnHeadings(size float32, c color.Color) fyne.CanvasObject {
	cell := func(id string) fyne.CanvasObject {
		ar := text(d.ar.get(id), size, c, false)
		ar.Alignment = fyne.TextAlignCenter
		en := text(d.en.get(id), size, c, false)
		en.Alignment = fyne.TextAlignCenter
		return container.NewVBox(ar, en)
	}
	return container.NewGridWithColumns(2, cell("display.ticket"), cell("display.counter"))
}

// callRow is one call: the ticket number and the counter, on a highlight
// background while the call is new.
func callRow(c reception.Call, size float32) fyne.CanvasObject {
	fg := theme.Color(theme.ColorNameForeground)
	bg := color.Color(color.Transparent)
	if c.Highlight {
		fg = theme.Color(theme.ColorNameForegroundOnWarning)
		bg = theme.Color(theme.ColorNameWarning)
	}
	number := text(c.Number, size, fg, true)
	number.Alignment = fyne.TextAlignCenter
	counter := text(strconv.Itoa(c.Counter), size, fg, true)
	counter.Alignment = fyne.TextAlignCenter
	return container.NewStack(canvas.NewRectangle(bg), container.NewGridWithColumns(2, number, counter))
}

// update draws the board's state. It runs on Fyne's UI goroutine.
func (d *Display) update(s reception.BoardState) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.state = s

	d.showCall(s)
	var rows []fyne.CanvasObject
	for _, c := range s.Current {
		rows = append(rows, callRow(c, displayRowSize))
	}
	if len(rows) == 0 {
		none := text(d.en.get("display.none")+"   "+d.ar.get("display.none"), displayLabelSize,
			theme.Color(theme.ColorNamePlaceHolder), false)
		none.Alignment = fyne.TextAlignCenter
		rows = append(rows, none)
	}
	d.current.Objects = rows
	d.current.Refresh()

	rows = nil
	for _, c := range s.Recent {
		rows = append(rows, callRow(c, displayRecentSize))
	}
	d.recent.Objects = rows
	d.recent.Refresh()

	rows = nil
	for _, w := range s.Waiting {
		rows = append(rows, d.waitingCell(w))
	}
	d.waiting.Objects = rows
	d.waiting.Refresh()

	d.offline.Text = ""
	if s.Err != nil {
		d.offline.Text = d.en.get("display.offline") + "   " + d.ar.get("display.offline")
	}
	d.offline.Refresh()
}

// showCall draws the call being announced, or else the newest current
// call, in the large panel.
func (d *Display) showCall(s reception.BoardState) {
	call, ok := s.Announcing, s.Announced
	if !ok && len(s.Current) > 0 {
		call, ok = s.Current[0], true
	}
	d.callPanel.FillColor = theme.Color(theme.ColorNamePrimary)
	if ok && (s.Announced || call.Highlight) {
		d.callPanel.FillColor = theme.Color(theme.ColorNameWarning)
	}
	d.callPanel.Refresh()
	d.callNumber.Text, d.callCounterEN.Text, d.callCounterN.Text = "—", "", ""
	d.callCounterAR.Text, d.callArrowAR.Text = "", ""
	if ok {
		// Each arrow points from the number towards the counter in its
		// language's reading direction.
		n := strconv.Itoa(call.Counter)
		d.callNumber.Text = call.Number
		d.callCounterEN.Text = "→ " + d.en.with("display.to_counter", map[string]any{"Counter": n})
		d.callCounterN.Text = n + " "
		d.callCounterAR.Text = d.ar.get("display.counter")
		d.callArrowAR.Text = " ←"
	}
	for _, t := range []*canvas.Text{d.callNumber, d.callCounterEN, d.callCounterN, d.callCounterAR, d.callArrowAR} {
		t.Refresh()
	}
}

func (d *Display) waitingCell(w reception.Waiting) fyne.CanvasObject {
	fg := theme.Color(theme.ColorNameForeground)
	count := text(strconv.Itoa(w.Count), displayRowSize, theme.Color(theme.ColorNamePrimary), true)
	count.Alignment = fyne.TextAlignCenter
	ar := bidiLine(w.Service.NameAR, displayWaitingSize-6, fg)
	en := bidiLine(w.Service.NameEN, displayWaitingSize-10, fg)
	// A long service name is clipped at its cell's edge rather than
	// widening every cell of the grid past the screen.
	return container.NewVBox(count, anyWidth(ar), anyWidth(en))
}

// bidiLine returns one centred line of text, drawn right to left when its
// first letter is Arabic. A single canvas.Text would draw a name such as
// "خدمة 24 ساعة" as if it were left to right, so each piece from
// kioskui.VisualPieces gets its own text, placed side by side without gaps.
func bidiLine(s string, size float32, c color.Color) fyne.CanvasObject {
	var texts []fyne.CanvasObject
	for _, p := range kioskui.VisualPieces(s, kioskui.FirstStrongRTL(s)) {
		texts = append(texts, text(p.Text, size, c, false))
	}
	if len(texts) == 0 {
		// An empty name still takes the height of a line.
		texts = append(texts, text("", size, c, false))
	}
	return container.NewCenter(container.New(layout.NewCustomPaddedHBoxLayout(0), texts...))
}

// splitLayout places two objects side by side, the first taking ratio of
// the width.
type splitLayout struct{ ratio float32 }

func (l *splitLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) != 2 {
		return
	}
	w := size.Width * l.ratio
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(w, size.Height))
	objects[1].Move(fyne.NewPos(w, 0))
	objects[1].Resize(fyne.NewSize(size.Width-w, size.Height))
}

// MinSize is the narrowest width at which both objects get at least their
// own minimum width from the fixed ratio.
func (l *splitLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if len(objects) != 2 {
		return fyne.Size{}
	}
	first, second := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(max(first.Width/l.ratio, second.Width/(1-l.ratio)), max(first.Height, second.Height))
}
