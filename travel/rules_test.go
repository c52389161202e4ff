package travel

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mini returns a feed of stops a … f on a line, a daily service "all",
// one route r of type 2, and the given trips.txt, stop_times.txt and
// further files (a "" value removes a file).
func mini(trips, stopTimes string, more map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"agency.txt": {Data: []byte("agency_id,agency_name,agency_url,agency_timezone\nx,X,https://example.org,Europe/Stockholm\n")},
		"stops.txt": {Data: []byte("stop_id,stop_name,stop_lat,stop_lon\n" +
			"a,A,63.0,14.0\nb,B,63.0,14.2\nc,C,63.0,14.4\nd,D,63.0,14.6\ne,E,63.0,14.8\nf,F,63.0,15.0\n")},
		"routes.txt":     {Data: []byte("route_id,route_type\nr,2\nq,2\n")},
		"calendar.txt":   {Data: []byte("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nall,1,1,1,1,1,1,1,20270101,20271231\n")},
		"trips.txt":      {Data: []byte(trips)},
		"stop_times.txt": {Data: []byte(stopTimes)},
	}
	for k, v := range more {
		if v == "" {
			delete(fsys, k)
			continue
		}
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

const stHeader = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"

func load(t *testing.T, fsys fstest.MapFS) *Feed {
	t.Helper()
	f, err := LoadGTFSFS(fsys, ".")
	require.NoError(t, err)
	return f
}

func day(t *testing.T, f *Feed, hm string) time.Time {
	return at(t, f, "2027-03-09 "+hm)
}

func TestRouteTypes(t *testing.T) {
	tests := []struct {
		rt   string
		mode Mode
	}{
		{"0", Train}, {"2", Train}, {"3", Bus}, {"4", Ferry}, {"11", Bus},
		{"106", Train}, {"202", Bus}, {"300", Train}, {"401", Train}, {"700", Bus}, {"900", Train},
		{"1000", Ferry}, {"1100", Air}, {"1200", Ferry}, {"1300", Train}, {"1400", Train},
		{"1501", Bus}, {"1600", Car}, {"1702", Bus},
	}
	for _, tt := range tests {
		t.Run(tt.rt, func(t *testing.T) {
			f := load(t, mini("route_id,service_id,trip_id\nr,all,t\n", stHeader+"t,08:00:00,08:00:00,a,1\nt,09:00:00,09:00:00,b,2\n",
				map[string]string{"routes.txt": "route_id,route_type\nr," + tt.rt + "\n"}))
			j, err := f.EarliestArrival(context.Background(), "a", "b", day(t, f, "07:00"), SearchOptions{})
			require.NoError(t, err)
			assert.Equal(t, tt.mode, j.Legs[0].Mode)
		})
	}
	for _, bad := range []string{"8", "99", "1800", "2000", "bus"} {
		_, err := LoadGTFSFS(mini("route_id,service_id,trip_id\n", stHeader, map[string]string{"routes.txt": "route_id,route_type\nr," + bad + "\n"}), ".")
		var pe *ParseError
		if assert.ErrorAs(t, err, &pe, bad) {
			assert.Equal(t, "route_type", pe.Field)
		}
	}
}

// googleSample is the shape of the example feed of the GTFS reference
// (Demo Transit Authority): stop_times rows shorter than the header,
// frequencies.txt and block_id.
var googleSample = map[string]string{
	"agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nDTA,Demo Transit Authority,http://google.com,America/Los_Angeles\n",
	"stops.txt": "stop_id,stop_name,stop_desc,stop_lat,stop_lon,zone_id,stop_url\n" +
		"FUR_CREEK_RES,Furnace Creek Resort (Demo),,36.425288,-117.133162,,\n" +
		"BEATTY_AIRPORT,Nye County Airport (Demo),,36.868446,-116.784582,,\n" +
		"BULLFROG,Bullfrog (Demo),,36.88108,-116.81797,,\n" +
		"STAGECOACH,Stagecoach Hotel & Casino (Demo),,36.915682,-116.751677,,\n" +
		"NANAA,North Ave / N A Ave (Demo),,36.914944,-116.761472,,\n",
	"routes.txt": "route_id,agency_id,route_short_name,route_long_name,route_desc,route_type,route_url,route_color,route_text_color\n" +
		"AB,DTA,10,Airport - Bullfrog,,3,,,\nBFC,DTA,20,Bullfrog - Furnace Creek Resort,,3,,,\nSTBA,DTA,30,Stagecoach - Airport Shuttle,,3,,,\nCITY,DTA,40,City,,3,,,\n",
	"trips.txt": "route_id,service_id,trip_id,trip_headsign,direction_id,block_id,shape_id\n" +
		"AB,FULLW,AB1,to Bullfrog,0,1,\nSTBA,FULLW,STBA,Shuttle,,,\nCITY,FULLW,CITY1,,0,,\nBFC,FULLW,BFC1,to Furnace Creek Resort,0,1,\n",
	"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence,stop_headsign,pickup_type,drop_off_time,shape_dist_traveled\n" +
		"STBA,6:00:00,6:00:00,STAGECOACH,1,,,,\n" +
		"STBA,6:20:00,6:20:00,BEATTY_AIRPORT,2,,,,\n" +
		"CITY1,6:00:00,6:00:00,STAGECOACH,1,,,,\n" +
		"CITY1,6:05:00,6:07:00,NANAA,2,,,,\n" +
		"AB1,8:00:00,8:00:00,BEATTY_AIRPORT,1,,,,\n" +
		"AB1,8:10:00,8:15:00,BULLFROG,2\n" +
		"BFC1,8:20:00,8:20:00,BULLFROG,1\n" +
		"BFC1,9:20:00,9:20:00,FUR_CREEK_RES,2\n",
	"calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n" +
		"FULLW,1,1,1,1,1,1,1,20070101,20101231\n",
	"calendar_dates.txt": "service_id,date,exception_type\nFULLW,20070604,2\n",
	"frequencies.txt": "trip_id,start_time,end_time,headway_secs\n" +
		"STBA,6:00:00,22:00:00,1800\nCITY1,6:00:00,7:59:59,1800\nCITY1,8:00:00,9:59:59,600\n",
}

func TestGoogleSampleFeed(t *testing.T) {
	fsys := fstest.MapFS{}
	for k, v := range googleSample {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	f := load(t, fsys)
	assert.Empty(t, f.Warnings())
	ctx := context.Background()
	d := time.Date(2008, 6, 5, 0, 0, 0, 0, f.Location())
	// The shuttle runs every 30 minutes from 06:00 until before 22:00:
	// 32 journeys, each 20 minutes.
	js, err := f.Journeys(ctx, "STAGECOACH", "BEATTY_AIRPORT", d, d.Add(24*time.Hour), SearchOptions{})
	require.NoError(t, err)
	require.Len(t, js, 32)
	for i, j := range js {
		assert.Equal(t, d.Add(6*time.Hour+time.Duration(i)*30*time.Minute), j.Depart(), i)
		assert.Equal(t, 20*time.Minute, j.Duration(), i)
		assert.Equal(t, "STBA", j.Legs[0].Service)
	}
	// City buses: every 30 minutes before 08:00, every 10 after.
	js, err = f.Journeys(ctx, "STAGECOACH", "NANAA", d, d.Add(24*time.Hour), SearchOptions{})
	require.NoError(t, err)
	assert.Len(t, js, 4+12)
	// AB1 goes on as BFC1 (block 1): the traveller stays seated.
	j, err := f.EarliestArrival(ctx, "BEATTY_AIRPORT", "FUR_CREEK_RES", d.Add(7*time.Hour), SearchOptions{})
	require.NoError(t, err)
	assert.Equal(t, "AB1@08:00>08:10 BFC1@08:20>09:20", trips(j))
	assert.Equal(t, 0, j.Transfers())
	assert.True(t, j.Legs[1].Continues)
}

func TestFrequenciesExactTimes(t *testing.T) {
	for _, exact := range []string{"0", "1"} {
		t.Run("exact_times "+exact, func(t *testing.T) {
			f := load(t, mini("route_id,service_id,trip_id\nr,all,t\n",
				stHeader+"t,10:00:00,10:00:00,a,1\nt,10:15:00,10:16:00,b,2\nt,10:30:00,10:30:00,c,3\n",
				map[string]string{"frequencies.txt": "trip_id,start_time,end_time,headway_secs,exact_times\nt,07:00:00,08:00:00,1200," + exact + "\n"}))
			ctx := context.Background()
			js, err := f.Journeys(ctx, "a", "c", day(t, f, "00:00"), day(t, f, "23:59"), SearchOptions{})
			require.NoError(t, err)
			var got []string
			for _, j := range js {
				got = append(got, trips(j))
			}
			// Copies leave at 07:00, 07:20, 07:40; the template's own 10:00
			// does not run.
			assert.Equal(t, []string{"t@07:00>07:30", "t@07:20>07:50", "t@07:40>08:10"}, got)
			j, err := f.EarliestArrival(ctx, "b", "c", day(t, f, "07:30"), SearchOptions{})
			require.NoError(t, err)
			assert.Equal(t, "t@07:36>07:50", trips(j))
		})
	}
}

// Two trips of one block: a → b arriving 08:00, b → c leaving 08:01, and
// another trip d → b arriving 08:00. Only the block's rider makes the
// 08:01; the one-minute layover is shorter than the change time.
const blockTrips = "route_id,service_id,trip_id,block_id\nr,all,x,B1\nr,all,y,B1\nr,all,z,\nr,all,late,\n"
const blockStopTimes = stHeader +
	"x,07:00:00,07:00:00,a,1\nx,08:00:00,08:00:00,b,2\n" +
	"y,08:01:00,08:01:00,b,1\ny,09:00:00,09:00:00,c,2\n" +
	"z,07:10:00,07:10:00,d,1\nz,08:00:00,08:00:00,b,2\n" +
	"late,08:30:00,08:30:00,b,1\nlate,09:30:00,09:30:00,c,2\n"

func TestBlockInSeat(t *testing.T) {
	f := load(t, mini(blockTrips, blockStopTimes, nil))
	ctx := context.Background()
	j, err := f.EarliestArrival(ctx, "a", "c", day(t, f, "06:00"), SearchOptions{})
	require.NoError(t, err)
	assert.Equal(t, "x@07:00>08:00 y@08:01>09:00", trips(j))
	assert.Equal(t, 0, j.Transfers(), "staying seated is no change")
	assert.True(t, j.Legs[1].Continues)
	ld, err := f.LatestDeparture(ctx, "a", "c", day(t, f, "09:00"), SearchOptions{})
	require.NoError(t, err)
	assert.Equal(t, "x@07:00>08:00 y@08:01>09:00", trips(ld))
	assert.Equal(t, 0, ld.Transfers())
	// The rider from d must change at b and misses y.
	j, err = f.EarliestArrival(ctx, "d", "c", day(t, f, "06:00"), SearchOptions{})
	require.NoError(t, err)
	assert.Equal(t, "z@07:10>08:00 late@08:30>09:30", trips(j))
	// Transfer type 5 forbids staying seated: x's rider changes too.
	f = load(t, mini(blockTrips, blockStopTimes, map[string]string{
		"transfers.txt": "from_stop_id,to_stop_id,from_trip_id,to_trip_id,transfer_type\n,,x,y,5\n"}))
	j, err = f.EarliestArrival(ctx, "a", "c", day(t, f, "06:00"), SearchOptions{})
	require.NoError(t, err)
	assert.Equal(t, "x@07:00>08:00 late@08:30>09:30", trips(j))
}

func TestTripTransfers(t *testing.T) {
	// x: a → b arrives 08:00; y: b → c leaves 08:01; w: b → c 08:05;
	// late: b → c 08:30.
	const tripsTxt = "route_id,service_id,trip_id\nr,all,x\nq,all,y\nq,all,w\nr,all,late\n"
	const st = stHeader +
		"x,07:00:00,07:00:00,a,1\nx,08:00:00,08:00:00,b,2\n" +
		"y,08:01:00,08:01:00,b,1\ny,09:00:00,09:00:00,c,2\n" +
		"w,08:05:00,08:05:00,b,1\nw,09:05:00,09:05:00,c,2\n" +
		"late,08:30:00,08:30:00,b,1\nlate,09:30:00,09:30:00,c,2\n"
	const head = "from_stop_id,to_stop_id,from_route_id,to_route_id,from_trip_id,to_trip_id,transfer_type,min_transfer_time\n"
	tests := []struct {
		name, transfers, want string
		changes               int
	}{
		{"none: the change time", "", "x@07:00>08:00 w@08:05>09:05", 1},
		{"timed trip to trip", head + "b,b,,,x,y,1,\n", "x@07:00>08:00 y@08:01>09:00", 1},
		{"stop rule only", head + "b,b,,,,,2,60\n", "x@07:00>08:00 y@08:01>09:00", 1},
		{"not possible, trip to trip", head + "b,b,,,x,w,3,\n", "x@07:00>08:00 late@08:30>09:30", 1},
		{"not possible beats the stop rule", head + "b,b,,,,,1,\nb,b,r,q,,,3,\n", "x@07:00>08:00 late@08:30>09:30", 1},
		{"route minimum time", head + "b,b,r,q,,,2,600\n", "x@07:00>08:00 late@08:30>09:30", 1},
		{"in-seat trip to trip", head + ",,,,x,y,4,\n", "x@07:00>08:00 y@08:01>09:00", 0},
		{"unknown trip ignored", head + "b,b,,,x,nope,1,\n", "x@07:00>08:00 w@08:05>09:05", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := load(t, mini(tripsTxt, st, map[string]string{"transfers.txt": tt.transfers}))
			ctx := context.Background()
			j, err := f.EarliestArrival(ctx, "a", "c", day(t, f, "06:00"), SearchOptions{})
			require.NoError(t, err)
			assert.Equal(t, tt.want, trips(j))
			assert.Equal(t, tt.changes, j.Transfers())
			// Backwards from the arrival, the same journey.
			ld, err := f.LatestDeparture(ctx, "a", "c", j.Arrive(), SearchOptions{})
			require.NoError(t, err)
			assert.Equal(t, tt.want, trips(ld))
		})
	}
}

// TestRulesNamingTripsWithoutConnections: transfers.txt rules that name
// a trip dropped as bad (a stop time at a stop stops.txt lacks) or a
// trip with one stop time are ignored by every search; they once
// indexed stop times before the trip's first.
func TestRulesNamingTripsWithoutConnections(t *testing.T) {
	// The dropped trip comes first: its stop times would be the first.
	const tripsTxt = "route_id,service_id,trip_id\nr,all,bad\nr,all,x\nq,all,w\nr,all,one\n"
	const st = stHeader +
		"bad,07:30:00,07:30:00,b,1\nbad,07:50:00,07:50:00,nowhere,2\n" +
		"x,07:00:00,07:00:00,a,1\nx,08:00:00,08:00:00,b,2\n" +
		"w,08:05:00,08:05:00,b,1\nw,09:05:00,09:05:00,c,2\n" +
		"one,07:55:00,07:55:00,b,1\n"
	const head = "from_stop_id,to_stop_id,from_route_id,to_route_id,from_trip_id,to_trip_id,transfer_type,min_transfer_time\n"
	for _, tc := range []struct{ name, transfers string }{
		{"in seat from a dropped trip", head + ",,,,bad,w,4,\n"},
		{"in seat into a dropped trip", head + ",,,,x,bad,4,\n"},
		{"timed into a dropped trip", head + "b,b,,,x,bad,1,\n"},
		{"timed from a dropped trip", head + "b,b,,,bad,w,1,\n"},
		{"in seat from a trip of one stop", head + ",,,,one,w,4,\n"},
		{"in seat into a trip of one stop", head + ",,,,x,one,4,\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := load(t, mini(tripsTxt, st, map[string]string{"transfers.txt": tc.transfers}))
			require.NotEmpty(t, f.Warnings(), "the bad trip is dropped with a warning")
			ctx := context.Background()
			j, err := f.EarliestArrival(ctx, "a", "c", day(t, f, "06:00"), SearchOptions{})
			require.NoError(t, err)
			assert.Equal(t, "x@07:00>08:00 w@08:05>09:05", trips(j))
			ld, err := f.LatestDeparture(ctx, "a", "c", j.Arrive(), SearchOptions{})
			require.NoError(t, err)
			assert.Equal(t, "x@07:00>08:00 w@08:05>09:05", trips(ld))
			js, err := f.Journeys(ctx, "a", "c", day(t, f, "06:00"), day(t, f, "12:00"), SearchOptions{})
			require.NoError(t, err)
			require.Len(t, js, 1)
			assert.Equal(t, "x@07:00>08:00 w@08:05>09:05", trips(js[0]))
		})
	}
}

// At equal departure and arrival, the journey with fewest changes wins;
// among the options, a direct train arriving a little later than a
// journey with changes is offered too.
func TestFewestChangesAndOptions(t *testing.T) {
	// a → e: p1 a→b, p2 b→d, p3 d→e arrive 08:55 (two changes);
	// direct a→e leaves 08:00 arrives 09:00; one-change pair via c
	// arrives 08:55 too (a→c, c→e) but rides c and back in the
	// two-change version.
	const tripsTxt = "route_id,service_id,trip_id\nr,all,p1\nr,all,p2\nr,all,p3\nr,all,direct\nr,all,q1\nr,all,q2\n"
	const st = stHeader +
		"p1,08:00:00,08:00:00,a,1\np1,08:10:00,08:10:00,b,2\n" +
		"p2,08:15:00,08:15:00,b,1\np2,08:30:00,08:30:00,d,2\n" +
		"p3,08:35:00,08:35:00,d,1\np3,08:55:00,08:55:00,e,2\n" +
		"direct,08:00:00,08:00:00,a,1\ndirect,09:00:00,09:00:00,e,2\n" +
		"q1,08:00:00,08:00:00,a,1\nq1,08:20:00,08:20:00,c,2\n" +
		"q2,08:30:00,08:30:00,c,1\nq2,08:55:00,08:55:00,e,2\n"
	f := load(t, mini(tripsTxt, st, nil))
	ctx := context.Background()
	j, err := f.EarliestArrival(ctx, "a", "e", day(t, f, "07:00"), SearchOptions{})
	require.NoError(t, err)
	assert.Equal(t, "q1@08:00>08:20 q2@08:30>08:55", trips(j))
	ld, err := f.LatestDeparture(ctx, "a", "e", day(t, f, "08:56"), SearchOptions{})
	require.NoError(t, err)
	assert.Equal(t, 1, ld.Transfers())
	js, err := f.Journeys(ctx, "a", "e", day(t, f, "07:00"), day(t, f, "23:00"), SearchOptions{})
	require.NoError(t, err)
	var got []string
	for _, j := range js {
		got = append(got, trips(j))
	}
	assert.Equal(t, []string{"q1@08:00>08:20 q2@08:30>08:55", "direct@08:00>09:00"}, got)
}

func TestLoadDatesAndArea(t *testing.T) {
	tripsTxt := "route_id,service_id,trip_id\nr,all,t\nr,once,u\n"
	st := stHeader + "t,08:00:00,08:00:00,a,1\nt,09:00:00,09:00:00,b,2\nt,10:00:00,10:00:00,f,3\n" +
		"u,08:00:00,08:00:00,a,1\nu,08:30:00,08:30:00,b,2\n"
	fsys := mini(tripsTxt, st, map[string]string{"calendar_dates.txt": "service_id,date,exception_type\nonce,20270601,1\n"})
	ctx := context.Background()
	f, err := LoadFeeds(ctx, []Source{{FS: fsys}}, LoadOptions{Dates: []time.Time{time.Date(2027, 3, 9, 0, 0, 0, 0, time.UTC)}})
	require.NoError(t, err)
	assert.Equal(t, 3, len(f.stStop), "u runs on no kept date")
	for _, tc := range []struct {
		when string
		ok   bool
	}{{"2027-03-08 07:00", true}, {"2027-03-09 07:00", true}, {"2027-03-10 07:00", true}, {"2027-03-12 07:00", false}} {
		_, err := f.EarliestArrival(ctx, "a", "b", at(t, f, tc.when), SearchOptions{})
		assert.Equal(t, tc.ok, err == nil, "%s: %v", tc.when, err)
		if !tc.ok {
			assert.ErrorIs(t, err, ErrNoJourney)
		}
	}
	// An area around a and b cuts the trip to its stops inside.
	f, err = LoadFeeds(ctx, []Source{{FS: fsys}}, LoadOptions{Area: Area{Circles: []Circle{{Lat: 63.0, Lon: 14.1, RadiusKm: 10}}}})
	require.NoError(t, err)
	_, err = f.EarliestArrival(ctx, "a", "f", at(t, f, "2027-03-09 07:00"), SearchOptions{})
	assert.ErrorIs(t, err, ErrNoJourney)
	j, err := f.EarliestArrival(ctx, "a", "b", at(t, f, "2027-03-09 07:00"), SearchOptions{})
	require.NoError(t, err)
	assert.Equal(t, "t@08:00>09:00", trips(j))
}

func TestSeveralFeeds(t *testing.T) {
	se := mini("route_id,service_id,trip_id\nr,all,t\n", stHeader+"t,08:00:00,08:00:00,a,1\nt,09:00:00,09:00:00,b,2\n", nil)
	// The Norwegian feed: its own zone, a stop "a" of its own, and a
	// station B named like the Swedish one a few hundred metres away.
	no := mini("route_id,service_id,trip_id\nr,all,t\n", stHeader+"t,09:30:00,09:30:00,nb,1\nt,10:00:00,10:00:00,a,2\n", map[string]string{
		"agency.txt": "agency_name,agency_url,agency_timezone\nN,https://example.org,Europe/Oslo\n",
		"stops.txt":  "stop_id,stop_name,stop_lat,stop_lon\nnb,b,63.002,14.205\na,Oslo,59.91,10.75\n",
	})
	ctx := context.Background()
	f, err := LoadFeeds(ctx, []Source{{Name: "se", FS: se}, {Name: "no", FS: no}}, LoadOptions{})
	require.NoError(t, err)
	_, err = f.Stop("a")
	assert.ErrorIs(t, err, ErrAmbiguousStop, "a is in both feeds")
	s, err := f.Stop("no:a")
	require.NoError(t, err)
	assert.Equal(t, "Oslo", s.Name)
	assert.Equal(t, "no", s.Feed)
	assert.Equal(t, "Europe/Oslo", f.StopLocation(s).String())
	j, err := f.EarliestArrival(ctx, "se:a", "no:a", at(t, f, "2027-03-09 07:00"), SearchOptions{})
	require.NoError(t, err)
	assert.Equal(t, "t@08:00>09:00 walk@09:00>09:05 t@09:30>10:00", trips(j))
	assert.Equal(t, "Europe/Oslo", j.Legs[2].Depart.Location().String())
	assert.Equal(t, 1, j.Transfers())
	// "B" names one station: the Swedish and Norwegian ones are joined.
	b, err := f.Stop("B")
	require.NoError(t, err)
	j, err = f.EarliestArrival(ctx, b.ID, "Oslo", at(t, f, "2027-03-09 07:00"), SearchOptions{})
	require.NoError(t, err)
	assert.Equal(t, "t@09:30>10:00", trips(j))
	// Errors name the feed.
	bad := mini("route_id,service_id,trip_id\n", stHeader, map[string]string{"routes.txt": "route_id,route_type\nr,x\n"})
	_, err = LoadFeeds(ctx, []Source{{Name: "se", FS: se}, {Name: "bad", FS: bad}}, LoadOptions{})
	var pe *ParseError
	require.True(t, errors.As(err, &pe))
	assert.True(t, strings.HasPrefix(err.Error(), "bad: routes.txt:2"), err.Error())
}

func TestCache(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "feed.zip")
	writeZip := func(files map[string]string) { writeFeedZip(t, p, files) }
	files := map[string]string{}
	for k, v := range testFeedFiles {
		files[k] = v
	}
	// A bad trip, so that a warning goes through the cache.
	files["stop_times.txt"] += "t7,11:00:00,11:00:00,zz,3,,\n"
	writeZip(files)
	ctx := context.Background()
	opts := LoadOptions{Cache: true, Dates: []time.Time{time.Date(2027, 3, 9, 0, 0, 0, 0, time.UTC)}}
	query := func(f *Feed) string {
		j, err := f.EarliestArrival(ctx, "a", "d", at(t, f, "2027-03-09 07:00"), SearchOptions{})
		require.NoError(t, err)
		return trips(j)
	}
	cold, err := LoadFeeds(ctx, []Source{{Path: p}}, opts)
	require.NoError(t, err)
	cp, err := CachePath(p, opts)
	require.NoError(t, err)
	require.FileExists(t, cp)
	warm, err := LoadFeeds(ctx, []Source{{Path: p}}, opts)
	require.NoError(t, err)
	assert.Equal(t, query(cold), query(warm))
	assert.Equal(t, cold.Stops(), warm.Stops())
	require.Len(t, warm.Warnings(), 1)
	assert.Equal(t, cold.Warnings()[0].Error(), warm.Warnings()[0].Error())
	var pe *ParseError
	require.ErrorAs(t, warm.Warnings()[0], &pe)
	assert.Equal(t, 18, pe.Line)
	assert.ErrorIs(t, warm.Warnings()[0], ErrUnknownReference)
	// Other options, another cache; a changed feed, another key.
	other, err := CachePath(p, LoadOptions{Cache: true})
	require.NoError(t, err)
	assert.NotEqual(t, cp, other)
	files["stop_times.txt"] = strings.Replace(files["stop_times.txt"], "t2,09:00:00,09:00:00,d", "t2,08:59:00,08:59:00,d", 1)
	writeZip(files)
	changed, err := CachePath(p, opts)
	require.NoError(t, err)
	assert.NotEqual(t, cp, changed)
	f, err := LoadFeeds(ctx, []Source{{Path: p}}, opts)
	require.NoError(t, err)
	assert.Equal(t, "t1@08:00>08:30 t2@08:35>08:59", query(f))
	// A damaged cache is rebuilt.
	require.NoError(t, os.WriteFile(changed, []byte("garbage"), 0o644))
	f, err = LoadFeeds(ctx, []Source{{Path: p}}, opts)
	require.NoError(t, err)
	assert.Equal(t, "t1@08:00>08:30 t2@08:35>08:59", query(f))
}

func TestLocal(t *testing.T) {
	// A city line: stops a (63.000, 14.000) to c 4.5 km east, a bus every
	// 10 minutes taking 10 minutes, a tram line from c.
	fsys := mini("route_id,service_id,trip_id\nbus,all,b1\nbus,all,b2\nbus,all,b3\n",
		stHeader+"b1,08:00:00,08:00:00,a,1\nb1,08:05:00,08:05:00,b,2\nb1,08:10:00,08:10:00,c,3\n"+
			"b2,08:10:00,08:10:00,a,1\nb2,08:15:00,08:15:00,b,2\nb2,08:20:00,08:20:00,c,3\n"+
			"b3,08:20:00,08:20:00,a,1\nb3,08:25:00,08:25:00,b,2\nb3,08:30:00,08:30:00,c,3\n",
		map[string]string{
			"stops.txt":  "stop_id,stop_name,stop_lat,stop_lon\na,A,63.000,14.000\nb,B,63.000,14.045\nc,C,63.000,14.090\n",
			"routes.txt": "route_id,route_type\nbus,3\n",
		})
	f := load(t, fsys)
	ctx := context.Background()
	office := Place{ID: "office", Name: "Office", Lat: 63.0015, Lon: 14.000}
	hotel := Place{ID: "hotel", Name: "Hotel", Lat: 63.0015, Lon: 14.090}
	cafe := Place{ID: "cafe", Name: "Café", Lat: 63.0030, Lon: 14.003}
	j, err := f.Local(ctx, office, hotel, day(t, f, "08:03"), LocalOptions{})
	require.NoError(t, err)
	var modes []string
	for _, l := range j.Legs {
		modes = append(modes, string(l.Mode))
	}
	assert.Equal(t, []string{"walk", "bus", "walk"}, modes)
	assert.Equal(t, "office", j.Legs[0].From)
	assert.Equal(t, "hotel", j.Legs[2].To)
	assert.Equal(t, "b2", j.Legs[1].Service)
	// Leave as late as still catches the 08:10 bus: a 3-minute walk.
	assert.Equal(t, day(t, f, "08:07"), j.Legs[0].Depart)
	assert.Equal(t, day(t, f, "08:10"), j.Legs[0].Arrive)
	assert.Equal(t, day(t, f, "08:23"), j.Arrive())
	assert.Equal(t, j.Legs[1].Arrive, j.Legs[2].Depart)
	// 167 m: 0.167 km × 1.3 at 4.5 km/h is 2.9 minutes, so 3.
	assert.Equal(t, 3*time.Minute, j.Legs[2].Duration())
	// A short move is a walk.
	j, err = f.Local(ctx, office, cafe, day(t, f, "08:03"), LocalOptions{})
	require.NoError(t, err)
	require.Len(t, j.Legs, 1)
	assert.Equal(t, Walk, j.Legs[0].Mode)
	// After the last bus, or with no stop within reach, walk.
	j, err = f.Local(ctx, office, hotel, day(t, f, "09:00"), LocalOptions{})
	require.NoError(t, err)
	require.Len(t, j.Legs, 1)
	assert.Equal(t, Walk, j.Legs[0].Mode)
	j, err = f.Local(ctx, office, hotel, day(t, f, "08:03"), LocalOptions{MaxWalkKm: 0.05})
	require.NoError(t, err)
	require.Len(t, j.Legs, 1)
}

func TestProgramFeeds(t *testing.T) {
	zipOf := func(fsys fstest.MapFS) []byte {
		var buf strings.Builder
		zw := zip.NewWriter(&buf)
		for k, v := range fsys {
			w, _ := zw.Create(k)
			w.Write(v.Data)
		}
		require.NoError(t, zw.Close())
		return []byte(buf.String())
	}
	se := mini("route_id,service_id,trip_id\nr,all,t\n", stHeader+"t,08:00:00,08:00:00,a,1\nt,09:00:00,09:00:00,b,2\n", nil)
	no := mini("route_id,service_id,trip_id\nr,all,u\n", stHeader+"u,09:30:00,09:30:00,b,1\nu,10:00:00,10:00:00,c,2\n", nil)
	two := fstest.MapFS{"gtfs/sweden.zip": {Data: zipOf(se)}}
	for k, v := range no {
		two["gtfs/norway/"+k] = v
	}
	one := fstest.MapFS{"gtfs.zip": {Data: zipOf(se)}}
	ctx := context.Background()
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		feeds []string
		stop  string
	}{
		{"two feeds in gtfs/", two, []string{"norway", "sweden"}, "sweden:b"},
		{"gtfs.zip", one, []string{"gtfs"}, "b"},
		{"no timetable", fstest.MapFS{"places.csv": {Data: []byte("id\n")}}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srcs, err := ProgramFeeds(tt.fsys)
			require.NoError(t, err)
			var names []string
			for _, s := range srcs {
				names = append(names, s.Name)
			}
			assert.Equal(t, tt.feeds, names)
			if len(srcs) == 0 {
				return
			}
			f, err := LoadFeeds(ctx, srcs, LoadOptions{})
			require.NoError(t, err)
			_, err = f.Stop(tt.stop)
			assert.NoError(t, err)
		})
	}
	_, err := ProgramFeeds(fstest.MapFS{"gtfs/readme.txt": {Data: []byte("x")}})
	assert.ErrorIs(t, err, ErrMissingFile)
}

// TestCacheKeepsTheNewest: each window of dates asked for gets a cache
// file, and only the keepCaches most recently used of a feed stay; one
// used again is kept while newer windows come and go. The caches of a
// feed file that is gone are removed.
func TestCacheKeepsTheNewest(t *testing.T) {
	dir := t.TempDir()
	p := writeFeedFolder(t, filepath.Join(dir, "feed"))
	ctx := context.Background()
	window := func(day int) LoadOptions {
		return LoadOptions{Cache: true, Dates: []time.Time{time.Date(2027, 3, day, 0, 0, 0, 0, time.UTC)}}
	}
	caches := func() []string {
		got, err := filepath.Glob(p + ".crossmeet-*.cache")
		require.NoError(t, err)
		return got
	}
	used := time.Now().Add(-time.Hour)
	for day := 1; day <= 5; day++ {
		_, err := LoadFeeds(ctx, []Source{{Path: p}}, window(day))
		require.NoError(t, err)
		cp, err := CachePath(p, window(day))
		require.NoError(t, err)
		require.FileExists(t, cp, "day %d", day)
		// Each older by a minute than the next, so that the order is sure.
		require.NoError(t, os.Chtimes(cp, used, used))
		used = used.Add(time.Minute)
		assert.Len(t, caches(), min(day, keepCaches), "day %d", day)
		if day == 3 {
			// Day 1 used again: the newest now.
			_, err := LoadFeeds(ctx, []Source{{Path: p}}, window(1))
			require.NoError(t, err)
		}
	}
	// The cache of a feed that is gone goes with the next load; that of
	// another feed stays.
	gone := filepath.Join(dir, "gone.zip.crossmeet-0123456789abcdef.cache")
	other := filepath.Join(dir, "other.zip.crossmeet-0123456789abcdef.cache")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "other.zip"), nil, 0o644))
	for _, p := range []string{gone, other} {
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
	_, err := LoadFeeds(ctx, []Source{{Path: p}}, window(5))
	require.NoError(t, err)
	assert.NoFileExists(t, gone)
	assert.FileExists(t, other)
	var want []string
	for _, day := range []int{1, 4, 5} {
		cp, err := CachePath(p, window(day))
		require.NoError(t, err)
		want = append(want, cp)
	}
	assert.ElementsMatch(t, want, caches())
}

// TestCacheOfAFeedReadThroughFS: a Source read through an FS with a Path
// for its file on disk is cached next to that file, and the cache is
// read back (it survives the file's contents being hidden from the FS
// view: the key is the file on disk).
func TestCacheOfAFeedReadThroughFS(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "feed.zip")
	writeFeedZip(t, p, testFeedFiles)
	ctx := context.Background()
	opts := LoadOptions{Cache: true}
	src := Source{FS: os.DirFS(dir), Dir: "feed.zip", Path: p}
	cold, err := LoadFeeds(ctx, []Source{src}, opts)
	require.NoError(t, err)
	assert.Equal(t, "feed1", cold.Stops()[0].Feed, "the name does not come from Path when FS is set")
	got, err := filepath.Glob(p + ".crossmeet-*.cache")
	require.NoError(t, err)
	require.Len(t, got, 1)
	// Read from the cache: the FS now shows an empty folder.
	warm, err := LoadFeeds(ctx, []Source{{FS: fstest.MapFS{"feed.zip": &fstest.MapFile{}}, Dir: "feed.zip", Path: p}}, opts)
	require.NoError(t, err)
	assert.Equal(t, cold.Stops(), warm.Stops())
	// Without Cache the FS is read, and fails.
	_, err = LoadFeeds(ctx, []Source{{FS: fstest.MapFS{"feed.zip": &fstest.MapFile{}}, Dir: "feed.zip", Path: p}}, LoadOptions{})
	assert.Error(t, err)
}

// writeFeedZip writes files as a feed's zip at p.
func writeFeedZip(t *testing.T, p string, files map[string]string) {
	t.Helper()
	zf, err := os.Create(p)
	require.NoError(t, err)
	zw := zip.NewWriter(zf)
	for k, v := range files {
		w, err := zw.Create(k)
		require.NoError(t, err)
		_, err = w.Write([]byte(v))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, zf.Close())
}

// writeFeedFolder writes the test feed (testFeedFiles) into a new
// folder p and returns p.
func writeFeedFolder(t *testing.T, p string) string {
	t.Helper()
	require.NoError(t, os.Mkdir(p, 0o755))
	for k, v := range testFeedFiles {
		require.NoError(t, os.WriteFile(filepath.Join(p, k), []byte(v), 0o644))
	}
	return p
}

// TestWarningsAreBounded: a stop_times.txt of rows for trips that do not
// exist, alternating so that each row is a warning of its own, keeps
// MaxWarnings of them and one that counts the rest; the feed loads.
func TestWarningsAreBounded(t *testing.T) {
	files := maps.Clone(testFeedFiles)
	var b strings.Builder
	b.WriteString(files["stop_times.txt"])
	extra := MaxWarnings + 500
	for i := range extra {
		fmt.Fprintf(&b, "ghost%d,10:00:00,10:00:00,a,1,,\n", i%2)
	}
	files["stop_times.txt"] = b.String()
	p := filepath.Join(t.TempDir(), "feed.zip")
	writeFeedZip(t, p, files)
	f, err := LoadFeeds(context.Background(), []Source{{Path: p}}, LoadOptions{})
	require.NoError(t, err)
	ws := f.Warnings()
	require.Len(t, ws, MaxWarnings+1)
	assert.ErrorIs(t, ws[0], ErrUnknownReference)
	assert.EqualError(t, ws[MaxWarnings], fmt.Sprintf("500 more trips or rows left out, not listed: a feed keeps its first %d warnings", MaxWarnings))
	_, err = LoadFeeds(context.Background(), []Source{{Path: p}}, LoadOptions{Strict: true})
	assert.ErrorIs(t, err, ErrUnknownReference, "strict stops at the first")
}

// TestFrequencyTripsAreBounded: frequencies.txt rows past the trips a
// feed may add (MaxFrequencyTrips, lowered here) are left out with a
// located warning; the rows before them run.
func TestFrequencyTripsAreBounded(t *testing.T) {
	defer func(n int64) { frequencyTrips = n }(frequencyTrips)
	frequencyTrips = 100
	rows := "trip_id,start_time,end_time,headway_secs,exact_times\n" +
		"t,07:00:00,07:50:00,60,1\n" + // 50 copies
		"t,08:00:00,08:50:00,60,1\n" + // 50: 100 in all
		"t,00:00:00,48:00:00,1,1\n" + // 172,800: left out
		"t,09:00:00,09:01:00,60,1\n" // 1: past the bound too
	f := load(t, mini("route_id,service_id,trip_id\nr,all,t\n",
		stHeader+"t,10:00:00,10:00:00,a,1\nt,10:15:00,10:16:00,b,2\nt,10:30:00,10:30:00,c,3\n",
		map[string]string{"frequencies.txt": rows}))
	ws := f.Warnings()
	require.Len(t, ws, 2)
	for i, line := range []int{4, 5} {
		var pe *ParseError
		require.ErrorAs(t, ws[i], &pe)
		assert.Equal(t, "frequencies.txt", pe.File)
		assert.Equal(t, line, pe.Line)
		assert.Equal(t, "headway_secs", pe.Field)
	}
	assert.ErrorContains(t, ws[0], "runs 172800 copies")
	js, err := f.Journeys(context.Background(), "a", "c", day(t, f, "06:00"), day(t, f, "23:59"), SearchOptions{})
	require.NoError(t, err)
	assert.Len(t, js, 100, "the copies of the first two rows")
}

// TestCrowdedStationsAndPlaces: a station with more stops than
// MaxPlatforms, and a place or a name with more stops than MaxJoinStops
// in two feeds, load at once with a warning each instead of a walk
// between every pair of their stops (400 million for 20,000); the
// other stations are still joined.
func TestCrowdedStationsAndPlaces(t *testing.T) {
	crowd := func(prefix, name string, n int, lat, lon float64, parent bool) string {
		var b strings.Builder
		b.WriteString("stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n")
		b.WriteString("a,A,63.0,14.0,0,\nb,B,63.0,14.2,0,\n")
		b.WriteString("border,Border,63.3,12.1,0,\n")
		if parent {
			fmt.Fprintf(&b, "%sST,%s,%.4f,%.4f,1,\n", prefix, name, lat, lon)
		}
		for i := range n {
			p := ""
			if parent {
				p = prefix + "ST"
			}
			fmt.Fprintf(&b, "%s%d,%s,%.4f,%.4f,0,%s\n", prefix, i, name, lat, lon, p)
		}
		return b.String()
	}
	trips := "route_id,service_id,trip_id\nr,all,t1\n"
	st := stHeader + "t1,10:00:00,10:00:00,a,1\nt1,10:10:00,10:10:00,b,2\n"

	t.Run("a station of more than MaxPlatforms stops", func(t *testing.T) {
		f := load(t, mini(trips, st, map[string]string{"stops.txt": crowd("p", "Big", MaxPlatforms+1, 63.1, 14.1, true)}))
		w := oneWarning(t, f, "stops.txt", 5)
		assert.ErrorContains(t, w, fmt.Sprintf(`station "pST" has %d stops`, MaxPlatforms+1))
		_, err := LoadFeeds(context.Background(), []Source{{FS: mini(trips, st, map[string]string{"stops.txt": crowd("p", "Big", MaxPlatforms+1, 63.1, 14.1, true)})}}, LoadOptions{Strict: true})
		assert.ErrorIs(t, err, ErrBadValue, "strict refuses it")
	})
	t.Run("two feeds crowded in one place and name", func(t *testing.T) {
		se := mini(trips, st, map[string]string{"stops.txt": crowd("s", "Same", MaxJoinStops+1, 63.5, 13.0, false)})
		no := mini(trips, st, map[string]string{"stops.txt": crowd("n", "Same", 10, 63.5, 13.0, false)})
		f, err := LoadFeeds(context.Background(), []Source{{Name: "se", FS: se}, {Name: "no", FS: no}}, LoadOptions{})
		require.NoError(t, err)
		var msgs []string
		for _, w := range f.Warnings() {
			msgs = append(msgs, w.Error())
			assert.ErrorIs(t, w, ErrBadValue)
		}
		require.Len(t, msgs, 2, "%q", msgs)
		assert.Contains(t, msgs[0], fmt.Sprintf("%d stops within about 300 m of 63.5000, 13.0000 (Same): too many to join", MaxJoinStops+1+10))
		assert.Contains(t, msgs[1], fmt.Sprintf(`%d stations named "same": too many to join`, MaxJoinStops+1+10))
		// The border stations, one of each feed at the same spot and of
		// the same name, are still joined: one station for queries.
		_, err = f.EarliestArrival(context.Background(), "se:border", "no:border", day(t, f, "09:00"), SearchOptions{})
		assert.ErrorContains(t, err, "are the same station")
	})
}

// TestTransferPairsAreBounded: station rules of transfers.txt join every
// pair of the two stations' platforms; past the pairs a feed may join
// (MaxTransferPairs, lowered here) a rule is left out with a located
// warning, and the others still apply.
func TestTransferPairsAreBounded(t *testing.T) {
	defer func(n int) { transferPairs = n }(transferPairs)
	transferPairs = 5
	stops := "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n" +
		"S1,One,63.0,14.0,1,\nS2,Two,63.0,14.2,1,\n" +
		"a,A,63.0,14.0,0,S1\nb,B,63.0,14.0,0,S1\n" +
		"c,C,63.0,14.2,0,S2\nd,D,63.0,14.2,0,S2\ne,E,63.0,14.2,0,S2\nf,F,63.0,14.4,0,\n"
	transfers := "from_stop_id,to_stop_id,transfer_type,min_transfer_time\n" +
		"a,c,2,60\n" + // 1 pair
		"S1,S2,2,120\n" + // 6 pairs: past 5 with the one above
		"b,f,2,90\n" // 1 pair
	f := load(t, mini("route_id,service_id,trip_id\nr,all,t1\n",
		stHeader+"t1,10:00:00,10:00:00,a,1\nt1,10:10:00,10:10:00,f,2\n",
		map[string]string{"stops.txt": stops, "transfers.txt": transfers}))
	w := oneWarning(t, f, "transfers.txt", 3)
	assert.ErrorContains(t, w, "joins 6 pairs of platforms")
	id := func(s string) int32 { x, err := f.Stop(s); require.NoError(t, err); return f.stopIndex[x.ID] }
	assert.Equal(t, map[[2]int32]int32{{id("a"), id("c")}: 60, {id("b"), id("f")}: 90}, f.rules)
}

// oneWarning checks that f has one warning, a *ParseError at file and
// line, and returns it.
func oneWarning(t *testing.T, f *Feed, file string, line int) error {
	t.Helper()
	ws := f.Warnings()
	require.Len(t, ws, 1)
	var pe *ParseError
	require.ErrorAs(t, ws[0], &pe)
	assert.Equal(t, file, pe.File)
	assert.Equal(t, line, pe.Line)
	return ws[0]
}

// TestZipBombIsRefused: a feed zip with an entry of more than a megabyte
// that inflates more than MaxZipRatio times is refused before it is
// read, by path and through an fs.FS, naming the entry.
func TestZipBombIsRefused(t *testing.T) {
	files := maps.Clone(testFeedFiles)
	files["stop_times.txt"] += strings.Repeat("t1,10:00:00,10:00:00,a,1,,\n", 200_000) // 5 MB of one line
	p := filepath.Join(t.TempDir(), "bomb.zip")
	writeFeedZip(t, p, files)
	for _, src := range []Source{{Path: p}, {FS: os.DirFS(filepath.Dir(p)), Dir: "bomb.zip"}} {
		_, err := LoadFeeds(context.Background(), []Source{src}, LoadOptions{})
		require.ErrorIs(t, err, ErrTooLarge)
		assert.Regexp(t, `stop_times\.txt inflates [0-9]+ times \(5\.[0-9] MiB from [0-9.]+ KiB\), more than 100 times: not a timetable`, err.Error())
	}
}
