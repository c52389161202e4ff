package schedule

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"maps"
	"math"
	"slices"
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
	// StrictPins makes a pin that the plan cannot hold an error: Plan
	// still returns the plan, with an error wrapping ErrPinNotHeld.
	StrictPins bool
	// Previous are the meetings of the plan being revised, such as the
	// invitations already sent: a meeting that is planned again keeps its
	// start when the itinerary allows it, and of the options that keep
	// Travel.KeepScore of the best score the one keeping the most of them
	// is chosen. Program.Locked meetings, in contrast, must stay.
	Previous []Lock
}

// Plan plans the whole programme at once. It scores matches, decides
// across all trips who is to meet whom (a programme-level assignment
// that knows each trip's destination and dates, so a scarce contact goes
// to the start-up that gains most, whatever the order of the trips in
// program.yaml), then for each trip and each of its travel options
// (date, train or car, day trip or one night) packs the meetings into
// itineraries with optw.Solve, refilling from the next-best contacts
// where an itinerary cannot hold a meeting. Of the options that keep at
// least Travel.KeepScore of the best score it takes the one with the
// lowest emissions; the others become alternatives. A last pass revises
// each trip with the contacts' time that the other trips left unused.
//
// Trips are planned in a fixed order (by first candidate date, then id)
// and every search's seed comes from the trip and option it plans, so
// reordering program.yaml's trips changes nothing.
//
// A trip that no option can make (no train or car gets there and back by
// its deadlines) is listed in Plan.Impossible with the reason of each
// option; the other trips are planned, and Plan returns the plan together
// with an error wrapping ErrImpossible. A pin the plan cannot hold is
// listed in Plan.PinsNotHeld with the reason; with Options.StrictPins the
// error wraps ErrPinNotHeld too. Bad input gives a nil plan and an error
// wrapping ErrInvalid.
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

	jobs := pl.jobs()
	if err := pl.assign(work, jobs); err != nil {
		return nil, err
	}
	for _, j := range jobs {
		if j.err != nil {
			continue
		}
		if err := pl.trip(ctx, j); err != nil {
			return nil, err
		}
		pl.reserved.release(j.trip.ID)
	}
	if err := pl.revise(ctx, jobs); err != nil {
		return nil, err
	}

	plan := &Plan{Version: PlanVersion, Program: p.Name, Trips: []TripPlan{}, Impossible: []ImpossibleTrip{}}
	byID := map[string]*job{}
	for _, j := range jobs {
		byID[j.trip.ID] = j
	}
	var impossible []error
	for i := range p.Trips {
		j := byID[p.Trips[i].ID]
		if j.err != nil {
			impossible = append(impossible, j.err)
			plan.Impossible = append(plan.Impossible, ImpossibleTrip{ID: j.trip.ID, Reasons: j.why})
			continue
		}
		plan.Trips = append(plan.Trips, *j.plan)
	}
	pl.shortfalls(plan)
	plan.PinsNotHeld = pl.pinsNotHeld(plan, jobs)
	plan.LocksNotHeld = pl.locksNotHeld(plan)
	plan.Totals = pl.totals(plan)
	plan.Stop = pl.stop
	if opts.StrictPins && len(plan.PinsNotHeld) > 0 {
		for _, u := range plan.PinsNotHeld {
			impossible = append(impossible, fmt.Errorf("pin %s %s: %w: %s", u.Startup, u.Contact, ErrPinNotHeld, u.Reason))
		}
	}
	if opts.StrictPins && len(plan.LocksNotHeld) > 0 {
		for _, u := range plan.LocksNotHeld {
			impossible = append(impossible, fmt.Errorf("lock %s %s: %w: %s", u.Startup, u.Contact, ErrPinNotHeld, u.Reason))
		}
	}
	return plan, errors.Join(impossible...)
}

// planner is the state of one Plan run: the programme's fixed data, the
// contacts' time the programme-level assignment reserves for trips not
// yet planned, and the ledger of what the planned trips took.
type planner struct {
	prog     *Program
	seed     uint64
	road     *travel.Road
	factors  travel.Factors
	pairs    map[string][]match.Pair // by start-up, best first
	contacts map[string]*match.Contact
	places   map[string]travel.Place
	// reserved is how many of each contact's meetings the
	// programme-level assignment gives to the trips not yet planned.
	reserved reservation
	// pins[trip] are the pins the programme-level assignment puts on
	// the trip.
	pins map[string][][2]string
	// pinWhy says why a pin has no trip to hold it.
	pinWhy map[[2]string]string
	// locks are Program.Locked by pair; lockTrip is the trip that is to
	// hold each, lockWhy why a lock has none (see lock.go).
	locks    map[[2]string]Lock
	lockAt   map[[2]string]time.Time // the locks' starts, as prev
	lockTrip map[[2]string]string
	lockWhy  map[[2]string]string
	// prev are the starts of Options.Previous by pair.
	prev   map[[2]string]time.Time
	ledger ledger
	stop   string // why a search stopped early, or ""
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
		reserved: reservation{trips: map[string]map[string]int{}, total: map[string]int{}},
		pins:     map[string][][2]string{},
		ledger:   ledger{trips: map[string][]Meeting{}, byContact: map[string][]Meeting{}, byStartup: map[string]int{}},
	}
	pl.setLocks(p, opts.Previous)
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

// A job is one trip being planned: where it goes, and in the end its
// plan or why it is impossible.
type job struct {
	trip *Trip
	site *site
	plan *TripPlan
	// chosen is the option the plan comes from.
	chosen *option
	// err wraps ErrImpossible when no option can make the trip; why
	// lists each option's reason.
	err error
	why []string
}

// jobs returns a job per trip in the order they are planned: by first
// candidate date, then by id, so the order of program.yaml is no input.
func (pl *planner) jobs() []*job {
	var out []*job
	for i := range pl.prog.Trips {
		t := &pl.prog.Trips[i]
		j := &job{trip: t}
		if st, err := pl.site(t); err != nil {
			j.err = fmt.Errorf("trip %s: %w: %v", t.ID, ErrImpossible, err)
			j.why = []string{err.Error()}
		} else {
			j.site = st
		}
		out = append(out, j)
	}
	first := func(t *Trip) time.Time {
		var d time.Time
		for _, x := range t.Dates {
			if d.IsZero() || x.Before(d) {
				d = x
			}
		}
		return d
	}
	slices.SortStableFunc(out, func(a, b *job) int {
		if c := first(a.trip).Compare(first(b.trip)); c != 0 {
			return c
		}
		return cmp.Compare(a.trip.ID, b.trip.ID)
	})
	return out
}

// ledger is what the planned trips took: the meetings of each trip
// (set by set, the one place it changes) and, derived from them in set,
// each contact's and start-up's meetings so that asking is cheap.
type ledger struct {
	trips     map[string][]Meeting
	byContact map[string][]Meeting // every planned meeting of a contact
	byStartup map[string]int       // start-up -> meetings planned
}

// set records (or replaces) the meetings of a trip.
func (l *ledger) set(trip string, ms []Meeting) {
	l.trips[trip] = ms
	l.byContact, l.byStartup = map[string][]Meeting{}, map[string]int{}
	for _, id := range slices.Sorted(maps.Keys(l.trips)) {
		for _, m := range l.trips[id] {
			l.byContact[m.Contact] = append(l.byContact[m.Contact], m)
			l.byStartup[m.Startup]++
		}
	}
}

// met is how many meetings contact c has on planned trips other than
// except.
func (l *ledger) met(c, except string) int {
	return len(l.byContact[c]) - countContact(l.trips[except], c)
}

// count is how many meetings start-up s has on planned trips other than
// except.
func (l *ledger) count(s, except string) int {
	return l.byStartup[s] - countFor(l.trips[except], s)
}

// booked is contact c's meetings on planned trips other than except,
// each widened by buf on both sides.
func (l *ledger) booked(c, except string, buf time.Duration) []Interval {
	var out []Interval
	mine := l.trips[except]
	for _, m := range l.byContact[c] {
		if except != "" && slices.ContainsFunc(mine, func(x Meeting) bool { return x.Contact == c && x.Start.Equal(m.Start) && x.Startup == m.Startup }) {
			continue
		}
		out = append(out, Interval{m.Start.Add(-buf), m.End.Add(buf)})
	}
	return MergeIntervals(out)
}

// A reservation is what the programme-level assignment gives the trips
// not yet planned: meetings per trip and contact, and their sum per
// contact.
type reservation struct {
	trips map[string]map[string]int
	total map[string]int
}

func (r *reservation) add(trip, contact string) {
	if r.trips[trip] == nil {
		r.trips[trip] = map[string]int{}
	}
	r.trips[trip][contact]++
	r.total[contact]++
}

// release gives back a trip's reservations once it is planned.
func (r *reservation) release(trip string) {
	for c, n := range r.trips[trip] {
		r.total[c] -= n
	}
	delete(r.trips, trip)
}

// capLeft is how many more meetings contact c may have on trip: its
// capacity less its meetings on the other planned trips and the
// meetings the assignment reserved for the trips still to plan.
func (pl *planner) capLeft(c, trip string) int {
	r := &pl.reserved
	return pl.prog.Capacity(pl.contacts[c]) - pl.ledger.met(c, trip) - (r.total[c] - r.trips[trip][c])
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
	// keep are meetings to keep from an earlier plan of the trip.
	keep []match.Pair
}

// seed is the solver's seed for one solve of an attempt: it depends on
// the run's seed, the trip, the option and the round, never on how many
// solves ran before.
func (pl *planner) seedFor(a *attempt, round int) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d\x00%s\x00%s\x00%d", pl.seed, a.trip.ID, a.opt.label(), round)
	return h.Sum64()
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

// trip plans one trip: it evaluates every option, takes the one with
// the lowest emissions among those keeping Travel.KeepScore of the best
// score, and commits its meetings to the ledger. A trip no option can
// make gets j.err; the error returned ends planning.
func (pl *planner) trip(ctx context.Context, j *job) error {
	t := j.trip
	opts := pl.options(t)
	if len(opts) == 0 {
		j.err = fmt.Errorf("trip %s: %w: travel.modes allows neither train nor car", t.ID, ErrImpossible)
		j.why = []string{"travel.modes allows neither train nor car"}
		return nil
	}
	for _, o := range opts {
		if err := pl.evaluate(ctx, &attempt{trip: t, site: j.site, opt: o}); err != nil {
			return fmt.Errorf("trip %s, %s: %w", t.ID, o.label(), err)
		}
	}
	chosen := pl.choose(t, opts)
	if chosen == nil {
		var why []string
		for _, o := range opts {
			why = append(why, fmt.Sprintf("%s: not possible: %v", o.label(), o.err))
		}
		j.err = fmt.Errorf("trip %s: %w: no travel option works:\n  %s", t.ID, ErrImpossible, strings.Join(why, "\n  "))
		j.why = why
		return nil
	}
	pl.finish(j, opts, chosen)
	return nil
}

// choose picks the option to plan: among the feasible options holding
// the most locks, those that keep Travel.KeepScore of the best score (a
// night away only when it buys Travel.NightGain more meetings than the
// best day trip, or holds more locks), and of those the one keeping the
// most earlier times (Options.Previous), then the one with the lowest
// emissions, then the best score. Nil when none is feasible.
func (pl *planner) choose(t *Trip, opts []*option) *option {
	// Locks first: only the options holding the most locks are chosen
	// from, and a night away that holds more of them than every day trip
	// is not ruled out by NightGain.
	mostHeld, dayHeld := 0, 0
	for _, o := range opts {
		if o.err == nil {
			mostHeld = max(mostHeld, pl.held(o.plan))
			if !o.overnight {
				dayHeld = max(dayHeld, pl.held(o.plan))
			}
		}
	}
	bestDay := -1
	for _, o := range opts {
		if o.err == nil && !o.overnight && pl.held(o.plan) == mostHeld && len(o.plan.Meetings) > bestDay {
			bestDay = len(o.plan.Meetings)
		}
	}
	for _, o := range opts {
		if o.err == nil && o.overnight && bestDay >= 0 && pl.held(o.plan) <= dayHeld && len(o.plan.Meetings) < bestDay+pl.prog.Travel.NightGain {
			o.err = fmt.Errorf("a night away gives %s, the best day trip %d: a night must buy %s more (travel.night_gain)",
				wording.Plural(len(o.plan.Meetings), "meeting"), bestDay, wording.Plural(pl.prog.Travel.NightGain, "meeting"))
			o.plan = nil
		}
	}
	mostHeld = 0
	for _, o := range opts {
		if o.err == nil {
			mostHeld = max(mostHeld, pl.held(o.plan))
		}
	}
	best := -1.0
	for _, o := range opts {
		if o.err == nil && pl.held(o.plan) == mostHeld && o.score > best {
			best = o.score
		}
	}
	// Then, when re-planning, the options keeping the most earlier
	// times; then the lowest emissions, then the best score.
	mostKept := 0
	ok := func(o *option) bool {
		return o.err == nil && pl.held(o.plan) == mostHeld && o.score >= pl.prog.Travel.KeepScore*best-1e-9
	}
	for _, o := range opts {
		if ok(o) {
			mostKept = max(mostKept, pl.keptTimes(o.plan))
		}
	}
	var chosen *option
	for _, o := range opts {
		if !ok(o) || pl.keptTimes(o.plan) < mostKept {
			continue
		}
		if chosen == nil || o.co2 < chosen.co2-1e-9 || math.Abs(o.co2-chosen.co2) <= 1e-9 && o.score > chosen.score+1e-9 {
			chosen = o
		}
	}
	return chosen
}

// finish makes the chosen option the trip's plan, with its alternatives,
// the options that could not be made and the matches that found no
// place, and commits it.
func (pl *planner) finish(j *job, opts []*option, chosen *option) {
	tp := chosen.plan
	tp.Alternatives = alternatives(opts, chosen)
	tp.NotPossible = []string{}
	for _, o := range opts {
		if o.err != nil {
			tp.NotPossible = append(tp.NotPossible, fmt.Sprintf("%s: not possible: %v", o.label(), o.err))
		}
	}
	tp.Unscheduled = append(tp.Unscheduled, pl.unscheduled(&attempt{trip: j.trip, site: j.site, opt: chosen})...)
	j.plan, j.chosen = tp, chosen
	pl.ledger.set(j.trip.ID, tp.Meetings)
}

// revise plans each trip's chosen option once more, now that every trip
// is planned and no time is reserved any more, keeping its meetings and
// filling with the contacts the other trips left unused. A revision that
// scores more replaces the plan.
func (pl *planner) revise(ctx context.Context, jobs []*job) error {
	for _, j := range jobs {
		if j.err != nil || !pl.canGain(j) {
			continue
		}
		old := j.chosen
		o := &option{date: old.date, mode: old.mode, overnight: old.overnight}
		a := &attempt{trip: j.trip, site: j.site, opt: o}
		for _, m := range j.plan.Meetings {
			a.keep = append(a.keep, match.Pair{Startup: m.Startup, Contact: m.Contact, Score: m.Score, Why: &match.Explanation{Reasons: m.Reasons}})
		}
		if err := pl.evaluate(ctx, a); err != nil {
			return fmt.Errorf("trip %s, %s: %w", j.trip.ID, o.label(), err)
		}
		if o.err != nil || o.score <= old.score+1e-9 || len(o.plan.Meetings) < len(j.plan.Meetings) {
			continue
		}
		tp := o.plan
		tp.Alternatives, tp.NotPossible = j.plan.Alternatives, j.plan.NotPossible
		for i := range tp.Alternatives {
			tp.Alternatives[i].Summary = resummarise(tp.Alternatives[i], o)
		}
		tp.Unscheduled = append(tp.Unscheduled, pl.unscheduled(a)...)
		j.plan, j.chosen = tp, o
		pl.ledger.set(j.trip.ID, tp.Meetings)
	}
	return nil
}

// canGain reports whether a planned trip could hold another meeting: one
// of its start-ups is below the maximum and a contact it matches at the
// destination, not yet met on the trip, has capacity left.
func (pl *planner) canGain(j *job) bool {
	met := map[[2]string]bool{}
	for _, m := range j.plan.Meetings {
		met[[2]string{m.Startup, m.Contact}] = true
	}
	for _, s := range j.trip.Startups {
		if pl.ledger.count(s, "") >= pl.prog.Meetings.Max {
			continue
		}
		for _, pr := range pl.pairs[s] {
			if _, here := j.site.meetAt[pr.Contact]; here && !met[[2]string{s, pr.Contact}] && pl.capLeft(pr.Contact, j.trip.ID) > countContact(j.plan.Meetings, pr.Contact) {
				if _, tried := j.chosen.tried[[2]string{s, pr.Contact}]; !tried {
					return true
				}
			}
		}
	}
	return false
}

func countContact(ms []Meeting, c string) int {
	n := 0
	for _, m := range ms {
		if m.Contact == c {
			n++
		}
	}
	return n
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
			Summary:  fmt.Sprintf("%s: %s, %+.1f kg CO2", o.label(), wording.Plural(len(o.plan.Meetings), "meeting"), round1(o.co2-chosen.co2)),
			Score:    round3(o.score),
			CO2Kg:    round3(o.co2),
			label:    o.label(),
			meetings: len(o.plan.Meetings),
		})
	}
	return out
}

// resummarise restates an alternative against a revised chosen option.
func resummarise(a Alternative, chosen *option) string {
	if a.label == "" {
		return a.Summary
	}
	return fmt.Sprintf("%s: %s, %+.1f kg CO2", a.label, wording.Plural(a.meetings, "meeting"), round1(a.CO2Kg-chosen.co2))
}

// round1 rounds x to one decimal, as summaries print kilograms.
func round1(x float64) float64 { return math.Round(x*10) / 10 }

func round3(x float64) float64 { return wording.Round3(x) }

// totals sums the trips' indicators.
func (pl *planner) totals(plan *Plan) Totals {
	t := Totals{CO2KgByMode: map[string]float64{}, CO2KgByStartup: map[string]float64{}}
	travelled := map[string]bool{}
	for _, tp := range plan.Trips {
		t.Meetings += len(tp.Meetings)
		t.Score += tp.Score
		t.People += tp.People
		t.CO2Kg += tp.CO2Kg
		t.AllCarCO2Kg += tp.AllCarCO2Kg
		for _, l := range tp.Legs {
			t.CO2KgByMode[l.Mode] += l.CO2Kg
		}
		if tp.Hotel != nil {
			t.HotelCO2Kg += tp.Hotel.CO2Kg
		}
		for s, v := range tp.CO2KgByStartup {
			t.CO2KgByStartup[s] += v
		}
		for _, s := range tp.Startups {
			travelled[s] = true
		}
	}
	for m, v := range t.CO2KgByMode {
		t.CO2KgByMode[m] = round3(v)
	}
	for s, v := range t.CO2KgByStartup {
		t.CO2KgByStartup[s] = round3(v)
	}
	t.CO2Kg, t.Score, t.HotelCO2Kg, t.AllCarCO2Kg = round3(t.CO2Kg), round3(t.Score), round3(t.HotelCO2Kg), round3(t.AllCarCO2Kg)
	t.AvoidedCO2Kg = round3(t.AllCarCO2Kg - t.CO2Kg)
	if t.People > 0 {
		t.CO2KgPerPerson = round3(t.CO2Kg / float64(t.People))
	}
	if t.Meetings > 0 {
		t.CO2KgPerMeeting = round3(t.CO2Kg / float64(t.Meetings))
	}
	t.StartupsTravelled = len(travelled)
	return t
}
