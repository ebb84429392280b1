package ledger

import (
	"bytes"
	"crypto/sha256"
	"testing"
	"time"
)

func sampleEntry() Entry {
	return Entry{
		Seq: 42, ID: "06H43PCED1Q0A0J0MFP0BG7VFC", Kind: KindBankTransaction,
		CaseNumber: "SA-1", EmiratesID: validEID, Amount: -125050, IBAN: validIBAN,
		Bank: "بنك", BankReference: "FT1", Reference: "R", Ticket: "A-007", Staff: "s1",
		Terminal: "D1", Day: "2026-12-04", Time: time.Date(2026, 12, 4, 8, 0, 0, 5, time.UTC),
		IdempotencyKey: "k", Reverses: "06H43PCE9T1FWSKPN020RMQHDG", Reason: "typo",
		PrevHash: "00000000000000000000000000000000000000000000000000000000000000ff",
	}
}

func TestCanonicalRoundTrip(t *testing.T) {
	e := sampleEntry()
	value := encode(&e)
	got, err := decode(value)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if !got.Time.Equal(e.Time) {
		t.Errorf("time = %v, want %v", got.Time, e.Time)
	}
	got.Time = e.Time
	if got != e {
		t.Errorf("decode(encode(e)) = %+v\nwant %+v", got, e)
	}
}

func TestCanonicalLayout(t *testing.T) {
	e := sampleEntry()
	body := canonical(e)

	// The first field is the format tag, written as a 4-byte big-endian
	// length and the tag's bytes.
	wantStart := append([]byte{0, 0, 0, byte(len(formatTag))}, formatTag...)
	if !bytes.HasPrefix(body, wantStart) {
		t.Errorf("canonical form starts with %q, want %q", body[:len(wantStart)], wantStart)
	}
	// The time has one spelling with nine fraction digits.
	if !bytes.Contains(body, []byte("\x00\x00\x00\x1e2026-12-04T08:00:00.000000005Z")) {
		t.Errorf("canonical form lacks the fixed-width time: %q", body)
	}
	// The last field is the previous hash.
	if !bytes.HasSuffix(body, append([]byte{0, 0, 0, 64}, e.PrevHash...)) {
		t.Errorf("canonical form does not end with the previous hash: %q", body)
	}
	// The hash covers the canonical form only.
	value := encode(&e)
	sum := sha256.Sum256(body)
	if !bytes.Equal(value[len(body):], sum[:]) {
		t.Error("stored hash is not the SHA-256 of the canonical form")
	}
}

func FuzzDecode(f *testing.F) {
	e := sampleEntry()
	f.Add(encode(&e))
	f.Add([]byte{})
	f.Add(make([]byte, 40))
	f.Fuzz(func(t *testing.T, value []byte) {
		var fields [fieldCount][]byte
		prev := make([]byte, 64)
		checkLink(1, seqKey(1), value, prev, &fields)
		readableID(value)
		if e, err := decode(value); err == nil {
			again := encode(&e)
			if !bytes.Equal(again, value) {
				t.Errorf("decoded entry encodes to %q, stored as %q", again, value)
			}
		}
	})
}
