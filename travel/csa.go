package travel

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
)

// SearchOptions tune a timetable query. The zero value works.
type SearchOptions struct {
	// MinChange is the time needed to change trains at a station when
	// transfers.txt says nothing about the pair of stops; zero means
	// DefaultMinChange.
	MinChange time.Duration
	// MaxTransfers bounds the changes of a journey; zero means no limit.
	// Pareto searches at most DefaultParetoTransfers changes when it is
	// zero. Values above 100 count as 100.
	MaxTransfers int
	// Window bounds the search: connections leaving more than Window
	// after the departure time (or arriving more than Window before the
	// arrival deadline) are not scanned. Zero means 24 hours; it is
	// capped at 30 days.
	Window time.Duration
	// Factors gives the emissions of routes without their own factor.
	Factors Factors
}

// Defaults of SearchOptions.
const (
	DefaultMinChange       = 3 * time.Minute
	DefaultParetoTransfers = 8
	defaultWindow          = 24 * time.Hour
	maxWindow              = 30 * 24 * time.Hour
	maxLayers              = 102
)

// A label remembers how a stop was reached: the trip instance ridden
// (connections enter to exit, in slot) and the stop walked from (via).
// In forward searches k is the number of trips before this one; in
// backward searches the layer used at the exit stop, or -1 when the
// trip reaches the target.
type label struct {
	enter, exit int32
	via         int32
	slot        int8
	k           int8
}

// A slot is one service day scanned by a query: its connections are the
// feed's, shifted by off seconds relative to the query time.
type slot struct {
	day  int32
	base int64 // Unix time of noon minus 12 h
	off  int32
	cur  int
}

// search is the reusable state of one query.
type search struct {
	f         *Feed
	layers    int
	unbounded bool
	change    int32
	origin    int64 // Unix time the relative times count from
	nStops    int

	time   []int32 // layers × stops
	lab    []label
	tripK  []int8 // slots × trips
	tripC  []int32
	tripV  []int8
	active []bool // slots × services
	isSrc  []bool
	isTgt  []bool
	best   []int32 // by layer
	bestL  []label
	slots  []slot
	src    []int32
	tgt    []int32
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// newSearch takes a state from the pool and prepares it for a query at
// Unix time origin between the stop groups src and tgt.
func (f *Feed) newSearch(src, tgt []int32, origin int64, opts SearchOptions, pareto bool) *search {
	s := f.pool.Get().(*search)
	s.f = f
	s.nStops = len(f.stops)
	s.origin = origin
	s.change = int32(DefaultMinChange / time.Second)
	if opts.MinChange > 0 {
		s.change = int32(min(opts.MinChange, 24*time.Hour) / time.Second)
	}
	m := opts.MaxTransfers
	if pareto && m == 0 {
		m = DefaultParetoTransfers
	}
	s.unbounded = m <= 0
	s.layers = 1
	if !s.unbounded {
		s.layers = min(m+2, maxLayers)
	}
	n := s.layers * s.nStops
	s.time = grow(s.time, n)
	s.lab = grow(s.lab, n)
	s.isSrc = grow(s.isSrc, s.nStops)
	s.isTgt = grow(s.isTgt, s.nStops)
	clear(s.isSrc)
	clear(s.isTgt)
	s.best = grow(s.best, s.layers)
	s.bestL = grow(s.bestL, s.layers)
	s.src, s.tgt = src, tgt
	for _, i := range src {
		s.isSrc[i] = true
	}
	for _, i := range tgt {
		s.isTgt[i] = true
	}
	return s
}

func (f *Feed) release(s *search) {
	s.src, s.tgt = nil, nil
	f.pool.Put(s)
}

// dayOf returns the day number (days since 1970-01-01) of the local date
// of Unix time t in the feed's zone.
func (f *Feed) dayOf(t int64) int32 {
	y, m, d := time.Unix(t, 0).In(f.loc).Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// baseOf returns the Unix time of noon minus 12 hours on day, the origin
// of GTFS times (it differs from midnight on days the clocks change).
func (f *Feed) baseOf(day int32) int64 {
	t := time.Unix(int64(day)*86400, 0).UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, f.loc).Add(-12 * time.Hour).Unix()
}

// setSlots chooses the service days whose trips may run within
// [lo, hi] (Unix times) and marks the services running on each.
func (s *search) setSlots(lo, hi int64) {
	f := s.f
	s.slots = s.slots[:0]
	first := f.dayOf(lo) - f.maxTime/86400 - 1
	last := f.dayOf(hi) + 1
	for d := first; d <= last; d++ {
		b := f.baseOf(d)
		if b+int64(f.maxTime) < lo || b > hi {
			continue
		}
		s.slots = append(s.slots, slot{day: d, base: b, off: int32(b - s.origin)})
	}
	nSvc := len(f.services)
	s.active = grow(s.active, len(s.slots)*nSvc)
	for i, sl := range s.slots {
		for j := range f.services {
			s.active[i*nSvc+j] = f.services[j].runs(sl.day)
		}
	}
	nt := len(s.slots) * len(f.trips)
	s.tripK = grow(s.tripK, nt)
	s.tripC = grow(s.tripC, nt)
	s.tripV = grow(s.tripV, nt)
	for i := range s.tripK {
		s.tripK[i] = -1
	}
}

func (s *search) dur(fp footpath) int32 {
	if fp.dur == useDefault {
		return s.change
	}
	return fp.dur
}

// forward runs the Connection Scan Algorithm from the sources, leaving
// at the origin or later, up to window seconds later. It stops once no
// connection can improve best[stop].
func (s *search) forward(ctx context.Context, window int32, stop int) error {
	f := s.f
	for i := range s.time {
		s.time[i] = math.MaxInt32
	}
	for j := range s.best {
		s.best[j] = math.MaxInt32
	}
	for _, p := range s.src {
		for j := 0; j < s.layers; j++ {
			s.time[j*s.nStops+int(p)] = 0
			s.lab[j*s.nStops+int(p)] = label{enter: -1, via: p}
		}
	}
	s.setSlots(s.origin, s.origin+int64(window))
	for i := range s.slots {
		off := s.slots[i].off
		s.slots[i].cur = sort.Search(len(f.byDep), func(k int) bool { return f.byDep[k].dep+off >= 0 })
	}
	nTrips, nSvc, nStops := len(f.trips), len(f.services), s.nStops
	maxPrior := 0
	if !s.unbounded {
		maxPrior = s.layers - 2
	}
	conns := f.byDep
	for n := 0; ; n++ {
		if n&0x3fff == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		bs, bd := -1, int32(math.MaxInt32)
		for i := range s.slots {
			if c := s.slots[i].cur; c < len(conns) {
				if d := conns[c].dep + s.slots[i].off; d < bd {
					bs, bd = i, d
				}
			}
		}
		if bs < 0 || bd > window || bd >= s.best[stop] {
			return nil
		}
		idx := s.slots[bs].cur
		s.slots[bs].cur++
		c := &conns[idx]
		if !s.active[bs*nSvc+int(c.svc)] {
			continue
		}
		ts := bs*nTrips + int(c.trip)
		k := int(s.tripK[ts])
		if c.flags&noBoard == 0 {
			for i := 0; i <= maxPrior && (k < 0 || i < k); i++ {
				if s.time[i*nStops+int(c.from)] <= bd {
					k = i
					s.tripK[ts], s.tripC[ts] = int8(i), int32(idx)
					break
				}
			}
		}
		if k < 0 || c.flags&noAlight != 0 {
			continue
		}
		a := c.arr + s.slots[bs].off
		layer := 0
		if !s.unbounded {
			layer = k + 1
		}
		lb := label{enter: s.tripC[ts], exit: int32(idx), via: c.to, slot: int8(bs), k: int8(k)}
		if s.isTgt[c.to] {
			for j := layer; j < s.layers && a < s.best[j]; j++ {
				s.best[j], s.bestL[j] = a, lb
			}
		}
		for _, fp := range f.out[c.to] {
			b := a + s.dur(fp)
			for j := layer; j < s.layers; j++ {
				i := j*nStops + int(fp.stop)
				if b >= s.time[i] {
					break
				}
				s.time[i], s.lab[i] = b, lb
			}
		}
	}
}

// backward runs the Connection Scan Algorithm backwards from the
// targets, arriving at the origin or earlier and departing at most
// window seconds before it. It stops once no connection can improve
// best[stop], the latest departure.
func (s *search) backward(ctx context.Context, window int32, stop int) error {
	f := s.f
	for i := range s.time {
		s.time[i] = math.MinInt32
	}
	for j := range s.best {
		s.best[j] = math.MinInt32
	}
	s.setSlots(s.origin-int64(window), s.origin)
	conns := f.byArr
	for i := range s.slots {
		off := s.slots[i].off
		s.slots[i].cur = sort.Search(len(conns), func(k int) bool { return conns[k].arr+off > 0 }) - 1
	}
	nTrips, nSvc, nStops := len(f.trips), len(f.services), s.nStops
	maxNext := 0
	if !s.unbounded {
		maxNext = s.layers - 2
	}
	for n := 0; ; n++ {
		if n&0x3fff == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		bs, ba := -1, int32(math.MinInt32)
		for i := range s.slots {
			if c := s.slots[i].cur; c >= 0 {
				if a := conns[c].arr + s.slots[i].off; a > ba {
					bs, ba = i, a
				}
			}
		}
		if bs < 0 || ba < -window || ba <= s.best[stop] {
			return nil
		}
		idx := s.slots[bs].cur
		s.slots[bs].cur--
		c := &conns[idx]
		if !s.active[bs*nSvc+int(c.svc)] {
			continue
		}
		ts := bs*nTrips + int(c.trip)
		k := int(s.tripK[ts])
		if c.flags&noAlight == 0 && k != 1 && !(s.unbounded && k == 0) {
			if s.isTgt[c.to] {
				k = 1
				if s.unbounded {
					k = 0
				}
				s.tripK[ts], s.tripC[ts], s.tripV[ts] = int8(k), int32(idx), -1
			} else {
				for i := 0; i <= maxNext && (k < 0 || i+1 < k); i++ {
					if s.time[i*nStops+int(c.to)] >= ba {
						k = i + 1
						if s.unbounded {
							k = 0
						}
						s.tripK[ts], s.tripC[ts], s.tripV[ts] = int8(k), int32(idx), int8(i)
						break
					}
				}
			}
		}
		if k < 0 || c.flags&noBoard != 0 {
			continue
		}
		d := c.dep + s.slots[bs].off
		if d < -window {
			continue
		}
		layer := k
		lb := label{enter: int32(idx), exit: s.tripC[ts], via: c.from, slot: int8(bs), k: s.tripV[ts]}
		if s.isSrc[c.from] {
			for j := layer; j < s.layers && d > s.best[j]; j++ {
				s.best[j], s.bestL[j] = d, lb
			}
		}
		for _, fp := range f.in[c.from] {
			x := d - s.dur(fp)
			for j := layer; j < s.layers; j++ {
				i := j*nStops + int(fp.stop)
				if x <= s.time[i] {
					break
				}
				s.time[i], s.lab[i] = x, lb
			}
		}
	}
}

// tripLeg returns the leg riding trip from stop time a to stop time b
// on the service day whose base is base.
func (f *Feed) tripLeg(tr int32, a, b int32, base int64, fac Factors) Leg {
	t := &f.trips[tr]
	r := &f.routes[t.route]
	from, to := f.stops[f.stStop[a]], f.stops[f.stStop[b]]
	km := float64(f.stKm[b] - f.stKm[a])
	kg := fac.Kg(r.mode, km)
	if r.gPerPkm >= 0 {
		kg = r.gPerPkm * km / 1000
	}
	return Leg{
		Mode: r.mode, From: from.ID, To: to.ID, FromName: from.Name, ToName: to.Name,
		Depart:  time.Unix(base+int64(f.stDep[a]), 0).In(f.loc),
		Arrive:  time.Unix(base+int64(f.stArr[b]), 0).In(f.loc),
		Km:      km,
		CO2Kg:   kg,
		Service: t.id,
		Route:   r.name,
	}
}

// walkLeg returns the change on foot from stop a to stop b, or false
// when both are the same stop or platforms of one station.
func (f *Feed) walkLeg(a, b int32, depart int64, dur int32) (Leg, bool) {
	if a == b || (f.parent[a] >= 0 && f.parent[a] == f.parent[b]) {
		return Leg{}, false
	}
	sa, sb := f.stops[a], f.stops[b]
	return Leg{
		Mode: Walk, From: sa.ID, To: sb.ID, FromName: sa.Name, ToName: sb.Name,
		Depart: time.Unix(depart, 0).In(f.loc),
		Arrive: time.Unix(depart+int64(dur), 0).In(f.loc),
		Km:     haversine(sa.Lat, sa.Lon, sb.Lat, sb.Lon) * DefaultDetour,
	}, true
}

func (s *search) footDur(a, b int32) int32 {
	for _, fp := range s.f.out[a] {
		if fp.stop == b {
			return s.dur(fp)
		}
	}
	return s.change
}

func (s *search) layerOf(k int8) int {
	if s.unbounded {
		return 0
	}
	return int(k)
}

// forwardJourney rebuilds the journey ending with label lb of a forward
// search.
func (s *search) forwardJourney(lb label, fac Factors) Journey {
	f := s.f
	var rev []Leg
	for {
		c1, c2 := &f.byDep[lb.enter], &f.byDep[lb.exit]
		rev = append(rev, f.tripLeg(c1.trip, c1.st, c2.st+1, s.slots[lb.slot].base, fac))
		p := c1.from
		l := s.layerOf(lb.k)
		prev := s.lab[l*s.nStops+int(p)]
		d := s.footDur(prev.via, p)
		boardAt := s.origin + int64(s.time[l*s.nStops+int(p)])
		if w, ok := f.walkLeg(prev.via, p, boardAt-int64(d), d); ok {
			rev = append(rev, w)
		}
		if prev.enter < 0 {
			break
		}
		lb = prev
	}
	legs := make([]Leg, len(rev))
	for i, l := range rev {
		legs[len(rev)-1-i] = l
	}
	return Journey{Legs: legs}
}

// backwardJourney rebuilds the journey starting with label lb of a
// backward search.
func (s *search) backwardJourney(lb label, fac Factors) Journey {
	f := s.f
	var legs []Leg
	for {
		c1, c2 := &f.byArr[lb.enter], &f.byArr[lb.exit]
		base := s.slots[lb.slot].base
		leg := f.tripLeg(c1.trip, c1.st, c2.st+1, base, fac)
		legs = append(legs, leg)
		if lb.k < 0 {
			break
		}
		q := c2.to
		next := s.lab[s.layerOf(lb.k)*s.nStops+int(q)]
		d := s.footDur(q, next.via)
		if w, ok := f.walkLeg(q, next.via, leg.Arrive.Unix(), d); ok {
			legs = append(legs, w)
		}
		if next.enter < 0 {
			break
		}
		lb = next
	}
	return Journey{Legs: legs}
}

// endpoints resolves the from and to of a query into stop groups.
func (f *Feed) endpoints(from, to string) (src, tgt []int32, err error) {
	a, err := f.lookup(from)
	if err != nil {
		return nil, nil, fmt.Errorf("from: %w", err)
	}
	b, err := f.lookup(to)
	if err != nil {
		return nil, nil, fmt.Errorf("to: %w", err)
	}
	src, tgt = f.group(a), f.group(b)
	for _, x := range src {
		if contains32(tgt, x) {
			return nil, nil, fmt.Errorf("from %q and to %q are the same station: %w", from, to, ErrNoJourney)
		}
	}
	return src, tgt, nil
}

func contains32(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func windowSeconds(w time.Duration) int32 {
	if w <= 0 {
		w = defaultWindow
	}
	return int32(min(w, maxWindow) / time.Second)
}

// EarliestArrival returns the journey from stop from to stop to that
// leaves at or after depart and arrives first; among equally early ones,
// the one found first. from and to are stop ids or names as Feed.Stop
// takes them; a station stands for all its platforms. The service days
// follow from depart, trips of the previous service day still running
// after midnight (times past 24:00:00) included. No journey within
// opts.Window gives ErrNoJourney.
//
// The search is the Connection Scan Algorithm (Dibbelt, Pajor, Strasser,
// Wagner: "Connection Scan Algorithm", ACM Journal of Experimental
// Algorithmics 23, 2018; first in "Intriguingly Simple and Fast Transit
// Routing", SEA 2013): one pass over the connections sorted by departure,
// starting at the first one at or after depart (binary search) and
// stopping at the first one leaving after the best arrival so far; time
// O(connections scanned × footpaths per stop), memory O(stops + trips)
// reused between queries.
func (f *Feed) EarliestArrival(ctx context.Context, from, to string, depart time.Time, opts SearchOptions) (Journey, error) {
	src, tgt, err := f.endpoints(from, to)
	if err != nil {
		return Journey{}, err
	}
	s := f.newSearch(src, tgt, depart.Unix(), opts, false)
	defer f.release(s)
	last := s.layers - 1
	if err := s.forward(ctx, windowSeconds(opts.Window), last); err != nil {
		return Journey{}, err
	}
	if s.best[last] == math.MaxInt32 {
		return Journey{}, fmt.Errorf("%s to %s leaving %s: %w", from, to, depart.In(f.loc).Format("2006-01-02 15:04"), ErrNoJourney)
	}
	return s.forwardJourney(s.bestL[last], opts.Factors), nil
}

// LatestDeparture returns the journey from stop from to stop to that
// arrives at or before arriveBy and leaves last; "the last train that
// still gets me home by 22:00". It is the Connection Scan Algorithm run
// backwards over the connections sorted by arrival (see EarliestArrival
// for the source and for what from, to and opts mean). Of the journeys
// leaving that late it returns the one arriving first: a forward search
// from its departure replaces a backward result that, say, rides past
// the destination and back.
func (f *Feed) LatestDeparture(ctx context.Context, from, to string, arriveBy time.Time, opts SearchOptions) (Journey, error) {
	src, tgt, err := f.endpoints(from, to)
	if err != nil {
		return Journey{}, err
	}
	s := f.newSearch(src, tgt, arriveBy.Unix(), opts, false)
	defer f.release(s)
	last := s.layers - 1
	if err := s.backward(ctx, windowSeconds(opts.Window), last); err != nil {
		return Journey{}, err
	}
	if s.best[last] == math.MinInt32 {
		return Journey{}, fmt.Errorf("%s to %s arriving by %s: %w", from, to, arriveBy.In(f.loc).Format("2006-01-02 15:04"), ErrNoJourney)
	}
	j := s.backwardJourney(s.bestL[last], opts.Factors)
	if sooner, err := f.EarliestArrival(ctx, from, to, j.Depart(), opts); err == nil && sooner.Arrive().Before(j.Arrive()) {
		return sooner, nil
	}
	return j, nil
}

// Pareto returns the journeys leaving at or after depart that are best
// by arrival time and number of transfers: for each number of transfers
// up to opts.MaxTransfers (DefaultParetoTransfers when zero), the
// earliest arrival, kept when it beats every journey with fewer
// transfers. They come fewest transfers first, so latest arrival first.
// The search is the Connection Scan Algorithm with one label per stop
// and number of trips (Dibbelt et al. 2018, section on multi-criteria
// search); no journey gives ErrNoJourney.
func (f *Feed) Pareto(ctx context.Context, from, to string, depart time.Time, opts SearchOptions) ([]Journey, error) {
	src, tgt, err := f.endpoints(from, to)
	if err != nil {
		return nil, err
	}
	s := f.newSearch(src, tgt, depart.Unix(), opts, true)
	defer f.release(s)
	if err := s.forward(ctx, windowSeconds(opts.Window), 1); err != nil {
		return nil, err
	}
	var out []Journey
	prev := int32(math.MaxInt32)
	for j := 1; j < s.layers; j++ {
		if s.best[j] < prev {
			out = append(out, s.forwardJourney(s.bestL[j], opts.Factors))
			prev = s.best[j]
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s to %s leaving %s: %w", from, to, depart.In(f.loc).Format("2006-01-02 15:04"), ErrNoJourney)
	}
	return out, nil
}

// Journeys returns every journey that leaves at or after after, arrives
// at or before before, and is not dominated by another that leaves no
// earlier and arrives no later, sorted by arrival (and so by
// departure). It alternates an earliest-arrival search from the last
// departure found with a latest-departure search back from its arrival,
// so it costs two searches per journey returned. opts.Window is ignored:
// the window is [after, before]. No journey gives an empty list and a nil
// error.
func (f *Feed) Journeys(ctx context.Context, from, to string, after, before time.Time, opts SearchOptions) ([]Journey, error) {
	if _, _, err := f.endpoints(from, to); err != nil {
		return nil, err
	}
	var out []Journey
	t := after
	for t.Before(before) || t.Equal(before) {
		o := opts
		o.Window = before.Sub(t) + time.Second
		ea, err := f.EarliestArrival(ctx, from, to, t, o)
		if err != nil {
			if errors.Is(err, ErrNoJourney) {
				break
			}
			return out, err
		}
		if ea.Arrive().After(before) {
			break
		}
		o.Window = ea.Arrive().Sub(t) + time.Second
		ld, err := f.LatestDeparture(ctx, from, to, ea.Arrive(), o)
		if err != nil || ld.Depart().Before(t) {
			ld = ea // cannot happen with a consistent search; keep the earliest arrival
		}
		out = append(out, ld)
		t = ld.Depart().Add(time.Second)
	}
	return out, nil
}
