package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"frontdesk/store"
)

// Issue a ticket, print it, record the outcome, and call it at a counter.
func Example() {
	dir, err := os.MkdirTemp("", "frontdesk-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	issued := time.Date(2026, 12, 4, 8, 30, 0, 0, time.UTC) // 12:30 in Dubai
	db, err := store.Open(store.Config{
		Path: filepath.Join(dir, "frontdesk.db"), Site: "S1", Terminal: "K1",
		Now: func() time.Time { return issued.Add(10 * time.Minute) },
	})
	if err != nil {
		panic(err)
	}
	defer db.Close()
	ctx := context.Background()

	t, err := db.IssueTicket(ctx, store.NewTicket{
		Service: "social-assistance", Letter: "A", Lang: "ar", Priority: store.PrioritySenior, Now: issued,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(t.Number, t.ID, t.BusinessDay, t.PeopleAhead)

	// The ticket is on disk; now print it and record whether that worked.
	if err := db.SetPrintStatus(ctx, t.ID, store.NotPrinted); err != nil {
		panic(err)
	}

	called, err := db.CallNext(ctx, 3, []string{"social-assistance"}, "amal", store.PriorityRule{Every: 3})
	if err != nil {
		panic(err)
	}
	fmt.Println(called.Number, called.State, "at counter", called.Counter,
		"after", called.FirstCalledAt.Sub(called.IssuedAt))
	// Output:
	// A-001 S1-K1-20261204-A001 2026-12-04 0
	// A-001 called at counter 3 after 10m0s
}
