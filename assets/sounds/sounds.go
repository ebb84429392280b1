// Package sounds embeds the sounds frontdesk plays.
//
// chime.wav is the hall display's call chime, two bell-like notes (E6 then
// C6) lasting 1.45 s, 16-bit mono PCM at 16 kHz. It was synthesised for
// frontdesk by gen_chime.go in this folder, which is its only source, so it
// carries no third-party licence.
package sounds

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

//go:generate go run gen_chime.go

// Chime is the call chime as a RIFF WAVE file.
//
//go:embed chime.wav
var Chime []byte

// ErrNotWAV is returned by Duration for data that is not a PCM WAVE file.
var ErrNotWAV = errors.New("sounds: not a PCM WAVE file")

// Duration returns how long a PCM WAVE file plays, from its fmt and data
// chunks.
func Duration(wav []byte) (time.Duration, error) {
	if len(wav) < 12 || string(wav[0:4]) != "RIFF" || string(wav[8:12]) != "WAVE" {
		return 0, fmt.Errorf("%w: missing RIFF WAVE header", ErrNotWAV)
	}
	var byteRate uint32
	for rest := wav[12:]; len(rest) >= 8; {
		id, size := string(rest[0:4]), binary.LittleEndian.Uint32(rest[4:8])
		body := rest[8:]
		if uint64(size) > uint64(len(body)) {
			return 0, fmt.Errorf("%w: chunk %q claims %d bytes, %d left", ErrNotWAV, id, size, len(body))
		}
		switch id {
		case "fmt ":
			if size < 16 {
				return 0, fmt.Errorf("%w: fmt chunk of %d bytes, want at least 16", ErrNotWAV, size)
			}
			byteRate = binary.LittleEndian.Uint32(body[8:12])
		case "data":
			if byteRate == 0 {
				return 0, fmt.Errorf("%w: data chunk before a fmt chunk with a byte rate", ErrNotWAV)
			}
			return time.Duration(uint64(size) * uint64(time.Second) / uint64(byteRate)), nil
		}
		// Chunks are padded to an even length.
		skip := int(size) + int(size&1)
		if skip > len(body) {
			break
		}
		rest = body[skip:]
	}
	return 0, fmt.Errorf("%w: no data chunk", ErrNotWAV)
}
