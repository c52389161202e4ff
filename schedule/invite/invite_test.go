package invite_test

import (
	"context"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/icalcheck"
	"github.com/crossmeet/crossmeet/internal/mailtest"
	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/calendar"
	"github.com/crossmeet/crossmeet/schedule/invite"
)

var stamp = time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)

const from = "Programme <invite@example.org>"

func opts() invite.Options { return invite.Options{Stamp: stamp, From: "invite@example.org"} }

// parseEML reads a message with the standard library only.
func parseEML(t *testing.T, data []byte) (mail.Header, string, []mailtest.Part) {
	return mailtest.Parse(t, data)
}

func calendarLines(b []byte) []string { return mailtest.CalendarLines(b) }

func named(lines []string, name string) []string {
	var out []string
	for _, l := range lines {
		if i := strings.IndexAny(l, ";:"); i >= 0 && l[:i] == name {
			out = append(out, l)
		}
	}
	return out
}

func calAddresses(lines []string) []string {
	var out []string
	for _, l := range append(named(lines, "ATTENDEE"), named(lines, "ORGANIZER")...) {
		out = append(out, strings.ToLower(strings.TrimPrefix(l[strings.Index(l, "mailto:"):], "mailto:")))
	}
	sort.Strings(out)
	return out
}

func toAddresses(t *testing.T, h mail.Header, key string) []string {
	t.Helper()
	list, err := h.AddressList(key)
	require.NoError(t, err)
	var out []string
	for _, a := range list {
		out = append(out, strings.ToLower(a.Address))
	}
	sort.Strings(out)
	return out
}

// meetingPeople lists, from the programme itself, the addresses of a
// meeting's contact and the start-up's team.
func meetingPeople(prog *schedule.Program, m schedule.Meeting) []string {
	set := map[string]bool{}
	c, _ := prog.Contact(m.Contact)
	set[strings.ToLower(c.Email)] = true
	s, _ := prog.Startup(m.Startup)
	for _, p := range s.Team {
		if p.Email != "" {
			set[strings.ToLower(p.Email)] = true
		}
	}
	var out []string
	for a := range set {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

func recordAll(l *invite.Ledger, msgs []*invite.Message) {
	for _, m := range msgs {
		l.Record(m, stamp)
	}
}

func TestDemoInvitations(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	msgs, err := invite.Messages(prog, plan, nil, opts())
	require.NoError(t, err)

	var meetings []schedule.Meeting
	travelled := map[string]bool{}
	for _, tr := range plan.Trips {
		meetings = append(meetings, tr.Meetings...)
		for _, l := range tr.Legs {
			for _, s := range l.Travellers {
				travelled[s] = true
			}
		}
	}
	byKind := map[invite.Kind][]*invite.Message{}
	for _, m := range msgs {
		byKind[m.Kind] = append(byKind[m.Kind], m)
	}
	require.Len(t, byKind[invite.Invitation], len(meetings), "one invitation per meeting")
	require.Len(t, byKind[invite.Itinerary], len(travelled), "one itinerary per travelling start-up")
	require.Len(t, msgs, len(meetings)+len(travelled))

	cals := map[string][]byte{}
	for i, m := range msgs {
		eml, err := m.EML(from)
		require.NoError(t, err)
		h, shape, parts := parseEML(t, eml)
		require.Equal(t, "multipart/alternative(text/plain,text/calendar)", shape, m.Subject)
		assert.Equal(t, "<"+m.MessageID+">", h.Get("Message-Id"))
		assert.NotEmpty(t, h.Get("Date"))
		assert.Equal(t, "utf-8", strings.ToLower(parts[0].Params["charset"]))
		assert.Equal(t, string(m.Method), parts[1].Params["method"], "RFC 6047 2.4: the method parameter")
		lines := calendarLines(parts[1].Body)
		assert.Contains(t, lines, "METHOD:"+string(m.Method))
		cals[fmt.Sprintf("%03d.ics", i)] = parts[1].Body
		to := toAddresses(t, h, "To")
		text := string(parts[0].Body)
		assert.Contains(t, text, "kari@example.org", "the text says how to reach the coordinator")
		switch m.Kind {
		case invite.Invitation:
			mt := meetingOf(t, plan, m)
			want := meetingPeople(prog, mt)
			assert.Equal(t, want, to, "%s: To is the contact and the team", m.Subject)
			assert.Equal(t, 1, strings.Count(string(parts[1].Body), "BEGIN:VEVENT"), "one VEVENT per invitation")
			assert.Contains(t, string(parts[1].Body), "BEGIN:VTIMEZONE")
			att := named(lines, "ATTENDEE")
			assert.Len(t, att, len(want))
			for _, a := range att {
				assert.Contains(t, a, "RSVP=TRUE")
				assert.Contains(t, a, "PARTSTAT=NEEDS-ACTION")
			}
			assert.Equal(t, sortedCopy(append(append([]string(nil), want...), "kari@example.org")), calAddresses(lines),
				"%s: the calendar holds only the people of the meeting", m.Subject)
			c, _ := prog.Contact(mt.Contact)
			assert.Contains(t, text, c.Organization, "what the other side does")
			for _, r := range mt.Reasons {
				assert.Contains(t, text, strings.Join(strings.Fields(r), " "), "why")
			}
			assert.Len(t, named(lines, "TRIGGER"), 1, "a reminder")
		case invite.Itinerary:
			assert.Empty(t, named(lines, "ATTENDEE"), "an itinerary asks for no answer (RFC 5546 3.2.1)")
			assert.NotContains(t, string(parts[1].Body), "RSVP")
			for _, a := range calAddresses(lines) {
				assert.Equal(t, "kari@example.org", a, "only the organizer's address")
			}
		}
	}
	icalcheck.Validate(t, cals)

	// Nothing changed: nothing to send.
	l := invite.NewLedger()
	recordAll(l, msgs)
	again, err := invite.Messages(prog, plan, l, opts())
	require.NoError(t, err)
	assert.Empty(t, again, "an unchanged plan sends nothing")
}

// meetingOf finds the plan's meeting that an invitation is about, by
// what the ledger records of it.
func meetingOf(t *testing.T, plan *schedule.Plan, m *invite.Message) schedule.Meeting {
	t.Helper()
	l := invite.NewLedger()
	l.Record(m, stamp)
	se := l.Events[m.Key]
	require.NotNil(t, se)
	for _, tr := range plan.Trips {
		for _, mt := range tr.Meetings {
			if tr.ID == se.Trip && mt.Startup == se.Startup && mt.Contact == se.Contact {
				require.True(t, mt.Start.Equal(se.Start))
				return mt
			}
		}
	}
	t.Fatalf("no meeting for %s", m.Subject)
	return schedule.Meeting{}
}

func sortedCopy(xs []string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	return out
}

func TestLanguages(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	msgs, err := invite.Messages(prog, plan, nil, opts())
	require.NoError(t, err)
	words := map[string]string{"sv": "Ni är inbjudna", "no": "Dere er invitert", "en": "You are invited"}
	for _, m := range msgs {
		if m.Kind != invite.Invitation {
			continue
		}
		mt := meetingOf(t, plan, m)
		c, _ := prog.Contact(mt.Contact)
		s, _ := prog.Startup(mt.Startup)
		// The language must be one both sides list (or English).
		if m.Language != "en" {
			assert.Contains(t, c.Languages, m.Language, m.Subject)
			assert.Contains(t, s.Languages, m.Language, m.Subject)
		}
		assert.Contains(t, m.Text, words[m.Language])
	}
}

// move returns a copy of plan with one meeting shifted and another removed.
func changedPlan(t *testing.T, plan *schedule.Plan) (*schedule.Plan, schedule.Meeting, schedule.Meeting) {
	t.Helper()
	c := *plan
	c.Trips = append([]schedule.TripPlan(nil), plan.Trips...)
	t0 := &c.Trips[0]
	t0.Meetings = append([]schedule.Meeting(nil), t0.Meetings...)
	moved := &t0.Meetings[0]
	moved.Start, moved.End = moved.Start.Add(30*time.Minute), moved.End.Add(30*time.Minute)
	removed := t0.Meetings[1]
	t0.Meetings = append(t0.Meetings[:1], t0.Meetings[2:]...)
	return &c, *moved, removed
}

func TestReplanSendsOnlyTheDifference(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	l := invite.NewLedger()
	first, err := invite.Messages(prog, plan, l, opts())
	require.NoError(t, err)
	recordAll(l, first)
	uidOf := map[string]string{}
	for _, m := range first {
		if m.Kind == invite.Invitation {
			uidOf[m.Subject] = m.UIDs[0]
		}
	}

	next, moved, removed := changedPlan(t, plan)
	msgs, err := invite.Messages(prog, next, l, opts())
	require.NoError(t, err)
	require.Len(t, msgs, 2, "one update, one cancellation: %s", invite.Changes(msgs))

	up, cancel := msgs[0], msgs[1]
	assert.Equal(t, invite.Update, up.Kind)
	assert.Equal(t, 1, up.Sequence)
	assert.Equal(t, meetingPeople(prog, moved), addrs(up.To))
	lines := calendarLines(up.Calendar)
	assert.Contains(t, lines, "METHOD:REQUEST")
	assert.Contains(t, lines, "SEQUENCE:1")
	assert.Equal(t, l.Events[up.UIDs[0]].Startup, moved.Startup)
	assert.Equal(t, l.Events[up.UIDs[0]].Contact, moved.Contact, "the same UID")

	assert.Equal(t, invite.Cancellation, cancel.Kind)
	assert.Equal(t, meetingPeople(prog, removed), addrs(cancel.To))
	lines = calendarLines(cancel.Calendar)
	assert.Contains(t, lines, "METHOD:CANCEL")
	assert.Contains(t, lines, "STATUS:CANCELLED")
	assert.Contains(t, lines, "SEQUENCE:1")
	assert.Equal(t, l.Events[cancel.UIDs[0]].Contact, removed.Contact)
	assert.Len(t, named(lines, "ATTENDEE"), len(meetingPeople(prog, removed)))
	icalcheck.Validate(t, map[string][]byte{"update.ics": up.Calendar, "cancel.ics": cancel.Calendar})

	recordAll(l, msgs)
	again, err := invite.Messages(prog, next, l, opts())
	require.NoError(t, err)
	assert.Empty(t, again)

	// The removed meeting comes back: a new REQUEST above the CANCEL.
	back, err := invite.Messages(prog, plan, l, opts())
	require.NoError(t, err)
	require.Len(t, back, 2, invite.Changes(back))
	for _, m := range back {
		assert.Equal(t, calendar.Request, m.Method)
	}
	assert.Equal(t, invite.Invitation, back[1].Kind)
	assert.Equal(t, 2, back[1].Sequence)
}

func addrs(ps []schedule.Person) []string {
	var out []string
	for _, p := range ps {
		out = append(out, strings.ToLower(p.Email))
	}
	sort.Strings(out)
	return out
}

func TestRemovedTeamMemberIsUninvited(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	l := invite.NewLedger()
	first, err := invite.Messages(prog, plan, l, opts())
	require.NoError(t, err)
	recordAll(l, first)

	s, _ := prog.Startup(plan.Trips[0].Startups[0])
	require.GreaterOrEqual(t, len(s.Team), 2)
	gone := strings.ToLower(s.Team[1].Email)
	s.Team = s.Team[:1]
	msgs, err := invite.Messages(prog, plan, l, opts())
	require.NoError(t, err)
	var uninvites, updates, itineraries int
	for _, m := range msgs {
		switch m.Kind {
		case invite.Cancellation:
			uninvites++
			assert.Equal(t, []string{gone}, addrs(m.To))
			lines := calendarLines(m.Calendar)
			assert.NotContains(t, lines, "STATUS:CANCELLED", "the meeting goes on for the others (RFC 5546 3.2.5)")
			assert.Len(t, named(lines, "ATTENDEE"), 1)
		case invite.Update:
			updates++
			assert.NotContains(t, addrs(m.To), gone)
		case invite.Itinerary:
			itineraries++
			assert.NotContains(t, addrs(m.To), gone)
		}
	}
	assert.Equal(t, len(plan.Trips[0].Meetings), uninvites)
	assert.Equal(t, len(plan.Trips[0].Meetings), updates)
	assert.Equal(t, 1, itineraries, "the itinerary goes to the team as it is now")
}

func TestItineraryChanges(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	l := invite.NewLedger()
	first, err := invite.Messages(prog, plan, l, opts())
	require.NoError(t, err)
	recordAll(l, first)

	c := *plan
	c.Trips = append([]schedule.TripPlan(nil), plan.Trips...)
	tr := &c.Trips[0]
	tr.Legs = append([]schedule.Leg(nil), tr.Legs...)
	tr.Legs[0].Depart = tr.Legs[0].Depart.Add(-10 * time.Minute)
	dropped := tr.Legs[1]
	tr.Legs = append(tr.Legs[:1], tr.Legs[2:]...)
	msgs, err := invite.Messages(prog, &c, l, opts())
	require.NoError(t, err)
	require.Len(t, msgs, 1, invite.Changes(msgs))
	m := msgs[0]
	assert.Equal(t, invite.Itinerary, m.Kind)
	s, _ := prog.Startup(dropped.Travellers[0])
	var team []string
	for _, p := range s.Team {
		team = append(team, strings.ToLower(p.Email))
	}
	sort.Strings(team)
	assert.Equal(t, team, addrs(m.To))
	icalcheck.Validate(t, map[string][]byte{"itinerary.ics": m.Calendar})
	body := string(m.Calendar)
	assert.Equal(t, 1, strings.Count(body, "STATUS:CANCELLED"), "the dropped leg is marked cancelled")
	assert.Equal(t, 2, strings.Count(body, "SEQUENCE:1\r\n"), "the moved and the dropped leg have SEQUENCE 1")
}

func TestDeliverResumesWithoutDuplicates(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	dir := t.TempDir()
	l, err := invite.LoadLedger(dir)
	require.NoError(t, err)
	msgs, err := invite.Messages(prog, plan, l, opts())
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	s := &fakeSender{cancelAfter: 7, cancel: cancel}
	save := func(l *invite.Ledger) error { return l.Save(dir) }
	now := func() time.Time { return stamp }
	n, err := invite.Deliver(ctx, msgs, s, l, save, now)
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, 7, n)

	// A new run reads the ledger from disk, as the CLI does.
	l2, err := invite.LoadLedger(dir)
	require.NoError(t, err)
	rest, err := invite.Messages(prog, plan, l2, opts())
	require.NoError(t, err)
	require.Len(t, rest, len(msgs)-7)
	n, err = invite.Deliver(context.Background(), rest, s, l2, save, now)
	require.NoError(t, err)
	require.Equal(t, len(msgs)-7, n)

	seen := map[string]bool{}
	for _, id := range s.sent {
		assert.False(t, seen[id], "message %s sent twice", id)
		seen[id] = true
	}
	assert.Len(t, seen, len(msgs))
	l3, err := invite.LoadLedger(dir)
	require.NoError(t, err)
	none, err := invite.Messages(prog, plan, l3, opts())
	require.NoError(t, err)
	assert.Empty(t, none)
	tmp, _ := filepath.Glob(filepath.Join(dir, ".*tmp"))
	assert.Empty(t, tmp, "no temporary ledger left behind")
}

type fakeSender struct {
	sent        []string
	cancelAfter int
	cancel      func()
}

func (f *fakeSender) Send(ctx context.Context, m *invite.Message) error {
	f.sent = append(f.sent, m.MessageID)
	if len(f.sent) == f.cancelAfter {
		f.cancel()
	}
	return nil
}

func TestLedgerErrors(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, invite.LedgerFile), []byte(`{"version": 1, "events": [`), 0o644))
	_, err := invite.LoadLedger(dir)
	require.ErrorIs(t, err, invite.ErrLedger)
	assert.Contains(t, err.Error(), invite.LedgerFile)
	require.NoError(t, os.WriteFile(filepath.Join(dir, invite.LedgerFile), []byte(`{"version": 9}`), 0o644))
	_, err = invite.LoadLedger(dir)
	require.ErrorIs(t, err, invite.ErrLedger)
}

func TestHeadersCannotBeInjected(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	s, _ := prog.Startup(plan.Trips[0].Startups[0])
	s.Team[0].Name = "Maja\r\nBcc: evil@example.com"
	s.Name = "Evil AB\r\nX-Injected: yes"
	msgs, err := invite.Messages(prog, plan, nil, opts())
	require.NoError(t, err)
	for _, m := range msgs {
		eml, err := m.EML(from)
		require.NoError(t, err)
		h, _, _ := parseEML(t, eml)
		assert.Empty(t, h.Get("Bcc"), m.Subject)
		assert.Empty(t, h.Get("X-Injected"), m.Subject)
		assert.NotContains(t, string(eml), "\r\nBcc:")
	}
}

func TestContactWithoutAddressGetsNoMessage(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	l := invite.NewLedger()
	first, err := invite.Messages(prog, plan, l, opts())
	require.NoError(t, err)
	recordAll(l, first)
	// Everybody of the first meeting loses their address: those who had
	// the invitation are told it is withdrawn.
	mt := plan.Trips[0].Meetings[0]
	c, _ := prog.Contact(mt.Contact)
	s, _ := prog.Startup(mt.Startup)
	had := meetingPeople(prog, mt)
	c.Email = ""
	for i := range s.Team {
		s.Team[i].Email = ""
	}
	msgs, err := invite.Messages(prog, plan, l, opts())
	require.NoError(t, err)
	var cancels int
	for _, m := range msgs {
		require.NotEmpty(t, m.To, "%s: a message to nobody", m.Subject)
		if m.Kind == invite.Cancellation && m.Sequence == 1 && len(m.To) == len(had) {
			assert.Equal(t, had, addrs(m.To))
			cancels++
		}
	}
	assert.Equal(t, 1, cancels, invite.Changes(msgs))
}

// places.csv's address column reaches the people invited: in the text
// under "where" and in the calendar's LOCATION.
func TestInvitationGivesTheAddress(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	mt := plan.Trips[0].Meetings[0]
	const address = "Kongens gate 1, 7011 Trondheim"
	found := false
	for i := range prog.Places {
		if prog.Places[i].ID == mt.Place {
			prog.Places[i].Address = address
			found = true
		}
	}
	require.True(t, found, "meeting place %s is not in places.csv", mt.Place)
	msgs, err := invite.Messages(prog, plan, nil, opts())
	require.NoError(t, err)
	n := 0
	for _, m := range msgs {
		if m.Kind != invite.Invitation {
			continue
		}
		for _, l := range named(calendarLines(m.Calendar), "LOCATION") {
			if strings.Contains(l, `Kongens gate 1\, 7011 Trondheim`) {
				n++
				assert.Contains(t, m.Text, address, m.Subject)
			}
		}
	}
	assert.Positive(t, n, "no invitation carries the address")
}
