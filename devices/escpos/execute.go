package escpos

// execute applies one parsed command to the printer.
func (p *printer) execute(cmd Command) {
	if handle, ok := handlers[cmd.Name]; ok {
		handle(p, cmd)
		return
	}
	switch {
	case cmd.Name == NameText:
		p.text(cmd.Data)
	case cmd.Name == "GS ( k":
		p.symbol(cmd.Data)
	case cmd.Name == "GS ( L" || cmd.Name == "GS 8 L":
		p.graphics(cmd.Data)
	}
	// Every other command prints nothing: status requests, beeps, the
	// drawer kick, code tables we do not draw, and unknown bytes.
}

// param returns the i-th parameter of cmd, or 0 when it has fewer.
func param(cmd Command, i int) byte {
	if i < len(cmd.Params) {
		return cmd.Params[i]
	}
	return 0
}

// onOff reads the on/off parameter of commands such as ESC E n, where only
// the lowest bit counts.
func onOff(cmd Command) bool {
	return param(cmd, 0)&1 == 1
}

var handlers map[string]func(p *printer, cmd Command)

func init() {
	handlers = map[string]func(p *printer, cmd Command){
		"LF":    func(p *printer, _ Command) { p.printLine(0, true) },
		"HT":    (*printer).tab,
		"ESC @": func(p *printer, _ Command) { p.reset() },
		"ESC !": (*printer).printMode,
		"GS !": func(p *printer, cmd Command) {
			p.style.width = int(param(cmd, 0)>>4&7) + 1
			p.style.height = int(param(cmd, 0)&7) + 1
		},
		"ESC E": func(p *printer, cmd Command) { p.style.bold = onOff(cmd) },
		"ESC G": func(p *printer, cmd Command) { p.style.bold = onOff(cmd) },
		"ESC -": func(p *printer, cmd Command) { p.style.underline = int(param(cmd, 0) & 3 % 3) },
		"GS B":  func(p *printer, cmd Command) { p.style.reverse = onOff(cmd) },
		"ESC M": func(p *printer, cmd Command) { p.style.fontB = param(cmd, 0)&0x0f != 0 },
		"ESC  ": func(p *printer, cmd Command) { p.style.charSpacing = int(param(cmd, 0)) },
		"ESC a": func(p *printer, cmd Command) {
			if a := Alignment(param(cmd, 0) & 0x0f); a <= AlignRight {
				p.align = a
			}
		},
		"ESC t": func(p *printer, cmd Command) { p.codePage = param(cmd, 0) },
		"ESC 2": func(p *printer, _ Command) { p.lineSpacing = defaultLineSpacing },
		"ESC 3": func(p *printer, cmd Command) { p.lineSpacing = int(param(cmd, 0)) },
		"ESC d": func(p *printer, cmd Command) {
			p.printLine(int(param(cmd, 0))*p.lineSpacing, false)
		},
		"ESC J": func(p *printer, cmd Command) { p.printLine(int(param(cmd, 0)), false) },
		"ESC $": func(p *printer, cmd Command) { p.lineX = le16(param(cmd, 0), param(cmd, 1)) },
		"ESC \\": func(p *printer, cmd Command) {
			p.lineX = max(0, p.lineX+int(int16(le16(param(cmd, 0), param(cmd, 1)))))
		},
		"ESC D":  func(p *printer, cmd Command) { p.setTabs(cmd.Data) },
		"GS L":   func(p *printer, cmd Command) { p.leftMargin = le16(param(cmd, 0), param(cmd, 1)) },
		"GS W":   func(p *printer, cmd Command) { p.areaWidth = le16(param(cmd, 0), param(cmd, 1)) },
		"GS V":   (*printer).cutCommand,
		"ESC i":  func(p *printer, _ Command) { p.cut(0) },
		"ESC m":  func(p *printer, _ Command) { p.cut(0) },
		"GS v 0": (*printer).raster,
		"ESC *":  (*printer).columnImage,
		"GS k":   (*printer).barcodeCommand,
		"GS h":   func(p *printer, cmd Command) { p.barcode.height = max(1, int(param(cmd, 0))) },
		"GS w": func(p *printer, cmd Command) {
			p.barcode.moduleWidth = min(6, max(1, int(param(cmd, 0))))
		},
		"GS H": func(p *printer, cmd Command) { p.barcode.hri = param(cmd, 0) & 3 },
	}
}

// printMode applies ESC ! n: bit 0 font B, bit 3 bold, bit 4 double height,
// bit 5 double width, bit 7 underline.
func (p *printer) printMode(cmd Command) {
	n := param(cmd, 0)
	p.style.fontB = n&0x01 != 0
	p.style.bold = n&0x08 != 0
	p.style.height = 1 + int(n>>4&1)
	p.style.width = 1 + int(n>>5&1)
	p.style.underline = int(n >> 7)
}

func (p *printer) setTabs(columns []byte) {
	p.tabs = p.tabs[:0:0]
	for _, c := range columns {
		p.tabs = append(p.tabs, int(c))
	}
}

// tab moves to the next tab stop, counted in character cells of the
// current font and width.
func (p *printer) tab(Command) {
	cell := p.cellWidth()
	if p.tabs == nil {
		p.lineX = (p.lineX/(8*cell) + 1) * 8 * cell
		return
	}
	for _, column := range p.tabs {
		if column*cell > p.lineX {
			p.lineX = column * cell
			return
		}
	}
}

// cutCommand applies GS V m [n]. Functions B (65, 66) and D (103, 104)
// feed n dots and cut. Function C (97, 98) feeds n dots and cuts later, at
// the next print position, but a preview draws it the same way.
func (p *printer) cutCommand(cmd Command) {
	feed := 0
	if len(cmd.Params) > 1 {
		feed = int(cmd.Params[1])
	}
	p.cut(feed)
}

// cutGap is the white space drawn on each side of a cut line, so that the
// line never touches the ink of either receipt.
const cutGap = 12

// cut prints the pending line, feeds by feed dots and draws a dashed line
// where the paper is cut.
func (p *printer) cut(feed int) {
	p.printLine(feed, false)
	y := p.y + cutGap
	for x := 0; x < p.width; x += 16 {
		p.paper.fill(x, y, 8, 2, true)
	}
	p.y = y + 2 + cutGap
	p.paper.extend(p.y)
}
