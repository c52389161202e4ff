package travel

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cornerFeed writes a small random feed with what the corridor search
// must follow: stations with platforms, transfers.txt rules between
// stops (minimum times, type 1, type 3), pickup_type and drop_off_type
// 1, blocks (staying seated), frequencies.txt templates, connections and
// waits of no time, and trips past midnight. prefix names its stops (a
// pair of feeds shares the stations "X0", "X1" by name and place).
func cornerFeed(r *rand.Rand, prefix, zone string) (fstest.MapFS, []string) {
	var stops, tripsTxt, st, freq, xfer strings.Builder
	stops.WriteString("stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n")
	var ids []string
	nSt := 2 + r.IntN(3)
	for i := 0; i < nSt; i++ {
		id := fmt.Sprint(prefix, "st", i)
		fmt.Fprintf(&stops, "%s,%s,%.4f,%.4f,1,\n", id, strings.ToUpper(id), 63+r.Float64(), 10+r.Float64())
		for p := 0; p < 1+r.IntN(3); p++ {
			pid := fmt.Sprint(id, "p", p)
			fmt.Fprintf(&stops, "%s,%s,%.4f,%.4f,0,%s\n", pid, strings.ToUpper(id), 63+r.Float64(), 10+r.Float64(), id)
			ids = append(ids, pid)
		}
	}
	for i := 0; i < 3+r.IntN(5); i++ {
		id := fmt.Sprint(prefix, i)
		fmt.Fprintf(&stops, "%s,%s,%.4f,%.4f,0,\n", id, strings.ToUpper(id), 63+r.Float64(), 10+r.Float64())
		ids = append(ids, id)
	}
	for i := 0; i < 2; i++ {
		id := fmt.Sprint(prefix, "x", i)
		fmt.Fprintf(&stops, "%s,X%d,%.4f,%.4f,0,\n", id, i, 63.5+float64(i)*0.2, 10.5)
		ids = append(ids, id)
	}
	xfer.WriteString("from_stop_id,to_stop_id,transfer_type,min_transfer_time\n")
	for i := 0; i < r.IntN(5); i++ {
		a, b := ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]
		switch r.IntN(4) {
		case 0:
			fmt.Fprintf(&xfer, "%s,%s,2,%d\n", a, b, r.IntN(15)*60)
		case 1:
			fmt.Fprintf(&xfer, "%s,%s,1,\n", a, b)
		case 2:
			fmt.Fprintf(&xfer, "%s,%s,3,\n", a, b)
		default:
			fmt.Fprintf(&xfer, "%s,%s,0,\n", a, b)
		}
	}
	tripsTxt.WriteString("route_id,service_id,trip_id,block_id\n")
	st.WriteString("trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n")
	freq.WriteString("trip_id,start_time,end_time,headway_secs,exact_times\n")
	hms := func(s int) string { return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60) }
	flag := func() string {
		if r.IntN(6) == 0 {
			return "1"
		}
		return ""
	}
	// write writes a trip from start at stop first (or a random one) and
	// returns its last stop and arrival.
	write := func(id string, start int, first string) (string, int) {
		tm := start
		stop := first
		n := 2 + r.IntN(4)
		for k := 0; k < n; k++ {
			if k > 0 || stop == "" {
				stop = ids[r.IntN(len(ids))]
			}
			dep := tm + r.IntN(3)*60
			fmt.Fprintf(&st, "%s,%s,%s,%s,%d,%s,%s\n", id, hms(tm), hms(dep), stop, k+1, flag(), flag())
			if k < n-1 {
				tm = dep + r.IntN(25)*60
			}
		}
		return stop, tm
	}
	for t := 0; t < 6+r.IntN(25); t++ {
		id := fmt.Sprint(prefix, "t", t)
		start := (5*60 + r.IntN(20*60)) * 60
		route := fmt.Sprint("r", r.IntN(3))
		switch r.IntN(5) {
		case 0:
			fmt.Fprintf(&tripsTxt, "%s,all,%s,\n", route, id)
			write(id, start, "")
			head := (10 + r.IntN(50)) * 60
			fmt.Fprintf(&freq, "%s,%s,%s,%d,%d\n", id, hms(start), hms(start+(1+r.IntN(4))*head), head, r.IntN(2))
		case 1:
			fmt.Fprintf(&tripsTxt, "%s,all,%s,b%s%d\n%s,all,%sb,b%s%d\n", route, id, prefix, t, route, id, prefix, t)
			last, arr := write(id, start, "")
			write(id+"b", arr+r.IntN(4)*60, last)
		default:
			fmt.Fprintf(&tripsTxt, "%s,all,%s,\n", route, id)
			write(id, start, "")
		}
	}
	return fstest.MapFS{
		"agency.txt":      {Data: []byte("agency_name,agency_url,agency_timezone\nX,https://example.org," + zone + "\n")},
		"stops.txt":       {Data: []byte(stops.String())},
		"routes.txt":      {Data: []byte("route_id,route_type\nr0,2\nr1,3\nr2,3\n")},
		"calendar.txt":    {Data: []byte("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nall,1,1,1,1,1,1,1,20270101,20271231\n")},
		"trips.txt":       {Data: []byte(tripsTxt.String())},
		"stop_times.txt":  {Data: []byte(st.String())},
		"frequencies.txt": {Data: []byte(freq.String())},
		"transfers.txt":   {Data: []byte(xfer.String())},
	}, ids
}

// TestCorridorMatchesFullScan compares earliest arrivals (and the latest
// departures, which end with one) found by the corridor search
// (fastea.go) with those of the full scan, journeys written down in
// full, on random feeds and pairs of feeds covering the rules the
// corridor search follows.
func TestCorridorMatchesFullScan(t *testing.T) {
	r := rand.New(rand.NewPCG(2027, 9))
	ctx := context.Background()
	day := time.Date(2027, 3, 9, 0, 0, 0, 0, time.UTC)
	defer func() { fastEA = true }()
	f0, l0, r0 := fastFallbacks.Load(), feedsLeft.Load(), feedsResumed.Load()
	found, used := 0, 0
	for round := 0; round < 400; round++ {
		var f *Feed
		var ids []string
		var err error
		if round%2 == 0 {
			fsys, is := cornerFeed(r, "a", "UTC")
			ids = is
			f, err = LoadGTFSFS(fsys, ".")
		} else {
			a, ia := cornerFeed(r, "a", "UTC")
			b, ib := cornerFeed(r, "b", "Europe/Helsinki")
			ids = append(ia, ib...)
			f, err = LoadFeeds(ctx, []Source{{Name: "a", FS: a}, {Name: "b", FS: b}}, LoadOptions{})
		}
		require.NoError(t, err)
		for q := 0; q < 8; q++ {
			from, to := ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]
			dep := day.Add(time.Duration(3*60+r.IntN(22*60)) * time.Minute)
			opts := SearchOptions{MinChange: time.Duration(r.IntN(6)) * time.Minute}
			if r.IntN(4) == 0 {
				opts.Window = time.Duration(1+r.IntN(6)) * time.Hour
			}
			run := func() []string {
				j, err := f.EarliestArrival(ctx, from, to, dep, opts)
				l, lerr := f.LatestDeparture(ctx, from, to, dep.Add(5*time.Hour), opts)
				return []string{describe([]Journey{j}, err), describe([]Journey{l}, lerr)}
			}
			fastEA = false
			want := run()
			fastEA = true
			n0 := corridorRuns.Load()
			got := run()
			used += int(corridorRuns.Load() - n0)
			require.Equal(t, want, got, "round %d, %s→%s at %v, %+v", round, from, to, dep, opts)
			if !strings.HasSuffix(want[0], "no journey") {
				found++
			}
		}
	}
	require.Equal(t, f0, fastFallbacks.Load(), "pass 3 found pass 1's arrival")
	require.Greater(t, found, 800, "queries with a journey")
	require.Greater(t, used, 1500, "queries the corridor search answered")
	// Pairs of feeds joined by walks: pass 1 leaves feeds, and some of
	// them must be scanned on for ties (border.go).
	assert.Greater(t, feedsLeft.Load()-l0, int64(150), "feeds pass 1 left")
	assert.Greater(t, feedsResumed.Load()-r0, int64(40), "resumed scans")
}

// TestCorridorQueriesInARow runs corridor searches one after another
// on the same feeds, so that each starts from the labels the last left
// (only the stops it wrote are reset), and compares them with the full
// scan's answers found before.
func TestCorridorQueriesInARow(t *testing.T) {
	r := rand.New(rand.NewPCG(2027, 12))
	ctx := context.Background()
	day := time.Date(2027, 3, 9, 0, 0, 0, 0, time.UTC)
	defer func() { fastEA = true }()
	for round := 0; round < 40; round++ {
		a, ia := cornerFeed(r, "a", "UTC")
		b, ib := cornerFeed(r, "b", "Europe/Helsinki")
		ids := append(ia, ib...)
		f, err := LoadFeeds(ctx, []Source{{Name: "a", FS: a}, {Name: "b", FS: b}}, LoadOptions{})
		require.NoError(t, err)
		type query struct {
			from, to string
			dep      time.Time
		}
		var qs []query
		for range 30 {
			qs = append(qs, query{ids[r.IntN(len(ids))], ids[r.IntN(len(ids))], day.Add(time.Duration(3*60+r.IntN(22*60)) * time.Minute)})
		}
		run := func(q query) string {
			j, err := f.EarliestArrival(ctx, q.from, q.to, q.dep, SearchOptions{})
			return describe([]Journey{j}, err)
		}
		fastEA = false
		var want []string
		for _, q := range qs {
			want = append(want, run(q))
		}
		fastEA = true
		for i, q := range qs {
			require.Equal(t, want[i], run(q), "round %d, query %d: %s→%s at %v", round, i, q.from, q.to, q.dep)
		}
	}
}
