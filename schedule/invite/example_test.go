package invite_test

import (
	"fmt"
	"time"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/invite"
	"github.com/crossmeet/crossmeet/travel"
)

func ExampleMessages() {
	prog := schedule.NewProgram("Start-up Exchange")
	prog.Coordinators = map[string]schedule.Person{"NO": {Name: "Nora Nordmann", Email: "nora@example.no"}}
	prog.Coordinator = schedule.Person{Name: "Kari Nordmann", Email: "kari@example.org"}
	prog.Startups = []match.Startup{{ID: "S01", Name: "Nordljus AB", Country: "SE", Languages: []string{"sv", "en"},
		Industry: []string{"medtech"}, Team: []match.Person{{Name: "Åsa Berg", Email: "asa@example.org"}}}}
	prog.Contacts = []match.Contact{{ID: "C07", Name: "Ola Dahl", Email: "ola@example.com", Organization: "St. Olavs",
		Role: "innkjøper", Country: "NO", Languages: []string{"no", "sv"}}}
	oslo, _ := time.LoadLocation("Europe/Oslo")
	prog.Places = []travel.Place{{ID: "stolav", Name: "St. Olavs hospital", Country: "NO", TimeZone: oslo}}
	at := func(h int) time.Time { return time.Date(2027, 3, 9, h, 0, 0, 0, oslo) }
	plan := &schedule.Plan{Version: 1, Program: prog.Name, Trips: []schedule.TripPlan{{ID: "T1", Startups: []string{"S01"},
		Meetings: []schedule.Meeting{{Startup: "S01", Contact: "C07", Place: "stolav", Start: at(10), End: at(11)}}}}}

	ledger := invite.NewLedger()
	msgs, _ := invite.Messages(prog, plan, ledger, invite.Options{From: "invite@example.org"})
	fmt.Print(invite.Changes(msgs))
	for _, m := range msgs {
		ledger.Record(m, time.Unix(0, 0)) // after sending it
	}

	plan.Trips[0].Meetings[0].Start, plan.Trips[0].Meetings[0].End = at(13), at(14)
	msgs, _ = invite.Messages(prog, plan, ledger, invite.Options{From: "invite@example.org"})
	fmt.Print(invite.Changes(msgs))
	// Output:
	// invitation   Inbjudan: Nordljus AB – Ola Dahl, tisdag 2027-03-09 10:00–11:00
	//              to asa@example.org, ola@example.com
	//
	// 1 message: 1 invitation, 0 updates, 0 cancellations, 0 itineraries
	// update       Ändrad tid eller plats: Nordljus AB – Ola Dahl, tisdag 2027-03-09 13:00–14:00
	//              to asa@example.org, ola@example.com
	//
	// 1 message: 0 invitations, 1 update, 0 cancellations, 0 itineraries
}
