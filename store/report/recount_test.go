package report

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store"
	"frontdesk/store/rating"
)

// The crash test re-runs the test binary with childEnv set to the database
// path; the child runs random operations until the parent kills it.
const childEnv = "FRONTDESK_REPORT_TEST_CHILD_DB"

func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		runChild(path)
		return
	}
	code := m.Run()
	cleanupBench()
	os.Exit(code)
}

var opsStart = time.Date(2026, 12, 6, 6, 30, 0, 0, dubaiZone)

// opRunner applies random queue and rating operations to an env. Failed
// operations (an empty queue, a busy counter, a second rating too late)
// are part of the mix: they must leave the aggregates alone.
type opRunner struct {
	e       *env
	rng     *rand.Rand
	tickets []store.Ticket // issued, latest known state
}

var services = []struct{ id, letter string }{{"assistance", "A"}, {"complaints", "B"}, {"home-care", "C"}}

func (o *opRunner) step(t testing.TB) {
	ctx := context.Background()
	e := o.e
	e.clock.Advance(time.Duration(o.rng.IntN(240)) * time.Second)
	counter := 1 + o.rng.IntN(4)
	staff := fmt.Sprintf("staff%d", counter)
	var tk store.Ticket
	var err error

	switch n := o.rng.IntN(100); {
	case n < 25:
		s := services[o.rng.IntN(len(services))]
		tk, err = e.db.IssueTicket(ctx, store.NewTicket{Service: s.id, Letter: s.letter, Lang: "ar"})
	case n < 45:
		ids := []string{services[counter%3].id, services[(counter+1)%3].id}
		tk, err = e.db.CallNext(ctx, counter, ids, staff, store.PriorityRule{Every: 3})
	case n < 85:
		tk, err = o.act(ctx, n)
	case n < 95:
		o.rate(ctx)
		return
	default:
		if _, err := e.reports.Sync(); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err != nil || tk.ID == "" {
		return
	}
	o.remember(tk)

	// Count some transitions at once, as a store hook would; Sync counts
	// the rest later.
	if o.rng.IntN(3) == 0 {
		err := e.db.Bolt().Update(func(tx *bbolt.Tx) error {
			return e.reports.Apply(tx, tk, tk.History[len(tk.History)-1])
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// act moves a called or held ticket on: complete, no-show, transfer, hold,
// resume or recall.
func (o *opRunner) act(ctx context.Context, n int) (store.Ticket, error) {
	if len(o.tickets) == 0 {
		return store.Ticket{}, nil
	}
	old := o.tickets[o.rng.IntN(len(o.tickets))]
	tk, err := o.e.db.Ticket(old.ID)
	if err != nil || tk.Counter == 0 {
		return store.Ticket{}, err
	}
	db, c, id, staff := o.e.db, tk.Counter, tk.ID, fmt.Sprintf("staff%d", tk.Counter)
	switch {
	case n < 62:
		return db.Complete(ctx, c, id, staff)
	case n < 67:
		return db.NoShow(ctx, c, id, staff)
	case n < 73:
		to := services[o.rng.IntN(len(services))].id
		return db.Transfer(ctx, c, id, staff, store.TransferTarget{Service: to})
	case n < 77:
		return db.Hold(ctx, c, id, staff)
	case n < 81:
		return db.Resume(ctx, c, id, staff)
	}
	return db.Recall(ctx, c, id, staff)
}

func (o *opRunner) rate(ctx context.Context) {
	level := rating.Levels()[o.rng.IntN(4)]
	nr := rating.NewRating{Level: level, Terminal: "K2"}
	if len(o.tickets) > 0 && o.rng.IntN(4) > 0 {
		nr.TicketID = o.tickets[o.rng.IntN(len(o.tickets))].ID
	}
	if level.Negative() && o.rng.IntN(2) == 0 {
		nr.Reason = rating.Reasons()[o.rng.IntN(len(rating.Reasons()))]
	}
	_, _, _ = o.e.book.Add(ctx, nr)
}

func (o *opRunner) remember(tk store.Ticket) {
	for i := range o.tickets {
		if o.tickets[i].ID == tk.ID {
			o.tickets[i] = tk
			return
		}
	}
	o.tickets = append(o.tickets, tk)
	if len(o.tickets) > 200 {
		o.tickets = o.tickets[len(o.tickets)-200:]
	}
}

// snapshot returns every non-empty aggregate cell, decoded, by key.
func snapshot(t *testing.T, r *Reports) map[string]cell {
	t.Helper()
	cells := map[string]cell{}
	err := r.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketCells).ForEach(func(k, v []byte) error {
			c, err := decodeCell(v)
			if err != nil {
				return err
			}
			if !bytes.Equal(c.encode(), (&cell{}).encode()) {
				cells[strings.ReplaceAll(string(k), "\x00", "|")] = c
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return cells
}

// compareWithRecount syncs, snapshots the aggregates, recounts them from
// the records and reports every cell that differs.
func compareWithRecount(t *testing.T, e *env) {
	t.Helper()
	if _, err := e.reports.Sync(); err != nil {
		t.Fatal(err)
	}
	kept := snapshot(t, e.reports)
	if err := e.reports.Recount(); err != nil {
		t.Fatal(err)
	}
	recounted := snapshot(t, e.reports)
	if len(kept) == 0 {
		t.Fatal("no aggregates were kept; the operations counted nothing")
	}
	for k, c := range recounted {
		was := kept[k]
		if !bytes.Equal(was.encode(), c.encode()) {
			t.Errorf("cell %s: kept %+v, recount %+v", k, kept[k], c)
		}
	}
	for k := range kept {
		if _, ok := recounted[k]; !ok {
			t.Errorf("cell %s kept but absent from the recount", k)
		}
	}
}

func TestAggregatesEqualRecount(t *testing.T) {
	e := openEnv(t, filepath.Join(t.TempDir(), "frontdesk.db"), opsStart, true)
	o := &opRunner{e: e, rng: rand.New(rand.NewPCG(5, 10000))}
	for i := range randomOps {
		if i == randomOps/2 {
			// From here on the store counts each transition in its own
			// transaction, after catching up on the events before.
			e.db.OnTransition(e.reports.Apply)
		}
		o.step(t)
	}
	compareWithRecount(t, e)

	fig, err := e.reports.Report("2026-12-06", e.db.BusinessDay(e.clock.Now()), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if fig.Counts.Served == 0 || fig.Ratings.Total() == 0 || fig.Counts.Transferred == 0 || fig.Counts.NoShows == 0 {
		t.Errorf("the mix missed a kind of event: %+v, ratings %+v", fig.Counts, fig.Ratings)
	}
}

// runChild runs operations on the database at path, printing a line after
// each Sync, until it is killed.
func runChild(path string) {
	t := &testing.T{}
	e := openEnv(t, path, opsStart, true)
	o := &opRunner{e: e, rng: rand.New(rand.NewPCG(uint64(os.Getpid()), 7))}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		o.step(t)
		if i%50 == 0 {
			if _, err := e.reports.Sync(); err != nil {
				fmt.Fprintln(out, "error:", err)
				out.Flush()
				os.Exit(1)
			}
			fmt.Fprintln(out, "synced", i)
			out.Flush()
		}
	}
}

func TestAggregatesEqualRecountAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "frontdesk.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}

	// Kill the child at a random point after it has synced a few times,
	// most likely in the middle of a write transaction.
	lines := bufio.NewScanner(stdout)
	syncs := 0
	for syncs < 20 && lines.Scan() {
		if strings.HasPrefix(lines.Text(), "error:") {
			t.Fatalf("child: %s", lines.Text())
		}
		syncs++
	}
	time.Sleep(time.Duration(rand.IntN(20)) * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if syncs < 20 {
		t.Fatalf("child stopped after %d syncs", syncs)
	}

	e := openEnv(t, path, opsStart.Add(72*time.Hour), true)
	queue, _, err := e.reports.Cursors()
	if err != nil {
		t.Fatal(err)
	}
	if queue == 0 {
		t.Fatal("the child counted no queue event before it was killed")
	}
	compareWithRecount(t, e)
}
