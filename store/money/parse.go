package money

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"frontdesk/store/ident"
)

// maxWholeDigits bounds the digits before the decimal point, so that the
// amount is known to fit in an int64 before it is computed.
const maxWholeDigits = 15

// ParseAED parses an amount of dirhams as staff type it and returns it in
// fils. It rejects amounts over [MaxAmount]; use [ParseAEDMax] for a lower
// configured limit.
func ParseAED(s string) (Fils, error) {
	return ParseAEDMax(s, MaxAmount)
}

// ParseAEDMax parses an amount of dirhams as staff type it and returns it
// in fils, rejecting amounts over max. A max of zero or less, or over
// [MaxAmount], means MaxAmount.
//
// The accepted form is digits with an optional decimal point and at most
// two decimals: 1250.5, 1,250.50, or in Arabic ١٬٢٥٠٫٥٠. Digits may be
// Western, Arabic-Indic or Persian. The decimal separator is a full stop
// or U+066B ARABIC DECIMAL SEPARATOR. Thousands separators are optional,
// and may be a comma, U+066C ARABIC THOUSANDS SEPARATOR or U+060C ARABIC
// COMMA. Where present, they must split the whole part into groups of
// three, so a decimal comma such as 18,99 is rejected and never read as
// 1899 dirhams. The currency may be written before or after the number, as
// AED or د.إ. Zero, negative amounts and more than two decimals are
// rejected.
func ParseAEDMax(s string, max Fils) (Fils, error) {
	if max <= 0 || max > MaxAmount {
		max = MaxAmount
	}
	text := trimCurrency(s)
	if text == "" {
		return 0, fmt.Errorf("money: %w: enter an amount in dirhams, as 1250.50", ErrEmpty)
	}
	if r, _ := utf8.DecodeRuneInString(text); r == '-' || r == '\u2212' || r == '(' {
		return 0, fmt.Errorf("money: amount %q: %w: enter the amount without a sign", s, ErrNegative)
	}

	whole, frac, err := splitAmount(s, text)
	if err != nil {
		return 0, err
	}
	if len(whole) > maxWholeDigits {
		return 0, fmt.Errorf("money: amount %q: %w of %s per entry", s, ErrTooLarge, max)
	}

	fils := Fils(0)
	for i := 0; i < len(whole); i++ {
		fils = fils*10 + Fils(whole[i]-'0')
	}
	frac = (frac + "00")[:2]
	fils = fils*100 + Fils(frac[0]-'0')*10 + Fils(frac[1]-'0')

	switch {
	case fils == 0:
		return 0, fmt.Errorf("money: amount %q: %w: enter an amount of at least 0.01", s, ErrZero)
	case fils > max:
		return 0, fmt.Errorf("money: amount %q: %w of %s per entry", s, ErrTooLarge, max)
	}
	return fils, nil
}

// trimCurrency removes surrounding spaces and an AED (any letter case) or
// د.إ written before or after the number.
func trimCurrency(s string) string {
	text := strings.TrimFunc(s, isSpace)
	for _, cur := range []string{"د.إ.", "د.إ", "AED"} {
		if len(text) >= len(cur) && strings.EqualFold(text[:len(cur)], cur) {
			return strings.TrimFunc(text[len(cur):], isSpace)
		}
		if len(text) >= len(cur) && strings.EqualFold(text[len(text)-len(cur):], cur) {
			return strings.TrimFunc(text[:len(text)-len(cur)], isSpace)
		}
	}
	return text
}

// splitAmount returns the ASCII digits before and after the decimal
// separator of text, after checking the thousands grouping. The original
// input s is used in messages only.
func splitAmount(s, text string) (whole, frac string, err error) {
	var (
		b          strings.Builder
		seenPoint  bool
		groups     []int // digits in each group of the whole part
		groupSize  int
		groupedAny bool
	)
	for _, r := range text {
		d, isDigit := ident.DigitValue(r)
		switch {
		case isDigit:
			b.WriteByte(byte('0' + d))
			if !seenPoint {
				groupSize++
			}
		case r == '.' || r == '\u066b':
			if seenPoint {
				return "", "", fmt.Errorf("money: amount %q: %w: more than one decimal point", s, ErrSyntax)
			}
			seenPoint = true
			whole = b.String()
			b.Reset()
		case r == ',' || r == '\u066c' || r == '\u060c':
			if seenPoint {
				return "", "", fmt.Errorf("money: amount %q: %w: thousands separator after the decimal point, "+
					"use . for decimals", s, ErrGrouping)
			}
			groupedAny = true
			groups = append(groups, groupSize)
			groupSize = 0
		default:
			return "", "", fmt.Errorf("money: amount %q: %w: unexpected %q, enter digits and a decimal point, "+
				"as 1250.50", s, ErrSyntax, r)
		}
	}
	if seenPoint {
		frac = b.String()
	} else {
		whole = b.String()
	}
	groups = append(groups, groupSize)

	if groupedAny && !validGroups(groups) {
		return "", "", fmt.Errorf("money: amount %q: %w: separate thousands in groups of three, as 1,250.50, "+
			"and use . for decimals", s, ErrGrouping)
	}
	if whole == "" && frac == "" {
		return "", "", fmt.Errorf("money: amount %q: %w: no digits, enter an amount as 1250.50", s, ErrSyntax)
	}
	if len(frac) > 2 {
		return "", "", fmt.Errorf("money: amount %q: %w: has %d decimals, a dirham has 100 fils, "+
			"so enter at most 2", s, ErrPrecision, len(frac))
	}
	return whole, frac, nil
}

// validGroups reports whether the digit counts of a grouped whole part
// are 1 to 3 digits followed by groups of exactly 3.
func validGroups(groups []int) bool {
	if groups[0] < 1 || groups[0] > 3 {
		return false
	}
	for _, n := range groups[1:] {
		if n != 3 {
			return false
		}
	}
	return true
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u202f', '\u200e', '\u200f', '\u061c':
		return true
	}
	return false
}
