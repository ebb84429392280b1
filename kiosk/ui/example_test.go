package ui_test

import (
	"fmt"

	"frontdesk/kiosk/ui"
)

// An Arabic sentence with a ticket number: the pieces, drawn from left to
// right, put the Arabic words on the right and the full stop on the left.
func ExampleVisualPieces() {
	for _, p := range ui.VisualPieces("رقمك هو A-007.", true) {
		fmt.Printf("%q rtl=%v\n", p.Text, p.RTL)
	}
	// Output:
	// "." rtl=false
	// "A-007" rtl=false
	// " " rtl=false
	// "رقمك هو" rtl=true
}
