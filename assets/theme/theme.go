// Package theme is the Fyne theme of frontdesk's touchscreens. It returns
// the bundled DejaVu Sans for every text style, because Fyne's own fonts
// have no Arabic. Sizes are large for fingers. Text is dark on a light
// background, and the main colour pairs keep a contrast ratio of at least
// 7:1 (WCAG 2 level AAA).
//
// The theme ignores the light or dark variant that the system asks for, so a
// kiosk looks the same on every machine.
package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"

	"frontdesk/assets"
)

// Sizes that frontdesk's screens ask for by name, beyond Fyne's own.
const (
	// SizeNameTicketNumber is the text size of a ticket number shown as
	// the main content of a screen.
	SizeNameTicketNumber fyne.ThemeSizeName = "frontdesk.ticketNumber"
	// SizeNameTileText is the text size of the title on a large button.
	// A button uses the Large size when there is room, and the Small size
	// when a long title would not fit.
	SizeNameTileText      fyne.ThemeSizeName = "frontdesk.tileText"
	SizeNameTileTextLarge fyne.ThemeSizeName = "frontdesk.tileTextLarge"
	SizeNameTileTextSmall fyne.ThemeSizeName = "frontdesk.tileTextSmall"
	// SizeNameTileSubtitle is the text size of the second line of a large
	// button, with the same Large and Small steps.
	SizeNameTileSubtitle      fyne.ThemeSizeName = "frontdesk.tileSubtitle"
	SizeNameTileSubtitleLarge fyne.ThemeSizeName = "frontdesk.tileSubtitleLarge"
	SizeNameTileSubtitleSmall fyne.ThemeSizeName = "frontdesk.tileSubtitleSmall"
	// SizeNameTileIcon is the edge of the icon on a large button, and
	// SizeNameTileIconLarge its edge when there is room.
	SizeNameTileIcon      fyne.ThemeSizeName = "frontdesk.tileIcon"
	SizeNameTileIconLarge fyne.ThemeSizeName = "frontdesk.tileIconLarge"
	// SizeNameTouchTarget is the minimum height of anything a finger taps.
	SizeNameTouchTarget fyne.ThemeSizeName = "frontdesk.touchTarget"
)

var (
	regular = fyne.NewStaticResource("DejaVuSans.ttf", assets.FontRegular)
	bold    = fyne.NewStaticResource("DejaVuSans-Bold.ttf", assets.FontBold)
)

// Theme is frontdesk's Fyne theme. The zero value is ready to use.
type Theme struct{}

var _ fyne.Theme = Theme{}

// New returns the theme, for app.Settings().SetTheme.
func New() fyne.Theme { return Theme{} }

// Font returns DejaVu Sans Bold for bold styles and DejaVu Sans for all
// others, monospace and italic included, since no other face is bundled.
func (Theme) Font(style fyne.TextStyle) fyne.Resource {
	if style.Bold {
		return bold
	}
	return regular
}

// Color returns the high-contrast palette, whatever the variant.
func (Theme) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if c, ok := palette[name]; ok {
		return c
	}
	return fynetheme.DefaultTheme().Color(name, fynetheme.VariantLight)
}

// Icon returns Fyne's default icon of that name.
func (Theme) Icon(name fyne.ThemeIconName) fyne.Resource {
	return fynetheme.DefaultTheme().Icon(name)
}

// Size returns the touchscreen sizes, in Fyne's device-independent units.
func (Theme) Size(name fyne.ThemeSizeName) float32 {
	if s, ok := sizes[name]; ok {
		return s
	}
	return fynetheme.DefaultTheme().Size(name)
}

var (
	ink       = color.NRGBA{R: 0x10, G: 0x14, B: 0x18, A: 0xff}
	paper     = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	navy      = color.NRGBA{R: 0x00, G: 0x3a, B: 0x70, A: 0xff}
	paleNavy  = color.NRGBA{R: 0xe3, G: 0xea, B: 0xf2, A: 0xff}
	darkRed   = color.NRGBA{R: 0xa0, G: 0x10, B: 0x10, A: 0xff}
	darkGreen = color.NRGBA{R: 0x14, G: 0x5a, B: 0x20, A: 0xff}
	darkAmber = color.NRGBA{R: 0x7a, G: 0x4a, B: 0x00, A: 0xff}
	grey      = color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff}
)

var palette = map[fyne.ThemeColorName]color.Color{
	fynetheme.ColorNameBackground:          paper,
	fynetheme.ColorNameForeground:          ink,
	fynetheme.ColorNamePrimary:             navy,
	fynetheme.ColorNameForegroundOnPrimary: paper,
	fynetheme.ColorNameButton:              paleNavy,
	fynetheme.ColorNameDisabledButton:      color.NRGBA{R: 0xd8, G: 0xd8, B: 0xd8, A: 0xff},
	fynetheme.ColorNameDisabled:            grey,
	fynetheme.ColorNamePlaceHolder:         grey,
	fynetheme.ColorNameError:               darkRed,
	fynetheme.ColorNameForegroundOnError:   paper,
	fynetheme.ColorNameSuccess:             darkGreen,
	fynetheme.ColorNameForegroundOnSuccess: paper,
	fynetheme.ColorNameWarning:             darkAmber,
	fynetheme.ColorNameForegroundOnWarning: paper,
	fynetheme.ColorNameHover:               color.NRGBA{R: 0x00, G: 0x3a, B: 0x70, A: 0x22},
	fynetheme.ColorNamePressed:             color.NRGBA{R: 0x00, G: 0x00, B: 0x00, A: 0x44},
	fynetheme.ColorNameFocus:               color.NRGBA{R: 0x00, G: 0x3a, B: 0x70, A: 0x55},
	fynetheme.ColorNameSelection:           color.NRGBA{R: 0x00, G: 0x3a, B: 0x70, A: 0x33},
	fynetheme.ColorNameSeparator:           color.NRGBA{R: 0xb0, G: 0xb8, B: 0xc0, A: 0xff},
	fynetheme.ColorNameInputBackground:     paper,
	fynetheme.ColorNameInputBorder:         grey,
	fynetheme.ColorNameHeaderBackground:    paleNavy,
	fynetheme.ColorNameMenuBackground:      paper,
	fynetheme.ColorNameOverlayBackground:   paper,
	fynetheme.ColorNameHyperlink:           navy,
}

var sizes = map[fyne.ThemeSizeName]float32{
	fynetheme.SizeNameText:           24,
	fynetheme.SizeNameCaptionText:    20,
	fynetheme.SizeNameSubHeadingText: 30,
	fynetheme.SizeNameHeadingText:    40,
	fynetheme.SizeNamePadding:        8,
	fynetheme.SizeNameInnerPadding:   16,
	fynetheme.SizeNameLineSpacing:    6,
	fynetheme.SizeNameInlineIcon:     32,
	fynetheme.SizeNameScrollBar:      24,
	fynetheme.SizeNameInputBorder:    2,
	fynetheme.SizeNameButtonRadius:   12,
	fynetheme.SizeNameInputRadius:    8,
	SizeNameTicketNumber:             150,
	SizeNameTileTextLarge:            32,
	SizeNameTileText:                 24,
	SizeNameTileTextSmall:            20,
	SizeNameTileSubtitleLarge:        26,
	SizeNameTileSubtitle:             20,
	SizeNameTileSubtitleSmall:        17,
	SizeNameTileIconLarge:            112,
	SizeNameTileIcon:                 56,
	SizeNameTouchTarget:              72,
}
