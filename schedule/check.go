package schedule

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/travel"
)

// ErrBroken marks a plan that breaks one of the programme's rules; every
// problem Check reports wraps it.
var ErrBroken = errors.New("plan breaks a rule")

// Violations is every rule a plan breaks, as Check returns them. Each
// wraps ErrBroken; none is an ErrInvalid, because the input may be fine
// and the plan wrong.
type Violations []error

// Error gives the violations, one a line.
func (v Violations) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap gives errors.Is and errors.As access to each violation.
func (v Violations) Unwrap() []error { return v }

// Check verifies a plan against the programme's rules and returns every
// violation (nil when there is none):
//
//   - each start-up's day is continuous: ordered by time, every leg starts
//     where the start-up is, every meeting and the hotel are where it is,
//     nothing overlaps, and it ends where it started;
//   - the trip leaves no earlier than leave_after, is back by back_by and
//     spends at most one night away, and only when the trip allows it;
//   - meetings last the meeting duration, lie in the working day, in the
//     contact's availability and outside their busy times, leave room for
//     lunch, and no contact is in two meetings at once;
//   - contacts' capacities and start-ups' maximum hold over the programme,
//     and forbidden pairs never meet;
//   - every leg carries the people of its travellers, cars and taxis
//     have seats for them (Travel.CarSeats, TaxiSeats), the hotel's
//     emission is Travel.HotelKg per guest, each trip's emissions are the
//     sum of its legs and its hotel and are shared out among its
//     start-ups, and the totals are the sums of the trips;
//   - nobody stays a night without a meeting the next day, lunch never
//     overlaps a journey, and on a train trip nobody waits for a later
//     train home than the earliest one after their last meeting;
//   - every trip is planned or listed as impossible, every pin is held
//     or listed in PinsNotHeld, and every locked meeting is held at its
//     time or listed in LocksNotHeld.
//
// The planner's tests run it on every plan; a Go program can run it on a
// plan it has edited. The error is a Violations list.
func (p *Program) Check(plan *Plan) error {
	var errs Violations
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s", ErrBroken, fmt.Sprintf(format, args...)))
	}
	trips := map[string]*Trip{}
	for i := range p.Trips {
		trips[p.Trips[i].ID] = &p.Trips[i]
	}
	perContact := map[string][]Meeting{}
	perStartup := map[string]int{}
	var total float64
	byMode := map[string]float64{}
	meetings := 0
	listed := map[string]bool{}
	for _, it := range plan.Impossible {
		listed[it.ID] = true
	}
	held := map[[2]string]bool{}
	heldAt := map[[2]string][]time.Time{}
	var score float64
	people, hotel := 0, 0.0
	for _, tp := range plan.Trips {
		t, ok := trips[tp.ID]
		if !ok {
			bad("trip %s is not in the programme", tp.ID)
			continue
		}
		listed[tp.ID] = true
		p.checkTrip(t, &tp, bad)
		p.checkPeople(&tp, bad)
		score += tp.Score
		people += tp.People
		if tp.Hotel != nil {
			hotel += tp.Hotel.CO2Kg
		}
		for _, m := range tp.Meetings {
			held[[2]string{m.Startup, m.Contact}] = true
			heldAt[[2]string{m.Startup, m.Contact}] = append(heldAt[[2]string{m.Startup, m.Contact}], m.Start)
			perContact[m.Contact] = append(perContact[m.Contact], m)
			perStartup[m.Startup]++
			if pinned(p.Matching.Forbid, pairOf(m)) {
				bad("trip %s: %s meets %s, a forbidden pair", tp.ID, m.Startup, m.Contact)
			}
		}
		var sum float64
		for _, l := range tp.Legs {
			sum += l.CO2Kg
			byMode[l.Mode] += l.CO2Kg
		}
		if tp.Hotel != nil {
			sum += tp.Hotel.CO2Kg
		}
		if math.Abs(sum-tp.CO2Kg) > 0.0005*float64(len(tp.Legs)+2) {
			bad("trip %s: co2_kg %.3f is not the sum of its legs and hotel, %.3f", tp.ID, tp.CO2Kg, sum)
		}
		total += tp.CO2Kg
		meetings += len(tp.Meetings)
	}
	for id, ms := range perContact {
		c, ok := p.Contact(id)
		if !ok {
			bad("contact %s is not in contacts.csv", id)
			continue
		}
		capacity := p.Capacity(c)
		if len(ms) > capacity {
			bad("contact %s has %d meetings, more than their capacity of %d", id, len(ms), capacity)
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].Start.Before(ms[j].Start) })
		for i := 1; i < len(ms); i++ {
			if ms[i].Start.Before(ms[i-1].End) {
				bad("contact %s is double-booked: %s with %s at %s and with %s at %s", id,
					ms[i-1].Startup, ms[i-1].Start.Format(time.RFC3339), ms[i].Startup, ms[i].Start.Format(time.RFC3339), "")
			}
		}
	}
	for s, n := range perStartup {
		if n > p.Meetings.Max {
			bad("start-up %s has %d meetings, more than the maximum of %d", s, n, p.Meetings.Max)
		}
	}
	for _, t := range p.Trips {
		if !listed[t.ID] {
			bad("trip %s is neither planned nor listed as impossible", t.ID)
		}
	}
	notHeld := map[[2]string]bool{}
	for _, u := range plan.PinsNotHeld {
		notHeld[[2]string{u.Startup, u.Contact}] = true
		if u.Reason == "" {
			bad("pin %s %s is not held and no reason is given", u.Startup, u.Contact)
		}
	}
	for _, pin := range p.Matching.Pin {
		if !held[pin] && !notHeld[pin] {
			bad("pin %s %s is neither held nor listed in pins_not_held", pin[0], pin[1])
		}
	}
	lockNotHeld := map[[2]string]bool{}
	for _, u := range plan.LocksNotHeld {
		lockNotHeld[[2]string{u.Startup, u.Contact}] = true
		if u.Reason == "" {
			bad("locked meeting %s %s is not held and no reason is given", u.Startup, u.Contact)
		}
	}
	for _, l := range p.Locked {
		k := [2]string{l.Startup, l.Contact}
		if !slices.ContainsFunc(heldAt[k], l.Start.Equal) && !lockNotHeld[k] {
			bad("locked meeting %s %s at %s is neither held nor listed in locks_not_held", l.Startup, l.Contact, l.Start.Format(time.RFC3339))
		}
	}
	tol := 0.0005 * float64(len(plan.Trips)+1)
	if plan.Totals.People != people {
		bad("totals: %d people, but the trips carry %d", plan.Totals.People, people)
	}
	if math.Abs(plan.Totals.Score-score) > tol {
		bad("totals: score %.3f is not the sum of the trips, %.3f", plan.Totals.Score, score)
	}
	if math.Abs(plan.Totals.HotelCO2Kg-hotel) > tol {
		bad("totals: hotel_co2_kg %.3f is not the sum of the trips' hotels, %.3f", plan.Totals.HotelCO2Kg, hotel)
	}
	if plan.Totals.Meetings != meetings {
		bad("totals: %d meetings, but the trips hold %d", plan.Totals.Meetings, meetings)
	}
	if math.Abs(plan.Totals.CO2Kg-total) > 0.0005*float64(len(plan.Trips)+1) {
		bad("totals: co2_kg %.3f is not the sum of the trips, %.3f", plan.Totals.CO2Kg, total)
	}
	for m, v := range byMode {
		if math.Abs(plan.Totals.CO2KgByMode[m]-v) > 0.0005*float64(len(plan.Trips)+1) {
			bad("totals: co2_kg_by_mode[%s] %.3f is not the sum of its legs, %.3f", m, plan.Totals.CO2KgByMode[m], v)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// event is one item of a start-up's day.
type event struct {
	start, end time.Time
	from, to   string // a leg moves from -> to; a stay has from == to
	what       string
}

func (p *Program) checkTrip(t *Trip, tp *TripPlan, bad func(string, ...any)) {
	date, err := time.ParseInLocation("2006-01-02", tp.Date, p.Zone)
	if err != nil {
		bad("trip %s: date %q is not a date", tp.ID, tp.Date)
		return
	}
	okDate := false
	for _, d := range t.Dates {
		okDate = okDate || d.Equal(date)
	}
	if !okDate {
		bad("trip %s: %s is not one of its candidate dates", tp.ID, tp.Date)
	}
	switch {
	case tp.Overnight && t.Overnight == NoOvernight:
		bad("trip %s: stays overnight, which the trip does not allow", tp.ID)
	case !tp.Overnight && t.Overnight == OvernightRequired:
		bad("trip %s: is a day trip, but the trip requires a night away", tp.ID)
	case tp.Overnight != (tp.Hotel != nil):
		bad("trip %s: overnight is %v but hotel is %v", tp.ID, tp.Overnight, tp.Hotel != nil)
	}
	last := date
	if tp.Overnight {
		last = date.AddDate(0, 0, 1)
	}
	leaveClock, backClock := t.Window()
	leaveAfter, backBy := leaveClock.On(date), backClock.On(last)
	origin := t.From
	if origin == "" {
		if s, ok := p.Startup(t.Startups[0]); ok {
			origin = s.Home
		}
	}
	for _, l := range tp.Legs {
		if !l.Arrive.After(l.Depart) {
			// A calendar event must end after it starts.
			bad("trip %s: leg %s->%s does not arrive after it departs", tp.ID, l.From, l.To)
		}
		for _, s := range l.Travellers {
			if !contains(tp.Startups, s) {
				bad("trip %s: leg %s->%s carries %s, who is not on the trip", tp.ID, l.From, l.To, s)
			}
		}
		if len(l.Travellers) == 0 {
			bad("trip %s: leg %s->%s has no travellers", tp.ID, l.From, l.To)
		}
	}
	for _, s := range tp.Startups {
		var evs []event
		for _, l := range tp.Legs {
			if contains(l.Travellers, s) {
				evs = append(evs, event{l.Depart, l.Arrive, l.From, l.To, fmt.Sprintf("%s leg %s->%s", l.Mode, l.From, l.To)})
			}
		}
		var mine []Meeting
		for _, m := range tp.Meetings {
			if m.Startup == s {
				evs = append(evs, event{m.Start, m.End, m.Place, m.Place, "meeting with " + m.Contact})
				mine = append(mine, m)
			}
		}
		guest := tp.Hotel != nil && (len(tp.Hotel.Guests) == 0 || contains(tp.Hotel.Guests, s))
		backBy := backBy
		if guest {
			evs = append(evs, event{tp.Hotel.CheckIn, tp.Hotel.CheckOut, tp.Hotel.Place, tp.Hotel.Place, "hotel night"})
			next := tp.Hotel.CheckIn.In(p.Zone).AddDate(0, 0, 1)
			met := false
			for _, m := range mine {
				met = met || sameDay(m.Start.In(p.Zone), next)
			}
			if !met {
				bad("trip %s: %s stays a night without a meeting the next day", tp.ID, s)
			}
		} else {
			backBy = backClock.On(date)
		}
		for _, lb := range tp.Lunches {
			if lb.Startup != s {
				continue
			}
			if lb.End.Sub(lb.Start) != p.Meetings.Lunch.Duration {
				bad("trip %s: %s's lunch at %s lasts %s, not %s", tp.ID, s, clockOf(lb.Start), lb.End.Sub(lb.Start), p.Meetings.Lunch.Duration)
			}
			for _, e := range evs {
				if e.start.Before(lb.End) && lb.Start.Before(e.end) && e.what != "hotel night" {
					bad("trip %s: %s's lunch at %s overlaps the %s at %s", tp.ID, s, clockOf(lb.Start), e.what, clockOf(e.start))
				}
			}
		}
		if tp.Mode == string(travel.Train) {
			p.checkEarliestHome(tp, s, evs, mine, bad)
		}
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].start.Before(evs[j].start) })
		if len(evs) == 0 {
			bad("trip %s: %s does not travel", tp.ID, s)
			continue
		}
		where := origin
		var free time.Time
		for i, e := range evs {
			if i > 0 && e.start.Before(free) {
				bad("trip %s: %s: %s at %s overlaps the item before it", tp.ID, s, e.what, clockOf(e.start))
			}
			if e.from != where {
				bad("trip %s: %s: %s starts at %s but %s is at %s", tp.ID, s, e.what, e.from, s, where)
			}
			where, free = e.to, e.end
		}
		if where != origin {
			bad("trip %s: %s ends the trip at %s, not back at %s", tp.ID, s, where, origin)
		}
		if evs[0].start.Before(leaveAfter) {
			bad("trip %s: %s leaves at %s, before leave_after %s", tp.ID, s, evs[0].start.Format(time.RFC3339), leaveClock)
		}
		if free.After(backBy) {
			bad("trip %s: %s is back at %s, after back_by %s", tp.ID, s, free.Format(time.RFC3339), backBy.Format(time.RFC3339))
		}
		p.checkMeetings(tp, s, mine, bad)
	}
}

// checkEarliestHome verifies that a start-up on a train trip takes the
// earliest train home that leaves after its last meeting (and lunch):
// the first timetable leg after the meeting must not leave a station
// from which an earlier train reaches the same stop sooner.
func (p *Program) checkEarliestHome(tp *TripPlan, s string, evs []event, mine []Meeting, bad func(string, ...any)) {
	if p.Feed == nil || len(mine) == 0 {
		return
	}
	lastEnd := mine[0].End
	for _, m := range mine {
		if m.End.After(lastEnd) {
			lastEnd = m.End
		}
	}
	for _, lb := range tp.Lunches {
		if lb.Startup == s && lb.End.After(lastEnd) {
			lastEnd = lb.End
		}
	}
	var legs []Leg
	for _, l := range tp.Legs {
		if contains(l.Travellers, s) && !l.Depart.Before(lastEnd) {
			legs = append(legs, l)
		}
	}
	sort.SliceStable(legs, func(i, j int) bool { return legs[i].Depart.Before(legs[j].Depart) })
	ready := lastEnd
	first, last := -1, -1
	for i, l := range legs {
		if l.Service == "" {
			if first < 0 {
				ready = l.Arrive
			}
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	if first < 0 {
		return
	}
	from, to := p.stopOf(legs[first].From), p.stopOf(legs[last].To)
	if from == "" || to == "" {
		return
	}
	after := ready.Add(trainMargin * time.Minute)
	j, err := p.Feed.EarliestArrival(context.Background(), from, to, after, travel.SearchOptions{Window: legs[last].Arrive.Sub(after)})
	if err == nil && j.Arrive().Before(legs[last].Arrive) {
		bad("trip %s: %s waits for the %s train home although one leaving %s arrives at %s", tp.ID, s, clockOf(legs[first].Depart), clockOf(j.Depart()), clockOf(j.Arrive()))
	}
}

// stopOf is the timetable stop of a plan's place id (a place with a stop,
// or a stop id itself).
func (p *Program) stopOf(id string) string {
	if pl, ok := p.Place(id); ok {
		return pl.StopID
	}
	if p.Feed != nil {
		if _, err := p.Feed.Stop(id); err == nil {
			return id
		}
	}
	return ""
}

// checkPeople verifies the people and emissions of a trip: every leg
// carries its travellers' people in enough vehicles, the hotel's guests
// have a start-up's people each, and the emissions shared out among the
// start-ups add up to the trip's.
func (p *Program) checkPeople(tp *TripPlan, bad func(string, ...any)) {
	people := map[string]int{}
	total := 0
	for _, sid := range tp.Startups {
		if s, ok := p.Startup(sid); ok {
			people[sid] = p.People(s)
			total += people[sid]
		}
	}
	if tp.People != total {
		bad("trip %s: %d people, but its start-ups have %d travellers", tp.ID, tp.People, total)
	}
	for _, l := range tp.Legs {
		n := 0
		for _, s := range l.Travellers {
			n += people[s]
		}
		if l.People != n {
			bad("trip %s: %s leg %s->%s at %s carries %d people, its travellers are %d", tp.ID, l.Mode, l.From, l.To, clockOf(l.Depart), l.People, n)
		}
		mode := travel.Mode(l.Mode)
		if mode == travel.Car || mode == travel.Taxi {
			if seats := p.Travel.seats(mode); l.Vehicles*seats < l.People || l.Vehicles < 1 {
				bad("trip %s: %s leg %s->%s at %s: %d people in %d vehicles of %d seats", tp.ID, l.Mode, l.From, l.To, clockOf(l.Depart), l.People, l.Vehicles, seats)
			}
		}
	}
	if h := tp.Hotel; h != nil {
		n := 0
		for _, s := range h.Guests {
			n += people[s]
		}
		if want := p.Travel.HotelKg * float64(n); math.Abs(h.CO2Kg-want) > 0.001 {
			bad("trip %s: the hotel's co2_kg %.3f is not %d guests × %.1f kg, %.3f", tp.ID, h.CO2Kg, n, p.Travel.HotelKg, want)
		}
	}
	var shared float64
	for _, v := range tp.CO2KgByStartup {
		shared += v
	}
	if math.Abs(shared-tp.CO2Kg) > 0.001*float64(len(tp.Startups)+1) {
		bad("trip %s: co2_kg_by_startup adds up to %.3f, not the trip's %.3f", tp.ID, shared, tp.CO2Kg)
	}
}

func (p *Program) checkMeetings(tp *TripPlan, s string, ms []Meeting, bad func(string, ...any)) {
	pl := &planner{prog: p, contacts: map[string]*matchContact{}}
	for i := range p.Contacts {
		pl.contacts[p.Contacts[i].ID] = &p.Contacts[i]
	}
	days := map[string][]Meeting{}
	for _, m := range ms {
		if m.End.Sub(m.Start) != p.Meetings.Duration {
			bad("trip %s: meeting %s-%s lasts %s, not %s", tp.ID, s, m.Contact, m.End.Sub(m.Start), p.Meetings.Duration)
		}
		if _, ok := pl.contacts[m.Contact]; !ok {
			bad("trip %s: meeting %s-%s: no such contact", tp.ID, s, m.Contact)
			continue
		}
		day := m.Start.In(p.Zone)
		day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, p.Zone)
		inside := false
		for _, iv := range pl.free(m.Contact, day, "") {
			inside = inside || !m.Start.Before(iv.Start) && !m.End.After(iv.End)
		}
		if !inside {
			bad("trip %s: meeting %s-%s at %s is outside the contact's free time in the working day", tp.ID, s, m.Contact, m.Start.Format(time.RFC3339))
		}
		days[day.Format("2006-01-02")] = append(days[day.Format("2006-01-02")], m)
	}
	l := p.Meetings.Lunch
	if l.Duration == 0 {
		return
	}
	for d, list := range days {
		day, _ := time.ParseInLocation("2006-01-02", d, p.Zone)
		from, to := l.From.On(day), l.To.On(day)
		busy := make([]Interval, 0, len(list))
		for _, m := range list {
			busy = append(busy, Interval{m.Start, m.End})
		}
		ok := false
		for _, iv := range Subtract([]Interval{{from, to}}, MergeIntervals(busy)) {
			ok = ok || iv.End.Sub(iv.Start) >= l.Duration
		}
		if !ok {
			bad("trip %s: %s has no %s lunch break between %s and %s on %s", tp.ID, s, fmtDur(l.Duration), l.From, l.To, d)
		}
	}
}

type matchContact = match.Contact

func pairOf(m Meeting) match.Pair { return match.Pair{Startup: m.Startup, Contact: m.Contact} }
