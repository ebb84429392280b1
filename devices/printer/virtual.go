package printer

import (
	"context"
	"errors"
	"fmt"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"frontdesk/devices/escpos"
)

// virtualPrinter keeps each job in dir as NAME.bin, the bytes as sent, and
// NAME.png, the receipt drawn by escpos.Render. NAME is the UTC time of the
// job and a sequence number, so the files sort in print order. It is
// always ready.
type virtualPrinter struct {
	dir   string
	width int
	now   func() time.Time

	mu     sync.Mutex
	seq    int  // the sequence number of the last job; guarded by mu
	closed bool // guarded by mu
}

var _ Printer = (*virtualPrinter)(nil)

func openVirtual(cfg Config) (*virtualPrinter, error) {
	if err := os.MkdirAll(cfg.Dir, 0o750); err != nil {
		return nil, fmt.Errorf("printer: create the virtual printer's folder: %w", err)
	}
	return &virtualPrinter{dir: cfg.Dir, width: cfg.Profile.WidthDots, now: time.Now}, nil
}

// maxNameTries bounds the search for a free file name when files from an
// earlier run have the same time stamp.
const maxNameTries = 1000

// Print writes job and its preview.
func (v *virtualPrinter) Print(ctx context.Context, job []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return ErrClosed
	}

	base, err := v.writeJob(job)
	if err != nil {
		return err
	}
	return v.writePreview(base+".png", job)
}

// writeJob writes job to a new .bin file and returns the path without the
// extension.
func (v *virtualPrinter) writeJob(job []byte) (string, error) {
	stamp := v.now().UTC().Format("20060102T150405.000Z")
	for range maxNameTries {
		v.seq++
		base := filepath.Join(v.dir, fmt.Sprintf("%s-%06d", stamp, v.seq))
		f, err := os.OpenFile(base+".bin", os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("printer: keep virtual job: %w", err)
		}
		_, err = f.Write(job)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return "", fmt.Errorf("printer: keep virtual job: %w", err)
		}
		return base, nil
	}
	return "", fmt.Errorf("printer: keep virtual job: %d names starting %s-* "+
		"are taken in %s: move old receipts away", maxNameTries, stamp, v.dir)
}

// writePreview draws job and saves it as a PNG at path.
func (v *virtualPrinter) writePreview(path string, job []byte) error {
	img, err := escpos.Render(job, v.width)
	if err != nil {
		return fmt.Errorf("printer: draw virtual job preview: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return fmt.Errorf("printer: save virtual job preview: %w", err)
	}
	err = png.Encode(f, img)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("printer: save virtual job preview %s: %w", path, err)
	}
	return nil
}

// Status returns a ready status.
func (v *virtualPrinter) Status(ctx context.Context) (Status, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return Status{}, ErrClosed
	}
	return Status{}, ctx.Err()
}

// Close marks the printer closed. It holds no open files.
func (v *virtualPrinter) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return ErrClosed
	}
	v.closed = true
	return nil
}
