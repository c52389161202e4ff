package optw_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/crossmeet/crossmeet/schedule/optw"
)

// A day in Trondheim with illustrative data: times are minutes after
// midnight, travel times are made up. The coordinator arrives at the
// station (node 0) at 09:00 and must be back for the 16:00 train; a
// 30-minute lunch must fit between 11:30 and 13:30. Node 3 is a pinned
// meeting.
func Example() {
	const (
		station = iota
		hospital
		incubator
		investor
		university
	)
	in := &optw.Instance{
		Nodes: []optw.Node{
			station:    {},
			hospital:   {Value: 0.9, Service: 45, Windows: []optw.Window{{Open: 9*60 + 30, Close: 11 * 60}}},
			incubator:  {Value: 0.5, Service: 45},
			investor:   {Value: 0.7, Service: 60, Windows: []optw.Window{{Open: 13 * 60, Close: 13 * 60}}, Required: true},
			university: {Value: 0.8, Service: 45, Windows: []optw.Window{{Open: 9 * 60, Close: 10 * 60}, {Open: 14 * 60, Close: 15 * 60}}},
		},
		Travel: [][]int64{
			{0, 15, 10, 10, 20},
			{15, 0, 15, 20, 10},
			{10, 15, 0, 5, 25},
			{10, 20, 5, 0, 20},
			{20, 10, 25, 20, 0},
		},
		Routes: []optw.Route{{
			Start: station, End: station, Depart: 9 * 60, Arrive: 16 * 60,
			Break: &optw.Break{Earliest: 11*60 + 30, Latest: 13*60 + 30, Duration: 30},
		}},
	}
	sol, err := optw.Solve(context.Background(), in, optw.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	clock := func(t int64) string { return fmt.Sprintf("%02d:%02d", t/60, t%60) }
	names := []string{"station", "hospital", "incubator", "investor", "university"}
	for k, v := range sol.Routes[0] {
		fmt.Println(clock(sol.Starts[0][k]), names[v])
	}
	fmt.Println("lunch", clock(sol.Breaks[0]))
	fmt.Printf("value %.1f, %v\n", sol.Value, in.Check(sol.Routes) == nil)
	// Output:
	// 09:00 station
	// 09:20 university
	// 10:15 hospital
	// 12:00 incubator
	// 13:00 investor
	// 14:10 station
	// lunch 11:30
	// value 2.9, true
}

// Loading a benchmark instance: distances are truncated to one decimal
// and every time is in tenths.
func ExampleLoadSolomon() {
	file := `3 10 2 1
0 200
0 0 0 0 0 0 0 0 1000
1 3 4 10 7 1 1 1 0 500
2 1 1 10 5 1 1 1 100 200
`
	in, err := optw.LoadSolomon(strings.NewReader(file), optw.Trunc1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(in.Travel[0][1], in.Travel[0][2], in.Nodes[1].Service, in.Nodes[2].Windows, in.Routes[0].Arrive)
	// Output:
	// 50 14 100 [{1000 2000}] 10000
}
