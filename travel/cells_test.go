package travel

import (
	"context"
	"fmt"
	"math/bits"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/travel/internal/gtfsgen"
)

// TestCellsSplitEvenly: 16 × 16 stops on a square grid make 64 cells of
// four stops, each a 2 × 2 square of neighbours.
func TestCellsSplitEvenly(t *testing.T) {
	f := &Feed{feeds: []feedInfo{{}}}
	for y := 0; y < 16; y++ {
		for x := 0; x < 16; x++ {
			// At 60° a degree of longitude is half a degree of latitude.
			f.stops = append(f.stops, Stop{ID: fmt.Sprint(x, "_", y), Lat: 60 + 0.01*float64(y), Lon: 10 + 0.02*float64(x)})
		}
	}
	cells := f.cells().stop
	members := map[int][]int{}
	for p, m := range cells {
		require.Equal(t, 1, bits.OnesCount64(m), "stop %d has one cell", p)
		members[bits.TrailingZeros64(m)] = append(members[bits.TrailingZeros64(m)], p)
	}
	require.Len(t, members, 64)
	for c, ps := range members {
		require.Len(t, ps, 4, "cell %d", c)
		x0, y0 := ps[0]%16, ps[0]/16
		for _, p := range ps {
			assert.LessOrEqual(t, p%16-x0, 1, "cell %d: stops %v are neighbours", c, ps)
			assert.LessOrEqual(t, p/16-y0, 1, "cell %d: stops %v are neighbours", c, ps)
		}
	}
}

// TestCellSkipPassesOverUnreachedRegions: on a generated grid feed, a
// short earliest-arrival query looks at far fewer connections with the
// cells than without, and finds the same journeys.
func TestCellSkipPassesOverUnreachedRegions(t *testing.T) {
	c := gtfsgen.Sweden()
	c.Grid, c.Seg, c.Trips, c.Periods = 47, 6, [3]int{20, 10, 6}, 2
	path := filepath.Join(t.TempDir(), "grid.zip")
	require.NoError(t, gtfsgen.Write(path, c))
	f, err := LoadFeeds(context.Background(), []Source{{Name: "se", Path: path}}, LoadOptions{})
	require.NoError(t, err)
	defer func() { cellSkip = true }()
	depart := time.Date(2027, 3, 9, 7, 30, 0, 0, f.Location())
	for _, tc := range []struct {
		name     string
		from, to [2]int
		fewer    float64 // at most this share of the connections looked at without cells
	}{
		{"neighbours", [2]int{3, 3}, [2]int{5, 4}, 0.35},
		{"across a quarter", [2]int{2, 2}, [2]int{20, 20}, 0.6},
		{"corner to corner", [2]int{0, 0}, [2]int{40, 40}, 0.9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, to := c.StopID(tc.from[0], tc.from[1]), c.StopID(tc.to[0], tc.to[1])
			run := func(skip bool) (string, int64) {
				cellSkip = skip
				n0 := scanned.Load()
				j, err := f.EarliestArrival(context.Background(), from, to, depart, SearchOptions{})
				return describe([]Journey{j}, err), scanned.Load() - n0
			}
			want, all := run(false)
			got, some := run(true)
			require.Equal(t, want, got)
			require.NotContains(t, got, "no journey")
			assert.LessOrEqual(t, float64(some), tc.fewer*float64(all), "connections looked at: %d with cells, %d without", some, all)
		})
	}
}
