package escpos

import (
	"errors"
	"testing"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"plain ascii", "Counter 3", "Counter 3"},
		{"arabic kept", "الخدمات الاجتماعية", "الخدمات الاجتماعية"},
		{"arabic-indic digits kept", "٠١٢٣", "٠١٢٣"},
		{"c0 controls", "a\x00b\x07c\x1bd", "abcd"},
		{"tab and newlines", "a\tb\r\nc", "abc"},
		{"del", "a\x7fb", "ab"},
		{"c1 controls", "a\u0080b\u009fc", "abc"},
		{"bidi marks", "\u200ea\u200fb\u061cc", "abc"},
		{"bidi embeddings and overrides", "\u202ax\u202by\u202cz\u202dw\u202e", "xyzw"},
		{"bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"byte order mark", "\ufeffabc", "abc"},
		{"line and paragraph separators", "a\u2028b\u2029c", "abc"},
		{"joiners kept", "a\u200cb\u200dc", "a\u200cb\u200dc"},
		{"invalid utf-8", "a\xffb\xc0", "ab"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsPrintableASCII(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{"A-007 ~", true},
		{"a\nb", false},
		{"\x7f", false},
		{"café", false},
		{"مرحبا", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := IsPrintableASCII(tt.in); got != tt.want {
				t.Errorf("IsPrintableASCII(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestProfileValidate(t *testing.T) {
	valid := DefaultProfile()
	tests := []struct {
		name    string
		change  func(p *Profile)
		wantErr bool
	}{
		{"default", func(p *Profile) {}, false},
		{"58 mm", func(p *Profile) { p.WidthDots = Width58mm }, false},
		{"no name", func(p *Profile) { p.Name = "" }, true},
		{"zero width", func(p *Profile) { p.WidthDots = 0 }, true},
		{"width not a multiple of 8", func(p *Profile) { p.WidthDots = 580 }, true},
		{"width too large", func(p *Profile) { p.WidthDots = 840 }, true},
		{"no cut", func(p *Profile) { p.Cut = nil }, true},
		{"cut too long", func(p *Profile) { p.Cut = make([]byte, 9) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultProfile()
			p.Cut = append([]byte(nil), valid.Cut...)
			tt.change(&p)
			err := p.Validate()
			if tt.wantErr && !errors.Is(err, ErrInvalidProfile) {
				t.Errorf("Validate() = %v, want ErrInvalidProfile", err)
			}
			if !tt.wantErr && err != nil {
				t.Errorf("Validate() = %v, want nil", err)
			}
		})
	}
}

func TestDefaultProfile(t *testing.T) {
	p := DefaultProfile()
	if p.WidthDots != 576 {
		t.Errorf("WidthDots = %d, want 576", p.WidthDots)
	}
	if !p.NativeQR {
		t.Error("NativeQR = false, want true")
	}
	if string(p.Cut) != "\x1d\x56\x42\x00" {
		t.Errorf("Cut = % X, want 1D 56 42 00", p.Cut)
	}
	p.Cut[0] = 0
	if DefaultProfile().Cut[0] != 0x1d {
		t.Error("changing one default profile's Cut changed the next one")
	}
}
