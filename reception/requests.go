package reception

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"frontdesk/store"
	"frontdesk/store/ident"
)

// RequestStore is the part of the store that the request flows use. *store.DB
// satisfies it.
type RequestStore interface {
	CreateRequest(ctx context.Context, nr store.NewRequest) (store.Request, error)
	UpdateRequest(ctx context.Context, tracking string, u store.RequestUpdate) (store.Request, error)
	Request(tracking string) (store.Request, error)
	RequestsByTicket(ticketID string) ([]store.Request, error)
	RequestsByEmiratesID(id string) ([]store.Request, error)
	RequestsByMobile(mobile string) ([]store.Request, error)
	OpenRequests(department string) ([]store.Request, error)
}

// Fields of the request form, as FieldError names them.
const (
	FieldType        = "type"
	FieldDepartment  = "department"
	FieldDescription = "description"
	FieldName        = "name"
	FieldEmiratesID  = "emirates-id"
	FieldMobile      = "mobile"
)

// ErrInvalidField is matched by every FieldError.
var ErrInvalidField = errors.New("reception: invalid request field")

// FieldError is a request form value that cannot be accepted. It wraps the
// cause, such as ident.ErrChecksum for an Emirates ID with a wrong check
// digit, so the screen can show what to fix next to the field.
type FieldError struct {
	Field string
	Value string
	Err   error
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("reception: %s %q: %v", e.Field, e.Value, e.Err)
}

// Unwrap returns ErrInvalidField and the cause.
func (e *FieldError) Unwrap() []error { return []error{ErrInvalidField, e.Err} }

// RequestForm is the request form as the staff member filled it in.
// EmiratesID and Mobile are taken as typed: with or without dashes and
// spaces, in Western, Arabic-Indic or Persian digits.
type RequestForm struct {
	Type          store.RequestType
	Department    string
	Description   string
	ApplicantName string
	EmiratesID    string
	Mobile        string
	// TicketID links the request to the ticket being served; the desk
	// fills it in.
	TicketID string
}

// Longest texts the store accepts, in characters.
const (
	maxDescription = 4000
	maxName        = 200
)

// Requests registers requests, moves them through their lifecycle, finds
// them and prints their receipts. The desk and frontdeskctl's request
// commands both use it.
type Requests struct {
	db       RequestStore
	cfg      Config
	clock    Clock
	receipts *Receipts
}

// NewRequests returns the request flows. receipts may be nil when nothing
// is printed, as in frontdeskctl's listing commands.
func NewRequests(db RequestStore, cfg Config, clock Clock, receipts *Receipts) *Requests {
	if clock == nil {
		clock = SystemClock{}
	}
	return &Requests{db: db, cfg: cfg, clock: clock, receipts: receipts}
}

// Check validates and normalises the form: the Emirates ID to 15 digits
// and the mobile number to E.164. It returns a *FieldError for the first
// field in error.
func (rs *Requests) Check(f RequestForm) (store.NewRequest, error) {
	nr := store.NewRequest{
		Type:          f.Type,
		Department:    f.Department,
		Description:   strings.TrimSpace(f.Description),
		ApplicantName: strings.TrimSpace(f.ApplicantName),
		TicketID:      f.TicketID,
	}
	if !slices.Contains(store.RequestTypes, f.Type) {
		return nr, &FieldError{FieldType, string(f.Type),
			fmt.Errorf("choose one of %v", store.RequestTypes)}
	}
	if _, ok := rs.cfg.Department(f.Department); !ok {
		return nr, &FieldError{FieldDepartment, f.Department,
			fmt.Errorf("not a configured department; choose one of %v", departmentIDs(rs.cfg.Departments))}
	}
	if nr.Description == "" {
		return nr, &FieldError{FieldDescription, f.Description, errors.New("empty; describe the request")}
	}
	if err := checkText(nr.Description, maxDescription); err != nil {
		return nr, &FieldError{FieldDescription, quote(nr.Description), err}
	}
	if err := checkText(nr.ApplicantName, maxName); err != nil {
		return nr, &FieldError{FieldName, quote(nr.ApplicantName), err}
	}
	if strings.TrimSpace(f.EmiratesID) != "" {
		id, err := ident.ParseEmiratesID(f.EmiratesID)
		if err != nil {
			return nr, &FieldError{FieldEmiratesID, f.EmiratesID, err}
		}
		nr.EmiratesID = id
	}
	if strings.TrimSpace(f.Mobile) != "" {
		mobile, err := ident.ParseMobile(f.Mobile)
		if err != nil {
			return nr, &FieldError{FieldMobile, f.Mobile, err}
		}
		nr.Mobile = mobile
	}
	return nr, nil
}

// Register checks the form and stores the request as received by staff.
func (rs *Requests) Register(ctx context.Context, staff string, f RequestForm) (store.Request, error) {
	nr, err := rs.Check(f)
	if err != nil {
		return store.Request{}, err
	}
	nr.Staff = staff
	return rs.db.CreateRequest(ctx, nr)
}

// Advance moves a request to its next status. The department of a transfer
// must be configured.
func (rs *Requests) Advance(ctx context.Context, tracking string, u store.RequestUpdate) (store.Request, error) {
	if u.Status == store.RequestTransferred {
		if _, ok := rs.cfg.Department(u.Department); !ok {
			return store.Request{}, &FieldError{FieldDepartment, u.Department,
				fmt.Errorf("not a configured department; choose one of %v", departmentIDs(rs.cfg.Departments))}
		}
	}
	return rs.db.UpdateRequest(ctx, strings.TrimSpace(tracking), u)
}

// Get returns the request with a tracking number.
func (rs *Requests) Get(tracking string) (store.Request, error) {
	return rs.db.Request(strings.TrimSpace(tracking))
}

// Open returns the open requests of every department, oldest first.
func (rs *Requests) Open() ([]store.Request, error) { return rs.db.OpenRequests("") }

// OpenIn returns the open requests of one department, oldest first.
func (rs *Requests) OpenIn(department string) ([]store.Request, error) {
	if _, ok := rs.cfg.Department(department); !ok {
		return nil, &FieldError{FieldDepartment, department,
			fmt.Errorf("not a configured department; choose one of %v", departmentIDs(rs.cfg.Departments))}
	}
	return rs.db.OpenRequests(department)
}

// Find returns the requests that query names: a tracking number, a ticket
// (its id, or today's number through counter), an Emirates ID or a mobile
// number. counter may be nil, and then ticket numbers are not looked up.
func (rs *Requests) Find(query string, counter *Counter) ([]store.Request, error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, fmt.Errorf("reception: empty search; enter a tracking number, ticket, Emirates ID or mobile number")
	}
	if r, err := rs.db.Request(query); err == nil {
		return []store.Request{r}, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if id, err := ident.ParseEmiratesID(query); err == nil {
		return rs.db.RequestsByEmiratesID(id)
	}
	if mobile, err := ident.ParseMobile(query); err == nil {
		return rs.db.RequestsByMobile(mobile)
	}
	ticketID := query
	if counter != nil {
		if t, err := counter.Find(query); err == nil {
			ticketID = t.ID
		}
	}
	return rs.db.RequestsByTicket(ticketID)
}

// checkText rejects text longer than maxLen characters or with control
// characters other than newline and tab, which the store would reject
// with a message the screen cannot place next to a field.
func checkText(s string, maxLen int) error {
	if n := utf8.RuneCountInString(s); n > maxLen {
		return fmt.Errorf("%d characters; shorten it to %d", n, maxLen)
	}
	isBad := func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }
	if i := strings.IndexFunc(s, isBad); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return fmt.Errorf("control character %q; remove it", r)
	}
	return nil
}

// quote shortens a long value to its first 40 characters for an error
// message, cutting between characters.
func quote(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

func departmentIDs(ds []Department) []string {
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	return ids
}

// NextStatuses returns the statuses a request in status s may move to, in
// the order the desk offers them. It mirrors the store's rule, which
// rejects any other step.
func NextStatuses(s store.RequestStatus) []store.RequestStatus {
	switch s {
	case store.RequestReceived:
		return []store.RequestStatus{store.RequestTransferred}
	case store.RequestTransferred:
		return []store.RequestStatus{store.RequestResponseRecorded, store.RequestTransferred}
	case store.RequestResponseRecorded:
		return []store.RequestStatus{store.RequestApplicantInformed}
	case store.RequestApplicantInformed:
		return []store.RequestStatus{store.RequestClosed}
	}
	return nil
}

// InformMethods lists the ways an applicant can learn of a response.
func InformMethods() []store.InformMethod {
	return []store.InformMethod{store.InformPhone, store.InformSMS, store.InformInPerson, store.InformPrinted}
}
