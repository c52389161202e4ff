package report

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/internal/wording"
	"github.com/crossmeet/crossmeet/schedule"
)

// Text renders the plan for people: one block per trip and day, in time
// order, then what was left out and the programme's totals. It is what
// plan.txt holds.
func Text(p *schedule.Plan, dir schedule.Directory) []byte {
	var b bytes.Buffer
	title := Clean(p.Program)
	if title == "" {
		title = "crossmeet plan"
	}
	fmt.Fprintf(&b, "%s\n%s\n", title, strings.Repeat("=", len([]rune(title))))
	place := func(id string) string {
		if pl, ok := dir.Places[id]; ok && pl.Name != "" {
			return Clean(pl.Name)
		}
		return Clean(id)
	}
	party := func(m map[string]schedule.Party, id string) string {
		if pt, ok := m[id]; ok && pt.Name != "" {
			return fmt.Sprintf("%s (%s)", Clean(pt.Name), Clean(id))
		}
		return Clean(id)
	}
	for _, tp := range p.Trips {
		var who []string
		for _, s := range tp.Startups {
			who = append(who, party(dir.Startups, s))
		}
		fmt.Fprintf(&b, "\nTrip %s, %s, %s: %s\n", Clean(tp.ID), Clean(tp.Date), Clean(tp.Kind()), strings.Join(who, ", "))
		fmt.Fprintf(&b, "  %s, %s, score %.2f, %.1f kg CO2e\n", Clean(tp.Mode), wording.Plural(len(tp.Meetings), "meeting"), tp.Score, tp.CO2Kg)
		for _, a := range tp.Alternatives {
			fmt.Fprintf(&b, "  instead: %s\n", Clean(a.Summary))
		}

		type item struct {
			at   time.Time
			end  time.Time
			text string
		}
		var items []item
		for _, l := range tp.Legs {
			svc := ""
			if l.Service != "" {
				svc = ", " + Clean(l.Service)
			}
			co2 := ""
			if l.CO2Kg > 0 {
				co2 = fmt.Sprintf(", %.1f kg CO2e", l.CO2Kg)
			}
			items = append(items, item{l.Depart, l.Arrive, fmt.Sprintf("%-5s %s -> %s  [%s]  %.1f km%s%s",
				Clean(l.Mode), place(l.From), place(l.To), strings.Join(cleanAll(l.Travellers), ", "), l.Km, co2, svc)})
		}
		for _, m := range tp.Meetings {
			text := fmt.Sprintf("meet  %s with %s at %s", Clean(m.Startup), party(dir.Contacts, m.Contact), place(m.Place))
			if len(m.Reasons) > 0 {
				text += fmt.Sprintf("\n                      why: %s", strings.Join(cleanAll(m.Reasons), "; "))
			}
			items = append(items, item{m.Start, m.End, text})
		}
		if tp.Hotel != nil {
			items = append(items, item{tp.Hotel.CheckIn, tp.Hotel.CheckOut, "night at " + place(tp.Hotel.Place)})
		}
		for _, l := range tp.Lunches {
			items = append(items, item{l.Start, l.End, "lunch " + Clean(l.Startup)})
		}
		sort.SliceStable(items, func(i, j int) bool { return items[i].at.Before(items[j].at) })
		day := ""
		for _, it := range items {
			if d := it.at.Format("Monday 2 January 2006"); d != day {
				day = d
				fmt.Fprintf(&b, "\n  %s\n", day)
			}
			end := it.end.Format("15:04")
			if it.at.Format("2006-01-02") != it.end.Format("2006-01-02") {
				end = it.end.Format("Mon 15:04")
			}
			fmt.Fprintf(&b, "    %s-%s  %s\n", it.at.Format("15:04"), end, it.text)
		}
		if len(tp.Unscheduled) > 0 {
			fmt.Fprintf(&b, "\n  Not scheduled:\n")
			for _, u := range tp.Unscheduled {
				if u.Contact == "" {
					fmt.Fprintf(&b, "    %s: %s\n", Clean(u.Startup), Clean(u.Reason))
					continue
				}
				fmt.Fprintf(&b, "    %s with %s: %s\n", Clean(u.Startup), Clean(u.Contact), Clean(u.Reason))
			}
		}
	}
	indicators(&b, p, dir)
	return b.Bytes()
}

// indicators writes what funders ask for: meetings held, companies that
// travelled, the share of women among the contacts met and in the
// network, and travel emissions by mode.
func indicators(b *bytes.Buffer, p *schedule.Plan, dir schedule.Directory) {
	t := p.Totals
	fmt.Fprintf(b, "\nIndicators\n")
	fmt.Fprintf(b, "  meetings held:            %d\n", t.Meetings)
	fmt.Fprintf(b, "  companies that travelled: %d", t.StartupsTravelled)
	if n := len(dir.Startups); n > 0 {
		fmt.Fprintf(b, " of %d", n)
	}
	b.WriteString("\n")
	met := map[string]bool{}
	for _, tp := range p.Trips {
		for _, m := range tp.Meetings {
			met[m.Contact] = true
		}
	}
	network := map[string]bool{}
	for id := range dir.Contacts {
		network[id] = true
	}
	share := func(label string, ids map[string]bool) {
		women, stated := 0, 0
		for id := range ids {
			switch dir.Genders[id] {
			case "f":
				women++
				stated++
			case "m", "x":
				stated++
			}
		}
		if stated == 0 {
			fmt.Fprintf(b, "  %s no gender stated\n", label)
			return
		}
		fmt.Fprintf(b, "  %s %d of %d with gender stated (%.0f%%)\n", label, women, stated, 100*float64(women)/float64(stated))
	}
	share("women among contacts met:", met)
	share("women in the network:    ", network)
	fmt.Fprintf(b, "  travel emissions:         %.1f kg CO2e", t.CO2Kg)
	modes := make([]string, 0, len(t.CO2KgByMode))
	for m := range t.CO2KgByMode {
		modes = append(modes, m)
	}
	sort.Strings(modes)
	var parts []string
	for _, m := range modes {
		parts = append(parts, fmt.Sprintf("%s %.1f", Clean(m), t.CO2KgByMode[m]))
	}
	if len(parts) > 0 {
		fmt.Fprintf(b, " (%s)", strings.Join(parts, ", "))
	}
	b.WriteString("\n")
}
