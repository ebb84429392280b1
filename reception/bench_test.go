package reception

import (
	"context"
	"testing"
	"time"

	"frontdesk/store"
)

// BenchmarkDeskCallNext measures one visit at the desk, call next and
// complete, with the state the screen shows reloaded after each, while
// 10,000 tickets wait. The store is opened with NoSync, so the figure is
// the desk's and the store's work without the disk's fdatasync, which
// store's BenchmarkCallNext measures.
func BenchmarkDeskCallNext(b *testing.B) {
	const waiting = 10000
	clock := newFakeClock()
	db := openStore(b, clock, store.QueueConfig{})
	ctx := context.Background()
	services := []string{"social-assistance", "complaints-suggestions", "inquiries"}
	// A letter has at most 999 numbers a day, so the tickets use eleven
	// letters. The store does not tie a letter to a service.
	letters := "ABCDEFGHIJK"
	for i := range waiting {
		nt := store.NewTicket{Service: services[i%len(services)], Letter: string(letters[i%len(letters)]),
			Lang: "ar", Now: testStart.Add(time.Duration(i) * time.Millisecond)}
		if _, err := db.IssueTicket(ctx, nt); err != nil {
			b.Fatalf("ticket %d: %v", i, err)
		}
	}
	addStaff(b, db, "amal", store.RoleReception)
	cfg := testConfig()
	d := NewDesk(db, cfg, DeskOptions{Clock: clock})
	if err := d.SignIn(ctx, "amal", testPIN); err != nil {
		b.Fatal(err)
	}

	for b.Loop() {
		if err := d.CallNext(ctx); err != nil {
			b.Fatal(err)
		}
		if err := d.Complete(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
