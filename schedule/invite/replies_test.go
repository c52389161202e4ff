package invite_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule/invite"
)

// replyICS is a REPLY as a calendar client writes it (RFC 5546 3.2.3):
// one VEVENT, the answering ATTENDEE only.
func replyICS(uid string, seq int, who, partstat, dtstamp string) string {
	return strings.Join([]string{
		"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Client//EN", "METHOD:REPLY",
		"BEGIN:VEVENT", "UID:" + uid, fmt.Sprintf("SEQUENCE:%d", seq), "DTSTAMP:" + dtstamp,
		"DTSTART:20270309T090500Z", "ORGANIZER:mailto:kari@example.org",
		"ATTENDEE;PARTSTAT=" + partstat + ";CN=Someone:mailto:" + who,
		"END:VEVENT", "END:VCALENDAR", "",
	}, "\r\n")
}

// replyEML wraps a REPLY in a message as Outlook sends one:
// multipart/alternative, the calendar part base64-encoded.
func replyEML(who, ics string) string {
	b64 := base64.StdEncoding.EncodeToString([]byte(ics))
	var lines []string
	for len(b64) > 76 {
		lines, b64 = append(lines, b64[:76]), b64[76:]
	}
	lines = append(lines, b64)
	return strings.Join([]string{
		"From: " + who, "To: kari@example.org", "Subject: Accepted: Meeting",
		"MIME-Version: 1.0", `Content-Type: multipart/alternative; boundary="b1"`, "",
		"--b1", "Content-Type: text/plain; charset=utf-8", "", "I will come.", "",
		"--b1", `Content-Type: text/calendar; charset="utf-8"; method=REPLY`, "Content-Transfer-Encoding: base64", "",
		strings.Join(lines, "\r\n"), "--b1--", "",
	}, "\r\n")
}

func TestReplies(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	l := invite.NewLedger()
	msgs, err := invite.Messages(prog, plan, l, opts())
	require.NoError(t, err)
	recordAll(l, msgs)
	m := msgs[0]
	se := l.Events[m.Key]
	contact := se.ContactAddresses[0]
	var team []string
	for _, a := range se.Recipients {
		if a != contact {
			team = append(team, a)
		}
	}
	require.NotEmpty(t, team)

	// One .eml: the contact declines.
	rs, err := invite.ReadReplies("decline.eml", []byte(replyEML(contact, replyICS(m.Key, 0, contact, "DECLINED", "20270202T100000Z"))))
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, invite.Reply{UID: m.Key, Attendee: contact, PartStat: "DECLINED", Sequence: 0,
		Stamp: rs[0].Stamp, Source: "decline.eml"}, rs[0])
	assert.Empty(t, l.RecordReply(rs[0]))
	assert.Equal(t, [][2]string{{se.Startup, se.Contact}}, l.Declined())

	// An mbox of two messages, then an .ics file.
	mbox := "From a@x Thu Feb  4 10:00:00 2027\r\n" + replyEML(team[0], replyICS(m.Key, 0, team[0], "ACCEPTED", "20270202T110000Z")) +
		"\r\nFrom b@x Thu Feb  4 10:01:00 2027\r\n" + replyEML("x@example.org", replyICS("unknown@crossmeet", 0, "x@example.org", "ACCEPTED", "20270202T110000Z"))
	rs, err = invite.ReadReplies("inbox.mbox", []byte(mbox))
	require.NoError(t, err)
	require.Len(t, rs, 2)
	assert.Equal(t, "inbox.mbox: message 1", rs[0].Source)
	assert.Empty(t, l.RecordReply(rs[0]))
	assert.Contains(t, l.RecordReply(rs[1]), "never sent")

	rs, err = invite.ReadReplies("tentative.ics", []byte(replyICS(m.Key, 0, "stranger@example.org", "TENTATIVE", "20270202T120000Z")))
	require.NoError(t, err)
	assert.Contains(t, l.RecordReply(rs[0]), "not invited")

	// Outlook writes MAILTO: and mixed-case addresses.
	loud := strings.Replace(replyICS(m.Key, 0, strings.ToUpper(team[0]), "TENTATIVE", "20270202T130000Z"), "mailto:", "MAILTO:", -1)
	rs, err = invite.ReadReplies("outlook.ics", []byte(loud))
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, team[0], rs[0].Attendee)

	status := l.Status()
	assert.Contains(t, status, contact)
	assert.Regexp(t, contact+` +declined`, status)
	assert.Regexp(t, team[0]+` +accepted`, status)
	assert.Contains(t, status, "1 accepted, 0 tentative, 1 declined")

	// An answer to an earlier version is outdated once the meeting changed.
	next, _, _ := changedPlan(t, plan)
	upd, err := invite.Messages(prog, next, l, opts())
	require.NoError(t, err)
	recordAll(l, upd)
	require.Equal(t, 1, l.Events[m.Key].Sequence, "the first meeting moved")
	assert.Contains(t, l.RecordReply(invite.Reply{UID: m.Key, Attendee: contact, PartStat: "ACCEPTED", Sequence: 0, Source: "old.eml"}), "since changed")
	assert.Contains(t, l.Status(), "had answered declined to version 0")

	// A calendar of another method is no reply; a broken message is an error.
	rs, err = invite.ReadReplies("invite.ics", msgs[1].Calendar)
	require.NoError(t, err)
	assert.Empty(t, rs)
	_, err = invite.ReadReplies("bad.eml", []byte("Content-Type: multipart/mixed\r\n\r\n--x\r\n"))
	assert.ErrorIs(t, err, invite.ErrReply)
}

func TestAcceptedBecomeLocks(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	l := invite.NewLedger()
	msgs, err := invite.Messages(prog, plan, l, opts())
	require.NoError(t, err)
	recordAll(l, msgs)
	se := l.Events[msgs[0].Key]
	for _, a := range se.Recipients {
		l.RecordReply(invite.Reply{UID: se.UID, Attendee: a, PartStat: "ACCEPTED", Source: "t"})
	}
	locks := l.Accepted()
	require.Len(t, locks, 1)
	assert.Equal(t, se.Startup, locks[0].Startup)
	assert.Equal(t, se.Contact, locks[0].Contact)
	assert.True(t, locks[0].Start.Equal(se.Start))
	assert.Empty(t, l.Declined())
}
