package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/assets/i18n"
	fdtheme "frontdesk/assets/theme"
	"frontdesk/devices/escpos"
	"frontdesk/devices/printer"
	"frontdesk/devices/receipt"
	"frontdesk/kiosk"
	"frontdesk/kiosk/kiosktest"
	"frontdesk/store"
)

// defaultServices are the eight services of the default configuration.
var defaultServices = []kiosk.Service{
	{ID: "social-assistance", Letter: "A", NameAR: "المساعدات الاجتماعية", NameEN: "Social Assistance", Icon: "assistance"},
	{ID: "home-care", Letter: "H", NameAR: "الرعاية المنزلية لكبار المواطنين وأصحاب الهمم",
		NameEN: "Home Care for Seniors and People of Determination", Icon: "home-care"},
	{ID: "protection", Letter: "P", NameAR: "بلاغات الحماية", NameEN: "Protection Reports", Icon: "protection", Discreet: true},
	{ID: "consultations", Letter: "C", NameAR: "الاستشارات الأسرية", NameEN: "Family Consultations", Icon: "consultations"},
	{ID: "volunteering", Letter: "V", NameAR: "خدمات مركز التطوع", NameEN: "Volunteer Centre Services", Icon: "volunteering"},
	{ID: "complaints-suggestions", Letter: "S", NameAR: "الشكاوى والاقتراحات", NameEN: "Complaints and Suggestions",
		Icon: "complaints"},
	{ID: "inquiries", Letter: "I", NameAR: "الاستفسارات العامة", NameEN: "General Inquiries", Icon: "inquiries"},
	{ID: "documents", Letter: "D", NameAR: "تقديم المستندات", NameEN: "Submit Documents", Icon: "documents"},
}

var dubai = time.FixedZone("Asia/Dubai", 4*60*60)

type rig struct {
	screen *Screen
	window fyne.Window
	db     *store.DB
	clock  *kiosktest.Clock
}

// failingPrinter is the far side of a printer that is out of paper.
type failingPrinter struct{}

func (failingPrinter) Print(context.Context, []byte) error {
	return fmt.Errorf("printer: print job: %w", printer.ErrPaperOut)
}

// newRig shows the kiosk screen in a test window of the given size, with
// the real theme, a real store file, the real receipt layout and p, or a
// file printer when p is nil.
func newRig(t *testing.T, p kiosk.Printer, size fyne.Size) *rig {
	t.Helper()
	app := test.NewTempApp(t)
	app.Settings().SetTheme(fdtheme.New())

	clock := kiosktest.NewClock(time.Date(2026, 12, 6, 5, 30, 0, 0, time.UTC))
	dir := t.TempDir()
	db, err := store.Open(store.Config{
		Path: filepath.Join(dir, "frontdesk.db"), Location: dubai,
		Site: "SHJ1", Terminal: "K1", NoSync: true, Now: clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if p == nil {
		fp, err := printer.Open(printer.Config{Port: "file:" + filepath.Join(dir, "printer.bin")})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { fp.Close() })
		p = fp
	}
	layout, err := receipt.NewLayout(escpos.DefaultProfile())
	if err != nil {
		t.Fatal(err)
	}
	k, err := kiosk.New(kiosk.Config{
		Services: defaultServices,
		CentreAR: "مركز خدمة المتعاملين - دائرة الخدمات الاجتماعية",
		CentreEN: "Customer Service Centre - Social Services",
		Location: dubai, IdleTimeout: 45 * time.Second, Clock: clock,
	}, db, p, layout, nil)
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}

	scr := New(k, catalog)
	t.Cleanup(scr.Close)
	w := test.NewTempWindow(t, scr.Content())
	w.SetPadded(false)
	w.Resize(size)
	return &rig{screen: scr, window: w, db: db, clock: clock}
}

// pass moves the clock past the guard against double taps.
func (r *rig) pass() { r.clock.Advance(kiosk.TapGuard) }

func (r *rig) tickets(t *testing.T) []store.Ticket {
	t.Helper()
	got, err := r.db.Tickets("2026-12-06")
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// buttons returns the big buttons on the screen.
func (r *rig) buttons() []*BigButton {
	var out []*BigButton
	for _, o := range test.LaidOutObjects(r.window.Content()) {
		if b, ok := o.(*BigButton); ok && b.Visible() {
			out = append(out, b)
		}
	}
	return out
}

// button returns the big button with a title, failing the test without one.
func (r *rig) button(t *testing.T, title string) *BigButton {
	t.Helper()
	for _, b := range r.buttons() {
		if b.Title == title {
			return b
		}
	}
	var titles []string
	for _, b := range r.buttons() {
		titles = append(titles, b.Title)
	}
	t.Fatalf("no button %q on the screen; buttons: %q", title, titles)
	return nil
}

// texts returns every text drawn on the screen: canvas texts and the text
// of labels.
func (r *rig) texts() []string {
	var out []string
	for _, o := range test.LaidOutObjects(r.window.Content()) {
		switch o := o.(type) {
		case *canvas.Text:
			out = append(out, o.Text)
		case *widget.Label:
			out = append(out, o.Text)
		case *BidiLabel:
			out = append(out, o.Text)
		}
	}
	return out
}

// shows reports whether some text on the screen contains s.
func (r *rig) shows(s string) bool {
	return slices.ContainsFunc(r.texts(), func(text string) bool { return strings.Contains(text, s) })
}

// takeTicket taps a service and a priority, each after the guard time,
// and waits for the printing to end.
func (r *rig) takeTicket(t *testing.T, service, priority string) {
	t.Helper()
	r.pass()
	test.Tap(r.button(t, service))
	r.pass()
	test.Tap(r.button(t, priority))
	r.screen.Session().Wait()
}

var kioskSize = fyne.NewSize(1280, 800)

func TestTapServiceIssuesOneTicket(t *testing.T) {
	r := newRig(t, nil, kioskSize)
	r.takeTicket(t, "المساعدات الاجتماعية", "بدون أولوية")

	tickets := r.tickets(t)
	if len(tickets) != 1 {
		t.Fatalf("%d tickets stored, want 1", len(tickets))
	}
	if tickets[0].Service != "social-assistance" || tickets[0].PrintStatus != store.Printed {
		t.Errorf("stored %s %s, want social-assistance printed", tickets[0].Service, tickets[0].PrintStatus)
	}
	if !slices.Contains(r.texts(), "A-001") {
		t.Errorf("screen does not show the number A-001; texts: %q", r.texts())
	}
	if !r.shows("يرجى أخذ تذكرتك") {
		t.Errorf("screen does not ask to take the ticket; texts: %q", r.texts())
	}
}

func TestPriorityIsStored(t *testing.T) {
	r := newRig(t, nil, kioskSize)
	r.takeTicket(t, "الاستفسارات العامة", "أصحاب الهمم")
	tickets := r.tickets(t)
	if len(tickets) != 1 || tickets[0].Priority != store.PriorityDetermination {
		t.Fatalf("stored %+v, want one ticket for a person of determination", tickets)
	}
}

// blockingPrinter holds each job until release is closed.
type blockingPrinter struct{ release chan struct{} }

func (p blockingPrinter) Print(ctx context.Context, _ []byte) error {
	select {
	case <-p.release:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestDoubleTapIssuesOneTicket(t *testing.T) {
	bp := blockingPrinter{release: make(chan struct{})}
	r := newRig(t, bp, kioskSize)
	r.pass()
	service := r.button(t, "الاستفسارات العامة")
	test.Tap(service)
	test.Tap(service)
	// The second tap of a quick double tap lands on the priority screen.
	test.Tap(r.button(t, "بدون أولوية"))
	if n := len(r.tickets(t)); n != 0 {
		t.Fatalf("%d tickets after a double tap on a service, want 0 until a priority is chosen", n)
	}

	r.pass()
	none := r.button(t, "بدون أولوية")
	test.Tap(none)
	test.Tap(none)
	if !r.shows("جارٍ طباعة تذكرتك") {
		t.Errorf("screen does not say it is printing; texts: %q", r.texts())
	}
	// The test app runs fyne.Do inline, so the printing goroutine redraws
	// the screen itself: it may only finish once the taps are done.
	close(bp.release)
	r.screen.Session().Wait()
	if n := len(r.tickets(t)); n != 1 {
		t.Errorf("%d tickets after a double tap on a priority, want 1", n)
	}
}

func TestPrintFailureShowsNumber(t *testing.T) {
	tests := []struct {
		lang, service, priority, want string
	}{
		{"ar", "الاستفسارات العامة", "بدون أولوية", "نفد الورق من الطابعة."},
		{"en", "General Inquiries", "No priority", "The printer is out of paper."},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			r := newRig(t, failingPrinter{}, kioskSize)
			if tt.lang == "en" {
				test.Tap(r.button(t, "English"))
			}
			r.takeTicket(t, tt.service, tt.priority)

			if !slices.Contains(r.texts(), "I-001") {
				t.Errorf("screen does not show the number I-001 on its own; texts: %q", r.texts())
			}
			if !r.shows(tt.want) {
				t.Errorf("screen does not say %q; texts: %q", tt.want, r.texts())
			}
			tickets := r.tickets(t)
			if len(tickets) != 1 || tickets[0].PrintStatus != store.NotPrinted {
				t.Errorf("stored %+v, want one ticket marked not printed", tickets)
			}
		})
	}
}

func TestIdleTimeoutReturnsToStart(t *testing.T) {
	r := newRig(t, nil, kioskSize)
	test.Tap(r.button(t, "English"))
	r.pass()
	test.Tap(r.button(t, "General Inquiries"))
	if !r.shows("Do you need priority service?") {
		t.Fatalf("priority screen not shown; texts: %q", r.texts())
	}

	r.clock.Advance(45 * time.Second)
	if r.shows("Do you need priority service?") {
		t.Error("priority screen still shown after the idle timeout")
	}
	r.button(t, "الاستفسارات العامة")
	r.button(t, "English")
}

func TestTouchRestartsIdleTimeout(t *testing.T) {
	r := newRig(t, nil, kioskSize)
	r.pass()
	test.Tap(r.button(t, "الاستفسارات العامة"))

	r.clock.Advance(30 * time.Second)
	var area *touchArea
	for _, o := range test.LaidOutObjects(r.window.Content()) {
		if a, ok := o.(*touchArea); ok {
			area = a
		}
	}
	if area == nil {
		t.Fatal("screen has no touch area behind its content")
	}
	test.TapAt(area, fyne.NewPos(5, 5))
	r.clock.Advance(30 * time.Second)
	if !r.shows("هل تحتاج إلى أولوية في الخدمة؟") {
		t.Errorf("a touch at 30 s did not keep the priority screen 30 s later; texts: %q", r.texts())
	}
	r.clock.Advance(15 * time.Second)
	if r.shows("هل تحتاج إلى أولوية في الخدمة؟") {
		t.Error("priority screen still shown 45 s after the last touch")
	}
}

func TestLanguageSwitch(t *testing.T) {
	r := newRig(t, nil, kioskSize)
	if !r.shows("يرجى اختيار الخدمة") {
		t.Fatalf("start screen is not in Arabic; texts: %q", r.texts())
	}
	first, second := r.button(t, "المساعدات الاجتماعية"), r.button(t, "الرعاية المنزلية لكبار المواطنين وأصحاب الهمم")
	if first.Subtitle != "Social Assistance" {
		t.Errorf("Arabic button subtitle %q, want the English name", first.Subtitle)
	}
	if first.Position().X <= second.Position().X {
		t.Errorf("Arabic grid: first service at x=%v, second at x=%v, want the first on the right",
			first.Position().X, second.Position().X)
	}

	r.pass()
	test.Tap(r.button(t, "English"))
	if !r.shows("Please choose a service") {
		t.Fatalf("start screen is not in English; texts: %q", r.texts())
	}
	first, second = r.button(t, "Social Assistance"), r.button(t, "Home Care for Seniors and People of Determination")
	if first.Subtitle != "المساعدات الاجتماعية" {
		t.Errorf("English button subtitle %q, want the Arabic name", first.Subtitle)
	}
	if first.Position().X >= second.Position().X {
		t.Errorf("English grid: first service at x=%v, second at x=%v, want the first on the left",
			first.Position().X, second.Position().X)
	}

	r.pass()

	// A double tap on the language button switches once.
	test.Tap(r.button(t, "العربية"))
	test.Tap(r.button(t, "English"))
	r.button(t, "المساعدات الاجتماعية")
}

// screenSizes are the kiosk displays the screens must fit without
// scrolling: full HD, and the 1280×800 and 1024×768 of smaller kiosks.
var screenSizes = []fyne.Size{{Width: 1920, Height: 1080}, {Width: 1280, Height: 800}, {Width: 1024, Height: 768}}

// eachScreen drives a new rig to each step in each language and calls
// check on it at each screen size.
func eachScreen(t *testing.T, check func(t *testing.T, r *rig, size fyne.Size)) {
	steps := []struct {
		name  string
		drive func(r *rig)
	}{
		{"start", func(*rig) {}},
		{"priority", func(r *rig) {
			r.pass()
			r.screen.Session().ChooseService("home-care")
		}},
		{"done", func(r *rig) {
			r.pass()
			r.screen.Session().ChooseService("home-care")
			r.pass()
			r.screen.Session().ChoosePriority(kiosk.PrioritySenior)
			r.screen.Session().Wait()
		}},
	}
	for _, lang := range []string{"ar", "en"} {
		for _, step := range steps {
			t.Run(lang+"/"+step.name, func(t *testing.T) {
				r := newRig(t, failingPrinter{}, kioskSize)
				r.screen.Session().SetLang(lang)
				step.drive(r)
				for _, size := range screenSizes {
					r.window.Resize(size)
					check(t, r, size)
				}
			})
		}
	}
}

func TestScreensFitWithoutScrolling(t *testing.T) {
	eachScreen(t, func(t *testing.T, r *rig, size fyne.Size) {
		if min := r.window.Content().MinSize(); min.Width > size.Width || min.Height > size.Height {
			t.Errorf("at %v the content needs %v, more than the screen", size, min)
		}
		for _, b := range r.buttons() {
			checkButtonFits(t, b)
		}
	})
}

// checkButtonFits fails when a button's icon or wrapped text does not fit
// inside it.
func checkButtonFits(t *testing.T, b *BigButton) {
	t.Helper()
	r := test.TempWidgetRenderer(t, b).(*bigButtonRenderer)
	pad := b.Theme().Size("innerPadding")
	need := r.contentHeight(b.Size().Width-2*pad) + 2*pad
	if !r.wordsFit(b.Size().Width - 2*pad) {
		t.Errorf("button %q is %v wide, too narrow for its longest word", b.Title, b.Size().Width)
	}
	if need > b.Size().Height {
		t.Errorf("button %q is %v high, its content needs %v", b.Title, b.Size().Height, need)
	}
	if b.Size().Height < b.Theme().Size(fdtheme.SizeNameTouchTarget) {
		t.Errorf("button %q is %v high, less than a touch target", b.Title, b.Size().Height)
	}
}

func TestDiscreetServiceNameHidden(t *testing.T) {
	r := newRig(t, nil, kioskSize)
	r.pass()
	test.Tap(r.button(t, "بلاغات الحماية"))
	if r.shows("بلاغات الحماية") {
		t.Error("priority screen names a discreet service")
	}
	r.pass()
	test.Tap(r.button(t, "بدون أولوية"))
	r.screen.Session().Wait()
	if !slices.Contains(r.texts(), "P-001") {
		t.Fatalf("screen does not show P-001; texts: %q", r.texts())
	}
	if r.shows("بلاغات الحماية") {
		t.Error("confirmation names a discreet service")
	}
}

func TestEveryResultMessageTranslated(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Languages() {
		loc, err := catalog.Localizer(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range kiosk.Messages() {
			if _, err := loc.Localize(id, map[string]any{"Number": "A-001"}); err != nil {
				t.Errorf("%s: %v", lang, err)
			}
		}
	}
}

func TestStoreFailureShowsMessage(t *testing.T) {
	r := newRig(t, nil, kioskSize)
	r.db.Close()
	r.takeTicket(t, "الاستفسارات العامة", "بدون أولوية")

	if !r.shows("عذرًا، تعذّر إصدار التذكرة.") {
		t.Errorf("screen does not say the ticket could not be issued; texts: %q", r.texts())
	}
	if r.shows("رقمك") {
		t.Errorf("screen shows a number heading with no ticket; texts: %q", r.texts())
	}
	r.pass()
	test.Tap(r.button(t, "تم"))
	r.button(t, "الاستفسارات العامة")
}
