package escpos

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize returns s without the characters a printer cannot show, because
// they could change the printer's state or the order of the text. It removes
// C0 controls (tab, CR and LF included), DEL and C1 controls. It removes the
// Unicode format characters (category Cf), such as the bidi marks,
// embeddings, overrides and isolates (U+200E, U+061C, U+202A-U+202E,
// U+2066-U+2069) and the byte order mark. It also removes the line and
// paragraph separators U+2028 and U+2029 and bytes that are not valid UTF-8.
//
// The zero width joiner and non-joiner (U+200D, U+200C) are kept, because
// they are part of the spelling of some Arabic-script words and the shaper
// needs them. Everything else, Arabic letters included, is kept unchanged.
func Sanitize(s string) string {
	if !needsSanitizing(s) {
		return s
	}

	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if keepRune(r, size) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsSanitizing(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !keepRune(r, size) {
			return true
		}
		i += size
	}
	return false
}

// keepRune reports whether the rune r, decoded from size bytes, survives
// Sanitize. A RuneError decoded from one byte marks invalid UTF-8.
func keepRune(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return false
	case r == '\u200c' || r == '\u200d':
		return true
	case unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r):
		return false
	case r == '\u2028' || r == '\u2029':
		return false
	}
	return true
}

// IsPrintableASCII reports whether every byte of s is in 0x20-0x7E, so that
// [Encoder.Text] would send s unchanged under any code page.
func IsPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isPrintableASCII(s[i]) {
			return false
		}
	}
	return true
}

func isPrintableASCII(c byte) bool {
	return c >= 0x20 && c <= 0x7e
}
