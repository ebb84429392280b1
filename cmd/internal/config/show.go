package config

import (
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// Show writes the effective configuration as YAML, preceded by a comment
// that names the file it came from.
func (c *Config) Show(w io.Writer) error {
	source := c.File
	if source == "" {
		source = "no file; embedded defaults and environment"
	}
	if _, err := fmt.Fprintf(w, "# effective configuration (%s)\n", source); err != nil {
		return err
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(c); err != nil {
		return fmt.Errorf("config: show: %w", err)
	}
	return enc.Close()
}
