package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// isolate points every search path and XDG directory at an empty temporary
// tree, so the machine's own files never leak into a test.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Chdir(dir)
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "FRONTDESK_") {
			t.Setenv(name, "")
			os.Unsetenv(name)
		}
	}
	return dir
}

func writeFile(t *testing.T, dir, body string) string {
	t.Helper()
	path := filepath.Join(dir, "frontdesk.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadDefaults(t *testing.T) {
	dir := isolate(t)
	cfg, err := Load("")
	if err != nil {
		t.Fatalf("Load with no file: %v", err)
	}
	if cfg.File != "" {
		t.Errorf("File = %q, want empty", cfg.File)
	}
	if got, want := cfg.DataDir, filepath.Join(dir, "data", "frontdesk"); got != want {
		t.Errorf("DataDir = %q, want %q", got, want)
	}
	if cfg.Location.String() != "Asia/Dubai" {
		t.Errorf("Location = %v, want Asia/Dubai", cfg.Location)
	}
	if _, offset := time.Date(2026, 7, 1, 0, 0, 0, 0, cfg.Location).Zone(); offset != 4*3600 {
		t.Errorf("Asia/Dubai offset = %d s, want 14400", offset)
	}
	if cfg.Printer.Port != "virtual" || cfg.Terminal.Role != "kiosk" {
		t.Errorf("printer.port = %q, role = %q; want virtual, kiosk", cfg.Printer.Port, cfg.Terminal.Role)
	}

	want := map[string]string{
		"social-assistance": "A", "home-care": "H", "protection": "P", "consultations": "C",
		"volunteering": "V", "complaints-suggestions": "S", "inquiries": "I", "documents": "D",
	}
	if len(cfg.Services) != len(want) {
		t.Fatalf("%d services, want %d", len(cfg.Services), len(want))
	}
	for _, s := range cfg.Services {
		if want[s.ID] != s.Letter {
			t.Errorf("service %s letter %q, want %q", s.ID, s.Letter, want[s.ID])
		}
		if s.Discreet != (s.ID == "protection") {
			t.Errorf("service %s discreet = %v", s.ID, s.Discreet)
		}
	}
}

func TestLoadFileAndEnvironment(t *testing.T) {
	dir := isolate(t)
	writeFile(t, dir, "printer:\n  port: file:/tmp/out.bin\n  baud: 9600\nterminal:\n  id: K7\n")
	t.Setenv("FRONTDESK_PRINTER_BAUD", "38400")
	t.Setenv("FRONTDESK_TIME_ZONE", "UTC")

	cfg, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.File != "frontdesk.yaml" {
		t.Errorf("File = %q, want the file of the working directory", cfg.File)
	}
	if cfg.Printer.Port != "file:/tmp/out.bin" {
		t.Errorf("printer.port = %q, want the file's value", cfg.Printer.Port)
	}
	if cfg.Printer.Baud != 38400 {
		t.Errorf("printer.baud = %d, want the environment's 38400", cfg.Printer.Baud)
	}
	if cfg.Terminal.ID != "K7" || cfg.Terminal.Site != "S1" {
		t.Errorf("terminal = %+v, want id K7 from the file and site S1 from the defaults", cfg.Terminal)
	}
	if cfg.Location != time.UTC {
		t.Errorf("Location = %v, want UTC", cfg.Location)
	}
}

func TestLoadSearchOrder(t *testing.T) {
	dir := isolate(t)
	xdg := filepath.Join(dir, "config", "frontdesk")
	if err := os.MkdirAll(xdg, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(xdg, "frontdesk.yaml"), []byte("terminal:\n  id: X1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Terminal.ID != "X1" {
		t.Errorf("terminal.id = %q, want X1 from $XDG_CONFIG_HOME", cfg.Terminal.ID)
	}

	writeFile(t, dir, "terminal:\n  id: W1\n")
	cfg, err = Load("")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Terminal.ID != "W1" {
		t.Errorf("terminal.id = %q, want W1: ./frontdesk.yaml comes before $XDG_CONFIG_HOME", cfg.Terminal.ID)
	}
}

func TestLoadRejects(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string // each must appear in the error
	}{
		{"unknown key", "printer:\n  prot: /dev/ttyUSB0\n", []string{"unknown key", "printer.prot"}},
		{"bad duration", "kiosk:\n  idle_timeout: forever\n", []string{"kiosk.idle_timeout", "forever", "duration"}},
		{"services not a list", "services: hello\n", []string{"services", "hello"}},
		{"unknown section", "kiosks:\n  idle_timeout: 5s\n", []string{"unknown key", "kiosks"}},
		{"not yaml", "printer: [1, 2\n", []string{"not valid YAML"}},
		{"baud", "printer:\n  baud: 9601\n", []string{"printer.baud", "9601", "9600"}},
		{"baud not a number", "printer:\n  baud: fast\n", []string{"baud", "fast"}},
		{"paper width", "printer:\n  width_dots: 500\n", []string{"printer.width_dots", "500", "576"}},
		{"empty port", "printer:\n  port: \"\"\n", []string{"printer.port", "virtual"}},
		{"cut not hex", "printer:\n  cut: zz\n", []string{"printer.cut", "zz"}},
		{"status timeout", "printer:\n  status_timeout: 1ms\n", []string{"printer.status_timeout", "1ms"}},
		{"role", "terminal:\n  role: cashier\n", []string{"terminal.role", "cashier", "kiosk, reception, display, vehicle"}},
		{"role list", "terminal:\n  role: reception,cashier\n", []string{"terminal.role", "reception,cashier"}},
		{"role twice", "terminal:\n  role: display,display\n", []string{"terminal.role", "display,display"}},
		{"role empty", "terminal:\n  role: \" , \"\n", []string{"terminal.role"}},
		{"terminal id", "terminal:\n  id: K-1/2\n", []string{"terminal.id", "K-1/2"}},
		{"counter", "terminal:\n  counter: 0\n", []string{"terminal.counter", "0"}},
		{"prefix", "terminal:\n  number_prefix: v-1\n", []string{"terminal.number_prefix", "v-1"}},
		{"time zone", "time_zone: Mars/Olympus\n", []string{"time_zone", "Mars/Olympus"}},
		{"base url scheme", "upload:\n  base_url: ftp://upload.example\n", []string{"upload.base_url", "ftp://upload.example"}},
		{"base url slash", "upload:\n  base_url: https://upload.example/\n", []string{"upload.base_url", "trailing slash"}},
		{"base url too long", "upload:\n  base_url: https://" + strings.Repeat("a", 60) + ".example\n", []string{"upload.base_url", "under 110"}},
		{"link lifetime", "upload:\n  link_lifetime: 10s\n", []string{"upload.link_lifetime", "10s"}},
		{"idle timeout", "kiosk:\n  idle_timeout: 1s\n", []string{"kiosk.idle_timeout", "1s"}},
		{"language", "kiosk:\n  default_language: fr\n", []string{"kiosk.default_language", "fr"}},
		{"no services", "services: []\n", []string{"services", "at least one"}},
		{"service letter", "services:\n  - {id: a, letter: ab, name_ar: أ, name_en: A}\n", []string{"services[0].letter", "ab"}},
		{"service id", "services:\n  - {id: Home Care, letter: H, name_ar: أ, name_en: A}\n", []string{"services[0].id", "Home Care"}},
		{"duplicate letter", "services:\n  - {id: a, letter: A, name_ar: أ, name_en: A}\n  - {id: b, letter: A, name_ar: ب, name_en: B}\n", []string{"services[1].letter", "A"}},
		{"duplicate id", "services:\n  - {id: a, letter: A, name_ar: أ, name_en: A}\n  - {id: a, letter: B, name_ar: ب, name_en: B}\n", []string{"services[1].id"}},
		{"service name", "services:\n  - {id: a, letter: A, name_ar: \"\", name_en: A}\n", []string{"services[0].name_ar"}},
		{"counter service", "reception:\n  counter_services: [haircuts]\n", []string{"reception.counter_services[0]", "haircuts"}},
		{"idle sign out", "reception:\n  idle_sign_out: 5s\n", []string{"reception.idle_sign_out", "5s"}},
		{"lockout", "reception:\n  lockout: 0s\n", []string{"reception.lockout", "0s"}},
		{"priority every", "reception:\n  priority_every: -1\n", []string{"reception.priority_every", "-1"}},
		{"max recalls", "reception:\n  max_recalls: 0\n", []string{"reception.max_recalls", "0"}},
		{"pin failures", "reception:\n  max_pin_failures: 1\n", []string{"reception.max_pin_failures", "1"}},
		{"max amount decimals", "ledger:\n  max_amount: \"100.005\"\n", []string{"ledger.max_amount", "100.005"}},
		{"max amount zero", "ledger:\n  max_amount: \"0\"\n", []string{"ledger.max_amount", "0"}},
		{"replace window", "rating:\n  replace_window: -1s\n", []string{"rating.replace_window", "-1s"}},
		{"service opens", "rating:\n  service_opens: \"7am\"\n", []string{"rating.service_opens", "7am"}},
		{"service closes before opens", "rating:\n  service_closes: \"06:00\"\n", []string{"rating.service_closes", "06:00"}},
		{"no departments", "departments: []\n", []string{"departments", "at least one"}},
		{"department name", "departments:\n  - {id: a, name_ar: \"\", name_en: A}\n", []string{"departments[0].name_ar"}},
		{"control byte in centre name", "centre:\n  name_en: \"Centre\\x1b@\"\n", []string{"centre.name_en", "U+001B"}},
		{"bidi override in service name", "services:\n  - {id: a, letter: A, name_ar: \"\\u202eأ\", name_en: A}\n", []string{"services[0].name_ar", "U+202E"}},
		{"unknown service key", "services:\n  - {id: a, letter: A, name_ar: أ, name_en: A, colour: red}\n", []string{"unknown key", "services[0].colour"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := isolate(t)
			path := writeFile(t, dir, tc.body)
			_, err := Load(path)
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %q does not match ErrInvalid", err)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("error spans several lines: %q", msg)
			}
			if !strings.Contains(msg, path) {
				t.Errorf("error %q does not name the file %s", msg, path)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
		})
	}
}

func TestTerminalRoles(t *testing.T) {
	dir := isolate(t)
	path := writeFile(t, dir, "terminal:\n  role: \"reception, display\"\n")
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	got := cfg.Terminal.Roles()
	if len(got) != 2 || got[0] != "reception" || got[1] != "display" {
		t.Errorf("Roles() = %q, want [reception display]", got)
	}
}

func TestLoadRejectsUnknownEnvironment(t *testing.T) {
	isolate(t)
	t.Setenv("FRONTDESK_PRINTER_PROT", "/dev/ttyUSB0")
	_, err := Load("")
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "FRONTDESK_PRINTER_PROT") {
		t.Errorf("err = %v, want one naming FRONTDESK_PRINTER_PROT", err)
	}
}

func TestLinkLengthLimit(t *testing.T) {
	// The base URL of maximum accepted length, with a ticket id of maximum
	// length, still gives a link under 110 characters.
	longest := "https://" + strings.Repeat("a", maxLinkLength-1-len("/u/")-linkTokenSpace-len("https://"))
	dir := isolate(t)
	if _, err := Load(writeFile(t, dir, "upload:\n  base_url: "+longest+"\n")); err != nil {
		t.Fatalf("longest allowed base URL rejected: %v", err)
	}
	if _, err := Load(writeFile(t, dir, "upload:\n  base_url: "+longest+"a\n")); err == nil {
		t.Error("a base URL one character too long was accepted")
	}
	if got := len(longest) + len("/u/") + linkTokenSpace; got >= maxLinkLength {
		t.Errorf("longest link is %d characters", got)
	}
}

func TestLoadMissingFile(t *testing.T) {
	dir := isolate(t)
	_, err := Load(filepath.Join(dir, "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Fatalf("err = %v, want one naming nope.yaml", err)
	}
}

func TestShowRoundTrip(t *testing.T) {
	dir := isolate(t)
	cfg, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := cfg.Show(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"role: kiosk", "status_timeout: 1s", "letter: P", "discreet: true"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("Show output lacks %q", want)
		}
	}

	// What Show prints is a valid configuration file that loads back the same.
	body := out.String()
	path := writeFile(t, dir, body)
	again, err := Load(path)
	if err != nil {
		t.Fatalf("loading Show's output: %v", err)
	}
	if again.Printer != cfg.Printer || again.Upload != cfg.Upload || len(again.Services) != len(cfg.Services) {
		t.Errorf("reloaded configuration differs: %+v vs %+v", again.Printer, cfg.Printer)
	}
}
