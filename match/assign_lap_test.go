package match

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// lapShape says how lapInstance draws a problem the assignment core
// solves.
type lapShape struct {
	nS, nC  int
	density float64 // probability of each pair; 1 is complete
	grid    int     // scores k/grid, so that ties happen; 0 draws continuous scores
	// copies > 1 gives contacts capacities 1..copies (start-ups one
	// meeting each), or with startupCopies start-ups maxima 1..copies
	// (contacts one meeting each).
	copies        int
	startupCopies bool
	// holes leaves some start-ups without pairs, some with maximum 0
	// and some contacts with capacity 0.
	holes bool
	// pins and bans pin and forbid a few pairs.
	pins, bans bool
}

func lapInstance(r *rand.Rand, sh lapShape) instance {
	var in instance
	in.opts.MaxFor = map[string]int{}
	in.opts.CapacityFor = map[string]int{}
	for s := 0; s < sh.nS; s++ {
		id := fmt.Sprintf("S%03d", s)
		in.startups = append(in.startups, Startup{ID: id})
		in.opts.MaxFor[id] = 1
		if sh.copies > 1 && sh.startupCopies {
			in.opts.MaxFor[id] = 1 + r.IntN(sh.copies)
		}
		if sh.holes && r.IntN(8) == 0 {
			in.opts.MaxFor[id] = 0
		}
	}
	for c := 0; c < sh.nC; c++ {
		k := Contact{ID: fmt.Sprintf("C%03d", c), Capacity: 1}
		if sh.copies > 1 && !sh.startupCopies {
			k.Capacity = 1 + r.IntN(sh.copies)
		}
		if sh.holes && r.IntN(8) == 0 {
			in.opts.CapacityFor[k.ID] = 0
		}
		in.contacts = append(in.contacts, k)
	}
	for s := 0; s < sh.nS; s++ {
		if sh.holes && r.IntN(6) == 0 {
			continue
		}
		for c := 0; c < sh.nC; c++ {
			if r.Float64() >= sh.density {
				continue
			}
			score := r.Float64()
			if sh.grid > 0 {
				score = float64(1+r.IntN(sh.grid)) / float64(sh.grid)
			}
			in.pairs = append(in.pairs, Pair{Startup: in.startups[s].ID, Contact: in.contacts[c].ID, Score: score})
		}
	}
	load, count := map[string]int{}, map[string]int{}
	for _, p := range in.pairs {
		k := [2]string{p.Startup, p.Contact}
		switch {
		case sh.bans && r.IntN(10) == 0:
			in.opts.Forbidden = append(in.opts.Forbidden, k)
		case sh.pins && r.IntN(25) == 0:
			if load[p.Contact] < capOfContactFor(in, p.Contact) && count[p.Startup] < in.opts.MaxFor[p.Startup] {
				in.opts.Pinned = append(in.opts.Pinned, k)
				load[p.Contact]++
				count[p.Startup]++
			}
		}
	}
	// Shuffle the pairs now and then: Assign must not rely on order.
	if r.IntN(4) == 0 {
		r.Shuffle(len(in.pairs), func(i, j int) { in.pairs[i], in.pairs[j] = in.pairs[j], in.pairs[i] })
	}
	return in
}

func capOfContactFor(in instance, id string) int {
	if v, ok := in.opts.CapacityFor[id]; ok {
		return v
	}
	return capOfContact(in, id)
}

// TestAssignLAPAgreesWithFlow solves random assignment problems with
// the assignment core and with the min-cost flow: the same total on
// every case, and the same meetings when the scores are continuous (the
// optimum is then unique with probability 1).
func TestAssignLAPAgreesWithFlow(t *testing.T) {
	shapes := []struct {
		name  string
		shape lapShape
		cases int
	}{
		{"dense square", lapShape{nS: 12, nC: 12, density: 1}, 150},
		{"dense square ties", lapShape{nS: 12, nC: 12, density: 1, grid: 4}, 150},
		{"dense wide", lapShape{nS: 5, nC: 17, density: 1}, 150},
		{"dense tall", lapShape{nS: 17, nC: 5, density: 1, grid: 10}, 150},
		{"dense contact copies", lapShape{nS: 14, nC: 6, density: 1, copies: 3}, 150},
		{"dense start-up copies", lapShape{nS: 5, nC: 14, density: 1, copies: 3, startupCopies: true}, 150},
		{"sparse", lapShape{nS: 15, nC: 15, density: 0.2}, 200},
		{"sparse ties", lapShape{nS: 15, nC: 20, density: 0.3, grid: 3}, 200},
		{"sparse tall", lapShape{nS: 25, nC: 8, density: 0.3}, 200},
		{"sparse copies", lapShape{nS: 20, nC: 8, density: 0.4, copies: 3, grid: 5}, 200},
		{"sparse start-up copies", lapShape{nS: 8, nC: 20, density: 0.4, copies: 3, startupCopies: true}, 200},
		{"infeasible rows", lapShape{nS: 15, nC: 12, density: 0.5, holes: true}, 200},
		{"complete with holes", lapShape{nS: 10, nC: 10, density: 1, holes: true, grid: 6}, 200},
		{"pins and bans", lapShape{nS: 12, nC: 12, density: 0.7, pins: true, bans: true, grid: 8}, 200},
		{"pins and bans, copies", lapShape{nS: 12, nC: 8, density: 0.8, pins: true, bans: true, copies: 2}, 200},
	}
	for i, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			for k := 0; k < sh.cases; k++ {
				seed := uint64(1000*i + k)
				in := lapInstance(rand.New(rand.NewPCG(seed, 16)), sh.shape)
				ctx := context.Background()
				flowOpts := in.opts
				flowOpts.solver = solverFlow
				got, usedLAP := lapEligible(t, in)
				require.True(t, usedLAP, "seed %d: the core should solve it", seed)
				want, err := Assign(ctx, in.startups, in.contacts, in.pairs, flowOpts)
				require.NoError(t, err, "seed %d", seed)
				require.InDelta(t, want.Total, got.Total, 1e-9, "seed %d: total", seed)
				checkFeasible(t, in, got)
				if sh.shape.grid == 0 {
					require.Equal(t, ids(want.Meetings), ids(got.Meetings), "seed %d: meetings", seed)
				}
			}
		})
	}
}

// TestAssignLAPChosen checks which problems the assignment core takes:
// pure assignments, from lapMinPairs pairs on unless forced.
func TestAssignLAPChosen(t *testing.T) {
	tests := []struct {
		name   string
		opts   AssignOptions
		n      int // start-ups and contacts, all pairs
		solver int
		want   bool
	}{
		{"one meeting each", AssignOptions{Capacity: 1, Max: 1}, 6, solverLAP, true},
		{"contacts take two", AssignOptions{Max: 1}, 6, solverLAP, true},
		{"start-ups take three", AssignOptions{Capacity: 1, Max: 3}, 6, solverLAP, true},
		{"both take two", AssignOptions{Capacity: 2, Max: 2}, 6, solverLAP, false},
		{"a minimum", AssignOptions{Capacity: 1, Max: 1, Min: 1}, 6, solverLAP, false},
		{"fair", AssignOptions{Capacity: 1, Max: 1, Fair: true}, 6, solverLAP, false},
		{"small, automatic", AssignOptions{Capacity: 1, Max: 1}, 6, solverAuto, false},
		{"large, automatic", AssignOptions{Capacity: 1, Max: 1}, 64, solverAuto, true},
		{"large with a minimum, automatic", AssignOptions{Capacity: 1, Max: 1, Min: 1}, 64, solverAuto, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := lapInstance(rand.New(rand.NewPCG(5, 5)), lapShape{nS: tt.n, nC: tt.n, density: 1})
			in.opts = tt.opts
			for i := range in.contacts {
				in.contacts[i].Capacity = 0
			}
			var used int
			in.opts.used = &used
			in.opts.solver = tt.solver
			_, err := Assign(context.Background(), in.startups, in.contacts, in.pairs, in.opts)
			require.NoError(t, err)
			require.Equal(t, tt.want, used == solverLAP)
		})
	}
}

// lapEligible reports whether the assignment core solved the instance
// when Assign may use it whatever the size.
func lapEligible(t *testing.T, in instance) (Assignment, bool) {
	t.Helper()
	var used int
	in.opts.used = &used
	in.opts.solver = solverLAP
	got, err := Assign(context.Background(), in.startups, in.contacts, in.pairs, in.opts)
	require.NoError(t, err)
	return got, used == solverLAP
}

// TestAssignLAPMatchesLP cross-checks the assignment core against
// gonum's simplex on small instances it solves.
func TestAssignLAPMatchesLP(t *testing.T) {
	const cases = 200
	r := rand.New(rand.NewPCG(21, 21))
	for i := 0; i < cases; i++ {
		sh := lapShape{nS: 1 + r.IntN(6), nC: 1 + r.IntN(7), density: 0.3 + 0.7*r.Float64(), grid: 20 * r.IntN(2)}
		in := lapInstance(r, sh)
		in.opts.solver = solverLAP
		got, err := Assign(context.Background(), in.startups, in.contacts, in.pairs, in.opts)
		require.NoError(t, err, "case %d", i)
		want, _ := lpOptimum(t, in, true)
		require.InDelta(t, want, got.Total, 1e-9, "case %d", i)
		checkFeasible(t, in, got)
	}
}

// bruteAssign is the least cost over all assignments of the rows of an
// nr × nc matrix to distinct columns (nr ≤ nc), by enumeration.
func bruteAssign(nr, nc int, cost []float64, skip bool) float64 {
	used := make([]bool, nc)
	var rec func(i int) float64
	rec = func(i int) float64 {
		if i == nr {
			return 0
		}
		best := math.Inf(1)
		if skip {
			best = rec(i + 1)
		}
		for j := 0; j < nc; j++ {
			if c := cost[i*nc+j]; !used[j] && !math.IsInf(c, 1) {
				used[j] = true
				best = min(best, c+rec(i+1))
				used[j] = false
			}
		}
		return best
	}
	return rec(0)
}

func TestLAPDenseMatchesEnumeration(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for k := 0; k < 500; k++ {
		nr := 1 + r.IntN(6)
		nc := nr + r.IntN(3)
		cost := make([]float64, nr*nc)
		for i := range cost {
			cost[i] = float64(r.IntN(9) - 4) // negative, zero, ties
			if k%2 == 0 {
				cost[i] = r.NormFloat64()
			}
		}
		colOf, err := lapDense(context.Background(), nr, nc, cost)
		require.NoError(t, err)
		got := 0.0
		seen := map[int32]bool{}
		for i, j := range colOf {
			require.False(t, seen[j], "case %d: column %d twice", k, j)
			seen[j] = true
			got += cost[i*nc+int(j)]
		}
		require.InDelta(t, bruteAssign(nr, nc, cost, false), got, 1e-9, "case %d: %d×%d %v", k, nr, nc, cost)
		// The rows' best columns found beforehand change nothing.
		hint := make([]rowBest, nr)
		for i := range hint {
			hint[i] = scanRow(cost[i*nc : (i+1)*nc])
		}
		colOfHint, err := lapDenseHint(context.Background(), nr, nc, cost, hint)
		require.NoError(t, err)
		require.Equal(t, colOf, colOfHint, "case %d: with the rows' best columns", k)
		if k%2 == 1 {
			// Integer costs: the float32 matrix gives the very same
			// assignment.
			c32 := make([]float32, len(cost))
			for i, c := range cost {
				c32[i] = float32(c)
			}
			colOf32, err := lapDense(context.Background(), nr, nc, c32)
			require.NoError(t, err)
			require.Equal(t, colOf, colOf32, "case %d: float32 costs", k)
		}
	}
}

// TestLAPDenseHintSame checks on larger rectangular matrices, where the
// row reduction moves many columns' v, that the rows' best columns
// found beforehand give exactly the assignment found without them.
func TestLAPDenseHintSame(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 10))
	for k := 0; k < 60; k++ {
		nr := 20 + r.IntN(60)
		nc := nr + 1 + r.IntN(3*nr)
		maxCost := []int{3, 20, 1000}[k%3] // many ties, some, few
		cost := make([]float32, nr*nc)
		for i := range cost {
			cost[i] = float32(1 + r.IntN(maxCost))
		}
		want, err := lapDense(context.Background(), nr, nc, cost)
		require.NoError(t, err)
		hint := make([]rowBest, nr)
		for i := range hint {
			hint[i] = scanRow(cost[i*nc : (i+1)*nc])
		}
		got, err := lapDenseHint(context.Background(), nr, nc, cost, hint)
		require.NoError(t, err)
		require.Equal(t, want, got, "case %d: %d×%d, costs 1..%d", k, nr, nc, maxCost)
	}
}

func TestSparseLAPMatchesEnumeration(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for k := 0; k < 500; k++ {
		nr, nc := 1+r.IntN(6), 1+r.IntN(6)
		g := &sparseLAP[float64]{nr: nr, nc: nc, start: make([]int32, nr+1)}
		dense := make([]float64, nr*nc)
		for i := 0; i < nr; i++ {
			for j := 0; j < nc; j++ {
				dense[i*nc+j] = math.Inf(1)
				if r.IntN(2) == 0 {
					c := -float64(r.IntN(5)) // costs ≤ 0, ties, zero-cost edges
					if k%2 == 0 {
						c = r.NormFloat64()
					}
					dense[i*nc+j] = c
					g.col = append(g.col, int32(j))
					g.cost = append(g.cost, c)
				}
			}
			g.start[i+1] = int32(len(g.col))
		}
		colOf, err := g.solve(context.Background())
		require.NoError(t, err)
		got := 0.0
		seen := map[int32]bool{}
		for i, j := range colOf {
			if j < 0 {
				continue
			}
			require.False(t, seen[j], "case %d: column %d twice", k, j)
			seen[j] = true
			require.False(t, math.IsInf(dense[i*nc+int(j)], 1), "case %d: row %d takes a missing edge", k, i)
			got += dense[i*nc+int(j)]
		}
		require.InDelta(t, bruteAssign(nr, nc, dense, true), got, 1e-9, "case %d", k)
		c32 := narrow(g.cost)
		require.Equal(t, k%2 == 1 && len(g.cost) > 0, c32 != nil, "case %d: narrow", k)
		if c32 != nil {
			// Integer costs: float32 gives the very same matching.
			g32 := &sparseLAP[float32]{nr: nr, nc: nc, start: g.start, col: g.col, cost: c32}
			colOf32, err := g32.solve(context.Background())
			require.NoError(t, err)
			require.Equal(t, colOf, colOf32, "case %d: float32 costs", k)
		}
	}
}

func TestNarrow(t *testing.T) {
	tests := []struct {
		name string
		in   []float64
		want []float32
	}{
		{"empty", nil, nil},
		{"integers", []float64{-5e6, 0, 3, -1}, []float32{-5e6, 0, 3, -1}},
		{"halves", []float64{0.5, -0.25}, []float32{0.5, -0.25}},
		{"first inexact", []float64{0.1, 1}, nil},
		{"last inexact", []float64{1, 2, 0.1}, nil},
		{"beyond float32's integers", []float64{1, 1<<24 + 1}, nil},
		{"beyond float32's range", []float64{1, 1e39}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, narrow(tt.in))
		})
	}
}

// orlibTwin is an instance drawn the way Beasley's OR-Library assignN
// instances were: an n × n matrix of integer costs uniform in 1..maxCost
// (assignN: 1..100), every pair allowed with probability density (the
// assignpN instances list only some pairs). A random permutation is
// always allowed, so a perfect assignment exists.
func orlibTwin(seed uint64, n, maxCost int, density float64) (nr, nc int, cost []float64) {
	r := rand.New(rand.NewPCG(seed, 1987))
	cost = make([]float64, n*n)
	for i := range cost {
		cost[i] = math.Inf(1)
		if density >= 1 || r.Float64() < density {
			cost[i] = float64(1 + r.IntN(maxCost))
		}
	}
	for i, j := range r.Perm(n) {
		if math.IsInf(cost[i*n+j], 1) {
			cost[i*n+j] = float64(1 + r.IntN(maxCost))
		}
	}
	return n, n, cost
}

// costInstance turns a min-cost assignment matrix (+Inf: not allowed)
// into an Assign input: score bound − cost with bound > n·maxCost, so a
// maximum-score matching is a perfect one of least cost.
func costInstance(nr, nc int, cost []float64) (instance, float64) {
	var in instance
	maxCost := 0.0
	for _, c := range cost {
		if !math.IsInf(c, 1) {
			maxCost = max(maxCost, c)
		}
	}
	bound := float64(max(nr, nc))*maxCost + 1
	for i := 0; i < nr; i++ {
		in.startups = append(in.startups, Startup{ID: fmt.Sprintf("R%05d", i)})
	}
	for j := 0; j < nc; j++ {
		in.contacts = append(in.contacts, Contact{ID: fmt.Sprintf("K%05d", j)})
	}
	in.pairs = make([]Pair, 0, len(cost))
	for i := 0; i < nr; i++ {
		for j := 0; j < nc; j++ {
			if c := cost[i*nc+j]; !math.IsInf(c, 1) {
				in.pairs = append(in.pairs, Pair{Startup: in.startups[i].ID, Contact: in.contacts[j].ID, Score: bound - c})
			}
		}
	}
	in.opts = AssignOptions{Capacity: 1, Max: 1}
	return in, bound
}

// assignedCost is the cost of a's meetings in the matrix of costInstance.
func assignedCost(t testing.TB, nr, nc int, cost []float64, a Assignment) float64 {
	t.Helper()
	total := 0.0
	for _, m := range a.Meetings {
		var i, j int
		if _, err := fmt.Sscanf(m.Startup+" "+m.Contact, "R%d K%d", &i, &j); err != nil {
			t.Fatal(err)
		}
		total += cost[i*nc+j]
	}
	return total
}

// TestAssignORLibraryTwins solves instances made like OR-Library's
// assign100 (dense, costs 1–100) and assignp800 (sparse) with the core
// and with the flow: a perfect assignment, the same least cost.
func TestAssignORLibraryTwins(t *testing.T) {
	tests := []struct {
		name    string
		n, maxC int
		density float64
	}{
		{"assign100 twin", 100, 100, 1},
		{"assign200 twin", 200, 100, 1},
		{"assignp300 twin", 300, 1000, 0.05},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nr, nc, cost := orlibTwin(uint64(tt.n), tt.n, tt.maxC, tt.density)
			in, _ := costInstance(nr, nc, cost)
			ctx := context.Background()
			lapOpts, flowOpts := in.opts, in.opts
			lapOpts.solver, flowOpts.solver = solverLAP, solverFlow
			got, err := Assign(ctx, in.startups, in.contacts, in.pairs, lapOpts)
			require.NoError(t, err)
			want, err := Assign(ctx, in.startups, in.contacts, in.pairs, flowOpts)
			require.NoError(t, err)
			require.Len(t, got.Meetings, tt.n, "a perfect assignment")
			require.Equal(t, assignedCost(t, nr, nc, cost, want), assignedCost(t, nr, nc, cost, got))
			if tt.density == 1 {
				require.Equal(t, bruteLowerBoundOK(nr, nc, cost, assignedCost(t, nr, nc, cost, got)), true)
			}
		})
	}
}

// bruteLowerBoundOK checks a weak necessary condition the optimum meets:
// it is at least the sum of the row minima and of the column minima.
func bruteLowerBoundOK(nr, nc int, cost []float64, opt float64) bool {
	rows, cols := 0.0, 0.0
	for i := 0; i < nr; i++ {
		rows += slices.Min(cost[i*nc : (i+1)*nc])
	}
	for j := 0; j < nc; j++ {
		m := math.Inf(1)
		for i := 0; i < nr; i++ {
			m = min(m, cost[i*nc+j])
		}
		cols += m
	}
	return opt >= rows && opt >= cols
}

func TestAssignLAPCanceled(t *testing.T) {
	for _, density := range []float64{1, 0.3} {
		t.Run(fmt.Sprintf("density %g", density), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			in := lapInstance(rand.New(rand.NewPCG(4, 4)), lapShape{nS: 30, nC: 30, density: density})
			in.opts.solver = solverLAP
			got, err := Assign(ctx, in.startups, in.contacts, in.pairs, in.opts)
			require.True(t, errors.Is(err, context.Canceled), "err = %v", err)
			checkFeasible(t, in, got)
		})
	}
}

// TestIndexPairs checks the conversion of pairs into candidates against
// a plain reference (maps and a sort) on sorted, partly sorted and
// shuffled input with duplicates and start-ups without pairs.
func TestIndexPairs(t *testing.T) {
	startups := []Startup{{ID: "A"}, {ID: "B"}, {ID: "C"}, {ID: "D"}}
	contacts := []Contact{{ID: "x"}, {ID: "y"}, {ID: "z"}}
	p := func(s, c string, w float64) Pair { return Pair{Startup: s, Contact: c, Score: w} }
	tests := []struct {
		name  string
		pairs []Pair
	}{
		{"empty", nil},
		{"complete grid", grid4x3(p)},
		{"grid but one start-up short", grid4x3(p)[:9]},
		{"sorted", []Pair{p("A", "x", 1), p("A", "y", 2), p("B", "z", 3), p("D", "x", 4), p("D", "z", 5)}},
		{"sorted, contacts skipped", []Pair{p("A", "z", 1), p("C", "y", 2), p("C", "z", 3)}},
		{"start-up goes back", []Pair{p("A", "x", 1), p("C", "y", 2), p("B", "z", 3), p("B", "x", 4)}},
		{"contact goes back late", []Pair{p("A", "x", 1), p("B", "x", 2), p("B", "y", 3), p("C", "x", 4), p("C", "z", 5), p("C", "y", 6)}},
		{"duplicate, later better", []Pair{p("A", "x", 1), p("A", "x", 2), p("B", "y", 3)}},
		{"duplicate, first of equals kept", []Pair{p("B", "y", 3), p("A", "x", 1), p("B", "y", 3)}},
		{"reversed", []Pair{p("D", "z", 1), p("C", "y", 2), p("B", "x", 3), p("A", "z", 4), p("A", "x", 5)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sIdx, cIdx := map[string]int32{}, map[string]int32{}
			for i, s := range startups {
				sIdx[s.ID] = int32(i)
			}
			for i, c := range contacts {
				cIdx[c.ID] = int32(i)
			}
			cs, err := indexPairs(startups, contacts, tt.pairs, sIdx, cIdx)
			require.NoError(t, err)
			require.Equal(t, tt.name == "complete grid", cs.grid, "grid")
			// Integer scores: a grid holds them as float32.
			require.Equal(t, tt.name == "complete grid", cs.cost32 != nil, "float32 costs")
			cs.wide()
			// The reference: the first best pair per (start-up, contact).
			type key struct{ s, c int32 }
			bestOf := map[key]int{}
			for k, q := range tt.pairs {
				kk := key{sIdx[q.Startup], cIdx[q.Contact]}
				if j, ok := bestOf[kk]; !ok || q.Score > tt.pairs[j].Score {
					bestOf[kk] = k
				}
			}
			var want, got [][3]int
			for kk, k := range bestOf {
				want = append(want, [3]int{int(kk.s), int(kk.c), k})
			}
			slices.SortFunc(want, func(a, b [3]int) int { return slices.Compare(a[:], b[:]) })
			for s := 0; s < len(startups); s++ {
				for k := cs.bucket[s]; k < cs.bucket[s+1]; k++ {
					got = append(got, [3]int{s, int(cs.cols()[k]), int(cs.pairOf(int(k)))})
					require.Equal(t, tt.pairs[cs.pairOf(int(k))].Score, -cs.cost[k])
				}
			}
			require.Equal(t, want, got)
			require.Equal(t, len(want), cs.len())
		})
	}
	bad := []struct {
		name  string
		pairs []Pair
		want  error
	}{
		{"unknown start-up", []Pair{p("A", "x", 1), p("Q", "x", 1)}, ErrUnknownID},
		{"unknown contact", []Pair{p("A", "x", 1), p("A", "q", 1)}, ErrUnknownID},
		{"NaN", []Pair{p("A", "x", math.NaN())}, ErrBadScore},
		{"infinite", []Pair{p("A", "x", math.Inf(-1))}, ErrBadScore},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := indexPairs(startups, contacts, tt.pairs, map[string]int32{"A": 0}, map[string]int32{"x": 0})
			require.ErrorIs(t, err, tt.want)
		})
	}
}

// TestIndexGrid checks the pass over complete grids: integer scores
// land in float32, others in float64 (also when the first inexact score
// comes last), and anything off the grid (a pair out of place, an id
// held elsewhere, a bad score) leaves the decision to the general pass,
// with any number of workers.
func TestIndexGrid(t *testing.T) {
	const nS, nC = 7, 5
	startups, contacts, sIdx, cIdx := idGrid(nS, nC)
	grid := func(score func(k int) float64) []Pair {
		var out []Pair
		for s := range nS {
			for c := range nC {
				out = append(out, Pair{Startup: startups[s].ID, Contact: contacts[c].ID, Score: score(len(out))})
			}
		}
		return out
	}
	integer := func(k int) float64 { return float64(k%9 + 1) }
	tests := []struct {
		name     string
		pairs    []Pair
		want     string // "float32", "float64", "general" (not a grid) or "error"
		positive bool
	}{
		{"integer scores", grid(integer), "float32", true},
		{"fractions", grid(func(k int) float64 { return 0.1 * float64(k+1) }), "float64", true},
		{"last score inexact", grid(func(k int) float64 {
			if k == nS*nC-1 {
				return 0.3
			}
			return integer(k)
		}), "float64", true},
		{"beyond float32", grid(func(k int) float64 { return 1e40 }), "float64", true},
		{"a score of 0", grid(func(k int) float64 { return float64(k % 4) }), "float32", false},
		{"two contacts swapped", func() []Pair {
			p := grid(integer)
			p[12].Contact, p[13].Contact = p[13].Contact, p[12].Contact
			return p
		}(), "general", true},
		{"ids held elsewhere", func() []Pair {
			p := grid(integer)
			for k := range p {
				p[k].Startup, p[k].Contact = strings.Clone(p[k].Startup), strings.Clone(p[k].Contact)
			}
			return p
		}(), "float32", true},
		{"NaN last", func() []Pair {
			p := grid(integer)
			p[len(p)-1].Score = math.NaN()
			return p
		}(), "error", true},
		{"one pair short", grid(integer)[:nS*nC-1], "general", true},
		{"a negative score first", grid(func(k int) float64 {
			if k == 0 {
				return -1
			}
			return integer(k)
		}), "float32", false},
		{"a score of -0 last, fractions", grid(func(k int) float64 {
			if k == nS*nC-1 {
				return math.Copysign(0, -1)
			}
			return 0.1 * float64(k+1)
		}), "float64", false},
		{"negative integer scores", grid(func(k int) float64 { return -float64(k%5 + 1) }), "float32", false},
		{"+Inf score", func() []Pair {
			p := grid(integer)
			p[17].Score = math.Inf(1)
			return p
		}(), "error", true},
		{"-Inf score after a score of 0", func() []Pair {
			p := grid(integer)
			p[3].Score, p[18].Score = 0, math.Inf(-1)
			return p
		}(), "error", true},
		{"contact id a prefix of the expected one, same bytes", func() []Pair {
			p := grid(integer)
			p[22].Contact = p[22].Contact[:1]
			return p
		}(), "error", true},
		{"start-up id a prefix of the expected one, same bytes", func() []Pair {
			p := grid(integer)
			p[9].Startup = p[9].Startup[:1]
			return p
		}(), "error", true},
	}
	for _, tt := range tests {
		for workers := 1; workers <= 3; workers++ {
			t.Run(fmt.Sprintf("%s/%d workers", tt.name, workers), func(t *testing.T) {
				cs := indexGrid(startups, contacts, tt.pairs, sIdx, cIdx, workers)
				switch tt.want {
				case "general", "error":
					require.Nil(t, cs)
					_, err := indexPairs(startups, contacts, tt.pairs, sIdx, cIdx)
					require.Equal(t, tt.want == "error", err != nil, "error: %v", err)
					return
				case "float32":
					require.NotNil(t, cs)
					require.Nil(t, cs.cost)
					require.Len(t, cs.cost32, nS*nC)
				case "float64":
					require.NotNil(t, cs)
					require.Nil(t, cs.cost32)
					require.Len(t, cs.cost, nS*nC)
				}
				require.True(t, cs.grid)
				require.Nil(t, cs.pair)
				require.Equal(t, tt.positive, cs.positive, "positive")
				cs.wide()
				for s := range nS {
					require.Equal(t, int32(s*nC), cs.bucket[s])
				}
				require.Equal(t, int32(nS*nC), cs.bucket[nS])
				for k, p := range tt.pairs {
					require.Equal(t, -p.Score, cs.cost[k], "pair %d", k)
					require.Equal(t, int32(k%nC), cs.cols()[k], "pair %d", k)
				}
				for s := range nS {
					require.Equal(t, scanRow(cs.cost[s*nC:(s+1)*nC]), cs.best[s], "row %d's best columns", s)
				}
			})
		}
	}
}

func grid4x3(p func(s, c string, w float64) Pair) []Pair {
	var out []Pair
	for _, s := range []string{"A", "B", "C", "D"} {
		for _, c := range []string{"x", "y", "z"} {
			out = append(out, p(s, c, float64(len(out)+1)))
		}
	}
	return out
}

// TestIndexPairsParallel checks that the parallel pass gives exactly
// what the sequential one gives (candidates or error), on grids, sorted
// sparse input, input with a bad pair and input out of order, with the
// break points anywhere relative to the ranges, and with 2–5 ranges
// taken by one goroutine, two, or one per range.
func TestIndexPairsParallel(t *testing.T) {
	const nS, nC = 23, 17
	startups, contacts, sIdx, cIdx := idGrid(nS, nC)
	ids := newContactIndex(contacts, cIdx)
	for seed := uint64(0); seed < 300; seed++ {
		r := rand.New(rand.NewPCG(seed, 77))
		density := []float64{1, 1, 0.5, 0.1}[seed%4]
		var pairs []Pair
		for s := 0; s < nS; s++ {
			for c := 0; c < nC; c++ {
				if density == 1 || r.Float64() < density {
					pairs = append(pairs, Pair{Startup: startups[s].ID, Contact: contacts[c].ID, Score: r.Float64() - 0.05})
				}
			}
		}
		if len(pairs) < 2 {
			continue
		}
		switch r.IntN(5) {
		case 0:
			pairs[r.IntN(len(pairs))].Score = math.NaN()
		case 1:
			pairs[r.IntN(len(pairs))].Contact = "nobody"
		case 2:
			i := r.IntN(len(pairs) - 1)
			pairs[i], pairs[i+1] = pairs[i+1], pairs[i]
		case 3:
			pairs = pairs[:r.IntN(len(pairs))+1]
		}
		want, wantErr := indexPairsSeq(nS, nC, pairs, sIdx, ids)
		for parts := 2; parts <= 5 && parts <= len(pairs); parts++ {
			workers := []int{1, 2, parts}[parts%3]
			got, err, ok := indexPairsParallel(nS, nC, pairs, sIdx, ids, workers, parts)
			if !ok {
				require.False(t, slices.IsSortedFunc(pairs, func(a, b Pair) int {
					return cmp2(sIdx[a.Startup], cIdx[a.Contact], sIdx[b.Startup], cIdx[b.Contact])
				}) && wantErr == nil && want.pair == nil, "seed %d, %d parts: sorted input refused", seed, parts)
				continue
			}
			if wantErr != nil {
				require.Equal(t, wantErr.Error(), fmt.Sprint(err), "seed %d, %d parts", seed, parts)
				continue
			}
			require.NoError(t, err, "seed %d", seed)
			require.Equal(t, want.grid, got.grid, "seed %d, %d parts: grid", seed, parts)
			require.Equal(t, want.positive, got.positive, "seed %d, %d parts: positive", seed, parts)
			require.Equal(t, want.bucket, got.bucket, "seed %d, %d parts: bucket", seed, parts)
			require.Equal(t, want.cost, got.cost, "seed %d, %d parts: cost", seed, parts)
			require.Equal(t, want.cols(), got.cols(), "seed %d, %d parts: contacts", seed, parts)
			require.Nil(t, got.pair)
		}
	}
}

func cmp2(s1, c1, s2, c2 int32) int {
	switch {
	case s1 != s2:
		return int(s1 - s2)
	}
	return int(c1 - c2)
}

// TestContactIndex checks the contact look-up with the callers' own id
// strings, with equal strings held elsewhere, with unknown ids and with
// duplicate ids (where the map decides, the last contact of an id).
func TestContactIndex(t *testing.T) {
	contacts := []Contact{{ID: "a"}, {ID: "bb"}, {ID: "c"}, {ID: ""}}
	cIdx := map[string]int32{}
	for i, c := range contacts {
		cIdx[c.ID] = int32(i)
	}
	x := newContactIndex(contacts, cIdx)
	for i, c := range contacts {
		for guess := int32(0); guess < 5; guess++ {
			got, ok := x.find(guess, c.ID)
			require.True(t, ok)
			require.Equal(t, int32(i), got, "own string %q, guess %d", c.ID, guess)
			got, ok = x.find(guess, strings.Clone(c.ID))
			require.True(t, ok)
			require.Equal(t, int32(i), got, "copied string %q, guess %d", c.ID, guess)
		}
	}
	_, ok := x.find(0, "zz")
	require.False(t, ok)

	dup := []Contact{{ID: "a"}, {ID: "b"}, {ID: "a"}}
	dIdx := map[string]int32{"a": 2, "b": 1}
	y := newContactIndex(dup, dIdx)
	got, ok := y.find(0, dup[0].ID)
	require.True(t, ok)
	require.Equal(t, int32(2), got, "duplicate ids: the map decides")
}

// idGrid makes nS start-ups S0… and nC contacts C0… with their indexes,
// as Assign's callers of indexPairs have them.
func idGrid(nS, nC int) ([]Startup, []Contact, map[string]int32, map[string]int32) {
	startups := make([]Startup, nS)
	contacts := make([]Contact, nC)
	sIdx, cIdx := map[string]int32{}, map[string]int32{}
	for i := range startups {
		startups[i].ID = fmt.Sprintf("S%d", i)
		sIdx[startups[i].ID] = int32(i)
	}
	for i := range contacts {
		contacts[i].ID = fmt.Sprintf("C%d", i)
		cIdx[contacts[i].ID] = int32(i)
	}
	return startups, contacts, sIdx, cIdx
}

// TestGridPassChunks checks that gridPass gives the costs, best columns,
// sign and status of one sequential pass whatever the number of
// goroutines and the size of the chunks they take, also when the grid
// has a bad pair or a score ≤ 0 in any one row.
func TestGridPassChunks(t *testing.T) {
	const nS, nC = 11, 4
	startups, contacts, _, _ := idGrid(nS, nC)
	cids := make([]string, nC)
	for j := range contacts {
		cids[j] = contacts[j].ID
	}
	base := func() []Pair {
		var out []Pair
		for s := range nS {
			for c := range nC {
				out = append(out, Pair{Startup: startups[s].ID, Contact: contacts[c].ID, Score: float64((s*7+c*3)%10 + 1)})
			}
		}
		return out
	}
	tests := []struct {
		name       string
		change     func(p []Pair)
		wantStatus int32
		wantPos    bool
	}{
		{"clean", func([]Pair) {}, gridExact, true},
		{"a score of 0 in row 7", func(p []Pair) { p[7*nC+2].Score = 0 }, gridExact, false},
		{"a fraction in row 5", func(p []Pair) { p[5*nC+1].Score = 0.25 + 1e-9 }, gridInexact, true},
		{"a pair off the grid in row 9", func(p []Pair) { p[9*nC+3].Contact = contacts[0].ID }, gridOff, true},
		{"NaN in row 10", func(p []Pair) { p[10*nC].Score = math.NaN() }, gridOff, true},
	}
	for _, tt := range tests {
		pairs := base()
		tt.change(pairs)
		for workers := 1; workers <= 3; workers++ {
			for chunk := 1; chunk <= 4; chunk++ {
				t.Run(fmt.Sprintf("%s/%d workers/chunks of %d", tt.name, workers, chunk), func(t *testing.T) {
					cost := make([]float32, nS*nC)
					best := make([]rowBest, nS)
					pos, st := gridPass(pairs, startups, cids, cost, best, workers, chunk)
					require.Equal(t, tt.wantStatus, st, "status")
					if st != gridExact {
						return
					}
					require.Equal(t, tt.wantPos, pos, "positive")
					for k, p := range pairs {
						require.Equal(t, float32(-p.Score), cost[k], "pair %d", k)
					}
					for s := range nS {
						require.Equal(t, scanRow(cost[s*nC:(s+1)*nC]), best[s], "row %d", s)
					}
				})
			}
		}
	}
}
