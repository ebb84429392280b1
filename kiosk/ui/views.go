package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"frontdesk/assets/i18n"
	"frontdesk/assets/icons"
	fdtheme "frontdesk/assets/theme"
	"frontdesk/kiosk"
)

// view builds the objects of one state of the screen.
type view struct {
	screen *Screen
	state  kiosk.State
	loc    *i18n.Localizer
	rtl    bool
}

func (v view) session() *kiosk.Session { return v.screen.session }

// otherLang returns the language the language button switches to.
func (v view) otherLang() string {
	if v.state.Lang == i18n.Arabic {
		return i18n.English
	}
	return i18n.Arabic
}

// label returns a BidiLabel in the session's direction.
func (v view) label(text string, size fyne.ThemeSizeName, bold bool, align fyne.TextAlign) *BidiLabel {
	l := NewBidiLabel(text, v.rtl)
	l.SizeName = size
	l.TextStyle.Bold = bold
	l.Alignment = align
	l.Refresh()
	return l
}

// header is the centre's name and, where a choice is still open, the
// language button.
func (v view) header() fyne.CanvasObject {
	cfg := v.session().Kiosk().Config()
	centre := cfg.CentreEN
	if v.rtl {
		centre = cfg.CentreAR
	}
	name := v.label(centre, theme.SizeNameSubHeadingText, true, fyne.TextAlignLeading)

	var lang fyne.CanvasObject
	if v.state.Step == kiosk.StepStart || v.state.Step == kiosk.StepPriority {
		other := v.otherLang()
		lang = NewBigButton(nil, v.loc.Text("kiosk.language.other", nil), "", func() {
			v.session().SetLang(other)
		})
	}
	return container.NewVBox(NewBorder(v.rtl, nil, nil, nil, lang, name), canvas.NewLine(theme.Color(theme.ColorNamePrimary)))
}

// gridColumns returns how many service buttons go in a row: the eight
// default services make two rows of four.
func gridColumns(n int) int {
	switch {
	case n <= 4:
		return max(1, n)
	case n <= 8:
		return 4
	default:
		return 5
	}
}

func (v view) start() fyne.CanvasObject {
	prompt := v.label(v.loc.Text("kiosk.start.prompt", nil), theme.SizeNameHeadingText, true, fyne.TextAlignCenter)

	services := v.session().Kiosk().Services()
	buttons := make([]fyne.CanvasObject, len(services))
	for i, svc := range services {
		icon, _ := icons.Named(svc.Icon)
		id := svc.ID
		buttons[i] = NewBigButton(icon, svc.Name(v.state.Lang), svc.Name(v.otherLang()), func() {
			v.session().ChooseService(id)
		})
	}
	grid := NewGrid(v.rtl, gridColumns(len(buttons)), buttons...)
	if v.screen.rating == nil {
		return container.NewBorder(prompt, nil, nil, nil, grid)
	}
	rate := NewBigButton(nil, v.loc.Text("kiosk.rate.start", nil), "", func() { v.session().StartRating() })
	// The button shares the prompt's row, at its end side, and has one
	// line like the language button, so the service tiles keep their
	// icons on a 1024×768 screen.
	top := NewBorder(v.rtl, nil, nil, nil, rate, prompt)
	return container.NewBorder(top, nil, nil, nil, grid)
}

// priorityChoices lists the priority buttons in reading order.
var priorityChoices = []struct {
	priority kiosk.Priority
	message  string
	icon     string
}{
	{kiosk.PriorityNone, "kiosk.priority.none", icons.PriorityNone},
	{kiosk.PrioritySenior, "kiosk.priority.senior", icons.PrioritySenior},
	{kiosk.PriorityDetermination, "kiosk.priority.determination", icons.PriorityDetermination},
}

func (v view) priority() fyne.CanvasObject {
	svc := v.state.Service
	top := container.NewVBox(
		v.label(v.loc.Text("kiosk.priority.prompt", nil), theme.SizeNameHeadingText, true, fyne.TextAlignCenter))
	// A discreet service's name is not shown where others can read it.
	if !svc.Discreet {
		top.Add(v.label(svc.Name(v.state.Lang), theme.SizeNameSubHeadingText, false, fyne.TextAlignCenter))
	}

	other, err := v.screen.catalog.Localizer(v.otherLang())
	if err != nil {
		other = v.loc
	}
	buttons := make([]fyne.CanvasObject, len(priorityChoices))
	for i, c := range priorityChoices {
		icon, _ := icons.Named(c.icon)
		p := c.priority
		buttons[i] = NewBigButton(icon, v.loc.Text(c.message, nil), other.Text(c.message, nil), func() {
			v.session().ChoosePriority(p)
		})
	}

	back := NewBigButton(nil, v.loc.Text("kiosk.back", nil), "", func() { v.session().Back() })
	return container.NewBorder(top, NewHBox(v.rtl, back), nil, nil, NewGrid(v.rtl, len(buttons), buttons...))
}

func (v view) printing() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(theme.DocumentPrintIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(theme.Size(fdtheme.SizeNameTileIcon) * 2))
	text := v.label(v.loc.Text("kiosk.printing", nil), theme.SizeNameHeadingText, true, fyne.TextAlignCenter)
	return container.NewCenter(container.NewVBox(icon, text))
}

func (v view) done() fyne.CanvasObject {
	res := v.state.Result
	finish := NewBigButton(nil, v.loc.Text("kiosk.done.finish", nil), "", func() { v.session().Finish() })
	message := v.label(v.loc.Text(res.Message, map[string]any{"Number": res.Ticket.Number}),
		theme.SizeNameText, !res.Printed, fyne.TextAlignCenter)
	if !res.Printed {
		message.ColorName = theme.ColorNameError
		message.Refresh()
	}
	if !res.Issued() {
		return container.NewCenter(container.NewVBox(message, container.NewCenter(finish)))
	}

	number := canvas.NewText(res.Ticket.Number, theme.Color(theme.ColorNamePrimary))
	number.TextSize = theme.Size(fdtheme.SizeNameTicketNumber)
	number.TextStyle.Bold = true
	number.Alignment = fyne.TextAlignCenter

	lines := []fyne.CanvasObject{
		v.label(v.loc.Text("kiosk.done.number", nil), theme.SizeNameHeadingText, false, fyne.TextAlignCenter),
		number,
	}
	// A discreet service's name is not shown where others can read it.
	if !res.Service.Discreet {
		service := v.loc.Text("kiosk.done.service", map[string]any{"Service": res.Service.Name(v.state.Lang)})
		lines = append(lines, v.label(service, theme.SizeNameSubHeadingText, false, fyne.TextAlignCenter))
	}
	ahead := v.loc.Text("kiosk.done.ahead.none", nil)
	if n := res.Ticket.PeopleAhead; n > 0 {
		ahead = v.loc.Plural("kiosk.done.ahead", n, nil)
	}
	lines = append(lines,
		v.label(ahead, theme.SizeNameSubHeadingText, false, fyne.TextAlignCenter),
		message,
		container.NewCenter(finish))
	return container.NewCenter(container.NewVBox(lines...))
}
