package schedule

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/internal/wording"
	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/travel"
)

// Options steer Program.Plan. The zero value works.
type Options struct {
	// TimeLimit is a safety net for the whole planning run; 0 means 30 s.
	// The searches are bounded by work (solver iterations), not by time,
	// so that the same input and seed give the same plan on any machine;
	// when the limit binds anyway, the plan says so in Stop.
	TimeLimit time.Duration
	// Seed makes the searches repeatable; the same seed and input give
	// the same plan.
	Seed uint64
	// Road estimates car, taxi and walking legs; nil means travel's
	// defaults. The emissions of every leg come from Road.Factors when it
	// sets any, else from the programme's travel policy (Program.Factors).
	Road *travel.Road
}

// Plan plans every trip of the programme, in the order program.yaml lists
// them: it scores matches, assigns meetings under the contacts'
// capacities, and for each trip and each of its travel options (date,
// train or car, day trip or one night) packs the meetings into
// itineraries with optw.Solve. Of the options that keep at least
// Travel.KeepScore of the best score it takes the one with the lowest
// emissions; the others become alternatives.
//
// A trip that no option can make (no train or car gets there and back by
// its deadlines) fails the whole plan with an error wrapping
// ErrImpossible that says why.
//
// Plan is anytime, as optw.Solve is: when ctx ends or Options.TimeLimit
// passes, the itinerary searches still running return the best they
// have and those not yet started return their first solution, so Plan
// still returns a complete plan that keeps every rule, with Plan.Stop
// saying why it stopped early. Scoring, assignment and journey searches
// are bounded work and are not cut short.
func (p *Program) Plan(ctx context.Context, opts Options) (*Plan, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if opts.TimeLimit <= 0 {
		opts.TimeLimit = 30 * time.Second
	}
	pl := newPlanner(p, opts)
	// Bounded work runs to its end whatever ctx says; only the solver's
	// search is cut short, so there is always a complete plan.
	work := context.WithoutCancel(ctx)
	sopts, _ := p.MatchOptions()
	pairs, err := match.Score(work, p.Startups, p.Contacts, sopts)
	if err != nil {
		return nil, fmt.Errorf("scoring matches: %w", err)
	}
	for _, pr := range pairs {
		pl.pairs[pr.Startup] = append(pl.pairs[pr.Startup], pr)
	}
	ctx, cancel := context.WithTimeout(ctx, opts.TimeLimit)
	defer cancel()

	plan := &Plan{Version: PlanVersion, Program: p.Name, Trips: []TripPlan{}}
	var impossible []error
	for i := range p.Trips {
		tp, err := pl.trip(ctx, &p.Trips[i])
		if errors.Is(err, ErrImpossible) {
			impossible = append(impossible, err)
			continue
		}
		if err != nil {
			return nil, err
		}
		plan.Trips = append(plan.Trips, *tp)
	}
	if len(impossible) > 0 {
		return nil, errors.Join(impossible...)
	}
	pl.shortfalls(plan)
	plan.Totals = totals(plan)
	plan.Stop = pl.stop
	return plan, nil
}

// planner is the state of one Plan run: the programme's fixed data, and
// the ledger of what the trips planned so far consumed.
type planner struct {
	prog     *Program
	seed     uint64
	road     *travel.Road
	factors  travel.Factors
	pairs    map[string][]match.Pair // by start-up, best first
	contacts map[string]*match.Contact
	places   map[string]travel.Place
	ledger   ledger
	solves   int    // solver runs so far: each gets its own seed
	stop     string // why a search stopped early, or ""
}

func newPlanner(p *Program, opts Options) *planner {
	pl := &planner{
		prog:     p,
		seed:     opts.Seed,
		road:     opts.Road,
		factors:  p.Factors(),
		pairs:    map[string][]match.Pair{},
		contacts: map[string]*match.Contact{},
		places:   map[string]travel.Place{},
		ledger:   ledger{met: map[string]int{}, booked: map[string][]Interval{}, count: map[string]int{}},
	}
	if pl.road == nil {
		pl.road = &travel.Road{}
	}
	if f := pl.road.Factors; f.Car != "" || f.Taxi != "" || len(f.GramsPerKm) > 0 {
		pl.factors = f
	}
	for i := range p.Contacts {
		pl.contacts[p.Contacts[i].ID] = &p.Contacts[i]
	}
	for _, place := range p.Places {
		pl.places[place.ID] = place
	}
	return pl
}

// ledger is what the trips planned so far took: each contact's meetings
// and their times, each start-up's meetings.
type ledger struct {
	met    map[string]int        // contact -> meetings planned
	booked map[string][]Interval // contact -> meetings planned, with the buffer around them
	count  map[string]int        // start-up -> meetings planned
}

// capLeft is how many more meetings contact c may have.
func (pl *planner) capLeft(c string) int {
	return pl.prog.Capacity(pl.contacts[c]) - pl.ledger.met[c]
}

// option is one way to make a trip: a date, a main mode and whether it
// has a night away, and what evaluating it gave.
type option struct {
	date      time.Time
	mode      travel.Mode // train or car
	overnight bool

	err error // why the option cannot be made, or nil

	plan  *TripPlan
	score float64
	co2   float64
	tried map[[2]string]string // pool pairs that found no place -> reason
}

// label names the option as the outputs do: "train one night 2027-03-16".
func (o *option) label() string {
	return fmt.Sprintf("%s %s %s", o.mode, kind(o.overnight), o.date.Format("2006-01-02"))
}

// An attempt is one option of one trip being planned: what the stages
// (site, travel frame, candidate pool, instance, reasons) pass along.
type attempt struct {
	trip  *Trip
	site  *site
	opt   *option
	frame *frame
}

// options lists a trip's travel options: each date, day trip or night
// as the trip allows, by train and by car as the policy allows.
func (pl *planner) options(t *Trip) []*option {
	var opts []*option
	for _, d := range t.Dates {
		for _, night := range []bool{false, true} {
			if night && t.Overnight == NoOvernight || !night && t.Overnight == OvernightRequired {
				continue
			}
			for _, mode := range []travel.Mode{travel.Train, travel.Car} {
				if !pl.prog.Travel.Allows(mode) {
					continue
				}
				opts = append(opts, &option{date: d, mode: mode, overnight: night})
			}
		}
	}
	return opts
}

// trip plans one trip: it evaluates every option and takes the one with
// the lowest emissions among those keeping Travel.KeepScore of the best
// score.
func (pl *planner) trip(ctx context.Context, t *Trip) (*TripPlan, error) {
	st, err := pl.site(t)
	if err != nil {
		return nil, fmt.Errorf("trip %s: %w: %v", t.ID, ErrImpossible, err)
	}
	opts := pl.options(t)
	if len(opts) == 0 {
		return nil, fmt.Errorf("trip %s: %w: travel.modes allows neither train nor car", t.ID, ErrImpossible)
	}
	for _, o := range opts {
		if err := pl.evaluate(ctx, &attempt{trip: t, site: st, opt: o}); err != nil {
			return nil, fmt.Errorf("trip %s, %s: %w", t.ID, o.label(), err)
		}
	}
	best := -1.0
	for _, o := range opts {
		if o.err == nil && o.score > best {
			best = o.score
		}
	}
	if best < 0 {
		var why []string
		for _, o := range opts {
			why = append(why, fmt.Sprintf("%s: %v", o.label(), o.err))
		}
		return nil, fmt.Errorf("trip %s: %w: no travel option works:\n  %s", t.ID, ErrImpossible, strings.Join(why, "\n  "))
	}
	var chosen *option
	for _, o := range opts {
		if o.err != nil || o.score < pl.prog.Travel.KeepScore*best-1e-9 {
			continue
		}
		if chosen == nil || o.co2 < chosen.co2-1e-9 || math.Abs(o.co2-chosen.co2) <= 1e-9 && o.score > chosen.score+1e-9 {
			chosen = o
		}
	}
	tp := chosen.plan
	tp.Alternatives = alternatives(opts, chosen)
	tp.Unscheduled = append(tp.Unscheduled, pl.unscheduled(&attempt{trip: t, site: st, opt: chosen})...)
	pl.commit(tp)
	return tp, nil
}

// alternatives lists, for every other combination of mode and night, its
// best feasible option.
func alternatives(opts []*option, chosen *option) []Alternative {
	type key struct {
		mode  travel.Mode
		night bool
	}
	best := map[key]*option{}
	var order []key
	for _, o := range opts {
		if o.err != nil || o == chosen {
			continue
		}
		k := key{o.mode, o.overnight}
		if k == (key{chosen.mode, chosen.overnight}) {
			continue
		}
		if b, ok := best[k]; !ok {
			order = append(order, k)
			best[k] = o
		} else if o.score > b.score+1e-9 || math.Abs(o.score-b.score) <= 1e-9 && o.co2 < b.co2-1e-9 {
			best[k] = o
		}
	}
	out := []Alternative{}
	for _, k := range order {
		o := best[k]
		out = append(out, Alternative{
			Summary: fmt.Sprintf("%s: %s, %+.1f kg CO2", o.label(), wording.Plural(len(o.plan.Meetings), "meeting"), round1(o.co2-chosen.co2)),
			Score:   round3(o.score),
			CO2Kg:   round3(o.co2),
		})
	}
	return out
}

// commit records a chosen trip: its contacts' time and capacity are
// taken for the later trips.
func (pl *planner) commit(tp *TripPlan) {
	buf := pl.prog.Meetings.Buffer
	l := &pl.ledger
	for _, m := range tp.Meetings {
		l.met[m.Contact]++
		l.count[m.Startup]++
		l.booked[m.Contact] = MergeIntervals(append(l.booked[m.Contact], Interval{m.Start.Add(-buf), m.End.Add(buf)}))
	}
}

func totals(plan *Plan) Totals {
	t := Totals{CO2KgByMode: map[string]float64{}}
	travelled := map[string]bool{}
	for _, tp := range plan.Trips {
		t.Meetings += len(tp.Meetings)
		for _, l := range tp.Legs {
			t.CO2KgByMode[l.Mode] += l.CO2Kg
		}
		for _, s := range tp.Startups {
			travelled[s] = true
		}
	}
	for m, v := range t.CO2KgByMode {
		t.CO2KgByMode[m] = round3(v)
		t.CO2Kg += v
	}
	t.CO2Kg = round3(t.CO2Kg)
	t.StartupsTravelled = len(travelled)
	return t
}

// round1 rounds x to one decimal, as summaries print kilograms.
func round1(x float64) float64 { return math.Round(x*10) / 10 }

// round3 rounds x to three decimals, as plan.json stores kilograms,
// kilometres and scores.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
