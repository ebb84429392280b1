package kiosk

import (
	"context"
	"slices"
	"sync"
	"time"

	"frontdesk/assets/i18n"
	"frontdesk/store"
)

// The priority needs a citizen can mark, as the store records them.
const (
	PriorityNone          = store.PriorityNone
	PrioritySenior        = store.PrioritySenior
	PriorityDetermination = store.PriorityDetermination
)

// Priority is a priority need: PriorityNone, PrioritySenior or
// PriorityDetermination.
type Priority = store.Priority

// Step is the screen a session is on.
type Step int

// The steps of taking a ticket, in order.
const (
	StepStart    Step = iota // language and service choice
	StepPriority             // priority need
	StepPrinting             // ticket being issued and printed
	StepDone                 // number shown, or the reason there is none

	// The steps of rating a visit, from the start screen.
	StepRateNumber   // ticket number entry, or the choice to rate anonymously
	StepRating       // the rating screen
	StepRateRejected // why the rating of the ticket was rejected
)

func (s Step) String() string {
	switch s {
	case StepStart:
		return "start"
	case StepPriority:
		return "priority"
	case StepPrinting:
		return "printing"
	case StepDone:
		return "done"
	case StepRateNumber:
		return "rate-number"
	case StepRating:
		return "rating"
	case StepRateRejected:
		return "rate-rejected"
	default:
		return "unknown"
	}
}

// State is a snapshot of a session.
type State struct {
	Step     Step
	Lang     string
	Service  Service // the chosen service, from StepPriority on
	Priority store.Priority
	Result   Result // the outcome, at StepDone
	// Rate is the rating being given, from StepRating on.
	Rate RateState
}

// Session is one citizen at the kiosk: the language, the chosen service and
// priority, and the ticket. It issues at most one ticket per choice, however
// often a button is tapped, and returns to the start screen in the default
// language after the idle timeout.
//
// Every method is safe to call from any goroutine. The change callback runs
// in the goroutine that made the change (the caller, a timer or the ticket
// worker), without the session's lock held.
type Session struct {
	k        *Kiosk
	clock    Clock
	onChange func()

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup // the ticket worker

	mu        sync.Mutex
	state     State     // guarded by mu
	changedAt time.Time // guarded by mu: when the step, language or rated ticket last changed
	idle      Timer     // guarded by mu: nil when no timeout is pending
	idleGen   int       // guarded by mu: distinguishes a stale timer from the current one
	closed    bool      // guarded by mu
}

// NewSession starts a session on the start screen in the default language.
// onChange, which may be nil, is called after every change of State; read
// the new state with State.
func (k *Kiosk) NewSession(onChange func()) *Session {
	if onChange == nil {
		onChange = func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Session{k: k, clock: k.cfg.Clock, onChange: onChange, ctx: ctx, cancel: cancel}
	s.state = State{Step: StepStart, Lang: k.cfg.DefaultLang}
	// A new session accepts its first tap at once.
	s.changedAt = s.clock.Now().Add(-TapGuard)
	return s
}

// Kiosk returns the kiosk the session takes tickets from.
func (s *Session) Kiosk() *Kiosk { return s.k }

// State returns the current state.
func (s *Session) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// SetLang switches the language on the start and priority screens. It
// reports whether the language changed. Like a screen change, a language
// change makes the session ignore taps for TapGuard, because the language
// button stays in place and a double tap would switch straight back.
func (s *Session) SetLang(lang string) bool {
	if !slices.Contains(i18n.Languages(), lang) {
		return false
	}
	return s.change(func(st *State) bool {
		if st.Lang == lang || (st.Step != StepStart && st.Step != StepPriority) {
			return false
		}
		st.Lang = lang
		return true
	}, true)
}

// ChooseService moves from the start screen to the priority choice. It
// reports false, and does nothing, for an unknown service, on another
// screen, or within TapGuard of the last screen change.
func (s *Session) ChooseService(id string) bool {
	svc, ok := s.k.Service(id)
	if !ok {
		return false
	}
	return s.change(func(st *State) bool {
		if st.Step != StepStart {
			return false
		}
		st.Step, st.Service, st.Priority = StepPriority, svc, store.PriorityNone
		return true
	}, true)
}

// Back returns from the priority choice, or from the number entry or the
// faces of a rating, to the start screen, keeping the language.
func (s *Session) Back() bool {
	return s.change(func(st *State) bool {
		if st.Step != StepPriority && st.Step != StepRateNumber && st.Step != StepRating {
			return false
		}
		st.Step, st.Service, st.Rate = StepStart, Service{}, RateState{}
		return true
	}, true)
}

// ChoosePriority takes the ticket for the chosen service with a priority
// need. The ticket is issued and printed in the background: the session is
// at StepPrinting until it reaches StepDone. It reports false, and issues
// nothing, when the session is not on the priority screen (as during
// printing, so a second tap issues no second ticket) or within TapGuard of
// the last screen change.
func (s *Session) ChoosePriority(p store.Priority) bool {
	var st State
	started := s.change(func(cur *State) bool {
		if cur.Step != StepPriority {
			return false
		}
		cur.Step, cur.Priority = StepPrinting, p
		st = *cur
		return true
	}, true)
	if !started {
		return false
	}

	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		res, _ := s.k.TakeTicket(s.ctx, st.Service.ID, st.Lang, st.Priority)
		s.change(func(cur *State) bool {
			cur.Step, cur.Result = StepDone, res
			return true
		}, false)
	}()
	return true
}

// Finish leaves the confirmation screen, or the reason a rating was
// rejected, for the start screen of the next citizen, in the default
// language.
func (s *Session) Finish() bool {
	return s.change(func(st *State) bool {
		if st.Step != StepDone && st.Step != StepRateRejected {
			return false
		}
		*st = State{Step: StepStart, Lang: s.k.cfg.DefaultLang}
		return true
	}, true)
}

// Touch restarts the idle timeout, for taps that change nothing.
func (s *Session) Touch() {
	s.mu.Lock()
	s.armIdleLocked()
	s.mu.Unlock()
}

// Wait blocks until a ticket being issued is done.
func (s *Session) Wait() { s.wg.Wait() }

// Close stops the session's timer, cancels a ticket being printed and waits
// for it. The ticket stays stored, with its print status recorded.
func (s *Session) Close() {
	s.mu.Lock()
	s.closed = true
	s.stopIdleLocked()
	s.mu.Unlock()
	s.cancel()
	s.wg.Wait()
}

// change applies edit to the state under the lock. Guarded changes come
// from taps, and are dropped within TapGuard of the last change of step or
// language.
// When edit reports a change, the idle timer restarts and onChange runs.
func (s *Session) change(edit func(*State) bool, guarded bool) bool {
	s.mu.Lock()
	now := s.clock.Now()
	if s.closed || (guarded && now.Sub(s.changedAt) < TapGuard) {
		s.mu.Unlock()
		return false
	}
	before := s.state
	if !edit(&s.state) {
		s.mu.Unlock()
		return false
	}
	if s.state.Step != before.Step || s.state.Lang != before.Lang || s.state.Rate != before.Rate {
		s.changedAt = now
	}
	s.armIdleLocked()
	s.mu.Unlock()

	s.onChange()
	return true
}

// armIdleLocked restarts the idle timeout, or stops it on a start screen
// that is already in the default language.
func (s *Session) armIdleLocked() {
	s.stopIdleLocked()
	if s.closed || (s.state.Step == StepStart && s.state.Lang == s.k.cfg.DefaultLang) {
		return
	}
	d := s.k.cfg.IdleTimeout
	if s.state.Step == StepDone {
		d = s.k.cfg.DoneTimeout
	}
	gen := s.idleGen
	s.idle = s.clock.AfterFunc(d, func() { s.expire(gen) })
}

func (s *Session) stopIdleLocked() {
	if s.idle != nil {
		s.idle.Stop()
		s.idle = nil
	}
	s.idleGen++
}

// expire returns the session to the start screen when the timer of
// generation gen is still the current one. A ticket being printed is never
// abandoned: the timer restarts and the citizen sees the result first.
func (s *Session) expire(gen int) {
	s.mu.Lock()
	if gen != s.idleGen || s.closed {
		s.mu.Unlock()
		return
	}
	s.idle = nil
	if s.state.Step == StepPrinting {
		s.armIdleLocked()
		s.mu.Unlock()
		return
	}
	s.state = State{Step: StepStart, Lang: s.k.cfg.DefaultLang}
	s.changedAt = s.clock.Now()
	s.idleGen++
	s.mu.Unlock()

	s.onChange()
}
