package travel

import (
	"strings"
	"time"
)

// countryZones names the one IANA zone of each country that has a single
// zone on the mainland, for the countries a Nordic exchange programme
// meets: the Nordic and Baltic countries and their neighbours in Europe.
// Source: the IANA time zone database, zone1970.tab and zone.tab
// (countries listed with exactly one zone; Svalbard shares Norway's rule
// through Arctic/Longyearbyen, a link to Europe/Berlin's rule set).
var countryZones = map[string]string{
	"SE": "Europe/Stockholm", "NO": "Europe/Oslo", "DK": "Europe/Copenhagen",
	"FI": "Europe/Helsinki", "IS": "Atlantic/Reykjavik", "AX": "Europe/Mariehamn",
	"EE": "Europe/Tallinn", "LV": "Europe/Riga", "LT": "Europe/Vilnius",
	"DE": "Europe/Berlin", "NL": "Europe/Amsterdam", "BE": "Europe/Brussels",
	"LU": "Europe/Luxembourg", "FR": "Europe/Paris", "CH": "Europe/Zurich",
	"AT": "Europe/Vienna", "IT": "Europe/Rome", "PL": "Europe/Warsaw",
	"CZ": "Europe/Prague", "SK": "Europe/Bratislava", "HU": "Europe/Budapest",
	"GB": "Europe/London", "IE": "Europe/Dublin", "FO": "Atlantic/Faroe",
	"GR": "Europe/Athens", "RO": "Europe/Bucharest", "BG": "Europe/Sofia",
	"SI": "Europe/Ljubljana", "HR": "Europe/Zagreb",
}

// CountryZone returns the time zone of a country given by its ISO 3166
// alpha-2 code, when the country has one zone and is in the table above;
// ok is false otherwise (Spain and Portugal, for example, have islands in
// other zones), and the caller must ask for a zone.
func CountryZone(country string) (loc *time.Location, ok bool) {
	name, ok := countryZones[strings.ToUpper(strings.TrimSpace(country))]
	if !ok {
		return nil, false
	}
	loc, err := time.LoadLocation(name)
	return loc, err == nil
}
