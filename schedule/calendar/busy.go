package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"github.com/crossmeet/crossmeet/internal/csvtable"
	"github.com/crossmeet/crossmeet/schedule"
)

// BusyOptions say how ParseBusy reads an availability file. The zero
// value works: floating times in UTC, recurring events expanded over
// DefaultHorizon from their first start, errors naming no file.
type BusyOptions struct {
	// Zone is the zone of floating times (no TZID, no Z); nil means UTC.
	Zone *time.Location
	// From and To bound the expansion of recurring events: every
	// occurrence that overlaps [From, To) is returned, however long
	// before From the rule started and whatever its COUNT or UNTIL. A
	// programme passes the span of its trips' dates. A zero To means
	// DefaultHorizon after From, or after the event's first start when
	// From is zero too. Single events are returned wherever they lie.
	From, To time.Time
	// File names the file in errors, e.g. "availability/C01.ics".
	File string
}

// The limits of ParseBusy. MaxInterval bounds RRULE's INTERVAL (a larger
// one is an error rather than an overflow); MaxOccurrences bounds the
// occurrences of one recurring event inside the horizon (more is an
// error: a horizon of decades with a daily rule).
const (
	DefaultHorizon = 2 * 366 * 24 * time.Hour
	MaxInterval    = 10000
	MaxOccurrences = 100000
)

// ErrAvailability is wrapped by every error of ParseBusy.
var ErrAvailability = errors.New("bad availability file")

// ParseBusy reads the busy times of one contact from an iCalendar file:
// every VEVENT that is not TRANSPARENT or CANCELLED is a busy interval.
// Times with a TZID are read in that zone (an IANA name; "Local", which
// would depend on the machine, is refused), UTC times as UTC and floating
// times in o.Zone; an all-day event blocks its whole day(s). Recurring
// events (RRULE, see recur) are expanded over o.From–o.To. The intervals
// come back sorted and merged. An empty file is an error: a failed export
// must not read as "never busy".
//
// Errors are *csvtable.Error values naming o.File, the line of the
// property at fault (1-based, unfolded lines counted as in the file) and
// the property name as Field; they wrap ErrAvailability.
func ParseBusy(data []byte, o BusyOptions) ([]schedule.Interval, error) {
	zone := o.Zone
	if zone == nil {
		zone = time.UTC
	}
	fail := func(line int, field string, format string, args ...any) error {
		return &csvtable.Error{File: o.File, Line: line, Field: field, Err: fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrAvailability)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(0, "", "the file is empty; export the contact's busy times, or delete the file when there are none")
	}
	if !utf8.Valid(data) {
		line := bytes.Count(data[:invalidUTF8(data)], []byte("\n")) + 1
		return nil, fail(line, "", "not UTF-8; export the calendar as UTF-8")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fail(bytes.Count(data[:i], []byte("\n"))+1, "", "the file holds a NUL byte")
	}
	lines := scanEvents(data)
	if lines.first == "" || !strings.EqualFold(lines.first, "BEGIN:VCALENDAR") {
		return nil, fail(lines.firstLine, "", "not an iCalendar file: want BEGIN:VCALENDAR first")
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		return nil, fail(0, "", "not a valid iCalendar file: %v", err)
	}
	var out []schedule.Interval
	for i, ev := range cal.Events() {
		at := func(prop string) int { // the property's line, else the event's
			if n := lines.line(i, prop); n > 0 {
				return n
			}
			return lines.line(i, "BEGIN")
		}
		if p := ev.GetProperty(ics.ComponentPropertyTransp); p != nil && strings.EqualFold(p.Value, "TRANSPARENT") {
			continue
		}
		if p := ev.GetProperty(ics.ComponentPropertyStatus); p != nil && strings.EqualFold(p.Value, "CANCELLED") {
			continue
		}
		start, allDay, err := icsTime(ev.GetProperty(ics.ComponentPropertyDtStart), zone)
		if err != nil {
			return nil, fail(at("DTSTART"), "DTSTART", "event %d: %v", i+1, err)
		}
		var end time.Time
		if p := ev.GetProperty(ics.ComponentPropertyDtEnd); p != nil {
			if end, _, err = icsTime(p, zone); err != nil {
				return nil, fail(at("DTEND"), "DTEND", "event %d: %v", i+1, err)
			}
		} else if p := ev.GetProperty(ics.ComponentPropertyDuration); p != nil {
			d, err := parseICSDuration(p.Value)
			if err != nil {
				return nil, fail(at("DURATION"), "DURATION", "event %d: %v", i+1, err)
			}
			end = start.Add(d)
		} else if allDay {
			end = start.AddDate(0, 0, 1)
		} else {
			end = start
		}
		if end.Before(start) {
			return nil, fail(at("DTEND"), "DTEND", "event %d: DTEND %s is before DTSTART %s", i+1, end.Format(time.RFC3339), start.Format(time.RFC3339))
		}
		if !end.After(start) {
			continue
		}
		rule := ev.GetProperty(ics.ComponentPropertyRrule)
		if rule == nil {
			out = append(out, schedule.Interval{Start: start, End: end})
			continue
		}
		skip := map[int64]bool{}
		for _, p := range ev.GetProperties(ics.ComponentPropertyExdate) {
			for _, v := range strings.Split(p.Value, ",") {
				q := *p
				q.Value = v
				t, _, err := icsTime(&q, zone)
				if err != nil {
					return nil, fail(at("EXDATE"), "EXDATE", "event %d: %v", i+1, err)
				}
				skip[t.Unix()] = true
			}
		}
		from, to := o.From, o.To
		if to.IsZero() {
			if from.IsZero() {
				from = start
			}
			to = from.Add(DefaultHorizon)
		}
		starts, err := recur(rule.Value, start, end.Sub(start), from, to, skip)
		if err != nil {
			return nil, fail(at("RRULE"), "RRULE", "event %d: %v", i+1, err)
		}
		for _, s := range starts {
			out = append(out, schedule.Interval{Start: s, End: s.Add(end.Sub(start))})
		}
	}
	return schedule.MergeIntervals(out), nil
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// eventLines is where each VEVENT's properties are in the file.
type eventLines struct {
	first     string // the first content line
	firstLine int
	events    []map[string]int // property name -> line of its first occurrence; BEGIN -> the event's
}

func (l eventLines) line(event int, prop string) int {
	if event < len(l.events) {
		return l.events[event][prop]
	}
	return 0
}

// scanEvents finds the line of each property of each VEVENT, counting
// folded lines (RFC 5545 3.1) as part of the line they continue.
func scanEvents(data []byte) eventLines {
	var out eventLines
	depth := -1 // nesting inside the current VEVENT; -1 outside
	for no, raw := range strings.Split(string(data), "\n") {
		raw = strings.TrimSuffix(raw, "\r")
		if raw == "" || raw[0] == ' ' || raw[0] == '\t' {
			continue
		}
		if out.first == "" {
			out.first, out.firstLine = strings.TrimSpace(raw), no+1
		}
		name, value, _ := strings.Cut(raw, ":")
		if i := strings.IndexByte(name, ';'); i >= 0 {
			name = name[:i]
		}
		name = strings.ToUpper(name)
		switch {
		case name == "BEGIN" && depth < 0 && strings.EqualFold(value, "VEVENT"):
			out.events = append(out.events, map[string]int{"BEGIN": no + 1})
			depth = 0
		case depth < 0:
		case name == "BEGIN":
			depth++
		case name == "END" && depth == 0:
			depth = -1
		case name == "END":
			depth--
		case depth == 0:
			if ev := out.events[len(out.events)-1]; ev[name] == 0 {
				ev[name] = no + 1
			}
		}
	}
	return out
}

// recur expands an RFC 5545 RRULE whose first occurrence starts at first
// and lasts dur: FREQ DAILY, WEEKLY (with BYDAY), MONTHLY (on the start's
// day of the month; months without that day are skipped, as RFC 5545
// 3.3.10 says) or YEARLY, with INTERVAL, COUNT and UNTIL. It returns the
// starts of the occurrences that overlap [from, to), leaving out those in
// skip (EXDATE, by Unix time); COUNT counts from the first occurrence,
// EXDATEs included. Occurrences keep the first start's wall-clock time in
// its zone. The periods before from are skipped by arithmetic, so a rule
// that started decades ago costs no more than one that starts today.
// Other parts (BYSETPOS, BYMONTH, ordinal BYDAY such as 1MO, …) are an
// error rather than a silently wrong calendar.
func recur(rule string, first time.Time, dur time.Duration, from, to time.Time, skip map[int64]bool) ([]time.Time, error) {
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
			if err != nil || n < 1 || n > MaxInterval {
				return nil, fmt.Errorf("INTERVAL=%s: want a whole number from 1 to %d", v, MaxInterval)
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
			if len(strings.TrimSpace(v)) == 8 { // a date: the whole day counts
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
	y, m, d := first.Date()
	hh, mm, ss := first.Clock()
	loc := first.Location()
	// base returns the start of period k (k intervals after the first),
	// and false when that month lacks the first start's day.
	var base func(k int) (time.Time, bool)
	switch freq {
	case "DAILY", "WEEKLY":
		step := interval
		if freq == "WEEKLY" {
			step *= 7
			if len(days) > 0 { // the period is the week, Monday first
				d -= (int(first.Weekday()) + 6) % 7
			}
		}
		base = func(k int) (time.Time, bool) { return time.Date(y, m, d+k*step, hh, mm, ss, 0, loc), true }
	case "MONTHLY", "YEARLY":
		months := interval
		if freq == "YEARLY" {
			months *= 12
		}
		base = func(k int) (time.Time, bool) {
			t := time.Date(y, m+time.Month(k*months), d, hh, mm, ss, 0, loc)
			return t, t.Day() == d
		}
	default:
		return nil, fmt.Errorf("FREQ=%s: want DAILY, WEEKLY, MONTHLY or YEARLY", freq)
	}
	end := to
	if !until.IsZero() && until.Before(end) {
		end = until
	}
	// The first period that can overlap from, less one for safety; the
	// periods before it are counted, not built.
	k0, n := 0, 0
	if lo := from.Add(-dur); lo.After(first) {
		switch freq {
		case "DAILY", "WEEKLY":
			step := interval
			if freq == "WEEKLY" {
				step *= 7
			}
			k0 = civilDays(first, lo)/step - 1
		default:
			ly, lm, _ := lo.Date()
			months := interval
			if freq == "YEARLY" {
				months *= 12
			}
			k0 = ((ly-y)*12+int(lm-m))/months - 1
		}
		k0 = max(k0, 0)
		if k0 > 0 && count > 0 {
			// Occurrences of the skipped periods, for COUNT.
			switch {
			case len(days) > 0:
				n = len(weekStarts(base, 0, first, days)) + (k0-1)*len(days)
			case freq == "MONTHLY" || freq == "YEARLY":
				for k := 0; k < k0; k++ {
					if _, ok := base(k); ok {
						n++
					}
				}
			default:
				n = k0
			}
			if n >= count {
				return nil, nil
			}
		}
	}
	var out []time.Time
	for k := k0; ; k++ {
		var cands []time.Time
		if len(days) > 0 {
			cands = weekStarts(base, k, first, days)
		} else if t, ok := base(k); ok {
			cands = []time.Time{t}
		} else if t.After(end) {
			return out, nil
		}
		for _, t := range cands {
			if t.After(end) || !t.Before(to) || count > 0 && n >= count {
				return out, nil
			}
			n++
			if skip[t.Unix()] || !t.Add(dur).After(from) {
				continue
			}
			if len(out) == MaxOccurrences {
				return nil, fmt.Errorf("more than %d occurrences between %s and %s", MaxOccurrences, from.Format("2006-01-02"), to.Format("2006-01-02"))
			}
			out = append(out, t)
		}
		if len(days) > 0 {
			if t, _ := base(k); t.After(end) {
				return out, nil
			}
		}
	}
}

// weekStarts returns the occurrences in the week of period k on days, not
// before first.
func weekStarts(base func(int) (time.Time, bool), k int, first time.Time, days map[time.Weekday]bool) []time.Time {
	monday, _ := base(k)
	y, m, d := monday.Date()
	hh, mm, ss := monday.Clock()
	var out []time.Time
	for i := 0; i < 7; i++ {
		t := time.Date(y, m, d+i, hh, mm, ss, 0, monday.Location())
		if days[t.Weekday()] && !t.Before(first) {
			out = append(out, t)
		}
	}
	return out
}

// civilDays returns the number of calendar days from a's date to b's.
func civilDays(a, b time.Time) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	da := time.Date(ay, am, ad, 12, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 12, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// windowsZones maps the Windows zone names that Outlook and Exchange
// write as TZID to IANA names, for the zones of Europe; from the
// territory-001 rows of CLDR's windowsZones.xml (unicode.org/cldr,
// common/supplemental/windowsZones.xml).
var windowsZones = map[string]string{
	"W. Europe Standard Time":        "Europe/Berlin",
	"Central Europe Standard Time":   "Europe/Budapest",
	"Central European Standard Time": "Europe/Warsaw",
	"Romance Standard Time":          "Europe/Paris",
	"GMT Standard Time":              "Europe/London",
	"Greenwich Standard Time":        "Atlantic/Reykjavik",
	"FLE Standard Time":              "Europe/Kiev",
	"E. Europe Standard Time":        "Europe/Chisinau",
	"UTC":                            "Etc/UTC",
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
	if tz, ok := p.ICalParameters["TZID"]; ok {
		if len(tz) != 1 {
			return time.Time{}, false, fmt.Errorf("want one TZID, got %d", len(tz))
		}
		name := strings.Trim(tz[0], `"`)
		if strings.EqualFold(name, "Local") || name == "" {
			return time.Time{}, false, fmt.Errorf("TZID %q is not a zone; want an IANA name such as Europe/Oslo", tz[0])
		}
		if iana, ok := windowsZones[name]; ok {
			name = iana
		}
		if loc, err = time.LoadLocation(name); err != nil {
			return time.Time{}, false, fmt.Errorf("unknown TZID %q; want an IANA name such as Europe/Oslo", tz[0])
		}
	}
	v := strings.TrimSpace(p.Value)
	switch {
	case len(v) == 8:
		t, err = time.ParseInLocation("20060102", v, loc)
		allDay = true
	case strings.HasSuffix(v, "Z"):
		t, err = time.ParseInLocation("20060102T150405Z", v, time.UTC)
	default:
		t, err = time.ParseInLocation("20060102T150405", v, loc)
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("want a date-time like 20270309T130000, got %q", v)
	}
	if t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, false, fmt.Errorf("year %d is outside 1900–2200", t.Year())
	}
	return t, allDay, nil
}

// maxDurationDays bounds a DURATION: a busy time of more than ten years
// is a typing error.
const maxDurationDays = 3660

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
			if num > maxDurationDays*24*3600 {
				return 0, fmt.Errorf("duration %q is longer than %d days", s, maxDurationDays)
			}
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
		if d > maxDurationDays*24*time.Hour {
			return 0, fmt.Errorf("duration %q is longer than %d days", s, maxDurationDays)
		}
		num, digits = 0, false
	}
	if digits {
		return 0, bad
	}
	return d, nil
}
