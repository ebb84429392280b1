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

	"go.etcd.io/bbolt"

	"frontdesk/cmd/internal/config"
	"frontdesk/cmd/internal/setup"
	"frontdesk/store"
)

// ledgerFixture is a configuration file whose data directory holds a
// store with a reception staff member (PIN 1111) and a supervisor (PIN
// 2222).
func ledgerFixture(t *testing.T) string {
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
	staff := []store.NewStaff{
		{ID: "r1", Name: "Reception One", Role: store.RoleReception, PIN: "1111"},
		{ID: "s1", Name: "Supervisor One", Role: store.RoleSupervisor, PIN: "2222"},
	}
	for _, s := range staff {
		if _, err := db.AddStaff(context.Background(), s, "admin"); err != nil {
			t.Fatalf("add staff %s: %v", s.ID, err)
		}
	}
	return cfgPath
}

// runLedgerCmd runs one ledger command as frontdeskctl would, with stdin
// as standard input, and returns its exit code and output.
func runLedgerCmd(t *testing.T, cfgPath, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &ctlEnv{configFile: cfgPath, stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr}
	code := runLedger(args, &stdout, &stderr, env)
	env.close()
	return code, stdout.String(), stderr.String()
}

type recordOutput struct {
	ID         string `json:"id"`
	Seq        uint64 `json:"seq"`
	Amount     int64  `json:"amount_fils"`
	EmiratesID string `json:"emirates_id"`
	Staff      string `json:"staff"`
	Terminal   string `json:"terminal"`
	Created    bool   `json:"created"`
}

func TestLedgerCommands(t *testing.T) {
	cfgPath := ledgerFixture(t)
	record := []string{"record", "--kind", "exchange", "--method", "cash", "--amount", "١٬٢٥٠٫٥٠",
		"--eid", "784-1990-1234567-6", "--case", "SA-7", "--staff", "r1", "--key", "tap-1", "--json"}

	code, stdout, stderr := runLedgerCmd(t, cfgPath, "1111\n", record...)
	if code != 0 {
		t.Fatalf("record: exit %d, stderr %q", code, stderr)
	}
	var first recordOutput
	if err := json.Unmarshal([]byte(stdout), &first); err != nil {
		t.Fatalf("record --json output %q: %v", stdout, err)
	}
	want := recordOutput{ID: first.ID, Seq: 1, Amount: 125050, EmiratesID: "784199012345676",
		Staff: "r1", Terminal: "D1", Created: true}
	if first != want {
		t.Errorf("record output = %+v, want %+v", first, want)
	}

	t.Run("same key again", func(t *testing.T) {
		code, stdout, stderr := runLedgerCmd(t, cfgPath, "1111\n", record...)
		if code != 0 {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		var again recordOutput
		if err := json.Unmarshal([]byte(stdout), &again); err != nil {
			t.Fatal(err)
		}
		if again.ID != first.ID || again.Created {
			t.Errorf("second record = %s created %v, want %s created false", again.ID, again.Created, first.ID)
		}
	})

	failures := []struct {
		name     string
		stdin    string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"three decimals", "1111\n", []string{"record", "--kind", "exchange", "--method", "cash",
			"--amount", "1.155", "--eid", "784199012345676", "--case", "SA-7", "--staff", "r1", "--key", "k2"},
			1, "more than two decimals"},
		{"wrong check digit", "1111\n", []string{"record", "--kind", "exchange", "--method", "cash",
			"--amount", "10", "--eid", "784-1990-1234567-1", "--case", "SA-7", "--staff", "r1", "--key", "k3"},
			1, "check digit"},
		{"wrong PIN", "9999\n", []string{"record", "--kind", "exchange", "--method", "cash",
			"--amount", "10", "--eid", "784199012345676", "--case", "SA-7", "--staff", "r1", "--key", "k4"},
			1, "wrong staff id or PIN"},
		{"missing key", "1111\n", []string{"record", "--kind", "exchange", "--amount", "10",
			"--eid", "784199012345676", "--case", "SA-7", "--staff", "r1"}, 2, "needs --key"},
		{"void by reception", "1111\n", []string{"void", first.ID, "--reason", "typo", "--staff", "r1"},
			1, "supervisor role required"},
		{"void without reason", "2222\n", []string{"void", first.ID, "--staff", "s1"}, 2, "--reason"},
		{"close by reception", "1111\n", []string{"close", "--staff", "r1"}, 1, "supervisor role required"},
		{"unknown command", "", []string{"delete"}, 2, "unknown ledger command"},
	}
	for _, tt := range failures {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runLedgerCmd(t, cfgPath, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.wantCode, stderr)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.wantErr)
			}
		})
	}

	code, stdout, stderr = runLedgerCmd(t, cfgPath, "2222\n", "void", strings.ToLower(first.ID),
		"--reason", "paid twice", "--staff", "s1")
	if code != 0 {
		t.Fatalf("void: exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, "reversed "+first.ID) || !strings.Contains(stdout, "AED -1,250.50") {
		t.Errorf("void output %q does not show the reversal", stdout)
	}

	code, stdout, _ = runLedgerCmd(t, cfgPath, "", "list")
	if code != 0 || !strings.Contains(stdout, "2 entries on ") || !strings.Contains(stdout, "784-****-*****67-6") {
		t.Errorf("list: exit %d, output %q, want 2 entries with masked ids", code, stdout)
	}
	if strings.Contains(stdout, "784199012345676") {
		t.Errorf("list output shows a full Emirates ID: %q", stdout)
	}

	csvPath := filepath.Join(t.TempDir(), "day.csv")
	if code, _, stderr := runLedgerCmd(t, cfgPath, "", "export", "--csv", csvPath); code != 0 {
		t.Fatalf("export: exit %d, stderr %q", code, stderr)
	}
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\ufeffseq,id,")) || bytes.Count(data, []byte("\r\n")) != 3 {
		t.Errorf("export file = %q, want a byte order mark, a header and 2 rows", data)
	}
	if info, err := os.Stat(csvPath); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("export file mode = %v, %v, want 0600", info.Mode().Perm(), err)
	}

	code, stdout, _ = runLedgerCmd(t, cfgPath, "", "verify")
	if code != 0 || !strings.Contains(stdout, "ledger intact: 2 entries") {
		t.Errorf("verify: exit %d, output %q", code, stdout)
	}

	code, stdout, stderr = runLedgerCmd(t, cfgPath, "2222\n", "close", "--staff", "s1")
	if code != 0 {
		t.Fatalf("close: exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, "method cash") || !strings.Contains(stdout, "chain head: entry 2") {
		t.Errorf("close output %q lacks the cash totals or the chain head", stdout)
	}
	record[len(record)-2] = "tap-2"
	if code, _, stderr := runLedgerCmd(t, cfgPath, "1111\n", record...); code != 1 || !strings.Contains(stderr, "closed") {
		t.Errorf("record after close: exit %d, stderr %q, want 1 and the day closed", code, stderr)
	}

	tamperFirstEntry(t, cfgPath)
	code, _, stderr = runLedgerCmd(t, cfgPath, "", "verify")
	if code != 1 || !strings.Contains(stderr, "hash chain is broken at entry 1") {
		t.Errorf("verify of a changed file: exit %d, stderr %q, want 1 and the break at entry 1", code, stderr)
	}
}

// tamperFirstEntry changes the last byte of the first ledger entry in the
// fixture's database.
func tamperFirstEntry(t *testing.T, cfgPath string) {
	t.Helper()
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(cfg.DataDir, setup.DatabaseFile)
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket([]byte("ledger.entries"))
		k, v := b.Cursor().First()
		changed := append([]byte(nil), v...)
		changed[len(changed)-1] ^= 1
		return b.Put(k, changed)
	})
	if err != nil {
		t.Fatal(err)
	}
}
