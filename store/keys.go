package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
)

// Bucket names. Each index bucket is described where its keys are built.
var (
	bucketMeta     = []byte("meta")
	bucketTickets  = []byte("tickets")        // ticket id -> Ticket JSON
	bucketDays     = []byte("ticket-days")    // yyyymmdd 0x00 ticket id -> nil
	bucketNumbers  = []byte("ticket-numbers") // yyyymmdd 0x00 number -> ticket id
	bucketSeqs     = []byte("ticket-seqs")    // yyyymmdd 0x00 letter -> uint32
	bucketQueue    = []byte("queue")          // see queueKey
	bucketWaiting  = []byte("waiting")        // yyyymmdd 0x00 service -> uint32
	bucketCounters = []byte("counters")       // counter as 3 digits -> id of the ticket it has called
	bucketEvents   = []byte("queue-events")   // uint64 sequence -> Transition JSON
	bucketStaff    = []byte("staff")          // staff id -> Staff JSON
	bucketAudit    = []byte("audit")          // uint64 sequence -> AuditEntry JSON
	bucketRequests = []byte("requests")       // tracking number -> Request JSON
	bucketReqSeqs  = []byte("request-seqs")   // yyyymmdd -> uint32
	bucketReqIndex = []byte("request-index")  // see requestIndexKeys
)

var allBuckets = [][]byte{
	bucketMeta, bucketTickets, bucketDays, bucketNumbers, bucketSeqs, bucketQueue,
	bucketWaiting, bucketCounters, bucketEvents, bucketStaff, bucketAudit,
	bucketRequests, bucketReqSeqs, bucketReqIndex,
}

var (
	keySchema = []byte("schema")
)

// compactDay turns "2026-12-04" into "20261204", the form used in ids and
// keys.
func compactDay(day string) string {
	if len(day) != len(time.DateOnly) {
		return day
	}
	return day[0:4] + day[5:7] + day[8:10]
}

func checkDay(day string) error {
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return fmt.Errorf("%w: business day %q must be YYYY-MM-DD", ErrInvalid, day)
	}
	return nil
}

func joinKey(parts ...string) []byte {
	n := 0
	for _, p := range parts {
		n += len(p) + 1
	}
	key := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			key = append(key, 0)
		}
		key = append(key, p...)
	}
	return key
}

func u32(raw []byte) uint32 {
	if len(raw) != 4 {
		return 0
	}
	return binary.BigEndian.Uint32(raw)
}

func putU32(b *bbolt.Bucket, key []byte, v uint32) error {
	return b.Put(key, binary.BigEndian.AppendUint32(nil, v))
}

func u64Key(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func putJSON(b *bbolt.Bucket, key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("store: encode %s: %w", key, err)
	}
	return b.Put(key, raw)
}

func getJSON(b *bbolt.Bucket, key []byte, v any) error {
	raw := b.Get(key)
	if raw == nil {
		return ErrNotFound
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("store: decode %s: %w", key, err)
	}
	return nil
}
