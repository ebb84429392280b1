package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

// cheapHashes lowers the argon2id cost for tests that hash many PINs and
// check the sign-in rules, not the hash.
func cheapHashes(t *testing.T) {
	saved := argon2idParams
	argon2idParams.memoryKiB, argon2idParams.passes = 64, 1
	t.Cleanup(func() { argon2idParams = saved })
}

func addStaff(t *testing.T, db *DB, id, pin string) {
	t.Helper()
	_, err := db.AddStaff(context.Background(), NewStaff{ID: id, Name: "Amal Al Mansoori", Role: RoleReception, PIN: pin}, "admin")
	if err != nil {
		t.Fatalf("AddStaff(%s): %v", id, err)
	}
}

func TestSignInLockout(t *testing.T) {
	cheapHashes(t)
	type attempt struct {
		wait    time.Duration // clock advance before the attempt
		pin     string
		wantErr error // nil for a successful sign-in
	}
	tests := []struct {
		name     string
		attempts []attempt
	}{
		{"right PIN", []attempt{{0, "4821", nil}}},
		{"wrong then right", []attempt{{0, "0000", ErrWrongPIN}, {0, "4821", nil}}},
		{"fifth wrong PIN locks", []attempt{
			{0, "0000", ErrWrongPIN}, {0, "0000", ErrWrongPIN}, {0, "0000", ErrWrongPIN}, {0, "0000", ErrWrongPIN},
			{0, "0000", ErrLockedOut},
		}},
		{"right PIN while locked", []attempt{
			{0, "0000", ErrWrongPIN}, {0, "0000", ErrWrongPIN}, {0, "0000", ErrWrongPIN}, {0, "0000", ErrWrongPIN},
			{0, "0000", ErrLockedOut},
			{4*time.Minute + 59*time.Second, "4821", ErrLockedOut},
		}},
		{"lockout ends after five minutes", []attempt{
			{0, "0000", ErrWrongPIN}, {0, "0000", ErrWrongPIN}, {0, "0000", ErrWrongPIN}, {0, "0000", ErrWrongPIN},
			{0, "0000", ErrLockedOut},
			{5 * time.Minute, "4821", nil},
		}},
		{"sign-in resets the count", []attempt{
			{0, "0000", ErrWrongPIN}, {0, "0000", ErrWrongPIN}, {0, "0000", ErrWrongPIN}, {0, "0000", ErrWrongPIN},
			{0, "4821", nil},
			{0, "0000", ErrWrongPIN},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, clock := openClocked(t, 0)
			addStaff(t, db, "amal", "4821")
			for i, a := range tc.attempts {
				clock.Advance(a.wait)
				s, err := db.SignIn(context.Background(), "amal", a.pin, "D1")
				if a.wantErr == nil {
					if err != nil || s.ID != "amal" {
						t.Fatalf("attempt %d: SignIn = %q, %v; want amal", i, s.ID, err)
					}
					continue
				}
				if !errors.Is(err, a.wantErr) {
					t.Fatalf("attempt %d: err = %v, want %v", i, err, a.wantErr)
				}
			}
		})
	}
}

func TestSignInAudit(t *testing.T) {
	cheapHashes(t)
	cfg := testConfig(t)
	clock := &fakeClock{now: testDay}
	cfg.Now = clock.Now
	cfg.Staff = StaffConfig{MaxPINFailures: 2, Lockout: time.Minute}
	db := openTest(t, cfg)
	ctx := context.Background()
	addStaff(t, db, "amal", "4821")

	_, _ = db.SignIn(ctx, "amal", "1111", "D1")
	_, err := db.SignIn(ctx, "amal", "1111", "D1")
	if !errors.Is(err, ErrLockedOut) || !strings.Contains(err.Error(), "09:01:00") {
		t.Errorf("second wrong PIN: err = %v, want ErrLockedOut until 09:01:00 Dubai time", err)
	}
	_, _ = db.SignIn(ctx, "amal", "4821", "D1")
	clock.Advance(time.Minute)
	if _, err := db.SignIn(ctx, "amal", "4821", "D1"); err != nil {
		t.Fatalf("sign-in after lockout: %v", err)
	}
	if err := db.SignOut(ctx, "amal", "D1", "idle"); err != nil {
		t.Fatal(err)
	}
	_, err = db.SignIn(ctx, "nobody", "4821", "D1")
	if !errors.Is(err, ErrWrongPIN) {
		t.Errorf("unknown id: err = %v, want ErrWrongPIN", err)
	}
	if err := db.SetStaffActive(ctx, "amal", false, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SignIn(ctx, "amal", "4821", "D1"); !errors.Is(err, ErrStaffInactive) {
		t.Errorf("disabled: err = %v, want ErrStaffInactive", err)
	}

	log, err := db.AuditLog(0, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := []AuditAction{
		AuditStaffAdded, AuditSignInFailed, AuditSignInFailed, AuditLockout, AuditSignInLocked,
		AuditSignIn, AuditSignOut, AuditSignInFailed, AuditStaffDisabled, AuditSignInFailed,
	}
	if len(log) != len(want) {
		t.Fatalf("audit log has %d entries, want %d: %+v", len(log), len(want), log)
	}
	for i, e := range log {
		if e.Action != want[i] {
			t.Errorf("audit[%d] = %s, want %s", i, e.Action, want[i])
		}
		if e.Seq != uint64(i+1) {
			t.Errorf("audit[%d] seq = %d, want %d", i, e.Seq, i+1)
		}
	}
	if log[1].Terminal != "D1" || log[1].Subject != "amal" {
		t.Errorf("failure entry %+v, want terminal D1, subject amal", log[1])
	}
	if strings.Contains(log[1].Detail, "1111") {
		t.Errorf("audit entry contains the PIN: %+v", log[1])
	}
}

func TestAddStaffRejectsInvalid(t *testing.T) {
	cheapHashes(t)
	tests := []struct {
		name    string
		ns      NewStaff
		wantErr error
	}{
		{"bad id", NewStaff{ID: "amal mansoori", Name: "Amal", Role: RoleReception, PIN: "4821"}, ErrInvalid},
		{"empty name", NewStaff{ID: "amal", Name: " ", Role: RoleReception, PIN: "4821"}, ErrInvalid},
		{"unknown role", NewStaff{ID: "amal", Name: "Amal", Role: "manager", PIN: "4821"}, ErrInvalid},
		{"short PIN", NewStaff{ID: "amal", Name: "Amal", Role: RoleReception, PIN: "482"}, ErrInvalid},
		{"PIN with letters", NewStaff{ID: "amal", Name: "Amal", Role: RoleReception, PIN: "48a1"}, ErrInvalid},
		{"taken id", NewStaff{ID: "badr", Name: "Badr", Role: RoleAdmin, PIN: "4821"}, ErrExists},
	}
	db := openTest(t, testConfig(t))
	addStaff(t, db, "badr", "9999")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := db.AddStaff(context.Background(), tc.ns, "admin")
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), tc.ns.PIN) && len(tc.ns.PIN) > 3 {
				t.Errorf("error %q contains the PIN", err)
			}
		})
	}
	list, err := db.StaffList()
	if err != nil || len(list) != 1 {
		t.Errorf("StaffList = %d members, %v; want only badr", len(list), err)
	}
}

func TestStaffStoresHashNotPIN(t *testing.T) {
	db := openTest(t, testConfig(t))
	addStaff(t, db, "amal", "482193")
	var raw string
	err := db.Bolt().View(func(tx *bbolt.Tx) error {
		raw = string(tx.Bucket(bucketStaff).Get([]byte("amal")))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(raw, "482193") {
		t.Errorf("stored record contains the PIN: %s", raw)
	}
	if !strings.Contains(raw, `"pin_hash":"$argon2id$v=19$m=19456,t=2,p=1$`) {
		t.Errorf("stored record has no argon2id hash: %s", raw)
	}

	s, err := db.Staff("amal")
	if err != nil || !s.Active || s.Role != RoleReception {
		t.Errorf("Staff = %+v, %v; want an active receptionist", s, err)
	}
	if err := db.SetPIN(context.Background(), "amal", "777777", "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SignIn(context.Background(), "amal", "482193", "D1"); !errors.Is(err, ErrWrongPIN) {
		t.Errorf("old PIN after change: err = %v, want ErrWrongPIN", err)
	}
	if _, err := db.SignIn(context.Background(), "amal", "777777", "D1"); err != nil {
		t.Errorf("new PIN: %v", err)
	}
}
