package ui

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	fdtheme "frontdesk/assets/theme"
	"frontdesk/reception"
)

// lineTexts returns the texts of one waiting-list line from left to
// right, and fails when a text starts left of the end of the one before.
func lineTexts(t *testing.T, line fyne.CanvasObject) []string {
	t.Helper()
	centre := line.(*fyne.Container).Objects[0].(*fyne.Container)
	row := centre.Objects[0].(*fyne.Container)
	var out []string
	for i, o := range row.Objects {
		text := o.(*canvas.Text)
		if i > 0 {
			prev := row.Objects[i-1]
			if end := prev.Position().X + prev.MinSize().Width; text.Position().X < end-0.5 {
				t.Errorf("text %q at x=%v overlaps the text on its left, which ends at x=%v",
					text.Text, text.Position().X, end)
			}
		}
		out = append(out, text.Text)
	}
	return out
}

func TestWaitingCellDrawsMixedNames(t *testing.T) {
	tests := []struct {
		name           string
		nameAR, nameEN string
		// wantAR and wantEN are the pieces of each line from left to
		// right, each drawn by its own canvas.Text.
		wantAR, wantEN []string
	}{
		{"digits between Arabic words", "خدمة 24 ساعة", "24-Hour Service",
			[]string{"ساعة", " ", "24", " ", "خدمة"}, []string{"24-Hour Service"}},
		{"number in brackets after Arabic", "المساعدات الاجتماعية (2026)", "Social Assistance (2026)",
			[]string{"(", "2026", ") ", "المساعدات الاجتماعية"}, []string{"Social Assistance (2026)"}},
		{"Arabic only", "بلاغات الحماية", "Protection Reports",
			[]string{"بلاغات الحماية"}, []string{"Protection Reports"}},
		{"empty English name", "الاستفسارات العامة", "",
			[]string{"الاستفسارات العامة"}, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t).Settings().SetTheme(fdtheme.New())
			d := &Display{}
			cell := d.waitingCell(reception.Waiting{
				Service: reception.Service{ID: "s", Letter: "S", NameAR: tt.nameAR, NameEN: tt.nameEN},
				Count:   3,
			})
			test.NewTempWindow(t, cell).Resize(fyne.NewSize(480, 200))

			lines := cell.(*fyne.Container).Objects
			if got := lineTexts(t, lines[1]); !reflect.DeepEqual(got, tt.wantAR) {
				t.Errorf("Arabic name pieces %q, want %q", got, tt.wantAR)
			}
			if got := lineTexts(t, lines[2]); !reflect.DeepEqual(got, tt.wantEN) {
				t.Errorf("English name pieces %q, want %q", got, tt.wantEN)
			}
		})
	}
}
