package reception

import (
	"errors"
	"fmt"
	"time"

	"frontdesk/store"
)

// ErrConfig is matched by every error that rejects a Config value.
var ErrConfig = errors.New("reception: invalid configuration")

// Config is what the desk and the hall display need from the configuration.
// cmd/frontdesk and frontdeskctl fill it; DefaultConfig gives every default.
type Config struct {
	// Counter is this desk's counter number, 1 to 999.
	Counter int
	// Terminal is this appliance's terminal id, written to the audit log
	// with every sign-in.
	Terminal string
	// CounterServices lists the ids of the services this counter calls.
	// Empty means every service in Services.
	CounterServices []string
	// Services is the hall's service menu, in the order the display lists
	// the waiting counts.
	Services []Service
	// PriorityEvery is N in "one priority ticket every N calls"; zero or
	// one calls priority tickets strictly first.
	PriorityEvery int
	// MaxRecalls is how many recalls a called ticket gets before the next
	// recall marks it a no-show. The store enforces it, so pass the same
	// value in store.Config.Queue (see StoreQueue).
	MaxRecalls int
	// IdleSignOut signs the desk out after this long without a tap.
	IdleSignOut time.Duration
	// MaxPINFailures wrong PINs in a row lock a staff member for Lockout.
	// The store enforces both (see StoreStaff).
	MaxPINFailures int
	Lockout        time.Duration
	// Departments are the departments a request can be transferred to.
	Departments []Department
	// HighlightFor is how long the hall display highlights a new call.
	HighlightFor time.Duration
	// RecentCalls is how many of the latest calls the display lists.
	RecentCalls int
	// Location is the business time zone in which times are shown.
	Location *time.Location
}

// Service is one service of the hall, as the display names it.
type Service struct {
	ID     string
	Letter string
	NameAR string
	NameEN string
	// Discreet services are never printed on a ticket, only the number.
	Discreet bool
}

// Department is a department that handles requests.
type Department struct {
	ID     string
	NameAR string
	NameEN string
}

// Name returns the department's name in lang ("ar" or "en").
func (d Department) Name(lang string) string {
	if lang == "ar" {
		return d.NameAR
	}
	return d.NameEN
}

// Name returns the service's name in lang ("ar" or "en").
func (s Service) Name(lang string) string {
	if lang == "ar" {
		return s.NameAR
	}
	return s.NameEN
}

// Defaults of Config.
const (
	DefaultIdleSignOut  = 10 * time.Minute
	DefaultHighlightFor = 8 * time.Second
	DefaultRecentCalls  = 6
)

// DefaultDepartments returns the department's divisions that handle
// requests.
func DefaultDepartments() []Department {
	return []Department{
		{ID: "social-assistance", NameAR: "إدارة المساعدات الاجتماعية", NameEN: "Social Assistance"},
		{ID: "protection", NameAR: "إدارة الحماية", NameEN: "Protection"},
		{ID: "home-care", NameAR: "الرعاية المنزلية لكبار المواطنين وأصحاب الهمم",
			NameEN: "Home Care for Seniors and People of Determination"},
		{ID: "family-consultations", NameAR: "الاستشارات الأسرية", NameEN: "Family Consultations"},
		{ID: "volunteer-centre", NameAR: "مركز التطوع", NameEN: "Volunteer Centre"},
		{ID: "customer-satisfaction", NameAR: "إسعاد المتعاملين", NameEN: "Customer Satisfaction"},
	}
}

// DefaultConfig returns the configuration of counter 1 serving every
// service, with the store's default recall and lockout rules.
func DefaultConfig() Config {
	return Config{
		Counter:        1,
		MaxRecalls:     store.DefaultMaxRecalls,
		IdleSignOut:    DefaultIdleSignOut,
		MaxPINFailures: store.DefaultMaxPINFailures,
		Lockout:        store.DefaultLockout,
		Departments:    DefaultDepartments(),
		HighlightFor:   DefaultHighlightFor,
		RecentCalls:    DefaultRecentCalls,
		Location:       time.FixedZone("+04", 4*60*60),
	}
}

// Validate checks the values the flows rely on and names the first bad one.
func (c Config) Validate() error {
	if c.Counter < 1 || c.Counter > 999 {
		return fmt.Errorf("%w: counter %d must be between 1 and 999", ErrConfig, c.Counter)
	}
	known := make(map[string]bool, len(c.Services))
	for _, s := range c.Services {
		known[s.ID] = true
	}
	for _, id := range c.CounterServices {
		if !known[id] {
			return fmt.Errorf("%w: counter service %q is not one of the hall's services; add it to services or remove it",
				ErrConfig, id)
		}
	}
	if c.PriorityEvery < 0 {
		return fmt.Errorf("%w: priority rule %d must be 0 (priority first) or N for one priority ticket every N calls",
			ErrConfig, c.PriorityEvery)
	}
	if c.IdleSignOut <= 0 {
		return fmt.Errorf("%w: idle sign-out %v must be positive", ErrConfig, c.IdleSignOut)
	}
	if len(c.Departments) == 0 {
		return fmt.Errorf("%w: no departments; list at least one, or use DefaultDepartments", ErrConfig)
	}
	seen := map[string]bool{}
	for _, d := range c.Departments {
		if d.ID == "" || d.NameAR == "" || d.NameEN == "" {
			return fmt.Errorf("%w: department %q needs an id and Arabic and English names", ErrConfig, d.ID)
		}
		if seen[d.ID] {
			return fmt.Errorf("%w: department %q is listed twice", ErrConfig, d.ID)
		}
		seen[d.ID] = true
	}
	return nil
}

// ServiceIDs returns the services this counter calls.
func (c Config) ServiceIDs() []string {
	if len(c.CounterServices) > 0 {
		return c.CounterServices
	}
	ids := make([]string, len(c.Services))
	for i, s := range c.Services {
		ids[i] = s.ID
	}
	return ids
}

// Rule returns the priority rule for the store.
func (c Config) Rule() store.PriorityRule { return store.PriorityRule{Every: c.PriorityEvery} }

// StoreQueue returns the queue rules to open the store with.
func (c Config) StoreQueue() store.QueueConfig { return store.QueueConfig{MaxRecalls: c.MaxRecalls} }

// StoreStaff returns the sign-in rules to open the store with.
func (c Config) StoreStaff() store.StaffConfig {
	return store.StaffConfig{MaxPINFailures: c.MaxPINFailures, Lockout: c.Lockout}
}

// Department returns the configured department with the id.
func (c Config) Department(id string) (Department, bool) {
	for _, d := range c.Departments {
		if d.ID == id {
			return d, true
		}
	}
	return Department{}, false
}

// Service returns the hall service with the id.
func (c Config) Service(id string) (Service, bool) {
	for _, s := range c.Services {
		if s.ID == id {
			return s, true
		}
	}
	return Service{}, false
}

func (c Config) location() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}
