package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/cmd/internal/config"
	"frontdesk/cmd/internal/setup"
	"frontdesk/store"
)

// deskFixture is a configuration file whose store holds three waiting
// social assistance tickets, A-001 to A-003.
func deskFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "frontdesk.yaml")
	yaml := "data_dir: " + filepath.Join(dir, "data") + "\nterminal:\n  id: D1\n  site: S1\n  role: reception\n"
	if err := os.WriteFile(cfgPath, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatalf("load configuration: %v", err)
	}
	db, err := setup.OpenStore(cfg)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	defer db.Close()
	for range 3 {
		nt := store.NewTicket{Service: "social-assistance", Letter: "A", Lang: "ar"}
		tk, err := db.IssueTicket(context.Background(), nt)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetPrintStatus(context.Background(), tk.ID, store.Printed); err != nil {
			t.Fatal(err)
		}
	}
	return cfgPath
}

// addStaffMember adds an active reception staff member to the fixture's
// store, for the commands whose --staff must name one.
func addStaffMember(t *testing.T, cfgPath, id string) {
	t.Helper()
	code, _, stderr := runDeskCmd(t, runStaff, cfgPath, "482913\n", "add", "--id", id, "--name", id, "--role", "reception")
	if code != 0 {
		t.Fatalf("staff add %s: exit %d, stderr %q", id, code, stderr)
	}
}

// runDeskCmd runs one frontdeskctl command function with stdin as standard
// input and returns its exit code and output.
func runDeskCmd(t *testing.T, run command, cfgPath, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &ctlEnv{configFile: cfgPath, stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr}
	code := run(args, env)
	env.close()
	return code, stdout.String(), stderr.String()
}

func TestQueueCommands(t *testing.T) {
	cfgPath := deskFixture(t)
	steps := []struct {
		args     []string
		wantCode int
		wantOut  string // in standard output for code 0, standard error otherwise
	}{
		{[]string{"call", "--counter", "2"}, 0, "A-001 → counter 2"},
		{[]string{"call", "--counter", "2"}, 1, "counter 2 is serving A-001"},
		{[]string{"recall", "--counter", "2", "A-001"}, 0, "A-001 → counter 2"},
		{[]string{"complete", "--counter", "3", "a1"}, 1, "held by another counter"},
		{[]string{"hold", "--counter", "2", "A-001"}, 0, "A-001 held"},
		{[]string{"call", "--counter", "2"}, 0, "A-002 → counter 2"},
		{[]string{"transfer", "--counter", "2", "A-002", "--service", "inquiries"}, 0, "A-002 transferred to inquiries"},
		{[]string{"transfer", "--counter", "2", "A-003", "--service", "nowhere"}, 1, `unknown service "nowhere"`},
		{[]string{"transfer", "--counter", "2", "A-002"}, 2, "needs --service"},
		{[]string{"call", "--counter", "4", "--services", "inquiries"}, 0, "A-002 → counter 4"},
		{[]string{"complete", "--counter", "4", "A-002"}, 0, "A-002 completed"},
		{[]string{"resume", "--counter", "2", "A-001"}, 0, "A-001 → counter 2"},
		{[]string{"no-show", "--counter", "2", "A-001"}, 0, "A-001 no-show"},
		{[]string{"recall", "--counter", "2", "A-009"}, 1, `no ticket "A-009" today`},
		{[]string{"call"}, 2, "needs --counter"},
		{[]string{"dance"}, 2, "unknown queue command"},
	}
	for _, st := range steps {
		name := strings.Join(st.args, " ")
		code, stdout, stderr := runDeskCmd(t, runQueue, cfgPath, "", st.args...)
		if code != st.wantCode {
			t.Errorf("%s: exit %d, want %d (stdout %q, stderr %q)", name, code, st.wantCode, stdout, stderr)
			continue
		}
		out := stdout
		if code != 0 {
			out = stderr
		}
		if !strings.Contains(out, st.wantOut) {
			t.Errorf("%s: output %q, want it to contain %q", name, out, st.wantOut)
		}
	}

	code, stdout, stderr := runDeskCmd(t, runQueue, cfgPath, "", "list", "--json")
	if code != 0 {
		t.Fatalf("list: exit %d, stderr %q", code, stderr)
	}
	var list []queueTicketJSON
	if err := json.Unmarshal([]byte(stdout), &list); err != nil {
		t.Fatalf("list output is not JSON: %v\n%s", err, stdout)
	}
	if len(list) != 1 || list[0].Number != "A-003" || list[0].State != "waiting" {
		t.Errorf("queue list %+v, want only A-003 waiting", list)
	}
}

func TestQueueRejectsUnknownStaff(t *testing.T) {
	cfgPath := deskFixture(t)
	code, _, stderr := runDeskCmd(t, runQueue, cfgPath, "", "call", "--counter", "5", "--staff", "ghost")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr, `"ghost"`) {
		t.Errorf("stderr %q does not name the staff id", stderr)
	}
}

func TestQueueCallJSON(t *testing.T) {
	cfgPath := deskFixture(t)
	addStaffMember(t, cfgPath, "amal")
	code, stdout, stderr := runDeskCmd(t, runQueue, cfgPath, "", "call", "--counter", "5", "--json", "--staff", "amal")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got queueTicketJSON
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	if got.Number != "A-001" || got.State != "called" || got.Counter != 5 || got.Calls != 1 {
		t.Errorf("called %+v, want A-001 called once at counter 5", got)
	}
	if got.FirstCalledAt == "" {
		t.Error("first_called_at is empty")
	}
}

func TestStaffCommands(t *testing.T) {
	cfgPath := deskFixture(t)
	add := []string{"add", "--id", "amal", "--name", "Amal Al Suwaidi", "--role", "reception"}
	if code, _, stderr := runDeskCmd(t, runStaff, cfgPath, "", add...); code != 2 || !strings.Contains(stderr, "no PIN") {
		t.Errorf("add without a PIN: exit %d, stderr %q, want 2 naming the missing PIN", code, stderr)
	}
	if code, _, stderr := runDeskCmd(t, runStaff, cfgPath, "48\n", add...); code != 1 || !strings.Contains(stderr, "4 to 12") {
		t.Errorf("add with a 2-digit PIN: exit %d, stderr %q, want 1 naming the PIN rule", code, stderr)
	}
	if code, stdout, stderr := runDeskCmd(t, runStaff, cfgPath, "482913\n", add...); code != 0 || !strings.Contains(stdout, "added amal") {
		t.Fatalf("add: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if code, _, stderr := runDeskCmd(t, runStaff, cfgPath, "482913\n", add...); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("add twice: exit %d, stderr %q, want 1 and already exists", code, stderr)
	}
	if code, _, stderr := runDeskCmd(t, runStaff, cfgPath, "", "disable", "amal"); code != 0 {
		t.Fatalf("disable: exit %d, stderr %q", code, stderr)
	}

	code, stdout, stderr := runDeskCmd(t, runStaff, cfgPath, "", "list", "--json")
	if code != 0 {
		t.Fatalf("list: exit %d, stderr %q", code, stderr)
	}
	var list []staffJSON
	if err := json.Unmarshal([]byte(stdout), &list); err != nil {
		t.Fatalf("list output is not JSON: %v\n%s", err, stdout)
	}
	if len(list) != 1 || list[0].ID != "amal" || list[0].Active || list[0].Role != "reception" {
		t.Errorf("staff list %+v, want amal disabled with role reception", list)
	}
	if strings.Contains(stdout, "482913") || strings.Contains(stdout, "argon2") {
		t.Error("staff list prints the PIN or its hash")
	}
}

func TestRequestCommands(t *testing.T) {
	cfgPath := deskFixture(t)
	addStaffMember(t, cfgPath, "amal")
	create := []string{"create", "--type", "complaint", "--department", "customer-satisfaction",
		"--description", "Waited two hours", "--ticket", "A-002", "--mobile", "050 123 4567", "--json"}

	bad := append(append([]string{}, create...), "--eid", "784-1990-1234567-1")
	code, _, stderr := runDeskCmd(t, runRequest, cfgPath, "", bad...)
	if code != 1 || !strings.Contains(stderr, "784-1990-1234567-1") || !strings.Contains(stderr, "check") {
		t.Errorf("create with a wrong check digit: exit %d, stderr %q, want 1 naming the value and the fix", code, stderr)
	}

	good := append(append([]string{}, create...), "--eid", "٧٨٤-١٩٩٠-١٢٣٤٥٦٧-٦")
	code, stdout, stderr := runDeskCmd(t, runRequest, cfgPath, "", good...)
	if code != 0 {
		t.Fatalf("create: exit %d, stderr %q", code, stderr)
	}
	var r requestJSON
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("create output is not JSON: %v\n%s", err, stdout)
	}
	if r.Status != "received" || r.Mobile != "+971501234567" || !strings.HasSuffix(r.TicketID, "A002") {
		t.Errorf("created %+v, want a received request with the mobile normalised and ticket A-002", r)
	}
	if r.EmiratesID != "784-****-*****67-6" {
		t.Errorf("Emirates ID printed as %q, want it masked", r.EmiratesID)
	}

	for _, q := range []string{r.Tracking, "A-002", "+971 50 123 4567", "784199012345676"} {
		code, stdout, stderr := runDeskCmd(t, runRequest, cfgPath, "", "find", q, "--json")
		if code != 0 || !strings.Contains(stdout, r.Tracking) {
			t.Errorf("find %q: exit %d, stdout %q, stderr %q", q, code, stdout, stderr)
		}
	}

	updates := [][]string{
		{"--status", "transferred", "--department", "protection"},
		{"--status", "response-recorded", "--response", "Called back with an appointment"},
		{"--status", "informed", "--method", "phone", "--staff", "amal"},
	}
	for _, u := range updates {
		args := append([]string{"update", r.Tracking}, u...)
		if code, _, stderr := runDeskCmd(t, runRequest, cfgPath, "", args...); code != 0 {
			t.Fatalf("update %v: exit %d, stderr %q", u, code, stderr)
		}
	}
	code, _, stderr = runDeskCmd(t, runRequest, cfgPath, "", "update", r.Tracking, "--status", "received")
	if code != 1 || !strings.Contains(stderr, "received") {
		t.Errorf("update backwards: exit %d, stderr %q, want 1", code, stderr)
	}

	code, stdout, _ = runDeskCmd(t, runRequest, cfgPath, "", "list", "--department", "protection")
	if code != 0 || !strings.Contains(stdout, r.Tracking) || !strings.Contains(stdout, "informed") {
		t.Errorf("list: exit %d, stdout %q, want %s informed", code, stdout, r.Tracking)
	}
	if code, _, stderr := runDeskCmd(t, runRequest, cfgPath, "", "update", r.Tracking, "--status", "closed"); code != 0 {
		t.Fatalf("close: exit %d, stderr %q", code, stderr)
	}
	code, stdout, _ = runDeskCmd(t, runRequest, cfgPath, "", "show", r.Tracking)
	for _, want := range []string{"closed", "by amal", "protection", "+971 50 123 4567"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("show: output %q lacks %q", stdout, want)
		}
	}
	code, stdout, _ = runDeskCmd(t, runRequest, cfgPath, "", "list")
	if code != 0 || strings.Contains(stdout, r.Tracking) {
		t.Errorf("list after closing: exit %d, stdout %q, want the request gone", code, stdout)
	}
}

func TestRequestCreatePrints(t *testing.T) {
	cfgPath := deskFixture(t)
	code, stdout, stderr := runDeskCmd(t, runRequest, cfgPath, "", "create", "--type", "service",
		"--department", "home-care", "--description", "Home visit", "--eid", "784199012345676", "--print", "--json")
	if code != 0 {
		t.Fatalf("create --print: exit %d, stderr %q", code, stderr)
	}
	var r requestJSON
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}

	// The configured printer is virtual: it keeps each job as a .bin file.
	jobs, err := filepath.Glob(filepath.Join(filepath.Dir(cfgPath), "data", "receipts", "*.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 1 {
		t.Fatalf("printed %d jobs, want 1", len(jobs))
	}
	job, err := os.ReadFile(jobs[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{r.Tracking, "784-****-*****67-6", "https://upload.example/u/" + r.Tracking} {
		if !bytes.Contains(job, []byte(want)) {
			t.Errorf("receipt lacks %q", want)
		}
	}
	if bytes.Contains(job, []byte("REPRINT")) {
		t.Error("the first receipt carries the reprint mark")
	}

	if code, _, stderr := runDeskCmd(t, runRequest, cfgPath, "", "print", r.Tracking, "--lang", "en"); code != 0 {
		t.Fatalf("print: exit %d, stderr %q", code, stderr)
	}
	jobs, _ = filepath.Glob(filepath.Join(filepath.Dir(cfgPath), "data", "receipts", "*.bin"))
	if len(jobs) != 2 {
		t.Fatalf("printed %d jobs after a reprint, want 2", len(jobs))
	}
	marked := 0
	for _, path := range jobs {
		job, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(job, []byte("REPRINT")) {
			marked++
		}
	}
	if marked != 1 {
		t.Errorf("%d receipts carry the reprint mark, want the second one only", marked)
	}
}
