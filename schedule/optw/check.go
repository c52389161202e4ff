package optw

import (
	"errors"
	"fmt"
)

// Reasons a route is infeasible. A *RouteError carries one of them and
// also matches ErrInfeasible under errors.Is.
var (
	ErrWindow     = errors.New("arrives after the last time window closes")
	ErrLate       = errors.New("reaches its end after the route's arrival limit")
	ErrBreak      = errors.New("leaves no room for the break")
	ErrRepeated   = errors.New("visits a node twice")
	ErrNotAllowed = errors.New("visits a node this route may not visit")
	ErrDepot      = errors.New("visits a depot as a customer")
	ErrEndpoints  = errors.New("does not start and end at the route's start and end")
	ErrMissing    = errors.New("leaves a required node unvisited")
)

// A RouteError locates why a set of routes is infeasible: the route, the
// position in it, the node, and for a window error the arrival time.
type RouteError struct {
	Route   int   // index into Instance.Routes, or -1 when no route is to blame
	Pos     int   // position in the route (0 is the start), or -1
	Node    int   // node index, or -1
	Arrival int64 // arrival time at Node for ErrWindow and ErrLate
	Err     error // one of ErrWindow, ErrLate, ErrBreak, ErrRepeated, ErrNotAllowed, ErrDepot, ErrEndpoints, ErrMissing
}

// Error describes the violation and where it happened.
func (e *RouteError) Error() string {
	switch {
	case e.Route < 0:
		return fmt.Sprintf("optw: node %d: %v", e.Node, e.Err)
	case e.Node < 0:
		return fmt.Sprintf("optw: route %d: %v", e.Route, e.Err)
	case errors.Is(e.Err, ErrWindow) || errors.Is(e.Err, ErrLate):
		return fmt.Sprintf("optw: route %d, position %d, node %d: arrival %d %v", e.Route, e.Pos, e.Node, e.Arrival, e.Err)
	default:
		return fmt.Sprintf("optw: route %d, position %d, node %d: %v", e.Route, e.Pos, e.Node, e.Err)
	}
}

// Unwrap returns the specific reason.
func (e *RouteError) Unwrap() error { return e.Err }

// Is reports that every RouteError is an ErrInfeasible.
func (e *RouteError) Is(target error) bool { return target == ErrInfeasible }

// Check reports whether routes is a feasible solution of the instance:
// one route per Instance.Routes entry, each listing node indexes from its
// start to its end inclusive (the chosen hotel in place of Hotel, the
// same hotel in every route that uses Hotel), every customer at most
// once and only on routes it allows, every service start inside a
// window, the break (if any) placed, the end reached in time, and every
// required node visited. A malformed instance gives an *InstanceError
// (ErrInvalid); an infeasible solution gives a *RouteError
// (ErrInfeasible) naming the first violation found.
//
// Check simulates each route directly, independently of the solvers'
// incremental bookkeeping, in O(L²) time for a route of length L with a
// break and O(L) without.
func (in *Instance) Check(routes [][]int) error {
	if err := in.Validate(); err != nil {
		return err
	}
	_, err := in.schedule(routes)
	return err
}

// routeSchedule is the timing of one route: service start times (the
// departure at the start, the arrival at the end) and the break start, or
// -1 when the route has no break.
type routeSchedule struct {
	starts []int64
	brk    int64
}

// schedule checks routes as Check does and returns their timing, with
// each break placed where it delays the arrival at the end least.
func (in *Instance) schedule(routes [][]int) ([]routeSchedule, error) {
	if len(routes) != len(in.Routes) {
		return nil, fmt.Errorf("optw: %d routes for an instance with %d: %w", len(routes), len(in.Routes), ErrInvalid)
	}
	depot := in.depots()
	hotel := -1
	seen := make([]bool, len(in.Nodes))
	out := make([]routeSchedule, len(routes))
	for r, seq := range routes {
		rt := in.Routes[r]
		if len(seq) < 2 {
			return nil, &RouteError{Route: r, Pos: -1, Node: -1, Err: ErrEndpoints}
		}
		for _, e := range [2]struct{ want, pos int }{{rt.Start, 0}, {rt.End, len(seq) - 1}} {
			got := seq[e.pos]
			if e.want != Hotel {
				if got != e.want {
					return nil, &RouteError{Route: r, Pos: e.pos, Node: got, Err: ErrEndpoints}
				}
				continue
			}
			if !in.isHotel(got) || (hotel >= 0 && got != hotel) {
				return nil, &RouteError{Route: r, Pos: e.pos, Node: got, Err: ErrEndpoints}
			}
			hotel = got
		}
		for p := 1; p < len(seq)-1; p++ {
			v := seq[p]
			switch {
			case v < 0 || v >= len(in.Nodes):
				return nil, fmt.Errorf("optw: route %d, position %d: node %d out of range: %w", r, p, v, ErrInvalid)
			case depot[v]:
				return nil, &RouteError{Route: r, Pos: p, Node: v, Err: ErrDepot}
			case seen[v]:
				return nil, &RouteError{Route: r, Pos: p, Node: v, Err: ErrRepeated}
			case !in.allows(v, r):
				return nil, &RouteError{Route: r, Pos: p, Node: v, Err: ErrNotAllowed}
			}
			seen[v] = true
		}
		starts, err := in.simulate(r, seq, -1)
		if err != nil {
			return nil, err
		}
		out[r] = routeSchedule{starts: starts, brk: -1}
		if rt.Break == nil {
			continue
		}
		// A break only delays, so the schedule without one is a lower
		// bound; now place the break where it costs least.
		found := false
		for q := 1; q < len(seq); q++ {
			st, err := in.simulate(r, seq, q)
			if err != nil {
				continue
			}
			if !found || st[len(st)-1] < out[r].starts[len(st)-1] {
				b := max(in.arrival(seq, st, q), rt.Break.Earliest)
				out[r] = routeSchedule{starts: st, brk: b}
				found = true
			}
		}
		if !found {
			return nil, &RouteError{Route: r, Pos: -1, Node: -1, Err: ErrBreak}
		}
	}
	for v, nd := range in.Nodes {
		if nd.Required && !depot[v] && !seen[v] {
			return nil, &RouteError{Route: -1, Pos: -1, Node: v, Err: ErrMissing}
		}
	}
	return out, nil
}

func (in *Instance) isHotel(v int) bool {
	for _, h := range in.Hotels {
		if h == v {
			return true
		}
	}
	return false
}

// allows reports whether route r may visit node v.
func (in *Instance) allows(v, r int) bool {
	rs := in.Nodes[v].Routes
	if len(rs) == 0 {
		return true
	}
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// service is the service time at position p of a route: zero at the start.
func (in *Instance) service(v, p int) int64 {
	if p == 0 {
		return 0
	}
	return in.Nodes[v].Service
}

// arrival is the arrival time at position q given the service starts st.
func (in *Instance) arrival(seq []int, st []int64, q int) int64 {
	return st[q-1] + in.service(seq[q-1], q-1) + in.Travel[seq[q-1]][seq[q]]
}

// simulate times route r along seq, starting service as early as
// possible, with the break taken on arrival at position breakAt (-1: no
// break). It returns the service start times.
func (in *Instance) simulate(r int, seq []int, breakAt int) ([]int64, error) {
	rt := in.Routes[r]
	starts := make([]int64, len(seq))
	starts[0] = rt.Depart
	last := len(seq) - 1
	for q := 1; q <= last; q++ {
		a := in.arrival(seq, starts, q)
		if q == breakAt {
			b := max(a, rt.Break.Earliest) + rt.Break.Duration
			if b > rt.Break.Latest {
				return nil, &RouteError{Route: r, Pos: q, Node: seq[q], Arrival: a, Err: ErrBreak}
			}
			a = b
		}
		if q == last {
			if a > rt.Arrive {
				return nil, &RouteError{Route: r, Pos: q, Node: seq[q], Arrival: a, Err: ErrLate}
			}
			starts[q] = a
			break
		}
		s, ok := earliestIn(in.Nodes[seq[q]].Windows, a)
		if !ok {
			return nil, &RouteError{Route: r, Pos: q, Node: seq[q], Arrival: a, Err: ErrWindow}
		}
		starts[q] = s
	}
	return starts, nil
}

// earliestIn returns the first time at or after a inside one of the
// windows (a itself when there are none).
func earliestIn(ws []Window, a int64) (int64, bool) {
	if len(ws) == 0 {
		return a, true
	}
	for _, w := range ws {
		if a <= w.Close {
			return max(a, w.Open), true
		}
	}
	return 0, false
}
