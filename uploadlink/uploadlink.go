// Package uploadlink makes and verifies the signed links printed as QR codes
// on tickets and request receipts, which lead the applicant to the
// department's upload portal.
//
// A link is BASE/u/TOKEN. The token is
//
//	SUBJECT "." EXPIRY "." TAG
//
// where SUBJECT is the ticket id or request tracking number (letters, digits
// and dashes), EXPIRY is the expiry time in Unix seconds written in base 36,
// and TAG is the first 16 bytes of HMAC-SHA256(key, "frontdesk-upload-v1\n"
// SUBJECT "." EXPIRY), base64url without padding. Every character of the token
// is URL-safe, so the link needs no escaping. The tag is truncated to 128 bits,
// the length RFC 2104 section 5 allows (at least half the hash output), so
// that a whole link with a realistic portal address fits in 110 characters
// and its QR code stays small.
//
// The portal verifies a link with [Verify] and the appliance's key, which
// [LoadOrCreateKey] keeps in the data directory.
package uploadlink

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

const (
	// KeySize is the length in bytes of a signing key.
	KeySize = 32
	// TagSize is the length in bytes of the truncated HMAC-SHA256 tag.
	TagSize = 16
	// MaxSubjectLength bounds a subject so that links stay short.
	MaxSubjectLength = 40

	domain = "frontdesk-upload-v1\n"
)

// Errors returned by Verify, matched with errors.Is.
var (
	ErrMalformed = errors.New("uploadlink: malformed link")
	ErrTampered  = errors.New("uploadlink: signature does not match (tampered link or another appliance's key)")
	ErrExpired   = errors.New("uploadlink: link expired")
	// ErrNoKey is returned by LoadKey when the key file does not exist.
	ErrNoKey = errors.New("key file not found")
)

var subjectPattern = regexp.MustCompile(`^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`)

// Signer makes links for one appliance.
type Signer struct {
	key      []byte
	baseURL  string
	lifetime time.Duration
}

// Claims are the subject and expiry that a valid link carries.
type Claims struct {
	Subject string    // ticket id or request tracking number
	Expires time.Time // UTC; the link is valid up to and including this second
}

// NewSigner returns a Signer for links under baseURL (no trailing slash)
// that stay valid for lifetime.
func NewSigner(key []byte, baseURL string, lifetime time.Duration) (*Signer, error) {
	if len(key) < KeySize {
		return nil, fmt.Errorf("uploadlink: key is %d bytes; use a key of at least %d bytes (LoadOrCreateKey makes one)", len(key), KeySize)
	}
	u, err := url.Parse(baseURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || strings.HasSuffix(baseURL, "/") || u.RawQuery != "" {
		return nil, fmt.Errorf("uploadlink: base URL %q is invalid; use an http or https URL with no query and no trailing slash", baseURL)
	}
	if lifetime <= 0 {
		return nil, fmt.Errorf("uploadlink: lifetime %v is invalid; use a positive duration", lifetime)
	}
	return &Signer{key: key, baseURL: baseURL, lifetime: lifetime}, nil
}

// Token returns the signed token for subject, valid until issued plus the
// signer's lifetime.
func (s *Signer) Token(subject string, issued time.Time) (string, error) {
	if len(subject) > MaxSubjectLength || !subjectPattern.MatchString(subject) {
		return "", fmt.Errorf("uploadlink: subject %q is invalid; use up to %d letters, digits and single dashes", subject, MaxSubjectLength)
	}
	expires := issued.Add(s.lifetime).Unix()
	body := subject + "." + strconv.FormatInt(expires, 36)
	return body + "." + tag(s.key, body), nil
}

// URL returns the whole link for a token made by Token.
func (s *Signer) URL(token string) string {
	return s.baseURL + "/u/" + token
}

// Link returns the whole signed link for subject.
func (s *Signer) Link(subject string, issued time.Time) (string, error) {
	token, err := s.Token(subject, issued)
	if err != nil {
		return "", err
	}
	return s.URL(token), nil
}

// Verify checks a link or a bare token against key at time now. It returns
// the claims of a valid link, or an error matching ErrMalformed, ErrTampered
// or ErrExpired. The link's host is not checked, so the portal can verify
// links whatever name it is reached by; only the path /u/TOKEN matters.
func Verify(key []byte, link string, now time.Time) (Claims, error) {
	token, err := tokenOf(link)
	if err != nil {
		return Claims{}, err
	}

	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return Claims{}, fmt.Errorf("%w: token %q has %d parts; want SUBJECT.EXPIRY.TAG", ErrMalformed, token, len(parts))
	}
	subject, expiry, sig := parts[0], parts[1], parts[2]
	if !subjectPattern.MatchString(subject) || len(subject) > MaxSubjectLength {
		return Claims{}, fmt.Errorf("%w: subject %q", ErrMalformed, subject)
	}
	seconds, err := strconv.ParseInt(expiry, 36, 64)
	if err != nil || seconds <= 0 || strconv.FormatInt(seconds, 36) != expiry {
		return Claims{}, fmt.Errorf("%w: expiry %q", ErrMalformed, expiry)
	}
	got, err := base64.RawURLEncoding.Strict().DecodeString(sig)
	if err != nil || len(got) != TagSize {
		return Claims{}, fmt.Errorf("%w: signature %q is not %d bytes of base64url", ErrMalformed, sig, TagSize)
	}

	want := mac(key, subject+"."+expiry)
	if !hmac.Equal(got, want) {
		return Claims{}, fmt.Errorf("%w: subject %s", ErrTampered, subject)
	}
	claims := Claims{Subject: subject, Expires: time.Unix(seconds, 0).UTC()}
	if now.Unix() > seconds {
		return claims, fmt.Errorf("%w: %s expired at %s", ErrExpired, subject, claims.Expires.Format(time.RFC3339))
	}
	return claims, nil
}

// tokenOf takes the token out of a link, or returns a bare token as it is.
func tokenOf(link string) (string, error) {
	if !strings.Contains(link, "/") {
		return link, nil
	}
	u, err := url.Parse(link)
	if err != nil {
		return "", fmt.Errorf("%w: %q is not a URL: %v", ErrMalformed, link, err)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return "", fmt.Errorf("%w: %q has a query or fragment; an upload link has none", ErrMalformed, link)
	}
	// The portal may live under a path prefix, so only the part after the
	// last "/u/" counts.
	path := u.EscapedPath()
	i := strings.LastIndex(path, "/u/")
	token, ok := "", i >= 0
	if ok {
		token = path[i+len("/u/"):]
	}
	if !ok || strings.Contains(token, "/") || token == "" {
		return "", fmt.Errorf("%w: %q does not end in /u/TOKEN", ErrMalformed, link)
	}
	return token, nil
}

func mac(key []byte, body string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(domain))
	h.Write([]byte(body))
	return h.Sum(nil)[:TagSize]
}

func tag(key []byte, body string) string {
	return base64.RawURLEncoding.EncodeToString(mac(key, body))
}
