package printer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/tarm/serial"
	"golang.org/x/sys/unix"
)

// port is the byte stream to a printer. A read that finds no data within a
// short poll interval returns (0, io.EOF), as a serial port opened with a
// read timeout does, so that the reader can notice Close.
type port interface {
	io.ReadWriteCloser
}

// openPortFunc opens the port at path at the given line rate.
type openPortFunc func(path string, baud int) (port, error)

// readPoll is the serial read timeout (VTIME), and so the longest Close
// waits for the reader goroutine to return.
const readPoll = 100 * time.Millisecond

// hangupReads is how many zero-byte reads in a row, each returning in less
// than half of readPoll, mean a hung-up port. Linux returns 0 at once from
// a read on a tty that was hung up, as when its USB adapter is unplugged
// (hung_up_tty_read in drivers/tty/tty_io.c), while a plain timeout takes
// readPoll.
const hangupReads = 3

// openTTY opens a serial device 8N1 with tarm/serial, which puts it in raw
// mode: no echo, no translation of CR or LF, and 0x11 and 0x13 delivered as
// data rather than taken by the kernel's own flow control.
//
// It also takes an exclusive flock on the device, because two processes
// on one port would read each other's status replies and interleave jobs.
func openTTY(path string, baud int) (port, error) {
	lock, err := lockDevice(path)
	if err != nil {
		return nil, err
	}
	p, err := serial.OpenPort(&serial.Config{
		Name:        path,
		Baud:        baud,
		ReadTimeout: readPoll,
	})
	if err != nil {
		lock.Close()
		return nil, err
	}
	return &lockedPort{Port: p, lock: lock}, nil
}

// lockDevice opens path and takes an exclusive flock on it, or returns an
// error matching ErrBusy when another process holds it.
func lockDevice(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|unix.O_NOCTTY|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		f.Close()
		return nil, fmt.Errorf("%w: %s: stop the other frontdesk or frontdeskctl "+
			"process that uses the printer", ErrBusy, path)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, nil
}

// lockedPort is a serial port and the locked file that reserves it.
type lockedPort struct {
	*serial.Port
	lock *os.File
}

// Close closes the port, then releases the lock.
func (p *lockedPort) Close() error {
	err := p.Port.Close()
	if lerr := p.lock.Close(); err == nil {
		err = lerr
	}
	return err
}

// link is one open connection to a printer: the port and the goroutine
// that reads everything the printer sends.
type link struct {
	port  port
	reply chan byte // capacity 1: the reader sends at most one reply per request

	mu      sync.Mutex
	asking  bool          // a status request waits for its reply
	paused  bool          // the printer sent XOFF and no XON since
	resumed chan struct{} // closed at the XON that ends the pause
	strays  int           // bytes dropped as neither flow control nor a reply
	closing bool          // Close was called, so a read error is expected

	// late is set when a request timed out, because its reply may still
	// come. Only the goroutine that holds the printer uses it.
	late bool

	failOnce sync.Once
	failed   chan struct{} // closed when the port failed
	err      error         // the port's failure; set before failed is closed
	done     chan struct{} // closed when the reader has returned
}

func newLink(p port) *link {
	l := &link{
		port:    p,
		reply:   make(chan byte, 1),
		resumed: make(chan struct{}),
		failed:  make(chan struct{}),
		done:    make(chan struct{}),
	}
	go l.read()
	return l
}

// read owns the port's input until the port fails or is closed.
func (l *link) read() {
	defer close(l.done)
	buf := make([]byte, 64)
	fastZeros := 0
	for {
		start := time.Now()
		n, err := l.port.Read(buf)
		for _, b := range buf[:n] {
			l.take(b)
		}

		switch {
		case err == nil:
			fastZeros = 0
			continue
		case errors.Is(err, io.EOF) && time.Since(start) >= readPoll/2:
			fastZeros = 0
			continue
		case errors.Is(err, io.EOF):
			fastZeros++
			if fastZeros < hangupReads {
				continue
			}
			err = errors.New("port hung up")
		}

		l.mu.Lock()
		closing := l.closing
		l.mu.Unlock()
		if !closing {
			l.fail(fmt.Errorf("read: %w", err))
		}
		return
	}
}

// take sorts one received byte: flow control, the reply to the request
// waiting, or a stray byte. A byte that arrives while no request waits is
// stray even when it looks like a reply, because it may be the late reply
// to a request that timed out.
//
// NOTE: a stray byte with the bit pattern of a reply that arrives between
// a request and its reply is taken as the reply. DLE EOT replies carry no
// request number, so the two cannot be told apart.
func (l *link) take(b byte) {
	l.mu.Lock()
	defer l.mu.Unlock()

	switch {
	case b == xoff:
		if !l.paused {
			l.paused = true
			l.resumed = make(chan struct{})
		}
	case b == xon:
		if l.paused {
			l.paused = false
			close(l.resumed)
		}
	case l.asking && isReply(b):
		l.asking = false
		l.reply <- b
	default:
		l.strays++
	}
}

// fail records the first failure of the port and wakes everyone waiting.
func (l *link) fail(err error) {
	l.failOnce.Do(func() {
		l.err = err
		close(l.failed)
	})
}

// broken returns the port's failure, or nil while it works.
func (l *link) broken() error {
	select {
	case <-l.failed:
		return l.err
	default:
		return nil
	}
}

// write sends p in one write. A failed write fails the link.
func (l *link) write(p []byte) error {
	if err := l.broken(); err != nil {
		return err
	}
	if _, err := l.port.Write(p); err != nil {
		err = fmt.Errorf("write: %w", err)
		l.fail(err)
		return err
	}
	return nil
}

// ask sends DLE EOT n and waits up to timeout for the reply. It returns
// errTimeout when none comes.
func (l *link) ask(ctx context.Context, n byte, timeout time.Duration) (byte, error) {
	// A reply that comes later than timeout must not be taken for the reply
	// to the next request, so after a timeout wait as long again, with no
	// request waiting, for the late reply to arrive and be dropped.
	if l.late {
		if err := l.sleep(ctx, timeout); err != nil {
			return 0, err
		}
		l.late = false
	}

	l.mu.Lock()
	l.asking = true
	l.mu.Unlock()
	defer l.stopAsking()

	if err := l.write([]byte{dle, eot, n}); err != nil {
		return 0, err
	}

	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case b := <-l.reply:
		return b, nil
	case <-timer.C:
		l.late = true
		return 0, errTimeout
	case <-l.failed:
		return 0, l.err
	case <-ctx.Done():
		l.late = true
		return 0, ctx.Err()
	}
}

// errTimeout is returned by ask when the reply does not come in time.
var errTimeout = errors.New("timed out")

// stopAsking withdraws the waiting request and drops a reply that the
// reader delivered after the request gave up.
func (l *link) stopAsking() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.asking = false
	select {
	case <-l.reply:
		l.strays++
	default:
	}
}

// waitResume returns at once unless the printer has sent XOFF, and then
// when its XON comes, or errXOFFTimeout after timeout.
func (l *link) waitResume(ctx context.Context, timeout time.Duration) error {
	l.mu.Lock()
	paused, resumed := l.paused, l.resumed
	l.mu.Unlock()
	if !paused {
		return nil
	}

	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-resumed:
		return nil
	case <-timer.C:
		return errXOFFTimeout
	case <-l.failed:
		return l.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// errXOFFTimeout is returned by waitResume when XON does not come in time.
var errXOFFTimeout = errors.New("no XON after XOFF")

// sleep waits for d unless the port fails or ctx ends first.
func (l *link) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-l.failed:
		return l.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// strayCount returns the number of bytes dropped so far.
func (l *link) strayCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.strays
}

// close closes the port and waits for the reader to return, which takes at
// most readPoll on a serial port.
func (l *link) close() error {
	l.mu.Lock()
	l.closing = true
	l.mu.Unlock()

	err := l.port.Close()
	<-l.done
	return err
}
