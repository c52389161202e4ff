package optw

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRoutePoolPack checks the set packing on hand-made pools: the most
// valuable set of at most m pairwise disjoint routes worth more than
// the floor, which a greedy choice by value misses.
func TestRoutePoolPack(t *testing.T) {
	type r struct {
		nodes []int
		value float64
	}
	tests := []struct {
		name  string
		pool  []r
		m     int
		floor float64
		want  [][]int // node lists of the chosen routes, most valuable first
		value float64
	}{
		{
			name: "two disjoint routes beat the most valuable one",
			pool: []r{{[]int{2, 3}, 12}, {[]int{1, 2}, 10}, {[]int{3, 4}, 9}},
			m:    2, want: [][]int{{1, 2}, {3, 4}}, value: 19,
		},
		{
			name: "one route when m is 1",
			pool: []r{{[]int{2, 3}, 12}, {[]int{1, 2}, 10}, {[]int{3, 4}, 9}},
			m:    1, want: [][]int{{2, 3}}, value: 12,
		},
		{
			name: "three routes out of five",
			pool: []r{{[]int{1, 2, 3}, 30}, {[]int{1, 4}, 20}, {[]int{2, 5}, 20}, {[]int{3, 6}, 20}, {[]int{7}, 5}},
			m:    3, want: [][]int{{1, 4}, {2, 5}, {3, 6}}, value: 60,
		},
		{
			name: "nothing above the floor",
			pool: []r{{[]int{1, 2}, 10}, {[]int{3, 4}, 9}},
			m:    2, floor: 19,
		},
		{
			name: "fewer routes than m",
			pool: []r{{[]int{1, 2}, 10}, {[]int{2, 4}, 9}},
			m:    3, want: [][]int{{1, 2}}, value: 10,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rp := &routePool{words: 1, seen: map[uint64]bool{}}
			for _, pr := range tc.pool {
				route := &poolRoute{seq: slices.Concat([]int{0}, pr.nodes, []int{0}), value: pr.value, set: make([]uint64, 1)}
				for _, v := range pr.nodes {
					route.set[0] |= 1 << v
				}
				rp.routes = append(rp.routes, route)
			}
			got, v := rp.pack(tc.m, tc.floor)
			if tc.want == nil {
				assert.Nil(t, got)
				return
			}
			var nodes [][]int
			for _, g := range got {
				nodes = append(nodes, g.seq[1:len(g.seq)-1])
			}
			assert.Equal(t, tc.want, nodes)
			assert.InDelta(t, tc.value, v, 1e-9)
		})
	}
}

// TestRecombineCombinesSolutions: two solutions of a two-route instance
// each have one good route and one poor one; the packing of their pooled
// routes takes the good route of each, which neither solution has, and
// the result is feasible.
func TestRecombineCombinesSolutions(t *testing.T) {
	// Depot 0 between two clusters: 1-3 to the west, 4-6 to the east.
	// A route has time for one cluster; 7 is a poor node near the depot.
	xs := []float64{0, -50, -52, -54, 50, 52, 54, 0}
	ys := []float64{0, 0, 2, 0, 0, 2, 0, 3}
	vals := []float64{0, 10, 10, 10, 10, 10, 10, 1}
	n := len(xs)
	in := &Instance{Nodes: make([]Node, n), Travel: make([][]int64, n)}
	for i := range n {
		in.Travel[i] = make([]int64, n)
		for j := range n {
			dx, dy := xs[i]-xs[j], ys[i]-ys[j]
			in.Travel[i][j] = int64(abs(dx) + abs(dy))
		}
		in.Nodes[i].Value = vals[i]
	}
	in.Routes = []Route{{Start: 0, End: 0, Arrive: 115}, {Start: 0, End: 0, Arrive: 115}}
	p := newProblem(in, -1)
	require.True(t, p.recombinable())
	sr := &searcher{p: p, rng: rand.New(rand.NewPCG(1, 2)), noise: make([]float64, p.n), pool: newRoutePool(p)}
	solution := func(r0, r1 []int) *state {
		s := newState(p)
		s.clock = &sr.clock
		for r, seq := range [][]int{r0, r1} {
			s.rt[r].seq = slices.Concat([]int{0}, seq, []int{0})
			p.update(r, &s.rt[r])
			s.touch(r)
			for _, v := range seq {
				s.where[v] = r
				s.value += p.val[v]
			}
		}
		require.NoError(t, in.Check(s.routes()))
		return s
	}
	west := solution([]int{1, 2, 3}, []int{7})
	east := solution([]int{7}, []int{4, 5, 6})
	sr.offer(west)
	sr.offer(east)
	sr.best = west
	start := newState(p)
	work := newState(p)
	require.True(t, sr.recombine(work, start))
	require.NoError(t, in.Check(work.routes()))
	assert.InDelta(t, 60.0, work.value, 1e-9)
	got := work.routes()
	for r := range got {
		slices.Sort(got[r][1 : len(got[r])-1])
	}
	slices.SortFunc(got, func(a, b []int) int { return a[1] - b[1] })
	assert.Equal(t, [][]int{{0, 1, 2, 3, 0}, {0, 4, 5, 6, 0}}, got)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestRecombinable: packing applies only to interchangeable routes.
func TestRecombinable(t *testing.T) {
	base := func() *Instance {
		in := simpleInstance(rand.New(rand.NewPCG(3, 4)), 10, 2, false)
		return in
	}
	tests := []struct {
		name   string
		change func(in *Instance)
		want   bool
	}{
		{"identical routes", func(*Instance) {}, true},
		{"one route", func(in *Instance) { in.Routes = in.Routes[:1] }, false},
		{"different arrival", func(in *Instance) { in.Routes[1].Arrive = 400 }, false},
		{"a node restricted to one route", func(in *Instance) { in.Nodes[3].Routes = []int{0} }, false},
		{"a required node", func(in *Instance) { in.Nodes[3].Required = true }, false},
		{"a break", func(in *Instance) {
			for r := range in.Routes {
				in.Routes[r].Break = &Break{Earliest: 100, Latest: 300, Duration: 10}
			}
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			tc.change(in)
			require.NoError(t, in.Validate())
			assert.Equal(t, tc.want, newProblem(in, -1).recombinable())
		})
	}
}
