package calendar

import (
	"fmt"
	"sort"
	"time"

	ics "github.com/arran4/golang-ical"
)

// The VTIMEZONE components of the calendars are derived from the
// time.Location of each zone used, under one stated assumption: a zone
// either keeps one offset all year, or follows the European Union's
// summer-time rule, in force since 1996 and fixed by Directive 2000/84/EC
// (Articles 2 and 3): summer time begins at 01:00 UTC on the last Sunday
// of March and ends at 01:00 UTC on the last Sunday of October. Sweden and
// Norway (Norway through the EEA agreement) both follow it. The offsets and
// abbreviations are read from the Location, and the rule is checked against
// it for every year an event falls in, so a zone with other rules (the
// United States', the southern hemisphere's) is reported as ErrTimeZone
// instead of being described wrongly.

const icsLocal = "20060102T150405"

// zoneRule is what a VTIMEZONE says about one zone: its standard-time
// offset and name and, when it observes summer time, the daylight ones.
type zoneRule struct {
	id               string
	stdName, dstName string
	stdOff, dstOff   int // seconds east of UTC
	fixed            bool
}

// zoneID returns the TZID of loc, or an error for a Location that has no
// IANA name a calendar reader could recognise.
func zoneID(loc *time.Location) (string, error) {
	id := loc.String()
	if id == "" || id == "Local" {
		return "", fmt.Errorf("%w: zone %q has no IANA name, load it with time.LoadLocation", ErrTimeZone, id)
	}
	return id, nil
}

// euTransition returns the instant of the EU summer-time change in the
// given month (3 or 10) of year: 01:00 UTC on the month's last Sunday.
func euTransition(year int, month time.Month) time.Time {
	t := time.Date(year, month+1, 1, 1, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	for t.Weekday() != time.Sunday {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

// deriveZone reads loc's offsets in each of years and checks them against
// the fixed-offset or EU summer-time model.
func deriveZone(loc *time.Location, years []int) (zoneRule, error) {
	id, err := zoneID(loc)
	if err != nil {
		return zoneRule{}, err
	}
	if len(years) == 0 {
		return zoneRule{}, fmt.Errorf("%w: zone %s: no year to describe", ErrTimeZone, id)
	}
	var r zoneRule
	for i, y := range years {
		sn, so := time.Date(y, time.January, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
		dn, do := time.Date(y, time.July, 15, 12, 0, 0, 0, time.UTC).In(loc).Zone()
		cur := zoneRule{id: id, stdName: sn, stdOff: so, dstName: dn, dstOff: do, fixed: so == do && sn == dn}
		if i == 0 {
			r = cur
		} else if cur != r {
			return zoneRule{}, fmt.Errorf("%w: zone %s changes its offsets between %d and %d", ErrTimeZone, id, years[0], y)
		}
		if cur.fixed {
			// One offset all year: check it at every month's start.
			for m := time.January; m <= time.December; m++ {
				if _, o := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).In(loc).Zone(); o != so {
					return zoneRule{}, fmt.Errorf("%w: zone %s has offset changes in %d that are not the EU summer-time rule", ErrTimeZone, id, y)
				}
			}
			continue
		}
		if do <= so {
			return zoneRule{}, fmt.Errorf("%w: zone %s has summer time outside March-October in %d; only the EU rule is supported", ErrTimeZone, id, y)
		}
		for _, c := range []struct {
			month          time.Month
			before, after  int
			bName, afterNm string
		}{
			{time.March, so, do, sn, dn},
			{time.October, do, so, dn, sn},
		} {
			at := euTransition(y, c.month)
			bn, bo := at.Add(-time.Second).In(loc).Zone()
			an, ao := at.In(loc).Zone()
			if bo != c.before || ao != c.after || bn != c.bName || an != c.afterNm {
				return zoneRule{}, fmt.Errorf("%w: zone %s does not change offset at %s as the EU summer-time rule says", ErrTimeZone, id, at.Format(time.RFC3339))
			}
		}
	}
	return r, nil
}

// formatOffset writes a UTC offset as RFC 5545 3.3.14 wants it: +HHMM, or
// +HHMMSS when it has seconds.
func formatOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign = "-"
		sec = -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	if s != 0 {
		return fmt.Sprintf("%s%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%s%02d%02d", sign, h, m)
}

// vtimezone returns the VTIMEZONE component describing loc for events in
// the given years (RFC 5545 3.6.5): one STANDARD observance for a fixed
// zone, otherwise a STANDARD and a DAYLIGHT observance with yearly RRULEs
// on the last Sunday of October and of March, whose DTSTART is the local
// time, in the offset in force before the change, of 01:00 UTC.
func vtimezone(loc *time.Location, years []int) (*ics.VTimezone, error) {
	sort.Ints(years)
	r, err := deriveZone(loc, years)
	if err != nil {
		return nil, err
	}
	tz := ics.NewTimezone(r.id)
	observance := func(cb *ics.ComponentBase, start time.Time, from, to int, name, rrule string) {
		cb.AddProperty(ics.ComponentPropertyDtStart, start.Format(icsLocal))
		cb.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), formatOffset(from))
		cb.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), formatOffset(to))
		cb.AddProperty(ics.ComponentProperty(ics.PropertyTzname), name)
		if rrule != "" {
			cb.AddProperty(ics.ComponentPropertyRrule, rrule)
		}
	}
	if r.fixed {
		std := tz.AddStandard()
		observance(&std.ComponentBase, time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), r.stdOff, r.stdOff, r.stdName, "")
		return tz, nil
	}
	std := tz.AddStandard()
	observance(&std.ComponentBase, euTransition(1970, time.October).Add(time.Duration(r.dstOff)*time.Second),
		r.dstOff, r.stdOff, r.stdName, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	dst := &ics.Daylight{}
	observance(&dst.ComponentBase, euTransition(1970, time.March).Add(time.Duration(r.stdOff)*time.Second),
		r.stdOff, r.dstOff, r.dstName, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	tz.Components = append(tz.Components, dst)
	return tz, nil
}
