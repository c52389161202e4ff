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
	// Min is the number of meetings each start-up should get; reaching it
	// for as many start-ups as possible comes before the total score.
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
	// maximises the total score. Without it the total score is maximised
	// once every start-up that can has reached Min.
	Fair bool
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

var infCost = cost{math.MaxInt64, math.Inf(1)}

// edge is a candidate meeting in the flow network.
type edge struct {
	s, c int32
	w    float64
	pair int32 // index into the caller's pairs
	used bool
}

// Assign chooses the meetings that maximise the total score such that no
// contact exceeds its capacity, no start-up exceeds its maximum,
// forbidden pairs never appear and pinned pairs always do. Start-ups
// reaching Min comes first (or, with Fair, the leximin distribution of
// meeting counts), then the total score.
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

	// The best pair per (start-up, contact).
	best := make(map[[2]int32]int32, len(pairs))
	for k := range pairs {
		p := &pairs[k]
		if math.IsNaN(p.Score) || math.IsInf(p.Score, 0) {
			return Assignment{}, fmt.Errorf("pair %s–%s: %w", p.Startup, p.Contact, ErrBadScore)
		}
		s, ok := sIdx[p.Startup]
		if !ok {
			return Assignment{}, fmt.Errorf("pair %d names start-up %q: %w", k, p.Startup, ErrUnknownID)
		}
		c, ok := cIdx[p.Contact]
		if !ok {
			return Assignment{}, fmt.Errorf("pair %d names contact %q: %w", k, p.Contact, ErrUnknownID)
		}
		key := [2]int32{s, c}
		if old, dup := best[key]; !dup || pairs[old].Score < p.Score {
			best[key] = int32(k)
		}
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
		m := Pair{Startup: pin[0], Contact: pin[1], Reasons: []string{"pinned"}}
		if k, ok := best[key]; ok {
			m = pairs[k]
			m.Reasons = append(slices.Clip(m.Reasons), "pinned")
			if m.Score < 0 {
				m.Score = 0
			}
		}
		out.Meetings = append(out.Meetings, m)
	}

	// Edges in CSR form by start-up, pairs in a stable order.
	keys := make([][2]int32, 0, len(best))
	for key, k := range best {
		if pairs[k].Score > 0 && !forbidden[key] && !pinned[key] {
			keys = append(keys, key)
		}
	}
	slices.SortFunc(keys, func(a, b [2]int32) int {
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	})
	f := &flow{
		nS: nS, nC: nC,
		edges:  make([]edge, len(keys)),
		sStart: make([]int32, nS+1),
		cStart: make([]int32, nC+1),
		load:   load,
		capOf:  capOf,
	}
	for i, key := range keys {
		k := best[key]
		f.edges[i] = edge{s: key[0], c: key[1], w: pairs[k].Score, pair: k}
		f.sStart[key[0]+1]++
		f.cStart[key[1]+1]++
	}
	for i := 0; i < nS; i++ {
		f.sStart[i+1] += f.sStart[i]
	}
	for i := 0; i < nC; i++ {
		f.cStart[i+1] += f.cStart[i]
	}
	f.cEdges = make([]int32, len(keys))
	fill := slices.Clone(f.cStart[:nC])
	for i, e := range f.edges {
		f.cEdges[fill[e.c]] = int32(i)
		fill[e.c]++
	}

	// Supplies and the priority costs of skipping.
	f.supply = make([]int, nS)
	maxRank := 0
	for s := 0; s < nS; s++ {
		deg := int(f.sStart[s+1] - f.sStart[s])
		f.supply[s] = max(min(maxOf[s]-pinCount[s], deg), 0)
		maxRank = max(maxRank, pinCount[s]+f.supply[s])
	}
	f.bonus = func(rank int) int64 { // the priority of a start-up's rank-th meeting
		if opts.Fair {
			return int64(maxRank + 1 - rank)
		}
		if rank <= opts.Min {
			return 1
		}
		return 0
	}
	f.pinCount = pinCount
	f.skipped = make([]int, nS)

	err := f.solve(ctx)

	for _, e := range f.edges {
		if e.used {
			out.Meetings = append(out.Meetings, pairs[e.pair])
		}
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
	out.Short = shortfalls(startups, contacts, f, maxOf, opts.Min)
	out.Unmet = unmetWishes(startups, contacts, pairs, out.Meetings, f, maxOf, forbidden, sIdx, cIdx)
	return out, err
}

// flow is the network Assign solves. Nodes: start-ups 0..nS-1, contacts
// nS..nS+nC-1, the sink nS+nC.
type flow struct {
	nS, nC   int
	edges    []edge
	sStart   []int32 // edges of start-up s: sStart[s]..sStart[s+1]
	cStart   []int32 // cEdges[cStart[c]..cStart[c+1]] are the edges of contact c
	cEdges   []int32
	load     []int
	capOf    []int
	supply   []int
	skipped  []int
	pinCount []int
	bonus    func(rank int) int64
}

// skipCost is the cost of start-up s leaving one more unit unused: the
// bonus of the highest rank it would still fill.
func (f *flow) skipCost(s int) cost {
	return cost{rank: f.bonus(f.pinCount[s] + f.supply[s] - f.skipped[s])}
}

type heapItem struct {
	d    cost
	node int32
}

func (f *flow) solve(ctx context.Context) error {
	n := f.nS + f.nC + 1
	sink := int32(n - 1)
	pi := make([]cost, n)
	maxW := 0.0
	for c := 0; c < f.nC; c++ {
		m := 0.0
		for _, e := range f.cEdges[f.cStart[c]:f.cStart[c+1]] {
			m = max(m, f.edges[e].w)
		}
		pi[f.nS+c] = cost{score: -m}
		maxW = max(maxW, m)
	}
	pi[sink] = cost{score: -maxW}

	dist := make([]cost, n)
	stamp := make([]int32, n) // dist[v] is valid when stamp[v] == epoch
	done := make([]bool, n)
	parent := make([]int32, n) // edge id, or -1 for skip / c→sink
	from := make([]int32, n)
	var heap []heapItem
	var settled []int32
	epoch := int32(0)

	for s := 0; s < f.nS; s++ {
		for unit := 0; unit < f.supply[s]; unit++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			epoch++
			heap = heap[:0]
			settled = settled[:0]
			relax := func(u, v int32, c cost, e int32) {
				rc := c.add(pi[u]).sub(pi[v])
				if rc.rank == 0 && rc.score < 0 {
					rc.score = 0 // rounding noise; reduced costs are ≥ 0
				}
				d := dist[u].add(rc)
				if stamp[v] != epoch {
					stamp[v] = epoch
					done[v] = false
				} else if done[v] || !d.less(dist[v]) {
					return
				}
				dist[v], parent[v], from[v] = d, e, u
				heap = heapPush(heap, heapItem{d, v})
			}
			src := int32(s)
			stamp[src], done[src], dist[src] = epoch, false, cost{}
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
				if int(u) < f.nS {
					if f.skipped[u] < f.supply[u] {
						relax(u, sink, f.skipCost(int(u)), -1)
					}
					for e := f.sStart[u]; e < f.sStart[u+1]; e++ {
						if ed := &f.edges[e]; !ed.used {
							relax(u, int32(f.nS)+ed.c, cost{score: -ed.w}, e)
						}
					}
					continue
				}
				c := int(u) - f.nS
				if f.load[c] < f.capOf[c] {
					relax(u, sink, cost{}, -1)
				}
				for _, e := range f.cEdges[f.cStart[c]:f.cStart[c+1]] {
					if ed := &f.edges[e]; ed.used {
						relax(u, ed.s, cost{score: ed.w}, e)
					}
				}
			}
			// The sink is always reachable through the start-up's own
			// skip arcs, so the search ended there.
			D := dist[sink]
			for _, v := range settled {
				pi[v] = pi[v].add(dist[v]).sub(D)
			}
			for v := sink; v != src; {
				u := from[v]
				switch {
				case int(u) < f.nS && v == sink:
					f.skipped[u]++
				case int(u) < f.nS:
					f.edges[parent[v]].used = true
				case v == sink:
					f.load[int(u)-f.nS]++
				default:
					f.edges[parent[v]].used = false
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
func shortfalls(startups []Startup, contacts []Contact, f *flow, maxOf []int, minimum int) []Shortfall {
	if minimum <= 0 {
		return nil
	}
	var out []Shortfall
	for s := range startups {
		got := f.pinCount[s]
		var full []string
		for e := f.sStart[s]; e < f.sStart[s+1]; e++ {
			ed := &f.edges[e]
			if ed.used {
				got++
			} else if f.load[ed.c] >= f.capOf[ed.c] {
				full = append(full, contacts[ed.c].ID)
			}
		}
		if got >= minimum {
			continue
		}
		candidates := f.pinCount[s] + int(f.sStart[s+1]-f.sStart[s])
		var reason string
		switch {
		case maxOf[s] < minimum:
			reason = fmt.Sprintf("its maximum is %d meetings", maxOf[s])
		case candidates == 0:
			reason = "no contact matches its needs or wishes"
		case candidates < minimum:
			reason = fmt.Sprintf("only %d contacts match its needs or wishes", candidates)
		case len(full) > 0:
			slices.Sort(full)
			reason = "candidate contacts are at capacity: " + listIDs(full)
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
func unmetWishes(startups []Startup, contacts []Contact, pairs []Pair, meetings []Pair, f *flow,
	maxOf []int, forbidden map[[2]int32]bool, sIdx, cIdx map[string]int32) []UnmetWish {
	met := map[string]map[int]bool{}
	count := map[string]int{}
	for _, m := range meetings {
		if met[m.Startup] == nil {
			met[m.Startup] = map[int]bool{}
		}
		for _, w := range m.Wishes {
			met[m.Startup][w] = true
		}
		count[m.Startup]++
	}
	// Contacts fulfilling each wish, from the pairs.
	type key struct {
		s string
		w int
	}
	matching := map[key][]string{}
	for _, p := range pairs {
		for _, w := range p.Wishes {
			k := key{p.Startup, w}
			matching[k] = append(matching[k], p.Contact)
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
			if met[s.ID][w.Priority] {
				continue
			}
			cs := matching[key{s.ID, w.Priority}]
			slices.Sort(cs)
			cs = slices.Compact(cs)
			var reason string
			var banned, full, free []string
			for _, id := range cs {
				c := cIdx[id]
				switch {
				case forbidden[[2]int32{sIdx[s.ID], c}]:
					banned = append(banned, id)
				case f.load[c] >= f.capOf[c]:
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
			case count[s.ID] >= maxOf[si]:
				reason = fmt.Sprintf("the start-up has its maximum of %d meetings; matching contacts: %s", maxOf[si], listIDs(free))
			default:
				reason = "higher-scoring meetings were chosen; matching contacts: " + listIDs(free)
			}
			out = append(out, UnmetWish{Startup: s.ID, Wish: w, Reason: reason})
		}
	}
	return out
}
