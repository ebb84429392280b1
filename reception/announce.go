package reception

import (
	"context"
	"sync"
	"time"
)

// Player plays a sound to its end. Play returns when the sound has finished
// or ctx is done.
type Player interface {
	Play(ctx context.Context, sound []byte) error
}

// Announcer announces calls one after another: each call gets the chime
// played to its end and at least MinDuration on screen before the next
// starts, so calls made in quick succession are never cut off.
type Announcer struct {
	player Player
	sound  []byte
	clock  Clock
	// minDuration paces announcements when the player returns at once, for
	// example on a machine without audio.
	minDuration time.Duration
	// onChange receives the call being announced, or ok false when none is.
	onChange func(c Call, ok bool)
	// onError receives the player's errors, for the application's log.
	onError func(error)
	// failing is true after a failed play until one succeeds. It is used
	// only by Run's goroutine.
	failing bool

	mu      sync.Mutex // guards pending, current and onChange
	pending []Call
	current *Call
	wake    chan struct{} // has room for one signal, sent by Announce
}

// AnnouncerOptions configures NewAnnouncer. Only Player is required.
type AnnouncerOptions struct {
	Player Player
	// Sound is the sound Player plays for each call, such as sounds.Chime.
	Sound []byte
	// MinDuration is the shortest time one announcement lasts.
	MinDuration time.Duration
	// Clock defaults to SystemClock.
	Clock Clock
	// OnChange is called from Run's goroutine when an announcement starts
	// (ok true) and when the queue of announcements runs empty (ok false).
	OnChange func(c Call, ok bool)
	// OnError is called from Run's goroutine with the first error of each
	// run of failed plays. A machine whose sound device is gone fails every
	// call, and one log line is enough until a play works again.
	OnError func(error)
}

// NewAnnouncer returns an Announcer. Start it with Run.
func NewAnnouncer(opts AnnouncerOptions) *Announcer {
	a := &Announcer{
		player:      opts.Player,
		sound:       opts.Sound,
		clock:       opts.Clock,
		minDuration: opts.MinDuration,
		onChange:    opts.OnChange,
		onError:     opts.OnError,
		wake:        make(chan struct{}, 1),
	}
	if a.player == nil {
		a.player = Silent{}
	}
	if a.clock == nil {
		a.clock = SystemClock{}
	}
	return a
}

// SetOnChange replaces AnnouncerOptions.OnChange, for example with
// Board.SetAnnouncing once the board exists.
func (a *Announcer) SetOnChange(fn func(c Call, ok bool)) {
	a.mu.Lock()
	a.onChange = fn
	a.mu.Unlock()
}

// Announce queues c behind the calls already waiting. It never blocks.
func (a *Announcer) Announce(c Call) {
	a.mu.Lock()
	a.pending = append(a.pending, c)
	a.mu.Unlock()
	select {
	case a.wake <- struct{}{}:
	default:
	}
}

// Current returns the call being announced, if any.
func (a *Announcer) Current() (Call, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.current == nil {
		return Call{}, false
	}
	return *a.current, true
}

// Pending returns how many calls wait to be announced.
func (a *Announcer) Pending() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.pending)
}

// Run announces queued calls until ctx is done, and returns ctx's error.
func (a *Announcer) Run(ctx context.Context) error {
	for {
		c, ok := a.next()
		if !ok {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-a.wake:
				continue
			}
		}
		a.announce(ctx, c)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// next takes the oldest pending call and makes it current. With none
// pending it clears the current call and reports the change once.
func (a *Announcer) next() (Call, bool) {
	a.mu.Lock()
	onChange := a.onChange
	if len(a.pending) == 0 {
		wasBusy := a.current != nil
		a.current = nil
		a.mu.Unlock()
		if wasBusy && onChange != nil {
			onChange(Call{}, false)
		}
		return Call{}, false
	}
	c := a.pending[0]
	a.pending = a.pending[1:]
	a.current = &c
	a.mu.Unlock()
	if onChange != nil {
		onChange(c, true)
	}
	return c, true
}

// announce plays the sound for c and waits out the rest of MinDuration.
func (a *Announcer) announce(ctx context.Context, _ Call) {
	start := a.clock.Now()
	err := a.player.Play(ctx, a.sound)
	switch {
	case err == nil:
		a.failing = false
	case ctx.Err() == nil && !a.failing:
		a.failing = true
		if a.onError != nil {
			a.onError(err)
		}
	}
	rest := a.minDuration - a.clock.Now().Sub(start)
	if rest <= 0 {
		return
	}
	select {
	case <-ctx.Done():
	case <-a.clock.After(rest):
	}
}
