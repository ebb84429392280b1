package ledger

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"frontdesk/store/money"
)

// formatTag is the first field of the canonical form, version 1. A new
// version of the encoding gets a new tag, so old entries still verify.
const formatTag = "frontdesk.ledger.v1"

// fieldCount is the number of fields of the canonical form, version 1.
const fieldCount = 21

// timeLayout formats entry times with a fixed number of digits, so the
// canonical form of a time has exactly one spelling.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// zeroHash is the previous hash of the first entry.
var zeroHash = [sha256.Size]byte{}

// canonical returns the canonical form of e, described in the package
// documentation. It ignores e.Hash.
func canonical(e Entry) []byte {
	fields := [fieldCount]string{
		formatTag,
		strconv.FormatUint(e.Seq, 10),
		e.ID,
		string(e.Kind),
		string(e.Method),
		e.CaseNumber,
		e.EmiratesID,
		strconv.FormatInt(int64(e.Amount), 10),
		e.IBAN,
		e.Bank,
		e.BankReference,
		e.Reference,
		e.Ticket,
		e.Staff,
		e.Terminal,
		e.Day,
		e.Time.UTC().Format(timeLayout),
		e.IdempotencyKey,
		e.Reverses,
		e.Reason,
		e.PrevHash,
	}
	size := 0
	for _, f := range fields {
		size += 4 + len(f)
	}
	buf := make([]byte, 0, size+sha256.Size)
	for _, f := range fields {
		buf = binary.BigEndian.AppendUint32(buf, uint32(len(f)))
		buf = append(buf, f...)
	}
	return buf
}

// encode sets e.Hash and returns the value stored for e: the canonical
// form followed by its SHA-256.
func encode(e *Entry) []byte {
	buf := canonical(*e)
	sum := sha256.Sum256(buf)
	e.Hash = hex.EncodeToString(sum[:])
	return append(buf, sum[:]...)
}

// decode parses a stored value. It checks the layout and that the stored
// hash is the SHA-256 of the canonical form, but not the chain.
func decode(value []byte) (Entry, error) {
	if len(value) < sha256.Size {
		return Entry{}, fmt.Errorf("value is %d bytes, shorter than its hash", len(value))
	}
	body, stored := value[:len(value)-sha256.Size], value[len(value)-sha256.Size:]
	if sum := sha256.Sum256(body); string(sum[:]) != string(stored) {
		return Entry{}, fmt.Errorf("stored hash %x does not match the entry's SHA-256 %x", stored, sum)
	}

	fields, err := splitFields(body)
	if err != nil {
		return Entry{}, err
	}
	return entryFromFields(fields, hex.EncodeToString(stored))
}

func splitFields(body []byte) ([]string, error) {
	var raw [fieldCount][]byte
	if err := fieldSlices(body, &raw); err != nil {
		return nil, err
	}
	fields := make([]string, fieldCount)
	for i, f := range raw {
		fields[i] = string(f)
	}
	return fields, nil
}

// fieldSlices splits a canonical form into its fields, which share the
// memory of body. It checks the lengths, the field count and the format
// tag.
func fieldSlices(body []byte, fields *[fieldCount][]byte) error {
	for i := range fields {
		if len(body) < 4 {
			return fmt.Errorf("field %d of %d: truncated length", i+1, fieldCount)
		}
		n := binary.BigEndian.Uint32(body)
		body = body[4:]
		if uint64(n) > uint64(len(body)) {
			return fmt.Errorf("field %d: length %d runs past the end", i+1, n)
		}
		fields[i] = body[:n]
		body = body[n:]
	}
	if len(body) != 0 {
		return fmt.Errorf("%d bytes after field %d, the last one", len(body), fieldCount)
	}
	if string(fields[0]) != formatTag {
		return fmt.Errorf("format tag %q, want %q", fields[0], formatTag)
	}
	return nil
}

func entryFromFields(f []string, hash string) (Entry, error) {
	seq, err := strconv.ParseUint(f[1], 10, 64)
	if err != nil {
		return Entry{}, fmt.Errorf("sequence number %q: %w", f[1], err)
	}
	amount, err := strconv.ParseInt(f[7], 10, 64)
	if err != nil {
		return Entry{}, fmt.Errorf("amount %q: %w", f[7], err)
	}
	t, err := time.Parse(timeLayout, f[16])
	if err != nil {
		return Entry{}, fmt.Errorf("time %q: %w", f[16], err)
	}
	return Entry{
		Seq:            seq,
		ID:             f[2],
		Kind:           Kind(f[3]),
		Method:         Method(f[4]),
		CaseNumber:     f[5],
		EmiratesID:     f[6],
		Amount:         money.Fils(amount),
		IBAN:           f[8],
		Bank:           f[9],
		BankReference:  f[10],
		Reference:      f[11],
		Ticket:         f[12],
		Staff:          f[13],
		Terminal:       f[14],
		Day:            f[15],
		Time:           t,
		IdempotencyKey: f[17],
		Reverses:       f[18],
		Reason:         f[19],
		PrevHash:       f[20],
		Hash:           hash,
	}, nil
}

// seqKey returns the bucket key of sequence number seq.
func seqKey(seq uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, seq)
}
