package ledgerui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"frontdesk/assets/i18n"
	"frontdesk/devices/printer"
	kioskui "frontdesk/kiosk/ui"
	"frontdesk/reception/ledgerdesk"
	"frontdesk/store/ident"
	"frontdesk/store/ledger"
	"frontdesk/store/money"
)

// texts returns the messages of one language.
type texts struct {
	loc  *i18n.Localizer
	lang string
	// maxAmount is the largest amount of one entry, for its message.
	maxAmount money.Fils
}

func newTexts(cat *i18n.Catalog, lang string, maxAmount money.Fils) (texts, error) {
	loc, err := cat.Localizer(lang)
	if err != nil {
		return texts{}, fmt.Errorf("ledgerui: %w", err)
	}
	return texts{loc: loc, lang: lang, maxAmount: maxAmount}, nil
}

func (t texts) rtl() bool { return t.lang == i18n.Arabic }

func (t texts) get(id string) string { return t.loc.Text(id, nil) }

func (t texts) with(id string, data map[string]any) string { return t.loc.Text(id, data) }

// amount returns an amount as the receipt prints it in the language:
// AED 1,250.50 in English, 1,250.50 د.إ in Arabic.
func (t texts) amount(f money.Fils) string {
	if t.rtl() {
		return f.FormatArabic()
	}
	return f.String()
}

// ltr returns a value written left to right, such as a business day,
// an Emirates ID or a reference, for a line in the language. In Arabic it
// starts with U+200E LEFT-TO-RIGHT MARK, because the bidi ordering of
// golang.org/x/text v0.44.0 otherwise splits 2026-12-04 at its dashes in
// a right-to-left line and shows 04-12-2026.
func (t texts) ltr(value string) string {
	if t.rtl() && value != "" {
		return "\u200e" + value
	}
	return value
}

// label returns a label in the language's reading order.
func (t texts) label(s string) *kioskui.BidiLabel {
	return kioskui.NewBidiLabel(s, t.rtl())
}

// styled returns a label of a theme text size, bold or not.
func (t texts) styled(s string, size fyne.ThemeSizeName, bold bool) *kioskui.BidiLabel {
	l := t.label(s)
	l.SizeName = size
	l.TextStyle.Bold = bold
	return l
}

// problemLabel returns a label for a field's error message, in the
// theme's error colour.
func (t texts) problemLabel() *kioskui.BidiLabel {
	l := t.styled("", theme.SizeNameCaptionText, false)
	l.ColorName = theme.ColorNameError
	return l
}

// wrapColumns is the number of characters after which wrap breaks a
// message. BidiLabel does not wrap, and the form's column is about 50
// characters of caption text wide at 1920 pixels.
const wrapColumns = 48

// wrap breaks s into lines of at most wrapColumns characters at spaces.
func wrap(s string) string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			if line != "" && len([]rune(line))+1+len([]rune(word)) > wrapColumns {
				lines = append(lines, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += word
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// printerText returns the sentence for why a receipt did not print.
func (t texts) printerText(err error) string {
	switch {
	case errors.Is(err, ledgerdesk.ErrNoPrinter):
		return t.get("ledger.printer.none")
	case errors.Is(err, printer.ErrPaperOut):
		return t.get("ledger.printer.paper_out")
	case errors.Is(err, printer.ErrCoverOpen):
		return t.get("ledger.printer.cover_open")
	case errors.Is(err, printer.ErrOffline):
		return t.get("ledger.printer.offline")
	}
	return t.get("ledger.printer.failed")
}

// errorText turns an error of the flow into a sentence for the staff
// member.
func (t texts) errorText(err error) string {
	var fe *ledgerdesk.FieldError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ledgerdesk.ErrInvalidForm) && !errors.As(err, &fe):
		return t.get("ledger.error.invalid")
	case errors.Is(err, ledgerdesk.ErrInvalidForm):
		if fe.Field == ledgerdesk.FieldReason {
			return t.fieldText(fe, "")
		}
		return t.get("ledger.error.invalid")
	case errors.Is(err, ledgerdesk.ErrNotSignedIn):
		return t.get("ledger.error.not_signed_in")
	case errors.Is(err, ledger.ErrDayClosed):
		return t.get("ledger.error.day_closed")
	case errors.Is(err, ledger.ErrNotSupervisor):
		return t.get("ledger.error.not_supervisor")
	case errors.Is(err, ledger.ErrAlreadyReversed):
		return t.get("ledger.error.already_reversed")
	case errors.Is(err, ledger.ErrNotReversible):
		return t.get("ledger.error.not_reversible")
	case errors.Is(err, ledger.ErrKeyConflict):
		return t.get("ledger.error.key_conflict")
	case errors.Is(err, ledgerdesk.ErrNotPrinted):
		return t.printerText(err)
	}
	return t.with("ledger.error.other", map[string]any{"Error": strings.Join(strings.Fields(err.Error()), " ")})
}

// fieldText returns the sentence shown under a field for its error.
// typed is the field's text, which the message may quote.
func (t texts) fieldText(fe *ledgerdesk.FieldError, typed string) string {
	switch fe.Field {
	case ledgerdesk.FieldAmount:
		return t.amountText(fe, typed)
	case ledgerdesk.FieldEmiratesID:
		return t.emiratesIDText(fe)
	case ledgerdesk.FieldIBAN:
		return t.ibanText(fe)
	}
	if errors.Is(fe, ledgerdesk.ErrInvalidText) {
		return t.get("ledger.error.text")
	}
	switch fe.Field {
	case ledgerdesk.FieldKind:
		return t.get("ledger.error.kind.missing")
	case ledgerdesk.FieldMethod:
		return t.get("ledger.error.method.missing")
	case ledgerdesk.FieldCaseNumber:
		return t.get("ledger.error.case.missing")
	case ledgerdesk.FieldReference:
		return t.get("ledger.error.cheque.missing")
	case ledgerdesk.FieldBankReference:
		return t.get("ledger.error.bank_reference.missing")
	case ledgerdesk.FieldReason:
		return t.get("ledger.error.reason.missing")
	}
	return t.get("ledger.error.missing")
}

func (t texts) amountText(fe *ledgerdesk.FieldError, typed string) string {
	switch {
	case errors.Is(fe, money.ErrEmpty):
		return t.get("ledger.error.amount.empty")
	case errors.Is(fe, money.ErrGrouping):
		return t.get("ledger.error.amount.grouping")
	case errors.Is(fe, money.ErrPrecision):
		return t.with("ledger.error.amount.precision", map[string]any{"Value": strings.TrimSpace(typed)})
	case errors.Is(fe, money.ErrZero):
		return t.get("ledger.error.amount.zero")
	case errors.Is(fe, money.ErrNegative):
		return t.get("ledger.error.amount.negative")
	case errors.Is(fe, money.ErrTooLarge):
		return t.with("ledger.error.amount.too_large", map[string]any{"Max": t.amount(t.maxAmount)})
	}
	return t.get("ledger.error.amount.syntax")
}

func (t texts) emiratesIDText(fe *ledgerdesk.FieldError) string {
	switch {
	case errors.Is(fe, ident.ErrEmpty):
		return t.get("ledger.error.id.missing")
	case errors.Is(fe, ident.ErrChecksum):
		return t.get("ledger.error.id.checksum")
	case errors.Is(fe, ident.ErrPrefix):
		return t.get("ledger.error.id.prefix")
	case errors.Is(fe, ident.ErrCharacter):
		return t.get("ledger.error.digits")
	}
	return t.get("ledger.error.id.length")
}

func (t texts) ibanText(fe *ledgerdesk.FieldError) string {
	switch {
	case errors.Is(fe, ledgerdesk.ErrMissing), errors.Is(fe, ident.ErrEmpty):
		return t.get("ledger.error.iban.missing")
	case errors.Is(fe, ident.ErrChecksum):
		return t.get("ledger.error.iban.checksum")
	case errors.Is(fe, ident.ErrCountry), errors.Is(fe, ident.ErrPrefix):
		return t.get("ledger.error.iban.country")
	case errors.Is(fe, ident.ErrCharacter):
		return t.get("ledger.error.iban.character")
	}
	return t.get("ledger.error.iban.length")
}
