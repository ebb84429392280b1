package printer

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"frontdesk/devices/escpos"
)

func TestConfigDefaults(t *testing.T) {
	cfg, err := Config{Dir: t.TempDir()}.withDefaults()
	if err != nil {
		t.Fatalf("withDefaults: %v", err)
	}
	if cfg.Port != PortVirtual {
		t.Errorf("Port = %q, want %q", cfg.Port, PortVirtual)
	}
	if cfg.Baud != DefaultBaud {
		t.Errorf("Baud = %d, want %d", cfg.Baud, DefaultBaud)
	}
	if !cfg.Profile.Equal(escpos.DefaultProfile()) {
		t.Errorf("Profile = %+v, want the default profile", cfg.Profile)
	}
	if cfg.StatusTimeout != DefaultStatusTimeout {
		t.Errorf("StatusTimeout = %v, want %v", cfg.StatusTimeout, DefaultStatusTimeout)
	}
	if cfg.ChunkSize != DefaultChunkSize {
		t.Errorf("ChunkSize = %d, want %d", cfg.ChunkSize, DefaultChunkSize)
	}
	if cfg.XOFFTimeout != DefaultXOFFTimeout {
		t.Errorf("XOFFTimeout = %v, want %v", cfg.XOFFTimeout, DefaultXOFFTimeout)
	}
}

func TestConfigInvalid(t *testing.T) {
	serial := Config{Port: "/dev/ttyUSB0"}
	tests := []struct {
		name string
		edit func(*Config)
		want string // a part of the message naming the value or the fix
	}{
		{"virtual without folder", func(c *Config) { c.Port = "" }, "set Dir"},
		{"file without path", func(c *Config) { c.Port = "file:" }, `"file:" has no path`},
		{"relative device", func(c *Config) { c.Port = "ttyUSB0" }, `"ttyUSB0" is not an absolute`},
		{"unsupported baud", func(c *Config) { c.Baud = 9601 }, "baud rate 9601"},
		{"negative baud", func(c *Config) { c.Baud = -9600 }, "baud rate -9600"},
		{"bad width", func(c *Config) {
			c.Profile = escpos.DefaultProfile()
			c.Profile.WidthDots = 500
		}, "width 500"},
		{"negative status timeout", func(c *Config) { c.StatusTimeout = -time.Second }, "status timeout -1s"},
		{"negative chunk", func(c *Config) { c.ChunkSize = -1 }, "chunk size -1"},
		{"huge chunk", func(c *Config) { c.ChunkSize = 65536 }, "chunk size 65536"},
		{"negative XOFF timeout", func(c *Config) { c.XOFFTimeout = -time.Second }, "XOFF timeout -1s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := serial
			tt.edit(&cfg)
			p, err := Open(cfg)
			if err == nil {
				p.Close()
				t.Fatalf("Open(%+v) succeeded, want an error", cfg)
			}
			if !errors.Is(err, ErrConfig) {
				t.Errorf("Open error = %v, want one matching ErrConfig", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Open error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestFilePrinter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.bin")
	if err := os.WriteFile(path, []byte("earlier"), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := Open(Config{Port: "file:" + path})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}

	ctx := context.Background()
	first, second := testJob(300), testJob(200)
	for _, job := range [][]byte{first, second} {
		if err := p.Print(ctx, job); err != nil {
			t.Fatalf("Print: %v", err)
		}
	}
	status, err := p.Status(ctx)
	if err != nil || status.Err() != nil {
		t.Errorf("Status = %v, %v, want ready", status, err)
	}
	if err := p.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := concat([]byte("earlier"), first, second); !bytes.Equal(got, want) {
		t.Errorf("file holds %d bytes, want %d: the earlier bytes and both jobs", len(got), len(want))
	}
	if err := p.Print(ctx, first); !errors.Is(err, ErrClosed) {
		t.Errorf("Print after Close: error = %v, want ErrClosed", err)
	}
}

func TestFilePrinterMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "out.bin")
	if _, err := Open(Config{Port: "file:" + path}); err == nil {
		t.Errorf("Open in a missing folder succeeded, want an error")
	}
}

// previewJob returns a job with every kind of command the preview draws.
func previewJob() []byte {
	e := escpos.NewEncoder()
	e.Init()
	e.Align(escpos.AlignCenter)
	e.Size(2, 2)
	e.Line("A-007")
	e.Size(1, 1)
	e.Bold(true)
	e.Line("Preview")
	e.Bold(false)
	e.QR("https://upload.example/u/abc", 6, escpos.QRLevelM)
	e.Feed(3)
	e.Cut()
	return e.Bytes()
}

func TestVirtualPrinter(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "receipts")
	p, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer p.Close()
	v := p.(*virtualPrinter)
	v.now = func() time.Time { return time.Date(2026, 3, 1, 8, 30, 0, 0, time.UTC) }

	// A file left by an earlier run takes the first name.
	if err := os.WriteFile(filepath.Join(dir, "20260301T083000.000Z-000001.bin"), nil, 0o600); err != nil {
		t.Fatal(err)
	}

	jobs := [][]byte{previewJob(), testJob(400)}
	for _, job := range jobs {
		if err := p.Print(context.Background(), job); err != nil {
			t.Fatalf("Print: %v", err)
		}
	}

	for i, name := range []string{"20260301T083000.000Z-000002", "20260301T083000.000Z-000003"} {
		got, err := os.ReadFile(filepath.Join(dir, name+".bin"))
		if err != nil {
			t.Fatalf("job %d: %v", i, err)
		}
		if !bytes.Equal(got, jobs[i]) {
			t.Errorf("job %d: %s.bin differs from the job", i, name)
		}

		f, err := os.Open(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatalf("job %d: %v", i, err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("job %d: decode preview: %v", i, err)
		}
		if w := img.Bounds().Dx(); w != escpos.Width80mm {
			t.Errorf("job %d: preview is %d pixels wide, want %d", i, w, escpos.Width80mm)
		}
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 5 {
		t.Errorf("folder holds %d files, want the earlier one and 2 jobs of 2 files", len(entries))
	}

	status, err := p.Status(context.Background())
	if err != nil || status.Err() != nil {
		t.Errorf("Status = %v, %v, want ready", status, err)
	}
}

func TestVirtualPrinterNarrowPaper(t *testing.T) {
	dir := t.TempDir()
	profile := escpos.DefaultProfile()
	profile.WidthDots = escpos.Width58mm
	p, err := Open(Config{Port: PortVirtual, Dir: dir, Profile: profile})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer p.Close()
	if err := p.Print(context.Background(), previewJob()); err != nil {
		t.Fatalf("Print: %v", err)
	}

	previews, err := filepath.Glob(filepath.Join(dir, "*.png"))
	if err != nil || len(previews) != 1 {
		t.Fatalf("previews = %v, %v, want one", previews, err)
	}
	f, err := os.Open(previews[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != escpos.Width58mm {
		t.Errorf("preview is %d pixels wide, want %d", cfg.Width, escpos.Width58mm)
	}
}

func TestListPorts(t *testing.T) {
	dev, sys := t.TempDir(), t.TempDir()
	for _, name := range []string{"ttyUSB0", "ttyUSB1", "ttyACM0", "ttyS0", "ttyS1", "tty0", "null"} {
		if err := os.WriteFile(filepath.Join(dev, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// ttyS0 has a 16550A UART (type 4); ttyS1 has none (type 0).
	for name, kind := range map[string]string{"ttyS0": "4\n", "ttyS1": "0\n"} {
		if err := os.MkdirAll(filepath.Join(sys, name), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sys, name, "type"), []byte(kind), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	byID := filepath.Join(dev, "serial", "by-id")
	if err := os.MkdirAll(byID, 0o700); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"usb-Prolific_USB-Serial-if00-port0": "../../ttyUSB1",
		"usb-Printer_Gone-if00-port0":        "../../ttyUSB9",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(byID, name)); err != nil {
			t.Fatal(err)
		}
	}

	got, err := listPorts(dev, sys)
	if err != nil {
		t.Fatalf("listPorts: %v", err)
	}
	want := []Port{
		{Path: filepath.Join(dev, "ttyACM0")},
		{Path: filepath.Join(dev, "ttyS0")},
		{Path: filepath.Join(dev, "ttyUSB0")},
		{Path: filepath.Join(dev, "ttyUSB1"), ByID: filepath.Join(byID, "usb-Prolific_USB-Serial-if00-port0")},
	}
	if !slices.Equal(got, want) {
		t.Errorf("listPorts =\n%v\nwant\n%v", got, want)
	}
}

func TestListPortsEmpty(t *testing.T) {
	got, err := listPorts(t.TempDir(), t.TempDir())
	if err != nil {
		t.Fatalf("listPorts: %v", err)
	}
	if len(got) != 0 {
		t.Errorf("listPorts = %v, want none", got)
	}
}
