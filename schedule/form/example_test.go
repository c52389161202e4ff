package form_test

import (
	"context"
	"fmt"
	"os"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/form"
	"github.com/crossmeet/crossmeet/schedule/program"
)

// The demo programme without its trips: each start-up gives the dates
// and destination of the trip it was on, and crossmeet forms the trips.
func ExampleTrips() {
	prog, err := program.Load(os.DirFS("../../examples/demo"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range prog.Trips {
		for _, id := range t.Startups {
			s, _ := prog.Startup(id)
			s.Destination, s.Home = t.To, t.From
			for _, d := range t.Dates {
				s.Dates = append(s.Dates, match.DaySet{From: d, To: d})
			}
		}
	}
	prog.Trips = nil
	prog.TripsAuto = schedule.TripsAuto{Overnight: schedule.OvernightAllowed}
	trips, _, err := form.Trips(context.Background(), prog, form.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range trips {
		fmt.Println(t.ID, t.Startups, t.From, "->", t.To, t.Dates[0].Format("2006-01-02"))
	}
	// Output:
	// F1 [S01] ostersund-c -> trondheim 2027-03-09
	// F2 [S09 S10] trondheim-s -> ostersund-c 2027-03-11
	// F3 [S02 S03 S05] ostersund-c -> trondheim-s 2027-03-16
	// F4 [S04 S07] are -> trondheim-s 2027-03-23
	// F5 [S11] trondheim-s -> are 2027-03-25
	// F6 [S12 S13 S14] trondheim-s -> ostersund 2027-03-30
}
