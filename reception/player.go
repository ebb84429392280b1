package reception

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
)

// ErrNoPlayer is returned by FindPlayer when the machine has no audio
// player program.
var ErrNoPlayer = errors.New("reception: no audio player found")

// Silent is the Player of a machine without audio: it plays nothing and
// returns at once.
type Silent struct{}

// Play returns nil without playing.
func (Silent) Play(context.Context, []byte) error { return nil }

// CommandPlayer plays WAV data by piping it to an audio program's standard
// input, such as "paplay" (PulseAudio or PipeWire) or "aplay -q -" (ALSA).
type CommandPlayer struct {
	Path string
	Args []string
}

// players lists the programs FindPlayer tries, in order. paplay goes first
// because on a desktop session it shares the sound server with other
// programs, where aplay may find the ALSA device busy.
var players = []CommandPlayer{
	{Path: "paplay"},
	{Path: "pw-play", Args: []string{"-"}},
	{Path: "aplay", Args: []string{"-q", "-"}},
}

// FindPlayer returns a CommandPlayer for the first of paplay, pw-play and
// aplay found on PATH, or ErrNoPlayer. Finding a program does not prove
// that a sound device works: Play reports that.
func FindPlayer() (CommandPlayer, error) {
	for _, p := range players {
		path, err := exec.LookPath(p.Path)
		if err == nil {
			return CommandPlayer{Path: path, Args: p.Args}, nil
		}
	}
	return CommandPlayer{}, fmt.Errorf("%w: install pulseaudio-utils (paplay) or alsa-utils (aplay), "+
		"or run the display without sound", ErrNoPlayer)
}

// Play runs the program with sound on its standard input and waits for it
// to end. Cancelling ctx stops the program.
func (p CommandPlayer) Play(ctx context.Context, sound []byte) error {
	cmd := exec.CommandContext(ctx, p.Path, p.Args...)
	cmd.Stdin = bytes.NewReader(sound)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := bytes.TrimSpace(stderr.Bytes())
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return fmt.Errorf("reception: play sound with %s: %w: %s", p.Path, err, msg)
	}
	return nil
}
