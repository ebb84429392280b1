package report

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"frontdesk/store"
	"frontdesk/store/ledger"
	"frontdesk/store/rating"
)

// byteOrderMark starts every CSV file, so that spreadsheet programs read
// it as UTF-8 and show Arabic text.
const byteOrderMark = "\uFEFF"

// figureColumns are the columns of the totals, service and day blocks.
var figureColumns = []string{"issued", "called", "served", "no_shows", "transferred",
	"wait_count", "wait_median_s", "wait_p90_s", "service_count", "service_median_s", "service_p90_s",
	"very_good", "good", "bad", "very_bad", "good_share", "happiness"}

// WriteCSV writes the figures as UTF-8 CSV with a byte-order mark, in
// blocks separated by an empty row: each block is a title row, a header row
// and its rows. A service row has the service id, then its English and
// Arabic names, which are empty unless NameServices set them. Durations are
// whole seconds. The good share and the happiness index are empty when
// there are no ratings.
func WriteCSV(w io.Writer, fig Figures) error {
	if _, err := io.WriteString(w, byteOrderMark); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	cw := csv.NewWriter(w)
	write := func(rows ...[]string) {
		for _, row := range rows {
			_ = cw.Write(safeRow(row))
		}
	}

	write([]string{"report", fig.From, fig.To}, []string{"filter", "service", fig.Filter.Service, "counter",
		itoaOrEmpty(fig.Filter.Counter), "staff", fig.Filter.Staff, "terminal", fig.Filter.Terminal}, nil)
	write([]string{"totals"}, append([]string{"scope"}, figureColumns...))
	write(figureRow("all", fig.Counts, fig.Wait, fig.ServiceTime, fig.Ratings), nil)
	write([]string{"by service"}, append([]string{"service", "name_en", "name_ar"}, figureColumns...))
	for _, s := range fig.Services {
		row := figureRow(s.Service, s.Counts, s.Wait, s.ServiceTime, s.Ratings)
		write(slices.Insert(row, 1, s.NameEN, s.NameAR))
	}
	write(nil, []string{"by day"}, append([]string{"day"}, figureColumns...))
	for _, d := range fig.Days {
		write(figureRow(d.Day, d.Counts, d.Wait, d.ServiceTime, d.Ratings))
	}
	write(nil, []string{"issued by hour"}, []string{"hour", "issued"})
	for h, n := range fig.IssuedByHour {
		write([]string{fmt.Sprintf("%02d:00", h), strconv.Itoa(n)})
	}
	writeRequests(write, fig.Requests)
	writeLedger(write, fig.Ledger)

	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	return nil
}

func figureRow(scope string, c Counts, wait, service Durations, r Ratings) []string {
	row := []string{scope}
	for _, n := range []int{c.Issued, c.Called, c.Served, c.NoShows, c.Transferred} {
		row = append(row, strconv.Itoa(n))
	}
	row = append(row, durationCells(wait)...)
	row = append(row, durationCells(service)...)
	for _, l := range rating.Levels() {
		row = append(row, strconv.Itoa(r.Count(l)))
	}
	if r.Total() == 0 {
		return append(row, "", "")
	}
	return append(row, strconv.FormatFloat(r.GoodShare(), 'f', 3, 64),
		strconv.FormatFloat(r.Happiness(), 'f', 1, 64))
}

func durationCells(d Durations) []string {
	if d.Count == 0 {
		return []string{"0", "", ""}
	}
	return []string{strconv.Itoa(d.Count), strconv.Itoa(int(d.Median / time.Second)),
		strconv.Itoa(int(d.P90 / time.Second))}
}

func writeRequests(write func(...[]string), rf *RequestFigures) {
	if rf == nil {
		return
	}
	write(nil, []string{"requests by type"}, []string{"type", "count"})
	for _, t := range store.RequestTypes {
		write([]string{string(t), strconv.Itoa(rf.ByType[t])})
	}
	write(nil, []string{"requests by department and status"}, []string{"department", "status", "count"})
	for _, c := range rf.ByStatus {
		write([]string{c.Department, string(c.Status), strconv.Itoa(c.Count)})
	}
	write(nil, []string{"open requests by age"},
		[]string{"department", "under_1_day", "1_to_7_days", "7_to_30_days", "over_30_days"})
	for _, a := range rf.Open {
		write([]string{a.Department, strconv.Itoa(a.UnderDay), strconv.Itoa(a.UnderWeek),
			strconv.Itoa(a.UnderMonth), strconv.Itoa(a.Older)})
	}
}

func writeLedger(write func(...[]string), totals map[ledger.Kind]ledger.Totals) {
	if totals == nil {
		return
	}
	write(nil, []string{"ledger by kind"},
		[]string{"kind", "entries", "amount_aed", "reversals", "reversed_aed", "net_aed"})
	kinds := make([]ledger.Kind, 0, len(totals))
	for k := range totals {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		t := totals[k]
		write([]string{string(k), strconv.Itoa(t.Entries), aed(int64(t.Amount)), strconv.Itoa(t.Reversals),
			aed(int64(t.Reversed)), aed(int64(t.Net))})
	}
}

// aed writes an amount in fils as AED with two decimals, without floats.
func aed(fils int64) string {
	sign := ""
	if fils < 0 {
		sign, fils = "-", -fils
	}
	return fmt.Sprintf("%s%d.%02d", sign, fils/100, fils%100)
}

func itoaOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// ticketColumns are the columns of WriteTicketsCSV.
var ticketColumns = []string{"id", "number", "business_day", "service", "terminal", "lang", "priority",
	"issued_at", "first_called_at", "completed_at", "state", "counter", "staff", "calls",
	"wait_s", "print_status"}

// WriteTicketsCSV writes the tickets of the business days from and to that
// pass the filter as UTF-8 CSV with a byte-order mark, one row a ticket in
// the order they were issued. Times are local to loc; wait_s is the time
// from issue to first call, empty for a ticket never called. The filter
// compares a ticket's current service, counter and staff member.
func WriteTicketsCSV(ctx context.Context, w io.Writer, src Tickets, from, to string, f Filter,
	loc *time.Location) error {
	days, err := periodDays(from, to)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, byteOrderMark); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(ticketColumns); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	row := make([]string, len(ticketColumns))
	for _, day := range days {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("report: export tickets: %w", err)
		}
		tickets, err := src.Tickets(day)
		if err != nil {
			return fmt.Errorf("report: read the tickets of %s: %w", day, err)
		}
		for _, t := range tickets {
			if !f.matchTicket(t) {
				continue
			}
			ticketRow(row, t, loc)
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("report: write CSV: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	return nil
}

func ticketRow(row []string, t store.Ticket, loc *time.Location) {
	wait := ""
	if !t.FirstCalledAt.IsZero() {
		wait = strconv.Itoa(int(t.FirstCalledAt.Sub(t.IssuedAt) / time.Second))
	}
	copy(row, []string{t.ID, t.Number, t.BusinessDay, safeCell(t.Service), t.Terminal, t.Lang,
		t.Priority.String(), localTime(t.IssuedAt, loc), localTime(t.FirstCalledAt, loc),
		localTime(t.CompletedAt, loc), t.State.String(), itoaOrEmpty(t.Counter), safeCell(t.Staff),
		strconv.Itoa(t.Calls), wait, t.PrintStatus.String()})
}

func localTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.DateTime)
}

func safeRow(row []string) []string {
	for i, c := range row {
		row[i] = safeCell(c)
	}
	return row
}

// safeCell puts an apostrophe before a text cell that a spreadsheet
// program would run as a formula, because ids and names come from
// configuration and from staff. Numbers, negative ones included, stay as
// they are.
func safeCell(s string) string {
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
