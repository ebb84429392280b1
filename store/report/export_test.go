package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdesk/store"
	"frontdesk/store/ledger"
	"frontdesk/store/money"
	"frontdesk/store/rating"
)

func thirtyVisitsEnv(t *testing.T) *env {
	t.Helper()
	e := openEnv(t, filepath.Join(t.TempDir(), "frontdesk.db"), time.Date(2026, 12, 6, 7, 0, 0, 0, dubaiZone), true)
	buildThirtyVisits(t, e)
	if _, err := e.reports.Sync(); err != nil {
		t.Fatal(err)
	}
	return e
}

// readCSV checks the byte-order mark and returns the rows.
func readCSV(t *testing.T, raw []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) {
		t.Fatalf("CSV starts with % x, want the UTF-8 byte-order mark", raw[:min(3, len(raw))])
	}
	r := csv.NewReader(bytes.NewReader(raw[3:]))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func findRow(rows [][]string, first string) []string {
	for _, row := range rows {
		if len(row) > 0 && row[0] == first {
			return row
		}
	}
	return nil
}

func TestWriteCSV(t *testing.T) {
	e := thirtyVisitsEnv(t)
	fig, err := e.reports.Report("2026-12-06", "2026-12-06", Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// Only assistance has names, as when complaints was removed from the
	// configuration after these visits.
	fig.NameServices(map[string]ServiceName{"assistance": {EN: "Social assistance", AR: "المساعدات الاجتماعية"},
		"retired": {EN: "Retired service", AR: "خدمة ملغاة"}})
	var buf bytes.Buffer
	if err := WriteCSV(&buf, fig); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())

	tests := []struct {
		first string
		want  string
	}{
		{"all", "all,30,32,27,3,2,30,150,270,27,135,195,8,6,7,6,0.519,53.1"},
		{"service", "service,name_en,name_ar,issued,called,served,no_shows,transferred,wait_count,wait_median_s," +
			"wait_p90_s,service_count,service_median_s,service_p90_s,very_good,good,bad,very_bad,good_share,happiness"},
		{"assistance", "assistance,Social assistance,المساعدات الاجتماعية,15,15,13,0,2,15,150,270,13,145,195,7,0,6,0," +
			"0.538,69.2"},
		{"complaints", "complaints,,,15,17,14,3,0,15,160,280,14,130,190,1,6,1,6,0.500,38.1"},
		{"2026-12-06", "2026-12-06,30,32,27,3,2,30,150,270,27,135,195,8,6,7,6,0.519,53.1"},
		{"09:00", "09:00,6"},
		{"07:00", "07:00,0"},
	}
	for _, tt := range tests {
		t.Run(tt.first, func(t *testing.T) {
			if got := strings.Join(findRow(rows, tt.first), ","); got != tt.want {
				t.Errorf("row = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestWriteTicketsCSV(t *testing.T) {
	e := thirtyVisitsEnv(t)
	tests := []struct {
		name   string
		filter Filter
		rows   int
	}{
		{"all", Filter{}, 30},
		{"complaints now", Filter{Service: "complaints"}, 17},
		{"counter 1", Filter{Counter: 1}, 13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteTicketsCSV(context.Background(), &buf, e.db, "2026-12-05", "2026-12-07", tt.filter, dubaiZone)
			if err != nil {
				t.Fatal(err)
			}
			rows := readCSV(t, buf.Bytes())
			if len(rows) != tt.rows+1 {
				t.Errorf("rows = %d, want a header and %d tickets", len(rows), tt.rows)
			}
		})
	}

	var buf bytes.Buffer
	if err := WriteTicketsCSV(context.Background(), &buf, e.db, "2026-12-06", "2026-12-06", Filter{}, dubaiZone); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	first := rows[1]
	if first[1] != "A-001" || first[7] != "2026-12-06 08:00:00" || first[10] != "completed" || first[14] != "10" {
		t.Errorf("first ticket row = %v, want A-001 issued 08:00 completed after a 10 s wait", first)
	}
}

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=SUM(A1)", "'=SUM(A1)"},
		{"@cmd", "'@cmd"},
		{"-12.50", "-12.50"},
		{"assistance", "assistance"},
		{"مساعدة", "مساعدة"},
	}
	for _, tt := range tests {
		if got := safeCell(tt.in); got != tt.want {
			t.Errorf("safeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFullAddsRequestsAndLedger(t *testing.T) {
	e := thirtyVisitsEnv(t)
	ctx := context.Background()
	a1, err := e.db.TicketByNumber("2026-12-06", "A-001")
	if err != nil {
		t.Fatal(err)
	}
	b2, err := e.db.TicketByNumber("2026-12-06", "B-001")
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Set(time.Date(2026, 12, 6, 13, 0, 0, 0, dubaiZone))
	for _, nr := range []store.NewRequest{
		{Type: store.RequestComplaint, Department: "protection", Description: "late reply", TicketID: a1.ID, Staff: "amna"},
		{Type: store.RequestService, Department: "assistance", Description: "renewal", TicketID: a1.ID, Staff: "amna"},
		{Type: store.RequestService, Department: "assistance", Description: "new case", TicketID: b2.ID, Staff: "omar"},
		{Type: store.RequestSuggestion, Department: "assistance", Description: "more chairs", Staff: "omar"},
	} {
		if _, err := e.db.CreateRequest(ctx, nr); err != nil {
			t.Fatal(err)
		}
	}
	led, err := ledger.New(e.db.Bolt(), ledger.Config{Terminal: "D1", Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = led.Record(ctx, ledger.NewEntry{Kind: ledger.KindExchange, Method: ledger.MethodCash,
		CaseNumber: "C-1", EmiratesID: "784-1990-1234567-6", Amount: money.Fils(125050), Staff: "amna",
		IdempotencyKey: "k1"})
	if err != nil {
		t.Fatal(err)
	}

	now := time.Date(2026, 12, 10, 13, 0, 0, 0, dubaiZone)
	src := Sources{Ledger: led, Now: now}
	fig, err := e.reports.Full(ctx, "2026-12-06", "2026-12-06", Filter{}, src)
	if err != nil {
		t.Fatal(err)
	}
	if fig.Requests == nil {
		t.Fatal("no request figures")
	}
	if got := fig.Requests.ByType[store.RequestService]; got != 2 {
		t.Errorf("service requests = %d, want 2", got)
	}
	if got := fig.Requests.ByType[store.RequestComplaint]; got != 1 {
		t.Errorf("complaints = %d, want 1", got)
	}
	if got := fig.Requests.ByType[store.RequestSuggestion]; got != 1 {
		t.Errorf("suggestions = %d, want the one without a ticket", got)
	}
	if len(fig.Requests.Open) != 2 || fig.Requests.Open[0].Department != "assistance" || fig.Requests.Open[0].UnderWeek != 3 {
		t.Errorf("open by age = %+v, want assistance with 3 requests 1 to 7 days old", fig.Requests.Open)
	}
	if got := fig.Ledger[ledger.KindExchange].Amount; got != 125050 {
		t.Errorf("exchange total = %d fils, want 125050", got)
	}

	filtered, err := e.reports.Full(ctx, "2026-12-06", "2026-12-06", Filter{Service: "complaints"}, src)
	if err != nil {
		t.Fatal(err)
	}
	if got := filtered.Requests.ByType[store.RequestService]; got != 1 {
		t.Errorf("service requests of complaints tickets = %d, want 1", got)
	}
	if got := filtered.Requests.ByType[store.RequestSuggestion]; got != 0 {
		t.Errorf("suggestions under a service filter = %d, want 0 because it has no ticket", got)
	}
	if filtered.Ledger != nil {
		t.Errorf("ledger totals %v under a service filter, want none", filtered.Ledger)
	}
}

func TestWriteText(t *testing.T) {
	e := thirtyVisitsEnv(t)
	ctx := context.Background()
	led, err := ledger.New(e.db.Bolt(), ledger.Config{Terminal: "D1", Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = led.Record(ctx, ledger.NewEntry{Kind: ledger.KindExchange, Method: ledger.MethodCash,
		CaseNumber: "C-1", EmiratesID: "784-1990-1234567-6", Amount: money.Fils(125050), Staff: "amna",
		IdempotencyKey: "k1"})
	if err != nil {
		t.Fatal(err)
	}
	fig, err := e.reports.Full(ctx, "2026-12-06", "2026-12-06", Filter{}, Sources{Ledger: led})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteText(&buf, fig); err != nil {
		t.Fatal(err)
	}
	text := buf.String()

	tests := []struct {
		name string
		line string
		want bool
	}{
		{"period", "report 2026-12-06 to 2026-12-06\n", true},
		{"counts", "issued 30  served 27  no-shows 3  transferred 2\n", true},
		{"waiting time", "waiting time: median 2m30s, 90th percentile 4m30s (30 calls)\n", true},
		{"ledger net once", "ledger exchange: 1 entries, net AED 1,250.50\n", true},
		{"currency twice", "AED 1,250.50 AED", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Contains(text, tt.line); got != tt.want {
				t.Errorf("output contains %q = %v, want %v; output:\n%s", tt.line, got, tt.want, text)
			}
		})
	}
}

func TestAlertMonitor(t *testing.T) {
	cfg := AlertConfig{Window: 4, MinIndex: 50}
	tests := []struct {
		name   string
		levels []rating.Level
		want   []string // alert kinds raised by the last rating
	}{
		{"very bad alone", []rating.Level{rating.VeryBad}, []string{"very-bad"}},
		{"window not full", []rating.Level{rating.Bad, rating.Bad, rating.Bad}, nil},
		{"falls below", []rating.Level{rating.Good, rating.Bad, rating.Bad, rating.Bad}, []string{"low-index"}},
		{"stays below", []rating.Level{rating.Bad, rating.Bad, rating.Bad, rating.Bad, rating.Bad}, nil},
		{"very bad and below", []rating.Level{rating.Bad, rating.Bad, rating.Bad, rating.VeryBad},
			[]string{"very-bad", "low-index"}},
		{"at the minimum", []rating.Level{rating.VeryGood, rating.Good, rating.Bad, rating.VeryBad},
			[]string{"very-bad"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewAlertMonitor(cfg)
			var got []Alert
			for i, l := range tt.levels {
				got = m.Observe(rating.Rating{ID: string(rune('a' + i)), Counter: 3, Level: l})
			}
			var kinds []string
			for _, a := range got {
				kinds = append(kinds, a.Kind.String())
				if a.Counter != 3 {
					t.Errorf("alert counter = %d, want 3", a.Counter)
				}
			}
			if strings.Join(kinds, ",") != strings.Join(tt.want, ",") {
				t.Errorf("alerts = %v, want %v", kinds, tt.want)
			}
		})
	}
}

func TestAlertsOfDay(t *testing.T) {
	e := thirtyVisitsEnv(t)
	alerts, err := e.reports.Alerts("2026-12-06", AlertConfig{Window: 10, MinIndex: 50})
	if err != nil {
		t.Fatal(err)
	}
	veryBad := 0
	for _, a := range alerts {
		if a.Kind == AlertVeryBad {
			veryBad++
		}
	}
	if veryBad != 6 {
		t.Errorf("very bad alerts = %d, want 6 (the out of hours one is ignored)", veryBad)
	}
}
