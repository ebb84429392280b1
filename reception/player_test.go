package reception

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"frontdesk/assets/sounds"
)

// writeScript writes an executable shell script named name into dir.
func writeScript(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCommandPlayerPipesSound(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "played.wav")
	script := writeScript(t, dir, "aplay", `[ "$1 $2" = "-q -" ] || exit 3; cat > "`+out+`"`)

	p := CommandPlayer{Path: script, Args: []string{"-q", "-"}}
	if err := p.Play(context.Background(), sounds.Chime); err != nil {
		t.Fatalf("Play: %v", err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, sounds.Chime) {
		t.Errorf("the player got %d bytes, want the %d bytes of the chime", len(got), len(sounds.Chime))
	}
}

func TestCommandPlayerReportsFailure(t *testing.T) {
	dir := t.TempDir()
	script := writeScript(t, dir, "paplay", "cat > /dev/null; echo 'Connection refused' >&2; exit 1\n")
	err := CommandPlayer{Path: script}.Play(context.Background(), sounds.Chime)
	if err == nil {
		t.Fatal("Play succeeded, want the program's failure")
	}
	if !bytes.Contains([]byte(err.Error()), []byte("Connection refused")) {
		t.Errorf("error %q does not carry the program's message", err)
	}
}

func TestFindPlayer(t *testing.T) {
	t.Run("none", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		if _, err := FindPlayer(); !errors.Is(err, ErrNoPlayer) {
			t.Errorf("err = %v, want ErrNoPlayer", err)
		}
	})
	t.Run("aplay only", func(t *testing.T) {
		dir := t.TempDir()
		writeScript(t, dir, "aplay", "exit 0\n")
		t.Setenv("PATH", dir)
		p, err := FindPlayer()
		if err != nil {
			t.Fatal(err)
		}
		if p.Path != filepath.Join(dir, "aplay") || len(p.Args) != 2 || p.Args[1] != "-" {
			t.Errorf("found %+v, want aplay reading standard input", p)
		}
	})
	t.Run("paplay first", func(t *testing.T) {
		dir := t.TempDir()
		writeScript(t, dir, "aplay", "exit 0\n")
		writeScript(t, dir, "paplay", "exit 0\n")
		t.Setenv("PATH", dir)
		p, err := FindPlayer()
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(p.Path) != "paplay" {
			t.Errorf("found %s, want paplay before aplay", p.Path)
		}
	})
}
