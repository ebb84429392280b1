package ledger

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"frontdesk/store/ident"
	"frontdesk/store/money"
)

// Kind is the kind of a ledger entry.
type Kind string

// Entry kinds.
const (
	// KindBankTransaction is a social assistance bank transfer or payment
	// cleared for a beneficiary. It carries the IBAN, bank and bank reference.
	KindBankTransaction Kind = "bank-transaction"
	// KindExchange is a disbursement handed over at the desk or in the
	// vehicle. It carries the method.
	KindExchange Kind = "exchange"
)

// Method is the payment method of an exchange.
type Method string

// Exchange methods.
const (
	MethodCash   Method = "cash"
	MethodCheque Method = "cheque"
	MethodCard   Method = "card"
)

// RoleSupervisor is the staff role that may reverse entries and close a day.
const RoleSupervisor = "supervisor"

// maxFieldLength bounds every free-text field in bytes, so that a receipt
// line and a CSV cell stay readable and an entry stays small.
const maxFieldLength = 200

// Sentinel errors. Methods wrap them with the values involved.
var (
	// ErrInvalidEntry means a field of an entry, reversal or close is
	// missing or invalid. It often wraps an ident or money error as well.
	ErrInvalidEntry = errors.New("invalid entry")
	// ErrInvalidDay means a business day is not YYYY-MM-DD or has not begun.
	ErrInvalidDay = errors.New("invalid business day")
	// ErrDayClosed means the business day was closed and takes no entries.
	ErrDayClosed = errors.New("business day is closed")
	// ErrNotFound means no entry has the given id.
	ErrNotFound = errors.New("entry not found")
	// ErrAlreadyReversed means the entry has a reversal already.
	ErrAlreadyReversed = errors.New("entry is already reversed")
	// ErrNotReversible means the entry is itself a reversal.
	ErrNotReversible = errors.New("entry cannot be reversed")
	// ErrNotSupervisor means the staff member's role is not supervisor.
	ErrNotSupervisor = errors.New("supervisor role required")
	// ErrKeyConflict means the idempotency key belongs to another payment.
	ErrKeyConflict = errors.New("idempotency key already used for a different entry")
	// ErrBrokenChain means a stored entry does not fit the hash chain.
	ErrBrokenChain = errors.New("hash chain is broken")
)

// NewEntry is the request to record an entry, as the desk fills it in.
// The ledger adds the id, sequence number, business day, time and hashes.
type NewEntry struct {
	Kind   Kind
	Method Method // exchange only: cash, cheque or card
	// CaseNumber is the beneficiary's social assistance case number.
	CaseNumber string
	// EmiratesID is the beneficiary's Emirates ID in any form that
	// ident.ParseEmiratesID accepts. It is stored as 15 digits.
	EmiratesID string
	// Amount is positive and at most Config.MaxAmount.
	Amount money.Fils
	// IBAN, Bank and BankReference describe a bank transaction. The IBAN is
	// required for one and rejected for an exchange.
	IBAN          string
	Bank          string
	BankReference string
	Reference     string
	Ticket        string // the queue ticket being served, if any
	Staff         string // id of the staff member who records the entry
	// Terminal is the id of the recording appliance. Empty means
	// Config.Terminal.
	Terminal string
	// IdempotencyKey names this request. Recording a second entry with the
	// same key returns the first one, so the caller must make a new key for
	// each payment and reuse it for every retry of that payment.
	IdempotencyKey string
}

// Entry is a recorded ledger entry.
type Entry struct {
	Seq            uint64     `json:"seq"`
	ID             string     `json:"id"`
	Kind           Kind       `json:"kind"`
	Method         Method     `json:"method,omitempty"`
	CaseNumber     string     `json:"case_number"`
	EmiratesID     string     `json:"emirates_id"`
	Amount         money.Fils `json:"amount_fils"`
	IBAN           string     `json:"iban,omitempty"`
	Bank           string     `json:"bank,omitempty"`
	BankReference  string     `json:"bank_reference,omitempty"`
	Reference      string     `json:"reference,omitempty"`
	Ticket         string     `json:"ticket,omitempty"`
	Staff          string     `json:"staff"`
	Terminal       string     `json:"terminal"`
	Day            string     `json:"day"`
	Time           time.Time  `json:"time"`
	IdempotencyKey string     `json:"idempotency_key"`
	// Reverses is the id of the entry that this reversal cancels. A
	// reversal has the kind and method of the original and its amount
	// negated.
	Reverses string `json:"reverses,omitempty"`
	Reason   string `json:"reason,omitempty"`
	// PrevHash and Hash are SHA-256 sums in lowercase hexadecimal.
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
}

// IsReversal reports whether e cancels another entry.
func (e Entry) IsReversal() bool { return e.Reverses != "" }

// reversalKeyPrefix starts the idempotency key of every reversal, which is
// the prefix followed by the id of the reversed entry. Callers may not use
// it in their own keys.
const reversalKeyPrefix = "reversal:"

// normalize checks n and returns it with the Emirates ID and IBAN in their
// stored forms and the text fields trimmed.
func (n NewEntry) normalize(maxAmount money.Fils) (NewEntry, error) {
	n.trimSpace()
	if err := n.checkKind(); err != nil {
		return n, err
	}

	eid, err := ident.ParseEmiratesID(n.EmiratesID)
	if err != nil {
		return n, fmt.Errorf("ledger: %w: %w", ErrInvalidEntry, err)
	}
	n.EmiratesID = eid
	if n.IBAN != "" {
		iban, err := ident.ParseIBAN(n.IBAN)
		if err != nil {
			return n, fmt.Errorf("ledger: %w: %w", ErrInvalidEntry, err)
		}
		n.IBAN = iban
	}

	if n.Amount <= 0 || n.Amount > maxAmount {
		return n, fmt.Errorf("ledger: %w: amount %s is outside AED 0.01 to %s",
			ErrInvalidEntry, n.Amount, maxAmount)
	}
	if strings.HasPrefix(n.IdempotencyKey, reversalKeyPrefix) {
		return n, fmt.Errorf("ledger: %w: idempotency key %q starts with %q, which reversals use",
			ErrInvalidEntry, n.IdempotencyKey, reversalKeyPrefix)
	}
	return n, n.checkText()
}

func (n *NewEntry) trimSpace() {
	for _, f := range []*string{&n.CaseNumber, &n.EmiratesID, &n.IBAN, &n.Bank, &n.BankReference,
		&n.Reference, &n.Ticket, &n.Staff, &n.Terminal, &n.IdempotencyKey} {
		*f = strings.TrimSpace(*f)
	}
	n.Kind = Kind(strings.TrimSpace(string(n.Kind)))
	n.Method = Method(strings.TrimSpace(string(n.Method)))
}

func (n NewEntry) checkKind() error {
	switch n.Kind {
	case KindBankTransaction:
		if n.Method != "" {
			return fmt.Errorf("ledger: %w: a bank transaction has no method, got %q", ErrInvalidEntry, n.Method)
		}
		if n.IBAN == "" {
			return fmt.Errorf("ledger: %w: a bank transaction needs the beneficiary's IBAN", ErrInvalidEntry)
		}
	case KindExchange:
		switch n.Method {
		case MethodCash, MethodCheque, MethodCard:
		default:
			return fmt.Errorf("ledger: %w: exchange method %q, want cash, cheque or card",
				ErrInvalidEntry, n.Method)
		}
		if n.IBAN != "" || n.Bank != "" || n.BankReference != "" {
			return fmt.Errorf("ledger: %w: an exchange has no IBAN, bank or bank reference; "+
				"record a bank transaction instead", ErrInvalidEntry)
		}
	default:
		return fmt.Errorf("ledger: %w: kind %q, want %s or %s",
			ErrInvalidEntry, n.Kind, KindBankTransaction, KindExchange)
	}
	return nil
}

// checkText checks the required fields and keeps control characters out
// of every field, because entries are printed on receipts and exported.
func (n NewEntry) checkText() error {
	required := []struct{ name, value string }{
		{"case number", n.CaseNumber},
		{"staff", n.Staff},
		{"terminal", n.Terminal},
		{"idempotency key", n.IdempotencyKey},
	}
	for _, f := range required {
		if f.value == "" {
			return fmt.Errorf("ledger: %w: %s is missing", ErrInvalidEntry, f.name)
		}
	}
	fields := append(required, []struct{ name, value string }{
		{"bank", n.Bank},
		{"bank reference", n.BankReference},
		{"reference", n.Reference},
		{"ticket", n.Ticket},
	}...)
	for _, f := range fields {
		if err := checkField(f.name, f.value); err != nil {
			return err
		}
	}
	return nil
}

// checkField rejects invalid UTF-8, control characters and over-long text.
func checkField(name, value string) error {
	if len(value) > maxFieldLength {
		return fmt.Errorf("ledger: %w: %s is %d bytes long, the maximum is %d",
			ErrInvalidEntry, name, len(value), maxFieldLength)
	}
	if !utf8.ValidString(value) {
		return fmt.Errorf("ledger: %w: %s %q is not valid UTF-8", ErrInvalidEntry, name, value)
	}
	if i := strings.IndexFunc(value, unicode.IsControl); i >= 0 {
		return fmt.Errorf("ledger: %w: %s %q contains a control character at byte %d",
			ErrInvalidEntry, name, value, i)
	}
	return nil
}

// sameRequest reports whether n, already normalised, requests the same
// payment as the recorded entry e.
func (n NewEntry) sameRequest(e Entry) bool {
	return n.Kind == e.Kind && n.Method == e.Method && n.CaseNumber == e.CaseNumber &&
		n.EmiratesID == e.EmiratesID && n.Amount == e.Amount && n.IBAN == e.IBAN
}
