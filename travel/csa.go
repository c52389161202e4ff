package travel

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync/atomic"
	"time"
)

// SearchOptions tune a timetable query. The zero value works.
type SearchOptions struct {
	// MinChange is the time needed to change trains at a station when
	// transfers.txt says nothing about the pair of stops; zero means
	// DefaultMinChange.
	MinChange time.Duration
	// MaxTransfers bounds the changes of a journey; zero means no limit.
	// Pareto and Journeys search at most DefaultParetoTransfers changes
	// when it is zero. Values above 100 count as 100.
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
	// ParetoSlack bounds the searches by arrival and number of changes
	// (Pareto, Journeys): a journey with fewer changes is looked for up
	// to this long after the earliest arrival with any number of them.
	ParetoSlack = 3 * time.Hour
)

// A label remembers how a stop was reached: the trip instance ridden
// (connections enter to exit, in slot) and the stop walked from (via).
// In forward searches k is the number of trips before this one; in
// backward searches the layer used at the exit stop, or -1 when the
// trip reaches the target.
type label struct {
	enter, exit int32
	via         int32
	slot        int16
	k           int8
}

// A slot is one service day of one feed scanned by a query: the
// connections of its day index, shifted by off seconds relative to the
// query time.
type slot struct {
	feed   int16
	day    int32
	base   int64 // Unix time of noon minus 12 h
	off    int32
	cs     []dconn  // by departure forward, by arrival backward; labels name connections by index in it
	cells  []uint64 // forward: the cells of each block of cellBlock connections of cs (cells.go)
	cur    int
	head   int32 // the time (relative) of the connection at cur, kept so that choosing the next slot stays in cache
	tsBase int   // first trip state of the slot
	tsOff  int32 // tsBase minus the feed's first trip: a trip's state is tsOff+trip
}

// A stamp is the time of a label (the earliest boarding forward, the
// latest alighting backward, relative to the query) and its riding: the
// seconds in vehicles of its journey, which break ties of time.
type stamp struct{ t, r int32 }

// A tripState tells how a trip instance of a scan was boarded (forward)
// or left (backward): k is the layer (see label), c the connection
// entered (left), v the layer of the exit stop backwards (-1 the target,
// -2 a push), r the riding offset: forward, the seconds ridden by time t
// on the trip are r+t; backward, r−t.
type tripState struct {
	c, r int32
	k, v int8
}

// A push lets a trip be boarded (or, backwards, left) at a stop through a
// rule rather than through the stop's label: a timed transfer of
// transfers.txt, or staying seated into the next trip of a block.
type pushKey struct {
	ts   int32 // trip state, or -(route+2)<<8|slot for a route's trips
	stop int32
}

type pushVal struct {
	time   int32 // earliest boarding (latest alighting backwards)
	k      int8
	inSeat bool
	lab    label // the label of the trip transferred from (to)
	// ride is the riding offset of the trip boarded (left) in the seat,
	// or the seconds ridden at the transfer otherwise.
	ride int32
	next int32 // index of the next push of the same key, -1 for none
}

// search is the reusable state of one query.
type search struct {
	f      *Feed
	layers int
	absorb bool // the top layer holds journeys with any number of trips
	// slack, when positive, ends a forward scan at slack seconds after
	// the earliest arrival with any number of trips (ParetoSlack).
	slack int32
	// ties keeps a backward scan going through the connections that
	// arrive at the latest departure found, which may tie it with fewer
	// trips.
	ties bool
	// floor, for layers floorK and up (when floorK > 0), starts the
	// best departures of a backward scan: a journey is known to leave
	// after it, so that labels that cannot are left out. The entries of
	// bestL are not set until a journey beats it.
	floor  int32
	floorK int
	change int32
	origin int64
	nStops int
	gen    uint32

	time []stamp // stops × layers
	// timeClean: time[:cap(time)] holds {MaxInt32, 0} but for the
	// stops pass 3 of the corridor search wrote (eaState.dirty).
	timeClean bool
	// reach is, per stop, the earliest (forward; latest backward) time
	// of its labels: the test of the common case reads it, in cache.
	reach   []int32
	lab     []label
	boarded []uint64 // per trip state, a bit: tst is set; dense, so the scan's look-ups stay in cache
	tst     []tripState
	pushGen []uint32 // per trip state: a push exists when == gen
	isSrc   []bool
	isTgt   []bool
	best    []int32 // by layer
	bestR   []int32 // the riding of best
	bestL   []label
	slots   []slot
	// active tells, per feed, whether a stop of it has been reached:
	// the slots of other feeds wait (see activate).
	active []bool
	src    []int32
	tgt    []int32

	// access and egress, when set, give the walking time to each source
	// and from each target (Feed.Local).
	access, egress []int32

	// lb, when not nil, bounds the trips from each stop to the target
	// (forward) or from the source (backward); see bound.go. lbs keeps
	// the last two computed, by seeds: Journeys alternates the two.
	lb  []int8
	lbs [2]struct {
		seeds []int32
		lb    []int8
	}
	lbUsed  []bool
	lbQueue []int32

	ea *eaState // the earliest-arrival corridor search (fastea.go)

	// only, when set, gives the connections of backward scans
	// (Journeys' latest-departure scans; see dayProfile.arrConns).
	only *dayProfile

	push   map[pushKey]int32
	pushes []pushVal
	pre    map[int64]pushVal // (trip state, enter or exit conn) → the push used
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// newSearch takes a state from the pool and prepares it for a query at
// Unix time origin between the stop groups src and tgt. Pareto searches
// bound the transfers (DefaultParetoTransfers when opts says none);
// others keep the same number of exact layers and one more for journeys
// with more changes.
func (f *Feed) newSearch(src, tgt []int32, origin int64, opts SearchOptions, pareto bool) *search {
	s := f.acquire()
	s.f = f
	s.nStops = len(f.stops)
	s.origin = origin
	s.change = int32(DefaultMinChange / time.Second)
	if opts.MinChange > 0 {
		s.change = int32(min(opts.MinChange, 24*time.Hour) / time.Second)
	}
	m := opts.MaxTransfers
	s.absorb = m <= 0 && !pareto
	if m <= 0 {
		m = DefaultParetoTransfers
	}
	s.layers = min(m+2, maxLayers)
	n := s.layers * s.nStops
	if cap(s.time) < n {
		s.timeClean = false
	}
	s.time = grow(s.time, n)
	s.lab = grow(s.lab, n)
	s.isSrc = grow(s.isSrc, s.nStops)
	s.isTgt = grow(s.isTgt, s.nStops)
	clear(s.isSrc)
	clear(s.isTgt)
	s.best = grow(s.best, s.layers)
	s.bestR = grow(s.bestR, s.layers)
	s.bestL = grow(s.bestL, s.layers)
	s.src, s.tgt = src, tgt
	s.slack = 0
	if pareto {
		s.slack = int32(ParetoSlack / time.Second)
	}
	for _, i := range src {
		s.isSrc[i] = true
	}
	for _, i := range tgt {
		s.isTgt[i] = true
	}
	return s
}

// bound sets s.lb for a search bounded to s.layers-1 trips towards
// seeds and reports whether a journey within the bound may exist from
// one of ends. Unbounded searches (absorb) keep s.lb nil.
func (s *search) bound(seeds, ends []int32) bool {
	s.lb = nil
	if s.absorb || !tripBounds {
		return true
	}
	limit := s.layers - 1
	if c := &s.lbs[0]; len(c.lb) == s.nStops && slices.Equal(c.seeds, seeds) {
		s.lb = c.lb
	} else {
		s.lbs[0], s.lbs[1] = s.lbs[1], s.lbs[0]
		if c := &s.lbs[0]; len(c.lb) != s.nStops || !slices.Equal(c.seeds, seeds) {
			// Exact up to maxLayers trips, so good for any bound.
			c.lb, s.lbUsed, s.lbQueue = s.f.tripBound(seeds, maxLayers, c.lb, s.lbUsed, s.lbQueue)
			c.seeds = append(c.seeds[:0], seeds...)
		}
		s.lb = s.lbs[0].lb
	}
	for _, p := range ends {
		if int(s.lb[p]) <= limit {
			return true
		}
	}
	return false
}

// scanned counts the connections that scans look at, for benchmarks.
var scanned atomic.Int64

// targetPruning leaves out the labels and connections that cannot beat
// the best arrival (departure) found with as many trips; tests turn it
// off to compare.
var targetPruning = true

// minBound returns the least bound on trips of stops ps (s.lb), at
// most the top layer; 0 without bounds.
func (s *search) minBound(ps []int32) int {
	if s.lb == nil {
		return 0
	}
	m := s.layers - 1
	for _, p := range ps {
		m = min(m, int(s.lb[p]))
	}
	return m
}

// tripBounds turns the pruning by lower bounds on trips on (bound.go);
// tests turn it off to compare.
var tripBounds = true

func (f *Feed) release(s *search) {
	s.src, s.tgt, s.only = nil, nil, nil
	if !f.spare.CompareAndSwap(nil, s) {
		f.pool.Put(s)
	}
}

// acquire returns a search state: the spare one, else one of the pool.
func (f *Feed) acquire() *search {
	if s := f.spare.Swap(nil); s != nil {
		return s
	}
	return f.pool.Get().(*search)
}

// dayOf returns the day number of the local date of Unix time t in loc.
func dayOf(t int64, loc *time.Location) int32 {
	return dayNumber(time.Unix(t, 0).In(loc))
}

// baseOf returns the Unix time of noon minus 12 hours on day in loc, the
// origin of GTFS times (it differs from midnight on days the clocks
// change).
func baseOf(day int32, loc *time.Location) int64 {
	t := time.Unix(int64(day)*86400, 0).UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, loc).Add(-12 * time.Hour).Unix()
}

// setSlots chooses the service days of every feed whose trips may run
// within [lo, hi] (Unix times), with their connections in departure
// (forward) or arrival order.
func (s *search) setSlots(lo, hi int64, forward bool) {
	f := s.f
	s.slots = s.slots[:0]
	nts := 0
	for fi := range f.feeds {
		info := &f.feeds[fi]
		first := dayOf(lo, info.loc) - f.maxTime/86400 - 1
		last := dayOf(hi, info.loc) + 1
		for d := first; d <= last; d++ {
			b := baseOf(d, info.loc)
			if b+int64(f.maxTime) < lo || b > hi {
				continue
			}
			var cs []dconn
			var cells []uint64
			switch {
			case forward:
				cs, cells = f.dayDep(int16(fi), d)
			case s.only != nil:
				cs = s.only.arrConns(int16(fi), d)
			default:
				cs = f.dayConns(int16(fi), d, false)
			}
			if len(cs) == 0 {
				continue
			}
			s.slots = append(s.slots, slot{feed: int16(fi), day: d, base: b, off: int32(b - s.origin), cs: cs, cells: cells, tsBase: nts, tsOff: int32(nts) - info.tripLo})
			nts += int(info.tripHi - info.tripLo)
		}
	}
	s.gen++
	if s.gen == 0 {
		clear(s.pushGen)
		s.gen = 1
	}
	s.boarded = grow(s.boarded, (nts+63)/64)
	clear(s.boarded)
	if len(s.tst) < nts {
		s.tst = make([]tripState, nts)
		s.pushGen = make([]uint32, nts)
	}
	if s.push == nil {
		s.push, s.pre = map[pushKey]int32{}, map[int64]pushVal{}
	}
	clear(s.push)
	clear(s.pre)
	s.pushes = s.pushes[:0]
	// A journey enters another feed only at a stop reached by a walk
	// (LoadFeeds joins the feeds by footpaths): until then the slots of
	// a feed without a source (forward) or target (backward) wait.
	s.active = grow(s.active, len(f.feeds))
	ends := s.tgt
	if forward {
		ends = s.src
	}
	clear(s.active)
	for _, p := range ends {
		s.active[f.feedOfStop(p)] = true
	}
	if !lazyFeeds {
		for i := range s.active {
			s.active[i] = true
		}
	}
}

// lazyFeeds lets a scan pass over the connections of a feed until one
// of its stops is reached (see activate). Tests turn it off to check
// that it changes no answer.
var lazyFeeds = true

func (f *Feed) feedOfStop(p int32) int {
	if f.stopFeed == nil {
		return 0
	}
	return int(f.stopFeed[p])
}

// activate lets the slots of feed fi take part in a scan that has come
// to time t (relative): forward from the first connection leaving at t
// or later, backward from the last arriving at t or earlier. The
// connections passed over could not be used: no stop of the feed was
// reached before.
func (s *search) activate(fi int, t int32, forward bool) {
	s.active[fi] = true
	for i := range s.slots {
		sl := &s.slots[i]
		if int(sl.feed) != fi {
			continue
		}
		sl.seek(t, forward)
	}
}

// seek puts the slot's cursor at the first connection leaving at t or
// later (forward) or the last arriving at t or earlier (backward).
func (sl *slot) seek(t int32, forward bool) {
	off := sl.off
	if forward {
		sl.cur = sort.Search(len(sl.cs), func(k int) bool { return sl.cs[k].dep+off >= t })
		sl.head = math.MaxInt32
		if sl.cur < len(sl.cs) {
			sl.head = sl.cs[sl.cur].dep + off
		}
		return
	}
	sl.cur = sort.Search(len(sl.cs), func(k int) bool { return sl.cs[k].arr+off > t }) - 1
	sl.head = math.MinInt32
	if sl.cur >= 0 {
		sl.head = sl.cs[sl.cur].arr + off
	}
}

// startSlots puts the cursor of every active feed's slot at its first
// connection in scan order (forward or backward) and parks the others.
func (s *search) startSlots(forward bool) {
	for i := range s.slots {
		sl := &s.slots[i]
		if s.active[sl.feed] {
			sl.seek(0, forward)
		} else {
			sl.park(forward)
		}
	}
}

// firstHead is the merge step of a forward scan over slots: bs is the
// slot with the earliest head bd (the first of equal ones, -1 when every
// slot is done), lim the earliest head of the others and limI the first
// slot holding it (len(slots) when none).
func firstHead(slots []slot) (bs int, bd, lim int32, limI int) {
	bs, bd, lim, limI = -1, math.MaxInt32, math.MaxInt32, len(slots)
	for i := range slots {
		if d := slots[i].head; d < bd {
			if bs >= 0 {
				lim, limI = bd, bs
			}
			bs, bd = i, d
		} else if d < lim {
			lim, limI = d, i
		}
	}
	return bs, bd, lim, limI
}

// park takes the slot out of the scan until its feed is activated.
func (sl *slot) park(forward bool) {
	if forward {
		sl.cur, sl.head = len(sl.cs), math.MaxInt32
	} else {
		sl.cur, sl.head = -1, math.MinInt32
	}
}

// ts returns the trip state of trip tr in slot bs.
func (s *search) ts(bs int, tr int32) int32 {
	sl := &s.slots[bs]
	return int32(sl.tsBase) + tr - s.f.feeds[sl.feed].tripLo
}

func (s *search) getK(ts int32) int {
	if s.boarded[ts>>6]&(1<<(ts&63)) == 0 {
		return -1
	}
	return int(s.tst[ts].k)
}

func (s *search) setK(ts int32, k int, c int32, v int8) {
	s.boarded[ts>>6] |= 1 << (ts & 63)
	s.tst[ts].k, s.tst[ts].c, s.tst[ts].v = int8(k), c, v
}

// runs returns whether service svc runs on slot bs's day.
func (s *search) runs(bs int) func(svc int32) bool {
	d := s.slots[bs].day
	return func(svc int32) bool { return s.f.services[svc].runs(d) }
}

func (s *search) addPush(k pushKey, v pushVal) {
	v.next = -1
	if i, ok := s.push[k]; ok {
		v.next = i
	}
	s.push[k] = int32(len(s.pushes))
	s.pushes = append(s.pushes, v)
	if k.ts >= 0 {
		s.pushGen[k.ts] = s.gen
	}
}

// pushed finds the push of trip tr (state ts, slot bs) at stop st that
// gives the smallest k below limit and is usable: forward its time is
// at or before t, backward at or after.
func (s *search) pushed(bs int, ts, tr, st int32, t int32, limit int, forward, noBoard bool) (pushVal, bool) {
	f := s.f
	var best pushVal
	found := false
	try := func(key pushKey) {
		for i, ok := s.push[key]; ok && i >= 0; i = s.pushes[i].next {
			p := s.pushes[i]
			if (forward && p.time > t) || (!forward && p.time < t) || (noBoard && !p.inSeat) {
				continue
			}
			if int(p.k) < limit && (!found || p.k < best.k) {
				best, found = p, true
			}
		}
	}
	stops := [2]int32{st, f.parent[st]}
	if s.pushGen[ts] == s.gen {
		for _, x := range stops {
			if x >= 0 {
				try(pushKey{ts, x})
			}
		}
	}
	if f.trips[tr].flags&(tripRuleIn|tripRuleOut) != 0 {
		rk := -(f.trips[tr].route+2)<<8 | int32(bs)
		for _, x := range stops {
			if x >= 0 {
				try(pushKey{rk, x})
			}
		}
	}
	return best, found
}

// layersAt returns the highest layer a label reaching stop may be
// written to, given top and the layer limit of the connection's trip
// count, and lbp, the stop's lower bound on the trips still needed to the
// target (0 without bounds). A search that absorbs writes up to top.
func (s *search) layersAt(stop int32, top, limit int) (hi, lbp int) {
	if s.absorb {
		return top, 0
	}
	hi = limit
	if s.lb != nil {
		lbp = int(s.lb[stop])
		hi = min(hi, top-lbp)
	}
	return hi, lbp
}

func (s *search) dur(fp footpath) int32 {
	if fp.dur == useDefault {
		return s.change
	}
	return fp.dur
}

func (s *search) ruleDur(d int32) int32 {
	if d == useDefault {
		return s.change
	}
	return d
}

// tripOfLabel returns the trip a stop label was reached by, -1 at a
// source.
func (s *search) tripOfLabel(lb label) int32 {
	if lb.enter < 0 {
		return -1
	}
	return s.slots[lb.slot].cs[lb.enter].trip
}

// forward runs the Connection Scan Algorithm from the sources, leaving
// at the origin or later, up to window seconds later. It stops once no
// connection can improve best[stop].
func (s *search) forward(ctx context.Context, window int32, stop int) error {
	f := s.f
	s.timeClean = false
	for i := range s.time {
		s.time[i] = stamp{t: math.MaxInt32}
	}
	s.reach = grow(s.reach, s.nStops)
	for i := range s.reach {
		s.reach[i] = math.MaxInt32
	}
	for j := range s.best {
		s.best[j] = math.MaxInt32
	}
	for _, p := range s.src {
		t0 := int32(0)
		if s.access != nil {
			t0 = s.access[p]
		}
		s.reach[p] = min(s.reach[p], t0)
		for j := 0; j < s.layers; j++ {
			s.time[int(p)*s.layers+j].t = t0
			s.time[int(p)*s.layers+j].r = 0
			s.lab[int(p)*s.layers+j] = label{enter: -1, via: p}
		}
	}
	if !s.bound(s.tgt, s.src) {
		return nil
	}
	// No journey has fewer trips than the bound from the sources: the
	// best arrival with that many is the latest any layer can have.
	stop = max(stop, s.minBound(s.src))
	s.setSlots(s.origin, s.origin+int64(window), true)
	s.startSlots(true)
	multi := len(f.feeds) > 1
	n := 0
	defer func() { scanned.Add(int64(n)) }()
	// The slot of the next connection: the one with the earliest head,
	// the first of equal ones. It stays the same while its head is
	// before lim, the earliest of the others (limI the first of those),
	// until a feed is activated.
	run, lim, limI := -1, int32(0), 0
	for ; ; n++ {
		if n&0x3fff == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		bs, bd := run, int32(math.MaxInt32)
		if bs >= 0 {
			if bd = s.slots[bs].head; bd > lim || bd == lim && bs > limI {
				bs = -1
			}
		}
		if bs < 0 {
			bs, bd, lim, limI = firstHead(s.slots)
			run = bs
		}
		if bs < 0 || bd > window || bd >= s.best[stop] {
			return nil
		}
		if s.slack > 0 && s.best[s.layers-1] != math.MaxInt32 && bd >= s.best[s.layers-1]+s.slack {
			return nil
		}
		sl := &s.slots[bs]
		idx := int32(sl.cur)
		c := &sl.cs[sl.cur]
		sl.cur++
		sl.head = math.MaxInt32
		if sl.cur < len(sl.cs) {
			sl.head = sl.cs[sl.cur].dep + sl.off
		}
		ts := sl.tsOff + c.trip
		k := s.getK(ts)
		// The common case: a trip not boarded, from a stop not reached.
		if k < 0 && len(s.pushes) == 0 && (c.flags()&noBoard != 0 || s.reach[c.from()] > bd) {
			continue
		}
		if s.fwdConn(bs, idx, c, bd, k, multi) {
			run = -1
		}
	}
}

// fwdConn scans connection c (index idx of slot bs, leaving at bd,
// relative) of a forward scan whose trip is in layer k (-1 not
// boarded): it boards the trip, writes the labels its arrival improves
// and the pushes of its rules. It reports whether it activated a feed
// (see activate).
func (s *search) fwdConn(bs int, idx int32, c *dconn, bd int32, k int, multi bool) (activated bool) {
	f := s.f
	sl := &s.slots[bs]
	ts := sl.tsOff + c.trip
	// Labels are stored stop by stop: the layers of a stop share a
	// cache line or two.
	nl := s.layers
	top := s.layers - 1 // the layer with the earliest times
	maxPrior := s.layers - 2
	if s.absorb {
		maxPrior = s.layers - 1
	}
	if c.flags()&noBoard == 0 {
		// Board at the fewest trips; at as many trips as before,
		// board here if that rides less.
		hi := maxPrior
		if k >= 0 {
			hi = min(k, maxPrior)
		}
		for i := 0; i <= hi; i++ {
			li := int(c.from())*nl + i
			if s.time[li].t > bd {
				continue
			}
			if c.flags()&ruleIn != 0 {
				lb := s.lab[li]
				if f.special.overrides(f, s.tripOfLabel(lb), lb.via, c.trip, c.from()) {
					continue
				}
			}
			r := s.time[li].r - bd
			if i == k {
				if r < s.tst[ts].r {
					s.tst[ts].c, s.tst[ts].r = idx, r
				}
				break
			}
			k = i
			s.setK(ts, i, idx, 0)
			s.tst[ts].r = r
			break
		}
	}
	if len(s.pushes) > 0 && k != 0 && (s.pushGen[ts] == s.gen || c.flags()&ruleIn != 0) {
		limit := maxPrior + 1
		if k >= 0 {
			limit = k
		}
		if p, ok := s.pushed(bs, ts, c.trip, c.from(), bd, limit, true, c.flags()&noBoard != 0); ok {
			k = int(p.k)
			s.setK(ts, k, idx, 0)
			s.tst[ts].r = p.ride
			if !p.inSeat {
				s.tst[ts].r = p.ride - bd
			}
			s.pre[int64(ts)<<32|int64(idx)] = p
		}
	}
	if k < 0 {
		return false
	}
	layer := min(k+1, s.layers-1)
	if targetPruning && bd > s.best[layer] {
		// Whatever this trip reaches from here arrives no earlier
		// than the best arrival with as many trips.
		return false
	}
	a := c.arr + sl.off
	r := s.tst[ts].r + a
	lb := label{enter: s.tst[ts].c, exit: idx, via: c.to(), slot: int16(bs), k: int8(k)}
	if c.flags()&noAlight == 0 {
		if s.isTgt[c.to()] {
			at := a
			if s.egress != nil {
				at += s.egress[c.to()]
			}
			for j := layer; j < s.layers && (at < s.best[j] || at == s.best[j] && r < s.bestR[j]); j++ {
				s.best[j], s.bestR[j], s.bestL[j] = at, r, lb
			}
		}
		for _, fp := range f.out[c.to()] {
			b := a + s.dur(fp)
			// Layers layer..hi: a label is kept while it may still
			// lead to a better arrival than best with the trips it
			// needs at least (lbp more). When the search is bounded
			// the top layer is not boarded from and stays empty.
			hi, lbp := s.layersAt(fp.stop, top, maxPrior)
			base := int(fp.stop) * nl
			j := layer
			for ; j <= hi; j++ {
				i := base + j
				if b > s.time[i].t || b == s.time[i].t && r >= s.time[i].r || targetPruning && b > s.best[min(j+lbp, top)] {
					break
				}
				s.time[i].t, s.time[i].r, s.lab[i] = b, r, lb
			}
			if j > layer && b < s.reach[fp.stop] {
				s.reach[fp.stop] = b
			}
			if multi && j > layer && layer <= maxPrior {
				if fi := f.stopFeed[fp.stop]; !s.active[fi] {
					s.activate(int(fi), bd, true)
					activated = true
				}
			}
		}
	}
	if c.flags()&ruleOut != 0 {
		s.pushOut(bs, c, a, k, maxPrior, lb, s.tst[ts].r)
	}
	if c.flags()&lastConn != 0 && c.flags()&inBlock != 0 {
		if y := f.blockNext(c.trip, s.runs(bs)); y >= 0 {
			s.addPush(pushKey{s.ts(bs, y), f.stStop[f.trips[y].first]}, pushVal{time: a, k: int8(k), inSeat: true, lab: lb, ride: s.tst[ts].r})
		}
	}
	return activated
}

// pushOut applies the transfers.txt rules that leave trip c.trip at
// c.to, reached at a (relative) in layer k.
func (s *search) pushOut(bs int, c *dconn, a int32, k, maxPrior int, lb label, tripR int32) {
	f := s.f
	f.special.outgoing(f, c.trip, c.to(), func(r *specialRule) {
		switch r.kind {
		case ruleTimed, ruleInSeat:
		default:
			return
		}
		nk := k
		if r.kind == ruleTimed {
			if c.flags()&noAlight != 0 {
				return
			}
			nk = k + 1
			if nk > maxPrior {
				if !s.absorb {
					return
				}
				nk = maxPrior
			}
		}
		v := pushVal{time: a, k: int8(nk), inSeat: r.kind == ruleInSeat, lab: lb, ride: tripR}
		if r.kind == ruleTimed {
			v.time = a + s.ruleDur(r.dur)
			v.ride = tripR + a
		}
		if r.toTrip >= 0 {
			// The copies of a frequencies.txt template share its id: the
			// rule goes to the one leaving next.
			y := s.nextOf(bs, r.toTrip, a)
			if y < 0 {
				return
			}
			st := r.toStop
			if st < 0 {
				st = f.stStop[f.trips[y].first]
			}
			s.addPush(pushKey{s.ts(bs, y), st}, v)
			return
		}
		if r.toRoute >= 0 && r.toStop >= 0 && r.toTrip < 0 {
			s.addPush(pushKey{-(r.toRoute+2)<<8 | int32(bs), r.toStop}, v)
		}
	})
}

// nextOf returns the trip of template (trips.txt row) tm that runs in
// slot bs and leaves its first stop first at or after a (relative), -1
// for none.
func (s *search) nextOf(bs int, tm int32, a int32) int32 {
	f := s.f
	t := &f.trips[tm]
	if !f.services[t.service].runs(s.slots[bs].day) {
		return -1
	}
	if t.flags&tripTemplate == 0 {
		return tm
	}
	best, bt := int32(-1), int32(math.MaxInt32)
	info := f.feeds[s.slots[bs].feed]
	for y := tm + 1; y < info.tripHi; y++ {
		u := &f.trips[y]
		if u.tmpl != tm {
			continue
		}
		d := f.stDep[u.first] + u.shift + s.slots[bs].off
		if d >= a && d < bt {
			best, bt = y, d
		}
	}
	return best
}

// backward runs the Connection Scan Algorithm backwards from the
// targets, arriving at the origin or earlier and departing at most
// window seconds before it. It stops once no connection can improve
// best[stop], the latest departure.
func (s *search) backward(ctx context.Context, window int32, stop int) error {
	f := s.f
	s.timeClean = false
	for i := range s.time {
		s.time[i] = stamp{t: math.MinInt32}
	}
	s.reach = grow(s.reach, s.nStops)
	for i := range s.reach {
		s.reach[i] = math.MinInt32
	}
	for j := range s.best {
		s.best[j] = math.MinInt32
		if s.floorK > 0 && j >= s.floorK {
			s.best[j] = s.floor
		}
	}
	if !s.bound(s.src, s.tgt) {
		return nil
	}
	stop = max(stop, s.minBound(s.tgt))
	s.setSlots(s.origin-int64(window), s.origin, false)
	s.startSlots(false)
	multi := len(f.feeds) > 1
	nl := s.layers
	top := s.layers - 1
	maxNext := s.layers - 2
	if s.absorb {
		maxNext = s.layers - 1
	}
	n := 0
	defer func() { scanned.Add(int64(n)) }()
	// As in forward, with the latest heads.
	run, lim, limI := -1, int32(0), 0
	for ; ; n++ {
		if n&0x3fff == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		bs, ba := run, int32(math.MinInt32)
		if bs >= 0 {
			if ba = s.slots[bs].head; ba < lim || ba == lim && bs > limI {
				bs = -1
			}
		}
		if bs < 0 {
			ba, lim, limI = math.MinInt32, math.MinInt32, len(s.slots)
			for i := range s.slots {
				if a := s.slots[i].head; a > ba {
					if bs >= 0 {
						lim, limI = ba, bs
					}
					bs, ba = i, a
				} else if a > lim {
					lim, limI = a, i
				}
			}
			run = bs
		}
		if bs < 0 || ba < -window || ba < s.best[stop] || ba == s.best[stop] && !s.ties {
			return nil
		}
		sl := &s.slots[bs]
		idx := int32(sl.cur)
		c := &sl.cs[sl.cur]
		sl.cur--
		sl.head = math.MinInt32
		if sl.cur >= 0 {
			sl.head = sl.cs[sl.cur].arr + sl.off
		}
		ts := sl.tsOff + c.trip
		k := s.getK(ts)
		if k < 0 && len(s.pushes) == 0 && (c.flags()&noAlight != 0 || !s.isTgt[c.to()] && s.reach[c.to()] < ba) {
			continue
		}
		if c.flags()&noAlight == 0 {
			// Leave at the fewest trips to the target; at as many trips
			// as before, leave here if that rides less.
			switch {
			case s.isTgt[c.to()] && k != 1:
				k = 1
				s.setK(ts, 1, idx, -1)
				s.tst[ts].r = ba
			case s.isTgt[c.to()]:
				if ba < s.tst[ts].r {
					s.tst[ts].c, s.tst[ts].v, s.tst[ts].r = idx, -1, ba
				}
			default:
				hi := maxNext
				if k >= 1 {
					hi = min(k-1, maxNext)
				}
				for i := 0; i <= hi; i++ {
					li := int(c.to())*nl + i
					if s.time[li].t < ba {
						continue
					}
					if c.flags()&ruleOut != 0 {
						lb := s.lab[li]
						if f.special.overrides(f, c.trip, c.to(), s.tripOfLabel(lb), lb.via) {
							continue
						}
					}
					r := s.time[li].r + ba
					if nk := min(i+1, s.layers-1); nk != k {
						k = nk
						s.setK(ts, k, idx, int8(i))
						s.tst[ts].r = r
					} else if r < s.tst[ts].r {
						s.tst[ts].c, s.tst[ts].v, s.tst[ts].r = idx, int8(i), r
					}
					break
				}
			}
		}
		if len(s.pushes) > 0 && k != 1 && (s.pushGen[ts] == s.gen || c.flags()&ruleOut != 0) {
			limit := maxNext + 2
			if k >= 0 {
				limit = k
			}
			if p, ok := s.pushed(bs, ts, c.trip, c.to(), ba, limit, false, c.flags()&noAlight != 0); ok {
				k = int(p.k)
				s.setK(ts, k, idx, -2)
				s.tst[ts].r = p.ride
				if !p.inSeat {
					s.tst[ts].r = p.ride + ba
				}
				s.pre[int64(ts)<<32|int64(idx)] = p
			}
		}
		if k < 0 {
			continue
		}
		d := c.dep + sl.off
		if d < -window || targetPruning && d < s.best[k] {
			continue
		}
		r := s.tst[ts].r - d
		lb := label{enter: idx, exit: s.tst[ts].c, via: c.from(), slot: int16(bs), k: s.tst[ts].v}
		if c.flags()&noBoard == 0 {
			if s.isSrc[c.from()] {
				for j := k; j < s.layers && (d > s.best[j] || d == s.best[j] && r < s.bestR[j]); j++ {
					s.best[j], s.bestR[j], s.bestL[j] = d, r, lb
				}
			}
			for _, fp := range f.in[c.from()] {
				x := d - s.dur(fp)
				hi, lbp := s.layersAt(fp.stop, top, maxNext)
				base := int(fp.stop) * nl
				j := k
				for ; j <= hi; j++ {
					i := base + j
					if x < s.time[i].t || x == s.time[i].t && r >= s.time[i].r || targetPruning && x < s.best[min(j+lbp, top)] {
						break
					}
					s.time[i].t, s.time[i].r, s.lab[i] = x, r, lb
				}
				if j > k && x > s.reach[fp.stop] {
					s.reach[fp.stop] = x
				}
				if multi && j > k && k <= maxNext {
					if fi := f.stopFeed[fp.stop]; !s.active[fi] {
						s.activate(int(fi), ba, false)
						run = -1
					}
				}
			}
		}
		if c.flags()&ruleIn != 0 {
			s.pushIn(bs, c, d, k, maxNext, lb, s.tst[ts].r)
		}
		if c.flags()&firstConn != 0 && c.flags()&inBlock != 0 {
			if x := f.blockPrev(c.trip, s.runs(bs)); x >= 0 {
				xt := &f.trips[x]
				s.addPush(pushKey{s.ts(bs, x), f.stStop[xt.first+xt.n-1]}, pushVal{time: d, k: int8(k), inSeat: true, lab: lb, ride: s.tst[ts].r})
			}
		}
	}
}

// pushIn is pushOut backwards: the rules that enter trip c.trip at
// c.from, left at d (relative) with k trips to the target.
func (s *search) pushIn(bs int, c *dconn, d int32, k, maxNext int, lb label, tripR int32) {
	f := s.f
	f.special.incoming(f, c.trip, c.from(), func(r *specialRule) {
		if r.kind != ruleTimed && r.kind != ruleInSeat {
			return
		}
		nk := k
		if r.kind == ruleTimed {
			if c.flags()&noBoard != 0 {
				return
			}
			nk = k + 1
			if nk > s.layers-1 {
				if !s.absorb {
					return
				}
				nk = s.layers - 1
			}
		}
		v := pushVal{time: d, k: int8(nk), inSeat: r.kind == ruleInSeat, lab: lb, ride: tripR}
		if r.kind == ruleTimed {
			v.time = d - s.ruleDur(r.dur)
			v.ride = tripR - d
		}
		if r.fromTrip >= 0 {
			x := r.fromTrip
			if f.trips[x].flags&tripTemplate != 0 || !f.services[f.trips[x].service].runs(s.slots[bs].day) {
				return // frequency templates: only forward searches apply their rules
			}
			st := r.fromStop
			if st < 0 {
				st = f.stStop[f.trips[x].first+f.trips[x].n-1]
			}
			s.addPush(pushKey{s.ts(bs, x), st}, v)
			return
		}
		if r.fromRoute >= 0 && r.fromStop >= 0 {
			s.addPush(pushKey{-(r.fromRoute+2)<<8 | int32(bs), r.fromStop}, v)
		}
	})
}

// tripLeg returns the leg riding trip from stop time a to stop time b
// on the service day whose base is base.
func (f *Feed) tripLeg(tr int32, a, b int32, base int64, fac Factors) Leg {
	t := &f.trips[tr]
	r := &f.routes[t.route]
	loc := f.feeds[f.feedOfTrip(tr)].loc
	from, to := f.stops[f.stStop[a]], f.stops[f.stStop[b]]
	km := float64(f.stKm[b] - f.stKm[a])
	kg := fac.Kg(r.mode, km)
	if r.gPerPkm >= 0 {
		kg = r.gPerPkm * km / 1000
	}
	return Leg{
		Mode: r.mode, From: from.ID, To: to.ID, FromName: from.Name, ToName: to.Name,
		Depart:  time.Unix(base+int64(f.stDep[a]+t.shift), 0).In(loc),
		Arrive:  time.Unix(base+int64(f.stArr[b]+t.shift), 0).In(loc),
		Km:      km,
		CO2Kg:   kg,
		Service: t.id,
		Route:   r.name,
	}
}

func (f *Feed) feedOfTrip(tr int32) int {
	for i := range f.feeds {
		if tr < f.feeds[i].tripHi {
			return i
		}
	}
	return 0
}

// walkLeg returns the change on foot from stop a to stop b, or false
// when both are the same stop or platforms of one station.
func (f *Feed) walkLeg(a, b int32, depart int64, dur int32) (Leg, bool) {
	if f.sameStation(a, b) {
		return Leg{}, false
	}
	loc := f.loc
	if f.stopFeed != nil {
		loc = f.feeds[f.stopFeed[a]].loc
	}
	sa, sb := f.stops[a], f.stops[b]
	return Leg{
		Mode: Walk, From: sa.ID, To: sb.ID, FromName: sa.Name, ToName: sb.Name,
		Depart: time.Unix(depart, 0).In(loc),
		Arrive: time.Unix(depart+int64(dur), 0).In(loc),
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

// forwardJourney rebuilds the journey ending with label lb of a forward
// search.
func (s *search) forwardJourney(lb label, fac Factors) Journey {
	f := s.f
	var rev []Leg
	for {
		cs := s.slots[lb.slot].cs
		c1, c2 := &cs[lb.enter], &cs[lb.exit]
		base := s.slots[lb.slot].base
		leg := f.tripLeg(c1.trip, f.stOf(c1), f.stOf(c2)+1, base, fac)
		ts := s.ts(int(lb.slot), c1.trip)
		if p, ok := s.pre[int64(ts)<<32|int64(lb.enter)]; ok {
			leg.Continues = p.inSeat
			rev = append(rev, leg)
			a := p.lab.via
			if !p.inSeat {
				xc := &s.slots[p.lab.slot].cs[p.lab.exit]
				arr := s.slots[p.lab.slot].base + int64(xc.arr)
				if w, ok := f.walkLeg(a, c1.from(), arr, int32(leg.Depart.Unix()-arr)); ok {
					rev = append(rev, w)
				}
			}
			lb = p.lab
			continue
		}
		rev = append(rev, leg)
		p := c1.from()
		l := int(lb.k)
		prev := s.lab[int(p)*s.layers+l]
		d := s.footDur(prev.via, p)
		boardAt := s.origin + int64(s.time[int(p)*s.layers+l].t)
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
	seat := false
	for {
		cs := s.slots[lb.slot].cs
		c1, c2 := &cs[lb.enter], &cs[lb.exit]
		base := s.slots[lb.slot].base
		leg := f.tripLeg(c1.trip, f.stOf(c1), f.stOf(c2)+1, base, fac)
		leg.Continues = seat
		seat = false
		legs = append(legs, leg)
		ts := s.ts(int(lb.slot), c1.trip)
		if p, ok := s.pre[int64(ts)<<32|int64(lb.exit)]; ok {
			nc := &s.slots[p.lab.slot].cs[p.lab.enter]
			if p.inSeat {
				seat = true
			} else if w, ok := f.walkLeg(c2.to(), nc.from(), leg.Arrive.Unix(), int32(s.slots[p.lab.slot].base+int64(nc.dep)-leg.Arrive.Unix())); ok {
				legs = append(legs, w)
			}
			lb = p.lab
			continue
		}
		if lb.k < 0 {
			break
		}
		q := c2.to()
		next := s.lab[int(q)*s.layers+int(lb.k)]
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
