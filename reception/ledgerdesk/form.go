package ledgerdesk

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"frontdesk/store/ident"
	"frontdesk/store/ledger"
	"frontdesk/store/money"
)

// Form is an entry as the staff member fills it in, with the text as
// typed.
type Form struct {
	Kind   ledger.Kind
	Method ledger.Method // exchange only
	// Amount is the amount in dirhams as typed: 1250.5, 1,250.50 or
	// ١٬٢٥٠٫٥٠.
	Amount     string
	EmiratesID string
	CaseNumber string
	// IBAN, Bank and BankReference belong to a bank transaction; an
	// exchange ignores them.
	IBAN          string
	Bank          string
	BankReference string
	// Reference is the desk's reference, the cheque number of an exchange
	// by cheque.
	Reference string
	Ticket    string // the queue ticket being served, if any
	// Key is the form's idempotency key, made once by NewForm and sent
	// unchanged with every retry.
	Key string
	// Lang is the language printed first on the receipts: "ar" or "en".
	// Empty means Arabic.
	Lang string
}

// Field names a field of a form, in the words of error messages.
type Field string

// Fields of a form.
const (
	FieldKind          Field = "kind"
	FieldMethod        Field = "method"
	FieldAmount        Field = "amount"
	FieldEmiratesID    Field = "emirates id"
	FieldCaseNumber    Field = "case number"
	FieldIBAN          Field = "iban"
	FieldBank          Field = "bank"
	FieldBankReference Field = "bank reference"
	FieldReference     Field = "reference"
	FieldTicket        Field = "ticket"
	FieldKey           Field = "idempotency key"
	FieldReason        Field = "reason"
)

// Sentinel errors of a field. A field's error wraps one of these or an
// error of package money or ident.
var (
	// ErrMissing means a required field is empty.
	ErrMissing = errors.New("missing value")
	// ErrInvalidText means a text field has a control character, invalid
	// UTF-8 or too many bytes.
	ErrInvalidText = errors.New("invalid text")
	// ErrInvalidChoice means the kind or method is not one of the choices.
	ErrInvalidChoice = errors.New("invalid choice")
)

// maxTextLength is the ledger's limit on a text field, in bytes.
const maxTextLength = 200

// FieldError is the problem with one field. Err wraps ErrMissing,
// ErrInvalidText, ErrInvalidChoice, or the error of money.ParseAEDMax,
// ident.ParseEmiratesID or ident.ParseIBAN with its sentinel, so a screen
// picks its text with errors.Is.
type FieldError struct {
	Field Field
	Err   error
}

func (e *FieldError) Error() string { return fmt.Sprintf("ledgerdesk: %s: %v", e.Field, e.Err) }

func (e *FieldError) Unwrap() error { return e.Err }

// FormError lists the invalid fields of a form, in the form's order. It
// matches ErrInvalidForm and every field's error.
type FormError struct {
	Problems []*FieldError
}

func (e *FormError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = fmt.Sprintf("%s: %v", p.Field, p.Err)
	}
	return "ledgerdesk: " + ErrInvalidForm.Error() + ": " + strings.Join(msgs, "; ")
}

// Is makes errors.Is(err, ErrInvalidForm) true.
func (e *FormError) Is(target error) bool { return target == ErrInvalidForm }

// Unwrap returns the field errors.
func (e *FormError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// Field returns the error of field f, or nil.
func (e *FormError) Field(f Field) *FieldError {
	for _, p := range e.Problems {
		if p.Field == f {
			return p
		}
	}
	return nil
}

// Draft is a checked form: the entry as it will be recorded, and what is
// wrong with the form, if anything.
type Draft struct {
	// Entry holds the normalised values of the valid fields: the amount in
	// fils, the Emirates ID as 15 digits, the IBAN without spaces. Staff
	// is left for Record to fill in.
	Entry    ledger.NewEntry
	Problems []*FieldError
}

// Err returns a *FormError listing the problems, or nil for a valid form.
func (d Draft) Err() error {
	if len(d.Problems) == 0 {
		return nil
	}
	return &FormError{Problems: d.Problems}
}

// Problem returns the error of field f, or nil.
func (d Draft) Problem(f Field) *FieldError {
	for _, p := range d.Problems {
		if p.Field == f {
			return p
		}
	}
	return nil
}

// Check validates every field of form, without recording anything, so a
// screen can show each problem beside its field as the staff member types.
// Fields that the form's kind does not use are left out of the entry: the
// method of a bank transaction, and the IBAN, bank and bank reference of
// an exchange.
func (f *Flow) Check(form Form) Draft {
	var d Draft
	problem := func(field Field, err error) {
		d.Problems = append(d.Problems, &FieldError{Field: field, Err: err})
	}
	d.Entry = ledger.NewEntry{
		Kind:           form.Kind,
		CaseNumber:     strings.TrimSpace(form.CaseNumber),
		Reference:      strings.TrimSpace(form.Reference),
		Ticket:         strings.TrimSpace(form.Ticket),
		IdempotencyKey: strings.TrimSpace(form.Key),
	}

	switch form.Kind {
	case ledger.KindBankTransaction:
	case ledger.KindExchange:
		switch form.Method {
		case ledger.MethodCash, ledger.MethodCheque, ledger.MethodCard:
			d.Entry.Method = form.Method
		case "":
			problem(FieldMethod, fmt.Errorf("%w: choose cash, cheque or card", ErrMissing))
		default:
			problem(FieldMethod, fmt.Errorf("%w: method %q, choose cash, cheque or card",
				ErrInvalidChoice, form.Method))
		}
	case "":
		problem(FieldKind, fmt.Errorf("%w: choose bank transaction or exchange", ErrMissing))
	default:
		problem(FieldKind, fmt.Errorf("%w: kind %q, choose bank transaction or exchange",
			ErrInvalidChoice, form.Kind))
	}

	if amount, err := money.ParseAEDMax(form.Amount, f.cfg.MaxAmount); err != nil {
		problem(FieldAmount, err)
	} else {
		d.Entry.Amount = amount
	}
	if eid, err := ident.ParseEmiratesID(form.EmiratesID); err != nil {
		problem(FieldEmiratesID, err)
	} else {
		d.Entry.EmiratesID = eid
	}
	f.checkRequired(&d, FieldCaseNumber, d.Entry.CaseNumber, "enter the beneficiary's case number")

	if form.Kind == ledger.KindBankTransaction {
		f.checkBank(&d, form)
	}
	if form.Kind == ledger.KindExchange && form.Method == ledger.MethodCheque {
		f.checkRequired(&d, FieldReference, d.Entry.Reference, "enter the cheque number as the reference")
	} else if err := checkText(d.Entry.Reference); err != nil {
		problem(FieldReference, err)
	}
	if err := checkText(d.Entry.Ticket); err != nil {
		problem(FieldTicket, err)
	}
	f.checkRequired(&d, FieldKey, d.Entry.IdempotencyKey, "open the form with NewForm")
	return d
}

// checkBank checks the fields of a bank transaction.
func (f *Flow) checkBank(d *Draft, form Form) {
	if strings.TrimSpace(form.IBAN) == "" {
		d.Problems = append(d.Problems, &FieldError{Field: FieldIBAN,
			Err: fmt.Errorf("%w: enter the beneficiary's IBAN, as AE07 0331 2345 6789 0123 456", ErrMissing)})
	} else if iban, err := ident.ParseIBAN(form.IBAN); err != nil {
		d.Problems = append(d.Problems, &FieldError{Field: FieldIBAN, Err: err})
	} else {
		d.Entry.IBAN = iban
	}

	d.Entry.Bank = strings.TrimSpace(form.Bank)
	if err := checkText(d.Entry.Bank); err != nil {
		d.Problems = append(d.Problems, &FieldError{Field: FieldBank, Err: err})
	}
	d.Entry.BankReference = strings.TrimSpace(form.BankReference)
	f.checkRequired(d, FieldBankReference, d.Entry.BankReference, "enter the bank's reference of the transfer")
}

// checkRequired adds a problem when value is empty or not valid text.
func (f *Flow) checkRequired(d *Draft, field Field, value, fix string) {
	err := checkText(value)
	if value == "" {
		err = fmt.Errorf("%w: %s", ErrMissing, fix)
	}
	if err != nil {
		d.Problems = append(d.Problems, &FieldError{Field: field, Err: err})
	}
}

// checkText rejects what the ledger would reject in a text field, so the
// screen shows the problem beside the field: invalid UTF-8, control
// characters and more than maxTextLength bytes.
func checkText(s string) error {
	switch {
	case len(s) > maxTextLength:
		return fmt.Errorf("%w: %d bytes long, shorten it to %d", ErrInvalidText, len(s), maxTextLength)
	case !utf8.ValidString(s):
		return fmt.Errorf("%w: %q is not valid UTF-8, type it again", ErrInvalidText, s)
	case strings.ContainsFunc(s, unicode.IsControl):
		return fmt.Errorf("%w: %q contains a control character, type it again", ErrInvalidText, s)
	}
	return nil
}
