package ledger

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"go.etcd.io/bbolt"
)

// keyHead is the key of the chain head record in bucketMeta. The record is
// the 8-byte big-endian sequence number of the newest entry followed by
// the 32 bytes of its SHA-256. appendEntry writes it in the transaction
// that stores the entry, so it always names the newest entry unless the
// file was edited outside the ledger.
var keyHead = []byte("head")

// headSize is the length of the chain head record.
const headSize = 8 + sha256.Size

// chainHead is the newest entry of the chain, as the head record or the
// entries bucket has it. A zero seq means no entry.
type chainHead struct {
	seq  uint64
	hash []byte // SHA-256 of the entry, sha256.Size bytes
}

// readHead returns the head record, and false if it is missing. The record
// is missing from a ledger that has no entries yet.
func readHead(tx *bbolt.Tx) (chainHead, bool, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return chainHead{}, false, nil
	}
	v := meta.Get(keyHead)
	if v == nil {
		return chainHead{}, false, nil
	}
	if len(v) != headSize {
		return chainHead{}, true, fmt.Errorf("the chain head record is %d bytes, not %d", len(v), headSize)
	}
	return chainHead{seq: binary.BigEndian.Uint64(v[:8]), hash: v[8:]}, true, nil
}

func putHead(tx *bbolt.Tx, seq uint64, hash []byte) error {
	v := append(seqKey(seq), hash...)
	if err := tx.Bucket(bucketMeta).Put(keyHead, v); err != nil {
		return fmt.Errorf("ledger: store chain head %d: %w", seq, err)
	}
	return nil
}

// compareHead returns why the head record does not name last, the newest
// entry in the entries bucket, or "" if it does. A head that names a
// later entry means entries were removed from the end, and one that names
// an earlier entry means entries were added without the ledger.
func compareHead(head chainHead, found bool, last chainHead) string {
	switch {
	case !found && last.seq == 0:
		return ""
	case !found:
		return fmt.Sprintf("the chain head record is missing, so entry %d cannot be checked as the newest "+
			"entry; the ledger writes the record with every entry", last.seq)
	case head.seq > last.seq && head.seq == last.seq+1:
		return fmt.Sprintf("the chain head names entry %d as the newest, but it is missing, "+
			"so it was removed from the end", head.seq)
	case head.seq > last.seq:
		return fmt.Sprintf("the chain head names entry %d as the newest, but entries %d to %d are missing, "+
			"so they were removed from the end", head.seq, last.seq+1, head.seq)
	case head.seq < last.seq:
		return fmt.Sprintf("the chain head names entry %d as the newest, but entries up to %d exist, "+
			"so entries were added without the ledger", head.seq, last.seq)
	case !bytes.Equal(head.hash, last.hash):
		return fmt.Sprintf("the chain head records hash %x for entry %d, but the entry's hash is %x, "+
			"so the entry was replaced or the chain was rebuilt", head.hash, head.seq, last.hash)
	}
	return ""
}

// headError returns the *ChainError for a head record that does not name
// last. It points at the first entry that is missing or unexpected.
func headError(entries *bbolt.Bucket, head chainHead, found bool, last chainHead) error {
	reason := compareHead(head, found, last)
	if reason == "" {
		return nil
	}
	index := last.seq
	switch {
	case found && head.seq > last.seq:
		index = last.seq + 1
	case found && head.seq < last.seq:
		index = head.seq + 1
	}
	return &ChainError{Index: index, ID: readableID(entries.Get(seqKey(index))), Reason: reason}
}

// adoptHead writes the head record for the newest entry of a ledger whose
// file was written before the ledger kept a head record, which shows as a
// missing meta bucket. It writes nothing for a ledger with no entries or
// with a malformed newest entry, which Verify then reports.
//
// NOTE: A file whose meta bucket was deleted looks the same, so after that
// edit the next writable open adopts the newest remaining entry, and
// entries removed from the end are found only by a day close anchor. A
// deleted head record, with the bucket left in place, is always reported.
func adoptHead(tx *bbolt.Tx) error {
	k, v := tx.Bucket(bucketEntries).Cursor().Last()
	if k == nil || len(k) != 8 || len(v) < sha256.Size {
		return nil
	}
	return putHead(tx, binary.BigEndian.Uint64(k), v[len(v)-sha256.Size:])
}
