package ledger

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

var verifyEntries = flag.Int("ledger.verify-entries", 1_000_000,
	"number of entries in the chain that BenchmarkVerify checks")

// BenchmarkRecord records one entry per iteration with fsync on, which is
// how the appliance runs: bbolt calls fdatasync on every commit.
func BenchmarkRecord(b *testing.B) {
	db, err := bbolt.Open(filepath.Join(b.TempDir(), "bench.db"), 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	l, err := New(db, Config{Terminal: "BENCH"})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		if _, _, err := l.Record(ctx, exchange(fmt.Sprintf("bench-%d", i), 12500)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerify verifies a chain of -ledger.verify-entries entries,
// 1,000,000 unless set. Building the chain, with fsync off and 10,000
// entries per transaction, is not timed.
func BenchmarkVerify(b *testing.B) {
	db, err := bbolt.Open(filepath.Join(b.TempDir(), "bench.db"), 0o600,
		&bbolt.Options{Timeout: time.Second, NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	l, err := New(db, Config{Terminal: "BENCH"})
	if err != nil {
		b.Fatal(err)
	}

	start := time.Now()
	buildChain(b, l, *verifyEntries)
	elapsed := time.Since(start).Round(time.Millisecond)
	var size int64
	if info, err := os.Stat(db.Path()); err == nil {
		size = info.Size()
	}
	b.Logf("built a chain of %d entries in %v, file size %d MiB", *verifyEntries, elapsed, size>>20)

	ctx := context.Background()
	for b.Loop() {
		if err := l.Verify(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(*verifyEntries), "ns/entry")
}

// buildChain appends n valid entries to l in transactions of 10,000.
func buildChain(b *testing.B, l *Ledger, n int) {
	const batch = 10_000
	now := dubaiNoon
	for done := 0; done < n; {
		err := l.db.Update(func(tx *bbolt.Tx) error {
			for j := 0; j < batch && done < n; j++ {
				n := exchange(fmt.Sprintf("bench-%d", done), 12500)
				e := Entry{
					Kind: n.Kind, Method: n.Method, CaseNumber: n.CaseNumber, EmiratesID: n.EmiratesID,
					Amount: n.Amount, Staff: n.Staff, Terminal: "BENCH", IdempotencyKey: n.IdempotencyKey,
				}
				now = now.Add(time.Millisecond)
				if err := l.appendEntry(tx, &e, now); err != nil {
					return err
				}
				done++
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
