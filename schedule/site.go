package schedule

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/travel"
)

// site is where a trip goes: the place it starts from, the hub it
// arrives at (a station when there is one), the hotels near the hub and
// the contacts who are there.
type site struct {
	origin        travel.Place
	originStation travel.Place // origin itself, or the nearest station with a timetable stop
	hub           travel.Place
	hotels        []travel.Place
	meetAt        map[string]travel.Place // contact id -> where meetings with them are held
	name          string                  // the destination as the trip names it
}

// slot is the grain of the planner's clock: meetings start on whole
// multiples of it, so an itinerary reads 10:30, not 10:27. Travel times
// are rounded up to it, windows inwards.
const slot = 5 // minutes

func up(m int64) int64 {
	if r := ((m % slot) + slot) % slot; r != 0 {
		return m + slot - r
	}
	return m
}

func down(m int64) int64 { return m - ((m%slot)+slot)%slot }

// trainMargin is how early travellers are back at the station before a
// train leaves.
const trainMargin = 5 // minutes

// maxHotels is how many hotels, nearest the hub first, an overnight
// option considers.
const maxHotels = 3

// hotelBy is how late after the working day travellers reach the hotel.
const hotelBy = 2 * 60 // minutes

func (pl *planner) site(t *Trip) (*site, error) {
	p := pl.prog
	from, err := p.Origin(t)
	if err != nil {
		return nil, err
	}
	origin, ok := pl.places[from]
	if !ok {
		return nil, &unknownErr{fmt.Sprintf("trip %s: from %q is not a place id", t.ID, from)}
	}
	dest, err := p.Destination(t.To)
	if err != nil {
		return nil, err
	}
	st := &site{origin: origin, originStation: pl.station(origin), meetAt: map[string]travel.Place{}, name: t.To}

	// The hub: of the destination's stations (or, without one, its
	// places), the one with the most contacts around it.
	var hubs []travel.Place
	for _, d := range dest {
		if d.StopID != "" {
			hubs = append(hubs, d)
		}
	}
	if len(hubs) == 0 {
		hubs = dest[:1]
	}
	bestN := -1
	for _, h := range hubs {
		n := 0
		for _, c := range p.Contacts {
			if at, ok := pl.contactPlace(&c); ok && travel.Distance(at, h) <= Radius {
				n++
			}
		}
		if n > bestN {
			st.hub, bestN = h, n
		}
	}
	for i := range p.Contacts {
		c := &p.Contacts[i]
		if at, ok := pl.contactPlace(c); ok && travel.Distance(at, st.hub) <= Radius {
			st.meetAt[c.ID] = at
		}
	}
	for _, q := range p.Places {
		if q.Kind == "hotel" && travel.Distance(q, st.hub) <= Radius {
			st.hotels = append(st.hotels, q)
		}
	}
	sort.SliceStable(st.hotels, func(i, j int) bool {
		return travel.Distance(st.hotels[i], st.hub) < travel.Distance(st.hotels[j], st.hub)
	})
	// The solver searches once per hotel: the nearest few are enough.
	if len(st.hotels) > maxHotels {
		st.hotels = st.hotels[:maxHotels]
	}
	return st, nil
}

// station returns place itself when it has a timetable stop, else the
// nearest place with one within Radius, else place.
func (pl *planner) station(place travel.Place) travel.Place {
	if place.StopID != "" {
		return place
	}
	best, bestD := place, math.Inf(1)
	for _, q := range pl.prog.Places {
		if q.StopID == "" {
			continue
		}
		if d := travel.Distance(place, q); d <= Radius && d < bestD {
			best, bestD = q, d
		}
	}
	return best
}

// contactPlace returns where a contact receives visitors.
func (pl *planner) contactPlace(c *match.Contact) (travel.Place, bool) {
	if c.Place != "" {
		if at, ok := pl.places[c.Place]; ok {
			return at, true
		}
	}
	if c.HasCoords {
		return officeOf(c, pl.prog.Zone), true
	}
	return travel.Place{}, false
}

// officeOf is the place of a contact given by lat and lon columns: it
// takes the contact's id.
func officeOf(c *match.Contact, zone *time.Location) travel.Place {
	return travel.Place{ID: c.ID, Name: c.Organization, Kind: "office", Lat: c.Lat, Lon: c.Lon, Country: c.Country, TimeZone: zone}
}

// move is a local movement between two places during a trip.
type move struct {
	mode    travel.Mode
	minutes int64
	km      float64
	co2     float64
}

// local returns how to move between two places at the destination: on
// foot up to walkKm, else by taxi (or another allowed road mode).
func (pl *planner) local(a, b travel.Place) move {
	if a.ID == b.ID {
		return move{mode: travel.Walk}
	}
	const walkKm = 1.5
	modes := []travel.Mode{travel.Walk, travel.Taxi, travel.Car, travel.Walk}
	for i, m := range modes {
		if !pl.prog.Travel.Allows(m) && i < len(modes)-1 {
			continue
		}
		leg, err := pl.road.Leg(m, a, b, time.Time{})
		if err != nil {
			continue
		}
		if m == travel.Walk && i == 0 && leg.Km > walkKm {
			continue
		}
		min := max(1, int64(math.Ceil(leg.Arrive.Sub(leg.Depart).Minutes())))
		return move{mode: m, minutes: min, km: leg.Km, co2: pl.factors.Kg(m, leg.Km)}
	}
	return move{mode: travel.Walk, minutes: int64(math.Ceil(travel.Distance(a, b) / 4.5 * 60)), km: travel.Distance(a, b)}
}
