package travel

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/internal/csvtable"
)

// A Place is somewhere a traveller starts, meets or sleeps: a station, an
// office, a venue or a hotel.
type Place struct {
	ID, Name string
	// Kind is station, office, venue or hotel.
	Kind     string
	Lat, Lon float64
	// Country is an ISO 3166-1 alpha-2 code such as SE or NO.
	Country string
	// TimeZone is the place's zone; nil means the caller's default zone.
	TimeZone *time.Location
	// StopID is the GTFS stop (or parent station) serving the place; it
	// may be empty.
	StopID string
	// Address is the street address people are told (invitations,
	// calendar LOCATION); it may be empty.
	Address string
}

// placeKinds are the values the kind column accepts.
var placeKinds = []string{"station", "office", "venue", "hotel"}

// LoadPlaces reads places.csv: a header row, then one place a row with
// the columns id, name, kind (station, office, venue or hotel; may be
// empty), lat, lon (decimal degrees), country, gtfs_stop_id and,
// optionally, timezone (an IANA name such as Europe/Oslo) and address (a
// street address as people should read it). Only id, name,
// lat and lon are required. Column order is free; unknown columns are
// ignored and reported in warnings. file names the input in errors, which
// are *ParseError values.
func LoadPlaces(r io.Reader, file string) (places []Place, warnings []string, err error) {
	t, err := openTable(r, file)
	if err != nil {
		return nil, nil, err
	}
	if err := t.Require("id", "name", "lat", "lon"); err != nil {
		return nil, nil, err
	}
	for _, c := range t.Header() {
		if !contains(placeColumns, c) {
			warnings = append(warnings, fmt.Sprintf("%s: unknown column %q ignored", file, c))
		}
	}
	seen := map[string]int{}
	zones := map[string]*time.Location{}
	for err := range t.Rows() {
		if err != nil {
			return nil, warnings, err
		}
		p := Place{
			ID:      t.Get("id"),
			Name:    t.Get("name"),
			Kind:    strings.ToLower(t.Get("kind")),
			Country: strings.ToUpper(t.Get("country")),
			StopID:  t.Get("gtfs_stop_id"),
			Address: t.Get("address"),
		}
		if p.ID == "" {
			return nil, warnings, t.Errorf("id", ErrBadValue, "empty id")
		}
		if line, dup := seen[p.ID]; dup {
			return nil, warnings, t.Errorf("id", ErrDuplicateID, "%q already defined on line %d", p.ID, line)
		}
		seen[p.ID] = t.Line()
		if p.Kind != "" && !contains(placeKinds, p.Kind) {
			return nil, warnings, t.Errorf("kind", ErrBadValue, "want one of %s, got %q", strings.Join(placeKinds, ", "), p.Kind)
		}
		if p.Lat, err = parseCoord(t, "lat", 90); err != nil {
			return nil, warnings, err
		}
		if p.Lon, err = parseCoord(t, "lon", 180); err != nil {
			return nil, warnings, err
		}
		if tz := t.Get("timezone"); tz != "" {
			loc, ok := zones[tz]
			if !ok {
				if loc, err = time.LoadLocation(tz); err != nil {
					return nil, warnings, t.Errorf("timezone", ErrBadValue, "unknown time zone %q", tz)
				}
				zones[tz] = loc
			}
			p.TimeZone = loc
		}
		places = append(places, p)
	}
	return places, warnings, nil
}

// placeColumns are the columns LoadPlaces reads.
var placeColumns = []string{"id", "name", "kind", "lat", "lon", "country", "gtfs_stop_id", "timezone", "address"}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parseCoord reads a decimal-degree coordinate within ±limit.
func parseCoord(t *csvtable.Table, col string, limit float64) (float64, error) {
	s := t.Get(col)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.Abs(v) > limit {
		return 0, t.Errorf(col, ErrBadValue, "want decimal degrees within ±%g, got %q", limit, s)
	}
	return v, nil
}

// earthRadiusKm is the mean Earth radius (IUGG, Moritz 2000, "Geodetic
// Reference System 1980").
const earthRadiusKm = 6371.0088

// Distance returns the great-circle distance between a and b in
// kilometres, by the haversine formula on a spherical Earth.
func Distance(a, b Place) float64 {
	return haversine(a.Lat, a.Lon, b.Lat, b.Lon)
}

func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	s := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(s)))
}
