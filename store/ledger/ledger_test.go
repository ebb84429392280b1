package ledger

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRecordValidation(t *testing.T) {
	tests := []struct {
		name    string
		modify  func(*NewEntry)
		wantErr error
	}{
		{"valid exchange", func(n *NewEntry) {}, nil},
		{"cheque", func(n *NewEntry) { n.Method = MethodCheque }, nil},
		{"card", func(n *NewEntry) { n.Method = MethodCard }, nil},
		{"valid bank transaction", func(n *NewEntry) { *n = bankTransaction(n.IdempotencyKey, 100) }, nil},
		{"at maximum", func(n *NewEntry) { n.Amount = 5_000_000 }, nil},
		{"unknown kind", func(n *NewEntry) { n.Kind = "gift" }, ErrInvalidEntry},
		{"exchange without method", func(n *NewEntry) { n.Method = "" }, ErrInvalidEntry},
		{"unknown method", func(n *NewEntry) { n.Method = "gold" }, ErrInvalidEntry},
		{"exchange with iban", func(n *NewEntry) { n.IBAN = validIBAN }, ErrInvalidEntry},
		{"bank transaction without iban", func(n *NewEntry) {
			*n = bankTransaction(n.IdempotencyKey, 100)
			n.IBAN = ""
		}, ErrInvalidEntry},
		{"bank transaction with method", func(n *NewEntry) {
			*n = bankTransaction(n.IdempotencyKey, 100)
			n.Method = MethodCash
		}, ErrInvalidEntry},
		{"invalid iban", func(n *NewEntry) {
			*n = bankTransaction(n.IdempotencyKey, 100)
			n.IBAN = "AE080331234567890123456"
		}, ErrInvalidEntry},
		{"invalid emirates id", func(n *NewEntry) { n.EmiratesID = "784-1990-1234567-1" }, ErrInvalidEntry},
		{"zero amount", func(n *NewEntry) { n.Amount = 0 }, ErrInvalidEntry},
		{"negative amount", func(n *NewEntry) { n.Amount = -100 }, ErrInvalidEntry},
		{"over maximum", func(n *NewEntry) { n.Amount = 5_000_001 }, ErrInvalidEntry},
		{"missing case", func(n *NewEntry) { n.CaseNumber = "  " }, ErrInvalidEntry},
		{"missing staff", func(n *NewEntry) { n.Staff = "" }, ErrInvalidEntry},
		{"missing key", func(n *NewEntry) { n.IdempotencyKey = "" }, ErrInvalidEntry},
		{"reserved key", func(n *NewEntry) { n.IdempotencyKey = "reversal:X" }, ErrInvalidEntry},
		{"control character", func(n *NewEntry) { n.Reference = "ab\x1b@cd" }, ErrInvalidEntry},
		{"invalid utf-8", func(n *NewEntry) { n.Reference = "ab\xffcd" }, ErrInvalidEntry},
		{"too long", func(n *NewEntry) { n.Reference = strings.Repeat("x", 201) }, ErrInvalidEntry},
	}
	l, _ := newTestLedger(t)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := exchange("key-"+tt.name, 12500)
			tt.modify(&n)
			if n.IdempotencyKey != "" && !strings.HasPrefix(n.IdempotencyKey, "reversal:") {
				n.IdempotencyKey = "key-" + string(rune('a'+i))
			}
			_, created, err := l.Record(context.Background(), n)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Record error = %v, want %v", err, tt.wantErr)
			}
			if created != (tt.wantErr == nil) {
				t.Errorf("created = %v, want %v", created, tt.wantErr == nil)
			}
		})
	}
}

func TestRecordNormalizes(t *testing.T) {
	l, _ := newTestLedger(t)
	n := bankTransaction("k1", 125050)
	n.EmiratesID = "٧٨٤-١٩٩٠-١٢٣٤٥٦٧-٦"
	n.IBAN = "ae07 0331 2345 6789 0123 456"
	n.CaseNumber = "  SA-1  "
	e := mustRecord(t, l, n)

	if e.EmiratesID != validEID {
		t.Errorf("EmiratesID = %q, want %q", e.EmiratesID, validEID)
	}
	if e.IBAN != validIBAN {
		t.Errorf("IBAN = %q, want %q", e.IBAN, validIBAN)
	}
	if e.CaseNumber != "SA-1" {
		t.Errorf("CaseNumber = %q, want %q", e.CaseNumber, "SA-1")
	}
	if e.Terminal != "DESK1" {
		t.Errorf("Terminal = %q, want the configured DESK1", e.Terminal)
	}
	if e.Day != "2026-12-04" {
		t.Errorf("Day = %q, want 2026-12-04", e.Day)
	}
	if e.Time.Location() != time.UTC {
		t.Errorf("Time location = %v, want UTC", e.Time.Location())
	}
}

func TestRecordStoresWhatItReturns(t *testing.T) {
	l, _ := newTestLedger(t)
	first := mustRecord(t, l, exchange("k1", 100))
	second := mustRecord(t, l, bankTransaction("k2", 200))

	if first.Seq != 1 || second.Seq != 2 {
		t.Errorf("sequence numbers = %d, %d, want 1, 2", first.Seq, second.Seq)
	}
	if first.PrevHash != strings.Repeat("0", 64) {
		t.Errorf("first PrevHash = %s, want all zeros", first.PrevHash)
	}
	if second.PrevHash != first.Hash {
		t.Errorf("second PrevHash = %s, want the first entry's hash %s", second.PrevHash, first.Hash)
	}
	if len(first.ID) != 26 {
		t.Errorf("id %q has %d characters, want 26", first.ID, len(first.ID))
	}
	if first.ID == second.ID {
		t.Errorf("two entries share id %s", first.ID)
	}

	got, err := l.Get(context.Background(), strings.ToLower(second.ID))
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if !got.Time.Equal(second.Time) {
		t.Errorf("stored time %v, returned %v", got.Time, second.Time)
	}
	got.Time = second.Time
	if got != second {
		t.Errorf("Get = %+v\nwant %+v", got, second)
	}
}

func TestRecordIdempotencyKey(t *testing.T) {
	l, _ := newTestLedger(t)
	ctx := context.Background()
	first := mustRecord(t, l, exchange("tap-1", 50000))

	again, created, err := l.Record(ctx, exchange("tap-1", 50000))
	if err != nil {
		t.Fatalf("second Record: %v", err)
	}
	if created {
		t.Error("second Record created = true, want false")
	}
	if again.ID != first.ID || again.Seq != first.Seq {
		t.Errorf("second Record returned entry %d %s, want the first %d %s", again.Seq, again.ID, first.Seq, first.ID)
	}

	other, created, err := l.Record(ctx, exchange("tap-1", 60000))
	if !errors.Is(err, ErrKeyConflict) {
		t.Fatalf("Record with a reused key and another amount: error = %v, want ErrKeyConflict", err)
	}
	if created || other.ID != first.ID {
		t.Errorf("conflicting Record returned created=%v id=%s, want false and %s", created, other.ID, first.ID)
	}

	list, err := l.List(ctx, "2026-12-04")
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(list) != 1 {
		t.Errorf("List has %d entries, want 1", len(list))
	}
}

func TestRecordConcurrentRetries(t *testing.T) {
	l, _ := newTestLedger(t)
	const keys, workers = 50, 4
	var wg sync.WaitGroup
	ids := make([][]string, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range keys {
				e, _, err := l.Record(context.Background(), exchange("key-"+string(rune('A'+k)), 100))
				if err != nil {
					t.Errorf("worker %d key %d: %v", w, k, err)
					return
				}
				ids[w] = append(ids[w], e.ID)
			}
		}()
	}
	wg.Wait()

	for w := 1; w < workers; w++ {
		for k := range keys {
			if ids[w][k] != ids[0][k] {
				t.Errorf("key %d: worker %d got %s, worker 0 got %s", k, w, ids[w][k], ids[0][k])
			}
		}
	}
	list, err := l.List(context.Background(), "2026-12-04")
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(list) != keys {
		t.Errorf("List has %d entries, want %d", len(list), keys)
	}
	if err := l.Verify(context.Background()); err != nil {
		t.Errorf("Verify: %v", err)
	}
}

func TestBusinessDay(t *testing.T) {
	tests := []struct {
		name string
		utc  time.Time
		want string
	}{
		{"before dubai midnight", time.Date(2026, 12, 4, 19, 59, 59, 0, time.UTC), "2026-12-04"},
		{"at dubai midnight", time.Date(2026, 12, 4, 20, 0, 0, 0, time.UTC), "2026-12-05"},
		{"utc morning", time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC), "2026-12-05"},
	}
	l, clock := newTestLedger(t)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := l.BusinessDay(tt.utc); got != tt.want {
				t.Errorf("BusinessDay(%v) = %s, want %s", tt.utc, got, tt.want)
			}
			clock.Set(tt.utc.Add(-time.Millisecond))
			e := mustRecord(t, l, exchange("day-"+string(rune('a'+i)), 100))
			if e.Day != tt.want {
				t.Errorf("entry recorded at %v has day %s, want %s", e.Time, e.Day, tt.want)
			}
		})
	}
}

func TestReverse(t *testing.T) {
	l, _ := newTestLedger(t)
	ctx := context.Background()
	orig := mustRecord(t, l, bankTransaction("k1", 125050))

	if _, err := l.Reverse(ctx, orig.ID, "wrong amount", "staff8", "reception"); !errors.Is(err, ErrNotSupervisor) {
		t.Errorf("Reverse by reception: error = %v, want ErrNotSupervisor", err)
	}
	if _, err := l.Reverse(ctx, orig.ID, "  ", "sup1", RoleSupervisor); !errors.Is(err, ErrInvalidEntry) {
		t.Errorf("Reverse without reason: error = %v, want ErrInvalidEntry", err)
	}
	if _, err := l.Reverse(ctx, "01ARZ3NDEKTSV4RRFFQ69G5FAV", "x", "sup1", RoleSupervisor); !errors.Is(err, ErrNotFound) {
		t.Errorf("Reverse of an unknown id: error = %v, want ErrNotFound", err)
	}

	rev, err := l.Reverse(ctx, strings.ToLower(orig.ID), "wrong amount", "sup1", RoleSupervisor)
	if err != nil {
		t.Fatalf("Reverse: %v", err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"Reverses", rev.Reverses, orig.ID},
		{"Amount", rev.Amount, -orig.Amount},
		{"Kind", rev.Kind, orig.Kind},
		{"IBAN", rev.IBAN, orig.IBAN},
		{"EmiratesID", rev.EmiratesID, orig.EmiratesID},
		{"Staff", rev.Staff, "sup1"},
		{"Reason", rev.Reason, "wrong amount"},
		{"PrevHash", rev.PrevHash, orig.Hash},
		{"IdempotencyKey", rev.IdempotencyKey, "reversal:" + orig.ID},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("reversal %s = %v, want %v", c.name, c.got, c.want)
		}
	}

	if _, err := l.Reverse(ctx, orig.ID, "again", "sup1", RoleSupervisor); !errors.Is(err, ErrAlreadyReversed) {
		t.Errorf("second Reverse: error = %v, want ErrAlreadyReversed", err)
	}
	if _, err := l.Reverse(ctx, rev.ID, "undo", "sup1", RoleSupervisor); !errors.Is(err, ErrNotReversible) {
		t.Errorf("Reverse of a reversal: error = %v, want ErrNotReversible", err)
	}

	got, found, err := l.ReversalOf(ctx, orig.ID)
	if err != nil || !found || got.ID != rev.ID {
		t.Errorf("ReversalOf = %s, %v, %v, want %s, true, nil", got.ID, found, err, rev.ID)
	}
	if _, found, _ := l.ReversalOf(ctx, rev.ID); found {
		t.Error("ReversalOf a reversal found one")
	}
}

func TestCloseDay(t *testing.T) {
	l, clock := newTestLedger(t)
	ctx := context.Background()
	const day = "2026-12-04"

	cash := mustRecord(t, l, exchange("k1", 10000))
	cheque := exchange("k2", 25050)
	cheque.Method, cheque.Staff = MethodCheque, "staff9"
	mustRecord(t, l, cheque)
	card := exchange("k3", 700)
	card.Method, card.Terminal = MethodCard, "VAN1"
	mustRecord(t, l, card)
	mustRecord(t, l, bankTransaction("k4", 125050))
	if _, err := l.Reverse(ctx, cash.ID, "duplicate payment", "sup1", RoleSupervisor); err != nil {
		t.Fatalf("Reverse: %v", err)
	}

	if _, err := l.CloseDay(ctx, day, "staff7", "reception"); !errors.Is(err, ErrNotSupervisor) {
		t.Errorf("CloseDay by reception: error = %v, want ErrNotSupervisor", err)
	}
	if _, err := l.CloseDay(ctx, "2026-12-05", "sup1", RoleSupervisor); !errors.Is(err, ErrInvalidDay) {
		t.Errorf("CloseDay of tomorrow: error = %v, want ErrInvalidDay", err)
	}
	if _, err := l.CloseDay(ctx, "2026-12-4", "sup1", RoleSupervisor); !errors.Is(err, ErrInvalidDay) {
		t.Errorf("CloseDay of a malformed day: error = %v, want ErrInvalidDay", err)
	}

	dc, err := l.CloseDay(ctx, day, "sup1", RoleSupervisor)
	if err != nil {
		t.Fatalf("CloseDay: %v", err)
	}
	wantTotals := map[string][2]Totals{ // got, want
		"total":            {dc.Total, {Entries: 4, Amount: 160800, Reversals: 1, Reversed: 10000, Net: 150800}},
		"bank-transaction": {dc.ByKind[KindBankTransaction], {Entries: 1, Amount: 125050, Net: 125050}},
		"exchange":         {dc.ByKind[KindExchange], {Entries: 3, Amount: 35750, Reversals: 1, Reversed: 10000, Net: 25750}},
		"cash":             {dc.ByMethod[MethodCash], {Entries: 1, Amount: 10000, Reversals: 1, Reversed: 10000, Net: 0}},
		"cheque":           {dc.ByMethod[MethodCheque], {Entries: 1, Amount: 25050, Net: 25050}},
		"card":             {dc.ByMethod[MethodCard], {Entries: 1, Amount: 700, Net: 700}},
		"staff7":           {dc.ByStaff["staff7"], {Entries: 2, Amount: 10700, Reversals: 1, Reversed: 10000, Net: 700}},
		"staff9":           {dc.ByStaff["staff9"], {Entries: 1, Amount: 25050, Net: 25050}},
		"sup1":             {dc.ByStaff["sup1"], {}},
		"DESK1":            {dc.ByTerminal["DESK1"], {Entries: 3, Amount: 160100, Reversals: 1, Reversed: 10000, Net: 150100}},
		"VAN1":             {dc.ByTerminal["VAN1"], {Entries: 1, Amount: 700, Net: 700}},
	}
	for name, gw := range wantTotals {
		if gw[0] != gw[1] {
			t.Errorf("totals %s = %+v, want %+v", name, gw[0], gw[1])
		}
	}
	if dc.HeadSeq != 5 || dc.ClosedBy != "sup1" {
		t.Errorf("close head %d by %q, want 5 by sup1", dc.HeadSeq, dc.ClosedBy)
	}

	stored, closed, err := l.DayClose(ctx, day)
	if err != nil || !closed || stored.Total != dc.Total || stored.HeadHash != dc.HeadHash {
		t.Errorf("DayClose = %+v, %v, %v, want the close just made", stored, closed, err)
	}
	again, err := l.CloseDay(ctx, day, "sup2", RoleSupervisor)
	if !errors.Is(err, ErrDayClosed) {
		t.Errorf("second CloseDay: error = %v, want ErrDayClosed", err)
	}
	if again.ClosedBy != "sup1" || again.HeadHash != dc.HeadHash {
		t.Errorf("second CloseDay returned a close by %q, want the first close by sup1", again.ClosedBy)
	}
	if _, _, err := l.Record(ctx, exchange("k5", 100)); !errors.Is(err, ErrDayClosed) {
		t.Errorf("Record after close: error = %v, want ErrDayClosed", err)
	}
	if _, _, err := l.Record(ctx, exchange("k1", 10000)); err != nil {
		t.Errorf("Record retry of a key from the closed day: %v, want the first entry", err)
	}

	// The next morning, a reversal of yesterday's entry counts against
	// the original's staff member and terminal.
	clock.Set(dubaiNoon.Add(24 * time.Hour))
	list, _ := l.List(ctx, day)
	var bank Entry
	for _, e := range list {
		if e.Kind == KindBankTransaction {
			bank = e
		}
	}
	rev, err := l.Reverse(ctx, bank.ID, "returned by the bank", "sup1", RoleSupervisor)
	if err != nil {
		t.Fatalf("Reverse of a closed day's entry: %v", err)
	}
	if rev.Day != "2026-12-05" {
		t.Errorf("reversal day = %s, want 2026-12-05", rev.Day)
	}
	next, err := l.Summarize(ctx, "2026-12-05")
	if err != nil {
		t.Fatalf("Summarize: %v", err)
	}
	want := Totals{Reversals: 1, Reversed: 125050, Net: -125050}
	if got := next.ByStaff["staff8"]; got != want {
		t.Errorf("next day's staff8 totals = %+v, want %+v", got, want)
	}
	if err := l.Verify(ctx); err != nil {
		t.Errorf("Verify: %v", err)
	}
}

func TestListDays(t *testing.T) {
	l, clock := newTestLedger(t)
	ctx := context.Background()
	mustRecord(t, l, exchange("k1", 100))
	clock.Set(dubaiNoon.Add(24 * time.Hour))
	mustRecord(t, l, exchange("k2", 200))
	mustRecord(t, l, exchange("k3", 300))

	tests := []struct {
		day  string
		want []string
	}{
		{"2026-12-04", []string{"k1"}},
		{"2026-12-05", []string{"k2", "k3"}},
		{"2026-12-06", nil},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			list, err := l.List(ctx, tt.day)
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			var keys []string
			for _, e := range list {
				keys = append(keys, e.IdempotencyKey)
			}
			if strings.Join(keys, ",") != strings.Join(tt.want, ",") {
				t.Errorf("List(%s) keys = %v, want %v", tt.day, keys, tt.want)
			}
		})
	}
	if _, err := l.List(ctx, "04/12/2026"); !errors.Is(err, ErrInvalidDay) {
		t.Errorf("List of a malformed day: error = %v, want ErrInvalidDay", err)
	}
}

func TestNewConfig(t *testing.T) {
	db := openBolt(t, true)
	if _, err := New(db, Config{}); err == nil {
		t.Error("New without a terminal succeeded")
	}
	if _, err := New(nil, Config{Terminal: "T"}); err == nil {
		t.Error("New with a nil database succeeded")
	}
	l, err := New(db, Config{Terminal: "T"})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if l.cfg.Location == nil || l.BusinessDay(time.Date(2026, 1, 1, 20, 0, 0, 0, time.UTC)) != "2026-01-02" {
		t.Errorf("default location %v is not UTC+4", l.cfg.Location)
	}
}

func TestContextCancelled(t *testing.T) {
	l, _ := newTestLedger(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := l.Record(ctx, exchange("k1", 100)); !errors.Is(err, context.Canceled) {
		t.Errorf("Record: error = %v, want context.Canceled", err)
	}
	if _, err := l.Reverse(ctx, "X", "r", "s", RoleSupervisor); !errors.Is(err, context.Canceled) {
		t.Errorf("Reverse: error = %v, want context.Canceled", err)
	}
}

func TestHead(t *testing.T) {
	l, _ := newTestLedger(t)
	ctx := context.Background()
	seq, hash, err := l.Head(ctx)
	if err != nil || seq != 0 || hash != "" {
		t.Errorf("Head of an empty ledger = %d, %q, %v, want 0, \"\", nil", seq, hash, err)
	}
	mustRecord(t, l, exchange("k1", 100))
	last := mustRecord(t, l, exchange("k2", 100))
	seq, hash, err = l.Head(ctx)
	if err != nil || seq != last.Seq || hash != last.Hash {
		t.Errorf("Head = %d, %s, %v, want %d, %s", seq, hash, err, last.Seq, last.Hash)
	}
}
