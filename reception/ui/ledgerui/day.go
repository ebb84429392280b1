package ledgerui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	kioskui "frontdesk/kiosk/ui"
	"frontdesk/reception/ledgerdesk"
)

// dayView is today's list of entries with the actions on the selected
// entry and the supervisor's day close.
type dayView struct {
	s        *Screen
	today    ledgerdesk.DayList
	selected int // index in today.Lines, or -1
	content  fyne.CanvasObject

	title, totals *kioskui.BidiLabel
	empty         *kioskui.BidiLabel
	list          *widget.List
	detail        *kioskui.BidiLabel
	reprint       *widget.Button
	reprintCell   *fyne.Container
	reason        *widget.Entry
	reverse       *widget.Button
	reverseBox    *fyne.Container

	close            *widget.Button
	closeCell        *fyne.Container
	closeConfirm     *fyne.Container
	closeYes         *widget.Button
	reprintClose     *widget.Button
	reprintCloseCell *fyne.Container
}

func newDayView(s *Screen) *dayView {
	t := s.t
	d := &dayView{s: s, selected: -1,
		title:  t.styled("", theme.SizeNameSubHeadingText, true),
		totals: t.styled("", theme.SizeNameCaptionText, false),
		empty:  t.label(t.get("ledger.day.empty")),
		detail: t.styled(t.get("ledger.select"), theme.SizeNameCaptionText, false),
	}
	d.list = widget.NewList(
		func() int { return len(d.today.Lines) },
		func() fyne.CanvasObject {
			main := t.label("00:00 AED 1,250.50")
			main.TextStyle.Bold = true
			return container.NewVBox(main, t.styled("SA-2026-0917", theme.SizeNameCaptionText, false))
		},
		d.updateRow,
	)
	d.list.OnSelected = func(id widget.ListItemID) {
		d.selected = id
		d.showSelection()
	}

	d.reprint = widget.NewButtonWithIcon(t.get("ledger.reprint"), theme.DocumentPrintIcon(), d.doReprint)
	d.reason = widget.NewEntry()
	d.reason.SetPlaceHolder(t.get("ledger.reverse.reason"))
	d.reverse = widget.NewButtonWithIcon(t.get("ledger.reverse"), theme.ContentUndoIcon(), d.doReverse)
	d.reverse.Importance = widget.DangerImportance
	d.reverseBox = container.NewVBox(d.reason, tall(d.reverse))

	d.close = widget.NewButtonWithIcon(t.get("ledger.close"), theme.CancelIcon(), func() {
		d.closeConfirm.Show()
		d.showActions()
	})
	d.close.Importance = widget.WarningImportance
	d.closeConfirm = d.newCloseConfirm()
	d.reprintClose = widget.NewButtonWithIcon(t.get("ledger.close.reprint"), theme.DocumentPrintIcon(), d.doReprintClose)
	d.reprintCell, d.closeCell, d.reprintCloseCell = tall(d.reprint), tall(d.close), tall(d.reprintClose)

	actions := container.NewVBox(
		widget.NewSeparator(),
		d.detail,
		kioskui.NewHBox(t.rtl(), d.reprintCell),
		d.reverseBox,
		widget.NewSeparator(),
		d.closeCell, d.closeConfirm, d.reprintCloseCell,
	)
	top := container.NewVBox(d.title, d.totals, widget.NewSeparator())
	d.content = kioskui.NewBorder(t.rtl(), top, actions, nil, nil, container.NewStack(d.list, d.empty))
	d.showSelection()
	return d
}

func (d *dayView) newCloseConfirm() *fyne.Container {
	t := d.s.t
	text := t.styled("", theme.SizeNameCaptionText, true)
	yes := widget.NewButtonWithIcon(t.get("ledger.close.yes"), theme.ConfirmIcon(), d.doClose)
	yes.Importance = widget.DangerImportance
	d.closeYes = yes
	cancel := widget.NewButton(t.get("ledger.cancel"), func() {
		d.closeConfirm.Hide()
		d.showActions()
	})
	box := container.NewVBox(text, kioskui.NewHBox(t.rtl(), tall(yes), layout.NewSpacer(), tall(cancel)))
	box.Hide()
	return box
}

// show draws the day's list.
func (d *dayView) show(list ledgerdesk.DayList) {
	t := d.s.t
	var keep string
	if d.selected >= 0 && d.selected < len(d.today.Lines) {
		keep = d.today.Lines[d.selected].Entry.ID
	}
	d.today = list
	d.selected = -1
	d.list.UnselectAll()
	for i, l := range list.Lines {
		if l.Entry.ID == keep {
			d.selected = i
			d.list.Select(i)
		}
	}

	d.title.SetText(t.with("ledger.day.title", map[string]any{"Day": t.ltr(list.Day)}))
	d.totals.SetText(t.with("ledger.day.totals", map[string]any{
		"Count":     list.Totals.Entries + list.Totals.Reversals,
		"Reversals": list.Totals.Reversals,
		"Net":       t.amount(list.Totals.Net),
	}))
	d.empty.Hidden = len(list.Lines) > 0
	d.list.Refresh()
	text := d.closeConfirm.Objects[0].(*kioskui.BidiLabel)
	text.SetText(wrap(t.with("ledger.close.confirm", map[string]any{"Day": t.ltr(list.Day)})))
	d.showSelection()
}

// updateRow draws line i of the list: time, amount and kind, then the
// case, staff member and marks.
func (d *dayView) updateRow(i widget.ListItemID, obj fyne.CanvasObject) {
	if i >= len(d.today.Lines) {
		return
	}
	t := d.s.t
	line := d.today.Lines[i]
	e := line.Entry
	box := obj.(*fyne.Container)
	main, sub := box.Objects[0].(*kioskui.BidiLabel), box.Objects[1].(*kioskui.BidiLabel)

	kind := kindText(t, e)
	clock := e.Time.In(d.s.flow.Config().Location).Format("15:04")
	main.SetText(clock + "   " + t.amount(e.Amount) + "   " + kind)

	parts := []string{t.ltr(e.CaseNumber), d.s.flow.StaffName(e.Staff)}
	marks := d.marks(line)
	sub.ColorName = ""
	if len(marks) > 0 {
		sub.ColorName = theme.ColorNameError
	}
	sub.SetText(strings.Join(append(parts, marks...), " · "))
}

// marks returns the marks of a line: reversed, a reversal, not printed.
func (d *dayView) marks(line ledgerdesk.Line) []string {
	t := d.s.t
	var marks []string
	if line.ReversedBy != "" {
		marks = append(marks, t.with("ledger.mark.reversed", map[string]any{"ID": shortID(line.ReversedBy)}))
	}
	if line.Entry.IsReversal() {
		marks = append(marks, t.with("ledger.mark.reversal", map[string]any{"ID": shortID(line.Entry.Reverses)}))
	}
	if len(line.Unprinted) > 0 {
		marks = append(marks, t.get("ledger.mark.not_printed"))
	}
	return marks
}

// shortID returns the last six characters of an entry id, from its random
// part, which distinguishes the day's entries.
func shortID(id string) string {
	if len(id) <= 6 {
		return id
	}
	return id[len(id)-6:]
}

// selectedLine returns the selected line.
func (d *dayView) selectedLine() (ledgerdesk.Line, bool) {
	if d.selected < 0 || d.selected >= len(d.today.Lines) {
		return ledgerdesk.Line{}, false
	}
	return d.today.Lines[d.selected], true
}

// showSelection draws the selected entry's id and its actions.
func (d *dayView) showSelection() {
	t := d.s.t
	line, ok := d.selectedLine()
	if !ok {
		d.detail.SetText(t.get("ledger.select"))
	} else {
		e := line.Entry
		d.detail.SetText(t.get("ledger.field.case") + ": " + t.ltr(e.CaseNumber) + "\n" + e.ID)
	}
	d.showActions()
}

// showActions shows the actions the signed-in staff member may take.
func (d *dayView) showActions() {
	line, ok := d.selectedLine()
	supervisor := d.s.session.Staff().IsSupervisor()
	d.reprintCell.Hidden = !ok
	// A reversal is recorded today, so a closed day takes none either.
	d.reverseBox.Hidden = !ok || !supervisor || d.today.Closed || line.Entry.IsReversal() ||
		line.ReversedBy != ""
	confirming := d.closeConfirm.Visible()
	d.closeCell.Hidden = !supervisor || d.today.Closed || confirming
	d.closeConfirm.Hidden = !supervisor || d.today.Closed || !confirming
	d.reprintCloseCell.Hidden = !supervisor || !d.today.Closed
	d.content.Refresh()
}

// closedNotice is the entry area of a closed day: no form, and the reason.
func (d *dayView) closedNotice() fyne.CanvasObject {
	t := d.s.t
	c := d.today.Close
	text := t.with("ledger.day.closed", map[string]any{
		"Day":   t.ltr(c.Day),
		"Time":  c.ClosedAt.In(d.s.flow.Config().Location).Format("15:04"),
		"Staff": d.s.flow.StaffName(c.ClosedBy),
	}) + "\n" + t.get("ledger.day.closed.no_entries")
	notice := t.styled(wrap(text), theme.SizeNameSubHeadingText, true)
	notice.ColorName = theme.ColorNameError
	notice.Alignment = fyne.TextAlignCenter
	return container.NewCenter(notice)
}

func (d *dayView) doReprint() {
	line, ok := d.selectedLine()
	if !ok {
		return
	}
	d.s.reprint(line.Entry.ID, func(error) {})
}

func (d *dayView) doReverse() {
	s, t := d.s, d.s.t
	line, ok := d.selectedLine()
	if !ok || s.busy {
		return
	}
	s.busy = true
	d.reverse.Disable()
	staff, id, reason, lang := s.session.Staff(), line.Entry.ID, d.reason.Text, t.lang
	s.run(func(ctx context.Context) func() {
		rev, err := s.flow.Reverse(ctx, staff, id, reason, lang)
		return func() {
			s.busy = false
			d.reverse.Enable()
			data := map[string]any{"ID": id, "Reversal": rev.ID, "Reason": t.printerText(err)}
			switch {
			case err == nil:
				s.setStatus(t.with("ledger.reverse.done", data), false)
			case errors.Is(err, ledgerdesk.ErrNotPrinted):
				s.setStatus(t.with("ledger.reverse.done.not_printed", data), true)
			default:
				s.setStatus(t.errorText(err), true)
				return
			}
			d.reason.SetText("")
			s.loadDay()
		}
	})
}

func (d *dayView) doClose() {
	s, t := d.s, d.s.t
	if s.busy {
		return
	}
	s.busy = true
	staff, day, lang := s.session.Staff(), d.today.Day, t.lang
	s.run(func(ctx context.Context) func() {
		_, err := s.flow.CloseDay(ctx, staff, day, lang)
		return func() {
			s.busy = false
			d.closeConfirm.Hide()
			data := map[string]any{"Day": t.ltr(day), "Reason": t.printerText(err)}
			switch {
			case err == nil:
				s.setStatus(t.with("ledger.close.done", data), false)
			case errors.Is(err, ledgerdesk.ErrNotPrinted):
				s.setStatus(t.with("ledger.close.done.not_printed", data), true)
			default:
				s.setStatus(t.errorText(err), true)
			}
			s.loadDay()
		}
	})
}

func (d *dayView) doReprintClose() {
	s, t := d.s, d.s.t
	if s.busy {
		return
	}
	s.busy = true
	day, lang := d.today.Day, t.lang
	s.run(func(ctx context.Context) func() {
		err := s.flow.ReprintDayClose(ctx, day, lang)
		return func() {
			s.busy = false
			if err != nil {
				s.setStatus(t.errorText(err), true)
				return
			}
			s.setStatus(t.with("ledger.close.reprinted", map[string]any{"Day": t.ltr(day)}), false)
		}
	})
}
