package optw

import (
	"cmp"
	"slices"
)

// Route recombination. With several interchangeable routes (the team
// OPTW: same start, end, times and customers, none required), the
// search keeps a pool of the distinct routes its local optima
// contained and, after its starting solutions, every recombinePeriod
// iterations and at the end, picks the most valuable set of pairwise
// disjoint pool routes, one per route of the problem, by a small
// branch and bound over the pool sorted by value (a set packing). The
// packing then gets the repair and the local search, and replaces the
// best solution when it is worth more. This is the route-recombination
// component of the iterative three-component heuristic of Hu and Lim
// (2014), who solve the packing as an integer programme over the
// routes of their local optima; good routes found in different
// solutions, which destroy and repair rarely bring together, combine
// this way.

const (
	// poolCap bounds the route pool; when it is full the less valuable
	// half is dropped.
	poolCap = 2048
	// packNodes bounds the branch-and-bound nodes of one packing.
	packNodes = 20000
	// recombinePeriod is the number of iterations between packings;
	// the search also packs once after its starting solutions and once
	// at the end. On pr04-pr06 and pr08-pr10 with four routes (one
	// worker, 4000 iterations, seeds 1-3) the mean gap was 1.55%
	// without packing, 1.53% packing every 250 iterations only when the
	// packing beats the best, 1.25-1.28% with the floor below, 1.26%
	// every 100; with budgets of 800 iterations per worker (two
	// workers, pr02-pr06 and pr08-pr10, seeds 1-3), 1.79% without
	// packing, 1.83% every 250, 1.56% every 100 with the packing of the
	// starting solutions.
	recombinePeriod = 100
	// packFloor: a packing is repaired and improved when it is worth
	// more than the best solution minus packFloor mean visit values
	// (of the best solution): packings a little below the best often
	// end above it after the repair fills them.
	packFloor = 3.0
)

// poolRoute is a route of the pool: its visits in order, their value,
// and the set of its visits as a bit set over the nodes.
type poolRoute struct {
	seq   []int
	value float64
	set   []uint64
	hash  uint64
}

// routePool holds the distinct routes seen by one search.
type routePool struct {
	words  int
	routes []*poolRoute
	seen   map[uint64]bool
	// last is the version of each route slot last offered, so that an
	// unchanged route is not hashed again.
	last []uint64
	// scratch of the packing
	order  []*poolRoute
	used   []uint64
	pick   []*poolRoute
	best   []*poolRoute
	bestV  float64
	budget int
}

// recombinable reports whether the routes of p are interchangeable, so
// that any pool route may stand in any slot.
func (p *problem) recombinable() bool {
	if len(p.routes) < 2 || !p.simple || !p.anyRoute {
		return false
	}
	for _, r := range p.routes[1:] {
		if r != p.routes[0] {
			return false
		}
	}
	for _, v := range p.cust {
		if p.required[v] {
			return false
		}
	}
	return true
}

func newRoutePool(p *problem) *routePool {
	return &routePool{words: (p.n + 63) / 64, seen: map[uint64]bool{}, last: make([]uint64, len(p.routes))}
}

// offer adds the routes of s that changed since the last offer and are
// not in the pool yet, if the search keeps a pool.
func (sr *searcher) offer(s *state) {
	rp, p := sr.pool, sr.p
	if rp == nil {
		return
	}
	for r := range s.rt {
		if s.ver[r] == rp.last[r] {
			continue
		}
		rp.last[r] = s.ver[r]
		seq := s.rt[r].seq
		inner := seq[1 : len(seq)-1]
		if len(inner) == 0 {
			continue
		}
		// The hash of a route is that of its set of visits (sum of a
		// mix of each node): a set seen before in any order is skipped.
		var h uint64
		v := 0.0
		for _, x := range inner {
			h += splitmix(uint64(x) + 0x5bd1e995)
			v += p.val[x]
		}
		if rp.seen[h] {
			continue
		}
		rp.seen[h] = true
		pr := &poolRoute{seq: slices.Clone(seq), value: v, set: make([]uint64, rp.words), hash: h}
		for _, x := range inner {
			pr.set[x>>6] |= 1 << (x & 63)
		}
		rp.routes = append(rp.routes, pr)
		if len(rp.routes) >= poolCap {
			rp.shrink()
		}
	}
}

// shrink keeps the more valuable half of the pool.
func (rp *routePool) shrink() {
	slices.SortStableFunc(rp.routes, func(a, b *poolRoute) int { return cmp.Compare(b.value, a.value) })
	for _, r := range rp.routes[len(rp.routes)/2:] {
		delete(rp.seen, r.hash)
	}
	clear(rp.routes[len(rp.routes)/2:])
	rp.routes = rp.routes[:len(rp.routes)/2]
}

// pack returns the most valuable set of at most m disjoint pool routes
// it finds within packNodes branch-and-bound nodes, and its value, or
// nil when it finds nothing worth more than floor.
func (rp *routePool) pack(m int, floor float64) ([]*poolRoute, float64) {
	rp.order = append(rp.order[:0], rp.routes...)
	slices.SortStableFunc(rp.order, func(a, b *poolRoute) int { return cmp.Compare(b.value, a.value) })
	rp.used = slices.Grow(rp.used[:0], rp.words)[:rp.words]
	clear(rp.used)
	rp.pick = rp.pick[:0]
	rp.best = rp.best[:0]
	rp.bestV = floor
	rp.budget = packNodes
	rp.dfs(0, m, 0)
	if len(rp.best) == 0 {
		return nil, 0
	}
	return rp.best, rp.bestV
}

func (rp *routePool) dfs(from, left int, v float64) {
	if v > rp.bestV+eps {
		rp.bestV = v
		rp.best = append(rp.best[:0], rp.pick...)
	}
	if left == 0 {
		return
	}
	for i := from; i < len(rp.order); i++ {
		r := rp.order[i]
		// The routes are sorted by value: no later choice can beat
		// the best packing.
		if v+float64(left)*r.value <= rp.bestV+eps {
			return
		}
		if rp.budget--; rp.budget < 0 {
			return
		}
		if !disjoint(rp.used, r.set) {
			continue
		}
		for w, b := range r.set {
			rp.used[w] |= b
		}
		rp.pick = append(rp.pick, r)
		rp.dfs(i+1, left-1, v+r.value)
		rp.pick = rp.pick[:len(rp.pick)-1]
		for w, b := range r.set {
			rp.used[w] &^= b
		}
	}
}

func disjoint(a, b []uint64) bool {
	for i, x := range b {
		if a[i]&x != 0 {
			return false
		}
	}
	return true
}

// recombine packs the pool into s (start is the empty solution) and
// improves it; it reports whether it found a packing worth more than
// the floor (see packFloor). The routes of the packing enter the pool.
func (sr *searcher) recombine(s, start *state) bool {
	p := sr.p
	floor := sr.best.value - packFloor*sr.temperature()/startTemp
	pick, _ := sr.pool.pack(len(s.rt), floor)
	if pick == nil {
		return false
	}
	s.copyFrom(start)
	for r := range s.rt {
		s.touch(r)
	}
	for r := range s.rt {
		for _, v := range s.rt[r].seq[1 : len(s.rt[r].seq)-1] {
			s.where[v] = -1
			s.value -= p.val[v]
		}
		s.rt[r].seq = s.rt[r].seq[:0]
		if r < len(pick) {
			s.rt[r].seq = append(s.rt[r].seq, pick[r].seq...)
		} else {
			s.rt[r].seq = append(s.rt[r].seq, p.routes[r].start, p.routes[r].end)
		}
		p.update(r, &s.rt[r])
	}
	for r := range s.rt {
		for _, v := range s.rt[r].seq[1 : len(s.rt[r].seq)-1] {
			s.where[v] = r
			s.value += p.val[v]
		}
	}
	sr.repair(s, 0)
	sr.improve(s)
	sr.offer(s)
	return true
}
