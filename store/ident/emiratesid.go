package ident

import (
	"fmt"
	"strings"
)

// EmiratesIDLength is the number of digits of an Emirates ID number.
const EmiratesIDLength = 15

// emiratesIDPrefix is the ISO 3166-1 numeric code of the UAE, which starts
// every Emirates ID number.
const emiratesIDPrefix = "784"

// ParseEmiratesID validates an Emirates ID number and returns its 15 ASCII
// digits, the form to store.
//
// The number is 784, four digits (usually the holder's year of birth), a
// seven-digit serial and a Luhn check digit, printed as 784-1990-1234567-6.
// Input may use Arabic-Indic or Persian digits and may contain spaces and
// dashes anywhere, because staff copy it from cards, forms and messages in
// many layouts. The year is not checked.
func ParseEmiratesID(s string) (string, error) {
	digits, err := collectDigits(s, "emirates id")
	if err != nil {
		return "", err
	}
	switch {
	case len(digits) != EmiratesIDLength:
		return "", fmt.Errorf("ident: emirates id %q: %w: has %d digits, want %d",
			s, ErrLength, len(digits), EmiratesIDLength)
	case !strings.HasPrefix(digits, emiratesIDPrefix):
		return "", fmt.Errorf("ident: emirates id %q: %w: starts with %s, want %s",
			s, ErrPrefix, digits[:3], emiratesIDPrefix)
	case !luhnValid(digits):
		return "", fmt.Errorf("ident: emirates id %q: %w: check the digits against the card",
			s, ErrChecksum)
	}
	return digits, nil
}

// FormatEmiratesID returns a 15-digit Emirates ID number in its printed
// form, 784-1990-1234567-6. A value that is not 15 ASCII digits is
// returned unchanged.
func FormatEmiratesID(id string) string {
	if !isASCIIDigits(id, EmiratesIDLength) {
		return id
	}
	return id[:3] + "-" + id[3:7] + "-" + id[7:14] + "-" + id[14:]
}

// MaskEmiratesID returns an Emirates ID number for receipts and screens
// seen by others: the 784 prefix, the last two digits of the serial and
// the check digit stay, as in 784-****-*****67-6. The prefix is the same
// on every card, and three trailing digits are enough for the holder to
// recognise the number. A value that is not a valid Emirates ID is masked
// completely, so a mistyped number never shows either.
func MaskEmiratesID(id string) string {
	digits, err := ParseEmiratesID(id)
	if err != nil {
		return "***-****-*******-*"
	}
	return digits[:3] + "-****-*****" + digits[12:14] + "-" + digits[14:]
}

// collectDigits returns the ASCII digits of s, skipping spaces and dashes.
// Any other character is an error, so that a letter typed in place of a
// digit is reported and not silently dropped.
func collectDigits(s, what string) (string, error) {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if d, ok := DigitValue(r); ok {
			b.WriteByte(byte('0' + d))
			continue
		}
		if isSpace(r) || isDash(r) {
			continue
		}
		return "", fmt.Errorf("ident: %s %q: %w %q: use digits only", what, s, ErrCharacter, r)
	}
	if b.Len() == 0 {
		return "", fmt.Errorf("ident: %s: %w: enter the number", what, ErrEmpty)
	}
	return b.String(), nil
}

// luhnValid reports whether the last digit of digits is the Luhn (mod 10)
// check digit of the others.
func luhnValid(digits string) bool {
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

func isASCIIDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
