package travel

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOvertaking: the first journey the scan reaches the target with
// (a slow direct trip leaving first) is beaten by one with more trips
// found later; the pruning by the best arrival so far must not lose it,
// nor the one with three trips that arrives earlier still.
func TestOvertaking(t *testing.T) {
	f := load(t, mini("route_id,service_id,trip_id\nr,all,slow\nr,all,t1\nq,all,t2\nq,all,t3\nr,all,t4\n", stHeader+
		"slow,08:00:00,08:00:00,a,1\nslow,11:00:00,11:00:00,c,2\n"+
		"t1,08:10:00,08:10:00,a,1\nt1,08:30:00,08:30:00,b,2\n"+
		"t2,08:40:00,08:40:00,b,1\nt2,10:00:00,10:00:00,c,2\n"+
		"t3,08:40:00,08:40:00,b,1\nt3,08:50:00,08:50:00,d,2\n"+
		"t4,09:00:00,09:00:00,d,1\nt4,09:20:00,09:20:00,c,2\n", nil))
	ctx := context.Background()
	for _, opts := range []SearchOptions{{}, {MaxTransfers: 2}} {
		j, err := f.EarliestArrival(ctx, "a", "c", day(t, f, "07:00"), opts)
		require.NoError(t, err)
		assert.Equal(t, "t1@08:10>08:30 t3@08:40>08:50 t4@09:00>09:20", trips(j), "%+v", opts)
		ps, err := f.Pareto(ctx, "a", "c", day(t, f, "07:00"), opts)
		require.NoError(t, err)
		var got []string
		for _, p := range ps {
			got = append(got, trips(p))
		}
		assert.Equal(t, []string{"slow@08:00>11:00", "t1@08:10>08:30 t2@08:40>10:00", "t1@08:10>08:30 t3@08:40>08:50 t4@09:00>09:20"}, got, "%+v", opts)
		j, err = f.LatestDeparture(ctx, "a", "c", day(t, f, "11:00"), opts)
		require.NoError(t, err)
		assert.Equal(t, "t1@08:10>08:30 t3@08:40>08:50 t4@09:00>09:20", trips(j), "%+v", opts)
	}
}
