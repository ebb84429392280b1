package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"go.etcd.io/bbolt"
)

// RequestType is the kind of request a customer makes.
type RequestType string

// Request types.
const (
	RequestReport      RequestType = "report"
	RequestService     RequestType = "service"
	RequestInquiry     RequestType = "inquiry"
	RequestObservation RequestType = "observation"
	RequestComplaint   RequestType = "complaint"
	RequestSuggestion  RequestType = "suggestion"
)

// RequestTypes lists every request type in the order the desk offers them.
var RequestTypes = []RequestType{
	RequestReport, RequestService, RequestInquiry, RequestObservation, RequestComplaint, RequestSuggestion,
}

func (t RequestType) String() string { return string(t) }

// RequestStatus is the step a request has reached.
type RequestStatus string

// Request statuses, in the order a request moves through them.
const (
	RequestReceived          RequestStatus = "received"
	RequestTransferred       RequestStatus = "transferred" // to the department that handles it
	RequestResponseRecorded  RequestStatus = "response-recorded"
	RequestApplicantInformed RequestStatus = "informed"
	RequestClosed            RequestStatus = "closed"
)

func (s RequestStatus) String() string { return string(s) }

// requestNext lists the statuses each status may move to. A transferred
// request may be transferred again when a department passes it on.
var requestNext = map[RequestStatus][]RequestStatus{
	RequestReceived:          {RequestTransferred},
	RequestTransferred:       {RequestTransferred, RequestResponseRecorded},
	RequestResponseRecorded:  {RequestApplicantInformed},
	RequestApplicantInformed: {RequestClosed},
}

// InformMethod is the way the applicant learned of the response.
type InformMethod string

// Inform methods.
const (
	InformPhone    InformMethod = "phone"
	InformSMS      InformMethod = "sms"
	InformInPerson InformMethod = "in-person"
	InformPrinted  InformMethod = "printed"
)

var informMethods = []InformMethod{InformPhone, InformSMS, InformInPerson, InformPrinted}

// NewRequest is the input of CreateRequest. EmiratesID and Mobile must
// already be normalised (by the ident package): 15 digits starting 784, and
// E.164 such as "+971501234567". The store checks only their form.
type NewRequest struct {
	Type          RequestType
	Department    string // department id from the configuration
	Description   string
	ApplicantName string // optional
	EmiratesID    string // optional
	Mobile        string // optional
	TicketID      string // optional: the ticket being served
	Staff         string // who registers it
}

// Request is a customer's request and the steps it went through.
type Request struct {
	Tracking      string        `json:"tracking"`
	Type          RequestType   `json:"type"`
	Department    string        `json:"department"`
	Description   string        `json:"description"`
	ApplicantName string        `json:"applicant_name,omitempty"`
	EmiratesID    string        `json:"emirates_id,omitempty"`
	Mobile        string        `json:"mobile,omitempty"`
	TicketID      string        `json:"ticket_id,omitempty"`
	Status        RequestStatus `json:"status"`
	Response      string        `json:"response,omitempty"`
	InformMethod  InformMethod  `json:"inform_method,omitempty"`
	CreatedAt     time.Time     `json:"created_at"` // UTC
	UpdatedAt     time.Time     `json:"updated_at"` // UTC
	Steps         []RequestStep `json:"steps"`
}

// RequestStep is one change of a request's status, with who made it and
// when.
type RequestStep struct {
	Status     RequestStatus `json:"status"`
	At         time.Time     `json:"at"` // UTC
	Staff      string        `json:"staff"`
	Department string        `json:"department,omitempty"` // set on transfer
	Method     InformMethod  `json:"method,omitempty"`     // set when the applicant is informed
	Note       string        `json:"note,omitempty"`
}

// RequestUpdate moves a request to Status. Department is required to
// transfer to another department, Response when the response is recorded,
// Method when the applicant is informed.
type RequestUpdate struct {
	Status     RequestStatus
	Staff      string
	Department string
	Response   string
	Method     InformMethod
	Note       string
}

var (
	emiratesIDPattern = regexp.MustCompile(`^784[0-9]{12}$`)
	e164Pattern       = regexp.MustCompile(`^\+[1-9][0-9]{7,14}$`)
)

// Index key kinds in bucketReqIndex. Keys are kind 0x00 value 0x00
// tracking, except open requests: 'o' 0x00 department 0x00 created
// (8 bytes, big endian Unix nanoseconds) tracking.
const (
	indexTicket     = "t"
	indexEmiratesID = "e"
	indexMobile     = "m"
	indexOpen       = "o"
)

func checkNewRequest(nr NewRequest) error {
	if !slices.Contains(RequestTypes, nr.Type) {
		return fmt.Errorf("%w: request type %q must be one of %v", ErrInvalid, nr.Type, RequestTypes)
	}
	if err := checkDepartment(nr.Department); err != nil {
		return err
	}
	if err := checkText("description", nr.Description, 1, 4000); err != nil {
		return err
	}
	if err := checkText("applicant name", nr.ApplicantName, 0, 200); err != nil {
		return err
	}
	if nr.EmiratesID != "" && !emiratesIDPattern.MatchString(nr.EmiratesID) {
		return fmt.Errorf("%w: Emirates ID must be 15 digits starting 784 without dashes; normalise it first",
			ErrInvalid)
	}
	if nr.Mobile != "" && !e164Pattern.MatchString(nr.Mobile) {
		return fmt.Errorf("%w: mobile number %q must be in E.164 form such as +971501234567", ErrInvalid, nr.Mobile)
	}
	return checkStaffID(nr.Staff)
}

func checkDepartment(department string) error {
	if err := checkService(department); err != nil {
		return fmt.Errorf("%w: department id %q must be 1 to 64 characters without spaces", ErrInvalid, department)
	}
	return nil
}

// checkText accepts minLen to maxLen characters with no control characters but
// newline and tab.
func checkText(field, s string, minLen, maxLen int) error {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	bad := strings.ContainsFunc(s, func(r rune) bool { return isControl(r) && r != '\n' && r != '\t' })
	if n < minLen || n > maxLen || bad || !utf8.ValidString(s) {
		return fmt.Errorf("%w: %s must be %d to %d characters without control characters", ErrInvalid, field, minLen, maxLen)
	}
	return nil
}

// CreateRequest registers a request as received and returns it with its
// tracking number, "site-terminal-yyyymmdd-RQnnnn", which is unique across
// sites and terminals.
func (db *DB) CreateRequest(ctx context.Context, nr NewRequest) (Request, error) {
	if err := ctx.Err(); err != nil {
		return Request{}, fmt.Errorf("store: create request: %w", err)
	}
	if err := checkNewRequest(nr); err != nil {
		return Request{}, err
	}

	now := db.now().UTC()
	r := Request{
		Type: nr.Type, Department: nr.Department, Description: strings.TrimSpace(nr.Description),
		ApplicantName: strings.TrimSpace(nr.ApplicantName), EmiratesID: nr.EmiratesID, Mobile: nr.Mobile,
		TicketID: nr.TicketID, Status: RequestReceived, CreatedAt: now, UpdatedAt: now,
		Steps: []RequestStep{{Status: RequestReceived, At: now, Staff: nr.Staff, Department: nr.Department}},
	}
	err := db.update(func(tx *bbolt.Tx) error {
		if r.TicketID != "" {
			if _, err := getTicket(tx, r.TicketID); err != nil {
				return err
			}
		}
		var err error
		if r.Tracking, err = db.nextTracking(tx, now); err != nil {
			return err
		}
		if err := putRequestIndexes(tx, &r); err != nil {
			return err
		}
		if err := putJSON(tx.Bucket(bucketRequests), []byte(r.Tracking), r); err != nil {
			return err
		}
		return db.auditTx(tx, AuditEntry{At: now, Actor: nr.Staff, Action: AuditRequestCreated,
			Subject: r.Tracking, Detail: string(r.Type) + " to " + r.Department})
	})
	if err != nil {
		return Request{}, err
	}
	return r, nil
}

func (db *DB) nextTracking(tx *bbolt.Tx, now time.Time) (string, error) {
	day := compactDay(db.BusinessDay(now))
	b := tx.Bucket(bucketReqSeqs)
	seq := u32(b.Get([]byte(day))) + 1
	if err := putU32(b, []byte(day), seq); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s-%s-%s-RQ%04d", db.cfg.Site, db.cfg.Terminal, day, seq), nil
}

func putRequestIndexes(tx *bbolt.Tx, r *Request) error {
	b := tx.Bucket(bucketReqIndex)
	for _, k := range requestIndexKeys(r) {
		if err := b.Put(k, nil); err != nil {
			return err
		}
	}
	return nil
}

func deleteRequestIndexes(tx *bbolt.Tx, r *Request) error {
	b := tx.Bucket(bucketReqIndex)
	for _, k := range requestIndexKeys(r) {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

func requestIndexKeys(r *Request) [][]byte {
	var keys [][]byte
	if r.TicketID != "" {
		keys = append(keys, joinKey(indexTicket, r.TicketID, r.Tracking))
	}
	if r.EmiratesID != "" {
		keys = append(keys, joinKey(indexEmiratesID, r.EmiratesID, r.Tracking))
	}
	if r.Mobile != "" {
		keys = append(keys, joinKey(indexMobile, r.Mobile, r.Tracking))
	}
	if r.Status != RequestClosed {
		k := joinKey(indexOpen, r.Department, "")
		k = binary.BigEndian.AppendUint64(k, uint64(r.CreatedAt.UnixNano()))
		keys = append(keys, append(k, r.Tracking...))
	}
	return keys
}

// UpdateRequest moves a request to its next status and records who did it
// and when. An out-of-order status is rejected with ErrInvalidTransition
// naming both statuses.
func (db *DB) UpdateRequest(ctx context.Context, tracking string, u RequestUpdate) (Request, error) {
	if err := ctx.Err(); err != nil {
		return Request{}, fmt.Errorf("store: update request %s: %w", tracking, err)
	}
	if err := checkRequestUpdate(u); err != nil {
		return Request{}, err
	}

	now := db.now().UTC()
	var r Request
	err := db.update(func(tx *bbolt.Tx) error {
		var err error
		if r, err = getRequest(tx, tracking); err != nil {
			return err
		}
		if !slices.Contains(requestNext[r.Status], u.Status) {
			return fmt.Errorf("%w: request %s cannot go from %s to %s", ErrInvalidTransition, tracking, r.Status, u.Status)
		}
		if err := deleteRequestIndexes(tx, &r); err != nil {
			return err
		}
		applyRequestUpdate(&r, u, now)
		if err := putRequestIndexes(tx, &r); err != nil {
			return err
		}
		if err := putJSON(tx.Bucket(bucketRequests), []byte(tracking), r); err != nil {
			return err
		}
		return db.auditTx(tx, AuditEntry{At: now, Actor: u.Staff, Action: AuditRequestUpdated,
			Subject: tracking, Detail: string(u.Status)})
	})
	return r, err
}

func checkRequestUpdate(u RequestUpdate) error {
	if err := checkStaffID(u.Staff); err != nil {
		return err
	}
	if err := checkText("note", u.Note, 0, 2000); err != nil {
		return err
	}
	switch u.Status {
	case RequestTransferred:
		return checkDepartment(u.Department)
	case RequestResponseRecorded:
		return checkText("response", u.Response, 1, 4000)
	case RequestApplicantInformed:
		if !slices.Contains(informMethods, u.Method) {
			return fmt.Errorf("%w: inform method %q must be one of %v", ErrInvalid, u.Method, informMethods)
		}
	case RequestClosed:
	default:
		return fmt.Errorf("%w: request status %q must be %s, %s, %s or %s", ErrInvalid, u.Status,
			RequestTransferred, RequestResponseRecorded, RequestApplicantInformed, RequestClosed)
	}
	return nil
}

func applyRequestUpdate(r *Request, u RequestUpdate, now time.Time) {
	step := RequestStep{Status: u.Status, At: now, Staff: u.Staff, Note: strings.TrimSpace(u.Note)}
	switch u.Status {
	case RequestTransferred:
		r.Department = u.Department
		step.Department = u.Department
	case RequestResponseRecorded:
		r.Response = strings.TrimSpace(u.Response)
	case RequestApplicantInformed:
		r.InformMethod = u.Method
		step.Method = u.Method
	}
	r.Status = u.Status
	r.UpdatedAt = now
	r.Steps = append(r.Steps, step)
}

// Request returns the request with a tracking number, or ErrNotFound.
func (db *DB) Request(tracking string) (Request, error) {
	var r Request
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		var err error
		r, err = getRequest(tx, tracking)
		return err
	})
	return r, err
}

// RequestsByTicket returns the requests registered while a ticket was served.
func (db *DB) RequestsByTicket(ticketID string) ([]Request, error) {
	return db.requestsByIndex(indexTicket, ticketID)
}

// RequestsByEmiratesID returns the requests of an applicant, given the 15
// digits of the Emirates ID.
func (db *DB) RequestsByEmiratesID(id string) ([]Request, error) {
	return db.requestsByIndex(indexEmiratesID, id)
}

// RequestsByMobile returns the requests of an applicant, given the mobile
// number in E.164 form.
func (db *DB) RequestsByMobile(mobile string) ([]Request, error) {
	return db.requestsByIndex(indexMobile, mobile)
}

func (db *DB) requestsByIndex(kind, value string) ([]Request, error) {
	var list []Request
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		prefix := joinKey(kind, value, "")
		c := tx.Bucket(bucketReqIndex).Cursor()
		for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
			r, err := getRequest(tx, string(k[len(prefix):]))
			if err != nil {
				return err
			}
			list = append(list, r)
		}
		return nil
	})
	sort.SliceStable(list, func(i, j int) bool { return list[i].CreatedAt.Before(list[j].CreatedAt) })
	return list, err
}

// OpenRequests returns the requests not yet closed, oldest first, of one
// department, or of all departments when department is empty.
func (db *DB) OpenRequests(department string) ([]Request, error) {
	var list []Request
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		prefix := joinKey(indexOpen, "")
		if department != "" {
			prefix = joinKey(indexOpen, department, "")
		}
		c := tx.Bucket(bucketReqIndex).Cursor()
		for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
			r, err := getRequest(tx, openIndexTracking(k))
			if err != nil {
				return err
			}
			list = append(list, r)
		}
		return nil
	})
	sort.SliceStable(list, func(i, j int) bool { return list[i].CreatedAt.Before(list[j].CreatedAt) })
	return list, err
}

// openIndexTracking returns the tracking number at the end of an open
// request index key, after the department and the 8-byte creation time.
func openIndexTracking(key []byte) string {
	rest := key[len(indexOpen)+1:]
	i := strings.IndexByte(string(rest), 0)
	return string(rest[i+1+8:])
}

func getRequest(tx *bbolt.Tx, tracking string) (Request, error) {
	var r Request
	err := getJSON(tx.Bucket(bucketRequests), []byte(tracking), &r)
	if err == ErrNotFound {
		return r, fmt.Errorf("%w: request %q", ErrNotFound, tracking)
	}
	return r, err
}
