package setup

import (
	"frontdesk/cmd/internal/config"
	"frontdesk/reception"
	"frontdesk/reception/ledgerdesk"
	"frontdesk/store"
	"frontdesk/store/ledger"
	"frontdesk/store/rating"
	"frontdesk/store/report"
)

// ReceptionConfig returns the desk's and the hall display's configuration.
func ReceptionConfig(cfg *config.Config) reception.Config {
	rc := reception.DefaultConfig()
	rc.Counter = cfg.Terminal.Counter
	rc.Terminal = cfg.Terminal.ID
	rc.CounterServices = cfg.Reception.CounterServices
	rc.PriorityEvery = cfg.Reception.PriorityEvery
	rc.MaxRecalls = cfg.Reception.MaxRecalls
	rc.IdleSignOut = cfg.Reception.IdleSignOut
	rc.MaxPINFailures = cfg.Reception.MaxPINFailures
	rc.Lockout = cfg.Reception.Lockout
	rc.HighlightFor = cfg.Reception.DisplayHighlight
	rc.Location = cfg.Location

	rc.Services = make([]reception.Service, len(cfg.Services))
	for i, s := range cfg.Services {
		rc.Services[i] = reception.Service{ID: s.ID, Letter: s.Letter, NameAR: s.NameAR, NameEN: s.NameEN, Discreet: s.Discreet}
	}
	rc.Departments = make([]reception.Department, len(cfg.Departments))
	for i, d := range cfg.Departments {
		rc.Departments[i] = reception.Department{ID: d.ID, NameAR: d.NameAR, NameEN: d.NameEN}
	}
	return rc
}

// LedgerDeskConfig returns the configuration of the ledger's desk flow.
func LedgerDeskConfig(cfg *config.Config) (ledgerdesk.Config, error) {
	maxAmount, err := cfg.Ledger.MaxAmountFils()
	if err != nil {
		return ledgerdesk.Config{}, err
	}
	return ledgerdesk.Config{
		CentreAR:   cfg.Centre.NameAR,
		CentreEN:   cfg.Centre.NameEN,
		OfficeCopy: cfg.Ledger.OfficeCopy,
		MaxAmount:  maxAmount,
		Location:   cfg.Location,
	}, nil
}

// RatingConfig returns the rating rules' configuration.
func RatingConfig(cfg *config.Config) rating.Config {
	opens, closes := cfg.Rating.ServiceHours()
	return rating.Config{
		Location:      cfg.Location,
		ReplaceWindow: cfg.Rating.ReplaceWindow,
		Hours:         rating.Hours{Open: opens, Close: closes},
	}
}

// Reports returns the report aggregates of an opened store.
func Reports(cfg *config.Config, db *store.DB) (*report.Reports, error) {
	return report.New(db.Bolt(), report.Config{Location: cfg.Location})
}

// OpenRatings returns the rating book of an opened store, counting each
// rating into the report aggregates in the same transaction.
func OpenRatings(cfg *config.Config, db *store.DB, reports *report.Reports) (*rating.Book, error) {
	rc := RatingConfig(cfg)
	rc.OnChange = reports.ApplyRating
	return rating.Open(db.Bolt(), db, rc)
}

// OpenLedger returns the social assistance ledger of an opened store.
func OpenLedger(cfg *config.Config, db *store.DB) (*ledger.Ledger, error) {
	maxAmount, err := cfg.Ledger.MaxAmountFils()
	if err != nil {
		return nil, err
	}
	return ledger.New(db.Bolt(), ledger.Config{
		Terminal:  cfg.Terminal.ID,
		Location:  cfg.Location,
		MaxAmount: maxAmount,
	})
}
