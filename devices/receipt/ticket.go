package receipt

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"frontdesk/devices/escpos"
)

// Ticket is the content of the queue ticket the kiosk prints for a
// citizen who takes a number.
type Ticket struct {
	CentreAR, CentreEN   string
	Number               string // "A-007", printed large as text
	ServiceAR, ServiceEN string
	Discreet             bool      // print only the number, never the service
	Lang                 string    // LangArabic or LangEnglish: the language printed first
	Issued               time.Time // already in the business time zone
	PeopleAhead          int
	UploadURL            string // the signed upload link; empty prints no QR code
	Reprint              bool   // print the reprint mark
}

// maxNumberSize is the GS ! multiplier of the ticket number.
const maxNumberSize = 4

// Ticket returns the ESC/POS bytes of a queue ticket: the centre's name,
// the number large, the service unless the service is discreet, the date
// and time, the people ahead, and the QR code of the upload link, then the
// cut.
func (l *Layout) Ticket(t Ticket) ([]byte, error) {
	lang, err := checkLang(t.Lang)
	if err != nil {
		return nil, err
	}
	number := strings.TrimSpace(escpos.Sanitize(t.Number))
	if number == "" || !escpos.IsPrintableASCII(number) {
		return nil, fmt.Errorf("%w: ticket number %q; use a letter, a dash and digits such as A-007", ErrInvalidReceipt, t.Number)
	}
	if t.Issued.IsZero() {
		return nil, fmt.Errorf("%w: ticket %s has no issue time", ErrInvalidReceipt, number)
	}
	if t.PeopleAhead < 0 {
		return nil, fmt.Errorf("%w: ticket %s has %d people ahead; use 0 or more", ErrInvalidReceipt, number, t.PeopleAhead)
	}
	link, err := cleanLink(t.UploadURL)
	if err != nil {
		return nil, err
	}

	e := l.begin()
	if t.Reprint {
		if err := l.reprintMark(e, lang); err != nil {
			return nil, err
		}
	}
	if err := l.pair(e, lang, t.CentreAR, headingAR, t.CentreEN, headingEN); err != nil {
		return nil, err
	}

	size := max(1, min(maxNumberSize, l.profile.WidthDots/(fontADots*len(number))))
	l.text(e, number, style{width: size, height: size, bold: true})

	if !t.Discreet {
		if err := l.pair(e, lang, t.ServiceAR, body, t.ServiceEN, body); err != nil {
			return nil, err
		}
	}
	e.Line(formatTime(t.Issued))
	if err := l.pair(e, lang, phrasePeopleAhead.ar, label, phrasePeopleAhead.en, body); err != nil {
		return nil, err
	}
	l.text(e, strconv.Itoa(t.PeopleAhead), style{width: 2, height: 2, bold: true})

	if link != "" {
		if err := l.qr(e, link); err != nil {
			return nil, err
		}
		l.link(e, link)
	}
	return l.end(e)
}
