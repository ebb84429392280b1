package ui

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	fdtheme "frontdesk/assets/theme"
)

// lineTexts returns the pieces of each drawn line, in visual order.
func lineTexts(r *bidiRenderer) [][]string {
	var out [][]string
	for _, line := range r.lines {
		var texts []string
		for _, t := range line {
			texts = append(texts, t.Text)
		}
		out = append(out, texts)
	}
	return out
}

func newTestLabel(t *testing.T, text string, rtl bool) (*BidiLabel, *bidiRenderer) {
	t.Helper()
	test.NewTempApp(t).Settings().SetTheme(fdtheme.New())
	l := NewBidiLabel(text, rtl)
	return l, test.TempWidgetRenderer(t, l).(*bidiRenderer)
}

func TestBidiLabelPlacesRunsFromRight(t *testing.T) {
	l, r := newTestLabel(t, "رقمك هو A-007.", true)
	l.Resize(fyne.NewSize(600, 100))

	line := r.lines[0]
	last := line[len(line)-1]
	if last.Text != "رقمك هو" {
		t.Fatalf("rightmost piece %q, want the Arabic words", last.Text)
	}
	if right := last.Position().X + last.Size().Width; right != 600 {
		t.Errorf("Arabic words end at x=%v, want the right edge 600", right)
	}
	for i := 1; i < len(line); i++ {
		if line[i].Position().X < line[i-1].Position().X {
			t.Errorf("piece %q is left of the piece before it", line[i].Text)
		}
	}
}

func TestBidiLabelLines(t *testing.T) {
	l, r := newTestLabel(t, "نفد الورق من الطابعة.\nرقمك هو A-007.", true)
	l.Resize(fyne.NewSize(600, 200))
	if got := len(r.lines); got != 2 {
		t.Fatalf("%d lines, want 2: %q", got, lineTexts(r))
	}
	if y0, y1 := r.lines[0][0].Position().Y, r.lines[1][0].Position().Y; y1 <= y0 {
		t.Errorf("second line at y=%v, not below the first at y=%v", y1, y0)
	}
}

func TestBidiLabelWraps(t *testing.T) {
	tests := []struct {
		name, text string
		rtl        bool
		firstWord  string // the word that must start the first line
	}{
		{"English", "Please keep this number; a receptionist can print it for you.", false, "Please"},
		{"Arabic", "يرجى الاحتفاظ بهذا الرقم، ويمكن لموظف الاستقبال طباعته لك.", true, "يرجى"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, r := newTestLabel(t, tt.text, tt.rtl)
			oneLine := l.MinSize()
			l.Wrap = true
			l.Refresh()
			l.Resize(fyne.NewSize(250, 400))

			if len(r.lines) < 2 {
				t.Fatalf("%d lines at width 250, want the text wrapped: %q", len(r.lines), lineTexts(r))
			}
			if min := l.MinSize(); min.Height <= oneLine.Height {
				t.Errorf("wrapped minimum height %v, want more than one line's %v", min.Height, oneLine.Height)
			}
			if min := l.MinSize(); min.Width >= oneLine.Width || min.Width <= 0 {
				t.Errorf("wrapped minimum width %v, want the longest word, less than %v", min.Width, oneLine.Width)
			}
			for i, line := range r.lines {
				var width float32
				for _, piece := range line {
					width += piece.MinSize().Width
				}
				if width > 250 {
					t.Errorf("line %d %q is %v wide, more than 250", i, lineTexts(r)[i], width)
				}
			}
			first := strings.Join(lineTexts(r)[0], "")
			if !strings.Contains(first, tt.firstWord) {
				t.Errorf("first line %q does not hold the first word %q", first, tt.firstWord)
			}
		})
	}
}

// lineBounds returns the left edge of a drawn line's first piece and the
// right edge of its last.
func lineBounds(line []*canvas.Text) (left, right float32) {
	first, last := line[0], line[len(line)-1]
	return first.Position().X, last.Position().X + last.MinSize().Width
}

func TestBidiLabelOverflowKeepsLineStart(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		rtl   bool
		wrap  bool
		first string // the first word, which must stay on the screen
	}{
		{"Arabic cut", "يرجى الاحتفاظ بهذا الرقم، ويمكن لموظف الاستقبال طباعته لك.", true, false, "يرجى"},
		{"Arabic with number cut", "رقمك هو A-007 ويمكن لموظف الاستقبال طباعته لك.", true, false, "رقمك"},
		{"English cut", "Please keep this number; a receptionist can print it for you.", false, false, "Please"},
		{"Arabic long word wraps", "الاستقبالالاستقبالالاستقبال يرجى الاحتفاظ", true, true, "الاستقبال"},
	}
	const width = 180
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, r := newTestLabel(t, tt.text, tt.rtl)
			l.Wrap = tt.wrap
			l.Refresh()
			l.Resize(fyne.NewSize(width, 400))

			for i, line := range r.lines {
				left, right := lineBounds(line)
				if left < 0 {
					t.Errorf("line %d %q starts at x=%v, left of the label", i, lineTexts(r)[i], left)
				}
				if right > width {
					t.Errorf("line %d %q ends at x=%v, right of the label's %v", i, lineTexts(r)[i], right, width)
				}
				if tt.rtl && right < width-1 {
					t.Errorf("line %d %q ends at x=%v, want its right edge at %v", i, lineTexts(r)[i], right, width)
				}
			}
			first := lineTexts(r)[0]
			start := first[0]
			if tt.rtl {
				start = first[len(first)-1]
			}
			if !strings.HasPrefix(start, tt.first) {
				t.Errorf("first line starts with %q, want the first word %q; line %q", start, tt.first, first)
			}
		})
	}
}

func TestBidiLabelOverflowKeepsMinSize(t *testing.T) {
	l, _ := newTestLabel(t, "يرجى الاحتفاظ بهذا الرقم، ويمكن لموظف الاستقبال طباعته لك.", true)
	before := l.MinSize()
	l.Resize(fyne.NewSize(100, 100))
	if after := l.MinSize(); after != before {
		t.Errorf("minimum size %v after a narrow resize, want the full line's %v", after, before)
	}
}

func TestFitPieces(t *testing.T) {
	// Every rune is 10 wide, so the cuts are easy to follow.
	measure := func(s string) float32 { return 10 * float32(len([]rune(s))) }
	tests := []struct {
		name   string
		pieces []Piece
		width  float32
		rtl    bool
		want   []Piece
	}{
		{"fits", []Piece{{Text: "abc"}}, 30, false, []Piece{{Text: "abc"}}},
		{"English cut between words", []Piece{{Text: "one two three"}}, 100, false,
			[]Piece{{Text: "one two"}, {Text: "…"}}},
		{"Arabic cut on the left", []Piece{{Text: "واحد اثنان ثلاثة", RTL: true}}, 120, true,
			[]Piece{{Text: "…"}, {Text: "واحد اثنان", RTL: true}}},
		{"Latin piece on the left of Arabic", []Piece{{Text: "Social Assistance"}, {Text: " :"},
			{Text: "الخدمة", RTL: true}}, 190, true,
			[]Piece{{Text: "…"}, {Text: "Assistance"}, {Text: " :"}, {Text: "الخدمة", RTL: true}}},
		{"one long word cut between letters", []Piece{{Text: "الاستقبال", RTL: true}}, 50, true,
			[]Piece{{Text: "…"}, {Text: "الاس", RTL: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fitPieces(tt.pieces, tt.width, tt.rtl, measure)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("fitPieces(%+v, %v)\n got  %+v\n want %+v", tt.pieces, tt.width, got, tt.want)
			}
		})
	}
}
