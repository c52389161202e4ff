package invite

import (
	"fmt"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/calendar"
)

// The texts of the messages, in Swedish, Norwegian (bokmål) and English.
type words struct {
	weekdays                            [7]string // Sunday first, as time.Weekday
	invite, update, cancel, itinerary   string    // subject prefixes
	hello                               string
	invited, updated, cancelled         string // first line; %s is the programme
	itineraryIntro                      string
	who, when, where, about, why, reach string
	at                                  string // "role at organisation"
	looksFor                            string
	answer                              string
	noLonger                            string
	cancelledItem                       string
	footer                              string
}

var texts = map[string]words{
	"sv": {
		weekdays: [7]string{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"},
		invite:   "Inbjudan", update: "Ändrad tid eller plats", cancel: "Inställt", itinerary: "Resplan",
		hello:          "Hej!",
		invited:        "Ni är inbjudna till ett möte i %s.",
		updated:        "Mötet i %s har ändrats. Så här ser det ut nu:",
		cancelled:      "Mötet i %s är inställt.",
		itineraryIntro: "Här är er resplan i %s: resor, förflyttningar på plats och hotell. Den läggs i kalendern och behöver inget svar.",
		who:            "Vilka", when: "När", where: "Var", about: "Om", why: "Varför just detta möte", reach: "Frågor",
		at:            "vid",
		looksFor:      "söker",
		answer:        "Svara med Acceptera eller Avböj i kalendern, så får koordinatorn ert svar.",
		noLonger:      "Du är inte längre med på detta möte.",
		cancelledItem: "inställt",
		footer:        "Vänliga hälsningar",
	},
	"no": {
		weekdays: [7]string{"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"},
		invite:   "Invitasjon", update: "Endret tid eller sted", cancel: "Avlyst", itinerary: "Reiseplan",
		hello:          "Hei!",
		invited:        "Dere er invitert til et møte i %s.",
		updated:        "Møtet i %s er endret. Slik ser det ut nå:",
		cancelled:      "Møtet i %s er avlyst.",
		itineraryIntro: "Her er reiseplanen deres i %s: reiser, forflytninger på stedet og hotell. Den legges i kalenderen og trenger ikke svar.",
		who:            "Hvem", when: "Når", where: "Hvor", about: "Om", why: "Hvorfor akkurat dette møtet", reach: "Spørsmål",
		at:            "ved",
		looksFor:      "søker",
		answer:        "Svar med Godta eller Avslå i kalenderen, så får koordinatoren svaret deres.",
		noLonger:      "Du er ikke lenger med på dette møtet.",
		cancelledItem: "avlyst",
		footer:        "Vennlig hilsen",
	},
	"en": {
		weekdays: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		invite:   "Invitation", update: "New time or place", cancel: "Cancelled", itinerary: "Itinerary",
		hello:          "Hello,",
		invited:        "You are invited to a meeting in %s.",
		updated:        "The meeting in %s has changed. This is how it stands now:",
		cancelled:      "The meeting in %s is cancelled.",
		itineraryIntro: "This is your itinerary in %s: journeys, local moves and hotel. It goes into your calendar and needs no answer.",
		who:            "Who", when: "When", where: "Where", about: "About", why: "Why this meeting", reach: "Questions",
		at:            "at",
		looksFor:      "looking for",
		answer:        "Please answer with Accept or Decline in your calendar; the coordinator receives your answer.",
		noLonger:      "You are no longer part of this meeting.",
		cancelledItem: "cancelled",
		footer:        "Kind regards",
	},
}

// pickLanguage chooses the language of a message to groups of people,
// each group with its languages in order of preference: the first
// language of the first group that every group knows, among Swedish,
// Norwegian and English; English when none is shared. A group that
// states no language knows any.
func pickLanguage(groups ...[]string) string {
	var order []string
	for _, g := range groups {
		order = append(order, g...)
	}
	order = append(order, "en", "sv", "no")
	for _, l := range order {
		l = normLang(l)
		if _, ok := texts[l]; !ok {
			continue
		}
		all := true
		for _, g := range groups {
			if len(g) == 0 {
				continue
			}
			knows := false
			for _, x := range g {
				knows = knows || normLang(x) == l
			}
			all = all && knows
		}
		if all {
			return l
		}
	}
	return "en"
}

func normLang(l string) string {
	switch l = strings.ToLower(strings.TrimSpace(l)); l {
	case "nb", "nn", "nob", "nno", "nor":
		return "no"
	case "swe":
		return "sv"
	case "eng":
		return "en"
	}
	return l
}

// span formats a start and end in the zone of loc: "tisdag 2027-03-09
// 11:15–12:00 (Europe/Oslo)".
func span(w words, start, end time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	s, e := start.In(loc), end.In(loc)
	out := fmt.Sprintf("%s %s %s–", w.weekdays[s.Weekday()], s.Format("2006-01-02"), s.Format("15:04"))
	if e.YearDay() != s.YearDay() || e.Year() != s.Year() {
		out += fmt.Sprintf("%s %s ", w.weekdays[e.Weekday()], e.Format("2006-01-02"))
	}
	return out + e.Format("15:04") + " (" + loc.String() + ")"
}

func (b *builder) zoneOf(place string) *time.Location {
	if pl, ok := b.dir.Places[place]; ok && pl.TimeZone != nil {
		return pl.TimeZone
	}
	return b.prog.Zone
}

func personLine(p schedule.Person) string {
	if p.Name == "" {
		return p.Email
	}
	return p.Name + " <" + p.Email + ">"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// meetingText writes the subject and text of an invitation or update.
func (b *builder) meetingText(lang string, kind Kind, e *calendar.Event) (string, string) {
	w := texts[lang]
	prefix, first := w.invite, w.invited
	if kind == Update {
		prefix, first = w.update, w.updated
	}
	when := span(w, e.Start, e.End, b.zoneOf(e.Place))
	var t strings.Builder
	fmt.Fprintf(&t, "%s\n\n%s\n\n", w.hello, fmt.Sprintf(first, oneLine(b.prog.Name)))

	s, c := b.startup(e.Startup), b.contact(e.Contact)
	sp := b.dir.Startups[e.Startup]
	var team []string
	for _, p := range sp.People {
		team = append(team, oneLine(p.Name))
	}
	fmt.Fprintf(&t, "%s:\n", w.who)
	fmt.Fprintf(&t, "  %s (%s)\n", oneLine(sp.Name), strings.Join(team, ", "))
	contactLine := oneLine(b.dir.Contacts[e.Contact].Name)
	if c != nil && (c.Role != "" || c.Organization != "") {
		contactLine += ", " + strings.TrimSpace(oneLine(c.Role)+" "+w.at+" "+oneLine(c.Organization))
	}
	fmt.Fprintf(&t, "  %s\n\n", contactLine)
	fmt.Fprintf(&t, "%s: %s\n", w.when, when)
	where := oneLine(b.dir.Places[e.Place].Name)
	if a := oneLine(b.dir.Places[e.Place].Address); a != "" && a != where {
		where += ", " + a
	}
	fmt.Fprintf(&t, "%s: %s\n\n", w.where, where)

	if s != nil {
		fmt.Fprintf(&t, "%s %s: %s", w.about, oneLine(s.Name), strings.Join(s.Industry, ", "))
		if len(s.Needs) > 0 {
			fmt.Fprintf(&t, "; %s %s", w.looksFor, strings.Join(s.Needs, ", "))
		}
		t.WriteString("\n")
	}
	if c != nil {
		fmt.Fprintf(&t, "%s %s: %s", w.about, oneLine(c.Name), strings.TrimSpace(oneLine(c.Role)+" "+w.at+" "+oneLine(c.Organization)))
		if len(c.Tags) > 0 {
			fmt.Fprintf(&t, " (%s)", strings.Join(c.Tags, ", "))
		}
		t.WriteString("\n")
	}
	if reasons := b.reasons(e); len(reasons) > 0 {
		fmt.Fprintf(&t, "\n%s:\n", w.why)
		for _, r := range reasons {
			fmt.Fprintf(&t, "  - %s\n", oneLine(r))
		}
	}
	fmt.Fprintf(&t, "\n%s\n%s: %s\n\n%s\n%s\n", w.answer, w.reach, personLine(e.Organizer), w.footer, oneLine(e.Organizer.Name))
	subject := fmt.Sprintf("%s: %s – %s, %s", prefix, oneLine(sp.Name), oneLine(b.dir.Contacts[e.Contact].Name), strings.SplitN(when, " (", 2)[0])
	return subject, t.String()
}

// reasons finds the meeting's reasons in the plan the event came from.
func (b *builder) reasons(e *calendar.Event) []string {
	return b.why[e.Trip+"\x00"+e.Startup+"\x00"+e.Contact]
}

func (b *builder) cancelText(lang string, old *calendar.Event, uninvite bool) (string, string) {
	w := texts[lang]
	loc := b.prog.Zone
	if len(old.Start.Location().String()) > 0 && old.Start.Location() != time.UTC {
		loc = old.Start.Location()
	}
	when := span(w, old.Start, old.End, loc)
	var t strings.Builder
	first := fmt.Sprintf(w.cancelled, oneLine(b.prog.Name))
	if uninvite {
		first = w.noLonger
	}
	fmt.Fprintf(&t, "%s\n\n%s\n\n", w.hello, first)
	fmt.Fprintf(&t, "%s\n%s: %s\n\n", oneLine(old.Summary), w.when, when)
	fmt.Fprintf(&t, "%s: %s\n\n%s\n%s\n", w.reach, personLine(old.Organizer), w.footer, oneLine(old.Organizer.Name))
	return fmt.Sprintf("%s: %s, %s", w.cancel, oneLine(old.Summary), strings.SplitN(when, " (", 2)[0]), t.String()
}

func (b *builder) itineraryText(lang, id string, entries []calendar.Entry) (string, string) {
	w := texts[lang]
	name := oneLine(b.dir.Startups[id].Name)
	var t strings.Builder
	fmt.Fprintf(&t, "%s\n\n%s\n\n", w.hello, fmt.Sprintf(w.itineraryIntro, oneLine(b.prog.Name)))
	var organizer schedule.Person
	for _, en := range entries {
		e := en.Event
		if organizer.Email == "" {
			organizer = e.Organizer
		}
		loc := e.Start.Location()
		if loc == time.UTC {
			loc = b.prog.Zone
		}
		line := fmt.Sprintf("  %s %s  %s", short(w.weekdays[e.Start.In(loc).Weekday()]), e.Start.In(loc).Format("2006-01-02 15:04"), oneLine(e.Summary))
		if e.Cancelled {
			line += " (" + w.cancelledItem + ")"
		}
		t.WriteString(line + "\n")
	}
	fmt.Fprintf(&t, "\n%s: %s\n\n%s\n%s\n", w.reach, personLine(organizer), w.footer, oneLine(organizer.Name))
	return fmt.Sprintf("%s: %s – %s", w.itinerary, name, oneLine(b.prog.Name)), t.String()
}

// short returns the first three letters of a word.
func short(s string) string {
	r := []rune(s)
	if len(r) > 3 {
		r = r[:3]
	}
	return string(r)
}
