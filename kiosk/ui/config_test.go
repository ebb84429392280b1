package ui

import (
	"bytes"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/font"
	"go.yaml.in/yaml/v3"

	"frontdesk/assets"
	"frontdesk/assets/icons"
)

// defaultConfig is the part of the embedded default configuration that
// the kiosk screens draw.
type defaultConfig struct {
	Centre struct {
		NameAR string `yaml:"name_ar"`
		NameEN string `yaml:"name_en"`
	} `yaml:"centre"`
	Services []struct {
		ID     string `yaml:"id"`
		NameAR string `yaml:"name_ar"`
		NameEN string `yaml:"name_en"`
		Icon   string `yaml:"icon"`
	} `yaml:"services"`
}

func loadDefaultConfig(t *testing.T) defaultConfig {
	t.Helper()
	var cfg defaultConfig
	if err := yaml.Unmarshal(assets.DefaultConfig, &cfg); err != nil {
		t.Fatalf("default configuration: %v", err)
	}
	if len(cfg.Services) == 0 {
		t.Fatal("default configuration has no services")
	}
	return cfg
}

func TestDefaultServiceIcons(t *testing.T) {
	for _, svc := range loadDefaultConfig(t).Services {
		if _, ok := icons.Named(svc.Icon); !ok {
			t.Errorf("service %s names icon %q, which assets/icons lacks", svc.ID, svc.Icon)
		}
	}
}

func TestFontCoversConfiguredNames(t *testing.T) {
	cfg := loadDefaultConfig(t)
	names := []string{cfg.Centre.NameAR, cfg.Centre.NameEN}
	for _, svc := range cfg.Services {
		names = append(names, svc.NameAR, svc.NameEN)
	}

	faces := map[string][]byte{"regular": assets.FontRegular, "bold": assets.FontBold}
	for face, data := range faces {
		parsed, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("parse %s font: %v", face, err)
		}
		for _, name := range names {
			for _, r := range name {
				if unicode.IsControl(r) {
					continue
				}
				if _, ok := parsed.NominalGlyph(r); !ok {
					t.Errorf("%s font has no glyph for %U %q in %q", face, r, r, name)
				}
			}
		}
	}
}
