package schedule

import "github.com/crossmeet/crossmeet/travel"

// A Person is someone who receives invitations: a start-up's team member,
// a contact or the coordinator.
type Person struct {
	Name  string
	Email string
}

// A Party is a participant of a plan: a start-up (its team in People) or
// a contact (one person).
type Party struct {
	Name   string
	People []Person

	Country string // upper-case country code; may be empty
}

// A Directory tells the calendar and text writers who and where the ids of
// a Plan are.
type Directory struct {
	Coordinator Person
	Startups    map[string]Party
	Contacts    map[string]Party
	Places      map[string]Place

	// Coordinators by upper-case country code; see Program.Coordinators.
	Coordinators map[string]Person
	// Genders maps contact ids to f, m or x where contacts.csv states
	// it; it feeds only the gender-balance indicators of plan.txt.
	Genders map[string]string
}

// A Place is where a leg starts or ends, a meeting is held or a night is
// spent: the calendars use its name, coordinates and time zone.
type Place = travel.Place

// Directory returns who and where the ids of the programme are, for the
// calendar and text writers: start-ups with their teams, contacts, and
// every place, including timetable stops that places.csv does not name.
func (p *Program) Directory() Directory {
	d := Directory{
		Coordinator: p.Coordinator,
		Startups:    map[string]Party{},
		Contacts:    map[string]Party{},
		Places:      map[string]Place{},
		Genders:     map[string]string{},
	}
	d.Coordinators = map[string]Person{}
	for k, v := range p.Coordinators {
		d.Coordinators[k] = v
	}
	for _, s := range p.Startups {
		party := Party{Name: s.Name, Country: s.Country}
		for _, m := range s.Team {
			party.People = append(party.People, Person{Name: m.Name, Email: m.Email})
		}
		d.Startups[s.ID] = party
	}
	for i := range p.Contacts {
		c := &p.Contacts[i]
		d.Contacts[c.ID] = Party{Name: c.Name, Country: c.Country, People: []Person{{Name: c.Name, Email: c.Email}}}
		if c.Gender != "" {
			d.Genders[c.ID] = c.Gender
		}
		if c.HasCoords && c.Place == "" {
			d.Places[c.ID] = officeOf(c, p.Zone)
		}
	}
	for _, q := range p.Places {
		if q.TimeZone == nil {
			q.TimeZone = p.Zone
		}
		d.Places[q.ID] = q
	}
	if p.Feed != nil {
		for _, s := range p.Feed.Stops() {
			if _, ok := d.Places[s.ID]; !ok {
				q := s.Place()
				q.TimeZone = p.Feed.StopLocation(s)
				d.Places[s.ID] = q
			}
		}
	}
	return d
}
