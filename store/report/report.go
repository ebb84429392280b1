// Package report keeps per-day aggregates of the queue and the ratings in
// the frontdesk bbolt file and computes the supervisors' figures from them:
// visits by service, tickets issued, served, not shown and transferred,
// waiting and service times (median and 90th percentile), ratings per level
// and the happiness index. It exports the figures and the tickets behind
// them as CSV.
//
// # Keeping the aggregates in step
//
// The store logs every ticket transition with a sequence number, and the
// rating book logs every rating change. The aggregates remember the last
// sequence of each log they counted, in the same bucket and therefore the
// same transaction as the counts, so each event is counted exactly once:
//
//   - Apply and ApplyRating count one event inside the caller's write
//     transaction, after counting any older events they find uncounted.
//     Register them with store.DB.OnTransition and rating.Config.OnChange,
//     so every event is counted in the transaction that records it.
//   - Sync counts, in one transaction, every event after the stored cursors.
//   - Recount rebuilds every aggregate from the ticket and rating records.
//
// A figure that the aggregates cannot answer, such as the ticket list of the
// CSV export, is read from the raw records.
package report

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
)

// Sentinel errors, matched with errors.Is.
var (
	ErrInvalid = errors.New("report: invalid value")
	// ErrDamaged is returned for an aggregate that cannot be decoded.
	// Recount rebuilds the aggregates from the records.
	ErrDamaged = errors.New("report: aggregates are damaged")
)

var errDamagedCell = fmt.Errorf("%w: a cell cannot be decoded; run a recount", ErrDamaged)

// Bucket names. Every bucket of this package starts with "report.".
var (
	bucketCells = []byte("report.cells") // see cellKey -> encoded cell
	bucketMeta  = []byte("report.meta")  // cursor names -> uint64
)

var (
	keyQueueCursor  = []byte("queue-cursor")
	keyRatingCursor = []byte("rating-cursor")
)

// The store's buckets that Sync, Recount and Full read.
//
// NOTE: these repeat the unexported bucket names of package store, the
// queue event log and the ticket records. A rename there must be made here
// too. TestAggregatesEqualRecount and TestFullAddsRequestsAndLedger fail if
// the two drift apart.
var (
	storeEvents   = []byte("queue-events") // uint64 sequence -> store.Transition JSON
	storeTickets  = []byte("tickets")      // ticket id -> store.Ticket JSON
	storeRequests = []byte("requests")     // tracking number -> store.Request JSON
)

// Config holds what the aggregates need to know.
type Config struct {
	// Location is the business time zone, for the hour of the day.
	// Nil means Asia/Dubai.
	Location *time.Location
}

// Reports keeps and reads the aggregates of one bbolt file. Its methods are
// safe for concurrent use.
type Reports struct {
	db  *bbolt.DB
	loc *time.Location
}

// New creates the report buckets in db if they are missing.
func New(db *bbolt.DB, cfg Config) (*Reports, error) {
	if cfg.Location == nil {
		cfg.Location = dubai()
	}
	err := db.Update(func(tx *bbolt.Tx) error {
		for _, name := range [][]byte{bucketCells, bucketMeta} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("report: create bucket %s: %w", name, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &Reports{db: db, loc: cfg.Location}, nil
}

// Location returns the business time zone.
func (r *Reports) Location() *time.Location { return r.loc }

func dubai() *time.Location {
	loc, err := time.LoadLocation("Asia/Dubai")
	if err != nil {
		return time.FixedZone("+04", 4*60*60)
	}
	return loc
}

func cursor(tx *bbolt.Tx, key []byte) uint64 {
	raw := tx.Bucket(bucketMeta).Get(key)
	if len(raw) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(raw)
}

func setCursor(tx *bbolt.Tx, key []byte, seq uint64) error {
	return tx.Bucket(bucketMeta).Put(key, binary.BigEndian.AppendUint64(nil, seq))
}

// Cursors returns the sequence numbers of the last queue event and the
// last rating change that the aggregates count.
func (r *Reports) Cursors() (queue, ratings uint64, err error) {
	err = r.db.View(func(tx *bbolt.Tx) error {
		queue, ratings = cursor(tx, keyQueueCursor), cursor(tx, keyRatingCursor)
		return nil
	})
	return queue, ratings, err
}
