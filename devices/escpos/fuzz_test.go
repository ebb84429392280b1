package escpos

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// sanitizeSeeds are inputs that once broke, or nearly broke, Sanitize and
// Encoder.Text. They seed FuzzSanitize and run as ordinary tests.
var sanitizeSeeds = []string{
	"",
	"A-007",
	"الخدمات الاجتماعية",
	"\x1b@\x1dV\x42\x00",
	"\u202eevil\u202c",
	"\xc2\x85\xc2\x9b",
	"\xff\xfe\x00",
	"a\u200db\u200cc",
	"line\r\nbreak\ttab\u2028",
}

func FuzzSanitize(f *testing.F) {
	for _, s := range sanitizeSeeds {
		f.Add(s)
	}
	for _, path := range fixtureFiles(f) {
		stream := readFile(f, path)
		f.Add(string(stream[:min(len(stream), maxFuzzSeed)]))
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		if !utf8.ValidString(out) {
			t.Errorf("Sanitize(%q) = %q is not valid UTF-8", s, out)
		}
		for _, r := range out {
			if unicode.Is(unicode.Cc, r) {
				t.Fatalf("Sanitize(%q) = %q keeps control character %U", s, out, r)
			}
			if unicode.Is(unicode.Cf, r) && r != '\u200c' && r != '\u200d' {
				t.Fatalf("Sanitize(%q) = %q keeps format character %U", s, out, r)
			}
		}
		if again := Sanitize(out); again != out {
			t.Errorf("Sanitize is not idempotent on %q: %q then %q", s, out, again)
		}

		e := NewEncoder()
		e.Text(s)
		for i, c := range e.Bytes() {
			if c < 0x20 || c >= 0x7f {
				t.Fatalf("Text(%q) wrote byte 0x%02X at %d", s, c, i)
			}
		}
		if IsPrintableASCII(s) && string(e.Bytes()) != s {
			t.Errorf("Text changed printable ASCII %q to %q", s, e.Bytes())
		}
	})
}

// maxFuzzStream bounds the fuzzed streams, so that each run of Render stays
// quick.
const maxFuzzStream = 2048

// maxFuzzSeed bounds the fixture seeds, because the fuzzer minimizes every
// new input it finds and that takes time in proportion to the input.
const maxFuzzSeed = 512

func FuzzRender(f *testing.F) {
	for _, path := range fixtureFiles(f) {
		stream := readFile(f, path)
		f.Add(stream[:min(len(stream), maxFuzzSeed)])
	}
	f.Add(encode(func(e *Encoder) {
		e.Init()
		e.Size(8, 8)
		e.Line(strings.Repeat("W", 10))
		e.QR("https://upload.example/u/x", 16, QRLevelH)
		e.Cut()
	}))
	f.Add([]byte{0x1d, 0x76, 0x30, 3, 0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{0x1d, 0x38, 0x4c, 0xff, 0xff, 0xff, 0xff, 48, 112})
	f.Add([]byte{0x1b, 0x24, 0xff, 0xff, 'x', 0x1d, 0x4c, 0xff, 0xff, 'y', 0x0a})

	f.Fuzz(func(t *testing.T, stream []byte) {
		if len(stream) > maxFuzzStream {
			t.Skip()
		}
		img, err := Render(stream, Width58mm)
		if img == nil {
			t.Fatalf("Render returned no image (err %v)", err)
		}
		if img.Bounds().Dx() != Width58mm {
			t.Errorf("width = %d, want %d", img.Bounds().Dx(), Width58mm)
		}
		if img.Bounds().Dy() > MaxRenderHeight {
			t.Errorf("height = %d, over the cap of %d", img.Bounds().Dy(), MaxRenderHeight)
		}
		if _, err := Parse(stream); err != nil && len(stream) == 0 {
			t.Errorf("Parse of an empty stream: %v", err)
		}
	})
}
