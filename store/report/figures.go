package report

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"frontdesk/store/ledger"
	"frontdesk/store/rating"
)

// Filter narrows a report to one service, counter, staff member or issuing
// terminal. Zero fields do not filter. Issues belong to the issuing terminal
// and to no counter or staff member, so a report filtered by counter or
// staff counts no issued tickets.
type Filter struct {
	Service  string
	Counter  int
	Staff    string
	Terminal string
}

func (f Filter) match(k cellKey) bool {
	return (f.Service == "" || f.Service == k.Service) &&
		(f.Counter == 0 || f.Counter == k.Counter) &&
		(f.Staff == "" || f.Staff == k.Staff) &&
		(f.Terminal == "" || f.Terminal == k.Terminal)
}

// Counts are the queue counts of a report or of one of its rows.
type Counts struct {
	Issued      int `json:"issued"`
	Called      int `json:"called"` // first calls and calls after a transfer
	Served      int `json:"served"` // completed visits
	NoShows     int `json:"no_shows"`
	Transferred int `json:"transferred"`
}

// Durations are the median and 90th percentile of a set of durations,
// by nearest rank, and how many there were.
type Durations struct {
	Count  int           `json:"count"`
	Median time.Duration `json:"median_ns"`
	P90    time.Duration `json:"p90_ns"`
}

// Ratings are the counted ratings per level, out of hours ones left out.
type Ratings struct {
	VeryGood int `json:"very_good"`
	Good     int `json:"good"`
	Bad      int `json:"bad"`
	VeryBad  int `json:"very_bad"`
}

// Total returns the number of ratings.
func (r Ratings) Total() int { return r.VeryGood + r.Good + r.Bad + r.VeryBad }

// Count returns the number of ratings of level l.
func (r Ratings) Count(l rating.Level) int {
	switch l {
	case rating.VeryGood:
		return r.VeryGood
	case rating.Good:
		return r.Good
	case rating.Bad:
		return r.Bad
	case rating.VeryBad:
		return r.VeryBad
	}
	return 0
}

// GoodShare returns the share of good and very good ratings, 0 to 1, or 0
// when there are none.
func (r Ratings) GoodShare() float64 {
	if r.Total() == 0 {
		return 0
	}
	return float64(r.VeryGood+r.Good) / float64(r.Total())
}

// Happiness returns the happiness index from 0 to 100: the mean of the
// weights 100, 66.7, 33.3 and 0 for very good, good, bad and very bad. It
// returns 0 when there are no ratings; check Total first.
func (r Ratings) Happiness() float64 {
	if r.Total() == 0 {
		return 0
	}
	sum := 0
	for _, l := range rating.Levels() {
		sum += r.Count(l) * l.Weight()
	}
	return float64(sum) / float64(r.Total()) / 10
}

func (r *Ratings) add(counts [5]int64) {
	r.VeryGood += int(counts[rating.VeryGood])
	r.Good += int(counts[rating.Good])
	r.Bad += int(counts[rating.Bad])
	r.VeryBad += int(counts[rating.VeryBad])
}

// ServiceFigures is one service's row of a report.
type ServiceFigures struct {
	Service     string    `json:"service"`           // service id
	NameEN      string    `json:"name_en,omitempty"` // set by NameServices
	NameAR      string    `json:"name_ar,omitempty"` // set by NameServices
	Counts      Counts    `json:"counts"`
	Wait        Durations `json:"wait"`
	ServiceTime Durations `json:"service_time"`
	Ratings     Ratings   `json:"ratings"`
}

// DayFigures is one business day's row of a report.
type DayFigures struct {
	Day         string    `json:"day"`
	Counts      Counts    `json:"counts"`
	Wait        Durations `json:"wait"`         // issue to first call
	ServiceTime Durations `json:"service_time"` // last call to completion
	Ratings     Ratings   `json:"ratings"`
}

// Figures are the figures of a period.
type Figures struct {
	From   string `json:"from"` // first business day, "2026-12-01"
	To     string `json:"to"`   // last business day, included
	Filter Filter `json:"filter"`

	Counts       Counts    `json:"counts"`
	IssuedByHour [24]int   `json:"issued_by_hour"` // local hour of issue
	Wait         Durations `json:"wait"`           // issue to first call
	ServiceTime  Durations `json:"service_time"`   // last call to completion
	Ratings      Ratings   `json:"ratings"`

	Services []ServiceFigures `json:"services"` // by service id
	Days     []DayFigures     `json:"days"`     // every day of the period, in order

	// Requests and Ledger are filled by Full from the raw records; nil
	// when their source was not given.
	Requests *RequestFigures               `json:"requests,omitempty"`
	Ledger   map[ledger.Kind]ledger.Totals `json:"ledger,omitempty"`
}

// Happiness returns the period's happiness index, 0 to 100.
func (f Figures) Happiness() float64 { return f.Ratings.Happiness() }

// GoodShare returns the period's share of good and very good ratings.
func (f Figures) GoodShare() float64 { return f.Ratings.GoodShare() }

// ServiceName is the English and the Arabic name of a service.
type ServiceName struct {
	EN, AR string
}

// NameServices sets the names of the service rows from names, which maps
// service ids to names. The aggregates store only ids, so a row whose
// service is missing from names, such as a service removed from the
// configuration, keeps empty names.
func (f *Figures) NameServices(names map[string]ServiceName) {
	for i := range f.Services {
		n := names[f.Services[i].Service]
		f.Services[i].NameEN, f.Services[i].NameAR = n.EN, n.AR
	}
}

// MaxPeriod is the longest period a report covers.
const MaxPeriod = 366

// Report computes the figures of the business days from and to, both
// included and written "2026-12-04", from the aggregates. Call Sync first
// unless every event is applied inside the store's transactions.
func (r *Reports) Report(from, to string, f Filter) (Figures, error) {
	days, err := periodDays(from, to)
	if err != nil {
		return Figures{}, err
	}
	fig := Figures{From: from, To: to, Filter: f}
	acc := newAccumulator(len(days))
	dayIndex := make(map[string]int, len(days))
	for i, d := range days {
		fig.Days = append(fig.Days, DayFigures{Day: d})
		dayIndex[d] = i
	}

	err = r.db.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketCells).Cursor()
		end := []byte(compactDay(to) + "\x01")
		for k, v := c.Seek([]byte(compactDay(from))); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
			key, err := parseCellKey(k)
			if err != nil {
				return err
			}
			if !f.match(key) {
				continue
			}
			i := dayIndex[key.Day]
			if err := acc.add(key, v, &fig.Days[i], acc.days[i]); err != nil {
				return fmt.Errorf("report: cell %+v: %w", key, err)
			}
		}
		return nil
	})
	if err != nil {
		return Figures{}, err
	}
	acc.finish(&fig)
	return fig, nil
}

// periodDays returns the business days from and to, both included.
func periodDays(from, to string) ([]string, error) {
	first, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return nil, fmt.Errorf("%w: first day %q must be YYYY-MM-DD", ErrInvalid, from)
	}
	last, err := time.Parse(time.DateOnly, to)
	if err != nil {
		return nil, fmt.Errorf("%w: last day %q must be YYYY-MM-DD", ErrInvalid, to)
	}
	if last.Before(first) {
		return nil, fmt.Errorf("%w: last day %s is before the first day %s; swap them", ErrInvalid, to, from)
	}
	if n := int(last.Sub(first).Hours()/24) + 1; n > MaxPeriod {
		return nil, fmt.Errorf("%w: period %s to %s has %d days, more than %d; split it",
			ErrInvalid, from, to, n, MaxPeriod)
	}
	var days []string
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		days = append(days, d.Format(time.DateOnly))
	}
	return days, nil
}

// accumulator sums decoded cells into the figures' totals and rows.
type accumulator struct {
	all          histograms
	services     map[string]*serviceAcc
	days         []histograms // by position of the day in the period
	issuedByHour [24]int
}

// histograms are the waiting and service time histograms of one row.
type histograms struct {
	wait, serviceTime map[uint32]uint64
}

func newHistograms() histograms {
	return histograms{wait: map[uint32]uint64{}, serviceTime: map[uint32]uint64{}}
}

type serviceAcc struct {
	row ServiceFigures
	histograms
}

func newAccumulator(days int) *accumulator {
	a := &accumulator{all: newHistograms(), services: map[string]*serviceAcc{},
		days: make([]histograms, days)}
	for i := range a.days {
		a.days[i] = newHistograms()
	}
	return a
}

// add decodes an encoded cell straight into the sums, without building
// the cell's own histogram maps. day is the cell's day row, and dayTimes
// collects that day's durations.
func (a *accumulator) add(k cellKey, raw []byte, day *DayFigures, dayTimes histograms) error {
	s := a.services[k.Service]
	if s == nil {
		s = &serviceAcc{row: ServiceFigures{Service: k.Service}, histograms: newHistograms()}
		a.services[k.Service] = s
	}

	r := cellReader{raw: raw}
	var counts Counts
	for _, p := range []*int{&counts.Issued, &counts.Called, &counts.Served, &counts.NoShows, &counts.Transferred} {
		*p = int(r.uvarint())
	}
	var hours [24]int
	for i := range hours {
		hours[i] = int(r.uvarint())
	}
	r.histogram(func(k uint32, n uint64) {
		a.all.wait[k] += n
		s.wait[k] += n
		dayTimes.wait[k] += n
	})
	r.histogram(func(k uint32, n uint64) {
		a.all.serviceTime[k] += n
		s.serviceTime[k] += n
		dayTimes.serviceTime[k] += n
	})
	var levels [5]int64
	for _, l := range rating.Levels() {
		levels[l] = r.varint()
	}
	if r.err != nil {
		return r.err
	}

	addCounts(&s.row.Counts, counts)
	addCounts(&day.Counts, counts)
	s.row.Ratings.add(levels)
	day.Ratings.add(levels)
	for i, n := range hours {
		a.issuedByHour[i] += n
	}
	return nil
}

func addCounts(into *Counts, c Counts) {
	into.Issued += c.Issued
	into.Called += c.Called
	into.Served += c.Served
	into.NoShows += c.NoShows
	into.Transferred += c.Transferred
}

func durations(h map[uint32]uint64) Durations {
	var n uint64
	for _, c := range h {
		n += c
	}
	p := percentiles(h, 0.5, 0.9)
	return Durations{Count: int(n), Median: p[0], P90: p[1]}
}

func (a *accumulator) finish(fig *Figures) {
	for i := range fig.Days {
		d := &fig.Days[i]
		d.Wait, d.ServiceTime = durations(a.days[i].wait), durations(a.days[i].serviceTime)
		addCounts(&fig.Counts, d.Counts)
		fig.Ratings.VeryGood += d.Ratings.VeryGood
		fig.Ratings.Good += d.Ratings.Good
		fig.Ratings.Bad += d.Ratings.Bad
		fig.Ratings.VeryBad += d.Ratings.VeryBad
	}
	fig.IssuedByHour = a.issuedByHour
	fig.Wait, fig.ServiceTime = durations(a.all.wait), durations(a.all.serviceTime)
	for _, s := range a.services {
		s.row.Wait, s.row.ServiceTime = durations(s.wait), durations(s.serviceTime)
		fig.Services = append(fig.Services, s.row)
	}
	slices.SortFunc(fig.Services, func(x, y ServiceFigures) int { return strings.Compare(x.Service, y.Service) })
}
