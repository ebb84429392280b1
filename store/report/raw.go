package report

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store"
	"frontdesk/store/ledger"
)

// Tickets reads the ticket records of a business day. *store.DB
// implements it.
type Tickets interface {
	Tickets(day string) ([]store.Ticket, error)
}

// Ledger reads the ledger totals of a business day. *ledger.Ledger
// implements it.
type Ledger interface {
	Summarize(ctx context.Context, day string) (ledger.DayClose, error)
}

// Sources are what Full needs besides the aggregates.
type Sources struct {
	// Ledger gives the ledger totals; nil leaves them out.
	Ledger Ledger
	// Now is the time the ages of open requests are measured at. Zero
	// means time.Now.
	Now time.Time
}

// RequestCount is the number of requests of one department in one status.
type RequestCount struct {
	Department string              `json:"department"`
	Status     store.RequestStatus `json:"status"`
	Count      int                 `json:"count"`
}

// OpenAges counts one department's open requests by age.
type OpenAges struct {
	Department string `json:"department"`
	UnderDay   int    `json:"under_1_day"`
	UnderWeek  int    `json:"1_to_7_days"`
	UnderMonth int    `json:"7_to_30_days"`
	Older      int    `json:"over_30_days"`
}

// RequestFigures are the requests registered during a period, and every
// request still open.
type RequestFigures struct {
	ByType   map[store.RequestType]int `json:"by_type"`
	ByStatus []RequestCount            `json:"by_department_status"` // by department, then status
	Open     []OpenAges                `json:"open_by_age"`          // every open request, by department
}

// Full returns Report's figures with the figures that need raw records:
// requests by type, department and status, open requests by age, and the
// ledger totals by kind. A request counts in the business day it was
// registered on. Under a filter, only requests registered while a ticket
// that passes the filter was served count. The ledger totals are for the
// whole centre, so they are left out when the filter names a service,
// counter or staff member.
func (r *Reports) Full(ctx context.Context, from, to string, f Filter, src Sources) (Figures, error) {
	fig, err := r.Report(from, to, f)
	if err != nil {
		return Figures{}, err
	}
	if src.Now.IsZero() {
		src.Now = time.Now()
	}

	rf, err := r.requestFigures(ctx, from, to, f, src.Now)
	if err != nil {
		return Figures{}, err
	}
	fig.Requests = &rf
	if src.Ledger != nil && f.Service == "" && f.Counter == 0 && f.Staff == "" {
		days := make([]string, 0, len(fig.Days))
		for _, d := range fig.Days {
			days = append(days, d.Day)
		}
		totals, err := ledgerTotals(ctx, days, src.Ledger)
		if err != nil {
			return Figures{}, err
		}
		fig.Ledger = totals
	}
	return fig, nil
}

func (f Filter) matchTicket(t store.Ticket) bool {
	return f.match(cellKey{Service: t.Service, Counter: t.Counter, Staff: t.Staff, Terminal: t.Terminal})
}

func (f Filter) empty() bool { return f == Filter{} }

// requestFigures reads every request record once, in one read transaction.
// Requests are far fewer than tickets and have no aggregates, because the
// store runs no hook on their changes.
func (r *Reports) requestFigures(ctx context.Context, from, to string, f Filter, now time.Time) (RequestFigures, error) {
	rf := RequestFigures{ByType: map[store.RequestType]int{}}
	byStatus := map[[2]string]int{}
	var open []store.Request
	err := r.db.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(storeRequests)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("report: requests: %w", err)
			}
			var req store.Request
			if err := json.Unmarshal(v, &req); err != nil {
				return fmt.Errorf("report: decode request %s: %w", k, err)
			}
			if req.Status != store.RequestClosed {
				open = append(open, req)
			}
			day := req.CreatedAt.In(r.loc).Format(time.DateOnly)
			if day < from || day > to || !r.requestMatches(tx, req, f) {
				return nil
			}
			rf.ByType[req.Type]++
			byStatus[[2]string{req.Department, string(req.Status)}]++
			return nil
		})
	})
	if err != nil {
		return rf, err
	}
	for k, n := range byStatus {
		rf.ByStatus = append(rf.ByStatus, RequestCount{Department: k[0], Status: store.RequestStatus(k[1]), Count: n})
	}
	slices.SortFunc(rf.ByStatus, func(a, b RequestCount) int {
		if c := strings.Compare(a.Department, b.Department); c != 0 {
			return c
		}
		return strings.Compare(string(a.Status), string(b.Status))
	})
	rf.Open = openAges(open, now)
	return rf, nil
}

// requestMatches reports whether a request passes the filter through the
// ticket it was registered for. Without a filter every request passes;
// with one, a request without a ticket does not.
func (r *Reports) requestMatches(tx *bbolt.Tx, req store.Request, f Filter) bool {
	if f.empty() {
		return true
	}
	raw := tx.Bucket(storeTickets).Get([]byte(req.TicketID))
	if req.TicketID == "" || raw == nil {
		return false
	}
	var t store.Ticket
	if err := json.Unmarshal(raw, &t); err != nil {
		return false
	}
	return f.matchTicket(t)
}

func openAges(open []store.Request, now time.Time) []OpenAges {
	byDept := map[string]*OpenAges{}
	for _, req := range open {
		a := byDept[req.Department]
		if a == nil {
			a = &OpenAges{Department: req.Department}
			byDept[req.Department] = a
		}
		switch age := now.Sub(req.CreatedAt); {
		case age < 24*time.Hour:
			a.UnderDay++
		case age < 7*24*time.Hour:
			a.UnderWeek++
		case age < 30*24*time.Hour:
			a.UnderMonth++
		default:
			a.Older++
		}
	}
	ages := make([]OpenAges, 0, len(byDept))
	for _, a := range byDept {
		ages = append(ages, *a)
	}
	slices.SortFunc(ages, func(a, b OpenAges) int { return strings.Compare(a.Department, b.Department) })
	return ages
}

func ledgerTotals(ctx context.Context, days []string, l Ledger) (map[ledger.Kind]ledger.Totals, error) {
	totals := map[ledger.Kind]ledger.Totals{}
	for _, day := range days {
		dc, err := l.Summarize(ctx, day)
		if err != nil {
			return nil, fmt.Errorf("report: ledger totals of %s: %w", day, err)
		}
		for kind, t := range dc.ByKind {
			sum := totals[kind]
			sum.Entries += t.Entries
			sum.Amount += t.Amount
			sum.Reversals += t.Reversals
			sum.Reversed += t.Reversed
			sum.Net += t.Net
			totals[kind] = sum
		}
	}
	return totals, nil
}
