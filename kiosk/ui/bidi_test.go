package ui

import (
	"reflect"
	"testing"
)

func TestVisualPieces(t *testing.T) {
	tests := []struct {
		name string
		line string
		rtl  bool
		want []Piece
	}{
		{"empty", "", true, nil},
		{"Latin line left to right", "Your number is A-007.", false,
			[]Piece{{Text: "Your number is A-007."}}},
		{"Arabic only", "يرجى اختيار الخدمة", true,
			[]Piece{{Text: "يرجى اختيار الخدمة", RTL: true}}},
		{"number inside Arabic", "رقمك هو A-007.", true,
			[]Piece{{Text: "."}, {Text: "A-007"}, {Text: " "}, {Text: "رقمك هو", RTL: true}}},
		{"digits first", "3 أشخاص قبلك", true,
			[]Piece{{Text: "أشخاص قبلك", RTL: true}, {Text: " "}, {Text: "3"}}},
		{"colon after Arabic", "الخدمة: Social Assistance", true,
			[]Piece{{Text: "Social Assistance"}, {Text: " :"}, {Text: "الخدمة", RTL: true}}},
		{"Arabic on both sides", "رقم التذكرة A123 يرجى الانتظار", true,
			[]Piece{{Text: "يرجى الانتظار", RTL: true}, {Text: " "}, {Text: "A123"}, {Text: " "},
				{Text: "رقم التذكرة", RTL: true}}},
		{"brackets mirrored", "(الحماية)", true,
			[]Piece{{Text: "("}, {Text: "الحماية", RTL: true}, {Text: ")"}}},
		{"Latin line in an Arabic screen", "English", true,
			[]Piece{{Text: "English"}}},
		{"isolates dropped", "رقمك \u2066A-007\u2069", true,
			[]Piece{{Text: "A-007"}, {Text: " "}, {Text: "رقمك", RTL: true}}},
		{"mark after last letter", "قبلكَ.", true,
			[]Piece{{Text: "."}, {Text: "قبلكَ", RTL: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := VisualPieces(tt.line, tt.rtl)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("VisualPieces(%q, %v)\n got  %+v\n want %+v", tt.line, tt.rtl, got, tt.want)
			}
		})
	}
}
