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
	// 06:30 Östersund C  → 08:31 Storlien     train SE7101
	// 08:45 Storlien     → 10:24 Trondheim S  train NO471
	// 3h54m0s, 1 transfer(s), 220 km, 8.97 kg CO2e
	// 16:05 Trondheim S  → 17:45 Storlien     train NO474
	// 18:00 Storlien     → 20:01 Östersund C  train SE7104
	// 3h56m0s, 1 transfer(s), 220 km, 8.97 kg CO2e
}

// A taxi from Trondheim S to an office, and the car's emission shared by
// the three start-ups in it.
func ExampleRoad_Leg() {
	station := travel.Place{ID: "trondheim-s", Name: "Trondheim S", Lat: 63.436, Lon: 10.399}
	office := travel.Place{ID: "sintef", Name: "SINTEF Gløshaugen", Lat: 63.416, Lon: 10.404}
	var road travel.Road // defaults: detour 1.3, taxi 40 km/h
	leg, err := road.Leg(travel.Taxi, station, office, time.Date(2027, 3, 9, 10, 30, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s %.1f km, %s, %.2f kg CO2e, %.2f kg each of 3\n", leg.Mode, leg.Km, leg.Duration(), leg.CO2Kg, road.Factors.Share(leg.Mode, leg.CO2Kg, 3))
	// Output:
	// taxi 2.9 km, 5m0s, 0.49 kg CO2e, 0.16 kg each of 3
}
