package store

import "time"

// QueueConfig holds the rules of calling tickets.
type QueueConfig struct {
	// MaxRecalls is how many times a called number may be recalled; the
	// recall after that marks the ticket a no-show. Zero means
	// DefaultMaxRecalls, and a negative value never marks one automatically.
	MaxRecalls int
}

// DefaultMaxRecalls is QueueConfig.MaxRecalls when it is zero.
const DefaultMaxRecalls = 3

func (c QueueConfig) withDefaults() QueueConfig {
	if c.MaxRecalls == 0 {
		c.MaxRecalls = DefaultMaxRecalls
	}
	return c
}

// StaffConfig holds the sign-in rules.
type StaffConfig struct {
	// MaxPINFailures is how many wrong PINs in a row lock a staff member.
	// Zero means DefaultMaxPINFailures.
	MaxPINFailures int
	// Lockout is how long a locked staff member cannot sign in. Zero means
	// DefaultLockout.
	Lockout time.Duration
}

// Defaults of StaffConfig.
const (
	DefaultMaxPINFailures = 5
	DefaultLockout        = 5 * time.Minute
)

func (c StaffConfig) withDefaults() StaffConfig {
	if c.MaxPINFailures <= 0 {
		c.MaxPINFailures = DefaultMaxPINFailures
	}
	if c.Lockout <= 0 {
		c.Lockout = DefaultLockout
	}
	return c
}
