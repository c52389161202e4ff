package schedule

import (
	"time"
)

// PlanVersion is the version of the plan.json format that Plan marshals to.
const PlanVersion = 1

// A Plan is the outcome of planning a programme: one TripPlan per trip,
// and the programme's totals. It marshals to plan.json, version 1 of the
// format described in DESIGN.md.
type Plan struct {
	Version int        `json:"version"`
	Program string     `json:"program"`
	Trips   []TripPlan `json:"trips"`
	Totals  Totals     `json:"totals"`
	// Stop is empty when every search ran to its end, else why planning
	// stopped early: StopCancelled or StopTimeLimit. The plan is complete
	// and keeps every rule either way; it may hold fewer meetings.
	Stop string `json:"stop,omitempty"`
}

// Why a Plan stopped early (Plan.Stop).
const (
	StopCancelled = "cancelled"  // the context ended
	StopTimeLimit = "time limit" // Options.TimeLimit passed
)

// A TripPlan is one planned trip: the chosen first day, the journey there
// and back, the local moves, the meetings, an optional hotel night, the
// options that were not chosen and the matches that found no place.
type TripPlan struct {
	ID           string        `json:"id"`
	Startups     []string      `json:"startups"`
	Date         string        `json:"date"`
	Overnight    bool          `json:"overnight"`
	Mode         string        `json:"mode"` // the main mode: train or car
	Score        float64       `json:"score"`
	CO2Kg        float64       `json:"co2_kg"`
	Legs         []Leg         `json:"legs"`
	Meetings     []Meeting     `json:"meetings"`
	Hotel        *Hotel        `json:"hotel"`
	Alternatives []Alternative `json:"alternatives"`
	Unscheduled  []Unscheduled `json:"unscheduled"`
	Lunches      []LunchBreak  `json:"lunches"`
}

// Kind names the trip as every output does: "day trip" or "one night".
func (tp *TripPlan) Kind() string { return kind(tp.Overnight) }

func kind(overnight bool) string {
	if overnight {
		return "one night"
	}
	return "day trip"
}

// A LunchBreak is one start-up's planned lunch.
type LunchBreak struct {
	Startup string    `json:"startup"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
}

// A Leg is one movement of one or more travellers (start-up ids) between
// two places. Service is the GTFS trip id of a timetable leg, empty for
// road and walking legs. CO2Kg is the leg's whole emission, shared by its
// travellers.
type Leg struct {
	Mode       string    `json:"mode"`
	From       string    `json:"from"`
	To         string    `json:"to"`
	Depart     time.Time `json:"depart"`
	Arrive     time.Time `json:"arrive"`
	Km         float64   `json:"km"`
	CO2Kg      float64   `json:"co2_kg"`
	Travellers []string  `json:"travellers"`
	Service    string    `json:"service"`
}

// A Meeting is one start-up meeting one contact at a place.
type Meeting struct {
	Startup string    `json:"startup"`
	Contact string    `json:"contact"`
	Place   string    `json:"place"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Score   float64   `json:"score"`
	Reasons []string  `json:"reasons"`
}

// A Hotel is the one night of an overnight trip.
type Hotel struct {
	Place    string    `json:"place"`
	CheckIn  time.Time `json:"check_in"`
	CheckOut time.Time `json:"check_out"`
}

// An Alternative is a travel option that was considered and not chosen,
// with what it would have given, e.g. "car day trip: 6 meetings, +52.0 kg CO2".
type Alternative struct {
	Summary string  `json:"summary"`
	Score   float64 `json:"score"`
	CO2Kg   float64 `json:"co2_kg"`
}

// An Unscheduled match is a proposed meeting that found no place in the
// trip, with a reason a coordinator can act on.
type Unscheduled struct {
	Startup string `json:"startup"`
	Contact string `json:"contact"`
	Reason  string `json:"reason"`
}

// Totals are the programme's indicators over all trips.
type Totals struct {
	Meetings          int                `json:"meetings"`
	CO2Kg             float64            `json:"co2_kg"`
	CO2KgByMode       map[string]float64 `json:"co2_kg_by_mode"`
	StartupsTravelled int                `json:"startups_travelled"`
}
