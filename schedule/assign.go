package schedule

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/crossmeet/crossmeet/match"
)

// assign is the programme-level assignment: one match.Assign over every
// start-up of every trip that can be made, each pair allowed only where
// the contact is at the trip's destination and free on one of its days.
// It reserves each contact's meetings for the trips that gain most from
// them, and decides which trip holds each pin. Start-ups enter once per
// trip they are on (as "trip/start-up"), so a start-up on two trips is
// two suppliers; a contact may go to several start-ups of one trip, up
// to their capacity.
func (pl *planner) assign(ctx context.Context, jobs []*job) error {
	p := pl.prog
	pl.pinWhy = map[[2]string]string{}
	const sep = "\x1f"
	var startups []match.Startup
	var pairs []match.Pair
	tripOf := map[string]string{}
	for _, j := range jobs {
		if j.err != nil {
			continue
		}
		for _, sid := range j.trip.Startups {
			s, _ := p.Startup(sid)
			id := j.trip.ID + sep + sid
			tripOf[id] = j.trip.ID
			cp := *s
			cp.ID = id
			startups = append(startups, cp)
			for _, pr := range pl.pairs[sid] {
				if _, here := j.site.meetAt[pr.Contact]; !here || pinned(p.Matching.Forbid, pr) || !pl.freeOnTrip(pr.Contact, j.trip) {
					continue
				}
				pr.Startup = id
				pairs = append(pairs, pr)
			}
		}
	}
	// A locked meeting is pinned on the trip away on its day; a pin
	// goes to the first trip that can hold it.
	pl.lockTrip, pl.lockWhy = map[[2]string]string{}, map[[2]string]string{}
	for _, l := range p.Locked {
		k := lockKey(l.Startup, l.Contact)
		if pl.locks[k] != l {
			continue
		}
		if id, why := pl.lockTripFor(l, jobs); why != "" {
			pl.lockWhy[k] = why
		} else {
			pl.lockTrip[k] = id
		}
	}
	var pins [][2]string
	for _, pin := range p.Matching.Pin {
		id, why := pl.lockTrip[pin], ""
		if id == "" {
			id, why = pl.pinTrip(pin, jobs)
		}
		if why != "" {
			pl.pinWhy[pin] = why
			continue
		}
		pins = append(pins, [2]string{id + sep + pin[0], pin[1]})
	}
	for _, l := range p.Locked {
		k := lockKey(l.Startup, l.Contact)
		if id, ok := pl.lockTrip[k]; ok && pl.locks[k] == l && !slices.Contains(p.Matching.Pin, k) {
			pins = append(pins, [2]string{id + sep + k[0], k[1]})
		}
	}
	opts := match.AssignOptions{
		Capacity: p.Matching.Capacity,
		Min:      p.Meetings.Min,
		Max:      p.Meetings.Max,
		Fair:     p.Matching.Fair,
		Pinned:   pins,
	}
	as, err := match.Assign(ctx, startups, p.Contacts, pairs, opts)
	if errors.Is(err, match.ErrPinned) {
		// Not every pin can be held: add them one at a time, keeping
		// those that still leave an assignment.
		opts.Pinned = nil
		for _, pin := range pins {
			try := opts
			try.Pinned = append(append([][2]string(nil), opts.Pinned...), pin)
			if _, perr := match.Assign(ctx, startups, p.Contacts, pairs, try); perr != nil {
				if !errors.Is(perr, match.ErrPinned) {
					return fmt.Errorf("assigning meetings to trips: %w", perr)
				}
				_, s, _ := strings.Cut(pin[0], sep)
				pl.pinWhy[[2]string{s, pin[1]}] = fmt.Sprintf("cannot be held with the other pins: %v", perr)
				continue
			}
			opts.Pinned = try.Pinned
		}
		as, err = match.Assign(ctx, startups, p.Contacts, pairs, opts)
	}
	if err != nil {
		return fmt.Errorf("assigning meetings to trips: %w", err)
	}
	for _, m := range as.Meetings {
		trip := tripOf[m.Startup]
		pl.reserved.add(trip, m.Contact)
	}
	for _, pin := range opts.Pinned {
		trip := tripOf[pin[0]]
		_, s, _ := strings.Cut(pin[0], sep)
		pl.pins[trip] = append(pl.pins[trip], [2]string{s, pin[1]})
	}
	return nil
}

// pinTrip returns the trip that is to hold a pin: the first trip (in
// planning order) of the pinned start-up that goes where the contact is.
// When there is none, why says so.
func (pl *planner) pinTrip(pin [2]string, jobs []*job) (trip, why string) {
	var on []*job
	for _, j := range jobs {
		if contains(j.trip.Startups, pin[0]) {
			on = append(on, j)
		}
	}
	c := pl.contacts[pin[1]]
	if len(on) == 0 {
		return "", fmt.Sprintf("%s is on no trip of the programme", pin[0])
	}
	var places []string
	for _, j := range on {
		if j.err != nil {
			places = append(places, fmt.Sprintf("trip %s cannot be made", j.trip.ID))
			continue
		}
		if _, here := j.site.meetAt[pin[1]]; !here {
			places = append(places, fmt.Sprintf("trip %s goes to %s", j.trip.ID, j.site.hub.Name))
			continue
		}
		if !pl.freeOnTrip(pin[1], j.trip) {
			places = append(places, fmt.Sprintf("%s (%s) is not free on the dates of trip %s", c.Name, c.ID, j.trip.ID))
			continue
		}
		return j.trip.ID, ""
	}
	where := "elsewhere"
	if at, ok := pl.contactPlace(c); ok {
		where = "at " + at.Name
	}
	return "", fmt.Sprintf("%s (%s) is %s; %s", c.Name, c.ID, where, joinAnd(places))
}

// freeOnTrip reports whether contact c is free for a meeting on one of
// the days a trip may be away.
func (pl *planner) freeOnTrip(c string, t *Trip) bool {
	dur := pl.prog.Meetings.Duration
	for _, d := range t.Dates {
		days := []int{0}
		if t.Overnight != NoOvernight {
			days = append(days, 1)
		}
		for _, k := range days {
			for _, iv := range pl.free(c, d.AddDate(0, 0, k), t.ID) {
				if iv.End.Sub(iv.Start) >= dur {
					return true
				}
			}
		}
	}
	return false
}

// pinsNotHeld lists the pins that no planned trip holds, with the reason.
func (pl *planner) pinsNotHeld(plan *Plan, jobs []*job) []Unscheduled {
	out := []Unscheduled{}
	held := map[[2]string]bool{}
	why := map[[2]string]string{}
	for _, tp := range plan.Trips {
		for _, m := range tp.Meetings {
			held[[2]string{m.Startup, m.Contact}] = true
		}
		for _, u := range tp.Unscheduled {
			k := [2]string{u.Startup, u.Contact}
			if _, ok := why[k]; !ok {
				why[k] = fmt.Sprintf("trip %s: %s", tp.ID, u.Reason)
			}
		}
	}
	for _, pin := range pl.prog.Matching.Pin {
		if held[pin] {
			continue
		}
		reason := pl.pinWhy[pin]
		if reason == "" {
			reason = why[pin]
		}
		if reason == "" {
			reason = "no itinerary of its trip could hold it"
		}
		out = append(out, Unscheduled{Startup: pin[0], Contact: pin[1], Reason: reason})
	}
	return out
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	out := ""
	for i, p := range parts {
		switch {
		case i == 0:
			out = p
		case i == len(parts)-1:
			out += " and " + p
		default:
			out += ", " + p
		}
	}
	return out
}
