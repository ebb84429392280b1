package printer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"frontdesk/devices/escpos"
)

// serialPrinter is a printer on a serial port. Every method first takes
// the single token in turn, so one goroutine at a time talks to the
// printer, and a waiting caller can still give up when its context ends.
type serialPrinter struct {
	cfg  Config
	open openPortFunc
	turn chan struct{}

	// Guarded by turn.
	link   *link // nil while the port is closed
	closed bool
}

var _ Printer = (*serialPrinter)(nil)

// openSerial returns a printer on cfg.Port and opens the port if it is
// there. When it is not, the first Print or Status opens it.
func openSerial(cfg Config, open openPortFunc) *serialPrinter {
	s := &serialPrinter{cfg: cfg, open: open, turn: make(chan struct{}, 1)}
	s.turn <- struct{}{}
	_ = s.connect() // The error comes back from the first Print or Status.
	<-s.turn
	return s
}

func (s *serialPrinter) acquire(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case s.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if s.closed {
		<-s.turn
		return ErrClosed
	}
	return nil
}

func (s *serialPrinter) release() { <-s.turn }

// connect makes sure the port is open: it closes a port that failed and
// opens the path again, then resets the printer with ESC @ (and FS . when
// the profile needs it), because a job that stopped part of the way may
// have left modes set.
//
// NOTE: a job that stopped inside a raster image or QR code leaves the
// printer waiting for the rest of that command's data, and it takes the
// bytes that follow, ESC @ included, as that data. Epson's DLE DC4 8
// (clear buffers) would reset it, but many compatible printers lack it.
func (s *serialPrinter) connect() error {
	if s.link != nil {
		if s.link.broken() == nil {
			return nil
		}
		s.dropLink()
	}

	p, err := s.open(s.cfg.Port, s.cfg.Baud)
	if err != nil {
		return fmt.Errorf("%w: open %s: %w", ErrOffline, s.cfg.Port, err)
	}
	l := newLink(p)
	if err := l.write(initBytes(s.cfg.Profile)); err != nil {
		_ = l.close() // The port already failed; its close error adds nothing.
		return fmt.Errorf("%w: %s: %w", ErrOffline, s.cfg.Port, err)
	}
	s.link = l
	return nil
}

// initBytes returns the bytes sent each time the port is opened.
func initBytes(profile escpos.Profile) []byte {
	e := escpos.NewEncoder()
	e.Init()
	if profile.CancelKanji {
		e.CancelKanji()
	}
	return e.Bytes()
}

// dropLink closes the port after a failure.
func (s *serialPrinter) dropLink() {
	_ = s.link.close() // The port already failed; its close error adds nothing.
	s.link = nil
}

// Status sends DLE EOT 1 to 4 and decodes the four replies.
func (s *serialPrinter) Status(ctx context.Context) (Status, error) {
	if err := s.acquire(ctx); err != nil {
		return Status{}, err
	}
	defer s.release()
	return s.statusLocked(ctx)
}

// statusLocked opens the port if needed and reads the status. Without a
// reply it returns a Status with Offline set, so that a caller that
// ignores the error still does not print.
func (s *serialPrinter) statusLocked(ctx context.Context) (Status, error) {
	if err := s.connect(); err != nil {
		return Status{Offline: true}, err
	}
	return s.readStatus(ctx)
}

// readStatus sends DLE EOT 1 to 4 on the open port. Unlike statusLocked it
// never opens the port again, so it is safe in the middle of a job.
func (s *serialPrinter) readStatus(ctx context.Context) (Status, error) {
	offline := Status{Offline: true}
	var replies [4]byte
	for i, n := range statusRequests {
		b, err := s.link.ask(ctx, n, s.cfg.StatusTimeout)
		if err != nil {
			return offline, s.linkError(err, n)
		}
		replies[i] = b
	}
	return decodeStatus(replies), nil
}

// linkError wraps an error of the port in the sentinel that fits it, and
// closes a port that failed so that the next call opens it again.
func (s *serialPrinter) linkError(err error, request byte) error {
	switch {
	case errors.Is(err, errTimeout):
		return fmt.Errorf("%w: DLE EOT %d got no reply within %v on %s: "+
			"check that the printer is on and its cable is plugged in",
			ErrNoAnswer, request, s.cfg.StatusTimeout, s.cfg.Port)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	}
	if s.link != nil && s.link.broken() != nil {
		s.dropLink()
	}
	return fmt.Errorf("%w: %s: %w", ErrOffline, s.cfg.Port, err)
}

// Print sends job when the printer's status allows it, then reads the
// status again, because a printer that ran out of paper or had its cover
// opened while it received the job has not printed all of it.
//
// NOTE: a fault that comes after the last status check, while the printer
// still prints the end of the job from its buffer, goes unseen.
func (s *serialPrinter) Print(ctx context.Context, job []byte) error {
	if err := s.acquire(ctx); err != nil {
		return err
	}
	defer s.release()

	status, err := s.statusLocked(ctx)
	if err != nil {
		return err
	}
	if err := status.Err(); err != nil {
		return fmt.Errorf("%s: %w", s.cfg.Port, err)
	}
	if err := s.send(ctx, job); err != nil {
		return err
	}

	status, err = s.readStatus(ctx)
	if err == nil && status.Err() != nil {
		err = fmt.Errorf("%s: %w", s.cfg.Port, status.Err())
	}
	if err != nil {
		return fmt.Errorf("%w: status read after all %d bytes were sent: %w",
			ErrIncomplete, len(job), err)
	}
	return nil
}

// send writes job in chunks. After each chunk it waits the time the line
// needs to send it, so that the kernel's buffer stays nearly empty and an
// XOFF from the printer stops the job within about one chunk.
func (s *serialPrinter) send(ctx context.Context, job []byte) error {
	l := s.link
	// 8N1 sends 10 bits per byte: start bit, 8 data bits, stop bit.
	perByte := 10 * time.Second / time.Duration(s.cfg.Baud)
	due := time.Now()

	for sent := 0; sent < len(job); {
		if err := s.waitResume(ctx, l); err != nil {
			return s.jobError(ctx, err, sent, len(job))
		}

		end := min(sent+s.cfg.ChunkSize, len(job))
		if err := l.write(job[sent:end]); err != nil {
			return s.jobError(ctx, err, sent, len(job))
		}

		// Start the clock again after a pause, so the chunks after XON
		// are paced too instead of sent at once to catch up.
		if now := time.Now(); due.Before(now) {
			due = now
		}
		due = due.Add(time.Duration(end-sent) * perByte)
		sent = end
		if err := l.sleep(ctx, time.Until(due)); err != nil {
			return s.jobError(ctx, err, sent, len(job))
		}
	}
	return nil
}

// xoffPoll is how often a job paused by XOFF reads the printer's status.
const xoffPoll = 500 * time.Millisecond

// waitResume returns when the printer has not sent XOFF, or has sent XON
// since. While it waits it reads the status every xoffPoll and at the end.
// A printer that ran out of paper or had its cover opened sends XOFF too,
// and such a job should fail at once, with the fault as its cause. The
// errors of the status check are returned as they are, already described.
func (s *serialPrinter) waitResume(ctx context.Context, l *link) error {
	deadline := time.Now().Add(s.cfg.XOFFTimeout)
	for {
		err := l.waitResume(ctx, min(time.Until(deadline), xoffPoll))
		if !errors.Is(err, errXOFFTimeout) {
			return err
		}

		status, err := s.readStatus(ctx)
		if err != nil {
			return err
		}
		if err := status.Err(); err != nil {
			return fmt.Errorf("%s: %w", s.cfg.Port, err)
		}
		if !time.Now().Before(deadline) {
			return errXOFFTimeout
		}
	}
}

// jobError describes a job that stopped after sent of total bytes.
func (s *serialPrinter) jobError(ctx context.Context, err error, sent, total int) error {
	var cause error
	switch {
	case errors.Is(err, errXOFFTimeout):
		cause = fmt.Errorf("%w: %s sent XOFF and no XON within %v",
			ErrOffline, s.cfg.Port, s.cfg.XOFFTimeout)
	case errors.Is(err, ErrOffline), errors.Is(err, ErrPaperOut),
		errors.Is(err, ErrCoverOpen), errors.Is(err, ErrPrinterError):
		cause = err // from a status check, which described it
	default:
		cause = s.linkError(err, 0)
	}

	if sent == 0 {
		return cause
	}
	return fmt.Errorf("%w after %d of %d bytes: %w", ErrIncomplete, sent, total, cause)
}

// Close closes the port. It waits for a job in progress to end.
func (s *serialPrinter) Close() error {
	if err := s.acquire(context.Background()); err != nil {
		return err
	}
	defer s.release()

	s.closed = true
	if s.link == nil {
		return nil
	}
	err := s.link.close()
	s.link = nil
	return err
}
