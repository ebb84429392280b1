package printer_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"frontdesk/devices/escpos"
	"frontdesk/devices/printer"
)

// Open with a file: port appends each job to the file, which is handy for
// looking at the bytes a receipt sends.
func ExampleOpen() {
	dir, err := os.MkdirTemp("", "printer-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "receipts.bin")

	p, err := printer.Open(printer.Config{Port: "file:" + path})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer p.Close()

	e := escpos.NewEncoder()
	e.Init()
	e.Line("A-007")
	e.Cut()
	err = p.Print(context.Background(), e.Bytes())
	switch {
	case errors.Is(err, printer.ErrPaperOut):
		fmt.Println("load paper, then reprint")
	case err != nil:
		fmt.Println("not printed:", err)
	}

	sent, _ := os.ReadFile(path)
	fmt.Printf("% X\n", sent)
	// Output: 1B 40 41 2D 30 30 37 0A 1D 56 42 00
}
