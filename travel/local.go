package travel

import (
	"context"
	"fmt"
	"math"
	"time"
)

// LocalOptions tune Feed.Local. The zero value works.
type LocalOptions struct {
	// Search tunes the timetable part (change time, transfers, window;
	// a zero Window means 3 hours).
	Search SearchOptions
	// Road gives walking speed and detour; nil means the zero Road.
	Road *Road
	// MaxWalkKm bounds the straight-line distance walked to the first
	// stop and from the last; zero means DefaultMaxWalkKm.
	MaxWalkKm float64
}

// DefaultMaxWalkKm is LocalOptions.MaxWalkKm when zero.
const DefaultMaxWalkKm = 1.2

// Local returns the quickest way to make a short move inside a city,
// from one place to another (station to office, office to hotel),
// leaving at or after depart: on foot the whole way, or on foot to a
// stop within opts.MaxWalkKm, by the feed's buses, trams and trains, and
// on foot from a stop to the destination, whichever arrives first (at
// equal arrival, the walk; then fewer changes). Walking legs come from
// Road (great-circle distance times the detour at walking speed); the
// first leaves as late as still catches the first vehicle.
//
// The search is the Connection Scan Algorithm of EarliestArrival with
// several sources, each with the walking time to it, and several
// targets, each with the walking time from it (Dibbelt et al. 2018,
// section on footpaths at the ends).
func (f *Feed) Local(ctx context.Context, from, to Place, depart time.Time, opts LocalOptions) (Journey, error) {
	road := opts.Road
	walk, err := road.Leg(Walk, from, to, depart)
	if err != nil {
		return Journey{}, err
	}
	maxKm := opts.MaxWalkKm
	if maxKm <= 0 {
		maxKm = DefaultMaxWalkKm
	}
	stopPlace := func(i int32) Place {
		s := f.stops[i]
		return Place{ID: s.ID, Name: s.Name, Kind: "station", Lat: s.Lat, Lon: s.Lon, StopID: s.ID, TimeZone: from.TimeZone}
	}
	var src, tgt []int32
	var access, egress []int32
	for i := range f.stops {
		i := int32(i)
		if f.locType[i] != 0 {
			continue
		}
		s := f.stops[i]
		if haversine(from.Lat, from.Lon, s.Lat, s.Lon) <= maxKm {
			if l, err := road.Leg(Walk, from, stopPlace(i), depart); err == nil {
				src, access = append(src, i), append(access, int32(l.Duration()/time.Second))
			}
		}
		if haversine(to.Lat, to.Lon, s.Lat, s.Lon) <= maxKm {
			if l, err := road.Leg(Walk, stopPlace(i), to, depart); err == nil {
				tgt, egress = append(tgt, i), append(egress, int32(l.Duration()/time.Second))
			}
		}
	}
	best := Journey{Legs: []Leg{walk}}
	if len(src) == 0 || len(tgt) == 0 {
		return best, nil
	}
	so := opts.Search
	if so.Window <= 0 {
		so.Window = 3 * time.Hour
	}
	s := f.newSearch(src, tgt, depart.Unix(), so, false)
	defer f.release(s)
	s.access, s.egress = make([]int32, s.nStops), make([]int32, s.nStops)
	for i := range s.egress {
		s.access[i], s.egress[i] = math.MaxInt32, math.MaxInt32
	}
	for k, i := range src {
		s.access[i] = min(s.access[i], access[k])
	}
	for k, i := range tgt {
		s.egress[i] = min(s.egress[i], egress[k])
	}
	defer func() { s.access, s.egress = nil, nil }()
	last := s.layers - 1
	if err := s.forward(ctx, windowSeconds(so.Window), last); err != nil {
		return Journey{}, err
	}
	if s.best[last] == math.MaxInt32 || depart.Unix()+int64(s.best[last]) >= walk.Arrive.Unix() {
		return best, nil
	}
	lb := s.bestL[s.firstBest()]
	j := s.forwardJourney(lb, so.Factors)
	first, lastLeg := j.Legs[0], j.Legs[len(j.Legs)-1]
	fi, err := f.lookup(first.From)
	if err != nil {
		return Journey{}, err
	}
	ti, err := f.lookup(lastLeg.To)
	if err != nil {
		return Journey{}, err
	}
	in, err := road.Leg(Walk, from, stopPlace(fi), first.Depart.Add(-time.Duration(s.access[fi])*time.Second))
	if err != nil {
		return Journey{}, err
	}
	out, err := road.Leg(Walk, stopPlace(ti), to, lastLeg.Arrive)
	if err != nil {
		return Journey{}, err
	}
	legs := append([]Leg{in}, j.Legs...)
	legs = append(legs, out)
	if in.Depart.Before(depart) {
		return Journey{}, fmt.Errorf("local journey leaves before %v: %w", depart, ErrNoJourney)
	}
	return Journey{Legs: legs}, nil
}
