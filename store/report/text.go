package report

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"text/tabwriter"

	"frontdesk/store"
	"frontdesk/store/ledger"
)

// WriteText writes the figures as plain text for a terminal: the period's
// totals, a table by service, the requests by type and the ledger totals
// by kind. Request types and ledger kinds are in alphabetical order.
func WriteText(w io.Writer, fig Figures) error {
	var out bytes.Buffer
	fmt.Fprintf(&out, "report %s to %s\n", fig.From, fig.To)
	fmt.Fprintf(&out, "issued %d  served %d  no-shows %d  transferred %d\n", fig.Counts.Issued, fig.Counts.Served,
		fig.Counts.NoShows, fig.Counts.Transferred)
	fmt.Fprintf(&out, "waiting time: median %s, 90th percentile %s (%d calls)\n", fig.Wait.Median, fig.Wait.P90,
		fig.Wait.Count)
	fmt.Fprintf(&out, "service time: median %s, 90th percentile %s (%d visits)\n", fig.ServiceTime.Median,
		fig.ServiceTime.P90, fig.ServiceTime.Count)
	r := fig.Ratings
	fmt.Fprintf(&out, "ratings: very good %d, good %d, bad %d, very bad %d", r.VeryGood, r.Good, r.Bad, r.VeryBad)
	if r.Total() > 0 {
		fmt.Fprintf(&out, "; good or very good %.0f%%, happiness index %.1f", 100*r.GoodShare(), r.Happiness())
	}
	fmt.Fprintln(&out)

	tw := tabwriter.NewWriter(&out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SERVICE\tISSUED\tSERVED\tNO-SHOWS\tTRANSFERRED\tWAIT MEDIAN\tWAIT P90\tINDEX")
	for _, s := range fig.Services {
		index := "-"
		if s.Ratings.Total() > 0 {
			index = strconv.FormatFloat(s.Ratings.Happiness(), 'f', 1, 64)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s\n", s.Service, s.Counts.Issued, s.Counts.Served,
			s.Counts.NoShows, s.Counts.Transferred, s.Wait.Median, s.Wait.P90, index)
	}
	tw.Flush()

	if fig.Requests != nil {
		fmt.Fprint(&out, "requests:")
		types := make([]store.RequestType, 0, len(fig.Requests.ByType))
		for t := range fig.Requests.ByType {
			types = append(types, t)
		}
		slices.Sort(types)
		for _, t := range types {
			fmt.Fprintf(&out, " %s %d", t, fig.Requests.ByType[t])
		}
		fmt.Fprintln(&out)
	}
	kinds := make([]ledger.Kind, 0, len(fig.Ledger))
	for k := range fig.Ledger {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		// Net is a money.Fils, whose String method writes the currency.
		fmt.Fprintf(&out, "ledger %s: %d entries, net %s\n", k, fig.Ledger[k].Entries, fig.Ledger[k].Net)
	}

	if _, err := w.Write(out.Bytes()); err != nil {
		return fmt.Errorf("report: write text: %w", err)
	}
	return nil
}
