// Package escpos writes and reads the ESC/POS command language of thermal
// receipt printers.
//
// # Writing
//
// An [Encoder] appends commands to a byte buffer: initialise, alignment,
// character size, bold, text, feeds, cuts, native QR codes (GS ( k, model 2)
// and raster images (GS v 0). Text goes out as printable ASCII only, because
// a printer shows any other byte through whatever code page it happens to
// have selected, and a control byte in user text would change the printer's
// state. Text that ASCII cannot hold, Arabic above all, is drawn as a raster
// by the caller. [Sanitize] strips control characters from text that came
// from users or configuration before it is shaped or encoded.
//
// A [Profile] records what one printer model understands: paper width in
// dots, code page, native QR, whether it needs FS . and its cut command.
//
// # Reading
//
// [Parse] splits a stream into [Command] values, and [Render] draws a stream
// the way the printer would print it, for previews and for support staff who
// receive a captured stream.
package escpos
