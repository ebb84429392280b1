// Package printer sends ESC/POS jobs to receipt printers and reads their
// status.
//
// [Open] picks the transport from [Config.Port]:
//
//   - "" or "virtual": the virtual printer keeps each job as raw bytes
//     (.bin) and a PNG preview (.png) in [Config.Dir], so the program runs
//     with no hardware attached.
//   - "file:PATH": every job is appended to PATH, for diagnosis and tests.
//   - any other value is the path of a serial device, such as /dev/ttyUSB0
//     or a /dev/serial/by-id/ link, opened at [Config.Baud], 8N1.
//
// # Serial printers
//
// Before each job the printer is asked for its real-time status (DLE EOT n,
// bytes 10 04 n, for n = 1 to 4). A printer that is out of paper, offline,
// has its cover open, reports an error or does not answer within
// [Config.StatusTimeout] gets nothing, and Print returns an error that
// [errors.Is] matches against [ErrPaperOut], [ErrCoverOpen],
// [ErrPrinterError], [ErrOffline] or [ErrNoAnswer]. A printer whose paper is
// near its end prints, and its [Status.NearEnd] is set. After the job the
// status is read again, and a fault that came while the printer received
// the job makes Print return an error matching [ErrIncomplete] and the
// fault's sentinel.
//
// The serial port has no hardware flow control, so a job goes out in chunks
// of [Config.ChunkSize] bytes, each followed by the time the line needs to
// send it, and the printer's XOFF (0x13) holds the next chunk until its XON
// (0x11) or until [Config.XOFFTimeout] passes. While paused, the status is
// read every half second, so a printer that stopped for a fault, such as
// paper out, fails the job at once. One goroutine reads everything the printer sends and separates
// XON and XOFF, the reply to the status request just sent, and stray bytes,
// which it drops. A reply that comes after its request timed out is
// dropped too, because the next request first waits one StatusTimeout.
//
// When a write or read fails, for example because the cable was pulled, the
// port is closed and Print returns an error matching [ErrOffline], and
// [ErrIncomplete] as well when part of the job had been sent. The
// next Print or Status opens the same path again, so a printer that comes
// back under the same /dev/serial/by-id name works again by itself. A failed
// job is never sent again by this package: the caller decides on a reprint.
//
// The port is locked with flock while it is open, so a second process
// that opens the same printer gets errors matching [ErrBusy].
package printer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"frontdesk/devices/escpos"
)

// Printer sends jobs to one receipt printer. Its methods are safe for
// concurrent use, and jobs never interleave.
type Printer interface {
	// Print checks the printer's status and, when it can print, sends job,
	// a complete ESC/POS stream. It returns nil once every byte has been
	// handed to the port.
	Print(ctx context.Context, job []byte) error
	// Status requests the printer's status. The error is non-nil only
	// when no status could be read: use [Status.Err] for what the status
	// itself means for printing.
	Status(ctx context.Context) (Status, error)
	// Close releases the port. Print and Status return [ErrClosed] after it.
	Close() error
}

// Errors that [errors.Is] matches against the errors of Print and Status.
var (
	ErrPaperOut     = errors.New("printer: paper out")
	ErrCoverOpen    = errors.New("printer: cover open")
	ErrPrinterError = errors.New("printer: printer reports an error")
	ErrOffline      = errors.New("printer: printer offline")
	// ErrNoAnswer means the printer sent no reply to a status request in
	// time. Errors that match it also match ErrOffline.
	ErrNoAnswer error = &kindError{"printer: no response to status request", ErrOffline}
	// ErrIncomplete means a job stopped part of the way through, so part
	// of it may be on paper. Its errors also match the cause.
	ErrIncomplete = errors.New("printer: job incomplete")
	ErrClosed     = errors.New("printer: printer closed")
	// ErrBusy means another process has the serial port open for printing.
	// Errors that match it also match ErrOffline.
	ErrBusy   error = &kindError{"printer: serial port in use by another process", ErrOffline}
	ErrConfig       = errors.New("printer: invalid configuration")
)

// kindError is a sentinel error that is a special case of another.
type kindError struct {
	msg    string
	parent error
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.parent }

// Port names in [Config.Port] that are not serial devices.
const (
	PortVirtual    = "virtual"
	PortFilePrefix = "file:"
)

// Defaults that [Open] uses for zero fields of [Config].
const (
	DefaultBaud = 9600
	// DefaultStatusTimeout leaves ample time for a one-byte status reply,
	// about 1 ms on the wire at 9600 baud, while a kiosk with an unplugged
	// printer still reports it in half a second.
	DefaultStatusTimeout = 500 * time.Millisecond
	// DefaultChunkSize bounds the bytes a printer receives after it sent
	// XOFF: about one chunk, because chunks are paced.
	// NOTE: 256 is an estimate of the room printers keep free when they
	// send XOFF, not a figure from a manual. Lower it if a printer loses
	// data in large images.
	DefaultChunkSize = 256
	// DefaultXOFFTimeout outlasts the pause while a printer prints a
	// buffer full of raster image: 2303 rows at 8 dots per mm and 200 mm/s
	// take about 1.5 s.
	DefaultXOFFTimeout = 5 * time.Second
)

// maxChunkSize bounds Config.ChunkSize: the XOFF slack of a printer is a
// few hundred bytes, so larger chunks would defeat the flow control.
const maxChunkSize = 4096

// bauds lists the rates the serial driver can set on Linux.
var bauds = []int{
	1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800,
	500000, 576000, 921600, 1000000, 1152000, 1500000, 2000000, 2500000,
	3000000, 3500000, 4000000,
}

// Config selects and tunes a printer. Zero fields take the defaults above.
type Config struct {
	// Port is "" or "virtual", "file:PATH", or a serial device path.
	Port string
	// Baud is the serial line rate in bits per second.
	Baud int
	// Dir is the folder of the virtual printer's .bin and .png files. It is
	// required for the virtual printer and unused by the others.
	Dir string
	// Profile describes the printer model. A zero Profile means
	// escpos.DefaultProfile().
	Profile escpos.Profile

	// StatusTimeout is how long to wait for each status reply.
	StatusTimeout time.Duration
	// ChunkSize is the number of bytes written between flow control checks.
	ChunkSize int
	// XOFFTimeout is how long a job waits for XON after the printer's XOFF
	// before it fails as offline.
	XOFFTimeout time.Duration
}

// Open returns the printer that cfg describes. A serial printer that
// cannot be opened yet is not an error: Print and Status open it when it
// appears, and return an error matching [ErrOffline] until then.
func Open(cfg Config) (Printer, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}

	switch {
	case cfg.Port == PortVirtual:
		return openVirtual(cfg)
	case strings.HasPrefix(cfg.Port, PortFilePrefix):
		return openFile(strings.TrimPrefix(cfg.Port, PortFilePrefix))
	default:
		return openSerial(cfg, openTTY), nil
	}
}

// withDefaults fills the zero fields of cfg and validates the result.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.Port == "" {
		cfg.Port = PortVirtual
	}
	if cfg.Baud == 0 {
		cfg.Baud = DefaultBaud
	}
	if cfg.Profile.Name == "" && cfg.Profile.WidthDots == 0 && len(cfg.Profile.Cut) == 0 {
		cfg.Profile = escpos.DefaultProfile()
	}
	if cfg.StatusTimeout == 0 {
		cfg.StatusTimeout = DefaultStatusTimeout
	}
	if cfg.ChunkSize == 0 {
		cfg.ChunkSize = DefaultChunkSize
	}
	if cfg.XOFFTimeout == 0 {
		cfg.XOFFTimeout = DefaultXOFFTimeout
	}
	return cfg, cfg.validate()
}

func (cfg Config) validate() error {
	port := cfg.Port
	switch {
	case port == PortVirtual:
		if cfg.Dir == "" {
			return fmt.Errorf("%w: the virtual printer has no folder: set Dir "+
				"to the folder for its .bin and .png files", ErrConfig)
		}
	case strings.HasPrefix(port, PortFilePrefix):
		if strings.TrimPrefix(port, PortFilePrefix) == "" {
			return fmt.Errorf("%w: port %q has no path: write file:PATH, "+
				"for example file:/tmp/receipts.bin", ErrConfig, port)
		}
	case !filepath.IsAbs(port):
		return fmt.Errorf("%w: port %q is not an absolute device path: use a "+
			"path such as /dev/ttyUSB0 or /dev/serial/by-id/NAME, file:PATH or %q",
			ErrConfig, port, PortVirtual)
	}

	if !slices.Contains(bauds, cfg.Baud) {
		return fmt.Errorf("%w: baud rate %d is not supported: use one of %v",
			ErrConfig, cfg.Baud, bauds)
	}
	if err := cfg.Profile.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if cfg.StatusTimeout < 0 {
		return fmt.Errorf("%w: status timeout %v is negative: use a positive "+
			"duration such as %v", ErrConfig, cfg.StatusTimeout, DefaultStatusTimeout)
	}
	if cfg.ChunkSize < 0 || cfg.ChunkSize > maxChunkSize {
		return fmt.Errorf("%w: chunk size %d bytes is out of range: use 1..%d",
			ErrConfig, cfg.ChunkSize, maxChunkSize)
	}
	if cfg.XOFFTimeout < 0 {
		return fmt.Errorf("%w: XOFF timeout %v is negative: use a positive "+
			"duration such as %v", ErrConfig, cfg.XOFFTimeout, DefaultXOFFTimeout)
	}
	return nil
}
