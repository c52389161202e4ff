package invite

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"sort"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/crossmeet/crossmeet/schedule"
)

// A Reply is one attendee's answer to one meeting, read from an iMIP
// REPLY (RFC 5546 3.2.3).
type Reply struct {
	UID      string
	Attendee string // lower-case address
	PartStat string // ACCEPTED, DECLINED, TENTATIVE or DELEGATED
	Sequence int
	Stamp    time.Time
	Source   string // file, and message number in an mbox
}

// ErrReply is wrapped by the errors of ReadReplies.
var ErrReply = errors.New("unreadable reply")

// ReadReplies reads the REPLY calendars in data, named name in errors: an
// iCalendar text, one e-mail message (.eml) or an mbox of them (RFC 4155:
// messages that start with a "From " line). Calendars of other methods
// are skipped; a message without any gives no reply and no error.
func ReadReplies(name string, data []byte) ([]Reply, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	switch {
	case bytes.HasPrefix(trimmed, []byte("BEGIN:VCALENDAR")):
		return calendarReplies(name, trimmed)
	case bytes.HasPrefix(trimmed, []byte("From ")):
		var out []Reply
		for i, msg := range splitMbox(trimmed) {
			rs, err := messageReplies(fmt.Sprintf("%s: message %d", name, i+1), msg)
			if err != nil {
				return nil, err
			}
			out = append(out, rs...)
		}
		return out, nil
	}
	return messageReplies(name, data)
}

// splitMbox cuts an mbox at its "From " lines and undoes the ">From "
// quoting of the mboxrd form.
func splitMbox(data []byte) [][]byte {
	var out [][]byte
	var cur *bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1024*1024), 64*1024*1024)
	for sc.Scan() {
		line := sc.Bytes()
		if bytes.HasPrefix(line, []byte("From ")) {
			if cur != nil {
				out = append(out, cur.Bytes())
			}
			cur = &bytes.Buffer{}
			continue
		}
		if cur == nil {
			continue
		}
		if q := bytes.TrimLeft(line, ">"); len(q) < len(line) && bytes.HasPrefix(q, []byte("From ")) {
			line = line[1:]
		}
		cur.Write(line)
		cur.WriteString("\r\n")
	}
	if cur != nil {
		out = append(out, cur.Bytes())
	}
	return out
}

func messageReplies(name string, data []byte) ([]Reply, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: not an e-mail message: %v", name, ErrReply, err)
	}
	var out []Reply
	err = walkParts(name, textproto(msg.Header), msg.Body, 0, func(body []byte) error {
		rs, err := calendarReplies(name, body)
		out = append(out, rs...)
		return err
	})
	return out, err
}

type header interface{ Get(string) string }

func textproto(h mail.Header) header { return h }

// walkParts calls found with the decoded body of every text/calendar or
// application/ics part, however deep in multiparts.
func walkParts(name string, h header, body io.Reader, depth int, found func([]byte) error) error {
	if depth > 10 {
		return fmt.Errorf("%s: %w: multiparts nested too deep", name, ErrReply)
	}
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain"
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return fmt.Errorf("%s: %w: Content-Type %q: %v", name, ErrReply, ct, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("%s: %w: %v", name, ErrReply, err)
			}
			if err := walkParts(name, p.Header, p, depth+1, found); err != nil {
				return err
			}
		}
	}
	if mt != "text/calendar" && mt != "application/ics" {
		return nil
	}
	var r io.Reader = body
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))) {
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, &stripSpace{r: body})
	case "quoted-printable":
		r = quotedprintable.NewReader(body)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("%s: %w: calendar part: %v", name, ErrReply, err)
	}
	return found(data)
}

// stripSpace drops the line breaks of a base64 body.
type stripSpace struct{ r io.Reader }

func (s *stripSpace) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	j := 0
	for _, c := range p[:n] {
		if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
			p[j] = c
			j++
		}
	}
	return j, err
}

func calendarReplies(name string, data []byte) ([]Reply, error) {
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: calendar: %v", name, ErrReply, err)
	}
	method := ""
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(ics.PropertyMethod) {
			method = strings.ToUpper(strings.TrimSpace(p.Value))
		}
	}
	if method != "REPLY" {
		return nil, nil
	}
	var out []Reply
	for _, ev := range cal.Events() {
		r := Reply{UID: ev.Id(), Source: name}
		if p := ev.GetProperty(ics.ComponentPropertySequence); p != nil {
			n, err := strconv.Atoi(strings.TrimSpace(p.Value))
			if err != nil {
				return nil, fmt.Errorf("%s: %w: SEQUENCE %q", name, ErrReply, p.Value)
			}
			r.Sequence = n
		}
		if t, err := ev.GetDtStampTime(); err == nil {
			r.Stamp = t.UTC()
		}
		if r.UID == "" {
			return nil, fmt.Errorf("%s: %w: a VEVENT without UID", name, ErrReply)
		}
		for _, a := range ev.Attendees() {
			ps := strings.ToUpper(string(a.ParticipationStatus()))
			if ps == "" {
				ps = "NEEDS-ACTION"
			}
			rr := r
			addr := strings.TrimSpace(a.Value)
			if len(addr) >= 7 && strings.EqualFold(addr[:7], "mailto:") { // Outlook writes MAILTO:
				addr = addr[7:]
			}
			rr.Attendee = strings.ToLower(addr)
			rr.PartStat = ps
			out = append(out, rr)
		}
	}
	return out, nil
}

// RecordReply notes an answer in the ledger. It returns a warning, and
// records nothing, when the reply is for a meeting the ledger does not
// know, from someone who was not invited, or for an earlier SEQUENCE
// than the one last sent (RFC 5546 2.1.5: an outdated reply); a later
// reply of the same attendee replaces an earlier one.
func (l *Ledger) RecordReply(r Reply) (warning string) {
	se := l.Events[r.UID]
	if se == nil {
		return fmt.Sprintf("%s: reply for a meeting that was never sent (UID %s)", r.Source, r.UID)
	}
	invited := false
	for _, a := range se.Recipients {
		invited = invited || a == r.Attendee
	}
	if !invited {
		return fmt.Sprintf("%s: %s answered %q but was not invited to it", r.Source, r.Attendee, se.Summary)
	}
	if r.Sequence < se.Sequence {
		return fmt.Sprintf("%s: %s answered version %d of %q, which has since changed (now %d): ignored",
			r.Source, r.Attendee, r.Sequence, se.Summary, se.Sequence)
	}
	if old, ok := se.Answers[r.Attendee]; ok && old.Sequence == r.Sequence && old.Stamp.After(r.Stamp) {
		return ""
	}
	if se.Answers == nil {
		se.Answers = map[string]Answer{}
	}
	se.Answers[r.Attendee] = Answer{PartStat: r.PartStat, Sequence: r.Sequence, Stamp: r.Stamp, Source: r.Source}
	return ""
}

// answerOf returns the answer of an address to the meeting's current
// version, or "NEEDS-ACTION".
func (se *SentEvent) answerOf(addr string) string {
	if a, ok := se.Answers[addr]; ok && a.Sequence >= se.Sequence {
		return a.PartStat
	}
	return "NEEDS-ACTION"
}

// Declined returns the {startup, contact} pairs of meetings that were
// declined: by the contact, or by every member of the start-up's team.
// Re-planning proposes them no more: the CLI adds them to
// schedule.Program.Matching.Forbid.
func (l *Ledger) Declined() [][2]string {
	var out [][2]string
	for _, uid := range sortedKeys(l.Events) {
		se := l.Events[uid]
		if se.Cancelled {
			continue
		}
		contact, team, teamDeclined := false, 0, 0
		isContact := map[string]bool{}
		for _, a := range se.ContactAddresses {
			isContact[a] = true
		}
		for _, a := range se.Recipients {
			d := se.answerOf(a) == "DECLINED"
			if isContact[a] {
				contact = contact || d
				continue
			}
			team++
			if d {
				teamDeclined++
			}
		}
		if contact || (team > 0 && teamDeclined == team) {
			out = append(out, [2]string{se.Startup, se.Contact})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] < out[j][1]
	})
	return out
}

// Accepted returns the meetings whose current version the contact and
// at least one member of the team accepted, and nobody declined: a
// re-plan keeps them where they are (schedule.Program.Locked).
func (l *Ledger) Accepted() []schedule.Lock {
	var out []schedule.Lock
	for _, uid := range sortedKeys(l.Events) {
		se := l.Events[uid]
		if se.Cancelled {
			continue
		}
		isContact := map[string]bool{}
		for _, a := range se.ContactAddresses {
			isContact[a] = true
		}
		contact, team, declined := false, false, false
		for _, a := range se.Recipients {
			switch se.answerOf(a) {
			case "ACCEPTED":
				if isContact[a] {
					contact = true
				} else {
					team = true
				}
			case "DECLINED":
				declined = true
			}
		}
		if contact && team && !declined {
			out = append(out, schedule.Lock{Startup: se.Startup, Contact: se.Contact, Start: se.Start})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// AnswersTo returns what the people invited to a trip's meeting of a
// start-up and a contact answered: the start its current invitation
// gave, and each recipient's answer to that version (PARTSTAT, or
// NEEDS-ACTION), by address. ok is false when no live invitation was
// sent for the meeting.
func (l *Ledger) AnswersTo(trip, startup, contact string) (start time.Time, answers [][2]string, ok bool) {
	for _, uid := range sortedKeys(l.Events) {
		se := l.Events[uid]
		if se.Cancelled || se.Trip != trip || se.Startup != startup || se.Contact != contact {
			continue
		}
		for _, a := range se.Recipients {
			answers = append(answers, [2]string{a, se.answerOf(a)})
		}
		return se.Start, answers, true
	}
	return time.Time{}, nil, false
}
