package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"go.etcd.io/bbolt"
)

// AuditAction names what an audit entry records.
type AuditAction string

// Audit actions that the store writes itself. Callers may log others.
const (
	AuditSignIn         AuditAction = "sign-in"
	AuditSignInFailed   AuditAction = "sign-in-failed"
	AuditSignInLocked   AuditAction = "sign-in-while-locked"
	AuditLockout        AuditAction = "lockout"
	AuditSignOut        AuditAction = "sign-out"
	AuditStaffAdded     AuditAction = "staff-added"
	AuditStaffEnabled   AuditAction = "staff-enabled"
	AuditStaffDisabled  AuditAction = "staff-disabled"
	AuditPINChanged     AuditAction = "pin-changed"
	AuditRequestCreated AuditAction = "request-created"
	AuditRequestUpdated AuditAction = "request-updated"
)

func (a AuditAction) String() string { return string(a) }

// AuditEntry is one line of the audit log. The log is append-only: no
// method changes or deletes an entry.
type AuditEntry struct {
	Seq      uint64      `json:"seq"`
	At       time.Time   `json:"at"`    // UTC
	Actor    string      `json:"actor"` // staff id, or empty for the system
	Action   AuditAction `json:"action"`
	Subject  string      `json:"subject,omitempty"` // the staff id, ticket or request acted on
	Terminal string      `json:"terminal,omitempty"`
	Detail   string      `json:"detail,omitempty"`
}

// Audit appends e to the audit log. A zero e.At means now, and an empty
// e.Terminal means this database's terminal.
func (db *DB) Audit(ctx context.Context, e AuditEntry) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: audit %s: %w", e.Action, err)
	}
	if e.Action == "" || strings.ContainsFunc(string(e.Action), isControlOrSpace) {
		return fmt.Errorf("%w: audit action %q must be a word without spaces", ErrInvalid, e.Action)
	}
	return db.update(func(tx *bbolt.Tx) error { return db.auditTx(tx, e) })
}

func (db *DB) auditTx(tx *bbolt.Tx, e AuditEntry) error {
	if e.At.IsZero() {
		e.At = db.now()
	}
	e.At = e.At.UTC()
	if e.Terminal == "" {
		e.Terminal = db.cfg.Terminal
	}
	b := tx.Bucket(bucketAudit)
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	e.Seq = seq
	return putJSON(b, u64Key(seq), e)
}

// AuditLog returns up to limit audit entries with a sequence number above
// after, oldest first.
func (db *DB) AuditLog(after uint64, limit int) ([]AuditEntry, error) {
	var entries []AuditEntry
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		for k, v := c.Seek(u64Key(after + 1)); k != nil && len(entries) < limit; k, v = c.Next() {
			var e AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("store: decode audit entry %x: %w", k, err)
			}
			entries = append(entries, e)
		}
		return nil
	})
	return entries, err
}
