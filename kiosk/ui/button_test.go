package ui

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontdesk/assets/icons"
	fdtheme "frontdesk/assets/theme"
)

func TestBigButtonDrawsMixedNames(t *testing.T) {
	tests := []struct {
		name     string
		title    string
		titleRTL bool
		// wantTitle is the title's pieces from left to right, each drawn
		// by its own canvas.Text.
		wantTitle []string
		subtitle  string
		wantSub   []string
	}{
		{"digits between Arabic words", "خدمة 24 ساعة", true,
			[]string{"ساعة", " ", "24", " ", "خدمة"},
			"24-Hour Service", []string{"24-Hour Service"}},
		{"number in brackets after Arabic", "المساعدات الاجتماعية (2026)", true,
			[]string{"(", "2026", ") ", "المساعدات الاجتماعية"},
			"Social Assistance (2026)", []string{"Social Assistance (2026)"}},
		{"English title, Arabic subtitle", "Social Assistance (2026)", false,
			[]string{"Social Assistance (2026)"},
			"المساعدات الاجتماعية (2026)", []string{"(", "2026", ") ", "المساعدات الاجتماعية"}},
		{"digits first, then Arabic", "24 ساعة", true,
			[]string{"ساعة", " ", "24"},
			"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t).Settings().SetTheme(fdtheme.New())
			b := NewBigButton(assistanceIcon(t), tt.title, tt.subtitle, nil)
			r := test.TempWidgetRenderer(t, b).(*bigButtonRenderer)
			b.Resize(fyne.NewSize(600, 400))

			if r.title.RTL != tt.titleRTL {
				t.Errorf("title right to left = %v, want %v", r.title.RTL, tt.titleRTL)
			}
			title := test.TempWidgetRenderer(t, r.title).(*bidiRenderer)
			if got := lineTexts(title); !reflect.DeepEqual(got, [][]string{tt.wantTitle}) {
				t.Errorf("title pieces %q, want %q", got, tt.wantTitle)
			}
			checkPiecesLeftToRight(t, title)

			sub := test.TempWidgetRenderer(t, r.subtitle).(*bidiRenderer)
			if got := lineTexts(sub); !reflect.DeepEqual(got, [][]string{tt.wantSub}) {
				t.Errorf("subtitle pieces %q, want %q", got, tt.wantSub)
			}
			checkPiecesLeftToRight(t, sub)
		})
	}
}

// checkPiecesLeftToRight fails when a piece of a drawn line starts left of
// the end of the piece before it.
func checkPiecesLeftToRight(t *testing.T, r *bidiRenderer) {
	t.Helper()
	for _, line := range r.lines {
		for i := 1; i < len(line); i++ {
			prev := line[i-1]
			if end := prev.Position().X + prev.MinSize().Width; line[i].Position().X < end-0.5 {
				t.Errorf("piece %q at x=%v overlaps %q, which ends at x=%v",
					line[i].Text, line[i].Position().X, prev.Text, end)
			}
		}
	}
}

func TestBigButtonWrapsMixedName(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(fdtheme.New())
	b := NewBigButton(assistanceIcon(t), "المساعدات الاجتماعية (2026)", "Social Assistance (2026)", nil)
	r := test.TempWidgetRenderer(t, b).(*bigButtonRenderer)
	b.Resize(fyne.NewSize(260, 400))

	title := test.TempWidgetRenderer(t, r.title).(*bidiRenderer)
	got := lineTexts(title)
	if len(got) < 2 {
		t.Fatalf("title lines %q at width 260, want the name wrapped", got)
	}
	// The first line is the start of the name, read from the right.
	if first := got[0]; first[len(first)-1] != "المساعدات" {
		t.Errorf("first line %q, want it to end on the right with the first word", first)
	}
	if !r.wordsFit(b.Size().Width - 2*b.Theme().Size("innerPadding")) {
		t.Errorf("a word of %q does not fit a 260 wide button", b.Title)
	}
	checkButtonFits(t, b)
}

func assistanceIcon(t *testing.T) fyne.Resource {
	t.Helper()
	icon, ok := icons.Named("assistance")
	if !ok {
		t.Fatal("no icon named assistance")
	}
	return icon
}
