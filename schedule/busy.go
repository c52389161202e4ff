package schedule

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// ParseBusy reads the busy times of one contact from an iCalendar file:
// every VEVENT that is not TRANSPARENT or CANCELLED is a busy interval.
// Times with a TZID are read in that zone, UTC times as UTC and floating
// times in zone; an all-day event blocks its whole day(s). The intervals
// come back sorted and merged.
func ParseBusy(data []byte, zone *time.Location) ([]Interval, error) {
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a valid iCalendar file: %w", err)
	}
	var out []Interval
	for i, ev := range cal.Events() {
		if p := ev.GetProperty(ics.ComponentPropertyTransp); p != nil && strings.EqualFold(p.Value, "TRANSPARENT") {
			continue
		}
		if p := ev.GetProperty(ics.ComponentPropertyStatus); p != nil && strings.EqualFold(p.Value, "CANCELLED") {
			continue
		}
		start, allDay, err := icsTime(ev.GetProperty(ics.ComponentPropertyDtStart), zone)
		if err != nil {
			return nil, fmt.Errorf("event %d: DTSTART: %w", i+1, err)
		}
		var end time.Time
		if p := ev.GetProperty(ics.ComponentPropertyDtEnd); p != nil {
			if end, _, err = icsTime(p, zone); err != nil {
				return nil, fmt.Errorf("event %d: DTEND: %w", i+1, err)
			}
		} else if p := ev.GetProperty(ics.ComponentPropertyDuration); p != nil {
			d, err := parseICSDuration(p.Value)
			if err != nil {
				return nil, fmt.Errorf("event %d: DURATION: %w", i+1, err)
			}
			end = start.Add(d)
		} else if allDay {
			end = start.AddDate(0, 0, 1)
		} else {
			end = start
		}
		if end.Before(start) {
			return nil, fmt.Errorf("event %d: DTEND %s is before DTSTART %s", i+1, end.Format(time.RFC3339), start.Format(time.RFC3339))
		}
		if end.After(start) {
			out = append(out, Interval{Start: start, End: end})
		}
	}
	return mergeIntervals(out), nil
}

func icsTime(p *ics.IANAProperty, zone *time.Location) (t time.Time, allDay bool, err error) {
	if p == nil {
		return time.Time{}, false, fmt.Errorf("missing")
	}
	loc := zone
	if tz, ok := p.ICalParameters["TZID"]; ok && len(tz) == 1 {
		if loc, err = time.LoadLocation(tz[0]); err != nil {
			return time.Time{}, false, fmt.Errorf("unknown TZID %q", tz[0])
		}
	}
	v := strings.TrimSpace(p.Value)
	switch {
	case len(v) == 8:
		t, err = time.ParseInLocation("20060102", v, loc)
		return t, true, err
	case strings.HasSuffix(v, "Z"):
		t, err = time.ParseInLocation("20060102T150405Z", v, time.UTC)
	default:
		t, err = time.ParseInLocation("20060102T150405", v, loc)
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("want a date-time like 20270309T130000, got %q", v)
	}
	return t, false, nil
}

// parseICSDuration parses the RFC 5545 DURATION forms PnW and
// PnDTnHnMnS.
func parseICSDuration(s string) (time.Duration, error) {
	bad := fmt.Errorf("want a duration like PT1H30M, got %q", s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "+"), "P")
	if s == "" {
		return 0, bad
	}
	var d time.Duration
	inTime := false
	num := 0
	digits := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			num = num*10 + int(r-'0')
			digits = true
			continue
		case r == 'T':
			inTime = true
			continue
		}
		if !digits {
			return 0, bad
		}
		switch {
		case r == 'W' && !inTime:
			d += time.Duration(num) * 7 * 24 * time.Hour
		case r == 'D' && !inTime:
			d += time.Duration(num) * 24 * time.Hour
		case r == 'H' && inTime:
			d += time.Duration(num) * time.Hour
		case r == 'M' && inTime:
			d += time.Duration(num) * time.Minute
		case r == 'S' && inTime:
			d += time.Duration(num) * time.Second
		default:
			return 0, bad
		}
		num, digits = 0, false
	}
	if digits {
		return 0, bad
	}
	return d, nil
}

// mergeIntervals sorts intervals and joins those that overlap or touch.
func mergeIntervals(in []Interval) []Interval {
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

// subtract removes the busy intervals from the free ones; both sorted.
func subtract(free, busy []Interval) []Interval {
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
