package travel

import (
	"fmt"
	"strconv"
)

// Transfer rules of transfers.txt (GTFS reference, transfers.txt):
//
//	transfer_type 0  recommended transfer point: the default change time
//	transfer_type 1  timed: the departing vehicle waits, no change time
//	transfer_type 2  min_transfer_time seconds are needed
//	transfer_type 3  no transfer possible
//	transfer_type 4  in-seat: the rider stays on board from from_trip_id
//	                 to to_trip_id
//	transfer_type 5  in-seat not allowed: the rider must alight and
//	                 board again (an ordinary change)
//
// A rule between two stops (no trip or route ids) sets the change time
// of that pair of stops; a rule for a station covers its platforms, and a
// platform's rule wins over its station's. A rule naming from/to trips
// or routes applies to a traveller arriving on that trip (or a trip of
// that route) and leaving on that trip (or route), and wins over the
// stops' rule. Types 1, 2 and 0 with trips or routes let the search board
// the named trip at the rule's time even when the stops' change time
// would be too long; type 3 stops the traveller's arrival on the named
// trip from being used to board the other (the search keeps the earliest
// arrival per stop, so a later arrival by another trip that could have
// been used instead is not looked for); type 4 continues in the seat,
// like consecutive trips of one block_id; type 5 cancels that
// continuation.

type ruleKind uint8

const (
	ruleTimed     ruleKind = iota // dur seconds (0 for type 1, useDefault for type 0)
	ruleForbidden                 // type 3
	ruleInSeat                    // type 4
	ruleNoInSeat                  // type 5
)

type specialRule struct {
	fromTrip, fromRoute int32 // trips.txt row, routes.txt row; -1 any
	toTrip, toRoute     int32
	fromStop, toStop    int32 // -1 any; a station covers its platforms
	kind                ruleKind
	dur                 int32
}

type specialRules struct {
	rules                   []specialRule
	byFromTrip, byFromRoute map[int32][]int32
	byToTrip, byToRoute     map[int32][]int32
}

func (sr *specialRules) add(r specialRule) {
	if sr.byFromTrip == nil {
		sr.byFromTrip, sr.byFromRoute = map[int32][]int32{}, map[int32][]int32{}
		sr.byToTrip, sr.byToRoute = map[int32][]int32{}, map[int32][]int32{}
	}
	i := int32(len(sr.rules))
	sr.rules = append(sr.rules, r)
	switch {
	case r.fromTrip >= 0:
		sr.byFromTrip[r.fromTrip] = append(sr.byFromTrip[r.fromTrip], i)
	case r.fromRoute >= 0:
		sr.byFromRoute[r.fromRoute] = append(sr.byFromRoute[r.fromRoute], i)
	}
	switch {
	case r.toTrip >= 0:
		sr.byToTrip[r.toTrip] = append(sr.byToTrip[r.toTrip], i)
	case r.toRoute >= 0:
		sr.byToRoute[r.toRoute] = append(sr.byToRoute[r.toRoute], i)
	}
}

// stopMatch reports whether rule stop rs (-1 any, possibly a station)
// covers stop s (-1 any: noInSeat asks for a rule at any stop).
func (f *Feed) stopMatch(rs, s int32) bool {
	return rs < 0 || s < 0 || rs == s || f.parent[s] == rs
}

func (sr *specialRules) fromMatch(f *Feed, r *specialRule, x int32) bool {
	t := &f.trips[x]
	return (r.fromTrip < 0 || r.fromTrip == t.tmpl) && (r.fromRoute < 0 || r.fromRoute == t.route)
}

func (sr *specialRules) toMatch(f *Feed, r *specialRule, y int32) bool {
	t := &f.trips[y]
	return (r.toTrip < 0 || r.toTrip == t.tmpl) && (r.toRoute < 0 || r.toRoute == t.route)
}

// outgoing calls fn for each rule that leaves trip x at stop a.
func (sr *specialRules) outgoing(f *Feed, x, a int32, fn func(r *specialRule)) {
	t := &f.trips[x]
	for _, list := range [2][]int32{sr.byFromTrip[t.tmpl], sr.byFromRoute[t.route]} {
		for _, i := range list {
			r := &sr.rules[i]
			if f.stopMatch(r.fromStop, a) && sr.fromMatch(f, r, x) {
				fn(r)
			}
		}
	}
}

// incoming calls fn for each rule that enters trip y at stop b.
func (sr *specialRules) incoming(f *Feed, y, b int32, fn func(r *specialRule)) {
	t := &f.trips[y]
	for _, list := range [2][]int32{sr.byToTrip[t.tmpl], sr.byToRoute[t.route]} {
		for _, i := range list {
			r := &sr.rules[i]
			if f.stopMatch(r.toStop, b) && sr.toMatch(f, r, y) {
				fn(r)
			}
		}
	}
}

// overrides reports whether a rule from trip x at stop a to trip y at
// stop b (timed, minimum time or not possible) replaces the stops'
// change rule for that traveller.
func (sr *specialRules) overrides(f *Feed, x, a, y, b int32) bool {
	if f.trips[y].flags&tripRuleIn == 0 || x < 0 {
		return false
	}
	found := false
	sr.incoming(f, y, b, func(r *specialRule) {
		if (r.kind == ruleTimed || r.kind == ruleForbidden) && f.stopMatch(r.fromStop, a) && sr.fromMatch(f, r, x) {
			found = true
		}
	})
	return found
}

// noInSeat reports whether a type 5 rule forbids staying seated from
// trip x into trip y.
func (sr *specialRules) noInSeat(f *Feed, x, y int32) bool {
	if f.trips[y].flags&tripRuleIn == 0 {
		return false
	}
	found := false
	sr.incoming(f, y, -1, func(r *specialRule) {
		if r.kind == ruleNoInSeat && sr.fromMatch(f, r, x) {
			found = true
		}
	})
	return found
}

func (l *loader) transfers(t *table) error {
	if err := t.Require("from_stop_id", "to_stop_id"); err != nil {
		return err
	}
	f := l.f
	f.rules = map[[2]int32]int32{}
	type rule struct {
		from, to int32
		d        int32
		station  bool
		line     int
	}
	var rules []rule
	for err := range t.Rows() {
		if err != nil {
			return err
		}
		var d int32
		var kind ruleKind
		tt := t.Get("transfer_type")
		switch tt {
		case "", "0":
			d = defaultChange
		case "1":
			d = 0
		case "2":
			s := t.Get("min_transfer_time")
			v, err := strconv.ParseUint(s, 10, 24)
			if err != nil {
				return t.Errorf("min_transfer_time", ErrBadValue, "want seconds for transfer_type 2, got %q", s)
			}
			d = int32(v)
		case "3":
			d, kind = noTransfer, ruleForbidden
		case "4":
			kind = ruleInSeat
		case "5":
			kind = ruleNoInSeat
		default:
			return t.Errorf("transfer_type", ErrBadValue, "want 0 to 5, got %q", tt)
		}
		var ends [2]int32
		for i, col := range [2]string{"from_stop_id", "to_stop_id"} {
			ends[i] = -1
			id := t.Get(col)
			if id == "" {
				if tt == "4" || tt == "5" {
					continue
				}
				return t.Errorf(col, ErrBadValue, "transfer_type %s needs a stop", tt)
			}
			s, ok := f.stopIndex[id]
			if !ok {
				return t.Errorf(col, ErrUnknownReference, "stop %q is not in stops.txt", id)
			}
			ends[i] = s
		}
		var ids [4]int32 // from trip, from route, to trip, to route
		special, skip := false, false
		for i, col := range [4]string{"from_trip_id", "from_route_id", "to_trip_id", "to_route_id"} {
			ids[i] = -1
			id := t.Get(col)
			if id == "" {
				continue
			}
			special = true
			var ok bool
			if i%2 == 0 {
				ids[i], ok = l.tripIndex[id]
				if !ok && l.skipped[id] {
					skip = true // a trip not kept
					continue
				}
				if ok && !f.rides(ids[i]) {
					// Dropped as bad (stop_times.txt warned) or with
					// fewer than two stop times: the rule leads nowhere.
					skip = true
					continue
				}
			} else {
				ids[i], ok = l.routeIdx[id]
			}
			if !ok {
				if err := l.warn(t.Errorf(col, ErrUnknownReference, "%q is not defined; rule ignored", id)); err != nil {
					return err
				}
				skip = true
			}
		}
		if (tt == "4" || tt == "5") && (ids[0] < 0 || ids[2] < 0) && !skip {
			if err := l.warn(t.Errorf("from_trip_id", ErrBadValue, "transfer_type %s needs from_trip_id and to_trip_id; rule ignored", tt)); err != nil {
				return err
			}
			continue
		}
		if skip {
			continue
		}
		if special {
			f.special.add(specialRule{fromTrip: ids[0], fromRoute: ids[1], toTrip: ids[2], toRoute: ids[3], fromStop: ends[0], toStop: ends[1], kind: kind, dur: d})
			continue
		}
		st := f.locType[ends[0]] == 1 || f.locType[ends[1]] == 1
		rules = append(rules, rule{ends[0], ends[1], d, st, t.Line()})
	}
	for i := range f.trips {
		tr := &f.trips[i]
		if len(f.special.byToTrip[tr.tmpl]) > 0 || len(f.special.byToRoute[tr.route]) > 0 {
			tr.flags |= tripRuleIn
		}
		if len(f.special.byFromTrip[tr.tmpl]) > 0 || len(f.special.byFromRoute[tr.route]) > 0 {
			tr.flags |= tripRuleOut
		}
	}
	// A rule for a station applies to all its platforms; a rule for a
	// platform wins over its station's.
	children := map[int32][]int32{}
	for i, p := range f.parent {
		if p >= 0 && f.locType[p] == 1 {
			children[p] = append(children[p], int32(i))
		}
	}
	members := func(s int32) []int32 {
		if f.locType[s] != 1 {
			return []int32{s}
		}
		return children[s]
	}
	pairs := 0
	for _, pass := range [2]bool{true, false} {
		for _, r := range rules {
			if r.station != pass {
				continue
			}
			from, to := members(r.from), members(r.to)
			n := len(from) * len(to)
			if pairs+n > transferPairs {
				err := &ParseError{File: t.File(), Line: r.line, Field: "from_stop_id", Err: fmt.Errorf(
					"the rule joins %d pairs of platforms, past the %d pairs the rules of a feed may join in all; rule ignored: %w", n, transferPairs, ErrBadValue)}
				if err := l.warn(err); err != nil {
					return err
				}
				continue
			}
			pairs += n
			for _, a := range from {
				for _, b := range to {
					f.rules[[2]int32{a, b}] = r.d
				}
			}
		}
	}
	return nil
}

// MaxTransferPairs bounds the pairs of stops the rules of transfers.txt
// join in one feed, a rule between two stations counting every pair of
// their platforms: a national feed's rules join a few million; 10,000
// rules between stations of 1,000 platforms would join 10 billion.
const MaxTransferPairs = 10_000_000

// transferPairs is MaxTransferPairs; tests lower it.
var transferPairs = MaxTransferPairs
