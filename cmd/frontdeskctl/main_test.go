package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestCommandHelp(t *testing.T) {
	for _, name := range []string{"ticket", "queue", "staff", "request", "ledger", "printer"} {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{name, "-h"}, strings.NewReader(""), &stdout, &stderr)
			if code != 0 {
				t.Errorf("exit %d, want 0 (stderr %q)", code, stderr.String())
			}
			if !strings.Contains(stdout.String(), "  "+name+" ") {
				t.Errorf("help %q does not list the %s subcommands", stdout.String(), name)
			}
		})
	}
}

func TestUnknownCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"dance"}, strings.NewReader(""), &stdout, &stderr); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), `"dance"`) {
		t.Errorf("stderr %q does not name the command", stderr.String())
	}
}
