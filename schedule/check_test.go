package schedule_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule"
)

// TestCheckFindsBrokenRules breaks one rule at a time in the demo's plan
// and expects the invariant checker to name it.
func TestCheckFindsBrokenRules(t *testing.T) {
	prog, good := programtest.PlanDemo(t)
	if err := prog.Check(good); err != nil {
		t.Fatalf("the unbroken plan fails: %v", err)
	}
	// firstMeetingTrip returns the index of a trip with a meeting.
	firstMeetingTrip := func(p *schedule.Plan) int {
		for i, tp := range p.Trips {
			if len(tp.Meetings) > 0 {
				return i
			}
		}
		t.Fatal("the demo plan has no meeting")
		return -1
	}
	cases := []struct {
		name   string
		mutate func(p *schedule.Plan)
		want   string
	}{
		{"leg starts elsewhere", func(p *schedule.Plan) {
			p.Trips[0].Legs[0].From = "somewhere-else"
		}, "starts at somewhere-else"},
		{"meeting at the wrong place", func(p *schedule.Plan) {
			i := firstMeetingTrip(p)
			p.Trips[i].Meetings[0].Place = "nowhere"
		}, "starts at nowhere"},
		{"meetings overlap", func(p *schedule.Plan) {
			i := firstMeetingTrip(p)
			m := p.Trips[i].Meetings[0]
			dup := m
			dup.Contact = m.Contact
			p.Trips[i].Meetings = append(p.Trips[i].Meetings, dup)
		}, "overlaps"},
		{"meeting too short", func(p *schedule.Plan) {
			i := firstMeetingTrip(p)
			p.Trips[i].Meetings[0].End = p.Trips[i].Meetings[0].End.Add(-10 * time.Minute)
		}, "lasts"},
		{"meeting at night", func(p *schedule.Plan) {
			i := firstMeetingTrip(p)
			m := &p.Trips[i].Meetings[0]
			d := time.Date(m.Start.Year(), m.Start.Month(), m.Start.Day(), 23, 0, 0, 0, m.Start.Location())
			m.Start, m.End = d, d.Add(m.End.Sub(m.Start))
		}, "outside the contact's free time"},
		{"back too late", func(p *schedule.Plan) {
			legs := p.Trips[0].Legs
			legs[len(legs)-1].Arrive = legs[len(legs)-1].Arrive.Add(6 * time.Hour)
		}, "after back_by"},
		{"emissions do not add up", func(p *schedule.Plan) {
			p.Trips[0].CO2Kg += 10
		}, "not the sum of its legs"},
		{"totals do not add up", func(p *schedule.Plan) {
			p.Totals.Meetings++
		}, "totals"},
		{"date not a candidate", func(p *schedule.Plan) {
			p.Trips[0].Date = "2031-01-01"
		}, "not one of its candidate dates"},
		{"stranger on a leg", func(p *schedule.Plan) {
			p.Trips[0].Legs[0].Travellers = append(p.Trips[0].Legs[0].Travellers, "S99")
		}, "not on the trip"},
		{"contact over capacity", func(p *schedule.Plan) {
			i := firstMeetingTrip(p)
			m := p.Trips[i].Meetings[0]
			for k := 0; k < 5; k++ {
				extra := m
				extra.Start = m.Start.AddDate(0, 0, 7*(k+1))
				extra.End = m.End.AddDate(0, 0, 7*(k+1))
				p.Trips[i].Meetings = append(p.Trips[i].Meetings, extra)
			}
		}, "capacity"},
		{"more people than seats", func(p *schedule.Plan) {
			for i := range p.Trips {
				for j, l := range p.Trips[i].Legs {
					if l.Mode == "car" || l.Mode == "taxi" {
						p.Trips[i].Legs[j].People += 5 * l.Vehicles
						return
					}
				}
			}
			t.Fatal("the demo plan has no car or taxi leg")
		}, "vehicles of"},
		{"a leg of no time", func(p *schedule.Plan) {
			l := &p.Trips[0].Legs[0]
			l.Arrive = l.Depart
		}, "does not arrive after it departs"},
		{"a company counted as one person", func(p *schedule.Plan) {
			for i := range p.Trips {
				for j, l := range p.Trips[i].Legs {
					if l.People > 1 {
						p.Trips[i].Legs[j].People = len(l.Travellers)
						return
					}
				}
			}
		}, "carries"},
		{"a night without a meeting the next day", func(p *schedule.Plan) {
			for i := range p.Trips {
				tp := &p.Trips[i]
				if tp.Hotel == nil {
					continue
				}
				next := tp.Hotel.CheckIn.AddDate(0, 0, 1).Day()
				var keep []schedule.Meeting
				for _, m := range tp.Meetings {
					if m.Startup != tp.Hotel.Guests[0] || m.Start.Day() != next {
						keep = append(keep, m)
					}
				}
				tp.Meetings = keep
				return
			}
			t.Fatal("the demo plan has no night away")
		}, "stays a night without a meeting the next day"},
		{"lunch on the train", func(p *schedule.Plan) {
			tp := &p.Trips[0]
			l := tp.Legs[0]
			tp.Lunches = append(tp.Lunches, schedule.LunchBreak{Startup: l.Travellers[0], Start: l.Depart, End: l.Depart.Add(45 * time.Minute)})
		}, "lunch at"},
		{"free hotel night", func(p *schedule.Plan) {
			for i := range p.Trips {
				if h := p.Trips[i].Hotel; h != nil {
					p.Trips[i].CO2Kg -= h.CO2Kg
					h.CO2Kg = 0
					return
				}
			}
		}, "the hotel's co2_kg"},
		{"emissions not shared out", func(p *schedule.Plan) {
			for s := range p.Trips[0].CO2KgByStartup {
				p.Trips[0].CO2KgByStartup[s] = 0
			}
		}, "co2_kg_by_startup"},
		{"a trip dropped silently", func(p *schedule.Plan) {
			p.Trips = p.Trips[1:]
		}, "neither planned nor listed as impossible"},
		{"a later train home than needed", func(p *schedule.Plan) {
			// T3 goes home on the 12:00 train; claim the 16:05 one.
			for i := range p.Trips {
				tp := &p.Trips[i]
				if tp.ID != "T3" {
					continue
				}
				for j, l := range tp.Legs {
					if l.Service != "" && l.Depart.Day() == 24 {
						tp.Legs[j].Depart = l.Depart.Add(4 * time.Hour)
						tp.Legs[j].Arrive = l.Arrive.Add(4 * time.Hour)
					}
				}
			}
		}, "waits for the"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := clonePlan(t, good)
			tc.mutate(p)
			err := prog.Check(p)
			if err == nil {
				t.Fatal("Check found nothing")
			}
			if !errors.Is(err, schedule.ErrBroken) {
				t.Errorf("error %v does not wrap ErrBroken", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %q, want a problem mentioning %q", err, tc.want)
			}
		})
	}
}

// clonePlan deep-copies a plan through JSON, keeping time zones.
func clonePlan(t *testing.T, p *schedule.Plan) *schedule.Plan {
	t.Helper()
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var out schedule.Plan
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}
