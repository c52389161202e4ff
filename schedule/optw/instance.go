package optw

import (
	"errors"
	"fmt"
	"math"
)

// A Window is a closed interval of times at which service at a node may
// start: a visit may begin at any time in [Open, Close] and may end after
// Close.
type Window struct{ Open, Close int64 }

// A Node is a place a route may visit. Nodes that are a route's Start or
// End, or that are listed in Instance.Hotels, are depots: they are never
// visited as customers and their Value, Service, Windows, Routes and
// Required fields are ignored.
type Node struct {
	// Value is collected once when the node is visited. A node whose
	// value is zero or negative is visited only if it is Required.
	Value float64
	// Service is how long a visit takes; the route leaves the node
	// Service after the start of service.
	Service int64
	// Windows are the times at which service may start, sorted and
	// disjoint. No windows means any time.
	Windows []Window
	// Routes, if not empty, lists the routes (indexes into
	// Instance.Routes) that may visit the node.
	Routes []int
	// Required marks a node that every solution must visit (a pinned
	// meeting). When no feasible solution visits all required nodes,
	// Solve and Exact return ErrInfeasible.
	Required bool
}

// Hotel as a Route's Start or End stands for the hotel the solver chooses
// from Instance.Hotels. All routes that use Hotel share the one chosen
// hotel, which is how a trip with one overnight stay is modelled: day one
// ends at the hotel, day two starts there.
const Hotel = -1

// A Route is one tour: it leaves Start at or after Depart, visits
// customers, and reaches End at or before Arrive. Start and End are node
// indexes (depots) or Hotel; they may be the same node.
type Route struct {
	Start, End int
	Depart     int64
	Arrive     int64
	// Break, if not nil, is an idle pause the route must contain.
	Break *Break
}

// A Break is an idle pause of Duration that lies wholly inside
// [Earliest, Latest] (a lunch break). It is taken after travelling and
// before the service at the next node starts, or before the route
// reaches its End; that is, on arrival the route waits, pauses, and then
// starts service at the first window time after the pause. Waiting for a
// window counts as the pause when it is long enough, so a break costs
// nothing where the route would wait anyway. A break is never taken at
// the Start before departure, nor during travel or service.
type Break struct{ Earliest, Latest, Duration int64 }

// An Instance is an orienteering problem with time windows: choose and
// order visits on len(Routes) routes to maximise the total value.
type Instance struct {
	Nodes []Node
	// Travel[i][j] is the time from node i to node j. It need be neither
	// symmetric nor satisfy the triangle inequality, but it must be
	// non-negative.
	Travel [][]int64
	Routes []Route
	// Hotels are the candidate nodes for routes that start or end at
	// Hotel. They are depots.
	Hotels []int
}

// Errors returned by the package. They are wrapped in a *RouteError or an
// *InstanceError that locates the problem; test for them with errors.Is.
var (
	// ErrInfeasible reports that no solution visits all required nodes
	// within the routes' limits, or that a route breaks a constraint.
	ErrInfeasible = errors.New("infeasible")
	// ErrInvalid reports an instance that is malformed: sizes that do
	// not match, unsorted windows, indexes out of range.
	ErrInvalid = errors.New("invalid instance")
	// ErrTooLarge reports an instance too large for Exact.
	ErrTooLarge = errors.New("instance too large for the exact solver")
)

// An InstanceError locates a malformed part of an Instance.
type InstanceError struct {
	Field string // the offending field, e.g. "Nodes[3].Windows[1]"
	Err   error  // wraps ErrInvalid
}

// Error names the field and the problem.
func (e *InstanceError) Error() string { return "optw: " + e.Field + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *InstanceError) Unwrap() error { return e.Err }

func invalidf(field, format string, args ...any) error {
	return &InstanceError{Field: field, Err: fmt.Errorf(format+": %w", append(args, ErrInvalid)...)}
}

// maxRoutes is the largest number of routes: a node's allowed routes are
// kept as a bit set.
const maxRoutes = 64

// Validate reports the first malformed part of the instance, as an
// *InstanceError wrapping ErrInvalid. Solve, Exact and Check call it.
func (in *Instance) Validate() error {
	n := len(in.Nodes)
	if len(in.Travel) != n {
		return invalidf("Travel", "has %d rows for %d nodes", len(in.Travel), n)
	}
	for i, row := range in.Travel {
		if len(row) != n {
			return invalidf(fmt.Sprintf("Travel[%d]", i), "has %d entries for %d nodes", len(row), n)
		}
		for j, t := range row {
			if t < 0 {
				return invalidf(fmt.Sprintf("Travel[%d][%d]", i, j), "negative travel time %d", t)
			}
		}
	}
	if len(in.Routes) == 0 {
		return invalidf("Routes", "no routes")
	}
	if len(in.Routes) > maxRoutes {
		return invalidf("Routes", "%d routes, at most %d", len(in.Routes), maxRoutes)
	}
	usesHotel := false
	for r, rt := range in.Routes {
		f := fmt.Sprintf("Routes[%d]", r)
		for _, e := range [2]struct {
			name string
			v    int
		}{{"Start", rt.Start}, {"End", rt.End}} {
			if e.v == Hotel {
				usesHotel = true
				continue
			}
			if e.v < 0 || e.v >= n {
				return invalidf(f+"."+e.name, "node %d out of range [0, %d)", e.v, n)
			}
		}
		// A break that cannot fit in its span, like an Arrive before
		// Depart, is not malformed: it makes the route infeasible
		// (ErrBreak, ErrLate), which callers that derive limits from
		// timetables and margins can meet.
		if b := rt.Break; b != nil && b.Duration < 0 {
			return invalidf(f+".Break", "negative duration %d", b.Duration)
		}
	}
	if usesHotel && len(in.Hotels) == 0 {
		return invalidf("Hotels", "a route uses Hotel but no hotels are given")
	}
	for k, h := range in.Hotels {
		if h < 0 || h >= n {
			return invalidf(fmt.Sprintf("Hotels[%d]", k), "node %d out of range [0, %d)", h, n)
		}
	}
	for i, nd := range in.Nodes {
		for k, w := range nd.Windows {
			if w.Close < w.Open {
				return invalidf(fmt.Sprintf("Nodes[%d].Windows[%d]", i, k), "closes (%d) before it opens (%d)", w.Close, w.Open)
			}
			if k > 0 && w.Open <= nd.Windows[k-1].Close {
				return invalidf(fmt.Sprintf("Nodes[%d].Windows[%d]", i, k), "not after the previous window")
			}
		}
		if nd.Service < 0 {
			return invalidf(fmt.Sprintf("Nodes[%d].Service", i), "negative service time %d", nd.Service)
		}
		if math.IsNaN(nd.Value) || math.IsInf(nd.Value, 0) {
			return invalidf(fmt.Sprintf("Nodes[%d].Value", i), "not a finite number")
		}
		for k, r := range nd.Routes {
			if r < 0 || r >= len(in.Routes) {
				return invalidf(fmt.Sprintf("Nodes[%d].Routes[%d]", i, k), "route %d out of range [0, %d)", r, len(in.Routes))
			}
		}
	}
	return nil
}

// depots returns which nodes are depots.
func (in *Instance) depots() []bool {
	d := make([]bool, len(in.Nodes))
	for _, rt := range in.Routes {
		if rt.Start != Hotel {
			d[rt.Start] = true
		}
		if rt.End != Hotel {
			d[rt.End] = true
		}
	}
	for _, h := range in.Hotels {
		d[h] = true
	}
	return d
}

// usesHotel reports whether any route starts or ends at Hotel.
func (in *Instance) usesHotel() bool {
	for _, rt := range in.Routes {
		if rt.Start == Hotel || rt.End == Hotel {
			return true
		}
	}
	return false
}
