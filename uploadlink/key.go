package uploadlink

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// LoadOrCreateKey reads the signing key at path, or creates it with
// KeySize random bytes and mode 0600 when the file does not exist. A key file
// that others can read, or of the wrong size, is rejected rather than used,
// because anyone holding the key can make valid links for any case.
func LoadOrCreateKey(path string) ([]byte, error) {
	key, err := os.ReadFile(path)
	switch {
	case err == nil:
		return checkKeyFile(path, key)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("uploadlink: read key: %w", err)
	}

	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("uploadlink: create key directory: %w", err)
	}
	key = make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("uploadlink: generate key: %w", err)
	}
	// O_EXCL: two processes starting at once must not write two keys. The
	// one that loses reads the winner's key; a name that exists but cannot
	// be read (a dangling symbolic link, say) is an error, not a retry.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return LoadKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("uploadlink: create key: %w", err)
	}
	if _, err := f.Write(key); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("uploadlink: write key %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("uploadlink: write key %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("uploadlink: write key %s: %w", path, err)
	}
	return key, nil
}

// LoadKey reads the signing key at path and checks its mode and size. It
// never creates a key: verifying a link with a new key would only report
// every link as tampered.
func LoadKey(path string) ([]byte, error) {
	key, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("uploadlink: no key at %s (%w); links are verified with the key of the appliance that made them: copy its key file there", path, ErrNoKey)
	}
	if err != nil {
		return nil, fmt.Errorf("uploadlink: read key: %w", err)
	}
	return checkKeyFile(path, key)
}

func checkKeyFile(path string, key []byte) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("uploadlink: key: %w", err)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("uploadlink: key file %s has mode %04o; others may read it: run chmod 600 %s", path, perm, path)
	}
	if len(key) != KeySize {
		return nil, fmt.Errorf("uploadlink: key file %s contains %d bytes, want %d; restore it from a backup (a new key invalidates every printed link)", path, len(key), KeySize)
	}
	return key, nil
}
