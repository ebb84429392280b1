package main

import (
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"

	"frontdesk/devices/escpos"
)

const receiptUsage = `usage: frontdeskctl receipt render FILE.bin OUT.png [--width DOTS]

Draws the ESC/POS stream in FILE.bin as the printer would print it and
writes the picture to OUT.png, one pixel per printer dot.

options:
`

// runReceipt runs "frontdeskctl receipt ARGS" and returns the exit code:
// 0 when the PNG is written, 1 when reading, drawing or writing fails and
// 2 for a usage error.
func runReceipt(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "render" {
		fmt.Fprint(stderr, receiptUsage)
		if len(args) > 0 && args[0] != "-h" && args[0] != "--help" {
			fmt.Fprintf(stderr, "frontdeskctl: unknown receipt command %q; use render\n", args[0])
		}
		return 2
	}

	flags := flag.NewFlagSet("receipt render", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprint(stderr, receiptUsage)
		flags.PrintDefaults()
	}
	width := flags.Int("width", escpos.Width80mm,
		fmt.Sprintf("print head width in `DOTS`: %d for 80 mm paper, %d for 58 mm",
			escpos.Width80mm, escpos.Width58mm))
	paths, err := parseInterspersed(flags, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(paths) != 2 {
		flags.Usage()
		fmt.Fprintf(stderr, "frontdeskctl: receipt render needs FILE.bin and OUT.png, got %d paths\n", len(paths))
		return 2
	}

	if err := renderReceipt(paths[0], paths[1], *width, stderr); err != nil {
		fmt.Fprintf(stderr, "frontdeskctl: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", paths[1])
	return 0
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, which the flag package alone stops at, and
// returns the positional arguments.
func parseInterspersed(flags *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := flags.Parse(args); err != nil {
			return nil, err
		}
		args = flags.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// renderReceipt draws the stream in binPath and writes it to pngPath. A
// stream that ends inside a command is drawn up to it, with a warning on
// stderr, because a capture cut short is still worth seeing.
func renderReceipt(binPath, pngPath string, width int, stderr io.Writer) error {
	stream, err := os.ReadFile(binPath)
	if err != nil {
		return fmt.Errorf("read the ESC/POS stream: %w", err)
	}
	if _, err := escpos.Parse(stream); err != nil {
		fmt.Fprintf(stderr, "frontdeskctl: warning: %v; drawing the commands before it\n", err)
	}

	img, renderErr := escpos.Render(stream, width)
	if img == nil {
		return fmt.Errorf("render %s: %w", binPath, renderErr)
	}
	if err := writePNG(pngPath, img); err != nil {
		return err
	}
	if renderErr != nil {
		return fmt.Errorf("render %s: %w; %s contains the part that fits", binPath, renderErr, pngPath)
	}
	return nil
}

// writePNG writes img to path through a temporary file in the same folder,
// so that a failed write never leaves half a PNG under the final name.
func writePNG(path string, img *image.Gray) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".receipt-*.png")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename

	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := png.Encode(tmp, img); err != nil {
		tmp.Close()
		return fmt.Errorf("encode %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
