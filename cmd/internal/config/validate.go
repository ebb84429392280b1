package config

import (
	"encoding/hex"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"frontdesk/store/money"
)

// Roles are the values terminal.role accepts.
var Roles = []string{"kiosk", "reception", "display", "vehicle"}

var (
	idPattern     = regexp.MustCompile(`^[A-Za-z0-9]{1,8}$`)
	serviceID     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	letterPattern = regexp.MustCompile(`^[A-Z]$`)
	prefixPattern = regexp.MustCompile(`^([A-Z0-9]{1,4})?$`)
	allowedBauds  = []int{9600, 19200, 38400, 57600, 115200}
	allowedWidths = []int{576, 384}
	// A link must stay under maxLinkLength characters. The longest token
	// is a 31-character ticket id, a dot, the expiry in 7 base-36 digits
	// (6 until 2038), a dot and the 22-character signature.
	maxLinkLength  = 110
	linkTokenSpace = 31 + 1 + 7 + 1 + 22
)

// invalid builds the one-line error for a bad value: the key, the value and
// what is allowed.
func invalid(key string, value any, allowed string) error {
	return fmt.Errorf("%w: %s is %q; %s", ErrInvalid, key, fmt.Sprint(value), allowed)
}

// finish validates every value, loads the time zone and makes DataDir
// absolute.
func (c *Config) finish() error {
	checks := []func() error{
		c.checkTerminal, c.checkPrinter, c.checkUpload, c.checkKiosk, c.checkServices,
		c.checkReception, c.checkLedger, c.checkRating, c.checkDepartments,
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}

	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil || c.TimeZone == "" {
		return invalid("time_zone", c.TimeZone, "allowed: an IANA time zone name such as Asia/Dubai")
	}
	c.Location = loc

	if c.DataDir == "" {
		dir := xdgDir("XDG_DATA_HOME", filepath.Join(".local", "share"))
		if dir == "" {
			return invalid("data_dir", "", "set data_dir, XDG_DATA_HOME or HOME")
		}
		c.DataDir = filepath.Join(dir, "frontdesk")
	}
	abs, err := filepath.Abs(c.DataDir)
	if err != nil {
		return invalid("data_dir", c.DataDir, "allowed: a directory path")
	}
	c.DataDir = abs
	return nil
}

func (c *Config) checkTerminal() error {
	t := c.Terminal
	if !idPattern.MatchString(t.ID) {
		return invalid("terminal.id", t.ID, "allowed: 1 to 8 letters or digits, such as K1")
	}
	if !idPattern.MatchString(t.Site) {
		return invalid("terminal.site", t.Site, "allowed: 1 to 8 letters or digits, such as S1")
	}
	roles := t.Roles()
	seen := map[string]bool{}
	for _, r := range roles {
		if !slices.Contains(Roles, r) || seen[r] {
			return invalid("terminal.role", t.Role, "allowed: one of "+strings.Join(Roles, ", ")+
				", or several joined by commas such as reception,display")
		}
		seen[r] = true
	}
	if len(roles) == 0 {
		return invalid("terminal.role", t.Role, "allowed: one of "+strings.Join(Roles, ", "))
	}
	if t.Counter < 1 || t.Counter > 99 {
		return invalid("terminal.counter", t.Counter, "allowed: a counter number from 1 to 99")
	}
	if !prefixPattern.MatchString(t.NumberPrefix) {
		return invalid("terminal.number_prefix", t.NumberPrefix, "allowed: empty, or 1 to 4 capital letters or digits such as V1")
	}
	return nil
}

// Roles returns the roles of terminal.role, which names one role or
// several joined by commas, each opening its own windows.
func (t Terminal) Roles() []string {
	var roles []string
	for _, r := range strings.Split(t.Role, ",") {
		if r = strings.TrimSpace(r); r != "" {
			roles = append(roles, r)
		}
	}
	return roles
}

func (c *Config) checkPrinter() error {
	p := c.Printer
	if p.Port == "" || strings.ContainsAny(p.Port, "\n\r\x00") || p.Port == "file:" {
		return invalid("printer.port", p.Port, `allowed: "virtual", "file:PATH" or a serial device path such as /dev/ttyUSB0`)
	}
	if !slices.Contains(allowedBauds, p.Baud) {
		return invalid("printer.baud", p.Baud, "allowed: 9600, 19200, 38400, 57600 or 115200")
	}
	if !slices.Contains(allowedWidths, p.WidthDots) {
		return invalid("printer.width_dots", p.WidthDots, "allowed: 576 (80 mm paper) or 384 (58 mm paper)")
	}
	if p.CodePage < 0 || p.CodePage > 255 {
		return invalid("printer.code_page", p.CodePage, "allowed: an ESC t code page number from 0 to 255")
	}
	if _, err := c.Printer.CutBytes(); err != nil {
		return invalid("printer.cut", p.Cut, "allowed: the cut command as hexadecimal bytes, such as 1d564200")
	}
	if p.StatusTimeout < 50*time.Millisecond || p.StatusTimeout > 30*time.Second {
		return invalid("printer.status_timeout", p.StatusTimeout, "allowed: a duration from 50ms to 30s, such as 1s")
	}
	return nil
}

// CutBytes returns the cut command decoded from its hexadecimal form.
func (p Printer) CutBytes() ([]byte, error) {
	b, err := hex.DecodeString(strings.ReplaceAll(p.Cut, " ", ""))
	if err != nil || len(b) == 0 || len(b) > 8 {
		return nil, fmt.Errorf("%w: printer.cut %q is not 1 to 8 hexadecimal bytes", ErrInvalid, p.Cut)
	}
	return b, nil
}

func (c *Config) checkUpload() error {
	u := c.Upload
	parsed, err := url.Parse(u.BaseURL)
	if err != nil || (parsed.Scheme != "https" && parsed.Scheme != "http") || parsed.Host == "" ||
		parsed.RawQuery != "" || parsed.Fragment != "" || strings.HasSuffix(u.BaseURL, "/") {
		return invalid("upload.base_url", u.BaseURL, "allowed: an http or https URL with no query and no trailing slash, such as https://upload.example")
	}
	if len(u.BaseURL)+len("/u/")+linkTokenSpace >= maxLinkLength {
		return invalid("upload.base_url", u.BaseURL, fmt.Sprintf("allowed: at most %d characters, so the whole link stays under %d and its QR code stays small",
			maxLinkLength-1-len("/u/")-linkTokenSpace, maxLinkLength))
	}
	if u.LinkLifetime < time.Minute || u.LinkLifetime > 90*24*time.Hour {
		return invalid("upload.link_lifetime", u.LinkLifetime, "allowed: a duration from 1m to 2160h (90 days), such as 168h")
	}
	return nil
}

func (c *Config) checkKiosk() error {
	k := c.Kiosk
	if k.IdleTimeout < 5*time.Second || k.IdleTimeout > time.Hour {
		return invalid("kiosk.idle_timeout", k.IdleTimeout, "allowed: a duration from 5s to 1h, such as 45s")
	}
	if k.DefaultLanguage != "ar" && k.DefaultLanguage != "en" {
		return invalid("kiosk.default_language", k.DefaultLanguage, "allowed: ar or en")
	}
	return nil
}

// checkText rejects a control or format character in a name that is shown
// on screen and printed: the printer drops them, but the screen shows
// them as boxes.
func checkText(key, value string) error {
	for _, r := range value {
		if unicode.IsControl(r) || (unicode.Is(unicode.Cf, r) && r != '\u200c' && r != '\u200d') {
			return invalid(key, value, fmt.Sprintf("allowed: text without control characters (found U+%04X)", r))
		}
	}
	return nil
}

func (c *Config) checkServices() error {
	if err := checkText("centre.name_ar", c.Centre.NameAR); err != nil {
		return err
	}
	if err := checkText("centre.name_en", c.Centre.NameEN); err != nil {
		return err
	}
	if len(c.Services) == 0 {
		return invalid("services", "[]", "allowed: at least one service")
	}
	ids := map[string]bool{}
	letters := map[string]string{}
	for i, s := range c.Services {
		key := fmt.Sprintf("services[%d]", i)
		if !serviceID.MatchString(s.ID) {
			return invalid(key+".id", s.ID, "allowed: lowercase letters, digits and single dashes, such as home-care")
		}
		if ids[s.ID] {
			return invalid(key+".id", s.ID, "allowed: an id not used by another service")
		}
		ids[s.ID] = true
		if !letterPattern.MatchString(s.Letter) {
			return invalid(key+".letter", s.Letter, "allowed: one capital letter A to Z")
		}
		if other, taken := letters[s.Letter]; taken {
			return invalid(key+".letter", s.Letter, "allowed: a letter not used by another service ("+other+" has it)")
		}
		letters[s.Letter] = s.ID
		if strings.TrimSpace(s.NameAR) == "" || strings.TrimSpace(s.NameEN) == "" {
			return invalid(key+".name_ar and name_en", s.NameAR+"/"+s.NameEN, "allowed: both names, Arabic and English, not empty")
		}
		if err := checkText(key+".name_ar", s.NameAR); err != nil {
			return err
		}
		if err := checkText(key+".name_en", s.NameEN); err != nil {
			return err
		}
	}
	return nil
}

func (c *Config) checkReception() error {
	r := c.Reception
	for i, id := range r.CounterServices {
		if !slices.ContainsFunc(c.Services, func(s Service) bool { return s.ID == id }) {
			return invalid(fmt.Sprintf("reception.counter_services[%d]", i), id, "allowed: the id of a configured service")
		}
	}
	ranges := []struct {
		key      string
		value    time.Duration
		min, max time.Duration
		example  string
	}{
		{"reception.idle_sign_out", r.IdleSignOut, time.Minute, 12 * time.Hour, "10m"},
		{"reception.lockout", r.Lockout, time.Minute, 24 * time.Hour, "5m"},
		{"reception.display_highlight", r.DisplayHighlight, time.Second, time.Minute, "8s"},
	}
	for _, rg := range ranges {
		if rg.value < rg.min || rg.value > rg.max {
			return invalid(rg.key, rg.value, fmt.Sprintf("allowed: a duration from %v to %v, such as %s", rg.min, rg.max, rg.example))
		}
	}
	if r.PriorityEvery < 0 || r.PriorityEvery > 100 {
		return invalid("reception.priority_every", r.PriorityEvery, "allowed: 0 (priority tickets strictly first) or N from 1 to 100")
	}
	if r.MaxRecalls < 1 || r.MaxRecalls > 20 {
		return invalid("reception.max_recalls", r.MaxRecalls, "allowed: 1 to 20")
	}
	if r.MaxPINFailures < 3 || r.MaxPINFailures > 20 {
		return invalid("reception.max_pin_failures", r.MaxPINFailures, "allowed: 3 to 20")
	}
	return nil
}

func (c *Config) checkLedger() error {
	if _, err := c.Ledger.MaxAmountFils(); err != nil {
		return invalid("ledger.max_amount", c.Ledger.MaxAmount, "allowed: a positive amount in AED with at most two decimals, such as 50000.00")
	}
	return nil
}

// MaxAmountFils returns ledger.max_amount in fils.
func (l Ledger) MaxAmountFils() (money.Fils, error) {
	return money.ParseAED(l.MaxAmount)
}

func (c *Config) checkRating() error {
	r := c.Rating
	if r.ReplaceWindow < time.Second || r.ReplaceWindow > 24*time.Hour {
		return invalid("rating.replace_window", r.ReplaceWindow, "allowed: a duration from 1s to 24h, such as 2m")
	}
	opens, err := clockTime(r.ServiceOpens)
	if err != nil {
		return invalid("rating.service_opens", r.ServiceOpens, "allowed: a time of day HH:MM, such as 07:00")
	}
	closes, err := clockTime(r.ServiceCloses)
	if err != nil || closes <= opens {
		return invalid("rating.service_closes", r.ServiceCloses, "allowed: a time of day HH:MM after rating.service_opens, such as 20:00")
	}
	return nil
}

// ServiceHours returns the service hours as offsets from local midnight.
func (r Rating) ServiceHours() (opens, closes time.Duration) {
	opens, _ = clockTime(r.ServiceOpens)
	closes, _ = clockTime(r.ServiceCloses)
	return opens, closes
}

// clockTime parses "HH:MM" (00:00 to 24:00) into an offset from midnight.
func clockTime(s string) (time.Duration, error) {
	if s == "24:00" {
		return 24 * time.Hour, nil
	}
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, err
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

func (c *Config) checkDepartments() error {
	if len(c.Departments) == 0 {
		return invalid("departments", "[]", "allowed: at least one department")
	}
	seen := map[string]bool{}
	for i, d := range c.Departments {
		key := fmt.Sprintf("departments[%d]", i)
		if !serviceID.MatchString(d.ID) || seen[d.ID] {
			return invalid(key+".id", d.ID, "allowed: a unique id of lowercase letters, digits and single dashes")
		}
		seen[d.ID] = true
		if strings.TrimSpace(d.NameAR) == "" || strings.TrimSpace(d.NameEN) == "" {
			return invalid(key+".name_ar and name_en", d.NameAR+"/"+d.NameEN, "allowed: both names, Arabic and English, not empty")
		}
	}
	return nil
}
