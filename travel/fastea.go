package travel

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
)

// The corridor search of earliest-arrival queries.
//
// The forward scan of EarliestArrival keeps, per stop, a label per
// number of trips with its riding, and per trip how it was boarded:
// some 25 ns per connection, and a query between two national feeds
// scans a million connections. Most of that work is for connections
// that lie on no journey arriving at the earliest arrival. So a query
// runs three passes over the same service days (slots):
//
//  1. A plain earliest-arrival Connection Scan (Dibbelt et al. 2018,
//     section 3; see csa.go): one time per stop (the earliest a
//     traveller can board there), one bit per trip, no riding, no
//     layers. It finds the earliest arrival T, the one the full scan
//     finds (it follows the same rules: change and walking times,
//     pickup and drop-off types, staying seated into the next trip of
//     a block), and lists the connections it reached, in scan order.
//     It passes over the blocks of connections that lie in cells it
//     has not reached (cells.go) without looking at them.
//  2. A backward pass over that list, latest first, as in the profile
//     and latest-departure scans of the same paper: per stop the
//     latest time a traveller arriving there can still reach the
//     target by T, per trip whether riding it on does. A connection is
//     kept when riding it can reach the target by T. Few are (some 2,000
//     of 460,000 on the national benchmark), so the pass marks the
//     stops with a latest useful arrival and the stops of the trips
//     found useful, and passes over the connections arriving at other
//     stops, which pass 1 recorded with their arrival stop, without
//     reading them.
//  3. The full scan of csa.go (search.fwdConn) over the kept
//     connections only, in the order of pass 1.
//
// Pass 3 gives the answer of the full scan, tie-breaks included. The
// connections left out are of two kinds. Those pass 1 did not reach
// change nothing in the full scan either (their trip is not boarded,
// their stop not reached in time). The others cannot lead to the
// target by T: neither can anything they make (a label, a trip
// boarded, a seat kept), and it cannot win a minimum that something
// leading to the target by T competes in, since that one is earlier
// (for a stop's labels), or would make the trip lead to the target
// too (for a trip's boarding). What they change are the best arrivals
// later than T, which only ever prune labels that cannot arrive by T.
// Pass 3 checks that it finds T, and a query where it does not runs
// the full scan instead.
//
// Transfer rules of transfers.txt that name trips or routes (which
// depend on the trip a label came by) are left to the full scan, as
// are searches bounded in changes and Feed.Local.
type eaState struct {
	tau        []int32  // per stop: the earliest boarding time (relative), pass 1
	arrived    []int32  // per stop: the earliest arrival whose footpaths pass 1 relaxed (relative)
	latA, latB []int32  // per stop: the latest useful arrival and boarding (relative), pass 2
	reached    []uint64 // per trip state: boarded in pass 1
	seat       []uint64 // per trip state: may be boarded in the seat (pass 1)
	useful     []uint64 // per trip state: riding on reaches the target by T (pass 2)
	on         []uint64 // per feed: the cells pass 1 reached (cells.go)
	mark       []bool   // per stop: it has a latest useful arrival or lies on a useful trip (pass 2)
	hits       []uint64 // pass 1's connections in scan order (hitIdx, hitSlot, hitTo)
	keep       []uint64 // pass 2's, latest first
	t          int32    // pass 1's earliest arrival so far (relative)

	// The feeds pass 1 left (border.go).
	watch     []bool   // per feed: it holds no target and has walks to other feeds
	crossAt   []int    // per feed: its first walk to another feed that may still improve a stop
	doneAt    []int32  // per feed: when pass 1 left it (relative), MaxInt32 if not
	resume    []int    // per slot of a feed left: the next connection to scan
	firstDone int      // hits[firstDone:] were found after pass 1 left the first feed, -1 if none
	hitT      []int32  // their departures (relative)
	rHits     []uint64 // the hits of a resumed scan, with their departures
	rHitT     []int32
	mHits     []uint64 // scratch of the merge
	mHitT     []int32
	bad       bool // a resumed scan improved another feed's stop
	unfit     bool // the slots or their connections are too many for hits (hitsFit)

	dirty       []int32 // the stops pass 3 wrote labels of (search.timeClean)
	dirtyLayers int     // with this many layers
}

// fastEA turns the corridor search on, cellSkip pass 1's skipping of
// cells not reached; tests turn them off to compare.
var fastEA, cellSkip = true, true

// fastFallbacks counts the queries whose pass 3 did not find pass 1's
// arrival and ran the full scan (there should be none), corridorRuns
// those the three passes answered; for tests.
var fastFallbacks, corridorRuns atomic.Int64

// corridorApplies reports whether the three passes give this query's
// answer: an earliest-arrival query not bounded in changes, without
// slack and without the access and egress walks of Feed.Local, on feeds
// without transfer rules naming trips or routes (which pass 1's one
// time per stop cannot follow).
func (s *search) corridorApplies() bool {
	return fastEA && s.absorb && s.slack == 0 && s.access == nil && s.egress == nil && len(s.f.special.rules) == 0
}

// fill32 returns s grown to n entries, each v.
func fill32(s []int32, n int, v int32) []int32 {
	s = grow(s, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// clearBits returns s grown to hold n bits, all clear.
func clearBits(s []uint64, n int) []uint64 {
	s = grow(s, (n+63)/64)
	clear(s)
	return s
}

// earliestCorridor runs the forward scan of an earliest-arrival query
// (best[last] and the labels, as search.forward leaves them) by the
// three passes.
func (s *search) earliestCorridor(ctx context.Context, window int32, last int) error {
	if !s.corridorApplies() {
		return s.forward(ctx, window, last)
	}
	if s.ea == nil {
		s.ea = &eaState{}
	}
	t, err := s.eaForward(ctx, window)
	if err != nil {
		return err
	}
	if s.ea.unfit {
		return s.forward(ctx, window, last)
	}
	if t == math.MaxInt32 {
		// No journey: nor does the full scan find one.
		for j := range s.best {
			s.best[j] = math.MaxInt32
		}
		return nil
	}
	if err := s.eaBackward(ctx, t); err != nil {
		return err
	}
	for {
		more, err := s.eaResume(ctx)
		if err != nil {
			return err
		}
		if s.ea.bad {
			fastFallbacks.Add(1)
			return s.forward(ctx, window, last)
		}
		if !more {
			break
		}
		if err := s.eaBackward(ctx, t); err != nil {
			return err
		}
	}
	if err := s.eaKept(ctx, last); err != nil {
		return err
	}
	if s.best[last] != t {
		fastFallbacks.Add(1)
		return s.forward(ctx, window, last)
	}
	corridorRuns.Add(1)
	return nil
}

// eaForward is pass 1: it sets up the slots and returns the earliest
// arrival (relative), MaxInt32 for none.
func (s *search) eaForward(ctx context.Context, window int32) (int32, error) {
	f, e := s.f, s.ea
	e.tau = fill32(e.tau, s.nStops, math.MaxInt32)
	e.arrived = fill32(e.arrived, s.nStops, math.MaxInt32)
	s.setSlots(s.origin, s.origin+int64(window), true)
	if e.unfit = !s.hitsFit(); e.unfit {
		return math.MaxInt32, nil
	}
	cx := f.cells()
	nf := len(f.feeds)
	e.on = grow(e.on, nf)
	clear(e.on)
	if !cellSkip {
		for i := range e.on {
			e.on[i] = math.MaxUint64
		}
	}
	for _, p := range s.src {
		e.tau[p] = 0
		e.on[f.feedOfStop(p)] |= cx.stop[p]
	}
	nts := 0
	if n := len(s.slots); n > 0 {
		sl := &s.slots[n-1]
		info := &f.feeds[sl.feed]
		nts = sl.tsBase + int(info.tripHi-info.tripLo)
	}
	e.reached = clearBits(e.reached, nts)
	if len(f.blocks) > 0 {
		e.seat = clearBits(e.seat, nts)
	}
	// Feeds a journey can only leave (see border.go).
	e.doneAt = fill32(e.doneAt, nf, math.MaxInt32)
	e.watch = grow(e.watch, nf)
	e.crossAt = grow(e.crossAt, nf)
	clear(e.watch)
	clear(e.crossAt)
	if nf > 1 && feedsDone {
		cross := f.crossIndex()
		for fi := range e.watch {
			e.watch[fi] = len(cross.byFeed[fi]) > 0
		}
		for _, p := range s.tgt {
			e.watch[f.feedOfStop(p)] = false
		}
	}
	e.resume = grow(e.resume, len(s.slots))
	e.hits, e.hitT, e.firstDone, e.bad = e.hits[:0], e.hitT[:0], -1, false
	e.t = math.MaxInt32
	s.startSlots(true)
	return s.eaScan(ctx, window, false)
}

// eaScan runs pass 1 over the slots until the scan reaches limit
// (relative) or the earliest arrival, appending what it reaches to
// e.hits (to e.rHits when resuming the feeds it left, border.go), and
// returns the earliest arrival.
func (s *search) eaScan(ctx context.Context, limit int32, resume bool) (int32, error) {
	f, e := s.f, s.ea
	cx := f.cells()
	blocks := len(f.blocks) > 0
	multi := len(f.feeds) > 1
	n, checked := 0, 0
	defer func() { scanned.Add(int64(n)) }()
	t := e.t
	tau, arrived, reached, seat, isTgt := e.tau, e.arrived, e.reached, e.seat, s.isTgt
	on, cstop := e.on, cx.stop
	out := f.footCSR()
	hits, hitT := e.hits, e.hitT
	if resume {
		hits, hitT = e.rHits[:0], e.rHitT[:0]
	}
	defer func() {
		e.t = t
		if resume {
			e.rHits, e.rHitT = hits, hitT
		} else {
			e.hits, e.hitT = hits, hitT
		}
	}()
	timed := resume || e.firstDone >= 0
	slots := s.slots
	for {
		if n-checked > 0x4000 {
			checked = n
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		// The merge of the slots as in search.forward: the slot with
		// the earliest head (the first of equal ones) scans while its
		// connections leave before lim, the earliest head of the
		// others (limI the first of those), or at lim if it comes
		// before limI.
		bs, bd, lim, limI := firstHead(slots)
		if bs < 0 || bd > limit || bd >= t {
			return t, nil
		}
		if bs > limI {
			lim-- // at lim the other slot goes first
		}
		sl := &slots[bs]
		watch := !resume && e.watch[sl.feed]
		if watch && s.eaLeave(sl.feed, bd, bs, sl.cur, len(hits)) {
			// No journey to the target needs this feed's connections
			// from here on, but perhaps for ties (border.go).
			timed = true
			continue
		}
		cs, off, tsOff := sl.cs, sl.off, sl.tsOff
		// In the slot's times:
		lim, win := int32(min(int64(lim)-int64(off), math.MaxInt32)), limit-off
		cur := sl.cur
		cells, onF := sl.cells, &on[sl.feed]
		activated := false
		for ; cur < len(cs) && !activated; cur++ {
			if uint(cur)%cellBlock == 0 {
				if watch && s.eaLeave(sl.feed, cs[cur].dep+off, bs, cur, len(hits)) {
					timed = true
					cur = len(cs)
					break
				}
				if cells[uint(cur)/cellBlock]&*onF == 0 {
					// A block in cells not reached: pass over it whole
					// when this run would scan all of it.
					end := min(cur+cellBlock, len(cs))
					if d := cs[end-1].dep; d <= lim && d <= win && d+off < t {
						cur = end - 1
						continue
					}
				}
			}
			c := &cs[cur]
			if c.dep > lim || c.dep > win || c.dep+off >= t {
				break
			}
			n++
			ts := tsOff + c.trip
			w, bit := ts>>6, uint64(1)<<(ts&63)
			fl := c.flags()
			if reached[w]&bit == 0 {
				if fl&noBoard != 0 || tau[c.from()] > c.dep+off {
					// Staying seated from the trip before in the block:
					// blockNext leaves this one after its arrival.
					if !blocks || fl&firstConn == 0 || seat[w]&bit == 0 {
						continue
					}
				}
				reached[w] |= bit
			}
			// The trip's next connection leaves from c.to.
			to := c.to()
			*onF |= 1 << c.cellTo()
			seatEnd := fl&lastConn != 0 && fl&inBlock != 0
			h := uint64(to)<<hitToShift | uint64(bs)<<hitIdxBits | uint64(cur)
			if seatEnd {
				h |= hitSeat
			}
			hits = append(hits, h)
			if timed {
				hitT = append(hitT, c.dep+off)
			}
			if a := c.arr + off; fl&noAlight == 0 {
				// An arrival no earlier than one whose footpaths were
				// relaxed already improves no stop's time (every
				// footpath adds the same duration to both).
				if a < t && a < arrived[to] {
					arrived[to] = a
					if isTgt[to] {
						t = a
					}
					for k := out.off[to]; k < out.off[to+1]; k++ {
						q := out.stop[k]
						x := a + s.change
						if d := out.dur[k]; d != useDefault {
							x = a + d
						}
						if x < tau[q] {
							tau[q] = x
							fi := int16(0)
							if multi {
								fi = f.stopFeed[q]
							}
							on[fi] |= cstop[q]
							if resume && fi != sl.feed {
								// eaLeave said this cannot happen.
								e.bad = true
							}
							if multi && !s.active[fi] {
								s.activate(int(fi), c.dep+off, true)
								activated = true
							}
						}
					}
				}
			}
			if seatEnd {
				if y := f.blockNext(c.trip, s.runs(bs)); y >= 0 {
					ty := s.ts(bs, y)
					seat[ty>>6] |= 1 << (ty & 63)
					*onF |= cstop[f.stStop[f.trips[y].first]]
				}
			}
		}
		sl.cur = cur
		sl.head = math.MaxInt32
		if cur < len(cs) {
			sl.head = cs[cur].dep + off
		}
	}
}

// A footIndex holds the footpaths out of each stop in one array:
// those of stop p are stop[off[p]:off[p+1]], with dur.
type footIndex struct {
	once      sync.Once
	off, stop []int32
	dur       []int32
}

// footCSR returns Feed.out as a footIndex, built on first use.
func (f *Feed) footCSR() *footIndex {
	x := &f.footIdx
	x.once.Do(func() {
		x.off = make([]int32, len(f.out)+1)
		for p, fps := range f.out {
			x.off[p+1] = x.off[p] + int32(len(fps))
			for _, fp := range fps {
				x.stop = append(x.stop, fp.stop)
				x.dur = append(x.dur, fp.dur)
			}
		}
	})
	return x
}

// eaBackward is pass 2: of pass 1's connections, it keeps those riding
// which can reach the target by t (relative).
func (s *search) eaBackward(ctx context.Context, t int32) error {
	f, e := s.f, s.ea
	e.latA = fill32(e.latA, s.nStops, math.MinInt32)
	e.latB = fill32(e.latB, s.nStops, math.MinInt32)
	for _, p := range s.tgt {
		e.latA[p] = t
	}
	e.useful = clearBits(e.useful, len(e.reached)*64)
	e.keep = e.keep[:0]
	latA, latB, useful := e.latA, e.latB, e.useful
	e.mark = grow(e.mark, s.nStops)
	clear(e.mark)
	mark := e.mark
	for _, p := range s.tgt {
		mark[p] = true
	}
	n := 0
	defer func() { scanned.Add(int64(n)) }()
	for i := len(e.hits) - 1; i >= 0; i-- {
		if i&0x3fff == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		h := e.hits[i]
		if h&hitSeat == 0 && !mark[hitTo(h)] {
			// Its arrival stop has no latest arrival and its trip is
			// not useful (that would have marked the stop).
			continue
		}
		n++
		bs := hitSlot(h)
		sl := &s.slots[bs]
		c := &sl.cs[hitIdx(h)]
		ts := sl.tsOff + c.trip
		w, bit := ts>>6, uint64(1)<<(ts&63)
		if useful[w]&bit == 0 {
			switch {
			case c.flags()&noAlight == 0 && c.arr+sl.off <= latA[c.to()]:
			case h&hitSeat != 0 && s.seatUseful(bs, c.trip):
			default:
				continue
			}
			useful[w] |= bit
			// The trip's earlier connections are kept wherever they
			// arrive.
			tr := &f.trips[c.trip]
			for _, p := range f.stStop[tr.first : tr.first+tr.n] {
				mark[p] = true
			}
		}
		e.keep = append(e.keep, h)
		if d := c.dep + sl.off; c.flags()&noBoard == 0 && d > latB[c.from()] {
			latB[c.from()] = d
			for _, fp := range f.in[c.from()] {
				if x := d - s.dur(fp); x > latA[fp.stop] {
					latA[fp.stop] = x
					mark[fp.stop] = true
				}
			}
		}
	}
	return nil
}

// A hit of pass 1 packs a connection it reached: its index in its
// slot, the slot, hitSeat when it is the last connection of a trip in a
// block (the rider may stay seated into the next), and its arrival
// stop, which fits since a Feed has at most maxStops stops. hitsFit
// tells whether a search's slots and their connections fit.
const (
	hitIdxBits  = 26
	hitSlotBits = 13
	hitSeat     = 1 << (hitIdxBits + hitSlotBits)
	hitToShift  = hitIdxBits + hitSlotBits + 1
)

func hitIdx(h uint64) int32 { return int32(h & (1<<hitIdxBits - 1)) }

func hitSlot(h uint64) int { return int(h>>hitIdxBits) & (1<<hitSlotBits - 1) }

func hitTo(h uint64) int32 { return int32(h >> hitToShift) }

func (s *search) hitsFit() bool {
	if len(s.slots) >= 1<<hitSlotBits {
		return false
	}
	for i := range s.slots {
		if len(s.slots[i].cs) >= 1<<hitIdxBits {
			return false
		}
	}
	return true
}

// seatUseful tells whether staying seated at the end of trip tr (slot
// bs) into the next trip of its block reaches the target (pass 2).
func (s *search) seatUseful(bs int, tr int32) bool {
	y := s.f.blockNext(tr, s.runs(bs))
	if y < 0 {
		return false
	}
	ty := s.ts(bs, y)
	return s.ea.useful[ty>>6]&(1<<(ty&63)) != 0
}

// eaKept is pass 3: the full forward scan (search.forward) over the
// connections pass 2 kept.
func (s *search) eaKept(ctx context.Context, last int) error {
	f, e := s.f, s.ea
	// Only the stops the last pass 3 wrote need their labels reset,
	// unless another scan used them since.
	if s.timeClean {
		for _, p := range e.dirty {
			ls := s.time[int(p)*e.dirtyLayers : int(p+1)*e.dirtyLayers]
			for j := range ls {
				ls[j] = stamp{t: math.MaxInt32}
			}
		}
	} else {
		all := s.time[:cap(s.time)]
		for i := range all {
			all[i] = stamp{t: math.MaxInt32}
		}
	}
	e.dirty, e.dirtyLayers = e.dirty[:0], s.layers
	s.timeClean = true
	s.reach = fill32(s.reach, s.nStops, math.MaxInt32)
	for j := range s.best {
		s.best[j] = math.MaxInt32
	}
	for _, p := range s.src {
		s.reach[p] = 0
		e.dirty = append(e.dirty, p)
		for j := 0; j < s.layers; j++ {
			s.time[int(p)*s.layers+j] = stamp{}
			s.lab[int(p)*s.layers+j] = label{enter: -1, via: p}
		}
	}
	// As setSlots leaves a scan, with every feed active: pass 1 let
	// those wait.
	s.gen++
	if s.gen == 0 {
		clear(s.pushGen)
		s.gen = 1
	}
	clear(s.boarded)
	clear(s.push)
	clear(s.pre)
	s.pushes = s.pushes[:0]
	for i := range s.active {
		s.active[i] = true
	}
	s.bound(s.tgt, s.src)
	multi := len(f.feeds) > 1
	keep := s.ea.keep
	scanned.Add(int64(len(keep)))
	for i := len(keep) - 1; i >= 0; i-- {
		if i&0x3fff == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		h := keep[i]
		bs := hitSlot(h)
		idx := hitIdx(h)
		sl := &s.slots[bs]
		c := &sl.cs[idx]
		bd := c.dep + sl.off
		if bd >= s.best[last] {
			return nil
		}
		ts := sl.tsOff + c.trip
		k := s.getK(ts)
		if k < 0 && len(s.pushes) == 0 && (c.flags()&noBoard != 0 || s.reach[c.from()] > bd) {
			continue
		}
		for _, fp := range f.out[c.to()] {
			e.dirty = append(e.dirty, fp.stop) // the stops fwdConn may label
		}
		s.fwdConn(bs, idx, c, bd, k, multi)
	}
	return nil
}
