package ident

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeDigits(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"ascii unchanged", "784-1990", "784-1990"},
		{"arabic-indic", "٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"persian", "۰۱۲۳۴۵۶۷۸۹", "0123456789"},
		{"mixed with text", "رقم ٧٨٤ و۱۹", "رقم 784 و19"},
		{"arabic separators kept", "١٬٢٥٠٫٥٠", "1٬250٫50"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeDigits(tt.in); got != tt.want {
				t.Errorf("NormalizeDigits(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseEmiratesID(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr error
	}{
		{"dashed", "784-1990-1234567-6", "784199012345676", nil},
		{"bare digits", "784199012345676", "784199012345676", nil},
		{"spaces", "784 1990 1234567 6", "784199012345676", nil},
		{"surrounding spaces", "  784-1990-1234567-6\t", "784199012345676", nil},
		{"arabic-indic digits", "٧٨٤-١٩٩٠-١٢٣٤٥٦٧-٦", "784199012345676", nil},
		{"persian digits", "۷۸۴۱۹۹۰۱۲۳۴۵۶۷۶", "784199012345676", nil},
		{"mixed scripts", "784-١٩٩٠-1234567-۶", "784199012345676", nil},
		{"bidi marks from rtl field", "\u200f784-1990-1234567-6\u200f", "784199012345676", nil},
		{"en dashes", "784–1990–1234567–6", "784199012345676", nil},
		{"other valid number", "784-1985-7654321-3", "784198576543213", nil},
		{"wrong check digit", "784-1990-1234567-1", "", ErrChecksum},
		{"swapped digits", "784-1990-1234576-6", "", ErrChecksum},
		{"wrong prefix", "785-1990-1234567-5", "", ErrPrefix},
		{"14 digits", "784-1990-123456-6", "", ErrLength},
		{"16 digits", "784-1990-12345678-6", "", ErrLength},
		{"letter", "784-1990-12345O7-6", "", ErrCharacter},
		{"empty", "", "", ErrEmpty},
		{"only dashes", " - - ", "", ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEmiratesID(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseEmiratesID(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseEmiratesID(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "ident: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestEmiratesIDErrorNamesValue(t *testing.T) {
	_, err := ParseEmiratesID("784-1990-1234567-1")
	if err == nil || !strings.Contains(err.Error(), "784-1990-1234567-1") {
		t.Errorf("error %v does not name the rejected value", err)
	}
	_, err = ParseEmiratesID("784-1990-123456-6")
	if err == nil || !strings.Contains(err.Error(), "has 14 digits, want 15") {
		t.Errorf("error %v does not give the digit count", err)
	}
}

func TestFormatAndMaskEmiratesID(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		wantFormat string
		wantMask   string
	}{
		{"valid", "784199012345676", "784-1990-1234567-6", "784-****-*****67-6"},
		{"valid dashed input", "784-1990-1234567-6", "784-1990-1234567-6", "784-****-*****67-6"},
		{"invalid check digit", "784199012345671", "784-1990-1234567-1", "***-****-*******-*"},
		{"too short", "78419901234567", "78419901234567", "***-****-*******-*"},
		{"empty", "", "", "***-****-*******-*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatEmiratesID(tt.in); got != tt.wantFormat {
				t.Errorf("FormatEmiratesID(%q) = %q, want %q", tt.in, got, tt.wantFormat)
			}
			if got := MaskEmiratesID(tt.in); got != tt.wantMask {
				t.Errorf("MaskEmiratesID(%q) = %q, want %q", tt.in, got, tt.wantMask)
			}
		})
	}
}

func TestParseMobile(t *testing.T) {
	const want = "+971501234567"
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr error
	}{
		{"national spaced", "050 123 4567", want, nil},
		{"international plus", "+971 50 123 4567", want, nil},
		{"international 00", "00971501234567", want, nil},
		{"international bare", "971501234567", want, nil},
		{"trunk zero in brackets", "+971 (0)50-123-4567", want, nil},
		{"without trunk zero", "501234567", want, nil},
		{"without trunk zero spaced", "50 123 4567", want, nil},
		{"arabic-indic national", "٠٥٠١٢٣٤٥٦٧", want, nil},
		{"arabic-indic international", "+٩٧١ ٥٠ ١٢٣ ٤٥٦٧", want, nil},
		{"persian digits", "۰۵۰۱۲۳۴۵۶۷", want, nil},
		{"dots", "050.123.4567", want, nil},
		{"prefix 52", "0521234567", "+971521234567", nil},
		{"prefix 54", "0541234567", "+971541234567", nil},
		{"prefix 55", "0551234567", "+971551234567", nil},
		{"prefix 56", "0561234567", "+971561234567", nil},
		{"prefix 58", "0581234567", "+971581234567", nil},
		{"prefix 53", "053 123 4567", "", ErrPrefix},
		{"prefix 51", "0511234567", "", ErrPrefix},
		{"11 digits", "05012345678", "", ErrLength},
		{"9 digits", "050123456", "", ErrLength},
		{"international too long", "+9715012345678", "", ErrLength},
		{"sharjah landline", "06 512 3456", "", ErrLandline},
		{"dubai landline international", "+971 4 123 4567", "", ErrLandline},
		{"toll free", "800 123", "", ErrPrefix},
		{"saudi number", "+966 50 123 4567", "", ErrCountry},
		{"saudi number 00", "00966501234567", "", ErrCountry},
		{"letter", "050 123 45G7", "", ErrCharacter},
		{"plus inside", "050+1234567", "", ErrCharacter},
		{"empty", "", "", ErrEmpty},
		{"only country code", "+971", "", ErrLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMobile(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseMobile(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseMobile(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMobileErrorsSayWhy(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"06 512 3456", "area code 06 is Sharjah"},
		{"053 123 4567", "053 is not a UAE mobile prefix"},
		{"05012345678", "has 10 digits after the 0, want 9"},
		{"+966 50 123 4567", "country code is not +971"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseMobile(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseMobile(%q) error = %v, want it to contain %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestFormatMobile(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+971501234567", "+971 50 123 4567"},
		{"+96650123456", "+96650123456"},
		{"0501234567", "0501234567"},
	}
	for _, tt := range tests {
		if got := FormatMobile(tt.in); got != tt.want {
			t.Errorf("FormatMobile(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseIBAN(t *testing.T) {
	const want = "AE070331234567890123456"
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr error
	}{
		{"electronic form", "AE070331234567890123456", want, nil},
		{"printed form", "AE07 0331 2345 6789 0123 456", want, nil},
		{"lower case", "ae07 0331 2345 6789 0123 456", want, nil},
		{"arabic-indic digits", "AE٠٧ ٠٣٣١ ٢٣٤٥ ٦٧٨٩ ٠١٢٣ ٤٥٦", want, nil},
		{"no-break spaces", "AE07\u00a00331\u00a02345\u00a06789\u00a00123\u00a0456", want, nil},
		{"wrong check digits", "AE08 0331 2345 6789 0123 456", "", ErrChecksum},
		{"mistyped account digit", "AE07 0331 2345 6789 0123 457", "", ErrChecksum},
		{"swapped account digits", "AE07 0331 2345 6789 0132 456", "", ErrChecksum},
		{"22 characters", "AE07 0331 2345 6789 0123 45", "", ErrLength},
		{"24 characters", "AE07 0331 2345 6789 0123 4567", "", ErrLength},
		{"german iban", "DE89 3704 0044 0532 0130 00", "", ErrCountry},
		{"no country", "07 0331 2345 6789 0123 456", "", ErrPrefix},
		{"letter in account", "AE07 0331 2345 6789 0123 45A", "", ErrCharacter},
		{"dash", "AE07-0331-2345-6789-0123-456", "", ErrCharacter},
		{"empty", "  ", "", ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseIBAN(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseIBAN(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseIBAN(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormatMaskIBAN(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		wantFormat string
		wantMask   string
		wantBank   string
	}{
		{"valid", "AE070331234567890123456", "AE07 0331 2345 6789 0123 456",
			"AE07 **** **** **** ***3 456", "033"},
		{"invalid", "AE080331234567890123456", "AE08 0331 2345 6789 0123 456",
			"AE** **** **** **** **** ***", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatIBAN(tt.in); got != tt.wantFormat {
				t.Errorf("FormatIBAN(%q) = %q, want %q", tt.in, got, tt.wantFormat)
			}
			if got := MaskIBAN(tt.in); got != tt.wantMask {
				t.Errorf("MaskIBAN(%q) = %q, want %q", tt.in, got, tt.wantMask)
			}
			if got := IBANBankCode(tt.in); got != tt.wantBank {
				t.Errorf("IBANBankCode(%q) = %q, want %q", tt.in, got, tt.wantBank)
			}
		})
	}
}

func FuzzParseEmiratesID(f *testing.F) {
	for _, s := range []string{"784-1990-1234567-6", "٧٨٤-١٩٩٠-١٢٣٤٥٦٧-٦", "", "784"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseEmiratesID(s)
		if err != nil {
			return
		}
		if !isASCIIDigits(id, EmiratesIDLength) || !luhnValid(id) {
			t.Fatalf("ParseEmiratesID(%q) = %q, not 15 digits with a valid check digit", s, id)
		}
		again, err := ParseEmiratesID(FormatEmiratesID(id))
		if err != nil || again != id {
			t.Fatalf("formatted id %q does not parse back: %q, %v", FormatEmiratesID(id), again, err)
		}
	})
}

func FuzzParseMobile(f *testing.F) {
	for _, s := range []string{"050 123 4567", "+971 (0)50-123-4567", "00971501234567", "06 512 3456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMobile(s)
		if err != nil {
			return
		}
		again, err := ParseMobile(m)
		if err != nil || again != m {
			t.Fatalf("ParseMobile(%q) = %q does not parse back to itself: %q, %v", s, m, again, err)
		}
	})
}
