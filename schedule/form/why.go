package form

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/schedule"
)

// result turns grouping g into trips with ids and explanations.
func (in *instance) result(ctx context.Context, g grouping, stop string) (*Result, error) {
	res := &Result{Why: map[string]string{}, Unplaced: in.unplaced, Stop: stop}
	g = slices.Clone(g)
	slices.SortFunc(g, func(a, b block) int {
		if c := a.day.Compare(b.day); c != 0 {
			return c
		}
		return strings.Compare(in.cands[a.members[0]].id, in.cands[b.members[0]].id)
	})
	used := map[string]bool{}
	for _, t := range in.prog.Trips {
		used[t.ID] = true
	}
	n := 0
	for _, b := range g {
		var id string
		for {
			n++
			if id = fmt.Sprintf("F%d", n); !used[id] {
				break
			}
		}
		t := in.trip(id, b.members, b.day)
		t.Why = in.why(ctx, g, b)
		res.Why[id] = t.Why
		res.Trips = append(res.Trips, t)
		res.Score += b.e.score
		res.CO2Kg += b.e.co2
		res.Meetings += b.e.meetings
	}
	res.Evaluations = in.evals
	return res, nil
}

// lookup returns the evaluation of group on day, planning it for the
// explanation when the cache lacks it and ctx has not ended (the budget
// does not bind explanations).
func (in *instance) lookup(ctx context.Context, group []int, day time.Time) *eval {
	if e, ok := in.cache[groupKey(in, group, day)]; ok {
		return e
	}
	if ctx.Err() != nil {
		return nil
	}
	e, err := in.plan(ctx, group, day)
	if err != nil {
		return nil
	}
	in.evals++
	in.cache[groupKey(in, group, day)] = e
	return e
}

func (in *instance) names(group []int) string {
	var ids []string
	for _, i := range group {
		ids = append(ids, in.cands[i].id)
	}
	switch len(ids) {
	case 1:
		return ids[0]
	case 2:
		return ids[0] + " and " + ids[1]
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1]
}

// meets says whom each member meets, "S01 meets C03 and C05; S02 meets C07".
func (in *instance) meets(group []int, e *eval) string {
	var parts []string
	for _, i := range group {
		id := in.cands[i].id
		cs := slices.Clone(e.met[id])
		slices.Sort(cs)
		if len(cs) == 0 {
			parts = append(parts, id+" meets no one")
			continue
		}
		parts = append(parts, id+" meets "+strings.Join(cs, ", "))
	}
	return strings.Join(parts, "; ")
}

// dayWhy says why b's day: the best of its common days, and the runner-up.
func (in *instance) dayWhy(b block) string {
	days := in.common(b.members)
	day := b.day.Format(time.DateOnly)
	if len(days) == 1 {
		return fmt.Sprintf("%s is the only day they can all travel", day)
	}
	var next *eval
	var nextDay time.Time
	for _, d := range days {
		if d.Equal(b.day) {
			continue
		}
		if e, ok := in.cache[groupKey(in, b.members, d)]; ok && e.ok && (next == nil || better(value{e.score, e.co2, e.meetings, 1}, value{next.score, next.co2, next.meetings, 1})) {
			next, nextDay = e, d
		}
	}
	s := fmt.Sprintf("%s is the best of %d possible days", day, len(days))
	if next != nil {
		s += fmt.Sprintf(" (next best %s: score %.2f, %d meetings, %.1f kg CO2)", nextDay.Format(time.DateOnly), next.score, next.meetings, next.co2)
	}
	return s
}

// why explains block b of grouping g.
func (in *instance) why(ctx context.Context, g grouping, b block) string {
	to := in.trip("", b.members, b.day).To
	day := b.day.Format(time.DateOnly)
	if len(b.members) > 1 {
		var apart, apartScore float64
		known := true
		for _, i := range b.members {
			e := in.lookup(ctx, []int{i}, b.day)
			if e == nil || !e.ok {
				known = false
				break
			}
			apart += e.co2
			apartScore += e.score
		}
		s := fmt.Sprintf("%s travel together to %s on %s", in.names(b.members), to, day)
		if known {
			if save := apart - b.e.co2; save > 0.05 {
				s += fmt.Sprintf(": sharing the journey saves %.1f kg CO2 (%.1f kg together, %.1f kg on separate trips that day)", save, b.e.co2, apart)
			} else {
				s += fmt.Sprintf(": %.1f kg CO2 together, %.1f kg on separate trips that day", b.e.co2, apart)
			}
			s += fmt.Sprintf(", score %.2f together against %.2f apart", b.e.score, apartScore)
			if b.e.score-apartScore <= eps && apart-b.e.co2 <= 0.05 {
				s += fmt.Sprintf(": the same meetings and emissions on one trip instead of %d", len(b.members))
			}
		}
		return s + "; " + in.meets(b.members, b.e) + " that day; " + in.dayWhy(b) + "."
	}
	x := b.members[0]
	c := in.cands[x]
	s := fmt.Sprintf("%s travels alone to %s on %s", c.id, to, day)
	var same, noDay, full []string
	var join *block
	for _, o := range g {
		if o.members[0] == x {
			continue
		}
		oc := in.cands[o.members[0]]
		if oc.key != c.key {
			continue
		}
		m := union(o.members, []int{x})
		switch {
		case len(m) > in.prog.TripsAuto.Max():
			full = append(full, in.names(o.members))
		case !slices.ContainsFunc(c.dates, o.day.Equal):
			noDay = append(noDay, in.names(o.members))
		default:
			same = append(same, in.names(o.members))
			e := in.lookup(ctx, m, o.day)
			if e != nil && e.ok {
				if join == nil || better(value{e.score - o.e.score, e.co2 - o.e.co2, e.meetings, 1}, value{join.e.score, join.e.co2, join.e.meetings, 1}) {
					// join.e holds the gain of joining, not a trip's figures
					gain := &eval{score: e.score - o.e.score, co2: e.co2 - o.e.co2, meetings: e.meetings - o.e.meetings}
					join = &block{members: o.members, day: o.day, e: gain}
				}
			}
		}
	}
	switch {
	case join != nil:
		s += fmt.Sprintf(": joining %s on %s would add score %.2f and %.1f kg CO2 to their trip, against score %.2f and %.1f kg CO2 on its own",
			in.names(join.members), join.day.Format(time.DateOnly), join.e.score, join.e.co2, b.e.score, b.e.co2)
	case len(noDay) > 0:
		s += fmt.Sprintf(": %s also go there but on a day it cannot travel", strings.Join(noDay, "; "))
	case len(full) > 0:
		s += fmt.Sprintf(": the groups going there (%s) are full (at most %d start-ups)", strings.Join(full, "; "), in.prog.TripsAuto.Max())
	case len(same) == 0:
		s += fmt.Sprintf(": no other start-up of %s goes there", regionOf(in.prog, c))
	}
	return s + "; " + in.meets(b.members, b.e) + "; " + in.dayWhy(b) + "."
}

func regionOf(p *schedule.Program, c candidate) string {
	if p.TripsAuto.SameRegion {
		return c.home
	}
	s, _ := p.Startup(c.id)
	return s.Country
}
