package schedule_test

import (
	"context"
	"fmt"
	"os"

	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/program"
)

// Plan the demo programme and check the plan against every rule.
func ExampleProgram_Plan() {
	prog, err := program.Load(os.DirFS("../examples/demo"))
	if err != nil {
		fmt.Println(err)
		return
	}
	plan, err := prog.Plan(context.Background(), schedule.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range plan.Trips {
		fmt.Printf("%s %s overnight=%v startups=%d\n", t.ID, t.Date, t.Overnight, len(t.Startups))
	}
	fmt.Println("rules kept:", prog.Check(plan) == nil)
	// Output:
	// T1 2027-03-09 overnight=false startups=1
	// T2 2027-03-16 overnight=true startups=3
	// T3 2027-03-23 overnight=true startups=2
	// T4 2027-03-11 overnight=false startups=2
	// T5 2027-03-24 overnight=false startups=1
	// T6 2027-03-30 overnight=false startups=3
	// rules kept: true
}

// A programme's time of day and its overnight policy print as
// program.yaml writes them.
func ExampleParseClock() {
	c, err := schedule.ParseClock("08:30")
	fmt.Println(c, int(c), err, schedule.OvernightAllowed)
	// Output: 08:30 510 <nil> allowed
}
