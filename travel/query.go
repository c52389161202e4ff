package travel

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"
)

// firstBest returns the smallest layer whose best equals the last
// layer's: the journey with the fewest trips among the best ones.
func (s *search) firstBest() int {
	last := s.layers - 1
	for j := 0; j < last; j++ {
		if s.best[j] == s.best[last] {
			return j
		}
	}
	return last
}

// EarliestArrival returns the journey from stop from to stop to that
// leaves at or after depart and arrives first; among equally early ones,
// the one with the fewest changes (exact up to DefaultParetoTransfers
// changes, or opts.MaxTransfers), then the one riding least (time in
// vehicles). from and to are stop ids or names as
// Feed.Stop takes them; a station stands for all its platforms. The
// service days follow from depart, trips of the previous service day
// still running after midnight (times past 24:00:00) included. No journey
// within opts.Window gives ErrNoJourney.
//
// The search is the Connection Scan Algorithm (Dibbelt, Pajor, Strasser,
// Wagner: "Connection Scan Algorithm", ACM Journal of Experimental
// Algorithmics 23, 2018; first in "Intriguingly Simple and Fast Transit
// Routing", SEA 2013) with one label per stop and number of trips: one
// pass over the connections that run on the service days concerned,
// sorted by departure, starting at the first one at or after depart
// (binary search) and stopping at the first one leaving after the best
// arrival so far; time O(connections scanned × footpaths per stop ×
// layers), memory O((stops × layers) + trips) reused between queries.
// Unless transfers.txt has rules naming trips or routes, or
// opts.MaxTransfers bounds the changes, that scan runs only over the
// connections a plain earliest-arrival scan and a backward pass find
// on journeys arriving at the earliest arrival (fastea.go).
func (f *Feed) EarliestArrival(ctx context.Context, from, to string, depart time.Time, opts SearchOptions) (Journey, error) {
	src, tgt, err := f.endpoints(from, to)
	if err != nil {
		return Journey{}, err
	}
	return f.earliest(ctx, src, tgt, depart, opts, from, to)
}

func (f *Feed) earliest(ctx context.Context, src, tgt []int32, depart time.Time, opts SearchOptions, from, to string) (Journey, error) {
	s := f.newSearch(src, tgt, depart.Unix(), opts, false)
	defer f.release(s)
	last := s.layers - 1
	if err := s.earliestCorridor(ctx, windowSeconds(opts.Window), last); err != nil {
		return Journey{}, err
	}
	if s.best[last] == math.MaxInt32 {
		return Journey{}, fmt.Errorf("%s to %s leaving %s: %w", from, to, depart.In(f.loc).Format("2006-01-02 15:04"), ErrNoJourney)
	}
	return s.forwardJourney(s.bestL[s.firstBest()], opts.Factors), nil
}

// LatestDeparture returns the journey from stop from to stop to that
// arrives at or before arriveBy and leaves last; "the last train that
// still gets me home by 22:00". It is the Connection Scan Algorithm run
// backwards over the connections sorted by arrival (see EarliestArrival
// for the source and for what from, to and opts mean). Of the journeys
// leaving that late it returns the one arriving first, of those the one
// with the fewest changes, and then the one riding least.
func (f *Feed) LatestDeparture(ctx context.Context, from, to string, arriveBy time.Time, opts SearchOptions) (Journey, error) {
	src, tgt, err := f.endpoints(from, to)
	if err != nil {
		return Journey{}, err
	}
	s := f.newSearch(src, tgt, arriveBy.Unix(), opts, false)
	defer f.release(s)
	last := s.layers - 1
	if err := s.backward(ctx, windowSeconds(opts.Window), last); err != nil {
		return Journey{}, err
	}
	if s.best[last] == math.MinInt32 {
		return Journey{}, fmt.Errorf("%s to %s arriving by %s: %w", from, to, arriveBy.In(f.loc).Format("2006-01-02 15:04"), ErrNoJourney)
	}
	j := s.backwardJourney(s.bestL[s.firstBest()], opts.Factors)
	o := opts
	o.Window = arriveBy.Sub(j.Depart()) + time.Second
	if sooner, err := f.earliest(ctx, src, tgt, j.Depart(), o, from, to); err == nil && !sooner.Depart().Before(j.Depart()) &&
		(sooner.Arrive().Before(j.Arrive()) || sooner.Arrive().Equal(j.Arrive()) && (sooner.Transfers() < j.Transfers() ||
			sooner.Transfers() == j.Transfers() && sooner.riding() < j.riding())) {
		return sooner, nil
	}
	return j, nil
}

// Pareto returns the journeys leaving at or after depart that are best
// by arrival time and number of transfers: for each number of transfers
// up to opts.MaxTransfers (DefaultParetoTransfers when zero), the
// earliest arrival, kept when it beats every journey with fewer
// transfers, and arriving at most ParetoSlack after the earliest. They
// come fewest transfers first, so latest arrival first.
// The search is the Connection Scan Algorithm with one label per stop
// and number of trips (Dibbelt et al. 2018, section on multi-criteria
// search); no journey gives ErrNoJourney.
func (f *Feed) Pareto(ctx context.Context, from, to string, depart time.Time, opts SearchOptions) ([]Journey, error) {
	src, tgt, err := f.endpoints(from, to)
	if err != nil {
		return nil, err
	}
	s := f.newSearch(src, tgt, depart.Unix(), opts, true)
	defer f.release(s)
	if err := s.forward(ctx, windowSeconds(opts.Window), 1); err != nil {
		return nil, err
	}
	var out []Journey
	prev := int32(math.MaxInt32)
	for j := 1; j < s.layers; j++ {
		if s.best[j] < prev {
			out = append(out, s.forwardJourney(s.bestL[j], opts.Factors))
			prev = s.best[j]
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s to %s leaving %s: %w", from, to, depart.In(f.loc).Format("2006-01-02 15:04"), ErrNoJourney)
	}
	return out, nil
}

// Journeys returns the options a traveller would choose from: every
// journey that leaves at or after after and arrives at or before before
// and is not dominated by another that leaves no earlier, arrives no
// later and changes no more often (the Pareto set over departure,
// arrival and changes, up to opts.MaxTransfers changes or
// DefaultParetoTransfers, arriving at most ParetoSlack after the
// earliest arrival from the same departure), sorted by departure, then
// arrival. So a
// direct train arriving a few minutes after a journey with two changes
// that leaves at the same time is offered too. opts.Window is ignored:
// the window is [after, before]. No journey gives an empty list and a nil
// error.
//
// It sweeps the departure time: a search by arrival and number of trips
// (see Pareto) from the sweep time finds, for each number of trips, the
// earliest arrival; a latest-departure search back from each of those
// arrivals with at most that many trips finds the journey to keep; the
// sweep goes on one second after the earliest of their departures. Each
// (arrival, trips) pair is searched back once.
//
// The earliest arrivals of every sweep time come from one profile search
// (profile.go: the profile Connection Scan Algorithm of Dibbelt et al.
// 2018, section 4, with the number of trips as a further criterion) over
// the connections of the window, by decreasing departure; a sweep time at
// which an arrival with fewer trips lies ParetoSlack or more after the
// earliest runs the forward search instead, as do feeds whose
// transfers.txt has rules naming trips or routes. The searches back look
// only at the connections the profile search found on a way to the target
// that a journey leaving at the option's departure can ride.
func (f *Feed) Journeys(ctx context.Context, from, to string, after, before time.Time, opts SearchOptions) ([]Journey, error) {
	src, tgt, err := f.endpoints(from, to)
	if err != nil {
		return nil, err
	}
	m := opts.MaxTransfers
	if m <= 0 {
		m = DefaultParetoTransfers
	}
	m = min(m, maxLayers-2)
	done := map[optionKey]Journey{}
	var out []Journey
	t := after.Unix()
	end := before.Unix()
	var prof *dayProfile
	var ea, ld []int32
	if profiles && f.profileUsable() && t <= end && end-t <= int64(maxWindow/time.Second) {
		if prof, err = f.dayProfile(ctx, src, tgt, t, end, m+1, opts.MinChange); err != nil || prof == nil {
			return nil, err
		}
		defer prof.release()
		ea, ld = make([]int32, m+1), make([]int32, m+1)
	}
	for t <= end {
		var arrs []optionKey
		var deps []int64 // of the journeys found, which leave no later than those searched back
		ok := false
		if prof != nil {
			arrs, deps, ok = prof.sweepStep(t, end, ea, ld)
		}
		if !ok {
			s := f.newSearch(src, tgt, t, SearchOptions{MinChange: opts.MinChange, MaxTransfers: m}, true)
			err := s.forward(ctx, int32(min(end-t, int64(maxWindow/time.Second))), 1)
			if err == nil {
				prev := int32(math.MaxInt32)
				for j := 1; j < s.layers; j++ {
					if s.best[j] < prev && int64(s.best[j])+t <= end {
						arrs = append(arrs, optionKey{int64(s.best[j]) + t, j})
						deps = append(deps, s.forwardJourney(s.bestL[j], Factors{}).Depart().Unix())
						prev = s.best[j]
					}
				}
			}
			f.release(s)
			if err != nil {
				return out, err
			}
		}
		if len(arrs) == 0 {
			break
		}
		next := int64(math.MaxInt64)
		for ai, a := range arrs {
			j, ok := done[a]
			if !ok {
				o := opts
				o.MaxTransfers = a.trip - 1
				if a.trip == 1 {
					o.MaxTransfers = -1
				}
				if prof != nil {
					prof.window(deps[ai], a.arr)
				}
				j, err = f.latestTrips(ctx, src, tgt, time.Unix(a.arr, 0), time.Unix(t, 0), deps[ai], a.trip, o, prof, from, to)
				if err != nil {
					return out, err
				}
				done[a] = j
				out = append(out, j)
			}
			next = min(next, j.Depart().Unix())
		}
		if next < t {
			break // cannot happen with a consistent search
		}
		t = next + 1
	}
	return paretoSet(out), nil
}

// An optionKey is a journey Journeys searches back from: its arrival
// (Unix time) and its number of trips.
type optionKey struct {
	arr  int64
	trip int
}

// latestTrips is LatestDeparture with a bound on trips that may be zero
// changes (opts.MaxTransfers < 0), not departing before after. A
// journey with k trips is known to leave at known (Unix time): the
// scan leaves out what cannot leave that late (see search.floor).
func (f *Feed) latestTrips(ctx context.Context, src, tgt []int32, arriveBy, after time.Time, known int64, k int, opts SearchOptions, only *dayProfile, from, to string) (Journey, error) {
	o := opts
	direct := o.MaxTransfers < 0
	if direct {
		o.MaxTransfers = 1
	}
	o.Window = arriveBy.Sub(after)
	s := f.newSearch(src, tgt, arriveBy.Unix(), o, true)
	defer f.release(s)
	s.only = only
	top := s.layers - 1
	if direct {
		top = 1
	}
	// The latest departure with up to top trips is best[top]: the scan
	// ends once no connection can reach it, ties included.
	s.ties = true
	if floors {
		s.floor, s.floorK = int32(known-arriveBy.Unix())-1, k
	}
	err := s.backward(ctx, int32(o.Window/time.Second), top)
	floor, floorK := s.floor, s.floorK
	s.ties, s.floorK = false, 0
	if err != nil {
		return Journey{}, err
	}
	if floorK > 0 && floorK <= top && s.best[top] == floor {
		// The journey known was not found (it should be): search
		// again without the floor.
		s.ties = true
		err = s.backward(ctx, int32(o.Window/time.Second), top)
		s.ties = false
		if err != nil {
			return Journey{}, err
		}
	}
	bj := -1
	for j := 1; j <= top; j++ {
		if s.best[j] != math.MinInt32 && (bj < 0 || s.best[j] > s.best[bj]) {
			bj = j
		}
	}
	if bj < 0 {
		return Journey{}, fmt.Errorf("%s to %s arriving by %s: %w", from, to, arriveBy.In(f.loc).Format("2006-01-02 15:04"), ErrNoJourney)
	}
	return s.backwardJourney(s.bestL[bj], opts.Factors), nil
}

// floors lets the latest-departure scans of Journeys start from the
// departure of the journey the forward scan found; tests turn it off to
// compare.
var floors = true

// paretoSet keeps the journeys no other beats on departure (later),
// arrival (earlier) and changes (fewer), of equal ones the one riding
// least, sorted by departure, arrival and changes.
func paretoSet(js []Journey) []Journey {
	slices.SortStableFunc(js, func(a, b Journey) int {
		if c := a.Depart().Compare(b.Depart()); c != 0 {
			return c
		}
		if c := a.Arrive().Compare(b.Arrive()); c != 0 {
			return c
		}
		if c := a.Transfers() - b.Transfers(); c != 0 {
			return c
		}
		return int(a.riding() - b.riding())
	})
	var out []Journey
	for i, a := range js {
		dominated := false
		for k, b := range js {
			if k == i {
				continue
			}
			ge := !b.Depart().Before(a.Depart()) && !b.Arrive().After(a.Arrive()) && b.Transfers() <= a.Transfers()
			if !ge {
				continue
			}
			strict := b.Depart().After(a.Depart()) || b.Arrive().Before(a.Arrive()) || b.Transfers() < a.Transfers()
			if strict || k < i {
				dominated = true
				break
			}
		}
		if !dominated {
			out = append(out, a)
		}
	}
	return out
}

// riding returns the time spent in vehicles, waits in the seat
// included: of journeys that leave, arrive and change alike, the one
// riding least rides no trip past the station where it could have
// changed and back.
func (j Journey) riding() time.Duration {
	var d time.Duration
	for i, l := range j.Legs {
		if l.Mode == Walk {
			continue
		}
		d += l.Duration()
		if l.Continues && i > 0 {
			d += l.Depart.Sub(j.Legs[i-1].Arrive)
		}
	}
	return d
}
