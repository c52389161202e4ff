package travel

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
)

// randomFeedPair writes two small random feeds in different zones. Each
// has stops of its own and the stations X0, X1, … of the same names at
// the same places (ids ax0 in feed a, bx0 in feed b), which LoadFeeds
// joins: a journey between the feeds changes there.
func randomFeedPair(r *rand.Rand, nShared int) (a, b fstest.MapFS, ids []string) {
	shared := make([][2]float64, nShared)
	for i := range shared {
		shared[i] = [2]float64{63 + r.Float64(), 10 + r.Float64()*5}
	}
	one := func(prefix, zone string) fstest.MapFS {
		var stops, tripsTxt, st strings.Builder
		stops.WriteString("stop_id,stop_name,stop_lat,stop_lon\n")
		var own []string
		for i := 0; i < 2+r.IntN(4); i++ {
			id := fmt.Sprint(prefix, i)
			fmt.Fprintf(&stops, "%s,%s,%.4f,%.4f\n", id, strings.ToUpper(id), 63+r.Float64(), 10+r.Float64()*5)
			own = append(own, id)
		}
		for i, p := range shared {
			id := fmt.Sprint(prefix, "x", i)
			fmt.Fprintf(&stops, "%s,X%d,%.4f,%.4f\n", id, i, p[0], p[1])
			own = append(own, id)
		}
		ids = append(ids, own...)
		tripsTxt.WriteString("route_id,service_id,trip_id\n")
		st.WriteString("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n")
		for t := 0; t < 4+r.IntN(20); t++ {
			// Trips of a few routes, so that the trip bounds see lines.
			fmt.Fprintf(&tripsTxt, "r%d,all,%s%d\n", r.IntN(4), prefix, t)
			tm := 5*60 + r.IntN(12*60)
			for k := 0; k < 2+r.IntN(4); k++ {
				dep := tm + r.IntN(3)
				fmt.Fprintf(&st, "%s%d,%02d:%02d:00,%02d:%02d:00,%s,%d\n", prefix, t, tm/60, tm%60, dep/60, dep%60, own[r.IntN(len(own))], k)
				tm = dep + 1 + r.IntN(40)
			}
		}
		return fstest.MapFS{
			"agency.txt":     {Data: []byte("agency_name,agency_url,agency_timezone\nX,https://example.org," + zone + "\n")},
			"stops.txt":      {Data: []byte(stops.String())},
			"routes.txt":     {Data: []byte("route_id,route_type\nr0,2\nr1,2\nr2,3\nr3,3\n")},
			"calendar.txt":   {Data: []byte("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nall,1,1,1,1,1,1,1,20270101,20271231\n")},
			"trips.txt":      {Data: []byte(tripsTxt.String())},
			"stop_times.txt": {Data: []byte(st.String())},
		}
	}
	return one("a", "UTC"), one("b", "Europe/Helsinki"), ids
}

// describe writes journeys down in full, for comparing searches.
func describe(js []Journey, err error) string {
	var b strings.Builder
	for _, j := range js {
		for _, l := range j.Legs {
			fmt.Fprintf(&b, "%s %s>%s %d>%d %v; ", l.Service, l.From, l.To, l.Depart.Unix(), l.Arrive.Unix(), l.Continues)
		}
		b.WriteString("| ")
	}
	if errors.Is(err, ErrNoJourney) {
		b.WriteString("no journey")
	} else if err != nil {
		b.WriteString(err.Error())
	}
	return b.String()
}

// sameUnderSwitches runs run with the shortcuts of the searches
// (lazyFeeds, tripBounds, targetPruning, floors) on and off and requires
// the same answers.
func sameUnderSwitches(t *testing.T, run func() []string, msg string, args ...any) {
	t.Helper()
	set := func(sw [4]bool) { lazyFeeds, tripBounds, targetPruning, floors = sw[0], sw[1], sw[2], sw[3] }
	defer set([4]bool{true, true, true, true})
	set([4]bool{})
	plain := run()
	for _, sw := range [][4]bool{{true, false, false, false}, {false, true, false, false}, {false, false, true, false}, {false, false, false, true}, {true, true, true, true}} {
		set(sw)
		require.Equal(t, plain, run(), fmt.Sprintf("lazyFeeds, tripBounds, targetPruning, floors %v: ", sw)+fmt.Sprintf(msg, args...))
	}
}

// searchAll runs every search between from and to and writes the
// answers down.
func searchAll(f *Feed, from, to string, dep, by time.Time, opts SearchOptions, crossing *int) []string {
	ctx := context.Background()
	var out []string
	j, err := f.EarliestArrival(ctx, from, to, dep, opts)
	out = append(out, describe([]Journey{j}, err))
	if err == nil && f.crosses(j) {
		*crossing++
	}
	j, err = f.LatestDeparture(ctx, from, to, by, opts)
	out = append(out, describe([]Journey{j}, err))
	js, err := f.Pareto(ctx, from, to, dep, opts)
	out = append(out, describe(js, err))
	day := time.Date(dep.Year(), dep.Month(), dep.Day(), 0, 0, 0, 0, dep.Location())
	js, err = f.Journeys(ctx, from, to, day.Add(4*time.Hour), day.Add(22*time.Hour), opts)
	out = append(out, describe(js, err))
	return out
}

// TestShortcutsChangeNothing compares the searches with the lazy
// activation of feeds (lazyFeeds) and the pruning by trip bounds
// (tripBounds) on and off, on random pairs of feeds joined at same-name
// stations and on random feeds with frequencies, blocks and timed
// transfers.
func TestShortcutsChangeNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(2027, 11))
	ctx := context.Background()
	day := time.Date(2027, 3, 9, 0, 0, 0, 0, time.UTC)
	crossing := 0
	for round := 0; round < 150; round++ {
		a, b, ids := randomFeedPair(r, 1+r.IntN(2))
		f, err := LoadFeeds(ctx, []Source{{Name: "a", FS: a}, {Name: "b", FS: b}}, LoadOptions{})
		require.NoError(t, err)
		for q := 0; q < 6; q++ {
			from, to := ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]
			if from == to {
				continue
			}
			dep := day.Add(time.Duration(4*60+r.IntN(12*60)) * time.Minute)
			by := dep.Add(time.Duration(1+r.IntN(10)) * time.Hour)
			opts := SearchOptions{MaxTransfers: r.IntN(4)}
			sameUnderSwitches(t, func() []string { return searchAll(f, from, to, dep, by, opts, &crossing) },
				"pair round %d, %s→%s at %v, by %v, %+v", round, from, to, dep, by, opts)
		}
	}
	// Each query runs six times.
	require.Greater(t, crossing/6, 50, "journeys between the feeds")
	for round := 0; round < 200; round++ {
		nStops := 3 + r.IntN(6)
		fsys, _, _ := rulesFeed(r, nStops, 2+r.IntN(20))
		f, err := LoadGTFSFS(fsys, ".")
		require.NoError(t, err)
		from, to := fmt.Sprint("s", r.IntN(nStops)), fmt.Sprint("s", r.IntN(nStops))
		if from == to {
			continue
		}
		dep := day.Add(time.Duration(6*60+r.IntN(10*60)) * time.Minute)
		by := dep.Add(time.Duration(1+r.IntN(10)) * time.Hour)
		opts := SearchOptions{MaxTransfers: r.IntN(4)}
		sameUnderSwitches(t, func() []string { return searchAll(f, from, to, dep, by, opts, new(int)) },
			"rules round %d, %s→%s at %v, by %v, %+v", round, from, to, dep, by, opts)
	}
}

// crosses tells whether a journey rides trips of both feeds.
func (f *Feed) crosses(j Journey) bool {
	seen := map[string]bool{}
	for _, l := range j.Legs {
		if l.Mode == Walk {
			continue
		}
		s, err := f.Stop(l.From)
		if err == nil {
			seen[s.Feed] = true
		}
	}
	return len(seen) > 1
}
