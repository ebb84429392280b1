// Package frontdesk is the root of the software that runs a social services
// department's customer service appliances: the touchscreen kiosk that issues
// queue tickets, the reception desk, the hall display and the express
// vehicle. The programs are in cmd/frontdesk (the screens) and
// cmd/frontdeskctl (the same work from a shell); README.md explains how to
// run them.
//
// This package holds no code. Its test checks the rule that keeps the
// domain packages free of the window system: only the ui sub-packages and
// cmd/frontdesk import Fyne, and only cmd/frontdesk imports Fyne's app
// package, which needs cgo and a display.
package frontdesk
