package ledgerui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	fdtheme "frontdesk/assets/theme"
	kioskui "frontdesk/kiosk/ui"
)

func touchTarget() float32 { return theme.Current().Size(fdtheme.SizeNameTouchTarget) }

// targetEntry is an entry that calls onFocus when it gets the focus, so
// the keypad writes to the field the staff member last touched.
type targetEntry struct {
	widget.Entry
	onFocus func()
}

func newTargetEntry(onFocus func()) *targetEntry {
	e := &targetEntry{onFocus: onFocus}
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained implements fyne.Focusable.
func (e *targetEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus()
	}
}

// keypadKeys are the keypad's characters in telephone order. The dash is
// for case numbers and the point for amounts.
var keypadKeys = []string{"7", "8", "9", "4", "5", "6", "1", "2", "3", ".", "0", "-"}

// newKeypad returns a keypad that sends each key to typed, and its
// backspace, clear and next-field keys to the other functions.
func newKeypad(t texts, typed func(string), backspace, clear, next func()) fyne.CanvasObject {
	var keys []fyne.CanvasObject
	for _, k := range keypadKeys {
		keys = append(keys, tall(widget.NewButton(k, func() { typed(k) })))
	}
	back := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), backspace)
	if t.rtl() {
		back.SetIcon(theme.NavigateNextIcon())
	}
	keys = append(keys,
		tall(back),
		tall(widget.NewButton(t.get("ledger.keypad.clear"), clear)),
		tall(widget.NewButton(t.get("ledger.keypad.next"), next)),
	)
	// Digits keep the telephone order in both languages, as on the
	// sign-in keypad, so only the grid's columns are not mirrored.
	return kioskui.NewGrid(false, 3, keys...)
}
