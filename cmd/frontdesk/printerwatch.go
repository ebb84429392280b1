package main

import (
	"context"
	"errors"
	"time"

	"frontdesk/devices/printer"
)

// printerPoll is how often the application requests the printer's status
// between tickets, so staff learn that the paper is running out before a
// citizen does.
const printerPoll = 15 * time.Second

// printerMessage returns the message id that describes a printer status
// to staff.
func printerMessage(st printer.Status, err error) string {
	switch {
	case errors.Is(err, printer.ErrPaperOut):
		return "printer.paper_out"
	case errors.Is(err, printer.ErrCoverOpen):
		return "printer.cover_open"
	case errors.Is(err, printer.ErrPrinterError):
		return "printer.error"
	case err != nil:
		return "printer.offline"
	case st.NearEnd:
		return "printer.near_end"
	}
	return "printer.ready"
}

// watchPrinter requests the printer's status at start and every printerPoll,
// logs every change, and calls onChange with the new message id. It runs
// until the application stops.
func (a *appliance) watchPrinter(onChange func(messageID string)) {
	a.goRun("printer watch", func(ctx context.Context) error {
		last := ""
		tick := time.NewTicker(printerPoll)
		defer tick.Stop()
		for {
			st, err := a.askPrinter(ctx)
			if msg := printerMessage(st, err); msg != last {
				if err != nil || st.NearEnd {
					a.log.Warn("printer status changed", "port", a.cfg.Printer.Port, "status", msg, "err", err)
				} else {
					a.log.Info("printer status changed", "port", a.cfg.Printer.Port, "status", msg)
				}
				last = msg
				onChange(msg)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-tick.C:
			}
		}
	})
}

func (a *appliance) askPrinter(ctx context.Context) (printer.Status, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	st, err := a.printer.Status(ctx)
	if err == nil {
		err = st.Err()
	}
	return st, err
}
