package ledgerui

import (
	"strings"
	"testing"

	"frontdesk/assets/i18n"
	kioskui "frontdesk/kiosk/ui"
)

func TestArabicKeepsValuesWhole(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	ar, err := newTexts(cat, i18n.Arabic, 0)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, line, value string
	}{
		{"day", ar.with("ledger.day.title", map[string]any{"Day": ar.ltr("2026-12-04")}), "2026-12-04"},
		{"emirates id", ar.get("ledger.field.emirates_id") + ": " + ar.ltr("784-1990-1234567-6"), "784-1990-1234567-6"},
		{"case number", ar.get("ledger.field.case") + ": " + ar.ltr("2026-0917"), "2026-0917"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pieces []string
			for _, p := range kioskui.VisualPieces(tt.line, true) {
				pieces = append(pieces, strings.TrimPrefix(p.Text, "\u200e"))
			}
			for _, p := range pieces {
				if p == tt.value {
					return
				}
			}
			t.Errorf("%q is drawn as pieces %q, want %q in one piece", tt.line, pieces, tt.value)
		})
	}
}

func TestWrapBreaksAtSpaces(t *testing.T) {
	tests := []struct {
		name, text string
		lines      int
	}{
		{"short", "Enter the amount.", 1},
		{"two lines", "The check digit does not match: compare the number with the card.", 2},
		{"kept breaks", "first line\nsecond line", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrap(tt.text)
			lines := strings.Split(got, "\n")
			if len(lines) != tt.lines {
				t.Errorf("wrap(%q) = %q, want %d lines", tt.text, got, tt.lines)
			}
			for _, l := range lines {
				if n := len([]rune(l)); n > wrapColumns {
					t.Errorf("line %q has %d characters, more than %d", l, n, wrapColumns)
				}
			}
			if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(tt.text), " ") {
				t.Errorf("wrap(%q) = %q, lost or changed words", tt.text, got)
			}
		})
	}
}
