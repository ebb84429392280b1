package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

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
	a.settleInterruptedPrints()

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

// loggingStore is the kiosk's store, logging every ticket that did not
// print, so the log names the numbers a citizen holds without paper.
type loggingStore struct {
	*store.DB
	log *slog.Logger
}

// SetPrintStatus records the outcome of printing a ticket.
func (s loggingStore) SetPrintStatus(ctx context.Context, id string, status store.PrintStatus) error {
	if status == store.NotPrinted {
		s.log.Warn("ticket stored but not printed", "id", id)
	}
	err := s.DB.SetPrintStatus(ctx, id, status)
	if err != nil {
		s.log.Error("recording print status failed", "id", id, "status", status, "err", err)
	}
	return err
}

// settleInterruptedPrints marks the tickets whose printing a stopped
// process left unfinished as not printed, so the desk lists them for a
// reprint, and logs each.
func (a *appliance) settleInterruptedPrints() {
	settled, err := a.db.SettleInterruptedPrints(context.Background(), time.Now())
	if err != nil {
		a.log.Error("settling interrupted prints failed", "err", err)
		return
	}
	for _, t := range settled {
		a.log.Warn("ticket left unprinted by an interrupted run; marked not printed", "ticket", t.Number, "id", t.ID)
	}
}

// openKiosk opens the kiosk's window.
func (a *appliance) openKiosk() (*kioskui.Screen, error) {
	k, err := setup.NewKiosk(a.cfg, loggingStore{DB: a.db, log: a.log}, a.printer, a.profile)
	if err != nil {
		return nil, err
	}
	screen := kioskui.New(k, a.catalog)
	reports, err := setup.Reports(a.cfg, a.db)
	if err != nil {
		return nil, err
	}
	book, err := setup.OpenRatings(a.cfg, a.db, reports)
	if err != nil {
		return nil, err
	}
	screen.EnableRating(kioskui.RatingConfig{
		Rater: book, Terminal: a.cfg.Terminal.ID, NumberPrefix: a.cfg.Terminal.NumberPrefix,
	})
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
