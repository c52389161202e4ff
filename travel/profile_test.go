package travel

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
)

// profileFeed writes a small random feed with the rules the profile
// search honours: stations with platforms, transfers.txt rules between
// stops (types 0–3), blocks of trips (staying seated), pickup_type and
// drop_off_type 1, frequencies.txt templates and trips running past
// midnight; with trip rules (timed transfers, in-seat and no in-seat
// transfers) when rules is set, which Journeys answers with the forward
// scans.
func profileFeed(r *rand.Rand, nStops, nTrips int, rules bool) (fstest.MapFS, []string) {
	var stops, tripsTxt, st, freq, xfer strings.Builder
	stops.WriteString("stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n")
	var ids []string
	for i := 0; i < nStops; i++ {
		lat, lon := 63+r.Float64(), 10+r.Float64()*5
		if r.IntN(3) == 0 {
			// A station with two platforms.
			fmt.Fprintf(&stops, "st%d,ST%d,%.4f,%.4f,1,\n", i, i, lat, lon)
			for k := 0; k < 2; k++ {
				fmt.Fprintf(&stops, "s%d_%d,ST%d,%.4f,%.4f,0,st%d\n", i, k, i, lat, lon, i)
				ids = append(ids, fmt.Sprintf("s%d_%d", i, k))
			}
			continue
		}
		fmt.Fprintf(&stops, "s%d,S%d,%.4f,%.4f,0,\n", i, i, lat, lon)
		ids = append(ids, fmt.Sprint("s", i))
	}
	hms := func(s int) string { return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60) }
	xfer.WriteString("from_stop_id,to_stop_id,from_trip_id,to_trip_id,transfer_type,min_transfer_time\n")
	for i := 0; i < r.IntN(4); i++ {
		a, b := ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]
		ty := r.IntN(4)
		mt := ""
		if ty == 2 {
			mt = fmt.Sprint(r.IntN(10) * 60)
		}
		fmt.Fprintf(&xfer, "%s,%s,,,%d,%s\n", a, b, ty, mt)
	}
	tripsTxt.WriteString("route_id,service_id,trip_id,block_id\n")
	st.WriteString("trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n")
	freq.WriteString("trip_id,start_time,end_time,headway_secs,exact_times\n")
	write := func(id string, start int, first string) (last string, end int) {
		tm := start
		n := 2 + r.IntN(4)
		for k := 0; k < n; k++ {
			s := ids[r.IntN(len(ids))]
			if k == 0 && first != "" {
				s = first
			}
			dep := tm + r.IntN(3)*60
			pu, do := "", ""
			if r.IntN(8) == 0 {
				pu = "1"
			}
			if r.IntN(8) == 0 {
				do = "1"
			}
			fmt.Fprintf(&st, "%s,%s,%s,%s,%d,%s,%s\n", id, hms(tm), hms(dep), s, k+1, pu, do)
			last, end = s, dep
			tm = dep + r.IntN(20)*60
		}
		return last, end
	}
	var names []string
	for t := 0; t < nTrips; t++ {
		id := fmt.Sprint("t", t)
		names = append(names, id)
		route := fmt.Sprint("r", r.IntN(3))
		start := 5*3600 + r.IntN(20*3600)/60*60
		switch r.IntN(5) {
		case 0:
			fmt.Fprintf(&tripsTxt, "%s,all,%s,\n", route, id)
			write(id, start, "")
			b, e := start+r.IntN(60)*60, 0
			e = b + (20+r.IntN(120))*60
			fmt.Fprintf(&freq, "%s,%s,%s,%d,%d\n", id, hms(b), hms(e), (10+r.IntN(30))*60, r.IntN(2))
		case 1:
			fmt.Fprintf(&tripsTxt, "%s,all,%s,b%d\n%s,all,%sb,b%d\n", route, id, t, route, id, t)
			last, end := write(id, start, "")
			write(id+"b", end+r.IntN(6)*60, last)
			names = append(names, id+"b")
		default:
			fmt.Fprintf(&tripsTxt, "%s,all,%s,\n", route, id)
			write(id, start, "")
		}
	}
	if rules {
		for i := 0; i < 1+r.IntN(3); i++ {
			a, b := names[r.IntN(len(names))], names[r.IntN(len(names))]
			ty := []int{1, 4, 5}[r.IntN(3)]
			p, q := "", ""
			if ty == 1 {
				p = ids[r.IntN(len(ids))]
				q = p
			}
			fmt.Fprintf(&xfer, "%s,%s,%s,%s,%d,\n", p, q, a, b, ty)
		}
	}
	return fstest.MapFS{
		"agency.txt":      {Data: []byte("agency_name,agency_url,agency_timezone\nX,https://example.org,UTC\n")},
		"stops.txt":       {Data: []byte(stops.String())},
		"routes.txt":      {Data: []byte("route_id,route_type\nr0,2\nr1,3\nr2,3\n")},
		"calendar.txt":    {Data: []byte("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nall,1,1,1,1,1,1,1,20270101,20271231\n")},
		"trips.txt":       {Data: []byte(tripsTxt.String())},
		"stop_times.txt":  {Data: []byte(st.String())},
		"frequencies.txt": {Data: []byte(freq.String())},
		"transfers.txt":   {Data: []byte(xfer.String())},
	}, ids
}

// optionsBothWays runs Journeys with the profile search and with the
// forward scans only and requires the same journeys, legs included.
func optionsBothWays(t *testing.T, f *Feed, from, to string, after, before time.Time, opts SearchOptions, msg string) bool {
	t.Helper()
	ctx := context.Background()
	defer func() { profiles = true }()
	profiles = false
	want, werr := f.Journeys(ctx, from, to, after, before, opts)
	profiles = true
	got, gerr := f.Journeys(ctx, from, to, after, before, opts)
	require.Equal(t, describe(want, werr), describe(got, gerr), msg)
	return len(want) > 1
}

// TestProfileMatchesSweep compares the option lists of the profile
// search with those of the forward scans, on random feeds with the
// rules of GTFS (profileFeed), with trip rules (which fall back to the
// forward scans), and on random pairs of feeds joined by walks.
func TestProfileMatchesSweep(t *testing.T) {
	r := rand.New(rand.NewPCG(2027, 9))
	ctx := context.Background()
	day := time.Date(2027, 3, 9, 0, 0, 0, 0, time.UTC)
	several := 0
	for round := 0; round < 600; round++ {
		fsys, ids := profileFeed(r, 3+r.IntN(6), 2+r.IntN(30), round%4 == 3)
		f, err := LoadGTFSFS(fsys, ".")
		require.NoError(t, err)
		for q := 0; q < 4; q++ {
			from, to := ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]
			if from == to {
				continue
			}
			after := day.Add(time.Duration(r.IntN(20*60)) * time.Minute)
			before := after.Add(time.Duration(1+r.IntN(30)) * time.Hour)
			opts := SearchOptions{MaxTransfers: r.IntN(4), MinChange: time.Duration(r.IntN(6)) * time.Minute}
			if optionsBothWays(t, f, from, to, after, before, opts, fmt.Sprintf("round %d, %s→%s in [%v, %v], %+v", round, from, to, after, before, opts)) {
				several++
			}
		}
	}
	for round := 0; round < 150; round++ {
		a, b, ids := randomFeedPair(r, 1+r.IntN(2))
		f, err := LoadFeeds(ctx, []Source{{Name: "a", FS: a}, {Name: "b", FS: b}}, LoadOptions{})
		require.NoError(t, err)
		for q := 0; q < 4; q++ {
			from, to := ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]
			if from == to {
				continue
			}
			after := day.Add(time.Duration(r.IntN(12*60)) * time.Minute)
			before := after.Add(time.Duration(1+r.IntN(20)) * time.Hour)
			if optionsBothWays(t, f, from, to, after, before, SearchOptions{MaxTransfers: r.IntN(4)}, fmt.Sprintf("pair round %d, %s→%s in [%v, %v]", round, from, to, after, before)) {
				several++
			}
		}
	}
	require.Greater(t, several, 300, "queries with several options")
}

// TestProfileSlack checks the sweep times at which the forward scan's
// stop ParetoSlack after the earliest arrival matters: the slow direct
// trip, whose last connection leaves more than ParetoSlack after the
// earliest arrival, is not an option, with or without the profile
// search; the one whose last connection leaves before is.
func TestProfileSlack(t *testing.T) {
	const tripsTxt = "route_id,service_id,trip_id\nr,all,p1\nr,all,p2\nr,all,slow\nr,all,slow2\n"
	tests := []struct {
		name, slow string
		want       []string
	}{
		{"last connection after the slack", "slow,07:55:00,07:55:00,a,1\nslow,12:10:00,12:10:00,d,2\nslow,13:00:00,13:00:00,c,3\n",
			[]string{"p1@08:00>08:30 p2@08:40>09:00"}},
		{"last connection before the slack", "slow,07:55:00,07:55:00,a,1\nslow,11:50:00,11:50:00,d,2\nslow,13:00:00,13:00:00,c,3\n",
			[]string{"slow@07:55>13:00", "p1@08:00>08:30 p2@08:40>09:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := stHeader + "p1,08:00:00,08:00:00,a,1\np1,08:30:00,08:30:00,b,2\n" +
				"p2,08:40:00,08:40:00,b,1\np2,09:00:00,09:00:00,c,2\n" + tt.slow
			f := load(t, mini(tripsTxt, st, nil))
			after, before := day(t, f, "07:00"), day(t, f, "23:00")
			optionsBothWays(t, f, "a", "c", after, before, SearchOptions{}, tt.name)
			js, err := f.Journeys(context.Background(), "a", "c", after, before, SearchOptions{})
			require.NoError(t, err)
			var got []string
			for _, j := range js {
				got = append(got, trips(j))
			}
			require.Equal(t, tt.want, got)
		})
	}
}
