package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frontdesk/devices/escpos"
)

func TestReceiptRender(t *testing.T) {
	e := escpos.NewEncoder()
	e.Init()
	e.Align(escpos.AlignCenter)
	e.Line("A-007")
	e.QR("https://upload.example/u/x", 4, escpos.QRLevelM)
	e.Cut()
	stream := e.Bytes()

	tests := []struct {
		name      string
		flags     []string
		wantWidth int
	}{
		{"default width", nil, 576},
		{"58 mm after paths", []string{"--width", "384"}, 384},
		{"58 mm with equals", []string{"-width=384"}, 384},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "ticket.bin"), filepath.Join(dir, "ticket.png")
			if err := os.WriteFile(in, stream, 0o644); err != nil {
				t.Fatal(err)
			}

			var stdout, stderr bytes.Buffer
			args := append([]string{"render", in, out}, tt.flags...)
			if code := runReceipt(args, &stdout, &stderr); code != 0 {
				t.Fatalf("exit code %d, stderr: %s", code, stderr.String())
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatalf("decode PNG: %v", err)
			}
			if got := img.Bounds().Dx(); got != tt.wantWidth {
				t.Errorf("PNG width = %d, want %d", got, tt.wantWidth)
			}
			if !strings.Contains(stdout.String(), out) {
				t.Errorf("stdout %q does not name the PNG", stdout.String())
			}
		})
	}
}

func TestReceiptRenderErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.bin")
	if err := os.WriteFile(good, []byte("ok\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.png")

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"no subcommand", nil, 2, "usage"},
		{"unknown subcommand", []string{"print"}, 2, `unknown receipt command "print"`},
		{"missing output", []string{"render", good}, 2, "needs FILE.bin and OUT.png"},
		{"bad flag", []string{"render", good, out, "--colour"}, 2, "colour"},
		{"missing input", []string{"render", filepath.Join(dir, "none.bin"), out}, 1, "none.bin"},
		{"invalid width", []string{"render", good, out, "--width", "5"}, 1, "width of 5 dots"},
		{"output folder missing", []string{"render", good, filepath.Join(dir, "no", "out.png")}, 1, "out.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := runReceipt(tt.args, &stdout, &stderr); code != tt.wantCode {
				t.Errorf("exit code %d, want %d", code, tt.wantCode)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.wantStderr)
			}
		})
	}
}

func TestReceiptRenderTruncatedWarns(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "cut-short.bin"), filepath.Join(dir, "out.png")
	if err := os.WriteFile(in, []byte("ok\n\x1d\x76\x30\x00\x10"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := runReceipt([]string{"render", in, out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code %d, stderr: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "warning") {
		t.Errorf("stderr %q holds no warning about the truncated stream", stderr.String())
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("PNG not written: %v", err)
	}
}
