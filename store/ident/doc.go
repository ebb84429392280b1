// Package ident validates and normalises the identifiers that citizens and
// staff type at the kiosk and the desk: Emirates ID numbers, UAE mobile
// numbers and UAE IBANs.
//
// Every parser accepts Western (ASCII), Arabic-Indic (U+0660 to U+0669) and
// Persian (U+06F0 to U+06F9) digits, ignores the separators people type or
// paste (spaces, dashes, bidirectional marks), and returns one canonical
// ASCII form to store. A failure wraps one of the package's sentinel errors,
// so callers can pick their own user text with [errors.Is].
package ident

import "errors"

// Sentinel errors. Each error a parser returns wraps exactly one of them,
// together with the rejected value and what to do about it.
var (
	// ErrEmpty means the value contains no digits or letters at all.
	ErrEmpty = errors.New("empty value")
	// ErrCharacter means the value contains a character that belongs to
	// no valid form of the identifier.
	ErrCharacter = errors.New("invalid character")
	// ErrLength means the value has too many or too few digits.
	ErrLength = errors.New("wrong number of digits")
	// ErrPrefix means the value starts with digits that no identifier of
	// this kind starts with.
	ErrPrefix = errors.New("invalid prefix")
	// ErrChecksum means the check digits do not match the other digits,
	// which usually means a digit was mistyped.
	ErrChecksum = errors.New("check digit does not match")
	// ErrCountry means the value belongs to another country than the UAE.
	ErrCountry = errors.New("not a UAE number")
	// ErrLandline means a UAE landline number was given where a mobile
	// number is required.
	ErrLandline = errors.New("landline number, not a mobile number")
)
