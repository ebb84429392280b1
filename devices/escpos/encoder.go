package escpos

import (
	"errors"
	"fmt"
	"image"
)

// ErrInvalidArgument is matched by the error [Encoder.Err] returns after a
// command was given a value outside its range.
var ErrInvalidArgument = errors.New("escpos: invalid argument")

// Command bytes.
const (
	esc = 0x1b
	gs  = 0x1d
	fs  = 0x1c
	lf  = 0x0a
	dle = 0x10
)

// Alignment is the justification set by ESC a.
type Alignment byte

// Alignments, numbered as ESC a numbers them.
const (
	AlignLeft Alignment = iota
	AlignCenter
	AlignRight
)

// String returns the alignment's name.
func (a Alignment) String() string {
	switch a {
	case AlignLeft:
		return "left"
	case AlignCenter:
		return "center"
	case AlignRight:
		return "right"
	}
	return fmt.Sprintf("Alignment(%d)", byte(a))
}

// QRLevel is the error correction level of a QR code. The zero value is
// [QRLevelM], which restores about 15% of a damaged symbol.
type QRLevel byte

// QR error correction levels.
const (
	QRLevelM QRLevel = iota // 15%, the default
	QRLevelL                // 7%
	QRLevelQ                // 25%
	QRLevelH                // 30%
)

// String returns the level's letter.
func (l QRLevel) String() string {
	switch l {
	case QRLevelL:
		return "L"
	case QRLevelM:
		return "M"
	case QRLevelQ:
		return "Q"
	case QRLevelH:
		return "H"
	}
	return fmt.Sprintf("QRLevel(%d)", byte(l))
}

// code returns the n of GS ( k function 169: 48 for L up to 51 for H.
func (l QRLevel) code() byte {
	switch l {
	case QRLevelL:
		return 48
	case QRLevelQ:
		return 50
	case QRLevelH:
		return 51
	}
	return 49
}

// Limits of the commands' arguments.
const (
	MaxSize         = 8    // GS ! width and height multiplier
	MaxQRModuleSize = 16   // GS ( k function 167
	MaxQRData       = 7089 // maximum of a version 40 symbol (numeric data, level L)
	MaxRasterRows   = 2303 // rows in one GS v 0 command: yH is at most 8
)

// Encoder appends ESC/POS commands to a buffer. The zero value is ready to
// use. Its methods never fail: a value out of range is clamped or the
// command is left out, and the first such problem is kept for [Encoder.Err].
type Encoder struct {
	buf []byte
	err error
}

// NewEncoder returns an empty encoder.
func NewEncoder() *Encoder {
	return &Encoder{buf: make([]byte, 0, 512)}
}

// Bytes returns a copy of the commands written so far.
func (e *Encoder) Bytes() []byte {
	return append([]byte(nil), e.buf...)
}

// Len returns the number of bytes written so far.
func (e *Encoder) Len() int {
	return len(e.buf)
}

// Err returns the first invalid argument given to a command, or nil.
func (e *Encoder) Err() error {
	return e.err
}

func (e *Encoder) fail(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf("%w: "+format, append([]any{ErrInvalidArgument}, args...)...)
	}
}

// Raw appends b unchanged, for the bytes a printer profile supplies itself,
// such as its cut command.
func (e *Encoder) Raw(b []byte) {
	e.buf = append(e.buf, b...)
}

// Init resets the printer to its power-on settings (ESC @).
func (e *Encoder) Init() {
	e.buf = append(e.buf, esc, '@')
}

// Align sets the justification of the following lines (ESC a n). An unknown
// alignment is recorded in Err and sends nothing.
func (e *Encoder) Align(a Alignment) {
	if a > AlignRight {
		e.fail("alignment %d; use AlignLeft, AlignCenter or AlignRight", byte(a))
		return
	}
	e.buf = append(e.buf, esc, 'a', byte(a))
}

// Size sets the character width and height multipliers (GS ! n). Each is
// clamped to 1..8, and a value outside that range is recorded in Err.
func (e *Encoder) Size(width, height int) {
	w := e.clamp("character width", width, 1, MaxSize)
	h := e.clamp("character height", height, 1, MaxSize)
	e.buf = append(e.buf, gs, '!', byte((w-1)<<4|(h-1)))
}

// Bold turns emphasised printing on or off (ESC E n).
func (e *Encoder) Bold(on bool) {
	e.buf = append(e.buf, esc, 'E', boolByte(on))
}

// Text appends the printable ASCII characters of s (0x20-0x7E). Every other
// byte is left out: control characters would change the printer's state,
// and any other character would print as whatever the selected code page
// holds at that byte, or as '?'. Use [IsPrintableASCII] to find text that
// has to be drawn as a raster instead.
func (e *Encoder) Text(s string) {
	for i := 0; i < len(s); i++ {
		if isPrintableASCII(s[i]) {
			e.buf = append(e.buf, s[i])
		}
	}
}

// Line appends the printable ASCII characters of s and a line feed.
func (e *Encoder) Line(s string) {
	e.Text(s)
	e.buf = append(e.buf, lf)
}

// Feed prints the buffer and feeds the paper by lines (ESC d n). More than
// 255 lines take several commands. A negative count is recorded in Err.
func (e *Encoder) Feed(lines int) {
	if lines < 0 {
		e.fail("feed of %d lines; use 0 or more", lines)
		return
	}
	for lines > 255 {
		e.buf = append(e.buf, esc, 'd', 255)
		lines -= 255
	}
	e.buf = append(e.buf, esc, 'd', byte(lines))
}

// Cut feeds the paper to the cutter and cuts it partially (GS V 66 0).
func (e *Encoder) Cut() {
	e.buf = append(e.buf, gs, 'V', 'B', 0)
}

// CodePage selects the character code table (ESC t n).
func (e *Encoder) CodePage(n byte) {
	e.buf = append(e.buf, esc, 't', n)
}

// CancelKanji leaves the double-byte character mode that some printers sold
// in China start in (FS .), so that bytes above 0x7F are single characters.
func (e *Encoder) CancelKanji() {
	e.buf = append(e.buf, fs, '.')
}

// QR prints data as a model 2 QR code with the printer's own QR command
// (GS ( k): select the model, the module size in dots (clamped to 1..16),
// the error correction level, store the data and print it. Empty data or
// more than [MaxQRData] bytes is recorded in Err and sends nothing.
func (e *Encoder) QR(data string, moduleSize int, ec QRLevel) {
	if len(data) == 0 || len(data) > MaxQRData {
		e.fail("QR data of %d bytes; use 1..%d bytes", len(data), MaxQRData)
		return
	}
	if ec > QRLevelH {
		e.fail("QR error correction level %d; use QRLevelL, M, Q or H", byte(ec))
		ec = QRLevelM
	}
	size := e.clamp("QR module size", moduleSize, 1, MaxQRModuleSize)

	e.qrFunction(0x41, 50, 0) // 165: model 2
	e.qrFunction(0x43, byte(size))
	e.qrFunction(0x45, ec.code())

	// Function 180 stores the data; pL pH count cn, fn, m and the data.
	n := len(data) + 3
	e.buf = append(e.buf, gs, '(', 'k', byte(n), byte(n>>8), 49, 0x50, 48)
	e.buf = append(e.buf, data...)

	e.qrFunction(0x51, 48) // 181: print the stored symbol
}

// qrFunction appends a GS ( k command of the QR code symbol (cn = 49).
func (e *Encoder) qrFunction(fn byte, params ...byte) {
	n := len(params) + 2
	e.buf = append(e.buf, gs, '(', 'k', byte(n), byte(n>>8), 49, fn)
	e.buf = append(e.buf, params...)
}

// Raster prints img as a 1-bit raster image (GS v 0, normal density). A
// pixel prints black when its luminance over white paper is below half.
// Each row takes ceil(width/8) bytes, and images taller than 2303 rows are
// sent as several commands of at most 2303 rows, the most one command can
// describe. An empty image sends nothing.
func (e *Encoder) Raster(img image.Image) {
	bounds := img.Bounds()
	width, height := bounds.Dx(), bounds.Dy()
	if width <= 0 || height <= 0 {
		return
	}
	rowBytes := (width + 7) / 8
	if rowBytes > 0xffff {
		e.fail("raster width of %d dots; use at most %d", width, 0xffff*8)
		return
	}

	for top := 0; top < height; top += MaxRasterRows {
		rows := min(MaxRasterRows, height-top)
		e.buf = append(e.buf, gs, 'v', '0', 0,
			byte(rowBytes), byte(rowBytes>>8), byte(rows), byte(rows>>8))
		e.buf = appendRasterRows(e.buf, img, bounds.Min.Y+top, rows, rowBytes)
	}
}

func (e *Encoder) clamp(what string, v, lo, hi int) int {
	if v < lo || v > hi {
		e.fail("%s %d; use %d..%d", what, v, lo, hi)
		return max(lo, min(v, hi))
	}
	return v
}

func boolByte(on bool) byte {
	if on {
		return 1
	}
	return 0
}

// Begin starts a receipt for the printer p: initialise, leave the
// double-byte mode when the profile asks for FS ., and select its code
// page.
func (e *Encoder) Begin(p Profile) {
	e.Init()
	if p.CancelKanji {
		e.CancelKanji()
	}
	e.CodePage(p.CodePage)
}
