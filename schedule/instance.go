package schedule

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule/optw"
	"github.com/crossmeet/crossmeet/travel"
)

// built is a solved instance of an option, with what is needed to turn
// it into a TripPlan.
type built struct {
	a       *attempt
	in      *optw.Instance
	sol     optw.Solution
	score   float64
	visited map[[2]string]bool
	nodes   []nodeInfo
	routeOf [][]int // start-up index -> its route indexes (1 or 2 days)
	places  []travel.Place
	// clashWith[node] is the node whose meeting with the same contact
	// took its time.
	clashWith map[int]int
	// locked are the nodes held at a lock's time (lock.go).
	locked map[int]bool
}

type nodeInfo struct {
	pair  match.Pair
	place int // index into built.places
}

// solve builds the optw instance of an attempt with the meetings of pool
// and solves it. The meetings in nextDay are required, on their
// start-up's second day (see secondDay). The search is bounded by the
// solver's iteration budget; ctx and its deadline are a safety net (see
// Plan).
func (pl *planner) solve(ctx context.Context, a *attempt, pool []match.Pair, round int, nextDay map[[2]string]bool) (*built, error) {
	p, t, st, o, f := pl.prog, a.trip, a.site, a.opt, a.frame
	b := &built{a: a, visited: map[[2]string]bool{}, clashWith: map[int]int{}, locked: map[int]bool{}}
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
			Windows:  pl.windows(pr.Contact, t.ID, days, f),
			Routes:   b.routeOf[index[pr.Startup]],
			Required: pinned(pl.pins[t.ID], pr),
		}
		locked := pl.lockNode(&n, a, pr, days, b.routeOf[index[pr.Startup]])
		if locked {
			b.locked[len(in.Nodes)] = true
		}
		if !locked && nextDay[[2]string{pr.Startup, pr.Contact}] && len(days) > 1 {
			n.Windows = pl.windows(pr.Contact, t.ID, days[1:], f)
			n.Routes = n.Routes[1:]
			n.Required = true
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
	seed := pl.seedFor(a, round)
	sol, err := pl.optw(ctx, in, seed)
	if errors.Is(err, optw.ErrInfeasible) && len(b.locked) > 0 {
		// The pins and locks together cannot be held: keep the locks.
		for i := range in.Nodes {
			in.Nodes[i].Required = b.locked[i]
		}
		sol, err = pl.optw(ctx, in, seed)
	}
	if errors.Is(err, optw.ErrInfeasible) {
		// A pinned meeting cannot be held on this option: plan the rest.
		for i := range in.Nodes {
			in.Nodes[i].Required = false
		}
		sol, err = pl.optw(ctx, in, seed)
	}
	// A contact meeting several start-ups of the trip is in one place at
	// a time: move apart the meetings the routes put at the same time.
	// On a train night, a start-up with nothing on the second day goes
	// home the first evening: its first day ends at the hub in time for
	// the last train home, and its second day is empty.
	for k, homes := 0, 0; err == nil; k++ {
		clash := b.clashes(sol, p.Meetings.Buffer, k >= clashRounds)
		if clash == 0 && homes < 2 && pl.sendHome(ctx, b, sol) {
			homes++
			clash++
		}
		if clash == 0 {
			break
		}
		sol, err = pl.optw(ctx, in, seed+uint64(k)+1)
	}
	if err != nil {
		if errors.Is(err, optw.ErrInfeasible) {
			return nil, fmt.Errorf("the days cannot be arranged (hotel or lunch break does not fit): %w", err)
		}
		return nil, fmt.Errorf("itinerary search: %w", err)
	}
	sol = b.keepTimes(pl, sol, p.Meetings.Buffer)
	b.sol = sol
	for _, route := range sol.Routes {
		for _, n := range route[1 : len(route)-1] {
			b.visited[[2]string{b.nodes[n].pair.Startup, b.nodes[n].pair.Contact}] = true
			b.score += in.Nodes[n].Value
		}
	}
	return b, nil
}

// sendHome changes the instance of a train night so that each start-up
// without a meeting on the second day ends its first day at the hub in
// time for the last train home that evening. It reports whether it
// changed anything.
func (pl *planner) sendHome(ctx context.Context, b *built, sol optw.Solution) bool {
	a := b.a
	if !a.opt.overnight || a.opt.mode != travel.Train {
		return false
	}
	f := a.frame
	changed := false
	for k := range a.trip.Startups {
		r0, r1 := b.routeOf[k][0], b.routeOf[k][1]
		if len(sol.Routes[r1]) > 2 || b.in.Routes[r0].End != optw.Hotel {
			continue
		}
		dep, ok := pl.lastTrainHome(ctx, a)
		if !ok {
			continue // build says why the option fails
		}
		day0 := &b.in.Routes[r0]
		day0.End, day0.Arrive = 0, down(f.minute(dep)-f.margin)
		if day0.Arrive < day0.Depart {
			day0.Arrive = day0.Depart
		}
		if br := day0.Break; br != nil {
			br.Latest = min(br.Latest, day0.Arrive)
			if br.Latest-br.Earliest < br.Duration {
				day0.Break = nil
			}
		}
		day1 := &b.in.Routes[r1]
		*day1 = optw.Route{Start: 0, End: 0, Depart: day1.Depart, Arrive: day1.Depart}
		changed = true
	}
	return changed
}

// lastTrainHome is the departure from the hub of the last train that
// brings a start-up home by back_by on the first day of a night away.
func (pl *planner) lastTrainHome(ctx context.Context, a *attempt) (time.Time, bool) {
	p, f, st := pl.prog, a.frame, a.site
	_, backClock := a.trip.Window()
	by := backClock.On(a.opt.date).Add(-time.Duration(f.access.minutes) * time.Minute)
	j, err := p.Feed.LatestDeparture(context.WithoutCancel(ctx), st.hub.StopID, st.originStation.StopID, by, travel.SearchOptions{})
	if err != nil || !j.Depart().After(f.arrive) {
		return time.Time{}, false
	}
	return j.Depart(), true
}

// The work budget of one itinerary search (per solver worker). A
// trip's instance is small (a few routes, at most a few dozen meetings),
// and on the demo and the random programmes the searches stop improving
// well within it; a budget in iterations, unlike one in time, gives the
// same plan on any machine.
var (
	solverIterations = 2000
	solverPatience   = 500
)

// clashRounds is how often solve moves clashing meetings apart before it
// gives up the lower-valued meeting of each clash.
const clashRounds = 3

// clashes finds the meetings of one contact that a solution puts at
// overlapping times (with the buffer between them) on different routes.
// For each clash it keeps the more valuable meeting and takes its time,
// with the buffer and the meeting's length, out of the other's windows;
// with drop, the other meeting loses every window instead. It returns
// the number of clashes.
func (b *built) clashes(sol optw.Solution, buffer time.Duration, drop bool) int {
	type visit struct {
		node  int
		start int64
	}
	byContact := map[string][]visit{}
	for r, route := range sol.Routes {
		for i, n := range route[1 : len(route)-1] {
			c := b.nodes[n].pair.Contact
			byContact[c] = append(byContact[c], visit{n, sol.Starts[r][i+1]})
		}
	}
	buf := int64(buffer / time.Minute)
	clashes := 0
	for _, c := range slices.Sorted(maps.Keys(byContact)) {
		vs := byContact[c]
		if len(vs) < 2 {
			continue
		}
		slices.SortFunc(vs, func(x, y visit) int {
			// A locked meeting keeps its time; the others move.
			if b.locked[x.node] != b.locked[y.node] {
				if b.locked[x.node] {
					return -1
				}
				return 1
			}
			if v := cmp.Compare(b.in.Nodes[y.node].Value, b.in.Nodes[x.node].Value); v != 0 {
				return v
			}
			return cmp.Compare(x.node, y.node)
		})
		var kept []visit
		for _, v := range vs {
			n := &b.in.Nodes[v.node]
			bad := false
			for _, k := range kept {
				s := b.in.Nodes[k.node].Service
				if v.start < k.start+s+buf && k.start < v.start+n.Service+buf {
					bad = true
					if drop {
						n.Windows = []optw.Window{{Open: -2, Close: -1}}
						n.Required = false
					} else {
						n.Windows = cut(n.Windows, k.start-buf-n.Service+1, k.start+s+buf-1)
					}
					b.clashWith[v.node] = k.node
				}
			}
			if bad {
				clashes++
			} else {
				kept = append(kept, v)
			}
		}
	}
	return clashes
}

// cut removes the start times from..to (inclusive) from windows.
func cut(ws []optw.Window, from, to int64) []optw.Window {
	var out []optw.Window
	for _, w := range ws {
		if w.Close < from || w.Open > to {
			out = append(out, w)
			continue
		}
		if w.Open < from {
			out = append(out, optw.Window{Open: w.Open, Close: from - 1})
		}
		if w.Close > to {
			out = append(out, optw.Window{Open: to + 1, Close: w.Close})
		}
	}
	if len(out) == 0 {
		return []optw.Window{{Open: -2, Close: -1}}
	}
	return out
}

// optw runs the solver with its default work budget, the time left
// before ctx's deadline as its safety net, and the seed of this solve;
// it notes when the safety net bound.
func (pl *planner) optw(ctx context.Context, in *optw.Instance, seed uint64) (optw.Solution, error) {
	opts := optw.Options{Seed: seed, MaxIterations: solverIterations, Patience: solverPatience}
	if d, ok := ctx.Deadline(); ok {
		opts.TimeLimit = max(time.Until(d), time.Millisecond)
	}
	sol, err := optw.Solve(ctx, in, opts)
	if err == nil && (sol.Stop == optw.Cancelled || sol.Stop == optw.TimeLimitReached) && pl.stop == "" {
		pl.stop = StopTimeLimit
		if errors.Is(ctx.Err(), context.Canceled) {
			pl.stop = StopCancelled
		}
	}
	return sol, err
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
// Meetings of the trip itself (when it is planned again) do not count.
func (pl *planner) free(contact string, day time.Time, trip string) []Interval {
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
	return Subtract(free, pl.ledger.booked(contact, trip, p.Meetings.Buffer))
}

// windows turns a contact's free time on the option's days into the
// solver's windows on the start of a meeting.
func (pl *planner) windows(contact, trip string, days []time.Time, f *frame) []optw.Window {
	dur := int64(pl.prog.Meetings.Duration / time.Minute)
	var out []optw.Window
	for _, day := range days {
		for _, iv := range pl.free(contact, day, trip) {
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
