package schedule

import (
	"fmt"
	"sort"
	"time"

	"github.com/crossmeet/crossmeet/travel"
)

// plan turns a solved option into the trip's plan: main legs shared by
// all travellers, each start-up's local legs and meetings, and the hotel.
func (b *built) plan(pl *planner, t *Trip, st *site, o *option, f *frame) *TripPlan {
	p := pl.prog
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

// unscheduled lists the trip's matches that found no place: the pool
// pairs the chosen option could not hold, and the start-ups' wished-for
// contacts that were never tried, each with its reason.
func (pl *planner) unscheduled(t *Trip, st *site, o *option) []Unscheduled {
	var out []Unscheduled
	for k, why := range o.tried {
		out = append(out, Unscheduled{Startup: k[0], Contact: k[1], Reason: why})
	}
	tried := map[[2]string]bool{}
	for k := range o.tried {
		tried[k] = true
	}
	for _, m := range o.plan.Meetings {
		tried[[2]string{m.Startup, m.Contact}] = true
	}
	taken := map[string]string{}
	for _, m := range o.plan.Meetings {
		taken[m.Contact] = m.Startup
	}
	for _, sid := range t.Startups {
		for _, pr := range pl.pairs[sid] {
			k := [2]string{pr.Startup, pr.Contact}
			if len(pr.Wishes) == 0 || tried[k] {
				continue
			}
			c := pl.contacts[pr.Contact]
			who := fmt.Sprintf("%s (%s)", c.Name, c.ID)
			var why string
			switch {
			case pinned(pl.prog.Matching.Forbid, pr):
				continue
			case pl.capLeft[pr.Contact] <= 0:
				why = fmt.Sprintf("%s is at capacity: all of their meetings in the programme are taken", who)
			case taken[pr.Contact] != "":
				why = fmt.Sprintf("%s meets %s on this trip", who, taken[pr.Contact])
			default:
				if _, here := st.meetAt[pr.Contact]; !here {
					where := "elsewhere"
					if at, ok := pl.contactPlace(c); ok {
						where = "at " + at.Name
					}
					why = fmt.Sprintf("%s is %s, not near %s where this trip goes", who, where, st.hub.Name)
				} else if pl.count[sid]+countFor(o.plan.Meetings, sid) >= pl.prog.Meetings.Max {
					why = fmt.Sprintf("%s already has the maximum of %d meetings", sid, pl.prog.Meetings.Max)
				} else {
					why = fmt.Sprintf("%s was not proposed: better matches fill %s's day", who, sid)
				}
			}
			out = append(out, Unscheduled{Startup: sid, Contact: pr.Contact, Reason: fmt.Sprintf("wish %d: %s", pr.Wishes[0], why)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Startup != out[j].Startup {
			return out[i].Startup < out[j].Startup
		}
		return out[i].Contact < out[j].Contact
	})
	return out
}

func countFor(ms []Meeting, startup string) int {
	n := 0
	for _, m := range ms {
		if m.Startup == startup {
			n++
		}
	}
	return n
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
