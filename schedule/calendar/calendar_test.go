package calendar_test

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the machine's zoneinfo
	"unicode/utf8"

	"github.com/crossmeet/crossmeet/internal/icalcheck"
	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/calendar"
)

// The fixture: three trips (a day trip by train, an overnight group trip
// sharing a car, a Norway-to-Sweden trip), names built to break a careless
// writer (, ; : " \ ' line breaks, emoji, å/ø).

var (
	calStockholm = calZone("Europe/Stockholm")
	calOslo      = calZone("Europe/Oslo")
)

func calZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func calAt(loc *time.Location, s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		panic(err)
	}
	return t
}

func calDirectory() schedule.Directory {
	return schedule.Directory{
		Coordinator: schedule.Person{Name: "Kari Nordmann", Email: "kari@example.org"},
		Startups: map[string]schedule.Party{
			"S01": {Name: "Fjällgård Health 🏔️", People: []schedule.Person{
				{Name: "Åsa Lindqvist", Email: "asa@example.org"},
				{Name: "Erik Nilsson", Email: "erik@example.org"},
			}},
			"S02": {Name: `Fjell, Fjord; & "Co": Ltd`, People: []schedule.Person{
				{Name: "Björn \"Bear\" O'Neil,\r\nATTENDEE:mailto:evil@example.com", Email: "bjorn@example.org"},
				{Name: "Ingrid Without Address"},
			}},
			"S03": {Name: "Skog\rog Data AS", People: []schedule.Person{
				{Name: "Øystein Ærø", Email: "mailto:oystein@example.com"},
			}},
			"S04": {Name: "Nidaros Energi", People: []schedule.Person{
				{Name: "Siri Hågensen", Email: "siri@example.com"},
			}},
		},
		Contacts: map[string]schedule.Party{
			"C01": {Name: "Dr. Ola Nordmann, MD", People: []schedule.Person{{Name: "Dr. Ola Nordmann, MD", Email: "ola@example.com"}}},
			"C02": {Name: "Line Brekke; PhD", People: []schedule.Person{{Name: "Line Brekke; PhD", Email: "line@example.com"}}},
			"C03": {Name: "Ærlig Øyvind 🦊\rBEGIN:VEVENT", People: []schedule.Person{{Name: "Ærlig Øyvind 🦊\rBEGIN:VEVENT", Email: "oyvind@example.com"}}},
			"C04": {Name: `Märta Ström\`, People: []schedule.Person{{Name: `Märta Ström\`, Email: "marta@example.org"}}},
			"C05": {Name: "Åsa Öberg", People: []schedule.Person{{Name: "Åsa Öberg", Email: "asa.oberg@example.org"}}},
			"C99": {Name: "Nobody Met", People: []schedule.Person{{Name: "Nobody Met", Email: "nobody@example.org"}}},
		},
		Places: map[string]schedule.Place{
			"ostersund-c": {Name: "Östersund C", Lat: 63.172, Lon: 14.645, TimeZone: calStockholm},
			"are":         {Name: "Åre", Lat: 63.399, Lon: 13.081, TimeZone: calStockholm},
			"trondheim-s": {Name: "Trondheim S", Lat: 63.436, Lon: 10.399, TimeZone: calOslo},
			"stolav":      {Name: "St. Olavs hospital area", Lat: 63.421, Lon: 10.388, TimeZone: calOslo},
			"gloshaugen":  {Name: "Gløshaugen; NTNU, \"lab\"\nbuilding 2", Lat: 63.416, Lon: 10.405, TimeZone: calOslo},
			"hotel-trd":   {Name: "Hotel near Trondheim S", Lat: 63.435, Lon: 10.401, TimeZone: calOslo},
			"miun":        {Name: "Mid Sweden University campus", Lat: 63.180, Lon: 14.640}, // zone from the options
		},
	}
}

func calLeg(mode, from, to string, dep, arr time.Time, travellers ...string) schedule.Leg {
	return schedule.Leg{Mode: mode, From: from, To: to, Depart: dep, Arrive: arr, Km: 1, CO2Kg: 0.1, Travellers: travellers}
}

func calMeeting(s, c, place string, start, end time.Time, reasons ...string) schedule.Meeting {
	return schedule.Meeting{Startup: s, Contact: c, Place: place, Start: start, End: end, Score: 0.8, Reasons: reasons}
}

func calFixture() *schedule.Plan {
	long := "tags: hälsa, helse, sjukhus, sykehus, upphandling, anskaffelse 🏥🏥🏥 " +
		"kompetens/kompetanse, Tröndelag/Trøndelag, ÅÄÖÆØ åäöæø, and a line long enough to fold"
	return &schedule.Plan{
		Version: 1,
		Program: "Start-up Exchange Jämtland–Trøndelag, spring 2027",
		Trips: []schedule.TripPlan{
			{
				ID: "T1", Startups: []string{"S01"}, Date: "2027-03-09",
				Legs: []schedule.Leg{
					{Mode: "train", From: "ostersund-c", To: "trondheim-s", Depart: calAt(calStockholm, "2027-03-09 06:50"),
						Arrive: calAt(calOslo, "2027-03-09 10:40"), Km: 240, CO2Kg: 0.5, Travellers: []string{"S01"}, Service: "SJ-NT 7001"},
					calLeg("walk", "trondheim-s", "stolav", calAt(calOslo, "2027-03-09 10:45"), calAt(calOslo, "2027-03-09 11:05"), "S01"),
					calLeg("taxi", "stolav", "gloshaugen", calAt(calOslo, "2027-03-09 12:10"), calAt(calOslo, "2027-03-09 12:25"), "S01"),
					calLeg("taxi", "gloshaugen", "trondheim-s", calAt(calOslo, "2027-03-09 14:00"), calAt(calOslo, "2027-03-09 14:15"), "S01"),
					calLeg("train", "trondheim-s", "ostersund-c", calAt(calOslo, "2027-03-09 15:20"), calAt(calStockholm, "2027-03-09 19:10"), "S01"),
				},
				Meetings: []schedule.Meeting{
					calMeeting("S01", "C01", "stolav", calAt(calOslo, "2027-03-09 11:15"), calAt(calOslo, "2027-03-09 12:00"),
						"wish 1: org St. Olavs hospital", long),
					calMeeting("S01", "C02", "gloshaugen", calAt(calOslo, "2027-03-09 12:45"), calAt(calOslo, "2027-03-09 13:30"),
						"tags: medtech,\r\nLOCATION:nowhere"),
				},
			},
			{
				ID: "T2", Startups: []string{"S02", "S03"}, Date: "2027-03-16", Overnight: true,
				Legs: []schedule.Leg{
					calLeg("car", "are", "trondheim-s", calAt(calStockholm, "2027-03-16 07:00"), calAt(calOslo, "2027-03-16 09:30"), "S02", "S03"),
					calLeg("walk", "trondheim-s", "stolav", calAt(calOslo, "2027-03-16 09:40"), calAt(calOslo, "2027-03-16 10:00"), "S02", "S03"),
					calLeg("walk", "stolav", "gloshaugen", calAt(calOslo, "2027-03-16 11:10"), calAt(calOslo, "2027-03-16 11:30"), "S02"),
					calLeg("walk", "stolav", "hotel-trd", calAt(calOslo, "2027-03-16 12:10"), calAt(calOslo, "2027-03-16 12:30"), "S03"),
					calLeg("walk", "gloshaugen", "hotel-trd", calAt(calOslo, "2027-03-16 14:00"), calAt(calOslo, "2027-03-16 14:20"), "S02"),
					calLeg("walk", "hotel-trd", "gloshaugen", calAt(calOslo, "2027-03-17 08:30"), calAt(calOslo, "2027-03-17 08:50"), "S02", "S03"),
					calLeg("walk", "gloshaugen", "trondheim-s", calAt(calOslo, "2027-03-17 10:00"), calAt(calOslo, "2027-03-17 10:20"), "S03", "S02"),
					calLeg("car", "trondheim-s", "are", calAt(calOslo, "2027-03-17 10:30"), calAt(calStockholm, "2027-03-17 13:00"), "S03", "S02"),
				},
				Meetings: []schedule.Meeting{
					calMeeting("S02", "C03", "stolav", calAt(calOslo, "2027-03-16 10:15"), calAt(calOslo, "2027-03-16 11:00"), "person: Øyvind"),
					calMeeting("S03", "C03", "stolav", calAt(calOslo, "2027-03-16 11:15"), calAt(calOslo, "2027-03-16 12:00")),
					calMeeting("S02", "C04", "gloshaugen", calAt(calOslo, "2027-03-16 13:00"), calAt(calOslo, "2027-03-16 13:45")),
					calMeeting("S03", "C04", "gloshaugen", calAt(calOslo, "2027-03-17 09:00"), calAt(calOslo, "2027-03-17 09:45")),
				},
				Hotel: &schedule.Hotel{Place: "hotel-trd", CheckIn: calAt(calOslo, "2027-03-16 15:00"), CheckOut: calAt(calOslo, "2027-03-17 08:00")},
			},
			{
				ID: "T3", Startups: []string{"S04"}, Date: "2027-03-23",
				Legs: []schedule.Leg{
					calLeg("train", "trondheim-s", "ostersund-c", calAt(calOslo, "2027-03-23 07:45"), calAt(calStockholm, "2027-03-23 11:40"), "S04"),
					calLeg("walk", "ostersund-c", "miun", calAt(calStockholm, "2027-03-23 11:50"), calAt(calStockholm, "2027-03-23 12:10"), "S04"),
					calLeg("walk", "miun", "ostersund-c", calAt(calStockholm, "2027-03-23 14:00"), calAt(calStockholm, "2027-03-23 14:20"), "S04"),
					calLeg("train", "ostersund-c", "trondheim-s", calAt(calStockholm, "2027-03-23 16:30"), calAt(calOslo, "2027-03-23 20:30"), "S04"),
				},
				Meetings: []schedule.Meeting{
					calMeeting("S04", "C05", "miun", calAt(calStockholm, "2027-03-23 13:00"), calAt(calStockholm, "2027-03-23 13:45")),
				},
			},
		},
	}
}

var calOpts = calendar.Options{
	Stamp: time.Date(2027, 2, 1, 12, 0, 0, 0, time.UTC),
	Zone:  calStockholm,
}

func calExport(t *testing.T, p *schedule.Plan, opts calendar.Options) map[string][]byte {
	t.Helper()
	files, err := calendar.Files(p, calDirectory(), opts)
	if err != nil {
		t.Fatalf("Calendars: %v", err)
	}
	return files
}

// calInterval is an event's span in Unix seconds.
type calInterval struct{ Start, End int64 }

// expectedIntervals lists, per file, the spans of the events its
// participant takes part in, read from the plan as the contract says:
// meetings for the start-up and the contact, legs for their travellers,
// the hotel for its guests (every start-up of the trip when it names
// none), everything for the coordinator.
func calExpected(p *schedule.Plan) map[string][]calInterval {
	out := map[string][]calInterval{}
	add := func(s, e time.Time, owners ...string) {
		iv := calInterval{s.Unix(), e.Unix()}
		out["coordinator.ics"] = append(out["coordinator.ics"], iv)
		for _, o := range owners {
			out[o+".ics"] = append(out[o+".ics"], iv)
		}
	}
	for _, tr := range p.Trips {
		for _, m := range tr.Meetings {
			add(m.Start, m.End, m.Startup, m.Contact)
		}
		for _, l := range tr.Legs {
			add(l.Depart, l.Arrive, l.Travellers...)
		}
		if h := tr.Hotel; h != nil {
			guests := h.Guests
			if len(guests) == 0 {
				guests = tr.Startups
			}
			add(h.CheckIn, h.CheckOut, guests...)
		}
	}
	for k := range out {
		sortCalIntervals(out[k])
	}
	return out
}

func sortCalIntervals(xs []calInterval) {
	sort.Slice(xs, func(i, j int) bool {
		if xs[i].Start != xs[j].Start {
			return xs[i].Start < xs[j].Start
		}
		return xs[i].End < xs[j].End
	})
}

func TestCalendarsPassIndependentParser(t *testing.T) {
	p := calFixture()
	files := calExport(t, p, calOpts)
	evs := icalcheck.Validate(t, files)

	got := map[string][]calInterval{}
	for _, e := range evs {
		if e.Start == nil || e.End == nil {
			t.Fatalf("%s: event %q: ical.js could not resolve its times", e.File, e.Summary)
		}
		got[e.File] = append(got[e.File], calInterval{*e.Start, *e.End})
	}
	for k := range got {
		sortCalIntervals(got[k])
	}
	want := calExpected(p)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("events per file as ical.js reads them (Unix seconds):\n got %v\nwant %v", got, want)
	}
}

func TestCalendarsFileNames(t *testing.T) {
	files := calExport(t, calFixture(), calOpts)
	var got []string
	for n := range files {
		got = append(got, n)
	}
	sort.Strings(got)
	// C99 has no meeting, so no file.
	want := []string{"C01.ics", "C02.ics", "C03.ics", "C04.ics", "C05.ics",
		"S01.ics", "S02.ics", "S03.ics", "S04.ics", "coordinator.ics"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("files: got %q, want %q", got, want)
	}
}

// logical returns the unfolded content lines of an iCalendar text.
func calLogical(b []byte) []string {
	s := strings.ReplaceAll(string(b), "\r\n ", "")
	var out []string
	for _, l := range strings.Split(s, "\r\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// propName is the name of a content line: what precedes the first ; or :.
func calPropName(l string) string {
	if i := strings.IndexAny(l, ";:"); i >= 0 {
		return l[:i]
	}
	return l
}

func calAddresses(b []byte) []string {
	set := map[string]bool{}
	for _, l := range calLogical(b) {
		if n := calPropName(l); n == "ATTENDEE" || n == "ORGANIZER" {
			set[l[strings.LastIndex(l, ":mailto:")+len(":mailto:"):]] = true
		}
	}
	var out []string
	for a := range set {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// calRequests writes, per participant file, that participant's events
// as one METHOD:REQUEST calendar: the addresses an invitation holds.
func calRequests(t *testing.T) map[string][]byte {
	t.Helper()
	evs, err := calendar.Events(calFixture(), calDirectory(), calOpts)
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]calendar.Entry{}
	for _, e := range evs {
		byFile["coordinator.ics"] = append(byFile["coordinator.ics"], calendar.Entry{Event: e})
		for _, o := range e.Owners {
			byFile[o+".ics"] = append(byFile[o+".ics"], calendar.Entry{Event: e})
		}
	}
	out := map[string][]byte{}
	for name, entries := range byFile {
		b, err := calendar.Calendar(calendar.Request, calOpts.Stamp, "", entries)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = b
	}
	return out
}

func TestCalendarsPublishHasNoAttendees(t *testing.T) {
	for name, b := range calExport(t, calFixture(), calOpts) {
		lines := calLogical(b)
		if !slicesContains(lines, "METHOD:PUBLISH") {
			t.Errorf("%s: no METHOD:PUBLISH", name)
		}
		for _, l := range lines {
			if calPropName(l) == "ATTENDEE" || strings.Contains(l, "RSVP") {
				t.Errorf("%s: a PUBLISH calendar carries %q (RFC 5546 3.2.1: no ATTENDEE)", name, l)
			}
		}
		if got := calAddresses(b); !reflect.DeepEqual(got, []string{"kari@example.org"}) {
			t.Errorf("%s: addresses %q, want only the organizer's", name, got)
		}
	}
}

func slicesContains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestCalendarsHoldOnlyTheirPeople(t *testing.T) {
	files := calRequests(t)
	tests := []struct {
		file string
		want []string
	}{
		{"S01.ics", []string{"asa@example.org", "erik@example.org", "kari@example.org", "line@example.com", "ola@example.com"}},
		{"S02.ics", []string{"bjorn@example.org", "kari@example.org", "marta@example.org", "oystein@example.com", "oyvind@example.com"}},
		{"S03.ics", []string{"bjorn@example.org", "kari@example.org", "marta@example.org", "oystein@example.com", "oyvind@example.com"}},
		{"S04.ics", []string{"asa.oberg@example.org", "kari@example.org", "siri@example.com"}},
		{"C01.ics", []string{"asa@example.org", "erik@example.org", "kari@example.org", "ola@example.com"}},
		{"C02.ics", []string{"asa@example.org", "erik@example.org", "kari@example.org", "line@example.com"}},
		{"C03.ics", []string{"bjorn@example.org", "kari@example.org", "oystein@example.com", "oyvind@example.com"}},
		{"C04.ics", []string{"bjorn@example.org", "kari@example.org", "marta@example.org", "oystein@example.com"}},
		{"C05.ics", []string{"asa.oberg@example.org", "kari@example.org", "siri@example.com"}},
		{"coordinator.ics", []string{"asa.oberg@example.org", "asa@example.org", "bjorn@example.org", "erik@example.org",
			"kari@example.org", "line@example.com", "marta@example.org", "ola@example.com", "oystein@example.com",
			"oyvind@example.com", "siri@example.com"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			if got := calAddresses(files[tc.file]); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("addresses: got %q, want %q", got, tc.want)
			}
		})
	}
}

// events splits a calendar into its VEVENTs' logical lines.
func calEvents(b []byte) [][]string {
	var out [][]string
	var cur []string
	in := false
	for _, l := range calLogical(b) {
		switch {
		case l == "BEGIN:VEVENT":
			in, cur = true, nil
		case l == "END:VEVENT":
			in = false
			out = append(out, cur)
		case in:
			cur = append(cur, l)
		}
	}
	return out
}

func calProp(ev []string, name string) string {
	for _, l := range ev {
		if calPropName(l) == name {
			return l[strings.IndexByte(l, ':')+1:]
		}
	}
	return ""
}

func TestCalendarsEventStructure(t *testing.T) {
	files := calExport(t, calFixture(), calOpts)
	evs := calEvents(files["S01.ics"])
	if len(evs) != 7 {
		t.Fatalf("S01.ics: got %d events, want 7 (5 legs, 2 meetings)", len(evs))
	}
	tests := []struct {
		name    string
		summary string
		want    []string // lines the event must have
		alarm   bool
	}{
		{"train there", "Train: Östersund C → Trondheim S", []string{
			"DTSTART;TZID=Europe/Stockholm:20270309T065000",
			"DTEND;TZID=Europe/Oslo:20270309T104000",
			"LOCATION:Östersund C",
			"GEO:63.172;14.645",
			"ORGANIZER;CN=Kari Nordmann:mailto:kari@example.org",
			"DTSTAMP:20270201T120000Z",
			"SEQUENCE:0",
		}, true},
		{"walk", "Walk: Trondheim S → St. Olavs hospital area", []string{
			"DTSTART;TZID=Europe/Oslo:20270309T104500",
		}, false},
		{"meeting", "Meeting: Fjällgård Health 🏔️ – Dr. Ola Nordmann\\, MD", []string{
			"DTSTART;TZID=Europe/Oslo:20270309T111500",
			"DTEND;TZID=Europe/Oslo:20270309T120000",
			"LOCATION:St. Olavs hospital area",
			"TRIGGER:-PT15M",
		}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ev []string
			for _, e := range evs {
				if calProp(e, "SUMMARY") == tc.summary {
					ev = e
				}
			}
			if ev == nil {
				t.Fatalf("no event with SUMMARY %q", tc.summary)
			}
			have := map[string]bool{}
			for _, l := range ev {
				have[l] = true
			}
			for _, w := range tc.want {
				if !have[w] {
					t.Errorf("missing line %q in\n%s", w, strings.Join(ev, "\n"))
				}
			}
			if got := have["BEGIN:VALARM"]; got != tc.alarm {
				t.Errorf("VALARM: got %v, want %v", got, tc.alarm)
			}
			if tc.alarm && !have["TRIGGER:-PT30M"] && !have["TRIGGER:-PT15M"] {
				t.Errorf("alarm: no TRIGGER")
			}
		})
	}
}

func TestCalendarsHotelNight(t *testing.T) {
	files := calExport(t, calFixture(), calOpts)
	for _, f := range []string{"S02.ics", "S03.ics", "coordinator.ics"} {
		n := 0
		for _, ev := range calEvents(files[f]) {
			if calProp(ev, "SUMMARY") == "Hotel night: Hotel near Trondheim S" {
				n++
				if got, want := calProp(ev, "DTSTART"), "20270316T150000"; got != want {
					t.Errorf("%s: hotel DTSTART %q, want %q", f, got, want)
				}
				if got, want := calProp(ev, "TRANSP"), "TRANSPARENT"; got != want {
					t.Errorf("%s: hotel TRANSP %q, want %q", f, got, want)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s: %d hotel nights, want 1", f, n)
		}
	}
	if strings.Contains(string(files["S01.ics"]), "Hotel night") {
		t.Errorf("S01.ics holds a hotel night of another trip")
	}
}

// TestCalendarsHotelGuests: the hotel night is in the calendars of the
// hotel's guests only, and invites only their people; a start-up that
// goes home the first evening does not get it. A plan that names no
// guests puts up every start-up of the trip.
func TestCalendarsHotelGuests(t *testing.T) {
	cases := []struct {
		name       string
		guests     []string
		with, sans []string // calendars with and without the night
		owners     string
		invited    []string // addresses among the night's attendees
		notInvited []string
	}{
		{"one guest", []string{"S03"}, []string{"S03.ics", "coordinator.ics"}, []string{"S02.ics"}, "S03",
			[]string{"oystein@example.com"}, []string{"bjorn@example.org"}},
		{"no guests named", nil, []string{"S02.ics", "S03.ics", "coordinator.ics"}, nil, "S02,S03",
			[]string{"oystein@example.com", "bjorn@example.org"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := calFixture()
			p.Trips[1].Hotel.Guests = tc.guests
			files := calExport(t, p, calOpts)
			night := func(f string) [][]string {
				var evs [][]string
				for _, ev := range calEvents(files[f]) {
					if strings.HasPrefix(calProp(ev, "SUMMARY"), "Hotel night") {
						evs = append(evs, ev)
					}
				}
				return evs
			}
			for _, f := range tc.with {
				evs := night(f)
				if len(evs) != 1 {
					t.Fatalf("%s: %d hotel nights, want 1", f, len(evs))
				}
			}
			for _, f := range tc.sans {
				if n := len(night(f)); n != 0 {
					t.Errorf("%s: %d hotel nights, want none: it goes home the first evening", f, n)
				}
			}
			evs, err := calendar.Events(p, calDirectory(), calOpts)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range evs {
				if e.Kind != calendar.KindHotel {
					continue
				}
				if got := strings.Join(e.Owners, ","); got != tc.owners {
					t.Errorf("hotel owners %s, want %s", got, tc.owners)
				}
				invited := map[string]bool{}
				for _, a := range e.Attendees {
					invited[a.Email] = true
				}
				for _, a := range tc.invited {
					if !invited[a] {
						t.Errorf("the night does not invite %s: %v", a, e.Attendees)
					}
				}
				for _, a := range tc.notInvited {
					if invited[a] {
						t.Errorf("the night invites %s, who goes home", a)
					}
				}
			}
		})
	}
}

func TestCalendarsLines(t *testing.T) {
	files := calExport(t, calFixture(), calOpts)
	folded := 0
	for name, b := range files {
		if !bytes.HasSuffix(b, []byte("\r\n")) {
			t.Errorf("%s: does not end in CRLF", name)
		}
		for i, l := range strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n") {
			if strings.ContainsAny(l, "\r\n") {
				t.Errorf("%s:%d: bare CR or LF in %q", name, i+1, l)
			}
			if len(l) > 75 {
				t.Errorf("%s:%d: %d octets: %q", name, i+1, len(l), l)
			}
			if !utf8.ValidString(l) {
				t.Errorf("%s:%d: not valid UTF-8 on its own: %q", name, i+1, l)
			}
			if strings.HasPrefix(l, " ") {
				folded++
			}
		}
	}
	if folded == 0 {
		t.Errorf("no folded line: the fixture no longer tests folding")
	}
}

func TestCalendarsCannotBeInjected(t *testing.T) {
	files := calExport(t, calFixture(), calOpts)
	for name, b := range calRequests(t) {
		files["request-"+name] = b
	}
	allowed := map[string]bool{
		"BEGIN": true, "END": true, "VERSION": true, "PRODID": true, "CALSCALE": true, "X-WR-CALNAME": true, "METHOD": true,
		"TZID": true, "DTSTART": true, "TZOFFSETFROM": true, "TZOFFSETTO": true, "TZNAME": true, "RRULE": true,
		"UID": true, "DTSTAMP": true, "SEQUENCE": true, "DTEND": true, "SUMMARY": true, "LOCATION": true,
		"GEO": true, "DESCRIPTION": true, "ORGANIZER": true, "ATTENDEE": true, "TRANSP": true,
		"ACTION": true, "TRIGGER": true,
	}
	for name, b := range files {
		nEvents := 0
		for _, l := range calLogical(b) {
			n := calPropName(l)
			if !allowed[n] {
				t.Errorf("%s: unexpected property %q in %q", name, n, l)
			}
			if strings.Contains(l, "evil@example.com") && n == "ATTENDEE" && !strings.HasSuffix(l, ":mailto:bjorn@example.org") {
				t.Errorf("%s: injected attendee: %q", name, l)
			}
			if n == "ATTENDEE" || n == "ORGANIZER" {
				params := l[:strings.Index(l, ":mailto:")]
				if strings.ContainsAny(params, `\"`) {
					t.Errorf("%s: escaped or quoted parameter in %q", name, l)
				}
			}
			if l == "BEGIN:VEVENT" {
				nEvents++
			}
		}
		if got := strings.Count(string(b), "\r\nUID:"); got != nEvents {
			t.Errorf("%s: %d UIDs for %d events", name, got, nEvents)
		}
	}
	if n := len(calEvents(files["request-coordinator.ics"])); n != 25 {
		t.Errorf("coordinator.ics: %d events, want 25 (17 legs, 7 meetings, 1 hotel night)", n)
	}
}

func TestCalendarsDeterministic(t *testing.T) {
	first := calExport(t, calFixture(), calOpts)
	for i := 0; i < 5; i++ {
		again := calExport(t, calFixture(), calOpts)
		if !reflect.DeepEqual(first, again) {
			t.Fatalf("run %d gave different bytes", i+2)
		}
	}
}

func calUIDs(b []byte) map[string]string {
	out := map[string]string{}
	for _, ev := range calEvents(b) {
		out[calProp(ev, "SUMMARY")] = calProp(ev, "UID")
	}
	return out
}

func TestCalendarsUIDsStable(t *testing.T) {
	before := calUIDs(calExport(t, calFixture(), calOpts)["coordinator.ics"])
	moved := calFixture()
	m := &moved.Trips[0].Meetings[1]
	m.Start, m.End = m.Start.Add(time.Hour), m.End.Add(time.Hour)
	moved.Trips[0].Legs[0].Depart = moved.Trips[0].Legs[0].Depart.Add(-10 * time.Minute)
	after := calUIDs(calExport(t, moved, calOpts)["coordinator.ics"])
	if !reflect.DeepEqual(before, after) {
		t.Errorf("UIDs changed when events moved:\nbefore %v\nafter  %v", before, after)
	}
	seen := map[string]string{}
	for s, u := range before {
		if other, ok := seen[u]; ok {
			t.Errorf("UID %s shared by %q and %q", u, s, other)
		}
		seen[u] = s
	}
	renamed := calFixture()
	renamed.Program = "Another programme"
	for s, u := range calUIDs(calExport(t, renamed, calOpts)["coordinator.ics"]) {
		if before[s] == u {
			t.Errorf("%q: same UID in another programme", s)
		}
	}
}

func calSequences(b []byte) map[string]string {
	out := map[string]string{}
	for _, ev := range calEvents(b) {
		out[calProp(ev, "SUMMARY")] = calProp(ev, "SEQUENCE")
	}
	return out
}

func TestCalendarsSequence(t *testing.T) {
	const movedMeeting = "Meeting: Fjällgård Health 🏔️ – Line Brekke\\; PhD"
	move := func(p *schedule.Plan, d time.Duration) *schedule.Plan {
		m := &p.Trips[0].Meetings[1]
		m.Start, m.End = m.Start.Add(d), m.End.Add(d)
		return p
	}
	v0 := calExport(t, calFixture(), calOpts)
	later := calOpts
	later.Stamp = calOpts.Stamp.Add(48 * time.Hour) // a new DTSTAMP is no change
	later.Previous = v0
	v1 := calExport(t, move(calFixture(), time.Hour), later)
	later.Previous = v1
	v1again := calExport(t, move(calFixture(), time.Hour), later)
	v2 := calExport(t, move(calFixture(), 2*time.Hour), later)

	tests := []struct {
		name  string
		files map[string][]byte
		want  string // the moved meeting's SEQUENCE
	}{
		{"first export", v0, "0"},
		{"moved once", v1, "1"},
		{"unchanged since", v1again, "1"},
		{"moved again", v2, "2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range []string{"coordinator.ics", "S01.ics", "C02.ics"} {
				seq := calSequences(tc.files[f])
				if got := seq[movedMeeting]; got != tc.want {
					t.Errorf("%s: SEQUENCE of the moved meeting: got %q, want %q", f, got, tc.want)
				}
				for s, n := range seq {
					if s != movedMeeting && n != "0" {
						t.Errorf("%s: %q: SEQUENCE %q, want 0 (unchanged)", f, s, n)
					}
				}
			}
		})
	}
}

func TestCalendarsErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options)
		want   error
		where  calendar.Error // the location fields expected
	}{
		{"unknown contact", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			p.Trips[1].Meetings[2].Contact = "C42"
		}, calendar.ErrNotInDirectory, calendar.Error{Trip: "T2", Field: "meetings[2].contact"}},
		{"unknown place of a leg", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			p.Trips[0].Legs[3].To = "nowhere"
		}, calendar.ErrNotInDirectory, calendar.Error{Trip: "T1", Field: "legs[3].to"}},
		{"unknown traveller", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			p.Trips[1].Legs[0].Travellers = []string{"S02", "S77"}
		}, calendar.ErrNotInDirectory, calendar.Error{Trip: "T2", Field: "legs[0].travellers[1]"}},
		{"meeting ends before it starts", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			m := &p.Trips[2].Meetings[0]
			m.Start, m.End = m.End, m.Start
		}, calendar.ErrEventTimes, calendar.Error{Trip: "T3", Field: "meetings[0]"}},
		{"hotel of no length", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			p.Trips[1].Hotel.CheckOut = p.Trips[1].Hotel.CheckIn
		}, calendar.ErrEventTimes, calendar.Error{Trip: "T2", Field: "hotel"}},
		{"address with a line break", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			d.Contacts["C05"] = schedule.Party{Name: "X", People: []schedule.Person{{Name: "X", Email: "x@example.org\r\nATTENDEE:mailto:y@example.org"}}}
		}, calendar.ErrEmail, calendar.Error{Trip: "T3", Field: "meetings[0]"}},
		{"coordinator without address", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			d.Coordinator.Email = ""
		}, calendar.ErrNoOrganizer, calendar.Error{Field: "coordinator.email"}},
		{"id that escapes the folder", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			d.Contacts["../C05"] = d.Contacts["C05"]
			p.Trips[2].Meetings[0].Contact = "../C05"
		}, calendar.ErrFileName, calendar.Error{Field: `contacts["../C05"]`}},
		{"id of the coordinator's file", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			d.Contacts["Coordinator"] = d.Contacts["C05"]
			p.Trips[2].Meetings[0].Contact = "Coordinator"
		}, calendar.ErrFileName, calendar.Error{Field: `contacts["Coordinator"]`}},
		{"ids differing in case", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			d.Contacts["c01"] = d.Contacts["C05"]
			p.Trips[2].Meetings[0].Contact = "c01"
		}, calendar.ErrFileName, calendar.Error{Field: `contacts["c01"]`}},
		{"zone without EU rules", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			o.Zone = calZone("America/New_York")
		}, calendar.ErrTimeZone, calendar.Error{Field: "zone America/New_York"}},
		{"zone without a name", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			o.Zone = time.Local
		}, calendar.ErrTimeZone, calendar.Error{Field: "zone Local"}},
		{"malformed earlier export", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			o.Previous = map[string][]byte{"S01.ics": []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSEQUENCE:two\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")}
		}, calendar.ErrPreviousCalendar, calendar.Error{File: "S01.ics", Line: 4}},
		{"earlier event never ends", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			o.Previous = map[string][]byte{"C01.ics": []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n")}
		}, calendar.ErrPreviousCalendar, calendar.Error{File: "C01.ics", Line: 2}},
		{"empty plan", func(p *schedule.Plan, d *schedule.Directory, o *calendar.Options) {
			p.Trips = nil
		}, calendar.ErrNoEvents, calendar.Error{Field: "trips"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, d, o := calFixture(), calDirectory(), calOpts
			tc.change(p, &d, &o)
			files, err := calendar.Files(p, d, o)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got error %v, want %v", err, tc.want)
			}
			if files != nil {
				t.Errorf("files returned with the error")
			}
			var ce *calendar.Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *Error", err)
			}
			got := calendar.Error{File: ce.File, Line: ce.Line, Trip: ce.Trip, Field: ce.Field}
			if got != tc.where {
				t.Errorf("located at %+v, want %+v (%v)", got, tc.where, err)
			}
		})
	}
}

func TestCalendarsOtherZones(t *testing.T) {
	helsinki := calZone("Europe/Helsinki")
	fixed := time.FixedZone("XST", 3*3600+1800)
	dir := schedule.Directory{
		Coordinator: schedule.Person{Name: "Kari", Email: "kari@example.org"},
		Startups:    map[string]schedule.Party{"S1": {Name: "One", People: []schedule.Person{{Name: "A", Email: "a@example.org"}}}},
		Contacts: map[string]schedule.Party{
			"C1": {Name: "Helsinki", People: []schedule.Person{{Name: "H", Email: "h@example.org"}}},
			"C2": {Name: "Fixed", People: []schedule.Person{{Name: "F", Email: "f@example.org"}}},
			"C3": {Name: "Utc", People: []schedule.Person{{Name: "U", Email: "u@example.org"}}},
			"C4": {Name: "Stockholm", People: []schedule.Person{{Name: "S", Email: "s@example.org"}}},
		},
		Places: map[string]schedule.Place{
			"hel": {Name: "Helsinki", TimeZone: helsinki},
			"fix": {Name: "Fixed", TimeZone: fixed},
			"utc": {Name: "Nowhere in particular"}, // no zone, no default: UTC
			"sto": {Name: "Stockholm", TimeZone: calStockholm},
		},
	}
	utc := func(s string) time.Time { return calAt(time.UTC, s) }
	p := &schedule.Plan{Program: "Zones", Trips: []schedule.TripPlan{{
		ID: "Z", Startups: []string{"S1"},
		Meetings: []schedule.Meeting{
			// Either side of the summer-time change on 2027-03-28 01:00 UTC.
			calMeeting("S1", "C1", "hel", utc("2027-03-27 09:00"), utc("2027-03-27 10:00")),
			calMeeting("S1", "C1", "hel", utc("2027-07-01 09:00"), utc("2027-07-01 10:00")),
			calMeeting("S1", "C2", "fix", utc("2027-03-27 09:00"), utc("2027-03-27 10:00")),
			calMeeting("S1", "C3", "utc", utc("2027-03-27 09:00"), utc("2027-03-27 10:00")),
			// 02:30 local twice on 2027-10-31: once in summer time, once not.
			calMeeting("S1", "C4", "sto", utc("2027-10-31 00:30"), utc("2027-10-31 01:30")),
		},
	}}}
	files, err := calendar.Files(p, dir, calendar.Options{})
	if err != nil {
		t.Fatal(err)
	}
	evs := icalcheck.Validate(t, files)
	got := map[string][]calInterval{}
	for _, e := range evs {
		got[e.File] = append(got[e.File], calInterval{*e.Start, *e.End})
	}
	for k := range got {
		sortCalIntervals(got[k])
	}
	want := calExpected(p)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("instants as ical.js reads them:\n got %v\nwant %v", got, want)
	}
	tests := []struct {
		file string
		want []string
	}{
		{"C1.ics", []string{"TZID:Europe/Helsinki", "TZOFFSETTO:+0200", "TZOFFSETTO:+0300", "TZNAME:EET", "TZNAME:EEST",
			"DTSTART:19700329T030000", "DTSTART;TZID=Europe/Helsinki:20270327T110000", "DTSTART;TZID=Europe/Helsinki:20270701T120000"}},
		{"C2.ics", []string{"TZID:XST", "TZOFFSETFROM:+0330", "TZOFFSETTO:+0330", "DTSTART;TZID=XST:20270327T123000"}},
		{"C3.ics", []string{"DTSTART:20270327T090000Z", "DTEND:20270327T100000Z"}},
		// The repeated hour cannot be told apart in local time: both ends are UTC.
		{"C4.ics", []string{"DTSTART:20271031T003000Z", "DTEND:20271031T013000Z"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			have := map[string]bool{}
			for _, l := range calLogical(files[tc.file]) {
				have[l] = true
			}
			for _, w := range tc.want {
				if !have[w] {
					t.Errorf("missing %q in\n%s", w, files[tc.file])
				}
			}
		})
	}
	if strings.Contains(string(files["C3.ics"]), "VTIMEZONE") {
		t.Errorf("C3.ics: VTIMEZONE written for a UTC-only calendar")
	}
}

func ExampleFiles() {
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	day := func(h, m int) time.Time { return time.Date(2027, 3, 9, h, m, 0, 0, stockholm) }
	plan := &schedule.Plan{
		Version: 1,
		Program: "Start-up Exchange",
		Trips: []schedule.TripPlan{{
			ID: "T1", Startups: []string{"S01"}, Date: "2027-03-09",
			Meetings: []schedule.Meeting{{Startup: "S01", Contact: "C07", Place: "miun",
				Start: day(10, 0), End: day(10, 45)}},
		}},
	}
	dir := schedule.Directory{
		Coordinator: schedule.Person{Name: "Kari Nordmann", Email: "kari@example.org"},
		Startups:    map[string]schedule.Party{"S01": {Name: "Nordljus AB", People: []schedule.Person{{Name: "Åsa Berg", Email: "asa@example.org"}}}},
		Contacts:    map[string]schedule.Party{"C07": {Name: "Ola Dahl", People: []schedule.Person{{Name: "Ola Dahl, PhD", Email: "ola@example.com"}}}},
		Places:      map[string]schedule.Place{"miun": {Name: "Mid Sweden University", Lat: 63.18, Lon: 14.64}},
	}
	files, err := calendar.Files(plan, dir, calendar.Options{
		Stamp: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC),
		Zone:  stockholm,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Println(names)
	for _, l := range strings.Split(strings.ReplaceAll(string(files["C07.ics"]), "\r\n ", ""), "\r\n") {
		for _, p := range []string{"DTSTART;", "DTEND", "SUMMARY", "LOCATION", "GEO", "ORGANIZER", "ATTENDEE"} {
			if strings.HasPrefix(l, p) {
				fmt.Println(l)
			}
		}
	}
	// Output:
	// [C07.ics S01.ics coordinator.ics]
	// DTSTART;TZID=Europe/Stockholm:20270309T100000
	// DTEND;TZID=Europe/Stockholm:20270309T104500
	// SUMMARY:Meeting: Nordljus AB – Ola Dahl
	// LOCATION:Mid Sweden University
	// GEO:63.18;14.64
	// ORGANIZER;CN=Kari Nordmann:mailto:kari@example.org
}

func BenchmarkCalendars(b *testing.B) {
	p, d := calFixture(), calDirectory()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := calendar.Files(p, d, calOpts); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCalendarsFoldNeverSplitsACharacter(t *testing.T) {
	for pad := 0; pad < 4; pad++ {
		t.Run(fmt.Sprintf("offset %d", pad), func(t *testing.T) {
			p := calFixture()
			// 4-octet characters across every alignment with octet 75.
			p.Program = strings.Repeat("x", pad) + strings.Repeat("🏔", 40) + " ø"
			files := calExport(t, p, calOpts)
			b := files["coordinator.ics"]
			for i, l := range strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n") {
				if len(l) > 75 || !utf8.ValidString(l) {
					t.Errorf("line %d: %d octets, valid UTF-8 %v: %q", i+1, len(l), utf8.ValidString(l), l)
				}
			}
			want := "X-WR-CALNAME:" + p.Program + " – Kari Nordmann"
			found := false
			for _, l := range calLogical(b) {
				found = found || l == want
			}
			if !found {
				t.Errorf("unfolded lines lack %q", want)
			}
		})
	}
}

func TestCalendarsTravellerListedTwice(t *testing.T) {
	p := calFixture()
	p.Trips[0].Legs[0].Travellers = []string{"S01", "S01"}
	files := calExport(t, p, calOpts)
	evs := calEvents(files["S01.ics"])
	if len(evs) != 7 {
		t.Errorf("S01.ics: %d events, want 7, each once", len(evs))
	}
	icalcheck.Validate(t, map[string][]byte{"S01.ics": files["S01.ics"]})
}

func TestCalendarsNilPlan(t *testing.T) {
	files, err := calendar.Files(nil, calDirectory(), calOpts)
	if !errors.Is(err, calendar.ErrNoEvents) || files != nil {
		t.Errorf("got %d files and error %v, want ErrNoEvents", len(files), err)
	}
}

// TestDemoCalendars runs every calendar of the demo plan through the
// independent parser, and checks that each participant's file holds
// only the addresses of the people in their own events.
func TestDemoCalendars(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	dir := prog.Directory()
	files, err := calendar.Files(plan, dir, calendar.Options{Zone: prog.Zone})
	if err != nil {
		t.Fatal(err)
	}
	evs := icalcheck.Validate(t, files)
	if len(evs) == 0 {
		t.Fatal("the parser saw no events")
	}
	// Who may appear in whose file.
	allowed := map[string]map[string]bool{}
	allow := func(file string, ids ...string) {
		if allowed[file] == nil {
			allowed[file] = map[string]bool{dir.Coordinator.Email: true}
		}
		for _, id := range ids {
			for _, p := range dir.Startups[id].People {
				allowed[file][p.Email] = true
			}
			for _, p := range dir.Contacts[id].People {
				allowed[file][p.Email] = true
			}
		}
	}
	for _, tp := range plan.Trips {
		for _, s := range tp.Startups {
			allow(s+".ics", s)
		}
		for _, l := range tp.Legs {
			for _, s := range l.Travellers {
				allow(s+".ics", l.Travellers...) // a shared train or car
			}
		}
		if tp.Hotel != nil {
			for _, s := range tp.Startups {
				allow(s+".ics", tp.Startups...)
			}
		}
		for _, m := range tp.Meetings {
			allow(m.Startup+".ics", m.Startup, m.Contact)
			allow(m.Contact+".ics", m.Startup, m.Contact)
		}
	}
	for name, data := range files {
		if name == "coordinator.ics" {
			continue
		}
		ok, known := allowed[name]
		if !known {
			t.Errorf("%s: a calendar for someone with no event", name)
			continue
		}
		for _, addr := range calAddresses(data) {
			if !ok[addr] {
				t.Errorf("%s holds %s, who is in none of its events", name, addr)
			}
		}
	}
	for file := range allowed {
		if _, ok := files[file]; !ok {
			t.Errorf("no calendar %s", file)
		}
	}
}
