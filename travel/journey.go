package travel

import "time"

// A Leg is one movement in one vehicle, or on foot, between two points.
type Leg struct {
	Mode Mode
	// From and To are stop ids for timetable legs, place ids for road legs.
	From, To         string
	FromName, ToName string
	// Depart and Arrive are absolute; they carry the feed's zone for
	// timetable legs and the departure place's zone (or the caller's) for
	// road legs.
	Depart, Arrive time.Time
	Km             float64
	// CO2Kg is the emission of the whole leg: the vehicle's for
	// per-vehicle modes (car, taxi; see Factors.Share to split it), one
	// passenger's for per-passenger modes (train, bus, ferry, walk).
	CO2Kg float64
	// Service is the GTFS trip_id, "" for road legs.
	Service string
	// Route is the GTFS route_short_name (or route_long_name), "" for
	// road legs.
	Route string
	// Continues is true when the traveller stays seated from the
	// previous leg: the same vehicle goes on as another trip (block_id,
	// or an in-seat transfer of transfers.txt). It is not a change.
	Continues bool
}

// Duration returns Arrive minus Depart.
func (l Leg) Duration() time.Duration { return l.Arrive.Sub(l.Depart) }

// A Journey is a sequence of legs, each starting where and after the
// previous one ended. The zero Journey has no legs; its totals are zero.
type Journey struct {
	Legs []Leg
}

// Depart returns the departure of the first leg.
func (j Journey) Depart() time.Time {
	if len(j.Legs) == 0 {
		return time.Time{}
	}
	return j.Legs[0].Depart
}

// Arrive returns the arrival of the last leg.
func (j Journey) Arrive() time.Time {
	if len(j.Legs) == 0 {
		return time.Time{}
	}
	return j.Legs[len(j.Legs)-1].Arrive
}

// Duration returns the time from departure to arrival, waits included.
func (j Journey) Duration() time.Duration { return j.Arrive().Sub(j.Depart()) }

// Km returns the total distance.
func (j Journey) Km() float64 {
	var km float64
	for _, l := range j.Legs {
		km += l.Km
	}
	return km
}

// Transfers returns the number of changes between vehicles: the legs in a
// vehicle (every mode but Walk) that do not continue in the seat of the
// previous one, minus one, and zero for a journey with at most one such
// leg.
func (j Journey) Transfers() int {
	n := 0
	for _, l := range j.Legs {
		if l.Mode != Walk && !l.Continues {
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return n - 1
}

// CO2Kg returns the sum of the legs' CO2Kg. For a journey that holds a
// per-vehicle leg this is the vehicle's emission, not one traveller's
// share; see Factors.Share.
func (j Journey) CO2Kg() float64 {
	var kg float64
	for _, l := range j.Legs {
		kg += l.CO2Kg
	}
	return kg
}
