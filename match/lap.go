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
// The costs may be float32 when that holds them exactly (half the
// memory to read); the arithmetic is float64 either way, so both give
// the same result.
// colOf[i] is row i's column. When ctx ends the rows assigned so far
// form a valid partial assignment and the others have colOf −1.
//
// It is Jonker & Volgenant's LAPJV in its v-only form (row duals are
// implied: u(i) = min_j c(i,j) − v(j), attained at row i's column):
// column reduction and reduction transfer (square matrices only), two
// rounds of augmenting row reduction, then a shortest augmenting path
// per remaining free row that settles all columns at the current
// distance at once, so that integer costs with many ties cost little.
// A rectangular matrix starts from v = 0, which keeps every free
// column's v at 0, the condition that makes shortest paths to any free
// column optimal (Bijsterbosch & Volgenant 2010, "Solving the
// rectangular assignment problem and applications", Ann. Oper. Res.).
func lapDense[T float32 | float64](ctx context.Context, nr, nc int, cost []T) (colOf []int32, err error) {
	return lapDenseHint(ctx, nr, nc, cost, nil)
}

// rowBest is a row's best and second-best column and their costs, as
// the first step of the augmenting row reduction finds them when every
// v is 0 (see lapRowReduction).
type rowBest struct {
	u1, u2 float64
	j1, j2 int32
}

// scanRow finds row's rowBest with v = 0, as lapRowReduction would:
// j1 is the first column of least cost, j2 the first other column of
// least cost.
func scanRow[T float32 | float64](row []T) rowBest {
	b := rowBest{u1: math.Inf(1), u2: math.Inf(1), j1: -1, j2: -1}
	for j, c := range row {
		if h := float64(c); h < b.u2 {
			if h >= b.u1 {
				b.u2, b.j2 = h, int32(j)
			} else {
				b.u2, b.j2 = b.u1, b.j1
				b.u1, b.j1 = h, int32(j)
			}
		}
	}
	return b
}

// lapDenseHint is lapDense with, for a rectangular matrix (nr < nc),
// each row's rowBest found beforehand (hint[i], or hint nil), so that
// the row reduction need not read a row whose two best columns are
// still at v = 0 when it first comes to it: as v only falls, the other
// columns can only get dearer, and the scan would find the same.
// The caller finds them while it writes the matrix, which saves a pass
// over it.
func lapDenseHint[T float32 | float64](ctx context.Context, nr, nc int, cost []T, hint []rowBest) (colOf []int32, err error) {
	if nr > nc || len(cost) != nr*nc {
		panic("match: lapDense needs nr ≤ nc and an nr×nc matrix")
	}
	inf := math.Inf(1)
	v := make([]float64, nc)
	colOf = make([]int32, nr)
	rowOf := make([]int32, nc)
	for j := range rowOf {
		rowOf[j] = -1
	}
	for i := range colOf {
		colOf[i] = -1
	}
	if err := ctx.Err(); err != nil {
		return colOf, err
	}
	free := make([]int32, 0, nr)
	if nr == nc && nc > 1 {
		// Column reduction: v(j) is the column minimum, and the row
		// holding it takes the column unless it already has one with a
		// lower v. The minima are found row by row, in memory order.
		argmin := make([]int32, nc)
		for j := range v {
			v[j] = float64(cost[j])
		}
		for i := 1; i < nr; i++ {
			row := cost[i*nc : (i+1)*nc]
			for j, c := range row {
				if c := float64(c); c < v[j] {
					v[j], argmin[j] = c, int32(i)
				}
			}
		}
		matches := make([]int32, nr)
		for j := nc - 1; j >= 0; j-- {
			i := argmin[j]
			matches[i]++
			switch {
			case matches[i] == 1:
				colOf[i], rowOf[j] = int32(j), i
			case v[j] < v[colOf[i]]:
				rowOf[colOf[i]] = -1
				colOf[i], rowOf[j] = int32(j), i
			}
		}
		// Reduction transfer: a row that is the minimum of exactly one
		// column passes its slack to it, so that its second-best column
		// is as good as its own.
		for i := 0; i < nr; i++ {
			switch matches[i] {
			case 0:
				free = append(free, int32(i))
			case 1:
				j1 := colOf[i]
				row := cost[i*nc : (i+1)*nc]
				m := inf
				for j, c := range row {
					if h := float64(c) - v[j]; h < m && j != int(j1) {
						m = h
					}
				}
				v[j1] -= m
			}
		}
	} else {
		for i := 0; i < nr; i++ {
			free = append(free, int32(i))
		}
	}

	if nr == nc {
		hint = nil
	}
	if nc > 1 {
		free = lapRowReduction(nr, nc, cost, v, colOf, rowOf, free, hint)
	}
	for _, i := range free {
		colOf[i] = -1
	}

	d := make([]float64, nc)
	pred := make([]int32, nc)
	cols := make([]int32, nc)
	for _, f := range free {
		if err := ctx.Err(); err != nil {
			return colOf, err
		}
		row := cost[int(f)*nc : int(f+1)*nc]
		for j := range cols {
			cols[j] = int32(j)
			d[j] = float64(row[j]) - v[j]
			pred[j] = f
		}
		// cols[:low] are settled, cols[low:up] are at distance min and
		// wait to be scanned, cols[up:] are farther.
		low, up := 0, 0
		end := int32(-1)
		m := 0.0
	search:
		for {
			if up == low {
				m = d[cols[up]]
				up++
				for k := up; k < nc; k++ {
					j := cols[k]
					if h := d[j]; h <= m {
						if h < m {
							up, m = low, h
						}
						cols[k], cols[up] = cols[up], j
						up++
					}
				}
				for _, j := range cols[low:up] {
					if rowOf[j] < 0 {
						end = j
						break search
					}
				}
			}
			j1 := cols[low]
			low++
			i := rowOf[j1]
			rowi := cost[int(i)*nc : int(i+1)*nc]
			h := float64(rowi[j1]) - v[j1] - m
			for k := up; k < nc; k++ {
				j := cols[k]
				if r := float64(rowi[j]) - v[j] - h; r < d[j] {
					pred[j] = i
					if r == m {
						if rowOf[j] < 0 {
							end = j
							break search
						}
						cols[k], cols[up] = cols[up], j
						up++
					}
					d[j] = r
				}
			}
			if up == low && up == nc {
				return colOf, errNoAssignment
			}
		}
		for _, j := range cols[:low] {
			v[j] += d[j] - m
		}
		for j := end; ; {
			i := pred[j]
			rowOf[j] = i
			colOf[i], j = j, colOf[i]
			if i == f {
				break
			}
		}
	}
	return colOf, nil
}

// lapRowReduction is JV's augmenting row reduction, two rounds: each
// free row takes its best column (by c − v), lowering that column's v
// until the row's second best is as good, and the column's previous row
// becomes free. It keeps every assigned row at its best column and
// returns the rows still free. Rounds are capped, since with real costs
// the lowering steps can become tiny.
func lapRowReduction[T float32 | float64](nr, nc int, cost []T, v []float64, colOf, rowOf, free []int32, hint []rowBest) []int32 {
	inf := math.Inf(1)
	var scanned []bool // rows met before, whose hint no longer applies
	if hint != nil {
		scanned = make([]bool, nr)
	}
	for round := 0; round < 2; round++ {
		k, prev, nf := 0, len(free), 0
		budget := 4*nr + 16
		for k < prev {
			if budget--; budget < 0 {
				nf += copy(free[nf:], free[k:prev])
				break
			}
			i := free[k]
			k++
			u1, u2 := inf, inf
			j1, j2 := int32(-1), int32(-1)
			if h := hint; h != nil && !scanned[i] && h[i].j2 >= 0 && v[h[i].j1] == 0 && v[h[i].j2] == 0 {
				u1, u2, j1, j2 = h[i].u1, h[i].u2, h[i].j1, h[i].j2
			} else {
				row := cost[int(i)*nc : int(i+1)*nc]
				for j, c := range row {
					if h := float64(c) - v[j]; h < u2 {
						if h >= u1 {
							u2, j2 = h, int32(j)
						} else {
							u2, j2 = u1, j1
							u1, j1 = h, int32(j)
						}
					}
				}
			}
			if scanned != nil {
				scanned[i] = true
			}
			i0 := rowOf[j1]
			if u1 < u2 {
				v[j1] -= u2 - u1
			} else if i0 >= 0 {
				j1, i0 = j2, rowOf[j2]
			}
			colOf[i], rowOf[j1] = j1, i
			if i0 >= 0 {
				if u1 < u2 {
					k--
					free[k] = i0
				} else {
					free[nf] = i0
					nf++
				}
			}
		}
		free = free[:nf]
	}
	return free
}

// sparseLAP is a bipartite graph of rows and columns with edge costs, in
// compressed rows: row i's edges are start[i]..start[i+1]. Costs may be
// float32 when that holds them exactly (less memory to read on every
// search); the arithmetic is float64 either way.
type sparseLAP[T float32 | float64] struct {
	nr, nc int
	start  []int32
	col    []int32
	cost   []T
}

type lapItem struct {
	d float64
	j int32
}

// solve finds the least-cost matching in which each row takes at most
// one column, a row left out costing 0: with costs −score it is the
// maximum-weight matching. colOf[i] is row i's column, or −1. When ctx
// ends the rows matched so far form a valid matching.
func (g *sparseLAP[T]) solve(ctx context.Context) (colOf []int32, err error) {
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
	free := make([]int32, nr)
	for i := range free {
		colOf[i] = -1
		free[i] = int32(i)
	}
	if err := ctx.Err(); err != nil {
		return g.finish(colOf), err
	}
	free = g.rowReduction(u, v, colOf, rowOf, free)
	for _, i := range free {
		colOf[i] = -1
	}
	st := make([]lapCol, n)
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
			base := minVal - ui
			if d := int32(nc) + i; base-v[d] < best {
				best, bestCol = base-v[d], d
				st[d] = lapCol{dist: best, path: i, stamp: epoch}
			}
			lo, hi := g.start[i], g.start[i+1]
			cols, costs := g.col[lo:hi], g.cost[lo:hi]
			costs = costs[:len(cols)]
			for k, j := range cols {
				r := base + float64(costs[k]) - v[j]
				if r >= best {
					continue
				}
				c := &st[j]
				if c.stamp == epoch && (r >= c.dist || c.done) {
					continue
				}
				*c = lapCol{dist: r, path: i, stamp: epoch}
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
				if c := &st[it.j]; !c.done && it.d == c.dist {
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
			st[j].done = true
			sc = append(sc, j)
			minVal = st[j].dist
			i = rowOf[j]
		}
		sink := bestCol
		minVal = best
		u[cur] += minVal
		for _, i := range sr[1:] {
			u[i] += minVal - st[colOf[i]].dist
		}
		for _, j := range sc {
			v[j] -= minVal - st[j].dist
		}
		for j := sink; ; {
			i := st[j].path
			rowOf[j] = i
			colOf[i], j = j, colOf[i]
			if i == cur {
				break
			}
		}
	}
	return g.finish(colOf), nil
}

// lapCol is a column's state in the current search: its distance and
// the row it is reached from are current when stamp is the search's
// epoch; done says it is settled.
type lapCol struct {
	dist        float64
	path, stamp int32
	done        bool
}

// rowReduction is JV's augmenting row reduction (see
// lapRowReduction) over the sparse rows, each with its dummy as one more
// column of cost 0. Starting from v = 0 it keeps free columns at v = 0;
// u(i) is set for the rows it assigns. It returns the rows still free.
func (g *sparseLAP[T]) rowReduction(u, v []float64, colOf, rowOf, free []int32) []int32 {
	inf := math.Inf(1)
	for round := 0; round < 2; round++ {
		k, prev, nf := 0, len(free), 0
		budget := 4*g.nr + 16
		for k < prev {
			if budget--; budget < 0 {
				nf += copy(free[nf:], free[k:prev])
				break
			}
			i := free[k]
			k++
			d := int32(g.nc) + i
			u1, u2 := -v[d], inf
			j1, j2 := d, int32(-1)
			for e := g.start[i]; e < g.start[i+1]; e++ {
				j := g.col[e]
				if h := float64(g.cost[e]) - v[j]; h < u2 {
					if h >= u1 {
						u2, j2 = h, j
					} else {
						u2, j2 = u1, j1
						u1, j1 = h, j
					}
				}
			}
			i0 := rowOf[j1]
			switch {
			case u1 < u2 && j2 >= 0:
				v[j1] -= u2 - u1
				u[i] = u2
			case u1 < u2:
				u[i] = u1
			case i0 >= 0:
				j1, i0 = j2, rowOf[j2]
				u[i] = u1
			default:
				u[i] = u1
			}
			colOf[i], rowOf[j1] = j1, i
			if i0 >= 0 {
				if u1 < u2 {
					k--
					free[k] = i0
				} else {
					free[nf] = i0
					nf++
				}
			}
		}
		free = free[:nf]
	}
	return free
}

// finish turns dummy columns into −1.
func (g *sparseLAP[T]) finish(colOf []int32) []int32 {
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
