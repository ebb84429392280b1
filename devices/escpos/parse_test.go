package escpos

import (
	"bytes"
	"errors"
	"testing"
)

func TestParseCommands(t *testing.T) {
	tests := []struct {
		name       string
		stream     []byte
		wantName   string
		wantParams []byte
		wantData   []byte
	}{
		{"text", []byte("Hello"), NameText, nil, []byte("Hello")},
		{"line feed", []byte{0x0a}, "LF", nil, nil},
		{"init", []byte{0x1b, 0x40}, "ESC @", nil, nil},
		{"print mode", []byte{0x1b, 0x21, 0x38}, "ESC !", []byte{0x38}, nil},
		{"size", []byte{0x1d, 0x21, 0x11}, "GS !", []byte{0x11}, nil},
		{"line spacing", []byte{0x1b, 0x33, 24}, "ESC 3", []byte{24}, nil},
		{"code page", []byte{0x1b, 0x74, 16}, "ESC t", []byte{16}, nil},
		{"cut without feed", []byte{0x1d, 0x56, 0x01}, "GS V", []byte{0x01}, nil},
		{"cut with feed", []byte{0x1d, 0x56, 0x42, 0x03}, "GS V", []byte{0x42, 0x03}, nil},
		{"drawer pulse", []byte{0x1b, 0x70, 0, 25, 250}, "ESC p", []byte{0, 25, 250}, nil},
		{"status request", []byte{0x10, 0x04, 0x04}, "DLE EOT", []byte{0x04}, nil},
		{"cancel kanji", []byte{0x1c, 0x2e}, "FS .", nil, nil},
		{
			"raster", []byte{0x1d, 0x76, 0x30, 0, 2, 0, 1, 0, 0xaa, 0x55},
			"GS v 0", []byte{0, 2, 0, 1, 0}, []byte{0xaa, 0x55},
		},
		{
			"column image 24-dot", []byte{0x1b, 0x2a, 33, 1, 0, 1, 2, 3},
			"ESC *", []byte{33, 1, 0}, []byte{1, 2, 3},
		},
		{
			"QR store", []byte{0x1d, 0x28, 0x6b, 5, 0, 49, 80, 48, 'h', 'i'},
			"GS ( k", []byte{5, 0}, []byte{49, 80, 48, 'h', 'i'},
		},
		{
			"graphics with 32-bit length", []byte{0x1d, 0x38, 0x4c, 2, 0, 0, 0, 48, 50},
			"GS 8 L", []byte{2, 0, 0, 0}, []byte{48, 50},
		},
		{"barcode with NUL", []byte{0x1d, 0x6b, 4, '1', '2', 0}, "GS k", []byte{4}, []byte("12")},
		{"barcode with length", []byte{0x1d, 0x6b, 73, 2, '1', '2'}, "GS k", []byte{73, 2}, []byte("12")},
		{"tab stops", []byte{0x1b, 0x44, 8, 16, 0}, "ESC D", nil, []byte{8, 16}},
		{"unknown escape", []byte{0x1b, 0x7f}, NameUnknown, nil, []byte{0x1b, 0x7f}},
		{"unknown control byte", []byte{0x07}, NameUnknown, nil, []byte{0x07}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmds, err := Parse(tt.stream)
			if err != nil {
				t.Fatal(err)
			}
			if len(cmds) != 1 {
				t.Fatalf("Parse returned %d commands, want 1: %+v", len(cmds), cmds)
			}
			cmd := cmds[0]
			if cmd.Name != tt.wantName {
				t.Errorf("Name = %q, want %q", cmd.Name, tt.wantName)
			}
			if !bytes.Equal(cmd.Params, tt.wantParams) {
				t.Errorf("Params = % X, want % X", cmd.Params, tt.wantParams)
			}
			if !bytes.Equal(cmd.Data, tt.wantData) {
				t.Errorf("Data = % X, want % X", cmd.Data, tt.wantData)
			}
		})
	}
}

func TestParseOffsetsCoverStream(t *testing.T) {
	for _, path := range fixtureFiles(t) {
		stream := readFile(t, path)
		cmds, err := Parse(stream)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for i := 1; i < len(cmds); i++ {
			if cmds[i].Offset <= cmds[i-1].Offset {
				t.Fatalf("%s: command %d at offset %d follows offset %d",
					path, i, cmds[i].Offset, cmds[i-1].Offset)
			}
		}
		if len(cmds) == 0 || cmds[0].Offset != 0 {
			t.Errorf("%s: first command does not start at offset 0", path)
		}
	}
}

func TestParseTruncated(t *testing.T) {
	tests := []struct {
		name     string
		stream   []byte
		wantCmds int
	}{
		{"lone escape", []byte("ok\x1b"), 1},
		{"missing parameter", []byte{0x1b, 0x61}, 0},
		{"raster short of data", []byte{0x1d, 0x76, 0x30, 0, 2, 0, 2, 0, 1, 2, 3}, 0},
		{"QR store short of data", []byte{0x1b, 0x40, 0x1d, 0x28, 0x6b, 0x10, 0x01, 49, 80, 48}, 1},
		{"barcode without NUL", []byte{0x1d, 0x6b, 4, '1', '2'}, 0},
		{"cut without feed amount", []byte{0x1d, 0x56, 0x42}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmds, err := Parse(tt.stream)
			if !errors.Is(err, ErrTruncated) {
				t.Errorf("err = %v, want ErrTruncated", err)
			}
			if len(cmds) != tt.wantCmds {
				t.Errorf("got %d commands before the truncation, want %d", len(cmds), tt.wantCmds)
			}
		})
	}
}

func TestParseEncoderOutput(t *testing.T) {
	e := NewEncoder()
	e.Init()
	e.CancelKanji()
	e.CodePage(16)
	e.Align(AlignCenter)
	e.Size(2, 3)
	e.Bold(true)
	e.Line("A-007")
	e.QR("https://upload.example/u/x", 4, QRLevelM)
	e.Feed(3)
	e.Cut()

	cmds, err := Parse(e.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, cmd := range cmds {
		names = append(names, cmd.Name)
	}
	want := []string{
		"ESC @", "FS .", "ESC t", "ESC a", "GS !", "ESC E", NameText, "LF",
		"GS ( k", "GS ( k", "GS ( k", "GS ( k", "GS ( k", "ESC d", "GS V",
	}
	if len(names) != len(want) {
		t.Fatalf("commands = %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("command %d = %q, want %q", i, names[i], want[i])
		}
	}
}
