package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"frontdesk/devices/receipt"
	"frontdesk/reception"
	"frontdesk/store"
	"frontdesk/store/ident"
)

const requestUsage = `usage: frontdeskctl request COMMAND [ARGS]

commands:
  create --type T --department D --description TEXT [--name N] [--eid ID]
         [--mobile M] [--ticket TICKET] [--print] [--lang ar|en] [--json]
                              register a request
  list [--department D] [--json]
                              the open requests, oldest first
  show TRACKING [--json]      one request and its steps
  find QUERY [--json]         requests by tracking number, ticket,
                              Emirates ID or mobile number
  update TRACKING --status S [--department D] [--response TEXT]
         [--method M] [--note TEXT] [--json]
                              move a request to its next status
  print TRACKING [--lang ar|en] [--reprint]
                              print the request receipt

TYPE is report, service, inquiry, observation, complaint or suggestion.
STATUS is transferred (needs --department), response-recorded (needs
--response), informed (needs --method: phone, sms, in-person or printed)
or closed. Changes record --staff ID (default frontdeskctl).
`

// runRequest runs "frontdeskctl request ..." and returns the exit code.
func runRequest(args []string, env *ctlEnv) int {
	if len(args) == 0 {
		fmt.Fprint(env.stderr, requestUsage)
		return 2
	}
	switch args[0] {
	case "create":
		return requestCreate(args[1:], env)
	case "list":
		return requestList(args[1:], env)
	case "show":
		return requestShow(args[1:], env)
	case "find":
		return requestFind(args[1:], env)
	case "update":
		return requestUpdate(args[1:], env)
	case "print":
		return requestPrint(args[1:], env)
	}
	return usageError(env, "unknown request command %q; use create, list, show, find, update or print", args[0])
}

// openRequests returns the request flows and the counter used to resolve
// ticket numbers. withPrinter also opens the printer and the link signer.
func openRequests(env *ctlEnv, withPrinter bool) (*reception.Requests, *reception.Counter, error) {
	rc, err := receptionConfig(env, 1)
	if err != nil {
		return nil, nil, err
	}
	db, err := env.store()
	if err != nil {
		return nil, nil, err
	}
	var receipts *reception.Receipts
	if withPrinter {
		if receipts, err = openReceipts(env); err != nil {
			return nil, nil, err
		}
	}
	return reception.NewRequests(db, rc, nil, receipts), reception.NewCounter(db, rc, nil), nil
}

func openReceipts(env *ctlEnv) (*reception.Receipts, error) {
	cfg, err := env.config()
	if err != nil {
		return nil, err
	}
	p, profile, err := env.printerDevice()
	if err != nil {
		return nil, err
	}
	signer, err := env.uploadSigner()
	if err != nil {
		return nil, err
	}
	layout, err := receipt.NewLayout(profile)
	if err != nil {
		return nil, err
	}
	return &reception.Receipts{Layout: layout, Printer: p, Links: signer,
		CentreAR: cfg.Centre.NameAR, CentreEN: cfg.Centre.NameEN}, nil
}

func requestCreate(args []string, env *ctlEnv) int {
	fs := flag.NewFlagSet("request create", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	kind := fs.String("type", "", "request `type`: report, service, inquiry, observation, complaint or suggestion")
	department := fs.String("department", "", "department `ID` that handles it")
	description := fs.String("description", "", "what the applicant asks, in their words")
	name := fs.String("name", "", "applicant's `name` (optional)")
	eid := fs.String("eid", "", "applicant's Emirates `ID`, with or without dashes (optional)")
	mobile := fs.String("mobile", "", "applicant's UAE `mobile` number, such as 050 123 4567 (optional)")
	ticket := fs.String("ticket", "", "the `TICKET` being served: today's number or the ticket id (optional)")
	staff := fs.String("staff", cliStaff, "staff `ID` who registers it")
	printReceipt := fs.Bool("print", false, "print the request receipt")
	lang := fs.String("lang", "ar", "language printed first on the receipt: ar or en")
	asJSON := fs.Bool("json", false, "print the request as one JSON object")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return usageError(env, "usage: frontdeskctl request create --type T --department D --description TEXT ...")
	}

	rs, counter, err := openRequests(env, *printReceipt)
	if err != nil {
		return fail(env, err)
	}
	form := reception.RequestForm{
		Type: store.RequestType(*kind), Department: *department, Description: *description,
		ApplicantName: *name, EmiratesID: *eid, Mobile: *mobile,
	}
	if *ticket != "" {
		t, err := counter.Find(*ticket)
		if err != nil {
			return fail(env, err)
		}
		form.TicketID = t.ID
	}

	if err := checkActor(env, *staff); err != nil {
		return fail(env, err)
	}
	ctx := context.Background()
	r, err := rs.Register(ctx, *staff, form)
	if err != nil {
		return fail(env, err)
	}
	code := printRequest(env, r, *asJSON)
	if *printReceipt {
		if _, err := rs.PrintReceipt(ctx, r.Tracking, *lang, false); err != nil {
			return fail(env, err)
		}
	}
	return code
}

func requestList(args []string, env *ctlEnv) int {
	fs := flag.NewFlagSet("request list", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	department := fs.String("department", "", "only this department `ID`")
	asJSON := fs.Bool("json", false, "print a JSON array")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return usageError(env, "usage: frontdeskctl request list [--department D] [--json]")
	}
	rs, _, err := openRequests(env, false)
	if err != nil {
		return fail(env, err)
	}
	var list []store.Request
	if *department == "" {
		list, err = rs.Open()
	} else {
		list, err = rs.OpenIn(*department)
	}
	if err != nil {
		return fail(env, err)
	}
	return printRequests(env, list, *asJSON)
}

func requestShow(args []string, env *ctlEnv) int {
	fs := flag.NewFlagSet("request show", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	asJSON := fs.Bool("json", false, "print the request as one JSON object")
	positional, err := parseInterleaved(fs, args)
	if err != nil || len(positional) != 1 {
		return usageError(env, "usage: frontdeskctl request show TRACKING [--json]")
	}
	rs, _, err := openRequests(env, false)
	if err != nil {
		return fail(env, err)
	}
	r, err := rs.Get(positional[0])
	if err != nil {
		return fail(env, err)
	}
	return printRequest(env, r, *asJSON)
}

func requestFind(args []string, env *ctlEnv) int {
	fs := flag.NewFlagSet("request find", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	asJSON := fs.Bool("json", false, "print a JSON array")
	positional, err := parseInterleaved(fs, args)
	if err != nil || len(positional) != 1 {
		return usageError(env, "usage: frontdeskctl request find QUERY [--json]")
	}
	rs, counter, err := openRequests(env, false)
	if err != nil {
		return fail(env, err)
	}
	list, err := rs.Find(positional[0], counter)
	if err != nil {
		return fail(env, err)
	}
	return printRequests(env, list, *asJSON)
}

func requestUpdate(args []string, env *ctlEnv) int {
	fs := flag.NewFlagSet("request update", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	status := fs.String("status", "", "next `status`: transferred, response-recorded, informed or closed")
	department := fs.String("department", "", "transferred: department `ID`")
	response := fs.String("response", "", "response-recorded: the department's response")
	method := fs.String("method", "", "informed: how the applicant was told: phone, sms, in-person or printed")
	note := fs.String("note", "", "a note kept with the step")
	staff := fs.String("staff", cliStaff, "staff `ID` who made the step")
	asJSON := fs.Bool("json", false, "print the request as one JSON object")
	positional, err := parseInterleaved(fs, args)
	if err != nil || len(positional) != 1 || *status == "" {
		return usageError(env, "usage: frontdeskctl request update TRACKING --status S [--department D] [--response TEXT] [--method M]")
	}
	rs, _, err := openRequests(env, false)
	if err != nil {
		return fail(env, err)
	}
	if err := checkActor(env, *staff); err != nil {
		return fail(env, err)
	}
	r, err := rs.Advance(context.Background(), positional[0], store.RequestUpdate{
		Status: store.RequestStatus(*status), Staff: *staff, Department: *department,
		Response: *response, Method: store.InformMethod(*method), Note: *note,
	})
	if err != nil {
		return fail(env, err)
	}
	return printRequest(env, r, *asJSON)
}

func requestPrint(args []string, env *ctlEnv) int {
	fs := flag.NewFlagSet("request print", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	lang := fs.String("lang", "ar", "language printed first: ar or en")
	reprint := fs.Bool("reprint", true, "print the reprint mark")
	positional, err := parseInterleaved(fs, args)
	if err != nil || len(positional) != 1 {
		return usageError(env, "usage: frontdeskctl request print TRACKING [--lang ar|en] [--reprint=false]")
	}
	rs, _, err := openRequests(env, true)
	if err != nil {
		return fail(env, err)
	}
	r, err := rs.PrintReceipt(context.Background(), positional[0], *lang, *reprint)
	if err != nil {
		return fail(env, err)
	}
	fmt.Fprintf(env.stdout, "printed the receipt of %s\n", r.Tracking)
	return 0
}

// requestJSON is a request as the request commands print it. The Emirates
// ID is masked, as on every printout.
type requestJSON struct {
	Tracking      string            `json:"tracking"`
	Type          string            `json:"type"`
	Department    string            `json:"department"`
	Status        string            `json:"status"`
	Description   string            `json:"description"`
	ApplicantName string            `json:"applicant_name,omitempty"`
	EmiratesID    string            `json:"emirates_id_masked,omitempty"`
	Mobile        string            `json:"mobile,omitempty"`
	TicketID      string            `json:"ticket_id,omitempty"`
	Response      string            `json:"response,omitempty"`
	InformMethod  string            `json:"inform_method,omitempty"`
	CreatedAt     string            `json:"created_at"`
	UpdatedAt     string            `json:"updated_at"`
	Steps         []requestStepJSON `json:"steps"`
}

type requestStepJSON struct {
	Status     string `json:"status"`
	At         string `json:"at"`
	Staff      string `json:"staff"`
	Department string `json:"department,omitempty"`
	Method     string `json:"method,omitempty"`
	Note       string `json:"note,omitempty"`
}

func requestView(env *ctlEnv, r store.Request) requestJSON {
	loc := time.UTC
	if cfg, err := env.config(); err == nil && cfg.Location != nil {
		loc = cfg.Location
	}
	v := requestJSON{
		Tracking: r.Tracking, Type: string(r.Type), Department: r.Department, Status: string(r.Status),
		Description: r.Description, ApplicantName: r.ApplicantName, Mobile: r.Mobile, TicketID: r.TicketID,
		Response: r.Response, InformMethod: string(r.InformMethod),
		CreatedAt: r.CreatedAt.In(loc).Format(time.RFC3339), UpdatedAt: r.UpdatedAt.In(loc).Format(time.RFC3339),
	}
	if r.EmiratesID != "" {
		v.EmiratesID = ident.MaskEmiratesID(r.EmiratesID)
	}
	for _, s := range r.Steps {
		v.Steps = append(v.Steps, requestStepJSON{Status: string(s.Status), At: s.At.In(loc).Format(time.RFC3339),
			Staff: s.Staff, Department: s.Department, Method: string(s.Method), Note: s.Note})
	}
	return v
}

func printRequest(env *ctlEnv, r store.Request, asJSON bool) int {
	v := requestView(env, r)
	if asJSON {
		return printJSON(env, v)
	}
	w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "tracking\t%s\n", v.Tracking)
	fmt.Fprintf(w, "type\t%s\n", v.Type)
	fmt.Fprintf(w, "department\t%s\n", v.Department)
	fmt.Fprintf(w, "status\t%s\n", v.Status)
	fmt.Fprintf(w, "description\t%s\n", oneLineText(v.Description))
	for _, f := range [][2]string{{"applicant", v.ApplicantName}, {"emirates id", v.EmiratesID},
		{"mobile", ident.FormatMobile(v.Mobile)}, {"ticket", v.TicketID}, {"response", oneLineText(v.Response)},
		{"informed by", v.InformMethod}} {
		if f[1] != "" {
			fmt.Fprintf(w, "%s\t%s\n", f[0], f[1])
		}
	}
	for _, s := range v.Steps {
		detail := s.Department + s.Method
		if s.Note != "" {
			detail += " (" + s.Note + ")"
		}
		fmt.Fprintf(w, "step\t%s  %s  by %s  %s\n", s.At, s.Status, s.Staff, detail)
	}
	w.Flush()
	return 0
}

func printRequests(env *ctlEnv, list []store.Request, asJSON bool) int {
	views := make([]requestJSON, len(list))
	for i, r := range list {
		views[i] = requestView(env, r)
	}
	if asJSON {
		return printJSON(env, views)
	}
	w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "TRACKING\tTYPE\tDEPARTMENT\tSTATUS\tCREATED\tAGE")
	now := time.Now()
	for i, v := range views {
		age := now.Sub(list[i].CreatedAt).Truncate(time.Hour)
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%dd %dh\n", v.Tracking, v.Type, v.Department, v.Status, v.CreatedAt,
			int(age.Hours())/24, int(age.Hours())%24)
	}
	w.Flush()
	fmt.Fprintf(env.stdout, "%d requests\n", len(views))
	return 0
}

func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }
