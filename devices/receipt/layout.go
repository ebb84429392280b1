// Package receipt lays out what frontdesk prints: the queue ticket, the
// request receipt, the ledger receipt, the day-close slip and the printer
// test page, as ESC/POS byte streams for one printer profile.
//
// Latin text and digits go out as printer text, which costs one byte a
// character. Arabic, and any other text the printer's code page cannot
// hold, is shaped and drawn as a raster image cropped to its ink (package
// arabic). A raster line costs hundreds of bytes, and the serial line may
// run at 9600 baud, so rasters are kept small and cached. Every string that came from configuration or
// a user passes through escpos.Sanitize first, so it can never carry a
// control byte to the printer.
//
// The structs hold display strings: money, Emirates IDs and IBANs arrive
// already formatted and masked by the packages that own them.
package receipt

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"frontdesk/devices/arabic"
	"frontdesk/devices/escpos"
)

var (
	// ErrInvalidProfile is returned by NewLayout for a profile that
	// escpos.Profile.Validate rejects.
	ErrInvalidProfile = errors.New("receipt: invalid printer profile")

	// ErrInvalidReceipt is returned when a receipt lacks a field it cannot
	// be printed without, or a field holds a value it cannot print.
	ErrInvalidReceipt = errors.New("receipt: invalid receipt")
)

// Languages of a receipt: the first language is printed first in every
// bilingual pair.
const (
	LangArabic  = "ar"
	LangEnglish = "en"
)

// dateTimeLayout prints 04/12/2026 14:05, the day-first order used in the
// UAE, in the business time zone the caller already converted to.
const dateTimeLayout = "02/01/2006 15:04"

// Arabic raster sizes: em size in dots at 203 dpi. Every row of a raster
// costs a byte per 8 dots of width, and a bilingual ticket must stay under
// 2 KB, so these sizes are small. With them the tests' ticket (default
// centre and service names, a 107-character link) is 1892 bytes. NOTE: the
// sizes were judged on rendered previews, not yet on real paper.
const (
	headingDots = 18 // the centre's name
	bodyDots    = 20 // service names and values
	labelDots   = 16 // fixed phrases next to an English label
	markDots    = 24 // the reprint mark and the copy label
)

// fieldGap feeds the paper by 12 dots (ESC J 12), between the fields of a
// receipt, so that each Arabic label stays visibly with its English line.
var fieldGap = []byte{0x1b, 'J', 12}

// fontADots is the width of one character of the printer's font A.
const fontADots = 12

// style is the look of one printed line, as text or as a raster.
type style struct {
	dots   int  // em size of a raster line
	width  int  // GS ! width multiplier of a text line, 1 for normal
	height int  // GS ! height multiplier of a text line
	bold   bool // ESC E for text, the bold face for a raster
}

var (
	// The centre's name: bold printer text, but a regular raster, because
	// the bold face makes the longest line of the ticket 17% wider.
	headingAR = style{dots: headingDots, width: 1, height: 1}
	headingEN = style{dots: headingDots, width: 1, height: 1, bold: true}
	body      = style{dots: bodyDots, width: 1, height: 1}
	label     = style{dots: labelDots, width: 1, height: 1}
	mark      = style{dots: markDots, width: 2, height: 1, bold: true}
)

// Layout turns receipts into ESC/POS bytes for one printer profile. It is
// safe for concurrent use, and it keeps the Arabic rasters of fixed texts
// (the centre's name, service names, labels) drawn once.
type Layout struct {
	profile  escpos.Profile
	renderer *arabic.Renderer
}

// NewLayout returns a Layout for the given printer profile.
func NewLayout(profile escpos.Profile) (*Layout, error) {
	if err := profile.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidProfile, err)
	}
	renderer, err := arabic.NewRenderer()
	if err != nil {
		return nil, fmt.Errorf("receipt: %w", err)
	}
	return &Layout{profile: profile, renderer: renderer}, nil
}

// MissingGlyphs returns the characters of text, after sanitising, that
// the bundled font cannot draw, each once. They would print as empty boxes,
// so configuration checks can reject a centre or service name that has any.
func (l *Layout) MissingGlyphs(text string) []rune {
	return l.renderer.Missing(escpos.Sanitize(text), false)
}

// Profile returns the printer profile the layout was made for.
func (l *Layout) Profile() escpos.Profile { return l.profile }

// begin starts a receipt: initialise, leave the double-byte mode of
// clones that need it, select the code page, centre.
func (l *Layout) begin() *escpos.Encoder {
	e := escpos.NewEncoder()
	e.Init()
	if l.profile.CancelKanji {
		e.CancelKanji()
	}
	e.CodePage(l.profile.CodePage)
	e.Align(escpos.AlignCenter)
	return e
}

// end feeds the last line clear of the print head and cuts with the
// profile's own cut command.
func (l *Layout) end(e *escpos.Encoder) ([]byte, error) {
	e.Feed(3)
	e.Raw(l.profile.Cut)
	if err := e.Err(); err != nil {
		return nil, fmt.Errorf("receipt: encode: %w", err)
	}
	return e.Bytes(), nil
}

// line prints one line of configuration or user text: as printer text when
// it is printable ASCII after sanitising, else as a raster, so that
// Arabic never reaches the printer as bytes of the wrong code page. An
// empty line prints nothing.
func (l *Layout) line(e *escpos.Encoder, s string, st style) error {
	s = strings.TrimSpace(escpos.Sanitize(s))
	if s == "" {
		return nil
	}
	if escpos.IsPrintableASCII(s) {
		l.text(e, s, st)
		return nil
	}

	img, err := l.renderer.Draw(s, l.rasterOptions(st))
	if errors.Is(err, arabic.ErrNoInk) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("receipt: draw %q: %w", s, err)
	}
	e.Raster(img)
	return nil
}

// rasterOptions returns how a line in style st is drawn: shrunk, and
// wrapped if need be, to the paper's width, with wrapped lines centred.
func (l *Layout) rasterOptions(st style) arabic.Options {
	return arabic.Options{
		Size:     st.dots,
		Bold:     st.bold,
		MaxWidth: l.profile.WidthDots,
		Fit:      arabic.FitShrink,
		Align:    arabic.AlignCenter,
	}
}

// text prints printable ASCII in the given style, broken at spaces into
// lines that fit the paper, and resets the style. The printer would break
// a long line in the middle of a word.
func (l *Layout) text(e *escpos.Encoder, s string, st style) {
	sized := st.width > 1 || st.height > 1
	if sized {
		e.Size(st.width, st.height)
	}
	if st.bold {
		e.Bold(true)
	}
	for _, line := range wrapWords(s, l.profile.WidthDots/(fontADots*max(1, st.width))) {
		e.Line(line)
	}
	if st.bold {
		e.Bold(false)
	}
	if sized {
		e.Size(1, 1)
	}
}

// pair prints an Arabic and an English text in the order of lang.
func (l *Layout) pair(e *escpos.Encoder, lang, ar string, arStyle style, en string, enStyle style) error {
	type item struct {
		text string
		st   style
	}
	items := [2]item{{ar, arStyle}, {en, enStyle}}
	if lang == LangEnglish {
		items[0], items[1] = items[1], items[0]
	}
	for _, it := range items {
		if err := l.line(e, it.text, it.st); err != nil {
			return err
		}
	}
	return nil
}

// reprintMark prints the mark that sets a reprint apart from the original.
func (l *Layout) reprintMark(e *escpos.Encoder, lang string) error {
	err := l.pair(e, lang, phraseReprint.ar, mark, "*** "+phraseReprint.en+" ***", mark)
	e.Feed(1)
	return err
}

// labelled prints a field as "Label: value" in English and the Arabic
// label, in the order of lang. Values are printed once, on the English
// line, when they are printable ASCII (numbers, dates, masked ids), which
// is how digits stay text.
func (l *Layout) labelled(e *escpos.Encoder, lang string, p phrase, value string) error {
	value = strings.TrimSpace(escpos.Sanitize(value))
	if value == "" {
		return nil
	}
	defer e.Raw(fieldGap)
	if !escpos.IsPrintableASCII(value) {
		if err := l.pair(e, lang, p.ar, label, p.en+":", body); err != nil {
			return err
		}
		return l.line(e, value, body)
	}
	return l.pair(e, lang, p.ar, label, p.en+": "+value, body)
}

// wrapWords breaks s at spaces into lines of at most cols characters. A
// word longer than a line is cut, as the printer itself would.
func wrapWords(s string, cols int) []string {
	if cols < 1 || len(s) <= cols {
		return []string{s}
	}
	var lines []string
	current := ""
	for _, word := range strings.Fields(s) {
		for len(word) > cols {
			if current != "" {
				lines = append(lines, current)
				current = ""
			}
			lines = append(lines, word[:cols])
			word = word[cols:]
		}
		switch {
		case current == "":
			current = word
		case len(current)+1+len(word) <= cols:
			current += " " + word
		default:
			lines = append(lines, current)
			current = word
		}
	}
	if current != "" {
		lines = append(lines, current)
	}
	return lines
}

// translated prints a field whose value has an Arabic and an English
// form, as "label: value" in each language. The Arabic line is one raster,
// which the cache keeps because such values come from a short list (request
// types, departments, entry kinds). A missing form prints that language's
// label with the other form.
func (l *Layout) translated(e *escpos.Encoder, lang string, p phrase, ar, en string) error {
	ar = strings.TrimSpace(escpos.Sanitize(ar))
	en = strings.TrimSpace(escpos.Sanitize(en))
	switch {
	case ar == "" && en == "":
		return nil
	case ar == "":
		ar = en
	case en == "":
		en = ar
	}
	defer e.Raw(fieldGap)
	if !escpos.IsPrintableASCII(en) {
		return l.pair(e, lang, p.ar+": "+ar, body, p.en+":", body)
	}
	return l.pair(e, lang, p.ar+": "+ar, body, p.en+": "+en, body)
}

// checkLang returns the language to print first, English or Arabic, or an
// error for anything else. An empty language means Arabic, the kiosk's
// first language.
func checkLang(lang string) (string, error) {
	switch lang {
	case "", LangArabic:
		return LangArabic, nil
	case LangEnglish:
		return LangEnglish, nil
	}
	return "", fmt.Errorf("%w: language %q; use %q or %q", ErrInvalidReceipt, lang, LangArabic, LangEnglish)
}

// formatTime prints t as it is, because the caller converted it to the
// business time zone already.
func formatTime(t time.Time) string {
	return t.Format(dateTimeLayout)
}
