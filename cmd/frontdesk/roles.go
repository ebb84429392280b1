package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/assets/i18n"
	"frontdesk/assets/sounds"
	"frontdesk/cmd/internal/setup"
	"frontdesk/devices/receipt"
	kioskui "frontdesk/kiosk/ui"
	"frontdesk/kiosk/ui/rate"
	"frontdesk/reception"
	"frontdesk/reception/ledgerdesk"
	receptionui "frontdesk/reception/ui"
	"frontdesk/reception/ui/charts"
	"frontdesk/reception/ui/ledgerui"
	"frontdesk/store"
	"frontdesk/store/report"
)

// openWindows opens the windows of every configured role. Roles on one
// machine share its store, so a desk and the hall display it calls to can
// run in one process.
func (a *appliance) openWindows() error {
	for _, role := range a.cfg.Terminal.Roles() {
		if err := a.openRole(role); err != nil {
			return fmt.Errorf("role %s: %w", role, err)
		}
	}
	return nil
}

func (a *appliance) openRole(role string) error {
	switch role {
	case "kiosk":
		_, err := a.openKiosk()
		a.watchPrinter(func(string) {})
		return err
	case "reception":
		return a.openReception(nil)
	case "display":
		return a.openDisplay()
	case "vehicle":
		// The vehicle's kiosk is also its customer-facing screen: the
		// rating after a visit appears there.
		k, err := a.openKiosk()
		if err != nil {
			return err
		}
		return a.openReception(k)
	}
	return fmt.Errorf("terminal.role %q is unknown; use kiosk, reception, display or vehicle", role)
}

// goRun runs a screen's background loop until the app stops, and logs
// how it ended.
func (a *appliance) goRun(name string, run func(ctx context.Context) error) {
	go func() {
		err := run(a.ctx)
		if err != nil && !errors.Is(err, context.Canceled) {
			a.log.Error("screen loop stopped", "screen", name, "err", err)
		}
	}()
}

// customerScreen is the customer-facing touchscreen of a desk: a welcome
// text between visits, and the rating screen after each one.
type customerScreen struct {
	a       *appliance
	book    rate.Rater
	stack   *fyne.Container
	idle    fyne.CanvasObject
	restore func() // shows what the screen had before the rating, if set
}

func (a *appliance) newCustomerScreen(book rate.Rater, idle fyne.CanvasObject) *customerScreen {
	return &customerScreen{a: a, book: book, stack: container.NewStack(idle), idle: idle}
}

// rate shows the rating screen for a completed ticket, in the language
// the citizen chose at the kiosk. It runs on any goroutine.
func (c *customerScreen) rate(t store.Ticket) {
	fyne.Do(func() {
		loc, err := c.a.catalog.Localizer(t.Lang)
		if err != nil {
			loc, _ = c.a.catalog.Localizer(c.a.cfg.Kiosk.DefaultLanguage)
		}
		screen := rate.New(rate.Config{
			Rater:     c.book,
			Localizer: loc,
			TicketID:  t.ID,
			Number:    t.Number,
			Terminal:  c.a.cfg.Terminal.ID,
			OnDone: func() {
				c.stack.Objects = []fyne.CanvasObject{c.idle}
				c.stack.Refresh()
			},
		})
		c.stack.Objects = []fyne.CanvasObject{screen.Content()}
		c.stack.Refresh()
		c.a.log.Info("rating screen shown", "ticket", t.Number)
	})
}

// openReception opens the desk window: the queue and requests, the
// ledger and, for supervisors, the reports. With k nil it also opens a
// customer-facing window for ratings; the vehicle passes its kiosk screen
// instead.
func (a *appliance) openReception(k *kioskui.Screen) error {
	layout, err := receipt.NewLayout(a.profile)
	if err != nil {
		return err
	}
	signer, err := setup.Signer(a.cfg)
	if err != nil {
		return err
	}
	reports, err := setup.Reports(a.cfg, a.db)
	if err != nil {
		return err
	}
	book, err := setup.OpenRatings(a.cfg, a.db, reports)
	if err != nil {
		return err
	}
	led, err := setup.OpenLedger(a.cfg, a.db)
	if err != nil {
		return err
	}

	lang := a.cfg.Kiosk.DefaultLanguage
	loc, err := a.catalog.Localizer(lang)
	if err != nil {
		return err
	}
	// The alert line under the tabs shows the latest rating alert.
	alertLine := kioskui.NewBidiLabel("", lang == i18n.Arabic)
	alertLine.ColorName = theme.ColorNameError
	alertLine.Hide() // until the first alert
	rater := &alertingRater{Book: book, monitor: report.NewAlertMonitor(report.AlertConfig{}),
		onAlert: func(alerts []report.Alert) {
			last := alerts[len(alerts)-1]
			a.log.Warn("rating alert", "kind", last.Kind.String(), "counter", last.Counter, "index", last.Index)
			fyne.Do(func() {
				alertLine.SetText(charts.AlertText(loc, a.cfg.Location, last))
				alertLine.Show()
			})
		}}

	var customer *customerScreen
	if k != nil {
		customer = a.newCustomerScreen(rater, k.Content())
		a.kioskWindow.SetContent(customer.stack)
	} else {
		idle := widget.NewLabelWithStyle("أهلاً وسهلاً\nWelcome", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		customer = a.newCustomerScreen(rater, container.NewCenter(idle))
		w := a.app.NewWindow("frontdesk customer screen")
		w.SetContent(customer.stack)
		a.fitWindow(w)
		w.Show()
	}

	rc := setup.ReceptionConfig(a.cfg)
	desk := reception.NewDesk(a.db, rc, reception.DeskOptions{
		Receipts: &reception.Receipts{
			Layout: layout, Printer: a.printer, Links: signer,
			CentreAR: a.cfg.Centre.NameAR, CentreEN: a.cfg.Centre.NameEN,
		},
		OnComplete: func(t store.Ticket, staff store.Staff) {
			a.log.Info("visit completed", "ticket", t.Number, "staff", staff.ID, "counter", rc.Counter)
			customer.rate(t)
		},
	})
	deskScreen, err := receptionui.NewDesk(desk, a.catalog, lang)
	if err != nil {
		return err
	}

	ldcfg, err := setup.LedgerDeskConfig(a.cfg)
	if err != nil {
		return err
	}
	ldcfg.Staff = a.db // receipts and the day's list name staff members
	flow, err := ledgerdesk.New(led, layout, a.printer, ldcfg)
	if err != nil {
		return err
	}
	ledgerScreen, err := ledgerui.New(flow, lang, a.catalog, deskSession{desk})
	if err != nil {
		return err
	}

	newReports := func(loc *i18n.Localizer) *charts.Screen {
		services := make([]charts.Service, len(a.cfg.Services))
		for i, s := range a.cfg.Services {
			services[i] = charts.Service{ID: s.ID, NameAR: s.NameAR, NameEN: s.NameEN}
		}
		return charts.New(charts.Config{
			Reports:   reports,
			Sources:   report.Sources{Ledger: led},
			Localizer: loc,
			Services:  services,
			Terminals: []string{a.cfg.Terminal.ID},
			Location:  a.cfg.Location,
			ExportDir: a.cfg.DataDir,
		})
	}
	reportScreen := newReports(loc)

	// The padding keeps the overhang of a right-aligned Arabic heading's
	// last letter clear of the tab bar beside it.
	tabs := container.NewAppTabs(
		container.NewTabItem("", container.NewPadded(deskScreen.Content())),
		container.NewTabItem("", container.NewPadded(ledgerScreen.Content())),
		container.NewTabItem("", container.NewPadded(reportScreen.Content())),
	)
	// The figures are read again each time a supervisor opens the tab.
	tabs.OnSelected = func(item *container.TabItem) {
		if item == tabs.Items[2] {
			reportScreen.Reload()
		}
	}

	// The status line under the tabs shows staff the printer's state
	// before a citizen meets its fault.
	printerLine := kioskui.NewBidiLabel("", lang == i18n.Arabic)
	printerMsg := "printer.ready"

	// setLanguage follows the desk screen's language button with the rest
	// of the window: the tabs, the ledger, the reports and the status
	// lines. It runs on the UI goroutine.
	setLanguage := func(next string) {
		nextLoc, err := a.catalog.Localizer(next)
		if err != nil {
			a.log.Error("desk language not loaded", "lang", next, "err", err)
			return
		}
		lang, loc = next, nextLoc
		rtl := lang == i18n.Arabic
		for i, title := range [][2]string{{"المكتب", "Desk"}, {"السجل المالي", "Ledger"}, {"التقارير", "Reports"}} {
			tabs.Items[i].Text = tabTitle(lang, title[0], title[1])
		}
		// Fyne lays tabs out left to right; an Arabic desk gets them down
		// its right edge instead, where a right-to-left reader starts.
		if rtl {
			tabs.SetTabLocation(container.TabLocationTrailing)
		} else {
			tabs.SetTabLocation(container.TabLocationTop)
		}
		if err := ledgerScreen.SetLanguage(lang); err != nil {
			a.log.Error("ledger screen language not changed", "lang", lang, "err", err)
		}
		reportScreen = newReports(loc)
		tabs.Items[2].Content = container.NewPadded(reportScreen.Content())
		printerLine.RTL, alertLine.RTL = rtl, rtl
		printerLine.SetText(loc.Text(printerMsg, nil))
		alertLine.Refresh()
		tabs.Refresh()
	}
	setLanguage(lang)
	gateTabs(tabs, desk.State())

	a.goRun("desk tabs", func(ctx context.Context) error {
		// The desk screen owns the desk's change callback, so the tabs
		// follow sign-in, sign-out and the language button by reading the
		// desk's state twice a second.
		tick := time.NewTicker(500 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-tick.C:
				s := desk.State()
				fyne.Do(func() {
					gateTabs(tabs, s)
					if current := deskScreen.Language(); current != lang {
						setLanguage(current)
					}
				})
			}
		}
	})
	a.watchPrinter(func(msg string) {
		fyne.Do(func() {
			printerMsg = msg
			printerLine.SetText(loc.Text(msg, nil))
		})
	})

	w := a.app.NewWindow("frontdesk reception")
	w.SetContent(container.NewBorder(nil, container.NewPadded(container.NewVBox(alertLine, printerLine)), nil, nil, tabs))
	// A desk screen is a full HD monitor: the request form needs its
	// height to show its buttons without scrolling.
	w.SetPadded(false)
	if a.cfg.Kiosk.Fullscreen {
		w.SetFullScreen(true)
	} else {
		w.Resize(fyne.NewSize(1920, 1080))
	}
	w.Show()
	a.goRun("desk", deskScreen.Run)
	return nil
}

// gateTabs keeps the ledger and reports closed until a staff member signs
// in, and the reports to supervisors and admins.
func gateTabs(tabs *container.AppTabs, s reception.DeskState) {
	signedIn := s.SignedIn
	supervisor := signedIn && (s.Staff.Role == store.RoleSupervisor || s.Staff.Role == store.RoleAdmin)
	setEnabled(tabs, 1, signedIn)
	setEnabled(tabs, 2, supervisor)
	if (!signedIn && tabs.SelectedIndex() != 0) || (!supervisor && tabs.SelectedIndex() == 2) {
		tabs.SelectIndex(0)
	}
}

func setEnabled(tabs *container.AppTabs, i int, on bool) {
	if on {
		tabs.EnableIndex(i)
	} else {
		tabs.DisableIndex(i)
	}
}

func tabTitle(lang, ar, en string) string {
	if lang == i18n.Arabic {
		return ar
	}
	return en
}

// deskSession gives the ledger screen the staff member signed in at the
// desk and the ticket being served.
type deskSession struct{ desk *reception.Desk }

func (s deskSession) Staff() ledgerdesk.Staff {
	st := s.desk.State()
	if !st.SignedIn {
		return ledgerdesk.Staff{}
	}
	return ledgerdesk.StaffFrom(st.Staff)
}

func (s deskSession) Ticket() string {
	st := s.desk.State()
	if !st.HasCurrent {
		return ""
	}
	return st.Current.Number
}

// openDisplay opens the hall display, full screen, with its chime.
func (a *appliance) openDisplay() error {
	rc := setup.ReceptionConfig(a.cfg)
	board := reception.NewBoard(a.db, rc, reception.BoardOptions{})

	var player reception.Player = reception.Silent{}
	if p, err := reception.FindPlayer(); err != nil {
		a.log.Warn("display without sound", "err", err)
	} else {
		player = p
	}
	chime, err := sounds.Duration(sounds.Chime)
	if err != nil {
		return err
	}
	announcer := reception.NewAnnouncer(reception.AnnouncerOptions{
		Player: player,
		Sound:  sounds.Chime,
		// Each call stays announced a little past its chime, so the hall
		// can read it before the next one.
		MinDuration: chime + time.Second,
		OnError: func(err error) {
			a.log.Error("chime failed", "err", err)
		},
	})
	display, err := receptionui.NewDisplay(board, announcer, a.catalog)
	if err != nil {
		return err
	}
	w := a.app.NewWindow("frontdesk display")
	w.SetContent(display.Content())
	w.SetPadded(false)
	w.SetFullScreen(a.cfg.Kiosk.Fullscreen)
	if !a.cfg.Kiosk.Fullscreen {
		w.Resize(fyne.NewSize(1920, 1080)) // the board is laid out for a full HD screen
	}
	w.Show()
	a.goRun("display", display.Run)
	return nil
}
