package reception

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// fakePlayer records each Play and holds it until the test releases it.
type fakePlayer struct {
	mu      sync.Mutex
	playing int // plays in progress
	overlap bool
	started chan []byte
	release chan error
}

func newFakePlayer() *fakePlayer {
	return &fakePlayer{started: make(chan []byte, 10), release: make(chan error)}
}

func (p *fakePlayer) Play(ctx context.Context, sound []byte) error {
	p.mu.Lock()
	p.playing++
	if p.playing > 1 {
		p.overlap = true
	}
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.playing--
		p.mu.Unlock()
	}()

	p.started <- sound
	select {
	case err := <-p.release:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func startAnnouncer(t *testing.T, opts AnnouncerOptions) (*Announcer, <-chan Call) {
	t.Helper()
	changes := make(chan Call, 20)
	opts.OnChange = func(c Call, ok bool) {
		if !ok {
			c = Call{Number: "(none)"}
		}
		changes <- c
	}
	a := NewAnnouncer(opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v, want context.Canceled", err)
		}
	})
	return a, changes
}

func TestAnnouncerPlaysEachCallToTheEnd(t *testing.T) {
	player := newFakePlayer()
	chime := []byte("RIFF chime")
	a, changes := startAnnouncer(t, AnnouncerOptions{Player: player, Sound: chime, Clock: newFakeClock()})

	for _, n := range []string{"A-001", "A-002", "S-001"} {
		a.Announce(Call{Number: n})
	}
	for _, want := range []string{"A-001", "A-002", "S-001"} {
		if c := <-changes; c.Number != want {
			t.Fatalf("announcing %s, want %s", c.Number, want)
		}
		if sound := <-player.started; string(sound) != string(chime) {
			t.Errorf("played %q, want the chime", sound)
		}
		// While the chime plays, the next call must wait.
		select {
		case c := <-changes:
			t.Fatalf("announcement of %s started while %s played", c.Number, want)
		case <-time.After(20 * time.Millisecond):
		}
		player.release <- nil
	}
	if c := <-changes; c.Number != "(none)" {
		t.Errorf("after the last call, announcing %s, want none", c.Number)
	}
	if player.overlap {
		t.Error("two announcements played at once")
	}
}

func TestAnnouncerPacesSilentCalls(t *testing.T) {
	clock := newFakeClock()
	a, changes := startAnnouncer(t, AnnouncerOptions{Player: Silent{}, Clock: clock, MinDuration: 3 * time.Second})

	a.Announce(Call{Number: "A-001"})
	a.Announce(Call{Number: "A-002"})
	if c := <-changes; c.Number != "A-001" {
		t.Fatalf("announcing %s, want A-001", c.Number)
	}
	waitWaiters(t, clock, 1)
	clock.Advance(2 * time.Second)
	select {
	case c := <-changes:
		t.Fatalf("%s announced 2 s after the first, want 3 s", c.Number)
	case <-time.After(20 * time.Millisecond):
	}
	if n := a.Pending(); n != 1 {
		t.Errorf("%d calls pending, want 1", n)
	}
	clock.Advance(time.Second)
	if c := <-changes; c.Number != "A-002" {
		t.Fatalf("announcing %s, want A-002", c.Number)
	}
}

func TestAnnouncerReportsPlayerErrors(t *testing.T) {
	player := newFakePlayer()
	errs := make(chan error, 10)
	a, changes := startAnnouncer(t, AnnouncerOptions{Player: player, Clock: newFakeClock(),
		OnError: func(err error) { errs <- err }})

	a.Announce(Call{Number: "A-001"})
	a.Announce(Call{Number: "A-002"})
	<-changes
	<-player.started
	broken := errors.New("no sound device")
	player.release <- broken
	if err := <-errs; !errors.Is(err, broken) {
		t.Errorf("OnError got %v, want %v", err, broken)
	}
	// A failed chime does not stop the next announcement.
	if c := <-changes; c.Number != "A-002" {
		t.Errorf("announcing %s, want A-002", c.Number)
	}
	<-player.started
	player.release <- broken
	a.Announce(Call{Number: "A-003"})
	<-changes
	<-player.started
	player.release <- nil
	a.Announce(Call{Number: "A-004"})
	<-changes
	<-player.started
	player.release <- errors.New("device gone again")
	<-changes // the queue ran empty

	if err := <-errs; err == nil || err.Error() != "device gone again" {
		t.Errorf("second OnError got %v, want the failure after a success", err)
	}
	select {
	case err := <-errs:
		t.Errorf("OnError called again with %v, want one call per run of failures", err)
	default:
	}
}

// waitWaiters waits until n timers wait on clock, so a test advances the
// clock only once the code under test waits on it.
func waitWaiters(t *testing.T, clock *fakeClock, n int) {
	t.Helper()
	for start := time.Now(); clock.Waiters() != n; time.Sleep(time.Millisecond) {
		if time.Since(start) > 10*time.Second {
			t.Fatalf("timed out waiting for %d timers on the clock, have %d", n, clock.Waiters())
		}
	}
}
