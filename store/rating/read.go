package rating

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"go.etcd.io/bbolt"
)

// Rating returns the rating with the given id: a ticket id, or the id of
// an anonymous rating.
func (b *Book) Rating(id string) (Rating, error) {
	var r Rating
	err := b.db.View(func(tx *bbolt.Tx) error {
		var err error
		r, err = get(tx, id)
		return err
	})
	return r, err
}

// Ratings returns the ratings of a business day ("2026-12-04"), out of
// hours ones included, in id order.
func (b *Book) Ratings(day string) ([]Rating, error) {
	var ratings []Rating
	err := b.db.View(func(tx *bbolt.Tx) error {
		return ForEachDay(tx, day, func(r Rating) error {
			ratings = append(ratings, r)
			return nil
		})
	})
	return ratings, err
}

// ForEachDay calls fn with every rating of a business day inside tx.
func ForEachDay(tx *bbolt.Tx, day string, fn func(Rating) error) error {
	days := tx.Bucket(bucketDays)
	if days == nil {
		return nil
	}
	prefix := dayKey(day, "")
	c := days.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		r, err := get(tx, string(k[len(prefix):]))
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// ForEach calls fn with every stored rating inside tx, in id order. A
// file without rating buckets has none.
func ForEach(tx *bbolt.Tx, fn func(Rating) error) error {
	records := tx.Bucket(bucketRecords)
	if records == nil {
		return nil
	}
	return records.ForEach(func(k, v []byte) error {
		var r Rating
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("rating: decode %s: %w", k, err)
		}
		return fn(r)
	})
}

// ReadLog calls fn inside tx with every logged change whose sequence
// number is above after, oldest first.
func ReadLog(tx *bbolt.Tx, after uint64, fn func(Change) error) error {
	logBucket := tx.Bucket(bucketLog)
	if logBucket == nil {
		return nil
	}
	c := logBucket.Cursor()
	for k, v := c.Seek(binary.BigEndian.AppendUint64(nil, after+1)); k != nil; k, v = c.Next() {
		var ch Change
		if err := json.Unmarshal(v, &ch); err != nil {
			return fmt.Errorf("rating: decode change %d: %w", binary.BigEndian.Uint64(k), err)
		}
		if err := fn(ch); err != nil {
			return err
		}
	}
	return nil
}

func get(tx *bbolt.Tx, id string) (Rating, error) {
	var r Rating
	raw := tx.Bucket(bucketRecords).Get([]byte(id))
	if raw == nil {
		return r, fmt.Errorf("%w: no rating %q", ErrNotFound, id)
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return r, fmt.Errorf("rating: decode %s: %w", id, err)
	}
	return r, nil
}

// LastSeq returns the sequence number of the last logged change in tx, or
// zero when nothing was logged.
func LastSeq(tx *bbolt.Tx) uint64 {
	if b := tx.Bucket(bucketLog); b != nil {
		return b.Sequence()
	}
	return 0
}
