package optw_test

import (
	"context"
	"os"
	"testing"

	"github.com/crossmeet/crossmeet/schedule/optw"
)

func loadTestdata(tb testing.TB, name string) *optw.Instance {
	tb.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	in, err := optw.LoadSolomon(f, optw.Trunc1)
	if err != nil {
		tb.Fatal(err)
	}
	return in
}

// BenchmarkSolve measures one full default search (two workers) on a
// benchmark instance with tight windows (r101) and one with wide windows,
// where many more insertions are feasible (rc104).
func BenchmarkSolve(b *testing.B) {
	for _, name := range []string{"r101", "rc104"} {
		in := loadTestdata(b, name+".txt")
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := optw.Solve(context.Background(), in, optw.Options{Seed: uint64(i)}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSolvePlanner measures a default Solve on an instance shaped
// like the trip planner's largest (random, illustrative): 56 candidate
// meetings with up to two windows, four routes with a lunch break, two
// days joined by a choice of two hotels.
func BenchmarkSolvePlanner(b *testing.B) {
	in := randomInstance(1, features{customers: 56, routes: 4, windows: 2, brk: true, hotels: true, restrict: true})
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := optw.Solve(context.Background(), in, optw.Options{Seed: uint64(i)}); err != nil {
			b.Fatal(err)
		}
	}
}
