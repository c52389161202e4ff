package travel

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLeastRidingBreaksTies: from A to C, leaving at 08:00 and arriving
// at 08:50 with one change, either change at B onto t3, or ride t1 on
// past C's side to D and come back on t2. Both journeys tie on
// departure, arrival and changes; the one riding less (30 min in
// vehicles against 45) is the answer. t2 leaves before t3, so a scan
// that keeps the first of equal arrivals finds the other.
func TestLeastRidingBreaksTies(t *testing.T) {
	f := load(t, mini("route_id,service_id,trip_id\nr,all,t1\nq,all,t2\nq,all,t3\n", stHeader+
		"t1,08:00:00,08:00:00,a,1\nt1,08:10:00,08:10:00,b,2\nt1,08:20:00,08:20:00,d,3\n"+
		"t2,08:25:00,08:25:00,d,1\nt2,08:50:00,08:50:00,c,2\n"+
		"t3,08:30:00,08:30:00,b,1\nt3,08:50:00,08:50:00,c,2\n", nil))
	ctx := context.Background()
	const want = "t1@08:00>08:10 t3@08:30>08:50"
	for _, opts := range []SearchOptions{{}, {MaxTransfers: 1}} {
		j, err := f.EarliestArrival(ctx, "a", "c", day(t, f, "07:00"), opts)
		require.NoError(t, err)
		assert.Equal(t, want, trips(j), "EarliestArrival %+v", opts)
		j, err = f.LatestDeparture(ctx, "a", "c", day(t, f, "09:00"), opts)
		require.NoError(t, err)
		assert.Equal(t, want, trips(j), "LatestDeparture %+v", opts)
		ps, err := f.Pareto(ctx, "a", "c", day(t, f, "07:00"), opts)
		require.NoError(t, err)
		require.Len(t, ps, 1)
		assert.Equal(t, want, trips(ps[0]), "Pareto %+v", opts)
		js, err := f.Journeys(ctx, "a", "c", day(t, f, "07:00"), day(t, f, "10:00"), opts)
		require.NoError(t, err)
		require.Len(t, js, 1)
		assert.Equal(t, want, trips(js[0]), "Journeys %+v", opts)
	}
}
