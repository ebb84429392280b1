package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"frontdesk/store"
)

const staffUsage = `usage: frontdeskctl staff COMMAND [ARGS]

commands:
  add --id ID --name NAME --role ROLE   add a staff member; the PIN is the
                                        first line of standard input
  list [--json]                         list the staff
  disable ID                            stop ID from signing in
  enable ID                             let ID sign in again

ROLE is reception, supervisor or admin. A PIN is 4 to 12 digits.
`

// runStaff runs "frontdeskctl staff ..." and returns the exit code.
func runStaff(args []string, env *ctlEnv) int {
	if len(args) == 0 {
		fmt.Fprint(env.stderr, staffUsage)
		return 2
	}
	switch args[0] {
	case "add":
		return staffAdd(args[1:], env)
	case "list":
		return staffList(args[1:], env)
	case "disable", "enable":
		return staffSetActive(args[0], args[1:], env)
	}
	return usageError(env, "unknown staff command %q; use add, list, disable or enable", args[0])
}

func staffAdd(args []string, env *ctlEnv) int {
	fs := flag.NewFlagSet("staff add", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	id := fs.String("id", "", "staff `ID`: 1 to 32 ASCII letters, digits, dots, dashes or underscores")
	name := fs.String("name", "", "the staff member's full `name`")
	role := fs.String("role", "", "`role`: reception, supervisor or admin")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return usageError(env, "usage: frontdeskctl staff add --id ID --name NAME --role ROLE < PIN")
	}
	if *id == "" || *name == "" || *role == "" {
		return usageError(env, "staff add needs --id, --name and --role")
	}
	pin, err := readPIN(env)
	if err != nil {
		return usageError(env, "%v", err)
	}
	db, err := env.store()
	if err != nil {
		return fail(env, err)
	}
	s, err := db.AddStaff(context.Background(),
		store.NewStaff{ID: *id, Name: *name, Role: store.Role(*role), PIN: pin}, cliStaff)
	if err != nil {
		return fail(env, err)
	}
	fmt.Fprintf(env.stdout, "added %s (%s, %s)\n", s.ID, s.Name, s.Role)
	return 0
}

// readPIN reads the PIN from the first line of standard input, so it never
// appears in the process list or the shell history.
func readPIN(env *ctlEnv) (string, error) {
	line, err := bufio.NewReader(env.stdin).ReadString('\n')
	pin := strings.TrimSpace(line)
	if pin == "" {
		if err != nil {
			return "", fmt.Errorf("no PIN on standard input (%v); pipe it in, as: echo 4821 | frontdeskctl staff add ...", err)
		}
		return "", fmt.Errorf("the PIN on standard input is empty; give 4 to 12 digits")
	}
	return pin, nil
}

// staffJSON is a staff member as staff list prints them.
type staffJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Role        string `json:"role"`
	Active      bool   `json:"active"`
	LockedUntil string `json:"locked_until,omitempty"`
	CreatedAt   string `json:"created_at"`
}

func staffList(args []string, env *ctlEnv) int {
	fs := flag.NewFlagSet("staff list", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	asJSON := fs.Bool("json", false, "print a JSON array")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return usageError(env, "usage: frontdeskctl staff list [--json]")
	}

	db, err := env.store()
	if err != nil {
		return fail(env, err)
	}
	list, err := db.StaffList()
	if err != nil {
		return fail(env, err)
	}

	loc := db.Location()
	now := time.Now()
	views := make([]staffJSON, len(list))
	for i, s := range list {
		views[i] = staffJSON{ID: s.ID, Name: s.Name, Role: string(s.Role), Active: s.Active,
			CreatedAt: s.CreatedAt.In(loc).Format(time.RFC3339)}
		if s.LockedUntil.After(now) {
			views[i].LockedUntil = s.LockedUntil.In(loc).Format(time.RFC3339)
		}
	}
	if *asJSON {
		return printJSON(env, views)
	}
	w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tROLE\tSTATUS")
	for _, v := range views {
		status := "active"
		switch {
		case !v.Active:
			status = "disabled"
		case v.LockedUntil != "":
			status = "locked until " + v.LockedUntil
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", v.ID, v.Name, v.Role, status)
	}
	w.Flush()
	return 0
}

func staffSetActive(action string, args []string, env *ctlEnv) int {
	if len(args) != 1 {
		return usageError(env, "usage: frontdeskctl staff %s ID", action)
	}
	db, err := env.store()
	if err != nil {
		return fail(env, err)
	}
	if err := db.SetStaffActive(context.Background(), args[0], action == "enable", cliStaff); err != nil {
		return fail(env, err)
	}
	fmt.Fprintf(env.stdout, "%sd %s\n", action, args[0])
	return 0
}
