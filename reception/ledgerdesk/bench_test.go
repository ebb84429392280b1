package ledgerdesk

import (
	"context"
	"testing"
)

// BenchmarkRecord measures recording an exchange and laying out and
// printing its beneficiary and office copies, with bbolt's fsync on and a
// printer that returns at once.
func BenchmarkRecord(b *testing.B) {
	fx := newFixture(b, func(c *Config) { c.OfficeCopy = true })
	ctx := context.Background()
	form := fx.exchangeForm()
	for b.Loop() {
		form.Key = NewKey()
		if _, err := fx.flow.Record(ctx, reception, form); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkList measures listing a day of 500 entries with their
// reversal lookups and totals.
func BenchmarkList(b *testing.B) {
	fx := newFixture(b, nil)
	ctx := context.Background()
	form := fx.exchangeForm()
	for range 500 {
		form.Key = NewKey()
		if _, err := fx.flow.Record(ctx, reception, form); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		day, err := fx.flow.List(ctx, "2026-12-04")
		if err != nil {
			b.Fatal(err)
		}
		if len(day.Lines) != 500 {
			b.Fatalf("listed %d entries, want 500", len(day.Lines))
		}
	}
}
