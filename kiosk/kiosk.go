// Package kiosk holds the citizen's flows at the touchscreen kiosk in plain
// Go: taking a numbered ticket and the session of one citizen, from the
// language choice to the confirmation and back to the start screen. The
// screens in kiosk/ui only draw what a Session reports and forward taps.
//
// A ticket is stored before a byte is printed. When the printer fails, the
// ticket stays recorded as not printed, and the Result names the message
// that asks the citizen in plain words to keep the number.
package kiosk

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"time"

	"frontdesk/assets/i18n"
	"frontdesk/devices/receipt"
	"frontdesk/store"
)

// Defaults for the zero fields of Config.
const (
	DefaultIdleTimeout  = 45 * time.Second
	DefaultDoneTimeout  = 15 * time.Second
	DefaultPrintTimeout = 30 * time.Second
	DefaultLang         = i18n.Arabic
)

// TapGuard is how long a session ignores taps after its screen changes.
// The second tap of a double tap lands on the next screen, often on a
// button in the same place, and must not choose anything there.
const TapGuard = 400 * time.Millisecond

var (
	// ErrConfig is matched by every error that rejects a Config.
	ErrConfig = errors.New("kiosk: invalid configuration")
	// ErrUnknownService is returned for a service id the kiosk does not
	// offer.
	ErrUnknownService = errors.New("kiosk: unknown service")
	// ErrUnknownLanguage is returned for a language with no translations.
	ErrUnknownLanguage = errors.New("kiosk: unknown language")
)

// Store records tickets. *store.DB implements it.
type Store interface {
	// IssueTicket numbers and commits a new ticket.
	IssueTicket(ctx context.Context, nt store.NewTicket) (store.Ticket, error)
	// SetPrintStatus records whether the ticket came out of the printer.
	SetPrintStatus(ctx context.Context, id string, s store.PrintStatus) error
}

// Printer sends a laid-out ticket to the paper. The printers of
// frontdesk/devices/printer implement it.
type Printer interface {
	Print(ctx context.Context, job []byte) error
}

// Layout turns a ticket into the printer's bytes.
type Layout interface {
	Ticket(t receipt.Ticket) ([]byte, error)
}

// Linker signs upload links. *uploadlink.Signer implements it.
type Linker interface {
	// Token returns the signed token for a ticket id issued at a time.
	Token(subject string, issued time.Time) (string, error)
	// URL returns the upload link that carries a token.
	URL(token string) string
}

// Service is one button of the kiosk's service menu.
type Service struct {
	ID     string
	Letter string // the ticket letter, A to Z
	NameAR string
	NameEN string
	Icon   string // an icon name from frontdesk/assets/icons
	// Discreet services print only the number on the ticket, never the
	// service name, so a slip left behind does not tell what it was for.
	Discreet bool
}

// Name returns the service's name in a language, English for any
// language but Arabic.
func (s Service) Name(lang string) string {
	if lang == i18n.Arabic {
		return s.NameAR
	}
	return s.NameEN
}

// Config is the kiosk's part of the configuration.
type Config struct {
	Services           []Service
	CentreAR, CentreEN string
	// IdleTimeout returns a session to the start screen after no tap.
	// Zero means DefaultIdleTimeout.
	IdleTimeout time.Duration
	// DoneTimeout returns the confirmation screen to the start, so the
	// next citizen does not find the last one's number. Zero means
	// DefaultDoneTimeout, or IdleTimeout when that is shorter.
	DoneTimeout time.Duration
	// PrintTimeout bounds one print job. Zero means DefaultPrintTimeout.
	PrintTimeout time.Duration
	// Location is the business time zone printed on tickets. Nil means UTC.
	Location *time.Location
	// DefaultLang is the language of each new session: "ar" or "en". Empty
	// means Arabic.
	DefaultLang string
	// Clock runs the sessions' timers. Nil means SystemClock.
	Clock Clock
}

var letterPattern = regexp.MustCompile(`^[A-Z]$`)

// withDefaults fills the zero fields and checks the rest.
func (c Config) withDefaults() (Config, error) {
	if len(c.Services) == 0 {
		return c, fmt.Errorf("%w: no services: configure at least one", ErrConfig)
	}
	seen := map[string]bool{}
	for i, s := range c.Services {
		if s.ID == "" || seen[s.ID] {
			return c, fmt.Errorf("%w: service %d has id %q: give each service a unique id", ErrConfig, i, s.ID)
		}
		seen[s.ID] = true
		if !letterPattern.MatchString(s.Letter) {
			return c, fmt.Errorf("%w: service %s has letter %q: use one capital letter A to Z", ErrConfig, s.ID, s.Letter)
		}
		if s.NameAR == "" || s.NameEN == "" {
			return c, fmt.Errorf("%w: service %s lacks an Arabic or English name", ErrConfig, s.ID)
		}
	}

	if c.DefaultLang == "" {
		c.DefaultLang = DefaultLang
	}
	if !slices.Contains(i18n.Languages(), c.DefaultLang) {
		return c, fmt.Errorf("%w: default language %q: use one of %v", ErrConfig, c.DefaultLang, i18n.Languages())
	}
	for _, d := range []*time.Duration{&c.IdleTimeout, &c.DoneTimeout, &c.PrintTimeout} {
		if *d < 0 {
			return c, fmt.Errorf("%w: negative timeout %v", ErrConfig, *d)
		}
	}
	if c.IdleTimeout == 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.DoneTimeout == 0 {
		c.DoneTimeout = min(DefaultDoneTimeout, c.IdleTimeout)
	}
	if c.PrintTimeout == 0 {
		c.PrintTimeout = DefaultPrintTimeout
	}
	if c.Location == nil {
		c.Location = time.UTC
	}
	if c.Clock == nil {
		c.Clock = SystemClock()
	}
	return c, nil
}

// Kiosk issues and prints tickets. Its methods are safe for concurrent use
// when its Store, Printer, Layout and Linker are.
type Kiosk struct {
	cfg     Config
	store   Store
	printer Printer
	layout  Layout
	linker  Linker
}

// New returns a kiosk. The linker may be nil, and tickets then carry no
// upload link.
func New(cfg Config, st Store, p Printer, l Layout, lk Linker) (*Kiosk, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if st == nil || p == nil || l == nil {
		return nil, fmt.Errorf("%w: store, printer and layout are required", ErrConfig)
	}
	cfg.Services = slices.Clone(cfg.Services)
	return &Kiosk{cfg: cfg, store: st, printer: p, layout: l, linker: lk}, nil
}

// Config returns the configuration with its defaults filled in.
func (k *Kiosk) Config() Config {
	c := k.cfg
	c.Services = slices.Clone(c.Services)
	return c
}

// Services returns the service menu in its configured order.
func (k *Kiosk) Services() []Service { return slices.Clone(k.cfg.Services) }

// Service returns the service with an id.
func (k *Kiosk) Service(id string) (Service, bool) {
	i := slices.IndexFunc(k.cfg.Services, func(s Service) bool { return s.ID == id })
	if i < 0 {
		return Service{}, false
	}
	return k.cfg.Services[i], true
}
