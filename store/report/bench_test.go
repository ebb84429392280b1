package report

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store"
	"frontdesk/store/rating"
)

// The benchmark data set: a month of tickets, built once per test binary.
const (
	benchDays          = 30
	benchTicketsPerDay = 33334 // about 1,000,000 in the month
	benchBatch         = 20000 // tickets a write transaction
)

var bench struct {
	once    sync.Once
	dir     string
	db      *store.DB
	reports *Reports
	err     error
}

func cleanupBench() {
	if bench.db != nil {
		bench.db.Close()
	}
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
}

// benchData returns a store holding the month of tickets. Going through
// IssueTicket, CallNext and Complete would take minutes for a million
// tickets, so the tickets are written straight into the store's ticket
// and day index buckets, in the form IssueTicket stores, and counted with
// the same code as Apply and Recount, in batches without fdatasync.
func benchData(b *testing.B) (*store.DB, *Reports) {
	bench.once.Do(func() {
		bench.dir, bench.err = os.MkdirTemp("", "frontdesk-report-bench")
		if bench.err != nil {
			return
		}
		start := time.Now()
		bench.db, bench.reports, bench.err = buildBenchData(filepath.Join(bench.dir, "frontdesk.db"))
		b.Logf("built %d tickets in %s", benchDays*benchTicketsPerDay, time.Since(start).Round(time.Second))
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.db, bench.reports
}

var benchServices = []struct{ id, letter string }{
	{"protection", "A"}, {"assistance", "B"}, {"home-care", "C"}, {"consultations", "D"},
	{"volunteering", "E"}, {"complaints", "F"}, {"inquiries", "G"}, {"documents", "H"},
}

func buildBenchData(path string) (*store.DB, *Reports, error) {
	db, err := store.Open(store.Config{Path: path, Site: "S1", Terminal: "K1", NoSync: true})
	if err != nil {
		return nil, nil, err
	}
	reports, err := New(db.Bolt(), Config{})
	if err != nil {
		return nil, nil, err
	}
	first := time.Date(2026, 11, 1, 7, 0, 0, 0, dubaiZone)
	for day := range benchDays {
		for from := 0; from < benchTicketsPerDay; from += benchBatch {
			to := min(benchTicketsPerDay, from+benchBatch)
			err := db.Bolt().Update(func(tx *bbolt.Tx) error {
				return writeBenchTickets(tx, reports, first.AddDate(0, 0, day), from, to)
			})
			if err != nil {
				return nil, nil, err
			}
		}
	}
	return db, reports, nil
}

// writeBenchTickets writes tickets from to to of one day: spread over 13
// hours, served at one of 12 counters, 5% no-shows and 3% transfers, and
// every fifth ticket rated.
func writeBenchTickets(tx *bbolt.Tx, reports *Reports, opening time.Time, from, to int) error {
	a := newApplier(tx, reports)
	day := opening.Format(time.DateOnly)
	tickets, index := tx.Bucket(storeTickets), tx.Bucket([]byte("ticket-days"))
	for i := from; i < to; i++ {
		t := benchTicket(opening, day, i)
		raw, err := json.Marshal(t)
		if err != nil {
			return err
		}
		if err := tickets.Put([]byte(t.ID), raw); err != nil {
			return err
		}
		if err := index.Put([]byte(compactDay(day)+"\x00"+t.ID), nil); err != nil {
			return err
		}
		for _, tr := range t.History {
			if err := a.transition(t, tr); err != nil {
				return err
			}
		}
		if i%5 == 0 {
			err := a.countRating(rating.Rating{Day: day, Service: t.Service, Counter: t.Counter, Staff: t.Staff,
				Terminal: t.Terminal, Level: rating.Levels()[i%7%4]}, 1)
			if err != nil {
				return err
			}
		}
	}
	return a.flush()
}

func benchTicket(opening time.Time, day string, i int) store.Ticket {
	s := benchServices[i%len(benchServices)]
	counter := 1 + (i*7)%12
	staff := fmt.Sprintf("staff%02d", counter)
	terminal := []string{"K1", "K2"}[i%2]
	issued := opening.Add(time.Duration(i) * 13 * time.Hour / benchTicketsPerDay).UTC()
	called := issued.Add(time.Duration((i*7919)%3600) * time.Second)
	ended := called.Add(time.Duration(60+(i*104729)%1200) * time.Second)
	t := store.Ticket{
		ID:     fmt.Sprintf("S1-%s-%s-%s%05d", terminal, compactDay(day), s.letter, i),
		Number: fmt.Sprintf("%s-%03d", s.letter, i%1000), Letter: s.letter, Seq: i, Site: "S1",
		Terminal: terminal, Service: s.id, Lang: "ar", BusinessDay: day, IssuedAt: issued,
		PrintStatus: store.Printed, Counter: counter, Staff: staff, Calls: 1, FirstCalledAt: called,
	}
	seq := uint64(i) * 4
	t.History = []store.Transition{
		{Seq: seq + 1, At: issued, From: store.StateNone, To: store.StateWaiting, Action: store.ActionIssue, Service: s.id},
		{Seq: seq + 2, At: called, From: store.StateWaiting, To: store.StateCalled, Action: store.ActionCall,
			Counter: counter, Staff: staff, Service: s.id},
	}
	last := store.Transition{Seq: seq + 3, At: ended, From: store.StateCalled, Counter: counter, Staff: staff,
		Service: s.id}
	switch {
	case i%20 == 0:
		last.To, last.Action, t.State = store.StateNoShow, store.ActionNoShow, store.StateNoShow
	case i%33 == 0:
		last.To, last.Action, t.State = store.StateTransferred, store.ActionTransfer, store.StateTransferred
	default:
		last.To, last.Action, t.State, t.CompletedAt = store.StateCompleted, store.ActionComplete,
			store.StateCompleted, ended
	}
	t.History = append(t.History, last)
	return t
}

func BenchmarkMonthReportByService(b *testing.B) {
	_, reports := benchData(b)
	var fig Figures
	for b.Loop() {
		var err error
		fig, err = reports.Report("2026-11-01", "2026-11-30", Filter{})
		if err != nil {
			b.Fatal(err)
		}
	}
	if fig.Counts.Issued != benchDays*benchTicketsPerDay || len(fig.Services) != len(benchServices) {
		b.Fatalf("report counts %d tickets in %d services, want %d in %d", fig.Counts.Issued, len(fig.Services),
			benchDays*benchTicketsPerDay, len(benchServices))
	}
}

func BenchmarkMonthReportOneService(b *testing.B) {
	_, reports := benchData(b)
	for b.Loop() {
		if _, err := reports.Report("2026-11-01", "2026-11-30", Filter{Service: "assistance"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMonthTicketsCSV(b *testing.B) {
	db, _ := benchData(b)
	for b.Loop() {
		err := WriteTicketsCSV(context.Background(), io.Discard, db, "2026-11-01", "2026-11-30", Filter{}, dubaiZone)
		if err != nil {
			b.Fatal(err)
		}
	}
}
