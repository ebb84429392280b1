package escpos

// font returns the character cell of the current style.
func (p *printer) font() cellFont {
	if p.style.fontB {
		return fontB
	}
	return fontA
}

// cellWidth returns the width in dots of one character of the current
// style, spacing included.
func (p *printer) cellWidth() int {
	return (p.font().width + p.style.charSpacing) * p.style.width
}

// text puts each byte of data in the line buffer as a character of the
// current code page and style.
func (p *printer) text(data []byte) {
	f := p.font()
	style := p.style
	for _, c := range data {
		r := decodeByte(p.codePage, c)
		if c == 0x7f {
			r = ' '
		}
		g, err := glyphs.get(f, r)
		if err != nil {
			continue // the font was parsed before rendering began
		}
		p.addItem(lineItem{
			width:  (f.width + style.charSpacing) * style.width,
			height: f.height * style.height,
			draw: func(paper *canvas, x, bottom int) {
				drawGlyphAt(paper, g, style, x, bottom)
			},
		})
		if p.paper.full() {
			return
		}
	}
}

// drawGlyphAt draws g scaled by the style's multipliers with its bottom
// edge on row bottom. Bold doubles each stroke one dot to the right, as a
// printer's emphasised mode does.
func drawGlyphAt(paper *canvas, g *glyph, style textStyle, x, bottom int) {
	sw, sh := style.width, style.height
	cellWidth := (g.width + style.charSpacing) * sw
	top := bottom - g.height*sh
	if style.reverse {
		paper.fill(x, top, cellWidth, g.height*sh, true)
	}

	for gy := 0; gy < g.height; gy++ {
		// Fill each run of ink in the row at once.
		for gx := 0; gx < g.width; {
			if !glyphInk(g, style.bold, gx, gy) {
				gx++
				continue
			}
			start := gx
			for gx < g.width && glyphInk(g, style.bold, gx, gy) {
				gx++
			}
			paper.fill(x+start*sw, top+gy*sh, (gx-start)*sw, sh, !style.reverse)
		}
	}

	if style.underline > 0 {
		paper.fill(x, bottom-style.underline*sh, cellWidth, style.underline*sh, !style.reverse)
	}
}

// glyphInk reports whether the dot at gx, gy of g prints. Bold also prints
// the dot to the right of every dot.
func glyphInk(g *glyph, bold bool, gx, gy int) bool {
	row := g.dots[gy*g.width:]
	return row[gx] == 1 || (bold && gx > 0 && row[gx-1] == 1)
}
