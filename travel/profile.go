package travel

import (
	"context"
	"math"
	"sort"
	"sync"
	"time"
)

// Profile search for the option list of a day (Journeys).
//
// Journeys sweeps the departure time: at each sweep time it needs, for
// every bound k on trips, the earliest arrival of a journey with at most
// k trips leaving at the sweep time or later. A forward scan per sweep
// time gives it, but the scans of successive sweep times overlap. The
// profile search gives the same values for every departure time at once:
// the profile Connection Scan Algorithm (Dibbelt, Pajor, Strasser,
// Wagner: "Connection Scan Algorithm", ACM Journal of Experimental
// Algorithmics 23, 2018, section 4: one scan over the connections by
// decreasing departure, a value per trip and a Pareto profile per stop)
// with the number of trips as a further criterion: each trip value and
// each profile entry is a vector, component r the earliest arrival at the
// target with at most r more trips (the criterion kept as a vector per
// entry, as the paper's multi-criteria profiles do).
//
// The scan follows the rules of the forward scans: a stop's profile is
// entered at the boarding time (the arrival plus the footpath's change
// time, as the forward labels are), the target is reached by alighting
// at one of its stops, pickup_type and drop_off_type 1 forbid boarding
// and alighting, and a trip whose vehicle goes on as the next trip of its
// block_id continues into that trip's value. The rules of transfers.txt
// that name trips or routes depend on the trip a traveller arrives by,
// which a stop's profile does not keep: feeds with such rules use the
// forward scans (profileUsable).
//
// The forward scans of Journeys stop ParetoSlack after the earliest
// arrival; a journey with fewer trips whose last connection leaves later
// is not seen. The profile knows the earliest arrival of each bound but
// not when its last connection leaves: when one of them arrives
// ParetoSlack or more after the earliest (and within the window), that
// sweep time runs the forward scan, so that the option list stays the
// one the forward scans give.

// profiles lets Journeys use the profile search; tests turn it off to
// compare.
var profiles = true

// profileState is the reusable state of one profile search.
type profileState struct {
	nv int // components per vector: trips 1..nv

	// Trip values: per trip state, when tsKey's generation is gen, the index
	// of its vector in tv.
	tsKey  []uint64 // gen<<32 | index
	tv     []int32
	tvDone []bool // the trip's first connection has been scanned
	gen    uint32

	// Stop profiles: per stop the newest entry (smallest boarding
	// time), each entry pointing to the next older one. live tells
	// whether a stop has a footpath to a stop with entries.
	head []int32
	live []bool
	// ent holds the entries, nv+2 values each: the boarding time, the
	// next older entry (-1 none) and the nv components.
	ent []int32

	lbS, lbT []int8
	dead     []bool
	used     []bool
	queue    []int32
	tmp      []int32
	cur      []slotCursor
	active   []bool
	keep     [][]int32
	keepEA   [][]int32
	keepLDS  [][]int32
	kept     []keptDay
	rl       []int32 // per stop (sourceBound)
	tl       []int32 // per trip, by its index in tsKey (sourceBound)
	group    []int32
}

// A slotCursor is the position of a reverse scan in a slot: the
// connection at cur (-1 past the first) leaving at head (relative).
type slotCursor struct {
	cur  int
	head int32
}

// seek puts the cursor at the last connection leaving before t, or at
// t too when ties is set.
func (c *slotCursor) seek(sl *slot, t int32, ties bool) {
	off := sl.off
	c.cur = sort.Search(len(sl.cs), func(k int) bool {
		d := sl.cs[k].dep + off
		return d > t || !ties && d == t
	}) - 1
	c.head = math.MinInt32
	if c.cur >= 0 {
		c.head = sl.cs[c.cur].dep + off
	}
}

var profilePool = sync.Pool{New: func() any { return new(profileState) }}

// A dayProfile is the outcome of a profile search: for each source stop
// its profile entries by increasing boarding time.
type dayProfile struct {
	origin int64
	nv     int
	srcs   [][]profEntry
	cur    []int // per source, the first entry at or after the last query
	// byArr holds, per feed and service day, the connections that may
	// take part in a latest-departure scan of Journeys, by arrival.
	byArr map[dayKey]*keptDay
	// lo and hi bound the journeys of the next latest-departure scan
	// (Unix times, see window).
	lo, hi int64
	ps     *profileState // holds byArr until release
}

// release returns the search state holding p's connections; p is not
// used after.
func (p *dayProfile) release() {
	if p.ps != nil {
		profilePool.Put(p.ps)
		p.ps, p.byArr = nil, nil
	}
}

// A keptDay lists the connections of one feed's service day that the
// profile search found on a way to the target and a source reaches: their
// copies by departure, with the earliest arrival at the target (relative
// to the origin) riding each.
type keptDay struct {
	base int64 // Unix time of the day's times
	cs   []keptConn
	buf  []dconn // the connections of the current window
}

// A keptConn is a connection the profile search kept.
type keptConn struct {
	c  dconn
	ea int32 // math.MinInt32: kept whatever the arrival
	// lds bounds from above the latest departure from a source (relative
	// to the origin) of a journey riding it; see sourceBound.
	lds int32
}

// arrConns returns the connections of feed fi's day d that a
// latest-departure scan of Journeys looks at, in the order of the day
// index by arrival: of those the profile search kept (found on a way to
// the target within the bound, or staying seated into another trip),
// the ones a journey of the window (see window) may ride. The others
// cannot take part in a journey the scan finds: leaving them out
// changes no answer.
func (p *dayProfile) arrConns(fi int16, d int32) []dconn {
	k := p.byArr[dayKey{fi, d}]
	if k == nil {
		return nil
	}
	// Every connection of a journey leaving at lo or later and arriving
	// by hi leaves at lo or later, arrives by hi and rides to the target
	// by hi.
	lo, hi := int32(p.lo-k.base), int32(p.hi-k.base)
	ea, ld := int32(p.hi-p.origin), int32(p.lo-p.origin)
	i := sort.Search(len(k.cs), func(i int) bool { return k.cs[i].c.dep >= lo })
	k.buf = k.buf[:0]
	for ; i < len(k.cs); i++ {
		x := &k.cs[i]
		if x.c.dep > hi {
			break
		}
		if x.c.arr <= hi && x.ea <= ea && x.lds >= ld {
			k.buf = append(k.buf, x.c)
		}
	}
	// By arrival, ties in departure order, as the day index by arrival
	// has them: a stable insertion sort of what is nearly in order.
	b := k.buf
	for i := 1; i < len(b); i++ {
		if b[i].arr >= b[i-1].arr {
			continue
		}
		x := b[i]
		j := i
		for ; j > 0 && b[j-1].arr > x.arr; j-- {
			b[j] = b[j-1]
		}
		b[j] = x
	}
	return b
}

// window bounds the next latest-departure scan to journeys leaving at
// lo or later and arriving by hi (Unix times): it looks only at the
// connections that such a journey may ride.
func (p *dayProfile) window(lo, hi int64) {
	p.lo, p.hi = lo, hi
}

type profEntry struct {
	b int32
	v []int32 // nv components, non-decreasing with b
}

// profileUsable tells whether the profile search honours every rule of
// the feed: no transfers.txt rule names trips or routes.
func (f *Feed) profileUsable() bool {
	return len(f.special.rules) == 0
}

// dayProfile runs the profile search from src to tgt for departures in
// [after, end] and arrivals by end (Unix times), with up to nv trips and
// minChange as SearchOptions.MinChange. It returns
// nil when no journey within the bound can exist.
func (f *Feed) dayProfile(ctx context.Context, src, tgt []int32, after, end int64, nv int, minChange time.Duration) (*dayProfile, error) {
	s := f.newSearch(src, tgt, after, SearchOptions{MinChange: minChange, MaxTransfers: nv - 1}, true)
	defer f.release(s)
	ps := profilePool.Get().(*profileState)
	done := false
	defer func() {
		if !done {
			profilePool.Put(ps)
		}
	}()
	ps.nv = nv
	nStops := len(f.stops)
	ps.lbT, ps.used, ps.queue = f.tripBound(tgt, maxLayers, ps.lbT, ps.used, ps.queue)
	reachable := false
	for _, p := range src {
		if int(ps.lbT[p]) <= nv {
			reachable = true
		}
	}
	if !reachable {
		return nil, nil
	}
	ps.lbS, ps.used, ps.queue = f.tripBound(src, maxLayers, ps.lbS, ps.used, ps.queue)
	if !tripBounds {
		clear(ps.lbS)
		clear(ps.lbT)
	}
	endRel := int32(end - after)
	s.setSlots(after, end, true)
	// Cursors: each slot from its last connection leaving by end; the
	// slots of a feed no stop of which has an entry yet wait (see
	// forward's lazyFeeds).
	cur := grow(ps.cur, len(s.slots))
	ps.cur = cur
	active := grow(ps.active, len(f.feeds))
	ps.active = active
	clear(active)
	for _, p := range tgt {
		active[f.feedOfStop(p)] = true
	}
	if !lazyFeeds {
		for i := range active {
			active[i] = true
		}
	}
	nts := 0
	for i := range s.slots {
		sl := &s.slots[i]
		cur[i] = slotCursor{-1, math.MinInt32}
		if active[sl.feed] {
			cur[i].seek(sl, endRel, true)
		}
		nts = max(nts, sl.tsBase+int(f.feeds[sl.feed].tripHi-f.feeds[sl.feed].tripLo))
	}
	ps.gen++
	if ps.gen == 0 || len(ps.tsKey) < nts {
		ps.tsKey = make([]uint64, max(nts, len(ps.tsKey)))
		ps.gen = 1
	}
	ps.tv, ps.tvDone = ps.tv[:0], ps.tvDone[:0]
	ps.head = grow(ps.head, nStops)
	for i := range ps.head {
		ps.head[i] = -1
	}
	ps.live = grow(ps.live, nStops)
	clear(ps.live)
	ps.ent = ps.ent[:0]
	es := int32(nv + 2)
	ps.tmp = grow(ps.tmp, nv)
	tmp := ps.tmp
	// A journey through a stop p has at least lbS(p)+lbT(p)-1 trips:
	// the connections from stops beyond the bound are left out.
	ps.dead = grow(ps.dead, nStops)
	for i := range ps.dead {
		ps.dead[i] = int(ps.lbS[i])+int(ps.lbT[i]) > nv+1
	}
	dead := ps.dead
	// The connections that may take part in a latest-departure scan
	// of Journeys, by slot, latest departure first (see useful).
	ps.keep = grow(ps.keep, len(s.slots))
	ps.keepEA = grow(ps.keepEA, len(s.slots))
	for i := range ps.keep {
		ps.keep[i] = ps.keep[i][:0]
		ps.keepEA[i] = ps.keepEA[i][:0]
	}
	n := 0
	defer func() { scanned.Add(int64(n)) }()
	// The reverse of the forward scans' order: the latest head, the
	// last slot of equal ones. The slot run stays while its head is
	// after lim, the latest of the others (limI the last of those).
	run, lim, limI := -1, int32(0), 0
	for ; ; n++ {
		if n&0x3fff == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		bs, bd := run, int32(math.MinInt32)
		if bs >= 0 {
			if bd = cur[bs].head; bd < lim || bd == lim && bs < limI {
				bs = -1
			}
		}
		if bs < 0 {
			bd, lim, limI = math.MinInt32, math.MinInt32, -1
			for i := range cur {
				if h := cur[i].head; h >= bd {
					if bs >= 0 {
						lim, limI = bd, bs
					}
					bs, bd = i, h
				} else if h >= lim {
					lim, limI = h, i
				}
			}
			run = bs
		}
		if bs < 0 || bd < 0 {
			break
		}
		sl := &s.slots[bs]
		pos := cur[bs].cur
		c := &sl.cs[pos]
		cur[bs].cur--
		cur[bs].head = math.MinInt32
		if k := cur[bs].cur; k >= 0 {
			cur[bs].head = sl.cs[k].dep + sl.off
		}
		a := c.arr + sl.off
		if a > endRel || dead[c.from()] {
			continue
		}
		block := c.flags()&(lastConn|inBlock) == lastConn|inBlock
		if block {
			// A latest-departure scan may stay seated here into the
			// next trip of the block: keep it.
			ps.keep[bs] = append(ps.keep[bs], int32(pos))
			ps.keepEA[bs] = append(ps.keepEA[bs], math.MinInt32)
		}
		ts := sl.tsOff + c.trip
		key := ps.tsKey[ts]
		have := uint32(key>>32) == ps.gen
		ti := int32(key)
		if !have && (c.flags()&noAlight != 0 || !ps.live[c.to()] && !s.isTgt[c.to()]) && !block {
			continue
		}
		if have {
			copy(tmp, ps.tv[int(ti)*nv:])
		} else {
			for r := range tmp {
				tmp[r] = math.MaxInt32
			}
		}
		changed := false
		if c.flags()&noAlight == 0 {
			if s.isTgt[c.to()] {
				for r := range tmp {
					if a < tmp[r] {
						tmp[r], changed = a, true
					}
				}
			}
			if ps.live[c.to()] {
				for _, fp := range f.out[c.to()] {
					h := ps.head[fp.stop]
					if h < 0 {
						continue
					}
					x := a + s.dur(fp)
					for h >= 0 && ps.ent[h*es] < x {
						h = ps.ent[h*es+1]
					}
					if h < 0 {
						continue
					}
					w := ps.ent[h*es+2 : h*es+es]
					w, t := w[:nv-1], tmp[1:nv]
					for r, v := range w {
						if v < t[r] {
							t[r], changed = v, true
						}
					}
				}
			}
		}
		if block {
			// Staying seated into the next trip of the block (see
			// forward): its value once its first connection is scanned.
			if y := f.blockNext(c.trip, s.runs(bs)); y >= 0 {
				yts := s.ts(bs, y)
				if yk := ps.tsKey[yts]; uint32(yk>>32) == ps.gen && ps.tvDone[int32(yk)] {
					w := ps.tv[int(int32(yk))*nv:]
					for r := range tmp {
						if w[r] < tmp[r] {
							tmp[r], changed = w[r], true
						}
					}
				}
			}
		}
		if !have {
			if !changed {
				continue
			}
			ti = int32(len(ps.tvDone))
			ps.tsKey[ts] = uint64(ps.gen)<<32 | uint64(ti)
			ps.tvDone = append(ps.tvDone, false)
			ps.tv = append(ps.tv, tmp...)
		} else if changed {
			copy(ps.tv[int(ti)*nv:], tmp)
		}
		if !block {
			ps.keep[bs] = append(ps.keep[bs], int32(pos))
			ps.keepEA[bs] = append(ps.keepEA[bs], tmp[nv-1])
		}
		if c.flags()&firstConn != 0 {
			ps.tvDone[ti] = true
		}
		if c.flags()&noBoard != 0 {
			continue
		}
		// Enter the value at the stop, at the connection's departure,
		// when it betters the stop's best for that boarding time.
		h := ps.head[c.from()]
		better := h < 0
		if h >= 0 {
			w := ps.ent[h*es+2 : h*es+es]
			w = w[:len(tmp)]
			for r, v := range w {
				if tmp[r] < v {
					better = true
				} else {
					tmp[r] = v
				}
			}
		}
		if !better {
			continue
		}
		if h < 0 {
			for _, fp := range f.in[c.from()] {
				ps.live[fp.stop] = true
				// Alighting at a stop beyond the bound leads nowhere
				// within it: such a stop does not wake its feed.
				if fi := f.feedOfStop(fp.stop); !active[fi] && !dead[fp.stop] {
					// The feed's connections that leave at bd come
					// after this one when their slot is before it.
					active[fi] = true
					for i := range s.slots {
						if int(s.slots[i].feed) == fi {
							cur[i].seek(&s.slots[i], bd, i < bs)
						}
					}
					run = -1
				}
			}
		}
		ps.head[c.from()] = int32(len(ps.ent)) / es
		ps.ent = append(ps.ent, bd, h)
		ps.ent = append(ps.ent, tmp...)
	}
	ps.sourceBound(f, s, src)
	p := &dayProfile{origin: after, nv: nv, srcs: make([][]profEntry, len(src)), cur: make([]int, len(src)), byArr: map[dayKey]*keptDay{}, ps: ps}
	done = true
	ps.kept = grow(ps.kept, len(s.slots))
	for i := range s.slots {
		sl := &s.slots[i]
		k := &ps.kept[i]
		k.base = sl.base
		k.setKept(sl.cs, ps.keep[i], ps.keepEA[i], ps.keepLDS[i])
		p.byArr[dayKey{sl.feed, sl.day}] = k
	}
	for i, q := range src {
		for h := ps.head[q]; h >= 0; h = ps.ent[h*es+1] {
			p.srcs[i] = append(p.srcs[i], profEntry{b: ps.ent[h*es], v: append([]int32(nil), ps.ent[h*es+2:h*es+es]...)})
		}
	}
	return p, nil
}

// at returns, for a departure at t (Unix, not before the last query's),
// the earliest arrival (relative to the origin) with at most r+1 trips
// in ea[r] and the latest departure (relative) that arrives then with
// at most r+1 trips in ld[r]; math.MaxInt32 for none.
func (p *dayProfile) at(t int64, ea, ld []int32) {
	tr := int32(t - p.origin)
	for r := range ea {
		ea[r], ld[r] = math.MaxInt32, math.MaxInt32
	}
	for i, es := range p.srcs {
		for p.cur[i] < len(es) && es[p.cur[i]].b < tr {
			p.cur[i]++
		}
		if p.cur[i] < len(es) {
			for r, v := range es[p.cur[i]].v {
				ea[r] = min(ea[r], v)
			}
		}
	}
	for r := range ea {
		if ea[r] == math.MaxInt32 {
			continue
		}
		best := int32(math.MinInt32)
		for i, es := range p.srcs {
			for k := p.cur[i]; k < len(es) && es[k].v[r] <= ea[r]; k++ {
				best = max(best, es[k].b)
			}
		}
		ld[r] = best
	}
}

// sweepStep gives what a forward scan of Journeys from sweep time t
// (Unix) finds: for each bound on trips that betters the bounds below it
// and arrives by end, the arrival and the number of trips, with a
// departure of such a journey. It reports false when the forward scan's
// stop ParetoSlack after the earliest arrival may matter: the caller
// runs the scan.
func (p *dayProfile) sweepStep(t, end int64, ea, ld []int32) (arrs []optionKey, deps []int64, ok bool) {
	p.at(t, ea, ld)
	top := ea[len(ea)-1]
	slack := int64(ParetoSlack / time.Second)
	for _, a := range ea {
		if a != math.MaxInt32 && int64(a)+p.origin <= end && top != math.MaxInt32 && int64(a) >= int64(top)+slack {
			return nil, nil, false
		}
	}
	prev := int32(math.MaxInt32)
	for r, a := range ea {
		if a < prev && int64(a)+p.origin <= end {
			arrs = append(arrs, optionKey{int64(a) + p.origin, r + 1})
			deps = append(deps, int64(ld[r])+p.origin)
			prev = a
		}
	}
	return arrs, deps, true
}

// setKept fills k with the kept connections of slot cs whose bound lds
// is at the origin or later (the others no journey of Journeys rides):
// keep, ea and lds come by decreasing position.
func (k *keptDay) setKept(cs []dconn, keep, ea, lds []int32) {
	k.cs = k.cs[:0]
	for i := len(keep) - 1; i >= 0; i-- {
		if lds[i] >= 0 {
			k.cs = append(k.cs, keptConn{cs[keep[i]], ea[i], lds[i]})
		}
	}
}

// sourceBound sets keepLDS: for each kept connection, a bound from above
// on the latest departure from a source (relative to the origin) of a
// journey that rides it, math.MinInt32 for none. It is a forward scan
// over the kept connections, in the order of the forward scans, that
// forgets change times, pickup and drop-off types and whether a walk
// ends before the next connection leaves (a stop keeps the latest
// departure of every arrival so far, and connections leaving at the
// same time see each other's arrivals), so that it never bounds too
// low: every connection of a journey the latest-departure scans may find
// is kept (see arrConns), and the connections of a journey leaving at
// or after t have a bound at or after t.
func (ps *profileState) sourceBound(f *Feed, s *search, src []int32) {
	nStops := len(f.stops)
	ps.rl = grow(ps.rl, nStops)
	for i := range ps.rl {
		ps.rl[i] = math.MinInt32
	}
	for _, p := range src {
		ps.rl[p] = math.MaxInt32 // boarding at a source: the departure
	}
	// Trip bounds by the trips' indexes of the profile (tv), more for
	// trips without a value (kept only as staying seated).
	ps.tl = grow(ps.tl, len(ps.tvDone))
	for i := range ps.tl {
		ps.tl[i] = math.MinInt32
	}
	ps.keepLDS = grow(ps.keepLDS, len(s.slots))
	pos := ps.cur[:len(s.slots)] // reused: the next kept connection of each slot, from the end of keep
	for i := range s.slots {
		ps.keepLDS[i] = grow(ps.keepLDS[i], len(ps.keep[i]))
		pos[i] = slotCursor{len(ps.keep[i]) - 1, math.MaxInt32}
		if pos[i].cur >= 0 {
			pos[i].head = s.slots[i].cs[ps.keep[i][pos[i].cur]].dep + s.slots[i].off
		}
	}
	gen := ps.gen
	// visit handles kept connection k of slot bs; it reports whether a
	// bound rose.
	visit := func(bs, k int) bool {
		sl := &s.slots[bs]
		c := &sl.cs[ps.keep[bs][k]]
		ts := sl.tsOff + c.trip
		l := int32(math.MinInt32)
		key := ps.tsKey[ts]
		if uint32(key>>32) != gen {
			key = uint64(gen)<<32 | uint64(len(ps.tl))
			ps.tsKey[ts] = key
			ps.tl = append(ps.tl, math.MinInt32)
		}
		ti := int32(key)
		l = ps.tl[ti]
		if b := ps.rl[c.from()]; b == math.MaxInt32 {
			l = max(l, c.dep+sl.off)
		} else {
			l = max(l, b)
		}
		ps.tl[ti] = l
		// A connection leaving at the time of this one can be boarded
		// after it only when it arrives at once.
		rose := l > ps.keepLDS[bs][k] && c.arr == c.dep
		ps.keepLDS[bs][k] = l
		if l == math.MinInt32 {
			return false
		}
		up := func(q int32) {
			if ps.rl[q] != math.MaxInt32 && l > ps.rl[q] {
				ps.rl[q] = l
				rose = rose || c.arr == c.dep
			}
		}
		up(c.to())
		for _, fp := range f.out[c.to()] {
			up(fp.stop)
		}
		if c.flags()&(lastConn|inBlock) == lastConn|inBlock {
			if y := f.blockNext(c.trip, s.runs(bs)); y >= 0 {
				up(f.stStop[f.trips[y].first])
			}
		}
		return rose
	}
	for {
		// The kept connections leaving at the earliest time left, in
		// the forward scans' order, visited until no bound rises.
		d := int32(math.MaxInt32)
		for i := range pos {
			d = min(d, pos[i].head)
		}
		if d == math.MaxInt32 {
			break
		}
		g := ps.group[:0]
		for i := range pos {
			for pos[i].head == d {
				g = append(g, int32(i), int32(pos[i].cur))
				ps.keepLDS[i][pos[i].cur] = math.MinInt32
				pos[i].cur--
				pos[i].head = math.MaxInt32
				if pos[i].cur >= 0 {
					pos[i].head = s.slots[i].cs[ps.keep[i][pos[i].cur]].dep + s.slots[i].off
				}
			}
		}
		ps.group = g
		for rose := true; rose; {
			rose = false
			for j := 0; j < len(g); j += 2 {
				rose = visit(int(g[j]), int(g[j+1])) || rose
			}
			if len(g) == 2 {
				break
			}
		}
	}
}
