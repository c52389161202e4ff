package match

import (
	"fmt"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/internal/clock"
)

// A Window is one item of a contact's availability, in local time:
//
//	2027-03-09 09:00-12:00   one date
//	mon-fri 08:30-16:00      a range of weekdays, every week
//	mon,wed 13:00-15:00      a list of weekdays (ranges may be listed too)
//	wed 10:00-11:00          one weekday
//	2027-03-10               a whole date
//	thu                      a whole weekday
//
// Day names are English, Swedish or Norwegian, abbreviated or in full,
// any case (mon-fri, mån-fre, man-fre, tis-tor, lør); a range wraps over
// the week end (fri-mon). Times are HH:MM or HH.MM; "24:00" may end a
// window.
type Window struct {
	// Date is the window's calendar day; zero when Days is used.
	Year  int
	Month time.Month
	Day   int
	// Days holds the weekdays of a weekly window, bit 1<<time.Weekday.
	Days uint8
	// Start and End are minutes after midnight, Start < End <= 24*60.
	Start, End int
}

// ParseWindow parses one availability item; see Window for the forms.
func ParseWindow(s string) (Window, error) {
	fail := func(why string) (Window, error) {
		return Window{}, fmt.Errorf("%q: %s: %w", s, why, ErrBadWindow)
	}
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 2 {
		return fail(`want "YYYY-MM-DD HH:MM-HH:MM" or "mon-fri HH:MM-HH:MM"`)
	}
	var w Window
	if d, err := time.Parse("2006-01-02", f[0]); err == nil {
		w.Year, w.Month, w.Day = d.Date()
	} else {
		days, ok := parseDays(f[0])
		if !ok {
			return fail("want a date YYYY-MM-DD or weekdays such as mon-fri")
		}
		w.Days = days
	}
	w.Start, w.End = 0, 24*60
	if len(f) == 2 {
		a, b, ok := strings.Cut(f[1], "-")
		if !ok {
			return fail("want a time range HH:MM-HH:MM")
		}
		var errA, errB error
		w.Start, errA = clock.Parse(a)
		w.End, errB = clock.Parse(b)
		if errA != nil || errB != nil {
			return fail("want times as HH:MM")
		}
		if w.Start >= w.End {
			return fail("the window ends before it starts")
		}
	}
	return w, nil
}

// weekdayNames are the day names of the three languages, abbreviated as
// calendars print them and in full; the Nordic letters may be written
// without their marks (man, lor, son) as keyboards without them do.
var weekdayNames = map[string]time.Weekday{
	// English
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	// Swedish
	"mån": time.Monday, "tis": time.Tuesday, "ons": time.Wednesday, "tor": time.Thursday, "fre": time.Friday,
	"lör": time.Saturday, "sön": time.Sunday,
	"måndag": time.Monday, "tisdag": time.Tuesday, "onsdag": time.Wednesday, "torsdag": time.Thursday,
	"fredag": time.Friday, "lördag": time.Saturday, "söndag": time.Sunday,
	// Norwegian (fre, ons, tor, fredag, onsdag, torsdag as in Swedish)
	"man": time.Monday, "tir": time.Tuesday, "lør": time.Saturday, "søn": time.Sunday,
	"mandag": time.Monday, "tirsdag": time.Tuesday, "lørdag": time.Saturday, "søndag": time.Sunday,
	// without the Nordic letters
	"lor": time.Saturday, "son": time.Sunday, "lordag": time.Saturday, "sondag": time.Sunday,
}

func parseDays(s string) (uint8, bool) {
	var days uint8
	for _, item := range strings.Split(strings.ToLower(s), ",") {
		a, b, isRange := strings.Cut(item, "-")
		from, ok := weekdayNames[a]
		if !ok {
			return 0, false
		}
		to := from
		if isRange {
			if to, ok = weekdayNames[b]; !ok {
				return 0, false
			}
		}
		for d := from; ; d = (d + 1) % 7 {
			days |= 1 << d
			if d == to {
				break
			}
		}
	}
	return days, true
}

// On returns the window's interval on the given calendar day in loc, and
// ok=false if the window does not apply that day. A nil loc means UTC.
// Times that fall in a daylight-saving gap are resolved as time.Date
// resolves them.
func (w Window) On(year int, month time.Month, day int, loc *time.Location) (start, end time.Time, ok bool) {
	if loc == nil {
		loc = time.UTC
	}
	d := time.Date(year, month, day, 0, 0, 0, 0, loc)
	y, m, dd := d.Date()
	if w.Days != 0 {
		if w.Days&(1<<d.Weekday()) == 0 {
			return time.Time{}, time.Time{}, false
		}
	} else if w.Year != y || w.Month != m || w.Day != dd {
		return time.Time{}, time.Time{}, false
	}
	start = time.Date(y, m, dd, w.Start/60, w.Start%60, 0, 0, loc)
	end = time.Date(y, m, dd, w.End/60, w.End%60, 0, 0, loc)
	return start, end, true
}

// String formats w in the form ParseWindow reads.
func (w Window) String() string {
	var day string
	if w.Days != 0 {
		var parts []string
		for d := time.Sunday; d <= time.Saturday; d++ {
			if w.Days&(1<<d) != 0 {
				parts = append(parts, strings.ToLower(d.String()[:3]))
			}
		}
		day = strings.Join(parts, ",")
	} else {
		day = fmt.Sprintf("%04d-%02d-%02d", w.Year, int(w.Month), w.Day)
	}
	return fmt.Sprintf("%s %02d:%02d-%02d:%02d", day, w.Start/60, w.Start%60, w.End/60, w.End%60)
}
