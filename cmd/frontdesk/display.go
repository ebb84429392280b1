package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// errNoDisplay is returned when no X or Wayland display can be reached.
var errNoDisplay = errors.New("no display")

// checkDisplay reports whether a window can be opened, before Fyne tries
// and fails with a panic or a wall of driver messages. It checks that
// DISPLAY names an X server that accepts a connection, or that
// WAYLAND_DISPLAY names a socket that exists.
func checkDisplay() error {
	if wl := os.Getenv("WAYLAND_DISPLAY"); wl != "" {
		path := wl
		if !filepath.IsAbs(path) {
			path = filepath.Join(os.Getenv("XDG_RUNTIME_DIR"), wl)
		}
		if _, err := os.Stat(path); err == nil {
			return nil
		}
	}

	display := os.Getenv("DISPLAY")
	if display == "" {
		return fmt.Errorf("%w: DISPLAY is not set; run under X, or without a screen start Xvfb :99 and set DISPLAY=:99", errNoDisplay)
	}
	network, address, err := xServerAddress(display)
	if err != nil {
		return err
	}
	conn, err := net.DialTimeout(network, address, 2*time.Second)
	if err != nil {
		return fmt.Errorf("%w: the X server of DISPLAY=%s does not respond (%v); start it, or Xvfb %s", errNoDisplay, display, err, display)
	}
	conn.Close()
	return nil
}

// xServerAddress turns DISPLAY ("[host]:number[.screen]") into the socket
// that the X server listens on.
func xServerAddress(display string) (network, address string, err error) {
	host, rest, ok := strings.Cut(display, ":")
	if !ok {
		return "", "", fmt.Errorf("%w: DISPLAY=%q is not of the form [host]:number", errNoDisplay, display)
	}
	number, _, _ := strings.Cut(rest, ".")
	n, err := strconv.Atoi(number)
	if err != nil || n < 0 {
		return "", "", fmt.Errorf("%w: DISPLAY=%q is not of the form [host]:number", errNoDisplay, display)
	}
	if host == "" || host == "unix" {
		return "unix", "/tmp/.X11-unix/X" + number, nil
	}
	return "tcp", net.JoinHostPort(host, strconv.Itoa(6000+n)), nil
}
