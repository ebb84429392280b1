package printer

import (
	"fmt"
	"strings"
)

// Bytes of the real-time status request DLE EOT n and of software flow
// control.
const (
	dle  = 0x10
	eot  = 0x04
	xon  = 0x11
	xoff = 0x13
)

// The four status requests, in the order they are sent: n = 1 printer,
// 2 offline cause, 3 error cause, 4 roll paper sensor.
var statusRequests = [4]byte{1, 2, 3, 4}

// Every reply to DLE EOT n has bits 1 and 4 set and bits 0 and 7 clear. No
// other byte a printer sends unasked has that pattern: XON (0x11) and XOFF
// (0x13) have bit 0 set, and Automatic Status Back blocks start with bit 1
// clear and continue with bit 4 clear.
const (
	replyMask    = 0x93
	replyPattern = 0x12
)

// isReply reports whether b can be a reply to DLE EOT n.
func isReply(b byte) bool {
	return b&replyMask == replyPattern
}

// Status bits, as the ESC/POS command reference numbers them.
const (
	bit2 = 1 << 2
	bit3 = 1 << 3
	bit5 = 1 << 5
	bit6 = 1 << 6
)

// Status is a printer's real-time status, decoded from its replies to
// DLE EOT 1 to 4.
type Status struct {
	Offline        bool // n=1 bit 3
	WaitingRecover bool // n=1 bit 5: waiting to come back online after an error
	FeedButton     bool // n=1 bit 6: the paper feed button is held down
	CoverOpen      bool // n=2 bit 2
	PaperStopped   bool // n=2 bit 5: printing stopped because the paper ran out
	Error          bool // n=2 bit 6: an error of the kind n=3 details
	Mechanical     bool // n=3 bit 2: a recoverable mechanical error, such as a jam
	CutterError    bool // n=3 bit 3
	Unrecoverable  bool // n=3 bit 5
	AutoRecovering bool // n=3 bit 6: head too hot or supply voltage wrong; clears by itself
	NearEnd        bool // n=4 bits 2 and 3: the roll is nearly used up
	PaperOut       bool // n=4 bits 5 and 6, or n=2 bit 5

	// Replies holds the four reply bytes for diagnosis. It is zero for
	// the virtual and file printers, which have no status of their own.
	Replies [4]byte
}

// decodeStatus decodes the replies to DLE EOT 1, 2, 3 and 4.
func decodeStatus(replies [4]byte) Status {
	printer, offline, failure, paper := replies[0], replies[1], replies[2], replies[3]
	return Status{
		Offline:        printer&bit3 != 0,
		WaitingRecover: printer&bit5 != 0,
		FeedButton:     printer&bit6 != 0,
		CoverOpen:      offline&bit2 != 0,
		PaperStopped:   offline&bit5 != 0,
		Error:          offline&bit6 != 0,
		Mechanical:     failure&bit2 != 0,
		CutterError:    failure&bit3 != 0,
		Unrecoverable:  failure&bit5 != 0,
		AutoRecovering: failure&bit6 != 0,
		// Printers set both bits of a sensor, but either is taken as set.
		NearEnd:  paper&(bit2|bit3) != 0,
		PaperOut: paper&(bit5|bit6) != 0 || offline&bit5 != 0,
		Replies:  replies,
	}
}

// Err returns nil when the printer can print, and otherwise an error
// matching the sentinel of the first fault in this order: cover open, paper
// out, printer error, offline. Paper near its end is not an error.
func (s Status) Err() error {
	switch {
	case s.CoverOpen:
		return fmt.Errorf("%w: close the printer cover", ErrCoverOpen)
	case s.PaperOut:
		return fmt.Errorf("%w: load a new paper roll", ErrPaperOut)
	case s.failed():
		return fmt.Errorf("%w (%s): check the printer, then switch it off and on",
			ErrPrinterError, s)
	case s.Offline:
		return fmt.Errorf("%w: check that the printer is on and the feed "+
			"button is not held", ErrOffline)
	}
	return nil
}

// String lists the conditions that are set, or returns "ready".
func (s Status) String() string {
	flags := []struct {
		set  bool
		name string
	}{
		{s.Offline, "offline"},
		{s.WaitingRecover, "waiting for online recovery"},
		{s.FeedButton, "feed button pressed"},
		{s.CoverOpen, "cover open"},
		{s.PaperOut, "paper out"},
		{s.NearEnd && !s.PaperOut, "paper near end"},
		{s.Error, "error"},
		{s.Mechanical, "mechanical error"},
		{s.CutterError, "autocutter error"},
		{s.Unrecoverable, "unrecoverable error"},
		{s.AutoRecovering, "auto-recoverable error"},
	}
	var names []string
	for _, f := range flags {
		if f.set {
			names = append(names, f.name)
		}
	}
	if len(names) == 0 {
		return "ready"
	}
	if !s.CoverOpen && !s.PaperOut && !s.failed() && !s.Offline {
		return "ready, " + strings.Join(names, ", ")
	}
	return strings.Join(names, ", ")
}

// failed reports whether any error bit is set.
func (s Status) failed() bool {
	return s.Error || s.Mechanical || s.CutterError || s.Unrecoverable || s.AutoRecovering
}
