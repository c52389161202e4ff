package schedule

import (
	"sort"
	"time"
)

// An Interval is a span of absolute time.
type Interval struct{ Start, End time.Time }

// MergeIntervals sorts intervals and joins those that overlap or touch.
func MergeIntervals(in []Interval) []Interval {
	if len(in) == 0 {
		return nil
	}
	sort.Slice(in, func(i, j int) bool { return in[i].Start.Before(in[j].Start) })
	out := []Interval{in[0]}
	for _, iv := range in[1:] {
		last := &out[len(out)-1]
		if !iv.Start.After(last.End) {
			if iv.End.After(last.End) {
				last.End = iv.End
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

// Subtract removes the busy intervals from the free ones; both sorted.
func Subtract(free, busy []Interval) []Interval {
	var out []Interval
	for _, f := range free {
		cur := f
		for _, b := range busy {
			if !b.End.After(cur.Start) || !b.Start.Before(cur.End) {
				continue
			}
			if b.Start.After(cur.Start) {
				out = append(out, Interval{cur.Start, b.Start})
			}
			cur.Start = b.End
			if !cur.Start.Before(cur.End) {
				break
			}
		}
		if cur.Start.Before(cur.End) {
			out = append(out, cur)
		}
	}
	return out
}
