package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	kioskui "frontdesk/kiosk/ui"
	"frontdesk/reception"
	"frontdesk/store"
)

// requestList shows the open requests, oldest first, or the results of a
// search, and moves the selected request to its next status.
type requestList struct {
	t       texts
	screen  *Desk
	content fyne.CanvasObject

	search *widget.Entry
	// filter narrows the open requests to one department; its first
	// option shows them all.
	filter   *widget.Select
	list     *widget.List
	items    []store.Request
	searched bool // items are search results, not the open requests
	selected string

	detail     *kioskui.BidiLabel
	next       *widget.Select
	department *widget.Select
	response   *widget.Entry
	method     *widget.Select
	apply      *widget.Button
	print      *widget.Button
	message    *kioskui.BidiLabel
}

func newRequestList(t texts, s *Desk) *requestList {
	l := &requestList{t: t, screen: s}
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder(t.get("desk.request.search.hint"))
	l.search.OnSubmitted = func(string) { l.doSearch() }
	searchButton := widget.NewButtonWithIcon("", theme.SearchIcon(), l.doSearch)
	clearButton := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() {
		l.search.SetText("")
		l.searched = false
		l.showOpen(s.desk.State().Requests)
	})
	filterOptions := []string{t.get("desk.request.all_departments")}
	for _, d := range s.desk.Config().Departments {
		filterOptions = append(filterOptions, d.Name(t.lang))
	}
	l.filter = widget.NewSelect(filterOptions, nil)
	l.filter.SetSelectedIndex(0)
	l.filter.OnChanged = func(string) {
		if !l.searched {
			l.showOpen(s.desk.State().Requests)
		}
	}

	l.list = widget.NewList(
		func() int { return len(l.items) },
		func() fyne.CanvasObject {
			row := t.label("\n\n")
			return container.NewPadded(row)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container).Objects[0].(*kioskui.BidiLabel)
			if i < len(l.items) {
				row.SetText(l.rowText(l.items[i]))
			}
		},
	)
	l.list.OnSelected = func(i widget.ListItemID) {
		if i < len(l.items) {
			l.selected = l.items[i].Tracking
			l.showDetail(l.items[i])
		}
	}

	l.detail = t.label("")
	l.next = widget.NewSelect(nil, func(string) { l.showInputs() })
	l.next.PlaceHolder = t.get("desk.request.next")
	var departments []string
	for _, d := range s.desk.Config().Departments {
		departments = append(departments, d.Name(t.lang))
	}
	l.department = widget.NewSelect(departments, nil)
	l.department.PlaceHolder = t.get("desk.request.department")
	l.response = widget.NewMultiLineEntry()
	l.response.SetPlaceHolder(t.get("desk.request.response"))
	l.response.Wrapping = fyne.TextWrapWord
	var methods []string
	for _, m := range reception.InformMethods() {
		methods = append(methods, t.get("desk.request.method."+string(m)))
	}
	l.method = widget.NewSelect(methods, nil)
	l.method.PlaceHolder = t.get("desk.request.method")
	l.apply = widget.NewButtonWithIcon(t.get("desk.ok"), theme.ConfirmIcon(), l.doApply)
	l.apply.Importance = widget.HighImportance
	l.print = widget.NewButtonWithIcon(t.get("desk.request.print"), theme.DocumentPrintIcon(), func() {
		tracking := l.selected
		s.run(func(ctx context.Context) { _ = s.desk.PrintRequestReceipt(ctx, tracking, t.lang) })
	})
	l.message = t.label("")
	l.message.ColorName = theme.ColorNameError
	l.showDetail(store.Request{})

	searchBar := kioskui.NewBorder(t.rtl(), nil, nil, nil, kioskui.NewHBox(t.rtl(), searchButton, clearButton), l.search)
	detail := container.NewVBox(widget.NewSeparator(), l.detail, l.next, l.department, l.response, l.method,
		kioskui.NewGrid(t.rtl(), 2, l.apply, l.print), l.message)
	top := container.NewVBox(t.heading(t.get("desk.request.open")), searchBar, l.filter)
	l.content = container.NewBorder(top, detail, nil, nil, l.list)
	return l
}

// rowText is a list row: the tracking number and status, the type and
// age, then the department. A BidiLabel does not wrap, so each line stays
// short enough for the column.
func (l *requestList) rowText(r store.Request) string {
	t := l.t
	department := r.Department
	if d, ok := l.screen.desk.Config().Department(r.Department); ok {
		department = d.Name(t.lang)
	}
	age := t.get("desk.request.age.today")
	if days := int(time.Since(r.CreatedAt).Hours() / 24); days > 0 {
		age = t.loc.Plural("desk.request.age", days, nil)
	}
	return r.Tracking + " · " + t.get("desk.request.status."+string(r.Status)) + "\n" +
		t.get("desk.request.type."+string(r.Type)) + " · " + age + "\n" + department
}

func (l *requestList) doSearch() {
	query := l.search.Text
	found, err := l.screen.desk.FindRequests(query)
	if err != nil {
		l.message.SetText(l.t.errorText(err))
		return
	}
	l.message.SetText("")
	if len(found) == 0 {
		l.message.SetText(l.t.get("desk.error.not_found"))
	}
	l.items, l.searched = found, true
	l.list.UnselectAll()
	l.list.Refresh()
}

// showDetail shows the selected request and the steps it may take next.
func (l *requestList) showDetail(r store.Request) {
	t := l.t
	l.message.SetText("")
	if r.Tracking == "" {
		l.detail.SetText(t.get("desk.request.choose"))
		l.next.SetOptions(nil)
		l.showInputs()
		setEnabled(l.apply, false)
		setEnabled(l.print, false)
		return
	}
	text := r.Tracking + "\n" + t.get("desk.request.status."+string(r.Status))
	if r.Response != "" {
		text += "\n" + strings.TrimSpace(r.Response)
	}
	l.detail.SetText(text)
	var next []string
	for _, st := range reception.NextStatuses(r.Status) {
		next = append(next, t.get("desk.request.status."+string(st)))
	}
	l.next.SetOptions(next)
	l.next.ClearSelected()
	if len(next) > 0 {
		l.next.SetSelectedIndex(0)
	}
	setEnabled(l.apply, len(next) > 0)
	setEnabled(l.print, true)
	l.showInputs()
}

// nextStatus returns the status chosen in the next-step list.
func (l *requestList) nextStatus() store.RequestStatus {
	for _, st := range []store.RequestStatus{store.RequestTransferred, store.RequestResponseRecorded,
		store.RequestApplicantInformed, store.RequestClosed} {
		if l.t.get("desk.request.status."+string(st)) == l.next.Selected {
			return st
		}
	}
	return ""
}

// showInputs shows only the inputs the chosen step needs.
func (l *requestList) showInputs() {
	st := l.nextStatus()
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	show(l.department, st == store.RequestTransferred)
	show(l.response, st == store.RequestResponseRecorded)
	show(l.method, st == store.RequestApplicantInformed)
}

func (l *requestList) doApply() {
	u := store.RequestUpdate{Status: l.nextStatus(), Response: l.response.Text}
	for _, d := range l.screen.desk.Config().Departments {
		if d.Name(l.t.lang) == l.department.Selected {
			u.Department = d.ID
		}
	}
	for _, m := range reception.InformMethods() {
		if l.t.get("desk.request.method."+string(m)) == l.method.Selected {
			u.Method = m
		}
	}
	switch {
	case u.Status == store.RequestTransferred && u.Department == "":
		l.message.SetText(l.t.get("desk.error.department"))
		return
	case u.Status == store.RequestResponseRecorded && strings.TrimSpace(u.Response) == "":
		l.message.SetText(l.t.get("desk.error.response"))
		return
	case u.Status == store.RequestApplicantInformed && u.Method == "":
		l.message.SetText(l.t.get("desk.error.method"))
		return
	}
	tracking := l.selected
	l.screen.run(func(ctx context.Context) { _, _ = l.screen.desk.AdvanceRequest(ctx, tracking, u) })
}

// showOpen lists the open requests of the department chosen in the
// filter, oldest first.
func (l *requestList) showOpen(open []store.Request) {
	department := ""
	for _, d := range l.screen.desk.Config().Departments {
		if d.Name(l.t.lang) == l.filter.Selected {
			department = d.ID
		}
	}
	l.items = nil
	for _, r := range open {
		if department == "" || r.Department == department {
			l.items = append(l.items, r)
		}
	}
	l.list.Refresh()
}

// show draws the open requests and the outcome of a step.
func (l *requestList) show(s reception.DeskState) {
	if !l.searched {
		l.showOpen(s.Requests)
	}
	if s.Last.Action != reception.IntentAdvance {
		return
	}
	if s.Last.Err != nil {
		l.message.SetText(l.t.errorText(s.Last.Err))
		return
	}
	l.response.SetText("")
	l.department.ClearSelected()
	l.method.ClearSelected()
	if s.Last.Request.Tracking == l.selected {
		l.showDetail(s.Last.Request)
	}
	if l.searched {
		for i, r := range l.items {
			if r.Tracking == s.Last.Request.Tracking {
				l.items[i] = s.Last.Request
			}
		}
		l.list.Refresh()
	}
}
