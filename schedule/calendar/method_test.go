package calendar_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/icalcheck"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/calendar"
)

// calEventBy returns the event of a calendar whose SUMMARY starts with prefix.
func calEventBy(t *testing.T, b []byte, prefix string) []string {
	t.Helper()
	for _, ev := range calEvents(b) {
		if strings.HasPrefix(calProp(ev, "SUMMARY"), prefix) {
			return ev
		}
	}
	t.Fatalf("no event %q in\n%s", prefix, b)
	return nil
}

func calLinesNamed(ev []string, name string) []string {
	var out []string
	for _, l := range ev {
		if calPropName(l) == name {
			out = append(out, l)
		}
	}
	return out
}

func TestRequestAsksMeetingsOnly(t *testing.T) {
	files := calRequests(t)
	icalcheck.Validate(t, files)
	s01 := files["S01.ics"]
	assert.Contains(t, calLogical(s01), "METHOD:REQUEST")
	meeting := calEventBy(t, s01, "Meeting: Fjällgård Health 🏔️ – Dr. Ola")
	assert.Equal(t, []string{
		"ATTENDEE;CN=Dr. Ola Nordmann MD;CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:ola@example.com",
		"ATTENDEE;CN=Åsa Lindqvist;CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:asa@example.org",
		"ATTENDEE;CN=Erik Nilsson;CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:erik@example.org",
	}, calLinesNamed(meeting, "ATTENDEE"))
	for _, prefix := range []string{"Train: Östersund C", "Walk: Trondheim S"} {
		for _, l := range calLinesNamed(calEventBy(t, s01, prefix), "ATTENDEE") {
			assert.NotContains(t, l, "RSVP", "%s: a travel leg asks for no answer", prefix)
		}
	}
	hotel := calEventBy(t, files["S02.ics"], "Hotel night")
	for _, l := range calLinesNamed(hotel, "ATTENDEE") {
		assert.NotContains(t, l, "RSVP", "a hotel night asks for no answer")
	}
}

func TestOrganizerIsTheHostCountrysCoordinator(t *testing.T) {
	d := calDirectory()
	d.Coordinators = map[string]schedule.Person{
		"SE": {Name: "Sven Svensson", Email: "sven@example.se"},
		"NO": {Name: "Nora Nordmann", Email: "nora@example.no"},
	}
	for id, s := range d.Startups {
		s.Country = "SE"
		d.Startups[id] = s
	}
	s04 := d.Startups["S04"]
	s04.Country = "NO"
	d.Startups["S04"] = s04
	for _, id := range []string{"stolav", "gloshaugen", "trondheim-s", "hotel-trd"} {
		pl := d.Places[id]
		pl.Country = "NO"
		d.Places[id] = pl
	}
	c05 := d.Contacts["C05"]
	c05.Country = "SE" // miun has no country: the contact's counts
	d.Contacts["C05"] = c05

	evs, err := calendar.Events(calFixture(), d, calOpts)
	require.NoError(t, err)
	got := map[string]string{}
	for _, e := range evs {
		got[e.Trip+" "+e.Summary] = e.Organizer.Email
	}
	tests := []struct{ summary, want string }{
		{"T1 Meeting: Fjällgård Health 🏔️ – Dr. Ola Nordmann, MD", "nora@example.no"}, // in Trondheim
		{"T3 Meeting: Nidaros Energi – Åsa Öberg", "sven@example.se"},                 // in Östersund
		{"T1 Train: Östersund C → Trondheim S", "sven@example.se"},                    // S01 is Swedish
		{"T3 Train: Trondheim S → Östersund C", "nora@example.no"},                    // S04 is Norwegian
		{"T2 Hotel night: Hotel near Trondheim S", "sven@example.se"},                 // S02's night
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, got[tc.summary], tc.summary)
	}

	// A country without a coordinator falls back to the single one.
	delete(d.Coordinators, "NO")
	evs, err = calendar.Events(calFixture(), d, calOpts)
	require.NoError(t, err)
	for _, e := range evs {
		if e.Trip+" "+e.Summary == tests[0].summary {
			assert.Equal(t, "kari@example.org", e.Organizer.Email)
		}
	}
	// One without an address is an error that names it.
	d.Coordinators["NO"] = schedule.Person{Name: "Nora"}
	_, err = calendar.Events(calFixture(), d, calOpts)
	var ce *calendar.Error
	require.ErrorAs(t, err, &ce)
	assert.ErrorIs(t, err, calendar.ErrNoOrganizer)
	assert.Equal(t, "coordinators.NO.email", ce.Field)
}

func TestStampZeroIsTheEpoch(t *testing.T) {
	files := calExport(t, calFixture(), calendar.Options{Zone: calStockholm})
	for _, ev := range calEvents(files["coordinator.ics"]) {
		require.Equal(t, "19700101T000000Z", calProp(ev, "DTSTAMP"))
	}
}

func TestCancelledKeptForOnePlan(t *testing.T) {
	const removed = "Meeting: Fjällgård Health 🏔️ – Line Brekke\\; PhD"
	drop := func() *schedule.Plan {
		p := calFixture()
		p.Trips[0].Meetings = p.Trips[0].Meetings[:1]
		return p
	}
	v0 := calExport(t, calFixture(), calOpts)
	next := calOpts
	next.Stamp = calOpts.Stamp.Add(24 * time.Hour)
	next.Previous = v0
	v1 := calExport(t, drop(), next)
	icalcheck.Validate(t, v1)
	for _, f := range []string{"coordinator.ics", "S01.ics", "C02.ics"} {
		ev := calEventBy(t, v1[f], removed)
		assert.Equal(t, "CANCELLED", calProp(ev, "STATUS"), f)
		assert.Equal(t, "1", calProp(ev, "SEQUENCE"), f)
		assert.Equal(t, "20270202T120000Z", calProp(ev, "DTSTAMP"), f)
		assert.NotContains(t, ev, "BEGIN:VALARM", "%s: a cancelled event reminds nobody", f)
		assert.Equal(t, "DTSTART;TZID=Europe/Oslo:20270309T124500", calLinesNamed(ev, "DTSTART")[0], f)
	}
	for _, f := range []string{"S02.ics", "C01.ics"} {
		assert.NotContains(t, string(v1[f]), "Line Brekke", "%s never had the meeting", f)
	}
	// C02 had only that meeting: its file stays, for one plan.
	assert.Len(t, calEvents(v1["C02.ics"]), 1)

	next.Previous = v1
	v2 := calExport(t, drop(), next)
	assert.NotContains(t, v2, "C02.ics", "the cancelled meeting is dropped after one plan")
	assert.NotContains(t, string(v2["coordinator.ics"]), "Line Brekke")
	assert.NotContains(t, string(v2["coordinator.ics"]), "CANCELLED")

	// Back again: the same UID, a SEQUENCE above the cancellation's.
	next.Previous = v1
	v3 := calExport(t, calFixture(), next)
	ev := calEventBy(t, v3["S01.ics"], removed)
	assert.Equal(t, "", calProp(ev, "STATUS"))
	assert.Equal(t, "2", calProp(ev, "SEQUENCE"))
}

func TestCancelFromAnEarlierRequest(t *testing.T) {
	evs, err := calendar.Events(calFixture(), calDirectory(), calOpts)
	require.NoError(t, err)
	var meeting *calendar.Event
	for _, e := range evs {
		if e.Kind == calendar.KindMeeting && e.Contact == "C02" {
			meeting = e
		}
	}
	require.NotNil(t, meeting)
	req, err := calendar.Calendar(calendar.Request, calOpts.Stamp, "", []calendar.Entry{{Event: meeting, Sequence: 2}})
	require.NoError(t, err)

	old, err := calendar.Cancelled(req, meeting.UID)
	require.NoError(t, err)
	assert.True(t, old.Start.Equal(meeting.Start))
	var want, got []string
	for _, a := range meeting.Attendees {
		want = append(want, a.Email)
	}
	for _, a := range old.Attendees {
		got = append(got, a.Email)
	}
	assert.Equal(t, want, got)
	cancel, err := calendar.Calendar(calendar.Cancel, calOpts.Stamp.Add(time.Hour), "", []calendar.Entry{{Event: old, Sequence: 3}})
	require.NoError(t, err)
	icalcheck.Validate(t, map[string][]byte{"cancel.ics": cancel})
	lines := calLogical(cancel)
	assert.Contains(t, lines, "METHOD:CANCEL")
	ev := calEvents(cancel)[0]
	assert.Equal(t, meeting.UID, calProp(ev, "UID"))
	assert.Equal(t, "3", calProp(ev, "SEQUENCE"))
	assert.Equal(t, "CANCELLED", calProp(ev, "STATUS"))
	assert.Equal(t, []string{
		"ATTENDEE;CN=Line Brekke PhD;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT:mailto:line@example.com",
		"ATTENDEE;CN=Åsa Lindqvist;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT:mailto:asa@example.org",
		"ATTENDEE;CN=Erik Nilsson;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT:mailto:erik@example.org",
	}, calLinesNamed(ev, "ATTENDEE"))
	assert.NotContains(t, ev, "BEGIN:VALARM")

	_, err = calendar.Cancelled(req, "nope@crossmeet")
	assert.True(t, errors.Is(err, calendar.ErrPreviousCalendar), "%v", err)
}
