package store

import (
	"context"
	"testing"
	"time"
)

func TestSettleInterruptedPrints(t *testing.T) {
	db := openTest(t, testConfig(t))
	ctx := context.Background()

	tickets := map[string]PrintStatus{}
	for i, status := range []PrintStatus{PrintPending, Printed, NotPrinted, PrintPending} {
		tk := issue(t, db, "social-assistance", "A", testDay.Add(time.Duration(i)*time.Minute))
		if status != PrintPending {
			if err := db.SetPrintStatus(ctx, tk.ID, status); err != nil {
				t.Fatal(err)
			}
		}
		tickets[tk.ID] = status
	}

	settled, err := db.SettleInterruptedPrints(ctx, testDay.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(settled) != 2 {
		t.Errorf("settled %d tickets, want the 2 pending ones", len(settled))
	}
	for id, before := range tickets {
		got, err := db.Ticket(id)
		if err != nil {
			t.Fatal(err)
		}
		want := before
		if before == PrintPending {
			want = NotPrinted
		}
		if got.PrintStatus != want {
			t.Errorf("ticket %s: print status %s, want %s", got.Number, got.PrintStatus, want)
		}
	}

	again, err := db.SettleInterruptedPrints(ctx, testDay.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 0 {
		t.Errorf("a second call settled %d tickets, want none", len(again))
	}
}

func TestPeopleAheadCountsPriority(t *testing.T) {
	db := openTest(t, testConfig(t))
	ctx := context.Background()
	steps := []struct {
		priority Priority
		want     int
	}{
		{PriorityNone, 0},
		{PriorityNone, 1},
		{PrioritySenior, 0},        // called before both normal tickets
		{PriorityDetermination, 1}, // after the senior citizen only
		{PriorityNone, 4},
	}
	for i, step := range steps {
		tk, err := db.IssueTicket(ctx, NewTicket{Service: "social-assistance", Letter: "A", Lang: "ar",
			Priority: step.priority, Now: testDay.Add(time.Duration(i) * time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		if tk.PeopleAhead != step.want {
			t.Errorf("ticket %d (%q): people ahead %d, want %d", i+1, step.priority, tk.PeopleAhead, step.want)
		}
	}
}
