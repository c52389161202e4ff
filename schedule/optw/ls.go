package optw

import (
	"cmp"
	"slices"
)

// Local search. After each repair the search shortens its routes with
// classic moves so that the slack they free takes more visits: 2-opt and
// or-opt inside a route; relocate, swap and 2-opt* (tail exchange)
// between routes; and a replace move that swaps a visited node for a
// more valuable unvisited one at the same position. This is the
// neighbourhood set of the variable neighbourhood searches for the team
// OPTW (Labadie, Mansini, Melechovský and Wolfler Calvo 2012, "The team
// orienteering problem with time windows: an LP-based granular variable
// neighborhood search", European Journal of Operational Research
// 220(1):15-27; Hu and Lim 2014, "An iterative three-component heuristic
// for the team orienteering problem with time windows", EJOR
// 232(2):276-286).
//
// Every move is tested in O(1) with segment summaries in the manner of
// Kindervater and Savelsbergh (1997, "Vehicle routing: handling edge
// exchanges", in Aarts and Lenstra, Local Search in Combinatorial
// Optimization): a sequence of visits with one window each, entered at
// time a (arrival at its first node), starts service at its last node at
// max(a+d, c) and is feasible if and only if a <= u. Two summaries
// concatenate in O(1), a route prefix is summarised by its earliest
// service start eD and a suffix by its latest arrival lD. The summaries
// need one window per node and no break, so local search runs only on
// problems of that shape (the benchmark sets and most single-day plans);
// others are searched by destroy and repair alone.

// seg summarises a sequence of customers: service starting at its first
// node on arrival at time a <= u (waiting for the window) starts at its
// last node at max(a+d, c).
type seg struct {
	first, last int
	d           int64 // service and travel from first to last, without waiting
	c           int64 // earliest service start at last
	u           int64 // latest arrival at first
	ok          bool  // some arrival time works
}

func (p *problem) one(v int) seg {
	return seg{first: v, last: v, c: p.open[v], u: p.close[v], ok: true}
}

// cat is the summary of a followed by b.
func (p *problem) cat(a, b seg) seg {
	l := p.svc[a.last] + p.t[a.last*p.n+b.first]
	return seg{
		first: a.first, last: b.last,
		d:  a.d + l + b.d,
		c:  max(a.c+l+b.d, b.c),
		u:  min(a.u, b.u-a.d-l),
		ok: a.ok && b.ok && a.c+l <= b.u,
	}
}

// fits reports whether the route that follows rt up to position i, then
// the sequence s, then rt from position j on, is feasible. Route rt must
// have no break.
func (p *problem) fits(rt *route, i int, s seg, j int) bool {
	v := rt.seq[i]
	a := rt.eD[i] + p.svc[v] + p.t[v*p.n+s.first]
	if !s.ok || a > s.u {
		return false
	}
	f := max(a+s.d, s.c)
	return f+p.svc[s.last]+p.t[s.last*p.n+rt.seq[j]] <= rt.lD[j]
}

// fitsOne is fits for the one node j: it reads the travel time from j
// to the next node from the transposed matrix, whose row of that node
// stays in cache while j runs over many nodes.
func (p *problem) fitsOne(rt *route, i, j, k int) bool {
	v := rt.seq[i]
	a := rt.eD[i] + p.svc[v] + p.t[v*p.n+j]
	if a > p.close[j] {
		return false
	}
	return max(a, p.open[j])+p.svc[j]+p.tT[rt.seq[k]*p.n+j] <= rt.lD[k]
}

// link reports whether the route that follows rt up to position i, then
// jumps to route o at position j, is feasible. Both must have no break,
// and o's end and arrival limit count.
func (p *problem) link(rt *route, i int, o *route, j int) bool {
	v, w := rt.seq[i], o.seq[j]
	return rt.eD[i]+p.svc[v]+p.t[v*p.n+w] <= o.lD[j]
}

// improve runs the local search on s: intra-route moves on every route
// not known to be locally optimal, inter-route moves on every pair of
// routes not known to be, replace moves, then insertion of unvisited
// nodes into the slack; it repeats while anything changed, at most
// lsRounds times. A route is known locally optimal when its version
// (state.ver, bumped on every change and copied with the state) is one
// of the last two the search found optimal, so routes an iteration did
// not touch are not searched again. It does nothing on problems that
// are not simple.
func (sr *searcher) improve(s *state) {
	p := sr.p
	if !p.simple {
		return
	}
	m := len(s.rt)
	if s.clock == nil {
		s.clock = &sr.clock
		for r := range m {
			s.touch(r)
		}
	}
	if len(sr.pairSeen) != m*m {
		sr.pairSeen = make([][2][2]uint64, m*m)
		sr.intraSeen = make([][2]uint64, m)
	}
	for range lsRounds {
		moved := false
		for r := range m {
			if seen(&sr.intraSeen[r], s.ver[r]) {
				continue
			}
			for sr.twoOpt(s, r) || sr.orOpt(s, r) {
				moved = true
			}
			remember(&sr.intraSeen[r], s.ver[r])
		}
		if m > 1 {
			for sr.interRoute(s) {
				moved = true
			}
		}
		if sr.replace(s) {
			moved = true
		}
		if !moved {
			return
		}
		sr.repair(s, 0)
	}
}

// lsRounds bounds the rounds of improve.
const lsRounds = 4

// seen reports whether v is one of the two versions in h.
func seen[T comparable](h *[2]T, v T) bool { return h[0] == v || h[1] == v }

// remember puts v first in h.
func remember[T comparable](h *[2]T, v T) {
	if h[0] != v {
		h[0], h[1] = v, h[0]
	}
}

// twoOpt applies the first improving reversal of a run of visits in
// route r and reports whether it found one.
func (sr *searcher) twoOpt(s *state, r int) bool {
	p := sr.p
	n := p.n
	rt := &s.rt[r]
	seq := rt.seq
	last := len(seq) - 1
	improved := false
outer:
	for i := 0; i+2 < last; i++ {
		a, a1 := seq[i], seq[i+1]
		rev := p.one(a1)
		var fw, bw int64 // travel along seq[i+1..k] forwards and backwards
		base := p.t[a*n+a1]
		for k := i + 2; k < last; k++ {
			b, b1 := seq[k], seq[k+1]
			fw += p.t[seq[k-1]*n+b]
			bw += p.t[b*n+seq[k-1]]
			rev = p.cat(p.one(b), rev)
			// rev.u only falls as k grows, and rev is entered no
			// earlier than service ends at a.
			if !rev.ok || rt.eD[i]+p.svc[a] > rev.u {
				break
			}
			delta := p.t[a*n+b] + bw + p.t[a1*n+b1] - base - fw - p.t[b*n+b1]
			if delta < 0 && p.fits(rt, i, rev, k+1) {
				slices.Reverse(seq[i+1 : k+1])
				p.update(r, rt)
				s.touch(r)
				improved = true
				continue outer
			}
		}
	}
	return improved
}

// orOpt applies the first improving move of a run of one to three visits
// to another place in route r and reports whether it found one.
func (sr *searcher) orOpt(s *state, r int) bool {
	p := sr.p
	n := p.n
	rt := &s.rt[r]
	seq := rt.seq
	last := len(seq) - 1
	improved := false
outer:
	for a := 1; a < last; a++ {
		sg := p.one(seq[a])
		for b := a; b < last && b < a+3; b++ {
			if b > a {
				sg = p.cat(sg, p.one(seq[b]))
				if !sg.ok {
					break
				}
			}
			x, y := seq[a], seq[b]
			gain := p.t[seq[a-1]*n+x] + p.t[y*n+seq[b+1]] - p.t[seq[a-1]*n+seq[b+1]]
			// Earlier: between q and q+1 for q < a-1.
			if a >= 2 {
				// The visits a move to an earlier place jumps,
				// seq[mq..a-1], summarised in mid, which is extended only
				// when a move's travel gain calls for its check: a piece
				// of a feasible route is feasible on its own, so no
				// extension could end the scan early.
				mid, mq := seg{}, a
				for q := a - 2; q >= 0; q-- {
					u, v := seq[q], seq[q+1]
					delta := p.t[u*n+x] + p.t[y*n+v] - p.t[u*n+v] - gain
					if delta >= 0 {
						continue
					}
					if mq == a {
						mid, mq = p.one(seq[a-1]), a-1
					}
					for mq > q+1 {
						mq--
						mid = p.cat(p.one(seq[mq]), mid)
					}
					if p.fits(rt, q, p.cat(sg, mid), b+1) {
						sr.move(s, r, a, b, q)
						improved = true
						continue outer
					}
				}
			}
			// Later: between q and q+1 for q > b. The visits jumped,
			// seq[b+1..mq], are summarised in mid, extended when a
			// move's gain calls for its check; service at seq[q] starts
			// at mid.c or later, and at open[seq[q]] or later, and
			// mid.c only grows with q: once the segment can no longer
			// follow, the scan ends.
			if b+1 < last {
				mid, mq := p.one(seq[b+1]), b+1
				for q := b + 1; q < last; q++ {
					u, v := seq[q], seq[q+1]
					if p.open[u]+p.svc[u] > sg.u {
						break
					}
					delta := p.t[u*n+x] + p.t[y*n+v] - p.t[u*n+v] - gain
					if delta >= 0 {
						continue
					}
					for mq < q {
						mq++
						mid = p.cat(mid, p.one(seq[mq]))
					}
					if mid.c+p.svc[u] > sg.u {
						break
					}
					if p.fits(rt, a-1, p.cat(mid, sg), q+1) {
						sr.move(s, r, a, b, q)
						improved = true
						continue outer
					}
				}
			}
		}
	}
	return improved
}

// move moves positions a..b of route r to between positions q and q+1
// (q outside a-1..b).
func (sr *searcher) move(s *state, r, a, b, q int) {
	rt := &s.rt[r]
	buf := append(sr.segBuf[:0], rt.seq[a:b+1]...)
	sr.segBuf = buf
	if q < a {
		copy(rt.seq[q+1+len(buf):b+1], rt.seq[q+1:a])
		copy(rt.seq[q+1:], buf)
	} else {
		copy(rt.seq[a:], rt.seq[b+1:q+1])
		copy(rt.seq[q+1-len(buf):], buf)
	}
	sr.p.update(r, rt)
	s.touch(r)
}

// interRoute applies the first improving relocate (one or two visits),
// swap or tail exchange between two routes and reports whether it found
// one.
func (sr *searcher) interRoute(s *state) bool {
	p := sr.p
	n := p.n
	for r1 := range s.rt {
		for r2 := range s.rt {
			if r1 == r2 || seen(&sr.pairSeen[r1*len(s.rt)+r2], [2]uint64{s.ver[r1], s.ver[r2]}) {
				continue
			}
			o1, o2 := &s.rt[r1], &s.rt[r2]
			s1, s2 := o1.seq, o2.seq
			l1, l2 := len(s1)-1, len(s2)-1
			// Relocate s1[a..b] into r2 between q and q+1.
			for a := 1; a < l1; a++ {
				if !p.mayVisit(s1[a], r2) {
					continue
				}
				sg := p.one(s1[a])
				for b := a; b < l1 && b < a+2; b++ {
					if b > a {
						if !p.mayVisit(s1[b], r2) {
							break
						}
						if sg = p.cat(sg, p.one(s1[b])); !sg.ok {
							break
						}
					}
					x, y := s1[a], s1[b]
					gain := p.t[s1[a-1]*n+x] + p.t[y*n+s1[b+1]] - p.t[s1[a-1]*n+s1[b+1]]
					if gain <= 0 || !p.canRemove(o1, a, b) {
						continue
					}
					// fits needs the segment reached by sg.u, so service
					// at s2[q] must end by then (a bound that only grows
					// with q), and left in time for s2[q+1] (whose latest
					// arrival only grows with q).
					leave := sg.c + p.svc[y]
					for q := 0; q < l2; q++ {
						if o2.eD[q]+p.svc[s2[q]] > sg.u {
							break
						}
						if o2.lD[q+1] < leave {
							continue
						}
						u, v := s2[q], s2[q+1]
						delta := p.t[u*n+x] + p.t[y*n+v] - p.t[u*n+v] - gain
						if delta < 0 && p.fits(o2, q, sg, q+1) {
							o2.seq = slices.Insert(o2.seq, q+1, s1[a:b+1]...)
							for _, w := range s1[a : b+1] {
								s.where[w] = r2
							}
							o1.seq = slices.Delete(o1.seq, a, b+1)
							sr.changed2(s, r1, r2)
							return true
						}
					}
				}
			}
			if r2 < r1 {
				remember(&sr.pairSeen[r1*len(s.rt)+r2], [2]uint64{s.ver[r1], s.ver[r2]})
				continue
			}
			// Swap s1[x] and s2[y].
			for x := 1; x < l1; x++ {
				u := s1[x]
				if !p.mayVisit(u, r2) {
					continue
				}
				pu, nu := s1[x-1], s1[x+1]
				for y := 1; y < l2; y++ {
					// u in place of s2[y], as above.
					if o2.eD[y-1]+p.svc[s2[y-1]] > p.close[u] {
						break
					}
					if o2.lD[y+1] < p.open[u]+p.svc[u] {
						continue
					}
					v := s2[y]
					if !p.mayVisit(v, r1) {
						continue
					}
					pv, nv := s2[y-1], s2[y+1]
					delta := p.t[pu*n+v] + p.t[v*n+nu] + p.t[pv*n+u] + p.t[u*n+nv] -
						p.t[pu*n+u] - p.t[u*n+nu] - p.t[pv*n+v] - p.t[v*n+nv]
					if delta < 0 && p.fits(o1, x-1, p.one(v), x+1) && p.fits(o2, y-1, p.one(u), y+1) {
						s1[x], s2[y] = v, u
						s.where[u], s.where[v] = r2, r1
						sr.changed2(s, r1, r2)
						return true
					}
				}
			}
			// Exchange the tails after s1[i] and s2[j].
			if !p.sameEnd(r1, r2) {
				remember(&sr.pairSeen[r1*len(s.rt)+r2], [2]uint64{s.ver[r1], s.ver[r2]})
				continue
			}
			for i := 0; i < l1; i++ {
				// The links below need s1[i] left by o2's latest
				// arrival at j+1 (which only grows with j), and s2[j]
				// left by o1's latest arrival at i+1 (while what leaving
				// s2[j] takes only grows with j).
				left1 := o1.eD[i] + p.svc[s1[i]]
				for j := 0; j < l2; j++ {
					if o2.eD[j]+p.svc[s2[j]] > o1.lD[i+1] {
						break
					}
					if left1 > o2.lD[j+1] || i == l1-1 && j == l2-1 {
						continue
					}
					a, a1, b, b1 := s1[i], s1[i+1], s2[j], s2[j+1]
					delta := p.t[a*n+b1] + p.t[b*n+a1] - p.t[a*n+a1] - p.t[b*n+b1]
					if delta < 0 && p.link(o1, i, o2, j+1) && p.link(o2, j, o1, i+1) {
						t1 := append(sr.segBuf[:0], s1[i+1:]...)
						o1.seq = append(o1.seq[:i+1], s2[j+1:]...)
						o2.seq = append(o2.seq[:j+1], t1...)
						sr.segBuf = t1
						for _, w := range o1.seq[i+1 : len(o1.seq)-1] {
							s.where[w] = r1
						}
						for _, w := range o2.seq[j+1 : len(o2.seq)-1] {
							s.where[w] = r2
						}
						sr.changed2(s, r1, r2)
						return true
					}
				}
			}
			remember(&sr.pairSeen[r1*len(s.rt)+r2], [2]uint64{s.ver[r1], s.ver[r2]})
		}
	}
	return false
}

// changed2 updates routes r1 and r2 after an inter-route move.
func (sr *searcher) changed2(s *state, r1, r2 int) {
	sr.p.update(r1, &s.rt[r1])
	sr.p.update(r2, &s.rt[r2])
	s.touch(r1)
	s.touch(r2)
}

// replace swaps visited nodes for more valuable unvisited ones at the
// same position, best gain first, and reports whether it swapped any.
// The unvisited candidates are kept in order of falling value
// (problem.byValue), so the scan of a position stops at the first that
// would gain no more than the best swap found so far.
func (sr *searcher) replace(s *state) bool {
	p := sr.p
	free := sr.free[:0]
	for _, j := range p.byValue {
		if s.where[j] < 0 {
			free = append(free, j)
		}
	}
	sr.free = free
	swapped := false
	for {
		bg, br, bx, bf := eps, -1, 0, -1
		for r := range s.rt {
			rt := &s.rt[r]
			for x := 1; x < len(rt.seq)-1; x++ {
				i := rt.seq[x]
				if p.required[i] {
					continue
				}
				for fi, j := range free {
					g := p.val[j] - p.val[i]
					if g <= bg {
						break
					}
					if p.mayVisit(j, r) && p.fitsOne(rt, x-1, j, x+1) {
						bg, br, bx, bf = g, r, x, fi
					}
				}
			}
		}
		if br < 0 {
			return swapped
		}
		rt := &s.rt[br]
		i, j := rt.seq[bx], free[bf]
		rt.seq[bx] = j
		p.update(br, rt)
		s.touch(br)
		s.where[i], s.where[j] = -1, br
		s.value += p.val[j] - p.val[i]
		// Keep free in order: drop j, put i where its value belongs.
		free = slices.Delete(free, bf, bf+1)
		k, _ := slices.BinarySearchFunc(free, p.val[i], func(v int, x float64) int { return cmp.Compare(x, p.val[v]) })
		free = slices.Insert(free, k, i)
		sr.free = free
		swapped = true
	}
}

func (p *problem) mayVisit(v, r int) bool { return p.allowed[v]&(1<<r) != 0 }

// sameEnd reports whether routes r1 and r2 end at the same node by the
// same time and every customer may use both, so that their tails may be
// exchanged.
func (p *problem) sameEnd(r1, r2 int) bool {
	a, b := &p.routes[r1], &p.routes[r2]
	return p.anyRoute && a.end == b.end && a.arrive == b.arrive
}
