package match

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
// as Assign makes them (negated scores bound − cost, float32 when that
// is exact, as it is for these integer costs), with no conversion
// from pairs: the part of Assign that SciPy's linear_sum_assignment
// compares with. With LAPBENCH_FILES set (paths separated by ":", in
// the formats lapbench reads) it runs on those files instead, which is
// how lapbench.py times the core on its matrices.
func BenchmarkLAPCore(b *testing.B) {
	type shape struct {
		name string
		make func() (nr, nc int, cost []float64)
	}
	shapes := []shape{}
	for _, sh := range lapShapes {
		shapes = append(shapes, shape{sh.name, sh.make})
	}
	if files := os.Getenv("LAPBENCH_FILES"); files != "" {
		shapes = nil
		for _, f := range strings.Split(files, ":") {
			shapes = append(shapes, shape{filepath.Base(f), func() (int, int, []float64) {
				nr, nc, cost, err := readCostFile(f)
				if err != nil {
					b.Fatal(err)
				}
				return nr, nc, cost
			}})
		}
	}
	for _, sh := range shapes {
		b.Run(sh.name, func(b *testing.B) {
			nr, nc, cost := sh.make()
			maxCost := 0.0
			dense := true
			for _, c := range cost {
				if math.IsInf(c, 1) {
					dense = false
				} else {
					maxCost = max(maxCost, c)
				}
			}
			bound := float64(max(nr, nc))*maxCost + 1
			a := make([]float64, len(cost))
			g := &sparseLAP[float64]{nr: nr, nc: nc, start: make([]int32, nr+1)}
			for i := 0; i < nr; i++ {
				for j := 0; j < nc; j++ {
					if c := cost[i*nc+j]; !math.IsInf(c, 1) {
						a[i*nc+j] = c - bound
						g.col = append(g.col, int32(j))
						g.cost = append(g.cost, c-bound)
					}
				}
				g.start[i+1] = int32(len(g.col))
			}
			if nr > nc {
				b.Fatalf("%d×%d: the core wants rows ≤ columns", nr, nc)
			}
			// As Assign does: float32 costs where that is exact.
			a32 := narrow(a)
			var g32 *sparseLAP[float32]
			if c32 := narrow(g.cost); c32 != nil {
				g32 = &sparseLAP[float32]{nr: nr, nc: nc, start: g.start, col: g.col, cost: c32}
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu0, n := cpuTime(), 0
			defer func() { b.ReportMetric(float64(cpuTime()-cpu0)/float64(n)/1e9, "cpu-s/op") }()
			for b.Loop() {
				n++
				var err error
				switch {
				case dense && a32 != nil:
					_, err = lapDense(context.Background(), nr, nc, a32)
				case dense:
					_, err = lapDense(context.Background(), nr, nc, a)
				case g32 != nil:
					_, err = g32.solve(context.Background())
				default:
					_, err = g.solve(context.Background())
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// readCostFile reads an OR-Library assignment file ("n" then n² costs,
// or "n" then 1-based "i j cost" triples, absent pairs +Inf) or a
// rectangular matrix ("nr nc" then the costs).
func readCostFile(name string) (nr, nc int, cost []float64, err error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return 0, 0, nil, err
	}
	line, rest, _ := strings.Cut(string(data), "\n")
	head := strings.Fields(line)
	var nums []float64
	for _, f := range strings.Fields(rest) {
		x, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return 0, 0, nil, fmt.Errorf("%s: %q is not a number", name, f)
		}
		nums = append(nums, x)
	}
	switch len(head) {
	case 1:
		nr, err = strconv.Atoi(head[0])
		nc = nr
	case 2:
		nr, err = strconv.Atoi(head[0])
		if err == nil {
			nc, err = strconv.Atoi(head[1])
		}
	default:
		err = fmt.Errorf("header %q", line)
	}
	if err != nil {
		return 0, 0, nil, fmt.Errorf("%s:1: %w", name, err)
	}
	cost = make([]float64, nr*nc)
	switch {
	case len(nums) == nr*nc:
		copy(cost, nums)
	case len(head) == 1 && len(nums)%3 == 0:
		for k := range cost {
			cost[k] = math.Inf(1)
		}
		for k := 0; k < len(nums); k += 3 {
			i, j := int(nums[k])-1, int(nums[k+1])-1
			if i < 0 || i >= nr || j < 0 || j >= nc {
				return 0, 0, nil, fmt.Errorf("%s: triple %d outside the matrix", name, k/3+1)
			}
			cost[i*nc+j] = nums[k+2]
		}
	default:
		return 0, 0, nil, fmt.Errorf("%s: %d values for a %d×%d matrix", name, len(nums), nr, nc)
	}
	return nr, nc, cost, nil
}

// BenchmarkIndexGrid times the conversion of rect1000x5000's pairs
// alone (indexGrid, the pass over a complete grid) with one and two
// goroutines, next to a bare loop that reads every pair's score and
// writes it as float32 (scores-only): what reading 5,000,000 Pairs
// costs at the least, for comparison.
func BenchmarkIndexGrid(b *testing.B) {
	nr, nc, cost := 1000, 5000, randomCosts(1000, 1000, 5000, 1000)
	in, _ := costInstance(nr, nc, cost)
	sIdx, cIdx := map[string]int32{}, map[string]int32{}
	for i, s := range in.startups {
		sIdx[s.ID] = int32(i)
	}
	for j, c := range in.contacts {
		cIdx[c.ID] = int32(j)
	}
	out := make([]float32, len(in.pairs))
	run := func(name string, f func()) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0, n := cpuTime(), 0
			defer func() { b.ReportMetric(float64(cpuTime()-cpu0)/float64(n)/1e9, "cpu-s/op") }()
			for b.Loop() {
				n++
				f()
			}
		})
	}
	run("scores-only", func() {
		for k := range in.pairs {
			out[k] = float32(-in.pairs[k].Score)
		}
	})
	for workers := 1; workers <= 2; workers++ {
		run(fmt.Sprintf("workers=%d", workers), func() {
			if cs := indexGrid(in.startups, in.contacts, in.pairs, sIdx, cIdx, workers); cs == nil || cs.cost32 == nil {
				b.Fatal("not a float32 grid")
			}
		})
	}
}
