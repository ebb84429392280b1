package ui

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"
)

// ellipsis marks the end side of a line that was cut to fit its label.
const ellipsis = "…"

// fitPieces cuts the pieces of one line, in visual order, to width. The
// start of the line always stays: a right-to-left line loses words on its
// left, where it ends, and a left-to-right line on its right. An ellipsis
// marks the cut. measure returns the drawn width of a text.
func fitPieces(pieces []Piece, width float32, rtl bool, measure func(string) float32) []Piece {
	var total float32
	for _, p := range pieces {
		total += measure(p.Text)
	}
	if total <= width {
		return pieces
	}

	// Walk from the start side of the line: the right in Arabic.
	fromStart := slices.Clone(pieces)
	if rtl {
		slices.Reverse(fromStart)
	}
	room := width - measure(ellipsis)
	var shown []Piece
	for _, p := range fromStart {
		w := measure(p.Text)
		if w <= room {
			shown = append(shown, p)
			room -= w
			continue
		}
		// The piece's end side in the line is its logical end when it is
		// drawn in the line's own direction, and its logical start
		// otherwise, as for a Latin name on the left of an Arabic line.
		if text := cutText(p.Text, room, p.RTL == rtl, measure); text != "" {
			shown = append(shown, Piece{Text: text, RTL: p.RTL})
		}
		break
	}
	shown = append(shown, Piece{Text: ellipsis})
	if rtl {
		slices.Reverse(shown)
	}
	return shown
}

// cutText returns the longest part of text no wider than room that keeps
// its logical start (keepStart) or its logical end. It cuts between words
// when a whole word fits, and between letters otherwise.
func cutText(text string, room float32, keepStart bool, measure func(string) float32) string {
	runes := []rune(text)
	part := func(n int) string {
		if keepStart {
			return string(runes[:n])
		}
		return string(runes[len(runes)-n:])
	}

	fits := 0
	for n := 1; n <= len(runes) && measure(part(n)) <= room; n++ {
		fits = n
	}
	if fits == 0 {
		return ""
	}
	if fits == len(runes) {
		return text
	}
	// The rune just past the cut shows whether a word was broken.
	next := runes[fits]
	if !keepStart {
		next = runes[len(runes)-fits-1]
	}
	return trimToWord(part(fits), keepStart, !unicode.IsSpace(next))
}

// trimToWord drops the broken word at the cut side of text, when one was
// broken and a whole word remains, and the spaces and dangling combining
// marks at that side.
func trimToWord(text string, keepStart, broken bool) string {
	if keepStart {
		if i := strings.LastIndexFunc(text, unicode.IsSpace); broken && i > 0 {
			text = text[:i]
		}
		return strings.TrimRightFunc(text, unicode.IsSpace)
	}

	if i := strings.IndexFunc(text, unicode.IsSpace); broken && i >= 0 && i < len(text)-1 {
		text = text[i:]
	}
	text = strings.TrimLeftFunc(text, unicode.IsSpace)
	// A combining mark cut off from its letter has nothing to sit on.
	for text != "" {
		r, size := utf8.DecodeRuneInString(text)
		if bidiClass(r) != bidi.NSM {
			break
		}
		text = text[size:]
	}
	return text
}
