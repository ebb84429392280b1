package report

import (
	"fmt"
	"slices"

	"go.etcd.io/bbolt"

	"frontdesk/store/rating"
)

// AlertConfig holds the thresholds of the rating alerts.
type AlertConfig struct {
	// Window is how many of a counter's latest ratings the index is taken
	// over. Zero means DefaultAlertWindow.
	Window int
	// MinIndex is the happiness index, 0 to 100, below which a counter's
	// latest Window ratings raise an alert. Zero means DefaultMinIndex.
	MinIndex float64
}

// Defaults of AlertConfig.
const (
	DefaultAlertWindow = 10
	DefaultMinIndex    = 50.0
)

func (c AlertConfig) withDefaults() AlertConfig {
	if c.Window <= 0 {
		c.Window = DefaultAlertWindow
	}
	if c.MinIndex <= 0 {
		c.MinIndex = DefaultMinIndex
	}
	return c
}

// AlertKind is the reason an alert was raised.
type AlertKind int

// Alert kinds.
const (
	AlertVeryBad  AlertKind = iota + 1 // one very bad rating
	AlertLowIndex                      // a counter's index fell below AlertConfig.MinIndex
)

// String returns "very-bad" or "low-index".
func (k AlertKind) String() string {
	switch k {
	case AlertVeryBad:
		return "very-bad"
	case AlertLowIndex:
		return "low-index"
	}
	return fmt.Sprintf("AlertKind(%d)", int(k))
}

// Alert is one alert for the supervisor's desk.
type Alert struct {
	Kind    AlertKind
	Counter int
	// Index is the counter's happiness index over its latest Count
	// ratings, when the alert is raised.
	Index  float64
	Count  int
	Rating rating.Rating // the rating that raised the alert
}

// AlertMonitor watches ratings as they arrive and raises alerts. It keeps
// the latest AlertConfig.Window levels of each counter. It is not safe for
// concurrent use.
type AlertMonitor struct {
	cfg    AlertConfig
	latest map[int][]rating.Level // by counter, oldest first
	low    map[int]bool           // counters whose index is below the minimum
	seen   map[string]rating.Rating
}

// NewAlertMonitor returns a monitor with no ratings seen.
func NewAlertMonitor(cfg AlertConfig) *AlertMonitor {
	return &AlertMonitor{cfg: cfg.withDefaults(), latest: map[int][]rating.Level{}, low: map[int]bool{},
		seen: map[string]rating.Rating{}}
}

// Observe adds a stored rating and returns the alerts it raises: one for a
// very bad rating, and one when its counter's index over the full window
// falls below the minimum. A low index is raised again only after the index
// has recovered. Ratings out of hours, without a counter, or repeated with
// the same level are ignored, and a replaced rating updates the window.
func (m *AlertMonitor) Observe(r rating.Rating) []Alert {
	if r.OutOfHours || r.Counter == 0 {
		return nil
	}
	prev, replaced := m.seen[r.ID]
	if replaced && prev.Level == r.Level {
		return nil
	}
	m.seen[r.ID] = r

	levels := m.latest[r.Counter]
	if replaced {
		if i := slices.Index(levels, prev.Level); i >= 0 {
			levels = slices.Delete(levels, i, i+1)
		}
	}
	levels = append(levels, r.Level)
	if len(levels) > m.cfg.Window {
		levels = levels[len(levels)-m.cfg.Window:]
	}
	m.latest[r.Counter] = levels

	index := indexOf(levels)
	var alerts []Alert
	if r.Level == rating.VeryBad {
		alerts = append(alerts, Alert{Kind: AlertVeryBad, Counter: r.Counter, Index: index, Count: len(levels),
			Rating: r})
	}
	low := len(levels) >= m.cfg.Window && index < m.cfg.MinIndex
	if low && !m.low[r.Counter] {
		alerts = append(alerts, Alert{Kind: AlertLowIndex, Counter: r.Counter, Index: index, Count: len(levels),
			Rating: r})
	}
	m.low[r.Counter] = low
	return alerts
}

func indexOf(levels []rating.Level) float64 {
	if len(levels) == 0 {
		return 0
	}
	sum := 0
	for _, l := range levels {
		sum += l.Weight()
	}
	return float64(sum) / float64(len(levels)) / 10
}

// Alerts replays the ratings of a business day in the order they were
// given and returns the alerts they raised.
func (r *Reports) Alerts(day string, cfg AlertConfig) ([]Alert, error) {
	var ratings []rating.Rating
	err := r.db.View(func(tx *bbolt.Tx) error {
		return rating.ForEachDay(tx, day, func(rt rating.Rating) error {
			ratings = append(ratings, rt)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(ratings, func(a, b rating.Rating) int { return a.FirstAt.Compare(b.FirstAt) })
	m := NewAlertMonitor(cfg)
	var alerts []Alert
	for _, rt := range ratings {
		alerts = append(alerts, m.Observe(rt)...)
	}
	return alerts, nil
}
