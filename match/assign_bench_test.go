package match

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// randomCosts is an nr × nc matrix of integer costs uniform in
// 1..maxCost.
func randomCosts(seed uint64, nr, nc, maxCost int) []float64 {
	r := rand.New(rand.NewPCG(seed, 2016))
	cost := make([]float64, nr*nc)
	for i := range cost {
		cost[i] = float64(1 + r.IntN(maxCost))
	}
	return cost
}

// lapShapes are the shapes of issue 16's comparison with SciPy: twins
// of OR-Library's assign800 (dense, costs 1–100) and assignp5000
// (sparse: 10% of the pairs, costs 1–1000, a perfect assignment
// planted), a random dense 2,000 × 2,000 and a rectangular 1,000 × 5,000
// matrix with costs 1–1000. match/testdata/lapbench runs the same
// shapes side by side with SciPy.
var lapShapes = []struct {
	name string
	make func() (nr, nc int, cost []float64)
}{
	{"assign800", func() (int, int, []float64) { return orlibTwin(800, 800, 100, 1) }},
	{"assignp5000", func() (int, int, []float64) { return orlibTwin(5000, 5000, 1000, 0.1) }},
	{"dense2000", func() (int, int, []float64) { return 2000, 2000, randomCosts(2000, 2000, 2000, 1000) }},
	{"rect1000x5000", func() (int, int, []float64) { return 1000, 5000, randomCosts(1000, 1000, 5000, 1000) }},
}

// BenchmarkAssignLAP runs Assign on each shape, as a maximum-score
// assignment with one meeting per start-up and per contact.
func BenchmarkAssignLAP(b *testing.B) {
	for _, sh := range lapShapes {
		b.Run(sh.name, func(b *testing.B) {
			nr, nc, cost := sh.make()
			in, _ := costInstance(nr, nc, cost)
			b.ReportAllocs()
			b.ResetTimer()
			cpu0, n := cpuTime(), 0
			defer func() { b.ReportMetric(float64(cpuTime()-cpu0)/float64(n)/1e9, "cpu-s/op") }()
			for b.Loop() {
				n++
				a, err := Assign(context.Background(), in.startups, in.contacts, in.pairs, in.opts)
				if err != nil {
					b.Fatal(err)
				}
				if len(a.Meetings) != min(nr, nc) {
					b.Fatalf("%d meetings, want %d", len(a.Meetings), min(nr, nc))
				}
			}
		})
	}
}

// BenchmarkAssignFlowShapes is BenchmarkAssignLAP with the general
// min-cost flow, the solver before the assignment core.
func BenchmarkAssignFlowShapes(b *testing.B) {
	for _, sh := range lapShapes {
		b.Run(sh.name, func(b *testing.B) {
			nr, nc, cost := sh.make()
			in, _ := costInstance(nr, nc, cost)
			in.opts.solver = solverFlow
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := Assign(context.Background(), in.startups, in.contacts, in.pairs, in.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLAPCore times the solvers alone on the same matrices, costs
// as given (no conversion from pairs).
func BenchmarkLAPCore(b *testing.B) {
	for _, sh := range lapShapes {
		b.Run(sh.name, func(b *testing.B) {
			nr, nc, cost := sh.make()
			dense := true
			for _, c := range cost {
				dense = dense && !math.IsInf(c, 1)
			}
			g := &sparseLAP{nr: nr, nc: nc, start: make([]int32, nr+1)}
			if !dense {
				// Sparse: costs shifted below 0 so that a perfect
				// assignment is a maximum-weight matching.
				bound := float64(nr)*1000 + 1
				for i := 0; i < nr; i++ {
					for j := 0; j < nc; j++ {
						if c := cost[i*nc+j]; !math.IsInf(c, 1) {
							g.col = append(g.col, int32(j))
							g.cost = append(g.cost, c-bound)
						}
					}
					g.start[i+1] = int32(len(g.col))
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				var err error
				if dense {
					_, err = lapDense(context.Background(), nr, nc, cost)
				} else {
					_, err = g.solve(context.Background())
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
