package printer

import (
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// pollPort is a port with nothing to read. Each Read returns (0, io.EOF),
// at once when hungUp is set and otherwise after readPoll, as a serial
// port with a read timeout does on Linux.
type pollPort struct {
	hungUp bool

	mu     sync.Mutex
	closed bool
}

func (p *pollPort) Read([]byte) (int, error) {
	if !p.hungUp {
		time.Sleep(readPoll)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return 0, os.ErrClosed
	}
	return 0, io.EOF
}

func (p *pollPort) Write(b []byte) (int, error) { return len(b), nil }

func (p *pollPort) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	return nil
}

func TestLinkHangUp(t *testing.T) {
	l := newLink(&pollPort{hungUp: true})
	defer l.close()

	select {
	case <-l.failed:
	case <-time.After(waitLimit):
		t.Fatalf("a port whose reads return at once with no data was not taken as hung up")
	}
	if err := l.broken(); err == nil || !strings.Contains(err.Error(), "hung up") {
		t.Errorf("broken() = %v, want a hang-up error", err)
	}
}

func TestLinkQuietPort(t *testing.T) {
	l := newLink(&pollPort{})

	time.Sleep(hangupReads * readPoll * 2)
	if err := l.broken(); err != nil {
		t.Errorf("broken() = %v on a port that only timed out, want nil", err)
	}
	if err := l.close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if err := l.broken(); err != nil {
		t.Errorf("broken() = %v after close, want nil", err)
	}
}

func TestLinkTake(t *testing.T) {
	tests := []struct {
		name       string
		asking     bool
		in         []byte
		wantReply  int // -1 for none
		wantPaused bool
		wantStrays int
	}{
		{"reply", true, []byte{0x12}, 0x12, false, 0},
		{"reply while idle is stray", false, []byte{0x12}, -1, false, 1},
		{"noise then reply", true, []byte{0x00, 0xff, 0x10, 0x72}, 0x72, false, 3},
		{"only the first reply", true, []byte{0x16, 0x12}, 0x16, false, 1},
		{"XOFF", true, []byte{xoff}, -1, true, 0},
		{"XOFF then XON", false, []byte{xoff, xon}, -1, false, 0},
		{"XON without XOFF", false, []byte{xon}, -1, false, 0},
		{"XOFF between noise and reply", true, []byte{0x00, xoff, 0x1e}, 0x1e, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &link{reply: make(chan byte, 1), resumed: make(chan struct{})}
			l.asking = tt.asking
			for _, b := range tt.in {
				l.take(b)
			}

			got := -1
			select {
			case b := <-l.reply:
				got = int(b)
			default:
			}
			if got != tt.wantReply {
				t.Errorf("reply = %#x, want %#x", got, tt.wantReply)
			}
			if l.paused != tt.wantPaused {
				t.Errorf("paused = %v, want %v", l.paused, tt.wantPaused)
			}
			if l.strays != tt.wantStrays {
				t.Errorf("strays = %d, want %d", l.strays, tt.wantStrays)
			}
		})
	}
}
