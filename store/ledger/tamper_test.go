package ledger

import (
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store/money"
)

// buildLedgerFile records entries entries in a new bbolt file, closes the
// day when closeDay is set, and returns the file's path with the database
// closed.
func buildLedgerFile(t *testing.T, entries int, closeDay bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "original.db")
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 5 * time.Second, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	clock := newFakeClock(dubaiNoon)
	l, err := New(db, Config{Terminal: "DESK1", Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	for i := range entries {
		mustRecord(t, l, exchange("key-"+string(rune('a'+i)), 1000+money.Fils(i)))
	}
	if closeDay {
		if _, err := l.CloseDay(context.Background(), "2026-12-04", "sup1", RoleSupervisor); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// copyFile copies src to a new file in a temporary directory of t.
func copyFile(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "copy.db")
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}

// editFile opens path with bbolt and runs edit on the ledger's entries
// bucket in one write transaction.
func editFile(t *testing.T, path string, edit func(tx *bbolt.Tx, entries *bbolt.Bucket) error) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error { return edit(tx, tx.Bucket(bucketEntries)) })
	if err != nil {
		t.Fatal(err)
	}
}

// verifyFile opens path and returns the result of Verify.
func verifyFile(t *testing.T, path string) error {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 5 * time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l, err := New(db, Config{Terminal: "AUDIT"})
	if err != nil {
		t.Fatal(err)
	}
	return l.Verify(context.Background())
}

// flipByte returns an edit that changes the byte at offset of entry seq.
// A negative offset counts from the end of the value.
func flipByte(seq uint64, offset int) func(*bbolt.Tx, *bbolt.Bucket) error {
	return func(_ *bbolt.Tx, entries *bbolt.Bucket) error {
		v := append([]byte(nil), entries.Get(seqKey(seq))...)
		if offset < 0 {
			offset += len(v)
		}
		v[offset] ^= 0x01
		return entries.Put(seqKey(seq), v)
	}
}

// fieldOffset returns the offset of the first byte of field number field
// (from 1) in the stored value of entry seq.
func fieldOffset(t *testing.T, path string, seq uint64, field int) int {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 5 * time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	offset := 0
	err = db.View(func(tx *bbolt.Tx) error {
		v := tx.Bucket(bucketEntries).Get(seqKey(seq))
		for range field - 1 {
			n := int(v[offset])<<24 | int(v[offset+1])<<16 | int(v[offset+2])<<8 | int(v[offset+3])
			offset += 4 + n
		}
		offset += 4
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return offset
}

func TestVerifyIntact(t *testing.T) {
	path := buildLedgerFile(t, 20, true)
	if err := verifyFile(t, path); err != nil {
		t.Errorf("Verify of an untouched ledger: %v", err)
	}
}

func TestVerifyEmpty(t *testing.T) {
	l, _ := newTestLedger(t)
	if err := l.Verify(context.Background()); err != nil {
		t.Errorf("Verify of an empty ledger: %v", err)
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	original := buildLedgerFile(t, 20, false)

	tests := []struct {
		name      string
		edit      func(t *testing.T, path string) func(*bbolt.Tx, *bbolt.Bucket) error
		wantIndex uint64
		wantText  string
	}{
		{"amount digit", func(t *testing.T, path string) func(*bbolt.Tx, *bbolt.Bucket) error {
			return flipByte(7, fieldOffset(t, path, 7, 8))
		}, 7, "was changed"},
		{"emirates id digit", func(t *testing.T, path string) func(*bbolt.Tx, *bbolt.Bucket) error {
			return flipByte(12, fieldOffset(t, path, 12, 7)+5)
		}, 12, "was changed"},
		{"length prefix", func(t *testing.T, path string) func(*bbolt.Tx, *bbolt.Bucket) error {
			return flipByte(3, 3)
		}, 3, "was changed"},
		{"stored hash", func(t *testing.T, path string) func(*bbolt.Tx, *bbolt.Bucket) error {
			return flipByte(20, -1)
		}, 20, "was changed"},
		{"first entry", func(t *testing.T, path string) func(*bbolt.Tx, *bbolt.Bucket) error {
			return flipByte(1, fieldOffset(t, path, 1, 6))
		}, 1, "was changed"},
		{"rehashed entry", func(t *testing.T, path string) func(*bbolt.Tx, *bbolt.Bucket) error {
			return func(_ *bbolt.Tx, entries *bbolt.Bucket) error {
				e, err := decode(entries.Get(seqKey(9)))
				if err != nil {
					return err
				}
				e.Amount *= 100
				return entries.Put(seqKey(9), encode(&e))
			}
		}, 10, "previous hash"},
		{"deleted entry", func(t *testing.T, path string) func(*bbolt.Tx, *bbolt.Bucket) error {
			return func(_ *bbolt.Tx, entries *bbolt.Bucket) error { return entries.Delete(seqKey(5)) }
		}, 5, "an entry is missing"},
		{"swapped entries", func(t *testing.T, path string) func(*bbolt.Tx, *bbolt.Bucket) error {
			return func(_ *bbolt.Tx, entries *bbolt.Bucket) error {
				a := append([]byte(nil), entries.Get(seqKey(14))...)
				b := append([]byte(nil), entries.Get(seqKey(15))...)
				if err := entries.Put(seqKey(14), b); err != nil {
					return err
				}
				return entries.Put(seqKey(15), a)
			}
		}, 14, "was moved"},
		{"truncated value", func(t *testing.T, path string) func(*bbolt.Tx, *bbolt.Bucket) error {
			return func(_ *bbolt.Tx, entries *bbolt.Bucket) error {
				return entries.Put(seqKey(2), []byte("short"))
			}
		}, 2, "shorter than its hash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyFile(t, original)
			editFile(t, path, tt.edit(t, path))

			err := verifyFile(t, path)
			var ce *ChainError
			if !errors.As(err, &ce) {
				t.Fatalf("Verify = %v, want a *ChainError", err)
			}
			if !errors.Is(err, ErrBrokenChain) {
				t.Errorf("Verify error %v does not wrap ErrBrokenChain", err)
			}
			if ce.Index != tt.wantIndex {
				t.Errorf("break at entry %d, want %d: %v", ce.Index, tt.wantIndex, err)
			}
			if !strings.Contains(ce.Reason, tt.wantText) {
				t.Errorf("reason %q does not contain %q", ce.Reason, tt.wantText)
			}
		})
	}
	if err := verifyFile(t, original); err != nil {
		t.Errorf("the original file no longer verifies: %v", err)
	}
}

func TestVerifyEveryByte(t *testing.T) {
	original := buildLedgerFile(t, 3, false)
	path := copyFile(t, original)
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 5 * time.Second, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l, err := New(db, Config{Terminal: "AUDIT"})
	if err != nil {
		t.Fatal(err)
	}

	var value []byte
	db.View(func(tx *bbolt.Tx) error {
		value = append(value, tx.Bucket(bucketEntries).Get(seqKey(2))...)
		return nil
	})
	if len(value) < 100+sha256.Size {
		t.Fatalf("entry 2 is only %d bytes", len(value))
	}
	for offset := range value {
		changed := append([]byte(nil), value...)
		changed[offset] ^= 0x80
		put := func(v []byte) {
			err := db.Update(func(tx *bbolt.Tx) error { return tx.Bucket(bucketEntries).Put(seqKey(2), v) })
			if err != nil {
				t.Fatal(err)
			}
		}
		put(changed)
		var ce *ChainError
		if err := l.Verify(context.Background()); !errors.As(err, &ce) || ce.Index != 2 {
			t.Errorf("byte %d changed: Verify = %v, want a break at entry 2", offset, err)
		}
		put(value)
	}
	if err := l.Verify(context.Background()); err != nil {
		t.Errorf("restored file: Verify = %v", err)
	}
}

func TestVerifyDayCloseAnchor(t *testing.T) {
	original := buildLedgerFile(t, 10, true)

	t.Run("last entry removed", func(t *testing.T) {
		path := copyFile(t, original)
		editFile(t, path, func(_ *bbolt.Tx, entries *bbolt.Bucket) error {
			return entries.Delete(seqKey(10))
		})
		var ce *ChainError
		err := verifyFile(t, path)
		if !errors.As(err, &ce) || ce.Index != 10 {
			t.Fatalf("Verify = %v, want a break at entry 10", err)
		}
		if !strings.Contains(ce.Reason, "removed from the end") {
			t.Errorf("reason %q does not say entries were removed", ce.Reason)
		}
	})
	t.Run("chain rebuilt", func(t *testing.T) {
		path := copyFile(t, original)
		editFile(t, path, func(_ *bbolt.Tx, entries *bbolt.Bucket) error {
			prev := strings.Repeat("0", 64)
			for seq := uint64(1); seq <= 10; seq++ {
				e, err := decode(entries.Get(seqKey(seq)))
				if err != nil {
					return err
				}
				if seq == 4 {
					e.Amount = 1
				}
				e.PrevHash = prev
				if err := entries.Put(seqKey(seq), encode(&e)); err != nil {
					return err
				}
				prev = e.Hash
			}
			return nil
		})
		var ce *ChainError
		err := verifyFile(t, path)
		if !errors.As(err, &ce) || ce.Index != 10 {
			t.Fatalf("Verify = %v, want a break at entry 10", err)
		}
		if !strings.Contains(ce.Reason, "rebuilt") {
			t.Errorf("reason %q does not say the chain was rebuilt", ce.Reason)
		}
	})
}

func TestVerifyFindsIndexDamage(t *testing.T) {
	original := buildLedgerFile(t, 6, false)
	db, err := bbolt.Open(original, 0o600, &bbolt.Options{Timeout: 5 * time.Second, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	l, err := New(db, Config{Terminal: "DESK1", Now: newFakeClock(dubaiNoon.Add(time.Hour)).Now})
	if err != nil {
		t.Fatal(err)
	}
	third, err := l.Get(context.Background(), idAt(t, l, 3))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Reverse(context.Background(), third.ID, "test", "sup1", RoleSupervisor); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := verifyFile(t, original); err != nil {
		t.Fatalf("Verify before any damage: %v", err)
	}

	bucketEdit := func(name []byte, edit func(b *bbolt.Bucket, e4 Entry) error) func(*bbolt.Tx, *bbolt.Bucket) error {
		return func(tx *bbolt.Tx, entries *bbolt.Bucket) error {
			e4, err := decode(entries.Get(seqKey(4)))
			if err != nil {
				return err
			}
			return edit(tx.Bucket(name), e4)
		}
	}
	tests := []struct {
		name      string
		edit      func(*bbolt.Tx, *bbolt.Bucket) error
		wantIndex uint64
		wantText  string
	}{
		{"key record deleted", bucketEdit(bucketKeys, func(b *bbolt.Bucket, e4 Entry) error {
			return b.Delete([]byte(e4.IdempotencyKey))
		}), 4, "could pay twice"},
		{"id record moved", bucketEdit(bucketIDs, func(b *bbolt.Bucket, e4 Entry) error {
			return b.Put([]byte(e4.ID), seqKey(5))
		}), 4, "id index has entry 5"},
		{"day record deleted", bucketEdit(bucketDays, func(b *bbolt.Bucket, e4 Entry) error {
			return b.Delete(dayKey(e4.Day, 4))
		}), 4, "leave it out"},
		{"reversal record deleted", bucketEdit(bucketReversed, func(b *bbolt.Bucket, _ Entry) error {
			return b.Delete([]byte(third.ID))
		}), 7, "reversal index has no record"},
		{"extra key record", bucketEdit(bucketKeys, func(b *bbolt.Bucket, _ Entry) error {
			return b.Put([]byte("ghost"), seqKey(99))
		}), 0, "idempotency key index has 8 records for 7 entries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyFile(t, original)
			editFile(t, path, tt.edit)

			var ce *ChainError
			err := verifyFile(t, path)
			if !errors.As(err, &ce) {
				t.Fatalf("Verify = %v, want a *ChainError", err)
			}
			if ce.Index != tt.wantIndex {
				t.Errorf("break at entry %d, want %d: %v", ce.Index, tt.wantIndex, err)
			}
			if !strings.Contains(ce.Reason, tt.wantText) {
				t.Errorf("reason %q does not contain %q", ce.Reason, tt.wantText)
			}
		})
	}
}

// idAt returns the id of entry seq.
func idAt(t *testing.T, l *Ledger, seq uint64) string {
	t.Helper()
	var id string
	err := l.Scan(context.Background(), seq, func(e Entry) error {
		id = e.ID
		return errStopScan
	})
	if err != nil && !errors.Is(err, errStopScan) {
		t.Fatal(err)
	}
	return id
}

var errStopScan = errors.New("stop")
