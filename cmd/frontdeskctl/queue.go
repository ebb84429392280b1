package main

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"frontdesk/cmd/internal/setup"
	"frontdesk/reception"
	"frontdesk/store"
)

const queueUsage = `usage: frontdeskctl queue COMMAND [ARGS]

commands:
  list [--json]                      today's tickets that wait or are served
  call --counter N [--json]          call the next ticket to counter N
  recall --counter N TICKET          call the ticket again
  no-show --counter N TICKET         mark the ticket as not answered
  hold --counter N TICKET            set the ticket aside
  resume --counter N TICKET          call a held ticket back
  complete --counter N TICKET        end the visit
  transfer --counter N TICKET --service ID [--to-counter M]
                                     put the ticket in another queue

TICKET is today's number as printed (A-007) or the ticket id. Every
command but list records --staff ID (default frontdeskctl) as the one who
acted.
`

// cliStaff is the staff id recorded for queue and request changes made from
// the command line when --staff is not given.
const cliStaff = "frontdeskctl"

// checkActor rejects a --staff id that names no active staff member, so a
// change is never recorded under an unknown or disabled name. The default,
// cliStaff, records that the command line made the change.
func checkActor(env *ctlEnv, id string) error {
	if id == cliStaff {
		return nil
	}
	db, err := env.store()
	if err != nil {
		return err
	}
	s, err := db.Staff(id)
	if err != nil {
		return fmt.Errorf("--staff %q: %w; use the id of a staff member (frontdeskctl staff list)", id, err)
	}
	if !s.Active {
		return fmt.Errorf("--staff %q is disabled; enable the account or act as another staff member", id)
	}
	return nil
}

// runQueue runs "frontdeskctl queue ..." and returns the exit code: 0 on
// success, 1 when the action failed (including an empty queue), 2 on a
// usage error.
func runQueue(args []string, env *ctlEnv) int {
	if len(args) == 0 {
		fmt.Fprint(env.stderr, queueUsage)
		return 2
	}
	switch args[0] {
	case "list":
		return queueList(args[1:], env)
	case "call":
		return queueCall(args[1:], env)
	case "recall", "no-show", "hold", "resume", "complete", "transfer":
		return queueAct(args[0], args[1:], env)
	}
	return usageError(env, "unknown queue command %q; use list, call, recall, no-show, hold, resume, complete or transfer", args[0])
}

// receptionConfig returns the desk flows' configuration, as the desk
// application uses it, for counter.
func receptionConfig(env *ctlEnv, counter int) (reception.Config, error) {
	cfg, err := env.config()
	if err != nil {
		return reception.Config{}, err
	}
	rc := setup.ReceptionConfig(cfg)
	rc.Counter = counter
	return rc, nil
}

// counterFlags are the flags every queue action takes.
type counterFlags struct {
	counter *int
	staff   *string
	asJSON  *bool
}

func newCounterFlags(fs *flag.FlagSet) counterFlags {
	return counterFlags{
		counter: fs.Int("counter", 0, "counter `N` that acts, 1 to 999"),
		staff:   fs.String("staff", cliStaff, "staff `ID` recorded as the one who acted"),
		asJSON:  fs.Bool("json", false, "print the ticket as one JSON object"),
	}
}

// parseInterleaved parses flags that may come before or after the
// positional arguments, as in "transfer --counter 3 A-007 --service ID".
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// openCounter returns the counter flows of counter n.
func openCounter(env *ctlEnv, n int) (*reception.Counter, error) {
	rc, err := receptionConfig(env, n)
	if err != nil {
		return nil, err
	}
	if err := rc.Validate(); err != nil {
		return nil, err
	}
	db, err := env.store()
	if err != nil {
		return nil, err
	}
	return reception.NewCounter(db, rc, nil), nil
}

func queueCall(args []string, env *ctlEnv) int {
	fs := flag.NewFlagSet("queue call", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	cf := newCounterFlags(fs)
	services := fs.String("services", "", "comma-separated service `IDs` the counter calls (default: reception.counter_services, or every service)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return usageError(env, "usage: frontdeskctl queue call --counter N [--services IDS] [--staff ID] [--json]")
	}
	if *cf.counter == 0 {
		return usageError(env, "queue call needs --counter N")
	}
	rc, err := receptionConfig(env, *cf.counter)
	if err != nil {
		return fail(env, err)
	}
	if *services != "" {
		rc.CounterServices = strings.Split(*services, ",")
	}
	if err := rc.Validate(); err != nil {
		return fail(env, err)
	}
	db, err := env.store()
	if err != nil {
		return fail(env, err)
	}
	if err := checkActor(env, *cf.staff); err != nil {
		return fail(env, err)
	}
	t, err := reception.NewCounter(db, rc, nil).CallNext(context.Background(), *cf.staff)
	if err != nil {
		return fail(env, err)
	}
	return printQueueTicket(env, t, *cf.asJSON)
}

func queueAct(action string, args []string, env *ctlEnv) int {
	fs := flag.NewFlagSet("queue "+action, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	cf := newCounterFlags(fs)
	service := fs.String("service", "", "transfer: service `ID` of the new queue")
	toCounter := fs.Int("to-counter", 0, "transfer: counter `M` that alone may call the ticket")
	positional, err := parseInterleaved(fs, args)
	if err != nil || len(positional) != 1 {
		return usageError(env, "usage: frontdeskctl queue %s --counter N TICKET", action)
	}
	if *cf.counter == 0 {
		return usageError(env, "queue %s needs --counter N", action)
	}
	if action == "transfer" && *service == "" && *toCounter == 0 {
		return usageError(env, "queue transfer needs --service ID, --to-counter M or both")
	}
	c, err := openCounter(env, *cf.counter)
	if err != nil {
		return fail(env, err)
	}
	t, err := c.Find(positional[0])
	if err != nil {
		return fail(env, err)
	}

	ctx := context.Background()
	staff := *cf.staff
	if err := checkActor(env, staff); err != nil {
		return fail(env, err)
	}
	switch action {
	case "recall":
		t, err = c.Recall(ctx, staff, t.ID)
	case "no-show":
		t, err = c.NoShow(ctx, staff, t.ID)
	case "hold":
		t, err = c.Hold(ctx, staff, t.ID)
	case "resume":
		t, err = c.Resume(ctx, staff, t.ID)
	case "complete":
		t, err = c.Complete(ctx, staff, t.ID)
	case "transfer":
		t, err = c.Transfer(ctx, staff, t.ID, store.TransferTarget{Service: *service, Counter: *toCounter})
	}
	if err != nil {
		return fail(env, err)
	}
	if action == "recall" && t.State == store.StateNoShow {
		fmt.Fprintf(env.stderr, "frontdeskctl: %s had its last recall and is now a no-show\n", t.Number)
	}
	return printQueueTicket(env, t, *cf.asJSON)
}

// queueTicketJSON is a ticket as the queue commands print it.
type queueTicketJSON struct {
	ID       string `json:"id"`
	Number   string `json:"number"`
	Service  string `json:"service"`
	Priority string `json:"priority,omitempty"`
	State    string `json:"state"`
	Counter  int    `json:"counter,omitempty"`
	// TargetCounter is the only counter that may call a ticket
	// transferred to it.
	TargetCounter int    `json:"target_counter,omitempty"`
	Calls         int    `json:"calls,omitempty"`
	IssuedAt      string `json:"issued_at"`
	FirstCalledAt string `json:"first_called_at,omitempty"`
	// WaitSeconds is the time from issue to first call.
	WaitSeconds int64 `json:"wait_seconds,omitempty"`
}

func queueTicketView(env *ctlEnv, t store.Ticket) queueTicketJSON {
	loc := time.UTC
	if cfg, err := env.config(); err == nil && cfg.Location != nil {
		loc = cfg.Location
	}
	v := queueTicketJSON{
		ID: t.ID, Number: t.Number, Service: t.Service, Priority: string(t.Priority),
		State: string(t.State), Counter: t.Counter, TargetCounter: t.TargetCounter, Calls: t.Calls,
		IssuedAt: t.IssuedAt.In(loc).Format(time.RFC3339),
	}
	if !t.FirstCalledAt.IsZero() {
		v.FirstCalledAt = t.FirstCalledAt.In(loc).Format(time.RFC3339)
		v.WaitSeconds = int64(t.FirstCalledAt.Sub(t.IssuedAt) / time.Second)
	}
	return v
}

func printQueueTicket(env *ctlEnv, t store.Ticket, asJSON bool) int {
	if asJSON {
		return printJSON(env, queueTicketView(env, t))
	}
	switch t.State {
	case store.StateCalled:
		fmt.Fprintf(env.stdout, "%s → counter %d\n", t.Number, t.Counter)
	case store.StateTransferred:
		to := t.Service
		if t.TargetCounter != 0 {
			to += fmt.Sprintf(", counter %d", t.TargetCounter)
		}
		fmt.Fprintf(env.stdout, "%s transferred to %s\n", t.Number, to)
	default:
		fmt.Fprintf(env.stdout, "%s %s\n", t.Number, t.State)
	}
	return 0
}

func queueList(args []string, env *ctlEnv) int {
	fs := flag.NewFlagSet("queue list", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	asJSON := fs.Bool("json", false, "print a JSON array")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return usageError(env, "usage: frontdeskctl queue list [--json]")
	}
	c, err := openCounter(env, 1)
	if err != nil {
		return fail(env, err)
	}
	tickets, err := c.Tickets()
	if err != nil {
		return fail(env, err)
	}
	tickets = slices.DeleteFunc(tickets, func(t store.Ticket) bool { return t.State.Final() })

	views := make([]queueTicketJSON, len(tickets))
	for i, t := range tickets {
		views[i] = queueTicketView(env, t)
	}
	if *asJSON {
		return printJSON(env, views)
	}
	w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NUMBER\tSERVICE\tSTATE\tCOUNTER\tPRIORITY\tISSUED")
	for _, v := range views {
		counter := "-"
		if v.Counter != 0 && v.State != string(store.StateWaiting) && v.State != string(store.StateTransferred) {
			counter = fmt.Sprint(v.Counter)
		} else if v.TargetCounter != 0 {
			counter = fmt.Sprintf("→%d", v.TargetCounter)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", v.Number, v.Service, v.State, counter,
			orDash(v.Priority), v.IssuedAt)
	}
	w.Flush()
	waiting := 0
	for _, t := range tickets {
		if t.State.Queued() {
			waiting++
		}
	}
	fmt.Fprintf(env.stdout, "%d waiting, %d at counters\n", waiting, len(tickets)-waiting)
	return 0
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
