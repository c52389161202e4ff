package optw

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// Options tune Solve. The zero value works.
type Options struct {
	// TimeLimit bounds the whole call, as a safety net: a search
	// normally ends earlier, by MaxIterations or Patience, so that the
	// same seed gives the same result. 0 means 10 seconds.
	TimeLimit time.Duration
	// Seed makes the search repeatable: the same instance, options and
	// seed give the same solution unless the time limit or the context
	// ends the search first.
	Seed uint64
	// MaxIterations bounds the destroy-and-repair iterations of each
	// search. 0 means 10000.
	MaxIterations int
	// Patience stops a search after this many iterations without a
	// better solution. 0 means 3000.
	Patience int
	// Cycle is the length in iterations of one annealing cycle: the
	// temperature falls from its start to zero over a cycle, and the
	// next cycle restarts from the best solution found. Short cycles
	// keep the search useful when the time limit, not the iteration
	// budget, ends it. 0 means 1000.
	Cycle int
	// Workers is the number of independent searches, run concurrently
	// with seeds derived from Seed; the best of them wins (ties to the
	// lowest worker). The result depends on Workers, not on the number
	// of processors. 0 means 2.
	Workers int
}

const (
	defaultTimeLimit  = 10 * time.Second
	defaultIterations = 10000
	defaultWorkers    = 2
	defaultCycle      = 1000
	// defaultPatience: on the 29 benchmark instances a search that
	// improved after 2000 idle iterations happened (rc108, seed 3),
	// after 3000 not in ten seeds.
	defaultPatience = 3000
)

func (o Options) withDefaults() Options {
	if o.TimeLimit <= 0 {
		o.TimeLimit = defaultTimeLimit
	}
	if o.MaxIterations <= 0 {
		o.MaxIterations = defaultIterations
	}
	if o.Patience <= 0 {
		o.Patience = defaultPatience
	}
	if o.Workers <= 0 {
		o.Workers = defaultWorkers
	}
	if o.Cycle <= 0 {
		o.Cycle = defaultCycle
	}
	return o
}

// Stop says why a solver stopped.
type Stop int

// Reasons a solver stops.
const (
	Converged        Stop = iota // no better solution for Options.Patience iterations
	IterationLimit               // Options.MaxIterations reached
	TimeLimitReached             // Options.TimeLimit ran out
	Cancelled                    // the context ended
	Optimal                      // Exact proved the solution optimal
)

// String returns a short lower-case description, e.g. "converged".
func (s Stop) String() string {
	switch s {
	case Converged:
		return "converged"
	case IterationLimit:
		return "iteration limit"
	case TimeLimitReached:
		return "time limit"
	case Cancelled:
		return "cancelled"
	case Optimal:
		return "optimal"
	}
	return fmt.Sprintf("Stop(%d)", int(s))
}

// A Solution is a feasible set of routes.
type Solution struct {
	// Routes holds, per route, the node indexes from its start to its
	// end inclusive, with the chosen hotel in place of Hotel.
	Routes [][]int
	// Starts holds, per route, the service start time at each node of
	// Routes[r]: the departure time (Route.Depart) at the start and the
	// arrival time at the end. Service starts as early as possible.
	Starts [][]int64
	// Breaks holds, per route, the time the break begins, or -1 for a
	// route without a Break. The break ends Duration later, before the
	// service start at the first node whose arrival is at or before it.
	Breaks []int64
	// Hotel is the chosen hotel node, or -1 when no route uses Hotel.
	Hotel int
	// Value is the total value of the visited nodes.
	Value float64
	// Stop says why the solver stopped.
	Stop Stop
	// Iterations is the number of search iterations, summed over the
	// workers and the candidate hotels.
	Iterations int
}

// Solve searches for routes of maximal total value and returns the best
// feasible solution it finds. It is anytime: when ctx ends or the time
// limit passes it returns the best solution so far with Stop set to
// Cancelled or TimeLimitReached and a nil error. It returns ErrInfeasible
// (wrapped) when it finds no way to visit all required nodes, and an
// *InstanceError for a malformed instance.
//
// The method is a large neighbourhood search in the spirit of the
// iterated local search of Vansteenwegen et al. (2009), started from
// the best of several seeded greedy constructions per worker: remove a
// segment, a random set or a related set of visits, reinsert greedily by
// value²/shift with random noise, improve by local search (2-opt,
// or-opt, inter-route relocate, swap and 2-opt*, replace), accept by a
// simulated-annealing rule in cycles that restart from the best, and,
// with several interchangeable routes, recombine the routes of the local
// optima by set packing (recombine.go), and, with one route, restart
// on the first stall from routes built by a beam over time (beam.go);
// insertion and move feasibility is O(1) per position (see doc.go).
// With hotels, each candidate hotel is searched in turn. Among solutions of equal value
// the one with less total travel wins, then the first found (lowest
// hotel position, lowest worker).
func Solve(ctx context.Context, in *Instance, opts Options) (Solution, error) {
	if err := in.Validate(); err != nil {
		return Solution{}, err
	}
	opts = opts.withDefaults()
	tctx, cancel := context.WithTimeout(ctx, opts.TimeLimit)
	defer cancel()

	hotels := []int{-1}
	if in.usesHotel() {
		hotels = in.Hotels
	}
	var (
		best     *result
		iters    int
		stop     = Converged
		lastErr  error
		anyFound bool
	)
	for hi, h := range hotels {
		p := newProblem(in, h)
		start, err := initial(tctx, p)
		if err != nil {
			lastErr = err
			if tctx.Err() != nil {
				stop = TimeLimitReached
				break
			}
			continue
		}
		res := runWorkers(tctx, p, start, opts, uint64(hi))
		for _, r := range res {
			iters += r.iters
			stop = max(stop, r.stop)
			if best == nil || r.value > best.value+eps || (r.value >= best.value-eps && r.travel < best.travel) {
				best = r
				best.hotel = h
			}
		}
		anyFound = true
	}
	if !anyFound {
		if ctx.Err() != nil {
			return Solution{}, ctx.Err()
		}
		if lastErr == nil || tctx.Err() != nil {
			return Solution{}, fmt.Errorf("optw: no feasible solution found before the time limit: %w", context.DeadlineExceeded)
		}
		return Solution{}, lastErr
	}
	if stop == TimeLimitReached && ctx.Err() != nil {
		stop = Cancelled
	}
	sol, err := in.solution(best.routes, best.hotel)
	if err != nil {
		return Solution{}, err
	}
	sol.Stop = stop
	sol.Iterations = iters
	return sol, nil
}

// eps absorbs rounding when comparing sums of float values.
const eps = 1e-9

// solution times routes and fills a Solution, checking feasibility
// independently of the solver's bookkeeping.
func (in *Instance) solution(routes [][]int, hotel int) (Solution, error) {
	sched, err := in.schedule(routes)
	if err != nil {
		return Solution{}, fmt.Errorf("optw: internal error, the solver built an infeasible route: %w", err)
	}
	sol := Solution{Routes: routes, Hotel: hotel}
	for r, s := range sched {
		sol.Starts = append(sol.Starts, s.starts)
		sol.Breaks = append(sol.Breaks, s.brk)
		for _, v := range routes[r][1 : len(routes[r])-1] {
			sol.Value += in.Nodes[v].Value
		}
	}
	return sol, nil
}

// result is the outcome of one search.
type result struct {
	routes [][]int
	value  float64
	travel int64
	hotel  int
	iters  int
	stop   Stop
}

// initial builds the starting solution: empty routes with every
// required node inserted, greedily or, failing that, by the exact
// solver on the required nodes alone.
func initial(ctx context.Context, p *problem) (*state, error) {
	s := newState(p)
	for r := range s.rt {
		if !s.rt[r].feasible() {
			why, rr := ErrLate, &p.routes[r]
			if rr.depart+p.t[rr.start*p.n+rr.end] <= rr.arrive {
				why = ErrBreak
			}
			return nil, &RouteError{Route: r, Pos: -1, Node: -1, Err: why}
		}
	}
	var req []int
	for _, v := range p.cust {
		if p.required[v] {
			req = append(req, v)
		}
	}
	if len(req) == 0 {
		return s, nil
	}
	if s.insertRequired(req) {
		return s, nil
	}
	if len(req) > exactMax {
		return nil, fmt.Errorf("optw: found no way to visit the %d required nodes: %w", len(req), ErrInfeasible)
	}
	routes, _, err := exactRoutes(ctx, p, req)
	if err != nil {
		return nil, err
	}
	s = newState(p)
	for r, seq := range routes {
		s.rt[r].seq = append(s.rt[r].seq[:0], seq...)
		p.update(r, &s.rt[r])
		for _, v := range seq[1 : len(seq)-1] {
			s.where[v] = r
			s.value += p.val[v]
		}
	}
	return s, nil
}

// state is a solution under construction.
type state struct {
	p     *problem
	rt    []route
	where []int // route visiting each node, or -1
	value float64
	// ver numbers each route's content: every change draws a fresh
	// number from *clock (nil: not tracked), and copies keep it, so
	// equal versions mean equal routes.
	ver   []uint64
	clock *uint64
}

// touch records that route r changed.
func (s *state) touch(r int) {
	if s.clock != nil {
		*s.clock++
		s.ver[r] = *s.clock
	}
}

func newState(p *problem) *state {
	s := &state{p: p, rt: make([]route, len(p.routes)), where: make([]int, p.n), ver: make([]uint64, len(p.routes))}
	for i := range s.where {
		s.where[i] = -1
	}
	for r, rr := range p.routes {
		s.rt[r].seq = []int{rr.start, rr.end}
		p.update(r, &s.rt[r])
	}
	return s
}

func (s *state) copyFrom(o *state) {
	for r := range s.rt {
		s.rt[r].seq = append(s.rt[r].seq[:0], o.rt[r].seq...)
		s.rt[r].eD = append(s.rt[r].eD[:0], o.rt[r].eD...)
		s.rt[r].eN = append(s.rt[r].eN[:0], o.rt[r].eN...)
		s.rt[r].lD = append(s.rt[r].lD[:0], o.rt[r].lD...)
		s.rt[r].lN = append(s.rt[r].lN[:0], o.rt[r].lN...)
		s.rt[r].travel = o.rt[r].travel
	}
	copy(s.where, o.where)
	copy(s.ver, o.ver)
	s.value = o.value
}

// travel is the total travel time of all routes.
func (s *state) travel() int64 {
	var t int64
	for r := range s.rt {
		t += s.rt[r].travel
	}
	return t
}

func (s *state) routes() [][]int {
	out := make([][]int, len(s.rt))
	for r := range s.rt {
		out[r] = slices.Clone(s.rt[r].seq)
	}
	return out
}

func (s *state) insert(r, q, j int) {
	rt := &s.rt[r]
	rt.seq = slices.Insert(rt.seq, q+1, j)
	s.p.update(r, rt)
	s.where[j] = r
	s.value += s.p.val[j]
	s.touch(r)
}

func (s *state) removeRange(r, a, b int) {
	rt := &s.rt[r]
	for _, v := range rt.seq[a : b+1] {
		s.where[v] = -1
		s.value -= s.p.val[v]
	}
	rt.seq = slices.Delete(rt.seq, a, b+1)
	s.p.update(r, rt)
	s.touch(r)
}

// insertRequired inserts the required nodes, most constrained first,
// each where it delays its route least. It reports whether all fit.
func (s *state) insertRequired(req []int) bool {
	p := s.p
	left := slices.Clone(req)
	for len(left) > 0 {
		// Insert the node with the fewest feasible positions first.
		bi, br, bq, bc, bshift := -1, 0, 0, math.MaxInt, int64(0)
		for i, j := range left {
			count, r0, q0, sh0 := 0, 0, 0, int64(math.MaxInt64)
			for r := range s.rt {
				if p.allowed[j]&(1<<r) == 0 {
					continue
				}
				rt := &s.rt[r]
				for q := 0; q < len(rt.seq)-1; q++ {
					if ok, sh := p.canInsert(r, rt, q, j); ok {
						count++
						if sh < sh0 {
							r0, q0, sh0 = r, q, sh
						}
					}
				}
			}
			if count == 0 {
				return false
			}
			if count < bc || (count == bc && sh0 < bshift) {
				bi, br, bq, bc, bshift = i, r0, q0, count, sh0
			}
		}
		s.insert(br, bq, left[bi])
		left = slices.Delete(left, bi, bi+1)
	}
	return true
}

// searcher runs one destroy-and-repair search.
type searcher struct {
	p          *problem
	rng        *rand.Rand
	cur, work  *state
	best       *state
	noise      []float64
	free       []int   // scratch: unvisited candidates
	total      float64 // value of visiting every candidate
	visitedBuf [][2]int
	nearBuf    []nearNode
	segBuf     []int
	score      []float64 // repair: best insertion score per free node and route
	pos        []int     // repair: the position it inserts after
	fresh      []bool    // repair: the score is up to date
	// Local search bookkeeping (ls.go): the clock that numbers route
	// versions, and the last two versions found locally optimal per
	// route and per pair of routes.
	clock     uint64
	intraSeen [][2]uint64
	pairSeen  [][2][2]uint64
	// pool holds the routes of the local optima for route
	// recombination (recombine.go); nil when the routes are not
	// interchangeable.
	pool *routePool
	// bm is the restricted dynamic programme (beam.go), or nil when
	// the problem does not suit it.
	bm   *beam
	cbuf []int
}

func runWorkers(ctx context.Context, p *problem, start *state, opts Options, salt uint64) []*result {
	res := make([]*result, opts.Workers)
	var wg sync.WaitGroup
	for w := range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seed := splitmix(opts.Seed ^ splitmix(salt+1))
			rng := rand.New(rand.NewPCG(seed, splitmix(uint64(w)+0x9e3779b97f4a7c15)))
			res[w] = search(ctx, p, start, rng, opts)
		}()
	}
	wg.Wait()
	return res
}

// splitmix is the SplitMix64 finaliser (Steele, Lea, Flood 2014), used to
// derive independent seeds.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func cloneState(s *state) *state {
	c := &state{p: s.p, rt: make([]route, len(s.rt)), where: make([]int, len(s.where)), ver: make([]uint64, len(s.rt)), clock: s.clock}
	c.copyFrom(s)
	return c
}

// Search parameters, chosen by measurement on the 29 Solomon-based
// instances and the Cordeau-based pr01-pr20 with one to four routes (see
// docs/benchmarks.md).
const (
	// startTemp is the annealing temperature at the start of each cycle
	// as a multiple of the mean value of a visit in the best solution so
	// far; it falls linearly to 0 at the end of the cycle. Measured per
	// visit, one temperature suits routes of 10 visits (Solomon) and of
	// 150 (pr10 with four routes): as a share of the total value, the
	// best share was 10% for the first and under 1% for the second.
	startTemp = 1.0
	// randomOrderShare is the share of iterations that first reinsert
	// nodes in random order, each where it delays its route least; the
	// greedy ratio alone rarely opens an empty route (its first visit
	// always has a long detour).
	randomOrderShare = 0.2
	// maxNoise bounds the random factor on insertion scores: each
	// iteration draws a bound in [0, maxNoise) and each node's score is
	// multiplied by a factor in [1, 1+bound).
	maxNoise = 2.0
	// removeDiv: a destroy step removes up to 2 + 1/removeDiv of the
	// visits.
	removeDiv = 3
	// initStarts is the number of extra starting solutions each worker
	// builds (construct) before its search; it keeps the best. A single
	// greedy construction often sends a route into a region from which
	// destroy and repair do not move it away (pr19: five seeds in six
	// ended near 483 from the greedy start, near 540 with 15 or 30
	// seeded starts); a construction costs about as much as one
	// iteration.
	initStarts = 15
)

func search(ctx context.Context, p *problem, start *state, rng *rand.Rand, opts Options) *result {
	sr := &searcher{
		p:     p,
		rng:   rng,
		noise: make([]float64, p.n),
	}
	sr.cur = cloneState(start)
	sr.cur.clock = &sr.clock
	for r := range sr.cur.rt {
		sr.cur.touch(r)
	}
	for _, j := range p.cust {
		sr.total += max(p.val[j], 0)
	}
	done := ctx.Done()
	if p.recombinable() {
		sr.pool = newRoutePool(p)
	}
	sr.repair(sr.cur, 0)
	sr.improve(sr.cur)
	sr.offer(sr.cur)
	sr.work = cloneState(sr.cur)
	if len(p.routes) == 1 && p.beamable() {
		sr.bm = newBeam(p)
	}
starts:
	for range initStarts {
		if sr.cur.value >= sr.total-eps {
			break
		}
		select {
		case <-done:
			break starts
		default:
		}
		w := sr.work
		sr.construct(w, start)
		sr.offer(w)
		if w.value > sr.cur.value+eps {
			sr.cur.copyFrom(w)
		}
	}
	sr.best = cloneState(sr.cur)
	if sr.pool != nil && sr.recombine(sr.work, start) && sr.work.value > sr.best.value+eps {
		// The best routes of the starting solutions, combined.
		sr.best.copyFrom(sr.work)
		sr.cur.copyFrom(sr.work)
	}
	stop := IterationLimit
	lastImp := 0
	it := 0
	if sr.best.value >= sr.total-eps {
		return &result{routes: sr.best.routes(), value: sr.best.value, travel: sr.best.travel(), stop: Converged}
	}
	cycle := min(opts.Cycle, opts.MaxIterations)
	cycleStart := 0
	t0 := sr.temperature()
loop:
	for ; it < opts.MaxIterations; it++ {
		select {
		case <-done:
			stop = TimeLimitReached
		default:
		}
		if stop == TimeLimitReached {
			break
		}
		if it-lastImp > opts.Patience {
			stop = Converged
			break
		}
		if it-cycleStart >= cycle {
			// Restart from the best solution with a fresh temperature.
			cycleStart = it
			sr.cur.copyFrom(sr.best)
			t0 = sr.temperature()
		}
		if sr.bm != nil && it-lastImp >= beamStall {
			// The search stalls for the first time: restart it from
			// the best of the beam's routes, in a fresh cycle.
			sr.beamRestart(start)
			sr.bm = nil
			cycleStart = it
			t0 = sr.temperature()
			if sr.cur.value > sr.best.value+eps {
				sr.best.copyFrom(sr.cur)
				lastImp = it
			}
		}
		if sr.pool != nil && it > 0 && it%recombinePeriod == 0 && sr.recombine(sr.work, start) {
			if w := sr.work; w.value > sr.best.value+eps {
				sr.best.copyFrom(w)
				sr.cur.copyFrom(w)
				lastImp = it
			}
		}
		w := sr.work
		w.copyFrom(sr.cur)
		sr.destroy(w)
		if rng.Float64() < randomOrderShare {
			sr.repairRandomOrder(w)
		}
		sr.repair(w, maxNoise*rng.Float64())
		sr.improve(w)
		sr.offer(w)
		switch {
		case w.value > sr.best.value+eps:
			sr.best.copyFrom(w)
			sr.cur.copyFrom(w)
			lastImp = it
			if w.value >= sr.total-eps {
				// Everything worth visiting is visited.
				it++
				stop = Converged
				break loop
			}
		case w.value >= sr.cur.value-eps:
			if w.value >= sr.best.value-eps && w.travel() < sr.best.travel() {
				// As good, with less travel: keep it as the best, but
				// it does not reset the patience count.
				sr.best.copyFrom(w)
			}
			sr.cur.copyFrom(w)
		default:
			temp := t0 * (1 - float64(it-cycleStart)/float64(cycle))
			if temp > 0 && rng.Float64() < math.Exp((w.value-sr.cur.value)/temp) {
				sr.cur.copyFrom(w)
			}
		}
	}
	if sr.pool != nil && sr.recombine(sr.work, start) && sr.work.value > sr.best.value+eps {
		// A last packing: the routes of the final cycle have not been
		// combined yet.
		sr.best.copyFrom(sr.work)
	}
	return &result{routes: sr.best.routes(), value: sr.best.value, travel: sr.best.travel(), iters: it, stop: stop}
}

// construct builds a fresh solution in s from start: each route first
// gets one random unvisited node where it fits (a seed that sends the
// route to another region than the greedy choice would), then the
// noisy greedy repair fills it and the local search improves it.
func (sr *searcher) construct(s, start *state) {
	p := sr.p
	s.copyFrom(start)
	for r := range s.rt {
		s.touch(r)
	}
	for r := range s.rt {
		for range min(5, len(p.byValue)) {
			j := p.byValue[sr.rng.IntN(len(p.byValue))]
			if s.where[j] >= 0 || !p.mayVisit(j, r) {
				continue
			}
			rt := &s.rt[r]
			bq, bsh := -1, int64(math.MaxInt64)
			for q := 0; q+1 < len(rt.seq); q++ {
				if ok, sh := p.canInsert(r, rt, q, j); ok && sh < bsh {
					bq, bsh = q, sh
				}
			}
			if bq >= 0 {
				s.insert(r, bq, j)
				break
			}
		}
	}
	sr.repair(s, maxNoise*sr.rng.Float64())
	sr.improve(s)
}

// temperature is the start temperature of a cycle: startTemp times the
// mean value of a visit in the best solution.
func (sr *searcher) temperature() float64 {
	visits := 0
	for r := range sr.best.rt {
		visits += len(sr.best.rt[r].seq) - 2
	}
	return startTemp * max(sr.best.value, 1) / float64(max(visits, 1))
}

// destroy removes visits from s: a run of consecutive visits from one
// route, visits picked at random, or visits near a random one (the
// related removal of Shaw 1998 and Ropke and Pisinger 2006). Required
// nodes stay.
func (sr *searcher) destroy(s *state) {
	p := sr.p
	visited := sr.visitedBuf[:0]
	for r := range s.rt {
		for q := 1; q < len(s.rt[r].seq)-1; q++ {
			if !p.required[s.rt[r].seq[q]] {
				visited = append(visited, [2]int{r, q})
			}
		}
	}
	sr.visitedBuf = visited
	if len(visited) == 0 {
		return
	}
	k := 1 + sr.rng.IntN(max(1, min(len(visited), 2+len(visited)/removeDiv)))
	switch sr.rng.IntN(3) {
	case 0:
		// A segment of one route.
		r := visited[sr.rng.IntN(len(visited))][0]
		rt := &s.rt[r]
		inner := len(rt.seq) - 2
		k = min(k, inner)
		a := 1 + sr.rng.IntN(inner-k+1)
		b := a + k - 1
		for q := a; q <= b; q++ {
			if p.required[rt.seq[q]] {
				b = q - 1
				break
			}
		}
		if b >= a && p.canRemove(rt, a, b) {
			s.removeRange(r, a, b)
		}
		return
	case 1:
		for range k {
			r := sr.rng.IntN(len(s.rt))
			rt := &s.rt[r]
			if len(rt.seq) <= 2 {
				continue
			}
			q := 1 + sr.rng.IntN(len(rt.seq)-2)
			if p.required[rt.seq[q]] || !p.canRemove(rt, q, q) {
				continue
			}
			s.removeRange(r, q, q)
		}
		return
	}
	// Related removal: the k visits nearest (travel both ways) to one.
	seed := visited[sr.rng.IntN(len(visited))]
	v := s.rt[seed[0]].seq[seed[1]]
	near := sr.nearBuf[:0]
	for _, rq := range visited {
		u := s.rt[rq[0]].seq[rq[1]]
		near = append(near, nearNode{d: p.t[v*p.n+u] + p.t[u*p.n+v], v: u})
	}
	sr.nearBuf = near
	slices.SortFunc(near, func(a, b nearNode) int {
		if a.d != b.d {
			return cmp.Compare(a.d, b.d)
		}
		return cmp.Compare(a.v, b.v)
	})
	for _, nn := range near[:k] {
		r := s.where[nn.v]
		rt := &s.rt[r]
		q := slices.Index(rt.seq, nn.v)
		if p.canRemove(rt, q, q) {
			s.removeRange(r, q, q)
		}
	}
}

type nearNode struct {
	d int64
	v int
}

// repairRandomOrder tries the unvisited nodes in random order and
// inserts each where it delays its route least.
func (sr *searcher) repairRandomOrder(s *state) {
	p := sr.p
	free := sr.free[:0]
	for _, j := range p.cust {
		if s.where[j] < 0 && p.val[j] > 0 {
			free = append(free, j)
		}
	}
	sr.rng.Shuffle(len(free), func(a, b int) { free[a], free[b] = free[b], free[a] })
	for _, j := range free {
		br, bq, bsh := -1, 0, int64(math.MaxInt64)
		for r := range s.rt {
			if p.allowed[j]&(1<<r) == 0 {
				continue
			}
			rt := &s.rt[r]
			lo, hi := p.span(r, rt, j)
			for q := lo; q < hi; q++ {
				if ok, sh := p.canInsert(r, rt, q, j); ok && sh < bsh {
					br, bq, bsh = r, q, sh
				}
			}
		}
		if br >= 0 {
			s.insert(br, bq, j)
		}
	}
	sr.free = free
}

// repair inserts unvisited nodes greedily by value²/shift, each score
// scaled by a random factor in [1, 1+noise), until nothing fits. The
// best insertion of each node into each route is cached and evaluated
// lazily: an insertion marks the scores of its route stale, and a stale
// score is recomputed only when it is the best, so an insertion costs a
// few evaluations rather than one per unvisited node. A stale score is
// raised at once if the node fits better into one of the two gaps the
// insertion opened; elsewhere an insertion mostly removes slack, so a
// stale score is an estimate from above and the greedy order is nearly
// that of recomputing everything.
func (sr *searcher) repair(s *state, noise float64) {
	p := sr.p
	m := len(s.rt)
	free := sr.free[:0]
	for _, j := range p.cust {
		if s.where[j] < 0 && p.val[j] > 0 {
			free = append(free, j)
			sr.noise[j] = 1 + noise*sr.rng.Float64()
		}
	}
	sr.free = free
	sc := slices.Grow(sr.score[:0], len(free)*m)[:len(free)*m]
	pos := slices.Grow(sr.pos[:0], len(free)*m)[:len(free)*m]
	fresh := slices.Grow(sr.fresh[:0], len(free)*m)[:len(free)*m]
	sr.score, sr.pos, sr.fresh = sc, pos, fresh
	eval := func(fi, r int) {
		j := free[fi]
		best, bq := -1.0, -1
		if p.allowed[j]&(1<<r) != 0 {
			vv := p.val[j] * p.val[j] * sr.noise[j]
			rt := &s.rt[r]
			lo, hi := p.span(r, rt, j)
			if !p.routes[r].brk && p.single[j] {
				best, bq = p.bestInsert(rt, j, vv, lo, hi)
			} else {
				for q := lo; q < hi; q++ {
					if ok, sh := p.canInsert(r, rt, q, j); ok {
						if v := vv / float64(max(sh, 1)); v > best {
							best, bq = v, q
						}
					}
				}
			}
		}
		x := fi*m + r
		sc[x], pos[x], fresh[x] = best, bq, true
	}
	for fi := range free {
		for r := range m {
			eval(fi, r)
		}
	}
	for {
		bs, bx := -1.0, -1
		for x, v := range sc[:len(free)*m] {
			if v > bs {
				bs, bx = v, x
			}
		}
		if bx < 0 {
			return
		}
		bf, br := bx/m, bx%m
		if !fresh[bx] {
			eval(bf, br)
			continue
		}
		q := pos[bx]
		s.insert(br, q, free[bf])
		// Drop the inserted node and, as a node that fits nowhere now
		// will fit nowhere after another insertion (it only removes
		// slack), every node that fits nowhere.
		rt := &s.rt[br]
		k := 0
		for fi := range free {
			if fi == bf {
				continue
			}
			j := free[fi]
			free[k] = j
			copy(sc[k*m:k*m+m], sc[fi*m:fi*m+m])
			copy(pos[k*m:k*m+m], pos[fi*m:fi*m+m])
			copy(fresh[k*m:k*m+m], fresh[fi*m:fi*m+m])
			x := k*m + br
			if sc[x] >= 0 {
				fresh[x] = false
				vv := p.val[j] * p.val[j] * sr.noise[j]
				for g := q; g <= q+1; g++ {
					if ok, sh := p.canInsert(br, rt, g, j); ok {
						if v := vv / float64(max(sh, 1)); v > sc[x] {
							sc[x], pos[x] = v, g
						}
					}
				}
			}
			if slices.Max(sc[k*m:k*m+m]) >= 0 {
				k++
			}
		}
		free = free[:k]
	}
}
