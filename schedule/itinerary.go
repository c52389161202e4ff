package schedule

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule/optw"
	"github.com/crossmeet/crossmeet/travel"
)

// site is where a trip goes: the place it starts from, the hub it
// arrives at (a station when there is one), the hotels near the hub and
// the contacts who are there.
type site struct {
	origin        travel.Place
	originStation travel.Place // origin itself, or the nearest station with a timetable stop
	hub           travel.Place
	hotels        []travel.Place
	meetAt        map[string]travel.Place // contact id -> where meetings with them are held
	name          string                  // the destination as the trip names it
}

// slot is the grain of the planner's clock: meetings start on whole
// multiples of it, so an itinerary reads 10:30, not 10:27. Travel times
// are rounded up to it, windows inwards.
const slot = 5 // minutes

func up(m int64) int64 {
	if r := ((m % slot) + slot) % slot; r != 0 {
		return m + slot - r
	}
	return m
}

func down(m int64) int64 { return m - ((m%slot)+slot)%slot }

// trainMargin is how early travellers are back at the station before a
// train leaves.
const trainMargin = 5 // minutes

// maxHotels is how many hotels, nearest the hub first, an overnight
// option considers.
const maxHotels = 3

// hotelBy is how late after the working day travellers reach the hotel.
const hotelBy = 2 * 60 // minutes

func (pl *planner) site(t *Trip) (*site, error) {
	p := pl.prog
	from, err := p.Origin(t)
	if err != nil {
		return nil, err
	}
	origin, ok := pl.places[from]
	if !ok {
		return nil, &unknownErr{fmt.Sprintf("trip %s: from %q is not a place id", t.ID, from)}
	}
	dest, err := p.Destination(t.To)
	if err != nil {
		return nil, err
	}
	st := &site{origin: origin, originStation: pl.station(origin), meetAt: map[string]travel.Place{}, name: t.To}

	// The hub: of the destination's stations (or, without one, its
	// places), the one with the most contacts around it.
	var hubs []travel.Place
	for _, d := range dest {
		if d.StopID != "" {
			hubs = append(hubs, d)
		}
	}
	if len(hubs) == 0 {
		hubs = dest[:1]
	}
	bestN := -1
	for _, h := range hubs {
		n := 0
		for _, c := range p.Contacts {
			if at, ok := pl.contactPlace(&c); ok && travel.Distance(at, h) <= Radius {
				n++
			}
		}
		if n > bestN {
			st.hub, bestN = h, n
		}
	}
	for i := range p.Contacts {
		c := &p.Contacts[i]
		if at, ok := pl.contactPlace(c); ok && travel.Distance(at, st.hub) <= Radius {
			st.meetAt[c.ID] = at
		}
	}
	for _, q := range p.Places {
		if q.Kind == "hotel" && travel.Distance(q, st.hub) <= Radius {
			st.hotels = append(st.hotels, q)
		}
	}
	sort.SliceStable(st.hotels, func(i, j int) bool {
		return travel.Distance(st.hotels[i], st.hub) < travel.Distance(st.hotels[j], st.hub)
	})
	// The solver searches once per hotel: the nearest few are enough.
	if len(st.hotels) > maxHotels {
		st.hotels = st.hotels[:maxHotels]
	}
	return st, nil
}

// station returns place itself when it has a timetable stop, else the
// nearest place with one within Radius, else place.
func (pl *planner) station(place travel.Place) travel.Place {
	if place.StopID != "" {
		return place
	}
	best, bestD := place, math.Inf(1)
	for _, q := range pl.prog.Places {
		if q.StopID == "" {
			continue
		}
		if d := travel.Distance(place, q); d <= Radius && d < bestD {
			best, bestD = q, d
		}
	}
	return best
}

// contactPlace returns where a contact receives visitors.
func (pl *planner) contactPlace(c *match.Contact) (travel.Place, bool) {
	if c.Place != "" {
		if at, ok := pl.places[c.Place]; ok {
			return at, true
		}
	}
	if c.HasCoords {
		return officeOf(c, pl.prog.Zone), true
	}
	return travel.Place{}, false
}

// officeOf is the place of a contact given by lat and lon columns: it
// takes the contact's id.
func officeOf(c *match.Contact, zone *time.Location) travel.Place {
	return travel.Place{ID: c.ID, Name: c.Organization, Kind: "office", Lat: c.Lat, Lon: c.Lon, Country: c.Country, TimeZone: zone}
}

// move is a local movement between two places during a trip.
type move struct {
	mode    travel.Mode
	minutes int64
	km      float64
	co2     float64
}

// local returns how to move between two places at the destination: on
// foot up to walkKm, else by taxi (or another allowed road mode).
func (pl *planner) local(a, b travel.Place) move {
	if a.ID == b.ID {
		return move{mode: travel.Walk}
	}
	const walkKm = 1.5
	modes := []travel.Mode{travel.Walk, travel.Taxi, travel.Car, travel.Walk}
	for i, m := range modes {
		if !pl.prog.Travel.Allows(m) && i < len(modes)-1 {
			continue
		}
		leg, err := pl.road.Leg(m, a, b, time.Time{})
		if err != nil {
			continue
		}
		if m == travel.Walk && i == 0 && leg.Km > walkKm {
			continue
		}
		min := max(1, int64(math.Ceil(leg.Arrive.Sub(leg.Depart).Minutes())))
		return move{mode: m, minutes: min, km: leg.Km, co2: pl.factors.Kg(m, leg.Km)}
	}
	return move{mode: travel.Walk, minutes: int64(math.Ceil(travel.Distance(a, b) / 4.5 * 60)), km: travel.Distance(a, b)}
}

// frame is an option's fixed travel: when the group is at the hub, and
// how it got there and gets back.
type frame struct {
	t0       time.Time // midnight of the first day: minute 0
	arrive   time.Time // at the hub
	leave    time.Time // from the hub
	out, ret []Leg     // main legs, travellers filled in later
	margin   int64     // minutes to be back at the hub before leave
	backBy   time.Time
}

func (f *frame) minute(t time.Time) int64 { return int64(t.Sub(f.t0) / time.Minute) }
func (f *frame) at(m int64) time.Time     { return f.t0.Add(time.Duration(m) * time.Minute) }

// frame finds the main journeys of an option.
func (pl *planner) frame(ctx context.Context, t *Trip, st *site, o *option) (*frame, error) {
	p := pl.prog
	f := &frame{t0: o.date}
	last := o.date
	if o.overnight {
		last = o.date.AddDate(0, 0, 1)
	}
	leaveAfter, backBy := t.Window()
	after := leaveAfter.On(o.date)
	f.backBy = backBy.On(last)
	from, to := st.originStation, st.hub
	switch o.mode {
	case travel.Train:
		if p.Feed == nil {
			return nil, errors.New("the programme has no timetable (gtfs/ or gtfs.zip)")
		}
		if from.StopID == "" || to.StopID == "" {
			return nil, fmt.Errorf("no station with a timetable stop near %s or %s", st.origin.Name, st.hub.Name)
		}
		// Getting to the station, and being there before the train.
		access := pl.local(st.origin, from)
		lead := time.Duration(access.minutes) * time.Minute
		if access.minutes > 0 {
			lead += trainMargin * time.Minute
		}
		after = after.Add(lead)
		// A day trip must be there while meetings can still be held; an
		// overnight trip may arrive in the evening and meet the next day.
		latest := p.Meetings.DayEnd.On(o.date).Add(-p.Meetings.Duration)
		if o.overnight {
			latest = o.date.AddDate(0, 0, 1)
		}
		out, err := p.Feed.EarliestArrival(ctx, from.StopID, to.StopID, after, travel.SearchOptions{Window: latest.Sub(after)})
		if err != nil || out.Arrive().After(latest) {
			return nil, fmt.Errorf("no train from %s after %s reaches %s in time for a meeting on %s", from.Name, leaveAfter, to.Name, o.date.Format("2006-01-02"))
		}
		if later, err := p.Feed.LatestDeparture(ctx, from.StopID, to.StopID, out.Arrive(), travel.SearchOptions{}); err == nil && !later.Depart().Before(after) && later.Arrive().Equal(out.Arrive()) {
			out = later
		}
		backBy := f.backBy.Add(-time.Duration(access.minutes) * time.Minute)
		ret, err := p.Feed.LatestDeparture(ctx, to.StopID, from.StopID, backBy, travel.SearchOptions{})
		if err != nil || ret.Depart().Before(out.Arrive()) {
			return nil, fmt.Errorf("no train gets back from %s to %s by %s", to.Name, from.Name, backBy)
		}
		if !o.overnight && ret.Depart().Sub(out.Arrive()) < p.Meetings.Duration {
			return nil, fmt.Errorf("the train arrives in %s at %s and the last one back leaves at %s: no time for a meeting", to.Name, clockOf(out.Arrive()), clockOf(ret.Depart()))
		}
		if o.overnight && sameDay(ret.Depart(), o.date) {
			return nil, fmt.Errorf("no train back from %s on %s", to.Name, last.Format("2006-01-02"))
		}
		f.arrive, f.leave, f.margin = out.Arrive(), ret.Depart(), trainMargin
		if access.minutes > 0 {
			f.out = append(f.out, pl.moveLeg(access, st.origin, from, out.Depart().Add(-lead)))
		}
		f.out = append(f.out, pl.journeyLegs(out)...)
		f.ret = pl.journeyLegs(ret)
		if access.minutes > 0 {
			f.ret = append(f.ret, pl.moveLeg(access, from, st.origin, ret.Arrive()))
		}
	case travel.Car:
		drive, err := pl.road.Leg(travel.Car, st.origin, to, after)
		if err != nil {
			return nil, fmt.Errorf("no road estimate from %s to %s: %v", st.origin.Name, to.Name, err)
		}
		d := drive.Arrive.Sub(drive.Depart).Round(time.Minute)
		if d < drive.Arrive.Sub(drive.Depart) {
			d += time.Minute
		}
		arrive := after.Add(d)
		if ideal := p.Meetings.DayStart.On(o.date).Add(-15 * time.Minute); ideal.After(arrive) {
			arrive = ideal
		}
		leave := f.backBy.Add(-d)
		if !leave.After(arrive.Add(p.Meetings.Duration)) {
			return nil, fmt.Errorf("the drive from %s to %s takes %s: no time for a meeting between %s and %s", st.origin.Name, to.Name, fmtDur(d), leaveAfter, backBy)
		}
		f.arrive, f.leave = arrive, leave
		kg := pl.factors.Kg(travel.Car, drive.Km)
		f.out = []Leg{{Mode: string(travel.Car), From: st.origin.ID, To: to.ID, Depart: arrive.Add(-d), Arrive: arrive, Km: round3(drive.Km), CO2Kg: kg}}
		// The return leg's time is set once the meetings are known.
		f.ret = []Leg{{Mode: string(travel.Car), From: to.ID, To: st.origin.ID, Depart: leave, Arrive: leave.Add(d), Km: round3(drive.Km), CO2Kg: kg}}
	default:
		return nil, fmt.Errorf("mode %s is not a main mode", o.mode)
	}
	return f, nil
}

// journeyLegs turns a timetable journey into plan legs between places.
func (pl *planner) journeyLegs(j travel.Journey) []Leg {
	out := make([]Leg, 0, len(j.Legs))
	for _, l := range j.Legs {
		out = append(out, Leg{
			Mode:    string(l.Mode),
			From:    pl.stopPlace(l.From),
			To:      pl.stopPlace(l.To),
			Depart:  l.Depart,
			Arrive:  l.Arrive,
			Km:      round3(l.Km),
			CO2Kg:   l.CO2Kg, // one passenger; multiplied by the travellers later
			Service: l.Service,
		})
	}
	return out
}

// stopPlace maps a timetable stop to the place that names it (the stop
// itself, or its parent station), or keeps the stop id.
func (pl *planner) stopPlace(stop string) string {
	ids := []string{stop}
	if pl.prog.Feed != nil {
		if s, err := pl.prog.Feed.Stop(stop); err == nil && s.Parent != "" {
			ids = append(ids, s.Parent)
		}
	}
	for _, id := range ids {
		for _, q := range pl.prog.Places {
			if q.StopID == id {
				return q.ID
			}
		}
	}
	return stop
}

func (pl *planner) moveLeg(m move, from, to travel.Place, depart time.Time) Leg {
	return Leg{
		Mode:   string(m.mode),
		From:   from.ID,
		To:     to.ID,
		Depart: depart,
		Arrive: depart.Add(time.Duration(m.minutes) * time.Minute),
		Km:     round3(m.km),
		CO2Kg:  m.co2,
	}
}

// evaluate plans one option of a trip: it finds the main journeys, the
// meetings' pool, and packs them with the solver, refilling the pool
// with the next-best contacts when some found no place.
func (pl *planner) evaluate(ctx context.Context, t *Trip, st *site, o *option, solvesLeft int) {
	f, err := pl.frame(ctx, t, st, o)
	if err != nil {
		o.err = err
		return
	}
	if o.overnight && len(st.hotels) == 0 {
		o.err = fmt.Errorf("no hotel within %.0f km of %s in places.csv", Radius, st.hub.Name)
		return
	}
	excluded := map[[2]string]bool{}
	var keep []match.Pair
	var best *built
	o.tried = map[[2]string]string{}
	for round := 0; round < 3; round++ {
		pool := pl.pool(ctx, t, st, excluded, keep)
		if len(pool) == 0 && best != nil {
			break
		}
		b, err := pl.solve(ctx, t, st, o, f, pool, solvesLeft)
		if err != nil {
			o.err = err
			return
		}
		if best == nil || b.score > best.score+1e-9 {
			best = b
		}
		failed := 0
		keep = keep[:0]
		for _, pr := range pool {
			k := [2]string{pr.Startup, pr.Contact}
			if b.visited[k] {
				keep = append(keep, pr)
				continue
			}
			excluded[k] = true
			if _, ok := o.tried[k]; !ok {
				o.tried[k] = b.reason(pr)
			}
			failed++
		}
		if failed == 0 {
			break
		}
	}
	for k := range best.visited {
		delete(o.tried, k)
	}
	o.plan = best.plan(pl, t, st, o, f)
	o.score, o.co2 = o.plan.Score, o.plan.CO2Kg
}

// pool picks the meetings to try on a trip: the best assignment of the
// trip's start-ups to the contacts at the destination with capacity left,
// each contact with one start-up at most, keeping the pairs in keep.
func (pl *planner) pool(ctx context.Context, t *Trip, st *site, excluded map[[2]string]bool, keep []match.Pair) []match.Pair {
	p := pl.prog
	var startups []match.Startup
	var contacts []match.Contact
	var pairs []match.Pair
	seen := map[string]bool{}
	opts := match.AssignOptions{
		CapacityFor: map[string]int{},
		MaxFor:      map[string]int{},
		Forbidden:   p.Matching.Forbid,
		Fair:        p.Matching.Fair,
	}
	for _, k := range keep {
		opts.Pinned = append(opts.Pinned, [2]string{k.Startup, k.Contact})
	}
	for _, pin := range p.Matching.Pin {
		if excluded[pin] {
			continue
		}
		opts.Pinned = append(opts.Pinned, pin)
	}
	for _, sid := range t.Startups {
		s, _ := p.Startup(sid)
		startups = append(startups, *s)
		left := p.Meetings.Max - pl.count[sid]
		if left < 0 {
			left = 0
		}
		opts.MaxFor[sid] = left
		for _, pr := range pl.pairs[sid] {
			if excluded[[2]string{pr.Startup, pr.Contact}] || pl.capLeft[pr.Contact] <= 0 {
				continue
			}
			if _, ok := st.meetAt[pr.Contact]; !ok {
				continue
			}
			pairs = append(pairs, pr)
			if !seen[pr.Contact] {
				seen[pr.Contact] = true
				contacts = append(contacts, *pl.contacts[pr.Contact])
				opts.CapacityFor[pr.Contact] = 1
			}
		}
	}
	// Pins of other trips or of contacts elsewhere do not apply here.
	var pins [][2]string
	for _, pin := range opts.Pinned {
		if contains(t.Startups, pin[0]) && seen[pin[1]] {
			pins = append(pins, pin)
		}
	}
	opts.Pinned = pins
	if len(pairs) == 0 {
		return nil
	}
	a, err := match.Assign(ctx, startups, contacts, pairs, opts)
	if err != nil {
		// Conflicting pins: plan without them rather than fail.
		opts.Pinned = nil
		if a, err = match.Assign(ctx, startups, contacts, pairs, opts); err != nil {
			return nil
		}
	}
	// Pairs kept from an earlier round were pinned only to keep them:
	// give them back their own reasons.
	for i, m := range a.Meetings {
		for _, k := range keep {
			if k.Startup == m.Startup && k.Contact == m.Contact && !pinned(p.Matching.Pin, m) {
				a.Meetings[i] = k
			}
		}
	}
	return a.Meetings
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// built is a solved instance of an option, with what is needed to turn
// it into a TripPlan.
type built struct {
	in      *optw.Instance
	sol     optw.Solution
	score   float64
	visited map[[2]string]bool
	nodes   []nodeInfo
	routeOf [][]int // start-up index -> its route indexes (1 or 2 days)
	places  []travel.Place
	f       *frame
	pl      *planner
}

type nodeInfo struct {
	pair  match.Pair
	place int // index into built.places
}

// solve builds the optw instance of an option and solves it.
func (pl *planner) solve(ctx context.Context, t *Trip, st *site, o *option, f *frame, pool []match.Pair, solvesLeft int) (*built, error) {
	p := pl.prog
	b := &built{f: f, pl: pl, visited: map[[2]string]bool{}}
	in := &optw.Instance{}
	// Node 0 is the hub; then the hotels; then one node per meeting.
	b.places = append(b.places, st.hub)
	in.Nodes = append(in.Nodes, optw.Node{})
	b.nodes = append(b.nodes, nodeInfo{place: 0})
	if o.overnight {
		for _, h := range st.hotels {
			in.Hotels = append(in.Hotels, len(in.Nodes))
			in.Nodes = append(in.Nodes, optw.Node{})
			b.nodes = append(b.nodes, nodeInfo{place: len(b.places)})
			b.places = append(b.places, h)
		}
	}
	days := []time.Time{o.date}
	if o.overnight {
		days = append(days, o.date.AddDate(0, 0, 1))
	}
	// Routes: one per start-up and day.
	index := map[string]int{}
	for k, sid := range t.Startups {
		index[sid] = k
		var rs []int
		for d := range days {
			r := optw.Route{Start: 0, End: 0, Depart: up(f.minute(f.arrive)), Arrive: down(f.minute(f.leave) - f.margin)}
			if o.overnight {
				if d == 0 {
					r.End = optw.Hotel
					// At the hotel in the evening, or soon after a late train.
					r.Arrive = max(down(f.minute(p.Meetings.DayEnd.On(days[0]))+hotelBy), r.Depart+hotelBy)
				} else {
					r.Start = optw.Hotel
					r.Depart = up(f.minute(p.Meetings.DayStart.On(days[1])) - 60)
				}
			}
			if l := p.Meetings.Lunch; l.Duration > 0 {
				from, to := up(f.minute(l.From.On(days[d]))), down(f.minute(l.To.On(days[d])))
				dur := up(int64(l.Duration / time.Minute))
				if r.Depart <= to-dur && r.Arrive >= from+dur {
					r.Break = &optw.Break{Earliest: max(from, r.Depart), Latest: min(to, r.Arrive), Duration: dur}
					if r.Break.Latest-r.Break.Earliest < dur {
						r.Break = nil
					}
				}
			}
			rs = append(rs, len(in.Routes))
			in.Routes = append(in.Routes, r)
		}
		b.routeOf = append(b.routeOf, rs)
	}
	dur := up(int64(p.Meetings.Duration / time.Minute))
	placeIdx := map[string]int{}
	for i, q := range b.places {
		placeIdx[q.ID] = i
	}
	for _, pr := range pool {
		at := st.meetAt[pr.Contact]
		pi, ok := placeIdx[at.ID]
		if !ok {
			pi = len(b.places)
			placeIdx[at.ID] = pi
			b.places = append(b.places, at)
		}
		n := optw.Node{
			Value:    pr.Score,
			Service:  dur,
			Windows:  pl.windows(pr.Contact, days, f),
			Routes:   b.routeOf[index[pr.Startup]],
			Required: pinned(p.Matching.Pin, pr),
		}
		if len(n.Windows) == 0 {
			// Never visitable; keep it so its reason can be told.
			n.Windows = []optw.Window{{Open: -2, Close: -1}}
			n.Required = false
		}
		in.Nodes = append(in.Nodes, n)
		b.nodes = append(b.nodes, nodeInfo{pair: pr, place: pi})
	}
	// Travel times between nodes; meetings are Buffer apart.
	buf := int64(p.Meetings.Buffer / time.Minute)
	moves := make([][]move, len(b.places))
	for i := range b.places {
		moves[i] = make([]move, len(b.places))
		for j := range b.places {
			moves[i][j] = pl.local(b.places[i], b.places[j])
		}
	}
	in.Travel = make([][]int64, len(in.Nodes))
	for i := range in.Nodes {
		in.Travel[i] = make([]int64, len(in.Nodes))
		for j := range in.Nodes {
			tt := moves[b.nodes[i].place][b.nodes[j].place].minutes
			if i > len(in.Hotels) && j > len(in.Hotels) && i != j {
				tt += buf
			}
			in.Travel[i][j] = up(tt)
		}
	}
	b.in = in
	limit := pl.share(solvesLeft)
	pl.solves++
	sol, err := optw.Solve(pl.solveCtx, in, optw.Options{TimeLimit: limit, Seed: pl.opts.Seed + uint64(pl.solves)})
	if errors.Is(err, optw.ErrInfeasible) {
		// A pinned meeting cannot be held on this option: plan the rest.
		for i := range in.Nodes {
			in.Nodes[i].Required = false
		}
		sol, err = optw.Solve(pl.solveCtx, in, optw.Options{TimeLimit: limit, Seed: pl.opts.Seed + uint64(pl.solves)})
	}
	if err != nil {
		if errors.Is(err, optw.ErrInfeasible) {
			return nil, fmt.Errorf("the days cannot be arranged (hotel or lunch break does not fit): %w", err)
		}
		return nil, err
	}
	b.sol = sol
	for _, route := range sol.Routes {
		for _, n := range route[1 : len(route)-1] {
			b.visited[[2]string{b.nodes[n].pair.Startup, b.nodes[n].pair.Contact}] = true
			b.score += in.Nodes[n].Value
		}
	}
	return b, nil
}

// share is the time one solve may take.
func (pl *planner) share(solvesLeft int) time.Duration {
	if solvesLeft < 1 {
		solvesLeft = 1
	}
	d := pl.opts.TimeLimit / time.Duration(solvesLeft*3)
	if d < 10*time.Millisecond {
		d = 10 * time.Millisecond
	}
	return d
}

func pinned(pins [][2]string, pr match.Pair) bool {
	for _, p := range pins {
		if p[0] == pr.Startup && p[1] == pr.Contact {
			return true
		}
	}
	return false
}

// free returns a contact's free intervals on a day: their stated
// availability (or the whole working day) inside the meeting day, minus
// their busy calendar and the meetings earlier trips gave them.
func (pl *planner) free(contact string, day time.Time) []Interval {
	p := pl.prog
	c := pl.contacts[contact]
	dayStart, dayEnd := p.Meetings.DayStart.On(day), p.Meetings.DayEnd.On(day)
	var free []Interval
	if len(c.Available) == 0 {
		free = []Interval{{dayStart, dayEnd}}
	} else {
		y, m, d := day.Date()
		for _, w := range c.Available {
			a, b, ok := w.On(y, m, d, day.Location())
			if !ok {
				continue
			}
			if a.Before(dayStart) {
				a = dayStart
			}
			if b.After(dayEnd) {
				b = dayEnd
			}
			if a.Before(b) {
				free = append(free, Interval{a, b})
			}
		}
		free = MergeIntervals(free)
	}
	free = Subtract(free, p.Busy[contact])
	return Subtract(free, pl.booked[contact])
}

// windows turns a contact's free time on the option's days into the
// solver's windows on the start of a meeting.
func (pl *planner) windows(contact string, days []time.Time, f *frame) []optw.Window {
	dur := int64(pl.prog.Meetings.Duration / time.Minute)
	var out []optw.Window
	for _, day := range days {
		for _, iv := range pl.free(contact, day) {
			open := f.minute(iv.Start)
			if iv.Start.Sub(f.t0)%time.Minute != 0 {
				open++
			}
			open, close := up(open), down(f.minute(iv.End)-dur)
			if close >= open {
				out = append(out, optw.Window{Open: open, Close: close})
			}
		}
	}
	return out
}

// reason says why a pool pair found no place in this solution.
func (b *built) reason(pr match.Pair) string {
	var node int
	for i, n := range b.nodes {
		if n.pair.Startup == pr.Startup && n.pair.Contact == pr.Contact && i > 0 {
			node = i
			break
		}
	}
	c := b.pl.contacts[pr.Contact]
	who := fmt.Sprintf("%s (%s)", c.Name, pr.Contact)
	n := b.in.Nodes[node]
	if len(n.Windows) == 0 || n.Windows[0].Close < 0 {
		var days []string
		for _, r := range b.routeOf[0] {
			days = append(days, b.f.at(b.in.Routes[r].Depart).Format("2006-01-02"))
		}
		return fmt.Sprintf("%s is not free on %s", who, strings.Join(days, " or "))
	}
	// Would the meeting fit on its own?
	for _, r := range n.Routes {
		route := b.in.Routes[r]
		start := route.Start
		if start == optw.Hotel {
			start = b.in.Hotels[0]
		}
		end := route.End
		if end == optw.Hotel {
			end = b.in.Hotels[0]
		}
		arrive := route.Depart + b.in.Travel[start][node]
		for _, w := range n.Windows {
			s := max(arrive, w.Open)
			if s <= w.Close && s+n.Service+b.in.Travel[node][end] <= route.Arrive {
				return fmt.Sprintf("the day is full: %s is free %s, but better-scoring meetings take that time", who, b.freeText(n.Windows))
			}
		}
	}
	if b.f.margin > 0 {
		return fmt.Sprintf("%s is free only %s: no train gets back by %s after that meeting", who, b.freeText(n.Windows), clockOf(b.f.backBy))
	}
	return fmt.Sprintf("%s is free only %s: outside the hours the trip is there", who, b.freeText(n.Windows))
}

func (b *built) freeText(ws []optw.Window) string {
	var parts []string
	for _, w := range ws {
		parts = append(parts, fmt.Sprintf("%s-%s", clockOf(b.f.at(w.Open)), clockOf(b.f.at(w.Close+int64(b.pl.prog.Meetings.Duration/time.Minute)))))
	}
	return strings.Join(parts, ", ")
}

func clockOf(t time.Time) string { return t.Format("15:04") }

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

func fmtDur(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	return fmt.Sprintf("%dh%02d", h, m)
}
