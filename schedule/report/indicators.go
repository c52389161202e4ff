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
	"github.com/crossmeet/crossmeet/travel"
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
	// People is how many people travelled: the team sizes of the
	// start-ups that travelled (one for a start-up with no team listed).
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
	// CO2Kg is the plan's travel emission; by mode, per start-up (each
	// leg shared equally by its travelling start-ups), per person and per
	// meeting.
	CO2Kg          float64            `json:"co2_kg"`
	CO2KgByMode    map[string]float64 `json:"co2_kg_by_mode"`
	CO2KgPerPerson float64            `json:"co2_kg_per_person"`
	CO2KgPerMeet   float64            `json:"co2_kg_per_meeting"`
	// AllCarKg is what the same trips would emit by car (see AllCar);
	// SavedKg is AllCarKg − CO2Kg.
	AllCarKg float64 `json:"all_car_co2_kg"`
	SavedKg  float64 `json:"saved_co2_kg"`
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

// StartupFigures are one start-up's figures.
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

// ComputeIndicators computes the funders' figures of a plan. It is the
// one place they are computed; see Indicators for each definition and
// AllCar for the comparison.
func ComputeIndicators(p *schedule.Plan, dir schedule.Directory, o Options) Indicators {
	return newBook(p, dir, o).indicators()
}

func (b *book) indicators() Indicators {
	p, dir := b.plan, b.dir
	in := Indicators{Program: p.Program, Startups: len(dir.Startups), Contacts: len(dir.Contacts), CO2KgByMode: map[string]float64{}}
	used := map[string]bool{}
	metAll := map[string]map[int]bool{} // start-up -> wishes met
	people := map[string]int{}
	var order []string
	for i := range p.Trips {
		tp := &p.Trips[i]
		in.Meetings += len(tp.Meetings)
		in.AllCarKg += b.allCar(tp)
		perStartup := map[string]float64{}
		for _, lg := range tp.Legs {
			in.CO2Kg += lg.CO2Kg
			in.CO2KgByMode[lg.Mode] += lg.CO2Kg
			who := lg.Travellers
			if len(who) == 0 {
				who = tp.Startups
			}
			for _, s := range who {
				perStartup[s] += lg.CO2Kg / float64(len(who))
			}
		}
		for _, s := range tp.Startups {
			f := StartupFigures{ID: s, Name: b.startupName(s), Trip: tp.ID, People: max(1, len(dir.Startups[s].People)), CO2Kg: round3(perStartup[s])}
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
				people[s] = f.People
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
	// A start-up travelled when it is on a planned trip, as plan.json
	// counts it; one on two trips counts once, with the wishes met on
	// either.
	for _, s := range order {
		in.Travelled++
		in.People += people[s]
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
	in.WomenFounders = Share{People: in.People, Target: TargetWomenFounders}
	for _, s := range order {
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
	in.CO2Kg = round3(in.CO2Kg)
	for m, v := range in.CO2KgByMode {
		in.CO2KgByMode[m] = round3(v)
	}
	if in.People > 0 {
		in.CO2KgPerPerson = round3(in.CO2Kg / float64(in.People))
	}
	if in.Meetings > 0 {
		in.CO2KgPerMeet = round3(in.CO2Kg / float64(in.Meetings))
	}
	in.AllCarKg = round3(in.AllCarKg)
	in.SavedKg = round3(in.AllCarKg - in.CO2Kg)
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

// AllCar is what a trip would emit by car: a car trip's own emission;
// for any other trip one car (as the planner's car option, shared by the
// trip's start-ups) from the trip's origin to its hub and back,
// estimated by the Road over the same two places, plus the local moves
// as planned. A trip whose places are unknown counts its own emission.
func AllCar(p *schedule.Plan, dir schedule.Directory, o Options) float64 {
	b := newBook(p, dir, o)
	sum := 0.0
	for i := range p.Trips {
		sum += b.allCar(&p.Trips[i])
	}
	return round3(sum)
}

func (b *book) allCar(tp *schedule.TripPlan) float64 {
	own := 0.0
	for _, lg := range tp.Legs {
		own += lg.CO2Kg
	}
	if tp.Mode == string(travel.Car) {
		return own
	}
	from, to, ok := hub(tp)
	a, okA := b.dir.Places[from]
	h, okH := b.dir.Places[to]
	if !ok || !okA || !okH {
		return own
	}
	leg, err := b.road.Leg(travel.Car, a, h, tp.Legs[0].Depart)
	if err != nil {
		return own
	}
	// The local moves: the legs between the outward arrival at the hub
	// and the return from it, which are not main journeys.
	local := 0.0
	arrived := false
	for _, lg := range tp.Legs {
		if isMain(lg.Mode) {
			if arrived && lg.From == to {
				break
			}
			if lg.To == to {
				arrived = true
			}
			continue
		}
		if arrived {
			local += lg.CO2Kg
		}
	}
	return 2*leg.CO2Kg + local
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
	row("co2 saved against car", "all", num(in.SavedKg), "kg CO2e")
	w.Flush()
	return buf.Bytes()
}
