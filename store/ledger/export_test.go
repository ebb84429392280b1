package ledger

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
)

func TestExportCSV(t *testing.T) {
	l, _ := newTestLedger(t)
	ctx := context.Background()
	cash := exchange("k1", 125050)
	cash.CaseNumber = "=HYPERLINK(\"http://attacker.invalid\")"
	cash.Reference = "صرف مساعدة"
	e1 := mustRecord(t, l, cash)
	e2 := mustRecord(t, l, bankTransaction("k2", 1899))
	rev, err := l.Reverse(ctx, e1.ID, "-wrong case", "sup1", RoleSupervisor)
	if err != nil {
		t.Fatal(err)
	}

	var buf bytes.Buffer
	if err := l.ExportCSV(ctx, &buf, "2026-12-04"); err != nil {
		t.Fatalf("ExportCSV: %v", err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Fatalf("export starts with % x, want the UTF-8 byte order mark", data[:min(3, len(data))])
	}
	if !bytes.Contains(data, []byte("\r\n")) {
		t.Error("export has no CRLF line ends")
	}

	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatalf("read the export back: %v", err)
	}
	if len(rows) != 4 {
		t.Fatalf("export has %d rows, want a header and 3 entries", len(rows))
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}

	tests := []struct {
		row    int
		column string
		want   string
	}{
		{1, "id", e1.ID},
		{1, "amount_aed", "1250.50"},
		{1, "amount_fils", "125050"},
		{1, "case_number", "'=HYPERLINK(\"http://attacker.invalid\")"},
		{1, "reference", "صرف مساعدة"},
		{1, "emirates_id", validEID},
		{1, "time", "2026-12-04T12:00:00+04:00"},
		{1, "method", "cash"},
		{2, "iban", validIBAN},
		{2, "amount_aed", "18.99"},
		{2, "kind", "bank-transaction"},
		{2, "prev_hash", e1.Hash},
		{2, "hash", e2.Hash},
		{3, "amount_aed", "-1250.50"},
		{3, "reverses", e1.ID},
		{3, "reason", "'-wrong case"},
		{3, "id", rev.ID},
	}
	for _, tt := range tests {
		i, ok := col[tt.column]
		if !ok {
			t.Errorf("export has no column %q", tt.column)
			continue
		}
		if got := rows[tt.row][i]; got != tt.want {
			t.Errorf("row %d %s = %q, want %q", tt.row, tt.column, got, tt.want)
		}
	}

	buf.Reset()
	if err := l.ExportCSV(ctx, &buf, "2026-12-05"); err != nil {
		t.Fatalf("ExportCSV of an empty day: %v", err)
	}
	if lines := strings.Count(buf.String(), "\r\n"); lines != 1 {
		t.Errorf("export of an empty day has %d lines, want the header only", lines)
	}
}
