package match

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// ErrBadScore reports a pair whose score is not a finite number.
var ErrBadScore = errors.New("score is not a finite number")

// AssignOptions are the limits Assign respects. The zero value gives
// every contact 2 meetings, start-ups no minimum and no maximum.
type AssignOptions struct {
	// Capacity is the number of meetings of a contact whose
	// Contact.Capacity is 0; 0 means 2.
	Capacity int
	// Min is the number of meetings each start-up should get: the
	// meetings counting toward the minimums, Σ min(got, Min), are
	// maximised before the total score.
	// Max caps each start-up's meetings; 0 means no limit.
	Min, Max int
	// MaxFor overrides Max for the start-ups it names (a value of 0 or
	// less allows none).
	MaxFor map[string]int
	// CapacityFor overrides the capacity of the contacts it names (a
	// value of 0 or less allows none).
	CapacityFor map[string]int
	// Forbidden pairs {startup, contact} never appear; Pinned pairs
	// always do (they count toward capacities and maxima).
	Forbidden, Pinned [][2]string
	// Fair first evens out the number of meetings: it raises the
	// worst-off start-up's count, then the next (leximin), and only then
	// maximises the total score.
	Fair bool

	side   int  // tests: 1 searches from start-ups, 2 from contacts, 0 picks
	solver int  // tests: solverFlow or solverLAP forces one, 0 picks
	used   *int // tests: set to the solver that ran
}

// An Assignment is the chosen set of meetings.
type Assignment struct {
	// Meetings are sorted by start-up id, score descending, contact id.
	Meetings []Pair
	// Total is the sum of the meetings' scores.
	Total float64
	// Short lists the start-ups below AssignOptions.Min, in start-up order.
	Short []Shortfall
	// Unmet lists wishes no meeting fulfils, by start-up and priority.
	Unmet []UnmetWish
}

// A Shortfall is a start-up that got fewer meetings than the minimum.
type Shortfall struct {
	Startup  string
	Got, Min int
	Reason   string
}

// An UnmetWish is a wish that no assigned meeting fulfils.
type UnmetWish struct {
	Startup string
	Wish    Wish
	Reason  string
}

// cost is an element of the ordered group Z × R, compared
// lexicographically: rank is the priority part (meetings below the
// minimum, or the fairness bonus), score the negated score. Dijkstra and
// potentials work unchanged over any ordered abelian group, so the two
// objectives are solved together, exactly, without a big-M constant.
type cost struct {
	rank  int64
	score float64
}

func (a cost) add(b cost) cost  { return cost{a.rank + b.rank, a.score + b.score} }
func (a cost) sub(b cost) cost  { return cost{a.rank - b.rank, a.score - b.score} }
func (a cost) less(b cost) bool { return a.rank < b.rank || a.rank == b.rank && a.score < b.score }

// infCost is above every path length.
var infCost = cost{math.MaxInt64, math.Inf(1)}

// Assign chooses the meetings that maximise the total score such that no
// contact exceeds its capacity, no start-up exceeds its maximum,
// forbidden pairs never appear and pinned pairs always do. The number
// of meetings counting toward the minimums, Σ min(got, Min), comes
// first (with Fair, the leximin distribution of meeting counts), then
// the total score.
//
// The problem is a transportation problem: start-up s supplies up to its
// maximum units, each unit goes either to a contact over a pair (gaining
// the pair's score) or to a "skip" arc, and contact c absorbs at most its
// capacity. Assign solves it exactly as a min-cost flow by successive
// shortest paths with node potentials (Edmonds & Karp 1972; Tomizawa
// 1971), one Dijkstra search per unit, from that unit's start-up. The
// skip arcs carry the priority costs (a convex cost per start-up), so
// the whole objective is one lexicographic cost. A search visits only
// the pairs it needs, so on sparse inputs the work is close to the
// number of meetings times the pairs per start-up.
//
// Without a minimum and without Fair, when every start-up or every
// contact has room for at most one more meeting, the problem is a
// maximum-weight bipartite matching (the other side's capacities become
// copies), and Assign solves it with a linear assignment core instead:
// Jonker & Volgenant's shortest augmenting path algorithm (Computing 38,
// 1987), dense when every start-up has a pair with every contact, sparse
// otherwise (see lap.go). Both give an optimum of the same problem, but
// when several optima tie they may choose different ones; so that small
// problems, where the flow takes well under a millisecond, keep the
// choice earlier versions made, the core takes over from 4,096 pairs.
//
// The pairs are read once, by position, into integer arrays; pairs in
// start-up then contact order (as Score writes them) need no sorting,
// and a complete grid of them is the cost matrix itself.
//
// Pairs with a score of 0 or less are ignored. Pairs naming an unknown
// start-up or contact, a pinned pair naming one, and a non-finite score
// are errors (ErrUnknownID, ErrBadScore); pins that break a capacity or
// maximum, or are also forbidden, give ErrPinned. When ctx ends, Assign
// returns the meetings chosen so far (a feasible, not optimal, set)
// with ctx's error.
func Assign(ctx context.Context, startups []Startup, contacts []Contact, pairs []Pair, opts AssignOptions) (Assignment, error) {
	sIdx := make(map[string]int32, len(startups))
	for i, s := range startups {
		sIdx[s.ID] = int32(i)
	}
	cIdx := make(map[string]int32, len(contacts))
	for i, c := range contacts {
		cIdx[c.ID] = int32(i)
	}
	nS, nC := len(startups), len(contacts)

	maxOf := make([]int, nS)
	for i, s := range startups {
		maxOf[i] = math.MaxInt32
		if opts.Max > 0 {
			maxOf[i] = opts.Max
		}
		if m, ok := opts.MaxFor[s.ID]; ok {
			maxOf[i] = max(m, 0)
		}
	}
	capOf := make([]int, nC)
	def := opts.Capacity
	if def <= 0 {
		def = 2
	}
	for i, c := range contacts {
		capOf[i] = def
		if c.Capacity > 0 {
			capOf[i] = c.Capacity
		}
		if m, ok := opts.CapacityFor[c.ID]; ok {
			capOf[i] = max(m, 0)
		}
	}
	forbidden := make(map[[2]int32]bool, len(opts.Forbidden))
	for _, f := range opts.Forbidden {
		s, ok1 := sIdx[f[0]]
		c, ok2 := cIdx[f[1]]
		if ok1 && ok2 {
			forbidden[[2]int32{s, c}] = true
		}
	}

	cands, err := indexPairs(startups, contacts, pairs, sIdx, cIdx)
	if err != nil {
		return Assignment{}, err
	}

	// Pins.
	var out Assignment
	pinned := map[[2]int32]bool{}
	pinCount := make([]int, nS)
	load := make([]int, nC)
	for _, pin := range opts.Pinned {
		s, ok := sIdx[pin[0]]
		if !ok {
			return Assignment{}, fmt.Errorf("pinned pair names start-up %q: %w", pin[0], ErrUnknownID)
		}
		c, ok := cIdx[pin[1]]
		if !ok {
			return Assignment{}, fmt.Errorf("pinned pair names contact %q: %w", pin[1], ErrUnknownID)
		}
		key := [2]int32{s, c}
		if forbidden[key] {
			return Assignment{}, fmt.Errorf("%s–%s is both pinned and forbidden: %w", pin[0], pin[1], ErrPinned)
		}
		if pinned[key] {
			continue
		}
		pinned[key] = true
		pinCount[s]++
		load[c]++
		if pinCount[s] > maxOf[s] {
			return Assignment{}, fmt.Errorf("start-up %s has %d pinned meetings, its maximum is %d: %w", pin[0], pinCount[s], maxOf[s], ErrPinned)
		}
		if load[c] > capOf[c] {
			return Assignment{}, fmt.Errorf("contact %s has %d pinned meetings, its capacity is %d: %w", pin[1], load[c], capOf[c], ErrPinned)
		}
		m := Pair{Startup: pin[0], Contact: pin[1], Why: &Explanation{Reasons: []string{"pinned"}}}
		if k, ok := cands.find(s, c); ok {
			m = pairs[cands.pairOf(k)]
			m.Why = &Explanation{Reasons: append(slices.Clip(m.Reasons()), "pinned"), Wishes: m.Wishes()}
			if m.Score < 0 {
				m.Score = 0
			}
		}
		out.Meetings = append(out.Meetings, m)
	}

	// Candidate edges, by start-up then contact.
	if len(forbidden) > 0 || len(pinned) > 0 || !cands.positive {
		cands.filter(func(s int32, k int) bool {
			key := [2]int32{s, cands.c[k]}
			return cands.cost[k] < 0 && !forbidden[key] && !pinned[key]
		})
	}
	degS := make([]int, nS)
	degC := make([]int, nC)
	for s := range degS {
		degS[s] = int(cands.bucket[s+1] - cands.bucket[s])
	}
	if cands.grid {
		for c := range degC {
			degC[c] = nS
		}
	} else {
		for _, c := range cands.c {
			degC[c]++
		}
	}
	supplyS := make([]int, nS)
	maxRank := 0
	for s := range supplyS {
		supplyS[s] = max(min(maxOf[s]-pinCount[s], degS[s]), 0)
		maxRank = max(maxRank, pinCount[s]+supplyS[s])
	}
	supplyC := make([]int, nC)
	for c := range supplyC {
		supplyC[c] = max(min(capOf[c]-load[c], degC[c]), 0)
	}
	// bonus is the priority of a start-up's rank-th meeting: 1 below the
	// minimum, or with Fair a decreasing bonus whose concavity gives the
	// leximin distribution of counts.
	bonus := func(rank int) int64 {
		if opts.Fair {
			return int64(maxRank + 1 - rank)
		}
		if rank <= opts.Min {
			return 1
		}
		return 0
	}
	var chosen []int32
	solved := false
	if useLAP := opts.solver == solverLAP || opts.solver == solverAuto && len(pairs) >= lapMinPairs; useLAP && !opts.Fair && opts.Min <= 0 {
		chosen, solved, err = assignLAP(ctx, cands, supplyS, supplyC)
	}
	if !solved {
		chosen, err = assignFlow(ctx, cands, nS, nC, supplyS, supplyC, pinCount, bonus, opts.side)
	}
	if opts.used != nil {
		*opts.used = solverFlow
		if solved {
			*opts.used = solverLAP
		}
	}

	count := slices.Clone(pinCount)
	for _, k := range chosen {
		p := pairs[k]
		out.Meetings = append(out.Meetings, p)
		count[sIdx[p.Startup]]++
		load[cIdx[p.Contact]]++
	}
	slices.SortFunc(out.Meetings, func(a, b Pair) int {
		if c := cmp.Compare(a.Startup, b.Startup); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Contact, b.Contact)
	})
	for _, m := range out.Meetings {
		out.Total += m.Score
	}
	st := &state{contacts: contacts, cands: cands, count: count, load: load, capOf: capOf, maxOf: maxOf, pinCount: pinCount, forbidden: forbidden, sIdx: sIdx, cIdx: cIdx}
	out.Short = st.shortfalls(startups, opts.Min, out.Meetings)
	out.Unmet = st.unmetWishes(startups, pairs, out.Meetings)
	return out, err
}

// assignFlow solves the problem as a min-cost flow; chosen holds
// indexes into pairs.
func assignFlow(ctx context.Context, cands *candidates, nS, nC int, supplyS, supplyC, pinCount []int, bonus func(rank int) int64, side int) (chosen []int32, err error) {
	unitsS, unitsC := 0, 0
	for _, n := range supplyS {
		unitsS += n
	}
	for _, n := range supplyC {
		unitsC += n
	}
	// Searches start from the side with fewer units to place.
	f := &flow{contactsFirst: unitsC < unitsS}
	if side != 0 {
		f.contactsFirst = side == 2
	}
	cands.wide()
	f.edges = make([]edge, cands.len())
	if f.contactsFirst {
		// Each contact's edges, in start-up order.
		_, order, sOf := cands.byContact()
		for i, k := range order {
			f.edges[i] = edge{l: cands.cols()[k], r: sOf[k], w: -cands.cost[k], pair: cands.pairOf(int(k))}
		}
	} else {
		cols := cands.cols()
		for s := 0; s < nS; s++ {
			for k := cands.bucket[s]; k < cands.bucket[s+1]; k++ {
				f.edges[k] = edge{l: int32(s), r: cols[k], w: -cands.cost[k], pair: cands.pairOf(int(k))}
			}
		}
	}
	if f.contactsFirst {
		f.nL, f.nR = nC, nS
		f.supply, f.capR = supplyC, supplyS
		f.skipCost = func(l, skipped int) cost { return cost{} }
		f.absorbCost = func(r, absorbed int) cost { return cost{rank: -bonus(pinCount[r] + absorbed + 1)} }
	} else {
		f.nL, f.nR = nS, nC
		f.supply, f.capR = supplyS, supplyC
		f.skipCost = func(l, skipped int) cost { return cost{rank: bonus(pinCount[l] + supplyS[l] - skipped)} }
		f.absorbCost = func(r, absorbed int) cost { return cost{} }
	}
	f.build()
	err = f.solve(ctx)
	for _, e := range f.edges {
		if e.used {
			chosen = append(chosen, e.pair)
		}
	}
	return chosen, err
}

// state is what the reports after solving need.
type state struct {
	contacts  []Contact
	cands     *candidates
	count     []int // meetings per start-up
	load      []int // meetings per contact
	capOf     []int
	maxOf     []int
	pinCount  []int
	forbidden map[[2]int32]bool
	sIdx      map[string]int32
	cIdx      map[string]int32
}

// edge is a candidate meeting in the flow network, from a node on the
// left (the side searches start from) to one on the right.
type edge struct {
	l, r int32
	w    float64
	pair int32 // index into the caller's pairs
	used bool
}

// flow is the network Assign solves: left nodes 0..nL-1 supply units,
// right nodes nL..nL+nR-1 absorb them, the sink is nL+nR. Each left
// unit reaches the sink over an edge and a right node, or over a skip
// arc. skipCost and absorbCost give the cost of the next skip or the
// next absorbed unit; both are non-decreasing, so the convex costs are
// exact as sequences of unit arcs.
type flow struct {
	contactsFirst bool
	nL, nR        int
	edges         []edge
	lStart        []int32 // edges of left node l: lStart[l]..lStart[l+1]
	rStart        []int32 // rEdges[rStart[r]..rStart[r+1]] are the edges of right node r
	rEdges        []int32
	supply        []int // units each left node places
	capR          []int // units each right node takes
	skipped       []int
	absorbed      []int
	rUsed         [][]int32 // used edges of each right node
	skipCost      func(l, skipped int) cost
	absorbCost    func(r, absorbed int) cost
}

// build indexes the edges, which must be sorted by left node.
func (f *flow) build() {
	f.lStart = make([]int32, f.nL+1)
	f.rStart = make([]int32, f.nR+1)
	for _, e := range f.edges {
		f.lStart[e.l+1]++
		f.rStart[e.r+1]++
	}
	for i := 0; i < f.nL; i++ {
		f.lStart[i+1] += f.lStart[i]
	}

	for i := 0; i < f.nR; i++ {
		f.rStart[i+1] += f.rStart[i]
	}
	f.rEdges = make([]int32, len(f.edges))
	fill := slices.Clone(f.rStart[:f.nR])
	for i, e := range f.edges {
		f.rEdges[fill[e.r]] = int32(i)
		fill[e.r]++
	}
	f.skipped = make([]int, f.nL)
	f.absorbed = make([]int, f.nR)
}

// search is the state of the Dijkstra searches, kept across searches;
// stamp tells which entries of dist belong to the current one.
type search struct {
	pi, dist     []cost
	stamp        []int32
	done         []bool
	parent, from []int32
	sink         int32
	epoch        int32
}

// relax offers v the distance d over edge e from u; d is the path's
// length plus pi[u], so the reduced cost needs only pi[v].
func (s *search) relax(heap []heapItem, u, v int32, d cost, e int32) []heapItem {
	return s.relaxReduced(heap, u, v, d.sub(s.pi[v]), e)
}

// relaxReduced is relax with pi[v] already subtracted.
func (s *search) relaxReduced(heap []heapItem, u, v int32, d cost, e int32) []heapItem {
	if du := s.dist[u]; d.rank == du.rank && d.score < du.score {
		d.score = du.score // rounding noise: reduced costs are ≥ 0
	}
	if s.stamp[s.sink] == s.epoch && !d.less(s.dist[s.sink]) {
		return heap
	}
	if s.stamp[v] != s.epoch {
		s.stamp[v] = s.epoch
		s.done[v] = false
	} else if s.done[v] || !d.less(s.dist[v]) {
		return heap
	}
	s.dist[v], s.parent[v], s.from[v] = d, e, u
	return heapPush(heap, heapItem{d, v})
}

type heapItem struct {
	d    cost
	node int32
}

// solve runs successive shortest paths, one Dijkstra search per unit of
// supply, from the unit's own left node.
func (f *flow) solve(ctx context.Context) error {
	nL := int32(f.nL)
	n := f.nL + f.nR + 1
	sink := int32(n - 1)
	// Initial potentials make every reduced cost non-negative: left
	// nodes 0, right node r minus its heaviest edge, the sink below all.
	pi := make([]cost, n)
	low := cost{}
	for r := 0; r < f.nR; r++ {
		m := 0.0
		for _, e := range f.rEdges[f.rStart[r]:f.rStart[r+1]] {
			m = max(m, f.edges[e].w)
		}
		pi[f.nL+r] = cost{score: -m}
		if c := pi[f.nL+r].add(f.absorbCost(r, 0)); c.less(low) {
			low = c
		}
	}
	for l := 0; l < f.nL; l++ {
		if c := f.skipCost(l, 0); c.less(low) {
			low = c
		}
	}
	pi[sink] = low

	sr := &search{
		pi: pi, dist: make([]cost, n), stamp: make([]int32, n), done: make([]bool, n),
		parent: make([]int32, n), from: make([]int32, n), sink: sink,
	}
	s := sr
	dist, stamp, done, parent, from := sr.dist, sr.stamp, sr.done, sr.parent, sr.from
	var heap []heapItem
	var settled []int32
	f.rUsed = make([][]int32, f.nR)

	for src := int32(0); src < nL; src++ {
		for unit := 0; unit < f.supply[src]; unit++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			sr.epoch++
			heap = heap[:0]
			settled = settled[:0]
			stamp[src], done[src], dist[src] = sr.epoch, false, cost{}
			heap = heapPush(heap, heapItem{cost{}, src})
			for len(heap) > 0 {
				var it heapItem
				heap, it = heapPop(heap)
				u := it.node
				if done[u] || dist[u].less(it.d) {
					continue
				}
				done[u] = true
				settled = append(settled, u)
				if u == sink {
					break
				}
				// bound: no shorter path to the sink passes through a
				// node farther than the sink's tentative distance.
				base := dist[u].add(pi[u])
				if u < nL {
					if f.skipped[u] < f.supply[u] {
						heap = s.relax(heap, u, sink, base.add(f.skipCost(int(u), f.skipped[u])), -1)
					}
					// The hot loop: most edges lead nowhere shorter than
					// the sink's tentative distance, so test that first.
					bound := infCost
					if stamp[sink] == s.epoch {
						bound = dist[sink]
					}
					for e := f.lStart[u]; e < f.lStart[u+1]; e++ {
						ed := &f.edges[e]
						if ed.used {
							continue
						}
						v := nL + ed.r
						p := &pi[v]
						if d := (cost{base.rank - p.rank, base.score - ed.w - p.score}); d.less(bound) {
							heap = s.relaxReduced(heap, u, v, d, e)
						}
					}
					continue
				}
				r := int(u - nL)
				if f.absorbed[r] < f.capR[r] {
					heap = s.relax(heap, u, sink, base.add(f.absorbCost(r, f.absorbed[r])), -1)
				}
				for _, e := range f.rUsed[r] {
					heap = s.relax(heap, u, f.edges[e].l, cost{base.rank, base.score + f.edges[e].w}, e)
				}
			}
			// The sink is always reachable over the source's own skip
			// arcs, so the search ended there.
			D := dist[sink]
			for _, v := range settled {
				pi[v] = pi[v].add(dist[v]).sub(D)
			}
			for v := sink; v != src; {
				u := from[v]
				switch {
				case u < nL && v == sink:
					f.skipped[u]++
				case u < nL:
					e := parent[v]
					f.edges[e].used = true
					f.rUsed[v-nL] = append(f.rUsed[v-nL], e)
				case v == sink:
					f.absorbed[u-nL]++
				default:
					e := parent[v]
					f.edges[e].used = false
					used := f.rUsed[u-nL]
					i := slices.Index(used, e)
					f.rUsed[u-nL] = append(used[:i], used[i+1:]...)
				}
				v = u
			}
		}
	}
	return nil
}

func heapPush(h []heapItem, it heapItem) []heapItem {
	h = append(h, it)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h[i].d.less(h[p].d) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	return h
}

func heapPop(h []heapItem) ([]heapItem, heapItem) {
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && h[r].d.less(h[l].d) {
			m = r
		}
		if !h[m].d.less(h[i].d) {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	return h, top
}

// shortfalls explains the start-ups below min.
func (st *state) shortfalls(startups []Startup, minimum int, meetings []Pair) []Shortfall {
	if minimum <= 0 || !slices.ContainsFunc(st.count, func(n int) bool { return n < minimum }) {
		return nil
	}
	met := map[[2]string]bool{}
	for _, m := range meetings {
		if st.count[st.sIdx[m.Startup]] < minimum {
			met[[2]string{m.Startup, m.Contact}] = true
		}
	}
	full := make([][]string, len(startups))
	candidates := slices.Clone(st.pinCount)
	for s := range startups {
		for k := st.cands.bucket[s]; k < st.cands.bucket[s+1]; k++ {
			c := st.cands.cols()[k]
			candidates[s]++
			if st.count[s] < minimum && st.load[c] >= st.capOf[c] && !met[[2]string{startups[s].ID, st.contacts[c].ID}] {
				full[s] = append(full[s], st.contacts[c].ID)
			}
		}
	}
	var out []Shortfall
	for s := range startups {
		got := st.count[s]
		if got >= minimum {
			continue
		}
		var reason string
		switch {
		case st.maxOf[s] < minimum:
			reason = fmt.Sprintf("its maximum is %d meetings", st.maxOf[s])
		case candidates[s] == 0:
			reason = "no contact matches its needs or wishes"
		case candidates[s] == 1:
			reason = "only one contact matches its needs or wishes"
		case candidates[s] < minimum:
			reason = fmt.Sprintf("only %d contacts match its needs or wishes", candidates[s])
		case len(full[s]) > 0:
			slices.Sort(full[s])
			reason = "candidate contacts are at capacity: " + listIDs(full[s])
		default:
			reason = "its candidate contacts are needed by other start-ups"
		}
		out = append(out, Shortfall{Startup: startups[s].ID, Got: got, Min: minimum, Reason: reason})
	}
	slices.SortFunc(out, func(a, b Shortfall) int { return cmp.Compare(a.Startup, b.Startup) })
	return out
}

func listIDs(ids []string) string {
	const show = 4
	if len(ids) <= show {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:show], ", ") + fmt.Sprintf(" and %d more", len(ids)-show)
}

// unmetWishes lists the wishes no meeting fulfils, with the reason.
func (st *state) unmetWishes(startups []Startup, pairs []Pair, meetings []Pair) []UnmetWish {
	type key struct {
		s int32
		w int
	}
	met := map[key]bool{}
	for _, m := range meetings {
		for _, w := range m.Wishes() {
			met[key{st.sIdx[m.Startup], w}] = true
		}
	}
	// Contacts fulfilling each unmet wish, from the pairs.
	matching := map[key][]string{}
	for i, s := range startups {
		for _, w := range s.Wishes {
			if !met[key{int32(i), w.Priority}] {
				matching[key{int32(i), w.Priority}] = nil
			}
		}
	}
	if len(matching) > 0 {
		var lastID string
		var lastS int32 = -1
		for _, p := range pairs {
			if len(p.Wishes()) == 0 {
				continue
			}
			if lastS < 0 || p.Startup != lastID {
				lastID, lastS = p.Startup, st.sIdx[p.Startup]
			}
			for _, w := range p.Wishes() {
				k := key{lastS, w}
				if cs, ok := matching[k]; ok {
					matching[k] = append(cs, p.Contact)
				}
			}
		}
	}
	order := make([]int, len(startups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(startups[a].ID, startups[b].ID) })
	var out []UnmetWish
	for _, si := range order {
		s := &startups[si]
		for _, w := range s.Wishes {
			if met[key{int32(si), w.Priority}] {
				continue
			}
			cs := matching[key{int32(si), w.Priority}]
			slices.Sort(cs)
			cs = slices.Compact(cs)
			var reason string
			var banned, full, free []string
			for _, id := range cs {
				c := st.cIdx[id]
				switch {
				case st.forbidden[[2]int32{st.sIdx[s.ID], c}]:
					banned = append(banned, id)
				case st.load[c] >= st.capOf[c]:
					full = append(full, id)
				default:
					free = append(free, id)
				}
			}
			switch {
			case len(cs) == 0:
				reason = "no contact matches " + w.String()
			case len(banned) == len(cs):
				reason = "every matching contact is forbidden: " + listIDs(banned)
			case len(free) == 0:
				reason = "every matching contact is at capacity: " + listIDs(full)
			case st.count[si] >= st.maxOf[si]:
				reason = fmt.Sprintf("the start-up has its maximum of %d meetings; matching contacts: %s", st.maxOf[si], listIDs(free))
			default:
				reason = "higher-scoring meetings were chosen; matching contacts: " + listIDs(free)
			}
			out = append(out, UnmetWish{Startup: s.ID, Wish: w, Reason: reason})
		}
	}
	return out
}
