package report

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"frontdesk/store/rating"
)

// cellKey names one aggregate cell: the counts of one business day for one
// combination of service, counter, staff member and issuing terminal.
// Keys are
//
//	yyyymmdd 0x00 service 0x00 counter (3 digits) 0x00 staff 0x00 terminal
//
// so a cursor walks a period day by day.
type cellKey struct {
	Day      string // "2026-12-04"
	Service  string
	Counter  int
	Staff    string
	Terminal string
}

func (k cellKey) bytes() []byte {
	return []byte(compactDay(k.Day) + "\x00" + k.Service + "\x00" + fmt.Sprintf("%03d", k.Counter) +
		"\x00" + k.Staff + "\x00" + k.Terminal)
}

func parseCellKey(raw []byte) (cellKey, error) {
	parts := strings.Split(string(raw), "\x00")
	if len(parts) != 5 || len(parts[0]) != 8 {
		return cellKey{}, fmt.Errorf("report: aggregate key %q is damaged; run a recount", raw)
	}
	counter, err := strconv.Atoi(parts[2])
	if err != nil {
		return cellKey{}, fmt.Errorf("report: aggregate key %q has counter %q; run a recount", raw, parts[2])
	}
	day := parts[0][0:4] + "-" + parts[0][4:6] + "-" + parts[0][6:8]
	return cellKey{Day: day, Service: parts[1], Counter: counter, Staff: parts[3], Terminal: parts[4]}, nil
}

func compactDay(day string) string {
	if len(day) != len(time.DateOnly) {
		return day
	}
	return day[0:4] + day[5:7] + day[8:10]
}

// cell holds the counts of one cellKey. Issues are counted in the cell of
// the issuing terminal with no counter or staff. Calls, completions,
// no-shows and transfers are counted in the cell of the counter and staff
// member that made them, and ratings in the cell of the counter that
// served the ticket.
type cell struct {
	Issued, Called, Served, NoShows, Transferred uint64
	IssuedByHour                                 [24]uint64 // by local hour of issue
	Wait, ServiceTime                            histogram
	Ratings                                      [5]int64 // indexed by rating.Level; index 0 unused
}

// histogram counts durations in whole seconds. Durations up to
// exactSeconds keep their second, and longer ones are floored to the
// minute. So a median or 90th percentile is exact up to two hours and at
// most 59 seconds low above that.
type histogram map[uint32]uint64

const exactSeconds = 2 * 60 * 60

func histogramKey(d time.Duration) uint32 {
	s := int64(d / time.Second)
	if s < 0 {
		s = 0
	}
	if s > exactSeconds {
		s -= s % 60
	}
	if s > 1<<31 {
		s = 1 << 31
	}
	return uint32(s)
}

func (h *histogram) add(d time.Duration) {
	if *h == nil {
		*h = histogram{}
	}
	(*h)[histogramKey(d)]++
}

func (h histogram) merge(into map[uint32]uint64) {
	for k, n := range h {
		into[k] += n
	}
}

// percentiles returns the nearest-rank percentiles of the counted
// durations: for each p, the smallest duration d such that at least p of
// all durations are d or shorter. It returns zeros when nothing was
// counted.
func percentiles(h map[uint32]uint64, ps ...float64) []time.Duration {
	out := make([]time.Duration, len(ps))
	var total uint64
	keys := make([]uint32, 0, len(h))
	for k, n := range h {
		keys = append(keys, k)
		total += n
	}
	if total == 0 {
		return out
	}
	slices.Sort(keys)
	for i, p := range ps {
		rank := uint64(p*float64(total) + 0.999999)
		if rank < 1 {
			rank = 1
		}
		var seen uint64
		for _, k := range keys {
			seen += h[k]
			if seen >= rank {
				out[i] = time.Duration(k) * time.Second
				break
			}
		}
	}
	return out
}

func (c *cell) addRating(l rating.Level, delta int64) {
	if l.Valid() {
		c.Ratings[l] += delta
	}
}

// encode writes the cell as unsigned varints: the five counts, the 24
// hours, the two histograms as a length and delta-coded sorted pairs, and
// the four rating counts (signed varints).
func (c *cell) encode() []byte {
	buf := make([]byte, 0, 64+8*(len(c.Wait)+len(c.ServiceTime)))
	for _, v := range []uint64{c.Issued, c.Called, c.Served, c.NoShows, c.Transferred} {
		buf = binary.AppendUvarint(buf, v)
	}
	for _, v := range c.IssuedByHour {
		buf = binary.AppendUvarint(buf, v)
	}
	buf = encodeHistogram(buf, c.Wait)
	buf = encodeHistogram(buf, c.ServiceTime)
	for _, l := range rating.Levels() {
		buf = binary.AppendVarint(buf, c.Ratings[l])
	}
	return buf
}

func encodeHistogram(buf []byte, h histogram) []byte {
	keys := make([]uint32, 0, len(h))
	for k, n := range h {
		if n > 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	buf = binary.AppendUvarint(buf, uint64(len(keys)))
	prev := uint32(0)
	for _, k := range keys {
		buf = binary.AppendUvarint(buf, uint64(k-prev))
		buf = binary.AppendUvarint(buf, h[k])
		prev = k
	}
	return buf
}

// cellReader decodes an encoded cell field by field.
type cellReader struct {
	raw []byte
	err error
}

func (r *cellReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.raw)
	if n <= 0 {
		r.err = errDamagedCell
		return 0
	}
	r.raw = r.raw[n:]
	return v
}

func (r *cellReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.raw)
	if n <= 0 {
		r.err = errDamagedCell
		return 0
	}
	r.raw = r.raw[n:]
	return v
}

// histogram calls fn with each pair of the next encoded histogram.
func (r *cellReader) histogram(fn func(k uint32, n uint64)) {
	count := r.uvarint()
	k := uint64(0)
	for i := uint64(0); i < count && r.err == nil; i++ {
		k += r.uvarint()
		fn(uint32(k), r.uvarint())
	}
}

func decodeCell(raw []byte) (cell, error) {
	var c cell
	r := cellReader{raw: raw}
	for _, p := range []*uint64{&c.Issued, &c.Called, &c.Served, &c.NoShows, &c.Transferred} {
		*p = r.uvarint()
	}
	for i := range c.IssuedByHour {
		c.IssuedByHour[i] = r.uvarint()
	}
	c.Wait, c.ServiceTime = histogram{}, histogram{}
	r.histogram(func(k uint32, n uint64) { c.Wait[k] = n })
	r.histogram(func(k uint32, n uint64) { c.ServiceTime[k] = n })
	for _, l := range rating.Levels() {
		c.Ratings[l] = r.varint()
	}
	if r.err != nil {
		return cell{}, r.err
	}
	return c, nil
}
