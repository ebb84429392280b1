package printer

import (
	"context"
	"testing"

	"frontdesk/devices/printer/printertest"
)

// BenchmarkSerialPrint prints a 2 KB job to the fake printer over a
// pseudo-terminal at 4,000,000 baud, where pacing costs little, so the
// figure is the overhead of the status check and the chunked writes.
func BenchmarkSerialPrint(b *testing.B) {
	fake := printertest.New(b)
	p, err := Open(Config{Port: fake.Path, Baud: 4000000})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	job := testJob(2048)
	ctx := context.Background()

	b.SetBytes(int64(len(job)))
	for b.Loop() {
		if err := p.Print(ctx, job); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSerialStatus measures one status check: four requests and
// their replies over a pseudo-terminal.
func BenchmarkSerialStatus(b *testing.B) {
	fake := printertest.New(b)
	p, err := Open(Config{Port: fake.Path, Baud: 4000000})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	ctx := context.Background()

	for b.Loop() {
		if _, err := p.Status(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
