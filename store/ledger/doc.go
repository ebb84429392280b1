// Package ledger records the social assistance money that passes through
// the desk and the express vehicle: bank transactions cleared for a
// beneficiary and exchanges (disbursements in cash, by cheque or by card).
//
// The ledger is append-only. An entry is never changed or deleted, and a
// mistake is corrected by a reversal entry that a supervisor records with a
// reason. Every entry carries an idempotency key, so a retry after a crash,
// a double tap or a repeated sync records it once. A closed business day
// takes no new entries.
//
// The ledger lives in the bbolt file of the store, in its own buckets whose
// names start with "ledger.". It takes a *bbolt.DB so it does not depend on
// how that file was opened.
//
// # Hash chain
//
// Entries form a chain in the order they were recorded. Each entry stores
// the SHA-256 of the previous entry (all zeros for the first) and its own
// SHA-256, taken over its canonical form, which includes the previous hash.
// Changing, removing or reordering a stored entry breaks the chain, and
// [Ledger.Verify] reports the first entry where it breaks. Removing the
// newest entries leaves a shorter chain that is still intact. So every
// append also stores the chain head (the sequence number and hash of the
// new entry) in the same transaction, and Verify checks that the newest
// entry is the one the head names. The day close also stores the head of
// the chain when the day was closed, which Verify checks as well.
//
// # Canonical form
//
// The canonical form of an entry, version 1, is the concatenation of the
// 21 fields below, in this order. Each field is written as its length in
// bytes, a 4-byte big-endian unsigned integer, followed by that many bytes
// of UTF-8 text. No field is ever left out; an empty field has length 0.
//
//  1. the format tag "frontdesk.ledger.v1"
//  2. sequence number in the chain, decimal, starting at 1
//  3. entry id
//  4. kind: "bank-transaction" or "exchange"
//  5. method: "cash", "cheque", "card", or empty for a bank transaction
//  6. beneficiary case number
//  7. Emirates ID, 15 ASCII digits
//  8. amount in fils, decimal, negative for a reversal
//  9. IBAN, 23 characters without spaces, or empty
//  10. bank
//  11. bank reference
//  12. reference
//  13. ticket
//  14. staff id
//  15. terminal id
//  16. business day, YYYY-MM-DD
//  17. time in UTC, as 2006-01-02T15:04:05.000000000Z
//  18. idempotency key
//  19. id of the reversed entry, or empty
//  20. reason of a reversal, or empty
//  21. SHA-256 of the previous entry, 64 lowercase hexadecimal digits
//
// The stored value of an entry is its canonical form followed by the 32
// bytes of its SHA-256, under the 8-byte big-endian sequence number.
package ledger
