// Command frontdesk runs an appliance's screens: the kiosk's touchscreen,
// the reception desk, the hall display, or the express vehicle's desk with
// its own kiosk. terminal.role in the configuration picks which.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"frontdesk/cmd/internal/config"
)

func main() {
	os.Exit(run())
}

func run() int {
	configFile := flag.String("config", "", "configuration `FILE` (default: the first of ./frontdesk.yaml, $XDG_CONFIG_HOME/frontdesk/frontdesk.yaml, /etc/frontdesk/frontdesk.yaml)")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))

	cfg, err := config.Load(*configFile)
	if err != nil {
		fmt.Fprintf(os.Stderr, "frontdesk: %v\n", err)
		return 1
	}
	if err := checkDisplay(); err != nil {
		fmt.Fprintf(os.Stderr, "frontdesk: %v\n", err)
		return 1
	}

	// Fyne and go-text keep their caches (the font index among them) under
	// the user cache directory, and without it Arabic falls back to boxes.
	if dir, err := os.UserCacheDir(); err == nil {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			log.Warn("cache directory not writable", "dir", dir, "err", err)
		}
	}

	log.Info("starting", "role", cfg.Terminal.Role, "site", cfg.Terminal.Site, "terminal", cfg.Terminal.ID,
		"config", cfg.File, "data_dir", cfg.DataDir, "printer", cfg.Printer.Port)
	a, err := newAppliance(cfg, log)
	if err != nil {
		log.Error("start failed", "err", err)
		fmt.Fprintf(os.Stderr, "frontdesk: %v\n", err)
		if errors.Is(err, config.ErrInvalid) {
			return 2
		}
		return 1
	}
	a.run()
	log.Info("stopped")
	return 0
}
