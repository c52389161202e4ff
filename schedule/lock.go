package schedule

import (
	"fmt"
	"slices"
	"time"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule/optw"
)

// Locked meetings and the times of an earlier plan.
//
// A Lock (Program.Locked: program.yaml locked, or a meeting everybody
// accepted) is a meeting that must stay exactly where it is. The planner
// pins its pair on the start-up's trip that can be away on the lock's
// day, and on every option of that trip whose days include it the
// meeting's node gets the one start time of the lock, on that day's
// route, as a required visit. Of a trip's options, those holding the
// most locks are chosen from (a night away that holds a lock the day
// trips cannot is not ruled out by Travel.NightGain). A lock the plan
// cannot hold is listed in Plan.LocksNotHeld with the reason.
//
// Options.Previous are the meetings of the plan being revised (the
// invitations already sent). A meeting still planned keeps its start
// when the itinerary allows it: after each solve, the planner narrows
// each such meeting's windows to its earlier time, one by one in route
// order, keeping each narrowing that leaves the routes feasible and the
// contact in one place at a time. Of the options that keep
// Travel.KeepScore of the best score, one keeping more earlier times is
// preferred to one with lower emissions, so that a re-plan changes as
// little as it can.

// lockKey is the pair a lock or an earlier meeting is for.
func lockKey(startup, contact string) [2]string { return [2]string{startup, contact} }

// setLocks reads Program.Locked and Options.Previous into the planner.
// The first lock of a pair counts; Validate rejects two.
func (pl *planner) setLocks(p *Program, prev []Lock) {
	pl.locks, pl.lockAt = map[[2]string]Lock{}, map[[2]string]time.Time{}
	for _, l := range p.Locked {
		k := lockKey(l.Startup, l.Contact)
		if _, dup := pl.locks[k]; !dup {
			pl.locks[k], pl.lockAt[k] = l, l.Start
		}
	}
	pl.prev = map[[2]string]time.Time{}
	for _, l := range prev {
		pl.prev[lockKey(l.Startup, l.Contact)] = l.Start
	}
}

// lockTripFor returns the trip that is to hold a lock: the first trip
// (in planning order) of its start-up that may be away on the lock's day
// (a candidate date, or the day after one when the trip may stay a
// night) and goes where the contact is. When there is none, why says so.
func (pl *planner) lockTripFor(l Lock, jobs []*job) (trip, why string) {
	day := l.Start.In(pl.prog.Zone).Format("2006-01-02")
	var on []string
	for _, j := range jobs {
		if !contains(j.trip.Startups, l.Startup) {
			continue
		}
		if !j.trip.Away(l.Start.In(pl.prog.Zone)) {
			on = append(on, fmt.Sprintf("trip %s is not away on %s", j.trip.ID, day))
			continue
		}
		if j.err != nil {
			on = append(on, fmt.Sprintf("trip %s cannot be made", j.trip.ID))
			continue
		}
		if _, here := j.site.meetAt[l.Contact]; !here {
			on = append(on, fmt.Sprintf("trip %s goes to %s", j.trip.ID, j.site.hub.Name))
			continue
		}
		return j.trip.ID, ""
	}
	if len(on) == 0 {
		return "", fmt.Sprintf("%s is on no trip of the programme", l.Startup)
	}
	return "", joinAnd(on)
}

// lockNode makes n, the node of pair pr on attempt a with the given days
// and routes, hold its lock: one start time on the lock's day's route,
// required. It reports false (n unchanged) when pr has no lock on this
// trip, the option is not away that day, or the contact is not free then.
func (pl *planner) lockNode(n *optw.Node, a *attempt, pr match.Pair, days []time.Time, routes []int) bool {
	k := lockKey(pr.Startup, pr.Contact)
	l, ok := pl.locks[k]
	if !ok || pl.lockTrip[k] != a.trip.ID {
		return false
	}
	day := l.Start.In(pl.prog.Zone).Format("2006-01-02")
	for d, dd := range days {
		if dd.Format("2006-01-02") != day || d >= len(routes) {
			continue
		}
		m := a.frame.minute(l.Start)
		ws := pl.windows(pr.Contact, a.trip.ID, days[d:d+1], a.frame)
		if !slices.ContainsFunc(ws, func(w optw.Window) bool { return w.Open <= m && m <= w.Close }) {
			return false
		}
		n.Windows = []optw.Window{{Open: m, Close: m}}
		n.Routes = []int{routes[d]}
		n.Required = true
		return true
	}
	return false
}

// held counts the locks a trip plan holds: meetings of the locked pair
// at the locked start.
func (pl *planner) held(tp *TripPlan) int { return atStart(tp, pl.lockAt) }

// keptTimes counts the meetings of a trip plan that keep their earlier
// start (Options.Previous).
func (pl *planner) keptTimes(tp *TripPlan) int { return atStart(tp, pl.prev) }

// atStart counts the meetings of tp that start when starts says their
// pair does.
func atStart(tp *TripPlan, starts map[[2]string]time.Time) int {
	if tp == nil {
		return 0
	}
	n := 0
	for _, m := range tp.Meetings {
		if t, ok := starts[lockKey(m.Startup, m.Contact)]; ok && t.Equal(m.Start) {
			n++
		}
	}
	return n
}

// keepTimes moves the meetings of sol that an earlier plan had on the
// same route's day back to their earlier start where the routes allow
// it, one at a time in route order, and returns the re-timed solution.
// A narrowing that makes a route infeasible, or puts a contact in two
// meetings at once, is undone.
func (b *built) keepTimes(pl *planner, sol optw.Solution, buffer time.Duration) optw.Solution {
	if len(pl.prev) == 0 {
		return sol
	}
	f := b.a.frame
	for r, route := range sol.Routes {
		for i := 1; i < len(route)-1; i++ {
			node := route[i]
			pr := b.nodes[node].pair
			t, ok := pl.prev[lockKey(pr.Startup, pr.Contact)]
			if !ok {
				continue
			}
			m := f.minute(t)
			if sol.Starts[r][i] == m || !f.at(m).Equal(t) {
				continue
			}
			n := &b.in.Nodes[node]
			if !slices.ContainsFunc(n.Windows, func(w optw.Window) bool { return w.Open <= m && m <= w.Close }) {
				continue
			}
			old := n.Windows
			n.Windows = []optw.Window{{Open: m, Close: m}}
			next, err := b.in.Timed(sol.Routes)
			if err != nil || !b.oneAtATime(next, buffer) {
				n.Windows = old
				continue
			}
			sol = next
		}
	}
	return sol
}

// oneAtATime reports whether no contact is in two meetings of sol at
// once (with the buffer between them).
func (b *built) oneAtATime(sol optw.Solution, buffer time.Duration) bool {
	type visit struct{ start, service int64 }
	buf := int64(buffer / time.Minute)
	byContact := map[string][]visit{}
	for r, route := range sol.Routes {
		for i, n := range route[1 : len(route)-1] {
			c := b.nodes[n].pair.Contact
			v := visit{sol.Starts[r][i+1], b.in.Nodes[n].Service}
			for _, k := range byContact[c] {
				if v.start < k.start+k.service+buf && k.start < v.start+v.service+buf {
					return false
				}
			}
			byContact[c] = append(byContact[c], v)
		}
	}
	return true
}

// locksNotHeld lists the locks no trip plan holds, with the reason.
func (pl *planner) locksNotHeld(plan *Plan) []Unscheduled {
	out := []Unscheduled{}
	at := map[[2]string]time.Time{}
	trip := map[string]*TripPlan{}
	for i := range plan.Trips {
		tp := &plan.Trips[i]
		trip[tp.ID] = tp
		for _, m := range tp.Meetings {
			at[lockKey(m.Startup, m.Contact)] = m.Start
		}
	}
	for _, l := range pl.prog.Locked {
		k := lockKey(l.Startup, l.Contact)
		if pl.locks[k] != l {
			continue // a second lock of the pair
		}
		if t, ok := at[k]; ok && t.Equal(l.Start) {
			continue
		}
		when := l.Start.In(pl.prog.Zone).Format("2006-01-02 15:04")
		reason := pl.lockWhy[k]
		if reason == "" {
			reason = pl.lockReason(l, trip[pl.lockTrip[k]])
		}
		if t, ok := at[k]; ok {
			reason += fmt.Sprintf("; planned instead at %s", t.In(pl.prog.Zone).Format("2006-01-02 15:04"))
		}
		out = append(out, Unscheduled{Startup: l.Startup, Contact: l.Contact, Reason: fmt.Sprintf("locked at %s: %s", when, reason)})
	}
	return out
}

// lockReason says why the trip plan tp does not hold lock l.
func (pl *planner) lockReason(l Lock, tp *TripPlan) string {
	if tp == nil {
		return "its trip cannot be made"
	}
	day := l.Start.In(pl.prog.Zone).Format("2006-01-02")
	last := tp.Date
	if tp.Overnight {
		d, _ := time.ParseInLocation("2006-01-02", tp.Date, pl.prog.Zone)
		last = d.AddDate(0, 0, 1).Format("2006-01-02")
	}
	if day != tp.Date && day != last {
		return fmt.Sprintf("trip %s goes on %s, and no option away on %s could be made", tp.ID, tp.Date, day)
	}
	c := pl.contacts[l.Contact]
	free := false
	d, _ := time.ParseInLocation("2006-01-02", day, pl.prog.Zone)
	end := l.Start.Add(pl.prog.Meetings.Duration)
	for _, iv := range pl.free(l.Contact, d, tp.ID) {
		if !iv.Start.After(l.Start) && !iv.End.Before(end) {
			free = true
		}
	}
	if !free {
		return fmt.Sprintf("%s (%s) is no longer free then", c.Name, c.ID)
	}
	return fmt.Sprintf("trip %s's day cannot hold it then (the journey, lunch or the other locked meetings)", tp.ID)
}
