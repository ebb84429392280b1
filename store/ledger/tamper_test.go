package ledger

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
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
		editFile(t, path, func(tx *bbolt.Tx, entries *bbolt.Bucket) error {
			if err := rebuildChain(entries, 10, 4); err != nil {
				return err
			}
			// Rewrite the head record too, as an editor familiar with the
			// format would, so that only the day close anchor remains.
			v := entries.Get(seqKey(10))
			return tx.Bucket(bucketMeta).Put(keyHead, append(seqKey(10), v[len(v)-sha256.Size:]...))
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
		{"key record past the chain", bucketEdit(bucketKeys, func(b *bbolt.Bucket, _ Entry) error {
			return b.Put([]byte("ghost"), seqKey(99))
		}), 99, "idempotency key index has a record for entry 99, which is missing"},
		{"day record past the chain", bucketEdit(bucketDays, func(b *bbolt.Bucket, e4 Entry) error {
			return b.Put(dayKey(e4.Day, 8), nil)
		}), 8, "day index has a record for entry 8, which is missing"},
		{"second key record", bucketEdit(bucketKeys, func(b *bbolt.Bucket, _ Entry) error {
			return b.Put([]byte("ghost"), seqKey(2))
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

// rebuildChain changes the amount of entry changed and recomputes the
// previous hash and the hash of entries 1 to last, as anyone who has
// the canonical form could.
func rebuildChain(entries *bbolt.Bucket, last, changed uint64) error {
	prev := strings.Repeat("0", 64)
	for seq := uint64(1); seq <= last; seq++ {
		e, err := decode(entries.Get(seqKey(seq)))
		if err != nil {
			return err
		}
		if seq == changed {
			e.Amount = 1
		}
		e.PrevHash = prev
		if err := entries.Put(seqKey(seq), encode(&e)); err != nil {
			return err
		}
		prev = e.Hash
	}
	return nil
}

// deleteNewest returns an edit that deletes the newest n entries with
// their id, idempotency key and day index records, as a bbolt program
// could.
func deleteNewest(n int) func(*bbolt.Tx, *bbolt.Bucket) error {
	return func(tx *bbolt.Tx, entries *bbolt.Bucket) error {
		for range n {
			k, v := entries.Cursor().Last()
			e, err := decode(v)
			if err != nil {
				return err
			}
			deletes := []struct {
				bucket []byte
				key    []byte
			}{
				{bucketIDs, []byte(e.ID)},
				{bucketKeys, []byte(e.IdempotencyKey)},
				{bucketDays, dayKey(e.Day, e.Seq)},
				{bucketEntries, append([]byte(nil), k...)},
			}
			for _, d := range deletes {
				if err := tx.Bucket(d.bucket).Delete(d.key); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// editHead returns an edit that passes the head record to edit and
// stores what edit returns, or deletes the record when edit returns nil.
func editHead(edit func(head []byte, entries *bbolt.Bucket) []byte) func(*bbolt.Tx, *bbolt.Bucket) error {
	return func(tx *bbolt.Tx, entries *bbolt.Bucket) error {
		meta := tx.Bucket(bucketMeta)
		v := edit(append([]byte(nil), meta.Get(keyHead)...), entries)
		if v == nil {
			return meta.Delete(keyHead)
		}
		return meta.Put(keyHead, v)
	}
}

func TestVerifyChainHead(t *testing.T) {
	original := buildLedgerFile(t, 26, false)

	tests := []struct {
		name      string
		edit      func(*bbolt.Tx, *bbolt.Bucket) error
		wantIndex uint64
		wantText  string
	}{
		{"newest entry with index rows", deleteNewest(1), 26,
			"names entry 26 as the newest, but it is missing"},
		{"two newest entries with index rows", deleteNewest(2), 25, "entries 25 to 26 are missing"},
		{"newest entry row only", func(_ *bbolt.Tx, entries *bbolt.Bucket) error {
			return entries.Delete(seqKey(26))
		}, 26, "names entry 26 as the newest, but it is missing"},
		{"head record deleted", editHead(func([]byte, *bbolt.Bucket) []byte { return nil }), 26,
			"chain head record is missing"},
		{"meta bucket deleted", func(tx *bbolt.Tx, _ *bbolt.Bucket) error {
			return tx.DeleteBucket(bucketMeta)
		}, 26, "chain head record is missing"},
		{"head set back", editHead(func(_ []byte, entries *bbolt.Bucket) []byte {
			v := entries.Get(seqKey(25))
			return append(seqKey(25), v[len(v)-sha256.Size:]...)
		}), 26, "entries up to 26 exist, so entries were added without the ledger"},
		{"head hash changed", editHead(func(head []byte, _ *bbolt.Bucket) []byte {
			head[len(head)-1] ^= 0x01
			return head
		}), 26, "the entry was replaced or the chain was rebuilt"},
		{"head record truncated", editHead(func(head []byte, _ *bbolt.Bucket) []byte {
			return head[:5]
		}), 26, "chain head record is 5 bytes, not 40"},
		{"chain rebuilt", func(_ *bbolt.Tx, entries *bbolt.Bucket) error {
			return rebuildChain(entries, 26, 4)
		}, 26, "the entry was replaced or the chain was rebuilt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyFile(t, original)
			editFile(t, path, tt.edit)

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
			if msg := err.Error(); !strings.Contains(msg, fmt.Sprintf("at entry %d", tt.wantIndex)) {
				t.Errorf("message %q does not name entry %d", msg, tt.wantIndex)
			}
		})
	}
	if err := verifyFile(t, original); err != nil {
		t.Errorf("the original file no longer verifies: %v", err)
	}
}

func TestVerifyEmptyWithoutHead(t *testing.T) {
	tests := []struct {
		name string
		edit func(*bbolt.Tx, *bbolt.Bucket) error
	}{
		{"head record deleted", editHead(func([]byte, *bbolt.Bucket) []byte { return nil })},
		{"meta bucket deleted", func(tx *bbolt.Tx, _ *bbolt.Bucket) error { return tx.DeleteBucket(bucketMeta) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := buildLedgerFile(t, 0, false)
			editFile(t, path, tt.edit)
			if err := verifyFile(t, path); err != nil {
				t.Errorf("Verify of a ledger with no entries = %v, want nil", err)
			}
		})
	}
}

func TestNewAdoptsHeadOfOlderFile(t *testing.T) {
	path := copyFile(t, buildLedgerFile(t, 4, false))
	// A file written before the ledger kept a head record has no meta
	// bucket.
	editFile(t, path, func(tx *bbolt.Tx, _ *bbolt.Bucket) error { return tx.DeleteBucket(bucketMeta) })
	if err := verifyFile(t, path); err == nil {
		t.Fatal("read-only Verify of a file without a head record = nil, want the head reported missing")
	}

	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l, err := New(db, Config{Terminal: "DESK1", Now: newFakeClock(dubaiNoon.Add(time.Hour)).Now})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Verify(context.Background()); err != nil {
		t.Errorf("Verify after New adopted the head = %v, want nil", err)
	}
	e := mustRecord(t, l, exchange("after-adoption", 700))
	if e.Seq != 5 {
		t.Errorf("new entry is number %d, want 5", e.Seq)
	}
	if err := l.Verify(context.Background()); err != nil {
		t.Errorf("Verify after a new entry = %v, want nil", err)
	}
}

func TestRecordRejectsBrokenHead(t *testing.T) {
	original := buildLedgerFile(t, 5, false)

	tests := []struct {
		name    string
		edit    func(*bbolt.Tx, *bbolt.Bucket) error
		want    string
		wantSeq uint64 // newest entry after the rejected Record
	}{
		{"newest entry deleted", deleteNewest(1), "names entry 5 as the newest, but it is missing", 4},
		{"head record deleted", editHead(func([]byte, *bbolt.Bucket) []byte { return nil }),
			"chain head record is missing", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyFile(t, original)
			editFile(t, path, tt.edit)
			db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			l, err := New(db, Config{Terminal: "DESK1", Now: newFakeClock(dubaiNoon.Add(time.Hour)).Now})
			if err != nil {
				t.Fatal(err)
			}

			_, created, err := l.Record(context.Background(), exchange("after-edit", 700))
			if !errors.Is(err, ErrBrokenChain) {
				t.Fatalf("Record = %v, want ErrBrokenChain", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Record error %q does not contain %q", err, tt.want)
			}
			if created {
				t.Error("Record created an entry on a broken chain")
			}
			seq, _, err := l.Head(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if seq != tt.wantSeq {
				t.Errorf("newest entry after the rejected Record = %d, want %d", seq, tt.wantSeq)
			}
		})
	}
}
