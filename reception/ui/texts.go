// Package ui draws the reception desk's and the hall display's Fyne
// screens. It holds no rules: the screens draw the state of the presenters
// in package reception (Desk and Board) and forward taps to their intent
// methods. Each screen moves the presenter's callbacks onto Fyne's UI
// goroutine with fyne.Do in one place, its update method.
//
// The desk is drawn in Arabic or English, mirrored for Arabic: reading
// starts on the right, so the ticket panel is on the right and the open
// requests on the left. The hall display shows both languages at once.
package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"frontdesk/assets/i18n"
	"frontdesk/devices/printer"
	kioskui "frontdesk/kiosk/ui"
	"frontdesk/reception"
	"frontdesk/store"
	"frontdesk/store/ident"
)

// texts returns the messages of one language.
type texts struct {
	loc  *i18n.Localizer
	lang string
}

func newTexts(cat *i18n.Catalog, lang string) (texts, error) {
	loc, err := cat.Localizer(lang)
	if err != nil {
		return texts{}, fmt.Errorf("ui: %w", err)
	}
	return texts{loc: loc, lang: lang}, nil
}

func (t texts) rtl() bool { return t.lang == i18n.Arabic }

func (t texts) get(id string) string { return t.loc.Text(id, nil) }

func (t texts) with(id string, data map[string]any) string { return t.loc.Text(id, data) }

// label returns a label that draws mixed Arabic and Latin text in the
// language's reading order, aligned to where reading starts.
func (t texts) label(s string) *kioskui.BidiLabel {
	return kioskui.NewBidiLabel(s, t.rtl())
}

// heading returns a bold label of the theme's subheading size.
func (t texts) heading(s string) *kioskui.BidiLabel {
	l := t.label(s)
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// errorText turns a flow's error into a sentence for the staff member.
func (t texts) errorText(err error) string {
	var fe *reception.FieldError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &fe):
		return t.fieldErrorText(fe)
	case errors.Is(err, store.ErrWrongPIN):
		return t.get("desk.signin.wrong")
	case errors.Is(err, store.ErrLockedOut):
		return t.get("desk.signin.locked")
	case errors.Is(err, store.ErrStaffInactive):
		return t.get("desk.signin.inactive")
	case errors.Is(err, store.ErrQueueEmpty):
		return t.get("desk.error.queue_empty")
	case errors.Is(err, store.ErrCounterBusy):
		return t.get("desk.error.counter_busy")
	case errors.Is(err, store.ErrWrongCounter):
		return t.get("desk.error.wrong_counter")
	case errors.Is(err, reception.ErrNoCurrentTicket):
		return t.get("desk.error.no_ticket")
	case errors.Is(err, store.ErrInvalidTransition):
		return t.get("desk.error.transition")
	case errors.Is(err, store.ErrNotFound):
		return t.get("desk.error.not_found")
	case errors.Is(err, reception.ErrNoPrinter):
		return t.get("desk.error.no_printer")
	case errors.Is(err, reception.ErrPrintFailed), errors.Is(err, printer.ErrOffline),
		errors.Is(err, printer.ErrPaperOut), errors.Is(err, printer.ErrCoverOpen):
		return t.get("desk.error.printer")
	}
	return t.with("desk.error.other", map[string]any{"Error": oneLine(err.Error())})
}

func (t texts) fieldErrorText(fe *reception.FieldError) string {
	switch fe.Field {
	case reception.FieldType:
		return t.get("desk.error.type")
	case reception.FieldDepartment:
		return t.get("desk.error.department")
	case reception.FieldDescription:
		if strings.TrimSpace(fe.Value) == "" {
			return t.get("desk.error.description")
		}
		return t.get("desk.error.text")
	case reception.FieldName:
		return t.get("desk.error.text")
	case reception.FieldEmiratesID:
		switch {
		case errors.Is(fe, ident.ErrChecksum):
			return t.get("desk.error.id.checksum")
		case errors.Is(fe, ident.ErrPrefix):
			return t.get("desk.error.id.prefix")
		case errors.Is(fe, ident.ErrCharacter):
			return t.get("desk.error.digits")
		}
		return t.get("desk.error.id.length")
	case reception.FieldMobile:
		switch {
		case errors.Is(fe, ident.ErrLandline):
			return t.get("desk.error.mobile.landline")
		case errors.Is(fe, ident.ErrPrefix):
			return t.get("desk.error.mobile.prefix")
		case errors.Is(fe, ident.ErrCountry):
			return t.get("desk.error.mobile.country")
		case errors.Is(fe, ident.ErrCharacter):
			return t.get("desk.error.digits")
		}
		return t.get("desk.error.mobile.length")
	}
	return t.with("desk.error.other", map[string]any{"Error": oneLine(fe.Error())})
}

// outcomeText is the status line after an action that worked.
func (t texts) outcomeText(o reception.Outcome) string {
	switch o.Action {
	case reception.IntentNone, reception.IntentSignIn, reception.IntentSignOut, reception.IntentRefresh:
		return ""
	case reception.IntentIdle:
		return t.get("desk.signin.idle")
	}
	return t.with("desk.done."+string(o.Action), map[string]any{
		"Number": o.Ticket.Number, "Tracking": o.Request.Tracking,
	})
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
