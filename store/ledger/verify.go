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
	// found. In an intact chain it equals the sequence number.
	Index uint64
	// ID is the id of the entry at Index, or "" if the entry is unreadable.
	ID string
	// Reason describes the mismatch.
	Reason string
}

func (e *ChainError) Error() string {
	id := e.ID
	if id == "" {
		id = "unreadable"
	}
	return fmt.Sprintf("ledger: %v at entry %d (id %s): %s", ErrBrokenChain, e.Index, id, e.Reason)
}

// Unwrap returns ErrBrokenChain.
func (e *ChainError) Unwrap() error { return ErrBrokenChain }

// Verify walks the whole chain and returns a *ChainError for the first
// entry that was changed, removed, inserted or moved, or nil if the chain
// is intact. It then checks that the last entry of the chain at each day
// close is still there with the same hash, which finds entries removed from
// the end. Any other error means the check could not run.
//
// NOTE: The chain proves that entries were not edited in place. Someone who
// can write the file and rebuilds every hash after an edit is only caught
// by a day close anchor or by comparing the head hash with one kept
// elsewhere, such as on the printed closing slip.
func (l *Ledger) Verify(ctx context.Context) error {
	return l.db.View(func(tx *bbolt.Tx) error {
		entries := tx.Bucket(bucketEntries)
		if entries == nil {
			return nil
		}
		if err := verifyChain(ctx, entries); err != nil {
			return err
		}
		return verifyAnchors(tx.Bucket(bucketCloses), entries)
	})
}

func verifyChain(ctx context.Context, entries *bbolt.Bucket) error {
	var prevHex [2 * sha256.Size]byte
	hex.Encode(prevHex[:], zeroHash[:])

	index := uint64(0)
	c := entries.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		index++
		if index%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("ledger: verify: %w", err)
			}
		}
		if reason := checkLink(index, k, v, prevHex[:]); reason != "" {
			return &ChainError{Index: index, ID: readableID(v), Reason: reason}
		}
		hex.Encode(prevHex[:], v[len(v)-sha256.Size:])
	}
	return nil
}

// checkLink returns why the entry stored under key k, at position index
// of the chain, does not follow an entry whose hash is prevHex, or "" if
// it does.
func checkLink(index uint64, k, v, prevHex []byte) string {
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

	var fields [fieldCount][]byte
	if err := fieldSlices(body, &fields); err != nil {
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
