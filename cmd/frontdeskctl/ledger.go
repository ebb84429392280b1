package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"frontdesk/cmd/internal/setup"
	"frontdesk/devices/receipt"
	"frontdesk/reception/ledgerdesk"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"frontdesk/store"
	"frontdesk/store/ident"
	"frontdesk/store/ledger"
	"frontdesk/store/money"
)

const ledgerUsage = `usage: frontdeskctl ledger COMMAND [ARGS]

commands:
  record --kind K --amount A --eid ID --case N --staff S --key KEY
         [--method M] [--iban I] [--bank B] [--bank-reference R]
         [--reference R] [--ticket T] [--json]
                          record a bank transaction or an exchange
  list [--day YYYY-MM-DD] [--json]
                          list a business day's entries
  void ID --reason R --staff S [--json]
                          reverse an entry (supervisor)
  verify                  check the hash chain: exit 0 if intact, 1 if broken
  close [--day YYYY-MM-DD] --staff S [--json]
                          close a business day and print its totals (supervisor)
  export [--day YYYY-MM-DD] --csv FILE
                          write a business day's entries as CSV ("-" for standard output)

record, void and close read the staff member's PIN from the first line of
standard input and sign in with it, so every entry names who made it.
`

// ledgerCmd is one run of a ledger subcommand: its streams and the
// environment that opens the store.
type ledgerCmd struct {
	stdout, stderr io.Writer
	env            *ctlEnv
}

// runLedger runs "frontdeskctl ledger ..." and returns the exit code: 0 on
// success, 1 when the command failed or the chain is broken, 2 on a usage
// error.
func runLedger(args []string, stdout, stderr io.Writer, env *ctlEnv) int {
	c := ledgerCmd{stdout: stdout, stderr: stderr, env: env}
	if len(args) == 0 {
		fmt.Fprint(stderr, ledgerUsage)
		return 2
	}
	subcommands := map[string]func([]string) int{
		"record": c.record,
		"list":   c.list,
		"void":   c.void,
		"verify": c.verify,
		"close":  c.closeDay,
		"export": c.export,
	}
	run, ok := subcommands[args[0]]
	if !ok {
		return c.usage("unknown ledger command %q; use record, list, void, verify, close or export", args[0])
	}
	return run(args[1:])
}

func (c ledgerCmd) record(args []string) int {
	flags := c.flagSet("ledger record")
	kind := flags.String("kind", "", "entry kind: bank-transaction or exchange")
	method := flags.String("method", "", "exchange method: cash, cheque or card")
	amount := flags.String("amount", "", "amount in dirhams, such as 1250.50 or ١٬٢٥٠٫٥٠")
	eid := flags.String("eid", "", "beneficiary's Emirates ID, such as 784-1990-1234567-6")
	caseNumber := flags.String("case", "", "beneficiary's case number")
	iban := flags.String("iban", "", "beneficiary's UAE IBAN, for a bank transaction")
	bank := flags.String("bank", "", "bank name, for a bank transaction")
	bankRef := flags.String("bank-reference", "", "the bank's reference, for a bank transaction")
	reference := flags.String("reference", "", "the desk's reference")
	ticket := flags.String("ticket", "", "queue ticket being served")
	staffID := flags.String("staff", "", "staff `ID` recording the entry; the PIN is read from standard input")
	key := flags.String("key", "", "idempotency `KEY`: the same key again returns the first entry")
	asJSON := flags.Bool("json", false, "print the entry as one JSON object")
	if err := flags.Parse(args); err != nil || flags.NArg() != 0 {
		return 2
	}
	for _, req := range []struct{ name, value string }{
		{"kind", *kind}, {"amount", *amount}, {"eid", *eid}, {"case", *caseNumber},
		{"staff", *staffID}, {"key", *key},
	} {
		if req.value == "" {
			return c.usage("ledger record needs --%s", req.name)
		}
	}
	fils, err := money.ParseAED(*amount)
	if err != nil {
		return c.fail(err)
	}

	l, db, err := c.open()
	if err != nil {
		return c.fail(err)
	}
	staff, err := c.signIn(db, *staffID)
	if err != nil {
		return c.fail(err)
	}
	e, created, err := l.Record(context.Background(), ledger.NewEntry{
		Kind: ledger.Kind(*kind), Method: ledger.Method(*method), CaseNumber: *caseNumber,
		EmiratesID: *eid, Amount: fils, IBAN: *iban, Bank: *bank, BankReference: *bankRef,
		Reference: *reference, Ticket: *ticket, Staff: staff.ID, IdempotencyKey: *key,
	})
	if err != nil {
		return c.fail(err)
	}

	if *asJSON {
		return c.printJSON(struct {
			ledger.Entry
			Created bool `json:"created"`
		}{e, created})
	}
	if !created {
		fmt.Fprintf(c.stdout, "key %s was already recorded; nothing new was recorded:\n", e.IdempotencyKey)
	}
	c.printEntry(e)
	return 0
}

func (c ledgerCmd) list(args []string) int {
	flags := c.flagSet("ledger list")
	day := flags.String("day", "", "business `day` YYYY-MM-DD (default: today in the business time zone)")
	asJSON := flags.Bool("json", false, "print a JSON array")
	if err := flags.Parse(args); err != nil || flags.NArg() != 0 {
		return 2
	}
	l, _, err := c.open()
	if err != nil {
		return c.fail(err)
	}
	if *day == "" {
		*day = l.BusinessDay(time.Now())
	}
	entries, err := l.List(context.Background(), *day)
	if err != nil {
		return c.fail(err)
	}
	if *asJSON {
		if entries == nil {
			entries = []ledger.Entry{}
		}
		return c.printJSON(entries)
	}

	loc := c.location()
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "SEQ\tID\tTIME\tKIND\tMETHOD\tAMOUNT\tCASE\tEMIRATES ID\tSTAFF\tTERMINAL\tREVERSES")
	for _, e := range entries {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Seq, e.ID,
			e.Time.In(loc).Format(time.TimeOnly), e.Kind, e.Method, e.Amount, e.CaseNumber,
			ident.MaskEmiratesID(e.EmiratesID), e.Staff, e.Terminal, e.Reverses)
	}
	w.Flush()
	fmt.Fprintf(c.stdout, "%d entries on %s\n", len(entries), *day)
	return 0
}

func (c ledgerCmd) void(args []string) int {
	// The entry id comes before the flags, which the flag package would
	// otherwise stop at.
	var id string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		id, args = args[0], args[1:]
	}
	flags := c.flagSet("ledger void")
	reason := flags.String("reason", "", "why the entry is reversed, kept with the reversal")
	staffID := flags.String("staff", "", "supervisor's staff `ID`; the PIN is read from standard input")
	asJSON := flags.Bool("json", false, "print the reversal as one JSON object")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if id == "" && flags.NArg() == 1 {
		id = flags.Arg(0)
	} else if flags.NArg() != 0 {
		return c.usage("usage: frontdeskctl ledger void ID --reason R --staff S")
	}
	if id == "" || *reason == "" || *staffID == "" {
		return c.usage("ledger void needs the entry ID, --reason and --staff")
	}

	l, db, err := c.open()
	if err != nil {
		return c.fail(err)
	}
	staff, err := c.signIn(db, *staffID)
	if err != nil {
		return c.fail(err)
	}
	rev, err := l.Reverse(context.Background(), id, *reason, staff.ID, string(staff.Role))
	if err != nil {
		return c.fail(err)
	}
	if *asJSON {
		return c.printJSON(rev)
	}
	fmt.Fprintf(c.stdout, "reversed %s:\n", rev.Reverses)
	c.printEntry(rev)
	return 0
}

func (c ledgerCmd) verify(args []string) int {
	flags := c.flagSet("ledger verify")
	if err := flags.Parse(args); err != nil || flags.NArg() != 0 {
		return 2
	}
	l, _, err := c.open()
	if err != nil {
		return c.fail(err)
	}
	ctx := context.Background()
	if err := l.Verify(ctx); err != nil {
		return c.fail(err)
	}
	seq, hash, err := l.Head(ctx)
	if err != nil {
		return c.fail(err)
	}
	if seq == 0 {
		fmt.Fprintln(c.stdout, "ledger is empty")
		return 0
	}
	fmt.Fprintf(c.stdout, "ledger intact: %d entries, last hash %s\n", seq, hash)
	return 0
}

func (c ledgerCmd) closeDay(args []string) int {
	flags := c.flagSet("ledger close")
	day := flags.String("day", "", "business `day` YYYY-MM-DD (default: today in the business time zone)")
	staffID := flags.String("staff", "", "supervisor's staff `ID`; the PIN is read from standard input")
	asJSON := flags.Bool("json", false, "print the close as one JSON object")
	if err := flags.Parse(args); err != nil || flags.NArg() != 0 {
		return 2
	}
	if *staffID == "" {
		return c.usage("ledger close needs --staff")
	}

	l, db, err := c.open()
	if err != nil {
		return c.fail(err)
	}
	if *day == "" {
		*day = l.BusinessDay(time.Now())
	}
	staff, err := c.signIn(db, *staffID)
	if err != nil {
		return c.fail(err)
	}
	// The desk's flow closes the day and prints the closing slip, so the
	// office gets the same paper whichever way the day was closed.
	flow, err := c.deskFlow(l, db)
	if err != nil {
		return c.fail(err)
	}
	dc, err := flow.CloseDay(context.Background(), ledgerdesk.StaffFrom(staff), *day, c.lang())
	if err != nil && dc.Day == "" {
		return c.fail(err)
	}
	code := 0
	if err != nil {
		// The day is closed; only the slip failed to print.
		fmt.Fprintf(c.stderr, "frontdeskctl: %v\n", err)
		code = 1
	}

	if *asJSON {
		if jsonCode := c.printJSON(dc); jsonCode != 0 {
			return jsonCode
		}
		return code
	}
	c.printClose(dc)
	return code
}

// deskFlow returns the desk's ledger flow with the configured printer.
func (c ledgerCmd) deskFlow(l *ledger.Ledger, db *store.DB) (*ledgerdesk.Flow, error) {
	cfg, err := c.env.config()
	if err != nil {
		return nil, err
	}
	p, profile, err := c.env.printerDevice()
	if err != nil {
		return nil, err
	}
	layout, err := receipt.NewLayout(profile)
	if err != nil {
		return nil, err
	}
	fc, err := setup.LedgerDeskConfig(cfg)
	if err != nil {
		return nil, err
	}
	fc.Staff = db
	return ledgerdesk.New(l, layout, p, fc)
}

// lang returns the first language of printed slips: the kiosk's default.
func (c ledgerCmd) lang() string {
	if cfg, err := c.env.config(); err == nil {
		return cfg.Kiosk.DefaultLanguage
	}
	return "ar"
}

func (c ledgerCmd) export(args []string) int {
	flags := c.flagSet("ledger export")
	day := flags.String("day", "", "business `day` YYYY-MM-DD (default: today in the business time zone)")
	file := flags.String("csv", "", "CSV `FILE` to write, or - for standard output")
	if err := flags.Parse(args); err != nil || flags.NArg() != 0 {
		return 2
	}
	if *file == "" {
		return c.usage("ledger export needs --csv FILE")
	}
	l, _, err := c.open()
	if err != nil {
		return c.fail(err)
	}
	if *day == "" {
		*day = l.BusinessDay(time.Now())
	}
	ctx := context.Background()
	if *file == "-" {
		if err := l.ExportCSV(ctx, c.stdout, *day); err != nil {
			return c.fail(err)
		}
		return 0
	}
	if err := writeFileAtomic(*file, func(w io.Writer) error { return l.ExportCSV(ctx, w, *day) }); err != nil {
		return c.fail(err)
	}
	fmt.Fprintf(c.stderr, "wrote the entries of %s to %s\n", *day, *file)
	return 0
}

// writeFileAtomic writes path through a temporary file in the same
// directory that is renamed over path only when write succeeds, so a
// failed export never leaves half a file. The file is readable by its
// owner only, because the export holds full Emirates IDs and IBANs.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename

	bw := bufio.NewWriter(tmp)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// open returns the ledger in the store's database.
func (c ledgerCmd) open() (*ledger.Ledger, *store.DB, error) {
	cfg, err := c.env.config()
	if err != nil {
		return nil, nil, err
	}
	db, err := c.env.store()
	if err != nil {
		return nil, nil, err
	}
	l, err := setup.OpenLedger(cfg, db)
	if err != nil {
		return nil, nil, err
	}
	return l, db, nil
}

// signIn reads a PIN from the first line of standard input and signs the
// staff member in, which also writes the attempt to the audit log.
func (c ledgerCmd) signIn(db *store.DB, staffID string) (store.Staff, error) {
	pin, err := bufio.NewReader(c.env.stdin).ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && pin != "") {
		return store.Staff{}, fmt.Errorf("read the PIN of %s from standard input: %w", staffID, err)
	}
	cfg, err := c.env.config()
	if err != nil {
		return store.Staff{}, err
	}
	return db.SignIn(context.Background(), staffID, strings.TrimSpace(pin), cfg.Terminal.ID)
}

func (c ledgerCmd) location() *time.Location {
	if cfg, err := c.env.config(); err == nil && cfg.Location != nil {
		return cfg.Location
	}
	return time.UTC
}

func (c ledgerCmd) printEntry(e ledger.Entry) {
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	rows := [][2]string{
		{"entry", fmt.Sprintf("%d %s", e.Seq, e.ID)},
		{"kind", strings.TrimSpace(string(e.Kind) + " " + string(e.Method))},
		{"amount", e.Amount.String()},
		{"case", e.CaseNumber},
		{"emirates id", ident.MaskEmiratesID(e.EmiratesID)},
	}
	if e.IBAN != "" {
		rows = append(rows, [2]string{"iban", ident.MaskIBAN(e.IBAN)})
	}
	optional := [][2]string{
		{"bank", e.Bank}, {"bank reference", e.BankReference}, {"reference", e.Reference},
		{"ticket", e.Ticket}, {"reverses", e.Reverses}, {"reason", e.Reason},
	}
	for _, row := range optional {
		if row[1] != "" {
			rows = append(rows, row)
		}
	}
	rows = append(rows,
		[2]string{"time", e.Time.In(c.location()).Format(time.RFC3339)},
		[2]string{"business day", e.Day},
		[2]string{"staff", e.Staff},
		[2]string{"terminal", e.Terminal},
		[2]string{"hash", e.Hash},
	)
	for _, row := range rows {
		fmt.Fprintf(w, "%s\t%s\n", row[0], row[1])
	}
	w.Flush()
}

func (c ledgerCmd) printClose(dc ledger.DayClose) {
	fmt.Fprintf(c.stdout, "closed %s at %s by %s on %s\n", dc.Day,
		dc.ClosedAt.In(c.location()).Format(time.RFC3339), dc.ClosedBy, dc.Terminal)
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "GROUP\tENTRIES\tAMOUNT\tREVERSALS\tREVERSED\tNET\t")
	row := func(name string, t ledger.Totals) {
		fmt.Fprintf(w, "%s\t%d\t%s\t%d\t%s\t%s\t\n", name, t.Entries, t.Amount, t.Reversals, t.Reversed, t.Net)
	}
	row("total", dc.Total)
	for _, k := range sortedKeys(dc.ByKind) {
		row("kind "+string(k), dc.ByKind[k])
	}
	for _, m := range sortedKeys(dc.ByMethod) {
		row("method "+string(m), dc.ByMethod[m])
	}
	for _, s := range sortedKeys(dc.ByStaff) {
		row("staff "+s, dc.ByStaff[s])
	}
	for _, t := range sortedKeys(dc.ByTerminal) {
		row("terminal "+t, dc.ByTerminal[t])
	}
	w.Flush()
	fmt.Fprintf(c.stdout, "chain head: entry %d, hash %s\n", dc.HeadSeq, dc.HeadHash)
}

func sortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (c ledgerCmd) flagSet(name string) *flag.FlagSet {
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	flags.SetOutput(c.stderr)
	return flags
}

func (c ledgerCmd) printJSON(v any) int {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return c.fail(err)
	}
	return 0
}

// fail prints one error line and returns exit code 1.
func (c ledgerCmd) fail(err error) int {
	fmt.Fprintf(c.stderr, "frontdeskctl: %v\n", err)
	return 1
}

// usage prints a usage error and returns exit code 2.
func (c ledgerCmd) usage(format string, args ...any) int {
	fmt.Fprintf(c.stderr, "frontdeskctl: "+format+"\n", args...)
	return 2
}
