package schedule_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/travel"
)

// TestUnknownIDsInAProgrammeBuiltInGo: a programme assembled in Go that
// names an unknown start-up, place or contact gets an error wrapping
// ErrUnknownID from Plan, never a panic.
func TestUnknownIDsInAProgrammeBuiltInGo(t *testing.T) {
	cases := []struct {
		name string
		edit func(p *schedule.Program)
	}{
		{"unknown start-up in a trip", func(p *schedule.Program) { p.Trips[0].Startups = []string{"NOPE"} }},
		{"unknown first start-up without from", func(p *schedule.Program) {
			p.Trips[0].From = ""
			p.Trips[0].Startups = []string{"NOPE"}
		}},
		{"unknown from place", func(p *schedule.Program) { p.Trips[0].From = "atlantis" }},
		{"pin of an unknown contact", func(p *schedule.Program) {
			p.Matching.Pin = [][2]string{{p.Startups[0].ID, "NOPE"}}
		}},
		{"contact at an unknown place", func(p *schedule.Program) { p.Contacts[0].Place = "atlantis" }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			prog := programtest.LoadDemo(t)
			tc.edit(prog)
			var plan *schedule.Plan
			var err error
			require.NotPanics(t, func() { plan, err = prog.Plan(context.Background(), schedule.Options{Seed: 1}) })
			assert.Nil(t, plan)
			assert.ErrorIs(t, err, schedule.ErrUnknownID)
			assert.ErrorIs(t, err, schedule.ErrInvalid)
		})
	}
}

// TestCheckIsNotInvalidInput: a plan that breaks a rule is not bad input;
// Check's error is a Violations list of ErrBroken.
func TestCheckIsNotInvalidInput(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	plan.Totals.Meetings++
	err := prog.Check(plan)
	require.Error(t, err)
	assert.ErrorIs(t, err, schedule.ErrBroken)
	assert.NotErrorIs(t, err, schedule.ErrInvalid)
	var v schedule.Violations
	require.ErrorAs(t, err, &v)
	assert.Len(t, v, 1)
}

// TestZeroTripTimesAreTheDefaults: a Trip built in Go without leave_after
// and back_by plans as program.yaml's defaults (06:00, 22:00) do.
func TestZeroTripTimesAreTheDefaults(t *testing.T) {
	plan := func(edit func(*schedule.Trip)) *schedule.Plan {
		prog := programtest.LoadDemo(t)
		prog.Trips = prog.Trips[:1]
		edit(&prog.Trips[0])
		p, err := prog.Plan(context.Background(), schedule.Options{Seed: 1})
		require.NoError(t, err)
		require.NoError(t, prog.Check(p))
		return p
	}
	zero := plan(func(t *schedule.Trip) { t.LeaveAfter, t.BackBy = 0, 0 })
	explicit := plan(func(t *schedule.Trip) { t.LeaveAfter, t.BackBy = schedule.DefaultLeaveAfter, schedule.DefaultBackBy })
	assert.Equal(t, explicit, zero)
	assert.NotEmpty(t, zero.Trips[0].Meetings)
}

// TestRoadFactorsAreUsed: Options.Road's emission factors price the road
// legs (the timetable's legs keep the feed's factors).
func TestRoadFactorsAreUsed(t *testing.T) {
	co2 := func(road *travel.Road) float64 {
		prog := programtest.LoadDemo(t)
		prog.Trips = prog.Trips[:1]
		prog.Travel.Modes = []travel.Mode{travel.Car, travel.Walk}
		p, err := prog.Plan(context.Background(), schedule.Options{Seed: 1, Road: road})
		require.NoError(t, err)
		return p.Totals.CO2KgByMode["car"]
	}
	base := co2(nil)
	require.Greater(t, base, 0.0)
	heavy := co2(&travel.Road{Factors: travel.Factors{GramsPerKm: map[travel.Mode]float64{travel.Car: 1700}}})
	assert.InDelta(t, 10*base, heavy, 0.01*base, "a car factor of 1700 g/km is ten times the petrol default")
}

// TestSentinelsAreShared: the sentinels several packages report are one
// value each, so errors.Is gives one answer whichever loader found it.
func TestSentinelsAreShared(t *testing.T) {
	assert.True(t, errors.Is(match.ErrDuplicateID, travel.ErrDuplicateID))
	assert.True(t, errors.Is(match.ErrMissingColumn, travel.ErrMissingColumn))
	assert.True(t, errors.Is(schedule.ErrUnknownID, match.ErrUnknownID))
}
