package kiosk_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"frontdesk/kiosk"
	"frontdesk/store"
)

// blockingPrinter holds each job until release is closed.
type blockingPrinter struct {
	started chan struct{}
	release chan struct{}
	jobs    atomic.Int32
}

func newBlockingPrinter() *blockingPrinter {
	return &blockingPrinter{started: make(chan struct{}, 10), release: make(chan struct{})}
}

func (p *blockingPrinter) Print(ctx context.Context, _ []byte) error {
	p.jobs.Add(1)
	p.started <- struct{}{}
	select {
	case <-p.release:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// counter counts a session's change notifications.
type counter struct{ n atomic.Int32 }

func (c *counter) inc() { c.n.Add(1) }

// pass moves the clock past the guard against double taps.
func pass(r *rig) { r.clock.Advance(kiosk.TapGuard) }

func TestSessionTakesOneTicket(t *testing.T) {
	p, _ := filePrinter(t)
	r := newRig(t, p)
	var changes counter
	s := r.kiosk.NewSession(changes.inc)
	defer s.Close()

	if st := s.State(); st.Step != kiosk.StepStart || st.Lang != "ar" {
		t.Fatalf("new session at %v in %q, want start in ar", st.Step, st.Lang)
	}
	if !s.ChooseService("protection") {
		t.Fatal("ChooseService(protection) refused on the start screen")
	}
	if st := s.State(); st.Step != kiosk.StepPriority || st.Service.ID != "protection" {
		t.Fatalf("after choosing: %v with %q, want priority with protection", st.Step, st.Service.ID)
	}

	pass(r)
	if !s.ChoosePriority(store.PriorityDetermination) {
		t.Fatal("ChoosePriority refused on the priority screen")
	}
	s.Wait()

	st := s.State()
	if st.Step != kiosk.StepDone {
		t.Fatalf("after printing at %v, want done", st.Step)
	}
	if st.Result.Ticket.Number != "P-001" || !st.Result.Printed {
		t.Errorf("result %s printed %v, want P-001 printed", st.Result.Ticket.Number, st.Result.Printed)
	}
	if st.Result.Ticket.Priority != store.PriorityDetermination {
		t.Errorf("stored priority %q, want determination", st.Result.Ticket.Priority)
	}
	if n := len(r.tickets(t)); n != 1 {
		t.Errorf("%d tickets stored, want 1", n)
	}
	// choose service, start printing, done
	if got := changes.n.Load(); got != 3 {
		t.Errorf("%d change notifications, want 3", got)
	}
}

func TestSessionDoubleTap(t *testing.T) {
	bp := newBlockingPrinter()
	r := newRig(t, bp)
	s := r.kiosk.NewSession(nil)
	defer s.Close()

	if !s.ChooseService("inquiries") {
		t.Fatal("first tap on a service refused")
	}
	if s.ChooseService("inquiries") {
		t.Error("second tap on the service accepted")
	}
	// The second tap of a double tap lands on the priority screen.
	if s.ChoosePriority(store.PriorityNone) {
		t.Error("tap within the guard time after the screen changed was accepted")
	}

	pass(r)
	if !s.ChoosePriority(store.PriorityNone) {
		t.Fatal("first tap on a priority refused")
	}
	<-bp.started
	pass(r)
	if s.ChoosePriority(store.PriorityNone) {
		t.Error("tap while printing accepted")
	}
	if st := s.State(); st.Step != kiosk.StepPrinting {
		t.Errorf("while printing at %v, want printing", st.Step)
	}
	close(bp.release)
	s.Wait()

	if n := len(r.tickets(t)); n != 1 {
		t.Errorf("%d tickets stored, want 1", n)
	}
	if n := bp.jobs.Load(); n != 1 {
		t.Errorf("%d print jobs, want 1", n)
	}
}

func TestSessionConcurrentTaps(t *testing.T) {
	p, _ := filePrinter(t)
	r := newRig(t, p)
	s := r.kiosk.NewSession(nil)
	defer s.Close()
	s.ChooseService("inquiries")
	pass(r)

	var wg sync.WaitGroup
	var accepted atomic.Int32
	for range 8 {
		wg.Go(func() {
			if s.ChoosePriority(store.PriorityNone) {
				accepted.Add(1)
			}
		})
	}
	wg.Wait()
	s.Wait()

	if n := accepted.Load(); n != 1 {
		t.Errorf("%d taps accepted, want 1", n)
	}
	if n := len(r.tickets(t)); n != 1 {
		t.Errorf("%d tickets stored, want 1", n)
	}
}

func TestSessionPrintFailure(t *testing.T) {
	r := newRig(t, failingPrinter{err: context.DeadlineExceeded})
	s := r.kiosk.NewSession(nil)
	defer s.Close()
	s.ChooseService("social-assistance")
	pass(r)
	s.ChoosePriority(store.PriorityNone)
	s.Wait()

	st := s.State()
	if st.Step != kiosk.StepDone || !st.Result.Issued() || st.Result.Printed {
		t.Fatalf("state %v issued %v printed %v, want done, issued, not printed",
			st.Step, st.Result.Issued(), st.Result.Printed)
	}
	if st.Result.Message != kiosk.MsgPrinterOffline {
		t.Errorf("message %q, want %q", st.Result.Message, kiosk.MsgPrinterOffline)
	}
}

func TestSessionIdleTimeout(t *testing.T) {
	tests := []struct {
		name  string
		setup func(*rig, *kiosk.Session)
		after time.Duration // with a 30 s idle and 10 s done timeout
	}{
		{"priority screen", func(r *rig, s *kiosk.Session) {
			s.ChooseService("inquiries")
		}, 30 * time.Second},
		{"English start screen", func(r *rig, s *kiosk.Session) {
			s.SetLang("en")
		}, 30 * time.Second},
		{"English priority screen", func(r *rig, s *kiosk.Session) {
			s.SetLang("en")
			pass(r)
			s.ChooseService("inquiries")
		}, 30 * time.Second},
		{"done screen", func(r *rig, s *kiosk.Session) {
			s.ChooseService("inquiries")
			pass(r)
			s.ChoosePriority(store.PriorityNone)
			s.Wait()
		}, 10 * time.Second},
		{"rating number entry", func(r *rig, s *kiosk.Session) {
			s.StartRating()
		}, 30 * time.Second},
		{"rating screen", func(r *rig, s *kiosk.Session) {
			s.StartRating()
			pass(r)
			s.RateTicket("A-001")
		}, 30 * time.Second},
		{"rejected rating", func(r *rig, s *kiosk.Session) {
			s.StartRating()
			pass(r)
			s.RateTicket("A-001")
			s.RatingRejected(kiosk.MsgRateNotServed)
		}, 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := filePrinter(t)
			r := newRig(t, p)
			var changes counter
			s := r.kiosk.NewSession(changes.inc)
			defer s.Close()
			tt.setup(r, s)
			before := changes.n.Load()

			r.clock.Advance(tt.after - time.Millisecond)
			if st := s.State(); st.Step == kiosk.StepStart && st.Lang == "ar" {
				t.Fatal("session reset before the timeout")
			}
			r.clock.Advance(time.Millisecond)
			if st := s.State(); st.Step != kiosk.StepStart || st.Lang != "ar" {
				t.Errorf("after the timeout at %v in %q, want start in ar", st.Step, st.Lang)
			}
			if st := s.State(); st.Service.ID != "" || st.Result.Issued() || st.Rate != (kiosk.RateState{}) {
				t.Errorf("after the timeout the session keeps %+v", st)
			}
			if got := changes.n.Load(); got != before+1 {
				t.Errorf("%d notifications at the timeout, want 1", got-before)
			}
			if n := r.clock.Pending(); n != 0 {
				t.Errorf("%d timers pending on the default start screen, want 0", n)
			}
		})
	}
}

func TestSessionTapRestartsIdleTimeout(t *testing.T) {
	p, _ := filePrinter(t)
	r := newRig(t, p)
	s := r.kiosk.NewSession(nil)
	defer s.Close()
	s.ChooseService("inquiries")

	r.clock.Advance(20 * time.Second)
	s.Touch()
	r.clock.Advance(20 * time.Second)
	if st := s.State(); st.Step != kiosk.StepPriority {
		t.Fatalf("40 s after choosing, with a tap at 20 s: at %v, want priority", st.Step)
	}
	r.clock.Advance(10 * time.Second)
	if st := s.State(); st.Step != kiosk.StepStart {
		t.Errorf("30 s after the last tap: at %v, want start", st.Step)
	}
}

func TestSessionIdleWaitsForPrinting(t *testing.T) {
	bp := newBlockingPrinter()
	r := newRig(t, bp)
	s := r.kiosk.NewSession(nil)
	defer s.Close()
	s.ChooseService("inquiries")
	pass(r)
	s.ChoosePriority(store.PriorityNone)
	<-bp.started

	r.clock.Advance(time.Minute)
	if st := s.State(); st.Step != kiosk.StepPrinting {
		t.Fatalf("idle while printing moved to %v, want printing", st.Step)
	}
	close(bp.release)
	s.Wait()
	if st := s.State(); st.Step != kiosk.StepDone || !st.Result.Printed {
		t.Errorf("after printing at %v printed %v, want done and printed", st.Step, st.Result.Printed)
	}
}

func TestSessionNavigation(t *testing.T) {
	p, _ := filePrinter(t)
	r := newRig(t, p)
	s := r.kiosk.NewSession(nil)
	defer s.Close()

	if s.ChooseService("parking") {
		t.Error("unknown service accepted")
	}
	if s.Back() || s.Finish() {
		t.Error("Back or Finish accepted on the start screen")
	}
	if s.SetLang("fr") {
		t.Error("unknown language accepted")
	}
	if !s.SetLang("en") || s.State().Lang != "en" {
		t.Fatal("switch to English refused")
	}
	if s.SetLang("ar") {
		t.Error("second tap of a double tap on the language button accepted")
	}
	pass(r)
	if s.SetLang("en") {
		t.Error("switch to the current language reported a change")
	}

	s.ChooseService("inquiries")
	pass(r)
	if !s.SetLang("ar") {
		t.Error("switch to Arabic on the priority screen refused")
	}
	pass(r)
	if !s.Back() {
		t.Fatal("Back refused on the priority screen")
	}
	if st := s.State(); st.Step != kiosk.StepStart || st.Lang != "ar" || st.Service.ID != "" {
		t.Errorf("after Back: %+v, want start in ar with no service", st)
	}

	pass(r)
	s.SetLang("en")
	pass(r)
	s.ChooseService("inquiries")
	pass(r)
	s.ChoosePriority(store.PriorityNone)
	s.Wait()
	if s.SetLang("ar") {
		t.Error("language switch accepted on the done screen")
	}
	if s.Finish() {
		t.Error("Finish accepted within the guard time after the ticket appeared")
	}
	pass(r)
	if !s.Finish() {
		t.Fatal("Finish refused on the done screen")
	}
	if st := s.State(); st.Step != kiosk.StepStart || st.Lang != "ar" {
		t.Errorf("after Finish at %v in %q, want start in the default ar", st.Step, st.Lang)
	}
}

func TestSessionClose(t *testing.T) {
	bp := newBlockingPrinter()
	r := newRig(t, bp)
	s := r.kiosk.NewSession(nil)
	s.ChooseService("inquiries")
	pass(r)
	s.ChoosePriority(store.PriorityNone)
	<-bp.started

	s.Close()
	tickets := r.tickets(t)
	if len(tickets) != 1 || tickets[0].PrintStatus != store.NotPrinted {
		t.Errorf("after Close during printing: %+v, want one ticket marked not printed", tickets)
	}
	if s.ChooseService("inquiries") {
		t.Error("closed session accepted a tap")
	}
	if n := r.clock.Pending(); n != 0 {
		t.Errorf("%d timers pending after Close, want 0", n)
	}
}
