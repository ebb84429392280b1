package ledgerui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	kioskui "frontdesk/kiosk/ui"
	"frontdesk/reception/ledgerdesk"
	"frontdesk/store/ledger"
)

// fieldRow is one text field of the form: its label, entry and the
// message under it.
type fieldRow struct {
	field   ledgerdesk.Field
	label   *kioskui.BidiLabel
	entry   *targetEntry
	problem *kioskui.BidiLabel
	box     *fyne.Container
	// bankOnly fields show for a bank transaction only.
	bankOnly bool
	// touched is set once the staff member typed in the field, and its
	// problem is shown from then on.
	touched bool
}

// formView is the form of a new entry with the keypad.
type formView struct {
	s       *Screen
	kind    ledger.Kind
	method  ledger.Method
	key     string // the form's idempotency key
	content fyne.CanvasObject

	kinds     map[ledger.Kind]*widget.Button
	methods   map[ledger.Method]*widget.Button
	methodRow *fyne.Container
	methodMsg *kioskui.BidiLabel
	rows      []*fieldRow
	byField   map[ledgerdesk.Field]*fieldRow
	target    *fieldRow // the field the keypad writes to
	preview   *kioskui.BidiLabel
	// showAll shows every field's problem, after Review was tapped.
	showAll bool
}

var (
	kindOrder   = []ledger.Kind{ledger.KindBankTransaction, ledger.KindExchange}
	methodOrder = []ledger.Method{ledger.MethodCash, ledger.MethodCheque, ledger.MethodCard}
)

func newFormView(s *Screen, form ledgerdesk.Form) *formView {
	t := s.t
	v := &formView{s: s, kind: form.Kind, method: form.Method, key: form.Key,
		kinds: map[ledger.Kind]*widget.Button{}, methods: map[ledger.Method]*widget.Button{},
		byField: map[ledgerdesk.Field]*fieldRow{}}

	var kindButtons, methodButtons []fyne.CanvasObject
	for _, k := range kindOrder {
		v.kinds[k] = widget.NewButton(t.get("ledger.kind."+string(k)), func() { v.setKind(k) })
		kindButtons = append(kindButtons, tall(v.kinds[k]))
	}
	for _, m := range methodOrder {
		v.methods[m] = widget.NewButton(t.get("ledger.method."+string(m)), func() { v.setMethod(m) })
		methodButtons = append(methodButtons, tall(v.methods[m]))
	}
	v.methodMsg = t.problemLabel()
	v.methodRow = container.NewVBox(kioskui.NewGrid(t.rtl(), len(methodButtons), methodButtons...), v.methodMsg)

	v.addRow(ledgerdesk.FieldAmount, "ledger.field.amount", form.Amount, false)
	v.preview = t.styled("", theme.SizeNameSubHeadingText, true)
	v.preview.ColorName = theme.ColorNamePrimary
	amount := v.byField[ledgerdesk.FieldAmount].box
	amount.Objects = append(amount.Objects[:1], v.preview, amount.Objects[1])
	v.addRow(ledgerdesk.FieldEmiratesID, "ledger.field.emirates_id", form.EmiratesID, false)
	v.addRow(ledgerdesk.FieldCaseNumber, "ledger.field.case", form.CaseNumber, false)
	v.addRow(ledgerdesk.FieldIBAN, "ledger.field.iban", form.IBAN, true)
	v.addRow(ledgerdesk.FieldBank, "ledger.field.bank", form.Bank, true)
	v.addRow(ledgerdesk.FieldBankReference, "ledger.field.bank_reference", form.BankReference, true)
	v.addRow(ledgerdesk.FieldReference, "ledger.field.reference", form.Reference, false)
	v.setTarget(v.rows[0])

	fields := container.NewVBox()
	for _, r := range v.rows {
		fields.Add(r.box)
	}
	review := widget.NewButtonWithIcon(t.get("ledger.review"), theme.ConfirmIcon(), v.doReview)
	review.Importance = widget.HighImportance
	clear := widget.NewButtonWithIcon(t.get("ledger.clear_form"), theme.ContentClearIcon(), v.clear)
	top := container.NewVBox(
		t.styled(t.get("ledger.form.title"), theme.SizeNameSubHeadingText, true),
		kioskui.NewGrid(t.rtl(), len(kindButtons), kindButtons...),
		v.methodRow,
	)
	bottom := kioskui.NewHBox(t.rtl(), tall(review), layout.NewSpacer(), tall(clear))
	keypad := container.NewVBox(newKeypad(t, v.typeKey, v.backspace, v.clearField, v.nextField))
	v.content = kioskui.NewBorder(t.rtl(), top, bottom, nil, keypad,
		container.NewVScroll(container.NewPadded(fields)))

	v.showChoices()
	v.validate()
	return v
}

// addRow adds a text field with the label of message id and text.
func (v *formView) addRow(field ledgerdesk.Field, id, text string, bankOnly bool) {
	t := v.s.t
	r := &fieldRow{field: field, label: t.label(t.get(id)), problem: t.problemLabel(), bankOnly: bankOnly}
	r.entry = newTargetEntry(func() { v.setTarget(r) })
	r.entry.SetText(text)
	r.touched = text != ""
	r.entry.OnChanged = func(string) {
		r.touched = true
		v.validate()
	}
	// The label sits beside its entry, so that the seven fields of a bank
	// transaction fit the screen without scrolling, which a touchscreen
	// cannot do by dragging.
	labelCell := container.NewStack(minWidth(labelWidth), r.label)
	r.box = container.NewVBox(kioskui.NewBorder(t.rtl(), nil, nil, labelCell, nil, r.entry), r.problem)
	v.rows = append(v.rows, r)
	v.byField[field] = r
}

// values returns the form as typed, with the ticket being served now.
func (v *formView) values() ledgerdesk.Form {
	text := func(f ledgerdesk.Field) string { return v.byField[f].entry.Text }
	return ledgerdesk.Form{
		Kind:          v.kind,
		Method:        v.method,
		Amount:        text(ledgerdesk.FieldAmount),
		EmiratesID:    text(ledgerdesk.FieldEmiratesID),
		CaseNumber:    text(ledgerdesk.FieldCaseNumber),
		IBAN:          text(ledgerdesk.FieldIBAN),
		Bank:          text(ledgerdesk.FieldBank),
		BankReference: text(ledgerdesk.FieldBankReference),
		Reference:     text(ledgerdesk.FieldReference),
		Ticket:        v.s.session.Ticket(),
		Key:           v.key,
		Lang:          v.s.t.lang,
	}
}

func (v *formView) setKind(k ledger.Kind) {
	v.kind = k
	v.showChoices()
	v.validate()
}

func (v *formView) setMethod(m ledger.Method) {
	v.method = m
	v.showChoices()
	v.validate()
}

// showChoices marks the chosen kind and method and shows the fields of
// the kind.
func (v *formView) showChoices() {
	for k, b := range v.kinds {
		b.Importance = widget.MediumImportance
		if k == v.kind {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
	for m, b := range v.methods {
		b.Importance = widget.MediumImportance
		if m == v.method {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
	bank := v.kind == ledger.KindBankTransaction
	v.methodRow.Hidden = bank
	for _, r := range v.rows {
		r.box.Hidden = r.bankOnly && !bank
	}
	ref := "ledger.field.reference"
	if !bank && v.method == ledger.MethodCheque {
		ref = "ledger.field.cheque_number"
	}
	v.byField[ledgerdesk.FieldReference].label.SetText(v.s.t.get(ref))
	if v.target.box.Hidden {
		v.setTarget(v.rows[0])
	}
	v.content.Refresh()
}

// validate checks the form and shows the amount as it will print and the
// problems of the fields already typed in.
func (v *formView) validate() {
	t := v.s.t
	form := v.values()
	draft := v.s.flow.Check(form)

	v.preview.SetText("")
	if draft.Problem(ledgerdesk.FieldAmount) == nil {
		v.preview.SetText(t.with("ledger.amount.preview", map[string]any{"Amount": t.amount(draft.Entry.Amount)}))
	}
	v.preview.Hidden = v.preview.Text == ""
	for _, r := range v.rows {
		msg := ""
		if p := draft.Problem(r.field); p != nil && (r.touched || v.showAll) {
			msg = wrap(t.fieldText(p, r.entry.Text))
		}
		r.problem.SetText(msg)
		r.problem.Hidden = msg == ""
	}
	msg := ""
	if p := draft.Problem(ledgerdesk.FieldMethod); p != nil && v.showAll {
		msg = t.fieldText(p, "")
	}
	v.methodMsg.SetText(msg)
}

// setTarget makes r the field the keypad writes to and marks its label.
func (v *formView) setTarget(r *fieldRow) {
	if v.target != nil {
		v.target.label.ColorName = ""
		v.target.label.TextStyle.Bold = false
		v.target.label.Refresh()
	}
	v.target = r
	r.label.ColorName = theme.ColorNamePrimary
	r.label.TextStyle.Bold = true
	r.label.Refresh()
	if r.field == ledgerdesk.FieldIBAN && r.entry.Text == "" {
		// Every UAE IBAN starts with AE, which the keypad has no key for.
		r.entry.SetText("AE")
		r.touched = false
		v.validate()
	}
}

func (v *formView) typeKey(k string) {
	e := v.target.entry
	e.SetText(e.Text + k)
	e.CursorColumn = len([]rune(e.Text))
	e.Refresh()
}

func (v *formView) backspace() {
	e := v.target.entry
	if runes := []rune(e.Text); len(runes) > 0 {
		e.SetText(string(runes[:len(runes)-1]))
	}
}

func (v *formView) clearField() { v.target.entry.SetText("") }

// nextField moves the keypad to the next shown field, back to the first
// after the last.
func (v *formView) nextField() {
	i := 0
	for i < len(v.rows) && v.rows[i] != v.target {
		i++
	}
	for range v.rows {
		i = (i + 1) % len(v.rows)
		if !v.rows[i].box.Hidden {
			v.setTarget(v.rows[i])
			return
		}
	}
}

// clear empties the form and gives it a new idempotency key, for the next
// payment.
func (v *formView) clear() {
	v.key = ledgerdesk.NewKey()
	v.showAll = false
	for _, r := range v.rows {
		r.entry.SetText("")
		r.touched = false
	}
	v.setTarget(v.rows[0])
	v.validate()
}

// unshownProblem returns the message of a problem that no field of the
// form shows, such as a ticket number with a control character, or the
// request to check the marked fields.
func (v *formView) unshownProblem(d ledgerdesk.Draft) string {
	for _, p := range d.Problems {
		if _, shown := v.byField[p.Field]; !shown && p.Field != ledgerdesk.FieldMethod {
			return v.s.t.fieldText(p, "")
		}
	}
	return v.s.t.get("ledger.error.invalid")
}

// doReview shows every problem, or moves to the confirmation.
func (v *formView) doReview() {
	draft := v.s.flow.Check(v.values())
	if draft.Err() != nil {
		v.showAll = true
		v.validate()
		v.s.setStatus(v.unshownProblem(draft), true)
		return
	}
	v.s.setStatus("", false)
	v.s.review.show(v.values(), draft)
	v.s.step = stepReview
	v.s.showEntryArea()
}

// labelWidth is the width of the labels beside the form's entries, room
// for the longest, "Bank reference", at the theme's text size.
const labelWidth = 230

// minWidth returns an invisible object that is w wide.
func minWidth(w float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, 0))
	return r
}
