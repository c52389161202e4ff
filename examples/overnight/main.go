// Command overnight plans the demo programme's overnight group trip and
// exports its calendars: two start-ups from Åre travel together to
// Trondheim, split up for their own meetings and share a hotel night. It
// shows loading a programme folder (here the embedded demo), keeping
// only one trip, planning it, and writing every participant's iCalendar
// file with calendar.Files.
//
//	go run ./examples/overnight [OUTDIR]
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"

	"github.com/crossmeet/crossmeet/examples"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/calendar"
	"github.com/crossmeet/crossmeet/schedule/program"
	"github.com/crossmeet/crossmeet/schedule/report"
)

func main() {
	out := filepath.Join(os.TempDir(), "crossmeet-overnight")
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	prog, err := program.Load(examples.Demo())
	if err != nil {
		log.Fatal(err)
	}
	// Keep only the trip that must stay one night.
	var trips []schedule.Trip
	for _, t := range prog.Trips {
		if t.Overnight == schedule.OvernightRequired && len(t.Startups) > 1 {
			trips = append(trips, t)
		}
	}
	if len(trips) == 0 {
		log.Fatal("the demo has no overnight group trip")
	}
	prog.Trips = trips[:1]

	plan, err := prog.Plan(context.Background(), schedule.Options{Seed: 1})
	if err != nil {
		log.Fatal(err)
	}
	trip := plan.Trips[0]
	fmt.Printf("trip %s on %s: %d meetings, hotel %s from %s to %s\n", trip.ID, trip.Date, len(trip.Meetings),
		trip.Hotel.Place, trip.Hotel.CheckIn.Format("Mon 15:04"), trip.Hotel.CheckOut.Format("Mon 15:04"))

	cals, err := calendar.Files(plan, prog.Directory(), calendar.Options{Zone: prog.Zone})
	if err != nil {
		log.Fatal(err)
	}
	files := map[string][]byte{}
	names := make([]string, 0, len(cals))
	for name, data := range cals {
		files[name] = data
		names = append(names, name)
	}
	if err := report.WriteFiles(out, files); err != nil {
		log.Fatal(err)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Printf("wrote %s (%d bytes)\n", filepath.Join(out, name), len(cals[name]))
	}
}
