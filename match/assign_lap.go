package match

import (
	"context"
	"slices"
)

// Which solver Assign uses; tests force one, the zero value picks.
const (
	solverAuto = iota
	solverFlow // the general min-cost flow
	solverLAP  // the assignment core, where it applies
)

func allOne(xs []int) bool { return !slices.ContainsFunc(xs, func(n int) bool { return n != 1 }) }

// lapMinPairs is the number of pairs from which Assign uses the
// assignment core where it applies (see Assign).
const lapMinPairs = 4096

// denseLimit caps the cells of a dense LAP matrix (8 bytes each).
const denseLimit = 1 << 27

// assignLAP solves the problem as a linear assignment problem when
// that is exact: no minimum, no fairness, and every start-up or every
// contact has room for at most one more meeting. The other side's
// remaining capacities become copies of its columns. ok is false when
// the problem needs the flow. chosen holds indexes into the caller's
// pairs.
//
// cs are the usable candidates, supplyS and supplyC the units each
// start-up and contact may still take (capacity left, capped by its
// candidates). When the scores form the complete score matrix, its
// costs are the LAP's matrix as they are.
func assignLAP(ctx context.Context, cs *candidates, supplyS, supplyC []int) (chosen []int32, ok bool, err error) {
	unitS := !slices.ContainsFunc(supplyS, func(n int) bool { return n > 1 })
	unitC := !slices.ContainsFunc(supplyC, func(n int) bool { return n > 1 })
	if !unitS && !unitC {
		return nil, false, nil
	}
	rowsAreStartups := unitS
	if unitS && unitC {
		var units [2]int
		for _, n := range supplyS {
			units[0] += n
		}
		for _, n := range supplyC {
			units[1] += n
		}
		rowsAreStartups = units[0] <= units[1]
	}
	if cs.grid && rowsAreStartups && cs.nS <= cs.nC && allOne(supplyS) && allOne(supplyC) {
		// The costs are the complete matrix, one meeting each.
		var colOf []int32
		if cs.cost32 != nil {
			colOf, err = lapDenseHint(ctx, cs.nS, cs.nC, cs.cost32, cs.best)
		} else {
			colOf, err = lapDenseHint(ctx, cs.nS, cs.nC, cs.cost, cs.best)
		}
		for r, j := range colOf {
			if j >= 0 {
				chosen = append(chosen, cs.pairOf(r*cs.nC+int(j)))
			}
		}
		return chosen, true, err
	}
	cs.wide()
	// Rows are the unit side. Row entity e's candidates are the
	// positions at(entStart[e]..entStart[e+1]−1), colEntOf[k] is the
	// column entity of candidate k.
	entStart, colEntOf := cs.bucket, cs.cols()
	var order []int32
	rowSupply, colSupply := supplyS, supplyC
	if !rowsAreStartups {
		entStart, order, colEntOf = cs.byContact()
		rowSupply, colSupply = supplyC, supplyS
	}
	at := func(i int32) int32 {
		if order == nil {
			return i
		}
		return order[i]
	}

	// Rows and column copies.
	var rowEnt []int32
	for e, n := range rowSupply {
		if n > 0 {
			rowEnt = append(rowEnt, int32(e))
		}
	}
	colBase := make([]int32, len(colSupply))
	var colEnt []int32
	colEntities := 0
	for e, n := range colSupply {
		colBase[e] = int32(len(colEnt))
		if n > 0 {
			colEntities++
		}
		for k := 0; k < n; k++ {
			colEnt = append(colEnt, int32(e))
		}
	}
	nr, nc := len(rowEnt), len(colEnt)
	if nr == 0 || nc == 0 {
		return nil, true, nil
	}
	allCols := colEntities == len(colSupply)
	usable, edges := 0, 0
	for _, e := range rowEnt {
		if allCols && nc == len(colSupply) {
			usable += int(entStart[e+1] - entStart[e])
			continue
		}
		for i := entStart[e]; i < entStart[e+1]; i++ {
			if n := colSupply[colEntOf[at(i)]]; n > 0 {
				usable++
				edges += n
			}
		}
	}
	if allCols && nc == len(colSupply) {
		edges = usable
	}

	var colOf []int32
	switch {
	case usable == nr*colEntities && nr*nc <= denseLimit:
		// Every row reaches every column, and with scores > 0 a
		// maximum-weight matching is then maximal: it covers the
		// smaller side, a rectangular LAP.
		a := make([]float64, nr*nc)
		for r, e := range rowEnt {
			row := a[r*nc : (r+1)*nc]
			for i := entStart[e]; i < entStart[e+1]; i++ {
				k := at(i)
				ce := colEntOf[k]
				w := cs.cost[k]
				for b, end := int(colBase[ce]), int(colBase[ce])+colSupply[ce]; b < end; b++ {
					row[b] = w
				}
			}
		}
		if nr <= nc {
			colOf, err = lapDense(ctx, nr, nc, a)
			break
		}
		t := make([]float64, len(a))
		for r := 0; r < nr; r++ {
			for c := 0; c < nc; c++ {
				t[c*nr+r] = a[r*nc+c]
			}
		}
		a = nil
		var rowOf []int32
		rowOf, err = lapDense(ctx, nc, nr, t)
		colOf = make([]int32, nr)
		for r := range colOf {
			colOf[r] = -1
		}
		for c, r := range rowOf {
			if r >= 0 {
				colOf[r] = int32(c)
			}
		}
	case rowsAreStartups && nr == cs.nS && nc == cs.nC && allOne(supplyC):
		// One row per start-up, one column per contact: the candidates
		// are the graph as they are.
		if c32 := narrow(cs.cost); c32 != nil {
			g := &sparseLAP[float32]{nr: nr, nc: nc, start: cs.bucket, col: cs.cols(), cost: c32}
			colOf, err = g.solve(ctx)
			break
		}
		g := &sparseLAP[float64]{nr: nr, nc: nc, start: cs.bucket, col: cs.cols(), cost: cs.cost}
		colOf, err = g.solve(ctx)
	default:
		g := &sparseLAP[float64]{nr: nr, nc: nc, start: make([]int32, nr+1), col: make([]int32, 0, edges), cost: make([]float64, 0, edges)}
		for r, e := range rowEnt {
			for i := entStart[e]; i < entStart[e+1]; i++ {
				k := at(i)
				ce := colEntOf[k]
				w := cs.cost[k]
				for b, end := colBase[ce], colBase[ce]+int32(colSupply[ce]); b < end; b++ {
					g.col = append(g.col, b)
					g.cost = append(g.cost, w)
				}
			}
			g.start[r+1] = int32(len(g.col))
		}
		colOf, err = g.solve(ctx)
	}
	for r, j := range colOf {
		if j < 0 {
			continue
		}
		e, ce := rowEnt[r], colEnt[j]
		lo, hi := entStart[e], entStart[e+1]
		// Binary search over the row's candidates, ordered by column
		// entity.
		for lo < hi {
			mid := lo + (hi-lo)/2
			if colEntOf[at(mid)] < ce {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		if lo == entStart[e+1] || colEntOf[at(lo)] != ce {
			panic("match: assignment core chose a pair that is not a candidate")
		}
		chosen = append(chosen, cs.pairOf(int(at(lo))))
	}
	return chosen, true, err
}

// narrow is cost as float32, or nil when float32 does not hold every
// cost exactly. On scores such as Score's it gives up at the first.
func narrow(cost []float64) []float32 {
	if len(cost) == 0 || float64(float32(cost[0])) != cost[0] {
		return nil
	}
	out := make([]float32, len(cost))
	for k, w := range cost {
		f := float32(w)
		if float64(f) != w {
			return nil
		}
		out[k] = f
	}
	return out
}
