// Command daytrip plans one day trip built entirely in Go, without a
// programme folder: a medtech start-up from Östersund takes the train to
// Trondheim to meet a hospital buyer and an investor, using the demo's
// illustrative timetable. It shows the library's main path: a Program
// from NewProgram, people from package match, places from package travel,
// Program.Plan, and Program.Check on the result.
//
//	go run ./examples/daytrip
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/crossmeet/crossmeet/examples"
	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/report"
	"github.com/crossmeet/crossmeet/travel"
)

func main() {
	prog := schedule.NewProgram("Day trip built in code")
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		log.Fatal(err)
	}
	prog.Coordinator = schedule.Person{Name: "Kari Nordmann", Email: "kari@example.org"}

	// The timetable is the demo's illustrative feed.
	prog.Feed, err = travel.LoadGTFSFS(examples.Demo(), "gtfs")
	if err != nil {
		log.Fatal(err)
	}
	prog.Places = []travel.Place{
		{ID: "ostersund-c", Name: "Östersund C", Kind: "station", Lat: 63.172, Lon: 14.645, Country: "SE", TimeZone: prog.Zone, StopID: "ostersund-c"},
		{ID: "trondheim-s", Name: "Trondheim S", Kind: "station", Lat: 63.436, Lon: 10.399, Country: "NO", TimeZone: oslo, StopID: "trondheim-s"},
		{ID: "oya", Name: "Øya health campus", Kind: "office", Lat: 63.421, Lon: 10.388, Country: "NO", TimeZone: oslo},
		{ID: "solsiden", Name: "Solsiden", Kind: "office", Lat: 63.434, Lon: 10.414, Country: "NO", TimeZone: oslo},
	}

	wishes := []match.Wish{}
	for _, w := range []string{"org:St. Olavs Innkjøp", "role:investor", "tag:helse"} {
		wish, err := match.ParseWish(w) // Priority 0: its place in the list counts
		if err != nil {
			log.Fatal(err)
		}
		wishes = append(wishes, wish)
	}
	prog.Startups = []match.Startup{{
		ID: "S1", Name: "Fjällpuls AB", Country: "SE", Home: "ostersund-c",
		Industry: []string{"medtech", "hälsa"}, Needs: []string{"upphandling", "investerare"},
		Languages: []string{"sv", "en"}, Wishes: wishes,
		Team: []match.Person{{Name: "Maja Östlund", Email: "maja@example.org"}},
	}}
	weekdays := mustWindow("mon-fri 09:00-16:00")
	prog.Contacts = []match.Contact{
		{ID: "C1", Name: "Ingrid Aasheim", Email: "ingrid@example.com", Organization: "St. Olavs Innkjøp", Role: "innkjøpssjef",
			Tags: []string{"helse", "innkjøp"}, Languages: []string{"no", "en"}, Place: "oya", Country: "NO", Capacity: 2,
			Available: []match.Window{weekdays}},
		{ID: "C2", Name: "Alex Strand", Email: "alex@example.com", Organization: "Nidelva Ventures", Role: "investor",
			Tags: []string{"medtech", "investering"}, Languages: []string{"no", "en"}, Place: "solsiden", Country: "NO", Capacity: 2,
			Available: []match.Window{mustWindow("2027-03-09 13:00-16:00")}},
	}
	prog.Travel.Modes = []travel.Mode{travel.Train, travel.Taxi, travel.Walk}
	prog.Trips = []schedule.Trip{{
		ID: "T1", Startups: []string{"S1"}, From: "ostersund-c", To: "trondheim-s",
		Dates:      []time.Time{time.Date(2027, 3, 9, 0, 0, 0, 0, prog.Zone)},
		LeaveAfter: 6 * 60, BackBy: 22 * 60,
	}}

	plan, err := prog.Plan(context.Background(), schedule.Options{Seed: 1})
	if err != nil {
		log.Fatal(err)
	}
	if err := prog.Check(plan); err != nil {
		log.Fatal(err)
	}
	os.Stdout.Write(report.Text(plan, prog.Directory(), report.Options{Program: prog, Lang: report.English}))
	fmt.Printf("\n%d meetings, %.1f kg CO2e\n", plan.Totals.Meetings, plan.Totals.CO2Kg)
}

func mustWindow(s string) match.Window {
	w, err := match.ParseWindow(s)
	if err != nil {
		log.Fatal(err)
	}
	return w
}
