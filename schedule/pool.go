package schedule

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule/optw"
	"github.com/crossmeet/crossmeet/travel"
)

// evaluate plans one option of a trip: it finds the main journeys, the
// meetings' pool, and packs them with the solver, refilling the pool
// with the next-best contacts when some found no place. Why the option
// cannot be made goes to a.opt.err; the error returned is a failure of
// the planner's input or its own, which ends planning.
func (pl *planner) evaluate(ctx context.Context, a *attempt) error {
	o, st := a.opt, a.site
	f, err := pl.frame(ctx, a)
	if err != nil {
		o.err = err
		return nil
	}
	a.frame = f
	if o.overnight && len(st.hotels) == 0 {
		o.err = fmt.Errorf("no hotel within %.0f km of %s in places.csv", Radius, st.hub.Name)
		return nil
	}
	excluded := map[[2]string]bool{}
	keep := append([]match.Pair(nil), a.keep...)
	var best *built
	o.tried = map[[2]string]string{}
	wins := pl.windowCache(a)
	for round := 0; round < refills; round++ {
		pool, err := pl.pool(ctx, a, excluded, keep)
		if err != nil {
			return err
		}
		if len(pool) == 0 && best != nil {
			break
		}
		b, err := pl.solve(ctx, a, pool, round, nil)
		if errors.Is(err, optw.ErrInfeasible) {
			o.err = err
			return nil
		}
		if err != nil {
			return err
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
				o.tried[k] = pl.reason(b, pr)
			}
			pl.excludeLike(b, pr, excluded, wins)
			failed++
		}
		if failed == 0 {
			break
		}
	}
	if o.overnight {
		nb, err := pl.secondDay(ctx, a, best, excluded, wins)
		if err != nil {
			return err
		}
		if nb != nil {
			for _, pr := range nb.pool() {
				k := [2]string{pr.Startup, pr.Contact}
				if _, ok := o.tried[k]; !ok && !nb.visited[k] {
					o.tried[k] = pl.reason(nb, pr)
				}
			}
			best = nb
		}
	}
	for k := range best.visited {
		delete(o.tried, k)
	}
	tp, err := best.plan(ctx, pl, a)
	if err != nil {
		o.err = err
		return nil
	}
	o.plan = tp
	o.score, o.co2 = tp.Score, tp.CO2Kg
	return nil
}

// refills bounds the rounds of an option's search: each round tries the
// best pool the contacts left allow, and the pairs that found no place
// are not tried again, so the rounds end when every pair of a pool finds
// a place or no new pair is left. The bound is work, not time.
const refills = 8

// pool picks the meetings to try on a trip: the best assignment of the
// trip's start-ups to the contacts at the destination, within what the
// contacts have left after the other planned trips and the reservations
// of the trips still to plan (a contact may meet several start-ups of
// the trip, within their capacity), keeping the pairs in keep and the
// pins the programme-level assignment gave the trip. Pins that cannot
// all be honoured (match.ErrPinned) are dropped; any other error of the
// assignment is returned. The assignment is bounded work and runs to its
// end whatever ctx says.
func (pl *planner) pool(ctx context.Context, a *attempt, excluded map[[2]string]bool, keep []match.Pair) ([]match.Pair, error) {
	ctx = context.WithoutCancel(ctx)
	p, t, st := pl.prog, a.trip, a.site
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
	isPin := map[[2]string]bool{}
	for _, pin := range pl.pins[t.ID] {
		isPin[pin] = true
	}
	for _, k := range keep {
		opts.Pinned = append(opts.Pinned, [2]string{k.Startup, k.Contact})
	}
	for _, pin := range pl.pins[t.ID] {
		if !excluded[pin] && !slices.ContainsFunc(keep, func(k match.Pair) bool { return k.Startup == pin[0] && k.Contact == pin[1] }) {
			opts.Pinned = append(opts.Pinned, pin)
		}
	}
	for _, sid := range t.Startups {
		s, _ := p.Startup(sid)
		startups = append(startups, *s)
		opts.MaxFor[sid] = max(p.Meetings.Max-pl.ledger.count(sid, t.ID), 0)
		for _, pr := range pl.pairs[sid] {
			if excluded[[2]string{pr.Startup, pr.Contact}] {
				continue
			}
			if _, ok := st.meetAt[pr.Contact]; !ok {
				continue
			}
			left, ok := opts.CapacityFor[pr.Contact]
			if !ok {
				left = pl.capLeft(pr.Contact, t.ID)
			}
			if left <= 0 {
				continue
			}
			pairs = append(pairs, pr)
			if !seen[pr.Contact] {
				seen[pr.Contact] = true
				contacts = append(contacts, *pl.contacts[pr.Contact])
				opts.CapacityFor[pr.Contact] = left
			}
		}
	}
	// A pin need not be a scored match: its contact joins the pool all
	// the same when it is here with time left.
	for _, pin := range opts.Pinned {
		if _, here := st.meetAt[pin[1]]; here && !seen[pin[1]] && contains(t.Startups, pin[0]) && !excluded[pin] {
			if left := pl.capLeft(pin[1], t.ID); left > 0 {
				seen[pin[1]] = true
				contacts = append(contacts, *pl.contacts[pin[1]])
				opts.CapacityFor[pin[1]] = left
			}
		}
	}
	// Pins and kept pairs whose contact has no time left on this trip
	// cannot be tried.
	var pins [][2]string
	for _, pin := range opts.Pinned {
		if contains(t.Startups, pin[0]) && seen[pin[1]] {
			pins = append(pins, pin)
		}
	}
	opts.Pinned = pins
	if len(pairs) == 0 {
		return nil, nil
	}
	as, err := match.Assign(ctx, startups, contacts, pairs, opts)
	if errors.Is(err, match.ErrPinned) {
		// Conflicting pins: plan without them rather than fail.
		opts.Pinned = nil
		as, err = match.Assign(ctx, startups, contacts, pairs, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("choosing the meetings to try: %w", err)
	}
	// Pairs kept from an earlier round were pinned only to keep them:
	// give them back their own reasons.
	for i, m := range as.Meetings {
		for _, k := range keep {
			if k.Startup == m.Startup && k.Contact == m.Contact && !isPin[[2]string{m.Startup, m.Contact}] {
				as.Meetings[i] = k
			}
		}
	}
	return as.Meetings, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// A windowCache holds an attempt's windows of each contact it asked
// about: on all the option's days, and on the second day of a night.
type windowCache struct {
	pl          *planner
	a           *attempt
	days        []time.Time
	all, second map[string][]optw.Window
}

func (pl *planner) windowCache(a *attempt) *windowCache {
	days := []time.Time{a.opt.date}
	if a.opt.overnight {
		days = append(days, a.opt.date.AddDate(0, 0, 1))
	}
	return &windowCache{pl: pl, a: a, days: days, all: map[string][]optw.Window{}, second: map[string][]optw.Window{}}
}

// on is contact c's windows on the option's days.
func (w *windowCache) on(c string) []optw.Window {
	ws, ok := w.all[c]
	if !ok {
		ws = w.pl.windows(c, w.a.trip.ID, w.days, w.a.frame)
		w.all[c] = ws
	}
	return ws
}

// next is contact c's windows on the second day of a night away.
func (w *windowCache) next(c string) []optw.Window {
	if len(w.days) < 2 {
		return nil
	}
	ws, ok := w.second[c]
	if !ok {
		ws = w.pl.windows(c, w.a.trip.ID, w.days[1:], w.a.frame)
		w.second[c] = ws
	}
	return ws
}

// within reports whether every window of ws lies inside one of outer.
func within(ws, outer []optw.Window) bool {
	for _, w := range ws {
		if !slices.ContainsFunc(outer, func(o optw.Window) bool { return o.Open <= w.Open && w.Close <= o.Close }) {
			return false
		}
	}
	return true
}

// excludeLike excludes, together with a pool pair pr that found no
// place, the start-up's other pairs that can do no better: a contact
// met at the same place, free at no time pr's contact is not, scoring
// no more. The solver found no place for pr, so it has none for a
// meeting that is no better; trying such pairs one round after the
// other would only spend the refills (a contact list with many alike
// contacts, or the same contacts twice, has many) before the round that
// reaches a different contact. A pair whose meeting clashed with
// another start-up's meeting of the same contact is not like the
// others (a different contact does not clash), nor is a pin.
func (pl *planner) excludeLike(b *built, pr match.Pair, excluded map[[2]string]bool, wins *windowCache) {
	node := b.nodeOf(pr)
	if node == 0 {
		return
	}
	if _, clash := b.clashWith[node]; clash {
		return
	}
	a := b.a
	at := a.site.meetAt[pr.Contact]
	n := b.in.Nodes[node]
	for _, q := range pl.pairs[pr.Startup] {
		k := [2]string{q.Startup, q.Contact}
		if q.Contact == pr.Contact || q.Score > pr.Score || excluded[k] || b.visited[k] || pinned(pl.pins[a.trip.ID], q) {
			continue
		}
		if qat, here := a.site.meetAt[q.Contact]; !here || qat.ID != at.ID {
			continue
		}
		ws := wins.on(q.Contact)
		if !within(ws, n.Windows) {
			continue
		}
		excluded[k] = true
		if _, ok := a.opt.tried[k]; !ok {
			like := n
			like.Windows = ws
			if len(ws) == 0 {
				like.Windows = []optw.Window{{Open: -2, Close: -1}}
			}
			a.opt.tried[k] = pl.reasonAt(b, q, node, like)
		}
	}
}

// pool is the meetings the instance of b was built from.
func (b *built) pool() []match.Pair {
	var out []match.Pair
	for _, n := range b.nodes {
		if n.pair.Startup != "" {
			out = append(out, n.pair)
		}
	}
	return out
}

// secondDayTries bounds how many start-ups of a train group secondDay
// tries to give a meeting on the second day.
const secondDayTries = 3

// secondDay makes a night away keep its rule where the best packing of
// an overnight option does not: nobody stays a night without a meeting
// the next day (in a car group every start-up has one; in a train group
// at least one does, and the others go home the first evening). When
// many contacts are free on the first day, the pool's best packing puts
// every meeting there, and the night would be refused although a plan
// with a meeting on the second day exists. secondDay solves the option
// again with a meeting required on the second day for each start-up
// that needs one (a train group: for one start-up, trying up to
// secondDayTries of them, best candidate first): the start-up's best
// pool pair whose contact is free that day, else its best pair outside
// the pool that is, in place of its lowest pool pair when its pool is
// full. It returns the first such solution that keeps the rule, or nil
// when best keeps it already or none is found.
func (pl *planner) secondDay(ctx context.Context, a *attempt, best *built, excluded map[[2]string]bool, wins *windowCache) (*built, error) {
	if best == nil {
		return nil, nil
	}
	car := a.opt.mode == travel.Car
	var lacking []int
	for k := range a.trip.Startups {
		if !best.secondDayOf(k) {
			lacking = append(lacking, k)
		}
	}
	if len(lacking) == 0 || !car && len(lacking) < len(a.trip.Startups) {
		return nil, nil
	}
	pool := best.pool()
	var picks []dayPick
	for _, k := range lacking {
		p, ok := pl.nextDayPick(a, pool, k, wins)
		if !ok {
			if car {
				return nil, nil
			}
			continue
		}
		picks = append(picks, p)
	}
	keeps := func(b *built) bool {
		n := 0
		for k := range a.trip.Startups {
			if b.secondDayOf(k) {
				n++
			}
		}
		return car && n == len(a.trip.Startups) || !car && n > 0
	}
	try := func(i int, ps []dayPick) (*built, error) {
		drop, force := map[[2]string]bool{}, map[[2]string]bool{}
		var next []match.Pair
		for _, p := range ps {
			force[[2]string{p.pair.Startup, p.pair.Contact}] = true
			if p.drop != nil {
				drop[*p.drop] = true
			}
			if p.add {
				next = append(next, p.pair)
			}
		}
		for _, pr := range pool {
			if !drop[[2]string{pr.Startup, pr.Contact}] {
				next = append(next, pr)
			}
		}
		b, err := pl.solve(ctx, a, next, refills+i, force)
		if errors.Is(err, optw.ErrInfeasible) {
			return nil, nil
		}
		if err != nil || !keeps(b) {
			return nil, err
		}
		return b, nil
	}
	if car {
		return try(0, picks)
	}
	slices.SortStableFunc(picks, func(x, y dayPick) int { return cmp.Compare(y.pair.Score, x.pair.Score) })
	for i, p := range picks[:min(len(picks), secondDayTries)] {
		if b, err := try(i, []dayPick{p}); err != nil || b != nil {
			return b, err
		}
	}
	return nil, nil
}

// A dayPick is a meeting to require on a start-up's second day: a pool
// pair, or one added to the pool (add), then maybe in place of one of
// the start-up's pool pairs (drop).
type dayPick struct {
	pair match.Pair
	add  bool
	drop *[2]string
}

// secondDayOf reports whether start-up k has a meeting on the second day.
func (b *built) secondDayOf(k int) bool {
	rs := b.routeOf[k]
	return len(rs) > 1 && len(b.sol.Routes[rs[1]]) > 2
}

// nextDayPick chooses the meeting secondDay requires on start-up k's
// second day; false when it has none to give.
func (pl *planner) nextDayPick(a *attempt, pool []match.Pair, k int, wins *windowCache) (dayPick, bool) {
	p, t, st := pl.prog, a.trip, a.site
	sid := t.Startups[k]
	var mine []match.Pair
	inPool := map[[2]string]bool{}
	for _, pr := range pool {
		inPool[[2]string{pr.Startup, pr.Contact}] = true
		if pr.Startup == sid {
			mine = append(mine, pr)
		}
	}
	var pick *match.Pair
	for i, pr := range mine {
		if len(wins.next(pr.Contact)) > 0 && (pick == nil || pr.Score > pick.Score) {
			pick = &mine[i]
		}
	}
	if pick != nil {
		return dayPick{pair: *pick}, true
	}
	room := max(p.Meetings.Max-pl.ledger.count(sid, t.ID), 0)
	if room == 0 {
		return dayPick{}, false
	}
	for _, pr := range pl.pairs[sid] {
		if inPool[[2]string{pr.Startup, pr.Contact}] || pinned(p.Matching.Forbid, pr) {
			continue
		}
		if _, here := st.meetAt[pr.Contact]; !here || len(wins.next(pr.Contact)) == 0 {
			continue
		}
		if pl.capLeft(pr.Contact, t.ID) <= countContactPairs(pool, pr.Contact) {
			continue
		}
		out := dayPick{pair: pr, add: true}
		if len(mine) >= room {
			var low *match.Pair
			for i, m := range mine {
				if !pinned(pl.pins[t.ID], m) && (low == nil || m.Score < low.Score) {
					low = &mine[i]
				}
			}
			if low == nil {
				return dayPick{}, false
			}
			out.drop = &[2]string{low.Startup, low.Contact}
		}
		return out, true
	}
	return dayPick{}, false
}

func countContactPairs(pool []match.Pair, c string) int {
	n := 0
	for _, pr := range pool {
		if pr.Contact == c {
			n++
		}
	}
	return n
}
