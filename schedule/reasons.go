package schedule

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/internal/wording"
	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule/optw"
)

// reason says why a pool pair found no place in this solution.
func (pl *planner) reason(b *built, pr match.Pair) string {
	node := b.nodeOf(pr)
	return pl.reasonAt(b, pr, node, b.in.Nodes[node])
}

// nodeOf is the instance's node of a pool pair (0 when it has none).
func (b *built) nodeOf(pr match.Pair) int {
	for i, n := range b.nodes {
		if n.pair.Startup == pr.Startup && n.pair.Contact == pr.Contact && i > 0 {
			return i
		}
	}
	return 0
}

// reasonAt says why pair pr found no place in this solution, for a
// meeting n at the place of the instance's node (n is that node, or a
// meeting like it with its own windows).
func (pl *planner) reasonAt(b *built, pr match.Pair, node int, n optw.Node) string {
	f := b.a.frame
	c := pl.contacts[pr.Contact]
	who := fmt.Sprintf("%s (%s)", c.Name, pr.Contact)
	if other, ok := b.clashWith[node]; ok {
		o := b.nodes[other].pair
		return fmt.Sprintf("%s meets %s at the only time both are free on this trip", who, o.Startup)
	}
	if len(n.Windows) == 0 || n.Windows[0].Close < 0 {
		var days []string
		for _, r := range b.routeOf[0] {
			days = append(days, f.at(b.in.Routes[r].Depart).Format("2006-01-02"))
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
				return fmt.Sprintf("the day is full: %s is free %s, but better-scoring meetings take that time", who, pl.freeText(f, n.Windows))
			}
		}
	}
	if f.margin > 0 {
		return fmt.Sprintf("%s is free only %s: no train gets back by %s after that meeting", who, pl.freeText(f, n.Windows), clockOf(f.backBy))
	}
	return fmt.Sprintf("%s is free only %s: outside the hours the trip is there", who, pl.freeText(f, n.Windows))
}

func (pl *planner) freeText(f *frame, ws []optw.Window) string {
	var parts []string
	for _, w := range ws {
		parts = append(parts, fmt.Sprintf("%s-%s", clockOf(f.at(w.Open)), clockOf(f.at(w.Close+int64(pl.prog.Meetings.Duration/time.Minute)))))
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

// unscheduled lists the trip's matches that found no place: the pool
// pairs the chosen option could not hold, and the start-ups' wished-for
// contacts that were never tried, each with its reason.
func (pl *planner) unscheduled(a *attempt) []Unscheduled {
	t, st, o := a.trip, a.site, a.opt
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
	taken := map[string][]string{}
	for _, m := range o.plan.Meetings {
		taken[m.Contact] = append(taken[m.Contact], m.Startup)
	}
	for _, sid := range t.Startups {
		for _, pr := range pl.pairs[sid] {
			k := [2]string{pr.Startup, pr.Contact}
			if len(pr.Wishes()) == 0 || tried[k] {
				continue
			}
			c := pl.contacts[pr.Contact]
			who := fmt.Sprintf("%s (%s)", c.Name, c.ID)
			var why string
			switch {
			case pinned(pl.prog.Matching.Forbid, pr):
				continue
			case pl.capLeft(pr.Contact, t.ID) <= 0:
				why = pl.atCapacity(c, t.ID)
			case pl.capLeft(pr.Contact, t.ID) <= len(taken[pr.Contact]):
				why = fmt.Sprintf("%s meets %s on this trip, all the meetings they have left", who, strings.Join(taken[pr.Contact], " and "))
			default:
				if _, here := st.meetAt[pr.Contact]; !here {
					where := "elsewhere"
					if at, ok := pl.contactPlace(c); ok {
						where = "at " + at.Name
					}
					why = fmt.Sprintf("%s is %s, not near %s where this trip goes", who, where, st.hub.Name)
				} else if pl.ledger.count(sid, t.ID)+countFor(o.plan.Meetings, sid) >= pl.prog.Meetings.Max {
					why = fmt.Sprintf("%s already has the maximum of %d meetings", sid, pl.prog.Meetings.Max)
				} else {
					why = fmt.Sprintf("%s was not proposed: better matches fill %s's day", who, sid)
				}
			}
			out = append(out, Unscheduled{Startup: sid, Contact: pr.Contact, Reason: fmt.Sprintf("wish %d: %s", pr.Wishes()[0], why)})
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

// atCapacity says where a contact's meetings went: to other planned
// trips, or reserved for trips that gain more from them.
func (pl *planner) atCapacity(c *match.Contact, trip string) string {
	var to []string
	for _, id := range slices.Sorted(maps.Keys(pl.ledger.trips)) {
		if id == trip {
			continue
		}
		for _, m := range pl.ledger.trips[id] {
			if m.Contact == c.ID {
				to = append(to, fmt.Sprintf("%s on trip %s", m.Startup, id))
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(pl.reserved.trips)) {
		if n := pl.reserved.trips[id][c.ID]; n > 0 && id != trip {
			to = append(to, fmt.Sprintf("%s reserved for trip %s, which gains more from them", wording.Plural(n, "meeting"), id))
		}
	}
	return fmt.Sprintf("%s (%s) is at capacity (%d): %s", c.Name, c.ID, pl.prog.Capacity(c), joinAnd(to))
}

// shortfalls notes every travelling start-up below the programme's
// minimum number of meetings.
func (pl *planner) shortfalls(plan *Plan) {
	min := pl.prog.Meetings.Min
	for i := range plan.Trips {
		tp := &plan.Trips[i]
		tp.BelowMinimum = []string{}
		for _, s := range tp.Startups {
			if n := pl.ledger.count(s, ""); n < min {
				tp.BelowMinimum = append(tp.BelowMinimum, s)
				tp.Unscheduled = append(tp.Unscheduled, Unscheduled{
					Startup: s,
					Reason:  fmt.Sprintf("%s has %d of the minimum %d meetings: too few matching contacts are free on this trip", s, n, min),
				})
			}
		}
	}
}
