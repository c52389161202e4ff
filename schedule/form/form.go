// Package form forms the trips a coordinator used to decide by hand: which
// start-ups travel together, and on which day.
//
// # The model
//
// A start-up of a programme that gives the days it can travel
// (startups.csv dates) and where it wants to go (destination), and that is
// in no trip of program.yaml, is to travel on a trip that Trips forms.
// A formed trip is a group of such start-ups with the same destination,
// the same home country (and home place with trips_auto.same_region), at
// most trips_auto.max_startups of them, and one date that is in every
// member's dates. Every eligible start-up travels on exactly one formed
// trip, so a grouping is a set partition of the start-ups, each block
// with a date.
//
// # The objective
//
// A grouping is worth what the planner makes of it: the total score of
// its trips, then the lower CO2 per meeting, then the fewer trips
// (lexicographically). Each candidate trip (group, date) is evaluated by
// schedule.Program.Plan on a copy of the programme that holds that trip
// alone, and the evaluation is cached by the canonical key of the group
// (sorted start-up ids) and the date. The grouping's value is the sum
// over its trips. This sum ignores that two formed trips on different
// days may compete for one contact's capacity; within a trip the
// planner's own assignment settles the competition. On the demo the sum
// of the trips planned alone equals the whole plan's score to three
// decimals; the final plan (schedule.Program.Plan of the programme with
// the formed trips) is what the coordinator sees.
//
// # The method
//
// The first grouping is greedy: each start-up alone on its best date, then
// repeatedly the merge of two groups, on a date they share, that loses no
// score and saves most CO2. Local search improves it (the moves of the
// set-partitioning local searches of vehicle-routing practice, e.g.
// Vidal et al., "Heuristics for multi-attribute vehicle routing problems",
// EJOR 231(1), 2013: relocate one start-up to another group or alone,
// swap two start-ups, change a group's date, merge two groups, split one),
// accepting a move that is not worse (ties let the search walk a plateau),
// within a budget of new evaluations and a bound on moves. The search is
// deterministic for Options.Seed and anytime: when ctx ends it returns
// the best grouping so far and says why it stopped (Result.Stop).
//
// Exhaustive enumerates every grouping and every date of each group: the
// exact optimum of the same objective, for programmes of a few start-ups
// and dates; the tests use it as the oracle.
package form

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule"
)

// Options steer Trips. The zero value works.
type Options struct {
	// Seed makes the search repeatable: the same programme and seed give
	// the same trips.
	Seed uint64
	// Budget is how many candidate trips the search may evaluate (each
	// one a Plan of a one-trip programme); 0 means DefaultBudget.
	Budget int
	// Moves bounds the local search's moves (cached evaluations cost
	// almost nothing); 0 means 200 per start-up.
	Moves int
	// Plan are the options of every evaluation; its Seed is Seed.
	Plan schedule.Options
}

// DefaultBudget is Options.Budget when it is zero.
const DefaultBudget = 4000

// Why the search stopped before its move bound (Result.Stop).
const (
	StopBudget    = "budget"    // Options.Budget evaluations were made
	StopCancelled = "cancelled" // ctx ended
)

// A Result is a formed set of trips and what the search knows of it.
type Result struct {
	// Trips are the formed trips, each with one date and its Why.
	Trips []schedule.Trip
	// Why says by trip id why its start-ups travel together on that
	// date, or why its one start-up travels alone.
	Why map[string]string
	// Unplaced are the eligible start-ups that no trip can take, by id,
	// with the reason (no date, or no option gets there and back).
	Unplaced map[string]string
	// Score, CO2Kg and Meetings are the sums over the formed trips, each
	// planned alone (the objective).
	Score, CO2Kg float64
	Meetings     int
	// Evaluations counts the candidate trips planned.
	Evaluations int
	// Stop is empty when the search ran to its move bound, else
	// StopBudget or StopCancelled.
	Stop string
}

// CO2PerMeeting is the objective's CO2 per meeting; 0 without meetings.
func (r *Result) CO2PerMeeting() float64 {
	if r.Meetings == 0 {
		return 0
	}
	return r.CO2Kg / float64(r.Meetings)
}

// Trips forms the trips of prog's eligible start-ups (see the package
// doc) and says why each travels as it does. Errors wrap
// schedule.ErrInvalid for bad input; an exhausted budget or an ended ctx
// is no error (the best trips so far are returned).
func Trips(ctx context.Context, prog *schedule.Program, opts Options) ([]schedule.Trip, map[string]string, error) {
	r, err := Form(ctx, prog, opts)
	if err != nil {
		return nil, nil, err
	}
	return r.Trips, r.Why, nil
}

// Form is Trips with the search's figures.
func Form(ctx context.Context, prog *schedule.Program, opts Options) (*Result, error) {
	in, err := newInstance(prog, opts)
	if err != nil {
		return nil, err
	}
	res := &Result{Why: map[string]string{}, Unplaced: map[string]string{}}
	if len(in.ids) == 0 {
		return res, nil
	}
	s := &search{in: in}
	g, err := s.run(ctx)
	if err != nil {
		return nil, err
	}
	return in.result(ctx, g, s.stop)
}

// A candidate is one eligible start-up.
type candidate struct {
	id    string
	key   string      // who it may travel with: destination, country, home
	dates []time.Time // the days it can travel, sorted
	home  string
}

// eval is one candidate trip planned alone.
type eval struct {
	ok       bool // some option can make it
	reason   string
	score    float64
	co2      float64
	meetings int
	met      map[string][]string // contacts met, by start-up
	co2By    map[string]float64
}

// instance is the forming problem: the candidates, their dates, and the
// cache of evaluations.
type instance struct {
	prog  *schedule.Program
	opts  Options
	ids   []string // sorted
	cands []candidate
	days  []time.Time // every day some candidate can travel, sorted
	cache map[string]*eval
	evals int
	// unplaced are eligible start-ups without a day, with the reason.
	unplaced map[string]string
}

func newInstance(prog *schedule.Program, opts Options) (*instance, error) {
	if opts.Budget <= 0 {
		opts.Budget = DefaultBudget
	}
	opts.Plan.Seed = opts.Seed
	in := &instance{prog: prog, opts: opts, cache: map[string]*eval{}, unplaced: map[string]string{}}
	inTrip := map[string]bool{}
	for _, t := range prog.Trips {
		for _, s := range t.Startups {
			inTrip[s] = true
		}
	}
	auto := prog.TripsAuto
	var errs []error
	daySet := map[time.Time]bool{}
	for i := range prog.Startups {
		s := &prog.Startups[i]
		if inTrip[s.ID] || (s.Destination == "" && len(s.Dates) == 0) {
			continue
		}
		if s.Destination == "" {
			in.unplaced[s.ID] = "it gives dates but no destination"
			continue
		}
		if len(s.Dates) == 0 {
			in.unplaced[s.ID] = "it gives a destination but no dates"
			continue
		}
		if _, err := prog.Destination(s.Destination); err != nil {
			errs = append(errs, fmt.Errorf("start-up %s: destination %q: %v: %w", s.ID, s.Destination, err, schedule.ErrInvalid))
			continue
		}
		if _, ok := prog.Place(s.Home); !ok {
			errs = append(errs, fmt.Errorf("start-up %s: home %q is not a place id of places.csv: %w", s.ID, s.Home, schedule.ErrInvalid))
			continue
		}
		if prog.AlreadyThere(s.Home, s.Destination) {
			in.unplaced[s.ID] = fmt.Sprintf("it is based at its destination %s (%s is within %g km of it)", s.Destination, s.Home, schedule.Radius)
			continue
		}
		days, err := Days(s.Dates, auto, prog.Zone)
		if err != nil {
			errs = append(errs, fmt.Errorf("start-up %s: %w", s.ID, err))
			continue
		}
		if len(days) == 0 {
			in.unplaced[s.ID] = "none of its dates is a weekday within the season"
			continue
		}
		key := match.Normalize(s.Destination) + "|" + s.Country
		if auto.SameRegion {
			key += "|" + s.Home
		}
		in.cands = append(in.cands, candidate{id: s.ID, key: key, dates: days, home: s.Home})
		for _, d := range days {
			daySet[d] = true
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(in.cands, func(a, b int) bool { return in.cands[a].id < in.cands[b].id })
	for _, c := range in.cands {
		in.ids = append(in.ids, c.id)
	}
	for d := range daySet {
		in.days = append(in.days, d)
	}
	slices.SortFunc(in.days, func(a, b time.Time) int { return a.Compare(b) })
	return in, nil
}

// Days returns the days a start-up's dates give, midnight in zone, sorted:
// its dates and the weekdays of its ranges (Saturdays and Sundays only
// when written as a date), within the season when it has bounds.
// Weekday items need a season with both bounds; without one they are an
// error wrapping schedule.ErrInvalid.
func Days(items []match.DaySet, auto schedule.TripsAuto, zone *time.Location) ([]time.Time, error) {
	if zone == nil {
		zone = time.UTC
	}
	civil := func(t time.Time) time.Time {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	var from, to time.Time
	if !auto.SeasonFrom.IsZero() {
		from = civil(auto.SeasonFrom)
	}
	if !auto.SeasonTo.IsZero() {
		to = civil(auto.SeasonTo)
	}
	in := func(d time.Time) bool {
		return (from.IsZero() || !d.Before(from)) && (to.IsZero() || !d.After(to))
	}
	weekday := func(d time.Time) bool { return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday }
	set := map[time.Time]bool{}
	for _, it := range items {
		switch {
		case it.Weekdays != nil:
			if from.IsZero() || to.IsZero() {
				return nil, fmt.Errorf("dates: weekdays need trips_auto.season with a first and a last day: %w", schedule.ErrInvalid)
			}
			for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
				if it.Has(d) {
					set[d] = true
				}
			}
		case it.From.Equal(it.To):
			if d := civil(it.From); in(d) {
				set[d] = true
			}
		default:
			for d := civil(it.From); !d.After(civil(it.To)); d = d.AddDate(0, 0, 1) {
				if in(d) && weekday(d) {
					set[d] = true
				}
			}
		}
	}
	var out []time.Time
	for d := range set {
		y, m, dd := d.Date()
		out = append(out, time.Date(y, m, dd, 0, 0, 0, 0, zone))
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out, nil
}

// common returns the days every member of group (indices into cands) can
// travel.
func (in *instance) common(group []int) []time.Time {
	if len(group) == 0 {
		return nil
	}
	out := slices.Clone(in.cands[group[0]].dates)
	for _, i := range group[1:] {
		out = slices.DeleteFunc(out, func(d time.Time) bool {
			return !slices.ContainsFunc(in.cands[i].dates, d.Equal)
		})
	}
	return out
}

// compatible reports whether the members of group may travel together:
// one key, at most MaxStartups, a common day.
func (in *instance) compatible(group []int) bool {
	if len(group) == 0 || len(group) > in.prog.TripsAuto.Max() {
		return false
	}
	for _, i := range group[1:] {
		if in.cands[i].key != in.cands[group[0]].key {
			return false
		}
	}
	return len(in.common(group)) > 0
}

// trip returns the trip of group on day, with the given id.
func (in *instance) trip(id string, group []int, day time.Time) schedule.Trip {
	t := schedule.Trip{ID: id, Dates: []time.Time{day}, Overnight: in.prog.TripsAuto.Overnight}
	for _, i := range group {
		t.Startups = append(t.Startups, in.cands[i].id)
	}
	s, _ := in.prog.Startup(t.Startups[0])
	t.From, t.To = in.cands[group[0]].home, s.Destination
	return t
}

func groupKey(in *instance, group []int, day time.Time) string {
	var b strings.Builder
	for _, i := range group {
		b.WriteString(in.cands[i].id)
		b.WriteByte(',')
	}
	b.WriteString(day.Format(time.DateOnly))
	return b.String()
}

var errBudget = errors.New("evaluation budget spent")

// evaluate plans group (sorted indices) on day alone, from the cache when
// it was planned before. It returns errBudget when the budget is spent and
// ctx.Err() when ctx has ended, before planning anything new.
func (in *instance) evaluate(ctx context.Context, group []int, day time.Time) (*eval, error) {
	k := groupKey(in, group, day)
	if e, ok := in.cache[k]; ok {
		return e, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in.evals >= in.opts.Budget {
		return nil, errBudget
	}
	in.evals++
	e, err := in.plan(ctx, group, day)
	if err != nil {
		return nil, err
	}
	in.cache[k] = e
	return e, nil
}

// plan plans the one-trip programme of group on day.
func (in *instance) plan(ctx context.Context, group []int, day time.Time) (*eval, error) {
	c := *in.prog
	t := in.trip("F", group, day)
	c.Trips = []schedule.Trip{t}
	members := map[string]bool{}
	for _, s := range t.Startups {
		members[s] = true
	}
	// Only the members are scored; pins and forbids of the others go.
	c.Startups = nil
	for _, s := range in.prog.Startups {
		if members[s.ID] {
			c.Startups = append(c.Startups, s)
		}
	}
	keep := func(pairs [][2]string) [][2]string {
		var out [][2]string
		for _, p := range pairs {
			if members[p[0]] {
				out = append(out, p)
			}
		}
		return out
	}
	c.Matching.Pin, c.Matching.Forbid = keep(c.Matching.Pin), keep(c.Matching.Forbid)
	c.Locked = nil
	plan, err := c.Plan(context.WithoutCancel(ctx), in.opts.Plan)
	if plan == nil {
		return nil, fmt.Errorf("planning %s on %s: %w", strings.Join(t.Startups, ", "), day.Format(time.DateOnly), err)
	}
	e := &eval{met: map[string][]string{}, co2By: map[string]float64{}}
	if len(plan.Trips) == 0 {
		e.reason = "no travel option gets there and back"
		if len(plan.Impossible) > 0 && len(plan.Impossible[0].Reasons) > 0 {
			e.reason = plan.Impossible[0].Reasons[0]
		}
		return e, nil
	}
	tp := plan.Trips[0]
	e.ok, e.score, e.co2, e.meetings = true, tp.Score, tp.CO2Kg, len(tp.Meetings)
	for _, m := range tp.Meetings {
		e.met[m.Startup] = append(e.met[m.Startup], m.Contact)
	}
	for s, v := range tp.CO2KgByStartup {
		e.co2By[s] = v
	}
	return e, nil
}

// A block is one formed trip of a grouping: sorted member indices and a day.
type block struct {
	members []int
	day     time.Time
	e       *eval
}

// A grouping is a set of blocks covering the placed candidates.
type grouping []block

// value is a grouping's objective.
type value struct {
	score, co2 float64
	meetings   int
	trips      int
}

func (g grouping) value() value {
	var v value
	for _, b := range g {
		v.score += b.e.score
		v.co2 += b.e.co2
		v.meetings += b.e.meetings
	}
	v.trips = len(g)
	return v
}

func perMeeting(co2 float64, meetings int) float64 {
	if meetings == 0 {
		return math.Inf(1) // no meetings: any CO2 is worse than some meetings
	}
	return co2 / float64(meetings)
}

// eps is the score and CO2 difference below which two values tie: the
// planner rounds each trip's score and CO2 to 3 decimals, so sums of
// rounded figures differ by rounding alone.
const eps = 2e-3

// better reports whether a is strictly better than b: higher score, then
// lower CO2 per meeting, then fewer trips.
func better(a, b value) bool {
	if math.Abs(a.score-b.score) > eps {
		return a.score > b.score
	}
	pa, pb := perMeeting(a.co2, a.meetings), perMeeting(b.co2, b.meetings)
	if !(math.IsInf(pa, 1) && math.IsInf(pb, 1)) && math.Abs(pa-pb) > eps {
		return pa < pb
	}
	return a.trips < b.trips
}

// bestDay evaluates group on each of its common days and returns the
// best, by the group's own score then CO2 per meeting then earlier day.
func (in *instance) bestDay(ctx context.Context, group []int) (block, bool, error) {
	var best block
	found := false
	for _, d := range in.common(group) {
		e, err := in.evaluate(ctx, group, d)
		if err != nil {
			return best, found, err
		}
		if !e.ok {
			continue
		}
		b := block{members: group, day: d, e: e}
		if !found || better(value{e.score, e.co2, e.meetings, 1}, value{best.e.score, best.e.co2, best.e.meetings, 1}) {
			best, found = b, true
		}
	}
	return best, found, nil
}
