// Package money parses and formats amounts of UAE dirhams (AED) as an
// integer count of fils, 100 fils to the dirham. No amount ever passes
// through a floating-point number, so 18.99 is exactly 1899 fils.
package money

import (
	"errors"
	"strconv"
	"strings"
)

// Fils is an amount of money in fils, the hundredth part of a UAE dirham.
type Fils int64

// MaxAmount is the largest amount ParseAED accepts, AED 999,999,999.99.
// It keeps every sum of a day's entries far from the int64 limit.
const MaxAmount Fils = 99_999_999_999

// Sentinel errors. Each error ParseAED returns wraps exactly one of them.
var (
	// ErrEmpty means no amount was entered.
	ErrEmpty = errors.New("empty amount")
	// ErrSyntax means the text is not a decimal amount.
	ErrSyntax = errors.New("invalid amount")
	// ErrGrouping means the thousands separators are misplaced.
	ErrGrouping = errors.New("invalid thousands grouping")
	// ErrPrecision means the amount has more than two decimals.
	ErrPrecision = errors.New("more than two decimals")
	// ErrZero means the amount is zero.
	ErrZero = errors.New("amount is zero")
	// ErrNegative means the amount has a minus sign.
	ErrNegative = errors.New("amount is negative")
	// ErrTooLarge means the amount is over the allowed maximum.
	ErrTooLarge = errors.New("amount over the maximum")
)

// String returns the amount as shown and printed in English, with
// thousands grouping and two decimals: AED 1,250.50, or AED -1,250.50
// for a negative amount.
func (f Fils) String() string {
	return "AED " + f.group(",", ".", "-", false)
}

// FormatArabic returns the amount for Arabic text, followed by the dirham
// abbreviation: 1,250.50 د.إ. The digits are Western (ASCII) digits, which
// are what UAE receipts and bank statements commonly print, and which every
// receipt font has. A negative amount starts with U+200E LEFT-TO-RIGHT MARK
// and a hyphen-minus, the minus sign of Arabic with Latin digits in the
// CLDR data of golang.org/x/text v0.44.0, so the sign stays beside the
// digits in right-to-left text.
func (f Fils) FormatArabic() string {
	return f.group(",", ".", "\u200e-", false) + " د.إ"
}

// FormatArabicIndic returns the amount in Arabic-Indic digits with the
// Arabic thousands separator U+066C and decimal separator U+066B, followed
// by the dirham abbreviation: ١٬٢٥٠٫٥٠ د.إ. A negative amount starts with
// U+061C ARABIC LETTER MARK and a hyphen-minus, the minus sign of Arabic
// digits in the same CLDR data.
func (f Fils) FormatArabicIndic() string {
	return f.group("\u066c", "\u066b", "\u061c-", true) + " د.إ"
}

// Decimal returns the amount as a plain decimal number with two decimals
// and no grouping or currency, as 1250.50, for CSV files and other
// machine-read output.
func (f Fils) Decimal() string {
	return f.group("", ".", "-", false)
}

// group formats the amount with the given separators and minus sign.
func (f Fils) group(thousands, decimal, minus string, arabicIndic bool) string {
	// The absolute value of the smallest int64 does not fit in an int64,
	// so work on an unsigned copy.
	u := uint64(f)
	neg := f < 0
	if neg {
		u = -u
	}
	whole := strconv.FormatUint(u/100, 10)
	cents := strconv.FormatUint(u%100+100, 10)[1:]

	var b strings.Builder
	if neg {
		b.WriteString(minus)
	}
	for i := 0; i < len(whole); i++ {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		writeDigit(&b, whole[i], arabicIndic)
	}
	b.WriteString(decimal)
	writeDigit(&b, cents[0], arabicIndic)
	writeDigit(&b, cents[1], arabicIndic)
	return b.String()
}

func writeDigit(b *strings.Builder, d byte, arabicIndic bool) {
	if arabicIndic {
		b.WriteRune('\u0660' + rune(d-'0'))
		return
	}
	b.WriteByte(d)
}
