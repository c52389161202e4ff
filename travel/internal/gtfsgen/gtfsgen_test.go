package gtfsgen_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/crossmeet/crossmeet/travel"
	"github.com/crossmeet/crossmeet/travel/internal/gtfsgen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func small(c gtfsgen.Config) gtfsgen.Config {
	c.Grid, c.Seg, c.Trips, c.Periods = 10, 4, [3]int{3, 2, 1}, 2
	return c
}

// TestWrite writes a small pair of feeds, loads them as one timetable
// and crosses the border at the shared station.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	se, no := small(gtfsgen.Sweden()), small(gtfsgen.Norway())
	for name, c := range map[string]gtfsgen.Config{"se.zip": se, "no.zip": no} {
		require.NoError(t, gtfsgen.Write(filepath.Join(dir, name), c))
		f, err := travel.LoadGTFS(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Empty(t, f.Warnings())
		// (10-1)/(4-1) = 3 lines a row and a column: 60 lines × 2 ways ×
		// 6 trips × 4 stops × 2 periods, and the border train: 2 periods
		// × 3 patterns × 2 ways × 18 trips × 6 stops.
		assert.Equal(t, 60*2*6*4*2+2*3*2*18*6, c.StopTimes())
	}
	ctx := context.Background()
	f, err := travel.LoadFeeds(ctx, []travel.Source{{Path: filepath.Join(dir, "se.zip")}, {Path: filepath.Join(dir, "no.zip")}},
		travel.LoadOptions{Dates: []time.Time{time.Date(2027, 3, 9, 0, 0, 0, 0, time.UTC)}})
	require.NoError(t, err)
	s, err := f.Stop("Storlien")
	require.NoError(t, err, "the border station of both feeds is one")
	from, to := se.StopID(3, 5), no.StopID(3, 5)
	j, err := f.EarliestArrival(ctx, from, to, time.Date(2027, 3, 9, 6, 0, 0, 0, f.Location()), travel.SearchOptions{})
	require.NoError(t, err)
	crossed := false
	for _, l := range j.Legs {
		if l.ToName == s.Name {
			crossed = true
		}
	}
	assert.True(t, crossed, "journey %v crosses at Storlien", j.Legs)
	assert.Equal(t, "Europe/Oslo", j.Arrive().Location().String())
}
