package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	kioskui "frontdesk/kiosk/ui"
	"frontdesk/reception"
	"frontdesk/store"
)

// requestForm registers a request linked to the ticket being served.
type requestForm struct {
	t       texts
	screen  *Desk
	content fyne.CanvasObject
	// buttons are the register and print buttons, kept out of the
	// scrolling content so they are always on screen.
	buttons fyne.CanvasObject

	kind        *widget.Select
	department  *widget.Select
	description *widget.Entry
	name        *widget.Entry
	emiratesID  *widget.Entry
	mobile      *widget.Entry
	register    *widget.Button
	print       *widget.Button
	// errors holds the message under each field, by reception.Field*.
	errors map[string]*kioskui.BidiLabel

	// registered is the tracking number of the last request registered
	// here, which Print receipt prints.
	registered string
}

// formValues are the values the staff member typed, kept across a
// language switch. Type and department are ids, not the shown names.
type formValues struct {
	kind, department, description, name, emiratesID, mobile, registered string
}

func newRequestForm(t texts, s *Desk) *requestForm {
	f := &requestForm{t: t, screen: s, errors: map[string]*kioskui.BidiLabel{}}
	var kinds []string
	for _, k := range store.RequestTypes {
		kinds = append(kinds, f.kindName(k))
	}
	f.kind = widget.NewSelect(kinds, func(string) { s.desk.Touch() })
	f.kind.PlaceHolder = t.get("desk.request.type")
	var departments []string
	for _, d := range s.desk.Config().Departments {
		departments = append(departments, d.Name(t.lang))
	}
	f.department = widget.NewSelect(departments, func(string) { s.desk.Touch() })
	f.department.PlaceHolder = t.get("desk.request.department")

	f.description = widget.NewMultiLineEntry()
	f.description.SetMinRowsVisible(4)
	f.description.Wrapping = fyne.TextWrapWord
	f.name = widget.NewEntry()
	f.emiratesID = widget.NewEntry()
	f.emiratesID.SetPlaceHolder("784-XXXX-XXXXXXX-X")
	f.mobile = widget.NewEntry()
	f.mobile.SetPlaceHolder("05X XXX XXXX")
	for _, e := range []*widget.Entry{f.description, f.name, f.emiratesID, f.mobile} {
		e.OnChanged = func(string) { s.desk.Touch() }
	}

	f.register = widget.NewButtonWithIcon(t.get("desk.request.register"), theme.DocumentCreateIcon(), f.doRegister)
	f.register.Importance = widget.HighImportance
	f.print = widget.NewButtonWithIcon(t.get("desk.request.print"), theme.DocumentPrintIcon(), f.doPrint)
	f.print.Disable()

	rows := []fyne.CanvasObject{t.heading(t.get("desk.request.new"))}
	add := func(field, label string, input fyne.CanvasObject) {
		msg := t.label("")
		msg.ColorName = theme.ColorNameError
		f.errors[field] = msg
		rows = append(rows, t.label(label), input, anyWidth(msg))
	}
	add(reception.FieldType, t.get("desk.request.type"), f.kind)
	add(reception.FieldDepartment, t.get("desk.request.department"), f.department)
	add(reception.FieldDescription, t.get("desk.request.description"), f.description)
	add(reception.FieldName, t.get("desk.request.name"), f.name)
	add(reception.FieldEmiratesID, t.get("desk.request.emirates_id"), f.emiratesID)
	add(reception.FieldMobile, t.get("desk.request.mobile"), f.mobile)
	f.buttons = kioskui.NewGrid(t.rtl(), 2, f.register, f.print)
	f.content = container.NewVBox(rows...)
	return f
}

func (f *requestForm) kindName(k store.RequestType) string {
	return f.t.get("desk.request.type." + string(k))
}

// form returns the form as the flows take it.
func (f *requestForm) form() reception.RequestForm {
	v := f.values()
	return reception.RequestForm{
		Type: store.RequestType(v.kind), Department: v.department, Description: v.description,
		ApplicantName: v.name, EmiratesID: v.emiratesID, Mobile: v.mobile,
	}
}

func (f *requestForm) values() formValues {
	v := formValues{description: f.description.Text, name: f.name.Text, emiratesID: f.emiratesID.Text,
		mobile: f.mobile.Text, registered: f.registered}
	for _, k := range store.RequestTypes {
		if f.kindName(k) == f.kind.Selected {
			v.kind = string(k)
		}
	}
	for _, d := range f.screen.desk.Config().Departments {
		if d.Name(f.t.lang) == f.department.Selected {
			v.department = d.ID
		}
	}
	return v
}

func (f *requestForm) restore(v formValues) {
	if v.kind != "" {
		f.kind.SetSelected(f.kindName(store.RequestType(v.kind)))
	}
	if d, ok := f.screen.desk.Config().Department(v.department); ok {
		f.department.SetSelected(d.Name(f.t.lang))
	}
	f.description.SetText(v.description)
	f.name.SetText(v.name)
	f.emiratesID.SetText(v.emiratesID)
	f.mobile.SetText(v.mobile)
	f.registered = v.registered
}

func (f *requestForm) clear() {
	f.kind.ClearSelected()
	f.department.ClearSelected()
	for _, e := range []*widget.Entry{f.description, f.name, f.emiratesID, f.mobile} {
		e.SetText("")
	}
	for _, msg := range f.errors {
		msg.SetText("")
	}
	f.registered = ""
	f.print.Disable()
}

func (f *requestForm) doRegister() {
	form := f.form()
	f.screen.run(func(ctx context.Context) { _, _ = f.screen.desk.RegisterRequest(ctx, form) })
}

func (f *requestForm) doPrint() {
	tracking := f.registered
	f.screen.run(func(ctx context.Context) { _ = f.screen.desk.PrintRequestReceipt(ctx, tracking, f.t.lang) })
}

// show draws the outcome of a registration: the field in error, or a clear
// form ready for the next request.
func (f *requestForm) show(s reception.DeskState) {
	if s.Last.Action != reception.IntentRegister {
		return
	}
	for _, msg := range f.errors {
		msg.SetText("")
	}
	var fe *reception.FieldError
	switch {
	case errors.As(s.Last.Err, &fe):
		if msg, ok := f.errors[fe.Field]; ok {
			msg.SetText(f.t.fieldErrorText(fe))
		}
	case s.Last.Err == nil:
		registered := s.Last.Request.Tracking
		f.clear()
		f.registered = registered
		f.print.Enable()
	}
}
