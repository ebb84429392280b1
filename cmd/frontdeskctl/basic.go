package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"frontdesk/cmd/internal/setup"
	"frontdesk/uploadlink"
)

func runConfig(args []string, env *ctlEnv) int {
	if len(args) != 1 || args[0] != "show" {
		return usageError(env, "usage: frontdeskctl config show")
	}
	cfg, err := env.config()
	if err != nil {
		return fail(env, err)
	}
	if err := cfg.Show(env.stdout); err != nil {
		return fail(env, err)
	}
	return 0
}

// runLink verifies an upload link with this appliance's key: exit 0 and
// the subject and expiry when valid, exit 1 and the reason when not.
func runLink(args []string, env *ctlEnv) int {
	if len(args) < 1 || args[0] != "verify" {
		return usageError(env, "usage: frontdeskctl link verify URL")
	}
	flags := flag.NewFlagSet("link verify", flag.ContinueOnError)
	flags.SetOutput(env.stderr)
	at := flags.String("at", "", "verify as of this RFC 3339 `time` instead of now")
	if err := flags.Parse(args[1:]); err != nil || flags.NArg() != 1 {
		return usageError(env, "usage: frontdeskctl link verify [--at TIME] URL")
	}

	now := time.Now()
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			return usageError(env, "--at %q is not an RFC 3339 time such as 2026-12-04T10:00:00+04:00", *at)
		}
		now = t
	}

	cfg, err := env.config()
	if err != nil {
		return fail(env, err)
	}
	key, err := uploadlink.LoadKey(setup.KeyPath(cfg))
	if err != nil {
		return fail(env, err)
	}

	claims, err := uploadlink.Verify(key, flags.Arg(0), now)
	if err != nil {
		reason := "malformed"
		switch {
		case errors.Is(err, uploadlink.ErrExpired):
			reason = "expired"
		case errors.Is(err, uploadlink.ErrTampered):
			reason = "tampered"
		}
		fmt.Fprintf(env.stdout, "invalid (%s): %v\n", reason, err)
		return 1
	}
	fmt.Fprintf(env.stdout, "valid: %s until %s\n", claims.Subject,
		claims.Expires.In(cfg.Location).Format("2006-01-02 15:04:05 MST"))
	return 0
}
