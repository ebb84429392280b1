package arabic

import (
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// placedGlyph is a glyph and the position of its origin in pixels, x to the
// right of the line's left end and y up from the baseline.
type placedGlyph struct {
	id   font.GID
	x, y float32
}

// shapedLine is one line shaped and laid out from left to right.
type shapedLine struct {
	glyphs  []placedGlyph
	advance float32 // pixels from the left end to the pen after the last glyph
	ascent  float32 // pixels above the baseline that the font's lines use
	descent float32 // pixels below the baseline, positive
}

var (
	langArabic  = language.NewLanguage("ar")
	langEnglish = language.NewLanguage("en")
)

// shapeLine orders the runs of a cleaned line and shapes each one with
// HarfBuzz, so that Arabic letters take their joined forms and lam-alef
// ligatures, then places the runs side by side from left to right. The
// caller holds the Renderer's lock because a HarfbuzzShaper has state.
func shapeLine(shaper *shaping.HarfbuzzShaper, face *font.Face, runes []rune, size int) shapedLine {
	var line shapedLine
	for _, run := range visualRuns(runes) {
		input := shaping.Input{
			Text:      runes,
			RunStart:  run.Start,
			RunEnd:    run.End,
			Direction: di.DirectionLTR,
			Face:      face,
			Size:      fixed.I(size),
			Script:    language.Latin,
			Language:  langEnglish,
		}
		if run.RightToLeft {
			input.Direction = di.DirectionRTL
		}
		if hasArabic(runes[run.Start:run.End]) {
			input.Script = language.Arabic
			input.Language = langArabic
		}

		// HarfBuzz returns the glyphs of a right-to-left run in visual
		// order already, so both directions are placed left to right.
		out := shaper.Shape(input)
		for _, g := range out.Glyphs {
			line.glyphs = append(line.glyphs, placedGlyph{
				id: g.GlyphID,
				x:  line.advance + pixels(g.XOffset),
				y:  pixels(g.YOffset),
			})
			line.advance += pixels(g.Advance)
		}
		line.ascent = max(line.ascent, pixels(out.LineBounds.Ascent))
		line.descent = max(line.descent, -pixels(out.LineBounds.Descent))
	}
	return line
}

func pixels(v fixed.Int26_6) float32 { return float32(v) / 64 }

func hasArabic(runes []rune) bool {
	for _, r := range runes {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}
