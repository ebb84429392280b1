package escpos

import (
	"image"

	qrcode "github.com/skip2/go-qrcode"
)

// Symbol types of GS ( k, its cn byte.
const (
	symbolPDF417 = 48
	symbolQR     = 49
)

var symbolNames = map[byte]string{
	48: "PDF417", 50: "MaxiCode", 51: "GS1 DataBar", 52: "Composite", 53: "Aztec", 54: "DataMatrix",
}

// QRCode is a QR code a stream prints with GS ( k.
type QRCode struct {
	Offset     int     // stream offset of the print command (function 181)
	Data       []byte  // the stored data; aliases the stream
	ModuleSize int     // dots per module, 1..16
	Level      QRLevel // error correction level
}

// qrState holds the QR settings and data of GS ( k, which persist until
// ESC @ or the next store.
type qrState struct {
	moduleSize int
	level      QRLevel
	data       []byte
	other      map[byte][]byte // data stored for the other symbol types
}

// apply applies the GS ( k data cn fn ... to the state and reports whether
// it is a print command (function 81) for a QR code.
func (s *qrState) apply(data []byte) (printQR bool) {
	if len(data) < 2 {
		return false
	}
	cn, fn := data[0], data[1]
	if cn != symbolQR {
		if fn == 80 && len(data) >= 3 {
			if s.other == nil {
				s.other = make(map[byte][]byte)
			}
			s.other[cn] = data[3:]
		}
		return false
	}
	switch {
	case fn == 67 && len(data) >= 3 && data[2] >= 1 && data[2] <= MaxQRModuleSize:
		s.moduleSize = int(data[2])
	case fn == 69 && len(data) >= 3 && data[2] >= 48 && data[2] <= 51:
		s.level = [...]QRLevel{QRLevelL, QRLevelM, QRLevelQ, QRLevelH}[data[2]-48]
	case fn == 80 && len(data) >= 3:
		s.data = data[3:]
	case fn == 81:
		return len(s.data) > 0
	}
	return false
}

// QRCodes returns the QR codes that stream prints, in order, with the data
// and settings in force at each print command. A stream that ends inside a
// command returns the codes before it and an error matching [ErrTruncated].
func QRCodes(stream []byte) ([]QRCode, error) {
	cmds, err := Parse(stream)
	state := qrState{moduleSize: 3, level: QRLevelL}
	var codes []QRCode
	for _, cmd := range cmds {
		switch {
		case cmd.Name == "ESC @":
			state = qrState{moduleSize: 3, level: QRLevelL}
		case cmd.Name == "GS ( k":
			if state.apply(cmd.Data) {
				codes = append(codes, QRCode{
					Offset: cmd.Offset, Data: state.data,
					ModuleSize: state.moduleSize, Level: state.level,
				})
			}
		}
	}
	return codes, err
}

// symbol applies a GS ( k command and prints the QR code when it is the
// print function. Other symbol types print as a labelled box.
func (p *printer) symbol(data []byte) {
	if p.qr.apply(data) {
		p.printQR(p.qr.data, p.qr.moduleSize, p.qr.level)
		return
	}
	if len(data) >= 2 && data[0] != symbolQR && data[1] == 81 {
		name := symbolNames[data[0]]
		if name == "" {
			name = "2D symbol"
		}
		p.printPlaceholder(name+" "+string(p.qr.other[data[0]]), 160, 160)
	}
}

// printQR draws data as a QR code the way the printer's QR command does:
// the smallest version that holds the data at the given level, module size
// dots per module, with no quiet zone of its own. Data too long for any
// version prints nothing, as on the printer.
func (p *printer) printQR(data []byte, moduleSize int, level QRLevel) {
	levels := map[QRLevel]qrcode.RecoveryLevel{
		QRLevelL: qrcode.Low, QRLevelM: qrcode.Medium, QRLevelQ: qrcode.High, QRLevelH: qrcode.Highest,
	}
	code, err := qrcode.New(string(data), levels[level])
	if err != nil {
		return
	}
	code.DisableBorder = true
	modules := code.Bitmap()
	size := len(modules) * moduleSize
	p.printBlock(size, size, func(x, y int) {
		p.qrBoxes = append(p.qrBoxes, image.Rect(x, y, x+size, y+size))
		for row, line := range modules {
			for col, ink := range line {
				if ink {
					p.paper.fill(x+col*moduleSize, y+row*moduleSize, moduleSize, moduleSize, true)
				}
			}
		}
	})
}

// barcodeState holds the settings of GS h, GS w and GS H.
type barcodeState struct {
	height      int // dots
	moduleWidth int // dots, 1..6
	hri         byte
}

// barcodeCommand prints GS k as a box of the barcode's height holding its
// data. Drawing the bars themselves is not needed for a preview.
func (p *printer) barcodeCommand(cmd Command) {
	modules := 11*len(cmd.Data) + 35 // a Code 128 symbol's width, an estimate for every type
	p.printPlaceholder("barcode "+string(cmd.Data), modules*p.barcode.moduleWidth, p.barcode.height)
}

// printPlaceholder prints a box of width by height dots holding label in
// font A. The box grows to fit the label and shrinks to fit the printable
// area, where a label too long is cut short.
func (p *printer) printPlaceholder(label string, width, height int) {
	_, areaWidth := p.area()
	cell := fontA.width
	width = min(areaWidth, max(len(label)*cell+16, width))
	height = max(height, fontA.height+8)
	p.printBlock(width, height, func(x, y int) {
		p.paper.fill(x, y, width, 2, true)
		p.paper.fill(x, y+height-2, width, 2, true)
		p.paper.fill(x, y, 2, height, true)
		p.paper.fill(x+width-2, y, 2, height, true)

		room := (width - 16) / cell
		if len(label) > room {
			label = label[:max(room, 0)]
		}
		left := x + (width-len(label)*cell)/2
		bottom := y + (height+fontA.height)/2
		plain := textStyle{width: 1, height: 1}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !isPrintableASCII(c) {
				c = '.'
			}
			if g, err := glyphs.get(fontA, rune(c)); err == nil {
				drawGlyphAt(p.paper, g, plain, left+i*cell, bottom)
			}
		}
	})
}
