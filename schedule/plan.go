package schedule

import (
	"time"
)

// PlanVersion is the version of the plan.json format that Plan marshals to.
const PlanVersion = 1

// A Plan is the outcome of planning a programme: one TripPlan per trip,
// and the programme's totals. It marshals to plan.json, version 1 of the
// format described in docs/design.md.
type Plan struct {
	Version int        `json:"version"`
	Program string     `json:"program"`
	Trips   []TripPlan `json:"trips"`
	Totals  Totals     `json:"totals"`
	// Impossible lists the trips no travel option can make, with each
	// option's reason; Trips holds every other trip.
	Impossible []ImpossibleTrip `json:"impossible"`
	// PinsNotHeld lists the pins (matching.pin) the plan does not hold,
	// each with the reason.
	PinsNotHeld []Unscheduled `json:"pins_not_held"`
	// LocksNotHeld lists the locked meetings (Program.Locked: program.yaml
	// locked, or meetings everybody accepted) the plan does not hold at
	// their time, each with the reason.
	LocksNotHeld []Unscheduled `json:"locks_not_held"`
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

// An ImpossibleTrip is a trip that no travel option can make.
type ImpossibleTrip struct {
	ID string `json:"id"`
	// Reasons give each option and why it cannot be made, e.g. "train
	// day trip 2027-11-09: not possible: no train gets back from
	// Trondheim S to Östersund C by 19:00".
	Reasons []string `json:"reasons"`
}

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
	CO2Kg        float64       `json:"co2_kg"` // the legs' and the hotel's
	Legs         []Leg         `json:"legs"`
	Meetings     []Meeting     `json:"meetings"`
	Hotel        *Hotel        `json:"hotel"`
	Alternatives []Alternative `json:"alternatives"`
	Unscheduled  []Unscheduled `json:"unscheduled"`
	Lunches      []LunchBreak  `json:"lunches"`
	// NotPossible lists the options that could not be made, each with
	// its reason ("train day trip 2027-03-09: not possible: ...").
	NotPossible []string `json:"not_possible"`
	// BelowMinimum lists the trip's start-ups with fewer meetings over
	// the programme than meetings.per_startup.min.
	BelowMinimum []string `json:"below_minimum"`
	// Why says, for a trip crossmeet formed (package schedule/form), why
	// these start-ups travel together on this date; empty for a trip
	// written by hand.
	Why string `json:"why,omitempty"`
	// People is how many people travel (startups.csv travellers, else
	// each whole team).
	People int `json:"people"`
	// CO2KgByStartup shares CO2Kg among the start-ups by their people
	// on each leg and in the hotel.
	CO2KgByStartup  map[string]float64 `json:"co2_kg_by_startup"`
	CO2KgPerPerson  float64            `json:"co2_kg_per_person"`
	CO2KgPerMeeting float64            `json:"co2_kg_per_meeting"` // 0 without meetings
	// AllCarCO2Kg is what the trip would emit with its main journeys by
	// car (as many cars as its people need), local moves and nights as
	// planned.
	AllCarCO2Kg float64 `json:"all_car_co2_kg"`
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
// travellers: per person-km on trains, buses and ferries, per vehicle-km
// for each car or taxi.
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
	// People is how many people are on the leg: the travellers'
	// travelling team members.
	People int `json:"people"`
	// Vehicles is how many cars or taxis the people need (car_seats per
	// car, TaxiSeats per taxi); 0 for timetable legs and walks.
	Vehicles int `json:"vehicles"`

	main bool // a main journey, not a local move
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
	// Guests are the start-ups that stay the night: those with a
	// meeting the next day. The others go home the first evening.
	Guests []string `json:"guests"`
	// CO2Kg is the guests' people times Travel.HotelKg.
	CO2Kg float64 `json:"co2_kg"`
}

// An Alternative is a travel option that was considered and not chosen,
// with what it would have given, e.g. "car day trip: 6 meetings, +52.0 kg CO2".
type Alternative struct {
	Summary string  `json:"summary"`
	Score   float64 `json:"score"`
	CO2Kg   float64 `json:"co2_kg"`

	label    string // the option, to restate the summary
	meetings int
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
	CO2KgByMode       map[string]float64 `json:"co2_kg_by_mode"` // the legs'
	StartupsTravelled int                `json:"startups_travelled"`
	Score             float64            `json:"score"`
	People            int                `json:"people"` // people travelling, summed over the trips
	HotelCO2Kg        float64            `json:"hotel_co2_kg"`
	CO2KgByStartup    map[string]float64 `json:"co2_kg_by_startup"`
	CO2KgPerPerson    float64            `json:"co2_kg_per_person"`
	CO2KgPerMeeting   float64            `json:"co2_kg_per_meeting"`
	// AllCarCO2Kg is the trips' all-car figures summed; AvoidedCO2Kg is
	// what the plan saves against it.
	AllCarCO2Kg  float64 `json:"all_car_co2_kg"`
	AvoidedCO2Kg float64 `json:"avoided_co2_kg"`
}
