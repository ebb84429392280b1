package receipt

import (
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"

	"frontdesk/assets"
	"frontdesk/devices/escpos"
)

// defaultConfigTexts returns the Arabic and English names the embedded
// default configuration prints: the centre's and every service's.
func defaultConfigTexts(t *testing.T) []string {
	t.Helper()
	var config struct {
		Centre struct {
			NameAR string `yaml:"name_ar"`
			NameEN string `yaml:"name_en"`
		} `yaml:"centre"`
		Services []struct {
			NameAR string `yaml:"name_ar"`
			NameEN string `yaml:"name_en"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(assets.DefaultConfig, &config); err != nil {
		t.Fatalf("parse the default configuration: %v", err)
	}
	texts := []string{config.Centre.NameAR, config.Centre.NameEN}
	for _, s := range config.Services {
		texts = append(texts, s.NameAR, s.NameEN)
	}
	if len(config.Services) == 0 || config.Centre.NameAR == "" {
		t.Fatal("default configuration has no centre name or no services")
	}
	return texts
}

func TestFontCoversPrintedTexts(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	texts := defaultConfigTexts(t)
	for _, p := range phrases {
		texts = append(texts, p.ar, p.en)
	}
	texts = append(texts, testArabicSample, "1,250.50 د.إ")

	for _, text := range texts {
		for _, bold := range []bool{false, true} {
			if missing := l.renderer.Missing(text, bold); len(missing) > 0 {
				t.Errorf("font (bold=%v) has no glyph for %q in %q", bold, string(missing), text)
			}
		}
	}
}

func TestDefaultServicesFitPaper(t *testing.T) {
	texts := defaultConfigTexts(t)
	for _, profile := range []escpos.Profile{escpos.DefaultProfile(), rasterProfile()} {
		l := newTestLayout(t, profile)
		for _, text := range texts {
			for _, st := range []style{headingAR, body} {
				img, err := l.renderer.Draw(text, l.rasterOptions(st))
				if err != nil {
					t.Errorf("%s: draw %q: %v", profile.Name, text, err)
					continue
				}
				if img.Width > profile.WidthDots {
					t.Errorf("%s: %q is %d dots wide, more than %d", profile.Name, text, img.Width, profile.WidthDots)
				}
			}
		}
	}
}

func TestMissingGlyphs(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	tests := []struct {
		name, text string
		want       []rune
	}{
		{"arabic and latin", "مركز خدمة المتعاملين A-007", nil},
		{"chinese", "服务 A", []rune{'服', '务'}},
		{"control bytes ignored", "\x1b@\x1dV", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := l.MissingGlyphs(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("MissingGlyphs(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
