package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"frontdesk/cmd/internal/setup"
	"frontdesk/devices/printer"
	"frontdesk/store"
)

// ticketJSON is the machine-readable form of a ticket that --json prints.
type ticketJSON struct {
	ID          string `json:"id"`
	Number      string `json:"number"`
	Service     string `json:"service"`
	Lang        string `json:"lang"`
	Priority    string `json:"priority,omitempty"`
	BusinessDay string `json:"business_day"`
	IssuedAt    string `json:"issued_at"`
	PeopleAhead int    `json:"people_ahead"`
	State       string `json:"state"`
	PrintStatus string `json:"print_status"`
	Printed     bool   `json:"printed"`
	UploadURL   string `json:"upload_url,omitempty"`
	PrintError  string `json:"print_error,omitempty"`
}

func runTicket(args []string, env *ctlEnv) int {
	if len(args) == 0 {
		return usageError(env, "usage: frontdeskctl ticket issue|list ...")
	}
	switch args[0] {
	case "issue":
		return ticketIssue(args[1:], env)
	case "list":
		return ticketList(args[1:], env)
	}
	return usageError(env, "unknown ticket command %q; use issue or list", args[0])
}

func ticketIssue(args []string, env *ctlEnv) int {
	flags := flag.NewFlagSet("ticket issue", flag.ContinueOnError)
	flags.SetOutput(env.stderr)
	service := flags.String("service", "", "service `ID` from the configuration, such as social-assistance")
	lang := flags.String("lang", "ar", "language of the ticket: ar or en")
	priority := flags.String("priority", "none", "priority need: none, senior or determination")
	asJSON := flags.Bool("json", false, "print the ticket as one JSON object")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() != 0 {
		return usageError(env, "ticket issue takes no arguments, only options; %q is extra", flags.Arg(0))
	}
	if *service == "" {
		return usageError(env, "ticket issue needs --service ID; frontdeskctl config show lists the services")
	}
	prio, ok := parsePriority(*priority)
	if !ok {
		return usageError(env, "--priority %q is invalid; use none, senior or determination", *priority)
	}

	cfg, err := env.config()
	if err != nil {
		return fail(env, err)
	}
	db, err := env.store()
	if err != nil {
		return fail(env, err)
	}
	p, profile, err := env.printerDevice()
	if err != nil {
		return fail(env, err)
	}
	k, err := setup.NewKiosk(cfg, db, p, profile)
	if err != nil {
		return fail(env, err)
	}

	res, err := k.TakeTicket(context.Background(), *service, *lang, prio)
	if err != nil {
		return fail(env, err)
	}
	if res.StatusErr != nil {
		fmt.Fprintf(env.stderr, "frontdeskctl: %v\n", res.StatusErr)
	}
	t, err := db.Ticket(res.Ticket.ID)
	if err != nil {
		return fail(env, err)
	}

	out := ticketView(env, t)
	if res.PrintErr != nil {
		out.PrintError = res.PrintErr.Error()
	}
	if *asJSON {
		if code := printJSON(env, out); code != 0 {
			return code
		}
	} else {
		fmt.Fprintf(env.stdout, "%s  %s  %s  people ahead %d  %s\n", out.Number, out.Service, out.IssuedAt, out.PeopleAhead, out.PrintStatus)
		if out.UploadURL != "" {
			fmt.Fprintf(env.stdout, "upload link: %s\n", out.UploadURL)
		}
	}
	if res.PrintErr != nil {
		fmt.Fprintf(env.stderr, "frontdeskctl: ticket %s is stored but did not print: %v\n", t.Number, res.PrintErr)
		return 1
	}
	warnNearEnd(env, p)
	return 0
}

func ticketList(args []string, env *ctlEnv) int {
	flags := flag.NewFlagSet("ticket list", flag.ContinueOnError)
	flags.SetOutput(env.stderr)
	day := flags.String("day", "", "business `day` YYYY-MM-DD (default: today in the business time zone)")
	asJSON := flags.Bool("json", false, "print a JSON array")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() != 0 {
		return usageError(env, "ticket list takes no arguments, only options; %q is extra", flags.Arg(0))
	}
	db, err := env.store()
	if err != nil {
		return fail(env, err)
	}
	if *day == "" {
		*day = db.BusinessDay(time.Now())
	}
	tickets, err := db.Tickets(*day)
	if err != nil {
		return fail(env, err)
	}

	views := make([]ticketJSON, len(tickets))
	for i, t := range tickets {
		views[i] = ticketView(env, t)
	}
	if *asJSON {
		return printJSON(env, views)
	}
	w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NUMBER\tSERVICE\tISSUED\tPRIORITY\tSTATE\tPRINT")
	for _, v := range views {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", v.Number, v.Service, v.IssuedAt, v.Priority, v.State, v.PrintStatus)
	}
	w.Flush()
	fmt.Fprintf(env.stdout, "%d tickets on %s\n", len(views), *day)
	return 0
}

func ticketView(env *ctlEnv, t store.Ticket) ticketJSON {
	v := ticketJSON{
		ID: t.ID, Number: t.Number, Service: t.Service, Lang: t.Lang,
		Priority: string(t.Priority), BusinessDay: t.BusinessDay,
		PeopleAhead: t.PeopleAhead, State: string(t.State),
		PrintStatus: string(t.PrintStatus), Printed: t.PrintStatus == store.Printed,
	}
	if cfg, err := env.config(); err == nil {
		v.IssuedAt = t.IssuedAt.In(cfg.Location).Format(time.RFC3339)
	}
	if t.UploadToken != "" {
		if s, err := env.uploadSigner(); err == nil {
			v.UploadURL = s.URL(t.UploadToken)
		}
	}
	return v
}

// warnNearEnd warns when the printer reports its paper near its end,
// which does not stop a ticket from printing.
func warnNearEnd(env *ctlEnv, p printer.Printer) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if st, err := p.Status(ctx); err == nil && st.NearEnd {
		fmt.Fprintln(env.stderr, "frontdeskctl: the printer's paper is near its end; load a new roll soon")
	}
}

func parsePriority(s string) (store.Priority, bool) {
	switch s {
	case "", "none":
		return store.PriorityNone, true
	case "senior":
		return store.PrioritySenior, true
	case "determination":
		return store.PriorityDetermination, true
	}
	return "", false
}

func printJSON(env *ctlEnv, v any) int {
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fail(env, err)
	}
	return 0
}
