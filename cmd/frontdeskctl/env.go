package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"frontdesk/cmd/internal/config"
	"frontdesk/cmd/internal/setup"
	"frontdesk/devices/escpos"
	"frontdesk/devices/printer"
	"frontdesk/store"
	"frontdesk/uploadlink"
)

// ctlEnv is the state every subcommand shares: its streams and, opened on first
// use and closed when the command ends, the configuration, the store, the
// upload link signer and the printer.
type ctlEnv struct {
	configFile string
	stdin      io.Reader
	stdout     io.Writer
	stderr     io.Writer

	cfg     *config.Config
	db      *store.DB
	signer  *uploadlink.Signer
	printer printer.Printer
	profile escpos.Profile
}

func (e *ctlEnv) config() (*config.Config, error) {
	if e.cfg != nil {
		return e.cfg, nil
	}
	cfg, err := config.Load(e.configFile)
	if err != nil {
		return nil, err
	}
	e.cfg = cfg
	return cfg, nil
}

func (e *ctlEnv) store() (*store.DB, error) {
	if e.db != nil {
		return e.db, nil
	}
	cfg, err := e.config()
	if err != nil {
		return nil, err
	}
	db, err := setup.OpenStore(cfg)
	if err != nil {
		return nil, err
	}
	e.db = db
	settled, err := db.SettleInterruptedPrints(context.Background(), time.Now())
	if err != nil {
		return nil, err
	}
	for _, t := range settled {
		fmt.Fprintf(e.stderr, "frontdeskctl: ticket %s was left unprinted by an interrupted run; marked not printed\n", t.Number)
	}
	return db, nil
}

func (e *ctlEnv) uploadSigner() (*uploadlink.Signer, error) {
	if e.signer != nil {
		return e.signer, nil
	}
	cfg, err := e.config()
	if err != nil {
		return nil, err
	}
	s, err := setup.Signer(cfg)
	if err != nil {
		return nil, err
	}
	e.signer = s
	return s, nil
}

func (e *ctlEnv) printerDevice() (printer.Printer, escpos.Profile, error) {
	if e.printer != nil {
		return e.printer, e.profile, nil
	}
	cfg, err := e.config()
	if err != nil {
		return nil, escpos.Profile{}, err
	}
	p, profile, err := setup.OpenPrinter(cfg)
	if err != nil {
		return nil, escpos.Profile{}, err
	}
	e.printer, e.profile = p, profile
	return p, profile, nil
}

func (e *ctlEnv) close() {
	if e.printer != nil {
		e.printer.Close()
	}
	if e.db != nil {
		e.db.Close()
	}
}
