package optw

import (
	"cmp"
	"math"
	"slices"
)

// inf and ninf stand for "no time": far enough from the int64 limits that
// adding a travel or service time cannot overflow.
const (
	inf  = math.MaxInt64 / 4
	ninf = -inf
)

// rroute is a Route with Hotel resolved to a node.
type rroute struct {
	start, end     int
	depart, arrive int64
	brk            bool
	bE, bL, bD     int64 // break earliest, latest, duration
}

// problem is an Instance prepared for the solvers: one hotel chosen,
// travel times in one flat slice, every node's windows in one slice
// (depots and nodes without windows get an unbounded window).
type problem struct {
	n        int
	t        []int64 // t[i*n+j]
	tT       []int64 // transposed: tT[j*n+i] = t[i*n+j]
	svc      []int64 // zero for depots
	val      []float64
	wOff     []int32 // windows of i: wins[wOff[i]:wOff[i+1]]
	wins     []Window
	open     []int64  // first window opening of each node
	close    []int64  // last window closing of each node
	single   []bool   // the node has one window: [open, close]
	allowed  []uint64 // bit r set: route r may visit the node
	required []bool
	routes   []rroute
	cust     []int // nodes worth visiting: not depots, and valuable or required
	byValue  []int // the customers of positive value, most valuable first
	hotel    int
	// simple: every customer has one window and no route has a break,
	// so the local search's segment summaries apply.
	simple bool
	// anyRoute: every customer may be visited by every route.
	anyRoute bool
}

// newProblem prepares in, with hotel in place of Hotel (-1 when unused).
// in must be valid.
func newProblem(in *Instance, hotel int) *problem {
	n := len(in.Nodes)
	p := &problem{
		n:        n,
		t:        make([]int64, n*n),
		svc:      make([]int64, n),
		val:      make([]float64, n),
		wOff:     make([]int32, n+1),
		allowed:  make([]uint64, n),
		required: make([]bool, n),
		hotel:    hotel,
	}
	for i, row := range in.Travel {
		copy(p.t[i*n:], row)
	}
	p.tT = make([]int64, n*n)
	for i, row := range in.Travel {
		for j, v := range row {
			p.tT[j*n+i] = v
		}
	}
	depot := in.depots()
	all := uint64(1)<<len(in.Routes) - 1
	if len(in.Routes) == maxRoutes {
		all = math.MaxUint64
	}
	for i, nd := range in.Nodes {
		p.wOff[i] = int32(len(p.wins))
		if depot[i] || len(nd.Windows) == 0 {
			p.wins = append(p.wins, Window{ninf, inf})
		} else {
			p.wins = append(p.wins, nd.Windows...)
		}
		if depot[i] {
			continue
		}
		p.svc[i] = nd.Service
		p.val[i] = nd.Value
		p.required[i] = nd.Required
		p.allowed[i] = all
		if len(nd.Routes) > 0 {
			p.allowed[i] = 0
			for _, r := range nd.Routes {
				p.allowed[i] |= 1 << r
			}
		}
		if nd.Value > 0 || nd.Required {
			p.cust = append(p.cust, i)
		}
	}
	p.wOff[n] = int32(len(p.wins))
	p.open, p.close, p.single = make([]int64, n), make([]int64, n), make([]bool, n)
	for i := range n {
		p.single[i] = p.wOff[i+1]-p.wOff[i] == 1
		p.open[i] = p.wins[p.wOff[i]].Open
		p.close[i] = p.wins[p.wOff[i+1]-1].Close
	}
	for _, rt := range in.Routes {
		r := rroute{start: rt.Start, end: rt.End, depart: rt.Depart, arrive: rt.Arrive}
		if r.start == Hotel {
			r.start = hotel
		}
		if r.end == Hotel {
			r.end = hotel
		}
		if b := rt.Break; b != nil {
			r.brk, r.bE, r.bL, r.bD = true, b.Earliest, b.Latest, b.Duration
		}
		p.routes = append(p.routes, r)
	}
	for _, i := range p.cust {
		if p.val[i] > 0 {
			p.byValue = append(p.byValue, i)
		}
	}
	slices.SortStableFunc(p.byValue, func(a, b int) int { return cmp.Compare(p.val[b], p.val[a]) })
	p.simple, p.anyRoute = true, true
	for _, r := range p.routes {
		p.simple = p.simple && !r.brk
	}
	for _, i := range p.cust {
		p.simple = p.simple && p.single[i]
		p.anyRoute = p.anyRoute && p.allowed[i] == all
	}
	return p
}

// earliest is the first window time of node i at or after a, or inf.
func (p *problem) earliest(i int, a int64) int64 {
	if p.single[i] {
		if a > p.close[i] {
			return inf
		}
		return max(a, p.open[i])
	}
	for _, w := range p.wins[p.wOff[i]:p.wOff[i+1]] {
		if a <= w.Close {
			return max(a, w.Open)
		}
	}
	return inf
}

// latest is the last window time of node i at or before x, or ninf.
func (p *problem) latest(i int, x int64) int64 {
	ws := p.wins[p.wOff[i]:p.wOff[i+1]]
	for k := len(ws) - 1; k >= 0; k-- {
		if ws[k].Open <= x {
			return min(x, ws[k].Close)
		}
	}
	return ninf
}

// A route is a sequence of nodes with the bookkeeping that makes
// insertion and removal checks O(1) (Vansteenwegen et al. 2009 keep Wait
// and MaxShift; the latest arrival times below generalise MaxShift to
// several windows per node and to a pending break). A route with a break
// is in one of two states at each position: the break is still to come
// (N) or it is done (D); a route without a break is always in state D.
//
//	eD[q], eN[q]: earliest service start at position q in each state, or inf
//	lD[q], lN[q]: latest arrival at position q in each state from which
//	              the rest of the route is still feasible, or ninf
//
// Because waiting is allowed and travel times are fixed, an earlier
// arrival is never worse, so these four numbers summarise a position.
type route struct {
	seq            []int
	eD, eN, lD, lN []int64
	travel         int64 // total travel time along seq
}

// update recomputes the bookkeeping of route rt, which is route r.
func (p *problem) update(r int, rt *route) {
	rr := &p.routes[r]
	L := len(rt.seq)
	rt.eD = slices.Grow(rt.eD[:0], L)[:L]
	rt.eN = slices.Grow(rt.eN[:0], L)[:L]
	rt.lD = slices.Grow(rt.lD[:0], L)[:L]
	rt.lN = slices.Grow(rt.lN[:0], L)[:L]
	n := p.n
	seq := rt.seq
	if rr.brk {
		rt.eD[0], rt.eN[0] = inf, rr.depart
	} else {
		rt.eD[0], rt.eN[0] = rr.depart, inf
	}
	last := L - 1
	rt.travel = 0
	for q := 1; q <= last; q++ {
		prev, cur := seq[q-1], seq[q]
		rt.travel += p.t[prev*n+cur]
		d := p.svc[prev] + p.t[prev*n+cur]
		eD, eN := int64(inf), int64(inf)
		if rt.eD[q-1] < inf {
			eD = p.earliest(cur, rt.eD[q-1]+d)
		}
		if rt.eN[q-1] < inf {
			a := rt.eN[q-1] + d
			eN = p.earliest(cur, a)
			if b := max(a, rr.bE) + rr.bD; b <= rr.bL {
				eD = min(eD, p.earliest(cur, b))
			}
		}
		if q == last {
			if eD > rr.arrive {
				eD = inf
			}
			if eN > rr.arrive {
				eN = inf
			}
		}
		rt.eD[q], rt.eN[q] = eD, eN
	}
	rt.lD[last], rt.lN[last] = rr.arrive, ninf
	if rr.brk {
		if m := min(rr.bL, rr.arrive); rr.bE+rr.bD <= m {
			rt.lN[last] = m - rr.bD
		}
	}
	for q := last - 1; q >= 0; q-- {
		cur, nxt := seq[q], seq[q+1]
		d := p.svc[cur] + p.t[cur*n+nxt]
		lD := int64(ninf)
		if rt.lD[q+1] > ninf {
			lD = p.latest(cur, rt.lD[q+1]-d)
		}
		rt.lD[q] = lD
		if !rr.brk {
			rt.lN[q] = ninf
			continue
		}
		lN := int64(ninf)
		if rt.lN[q+1] > ninf {
			lN = p.latest(cur, rt.lN[q+1]-d)
		}
		if q > 0 && lD > ninf {
			if m := min(rr.bL, lD); rr.bE+rr.bD <= m {
				lN = max(lN, m-rr.bD)
			}
		}
		rt.lN[q] = lN
	}
}

// feasible reports whether the route, as last updated, is feasible.
func (rt *route) feasible() bool { return rt.eD[len(rt.seq)-1] < inf }

// canInsert reports whether node j fits between positions q and q+1 of
// route r, and by how much it delays the arrival at position q+1 (the
// shift of Vansteenwegen et al.; it may be negative when travel times
// break the triangle inequality).
func (p *problem) canInsert(r int, rt *route, q, j int) (bool, int64) {
	n := p.n
	prev, nxt := rt.seq[q], rt.seq[q+1]
	tpj, tjn, tpn := p.t[prev*n+j], p.t[j*n+nxt], p.t[prev*n+nxt]
	sp, sj := p.svc[prev], p.svc[j]
	if e := rt.eD[q]; e < inf {
		if s := p.earliest(j, e+sp+tpj); s < inf {
			if arr := s + sj + tjn; arr <= rt.lD[q+1] {
				return true, arr - (e + sp + tpn)
			}
		}
	}
	if e := rt.eN[q]; e < inf {
		rr := &p.routes[r]
		a := e + sp + tpj
		if s := p.earliest(j, a); s < inf {
			if arr := s + sj + tjn; arr <= rt.lN[q+1] {
				return true, arr - (e + sp + tpn)
			}
		}
		if b := max(a, rr.bE) + rr.bD; b <= rr.bL {
			if s := p.earliest(j, b); s < inf {
				if arr := s + sj + tjn; arr <= rt.lD[q+1] {
					return true, arr - (e + sp + tpn)
				}
			}
		}
	}
	return false, 0
}

// bestInsert returns the best ratio vv/shift of inserting node j, which
// has one window, between positions q and q+1 of a route without a
// break for q in [lo, hi), and the position, or (-1, -1) when j fits
// nowhere there. It is canInsert unrolled for that case: both travel
// times it needs come from node j's rows of t and tT, which stay in
// cache while the loop runs over the route.
func (p *problem) bestInsert(rt *route, j int, vv float64, lo, hi int) (float64, int) {
	n := p.n
	tin, tout := p.tT[j*n:j*n+n], p.t[j*n:j*n+n]
	oj, cj, sj := p.open[j], p.close[j], p.svc[j]
	seq, eD, lD := rt.seq, rt.eD, rt.lD
	best, bq := -1.0, -1
	for q := lo; q < hi; q++ {
		prev := seq[q]
		dep := eD[q] + p.svc[prev]
		a := dep + tin[prev]
		if a > cj {
			continue
		}
		nxt := seq[q+1]
		arr := max(a, oj) + sj + tout[nxt]
		if arr > lD[q+1] {
			continue
		}
		if v := vv / float64(max(arr-(dep+p.t[prev*n+nxt]), 1)); v > best {
			best, bq = v, q
		}
	}
	return best, bq
}

// span returns the positions q of route rt after which node j might be
// inserted: q in [lo, hi). Start times eD and latest arrivals lD never
// decrease along a route, so positions whose service starts after j's
// last window closes, or whose successor must be reached before j's
// first window opens plus its service, are out. Routes with a break keep
// every position.
func (p *problem) span(r int, rt *route, j int) (lo, hi int) {
	last := len(rt.seq) - 1
	if p.routes[r].brk {
		return 0, last
	}
	need := p.open[j] + p.svc[j]
	lo, hi = 0, last
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rt.lD[m+1] < need {
			lo = m + 1
		} else {
			hi = m
		}
	}
	c := p.close[j]
	hi = last
	for hi > lo && rt.eD[hi-1] > c {
		hi--
	}
	return lo, hi
}

// canRemove reports whether positions a..b (inclusive, 0 < a <= b <
// last) can be cut out of the route, which may fail when travel times
// break the triangle inequality.
func (p *problem) canRemove(rt *route, a, b int) bool {
	prev, nxt := rt.seq[a-1], rt.seq[b+1]
	d := p.svc[prev] + p.t[prev*p.n+nxt]
	if e := rt.eD[a-1]; e < inf && e+d <= rt.lD[b+1] {
		return true
	}
	if e := rt.eN[a-1]; e < inf && e+d <= rt.lN[b+1] {
		return true
	}
	return false
}
