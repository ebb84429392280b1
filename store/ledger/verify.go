package ledger

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"go.etcd.io/bbolt"
)

// ChainError is the first place where Verify found the hash chain broken.
// It wraps ErrBrokenChain.
type ChainError struct {
	// Index is the position in the chain, from 1, where the break was
	// found. In an intact chain it equals the sequence number, so for a
	// missing entry it is the sequence number that is missing. It is 0
	// when the break is not at one entry, such as an index bucket with
	// more records than entries or a missing index bucket.
	Index uint64
	// ID is the id of the entry at Index, or "" if the entry is missing
	// or unreadable.
	ID string
	// Reason describes the mismatch.
	Reason string
}

func (e *ChainError) Error() string {
	switch {
	case e.Index == 0:
		return fmt.Sprintf("ledger: %v: %s", ErrBrokenChain, e.Reason)
	case e.ID == "":
		return fmt.Sprintf("ledger: %v at entry %d: %s", ErrBrokenChain, e.Index, e.Reason)
	}
	return fmt.Sprintf("ledger: %v at entry %d (id %s): %s", ErrBrokenChain, e.Index, e.ID, e.Reason)
}

// Unwrap returns ErrBrokenChain.
func (e *ChainError) Unwrap() error { return ErrBrokenChain }

// Verify walks the whole chain and returns a *ChainError for the first
// entry that was changed, removed, inserted or moved, or nil if the chain
// is intact. For each entry it also checks the index records that Record
// relies on: the id, the idempotency key, the business day and the
// reversal. An entry missing from the key index could be paid twice, and
// one missing from the day index would be left out of the day close.
// Verify then checks that the chain head record names the newest entry,
// which finds entries removed from or added at the end. It also checks
// that the last entry of the chain at each day close is still there with
// the same hash, and that no index record points past the chain. Any other
// error means the check could not run.
//
// NOTE: The chain proves that entries were not edited in place. Someone who
// can write the file, rebuilds every hash after an edit and rewrites the
// head record is only caught by a day close anchor or by comparing the
// head hash with one kept elsewhere, such as on the printed closing slip.
func (l *Ledger) Verify(ctx context.Context) error {
	return l.db.View(func(tx *bbolt.Tx) error {
		entries := tx.Bucket(bucketEntries)
		if entries == nil {
			return nil
		}
		ix, ok := newIndexes(tx)
		if !ok {
			return &ChainError{Reason: "an index bucket of the ledger is missing"}
		}
		counts, last, err := verifyChain(ctx, entries, ix)
		if err != nil {
			return err
		}

		head, found, err := readHead(tx)
		if err != nil {
			return &ChainError{Index: last.seq, ID: readableID(entries.Get(seqKey(last.seq))), Reason: err.Error()}
		}
		if err := headError(entries, head, found, last); err != nil {
			return err
		}

		if err := verifyAnchors(tx.Bucket(bucketCloses), entries); err != nil {
			return err
		}
		return ix.checkRecords(counts, last.seq)
	})
}

// indexCounts is the number of records each index bucket should have.
type indexCounts struct {
	entries, reversals uint64
}

// verifyChain walks the chain and returns the number of entries and
// reversals in it and its newest entry.
func verifyChain(ctx context.Context, entries *bbolt.Bucket, ix *indexes) (indexCounts, chainHead, error) {
	var (
		prevHex [2 * sha256.Size]byte
		fields  [fieldCount][]byte
		counts  indexCounts
		last    chainHead
	)
	hex.Encode(prevHex[:], zeroHash[:])

	c := entries.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		counts.entries++
		index := counts.entries
		if index%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return counts, last, fmt.Errorf("ledger: verify: %w", err)
			}
		}
		reason := checkLink(index, k, v, prevHex[:], &fields)
		if reason == "" {
			reason = ix.check(k, &fields)
		}
		if reason != "" {
			// An entry stored under another sequence number is not the
			// entry at index, so its id would mislead.
			id := ""
			if seqFromKey(k) == index {
				id = readableID(v)
			}
			return counts, last, &ChainError{Index: index, ID: id, Reason: reason}
		}
		if len(fields[18]) > 0 {
			counts.reversals++
		}
		last = chainHead{seq: index, hash: v[len(v)-sha256.Size:]}
		hex.Encode(prevHex[:], last.hash)
	}
	return counts, last, nil
}

// checkLink returns why the entry stored under key k, at position index
// of the chain, does not follow an entry whose hash is prevHex, or "" if
// it does. It leaves the entry's fields in fields.
func checkLink(index uint64, k, v, prevHex []byte, fields *[fieldCount][]byte) string {
	if len(k) != 8 {
		return fmt.Sprintf("key %x is not an 8-byte sequence number", k)
	}
	if seq := binary.BigEndian.Uint64(k); seq != index {
		return fmt.Sprintf("found sequence number %d where %d was expected, so an entry is missing",
			seq, index)
	}
	if len(v) < sha256.Size {
		return fmt.Sprintf("value is %d bytes, shorter than its hash", len(v))
	}
	body, stored := v[:len(v)-sha256.Size], v[len(v)-sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], stored) {
		return "the entry's SHA-256 does not match its stored hash, so the entry was changed"
	}

	if err := fieldSlices(body, fields); err != nil {
		return err.Error()
	}
	var seqText [20]byte
	if !bytes.Equal(fields[1], strconv.AppendUint(seqText[:0], index, 10)) {
		return fmt.Sprintf("entry is numbered %s but stored as %d, so it was moved", fields[1], index)
	}
	if !bytes.Equal(fields[20], prevHex) {
		return fmt.Sprintf("previous hash %s is not the hash %s of entry %d, so an entry before it "+
			"was changed or replaced", fields[20], prevHex, index-1)
	}
	return ""
}

// readableID returns the id field of a stored value, or "" if the value
// cannot be split into fields.
func readableID(v []byte) string {
	if len(v) < sha256.Size {
		return ""
	}
	fields, err := splitFields(v[:len(v)-sha256.Size])
	if err != nil {
		return ""
	}
	return fields[2]
}

// verifyAnchors checks the chain head that each day close stored.
func verifyAnchors(closes, entries *bbolt.Bucket) error {
	if closes == nil {
		return nil
	}
	return closes.ForEach(func(day, v []byte) error {
		var dc DayClose
		if err := json.Unmarshal(v, &dc); err != nil {
			return &ChainError{Reason: fmt.Sprintf("day close of %s is unreadable: %v", day, err)}
		}
		if dc.HeadSeq == 0 {
			return nil
		}
		stored := entries.Get(seqKey(dc.HeadSeq))
		if stored == nil {
			return &ChainError{Index: dc.HeadSeq, Reason: fmt.Sprintf(
				"the close of %s recorded entry %d as the last one, but it is missing, "+
					"so entries were removed from the end", day, dc.HeadSeq)}
		}
		if got := hex.EncodeToString(stored[len(stored)-sha256.Size:]); got != dc.HeadHash {
			return &ChainError{Index: dc.HeadSeq, ID: readableID(stored), Reason: fmt.Sprintf(
				"the close of %s recorded hash %s for this entry, but it is now %s, "+
					"so the chain was rebuilt", day, dc.HeadHash, got)}
		}
		return nil
	})
}

// Head returns the sequence number and hash of the last entry of the
// chain, or 0 and "" for an empty ledger. Printed on a closing slip, the
// hash lets an auditor check later that the chain up to it is unchanged.
func (l *Ledger) Head(ctx context.Context) (uint64, string, error) {
	if err := ctx.Err(); err != nil {
		return 0, "", fmt.Errorf("ledger: head: %w", err)
	}
	var (
		seq  uint64
		hash string
	)
	err := l.db.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketEntries)
		if b == nil {
			return nil
		}
		k, v := b.Cursor().Last()
		if k == nil {
			return nil
		}
		if len(k) != 8 || len(v) < sha256.Size {
			return fmt.Errorf("ledger: %w: last entry has a %d-byte key and a %d-byte value, "+
				"run ledger verify", ErrBrokenChain, len(k), len(v))
		}
		seq, hash = binary.BigEndian.Uint64(k), hex.EncodeToString(v[len(v)-sha256.Size:])
		return nil
	})
	return seq, hash, err
}

// indexes are the ledger's index buckets, with one cursor each that is
// reused for every look-up, because Bucket.Get allocates a new cursor on
// every call.
type indexes struct {
	ids, keys, days, reversed          *bbolt.Bucket
	idCur, keyCur, dayCur, reversedCur *bbolt.Cursor
	dayKey                             []byte
}

func newIndexes(tx *bbolt.Tx) (*indexes, bool) {
	ix := &indexes{
		ids:      tx.Bucket(bucketIDs),
		keys:     tx.Bucket(bucketKeys),
		days:     tx.Bucket(bucketDays),
		reversed: tx.Bucket(bucketReversed),
	}
	if ix.ids == nil || ix.keys == nil || ix.days == nil || ix.reversed == nil {
		return nil, false
	}
	ix.idCur, ix.keyCur = ix.ids.Cursor(), ix.keys.Cursor()
	ix.dayCur, ix.reversedCur = ix.days.Cursor(), ix.reversed.Cursor()
	return ix, true
}

// lookup returns the value stored under key, or nil.
func lookup(c *bbolt.Cursor, key []byte) []byte {
	k, v := c.Seek(key)
	if !bytes.Equal(k, key) {
		return nil
	}
	return v
}

// check returns why the index records of the entry stored under key k
// are missing or wrong, or "" if they are right.
func (ix *indexes) check(k []byte, fields *[fieldCount][]byte) string {
	id, key, day, reverses := fields[2], fields[17], fields[15], fields[18]
	if got := lookup(ix.idCur, id); !bytes.Equal(got, k) {
		return fmt.Sprintf("the id index has %s for id %s", describeSeq(got), id)
	}
	if got := lookup(ix.keyCur, key); !bytes.Equal(got, k) {
		return fmt.Sprintf("the idempotency key index has %s for key %q, so a retry could pay twice",
			describeSeq(got), key)
	}
	ix.dayKey = append(append(ix.dayKey[:0], day...), k...)
	if k, _ := ix.dayCur.Seek(ix.dayKey); !bytes.Equal(k, ix.dayKey) {
		return fmt.Sprintf("the entry is missing from the index of day %s, so the day close would leave it out",
			day)
	}
	if len(reverses) > 0 {
		if got := lookup(ix.reversedCur, reverses); !bytes.Equal(got, k) {
			return fmt.Sprintf("the reversal index has %s for reversed entry %s", describeSeq(got), reverses)
		}
	}
	return ""
}

// checkRecords finds index records that point to no entry of the chain,
// whose entries are numbered 1 to lastSeq, and then index buckets with
// more records than the chain has entries.
func (ix *indexes) checkRecords(counts indexCounts, lastSeq uint64) error {
	buckets := []struct {
		name     string
		b        *bbolt.Bucket
		want     uint64
		seqInKey bool // the sequence number ends the key, not the value
	}{
		{"id", ix.ids, counts.entries, false},
		{"idempotency key", ix.keys, counts.entries, false},
		{"day", ix.days, counts.entries, true},
		{"reversal", ix.reversed, counts.reversals, false},
	}
	for _, bk := range buckets {
		n := uint64(0)
		c := bk.b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			n++
			ref := v
			if bk.seqInKey {
				ref = k[max(0, len(k)-8):]
			}
			seq := seqFromKey(ref)
			if seq == 0 {
				return &ChainError{Reason: fmt.Sprintf("the %s index has a record %q that names no entry",
					bk.name, k)}
			}
			if seq > lastSeq {
				return &ChainError{Index: seq, Reason: fmt.Sprintf(
					"the %s index has a record for entry %d, which is missing", bk.name, seq)}
			}
		}
		if n != bk.want {
			return &ChainError{Reason: fmt.Sprintf("the %s index has %d records for %d entries",
				bk.name, n, bk.want)}
		}
	}
	return nil
}

func describeSeq(v []byte) string {
	if v == nil {
		return "no record"
	}
	return fmt.Sprintf("entry %d", seqFromKey(v))
}
