package match

import (
	"cmp"
	"context"
	"slices"
)

// Which solver Assign uses; tests force one, the zero value picks.
const (
	solverAuto = iota
	solverFlow // the general min-cost flow
	solverLAP  // the assignment core, where it applies
)

// denseLimit caps the cells of a dense LAP matrix (8 bytes each).
const denseLimit = 1 << 27

// assignLAP solves the problem as a linear assignment problem when
// that is exact: no minimum, no fairness, and every start-up or every
// contact has room for at most one more meeting. The other side's
// remaining capacities become copies of its columns. ok is false when
// the problem needs the flow. chosen holds indexes into the caller's
// pairs.
//
// cands are the usable candidates sorted by start-up then contact,
// supplyS and supplyC the units each start-up and contact may still
// take (capacity left, capped by its candidates).
func assignLAP(ctx context.Context, cands []cand, nS, nC int, score func(pair int32) float64, supplyS, supplyC []int) (chosen []int32, ok bool, err error) {
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
	// Rows are the unit side; x.s is a row entity, x.c a column entity.
	nRowEnt, nColEnt := nS, nC
	rowSupply, colSupply := supplyS, supplyC
	if !rowsAreStartups {
		nRowEnt, nColEnt = nC, nS
		rowSupply, colSupply = supplyC, supplyS
		t := make([]cand, len(cands))
		countingSort(t, cands, nC, func(x cand) int32 { return x.c })
		for i := range t {
			t[i].s, t[i].c = t[i].c, t[i].s
		}
		cands = t
	}

	// Rows, column copies and the usable candidates grouped by row.
	rowEnt := make([]int32, 0, nRowEnt)
	rowOfEnt := make([]int32, nRowEnt)
	for e, n := range rowSupply {
		rowOfEnt[e] = -1
		if n > 0 {
			rowOfEnt[e] = int32(len(rowEnt))
			rowEnt = append(rowEnt, int32(e))
		}
	}
	colBase := make([]int32, nColEnt)
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
	use := make([]cand, 0, len(cands))
	rowStart := make([]int32, nr+1)
	edges := 0
	for _, x := range cands {
		if rowSupply[x.s] > 0 && colSupply[x.c] > 0 {
			use = append(use, x)
			rowStart[rowOfEnt[x.s]+1]++
			edges += colSupply[x.c]
		}
	}
	for r := 0; r < nr; r++ {
		rowStart[r+1] += rowStart[r]
	}
	if nr == 0 || nc == 0 || len(use) == 0 {
		return nil, true, nil
	}

	var colOf []int32
	complete := len(use) == nr*colEntities
	if complete && nr*nc <= denseLimit {
		// Every row reaches every column, and with scores > 0 a
		// maximum-weight matching is then maximal: it covers the
		// smaller side, a rectangular LAP.
		a := make([]float64, nr*nc)
		for r := 0; r < nr; r++ {
			row := a[r*nc : (r+1)*nc]
			for _, x := range use[rowStart[r]:rowStart[r+1]] {
				w := -score(x.pair)
				for k, b := 0, int(colBase[x.c]); k < colSupply[x.c]; k++ {
					row[b+k] = w
				}
			}
		}
		if nr <= nc {
			colOf, err = lapDense(ctx, nr, nc, a)
		} else {
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
		}
	} else {
		g := &sparseLAP{nr: nr, nc: nc, start: make([]int32, nr+1), col: make([]int32, 0, edges), cost: make([]float64, 0, edges)}
		for r := 0; r < nr; r++ {
			for _, x := range use[rowStart[r]:rowStart[r+1]] {
				w := -score(x.pair)
				for k, b := int32(0), colBase[x.c]; k < int32(colSupply[x.c]); k++ {
					g.col = append(g.col, b+k)
					g.cost = append(g.cost, w)
				}
			}
			g.start[r+1] = int32(len(g.col))
		}
		colOf, err = g.solve(ctx)
	}
	if colOf == nil {
		return nil, true, err
	}
	for r, j := range colOf {
		if j < 0 {
			continue
		}
		row := use[rowStart[r]:rowStart[r+1]]
		e := colEnt[j]
		k, found := slices.BinarySearchFunc(row, e, func(x cand, e int32) int { return cmp.Compare(x.c, e) })
		if !found {
			panic("match: assignment core chose a pair that is not a candidate")
		}
		chosen = append(chosen, row[k].pair)
	}
	return chosen, true, err
}
