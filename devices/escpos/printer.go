package escpos

import (
	"image"
)

// printer holds the state of an emulated printer while [Render] runs: the
// paper, the position on it, the character modes and the line being built.
type printer struct {
	paper *canvas
	width int // print head width in dots
	y     int // top of the next line

	style       textStyle
	align       Alignment
	leftMargin  int
	areaWidth   int // 0 for the rest of the head width
	lineSpacing int
	codePage    byte
	tabs        []int // tab stops in character columns; nil for every 8 columns

	line  []lineItem
	lineX int // position of the next item, in dots from the line's left edge

	qr      qrState
	barcode barcodeState
	graphic *bitmap // stored by GS ( L function 112 until function 50 prints it

	qrBoxes []image.Rectangle // position of each QR code drawn, in print order
}

// textStyle is the character mode set by ESC !, GS !, ESC E and friends.
type textStyle struct {
	fontB       bool
	bold        bool
	underline   int // dots: 0, 1 or 2
	reverse     bool
	width       int // multiplier 1..8
	height      int // multiplier 1..8
	charSpacing int // right-side spacing in dots, before scaling
}

// lineItem is a character or column image waiting in the line buffer.
type lineItem struct {
	x, width, height int
	draw             func(paper *canvas, x, bottom int)
}

// defaultLineSpacing is 1/6 inch at 203 dpi, rounded, the line spacing of
// ESC 2.
const defaultLineSpacing = 34

func newPrinter(width int) *printer {
	p := &printer{paper: newCanvas(width, MaxRenderHeight), width: width}
	p.reset()
	return p
}

// reset returns to the power-on settings, as ESC @ does. It also clears the
// line buffer without printing it.
func (p *printer) reset() {
	p.style = textStyle{width: 1, height: 1}
	p.align = AlignLeft
	p.leftMargin, p.areaWidth = 0, 0
	p.lineSpacing = defaultLineSpacing
	p.codePage = 0
	p.tabs = nil
	p.line, p.lineX = nil, 0
	p.qr = qrState{moduleSize: 3, level: QRLevelL}
	p.barcode = barcodeState{height: 162, moduleWidth: 3}
	p.graphic = nil
}

// area returns the left edge and width of the printable area.
func (p *printer) area() (left, width int) {
	left = min(p.leftMargin, p.width-1)
	width = p.width - left
	if p.areaWidth > 0 {
		width = min(width, p.areaWidth)
	}
	return left, width
}

// alignedX returns the left edge of something w dots wide under the
// current alignment.
func (p *printer) alignedX(w int) int {
	left, width := p.area()
	switch {
	case w >= width:
		return left
	case p.align == AlignCenter:
		return left + (width-w)/2
	case p.align == AlignRight:
		return left + width - w
	}
	return left
}

// addItem puts an item in the line buffer, printing the line first when the
// item does not fit, as a printer wraps a line that is full.
func (p *printer) addItem(item lineItem) {
	_, width := p.area()
	if p.lineX+item.width > width && len(p.line) > 0 {
		p.printLine(0, true)
	}
	item.x = p.lineX
	p.line = append(p.line, item)
	p.lineX += item.width
}

// printLine prints the line buffer and moves the paper on by the larger of
// the line spacing and the tallest item, or by feed dots when feed is more.
// An empty buffer moves the paper only when advance is set.
func (p *printer) printLine(feed int, advance bool) {
	if len(p.line) == 0 && !advance {
		p.y += feed
		p.paper.extend(p.y)
		return
	}

	height := 0
	for _, item := range p.line {
		height = max(height, item.height)
	}
	x0 := p.alignedX(p.lineX)
	for _, item := range p.line {
		item.draw(p.paper, x0+item.x, p.y+height)
	}

	step := max(feed, height)
	if advance {
		step = max(step, p.lineSpacing)
	}
	p.y += step
	p.paper.extend(p.y)
	p.line, p.lineX = nil, 0
}

// printBlock prints something that takes whole lines of its own, such as a
// raster image or a QR code: the pending line first, then the block under
// the current alignment.
func (p *printer) printBlock(w, h int, draw func(x, y int)) {
	if len(p.line) > 0 {
		p.printLine(0, true)
	}
	draw(p.alignedX(w), p.y)
	p.y += h
	p.paper.extend(p.y)
}
