package report

import (
	"sort"
	"time"

	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/calendar"
	"github.com/crossmeet/crossmeet/travel"
)

// Options say what the outputs need beyond the plan and the directory.
// The zero value works: English, no languages, organisations or wish
// lists.
type Options struct {
	// Calendar are the options of the calendar files.
	Calendar calendar.Options
	// Program, when set, gives what the directory does not: each
	// start-up's and contact's languages column (the language of their
	// agenda), the contacts' organisations and roles, the start-ups'
	// wish lists (for wishes met), how many people of each start-up
	// travel (Program.People, as the planner counts them) and the
	// programme's time zone (its default language).
	Program *schedule.Program
	// Lang is the language of plan.txt and index.html, and of the
	// agendas of people whose languages column names none of sv, no and
	// en. Empty (or another language) means ZoneLang of the programme's
	// time zone, English without a programme.
	Lang Lang
	// Founders gives, by start-up id, the gender of each founder: f, m, x
	// or "" for not stated. Nil means startups.csv's founders column, by
	// way of Program; without it the founders' share of women reads "not
	// stated".
	Founders map[string][]string
	// Answers, when set, says what the people invited to a meeting
	// answered (package invite's ledger): the start the invitation they
	// answered gave, and their answers in order. ok is false for a
	// meeting not yet sent. plan.txt lists them under each trip.
	Answers func(trip, startup, contact string) (sent time.Time, answers []Answer, ok bool)
}

// An Answer is one invited person's answer to a meeting's invitation:
// an iCalendar PARTSTAT (RFC 5545 3.2.12) such as ACCEPTED, DECLINED,
// TENTATIVE or NEEDS-ACTION (no answer yet).
type Answer struct {
	Address  string
	PartStat string
}

// book is a plan with everything the writers look up about it.
type book struct {
	plan    *schedule.Plan
	dir     schedule.Directory
	lang    Lang
	langs   map[string][]string // by start-up or contact id
	org     map[string]string   // contact id -> organisation
	role    map[string]string   // contact id -> role
	wishes  map[string]int      // start-up id -> number of wishes; missing when unknown
	fields  map[string][]string // start-up id -> industry tags
	people  map[string]int      // start-up id -> people travelling (Program.People)
	minimum int                 // meetings.per_startup.min; 0 when unknown
	zone    *time.Location
	founder map[string][]string
}

func newBook(p *schedule.Plan, dir schedule.Directory, o Options) *book {
	b := &book{plan: p, dir: dir, lang: o.Lang, langs: map[string][]string{}, org: map[string]string{},
		role: map[string]string{}, wishes: map[string]int{}, fields: map[string][]string{}, people: map[string]int{}, zone: time.UTC, founder: o.Founders}
	if prog := o.Program; prog != nil {
		if prog.Zone != nil {
			b.zone = prog.Zone
		}
		if b.founder == nil {
			for _, s := range prog.Startups {
				if len(s.Founders) > 0 {
					if b.founder == nil {
						b.founder = map[string][]string{}
					}
					b.founder[s.ID] = s.Founders
				}
			}
		}
		for i := range prog.Startups {
			s := &prog.Startups[i]
			b.people[s.ID] = prog.People(s)
			b.langs[s.ID] = s.Languages
			b.wishes[s.ID] = len(s.Wishes)
			for _, f := range s.Industry {
				b.fields[s.ID] = append(b.fields[s.ID], clean(f))
			}
		}
		for _, c := range prog.Contacts {
			b.langs[c.ID] = c.Languages
			b.org[c.ID] = c.Organization
			b.role[c.ID] = c.Role
		}
		b.minimum = prog.Meetings.Min
	}
	if _, ok := catalog[b.lang]; !ok { // empty, or a language without a phrase book
		b.lang = English
		if o.Program != nil {
			b.lang = ZoneLang(b.zone)
		}
	}
	return b
}

// langOf is the language of id's agenda.
func (b *book) langOf(id string) Lang { return pickLang(b.langs[id], b.lang) }

func (b *book) place(id string) string {
	if pl, ok := b.dir.Places[id]; ok && pl.Name != "" {
		return clean(pl.Name)
	}
	return clean(id)
}

// local returns t in the time zone of place id, else the programme's.
func (b *book) local(t time.Time, id string) time.Time {
	if pl, ok := b.dir.Places[id]; ok && pl.TimeZone != nil {
		return t.In(pl.TimeZone)
	}
	return t.In(b.zone)
}

func (b *book) startupName(id string) string {
	if pt, ok := b.dir.Startups[id]; ok && pt.Name != "" {
		return clean(pt.Name)
	}
	return clean(id)
}

func (b *book) contactName(id string) string {
	if pt, ok := b.dir.Contacts[id]; ok && pt.Name != "" {
		return clean(pt.Name)
	}
	return clean(id)
}

// team lists the names of a start-up's people.
func (b *book) team(id string) []string {
	var out []string
	for _, p := range b.dir.Startups[id].People {
		if p.Name != "" {
			out = append(out, clean(p.Name))
		}
	}
	return out
}

// An entry is one line of a person's day: a leg, a change between two
// timetable legs, a meeting, lunch, or the hotel.
type entry struct {
	Kind       string // leg, change, meeting, lunch, hotel, checkout
	Start, End time.Time
	Mode       string // of a leg: train, car, ...
	From, To   string // place names of a leg; To is the change's station
	Km, CO2Kg  float64
	Service    string
	Others     []string // start-ups sharing a leg, other than the reader
	With       string   // the other side of a meeting: a contact or a start-up
	WithID     string
	Org, Role  string
	People     []string // the start-up's team, for a contact's agenda
	Fields     []string // the start-up's industry, for a contact's agenda
	Place      string   // of a meeting or the hotel
	Reasons    []string // in the reader's language
	Trip       string
}

// A day is one calendar day of one person's agenda.
type day struct {
	Date    time.Time
	Label   string
	Entries []entry
}

// startupDays returns a start-up's days in trip tp, in language l.
func (b *book) startupDays(tp *schedule.TripPlan, id string, l Lang) []day {
	var es []entry
	var prev *schedule.Leg
	for i := range tp.Legs {
		lg := &tp.Legs[i]
		if !contains(lg.Travellers, id) {
			continue
		}
		if prev != nil && prev.Service != "" && lg.Service != "" && prev.To == lg.From {
			es = append(es, entry{Kind: "change", Start: b.local(prev.Arrive, lg.From), End: b.local(lg.Depart, lg.From),
				To: b.place(lg.From), Trip: tp.ID})
		}
		var others []string
		for _, s := range lg.Travellers {
			if s != id {
				others = append(others, b.startupName(s))
			}
		}
		es = append(es, entry{Kind: "leg", Start: b.local(lg.Depart, lg.From), End: b.local(lg.Arrive, lg.To), Mode: lg.Mode,
			From: b.place(lg.From), To: b.place(lg.To), Km: lg.Km, CO2Kg: lg.CO2Kg, Service: clean(lg.Service), Others: others, Trip: tp.ID})
		prev = lg
	}
	for _, m := range tp.Meetings {
		if m.Startup != id {
			continue
		}
		es = append(es, entry{Kind: "meeting", Start: b.local(m.Start, m.Place), End: b.local(m.End, m.Place),
			With: b.contactName(m.Contact), WithID: m.Contact, Org: clean(b.org[m.Contact]), Role: clean(b.role[m.Contact]),
			Place: b.place(m.Place), Reasons: l.reasons(m.Reasons, true), Trip: tp.ID})
	}
	for _, lu := range tp.Lunches {
		if lu.Startup == id {
			es = append(es, entry{Kind: "lunch", Start: lu.Start.In(b.zone), End: lu.End.In(b.zone), Trip: tp.ID})
		}
	}
	if h := tp.Hotel; h != nil && isGuest(tp, id) {
		// The start-up's own arrival at the hotel and departure from it,
		// where its legs say; the group's check-in and out otherwise.
		in, out := h.CheckIn, h.CheckOut
		arrived, left := false, false
		for _, lg := range tp.Legs {
			if !contains(lg.Travellers, id) {
				continue
			}
			// The last arrival at the hotel before the night, the first
			// departure from it after.
			if lg.To == h.Place && lg.Arrive.Before(h.CheckOut) && (!arrived || lg.Arrive.After(in)) {
				in, arrived = lg.Arrive, true
			}
			if lg.From == h.Place && lg.Depart.After(h.CheckIn) && (!left || lg.Depart.Before(out)) {
				out, left = lg.Depart, true
			}
		}
		es = append([]entry{
			{Kind: "checkout", Start: b.local(out, h.Place), End: b.local(out, h.Place), Place: b.place(h.Place), Trip: tp.ID},
			{Kind: "hotel", Start: b.local(in, h.Place), End: b.local(out, h.Place), Place: b.place(h.Place), Trip: tp.ID},
		}, es...)
	}
	return b.days(es, l)
}

// contactDays returns a contact's days over the whole plan, in language l.
func (b *book) contactDays(id string, l Lang) []day {
	var es []entry
	for _, tp := range b.plan.Trips {
		for _, m := range tp.Meetings {
			if m.Contact != id {
				continue
			}
			es = append(es, entry{Kind: "meeting", Start: b.local(m.Start, m.Place), End: b.local(m.End, m.Place),
				With: b.startupName(m.Startup), WithID: m.Startup, People: b.team(m.Startup), Fields: b.fields[m.Startup],
				Place: b.place(m.Place), Reasons: l.reasons(m.Reasons, false), Trip: tp.ID})
		}
	}
	return b.days(es, l)
}

// days sorts entries by time (a change before the leg it leads to) and
// groups them by calendar day.
func (b *book) days(es []entry, l Lang) []day {
	sort.SliceStable(es, func(i, j int) bool { return es[i].Start.Before(es[j].Start) })
	var out []day
	for _, e := range es {
		y, m, d := e.Start.Date()
		date := time.Date(y, m, d, 0, 0, 0, 0, e.Start.Location())
		if len(out) == 0 || !out[len(out)-1].Date.Equal(date) {
			out = append(out, day{Date: date, Label: l.date(date)})
		}
		out[len(out)-1].Entries = append(out[len(out)-1].Entries, e)
	}
	return out
}

// hub is where a trip's outward journey ends: the destination of the
// last main-mode leg (train, bus, ferry or car) before the first meeting.
// It reports false for a trip without meetings or legs.
func hub(tp *schedule.TripPlan) (origin, at string, ok bool) {
	if len(tp.Legs) == 0 || len(tp.Meetings) == 0 {
		return "", "", false
	}
	first := tp.Meetings[0].Start
	for _, m := range tp.Meetings {
		if m.Start.Before(first) {
			first = m.Start
		}
	}
	for _, lg := range tp.Legs {
		if isMain(lg.Mode) && !lg.Arrive.After(first) {
			at = lg.To
		}
	}
	return tp.Legs[0].From, at, at != ""
}

// isMain says whether a mode carries the journey there and back rather
// than a move in town.
func isMain(mode string) bool {
	switch travel.Mode(mode) {
	case travel.Train, travel.Bus, travel.Ferry, travel.Car:
		return true
	}
	return false
}

// isGuest says whether start-up id stays the trip's night: one of
// Hotel.Guests, or any start-up of the trip when Guests is empty (a plan
// written before the planner named them).
func isGuest(tp *schedule.TripPlan, id string) bool {
	h := tp.Hotel
	if h == nil || !contains(tp.Startups, id) {
		return false
	}
	return len(h.Guests) == 0 || contains(h.Guests, id)
}

// guests are the start-ups that stay the trip's night (see isGuest).
func guests(tp *schedule.TripPlan) []string {
	var out []string
	for _, s := range tp.Startups {
		if isGuest(tp, s) {
			out = append(out, s)
		}
	}
	return out
}

// peopleOf is how many people of start-up id travel: Program.People
// when the options name the programme (as the planner counts them),
// else its team in the directory, at least one.
func (b *book) peopleOf(id string) int {
	if n, ok := b.people[id]; ok {
		return n
	}
	return max(1, len(b.dir.Startups[id].People))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
