package schedule

import (
	"errors"
	"fmt"
)

// Validate checks the references of a programme built in Go, as package
// program's Load checks those of a folder: every trip names start-ups of
// the programme, starts from a known place and goes to a destination that
// resolves; pins, forbids and locks name known start-ups and contacts; every
// contact is at a known place or has coordinates. The errors (joined)
// wrap ErrUnknownID, and so ErrInvalid. Plan calls it first.
func (p *Program) Validate() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, &unknownErr{fmt.Sprintf(format, args...)})
	}
	places := map[string]bool{}
	for _, pl := range p.Places {
		places[pl.ID] = true
	}
	for i := range p.Trips {
		t := &p.Trips[i]
		for _, s := range t.Startups {
			if _, ok := p.Startup(s); !ok {
				bad("trip %s: start-up %q", t.ID, s)
			}
		}
		from, err := p.Origin(t)
		if err != nil {
			errs = append(errs, err)
		} else if !places[from] {
			bad("trip %s: from place %q", t.ID, from)
		}
		if _, err := p.Destination(t.To); err != nil {
			bad("trip %s: %v", t.ID, err)
		}
	}
	for _, list := range []struct {
		key   string
		pairs [][2]string
	}{{"pin", p.Matching.Pin}, {"forbid", p.Matching.Forbid}} {
		for _, pair := range list.pairs {
			if _, ok := p.Startup(pair[0]); !ok {
				bad("matching %s %s %s: start-up %q", list.key, pair[0], pair[1], pair[0])
			}
			if _, ok := p.Contact(pair[1]); !ok {
				bad("matching %s %s %s: contact %q", list.key, pair[0], pair[1], pair[1])
			}
		}
	}
	for _, l := range p.Locked {
		if _, ok := p.Startup(l.Startup); !ok {
			bad("locked %s %s: start-up %q", l.Startup, l.Contact, l.Startup)
		}
		if _, ok := p.Contact(l.Contact); !ok {
			bad("locked %s %s: contact %q", l.Startup, l.Contact, l.Contact)
		}
	}
	for i := range p.Contacts {
		c := &p.Contacts[i]
		if !c.HasCoords && !places[c.Place] {
			bad("contact %s: place %q", c.ID, c.Place)
		}
	}
	return errors.Join(errs...)
}
