package optw_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/crossmeet/crossmeet/schedule/optw"
)

// features of a random instance.
type features struct {
	customers int
	routes    int
	windows   int  // at most this many windows per customer
	brk       bool // every route has a lunch break
	hotels    bool // route 0 ends and route 1 starts at a chosen hotel
	required  bool // one customer is required
	restrict  bool // some customers allow only one route
	skew      bool // asymmetric travel that breaks the triangle inequality
}

// randomInstance builds a small random instance. Node 0 is the depot;
// with hotels, nodes 1 and 2 are the candidate hotels; the customers
// follow. Times are in minutes of a 480-minute day.
func randomInstance(seed uint64, f features) *optw.Instance {
	rng := rand.New(rand.NewPCG(seed, 7))
	depots := 1
	if f.hotels {
		depots = 3
	}
	n := depots + f.customers
	xs, ys := make([]float64, n), make([]float64, n)
	for i := range n {
		xs[i], ys[i] = rng.Float64()*100, rng.Float64()*100
	}
	in := &optw.Instance{Nodes: make([]optw.Node, n), Travel: make([][]int64, n)}
	for i := range n {
		in.Travel[i] = make([]int64, n)
		for j := range n {
			if i == j {
				continue
			}
			d := math.Hypot(xs[i]-xs[j], ys[i]-ys[j])
			if f.skew {
				d *= 0.6 + 0.8*rng.Float64()
			}
			in.Travel[i][j] = int64(d)
		}
	}
	const day = 480
	for i := depots; i < n; i++ {
		nd := optw.Node{Value: float64(1 + rng.IntN(10)), Service: int64(5 + rng.IntN(30))}
		k := rng.IntN(f.windows + 1)
		t := int64(0)
		for range k {
			open := t + int64(rng.IntN(day/max(k, 1)))
			closeAt := open + int64(rng.IntN(90))
			if closeAt > day {
				break
			}
			nd.Windows = append(nd.Windows, optw.Window{Open: open, Close: closeAt})
			t = closeAt + 1
		}
		if f.restrict && rng.IntN(3) == 0 {
			nd.Routes = []int{rng.IntN(f.routes)}
		}
		in.Nodes[i] = nd
	}
	if f.required {
		in.Nodes[depots+rng.IntN(f.customers)].Required = true
	}
	for range f.routes {
		rt := optw.Route{Start: 0, End: 0, Depart: 0, Arrive: day / 2}
		if f.brk {
			rt.Break = &optw.Break{Earliest: 60, Latest: 150, Duration: 30}
		}
		in.Routes = append(in.Routes, rt)
	}
	if f.hotels {
		in.Hotels = []int{1, 2}
		in.Routes[0].End = optw.Hotel
		in.Routes[1].Start = optw.Hotel
	}
	return in
}

// bruteForce returns the best value over every ordered choice of
// customers on every route, judged by Check alone, or -Inf when nothing
// is feasible.
func bruteForce(in *optw.Instance) float64 {
	depot := map[int]bool{0: true}
	for _, h := range in.Hotels {
		depot[h] = true
	}
	var cust []int
	for i, nd := range in.Nodes {
		if !depot[i] && (nd.Value > 0 || nd.Required) {
			cust = append(cust, i)
		}
	}
	hotels := []int{-1}
	if len(in.Hotels) > 0 {
		hotels = in.Hotels
	}
	best := math.Inf(-1)
	used := make([]bool, len(in.Nodes))
	for _, h := range hotels {
		routes := make([][]int, len(in.Routes))
		end := func(v int) int {
			if v == optw.Hotel {
				return h
			}
			return v
		}
		var dfs func(r int, val float64)
		dfs = func(r int, val float64) {
			if r == len(in.Routes) {
				if val > best && in.Check(routes) == nil {
					best = val
				}
				return
			}
			routes[r] = append(routes[r], end(in.Routes[r].End))
			dfs(r+1, val)
			routes[r] = routes[r][:len(routes[r])-1]
			for _, c := range cust {
				if used[c] {
					continue
				}
				used[c] = true
				routes[r] = append(routes[r], c)
				dfs(r, val+in.Nodes[c].Value)
				routes[r] = routes[r][:len(routes[r])-1]
				used[c] = false
			}
		}
		for r := range routes {
			routes[r] = []int{end(in.Routes[r].Start)}
		}
		dfs(0, 0)
	}
	return best
}

func TestExactAgreesWithBruteForce(t *testing.T) {
	kinds := []struct {
		name string
		f    features
	}{
		{"one route", features{customers: 6, routes: 1, windows: 1}},
		{"two windows", features{customers: 6, routes: 1, windows: 2}},
		{"skewed travel", features{customers: 6, routes: 1, windows: 2, skew: true}},
		{"lunch break", features{customers: 6, routes: 1, windows: 2, brk: true}},
		{"two routes restricted", features{customers: 5, routes: 2, windows: 1, restrict: true}},
		{"hotel choice", features{customers: 4, routes: 2, windows: 2, hotels: true}},
		{"required", features{customers: 5, routes: 2, windows: 2, required: true, brk: true}},
	}
	for _, k := range kinds {
		for seed := range uint64(12) {
			t.Run(fmt.Sprintf("%s/%d", k.name, seed), func(t *testing.T) {
				in := randomInstance(seed, k.f)
				want := bruteForce(in)
				sol, err := optw.Exact(context.Background(), in)
				if math.IsInf(want, -1) {
					if !errors.Is(err, optw.ErrInfeasible) {
						t.Fatalf("Exact: %v, want ErrInfeasible (brute force found nothing)", err)
					}
					return
				}
				if err != nil {
					t.Fatalf("Exact: %v, want value %v", err, want)
				}
				if sol.Value != want {
					t.Errorf("Exact value %v, brute force %v (routes %v)", sol.Value, want, sol.Routes)
				}
				if err := in.Check(sol.Routes); err != nil {
					t.Errorf("Exact returned infeasible routes %v: %v", sol.Routes, err)
				}
				if sol.Stop != optw.Optimal {
					t.Errorf("Stop = %v, want optimal", sol.Stop)
				}
			})
		}
	}
}

func TestExactErrors(t *testing.T) {
	big := randomInstance(1, features{customers: 17, routes: 1, windows: 1})
	if _, err := optw.Exact(context.Background(), big); !errors.Is(err, optw.ErrTooLarge) {
		t.Errorf("17 customers: %v, want ErrTooLarge", err)
	}
	in := checkInstance()
	in.Nodes[3].Required = true
	in.Nodes[3].Windows = []optw.Window{{300, 310}} // after both routes end
	if _, err := optw.Exact(context.Background(), in); !errors.Is(err, optw.ErrInfeasible) {
		t.Errorf("unreachable required node: %v, want ErrInfeasible", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := optw.Exact(ctx, randomInstance(2, features{customers: 14, routes: 1, windows: 1})); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
}
