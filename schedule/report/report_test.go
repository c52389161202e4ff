package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/report"
)

var stamp = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)

// planDemo plans the demo once for every test of the package; the tests
// only read the plan.
var planDemo = func() func(t testing.TB) (*schedule.Program, *schedule.Plan) {
	var once sync.Once
	var prog *schedule.Program
	var plan *schedule.Plan
	var failed bool
	return func(t testing.TB) (*schedule.Program, *schedule.Plan) {
		t.Helper()
		once.Do(func() {
			failed = true
			prog, plan = programtest.PlanDemo(t)
			failed = false
		})
		if failed {
			t.Fatal("planning the demo failed in an earlier test")
		}
		return prog, plan
	}
}()

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./schedule/report -update to create it")
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (rerun with -update after checking):\n--- got\n%s", path, got)
	}
}

// TestPlanTextGolden: plan.txt of the demo in each language.
func TestPlanTextGolden(t *testing.T) {
	prog, plan := planDemo(t)
	for _, l := range report.Langs {
		t.Run(string(l), func(t *testing.T) {
			golden(t, "plan-demo-"+string(l)+".txt", report.Text(plan, prog.Directory(), report.Options{Program: prog, Lang: l}))
		})
	}
}

// TestPlanTextWording: what a reader of plan.txt was promised — one
// block per start-up and day, singular counts, one name for a night
// away, the score explained — in every language.
func TestPlanTextWording(t *testing.T) {
	prog, plan := planDemo(t)
	dir := prog.Directory()
	cases := []struct {
		lang                       report.Lang
		night, day, score, weekday string
	}{
		{report.English, "one night", "day trip", "the sum of the meetings' match scores", "Tuesday 16 March 2027"},
		{report.Swedish, "en natt", "dagsresa", "summan av mötenas matchningspoäng", "tisdag 16 mars 2027"},
		{report.Norwegian, "én natt", "dagstur", "summen av møtenes matchpoeng", "tirsdag 16. mars 2027"},
	}
	for _, tc := range cases {
		t.Run(string(tc.lang), func(t *testing.T) {
			text := string(report.Text(plan, dir, report.Options{Program: prog, Lang: tc.lang}))
			kg := fmt.Sprintf("%.1f kg CO2e", plan.Totals.CO2Kg)
			if tc.lang != report.English {
				kg = strings.Replace(kg, ".", ",", 1) // a decimal comma
			}
			for _, s := range []string{tc.night, tc.day, tc.score, tc.weekday, kg} {
				assert.Contains(t, text, s)
			}
			assert.NotRegexp(t, `\b1 (meetings|möten|møter)`, text)
			assert.NotContains(t, text, "overnight")
			for _, tp := range plan.Trips {
				for _, s := range tp.Startups {
					assert.Contains(t, text, "  "+dir.Startups[s].Name+" ("+s+"), ", "a block for %s", s)
				}
			}
		})
	}
}

func TestParseLang(t *testing.T) {
	cases := []struct {
		in   string
		want report.Lang
		ok   bool
	}{
		{"sv", report.Swedish, true}, {"SV-se", report.Swedish, true}, {"svenska", report.Swedish, true},
		{"no", report.Norwegian, true}, {"nb_NO", report.Norwegian, true}, {"nn", report.Norwegian, true},
		{"en", report.English, true}, {" English ", report.English, true},
		{"fi", "", false}, {"", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := report.ParseLang(tc.in)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestIndicatorsAddUp: indicators.json's figures add up to plan.json's,
// both read back from the files Files renders.
func TestIndicatorsAddUp(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files func(t testing.TB) (*schedule.Program, *schedule.Plan)
	}{
		{"demo", func(t testing.TB) (*schedule.Program, *schedule.Plan) { return planDemo(t) }},
		{"random 3", func(t testing.TB) (*schedule.Program, *schedule.Plan) {
			return programtest.PlanChecked(t, programtest.Random(t, 3))
		}},
		{"random 11", func(t testing.TB) (*schedule.Program, *schedule.Plan) {
			return programtest.PlanChecked(t, programtest.Random(t, 11))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prog, plan := tc.files(t)
			files, err := report.Files(plan, prog.Directory(), report.Options{Program: prog, Lang: report.English})
			require.NoError(t, err)
			var p schedule.Plan
			require.NoError(t, json.Unmarshal(files["plan.json"], &p))
			var in report.Indicators
			require.NoError(t, json.Unmarshal(files["indicators.json"], &in))

			const eps = 0.01 // kg: each figure is rounded to grams
			assert.Equal(t, p.Totals.Meetings, in.Meetings)
			assert.Equal(t, p.Totals.StartupsTravelled, in.Travelled)
			assert.Equal(t, p.Totals.People, in.People)
			assert.InDelta(t, p.Totals.CO2Kg, in.CO2Kg, eps)
			assert.InDelta(t, p.Totals.HotelCO2Kg, in.HotelCO2Kg, eps)
			assert.InDelta(t, p.Totals.AllCarCO2Kg, in.AllCarKg, eps)
			assert.InDelta(t, p.Totals.AvoidedCO2Kg, in.AvoidedKg, eps)
			assert.InDelta(t, p.Totals.CO2KgPerPerson, in.CO2KgPerPerson, eps)
			assert.InDelta(t, p.Totals.CO2KgPerMeeting, in.CO2KgPerMeet, eps)
			require.Equal(t, len(p.Totals.CO2KgByMode), len(in.CO2KgByMode))
			legs := 0.0
			for m, kg := range p.Totals.CO2KgByMode {
				assert.InDelta(t, kg, in.CO2KgByMode[m], eps, "mode %s", m)
				legs += kg
			}
			// Travel and hotel nights apart make the whole.
			assert.InDelta(t, legs, in.TravelCO2Kg, eps)
			assert.InDelta(t, in.CO2Kg, in.TravelCO2Kg+in.HotelCO2Kg, eps, "travel + hotel nights = total")

			// The rows per start-up add up to each trip and to the totals.
			meetings, co2, people := 0, 0.0, 0
			byTrip := map[string]float64{}
			peopleByTrip := map[string]int{}
			for _, s := range in.ByStartup {
				meetings += s.Meetings
				co2 += s.CO2Kg
				people += s.People
				byTrip[s.Trip] += s.CO2Kg
				peopleByTrip[s.Trip] += s.People
			}
			assert.Equal(t, p.Totals.Meetings, meetings, "meetings per start-up add up")
			assert.InDelta(t, p.Totals.CO2Kg, co2, eps, "CO2 per start-up adds up")
			assert.Equal(t, p.Totals.People, people, "people per start-up add up")
			hotel := 0.0
			for _, tp := range p.Trips {
				assert.InDelta(t, tp.CO2Kg, byTrip[tp.ID], eps, "trip %s", tp.ID)
				assert.Equal(t, tp.People, peopleByTrip[tp.ID], "trip %s", tp.ID)
				if tp.Hotel != nil {
					hotel += tp.Hotel.CO2Kg
				}
			}
			assert.InDelta(t, hotel, in.HotelCO2Kg, eps, "the hotel nights are the trips' hotels")
			assert.LessOrEqual(t, in.WishesTop3.Met, in.WishesTop3.Total)
			assert.LessOrEqual(t, in.WishesAll.Met, in.WishesAll.Total)
			assert.LessOrEqual(t, in.WishesTop3.Met, in.WishesAll.Met)

			// The same figures in plan.txt, indicators.csv and index.html.
			text := string(files["plan.txt"])
			require.True(t, bytes.HasPrefix(files["indicators.csv"], []byte("\ufeff")), "a BOM for Excel")
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files["indicators.csv"], []byte("\ufeff")))).ReadAll()
			require.NoError(t, err)
			csvValue := map[string]string{}
			for _, r := range rows {
				csvValue[r[0]+"/"+r[1]] = r[2]
			}
			assert.Equal(t, jsonNumber(in.CO2Kg), csvValue["co2/all"])
			assert.Equal(t, jsonNumber(in.TravelCO2Kg), csvValue["co2/travel"])
			assert.Equal(t, jsonNumber(in.HotelCO2Kg), csvValue["co2/hotel nights"])
			assert.Equal(t, jsonNumber(in.AllCarKg), csvValue["co2 all by car/all"])
			assert.Equal(t, jsonNumber(in.AvoidedKg), csvValue["co2 avoided against car/all"])
			for _, page := range []string{text, string(files["index.html"])} {
				assert.Contains(t, page, formatKg(in.CO2Kg))
				assert.Contains(t, page, formatKg(in.TravelCO2Kg))
				assert.Contains(t, page, formatKg(in.AllCarKg))
				assert.Contains(t, page, formatKg(in.AvoidedKg))
				assert.Contains(t, page, formatKg(in.CO2KgPerPerson))
			}
			assert.Regexp(t, `hotel nights: +`+regexp.QuoteMeta(formatKg(in.HotelCO2Kg)), text, "the hotel nights on a line of their own")
		})
	}
}

func jsonNumber(x float64) string {
	b, _ := json.Marshal(x)
	return string(b)
}

// formatKg is how plan.txt and index.html write a figure in kg.
func formatKg(x float64) string { return fmt.Sprintf("%.1f kg", x) }

// TestMeetingsSheets: meetings.csv and meetings.xlsx have one row per
// meeting with the same cells; the xlsx opens in excelize.
func TestMeetingsSheets(t *testing.T) {
	prog, plan := planDemo(t)
	dir := prog.Directory()
	o := report.Options{Program: prog, Lang: report.English}
	data := report.MeetingsCSV(plan, dir, o)
	require.True(t, bytes.HasPrefix(data, []byte("\ufeff")), "a BOM for Excel")
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, plan.Totals.Meetings+1)
	assert.Equal(t, []string{"trip", "date", "start", "end", "startup_id", "startup", "contact_id", "contact", "organisation", "role", "place", "reasons"}, rows[0])

	x, err := report.MeetingsXLSX(plan, dir, o, stamp)
	require.NoError(t, err)
	again, err := report.MeetingsXLSX(plan, dir, o, stamp)
	require.NoError(t, err)
	assert.Equal(t, x, again, "the same plan gives the same workbook")
	f, err := excelize.OpenReader(bytes.NewReader(x))
	require.NoError(t, err)
	defer f.Close()
	got, err := f.GetRows("Meetings")
	require.NoError(t, err)
	require.Len(t, got, len(rows))
	for i := range rows {
		if i == 0 {
			assert.Equal(t, rows[0], got[0])
			continue
		}
		// Dates and times are Excel numbers shown as yyyy-mm-dd and hh:mm.
		assert.Equal(t, rows[i], got[i], "row %d", i+1)
	}
}

// TestReasonsInWords: the reasons match writes read as sentences.
func TestReasonsInWords(t *testing.T) {
	prog, plan := planDemo(t)
	text := string(report.Text(plan, prog.Directory(), report.Options{Program: prog, Lang: report.English}))
	for _, s := range []string{"your wish no. 1: someone from Trøndelag Sykehus Innkjøp", "shared fields: ", "“an investor in medtech” (matched on medtech)"} {
		assert.Contains(t, text, s)
	}
	assert.NotContains(t, text, "wish 1: org")
}

// TestCleanInput: control characters in names do not reach the files.
func TestCleanInput(t *testing.T) {
	prog, plan := planDemo(t)
	dir := prog.Directory()
	s := plan.Trips[0].Startups[0]
	pt := dir.Startups[s]
	pt.Name = "Evil\x1b[2J<script>alert(1)</script>"
	dir.Startups[s] = pt
	files, err := report.Files(plan, dir, report.Options{Program: prog})
	require.NoError(t, err)
	for name, data := range files {
		if strings.HasSuffix(name, ".xlsx") {
			continue
		}
		assert.NotContains(t, string(data), "\x1b", name)
		if strings.HasSuffix(name, ".html") {
			assert.NotContains(t, string(data), "<script>", name)
		}
	}
}

// TestWomenFounders: the founders' share counts the travelling
// start-ups' founders whose gender is stated, and reads "not stated"
// without any.
func TestWomenFounders(t *testing.T) {
	prog, plan := planDemo(t)
	dir := prog.Directory()
	in := report.ComputeIndicators(plan, dir, report.Options{Program: prog})
	assert.Nil(t, in.WomenFounders.Value)
	assert.Contains(t, string(report.Text(plan, dir, report.Options{Program: prog, Lang: report.English})), "women among founders who travelled:      not stated; target 35%")

	travelling, home := plan.Trips[0].Startups[0], ""
	for _, s := range prog.Startups {
		travelling := false
		for _, tp := range plan.Trips {
			for _, x := range tp.Startups {
				travelling = travelling || x == s.ID
			}
		}
		if !travelling {
			home = s.ID
			break
		}
	}
	require.NotEmpty(t, home, "the demo has a start-up without a trip")
	founders := map[string][]string{travelling: {"f", "m", ""}, home: {"f", "f"}}
	in = report.ComputeIndicators(plan, dir, report.Options{Program: prog, Founders: founders})
	require.NotNil(t, in.WomenFounders.Value)
	assert.Equal(t, 1, in.WomenFounders.Women)
	assert.Equal(t, 2, in.WomenFounders.Stated)
	assert.InDelta(t, 0.5, *in.WomenFounders.Value, 1e-9)
}

// TestRandomProgrammes: on random programmes every output renders, every
// meeting is in its start-up's and its contact's agenda and in
// index.html, and the indicators add up. The messages carry the seed.
func TestRandomProgrammes(t *testing.T) {
	for seed := uint64(1); seed <= 12; seed++ {
		prog, plan := planPartial(t, seed)
		dir := prog.Directory()
		files, err := report.Files(plan, dir, report.Options{Program: prog})
		require.NoError(t, err, "seed %d", seed)
		in := report.ComputeIndicators(plan, dir, report.Options{Program: prog})
		assert.Equal(t, plan.Totals.Meetings, in.Meetings, "seed %d", seed)
		assert.InDelta(t, plan.Totals.CO2Kg, in.CO2Kg, 0.01, "seed %d", seed)
		index := string(files["index.html"])
		for _, tp := range plan.Trips {
			for _, m := range tp.Meetings {
				start := m.Start.In(dir.Places[m.Place].TimeZone).Format("15:04")
				for _, path := range []string{report.AgendaPath(m.Startup), report.ContactAgendaPath(m.Contact, dir.Startups)} {
					page := string(files[path])
					assert.Contains(t, page, start+"–", "seed %d: %s lacks the meeting at %s", seed, path, start)
				}
				assert.Contains(t, index, template.HTMLEscapeString(dir.Contacts[m.Contact].Name), "seed %d", seed)
			}
		}
		// A trip no option can make is named, with each option's reason.
		text := string(files["plan.txt"])
		for _, it := range plan.Impossible {
			assert.Contains(t, text, " "+it.ID+"\n", "seed %d", seed)
			assert.Contains(t, index, " "+it.ID+": ", "seed %d", seed)
			for _, r := range it.Reasons {
				_, why, _ := strings.Cut(r, ": not possible: ")
				assert.Contains(t, text, why, "seed %d", seed)
				assert.Contains(t, index, template.HTMLEscapeString(why), "seed %d", seed)
			}
		}
	}
}

// planPartial plans random programme seed and checks the plan; a trip
// that no option can make is in Plan.Impossible, and the rest is
// planned.
func planPartial(t *testing.T, seed uint64) (*schedule.Program, *schedule.Plan) {
	t.Helper()
	prog := programtest.Load(t, programtest.Random(t, seed))
	plan, err := prog.Plan(context.Background(), schedule.Options{Seed: 1})
	if err != nil && !errors.Is(err, schedule.ErrImpossible) {
		t.Fatalf("seed %d: %v", seed, err)
	}
	require.NotNil(t, plan, "seed %d", seed)
	require.Equal(t, err != nil, len(plan.Impossible) > 0, "seed %d: an error for each impossible trip", seed)
	require.NoError(t, prog.Check(plan), "seed %d", seed)
	return prog, plan
}

// TestEmptyPlan: a plan with no trip still renders plan.txt, index.html,
// the sheets and the indicators (the calendars refuse an empty plan).
func TestEmptyPlan(t *testing.T) {
	p := &schedule.Plan{Version: schedule.PlanVersion, Program: "Nothing yet"}
	var dir schedule.Directory
	var o report.Options
	assert.Contains(t, string(report.Text(p, dir, o)), "Nothing yet")
	index, err := report.Index(p, dir, o)
	require.NoError(t, err)
	assert.Contains(t, string(index), "Nothing yet")
	agendas, err := report.Agendas(p, dir, o)
	require.NoError(t, err)
	assert.Empty(t, agendas)
	assert.NotEmpty(t, report.MeetingsCSV(p, dir, o))
	_, err = report.MeetingsXLSX(p, dir, o, time.Time{})
	require.NoError(t, err)
	in := report.ComputeIndicators(p, dir, o)
	assert.Zero(t, in.Meetings)
	assert.Zero(t, in.CO2KgPerMeet)
	_, err = report.IndicatorsJSON(in)
	require.NoError(t, err)
}

// TestAgendaPathClash: a contact with a start-up's id gets an agenda of
// its own, and index.html links to it.
func TestAgendaPathClash(t *testing.T) {
	prog, plan := planDemo(t)
	dir := prog.Directory()
	var p schedule.Plan
	js, err := json.Marshal(plan)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(js, &p))
	m := &p.Trips[0].Meetings[0]
	clash := "S02" // a start-up of another trip
	require.Contains(t, dir.Startups, clash)
	dir.Contacts[clash] = dir.Contacts[m.Contact]
	m.Contact = clash
	agendas, err := report.Agendas(&p, dir, report.Options{Program: prog})
	require.NoError(t, err)
	assert.Contains(t, agendas, "agenda/S02.html")
	assert.Contains(t, agendas, "agenda/contact-S02.html")
	assert.Contains(t, string(agendas["agenda/contact-S02.html"]), dir.Startups[m.Startup].Name)
	index, err := report.Index(&p, dir, report.Options{Program: prog})
	require.NoError(t, err)
	assert.Contains(t, string(index), `href="agenda/contact-S02.html"`)
	assert.Equal(t, "agenda/a_b.html", report.AgendaPath("a/b"))
}

// TestHotelGuests: in plan.txt the night is in the days of the hotel's
// guests only; a start-up that goes home the first evening has none, and
// the trip says who stays. A plan that names no guests puts up every
// start-up of the trip.
func TestHotelGuests(t *testing.T) {
	prog, demo := planDemo(t)
	dir := prog.Directory()
	var p schedule.Plan
	js, err := json.Marshal(demo)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(js, &p))
	var tp *schedule.TripPlan
	for i := range p.Trips {
		if h := p.Trips[i].Hotel; h != nil && len(h.Guests) > 0 && len(h.Guests) < len(p.Trips[i].Startups) {
			tp = &p.Trips[i]
		}
	}
	require.NotNil(t, tp, "the demo has a night that not every start-up of the trip stays")
	// nights counts the hotel lines of a start-up's blocks in plan.txt.
	nights := func(text, s string) int {
		n := 0
		for _, block := range strings.Split(text, "\n\n") {
			if strings.HasPrefix(block, "  "+dir.Startups[s].Name+" ("+s+"), ") {
				n += strings.Count(block, "Night at ") + strings.Count(block, "Check out of ")
			}
		}
		return n
	}
	for _, tc := range []struct {
		name   string
		guests []string
	}{{"guests named", tp.Hotel.Guests}, {"no guests named", nil}} {
		t.Run(tc.name, func(t *testing.T) {
			tp.Hotel.Guests = tc.guests
			text := string(report.Text(&p, dir, report.Options{Program: prog, Lang: report.English}))
			for _, s := range tp.Startups {
				guest := len(tc.guests) == 0 || contains(tc.guests, s)
				if guest {
					assert.Equal(t, 2, nights(text, s), "%s stays the night: the night and the check-out", s)
				} else {
					assert.Zero(t, nights(text, s), "%s goes home the first evening", s)
					assert.Regexp(t, `home the first evening: [^\n]*\(`+s+`\)`, text)
				}
			}
		})
	}
}

// TestPlanNotes: what the coordinator must look at — planning stopped
// early, trips no option can make, pins not held, options not possible
// and start-ups below the minimum — is in plan.txt and index.html, in
// every language.
func TestPlanNotes(t *testing.T) {
	prog, demo := planDemo(t)
	dir := prog.Directory()
	var p schedule.Plan
	js, err := json.Marshal(demo)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(js, &p))
	tp := &p.Trips[0]
	p.Stop = schedule.StopTimeLimit
	p.Impossible = []schedule.ImpossibleTrip{{ID: "T9", Reasons: []string{"train day trip 2027-04-06: not possible: no train gets back by 19:00"}}}
	p.PinsNotHeld = []schedule.Unscheduled{{Startup: tp.Startups[0], Contact: "C44", Reason: "C44 is away that day"}}
	tp.NotPossible = []string{"car one night 2027-03-09: not possible: nobody has a meeting on the second day"}
	tp.BelowMinimum = []string{tp.Startups[0]}
	cases := []struct {
		lang                                   report.Lang
		stop, impossible, pins, np, below, day string
	}{
		{report.English, "Planning stopped early (time limit reached)", "Trips that cannot be made", "Pinned meetings not held",
			"Not possible: one night by car, Tuesday 9 March 2027", "Below the minimum of 2 meetings", "day trip by train, Tuesday 6 April 2027"},
		{report.Swedish, "Planeringen avbröts i förtid (tidsgränsen nådd)", "Resor som inte går att göra", "Bestämda möten som inte blev av",
			"Inte möjligt: en natt med bil, tisdag 9 mars 2027", "Under minimum på 2 möten", "dagsresa med tåg, tisdag 6 april 2027"},
		{report.Norwegian, "Planleggingen stoppet tidlig (tidsgrensen nådd)", "Reiser som ikke lar seg gjennomføre", "Bestemte møter som ikke ble holdt",
			"Ikke mulig: én natt med bil, tirsdag 9. mars 2027", "Under minimum på 2 møter", "dagstur med tog, tirsdag 6. april 2027"},
	}
	for _, tc := range cases {
		t.Run(string(tc.lang), func(t *testing.T) {
			o := report.Options{Program: prog, Lang: tc.lang}
			text := string(report.Text(&p, dir, o))
			index, err := report.Index(&p, dir, o)
			require.NoError(t, err)
			html := string(index)
			startup := dir.Startups[tp.Startups[0]].Name
			for _, page := range []string{text, html} {
				for _, s := range []string{tc.stop, tc.impossible, tc.pins, tc.below, tc.day,
					"no train gets back by 19:00", "C44 is away that day", "nobody has a meeting on the second day"} {
					assert.Contains(t, page, template.HTMLEscapeString(s))
				}
				assert.Contains(t, page, template.HTMLEscapeString(tc.below+": "+startup+" ("+tp.Startups[0]+")"))
			}
			assert.Contains(t, text, tc.np)
			assert.Contains(t, html, strings.SplitN(tc.np, ": ", 2)[1])
		})
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// TestWomenFoundersFromStartupsCSV: the founders column of startups.csv
// feeds the founders' share without Options.Founders.
func TestWomenFoundersFromStartupsCSV(t *testing.T) {
	prog, plan := planDemo(t)
	first := plan.Trips[0].Startups[0]
	for i := range prog.Startups {
		if prog.Startups[i].ID == first {
			prog.Startups[i].Founders = []string{"f", "f", "m"}
		}
	}
	in := report.ComputeIndicators(plan, prog.Directory(), report.Options{Program: prog})
	require.NotNil(t, in.WomenFounders.Value)
	assert.Equal(t, 2, in.WomenFounders.Women)
	assert.Equal(t, 3, in.WomenFounders.Stated)
}
