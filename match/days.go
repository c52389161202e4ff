package match

import (
	"fmt"
	"strings"
	"time"
)

// A DaySet is one item of a start-up's dates: a date, a range of dates
// (both ends included), or a set of weekdays that falls on the days of
// the programme's season. Dates are civil days, midnight UTC.
type DaySet struct {
	From, To time.Time      // a date or range; zero for weekdays
	Weekdays []time.Weekday // weekdays; nil for a date or range
}

// ParseDays parses one item of the dates column: "2027-03-09",
// "2027-03-08..2027-03-19", "tue", "mon-fri" or "mon,wed" (day names as the available column writes them). Errors wrap
// ErrBadCell.
func ParseDays(item string) (DaySet, error) {
	s := strings.ToLower(strings.TrimSpace(item))
	if from, to, ok := strings.Cut(s, ".."); ok {
		a, err1 := time.Parse(time.DateOnly, strings.TrimSpace(from))
		b, err2 := time.Parse(time.DateOnly, strings.TrimSpace(to))
		if err1 != nil || err2 != nil || b.Before(a) {
			return DaySet{}, fmt.Errorf("want a range of dates like 2027-03-08..2027-03-19, got %q: %w", item, ErrBadCell)
		}
		return DaySet{From: a, To: b}, nil
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return DaySet{From: d, To: d}, nil
	}
	var out DaySet
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if a, b, ok := strings.Cut(part, "-"); ok {
			wa, ok1 := weekdayNames[a]
			wb, ok2 := weekdayNames[b]
			if !ok1 || !ok2 {
				return DaySet{}, fmt.Errorf("want a date, a range a..b or weekdays like mon-fri, got %q: %w", item, ErrBadCell)
			}
			for w := wa; ; w = (w + 1) % 7 {
				out.Weekdays = append(out.Weekdays, w)
				if w == wb {
					break
				}
			}
			continue
		}
		w, ok := weekdayNames[part]
		if !ok {
			return DaySet{}, fmt.Errorf("want a date, a range a..b or weekdays like mon-fri, got %q: %w", item, ErrBadCell)
		}
		out.Weekdays = append(out.Weekdays, w)
	}
	return out, nil
}

// Has reports whether the civil day d (its year, month and day) is in
// the set. Weekdays hold on any day; the caller bounds them by the
// season.
func (ds DaySet) Has(d time.Time) bool {
	if ds.Weekdays != nil {
		for _, w := range ds.Weekdays {
			if d.Weekday() == w {
				return true
			}
		}
		return false
	}
	y, m, dd := d.Date()
	c := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	return !c.Before(ds.From) && !c.After(ds.To)
}
