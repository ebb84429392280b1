package chart

import (
	"fmt"
	"math"

	"frontdesk/store/report"
)

// Labels are the texts of the report charts in one language.
type Labels struct {
	ByService, ByHour, Happiness string // chart titles
	// ServiceName returns the name of a service id; nil shows the ids.
	ServiceName func(id string) string
	// RightToLeft mirrors the charts for Arabic.
	RightToLeft bool
	// Width and Height are the image size; zero means the default.
	Width, Height int
}

// ByService returns the bars of tickets issued by service.
func ByService(fig report.Figures, l Labels) Chart {
	c := l.chart(l.ByService)
	for _, s := range fig.Services {
		name := s.Service
		if l.ServiceName != nil {
			name = l.ServiceName(s.Service)
		}
		c.Labels = append(c.Labels, name)
		c.Values = append(c.Values, float64(s.Counts.Issued))
	}
	return c
}

// ByHour returns the bars of tickets issued by local hour of the day, from
// the first to the last hour with a ticket, and the hours 07 to 19 at least.
func ByHour(fig report.Figures, l Labels) Chart {
	c := l.chart(l.ByHour)
	first, last := 7, 19
	for h, n := range fig.IssuedByHour {
		if n > 0 {
			first, last = min(first, h), max(last, h)
		}
	}
	for h := first; h <= last; h++ {
		c.Labels = append(c.Labels, fmt.Sprintf("%02d", h))
		c.Values = append(c.Values, float64(fig.IssuedByHour[h]))
	}
	return c
}

// HappinessByDay returns the line of the happiness index by day, 0 to
// 100, with a gap on days without ratings.
func HappinessByDay(fig report.Figures, l Labels) Chart {
	c := l.chart(l.Happiness)
	c.Max, c.Decimals = 100, 1
	for _, d := range fig.Days {
		c.Labels = append(c.Labels, d.Day[5:]) // "12-04"
		v := math.NaN()
		if d.Ratings.Total() > 0 {
			v = d.Ratings.Happiness()
		}
		c.Values = append(c.Values, v)
	}
	return c
}

func (l Labels) chart(title string) Chart {
	return Chart{Title: title, RightToLeft: l.RightToLeft, Width: l.Width, Height: l.Height}
}
