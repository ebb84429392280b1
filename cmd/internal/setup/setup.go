// Package setup turns the loaded configuration into the parts both commands
// run on: the store, the upload link signer, the printer and its profile.
package setup

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"frontdesk/cmd/internal/config"
	"frontdesk/devices/escpos"
	"frontdesk/devices/printer"
	"frontdesk/devices/receipt"
	"frontdesk/kiosk"
	"frontdesk/store"
	"frontdesk/store/report"
	"frontdesk/uploadlink"
)

// File names inside the data directory.
const (
	DatabaseFile = "frontdesk.db"
	KeyFile      = "upload.key"
	ReceiptsDir  = "receipts"
)

// OpenTimeout is how long opening the database waits for another process
// that holds it.
const OpenTimeout = 2 * time.Second

// DataDir creates the data directory (mode 0700, as it holds the signing
// key) and returns its path.
func DataDir(cfg *config.Config) (string, error) {
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return "", fmt.Errorf("create data directory %s: %w (set data_dir to a writable directory)", cfg.DataDir, err)
	}
	return cfg.DataDir, nil
}

// StoreConfig returns the store's configuration.
func StoreConfig(cfg *config.Config) store.Config {
	return store.Config{
		Path:         filepath.Join(cfg.DataDir, DatabaseFile),
		Location:     cfg.Location,
		OpenTimeout:  OpenTimeout,
		Site:         cfg.Terminal.Site,
		Terminal:     cfg.Terminal.ID,
		NumberPrefix: cfg.Terminal.NumberPrefix,
		Queue:        store.QueueConfig{MaxRecalls: cfg.Reception.MaxRecalls},
		Staff: store.StaffConfig{
			MaxPINFailures: cfg.Reception.MaxPINFailures,
			Lockout:        cfg.Reception.Lockout,
		},
	}
}

// OpenStore opens the database in the data directory and hooks the report
// aggregates into every ticket transition, so they are written in the same
// transaction as the change they count. Events logged while no hook ran
// (by an older version, say) are counted first.
func OpenStore(cfg *config.Config) (*store.DB, error) {
	if _, err := DataDir(cfg); err != nil {
		return nil, err
	}
	db, err := store.Open(StoreConfig(cfg))
	if err != nil {
		return nil, err
	}
	reports, err := report.New(db.Bolt(), report.Config{Location: cfg.Location})
	if err == nil {
		_, err = reports.Sync()
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open report aggregates: %w", err)
	}
	db.OnTransition(reports.Apply)
	return db, nil
}

// Key loads the appliance's upload link key, creating it on first start.
func Key(cfg *config.Config) ([]byte, error) {
	dir, err := DataDir(cfg)
	if err != nil {
		return nil, err
	}
	return uploadlink.LoadOrCreateKey(filepath.Join(dir, KeyFile))
}

// KeyPath returns the path of the appliance's upload link key.
func KeyPath(cfg *config.Config) string {
	return filepath.Join(cfg.DataDir, KeyFile)
}

// Signer returns the upload link signer with the appliance's key.
func Signer(cfg *config.Config) (*uploadlink.Signer, error) {
	key, err := Key(cfg)
	if err != nil {
		return nil, err
	}
	return uploadlink.NewSigner(key, cfg.Upload.BaseURL, cfg.Upload.LinkLifetime)
}

// Profile returns the printer profile the configuration describes.
func Profile(cfg *config.Config) (escpos.Profile, error) {
	cut, err := cfg.Printer.CutBytes()
	if err != nil {
		return escpos.Profile{}, err
	}
	p := escpos.DefaultProfile()
	p.Name = "configured"
	p.WidthDots = cfg.Printer.WidthDots
	p.CodePage = byte(cfg.Printer.CodePage)
	p.NativeQR = cfg.Printer.NativeQR
	p.CancelKanji = cfg.Printer.CancelKanji
	p.Cut = cut
	if err := p.Validate(); err != nil {
		return escpos.Profile{}, err
	}
	return p, nil
}

// PrinterConfig returns the printer's configuration.
func PrinterConfig(cfg *config.Config, profile escpos.Profile) printer.Config {
	return printer.Config{
		Port:          cfg.Printer.Port,
		Baud:          cfg.Printer.Baud,
		Dir:           filepath.Join(cfg.DataDir, ReceiptsDir),
		Profile:       profile,
		StatusTimeout: cfg.Printer.StatusTimeout,
	}
}

// OpenPrinter opens the configured printer.
func OpenPrinter(cfg *config.Config) (printer.Printer, escpos.Profile, error) {
	profile, err := Profile(cfg)
	if err != nil {
		return nil, escpos.Profile{}, err
	}
	if _, err := DataDir(cfg); err != nil {
		return nil, escpos.Profile{}, err
	}
	p, err := printer.Open(PrinterConfig(cfg, profile))
	if err != nil {
		return nil, escpos.Profile{}, err
	}
	return p, profile, nil
}

// KioskConfig returns the kiosk's configuration.
func KioskConfig(cfg *config.Config) kiosk.Config {
	services := make([]kiosk.Service, len(cfg.Services))
	for i, s := range cfg.Services {
		services[i] = kiosk.Service{
			ID: s.ID, Letter: s.Letter, NameAR: s.NameAR, NameEN: s.NameEN,
			Icon: s.Icon, Discreet: s.Discreet,
		}
	}
	return kiosk.Config{
		Services:    services,
		CentreAR:    cfg.Centre.NameAR,
		CentreEN:    cfg.Centre.NameEN,
		IdleTimeout: cfg.Kiosk.IdleTimeout,
		Location:    cfg.Location,
		DefaultLang: cfg.Kiosk.DefaultLanguage,
	}
}

// NewKiosk returns the kiosk flows over an opened store and printer.
func NewKiosk(cfg *config.Config, db kiosk.Store, p printer.Printer, profile escpos.Profile) (*kiosk.Kiosk, error) {
	signer, err := Signer(cfg)
	if err != nil {
		return nil, err
	}
	layout, err := receipt.NewLayout(profile)
	if err != nil {
		return nil, err
	}
	return kiosk.New(KioskConfig(cfg), db, p, layout, signer)
}
