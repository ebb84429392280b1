package ledger

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store/money"
)

// validEID is a valid Emirates ID number: its last digit is the Luhn check
// digit of the others.
const validEID = "784199012345676"

// validIBAN is a valid UAE IBAN.
const validIBAN = "AE070331234567890123456"

// fakeClock is a clock that tests set and advance.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock(t time.Time) *fakeClock { return &fakeClock{now: t} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Millisecond)
	return c.now
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// dubaiNoon is 12:00 in Dubai on 4 December 2026.
var dubaiNoon = time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)

// openBolt opens a bbolt file in a temporary directory of t.
func openBolt(t testing.TB, noSync bool) *bbolt.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "frontdesk.db")
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 5 * time.Second, NoSync: noSync})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// newTestLedger returns a ledger in a new bbolt file with a fake clock set
// to noon in Dubai.
func newTestLedger(t testing.TB) (*Ledger, *fakeClock) {
	t.Helper()
	clock := newFakeClock(dubaiNoon)
	l, err := New(openBolt(t, true), Config{Terminal: "DESK1", Now: clock.Now, MaxAmount: 5_000_000})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return l, clock
}

func exchange(key string, amount money.Fils) NewEntry {
	return NewEntry{
		Kind:           KindExchange,
		Method:         MethodCash,
		CaseNumber:     "SA-2026-0042",
		EmiratesID:     validEID,
		Amount:         amount,
		Staff:          "staff7",
		IdempotencyKey: key,
	}
}

func bankTransaction(key string, amount money.Fils) NewEntry {
	return NewEntry{
		Kind:           KindBankTransaction,
		CaseNumber:     "SA-2026-0043",
		EmiratesID:     validEID,
		Amount:         amount,
		IBAN:           validIBAN,
		Bank:           "Emirates NBD",
		BankReference:  "FT2612040001",
		Staff:          "staff8",
		IdempotencyKey: key,
	}
}

func mustRecord(t testing.TB, l *Ledger, n NewEntry) Entry {
	t.Helper()
	e, created, err := l.Record(context.Background(), n)
	if err != nil {
		t.Fatalf("Record(%q): %v", n.IdempotencyKey, err)
	}
	if !created {
		t.Fatalf("Record(%q) created = false, want a new entry", n.IdempotencyKey)
	}
	return e
}
