package optw

import (
	"context"
	"fmt"
	"math"
	"math/bits"
)

// exactMax is the largest number of candidate customers Exact accepts.
const exactMax = 16

// Exact returns an optimal solution, with Stop set to Optimal. It
// accepts instances with at most 16 candidate customers (nodes that are
// not depots and have a positive value or are required) and returns
// ErrTooLarge for more; ErrInfeasible when no solution visits every
// required node; ctx.Err() when ctx ends first.
//
// The method is a label-setting dynamic programme over subsets in the
// manner of Righini & Salani (2006, 2009) without state-space
// relaxation: for each route and each (set of visited customers, last
// customer, break taken or not) it keeps the earliest service start, which
// dominates every later one because waiting is allowed. This gives the
// sets each route can visit; a second programme over disjoint subsets
// assigns sets to routes. Time is O(m·(2^k·k² + 3^k)) for k candidates
// and m routes, per candidate hotel; memory O(2^k·k).
func Exact(ctx context.Context, in *Instance) (Solution, error) {
	if err := in.Validate(); err != nil {
		return Solution{}, err
	}
	hotels := []int{-1}
	if in.usesHotel() {
		hotels = in.Hotels
	}
	var (
		best      [][]int
		bestVal   = math.Inf(-1)
		bestHotel = -1
	)
	for _, h := range hotels {
		p := newProblem(in, h)
		if len(p.cust) > exactMax {
			return Solution{}, fmt.Errorf("optw: %d candidate customers, at most %d: %w", len(p.cust), exactMax, ErrTooLarge)
		}
		routes, v, err := exactRoutes(ctx, p, p.cust)
		if err != nil {
			if ctx.Err() != nil {
				return Solution{}, ctx.Err()
			}
			continue
		}
		if v > bestVal+eps {
			best, bestVal, bestHotel = routes, v, h
		}
	}
	if best == nil {
		return Solution{}, fmt.Errorf("optw: no solution visits every required node: %w", ErrInfeasible)
	}
	sol, err := in.solution(best, bestHotel)
	if err != nil {
		return Solution{}, err
	}
	sol.Stop = Optimal
	return sol, nil
}

// exactRoutes solves p optimally over the customers cands (at most
// exactMax), visiting every required one.
func exactRoutes(ctx context.Context, p *problem, cands []int) ([][]int, float64, error) {
	k := len(cands)
	full := 1 << k
	var reqMask int
	valOf := make([]float64, full)
	for i, v := range cands {
		if p.required[v] {
			reqMask |= 1 << i
		}
	}
	for m := 1; m < full; m++ {
		i := bits.TrailingZeros(uint(m))
		valOf[m] = valOf[m&(m-1)] + p.val[cands[i]]
	}
	negInf := math.Inf(-1)
	prev := make([]float64, full)
	for i := range prev {
		prev[i] = negInf
	}
	prev[0] = 0
	choice := make([][]int32, len(p.routes))
	lb := &labels{}
	for r := range p.routes {
		if err := lb.run(ctx, p, r, cands); err != nil {
			return nil, 0, err
		}
		feas := make([]bool, full)
		for m := range full {
			feas[m], _, _ = lb.end(p, r, cands, m)
		}
		next := make([]float64, full)
		ch := make([]int32, full)
		for u := range full {
			next[u] = negInf
			if u&4095 == 0 && ctx.Err() != nil {
				return nil, 0, ctx.Err()
			}
			for t := u; ; t = (t - 1) & u {
				if feas[t] && prev[u^t] > negInf {
					if v := prev[u^t] + valOf[t]; v > next[u]+eps {
						next[u], ch[u] = v, int32(t)
					}
				}
				if t == 0 {
					break
				}
			}
		}
		prev, choice[r] = next, ch
	}
	bestU, bestV := -1, negInf
	for u := range full {
		if u&reqMask == reqMask && prev[u] > bestV+eps {
			bestU, bestV = u, prev[u]
		}
	}
	if bestU < 0 {
		return nil, 0, fmt.Errorf("optw: no solution visits every required node: %w", ErrInfeasible)
	}
	routes := make([][]int, len(p.routes))
	u := bestU
	for r := len(p.routes) - 1; r >= 0; r-- {
		t := int(choice[r][u])
		if err := lb.run(ctx, p, r, cands); err != nil {
			return nil, 0, err
		}
		routes[r] = lb.path(p, r, cands, t)
		u ^= t
	}
	return routes, bestV, nil
}

// labels holds the label-setting programme of one route: for each set
// of customers (a bit mask over cands) and last customer j, the earliest
// service start at j with the break done (eD) or still to come (eN), and
// the label it came from, coded as 2·(previous index) + (previous state,
// 1 for N), with -1 as the previous index for the route's start.
type labels struct {
	k      int
	eD, eN []int64
	pD, pN []int16
}

func (lb *labels) run(ctx context.Context, p *problem, r int, cands []int) error {
	k := len(cands)
	size := (1 << k) * k
	lb.k = k
	lb.eD = resize(lb.eD, size)
	lb.eN = resize(lb.eN, size)
	lb.pD = resize(lb.pD, size)
	lb.pN = resize(lb.pN, size)
	for i := range size {
		lb.eD[i], lb.eN[i] = inf, inf
	}
	rr := &p.routes[r]
	sD, sN := rr.depart, int64(inf)
	if rr.brk {
		sD, sN = inf, rr.depart
	}
	for c, v := range cands {
		if p.allowed[v]&(1<<r) != 0 {
			lb.relax(p, rr, 1<<c, c, rr.start, cands[c], sD, sN, -1)
		}
	}
	for m := 1; m < 1<<k; m++ {
		if m&1023 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		for rest := m; rest != 0; rest &= rest - 1 {
			j := bits.TrailingZeros(uint(rest))
			idx := m*k + j
			eD, eN := lb.eD[idx], lb.eN[idx]
			if eD >= inf && eN >= inf {
				continue
			}
			for c := range k {
				if m&(1<<c) != 0 || p.allowed[cands[c]]&(1<<r) == 0 {
					continue
				}
				lb.relax(p, rr, m|1<<c, c, cands[j], cands[c], eD, eN, j)
			}
		}
	}
	return nil
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// relax extends the labels (eDp, eNp) at node prev (index pj, -1 for the
// start) to customer c, giving the set m.
func (lb *labels) relax(p *problem, rr *rroute, m, c, prev, cur int, eDp, eNp int64, pj int) {
	idx := m*lb.k + c
	d := p.svc[prev] + p.t[prev*p.n+cur]
	if eDp < inf {
		if s := p.earliest(cur, eDp+d); s < lb.eD[idx] {
			lb.eD[idx], lb.pD[idx] = s, int16(2*pj)
		}
	}
	if eNp < inf {
		a := eNp + d
		if s := p.earliest(cur, a); s < lb.eN[idx] {
			lb.eN[idx], lb.pN[idx] = s, int16(2*pj+1)
		}
		if b := max(a, rr.bE) + rr.bD; b <= rr.bL {
			if s := p.earliest(cur, b); s < lb.eD[idx] {
				lb.eD[idx], lb.pD[idx] = s, int16(2*pj+1)
			}
		}
	}
}

// end reports whether route r can visit exactly the set m and reach its
// end in time, and from which last customer and state (1 for N).
func (lb *labels) end(p *problem, r int, cands []int, m int) (bool, int, int) {
	rr := &p.routes[r]
	reach := func(prev int, eD, eN int64) (bool, int) {
		d := p.svc[prev] + p.t[prev*p.n+rr.end]
		if eD < inf && eD+d <= rr.arrive {
			return true, 0
		}
		if eN < inf {
			if b := max(eN+d, rr.bE) + rr.bD; b <= min(rr.bL, rr.arrive) {
				return true, 1
			}
		}
		return false, 0
	}
	if m == 0 {
		sD, sN := rr.depart, int64(inf)
		if rr.brk {
			sD, sN = inf, rr.depart
		}
		ok, st := reach(rr.start, sD, sN)
		return ok, -1, st
	}
	for rest := m; rest != 0; rest &= rest - 1 {
		j := bits.TrailingZeros(uint(rest))
		idx := m*lb.k + j
		if ok, st := reach(cands[j], lb.eD[idx], lb.eN[idx]); ok {
			return true, j, st
		}
	}
	return false, -1, 0
}

// path rebuilds route r visiting exactly the set m, which must be
// feasible.
func (lb *labels) path(p *problem, r int, cands []int, m int) []int {
	rr := &p.routes[r]
	_, j, st := lb.end(p, r, cands, m)
	rev := []int{rr.end}
	for j >= 0 {
		rev = append(rev, cands[j])
		idx := m*lb.k + j
		code := lb.pD[idx]
		if st == 1 {
			code = lb.pN[idx]
		}
		m &^= 1 << j
		j, st = int(code>>1), int(code&1)
	}
	rev = append(rev, rr.start)
	for a, b := 0, len(rev)-1; a < b; a, b = a+1, b-1 {
		rev[a], rev[b] = rev[b], rev[a]
	}
	return rev
}
