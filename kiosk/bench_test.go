package kiosk_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"frontdesk/devices/escpos"
	"frontdesk/devices/printer"
	"frontdesk/devices/receipt"
	"frontdesk/kiosk"
	"frontdesk/kiosk/kiosktest"
	"frontdesk/store"
	"frontdesk/uploadlink"
)

// BenchmarkTakeTicket measures a tap's work after the screen: committing
// the ticket, laying it out with its Arabic rasters and QR code, writing it
// to a file printer and recording it as printed. The serial line's time is
// not included: at 19200 baud each kilobyte adds about half a second.
func BenchmarkTakeTicket(b *testing.B) {
	for _, sync := range []bool{true, false} {
		name := "fsync"
		if !sync {
			name = "nosync"
		}
		b.Run(name, func(b *testing.B) {
			// Each business day has 999 numbers a letter, so the clock moves
			// on a day before they run out.
			clock := kiosktest.NewClock(start)
			dir := b.TempDir()
			db, err := store.Open(store.Config{
				Path: filepath.Join(dir, "frontdesk.db"), Location: dubai,
				Site: "SHJ1", Terminal: "K1", NoSync: !sync, Now: clock.Now,
			})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			p, err := printer.Open(printer.Config{Port: "file:" + filepath.Join(dir, "printer.bin")})
			if err != nil {
				b.Fatal(err)
			}
			defer p.Close()
			layout, err := receipt.NewLayout(escpos.DefaultProfile())
			if err != nil {
				b.Fatal(err)
			}
			signer, err := uploadlink.NewSigner(bytes.Repeat([]byte{7}, uploadlink.KeySize),
				"https://upload.example", 24*time.Hour)
			if err != nil {
				b.Fatal(err)
			}
			k, err := kiosk.New(kiosk.Config{
				Services: testServices(), CentreAR: "مركز خدمة المتعاملين",
				CentreEN: "Customer Service Centre", Location: dubai, Clock: clock,
			}, db, p, layout, signer)
			if err != nil {
				b.Fatal(err)
			}

			ctx := context.Background()
			issued := 0
			for b.Loop() {
				if issued++; issued%900 == 0 {
					clock.Advance(24 * time.Hour)
				}
				res, err := k.TakeTicket(ctx, "social-assistance", "ar", store.PriorityNone)
				if err != nil || !res.Printed {
					b.Fatalf("TakeTicket: %v, printed %v", err, res.Printed)
				}
			}
		})
	}
}
