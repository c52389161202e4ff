package report

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/schedule"
)

// clean makes a text from the input (a name, a place, a reason) safe to
// print: every writer passes input text through it (see Clean).
// html/template escapes the HTML pages on top of it.
func clean(s string) string { return Clean(s) }

// Text renders the plan for the coordinator, in the programme's language
// (see Options.Lang): each trip with what it is and why it was chosen,
// then one block per start-up and day in time order, what was left out,
// and the funders' indicators. It is what plan.txt holds.
func Text(p *schedule.Plan, dir schedule.Directory, o Options) []byte {
	b := newBook(p, dir, o)
	l, w := b.lang, b.lang.w()
	var out bytes.Buffer
	title := clean(p.Program)
	if title == "" {
		title = "crossmeet"
	}
	fmt.Fprintf(&out, "%s\n%s\n", title, strings.Repeat("=", len([]rune(title))))
	if p.Stop != "" {
		fmt.Fprintf(&out, "\n%s\n", l.stop(p.Stop))
	}
	for i := range p.Trips {
		tp := &p.Trips[i]
		head := fmt.Sprintf(w.trip, clean(tp.ID))
		if len(tp.Legs) > 0 {
			head += ", " + l.date(b.local(tp.Legs[0].Depart, tp.Legs[0].From))
		}
		head += ", " + l.kind(tp.Overnight) + " " + fmt.Sprintf(w.by, l.mode(tp.Mode))
		if _, at, ok := hub(tp); ok {
			head += " " + fmt.Sprintf(w.to, b.place(at))
		}
		fmt.Fprintf(&out, "\n%s\n%s\n", head, strings.Repeat("-", len([]rune(head))))
		fmt.Fprintf(&out, "  %s, %s; %s\n", l.count(len(tp.Meetings)), l.kg(tp.CO2Kg), fmt.Sprintf(w.scoreExplain, l.dec(tp.Score, 2)))
		for _, line := range b.tripFigures(tp) {
			fmt.Fprintf(&out, "  %s\n", line)
		}
		for _, a := range tp.Alternatives {
			fmt.Fprintf(&out, "  %s: %s\n", w.instead, l.alternative(a))
		}
		for _, np := range tp.NotPossible {
			fmt.Fprintf(&out, "  %s: %s\n", w.notPossible, l.notPossible(np))
		}
		for _, s := range tp.Startups {
			for _, d := range b.startupDays(tp, s, l) {
				fmt.Fprintf(&out, "\n  %s (%s), %s\n", b.startupName(s), clean(s), d.Label)
				for _, e := range d.Entries {
					writeEntry(&out, l, e)
				}
			}
		}
		if len(tp.Unscheduled) > 0 {
			fmt.Fprintf(&out, "\n  %s:\n", w.notScheduled)
			for _, u := range tp.Unscheduled {
				if u.Contact == "" {
					fmt.Fprintf(&out, "    %s: %s\n", clean(u.Startup), clean(u.Reason))
					continue
				}
				fmt.Fprintf(&out, "    %s, %s: %s\n", clean(u.Startup), clean(u.Contact), clean(u.Reason))
			}
		}
	}
	if len(p.Impossible) > 0 {
		fmt.Fprintf(&out, "\n%s\n%s\n", w.impossible, strings.Repeat("-", len([]rune(w.impossible))))
		for _, it := range p.Impossible {
			fmt.Fprintf(&out, "  %s\n", fmt.Sprintf(w.trip, clean(it.ID)))
			for _, r := range it.Reasons {
				fmt.Fprintf(&out, "    %s\n", l.notPossible(r))
			}
		}
	}
	if len(p.PinsNotHeld) > 0 {
		fmt.Fprintf(&out, "\n%s\n%s\n", w.pinsNotHeld, strings.Repeat("-", len([]rune(w.pinsNotHeld))))
		for _, u := range p.PinsNotHeld {
			fmt.Fprintf(&out, "  %s\n", b.pinLine(u))
		}
	}
	if len(p.LocksNotHeld) > 0 {
		fmt.Fprintf(&out, "\n%s\n%s\n", w.locksNotHeld, strings.Repeat("-", len([]rune(w.locksNotHeld))))
		for _, u := range p.LocksNotHeld {
			fmt.Fprintf(&out, "  %s\n", b.pinLine(u))
		}
	}
	b.writeAnswers(&out, o)
	writeIndicators(&out, l, b.indicators())
	return out.Bytes()
}

// tripFigures are the lines under a trip's head, for plan.txt and
// index.html: its people and emissions as the planner counted them
// (travel and hotel nights apart, per person and per meeting, all by
// car), who stays the night, and the start-ups below the minimum.
func (b *book) tripFigures(tp *schedule.TripPlan) []string {
	l, w := b.lang, b.lang.w()
	hotel, travel := 0.0, tp.CO2Kg
	if tp.Hotel != nil {
		hotel = tp.Hotel.CO2Kg
		travel = round3(tp.CO2Kg - hotel)
	}
	co2 := l.kg(travel)
	if tp.Hotel != nil {
		co2 = fmt.Sprintf(w.tripCO2, l.kg(travel), l.kg(hotel))
	}
	lines := []string{fmt.Sprintf("%s; %s; %s; %s", l.people(tp.People), co2,
		fmt.Sprintf(w.perPersonMeeting, l.kg(tp.CO2KgPerPerson), l.kg(tp.CO2KgPerMeeting)), fmt.Sprintf(w.allCarTrip, l.kg(tp.AllCarCO2Kg)))}
	if tp.Hotel != nil {
		stay := guests(tp)
		line := fmt.Sprintf(w.guestsAt, b.place(tp.Hotel.Place), b.names(stay))
		var home []string
		for _, s := range tp.Startups {
			if !contains(stay, s) {
				home = append(home, s)
			}
		}
		if len(home) > 0 {
			line += "; " + fmt.Sprintf(w.homeFirstEvening, b.names(home))
		}
		lines = append(lines, line)
	}
	if tp.Why != "" {
		lines = append(lines, clean(tp.Why)) // a formed trip: why these start-ups, this date
	}
	if len(tp.BelowMinimum) > 0 {
		head := w.belowMinAny
		if b.minimum > 0 {
			head = fmt.Sprintf(w.belowMin, b.minimum)
		}
		lines = append(lines, head+": "+b.names(tp.BelowMinimum))
	}
	return lines
}

// names lists start-ups as "Name (ID), Name (ID)".
func (b *book) names(ids []string) string {
	out := make([]string, 0, len(ids))
	for _, s := range ids {
		out = append(out, b.startupName(s)+" ("+clean(s)+")")
	}
	return strings.Join(out, ", ")
}

// pinLine writes a pin the plan does not hold with its reason.
func (b *book) pinLine(u schedule.Unscheduled) string {
	who := b.startupName(u.Startup) + " (" + clean(u.Startup) + ")"
	if u.Contact != "" {
		who += " – " + b.contactName(u.Contact) + " (" + clean(u.Contact) + ")"
	}
	return who + ": " + clean(u.Reason)
}

// writeEntry writes one line of a day, and the reasons of a meeting
// under it.
func writeEntry(out *bytes.Buffer, l Lang, e entry) {
	w := l.w()
	span := e.Start.Format("15:04") + "-" + e.End.Format("15:04")
	switch e.Kind {
	case "leg":
		text := fmt.Sprintf("%-9s %s -> %s, %s", l.mode(e.Mode), e.From, e.To, fmt.Sprintf(w.km, l.dec(e.Km, 0)))
		if e.Service != "" {
			text += ", " + fmt.Sprintf(w.service, e.Service)
		}
		if len(e.Others) > 0 {
			text += ", " + fmt.Sprintf(w.travellers, strings.Join(e.Others, ", "))
		}
		fmt.Fprintf(out, "    %s  %s\n", span, text)
	case "change":
		fmt.Fprintf(out, "    %s  %s\n", span, fmt.Sprintf(w.change, e.To, int(e.End.Sub(e.Start).Minutes())))
	case "meeting":
		who := e.With + " (" + clean(e.WithID) + ")"
		if e.Org != "" {
			who += ", " + e.Org
		}
		fmt.Fprintf(out, "    %s  %s, %s\n", span, fmt.Sprintf(w.meetWith, who), fmt.Sprintf(w.meetAt, e.Place))
		if len(e.Reasons) > 0 {
			fmt.Fprintf(out, "                 %s: %s\n", w.why, strings.Join(e.Reasons, "; "))
		}
	case "lunch":
		fmt.Fprintf(out, "    %s  %s\n", span, w.lunch)
	case "hotel":
		fmt.Fprintf(out, "    %s-       %s\n", e.Start.Format("15:04"), fmt.Sprintf(w.hotel, e.Place))
	case "checkout":
		fmt.Fprintf(out, "          %s  %s\n", e.Start.Format("15:04"), fmt.Sprintf(w.hotelOut, e.Place))
	}
}

// The planner writes an alternative as "MODE KIND DATE: N meetings,
// ±X kg CO2" (schedule/planner.go); altRE reads it so that it can be
// said in the reader's language. Anything else is kept as written.
var altRE = regexp.MustCompile(`^(\w+) (day trip|one night) (\d{4}-\d\d-\d\d): (\d+) meetings?, ([+-]\d+(?:\.\d+)?) kg CO2$`)

func (l Lang) alternative(a schedule.Alternative) string {
	m := altRE.FindStringSubmatch(a.Summary)
	if m == nil {
		return clean(a.Summary)
	}
	n, _ := strconv.Atoi(m[4])
	day, err := time.Parse("2006-01-02", m[3])
	date := m[3]
	if err == nil {
		date = l.date(day)
	}
	delta := m[5]
	if x, err := strconv.ParseFloat(m[5][1:], 64); err == nil {
		delta = m[5][:1] + l.dec(x, 1) // the sign as the planner wrote it
	}
	return fmt.Sprintf("%s %s, %s: %s, %s", l.kind(m[2] == "one night"), fmt.Sprintf(l.w().by, l.mode(m[1])), date, l.count(n), fmt.Sprintf(l.w().co2, delta))
}

// The planner writes an option it cannot make as "MODE KIND DATE: not
// possible: REASON" (schedule/planner.go); notPossibleRE reads it so that
// the option is named in the reader's language. The reason is the
// planner's, kept as written, and so is anything else.
var notPossibleRE = regexp.MustCompile(`^(\w+) (day trip|one night) (\d{4}-\d\d-\d\d): not possible: (.*)$`)

func (l Lang) notPossible(s string) string {
	m := notPossibleRE.FindStringSubmatch(s)
	if m == nil {
		return clean(s)
	}
	date := m[3]
	if day, err := time.Parse("2006-01-02", m[3]); err == nil {
		date = l.date(day)
	}
	return fmt.Sprintf("%s %s, %s: %s", l.kind(m[2] == "one night"), fmt.Sprintf(l.w().by, l.mode(m[1])), date, clean(m[4]))
}

// writeIndicators writes the funders' figures, the same as
// indicators.json.
func writeIndicators(out *bytes.Buffer, l Lang, in Indicators) {
	w := l.w()
	fmt.Fprintf(out, "\n%s\n%s\n", w.indicators, strings.Repeat("-", len([]rune(w.indicators))))
	for _, r := range indicatorRows(l, in) {
		fmt.Fprintf(out, "  %-40s %s\n", r[0]+":", r[1])
	}
	fmt.Fprintf(out, "\n  %s:\n", w.iByStartup)
	width := 0
	names := make([]string, len(in.ByStartup))
	for i, s := range in.ByStartup {
		names[i] = clean(s.Name) + " (" + clean(s.ID) + ")"
		width = max(width, len([]rune(names[i])))
	}
	for i, s := range in.ByStartup {
		pad := strings.Repeat(" ", width-len([]rune(names[i])))
		fmt.Fprintf(out, "    %s%s  %-4s %s, %s, %s\n", names[i], pad, clean(s.Trip), l.count(s.Meetings), l.people(s.People), l.kg(s.CO2Kg))
	}
}

// indicatorRows are the indicators as label and value in l, for plan.txt
// and index.html alike.
func indicatorRows(l Lang, in Indicators) [][2]string {
	w := l.w()
	pct := func(c Count) string {
		if c.Total == 0 {
			return fmt.Sprintf("%d (%s)", c.Met, w.iNotStated)
		}
		return fmt.Sprintf("%d %s %d (%.0f%%)", c.Met, w.iOf, c.Total, 100*float64(c.Met)/float64(c.Total))
	}
	shr := func(s Share) string {
		t := ""
		if s.Target > 0 {
			t = fmt.Sprintf("; %s %.0f%%", w.iTarget, 100*s.Target)
		}
		if s.Value == nil {
			return w.iNotStated + t
		}
		return fmt.Sprintf("%d %s %d (%.0f%%%s)", s.Women, w.iOf, s.Stated, 100**s.Value, t)
	}
	modes := make([]string, 0, len(in.CO2KgByMode))
	for m := range in.CO2KgByMode {
		modes = append(modes, m)
	}
	sort.Strings(modes)
	var byMode []string
	for _, m := range modes {
		byMode = append(byMode, l.mode(m)+" "+l.dec(in.CO2KgByMode[m], 1))
	}
	travelled := strconv.Itoa(in.Travelled)
	if in.Startups > 0 {
		travelled += " " + w.iOf + " " + strconv.Itoa(in.Startups)
	}
	used := strconv.Itoa(in.ContactsUsed)
	if in.Contacts > 0 {
		used += " " + w.iOf + " " + strconv.Itoa(in.Contacts)
	}
	return [][2]string{
		{w.iMeetings, strconv.Itoa(in.Meetings)},
		{w.iStartups, travelled},
		{w.iTravellers, strconv.Itoa(in.People)},
		{w.iContacts, used},
		{w.iWishesTop3, pct(in.WishesTop3)},
		{w.iWishesAll, pct(in.WishesAll)},
		{w.iWomenFounders, shr(in.WomenFounders)},
		{w.iWomenUsed, shr(in.WomenUsed)},
		{w.iWomenNetwork, shr(in.WomenNetwork)},
		{w.iCO2Travel, l.kg(in.TravelCO2Kg)},
		{w.iCO2Mode, strings.Join(byMode, ", ")},
		{w.iHotel, l.kg(in.HotelCO2Kg)},
		{w.iCO2, l.kg(in.CO2Kg)},
		{w.iCO2 + ", " + w.iCO2Person, l.kg(in.CO2KgPerPerson)},
		{w.iCO2 + ", " + w.iCO2Meeting, l.kg(in.CO2KgPerMeet)},
		{w.iAllCar, l.kg(in.AllCarKg)},
		{w.iSaved, l.kg(in.AvoidedKg)},
	}
}

// writeAnswers lists, per trip and meeting in time order, what the
// people invited answered (Options.Answers), with the time they were
// invited for when the plan has since moved the meeting. Nothing is
// written before any invitation was sent.
func (b *book) writeAnswers(out *bytes.Buffer, o Options) {
	if o.Answers == nil {
		return
	}
	l, w := b.lang, b.lang.w()
	var lines []string
	for _, tp := range b.plan.Trips {
		ms := append([]schedule.Meeting(nil), tp.Meetings...)
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start.Before(ms[j].Start) })
		for _, m := range ms {
			sent, answers, ok := o.Answers(tp.ID, m.Startup, m.Contact)
			if !ok {
				continue
			}
			start := b.local(m.Start, m.Place)
			head := fmt.Sprintf("%s %s, %s – %s", clean(tp.ID), l.date(start)+" "+start.Format("15:04"),
				b.startupName(m.Startup), b.contactName(m.Contact))
			if !sent.Equal(m.Start) {
				at := b.local(sent, m.Place)
				head += " (" + fmt.Sprintf(w.sentFor, l.date(at)+" "+at.Format("15:04")) + ")"
			}
			lines = append(lines, "  "+head)
			for _, a := range answers {
				stat := w.partStat[strings.ToUpper(a.PartStat)]
				if stat == "" {
					stat = clean(strings.ToLower(a.PartStat))
				}
				lines = append(lines, fmt.Sprintf("    %-40s %s", clean(a.Address), stat))
			}
		}
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(out, "\n%s\n%s\n%s\n", w.answers, strings.Repeat("-", len([]rune(w.answers))), strings.Join(lines, "\n"))
}
