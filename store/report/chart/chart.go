// Package chart draws the supervisors' report charts as images with the
// standard image packages and the bundled DejaVu Sans: bars by service,
// bars by hour of the day and a line of the happiness index by day. Text is
// shaped with devices/arabic, so Arabic labels join and read right to left,
// and an Arabic chart is mirrored: its first bar and its value axis are on
// the right.
//
// The desk shows the same images on screen that the export writes as PNG.
package chart

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"
	"sync"

	xdraw "golang.org/x/image/draw"

	"frontdesk/devices/arabic"
)

// ErrInvalid is returned for a chart that cannot be drawn as asked.
var ErrInvalid = errors.New("chart: invalid chart")

// Default size of a chart in pixels.
const (
	DefaultWidth  = 960
	DefaultHeight = 540
)

// Colours of every chart: dark text on white, with a contrast ratio above
// 7:1 for the text and the bars.
var (
	background = color.RGBA{0xff, 0xff, 0xff, 0xff}
	ink        = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	grid       = color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
	barColour  = color.RGBA{0x0b, 0x4f, 0x6c, 0xff}
	lineColour = color.RGBA{0x9c, 0x3d, 0x00, 0xff}
)

// Chart is the data and layout of one bar or line chart.
type Chart struct {
	Title  string
	Labels []string  // one a bar or point, in order
	Values []float64 // one a label; NaN leaves a point of a line out
	// Max is the top of the value axis. Zero fits it to the values.
	Max float64
	// Decimals is the number of decimals of the values written on bars.
	Decimals int
	// RightToLeft mirrors the chart for Arabic.
	RightToLeft bool
	// Width and Height are the image size in pixels. Zero means the
	// default size.
	Width, Height int
}

func (c Chart) check() error {
	if len(c.Labels) == 0 {
		return fmt.Errorf("%w: %q has no labels", ErrInvalid, c.Title)
	}
	if len(c.Labels) != len(c.Values) {
		return fmt.Errorf("%w: %q has %d labels and %d values; give one value a label",
			ErrInvalid, c.Title, len(c.Labels), len(c.Values))
	}
	if c.Width < 0 || c.Height < 0 || (c.Width > 0 && c.Width < 200) || (c.Height > 0 && c.Height < 150) {
		return fmt.Errorf("%w: %q size %dx%d is below 200x150 pixels", ErrInvalid, c.Title, c.Width, c.Height)
	}
	return nil
}

// frame is the plotting area of a chart and its value scale.
type frame struct {
	c        Chart
	img      *image.RGBA
	plot     image.Rectangle
	top      float64 // value at the top of the plot
	step     float64 // value between two grid lines
	fontSize int
	text     *textDrawer
}

func newFrame(c Chart) (*frame, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	if c.Width == 0 {
		c.Width = DefaultWidth
	}
	if c.Height == 0 {
		c.Height = DefaultHeight
	}
	text, err := sharedText()
	if err != nil {
		return nil, err
	}
	f := &frame{c: c, img: image.NewRGBA(image.Rect(0, 0, c.Width, c.Height)), text: text}
	draw.Draw(f.img, f.img.Bounds(), image.NewUniform(background), image.Point{}, draw.Src)
	f.fontSize = max(14, c.Height/24)

	axis := 5 * f.fontSize // room for the value labels
	titleH := 3 * f.fontSize
	labelsH := 3 * f.fontSize
	f.plot = image.Rect(axis, titleH, c.Width-f.fontSize, c.Height-labelsH)
	if c.RightToLeft {
		f.plot = image.Rect(f.fontSize, titleH, c.Width-axis, c.Height-labelsH)
	}

	f.top, f.step = scale(c.Values, c.Max)
	f.drawTitleAndAxis()
	return f, nil
}

// scale returns the top of the value axis and the step between grid
// lines: a step of 1, 2 or 5 times a power of ten that divides the axis
// into about five, with the top the first step at or above every value.
// With no positive values the axis goes from 0 to 1 in one step.
func scale(values []float64, fixedTop float64) (top, step float64) {
	high := fixedTop
	if high == 0 {
		for _, v := range values {
			if !math.IsNaN(v) && v > high {
				high = v
			}
		}
	}
	if high <= 0 {
		return 1, 1
	}
	raw := high / 5
	magnitude := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * magnitude
	for _, m := range []float64{1, 2, 5} {
		if m*magnitude >= raw {
			step = m * magnitude
			break
		}
	}
	if fixedTop > 0 {
		return fixedTop, step
	}
	return math.Ceil(high/step-1e-9) * step, step
}

func (f *frame) y(v float64) int {
	return f.plot.Max.Y - int(math.Round(v/f.top*float64(f.plot.Dy())))
}

// drawTitleAndAxis draws the title, the grid lines and their values.
func (f *frame) drawTitleAndAxis() {
	f.text.draw(f.img, f.c.Title, f.fontSize*3/2, true, f.c.Width/2, f.fontSize*3/2, alignCentre)
	steps := int(math.Round(f.top / f.step))
	for i := 0; i <= steps; i++ {
		v := f.step * float64(i)
		y := f.y(v)
		hline(f.img, f.plot.Min.X, f.plot.Max.X, y, grid)
		label := formatValue(v, f.step)
		if f.c.RightToLeft {
			f.text.draw(f.img, label, f.fontSize, false, f.plot.Max.X+f.fontSize/2, y, alignLeft)
		} else {
			f.text.draw(f.img, label, f.fontSize, false, f.plot.Min.X-f.fontSize/2, y, alignRight)
		}
	}
	hline(f.img, f.plot.Min.X, f.plot.Max.X, f.plot.Max.Y, ink)
}

func formatValue(v, step float64) string {
	if step < 1 {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

// slot returns the horizontal centre and width of item i of n, counted
// from the right in a right-to-left chart.
func (f *frame) slot(i, n int) (centre, width int) {
	width = f.plot.Dx() / n
	if f.c.RightToLeft {
		i = n - 1 - i
	}
	return f.plot.Min.X + i*width + width/2, width
}

// labelEvery returns k such that every k-th label fits under its slot.
func (f *frame) labelEvery(slotWidth int) int {
	widest := 0
	for _, l := range f.c.Labels {
		widest = max(widest, f.text.width(l, f.fontSize))
	}
	k := 1
	for k*slotWidth < widest+f.fontSize/2 && k < len(f.c.Labels) {
		k++
	}
	return k
}

// Bars draws a bar chart: one bar a label, its value written on top. A
// label wider than its bar's slot is shrunk and then wrapped to fit, and
// when even that cannot fit, only every few labels are written.
func Bars(c Chart) (*image.RGBA, error) {
	f, err := newFrame(c)
	if err != nil {
		return nil, err
	}
	n := len(c.Labels)
	_, width := f.slot(0, n)
	every := 1
	if width < 3*f.fontSize {
		every = f.labelEvery(width)
	}
	barWidth := max(2, width*2/3)
	for i, v := range c.Values {
		x, _ := f.slot(i, n)
		if !math.IsNaN(v) && v > 0 {
			rect := image.Rect(x-barWidth/2, f.y(v), x+barWidth/2, f.plot.Max.Y)
			draw.Draw(f.img, rect, image.NewUniform(barColour), image.Point{}, draw.Src)
			value := strconv.FormatFloat(v, 'f', c.Decimals, 64)
			if f.text.width(value, f.fontSize) < width {
				f.text.draw(f.img, value, f.fontSize, false, x, f.y(v)-f.fontSize*3/4, alignCentre)
			}
		}
		if i%every == 0 {
			f.text.drawBelow(f.img, c.Labels[i], f.fontSize, width-f.fontSize/2, x, f.plot.Max.Y+f.fontSize/2)
		}
	}
	return f.img, nil
}

// Line draws a line chart with a dot at each point. A NaN value leaves a
// gap.
func Line(c Chart) (*image.RGBA, error) {
	f, err := newFrame(c)
	if err != nil {
		return nil, err
	}
	n := len(c.Labels)
	_, width := f.slot(0, n)
	every := f.labelEvery(width)
	prevX, prevY, havePrev := 0, 0, false
	radius := max(3, f.fontSize/4)
	for i, v := range c.Values {
		x, _ := f.slot(i, n)
		if i%every == 0 {
			f.text.draw(f.img, c.Labels[i], f.fontSize, false, x, f.plot.Max.Y+f.fontSize*3/2, alignCentre)
		}
		if math.IsNaN(v) {
			havePrev = false
			continue
		}
		y := f.y(v)
		if havePrev {
			thickLine(f.img, prevX, prevY, x, y, max(2, radius/2), lineColour)
		}
		disc(f.img, x, y, radius, lineColour)
		prevX, prevY, havePrev = x, y, true
	}
	return f.img, nil
}

// WritePNG encodes img as PNG.
func WritePNG(w io.Writer, img image.Image) error {
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("chart: encode PNG: %w", err)
	}
	return nil
}

func hline(img *image.RGBA, x0, x1, y int, c color.RGBA) {
	for x := x0; x <= x1; x++ {
		img.SetRGBA(x, y, c)
	}
}

func disc(img *image.RGBA, cx, cy, r int, c color.RGBA) {
	for y := -r; y <= r; y++ {
		for x := -r; x <= r; x++ {
			if x*x+y*y <= r*r {
				img.SetRGBA(cx+x, cy+y, c)
			}
		}
	}
}

// thickLine draws a segment as a row of discs, enough for a chart's few
// hundred pixels.
func thickLine(img *image.RGBA, x0, y0, x1, y1, r int, c color.RGBA) {
	steps := max(abs(x1-x0), abs(y1-y0))
	for s := 0; s <= steps; s++ {
		t := float64(s) / float64(max(1, steps))
		disc(img, x0+int(math.Round(t*float64(x1-x0))), y0+int(math.Round(t*float64(y1-y0))), r, c)
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

type align int

const (
	alignLeft align = iota // text starts at x
	alignCentre
	alignRight // text ends at x
)

// supersample is how much larger text is drawn before it is scaled down,
// because devices/arabic draws 1-bit images for printers and scaling them
// down gives grey, smooth edges on screen.
const supersample = 3

// textDrawer draws shaped text, centred vertically on y.
type textDrawer struct {
	r *arabic.Renderer
}

var (
	textOnce sync.Once
	textErr  error
	text     *textDrawer
)

func sharedText() (*textDrawer, error) {
	textOnce.Do(func() {
		r, err := arabic.NewRenderer()
		if err != nil {
			textErr = fmt.Errorf("chart: %w", err)
			return
		}
		text = &textDrawer{r: r}
	})
	return text, textErr
}

// mask returns text as an alpha mask at size pixels, or nil when it has
// no ink. A maxWidth above zero shrinks and then wraps the text to fit it.
func (t *textDrawer) mask(s string, size int, bold bool, maxWidth ...int) *image.Alpha {
	big := min(arabic.MaxSize, size*supersample)
	opts := arabic.Options{Size: big, Bold: bold, Align: arabic.AlignCenter}
	if len(maxWidth) > 0 && maxWidth[0] > 0 {
		opts.MaxWidth = maxWidth[0] * big / size
	}
	bitmap, err := t.r.Draw(s, opts)
	if errors.Is(err, arabic.ErrTooWide) {
		// A single word wider than the space: draw it whole rather than
		// leave the label out.
		opts.MaxWidth = 0
		bitmap, err = t.r.Draw(s, opts)
	}
	if err != nil {
		return nil
	}
	full := image.NewAlpha(image.Rect(0, 0, bitmap.Width, bitmap.Height))
	for y := 0; y < bitmap.Height; y++ {
		for x := 0; x < bitmap.Width; x++ {
			if bitmap.Ink(x, y) {
				full.Pix[y*full.Stride+x] = 0xff
			}
		}
	}
	scale := float64(size) / float64(big)
	small := image.NewAlpha(image.Rect(0, 0, max(1, int(float64(bitmap.Width)*scale)),
		max(1, int(float64(bitmap.Height)*scale))))
	xdraw.BiLinear.Scale(small, small.Bounds(), full, full.Bounds(), xdraw.Src, nil)
	return small
}

func (t *textDrawer) width(s string, size int) int {
	if m := t.mask(s, size, false); m != nil {
		return m.Bounds().Dx()
	}
	return 0
}

// drawBelow draws text centred on x with its top at y, fitted to
// maxWidth.
func (t *textDrawer) drawBelow(img *image.RGBA, s string, size, maxWidth, x, y int) {
	m := t.mask(s, size, false, maxWidth)
	if m == nil {
		return
	}
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	rect := image.Rect(x-w/2, y, x-w/2+w, y+h)
	draw.DrawMask(img, rect, image.NewUniform(ink), image.Point{}, m, image.Point{}, draw.Over)
}

func (t *textDrawer) draw(img *image.RGBA, s string, size int, bold bool, x, y int, a align) {
	m := t.mask(s, size, bold)
	if m == nil {
		return
	}
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	switch a {
	case alignCentre:
		x -= w / 2
	case alignRight:
		x -= w
	}
	rect := image.Rect(x, y-h/2, x+w, y-h/2+h)
	draw.DrawMask(img, rect, image.NewUniform(ink), image.Point{}, m, image.Point{}, draw.Over)
}
