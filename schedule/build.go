package schedule

import (
	"sort"
	"time"

	"github.com/crossmeet/crossmeet/travel"
)

// plan turns a solved option into the trip's plan: main legs shared by
// all travellers, each start-up's local legs and meetings, and the hotel.
func (b *built) plan(pl *planner, a *attempt) *TripPlan {
	p, t, st, o, f := pl.prog, a.trip, a.site, a.opt, a.frame
	n := len(t.Startups)
	tp := &TripPlan{
		ID:           t.ID,
		Startups:     append([]string(nil), t.Startups...),
		Date:         o.date.Format("2006-01-02"),
		Overnight:    o.overnight,
		Mode:         string(o.mode),
		Legs:         []Leg{},
		Meetings:     []Meeting{},
		Alternatives: []Alternative{},
		Unscheduled:  []Unscheduled{},
		Lunches:      []LunchBreak{},
	}
	dur := p.Meetings.Duration
	shared := func(l Leg) Leg {
		l.Travellers = append([]string(nil), t.Startups...)
		if !pl.factors.PerVehicle(travel.Mode(l.Mode)) {
			l.CO2Kg *= float64(n)
		}
		l.CO2Kg = round3(l.CO2Kg)
		return l
	}
	for _, l := range f.out {
		tp.Legs = append(tp.Legs, shared(l))
	}

	var hotel travel.Place
	if o.overnight {
		hotel = b.places[b.nodes[b.sol.Hotel].place]
	}
	var hotelIn, hotelOut []time.Time
	backAtHub := f.arrive
	for k, sid := range t.Startups {
		for d, r := range b.routeOf[k] {
			route, starts := b.sol.Routes[r], b.sol.Starts[r]
			if r < len(b.sol.Breaks) && b.sol.Breaks[r] >= 0 && b.in.Routes[r].Break != nil {
				at := f.at(b.sol.Breaks[r])
				tp.Lunches = append(tp.Lunches, LunchBreak{sid, at, at.Add(p.Meetings.Lunch.Duration)})
			}
			cur := st.hub
			now := f.arrive
			if o.overnight && d == 1 {
				cur = hotel
			}
			for i, node := range route[1 : len(route)-1] {
				at := b.places[b.nodes[node].place]
				start := f.at(starts[i+1])
				if mv := pl.local(cur, at); mv.minutes > 0 || cur.ID != at.ID {
					depart := now
					if o.overnight && d == 1 && i == 0 {
						depart = start.Add(-time.Duration(mv.minutes) * time.Minute)
						hotelOut = append(hotelOut, depart)
					}
					tp.Legs = append(tp.Legs, own(pl.moveLeg(mv, cur, at, depart), sid))
				} else if o.overnight && d == 1 && i == 0 {
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
					Reasons: append([]string{}, pr.Reasons...),
				})
				tp.Score += pr.Score
				cur, now = at, start.Add(dur)
			}
			switch {
			case o.overnight && d == 0:
				mv := pl.local(cur, hotel)
				if mv.minutes > 0 || cur.ID != hotel.ID {
					tp.Legs = append(tp.Legs, own(pl.moveLeg(mv, cur, hotel, now), sid))
				}
				hotelIn = append(hotelIn, now.Add(time.Duration(mv.minutes)*time.Minute))
			default:
				mv := pl.local(cur, st.hub)
				depart := now
				if o.overnight && len(route) == 2 {
					// No meeting on the second day: leave the hotel in time for the train.
					depart = f.leave.Add(-time.Duration(f.margin+mv.minutes+10) * time.Minute)
					if f.margin == 0 {
						depart = f.leave.Add(-time.Duration(mv.minutes) * time.Minute)
					}
					hotelOut = append(hotelOut, depart)
				}
				arrive := depart.Add(time.Duration(mv.minutes) * time.Minute)
				if mv.minutes > 0 || cur.ID != st.hub.ID {
					tp.Legs = append(tp.Legs, own(pl.moveLeg(mv, cur, st.hub, depart), sid))
				}
				if arrive.After(backAtHub) {
					backAtHub = arrive
				}
			}
		}
	}
	if o.overnight {
		tp.Hotel = &Hotel{Place: hotel.ID, CheckIn: latest(hotelIn), CheckOut: earliest(hotelOut)}
	}
	for i, l := range f.ret {
		if o.mode == travel.Car && i == 0 {
			// The car leaves when the last traveller is back at it.
			d := l.Arrive.Sub(l.Depart)
			l.Depart = backAtHub
			l.Arrive = backAtHub.Add(d)
		}
		tp.Legs = append(tp.Legs, shared(l))
	}
	sort.SliceStable(tp.Meetings, func(i, j int) bool {
		a, c := tp.Meetings[i], tp.Meetings[j]
		if !a.Start.Equal(c.Start) {
			return a.Start.Before(c.Start)
		}
		return a.Startup < c.Startup
	})
	tp.Legs = pl.shareRides(tp.Legs)
	sort.SliceStable(tp.Legs, func(i, j int) bool { return tp.Legs[i].Depart.Before(tp.Legs[j].Depart) })
	for _, l := range tp.Legs {
		tp.CO2Kg += l.CO2Kg
	}
	tp.CO2Kg = round3(tp.CO2Kg)
	tp.Score = round3(tp.Score)
	return tp
}

// own marks a local leg as one start-up's and rounds its emission.
func own(l Leg, startup string) Leg {
	l.Travellers = []string{startup}
	l.CO2Kg = round3(l.CO2Kg)
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

// shareRides merges local legs that several start-ups make at the same
// time between the same places into one leg: they share the taxi (its
// emission counted once) or walk together.
func (pl *planner) shareRides(legs []Leg) []Leg {
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
		if !pl.factors.PerVehicle(travel.Mode(l.Mode)) {
			m.CO2Kg = round3(m.CO2Kg + l.CO2Kg)
		}
	}
	return out
}
