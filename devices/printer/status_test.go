package printer

import (
	"errors"
	"testing"
)

func TestDecodeStatus(t *testing.T) {
	tests := []struct {
		name    string
		replies [4]byte
		want    Status // Replies is filled in from replies
		wantErr error  // the sentinel Err matches, or nil
		text    string
	}{
		{
			name:    "ready",
			replies: [4]byte{0x12, 0x12, 0x12, 0x12},
			text:    "ready",
		},
		{
			name:    "ready with drawer pin high",
			replies: [4]byte{0x16, 0x12, 0x12, 0x12},
			text:    "ready",
		},
		{
			name:    "paper near end",
			replies: [4]byte{0x16, 0x12, 0x12, 0x1e},
			want:    Status{NearEnd: true},
			text:    "ready, paper near end",
		},
		{
			name:    "one near-end bit only",
			replies: [4]byte{0x12, 0x12, 0x12, 0x16},
			want:    Status{NearEnd: true},
			text:    "ready, paper near end",
		},
		{
			name:    "paper out",
			replies: [4]byte{0x1e, 0x32, 0x12, 0x72},
			want:    Status{Offline: true, PaperStopped: true, PaperOut: true},
			wantErr: ErrPaperOut,
			text:    "offline, paper out",
		},
		{
			name:    "paper out with near-end bits",
			replies: [4]byte{0x1e, 0x32, 0x12, 0x7e},
			want:    Status{Offline: true, PaperStopped: true, PaperOut: true, NearEnd: true},
			wantErr: ErrPaperOut,
			text:    "offline, paper out",
		},
		{
			name:    "paper end bit of the offline cause only",
			replies: [4]byte{0x1e, 0x32, 0x12, 0x12},
			want:    Status{Offline: true, PaperStopped: true, PaperOut: true},
			wantErr: ErrPaperOut,
			text:    "offline, paper out",
		},
		{
			name:    "cover open and paper out",
			replies: [4]byte{0x1e, 0x36, 0x12, 0x72},
			want:    Status{Offline: true, CoverOpen: true, PaperStopped: true, PaperOut: true},
			wantErr: ErrCoverOpen,
			text:    "offline, cover open, paper out",
		},
		{
			name:    "autocutter error",
			replies: [4]byte{0x1e, 0x52, 0x1a, 0x12},
			want:    Status{Offline: true, Error: true, CutterError: true},
			wantErr: ErrPrinterError,
			text:    "offline, error, autocutter error",
		},
		{
			name:    "head too hot",
			replies: [4]byte{0x1e, 0x52, 0x52, 0x12},
			want:    Status{Offline: true, Error: true, AutoRecovering: true},
			wantErr: ErrPrinterError,
			text:    "offline, error, auto-recoverable error",
		},
		{
			name:    "offline with feed button held",
			replies: [4]byte{0x5a, 0x1a, 0x12, 0x12},
			want:    Status{Offline: true, FeedButton: true},
			wantErr: ErrOffline,
			text:    "offline, feed button pressed",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := decodeStatus(tt.replies)
			want := tt.want
			want.Replies = tt.replies
			if got != want {
				t.Errorf("decodeStatus(% X) = %+v\nwant %+v", tt.replies, got, want)
			}

			err := got.Err()
			if tt.wantErr == nil && err != nil {
				t.Errorf("Err() = %v, want nil", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("Err() = %v, want one matching %v", err, tt.wantErr)
			}
			if s := got.String(); s != tt.text {
				t.Errorf("String() = %q, want %q", s, tt.text)
			}
		})
	}
}

func TestIsReply(t *testing.T) {
	tests := []struct {
		b    byte
		want bool
	}{
		{0x12, true}, {0x16, true}, {0x1e, true}, {0x72, true}, {0x7e, true}, {0x5a, true},
		{0x11, false}, // XON
		{0x13, false}, // XOFF
		{0x10, false}, // first byte of an Automatic Status Back block
		{0x00, false},
		{0x0f, false},
		{0x92, false}, // bit 7 set
		{0xff, false},
	}
	for _, tt := range tests {
		if got := isReply(tt.b); got != tt.want {
			t.Errorf("isReply(%#02x) = %v, want %v", tt.b, got, tt.want)
		}
	}
}

func TestNoAnswerMatchesOffline(t *testing.T) {
	if !errors.Is(ErrNoAnswer, ErrOffline) {
		t.Errorf("errors.Is(ErrNoAnswer, ErrOffline) = false, want true")
	}
	if errors.Is(ErrOffline, ErrNoAnswer) {
		t.Errorf("errors.Is(ErrOffline, ErrNoAnswer) = true, want false")
	}
}
