package calendar

// Calendar export. Calendars turns a Plan into RFC 5545 iCalendar files with
// github.com/arran4/golang-ical v0.3.4, working around what that library
// gets wrong or leaves out (read from its source):
//
//   - its default line ending is a bare LF: files are serialised with
//     ics.WithNewLineWindows (CRLF, RFC 5545 3.1);
//   - it writes no VTIMEZONE: timezone.go derives one per TZID used;
//   - SetStartAt/SetEndAt always write UTC with a Z, even next to a TZID:
//     DTSTART/DTEND are written here as local time with a TZID, or as UTC
//     with a Z and no TZID;
//   - parameter values are backslash-escaped instead of quoted, which RFC
//     5545 does not allow: a CN is cleaned of , ; : " \ ' and line breaks;
//   - a bare CR passes through TEXT values: line breaks are normalised to
//     LF (which the library escapes as \n) and other controls dropped;
//   - CAL-ADDRESS values are not escaped at all: e-mail addresses are
//     checked, so none can carry a line break or a space;
//   - RemovePropertyByValue/ByFunc remove the wrong properties: not used.
//
// Its line folding was checked: it counts octets and never cuts a UTF-8
// sequence, but it folds at the last space, between the words of a name;
// fold refolds at octet 75 instead, and the tests check every line.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"github.com/crossmeet/crossmeet/schedule"
)

// CoordinatorCalendar is the name of the calendar file that holds every
// event of a plan.
const CoordinatorCalendar = "coordinator.ics"

// AlarmBefore is how long before a departure the reminder (VALARM) of a
// travel leg fires.
const AlarmBefore = 30 * time.Minute

// MeetingAlarmBefore is how long before a meeting its reminder fires.
const MeetingAlarmBefore = 15 * time.Minute

// A Method is an iTIP method (RFC 5546 1.4): what a calendar asks of its
// reader.
type Method string

// The methods crossmeet writes. A PUBLISH calendar informs and carries no
// ATTENDEE (RFC 5546 3.2.1: attendees MUST NOT be present); a REQUEST
// invites its attendees and asks each for an answer (RSVP=TRUE); a CANCEL
// withdraws an event from the attendees it lists (3.2.5).
const (
	Publish Method = "PUBLISH"
	Request Method = "REQUEST"
	Cancel  Method = "CANCEL"
)

// Kind says what an event of a plan is.
type Kind string

// The kinds of events.
const (
	KindMeeting Kind = "meeting"
	KindLeg     Kind = "leg"
	KindHotel   Kind = "hotel"
)

// Errors returned by Files, Events, Calendar and Cancelled, wrapped in a
// *Error that says where.
var (
	// ErrNotInDirectory: the plan names a start-up, contact or place the
	// Directory does not have.
	ErrNotInDirectory = errors.New("not in the directory")
	// ErrEmail: an e-mail address cannot be written as a calendar address.
	ErrEmail = errors.New("malformed e-mail address")
	// ErrNoOrganizer: the coordinator has no e-mail address, and every
	// calendar of a method needs an ORGANIZER (RFC 5546 3.2).
	ErrNoOrganizer = errors.New("the coordinator has no e-mail address")
	// ErrEventTimes: an event does not end after it starts.
	ErrEventTimes = errors.New("event does not end after it starts")
	// ErrFileName: a participant's id cannot name a calendar file.
	ErrFileName = errors.New("id cannot be a calendar file name")
	// ErrTimeZone: a zone cannot be described as a VTIMEZONE (see timezone.go).
	ErrTimeZone = errors.New("time zone cannot be written as a VTIMEZONE")
	// ErrPreviousCalendar: a file of an earlier export is malformed.
	ErrPreviousCalendar = errors.New("malformed earlier calendar")
	// ErrNoEvents: the plan has no meeting, leg or hotel night to export.
	ErrNoEvents = errors.New("the plan has no events")
)

// A Error locates a problem found while writing calendars: in the
// plan (Trip and Field, e.g. trip "T1", field "meetings[2].contact"), in the
// Directory (Field only) or in a file of an earlier export (File and Line).
type Error struct {
	File  string // a file of Options.Previous
	Line  int    // 1-based line in File
	Trip  string // the trip's id
	Field string // where in the trip or the directory
	Err   error
}

// Error says where and what: "calendar: trip T1: meetings[2].contact: …"
// or "calendar: S01.ics:4: …".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("calendar: ")
	switch {
	case e.File != "":
		fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	case e.Trip != "":
		fmt.Fprintf(&b, "trip %s: %s: ", e.Trip, e.Field)
	case e.Field != "":
		fmt.Fprintf(&b, "%s: ", e.Field)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error, one of the Err values above.
func (e *Error) Unwrap() error { return e.Err }

// Options tunes Files and Events. The zero value works.
type Options struct {
	// Stamp is the DTSTAMP of every event: when the calendar was made.
	// The CLI sets it from SOURCE_DATE_EPOCH or the time of planning; this
	// package never reads the clock. The zero value means the Unix epoch,
	// so that the same plan always gives the same bytes.
	Stamp time.Time
	// Previous holds the files of an earlier export (name -> content) and
	// may be nil. An event whose UID is found there keeps its SEQUENCE when
	// its content is unchanged and gets the old SEQUENCE plus one when it
	// changed; other events get SEQUENCE 0. An event of Previous that the
	// plan no longer has is written once more, with STATUS:CANCELLED and
	// its SEQUENCE plus one, in the files that held it; one already
	// cancelled there is dropped.
	Previous map[string][]byte
	// Zone is the time zone of events at places without one
	// (program.yaml's timezone). Nil means UTC.
	Zone *time.Location
}

// An Event is one event of a plan: a meeting, a travel leg or a hotel
// night, as Events derives it. Calendar writes it for any Method.
type Event struct {
	UID  string
	Kind Kind // empty for an event read back by Cancelled
	Trip string
	// Startup and Contact are the two sides of a meeting.
	Startup, Contact string
	// Place is where a meeting is held or a night spent.
	Place string
	// Owners are the ids of the participants whose calendars hold the
	// event, sorted: a meeting's start-up and contact, a leg's
	// travellers, a hotel night's guests (Hotel.Guests; every start-up
	// of the trip when it names none).
	Owners     []string
	Start, End time.Time
	Summary    string
	// Organizer is the coordinator who organises the event: the one of
	// the meeting's country, or for legs and hotel nights the one of the
	// travellers' home country (see Directory.Coordinators).
	Organizer schedule.Person
	// Attendees are the people with an address, each address once: a
	// meeting's contact and start-up team, a leg's travellers, a night's
	// guests.
	Attendees []schedule.Person
	// Cancelled is set on events read back by Cancelled.
	Cancelled bool

	props []ics.IANAProperty // DTSTART … TRANSP, in writing order
	alarm *alarm
	zones map[*time.Location][]int // zone -> years of the times written in it
}

type alarm struct {
	before time.Duration
	desc   string
}

// An Entry is an event as one calendar writes it: with its SEQUENCE.
type Entry struct {
	Event    *Event
	Sequence int
	// Uninvite makes a Cancel withdraw the event from the attendees it
	// lists only, not cancel it: no STATUS:CANCELLED (RFC 5546 3.2.5).
	Uninvite bool
}

// Files returns one iCalendar file per participant of p, keyed by file
// name: "ID.ics" for each start-up and each contact with at least one
// event, holding only that participant's events, and CoordinatorCalendar
// with every event. The files are METHOD:PUBLISH: they inform and are
// imported; invitations that ask for an answer are the iMIP messages of
// package invite, written with Calendar and Request.
//
// A meeting has a reminder MeetingAlarmBefore its start; a travel leg has
// one AlarmBefore its departure unless it is a walk; a hotel night is
// transparent (it makes nobody busy). Times are local with a TZID and a
// VTIMEZONE, in the zone of the event's place (a leg starts in its
// origin's zone and ends in its destination's), or opts.Zone.
//
// UIDs depend only on the programme name, the trip and what the event is
// (start-up and contact for a meeting; mode, places and travellers for a
// leg), never on times, so a moved event keeps its UID. The output is a
// function of the input only: events are sorted by start, then UID.
//
// Errors are *Error values wrapping ErrNotInDirectory, ErrEmail,
// ErrNoOrganizer, ErrEventTimes, ErrFileName, ErrTimeZone,
// ErrPreviousCalendar or ErrNoEvents.
func Files(p *schedule.Plan, dir schedule.Directory, opts Options) (map[string][]byte, error) {
	events, err := Events(p, dir, opts)
	if err != nil {
		return nil, err
	}
	prev, err := readPrevious(opts.Previous)
	if err != nil {
		return nil, err
	}
	files := map[string][]Entry{}
	current := map[string]bool{}
	for _, e := range events {
		current[e.UID] = true
		seq := 0
		if old, ok := prev[e.UID]; ok {
			content, err := e.content(Publish)
			if err != nil {
				return nil, err
			}
			seq = old.seq
			if old.changed(content) && seq < maxSequence {
				seq++
			}
		}
		en := Entry{Event: e, Sequence: seq}
		files[CoordinatorCalendar] = append(files[CoordinatorCalendar], en)
		for _, o := range e.Owners {
			files[o+".ics"] = append(files[o+".ics"], en)
		}
	}
	if err := checkFileNames(files, dir); err != nil {
		return nil, err
	}
	uids := make([]string, 0, len(prev))
	for uid := range prev {
		uids = append(uids, uid)
	}
	sort.Strings(uids)
	for _, uid := range uids {
		old := prev[uid]
		if current[uid] || old.cancelled {
			continue
		}
		e, err := Cancelled(opts.Previous[old.files[0]], uid)
		if err != nil {
			var ce *Error
			if errors.As(err, &ce) {
				ce.File = old.files[0]
			}
			return nil, err
		}
		for _, f := range old.files {
			if f == CoordinatorCalendar || fileID.MatchString(strings.TrimSuffix(f, ".ics")) {
				files[f] = append(files[f], Entry{Event: e, Sequence: old.seq + 1})
			}
		}
	}

	names := map[string]string{CoordinatorCalendar: "coordinator"}
	if n := cleanLine(dir.Coordinator.Name); n != "" {
		names[CoordinatorCalendar] = n
	}
	for id, s := range dir.Startups {
		names[id+".ics"] = cleanLine(s.Name)
	}
	for id, c := range dir.Contacts {
		names[id+".ics"] = cleanLine(c.Name)
	}
	order := make([]string, 0, len(files))
	for name := range files {
		order = append(order, name)
	}
	sort.Strings(order) // so that the first error is always the same
	out := make(map[string][]byte, len(files))
	for _, name := range order {
		title := cleanLine(p.Program)
		if n := names[name]; n != "" {
			title += " – " + n
		}
		b, err := Calendar(Publish, opts.Stamp, title, files[name])
		if err != nil {
			return nil, err
		}
		out[name] = b
	}
	return out, nil
}

// Events returns the events of p, sorted by start, then UID. Errors are
// as for Files.
func Events(p *schedule.Plan, dir schedule.Directory, opts Options) ([]*Event, error) {
	if p == nil {
		return nil, &Error{Field: "trips", Err: ErrNoEvents}
	}
	w := calWriter{plan: p, dir: dir, opts: opts, uids: map[string]int{}}
	var out []*Event
	for ti := range p.Trips {
		evs, err := w.tripEvents(&p.Trips[ti])
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
	}
	if len(out) == 0 {
		return nil, &Error{Field: "trips", Err: ErrNoEvents}
	}
	sortEvents(out)
	return out, nil
}

func sortEvents(evs []*Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		if !evs[i].Start.Equal(evs[j].Start) {
			return evs[i].Start.Before(evs[j].Start)
		}
		return evs[i].UID < evs[j].UID
	})
}

// Calendar serialises one VCALENDAR of the given method: PRODID, VERSION,
// CALSCALE, METHOD, the title as X-WR-CALNAME when not empty, the
// VTIMEZONEs the entries use and one VEVENT per entry, in the order given,
// each with DTSTAMP stamp (the zero time means the Unix epoch).
//
// For Publish no event carries ATTENDEE (RFC 5546 3.2.1). For Request
// each attendee is REQ-PARTICIPANT with PARTSTAT=NEEDS-ACTION, and RSVP=TRUE
// on meetings (3.2.2). For Cancel, and for an entry whose event is
// Cancelled, the event has STATUS:CANCELLED and no reminder (3.2.5).
// Lines end in CRLF and are folded at 75 octets (RFC 5545 3.1).
func Calendar(method Method, stamp time.Time, title string, entries []Entry) ([]byte, error) {
	if stamp.IsZero() {
		stamp = time.Unix(0, 0)
	}
	cal := ics.NewCalendarFor("crossmeet")
	cal.SetProductId("-//crossmeet//crossmeet calendar export//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.Method(method))
	if t := cleanLine(title); t != "" {
		cal.SetXWRCalName(t)
	}

	years := map[*time.Location]map[int]bool{}
	for _, en := range entries {
		for loc, ys := range en.Event.zones {
			if years[loc] == nil {
				years[loc] = map[int]bool{}
			}
			for _, y := range ys {
				years[loc][y] = true
			}
		}
	}
	// Two Locations may carry the same name; describe each TZID once.
	byID := map[string][]int{}
	locs := map[string]*time.Location{}
	for loc, ys := range years {
		id := loc.String()
		if _, ok := locs[id]; !ok {
			locs[id] = loc
		}
		for y := range ys {
			byID[id] = append(byID[id], y)
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		tz, err := vtimezone(locs[id], dedupInts(byID[id]))
		if err != nil {
			return nil, &Error{Field: "zone " + id, Err: err}
		}
		cal.AddVTimezone(tz)
	}
	stampValue := stamp.UTC().Format("20060102T150405Z")
	for _, en := range entries {
		ev := en.Event.vevent(method, en.Sequence, stampValue)
		if method == Cancel && en.Uninvite {
			ev.RemoveProperty(ics.ComponentPropertyStatus)
		}
		cal.AddVEvent(ev)
	}
	var b bytes.Buffer
	// The library folds at the last space before octet 75, so a display
	// name can be cut between its words ("CN=Maja" / " Östlund"): valid,
	// but readers that strip all leading white space when unfolding join
	// the words. It is asked not to fold, and fold does it instead.
	if err := cal.SerializeTo(&b, ics.WithNewLineWindows, ics.WithLineLength(1<<30)); err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	return fold(b.Bytes()), nil
}

// vevent writes the event for one method, its properties in a fixed order.
func (e *Event) vevent(method Method, seq int, stamp string) *ics.VEvent {
	ev := ics.NewEvent(e.UID)
	ev.SetProperty(ics.ComponentPropertyDtstamp, stamp)
	ev.SetProperty(ics.ComponentPropertySequence, strconv.Itoa(seq))
	ev.Properties = append(ev.Properties, e.props...)
	var params []ics.PropertyParameter
	if cn := cleanCN(e.Organizer.Name); cn != "" {
		params = append(params, ics.WithCN(cn))
	}
	ev.SetOrganizer("mailto:"+e.Organizer.Email, params...)
	cancelled := e.Cancelled || method == Cancel
	if method != Publish {
		for _, a := range e.Attendees {
			params := []ics.PropertyParameter{ics.CalendarUserTypeIndividual, ics.ParticipationRoleReqParticipant}
			if method == Request && !cancelled {
				params = append(params, ics.ParticipationStatusNeedsAction)
				if e.Kind == KindMeeting {
					params = append(params, &ics.KeyValues{Key: string(ics.ParameterRsvp), Value: []string{"TRUE"}})
				}
			}
			if cn := cleanCN(a.Name); cn != "" {
				params = append(params, ics.WithCN(cn))
			}
			ev.AddAttendee("mailto:"+a.Email, params...)
		}
	}
	if cancelled {
		ev.SetStatus(ics.ObjectStatusCancelled)
		return ev
	}
	if a := e.alarm; a != nil {
		va := ev.AddAlarm()
		va.SetAction(ics.ActionDisplay)
		va.SetTrigger("-PT" + strconv.Itoa(int(a.before/time.Minute)) + "M")
		va.SetProperty(ics.ComponentPropertyDescription, a.desc)
	}
	return ev
}

// content is what decides whether the event changed when written for
// method: its unfolded lines without DTSTAMP and SEQUENCE.
func (e *Event) content(method Method) (string, error) {
	var b bytes.Buffer
	if err := e.vevent(method, 0, "").SerializeTo(&b, &ics.SerializationConfiguration{MaxLength: 1 << 30, PropertyMaxLength: 1 << 30, NewLine: "\r\n"}); err != nil {
		return "", fmt.Errorf("calendar: %w", err)
	}
	blocks, err := veventBlocks(b.Bytes())
	if err != nil {
		return "", err
	}
	if len(blocks) != 1 {
		return "", fmt.Errorf("calendar: event %s serialised to %d events", e.UID, len(blocks))
	}
	return blocks[0].content, nil
}

// Fingerprint returns a digest of what the event says when written for
// method, DTSTAMP and SEQUENCE left out: two fingerprints differ exactly
// when a reader would see a change (a time, a place, a text, an attendee).
func (e *Event) Fingerprint(method Method) (string, error) {
	c, err := e.content(method)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(c))
	return hex.EncodeToString(sum[:]), nil
}

// Cancelled reads the event with the given UID from an iCalendar text
// that crossmeet wrote earlier (a calendar file or an iMIP message) and
// returns it as a cancelled event: the same UID, times, place, texts,
// ORGANIZER and ATTENDEEs, written by Calendar with STATUS:CANCELLED and
// no reminder. Errors wrap ErrPreviousCalendar.
func Cancelled(data []byte, uid string) (*Event, error) {
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		return nil, &Error{Field: "event " + uid, Err: fmt.Errorf("%w: %v", ErrPreviousCalendar, err)}
	}
	for _, ev := range cal.Events() {
		if ev.Id() != uid {
			continue
		}
		e := &Event{UID: uid, Cancelled: true, zones: map[*time.Location][]int{}}
		for _, prop := range ev.Properties {
			switch ics.ComponentProperty(prop.IANAToken) {
			case ics.ComponentPropertyUniqueId, ics.ComponentPropertyDtstamp, ics.ComponentPropertySequence, ics.ComponentPropertyStatus:
			case ics.ComponentPropertyOrganizer:
				e.Organizer = calPerson(prop)
			case ics.ComponentPropertyAttendee:
				e.Attendees = append(e.Attendees, calPerson(prop))
			case ics.ComponentPropertyDtStart, ics.ComponentPropertyDtEnd:
				t, err := e.readTime(prop)
				if err != nil {
					return nil, &Error{Field: "event " + uid, Err: err}
				}
				if prop.IANAToken == string(ics.ComponentPropertyDtStart) {
					e.Start = t
				} else {
					e.End = t
				}
				e.props = append(e.props, prop)
			default:
				if prop.IANAToken == string(ics.ComponentPropertySummary) {
					e.Summary = prop.Value
				}
				e.props = append(e.props, prop)
			}
		}
		if e.Organizer.Email == "" {
			return nil, &Error{Field: "event " + uid, Err: fmt.Errorf("%w: no ORGANIZER", ErrPreviousCalendar)}
		}
		return e, nil
	}
	return nil, &Error{Field: "event " + uid, Err: fmt.Errorf("%w: no event with that UID", ErrPreviousCalendar)}
}

// calPerson reads an ORGANIZER or ATTENDEE property.
func calPerson(prop ics.IANAProperty) schedule.Person {
	addr := prop.Value
	if len(addr) >= 7 && strings.EqualFold(addr[:7], "mailto:") {
		addr = addr[7:]
	}
	var name string
	if cn := prop.ICalParameters[string(ics.ParameterCn)]; len(cn) > 0 {
		name = cn[0]
	}
	return schedule.Person{Name: name, Email: addr}
}

// readTime reads a DTSTART or DTEND written as UTC or local time with a
// TZID, and notes the zone so that Calendar describes it.
func (e *Event) readTime(prop ics.IANAProperty) (time.Time, error) {
	v := prop.Value
	if strings.HasSuffix(v, "Z") {
		t, err := time.Parse("20060102T150405Z", v)
		if err != nil {
			return time.Time{}, fmt.Errorf("%w: %s %q", ErrPreviousCalendar, prop.IANAToken, v)
		}
		return t, nil
	}
	tzid := prop.ICalParameters[string(ics.ParameterTzid)]
	if len(tzid) != 1 {
		return time.Time{}, fmt.Errorf("%w: %s %q has neither Z nor one TZID", ErrPreviousCalendar, prop.IANAToken, v)
	}
	loc, err := time.LoadLocation(tzid[0])
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: TZID %q: %v", ErrPreviousCalendar, tzid[0], err)
	}
	t, err := time.ParseInLocation(icsLocal, v, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %s %q", ErrPreviousCalendar, prop.IANAToken, v)
	}
	e.zones[loc] = append(e.zones[loc], t.Year())
	return t, nil
}

type calWriter struct {
	plan *schedule.Plan
	dir  schedule.Directory
	opts Options
	uids map[string]int // UID key -> times seen, to tell repeated events apart
}

// uid derives a stable UID from the parts that identify an event; an
// event repeated with the same parts gets a counter.
func (w *calWriter) uid(parts ...string) string {
	key := strings.Join(append([]string{w.plan.Program}, parts...), "\x00")
	n := w.uids[key]
	w.uids[key] = n + 1
	if n > 0 {
		key += "\x00" + strconv.Itoa(n)
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16]) + "@crossmeet"
}

func (w *calWriter) zone(pl schedule.Place) *time.Location {
	switch {
	case pl.TimeZone != nil:
		return pl.TimeZone
	case w.opts.Zone != nil:
		return w.opts.Zone
	}
	return time.UTC
}

// organizer returns the coordinator of a country (upper-case code), or
// the programme's coordinator when the country has none.
func (w *calWriter) organizer(country string) (schedule.Person, error) {
	field := "coordinator.email"
	c := w.dir.Coordinator
	if k, ok := w.dir.Coordinators[strings.ToUpper(country)]; ok && country != "" {
		field = "coordinators." + strings.ToUpper(country) + ".email"
		c = k
	}
	addr, err := cleanEmail(c.Email)
	if err != nil {
		return c, &Error{Field: field, Err: err}
	}
	if addr == "" {
		return c, &Error{Field: field, Err: ErrNoOrganizer}
	}
	c.Email = addr
	return c, nil
}

func (w *calWriter) tripEvents(t *schedule.TripPlan) ([]*Event, error) {
	fail := func(field string, err error) error {
		return &Error{Trip: t.ID, Field: field, Err: err}
	}
	startup := func(field, id string) (schedule.Party, error) {
		s, ok := w.dir.Startups[id]
		if !ok {
			return schedule.Party{}, fail(field, fmt.Errorf("start-up %q: %w", id, ErrNotInDirectory))
		}
		return s, nil
	}
	place := func(field, id string) (schedule.Place, error) {
		pl, ok := w.dir.Places[id]
		if !ok {
			return schedule.Place{}, fail(field, fmt.Errorf("place %q: %w", id, ErrNotInDirectory))
		}
		return pl, nil
	}
	// The travellers' home country: the one of the trip's first start-up.
	home := ""
	if len(t.Startups) > 0 {
		home = w.dir.Startups[t.Startups[0]].Country
	}
	var out []*Event

	for mi, m := range t.Meetings {
		f := fmt.Sprintf("meetings[%d]", mi)
		s, err := startup(f+".startup", m.Startup)
		if err != nil {
			return nil, err
		}
		c, ok := w.dir.Contacts[m.Contact]
		if !ok {
			return nil, fail(f+".contact", fmt.Errorf("contact %q: %w", m.Contact, ErrNotInDirectory))
		}
		pl, err := place(f+".place", m.Place)
		if err != nil {
			return nil, err
		}
		if !m.End.After(m.Start) {
			return nil, fail(f, ErrEventTimes)
		}
		country := pl.Country
		if country == "" {
			country = c.Country
		}
		org, err := w.organizer(country)
		if err != nil {
			return nil, err
		}
		e := newEvent(w.uid(t.ID, "meeting", m.Startup, m.Contact), KindMeeting, t.ID, m.Start, m.End, org)
		e.Startup, e.Contact, e.Place = m.Startup, m.Contact, m.Place
		e.Owners = []string{m.Startup, m.Contact}
		z := w.zone(pl)
		e.setTime(ics.ComponentPropertyDtStart, m.Start, z)
		e.setTime(ics.ComponentPropertyDtEnd, m.End, z)
		e.setSummary(fmt.Sprintf("Meeting: %s – %s", cleanLine(s.Name), cleanLine(c.Name)))
		e.setPlace(pl)
		desc := []string{
			"Trip " + cleanLine(t.ID) + ", " + cleanLine(w.plan.Program),
			"Start-up: " + cleanLine(s.Name) + peopleList(s.People),
			"Contact: " + cleanLine(c.Name),
		}
		if len(m.Reasons) > 0 {
			desc = append(desc, "Why this meeting:")
			for _, r := range m.Reasons {
				desc = append(desc, "- "+cleanLine(r))
			}
		}
		desc = append(desc, "Coordinator: "+coordinatorLine(org))
		e.add(ics.ComponentPropertyDescription, strings.Join(desc, "\n"))
		if err := e.setPeople(c.People, s.People); err != nil {
			return nil, fail(f, err)
		}
		e.alarm = &alarm{MeetingAlarmBefore, "Meeting: " + cleanLine(c.Name) + ", " + cleanLine(pl.Name)}
		out = append(out, e)
	}

	org, err := w.organizer(home)
	if err != nil && (len(t.Legs) > 0 || t.Hotel != nil) {
		return nil, err
	}
	for li, l := range t.Legs {
		f := fmt.Sprintf("legs[%d]", li)
		from, err := place(f+".from", l.From)
		if err != nil {
			return nil, err
		}
		to, err := place(f+".to", l.To)
		if err != nil {
			return nil, err
		}
		if !l.Arrive.After(l.Depart) {
			return nil, fail(f, ErrEventTimes)
		}
		travellers := sortedUnique(l.Travellers)
		var people []schedule.Person
		var names []string
		for i, id := range l.Travellers {
			s, err := startup(fmt.Sprintf("%s.travellers[%d]", f, i), id)
			if err != nil {
				return nil, err
			}
			people = append(people, s.People...)
			names = append(names, cleanLine(s.Name))
		}
		e := newEvent(w.uid(t.ID, "leg", l.Mode, l.From, l.To, strings.Join(travellers, ",")), KindLeg, t.ID, l.Depart, l.Arrive, org)
		e.Owners = travellers
		e.setTime(ics.ComponentPropertyDtStart, l.Depart, w.zone(from))
		e.setTime(ics.ComponentPropertyDtEnd, l.Arrive, w.zone(to))
		e.setSummary(fmt.Sprintf("%s: %s → %s", modeTitle(l.Mode), cleanLine(from.Name), cleanLine(to.Name)))
		e.setPlace(from)
		desc := []string{
			"Trip " + cleanLine(t.ID) + ", " + cleanLine(w.plan.Program),
			"Travellers: " + strings.Join(names, ", "),
		}
		if l.Service != "" {
			desc = append(desc, "Service: "+cleanLine(l.Service))
		}
		desc = append(desc, fmt.Sprintf("%s km, %s kg CO2 for the whole leg",
			strconv.FormatFloat(l.Km, 'f', 1, 64), strconv.FormatFloat(l.CO2Kg, 'f', 1, 64)))
		e.add(ics.ComponentPropertyDescription, strings.Join(desc, "\n"))
		if err := e.setPeople(people); err != nil {
			return nil, fail(f, err)
		}
		if l.Mode != "walk" {
			e.alarm = &alarm{AlarmBefore, fmt.Sprintf("%s from %s", modeTitle(l.Mode), cleanLine(from.Name))}
		}
		out = append(out, e)
	}

	if h := t.Hotel; h != nil {
		pl, err := place("hotel.place", h.Place)
		if err != nil {
			return nil, err
		}
		if !h.CheckOut.After(h.CheckIn) {
			return nil, fail("hotel", ErrEventTimes)
		}
		// Only the guests stay the night: a start-up without a meeting
		// the next day goes home the first evening. A plan that names
		// no guests puts up every start-up of the trip.
		guests, field := h.Guests, "hotel.guests[%d]"
		if len(guests) == 0 {
			guests, field = t.Startups, "startups[%d]"
		}
		var people []schedule.Person
		var names []string
		for i, id := range guests {
			s, err := startup(fmt.Sprintf(field, i), id)
			if err != nil {
				return nil, err
			}
			people = append(people, s.People...)
			names = append(names, cleanLine(s.Name))
		}
		e := newEvent(w.uid(t.ID, "hotel"), KindHotel, t.ID, h.CheckIn, h.CheckOut, org)
		e.Place = h.Place
		e.Owners = sortedUnique(guests)
		z := w.zone(pl)
		e.setTime(ics.ComponentPropertyDtStart, h.CheckIn, z)
		e.setTime(ics.ComponentPropertyDtEnd, h.CheckOut, z)
		e.setSummary("Hotel night: " + cleanLine(pl.Name))
		e.setPlace(pl)
		e.add(ics.ComponentPropertyDescription, strings.Join([]string{
			"Trip " + cleanLine(t.ID) + ", " + cleanLine(w.plan.Program),
			"Guests: " + strings.Join(names, ", "),
		}, "\n"))
		// A night in a hotel does not make anyone busy to others.
		e.add(ics.ComponentPropertyTransp, string(ics.TransparencyTransparent))
		if err := e.setPeople(people); err != nil {
			return nil, fail("hotel", err)
		}
		out = append(out, e)
	}
	return out, nil
}

func coordinatorLine(p schedule.Person) string {
	if n := cleanLine(p.Name); n != "" {
		return n + " <" + p.Email + ">"
	}
	return p.Email
}

func sortedUnique(xs []string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	j := 0
	for i, x := range out {
		if i == 0 || x != out[j-1] {
			out[j] = x
			j++
		}
	}
	return out[:j]
}

func newEvent(uid string, kind Kind, trip string, start, end time.Time, org schedule.Person) *Event {
	return &Event{UID: uid, Kind: kind, Trip: trip, Start: start, End: end, Organizer: org, zones: map[*time.Location][]int{}}
}

// add appends a property; TEXT values are escaped when serialised.
func (e *Event) add(prop ics.ComponentProperty, value string, params ...ics.PropertyParameter) {
	p := ics.IANAProperty{BaseProperty: ics.BaseProperty{IANAToken: string(prop), Value: value, ICalParameters: map[string][]string{}}}
	for _, x := range params {
		k, v := x.KeyValue()
		p.ICalParameters[k] = v
	}
	e.props = append(e.props, p)
}

func (e *Event) setSummary(s string) {
	e.Summary = s
	e.add(ics.ComponentPropertySummary, s)
}

// setTime writes a DATE-TIME as local time with a TZID, or in UTC with a Z
// and no TZID when loc is UTC or the local time is ambiguous (the repeated
// hour when summer time ends).
func (e *Event) setTime(prop ics.ComponentProperty, t time.Time, loc *time.Location) {
	if loc != time.UTC && loc.String() != "UTC" && !ambiguous(t, loc) {
		l := t.In(loc)
		e.add(prop, l.Format(icsLocal), ics.WithTZID(loc.String()))
		e.zones[loc] = append(e.zones[loc], l.Year())
		return
	}
	e.add(prop, t.UTC().Format("20060102T150405Z"))
}

// ambiguous reports whether the wall-clock time of t in loc also names
// another instant, as in the hour repeated when summer time ends. RFC 5545
// 3.3.5 reads such a time as its first occurrence, and readers differ, so
// it is written in UTC instead.
func ambiguous(t time.Time, loc *time.Location) bool {
	wall := t.In(loc).Format(icsLocal)
	_, before := t.Add(-24 * time.Hour).In(loc).Zone()
	_, after := t.Add(24 * time.Hour).In(loc).Zone()
	for _, d := range []int{before - after, after - before} {
		if d != 0 && t.Add(time.Duration(d)*time.Second).In(loc).Format(icsLocal) == wall {
			return true
		}
	}
	return false
}

func (e *Event) setPlace(pl schedule.Place) {
	n := cleanLine(pl.Name)
	if a := cleanLine(pl.Address); a != "" && a != n {
		n = strings.TrimPrefix(n+", "+a, ", ")
	}
	if n != "" {
		e.add(ics.ComponentPropertyLocation, n)
	}
	if pl.Lat != 0 || pl.Lon != 0 {
		e.add(ics.ComponentPropertyGeo, strconv.FormatFloat(pl.Lat, 'f', -1, 64)+";"+strconv.FormatFloat(pl.Lon, 'f', -1, 64))
	}
}

// setPeople sets the attendees: one per person with an e-mail address,
// each address once. People without an address are left out: a calendar
// address needs one.
func (e *Event) setPeople(groups ...[]schedule.Person) error {
	seen := map[string]bool{}
	for _, g := range groups {
		for _, p := range g {
			addr, err := cleanEmail(p.Email)
			if err != nil {
				return err
			}
			if addr == "" || seen[strings.ToLower(addr)] {
				continue
			}
			seen[strings.ToLower(addr)] = true
			e.Attendees = append(e.Attendees, schedule.Person{Name: p.Name, Email: addr})
		}
	}
	return nil
}

// maxLine is the longest content line RFC 5545 3.1 allows, in octets
// without the CRLF.
const maxLine = 75

// fold folds the CRLF-terminated lines of data longer than maxLine octets
// (RFC 5545 3.1): each continuation line is a space and at most
// maxLine-1 octets, and a cut never falls inside a UTF-8 sequence.
func fold(data []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(data) + len(data)/maxLine*3)
	for len(data) > 0 {
		i := bytes.Index(data, []byte("\r\n"))
		if i < 0 {
			i = len(data)
		}
		line := data[:i]
		limit := maxLine
		for len(line) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			out.Write(line[:cut])
			out.WriteString("\r\n ")
			line = line[cut:]
			limit = maxLine - 1
		}
		out.Write(line)
		if i < len(data) {
			out.WriteString("\r\n")
			i += 2
		}
		data = data[i:]
	}
	return out.Bytes()
}

func dedupInts(xs []int) []int {
	sort.Ints(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

var fileID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// checkFileNames makes sure every participant id is a safe file name, is
// not the coordinator's and does not collide with another on a
// case-insensitive file system.
func checkFileNames(files map[string][]Entry, dir schedule.Directory) error {
	lower := map[string]string{}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if n == CoordinatorCalendar {
			continue
		}
		id := strings.TrimSuffix(n, ".ics")
		field := "startups[" + strconv.Quote(id) + "]"
		if _, ok := dir.Startups[id]; !ok {
			field = "contacts[" + strconv.Quote(id) + "]"
		} else if _, ok := dir.Contacts[id]; ok {
			return &Error{Field: field, Err: fmt.Errorf("%w: id %q is both a start-up and a contact", ErrFileName, id)}
		}
		if !fileID.MatchString(id) {
			return &Error{Field: field, Err: fmt.Errorf("%w: %q (use letters, digits, '.', '_', '-')", ErrFileName, id)}
		}
		l := strings.ToLower(n)
		if l == CoordinatorCalendar {
			return &Error{Field: field, Err: fmt.Errorf("%w: %q is the coordinator's calendar", ErrFileName, id)}
		}
		if other, ok := lower[l]; ok {
			return &Error{Field: field, Err: fmt.Errorf("%w: %q and %q differ only in case", ErrFileName, other, id)}
		}
		lower[l] = id
	}
	return nil
}

func modeTitle(mode string) string {
	switch mode {
	case "train":
		return "Train"
	case "bus":
		return "Bus"
	case "car":
		return "Car"
	case "taxi":
		return "Taxi"
	case "walk":
		return "Walk"
	case "":
		return "Travel"
	}
	return cleanLine(mode)
}

func peopleList(ps []schedule.Person) string {
	var names []string
	for _, p := range ps {
		if n := cleanLine(p.Name); n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return " (" + strings.Join(names, ", ") + ")"
}

// cleanText makes input text safe for a TEXT value: valid UTF-8, every
// line break (CRLF, CR, LF, NEL, LS, PS) an LF, which the library escapes
// as \n, and no other control character except TAB.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\t':
			return r
		case '\r', '\u0085', '\u2028', '\u2029':
			return '\n'
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// cleanLine is cleanText for values that must stay on one line: every run
// of white space becomes one space.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// cleanCN makes a display name safe as a CN parameter. The library
// backslash-escapes , ; : " ' \ in parameter values, which RFC 5545 3.2
// does not define, so these are replaced: ' by a typographic apostrophe,
// the others by a space.
func cleanCN(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ',', ';', ':', '"', '\\':
			return ' '
		case '\'':
			return '’'
		}
		return r
	}, cleanText(s))
	return strings.Join(strings.Fields(s), " ")
}

// cleanEmail checks an address for use in a CAL-ADDRESS value, which the
// library writes unescaped: it may not hold white space, controls or
// <>"(),;: and must have one @ with text on both sides. An empty address
// gives "" and no error. A leading "mailto:" is dropped.
func cleanEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	if s == "" {
		return "", nil
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune(`<>"(),;:\`, r)
	}) {
		return "", fmt.Errorf("%w: %q", ErrEmail, s)
	}
	at := strings.IndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.Count(s, "@") != 1 {
		return "", fmt.Errorf("%w: %q", ErrEmail, s)
	}
	return s, nil
}

// prevEvent is what an earlier export says about one UID: its highest
// SEQUENCE and the contents it had (without DTSTAMP and SEQUENCE).
type prevEvent struct {
	seq       int
	contents  []string
	files     []string // the files that hold it, sorted
	cancelled bool     // STATUS:CANCELLED in every file
}

func (p prevEvent) changed(content string) bool {
	for _, c := range p.contents {
		if c != content {
			return true
		}
	}
	return false
}

// readPrevious indexes the events of an earlier export by UID.
func readPrevious(files map[string][]byte) (map[string]prevEvent, error) {
	out := map[string]prevEvent{}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		blocks, err := veventBlocks(files[n])
		if err != nil {
			var ce *Error
			if errors.As(err, &ce) {
				ce.File = n
			}
			return nil, err
		}
		for _, b := range blocks {
			if b.uid == "" {
				continue
			}
			p, seen := out[b.uid]
			if b.seq > p.seq {
				p.seq = b.seq
			}
			p.contents = append(p.contents, b.content)
			p.files = append(p.files, n)
			p.cancelled = b.cancelled && (p.cancelled || !seen)
			out[b.uid] = p
		}
	}
	return out, nil
}

// maxSequence is the largest SEQUENCE (RFC 5545 3.3.8, a signed 32-bit
// INTEGER); an earlier calendar with a larger one is read as this.
const maxSequence = 1<<31 - 1

type veventBlock struct {
	uid       string
	seq       int
	content   string
	cancelled bool
}

// veventBlocks reads the VEVENTs of an iCalendar text: it unfolds lines
// (RFC 5545 3.1) and collects each event's lines, VALARMs included.
func veventBlocks(data []byte) ([]veventBlock, error) {
	type line struct {
		no   int
		text string
	}
	var lines []line
	for i, raw := range strings.Split(string(data), "\n") {
		raw = strings.TrimSuffix(raw, "\r")
		if (strings.HasPrefix(raw, " ") || strings.HasPrefix(raw, "\t")) && len(lines) > 0 {
			lines[len(lines)-1].text += raw[1:]
			continue
		}
		if raw != "" {
			lines = append(lines, line{i + 1, raw})
		}
	}
	var out []veventBlock
	var cur *veventBlock
	var content []string
	start := 0
	for _, l := range lines {
		name, value := l.text, ""
		if i := strings.IndexAny(l.text, ":;"); i >= 0 {
			name = l.text[:i]
			if j := strings.IndexByte(l.text, ':'); j >= 0 {
				value = l.text[j+1:]
			}
		}
		name = strings.ToUpper(name)
		switch {
		case name == "BEGIN" && strings.EqualFold(value, "VEVENT"):
			if cur != nil {
				return nil, &Error{Line: l.no, Err: fmt.Errorf("%w: VEVENT inside a VEVENT", ErrPreviousCalendar)}
			}
			cur, content, start = &veventBlock{}, nil, l.no
		case cur == nil:
		case name == "END" && strings.EqualFold(value, "VEVENT"):
			cur.content = strings.Join(content, "\n")
			out = append(out, *cur)
			cur = nil
		case name == "DTSTAMP":
		case name == "SEQUENCE":
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil && errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(strings.TrimSpace(value), "-") {
				n, err = maxSequence, nil
			}
			if err != nil || n < 0 {
				return nil, &Error{Line: l.no, Err: fmt.Errorf("%w: SEQUENCE %q is not a number", ErrPreviousCalendar, value)}
			}
			cur.seq = min(n, maxSequence) // RFC 5545 3.3.8: INTEGER is 32-bit; the count stays there
		default:
			if name == "UID" {
				cur.uid = ics.FromText(value)
			}
			if name == "STATUS" && strings.EqualFold(value, "CANCELLED") {
				cur.cancelled = true
			}
			content = append(content, l.text)
		}
	}
	if cur != nil {
		return nil, &Error{Line: start, Err: fmt.Errorf("%w: VEVENT without END", ErrPreviousCalendar)}
	}
	return out, nil
}
