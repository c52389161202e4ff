package travel

import (
	"math"
	"slices"
	"sync"
)

// Cells: skipping the connections of regions a scan has not reached.
//
// An earliest-arrival scan looks at every connection of its service
// days between the departure and the arrival, yet early in a query only
// the region around the origin is reached: a connection whose departure
// stop is not reached and whose trip is not boarded changes nothing. So
// the stops of each feed are cut into up to 64 cells, a k-d tree over
// their coordinates (Bentley 1975, "Multidimensional binary search
// trees used for associative searching", CACM 18(9)) split at medians
// so that the cells hold equal numbers of stops; a day index stores, per
// block of cellBlock connections in departure order, the mask of the
// cells their departure stops lie in, and with each connection the cell
// of its arrival stop (dconn.cellTo). Pass 1 of the corridor search
// (eaForward) keeps the mask of the cells it has reached: a stop whose
// time it set, the arrival stop of every connection of a boarded trip
// (where the trip's next connection leaves), the first stop of a trip
// it may stay seated into. It passes over a block that lies in none of
// them whole, without looking at its connections. So a connection in a
// block passed over could be neither boarded nor ridden: the scan reads
// the same connections in the same order as before, less those.
// The geometric idea is that of the partitions used to speed up
// timetable queries (Strasser and Wagner 2014, "Connection Scan
// Accelerated", ALENEX), here without any preprocessing but the masks.

// cellBlock is the number of consecutive connections one mask of a day
// index covers.
const cellBlock = 32

// A cellIndex holds the cell of every stop, as a mask with one bit.
type cellIndex struct {
	once sync.Once
	stop []uint64 // per stop: 1 << its cell
}

// cells returns the cell index, built on first use.
func (f *Feed) cells() *cellIndex {
	x := &f.cellIdx
	x.once.Do(func() {
		x.stop = make([]uint64, len(f.stops))
		byFeed := make([][]int32, len(f.feeds))
		for p := range f.stops {
			fi := f.feedOfStop(int32(p))
			byFeed[fi] = append(byFeed[fi], int32(p))
		}
		for _, ps := range byFeed {
			f.splitCells(x.stop, ps, 0, 6)
		}
	})
	return x
}

// splitCells gives the stops ps the cells cell, cell+1, …,
// cell+2^depth-1 by splitting them at the median of their wider
// extent (latitude or longitude scaled to the same length), depth times.
func (f *Feed) splitCells(bits []uint64, ps []int32, cell, depth int) {
	if depth == 0 || len(ps) < 2 {
		for _, p := range ps {
			bits[p] = 1 << cell
		}
		return
	}
	minLat, maxLat, minLon, maxLon := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, p := range ps {
		s := &f.stops[p]
		minLat, maxLat = min(minLat, s.Lat), max(maxLat, s.Lat)
		minLon, maxLon = min(minLon, s.Lon), max(maxLon, s.Lon)
	}
	scale := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	key := func(p int32) float64 { return f.stops[p].Lat }
	if (maxLon-minLon)*scale > maxLat-minLat {
		key = func(p int32) float64 { return f.stops[p].Lon }
	}
	slices.SortFunc(ps, func(a, b int32) int {
		if ka, kb := key(a), key(b); ka != kb {
			if ka < kb {
				return -1
			}
			return 1
		}
		return int(a - b)
	})
	h := len(ps) / 2
	f.splitCells(bits, ps[:h], cell, depth-1)
	f.splitCells(bits, ps[h:], cell+1<<(depth-1), depth-1)
}

// blockCells returns, for each block of cellBlock connections of cs, the
// mask of the cells of their departure stops.
func blockCells(cs []dconn, stop []uint64) []uint64 {
	m := make([]uint64, (len(cs)+cellBlock-1)/cellBlock)
	for i := range cs {
		m[i/cellBlock] |= stop[cs[i].from()]
	}
	return m
}
