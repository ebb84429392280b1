package receipt

import (
	"fmt"
	"testing"
	"time"

	"frontdesk/devices/escpos"
)

// benchmarkReceipt builds a receipt in a loop with the Arabic rasters
// already cached, and reports its size and the time the bytes take on a
// serial line. At 8N1 a byte takes 10 bit times, so bytes*10/baud is the
// least time the line needs, whatever the printer.
func benchmarkReceipt(b *testing.B, build func() ([]byte, error)) {
	stream, err := build()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := build(); err != nil {
			b.Fatal(err)
		}
	}

	b.ReportMetric(float64(len(stream)), "bytes/receipt")
	for _, baud := range []int{9600, 19200, 38400, 115200} {
		b.ReportMetric(float64(len(stream)*10)/float64(baud)*1000, fmt.Sprintf("ms@%d", baud))
	}
}

// BenchmarkTicket is a bilingual ticket with a native QR code, the
// receipt that must stay under 2 KB.
func BenchmarkTicket(b *testing.B) {
	l := newTestLayout(b, escpos.DefaultProfile())
	benchmarkReceipt(b, func() ([]byte, error) { return l.Ticket(sampleTicket()) })
}

// BenchmarkTicketRasterQR is a ticket for a 58 mm printer without native
// QR codes, whose QR code goes as a raster.
func BenchmarkTicketRasterQR(b *testing.B) {
	l := newTestLayout(b, rasterProfile())
	benchmarkReceipt(b, func() ([]byte, error) { return l.Ticket(sampleTicket()) })
}

func BenchmarkTicketDiscreet(b *testing.B) {
	l := newTestLayout(b, escpos.DefaultProfile())
	ticket := sampleTicket()
	ticket.Discreet = true
	benchmarkReceipt(b, func() ([]byte, error) { return l.Ticket(ticket) })
}

func BenchmarkRequest(b *testing.B) {
	l := newTestLayout(b, escpos.DefaultProfile())
	benchmarkReceipt(b, func() ([]byte, error) { return l.Request(sampleRequest()) })
}

func BenchmarkLedger(b *testing.B) {
	l := newTestLayout(b, escpos.DefaultProfile())
	benchmarkReceipt(b, func() ([]byte, error) { return l.Ledger(sampleLedgerEntry()) })
}

func BenchmarkDayClose(b *testing.B) {
	l := newTestLayout(b, escpos.DefaultProfile())
	benchmarkReceipt(b, func() ([]byte, error) { return l.DayClose(sampleDayClose()) })
}

func BenchmarkTestPage(b *testing.B) {
	l := newTestLayout(b, escpos.DefaultProfile())
	now := time.Date(2026, 12, 4, 8, 0, 0, 0, dubai)
	benchmarkReceipt(b, func() ([]byte, error) { return l.TestPage(now) })
}

// BenchmarkTicketCold builds the first ticket of a new Layout, which
// parses the fonts and shapes and draws every Arabic text.
func BenchmarkTicketCold(b *testing.B) {
	ticket := sampleTicket()
	for b.Loop() {
		l, err := NewLayout(escpos.DefaultProfile())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := l.Ticket(ticket); err != nil {
			b.Fatal(err)
		}
	}
}
