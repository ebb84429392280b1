package ident

import "strings"

// NormalizeDigits returns s with every Arabic-Indic digit (U+0660 to
// U+0669) and Persian digit (U+06F0 to U+06F9) replaced by the ASCII digit
// of the same value. All other characters are kept unchanged.
func NormalizeDigits(s string) string {
	if !strings.ContainsFunc(s, isEasternDigit) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if d, ok := DigitValue(r); ok {
			return '0' + rune(d)
		}
		return r
	}, s)
}

// DigitValue returns the value of r if r is an ASCII, Arabic-Indic or
// Persian digit.
func DigitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '\u0660' && r <= '\u0669':
		return int(r - '\u0660'), true
	case r >= '\u06F0' && r <= '\u06F9':
		return int(r - '\u06F0'), true
	}
	return 0, false
}

func isEasternDigit(r rune) bool {
	return (r >= '\u0660' && r <= '\u0669') || (r >= '\u06F0' && r <= '\u06F9')
}

// isSpace reports whether r is a space that people type or paste inside
// a number: ASCII space and tab, no-break spaces, and the invisible
// bidirectional marks that right-to-left text fields insert.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u00A0', '\u202F', '\u2007', '\u2009',
		'\u200E', '\u200F', '\u061C', '\u2066', '\u2067', '\u2068', '\u2069':
		return true
	}
	return false
}

// isDash reports whether r is a hyphen or dash that people type or paste
// between groups of digits.
func isDash(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2212':
		return true
	}
	return false
}
