package calendar

import "time"

// CheckZone reports whether the calendars can describe zone loc in the
// given years (see the VTIMEZONE assumption above: one offset all year,
// or the EU summer-time rule). The error wraps ErrTimeZone. A programme
// loader calls it so that a zone the calendars would refuse is an input
// error before planning, not a failure after it.
func CheckZone(loc *time.Location, years []int) error {
	if _, err := zoneID(loc); err != nil {
		return err
	}
	_, err := deriveZone(loc, years)
	return err
}
