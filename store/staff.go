package store

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"go.etcd.io/bbolt"
	"golang.org/x/crypto/argon2"
)

// Staff errors, matched with errors.Is.
var (
	ErrExists        = errors.New("store: already exists")
	ErrWrongPIN      = errors.New("store: wrong staff id or PIN")
	ErrLockedOut     = errors.New("store: staff member is locked out after too many wrong PINs")
	ErrStaffInactive = errors.New("store: staff member is disabled")
)

// Role decides which desk screens a staff member may use.
type Role string

// Roles.
const (
	RoleReception  Role = "reception"
	RoleSupervisor Role = "supervisor"
	RoleAdmin      Role = "admin"
)

func (r Role) String() string { return string(r) }

func (r Role) valid() bool { return r == RoleReception || r == RoleSupervisor || r == RoleAdmin }

// Staff is a staff member as callers see it, without the PIN hash.
type Staff struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Role        Role      `json:"role"`
	Active      bool      `json:"active"`
	Failures    int       `json:"failures,omitempty"` // wrong PINs since the last sign-in or lockout
	LockedUntil time.Time `json:"locked_until,omitzero"`
	CreatedAt   time.Time `json:"created_at"`
}

// staffRecord is the stored form of a staff member.
type staffRecord struct {
	Staff
	PINHash string `json:"pin_hash"` // argon2id, in the PHC string format
}

// NewStaff is the input of AddStaff.
type NewStaff struct {
	ID   string
	Name string
	Role Role
	PIN  string
}

var pinPattern = regexp.MustCompile(`^[0-9]{4,12}$`)

func checkPIN(pin string) error {
	if !pinPattern.MatchString(pin) {
		// The PIN itself stays out of the message.
		return fmt.Errorf("%w: a PIN must be 4 to 12 ASCII digits", ErrInvalid)
	}
	return nil
}

// AddStaff stores a new staff member, active, with the PIN hashed by
// argon2id. by is the staff id of the administrator, for the audit log.
func (db *DB) AddStaff(ctx context.Context, ns NewStaff, by string) (Staff, error) {
	if err := ctx.Err(); err != nil {
		return Staff{}, fmt.Errorf("store: add staff %s: %w", ns.ID, err)
	}
	if err := checkStaffID(ns.ID); err != nil {
		return Staff{}, err
	}
	name := strings.TrimSpace(ns.Name)
	if name == "" || utf8.RuneCountInString(name) > 100 || strings.ContainsFunc(name, isControl) {
		return Staff{}, fmt.Errorf("%w: staff name %q must be 1 to 100 characters without control characters",
			ErrInvalid, ns.Name)
	}
	if !ns.Role.valid() {
		return Staff{}, fmt.Errorf("%w: role %q must be %s, %s or %s",
			ErrInvalid, ns.Role, RoleReception, RoleSupervisor, RoleAdmin)
	}
	if err := checkPIN(ns.PIN); err != nil {
		return Staff{}, err
	}

	// Hash before the transaction: argon2id takes tens of milliseconds and
	// would hold the write lock that ticket issue needs.
	hash, err := hashPIN(ns.PIN)
	if err != nil {
		return Staff{}, err
	}
	rec := staffRecord{
		Staff:   Staff{ID: ns.ID, Name: name, Role: ns.Role, Active: true, CreatedAt: db.now().UTC()},
		PINHash: hash,
	}
	err = db.update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketStaff)
		if b.Get([]byte(ns.ID)) != nil {
			return fmt.Errorf("%w: staff id %q; choose another id", ErrExists, ns.ID)
		}
		if err := putJSON(b, []byte(ns.ID), rec); err != nil {
			return err
		}
		return db.auditTx(tx, AuditEntry{Actor: by, Action: AuditStaffAdded, Subject: ns.ID, Detail: string(ns.Role)})
	})
	if err != nil {
		return Staff{}, err
	}
	return rec.Staff, nil
}

func isControl(r rune) bool { return r < ' ' || r == 0x7f }

// Staff returns one staff member, or ErrNotFound.
func (db *DB) Staff(id string) (Staff, error) {
	var rec staffRecord
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		var err error
		rec, err = getStaff(tx, id)
		return err
	})
	return rec.Staff, err
}

// StaffList returns every staff member, active or not, ordered by id.
func (db *DB) StaffList() ([]Staff, error) {
	var list []Staff
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketStaff).ForEach(func(k, _ []byte) error {
			rec, err := getStaff(tx, string(k))
			if err != nil {
				return err
			}
			list = append(list, rec.Staff)
			return nil
		})
	})
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	return list, err
}

// SetStaffActive enables or disables a staff member. A disabled member
// cannot sign in. Enabling also lifts a lockout.
func (db *DB) SetStaffActive(ctx context.Context, id string, active bool, by string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: set staff %s active: %w", id, err)
	}
	action := AuditStaffDisabled
	if active {
		action = AuditStaffEnabled
	}
	return db.update(func(tx *bbolt.Tx) error {
		rec, err := getStaff(tx, id)
		if err != nil {
			return err
		}
		rec.Active = active
		if active {
			rec.Failures, rec.LockedUntil = 0, time.Time{}
		}
		if err := putJSON(tx.Bucket(bucketStaff), []byte(id), rec); err != nil {
			return err
		}
		return db.auditTx(tx, AuditEntry{Actor: by, Action: action, Subject: id})
	})
}

// SetPIN replaces a staff member's PIN and lifts a lockout.
func (db *DB) SetPIN(ctx context.Context, id, pin, by string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: set PIN of %s: %w", id, err)
	}
	if err := checkPIN(pin); err != nil {
		return err
	}
	hash, err := hashPIN(pin)
	if err != nil {
		return err
	}
	return db.update(func(tx *bbolt.Tx) error {
		rec, err := getStaff(tx, id)
		if err != nil {
			return err
		}
		rec.PINHash = hash
		rec.Failures, rec.LockedUntil = 0, time.Time{}
		if err := putJSON(tx.Bucket(bucketStaff), []byte(id), rec); err != nil {
			return err
		}
		return db.auditTx(tx, AuditEntry{Actor: by, Action: AuditPINChanged, Subject: id})
	})
}

// SignIn checks a staff member's PIN at terminal and writes the outcome to
// the audit log. It returns ErrWrongPIN for an unknown id or a wrong PIN,
// and ErrStaffInactive for a disabled member. After
// StaffConfig.MaxPINFailures wrong PINs in a row it returns ErrLockedOut,
// naming the time the lockout ends. A locked member cannot sign in, even
// with the right PIN, for StaffConfig.Lockout.
func (db *DB) SignIn(ctx context.Context, id, pin, terminal string) (Staff, error) {
	if err := ctx.Err(); err != nil {
		return Staff{}, fmt.Errorf("store: sign in %s: %w", id, err)
	}
	rec, err := db.staffRecord(id)
	if errors.Is(err, ErrNotFound) {
		audit := AuditEntry{Action: AuditSignInFailed, Subject: id, Terminal: terminal, Detail: "unknown staff id"}
		return Staff{}, errors.Join(ErrWrongPIN, db.Audit(ctx, audit))
	}
	if err != nil {
		return Staff{}, err
	}

	// Verify before the transaction, for the same reason as in AddStaff.
	pinOK, err := verifyPIN(rec.PINHash, pin)
	if err != nil {
		return Staff{}, fmt.Errorf("store: staff %s: %w", id, err)
	}

	var outcome error
	err = db.update(func(tx *bbolt.Tx) error {
		// Read again: another terminal may have signed in or failed meanwhile.
		rec, err := getStaff(tx, id)
		if err != nil {
			return err
		}
		now := db.now().UTC()
		audit := AuditEntry{Actor: id, Subject: id, Terminal: terminal, At: now}
		switch {
		case !rec.Active:
			audit.Action, audit.Detail = AuditSignInFailed, "disabled"
			outcome = fmt.Errorf("%w: %s; ask an administrator to enable the account", ErrStaffInactive, id)
		case now.Before(rec.LockedUntil):
			audit.Action = AuditSignInLocked
			outcome = fmt.Errorf("%w: %s until %s", ErrLockedOut, id, rec.LockedUntil.In(db.loc).Format(time.TimeOnly))
		case pinOK:
			audit.Action = AuditSignIn
			rec.Failures, rec.LockedUntil = 0, time.Time{}
		default:
			audit.Action = AuditSignInFailed
			outcome = db.countFailure(&rec, now)
		}
		if err := putJSON(tx.Bucket(bucketStaff), []byte(id), rec); err != nil {
			return err
		}
		if err := db.auditTx(tx, audit); err != nil {
			return err
		}
		if errors.Is(outcome, ErrLockedOut) && audit.Action == AuditSignInFailed {
			audit.Action = AuditLockout
			audit.Detail = fmt.Sprintf("%d wrong PINs in a row, locked until %s",
				db.cfg.Staff.MaxPINFailures, rec.LockedUntil.Format(time.RFC3339))
			return db.auditTx(tx, audit)
		}
		return nil
	})
	if err != nil {
		return Staff{}, err
	}
	if outcome != nil {
		return Staff{}, outcome
	}
	return rec.Staff, nil
}

// countFailure adds one wrong PIN and locks the member out after
// StaffConfig.MaxPINFailures in a row. It returns the error SignIn returns.
func (db *DB) countFailure(rec *staffRecord, now time.Time) error {
	rec.Failures++
	if rec.Failures < db.cfg.Staff.MaxPINFailures {
		return ErrWrongPIN
	}
	rec.Failures = 0
	rec.LockedUntil = now.Add(db.cfg.Staff.Lockout)
	return fmt.Errorf("%w: %s until %s", ErrLockedOut, rec.ID, rec.LockedUntil.In(db.loc).Format(time.TimeOnly))
}

// SignOut writes a sign-out to the audit log; reason is, for example,
// "idle" or "by hand".
func (db *DB) SignOut(ctx context.Context, id, terminal, reason string) error {
	return db.Audit(ctx, AuditEntry{Actor: id, Action: AuditSignOut, Subject: id, Terminal: terminal, Detail: reason})
}

func (db *DB) staffRecord(id string) (staffRecord, error) {
	var rec staffRecord
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		var err error
		rec, err = getStaff(tx, id)
		return err
	})
	return rec, err
}

func getStaff(tx *bbolt.Tx, id string) (staffRecord, error) {
	var rec staffRecord
	err := getJSON(tx.Bucket(bucketStaff), []byte(id), &rec)
	if errors.Is(err, ErrNotFound) {
		return rec, fmt.Errorf("%w: staff id %q", ErrNotFound, id)
	}
	return rec, err
}

// argon2idParams are the cost of a new PIN hash: 19 MiB of memory, two
// passes, one lane, the lowest setting OWASP's Password Storage Cheat
// Sheet lists for argon2id. A PIN has few digits, so the lockout stops
// guessing at the desk and the hash cost only slows guessing from a stolen
// database file. Stored hashes carry their own parameters.
var argon2idParams = struct {
	memoryKiB uint32
	passes    uint32
	lanes     uint8
	saltLen   int
	keyLen    uint32
}{19 * 1024, 2, 1, 16, 32}

func hashPIN(pin string) (string, error) {
	p := argon2idParams
	salt := make([]byte, p.saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("store: read random salt: %w", err)
	}
	key := argon2.IDKey([]byte(pin), salt, p.passes, p.memoryKiB, p.lanes, p.keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memoryKiB, p.passes, p.lanes, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// verifyPIN compares pin with a hash in the PHC string format that
// hashPIN writes, in constant time.
func verifyPIN(encoded, pin string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("stored PIN hash is not argon2id; set the PIN again")
	}
	var version int
	var memory, passes uint32
	var lanes uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("stored PIN hash has argon2 version %q, want %d; set the PIN again",
			parts[2], argon2.Version)
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &passes, &lanes); err != nil {
		return false, fmt.Errorf("stored PIN hash has invalid parameters %q; set the PIN again", parts[3])
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err := errors.Join(err1, err2); err != nil || len(want) == 0 {
		return false, fmt.Errorf("stored PIN hash is damaged; set the PIN again: %w", err)
	}
	got := argon2.IDKey([]byte(pin), salt, passes, memory, lanes, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
