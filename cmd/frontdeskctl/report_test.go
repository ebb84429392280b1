package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdesk/cmd/internal/config"
	"frontdesk/cmd/internal/setup"
	"frontdesk/store"
)

// servedFixture is a configuration file whose store holds two tickets of
// today: A-001 served at counter 3 and A-002 still waiting.
func servedFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "frontdesk.yaml")
	yaml := "data_dir: " + filepath.Join(dir, "data") + "\nterminal:\n  id: D1\n  site: S1\n  role: reception\n"
	if err := os.WriteFile(cfgPath, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	db, err := setup.OpenStore(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for range 2 {
		if _, err := db.IssueTicket(ctx, store.NewTicket{Service: "assistance", Letter: "A", Lang: "ar"}); err != nil {
			t.Fatal(err)
		}
	}
	tk, err := db.CallNext(ctx, 3, []string{"assistance"}, "amna", store.PriorityRule{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Complete(ctx, 3, tk.ID, "amna"); err != nil {
		t.Fatal(err)
	}
	return cfgPath
}

func runCmd(t *testing.T, cfgPath string, cmd command, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &ctlEnv{configFile: cfgPath, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	code := cmd(args, env)
	env.close()
	return code, stdout.String(), stderr.String()
}

func TestRatingAdd(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		output string // part of standard output, or of standard error when code is not 0
	}{
		{"very good", []string{"add", "--ticket", "A-001", "--level", "very-good"}, 0, "A-001 very-good"},
		{"bad with reason", []string{"add", "--ticket", "A-001", "--level", "bad", "--reason", "waiting-time"}, 0,
			"(stored)"},
		{"waiting ticket", []string{"add", "--ticket", "A-002", "--level", "good"}, 1, "never served"},
		{"unknown ticket", []string{"add", "--ticket", "Z-999", "--level", "good"}, 1, "not found"},
		{"neutral level", []string{"add", "--ticket", "A-001", "--level", "neutral"}, 2, "--level"},
		{"reason after good", []string{"add", "--ticket", "A-001", "--level", "good", "--reason", "other"}, 1,
			"only asked after a bad"},
		{"no ticket", []string{"add", "--level", "good"}, 2, "--ticket"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfgPath := servedFixture(t)
			code, stdout, stderr := runCmd(t, cfgPath, runRating, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, tt.code, stdout, stderr)
			}
			out := stdout
			if code != 0 {
				out = stderr
			}
			if !strings.Contains(out, tt.output) {
				t.Errorf("output %q does not contain %q", out, tt.output)
			}
		})
	}
}

func TestRatingAddJSONThenReport(t *testing.T) {
	cfgPath := servedFixture(t)
	code, stdout, stderr := runCmd(t, cfgPath, runRating, "add", "--ticket", "A-001", "--level", "good", "--json")
	if code != 0 {
		t.Fatalf("rating add: exit %d: %s", code, stderr)
	}
	var r ratingJSON
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if r.Level != "good" || r.Counter != 3 || r.Staff != "amna" || r.Outcome != "stored" {
		t.Errorf("rating = %+v, want good at counter 3 by amna, stored", r)
	}
	outOfHours := r.OutOfHours

	dir := t.TempDir()
	csvPath, ticketsPath, charts := filepath.Join(dir, "r.csv"), filepath.Join(dir, "t.csv"), filepath.Join(dir, "png")
	code, stdout, stderr = runCmd(t, cfgPath, runReport, "--json", "--csv", csvPath, "--tickets-csv", ticketsPath,
		"--charts", charts, "--lang", "ar")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	var fig reportJSON
	if err := json.Unmarshal([]byte(stdout), &fig); err != nil {
		t.Fatal(err)
	}
	if fig.Counts.Issued != 2 || fig.Counts.Served != 1 {
		t.Errorf("counts = %+v, want 2 issued and 1 served", fig.Counts)
	}
	// A rating given outside 07:00 to 20:00 Dubai time, as when the test
	// runs at night, is kept but left out of the figures.
	wantRatings := 1
	if outOfHours {
		wantRatings = 0
	}
	if fig.Ratings.Good != wantRatings {
		t.Errorf("good ratings = %d, want %d", fig.Ratings.Good, wantRatings)
	}
	for _, path := range []string{csvPath, ticketsPath} {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s has no byte-order mark", path)
		}
	}
	pngs, _ := filepath.Glob(filepath.Join(charts, "*.png"))
	if len(pngs) != 3 {
		t.Errorf("charts = %v, want 3 PNG files", pngs)
	}
}

func TestReportText(t *testing.T) {
	cfgPath := servedFixture(t)
	code, stdout, stderr := runCmd(t, cfgPath, runReport, "--service", "assistance")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	today := time.Now().In(dubaiZone(t)).Format(time.DateOnly)
	for _, want := range []string{"report " + today + " to " + today, "issued 2  served 1", "assistance"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output %q does not contain %q", stdout, want)
		}
	}
	if code, _, _ := runCmd(t, cfgPath, runReport, "--from", "2026-12-09", "--to", "2026-12-01"); code != 1 {
		t.Errorf("reversed period: exit %d, want 1", code)
	}
}

func dubaiZone(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Dubai")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
