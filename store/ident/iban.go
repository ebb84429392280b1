package ident

import (
	"fmt"
	"strings"
)

// IBANLength is the length of a UAE IBAN: AE, two check digits, a
// three-digit bank code and a 16-digit account number.
const IBANLength = 23

// ParseIBAN validates a UAE IBAN and returns it in its electronic form:
// 23 characters, upper case, no spaces, as AE070331234567890123456.
//
// Input may contain spaces (the printed form groups by four), lower-case
// letters and Arabic-Indic or Persian digits. The check digits are
// verified with the ISO 13616 (ISO 7064 MOD 97-10) rule.
func ParseIBAN(s string) (string, error) {
	iban, err := collectIBAN(s)
	if err != nil {
		return "", err
	}

	if !strings.HasPrefix(iban, "AE") {
		if len(iban) >= 2 && isUpperLetter(iban[0]) && isUpperLetter(iban[1]) {
			return "", fmt.Errorf("ident: iban %q: %w: country %s, only UAE IBANs (AE) are accepted",
				s, ErrCountry, iban[:2])
		}
		return "", fmt.Errorf("ident: iban %q: %w: a UAE IBAN starts with AE", s, ErrPrefix)
	}
	if len(iban) != IBANLength {
		return "", fmt.Errorf("ident: iban %q: %w: has %d characters, want %d",
			s, ErrLength, len(iban), IBANLength)
	}
	if i := strings.IndexFunc(iban[2:], func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		return "", fmt.Errorf("ident: iban %q: %w %q at position %d: a UAE IBAN has only digits after AE",
			s, ErrCharacter, iban[2+i], 3+i)
	}
	if ibanMod97(iban) != 1 {
		return "", fmt.Errorf("ident: iban %q: %w: check the IBAN against the bank's letter",
			s, ErrChecksum)
	}
	return iban, nil
}

// FormatIBAN returns an IBAN in its printed form, in groups of four
// characters: AE07 0331 2345 6789 0123 456.
func FormatIBAN(iban string) string {
	return groupByFour(iban)
}

// MaskIBAN returns a UAE IBAN for receipts and screens: the country code,
// the check digits and the last four digits stay, as in
// AE07 **** **** **** ***3 456. A value that is not a valid UAE IBAN is
// masked completely.
func MaskIBAN(iban string) string {
	compact, err := ParseIBAN(iban)
	if err != nil {
		return groupByFour("AE" + strings.Repeat("*", IBANLength-2))
	}
	masked := compact[:4] + strings.Repeat("*", IBANLength-8) + compact[IBANLength-4:]
	return groupByFour(masked)
}

// IBANBankCode returns the three-digit bank code of a valid UAE IBAN, the
// UAE Central Bank's number for the account's bank, or "" for any other
// value.
func IBANBankCode(iban string) string {
	compact, err := ParseIBAN(iban)
	if err != nil {
		return ""
	}
	return compact[4:7]
}

// collectIBAN returns s in upper case with its spaces removed and its
// digits in ASCII.
func collectIBAN(s string) (string, error) {
	var b strings.Builder
	for _, r := range s {
		if d, ok := DigitValue(r); ok {
			b.WriteByte(byte('0' + d))
			continue
		}
		switch {
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case isSpace(r):
		default:
			return "", fmt.Errorf("ident: iban %q: %w %q: use letters, digits and spaces only",
				s, ErrCharacter, r)
		}
	}
	if b.Len() == 0 {
		return "", fmt.Errorf("ident: iban: %w: enter the IBAN", ErrEmpty)
	}
	return b.String(), nil
}

// ibanMod97 returns the ISO 7064 MOD 97-10 remainder of an IBAN whose
// first four characters have been moved to the end and whose letters count
// as 10 to 35. A valid IBAN returns 1.
func ibanMod97(iban string) int {
	rearranged := iban[4:] + iban[:4]
	rem := 0
	for i := 0; i < len(rearranged); i++ {
		c := rearranged[i]
		if isUpperLetter(c) {
			v := int(c-'A') + 10
			rem = (rem*100 + v) % 97
			continue
		}
		rem = (rem*10 + int(c-'0')) % 97
	}
	return rem
}

func isUpperLetter(c byte) bool { return c >= 'A' && c <= 'Z' }

func groupByFour(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}
