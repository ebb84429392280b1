package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

// Child processes: the test binary re-runs itself with childModeEnv set to
// act as a second frontdesk process on the same file.
const (
	childModeEnv = "FRONTDESK_STORE_TEST_CHILD"
	childPathEnv = "FRONTDESK_STORE_TEST_DB"
)

func TestMain(m *testing.M) {
	switch os.Getenv(childModeEnv) {
	case "":
		os.Exit(m.Run())
	case "issue-forever":
		childIssueForever(os.Getenv(childPathEnv))
	case "open":
		childOpen(os.Getenv(childPathEnv))
	default:
		fmt.Fprintf(os.Stderr, "unknown %s\n", childModeEnv)
		os.Exit(2)
	}
}

// childIssueForever issues tickets with fsync on and prints each number
// after IssueTicket has returned, until the parent kills it.
func childIssueForever(path string) {
	db, err := Open(Config{Path: path, Site: "S1", Terminal: "K1"})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	out := bufio.NewWriter(os.Stdout)
	for {
		t, err := db.IssueTicket(context.Background(), NewTicket{Service: "social-assistance", Letter: "A", Lang: "ar"})
		if err != nil {
			fmt.Fprintln(out, "error:", err)
			out.Flush()
			os.Exit(1)
		}
		fmt.Fprintln(out, t.Number)
		out.Flush()
	}
}

// childOpen tries to open the file with a short timeout and prints the
// outcome.
func childOpen(path string) {
	_, err := Open(Config{Path: path, Site: "S1", Terminal: "K1", OpenTimeout: 200 * time.Millisecond})
	fmt.Printf("in-use=%v\n%v\n", errors.Is(err, ErrInUse), err)
	os.Exit(0)
}

var testDay = time.Date(2026, 12, 4, 9, 0, 0, 0, dubai())

func testConfig(t testing.TB) Config {
	return Config{
		Path:     filepath.Join(t.TempDir(), "frontdesk.db"),
		Site:     "S1",
		Terminal: "K1",
		NoSync:   true,
		Now:      func() time.Time { return testDay },
	}
}

func openTest(t testing.TB, cfg Config) *DB {
	t.Helper()
	db, err := Open(cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func issue(t testing.TB, db *DB, service, letter string, now time.Time) Ticket {
	t.Helper()
	tk, err := db.IssueTicket(context.Background(), NewTicket{Service: service, Letter: letter, Lang: "en", Now: now})
	if err != nil {
		t.Fatalf("IssueTicket(%s at %v): %v", service, now, err)
	}
	return tk
}

func TestIssueTicketNumbering(t *testing.T) {
	dubai := dubai()
	type step struct {
		service, letter string
		at              time.Time
		wantNumber      string
		wantID          string
		wantDay         string
		wantAhead       int
	}
	tests := []struct {
		name   string
		prefix string
		steps  []step
	}{
		{"per service", "", []step{
			{"social-assistance", "A", testDay, "A-001", "S1-K1-20261204-A001", "2026-12-04", 0},
			{"social-assistance", "A", testDay, "A-002", "S1-K1-20261204-A002", "2026-12-04", 1},
			{"home-care", "H", testDay, "H-001", "S1-K1-20261204-H001", "2026-12-04", 0},
			{"social-assistance", "A", testDay, "A-003", "S1-K1-20261204-A003", "2026-12-04", 2},
		}},
		{"midnight in Dubai", "", []step{
			{"social-assistance", "A", time.Date(2026, 12, 4, 23, 58, 0, 0, dubai), "A-001", "S1-K1-20261204-A001", "2026-12-04", 0},
			{"social-assistance", "A", time.Date(2026, 12, 4, 23, 59, 0, 0, dubai), "A-002", "S1-K1-20261204-A002", "2026-12-04", 1},
			{"social-assistance", "A", time.Date(2026, 12, 5, 0, 1, 0, 0, dubai), "A-001", "S1-K1-20261205-A001", "2026-12-05", 0},
		}},
		{"UTC evening is next local day", "", []step{
			// 20:30 UTC on the 4th is 00:30 on the 5th in Dubai.
			{"inquiries", "I", time.Date(2026, 12, 4, 19, 59, 0, 0, time.UTC), "I-001", "S1-K1-20261204-I001", "2026-12-04", 0},
			{"inquiries", "I", time.Date(2026, 12, 4, 20, 30, 0, 0, time.UTC), "I-001", "S1-K1-20261205-I001", "2026-12-05", 0},
		}},
		{"shared letter shares sequence", "", []step{
			{"complaints", "S", testDay, "S-001", "S1-K1-20261204-S001", "2026-12-04", 0},
			{"suggestions", "S", testDay, "S-002", "S1-K1-20261204-S002", "2026-12-04", 0},
		}},
		{"vehicle prefix", "V1", []step{
			{"home-care", "H", testDay, "V1-H-001", "S1-K1-20261204-H001", "2026-12-04", 0},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(t)
			cfg.NumberPrefix = tc.prefix
			db := openTest(t, cfg)
			for i, s := range tc.steps {
				got := issue(t, db, s.service, s.letter, s.at)
				if got.Number != s.wantNumber {
					t.Errorf("step %d: number = %q, want %q", i, got.Number, s.wantNumber)
				}
				if got.ID != s.wantID {
					t.Errorf("step %d: id = %q, want %q", i, got.ID, s.wantID)
				}
				if got.BusinessDay != s.wantDay {
					t.Errorf("step %d: business day = %q, want %q", i, got.BusinessDay, s.wantDay)
				}
				if got.PeopleAhead != s.wantAhead {
					t.Errorf("step %d: people ahead = %d, want %d", i, got.PeopleAhead, s.wantAhead)
				}
				if got.IssuedAt.Location() != time.UTC || !got.IssuedAt.Equal(s.at) {
					t.Errorf("step %d: issued at = %v, want %v in UTC", i, got.IssuedAt, s.at)
				}
				if got.PrintStatus != PrintPending || got.State != StateWaiting {
					t.Errorf("step %d: print status %q, state %q; want pending, waiting", i, got.PrintStatus, got.State)
				}
				if len(got.ID) >= 32 {
					t.Errorf("step %d: id %q is %d bytes, want under 32", i, got.ID, len(got.ID))
				}
			}
		})
	}
}

func TestIssueTicketStoresEverything(t *testing.T) {
	db := openTest(t, testConfig(t))
	var tokenID string
	var tokenTime time.Time
	nt := NewTicket{
		Service: "home-care", Letter: "H", Lang: "ar", Priority: PrioritySenior, Now: testDay,
		Token: func(id string, issued time.Time) string {
			tokenID, tokenTime = id, issued
			return "tok-" + id
		},
	}
	issued, err := db.IssueTicket(context.Background(), nt)
	if err != nil {
		t.Fatal(err)
	}
	if tokenID != issued.ID || !tokenTime.Equal(testDay) {
		t.Errorf("Token called with (%q, %v), want (%q, %v)", tokenID, tokenTime, issued.ID, testDay)
	}

	stored, err := db.Ticket(issued.ID)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ field, got, want string }{
		{"upload token", stored.UploadToken, "tok-" + issued.ID},
		{"service", stored.Service, "home-care"},
		{"lang", stored.Lang, "ar"},
		{"priority", string(stored.Priority), string(PrioritySenior)},
		{"business day", stored.BusinessDay, "2026-12-04"},
		{"site", stored.Site, "S1"},
		{"terminal", stored.Terminal, "K1"},
		{"issued at", stored.IssuedAt.String(), testDay.UTC().String()},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("stored %s = %q, want %q", c.field, c.got, c.want)
		}
	}

	byNumber, err := db.TicketByNumber("2026-12-04", "H-001")
	if err != nil || byNumber.ID != issued.ID {
		t.Errorf("TicketByNumber = %q, %v; want %q", byNumber.ID, err, issued.ID)
	}
	if _, err := db.TicketByNumber("2026-12-05", "H-001"); !errors.Is(err, ErrNotFound) {
		t.Errorf("TicketByNumber on another day: err = %v, want ErrNotFound", err)
	}
	if _, err := db.Ticket("S1-K1-20261204-Z999"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Ticket of unknown id: err = %v, want ErrNotFound", err)
	}
}

func TestIssueTicketRejectsInvalid(t *testing.T) {
	tests := []struct {
		name string
		nt   NewTicket
	}{
		{"empty service", NewTicket{Letter: "A", Lang: "ar"}},
		{"service with space", NewTicket{Service: "social assistance", Letter: "A", Lang: "ar"}},
		{"lowercase letter", NewTicket{Service: "s", Letter: "a", Lang: "ar"}},
		{"two letters", NewTicket{Service: "s", Letter: "AB", Lang: "ar"}},
		{"Arabic letter", NewTicket{Service: "s", Letter: "ع", Lang: "ar"}},
		{"missing language", NewTicket{Service: "s", Letter: "A"}},
		{"unknown priority", NewTicket{Service: "s", Letter: "A", Lang: "ar", Priority: "vip"}},
	}
	db := openTest(t, testConfig(t))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := db.IssueTicket(context.Background(), tc.nt)
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
	tickets, err := db.Tickets("2026-12-04")
	if err != nil || len(tickets) != 0 {
		t.Errorf("after rejected tickets: %d stored, err %v; want none", len(tickets), err)
	}
}

func TestIssueTicketCancelledContext(t *testing.T) {
	db := openTest(t, testConfig(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := db.IssueTicket(ctx, NewTicket{Service: "s", Letter: "A", Lang: "ar"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestSequenceExhausted(t *testing.T) {
	db := openTest(t, testConfig(t))
	for range MaxSequence {
		issue(t, db, "social-assistance", "A", testDay)
	}
	last, err := db.TicketByNumber("2026-12-04", "A-999")
	if err != nil {
		t.Fatalf("ticket A-999: %v", err)
	}
	if last.Seq != 999 {
		t.Errorf("last seq = %d, want 999", last.Seq)
	}

	_, err = db.IssueTicket(context.Background(), NewTicket{Service: "social-assistance", Letter: "A", Lang: "ar", Now: testDay})
	if !errors.Is(err, ErrSequenceExhausted) {
		t.Fatalf("ticket 1000: err = %v, want ErrSequenceExhausted", err)
	}
	if !strings.Contains(err.Error(), "2026-12-04") || !strings.Contains(err.Error(), "letter A") {
		t.Errorf("error %q does not name the letter and day", err)
	}

	// Other letters and the next day are unaffected.
	if got := issue(t, db, "home-care", "H", testDay); got.Number != "H-001" {
		t.Errorf("other letter: %q, want H-001", got.Number)
	}
	if got := issue(t, db, "social-assistance", "A", testDay.AddDate(0, 0, 1)); got.Number != "A-001" {
		t.Errorf("next day: %q, want A-001", got.Number)
	}
}

func TestIssueTicketNeverOverwrites(t *testing.T) {
	db := openTest(t, testConfig(t))
	first := issue(t, db, "social-assistance", "A", testDay)
	issue(t, db, "social-assistance", "A", testDay)

	// Wind the letter's sequence back, as a damaged counter would.
	err := db.Bolt().Update(func(tx *bbolt.Tx) error {
		return putU32(tx.Bucket(bucketSeqs), joinKey("20261204", "A"), 0)
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.IssueTicket(context.Background(), NewTicket{Service: "home-care", Letter: "A", Lang: "ar", Now: testDay})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), first.ID) {
		t.Fatalf("issue over an existing number: err = %v, want ErrDamaged naming %s", err, first.ID)
	}
	stored, err := db.Ticket(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Service != "social-assistance" {
		t.Errorf("ticket %s was overwritten with service %s", first.ID, stored.Service)
	}
}

func TestPrintFailureKeepsNumber(t *testing.T) {
	db := openTest(t, testConfig(t))
	failed := issue(t, db, "social-assistance", "A", testDay)
	if err := db.SetPrintStatus(context.Background(), failed.ID, NotPrinted); err != nil {
		t.Fatal(err)
	}

	next := issue(t, db, "social-assistance", "A", testDay)
	if next.Number != "A-002" {
		t.Errorf("next number = %q, want A-002", next.Number)
	}
	stored, err := db.Ticket(failed.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.PrintStatus != NotPrinted || stored.Number != "A-001" || stored.State != StateWaiting {
		t.Errorf("failed ticket stored as %s %s %s, want A-001 not-printed waiting",
			stored.Number, stored.PrintStatus, stored.State)
	}
	if next.PeopleAhead != 1 {
		t.Errorf("people ahead of A-002 = %d, want 1 (the unprinted A-001 still waits)", next.PeopleAhead)
	}

	if err := db.SetPrintStatus(context.Background(), failed.ID, "lost"); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown print status: err = %v, want ErrInvalid", err)
	}
	if err := db.SetPrintStatus(context.Background(), "nope", Printed); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown ticket: err = %v, want ErrNotFound", err)
	}
}

func TestNumbersSurviveReopen(t *testing.T) {
	cfg := testConfig(t)
	db, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		issue(t, db, "social-assistance", "A", testDay)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = openTest(t, cfg)
	if got := issue(t, db, "social-assistance", "A", testDay); got.Number != "A-004" {
		t.Errorf("after reopen: %q, want A-004", got.Number)
	}
	tickets, err := db.Tickets("2026-12-04")
	if err != nil {
		t.Fatal(err)
	}
	if len(tickets) != 4 {
		t.Errorf("Tickets = %d, want 4", len(tickets))
	}
	waiting, err := db.Waiting("2026-12-04")
	if err != nil {
		t.Fatal(err)
	}
	if waiting["social-assistance"] != 4 {
		t.Errorf("Waiting = %v, want social-assistance: 4", waiting)
	}
}

// TestNumbersSurviveKill kills a process that issues tickets with fsync on
// and checks that every number it reported is stored and never issued
// again.
func TestNumbersSurviveKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frontdesk.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childModeEnv+"=issue-forever", childPathEnv+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}

	var reported []string
	lines := bufio.NewScanner(stdout)
	for len(reported) < 25 && lines.Scan() {
		if strings.HasPrefix(lines.Text(), "error:") {
			t.Fatalf("child: %s", lines.Text())
		}
		reported = append(reported, lines.Text())
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(reported) < 25 {
		t.Fatalf("child reported %d tickets before it stopped, want 25", len(reported))
	}

	cfg := Config{Path: path, Site: "S1", Terminal: "K1"}
	db := openTest(t, cfg)
	day := db.BusinessDay(time.Now())
	for _, number := range reported {
		if _, err := db.TicketByNumber(day, number); err != nil {
			t.Errorf("reported ticket %s lost after kill: %v", number, err)
		}
	}
	tickets, err := db.Tickets(day)
	if err != nil {
		t.Fatal(err)
	}
	next := issue(t, db, "social-assistance", "A", time.Now())
	for _, old := range tickets {
		if old.Number == next.Number {
			t.Errorf("number %s issued again after kill", next.Number)
		}
	}
	if next.Seq != len(tickets)+1 {
		t.Errorf("next seq = %d, want %d (one past the %d stored)", next.Seq, len(tickets)+1, len(tickets))
	}
}

func TestIssueTicketConcurrent(t *testing.T) {
	const workers, perWorker = 8, 200
	db := openTest(t, testConfig(t))
	services := []struct{ id, letter string }{{"social-assistance", "A"}, {"home-care", "H"}}

	results := make(chan string, workers*perWorker)
	errs := make(chan error, workers)
	for w := range workers {
		go func() {
			s := services[w%len(services)]
			for range perWorker {
				tk, err := db.IssueTicket(context.Background(), NewTicket{Service: s.id, Letter: s.letter, Lang: "ar"})
				if err != nil {
					errs <- err
					return
				}
				results <- tk.ID
			}
			errs <- nil
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	close(results)

	seen := make(map[string]bool)
	for id := range results {
		if seen[id] {
			t.Errorf("ticket %s issued twice", id)
		}
		seen[id] = true
	}
	if len(seen) != workers*perWorker {
		t.Errorf("%d distinct tickets, want %d", len(seen), workers*perWorker)
	}
	for _, s := range services {
		// Each letter got exactly 1..800 with no gap.
		for seq := 1; seq <= workers*perWorker/len(services); seq++ {
			id := fmt.Sprintf("S1-K1-20261204-%s%03d", s.letter, seq)
			if !seen[id] {
				t.Errorf("ticket %s missing", id)
			}
		}
	}
}

func TestOpenInUse(t *testing.T) {
	cfg := testConfig(t)
	openTest(t, cfg)

	t.Run("same process", func(t *testing.T) {
		second := cfg
		second.OpenTimeout = 100 * time.Millisecond
		type result struct {
			db  *DB
			err error
		}
		done := make(chan result, 1)
		go func() {
			db, err := Open(second)
			done <- result{db, err}
		}()
		var db *DB
		var err error
		select {
		case r := <-done:
			db, err = r.db, r.err
		case <-time.After(30 * time.Second):
			// Only a guard against a hang, far above the 100 ms timeout.
			t.Fatal("second Open hung")
		}
		if err == nil {
			db.Close()
			t.Fatal("second Open succeeded, want ErrInUse")
		}
		if !errors.Is(err, ErrInUse) {
			t.Fatalf("err = %v, want ErrInUse", err)
		}
		if want := fmt.Sprintf("pid %d", os.Getpid()); !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	})

	t.Run("second process", func(t *testing.T) {
		// The context only stops a hung child, so the test fails instead of
		// blocking the test run.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childModeEnv+"=open", childPathEnv+"="+cfg.Path)
		out, err := cmd.Output()
		if ctx.Err() != nil {
			t.Fatal("second process hung on Open")
		}
		if err != nil {
			t.Fatalf("child: %v", err)
		}
		text := string(out)
		if !strings.HasPrefix(text, "in-use=true\n") {
			t.Errorf("child output %q, want ErrInUse", text)
		}
		if want := "pid " + strconv.Itoa(os.Getpid()); !strings.Contains(text, want) {
			t.Errorf("child error %q does not name %q", text, want)
		}
	})
}

func TestOpenAfterStaleLockFile(t *testing.T) {
	cfg := testConfig(t)
	// A pid that cannot run: Linux pids stay below 2^22.
	if err := os.WriteFile(cfg.Path+lockFileSuffix, []byte("99999999\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	db := openTest(t, cfg)
	issue(t, db, "inquiries", "I", testDay)
}

func TestOpenRejectsNewerSchema(t *testing.T) {
	cfg := testConfig(t)
	db, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Bolt().Update(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, []byte{0, 0, 0, SchemaVersion + 1})
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	_, err = Open(cfg)
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("err = %v, want ErrNewerSchema", err)
	}
	for _, want := range []string{"version 2", "up to 1"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

func TestOpenRejectsInvalidConfig(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no path", Config{Site: "S1", Terminal: "K1"}},
		{"no site", Config{Path: filepath.Join(dir, "a.db"), Terminal: "K1"}},
		{"site with dash", Config{Path: filepath.Join(dir, "a.db"), Site: "S-1", Terminal: "K1"}},
		{"long terminal", Config{Path: filepath.Join(dir, "a.db"), Site: "S1", Terminal: "KIOSK1234"}},
		{"lowercase prefix", Config{Path: filepath.Join(dir, "a.db"), Site: "S1", Terminal: "K1", NumberPrefix: "v1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(tc.cfg)
			if err == nil {
				db.Close()
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestDefaultLocationIsDubai(t *testing.T) {
	cfg := testConfig(t)
	db := openTest(t, cfg)
	// 20:00 UTC is midnight in Dubai.
	tests := []struct {
		utc  time.Time
		want string
	}{
		{time.Date(2026, 12, 4, 19, 59, 59, 0, time.UTC), "2026-12-04"},
		{time.Date(2026, 12, 4, 20, 0, 0, 0, time.UTC), "2026-12-05"},
	}
	for _, tc := range tests {
		t.Run(tc.utc.Format(time.TimeOnly), func(t *testing.T) {
			if got := db.BusinessDay(tc.utc); got != tc.want {
				t.Errorf("BusinessDay(%v) = %s, want %s", tc.utc, got, tc.want)
			}
		})
	}
}

func BenchmarkIssueTicket(b *testing.B) {
	cfg := testConfig(b)
	cfg.NoSync = false // measure the commit with fdatasync, as in production
	db := openTest(b, cfg)
	ctx := context.Background()
	day := testDay
	n := 0
	for b.Loop() {
		// Move to the next day before the letter's 999 numbers run out.
		if n++; n%MaxSequence == 0 {
			day = day.AddDate(0, 0, 1)
		}
		if _, err := db.IssueTicket(ctx, NewTicket{Service: "social-assistance", Letter: "A", Lang: "ar", Now: day}); err != nil {
			b.Fatal(err)
		}
	}
}
