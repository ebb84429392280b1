// Package charts is the supervisor's report screen on the desk. It has a
// period picker (day, week, month, first half of the year) and filters by
// service, counter, staff member and terminal. It shows the figures, the
// charts (bars by service and by hour, a line of the happiness index by
// day) and today's rating alerts, and exports to CSV and PNG. It reads
// Arabic and English, and an Arabic screen is mirrored.
//
// The charts are the images of store/report/chart, so the screen shows
// exactly what the exported PNG files hold.
package charts

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/assets/i18n"
	"frontdesk/devices/arabic"
	"frontdesk/store/report"
	"frontdesk/store/report/chart"
)

// Reports computes the figures. *report.Reports implements it.
type Reports interface {
	Sync() (int, error)
	Full(ctx context.Context, from, to string, f report.Filter, src report.Sources) (report.Figures, error)
	Alerts(day string, cfg report.AlertConfig) ([]report.Alert, error)
}

// Service is one entry of the service filter.
type Service struct {
	ID             string
	NameAR, NameEN string
}

// Config is the report screen's data source, language and options.
type Config struct {
	Reports   Reports
	Sources   report.Sources // the ledger, for its totals; may be empty
	Localizer *i18n.Localizer
	Services  []Service
	Counters  []int    // choices of the counter filter
	Staff     []string // choices of the staff filter
	Terminals []string // choices of the terminal filter
	// Location is the business time zone. Nil means UTC.
	Location *time.Location
	// Now is the clock. Nil means time.Now.
	Now    func() time.Time
	Alerts report.AlertConfig
	// ExportDir is the folder exports are written to. Empty hides the
	// export buttons.
	ExportDir string
}

// Screen is the report screen. Its methods run on the UI goroutine.
type Screen struct {
	cfg  Config
	rtl  bool
	root *fyne.Container

	period  Period
	anchor  time.Time
	filter  report.Filter
	figures report.Figures
	alerts  []report.Alert
	status  string
	images  map[string]image.Image // chart images by file name part
}

// New returns the report screen showing today's figures.
func New(cfg Config) *Screen {
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Screen{cfg: cfg, rtl: cfg.Localizer.Lang() == i18n.Arabic, root: container.NewStack(),
		anchor: cfg.Now().In(cfg.Location)}
	s.Reload()
	return s
}

// Content returns the screen's root object, to place in a window.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

// Figures returns the figures on the screen.
func (s *Screen) Figures() report.Figures { return s.figures }

// Alerts returns today's rating alerts on the screen.
func (s *Screen) Alerts() []report.Alert { return s.alerts }

// SetPeriod shows the period of kind p that holds anchor.
func (s *Screen) SetPeriod(p Period, anchor time.Time) {
	s.period, s.anchor = p, anchor.In(s.cfg.Location)
	s.Reload()
}

// SetFilter shows the figures that pass f.
func (s *Screen) SetFilter(f report.Filter) {
	s.filter = f
	s.Reload()
}

// Reload counts new events, reads the figures and alerts again and
// redraws the screen. A failure shows on the screen.
func (s *Screen) Reload() {
	s.status = ""
	from, to := s.period.Range(s.anchor)
	fig, err := s.load(from, to)
	if err != nil {
		s.status = s.cfg.Localizer.Text("report.failed", map[string]any{"Error": err.Error()})
		fig = report.Figures{From: from, To: to, Filter: s.filter}
	}
	s.figures = fig
	s.images = s.drawCharts()
	s.show()
}

func (s *Screen) load(from, to string) (report.Figures, error) {
	if _, err := s.cfg.Reports.Sync(); err != nil {
		return report.Figures{}, err
	}
	fig, err := s.cfg.Reports.Full(context.Background(), from, to, s.filter, s.cfg.Sources)
	if err != nil {
		return report.Figures{}, err
	}
	today := s.cfg.Now().In(s.cfg.Location).Format(time.DateOnly)
	s.alerts, err = s.cfg.Reports.Alerts(today, s.cfg.Alerts)
	return fig, err
}

func (s *Screen) text(id string) string { return s.cfg.Localizer.Text(id, nil) }

func (s *Screen) serviceName(id string) string {
	for _, sv := range s.cfg.Services {
		if sv.ID == id {
			if s.rtl {
				return sv.NameAR
			}
			return sv.NameEN
		}
	}
	return id
}

// Size of the chart images, close to the size they get on a desk screen
// of 1600 pixels or more, so their text is not scaled down much.
const (
	chartWidth  = 800
	chartHeight = 450
)

func (s *Screen) chartLabels() chart.Labels {
	return chart.Labels{
		ByService:   s.text("report.chart.by-service"),
		ByHour:      s.text("report.chart.by-hour"),
		Happiness:   s.text("report.chart.happiness"),
		ServiceName: s.serviceName,
		RightToLeft: s.rtl,
		Width:       chartWidth,
		Height:      chartHeight,
	}
}

// drawCharts draws the three charts; a chart without data is left out.
func (s *Screen) drawCharts() map[string]image.Image {
	l := s.chartLabels()
	images := map[string]image.Image{}
	add := func(name string, draw func(chart.Chart) (*image.RGBA, error), c chart.Chart) {
		if img, err := draw(c); err == nil {
			images[name] = img
		}
	}
	add("by-service", chart.Bars, chart.ByService(s.figures, l))
	add("by-hour", chart.Bars, chart.ByHour(s.figures, l))
	add("happiness", chart.Line, chart.HappinessByDay(s.figures, l))
	return images
}

func (s *Screen) show() {
	top := container.NewVBox(s.periodBar(), s.filterBar())
	if s.status != "" {
		top.Add(s.line(s.status, 1, false))
	}
	bottom := s.row(s.alertList(), layout.NewSpacer(), s.exportButtons())
	body := container.NewBorder(s.figureCards(), bottom, nil, nil, s.chartGrid())
	s.root.Objects = []fyne.CanvasObject{container.NewPadded(container.NewBorder(top, nil, nil, nil, body))}
	s.root.Refresh()
}

// row returns a horizontal box whose first object is where reading
// starts: the left in English, the right in Arabic.
func (s *Screen) row(objects ...fyne.CanvasObject) *fyne.Container {
	if s.rtl {
		reversed := make([]fyne.CanvasObject, len(objects))
		for i, o := range objects {
			reversed[len(objects)-1-i] = o
		}
		objects = reversed
	}
	return container.NewHBox(objects...)
}

// line returns a line of text. Fyne draws a run of one script in its own
// direction but does not reorder runs, so an Arabic line that holds digits
// or Latin letters is split into bidi runs placed side by side.
func (s *Screen) line(text string, scale float32, bold bool) fyne.CanvasObject {
	newText := func(t string) *canvas.Text {
		c := canvas.NewText(t, theme.Color(theme.ColorNameForeground))
		c.TextSize = theme.TextSize() * scale
		c.TextStyle = fyne.TextStyle{Bold: bold}
		return c
	}
	if !s.rtl {
		return newText(text)
	}
	runs := arabic.VisualRuns(text)
	if len(runs) == 1 {
		return newText(text)
	}
	box := container.New(layout.NewCustomPaddedHBoxLayout(0))
	for _, r := range runs {
		box.Add(newText(r.Text))
	}
	return box
}

func (s *Screen) periodBar() fyne.CanvasObject {
	var names []string
	for _, p := range Periods() {
		names = append(names, s.text("report.period."+p.String()))
	}
	picker := widget.NewSelect(names, nil)
	picker.SetSelectedIndex(int(s.period))
	picker.OnChanged = func(string) { s.SetPeriod(Periods()[picker.SelectedIndex()], s.anchor) }

	previous := widget.NewButtonWithIcon(s.text("report.previous"), theme.NavigateBackIcon(), func() {
		s.SetPeriod(s.period, s.period.Step(s.anchor, -1))
	})
	next := widget.NewButtonWithIcon(s.text("report.next"), theme.NavigateNextIcon(), func() {
		s.SetPeriod(s.period, s.period.Step(s.anchor, 1))
	})
	if s.rtl {
		// The arrows point the way time runs on a mirrored screen.
		previous.SetIcon(theme.NavigateNextIcon())
		next.SetIcon(theme.NavigateBackIcon())
	}
	span := s.figures.From
	if s.figures.To != s.figures.From {
		span += " – " + s.figures.To
	}
	return s.row(s.line(s.text("report.title"), 1.6, true), layout.NewSpacer(),
		s.line(s.text("report.period"), 1, false), picker, previous, s.line(span, 1.2, true), next)
}

// choice is one filter option: its text and the filter it sets.
type choice struct {
	text  string
	apply func(*report.Filter)
}

func (s *Screen) filterBar() fyne.CanvasObject {
	all := s.text("report.filter.all")
	services := []choice{{all, func(f *report.Filter) { f.Service = "" }}}
	for _, sv := range s.cfg.Services {
		services = append(services, choice{s.serviceName(sv.ID), func(f *report.Filter) { f.Service = sv.ID }})
	}
	counters := []choice{{all, func(f *report.Filter) { f.Counter = 0 }}}
	for _, c := range s.cfg.Counters {
		counters = append(counters, choice{strconv.Itoa(c), func(f *report.Filter) { f.Counter = c }})
	}
	staff := []choice{{all, func(f *report.Filter) { f.Staff = "" }}}
	for _, id := range s.cfg.Staff {
		staff = append(staff, choice{id, func(f *report.Filter) { f.Staff = id }})
	}
	terminals := []choice{{all, func(f *report.Filter) { f.Terminal = "" }}}
	for _, id := range s.cfg.Terminals {
		terminals = append(terminals, choice{id, func(f *report.Filter) { f.Terminal = id }})
	}

	selected := []string{all, all, all, all}
	if s.filter.Service != "" {
		selected[0] = s.serviceName(s.filter.Service)
	}
	if s.filter.Counter != 0 {
		selected[1] = strconv.Itoa(s.filter.Counter)
	}
	if s.filter.Staff != "" {
		selected[2] = s.filter.Staff
	}
	if s.filter.Terminal != "" {
		selected[3] = s.filter.Terminal
	}

	var objects []fyne.CanvasObject
	for i, group := range []struct {
		label   string
		choices []choice
	}{
		{"report.filter.service", services}, {"report.filter.counter", counters},
		{"report.filter.staff", staff}, {"report.filter.terminal", terminals},
	} {
		objects = append(objects, s.line(s.text(group.label), 1, false), s.selectFor(group.choices, selected[i]))
	}
	return s.row(objects...)
}

func (s *Screen) selectFor(choices []choice, selected string) *widget.Select {
	texts := make([]string, len(choices))
	for i, c := range choices {
		texts[i] = c.text
	}
	sel := widget.NewSelect(texts, nil)
	sel.SetSelected(selected)
	sel.OnChanged = func(string) {
		f := s.filter
		choices[sel.SelectedIndex()].apply(&f)
		s.SetFilter(f)
	}
	return sel
}

// card is one figure: a caption above a large value and a smaller note.
func (s *Screen) card(caption, value, note string) fyne.CanvasObject {
	objects := []fyne.CanvasObject{
		container.NewCenter(s.line(caption, 0.9, false)),
		container.NewCenter(s.line(value, 1.7, true)),
	}
	if note != "" {
		objects = append(objects, container.NewCenter(s.line(note, 0.9, false)))
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, container.NewPadded(container.NewVBox(objects...)))
}

func (s *Screen) figureCards() fyne.CanvasObject {
	fig := s.figures
	happiness, share := s.text("report.none"), ""
	if fig.Ratings.Total() > 0 {
		happiness = strconv.FormatFloat(fig.Happiness(), 'f', 1, 64)
		share = fmt.Sprintf("%.0f%%", 100*fig.GoodShare())
	}
	ratings := ""
	if fig.Ratings.Total() > 0 {
		ratings = fmt.Sprintf("%d · %d · %d · %d", fig.Ratings.VeryGood, fig.Ratings.Good, fig.Ratings.Bad,
			fig.Ratings.VeryBad)
	}
	cards := []fyne.CanvasObject{
		s.card(s.text("report.issued"), strconv.Itoa(fig.Counts.Issued), ""),
		s.card(s.text("report.served"), strconv.Itoa(fig.Counts.Served), ""),
		s.card(s.text("report.no-shows"), strconv.Itoa(fig.Counts.NoShows), ""),
		s.card(s.text("report.transferred"), strconv.Itoa(fig.Counts.Transferred), ""),
		s.card(s.text("report.wait"), clock(fig.Wait.Median), "90%  "+clock(fig.Wait.P90)),
		s.card(s.text("report.service-time"), clock(fig.ServiceTime.Median), "90%  "+clock(fig.ServiceTime.P90)),
		s.card(s.text("report.happiness"), happiness, ratings),
		s.card(s.text("report.good-share"), orDash(share), strconv.Itoa(fig.Ratings.Total())),
	}
	if s.rtl {
		for i, j := 0, len(cards)-1; i < j; i, j = i+1, j-1 {
			cards[i], cards[j] = cards[j], cards[i]
		}
	}
	return container.NewGridWithColumns(len(cards), cards...)
}

// clock writes a duration as m:ss, or h:mm:ss from an hour.
func clock(d time.Duration) string {
	total := int(d / time.Second)
	h, m, sec := total/3600, total/60%60, total%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func (s *Screen) chartGrid() fyne.CanvasObject {
	var objects []fyne.CanvasObject
	for _, name := range []string{"by-service", "by-hour", "happiness"} {
		img, ok := s.images[name]
		if !ok {
			continue
		}
		c := canvas.NewImageFromImage(img)
		c.FillMode = canvas.ImageFillContain
		c.SetMinSize(fyne.NewSize(320, 180))
		objects = append(objects, c)
	}
	if s.rtl {
		for i, j := 0, len(objects)-1; i < j; i, j = i+1, j-1 {
			objects[i], objects[j] = objects[j], objects[i]
		}
	}
	if len(objects) == 0 {
		return container.NewStack()
	}
	return container.NewGridWithColumns(len(objects), objects...)
}

// maxAlerts is how many of today's alerts the screen lists, latest first,
// so that the charts keep their room.
const maxAlerts = 3

func (s *Screen) alertList() fyne.CanvasObject {
	if len(s.alerts) == 0 {
		return container.NewVBox()
	}
	box := container.NewVBox(s.row(s.line(s.text("report.alerts"), 1.1, true), layout.NewSpacer()))
	for i := len(s.alerts) - 1; i >= 0 && i >= len(s.alerts)-maxAlerts; i-- {
		box.Add(s.row(s.line(s.alertText(s.alerts[i]), 1, false), layout.NewSpacer()))
	}
	return box
}

// exportButtons returns the CSV and PNG export buttons, or nothing
// without an export folder.
func (s *Screen) exportButtons() fyne.CanvasObject {
	if s.cfg.ExportDir == "" {
		return container.NewVBox()
	}
	return container.NewVBox(
		widget.NewButtonWithIcon(s.text("report.export.csv"), theme.DocumentSaveIcon(), s.exportCSV),
		widget.NewButtonWithIcon(s.text("report.export.png"), theme.DocumentSaveIcon(), s.exportCharts))
}

func (s *Screen) alertText(a report.Alert) string {
	return AlertText(s.cfg.Localizer, s.cfg.Location, a)
}

// AlertText returns the line that tells staff about a rating alert, with
// times in the business time zone where.
func AlertText(loc *i18n.Localizer, where *time.Location, a report.Alert) string {
	if a.Kind == report.AlertVeryBad {
		return loc.Text("report.alert.very-bad", map[string]any{"Counter": a.Counter,
			"Time": a.Rating.FirstAt.In(where).Format("15:04")})
	}
	return loc.Text("report.alert.low-index", map[string]any{"Counter": a.Counter,
		"Index": strconv.FormatFloat(a.Index, 'f', 1, 64), "Count": a.Count})
}

// exportCSV writes the figures of the period to ExportDir.
func (s *Screen) exportCSV() {
	path := filepath.Join(s.cfg.ExportDir, fmt.Sprintf("report-%s-%s.csv", s.figures.From, s.figures.To))
	names := map[string]report.ServiceName{}
	for _, svc := range s.cfg.Services {
		names[svc.ID] = report.ServiceName{EN: svc.NameEN, AR: svc.NameAR}
	}
	fig := s.figures
	fig.Services = slices.Clone(fig.Services) // naming must not change the figures on screen
	fig.NameServices(names)
	err := writeFile(path, func(f *os.File) error { return report.WriteCSV(f, fig) })
	s.exported(err)
}

// exportCharts writes each chart of the period as a PNG to ExportDir.
func (s *Screen) exportCharts() {
	for name, img := range s.images {
		path := filepath.Join(s.cfg.ExportDir, fmt.Sprintf("chart-%s-%s-%s.png", name, s.figures.From, s.figures.To))
		if err := writeFile(path, func(f *os.File) error { return chart.WritePNG(f, img) }); err != nil {
			s.exported(err)
			return
		}
	}
	s.exported(nil)
}

func (s *Screen) exported(err error) {
	if err != nil {
		s.status = s.cfg.Localizer.Text("report.export.failed", map[string]any{"Error": err.Error()})
	} else {
		s.status = s.cfg.Localizer.Text("report.export.done", map[string]any{"Folder": s.cfg.ExportDir})
	}
	s.show()
}

func writeFile(path string, write func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
