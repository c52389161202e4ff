package form

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule"
)

// smallProgram turns the random programme of seed into a forming problem:
// no trips, each start-up (at most six) with one to three of three dates
// and a destination on the other side, random trips_auto rules.
func smallProgram(t testing.TB, seed uint64) *schedule.Program {
	t.Helper()
	prog := programtest.Load(t, programtest.Random(t, seed))
	r := rand.New(rand.NewPCG(seed, 99))
	if len(prog.Startups) > 6 {
		prog.Startups = prog.Startups[:6]
	}
	ids := map[string]bool{}
	for _, s := range prog.Startups {
		ids[s.ID] = true
	}
	keep := func(pairs [][2]string) [][2]string {
		var out [][2]string
		for _, p := range pairs {
			if ids[p[0]] {
				out = append(out, p)
			}
		}
		return out
	}
	prog.Matching.Pin, prog.Matching.Forbid = keep(prog.Matching.Pin), keep(prog.Matching.Forbid)
	prog.Trips = nil
	days := []time.Time{
		time.Date(2027, 3, 9, 0, 0, 0, 0, time.UTC),
		time.Date(2027, 3, 10, 0, 0, 0, 0, time.UTC),
		time.Date(2027, 3, 16, 0, 0, 0, 0, time.UTC),
	}
	dest := map[string][]string{"SE": {"trondheim", "trondheim-s"}, "NO": {"ostersund-c", "ostersund"}}
	for i := range prog.Startups {
		s := &prog.Startups[i]
		s.Destination = dest[s.Country][0]
		if r.IntN(4) == 0 {
			s.Destination = dest[s.Country][1]
		}
		s.Dates = nil
		for _, d := range days {
			if r.IntN(3) > 0 {
				s.Dates = append(s.Dates, match.DaySet{From: d, To: d})
			}
		}
		if len(s.Dates) == 0 {
			s.Dates = []match.DaySet{{From: days[r.IntN(3)], To: days[0]}}
			s.Dates[0].To = s.Dates[0].From
		}
	}
	prog.TripsAuto = schedule.TripsAuto{
		MaxStartups: 2 + r.IntN(3),
		SameRegion:  r.IntN(2) == 0,
		Overnight:   []schedule.Overnight{schedule.NoOvernight, schedule.OvernightAllowed}[r.IntN(2)],
	}
	return prog
}

// TestFormNearExhaustive checks on 50 small random programmes that the
// formed grouping's score is within 2% of the exhaustive optimum, and its
// CO2 per meeting no worse at equal score. Form reuses the oracle's
// evaluations (the same planner runs) so that the test stays fast.
func TestFormNearExhaustive(t *testing.T) {
	ctx := context.Background()
	groups := 0
	for seed := uint64(1); seed <= 50; seed++ {
		prog := smallProgram(t, seed)
		opt, err := Exhaustive(ctx, prog, Options{Seed: 1})
		require.NoError(t, err, "seed %d", seed)

		in, err := newInstance(prog, Options{Seed: 1})
		require.NoError(t, err)
		oracle, err := newInstance(prog, Options{Seed: 1})
		require.NoError(t, err)
		// Warm the cache with the oracle's evaluations.
		_, err = exhaustiveOn(ctx, oracle)
		require.NoError(t, err)
		in.cache = oracle.cache
		s := &search{in: in}
		g, err := s.run(ctx)
		require.NoError(t, err, "seed %d", seed)
		got, err := in.result(ctx, g, s.stop)
		require.NoError(t, err)

		assert.GreaterOrEqual(t, got.Score, 0.98*opt.Score-eps, "seed %d: formed score %.3f, optimum %.3f", seed, got.Score, opt.Score)
		if got.Score <= opt.Score+eps && got.Score >= opt.Score-eps {
			assert.LessOrEqual(t, got.CO2PerMeeting(), opt.CO2PerMeeting()+eps, "seed %d: equal score, CO2 per meeting %.3f against %.3f", seed, got.CO2PerMeeting(), opt.CO2PerMeeting())
		}
		assert.Len(t, got.Trips, len(opt.Trips), "seed %d: the trips", seed)
		placed := map[string]int{}
		for _, tr := range got.Trips {
			require.Len(t, tr.Dates, 1)
			require.LessOrEqual(t, len(tr.Startups), prog.TripsAuto.Max())
			require.NotEmpty(t, tr.Why)
			for _, s := range tr.Startups {
				placed[s]++
			}
			if len(tr.Startups) > 1 {
				groups++
			}
		}
		for _, s := range prog.Startups {
			_, un := got.Unplaced[s.ID]
			assert.True(t, placed[s.ID] == 1 || (un && placed[s.ID] == 0), "seed %d: %s on %d trips", seed, s.ID, placed[s.ID])
		}
	}
	t.Logf("%d formed groups of two or more over the 50 programmes", groups)
	assert.Positive(t, groups, "the programmes never let start-ups travel together")
}

// exhaustiveOn runs Exhaustive's enumeration on in (for the cache).
func exhaustiveOn(ctx context.Context, in *instance) (*Result, error) {
	return exhaustive(ctx, in)
}

func TestDays(t *testing.T) {
	d := func(s string) time.Time { x, _ := time.Parse(time.DateOnly, s); return x }
	season := schedule.TripsAuto{SeasonFrom: d("2027-03-08"), SeasonTo: d("2027-03-19")}
	tests := []struct {
		name  string
		items []string
		auto  schedule.TripsAuto
		want  []string
		err   bool
	}{
		{"a date", []string{"2027-03-09"}, schedule.TripsAuto{}, []string{"2027-03-09"}, false},
		{"a range skips the weekend", []string{"2027-03-12..2027-03-15"}, schedule.TripsAuto{}, []string{"2027-03-12", "2027-03-15"}, false},
		{"weekdays in the season", []string{"tue-wed"}, season, []string{"2027-03-09", "2027-03-10", "2027-03-16", "2027-03-17"}, false},
		{"the season bounds a range", []string{"2027-03-01..2027-03-09"}, season, []string{"2027-03-08", "2027-03-09"}, false},
		{"a date outside the season", []string{"2027-04-01"}, season, nil, false},
		{"weekdays without a season", []string{"mon"}, schedule.TripsAuto{}, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var items []match.DaySet
			for _, s := range tc.items {
				ds, err := match.ParseDays(s)
				require.NoError(t, err)
				items = append(items, ds)
			}
			days, err := Days(items, tc.auto, time.UTC)
			if tc.err {
				require.ErrorIs(t, err, schedule.ErrInvalid)
				return
			}
			require.NoError(t, err)
			var got []string
			for _, x := range days {
				got = append(got, x.Format(time.DateOnly))
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseDaysBad(t *testing.T) {
	for _, s := range []string{"2027-03-19..2027-03-08", "someday", "mon-xyz", "2027-13-01"} {
		_, err := match.ParseDays(s)
		assert.ErrorIs(t, err, match.ErrBadCell, s)
	}
}

func TestDeterministicAndAnytime(t *testing.T) {
	ctx := context.Background()
	prog := smallProgram(t, 7)
	a, err := Form(ctx, prog, Options{Seed: 3})
	require.NoError(t, err)
	b, err := Form(ctx, prog, Options{Seed: 3})
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprint(a.Trips), fmt.Sprint(b.Trips))

	// A budget of two evaluations stops the search; every start-up still
	// travels.
	c, err := Form(ctx, prog, Options{Seed: 3, Budget: 2})
	require.NoError(t, err)
	assert.Equal(t, StopBudget, c.Stop)
	n := 0
	for _, tr := range c.Trips {
		n += len(tr.Startups)
	}
	assert.Equal(t, len(prog.Startups)-len(c.Unplaced), n)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	d, err := Form(cancelled, prog, Options{Seed: 3})
	require.NoError(t, err)
	assert.Equal(t, StopCancelled, d.Stop)
}

// TestBasedAtTheDestination: a start-up based at (or within Radius of)
// its destination is on no trip, with the reason, instead of a trip
// that goes nowhere; the others are formed as before.
func TestBasedAtTheDestination(t *testing.T) {
	prog := smallProgram(t, 3)
	require.GreaterOrEqual(t, len(prog.Startups), 2)
	s := &prog.Startups[0]
	s.Destination = "trondheim"
	s.Home = "trondheim-s"
	res, err := Form(context.Background(), prog, Options{Seed: 1, Budget: 200})
	require.NoError(t, err)
	assert.Equal(t, "it is based at its destination trondheim (trondheim-s is within 25 km of it)", res.Unplaced[s.ID])
	for _, tr := range res.Trips {
		assert.NotContains(t, tr.Startups, s.ID)
	}
}
