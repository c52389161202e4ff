package optw

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// simpleInstance is a random instance the local search applies to: one
// route, customers with one window each (or none), travel the rounded
// Euclidean distance, possibly skewed so that it is asymmetric and
// breaks the triangle inequality.
func simpleInstance(rng *rand.Rand, customers, routes int, skew bool) *Instance {
	n := customers + 1
	xs, ys := make([]float64, n), make([]float64, n)
	for i := range n {
		xs[i], ys[i] = rng.Float64()*100, rng.Float64()*100
	}
	in := &Instance{Nodes: make([]Node, n), Travel: make([][]int64, n)}
	for i := range n {
		in.Travel[i] = make([]int64, n)
		for j := range n {
			if i != j {
				d := math.Hypot(xs[i]-xs[j], ys[i]-ys[j])
				if skew {
					d *= 0.6 + 0.8*rng.Float64()
				}
				in.Travel[i][j] = int64(d)
			}
		}
	}
	for i := 1; i < n; i++ {
		nd := Node{Value: float64(1 + rng.IntN(20)), Service: int64(rng.IntN(20))}
		if rng.IntN(5) > 0 {
			open := int64(rng.IntN(400))
			nd.Windows = []Window{{open, open + int64(rng.IntN(150))}}
		}
		in.Nodes[i] = nd
	}
	for range routes {
		in.Routes = append(in.Routes, Route{Start: 0, End: 0, Arrive: 500})
	}
	return in
}

// feasibleSeq reports by direct simulation whether route 0 may follow
// seq (start and end included).
func feasibleSeq(in *Instance, seq []int) bool {
	_, err := in.simulate(0, seq, -1)
	return err == nil
}

// TestSegmentSummaries checks fits, the O(1) test of the local search,
// against direct simulation: route 0 up to position i, then a run of
// other customers, then route 0 from position j on.
func TestSegmentSummaries(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 11))
		in := simpleInstance(rng, 25, 1, seed%2 == 1)
		p := newProblem(in, -1)
		if !p.simple {
			t.Fatalf("seed %d: instance not simple", seed)
		}
		sr := &searcher{p: p, rng: rng, noise: make([]float64, p.n)}
		s := newState(p)
		sr.repair(s, 1)
		rt := &s.rt[0]
		L := len(rt.seq)
		for range 50 {
			i := rng.IntN(L - 1)
			j := i + 1 + rng.IntN(L-1-i)
			// A run of up to four customers not in seq[:i+1] or seq[j:].
			var pool []int
			for v := 1; v < p.n; v++ {
				if !slices.Contains(rt.seq[:i+1], v) && !slices.Contains(rt.seq[j:], v) {
					pool = append(pool, v)
				}
			}
			rng.Shuffle(len(pool), func(a, b int) { pool[a], pool[b] = pool[b], pool[a] })
			run := pool[:1+rng.IntN(min(4, len(pool)))]
			sg := p.one(run[0])
			for _, v := range run[1:] {
				sg = p.cat(sg, p.one(v))
			}
			seq := slices.Concat(rt.seq[:i+1], run, rt.seq[j:])
			if got, want := p.fits(rt, i, sg, j), feasibleSeq(in, seq); got != want {
				t.Fatalf("seed %d: fits(%v | %v | %v) = %v, simulation says %v", seed, rt.seq[:i+1], run, rt.seq[j:], got, want)
			}
		}
	}
}

// TestImproveKeepsFeasibility runs the local search on random solutions
// with one to four routes: every result must pass Check, keep its value
// or raise it, and (when the value stays) not lengthen the travel.
func TestImproveKeepsFeasibility(t *testing.T) {
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 13))
		m := 1 + int(seed%4)
		in := simpleInstance(rng, 30, m, seed%3 == 0)
		p := newProblem(in, -1)
		sr := &searcher{p: p, rng: rng, noise: make([]float64, p.n)}
		s := newState(p)
		sr.repairRandomOrder(s)
		before, travel := s.value, s.travel()
		sr.improve(s)
		if err := in.Check(s.routes()); err != nil {
			t.Fatalf("seed %d: local search left an infeasible solution %v: %v", seed, s.routes(), err)
		}
		if s.value < before-eps || (s.value <= before+eps && s.travel() > travel) {
			t.Fatalf("seed %d: value %v → %v, travel %d → %d; want no worse", seed, before, s.value, travel, s.travel())
		}
		// The bookkeeping must agree with the routes.
		value := 0.0
		for r := range s.rt {
			for _, v := range s.rt[r].seq[1 : len(s.rt[r].seq)-1] {
				value += p.val[v]
				if s.where[v] != r {
					t.Fatalf("seed %d: node %d on route %d, where says %d", seed, v, r, s.where[v])
				}
			}
		}
		if math.Abs(value-s.value) > 1e-6 {
			t.Fatalf("seed %d: value %v, routes are worth %v", seed, s.value, value)
		}
	}
}
