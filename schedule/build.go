package schedule

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/crossmeet/crossmeet/travel"
)

// plan turns a solved option into the trip's plan: the main legs out
// shared by all travellers, each start-up's local legs, meetings and
// lunch, the way home, the hotel, and the emissions per person.
//
// The way home is each start-up's own by train: the earliest connection
// after its last meeting (and lunch) that the trip allows, so a group may
// split on the way back, and a start-up with no meeting on the second day
// of a night away goes home the first evening. A car group leaves
// together when the last of it is ready, and stays together: a car night
// in which a start-up has no meeting on the second day is not possible.
// The error says why the option cannot be made so.
func (b *built) plan(ctx context.Context, pl *planner, a *attempt) (*TripPlan, error) {
	p, t, st, o, f := pl.prog, a.trip, a.site, a.opt, a.frame
	tp := &TripPlan{
		ID:           t.ID,
		Why:          t.Why,
		Startups:     append([]string(nil), t.Startups...),
		Date:         o.date.Format("2006-01-02"),
		Overnight:    o.overnight,
		Mode:         string(o.mode),
		Legs:         []Leg{},
		Meetings:     []Meeting{},
		Alternatives: []Alternative{},
		Unscheduled:  []Unscheduled{},
		Lunches:      []LunchBreak{},
		NotPossible:  []string{},
		BelowMinimum: []string{},
	}
	dur := p.Meetings.Duration
	for _, l := range f.out {
		l.Travellers = append([]string(nil), t.Startups...)
		l.main = true
		tp.Legs = append(tp.Legs, l)
	}

	var hotel travel.Place
	if o.overnight && b.sol.Hotel >= 0 {
		hotel = b.places[b.nodes[b.sol.Hotel].place]
	}
	var hotelIn, hotelOut []time.Time
	var guests []string
	// finales holds where each start-up's last day ends, before the way home.
	finales := map[string]finale{}
	homeDay := map[string]time.Time{}
	secondDay := map[string]bool{}
	for k, sid := range t.Startups {
		for _, r := range b.routeOf[k][1:] {
			secondDay[sid] = len(b.sol.Routes[r]) > 2
		}
		stays := o.overnight && secondDay[sid] && b.sol.Hotel >= 0
		if o.overnight && !secondDay[sid] && o.mode == travel.Car {
			return nil, fmt.Errorf("%s would stay a night without a meeting the next day, and a car group travels together", sid)
		}
		if stays {
			guests = append(guests, sid)
		}
		homeDay[sid] = o.date
		if stays {
			homeDay[sid] = o.date.AddDate(0, 0, 1)
		}
		for d, r := range b.routeOf[k] {
			route, starts := b.sol.Routes[r], b.sol.Starts[r]
			if d == 1 && !stays {
				break
			}
			var lunchEnd time.Time
			if r < len(b.sol.Breaks) && b.sol.Breaks[r] >= 0 && b.in.Routes[r].Break != nil {
				at := f.at(b.sol.Breaks[r])
				lunchEnd = at.Add(p.Meetings.Lunch.Duration)
				tp.Lunches = append(tp.Lunches, LunchBreak{sid, at, lunchEnd})
			}
			cur := st.hub
			now := f.arrive
			if stays && d == 1 {
				cur = hotel
			}
			for i, node := range route[1 : len(route)-1] {
				at := b.places[b.nodes[node].place]
				start := f.at(starts[i+1])
				if mv := pl.local(cur, at); mv.minutes > 0 || cur.ID != at.ID {
					depart := now
					if stays && d == 1 && i == 0 {
						// Leave the hotel in time; a lunch before the first
						// meeting is taken on arrival, before the move.
						arrive := start
						if !lunchEnd.IsZero() && !lunchEnd.After(start) && lunchEnd.After(start.Add(-time.Duration(mv.minutes)*time.Minute)) {
							arrive = lunchEnd.Add(-p.Meetings.Lunch.Duration)
						}
						depart = arrive.Add(-time.Duration(mv.minutes) * time.Minute)
						hotelOut = append(hotelOut, depart)
					}
					tp.Legs = append(tp.Legs, own(pl.moveLeg(mv, cur, at, depart), sid))
				} else if stays && d == 1 && i == 0 {
					hotelOut = append(hotelOut, start)
				}
				pr := b.nodes[node].pair
				tp.Meetings = append(tp.Meetings, Meeting{
					Startup: sid,
					Contact: pr.Contact,
					Place:   at.ID,
					Start:   start,
					End:     start.Add(dur),
					Score:   round3(pr.Score),
					Reasons: append([]string{}, pr.Reasons()...),
				})
				tp.Score += pr.Score
				cur, now = at, start.Add(dur)
			}
			if stays && d == 0 {
				mv := pl.local(cur, hotel)
				if mv.minutes > 0 || cur.ID != hotel.ID {
					tp.Legs = append(tp.Legs, own(pl.moveLeg(mv, cur, hotel, now), sid))
				}
				hotelIn = append(hotelIn, now.Add(time.Duration(mv.minutes)*time.Minute))
				continue
			}
			// The last place of the day; the way home is chosen below.
			last := finale{at: cur, free: now, lunch: -1}
			if lunchEnd.After(now) {
				last.lunch = len(tp.Lunches) - 1
			}
			finales[sid] = last
		}
	}
	// leave adds a start-up's move back to the hub, leaving at depart,
	// and says when it is there.
	leave := func(sid string, depart time.Time) time.Time {
		fin := finales[sid]
		mv := pl.local(fin.at, st.hub)
		if mv.minutes > 0 || fin.at.ID != st.hub.ID {
			tp.Legs = append(tp.Legs, own(pl.moveLeg(mv, fin.at, st.hub, depart), sid))
		}
		return depart.Add(time.Duration(mv.minutes) * time.Minute)
	}
	dropLunch := map[int]bool{}
	// afterLunch is when a start-up may set off home: after its last
	// meeting, and after its lunch when that comes later. Lunch is never
	// during a journey.
	afterLunch := func(sid string) time.Time {
		fin := finales[sid]
		if fin.lunch >= 0 {
			return tp.Lunches[fin.lunch].End
		}
		return fin.free
	}
	if o.overnight {
		if len(guests) == 0 {
			return nil, fmt.Errorf("no start-up has a meeting on the second day: the night away buys nothing")
		}
		tp.Hotel = &Hotel{Place: hotel.ID, CheckIn: latest(hotelIn), CheckOut: earliest(hotelOut), Guests: guests}
	}
	switch o.mode {
	case travel.Car:
		// The car leaves when the last traveller is back at it: after
		// lunch, unless everyone can be on the road before lunch time
		// begins (then nobody waits for it, and no lunch is planned on
		// the road).
		early := true
		for _, sid := range t.Startups {
			fin := finales[sid]
			ready := fin.free.Add(time.Duration(pl.local(fin.at, st.hub).minutes) * time.Minute)
			early = early && !ready.After(p.Meetings.Lunch.From.On(homeDay[sid]))
		}
		var back time.Time
		for _, sid := range t.Startups {
			depart := afterLunch(sid)
			if fin := finales[sid]; early && fin.lunch >= 0 {
				dropLunch[fin.lunch] = true
				depart = fin.free
			}
			if r := leave(sid, depart); r.After(back) {
				back = r
			}
		}
		for i, l := range f.ret {
			if i == 0 {
				d := l.Arrive.Sub(l.Depart)
				l.Depart, l.Arrive = back, back.Add(d)
			}
			l.Travellers = append([]string(nil), t.Startups...)
			l.main = true
			tp.Legs = append(tp.Legs, l)
		}
	default:
		for _, sid := range t.Startups {
			fin := finales[sid]
			var legs []Leg
			if fin.lunch >= 0 {
				// A train home that leaves before lunch would begin is
				// better than waiting for lunch: the start-up eats on
				// the way, and no lunch is planned during the journey.
				mv := time.Duration(pl.local(fin.at, st.hub).minutes) * time.Minute
				early, err := pl.wayHome(ctx, a, fin.free.Add(mv), homeDay[sid])
				if err == nil && early[firstService(early)].Depart.Before(afterLunch(sid).Add(mv+time.Duration(f.margin)*time.Minute)) {
					dropLunch[fin.lunch] = true
					leave(sid, fin.free)
					legs = early
				}
			}
			if legs == nil {
				var err error
				if legs, err = pl.wayHome(ctx, a, leave(sid, afterLunch(sid)), homeDay[sid]); err != nil {
					return nil, fmt.Errorf("%s: %w", sid, err)
				}
			}
			for _, l := range legs {
				l.main = true
				tp.Legs = append(tp.Legs, own(l, sid))
			}
		}
	}
	lunches := tp.Lunches[:0]
	for i, lb := range tp.Lunches {
		if !dropLunch[i] {
			lunches = append(lunches, lb)
		}
	}
	tp.Lunches = lunches
	sort.SliceStable(tp.Meetings, func(i, j int) bool {
		a, c := tp.Meetings[i], tp.Meetings[j]
		if !a.Start.Equal(c.Start) {
			return a.Start.Before(c.Start)
		}
		return a.Startup < c.Startup
	})
	sort.SliceStable(tp.Lunches, func(i, j int) bool {
		if !tp.Lunches[i].Start.Equal(tp.Lunches[j].Start) {
			return tp.Lunches[i].Start.Before(tp.Lunches[j].Start)
		}
		return tp.Lunches[i].Startup < tp.Lunches[j].Startup
	})
	// A trip that starts where its meetings are (a start-up based in the
	// destination city) has no way there: its zero-length legs from a
	// place to itself are no legs (a calendar event must end after it
	// starts).
	tp.Legs = slices.DeleteFunc(tp.Legs, func(l Leg) bool { return l.From == l.To && !l.Arrive.After(l.Depart) })
	tp.Legs = shareRides(tp.Legs)
	sort.SliceStable(tp.Legs, func(i, j int) bool { return tp.Legs[i].Depart.Before(tp.Legs[j].Depart) })
	pl.price(tp, f)
	tp.Score = round3(tp.Score)
	return tp, nil
}

// A finale is where a start-up's last day at the destination ends: the
// place of its last meeting, when that meeting is over, and the index in
// TripPlan.Lunches of a lunch it has after it (or -1).
type finale struct {
	at    travel.Place
	free  time.Time
	lunch int
}

// firstService is the index of the first timetable leg of legs.
func firstService(legs []Leg) int {
	for i, l := range legs {
		if l.Service != "" {
			return i
		}
	}
	return 0
}

// wayHome is one start-up's train home: the earliest connection from the
// hub after it is ready (with the margin) that reaches its origin by
// back_by of the day it goes home, then the local move from the station.
func (pl *planner) wayHome(ctx context.Context, a *attempt, ready, day time.Time) ([]Leg, error) {
	p, st, f := pl.prog, a.site, a.frame
	ctx = context.WithoutCancel(ctx)
	_, backClock := a.trip.Window()
	by := backClock.On(day).Add(-time.Duration(f.access.minutes) * time.Minute)
	after := ready.Add(time.Duration(f.margin) * time.Minute)
	from, to := st.hub, st.originStation
	j, err := p.Feed.EarliestArrival(ctx, from.StopID, to.StopID, after, travel.SearchOptions{Window: by.Sub(after)})
	if err != nil || j.Arrive().After(by) {
		return nil, fmt.Errorf("no train leaves %s after %s and reaches %s by %s", from.Name, clockOf(after), to.Name, backClock)
	}
	// Of the trains that arrive as early, take the last to leave: less
	// waiting on the platform.
	if later, err := p.Feed.LatestDeparture(ctx, from.StopID, to.StopID, j.Arrive(), travel.SearchOptions{}); err == nil && !later.Depart().Before(after) && later.Arrive().Equal(j.Arrive()) {
		j = later
	}
	legs := pl.journeyLegs(j)
	if f.access.minutes > 0 {
		legs = append(legs, pl.moveLeg(f.access, to, st.origin, j.Arrive()))
	}
	return legs, nil
}

// own marks a local leg as one start-up's.
func own(l Leg, startup string) Leg {
	l.Travellers = []string{startup}
	return l
}

func latest(ts []time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if out.IsZero() || t.After(out) {
			out = t
		}
	}
	return out
}

func earliest(ts []time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if out.IsZero() || t.Before(out) {
			out = t
		}
	}
	return out
}

// shareRides merges legs that several start-ups make at the same time
// between the same places, on the same service, into one leg: they share
// the train, the taxi or the walk.
func shareRides(legs []Leg) []Leg {
	type key struct {
		mode, from, to, service string
		depart, arrive          int64
	}
	at := map[key]int{}
	out := legs[:0]
	for _, l := range legs {
		k := key{l.Mode, l.From, l.To, l.Service, l.Depart.Unix(), l.Arrive.Unix()}
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out = append(out, l)
			continue
		}
		m := &out[i]
		m.Travellers = append(append([]string(nil), m.Travellers...), l.Travellers...)
		sort.Strings(m.Travellers)
	}
	return out
}

// price turns each leg's emission per passenger (timetable, walk) or per
// vehicle (car, taxi) into the leg's whole emission for the people on
// it, with as many vehicles as their seats need; adds the hotel's guest
// nights; and shares every emission among the start-ups by their people.
func (pl *planner) price(tp *TripPlan, f *frame) {
	p := pl.prog
	people := map[string]int{}
	for _, sid := range tp.Startups {
		s, _ := p.Startup(sid)
		people[sid] = p.People(s)
		tp.People += people[sid]
	}
	tp.CO2KgByStartup = map[string]float64{}
	for _, sid := range tp.Startups {
		tp.CO2KgByStartup[sid] = 0
	}
	var total float64
	for i := range tp.Legs {
		l := &tp.Legs[i]
		l.People = 0
		for _, s := range l.Travellers {
			l.People += people[s]
		}
		mode := travel.Mode(l.Mode)
		if pl.factors.PerVehicle(mode) {
			l.Vehicles = (l.People + p.Travel.seats(mode) - 1) / p.Travel.seats(mode)
			l.CO2Kg *= float64(l.Vehicles)
		} else {
			l.CO2Kg *= float64(l.People)
		}
		l.CO2Kg = round3(l.CO2Kg)
		total += l.CO2Kg
		for _, s := range l.Travellers {
			tp.CO2KgByStartup[s] += l.CO2Kg * float64(people[s]) / float64(l.People)
		}
	}
	if h := tp.Hotel; h != nil {
		n := 0
		for _, s := range h.Guests {
			n += people[s]
			tp.CO2KgByStartup[s] += p.Travel.HotelKg * float64(people[s])
		}
		h.CO2Kg = round3(p.Travel.HotelKg * float64(n))
		total += h.CO2Kg
	}
	for s, v := range tp.CO2KgByStartup {
		tp.CO2KgByStartup[s] = round3(v)
	}
	tp.CO2Kg = round3(total)
	tp.CO2KgPerPerson = round3(total / float64(max(tp.People, 1)))
	if len(tp.Meetings) > 0 {
		tp.CO2KgPerMeeting = round3(total / float64(len(tp.Meetings)))
	}
	// The all-car figure: the same trip with its main journeys by car
	// (as many cars as its people need), its local moves and nights as
	// planned.
	cars := (tp.People + p.Travel.seats(travel.Car) - 1) / p.Travel.seats(travel.Car)
	allCar := 2 * pl.factors.Kg(travel.Car, f.carKm) * float64(cars)
	for _, l := range tp.Legs {
		if !l.main {
			allCar += l.CO2Kg
		}
	}
	if tp.Hotel != nil {
		allCar += tp.Hotel.CO2Kg
	}
	tp.AllCarCO2Kg = round3(allCar)
}
