package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	fdtheme "frontdesk/assets/theme"
)

// BigButton is a large touch target: an optional icon above a bold title
// and an optional subtitle, such as a service name in the session's
// language above the same name in the other language. Titles wrap at word
// boundaries. Each of the two is drawn right to left when its first letter
// is Arabic, so a name that mixes Arabic with digits or brackets keeps its
// order.
//
// Change the fields, then call Refresh.
type BigButton struct {
	widget.BaseWidget

	Icon     fyne.Resource
	Title    string
	Subtitle string
	OnTapped func()
	// Compact makes a button without an icon as narrow as its title, down
	// to one touch target, as for the keys of a keypad.
	Compact bool

	pressed bool
}

var (
	_ fyne.Tappable     = (*BigButton)(nil)
	_ desktop.Mouseable = (*BigButton)(nil)
)

// NewBigButton returns a button; icon may be nil.
func NewBigButton(icon fyne.Resource, title, subtitle string, tapped func()) *BigButton {
	b := &BigButton{Icon: icon, Title: title, Subtitle: subtitle, OnTapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

// Tapped implements fyne.Tappable.
func (b *BigButton) Tapped(*fyne.PointEvent) {
	if b.OnTapped != nil {
		b.OnTapped()
	}
}

// MouseDown implements desktop.Mouseable: a touch arrives as a left mouse
// button on X11, and the button darkens while the finger is down.
func (b *BigButton) MouseDown(*desktop.MouseEvent) {
	b.pressed = true
	b.Refresh()
}

// MouseUp implements desktop.Mouseable.
func (b *BigButton) MouseUp(*desktop.MouseEvent) {
	b.pressed = false
	b.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (b *BigButton) CreateRenderer() fyne.WidgetRenderer {
	r := &bigButtonRenderer{
		button:   b,
		back:     canvas.NewRectangle(nil),
		shade:    canvas.NewRectangle(nil),
		icon:     canvas.NewImageFromResource(nil),
		title:    NewBidiLabel("", false),
		subtitle: NewBidiLabel("", false),
	}
	r.icon.FillMode = canvas.ImageFillContain
	for _, l := range []*BidiLabel{r.title, r.subtitle} {
		l.Alignment = fyne.TextAlignCenter
		l.Wrap = true
	}
	r.title.TextStyle.Bold = true
	r.title.SizeName = fitLevels[0].title
	r.subtitle.SizeName = fitLevels[0].subtitle
	// Action buttons have one line that never shrinks.
	if b.Icon == nil {
		r.title.Wrap = false
	}
	r.Refresh()
	return r
}

type bigButtonRenderer struct {
	button          *BigButton
	back, shade     *canvas.Rectangle
	icon            *canvas.Image
	title, subtitle *BidiLabel
	level           int // index in fitLevels
}

func (r *bigButtonRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.back, r.icon, r.title, r.subtitle, r.shade}
}

// fitLevels are the ways to draw a button's content, largest first;
// Layout takes the first that fits, so a long service name gets smaller
// text, and then loses its icon, rather than being cut off.
var fitLevels = []struct {
	title, subtitle, icon fyne.ThemeSizeName // an empty icon size hides the icon
}{
	{fdtheme.SizeNameTileTextLarge, fdtheme.SizeNameTileSubtitleLarge, fdtheme.SizeNameTileIconLarge},
	{fdtheme.SizeNameTileText, fdtheme.SizeNameTileSubtitle, fdtheme.SizeNameTileIcon},
	{fdtheme.SizeNameTileTextSmall, fdtheme.SizeNameTileSubtitleSmall, fdtheme.SizeNameTileIcon},
	{fdtheme.SizeNameTileTextSmall, fdtheme.SizeNameTileSubtitleSmall, ""},
}

func (r *bigButtonRenderer) iconSize() float32 {
	if r.button.Icon == nil || fitLevels[r.level].icon == "" {
		return 0
	}
	return r.button.Theme().Size(fitLevels[r.level].icon)
}

// setLevel applies the text sizes of a fit level.
func (r *bigButtonRenderer) setLevel(level int) {
	if r.level == level && r.title.SizeName == fitLevels[level].title {
		return
	}
	r.level = level
	r.title.SizeName = fitLevels[level].title
	r.subtitle.SizeName = fitLevels[level].subtitle
	r.title.Refresh()
	r.subtitle.Refresh()
}

// content returns the height of the icon and labels at a width, at the
// current fit level.
func (r *bigButtonRenderer) content(width float32) (icon, title, subtitle float32) {
	title = r.wrapLabel(r.title, width)
	if r.button.Subtitle != "" {
		subtitle = r.wrapLabel(r.subtitle, width)
	}
	return r.iconSize(), title, subtitle
}

// labelInset returns the space around a label inside its slot. The sides
// are as wide as widget.Label's padding, so lines wrap at the same width.
// Top and bottom get half of that, because BidiLabel puts a line gap
// between wrapped lines, which widget.Label does not.
func (r *bigButtonRenderer) labelInset() fyne.Size {
	pad := r.button.Theme().Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(pad, pad/2)
}

// wrapLabel gives a label the width of its lines and returns the height of
// its slot.
func (r *bigButtonRenderer) wrapLabel(l *BidiLabel, width float32) float32 {
	inset := r.labelInset()
	l.Resize(fyne.NewSize(max(0, width-2*inset.Width), l.MinSize().Height))
	return l.MinSize().Height + 2*inset.Height
}

// placeLabel moves a label into its slot, inside the slot's inset.
func (r *bigButtonRenderer) placeLabel(l *BidiLabel, pos fyne.Position, slot fyne.Size) {
	inset := r.labelInset()
	l.Move(pos.AddXY(inset.Width, inset.Height))
	l.Resize(slot.Subtract(inset).Subtract(inset).Max(fyne.Size{}))
}

// wordsFit reports whether every word of the title and subtitle fits on a
// line of the labels at a width, at the current fit level. BidiLabel cuts a
// word that is wider than its line with an ellipsis.
func (r *bigButtonRenderer) wordsFit(width float32) bool {
	th := r.button.Theme()
	line := width - 2*th.Size(theme.SizeNameInnerPadding)
	for _, l := range []*BidiLabel{r.title, r.subtitle} {
		size := th.Size(l.SizeName)
		for _, word := range strings.Fields(l.Text) {
			if fyne.MeasureText(word, size, l.TextStyle).Width > line {
				return false
			}
		}
	}
	return true
}

// contentHeight returns the height of the whole content at a width.
func (r *bigButtonRenderer) contentHeight(width float32) float32 {
	icon, title, subtitle := r.content(width)
	total := icon + title + subtitle
	if icon > 0 {
		total += r.button.Theme().Size(theme.SizeNameInnerPadding)
	}
	return total
}

func (r *bigButtonRenderer) Layout(size fyne.Size) {
	r.back.Resize(size)
	r.shade.Resize(size)

	pad := r.button.Theme().Size(theme.SizeNameInnerPadding)
	width := max(0, size.Width-2*pad)
	if r.button.Icon == nil {
		r.setLevel(1)
	} else {
		for level := range fitLevels {
			r.setLevel(level)
			if r.contentHeight(width) <= size.Height-2*pad && r.wordsFit(width) {
				break
			}
		}
	}
	iconH, titleH, subH := r.content(width)
	total := r.contentHeight(width)

	y := max(0, (size.Height-total)/2)
	r.icon.Hidden = iconH == 0
	if iconH > 0 {
		r.icon.Move(fyne.NewPos((size.Width-iconH)/2, y))
		r.icon.Resize(fyne.NewSquareSize(iconH))
		y += iconH + pad
	}
	r.placeLabel(r.title, fyne.NewPos(pad, y), fyne.NewSize(width, titleH))
	y += titleH
	r.placeLabel(r.subtitle, fyne.NewPos(pad, y), fyne.NewSize(width, subH))
}

// MinSize returns room for the content on one line. A button with an icon
// is a tile whose titles wrap, so its minimum width is two touch targets.
// A button without an icon keeps its title on one line.
func (r *bigButtonRenderer) MinSize() fyne.Size {
	th := r.button.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	touch := th.Size(fdtheme.SizeNameTouchTarget)

	oneLine := r.lineSize(r.button.Title, fdtheme.SizeNameTileText, fyne.TextStyle{Bold: true})
	if r.button.Icon == nil && !r.button.Compact {
		// Action buttons are at least three touch targets wide, so a
		// short word such as "Done" still makes a broad target.
		oneLine.Width = max(oneLine.Width, 3*touch-2*pad)
	}

	h := oneLine.Height
	if r.button.Subtitle != "" {
		h += r.lineSize(r.button.Subtitle, fdtheme.SizeNameTileSubtitle, fyne.TextStyle{}).Height
	}
	w := oneLine.Width
	if r.button.Icon != nil {
		h += th.Size(fdtheme.SizeNameTileIcon) + pad
		w = 2 * touch
	}
	return fyne.NewSize(max(touch, w+2*pad), max(touch, h+2*pad))
}

// lineSize returns the size of a label slot that holds text on one line at
// a theme size: the width of its pieces and the height of a line, with the
// label's inset.
func (r *bigButtonRenderer) lineSize(text string, size fyne.ThemeSizeName, style fyne.TextStyle) fyne.Size {
	textSize := r.button.Theme().Size(size)

	var width float32
	for _, p := range VisualPieces(text, FirstStrongRTL(text)) {
		width += fyne.MeasureText(p.Text, textSize, style).Width
	}
	height := fyne.MeasureText("M", textSize, style).Height
	return fyne.NewSize(width, height).Add(r.labelInset()).Add(r.labelInset())
}

func (r *bigButtonRenderer) Refresh() {
	b := r.button
	th := b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()

	radius := th.Size(theme.SizeNameButtonRadius)
	r.back.CornerRadius = radius
	r.back.StrokeWidth = 3
	r.back.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	r.back.FillColor = th.Color(theme.ColorNameButton, v)
	r.shade.CornerRadius = radius
	r.shade.FillColor = nil
	if b.pressed {
		r.shade.FillColor = th.Color(theme.ColorNamePressed, v)
	}

	r.icon.Resource = b.Icon
	r.icon.Hidden = r.iconSize() == 0
	r.title.Text = b.Title
	r.title.RTL = FirstStrongRTL(b.Title)
	r.subtitle.Text = b.Subtitle
	r.subtitle.RTL = FirstStrongRTL(b.Subtitle)
	r.subtitle.Hidden = b.Subtitle == ""

	r.back.Refresh()
	r.shade.Refresh()
	r.icon.Refresh()
	r.title.Refresh()
	r.subtitle.Refresh()
	r.Layout(b.Size())
}

func (r *bigButtonRenderer) Destroy() {}
