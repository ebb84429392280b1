package ledgerdesk

import (
	"bytes"
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/devices/escpos"
	"frontdesk/devices/receipt"
	"frontdesk/store/ledger"
	"frontdesk/store/money"
)

// Staff members of the tests.
var (
	reception  = Staff{ID: "amal", Name: "Amal Al Mansoori", Role: "reception"}
	supervisor = Staff{ID: "badr", Name: "Badr Al Nuaimi", Role: "supervisor"}
	admin      = Staff{ID: "root", Name: "Rashid Al Ketbi", Role: "admin"}
)

// validEID and validIBAN pass their check digits.
const (
	validEID  = "784-1990-1234567-6"
	validIBAN = "AE07 0331 2345 6789 0123 456"
)

// fakePrinter is the far side of the serial line: it keeps every job and
// fails the prints it is told to.
type fakePrinter struct {
	mu   sync.Mutex
	jobs [][]byte
	errs []error // returned by the next prints in order; nil prints
}

func (p *fakePrinter) Print(_ context.Context, job []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.errs) > 0 {
		err := p.errs[0]
		p.errs = p.errs[1:]
		if err != nil {
			return err
		}
	}
	p.jobs = append(p.jobs, bytes.Clone(job))
	return nil
}

// failNext makes the next prints return errs in order; a nil error prints.
func (p *fakePrinter) failNext(errs ...error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.errs = append(p.errs, errs...)
}

func (p *fakePrinter) printed() [][]byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([][]byte(nil), p.jobs...)
}

// testClock is the ledger's and the flow's clock, at noon in Dubai on
// 4 December 2026 unless a test moves it.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Millisecond)
	return c.now
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

var (
	layoutOnce sync.Once
	testLayout *receipt.Layout
	layoutErr  error
)

// sharedLayout returns one real receipt layout for every test, because it
// loads the Arabic fonts.
func sharedLayout(t testing.TB) *receipt.Layout {
	t.Helper()
	layoutOnce.Do(func() { testLayout, layoutErr = receipt.NewLayout(escpos.DefaultProfile()) })
	if layoutErr != nil {
		t.Fatal(layoutErr)
	}
	return testLayout
}

type fixture struct {
	flow    *Flow
	ledger  *ledger.Ledger
	printer *fakePrinter
	clock   *testClock
}

// newFixture returns a flow over a ledger in a new bbolt file, with a
// fake printer. edit, if not nil, changes the flow's configuration.
func newFixture(t testing.TB, edit func(*Config)) *fixture {
	t.Helper()
	path := filepath.Join(t.TempDir(), "frontdesk.db")
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })

	clock := &testClock{now: time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)}
	l, err := ledger.New(db, ledger.Config{Terminal: "S1-D2", MaxAmount: 50_000_00, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		CentreAR:  "مركز خدمة المتعاملين",
		CentreEN:  "Customer Service Centre",
		MaxAmount: 50_000_00,
		Now:       clock.Now,
	}
	if edit != nil {
		edit(&cfg)
	}
	p := &fakePrinter{}
	flow, err := New(l, sharedLayout(t), p, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{flow: flow, ledger: l, printer: p, clock: clock}
}

// exchangeForm returns a valid exchange in cash of AED 1,250.50.
func (fx *fixture) exchangeForm() Form {
	form := fx.flow.NewForm(ledger.KindExchange, "A-007")
	form.Method = ledger.MethodCash
	form.Amount = "1,250.50"
	form.EmiratesID = validEID
	form.CaseNumber = "SA-2026-0917"
	form.Lang = "en"
	return form
}

// bankForm returns a valid bank transaction of AED 3,000.00.
func (fx *fixture) bankForm() Form {
	form := fx.flow.NewForm(ledger.KindBankTransaction, "A-008")
	form.Amount = "3000"
	form.EmiratesID = validEID
	form.CaseNumber = "SA-2026-1001"
	form.IBAN = validIBAN
	form.Bank = "Emirates NBD"
	form.BankReference = "FT26120400017"
	return form
}

// entries returns the ledger's entries of the test's business day.
func (fx *fixture) entries(t *testing.T) []ledger.Entry {
	t.Helper()
	list, err := fx.ledger.List(context.Background(), "2026-12-04")
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// aed returns an amount in fils for a whole number of dirhams and fils.
func aed(dirhams, fils int64) money.Fils { return money.Fils(dirhams*100 + fils) }
