package chart

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"math"
	"testing"

	"frontdesk/store/report"
)

// columnsWithColour returns the x of every column of img that has a pixel
// of colour c.
func columnsWithColour(img *image.RGBA, c [4]uint8) []int {
	var xs []int
	b := img.Bounds()
	for x := b.Min.X; x < b.Max.X; x++ {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			i := img.PixOffset(x, y)
			if [4]uint8(img.Pix[i:i+4]) == c {
				xs = append(xs, x)
				break
			}
		}
	}
	return xs
}

// barTop returns the highest y with a bar pixel in column x.
func barTop(img *image.RGBA, x int) int {
	for y := 0; y < img.Bounds().Dy(); y++ {
		if img.RGBAAt(x, y) == barColour {
			return y
		}
	}
	return -1
}

func sampleFigures() report.Figures {
	fig := report.Figures{
		Services: []report.ServiceFigures{
			{Service: "assistance", Counts: report.Counts{Issued: 40}},
			{Service: "complaints", Counts: report.Counts{Issued: 10}},
		},
		Days: []report.DayFigures{
			{Day: "2026-12-01", Ratings: report.Ratings{VeryGood: 3, Good: 1}},
			{Day: "2026-12-02"},
			{Day: "2026-12-03", Ratings: report.Ratings{Bad: 2}},
		},
	}
	fig.IssuedByHour[9] = 12
	fig.IssuedByHour[10] = 30
	return fig
}

func TestBarsMirrorForArabic(t *testing.T) {
	fig := sampleFigures()
	names := map[string]string{"assistance": "المساعدة الاجتماعية", "complaints": "الشكاوى"}
	tests := []struct {
		name        string
		rightToLeft bool
	}{
		{"english", false},
		{"arabic", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Labels{ByService: "Tickets by service", RightToLeft: tt.rightToLeft,
				ServiceName: func(id string) string { return names[id] }}
			img, err := Bars(ByService(fig, l))
			if err != nil {
				t.Fatal(err)
			}
			if img.Bounds().Dx() != DefaultWidth || img.Bounds().Dy() != DefaultHeight {
				t.Errorf("size = %v, want %dx%d", img.Bounds(), DefaultWidth, DefaultHeight)
			}
			cols := columnsWithColour(img, [4]uint8{barColour.R, barColour.G, barColour.B, barColour.A})
			if len(cols) == 0 {
				t.Fatal("no bar drawn")
			}
			left, right := cols[0], cols[len(cols)-1]
			// The taller bar (assistance, 40) comes first: on the left in
			// English and on the right in Arabic.
			tallOnLeft := barTop(img, left) < barTop(img, right)
			if tallOnLeft == tt.rightToLeft {
				t.Errorf("first bar on the left = %v, want %v", tallOnLeft, !tt.rightToLeft)
			}
			if h := barTop(img, left) - barTop(img, right); h == 0 {
				t.Error("bars of 40 and 10 have the same height")
			}
		})
	}
}

func TestLineLeavesGaps(t *testing.T) {
	c := HappinessByDay(sampleFigures(), Labels{Happiness: "مؤشر السعادة", RightToLeft: true})
	if !math.IsNaN(c.Values[1]) {
		t.Errorf("day without ratings = %v, want NaN", c.Values[1])
	}
	if c.Values[0] != 91.675 {
		t.Errorf("first day = %v, want 91.675", c.Values[0])
	}
	img, err := Line(c)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WritePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	decoded, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if decoded.Bounds() != img.Bounds() {
		t.Errorf("decoded size %v, want %v", decoded.Bounds(), img.Bounds())
	}
	if cols := columnsWithColour(img, [4]uint8{lineColour.R, lineColour.G, lineColour.B, 0xff}); len(cols) == 0 {
		t.Error("no line drawn")
	}
}

func TestByHourSpansServiceHours(t *testing.T) {
	c := ByHour(sampleFigures(), Labels{})
	if c.Labels[0] != "07" || c.Labels[len(c.Labels)-1] != "19" {
		t.Errorf("hours %s to %s, want 07 to 19", c.Labels[0], c.Labels[len(c.Labels)-1])
	}
	if c.Values[3] != 30 {
		t.Errorf("10:00 = %v, want 30", c.Values[3])
	}
}

func TestChartRejects(t *testing.T) {
	tests := []struct {
		name  string
		chart Chart
	}{
		{"no labels", Chart{Title: "x"}},
		{"values differ", Chart{Labels: []string{"a"}, Values: []float64{1, 2}}},
		{"too small", Chart{Labels: []string{"a"}, Values: []float64{1}, Width: 50, Height: 50}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Bars(tt.chart); !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v, want ErrInvalid", err)
			}
		})
	}
}

func TestScale(t *testing.T) {
	tests := []struct {
		name            string
		values          []float64
		fixed           float64
		wantTop, wantSt float64
	}{
		{"none", nil, 0, 1, 1},
		{"small counts", []float64{3, 1}, 0, 3, 1},
		{"fifty six", []float64{56, 14}, 0, 60, 20},
		{"forty", []float64{40, 10, 23}, 0, 40, 10},
		{"fixed index", []float64{53.1}, 100, 100, 20},
		{"gap ignored", []float64{math.NaN(), 7}, 0, 8, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top, step := scale(tt.values, tt.fixed)
			if top != tt.wantTop || step != tt.wantSt {
				t.Errorf("scale = %v step %v, want %v step %v", top, step, tt.wantTop, tt.wantSt)
			}
		})
	}
}
