package match

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/crossmeet/crossmeet/internal/csvtable"
)

// Sentinel errors. Located errors wrap them, so callers test with errors.Is.
var (
	// ErrBadCell reports a CSV cell that does not hold what its column expects.
	ErrBadCell = errors.New("bad cell")
	// ErrMissingColumn reports a required CSV column that the header lacks.
	ErrMissingColumn = csvtable.ErrMissingColumn
	// ErrDuplicateID reports an id that appears on two rows.
	ErrDuplicateID = csvtable.ErrDuplicateID
	// ErrBadWindow reports an availability window that does not parse.
	ErrBadWindow = errors.New("bad availability window")
	// ErrUnknownID reports a pair, pin or ban naming a start-up or contact
	// that is not in the input.
	ErrUnknownID = csvtable.ErrUnknownID
	// ErrPinned reports pinned pairs that cannot all be honoured: a pinned
	// pair that is also forbidden, or pins beyond a capacity or maximum.
	ErrPinned = errors.New("pinned pairs cannot be honoured")
	// ErrTooManyPairs reports more pairs that score than Score returns
	// (MaxPairs).
	ErrTooManyPairs = errors.New("too many pairs")
)

// A Person is a member of a start-up's team.
type Person struct {
	Name, Email string
}

// String formats p as "Name <email>", the form the team column uses.
func (p Person) String() string {
	switch {
	case p.Email == "":
		return p.Name
	case p.Name == "":
		return "<" + p.Email + ">"
	}
	return p.Name + " <" + p.Email + ">"
}

// A WishKind says what a wish names. The kinds are ordered by how
// specific they are; a more specific hit weighs more (see Options).
type WishKind int

// The wish kinds, from the most specific to the least.
const (
	PersonWish WishKind = iota // person:NAME, a named contact (name, email or id)
	OrgWish                    // org:NAME, anyone from an organisation
	RoleWish                   // role:TEXT, anyone whose role has these words
	TagWish                    // tag:TEXT, anyone with this competence tag
	TextWish                   // free text, matched word by word
)

var wishKindNames = [...]string{"person", "org", "role", "tag", "text"}

// String returns the kind's prefix as written in startups.csv
// ("person", "org", "role", "tag"), or "text" for free text.
func (k WishKind) String() string {
	if k < 0 || int(k) >= len(wishKindNames) {
		return fmt.Sprintf("WishKind(%d)", int(k))
	}
	return wishKindNames[k]
}

// A Wish is one item of a start-up's wish list.
type Wish struct {
	Kind WishKind
	// Text is what the wish names, as written, without its prefix.
	Text string
	// Priority is the wish's position in the list: 1 is the first.
	Priority int
}

// String formats w for people: "org Equinor", `text "an investor"`.
func (w Wish) String() string {
	if w.Kind == TextWish {
		return fmt.Sprintf("text %q", w.Text)
	}
	return w.Kind.String() + " " + w.Text
}

// ParseWish parses one wish-list item: "person:NAME", "org:NAME",
// "role:TEXT", "tag:TEXT", "text:TEXT", or anything else as free text.
// Prefixes are case-insensitive and may be written in Swedish,
// Norwegian or English (see wishPrefixes: "organisasjon:", "roll:",
// "rolle:", "tagg:", "emne:", "ämne:", "namn:", "navn:", …). An unknown
// prefix ("xyz:foo") is read as free text; UnknownPrefix tells the
// loader to warn about it. The priority is left zero; the loader sets
// it from the position.
func ParseWish(s string) (Wish, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Wish{}, fmt.Errorf("empty wish: %w", ErrBadCell)
	}
	if i := strings.IndexByte(s, ':'); i > 0 {
		kind, ok := parsePrefix(strings.TrimSpace(s[:i]))
		if ok {
			text := strings.TrimSpace(s[i+1:])
			if Normalize(text) == "" {
				return Wish{}, fmt.Errorf("wish %q names nothing: %w", s, ErrBadCell)
			}
			return Wish{Kind: kind, Text: text}, nil
		}
	}
	if Normalize(s) == "" {
		return Wish{}, fmt.Errorf("wish %q has no words: %w", s, ErrBadCell)
	}
	return Wish{Kind: TextWish, Text: s}, nil
}

// wishPrefixes are the prefixes of a wish in English, Swedish and
// Norwegian (bokmål and nynorsk), normalised.
var wishPrefixes = map[string]WishKind{
	"person": PersonWish, "name": PersonWish, "namn": PersonWish, "navn": PersonWish, "personen": PersonWish,
	"org": OrgWish, "organisation": OrgWish, "organization": OrgWish, "organisasjon": OrgWish, "organisasjonen": OrgWish,
	"organisationen": OrgWish, "foretag": OrgWish, "bedrift": OrgWish, "firma": OrgWish, "company": OrgWish, "selskap": OrgWish,
	"role": RoleWish, "roll": RoleWish, "rolle": RoleWish, "tittel": RoleWish, "titel": RoleWish, "title": RoleWish,
	"tag": TagWish, "tagg": TagWish, "emne": TagWish, "amne": TagWish, "topic": TagWish, "tema": TagWish, "kompetanse": TagWish, "kompetens": TagWish,
	"text": TextWish, "tekst": TextWish, "fritext": TextWish, "fritekst": TextWish,
}

func parsePrefix(p string) (WishKind, bool) {
	k, ok := wishPrefixes[Normalize(p)]
	return k, ok
}

// UnknownPrefix reports whether the wish s begins with what looks like a
// prefix but is none of the known ones ("xyz:foo", "rolle :x" is known):
// one word of letters before the first colon and text after it, not a
// web address or a time. Such a wish is read as free text, and the
// loader warns about it.
func UnknownPrefix(s string) (prefix string, unknown bool) {
	s = strings.TrimSpace(s)
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > 20 {
		return "", false
	}
	p := strings.TrimSpace(s[:i])
	rest := strings.TrimSpace(s[i+1:])
	if p == "" || rest == "" || strings.HasPrefix(rest, "/") {
		return "", false
	}
	for _, r := range p {
		if !unicode.IsLetter(r) && r != '-' && r != '_' {
			return "", false
		}
	}
	if _, ok := parsePrefix(p); ok {
		return "", false
	}
	return p, true
}

// A Startup is one company in the programme, one row of startups.csv.
type Startup struct {
	ID, Name string
	// Country is an upper-case country code such as SE or NO.
	Country string
	// Home is the place id the start-up travels from.
	Home string
	// Industry and Needs are competence tags, as written.
	Industry, Needs []string
	// Languages are lower-case language codes (sv, no, en, …).
	Languages []string
	// Wishes are in priority order: Wishes[i].Priority == i+1.
	Wishes []Wish
	Team   []Person
	// Travellers is how many people of the team travel (the travellers
	// column); 0 means the whole team.
	Travellers int
	// Founders is the gender of each founder, f, m or x (the founders
	// column, a list such as "f;m"), for the funders' share of women
	// among the founders who travel; empty when not stated.
	Founders []string
	// Dates are the days the start-up can travel (the dates column), for
	// a trip crossmeet forms: each item a date (2027-03-09), a range
	// (2027-03-08..2027-03-19) or weekdays (tue, mon-fri) within the
	// programme's season; see ParseDays.
	Dates []DaySet
	// Destination is where the start-up wants to go (the destination
	// column): a place id, a city or a country code, as a trip's to.
	Destination string
}

// A Contact is one resource person in the network, one row of contacts.csv.
type Contact struct {
	ID, Name, Email, Organization, Role string
	// Tags are competence tags, as written.
	Tags []string
	// Languages are lower-case language codes (sv, no, en, …).
	Languages []string
	// Place is a place id; it may be empty when HasCoords is set.
	Place string
	// Lat and Lon come from the lat and lon columns; HasCoords says
	// whether both were given.
	Lat, Lon  float64
	HasCoords bool
	// Country is an upper-case country code such as SE or NO.
	Country string
	// Capacity is the number of meetings over the whole programme;
	// 0 means the programme's default (AssignOptions.Capacity).
	Capacity int
	// Available lists the windows in which the contact can meet. An
	// empty list means no restriction was stated: the contact is
	// assumed available whenever the programme meets.
	Available []Window
	// Gender is "f", "m", "x" or "" (not stated); it is used only for
	// the programme's balance report, never for matching.
	Gender string
}
