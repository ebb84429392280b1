package ledgerdesk

import (
	"context"
	"errors"
	"testing"

	"frontdesk/store/ident"
	"frontdesk/store/ledger"
	"frontdesk/store/money"
)

func TestCheckRejects(t *testing.T) {
	tests := []struct {
		name    string
		bank    bool // start from the bank transaction instead of the exchange
		edit    func(*Form)
		field   Field
		wantErr error
	}{
		{"three decimals", false, func(f *Form) { f.Amount = "12.345" }, FieldAmount, money.ErrPrecision},
		{"zero amount", false, func(f *Form) { f.Amount = "0.00" }, FieldAmount, money.ErrZero},
		{"negative amount", false, func(f *Form) { f.Amount = "-5" }, FieldAmount, money.ErrNegative},
		{"over the maximum", false, func(f *Form) { f.Amount = "50,000.01" }, FieldAmount, money.ErrTooLarge},
		{"decimal comma", false, func(f *Form) { f.Amount = "18,99" }, FieldAmount, money.ErrGrouping},
		{"no amount", false, func(f *Form) { f.Amount = "" }, FieldAmount, money.ErrEmpty},
		{"letters in amount", false, func(f *Form) { f.Amount = "12a" }, FieldAmount, money.ErrSyntax},
		{"wrong check digit", false, func(f *Form) { f.EmiratesID = "784-1990-1234567-1" }, FieldEmiratesID, ident.ErrChecksum},
		{"14-digit id", false, func(f *Form) { f.EmiratesID = "78419901234567" }, FieldEmiratesID, ident.ErrLength},
		{"no case number", false, func(f *Form) { f.CaseNumber = " " }, FieldCaseNumber, ErrMissing},
		{"control in case number", false, func(f *Form) { f.CaseNumber = "SA\x1b2026" }, FieldCaseNumber, ErrInvalidText},
		{"no kind", false, func(f *Form) { f.Kind = "" }, FieldKind, ErrMissing},
		{"unknown kind", false, func(f *Form) { f.Kind = "refund" }, FieldKind, ErrInvalidChoice},
		{"exchange without method", false, func(f *Form) { f.Method = "" }, FieldMethod, ErrMissing},
		{"unknown method", false, func(f *Form) { f.Method = "gold" }, FieldMethod, ErrInvalidChoice},
		{"cheque without number", false, func(f *Form) { f.Method = ledger.MethodCheque }, FieldReference, ErrMissing},
		{"long reference", false, func(f *Form) { f.Reference = string(make([]byte, 201)) }, FieldReference, ErrInvalidText},
		{"no key", false, func(f *Form) { f.Key = "" }, FieldKey, ErrMissing},
		{"bank without IBAN", true, func(f *Form) { f.IBAN = "" }, FieldIBAN, ErrMissing},
		{"IBAN check digits", true, func(f *Form) { f.IBAN = "AE08 0331 2345 6789 0123 456" }, FieldIBAN, ident.ErrChecksum},
		{"foreign IBAN", true, func(f *Form) { f.IBAN = "GB82 WEST 1234 5698 7654 32" }, FieldIBAN, ident.ErrCountry},
		{"bank without reference", true, func(f *Form) { f.BankReference = "" }, FieldBankReference, ErrMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, nil)
			form := fx.exchangeForm()
			if tt.bank {
				form = fx.bankForm()
			}
			tt.edit(&form)

			d := fx.flow.Check(form)
			if len(d.Problems) != 1 {
				t.Errorf("Check found %d problems, want 1: %v", len(d.Problems), d.Err())
			}
			p := d.Problem(tt.field)
			if p == nil {
				t.Fatalf("no problem with the %s; problems: %v", tt.field, d.Err())
			}
			if !errors.Is(p, tt.wantErr) {
				t.Errorf("%s error = %v, want %v", tt.field, p, tt.wantErr)
			}

			_, err := fx.flow.Record(context.Background(), reception, form)
			if !errors.Is(err, ErrInvalidForm) || !errors.Is(err, tt.wantErr) {
				t.Errorf("Record error = %v, want ErrInvalidForm and %v", err, tt.wantErr)
			}
			var fe *FormError
			if !errors.As(err, &fe) || fe.Field(tt.field) == nil {
				t.Errorf("Record error %v does not name the %s", err, tt.field)
			}
			if n := len(fx.entries(t)); n != 0 {
				t.Errorf("ledger has %d entries, want 0", n)
			}
		})
	}
}

func TestCheckDropsFieldsOfOtherKind(t *testing.T) {
	fx := newFixture(t, nil)
	exchange := fx.exchangeForm()
	exchange.IBAN, exchange.BankReference = validIBAN, "FT1"
	bank := fx.bankForm()
	bank.Method = ledger.MethodCash

	tests := []struct {
		name string
		form Form
		want ledger.NewEntry // the fields checked
	}{
		{"exchange with IBAN", exchange, ledger.NewEntry{Method: ledger.MethodCash}},
		{"bank with method", bank, ledger.NewEntry{IBAN: "AE070331234567890123456", BankReference: "FT26120400017"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fx.flow.Check(tt.form)
			if err := d.Err(); err != nil {
				t.Fatal(err)
			}
			got := d.Entry
			if got.Method != tt.want.Method || got.IBAN != tt.want.IBAN || got.BankReference != tt.want.BankReference {
				t.Errorf("entry method %q, IBAN %q, bank reference %q; want %q, %q, %q",
					got.Method, got.IBAN, got.BankReference, tt.want.Method, tt.want.IBAN, tt.want.BankReference)
			}
		})
	}
}

func TestNewKeyUnique(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		k := NewKey()
		if seen[k] {
			t.Fatalf("NewKey returned %s twice", k)
		}
		if len(k) != len("form-")+26 {
			t.Fatalf("key %q has %d characters, want %d", k, len(k), len("form-")+26)
		}
		seen[k] = true
	}
}
