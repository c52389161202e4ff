package program

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/crossmeet/crossmeet/internal/csvtable"
	"github.com/crossmeet/crossmeet/internal/regular"
	"github.com/crossmeet/crossmeet/internal/suggest"
	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/calendar"
	"github.com/crossmeet/crossmeet/travel"
)

// Load reads a programme folder (see docs/design.md): program.yaml,
// startups.csv and contacts.csv, and when present places.csv, gtfs/ or
// gtfs.zip, and availability/ID.ics. It checks every file and the
// references between them: everything the planner and the output
// writers would refuse is refused here, so that `validate` and `plan`
// give the same message. When anything is wrong it returns every
// problem it found, as a *ParseError or a Problems list, each naming
// file, line and field; all of them wrap schedule.ErrInvalid.
//
// Only regular files are read (symbolic links are followed; a FIFO or
// device is refused before it is opened), each within the limits above
// (MaxYAMLBytes, …; docs/limits.md).
func Load(fsys fs.FS) (*schedule.Program, error) {
	return (&loader{fsys: fsys}).run()
}

// LoadDir loads the programme folder dir on disk as Load loads
// os.DirFS(dir), and caches its timetable: each zip of gtfs.zip or gtfs/
// has what the programme keeps of it (its trips' window of dates) in a
// cache file next to it (travel.LoadOptions.Cache), which the next load
// reads instead while the zip, the window and crossmeet are unchanged:
// for the two national feeds, a second or two instead of ten. The zip
// is still checked as Load checks it. A folder that cannot be written
// is read without a cache.
func LoadDir(dir string) (*schedule.Program, error) {
	return (&loader{fsys: os.DirFS(dir), disk: dir}).run()
}

// LoadPeople reads what matching needs of a programme folder, so that a
// coordinator can check who should meet whom before deciding the trips:
// program.yaml's rules (trips may be absent or empty), startups.csv and
// contacts.csv, every value checked as Load checks it. places.csv, the
// timetable and availability files are not read, so contacts need no
// place. The programme it returns is for match, not for Plan.
func LoadPeople(fsys fs.FS) (*schedule.Program, error) {
	return (&loader{fsys: fsys, people: true}).run()
}

// run loads the programme and returns it, or every problem found.
func (l *loader) run() (*schedule.Program, error) {
	l.p = schedule.NewProgram("")
	l.load()
	if err := l.pr.err(); err != nil {
		return nil, err
	}
	return l.p, nil
}

// loader holds a programme while it loads.
type loader struct {
	fsys fs.FS
	p    *schedule.Program
	pr   problems

	root *yaml.Node // program.yaml; nil when unreadable
	// rows of the CSV files, aligned with p.Startups, p.Contacts and
	// p.Places, for the checks across files.
	startupRows, contactRows, placeRows []csvtable.Record
	startupCols, contactCols, placeCols map[string]int
	// people reads only what matching needs (LoadPeople).
	people bool
	// disk is the folder on disk that fsys shows (LoadDir), "" if none:
	// the timetable's zips are then cached next to them.
	disk          string
	trips         []tripNodes
	pins, forbids []*yaml.Node
	locks         []*yaml.Node // program.yaml locked, one per Program.Locked
	from, to      time.Time    // the span of the trips' dates
	suggested     int          // unknown names given a "did you mean" (maxSuggestions)
	years         []int        // the years of the trips' dates
}

// tripNodes are the program.yaml nodes of one trip's keys.
type tripNodes struct {
	trip, id, from, to, dates *yaml.Node
	startups                  []*yaml.Node
}

func (l *loader) load() {
	p := l.p
	if data, err := l.read("program.yaml", MaxYAMLBytes, true); err == nil {
		l.readYAML(data)
	}
	if data, err := l.table("startups.csv", true); err == nil {
		if l.startupCols, l.startupRows, err = csvtable.Records(data, "startups.csv"); err != nil {
			l.pr.wrap("startups.csv", err)
		} else {
			s, warn, err := match.LoadStartups(bytes.NewReader(data), "startups.csv")
			l.pr.wrap("startups.csv", err)
			p.Startups, p.Warnings = s, append(p.Warnings, warn...)
			if err == nil && len(s) == 0 {
				l.pr.add("startups.csv", 1, 0, "", "the file lists no start-ups, only a header")
			}
		}
	}
	if data, err := l.table("contacts.csv", true); err == nil {
		if l.contactCols, l.contactRows, err = csvtable.Records(data, "contacts.csv"); err != nil {
			l.pr.wrap("contacts.csv", err)
		} else {
			c, warn, err := match.LoadContacts(bytes.NewReader(data), "contacts.csv")
			l.pr.wrap("contacts.csv", err)
			p.Contacts, p.Warnings = c, append(p.Warnings, warn...)
			if err == nil && len(c) == 0 {
				l.pr.add("contacts.csv", 1, 0, "", "the file lists no contacts, only a header")
			}
		}
	}
	if data, err := l.table("places.csv", false); err == nil && data != nil && !l.people {
		if l.placeCols, l.placeRows, err = csvtable.Records(data, "places.csv"); err != nil {
			l.pr.wrap("places.csv", err)
		} else {
			l.checkPlaceZones()
			pl, warn, err := travel.LoadPlaces(bytes.NewReader(data), "places.csv")
			l.pr.wrap("places.csv", err)
			p.Places, p.Warnings = pl, append(p.Warnings, warn...)
		}
	}
	if !l.people {
		l.loadFeed()
		l.loadBusy()
	}

	// A place without a timezone is in its country's (Östersund's
	// meetings are in Swedish time in a programme kept in Oslo), and in
	// the programme's zone when the country has several or none is given.
	for i := range p.Places {
		if p.Places[i].TimeZone == nil {
			if loc, ok := travel.CountryZone(p.Places[i].Country); ok {
				p.Places[i].TimeZone = loc
			} else {
				p.Places[i].TimeZone = p.Zone
			}
		}
	}
	if len(l.pr.list) == 0 {
		addStations(p)
		l.crossCheck()
	}
}

// read reads one file of the folder; a missing file is an error when
// required, else it gives nil data and nil error.
func (l *loader) read(name string, limit int64, required bool) ([]byte, error) {
	data, err := regular.ReadFS(l.fsys, name, limit)
	if errors.Is(err, fs.ErrNotExist) && !required {
		return nil, nil
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			err = errors.New("the file is missing")
		}
		l.pr.add(name, 0, 0, "", "cannot read the file: %w", unwrapPath(err))
		return nil, err
	}
	return data, nil
}

// openZip opens the zip file name of the folder as travel reads a
// feed's zip (travel.OpenZip), through a guardFS: a regular file of at
// most MaxFeedBytes. It reports a problem located at the file when it
// cannot.
func (l *loader) openZip(name string) (*zip.Reader, io.Closer, error) {
	budget := int64(MaxFeedBytes)
	zr, c, err := travel.OpenZip(guardFS{fsys: l.fsys, budget: &budget}, name)
	if err != nil {
		var pe *fs.PathError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			l.pr.add(name, 0, 0, "", "cannot read the file: the file is missing")
		case errors.As(err, &pe):
			l.pr.add(name, 0, 0, "", "cannot read the file: %w", unwrapPath(err))
		default:
			l.pr.add(name, 0, 0, "", "%w", err)
		}
	}
	return zr, c, err
}

// table reads a CSV table of the programme as a spreadsheet program may
// have saved it: UTF-8 with or without a byte-order mark, or UTF-16 or
// Windows-1252 (converted, with a warning); separated by , or ; (found
// from the header, in csvtable). A start-up or contact list may also be
// the first sheet of an .xlsx workbook (startups.xlsx), read when there
// is no .csv file; its rows are the CSV's lines.
func (l *loader) table(name string, required bool) ([]byte, error) {
	book := strings.TrimSuffix(name, ".csv") + ".xlsx"
	if name != "places.csv" {
		if _, err := fs.Stat(l.fsys, name); errors.Is(err, fs.ErrNotExist) {
			if _, err := fs.Stat(l.fsys, book); err == nil {
				data, err := l.read(book, MaxTableBytes, true)
				if err != nil {
					return nil, err
				}
				csv, err := sheetCSV(data)
				if err != nil {
					l.pr.add(book, 0, 0, "", "%v", err)
					return nil, err
				}
				l.p.Warnings = append(l.p.Warnings, fmt.Sprintf("%s: read the first sheet of the workbook as %s", book, name))
				return csv, nil
			}
		}
	}
	data, err := l.read(name, MaxTableBytes, required)
	if err != nil || data == nil {
		return data, err
	}
	out, enc, err := csvtable.Decode(data)
	if err != nil {
		l.pr.add(name, 0, 0, "", "%v", err)
		return nil, err
	}
	if enc != csvtable.UTF8 {
		l.p.Warnings = append(l.p.Warnings, fmt.Sprintf("%s: read as %s and converted to UTF-8 (save it as \"CSV UTF-8\" to be sure of the letters)", name, enc))
	}
	return out, nil
}

// unwrapPath drops the *fs.PathError around err: the message names the
// file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

const yamlFile = "program.yaml"

// readYAML reads program.yaml into l.p.
func (l *loader) readYAML(data []byte) {
	root := parseTree(data, &l.pr)
	if root == nil {
		return
	}
	l.root = root
	p, pr := l.p, &l.pr
	// at locates a problem at n, or at the top of the document when the
	// key at fault is absent.
	at := func(n *yaml.Node, field, format string, args ...any) {
		if n == nil {
			n = root
		}
		pr.add(yamlFile, n.Line, n.Column, field, format, args...)
	}
	// sec returns the mapping under key of root, nil when absent.
	sec := func(key string) *yaml.Node {
		if n := get(root, key); n != nil && n.Kind == yaml.MappingNode {
			return n
		}
		return nil
	}
	scal := func(n *yaml.Node) *yaml.Node { // a scalar or nil; checkShape reported others
		if n != nil && n.Kind == yaml.ScalarNode {
			return n
		}
		return nil
	}
	dur := func(n *yaml.Node, field string, def time.Duration, lo, hi time.Duration) time.Duration {
		if n = scal(n); n == nil {
			return def
		}
		d, err := time.ParseDuration(text(n))
		switch {
		case err != nil && text(n) != "" && strings.Trim(text(n), "0123456789") == "":
			at(n, field, "want a duration with its unit, such as %sm for minutes, got %s", text(n), quote(n.Value))
		case err != nil:
			at(n, field, "want a duration like 45m or 1h30m, got %s", quote(n.Value))
		case d%time.Minute != 0:
			at(n, field, "want a whole number of minutes, got %v", d)
		case d < lo || d > hi:
			at(n, field, "want a duration from %v to %v, got %v", fmtDur(lo), fmtDur(hi), fmtDur(d))
		default:
			return d
		}
		return def
	}
	clock := func(n *yaml.Node, field string, def schedule.Clock) schedule.Clock {
		if n = scal(n); n == nil {
			return def
		}
		c, err := schedule.ParseClock(text(n))
		if err != nil {
			at(n, field, "%v", err)
			return def
		}
		return c
	}
	integer := func(n *yaml.Node, field string, def, lo, hi int) int {
		if n = scal(n); n == nil {
			return def
		}
		v, err := strconv.Atoi(text(n))
		if err != nil || v < lo || v > hi {
			at(n, field, "want a whole number from %d to %d, got %s", lo, hi, quote(n.Value))
			return def
		}
		return v
	}
	boolean := func(n *yaml.Node, field string, def bool) bool {
		if n = scal(n); n == nil {
			return def
		}
		switch strings.ToLower(text(n)) {
		case "true", "yes", "on":
			return true
		case "false", "no", "off":
			return false
		}
		at(n, field, "want true or false, got %s", quote(n.Value))
		return def
	}

	name := scal(get(root, "name"))
	p.Name = text(name)
	if p.Name == "" {
		at(name, "name", "the programme needs a name")
	} else if err := checkText(p.Name, MaxName); err != nil {
		at(name, "name", "the name: %v", err)
	}
	if n := scal(get(root, "timezone")); n != nil {
		if loc, err := loadZone(text(n)); err != nil {
			at(n, "timezone", "%v", err)
		} else {
			p.Zone = loc
		}
	}
	coord := sec("coordinator")
	cname, cmail := scal(get(coord, "name")), scal(get(coord, "email"))
	p.Coordinator = schedule.Person{Name: text(cname), Email: text(cmail)}
	if err := checkText(p.Coordinator.Name, MaxName); err != nil {
		at(cname, "coordinator.name", "the name: %v", err)
	}
	switch {
	case cmail == nil && coord == nil:
		at(keyNode(root, "name"), "coordinator.email", "the coordinator's e-mail is missing: add coordinator: {name: …, email: …}; it is the organiser of every invitation")
	case cmail == nil:
		at(keyNode(root, "coordinator"), "coordinator.email", "the coordinator's e-mail is missing; it is the organiser of every invitation")
	default:
		if err := checkEmail(cmail.Value); err != nil {
			at(cmail, "coordinator.email", "%v", err)
		}
	}
	l.readMail(at, integer)
	l.readTripsAuto(at, integer, boolean)

	m := &p.Meetings
	ms := sec("meetings")
	m.Duration = dur(get(ms, "duration"), "meetings.duration", m.Duration, 5*time.Minute, 8*time.Hour)
	m.Buffer = dur(get(ms, "buffer"), "meetings.buffer", m.Buffer, 0, 4*time.Hour)
	if n := scal(get(ms, "day")); n != nil {
		from, to, ok := strings.Cut(text(n), "-")
		a, err1 := schedule.ParseClock(from)
		b, err2 := schedule.ParseClock(to)
		if !ok || err1 != nil || err2 != nil || a >= b {
			at(n, "meetings.day", "want a range like 08:30-17:00, got %s", quote(n.Value))
		} else {
			m.DayStart, m.DayEnd = a, b
		}
	}
	if time.Duration(m.DayEnd-m.DayStart)*time.Minute < m.Duration {
		n := get(ms, "duration")
		if n == nil {
			n = get(ms, "day")
		}
		at(n, "meetings.duration", "a meeting of %v does not fit in the meeting day %v-%v", fmtDur(m.Duration), m.DayStart, m.DayEnd)
	}
	if n := scal(get(ms, "lunch")); n != nil {
		lunch, err := parseLunch(text(n))
		if err != nil {
			at(n, "meetings.lunch", "%v", err)
		} else {
			m.Lunch = lunch
		}
	}
	per := get(ms, "per_startup")
	m.Min = integer(get(per, "min"), "meetings.per_startup.min", m.Min, 0, MaxCount)
	m.Max = integer(get(per, "max"), "meetings.per_startup.max", m.Max, 1, MaxCount)
	if m.Min > m.Max {
		at(get(per, "min"), "meetings.per_startup", "min %d is more than max %d", m.Min, m.Max)
	}

	tr := sec("travel")
	if k := keyNode(tr, "modes"); k != nil {
		n := get(tr, "modes")
		p.Travel.Modes = nil
		seen := map[travel.Mode]bool{}
		for i, v := range items(n) {
			field := fmt.Sprintf("travel.modes[%d]", i+1)
			mode := travel.Mode(strings.ToLower(text(v)))
			switch mode {
			case travel.Train, travel.Bus, travel.Car, travel.Taxi, travel.Walk:
				if !seen[mode] {
					p.Travel.Modes = append(p.Travel.Modes, mode)
				}
				seen[mode] = true
			default:
				at(v, field, "want one of train, bus, car, taxi, walk, got %s", quote(v.Value))
			}
		}
		if n == nil || n.Kind == yaml.SequenceNode {
			if len(items(n)) == 0 {
				at(k, "travel.modes", "the list of modes is empty; list at least train or car, or leave the key out for every mode")
			} else if !seen[travel.Train] && !seen[travel.Car] && len(p.Travel.Modes) == len(items(n)) {
				at(n, "travel.modes", "no trip can be planned without train or car: list at least one of them")
			}
		}
	}
	if n := scal(get(tr, "car")); n != nil {
		if fuel, err := travel.ParseFuel(text(n)); err != nil {
			at(n, "travel.car", "want petrol, diesel or ev, got %s", quote(n.Value))
		} else {
			p.Travel.Car = fuel
		}
	}
	if n := scal(get(tr, "keep_score")); n != nil {
		f, err := strconv.ParseFloat(text(n), 64)
		if err != nil || f < 0 || f > 1 || math.IsNaN(f) {
			at(n, "travel.keep_score", "want a share between 0 and 1, got %s", quote(n.Value))
		} else {
			p.Travel.KeepScore = f
		}
	}
	p.Travel.CarSeats = integer(get(tr, "car_seats"), "travel.car_seats", p.Travel.CarSeats, 1, 60)
	p.Travel.NightGain = integer(get(tr, "night_gain"), "travel.night_gain", p.Travel.NightGain, 0, MaxCount)
	if n := scal(get(tr, "hotel_co2_kg")); n != nil {
		f, err := strconv.ParseFloat(text(n), 64)
		if err != nil || f < 0 || f > 1000 || math.IsNaN(f) {
			at(n, "travel.hotel_co2_kg", "want kg CO2e per guest night, from 0 to 1000, got %s", quote(n.Value))
		} else {
			p.Travel.HotelKg = f
		}
	}

	mt := sec("matching")
	p.Matching.CrossBorder = boolean(get(mt, "cross_border"), "matching.cross_border", true)
	p.Matching.Capacity = integer(get(mt, "capacity"), "matching.capacity", 2, 1, MaxCount)
	p.Matching.Fair = boolean(get(mt, "fair"), "matching.fair", false)
	pairs := func(key string) ([][2]string, []*yaml.Node) {
		var out [][2]string
		var nodes []*yaml.Node
		for i, v := range items(get(mt, key)) {
			f := strings.Fields(strings.ReplaceAll(text(v), ",", " "))
			if v.Kind != yaml.ScalarNode {
				continue
			}
			if len(f) != 2 {
				at(v, fmt.Sprintf("matching.%s[%d]", key, i+1), "want \"STARTUP CONTACT\", got %s", quote(v.Value))
				continue
			}
			out = append(out, [2]string{f[0], f[1]})
			nodes = append(nodes, v)
		}
		return out, nodes
	}
	p.Matching.Forbid, l.forbids = pairs("forbid")
	p.Matching.Pin, l.pins = pairs("pin")
	readScoring(&p.Matching.Weights, mt, at)

	l.readTrips(root, at, clock)
}

func (l *loader) readTrips(root *yaml.Node, at func(*yaml.Node, string, string, ...any), clock func(*yaml.Node, string, schedule.Clock) schedule.Clock) {
	p := l.p
	list := items(get(root, "trips"))
	if len(list) == 0 && get(root, "trips_auto") == nil && !l.people {
		k := keyNode(root, "trips")
		if k == nil {
			k = root
		}
		at(k, "trips", "the programme lists no trips to plan (or trips_auto: for trips crossmeet forms)")
		return
	}
	if len(list) > MaxTrips {
		at(get(root, "trips"), "trips", "%d trips, more than the limit of %d", len(list), MaxTrips)
		return
	}
	seen := map[string]int{}
	var first, last time.Time
	years := map[int]bool{}
	for i, t := range list {
		if t.Kind != yaml.MappingNode {
			continue // checkShape reported it
		}
		field := func(k string) string { return fmt.Sprintf("trips[%d].%s", i+1, k) }
		scal := func(key string) *yaml.Node {
			if n := get(t, key); n != nil && n.Kind == yaml.ScalarNode {
				return n
			}
			return nil
		}
		idN, fromN, toN := scal("id"), scal("from"), scal("to")
		trip := schedule.Trip{
			ID:         text(idN),
			From:       text(fromN),
			To:         text(toN),
			LeaveAfter: clock(scal("leave_after"), field("leave_after"), schedule.DefaultLeaveAfter),
			BackBy:     clock(scal("back_by"), field("back_by"), schedule.DefaultBackBy),
		}
		nodes := tripNodes{trip: t, id: idN, from: fromN, to: toN, dates: get(t, "dates")}
		if trip.ID == "" {
			trip.ID = fmt.Sprintf("T%d", i+1)
		} else if err := checkID(trip.ID); err != nil {
			at(idN, field("id"), "%v", err)
		}
		if line, dup := seen[strings.ToLower(trip.ID)]; dup {
			at(idN, field("id"), "trip id %s is used twice (first on line %d)", quote(trip.ID), line)
		}
		if idN != nil {
			seen[strings.ToLower(trip.ID)] = idN.Line
		}
		for _, ref := range []struct {
			n     *yaml.Node
			field string
		}{{fromN, "from"}, {toN, "to"}} {
			if ref.n != nil {
				if err := checkText(text(ref.n), MaxName); err != nil {
					at(ref.n, field(ref.field), "%v", err)
				}
			}
		}
		inTrip := map[string]bool{}
		for j, s := range items(get(t, "startups")) {
			if s.Kind != yaml.ScalarNode {
				continue
			}
			id := text(s)
			if inTrip[strings.ToLower(id)] {
				at(s, fmt.Sprintf("%s[%d]", field("startups"), j+1), "start-up %s is listed twice", quote(id))
				continue
			}
			inTrip[strings.ToLower(id)] = true
			trip.Startups = append(trip.Startups, id)
			nodes.startups = append(nodes.startups, s)
		}
		if len(trip.Startups) == 0 {
			at(t, field("startups"), "a trip needs at least one start-up")
		}
		if trip.To == "" {
			at(t, field("to"), "a trip needs a destination: a place id, a city or a country code")
		}
		dates := items(get(t, "dates"))
		if len(dates) > MaxDates {
			at(get(t, "dates"), field("dates"), "%d candidate dates, more than the limit of %d", len(dates), MaxDates)
			dates = nil
		}
		seenDay := map[string]bool{}
		for j, d := range dates {
			f := fmt.Sprintf("%s[%d]", field("dates"), j+1)
			day, err := time.ParseInLocation("2006-01-02", text(d), p.Zone)
			switch {
			case d.Kind != yaml.ScalarNode:
				continue
			case err != nil:
				at(d, f, "want a date like 2027-03-09, got %s", quote(d.Value))
				continue
			case day.Year() < MinYear || day.Year() > MaxYear:
				at(d, f, "the year %d is outside %d-%d", day.Year(), MinYear, MaxYear)
				continue
			case seenDay[text(d)]:
				at(d, f, "the date %s is given twice", text(d))
				continue
			}
			seenDay[text(d)] = true
			trip.Dates = append(trip.Dates, day)
			years[day.Year()], years[day.AddDate(0, 0, 1).Year()] = true, true
			if first.IsZero() || day.Before(first) {
				first = day
			}
			if day.After(last) {
				last = day
			}
		}
		if len(dates) == 0 {
			at(t, field("dates"), "a trip needs at least one candidate date")
		}
		overnight := scal("overnight")
		switch o := strings.ToLower(text(overnight)); o {
		case "", "no", "false":
			trip.Overnight = schedule.NoOvernight
		case "allowed", "yes", "true":
			trip.Overnight = schedule.OvernightAllowed
		case "required":
			trip.Overnight = schedule.OvernightRequired
		default:
			at(overnight, field("overnight"), "want no, allowed or required (never more than one night), got %s", quote(overnight.Value))
		}
		if trip.LeaveAfter >= trip.BackBy && trip.Overnight == schedule.NoOvernight {
			n := scal("back_by")
			if n == nil {
				n = t
			}
			at(n, field("back_by"), "back_by %v is not after leave_after %v", trip.BackBy, trip.LeaveAfter)
		}
		p.Trips = append(p.Trips, trip)
		l.trips = append(l.trips, nodes)
	}
	if !first.IsZero() {
		// The span busy times matter in: the first day from midnight to the
		// day after the last, the night away included.
		l.from, l.to = first, last.AddDate(0, 0, 2)
	}
	for y := range years {
		l.years = append(l.years, y)
	}
	sort.Ints(l.years)
}

// The years a programme's dates may fall in.
const (
	MinYear = 2000
	MaxYear = 2100
)

// loadZone loads an IANA time zone. "Local" is refused: it is the
// machine's zone, and the plan would change with the computer.
func loadZone(name string) (*time.Location, error) {
	if name == "" || strings.EqualFold(name, "local") {
		return nil, fmt.Errorf("want an IANA time zone such as Europe/Stockholm, got %s", quote(name))
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("want an IANA time zone such as Europe/Stockholm, got %s", quote(name))
	}
	return loc, nil
}

func fmtDur(d time.Duration) string {
	s := d.String()
	s = strings.TrimSuffix(s, "0s")
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	if s == "" {
		return "0m"
	}
	return s
}

// readMail reads what invitations need: each country's coordinator
// (coordinators), the SMTP settings (mail) and the meetings agreed to
// stay where they are (locked).
func (l *loader) readMail(at func(*yaml.Node, string, string, ...any), integer func(*yaml.Node, string, int, int, int) int) {
	p, root := l.p, l.root
	cs := get(root, "coordinators")
	if cs != nil && cs.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(cs.Content); i += 2 {
			k, v := cs.Content[i], cs.Content[i+1]
			field := "coordinators." + k.Value
			code := strings.ToUpper(strings.TrimSpace(k.Value))
			if len(code) != 2 || strings.Trim(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
				at(k, field, "want a two-letter country code such as SE or NO, got %s", quote(k.Value))
				continue
			}
			name, mail := get(v, "name"), get(v, "email")
			person := schedule.Person{Name: text(name), Email: text(mail)}
			if err := checkText(person.Name, MaxName); err != nil {
				at(name, field+".name", "the name: %v", err)
			}
			if err := checkEmail(person.Email); err != nil {
				if mail == nil {
					mail = v
				}
				at(mail, field+".email", "%v", err)
				continue
			}
			if p.Coordinators == nil {
				p.Coordinators = map[string]schedule.Person{}
			}
			p.Coordinators[code] = person
		}
	}
	m := get(root, "mail")
	p.Mail = schedule.Mail{
		Host:        text(get(m, "host")),
		Port:        integer(get(m, "port"), "mail.port", 0, 1, 65535),
		From:        text(get(m, "from")),
		TLS:         strings.ToLower(text(get(m, "tls"))),
		Username:    text(get(m, "username")),
		PasswordEnv: text(get(m, "password_env")),
	}
	switch p.Mail.TLS {
	case "", "starttls", "tls", "none":
	default:
		at(get(m, "tls"), "mail.tls", "want starttls, tls or none, got %s", quote(p.Mail.TLS))
	}
	if p.Mail.From != "" {
		if err := checkEmail(p.Mail.From); err != nil {
			at(get(m, "from"), "mail.from", "%v", err)
		}
	}
	for _, f := range []struct{ key, val string }{{"host", p.Mail.Host}, {"username", p.Mail.Username}, {"password_env", p.Mail.PasswordEnv}} {
		if err := checkText(f.val, MaxName); err != nil {
			at(get(m, f.key), "mail."+f.key, "%v", err)
		}
	}
	for i, n := range items(get(root, "locked")) {
		field := fmt.Sprintf("locked[%d]", i+1)
		lock := schedule.Lock{Startup: text(get(n, "startup")), Contact: text(get(n, "contact"))}
		when := text(get(n, "start"))
		start, err := time.ParseInLocation("2006-01-02 15:04", when, p.Zone)
		if err != nil {
			start, err = time.Parse(time.RFC3339, when)
		}
		if err != nil || lock.Startup == "" || lock.Contact == "" {
			at(n, field, "want startup, contact and start like \"2027-03-09 10:00\", got %s %s %s", quote(lock.Startup), quote(lock.Contact), quote(when))
			continue
		}
		lock.Start = start
		p.Locked = append(p.Locked, lock)
		l.locks = append(l.locks, n)
	}
}

// readScoring reads the matching keys that steer scores: min_score,
// synonyms, languages (the groups whose speakers understand each other)
// and weights, into the options of match.Score. An absent key keeps
// match's default.
func readScoring(o *match.Options, mt *yaml.Node, at func(*yaml.Node, string, string, ...any)) {
	number := func(n *yaml.Node, field string, lo, hi float64) (float64, bool) {
		if n == nil || n.Kind != yaml.ScalarNode {
			return 0, false
		}
		f, err := strconv.ParseFloat(text(n), 64)
		if err != nil || math.IsNaN(f) || f < lo || f > hi {
			at(n, field, "want a number from %g to %g, got %s", lo, hi, quote(n.Value))
			return 0, false
		}
		return f, true
	}
	if f, ok := number(get(mt, "min_score"), "matching.min_score", 0, 10); ok {
		o.MinScore = f
		if f == 0 {
			o.MinScore = -1 // 0 written out means no floor
		}
	}
	groups := func(key string) [][]string {
		var out [][]string
		for i, g := range items(get(mt, key)) {
			var words []string
			for _, w := range items(g) {
				if t := strings.TrimSpace(text(w)); t != "" {
					words = append(words, t)
				}
			}
			if len(words) < 2 && key == "synonyms" {
				at(g, fmt.Sprintf("matching.%s[%d]", key, i+1), "a synonym group needs at least two words, such as [snøskred, lavin, avalanche]")
				continue
			}
			out = append(out, words)
		}
		return out
	}
	if get(mt, "synonyms") != nil {
		o.Synonyms = groups("synonyms")
	}
	if get(mt, "languages") != nil {
		o.Languages = groups("languages")
		if o.Languages == nil {
			o.Languages = [][]string{} // an empty list: no groups
		}
	}
	if ws := get(mt, "weights"); ws != nil && ws.Kind == yaml.MappingNode {
		w := match.DefaultWeights()
		for _, f := range []struct {
			key string
			to  *float64
		}{
			{"person", &w.Person}, {"org", &w.Org}, {"role", &w.Role}, {"tag", &w.Tag}, {"text", &w.Text},
			{"decay", &w.Decay}, {"similarity", &w.Similarity}, {"language", &w.Language},
			{"role_alone", &w.RoleAlone}, {"org_alone", &w.OrgAlone},
		} {
			if v, ok := number(get(ws, f.key), "matching.weights."+f.key, 0, 1); ok {
				*f.to = v
			}
		}
		o.Weights = &w
	}
}

func parseLunch(s string) (schedule.Lunch, error) {
	bad := fmt.Errorf("want a window and a length like \"11:30-13:00 45m\", or \"none\", got %s", quote(s))
	if strings.EqualFold(s, "none") || s == "" {
		return schedule.Lunch{}, nil
	}
	span, length, ok := strings.Cut(s, " ")
	if !ok {
		return schedule.Lunch{}, bad
	}
	from, to, ok := strings.Cut(span, "-")
	a, err1 := schedule.ParseClock(from)
	b, err2 := schedule.ParseClock(to)
	d, err3 := time.ParseDuration(strings.TrimSpace(length))
	if !ok || err1 != nil || err2 != nil || err3 != nil || d <= 0 || d%time.Minute != 0 || b <= a || time.Duration(b-a)*time.Minute < d {
		return schedule.Lunch{}, bad
	}
	return schedule.Lunch{From: a, To: b, Duration: d}, nil
}

// checkPlaceZones refuses places.csv time zones the plan would depend on
// the machine for, before package travel reads them.
func (l *loader) checkPlaceZones() {
	col, ok := l.placeCols["timezone"]
	if !ok {
		return
	}
	for _, r := range l.placeRows {
		if tz := r.Get(l.placeCols, "timezone"); strings.EqualFold(tz, "local") {
			l.pr.add("places.csv", r.Line, col+1, "timezone", "want an IANA time zone such as Europe/Oslo, got %s: Local is the computer's zone", quote(tz))
		}
	}
}

// loadFeed reads gtfs.zip or the gtfs/ folder when either exists,
// through a guardFS: regular files only, MaxFeedBytes in all.
func (l *loader) loadFeed() {
	p := l.p
	budget := int64(MaxFeedBytes)
	var fsys fs.FS
	dir, label := "gtfs", "gtfs"
	_, err := fs.Stat(l.fsys, "gtfs.zip")
	switch {
	case err == nil:
		label = "gtfs.zip"
		zr, c, err := l.openZip("gtfs.zip")
		if err != nil {
			return
		}
		defer c.Close()
		if err := checkZip(zr); err != nil {
			l.pr.add(label, 0, 0, "", "%w", err)
			return
		}
		// The files may sit at the top of the zip or in one folder of it.
		dir = "."
		if _, err := fs.Stat(zr, "stops.txt"); err != nil {
			if found, _ := fs.Glob(zr, "*/stops.txt"); len(found) == 1 {
				dir = path.Dir(found[0])
			}
		}
		fsys = zr
		if st, err := fs.Stat(l.fsys, "gtfs"); err == nil && st.IsDir() {
			p.Warnings = append(p.Warnings, "gtfs/ is ignored: the folder has gtfs.zip too, which is read")
		}
	case !errors.Is(err, fs.ErrNotExist):
		l.pr.add("gtfs.zip", 0, 0, "", "cannot read the file: %w", unwrapPath(err))
		return
	default:
		st, err := fs.Stat(l.fsys, "gtfs")
		if err != nil {
			return
		}
		if !st.IsDir() {
			l.pr.add("gtfs", 0, 0, "", "want a folder of GTFS .txt files (or gtfs.zip), got a file")
			return
		}
		fsys = l.fsys
		if _, err := fs.Stat(l.fsys, "gtfs/agency.txt"); err != nil {
			// Several feeds: gtfs/ holds a zip or a folder per feed.
			l.loadFeeds(guardFS{fsys: fsys, budget: &budget})
			return
		}
	}
	g := guardFS{fsys: fsys, budget: &budget}
	src := travel.Source{FS: g, Dir: dir}
	if label == "gtfs.zip" {
		src.Path = l.onDisk("gtfs.zip")
	}
	feed, err := travel.LoadFeeds(context.Background(), []travel.Source{src}, travel.LoadOptions{Cache: src.Path != ""})
	if err != nil {
		l.pr.wrap(label, inFeed(label, err))
		return
	}
	l.feedWarnings(label, feed)
	p.Feed = feed
	if loc := feed.Location(); loc != nil && loc.String() == "Local" {
		line := 0
		if data, err := fs.ReadFile(g, path.Join(dir, "agency.txt")); err == nil {
			if _, rows, err := csvtable.Records(data, "agency.txt"); err == nil && len(rows) > 0 {
				line = rows[0].Line
			}
		}
		l.pr.add(label+"/agency.txt", line, 0, "agency_timezone", "want an IANA time zone such as Europe/Oslo, got \"Local\": Local is the computer's zone")
	}
}

// maxFeedDays bounds the days one range of a start-up's dates column
// adds to the timetable's window (a year typed wrong in 2027-03-08..2037-03-19).
const maxFeedDays = 400

// feedDates are the days a programme's journeys can fall on, each with
// the day after (for the way home of a night away): the candidate dates
// of its trips and, for the trips crossmeet forms (trips_auto), the
// start-ups' dates, a weekday item standing for every day of the season.
// They need not be exact, only cover: package form chooses among them.
func feedDates(p *schedule.Program) []time.Time {
	set := map[time.Time]bool{}
	add := func(d time.Time) {
		y, m, dd := d.Date()
		set[time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)] = true
	}
	span := func(from, to time.Time) {
		for i, d := 0, from; !d.After(to) && i < maxFeedDays; i, d = i+1, d.AddDate(0, 0, 1) {
			add(d)
		}
	}
	for _, t := range p.Trips {
		for _, d := range t.Dates {
			add(d)
		}
	}
	from, to := p.TripsAuto.SeasonFrom, p.TripsAuto.SeasonTo
	for _, st := range p.Startups {
		for _, it := range st.Dates {
			switch {
			case it.Weekdays != nil:
				if !from.IsZero() && !to.IsZero() {
					span(from, to)
				}
			default:
				span(it.From, it.To)
			}
		}
	}
	var out []time.Time
	for d := range set {
		out = append(out, d, d.AddDate(0, 0, 1))
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return slices.Compact(out)
}

// loadFeeds reads the several feeds of gtfs/ (for a cross-border
// programme the Swedish and the Norwegian national feed, each a zip or a
// folder) as one timetable, keeping only the trips that run around the
// trips' dates, since a national feed holds months of them.
func (l *loader) loadFeeds(g guardFS) {
	p := l.p
	srcs, err := travel.FeedsIn(g, "gtfs")
	if err != nil {
		l.pr.wrap("gtfs", err)
		return
	}
	if len(srcs) == 0 {
		l.pr.add("gtfs", 0, 0, "", "the folder holds no timetable: want GTFS .txt files, or one .zip file or folder per feed")
		return
	}
	for _, s := range srcs {
		if !strings.HasSuffix(s.Dir, ".zip") {
			continue
		}
		zr, c, err := l.openZip(s.Dir)
		if err != nil {
			return
		}
		err = checkZip(zr)
		c.Close()
		if err != nil {
			l.pr.add(s.Dir, 0, 0, "", "%w", err)
			return
		}
	}
	cache := false
	for i, s := range srcs {
		if strings.HasSuffix(s.Dir, ".zip") {
			srcs[i].Path = l.onDisk(s.Dir)
			cache = cache || srcs[i].Path != ""
		}
	}
	feed, err := travel.LoadFeeds(context.Background(), srcs, travel.LoadOptions{Dates: feedDates(p), Cache: cache})
	if err != nil {
		l.pr.wrap("gtfs", inFeed("gtfs", err))
		return
	}
	l.feedWarnings("gtfs", feed)
	p.Feed = feed
}

// MaxFeedWarnings is how many of the timetable's warnings (trips left out
// for a bad row) a programme lists; one more line counts the rest, all of
// which Program.Feed.Warnings returns. A national feed may have
// thousands, which would bury the programme's own warnings.
const MaxFeedWarnings = 20

// feedWarnings adds the timetable's warnings to the programme's, after
// the timetable's name in the folder (gtfs.zip: trip "x" dropped:
// stop_times.txt:3: …; gtfs: sweden: … for one of several feeds).
func (l *loader) feedWarnings(label string, feed *travel.Feed) {
	l.p.Warnings = append(l.p.Warnings, TimetableWarnings(label+": ", feed.Warnings())...)
}

// TimetableWarnings words a timetable's warnings (travel.Feed.Warnings)
// as validate, plan and route print them, each after prefix: the first
// MaxFeedWarnings, then one line that counts the rest.
func TimetableWarnings(prefix string, ws []error) []string {
	var out []string
	for i, w := range ws {
		if i == MaxFeedWarnings {
			return append(out, fmt.Sprintf("%s%d timetable warnings in all (trips left out for a bad row): %d listed, %d more not", prefix, len(ws), i, len(ws)-i))
		}
		out = append(out, prefix+w.Error())
	}
	return out
}

// onDisk returns the path on disk of the folder's file name (LoadDir),
// "" when the folder is not on disk.
func (l *loader) onDisk(name string) string {
	if l.disk == "" {
		return ""
	}
	return filepath.Join(l.disk, filepath.FromSlash(name))
}

// inFeed names the timetable's files as the folder has them: gtfs/stops.txt
// or gtfs.zip/stops.txt.
func inFeed(label string, err error) error {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			inFeed(label, e)
		}
		return err
	}
	var pe *ParseError
	if errors.As(err, &pe) && !strings.Contains(pe.File, "/") {
		pe.File = label + "/" + pe.File
	}
	return err
}

// loadBusy reads availability/ID.ics for every contact that has one,
// expanding recurring events over the span of the trips' dates.
func (l *loader) loadBusy() {
	p := l.p
	st, err := fs.Stat(l.fsys, "availability")
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.pr.add("availability", 0, 0, "", "cannot read the folder: %v", unwrapPath(err))
		}
		return
	}
	if !st.IsDir() {
		l.pr.add("availability", 0, 0, "", "want a folder of ID.ics files, got a file")
		return
	}
	entries, err := fs.ReadDir(l.fsys, "availability")
	if err != nil {
		l.pr.add("availability", 0, 0, "", "cannot read the folder: %v", unwrapPath(err))
		return
	}
	if len(entries) > MaxCalendars {
		l.pr.add("availability", 0, 0, "", "%d files, more than the limit of %d", len(entries), MaxCalendars)
		return
	}
	contacts := map[string]bool{}
	for _, c := range p.Contacts {
		contacts[c.ID] = true
	}
	lower := map[string]string{}
	total := int64(0)
	for _, e := range entries {
		file := "availability/" + e.Name()
		if e.IsDir() || !strings.EqualFold(path.Ext(e.Name()), ".ics") {
			p.Warnings = append(p.Warnings, fmt.Sprintf("%s: not an ID.ics file; ignored", file))
			continue
		}
		id := strings.TrimSuffix(e.Name(), path.Ext(e.Name()))
		if other, dup := lower[strings.ToLower(id)]; dup {
			l.pr.add(file, 0, 0, "", "%s and %s name the same contact", quote(other), quote(e.Name()))
			continue
		}
		lower[strings.ToLower(id)] = e.Name()
		if len(p.Contacts) > 0 && !contacts[id] {
			// Not read: it would be ignored.
			p.Warnings = append(p.Warnings, fmt.Sprintf("availability/%s.ics: no contact has id %s; the file is ignored", id, quote(id)))
			continue
		}
		if st, err := fs.Stat(l.fsys, file); err == nil && st.Mode().IsRegular() {
			if total += st.Size(); total > calendarsBytes {
				l.pr.add("availability", 0, 0, "", "the files hold more than the limit of %s in all", regular.Size(calendarsBytes))
				return
			}
		}
		data, err := l.read(file, MaxCalendarBytes, true)
		if err != nil {
			continue
		}
		busy, err := calendar.ParseBusy(data, calendar.BusyOptions{Zone: p.Zone, From: l.from, To: l.to, File: file})
		if err != nil {
			l.pr.wrap(file, err)
			continue
		}
		p.Busy[id] = busy
	}
}

// addStations lets a programme name timetable stations it does not list
// in places.csv: a trip's from or to, a start-up's home or a contact's
// place that is a stop id or stop name of the feed becomes a station place.
func addStations(p *schedule.Program) {
	if p.Feed == nil {
		return
	}
	known := map[string]bool{}
	for _, pl := range p.Places {
		known[pl.ID] = true
	}
	add := func(ref string) {
		if ref == "" || known[ref] {
			return
		}
		stop, err := p.Feed.Stop(ref)
		if err != nil {
			return
		}
		if stop.Parent != "" {
			if parent, err := p.Feed.Stop(stop.Parent); err == nil {
				stop = parent
			}
		}
		place := stop.Place()
		place.ID, place.Kind, place.StopID, place.TimeZone = ref, "station", stop.ID, p.Feed.StopLocation(stop)
		p.Places = append(p.Places, place)
		known[ref] = true
	}
	for _, t := range p.Trips {
		add(t.From)
		if _, err := p.Destination(t.To); err != nil {
			add(t.To)
		}
	}
	for _, s := range p.Startups {
		add(s.Home)
	}
	for _, c := range p.Contacts {
		if !c.HasCoords {
			add(c.Place)
		}
	}
}

// checkServiceDays warns of trip dates the timetable's calendar does not
// cover (last season's feed, a year typed wrong): on those days the
// planner finds no train or bus and can only offer the car.
func (l *loader) checkServiceDays() {
	p := l.p
	if p.Feed == nil {
		return
	}
	first, last, ok := p.Feed.ServiceDays()
	for i, t := range p.Trips {
		var out []string
		for _, d := range t.Dates {
			day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, first.Location())
			if !ok || day.Before(first) || day.After(last) {
				out = append(out, d.Format(time.DateOnly))
			}
		}
		if len(out) == 0 {
			continue
		}
		where := yamlFile
		if n := l.trips[i].dates; n != nil {
			where = fmt.Sprintf("%s line %d", yamlFile, n.Line)
		}
		runs := "runs no service on any date"
		if ok {
			runs = fmt.Sprintf("runs from %s to %s", first.Format(time.DateOnly), last.Format(time.DateOnly))
		}
		p.Warnings = append(p.Warnings, fmt.Sprintf("%s: trip %s: the timetable %s, so no train or bus can be planned on %s; put the feed for those dates in gtfs/", where, t.ID, runs, strings.Join(out, ", ")))
	}
}

// crossCheck checks what no single file can: ids across files, the
// references of trips, start-ups, contacts, places and pins, and the
// time zones the calendars must describe.
func (l *loader) crossCheck() {
	p, pr := l.p, &l.pr
	cell := func(file string, rows []csvtable.Record, cols map[string]int, i int, col string, format string, args ...any) {
		line, c := 0, 0
		if i < len(rows) {
			line = rows[i].Line
		}
		if n, ok := cols[col]; ok {
			c = n + 1
		}
		pr.add(file, line, c, col, format, args...)
	}
	yamlAt := func(n *yaml.Node, field, format string, args ...any) {
		line, col := 0, 0
		if n != nil {
			line, col = n.Line, n.Column
		}
		pr.add(yamlFile, line, col, field, format, args...)
	}
	places := map[string]bool{}
	for _, pl := range p.Places {
		places[pl.ID] = true
	}

	// Ids: a safe set, unique without regard to case across start-ups
	// and contacts, since each names a calendar file.
	ids := map[string]string{} // lower-case id -> "startups.csv line N"
	claim := func(id, file string, line int) error {
		k := strings.ToLower(id)
		if where, dup := ids[k]; dup {
			return fmt.Errorf("id %s is already used in %s; ids must differ also in case, across start-ups and contacts", quote(id), where)
		}
		ids[k] = fmt.Sprintf("%s line %d", file, line)
		return nil
	}
	startups := map[string]bool{}
	for i, s := range p.Startups {
		startups[s.ID] = true
		line := 0
		if i < len(l.startupRows) {
			line = l.startupRows[i].Line
		}
		if err := checkID(s.ID); err != nil {
			cell("startups.csv", l.startupRows, l.startupCols, i, "id", "%v", err)
		} else if err := claim(s.ID, "startups.csv", line); err != nil {
			cell("startups.csv", l.startupRows, l.startupCols, i, "id", "%v", err)
		}
		if err := checkText(s.Name, MaxName); err != nil {
			cell("startups.csv", l.startupRows, l.startupCols, i, "name", "the name: %v", err)
		}
		for k, m := range s.Team {
			if err := checkText(m.Name, MaxName); err != nil {
				cell("startups.csv", l.startupRows, l.startupCols, i, "team", "member %d: the name: %v", k+1, err)
			}
			if m.Email != "" {
				if err := checkEmail(m.Email); err != nil {
					cell("startups.csv", l.startupRows, l.startupCols, i, "team", "member %d: %v", k+1, err)
				}
			}
		}
		if s.Home != "" && !places[s.Home] && !l.people {
			cell("startups.csv", l.startupRows, l.startupCols, i, "home", "start-up %s: home %s is neither a place id in places.csv nor a timetable stop%s", s.ID, quote(s.Home), l.didYouMean(s.Home, placeIDs))
		}
	}
	contacts := map[string]bool{}
	for i, c := range p.Contacts {
		contacts[c.ID] = true
		line := 0
		if i < len(l.contactRows) {
			line = l.contactRows[i].Line
		}
		if err := checkID(c.ID); err != nil {
			cell("contacts.csv", l.contactRows, l.contactCols, i, "id", "%v", err)
		} else if err := claim(c.ID, "contacts.csv", line); err != nil {
			cell("contacts.csv", l.contactRows, l.contactCols, i, "id", "%v", err)
		}
		if err := checkText(c.Name, MaxName); err != nil {
			cell("contacts.csv", l.contactRows, l.contactCols, i, "name", "the name: %v", err)
		}
		if c.Email != "" {
			if err := checkEmail(c.Email); err != nil {
				cell("contacts.csv", l.contactRows, l.contactCols, i, "email", "%v", err)
			}
		}
		if c.Capacity > MaxCount {
			cell("contacts.csv", l.contactRows, l.contactCols, i, "capacity", "capacity %d is more than the limit of %d", c.Capacity, MaxCount)
		}
		switch {
		case l.people:
		case c.Place != "" && !places[c.Place] && !c.HasCoords:
			cell("contacts.csv", l.contactRows, l.contactCols, i, "place", "contact %s: place %s is not in places.csv%s", c.ID, quote(c.Place), l.didYouMean(c.Place, placeIDs))
		case c.Place == "" && !c.HasCoords:
			cell("contacts.csv", l.contactRows, l.contactCols, i, "place", "contact %s has neither a place nor lat/lon", c.ID)
		}
	}
	for i, pl := range p.Places {
		if i >= len(l.placeRows) {
			break // stations added from the timetable
		}
		if err := checkText(pl.ID, MaxName); err != nil {
			cell("places.csv", l.placeRows, l.placeCols, i, "id", "%v", err)
		}
		if err := checkText(pl.Name, MaxName); err != nil {
			cell("places.csv", l.placeRows, l.placeCols, i, "name", "the name: %v", err)
		}
		if pl.StopID == "" {
			continue
		}
		if p.Feed == nil {
			p.Warnings = append(p.Warnings, fmt.Sprintf("places.csv:%d: gtfs_stop_id %s is ignored: the folder has no timetable", l.placeRows[i].Line, quote(pl.StopID)))
		} else if _, err := p.Feed.Stop(pl.StopID); err != nil {
			cell("places.csv", l.placeRows, l.placeCols, i, "gtfs_stop_id", "place %s: gtfs_stop_id %s is not a stop of the timetable", pl.ID, quote(pl.StopID))
		}
	}
	for id := range p.Busy {
		if !contacts[id] {
			p.Warnings = append(p.Warnings, fmt.Sprintf("availability/%s.ics: no contact has id %s; the file is ignored", id, quote(id)))
		}
	}
	l.checkServiceDays()
	sort.Strings(p.Warnings)
	for i, t := range p.Trips {
		at := l.trips[i]
		field := func(k string) string { return fmt.Sprintf("trips[%d].%s", i+1, k) }
		for j, s := range t.Startups {
			if !startups[s] {
				yamlAt(at.startups[j], fmt.Sprintf("%s[%d]", field("startups"), j+1), "trip %s: start-up %s is not in startups.csv%s", t.ID, quote(s), l.didYouMean(s, startupIDs))
			}
		}
		if len(t.Startups) == 0 || !startups[t.Startups[0]] {
			continue
		}
		if l.people {
			continue // trips' places matter to the planner, not to matching
		}
		from, err := p.Origin(&p.Trips[i])
		if err == nil && !places[from] {
			n := at.from
			if n == nil {
				n = at.trip
			}
			yamlAt(n, field("from"), "trip %s: from %s is neither a place id in places.csv nor a timetable stop%s", t.ID, quote(from), l.didYouMean(from, placeIDs))
		}
		if _, err := p.Destination(t.To); err != nil {
			yamlAt(at.to, field("to"), "trip %s: %v", t.ID, err)
		} else if places[from] && p.AlreadyThere(from, t.To) {
			yamlAt(at.to, field("to"), "trip %s: it starts at %s, which is at its destination %s (within %g km): the trip goes nowhere", t.ID, quote(from), quote(t.To), schedule.Radius)
		}
	}
	check := func(list [][2]string, nodes []*yaml.Node, key string) {
		for i, pair := range list {
			field := fmt.Sprintf("%s[%d]", key, i+1)
			if !startups[pair[0]] {
				yamlAt(nodes[i], field, "start-up %s is not in startups.csv%s", quote(pair[0]), l.didYouMean(pair[0], startupIDs))
			}
			if !contacts[pair[1]] {
				yamlAt(nodes[i], field, "contact %s is not in contacts.csv%s", quote(pair[1]), l.didYouMean(pair[1], contactIDs))
			}
		}
	}
	check(p.Matching.Forbid, l.forbids, "matching.forbid")
	check(p.Matching.Pin, l.pins, "matching.pin")
	// Pins the matcher would refuse: pinned and forbidden, or more pins
	// than a start-up's maximum or a contact's capacity.
	forbidden := map[[2]string]bool{}
	for _, f := range p.Matching.Forbid {
		forbidden[f] = true
	}
	pinned := map[[2]string]bool{}
	perStartup, perContact := map[string]int{}, map[string]int{}
	for i, pin := range p.Matching.Pin {
		field := fmt.Sprintf("matching.pin[%d]", i+1)
		if !startups[pin[0]] || !contacts[pin[1]] || pinned[pin] {
			continue
		}
		pinned[pin] = true
		if forbidden[pin] {
			yamlAt(l.pins[i], field, "%s %s is both pinned and forbidden", pin[0], pin[1])
		}
		perStartup[pin[0]]++
		if n := perStartup[pin[0]]; n == p.Meetings.Max+1 {
			yamlAt(l.pins[i], field, "start-up %s has %d pinned meetings, more than meetings.per_startup.max %d", pin[0], n, p.Meetings.Max)
		}
		perContact[pin[1]]++
		if c, ok := p.Contact(pin[1]); ok {
			if n, max := perContact[pin[1]], p.Capacity(c); n == max+1 {
				yamlAt(l.pins[i], field, "contact %s has %d pinned meetings, more than its capacity %d", pin[1], n, max)
			}
		}
	}
	l.checkLocks(yamlAt, startups, contacts, forbidden)
	l.checkZones()
}

// checkLocks checks program.yaml locked: known start-ups and contacts,
// one lock per pair, not a forbidden pair, in the meeting day, and on a
// day one of the start-up's trips may be away.
func (l *loader) checkLocks(yamlAt func(*yaml.Node, string, string, ...any), startups, contacts map[string]bool, forbidden map[[2]string]bool) {
	p := l.p
	seen := map[[2]string]bool{}
	for i, lock := range p.Locked {
		n, field := l.locks[i], fmt.Sprintf("locked[%d]", i+1)
		k := [2]string{lock.Startup, lock.Contact}
		if !startups[lock.Startup] {
			yamlAt(n, field, "start-up %s is not in startups.csv%s", quote(lock.Startup), l.didYouMean(lock.Startup, startupIDs))
			continue
		}
		if !contacts[lock.Contact] {
			yamlAt(n, field, "contact %s is not in contacts.csv%s", quote(lock.Contact), l.didYouMean(lock.Contact, contactIDs))
			continue
		}
		if seen[k] {
			yamlAt(n, field, "%s %s is locked twice; keep one start", lock.Startup, lock.Contact)
			continue
		}
		seen[k] = true
		if forbidden[k] {
			yamlAt(n, field, "%s %s is both locked and forbidden", lock.Startup, lock.Contact)
		}
		local := lock.Start.In(p.Zone)
		y, m, d := local.Date()
		day := time.Date(y, m, d, 0, 0, 0, 0, p.Zone)
		if local.Before(p.Meetings.DayStart.On(day)) || local.Add(p.Meetings.Duration).After(p.Meetings.DayEnd.On(day)) {
			yamlAt(n, field, "%s %s at %s: want a start from %s with the meeting over by %s (meetings.day_start, day_end)",
				lock.Startup, lock.Contact, local.Format("2006-01-02 15:04"), p.Meetings.DayStart, p.Meetings.DayEnd)
		}
		away := false
		for j := range p.Trips {
			t := &p.Trips[j]
			if slices.Contains(t.Startups, lock.Startup) && t.Away(day) {
				away = true
			}
		}
		if !away && len(p.Trips) > 0 {
			yamlAt(n, field, "%s %s at %s: no trip of %s may be away on %s (its trips' dates, or the day after one with a night away)",
				lock.Startup, lock.Contact, local.Format("2006-01-02 15:04"), lock.Startup, day.Format("2006-01-02"))
		}
	}
}

// checkZones asks the calendar writer whether it can describe every zone
// the plan's times may be in, for the years of the trips' dates.
func (l *loader) checkZones() {
	if len(l.years) == 0 {
		return
	}
	p := l.p
	if err := calendar.CheckZone(p.Zone, l.years); err != nil {
		n := get(l.root, "timezone")
		line, col := 0, 0
		if n != nil {
			line, col = n.Line, n.Column
		}
		l.pr.add(yamlFile, line, col, "timezone", "%v", err)
	}
	done := map[string]bool{p.Zone.String(): true}
	for i, pl := range p.Places {
		if pl.TimeZone == nil || done[pl.TimeZone.String()] {
			continue
		}
		done[pl.TimeZone.String()] = true
		if err := calendar.CheckZone(pl.TimeZone, l.years); err != nil {
			if i < len(l.placeRows) {
				col := 0
				if c, ok := l.placeCols["timezone"]; ok {
					col = c + 1
				}
				l.pr.add("places.csv", l.placeRows[i].Line, col, "timezone", "%v", err)
			} else {
				l.pr.add("gtfs/agency.txt", 0, 0, "agency_timezone", "%v", err)
			}
		}
	}
}

// maxSuggestions bounds the unknown names of one load that get a "did
// you mean": each is compared with every known name, and a contacts.csv
// of 100,000 rows naming unknown places among 50,000 would take hours.
// Past a few dozen the cause is not a typo anyway.
const maxSuggestions = 50

// didYouMean is didYouMean for the first maxSuggestions unknown names of
// the load (known gives the names they may mean), nothing after.
func (l *loader) didYouMean(word string, known func(*schedule.Program) []string) string {
	if l.suggested >= maxSuggestions {
		return ""
	}
	l.suggested++
	return didYouMean(word, known(l.p))
}

// didYouMean is the hint after an unknown name: "; did you mean
// prastgatan?" when one known name is clearly nearest, else nothing.
func didYouMean(word string, known []string) string {
	if near := suggest.Nearest(word, known); near != "" {
		return fmt.Sprintf("; did you mean %s?", near)
	}
	return ""
}

func placeIDs(p *schedule.Program) []string {
	ids := make([]string, len(p.Places))
	for i, pl := range p.Places {
		ids[i] = pl.ID
	}
	return ids
}

func startupIDs(p *schedule.Program) []string {
	ids := make([]string, len(p.Startups))
	for i, s := range p.Startups {
		ids[i] = s.ID
	}
	return ids
}

func contactIDs(p *schedule.Program) []string {
	ids := make([]string, len(p.Contacts))
	for i, c := range p.Contacts {
		ids[i] = c.ID
	}
	return ids
}
