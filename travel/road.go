package travel

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
)

// Road estimates legs by car, taxi and on foot. Without a measurement the
// distance is the great-circle distance times Detour and the time is the
// distance at the mode's speed, rounded up to the whole minute. Measured
// replaces the estimate for the pairs it lists.
//
// The zero Road works: Detour 1.3 and speeds car 70 km/h (a mix of
// rural main road and town driving in Jämtland and Trøndelag), taxi
// 40 km/h (a ride in town), walk 4.5 km/h. The detour factor 1.3 is a
// common road circuity for Europe (Ballou, Rahardja, Sakai: "Selected
// country circuity factors for road travel distance estimation",
// Transportation Research Part A 36(9), 2002, report 1.2–1.4).
type Road struct {
	// Detour multiplies the great-circle distance; zero means 1.3.
	Detour float64
	// Speeds in km/h by mode; a missing mode takes its default.
	Speeds map[Mode]float64
	// Factors gives the legs' emissions; the zero value is the defaults.
	Factors Factors
	// Measured holds measured distances and times, looked up by mode and
	// place ids in the given direction first, then in the reverse.
	Measured map[RoadKey]Measure
}

// A RoadKey names a measured trip: a mode between two place ids.
type RoadKey struct {
	Mode     Mode
	From, To string
}

// A Measure is a measured road distance and travel time.
type Measure struct {
	Km   float64
	Time time.Duration
}

// Defaults of Road.
const (
	DefaultDetour  = 1.3
	DefaultCarKmh  = 70.0
	DefaultTaxiKmh = 40.0
	DefaultWalkKmh = 4.5
)

// Speed returns the speed of mode in km/h, and false for a mode that does
// not use the road model.
func (r *Road) Speed(mode Mode) (float64, bool) {
	var def float64
	switch mode {
	case Car:
		def = DefaultCarKmh
	case Taxi:
		def = DefaultTaxiKmh
	case Walk:
		def = DefaultWalkKmh
	default:
		return 0, false
	}
	if r != nil {
		if v, ok := r.Speeds[mode]; ok && v > 0 {
			return v, true
		}
	}
	return def, true
}

// Leg returns the leg by mode from one place to another leaving at
// depart, with Km, Arrive and CO2Kg (the vehicle's, see Factors.Share)
// filled. Times are in from.TimeZone when it is set. Modes other than
// Car, Taxi and Walk give ErrNoRoad. A nil *Road behaves as the zero Road.
func (r *Road) Leg(mode Mode, from, to Place, depart time.Time) (Leg, error) {
	speed, ok := r.Speed(mode)
	if !ok {
		return Leg{}, fmt.Errorf("%s from %s to %s: %w", mode, from.ID, to.ID, ErrNoRoad)
	}
	var rd Road
	if r != nil {
		rd = *r
	}
	if from.TimeZone != nil {
		depart = depart.In(from.TimeZone)
	}
	var km float64
	var d time.Duration
	if m, ok := rd.measured(mode, from.ID, to.ID); ok {
		km, d = m.Km, m.Time
	} else {
		detour := rd.Detour
		if detour <= 0 {
			detour = DefaultDetour
		}
		km = Distance(from, to) * detour
		minutes := math.Ceil(km / speed * 60)
		d = time.Duration(minutes) * time.Minute
	}
	return Leg{
		Mode:     mode,
		From:     from.ID,
		To:       to.ID,
		FromName: from.Name,
		ToName:   to.Name,
		Depart:   depart,
		Arrive:   depart.Add(d),
		Km:       km,
		CO2Kg:    rd.Factors.Kg(mode, km),
	}, nil
}

func (r Road) measured(mode Mode, from, to string) (Measure, bool) {
	if m, ok := r.Measured[RoadKey{mode, from, to}]; ok {
		return m, true
	}
	m, ok := r.Measured[RoadKey{mode, to, from}]
	return m, ok
}

// LoadMeasured reads a CSV file of measured road trips with the columns
// mode, from, to (place ids), km and minutes, for Road.Measured. A
// header row is required; unknown columns are ignored. file names the
// input in errors, which are *ParseError values.
func LoadMeasured(r io.Reader, file string) (map[RoadKey]Measure, error) {
	t, err := openTable(r, file)
	if err != nil {
		return nil, err
	}
	if err := t.Require("mode", "from", "to", "km", "minutes"); err != nil {
		return nil, err
	}
	out := map[RoadKey]Measure{}
	for err := range t.Rows() {
		if err != nil {
			return nil, err
		}
		mode := Mode(t.Get("mode"))
		if _, ok := (*Road)(nil).Speed(mode); !ok {
			return nil, t.Errorf("mode", ErrBadValue, "want car, taxi or walk, got %q", mode)
		}
		km, err := strconv.ParseFloat(t.Get("km"), 64)
		if err != nil || km < 0 || math.IsInf(km, 0) || math.IsNaN(km) {
			return nil, t.Errorf("km", ErrBadValue, "want a distance in km, got %q", t.Get("km"))
		}
		min, err := strconv.ParseFloat(t.Get("minutes"), 64)
		if err != nil || min < 0 || min > 1e6 || math.IsNaN(min) {
			return nil, t.Errorf("minutes", ErrBadValue, "want a time in minutes, got %q", t.Get("minutes"))
		}
		key := RoadKey{mode, t.Get("from"), t.Get("to")}
		out[key] = Measure{Km: km, Time: time.Duration(min * float64(time.Minute))}
	}
	return out, nil
}
