package store

import (
	"context"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
)

// SettleInterruptedPrints marks as not printed every ticket of the
// business day of now, and of the day before, whose print status is still
// pending. Call it when a process opens the store: only one process opens
// the file at a time, so a pending ticket then belongs to a process that
// stopped between storing the ticket and recording the print's outcome (a
// crash, a power cut), and the desk must be able to see and reprint it. It
// returns the tickets it marked.
func (db *DB) SettleInterruptedPrints(ctx context.Context, now time.Time) ([]Ticket, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("store: settle interrupted prints: %w", err)
	}
	days := []string{db.BusinessDay(now.AddDate(0, 0, -1)), db.BusinessDay(now)}
	var settled []Ticket
	err := db.update(func(tx *bbolt.Tx) error {
		settled = settled[:0]
		for _, day := range days {
			prefix := joinKey(compactDay(day), "")
			c := tx.Bucket(bucketDays).Cursor()
			for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
				t, err := getTicket(tx, string(k[len(prefix):]))
				if err != nil {
					return err
				}
				if t.PrintStatus != PrintPending {
					continue
				}
				t.PrintStatus = NotPrinted
				if err := putTicket(tx, &t); err != nil {
					return err
				}
				settled = append(settled, t)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: settle interrupted prints: %w", err)
	}
	return settled, nil
}
