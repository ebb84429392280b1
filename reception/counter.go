package reception

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"frontdesk/store"
	"frontdesk/store/ident"
)

// Queue is the part of the store that a counter uses. *store.DB satisfies it.
type Queue interface {
	CallNext(ctx context.Context, counter int, services []string, staff string,
		rule store.PriorityRule) (store.Ticket, error)
	Recall(ctx context.Context, counter int, id, staff string) (store.Ticket, error)
	NoShow(ctx context.Context, counter int, id, staff string) (store.Ticket, error)
	Hold(ctx context.Context, counter int, id, staff string) (store.Ticket, error)
	Resume(ctx context.Context, counter int, id, staff string) (store.Ticket, error)
	Complete(ctx context.Context, counter int, id, staff string) (store.Ticket, error)
	Transfer(ctx context.Context, counter int, id, staff string, to store.TransferTarget) (store.Ticket, error)
	Ticket(id string) (store.Ticket, error)
	CurrentCalls() ([]store.Ticket, error)
	TicketByNumber(day, number string) (store.Ticket, error)
	Tickets(day string) ([]store.Ticket, error)
	Waiting(day string) (map[string]int, error)
	BusinessDay(t time.Time) string
}

// ErrUnknownService is returned for a service id that is not configured.
var ErrUnknownService = errors.New("reception: unknown service")

// Counter calls and serves tickets at one counter. The desk screen and
// frontdeskctl's queue commands both use it.
type Counter struct {
	q     Queue
	cfg   Config
	clock Clock
}

// NewCounter returns the counter cfg.Counter of the hall.
func NewCounter(q Queue, cfg Config, clock Clock) *Counter {
	if clock == nil {
		clock = SystemClock{}
	}
	return &Counter{q: q, cfg: cfg, clock: clock}
}

// Number returns the counter number.
func (c *Counter) Number() int { return c.cfg.Counter }

// CallNext calls the next ticket of the counter's services, or one
// transferred to the counter, by the priority rule. It returns an error
// matching store.ErrQueueEmpty when none waits.
func (c *Counter) CallNext(ctx context.Context, staff string) (store.Ticket, error) {
	return c.q.CallNext(ctx, c.cfg.Counter, c.cfg.ServiceIDs(), staff, c.cfg.Rule())
}

// Recall calls the ticket's number again. After Config.MaxRecalls recalls
// the store marks it a no-show instead, and the returned state shows which
// happened.
func (c *Counter) Recall(ctx context.Context, staff, id string) (store.Ticket, error) {
	return c.q.Recall(ctx, c.cfg.Counter, id, staff)
}

// NoShow marks the ticket as a no-show: the citizen did not come.
func (c *Counter) NoShow(ctx context.Context, staff, id string) (store.Ticket, error) {
	return c.q.NoShow(ctx, c.cfg.Counter, id, staff)
}

// Hold sets the ticket aside and frees the counter to call another.
func (c *Counter) Hold(ctx context.Context, staff, id string) (store.Ticket, error) {
	return c.q.Hold(ctx, c.cfg.Counter, id, staff)
}

// Resume calls a held ticket back to the counter.
func (c *Counter) Resume(ctx context.Context, staff, id string) (store.Ticket, error) {
	return c.q.Resume(ctx, c.cfg.Counter, id, staff)
}

// Complete ends the visit.
func (c *Counter) Complete(ctx context.Context, staff, id string) (store.Ticket, error) {
	return c.q.Complete(ctx, c.cfg.Counter, id, staff)
}

// Transfer sends the ticket to another service's queue, to one counter, or
// both. The service must be one of Config.Services.
func (c *Counter) Transfer(ctx context.Context, staff, id string, to store.TransferTarget) (store.Ticket, error) {
	if to.Service != "" {
		if _, ok := c.cfg.Service(to.Service); !ok {
			return store.Ticket{}, fmt.Errorf("%w %q: transfer to one of %s", ErrUnknownService,
				to.Service, strings.Join(serviceIDs(c.cfg.Services), ", "))
		}
	}
	if to.Counter == c.cfg.Counter && to.Service == "" {
		return store.Ticket{}, fmt.Errorf("%w: ticket %s is already at counter %d; pick another counter or a service",
			store.ErrInvalid, id, c.cfg.Counter)
	}
	return c.q.Transfer(ctx, c.cfg.Counter, id, staff, to)
}

// Current returns the ticket the counter has called, if any.
func (c *Counter) Current() (store.Ticket, bool, error) {
	tickets, err := c.q.CurrentCalls()
	if err != nil {
		return store.Ticket{}, false, err
	}
	for _, t := range tickets {
		if t.State == store.StateCalled && t.Counter == c.cfg.Counter {
			return t, true, nil
		}
	}
	return store.Ticket{}, false, nil
}

// Held returns the tickets the counter holds, oldest first.
func (c *Counter) Held() ([]store.Ticket, error) {
	tickets, err := c.q.Tickets(c.today())
	if err != nil {
		return nil, err
	}
	var held []store.Ticket
	for _, t := range tickets {
		if t.State == store.StateHeld && t.Counter == c.cfg.Counter {
			held = append(held, t)
		}
	}
	return held, nil
}

// Waiting returns the waiting count of each hall service, in the
// configured order.
func (c *Counter) Waiting() ([]Waiting, error) {
	counts, err := c.q.Waiting(c.today())
	if err != nil {
		return nil, err
	}
	list := make([]Waiting, 0, len(c.cfg.Services))
	for _, s := range c.cfg.Services {
		list = append(list, Waiting{Service: s, Count: counts[s.ID]})
	}
	return list, nil
}

// Tickets returns today's tickets in the order they were issued.
func (c *Counter) Tickets() ([]store.Ticket, error) { return c.q.Tickets(c.today()) }

// Find returns a ticket by its id ("S1-K1-20261204-A007") or by today's
// number as printed ("A-007", "a007" or "A7").
func (c *Counter) Find(ref string) (store.Ticket, error) {
	ref = strings.TrimSpace(ref)
	if number, ok := normalizeNumber(ref); ok {
		t, err := c.q.TicketByNumber(c.today(), number)
		if err == nil || !errors.Is(err, store.ErrNotFound) {
			return t, err
		}
	}
	t, err := c.q.Ticket(ref)
	if errors.Is(err, store.ErrNotFound) {
		return t, fmt.Errorf("reception: no ticket %q today; give the number as printed (A-007) or the ticket id: %w",
			ref, err)
	}
	return t, err
}

func (c *Counter) today() string { return c.q.BusinessDay(c.clock.Now()) }

// normalizeNumber turns "a7", "A07" or "A-007" into "A-007", and keeps a
// vehicle's prefix ("V1-A-007"). Arabic-Indic digits count as digits.
func normalizeNumber(ref string) (string, bool) {
	ref = strings.ToUpper(ident.NormalizeDigits(ref))
	prefix := ""
	if parts := strings.Split(ref, "-"); len(parts) == 3 {
		prefix, ref = parts[0]+"-", parts[1]+parts[2]
	} else {
		ref = strings.ReplaceAll(ref, "-", "")
	}
	if len(ref) < 2 || len(ref) > 4 || ref[0] < 'A' || ref[0] > 'Z' {
		return "", false
	}
	n, err := strconv.Atoi(ref[1:])
	if err != nil || n < 1 || n > store.MaxSequence {
		return "", false
	}
	return fmt.Sprintf("%s%c-%03d", prefix, ref[0], n), true
}

func serviceIDs(services []Service) []string {
	ids := make([]string, len(services))
	for i, s := range services {
		ids[i] = s.ID
	}
	return slices.Clip(ids)
}
