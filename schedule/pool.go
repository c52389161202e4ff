package schedule

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule/optw"
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
	for round := 0; round < refills; round++ {
		pool, err := pl.pool(ctx, a, excluded, keep)
		if err != nil {
			return err
		}
		if len(pool) == 0 && best != nil {
			break
		}
		b, err := pl.solve(ctx, a, pool, round)
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
			failed++
		}
		if failed == 0 {
			break
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
