package match

import (
	"context"
	"errors"
	"math"
)

// This file holds the linear assignment core Assign uses when every
// start-up or every contact has room for at most one more meeting and
// neither minimums nor fairness are asked for: the problem is then a
// maximum-weight bipartite matching, solved as a linear assignment
// problem (LAP) by shortest augmenting paths.
//
// Both solvers follow Jonker & Volgenant, "A shortest augmenting path
// algorithm for dense and sparse linear assignment problems",
// Computing 38 (1987) 325–340: an initialisation that assigns rows to
// their cheapest column, then one Dijkstra search per free row over
// reduced costs c(i,j) − u(i) − v(j), with the dual update and the
// augmentation of Crouse, "On implementing 2D rectangular assignment
// algorithms", IEEE Trans. Aerospace and Electronic Systems 52 (2016)
// 1679–1696, the algorithm behind SciPy's linear_sum_assignment. The
// dense solver scans the unvisited columns as an array (no heap); the
// sparse one keeps a binary heap and lets every row drop out at cost 0
// (a private dummy column), so it finds maximum-weight matchings that
// need not be perfect.
//
// The invariants, which make each search a plain Dijkstra: every reduced
// cost is ≥ 0, every assigned edge has reduced cost 0, and every free
// column has v = 0 (so that a shortest path to any free column is a
// shortest augmenting path in the rectangular problem, Crouse §IV).
// Row reduction (u(i) = the row's minimum, v = 0) establishes them.

// errNoAssignment reports a dense problem with a row that reaches no
// column; Assign only builds complete dense problems, so it means a bug.
var errNoAssignment = errors.New("assignment infeasible")

// lapDense assigns every row of the nr × nc matrix cost (row-major,
// nr ≤ nc, finite entries) to a distinct column at the least total cost.
// colOf[i] is row i's column. When ctx ends the rows assigned so far
// form a valid partial assignment and the others have colOf −1.
func lapDense(ctx context.Context, nr, nc int, cost []float64) (colOf []int32, err error) {
	if nr > nc || len(cost) != nr*nc {
		panic("match: lapDense needs nr ≤ nc and an nr×nc matrix")
	}
	u := make([]float64, nr)
	v := make([]float64, nc)
	colOf = make([]int32, nr)
	rowOf := make([]int32, nc)
	for j := range rowOf {
		rowOf[j] = -1
	}
	// Row reduction: u(i) is the row minimum; a row whose cheapest
	// column is still free takes it (the edge is tight).
	var free []int32
	for i := 0; i < nr; i++ {
		row := cost[i*nc : (i+1)*nc]
		best, bj := math.Inf(1), 0
		for j, c := range row {
			if c < best {
				best, bj = c, j
			}
		}
		u[i] = best
		if rowOf[bj] < 0 {
			rowOf[bj], colOf[i] = int32(i), int32(bj)
		} else {
			colOf[i] = -1
			free = append(free, int32(i))
		}
	}
	shortest := make([]float64, nc)
	path := make([]int32, nc)
	remaining := make([]int32, nc)
	var sr, sc []int32
	inf := math.Inf(1)
	for _, cur := range free {
		if err := ctx.Err(); err != nil {
			return colOf, err
		}
		for j := range shortest {
			shortest[j] = inf
			remaining[j] = int32(j)
		}
		sr, sc = sr[:0], sc[:0]
		nRem := nc
		minVal := 0.0
		i := cur
		sink := int32(-1)
		for sink < 0 {
			sr = append(sr, i)
			row := cost[int(i)*nc : int(i+1)*nc]
			ui := u[i]
			lowest, li := inf, -1
			rem := remaining[:nRem]
			for k, j := range rem {
				r := minVal + row[j] - ui - v[j]
				s := shortest[j]
				if r < s {
					path[j] = i
					shortest[j] = r
					s = r
				}
				// Among equal distances a free column ends the search
				// sooner.
				if s < lowest || s == lowest && rowOf[j] < 0 {
					lowest, li = s, k
				}
			}
			if li < 0 {
				return colOf, errNoAssignment
			}
			minVal = lowest
			j := rem[li]
			sc = append(sc, j)
			nRem--
			remaining[li] = remaining[nRem]
			if rowOf[j] < 0 {
				sink = j
			} else {
				i = rowOf[j]
			}
		}
		u[cur] += minVal
		for _, i := range sr[1:] {
			u[i] += minVal - shortest[colOf[i]]
		}
		for _, j := range sc {
			v[j] -= minVal - shortest[j]
		}
		for j := sink; ; {
			i := path[j]
			rowOf[j] = i
			colOf[i], j = j, colOf[i]
			if i == cur {
				break
			}
		}
	}
	return colOf, nil
}

// sparseLAP is a bipartite graph of rows and columns with edge costs, in
// compressed rows: row i's edges are start[i]..start[i+1].
type sparseLAP struct {
	nr, nc int
	start  []int32
	col    []int32
	cost   []float64
}

type lapItem struct {
	d float64
	j int32
}

// solve finds the least-cost matching in which each row takes at most
// one column, a row left out costing 0: with costs −score it is the
// maximum-weight matching. colOf[i] is row i's column, or −1. When ctx
// ends the rows matched so far form a valid matching.
func (g *sparseLAP) solve(ctx context.Context) (colOf []int32, err error) {
	nr, nc := g.nr, g.nc
	// Columns nc..nc+nr−1 are the rows' private dummies: row i leaves
	// the matching by taking column nc+i at cost 0. A dummy is adjacent
	// to its row only, so it is free whenever a search reaches it, and
	// its v stays 0.
	n := nc + nr
	u := make([]float64, nr)
	v := make([]float64, n)
	colOf = make([]int32, nr)
	rowOf := make([]int32, n)
	for j := range rowOf {
		rowOf[j] = -1
	}
	var free []int32
	for i := 0; i < nr; i++ {
		best, bj := 0.0, int32(nc+i)
		for e := g.start[i]; e < g.start[i+1]; e++ {
			if c := g.cost[e]; c < best {
				best, bj = c, g.col[e]
			}
		}
		u[i] = best
		if rowOf[bj] < 0 {
			rowOf[bj], colOf[i] = int32(i), bj
		} else {
			colOf[i] = -1
			free = append(free, int32(i))
		}
	}
	dist := make([]float64, n)
	path := make([]int32, n)
	stamp := make([]int32, n) // dist and path are current when stamp == epoch
	done := make([]int32, n)  // settled in the current search when == epoch
	var heap []lapItem
	var sr, sc []int32
	epoch := int32(0)
	for _, cur := range free {
		if err := ctx.Err(); err != nil {
			return g.finish(colOf), err
		}
		epoch++
		heap, sr, sc = heap[:0], sr[:0], sc[:0]
		minVal := 0.0
		i := cur
		// best is the nearest free column reached so far: no path
		// through a column farther than it can end nearer.
		best, bestCol := math.Inf(1), int32(-1)
		for {
			sr = append(sr, i)
			ui := u[i]
			if d := int32(nc) + i; minVal-ui < best {
				best, bestCol = minVal-ui, d
				dist[d], path[d], stamp[d] = best, i, epoch
			}
			for e := g.start[i]; e < g.start[i+1]; e++ {
				j := g.col[e]
				r := minVal + g.cost[e] - ui - v[j]
				if r >= best || done[j] == epoch || stamp[j] == epoch && r >= dist[j] {
					continue
				}
				dist[j], path[j], stamp[j] = r, i, epoch
				if rowOf[j] < 0 {
					best, bestCol = r, j
				} else {
					heap = lapPush(heap, lapItem{r, j})
				}
			}
			// The nearest unsettled matched column, unless the best
			// free column is at least as near.
			j := int32(-1)
			for len(heap) > 0 {
				var it lapItem
				heap, it = lapPop(heap)
				if done[it.j] != epoch && it.d == dist[it.j] {
					j = it.j
					if it.d >= best {
						j = -1
					}
					break
				}
			}
			if j < 0 {
				break
			}
			done[j] = epoch
			sc = append(sc, j)
			minVal = dist[j]
			i = rowOf[j]
		}
		sink := bestCol
		minVal = best
		u[cur] += minVal
		for _, i := range sr[1:] {
			u[i] += minVal - dist[colOf[i]]
		}
		for _, j := range sc {
			v[j] -= minVal - dist[j]
		}
		for j := sink; ; {
			i := path[j]
			rowOf[j] = i
			colOf[i], j = j, colOf[i]
			if i == cur {
				break
			}
		}
	}
	return g.finish(colOf), nil
}

// finish turns dummy columns into −1.
func (g *sparseLAP) finish(colOf []int32) []int32 {
	for i, j := range colOf {
		if int(j) >= g.nc {
			colOf[i] = -1
		}
	}
	return colOf
}

func lapPush(h []lapItem, it lapItem) []lapItem {
	h = append(h, it)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if h[p].d <= it.d {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = it
	return h
}

func lapPop(h []lapItem) ([]lapItem, lapItem) {
	top := h[0]
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	if n == 0 {
		return h, top
	}
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && h[r].d < h[l].d {
			m = r
		}
		if h[m].d >= last.d {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = last
	return h, top
}
