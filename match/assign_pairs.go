package match

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
)

// candidates are the caller's pairs as compact integer arrays: the best
// pair per (start-up, contact), sorted by start-up then contact. Start-up
// s's candidates are the positions bucket[s]..bucket[s+1]−1 of c (the
// contact), cost and pair (the index into the caller's pairs;
// nil while every candidate is the pair at its own position, the common
// case). cost is the negated score, the LAP's cost. When every start-up
// has every contact, in order (grid), cost is the nS × nC cost matrix
// row by row and c is left nil until cols
// needs it; when float32 holds every one of those costs exactly, they
// are in cost32 instead (half the memory to write and to read) and
// cost is nil until wide needs it.
type candidates struct {
	nS, nC int
	bucket []int32
	c      []int32
	cost   []float64
	cost32 []float32
	pair   []int32
	grid   bool
	// best holds each row's best columns when cost is the grid (see
	// lapDenseHint), or nil.
	best []rowBest
	// positive says every score is > 0.
	positive bool
}

func (cs *candidates) len() int { return max(len(cs.cost), len(cs.cost32)) }

// wide makes cost hold the costs, from cost32 when they are there.
func (cs *candidates) wide() {
	if cs.cost32 == nil {
		return
	}
	cs.cost = make([]float64, len(cs.cost32))
	for k, w := range cs.cost32 {
		cs.cost[k] = float64(w)
	}
	cs.cost32 = nil
}

// cols is c, made from the grid when it was left out.
func (cs *candidates) cols() []int32 {
	if cs.c == nil && cs.len() > 0 {
		cs.c = make([]int32, cs.len())
		fillGrid(cs.c, cs.nC)
	}
	return cs.c
}

// fillGrid sets c[k] = k mod nC.
func fillGrid(c []int32, nC int) {
	for k := 0; k < len(c); k += nC {
		row := c[k:min(k+nC, len(c))]
		for j := range row {
			row[j] = int32(j)
		}
	}
}

// pairOf is the caller's pair index of candidate k.
func (cs *candidates) pairOf(k int) int32 {
	if cs.pair == nil {
		return int32(k)
	}
	return cs.pair[k]
}

// find is the candidate of start-up s and contact c.
func (cs *candidates) find(s, c int32) (int, bool) {
	lo, hi := int(cs.bucket[s]), int(cs.bucket[s+1])
	k, ok := slices.BinarySearch(cs.cols()[lo:hi], c)
	return lo + k, ok
}

// filter keeps the candidates keep accepts, in order.
func (cs *candidates) filter(keep func(s int32, k int) bool) {
	cs.wide()
	cs.cols()
	cs.grid, cs.best = false, nil
	n := 0
	for s := 0; s < cs.nS; s++ {
		lo, hi := int(cs.bucket[s]), int(cs.bucket[s+1])
		cs.bucket[s] = int32(n)
		for k := lo; k < hi; k++ {
			if !keep(int32(s), k) {
				if cs.pair == nil {
					cs.pair = make([]int32, len(cs.c))
					for i := range cs.pair {
						cs.pair[i] = int32(i)
					}
				}
				continue
			}
			if n != k {
				cs.c[n], cs.cost[n] = cs.c[k], cs.cost[k]
				if cs.pair != nil {
					cs.pair[n] = cs.pair[k]
				}
			}
			n++
		}
	}
	cs.bucket[cs.nS] = int32(n)
	cs.c, cs.cost = cs.c[:n], cs.cost[:n]
	if cs.pair != nil {
		cs.pair = cs.pair[:n]
	}
}

// indexPairs turns the caller's pairs into candidates. It is the only
// place that reads Pair's ids and scores, in one pass.
//
// Pairs usually come grouped by start-up with the contacts in order (as
// Score writes them), so the start-up is looked up once per run and the
// contact is first guessed as the one after the previous pair's; the
// maps serve the rest. Input already sorted and free of duplicates, the
// common case, needs nothing more; other input is sorted by two stable
// counting sorts, keeping the best of duplicate pairs.
func indexPairs(startups []Startup, contacts []Contact, pairs []Pair, sIdx, cIdx map[string]int32) (*candidates, error) {
	workers := min(runtime.GOMAXPROCS(0), maxIndexWorkers, len(pairs)/minPairsPerWorker)
	if cs := indexGrid(startups, contacts, pairs, sIdx, cIdx, max(workers, 1)); cs != nil {
		return cs, nil
	}
	ids := newContactIndex(contacts, cIdx)
	if workers > 1 {
		if cs, err, ok := indexPairsParallel(len(startups), len(contacts), pairs, sIdx, ids, workers, max(workers, len(pairs)/chunkPairs)); ok {
			return cs, err
		}
	}
	return indexPairsSeq(len(startups), len(contacts), pairs, sIdx, ids)
}

// indexGrid is indexPairs for its most common large input, the
// complete grid: pair k is start-up k / nC with contact k mod nC, every
// score finite, every id distinct. It checks that shape as it copies
// the costs, comparing each pair's ids with the expected ones (by
// address first: Score writes the very strings of startups and
// contacts), and gives up (nil) at the first pair that does not fit,
// leaving everything, errors included, to the general pass. Up to
// workers goroutines share the rows (see gridPass). The costs go to float32 while it
// holds them exactly (integer scores, as in assignment benchmarks);
// the first that it does not hold (on scores such as Score's, the very
// first pair) sends the pass to float64.
func indexGrid(startups []Startup, contacts []Contact, pairs []Pair, sIdx, cIdx map[string]int32, workers int) *candidates {
	nS, nC := len(startups), len(contacts)
	if nS == 0 || nC == 0 || len(pairs) != nS*nC || len(sIdx) != nS || len(cIdx) != nC {
		return nil
	}
	cids := make([]string, nC)
	for j := range contacts {
		cids[j] = contacts[j].ID
	}
	workers = min(workers, nS)
	chunkRows := max(1, chunkPairs/nC)
	cs := &candidates{nS: nS, nC: nC, bucket: make([]int32, nS+1), grid: true, best: make([]rowBest, nS)}
	cs.cost32 = make([]float32, len(pairs))
	switch positive, st := gridPass(pairs, startups, cids, cs.cost32, cs.best, workers, chunkRows); st {
	case gridOff:
		return nil
	case gridExact:
		cs.positive = positive
	default:
		cs.cost32 = nil
		cs.cost = make([]float64, len(pairs))
		positive, st = gridPass(pairs, startups, cids, cs.cost, cs.best, workers, chunkRows)
		if st != gridExact {
			return nil
		}
		cs.positive = positive
	}
	for s := range nS {
		cs.bucket[s+1] = int32((s + 1) * nC)
	}
	return cs
}

// What a pass over the grid found.
const (
	gridExact   = iota // the costs are copied exactly
	gridInexact        // a cost that float32 does not hold
	gridOff            // a pair off the grid or with a non-finite score
)

// gridPass copies the grid's negated scores into cost and each row's
// best columns into best, and reports whether every score is > 0. Up
// to workers goroutines take the start-ups' rows in chunks of
// chunkRows, each the next chunk nobody has taken: on a machine
// whose other core is busy, a goroutine that gets no core takes fewer
// chunks, instead of holding half the rows that the other would then
// wait for.
func gridPass[T float32 | float64](pairs []Pair, startups []Startup, cids []string, cost []T, best []rowBest, workers, chunkRows int) (positive bool, status int32) {
	var worst atomic.Int32 // the worst status so far; workers stop at gridInexact
	var next atomic.Int64  // the first row nobody has taken
	nS := len(startups)
	chunk := int64(max(chunkRows, 1))
	nonPositive := make([]bool, workers)
	work := func(w int) {
		for worst.Load() == gridExact {
			lo := next.Add(chunk) - chunk
			if lo >= int64(nS) {
				break
			}
			st, positive := gridRows(int(lo), int(min(lo+chunk, int64(nS))), pairs, startups, cids, cost, best, &worst)
			nonPositive[w] = nonPositive[w] || !positive
			for {
				old := worst.Load()
				if st <= old || worst.CompareAndSwap(old, st) {
					break
				}
			}
		}
	}
	if workers <= 1 {
		work(0)
	} else {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() { work(w) })
		}
		wg.Wait()
	}
	return !slices.Contains(nonPositive, true), worst.Load()
}

// chunkPairs is about how many pairs a worker of gridPass or
// indexPairsParallel takes at a time: a few megabytes of pairs, under a
// millisecond's work.
const chunkPairs = 1 << 16

// gridRows copies the negated scores of start-ups lo..hi−1's rows of the
// grid into cost, and finds each row's best columns (as scanRow would)
// as it goes. It stops at the first row with a pair off the grid or
// with a non-finite score, at the first cost T does not hold exactly,
// or when another worker has stopped.
//
// This loop is most of what Assign costs on a large grid, and it waits
// on memory: every pair is read once, 48 bytes each, and on one core
// the loop takes about 1.6 times a bare loop over the scores (see the
// Assignment section of docs/benchmarks.md). So it does little per
// pair. The ids are compared by address and length without a branch,
// the differences or-ed into one word looked at once per row (a row
// that differs is compared again by value); float64(T(−w)) ≠ −w is the
// one test of a score, true for a NaN and for a cost T does not hold;
// and only a cost below the row's second best or ≥ lim (0, then +Inf
// once a score ≤ 0 was seen) leaves the inner loop, to be handled
// outside it (a new best column, a score ≤ 0 or of −Inf), which keeps
// the inner loop short. A score of +Inf shows as a best cost of −Inf
// after the row.
func gridRows[T float32 | float64](lo, hi int, pairs []Pair, startups []Startup, cids []string, cost []T, best []rowBest, worst *atomic.Int32) (status int32, positive bool) {
	nC := len(cids)
	inf := T(math.Inf(1))
	positive = true
	lim := T(0) // costs ≥ lim need a look: a score ≤ 0, or −Inf
	for s := lo; s < hi; s++ {
		if worst.Load() != gridExact {
			return gridExact, positive // the other's status decides
		}
		sid := startups[s].ID
		row := pairs[s*nC : (s+1)*nC]
		out := cost[s*nC : (s+1)*nC]
		out = out[:len(row)]
		ids := cids[:len(row)]
		sp, sn := stringAddr(sid), uintptr(len(sid))
		var diff uintptr
		u1, u2 := inf, inf
		j1, j2 := int32(-1), int32(-1)
		for j := 0; ; j++ {
			var c T
			for ; j < len(row); j++ {
				p := &row[j]
				diff |= (stringAddr(p.Startup) ^ sp) | (uintptr(len(p.Startup)) ^ sn) |
					(stringAddr(p.Contact) ^ stringAddr(ids[j])) | uintptr(len(p.Contact)^len(ids[j]))
				w := p.Score
				c = T(-w)
				if float64(c) != -w {
					if w != w {
						return gridOff, positive
					}
					return gridInexact, positive
				}
				out[j] = c
				if c < u2 || c >= lim {
					break
				}
			}
			if j == len(row) {
				break
			}
			if c >= lim {
				if c == inf { // a score of −Inf
					return gridOff, positive
				}
				positive, lim = false, inf
			}
			if c < u2 {
				if c >= u1 {
					u2, j2 = c, int32(j)
				} else {
					u2, j2 = u1, j1
					u1, j1 = c, int32(j)
				}
			}
		}
		if diff != 0 {
			for j := range row {
				if !sameString(row[j].Startup, sid) || !sameString(row[j].Contact, ids[j]) {
					return gridOff, positive
				}
			}
		}
		if u1 == -inf { // a score of +Inf
			return gridOff, positive
		}
		best[s] = rowBest{u1: float64(u1), u2: float64(u2), j1: j1, j2: j2}
	}
	return gridExact, positive
}

// stringAddr is the address of s's bytes, to compare.
func stringAddr(s string) uintptr { return uintptr(unsafe.Pointer(unsafe.StringData(s))) }

// sameString is a == b, by address and length first.
func sameString(a, b string) bool {
	return len(a) == len(b) && (unsafe.StringData(a) == unsafe.StringData(b) || a == b)
}

// The pass over large inputs is split among goroutines, each writing
// its own range of positions, so the result is the same.
const (
	maxIndexWorkers   = 4
	minPairsPerWorker = 1 << 16
)

// contactIndex finds the contact a pair names. The caller's pairs
// almost always hold the very id strings of the contacts, so besides
// guessing the next position (ids) it looks the string up by the
// address and length of its bytes in a small open-addressing table,
// which is much cheaper than hashing the string: one slot holds both,
// and equal address and length make equal strings. A miss goes to the
// map, which decides the rest (ids held elsewhere). With duplicate
// contact ids there are no guesses: the map alone decides, as it always
// did.
type contactIndex struct {
	ids   []string // by position
	slots []idSlot
	shift uint
	cIdx  map[string]int32
}

// idSlot is one entry of contactIndex's table: the data address and
// length of contact c's id; p is nil in an empty slot.
type idSlot struct {
	p    *byte
	n, c int32
}

func newContactIndex(contacts []Contact, cIdx map[string]int32) *contactIndex {
	x := &contactIndex{cIdx: cIdx}
	if len(cIdx) != len(contacts) {
		return x
	}
	x.ids = make([]string, len(contacts))
	for i := range contacts {
		x.ids[i] = contacts[i].ID
	}
	bits := uint(1)
	for 1<<bits < 2*len(contacts) {
		bits++
	}
	x.shift = 64 - bits
	x.slots = make([]idSlot, 1<<bits)
	mask := len(x.slots) - 1
	for i, id := range x.ids {
		p := unsafe.StringData(id)
		if p == nil || len(id) > math.MaxInt32 {
			continue
		}
		for h := x.slot(p); ; h = (h + 1) & mask {
			if x.slots[h].p == nil {
				x.slots[h] = idSlot{p, int32(len(id)), int32(i)}
				break
			}
			if x.slots[h].p == p && x.slots[h].n == int32(len(id)) {
				break // two ids sharing their bytes: the first keeps the slot
			}
		}
	}
	return x
}

func (x *contactIndex) slot(p *byte) int {
	return int((uint64(uintptr(unsafe.Pointer(p))) * 0x9E3779B97F4A7C15) >> x.shift)
}

// find is the index of the contact with the given id, whose position is
// probably guess. The table is asked first (complete grids, where the
// guess always holds, have their own pass: indexGrid); the guess is
// then compared by value, before the map, for ids held elsewhere.
func (x *contactIndex) find(guess int32, id string) (int32, bool) {
	p := unsafe.StringData(id)
	if p != nil && x.slots != nil {
		mask := len(x.slots) - 1
		for h := x.slot(p); x.slots[h].p != nil; h = (h + 1) & mask {
			if e := &x.slots[h]; e.p == p && int(e.n) == len(id) {
				return e.c, true
			}
		}
	}
	if int(guess) < len(x.ids) && x.ids[guess] == id {
		return guess, true
	}
	c, ok := x.cIdx[id]
	return c, ok
}

// indexChunk is what one goroutine learnt about its range of pairs.
type indexChunk struct {
	lo, hi      int
	err         error // the range's first bad pair; the scan stopped there
	unsorted    bool  // the scan stopped: the range is out of order
	grid        bool  // every pair k is (k / nC, k mod nC)
	positive    bool
	first, last [2]int32 // (start-up, contact) of the range's first and last pair
	counts      []int32  // pairs per start-up
}

// indexPairsParallel is indexPairs for sorted input, split into parts
// ranges that workers goroutines take one at a time, each the next one
// nobody has taken (as gridPass does with rows). ok is false when the
// input is not sorted: the sequential pass then sorts it (and finds the
// first error, if any).
func indexPairsParallel(nS, nC int, pairs []Pair, sIdx map[string]int32, ids *contactIndex, workers, parts int) (_ *candidates, _ error, ok bool) {
	n := len(pairs)
	cs := &candidates{nS: nS, nC: nC, bucket: make([]int32, nS+1), cost: make([]float64, n)}
	var ccOnce sync.Once
	getCC := func() []int32 {
		ccOnce.Do(func() { cs.c = make([]int32, n) })
		return cs.c
	}
	chunks := make([]indexChunk, max(parts, 1))
	for i := range chunks {
		chunks[i].lo, chunks[i].hi = n*i/len(chunks), n*(i+1)/len(chunks)
	}
	var next atomic.Int64 // the first part nobody has taken
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(len(chunks)) {
					return
				}
				chunks[i].scan(nS, nC, pairs, sIdx, ids, cs.cost, getCC)
			}
		})
	}
	wg.Wait()
	for i := range chunks {
		if chunks[i].unsorted || i > 0 && chunks[i].lo < chunks[i].hi && !less2(chunks[i-1].last, chunks[i].first) {
			return nil, nil, false
		}
		if chunks[i].err != nil {
			return nil, chunks[i].err, true
		}
	}
	cs.grid, cs.positive = n == nS*nC, true
	for i := range chunks {
		ch := &chunks[i]
		cs.grid = cs.grid && ch.grid
		cs.positive = cs.positive && ch.positive
		for s, k := range ch.counts {
			cs.bucket[s+1] += k
		}
	}
	for i := 0; i < nS; i++ {
		cs.bucket[i+1] += cs.bucket[i]
	}
	if !cs.grid {
		cc := getCC()
		for i := range chunks {
			if ch := &chunks[i]; ch.grid {
				for k := ch.lo; k < ch.hi; k++ {
					cc[k] = int32(k % nC)
				}
			}
		}
	}
	return cs, nil, true
}

func less2(a, b [2]int32) bool { return a[0] < b[0] || a[0] == b[0] && a[1] < b[1] }

// scan reads pairs ch.lo..ch.hi−1 into cost and, once they leave the
// grid, into the contact indexes getCC returns.
func (ch *indexChunk) scan(nS, nC int, pairs []Pair, sIdx map[string]int32, ids *contactIndex, cost []float64, getCC func() []int32) {
	ch.grid, ch.positive = true, true
	ch.counts = make([]int32, nS)
	var cc []int32
	lastS, lastC := int32(-1), int32(-1)
	run := ch.lo
	var lastID string
	gs, gc := int32(ch.lo/max(nC, 1)), int32(ch.lo%max(nC, 1)) // the grid's pair at k
	for k := ch.lo; k < ch.hi; k++ {
		p := &pairs[k]
		if w := p.Score; w-w != 0 { // NaN or ±Inf
			ch.err = fmt.Errorf("pair %s–%s: %w", p.Startup, p.Contact, ErrBadScore)
			return
		}
		s := lastS
		if s < 0 || !sameString(p.Startup, lastID) {
			var ok bool
			if s, ok = sIdx[p.Startup]; !ok {
				ch.err = fmt.Errorf("pair %d names start-up %q: %w", k, p.Startup, ErrUnknownID)
				return
			}
			lastID = p.Startup
		}
		c, ok := ids.find(lastC+1, p.Contact)
		if !ok {
			ch.err = fmt.Errorf("pair %d names contact %q: %w", k, p.Contact, ErrUnknownID)
			return
		}
		if k == ch.lo {
			ch.first = [2]int32{s, c}
		} else if s < lastS || s == lastS && c <= lastC {
			ch.unsorted = true
			return
		}
		if s != lastS {
			if lastS >= 0 {
				ch.counts[lastS] += int32(k - run)
			}
			run = k
		}
		if ch.grid && (s != gs || c != gc) {
			ch.grid = false
			cc = getCC()
			for i := ch.lo; i < k; i++ {
				cc[i] = int32(i % nC)
			}
		}
		if cc != nil {
			cc[k] = c
		}
		if gc++; int(gc) == nC {
			gs, gc = gs+1, 0
		}
		cost[k] = -p.Score
		if p.Score <= 0 {
			ch.positive = false
		}
		lastS, lastC = s, c
	}
	if lastS >= 0 {
		ch.counts[lastS] += int32(ch.hi - run)
	}
	ch.last = [2]int32{lastS, lastC}
}

// indexPairsSeq is indexPairs in one pass.
func indexPairsSeq(nS, nC int, pairs []Pair, sIdx map[string]int32, ids *contactIndex) (*candidates, error) {
	cs := &candidates{nS: nS, nC: nC, bucket: make([]int32, nS+1), cost: make([]float64, len(pairs)), grid: true, positive: true}
	ww, bucket := cs.cost, cs.bucket
	var cc []int32 // nil while the pairs are the grid so far
	var ss []int32 // start-up of each pair, once the input proves unsorted
	lastS, lastC := int32(-1), int32(-1)
	run := 0 // where the current start-up's run of pairs began
	var lastID string
	for k := range pairs {
		p := &pairs[k]
		if w := p.Score; w-w != 0 { // NaN or ±Inf
			return nil, fmt.Errorf("pair %s–%s: %w", p.Startup, p.Contact, ErrBadScore)
		}
		s := lastS
		if s < 0 || !sameString(p.Startup, lastID) {
			var ok bool
			if s, ok = sIdx[p.Startup]; !ok {
				return nil, fmt.Errorf("pair %d names start-up %q: %w", k, p.Startup, ErrUnknownID)
			}
			lastID = p.Startup
		}
		c, ok := ids.find(lastC+1, p.Contact)
		if !ok {
			return nil, fmt.Errorf("pair %d names contact %q: %w", k, p.Contact, ErrUnknownID)
		}
		if s != lastS {
			if ss == nil && lastS >= 0 {
				bucket[lastS+1] = int32(k - run)
			}
			run = k
		}
		if ss == nil && (s < lastS || s == lastS && c <= lastC) {
			// Sorted so far: the first k pairs are in start-up order,
			// bucket[s+1] of start-up s (the current run not yet
			// counted).
			if s == lastS {
				bucket[lastS+1] = int32(k - run)
			}
			ss = make([]int32, len(pairs))
			i := 0
			for s := 0; s < nS; s++ {
				for n := bucket[s+1]; n > 0; n-- {
					ss[i] = int32(s)
					i++
				}
			}
			for ; i < k; i++ {
				ss[i] = lastS
			}
		}
		if ss != nil {
			ss[k] = s
		}
		if cc == nil {
			nextS, nextC := lastS, lastC+1
			if k == 0 || int(nextC) == nC {
				nextS, nextC = lastS+1, 0
			}
			if s != nextS || c != nextC {
				cc = make([]int32, len(pairs))
				fillGrid(cc[:k], nC)
			}
		}
		if cc != nil {
			cc[k] = c
		}
		ww[k] = -p.Score
		if p.Score <= 0 {
			cs.positive = false
		}
		lastS, lastC = s, c
	}
	if cc == nil && len(pairs) != nS*nC {
		cc = make([]int32, len(pairs))
		fillGrid(cc, nC)
	}
	cs.c, cs.grid = cc, cc == nil
	if ss == nil {
		if lastS >= 0 {
			bucket[lastS+1] = int32(len(pairs) - run)
		}
		for i := 0; i < nS; i++ {
			bucket[i+1] += bucket[i]
		}
		return cs, nil
	}
	cs.sortUnsorted(ss)
	return cs, nil
}

// sortUnsorted orders the candidates, whose start-ups are ss, by
// start-up then contact with two stable counting sorts, and keeps the
// best of duplicates (the first among equal scores).
func (cs *candidates) sortUnsorted(ss []int32) {
	cs.grid = false
	type rec struct {
		s, c, pair int32
		cost       float64
	}
	n := len(ss)
	a := make([]rec, n)
	for k := range a {
		a[k] = rec{ss[k], cs.c[k], int32(k), cs.cost[k]}
	}
	b := make([]rec, n)
	countingSortBy(b, a, cs.nC, func(x rec) int32 { return x.c })
	countingSortBy(a, b, cs.nS, func(x rec) int32 { return x.s })
	cs.pair = make([]int32, 0, n)
	cs.c, cs.cost = cs.c[:0], cs.cost[:0]
	clear(cs.bucket)
	for i, x := range a {
		if i > 0 && x.s == a[i-1].s && x.c == a[i-1].c {
			if last := len(cs.cost) - 1; x.cost < cs.cost[last] {
				cs.cost[last], cs.pair[last] = x.cost, x.pair
			}
			continue
		}
		cs.c, cs.cost, cs.pair = append(cs.c, x.c), append(cs.cost, x.cost), append(cs.pair, x.pair)
		cs.bucket[x.s+1]++
	}
	for i := 0; i < cs.nS; i++ {
		cs.bucket[i+1] += cs.bucket[i]
	}
}

// countingSortBy copies src into dst stably ordered by key, whose values
// are in [0, n).
func countingSortBy[T any](dst, src []T, n int, key func(T) int32) {
	next := make([]int32, n+1)
	for _, x := range src {
		next[key(x)+1]++
	}
	for i := 0; i < n; i++ {
		next[i+1] += next[i]
	}
	for _, x := range src {
		k := key(x)
		dst[next[k]] = x
		next[k]++
	}
}

// byContact lists the candidates grouped by contact, in start-up order
// within a contact: start[c]..start[c+1]−1 index order, whose entries
// are candidate positions; sOf gives each candidate's start-up.
func (cs *candidates) byContact() (start, order, sOf []int32) {
	start = make([]int32, cs.nC+1)
	for _, c := range cs.cols() {
		start[c+1]++
	}
	for i := 0; i < cs.nC; i++ {
		start[i+1] += start[i]
	}
	sOf = make([]int32, len(cs.c))
	order = make([]int32, len(cs.c))
	next := slices.Clone(start[:cs.nC])
	for s := 0; s < cs.nS; s++ {
		for k := cs.bucket[s]; k < cs.bucket[s+1]; k++ {
			sOf[k] = int32(s)
			c := cs.c[k]
			order[next[c]] = k
			next[c]++
		}
	}
	return start, order, sOf
}
