package printertest

import (
	"bytes"
	"io"
	"os"
	"testing"
	"time"
)

// openSlave opens the fake's device as the code under test would, without
// changing its terminal settings.
func openSlave(t *testing.T, p *Printer) *os.File {
	t.Helper()
	f, err := os.OpenFile(p.Path, os.O_RDWR, 0)
	if err != nil {
		t.Fatalf("open %s: %v", p.Path, err)
	}
	t.Cleanup(func() { f.Close() })
	// A read that waits longer than this is a failure, not a hang.
	if err := f.SetDeadline(time.Now().Add(5 * time.Second)); err != nil {
		t.Fatalf("set deadline on %s: %v", p.Path, err)
	}
	return f
}

// TestFakeRawBytes sends every byte value both ways: the line discipline
// must pass CR, LF, XON and XOFF unchanged.
func TestFakeRawBytes(t *testing.T) {
	p := New(t)
	f := openSlave(t, p)

	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	if _, err := f.Write(all); err != nil {
		t.Fatalf("write: %v", err)
	}
	if got := p.WaitReceived(t, len(all), 5*time.Second); !bytes.Equal(got, all) {
		t.Errorf("fake received % X\nwant % X", got, all)
	}

	sent := []byte{0x0d, 0x0a, XON, XOFF, 0x00, 0x7f, 0xff}
	p.Send(sent...)
	got := make([]byte, len(sent))
	if _, err := io.ReadFull(f, got); err != nil {
		t.Fatalf("read: %v", err)
	}
	if !bytes.Equal(got, sent) {
		t.Errorf("device read % X, want % X", got, sent)
	}
}

func TestFakeStatusReplies(t *testing.T) {
	tests := []struct {
		name  string
		setup func(*Printer)
		want  []byte // replies to DLE EOT 1, 2, 3, 4
	}{
		{"ready", func(*Printer) {}, []byte{0x16, 0x12, 0x12, 0x12}},
		{"near end", func(p *Printer) { p.SetPaper(PaperNearEnd) }, []byte{0x16, 0x12, 0x12, 0x1e}},
		{"paper out", func(p *Printer) { p.SetPaper(PaperOut) }, []byte{0x1e, 0x32, 0x12, 0x72}},
		{"cover open", func(p *Printer) { p.SetCoverOpen(true) }, []byte{0x1e, 0x16, 0x12, 0x12}},
		{"cutter error", func(p *Printer) { p.SetCutterError(true) }, []byte{0x1e, 0x52, 0x1a, 0x12}},
		{"strays", func(p *Printer) { p.SetStrays(0x00) }, []byte{0, 0x16, 0, 0x12, 0, 0x12, 0, 0x12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := New(t)
			tt.setup(p)
			f := openSlave(t, p)

			// The requests are split across writes and hidden in other
			// data, as a printer finds them anywhere in the stream.
			for _, chunk := range [][]byte{{0x1b, 0x10}, {0x04, 0x01, 0x10, 0x04}, {0x02, 'x'},
				{0x10, 0x04, 0x03, 0x10, 0x10, 0x04, 0x04}} {
				if _, err := f.Write(chunk); err != nil {
					t.Fatalf("write: %v", err)
				}
			}
			got := make([]byte, len(tt.want))
			if _, err := io.ReadFull(f, got); err != nil {
				t.Fatalf("read: %v", err)
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("replies % X, want % X", got, tt.want)
			}
		})
	}
}

func TestFakePullCableAfter(t *testing.T) {
	p := New(t)
	f := openSlave(t, p)
	p.PullCableAfter(5)

	f.Write([]byte("0123456789")) // The write may fail once the cable is pulled.
	<-p.done
	if got := p.Received(); string(got) != "01234" {
		t.Errorf("fake received %q, want the first 5 bytes", got)
	}
	if _, err := f.Write([]byte("more")); err == nil {
		t.Errorf("write after the cable was pulled succeeded, want an error")
	}
}

func TestFakePauseAfter(t *testing.T) {
	p := New(t)
	f := openSlave(t, p)
	p.PauseAfter(3, 100*time.Millisecond)

	if _, err := f.Write([]byte("abcdef")); err != nil {
		t.Fatalf("write: %v", err)
	}
	got := make([]byte, 2)
	if _, err := io.ReadFull(f, got); err != nil {
		t.Fatalf("read: %v", err)
	}
	if !bytes.Equal(got, []byte{XOFF, XON}) {
		t.Errorf("fake sent % X, want XOFF then XON", got)
	}
	if n := p.ReceivedWhilePaused(); n != 3 {
		t.Errorf("ReceivedWhilePaused = %d, want the 3 bytes after the third", n)
	}
	if p.ResumedAt().IsZero() {
		t.Errorf("ResumedAt is zero after the XON")
	}
}
