package travel_test

import (
	"context"
	"fmt"
	"time"

	"github.com/crossmeet/crossmeet/examples"
	"github.com/crossmeet/crossmeet/travel"
)

func printJourney(j travel.Journey) {
	for _, l := range j.Legs {
		fmt.Printf("%s %-12s → %s %-12s %-5s %s\n", l.Depart.Format("15:04"), l.FromName, l.Arrive.Format("15:04"), l.ToName, l.Mode, l.Service)
	}
	fmt.Printf("%s, %d transfer(s), %.0f km, %.2f kg CO2e\n", j.Duration(), j.Transfers(), j.Km(), j.CO2Kg())
}

// The demo timetable: the first train from Östersund to Trondheim on a
// Tuesday morning, and the last one back that is home by 22:00.
func ExampleFeed_EarliestArrival() {
	feed, err := travel.LoadGTFSFS(examples.Demo(), "gtfs")
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	loc := feed.Location()
	out, err := feed.EarliestArrival(ctx, "Östersund C", "trondheim-s", time.Date(2027, 3, 9, 6, 0, 0, 0, loc), travel.SearchOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	printJourney(out)
	back, err := feed.LatestDeparture(ctx, "trondheim-s", "ostersund-c", time.Date(2027, 3, 9, 22, 0, 0, 0, loc), travel.SearchOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	printJourney(back)
	// Output:
}
