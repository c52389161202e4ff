package calendar

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/crossmeet/crossmeet/schedule"
)

// ParseBusy reads the busy times of one contact from an iCalendar file:
// every VEVENT that is not TRANSPARENT or CANCELLED is a busy interval.
// Times with a TZID are read in that zone, UTC times as UTC and floating
// times in zone; an all-day event blocks its whole day(s). The intervals
// come back sorted and merged.
func ParseBusy(data []byte, zone *time.Location) ([]schedule.Interval, error) {
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a valid iCalendar file: %w", err)
	}
	var out []schedule.Interval
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
		if !end.After(start) {
			continue
		}
		rule := ev.GetProperty(ics.ComponentPropertyRrule)
		if rule == nil {
			out = append(out, schedule.Interval{Start: start, End: end})
			continue
		}
		var skip []time.Time
		for _, p := range ev.GetProperties(ics.ComponentPropertyExdate) {
			for _, v := range strings.Split(p.Value, ",") {
				q := *p
				q.Value = v
				t, _, err := icsTime(&q, zone)
				if err != nil {
					return nil, fmt.Errorf("event %d: EXDATE: %w", i+1, err)
				}
				skip = append(skip, t)
			}
		}
		starts, err := recur(rule.Value, start, skip)
		if err != nil {
			return nil, fmt.Errorf("event %d: RRULE: %w", i+1, err)
		}
		for _, s := range starts {
			out = append(out, schedule.Interval{Start: s, End: s.Add(end.Sub(start))})
		}
	}
	return schedule.MergeIntervals(out), nil
}

// maxOccurrences bounds the expansion of one recurring event; a rule
// without COUNT or UNTIL is expanded over recurHorizon from its start.
const (
	maxOccurrences = 2000
	recurHorizon   = 2 * 365 * 24 * time.Hour
)

// recur expands an RFC 5545 RRULE from its first start: FREQ DAILY,
// WEEKLY (with BYDAY), MONTHLY (on the start's day of the month) or
// YEARLY, with INTERVAL, COUNT and UNTIL; starts in skip (EXDATE) are left
// out. Occurrences keep the first start's wall-clock time in its zone.
// Other parts (BYSETPOS, BYMONTH, ordinal BYDAY such as 1MO, …) are an
// error rather than a silently wrong calendar.
func recur(rule string, first time.Time, skip []time.Time) ([]time.Time, error) {
	freq, interval, count := "", 1, 0
	var until time.Time
	days := map[time.Weekday]bool{}
	for _, part := range strings.Split(strings.TrimSpace(rule), ";") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("%q is not KEY=VALUE", part)
		}
		switch strings.ToUpper(k) {
		case "FREQ":
			freq = strings.ToUpper(v)
		case "INTERVAL":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("INTERVAL=%s: want a whole number of 1 or more", v)
			}
			interval = n
		case "COUNT":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("COUNT=%s: want a whole number of 1 or more", v)
			}
			count = n
		case "UNTIL":
			t, _, err := icsTime(&ics.IANAProperty{BaseProperty: ics.BaseProperty{Value: v}}, first.Location())
			if err != nil {
				return nil, fmt.Errorf("UNTIL: %w", err)
			}
			if len(v) == 8 { // a date: the whole day counts
				t = t.AddDate(0, 0, 1).Add(-time.Second)
			}
			until = t
		case "BYDAY":
			for _, d := range strings.Split(v, ",") {
				wd, ok := weekdays[strings.ToUpper(d)]
				if !ok {
					return nil, fmt.Errorf("BYDAY=%s: only plain weekdays (MO, TU, …) are supported", v)
				}
				days[wd] = true
			}
		case "WKST":
		default:
			return nil, fmt.Errorf("%s is not supported; export the calendar with single events", k)
		}
	}
	if len(days) > 0 && freq != "WEEKLY" {
		return nil, fmt.Errorf("BYDAY is supported with FREQ=WEEKLY only")
	}
	step := func(t time.Time, n int) time.Time {
		switch freq {
		case "DAILY":
			return t.AddDate(0, 0, n)
		case "WEEKLY":
			return t.AddDate(0, 0, 7*n)
		case "MONTHLY":
			return t.AddDate(0, n, 0)
		}
		return t.AddDate(n, 0, 0)
	}
	switch freq {
	case "DAILY", "WEEKLY", "MONTHLY", "YEARLY":
	default:
		return nil, fmt.Errorf("FREQ=%s: want DAILY, WEEKLY, MONTHLY or YEARLY", freq)
	}
	horizon := first.Add(recurHorizon)
	if !until.IsZero() && until.Before(horizon) {
		horizon = until
	}
	skipped := func(t time.Time) bool {
		for _, s := range skip {
			if s.Equal(t) {
				return true
			}
		}
		return false
	}
	var out []time.Time
	n := 0 // occurrences counted for COUNT, EXDATEs included
	for period := 0; len(out) < maxOccurrences; period++ {
		base := step(first, period*interval)
		if base.After(horizon) {
			break
		}
		var cands []time.Time
		if len(days) == 0 {
			cands = []time.Time{base}
		} else {
			// The week of base, Monday first, at the first start's time.
			monday := base.AddDate(0, 0, -((int(base.Weekday()) + 6) % 7))
			for d := 0; d < 7; d++ {
				t := monday.AddDate(0, 0, d)
				if days[t.Weekday()] && !t.Before(first) {
					cands = append(cands, t)
				}
			}
		}
		for _, t := range cands {
			if t.After(horizon) || count > 0 && n >= count {
				return out, nil
			}
			n++
			if !skipped(t) {
				out = append(out, t)
			}
		}
	}
	return out, nil
}

var weekdays = map[string]time.Weekday{
	"MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday, "TH": time.Thursday,
	"FR": time.Friday, "SA": time.Saturday, "SU": time.Sunday,
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
