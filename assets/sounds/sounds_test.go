package sounds

import (
	"errors"
	"testing"
	"time"
)

func TestChimeDuration(t *testing.T) {
	got, err := Duration(Chime)
	if err != nil {
		t.Fatal(err)
	}
	if want := 1450 * time.Millisecond; got != want {
		t.Errorf("chime plays %v, want %v", got, want)
	}
}

func TestChimeIsSmall(t *testing.T) {
	// The chime is embedded in every binary.
	if len(Chime) > 64<<10 {
		t.Errorf("chime.wav is %d bytes, want at most 64 KiB", len(Chime))
	}
}

func TestDurationRejects(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not riff", []byte("OggS0000WAVEfmt ")},
		{"truncated chunk", append([]byte("RIFF\x00\x00\x00\x00WAVEfmt "), 0xff, 0, 0, 0)},
		{"no data", Chime[:36]},
		{"data before fmt", []byte("RIFF\x00\x00\x00\x00WAVEdata\x02\x00\x00\x00\x00\x00")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Duration(tc.data); !errors.Is(err, ErrNotWAV) {
				t.Errorf("err = %v, want ErrNotWAV", err)
			}
		})
	}
}
