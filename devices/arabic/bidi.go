package arabic

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// Run is a stretch of a line that is read in one direction.
type Run struct {
	Text        string // in logical (reading) order
	RightToLeft bool
	Start, End  int // rune offsets of the run in the cleaned line, End exclusive
}

// VisualRuns splits a line into its bidi runs with the paragraph direction
// right to left, and returns them in visual order, leftmost first. A run
// marked RightToLeft is drawn with its first character on the right. The
// others read left to right. So "رقم التذكرة A-007" yields the run "A-007"
// on the left and the Arabic on the right.
//
// The line is cleaned first (see Clean), so the offsets count runes of the
// cleaned line.
func VisualRuns(line string) []Run {
	return visualRuns([]rune(Clean(line)))
}

// visualRuns orders the runs of a cleaned line.
//
// golang.org/x/text/unicode/bidi v0.44 returns its runs in logical order
// and merges neighbouring levels of the same parity, so the reordering
// (rule L2 of Unicode UAX #9) is done here. With the paragraph level forced
// to 1 (right to left) and no explicit embeddings, which Clean removes, the
// implicit rules only produce levels 1 and 2. Then L2 reverses the whole
// line and reverses every level-2 run back, which comes to drawing the runs
// in reverse logical order, each in its own direction.
func visualRuns(runes []rune) []Run {
	if len(runes) == 0 {
		return nil
	}
	var p bidi.Paragraph
	if _, err := p.SetString(string(runes), bidi.DefaultDirection(bidi.RightToLeft)); err != nil {
		return []Run{{Text: string(runes), RightToLeft: true, Start: 0, End: len(runes)}}
	}
	order, err := p.Order()
	if err != nil {
		return []Run{{Text: string(runes), RightToLeft: true, Start: 0, End: len(runes)}}
	}

	runs := make([]Run, 0, order.NumRuns())
	for i := order.NumRuns() - 1; i >= 0; i-- {
		r := order.Run(i)
		start, last := r.Pos()
		runs = append(runs, Run{
			Text:        r.String(),
			RightToLeft: r.Direction() == bidi.RightToLeft,
			Start:       start,
			End:         last + 1,
		})
	}
	return runs
}

// Clean returns s without the characters that have no place in one printed
// line: control characters (C0, C1, line and paragraph separators, which
// are replaced by a space) and the explicit bidi embedding, override and
// isolate characters (U+202A-U+202E, U+2066-U+2069), which are dropped
// because the line is always ordered as a right-to-left paragraph. Letter
// marks such as U+200F RIGHT-TO-LEFT MARK are kept.
func Clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n', r == '\r', r == '\t', r == '\u2028', r == '\u2029', r == '\u0085':
			b.WriteRune(' ')
		case unicode.IsControl(r), r == unicode.ReplacementChar:
		case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
