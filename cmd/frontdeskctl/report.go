package main

import (
	"context"
	"flag"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"frontdesk/assets/i18n"
	"frontdesk/cmd/internal/config"
	"frontdesk/store/ledger"
	"frontdesk/store/report"
	"frontdesk/store/report/chart"
)

// runReport prints the figures of a period: visits, waiting and service
// times, ratings, requests and ledger totals. It can also write them as
// CSV, the period's tickets as CSV, and the charts as PNG files.
func runReport(args []string, env *ctlEnv) int {
	flags := flag.NewFlagSet("report", flag.ContinueOnError)
	flags.SetOutput(env.stderr)
	from := flags.String("from", "", "first business `day` YYYY-MM-DD (default: today)")
	to := flags.String("to", "", "last business `day` YYYY-MM-DD, included (default: --from)")
	var filter report.Filter
	flags.StringVar(&filter.Service, "service", "", "only this service `ID`")
	flags.IntVar(&filter.Counter, "counter", 0, "only this counter `number`")
	flags.StringVar(&filter.Staff, "staff", "", "only this staff `ID`")
	flags.StringVar(&filter.Terminal, "terminal", "", "only tickets issued at this terminal `ID`")
	asJSON := flags.Bool("json", false, "print the figures as one JSON object")
	csvFile := flags.String("csv", "", "also write the figures to this CSV `file` (UTF-8 with a byte-order mark)")
	ticketsFile := flags.String("tickets-csv", "", "also write the period's tickets to this CSV `file`")
	chartDir := flags.String("charts", "", "also write the three charts as PNG files into this `directory`")
	lang := flags.String("lang", "en", "language of the chart labels: ar or en")
	if err := flags.Parse(args); err != nil || flags.NArg() != 0 {
		return 2
	}

	cfg, err := env.config()
	if err != nil {
		return fail(env, err)
	}
	db, err := env.store()
	if err != nil {
		return fail(env, err)
	}
	if *from == "" {
		*from = db.BusinessDay(time.Now())
	}
	if *to == "" {
		*to = *from
	}
	reports, err := report.New(db.Bolt(), report.Config{Location: cfg.Location})
	if err != nil {
		return fail(env, err)
	}
	if _, err := reports.Sync(); err != nil {
		return fail(env, err)
	}
	led, err := ledger.New(db.Bolt(), ledger.Config{Terminal: cfg.Terminal.ID, Location: cfg.Location})
	if err != nil {
		return fail(env, err)
	}
	src := report.Sources{Ledger: led}
	fig, err := reports.Full(context.Background(), *from, *to, filter, src)
	if err != nil {
		return fail(env, err)
	}
	fig.NameServices(serviceNames(cfg))

	if *csvFile != "" {
		if err := writeFileAtomic(*csvFile, func(w io.Writer) error { return report.WriteCSV(w, fig) }); err != nil {
			return fail(env, err)
		}
	}
	if *ticketsFile != "" {
		err := writeFileAtomic(*ticketsFile, func(w io.Writer) error {
			return report.WriteTicketsCSV(context.Background(), w, db, *from, *to, filter, cfg.Location)
		})
		if err != nil {
			return fail(env, err)
		}
	}
	if *chartDir != "" {
		if err := writeCharts(*chartDir, fig, cfg, *lang); err != nil {
			return fail(env, err)
		}
	}
	if *asJSON {
		return printJSON(env, reportJSON{Figures: fig, Happiness: roundedIndex(fig), GoodShare: fig.GoodShare()})
	}
	if err := report.WriteText(env.stdout, fig); err != nil {
		return fail(env, err)
	}
	return 0
}

// serviceNames returns the English and Arabic names of the configured
// services by service id.
func serviceNames(cfg *config.Config) map[string]report.ServiceName {
	names := make(map[string]report.ServiceName, len(cfg.Services))
	for _, s := range cfg.Services {
		names[s.ID] = report.ServiceName{EN: s.NameEN, AR: s.NameAR}
	}
	return names
}

// reportJSON adds the derived ratings figures to the JSON output.
type reportJSON struct {
	report.Figures
	Happiness *float64 `json:"happiness_index"` // null without ratings
	GoodShare float64  `json:"good_share"`
}

func roundedIndex(fig report.Figures) *float64 {
	if fig.Ratings.Total() == 0 {
		return nil
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(fig.Happiness(), 'f', 1, 64), 64)
	return &v
}

// writeCharts writes the bars by service and by hour and the happiness
// line as PNG files named after the period.
func writeCharts(dir string, fig report.Figures, cfg *config.Config, lang string) error {
	catalog, err := i18n.Load()
	if err != nil {
		return err
	}
	loc, err := catalog.Localizer(lang)
	if err != nil {
		return err
	}
	names := serviceNames(cfg)
	l := chart.Labels{
		ByService: loc.Text("report.chart.by-service", nil),
		ByHour:    loc.Text("report.chart.by-hour", nil),
		Happiness: loc.Text("report.chart.happiness", nil),
		ServiceName: func(id string) string {
			n := names[id].EN
			if lang == i18n.Arabic {
				n = names[id].AR
			}
			if n != "" {
				return n
			}
			return id
		},
		RightToLeft: lang == i18n.Arabic,
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create chart directory: %w", err)
	}
	charts := []struct {
		name string
		draw func(chart.Chart) (*image.RGBA, error)
		data chart.Chart
	}{
		{"by-service", chart.Bars, chart.ByService(fig, l)},
		{"by-hour", chart.Bars, chart.ByHour(fig, l)},
		{"happiness", chart.Line, chart.HappinessByDay(fig, l)},
	}
	for _, c := range charts {
		if len(c.data.Labels) == 0 {
			continue // no service had a ticket
		}
		img, err := c.draw(c.data)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, fmt.Sprintf("chart-%s-%s-%s.png", c.name, fig.From, fig.To))
		if err := writeFileAtomic(path, func(w io.Writer) error { return chart.WritePNG(w, img) }); err != nil {
			return err
		}
	}
	return nil
}
