package escpos

import (
	"fmt"
	"image"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/encoding/charmap"

	"frontdesk/assets"
)

// Character cells of the printer's two fonts, in dots, as on 80 mm Epson
// TM printers: font A is 12 by 24 dots and font B 9 by 17.
var (
	fontA = cellFont{width: 12, height: 24, size: 19}
	fontB = cellFont{width: 9, height: 17, size: 13}
)

// cellFont is one printer font: a character cell and the size in pixels at
// which DejaVu Sans is drawn into it.
type cellFont struct {
	width, height int
	size          float64
}

// glyph is a character drawn into its cell: width times height bytes, 1
// where a dot prints.
type glyph struct {
	width, height int
	dots          []byte
}

// glyphCache draws each character once per font and keeps the result. The
// faces of x/image/font/opentype are not safe for concurrent use, so one
// mutex guards both.
type glyphCache struct {
	mu     sync.Mutex
	faces  map[cellFont]font.Face
	glyphs map[glyphKey]*glyph
	err    error
}

type glyphKey struct {
	font cellFont
	r    rune
}

var glyphs = glyphCache{
	faces:  make(map[cellFont]font.Face),
	glyphs: make(map[glyphKey]*glyph),
}

// loadFont parses the bundled font once.
var loadFont = sync.OnceValues(func() (*opentype.Font, error) {
	f, err := opentype.Parse(assets.FontRegular)
	if err != nil {
		return nil, fmt.Errorf("escpos: parse the bundled font: %w", err)
	}
	return f, nil
})

// get returns the glyph of r in the font f.
func (gc *glyphCache) get(f cellFont, r rune) (*glyph, error) {
	gc.mu.Lock()
	defer gc.mu.Unlock()

	key := glyphKey{f, r}
	if g, ok := gc.glyphs[key]; ok {
		return g, nil
	}
	face, err := gc.faceLocked(f)
	if err != nil {
		return nil, err
	}
	g := drawGlyph(face, f, r)
	gc.glyphs[key] = g
	return g, nil
}

func (gc *glyphCache) faceLocked(f cellFont) (font.Face, error) {
	if face, ok := gc.faces[f]; ok {
		return face, nil
	}
	parsed, err := loadFont()
	if err != nil {
		return nil, err
	}
	face, err := opentype.NewFace(parsed, &opentype.FaceOptions{
		Size: f.size, DPI: 72, Hinting: font.HintingFull,
	})
	if err != nil {
		return nil, fmt.Errorf("escpos: make a %v pixel face of the bundled font: %w", f.size, err)
	}
	gc.faces[f] = face
	return face, nil
}

// drawGlyph draws r centred in a cell of f. A character wider than the cell
// is drawn at its own width and squeezed into the cell, keeping every column
// that has ink, so that the text stays monospaced as on the printer. A
// character the font lacks is drawn as a hollow box.
func drawGlyph(face font.Face, f cellFont, r rune) *glyph {
	g := &glyph{width: f.width, height: f.height, dots: make([]byte, f.width*f.height)}
	advance, ok := face.GlyphAdvance(r)
	if !ok {
		drawMissingGlyph(g)
		return g
	}

	metrics := face.Metrics()
	ascent, descent := metrics.Ascent.Ceil(), metrics.Descent.Ceil()
	baseline := (f.height-ascent-descent)/2 + ascent
	drawWidth := max(f.width, advance.Ceil())
	mask := image.NewAlpha(image.Rect(0, 0, drawWidth, f.height))
	drawer := font.Drawer{
		Dst:  mask,
		Src:  image.Opaque,
		Face: face,
		Dot:  fixed.Point26_6{X: (fixed.I(drawWidth) - advance) / 2, Y: fixed.I(baseline)},
	}
	drawer.DrawString(string(r))

	for y := 0; y < f.height; y++ {
		for x := 0; x < f.width; x++ {
			from, to := x*drawWidth/f.width, (x+1)*drawWidth/f.width
			var alpha byte
			for sx := from; sx < max(to, from+1); sx++ {
				alpha = max(alpha, mask.AlphaAt(sx, y).A)
			}
			if alpha >= 0x80 {
				g.dots[y*f.width+x] = 1
			}
		}
	}
	return g
}

func drawMissingGlyph(g *glyph) {
	for y := 3; y < g.height-3; y++ {
		for x := 1; x < g.width-1; x++ {
			if y == 3 || y == g.height-4 || x == 1 || x == g.width-2 {
				g.dots[y*g.width+x] = 1
			}
		}
	}
}

// codePages maps the ESC t numbers of Epson printers to the character sets
// of golang.org/x/text. Pages missing here are drawn as PC437.
var codePages = map[byte]*charmap.Charmap{
	0:  charmap.CodePage437,
	2:  charmap.CodePage850,
	3:  charmap.CodePage860,
	4:  charmap.CodePage863,
	5:  charmap.CodePage865,
	15: charmap.ISO8859_7,
	16: charmap.Windows1252,
	17: charmap.CodePage866,
	18: charmap.CodePage852,
	19: charmap.CodePage858,
	34: charmap.CodePage855,
	36: charmap.CodePage862,
	39: charmap.ISO8859_2,
	40: charmap.ISO8859_15,
	45: charmap.Windows1250,
	46: charmap.Windows1251,
	47: charmap.Windows1253,
	48: charmap.Windows1254,
	49: charmap.Windows1255,
	50: charmap.Windows1256,
	51: charmap.Windows1257,
	52: charmap.Windows1258,
}

// decodeByte returns the character that byte c prints as under code page
// page.
func decodeByte(page byte, c byte) rune {
	if c < 0x80 {
		return rune(c)
	}
	cm, ok := codePages[page]
	if !ok {
		cm = charmap.CodePage437
	}
	return cm.DecodeByte(c)
}
