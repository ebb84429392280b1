package ledger

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store/money"
)

// The crash test runs this test binary again as a child process that
// records entries into a ledger file until the parent kills it.
const (
	crashFileEnv  = "FRONTDESK_LEDGER_CRASH_FILE"  // ledger file of the child
	crashStartEnv = "FRONTDESK_LEDGER_CRASH_START" // number of the child's first key
)

func TestMain(m *testing.M) {
	if path := os.Getenv(crashFileEnv); path != "" {
		os.Exit(runCrashChild(path, os.Getenv(crashStartEnv)))
	}
	os.Exit(m.Run())
}

// runCrashChild records entries with keys crash-START, crash-START+1, and
// so on, with fsync on, and reverses every fifth one. The parent starts
// each run at the last key printed before, so every run begins with a
// retry that must return the entry recorded before. It writes one line to
// standard output after each call returns: "ok KEY ID" for an entry and
// "rev ID REVERSAL-ID" for a reversal. It runs until it is killed.
func runCrashChild(path, startText string) int {
	start, err := strconv.Atoi(startText)
	if err != nil {
		fmt.Fprintf(os.Stderr, "crash child: start %q: %v\n", startText, err)
		return 2
	}
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 10 * time.Second})
	if err != nil {
		fmt.Fprintf(os.Stderr, "crash child: %v\n", err)
		return 2
	}
	l, err := New(db, Config{Terminal: "CRASH"})
	if err != nil {
		fmt.Fprintf(os.Stderr, "crash child: %v\n", err)
		return 2
	}
	fmt.Println("ready")

	ctx := context.Background()
	for i := start; ; i++ {
		key := fmt.Sprintf("crash-%06d", i)
		e, _, err := l.Record(ctx, exchange(key, 100+money.Fils(i)))
		if err != nil {
			fmt.Fprintf(os.Stderr, "crash child: record %s: %v\n", key, err)
			return 3
		}
		fmt.Printf("ok %s %s\n", key, e.ID)

		if i%5 != 0 {
			continue
		}
		rev, err := l.Reverse(ctx, e.ID, "crash test", "sup1", RoleSupervisor)
		if errors.Is(err, ErrAlreadyReversed) {
			continue // reversed by a run that was killed before it printed
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "crash child: reverse %s: %v\n", e.ID, err)
			return 3
		}
		fmt.Printf("rev %s %s\n", e.ID, rev.ID)
	}
}

// crashResults is what the children printed, over all runs.
type crashResults struct {
	keys      map[string]string // key -> entry id
	reversals map[string]string // reversed entry id -> reversal id
	nextKey   int               // number of the key after the last printed one
}

func TestCrashSafety(t *testing.T) {
	runs := 200
	if testing.Short() {
		runs = 20
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("random kill times from seed %d", seed)

	path := filepath.Join(t.TempDir(), "crash.db")
	got := crashResults{keys: map[string]string{}, reversals: map[string]string{}}
	for run := range runs {
		// Up to 15 ms after the child is ready, which is a few fsynced
		// commits, so kills land before, inside and between commits.
		delay := time.Duration(rng.Int64N(int64(15 * time.Millisecond)))
		if err := crashRun(exe, path, delay, &got); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
	}
	t.Logf("%d runs printed %d entries and %d reversals", runs, len(got.keys), len(got.reversals))
	if len(got.keys) == 0 {
		t.Fatal("no child recorded any entry before it was killed")
	}
	checkCrashFile(t, path, got)
}

// crashRun starts a child, kills it with SIGKILL delay after it is ready,
// and adds the lines it printed to got.
func crashRun(exe, path string, delay time.Duration, got *crashResults) error {
	cmd := exec.Command(exe)
	start := max(got.nextKey-1, 0)
	cmd.Env = append(os.Environ(), crashFileEnv+"="+path, crashStartEnv+"="+strconv.Itoa(start))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "ready" {
		cmd.Process.Kill()
		cmd.Wait()
		return fmt.Errorf("child did not start: %q, stderr: %s", lines.Text(), stderr.String())
	}

	time.Sleep(delay)
	if err := cmd.Process.Kill(); err != nil {
		return err
	}
	for lines.Scan() {
		if err := got.add(lines.Text()); err != nil {
			cmd.Wait()
			return err
		}
	}
	cmd.Wait()
	if strings.Contains(stderr.String(), "crash child:") {
		return fmt.Errorf("child failed: %s", stderr.String())
	}
	return nil
}

func (r *crashResults) add(line string) error {
	f := strings.Fields(line)
	if len(f) != 3 {
		return fmt.Errorf("child printed %q", line)
	}
	switch f[0] {
	case "ok":
		if id, ok := r.keys[f[1]]; ok && id != f[2] {
			return fmt.Errorf("key %s returned entry %s, earlier %s", f[1], f[2], id)
		}
		r.keys[f[1]] = f[2]
		n, err := strconv.Atoi(strings.TrimPrefix(f[1], "crash-"))
		if err != nil {
			return fmt.Errorf("child printed key %q", f[1])
		}
		r.nextKey = max(r.nextKey, n+1)
	case "rev":
		if id, ok := r.reversals[f[1]]; ok {
			return fmt.Errorf("entry %s reversed twice: by %s and %s", f[1], id, f[2])
		}
		r.reversals[f[1]] = f[2]
	default:
		return fmt.Errorf("child printed %q", line)
	}
	return nil
}

// checkCrashFile checks that every entry and reversal the children
// printed is in the file once, that no key or id is there twice, that no
// entry is reversed twice, and that the chain verifies.
func checkCrashFile(t *testing.T, path string, got crashResults) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 5 * time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l, err := New(db, Config{Terminal: "AUDIT"})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Verify(context.Background()); err != nil {
		t.Fatalf("Verify after crashes: %v", err)
	}

	byKey := map[string]int{}
	byID := map[string]int{}
	reversedBy := map[string]string{}
	err = l.Scan(context.Background(), 1, func(e Entry) error {
		byKey[e.IdempotencyKey]++
		byID[e.ID]++
		if e.IsReversal() {
			if other, ok := reversedBy[e.Reverses]; ok {
				t.Errorf("entry %s reversed twice: by %s and %s", e.Reverses, other, e.ID)
			}
			reversedBy[e.Reverses] = e.ID
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}

	for key, n := range byKey {
		if n != 1 {
			t.Errorf("key %s is in the ledger %d times", key, n)
		}
	}
	for id, n := range byID {
		if n != 1 {
			t.Errorf("id %s is in the ledger %d times", id, n)
		}
	}
	for key, id := range got.keys {
		if byID[id] != 1 || byKey[key] != 1 {
			t.Errorf("printed entry %s (key %s) is in the ledger %d times", id, key, byID[id])
		}
	}
	for orig, rev := range got.reversals {
		if reversedBy[orig] != rev {
			t.Errorf("printed reversal %s of %s is missing, the ledger has %q", rev, orig, reversedBy[orig])
		}
	}
}
