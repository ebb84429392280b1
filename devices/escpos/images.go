package escpos

// bitmap is a 1-bit image in the row format of GS v 0 and GS ( L: rows of
// rowBytes bytes, most significant bit leftmost, 1 for a black dot, drawn
// scaleX by scaleY dots per pixel.
type bitmap struct {
	width, height  int
	rowBytes       int
	data           []byte
	scaleX, scaleY int
}

func (b *bitmap) ink(x, y int) bool {
	i := y*b.rowBytes + x>>3
	return i < len(b.data) && b.data[i]&(0x80>>(x&7)) != 0
}

// draw prints the bitmap with its top-left corner at x, y. Runs of black
// pixels in a row are filled at once.
func (b *bitmap) draw(paper *canvas, x, y int) {
	for row := 0; row < b.height; row++ {
		top := y + row*b.scaleY
		if top >= paper.maxHeight {
			paper.clipped = true
			return
		}
		for col := 0; col < b.width; {
			if !b.ink(col, row) {
				col++
				continue
			}
			start := col
			for col < b.width && b.ink(col, row) {
				col++
			}
			paper.fill(x+start*b.scaleX, top, (col-start)*b.scaleX, b.scaleY, true)
		}
	}
}

// raster prints GS v 0 m xL xH yL yH d. Bit 0 of m doubles the width and
// bit 1 the height.
func (p *printer) raster(cmd Command) {
	m := param(cmd, 0)
	rowBytes := le16(param(cmd, 1), param(cmd, 2))
	b := &bitmap{
		width:    rowBytes * 8,
		height:   le16(param(cmd, 3), param(cmd, 4)),
		rowBytes: rowBytes,
		data:     cmd.Data,
		scaleX:   1 + int(m&1),
		scaleY:   1 + int(m>>1&1),
	}
	p.printBitmap(b)
}

func (p *printer) printBitmap(b *bitmap) {
	if b.width == 0 || b.height == 0 {
		return
	}
	p.printBlock(b.width*b.scaleX, b.height*b.scaleY, func(x, y int) {
		b.draw(p.paper, x, y)
	})
}

// columnImage puts ESC * m nL nH d in the line buffer: n columns of 8 dots
// (one byte) or 24 dots (three bytes), most significant bit at the top.
// The 8-dot modes print each dot three rows tall, and the single density
// modes (m = 0 and 32) print each column two dots wide.
func (p *printer) columnImage(cmd Command) {
	m := param(cmd, 0)
	columns := le16(param(cmd, 1), param(cmd, 2))
	var bytesPerColumn, scaleX, scaleY int
	switch m {
	case 0, 1:
		bytesPerColumn, scaleY = 1, 3
	case 32, 33:
		bytesPerColumn, scaleY = 3, 1
	default:
		return
	}
	scaleX = 2 - int(m&1)
	data := cmd.Data
	if columns == 0 || len(data) < columns*bytesPerColumn {
		return
	}

	p.addItem(lineItem{
		width:  columns * scaleX,
		height: bytesPerColumn * 8 * scaleY,
		draw: func(paper *canvas, x, bottom int) {
			top := bottom - bytesPerColumn*8*scaleY
			for col := 0; col < columns; col++ {
				for dot := 0; dot < bytesPerColumn*8; dot++ {
					if data[col*bytesPerColumn+dot/8]&(0x80>>(dot%8)) != 0 {
						paper.fill(x+col*scaleX, top+dot*scaleY, scaleX, scaleY, true)
					}
				}
			}
		},
	})
}

// graphics applies GS ( L and GS 8 L, whose data begins with m (48) and the
// function number. Function 112 stores a raster graphic in the print
// buffer and function 50 (or 2) prints it. Colour graphics print their
// first colour only, and stored NV and download graphics are skipped.
func (p *printer) graphics(data []byte) {
	if len(data) < 2 {
		return
	}
	switch data[1] {
	case 112:
		p.graphic = parseGraphic(data)
	case 50, 2:
		if p.graphic != nil {
			p.printBitmap(p.graphic)
			p.graphic = nil
		}
	}
}

// parseGraphic reads m fn a bx by c xL xH yL yH d of function 112, or
// returns nil when the data is too short for the size it declares.
func parseGraphic(data []byte) *bitmap {
	if len(data) < 10 {
		return nil
	}
	width, height := le16(data[6], data[7]), le16(data[8], data[9])
	rowBytes := (width + 7) / 8
	pixels := data[10:]
	if rowBytes*height > len(pixels) {
		return nil
	}
	return &bitmap{
		width:    width,
		height:   height,
		rowBytes: rowBytes,
		data:     pixels[:rowBytes*height],
		scaleX:   min(2, max(1, int(data[3]))),
		scaleY:   min(2, max(1, int(data[4]))),
	}
}
