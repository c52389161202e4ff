package invite

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/calendar"
)

// Kind says what a message does.
type Kind string

// The kinds of messages.
const (
	Invitation   Kind = "invitation"   // a new meeting: REQUEST
	Update       Kind = "update"       // a changed meeting: REQUEST, higher SEQUENCE
	Cancellation Kind = "cancellation" // a removed meeting, or people removed from it: CANCEL
	Itinerary    Kind = "itinerary"    // a start-up's journeys and hotel: PUBLISH
)

// A Message is one e-mail of the cycle, ready to be written as MIME.
type Message struct {
	// Key is what the message is about: a meeting's UID, or
	// "itinerary/ID" for a start-up's itinerary.
	Key      string
	Kind     Kind
	Method   calendar.Method
	UIDs     []string // the events the calendar part holds
	Sequence int      // the meeting's SEQUENCE; 0 for an itinerary
	To       []schedule.Person
	// ReplyTo is the organising coordinator: answers and questions go there.
	ReplyTo  schedule.Person
	Language string // sv, no or en: the text part's language
	Subject  string
	Text     string // the text/plain part
	Calendar []byte // the text/calendar part
	// Digest is the sha256 of Calendar.
	Digest string
	// MessageID is derived from what the message says (not from when it
	// was written), without angle brackets.
	MessageID string
	Date      time.Time

	record func(*Ledger)
}

// Options tunes Messages. The zero value works.
type Options struct {
	// Stamp is the DTSTAMP of the calendars and the Date of the messages:
	// the time of sending. The CLI sets it from SOURCE_DATE_EPOCH or the
	// clock; the zero value means the Unix epoch.
	Stamp time.Time
	// From is the sending address; its domain names the Message-IDs.
	From string
}

// Messages returns the messages that bring everyone from what the ledger
// says they have to plan p of programme prog: invitations, updates and
// cancellations of meetings first (in the plan's order, then removed
// meetings by UID), then one itinerary per start-up whose journeys
// changed. An unchanged plan gives none. The ledger is not changed;
// Ledger.Record does that once a message is sent.
func Messages(prog *schedule.Program, p *schedule.Plan, l *Ledger, opts Options) ([]*Message, error) {
	if l == nil {
		l = NewLedger()
	}
	dir := prog.Directory()
	evs, err := calendar.Events(p, dir, calendar.Options{Zone: prog.Zone})
	if err != nil {
		return nil, err
	}
	b := &builder{prog: prog, dir: dir, l: l, opts: opts, why: map[string][]string{}}
	for _, t := range p.Trips {
		for _, m := range t.Meetings {
			b.why[t.ID+"\x00"+m.Startup+"\x00"+m.Contact] = m.Reasons
		}
	}
	var out []*Message
	current := map[string]bool{}
	legs := map[string][]*calendar.Event{}
	for _, e := range evs {
		if e.Kind != calendar.KindMeeting {
			for _, o := range e.Owners {
				legs[o] = append(legs[o], e)
			}
			continue
		}
		current[e.UID] = true
		ms, err := b.meeting(e)
		if err != nil {
			return nil, err
		}
		out = append(out, ms...)
	}
	for _, uid := range sortedKeys(l.Events) {
		se := l.Events[uid]
		if current[uid] || se.Cancelled {
			continue
		}
		m, err := b.cancel(se, se.Recipients, false)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	ids := map[string]bool{}
	for id := range legs {
		ids[id] = true
	}
	for id := range l.Itineraries {
		ids[id] = true
	}
	for _, id := range sortedKeys(ids) {
		m, err := b.itinerary(id, legs[id])
		if err != nil {
			return nil, err
		}
		if m != nil {
			out = append(out, m)
		}
	}
	return out, nil
}

type builder struct {
	prog *schedule.Program
	dir  schedule.Directory
	l    *Ledger
	opts Options
	why  map[string][]string // trip, start-up, contact -> the meeting's reasons
}

func (b *builder) meeting(e *calendar.Event) ([]*Message, error) {
	fp, err := e.Fingerprint(calendar.Request)
	if err != nil {
		return nil, err
	}
	rec := addresses(e.Attendees)
	se := b.l.Events[e.UID]
	if len(rec) == 0 { // nobody has an address now: withdraw it from those who had it
		if se == nil || se.Cancelled {
			return nil, nil
		}
		m, err := b.cancel(se, se.Recipients, false)
		if err != nil {
			return nil, err
		}
		return []*Message{m}, nil
	}
	kind, seq := Invitation, 0
	var out []*Message
	if se != nil {
		if !se.Cancelled && se.Fingerprint == fp && equalStrings(se.Recipients, rec) {
			return nil, nil
		}
		seq = se.Sequence + 1
		if !se.Cancelled {
			kind = Update
			if removed := minus(se.Recipients, rec); len(removed) > 0 {
				m, err := b.cancel(se, removed, true)
				if err != nil {
					return nil, err
				}
				out = append(out, m)
			}
		}
	}
	cal, err := calendar.Calendar(calendar.Request, b.opts.Stamp, "", []calendar.Entry{{Event: e, Sequence: seq}})
	if err != nil {
		return nil, err
	}
	lang := pickLanguage(b.contactLanguages(e.Contact), b.startupLanguages(e.Startup))
	m := &Message{
		Key: e.UID, Kind: kind, Method: calendar.Request, UIDs: []string{e.UID}, Sequence: seq,
		To: e.Attendees, ReplyTo: e.Organizer, Language: lang, Calendar: cal,
	}
	m.Subject, m.Text = b.meetingText(lang, kind, e)
	contactSide := addresses(b.dir.Contacts[e.Contact].People)
	snapshot := &SentEvent{
		UID: e.UID, Trip: e.Trip, Startup: e.Startup, Contact: e.Contact, Summary: e.Summary,
		Start: e.Start, End: e.End, Sequence: seq, Fingerprint: fp, Recipients: rec,
		ContactAddresses: contactSide, Calendar: string(cal),
	}
	m.record = func(l *Ledger) {
		if old := l.Events[e.UID]; old != nil {
			snapshot.Answers = old.Answers
		}
		l.Events[e.UID] = snapshot
	}
	b.finish(m, fp, strings.Join(rec, ","))
	return append(out, m), nil
}

// cancel writes a CANCEL of a sent meeting to some of its recipients.
// With uninvite, the meeting goes on for the others: only those listed
// are taken out of it.
func (b *builder) cancel(se *SentEvent, to []string, uninvite bool) (*Message, error) {
	old, err := calendar.Cancelled([]byte(se.Calendar), se.UID)
	if err != nil {
		return nil, fmt.Errorf("ledger: meeting %s: %w", se.UID, err)
	}
	keep := map[string]bool{}
	for _, a := range to {
		keep[a] = true
	}
	var people []schedule.Person
	for _, a := range old.Attendees {
		if keep[strings.ToLower(a.Email)] {
			people = append(people, a)
		}
	}
	old.Attendees = people
	seq := se.Sequence + 1
	cal, err := calendar.Calendar(calendar.Cancel, b.opts.Stamp, "", []calendar.Entry{{Event: old, Sequence: seq, Uninvite: uninvite}})
	if err != nil {
		return nil, err
	}
	lang := pickLanguage(b.contactLanguages(se.Contact), b.startupLanguages(se.Startup))
	m := &Message{
		Key: se.UID, Kind: Cancellation, Method: calendar.Cancel, UIDs: []string{se.UID}, Sequence: seq,
		To: people, ReplyTo: old.Organizer, Language: lang, Calendar: cal,
	}
	m.Subject, m.Text = b.cancelText(lang, old, uninvite)
	uid := se.UID
	if uninvite {
		m.record = func(l *Ledger) {
			if s := l.Events[uid]; s != nil {
				s.Recipients = minus(s.Recipients, to)
			}
		}
	} else {
		m.record = func(l *Ledger) {
			if s := l.Events[uid]; s != nil {
				s.Cancelled, s.Sequence = true, seq
			}
		}
	}
	b.finish(m, se.Fingerprint, strings.Join(addresses(people), ","))
	return m, nil
}

// itinerary returns the PUBLISH message of one start-up's legs and hotel
// night, or nil when nothing changed since the last one sent.
func (b *builder) itinerary(id string, evs []*calendar.Event) (*Message, error) {
	si := b.l.Itineraries[id]
	team := b.dir.Startups[id].People
	var to []schedule.Person
	for _, p := range team {
		if p.Email != "" {
			to = append(to, p)
		}
	}
	rec := addresses(to)
	changed := si == nil || !equalStrings(si.Recipients, rec)
	items := map[string]ItineraryItem{}
	var entries []calendar.Entry
	var keys []string
	for _, e := range evs {
		fp, err := e.Fingerprint(calendar.Publish)
		if err != nil {
			return nil, err
		}
		seq := 0
		if si != nil {
			if old, ok := si.Events[e.UID]; ok {
				seq = old.Sequence
				if old.Fingerprint != fp {
					seq++
					changed = true
				}
			} else {
				changed = true
			}
		}
		one, err := calendar.Calendar(calendar.Publish, b.opts.Stamp, "", []calendar.Entry{{Event: e, Sequence: seq}})
		if err != nil {
			return nil, err
		}
		items[e.UID] = ItineraryItem{Sequence: seq, Fingerprint: fp, Calendar: string(one)}
		entries = append(entries, calendar.Entry{Event: e, Sequence: seq})
		keys = append(keys, fmt.Sprintf("%s:%d:%s", e.UID, seq, fp))
	}
	if si != nil {
		for _, uid := range sortedKeys(si.Events) {
			if _, ok := items[uid]; ok {
				continue
			}
			old, err := calendar.Cancelled([]byte(si.Events[uid].Calendar), uid)
			if err != nil {
				return nil, fmt.Errorf("ledger: itinerary %s: %w", id, err)
			}
			seq := si.Events[uid].Sequence + 1
			entries = append(entries, calendar.Entry{Event: old, Sequence: seq})
			keys = append(keys, fmt.Sprintf("%s:%d:cancelled", uid, seq))
			changed = true
		}
	}
	if !changed || len(entries) == 0 || len(to) == 0 {
		return nil, nil
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Event.Start.Before(entries[j].Event.Start) })
	name := b.dir.Startups[id].Name
	cal, err := calendar.Calendar(calendar.Publish, b.opts.Stamp, b.prog.Name+" – "+name, entries)
	if err != nil {
		return nil, err
	}
	lang := pickLanguage(b.startupLanguages(id))
	var organizer schedule.Person
	var uids []string
	for _, en := range entries {
		uids = append(uids, en.Event.UID)
		if organizer.Email == "" {
			organizer = en.Event.Organizer
		}
	}
	m := &Message{
		Key: "itinerary/" + id, Kind: Itinerary, Method: calendar.Publish, UIDs: uids,
		To: to, ReplyTo: organizer, Language: lang, Calendar: cal,
	}
	m.Subject, m.Text = b.itineraryText(lang, id, entries)
	m.record = func(l *Ledger) {
		l.Itineraries[id] = &SentItinerary{Startup: id, Recipients: rec, Events: items}
	}
	b.finish(m, strings.Join(keys, ";"), strings.Join(rec, ","))
	return m, nil
}

// finish sets the digest, Message-ID and date.
func (b *builder) finish(m *Message, content, recipients string) {
	sum := sha256.Sum256(m.Calendar)
	m.Digest = hex.EncodeToString(sum[:])
	id := sha256.Sum256([]byte(strings.Join([]string{m.Key, string(m.Kind), string(m.Method),
		fmt.Sprint(m.Sequence), content, recipients}, "\x00")))
	domain := "crossmeet.invalid"
	if at := strings.LastIndexByte(b.opts.From, '@'); at >= 0 && at < len(b.opts.From)-1 {
		domain = strings.Trim(b.opts.From[at+1:], "<> ")
	}
	m.MessageID = hex.EncodeToString(id[:16]) + "@" + domain
	m.Date = b.opts.Stamp
	if m.Date.IsZero() {
		m.Date = time.Unix(0, 0).UTC()
	}
}

func (b *builder) startup(id string) *match.Startup {
	s, _ := b.prog.Startup(id)
	return s
}

func (b *builder) contact(id string) *match.Contact {
	c, _ := b.prog.Contact(id)
	return c
}

func (b *builder) startupLanguages(id string) []string {
	if s := b.startup(id); s != nil {
		return s.Languages
	}
	return nil
}

func (b *builder) contactLanguages(id string) []string {
	if c := b.contact(id); c != nil {
		return c.Languages
	}
	return nil
}

// addresses returns the lower-case addresses of people, sorted, each once.
func addresses(people []schedule.Person) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range people {
		a := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(p.Email, "mailto:")))
		if a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// minus returns the elements of a that are not in b.
func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}
