package form

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"

	"github.com/crossmeet/crossmeet/schedule"
)

// search is one run of the forming search: the first grouping, then local
// search.
type search struct {
	in   *instance
	rng  *rand.Rand
	stop string
	// placed are the candidates some day can take alone.
	placed []int
}

// halt records why the search stops and reports whether err is one of
// the anytime stops (budget, ctx) rather than a failure.
func (s *search) halt(err error) bool {
	switch {
	case errors.Is(err, errBudget):
		s.stop = StopBudget
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		s.stop = StopCancelled
	default:
		return false
	}
	return true
}

// singles evaluates each candidate alone on each of its days and returns
// the grouping of each alone on its best day. A candidate no day can take
// goes to unplaced. When the budget or ctx ends first, the candidates not
// yet evaluated travel alone on their first day, unevaluated.
func (s *search) singles(ctx context.Context) (grouping, error) {
	in := s.in
	var g grouping
	for i := range in.cands {
		if s.stop != "" {
			g = append(g, block{members: []int{i}, day: in.cands[i].dates[0], e: &eval{ok: true}})
			s.placed = append(s.placed, i)
			continue
		}
		b, ok, err := in.bestDay(ctx, []int{i})
		if err != nil {
			if !s.halt(err) {
				return nil, err
			}
			if !ok {
				b = block{members: []int{i}, day: in.cands[i].dates[0], e: &eval{ok: true}}
			}
			ok = true
		}
		if !ok {
			in.unplaced[in.cands[i].id] = s.impossible(i)
			continue
		}
		g = append(g, b)
		s.placed = append(s.placed, i)
	}
	return g, nil
}

// impossible says why candidate i cannot travel alone on any day.
func (s *search) impossible(i int) string {
	for _, d := range s.in.cands[i].dates {
		if e, ok := s.in.cache[groupKey(s.in, []int{i}, d)]; ok && e.reason != "" {
			return "no trip can be planned on any of its days: " + e.reason
		}
	}
	return "no trip can be planned on any of its days"
}

func union(a, b []int) []int {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return out
}

// greedy merges, while one exists, the two groups whose merge on a day
// one of them travels loses no score and saves most CO2.
func (s *search) greedy(ctx context.Context, g grouping) grouping {
	in := s.in
	for s.stop == "" {
		bestA, bestB := -1, -1
		var bestBlock block
		bestSave := eps
		for a := range g {
			for b := a + 1; b < len(g); b++ {
				m := union(g[a].members, g[b].members)
				if !in.compatible(m) {
					continue
				}
				common := in.common(m)
				for _, d := range []int{a, b} {
					day := g[d].day
					if !slices.ContainsFunc(common, day.Equal) || (d == b && day.Equal(g[a].day)) {
						continue
					}
					e, err := in.evaluate(ctx, m, day)
					if err != nil {
						s.halt(err)
						break
					}
					if !e.ok || e.score < g[a].e.score+g[b].e.score-eps {
						continue
					}
					if save := g[a].e.co2 + g[b].e.co2 - e.co2; save > bestSave {
						bestA, bestB, bestSave = a, b, save
						bestBlock = block{members: m, day: day, e: e}
					}
				}
			}
		}
		if bestA < 0 {
			break
		}
		g = slices.Clone(g)
		g[bestA] = bestBlock
		g = slices.Delete(g, bestB, bestB+1)
	}
	return g
}

// run forms the best grouping it can.
func (s *search) run(ctx context.Context) (grouping, error) {
	in := s.in
	s.rng = rand.New(rand.NewPCG(in.opts.Seed, 0x666f726d))
	g, err := s.singles(ctx)
	if err != nil {
		return nil, err
	}
	g = s.greedy(ctx, g)
	moves := in.opts.Moves
	if moves <= 0 {
		moves = 200 * len(s.placed)
	}
	best, bestV := g, g.value()
	cur, curV := g, bestV
	for it := 0; it < moves && s.stop == "" && len(cur) > 0; it++ {
		next, err := s.move(ctx, cur)
		if err != nil {
			if !s.halt(err) {
				return nil, err
			}
			break
		}
		if next == nil {
			continue
		}
		v := next.value()
		if better(curV, v) {
			continue
		}
		cur, curV = next, v
		if better(v, bestV) {
			best, bestV = next, v
		}
	}
	return best, nil
}

// move returns a neighbour of g, or nil when the drawn move does not
// apply.
func (s *search) move(ctx context.Context, g grouping) (grouping, error) {
	in := s.in
	r := s.rng
	// replace returns g without blocks drop, with add appended.
	replace := func(drop []int, add ...[]int) (grouping, error) {
		var out grouping
		for i, b := range g {
			if !slices.Contains(drop, i) {
				out = append(out, b)
			}
		}
		for _, m := range add {
			if len(m) == 0 {
				continue
			}
			if !in.compatible(m) {
				return nil, nil
			}
			b, ok, err := in.bestDay(ctx, m)
			if err != nil || !ok {
				return nil, err
			}
			out = append(out, b)
		}
		return out, nil
	}
	without := func(m []int, x int) []int {
		return slices.DeleteFunc(slices.Clone(m), func(y int) bool { return y == x })
	}
	switch r.IntN(5) {
	case 0: // relocate one start-up to another group or alone
		a := r.IntN(len(g))
		x := g[a].members[r.IntN(len(g[a].members))]
		b := r.IntN(len(g) + 1)
		if b == a {
			return nil, nil
		}
		if b == len(g) { // alone
			if len(g[a].members) == 1 {
				return nil, nil
			}
			return replace([]int{a}, without(g[a].members, x), []int{x})
		}
		return replace([]int{a, b}, without(g[a].members, x), union(g[b].members, []int{x}))
	case 1: // swap two start-ups of two groups
		a, b := r.IntN(len(g)), r.IntN(len(g))
		if a == b {
			return nil, nil
		}
		x := g[a].members[r.IntN(len(g[a].members))]
		y := g[b].members[r.IntN(len(g[b].members))]
		return replace([]int{a, b}, union(without(g[a].members, x), []int{y}), union(without(g[b].members, y), []int{x}))
	case 2: // another day for one group
		a := r.IntN(len(g))
		days := in.common(g[a].members)
		if len(days) < 2 {
			return nil, nil
		}
		d := days[r.IntN(len(days))]
		if d.Equal(g[a].day) {
			return nil, nil
		}
		e, err := in.evaluate(ctx, g[a].members, d)
		if err != nil || !e.ok {
			return nil, err
		}
		out := slices.Clone(g)
		out[a] = block{members: g[a].members, day: d, e: e}
		return out, nil
	case 3: // merge two groups
		a, b := r.IntN(len(g)), r.IntN(len(g))
		if a == b {
			return nil, nil
		}
		return replace([]int{a, b}, union(g[a].members, g[b].members))
	default: // split one group in two
		a := r.IntN(len(g))
		m := g[a].members
		if len(m) < 2 {
			return nil, nil
		}
		var left, right []int
		for _, x := range m {
			if r.IntN(2) == 0 {
				left = append(left, x)
			} else {
				right = append(right, x)
			}
		}
		if len(left) == 0 || len(right) == 0 {
			return nil, nil
		}
		return replace([]int{a}, left, right)
	}
}

// Exhaustive enumerates every grouping of prog's eligible start-ups and
// every date of each group, and returns the best by the objective of the
// package doc: the exact optimum that Form approximates, for the tests'
// oracle. Its cost grows as the Bell numbers times the dates to the
// power of the groups; keep it to a few start-ups and dates.
// Options.Budget bounds the evaluations as for Form; when it or ctx
// ends, Exhaustive returns the error (there is no anytime answer).
func Exhaustive(ctx context.Context, prog *schedule.Program, opts Options) (*Result, error) {
	in, err := newInstance(prog, opts)
	if err != nil {
		return nil, err
	}
	return exhaustive(ctx, in)
}

func exhaustive(ctx context.Context, in *instance) (*Result, error) {
	s := &search{in: in}
	if _, err := s.singles(ctx); err != nil {
		return nil, err
	}
	if s.stop != "" {
		return nil, errBudget
	}
	var best grouping
	var bestV value
	var blocks [][]int
	var fail error
	var days func(k int, g grouping)
	days = func(k int, g grouping) {
		if fail != nil {
			return
		}
		if k == len(blocks) {
			if v := g.value(); best == nil || better(v, bestV) {
				best, bestV = slices.Clone(g), v
			}
			return
		}
		for _, d := range in.common(blocks[k]) {
			e, err := in.evaluate(ctx, blocks[k], d)
			if err != nil {
				fail = err
				return
			}
			if e.ok {
				days(k+1, append(g, block{members: blocks[k], day: d, e: e}))
			}
		}
	}
	var part func(i int)
	part = func(i int) {
		if fail != nil {
			return
		}
		if i == len(s.placed) {
			days(0, nil)
			return
		}
		x := s.placed[i]
		for k := range blocks {
			m := append(slices.Clone(blocks[k]), x)
			if !in.compatible(m) {
				continue
			}
			old := blocks[k]
			blocks[k] = m
			part(i + 1)
			blocks[k] = old
		}
		blocks = append(blocks, []int{x})
		part(i + 1)
		blocks = blocks[:len(blocks)-1]
	}
	part(0)
	if fail != nil {
		return nil, fail
	}
	return in.result(ctx, best, "")
}
