package receipt

import (
	"slices"
	"testing"
)

func TestWrapWords(t *testing.T) {
	tests := []struct {
		name string
		in   string
		cols int
		want []string
	}{
		{"fits", "Social Assistance", 48, []string{"Social Assistance"}},
		{"two lines", "Customer Service Centre - Social Services", 32, []string{"Customer Service Centre - Social", "Services"}},
		{"exact width", "abc def", 7, []string{"abc def"}},
		{"long word cut", "abcdefghij xy", 4, []string{"abcd", "efgh", "ij", "xy"}},
		{"spaces collapse", "a   b  c", 3, []string{"a b", "c"}},
		{"no columns", "abc", 0, []string{"abc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrapWords(tt.in, tt.cols); !slices.Equal(got, tt.want) {
				t.Errorf("wrapWords(%q, %d) = %q, want %q", tt.in, tt.cols, got, tt.want)
			}
		})
	}
}
