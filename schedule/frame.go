package schedule

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/crossmeet/crossmeet/travel"
)

// frame is an option's fixed travel: when the group is at the hub, and
// how it got there and gets back.
type frame struct {
	t0       time.Time // midnight of the first day: minute 0
	arrive   time.Time // at the hub
	leave    time.Time // from the hub
	out, ret []Leg     // main legs, travellers filled in later
	margin   int64     // minutes to be back at the hub before leave
	backBy   time.Time
	// access is the local move between the trip's origin and its
	// station (no minutes when the origin is the station).
	access move
	// carKm is the road distance between the origin and the hub, for
	// the all-car figure.
	carKm float64
}

func (f *frame) minute(t time.Time) int64 { return int64(t.Sub(f.t0) / time.Minute) }
func (f *frame) at(m int64) time.Time     { return f.t0.Add(time.Duration(m) * time.Minute) }

// frame finds the main journeys of an attempt's option. The journey
// searches are bounded work and run to their end whatever ctx says.
func (pl *planner) frame(ctx context.Context, a *attempt) (*frame, error) {
	ctx = context.WithoutCancel(ctx)
	p, t, st, o := pl.prog, a.trip, a.site, a.opt
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
		noTime := err == nil && !o.overnight && ret.Depart().Sub(out.Arrive()) < p.Meetings.Duration
		if err != nil || ret.Depart().Before(out.Arrive()) || noTime {
			// Say when the first train back after a meeting would be home.
			first := out.Arrive().Add(p.Meetings.Duration)
			if o.overnight {
				first = p.Meetings.DayStart.On(last).Add(p.Meetings.Duration)
			}
			if late, lerr := p.Feed.EarliestArrival(ctx, to.StopID, from.StopID, first, travel.SearchOptions{Window: 18 * time.Hour}); lerr == nil && sameDay(late.Depart(), last) {
				return nil, fmt.Errorf("the first train back after a meeting leaves %s at %s and arrives in %s at %s, after back_by %s", to.Name, clockOf(late.Depart()), from.Name, clockOf(late.Arrive().Add(time.Duration(access.minutes)*time.Minute)), backByClock(t))
			}
			return nil, fmt.Errorf("no train gets back from %s to %s by %s after a meeting", to.Name, from.Name, backByClock(t))
		}
		if o.overnight && sameDay(ret.Depart(), o.date) {
			return nil, fmt.Errorf("no train back from %s on %s", to.Name, last.Format("2006-01-02"))
		}
		f.arrive, f.leave, f.margin, f.access = out.Arrive(), ret.Depart(), trainMargin, access
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
	if drive, err := pl.road.Leg(travel.Car, st.origin, to, after); err == nil {
		f.carKm = drive.Km
	}
	return f, nil
}

func backByClock(t *Trip) Clock {
	_, b := t.Window()
	return b
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
