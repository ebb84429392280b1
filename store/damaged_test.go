package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// damagedCopy writes a real database with a few tickets, then returns the
// path of a copy that damage has changed.
func damagedCopy(t *testing.T, damage func(data []byte) []byte) string {
	t.Helper()
	cfg := testConfig(t)
	db := openTest(t, cfg)
	for range 5 {
		issue(t, db, "social-assistance", "A", testDay)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(cfg.Path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(path, damage(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenDamagedFile(t *testing.T) {
	tests := []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"truncated to 16 KB", func(b []byte) []byte { return b[:16*1024] }},
		{"truncated to 3 pages", func(b []byte) []byte { return b[:3*4096] }},
		{"meta pages overwritten", func(b []byte) []byte {
			for i := 16; i < 2*4096; i++ {
				b[i] = 0xA5
			}
			return b
		}},
		{"data pages overwritten", func(b []byte) []byte {
			for i := 2 * 4096; i < len(b); i++ {
				b[i] = byte(i*13 + 5)
			}
			return b
		}},
		{"random bytes", func(b []byte) []byte {
			for i := range b {
				b[i] = byte(i*7 + 3)
			}
			return b
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := damagedCopy(t, tc.damage)
			cfg := testConfig(t)
			cfg.Path = path
			db, err := Open(cfg)
			if err == nil {
				db.Close()
				t.Fatal("Open of a damaged file succeeded")
			}
			if !errors.Is(err, ErrDamaged) {
				t.Errorf("Open = %v, want ErrDamaged", err)
			}
		})
	}
}
