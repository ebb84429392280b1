package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// BidiLabel is a label that draws mixed Arabic and Latin text in the
// reading order of its paragraph direction, which widget.Label does not do
// for right-to-left text. Each "\n" starts a new line, and with Wrap set a
// line longer than the label's width wraps at spaces. A line that still
// does not fit keeps its start and is cut at its end with an ellipsis: on
// the left in Arabic, on the right in English.
//
// Change the fields, then call Refresh.
type BidiLabel struct {
	widget.BaseWidget

	Text string
	// RTL makes the paragraph right to left: runs are placed from the
	// right, and Leading alignment means the right edge.
	RTL       bool
	Alignment fyne.TextAlign
	TextStyle fyne.TextStyle
	// SizeName is the theme size of the text; empty means
	// theme.SizeNameText.
	SizeName fyne.ThemeSizeName
	// ColorName is the theme colour of the text; empty means
	// theme.ColorNameForeground.
	ColorName fyne.ThemeColorName
	// Wrap breaks lines at spaces to fit the width. The minimum width is
	// then that of the longest word, and the minimum height follows the
	// width the label was last given, as with widget.Label.
	Wrap bool
}

// NewBidiLabel returns a label with the paragraph direction rtl.
func NewBidiLabel(text string, rtl bool) *BidiLabel {
	l := &BidiLabel{Text: text, RTL: rtl}
	l.ExtendBaseWidget(l)
	return l
}

// SetText changes the text and redraws the label.
func (l *BidiLabel) SetText(text string) {
	l.Text = text
	l.Refresh()
}

// Resize implements fyne.CanvasObject. The label breaks or cuts its lines
// again for the new width.
func (l *BidiLabel) Resize(size fyne.Size) {
	old := l.Size()
	l.BaseWidget.Resize(size)
	if size.Width != old.Width {
		l.Refresh()
	}
}

// CreateRenderer implements fyne.Widget.
func (l *BidiLabel) CreateRenderer() fyne.WidgetRenderer {
	r := &bidiRenderer{label: l}
	r.build()
	return r
}

type bidiRenderer struct {
	label *BidiLabel
	// lines are the pieces of each line in visual order, cut to the
	// label's width, and natural the size of each line before the cut.
	lines   [][]*canvas.Text
	natural []fyne.Size
	objects []fyne.CanvasObject
}

func (r *bidiRenderer) build() {
	l := r.label
	th := l.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	size := th.Size(orDefault(l.SizeName, theme.SizeNameText))
	col := th.Color(orDefault(l.ColorName, theme.ColorNameForeground), v)

	measure := func(text string) float32 { return fyne.MeasureText(text, size, l.TextStyle).Width }
	newText := func(text string) *canvas.Text {
		t := canvas.NewText(text, col)
		t.TextSize = size
		t.TextStyle = l.TextStyle
		return t
	}

	// New slices, because the canvas may still hold the old ones.
	r.lines = nil
	r.natural = nil
	r.objects = nil
	width := l.Size().Width
	for _, line := range r.logicalLines(size) {
		pieces := VisualPieces(line, l.RTL)
		var full []*canvas.Text
		for _, p := range pieces {
			full = append(full, newText(p.Text))
		}
		r.natural = append(r.natural, r.lineSize(full))
		if width <= 0 {
			r.appendLine(full)
			continue
		}
		var texts []*canvas.Text
		for _, p := range fitPieces(pieces, width, l.RTL, measure) {
			texts = append(texts, newText(p.Text))
		}
		r.appendLine(texts)
	}
}

func (r *bidiRenderer) appendLine(texts []*canvas.Text) {
	r.lines = append(r.lines, texts)
	for _, t := range texts {
		r.objects = append(r.objects, t)
	}
}

// logicalLines returns the label's lines in reading order: its text split
// at each "\n" and, when it wraps, at the spaces where a line would grow
// wider than the label.
func (r *bidiRenderer) logicalLines(textSize float32) []string {
	l := r.label
	paragraphs := strings.Split(l.Text, "\n")
	width := l.Size().Width
	if !l.Wrap || width <= 0 {
		return paragraphs
	}

	var lines []string
	for _, p := range paragraphs {
		line := ""
		for _, word := range strings.Split(p, " ") {
			candidate := word
			if line != "" {
				candidate = line + " " + word
			}
			if line != "" && fyne.MeasureText(candidate, textSize, l.TextStyle).Width > width {
				lines = append(lines, line)
				candidate = word
			}
			line = candidate
		}
		lines = append(lines, line)
	}
	return lines
}

// longestWord returns the width of the widest word, the narrowest a
// wrapping label can be.
func (r *bidiRenderer) longestWord() float32 {
	l := r.label
	size := l.Theme().Size(orDefault(l.SizeName, theme.SizeNameText))
	var widest float32
	for _, word := range strings.Fields(l.Text) {
		widest = max(widest, fyne.MeasureText(word, size, l.TextStyle).Width)
	}
	return widest
}

func orDefault[T ~string](v, def T) T {
	if v == "" {
		return def
	}
	return v
}

// lineSize returns the width of a line and its height; an empty line is as
// high as a line of text.
func (r *bidiRenderer) lineSize(texts []*canvas.Text) fyne.Size {
	if len(texts) == 0 {
		l := r.label
		size := l.Theme().Size(orDefault(l.SizeName, theme.SizeNameText))
		return fyne.NewSize(0, fyne.MeasureText("M", size, l.TextStyle).Height)
	}
	var s fyne.Size
	for _, t := range texts {
		m := t.MinSize()
		s.Width += m.Width
		s.Height = max(s.Height, m.Height)
	}
	return s
}

// lineGap returns the space between two lines.
func (r *bidiRenderer) lineGap() float32 {
	return r.label.Theme().Size(theme.SizeNameLineSpacing)
}

func (r *bidiRenderer) MinSize() fyne.Size {
	var s fyne.Size
	for i, ls := range r.natural {
		s.Width = max(s.Width, ls.Width)
		s.Height += ls.Height
		if i > 0 {
			s.Height += r.lineGap()
		}
	}
	if r.label.Wrap {
		s.Width = r.longestWord()
	}
	return s
}

func (r *bidiRenderer) Layout(size fyne.Size) {
	content := r.MinSize()
	y := max(0, (size.Height-content.Height)/2)
	for _, texts := range r.lines {
		ls := r.lineSize(texts)
		x := r.lineStart(size.Width, ls.Width)
		for _, t := range texts {
			m := t.MinSize()
			t.Move(fyne.NewPos(x, y))
			t.Resize(fyne.NewSize(m.Width, ls.Height))
			x += m.Width
		}
		y += ls.Height + r.lineGap()
	}
}

// lineStart returns the x of a line's leftmost piece.
func (r *bidiRenderer) lineStart(width, lineWidth float32) float32 {
	free := max(0, width-lineWidth)
	switch r.label.Alignment {
	case fyne.TextAlignCenter:
		return free / 2
	case fyne.TextAlignTrailing:
		if r.label.RTL {
			return 0
		}
		return free
	default:
		if r.label.RTL {
			return free
		}
		return 0
	}
}

func (r *bidiRenderer) Refresh() {
	r.build()
	r.Layout(r.label.Size())
	canvas.Refresh(r.label)
}

func (r *bidiRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *bidiRenderer) Destroy() {}
