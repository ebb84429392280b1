package ledgerui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	kioskui "frontdesk/kiosk/ui"
	"frontdesk/reception/ledgerdesk"
	"frontdesk/store/ident"
	"frontdesk/store/ledger"
)

// reviewView shows the entry to confirm before money is recorded.
type reviewView struct {
	s       *Screen
	form    ledgerdesk.Form // the form as it was when Review was tapped
	content fyne.CanvasObject
	amount  *kioskui.BidiLabel
	details *kioskui.BidiLabel
	confirm *widget.Button
}

func newReviewView(s *Screen) *reviewView {
	t := s.t
	v := &reviewView{s: s,
		amount:  t.styled("", theme.SizeNameHeadingText, true),
		details: t.styled("", theme.SizeNameSubHeadingText, false),
	}
	v.amount.ColorName = theme.ColorNamePrimary
	v.confirm = widget.NewButtonWithIcon(t.get("ledger.confirm.record"), theme.DocumentPrintIcon(), v.doConfirm)
	v.confirm.Importance = widget.HighImportance
	back := widget.NewButtonWithIcon(t.get("ledger.confirm.back"), theme.NavigateBackIcon(), v.doBack)
	if t.rtl() {
		back.SetIcon(theme.NavigateNextIcon())
	}
	v.content = container.NewVBox(
		t.styled(t.get("ledger.confirm.title"), theme.SizeNameSubHeadingText, true),
		widget.NewSeparator(),
		v.amount,
		v.details,
		layout.NewSpacer(),
		kioskui.NewHBox(t.rtl(), tall(v.confirm), layout.NewSpacer(), tall(back)),
	)
	return v
}

// show fills the view with the checked form. It shows the Emirates ID and
// IBAN in full to the staff member who typed them, while receipts mask
// them.
func (v *reviewView) show(form ledgerdesk.Form, draft ledgerdesk.Draft) {
	t := v.s.t
	v.form = form
	e := draft.Entry
	v.amount.SetText(t.amount(e.Amount))

	line := func(id, value string) string {
		if value == "" {
			return ""
		}
		return t.get(id) + ": " + value + "\n"
	}
	kind := kindText(t, ledger.Entry{Kind: e.Kind, Method: e.Method})
	reference := "ledger.field.reference"
	if e.Method == ledger.MethodCheque {
		reference = "ledger.field.cheque_number"
	}
	text := line("ledger.field.kind", kind) +
		line("ledger.field.case", t.ltr(e.CaseNumber)) +
		line("ledger.field.emirates_id", t.ltr(ident.FormatEmiratesID(e.EmiratesID)))
	if e.IBAN != "" {
		text += line("ledger.field.iban", t.ltr(ident.FormatIBAN(e.IBAN)))
	}
	text += line("ledger.field.bank", e.Bank) +
		line("ledger.field.bank_reference", t.ltr(e.BankReference)) +
		line(reference, t.ltr(e.Reference)) +
		line("ledger.field.ticket", t.ltr(e.Ticket))
	v.details.SetText(text[:len(text)-1])
	v.confirm.Enable()
}

func (v *reviewView) doBack() {
	v.s.step = stepForm
	v.s.showEntryArea()
}

// doConfirm records the entry once: the button is disabled until the
// flow returns, and the form's idempotency key makes a second call that
// slips through record nothing.
func (v *reviewView) doConfirm() {
	s := v.s
	if s.busy {
		return
	}
	s.busy = true
	v.confirm.Disable()
	s.setStatus(s.t.get("ledger.recording"), false)

	form, staff := v.form, s.session.Staff()
	s.run(func(ctx context.Context) func() {
		rec, err := s.flow.Record(ctx, staff, form)
		return func() {
			s.busy = false
			v.confirm.Enable()
			s.recorded(rec, err)
		}
	})
}

// recorded shows the outcome of Record.
func (s *Screen) recorded(rec ledgerdesk.Recorded, err error) {
	t := s.t
	switch {
	case err == nil && rec.Created:
		s.result.show(t.with("ledger.recorded", map[string]any{"ID": rec.Entry.ID}), "", false)
	case err == nil:
		// The first attempt may have failed to print, so its reprint is
		// offered again.
		reprint := ""
		if len(s.flow.Unprinted(rec.Entry.ID)) > 0 {
			reprint = rec.Entry.ID
		}
		s.result.show(t.with("ledger.recorded.duplicate", map[string]any{"ID": rec.Entry.ID}), reprint, false)
	case errors.Is(err, ledgerdesk.ErrNotPrinted):
		s.result.show(t.with("ledger.recorded.not_printed", map[string]any{
			"ID": rec.Entry.ID, "Reason": t.printerText(err)}), rec.Entry.ID, true)
	case errors.Is(err, ledger.ErrKeyConflict):
		// The key belongs to a recorded payment, so the form needs a new
		// one before anything else can be recorded with it.
		s.form.key = ledgerdesk.NewKey()
		s.step = stepForm
		s.setStatus(t.errorText(err), true)
		s.showEntryArea()
		return
	default:
		// Nothing was recorded: the form keeps its key, so confirming
		// again is a retry of the same payment.
		s.setStatus(t.errorText(err), true)
		s.loadDay()
		return
	}
	s.result.summary.SetText(t.amount(rec.Entry.Amount) + "   " + kindText(t, rec.Entry))
	s.setStatus("", false)
	s.form.clear()
	s.step = stepResult
	s.showEntryArea()
	s.loadDay()
}

// resultView shows the outcome of recording, with a reprint when the
// receipt did not print.
type resultView struct {
	s         *Screen
	content   fyne.CanvasObject
	summary   *kioskui.BidiLabel // the amount and kind of the entry
	message   *kioskui.BidiLabel
	reprint   *widget.Button
	reprintID string
}

func newResultView(s *Screen) *resultView {
	t := s.t
	v := &resultView{s: s,
		summary: t.styled("", theme.SizeNameHeadingText, true),
		message: t.styled("", theme.SizeNameSubHeadingText, true),
	}
	v.summary.ColorName = theme.ColorNamePrimary
	v.reprint = widget.NewButtonWithIcon(t.get("ledger.reprint"), theme.DocumentPrintIcon(), v.doReprint)
	next := widget.NewButtonWithIcon(t.get("ledger.new_entry"), theme.ContentAddIcon(), func() {
		s.step = stepForm
		s.setStatus("", false)
		s.showEntryArea()
	})
	next.Importance = widget.HighImportance
	v.content = container.NewVBox(
		v.summary,
		v.message,
		layout.NewSpacer(),
		kioskui.NewHBox(t.rtl(), tall(next), layout.NewSpacer(), tall(v.reprint)),
	)
	return v
}

// show draws msg; a non-empty reprintID offers the reprint of that entry.
func (v *resultView) show(msg, reprintID string, bad bool) {
	v.message.ColorName = ""
	if bad {
		v.message.ColorName = theme.ColorNameError
	}
	v.message.SetText(wrap(msg))
	v.reprintID = reprintID
	v.reprint.Hidden = reprintID == ""
	v.content.Refresh()
}

func (v *resultView) doReprint() {
	v.s.reprint(v.reprintID, func(err error) {
		if err == nil {
			v.show(v.s.t.with("ledger.reprinted", map[string]any{"ID": v.reprintID}), "", false)
		}
	})
}

// reprint prints an entry's receipt again and reports the outcome in the
// status bar, then calls done with the error.
func (s *Screen) reprint(id string, done func(error)) {
	if s.busy {
		return
	}
	s.busy = true
	lang := s.t.lang
	s.run(func(ctx context.Context) func() {
		_, err := s.flow.Reprint(ctx, id, lang)
		return func() {
			s.busy = false
			if err != nil {
				s.setStatus(s.t.errorText(err), true)
			} else {
				s.setStatus(s.t.with("ledger.reprinted", map[string]any{"ID": id}), false)
			}
			done(err)
			s.loadDay()
		}
	})
}

// kindText returns the kind of an entry and, for an exchange, its method.
func kindText(t texts, e ledger.Entry) string {
	kind := t.get("ledger.kind." + string(e.Kind))
	if e.Method != "" {
		kind += " - " + t.get("ledger.method."+string(e.Method))
	}
	return kind
}
