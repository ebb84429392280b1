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
		{"date between Arabic words", "موعدك 2026-12-04 صباحاً", true,
			[]Piece{{Text: "صباحاً", RTL: true}, {Text: " "}, {Text: "2026-12-04"}, {Text: " "},
				{Text: "موعدك", RTL: true}}},
		{"Emirates ID", "رقم الهوية 784-1990-1234567-6 مسجل", true,
			[]Piece{{Text: "مسجل", RTL: true}, {Text: " "}, {Text: "784-1990-1234567-6"}, {Text: " "},
				{Text: "رقم الهوية", RTL: true}}},
		{"time", "الساعة 09:30 صباحاً", true,
			[]Piece{{Text: "صباحاً", RTL: true}, {Text: " "}, {Text: "09:30"}, {Text: " "},
				{Text: "الساعة", RTL: true}}},
		{"ticket number at the end", "رقمك A-007", true,
			[]Piece{{Text: "A-007"}, {Text: " "}, {Text: "رقمك", RTL: true}}},
		{"ticket number between words", "رقمك A-007 يرجى الانتظار", true,
			[]Piece{{Text: "يرجى الانتظار", RTL: true}, {Text: " "}, {Text: "A-007"}, {Text: " "},
				{Text: "رقمك", RTL: true}}},
		{"vehicle ticket number", "رقمك V1-A-007 الآن", true,
			[]Piece{{Text: "الآن", RTL: true}, {Text: " "}, {Text: "V1-A-007"}, {Text: " "},
				{Text: "رقمك", RTL: true}}},
		{"amount with separators", "المبلغ 1,250.50 درهم", true,
			[]Piece{{Text: "درهم", RTL: true}, {Text: " "}, {Text: "1,250.50"}, {Text: " "},
				{Text: "المبلغ", RTL: true}}},
		{"percent after number", "الخصم 15% فقط", true,
			[]Piece{{Text: "فقط", RTL: true}, {Text: " "}, {Text: "15%"}, {Text: " "},
				{Text: "الخصم", RTL: true}}},
		{"currency before number", "السعر $25 فقط", true,
			[]Piece{{Text: "فقط", RTL: true}, {Text: " "}, {Text: "$25"}, {Text: " "},
				{Text: "السعر", RTL: true}}},
		{"mobile number with plus", "الهاتف +971501234567 مسجل", true,
			[]Piece{{Text: "مسجل", RTL: true}, {Text: " "}, {Text: "+971501234567"}, {Text: " "},
				{Text: "الهاتف", RTL: true}}},
		{"Arabic-Indic time", "الساعة ٠٩:٣٠ صباحاً", true,
			[]Piece{{Text: "صباحاً", RTL: true}, {Text: " "}, {Text: "٠٩:٣٠"}, {Text: " "},
				{Text: "الساعة", RTL: true}}},
		{"spaced dash stays apart", "من 1 - 2 فقط", true,
			[]Piece{{Text: "فقط", RTL: true}, {Text: " "}, {Text: "2"}, {Text: " - "}, {Text: "1"}, {Text: " "},
				{Text: "من", RTL: true}}},
		{"trailing dash stays out", "رقم 12-", true,
			[]Piece{{Text: "-"}, {Text: "12"}, {Text: " "}, {Text: "رقم", RTL: true}}},
		{"date in English line", "Your visit on 2026-12-04", false,
			[]Piece{{Text: "Your visit on 2026-12-04"}}},
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
