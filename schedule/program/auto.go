package program

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/crossmeet/crossmeet/schedule"
)

// readTripsAuto reads program.yaml trips_auto: the rules of the trips
// crossmeet forms (package schedule/form) for start-ups that have dates
// and a destination in startups.csv and are in no trip.
//
//	trips_auto:
//	  season: 2027-03-08..2027-03-26   # first..last day a formed trip may start
//	  max_startups: 4                  # the largest group; default 4
//	  same_region: false               # groups share a home place; default no
//	  overnight: allowed               # no (default), allowed or required
//
// Season is read in the programme's zone, so this comes after timezone.
func (l *loader) readTripsAuto(at func(*yaml.Node, string, string, ...any), integer func(*yaml.Node, string, int, int, int) int, boolean func(*yaml.Node, string, bool) bool) {
	a := get(l.root, "trips_auto")
	if a == nil || a.Kind != yaml.MappingNode {
		return
	}
	auto := &l.p.TripsAuto
	if n := get(a, "season"); n != nil {
		from, to, ok := strings.Cut(text(n), "..")
		f, err1 := time.ParseInLocation(time.DateOnly, strings.TrimSpace(from), l.p.Zone)
		t, err2 := time.ParseInLocation(time.DateOnly, strings.TrimSpace(to), l.p.Zone)
		switch {
		case !ok || err1 != nil || err2 != nil || t.Before(f):
			at(n, "trips_auto.season", "want the first and last day like 2027-03-08..2027-03-26, got %s", quote(n.Value))
		case f.Year() < MinYear || t.Year() > MaxYear:
			at(n, "trips_auto.season", "the years are outside %d-%d", MinYear, MaxYear)
		default:
			auto.SeasonFrom, auto.SeasonTo = f, t
		}
	}
	auto.MaxStartups = integer(get(a, "max_startups"), "trips_auto.max_startups", auto.MaxStartups, 1, 20)
	auto.SameRegion = boolean(get(a, "same_region"), "trips_auto.same_region", false)
	if n := get(a, "overnight"); n != nil {
		switch strings.ToLower(text(n)) {
		case "", "no", "false":
		case "allowed", "yes", "true":
			auto.Overnight = schedule.OvernightAllowed
		case "required":
			auto.Overnight = schedule.OvernightRequired
		default:
			at(n, "trips_auto.overnight", "want no, allowed or required (never more than one night), got %s", quote(n.Value))
		}
	}
}
