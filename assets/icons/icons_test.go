package icons

import (
	"bytes"
	"encoding/xml"
	"testing"
)

func TestNamed(t *testing.T) {
	tests := []struct {
		name   string
		want   string
		wantOK bool
	}{
		{"assistance", "assistance.svg", true},
		{"social-assistance", "assistance.svg", true},
		{"complaints-suggestions", "complaints.svg", true},
		{PrioritySenior, "priority-senior.svg", true},
		{Fallback, "service.svg", true},
		{"no-such-icon", "service.svg", false},
		{"", "service.svg", false},
		{"../icons", "service.svg", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, ok := Named(tt.name)
			if ok != tt.wantOK {
				t.Errorf("Named(%q) ok = %v, want %v", tt.name, ok, tt.wantOK)
			}
			if res.Name() != tt.want {
				t.Errorf("Named(%q) = %s, want %s", tt.name, res.Name(), tt.want)
			}
		})
	}
}

func TestIconsAreSVG(t *testing.T) {
	names := Names()
	if len(names) < 12 {
		t.Fatalf("Names() = %v, want the 8 services, 3 priorities and the fallback", names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			res, ok := Named(name)
			if !ok {
				t.Fatalf("Named(%q) not found", name)
			}
			var root struct {
				XMLName xml.Name
				ViewBox string `xml:"viewBox,attr"`
			}
			if err := xml.NewDecoder(bytes.NewReader(res.Content())).Decode(&root); err != nil {
				t.Fatalf("%s is not XML: %v", name, err)
			}
			if root.XMLName.Local != "svg" || root.ViewBox != "0 0 48 48" {
				t.Errorf("%s root = <%s viewBox=%q>, want <svg viewBox=\"0 0 48 48\">",
					name, root.XMLName.Local, root.ViewBox)
			}
		})
	}
}
