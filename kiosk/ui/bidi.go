package ui

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"
)

// Piece is a part of a line that one canvas.Text can draw correctly.
type Piece struct {
	Text string // in reading order
	RTL  bool   // an Arabic run, which Fyne shapes right to left itself
}

// VisualPieces splits one line into the pieces that, drawn left to right in
// the returned order, show the line as its paragraph direction wants.
//
// Fyne v2.8 shapes each Arabic run right to left but orders the runs of a
// line as if the paragraph were left to right. For a left-to-right line that
// is right, and the whole line is one piece. For a right-to-left line the
// runs come from golang.org/x/text/unicode/bidi with the paragraph direction
// forced to right to left. Its Ordering lists runs in logical order (v0.44),
// and with no explicit embeddings the line only has levels 1 and 2, so the
// visual order (rule L2 of Unicode UAX #9) is the runs reversed.
//
// golang.org/x/text/unicode/bidi v0.44 does not apply the rules that keep a
// number whole (W4 and W5), so "2026-12-04" would come out as five runs
// drawn from right to left. joinNumbers applies them first.
//
// Spaces and punctuation at the ends of an Arabic run, such as the colon and
// space of "الخدمة: ", would be placed on the wrong side by Fyne's
// left-to-right view, so they become their own pieces, reversed and with
// brackets mirrored.
func VisualPieces(line string, rtl bool) []Piece {
	line = stripBidiControls(line)
	if line == "" {
		return nil
	}
	if !rtl {
		return []Piece{{Text: line}}
	}

	// The runs come from a copy of the line in which the separators and
	// terminators that belong to a number are digits, and are cut from
	// the line itself by their rune positions.
	runes := []rune(line)
	var p bidi.Paragraph
	if _, err := p.SetString(string(joinNumbers(runes)), bidi.DefaultDirection(bidi.RightToLeft)); err != nil {
		return []Piece{{Text: line, RTL: true}}
	}
	order, err := p.Order()
	if err != nil {
		return []Piece{{Text: line, RTL: true}}
	}

	var pieces []Piece
	for i := order.NumRuns() - 1; i >= 0; i-- {
		run := order.Run(i)
		start, end := run.Pos()
		text := string(runes[start : end+1])
		if run.Direction() != bidi.RightToLeft {
			pieces = append(pieces, Piece{Text: text})
			continue
		}
		pieces = append(pieces, rtlRunPieces(text)...)
	}
	return pieces
}

// rtlRunPieces returns the pieces of one right-to-left run in visual order:
// the trailing neutrals on the left, the Arabic core, the leading neutrals
// on the right.
func rtlRunPieces(run string) []Piece {
	first := strings.IndexFunc(run, isStrongRTL)
	if first < 0 {
		return []Piece{{Text: mirrorReverse(run)}}
	}
	last := strings.LastIndexFunc(run, isStrongRTL)
	_, size := utf8.DecodeRuneInString(run[last:])
	end := last + size
	// Combining marks after the last letter belong to it.
	for end < len(run) {
		r, size := utf8.DecodeRuneInString(run[end:])
		if bidiClass(r) != bidi.NSM {
			break
		}
		end += size
	}

	var pieces []Piece
	if end < len(run) {
		pieces = append(pieces, Piece{Text: mirrorReverse(run[end:])})
	}
	pieces = append(pieces, Piece{Text: run[first:end], RTL: true})
	if first > 0 {
		pieces = append(pieces, Piece{Text: mirrorReverse(run[:first])})
	}
	return pieces
}

// FirstStrongRTL reports whether the first strong character of text, a
// letter with a direction, is right to left, as Arabic is. That is the
// paragraph direction that rules P2 and P3 of Unicode UAX #9 give a text
// of unknown language, such as a service name from the configuration. A
// text without strong characters, such as "24", is left to right.
func FirstStrongRTL(text string) bool {
	for _, r := range text {
		switch bidiClass(r) {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

func bidiClass(r rune) bidi.Class {
	props, _ := bidi.LookupRune(r)
	return props.Class()
}

func isStrongRTL(r rune) bool {
	c := bidiClass(r)
	return c == bidi.R || c == bidi.AL
}

// mirrored pairs the brackets that swap in a right-to-left run.
var mirrored = map[rune]rune{
	'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{',
	'<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹',
}

// mirrorReverse returns neutral characters in visual order for a
// right-to-left run: reversed, with brackets mirrored.
func mirrorReverse(s string) string {
	runes := []rune(s)
	slices.Reverse(runes)
	for i, r := range runes {
		if m, ok := mirrored[r]; ok {
			runes[i] = m
		}
	}
	return string(runes)
}

// stripBidiControls drops the explicit embedding, override and isolate
// characters, which the piece splitting does not model.
func stripBidiControls(s string) string {
	return strings.Map(func(r rune) rune {
		if (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') {
			return -1
		}
		return r
	}, s)
}
