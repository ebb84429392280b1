package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/devices/escpos"
	"frontdesk/devices/printer"
	"frontdesk/devices/printer/printertest"
)

// openFilePrinter returns an open function for runPrinter that appends to
// a file in a temporary folder, and the file's path.
func openFilePrinter(t *testing.T, profile escpos.Profile) (func() (printer.Printer, escpos.Profile, error), string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "printed.bin")
	p, err := printer.Open(printer.Config{Port: "file:" + path, Profile: profile})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { p.Close() })
	return func() (printer.Printer, escpos.Profile, error) { return p, profile, nil }, path
}

func TestPrinterTestPage(t *testing.T) {
	narrow := escpos.DefaultProfile()
	narrow.Name, narrow.WidthDots, narrow.NativeQR, narrow.CancelKanji = "narrow", escpos.Width58mm, false, true
	narrow.Cut = []byte{0x1b, 0x69}

	for _, profile := range []escpos.Profile{escpos.DefaultProfile(), narrow} {
		t.Run(profile.Name, func(t *testing.T) {
			open, path := openFilePrinter(t, profile)
			var stdout, stderr bytes.Buffer
			if code := runPrinter([]string{"test"}, &stdout, &stderr, open); code != 0 {
				t.Fatalf("exit code %d, stderr %q", code, stderr.String())
			}
			page, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(stdout.String(), "test page sent") {
				t.Errorf("stdout = %q, want the bytes sent", stdout.String())
			}
			checkTestPage(t, page, profile)
		})
	}
}

// checkTestPage checks that page holds each element of the test page.
func checkTestPage(t *testing.T, page []byte, profile escpos.Profile) {
	t.Helper()
	want := map[string][]byte{
		"initialise":     {0x1b, 0x40},
		"code page":      {0x1b, 0x74, profile.CodePage},
		"center":         {0x1b, 0x61, 1},
		"right":          {0x1b, 0x61, 2},
		"size 2x2":       {0x1d, 0x21, 0x11},
		"size 3x3":       {0x1d, 0x21, 0x22},
		"bold":           {0x1b, 0x45, 1},
		"raster":         {0x1d, 0x76, 0x30, 0, byte(profile.WidthDots / 8), 0, 48, 0},
		"table row 0x8x": append([]byte("8x "), 0x80),
		"table row 0xFx": {0xff, '\n'},
	}
	if profile.NativeQR {
		want["native QR"] = append([]byte{0x1d, 0x28, 0x6b, 33, 0, 49, 0x50, 48}, testPageURL...)
	}
	if profile.CancelKanji {
		want["FS ."] = []byte{0x1b, 0x40, 0x1c, 0x2e}
	}
	for name, b := range want {
		if !bytes.Contains(page, b) {
			t.Errorf("test page has no %s (% X)", name, b)
		}
	}
	if !bytes.HasSuffix(page, profile.Cut) {
		t.Errorf("test page ends in % X, want the profile's cut % X", page[len(page)-4:], profile.Cut)
	}

	img, err := escpos.Render(page, profile.WidthDots)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if w := img.Bounds().Dx(); w != profile.WidthDots {
		t.Errorf("rendered page is %d dots wide, want %d", w, profile.WidthDots)
	}
}

func TestPrinterStatusCommand(t *testing.T) {
	tests := []struct {
		name     string
		paper    printertest.Paper
		wantCode int
		stdout   string
		stderr   string
	}{
		{"ready", printertest.PaperAdequate, 0, "status: ready\nreplies to DLE EOT 1-4: 16 12 12 12\n", ""},
		{"near end", printertest.PaperNearEnd, 0, "status: ready, paper near end\n", ""},
		{"paper out", printertest.PaperOut, 1, "status: offline, paper out\n", "paper out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := printertest.New(t)
			fake.SetPaper(tt.paper)
			p, err := printer.Open(printer.Config{Port: fake.Path, Baud: 115200})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer p.Close()
			open := func() (printer.Printer, escpos.Profile, error) {
				return p, escpos.DefaultProfile(), nil
			}

			var stdout, stderr bytes.Buffer
			code := runPrinter([]string{"status"}, &stdout, &stderr, open)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d", code, tt.wantCode)
			}
			if !strings.HasPrefix(stdout.String(), tt.stdout) {
				t.Errorf("stdout = %q, want it to start with %q", stdout.String(), tt.stdout)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tt.stderr)
			}
		})
	}
}

func TestPrinterCommandErrors(t *testing.T) {
	failing := func() (printer.Printer, escpos.Profile, error) {
		return nil, escpos.Profile{}, errors.New("setup: printer port missing")
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		stderr   string
	}{
		{"no subcommand", nil, 2, "usage:"},
		{"unknown subcommand", []string{"feed"}, 2, `unknown printer command "feed"`},
		{"extra argument", []string{"status", "now"}, 2, "usage:"},
		{"open fails", []string{"status"}, 1, "printer status: setup: printer port missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := runPrinter(tt.args, &stdout, &stderr, failing); code != tt.wantCode {
				t.Errorf("exit code %d, want %d", code, tt.wantCode)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tt.stderr)
			}
		})
	}
}

func TestPrinterList(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runPrinter([]string{"list"}, &stdout, &stderr, nil); code != 0 {
		t.Fatalf("exit code %d, stderr %q", code, stderr.String())
	}
	if out := stdout.String(); !strings.HasPrefix(out, "DEVICE") && out != "no serial devices found\n" {
		t.Errorf("stdout = %q, want a table or the line saying there is none", out)
	}
}
