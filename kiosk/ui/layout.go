package ui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// Fyne v2.8 lays everything out left to right and has no right-to-left
// mode. These constructors mirror a layout for Arabic screens: "start" is
// the side where reading begins, the left in English and the right in
// Arabic.

// NewHBox returns a horizontal box whose objects are packed against the
// start side, the first object at the edge.
func NewHBox(rtl bool, objects ...fyne.CanvasObject) *fyne.Container {
	if !rtl {
		return container.NewHBox(objects...)
	}
	return container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, inReadingOrder(rtl, objects)...)...)
}

// NewBorder returns a border container with start and end on the sides
// where reading begins and ends.
func NewBorder(rtl bool, top, bottom, start, end fyne.CanvasObject, center ...fyne.CanvasObject) *fyne.Container {
	if rtl {
		start, end = end, start
	}
	return container.NewBorder(top, bottom, start, end, center...)
}

// NewGrid returns a grid of equal cells that fills its space, cols cells
// wide, filled row by row from the start side.
func NewGrid(rtl bool, cols int, objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(&GridLayout{Cols: cols, RTL: rtl}, objects...)
}

func inReadingOrder(rtl bool, objects []fyne.CanvasObject) []fyne.CanvasObject {
	if !rtl {
		return objects
	}
	out := make([]fyne.CanvasObject, len(objects))
	for i, o := range objects {
		out[len(objects)-1-i] = o
	}
	return out
}

// GridLayout places objects in equal cells, Cols to a row, filled from the
// left, or from the right when RTL is set. Cells are separated by the
// theme's padding and share all the space the container gets.
type GridLayout struct {
	Cols int
	RTL  bool
}

func (g *GridLayout) cols() int { return max(1, g.Cols) }

func (g *GridLayout) rows(n int) int {
	return int(math.Ceil(float64(n) / float64(g.cols())))
}

// visible returns the objects that are shown.
func visible(objects []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objects {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

// Layout implements fyne.Layout.
func (g *GridLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	shown := visible(objects)
	if len(shown) == 0 {
		return
	}
	pad := theme.Padding()
	cols, rows := g.cols(), g.rows(len(shown))
	cell := fyne.NewSize(
		(size.Width-pad*float32(cols-1))/float32(cols),
		(size.Height-pad*float32(rows-1))/float32(rows))

	for i, o := range shown {
		col, row := i%cols, i/cols
		if g.RTL {
			col = cols - 1 - col
		}
		o.Move(fyne.NewPos(float32(col)*(cell.Width+pad), float32(row)*(cell.Height+pad)))
		o.Resize(cell)
	}
}

// MinSize implements fyne.Layout: every cell is as large as the largest
// object's minimum size.
func (g *GridLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	shown := visible(objects)
	if len(shown) == 0 {
		return fyne.Size{}
	}
	var cell fyne.Size
	for _, o := range shown {
		cell = cell.Max(o.MinSize())
	}
	pad := theme.Padding()
	cols, rows := min(g.cols(), len(shown)), g.rows(len(shown))
	return fyne.NewSize(
		cell.Width*float32(cols)+pad*float32(cols-1),
		cell.Height*float32(rows)+pad*float32(rows-1))
}
