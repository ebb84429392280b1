package arabic

import (
	"image"
	"math"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"
)

// inkThreshold is the coverage (out of 255) from which a dot is inked. It
// is below one half so that strokes thinner than a dot, common in small
// Arabic text, still print instead of breaking up.
const inkThreshold = 0x60

// rasterize draws the outlines of a shaped line with the given pixel size
// and returns the 1-bit image cropped to its ink, or nil when nothing is
// inked (an empty or all-space line).
func rasterize(face *font.Face, line shapedLine, size int) *Bitmap {
	pad := size // room for marks and overhangs outside the line's metrics
	width := int(math.Ceil(float64(line.advance))) + 2*pad
	height := int(math.Ceil(float64(line.ascent+line.descent))) + 2*pad
	baseline := float32(pad) + line.ascent
	scale := float32(size) / float32(face.Upem())

	z := vector.NewRasterizer(width, height)
	for _, g := range line.glyphs {
		outline, ok := face.GlyphData(g.id).(font.GlyphOutline)
		if !ok {
			continue
		}
		originX := float32(pad) + g.x
		originY := baseline - g.y
		at := func(p font.SegmentPoint) (float32, float32) {
			return originX + p.X*scale, originY - p.Y*scale
		}
		drawOutline(z, outline, at)
	}

	coverage := image.NewAlpha(z.Bounds())
	z.Draw(coverage, coverage.Bounds(), image.Opaque, image.Point{})
	return threshold(coverage)
}

// drawOutline adds the contours of one glyph to z, closing each contour
// because vector.Rasterizer.MoveTo does not close the previous one.
func drawOutline(z *vector.Rasterizer, outline font.GlyphOutline, at func(font.SegmentPoint) (float32, float32)) {
	open := false
	for _, s := range outline.Segments {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			if open {
				z.ClosePath()
			}
			z.MoveTo(at(s.Args[0]))
			open = true
		case ot.SegmentOpLineTo:
			z.LineTo(at(s.Args[0]))
		case ot.SegmentOpQuadTo:
			bx, by := at(s.Args[0])
			cx, cy := at(s.Args[1])
			z.QuadTo(bx, by, cx, cy)
		case ot.SegmentOpCubeTo:
			bx, by := at(s.Args[0])
			cx, cy := at(s.Args[1])
			dx, dy := at(s.Args[2])
			z.CubeTo(bx, by, cx, cy, dx, dy)
		}
	}
	if open {
		z.ClosePath()
	}
}

// threshold turns coverage into ink and crops the result to the smallest
// rectangle that holds all of it. It returns nil when nothing is inked.
func threshold(coverage *image.Alpha) *Bitmap {
	b := coverage.Bounds()
	minX, minY, maxX, maxY := b.Max.X, b.Max.Y, -1, -1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := coverage.Pix[(y-b.Min.Y)*coverage.Stride:]
		for x := 0; x < b.Dx(); x++ {
			if row[x] >= inkThreshold {
				minX, maxX = min(minX, x), max(maxX, x)
				minY, maxY = min(minY, y), max(maxY, y)
			}
		}
	}
	if maxX < 0 {
		return nil
	}

	out := NewBitmap(maxX-minX+1, maxY-minY+1)
	for y := 0; y < out.Height; y++ {
		row := coverage.Pix[(minY+y)*coverage.Stride:]
		for x := 0; x < out.Width; x++ {
			if row[minX+x] >= inkThreshold {
				out.SetInk(x, y)
			}
		}
	}
	return out
}
