package main

import (
	"context"
	"fmt"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"frontdesk/assets/i18n"
	"frontdesk/assets/theme"
	"frontdesk/cmd/internal/config"
	"frontdesk/cmd/internal/setup"
	"frontdesk/devices/escpos"
	"frontdesk/devices/printer"
	kioskui "frontdesk/kiosk/ui"
	"frontdesk/store"
)

// appliance is the running program: the store, the printer and the
// windows of the configured role.
type appliance struct {
	cfg     *config.Config
	log     *slog.Logger
	app     fyne.App
	db      *store.DB
	printer printer.Printer
	profile escpos.Profile
	catalog *i18n.Catalog

	// kioskWindow is the kiosk's window, when the role has one.
	kioskWindow fyne.Window
	// ctx ends when the app stops, ending the screens' background loops.
	ctx    context.Context
	cancel context.CancelFunc

	closers []func() // run in reverse order when the app stops
}

func newAppliance(cfg *config.Config, log *slog.Logger) (*appliance, error) {
	a := &appliance{cfg: cfg, log: log}
	a.ctx, a.cancel = context.WithCancel(context.Background())
	a.closers = append(a.closers, a.cancel)

	db, err := setup.OpenStore(cfg)
	if err != nil {
		return nil, err
	}
	a.db = db
	a.closers = append(a.closers, func() { a.closeLogged("store", db.Close) })

	p, profile, err := setup.OpenPrinter(cfg)
	if err != nil {
		a.shutdown()
		return nil, fmt.Errorf("printer %s: %w", cfg.Printer.Port, err)
	}
	a.printer, a.profile = p, profile
	a.closers = append(a.closers, func() { a.closeLogged("printer", p.Close) })

	catalog, err := i18n.Load()
	if err != nil {
		a.shutdown()
		return nil, err
	}
	a.catalog = catalog

	if err := lang.AddTranslationsForLocale(i18n.FyneArabic, "ar"); err != nil {
		log.Warn("fyne arabic translations not loaded", "err", err)
	}
	a.app = app.NewWithID("ae.example.frontdesk")
	a.app.Settings().SetTheme(theme.New())

	if err := a.openWindows(); err != nil {
		a.shutdown()
		return nil, err
	}
	return a, nil
}

// openKiosk opens the kiosk's window.
func (a *appliance) openKiosk() (*kioskui.Screen, error) {
	k, err := setup.NewKiosk(a.cfg, a.db, a.printer, a.profile)
	if err != nil {
		return nil, err
	}
	screen := kioskui.New(k, a.catalog)
	w := a.app.NewWindow("frontdesk kiosk")
	w.SetContent(screen.Content())
	a.fitWindow(w)
	w.SetOnClosed(screen.Close)
	if a.cfg.Kiosk.Fullscreen {
		// A citizen must not be able to close the kiosk.
		w.SetCloseIntercept(func() { a.log.Info("kiosk window close ignored") })
	}
	w.Show()
	a.kioskWindow = w
	return screen, nil
}

// fitWindow makes a window full screen when configured, or gives it the
// size of a common kiosk panel otherwise.
func (a *appliance) fitWindow(w fyne.Window) {
	w.SetPadded(false)
	if a.cfg.Kiosk.Fullscreen {
		w.SetFullScreen(true)
		return
	}
	w.Resize(fyne.NewSize(1280, 800))
}

func (a *appliance) run() {
	a.app.Run()
	a.shutdown()
}

func (a *appliance) shutdown() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}

func (a *appliance) closeLogged(what string, close func() error) {
	if err := close(); err != nil {
		a.log.Error("close failed", "part", what, "err", err)
	}
}
