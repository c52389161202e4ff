package travel

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// A Feed is a loaded GTFS timetable, indexed for journey search. It is
// immutable once loaded and safe for concurrent queries.
type Feed struct {
	loc *time.Location

	stops     []Stop
	stopIndex map[string]int32
	locType   []int8
	parent    []int32   // -1 for none
	children  [][]int32 // platforms of each station
	out, in   [][]footpath
	rules     map[[2]int32]int32 // transfers.txt, seconds or useDefault/noTransfer

	routes    []route
	trips     []trip
	tripIndex map[string]int32
	services  []service

	// Stop times of all trips, trip by trip in stop_sequence order.
	stStop  []int32
	stArr   []int32
	stDep   []int32
	stKm    []float32 // distance from the trip's first stop
	stFlags []uint8

	byDep   []conn // connections sorted by departure
	byArr   []conn // the same, sorted by arrival
	maxTime int32  // latest time of day in the feed, seconds

	pool sync.Pool // *search
}

// A Stop is a stop, platform or station of a feed.
type Stop struct {
	ID, Name string
	Lat, Lon float64
	// Parent is the parent station's stop_id, "" for none.
	Parent string
}

// Place returns the stop as a Place of kind station, with StopID set.
func (s Stop) Place() Place {
	return Place{ID: s.ID, Name: s.Name, Kind: "station", Lat: s.Lat, Lon: s.Lon, StopID: s.ID}
}

type route struct {
	name    string
	mode    Mode
	gPerPkm float64 // < 0: use the mode's factor
}

type trip struct {
	id       string
	route    int32
	service  int32
	first, n int32 // stop times stSomething[first : first+n]
}

// A service says on which days trips run: calendar.txt weekdays within
// [start, end], and calendar_dates.txt exceptions (true added, false
// removed). Days are counted from 1970-01-01.
type service struct {
	weekdays   uint8 // bit 0 Sunday … bit 6 Saturday
	start, end int32
	except     map[int32]bool
}

func (s *service) runs(day int32) bool {
	if v, ok := s.except[day]; ok {
		return v
	}
	// 1970-01-01 was a Thursday.
	wd := (int(day)%7 + 7 + 4) % 7
	return day >= s.start && day <= s.end && s.weekdays&(1<<wd) != 0
}

// A conn is an elementary connection: a trip leaving one stop and
// arriving at the next, times in seconds of the service day.
type conn struct {
	dep, arr int32
	from, to int32
	trip     int32
	svc      int32 // the trip's service
	st       int32 // stop time of the departure; st+1 is the arrival's
	flags    uint8
}

const (
	noBoard  uint8 = 1 << iota // pickup_type 1 at the departure stop
	noAlight                   // drop_off_type 1 at the arrival stop
)

// A footpath lets a traveller who arrives at one stop board at another
// (or the same) after dur seconds.
type footpath struct {
	stop int32
	dur  int32 // seconds, or useDefault
}

const (
	useDefault int32 = -1 // SearchOptions.MinChange
	noTransfer int32 = -2 // transfers.txt type 3
	// defaultChange marks a transfers.txt rule of type 0 (recommended).
	defaultChange = useDefault
)

// build derives the connections and footpaths from the loaded tables.
func (f *Feed) build() {
	f.children = make([][]int32, len(f.stops))
	for i, p := range f.parent {
		if p >= 0 {
			f.children[p] = append(f.children[p], int32(i))
		}
	}
	n := 0
	for _, t := range f.trips {
		if t.n > 1 {
			n += int(t.n) - 1
		}
	}
	f.byDep = make([]conn, 0, n)
	for ti, t := range f.trips {
		for i := t.first; i+1 < t.first+t.n; i++ {
			c := conn{dep: f.stDep[i], arr: f.stArr[i+1], from: f.stStop[i], to: f.stStop[i+1], trip: int32(ti), svc: t.service, st: i}
			if f.stFlags[i]&noBoard != 0 {
				c.flags |= noBoard
			}
			if f.stFlags[i+1]&noAlight != 0 {
				c.flags |= noAlight
			}
			if c.arr > f.maxTime {
				f.maxTime = c.arr
			}
			f.byDep = append(f.byDep, c)
		}
	}
	f.byArr = make([]conn, len(f.byDep))
	copy(f.byArr, f.byDep)
	// Connections come in trip and stop order; stable radix sorts by the
	// minor key, then by the major key, leave ties in that order.
	buf := make([]conn, len(f.byDep))
	radixSort(f.byDep, buf, func(c *conn) int32 { return c.arr })
	radixSort(f.byDep, buf, func(c *conn) int32 { return c.dep })
	radixSort(f.byArr, buf, func(c *conn) int32 { return c.dep })
	radixSort(f.byArr, buf, func(c *conn) int32 { return c.arr })

	// Footpaths: staying at a stop, moving between platforms of one
	// station, and the pairs transfers.txt lists.
	f.out = make([][]footpath, len(f.stops))
	f.in = make([][]footpath, len(f.stops))
	add := func(a, b int32, d int32) {
		if r, ok := f.rules[[2]int32{a, b}]; ok {
			d = r
		}
		if d == noTransfer {
			return
		}
		f.out[a] = append(f.out[a], footpath{b, d})
		f.in[b] = append(f.in[b], footpath{a, d})
	}
	for a := range f.stops {
		a := int32(a)
		if f.locType[a] != 0 {
			continue
		}
		add(a, a, useDefault)
		if p := f.parent[a]; p >= 0 {
			for _, b := range f.children[p] {
				if b != a && f.locType[b] == 0 {
					add(a, b, useDefault)
				}
			}
		}
	}
	keys := make([][2]int32, 0, len(f.rules))
	for k := range f.rules {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		a, b := k[0], k[1]
		if a == b || f.locType[a] != 0 || f.locType[b] != 0 {
			continue
		}
		if pa := f.parent[a]; pa >= 0 && pa == f.parent[b] {
			continue // already added as platforms of one station
		}
		add(a, b, useDefault)
	}
	f.pool.New = func() any { return new(search) }
}

// radixSort sorts cs stably by key, a non-negative int32, in two
// passes of 16 bits; buf is scratch space as long as cs.
func radixSort(cs, buf []conn, key func(*conn) int32) {
	var count [1 << 16]int
	src, dst := cs, buf
	for shift := 0; shift < 32; shift += 16 {
		clear(count[:])
		for i := range src {
			count[uint32(key(&src[i]))>>shift&0xffff]++
		}
		sum := 0
		for i, n := range count {
			count[i] = sum
			sum += n
		}
		for i := range src {
			d := uint32(key(&src[i])) >> shift & 0xffff
			dst[count[d]] = src[i]
			count[d]++
		}
		src, dst = dst, src
	}
	// After an even number of passes the result is back in cs.
}

// Location returns the time zone of the feed's agencies, in which its
// times are given.
func (f *Feed) Location() *time.Location { return f.loc }

// Stops returns the feed's stops, platforms and stations in the order of
// stops.txt.
func (f *Feed) Stops() []Stop {
	return append([]Stop(nil), f.stops...)
}

// Stop finds a stop by stop_id or stop_name, in any letter case. An exact
// stop_id wins; among stops sharing a name the station (or a stop without
// parent) wins over its platforms. A name held by several stations gives
// ErrAmbiguousStop, no match ErrUnknownStop.
func (f *Feed) Stop(idOrName string) (Stop, error) {
	i, err := f.lookup(idOrName)
	if err != nil {
		return Stop{}, err
	}
	return f.stops[i], nil
}

func (f *Feed) lookup(q string) (int32, error) {
	q = strings.TrimSpace(q)
	if i, ok := f.stopIndex[q]; ok {
		return i, nil
	}
	var byID, byName []int32
	for i, s := range f.stops {
		if strings.EqualFold(s.ID, q) {
			byID = append(byID, int32(i))
		} else if strings.EqualFold(s.Name, q) {
			byName = append(byName, int32(i))
		}
	}
	for _, cand := range [][]int32{byID, byName} {
		if len(cand) == 0 {
			continue
		}
		if len(cand) == 1 {
			return cand[0], nil
		}
		// Several matches: platforms stand for their station.
		top := map[int32]bool{}
		for _, i := range cand {
			if p := f.parent[i]; p >= 0 && f.locType[p] == 1 {
				i = p
			}
			top[i] = true
		}
		if len(top) == 1 {
			for i := range top {
				return i, nil
			}
		}
		return -1, fmt.Errorf("%q names %d stops: %w", q, len(top), ErrAmbiguousStop)
	}
	return -1, fmt.Errorf("%q: %w", q, ErrUnknownStop)
}

// group returns the stops a query endpoint stands for: a station and its
// platforms, or a single stop.
func (f *Feed) group(i int32) []int32 {
	g := []int32{i}
	return append(g, f.children[i]...)
}
