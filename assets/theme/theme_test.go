package theme

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"frontdesk/assets"
	"frontdesk/assets/i18n"
)

// neededText returns every text the screens draw from the message files,
// Fyne's own Arabic keys, and the digits and punctuation of numbers.
func neededText(t *testing.T) []string {
	t.Helper()
	var texts []string
	for _, lang := range i18n.Languages() {
		got, err := i18n.Texts(lang)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, got...)
	}

	var fyneAR map[string]any
	if err := json.Unmarshal(i18n.FyneArabic, &fyneAR); err != nil {
		t.Fatal(err)
	}
	texts = append(texts, fmt.Sprint(fyneAR))

	texts = append(texts,
		"0123456789٠١٢٣٤٥٦٧٨٩", // Western and Arabic-Indic digits
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
		"-–—.,:;!?()[]/+%'\"…•،؛؟")
	return texts
}

func TestFontCoversText(t *testing.T) {
	faces := map[string][]byte{"regular": assets.FontRegular, "bold": assets.FontBold}
	texts := neededText(t)
	for name, data := range faces {
		t.Run(name, func(t *testing.T) {
			face, err := font.ParseTTF(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("parse %s font: %v", name, err)
			}
			missing := map[rune]string{}
			for _, text := range texts {
				for _, r := range text {
					if unicode.IsControl(r) {
						continue
					}
					if _, ok := face.NominalGlyph(r); !ok {
						missing[r] = text
					}
				}
			}
			for r, text := range missing {
				t.Errorf("font has no glyph for %U %q, used in %q", r, r, text)
			}
		})
	}
}

func TestFontForEveryStyle(t *testing.T) {
	styles := []fyne.TextStyle{
		{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true},
		{Monospace: true}, {Symbol: true}, {TabWidth: 4},
	}
	for _, style := range styles {
		t.Run(fmt.Sprintf("%+v", style), func(t *testing.T) {
			res := New().Font(style)
			want := assets.FontRegular
			if style.Bold {
				want = assets.FontBold
			}
			if !bytes.Equal(res.Content(), want) {
				t.Errorf("Font(%+v) = %s, want the bundled DejaVu Sans face", style, res.Name())
			}
		})
	}
}

// contrast returns the WCAG 2 contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	channel := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(r) + 0.7152*channel(g) + 0.0722*channel(b)
}

func TestColourContrast(t *testing.T) {
	pairs := []struct{ text, background fyne.ThemeColorName }{
		{fynetheme.ColorNameForeground, fynetheme.ColorNameBackground},
		{fynetheme.ColorNameForeground, fynetheme.ColorNameButton},
		{fynetheme.ColorNameForegroundOnPrimary, fynetheme.ColorNamePrimary},
		{fynetheme.ColorNameForegroundOnError, fynetheme.ColorNameError},
		{fynetheme.ColorNameForegroundOnSuccess, fynetheme.ColorNameSuccess},
		{fynetheme.ColorNameForegroundOnWarning, fynetheme.ColorNameWarning},
		{fynetheme.ColorNameDisabled, fynetheme.ColorNameBackground},
		{fynetheme.ColorNameError, fynetheme.ColorNameBackground},
	}
	th := New()
	for _, variant := range []fyne.ThemeVariant{fynetheme.VariantLight, fynetheme.VariantDark} {
		for _, p := range pairs {
			t.Run(fmt.Sprintf("%s on %s/%d", p.text, p.background, variant), func(t *testing.T) {
				ratio := contrast(th.Color(p.text, variant), th.Color(p.background, variant))
				if ratio < 7 {
					t.Errorf("contrast %.2f:1, want at least 7:1", ratio)
				}
			})
		}
	}
}

func TestSizesForTouch(t *testing.T) {
	th := New()
	def := fynetheme.DefaultTheme()
	for _, name := range []fyne.ThemeSizeName{
		fynetheme.SizeNameText, fynetheme.SizeNameHeadingText, fynetheme.SizeNameInnerPadding,
	} {
		if got, base := th.Size(name), def.Size(name); got <= base {
			t.Errorf("Size(%s) = %v, want larger than Fyne's %v", name, got, base)
		}
	}
	if got := th.Size(SizeNameTouchTarget); got < 72 {
		t.Errorf("touch target = %v, want at least 72", got)
	}
}
