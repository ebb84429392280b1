package arabic

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/go-text/typesetting/font"
)

var (
	sharedRendererOnce sync.Once
	sharedRenderer     *Renderer
	sharedRendererErr  error
)

// newTestRenderer returns a Renderer shared by the tests, because parsing
// the fonts is the slowest step under the race detector. Tests that look
// into the cache make their own with NewRenderer.
func newTestRenderer(t testing.TB) *Renderer {
	t.Helper()
	sharedRendererOnce.Do(func() {
		sharedRenderer, sharedRendererErr = NewRenderer()
	})
	if sharedRendererErr != nil {
		t.Fatalf("NewRenderer: %v", sharedRendererErr)
	}
	return sharedRenderer
}

func newOwnRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatalf("NewRenderer: %v", err)
	}
	return r
}

// glyphIDs shapes a cleaned line at 24 dots and returns its glyphs from
// left to right.
func glyphIDs(r *Renderer, text string) []font.GID {
	r.mu.Lock()
	defer r.mu.Unlock()
	line := shapeLine(&r.shaper, r.regular, []rune(Clean(text)), 24)
	ids := make([]font.GID, len(line.glyphs))
	for i, g := range line.glyphs {
		ids[i] = g.id
	}
	return ids
}

func nominal(t *testing.T, r *Renderer, text string) []font.GID {
	t.Helper()
	var ids []font.GID
	for _, c := range text {
		id, ok := r.regular.NominalGlyph(c)
		if !ok {
			t.Fatalf("font has no glyph for %q", c)
		}
		ids = append(ids, id)
	}
	return ids
}

func TestShapingJoinsLetters(t *testing.T) {
	r := newTestRenderer(t)
	tests := []struct {
		name, word string
	}{
		{"salam", "سلام"},
		{"tadhkira", "تذكرة"},
		{"khadamat", "خدمات"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			isolated := nominal(t, r, tt.word)
			shaped := glyphIDs(r, tt.word)
			if slices.Equal(shaped, isolated) || slices.Equal(shaped, reversed(isolated)) {
				t.Errorf("glyphs %v are the isolated forms %v: the letters did not join", shaped, isolated)
			}
		})
	}
}

func TestJoinedWordNarrowerThanLetters(t *testing.T) {
	r := newTestRenderer(t)
	word, err := r.Draw("سلام", Options{Size: 32})
	if err != nil {
		t.Fatal(err)
	}
	apart := 0
	for _, c := range "سلام" {
		letter, err := r.Draw(string(c), Options{Size: 32})
		if err != nil {
			t.Fatal(err)
		}
		apart += letter.Width
	}
	if word.Width >= apart {
		t.Errorf("joined word is %d dots wide, the four isolated letters %d: want narrower", word.Width, apart)
	}
}

func TestLamAlefLigature(t *testing.T) {
	r := newTestRenderer(t)
	if got := glyphIDs(r, "لا"); len(got) != 1 {
		t.Errorf("lam-alef shaped to %d glyphs %v, want 1 ligature", len(got), got)
	}
}

func TestVisualRunsOrder(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []Run // leftmost first
	}{
		{
			name: "ticket label",
			line: "رقم التذكرة A-007",
			want: []Run{
				{Text: "A-007", RightToLeft: false, Start: 12, End: 17},
				{Text: "رقم التذكرة ", RightToLeft: true, Start: 0, End: 12},
			},
		},
		{
			name: "arabic only",
			line: "عدد المنتظرين قبلك",
			want: []Run{{Text: "عدد المنتظرين قبلك", RightToLeft: true, Start: 0, End: 18}},
		},
		{
			name: "latin only",
			line: "AED 1,250.50",
			want: []Run{{Text: "AED 1,250.50", RightToLeft: false, Start: 0, End: 12}},
		},
		{
			name: "amount with dirham",
			line: "1,250.50 د.إ",
			want: []Run{
				{Text: " د.إ", RightToLeft: true, Start: 8, End: 12},
				{Text: "1,250.50", RightToLeft: false, Start: 0, End: 8},
			},
		},
		{
			name: "arabic-indic digits",
			line: "الرقم ١٢٣",
			want: []Run{
				{Text: "١٢٣", RightToLeft: false, Start: 6, End: 9},
				{Text: "الرقم ", RightToLeft: true, Start: 0, End: 6},
			},
		},
		{
			name: "embedding controls removed",
			line: "\u202bرقم\u202c A",
			want: []Run{
				{Text: "A", RightToLeft: false, Start: 4, End: 5},
				{Text: "رقم ", RightToLeft: true, Start: 0, End: 4},
			},
		},
		{name: "empty", line: "", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := VisualRuns(tt.line)
			if !slices.Equal(got, tt.want) {
				t.Errorf("VisualRuns(%q)\n got %+v\nwant %+v", tt.line, got, tt.want)
			}
		})
	}
}

func TestMixedLineGlyphOrder(t *testing.T) {
	r := newTestRenderer(t)
	got := glyphIDs(r, "رقم التذكرة A-007")
	latin := nominal(t, r, "A-007")
	if !slices.Equal(got[:len(latin)], latin) {
		t.Errorf("leftmost glyphs %v, want A-007 as %v", got[:len(latin)], latin)
	}
	arabic := glyphIDs(r, "رقم")
	if !slices.Equal(got[len(got)-len(arabic):], arabic) {
		t.Errorf("rightmost glyphs %v, want the word رقم as %v", got[len(got)-len(arabic):], arabic)
	}
}

func TestDigitsKeepLeftToRightOrder(t *testing.T) {
	r := newTestRenderer(t)
	tests := []struct {
		name, line, digits string
	}{
		{"european digits", "عدد المنتظرين 123", "123"},
		{"arabic-indic digits", "عدد المنتظرين ١٢٣", "١٢٣"},
		{"time", "الساعة 12:30", "12:30"},
		{"amount", "1,250.50 د.إ", "1,250.50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := glyphIDs(r, tt.line)
			want := nominal(t, r, tt.digits)
			i := slices.Index(got, want[0])
			if i < 0 || i+len(want) > len(got) || !slices.Equal(got[i:i+len(want)], want) {
				t.Errorf("glyphs %v do not contain %q left to right as %v", got, tt.digits, want)
			}
		})
	}
}

// layoutRunes returns the characters the receipt layouts draw: the basic
// Arabic letters and the tatweel (U+0621-U+063A, U+0640-U+064A), the
// Arabic-Indic digits with the Arabic percent, decimal and thousands signs,
// the Arabic comma, semicolon and question mark, and printable ASCII.
func layoutRunes() string {
	var b strings.Builder
	for c := rune(0x0621); c <= 0x063a; c++ {
		b.WriteRune(c)
	}
	for c := rune(0x0640); c <= 0x064a; c++ {
		b.WriteRune(c)
	}
	for c := rune(0x0660); c <= 0x066c; c++ {
		b.WriteRune(c)
	}
	b.WriteString("\u060c\u061b\u061f\u0640")
	for c := rune(0x20); c < 0x7f; c++ {
		b.WriteRune(c)
	}
	return b.String()
}

func TestFontCoversLayoutRunes(t *testing.T) {
	r := newTestRenderer(t)
	for _, bold := range []bool{false, true} {
		t.Run(fmt.Sprintf("bold=%v", bold), func(t *testing.T) {
			if missing := r.Missing(layoutRunes(), bold); len(missing) > 0 {
				t.Errorf("font has no glyph for %q", string(missing))
			}
		})
	}
}

func TestMissingReportsUncoveredRunes(t *testing.T) {
	r := newTestRenderer(t)
	got := r.Missing("سلام 中 A 中", false)
	if want := []rune{'中'}; !slices.Equal(got, want) {
		t.Errorf("Missing = %q, want %q", got, want)
	}
}

func TestDrawCropsToInk(t *testing.T) {
	r := newTestRenderer(t)
	texts := []string{"سلام", "رقم التذكرة A-007", "  عدد المنتظرين قبلك  ", "-", "إعادة طباعة"}
	for _, text := range texts {
		for _, opts := range []Options{{Size: 20}, {Size: 40, Bold: true}} {
			t.Run(fmt.Sprintf("%s/%d", text, opts.Size), func(t *testing.T) {
				b, err := r.Draw(text, opts)
				if err != nil {
					t.Fatal(err)
				}
				if !rowInked(b, 0) || !rowInked(b, b.Height-1) {
					t.Errorf("top or bottom row of %dx%d image is blank", b.Width, b.Height)
				}
				if !columnInked(b, 0) || !columnInked(b, b.Width-1) {
					t.Errorf("left or right column of %dx%d image is blank", b.Width, b.Height)
				}
				if len(b.Pix) != b.Stride*b.Height || b.Stride != (b.Width+7)/8 {
					t.Errorf("%d bytes with stride %d for %dx%d", len(b.Pix), b.Stride, b.Width, b.Height)
				}
			})
		}
	}
}

func rowInked(b *Bitmap, y int) bool {
	for x := 0; x < b.Width; x++ {
		if b.Ink(x, y) {
			return true
		}
	}
	return false
}

func columnInked(b *Bitmap, x int) bool {
	for y := 0; y < b.Height; y++ {
		if b.Ink(x, y) {
			return true
		}
	}
	return false
}

func inkCount(b *Bitmap) int {
	n := 0
	for y := 0; y < b.Height; y++ {
		for x := 0; x < b.Width; x++ {
			if b.Ink(x, y) {
				n++
			}
		}
	}
	return n
}

func TestDrawSizeAndBold(t *testing.T) {
	r := newTestRenderer(t)
	small, err := r.Draw("الشارقة", Options{Size: 16})
	if err != nil {
		t.Fatal(err)
	}
	large, err := r.Draw("الشارقة", Options{Size: 32})
	if err != nil {
		t.Fatal(err)
	}
	bold, err := r.Draw("الشارقة", Options{Size: 32, Bold: true})
	if err != nil {
		t.Fatal(err)
	}
	if large.Width < small.Width*3/2 || large.Height < small.Height*3/2 {
		t.Errorf("32-dot text is %dx%d, 16-dot %dx%d: want about twice", large.Width, large.Height, small.Width, small.Height)
	}
	if inkCount(bold) <= inkCount(large) {
		t.Errorf("bold has %d inked dots, regular %d: want more", inkCount(bold), inkCount(large))
	}
}

func TestDrawFitsMaxWidth(t *testing.T) {
	r := newTestRenderer(t)
	const text = "إدارة الخدمات الاجتماعية في الشارقة - مركز خدمة المتعاملين"
	single, err := r.Draw(text, Options{Size: 24})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		opts     Options
		maxLines int // the image is at most this many line heights tall
		minLines int
	}{
		{"shrink slightly", Options{Size: 24, MaxWidth: single.Width * 9 / 10, Fit: FitShrink}, 1, 1},
		{"shrink then wrap", Options{Size: 24, MaxWidth: single.Width / 3, Fit: FitShrink}, 4, 2},
		{"wrap", Options{Size: 24, MaxWidth: single.Width / 2, Fit: FitWrap}, 3, 2},
		{"wrap centred", Options{Size: 24, MaxWidth: single.Width / 2, Fit: FitWrap, Align: AlignCenter}, 3, 2},
		{"fits already", Options{Size: 24, MaxWidth: single.Width, Fit: FitWrap}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := r.Draw(text, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if b.Width > tt.opts.MaxWidth {
				t.Errorf("width %d dots, want at most %d", b.Width, tt.opts.MaxWidth)
			}
			if b.Height > single.Height*tt.maxLines*3/2 {
				t.Errorf("height %d dots, want at most about %d lines of %d", b.Height, tt.maxLines, single.Height)
			}
			if b.Height < single.Height*tt.minLines*2/3 {
				t.Errorf("height %d dots, want at least about %d lines of %d", b.Height, tt.minLines, single.Height)
			}
		})
	}
}

func TestDrawBreaksLongWord(t *testing.T) {
	r := newTestRenderer(t)
	tests := []struct {
		name string
		text string
	}{
		{"arabic word", "الاجتماعيةالاجتماعيةالاجتماعية"},
		{"latin token", "https://upload.example/u/T1-S1-20261204-A007"},
		{"marks kept with letters", "مَدْرَسَةٌمَدْرَسَةٌمَدْرَسَةٌمَدْرَسَةٌ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			single, err := r.Draw(tt.text, Options{Size: 24})
			if err != nil {
				t.Fatal(err)
			}
			maxWidth := single.Width / 3
			b, err := r.Draw(tt.text, Options{Size: 24, MaxWidth: maxWidth, Fit: FitWrap})
			if err != nil {
				t.Fatal(err)
			}
			if b.Width > maxWidth {
				t.Errorf("width %d dots, want at most %d", b.Width, maxWidth)
			}
			if b.Height < single.Height*3 {
				t.Errorf("height %d dots, want at least 3 lines of %d", b.Height, single.Height)
			}
			if inkCount(b) < inkCount(single)*9/10 {
				t.Errorf("broken word has %d inked dots, the whole word %d: part of it is lost", inkCount(b), inkCount(single))
			}
		})
	}
}

func TestWithMarks(t *testing.T) {
	runes := []rune("مَدْ")
	tests := []struct{ n, want int }{{1, 2}, {2, 2}, {3, 4}, {4, 4}}
	for _, tt := range tests {
		if got := withMarks(runes, tt.n); got != tt.want {
			t.Errorf("withMarks(%q, %d) = %d, want %d", string(runes), tt.n, got, tt.want)
		}
	}
}

func TestDrawErrors(t *testing.T) {
	r := newTestRenderer(t)
	tests := []struct {
		name string
		text string
		opts Options
		want error
	}{
		{"empty", "", Options{Size: 24}, ErrNoInk},
		{"spaces and controls", " \t\x1b ", Options{Size: 24}, ErrNoInk},
		{"size zero", "سلام", Options{}, ErrInvalidOptions},
		{"size too large", "سلام", Options{Size: MaxSize + 1}, ErrInvalidOptions},
		{"negative width", "سلام", Options{Size: 24, MaxWidth: -1}, ErrInvalidOptions},
		{"unknown fit", "سلام", Options{Size: 24, Fit: 7}, ErrInvalidOptions},
		{"unknown align", "سلام", Options{Size: 24, Align: -1}, ErrInvalidOptions},
		{"letter wider than paper", "م", Options{Size: 48, MaxWidth: 8, Fit: FitWrap}, ErrTooWide},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := r.Draw(tt.text, tt.opts)
			if !errors.Is(err, tt.want) {
				t.Errorf("Draw(%q) error %v, want %v", tt.text, err, tt.want)
			}
			if b != nil {
				t.Errorf("Draw(%q) returned an image with the error", tt.text)
			}
		})
	}
}

func TestDrawCachesResults(t *testing.T) {
	r := newOwnRenderer(t)
	first, err := r.Draw("خدمة المتعاملين", Options{Size: 24})
	if err != nil {
		t.Fatal(err)
	}
	again, err := r.Draw("خدمة المتعاملين", Options{Size: 24})
	if err != nil {
		t.Fatal(err)
	}
	if first != again {
		t.Error("second Draw of the same text drew it again instead of using the cache")
	}
	other, err := r.Draw("خدمة المتعاملين", Options{Size: 24, Bold: true})
	if err != nil {
		t.Fatal(err)
	}
	if other == first {
		t.Error("bold Draw returned the cached regular image")
	}
}

func TestCacheEvictsOldest(t *testing.T) {
	r := newOwnRenderer(t)
	r.maxEntries = 2
	for _, text := range []string{"أ", "ب", "ت"} {
		if _, err := r.Draw(text, Options{Size: 16}); err != nil {
			t.Fatal(err)
		}
	}
	if r.order.Len() != 2 || len(r.entries) != 2 {
		t.Errorf("cache holds %d entries (%d keys), want 2", r.order.Len(), len(r.entries))
	}
	if _, ok := r.entries[cacheKey{text: "أ", opts: Options{Size: 16}}]; ok {
		t.Error("oldest entry is still cached")
	}
}

func TestDrawConcurrent(t *testing.T) {
	r := newOwnRenderer(t)
	texts := []string{"سلام", "الشارقة", "رقم التذكرة A-007", "عدد المنتظرين قبلك"}
	want := make([]*Bitmap, len(texts))
	for i, text := range texts {
		b, err := r.drawLocked(text, Options{Size: 20})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = b
	}

	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 20 {
				k := (g + i) % len(texts)
				b, err := r.Draw(texts[k], Options{Size: 20})
				if err != nil {
					t.Error(err)
					return
				}
				if !slices.Equal(b.Pix, want[k].Pix) {
					t.Errorf("concurrent Draw(%q) differs from a single one", texts[k])
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"arabic kept", "سلام A-007", "سلام A-007"},
		{"escape dropped", "A\x1b@B\x1dV", "A@BV"},
		{"newline to space", "سطر\nسطر", "سطر سطر"},
		{"embeddings dropped", "\u202bرقم\u202c\u2067x\u2069", "رقمx"},
		{"rtl mark kept", "\u200fرقم", "\u200fرقم"},
		{"c1 dropped", "a\u0085b\u009bc", "a bc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func reversed(ids []font.GID) []font.GID {
	out := slices.Clone(ids)
	slices.Reverse(out)
	return out
}

func BenchmarkDrawUncached(b *testing.B) {
	r := newOwnRenderer(b)
	opts := Options{Size: 22, MaxWidth: 576}
	for b.Loop() {
		r.mu.Lock()
		if _, err := r.drawLocked("إدارة الخدمات الاجتماعية - الشارقة", opts); err != nil {
			b.Fatal(err)
		}
		r.mu.Unlock()
	}
}

func BenchmarkDrawCached(b *testing.B) {
	r := newOwnRenderer(b)
	opts := Options{Size: 22, MaxWidth: 576}
	for b.Loop() {
		if _, err := r.Draw("إدارة الخدمات الاجتماعية - الشارقة", opts); err != nil {
			b.Fatal(err)
		}
	}
}
