package escpos

import (
	"bytes"
	"errors"
	"fmt"
)

// ErrInvalidProfile is matched by the errors of [Profile.Validate].
var ErrInvalidProfile = errors.New("escpos: invalid printer profile")

// Paper widths in printable dots at 203 dpi.
const (
	Width80mm = 576
	Width58mm = 384
)

// maxWidthDots is the widest print head a profile may claim: 832 dots is a
// 104 mm head at 203 dpi, wider than 80 mm receipt paper needs.
const maxWidthDots = 832

// maxCutLen bounds the cut command, which is one of a handful of 2 to 4
// byte commands (GS V variants, ESC i, ESC m).
const maxCutLen = 8

// Profile records what one printer model understands. The printer and
// receipt packages choose their commands from it.
type Profile struct {
	Name        string // the name used in configuration, e.g. "epson-tm-t20"
	WidthDots   int    // printable width: 576 on 80 mm paper, 384 on 58 mm
	CodePage    byte   // the ESC t number selected after initialise
	NativeQR    bool   // the printer prints QR codes itself (GS ( k)
	CancelKanji bool   // send FS . because the printer starts in a double-byte mode
	Cut         []byte // the bytes that feed and cut the paper
}

// DefaultProfile returns the profile of a common 80 mm printer: 576 dots,
// code page 0 (PC437), native QR, and a partial cut after feeding the paper
// to the cutter (GS V 66 0).
func DefaultProfile() Profile {
	return Profile{
		Name:      "default-80mm",
		WidthDots: Width80mm,
		CodePage:  0,
		NativeQR:  true,
		Cut:       []byte{0x1d, 0x56, 0x42, 0x00},
	}
}

// Validate returns an error matching [ErrInvalidProfile] when the profile
// has no name, a width that is not a positive multiple of 8 up to 832 dots,
// or an empty or overlong cut command.
func (p Profile) Validate() error {
	if p.Name == "" {
		return fmt.Errorf("%w: name is empty; give the profile a name", ErrInvalidProfile)
	}
	if p.WidthDots <= 0 || p.WidthDots > maxWidthDots || p.WidthDots%8 != 0 {
		return fmt.Errorf("%w: profile %q: width %d dots is not a multiple of 8 in 8..%d; "+
			"use %d for 80 mm paper or %d for 58 mm",
			ErrInvalidProfile, p.Name, p.WidthDots, maxWidthDots, Width80mm, Width58mm)
	}
	if len(p.Cut) == 0 || len(p.Cut) > maxCutLen {
		return fmt.Errorf("%w: profile %q: cut command has %d bytes, want 1..%d; "+
			"use % X for a partial cut", ErrInvalidProfile, p.Name, len(p.Cut), maxCutLen,
			DefaultProfile().Cut)
	}
	return nil
}

// Equal reports whether p and q describe the same printer.
func (p Profile) Equal(q Profile) bool {
	return p.Name == q.Name && p.WidthDots == q.WidthDots && p.CodePage == q.CodePage &&
		p.NativeQR == q.NativeQR && p.CancelKanji == q.CancelKanji && bytes.Equal(p.Cut, q.Cut)
}
