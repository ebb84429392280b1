package ledger

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
)

// idEncoding is Crockford's base32 alphabet, which leaves out I, L, O and U
// so that an id read aloud or copied by hand is not misread.
var idEncoding = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// newID returns a new entry id: 128 bits, of which the first 48 are the
// Unix time in milliseconds and the other 80 are random, as 26 base32
// characters. The random part makes ids from different terminals unique
// without any coordination, also after a terminal is restored from a
// backup, and the time part makes ids sort roughly by creation.
func newID(now time.Time) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(now.UnixMilli())<<16)
	rand.Read(b[6:]) // crypto/rand.Read never returns an error since Go 1.24.
	return idEncoding.EncodeToString(b[:])
}

// normalizeID returns id as stored: trimmed and in upper case, with the
// letters that Crockford's base32 reads as digits replaced.
func normalizeID(id string) string {
	id = strings.ToUpper(strings.TrimSpace(id))
	return strings.NewReplacer("O", "0", "I", "1", "L", "1").Replace(id)
}
