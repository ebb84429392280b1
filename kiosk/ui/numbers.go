package ui

import "golang.org/x/text/unicode/bidi"

// joinNumbers returns a copy of a line, rune for rune, in which the
// separators and terminators that belong to a number are replaced by a
// digit of the number's class. The bidi algorithm then keeps the number in
// one left-to-right run. The rules are those of Unicode UAX #9:
//
//   - W4: a single European separator (+ -) or common separator (, . : /)
//     between two European digits joins them, as in "2026-12-04",
//     "784-1990-1234567-6" and "09:30". A single common separator joins
//     two Arabic-Indic digits.
//   - W5: a sequence of European terminators (% $ # °, currency signs)
//     next to a European digit joins it, as in "15%" and "$25".
//
// Two rules are our own, because UAX #9 would show "A-007" as "007-A" and
// "+971501234567" as "971501234567+" in a right-to-left paragraph:
//
//   - a single separator between a Latin letter and a European digit joins
//     them, as in a ticket number;
//   - a plus or minus sign before a European digit, at the start of a word,
//     joins it, as in a mobile number.
func joinNumbers(runes []rune) []rune {
	classes := make([]bidi.Class, len(runes))
	for i, r := range runes {
		classes[i] = bidiClass(r)
	}
	out := make([]rune, len(runes))
	copy(out, runes)
	set := func(i int, class bidi.Class) {
		classes[i] = class
		out[i] = '0'
		if class == bidi.AN {
			out[i] = '\u0660'
		}
	}

	// W4, and the ticket number rule.
	for i := 1; i+1 < len(runes); i++ {
		before, after := classes[i-1], classes[i+1]
		switch classes[i] {
		case bidi.ES, bidi.CS:
			switch {
			case before == bidi.EN && after == bidi.EN:
				set(i, bidi.EN)
			case classes[i] == bidi.CS && before == bidi.AN && after == bidi.AN:
				set(i, bidi.AN)
			case before == bidi.L && after == bidi.EN, before == bidi.EN && after == bidi.L:
				set(i, bidi.EN)
			}
		}
	}

	// The sign of a number at the start of a word.
	for i := 0; i+1 < len(runes); i++ {
		startsWord := i == 0 || classes[i-1] == bidi.WS
		if classes[i] == bidi.ES && classes[i+1] == bidi.EN && startsWord {
			set(i, bidi.EN)
		}
	}

	// W5: a run of terminators takes the class of a European digit on
	// either side of it.
	for i := 0; i < len(runes); {
		if classes[i] != bidi.ET {
			i++
			continue
		}
		end := i
		for end < len(runes) && classes[end] == bidi.ET {
			end++
		}
		if (i > 0 && classes[i-1] == bidi.EN) || (end < len(runes) && classes[end] == bidi.EN) {
			for j := i; j < end; j++ {
				set(j, bidi.EN)
			}
		}
		i = end
	}
	return out
}
