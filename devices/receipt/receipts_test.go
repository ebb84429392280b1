package receipt

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"frontdesk/devices/escpos"
)

func sampleRequest() Request {
	return Request{
		CentreAR:     "مركز خدمة المتعاملين - دائرة الخدمات الاجتماعية",
		CentreEN:     "Customer Service Centre - Social Services",
		Tracking:     "R-20261204-0042",
		TypeAR:       "شكوى",
		TypeEN:       "Complaint",
		DepartmentAR: "إدارة رضا المتعاملين",
		DepartmentEN: "Customer Satisfaction",
		Created:      time.Date(2026, 12, 4, 10, 30, 0, 0, dubai),
		EmiratesID:   "784-****-*******-6",
		Lang:         LangArabic,
		UploadURL:    testLink,
	}
}

func sampleLedgerEntry() LedgerEntry {
	return LedgerEntry{
		CentreAR:   "مركز خدمة المتعاملين - دائرة الخدمات الاجتماعية",
		CentreEN:   "Customer Service Centre - Social Services",
		EntryID:    "L-S1-K1-000123",
		KindAR:     "صرف",
		KindEN:     "Exchange",
		MethodAR:   "نقداً",
		MethodEN:   "Cash",
		AmountEN:   "AED 1,250.50",
		AmountAR:   "1,250.50 د.إ",
		CaseNumber: "SA-2026-0917",
		EmiratesID: "784-****-*******-6",
		IBAN:       "AE07 **** **** **** **** 234",
		Reference:  "EXC-778812",
		Recorded:   time.Date(2026, 12, 4, 11, 45, 0, 0, dubai),
		Staff:      "Mariam Al Suwaidi",
		Terminal:   "S1-D2",
		Copy:       CopyBeneficiary,
		Lang:       LangArabic,
	}
}

func sampleDayClose() DayClose {
	return DayClose{
		CentreAR:  "مركز خدمة المتعاملين - دائرة الخدمات الاجتماعية",
		CentreEN:  "Customer Service Centre - Social Services",
		Day:       "2026-12-04",
		Closed:    time.Date(2026, 12, 4, 16, 0, 0, 0, dubai),
		ClosedBy:  "Ahmed Al Nuaimi",
		Terminal:  "S1-D1",
		Entries:   14,
		Reversals: 1,
		Total:     "AED 18,230.75",
		Sections: []TotalsSection{
			{TitleAR: "حسب النوع", TitleEN: "By kind", Rows: []TotalsRow{
				{Label: "Bank transaction", Count: 9, Amount: "AED 12,000.00"},
				{Label: "Exchange", Count: 5, Amount: "AED 6,230.75"},
			}},
			{TitleAR: "حسب الموظف", TitleEN: "By staff member", Rows: []TotalsRow{
				{Label: "مريم السويدي", Count: 8, Amount: "AED 10,100.00"},
				{Label: "Ahmed Al Nuaimi, senior officer of the desk", Count: 6, Amount: "AED 8,130.75"},
			}},
		},
		Lang: LangEnglish,
	}
}

func TestReceiptsGolden(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	office := sampleLedgerEntry()
	office.Copy = CopyOffice
	office.Lang = LangEnglish
	reversal := sampleLedgerEntry()
	reversal.ReversalOf = "L-S1-K1-000120"
	reversal.Reason = "Wrong amount typed"
	reversal.Copy = CopyNone

	tests := []struct {
		name  string
		build func() ([]byte, error)
	}{
		{"request_ar", func() ([]byte, error) { return l.Request(sampleRequest()) }},
		{"ledger_beneficiary", func() ([]byte, error) { return l.Ledger(sampleLedgerEntry()) }},
		{"ledger_office_en", func() ([]byte, error) { return l.Ledger(office) }},
		{"ledger_reversal", func() ([]byte, error) { return l.Ledger(reversal) }},
		{"day_close", func() ([]byte, error) { return l.DayClose(sampleDayClose()) }},
		{"test_page", func() ([]byte, error) { return l.TestPage(time.Date(2026, 12, 4, 8, 0, 0, 0, dubai)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.build()
			if err != nil {
				t.Fatal(err)
			}
			savePreview(t, tt.name, got, l.profile.WidthDots)
			if _, err := escpos.Render(got, l.profile.WidthDots); err != nil {
				t.Errorf("Render: %v", err)
			}
			checkGolden(t, tt.name, got)
		})
	}
}

func TestRequestContent(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	got, err := l.Request(sampleRequest())
	if err != nil {
		t.Fatal(err)
	}
	cmds := mustParse(t, got)
	printed := string(text(cmds))
	for _, want := range []string{
		"R-20261204-0042\n", "Request type: Complaint\n", "Department: Customer Satisfaction\n",
		"Date: 04/12/2026 10:30\n", "Emirates ID: 784-****-*******-6\n",
	} {
		if !strings.Contains(printed, want) {
			t.Errorf("request receipt text lacks %q", want)
		}
	}
	if data := qrData(cmds); len(data) != 1 || data[0] != testLink {
		t.Errorf("QR data %q, want the link %q", data, testLink)
	}
	if i := strings.IndexAny(printed, "?\x1a"); i >= 0 {
		t.Errorf("printed text has a substitute at %d: %q", i, printed)
	}
}

func TestLedgerContent(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	got, err := l.Ledger(sampleLedgerEntry())
	if err != nil {
		t.Fatal(err)
	}
	cmds := mustParse(t, got)
	printed := string(text(cmds))
	for _, want := range []string{
		"AED 1,250.50\n", "Kind: Exchange\n", "Method: Cash\n", "Case number: SA-2026-0917\n",
		"Emirates ID: 784-****-*******-6\n", "IBAN: AE07 **** **** **** **** 234\n",
		"Reference: EXC-778812\n", "Date: 04/12/2026 11:45\n", "Staff: Mariam Al Suwaidi\n",
		"Terminal: S1-D2\n", "Entry: L-S1-K1-000123\n", signatureLine + "\n",
		"Beneficiary signature\n", "Staff signature\n",
	} {
		if !strings.Contains(printed, want) {
			t.Errorf("ledger receipt text lacks %q", want)
		}
	}
	if n := strings.Count(printed, "BENEFICIARY COPY"); n != 2 {
		t.Errorf("copy label printed %d times, want 2 (top and bottom)", n)
	}
	if strings.Contains(printed, "Reverses entry") {
		t.Error("ordinary entry prints the reversal line")
	}
	if i := strings.IndexAny(printed, "?\x1a"); i >= 0 {
		t.Errorf("printed text has a substitute at %d: %q", i, printed)
	}
}

func TestLedgerArabicAmountIsRaster(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	entry := sampleLedgerEntry()
	got, err := l.Ledger(entry)
	if err != nil {
		t.Fatal(err)
	}
	img, err := l.renderer.Draw(entry.AmountAR, l.rasterOptions(style{dots: markDots, bold: true}))
	if err != nil {
		t.Fatal(err)
	}
	amount := escpos.NewEncoder()
	amount.Raster(img)
	if !bytes.Contains(got, amount.Bytes()) {
		t.Error("Arabic amount 1,250.50 د.إ is not printed as its raster")
	}
}

func TestLedgerReversal(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	entry := sampleLedgerEntry()
	entry.ReversalOf = "L-S1-K1-000120"
	entry.Reason = "Wrong amount typed"
	entry.Copy = CopyNone
	got, err := l.Ledger(entry)
	if err != nil {
		t.Fatal(err)
	}
	printed := string(text(mustParse(t, got)))
	for _, want := range []string{"Reverses entry: L-S1-K1-000120\n", "Reason: Wrong amount typed\n"} {
		if !strings.Contains(printed, want) {
			t.Errorf("reversal receipt lacks %q", want)
		}
	}
	if strings.Contains(printed, "COPY") {
		t.Error("CopyNone printed a copy label")
	}
}

func TestDayCloseTable(t *testing.T) {
	for _, profile := range []escpos.Profile{escpos.DefaultProfile(), rasterProfile()} {
		t.Run(profile.Name, func(t *testing.T) {
			l := newTestLayout(t, profile)
			got, err := l.DayClose(sampleDayClose())
			if err != nil {
				t.Fatal(err)
			}
			cols := profile.WidthDots / fontADots
			printed := string(text(mustParse(t, got)))
			for _, want := range []string{"Entries: 14\n", "Reversals: 1\n", "Total: AED 18,230.75\n", "Business day: 2026-12-04\n"} {
				if !strings.Contains(printed, want) {
					t.Errorf("day-close slip lacks %q", want)
				}
			}
			rows := 0
			for _, line := range strings.Split(printed, "\n") {
				if !strings.HasSuffix(line, ".00") && !strings.HasSuffix(line, ".75") || strings.Contains(line, ":") {
					continue
				}
				rows++
				if len(line) != cols {
					t.Errorf("table row %q is %d characters, want %d", line, len(line), cols)
				}
			}
			if rows != 4 {
				t.Errorf("%d table rows, want 4", rows)
			}
		})
	}
}

func TestTotalsRow(t *testing.T) {
	tests := []struct {
		label  string
		count  int
		amount string
		cols   int
		want   string
	}{
		{"Exchange", 5, "AED 6,230.75", 32, "Exchange      5     AED 6,230.75"},
		{"Bank transaction", 9, "AED 12,000.00", 32, "Bank tran     9    AED 12,000.00"},
		{"", 8, "AED 10.00", 32, "              8        AED 10.00"},
		{"x", 1, "AED 1.00", 10, "1         AED 1.00"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			if got := totalsRow(tt.label, tt.count, tt.amount, tt.cols); got != tt.want {
				t.Errorf("totalsRow = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTestPage(t *testing.T) {
	for _, profile := range []escpos.Profile{escpos.DefaultProfile(), rasterProfile()} {
		t.Run(profile.Name, func(t *testing.T) {
			l := newTestLayout(t, profile)
			got, err := l.TestPage(time.Date(2026, 12, 4, 8, 0, 0, 0, dubai))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(got, []byte("Profile: "+profile.Name)) {
				t.Error("test page does not name the profile")
			}
			table := make([]byte, 0, 16)
			for c := 0xe0; c < 0xf0; c++ {
				table = append(table, byte(c))
			}
			if !bytes.Contains(got, table) {
				t.Error("code page table lacks the row E0-EF")
			}
			codes, err := escpos.QRCodes(got)
			if err != nil {
				t.Fatal(err)
			}
			if wantNative := map[bool]int{true: 1, false: 0}[profile.NativeQR]; len(codes) != wantNative {
				t.Errorf("%d native QR codes, want %d", len(codes), wantNative)
			}
		})
	}
}

func TestReceiptsInvalid(t *testing.T) {
	l := newTestLayout(t, escpos.DefaultProfile())
	tests := []struct {
		name  string
		build func() ([]byte, error)
	}{
		{"request without tracking", func() ([]byte, error) {
			r := sampleRequest()
			r.Tracking = " "
			return l.Request(r)
		}},
		{"request without time", func() ([]byte, error) {
			r := sampleRequest()
			r.Created = time.Time{}
			return l.Request(r)
		}},
		{"request in french", func() ([]byte, error) {
			r := sampleRequest()
			r.Lang = "fr"
			return l.Request(r)
		}},
		{"ledger without id", func() ([]byte, error) {
			e := sampleLedgerEntry()
			e.EntryID = ""
			return l.Ledger(e)
		}},
		{"ledger without amount", func() ([]byte, error) {
			e := sampleLedgerEntry()
			e.AmountEN = ""
			return l.Ledger(e)
		}},
		{"ledger without kind", func() ([]byte, error) {
			e := sampleLedgerEntry()
			e.KindAR, e.KindEN = "", ""
			return l.Ledger(e)
		}},
		{"ledger unknown copy", func() ([]byte, error) {
			e := sampleLedgerEntry()
			e.Copy = 9
			return l.Ledger(e)
		}},
		{"day close without day", func() ([]byte, error) {
			d := sampleDayClose()
			d.Day = ""
			return l.DayClose(d)
		}},
		{"day close more reversals than entries", func() ([]byte, error) {
			d := sampleDayClose()
			d.Reversals = 20
			return l.DayClose(d)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.build()
			if !errors.Is(err, ErrInvalidReceipt) {
				t.Errorf("error %v, want ErrInvalidReceipt", err)
			}
			if got != nil {
				t.Error("bytes returned with the error")
			}
		})
	}
}
