//go:build ignore

// gen_chime writes chime.wav, the two-note chime the hall display plays
// before a call: a bell-like E6 then C6, each a sine with two quieter
// partials and an exponential decay, 16-bit mono PCM at 16 kHz. Run it with
// "go generate ./assets/sounds" after changing a parameter.
package main

import (
	"encoding/binary"
	"log"
	"math"
	"os"
)

const (
	sampleRate = 16000
	noteLength = 0.55 // seconds from one note's start to the next
	tail       = 0.9  // seconds the last note rings
	peak       = 0.6  // fraction of full scale, to leave headroom
)

// notes are the fundamentals in hertz: E6 and C6, a falling major third.
var notes = []float64{1318.51, 1046.50}

func main() {
	total := int((noteLength*float64(len(notes)-1) + tail) * sampleRate)
	samples := make([]float64, total)
	for i, f := range notes {
		start := int(noteLength * float64(i) * sampleRate)
		addBell(samples[start:], f)
	}

	pcm := make([]int16, total)
	for i, s := range samples {
		pcm[i] = int16(math.Round(math.Max(-1, math.Min(1, s)) * peak * math.MaxInt16))
	}
	if err := writeWAV("chime.wav", pcm); err != nil {
		log.Fatal(err)
	}
}

// addBell adds one struck note: the fundamental and partials at 2 and 3
// times its frequency, a 5 ms attack so the start does not click, and a
// decay of about 0.35 s.
func addBell(out []float64, f float64) {
	for i := range out {
		t := float64(i) / sampleRate
		attack := math.Min(1, t/0.005)
		decay := math.Exp(-t / 0.35)
		v := math.Sin(2*math.Pi*f*t) + 0.3*math.Sin(2*math.Pi*2*f*t)*math.Exp(-t/0.15) +
			0.1*math.Sin(2*math.Pi*3*f*t)*math.Exp(-t/0.08)
		out[i] += v / 1.4 * attack * decay
	}
	// Fade the last 20 ms to zero so the file ends without a click.
	fade := int(0.02 * sampleRate)
	for i := range fade {
		if j := len(out) - fade + i; j >= 0 {
			out[j] *= float64(fade-i) / float64(fade)
		}
	}
}

// writeWAV writes a RIFF WAVE file of 16-bit mono PCM.
func writeWAV(path string, pcm []int16) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	dataSize := uint32(len(pcm) * 2)
	header := []any{
		[4]byte{'R', 'I', 'F', 'F'}, 36 + dataSize, [4]byte{'W', 'A', 'V', 'E'},
		[4]byte{'f', 'm', 't', ' '}, uint32(16), uint16(1), uint16(1),
		uint32(sampleRate), uint32(sampleRate * 2), uint16(2), uint16(16),
		[4]byte{'d', 'a', 't', 'a'}, dataSize,
	}
	for _, v := range header {
		if err := binary.Write(f, binary.LittleEndian, v); err != nil {
			f.Close()
			return err
		}
	}
	if err := binary.Write(f, binary.LittleEndian, pcm); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
