package travel

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// borderFeeds is a journey across two feeds with a tie: from S, trips
// t1 and t2 reach the border station X at 08:30 with a change at M,
// trip t3 reaches it at 09:00 without one (leaving Y at 08:40, after
// the traveller is at the border), and both catch b1 from X (the other
// feed's stop of the same station) at 09:30 to Z.
func borderFeeds() []Source {
	feed := func(stops, trips, stopTimes string) fstest.MapFS {
		return fstest.MapFS{
			"agency.txt":     {Data: []byte("agency_name,agency_url,agency_timezone\nX,https://example.org,Europe/Stockholm\n")},
			"stops.txt":      {Data: []byte("stop_id,stop_name,stop_lat,stop_lon\n" + stops)},
			"routes.txt":     {Data: []byte("route_id,route_type\nr,2\n")},
			"calendar.txt":   {Data: []byte("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nall,1,1,1,1,1,1,1,20270101,20271231\n")},
			"trips.txt":      {Data: []byte("route_id,service_id,trip_id\n" + trips)},
			"stop_times.txt": {Data: []byte("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" + stopTimes)},
		}
	}
	a := feed("S,S,63.00,13.00\nM,M,63.10,12.80\nY,Y,63.20,12.60\nX,Storlien,63.3163,12.1003\n",
		"r,all,t1\nr,all,t2\nr,all,t3\n",
		"t1,08:00:00,08:00:00,S,1\nt1,08:10:00,08:10:00,M,2\n"+
			"t2,08:15:00,08:15:00,M,1\nt2,08:30:00,08:30:00,X,2\n"+
			"t3,08:00:00,08:00:00,S,1\nt3,08:40:00,08:40:00,Y,2\nt3,09:00:00,09:00:00,X,3\n")
	b := feed("X,Storlien,63.3166,12.1010\nZ,Z,63.40,11.00\n",
		"r,all,b1\n",
		"b1,09:30:00,09:30:00,X,1\nb1,10:00:00,10:00:00,Z,2\n")
	return []Source{{Name: "a", FS: a}, {Name: "b", FS: b}}
}

// TestLeavingAFeedKeepsTheFewestChanges checks that pass 1, which
// leaves feed a once the traveller is at the border, still gives the
// journey of the full scan: among those arriving at 10:00, the one with
// one change, which reaches the border later.
func TestLeavingAFeedKeepsTheFewestChanges(t *testing.T) {
	ctx := context.Background()
	f, err := LoadFeeds(ctx, borderFeeds(), LoadOptions{})
	require.NoError(t, err)
	depart := time.Date(2027, 3, 9, 7, 55, 0, 0, f.Location())
	defer func() { fastEA, feedsDone = true, true }()
	for _, tc := range []struct {
		name       string
		fast, done bool
	}{
		{"full scan", false, false},
		{"corridor, feeds kept", true, false},
		{"corridor, feeds left", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fastEA, feedsDone = tc.fast, tc.done
			l0, r0 := feedsLeft.Load(), feedsResumed.Load()
			j, err := f.EarliestArrival(ctx, "a:S", "b:Z", depart, SearchOptions{MinChange: 2 * time.Minute})
			require.NoError(t, err)
			assert.Equal(t, "t3@08:00>09:00 walk@09:00>09:02 b1@09:30>10:00", trips(j))
			if tc.done {
				assert.Equal(t, int64(1), feedsLeft.Load()-l0, "feeds left")
				assert.Equal(t, int64(1), feedsResumed.Load()-r0, "resumed scans")
			}
		})
	}
}
