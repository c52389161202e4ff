package travel

import "sync"

// Lower bounds on the number of trips.
//
// A search bounded to L trips (Pareto, Journeys, or a MaxTransfers) can
// leave out every label of a stop p with j trips when the target cannot
// be reached from p with fewer than L−j+1 further trips: no journey
// within the bound goes through it. The bound is the number of trips
// from p to the nearest target in a relaxed network that forgets times,
// days, directions, pick-up and drop-off types and transfer rules that
// forbid: a "line" is a set of routes joined by staying seated (block_id,
// in-seat transfers) or by a timed transfer between different stops,
// serving the union of its trips' stops, and footpaths are free both
// ways. One breadth-first search over stops and lines per query gives
// it, in time linear in the lines' stops and the footpaths. The relaxed
// network only adds ways to travel, so the bound never exceeds the
// truth, and it changes no answer: a label left out lies only on
// journeys with more than L trips (lb(p) ≤ lb(q)+1 along a trip and
// lb(p) = lb(q) across a footpath, so every label after one left out is
// left out too). A query whose sources are all beyond the bound ends
// before it scans anything: the option list of a day between two
// countries with more changes than DefaultParetoTransfers, for instance.
type lineIndex struct {
	once              sync.Once
	lineOff, lineStop []int32 // CSR: the stops of each line
	stopOff, stopLine []int32 // CSR: the lines of each stop
}

// lines builds the line index on first use.
func (f *Feed) lines() *lineIndex {
	x := &f.lineIdx
	x.once.Do(func() { f.buildLines(x) })
	return x
}

func (f *Feed) buildLines(x *lineIndex) {
	nr := len(f.routes)
	up := make([]int32, nr)
	for i := range up {
		up[i] = int32(i)
	}
	find := func(a int32) int32 {
		for up[a] != a {
			up[a] = up[up[a]]
			a = up[a]
		}
		return a
	}
	union := func(a, b int32) {
		if a < 0 || b < 0 {
			return
		}
		if a, b = find(a), find(b); a != b {
			up[a] = b
		}
	}
	routeOf := func(trip, route int32) int32 {
		if trip >= 0 {
			return f.trips[trip].route
		}
		return route
	}
	for _, b := range f.blocks {
		for _, t := range b[min(1, len(b)):] {
			union(f.trips[b[0]].route, f.trips[t].route)
		}
	}
	for _, r := range f.special.rules {
		switch {
		case r.kind == ruleInSeat, r.kind == ruleTimed && (r.fromStop < 0 || r.fromStop != r.toStop):
			union(routeOf(r.fromTrip, r.fromRoute), routeOf(r.toTrip, r.toRoute))
		}
	}
	// Lines numbered by their root route; the trips of each line.
	line := make([]int32, nr)
	n := int32(0)
	for i := range line {
		line[i] = -1
	}
	for i := range up {
		if r := find(int32(i)); line[r] < 0 {
			line[r] = n
			n++
		}
	}
	tripsOf := make([][]int32, n)
	for ti := range f.trips {
		t := &f.trips[ti]
		if t.flags&tripDropped != 0 {
			continue
		}
		l := line[find(t.route)]
		tripsOf[l] = append(tripsOf[l], int32(ti))
	}
	mark := make([]int32, len(f.stops))
	for i := range mark {
		mark[i] = -1
	}
	count := make([]int32, len(f.stops)+1)
	x.lineOff = make([]int32, 1, n+1)
	for l, ts := range tripsOf {
		for _, ti := range ts {
			t := &f.trips[ti]
			for _, p := range f.stStop[t.first : t.first+t.n] {
				if mark[p] != int32(l) {
					mark[p] = int32(l)
					x.lineStop = append(x.lineStop, p)
					count[p+1]++
				}
			}
		}
		x.lineOff = append(x.lineOff, int32(len(x.lineStop)))
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	x.stopOff = append([]int32(nil), count...)
	x.stopLine = make([]int32, len(x.lineStop))
	for l := 0; l+1 < len(x.lineOff); l++ {
		for _, p := range x.lineStop[x.lineOff[l]:x.lineOff[l+1]] {
			x.stopLine[count[p]] = int32(l)
			count[p]++
		}
	}
}

// tripBound fills lb with the lower bound on the trips from each stop to
// the nearest of seeds, limit+1 for more than limit (limit ≤ 120).
// used and queue are scratch space.
func (f *Feed) tripBound(seeds []int32, limit int, lb []int8, used []bool, queue []int32) ([]int8, []bool, []int32) {
	x := f.lines()
	lb = grow(lb, len(f.stops))
	for i := range lb {
		lb[i] = int8(limit + 1)
	}
	used = grow(used, len(x.lineOff))
	clear(used)
	queue = queue[:0]
	for _, p := range seeds {
		if lb[p] != 0 {
			lb[p] = 0
			queue = append(queue, p)
		}
	}
	// Level r: queue[lo:] holds the stops at r trips, closed over
	// footpaths as it is read.
	lo := 0
	for r := 0; r <= limit && lo < len(queue); r++ {
		for i := lo; i < len(queue); i++ {
			p := queue[i]
			for _, fps := range [2][]footpath{f.out[p], f.in[p]} {
				for _, fp := range fps {
					if lb[fp.stop] > int8(r) {
						lb[fp.stop] = int8(r)
						queue = append(queue, fp.stop)
					}
				}
			}
		}
		hi := len(queue)
		if r == limit {
			break
		}
		for i := lo; i < hi; i++ {
			p := queue[i]
			for _, l := range x.stopLine[x.stopOff[p]:x.stopOff[p+1]] {
				if used[l] {
					continue
				}
				used[l] = true
				for _, q := range x.lineStop[x.lineOff[l]:x.lineOff[l+1]] {
					if lb[q] > int8(r+1) {
						lb[q] = int8(r + 1)
						queue = append(queue, q)
					}
				}
			}
		}
		lo = hi
	}
	return lb, used, queue
}
