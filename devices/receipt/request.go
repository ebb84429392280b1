package receipt

import (
	"fmt"
	"strings"
	"time"

	"frontdesk/devices/escpos"
)

// Request is the content of the receipt the desk prints when it registers
// a request, so that the applicant can follow it and upload the papers the
// department needs.
type Request struct {
	CentreAR, CentreEN         string
	Tracking                   string // the tracking number, printed large as text
	TypeAR, TypeEN             string // report, service, inquiry, observation, complaint or suggestion
	DepartmentAR, DepartmentEN string
	Created                    time.Time // already in the business time zone
	EmiratesID                 string    // already masked; empty when the applicant gave none
	Lang                       string    // LangArabic or LangEnglish: the language printed first
	UploadURL                  string    // the signed upload link of the request; empty prints no QR code
	Reprint                    bool      // print the reprint mark
}

// Request returns the ESC/POS bytes of a request receipt: the centre's
// name, the tracking number, the request type and department, the date,
// the masked Emirates ID and the QR code of the upload link, then the cut.
func (l *Layout) Request(r Request) ([]byte, error) {
	lang, err := checkLang(r.Lang)
	if err != nil {
		return nil, err
	}
	tracking := strings.TrimSpace(escpos.Sanitize(r.Tracking))
	if tracking == "" || !escpos.IsPrintableASCII(tracking) {
		return nil, fmt.Errorf("%w: tracking number %q; use letters, digits and dashes", ErrInvalidReceipt, r.Tracking)
	}
	if r.Created.IsZero() {
		return nil, fmt.Errorf("%w: request %s has no creation time", ErrInvalidReceipt, tracking)
	}
	link, err := cleanLink(r.UploadURL)
	if err != nil {
		return nil, err
	}

	e := l.begin()
	if r.Reprint {
		if err := l.reprintMark(e, lang); err != nil {
			return nil, err
		}
	}
	if err := l.pair(e, lang, r.CentreAR, headingAR, r.CentreEN, headingEN); err != nil {
		return nil, err
	}
	if err := l.pair(e, lang, phraseRequestReceipt.ar, body, phraseRequestReceipt.en, headingEN); err != nil {
		return nil, err
	}
	e.Feed(1)

	if err := l.pair(e, lang, phraseTracking.ar, label, phraseTracking.en, body); err != nil {
		return nil, err
	}
	l.text(e, tracking, style{width: 2, height: 2, bold: true})

	fields := []struct {
		p      phrase
		ar, en string
	}{
		{phraseRequestType, r.TypeAR, r.TypeEN},
		{phraseDepartment, r.DepartmentAR, r.DepartmentEN},
	}
	for _, f := range fields {
		if err := l.translated(e, lang, f.p, f.ar, f.en); err != nil {
			return nil, err
		}
	}
	if err := l.labelled(e, lang, phraseDate, formatTime(r.Created)); err != nil {
		return nil, err
	}
	if err := l.labelled(e, lang, phraseEmiratesID, r.EmiratesID); err != nil {
		return nil, err
	}

	if link != "" {
		e.Feed(1)
		if err := l.pair(e, lang, phraseScan.ar, label, phraseScan.en, body); err != nil {
			return nil, err
		}
		if err := l.qr(e, link); err != nil {
			return nil, err
		}
		l.link(e, link)
	}
	return l.end(e)
}
