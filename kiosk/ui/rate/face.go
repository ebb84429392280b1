package rate

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/store/rating"
)

// faceStyle is the colour and mouth shape of one level's face.
type faceStyle struct {
	fill color.RGBA
	// curve is how far the middle of the mouth lies below its corners, in
	// face diameters: positive smiles, negative frowns.
	curve float32
	// width is the width of the mouth in face diameters.
	width float32
}

// faceStyles go from a broad green smile to a deep red frown. The colours
// differ in lightness as well as hue, so the faces stay apart for a
// citizen who does not tell red from green.
var faceStyles = map[rating.Level]faceStyle{
	rating.VeryGood: {fill: color.RGBA{0x2e, 0x7d, 0x32, 0xff}, curve: 0.22, width: 0.56},
	rating.Good:     {fill: color.RGBA{0x9c, 0xcc, 0x65, 0xff}, curve: 0.10, width: 0.46},
	rating.Bad:      {fill: color.RGBA{0xff, 0xb7, 0x4d, 0xff}, curve: -0.10, width: 0.46},
	rating.VeryBad:  {fill: color.RGBA{0xc6, 0x28, 0x28, 0xff}, curve: -0.20, width: 0.56},
}

var featureColour = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}

// faceButton is one large face with its word below, tapped to rate.
type faceButton struct {
	widget.BaseWidget

	level    rating.Level
	word     string
	onTapped func(rating.Level)
}

var _ fyne.Tappable = (*faceButton)(nil)

func newFaceButton(level rating.Level, word string, tapped func(rating.Level)) *faceButton {
	b := &faceButton{level: level, word: word, onTapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

// Tapped implements fyne.Tappable.
func (b *faceButton) Tapped(*fyne.PointEvent) {
	if b.onTapped != nil {
		b.onTapped(b.level)
	}
}

// CreateRenderer implements fyne.Widget.
func (b *faceButton) CreateRenderer() fyne.WidgetRenderer {
	style := faceStyles[b.level]
	r := &faceRenderer{
		button:   b,
		style:    style,
		face:     &canvas.Circle{FillColor: style.fill, StrokeColor: featureColour, StrokeWidth: 3},
		leftEye:  &canvas.Circle{FillColor: featureColour},
		rightEye: &canvas.Circle{FillColor: featureColour},
		mouth:    canvas.NewQuadraticBezierCurve(fyne.Position{}, fyne.Position{}, fyne.Position{}, featureColour),
		word:     canvas.NewText(b.word, theme.Color(theme.ColorNameForeground)),
	}
	r.word.TextStyle = fyne.TextStyle{Bold: true}
	r.word.Alignment = fyne.TextAlignCenter
	return r
}

type faceRenderer struct {
	button                  *faceButton
	style                   faceStyle
	face, leftEye, rightEye *canvas.Circle
	mouth                   *canvas.BezierCurve
	word                    *canvas.Text
}

// minFace is the smallest face diameter, comfortably above the 9 mm that
// touch guidelines ask for on a kiosk screen.
const minFace = 160

func (r *faceRenderer) textSize() float32 { return theme.TextSize() * 1.4 }

func (r *faceRenderer) Layout(size fyne.Size) {
	r.word.TextSize = r.textSize()
	wordHeight := r.word.MinSize().Height
	pad := theme.Padding() * 2
	d := min(size.Width-2*pad, size.Height-wordHeight-3*pad)
	d = max(d, 1)
	x := (size.Width - d) / 2
	// The face and its word sit in the middle of the cell, which is
	// taller than they are on a wide screen.
	y := max(pad, (size.Height-d-pad-wordHeight)/2)
	r.face.Move(fyne.NewPos(x, y))
	r.face.Resize(fyne.NewSquareSize(d))

	eye := d * 0.11
	r.leftEye.Move(fyne.NewPos(x+d*0.32-eye/2, y+d*0.36-eye/2))
	r.leftEye.Resize(fyne.NewSquareSize(eye))
	r.rightEye.Move(fyne.NewPos(x+d*0.68-eye/2, y+d*0.36-eye/2))
	r.rightEye.Resize(fyne.NewSquareSize(eye))

	// The corners of a smile sit higher than those of a frown, so both
	// stay inside the lower half of the face.
	cornerY := y + d*0.64
	if r.style.curve < 0 {
		cornerY = y + d*0.76
	}
	half := d * r.style.width / 2
	cx := x + d/2
	r.mouth.StartPoint = fyne.NewPos(cx-half, cornerY)
	r.mouth.EndPoint = fyne.NewPos(cx+half, cornerY)
	// A quadratic curve passes halfway to its control point.
	r.mouth.ControlPoints = []fyne.Position{fyne.NewPos(cx, cornerY+2*d*r.style.curve)}
	r.mouth.StrokeWidth = max(4, d*0.06)
	r.mouth.Move(fyne.NewPos(0, 0))
	r.mouth.Resize(size)
	r.mouth.Refresh()

	r.word.Move(fyne.NewPos(0, y+d+pad))
	r.word.Resize(fyne.NewSize(size.Width, wordHeight))
}

func (r *faceRenderer) MinSize() fyne.Size {
	r.word.TextSize = r.textSize()
	word := r.word.MinSize()
	pad := theme.Padding() * 2
	return fyne.NewSize(max(minFace, word.Width)+2*pad, minFace+word.Height+3*pad)
}

func (r *faceRenderer) Refresh() {
	r.word.Text = r.button.word
	r.word.Color = theme.Color(theme.ColorNameForeground)
	r.Layout(r.button.Size())
	canvas.Refresh(r.button)
}

func (r *faceRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.face, r.leftEye, r.rightEye, r.mouth, r.word}
}

func (r *faceRenderer) Destroy() {}
