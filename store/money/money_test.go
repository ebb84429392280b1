package money

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestParseAED(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Fils
		wantErr error
	}{
		{"one decimal", "1250.5", 125050, nil},
		{"grouped two decimals", "1,250.50", 125050, nil},
		{"arabic-indic with arabic separators", "١٬٢٥٠٫٥٠", 125050, nil},
		{"arabic-indic one decimal", "١٢٥٠٫٥", 125050, nil},
		{"persian digits", "۱۲۵۰.۵۰", 125050, nil},
		{"arabic comma grouping", "١،٢٥٠٫٥٠", 125050, nil},
		{"18.99", "18.99", 1899, nil},
		{"1.15", "1.15", 115, nil},
		{"0.29", "0.29", 29, nil},
		{"4.35", "4.35", 435, nil},
		{"whole dirhams", "500", 50000, nil},
		{"trailing point", "500.", 50000, nil},
		{"leading point", ".5", 50, nil},
		{"one fils", "0.01", 1, nil},
		{"millions grouped", "1,234,567.89", 123456789, nil},
		{"aed prefix", "AED 1,250.50", 125050, nil},
		{"aed suffix lower case", "1250.50 aed", 125050, nil},
		{"dirham abbreviation after", "١٬٢٥٠٫٥٠ د.إ", 125050, nil},
		{"dirham abbreviation before", "د.إ 1250.50", 125050, nil},
		{"surrounding spaces", "  18.99\u00a0", 1899, nil},
		{"maximum", "999,999,999.99", MaxAmount, nil},
		{"three decimals", "1.155", 0, ErrPrecision},
		{"three decimals trailing zero", "1.150", 0, ErrPrecision},
		{"zero", "0", 0, ErrZero},
		{"zero with decimals", "0.00", 0, ErrZero},
		{"arabic zero", "٠٫٠٠", 0, ErrZero},
		{"negative", "-5", 0, ErrNegative},
		{"unicode minus", "\u22125.00", 0, ErrNegative},
		{"accounting negative", "(5.00)", 0, ErrNegative},
		{"decimal comma", "18,99", 0, ErrGrouping},
		{"group of two", "1,25,000", 0, ErrGrouping},
		{"group of four", "12,3456", 0, ErrGrouping},
		{"leading separator", ",250", 0, ErrGrouping},
		{"trailing separator", "1,250,", 0, ErrGrouping},
		{"double separator", "1,,250", 0, ErrGrouping},
		{"separator in decimals", "1.250,50", 0, ErrGrouping},
		{"two points", "1.2.3", 0, ErrSyntax},
		{"letters", "12a", 0, ErrSyntax},
		{"exponent", "1e3", 0, ErrSyntax},
		{"plus sign", "+5", 0, ErrSyntax},
		{"inner space", "1 250", 0, ErrSyntax},
		{"only point", ".", 0, ErrSyntax},
		{"empty", "", 0, ErrEmpty},
		{"only currency", "AED", 0, ErrEmpty},
		{"over maximum", "1,000,000,000.00", 0, ErrTooLarge},
		{"far over maximum", "99999999999999999999999", 0, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAED(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseAED(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseAED(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseAEDMax(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		max     Fils
		want    Fils
		wantErr error
	}{
		{"at maximum", "5,000.00", 500000, 500000, nil},
		{"one fils over", "5000.01", 500000, 0, ErrTooLarge},
		{"arabic over", "٥٠٠٠٫٠١", 500000, 0, ErrTooLarge},
		{"zero max means default", "999999999.99", 0, MaxAmount, nil},
		{"max above default clamped", "1000000000", MaxAmount * 2, 0, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAEDMax(tt.in, tt.max)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseAEDMax(%q, %d) error = %v, want %v", tt.in, tt.max, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseAEDMax(%q, %d) = %d, want %d", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func TestParseErrorsSayWhy(t *testing.T) {
	tests := []struct {
		in   string
		max  Fils
		want string
	}{
		{"1.155", 0, "has 3 decimals"},
		{"18,99", 0, "groups of three"},
		{"0", 0, "at least 0.01"},
		{"-5", 0, "without a sign"},
		{"5000.01", 500000, "maximum of AED 5,000.00"},
		{"12a", 0, `unexpected 'a'`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseAEDMax(tt.in, tt.max)
			if err == nil {
				t.Fatalf("ParseAEDMax(%q) succeeded, want an error", tt.in)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "money: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			if !strings.Contains(err.Error(), tt.in) {
				t.Errorf("error %q does not name the input", err)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name        string
		in          Fils
		wantString  string
		wantArabic  string
		wantIndic   string
		wantDecimal string
	}{
		{"grouped", 125050, "AED 1,250.50", "1,250.50 د.إ", "١٬٢٥٠٫٥٠ د.إ", "1250.50"},
		{"fils only", 5, "AED 0.05", "0.05 د.إ", "٠٫٠٥ د.إ", "0.05"},
		{"zero", 0, "AED 0.00", "0.00 د.إ", "٠٫٠٠ د.إ", "0.00"},
		{"18.99", 1899, "AED 18.99", "18.99 د.إ", "١٨٫٩٩ د.إ", "18.99"},
		{"thousand exactly", 100000, "AED 1,000.00", "1,000.00 د.إ", "١٬٠٠٠٫٠٠ د.إ", "1000.00"},
		{"maximum", MaxAmount, "AED 999,999,999.99", "999,999,999.99 د.إ",
			"٩٩٩٬٩٩٩٬٩٩٩٫٩٩ د.إ", "999999999.99"},
		{"negative", -125050, "AED -1,250.50", "\u200e-1,250.50 د.إ", "\u061c-١٬٢٥٠٫٥٠ د.إ", "-1250.50"},
		{"smallest int64", math.MinInt64, "AED -92,233,720,368,547,758.08",
			"\u200e-92,233,720,368,547,758.08 د.إ",
			"\u061c-٩٢٬٢٣٣٬٧٢٠٬٣٦٨٬٥٤٧٬٧٥٨٫٠٨ د.إ", "-92233720368547758.08"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.String(); got != tt.wantString {
				t.Errorf("String() = %q, want %q", got, tt.wantString)
			}
			if got := tt.in.FormatArabic(); got != tt.wantArabic {
				t.Errorf("FormatArabic() = %q, want %q", got, tt.wantArabic)
			}
			if got := tt.in.FormatArabicIndic(); got != tt.wantIndic {
				t.Errorf("FormatArabicIndic() = %q, want %q", got, tt.wantIndic)
			}
			if got := tt.in.Decimal(); got != tt.wantDecimal {
				t.Errorf("Decimal() = %q, want %q", got, tt.wantDecimal)
			}
		})
	}
}

func TestFormatParsesBack(t *testing.T) {
	for _, f := range []Fils{1, 99, 100, 115, 1899, 125050, 100000000, MaxAmount} {
		for _, text := range []string{f.String(), f.FormatArabic(), f.FormatArabicIndic(), f.Decimal()} {
			got, err := ParseAED(text)
			if err != nil {
				t.Errorf("ParseAED(%q) error = %v", text, err)
				continue
			}
			if got != f {
				t.Errorf("ParseAED(%q) = %d, want %d", text, got, f)
			}
		}
	}
}

func FuzzParseAED(f *testing.F) {
	for _, s := range []string{"1250.5", "1,250.50", "١٬٢٥٠٫٥٠", "18.99", "AED 1.15", "0", "-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fils, err := ParseAED(s)
		if err != nil {
			return
		}
		if fils <= 0 || fils > MaxAmount {
			t.Fatalf("ParseAED(%q) = %d, outside 1..MaxAmount", s, fils)
		}
		again, err := ParseAED(fils.String())
		if err != nil || again != fils {
			t.Fatalf("ParseAED(%q) = %d, but its String %q parses to %d, %v", s, fils, fils.String(), again, err)
		}
	})
}

func BenchmarkParseAED(b *testing.B) {
	for b.Loop() {
		if _, err := ParseAED("١٬٢٥٠٫٥٠"); err != nil {
			b.Fatal(err)
		}
	}
}
