// Package printertest provides a fake ESC/POS receipt printer on a
// pseudo-terminal pair, for testing serial printer code without hardware.
//
// The code under test opens [Printer.Path] as it would open
// /dev/ttyUSB0. The fake records every byte it receives, replies to the
// real-time status requests DLE EOT 1 to 4 with the bits the ESC/POS
// command reference defines, and plays faults on request: paper near end or
// out, cover open, an error, no answer, stray bytes, XOFF for a while, and
// a cable pulled in the middle of a job.
package printertest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// Paper is the state of the roll paper sensors.
type Paper int

// Paper states.
const (
	PaperAdequate Paper = iota
	PaperNearEnd
	PaperOut
)

// String returns the state's name.
func (p Paper) String() string {
	switch p {
	case PaperAdequate:
		return "adequate"
	case PaperNearEnd:
		return "near end"
	case PaperOut:
		return "out"
	}
	return fmt.Sprintf("Paper(%d)", int(p))
}

// Flow control bytes.
const (
	XON  = 0x11
	XOFF = 0x13
)

// Printer is a fake printer behind the slave side of a pseudo-terminal.
// Its methods are safe for concurrent use.
type Printer struct {
	// Path is the slave device, such as /dev/pts/3, to open as the
	// printer's serial port.
	Path string

	master *os.File // the printer's end, read and written by the fake
	tty    *os.File // the slave, held open so its settings stay

	mu          sync.Mutex
	received    []byte
	changed     chan struct{} // closed and replaced whenever received grows
	parser      parser
	paper       Paper
	coverOpen   bool
	failed      bool // a cutter error
	silent      bool
	replyDelay  time.Duration
	strays      []byte // sent before every status reply
	pullAt      int    // the received length at which the cable is pulled; -1 for never
	pulled      bool
	paperAt     int // the received length at which paper becomes nextPaper; -1 for never
	nextPaper   Paper
	xoffAt      int           // the received length at which to send XOFF; -1 for never
	xoffFor     time.Duration // how long XOFF lasts; negative for ever
	paused      bool
	pausedBytes int
	xonAt       time.Time
	done        chan struct{} // closed when the reading goroutine returns
}

// New starts a fake printer with adequate paper and no faults. It is
// unplugged when the test ends.
func New(t testing.TB) *Printer {
	t.Helper()
	p, err := start()
	if err != nil {
		t.Fatalf("printertest: %v", err)
	}
	t.Cleanup(p.PullCable)
	return p
}

// Plug starts a fake printer and points the symbolic link at link to its
// device, replacing the link if it exists, as udev does with
// /dev/serial/by-id when an adapter is plugged in.
func Plug(t testing.TB, link string) *Printer {
	t.Helper()
	p := New(t)
	tmp := link + ".new"
	if err := os.Symlink(p.Path, tmp); err != nil {
		t.Fatalf("printertest: %v", err)
	}
	if err := os.Rename(tmp, link); err != nil {
		t.Fatalf("printertest: %v", err)
	}
	return p
}

func start() (*Printer, error) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		return nil, fmt.Errorf("open pseudo-terminal: %w", err)
	}
	if err := makeRaw(tty); err != nil {
		ptmx.Close()
		tty.Close()
		return nil, err
	}
	master, err := pollable(ptmx)
	if err != nil {
		tty.Close()
		return nil, err
	}

	p := &Printer{
		Path:    tty.Name(),
		master:  master,
		tty:     tty,
		changed: make(chan struct{}),
		pullAt:  -1,
		paperAt: -1,
		xoffAt:  -1,
		done:    make(chan struct{}),
	}
	go p.read()
	return p, nil
}

// makeRaw turns off every translation of the slave's line discipline, so
// bytes pass unchanged both ways: no CR and LF mapping, no echo, and 0x11
// and 0x13 delivered as data instead of acted on.
func makeRaw(tty *os.File) error {
	fd := int(tty.Fd())
	t, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return fmt.Errorf("read terminal settings: %w", err)
	}
	t.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR |
		unix.IGNCR | unix.ICRNL | unix.IXON | unix.IXOFF | unix.IXANY
	t.Oflag &^= unix.OPOST
	t.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.ISIG | unix.IEXTEN
	t.Cflag &^= unix.CSIZE | unix.PARENB
	t.Cflag |= unix.CS8
	t.Cc[unix.VMIN] = 1
	t.Cc[unix.VTIME] = 0
	if err := unix.IoctlSetTermios(fd, unix.TCSETS, t); err != nil {
		return fmt.Errorf("set terminal to raw mode: %w", err)
	}
	return nil
}

// pollable returns a non-blocking copy of f and closes f. pty.Open returns
// a master in blocking mode, whose Read a Close from another goroutine
// does not interrupt, so pulling the cable would wait for the next byte.
func pollable(f *os.File) (*os.File, error) {
	defer f.Close()
	fd, err := unix.Dup(int(f.Fd()))
	if err != nil {
		return nil, fmt.Errorf("duplicate pseudo-terminal master: %w", err)
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("set pseudo-terminal master non-blocking: %w", err)
	}
	return os.NewFile(uintptr(fd), f.Name()), nil
}

// read records everything the code under test sends until the cable is
// pulled.
func (p *Printer) read() {
	defer close(p.done)
	buf := make([]byte, 4096)
	for {
		n, err := p.master.Read(buf)
		if n > 0 && !p.receive(buf[:n]) {
			return
		}
		if err != nil {
			return
		}
	}
}

// receive records data and acts on it. It returns false once the cable is
// pulled.
func (p *Printer) receive(data []byte) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pulled {
		return false
	}

	for _, b := range data {
		p.received = append(p.received, b)
		if len(p.received) == p.pullAt {
			p.pullLocked()
			return false
		}
		if p.paused {
			p.pausedBytes++
		}
		if len(p.received) == p.paperAt {
			p.paper = p.nextPaper
		}
		if len(p.received) == p.xoffAt {
			p.pauseLocked()
		}
		if n, ok := p.parser.feed(b); ok && !p.silent {
			p.replyAfterLocked(append(bytes.Clone(p.strays), p.replyLocked(n)))
		}
	}
	close(p.changed)
	p.changed = make(chan struct{})
	return true
}

// replyLocked returns the reply to DLE EOT n for the current state, with
// the bits the ESC/POS command reference defines. Paper out, an open cover
// and an error put the printer offline. The reply to n=1 has bit 2 set
// (drawer connector pin 3 high), which does not affect printing.
func (p *Printer) replyLocked(n byte) byte {
	const base = 0x12 // bits 1 and 4 are always set
	offline := p.paper == PaperOut || p.coverOpen || p.failed
	var b byte = base
	switch n {
	case 1:
		b |= 1 << 2 // drawer connector pin 3 high
		if offline {
			b |= 1 << 3
		}
	case 2:
		if p.coverOpen {
			b |= 1 << 2
		}
		if p.paper == PaperOut {
			b |= 1 << 5
		}
		if p.failed {
			b |= 1 << 6
		}
	case 3:
		if p.failed {
			b |= 1 << 3 // autocutter error
		}
	case 4:
		switch p.paper {
		case PaperNearEnd:
			b |= 3 << 2
		case PaperOut:
			b |= 3 << 5
		}
	}
	return b
}

// replyAfterLocked sends reply now, or after the reply delay.
func (p *Printer) replyAfterLocked(reply []byte) {
	if p.replyDelay <= 0 {
		p.writeLocked(reply)
		return
	}
	time.AfterFunc(p.replyDelay, func() { p.Send(reply...) })
}

func (p *Printer) writeLocked(b []byte) {
	if !p.pulled {
		_, _ = p.master.Write(b) // A write that fails is a pulled cable.
	}
}

func (p *Printer) pauseLocked() {
	p.paused = true
	p.writeLocked([]byte{XOFF})
	if p.xoffFor >= 0 {
		time.AfterFunc(p.xoffFor, p.resume)
	}
}

func (p *Printer) resume() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.paused = false
	p.xonAt = time.Now()
	p.writeLocked([]byte{XON})
}

func (p *Printer) pullLocked() {
	if p.pulled {
		return
	}
	p.pulled = true
	p.master.Close()
	p.tty.Close()
}

// PullCable closes the pseudo-terminal, as pulling the cable of a USB
// serial adapter removes its device: the code under test gets errors on
// every read and write. The fake receives nothing after it.
func (p *Printer) PullCable() {
	p.mu.Lock()
	p.pullLocked()
	p.mu.Unlock()
	<-p.done
}

// PullCableAfter pulls the cable once n more bytes have arrived. The fake
// records exactly those n bytes.
func (p *Printer) PullCableAfter(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n <= 0 {
		p.pullLocked()
		return
	}
	p.pullAt = len(p.received) + n
}

// PauseAfter sends XOFF once n more bytes have arrived, and XON d after
// that. With a negative d it never sends XON.
func (p *Printer) PauseAfter(n int, d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.xoffAt = len(p.received) + n
	p.xoffFor = d
}

// Pause sends XOFF now, and Resume sends XON.
func (p *Printer) Pause() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.xoffFor = -1
	p.pauseLocked()
}

// Resume sends XON.
func (p *Printer) Resume() { p.resume() }

// ReceivedWhilePaused returns the number of bytes that arrived after an
// XOFF and before the following XON.
func (p *Printer) ReceivedWhilePaused() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pausedBytes
}

// ResumedAt returns when the last XON was sent, or the zero time.
func (p *Printer) ResumedAt() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.xonAt
}

// SetPaper sets what the paper sensors report.
func (p *Printer) SetPaper(paper Paper) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.paper = paper
}

// SetPaperAfter changes what the paper sensors report once n more bytes
// have arrived, as when the roll runs out in the middle of a job.
func (p *Printer) SetPaperAfter(n int, paper Paper) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.paperAt = len(p.received) + n
	p.nextPaper = paper
}

// SetCoverOpen opens or closes the cover.
func (p *Printer) SetCoverOpen(open bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.coverOpen = open
}

// SetCutterError makes the printer report an autocutter error, or clears it.
func (p *Printer) SetCutterError(failed bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.failed = failed
}

// SetSilent stops or restarts the replies to status requests, as a
// printer that is switched off behind a powered adapter gives none.
func (p *Printer) SetSilent(silent bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.silent = silent
}

// SetReplyDelay delays each status reply by d, as a printer busy with
// something else may. The reply keeps the state at the time of the request.
func (p *Printer) SetReplyDelay(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.replyDelay = d
}

// SetStrays sets bytes that the printer sends unasked just before each
// status reply, such as an Automatic Status Back block or line noise.
func (p *Printer) SetStrays(b ...byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.strays = bytes.Clone(b)
}

// Send sends b unasked now.
func (p *Printer) Send(b ...byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.writeLocked(b)
}

// Received returns a copy of every byte received so far.
func (p *Printer) Received() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return bytes.Clone(p.received)
}

// WaitReceived waits until at least n bytes have arrived in all and
// returns them, or fails the test after timeout.
func (p *Printer) WaitReceived(t testing.TB, n int, timeout time.Duration) []byte {
	t.Helper()
	deadline := time.After(timeout)
	for {
		p.mu.Lock()
		got, changed := bytes.Clone(p.received), p.changed
		p.mu.Unlock()
		if len(got) >= n {
			return got
		}
		select {
		case <-changed:
		case <-p.done:
			t.Fatalf("printertest: cable pulled after %d of %d bytes", len(got), n)
		case <-deadline:
			t.Fatalf("printertest: received %d of %d bytes within %v: % X",
				len(got), n, timeout, got)
		}
	}
}

// SymlinkPath returns a path for a link to a fake printer in a test's
// temporary folder, named like a /dev/serial/by-id entry.
func SymlinkPath(t testing.TB) string {
	return filepath.Join(t.TempDir(), "usb-Fake_Receipt_Printer_0001-if00-port0")
}

// parser finds the real-time status requests DLE EOT n (10 04 n, n = 1 to
// 4) in the byte stream, wherever they occur, as a printer does.
type parser struct {
	state int // 0: idle, 1: after DLE, 2: after DLE EOT
}

// feed takes one byte and returns n when it completes DLE EOT n.
func (ps *parser) feed(b byte) (byte, bool) {
	switch {
	case ps.state == 2 && b >= 1 && b <= 4:
		ps.state = 0
		return b, true
	case ps.state == 1 && b == 0x04:
		ps.state = 2
	case b == 0x10:
		ps.state = 1
	default:
		ps.state = 0
	}
	return 0, false
}
