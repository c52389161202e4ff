package match_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/crossmeet/crossmeet/match"
)

// Illustrative data: invented people and companies.
const startupsCSV = `id,name,country,home,industry,needs,wishes,languages,team
S01,Fjällhälsa AB,SE,ostersund-c,medtech;hälsa,procurement;investment,org:St. Olavs hospital;role:investor;tag:sykehus,sv;en,Anna Berg <anna@fjallhalsa.example>
S02,Skogsdata AB,SE,ostersund-c,forestry;software,export;skog,person:Ola Nordmann;org:Equinor,sv;en,Per Ek <per@skogsdata.example>
`

const contactsCSV = `id,name,email,organization,role,tags,languages,place,country,capacity,available,gender
C01,Kari Hansen,kari@stolav.example,St. Olavs hospital,Innkjøpssjef,innkjøp;sykehus;helse,no;en,trondheim,NO,2,mon-fri 09:00-15:00,f
C02,Ola Nordmann,ola@skog.example,Skogeierforeningen,Rådgiver,skogbruk;eksport,no,trondheim,NO,1,,m
C03,Lars Lund,lars@invest.example,Trøndelag Invest,Investor,investering;medtech,no;en,trondheim,NO,,,m
C04,Eva Ström,eva@region.example,Region Jämtland,Handläggare,export,sv,ostersund-c,SE,,,f
`

func Example() {
	ctx := context.Background()
	startups, _, err := match.LoadStartups(strings.NewReader(startupsCSV), "startups.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	contacts, _, err := match.LoadContacts(strings.NewReader(contactsCSV), "contacts.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	pairs, err := match.Score(ctx, startups, contacts, match.Options{CrossBorder: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := match.Assign(ctx, startups, contacts, pairs, match.AssignOptions{Capacity: 2, Min: 2, Max: 6})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range a.Meetings {
		fmt.Printf("%s–%s %.2f %s\n", m.Startup, m.Contact, m.Score, strings.Join(m.Reasons(), "; "))
	}
	for _, u := range a.Unmet {
		fmt.Printf("unmet: %s wish %d (%s): %s\n", u.Startup, u.Wish.Priority, u.Wish, u.Reason)
	}
	for _, s := range a.Short {
		fmt.Printf("short: %s has %d of %d meetings: %s\n", s.Startup, s.Got, s.Min, s.Reason)
	}
	// Output:
	// S01–C01 0.91 wish 1: org St. Olavs hospital; wish 3: tag sykehus; tags: procurement, hälsa, sykehus
	// S01–C03 0.73 wish 2: role investor; tags: investment, hälsa, medtech
	// S02–C02 1.00 wish 1: person Ola Nordmann; tags: skog, export
	// unmet: S02 wish 2 (org Equinor): no contact matches org Equinor
	// short: S02 has 1 of 2 meetings: only one contact matches its needs or wishes
}

func ExampleNormalize() {
	for _, s := range []string{"Trøndelag", "Tröndelag", "Ålesund", "Aalesund", "St. Olavs  Hospital", "Kompetanse/kompetens"} {
		fmt.Printf("%q\n", match.Normalize(s))
	}
	// Output:
	// "trondelag"
	// "trondelag"
	// "alesund"
	// "alesund"
	// "st olavs hospital"
	// "kompetanse kompetens"
}

func ExampleParseWindow() {
	w, err := match.ParseWindow("mon-fri 08:30-16:00")
	if err != nil {
		fmt.Println(err)
		return
	}
	start, end, ok := w.On(2027, 3, 9, nil)
	fmt.Println(ok, start.Format("Mon 15:04"), end.Format("15:04"))
	_, _, ok = w.On(2027, 3, 13, nil)
	fmt.Println(ok)
	// Output:
	// true Tue 08:30 16:00
	// false
}

// Pairs scored elsewhere go to Assign as they are; an Explanation is
// optional, and a Pair without one answers Reasons and Wishes with nil.
// With one meeting each, the best total (0.4 + 0.8) leaves S01's best
// pair out.
func ExamplePair() {
	startups := []match.Startup{{ID: "S01"}, {ID: "S02"}}
	contacts := []match.Contact{{ID: "C01", Capacity: 1}, {ID: "C02", Capacity: 1}}
	pairs := []match.Pair{
		{Startup: "S01", Contact: "C01", Score: 0.9, Why: &match.Explanation{Reasons: []string{"wish 1: org Equinor"}, Wishes: []int{1}}},
		{Startup: "S01", Contact: "C02", Score: 0.4},
		{Startup: "S02", Contact: "C01", Score: 0.8, Why: &match.Explanation{Reasons: []string{"tags: energy"}}},
		{Startup: "S02", Contact: "C02", Score: 0.1},
	}
	a, err := match.Assign(context.Background(), startups, contacts, pairs, match.AssignOptions{Max: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range a.Meetings {
		fmt.Printf("%s–%s %.1f reasons %q wishes %v\n", m.Startup, m.Contact, m.Score, m.Reasons(), m.Wishes())
	}
	// Output:
	// S01–C02 0.4 reasons [] wishes []
	// S02–C01 0.8 reasons ["tags: energy"] wishes []
}
