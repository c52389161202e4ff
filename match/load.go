package match

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A ParseError is a problem in a CSV file, located by line (1 is the
// header) and column (1-based field number; 0 when the whole row or file
// is at fault). Field names the column's header.
type ParseError struct {
	File   string
	Line   int
	Column int
	Field  string
	Err    error
}

// Error formats the error as "file:line:column (field): message".
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	if e.Field != "" {
		fmt.Fprintf(&b, " (%s)", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error, such as ErrBadCell.
func (e *ParseError) Unwrap() error { return e.Err }

// table is a CSV file read into memory with its header indexed.
type table struct {
	file   string
	header []string
	col    map[string]int // header name -> index
	rows   [][]string
	lines  []int // line of each row
}

// readTable reads a CSV file with a header. known lists the accepted
// column names (aliases map to them); required must be present.
func readTable(r io.Reader, file string, known map[string]string, required []string) (*table, []string, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	t := &table{file: file, col: map[string]int{}}
	var warnings []string
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, &ParseError{File: file, Line: 1, Err: fmt.Errorf("empty file, want a header row: %w", ErrMissingColumn)}
	}
	if err != nil {
		return nil, nil, csvError(file, err)
	}
	t.header = make([]string, len(header))
	for i, h := range header {
		if !utf8.ValidString(h) {
			return nil, nil, &ParseError{File: file, Line: 1, Column: i + 1, Err: fmt.Errorf("header is not UTF-8: %w", ErrBadCell)}
		}
		name := strings.ToLower(strings.TrimSpace(h))
		canon, ok := known[name]
		if !ok {
			warnings = append(warnings, fmt.Sprintf("%s:1:%d: unknown column %q ignored", file, i+1, h))
			continue
		}
		if _, dup := t.col[canon]; dup {
			return nil, nil, &ParseError{File: file, Line: 1, Column: i + 1, Field: canon, Err: fmt.Errorf("column given twice: %w", ErrBadCell)}
		}
		t.col[canon] = i
		t.header[i] = canon
	}
	for _, req := range required {
		if _, ok := t.col[req]; !ok {
			return nil, nil, &ParseError{File: file, Line: 1, Field: req, Err: fmt.Errorf("header has no %q column: %w", req, ErrMissingColumn)}
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, csvError(file, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) > len(header) {
			return nil, nil, &ParseError{File: file, Line: line, Column: len(header) + 1,
				Err: fmt.Errorf("row has %d fields, the header %d: %w", len(rec), len(header), ErrBadCell)}
		}
		blank := true
		for i, f := range rec {
			if !utf8.ValidString(f) {
				return nil, nil, &ParseError{File: file, Line: line, Column: i + 1, Field: t.header[i], Err: fmt.Errorf("cell is not UTF-8: %w", ErrBadCell)}
			}
			if strings.TrimSpace(f) != "" {
				blank = false
			}
		}
		if blank {
			continue
		}
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	return t, warnings, nil
}

func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: file, Line: pe.Line, Column: pe.Column, Err: fmt.Errorf("%v: %w", pe.Err, ErrBadCell)}
	}
	return &ParseError{File: file, Err: err}
}

// cell returns the trimmed cell of column name in row i ("" if absent).
func (t *table) cell(i int, name string) string {
	j, ok := t.col[name]
	if !ok || j >= len(t.rows[i]) {
		return ""
	}
	return strings.TrimSpace(t.rows[i][j])
}

// errAt locates err at row i, column name.
func (t *table) errAt(i int, name string, err error) error {
	col := 0
	if j, ok := t.col[name]; ok {
		col = j + 1
	}
	return &ParseError{File: t.file, Line: t.lines[i], Column: col, Field: name, Err: err}
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
}

// LoadStartups reads startups.csv (see DESIGN.md): a header row, then one
// start-up per row. Only the id column is required; name defaults to the
// id. file names the file in errors and warnings. Unknown columns give a
// warning; a bad cell is a *ParseError wrapping ErrBadCell,
// ErrDuplicateID or ErrMissingColumn.
func LoadStartups(r io.Reader, file string) ([]Startup, []string, error) {
	t, warnings, err := readTable(r, file, startupColumns, []string{"id"})
	if err != nil {
		return nil, nil, err
	}
	out := make([]Startup, 0, len(t.rows))
	seen := map[string]bool{}
	for i := range t.rows {
		s := Startup{ID: t.cell(i, "id"), Name: t.cell(i, "name"), Home: t.cell(i, "home")}
		if err := checkID(s.ID, seen); err != nil {
			return nil, nil, t.errAt(i, "id", err)
		}
		if s.Name == "" {
			s.Name = s.ID
		}
		if s.Country, err = parseCountry(t.cell(i, "country")); err != nil {
			return nil, nil, t.errAt(i, "country", err)
		}
		s.Industry = list(t.cell(i, "industry"))
		s.Needs = list(t.cell(i, "needs"))
		if s.Languages, err = parseLanguages(t.cell(i, "languages")); err != nil {
			return nil, nil, t.errAt(i, "languages", err)
		}
		for k, item := range list(t.cell(i, "wishes")) {
			w, err := ParseWish(item)
			if err != nil {
				return nil, nil, t.errAt(i, "wishes", fmt.Errorf("wish %d: %w", k+1, err))
			}
			w.Priority = k + 1
			s.Wishes = append(s.Wishes, w)
		}
		for k, item := range list(t.cell(i, "team")) {
			p, err := parsePerson(item)
			if err != nil {
				return nil, nil, t.errAt(i, "team", fmt.Errorf("member %d: %w", k+1, err))
			}
			s.Team = append(s.Team, p)
		}
		out = append(out, s)
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

// LoadContacts reads contacts.csv (see DESIGN.md): a header row, then one
// contact per row. Only the id column is required; name defaults to the
// id. lat and lon come together or not at all. capacity is a whole number
// (empty or 0: the programme default). available is a ;-separated list
// of windows (see ParseWindow). gender is f, m, x or empty (any case).
// Errors and warnings are as for LoadStartups; a bad window wraps
// ErrBadWindow as well as being located.
func LoadContacts(r io.Reader, file string) ([]Contact, []string, error) {
	t, warnings, err := readTable(r, file, contactColumns, []string{"id"})
	if err != nil {
		return nil, nil, err
	}
	out := make([]Contact, 0, len(t.rows))
	seen := map[string]bool{}
	for i := range t.rows {
		c := Contact{
			ID: t.cell(i, "id"), Name: t.cell(i, "name"), Email: t.cell(i, "email"),
			Organization: t.cell(i, "organization"), Role: t.cell(i, "role"),
			Place: t.cell(i, "place"),
		}
		if err := checkID(c.ID, seen); err != nil {
			return nil, nil, t.errAt(i, "id", err)
		}
		if c.Name == "" {
			c.Name = c.ID
		}
		if c.Email != "" && !validEmail(c.Email) {
			return nil, nil, t.errAt(i, "email", fmt.Errorf("%q is not an e-mail address: %w", c.Email, ErrBadCell))
		}
		c.Tags = list(t.cell(i, "tags"))
		if c.Languages, err = parseLanguages(t.cell(i, "languages")); err != nil {
			return nil, nil, t.errAt(i, "languages", err)
		}
		if c.Country, err = parseCountry(t.cell(i, "country")); err != nil {
			return nil, nil, t.errAt(i, "country", err)
		}
		lat, lon := t.cell(i, "lat"), t.cell(i, "lon")
		switch {
		case lat == "" && lon == "":
		case lat == "":
			return nil, nil, t.errAt(i, "lat", fmt.Errorf("lon given without lat: %w", ErrBadCell))
		case lon == "":
			return nil, nil, t.errAt(i, "lon", fmt.Errorf("lat given without lon: %w", ErrBadCell))
		default:
			if c.Lat, err = parseDegrees(lat, 90); err != nil {
				return nil, nil, t.errAt(i, "lat", err)
			}
			if c.Lon, err = parseDegrees(lon, 180); err != nil {
				return nil, nil, t.errAt(i, "lon", err)
			}
			c.HasCoords = true
		}
		if s := t.cell(i, "capacity"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return nil, nil, t.errAt(i, "capacity", fmt.Errorf("%q is not a whole number of meetings: %w", s, ErrBadCell))
			}
			c.Capacity = n
		}
		for _, item := range list(t.cell(i, "available")) {
			w, err := ParseWindow(item)
			if err != nil {
				return nil, nil, t.errAt(i, "available", err)
			}
			c.Available = append(c.Available, w)
		}
		switch g := strings.ToLower(t.cell(i, "gender")); g {
		case "", "f", "m", "x":
			c.Gender = g
		default:
			return nil, nil, t.errAt(i, "gender", fmt.Errorf("%q: want f, m, x or empty: %w", g, ErrBadCell))
		}
		out = append(out, c)
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
	"swedish": "sv", "svenska": "sv", "svensk": "sv",
	"norwegian": "no", "norsk": "no", "norska": "no", "nb": "no", "nn": "no", "bokmal": "no", "nynorsk": "no",
	"english": "en", "engelska": "en", "engelsk": "en",
	"danish": "da", "danska": "da", "dansk": "da",
	"finnish": "fi", "finska": "fi", "finsk": "fi",
	"german": "de", "tyska": "de", "tysk": "de",
}

func parseLanguages(s string) ([]string, error) {
	var out []string
	for _, item := range list(s) {
		k := Normalize(item)
		if k == "" {
			return nil, fmt.Errorf("language %q has no letters: %w", item, ErrBadCell)
		}
		if code, ok := languageNames[k]; ok {
			k = code
		}
		out = append(out, k)
	}
	return out, nil
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
