// Command frontdeskctl does the appliance's work from a shell, without a
// screen: issue and list tickets, verify upload links, test the printer,
// render receipts and show the configuration. It reads the same
// configuration as the frontdesk application.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

const usage = `usage: frontdeskctl [--config FILE] COMMAND [ARGS]

commands:
  config show                      print the effective configuration
  ticket issue --service ID [--lang ar|en] [--priority none|senior|determination] [--json]
  ticket list [--day YYYY-MM-DD] [--json]
  link verify URL                  check an upload link: exit 0 if valid, 1 if not
  receipt render FILE.bin OUT.png  draw an ESC/POS stream as the printer would
  printer list|status|test         find, ask and test the receipt printer
  queue list|call|recall|no-show|hold|resume|complete|transfer   the counter's queue
  staff add|list|disable           staff members (add reads the PIN from standard input)
  request create|list|show|update  requests routed to departments
  ledger record|list|void|verify|close|export   the social assistance ledger
  rating add --ticket N --level very-good|good|bad|very-bad [--reason R] [--json]
  report --from YYYY-MM-DD --to YYYY-MM-DD [--service ID] [--json] [--csv FILE]

Run "frontdeskctl COMMAND -h" for a command's subcommands, and
"frontdeskctl COMMAND SUBCOMMAND -h" for the options of one.
`

// command runs one subcommand and returns the process exit code.
type command func(args []string, env *ctlEnv) int

func commands() map[string]command {
	return map[string]command{
		"config":  runConfig,
		"ticket":  runTicket,
		"link":    runLink,
		"receipt": func(args []string, env *ctlEnv) int { return runReceipt(args, env.stdout, env.stderr) },
		"ledger":  func(args []string, env *ctlEnv) int { return runLedger(args, env.stdout, env.stderr, env) },
		"rating":  runRating,
		"queue":   runQueue,
		"staff":   runStaff,
		"request": runRequest,
		"report":  runReport,
		"printer": func(args []string, env *ctlEnv) int {
			return runPrinter(args, env.stdout, env.stderr, env.printerDevice)
		},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("frontdeskctl", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprint(stderr, usage) }
	configFile := flags.String("config", "", "configuration `FILE` (default: the first of ./frontdesk.yaml, $XDG_CONFIG_HOME/frontdesk/frontdesk.yaml, /etc/frontdesk/frontdesk.yaml)")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}

	name := flags.Arg(0)
	cmd, ok := commands()[name]
	if !ok {
		fmt.Fprintf(stderr, "frontdeskctl: unknown command %q; commands: %s\n", name, commandNames())
		return 2
	}

	rest := flags.Args()[1:]
	if len(rest) > 0 && isHelp(rest[0]) {
		fmt.Fprint(stdout, commandHelp(name))
		return 0
	}
	env := &ctlEnv{configFile: *configFile, stdin: stdin, stdout: stdout, stderr: stderr}
	defer env.close()
	return cmd(rest, env)
}

func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

// commandHelp returns the usage lines of one command. A subcommand's own
// options are listed by "frontdeskctl COMMAND SUBCOMMAND -h".
func commandHelp(name string) string {
	var b strings.Builder
	b.WriteString("usage:\n")
	for _, line := range strings.Split(usage, "\n") {
		if strings.HasPrefix(line, "  "+name+" ") || line == "  "+name {
			b.WriteString(line + "\n")
		}
	}
	b.WriteString("\nRun \"frontdeskctl " + name + " SUBCOMMAND -h\" for the options of a subcommand.\n")
	return b.String()
}

func commandNames() string {
	var names []string
	for name := range commands() {
		names = append(names, name)
	}
	sort.Strings(names)
	return fmt.Sprint(names)
}

// fail prints one error line for the command and returns exit code 1.
func fail(env *ctlEnv, err error) int {
	fmt.Fprintf(env.stderr, "frontdeskctl: %v\n", err)
	return 1
}

// usageError prints a usage error and returns exit code 2.
func usageError(env *ctlEnv, format string, args ...any) int {
	fmt.Fprintf(env.stderr, "frontdeskctl: "+format+"\n", args...)
	return 2
}
