package receipt

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
)

// command is one ESC/POS command of a receipt, or a run of text.
type command struct {
	name string // "text", "ESC @", "GS v 0", "GS ( k 180" and so on
	args []byte // the parameter bytes, the text, the QR data or the raster rows
	// width and height of a raster in dots
	width, height int
}

// parseStream splits the bytes a layout produced into commands. It accepts
// only the commands the layouts send and returns an error for any other
// control byte. That is how the tests find a control byte that leaked from
// user text into the stream.
func parseStream(b []byte) ([]command, error) {
	var out []command
	for i := 0; i < len(b); {
		switch {
		case b[i] == 0x1b:
			n, c, err := parseESC(b[i:])
			if err != nil {
				return nil, fmt.Errorf("offset %d: %w", i, err)
			}
			out = append(out, c)
			i += n
		case b[i] == 0x1d:
			n, c, err := parseGS(b[i:])
			if err != nil {
				return nil, fmt.Errorf("offset %d: %w", i, err)
			}
			out = append(out, c)
			i += n
		case b[i] == 0x1c:
			if i+1 >= len(b) || b[i+1] != '.' {
				return nil, fmt.Errorf("offset %d: FS not followed by '.'", i)
			}
			out = append(out, command{name: "FS ."})
			i += 2
		case b[i] == '\n' || (b[i] >= 0x20 && b[i] < 0x7f):
			j := i
			for j < len(b) && (b[j] == '\n' || (b[j] >= 0x20 && b[j] < 0x7f)) {
				j++
			}
			out = append(out, command{name: "text", args: b[i:j]})
			i = j
		default:
			return nil, fmt.Errorf("offset %d: unexpected byte %#02x", i, b[i])
		}
	}
	return out, nil
}

func parseESC(b []byte) (int, command, error) {
	if len(b) < 2 {
		return 0, command{}, fmt.Errorf("truncated ESC")
	}
	switch b[1] {
	case '@':
		return 2, command{name: "ESC @"}, nil
	case 't', 'a', 'E', 'd', 'M', 'J':
		if len(b) < 3 {
			return 0, command{}, fmt.Errorf("truncated ESC %c", b[1])
		}
		return 3, command{name: "ESC " + string(b[1]), args: b[2:3]}, nil
	}
	return 0, command{}, fmt.Errorf("unknown command ESC %#02x", b[1])
}

func parseGS(b []byte) (int, command, error) {
	if len(b) < 2 {
		return 0, command{}, fmt.Errorf("truncated GS")
	}
	switch b[1] {
	case '!':
		if len(b) < 3 {
			return 0, command{}, fmt.Errorf("truncated GS !")
		}
		return 3, command{name: "GS !", args: b[2:3]}, nil
	case 'V':
		if len(b) < 4 || b[2] != 'B' {
			return 0, command{}, fmt.Errorf("GS V is not the partial cut GS V B n")
		}
		return 4, command{name: "GS V", args: b[2:4]}, nil
	case '(':
		if len(b) < 7 || b[2] != 'k' {
			return 0, command{}, fmt.Errorf("GS ( is not GS ( k")
		}
		n := int(b[3]) | int(b[4])<<8
		if len(b) < 5+n || n < 2 {
			return 0, command{}, fmt.Errorf("GS ( k of %d bytes is truncated", n)
		}
		fn := int(b[6])
		return 5 + n, command{name: fmt.Sprintf("GS ( k %d", fn+100), args: b[7 : 5+n]}, nil
	case 'v':
		if len(b) < 8 || b[2] != '0' {
			return 0, command{}, fmt.Errorf("GS v is not GS v 0")
		}
		rowBytes := int(b[4]) | int(b[5])<<8
		rows := int(b[6]) | int(b[7])<<8
		n := 8 + rowBytes*rows
		if len(b) < n {
			return 0, command{}, fmt.Errorf("GS v 0 of %dx%d bytes is truncated", rowBytes, rows)
		}
		return n, command{name: "GS v 0", args: b[8:n], width: rowBytes * 8, height: rows}, nil
	}
	return 0, command{}, fmt.Errorf("unknown command GS %#02x", b[1])
}

// text returns the text of all text commands, in order.
func text(cmds []command) []byte {
	var b bytes.Buffer
	for _, c := range cmds {
		if c.name == "text" {
			b.Write(c.args)
		}
	}
	return b.Bytes()
}

// named returns the commands with the given name.
func named(cmds []command, name string) []command {
	var out []command
	for _, c := range cmds {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

// qrData returns the data stored by each native QR command (function 180,
// GS ( k pL pH 49 80 48 d1...dk).
func qrData(cmds []command) []string {
	var out []string
	for _, c := range named(cmds, "GS ( k 180") {
		if len(c.args) < 1 || c.args[0] != 48 {
			continue
		}
		out = append(out, string(c.args[1:]))
	}
	return out
}

// rasterImage returns a GS v 0 command as a gray image with a white
// margin of border dots on every side, black for ink.
func rasterImage(c command, border int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, c.width+2*border, c.height+2*border))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	rowBytes := c.width / 8
	for y := 0; y < c.height; y++ {
		for x := 0; x < c.width; x++ {
			if c.args[y*rowBytes+x/8]&(0x80>>(x%8)) != 0 {
				img.SetGray(border+x, border+y, color.Gray{})
			}
		}
	}
	return img
}
