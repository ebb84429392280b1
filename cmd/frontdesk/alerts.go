package main

import (
	"context"
	"sync"

	"frontdesk/store/rating"
	"frontdesk/store/report"
)

// alertingRater stores ratings in the book and watches each stored one,
// so the desk hears of a very bad rating, or of a counter whose index
// falls, as soon as the citizen taps.
type alertingRater struct {
	*rating.Book

	onAlert func([]report.Alert)

	mu      sync.Mutex // guards monitor, which is not safe for concurrent use
	monitor *report.AlertMonitor
}

// Add stores a rating and raises the alerts it causes.
func (r *alertingRater) Add(ctx context.Context, nr rating.NewRating) (rating.Rating, rating.Outcome, error) {
	got, outcome, err := r.Book.Add(ctx, nr)
	if err != nil {
		return got, outcome, err
	}
	r.mu.Lock()
	alerts := r.monitor.Observe(got)
	r.mu.Unlock()
	if len(alerts) > 0 {
		r.onAlert(alerts)
	}
	return got, outcome, nil
}
