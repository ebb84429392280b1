package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	kioskui "frontdesk/kiosk/ui"
	"frontdesk/reception"
)

// signInView is the desk's first screen: the staff id, a PIN typed on an
// on-screen keypad, and the reason of the last failure.
type signInView struct {
	content fyne.CanvasObject
	staff   *widget.Entry
	pin     *widget.Entry
	submit  *widget.Button
	message *kioskui.BidiLabel
}

// maxPINLength is the longest PIN the store accepts.
const maxPINLength = 12

func newSignInView(t texts, counter int, signIn func(id, pin string), switchLang func()) *signInView {
	v := &signInView{
		staff:   widget.NewEntry(),
		pin:     widget.NewPasswordEntry(),
		message: t.label(""),
	}
	v.staff.SetPlaceHolder(t.get("desk.signin.staff"))
	v.pin.SetPlaceHolder(t.get("desk.signin.pin"))
	v.message.ColorName = theme.ColorNameError
	v.message.Alignment = fyne.TextAlignCenter
	v.submit = widget.NewButtonWithIcon(t.get("desk.signin.submit"), theme.LoginIcon(), func() {
		signIn(v.staff.Text, v.pin.Text)
	})
	v.submit.Importance = widget.HighImportance
	v.pin.OnSubmitted = func(string) { v.submit.OnTapped() }

	title := t.heading(t.with("desk.title", map[string]any{"Counter": counter}))
	title.Alignment = fyne.TextAlignCenter
	form := container.NewVBox(
		title,
		t.label(t.get("desk.signin.staff")), v.staff,
		t.label(t.get("desk.signin.pin")), v.pin,
		v.keypad(t),
		v.submit,
		v.message,
	)
	lang := widget.NewButton(t.get("desk.language"), switchLang)
	top := kioskui.NewBorder(t.rtl(), nil, nil, nil, lang)
	box := container.NewGridWrap(fyne.NewSize(520, form.MinSize().Height), form)
	v.content = container.NewBorder(top, nil, nil, nil, container.NewCenter(box))
	return v
}

// keypad returns the PIN keypad. Its keys write to the PIN entry itself,
// not to whatever has the focus.
func (v *signInView) keypad(t texts) fyne.CanvasObject {
	var keys []fyne.CanvasObject
	for _, d := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"} {
		keys = append(keys, widget.NewButton(d, func() {
			if len(v.pin.Text) < maxPINLength {
				v.pin.SetText(v.pin.Text + d)
			}
		}))
	}
	clear := widget.NewButton(t.get("desk.signin.clear"), func() { v.pin.SetText("") })
	zero := widget.NewButton("0", func() {
		if len(v.pin.Text) < maxPINLength {
			v.pin.SetText(v.pin.Text + "0")
		}
	})
	back := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() {
		if n := len(v.pin.Text); n > 0 {
			v.pin.SetText(v.pin.Text[:n-1])
		}
	})
	// Digits keep the telephone order in both languages; only the last
	// row's clear and back keys swap sides for Arabic.
	last := []fyne.CanvasObject{clear, zero, back}
	if t.rtl() {
		last = []fyne.CanvasObject{back, zero, clear}
	}
	keys = append(keys, last...)
	return container.NewGridWithColumns(3, keys...)
}

// show draws the outcome of a failed sign-in and clears the PIN.
func (v *signInView) show(t texts, s reception.DeskState) {
	switch {
	case s.Last.Action == reception.IntentSignIn && s.Last.Err != nil:
		v.message.SetText(t.errorText(s.Last.Err))
		v.pin.SetText("")
	case s.Last.Action == reception.IntentIdle:
		v.message.SetText(t.get("desk.signin.idle"))
		v.pin.SetText("")
	case !s.SignedIn:
		v.pin.SetText("")
	}
}
