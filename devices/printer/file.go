package printer

import (
	"context"
	"fmt"
	"os"
	"sync"
)

// filePrinter appends every job to one file. It has no status of its own,
// so it is always ready.
type filePrinter struct {
	mu     sync.Mutex
	path   string
	f      *os.File // nil after Close; guarded by mu
	closed bool     // guarded by mu
}

var _ Printer = (*filePrinter)(nil)

// openFile opens path for appending, creating it when missing. A character
// device such as /dev/usb/lp0 works too.
func openFile(path string) (*filePrinter, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o640)
	if err != nil {
		return nil, fmt.Errorf("printer: open output file: %w", err)
	}
	return &filePrinter{path: path, f: f}, nil
}

// Print appends job to the file in one write.
func (p *filePrinter) Print(ctx context.Context, job []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return ErrClosed
	}
	if _, err := p.f.Write(job); err != nil {
		return fmt.Errorf("printer: append job to %s: %w", p.path, err)
	}
	return nil
}

// Status returns a ready status.
func (p *filePrinter) Status(ctx context.Context) (Status, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return Status{}, ErrClosed
	}
	return Status{}, ctx.Err()
}

// Close closes the file.
func (p *filePrinter) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return ErrClosed
	}
	p.closed = true
	if err := p.f.Close(); err != nil {
		return fmt.Errorf("printer: close %s: %w", p.path, err)
	}
	return nil
}
