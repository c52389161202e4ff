package program

import (
	"strconv"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/schedule"
)

// tripsAutoYAML is program.yaml trips_auto: the rules of the trips
// crossmeet forms (package schedule/form) for start-ups with dates and a
// destination in startups.csv that are in no trip.
//
//	trips_auto:
//	  season: 2027-03-08..2027-03-26   # first..last day a formed trip may start
//	  max_startups: 4                  # the largest group; default 4
//	  same_region: false               # groups share a home place; default no
//	  overnight: allowed               # no (default), allowed or required
type tripsAutoYAML struct {
	Season      val `yaml:"season"`
	MaxStartups val `yaml:"max_startups"`
	SameRegion  val `yaml:"same_region"`
	Overnight   val `yaml:"overnight"`
}

// given reports whether program.yaml has a trips_auto key.
func (a *tripsAutoYAML) given() bool {
	return a.Season.set || a.MaxStartups.set || a.SameRegion.set || a.Overnight.set
}

// readTripsAuto reads trips_auto into p.TripsAuto; Season in p.Zone, so
// it comes after timezone.
func readTripsAuto(p *schedule.Program, a *tripsAutoYAML, pr *problems) {
	auto := &p.TripsAuto
	one := func(v val, field string) string {
		if v.isSequence {
			pr.add(yamlFile, v.line, v.col, field, "want a single value, got a list")
		}
		return strings.TrimSpace(v.s)
	}
	if a.Season.set {
		s := one(a.Season, "trips_auto.season")
		from, to, ok := strings.Cut(s, "..")
		f, err1 := time.ParseInLocation(time.DateOnly, strings.TrimSpace(from), p.Zone)
		t, err2 := time.ParseInLocation(time.DateOnly, strings.TrimSpace(to), p.Zone)
		if !ok || err1 != nil || err2 != nil || t.Before(f) {
			pr.add(yamlFile, a.Season.line, a.Season.col, "trips_auto.season", "want the first and last day like 2027-03-08..2027-03-26, got %q", a.Season.s)
		} else {
			auto.SeasonFrom, auto.SeasonTo = f, t
		}
	}
	if a.MaxStartups.set {
		n, err := strconv.Atoi(one(a.MaxStartups, "trips_auto.max_startups"))
		if err != nil || n < 1 {
			pr.add(yamlFile, a.MaxStartups.line, a.MaxStartups.col, "trips_auto.max_startups", "want a whole number of 1 or more, got %q", a.MaxStartups.s)
		} else {
			auto.MaxStartups = n
		}
	}
	if a.SameRegion.set {
		switch strings.ToLower(one(a.SameRegion, "trips_auto.same_region")) {
		case "true", "yes", "on":
			auto.SameRegion = true
		case "false", "no", "off":
		default:
			pr.add(yamlFile, a.SameRegion.line, a.SameRegion.col, "trips_auto.same_region", "want true or false, got %q", a.SameRegion.s)
		}
	}
	switch o := strings.ToLower(one(a.Overnight, "trips_auto.overnight")); o {
	case "", "no", "false":
	case "allowed", "yes", "true":
		auto.Overnight = schedule.OvernightAllowed
	case "required":
		auto.Overnight = schedule.OvernightRequired
	default:
		pr.add(yamlFile, a.Overnight.line, a.Overnight.col, "trips_auto.overnight", "want no, allowed or required (never more than one night), got %q", a.Overnight.s)
	}
}
