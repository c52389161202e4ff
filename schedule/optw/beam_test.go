package optw_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/crossmeet/crossmeet/schedule/optw"
)

// TestBeamExactWithoutPruning checks the restricted dynamic programme
// against Exact: with a beam wide enough to keep every label it
// enumerates every feasible path in order of time, so it must find the
// optimum; with the solver's default width its route must be feasible
// and worth at most the optimum.
func TestBeamExactWithoutPruning(t *testing.T) {
	kinds := []struct {
		name string
		f    features
	}{
		{"one window", features{customers: 12, routes: 1, windows: 1}},
		{"two windows, skewed", features{customers: 12, routes: 1, windows: 2, skew: true}},
		{"no windows", features{customers: 10, routes: 1, windows: 0}},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			for seed := range uint64(8) {
				in := randomInstance(300+seed, k.f)
				want, err := optw.Exact(context.Background(), in)
				if err != nil {
					t.Fatal(err)
				}
				route, v := optw.BeamRoute(in, 1<<20, 1<<20, 50, seed, 0)
				if err := in.Check([][]int{route}); err != nil {
					t.Fatalf("seed %d: full beam route %v infeasible: %v", seed, route, err)
				}
				if v != want.Value {
					t.Errorf("seed %d: full beam found %v, optimum %v", seed, v, want.Value)
				}
				route, v = optw.BeamRoute(in, 4, 1, 20, seed, 0.5)
				if err := in.Check([][]int{route}); err != nil {
					t.Fatalf("seed %d: narrow beam route %v infeasible: %v", seed, route, err)
				}
				if v > want.Value {
					t.Errorf("seed %d: narrow beam found %v, above the optimum %v", seed, v, want.Value)
				}
			}
		})
	}
}

// TestSolveBeamRestartDeterministic runs searches long enough to stall,
// so that they restart from the beam's routes, and checks that the same
// seed gives the same feasible solution.
func TestSolveBeamRestartDeterministic(t *testing.T) {
	tests := []struct {
		name string
		f    features
	}{
		{"one window", features{customers: 40, routes: 1, windows: 1}},
		{"two windows", features{customers: 40, routes: 1, windows: 2, skew: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := randomInstance(41, tc.f)
			opts := optw.Options{Seed: 3, MaxIterations: 800, Patience: 5000, TimeLimit: time.Minute}
			var sols []optw.Solution
			for range 2 {
				sol, err := optw.Solve(context.Background(), in, opts)
				if err != nil {
					t.Fatal(err)
				}
				if err := in.Check(sol.Routes); err != nil {
					t.Fatalf("infeasible routes %v: %v", sol.Routes, err)
				}
				sols = append(sols, sol)
			}
			if !reflect.DeepEqual(sols[0], sols[1]) {
				t.Errorf("two runs with seed 3 differ:\n%+v\n%+v", sols[0], sols[1])
			}
		})
	}
}
