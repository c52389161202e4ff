package schedule_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/program"
	"github.com/crossmeet/crossmeet/schedule/report"
)

func TestDemoPlanKeepsEveryRule(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	if err := prog.Check(plan); err != nil {
		t.Fatalf("the demo plan breaks rules:\n%v", err)
	}
	if len(plan.Trips) != len(prog.Trips) {
		t.Fatalf("planned %d trips, the programme has %d", len(plan.Trips), len(prog.Trips))
	}
	var group, overnight, alternative bool
	for _, tp := range plan.Trips {
		if len(tp.Startups) > 1 {
			group = true
			// A group shares its main legs.
			shared := false
			for _, l := range tp.Legs {
				shared = shared || len(l.Travellers) == len(tp.Startups)
			}
			if !shared {
				t.Errorf("group trip %s has no leg shared by all its start-ups", tp.ID)
			}
		}
		if tp.Overnight {
			overnight = true
		}
		// Start-ups making the same move at the same time share the ride.
		seen := map[string]bool{}
		for _, l := range tp.Legs {
			k := l.Mode + l.From + l.To + l.Depart.String() + l.Arrive.String()
			if seen[k] {
				t.Errorf("trip %s: two %s legs %s->%s at %s; they should be one shared leg", tp.ID, l.Mode, l.From, l.To, l.Depart.Format("15:04"))
			}
			seen[k] = true
		}
		for _, a := range tp.Alternatives {
			if strings.HasPrefix(a.Summary, "car") || strings.HasPrefix(a.Summary, "train") {
				alternative = true
			}
		}
		if len(tp.Meetings) == 0 {
			t.Errorf("trip %s has no meetings", tp.ID)
		}
		for _, m := range tp.Meetings {
			if len(m.Reasons) == 0 {
				t.Errorf("trip %s: meeting %s-%s has no reasons", tp.ID, m.Startup, m.Contact)
			}
		}
	}
	if !group || !overnight || !alternative {
		t.Errorf("demo plan: group trip %v, overnight trip %v, train-versus-car alternative %v; want all", group, overnight, alternative)
	}
	if plan.Totals.Meetings == 0 || plan.Totals.StartupsTravelled == 0 {
		t.Errorf("totals %+v", plan.Totals)
	}
}

func TestRandomProgrammesKeepEveryRule(t *testing.T) {
	n := 100
	if testing.Short() {
		n = 20
	}
	planned, impossible := 0, 0
	var seen exercised
	for seed := range uint64(n) {
		files := programtest.Random(t, seed)
		prog, err := program.Load(files)
		if err != nil {
			t.Fatalf("seed %d: the generated programme does not load: %v\n%s", seed, err, files["program.yaml"].Data)
		}
		plan, err := prog.Plan(context.Background(), schedule.Options{Seed: seed, TimeLimit: 5 * time.Second})
		if errors.Is(err, schedule.ErrImpossible) {
			impossible++
			if !strings.Contains(err.Error(), "trip ") {
				t.Errorf("seed %d: an impossible trip's error does not name it: %v", seed, err)
			}
			// The feasible trips are still planned, and the impossible
			// ones listed with their reasons.
			if plan == nil || len(plan.Impossible) == 0 || len(plan.Trips)+len(plan.Impossible) != len(prog.Trips) {
				t.Errorf("seed %d: impossible trip without a partial plan: %v", seed, err)
				continue
			}
			for _, it := range plan.Impossible {
				if len(it.Reasons) == 0 {
					t.Errorf("seed %d: impossible trip %s without reasons", seed, it.ID)
				}
			}
		} else if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		} else {
			planned++
		}
		if err := prog.Check(plan); err != nil {
			t.Errorf("seed %d: the plan breaks rules:\n%v\nprogram.yaml:\n%s", seed, err, files["program.yaml"].Data)
		}
		seen.add(prog, plan)
	}
	// The random programmes exercise every rule the checker knows.
	t.Logf("exercised: %+v", seen)
	for name, n := range map[string]int{
		"several cars": seen.cars, "taxis for a large party": seen.taxis, "home the first evening": seen.homeEarly,
		"a group split on the way home": seen.split, "a contact meeting two start-ups of a trip": seen.shared,
		"a pin not held": seen.unheldPin, "a pin held": seen.heldPin, "a hotel night": seen.nights,
	} {
		if n == 0 {
			t.Errorf("no random programme has %s", name)
		}
	}
	t.Logf("%d random programmes: %d planned whole, %d with an impossible trip; all checked", n, planned, impossible)
	if planned < n/2 {
		t.Errorf("only %d of %d random programmes could be planned", planned, n)
	}
}

// exercised counts the rules a set of plans puts to the test.
type exercised struct {
	cars, taxis, homeEarly, split, shared, unheldPin, heldPin, nights int
}

func (e *exercised) add(prog *schedule.Program, plan *schedule.Plan) {
	e.unheldPin += len(plan.PinsNotHeld)
	e.heldPin += len(prog.Matching.Pin) - len(plan.PinsNotHeld)
	for _, tp := range plan.Trips {
		if tp.Hotel != nil {
			e.nights++
			if len(tp.Hotel.Guests) < len(tp.Startups) {
				e.homeEarly++
			}
		}
		homes := map[string]bool{}
		for _, l := range tp.Legs {
			switch {
			case l.Mode == "car" && l.Vehicles > 1:
				e.cars++
			case l.Mode == "taxi" && l.Vehicles > 1:
				e.taxis++
			}
			if l.Service != "" && len(tp.Meetings) > 0 && l.Arrive.After(tp.Meetings[0].Start) && len(l.Travellers) < len(tp.Startups) {
				homes[l.Service] = true
			}
		}
		if len(homes) > 1 {
			e.split++
		}
		per := map[string]map[string]bool{}
		for _, m := range tp.Meetings {
			if per[m.Contact] == nil {
				per[m.Contact] = map[string]bool{}
			}
			per[m.Contact][m.Startup] = true
			if len(per[m.Contact]) == 2 {
				e.shared++
			}
		}
	}
}

func TestPlanIsDeterministic(t *testing.T) {
	prog := programtest.LoadDemo(t)
	var outs [2][]byte
	for i := range outs {
		plan, err := prog.Plan(context.Background(), schedule.Options{Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		files, err := report.Files(plan, prog.Directory(), report.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var all bytes.Buffer
		for _, name := range []string{"plan.json", "plan.txt", "ics/coordinator.ics"} {
			all.Write(files[name])
		}
		outs[i] = all.Bytes()
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Fatal("two runs with the same seed gave different outputs")
	}
}

func TestEmissionPolicy(t *testing.T) {
	// keep_score 0 takes the lowest emission whatever it costs; 1 takes
	// the best score. The lowest-emission plan never emits more.
	co2 := map[string]float64{}
	score := map[string]float64{}
	for _, keep := range []string{"0", "1"} {
		files := programtest.Demo(t)
		y := string(files["program.yaml"].Data)
		y = programtest.SetKey(t, y, "keep_score", keep)
		files["program.yaml"] = &fstest.MapFile{Data: []byte(y)}
		_, plan := programtest.PlanChecked(t, files)
		for _, tp := range plan.Trips {
			co2[keep] += tp.CO2Kg
			score[keep] += tp.Score
			for _, a := range tp.Alternatives {
				switch keep {
				case "0":
					if a.CO2Kg < tp.CO2Kg-1e-6 {
						t.Errorf("keep_score 0: trip %s emits %.1f kg but %q emits less", tp.ID, tp.CO2Kg, a.Summary)
					}
				case "1":
					if a.Score > tp.Score+1e-6 {
						t.Errorf("keep_score 1: trip %s scores %.3f but %q scores more", tp.ID, tp.Score, a.Summary)
					}
				}
			}
		}
	}
	if co2["0"] > co2["1"]+1e-6 {
		t.Errorf("lowest-emission policy emits %.1f kg, best-score policy %.1f kg", co2["0"], co2["1"])
	}
	if score["1"] < score["0"]-1e-6 {
		t.Errorf("best-score policy scores %.3f, lowest-emission policy %.3f", score["1"], score["0"])
	}
}

func TestImpossibleTripSaysWhy(t *testing.T) {
	files := programtest.Demo(t)
	y := `name: Impossible
coordinator: {name: Test Coordinator, email: coordinator@example.org}
timezone: Europe/Stockholm
travel:
  modes: [train, walk]
trips:
  - id: LATE
    startups: [` + programtest.FirstStartup(files) + `]
    from: ostersund-c
    to: trondheim-s
    dates: [2027-03-09]
    leave_after: "19:00"
    back_by: "21:00"
`
	files["program.yaml"] = &fstest.MapFile{Data: []byte(y)}
	prog, err := program.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := prog.Plan(context.Background(), schedule.Options{})
	if !errors.Is(err, schedule.ErrImpossible) {
		t.Fatalf("got plan %v and error %v, want ErrImpossible", plan, err)
	}
	require.NotNil(t, plan)
	require.Len(t, plan.Impossible, 1)
	assert.Equal(t, "LATE", plan.Impossible[0].ID)
	assert.Empty(t, plan.Trips)
	for _, want := range []string{"LATE", "train"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestPlanJSONShape(t *testing.T) {
	_, plan := programtest.PlanDemo(t)
	data, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"version", "program", "trips", "totals"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("plan.json has no %q", key)
		}
	}
	trip := raw["trips"].([]any)[0].(map[string]any)
	for _, key := range []string{"id", "startups", "date", "overnight", "score", "co2_kg", "legs", "meetings", "hotel", "alternatives", "unscheduled"} {
		if _, ok := trip[key]; !ok {
			t.Errorf("a trip has no %q", key)
		}
	}
	leg := trip["legs"].([]any)[0].(map[string]any)
	for _, key := range []string{"mode", "from", "to", "depart", "arrive", "km", "co2_kg", "travellers", "service"} {
		if _, ok := leg[key]; !ok {
			t.Errorf("a leg has no %q", key)
		}
	}
	if _, err := time.Parse(time.RFC3339, leg["depart"].(string)); err != nil {
		t.Errorf("depart %q is not RFC 3339: %v", leg["depart"], err)
	}
}

// TestTinyTimeLimitStillPlans: when the time is up the searches return
// what they have, and that is still a valid plan that says the limit
// bound.
func TestTinyTimeLimitStillPlans(t *testing.T) {
	prog := programtest.LoadDemo(t)
	plan, err := prog.Plan(context.Background(), schedule.Options{TimeLimit: time.Millisecond, Seed: 1})
	require.NoError(t, err)
	require.NoError(t, prog.Check(plan), "a plan made in 1 ms breaks rules")
	assert.Len(t, plan.Trips, len(prog.Trips))
	assert.Equal(t, schedule.StopTimeLimit, plan.Stop)
}

// TestCancelledPlanIsCompleteAndSaysSo: a coordinator who presses
// Ctrl-C still gets a plan of every trip that keeps every rule, marked
// as cut short, as optw.Solve returns its best solution with a reason.
func TestCancelledPlanIsCompleteAndSaysSo(t *testing.T) {
	prog := programtest.LoadDemo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	plan, err := prog.Plan(ctx, schedule.Options{Seed: 1})
	require.NoError(t, err)
	require.NoError(t, prog.Check(plan))
	assert.Len(t, plan.Trips, len(prog.Trips))
	assert.Equal(t, schedule.StopCancelled, plan.Stop)
}

// TestFullRunHasNoStopReason: a run whose searches end by their work
// budget is not marked as cut short.
func TestFullRunHasNoStopReason(t *testing.T) {
	_, plan := programtest.PlanDemo(t)
	assert.Empty(t, plan.Stop)
}

// TestOvernightArrivingInTheEvening: an overnight trip may take the
// afternoon train, sleep, and hold its meetings the next day.
func TestOvernightArrivingInTheEvening(t *testing.T) {
	files := programtest.Demo(t)
	y := `name: Evening train
coordinator: {name: Test Coordinator, email: coordinator@example.org}
travel:
  modes: [train, walk, taxi]
trips:
  - id: EVE
    startups: [` + programtest.FirstStartup(files) + `]
    from: ostersund-c
    to: trondheim
    dates: [2027-03-09]
    overnight: required
    leave_after: "15:00"
`
	files["program.yaml"] = &fstest.MapFile{Data: []byte(y)}
	_, plan := programtest.PlanChecked(t, files)
	tp := plan.Trips[0]
	if !tp.Overnight || tp.Hotel == nil {
		t.Fatalf("want a night away, got %+v", tp)
	}
	if len(tp.Meetings) == 0 {
		t.Fatal("no meetings on the second day")
	}
	for _, m := range tp.Meetings {
		if m.Start.Day() != 10 {
			t.Errorf("meeting with %s on %s; the group arrives in the evening of the 9th", m.Contact, m.Start.Format(time.RFC3339))
		}
	}
}

// BenchmarkPlanDemo plans the whole demo programme: six trips, each with
// up to eight travel options.
func BenchmarkPlanDemo(b *testing.B) {
	prog := programtest.LoadDemo(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := prog.Plan(context.Background(), schedule.Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanLarge plans a generated season of 100 trips and 700
// contacts. The searches are bounded by work, so the plan is the same at
// any machine load; the benchmark fails if the safety-net time limit
// binds.
func BenchmarkPlanLarge(b *testing.B) {
	prog := programtest.Load(b, programtest.Large(b, 1, 100, 700))
	b.ReportAllocs()
	var first []byte
	for b.Loop() {
		plan, err := prog.Plan(context.Background(), schedule.Options{Seed: 1, TimeLimit: 10 * time.Minute})
		if err != nil && !errors.Is(err, schedule.ErrImpossible) {
			b.Fatal(err)
		}
		if plan.Stop != "" {
			b.Fatalf("the time limit bound: %s", plan.Stop)
		}
		data, err := json.Marshal(plan)
		if err != nil {
			b.Fatal(err)
		}
		if first == nil {
			first = data
		} else if !bytes.Equal(first, data) {
			b.Fatal("two runs with the same seed gave different plans")
		}
		b.ReportMetric(float64(plan.Totals.Meetings), "meetings")
		b.ReportMetric(float64(len(plan.Impossible)), "impossible")
	}
}
