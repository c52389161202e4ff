package schedule

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/internal/clock"
	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/travel"
)

// A Program is a loaded programme folder: the rules of program.yaml and
// the people, places and timetable they refer to.
type Program struct {
	Name        string
	Zone        *time.Location // times written without a zone are in it
	Coordinator Person
	Meetings    MeetingRules
	Travel      TravelPolicy
	Matching    MatchingRules
	Trips       []Trip
	// TripsAuto are the rules for the trips crossmeet forms itself
	// (program.yaml trips_auto, package schedule/form) for start-ups
	// that give dates and a destination and are in no trip.
	TripsAuto TripsAuto

	// Coordinators are the coordinators by upper-case country code
	// (program.yaml coordinators): the one of a meeting's country
	// organises it. Coordinator stands in for a country without one.
	Coordinators map[string]Person
	// Mail is how invitations are sent (program.yaml mail).
	Mail Mail

	Startups []match.Startup
	Contacts []match.Contact
	Places   []travel.Place
	Feed     *travel.Feed // nil when the folder has no timetable
	// Busy holds each contact's busy times from availability/ID.ics.
	Busy map[string][]Interval

	// Locked meetings are to be kept exactly where they are when
	// re-planning (program.yaml locked, or meetings that were accepted).
	// The planner does not honour them yet.
	Locked []Lock

	// Warnings are problems that do not stop planning, such as unknown
	// CSV columns.
	Warnings []string
}

// Mail is how invitations are sent: an SMTP server, the From address,
// and the environment variable that holds the password.
type Mail struct {
	Host        string
	Port        int    // 0 means the TLS mode's default (587, 465 or 25)
	From        string // the sending address
	TLS         string // "starttls" (the default), "tls" or "none"
	Username    string
	PasswordEnv string // the name of the environment variable with the password
}

// A Lock is one meeting that must stay where it is.
type Lock struct {
	Startup, Contact string
	Start            time.Time
}

// MeetingRules say how long meetings are and when they may be held.
type MeetingRules struct {
	Duration time.Duration // of one meeting; default 45m
	Buffer   time.Duration // between a meeting's end and the next start; default 15m
	DayStart Clock         // no meeting before; default 08:30
	DayEnd   Clock         // no meeting after; default 17:00
	Lunch    Lunch         // a break somewhere in a window; default 11:30-13:00 45m
	Min, Max int           // meetings per start-up over the programme; default 2 and 6
}

// A Lunch is a break of Duration lying wholly inside From–To. A zero
// Duration means no lunch break.
type Lunch struct {
	From, To Clock
	Duration time.Duration
}

// TravelPolicy is how start-ups may travel.
type TravelPolicy struct {
	Modes     []travel.Mode // allowed; default train, bus, car, taxi, walk
	Car       travel.Fuel   // petrol, diesel or ev; default petrol
	KeepScore float64       // keep this share of the best score when choosing lower emissions; default 0.9
	// CarSeats is how many travellers one car takes; 0 means
	// DefaultCarSeats. A group with more people takes more cars, and
	// each car's emission is shared by its passengers.
	CarSeats int
	// NightGain is how many more meetings a night away must give than
	// the best day trip of the same trip before the planner chooses it
	// (unless the trip requires a night). NewProgram sets
	// DefaultNightGain; 0 lets a night away win on score alone.
	NightGain int
	// HotelKg is the emission of one guest night in kg CO2e, counted
	// for every traveller who stays the night. NewProgram sets
	// DefaultHotelKg.
	HotelKg float64
}

// Defaults of the travel policy.
const (
	DefaultCarSeats = 5
	// TaxiSeats is how many travellers one taxi takes; a larger party
	// takes more taxis, each priced per vehicle-km.
	TaxiSeats        = 4
	DefaultNightGain = 2
	// DefaultHotelKg is the average Nordic hotel guest night, 6.8 kg
	// CO2e, of the Travel & Climate calculator (klimatsmartsemester.se,
	// Chalmers method: a survey of 41 Swedish hotels and the Cornell
	// Hotel Sustainability Benchmarking Index).
	DefaultHotelKg = 6.8
)

// seats returns how many travellers a vehicle of mode m takes.
func (t TravelPolicy) seats(m travel.Mode) int {
	if m == travel.Taxi {
		return TaxiSeats
	}
	if t.CarSeats > 0 {
		return t.CarSeats
	}
	return DefaultCarSeats
}

// Allows reports whether mode m is allowed.
func (t TravelPolicy) Allows(m travel.Mode) bool {
	for _, x := range t.Modes {
		if x == m {
			return true
		}
	}
	return false
}

// MatchingRules steer who is proposed to meet whom.
type MatchingRules struct {
	CrossBorder bool          // start-ups meet contacts of the other country; default true
	Capacity    int           // meetings per contact over the programme when contacts.csv says none; default 2
	Forbid      [][2]string   // {startup, contact} pairs that must never meet
	Pin         [][2]string   // {startup, contact} pairs that must meet
	Fair        bool          // raise the worst-off start-up first
	Weights     match.Options // scoring weights; zero value means the defaults
}

// Overnight says whether a trip may include a night away.
type Overnight int

// The overnight policies of a trip.
const (
	NoOvernight Overnight = iota
	OvernightAllowed
	OvernightRequired
)

// String returns the policy as program.yaml writes it: no, allowed or required.
func (o Overnight) String() string {
	switch o {
	case OvernightAllowed:
		return "allowed"
	case OvernightRequired:
		return "required"
	}
	return "no"
}

// TripsAuto are the rules of the trips that package schedule/form forms
// (program.yaml trips_auto). The zero value works: no season (weekday
// dates in startups.csv then have no days to fall on), groups of up to
// DefaultMaxStartups, start-ups of one country may share a trip from
// different homes, and day trips only.
type TripsAuto struct {
	// Season is the first and last day a formed trip may start on,
	// midnight in the programme's zone; zero times mean no bound. Weekday
	// items of startups.csv dates ("tue-thu") fall on the season's days.
	SeasonFrom, SeasonTo time.Time
	// MaxStartups is the largest group; 0 means DefaultMaxStartups.
	MaxStartups int
	// SameRegion makes a group's start-ups share a home place; without
	// it they need only share a country, and the trip leaves from the
	// home of its first start-up.
	SameRegion bool
	// Overnight is the overnight policy of every formed trip.
	Overnight Overnight
}

// DefaultMaxStartups is the largest formed group when
// TripsAuto.MaxStartups is zero.
const DefaultMaxStartups = 4

// Max returns MaxStartups, or DefaultMaxStartups when it is zero.
func (a TripsAuto) Max() int {
	if a.MaxStartups > 0 {
		return a.MaxStartups
	}
	return DefaultMaxStartups
}

// A Trip is one journey of one or more start-ups to the other side, to be
// planned on one of its candidate dates.
type Trip struct {
	ID         string
	Startups   []string
	From       string      // place id
	To         string      // place id, city name or country code
	Dates      []time.Time // candidate first days, midnight in the programme's zone
	Overnight  Overnight
	LeaveAfter Clock // earliest departure from home; see Window for zero
	BackBy     Clock // latest return home; zero means DefaultBackBy
	// Why says, for a trip crossmeet formed (package schedule/form), why
	// these start-ups travel together on that date; empty for a trip
	// written by hand.
	Why string
}

// The departure and return times of a Trip that leaves them zero, as
// program.yaml documents them.
const (
	DefaultLeaveAfter Clock = 6 * 60
	DefaultBackBy     Clock = 22 * 60
)

// Away reports whether the trip may be away on the calendar day of day
// (in day's location): one of its dates, or the day after one when it
// may stay a night.
func (t *Trip) Away(day time.Time) bool {
	y, m, d := day.Date()
	for _, first := range t.Dates {
		for k := range 2 {
			if k == 1 && t.Overnight == NoOvernight {
				break
			}
			if fy, fm, fd := first.AddDate(0, 0, k).Date(); fy == y && fm == m && fd == d {
				return true
			}
		}
	}
	return false
}

// Window returns when the trip may leave home and must be back. A zero
// BackBy means DefaultBackBy (being back by midnight before leaving is no
// trip); a zero LeaveAfter means DefaultLeaveAfter when BackBy is zero
// too, and midnight when BackBy is set. The planner and Check use it, so a
// Trip built in Go with neither time set plans as program.yaml's
// defaults do.
func (t *Trip) Window() (leaveAfter, backBy Clock) {
	leaveAfter, backBy = t.LeaveAfter, t.BackBy
	if backBy == 0 {
		backBy = DefaultBackBy
		if leaveAfter == 0 {
			leaveAfter = DefaultLeaveAfter
		}
	}
	return leaveAfter, backBy
}

// A Clock is a time of day in minutes after midnight.
type Clock int

// ParseClock parses a 24-hour time of day, "08:30" or "08.30" (see
// package internal/clock, the one parser every input uses).
func ParseClock(s string) (Clock, error) {
	m, err := clock.Parse(s)
	return Clock(m), err
}

// String returns the time as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// On returns the clock time on the given day.
func (c Clock) On(day time.Time) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d, int(c)/60, int(c)%60, 0, 0, day.Location())
}

// Place returns the place with the given id.
func (p *Program) Place(id string) (travel.Place, bool) {
	for _, pl := range p.Places {
		if pl.ID == id {
			return pl, true
		}
	}
	return travel.Place{}, false
}

// Startup returns the start-up with the given id.
func (p *Program) Startup(id string) (*match.Startup, bool) {
	for i := range p.Startups {
		if p.Startups[i].ID == id {
			return &p.Startups[i], true
		}
	}
	return nil, false
}

// Contact returns the contact with the given id.
func (p *Program) Contact(id string) (*match.Contact, bool) {
	for i := range p.Contacts {
		if p.Contacts[i].ID == id {
			return &p.Contacts[i], true
		}
	}
	return nil, false
}

// People returns how many people of start-up s travel: its Travellers,
// else its whole team, and at least one.
func (p *Program) People(s *match.Startup) int {
	if s.Travellers > 0 {
		return s.Travellers
	}
	return max(len(s.Team), 1)
}

// Capacity returns how many meetings contact c may have over the
// programme: its own capacity, or Matching.Capacity when it states none.
func (p *Program) Capacity(c *match.Contact) int {
	if c.Capacity > 0 {
		return c.Capacity
	}
	return p.Matching.Capacity
}

// Origin returns the place id a trip starts from: its From, or when that
// is empty the home of its first start-up. The error wraps ErrUnknownID
// when that start-up is not in the programme.
func (p *Program) Origin(t *Trip) (string, error) {
	if t.From != "" {
		return t.From, nil
	}
	if len(t.Startups) == 0 {
		return "", &unknownErr{fmt.Sprintf("trip %s has neither from nor a start-up", t.ID)}
	}
	s, ok := p.Startup(t.Startups[0])
	if !ok {
		return "", &unknownErr{fmt.Sprintf("trip %s: start-up %q", t.ID, t.Startups[0])}
	}
	return s.Home, nil
}

// MatchOptions returns the scoring and assignment options that the
// programme's matching and meeting rules give.
func (p *Program) MatchOptions() (match.Options, match.AssignOptions) {
	score := p.Matching.Weights
	score.CrossBorder = p.Matching.CrossBorder
	return score, match.AssignOptions{
		Capacity:  p.Matching.Capacity,
		Min:       p.Meetings.Min,
		Max:       p.Meetings.Max,
		Forbidden: p.Matching.Forbid,
		Pinned:    p.Matching.Pin,
		Fair:      p.Matching.Fair,
	}
}

// Factors returns the emission factors of the programme's travel policy.
func (p *Program) Factors() travel.Factors {
	f := travel.DefaultFactors()
	f.Car = p.Travel.Car
	return f
}

// NewProgram returns an empty programme with the defaults program.yaml
// documents: zone Europe/Stockholm, 45-minute meetings 15 minutes apart
// between 08:30 and 17:00 with a 45-minute lunch between 11:30 and 13:00,
// 2 to 6 meetings per start-up, every mode allowed with a petrol car of
// 5 seats, keep_score 0.9, a night away only for 2 more meetings, 6.8 kg
// CO2e per hotel guest night, cross-border matching and 2 meetings per
// contact. A Go
// program fills in the people, places, timetable and trips.
func NewProgram(name string) *Program {
	zone, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		zone = time.UTC // no zone database: times stay correct, in UTC
	}
	return &Program{
		Name: name,
		Zone: zone,
		Meetings: MeetingRules{
			Duration: 45 * time.Minute,
			Buffer:   15 * time.Minute,
			DayStart: 8*60 + 30,
			DayEnd:   17 * 60,
			Lunch:    Lunch{From: 11*60 + 30, To: 13 * 60, Duration: 45 * time.Minute},
			Min:      2,
			Max:      6,
		},
		Travel: TravelPolicy{
			Modes:     []travel.Mode{travel.Train, travel.Bus, travel.Car, travel.Taxi, travel.Walk},
			Car:       travel.Petrol,
			KeepScore: 0.9,
			CarSeats:  DefaultCarSeats,
			NightGain: DefaultNightGain,
			HotelKg:   DefaultHotelKg,
		},
		Matching: MatchingRules{CrossBorder: true, Capacity: 2},
		Busy:     map[string][]Interval{},
	}
}

// Destination resolves a trip's `to`: a place id, a place or city name,
// or a country code. It returns the places that count as being there.
func (p *Program) Destination(to string) ([]travel.Place, error) {
	key := match.Normalize(to)
	if key == "" {
		return nil, errors.New("no destination given")
	}
	for _, pl := range p.Places {
		if pl.ID == to {
			return p.near(pl), nil
		}
	}
	// A country code: every place in that country.
	if len(to) == 2 && strings.ToUpper(to) == to {
		var out []travel.Place
		for _, pl := range p.Places {
			if strings.EqualFold(pl.Country, to) {
				out = append(out, pl)
			}
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	// A name: the station whose name starts with it, else any place.
	var best *travel.Place
	for i, pl := range p.Places {
		name := match.Normalize(pl.Name)
		if name == key || strings.HasPrefix(name, key+" ") || match.Normalize(pl.ID) == key || strings.HasPrefix(match.Normalize(pl.ID), key+" ") {
			if best == nil || (pl.Kind == "station" && best.Kind != "station") {
				best = &p.Places[i]
			}
		}
	}
	if best == nil {
		return nil, fmt.Errorf("destination %q is neither a place id, a place or city name in places.csv, nor a country code", to)
	}
	return p.near(*best), nil
}

// AlreadyThere reports whether the place from lies at the destination
// to (the place or city to names, or within Radius of it; never a
// country): a trip from there would go nowhere.
func (p *Program) AlreadyThere(from, to string) bool {
	if len(to) == 2 && strings.ToUpper(to) == to {
		if _, ok := p.Place(to); !ok {
			return false // a country: anywhere in it
		}
	}
	dest, err := p.Destination(to)
	if err != nil {
		return false
	}
	for _, pl := range dest {
		if pl.ID == from {
			return true
		}
	}
	return false
}

// Radius is how far from a trip's destination a place still counts as
// being there: a city and its surroundings.
const Radius = 25.0 // km

// near returns the places within Radius of pl, pl first, then by distance.
func (p *Program) near(pl travel.Place) []travel.Place {
	out := []travel.Place{pl}
	for _, q := range p.Places {
		if q.ID != pl.ID && travel.Distance(pl, q) <= Radius {
			out = append(out, q)
		}
	}
	sort.SliceStable(out[1:], func(i, j int) bool {
		return travel.Distance(pl, out[1+i]) < travel.Distance(pl, out[1+j])
	})
	return out
}
