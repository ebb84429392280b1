// Package reception holds the reception desk's and the hall display's flows
// in plain Go, without Fyne. The desk flows are staff sign-in and idle
// sign-out, calling the queue at one counter, registering requests and
// moving them through their lifecycle, printing request receipts and
// reprinting tickets. The hall display has its board and announcements.
//
// The desk screens (package reception/ui) and frontdeskctl call the same
// flows. The flows reach the store through small interfaces declared here,
// which *store.DB satisfies, so a store reached over the network can later
// take its place.
//
// # Presenters
//
// Desk and Board keep the state of one screen as plain values, take the
// user's intents as methods, and report every change through one callback.
// A screen draws the state it is given and forwards taps; it holds no rules.
package reception
