// Package config loads frontdesk's configuration with viper: the defaults
// embedded in assets, then one YAML file, then FRONTDESK_* environment
// variables. It is the only package that reads viper; the commands turn the
// result into each package's own Config.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // the business time zone must load on a minimal system

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"

	"frontdesk/assets"
)

// Config is the whole effective configuration.
type Config struct {
	Terminal Terminal  `mapstructure:"terminal" yaml:"terminal"`
	DataDir  string    `mapstructure:"data_dir" yaml:"data_dir"`
	TimeZone string    `mapstructure:"time_zone" yaml:"time_zone"`
	Centre   Centre    `mapstructure:"centre" yaml:"centre"`
	Printer  Printer   `mapstructure:"printer" yaml:"printer"`
	Upload   Upload    `mapstructure:"upload" yaml:"upload"`
	Kiosk    Kiosk     `mapstructure:"kiosk" yaml:"kiosk"`
	Services []Service `mapstructure:"services" yaml:"services"`

	Reception   Reception    `mapstructure:"reception" yaml:"reception"`
	Ledger      Ledger       `mapstructure:"ledger" yaml:"ledger"`
	Rating      Rating       `mapstructure:"rating" yaml:"rating"`
	Departments []Department `mapstructure:"departments" yaml:"departments"`

	// Location is TimeZone loaded; File is the configuration file that was
	// read, empty when only the defaults and the environment apply.
	Location *time.Location `mapstructure:"-" yaml:"-"`
	File     string         `mapstructure:"-" yaml:"-"`
}

// Terminal identifies this appliance and picks its screens.
type Terminal struct {
	ID           string `mapstructure:"id" yaml:"id"`
	Site         string `mapstructure:"site" yaml:"site"`
	Role         string `mapstructure:"role" yaml:"role"`
	Counter      int    `mapstructure:"counter" yaml:"counter"`
	NumberPrefix string `mapstructure:"number_prefix" yaml:"number_prefix"`
}

// Centre holds the names printed at the top of every ticket.
type Centre struct {
	NameAR string `mapstructure:"name_ar" yaml:"name_ar"`
	NameEN string `mapstructure:"name_en" yaml:"name_en"`
}

// Printer describes the receipt printer and its line.
type Printer struct {
	Port          string        `mapstructure:"port" yaml:"port"`
	Baud          int           `mapstructure:"baud" yaml:"baud"`
	WidthDots     int           `mapstructure:"width_dots" yaml:"width_dots"`
	CodePage      int           `mapstructure:"code_page" yaml:"code_page"`
	NativeQR      bool          `mapstructure:"native_qr" yaml:"native_qr"`
	CancelKanji   bool          `mapstructure:"cancel_kanji" yaml:"cancel_kanji"`
	Cut           string        `mapstructure:"cut" yaml:"cut"`
	StatusTimeout time.Duration `mapstructure:"status_timeout" yaml:"status_timeout"`
}

// Upload configures the signed links to the upload portal.
type Upload struct {
	BaseURL      string        `mapstructure:"base_url" yaml:"base_url"`
	LinkLifetime time.Duration `mapstructure:"link_lifetime" yaml:"link_lifetime"`
}

// Kiosk configures the citizen's touchscreen.
type Kiosk struct {
	IdleTimeout     time.Duration `mapstructure:"idle_timeout" yaml:"idle_timeout"`
	Fullscreen      bool          `mapstructure:"fullscreen" yaml:"fullscreen"`
	DefaultLanguage string        `mapstructure:"default_language" yaml:"default_language"`
}

// Service is one entry of the kiosk's service menu.
type Service struct {
	ID       string `mapstructure:"id" yaml:"id"`
	Letter   string `mapstructure:"letter" yaml:"letter"`
	NameAR   string `mapstructure:"name_ar" yaml:"name_ar"`
	NameEN   string `mapstructure:"name_en" yaml:"name_en"`
	Icon     string `mapstructure:"icon" yaml:"icon"`
	Discreet bool   `mapstructure:"discreet" yaml:"discreet"`
}

// Reception configures the desk's counter, its queue rules, sign-in and
// the hall display.
type Reception struct {
	CounterServices  []string      `mapstructure:"counter_services" yaml:"counter_services"`
	PriorityEvery    int           `mapstructure:"priority_every" yaml:"priority_every"`
	MaxRecalls       int           `mapstructure:"max_recalls" yaml:"max_recalls"`
	IdleSignOut      time.Duration `mapstructure:"idle_sign_out" yaml:"idle_sign_out"`
	MaxPINFailures   int           `mapstructure:"max_pin_failures" yaml:"max_pin_failures"`
	Lockout          time.Duration `mapstructure:"lockout" yaml:"lockout"`
	DisplayHighlight time.Duration `mapstructure:"display_highlight" yaml:"display_highlight"`
}

// Ledger configures the social assistance ledger.
type Ledger struct {
	MaxAmount  string `mapstructure:"max_amount" yaml:"max_amount"`
	OfficeCopy bool   `mapstructure:"office_copy" yaml:"office_copy"`
}

// Rating configures the satisfaction ratings.
type Rating struct {
	ReplaceWindow time.Duration `mapstructure:"replace_window" yaml:"replace_window"`
	ServiceOpens  string        `mapstructure:"service_opens" yaml:"service_opens"`
	ServiceCloses string        `mapstructure:"service_closes" yaml:"service_closes"`
}

// Department is a department that handles requests.
type Department struct {
	ID     string `mapstructure:"id" yaml:"id"`
	NameAR string `mapstructure:"name_ar" yaml:"name_ar"`
	NameEN string `mapstructure:"name_en" yaml:"name_en"`
}

// ErrInvalid is matched by every error that rejects a configuration value.
var ErrInvalid = errors.New("invalid configuration")

// SearchPaths returns the files tried, in order, when no --config is given.
func SearchPaths() []string {
	paths := []string{"frontdesk.yaml"}
	if dir := xdgDir("XDG_CONFIG_HOME", ".config"); dir != "" {
		paths = append(paths, filepath.Join(dir, "frontdesk", "frontdesk.yaml"))
	}
	return append(paths, "/etc/frontdesk/frontdesk.yaml")
}

// Load reads the configuration. With file empty it uses the first file of
// SearchPaths that exists, or none. The result is validated, DataDir is made
// absolute and Location is loaded.
func Load(file string) (*Config, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(assets.DefaultConfig)); err != nil {
		return nil, fmt.Errorf("config: embedded defaults: %w", err)
	}

	if file == "" {
		file = firstExisting(SearchPaths())
	}
	if file != "" {
		if err := mergeFile(v, file); err != nil {
			return nil, err
		}
	}

	v.SetEnvPrefix("FRONTDESK")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	if err := checkEnvironment(v); err != nil {
		return nil, err
	}

	var cfg Config
	err := v.Unmarshal(&cfg, func(dc *mapstructure.DecoderConfig) {
		dc.ErrorUnused = true
		dc.DecodeHook = mapstructure.ComposeDecodeHookFunc(
			mapstructure.StringToTimeDurationHookFunc(),
			mapstructure.StringToSliceHookFunc(","),
		)
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %s", ErrInvalid, describe(file), decodeMessage(v, err))
	}
	cfg.File = file
	if err := cfg.finish(); err != nil {
		return nil, fmt.Errorf("%s: %w", describe(file), err)
	}
	return &cfg, nil
}

// checkEnvironment rejects a FRONTDESK_ variable that names no key, so a
// misspelt FRONTDESK_PRINTER_PROT is not silently ignored while tickets
// go to the virtual printer.
func checkEnvironment(v *viper.Viper) error {
	known := map[string]bool{}
	for _, key := range v.AllKeys() {
		known[envName(key)] = true
	}
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "FRONTDESK_") || known[name] || value == "" {
			continue
		}
		return fmt.Errorf("%w: environment variable %s names no configuration key; check its spelling (FRONTDESK_ and the key path with _ for each dot, such as FRONTDESK_PRINTER_PORT) or unset it", ErrInvalid, name)
	}
	return nil
}

// envName returns the environment variable that sets a key.
func envName(key string) string {
	return "FRONTDESK_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

func mergeFile(v *viper.Viper, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("config: read %s: %w", file, err)
	}
	if err := v.MergeConfig(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("%w: %s is not valid YAML: %s", ErrInvalid, file, oneLine(err.Error()))
	}
	return nil
}

func describe(file string) string {
	if file == "" {
		return "config (defaults and environment)"
	}
	return "config " + file
}

// decodeMessage turns mapstructure's multi-line report into one line that
// names the key, the value and what is allowed.
func decodeMessage(v *viper.Viper, err error) string {
	msg := oneLine(err.Error())
	msg = strings.TrimPrefix(msg, "decoding failed due to the following error(s): ; ")
	if m := unknownKeys.FindStringSubmatch(msg); m != nil {
		var keys []string
		for _, k := range strings.Split(m[2], ", ") {
			keys = append(keys, strings.TrimPrefix(m[1]+"."+k, "."))
		}
		return "unknown key " + strings.Join(keys, ", ") +
			"; remove it or check its spelling against the defaults (frontdeskctl config show)"
	}
	if m := keyError.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s is %q; %s", m[1], fmt.Sprint(rawValue(v, m[1])), allowedFor(m[2]))
	}
	return msg
}

var (
	// unknownKeys matches mapstructure's report of keys no field takes,
	// with the section they are in (empty at the top level).
	unknownKeys = regexp.MustCompile(`'([a-z_.\[\]0-9]*)' has invalid keys: (.*)$`)
	// keyError matches mapstructure's report of a value it could not
	// decode into its field.
	keyError = regexp.MustCompile(`'([a-z_.\[\]0-9]+)' (.*)$`)
)

// rawValue returns the value as read for a key that mapstructure names,
// such as services[0], whose list viper keeps under "services".
func rawValue(v *viper.Viper, key string) any {
	if value := v.Get(key); value != nil {
		return value
	}
	base, _, _ := strings.Cut(key, "[")
	return v.Get(base)
}

// allowedFor turns a decoding failure into what the key allows.
func allowedFor(detail string) string {
	switch {
	case strings.Contains(detail, "duration"):
		return "allowed: a duration such as 45s, 10m or 168h"
	case strings.Contains(detail, "'int'"), strings.Contains(detail, "'uint"):
		return "allowed: a whole number"
	case strings.Contains(detail, "'bool'"):
		return "allowed: true or false"
	case strings.Contains(detail, "slice"), strings.Contains(detail, "expected type"):
		return "allowed: a value of the shape the defaults show (frontdeskctl config show): " + detail
	}
	return detail
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", "; ")
	return strings.Join(strings.Fields(s), " ")
}

func firstExisting(paths []string) string {
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

// xdgDir returns $env, or $HOME/fallback when env is unset.
func xdgDir(env, fallback string) string {
	if dir := os.Getenv(env); dir != "" {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, fallback)
}
