package escpos

import (
	"errors"
	"fmt"
)

// ErrTruncated is matched by the error [Parse] returns when the stream ends
// inside a command. A printer would wait for the missing bytes.
var ErrTruncated = errors.New("escpos: stream ends inside a command")

// Command is one command of an ESC/POS stream, or one run of text.
type Command struct {
	Offset int    // position of the command's first byte in the stream
	Name   string // mnemonic such as "ESC @", "GS ( k", "LF", "text" or "unknown"
	Params []byte // fixed parameters after the command bytes, such as n or xL xH yL yH
	Data   []byte // text, image data or the bytes a length prefix counts; aliases the stream
}

// Command names for the entries that are not commands.
const (
	NameText    = "text"    // a run of bytes from 0x20 up, printed as characters
	NameUnknown = "unknown" // bytes that start no command this package recognises
)

// Parse splits stream into commands and runs of text, in order. A control
// byte or escape sequence that Parse does not recognise becomes a one- or
// two-byte command named "unknown", so unknown bytes never cause an error.
// The only error is a stream that ends inside a command: Parse then returns
// the commands before it and an error matching [ErrTruncated].
func Parse(stream []byte) ([]Command, error) {
	var cmds []Command
	for off := 0; off < len(stream); {
		cmd, n, err := parseOne(stream[off:])
		if err != nil {
			return cmds, fmt.Errorf("%w: %s at offset %d needs %d more bytes",
				ErrTruncated, cmd.Name, off, n-(len(stream)-off))
		}
		cmd.Offset = off
		cmds = append(cmds, cmd)
		off += n
	}
	return cmds, nil
}

// errShort is returned by parseOne with the total length the command needs.
var errShort = errors.New("short")

// parseOne parses the command at the start of b, which is not empty. It
// returns the command and its length in bytes, or errShort and the length
// the command would need.
func parseOne(b []byte) (Command, int, error) {
	switch c := b[0]; {
	case c >= 0x20:
		n := 1
		for n < len(b) && b[n] >= 0x20 {
			n++
		}
		return Command{Name: NameText, Data: b[:n]}, n, nil
	case c == esc:
		return parseESC(b)
	case c == gs:
		return parseGS(b)
	case c == fs:
		return parseFS(b)
	case c == dle:
		return parseDLE(b)
	}
	if name, ok := singleByteNames[b[0]]; ok {
		return Command{Name: name}, 1, nil
	}
	return Command{Name: NameUnknown, Data: b[:1]}, 1, nil
}

var singleByteNames = map[byte]string{
	0x09: "HT", 0x0a: "LF", 0x0c: "FF", 0x0d: "CR", 0x18: "CAN",
}

// fixedLen returns a command of the given name whose prefix bytes are followed
// by nParams parameter bytes.
func fixedLen(b []byte, name string, prefix, nParams int) (Command, int, error) {
	n := prefix + nParams
	if len(b) < n {
		return Command{Name: name}, n, errShort
	}
	return Command{Name: name, Params: b[prefix:n]}, n, nil
}

// withData returns a command with nParams parameter bytes followed by
// dataLen(params) bytes of data.
func withData(b []byte, name string, prefix, nParams int, dataLen func(p []byte) int) (Command, int, error) {
	cmd, n, err := fixedLen(b, name, prefix, nParams)
	if err != nil {
		return cmd, n, err
	}
	total := n + dataLen(cmd.Params)
	if len(b) < total {
		return cmd, total, errShort
	}
	cmd.Data = b[n:total]
	return cmd, total, nil
}

// untilNUL returns a command whose data runs up to a NUL byte (or at most
// limit bytes), which ends the command and is not part of the data.
func untilNUL(b []byte, name string, prefix, nParams, limit int) (Command, int, error) {
	cmd, n, err := fixedLen(b, name, prefix, nParams)
	if err != nil {
		return cmd, n, err
	}
	for i := n; i < len(b) && i-n <= limit; i++ {
		if b[i] == 0 {
			cmd.Data = b[n:i]
			return cmd, i + 1, nil
		}
	}
	if len(b)-n > limit {
		cmd.Data = b[n : n+limit]
		return cmd, n + limit, nil
	}
	return cmd, len(b) + 1, errShort
}

func le16(lo, hi byte) int { return int(lo) | int(hi)<<8 }

// escParams is the number of parameter bytes after ESC x for the commands
// whose length is fixed.
var escParams = map[byte]int{
	' ': 1, '!': 1, '$': 2, '%': 1, '-': 1, '2': 0, '3': 1, '<': 0, '=': 1,
	'?': 1, '@': 0, 'E': 1, 'G': 1, 'J': 1, 'K': 1, 'L': 0, 'M': 1, 'R': 1,
	'S': 0, 'T': 1, 'U': 1, 'V': 1, 'W': 8, '\\': 2, 'a': 1, 'c': 2, 'd': 1,
	'e': 1, 'i': 0, 'm': 0, 'p': 3, 'r': 1, 't': 1, 'u': 1, 'v': 0, '{': 1,
	'B': 2, 0x0c: 0,
}

func parseESC(b []byte) (Command, int, error) {
	if len(b) < 2 {
		return Command{Name: "ESC"}, 2, errShort
	}
	x := b[1]
	name := "ESC " + printableName(x)
	switch x {
	case '*':
		return withData(b, name, 2, 3, func(p []byte) int {
			n := le16(p[1], p[2])
			if p[0] == 32 || p[0] == 33 {
				return 3 * n
			}
			if p[0] == 0 || p[0] == 1 {
				return n
			}
			return 0
		})
	case 'D':
		return untilNUL(b, name, 2, 0, 32)
	case '&':
		return parseUserChars(b, name)
	case '(':
		return withData(b, name+" "+printableName(at(b, 2)), 3, 2, func(p []byte) int {
			return le16(p[0], p[1])
		})
	}
	if n, ok := escParams[x]; ok {
		return fixedLen(b, name, 2, n)
	}
	return Command{Name: NameUnknown, Data: b[:2]}, 2, nil
}

// parseUserChars parses ESC & y c1 c2, which defines the characters c1 to
// c2, each given as a width x and then y times x bytes of columns.
func parseUserChars(b []byte, name string) (Command, int, error) {
	cmd, n, err := fixedLen(b, name, 2, 3)
	if err != nil {
		return cmd, n, err
	}
	y, c1, c2 := int(cmd.Params[0]), int(cmd.Params[1]), int(cmd.Params[2])
	end := n
	for c := c1; c <= c2; c++ {
		if end >= len(b) {
			return cmd, end + 1, errShort
		}
		end += 1 + y*int(b[end])
	}
	if end > len(b) {
		return cmd, end, errShort
	}
	cmd.Data = b[n:end]
	return cmd, end, nil
}

// gsParams is the number of parameter bytes after GS x for the commands
// whose length is fixed.
var gsParams = map[byte]int{
	'!': 1, '$': 2, '/': 1, ':': 0, 'B': 1, 'E': 1, 'H': 1, 'I': 1, 'L': 2,
	'P': 2, 'T': 1, 'W': 2, '\\': 2, '^': 3, 'a': 1, 'b': 1, 'c': 0, 'f': 1,
	'g': 4, 'h': 1, 'r': 1, 'w': 1,
}

func parseGS(b []byte) (Command, int, error) {
	if len(b) < 2 {
		return Command{Name: "GS"}, 2, errShort
	}
	x := b[1]
	name := "GS " + printableName(x)
	switch x {
	case '(':
		return withData(b, name+" "+printableName(at(b, 2)), 3, 2, func(p []byte) int {
			return le16(p[0], p[1])
		})
	case '8':
		return withData(b, name+" "+printableName(at(b, 2)), 3, 4, func(p []byte) int {
			return int(p[0]) | int(p[1])<<8 | int(p[2])<<16 | int(p[3])<<24
		})
	case 'v':
		return withData(b, "GS v 0", 3, 5, func(p []byte) int {
			return le16(p[1], p[2]) * le16(p[3], p[4])
		})
	case '*':
		return withData(b, name, 2, 2, func(p []byte) int {
			return int(p[0]) * int(p[1]) * 8
		})
	case 'V':
		return parseCut(b, name)
	case 'k':
		return parseBarcode(b, name)
	}
	if n, ok := gsParams[x]; ok {
		return fixedLen(b, name, 2, n)
	}
	return Command{Name: NameUnknown, Data: b[:2]}, 2, nil
}

// parseCut parses GS V m, followed by a feed amount n when m is 65, 66 or
// 97 to 104.
func parseCut(b []byte, name string) (Command, int, error) {
	if len(b) < 3 {
		return Command{Name: name}, 3, errShort
	}
	m := b[2]
	if m == 65 || m == 66 || (m >= 97 && m <= 104) {
		return fixedLen(b, name, 2, 2)
	}
	return fixedLen(b, name, 2, 1)
}

// parseBarcode parses GS k m, whose data ends with NUL when m is 0 to 6 and
// is counted by a length byte n when m is 65 and up.
func parseBarcode(b []byte, name string) (Command, int, error) {
	if len(b) < 3 {
		return Command{Name: name}, 3, errShort
	}
	if b[2] <= 6 {
		return untilNUL(b, name, 2, 1, 255)
	}
	return withData(b, name, 2, 2, func(p []byte) int { return int(p[1]) })
}

var fsParams = map[byte]int{
	'!': 1, '&': 0, '-': 1, '.': 0, 'C': 1, 'S': 2, 'W': 1, 'p': 2,
}

func parseFS(b []byte) (Command, int, error) {
	if len(b) < 2 {
		return Command{Name: "FS"}, 2, errShort
	}
	x := b[1]
	name := "FS " + printableName(x)
	switch x {
	case '(':
		return withData(b, name+" "+printableName(at(b, 2)), 3, 2, func(p []byte) int {
			return le16(p[0], p[1])
		})
	case '2':
		return withData(b, name, 2, 2, func([]byte) int { return 72 })
	case 'q':
		return parseNVImages(b, name)
	}
	if n, ok := fsParams[x]; ok {
		return fixedLen(b, name, 2, n)
	}
	return Command{Name: NameUnknown, Data: b[:2]}, 2, nil
}

// parseNVImages parses FS q n, which defines n images, each given as xL xH
// yL yH and then x times y times 8 bytes.
func parseNVImages(b []byte, name string) (Command, int, error) {
	cmd, n, err := fixedLen(b, name, 2, 1)
	if err != nil {
		return cmd, n, err
	}
	end := n
	for i := 0; i < int(cmd.Params[0]); i++ {
		if end+4 > len(b) {
			return cmd, end + 4, errShort
		}
		end += 4 + le16(b[end], b[end+1])*le16(b[end+2], b[end+3])*8
	}
	if end > len(b) {
		return cmd, end, errShort
	}
	cmd.Data = b[n:end]
	return cmd, end, nil
}

func parseDLE(b []byte) (Command, int, error) {
	if len(b) < 2 {
		return Command{Name: "DLE"}, 2, errShort
	}
	switch b[1] {
	case 0x04:
		return fixedLen(b, "DLE EOT", 2, 1)
	case 0x05:
		return fixedLen(b, "DLE ENQ", 2, 1)
	case 0x14:
		if len(b) >= 3 && b[2] == 8 {
			return fixedLen(b, "DLE DC4", 2, 8)
		}
		return fixedLen(b, "DLE DC4", 2, 3)
	}
	return Command{Name: NameUnknown, Data: b[:1]}, 1, nil
}

// at returns b[i], or 0 when b is too short; the caller's length check
// reports the truncation.
func at(b []byte, i int) byte {
	if i < len(b) {
		return b[i]
	}
	return 0
}

// printableName returns the character x as it appears in command
// mnemonics, or its hexadecimal value when it is not printable.
func printableName(x byte) string {
	if isPrintableASCII(x) {
		return string(rune(x))
	}
	return fmt.Sprintf("0x%02X", x)
}
