package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/crossmeet/crossmeet/schedule"
)

// Targets of the programme's gender balance, from the seed issue: women
// should be at least 35% of the founders who travel and 40% of the
// contacts met.
const (
	TargetWomenFounders = 0.35
	TargetWomenNetwork  = 0.40
)

// Indicators are the funders' figures of a plan: what indicators.json
// holds, and what plan.txt and index.html show. Every kg figure is CO2e.
type Indicators struct {
	Program string `json:"program"`
	// Meetings held, over all trips.
	Meetings int `json:"meetings"`
	// Startups is the number of start-ups in the programme; Travelled
	// those on a planned trip, as plan.json's totals count them.
	Startups  int `json:"startups"`
	Travelled int `json:"startups_travelled"`
	// People is how many people travelled, summed over the trips (a
	// start-up on two trips counts on each): plan.json's totals.people.
	People int `json:"people_travelled"`
	// ContactsUsed is the number of contacts met at least once;
	// Contacts the size of the network.
	ContactsUsed int `json:"contacts_used"`
	Contacts     int `json:"contacts"`
	// WishesTop3 and WishesAll count the wishes of the start-ups that
	// travelled that a meeting fulfils (a meeting whose reasons name the
	// wish), against the wishes stated.
	WishesTop3 Count `json:"wishes_top3"`
	WishesAll  Count `json:"wishes_all"`
	// Women among the founders who travelled, among the contacts met and
	// in the whole network, with the targets.
	WomenFounders Share `json:"women_founders_travelled"`
	WomenUsed     Share `json:"women_contacts_used"`
	WomenNetwork  Share `json:"women_network"`
	// CO2Kg is the plan's whole emission: its journeys (TravelCO2Kg,
	// the legs, by mode in CO2KgByMode) and its hotel nights
	// (HotelCO2Kg); per person and per meeting as plan.json's totals.
	CO2Kg          float64            `json:"co2_kg"`
	TravelCO2Kg    float64            `json:"travel_co2_kg"`
	HotelCO2Kg     float64            `json:"hotel_co2_kg"`
	CO2KgByMode    map[string]float64 `json:"co2_kg_by_mode"`
	CO2KgPerPerson float64            `json:"co2_kg_per_person"`
	CO2KgPerMeet   float64            `json:"co2_kg_per_meeting"`
	// AllCarKg is what the same trips would emit with their main
	// journeys by car, local moves and nights as planned; AvoidedKg is
	// AllCarKg − CO2Kg. Both are plan.json's.
	AllCarKg  float64 `json:"all_car_co2_kg"`
	AvoidedKg float64 `json:"avoided_co2_kg"`
	// ByStartup has one row per start-up with a trip, in plan order.
	ByStartup []StartupFigures `json:"by_startup"`
}

// A Count is how many of a total were reached; Total 0 means not stated.
type Count struct {
	Met   int `json:"met"`
	Total int `json:"total"`
}

// Share is the share of women among the people with a gender stated.
// Stated 0 means not stated: Value is then null in JSON.
type Share struct {
	Women  int      `json:"women"`
	Stated int      `json:"stated"`
	People int      `json:"people"`
	Value  *float64 `json:"share"`
	Target float64  `json:"target,omitempty"`
}

// StartupFigures are one start-up's figures on one trip: its people
// (Program.People, as the planner counts them), its meetings and wishes
// met, and its share of the trip's emission (plan.json's
// co2_kg_by_startup: each leg and the hotel shared by their people).
type StartupFigures struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Trip       string  `json:"trip"`
	People     int     `json:"people"`
	Meetings   int     `json:"meetings"`
	WishesTop3 Count   `json:"wishes_top3"`
	WishesAll  Count   `json:"wishes_all"`
	CO2Kg      float64 `json:"co2_kg"`
}

// ComputeIndicators gathers the funders' figures of a plan. The people
// and emission figures are the planner's (plan.json's trips and
// totals), never recomputed; what the plan does not hold (wishes met,
// contacts used, gender balance) is counted here, in one place.
func ComputeIndicators(p *schedule.Plan, dir schedule.Directory, o Options) Indicators {
	return newBook(p, dir, o).indicators()
}

func (b *book) indicators() Indicators {
	p, dir := b.plan, b.dir
	in := Indicators{Program: p.Program, Startups: len(dir.Startups), Contacts: len(dir.Contacts), CO2KgByMode: map[string]float64{}}
	t := p.Totals
	in.Meetings, in.Travelled, in.People = t.Meetings, t.StartupsTravelled, t.People
	in.CO2Kg, in.HotelCO2Kg, in.AllCarKg, in.AvoidedKg = t.CO2Kg, t.HotelCO2Kg, t.AllCarCO2Kg, t.AvoidedCO2Kg
	in.CO2KgPerPerson, in.CO2KgPerMeet = t.CO2KgPerPerson, t.CO2KgPerMeeting
	travelKg := 0.0
	for m, v := range t.CO2KgByMode {
		in.CO2KgByMode[m] = v
		travelKg += v
	}
	in.TravelCO2Kg = round3(travelKg)
	used := map[string]bool{}
	metAll := map[string]map[int]bool{} // start-up -> wishes met
	var order []string
	for i := range p.Trips {
		tp := &p.Trips[i]
		for _, s := range tp.Startups {
			f := StartupFigures{ID: s, Name: b.startupName(s), Trip: tp.ID, People: b.peopleOf(s), CO2Kg: tp.CO2KgByStartup[s]}
			met := map[int]bool{}
			for _, m := range tp.Meetings {
				if m.Startup != s {
					continue
				}
				f.Meetings++
				used[m.Contact] = true
				for _, r := range m.Reasons {
					if n := wishOf(r); n > 0 {
						met[n] = true
					}
				}
			}
			if n, ok := b.wishes[s]; ok {
				f.WishesAll.Total, f.WishesTop3.Total = n, min(n, 3)
			}
			if metAll[s] == nil {
				metAll[s] = map[int]bool{}
				order = append(order, s)
			}
			for n := range met {
				metAll[s][n] = true
				f.WishesAll.Met++
				if n <= 3 {
					f.WishesTop3.Met++
				}
			}
			in.ByStartup = append(in.ByStartup, f)
		}
	}
	// A start-up on two trips counts its wishes once, with the wishes
	// met on either.
	for _, s := range order {
		if n, ok := b.wishes[s]; ok {
			in.WishesAll.Total += n
			in.WishesTop3.Total += min(n, 3)
		}
		for n := range metAll[s] {
			in.WishesAll.Met++
			if n <= 3 {
				in.WishesTop3.Met++
			}
		}
	}
	in.ContactsUsed = len(used)
	network := map[string]bool{}
	for id := range dir.Contacts {
		network[id] = true
	}
	in.WomenUsed = share(used, dir.Genders, TargetWomenNetwork)
	in.WomenNetwork = share(network, dir.Genders, 0)
	in.WomenFounders = Share{Target: TargetWomenFounders}
	for _, s := range order {
		in.WomenFounders.People += b.peopleOf(s)
		for _, g := range b.founder[s] {
			switch g {
			case "f":
				in.WomenFounders.Women++
				in.WomenFounders.Stated++
			case "m", "x":
				in.WomenFounders.Stated++
			}
		}
	}
	if f := &in.WomenFounders; f.Stated > 0 {
		v := math.Round(1000*float64(f.Women)/float64(f.Stated)) / 1000
		f.Value = &v
	}
	return in
}

func share(ids map[string]bool, genders map[string]string, target float64) Share {
	s := Share{People: len(ids), Target: target}
	for id := range ids {
		switch genders[id] {
		case "f":
			s.Women++
			s.Stated++
		case "m", "x":
			s.Stated++
		}
	}
	if s.Stated > 0 {
		v := math.Round(1000*float64(s.Women)/float64(s.Stated)) / 1000
		s.Value = &v
	}
	return s
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// IndicatorsJSON encodes the indicators as indicators.json.
func IndicatorsJSON(in Indicators) ([]byte, error) {
	js, err := json.MarshalIndent(in, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding indicators.json: %w", err)
	}
	return append(js, '\n'), nil
}

// IndicatorsCSV writes the indicators as indicators.csv: one row per
// figure (indicator, scope, value, unit), for a spreadsheet; UTF-8 with
// a byte-order mark and CRLF line ends, as Excel writes CSV.
func IndicatorsCSV(in Indicators) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff") // for Excel, as meetings.csv
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	row := func(name, scope, value, unit string) { _ = w.Write([]string{name, scope, value, unit}) }
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	cnt := func(name string, c Count) {
		row(name, "met", strconv.Itoa(c.Met), "wishes")
		if c.Total > 0 {
			row(name, "stated", strconv.Itoa(c.Total), "wishes")
		}
	}
	shr := func(name string, s Share) {
		row(name, "people", strconv.Itoa(s.People), "people")
		row(name, "gender stated", strconv.Itoa(s.Stated), "people")
		row(name, "women", strconv.Itoa(s.Women), "people")
		if s.Value != nil {
			row(name, "share", num(*s.Value), "ratio")
		} else {
			row(name, "share", "not stated", "ratio")
		}
		if s.Target > 0 {
			row(name, "target", num(s.Target), "ratio")
		}
	}
	row("indicator", "scope", "value", "unit")
	row("meetings", "all", strconv.Itoa(in.Meetings), "meetings")
	row("startups", "all", strconv.Itoa(in.Startups), "start-ups")
	row("startups travelled", "all", strconv.Itoa(in.Travelled), "start-ups")
	row("people travelled", "all", strconv.Itoa(in.People), "people")
	row("contacts used", "all", strconv.Itoa(in.ContactsUsed), "contacts")
	row("contacts", "all", strconv.Itoa(in.Contacts), "contacts")
	cnt("wishes top-3", in.WishesTop3)
	cnt("wishes all", in.WishesAll)
	shr("women founders travelled", in.WomenFounders)
	shr("women contacts used", in.WomenUsed)
	shr("women network", in.WomenNetwork)
	row("co2", "all", num(in.CO2Kg), "kg CO2e")
	row("co2", "travel", num(in.TravelCO2Kg), "kg CO2e")
	row("co2", "hotel nights", num(in.HotelCO2Kg), "kg CO2e")
	modes := make([]string, 0, len(in.CO2KgByMode))
	for m := range in.CO2KgByMode {
		modes = append(modes, m)
	}
	sort.Strings(modes)
	for _, m := range modes {
		row("co2", "mode "+m, num(in.CO2KgByMode[m]), "kg CO2e")
	}
	for _, s := range in.ByStartup {
		row("co2", "start-up "+s.ID, num(s.CO2Kg), "kg CO2e")
		row("meetings", "start-up "+s.ID, strconv.Itoa(s.Meetings), "meetings")
	}
	row("co2", "per person", num(in.CO2KgPerPerson), "kg CO2e")
	row("co2", "per meeting", num(in.CO2KgPerMeet), "kg CO2e")
	row("co2 all by car", "all", num(in.AllCarKg), "kg CO2e")
	row("co2 avoided against car", "all", num(in.AvoidedKg), "kg CO2e")
	w.Flush()
	return buf.Bytes()
}
