package ident

import (
	"fmt"
	"strings"
)

// uaeCountryCode is the ITU-T E.164 country code of the UAE.
const uaeCountryCode = "971"

// mobileNSNLength is the length of a UAE mobile number without the
// country code and without the trunk prefix 0: 5X XXX XXXX.
const mobileNSNLength = 9

// mobilePrefixes lists the second digit of the UAE mobile prefixes 50, 52,
// 54, 55, 56 and 58, which the UAE's mobile operators use.
const mobilePrefixes = "024568"

// landlineAreas names the UAE landline area codes, keyed by the digit that
// follows the trunk prefix 0.
var landlineAreas = map[byte]string{
	'2': "Abu Dhabi",
	'3': "Al Ain",
	'4': "Dubai",
	'6': "Sharjah, Ajman and Umm Al Quwain",
	'7': "Ras Al Khaimah",
	'9': "Fujairah",
}

// ParseMobile validates a UAE mobile number and returns it in E.164 form,
// +971501234567.
//
// It accepts the national form (050 123 4567), the number without the
// trunk 0 (50 123 4567), and the international forms +971 50 123 4567,
// 00971501234567, 971501234567 and +971 (0)50-123-4567. The digits may be
// in any of the three scripts, with spaces, dashes, dots or brackets
// between them.
// Numbers of other countries, landline numbers and prefixes that no UAE
// mobile operator uses are rejected.
func ParseMobile(s string) (string, error) {
	digits, plus, err := collectPhoneDigits(s)
	if err != nil {
		return "", err
	}

	national, err := stripCountryCode(s, digits, plus)
	if err != nil {
		return "", err
	}
	national = strings.TrimPrefix(national, "0")

	if err := checkMobileNSN(s, national); err != nil {
		return "", err
	}
	return "+" + uaeCountryCode + national, nil
}

// FormatMobile returns an E.164 UAE mobile number grouped for reading, as
// +971 50 123 4567. Any other value is returned unchanged.
func FormatMobile(e164 string) string {
	nsn, ok := strings.CutPrefix(e164, "+"+uaeCountryCode)
	if !ok || !isASCIIDigits(nsn, mobileNSNLength) {
		return e164
	}
	return "+" + uaeCountryCode + " " + nsn[:2] + " " + nsn[2:5] + " " + nsn[5:]
}

// collectPhoneDigits returns the ASCII digits of s and whether s starts
// with a plus sign.
func collectPhoneDigits(s string) (digits string, plus bool, err error) {
	var b strings.Builder
	for _, r := range s {
		if d, ok := DigitValue(r); ok {
			b.WriteByte(byte('0' + d))
			continue
		}
		switch {
		case r == '+' && b.Len() == 0 && !plus:
			plus = true
		case isSpace(r) || isDash(r) || r == '.' || r == '(' || r == ')':
		default:
			return "", false, fmt.Errorf("ident: mobile number %q: %w %q: use digits only",
				s, ErrCharacter, r)
		}
	}
	if b.Len() == 0 {
		return "", false, fmt.Errorf("ident: mobile number: %w: enter the number", ErrEmpty)
	}
	return b.String(), plus, nil
}

// stripCountryCode removes +971, 00971 or 971 from the front of digits and
// rejects any other country code. A bare 971 counts as the country code
// only when the number is too long to be a national one.
func stripCountryCode(s, digits string, plus bool) (string, error) {
	international := plus
	rest := digits
	if !plus {
		if after, ok := strings.CutPrefix(digits, "00"); ok {
			international, rest = true, after
		} else if strings.HasPrefix(digits, uaeCountryCode) && len(digits) > 1+mobileNSNLength {
			international = true
		}
	}
	if !international {
		return digits, nil
	}
	national, ok := strings.CutPrefix(rest, uaeCountryCode)
	if !ok {
		return "", fmt.Errorf("ident: mobile number %q: %w: the country code is not +971, "+
			"enter a UAE mobile number", s, ErrCountry)
	}
	return national, nil
}

// checkMobileNSN checks a national significant number, the digits after
// the country code and the trunk 0.
func checkMobileNSN(s, nsn string) error {
	if nsn == "" {
		return fmt.Errorf("ident: mobile number %q: %w: enter all 10 digits, as 05X XXX XXXX",
			s, ErrLength)
	}
	if nsn[0] != '5' {
		if area, ok := landlineAreas[nsn[0]]; ok && len(nsn) == mobileNSNLength-1 {
			return fmt.Errorf("ident: mobile number %q: %w: area code 0%c is %s, "+
				"enter a mobile number starting with 05", s, ErrLandline, nsn[0], area)
		}
		return fmt.Errorf("ident: mobile number %q: %w: UAE mobile numbers start with "+
			"050, 052, 054, 055, 056 or 058", s, ErrPrefix)
	}
	if len(nsn) != mobileNSNLength {
		return fmt.Errorf("ident: mobile number %q: %w: has %d digits after the 0, want %d, "+
			"as 05X XXX XXXX", s, ErrLength, len(nsn), mobileNSNLength)
	}
	if !strings.ContainsRune(mobilePrefixes, rune(nsn[1])) {
		return fmt.Errorf("ident: mobile number %q: %w: 05%c is not a UAE mobile prefix, "+
			"use 050, 052, 054, 055, 056 or 058", s, ErrPrefix, nsn[1])
	}
	return nil
}
