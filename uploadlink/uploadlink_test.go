package uploadlink

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var (
	testKey = bytes.Repeat([]byte{0x42}, KeySize)
	issued  = time.Date(2026, 12, 4, 8, 30, 0, 0, time.UTC)
)

func newTestSigner(t *testing.T, base string) *Signer {
	t.Helper()
	s, err := NewSigner(testKey, base, 72*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLinkShape(t *testing.T) {
	// A realistic portal address of 37 characters and the longest ticket id
	// the store makes still give a link under 110 characters.
	s := newTestSigner(t, "https://eservices.sharjah-sssd.example")
	link, err := s.Link("S1234567-K1234567-20261204-V1-A999", issued)
	if err != nil {
		t.Fatal(err)
	}
	if len(link) >= 110 {
		t.Errorf("link is %d characters, want under 110: %s", len(link), link)
	}
	token := link[strings.LastIndex(link, "/")+1:]
	if strings.ContainsAny(token, "+/=") {
		t.Errorf("token %q holds + / or =", token)
	}
	if !strings.HasPrefix(link, "https://eservices.sharjah-sssd.example/u/S1234567-") {
		t.Errorf("link %q does not start with base/u/subject", link)
	}
}

func TestVerify(t *testing.T) {
	s := newTestSigner(t, "https://upload.example")
	link, err := s.Link("S1-K1-20261204-A007", issued)
	if err != nil {
		t.Fatal(err)
	}
	expiry := issued.Add(72 * time.Hour)
	token := link[len("https://upload.example/u/"):]
	flip := func(i int) string {
		b := []byte(link)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}

	tests := []struct {
		name string
		link string
		now  time.Time
		want error // nil for a valid link
	}{
		{"valid", link, issued, nil},
		{"valid bare token", token, issued, nil},
		{"valid at the expiry second", link, expiry, nil},
		{"valid under a path prefix", "https://portal.example/sssd/u/" + token, issued, nil},
		{"one second past expiry", link, expiry.Add(time.Second), ErrExpired},
		{"changed subject character", flip(len("https://upload.example/u/S1-K1-2026120")), issued, ErrTampered},
		{"changed signature character", flip(len(link) - 3), issued, ErrTampered},
		{"changed expiry", strings.Replace(link, "."+strings.Split(token, ".")[1]+".", ".zzzzzz.", 1), issued, ErrTampered},
		{"truncated signature", link[:len(link)-4], issued, ErrMalformed},
		{"signature removed", link[:strings.LastIndex(link, ".")], issued, ErrMalformed},
		{"duplicate query parameters", link + "?t=a&t=b", issued, ErrMalformed},
		{"empty query", link + "?", issued, ErrMalformed},
		{"fragment", link + "#x", issued, ErrMalformed},
		{"no token path", "https://upload.example/", issued, ErrMalformed},
		{"extra path segment", link + "/x", issued, ErrMalformed},
		{"padded signature", link + "=", issued, ErrMalformed},
		{"non-canonical expiry", strings.Replace(link, "."+strings.Split(token, ".")[1]+".", ".0"+strings.Split(token, ".")[1]+".", 1), issued, ErrMalformed},
		{"empty", "", issued, ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			claims, err := Verify(testKey, tc.link, tc.now)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Verify(%q) = %v, want valid", tc.link, err)
				}
				if claims.Subject != "S1-K1-20261204-A007" {
					t.Errorf("subject = %q", claims.Subject)
				}
				if !claims.Expires.Equal(expiry) {
					t.Errorf("expires = %v, want %v", claims.Expires, expiry)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("Verify(%q) = %v, want %v", tc.link, err, tc.want)
			}
		})
	}
}

func TestVerifyOtherKey(t *testing.T) {
	s := newTestSigner(t, "https://upload.example")
	link, _ := s.Link("R-20261204-0001", issued)
	other := bytes.Repeat([]byte{0x43}, KeySize)
	if _, err := Verify(other, link, issued); !errors.Is(err, ErrTampered) {
		t.Errorf("Verify with another key = %v, want ErrTampered", err)
	}
}

func TestSignerRejects(t *testing.T) {
	if _, err := NewSigner(testKey[:8], "https://upload.example", time.Hour); err == nil {
		t.Error("short key accepted")
	}
	for _, base := range []string{"upload.example", "https://upload.example/", "ftp://upload.example", "https://upload.example?a=1"} {
		if _, err := NewSigner(testKey, base, time.Hour); err == nil {
			t.Errorf("base URL %q accepted", base)
		}
	}
	s := newTestSigner(t, "https://upload.example")
	for _, subject := range []string{"", "a b", "a/b", "a.b", "-a", strings.Repeat("a", MaxSubjectLength+1), "تذكرة"} {
		if _, err := s.Token(subject, issued); err == nil {
			t.Errorf("subject %q accepted", subject)
		}
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "upload.key")
	key, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(key) != KeySize {
		t.Errorf("key is %d bytes", len(key))
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm != 0o600 {
		t.Errorf("key file mode %04o, want 0600", perm)
	}
	again, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(key, again) {
		t.Error("second load returned a different key")
	}

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("world-readable key: err = %v, want one that says chmod 600", err)
	}

	dangling := filepath.Join(t.TempDir(), "dangling.key")
	if err := os.Symlink(filepath.Join(t.TempDir(), "missing"), dangling); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(dangling); err == nil {
		t.Error("a dangling symbolic link was accepted as a key")
	}

	short := filepath.Join(t.TempDir(), "short.key")
	if err := os.WriteFile(short, []byte("abc"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(short); err == nil {
		t.Error("3-byte key accepted")
	}
}

func TestLoadKeyNeverCreates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "upload.key")
	if _, err := LoadKey(path); !errors.Is(err, ErrNoKey) {
		t.Errorf("LoadKey of a missing file = %v, want ErrNoKey", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadKey created %s", path)
	}
	made, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := LoadKey(path)
	if err != nil || !bytes.Equal(got, made) {
		t.Errorf("LoadKey = %x, %v; want the created key", got, err)
	}
}

func BenchmarkLink(b *testing.B) {
	s, _ := NewSigner(testKey, "https://upload.example", time.Hour)
	for b.Loop() {
		if _, err := s.Link("S1-K1-20261204-A007", issued); err != nil {
			b.Fatal(err)
		}
	}
}

// ExampleVerify shows how the upload portal checks a link.
func ExampleVerify() {
	key := bytes.Repeat([]byte{0x42}, KeySize) // the appliance's key file
	s, _ := NewSigner(key, "https://upload.example", 72*time.Hour)
	link, _ := s.Link("S1-K1-20261204-A007", issued)

	claims, err := Verify(key, link, issued.Add(time.Hour))
	fmt.Println(claims.Subject, claims.Expires.Format(time.RFC3339), err)

	_, err = Verify(key, link, issued.Add(73*time.Hour))
	fmt.Println(errors.Is(err, ErrExpired))
	// Output:
	// S1-K1-20261204-A007 2026-12-07T08:30:00Z <nil>
	// true
}
