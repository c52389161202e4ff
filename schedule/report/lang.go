package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/schedule"
)

// A Lang is a language the outputs are written in: Swedish, Norwegian
// (bokmål) or English.
type Lang string

// The languages of the outputs.
const (
	English   Lang = "en"
	Swedish   Lang = "sv"
	Norwegian Lang = "no"
)

// Langs are the supported languages, in a fixed order.
var Langs = []Lang{English, Swedish, Norwegian}

// ParseLang reads a language code as the languages column writes it:
// sv, no, nb, nn and en, with or without a region (sv-SE, nb_NO), any
// letter case, or the language's own name (svenska, norsk, english).
// It reports false for a language the outputs are not written in.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	switch s {
	case "sv", "swe", "svenska", "swedish":
		return Swedish, true
	case "no", "nb", "nn", "nor", "nob", "nno", "norsk", "bokmål", "bokmal", "nynorsk", "norwegian":
		return Norwegian, true
	case "en", "eng", "english", "engelska", "engelsk":
		return English, true
	}
	return "", false
}

// pickLang returns the first language of a languages column that the
// outputs are written in, or def when it lists none.
func pickLang(codes []string, def Lang) Lang {
	for _, c := range codes {
		if l, ok := ParseLang(c); ok {
			return l
		}
	}
	return def
}

// ZoneLang is the programme's language when program.yaml names none:
// Swedish for a Swedish time zone, Norwegian for a Norwegian one,
// English otherwise. (Europe/Stockholm and Europe/Oslo are the zones of
// the IANA database's SE and NO entries in zone1970.tab.)
func ZoneLang(zone *time.Location) Lang {
	if zone == nil {
		return English
	}
	switch zone.String() {
	case "Europe/Stockholm":
		return Swedish
	case "Europe/Oslo", "Arctic/Longyearbyen", "Atlantic/Jan_Mayen":
		return Norwegian
	}
	return English
}

// words are the phrases of one language. Every field must be set; a
// test checks the three languages.
type words struct {
	weekdays [7]string // Sunday first, as time.Weekday
	months   [12]string
	dateFmt  string // "%[1]s %[2]d %[3]s %[4]d": weekday, day, month, year

	modes map[string]string // train, bus, car, taxi, walk, ferry

	dayTrip, oneNight string
	trip              string // "Trip %s"
	to                string // "to %s"
	by                string // "by %s"
	meeting           string // "meeting"
	meetings          string // "meetings"
	meetWith          string // "Meeting with %s"
	meetAt            string // "at %s"
	team              string // "Team"
	why               string // "Why"
	lunch             string
	hotel             string // "Night at %s"
	night             string // "Night away"
	hotelOut          string // "Check out of %s"
	change            string // "Change at %s, %d min"
	service           string // "train %s"
	km                string // "%s km"
	co2               string // "%s kg CO2e"
	yourDays          string // "Your days in the exchange"
	agendaOf          string // "Agenda for %s"
	agendas           string // "Agendas"
	contactIntro      string // "%s visits you"
	notScheduled      string
	instead           string // "Considered instead"
	scoreExplain      string // "score %s: the sum of the meetings' match scores, each from 0 to 1"
	indicators        string
	printHint         string
	generated         string // "Planned by crossmeet"
	travellers        string // "with %s"
	person, persons   string // "person", "people"
	tripCO2           string // "travel %s, hotel nights %s"
	perPersonMeeting  string // "%s per person, %s per meeting"
	allCarTrip        string // "all by car %s"
	guestsAt          string // "Night at %s for %s"
	homeFirstEvening  string // "home the first evening: %s"
	belowMin          string // "Below the minimum of %d meetings"
	belowMinAny       string // "Below the minimum of meetings", when the minimum is unknown
	notPossible       string // "Not possible"
	impossible        string // "Trips that cannot be made"
	pinsNotHeld       string // "Pins not held"
	locksNotHeld      string // "Locked meetings not held"
	answers           string // "Answers to the invitations"
	sentFor           string // "invited for %s" (the time sent, when it changed)
	partStat          map[string]string
	stopped           string // "Planning stopped early (%s): ..."
	stopCancelled     string // why: cancelled
	stopTimeLimit     string // why: the time limit
	notes             string // "To look at", the heading of the notes of index.html

	reasonWish    string // "their wish no. %d"
	reasonYour    string // "your wish no. %d"
	reasonPerson  string // "to meet %s"
	reasonOrg     string // "someone from %s"
	reasonRole    string // "someone in the role %s"
	reasonTag     string // "competence in %s"
	reasonText    string // "“%s”"
	reasonMatched string // "(matched on %s)"
	reasonTags    string // "shared fields: %s"
	reasonNoLang  string
	reasonPinned  string

	// indicator labels
	iMeetings, iStartups, iTravellers, iContacts, iWishesTop3, iWishesAll          string
	iWomenFounders, iWomenUsed, iWomenNetwork, iCO2, iCO2Mode, iCO2Startup         string
	iCO2Person, iCO2Meeting, iAllCar, iSaved, iNotStated, iOf, iTarget, iByStartup string
	iCO2Travel, iHotel                                                             string
	iTimeline, iRoutes, iCharts, iWishesMet, iMeetingsPer                          string
}

var catalog = map[Lang]*words{
	English: {
		weekdays: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		months:   [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		dateFmt:  "%[1]s %[2]d %[3]s %[4]d",
		modes:    map[string]string{"train": "train", "bus": "bus", "car": "car", "taxi": "taxi", "walk": "walk", "ferry": "ferry"},
		dayTrip:  "day trip", oneNight: "one night", trip: "Trip %s", to: "to %s", by: "by %s",
		meeting: "meeting", meetings: "meetings", meetWith: "Meeting with %s", meetAt: "at %s",
		team: "Team", why: "Why", lunch: "Lunch", hotel: "Night at %s", night: "Night away", hotelOut: "Check out of %s",
		change: "change at %s, %d min", service: "service %s", km: "%s km", co2: "%s kg CO2e",
		yourDays: "Your days in the programme", agendaOf: "Agenda for %s", agendas: "Agendas", contactIntro: "Visitors from the exchange",
		notScheduled: "Not scheduled", instead: "Considered instead",
		scoreExplain: "score %s: the sum of the meetings' match scores (each from 0 to 1)",
		indicators:   "Indicators", printHint: "Print this page for a paper copy: one page per day.",
		generated: "Planned with crossmeet", travellers: "with %s",
		person: "person", persons: "people", tripCO2: "travel %s, hotel nights %s", perPersonMeeting: "%s per person, %s per meeting",
		allCarTrip: "all by car %s", guestsAt: "Night at %s for %s", homeFirstEvening: "home the first evening: %s",
		belowMin: "Below the minimum of %d meetings", belowMinAny: "Below the minimum of meetings", notPossible: "Not possible",
		impossible: "Trips that cannot be made", pinsNotHeld: "Pinned meetings not held",
		locksNotHeld: "Locked meetings not held", answers: "Answers to the invitations", sentFor: "invited for %s",
		partStat:      map[string]string{"ACCEPTED": "accepted", "DECLINED": "declined", "TENTATIVE": "tentative", "DELEGATED": "delegated", "NEEDS-ACTION": "no answer yet"},
		stopped:       "Planning stopped early (%s): the plan keeps every rule but may hold fewer meetings.",
		stopCancelled: "cancelled", stopTimeLimit: "time limit reached", notes: "To look at",
		reasonWish: "their wish no. %d", reasonYour: "your wish no. %d", reasonPerson: "to meet %s",
		reasonOrg: "someone from %s", reasonRole: "someone in the role %s", reasonTag: "competence in %s", reasonText: "“%s”",
		reasonMatched: "(matched on %s)", reasonTags: "shared fields: %s", reasonNoLang: "no language in common is listed",
		reasonPinned: "arranged by the coordinator",
		iMeetings:    "meetings held", iStartups: "start-ups that travelled", iTravellers: "people who travelled",
		iContacts: "contacts met", iWishesTop3: "top-3 wishes met", iWishesAll: "all wishes met",
		iWomenFounders: "women among founders who travelled", iWomenUsed: "women among contacts met",
		iWomenNetwork: "women in the whole network", iCO2: "emissions in total", iCO2Mode: "travel by mode",
		iCO2Travel: "travel emissions", iHotel: "hotel nights",
		iCO2Startup: "per start-up", iCO2Person: "per person", iCO2Meeting: "per meeting",
		iAllCar: "the same trips all by car", iSaved: "avoided against the car", iNotStated: "not stated",
		iOf: "of", iTarget: "target", iByStartup: "By start-up",
		iTimeline: "Timeline", iRoutes: "Routes", iCharts: "Indicators", iWishesMet: "Wishes met", iMeetingsPer: "Meetings per start-up",
	},
	Swedish: {
		weekdays: [7]string{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"},
		months:   [12]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
		dateFmt:  "%[1]s %[2]d %[3]s %[4]d",
		modes:    map[string]string{"train": "tåg", "bus": "buss", "car": "bil", "taxi": "taxi", "walk": "till fots", "ferry": "färja"},
		dayTrip:  "dagsresa", oneNight: "en natt", trip: "Resa %s", to: "till %s", by: "med %s",
		meeting: "möte", meetings: "möten", meetWith: "Möte med %s", meetAt: "i %s",
		team: "Team", why: "Varför", lunch: "Lunch", hotel: "Natt på %s", night: "Övernattning", hotelOut: "Utcheckning från %s",
		change: "byte i %s, %d min", service: "tur %s", km: "%s km", co2: "%s kg CO2e",
		yourDays: "Dina dagar i programmet", agendaOf: "Program för %s", agendas: "Program", contactIntro: "Besök från utbytet",
		notScheduled: "Inte inplanerat", instead: "Övervägt i stället",
		scoreExplain: "poäng %s: summan av mötenas matchningspoäng (var och en från 0 till 1)",
		indicators:   "Indikatorer", printHint: "Skriv ut sidan för en papperskopia: en sida per dag.",
		generated: "Planerat med crossmeet", travellers: "med %s",
		person: "person", persons: "personer", tripCO2: "resor %s, hotellnätter %s", perPersonMeeting: "%s per person, %s per möte",
		allCarTrip: "allt med bil %s", guestsAt: "Natt på %s för %s", homeFirstEvening: "hem första kvällen: %s",
		belowMin: "Under minimum på %d möten", belowMinAny: "Under minimum av möten", notPossible: "Inte möjligt",
		impossible: "Resor som inte går att göra", pinsNotHeld: "Bestämda möten som inte blev av",
		locksNotHeld: "Låsta möten som inte kan hållas", answers: "Svar på inbjudningarna", sentFor: "inbjuden till %s",
		partStat:      map[string]string{"ACCEPTED": "tackat ja", "DECLINED": "tackat nej", "TENTATIVE": "preliminärt", "DELEGATED": "delegerat", "NEEDS-ACTION": "inget svar än"},
		stopped:       "Planeringen avbröts i förtid (%s): planen följer alla regler men kan ha färre möten.",
		stopCancelled: "avbruten", stopTimeLimit: "tidsgränsen nådd", notes: "Att titta på",
		reasonWish: "deras önskemål nr %d", reasonYour: "ert önskemål nr %d", reasonPerson: "att träffa %s",
		reasonOrg: "någon från %s", reasonRole: "någon med rollen %s", reasonTag: "kompetens inom %s", reasonText: "”%s”",
		reasonMatched: "(träff på %s)", reasonTags: "gemensamma områden: %s", reasonNoLang: "inget gemensamt språk angivet",
		reasonPinned: "bestämt av koordinatorn",
		iMeetings:    "möten", iStartups: "startups som reste", iTravellers: "personer som reste",
		iContacts: "kontakter som träffades", iWishesTop3: "uppfyllda topp-3-önskemål", iWishesAll: "uppfyllda önskemål",
		iWomenFounders: "kvinnor bland grundare som reste", iWomenUsed: "kvinnor bland kontakter som träffades",
		iWomenNetwork: "kvinnor i hela nätverket", iCO2: "utsläpp totalt", iCO2Mode: "resor per färdsätt",
		iCO2Travel: "utsläpp från resor", iHotel: "hotellnätter",
		iCO2Startup: "per startup", iCO2Person: "per person", iCO2Meeting: "per möte",
		iAllCar: "samma resor med bil", iSaved: "undvikt jämfört med bil", iNotStated: "ej angivet",
		iOf: "av", iTarget: "mål", iByStartup: "Per startup",
		iTimeline: "Tidslinje", iRoutes: "Resvägar", iCharts: "Indikatorer", iWishesMet: "Uppfyllda önskemål", iMeetingsPer: "Möten per startup",
	},
	Norwegian: {
		weekdays: [7]string{"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"},
		months:   [12]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},
		dateFmt:  "%[1]s %[2]d. %[3]s %[4]d",
		modes:    map[string]string{"train": "tog", "bus": "buss", "car": "bil", "taxi": "taxi", "walk": "til fots", "ferry": "ferje"},
		dayTrip:  "dagstur", oneNight: "én natt", trip: "Reise %s", to: "til %s", by: "med %s",
		meeting: "møte", meetings: "møter", meetWith: "Møte med %s", meetAt: "på %s",
		team: "Team", why: "Hvorfor", lunch: "Lunsj", hotel: "Natt på %s", night: "Övernattning", hotelOut: "Utsjekking fra %s",
		change: "bytte på %s, %d min", service: "avgang %s", km: "%s km", co2: "%s kg CO2e",
		yourDays: "Dine dager i programmet", agendaOf: "Program for %s", agendas: "Programmer", contactIntro: "Besøk fra utvekslingen",
		notScheduled: "Ikke planlagt", instead: "Vurdert i stedet",
		scoreExplain: "poeng %s: summen av møtenes matchpoeng (hver fra 0 til 1)",
		indicators:   "Indikatorer", printHint: "Skriv ut siden for en papirkopi: én side per dag.",
		generated: "Planlagt med crossmeet", travellers: "med %s",
		person: "person", persons: "personer", tripCO2: "reiser %s, hotellnetter %s", perPersonMeeting: "%s per person, %s per møte",
		allCarTrip: "alt med bil %s", guestsAt: "Natt på %s for %s", homeFirstEvening: "hjem første kveld: %s",
		belowMin: "Under minimum på %d møter", belowMinAny: "Under minimum av møter", notPossible: "Ikke mulig",
		impossible: "Reiser som ikke lar seg gjennomføre", pinsNotHeld: "Bestemte møter som ikke ble holdt",
		locksNotHeld: "Låste møter som ikke kan holdes", answers: "Svar på invitasjonene", sentFor: "invitert til %s",
		partStat:      map[string]string{"ACCEPTED": "takket ja", "DECLINED": "takket nei", "TENTATIVE": "foreløpig", "DELEGATED": "delegert", "NEEDS-ACTION": "ikke svart ennå"},
		stopped:       "Planleggingen stoppet tidlig (%s): planen følger alle regler, men kan ha færre møter.",
		stopCancelled: "avbrutt", stopTimeLimit: "tidsgrensen nådd", notes: "Å se på",
		reasonWish: "deres ønske nr. %d", reasonYour: "deres ønske nr. %d", reasonPerson: "å møte %s",
		reasonOrg: "noen fra %s", reasonRole: "noen med rollen %s", reasonTag: "kompetanse innen %s", reasonText: "«%s»",
		reasonMatched: "(treff på %s)", reasonTags: "felles områder: %s", reasonNoLang: "ikke oppgitt noe felles språk",
		reasonPinned: "bestemt av koordinatoren",
		iMeetings:    "møter", iStartups: "oppstartsbedrifter som reiste", iTravellers: "personer som reiste",
		iContacts: "kontakter som ble møtt", iWishesTop3: "oppfylte topp 3-ønsker", iWishesAll: "oppfylte ønsker",
		iWomenFounders: "kvinner blant gründere som reiste", iWomenUsed: "kvinner blant kontakter som ble møtt",
		iWomenNetwork: "kvinner i hele nettverket", iCO2: "utslipp totalt", iCO2Mode: "reiser per transportmiddel",
		iCO2Travel: "utslipp fra reiser", iHotel: "hotellnetter",
		iCO2Startup: "per oppstartsbedrift", iCO2Person: "per person", iCO2Meeting: "per møte",
		iAllCar: "de samme reisene med bil", iSaved: "unngått sammenlignet med bil", iNotStated: "ikke oppgitt",
		iOf: "av", iTarget: "mål", iByStartup: "Per oppstartsbedrift",
		iTimeline: "Tidslinje", iRoutes: "Reiseruter", iCharts: "Indikatorer", iWishesMet: "Oppfylte ønsker", iMeetingsPer: "Møter per oppstartsbedrift",
	},
}

// w returns the phrases of l, English for an unknown language.
func (l Lang) w() *words {
	if w, ok := catalog[l]; ok {
		return w
	}
	return catalog[English]
}

// date writes a day as people in l write it: "Tuesday 9 March 2027",
// "tisdag 9 mars 2027", "tirsdag 9. mars 2027".
func (l Lang) date(t time.Time) string {
	w := l.w()
	return fmt.Sprintf(w.dateFmt, w.weekdays[t.Weekday()], t.Day(), w.months[t.Month()-1], t.Year())
}

// shortDay writes the weekday and date in a few letters, for the
// timeline: "Tue 9/3", "tis 9/3".
func (l Lang) shortDay(t time.Time) string {
	wd := []rune(l.w().weekdays[t.Weekday()])
	return fmt.Sprintf("%s %d/%d", string(wd[:3]), t.Day(), int(t.Month()))
}

// mode names a travel mode in l; an unknown mode keeps its name.
func (l Lang) mode(m string) string {
	if s, ok := l.w().modes[m]; ok {
		return s
	}
	return m
}

// dec writes x with prec decimals as l writes numbers: 300.8 in
// English, 300,8 in Swedish and Norwegian.
func (l Lang) dec(x float64, prec int) string {
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if l == Swedish || l == Norwegian {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// kg writes an emission: "300.8 kg CO2e".
func (l Lang) kg(x float64) string { return fmt.Sprintf(l.w().co2, l.dec(x, 1)) }

// kind names a trip's kind in l.
func (l Lang) kind(overnight bool) string {
	if overnight {
		return l.w().oneNight
	}
	return l.w().dayTrip
}

// people writes "1 person", "3 people".
func (l Lang) people(n int) string {
	if n == 1 {
		return "1 " + l.w().person
	}
	return strconv.Itoa(n) + " " + l.w().persons
}

// stop says why planning stopped early (schedule.Plan.Stop) in l;
// another reason is kept as written.
func (l Lang) stop(why string) string {
	w := l.w()
	switch why {
	case schedule.StopCancelled:
		why = w.stopCancelled
	case schedule.StopTimeLimit:
		why = w.stopTimeLimit
	default:
		why = clean(why)
	}
	return fmt.Sprintf(w.stopped, why)
}

// count writes "1 meeting", "2 möten".
func (l Lang) count(n int) string {
	if n == 1 {
		return "1 " + l.w().meeting
	}
	return strconv.Itoa(n) + " " + l.w().meetings
}

// The reasons of a meeting are written by match.Score (match/score.go):
// "wish N: KIND TEXT", optionally followed by " (WORDS)" for a free-text
// wish, "tags: A, B", "no shared language" and "pinned". reasonRE reads
// the first form; anything else is kept as written.
var reasonRE = regexp.MustCompile(`^wish (\d+): (person|org|role|tag|text) (.*?)(?: \(([^()]*)\))?$`)

// wishOf returns the wish priority a reason names, or 0.
func wishOf(reason string) int {
	m := reasonRE.FindStringSubmatch(reason)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// reason rewrites one reason of a meeting for a person in l. own says
// whether the reader is the start-up (your wish) or the contact (their
// wish).
func (l Lang) reason(r string, own bool) string {
	w := l.w()
	switch {
	case r == "pinned":
		return w.reasonPinned
	case r == "no shared language":
		return w.reasonNoLang
	case strings.HasPrefix(r, "tags: "):
		return fmt.Sprintf(w.reasonTags, clean(strings.TrimPrefix(r, "tags: ")))
	}
	m := reasonRE.FindStringSubmatch(r)
	if m == nil {
		return clean(r)
	}
	n, _ := strconv.Atoi(m[1])
	head := fmt.Sprintf(w.reasonWish, n)
	if own {
		head = fmt.Sprintf(w.reasonYour, n)
	}
	text, matched := clean(m[3]), clean(m[4])
	if m[2] != "text" && m[4] != "" { // a name with parentheses, not a matched word
		text, matched = text+" ("+matched+")", ""
	}
	var what string
	switch m[2] {
	case "person":
		what = fmt.Sprintf(w.reasonPerson, text)
	case "org":
		what = fmt.Sprintf(w.reasonOrg, text)
	case "role":
		what = fmt.Sprintf(w.reasonRole, text)
	case "tag":
		what = fmt.Sprintf(w.reasonTag, text)
	default:
		if uq, err := strconv.Unquote(text); err == nil {
			text = uq
		}
		what = fmt.Sprintf(w.reasonText, text)
	}
	s := head + ": " + what
	if matched != "" {
		s += " " + fmt.Sprintf(w.reasonMatched, matched)
	}
	return s
}

// reasons rewrites every reason of a meeting; see reason.
func (l Lang) reasons(rs []string, own bool) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, l.reason(r, own))
	}
	return out
}
