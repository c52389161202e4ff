package travel

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
)

// randomFeed writes a small random feed: nStops stops without stations,
// nTrips daily trips over random stop sequences, times in one day.
func randomFeed(r *rand.Rand, nStops, nTrips int) (fstest.MapFS, [][]randomCall) {
	var stops, tripsTxt, st strings.Builder
	stops.WriteString("stop_id,stop_name,stop_lat,stop_lon\n")
	for i := 0; i < nStops; i++ {
		fmt.Fprintf(&stops, "s%d,S%d,%.3f,%.3f\n", i, i, 63+r.Float64(), 10+r.Float64()*5)
	}
	tripsTxt.WriteString("route_id,service_id,trip_id\n")
	st.WriteString("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n")
	var all [][]randomCall
	for t := 0; t < nTrips; t++ {
		fmt.Fprintf(&tripsTxt, "r,all,t%d\n", t)
		n := 2 + r.IntN(4)
		tm := 6*60 + r.IntN(8*60) // minutes
		var calls []randomCall
		for k := 0; k < n; k++ {
			arr := tm
			dep := arr + r.IntN(3)
			calls = append(calls, randomCall{stop: r.IntN(nStops), arr: arr * 60, dep: dep * 60})
			fmt.Fprintf(&st, "t%d,%02d:%02d:00,%02d:%02d:00,s%d,%d\n", t, arr/60, arr%60, dep/60, dep%60, calls[k].stop, k)
			tm = dep + 1 + r.IntN(20)
		}
		all = append(all, calls)
	}
	fsys := fstest.MapFS{
		"agency.txt":     {Data: []byte("agency_name,agency_url,agency_timezone\nX,https://example.org,UTC\n")},
		"stops.txt":      {Data: []byte(stops.String())},
		"routes.txt":     {Data: []byte("route_id,route_type\nr,2\n")},
		"calendar.txt":   {Data: []byte("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nall,1,1,1,1,1,1,1,20270101,20271231\n")},
		"trips.txt":      {Data: []byte(tripsTxt.String())},
		"stop_times.txt": {Data: []byte(st.String())},
	}
	return fsys, all
}

type randomCall struct {
	stop     int
	arr, dep int // seconds
}

// bruteForce computes, by rounds over all trips (round k allows k
// trips), the earliest arrival at to with at most k trips, k = 1..maxK.
// It shares no code with the CSA.
func bruteForce(trips [][]randomCall, nStops, from, to, depart, change, maxK int) []int {
	const inf = math.MaxInt
	board := make([]int, nStops) // earliest time one can board at a stop
	for i := range board {
		board[i] = inf
	}
	board[from] = depart
	out := make([]int, maxK+1)
	out[0] = inf
	best := inf
	for k := 1; k <= maxK; k++ {
		next := append([]int(nil), board...)
		for _, calls := range trips {
			for i := 0; i < len(calls); i++ {
				if board[calls[i].stop] > calls[i].dep {
					continue
				}
				for j := i + 1; j < len(calls); j++ {
					c := calls[j]
					if c.stop == to && c.arr < best {
						best = c.arr
					}
					if c.arr+change < next[c.stop] {
						next[c.stop] = c.arr + change
					}
				}
			}
		}
		board = next
		out[k] = best
	}
	return out
}

func TestCSAMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(2027, 5))
	day := time.Date(2027, 3, 9, 0, 0, 0, 0, time.UTC)
	const change = 180
	for round := 0; round < 400; round++ {
		nStops, nTrips := 3+r.IntN(6), 2+r.IntN(25)
		if round >= 300 {
			// Larger feeds, where later trips overtake earlier ones.
			nStops, nTrips = 8+r.IntN(8), 40+r.IntN(60)
		}
		fsys, all := randomFeed(r, nStops, nTrips)
		f, err := LoadGTFSFS(fsys, ".")
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		from, to := r.IntN(nStops), r.IntN(nStops)
		if from == to {
			continue
		}
		depart := (6 + r.IntN(10)) * 3600
		want := bruteForce(all, nStops, from, to, depart, change, 6)
		name := func() string { return fmt.Sprintf("round %d, s%d→s%d at %ds", round, from, to, depart) }
		// The window keeps the search within the day the brute force sees.
		sameDay := SearchOptions{Window: time.Duration(86400-depart) * time.Second}
		j, err := f.EarliestArrival(context.Background(), fmt.Sprint("s", from), fmt.Sprint("s", to), day.Add(time.Duration(depart)*time.Second), sameDay)
		switch {
		case want[6] == math.MaxInt:
			if !errors.Is(err, ErrNoJourney) {
				t.Errorf("%s: got %v, %v; want no journey", name(), trips(j), err)
			}
			continue
		case err != nil:
			t.Errorf("%s: %v; want arrival %ds", name(), err, want[6])
			continue
		}
		if got := int(j.Arrive().Sub(day) / time.Second); got != want[6] {
			t.Errorf("%s: EarliestArrival arrives %ds, brute force %ds (%s)", name(), got, want[6], trips(j))
		}
		checkJourney(t, name(), j, day.Add(time.Duration(depart)*time.Second), change)

		// Pareto: the arrival with k trips is the brute force's with ≤ k.
		ps, err := f.Pareto(context.Background(), fmt.Sprint("s", from), fmt.Sprint("s", to), day.Add(time.Duration(depart)*time.Second), SearchOptions{MaxTransfers: 5, Window: sameDay.Window})
		if err != nil {
			t.Errorf("%s: Pareto: %v", name(), err)
			continue
		}
		for _, p := range ps {
			k := p.Transfers() + 1
			if got := int(p.Arrive().Sub(day) / time.Second); got != want[k] {
				t.Errorf("%s: Pareto with %d trips arrives %ds, brute force %ds", name(), k, got, want[k])
			}
		}
		if got, w := len(ps), paretoCount(want); w >= 0 && got != w {
			t.Errorf("%s: Pareto gives %d journeys, brute force %d (%v)", name(), got, w, want)
		}

		// LatestDeparture back from that arrival leaves no earlier.
		ld, err := f.LatestDeparture(context.Background(), fmt.Sprint("s", from), fmt.Sprint("s", to), j.Arrive(), SearchOptions{})
		if err != nil {
			t.Errorf("%s: LatestDeparture: %v", name(), err)
			continue
		}
		if ld.Depart().Before(j.Depart()) || ld.Arrive().After(j.Arrive()) {
			t.Errorf("%s: LatestDeparture %s is dominated by EarliestArrival %s", name(), trips(ld), trips(j))
		}
		// Brute force: the latest departure from `from` whose earliest
		// arrival is still in time.
		arriveBy := int(j.Arrive().Sub(day) / time.Second)
		wantDep := -1
		for _, calls := range all {
			for _, c := range calls {
				if c.stop == from && c.dep >= depart && c.dep > wantDep && bruteForce(all, nStops, from, to, c.dep, change, 6)[6] <= arriveBy {
					wantDep = c.dep
				}
			}
		}
		if got := int(ld.Depart().Sub(day) / time.Second); got != wantDep {
			t.Errorf("%s: LatestDeparture by %ds leaves %ds, brute force %ds (%s)", name(), arriveBy, got, wantDep, trips(ld))
		}
		checkJourney(t, name()+" (latest departure)", ld, day.Add(time.Duration(depart)*time.Second), change)
	}
}

// paretoCount returns how many journeys Pareto should give for the
// brute force's arrivals by number of trips (want[k] with at most k
// trips): one per k whose arrival beats fewer trips. The scan looks for
// fewer trips among connections leaving up to ParetoSlack after the
// earliest arrival: when a journey arriving later than that beats
// fewer trips, the count is not known and paretoCount returns -1.
func paretoCount(want []int) int {
	n, prev := 0, math.MaxInt
	for k := 1; k < len(want); k++ {
		if want[k] < prev {
			if want[k] > want[len(want)-1]+int(ParetoSlack/time.Second) {
				return -1
			}
			n++
			prev = want[k]
		}
	}
	return n
}

// checkJourney checks that legs follow each other in time and place
// with the change time between trips.
func checkJourney(t *testing.T, name string, j Journey, notBefore time.Time, change int) {
	t.Helper()
	if j.Depart().Before(notBefore) {
		t.Errorf("%s: departs %v before %v", name, j.Depart(), notBefore)
	}
	for i := 1; i < len(j.Legs); i++ {
		a, b := j.Legs[i-1], j.Legs[i]
		if a.To != b.From {
			t.Errorf("%s: leg %d ends at %s, leg %d starts at %s", name, i-1, a.To, i, b.From)
		}
		if b.Depart.Sub(a.Arrive) < time.Duration(change)*time.Second {
			t.Errorf("%s: change %s→%s at %s shorter than %ds", name, a.Service, b.Service, a.To, change)
		}
	}
}

// rulesFeed is randomFeed with the rules that change journeys: some
// trips run as frequencies.txt copies of a template, some pairs of trips
// form a block (the second leaves from where the first ends, 0–5
// minutes later, so that staying seated beats the change time), and some
// transfers.txt rules give a timed transfer (type 1) from one trip to
// another at a stop both serve. It returns the feed and, for the brute
// force, the trips as ridden (frequency copies expanded, each block also
// as one joined trip) and the timed transfers between those trips.
func rulesFeed(r *rand.Rand, nStops, nTrips int) (fstest.MapFS, [][]randomCall, []timedRule) {
	var stops, tripsTxt, st, freq, xfer strings.Builder
	stops.WriteString("stop_id,stop_name,stop_lat,stop_lon\n")
	for i := 0; i < nStops; i++ {
		fmt.Fprintf(&stops, "s%d,S%d,%.3f,%.3f\n", i, i, 63+r.Float64(), 10+r.Float64()*5)
	}
	tripsTxt.WriteString("route_id,service_id,trip_id,block_id\n")
	st.WriteString("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n")
	freq.WriteString("trip_id,start_time,end_time,headway_secs,exact_times\n")
	xfer.WriteString("from_stop_id,to_stop_id,from_trip_id,to_trip_id,transfer_type\n")
	hms := func(s int) string { return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60) }
	write := func(id string, calls []randomCall) {
		for k, c := range calls {
			fmt.Fprintf(&st, "%s,%s,%s,s%d,%d\n", id, hms(c.arr), hms(c.dep), c.stop, k+1)
		}
	}
	makeCalls := func(start, firstStop int) []randomCall {
		n := 2 + r.IntN(4)
		tm := start
		var calls []randomCall
		for k := 0; k < n; k++ {
			s := r.IntN(nStops)
			if k == 0 && firstStop >= 0 {
				s = firstStop
			}
			dep := tm + r.IntN(3)*60
			calls = append(calls, randomCall{stop: s, arr: tm, dep: dep})
			tm = dep + 60 + r.IntN(20)*60
		}
		return calls
	}
	var all [][]randomCall
	type plain struct {
		id    string
		idx   int // in all
		calls []randomCall
	}
	var plains []plain
	var rules []timedRule
	for t := 0; t < nTrips; t++ {
		id := fmt.Sprint("t", t)
		calls := makeCalls(6*3600+r.IntN(8*3600)/60*60, -1)
		switch r.IntN(5) {
		case 0: // frequencies
			fmt.Fprintf(&tripsTxt, "r,all,%s,\n", id)
			write(id, calls)
			start := 6*3600 + r.IntN(6*60)*60
			end := start + (30+r.IntN(150))*60
			head := (10 + r.IntN(30)) * 60
			fmt.Fprintf(&freq, "%s,%s,%s,%d,%d\n", id, hms(start), hms(end), head, r.IntN(2))
			for s := start; s < end; s += head {
				shift := s - calls[0].dep
				cp := make([]randomCall, len(calls))
				for i, c := range calls {
					cp[i] = randomCall{stop: c.stop, arr: c.arr + shift, dep: c.dep + shift}
				}
				all = append(all, cp)
			}
		case 1: // a block of two trips
			last := calls[len(calls)-1]
			next := makeCalls(last.arr+r.IntN(6)*60, last.stop)
			fmt.Fprintf(&tripsTxt, "r,all,%s,b%d\nr,all,%sb,b%d\n", id, t, id, t)
			write(id, calls)
			write(id+"b", next)
			joined := append(append([]randomCall(nil), calls...), next...)
			all = append(all, calls, next, joined)
		default:
			// Half of the plain trips after the first leave from a stop of
			// an earlier one 0–2 minutes after it arrives there, with a
			// timed transfer from it half of the time.
			var feeder *plain
			if len(plains) > 0 && r.IntN(2) == 0 {
				x := plains[r.IntN(len(plains))]
				c := x.calls[1+r.IntN(len(x.calls)-1)]
				calls = makeCalls(c.arr+r.IntN(3)*60, c.stop)
				feeder = &x
			}
			fmt.Fprintf(&tripsTxt, "r,all,%s,\n", id)
			write(id, calls)
			if feeder != nil && r.IntN(2) == 0 {
				fmt.Fprintf(&xfer, "s%d,s%d,%s,%s,1\n", calls[0].stop, calls[0].stop, feeder.id, id)
				rules = append(rules, timedRule{feeder.idx, len(all), calls[0].stop})
			}
			plains = append(plains, plain{id, len(all), calls})
			all = append(all, calls)
		}
	}
	fsys := fstest.MapFS{
		"agency.txt":      {Data: []byte("agency_name,agency_url,agency_timezone\nX,https://example.org,UTC\n")},
		"stops.txt":       {Data: []byte(stops.String())},
		"routes.txt":      {Data: []byte("route_id,route_type\nr,2\n")},
		"calendar.txt":    {Data: []byte("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nall,1,1,1,1,1,1,1,20270101,20271231\n")},
		"trips.txt":       {Data: []byte(tripsTxt.String())},
		"stop_times.txt":  {Data: []byte(st.String())},
		"frequencies.txt": {Data: []byte(freq.String())},
		"transfers.txt":   {Data: []byte(xfer.String())},
	}
	return fsys, all, rules
}

// A timedRule lets a traveller arriving on trip from at stop board trip
// to there without a change time (indexes of the brute force's trips).
type timedRule struct{ from, to, stop int }

// bruteForceRules is bruteForce with timed transfers: round k may board
// a trip at a stop where a rule lets the traveller of round k-1 in.
func bruteForceRules(trips [][]randomCall, rules []timedRule, nStops, from, to, depart, change, maxK int) []int {
	const inf = math.MaxInt
	board := make([]int, nStops)
	for i := range board {
		board[i] = inf
	}
	board[from] = depart
	spec := map[[2]int]int{} // (trip, stop) → earliest boarding by a rule
	out := make([]int, maxK+1)
	out[0] = inf
	best := inf
	for k := 1; k <= maxK; k++ {
		next := append([]int(nil), board...)
		nextSpec := map[[2]int]int{}
		for key, v := range spec {
			nextSpec[key] = v
		}
		for ti, calls := range trips {
			for i := 0; i < len(calls); i++ {
				sp, ok := spec[[2]int{ti, calls[i].stop}]
				if board[calls[i].stop] > calls[i].dep && (!ok || sp > calls[i].dep) {
					continue
				}
				for j := i + 1; j < len(calls); j++ {
					c := calls[j]
					if c.stop == to && c.arr < best {
						best = c.arr
					}
					if c.arr+change < next[c.stop] {
						next[c.stop] = c.arr + change
					}
					for _, rl := range rules {
						if rl.from == ti && rl.stop == c.stop {
							key := [2]int{rl.to, c.stop}
							if v, ok := nextSpec[key]; !ok || c.arr < v {
								nextSpec[key] = c.arr
							}
						}
					}
				}
			}
		}
		board, spec = next, nextSpec
		out[k] = best
	}
	return out
}

// TestCSAMatchesBruteForceWithRules compares the searches with the brute
// force on feeds with frequencies, blocks and timed trip-to-trip
// transfers.
func TestCSAMatchesBruteForceWithRules(t *testing.T) {
	const seed = 2028
	r := rand.New(rand.NewPCG(seed, 9))
	day := time.Date(2027, 3, 9, 0, 0, 0, 0, time.UTC)
	const change = 180
	ctx := context.Background()
	for round := 0; round < 300; round++ {
		nStops := 3 + r.IntN(6)
		fsys, all, rules := rulesFeed(r, nStops, 2+r.IntN(20))
		f, err := LoadGTFSFS(fsys, ".")
		if err != nil {
			t.Fatalf("seed %d round %d: %v", seed, round, err)
		}
		require.Empty(t, f.Warnings())
		from, to := r.IntN(nStops), r.IntN(nStops)
		if from == to {
			continue
		}
		depart := (6 + r.IntN(10)) * 3600
		want := bruteForceRules(all, rules, nStops, from, to, depart, change, 6)
		name := func() string { return fmt.Sprintf("seed %d round %d, s%d→s%d at %ds", seed, round, from, to, depart) }
		sameDay := SearchOptions{Window: time.Duration(86400-depart) * time.Second}
		dep := day.Add(time.Duration(depart) * time.Second)
		j, err := f.EarliestArrival(ctx, fmt.Sprint("s", from), fmt.Sprint("s", to), dep, sameDay)
		if want[6] == math.MaxInt {
			if !errors.Is(err, ErrNoJourney) {
				t.Errorf("%s: got %v, %v; want no journey", name(), trips(j), err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v; want arrival %ds", name(), err, want[6])
			continue
		}
		if got := int(j.Arrive().Sub(day) / time.Second); got != want[6] {
			t.Errorf("%s: EarliestArrival arrives %ds, brute force %ds (%s)", name(), got, want[6], trips(j))
		}
		if j.Depart().Before(dep) {
			t.Errorf("%s: departs before %v", name(), dep)
		}
		ps, err := f.Pareto(ctx, fmt.Sprint("s", from), fmt.Sprint("s", to), dep, SearchOptions{MaxTransfers: 5, Window: sameDay.Window})
		if err != nil {
			t.Errorf("%s: Pareto: %v", name(), err)
			continue
		}
		for _, p := range ps {
			k := p.Transfers() + 1
			if got := int(p.Arrive().Sub(day) / time.Second); got != want[k] {
				t.Errorf("%s: Pareto with %d trips arrives %ds, brute force %ds (%s)", name(), k, got, want[k], trips(p))
			}
		}
		if got, w := len(ps), paretoCount(want); w >= 0 && got != w {
			t.Errorf("%s: Pareto gives %d journeys, brute force %d (%v)", name(), got, w, want)
		}
		// Backwards: the latest departure arriving by then leaves no
		// earlier than the earliest arrival's journey, and arrives in time.
		ld, err := f.LatestDeparture(ctx, fmt.Sprint("s", from), fmt.Sprint("s", to), j.Arrive(), SearchOptions{})
		if err != nil {
			t.Errorf("%s: LatestDeparture: %v", name(), err)
			continue
		}
		if ld.Depart().Before(j.Depart()) || ld.Arrive().After(j.Arrive()) {
			t.Errorf("%s: LatestDeparture %s is dominated by EarliestArrival %s", name(), trips(ld), trips(j))
		}
		if got := bruteForceRules(all, rules, nStops, from, to, int(ld.Depart().Sub(day)/time.Second), change, 6)[6]; got > int(j.Arrive().Sub(day)/time.Second) {
			t.Errorf("%s: LatestDeparture %s leaves too late to arrive by %v", name(), trips(ld), j.Arrive())
		}
	}
}

// TestJourneysMatchBruteForce compares the option list of a day with
// the Pareto set over departure (later), arrival (earlier) and trips
// (fewer) that the brute force gives: for each departure time from the
// source, the earliest arrival with at most k trips.
func TestJourneysMatchBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(2027, 12))
	day := time.Date(2027, 3, 9, 0, 0, 0, 0, time.UTC)
	const change, maxK = 180, 4
	ctx := context.Background()
	type option struct{ dep, arr, trips int }
	compared := 0
	for round := 0; round < 300; round++ {
		nStops := 3 + r.IntN(6)
		fsys, all := randomFeed(r, nStops, 2+r.IntN(25))
		f, err := LoadGTFSFS(fsys, ".")
		require.NoError(t, err)
		from, to := r.IntN(nStops), r.IntN(nStops)
		if from == to {
			continue
		}
		after := (5 + r.IntN(6)) * 3600
		before := after + (2+r.IntN(12))*3600
		var cands []option
		far := false
		for _, calls := range all {
			for _, c := range calls {
				if c.stop != from || c.dep < after {
					continue
				}
				arr := bruteForce(all, nStops, from, to, c.dep, change, maxK)
				for k := 1; k <= maxK; k++ {
					if arr[k] != math.MaxInt && arr[k] <= before {
						cands = append(cands, option{c.dep, arr[k], k})
						// The searches look for fewer trips only up to
						// ParetoSlack after the earliest arrival: keep
						// the cases where that does not matter.
						far = far || arr[k] > arr[maxK]+int(ParetoSlack/time.Second)/2
					}
				}
			}
		}
		if far {
			continue
		}
		var want []string
		for _, a := range cands {
			dominated := false
			for _, b := range cands {
				if b != a && b.dep >= a.dep && b.arr <= a.arr && b.trips <= a.trips {
					dominated = true
				}
			}
			if !dominated && !slices.Contains(want, fmt.Sprint(a)) {
				want = append(want, fmt.Sprint(a))
			}
		}
		js, err := f.Journeys(ctx, fmt.Sprint("s", from), fmt.Sprint("s", to), day.Add(time.Duration(after)*time.Second), day.Add(time.Duration(before)*time.Second), SearchOptions{MaxTransfers: maxK - 1})
		require.NoError(t, err)
		var got []string
		for _, j := range js {
			got = append(got, fmt.Sprint(option{int(j.Depart().Sub(day) / time.Second), int(j.Arrive().Sub(day) / time.Second), j.Transfers() + 1}))
			checkJourney(t, fmt.Sprintf("round %d", round), j, day.Add(time.Duration(after)*time.Second), change)
		}
		slices.Sort(got)
		slices.Sort(want)
		require.Equal(t, want, got, "round %d, s%d→s%d in [%d, %d]", round, from, to, after, before)
		if len(want) > 1 {
			compared++
		}
	}
	require.Greater(t, compared, 30, "cases with several options")
}
