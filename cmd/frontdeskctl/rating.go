package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"frontdesk/cmd/internal/config"
	"frontdesk/cmd/internal/setup"
	"time"

	"frontdesk/store"
	"frontdesk/store/rating"
)

// ratingJSON is the machine-readable form of a rating that --json prints.
type ratingJSON struct {
	ID         string `json:"id"`
	TicketID   string `json:"ticket_id"`
	Number     string `json:"number"`
	Level      string `json:"level"`
	Reason     string `json:"reason,omitempty"`
	At         string `json:"at"`
	Day        string `json:"business_day"`
	Service    string `json:"service"`
	Counter    int    `json:"counter"`
	Staff      string `json:"staff"`
	OutOfHours bool   `json:"out_of_hours"`
	Outcome    string `json:"outcome"` // stored, replaced or repeated
}

// runRating runs "rating add": it rates a served ticket as the desk's
// rating screen would, and counts the rating in the report aggregates in
// the same transaction.
func runRating(args []string, env *ctlEnv) int {
	if len(args) == 0 || args[0] != "add" {
		return usageError(env, "usage: frontdeskctl rating add --ticket N --level very-good|good|bad|very-bad "+
			"[--reason R] [--day YYYY-MM-DD] [--json]")
	}
	flags := flag.NewFlagSet("rating add", flag.ContinueOnError)
	flags.SetOutput(env.stderr)
	ticket := flags.String("ticket", "", "ticket `number` as printed (A-007) or full ticket id")
	levelName := flags.String("level", "", "satisfaction `level`: very-good, good, bad or very-bad")
	reasonName := flags.String("reason", "", "`reason` after bad or very bad: waiting-time, staff-attitude, "+
		"information, procedure or other")
	day := flags.String("day", "", "business `day` of the ticket number, YYYY-MM-DD (default: today)")
	asJSON := flags.Bool("json", false, "print the rating as one JSON object")
	if err := flags.Parse(args[1:]); err != nil || flags.NArg() != 0 {
		return 2
	}
	if *ticket == "" {
		return usageError(env, "rating add needs --ticket N, the number printed on the ticket")
	}
	level, err := rating.ParseLevel(*levelName)
	if err != nil {
		return usageError(env, "--level %q is invalid; use very-good, good, bad or very-bad", *levelName)
	}
	reason, err := rating.ParseReason(*reasonName)
	if err != nil {
		return usageError(env, "--reason %q is invalid; use waiting-time, staff-attitude, information, "+
			"procedure or other", *reasonName)
	}

	cfg, err := env.config()
	if err != nil {
		return fail(env, err)
	}
	db, err := env.store()
	if err != nil {
		return fail(env, err)
	}
	id, err := findTicketID(db, *ticket, *day)
	if err != nil {
		return fail(env, err)
	}
	book, err := openRatingBook(cfg, db)
	if err != nil {
		return fail(env, err)
	}

	r, outcome, err := book.Add(context.Background(), rating.NewRating{TicketID: id, Level: level, Reason: reason,
		Terminal: cfg.Terminal.ID})
	if err != nil {
		return fail(env, err)
	}
	view := ratingJSON{ID: r.ID, TicketID: r.TicketID, Number: r.Number, Level: r.Level.String(),
		Reason: string(r.Reason), At: r.At.In(cfg.Location).Format(time.RFC3339), Day: r.Day,
		Service: r.Service, Counter: r.Counter, Staff: r.Staff, OutOfHours: r.OutOfHours, Outcome: outcome.String()}
	if *asJSON {
		return printJSON(env, view)
	}
	fmt.Fprintf(env.stdout, "%s %s: %s at counter %d (%s)\n", view.Number, view.Level, view.Service, view.Counter,
		view.Outcome)
	if r.OutOfHours {
		fmt.Fprintln(env.stdout, "given outside the service hours: kept, but left out of the report figures")
	}
	return 0
}

// findTicketID returns the id of a ticket given by id or by its number on
// a business day (today when day is empty).
func findTicketID(db *store.DB, ticket, day string) (string, error) {
	t, err := db.Ticket(ticket)
	if err == nil {
		return t.ID, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	if day == "" {
		day = db.BusinessDay(time.Now())
	}
	t, err = db.TicketByNumber(day, ticket)
	if err != nil {
		return "", err
	}
	return t.ID, nil
}

// openRatingBook opens the rating book with the configured rules, and the
// report aggregates updated in each rating's transaction.
func openRatingBook(cfg *config.Config, db *store.DB) (*rating.Book, error) {
	reports, err := setup.Reports(cfg, db)
	if err != nil {
		return nil, err
	}
	return setup.OpenRatings(cfg, db, reports)
}
