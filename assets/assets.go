// Package assets embeds the files that frontdesk ships inside its binary:
// the fonts (with their licence), the default configuration, the
// translations, the icons and the sounds.
//
// Every screen and every printed receipt draws Arabic and Latin text with the
// same bundled font, DejaVu Sans, because it covers Arabic letters,
// Arabic-Indic and Persian digits, Latin letters, digits and punctuation in one
// face. A line whose punctuation comes from a second font would split into runs
// and land on the wrong side.
package assets

import (
	_ "embed"
)

// FontRegular is DejaVu Sans, the face of all text on screen and on paper.
//
//go:embed fonts/DejaVuSans.ttf
var FontRegular []byte

// FontBold is DejaVu Sans Bold.
//
//go:embed fonts/DejaVuSans-Bold.ttf
var FontBold []byte

// FontLicence is the licence under which DejaVu Sans is shipped.
//
//go:embed fonts/LICENSE-DejaVu.txt
var FontLicence string

// DefaultConfig is the embedded default configuration in YAML. Every key a
// configuration file may set appears in it, with a comment.
//
//go:embed frontdesk.yaml
var DefaultConfig []byte
