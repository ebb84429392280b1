package printer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"frontdesk/devices/escpos"
	"frontdesk/devices/printer/printertest"
)

// testBaud is fast enough that pacing a test job takes milliseconds.
const testBaud = 921600

// waitLimit bounds every wait for something the fake or the printer does.
const waitLimit = 5 * time.Second

// initSent is what the printer receives when the port opens with the
// default profile: ESC @.
var initSent = []byte{0x1b, 0x40}

// statusSent is the status check before each job: DLE EOT 1, 2, 3 and 4.
var statusSent = []byte{0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4}

// openTest opens a serial printer on port with settings for tests, changed
// by edit when it is not nil, and closes it when the test ends.
func openTest(t *testing.T, port string, edit func(*Config)) *serialPrinter {
	t.Helper()
	cfg := Config{
		Port:          port,
		Baud:          testBaud,
		StatusTimeout: 500 * time.Millisecond,
		XOFFTimeout:   2 * time.Second,
	}
	if edit != nil {
		edit(&cfg)
	}
	p, err := Open(cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { p.Close() })
	return p.(*serialPrinter)
}

// testJob returns an ESC/POS job of about size bytes: lines of numbered
// text between an initialise and a cut. Every line differs, so a byte
// sent twice or out of order shows.
func testJob(size int) []byte {
	e := escpos.NewEncoder()
	e.Init()
	for i := 0; e.Len() < size-4; i++ {
		e.Line(fmt.Sprintf("line %05d of the test job", i))
	}
	e.Cut()
	return e.Bytes()
}

func concat(parts ...[]byte) []byte {
	return bytes.Join(parts, nil)
}

// waitFor polls cond until it holds or the wait limit passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// checkReceived compares the bytes the fake received with want.
func checkReceived(t *testing.T, fake *printertest.Printer, want []byte) {
	t.Helper()
	got := fake.WaitReceived(t, len(want), waitLimit)
	if !bytes.Equal(got, want) {
		t.Errorf("printer received %d bytes, want %d\n got: % X\nwant: % X",
			len(got), len(want), clip(got), clip(want))
	}
}

// clip shortens b for a failure message.
func clip(b []byte) []byte {
	if len(b) > 64 {
		return b[:64]
	}
	return b
}

func TestSerialPrint(t *testing.T) {
	job := testJob(2000)
	asb := []byte{0x10, 0x00, 0x00, 0x00} // an Automatic Status Back block

	tests := []struct {
		name    string
		setup   func(*printertest.Printer)
		wantErr []error // all must match; nil when the job prints
		sent    []byte  // the status requests sent before the job or the error
	}{
		{
			name:  "ready",
			setup: func(*printertest.Printer) {},
			sent:  statusSent,
		},
		{
			name:  "paper near end prints",
			setup: func(f *printertest.Printer) { f.SetPaper(printertest.PaperNearEnd) },
			sent:  statusSent,
		},
		{
			name:    "paper out",
			setup:   func(f *printertest.Printer) { f.SetPaper(printertest.PaperOut) },
			wantErr: []error{ErrPaperOut},
			sent:    statusSent,
		},
		{
			name:    "cover open",
			setup:   func(f *printertest.Printer) { f.SetCoverOpen(true) },
			wantErr: []error{ErrCoverOpen},
			sent:    statusSent,
		},
		{
			name:    "cutter error",
			setup:   func(f *printertest.Printer) { f.SetCutterError(true) },
			wantErr: []error{ErrPrinterError},
			sent:    statusSent,
		},
		{
			name:    "no answer",
			setup:   func(f *printertest.Printer) { f.SetSilent(true) },
			wantErr: []error{ErrNoAnswer, ErrOffline},
			sent:    statusSent[:3], // it stops at the first request without a reply
		},
		{
			name: "stray bytes before each reply",
			setup: func(f *printertest.Printer) {
				f.SetStrays(append(asb, 0x00, 0xff, 0x11)...)
			},
			sent: statusSent,
		},
		{
			name: "stray bytes and paper out",
			setup: func(f *printertest.Printer) {
				f.SetStrays(append(asb, 0x00, 0xff)...)
				f.SetPaper(printertest.PaperOut)
			},
			wantErr: []error{ErrPaperOut},
			sent:    statusSent,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := printertest.New(t)
			tt.setup(fake)
			p := openTest(t, fake.Path, nil)

			err := p.Print(context.Background(), job)

			for _, want := range tt.wantErr {
				if !errors.Is(err, want) {
					t.Errorf("Print error = %v, want one matching %v", err, want)
				}
			}
			if tt.wantErr == nil && err != nil {
				t.Fatalf("Print: %v", err)
			}
			want := concat(initSent, tt.sent)
			if tt.wantErr == nil {
				want = concat(want, job, statusSent)
			}
			checkReceived(t, fake, want)
		})
	}
}

// TestSerialPrintSendsNothingMore checks that after a refused job nothing
// else reaches the printer: the job is not kept to be sent later.
func TestSerialPrintSendsNothingMore(t *testing.T) {
	fake := printertest.New(t)
	fake.SetPaper(printertest.PaperOut)
	p := openTest(t, fake.Path, nil)

	if err := p.Print(context.Background(), testJob(300)); !errors.Is(err, ErrPaperOut) {
		t.Fatalf("Print error = %v, want ErrPaperOut", err)
	}
	fake.SetPaper(printertest.PaperAdequate)
	if _, err := p.Status(context.Background()); err != nil {
		t.Fatalf("Status: %v", err)
	}
	checkReceived(t, fake, concat(initSent, statusSent, statusSent))
}

func TestSerialStatus(t *testing.T) {
	tests := []struct {
		name  string
		setup func(*printertest.Printer)
		want  Status
	}{
		{
			name:  "ready",
			setup: func(*printertest.Printer) {},
			want:  Status{Replies: [4]byte{0x16, 0x12, 0x12, 0x12}},
		},
		{
			name:  "near end",
			setup: func(f *printertest.Printer) { f.SetPaper(printertest.PaperNearEnd) },
			want:  Status{NearEnd: true, Replies: [4]byte{0x16, 0x12, 0x12, 0x1e}},
		},
		{
			name:  "paper out",
			setup: func(f *printertest.Printer) { f.SetPaper(printertest.PaperOut) },
			want: Status{Offline: true, PaperStopped: true, PaperOut: true,
				Replies: [4]byte{0x1e, 0x32, 0x12, 0x72}},
		},
		{
			name:  "cover open",
			setup: func(f *printertest.Printer) { f.SetCoverOpen(true) },
			want: Status{Offline: true, CoverOpen: true,
				Replies: [4]byte{0x1e, 0x16, 0x12, 0x12}},
		},
		{
			name:  "cutter error",
			setup: func(f *printertest.Printer) { f.SetCutterError(true) },
			want: Status{Offline: true, Error: true, CutterError: true,
				Replies: [4]byte{0x1e, 0x52, 0x1a, 0x12}},
		},
		{
			name: "stray bytes before each reply",
			setup: func(f *printertest.Printer) {
				f.SetStrays(0x10, 0x00, 0x00, 0x00, 0x00, 0xff) // an ASB block and noise
				f.SetPaper(printertest.PaperNearEnd)
			},
			want: Status{NearEnd: true, Replies: [4]byte{0x16, 0x12, 0x12, 0x1e}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := printertest.New(t)
			tt.setup(fake)
			p := openTest(t, fake.Path, nil)

			got, err := p.Status(context.Background())
			if err != nil {
				t.Fatalf("Status: %v", err)
			}
			if got != tt.want {
				t.Errorf("Status = %+v\nwant %+v", got, tt.want)
			}
			checkReceived(t, fake, concat(initSent, statusSent))
		})
	}
}

func TestSerialStatusNoAnswer(t *testing.T) {
	fake := printertest.New(t)
	fake.SetSilent(true)
	p := openTest(t, fake.Path, func(c *Config) { c.StatusTimeout = 50 * time.Millisecond })

	got, err := p.Status(context.Background())
	if !errors.Is(err, ErrNoAnswer) {
		t.Errorf("Status error = %v, want ErrNoAnswer", err)
	}
	if !errors.Is(err, ErrOffline) {
		t.Errorf("Status error = %v, want it to match ErrOffline too", err)
	}
	if !got.Offline {
		t.Errorf("Status = %+v, want Offline set when there is no answer", got)
	}

	fake.SetSilent(false)
	got, err = p.Status(context.Background())
	if err != nil {
		t.Fatalf("Status after the printer answers again: %v", err)
	}
	if got.Err() != nil {
		t.Errorf("Status after the printer answers again = %v, want ready", got)
	}
}

// TestSerialStrayReplyWhileIdle sends bytes that look like replies while
// no request waits: they must not be taken for the replies to the next
// requests.
func TestSerialStrayReplyWhileIdle(t *testing.T) {
	fake := printertest.New(t)
	p := openTest(t, fake.Path, nil)
	fake.WaitReceived(t, len(initSent), waitLimit)

	fake.Send(0x72, 0x1e, 0x32) // paper out, offline, stopped by paper end
	waitFor(t, "the stray bytes to be read", func() bool { return p.link.strayCount() == 3 })

	got, err := p.Status(context.Background())
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if got.Err() != nil || got.NearEnd {
		t.Errorf("Status = %v, want ready: the stray bytes were taken as replies", got)
	}
}

// TestSerialLateReply makes a reply come after its request timed out. It
// must be dropped, not taken for the reply to the next request.
func TestSerialLateReply(t *testing.T) {
	fake := printertest.New(t)
	fake.SetPaper(printertest.PaperOut)
	fake.SetReplyDelay(500 * time.Millisecond)
	p := openTest(t, fake.Path, func(c *Config) { c.StatusTimeout = 400 * time.Millisecond })

	if _, err := p.Status(context.Background()); !errors.Is(err, ErrNoAnswer) {
		t.Fatalf("Status error = %v, want ErrNoAnswer", err)
	}

	// The late reply to DLE EOT 1 reports offline (0x1E). It arrives 100 ms
	// after the timeout, while the next status check would wait for its
	// own reply, delayed 250 ms, if it asked at once.
	fake.SetReplyDelay(250 * time.Millisecond)
	fake.SetPaper(printertest.PaperAdequate)
	got, err := p.Status(context.Background())
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if got.Err() != nil {
		t.Errorf("Status = %v, want ready: the late reply was taken for a new one", got)
	}
	if n := p.link.strayCount(); n != 1 {
		t.Errorf("dropped %d stray bytes, want the 1 late reply", n)
	}
}

// TestSerialPausedBeforeJob sends XOFF before the job: the status check
// still goes out, as real-time requests do, but no job byte until XON.
func TestSerialPausedBeforeJob(t *testing.T) {
	fake := printertest.New(t)
	p := openTest(t, fake.Path, nil)
	fake.WaitReceived(t, len(initSent), waitLimit)

	fake.Pause()
	waitFor(t, "the XOFF to be read", func() bool {
		p.link.mu.Lock()
		defer p.link.mu.Unlock()
		return p.link.paused
	})

	job := testJob(1000)
	done := make(chan error, 1)
	go func() { done <- p.Print(context.Background(), job) }()

	prefix := concat(initSent, statusSent)
	fake.WaitReceived(t, len(prefix), waitLimit)
	time.Sleep(100 * time.Millisecond) // time enough for job bytes to arrive if sent
	if got := fake.Received(); len(got) != len(prefix) {
		t.Fatalf("printer received %d bytes while paused, want only the %d of the status check",
			len(got), len(prefix))
	}

	fake.Resume()
	if err := <-done; err != nil {
		t.Fatalf("Print: %v", err)
	}
	checkReceived(t, fake, concat(prefix, job, statusSent))
}

// TestSerialPausedMidJob sends XOFF part of the way through a job and XON
// later: the job ends after the XON, complete and in order.
func TestSerialPausedMidJob(t *testing.T) {
	fake := printertest.New(t)
	// At 115200 baud the job takes about 180 ms to pace, so without
	// flow control it would end long before the XON at 400 ms.
	p := openTest(t, fake.Path, func(c *Config) { c.Baud = 115200 })
	fake.WaitReceived(t, len(initSent), waitLimit)

	job := testJob(2048)
	fake.PauseAfter(len(statusSent)+300, 400*time.Millisecond)
	if err := p.Print(context.Background(), job); err != nil {
		t.Fatalf("Print: %v", err)
	}
	ended := time.Now()

	resumed := fake.ResumedAt()
	if resumed.IsZero() || ended.Before(resumed) {
		t.Errorf("Print ended at %v, before the XON at %v", ended, resumed)
	}
	checkReceived(t, fake, concat(initSent, statusSent, job, statusSent))
}

func TestSerialXOFFTimeout(t *testing.T) {
	tests := []struct {
		name    string
		paper   printertest.Paper // the paper once the printer has paused
		wantErr []error
	}{
		{"no reason", printertest.PaperAdequate, []error{ErrIncomplete, ErrOffline}},
		{"paper ran out", printertest.PaperOut, []error{ErrIncomplete, ErrPaperOut}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := printertest.New(t)
			p := openTest(t, fake.Path, func(c *Config) { c.XOFFTimeout = 200 * time.Millisecond })
			fake.WaitReceived(t, len(initSent), waitLimit)

			job := testJob(4096)
			prefix := concat(initSent, statusSent)
			fake.PauseAfter(len(statusSent)+300, -1)
			go func() {
				for len(fake.Received()) < len(prefix)+300 {
					time.Sleep(time.Millisecond)
				}
				fake.SetPaper(tt.paper)
			}()

			err := p.Print(context.Background(), job)
			for _, want := range tt.wantErr {
				if !errors.Is(err, want) {
					t.Errorf("Print error = %v, want one matching %v", err, want)
				}
			}

			// After the timeout the printer is asked why it paused.
			got := fake.Received()
			if !bytes.HasPrefix(got, prefix) || !bytes.HasSuffix(got, statusSent) {
				t.Fatalf("printer received % X ... % X, want a status check at both ends",
					clip(got), got[max(0, len(got)-16):])
			}
			sent := got[len(prefix) : len(got)-len(statusSent)]
			if !bytes.HasPrefix(job, sent) {
				t.Errorf("printer received %d job bytes that differ from the job", len(sent))
			}
			if len(sent) < 300 || len(sent) == len(job) {
				t.Errorf("printer received %d of %d job bytes, want the part before XOFF",
					len(sent), len(job))
			}
		})
	}
}

// TestSerialPausedPaperOut lets the paper run out where the printer sends
// XOFF: the job fails at the next status check, long before XOFFTimeout.
func TestSerialPausedPaperOut(t *testing.T) {
	fake := printertest.New(t)
	p := openTest(t, fake.Path, func(c *Config) { c.XOFFTimeout = time.Minute })
	fake.WaitReceived(t, len(initSent), waitLimit)

	job := testJob(4096)
	fake.SetPaperAfter(len(statusSent)+300, printertest.PaperOut)
	fake.PauseAfter(len(statusSent)+300, -1)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	err := p.Print(ctx, job)
	if !errors.Is(err, ErrIncomplete) {
		t.Errorf("Print error = %v, want ErrIncomplete", err)
	}
	if !errors.Is(err, ErrPaperOut) {
		t.Errorf("Print error = %v, want ErrPaperOut from the status check while paused", err)
	}
}

// TestSerialCablePulled pulls the cable in the middle of a job, plugs a
// printer in again under the same link, and prints the next job there.
func TestSerialCablePulled(t *testing.T) {
	link := printertest.SymlinkPath(t)
	first := printertest.Plug(t, link)
	p := openTest(t, link, nil)
	first.WaitReceived(t, len(initSent), waitLimit)

	job := testJob(4096)
	first.PullCableAfter(len(statusSent) + 1000)
	err := p.Print(context.Background(), job)
	if !errors.Is(err, ErrIncomplete) {
		t.Errorf("Print error = %v, want ErrIncomplete", err)
	}
	if !errors.Is(err, ErrOffline) {
		t.Errorf("Print error = %v, want ErrOffline", err)
	}
	checkReceived(t, first, concat(initSent, statusSent, job[:1000]))

	if _, err := p.Status(context.Background()); !errors.Is(err, ErrOffline) {
		t.Errorf("Status while unplugged: error = %v, want ErrOffline", err)
	}

	second := printertest.Plug(t, link)
	if _, err := p.Status(context.Background()); err != nil {
		t.Fatalf("Status after plugging in again: %v", err)
	}
	next := testJob(500)
	if err := p.Print(context.Background(), next); err != nil {
		t.Fatalf("Print after plugging in again: %v", err)
	}
	checkReceived(t, second, concat(initSent, statusSent, statusSent, next, statusSent))
	if got := first.Received(); len(got) != len(initSent)+len(statusSent)+1000 {
		t.Errorf("unplugged printer received %d bytes, want %d", len(got),
			len(initSent)+len(statusSent)+1000)
	}
}

// TestSerialPaperRunsOut lets the paper run out while the printer receives
// a job: the status check after the job reports it.
func TestSerialPaperRunsOut(t *testing.T) {
	fake := printertest.New(t)
	p := openTest(t, fake.Path, nil)
	fake.WaitReceived(t, len(initSent), waitLimit)

	job := testJob(1000)
	fake.SetPaperAfter(len(statusSent)+500, printertest.PaperOut)
	err := p.Print(context.Background(), job)
	if !errors.Is(err, ErrIncomplete) {
		t.Errorf("Print error = %v, want ErrIncomplete", err)
	}
	if !errors.Is(err, ErrPaperOut) {
		t.Errorf("Print error = %v, want ErrPaperOut", err)
	}
	checkReceived(t, fake, concat(initSent, statusSent, job, statusSent))
}

// TestSerialOpenBeforePlugged opens a port that does not exist yet.
func TestSerialOpenBeforePlugged(t *testing.T) {
	link := printertest.SymlinkPath(t)
	p := openTest(t, link, nil)

	err := p.Print(context.Background(), testJob(100))
	if !errors.Is(err, ErrOffline) {
		t.Errorf("Print error = %v, want ErrOffline", err)
	}
	if errors.Is(err, ErrIncomplete) {
		t.Errorf("Print error = %v, want no ErrIncomplete when nothing was sent", err)
	}

	fake := printertest.Plug(t, link)
	job := testJob(100)
	if err := p.Print(context.Background(), job); err != nil {
		t.Fatalf("Print after plugging in: %v", err)
	}
	checkReceived(t, fake, concat(initSent, statusSent, job, statusSent))
}

func TestSerialCancelKanji(t *testing.T) {
	fake := printertest.New(t)
	profile := escpos.DefaultProfile()
	profile.CancelKanji = true
	openTest(t, fake.Path, func(c *Config) { c.Profile = profile })

	checkReceived(t, fake, []byte{0x1b, 0x40, 0x1c, 0x2e})
}

// TestSerialConcurrentPrints prints from several goroutines: each job
// arrives once and whole, never interleaved with another.
func TestSerialConcurrentPrints(t *testing.T) {
	fake := printertest.New(t)
	p := openTest(t, fake.Path, nil)

	jobs := make([][]byte, 4)
	for i := range jobs {
		jobs[i] = concat([]byte(fmt.Sprintf("job %d ", i)), testJob(700+100*i))
	}
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Go(func() {
			if err := p.Print(context.Background(), job); err != nil {
				t.Errorf("Print: %v", err)
			}
		})
	}
	wg.Wait()

	total := len(initSent)
	for _, job := range jobs {
		total += len(statusSent) + len(job) + len(statusSent)
	}
	rest := fake.WaitReceived(t, total, waitLimit)[len(initSent):]
	seen := map[int]bool{}
	for len(rest) > 0 {
		if !bytes.HasPrefix(rest, statusSent) {
			t.Fatalf("expected a status check, got % X", clip(rest))
		}
		rest = rest[len(statusSent):]
		found := false
		for i, job := range jobs {
			if !seen[i] && bytes.HasPrefix(rest, concat(job, statusSent)) {
				seen[i], found = true, true
				rest = rest[len(job)+len(statusSent):]
				break
			}
		}
		if !found {
			t.Fatalf("expected a whole job not printed yet and a status check, got % X", clip(rest))
		}
	}
}

func TestSerialClosed(t *testing.T) {
	fake := printertest.New(t)
	p := openTest(t, fake.Path, nil)
	l := p.link

	if err := p.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	select {
	case <-l.done:
	default:
		t.Errorf("the reader goroutine is still running after Close")
	}
	if err := p.Print(context.Background(), testJob(100)); !errors.Is(err, ErrClosed) {
		t.Errorf("Print after Close: error = %v, want ErrClosed", err)
	}
	if _, err := p.Status(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("Status after Close: error = %v, want ErrClosed", err)
	}
}

func TestSerialCanceled(t *testing.T) {
	fake := printertest.New(t)
	p := openTest(t, fake.Path, nil)
	fake.WaitReceived(t, len(initSent), waitLimit)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.Print(ctx, testJob(100)); !errors.Is(err, context.Canceled) {
		t.Errorf("Print error = %v, want context.Canceled", err)
	}
	time.Sleep(50 * time.Millisecond) // time enough for bytes to arrive if sent
	checkReceived(t, fake, initSent)
}

// TestSerialRequestInsideJob sends a job whose data holds DLE EOT 4, as
// raster data may. The printer replies to it as to a request, and that
// reply must be dropped, not kept for the next status check.
func TestSerialRequestInsideJob(t *testing.T) {
	fake := printertest.New(t)
	fake.SetPaper(printertest.PaperNearEnd)
	p := openTest(t, fake.Path, nil)

	job := testJob(600)
	job = concat(job[:300], []byte{0x1d, 0x76, 0x30, 0, 1, 0, 3, 0, 0x10, 0x04, 0x04}, job[300:])
	if err := p.Print(context.Background(), job); err != nil {
		t.Fatalf("Print: %v", err)
	}
	checkReceived(t, fake, concat(initSent, statusSent, job, statusSent))
	waitFor(t, "the reply to the request inside the job", func() bool {
		return p.link.strayCount() == 1
	})

	fake.SetPaper(printertest.PaperAdequate)
	got, err := p.Status(context.Background())
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if got.NearEnd {
		t.Errorf("Status = %v, want ready without near end: an old reply was used", got)
	}
}

// TestSerialPortBusy opens one port for two printers, as two processes
// would: the second must not talk to the printer while the first has it.
func TestSerialPortBusy(t *testing.T) {
	fake := printertest.New(t)
	first := openTest(t, fake.Path, nil)
	second := openTest(t, fake.Path, nil)

	_, err := second.Status(context.Background())
	if !errors.Is(err, ErrBusy) {
		t.Errorf("Status of the second printer: error = %v, want ErrBusy", err)
	}
	if !errors.Is(err, ErrOffline) {
		t.Errorf("Status of the second printer: error = %v, want it to match ErrOffline", err)
	}
	if _, err := first.Status(context.Background()); err != nil {
		t.Errorf("Status of the first printer: %v", err)
	}

	if err := first.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := second.Status(context.Background()); err != nil {
		t.Errorf("Status of the second printer after the first closed: %v", err)
	}
	checkReceived(t, fake, concat(initSent, statusSent, initSent, statusSent))
}
