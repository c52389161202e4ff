package optw_test

import (
	"errors"
	"testing"

	"github.com/crossmeet/crossmeet/schedule/optw"
)

// line builds an instance whose nodes sit on a line at the given
// positions, travel time being the distance. Node 0 is the depot.
func line(pos []int64, nodes []optw.Node, routes []optw.Route) *optw.Instance {
	n := len(pos)
	in := &optw.Instance{Nodes: nodes, Routes: routes, Travel: make([][]int64, n)}
	for i := range n {
		in.Travel[i] = make([]int64, n)
		for j := range n {
			d := pos[i] - pos[j]
			in.Travel[i][j] = max(d, -d)
		}
	}
	return in
}

// checkInstance: depot at 0, customers at 10, 20, 30 (nodes 1-3), a
// second depot (node 4) at 0 used as a hotel, all with service 5.
//
//	node 1: window [0, 100]
//	node 2: windows [20, 30] and [60, 70]
//	node 3: window [40, 45], required in the "required" cases
func checkInstance() *optw.Instance {
	return line([]int64{0, 10, 20, 30, 0}, []optw.Node{
		{},
		{Value: 1, Service: 5, Windows: []optw.Window{{0, 100}}},
		{Value: 1, Service: 5, Windows: []optw.Window{{20, 30}, {60, 70}}},
		{Value: 1, Service: 5, Windows: []optw.Window{{40, 45}}, Routes: []int{0}},
		{},
	}, []optw.Route{{Start: 0, End: 0, Depart: 0, Arrive: 200}, {Start: 0, End: 0, Depart: 0, Arrive: 200}})
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(in *optw.Instance)
		routes  [][]int
		want    error // nil: feasible
		pos     int
		node    int
		arrival int64
	}{
		{name: "empty routes", routes: [][]int{{0, 0}, {0, 0}}},
		// 0 -> 1 (arrive 10, serve 10-15) -> 2 (arrive 25, window 1) -> 3 (arrive 40)
		{name: "all three in order", routes: [][]int{{0, 1, 2, 3, 0}, {0, 0}}},
		// 0 -> 3 (arrive 30, wait to 40, leave 45) -> 2 (arrive 55, second window from 60)
		{name: "waits for the second window", routes: [][]int{{0, 3, 2, 0}, {0, 0}}},
		// 0 -> 3 (leave 45) -> 1 (arrive 65, leave 70) -> 2 (arrive 80 > 70)
		{name: "after the last window", routes: [][]int{{0, 3, 1, 2, 0}, {0, 0}}, want: optw.ErrWindow, pos: 3, node: 2, arrival: 80},
		{name: "late at the end", edit: func(in *optw.Instance) { in.Routes[0].Arrive = 59 },
			routes: [][]int{{0, 1, 2, 3, 0}, {0, 0}}, want: optw.ErrLate, pos: 4, node: 0, arrival: 75},
		{name: "just in time", edit: func(in *optw.Instance) { in.Routes[0].Arrive = 75 },
			routes: [][]int{{0, 1, 2, 3, 0}, {0, 0}}},
		{name: "repeated across routes", routes: [][]int{{0, 1, 0}, {0, 1, 0}}, want: optw.ErrRepeated, pos: 1, node: 1},
		{name: "depot as customer", routes: [][]int{{0, 4, 0}, {0, 0}}, want: optw.ErrDepot, pos: 1, node: 4,
			edit: func(in *optw.Instance) { in.Hotels = []int{4} }},
		{name: "route not allowed", routes: [][]int{{0, 0}, {0, 3, 0}}, want: optw.ErrNotAllowed, pos: 1, node: 3},
		{name: "wrong end", routes: [][]int{{0, 1}, {0, 0}}, want: optw.ErrEndpoints, pos: 1, node: 1},
		{name: "required missing", edit: func(in *optw.Instance) { in.Nodes[3].Required = true },
			routes: [][]int{{0, 1, 0}, {0, 0}}, want: optw.ErrMissing, pos: -1, node: 3},
		{name: "hotel chosen", edit: func(in *optw.Instance) {
			in.Hotels = []int{4}
			in.Routes[0].End, in.Routes[1].Start = optw.Hotel, optw.Hotel
		}, routes: [][]int{{0, 1, 4}, {4, 2, 0}}},
		{name: "hotel not shared", edit: func(in *optw.Instance) {
			in.Hotels = []int{0, 4}
			in.Routes[0].End, in.Routes[1].Start = optw.Hotel, optw.Hotel
		}, routes: [][]int{{0, 1, 4}, {0, 2, 0}}, want: optw.ErrEndpoints, pos: 0, node: 0},
		// Break of 20 in [15, 40]: on arrival at node 2 (25) it would
		// end at 45 > 40, so it is taken on arrival at node 1 (10):
		// pause 15-35, serve 35-40, reach node 2 at 50 and wait for its
		// second window (60).
		{name: "break pushes to the second window", edit: func(in *optw.Instance) {
			in.Routes[0].Break = &optw.Break{Earliest: 15, Latest: 40, Duration: 20}
		}, routes: [][]int{{0, 1, 2, 0}, {0, 0}}},
		// Break of 30 in [0, 30]: it cannot start before the first
		// arrival (10) and would end at 40 > 30.
		{name: "no room for the break", edit: func(in *optw.Instance) {
			in.Routes[0].Break = &optw.Break{Earliest: 0, Latest: 30, Duration: 30}
		}, routes: [][]int{{0, 1, 0}, {0, 0}}, want: optw.ErrBreak, pos: -1, node: -1},
		{name: "break longer than its span", edit: func(in *optw.Instance) {
			in.Routes[0].Break = &optw.Break{Earliest: 0, Latest: 10, Duration: 11}
		}, routes: [][]int{{0, 0}, {0, 0}}, want: optw.ErrBreak, pos: -1, node: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := checkInstance()
			if tc.edit != nil {
				tc.edit(in)
			}
			err := in.Check(tc.routes)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Check(%v) = %v, want feasible", tc.routes, err)
				}
				return
			}
			if !errors.Is(err, tc.want) || !errors.Is(err, optw.ErrInfeasible) {
				t.Fatalf("Check(%v) = %v, want %v and ErrInfeasible", tc.routes, err, tc.want)
			}
			var re *optw.RouteError
			if !errors.As(err, &re) {
				t.Fatalf("Check(%v) = %T, want *RouteError", tc.routes, err)
			}
			if re.Pos != tc.pos || re.Node != tc.node || re.Arrival != tc.arrival {
				t.Errorf("got position %d node %d arrival %d, want %d %d %d", re.Pos, re.Node, re.Arrival, tc.pos, tc.node, tc.arrival)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(in *optw.Instance)
		field string
	}{
		{"short travel row", func(in *optw.Instance) { in.Travel[2] = in.Travel[2][:3] }, "Travel[2]"},
		{"negative travel", func(in *optw.Instance) { in.Travel[1][2] = -1 }, "Travel[1][2]"},
		{"overlapping windows", func(in *optw.Instance) { in.Nodes[2].Windows[1].Open = 30 }, "Nodes[2].Windows[1]"},
		{"reversed window", func(in *optw.Instance) { in.Nodes[1].Windows[0] = optw.Window{Open: 5, Close: 4} }, "Nodes[1].Windows[0]"},
		{"route out of range", func(in *optw.Instance) { in.Nodes[3].Routes = []int{2} }, "Nodes[3].Routes[0]"},
		{"start out of range", func(in *optw.Instance) { in.Routes[1].Start = 9 }, "Routes[1].Start"},
		{"hotel without hotels", func(in *optw.Instance) { in.Routes[1].Start = optw.Hotel }, "Hotels"},
		{"negative break", func(in *optw.Instance) { in.Routes[0].Break = &optw.Break{Earliest: 0, Latest: 10, Duration: -1} }, "Routes[0].Break"},
		{"no routes", func(in *optw.Instance) { in.Routes = nil }, "Routes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := checkInstance()
			tc.edit(in)
			err := in.Validate()
			var ie *optw.InstanceError
			if !errors.As(err, &ie) || !errors.Is(err, optw.ErrInvalid) {
				t.Fatalf("Validate() = %v, want an *InstanceError wrapping ErrInvalid", err)
			}
			if ie.Field != tc.field {
				t.Errorf("field %q, want %q", ie.Field, tc.field)
			}
		})
	}
}
