package travel

import (
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unsafe"
)

// A Feed is a loaded timetable of one or several GTFS feeds, indexed for
// journey search. It is immutable once loaded (its per-day indexes are
// built on first use, under a lock) and safe for concurrent queries.
type Feed struct {
	feeds []feedInfo
	loc   *time.Location // the first feed's zone

	stops     []Stop
	stopFeed  []int16
	stopIndex map[string]int32 // "feed:id" always; the bare id when no other feed uses it
	locType   []int8
	parent    []int32            // -1 for none
	children  [][]int32          // platforms of each station
	out, in   [][]footpath       // by stop; one backing array each once loaded (compact)
	rules     map[[2]int32]int32 // transfers.txt between stops, seconds or useDefault/noTransfer

	routes   []route
	trips    []trip
	services []service
	blocks   [][]int32 // trips of each block, by first departure
	special  specialRules
	twins    map[int32][]int32 // same-name stations of other feeds, joined
	// sharedIDs lists the stops of each stop_id that several feeds use.
	sharedIDs map[string][]int32

	// Stop times of all trips, trip by trip in stop_sequence order.
	stStop  []int32
	stArr   []int32
	stDep   []int32
	stKm    []float32 // distance from the trip's first stop
	stFlags []uint8

	conns   []conn  // connections of every trip, sorted by departure
	byArr   []int32 // indexes of conns sorted by arrival
	maxTime int32   // latest time of day in the feed, seconds

	dayMu    sync.Mutex
	days     map[dayKey]*dayIndex
	dayClock uint64
	dayBytes int64

	lineIdx  lineIndex  // built on first use (bound.go)
	footIdx  footIndex  // built on first use (fastea.go)
	crossIdx crossIndex // built on first use (border.go)
	cellIdx  cellIndex  // built on first use (cells.go)
	foldIx   foldIndex  // built on first use (lookup)

	warnings []error
	pool     sync.Pool // *search
	// spare keeps one search state out of the pool, which a garbage
	// collection empties: a query after one would otherwise allocate
	// and clear its per-stop labels again (tens of megabytes on the
	// national pair).
	spare atomic.Pointer[search]
}

// feedInfo describes one of the feeds a Feed merges.
type feedInfo struct {
	name           string
	loc            *time.Location
	tripLo, tripHi int32 // its trips are trips[tripLo:tripHi]
	// loaded dates, day numbers; first > last means every date.
	first, last int32
}

// A Stop is a stop, platform or station of a feed.
type Stop struct {
	// ID is the stop_id; when several feeds are loaded and another feed
	// uses the same stop_id it is prefixed with the feed's name and a
	// colon, "no:NSR:StopPlace:1".
	ID, Name string
	Lat, Lon float64
	// Parent is the parent station's ID, "" for none.
	Parent string
	// Feed is the name of the feed the stop comes from.
	Feed string
}

// Place returns the stop as a Place of kind station, with StopID set.
func (s Stop) Place() Place {
	return Place{ID: s.ID, Name: s.Name, Kind: "station", Lat: s.Lat, Lon: s.Lon, StopID: s.ID}
}

type route struct {
	id      string
	name    string
	mode    Mode
	gPerPkm float64 // < 0: use the mode's factor
}

type trip struct {
	id       string
	route    int32
	service  int32
	first, n int32 // stop times stSomething[first : first+n]
	// shift is added to the stop times: frequencies.txt copies of a
	// template trip share its stop times.
	shift int32
	tmpl  int32 // the trips.txt row (itself, or the template of a copy)
	block int32 // index in Feed.blocks, -1 for none
	flags uint8
}

const (
	tripTemplate uint8 = 1 << iota // frequencies.txt template: runs only as its copies
	tripRuleIn                     // transfers.txt names it (or its route) as to_trip/to_route
	tripRuleOut                    // … as from_trip/from_route
	tripDropped                    // a bad trip, dropped with a warning
)

// rides tells whether trip x has connections: at least two stop times,
// and not dropped as bad.
func (f *Feed) rides(x int32) bool {
	t := &f.trips[x]
	return t.n > 1 && t.flags&tripDropped == 0
}

// A service says on which days trips run: calendar.txt weekdays within
// [start, end], and calendar_dates.txt exceptions (true added, false
// removed). Days are counted from 1970-01-01. bits caches runs for the
// days from bitsFrom on, unless the service spans more than
// maxBitsDays (long): "every day from 2000 to 2099" is common, and a
// crafted calendar.txt of services from year 1 to 9999 would need
// 456 KB and 3.6 million steps each.
type service struct {
	weekdays   uint8 // bit 0 Sunday … bit 6 Saturday
	start, end int32
	except     map[int32]bool
	bitsFrom   int32
	bits       []uint64
	long       bool
}

// maxBitsDays bounds the span of a service that gets a bitmap (about
// eleven years, 63 words).
const maxBitsDays = 4000

func (s *service) runsSlow(day int32) bool {
	if v, ok := s.except[day]; ok {
		return v
	}
	// 1970-01-01 was a Thursday.
	wd := (int(day)%7 + 7 + 4) % 7
	return day >= s.start && day <= s.end && s.weekdays&(1<<wd) != 0
}

func (s *service) runs(day int32) bool {
	if s.long {
		return s.runsSlow(day)
	}
	if i := day - s.bitsFrom; i >= 0 && int(i) < len(s.bits)*64 {
		return s.bits[i/64]&(1<<(i%64)) != 0
	}
	return false
}

// span returns the first and last day the service may run; lo > hi when
// it never runs.
func (s *service) span() (lo, hi int32) {
	lo, hi = s.start, s.end
	if s.weekdays == 0 {
		lo, hi = 1<<30, -1<<30
	}
	for d, on := range s.except {
		if on {
			lo, hi = min(lo, d), max(hi, d)
		}
	}
	return lo, hi
}

// firstLast returns the first and the last day the service runs, ok
// false when it runs on none. Each lies within 7 × (removed days + 1)
// days of an end of its span: a week holds a day of each weekday, and
// only a removal stops that day from running.
func (s *service) firstLast() (first, last int32, ok bool) {
	lo, hi := s.span()
	limit := 7 * (int32(len(s.except)) + 1)
	for d, n := lo, int32(0); d <= hi && n <= limit; d, n = d+1, n+1 {
		if s.runsSlow(d) {
			first, ok = d, true
			break
		}
	}
	if !ok {
		// Every day of a week and every removal passed without a run:
		// the weekdays it runs on are all removed or none.
		return 0, 0, false
	}
	for d, n := hi, int32(0); d >= lo && n <= limit; d, n = d-1, n+1 {
		if s.runsSlow(d) {
			return first, d, true
		}
	}
	return first, first, true
}

// index fills bits from calendar and exceptions.
func (s *service) index() {
	lo, hi := s.span()
	s.bits = nil
	s.bitsFrom = lo
	s.long = false
	if lo > hi {
		return
	}
	if int64(hi)-int64(lo) >= maxBitsDays {
		s.long = true
		return
	}
	s.bits = make([]uint64, (hi-lo)/64+1)
	for d := lo; d <= hi; d++ {
		if s.runsSlow(d) {
			i := d - lo
			s.bits[i/64] |= 1 << (i % 64)
		}
	}
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
	noBoard   uint8 = 1 << iota // pickup_type 1 at the departure stop
	noAlight                    // drop_off_type 1 at the arrival stop
	lastConn                    // the trip's last connection
	firstConn                   // the trip's first connection
	// Copies of the trip's flags in a day index (dconn), so that a scan
	// need not look the trip up.
	ruleIn  // tripRuleIn
	ruleOut // tripRuleOut
	inBlock // the trip has a block_id
)

// A dayKey names the connections of one feed on one service day.
type dayKey struct {
	feed int16
	day  int32
}

// A dayIndex lists the connections that run on one service day of one
// feed, copied out of Feed.conns in departure order (forward scans) and
// in arrival order (backward scans), each built on first use. Queries
// scan these, so they cost in proportion to the service of the days they
// look at, not to the feed, and read memory in order: a scan's
// connections lie next to each other instead of among those of the
// feed's other days.
type dayIndex struct {
	depOnce, arrOnce sync.Once
	dep, arr         []dconn
	cells            []uint64 // per block of cellBlock connections of dep: their cells (cells.go)
	used             uint64   // Feed.dayClock at the last use, under Feed.dayMu
	bytes            int64    // of dep and arr, under Feed.dayMu
}

// dayBudget bounds the memory of the day indexes a Feed keeps (about
// 40 MB per day and direction for a national feed: 1.9 M connections of
// 20 bytes): building one more
// drops the least recently used ones not used by the last few queries
// (a search still scanning one keeps its copy).
const dayBudget = 1 << 30

// A dconn is a connection as a day index holds it.
type dconn struct {
	dep, arr int32
	fc       uint32 // the departure stop, and the cell of the arrival stop (cells.go) in the top byte
	tf       uint32 // the arrival stop, and the flags in the top byte
	trip     int32
}

// maxStops bounds the stops of a Feed, so that a day index's
// connection and a hit of the corridor search (fastea.go) pack a stop
// in 24 bits.
const maxStops = 1<<24 - 1

// mkConn packs a day index's connection (stops below maxStops).
func mkConn(dep, arr, from, to, trip int32, flags, cellTo uint8) dconn {
	return dconn{dep: dep, arr: arr, fc: uint32(from) | uint32(cellTo)<<24, tf: uint32(to) | uint32(flags)<<24, trip: trip}
}

func (c *dconn) from() int32   { return int32(c.fc & (1<<24 - 1)) }
func (c *dconn) to() int32     { return int32(c.tf & (1<<24 - 1)) }
func (c *dconn) flags() uint8  { return uint8(c.tf >> 24) }
func (c *dconn) cellTo() uint8 { return uint8(c.fc >> 24) }

// stOf returns the stop time of c's departure; its arrival's is the
// next. Scans read no stop times: only the journeys they find do.
func (f *Feed) stOf(c *dconn) int32 {
	t := &f.trips[c.trip]
	for i := t.first; i+1 < t.first+t.n; i++ {
		if f.stStop[i] == c.from() && f.stStop[i+1] == c.to() && f.stDep[i]+t.shift == c.dep && f.stArr[i+1]+t.shift == c.arr {
			return i
		}
	}
	panic("travel: a connection is not in its trip")
}

// day returns the index of feed fi's service day d.
func (f *Feed) day(fi int16, d int32) *dayIndex {
	k := dayKey{fi, d}
	f.dayMu.Lock()
	defer f.dayMu.Unlock()
	x := f.days[k]
	if x == nil {
		x = &dayIndex{}
		f.days[k] = x
	}
	f.dayClock++
	x.used = f.dayClock
	return x
}

// dayConns returns the connections of feed fi's service day d in
// departure order (forward) or arrival order, building them on first
// use.
func (f *Feed) dayConns(fi int16, d int32, forward bool) []dconn {
	if forward {
		cs, _ := f.dayDep(fi, d)
		return cs
	}
	return f.dayIdx(fi, d, false).arr
}

// dayDep returns the connections of feed fi's service day d in
// departure order and their cell masks (see blockCells).
func (f *Feed) dayDep(fi int16, d int32) ([]dconn, []uint64) {
	x := f.dayIdx(fi, d, true)
	return x.dep, x.cells
}

// dayIdx builds the index of feed fi's service day d in one direction
// on first use.
func (f *Feed) dayIdx(fi int16, d int32, forward bool) *dayIndex {
	x := f.day(fi, d)
	once, out, order := &x.arrOnce, &x.arr, f.byArr
	if forward {
		once, out, order = &x.depOnce, &x.dep, nil
	}
	once.Do(func() {
		info := &f.feeds[fi]
		if info.first <= info.last && (d < info.first || d > info.last) {
			return
		}
		run := make([]bool, len(f.services))
		any := false
		for i := range f.services {
			run[i] = f.services[i].runs(d)
			any = any || run[i]
		}
		if !any {
			return
		}
		lo, hi := info.tripLo, info.tripHi
		cell := f.cells().stop
		keep := func(c *conn) bool { return c.trip >= lo && c.trip < hi && run[c.svc] }
		n := 0
		for i := range f.conns {
			if keep(&f.conns[i]) {
				n++
			}
		}
		cs := make([]dconn, 0, n)
		add := func(c *conn) {
			if keep(c) {
				t := &f.trips[c.trip]
				fl := c.flags
				if t.flags&tripRuleIn != 0 {
					fl |= ruleIn
				}
				if t.flags&tripRuleOut != 0 {
					fl |= ruleOut
				}
				if t.block >= 0 {
					fl |= inBlock
				}
				cs = append(cs, mkConn(c.dep, c.arr, c.from, c.to, c.trip, fl, uint8(bits.TrailingZeros64(cell[c.to]))))
			}
		}
		if order == nil {
			for i := range f.conns {
				add(&f.conns[i])
			}
		} else {
			for _, i := range order {
				add(&f.conns[i])
			}
		}
		*out = cs
		size := int64(cap(cs)) * int64(unsafe.Sizeof(dconn{}))
		if forward {
			x.cells = blockCells(cs, f.cells().stop)
			size += int64(len(x.cells)) * 8
		}
		f.dayMu.Lock()
		defer f.dayMu.Unlock()
		if f.days[dayKey{fi, d}] != x {
			return // dropped meanwhile
		}
		x.bytes += size
		f.dayBytes += size
		// A search asks for at most 2 × 32 days per feed: those of the
		// last 64 × feeds uses stay.
		recent := uint64(64 * len(f.feeds))
		for f.dayBytes > dayBudget {
			var old dayKey
			var oy *dayIndex
			for k, y := range f.days {
				if y.bytes > 0 && y.used+recent < f.dayClock && (oy == nil || y.used < oy.used) {
					old, oy = k, y
				}
			}
			if oy == nil {
				break
			}
			delete(f.days, old)
			f.dayBytes -= oy.bytes
		}
	})
	return x
}

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

// build derives the connections, blocks and footpaths from the loaded
// tables.
func (f *Feed) build() {
	f.days = map[dayKey]*dayIndex{}
	for i := range f.services {
		f.services[i].index()
	}
	f.children = make([][]int32, len(f.stops))
	for i, p := range f.parent {
		if p >= 0 {
			f.children[p] = append(f.children[p], int32(i))
		}
	}
	n := 0
	for _, t := range f.trips {
		if t.n > 1 && t.flags&(tripTemplate|tripDropped) == 0 {
			n += int(t.n) - 1
		}
	}
	f.conns = make([]conn, 0, n)
	for ti, t := range f.trips {
		if t.flags&(tripTemplate|tripDropped) != 0 {
			continue
		}
		for i := t.first; i+1 < t.first+t.n; i++ {
			c := conn{dep: f.stDep[i] + t.shift, arr: f.stArr[i+1] + t.shift, from: f.stStop[i], to: f.stStop[i+1], trip: int32(ti), svc: t.service, st: i}
			if f.stFlags[i]&noBoard != 0 {
				c.flags |= noBoard
			}
			if f.stFlags[i+1]&noAlight != 0 {
				c.flags |= noAlight
			}
			if i == t.first {
				c.flags |= firstConn
			}
			if i+2 == t.first+t.n {
				c.flags |= lastConn
			}
			if c.arr > f.maxTime {
				f.maxTime = c.arr
			}
			f.conns = append(f.conns, c)
		}
	}
	// Connections come in trip and stop order; stable radix sorts by the
	// minor key, then by the major key, leave ties in that order. Those
	// that leave at the same time come in three groups: first those that
	// arrive then too (one may lead to another; they keep trip and stop
	// order), then by the cell of their departure stop and by arrival
	// (none of these can lead to another leaving at the same time), so
	// that the blocks of a day index lie in few cells (cells.go).
	cell := f.cells().stop
	buf := make([]conn, len(f.conns))
	radixSort(f.conns, buf, func(c *conn) int32 {
		if c.arr == c.dep {
			return 0
		}
		return int32(1+bits.TrailingZeros64(cell[c.from]))<<24 | min(c.arr, 1<<24-1)
	})
	radixSort(f.conns, buf, func(c *conn) int32 { return c.dep })
	buf = nil
	// By arrival: a stable sort of the departure order, so that ties
	// come by departure.
	f.byArr = make([]int32, len(f.conns))
	for i := range f.byArr {
		f.byArr[i] = int32(i)
	}
	radixSort(f.byArr, make([]int32, len(f.conns)), func(i *int32) int32 { return f.conns[*i].arr })
	f.buildBlocks()

	// Footpaths: staying at a stop, moving between platforms of one
	// station, and the pairs transfers.txt lists.
	f.out = make([][]footpath, len(f.stops))
	f.in = make([][]footpath, len(f.stops))
	for a := range f.stops {
		a := int32(a)
		if f.locType[a] != 0 {
			continue
		}
		f.addFoot(a, a, useDefault)
		if p := f.parent[a]; p >= 0 && len(f.children[p]) <= MaxPlatforms {
			for _, b := range f.children[p] {
				if b != a && f.locType[b] == 0 {
					f.addFoot(a, b, useDefault)
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
		f.addFoot(a, b, useDefault)
	}
	f.pool.New = func() any { return new(search) }
}

// compact moves each stop's footpaths into one backing array per
// direction, once they are all added, so that the scans read them from
// contiguous memory. Each list keeps its length as capacity: a later
// append copies it rather than overwrite the next stop's.
func (f *Feed) compact() {
	f.out, f.in = compactLists(f.out), compactLists(f.in)
}

func compactLists(lists [][]footpath) [][]footpath {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	flat := make([]footpath, 0, n)
	for i, l := range lists {
		lo := len(flat)
		flat = append(flat, l...)
		lists[i] = flat[lo:len(flat):len(flat)]
	}
	return lists
}

// addFoot adds the footpath a → b of d seconds, unless transfers.txt
// rules otherwise or it exists.
func (f *Feed) addFoot(a, b int32, d int32) {
	if r, ok := f.rules[[2]int32{a, b}]; ok {
		d = r
	}
	if d == noTransfer {
		return
	}
	for _, fp := range f.out[a] {
		if fp.stop == b {
			return
		}
	}
	f.out[a] = append(f.out[a], footpath{b, d})
	f.in[b] = append(f.in[b], footpath{a, d})
}

// buildBlocks sorts the trips of each block by their first departure.
func (f *Feed) buildBlocks() {
	for bi := range f.blocks {
		b := f.blocks[bi][:0]
		for _, t := range f.blocks[bi] {
			if f.trips[t].flags&(tripTemplate|tripDropped) == 0 && f.trips[t].n > 1 {
				b = append(b, t)
			}
		}
		sort.SliceStable(b, func(i, j int) bool {
			ti, tj := &f.trips[b[i]], &f.trips[b[j]]
			return f.stDep[ti.first]+ti.shift < f.stDep[tj.first]+tj.shift
		})
		f.blocks[bi] = b
	}
}

// sameStation reports whether stops a and b are one stop or platforms of
// one station.
func (f *Feed) sameStation(a, b int32) bool {
	return a == b || (f.parent[a] >= 0 && f.parent[a] == f.parent[b])
}

// blockNext returns the trip that continues trip t in its block on the
// service day whose services run says, or -1: the next trip of the block
// that runs that day, if it leaves from where t ends, no earlier than t
// arrives (GTFS reference, trips.txt block_id).
func (f *Feed) blockNext(t int32, runs func(svc int32) bool) int32 {
	tr := &f.trips[t]
	if tr.block < 0 {
		return -1
	}
	b := f.blocks[tr.block]
	end := tr.first + tr.n - 1
	arr := f.stArr[end] + tr.shift
	found := false
	for _, u := range b {
		if u == t {
			found = true
			continue
		}
		if !found {
			continue
		}
		ut := &f.trips[u]
		if !runs(ut.service) {
			continue
		}
		if f.stDep[ut.first]+ut.shift < arr || !f.sameStation(f.stStop[ut.first], f.stStop[end]) {
			return -1
		}
		if f.special.noInSeat(f, t, u) {
			return -1
		}
		return u
	}
	return -1
}

// blockPrev is blockNext backwards: the trip that trip t continues.
func (f *Feed) blockPrev(t int32, runs func(svc int32) bool) int32 {
	tr := &f.trips[t]
	if tr.block < 0 {
		return -1
	}
	b := f.blocks[tr.block]
	dep := f.stDep[tr.first] + tr.shift
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] != t {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			u := b[j]
			ut := &f.trips[u]
			if !runs(ut.service) {
				continue
			}
			end := ut.first + ut.n - 1
			if f.stArr[end]+ut.shift > dep || !f.sameStation(f.stStop[end], f.stStop[tr.first]) {
				return -1
			}
			if f.blockNext(u, runs) != t {
				return -1
			}
			return u
		}
		return -1
	}
	return -1
}

// radixSort sorts xs stably by key, a non-negative int32, in two
// passes of 16 bits; buf is scratch space as long as xs. Large inputs
// are cut into one part per processor (up to four): each pass counts
// the parts' keys at once, gives each part its places in each bucket
// after those of the parts before it (which keeps the sort stable), and
// moves the parts at once.
func radixSort[T any](xs, buf []T, key func(*T) int32) {
	parts := 1
	if len(xs) >= 1<<18 {
		parts = min(runtime.GOMAXPROCS(0), 4)
	}
	counts := make([][1 << 16]int, parts)
	cut := func(k int) (int, int) { return k * len(xs) / parts, (k + 1) * len(xs) / parts }
	each := func(do func(k, lo, hi int)) {
		var wg sync.WaitGroup
		for k := range parts {
			lo, hi := cut(k)
			wg.Add(1)
			go func() {
				defer wg.Done()
				do(k, lo, hi)
			}()
		}
		wg.Wait()
	}
	src, dst := xs, buf
	for shift := 0; shift < 32; shift += 16 {
		each(func(k, lo, hi int) {
			c := &counts[k]
			clear(c[:])
			for i := lo; i < hi; i++ {
				c[uint32(key(&src[i]))>>shift&0xffff]++
			}
		})
		sum := 0
		for d := range counts[0] {
			for k := range counts {
				n := counts[k][d]
				counts[k][d] = sum
				sum += n
			}
		}
		each(func(k, lo, hi int) {
			c := &counts[k]
			for i := lo; i < hi; i++ {
				d := uint32(key(&src[i])) >> shift & 0xffff
				dst[c[d]] = src[i]
				c[d]++
			}
		})
		src, dst = dst, src
	}
	// After an even number of passes the result is back in xs.
}

// Location returns the time zone of the (first) feed's agencies, in which
// its times are given.
func (f *Feed) Location() *time.Location { return f.loc }

// ServiceDays returns the first and the last date on which the
// timetable's calendar (calendar.txt and calendar_dates.txt of every
// feed) runs a service, as midnight in the feed's zone; ok is false when
// it runs none. A journey search on a date outside them finds nothing,
// which a coordinator should be told rather than shown "no journey".
// LoadOptions.Dates leaves out trips, not the calendar: the dates are the
// publisher's.
func (f *Feed) ServiceDays() (first, last time.Time, ok bool) {
	lo, hi := int32(math.MaxInt32), int32(math.MinInt32)
	for i := range f.services {
		sv := &f.services[i]
		if sv.long {
			if first, last, ok := sv.firstLast(); ok {
				lo, hi = min(lo, first), max(hi, last)
			}
			continue
		}
		for w, x := range sv.bits {
			if x != 0 {
				lo = min(lo, sv.bitsFrom+int32(w*64+bits.TrailingZeros64(x)))
				break
			}
		}
		for w := len(sv.bits) - 1; w >= 0; w-- {
			if x := sv.bits[w]; x != 0 {
				hi = max(hi, sv.bitsFrom+int32(w*64+63-bits.LeadingZeros64(x)))
				break
			}
		}
	}
	if lo > hi {
		return time.Time{}, time.Time{}, false
	}
	date := func(d int32) time.Time {
		y, m, dd := time.Unix(int64(d)*86400, 0).UTC().Date()
		return time.Date(y, m, dd, 0, 0, 0, 0, f.loc)
	}
	return date(lo), date(hi), true
}

// Warnings returns the problems loading skipped: each a *ParseError
// naming the file, line and field of a trip that was dropped, or of a row
// that was ignored. Load with LoadOptions.Strict to make them errors.
func (f *Feed) Warnings() []error { return append([]error(nil), f.warnings...) }

// StopLocation returns the time zone of the feed that stop belongs to.
func (f *Feed) StopLocation(s Stop) *time.Location {
	for _, fi := range f.feeds {
		if fi.name == s.Feed {
			return fi.loc
		}
	}
	return f.loc
}

// Stops returns the stops, platforms and stations of all feeds, each
// feed's in the order of its stops.txt.
func (f *Feed) Stops() []Stop {
	return append([]Stop(nil), f.stops...)
}

// Stop finds a stop by stop_id ("feed:stop_id" when several feeds are
// loaded and the id alone is ambiguous) or stop_name, in any letter case.
// An exact stop_id wins; among stops sharing a name the station (or a
// stop without parent) wins over its platforms. A name held by several
// stations gives ErrAmbiguousStop, no match ErrUnknownStop.
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
	if list := f.sharedIDs[q]; len(list) > 0 {
		var ids []string
		for _, i := range list {
			ids = append(ids, f.stops[i].ID)
		}
		return -1, fmt.Errorf("%q is a stop_id of several feeds, say which: %s: %w", q, strings.Join(ids, ", "), ErrAmbiguousStop)
	}
	// Any letter case (strings.EqualFold), from an index built once: a
	// programme looks up a place for each of thousands of contacts.
	x := f.foldIdx()
	k := foldKey(q)
	for _, cand := range [][]int32{x.byID[k], x.byName[k]} {
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
		// Same-name stations of several feeds, joined, are one.
		first := int32(-1)
		for i := range top {
			if first < 0 || i < first {
				first = i
			}
		}
		one := true
		for i := range top {
			if i != first && !contains32(f.twins[first], i) {
				one = false
			}
		}
		if one {
			return first, nil
		}
		return -1, fmt.Errorf("%q names %d stops: %w", q, len(top), ErrAmbiguousStop)
	}
	return -1, fmt.Errorf("%q: %w", q, ErrUnknownStop)
}

// A foldIndex holds the stops by their id and by their name in any
// letter case (foldKey), each list in stop order.
type foldIndex struct {
	once         sync.Once
	byID, byName map[string][]int32
}

// foldIdx returns the index, built on first use.
func (f *Feed) foldIdx() *foldIndex {
	x := &f.foldIx
	x.once.Do(func() {
		x.byID, x.byName = map[string][]int32{}, map[string][]int32{}
		for i, s := range f.stops {
			k := foldKey(s.ID)
			x.byID[k] = append(x.byID[k], int32(i))
			if n := foldKey(s.Name); n != "" {
				x.byName[n] = append(x.byName[n], int32(i))
			}
		}
	})
	return x
}

// foldKey maps s to a key that two strings share exactly when
// strings.EqualFold says they are equal: each rune becomes the least
// rune of its case-folding orbit (unicode.SimpleFold).
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		least := r
		for x := unicode.SimpleFold(r); x != r; x = unicode.SimpleFold(x) {
			least = min(least, x)
		}
		b.WriteRune(least)
	}
	return b.String()
}

// group returns the stops a query endpoint stands for: a station and its
// platforms, or a single stop.
func (f *Feed) group(i int32) []int32 {
	g := []int32{i}
	g = append(g, f.children[i]...)
	for _, t := range f.twins[i] {
		g = append(append(g, t), f.children[t]...)
	}
	return g
}
