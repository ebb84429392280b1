package reception

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"frontdesk/store"
	"frontdesk/store/ident"
)

// StaffStore is what sign-in needs from the store. *store.DB satisfies it.
// The store checks the PIN against its argon2id hash, counts wrong PINs,
// locks the staff member out and writes every outcome to the audit log.
type StaffStore interface {
	SignIn(ctx context.Context, id, pin, terminal string) (store.Staff, error)
	SignOut(ctx context.Context, id, terminal, reason string) error
}

// Sign-out reasons written to the audit log.
const (
	SignOutByStaff = "signed out by staff"
	SignOutIdle    = "idle"
)

// ErrNotSignedIn is returned by the desk's actions while no staff member is
// signed in.
var ErrNotSignedIn = errors.New("reception: no staff member is signed in at this desk; sign in first")

// signIn checks the staff id and PIN as typed, so that a PIN typed in
// Arabic-Indic digits works, and asks the store.
func signIn(ctx context.Context, s StaffStore, terminal, id, pin string) (store.Staff, error) {
	id = strings.TrimSpace(id)
	pin = ident.NormalizeDigits(strings.TrimSpace(pin))
	if id == "" {
		return store.Staff{}, fmt.Errorf("%w: staff id is empty; enter your staff id", store.ErrWrongPIN)
	}
	return s.SignIn(ctx, id, pin, terminal)
}
