package optw

import (
	"cmp"
	"math/rand/v2"
	"slices"
)

// Restricted dynamic programming over time. A beam builds a path from
// one node, left at a given time, to another that must be reached by a
// given time, through unvisited customers: a label is a partial path
// (its last node, the time it leaves that node, its set of visits and
// their value), and labels are expanded in order of time. The horizon
// is cut into beamBuckets time buckets; when a bucket's turn comes,
// only its beamWidth best labels by value, at most beamPerNode of them
// per last node, are kept and extended by every customer they can still
// serve in its window and then leave in time to reach the end. This is
// the restricted dynamic programming of Gromicho, van Hoorn, Kok and
// Schutten (2012, "Restricted dynamic programming: a flexible framework
// for solving realistic VRPs", Computers & Operations Research
// 39(5):902-909), with stages of equal time instead of equal numbers of
// visits: labels compared within a bucket have used the same time, so
// the value they collected ranks them fairly, and the cap per last node
// keeps labels in different places. A new label goes straight into the
// few best of its bucket and last node (a heap of at most beamPerNode),
// so that a bucket's turn only sorts its candidates, and a label is
// extended only by customers whose last window has not closed when it
// leaves. The beam keeps whole route shapes
// (other first visits, other directions) that the greedy insertion and
// the local moves do not reach: on pr11-pr20, where the windows bind, a
// greedy start fixes the first clusters of the route and the search
// does not leave them. With a width that keeps every label the beam
// enumerates every feasible path and is exact (the tests compare it with
// Exact); pruning by value alone, without dominance between visit sets,
// kept the routes the beam finds better than dominance by last node and
// time did (pr16: 646-650 against 632-640 with the same width).

// bLabel is a label of the beam: the path ending with node, left at
// dep, with total value value and ranking key key (the value with each
// node's noise factor); parent is the index of the label it extends in
// beam.lab, or -1 for the root.
type bLabel struct {
	parent int32
	node   int32
	dep    int64
	value  float64
	key    float64
}

// bHeap is a min-heap of labels by key: the best few candidates of one
// time bucket that end at one node. Its methods are those of
// container/heap written for bLabel, so that a push does not box the
// label. All its labels end at the same node, so equal keys keep the
// label that came first.
type bHeap []bLabel

func (h bHeap) less(i, j int) bool { return h[i].key < h[j].key }

// offer adds c if the heap holds fewer than k labels, or puts c in the
// place of the least label if c ranks above it.
func (h *bHeap) offer(c bLabel, k int) {
	if len(*h) < k {
		*h = append(*h, c)
		h.up(len(*h) - 1)
		return
	}
	if c.key > (*h)[0].key {
		(*h)[0] = c
		h.down(0)
	}
}

func (h bHeap) up(j int) {
	for {
		i := (j - 1) / 2 // parent
		if i == j || !h.less(j, i) {
			break
		}
		h[i], h[j] = h[j], h[i]
		j = i
	}
}

func (h bHeap) down(i int) {
	n := len(h)
	for {
		j1 := 2*i + 1
		if j1 >= n || j1 < 0 {
			break
		}
		j := j1 // left child
		if j2 := j1 + 1; j2 < n && h.less(j2, j1) {
			j = j2
		}
		if !h.less(j, i) {
			break
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
}

// beam holds the scratch of the restricted dynamic programme.
type beam struct {
	width   int // labels kept per bucket
	perNode int // labels kept per bucket and last node
	buckets int
	// slot[k*n+j] holds the best candidates of bucket k that end at
	// node j, at most perNode of them; touched[k] lists the nodes
	// with a candidate in bucket k.
	slot    []bHeap
	touched [][]int32
	lab     []bLabel
	sets    []uint64 // visit sets of lab, words per label
	words   int
	noise   []float64
	order   []bLabel
	byClose []int
}

// Beam parameters, chosen by measurement on pr11-pr20 (one route,
// 3000 iterations per worker, seeds 1-4): wider beams (120 labels, 3
// per node; 500 to 3000 labels) and more routes per restart (8) did
// not find better routes for their time, and neither did rebuilding a
// slice of 20-60% of the route by the beam every 50 or 150 iterations.
const (
	beamWidth   = 60
	beamPerNode = 2
	beamBuckets = 150
	// beamStarts is the number of solutions the beam builds when the
	// search first stalls, for beamStall iterations; beamNoise times
	// the solution's number (from 1) bounds its noise.
	beamStarts = 4
	beamNoise  = 0.15
	beamStall  = 300
)

func newBeam(p *problem) *beam {
	return &beam{
		width: beamWidth, perNode: beamPerNode, buckets: beamBuckets,
		words: (p.n + 63) / 64, noise: make([]float64, p.n),
	}
}

// path returns the best path the beam finds from node from, left at
// time dep, to node to, reached by time latest, through the customers
// cands (of a route without a break), and its value. Each
// customer's value counts with a random factor in [1, 1+noise) when
// labels are ranked. The path excludes from and to.
func (b *beam) path(p *problem, from int, dep int64, to int, latest int64, cands []int, rng *rand.Rand, noise float64) ([]int, float64) {
	n := p.n
	for _, j := range cands {
		b.noise[j] = 1 + noise*rng.Float64()
	}
	span := latest - dep + 1
	if span <= 0 {
		return nil, 0
	}
	nb := b.buckets
	width := (span + int64(nb) - 1) / int64(nb)
	if len(b.slot) != (nb+1)*n {
		b.slot = make([]bHeap, (nb+1)*n)
		b.touched = make([][]int32, nb+1)
	}
	// The candidates by the close of their last window: a label left
	// at time d skips those that close before d.
	byClose := append(b.byClose[:0], cands...)
	slices.SortStableFunc(byClose, func(x, y int) int { return cmp.Compare(p.close[x], p.close[y]) })
	b.byClose = byClose
	b.lab = append(b.lab[:0], bLabel{parent: -1, node: int32(from), dep: dep})
	b.sets = slices.Grow(b.sets[:0], b.words)[:b.words]
	clear(b.sets)
	best, bestV := bLabel{parent: -1, node: -1}, 0.0
	expand := func(li int, cur int) {
		l := b.lab[li]
		set := b.sets[li*b.words : li*b.words+b.words]
		i := int(l.node)
		row := p.t[i*n : i*n+n]
		lo, _ := slices.BinarySearchFunc(byClose, l.dep, func(j int, d int64) int { return cmp.Compare(p.close[j], d) })
		for _, j := range byClose[lo:] {
			if set[j>>6]&(1<<(j&63)) != 0 {
				continue
			}
			a := l.dep + row[j]
			s := p.earliest(j, a)
			if s >= inf {
				continue
			}
			d := s + p.svc[j]
			if d+p.t[j*n+to] > latest {
				continue
			}
			v := l.value + p.val[j]
			c := bLabel{parent: int32(li), node: int32(j), dep: d, value: v, key: l.key + p.val[j]*b.noise[j]}
			if v > bestV+eps {
				best, bestV = c, v
			}
			k := max(int((d-dep)/width), cur+1)
			if k > nb {
				k = nb
			}
			h := &b.slot[k*n+j]
			if len(*h) == 0 {
				b.touched[k] = append(b.touched[k], int32(j))
			}
			h.offer(c, b.perNode)
		}
	}
	expand(0, -1)
	for k := 0; k <= nb; k++ {
		ord := b.order[:0]
		for _, j := range b.touched[k] {
			h := &b.slot[k*n+int(j)]
			ord = append(ord, *h...)
			*h = (*h)[:0]
		}
		b.touched[k] = b.touched[k][:0]
		b.order = ord
		if len(ord) == 0 {
			continue
		}
		slices.SortFunc(ord, func(x, y bLabel) int {
			if x.key != y.key {
				return cmp.Compare(y.key, x.key)
			}
			if x.node != y.node {
				return cmp.Compare(x.node, y.node)
			}
			return cmp.Compare(x.parent, y.parent)
		})
		first := len(b.lab)
		for _, c := range ord[:min(len(ord), b.width)] {
			j := c.node
			b.lab = append(b.lab, c)
			ps := b.sets[int(c.parent)*b.words : int(c.parent)*b.words+b.words]
			b.sets = append(b.sets, ps...)
			b.sets[len(b.sets)-b.words+int(j>>6)] |= 1 << (j & 63)
		}
		if k == nb {
			break
		}
		for li := first; li < len(b.lab); li++ {
			expand(li, k)
		}
	}
	if best.node < 0 {
		return nil, 0
	}
	var out []int
	out = append(out, int(best.node))
	for li := best.parent; li > 0; li = b.lab[li].parent {
		out = append(out, int(b.lab[li].node))
	}
	slices.Reverse(out)
	return out, bestV
}

// beamable reports whether the beam applies to p: no route has a break
// and no node is required (the beam builds whole routes from empty).
func (p *problem) beamable() bool {
	for _, r := range p.routes {
		if r.brk {
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

// beamConstruct builds a fresh solution in s from start (empty routes):
// each route in turn gets the beam's best path through the customers
// still unvisited, then the repair and the local search improve it.
func (sr *searcher) beamConstruct(s, start *state, noise float64) {
	p := sr.p
	s.copyFrom(start)
	for r := range s.rt {
		s.touch(r)
	}
	for r := range s.rt {
		cands := sr.cbuf[:0]
		for _, j := range p.byValue {
			if s.where[j] < 0 && p.mayVisit(j, r) {
				cands = append(cands, j)
			}
		}
		sr.cbuf = cands
		rr := &p.routes[r]
		seq, _ := sr.bm.path(p, rr.start, rr.depart, rr.end, rr.arrive, cands, sr.rng, noise)
		rt := &s.rt[r]
		rt.seq = append(rt.seq[:0], rr.start)
		rt.seq = append(rt.seq, seq...)
		rt.seq = append(rt.seq, rr.end)
		p.update(r, rt)
		for _, j := range seq {
			s.where[j] = r
			s.value += p.val[j]
		}
		s.touch(r)
	}
	sr.repair(s, 0)
	sr.improve(s)
}

// beamRestart builds beamStarts solutions by the beam, each improved by
// the repair and the local search, and puts the best in sr.cur.
func (sr *searcher) beamRestart(start *state) {
	w := sr.work
	for k := range beamStarts {
		sr.beamConstruct(w, start, beamNoise*float64(k+1))
		sr.offer(w)
		if k == 0 || w.value > sr.cur.value+eps {
			sr.cur.copyFrom(w)
		}
	}
}
