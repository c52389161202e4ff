package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
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
)

// A received message, read with the standard library only.
type received struct {
	to      []string // lower case, sorted
	shape   string   // e.g. multipart/alternative(text/plain,text/calendar)
	method  string   // the text/calendar part's method parameter
	text    string
	cal     []byte
	lines   []string // the calendar's unfolded lines
	start   int64    // the first VEVENT's DTSTART, as ical.js reads it
	uid     string
	seq     string
	status  string
	invited []string // ATTENDEE addresses, sorted
	others  []string // every other mailto: address of the calendar
	events  int
}

func readReceived(t *testing.T, raw []byte) received {
	t.Helper()
	header, shape, parts := mailtest.Parse(t, raw)
	var r received
	list, err := header.AddressList("To")
	require.NoError(t, err)
	for _, a := range list {
		r.to = append(r.to, strings.ToLower(a.Address))
	}
	sort.Strings(r.to)
	require.Empty(t, header.Get("Cc"))
	require.Empty(t, header.Get("Bcc"))
	for _, p := range parts {
		switch p.MediaType {
		case "text/plain":
			r.text = string(p.Body)
		case "text/calendar":
			r.cal, r.method = p.Body, p.Params["method"]
		}
	}
	r.shape = shape
	for _, l := range mailtest.CalendarLines(r.cal) {
		r.lines = append(r.lines, l)
		name := l
		if i := strings.IndexAny(l, ";:"); i >= 0 {
			name = l[:i]
		}
		val := l[strings.IndexByte(l, ':')+1:]
		switch {
		case l == "BEGIN:VEVENT":
			r.events++
		case r.events == 1 && name == "UID":
			r.uid = val
		case r.events == 1 && name == "SEQUENCE":
			r.seq = val
		case r.events == 1 && name == "STATUS":
			r.status = val
		}
		if i := strings.Index(l, ":mailto:"); i >= 0 {
			addr := strings.ToLower(l[i+len(":mailto:"):])
			if name == "ATTENDEE" {
				r.invited = append(r.invited, addr)
			} else {
				r.others = append(r.others, addr)
			}
		}
	}
	sort.Strings(r.invited)
	return r
}

// readAll reads messages and has ical.js parse every calendar part, in
// one run: each message's start is its first VEVENT's DTSTART as ical.js
// resolves it.
func readAll(t *testing.T, raws [][]byte) []received {
	t.Helper()
	out := make([]received, len(raws))
	files := map[string][]byte{}
	for i, raw := range raws {
		out[i] = readReceived(t, raw)
		files[fmt.Sprintf("m%04d.ics", i)] = out[i].cal
	}
	evs, err := icalcheck.Files(files)
	require.NoError(t, err, "ical.js rejects a calendar part")
	seen := map[string]bool{}
	for _, e := range evs {
		if seen[e.File] {
			continue
		}
		seen[e.File] = true
		var i int
		_, err := fmt.Sscanf(e.File, "m%04d.ics", &i)
		require.NoError(t, err)
		require.NotNil(t, e.Start, e.File)
		out[i].start = *e.Start
	}
	require.Len(t, seen, len(raws), "every calendar part has an event")
	return out
}

func raws(msgs []mpMessage) [][]byte {
	var out [][]byte
	for _, m := range msgs {
		out = append(out, m.Raw)
	}
	return out
}

func readPlanJSON(t *testing.T, out string) *schedule.Plan {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "plan.json"))
	require.NoError(t, err)
	var p schedule.Plan
	require.NoError(t, json.Unmarshal(data, &p))
	return &p
}

// people lists, from the programme, a meeting's contact and team.
func people(prog *schedule.Program, startup, contact string) []string {
	var out []string
	if c, ok := prog.Contact(contact); ok {
		out = append(out, strings.ToLower(c.Email))
	}
	out = append(out, team(prog, startup)...)
	sort.Strings(out)
	return out
}

func team(prog *schedule.Program, startup string) []string {
	var out []string
	if s, ok := prog.Startup(startup); ok {
		for _, p := range s.Team {
			if p.Email != "" {
				out = append(out, strings.ToLower(p.Email))
			}
		}
	}
	sort.Strings(out)
	return out
}

// itineraries gives each start-up's legs and hotel nights in a plan, as JSON: two
// plans give the start-up the same itinerary when these are equal.
func itineraries(p *schedule.Plan) map[string]string {
	out := map[string]string{}
	for _, tr := range p.Trips {
		for _, s := range tr.Startups {
			var legs []schedule.Leg
			for _, l := range tr.Legs {
				for _, x := range l.Travellers {
					if x == s {
						legs = append(legs, l)
					}
				}
			}
			b, _ := json.Marshal(struct {
				Legs  []schedule.Leg
				Hotel *schedule.Hotel
			}{legs, tr.Hotel})
			out[s] += string(b)
		}
	}
	return out
}

type meetingKey struct{ trip, startup, contact string }

func meetings(p *schedule.Plan) map[meetingKey]schedule.Meeting {
	out := map[meetingKey]schedule.Meeting{}
	for _, tr := range p.Trips {
		for _, m := range tr.Meetings {
			out[meetingKey{tr.ID, m.Startup, m.Contact}] = m
		}
	}
	return out
}

// outcome is what one message did, as the test can tell from outside.
func outcome(method string, to []string, start int64) string {
	if method == "PUBLISH" {
		return "PUBLISH " + strings.Join(to, ",")
	}
	return fmt.Sprintf("%s %s @%d", method, strings.Join(to, ","), start)
}

// expectedChanges lists what must be sent when planA becomes planB,
// from the two plans alone: a CANCEL for each meeting that went, a
// REQUEST for each that came or changed, an itinerary for each start-up
// whose journeys changed.
func expectedChanges(prog *schedule.Program, planA, planB *schedule.Plan) map[string]int {
	want := map[string]int{}
	a, b := meetings(planA), meetings(planB)
	for k, m := range a {
		n, ok := b[k]
		switch {
		case !ok:
			want[outcome("CANCEL", people(prog, k.startup, k.contact), m.Start.Unix())]++
		case !n.Start.Equal(m.Start) || !n.End.Equal(m.End) || n.Place != m.Place || !reflect.DeepEqual(n.Reasons, m.Reasons):
			want[outcome("REQUEST", people(prog, k.startup, k.contact), n.Start.Unix())]++
		}
	}
	for k, n := range b {
		if _, ok := a[k]; !ok {
			want[outcome("REQUEST", people(prog, k.startup, k.contact), n.Start.Unix())]++
		}
	}
	ta, tb := itineraries(planA), itineraries(planB)
	for s := range ta {
		if ta[s] != tb[s] {
			want[outcome("PUBLISH", team(prog, s), 0)]++
		}
	}
	for s := range tb {
		if _, ok := ta[s]; !ok {
			want[outcome("PUBLISH", team(prog, s), 0)]++
		}
	}
	return want
}

// plannedForMail starts Mailpit, writes the demo programme sending to
// it, and plans it into a fresh output folder: the start of every test
// that sends. args are --program and --out for the commands.
func plannedForMail(t *testing.T) (mp *mailpit, progDir, out string, args []string) {
	t.Helper()
	mp = startMailpit(t)
	t.Setenv("CROSSMEET_TEST_SMTP_PASSWORD", "not-a-secret")
	t.Setenv("SOURCE_DATE_EPOCH", "1798761600")
	progDir = mailProgram(t, mp.smtp)
	out = t.TempDir()
	args = []string{"--program", progDir, "--out", out}
	mustRun(t, append([]string{"plan"}, args...)...)
	return mp, progDir, out, args
}

func TestSendDemoToMailpit(t *testing.T) {
	mp, progDir, out, args := plannedForMail(t)
	prog := programtest.Load(t, os.DirFS(progDir))
	planA := readPlanJSON(t, out)

	// What the plan asks for, from the plan and the programme alone.
	want := map[string]int{}
	for _, m := range meetings(planA) {
		want[outcome("REQUEST", people(prog, m.Startup, m.Contact), m.Start.Unix())]++
	}
	for s := range itineraries(planA) {
		want[outcome("PUBLISH", team(prog, s), 0)]++
	}
	total := 0
	for _, n := range want {
		total += n
	}

	// Drafts: one .eml per message, nothing sent, no ledger.
	drafts := t.TempDir()
	mustRun(t, append([]string{"send", "--drafts", drafts}, args...)...)
	emls, _ := filepath.Glob(filepath.Join(drafts, "*.eml"))
	require.Len(t, emls, total)
	assert.Equal(t, 0, mp.count(t))
	_, err := os.Stat(filepath.Join(out, "ledger.json"))
	assert.True(t, os.IsNotExist(err), "drafts do not touch the ledger")
	var draftRaw [][]byte
	for _, path := range emls {
		raw, err := os.ReadFile(path)
		require.NoError(t, err)
		draftRaw = append(draftRaw, raw)
	}
	draftGot := outcomes(t, draftRaw)
	assert.Equal(t, want, draftGot, "the drafts")

	// Send: every message arrives, each as the plan says.
	mustRun(t, append([]string{"send"}, args...)...)
	msgs := mp.messages(t)
	require.Len(t, msgs, total)
	got := map[string]int{}
	uidOf := map[string]string{} // "people" -> UID
	ids := map[string]bool{}
	for i, r := range readAll(t, raws(msgs)) {
		m := msgs[i]
		require.Equal(t, "multipart/alternative(text/plain,text/calendar)", r.shape, m.Subject)
		require.Contains(t, r.lines, "METHOD:"+r.method, "RFC 6047: the method parameter matches METHOD")
		got[outcome(r.method, r.to, r.start)]++
		assert.False(t, ids[m.MessageID], "Message-ID %s twice", m.MessageID)
		ids[m.MessageID] = true
		for _, a := range r.others {
			assert.Equal(t, "kari@example.org", a, "%s: the only other address is the organizer's", m.Subject)
		}
		assert.Contains(t, r.text, "kari@example.org", "%s: how to reach the coordinator", m.Subject)
		switch r.method {
		case "REQUEST":
			assert.Equal(t, r.to, r.invited, "%s: the attendees are the recipients", m.Subject)
			assert.Equal(t, 1, r.events, "one VEVENT per invitation")
			assert.Equal(t, "0", r.seq)
			for _, l := range r.lines {
				if strings.HasPrefix(l, "ATTENDEE") {
					assert.Contains(t, l, "RSVP=TRUE")
				}
			}
			uidOf[strings.Join(r.to, ",")] = r.uid
		case "PUBLISH":
			assert.Empty(t, r.invited, "an itinerary has no ATTENDEE")
		default:
			t.Errorf("%s: method %q", m.Subject, r.method)
		}
	}
	assert.Equal(t, want, got, "what Mailpit received")

	// Again, without a change: nothing.
	stdout := mustRun(t, append([]string{"send"}, args...)...)
	assert.Contains(t, stdout, "nothing to send")
	assert.Equal(t, total, mp.count(t))

	// One contact becomes unavailable for the whole programme.
	gone := planA.Trips[0].Meetings[0].Contact
	busy := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:away@test\r\nDTSTAMP:20270101T000000Z\r\n" +
		"DTSTART;VALUE=DATE:20270301\r\nDTEND;VALUE=DATE:20270501\r\nSUMMARY:away\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	require.NoError(t, os.MkdirAll(filepath.Join(progDir, "availability"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(progDir, "availability", gone+".ics"), []byte(busy), 0o644))
	mp.clear(t)
	stdout = mustRun(t, append([]string{"plan"}, args...)...)
	assert.Contains(t, stdout, "to be told (changes.txt)")
	changes, err := os.ReadFile(filepath.Join(out, "changes.txt"))
	require.NoError(t, err)
	planB := readPlanJSON(t, out)
	for k := range meetings(planB) {
		require.NotEqual(t, gone, k.contact, "the unavailable contact has no meeting")
	}

	// Exactly the difference, computed from the two plans.
	want = expectedChanges(prog, planA, planB)
	t.Logf("after the re-plan: %d messages expected", len(want))
	require.NotEmpty(t, want)
	c, _ := prog.Contact(gone)
	assert.Contains(t, string(changes), strings.ToLower(c.Email), "changes.txt names who must be told")

	mustRun(t, append([]string{"send"}, args...)...)
	got = map[string]int{}
	for _, r := range readAll(t, raws(mp.messages(t))) {
		got[outcome(r.method, r.to, r.start)]++
		switch r.method {
		case "CANCEL":
			assert.Equal(t, "CANCELLED", r.status)
			assert.Equal(t, "1", r.seq)
			assert.Equal(t, uidOf[strings.Join(r.to, ",")], r.uid, "a cancellation names the UID it cancels")
			assert.Equal(t, r.to, r.invited)
		case "REQUEST":
			if uid, ok := uidOf[strings.Join(r.to, ",")]; ok {
				assert.Equal(t, uid, r.uid, "a moved meeting keeps its UID")
				assert.Equal(t, "1", r.seq, "and gets a higher SEQUENCE")
			} else {
				assert.Equal(t, "0", r.seq)
			}
			assert.NotContains(t, r.to, strings.ToLower(c.Email))
		}
	}
	assert.Equal(t, want, got, "exactly the affected people are told, nobody else")

	stdout = mustRun(t, append([]string{"send"}, args...)...)
	assert.Contains(t, stdout, "nothing to send")

	// status lists the meetings and their (missing) answers.
	stdout = mustRun(t, "status", "--out", out)
	assert.Contains(t, stdout, "cancelled")
	assert.Contains(t, stdout, "waiting")
}

// An interrupted send, started again, sends the rest and nothing
// twice: stopped by Ctrl-C (it finishes the message under way and says
// so) or killed outright between two messages (the ledger is saved after
// each one).
func TestSendInterruptedResumes(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "crossmeet")
	build := exec.Command("go", "build", "-o", bin, ".")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	for _, tc := range []struct {
		name string
		sig  os.Signal
	}{{"interrupted", os.Interrupt}, {"killed", os.Kill}} {
		t.Run(tc.name, func(t *testing.T) {
			mp, _, _, args := plannedForMail(t)
			dry := mustRun(t, append([]string{"send", "--dry-run"}, args...)...)
			var total int
			_, err := fmt.Sscanf(dry[strings.LastIndex(strings.TrimSpace(dry), "\n")+1:], "%d messages", &total)
			require.NoError(t, err, dry)
			require.Greater(t, total, 20)

			var stderr bytes.Buffer
			cmd := exec.Command(bin, append([]string{"send", "--pause", "200ms"}, args...)...)
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			deadline := time.Now().Add(60 * time.Second)
			for mp.count(t) < 10 {
				select {
				case err := <-done:
					t.Fatalf("send ended before it was interrupted: %v\n%s", err, stderr.String())
				default:
				}
				require.True(t, time.Now().Before(deadline), "send did not get going: %s", stderr.String())
				time.Sleep(20 * time.Millisecond)
			}
			// In the pause after a message, not while one is on the wire.
			time.Sleep(80 * time.Millisecond)
			require.NoError(t, cmd.Process.Signal(tc.sig))
			err = <-done
			require.Error(t, err, "an interrupted send exits with an error")
			if tc.sig == os.Interrupt {
				assert.Contains(t, stderr.String(), "interrupted after")
			}
			half := mp.count(t)
			require.Less(t, half, total, "the send was interrupted half-way")

			mustRun(t, append([]string{"send"}, args...)...)
			msgs := mp.messages(t)
			ids := map[string]int{}
			for _, m := range msgs {
				ids[m.MessageID]++
			}
			for id, n := range ids {
				assert.Equal(t, 1, n, "Message-ID %s arrived %d times", id, n)
			}
			assert.Len(t, msgs, total, "the resumed run sent the rest, nothing twice")
			assert.Contains(t, mustRun(t, append([]string{"send"}, args...)...), "nothing to send")
		})
	}
}

// declineEML is a REPLY as a calendar client sends it when its user
// declines (RFC 6047, RFC 5546 3.2.3), written here by hand.
func declineEML(uid, who string) []byte { return replyEML(uid, who, "DECLINED") }

func replyEML(uid, who, partstat string) []byte {
	ics := strings.Join([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Client//EN", "METHOD:REPLY",
		"BEGIN:VEVENT", "UID:" + uid, "SEQUENCE:0", "DTSTAMP:20270202T100000Z", "ORGANIZER:mailto:kari@example.org",
		"ATTENDEE;PARTSTAT=" + partstat + ":mailto:" + who, "END:VEVENT", "END:VCALENDAR", ""}, "\r\n")
	return []byte(strings.Join([]string{"From: " + who, "To: kari@example.org", "Subject: Declined: Meeting",
		"MIME-Version: 1.0", `Content-Type: multipart/alternative; boundary="b"`, "",
		"--b", "Content-Type: text/plain; charset=utf-8", "", "Sorry, I cannot.", "",
		"--b", "Content-Type: text/calendar; method=REPLY; charset=utf-8", "Content-Transfer-Encoding: base64", "",
		base64.StdEncoding.EncodeToString([]byte(ics)), "--b--", ""}, "\r\n"))
}

func TestDeclinedReplyReplans(t *testing.T) {
	mp, progDir, out, args := plannedForMail(t)
	prog := programtest.Load(t, os.DirFS(progDir))
	planA := readPlanJSON(t, out)
	mustRun(t, append([]string{"send"}, args...)...)

	// The contact of one meeting declines it; everybody of every other
	// meeting accepts theirs, each answer an .eml file as a mail client
	// would save it.
	declined := planA.Trips[1].Meetings[0]
	c, _ := prog.Contact(declined.Contact)
	uids := map[string]string{}
	for _, r := range readAll(t, raws(mp.messages(t))) {
		if r.method == "REQUEST" {
			uids[strings.Join(r.to, ",")] = r.uid
		}
	}
	answers := t.TempDir()
	write := func(name string, data []byte) {
		require.NoError(t, os.WriteFile(filepath.Join(answers, name), data, 0o644))
	}
	n := 0
	accepted := map[meetingKey]schedule.Meeting{}
	for k, m := range meetings(planA) {
		who := people(prog, m.Startup, m.Contact)
		uid := uids[strings.Join(who, ",")]
		require.NotEmpty(t, uid, "no invitation for %v", k)
		if m.Startup == declined.Startup && m.Contact == declined.Contact {
			write("declined.eml", declineEML(uid, c.Email))
			n++
			continue
		}
		accepted[k] = m
		for _, addr := range who {
			write(fmt.Sprintf("accepted-%d.eml", n), replyEML(uid, addr, "ACCEPTED"))
			n++
		}
	}
	stdout := mustRun(t, "replies", "--out", out, answers)
	assert.Contains(t, stdout, fmt.Sprintf("recorded %d answers", n))
	stdout = mustRun(t, "status", "--out", out)
	assert.Regexp(t, strings.ToLower(c.Email)+` +declined`, stdout)
	assert.Contains(t, stdout, fmt.Sprintf("%d accepted, 0 tentative, 1 declined, %d waiting", n-1, len(people(prog, declined.Startup, declined.Contact))-1))

	mp.clear(t)
	mustRun(t, append([]string{"plan"}, args...)...)
	planB := readPlanJSON(t, out)
	assert.Empty(t, planB.LocksNotHeld)
	got := meetings(planB)
	for k := range got {
		assert.False(t, k.startup == declined.Startup && k.contact == declined.Contact, "the declined pair is proposed again")
	}
	for k, m := range accepted {
		n, ok := got[k]
		if assert.True(t, ok, "accepted %v is gone", k) {
			assert.True(t, n.Start.Equal(m.Start) && n.End.Equal(m.End) && n.Place == m.Place,
				"accepted %v moved: %s at %s, now %s at %s", k, m.Start, m.Place, n.Start, n.Place)
		}
	}
	text, err := os.ReadFile(filepath.Join(out, "plan.txt"))
	require.NoError(t, err)
	var one meetingKey
	for k := range accepted {
		one = k
		break
	}
	assert.Regexp(t, regexp.QuoteMeta(people(prog, one.startup, one.contact)[0])+` +(accepted|tackat ja|takket ja)\n`, string(text), "plan.txt shows the answers")
	want := expectedChanges(prog, planA, planB)
	require.Contains(t, want, outcome("CANCEL", people(prog, declined.Startup, declined.Contact), declined.Start.Unix()))
	mustRun(t, append([]string{"send"}, args...)...)
	got2 := outcomes(t, raws(mp.messages(t)))
	assert.Equal(t, want, got2, "send cancels and re-invites exactly what moved")
}

func TestSendNeverFallsBackToPlainText(t *testing.T) {
	mp := startMailpit(t) // offers no STARTTLS
	t.Setenv("CROSSMEET_TEST_SMTP_PASSWORD", "not-a-secret")
	t.Setenv("SOURCE_DATE_EPOCH", "1798761600")
	progDir := mailProgram(t, mp.smtp)
	y, err := os.ReadFile(filepath.Join(progDir, "program.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(progDir, "program.yaml"), bytes.Replace(y, []byte("tls: none"), []byte("tls: starttls"), 1), 0o644))
	out := t.TempDir()
	args := []string{"--program", progDir, "--out", out}
	mustRun(t, append([]string{"plan"}, args...)...)
	code, stdout, stderr := runCLI(t, append([]string{"send"}, args...)...)
	assert.Equal(t, 1, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Contains(t, stderr, "STARTTLS")
	assert.Equal(t, 0, mp.count(t), "nothing goes out in the clear when STARTTLS was asked for")
	_, err = os.Stat(filepath.Join(out, "ledger.json"))
	assert.True(t, os.IsNotExist(err), "nothing recorded as sent")
}

// outcomes counts the messages by what they do to whom: method, the
// recipients and the meeting's start.
func outcomes(t *testing.T, raw [][]byte) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, r := range readAll(t, raw) {
		out[outcome(r.method, r.to, r.start)]++
	}
	return out
}
