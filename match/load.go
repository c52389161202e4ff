package match

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/crossmeet/crossmeet/internal/csvtable"
)

// A ParseError is a problem in a CSV file, located by line (1 is the
// header) and column (1-based field number; 0 when the whole row or file
// is at fault). Field names the column's header. Its message reads
// "file:line:column (field): message" and it unwraps to the underlying
// error, such as ErrBadCell. It is the type every crossmeet package uses
// for located input errors, so errors.As with a *ParseError also finds one
// from package travel.
type ParseError = csvtable.Error

// openTable reads the header of a CSV file; columns maps the accepted
// column names (and their aliases) to the names the loader reads, and
// required lists those that must be present. It returns the warnings
// about unknown columns.
func openTable(r io.Reader, file string, columns map[string]string, required ...string) (*csvtable.Table, []string, error) {
	t, err := csvtable.Open(r, file, csvtable.Options{Columns: columns, ErrBadValue: ErrBadCell, ErrMissingColumn: ErrMissingColumn})
	if err != nil {
		return nil, nil, err
	}
	if t.Header() == nil {
		return nil, nil, &ParseError{File: file, Line: 1, Err: fmt.Errorf("empty file, want a header row: %w", ErrMissingColumn)}
	}
	if err := t.Require(required...); err != nil {
		return nil, nil, err
	}
	return t, t.Unknown(), nil
}

// list splits a ;-separated cell into trimmed, non-empty items.
func list(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, item := range strings.Split(s, ";") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

var startupColumns = map[string]string{
	"id": "id", "name": "name", "country": "country", "home": "home",
	"industry": "industry", "needs": "needs", "wishes": "wishes",
	"languages": "languages", "language": "languages", "team": "team",
	"travellers": "travellers", "dates": "dates", "destination": "destination",
	"founders": "founders",
}

// LoadStartups reads startups.csv (see docs/design.md): a header row, then one
// start-up per row. Only the id column is required; name defaults to the
// id. file names the file in errors and warnings. Unknown columns give a
// warning, and so does a wish with an unknown prefix ("xyz:foo",
// read as free text), naming file and line; a bad cell is a *ParseError
// wrapping ErrBadCell,
// ErrDuplicateID or ErrMissingColumn. Every bad cell is reported, joined
// with errors.Join in file order (errors.As finds the first); a broken
// CSV row stops the reading.
func LoadStartups(r io.Reader, file string) ([]Startup, []string, error) {
	t, warnings, err := openTable(r, file, startupColumns, "id")
	if err != nil {
		return nil, nil, err
	}
	var errs []error // every bad cell, not just the first
	var out []Startup
	seen := map[string]bool{}
	for err := range t.Rows() {
		if err != nil {
			return nil, nil, err
		}
		s := Startup{ID: t.Get("id"), Name: t.Get("name"), Home: t.Get("home")}
		if err := checkID(s.ID, seen); err != nil {
			errs = append(errs, t.Wrap("id", err))
		}
		if s.Name == "" {
			s.Name = s.ID
		}
		if s.Country, err = parseCountry(t.Get("country")); err != nil {
			errs = append(errs, t.Wrap("country", err))
		}
		s.Industry = list(t.Get("industry"))
		s.Needs = list(t.Get("needs"))
		if s.Languages, err = parseLanguages(t.Get("languages")); err != nil {
			errs = append(errs, t.Wrap("languages", err))
		}
		for k, item := range list(t.Get("wishes")) {
			if p, ok := UnknownPrefix(item); ok {
				warnings = append(warnings, fmt.Sprintf("%s:%d: wishes: wish %d %q: unknown prefix %q, read as free text (known: person, org, role, tag, text and their Swedish and Norwegian forms)", file, t.Line(), k+1, item, p))
			}
			w, err := ParseWish(item)
			if err != nil {
				errs = append(errs, t.Wrap("wishes", fmt.Errorf("wish %d: %w", k+1, err)))
			}
			w.Priority = k + 1
			s.Wishes = append(s.Wishes, w)
		}
		for k, item := range list(t.Get("team")) {
			p, err := parsePerson(item)
			if err != nil {
				errs = append(errs, t.Wrap("team", fmt.Errorf("member %d: %w", k+1, err)))
			}
			s.Team = append(s.Team, p)
		}
		if v := t.Get("travellers"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				errs = append(errs, t.Wrap("travellers", fmt.Errorf("want a whole number of people, at least 1, got %q: %w", v, ErrBadCell)))
			}
			s.Travellers = n
		}
		for _, g := range list(t.Get("founders")) {
			switch g = strings.ToLower(g); g {
			case "f", "m", "x":
				s.Founders = append(s.Founders, g)
			default:
				errs = append(errs, t.Wrap("founders", fmt.Errorf("want each founder's gender as f, m or x, such as f;m, got %q: %w", g, ErrBadCell)))
			}
		}
		for _, item := range list(t.Get("dates")) {
			ds, err := ParseDays(item)
			if err != nil {
				errs = append(errs, t.Wrap("dates", err))
				continue
			}
			s.Dates = append(s.Dates, ds)
		}
		s.Destination = t.Get("destination")
		out = append(out, s)
	}
	if len(errs) > 0 {
		return nil, warnings, errors.Join(errs...)
	}
	return out, warnings, nil
}

var contactColumns = map[string]string{
	"id": "id", "name": "name", "email": "email", "organization": "organization",
	"organisation": "organization", "org": "organization", "role": "role",
	"tags": "tags", "languages": "languages", "language": "languages",
	"place": "place", "lat": "lat", "lon": "lon", "lng": "lon", "country": "country",
	"capacity": "capacity", "available": "available", "gender": "gender",
}

// LoadContacts reads contacts.csv (see docs/design.md): a header row, then one
// contact per row. Only the id column is required; name defaults to the
// id. lat and lon come together or not at all. capacity is a whole number
// (empty or 0: the programme default). available is a ;-separated list
// of windows (see ParseWindow). gender is f, m, x or empty (any case).
// Errors and warnings are as for LoadStartups; a bad window wraps
// ErrBadWindow as well as being located.
func LoadContacts(r io.Reader, file string) ([]Contact, []string, error) {
	t, warnings, err := openTable(r, file, contactColumns, "id")
	if err != nil {
		return nil, nil, err
	}
	var errs []error // every bad cell, not just the first
	var out []Contact
	seen := map[string]bool{}
	for err := range t.Rows() {
		if err != nil {
			return nil, nil, err
		}
		c := Contact{
			ID: t.Get("id"), Name: t.Get("name"), Email: t.Get("email"),
			Organization: t.Get("organization"), Role: t.Get("role"),
			Place: t.Get("place"),
		}
		if err := checkID(c.ID, seen); err != nil {
			errs = append(errs, t.Wrap("id", err))
		}
		if c.Name == "" {
			c.Name = c.ID
		}
		if c.Email != "" && !validEmail(c.Email) {
			errs = append(errs, t.Wrap("email", fmt.Errorf("%q is not an e-mail address: %w", c.Email, ErrBadCell)))
		}
		c.Tags = list(t.Get("tags"))
		if c.Languages, err = parseLanguages(t.Get("languages")); err != nil {
			errs = append(errs, t.Wrap("languages", err))
		}
		if c.Country, err = parseCountry(t.Get("country")); err != nil {
			errs = append(errs, t.Wrap("country", err))
		}
		lat, lon := t.Get("lat"), t.Get("lon")
		switch {
		case lat == "" && lon == "":
		case lat == "":
			errs = append(errs, t.Wrap("lat", fmt.Errorf("lon given without lat: %w", ErrBadCell)))
		case lon == "":
			errs = append(errs, t.Wrap("lon", fmt.Errorf("lat given without lon: %w", ErrBadCell)))
		default:
			if c.Lat, err = parseDegrees(lat, 90); err != nil {
				errs = append(errs, t.Wrap("lat", err))
			}
			if c.Lon, err = parseDegrees(lon, 180); err != nil {
				errs = append(errs, t.Wrap("lon", err))
			}
			c.HasCoords = true
		}
		if s := t.Get("capacity"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				errs = append(errs, t.Wrap("capacity", fmt.Errorf("%q is not a whole number of meetings: %w", s, ErrBadCell)))
			}
			c.Capacity = n
		}
		for _, item := range list(t.Get("available")) {
			w, err := ParseWindow(item)
			if err != nil {
				errs = append(errs, t.Wrap("available", err))
			}
			c.Available = append(c.Available, w)
		}
		switch g := strings.ToLower(t.Get("gender")); g {
		case "", "f", "m", "x":
			c.Gender = g
		default:
			errs = append(errs, t.Wrap("gender", fmt.Errorf("%q: want f, m, x or empty: %w", g, ErrBadCell)))
		}
		out = append(out, c)
	}
	if len(errs) > 0 {
		return nil, warnings, errors.Join(errs...)
	}
	return out, warnings, nil
}

func checkID(id string, seen map[string]bool) error {
	if id == "" {
		return fmt.Errorf("empty id: %w", ErrBadCell)
	}
	if strings.ContainsAny(id, " \t;,<>\"") {
		return fmt.Errorf("id %q holds a space or separator: %w", id, ErrBadCell)
	}
	if seen[id] {
		return fmt.Errorf("id %q: %w", id, ErrDuplicateID)
	}
	seen[id] = true
	return nil
}

func parseCountry(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if len(s) != 2 || !isASCIILetter(s[0]) || !isASCIILetter(s[1]) {
		return "", fmt.Errorf("%q: want a two-letter country code such as SE or NO: %w", s, ErrBadCell)
	}
	return strings.ToUpper(s), nil
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// languageNames maps language names people write to the codes used in
// matching. Anything else is kept as written, in lower case.
var languageNames = map[string]string{
	"swedish": "sv", "svenska": "sv", "svensk": "sv", "svensk sprak": "sv", "no": "no", "nob": "no", "nno": "no", "nor": "no",
	"swe": "sv", "dan": "da", "eng": "en", "engelsk sprak": "en",
	"norwegian": "no", "norsk": "no", "norska": "no", "nb": "no", "nn": "no", "bokmal": "no", "nynorsk": "no",
	"english": "en", "engelska": "en", "engelsk": "en",
	"danish": "da", "danska": "da", "dansk": "da",
	"finnish": "fi", "finska": "fi", "finsk": "fi",
	"german": "de", "tyska": "de", "tysk": "de",
}

func parseLanguages(s string) ([]string, error) {
	var out []string
	for _, item := range list(s) {
		k := languageCode(item)
		if k == "" {
			return nil, fmt.Errorf("language %q has no letters: %w", item, ErrBadCell)
		}
		out = append(out, k)
	}
	return out, nil
}

// languageCode reads a language as people write it ("sv", "Norsk",
// "nb") into the code matching uses; "" when it has no letters.
func languageCode(s string) string {
	k := Normalize(s)
	if code, ok := languageNames[k]; ok {
		return code
	}
	return k
}

func parsePerson(s string) (Person, error) {
	if i := strings.IndexByte(s, '<'); i >= 0 {
		j := strings.LastIndexByte(s, '>')
		if j < i || strings.TrimSpace(s[j+1:]) != "" {
			return Person{}, fmt.Errorf("%q: want Name <email>: %w", s, ErrBadCell)
		}
		p := Person{Name: strings.TrimSpace(s[:i]), Email: strings.TrimSpace(s[i+1 : j])}
		if !validEmail(p.Email) {
			return Person{}, fmt.Errorf("%q: %q is not an e-mail address: %w", s, p.Email, ErrBadCell)
		}
		return p, nil
	}
	if strings.ContainsRune(s, '>') {
		return Person{}, fmt.Errorf("%q: want Name <email>: %w", s, ErrBadCell)
	}
	if strings.ContainsRune(s, '@') {
		if !validEmail(s) {
			return Person{}, fmt.Errorf("%q is not an e-mail address: %w", s, ErrBadCell)
		}
		return Person{Email: s}, nil
	}
	return Person{Name: s}, nil
}

// validEmail is a plausibility check, not RFC 5322: one @ with text on
// both sides, no spaces or angle brackets.
func validEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && at < len(s)-1 && strings.Count(s, "@") == 1 && !strings.ContainsAny(s, " \t<>,;\"")
}

func parseDegrees(s string, limit float64) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.Abs(v) > limit {
		return 0, fmt.Errorf("%q: want decimal degrees within ±%g: %w", s, limit, ErrBadCell)
	}
	return v, nil
}
