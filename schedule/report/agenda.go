package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/crossmeet/crossmeet/schedule"
)

// The pages are html/template files embedded in the package: every text
// from the input reaches them escaped. They are self-contained (inline
// CSS and SVG, no script, no network).
//
//go:embed templates/*.html templates/*.css
var templateFiles embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"css": func(s string) template.CSS { return template.CSS(s) },
}).ParseFS(templateFiles, "templates/*.html"))

func style(name string) string {
	data, err := templateFiles.ReadFile("templates/" + name)
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	return string(data)
}

// AgendaPath is the path of id's agenda among the outputs: agenda/ID.html,
// with any character other than a letter, digit, '.', '-' or '_'
// replaced by '_'. A contact whose id is also a start-up's has
// agenda/contact-ID.html (see ContactAgendaPath).
func AgendaPath(id string) string {
	return "agenda/" + strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, id) + ".html"
}

// ContactAgendaPath is the path of contact id's agenda when startups
// has the same id, else AgendaPath(id).
func ContactAgendaPath(id string, startups map[string]schedule.Party) string {
	if _, clash := startups[id]; clash {
		return AgendaPath("contact-" + id)
	}
	return AgendaPath(id)
}

// agendaData is what templates/agenda.html shows.
type agendaData struct {
	Lang, Title, Heading, Intro, PrintHint, Footer string
	Style                                          string
	Team                                           []string
	Days                                           []agendaDay
}

type agendaDay struct {
	Label, Sub string
	Items      []agendaItem
}

type agendaItem struct {
	Class, Time, Title string
	Lines              []string
	Why                string
	Reasons            []string
}

// Agendas renders agenda/ID.html for every start-up with a trip and
// every contact with a meeting, each in that person's language (the
// first of sv, no and en in their languages column, else the
// programme's): their days only, with meetings and why, places,
// journeys with changes, local moves, lunch and the hotel.
func Agendas(p *schedule.Plan, dir schedule.Directory, o Options) (map[string][]byte, error) {
	b := newBook(p, dir, o)
	out := map[string][]byte{}
	seen := map[string]bool{}
	var startups []string
	for i := range p.Trips {
		for _, s := range p.Trips[i].Startups {
			if !seen[s] {
				seen[s] = true
				startups = append(startups, s)
			}
		}
	}
	for _, s := range startups {
		l := b.langOf(s)
		w := l.w()
		d := agendaData{Lang: string(l), Heading: fmt.Sprintf(w.agendaOf, b.startupName(s)), Intro: w.yourDays, Team: b.team(s)}
		for i := range p.Trips {
			tp := &p.Trips[i]
			if !contains(tp.Startups, s) {
				continue
			}
			sub := fmt.Sprintf(w.trip, clean(tp.ID)) + " · " + l.kind(tp.Overnight) + " " + fmt.Sprintf(w.by, l.mode(tp.Mode))
			if _, at, ok := hub(tp); ok {
				sub += " " + fmt.Sprintf(w.to, b.place(at))
			}
			for _, dy := range b.startupDays(tp, s, l) {
				d.Days = append(d.Days, agendaDay{Label: capital(dy.Label), Sub: sub, Items: items(l, dy.Entries)})
			}
		}
		if err := b.renderAgenda(out, AgendaPath(s), s, l, d); err != nil {
			return nil, err
		}
	}
	var contacts []string
	met := map[string]bool{}
	for _, tp := range p.Trips {
		for _, m := range tp.Meetings {
			if !met[m.Contact] {
				met[m.Contact] = true
				contacts = append(contacts, m.Contact)
			}
		}
	}
	sort.Strings(contacts)
	for _, c := range contacts {
		l := b.langOf(c)
		w := l.w()
		d := agendaData{Lang: string(l), Heading: fmt.Sprintf(w.agendaOf, b.contactName(c)), Intro: w.contactIntro}
		for _, dy := range b.contactDays(c, l) {
			d.Days = append(d.Days, agendaDay{Label: capital(dy.Label), Items: items(l, dy.Entries)})
		}
		if err := b.renderAgenda(out, ContactAgendaPath(c, b.dir.Startups), c, l, d); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (b *book) renderAgenda(out map[string][]byte, path, id string, l Lang, d agendaData) error {
	d.Title = d.Heading
	if b.plan.Program != "" {
		d.Title += " · " + clean(b.plan.Program)
	}
	d.PrintHint, d.Footer, d.Style = l.w().printHint, l.w().generated+" · "+clean(b.plan.Program), style("agenda.css")
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, "agenda.html", d); err != nil {
		return fmt.Errorf("writing the agenda of %s: %w", id, err)
	}
	out[path] = buf.Bytes()
	return nil
}

// items turns a day's entries into the agenda's boxes.
func items(l Lang, es []entry) []agendaItem {
	w := l.w()
	var out []agendaItem
	for _, e := range es {
		it := agendaItem{Time: e.Start.Format("15:04") + "–" + e.End.Format("15:04")}
		switch e.Kind {
		case "leg":
			it.Class = "leg " + e.Mode
			it.Title = capital(l.mode(e.Mode)) + ": " + e.From + " → " + e.To
			line := fmt.Sprintf(w.km, l.dec(e.Km, 0))
			if e.Service != "" {
				line = fmt.Sprintf(w.service, e.Service) + " · " + line
			}
			it.Lines = append(it.Lines, line)
			if len(e.Others) > 0 {
				it.Lines = append(it.Lines, fmt.Sprintf(w.travellers, strings.Join(e.Others, ", ")))
			}
		case "change":
			it.Class = "change"
			it.Title = capital(fmt.Sprintf(w.change, e.To, int(e.End.Sub(e.Start).Minutes())))
		case "meeting":
			it.Class = "meeting"
			it.Title = fmt.Sprintf(w.meetWith, e.With)
			var who []string
			for _, s := range []string{e.Role, e.Org} {
				if s != "" {
					who = append(who, s)
				}
			}
			if len(who) > 0 {
				it.Lines = append(it.Lines, strings.Join(who, ", "))
			}
			if len(e.Fields) > 0 {
				it.Lines = append(it.Lines, strings.Join(e.Fields, ", "))
			}
			if len(e.People) > 0 {
				it.Lines = append(it.Lines, w.team+": "+strings.Join(e.People, ", "))
			}
			it.Lines = append(it.Lines, capital(fmt.Sprintf(w.meetAt, e.Place)))
			it.Why, it.Reasons = w.why, e.Reasons
		case "lunch":
			it.Class, it.Title = "lunch", w.lunch
		case "hotel":
			it.Class, it.Time, it.Title = "hotel", e.Start.Format("15:04"), fmt.Sprintf(w.hotel, e.Place)
		case "checkout":
			it.Class, it.Time, it.Title = "hotel", e.Start.Format("15:04"), fmt.Sprintf(w.hotelOut, e.Place)
		}
		out = append(out, it)
	}
	return out
}

// capital upper-cases the first letter of s.
func capital(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
