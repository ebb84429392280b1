package printer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Port is a serial device that a printer may be attached to.
type Port struct {
	// Path is the device node, such as /dev/ttyUSB0. Its number can change
	// when adapters are plugged in another order.
	Path string
	// ByID is the /dev/serial/by-id link to Path, or "" when udev made
	// none. It names the adapter and stays the same across reboots and
	// replugging, so it is the better Config.Port.
	ByID string
}

// List returns the serial devices present, sorted by path: USB adapters
// (/dev/ttyUSB*), USB modems and printers with a CDC interface
// (/dev/ttyACM*), and built-in ports (/dev/ttyS*) that have a UART behind
// them.
func List() ([]Port, error) {
	return listPorts("/dev", "/sys/class/tty")
}

// listPorts is List with the roots of /dev and /sys/class/tty as
// arguments, for tests.
func listPorts(devDir, sysTTYDir string) ([]Port, error) {
	byPath := map[string]*Port{}
	add := func(path string) *Port {
		if p, ok := byPath[path]; ok {
			return p
		}
		p := &Port{Path: path}
		byPath[path] = p
		return p
	}

	for _, pattern := range []string{"ttyUSB*", "ttyACM*", "ttyS*"} {
		paths, err := filepath.Glob(filepath.Join(devDir, pattern))
		if err != nil {
			return nil, fmt.Errorf("printer: list serial ports: %w", err)
		}
		for _, path := range paths {
			if hasUART(sysTTYDir, filepath.Base(path)) {
				add(path)
			}
		}
	}

	byIDDir := filepath.Join(devDir, "serial", "by-id")
	links, err := os.ReadDir(byIDDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("printer: list serial ports: %w", err)
	}
	for _, entry := range links {
		link := filepath.Join(byIDDir, entry.Name())
		target, err := filepath.EvalSymlinks(link)
		if err != nil {
			continue // A link left behind by a device that is gone.
		}
		if p := add(target); p.ByID == "" || link < p.ByID {
			p.ByID = link
		}
	}

	ports := make([]Port, 0, len(byPath))
	for _, p := range byPath {
		ports = append(ports, *p)
	}
	slices.SortFunc(ports, func(a, b Port) int { return strings.Compare(a.Path, b.Path) })
	return ports, nil
}

// hasUART reports whether the tty named name has hardware behind it. The
// kernel creates ttyS0 to ttyS31 whether or not a UART exists and reports
// type 0 (unknown) for the missing ones. Other ttys, and ttys whose type
// cannot be read, count as present.
func hasUART(sysTTYDir, name string) bool {
	if !strings.HasPrefix(name, "ttyS") {
		return true
	}
	kind, err := os.ReadFile(filepath.Join(sysTTYDir, name, "type"))
	if err != nil {
		return true
	}
	return strings.TrimSpace(string(kind)) != "0"
}
