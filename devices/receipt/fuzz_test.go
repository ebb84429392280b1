package receipt

import (
	"errors"
	"testing"

	"frontdesk/devices/escpos"
)

// FuzzTicketText feeds arbitrary configuration and user text to the
// ticket layout. Whatever the text, the ticket either is rejected as
// invalid or holds only the commands the layout sends: one initialise at
// the start and one cut at the end, with no control byte from the text.
func FuzzTicketText(f *testing.F) {
	f.Add("المساعدات الاجتماعية", "Social Assistance", "A-007")
	f.Add("المساعدات\x1b@\x1dV الاجتماعية", "Social\x1b@\x1dV Assistance", "A-007\x1d!\x77")
	f.Add("\u202eرقم\u202c\u2066x\u2069", "Caf\u00e9 \u0085\u009b[2J", "P-012")
	f.Add("الاجتماعيةالاجتماعيةالاجتماعيةالاجتماعيةالاجتماعيةالاجتماعية", "x\x00y\x7fz", "\x1c.")
	f.Add("\ufffd\xff\xfe", "\r\n\t", "")

	l, err := NewLayout(escpos.DefaultProfile())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, serviceAR, serviceEN, number string) {
		ticket := sampleTicket()
		ticket.ServiceAR, ticket.ServiceEN, ticket.Number = serviceAR, serviceEN, number
		ticket.CentreEN = serviceEN + " " + serviceAR
		got, err := l.Ticket(ticket)
		if errors.Is(err, ErrInvalidReceipt) {
			return
		}
		if err != nil {
			t.Fatalf("Ticket: %v", err)
		}

		cmds, err := parseStream(got)
		if err != nil {
			t.Fatalf("ticket holds a command the layout does not send: %v", err)
		}
		if n := len(named(cmds, "ESC @")); n != 1 || cmds[0].name != "ESC @" {
			t.Errorf("%d initialise commands, want one, first", n)
		}
		if n := len(named(cmds, "GS V")); n != 1 || cmds[len(cmds)-1].name != "GS V" {
			t.Errorf("%d cut commands, want one, last", n)
		}
	})
}
