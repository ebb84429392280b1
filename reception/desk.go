package reception

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"frontdesk/store"
)

// DeskStore is everything the desk reaches in the store. *store.DB
// satisfies it.
type DeskStore interface {
	Queue
	StaffStore
	RequestStore
	SetPrintStatus(ctx context.Context, id string, s store.PrintStatus) error
	Changes() (uint64, <-chan struct{})
}

// The local store is the one the flows are written against.
var (
	_ DeskStore = (*store.DB)(nil)
	_ HallQueue = (*store.DB)(nil)
)

// ErrNoCurrentTicket is returned by an action on the current ticket while
// the counter serves none.
var ErrNoCurrentTicket = errors.New("reception: the counter serves no ticket")

// DeskState is the state the desk screen draws.
type DeskState struct {
	// SignedIn is false while the desk shows its sign-in screen.
	SignedIn bool
	Staff    store.Staff
	Counter  int
	// Current is the ticket being served, when HasCurrent is true.
	Current    store.Ticket
	HasCurrent bool
	// Held are the tickets the counter set aside, oldest first.
	Held    []store.Ticket
	Waiting []Waiting
	// Requests are the open requests, oldest first.
	Requests []store.Request
	// Last is the outcome of the last action: its kind and, when it
	// failed, the error. The screen turns both into text.
	Last Outcome
}

// Outcome is the result of one desk action.
type Outcome struct {
	Action Intent
	// Ticket is the ticket acted on, when there was one.
	Ticket store.Ticket
	// Request is the request acted on, when there was one.
	Request store.Request
	Err     error
	At      time.Time
}

// Intent names what the staff member asked the desk to do.
type Intent string

// Intents of the desk.
const (
	IntentNone      Intent = ""
	IntentSignIn    Intent = "sign-in"
	IntentSignOut   Intent = "sign-out"
	IntentIdle      Intent = "idle-sign-out"
	IntentCallNext  Intent = "call-next"
	IntentRecall    Intent = "recall"
	IntentNoShow    Intent = "no-show"
	IntentHold      Intent = "hold"
	IntentResume    Intent = "resume"
	IntentTransfer  Intent = "transfer"
	IntentComplete  Intent = "complete"
	IntentReprint   Intent = "reprint"
	IntentRegister  Intent = "register-request"
	IntentAdvance   Intent = "advance-request"
	IntentPrintSlip Intent = "print-request-receipt"
	IntentRefresh   Intent = "refresh"
)

// DeskOptions configures NewDesk.
type DeskOptions struct {
	// Clock defaults to SystemClock; tests pass a fake for the idle time.
	Clock Clock
	// OnChange receives every new state. It is called from the goroutine
	// of the intent, or from Run's for idle sign-out and store changes; a
	// Fyne screen wraps it in fyne.Do.
	OnChange func(DeskState)
	// OnComplete is called after a visit is completed, for example to
	// show the customer-facing rating screen for that ticket.
	OnComplete func(t store.Ticket, staff store.Staff)
	// Receipts prints request receipts and reprints tickets. Nil makes
	// printing intents fail with ErrNoPrinter.
	Receipts *Receipts
}

// Desk is the reception desk's presenter: the staff member signed in, the
// ticket being served and the counter's actions, over the store. Its
// methods are safe for concurrent use.
type Desk struct {
	db       DeskStore
	cfg      Config
	clock    Clock
	counter  *Counter
	requests *Requests
	opts     DeskOptions

	mu           sync.Mutex // guards the fields below and opts.OnChange
	state        DeskState
	lastActivity time.Time
	printed      map[string]bool // tracking numbers whose receipt this desk printed
}

// NewDesk returns the desk of counter cfg.Counter, signed out.
func NewDesk(db DeskStore, cfg Config, opts DeskOptions) *Desk {
	if opts.Clock == nil {
		opts.Clock = SystemClock{}
	}
	d := &Desk{
		db:       db,
		cfg:      cfg,
		clock:    opts.Clock,
		counter:  NewCounter(db, cfg, opts.Clock),
		requests: NewRequests(db, cfg, opts.Clock, opts.Receipts),
		opts:     opts,
		printed:  map[string]bool{},
	}
	d.state.Counter = cfg.Counter
	return d
}

// Config returns the desk's configuration.
func (d *Desk) Config() Config { return d.cfg }

// Counter returns the counter flows the desk uses.
func (d *Desk) Counter() *Counter { return d.counter }

// Requests returns the request flows the desk uses.
func (d *Desk) Requests() *Requests { return d.requests }

// State returns the current state.
func (d *Desk) State() DeskState {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.state
}

// Touch records activity, which postpones the idle sign-out. Every intent
// touches; the screen also calls it on taps that reach no intent, such as
// typing in the request form.
func (d *Desk) Touch() {
	d.mu.Lock()
	d.lastActivity = d.clock.Now()
	d.mu.Unlock()
}

// SignIn checks the staff id and PIN. After Config.MaxPINFailures wrong
// PINs the store locks the staff member out for Config.Lockout, and the
// error matches store.ErrLockedOut.
func (d *Desk) SignIn(ctx context.Context, id, pin string) error {
	staff, err := signIn(ctx, d.db, d.cfg.Terminal, id, pin)
	d.mu.Lock()
	if err == nil {
		d.state.SignedIn, d.state.Staff = true, staff
		d.lastActivity = d.clock.Now()
	}
	d.mu.Unlock()
	if err != nil {
		return d.finish(IntentSignIn, store.Ticket{}, err)
	}
	return d.finish(IntentSignIn, store.Ticket{}, d.reload())
}

// SignOut signs the staff member out and clears the screen.
func (d *Desk) SignOut(ctx context.Context) error {
	return d.signOut(ctx, IntentSignOut, SignOutByStaff)
}

func (d *Desk) signOut(ctx context.Context, intent Intent, reason string) error {
	d.mu.Lock()
	staff, was := d.state.Staff, d.state.SignedIn
	d.state = DeskState{Counter: d.cfg.Counter}
	d.mu.Unlock()
	if !was {
		return d.finish(intent, store.Ticket{}, ErrNotSignedIn)
	}
	// The state is cleared even when the audit entry cannot be written,
	// so a broken store never leaves a desk signed in.
	return d.finish(intent, store.Ticket{}, d.db.SignOut(ctx, staff.ID, d.cfg.Terminal, reason))
}

// staff returns the signed-in staff member and records activity.
func (d *Desk) staff() (store.Staff, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.state.SignedIn {
		return store.Staff{}, ErrNotSignedIn
	}
	d.lastActivity = d.clock.Now()
	return d.state.Staff, nil
}

// current returns the ticket being served.
func (d *Desk) current() (store.Ticket, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.state.HasCurrent {
		return store.Ticket{}, fmt.Errorf("%w: counter %d; call the next one first", ErrNoCurrentTicket, d.cfg.Counter)
	}
	return d.state.Current, nil
}

// CallNext calls the next waiting ticket to this counter.
func (d *Desk) CallNext(ctx context.Context) error {
	staff, err := d.staff()
	if err != nil {
		return d.finish(IntentCallNext, store.Ticket{}, err)
	}
	t, err := d.counter.CallNext(ctx, staff.ID)
	return d.after(IntentCallNext, t, err)
}

// act runs one action of the counter on the ticket being served.
func (d *Desk) act(ctx context.Context, intent Intent,
	do func(ctx context.Context, staff, id string) (store.Ticket, error)) error {
	staff, err := d.staff()
	if err != nil {
		return d.finish(intent, store.Ticket{}, err)
	}
	cur, err := d.current()
	if err != nil {
		return d.finish(intent, store.Ticket{}, err)
	}
	t, err := do(ctx, staff.ID, cur.ID)
	if err == nil && intent == IntentComplete && d.opts.OnComplete != nil {
		d.opts.OnComplete(t, staff)
	}
	return d.after(intent, t, err)
}

// Recall calls the current ticket's number again; after Config.MaxRecalls
// recalls it becomes a no-show.
func (d *Desk) Recall(ctx context.Context) error { return d.act(ctx, IntentRecall, d.counter.Recall) }

// NoShow marks the current ticket as a no-show: the citizen did not come.
func (d *Desk) NoShow(ctx context.Context) error { return d.act(ctx, IntentNoShow, d.counter.NoShow) }

// Hold sets the current ticket aside.
func (d *Desk) Hold(ctx context.Context) error { return d.act(ctx, IntentHold, d.counter.Hold) }

// Complete ends the current visit.
func (d *Desk) Complete(ctx context.Context) error {
	return d.act(ctx, IntentComplete, d.counter.Complete)
}

// Transfer sends the current ticket to another service or counter.
func (d *Desk) Transfer(ctx context.Context, to store.TransferTarget) error {
	return d.act(ctx, IntentTransfer, func(ctx context.Context, staff, id string) (store.Ticket, error) {
		return d.counter.Transfer(ctx, staff, id, to)
	})
}

// Resume calls the held ticket id back to this counter.
func (d *Desk) Resume(ctx context.Context, id string) error {
	staff, err := d.staff()
	if err != nil {
		return d.finish(IntentResume, store.Ticket{}, err)
	}
	t, err := d.counter.Resume(ctx, staff.ID, id)
	return d.after(IntentResume, t, err)
}

// Reprint prints again the ticket with the number or id ref, marked as a
// reprint, for a citizen whose ticket did not print.
func (d *Desk) Reprint(ctx context.Context, ref string) error {
	if _, err := d.staff(); err != nil {
		return d.finish(IntentReprint, store.Ticket{}, err)
	}
	t, err := d.counter.Find(ref)
	if err == nil {
		err = d.requests.receipts.reprintTicket(ctx, d.db, d.cfg, t)
	}
	return d.finish(IntentReprint, t, err)
}

// Refresh reads the current ticket, the waiting counts and the open
// requests again. Run calls it when the queue changes.
func (d *Desk) Refresh() error {
	d.mu.Lock()
	signedIn := d.state.SignedIn
	d.mu.Unlock()
	if !signedIn {
		return nil
	}
	if err := d.reloadShared(); err != nil {
		return d.finish(IntentRefresh, store.Ticket{}, err)
	}
	d.report()
	return nil
}

// after updates the state once an action on t has run.
func (d *Desk) after(intent Intent, t store.Ticket, err error) error {
	if err == nil {
		d.trackHeld(t)
	}
	if rerr := d.reloadShared(); err == nil {
		err = rerr
	}
	return d.finish(intent, t, err)
}

// trackHeld keeps the held list in step with t after an action. Only the
// counter that holds a ticket acts on it, so the list changes only by this
// desk's own actions, and reading it again after each one would decode
// every ticket of the day.
func (d *Desk) trackHeld(t store.Ticket) {
	d.mu.Lock()
	defer d.mu.Unlock()
	held := slices.DeleteFunc(slices.Clone(d.state.Held), func(h store.Ticket) bool { return h.ID == t.ID })
	if t.State == store.StateHeld && t.Counter == d.cfg.Counter {
		held = append(held, t)
	}
	d.state.Held = held
}

// reload reads everything the desk shows from the store.
func (d *Desk) reload() error {
	held, err := d.counter.Held()
	if err != nil {
		return err
	}
	d.mu.Lock()
	if d.state.SignedIn {
		d.state.Held = held
	}
	d.mu.Unlock()
	return d.reloadShared()
}

// reloadShared reads what other terminals change: the current ticket, the
// waiting counts and the open requests.
func (d *Desk) reloadShared() error {
	cur, has, err := d.counter.Current()
	if err != nil {
		return err
	}
	waiting, err := d.counter.Waiting()
	if err != nil {
		return err
	}
	open, err := d.requests.Open()
	if err != nil {
		return err
	}
	d.mu.Lock()
	if d.state.SignedIn {
		d.state.Current, d.state.HasCurrent = cur, has
		d.state.Waiting, d.state.Requests = waiting, open
	}
	d.mu.Unlock()
	return nil
}

// finish records the outcome, reports the state and returns err.
func (d *Desk) finish(intent Intent, t store.Ticket, err error) error {
	return d.finishOutcome(Outcome{Action: intent, Ticket: t, Err: err})
}

func (d *Desk) finishOutcome(o Outcome) error {
	d.mu.Lock()
	o.At = d.clock.Now()
	d.state.Last = o
	d.mu.Unlock()
	d.report()
	return o.Err
}

// RegisterRequest registers a request linked to the ticket being served,
// if any. A form error is a *FieldError naming the field.
func (d *Desk) RegisterRequest(ctx context.Context, f RequestForm) (store.Request, error) {
	staff, err := d.staff()
	if err != nil {
		return store.Request{}, d.finish(IntentRegister, store.Ticket{}, err)
	}
	d.mu.Lock()
	cur, has := d.state.Current, d.state.HasCurrent
	d.mu.Unlock()
	if has && f.TicketID == "" {
		f.TicketID = cur.ID
	}
	r, err := d.requests.Register(ctx, staff.ID, f)
	if rerr := d.reloadShared(); err == nil {
		err = rerr
	}
	return r, d.finishOutcome(Outcome{Action: IntentRegister, Ticket: cur, Request: r, Err: err})
}

// AdvanceRequest moves a request to its next status in the name of the
// signed-in staff member.
func (d *Desk) AdvanceRequest(ctx context.Context, tracking string, u store.RequestUpdate) (store.Request, error) {
	staff, err := d.staff()
	if err != nil {
		return store.Request{}, d.finish(IntentAdvance, store.Ticket{}, err)
	}
	u.Staff = staff.ID
	r, err := d.requests.Advance(ctx, tracking, u)
	if rerr := d.reloadShared(); err == nil {
		err = rerr
	}
	return r, d.finishOutcome(Outcome{Action: IntentAdvance, Request: r, Err: err})
}

// PrintRequestReceipt prints the receipt of a request in lang. Every print
// after the first of this desk session carries the reprint mark.
func (d *Desk) PrintRequestReceipt(ctx context.Context, tracking, lang string) error {
	if _, err := d.staff(); err != nil {
		return d.finish(IntentPrintSlip, store.Ticket{}, err)
	}
	d.mu.Lock()
	reprint := d.printed[tracking]
	d.mu.Unlock()
	r, err := d.requests.PrintReceipt(ctx, tracking, lang, reprint)
	if err == nil {
		d.mu.Lock()
		d.printed[tracking] = true
		d.mu.Unlock()
	}
	return d.finishOutcome(Outcome{Action: IntentPrintSlip, Request: r, Err: err})
}

// FindRequests returns the requests a tracking number, ticket, Emirates ID
// or mobile number names.
func (d *Desk) FindRequests(query string) ([]store.Request, error) {
	if _, err := d.staff(); err != nil {
		return nil, err
	}
	return d.requests.Find(query, d.counter)
}

// SetOnChange replaces DeskOptions.OnChange, for a screen made after the
// presenter.
func (d *Desk) SetOnChange(fn func(DeskState)) {
	d.mu.Lock()
	d.opts.OnChange = fn
	d.mu.Unlock()
}

func (d *Desk) report() {
	d.mu.Lock()
	state, fn := d.state, d.opts.OnChange
	d.mu.Unlock()
	if fn != nil {
		fn(state)
	}
}

// Run signs the desk out after Config.IdleSignOut without activity and
// reloads the state when the queue changes, until ctx is done. It returns
// ctx's error.
func (d *Desk) Run(ctx context.Context) error {
	_, changed := d.db.Changes()
	// The queue may have changed since the state was last read.
	if err := d.Refresh(); errors.Is(err, context.Canceled) {
		return err
	}
	for {
		wait, signedIn := d.idleLeft()
		if signedIn && wait <= 0 {
			// The sign-out error has no caller to go to, and the state is
			// cleared whatever it is.
			_ = d.signOut(context.WithoutCancel(ctx), IntentIdle, SignOutIdle)
			continue
		}
		if !signedIn {
			wait = d.cfg.IdleSignOut
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-changed:
			_, changed = d.db.Changes()
			if err := d.Refresh(); errors.Is(err, context.Canceled) {
				return err
			}
		case <-d.clock.After(wait):
		}
	}
}

// idleLeft returns how long until the idle sign-out.
func (d *Desk) idleLeft() (time.Duration, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.state.SignedIn {
		return 0, false
	}
	return d.cfg.IdleSignOut - d.clock.Now().Sub(d.lastActivity), true
}
