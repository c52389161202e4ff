package schedule_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule"
)

type pairKey struct{ startup, contact string }

func byPair(p *schedule.Plan) map[pairKey]schedule.Meeting {
	out := map[pairKey]schedule.Meeting{}
	for _, tp := range p.Trips {
		for _, m := range tp.Meetings {
			out[pairKey{m.Startup, m.Contact}] = m
		}
	}
	return out
}

func asLocks(ms map[pairKey]schedule.Meeting) []schedule.Lock {
	var out []schedule.Lock
	for k, m := range ms {
		out = append(out, schedule.Lock{Startup: k.startup, Contact: k.contact, Start: m.Start})
	}
	return out
}

// The coordinator's cycle: everybody accepted every meeting but one,
// which was declined. The re-plan holds every accepted meeting exactly
// where it was and never proposes the declined pair again.
func TestAcceptedMeetingsStayWhenOneIsDeclined(t *testing.T) {
	_, planA := programtest.PlanDemo(t)
	declined := planA.Trips[1].Meetings[0]
	accepted := byPair(planA)
	delete(accepted, pairKey{declined.Startup, declined.Contact})
	require.NotEmpty(t, accepted)

	for _, tc := range []struct {
		name string
		pins bool // pinned as well, as invite.Ledger.Apply does
	}{{"locks alone", false}, {"locks and pins", true}} {
		t.Run(tc.name, func(t *testing.T) {
			prog := programtest.LoadDemo(t)
			prog.Locked = asLocks(accepted)
			prog.Matching.Forbid = append(prog.Matching.Forbid, [2]string{declined.Startup, declined.Contact})
			if tc.pins {
				for k := range accepted {
					prog.Matching.Pin = append(prog.Matching.Pin, [2]string{k.startup, k.contact})
				}
			}
			planB, err := prog.Plan(context.Background(), schedule.Options{Seed: 1, Previous: asLocks(byPair(planA))})
			require.NoError(t, err)
			require.NoError(t, prog.Check(planB))
			assert.Empty(t, planB.LocksNotHeld)
			got := byPair(planB)
			for k, m := range accepted {
				n, ok := got[k]
				if assert.True(t, ok, "accepted %s %s is gone", k.startup, k.contact) {
					assert.True(t, n.Start.Equal(m.Start) && n.End.Equal(m.End), "accepted %s %s moved from %s to %s", k.startup, k.contact, m.Start, n.Start)
					assert.Equal(t, m.Place, n.Place, "accepted %s %s changed place", k.startup, k.contact)
				}
			}
			assert.NotContains(t, got, pairKey{declined.Startup, declined.Contact}, "the declined pair is proposed again")
		})
	}
}

// A lock may move a meeting: the coordinator fixes it at another time
// and the plan holds it there, or says why it cannot. Some of the moves
// tried must hold, or locks would be ignored.
func TestLockMovesAMeeting(t *testing.T) {
	_, planA := programtest.PlanDemo(t)
	held := 0
	tried := 0
	for _, tp := range planA.Trips {
		if tp.Overnight || len(tp.Meetings) < 2 || tried == 4 {
			continue
		}
		m := tp.Meetings[0]
		for _, shift := range []time.Duration{-time.Hour, time.Hour} {
			at := m.Start.Add(shift)
			tried++
			t.Run(tp.ID+" "+m.Startup+" "+m.Contact+" "+shift.String(), func(t *testing.T) {
				prog := programtest.LoadDemo(t)
				prog.Locked = []schedule.Lock{{Startup: m.Startup, Contact: m.Contact, Start: at}}
				plan, err := prog.Plan(context.Background(), schedule.Options{Seed: 1})
				require.NoError(t, err)
				require.NoError(t, prog.Check(plan))
				n, ok := byPair(plan)[pairKey{m.Startup, m.Contact}]
				if ok && n.Start.Equal(at) {
					held++
					assert.Empty(t, plan.LocksNotHeld)
					return
				}
				require.Len(t, plan.LocksNotHeld, 1, "a lock neither held nor listed")
				assert.Contains(t, plan.LocksNotHeld[0].Reason, at.In(prog.Zone).Format("2006-01-02 15:04"))
			})
		}
	}
	assert.Positive(t, held, "no lock at a moved time was held")
}

// A lock the contact can no longer keep (a busy time added since) is
// listed with the reason, and the meeting is planned elsewhere if it
// can be.
func TestLockNotHeldSaysWhy(t *testing.T) {
	_, planA := programtest.PlanDemo(t)
	m := planA.Trips[0].Meetings[0]
	prog := programtest.LoadDemo(t)
	prog.Locked = []schedule.Lock{{Startup: m.Startup, Contact: m.Contact, Start: m.Start}}
	if prog.Busy == nil {
		prog.Busy = map[string][]schedule.Interval{}
	}
	prog.Busy[m.Contact] = append(prog.Busy[m.Contact], schedule.Interval{Start: m.Start.Add(-time.Hour), End: m.End.Add(time.Hour)})
	plan, err := prog.Plan(context.Background(), schedule.Options{Seed: 1})
	require.NoError(t, err)
	require.NoError(t, prog.Check(plan))
	require.Len(t, plan.LocksNotHeld, 1)
	u := plan.LocksNotHeld[0]
	assert.Equal(t, [2]string{m.Startup, m.Contact}, [2]string{u.Startup, u.Contact})
	assert.Contains(t, u.Reason, "no longer free")
}

// Re-planning after a pair was declined, with the earlier plan's times
// (what was sent), keeps more meetings at their time than re-planning
// from scratch, which lets the freed time shift the others.
func TestPreviousTimesAreKept(t *testing.T) {
	_, planA := programtest.PlanDemo(t)
	before := byPair(planA)
	kept := func(p *schedule.Plan) int {
		n := 0
		for k, m := range byPair(p) {
			if b, ok := before[k]; ok && b.Start.Equal(m.Start) {
				n++
			}
		}
		return n
	}
	var free, with, all int
	for _, tp := range planA.Trips {
		d := tp.Meetings[0]
		for _, prev := range []bool{false, true} {
			prog := programtest.LoadDemo(t)
			prog.Matching.Forbid = append(prog.Matching.Forbid, [2]string{d.Startup, d.Contact})
			opts := schedule.Options{Seed: 1}
			if prev {
				opts.Previous = asLocks(before)
			}
			p, err := prog.Plan(context.Background(), opts)
			require.NoError(t, err)
			require.NoError(t, prog.Check(p))
			if prev {
				with += kept(p)
			} else {
				free += kept(p)
			}
		}
		all += len(before) - 1
	}
	t.Logf("of %d meetings still wanted, %d keep their time without Previous, %d with", all, free, with)
	assert.Greater(t, with, free)
	assert.GreaterOrEqual(t, with, all*9/10)
}
