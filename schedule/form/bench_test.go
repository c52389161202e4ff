package form

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule"
)

// demoAuto is the demo with its trips removed and each of their start-ups
// given the trip's dates and destination (and home, its from).
func demoAuto(t testing.TB, overnight schedule.Overnight) *schedule.Program {
	t.Helper()
	prog := programtest.LoadDemo(t)
	for _, tr := range prog.Trips {
		for _, id := range tr.Startups {
			s, _ := prog.Startup(id)
			s.Destination, s.Home = tr.To, tr.From
			for _, d := range tr.Dates {
				s.Dates = append(s.Dates, match.DaySet{From: d, To: d})
			}
		}
	}
	prog.Trips = nil
	prog.TripsAuto = schedule.TripsAuto{Overnight: overnight}
	return prog
}

// planFormed forms the demo's trips and plans the programme with them.
func planFormed(t testing.TB, overnight schedule.Overnight) (*Result, *schedule.Plan) {
	prog := demoAuto(t, overnight)
	res, err := Form(context.Background(), prog, Options{Seed: 1})
	require.NoError(t, err)
	prog.Trips = res.Trips
	plan, err := prog.Plan(context.Background(), schedule.Options{Seed: 1})
	require.NoError(t, err)
	require.NoError(t, prog.Check(plan))
	return res, plan
}

// BenchmarkDemo forms and plans the demo without its hand-made trips and
// reports the formed plan's total score and CO2 per meeting next to the
// hand-made plan's.
func BenchmarkDemo(b *testing.B) {
	_, hand := programtest.PlanDemo(b)
	for _, o := range []schedule.Overnight{schedule.NoOvernight, schedule.OvernightAllowed} {
		b.Run("overnight="+o.String(), func(b *testing.B) {
			b.ReportAllocs()
			var res *Result
			var plan *schedule.Plan
			for b.Loop() {
				res, plan = planFormed(b, o)
			}
			b.ReportMetric(plan.Totals.Score, "score")
			b.ReportMetric(plan.Totals.CO2KgPerMeeting, "kgCO2/meeting")
			b.ReportMetric(hand.Totals.Score, "hand-score")
			b.ReportMetric(hand.Totals.CO2KgPerMeeting, "hand-kgCO2/meeting")
			b.ReportMetric(float64(len(res.Trips)), "trips")
			b.ReportMetric(float64(res.Evaluations), "evaluations")
		})
	}
}

// TestDemoFormed logs the formed demo trips and their explanations, and
// checks that every demo start-up of a trip travels.
func TestDemoFormed(t *testing.T) {
	demo, hand := programtest.PlanDemo(t)
	want := 0
	for _, tr := range demo.Trips {
		want += len(tr.Startups)
	}
	res, plan := planFormed(t, schedule.OvernightAllowed)
	n := 0
	for _, tr := range res.Trips {
		n += len(tr.Startups)
		t.Logf("%s %v %s -> %s %s: %s", tr.ID, tr.Startups, tr.From, tr.To, tr.Dates[0].Format("2006-01-02"), tr.Why)
	}
	assert.Equal(t, want, n)
	require.Len(t, res.Trips, 6)
	assert.Contains(t, res.Trips[0].Why, "S01 travels alone to trondheim", "the demo's only start-up bound for trondheim")
	assert.Contains(t, res.Trips[0].Why, "no other start-up of SE goes there")
	for _, tr := range res.Trips {
		if len(tr.Startups) > 1 {
			assert.Contains(t, tr.Why, "travel together", tr.ID)
		} else {
			assert.Contains(t, tr.Why, "travels alone", tr.ID)
		}
		assert.Contains(t, tr.Why, "meets", tr.ID)
	}
	assert.GreaterOrEqual(t, plan.Totals.Score, hand.Totals.Score-eps, "the formed plan's score")
	assert.LessOrEqual(t, plan.Totals.CO2KgPerMeeting, hand.Totals.CO2KgPerMeeting+eps, "the formed plan's CO2 per meeting")
	t.Logf("formed: score %.3f, %.3f kg CO2/meeting, %d trips (objective %.3f); hand-made: score %.3f, %.3f kg CO2/meeting, %d trips",
		plan.Totals.Score, plan.Totals.CO2KgPerMeeting, len(plan.Trips), res.Score, hand.Totals.Score, hand.Totals.CO2KgPerMeeting, len(hand.Trips))
}

// largeAuto is a generated programme of 40 start-ups over four weeks:
// programtest.Large's start-ups and contacts, its trips removed, each
// start-up given its trip's destination and three to six weekdays of
// March 2027.
func largeAuto(t testing.TB) *schedule.Program {
	t.Helper()
	prog := programtest.Load(t, programtest.Large(t, 5, 24, 160))
	r := rand.New(rand.NewPCG(5, 40))
	var days []time.Time
	for d := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC); d.Month() == 3 && len(days) < 20; d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			days = append(days, d)
		}
	}
	n := 0
	keep := map[string]bool{}
	for _, tr := range prog.Trips {
		for _, id := range tr.Startups {
			if n == 40 {
				break
			}
			n++
			keep[id] = true
			s, _ := prog.Startup(id)
			s.Destination, s.Home = tr.To, tr.From
			for _, i := range r.Perm(len(days))[:3+r.IntN(4)] {
				s.Dates = append(s.Dates, match.DaySet{From: days[i], To: days[i]})
			}
		}
	}
	prog.Startups = slices.DeleteFunc(prog.Startups, func(s match.Startup) bool { return !keep[s.ID] })
	prog.Trips = nil
	prog.TripsAuto = schedule.TripsAuto{Overnight: schedule.OvernightAllowed}
	return prog
}

// BenchmarkLarge forms and plans the 40-start-up programme.
func BenchmarkLarge(b *testing.B) {
	b.ReportAllocs()
	var res *Result
	var plan *schedule.Plan
	for b.Loop() {
		prog := largeAuto(b)
		var err error
		res, err = Form(context.Background(), prog, Options{Seed: 1})
		require.NoError(b, err)
		prog.Trips = res.Trips
		plan, err = prog.Plan(context.Background(), schedule.Options{Seed: 1})
		require.NoError(b, err)
	}
	b.ReportMetric(plan.Totals.Score, "score")
	b.ReportMetric(plan.Totals.CO2KgPerMeeting, "kgCO2/meeting")
	b.ReportMetric(float64(len(res.Trips)), "trips")
	b.ReportMetric(float64(res.Evaluations), "evaluations")
	if res.Stop != "" {
		b.Logf("search stopped: %s", res.Stop)
	}
}
