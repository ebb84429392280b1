// Package icons holds the drawings on the kiosk's large buttons: one per
// service and one per priority need, as SVG in the theme's primary colour
// (#003A70), on a 48×48 grid.
//
// The configuration names a service's icon; Named resolves that name.
package icons

import (
	"embed"
	"path"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
)

// Names of the icons that are not service icons.
const (
	Fallback              = "service"
	PriorityNone          = "priority-none"
	PrioritySenior        = "priority-senior"
	PriorityDetermination = "priority-determination"
)

//go:embed *.svg
var files embed.FS

// aliases maps service ids to icon names, so a configuration that gives a
// service id as its icon still finds the drawing.
var aliases = map[string]string{
	"social-assistance":      "assistance",
	"complaints-suggestions": "complaints",
}

// Named returns the icon called name and true, or the fallback ticket
// drawing and false when no icon has that name.
func Named(name string) (fyne.Resource, bool) {
	if alias, ok := aliases[name]; ok {
		name = alias
	}
	if name != "" && !strings.ContainsAny(name, "/\\.") {
		if data, err := files.ReadFile(name + ".svg"); err == nil {
			return fyne.NewStaticResource(name+".svg", data), true
		}
	}
	data, _ := files.ReadFile(Fallback + ".svg")
	return fyne.NewStaticResource(Fallback+".svg", data), false
}

// Names returns the names of all icons, sorted.
func Names() []string {
	entries, _ := files.ReadDir(".")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(path.Base(e.Name()), ".svg"))
	}
	slices.Sort(names)
	return names
}
