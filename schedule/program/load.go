package program

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/calendar"
	"github.com/crossmeet/crossmeet/travel"
)

// Load reads a programme folder (see DESIGN.md): program.yaml,
// startups.csv and contacts.csv, and when present places.csv, gtfs/ or
// gtfs.zip, and availability/ID.ics. It checks every file and the
// references between them. When anything is wrong it returns every
// problem it found, as a *ParseError or a Problems list, each naming
// file, line and field; all of them wrap schedule.ErrInvalid.
func Load(fsys fs.FS) (*schedule.Program, error) {
	var pr problems
	p := schedule.NewProgram("")
	var pos positions

	data, err := fs.ReadFile(fsys, "program.yaml")
	if err != nil {
		pr.add("program.yaml", 0, 0, "", "cannot read the file: %v", missing(err))
	} else {
		readYAML(p, data, &pr, &pos)
	}

	if data, err := fs.ReadFile(fsys, "startups.csv"); err != nil {
		pr.add("startups.csv", 0, 0, "", "cannot read the file: %v", missing(err))
	} else {
		s, warn, err := match.LoadStartups(bytes.NewReader(data), "startups.csv")
		pr.wrap("startups.csv", err)
		p.Startups, p.Warnings = s, append(p.Warnings, warn...)
	}
	if data, err := fs.ReadFile(fsys, "contacts.csv"); err != nil {
		pr.add("contacts.csv", 0, 0, "", "cannot read the file: %v", missing(err))
	} else {
		c, warn, err := match.LoadContacts(bytes.NewReader(data), "contacts.csv")
		pr.wrap("contacts.csv", err)
		p.Contacts, p.Warnings = c, append(p.Warnings, warn...)
	}
	if data, err := fs.ReadFile(fsys, "places.csv"); err == nil {
		pl, warn, err := travel.LoadPlaces(bytes.NewReader(data), "places.csv")
		pr.wrap("places.csv", err)
		p.Places, p.Warnings = pl, append(p.Warnings, warn...)
	} else if !errors.Is(err, fs.ErrNotExist) {
		pr.add("places.csv", 0, 0, "", "cannot read the file: %v", err)
	}
	loadFeed(p, fsys, &pr)
	loadBusy(p, fsys, &pr)

	for i := range p.Places {
		if p.Places[i].TimeZone == nil {
			p.Places[i].TimeZone = p.Zone
		}
	}
	if len(pr.list) == 0 {
		addStations(p)
		crossCheck(p, &pr, &pos)
	}
	if err := pr.err(); err != nil {
		return nil, err
	}
	return p, nil
}

func missing(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("the file is missing")
	}
	return err
}

// val is a YAML scalar that remembers where it was written.
type val struct {
	s          string
	line, col  int
	set        bool
	isSequence bool
}

func (v *val) UnmarshalYAML(n *yaml.Node) error {
	v.line, v.col, v.set = n.Line, n.Column, true
	if n.Kind != yaml.ScalarNode {
		v.isSequence = n.Kind == yaml.SequenceNode
		return nil
	}
	v.s = n.Value
	return nil
}

type programYAML struct {
	Name        val `yaml:"name"`
	Timezone    val `yaml:"timezone"`
	Coordinator struct {
		Name  val `yaml:"name"`
		Email val `yaml:"email"`
	} `yaml:"coordinator"`
	Coordinators map[string]struct {
		Name  val `yaml:"name"`
		Email val `yaml:"email"`
	} `yaml:"coordinators"`
	Mail struct {
		Host        val `yaml:"host"`
		Port        val `yaml:"port"`
		From        val `yaml:"from"`
		TLS         val `yaml:"tls"`
		Username    val `yaml:"username"`
		PasswordEnv val `yaml:"password_env"`
	} `yaml:"mail"`
	Locked []struct {
		Startup val `yaml:"startup"`
		Contact val `yaml:"contact"`
		Start   val `yaml:"start"`
	} `yaml:"locked"`
	Meetings struct {
		Duration   val `yaml:"duration"`
		Buffer     val `yaml:"buffer"`
		Day        val `yaml:"day"`
		Lunch      val `yaml:"lunch"`
		PerStartup struct {
			Min val `yaml:"min"`
			Max val `yaml:"max"`
		} `yaml:"per_startup"`
	} `yaml:"meetings"`
	Travel struct {
		Modes     []val `yaml:"modes"`
		Car       val   `yaml:"car"`
		KeepScore val   `yaml:"keep_score"`
		CarSeats  val   `yaml:"car_seats"`
		NightGain val   `yaml:"night_gain"`
		HotelKg   val   `yaml:"hotel_co2_kg"`
	} `yaml:"travel"`
	Matching struct {
		CrossBorder val   `yaml:"cross_border"`
		Capacity    val   `yaml:"capacity"`
		Fair        val   `yaml:"fair"`
		Forbid      []val `yaml:"forbid"`
		Pin         []val `yaml:"pin"`
	} `yaml:"matching"`
	Trips []struct {
		ID         val   `yaml:"id"`
		Startups   []val `yaml:"startups"`
		From       val   `yaml:"from"`
		To         val   `yaml:"to"`
		Dates      []val `yaml:"dates"`
		Overnight  val   `yaml:"overnight"`
		LeaveAfter val   `yaml:"leave_after"`
		BackBy     val   `yaml:"back_by"`
	} `yaml:"trips"`
	TripsAuto tripsAutoYAML `yaml:"trips_auto"` // auto.go
}

const yamlFile = "program.yaml"

func readYAML(p *schedule.Program, data []byte, pr *problems, pos *positions) {
	var y programYAML
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&y); err != nil {
		line := 0
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		// yaml.v3 says "line N: ..." for syntax and unknown keys.
		if rest, ok := strings.CutPrefix(msg, "unmarshal errors:\n  "); ok {
			msg = rest
		}
		if strings.HasPrefix(msg, "line ") {
			num, rest, _ := strings.Cut(strings.TrimPrefix(msg, "line "), ":")
			if n, err := strconv.Atoi(num); err == nil {
				line, msg = n, strings.TrimSpace(rest)
			}
		}
		if strings.Contains(msg, "not found in type") {
			field := strings.Fields(msg)
			if len(field) > 1 {
				msg = fmt.Sprintf("unknown key %q (see DESIGN.md for the keys program.yaml takes)", field[1])
			}
		}
		if errors.Is(err, io.EOF) || len(bytes.TrimSpace(data)) == 0 {
			msg = "the file is empty; it needs at least name and trips"
		}
		pr.add(yamlFile, line, 0, "", "%s", msg)
		return
	}

	str := func(v val, field string) string {
		if v.isSequence {
			pr.add(yamlFile, v.line, v.col, field, "want a single value, got a list")
		}
		return strings.TrimSpace(v.s)
	}
	dur := func(v val, field string, def time.Duration) time.Duration {
		if !v.set {
			return def
		}
		d, err := time.ParseDuration(str(v, field))
		if err != nil || d < 0 {
			pr.add(yamlFile, v.line, v.col, field, "want a duration like 45m or 1h30m, got %q", v.s)
			return def
		}
		return d
	}
	clock := func(v val, field string, def schedule.Clock) schedule.Clock {
		if !v.set {
			return def
		}
		c, err := schedule.ParseClock(str(v, field))
		if err != nil {
			pr.add(yamlFile, v.line, v.col, field, "%v", err)
			return def
		}
		return c
	}
	integer := func(v val, field string, def int) int {
		if !v.set {
			return def
		}
		n, err := strconv.Atoi(str(v, field))
		if err != nil || n < 0 {
			pr.add(yamlFile, v.line, v.col, field, "want a whole number of 0 or more, got %q", v.s)
			return def
		}
		return n
	}
	boolean := func(v val, field string, def bool) bool {
		if !v.set {
			return def
		}
		switch strings.ToLower(str(v, field)) {
		case "true", "yes", "on":
			return true
		case "false", "no", "off":
			return false
		}
		pr.add(yamlFile, v.line, v.col, field, "want true or false, got %q", v.s)
		return def
	}

	p.Name = str(y.Name, "name")
	if p.Name == "" {
		pr.add(yamlFile, y.Name.line, y.Name.col, "name", "the programme needs a name")
	}
	if y.Timezone.set {
		loc, err := time.LoadLocation(str(y.Timezone, "timezone"))
		if err != nil || y.Timezone.s == "" {
			pr.add(yamlFile, y.Timezone.line, y.Timezone.col, "timezone", "want an IANA time zone such as Europe/Stockholm, got %q", y.Timezone.s)
		} else {
			p.Zone = loc
		}
	}
	p.Coordinator = schedule.Person{Name: str(y.Coordinator.Name, "coordinator.name"), Email: str(y.Coordinator.Email, "coordinator.email")}
	if p.Coordinator.Email != "" && !strings.Contains(p.Coordinator.Email, "@") {
		pr.add(yamlFile, y.Coordinator.Email.line, y.Coordinator.Email.col, "coordinator.email", "want an e-mail address, got %q", p.Coordinator.Email)
	}
	readMail(p, &y, pr, str, integer)
	readTripsAuto(p, &y.TripsAuto, pr)

	m := &p.Meetings
	m.Duration = dur(y.Meetings.Duration, "meetings.duration", m.Duration)
	if m.Duration <= 0 || m.Duration%time.Minute != 0 {
		pr.add(yamlFile, y.Meetings.Duration.line, y.Meetings.Duration.col, "meetings.duration", "want a positive whole number of minutes, got %v", m.Duration)
	}
	m.Buffer = dur(y.Meetings.Buffer, "meetings.buffer", m.Buffer)
	if m.Buffer%time.Minute != 0 {
		pr.add(yamlFile, y.Meetings.Buffer.line, y.Meetings.Buffer.col, "meetings.buffer", "want a whole number of minutes, got %v", m.Buffer)
	}
	if v := y.Meetings.Day; v.set {
		from, to, ok := strings.Cut(str(v, "meetings.day"), "-")
		a, err1 := schedule.ParseClock(from)
		b, err2 := schedule.ParseClock(to)
		if !ok || err1 != nil || err2 != nil || a >= b {
			pr.add(yamlFile, v.line, v.col, "meetings.day", "want a range like 08:30-17:00, got %q", v.s)
		} else {
			m.DayStart, m.DayEnd = a, b
		}
	}
	if v := y.Meetings.Lunch; v.set {
		l, err := parseLunch(str(v, "meetings.lunch"))
		if err != nil {
			pr.add(yamlFile, v.line, v.col, "meetings.lunch", "%v", err)
		} else {
			m.Lunch = l
		}
	}
	m.Min = integer(y.Meetings.PerStartup.Min, "meetings.per_startup.min", m.Min)
	m.Max = integer(y.Meetings.PerStartup.Max, "meetings.per_startup.max", m.Max)
	if m.Max == 0 || m.Min > m.Max {
		v := y.Meetings.PerStartup.Max
		pr.add(yamlFile, v.line, v.col, "meetings.per_startup", "want 1 <= max and min <= max, got min %d, max %d", m.Min, m.Max)
	}

	if y.Travel.Modes != nil {
		p.Travel.Modes = nil
		for i, v := range y.Travel.Modes {
			mode := travel.Mode(strings.ToLower(str(v, fmt.Sprintf("travel.modes[%d]", i))))
			switch mode {
			case travel.Train, travel.Bus, travel.Car, travel.Taxi, travel.Walk:
				p.Travel.Modes = append(p.Travel.Modes, mode)
			default:
				pr.add(yamlFile, v.line, v.col, fmt.Sprintf("travel.modes[%d]", i), "want one of train, bus, car, taxi, walk, got %q", v.s)
			}
		}
	}
	if v := y.Travel.Car; v.set {
		if fuel, err := travel.ParseFuel(str(v, "travel.car")); err != nil {
			pr.add(yamlFile, v.line, v.col, "travel.car", "want petrol, diesel or ev, got %q", v.s)
		} else {
			p.Travel.Car = fuel
		}
	}
	if v := y.Travel.KeepScore; v.set {
		f, err := strconv.ParseFloat(str(v, "travel.keep_score"), 64)
		if err != nil || f < 0 || f > 1 || math.IsNaN(f) {
			pr.add(yamlFile, v.line, v.col, "travel.keep_score", "want a share between 0 and 1, got %q", v.s)
		} else {
			p.Travel.KeepScore = f
		}
	}
	if v := y.Travel.CarSeats; v.set {
		if n := integer(v, "travel.car_seats", schedule.DefaultCarSeats); n >= 1 {
			p.Travel.CarSeats = n
		} else {
			pr.add(yamlFile, v.line, v.col, "travel.car_seats", "want at least 1 seat, got %q", v.s)
		}
	}
	p.Travel.NightGain = integer(y.Travel.NightGain, "travel.night_gain", p.Travel.NightGain)
	if v := y.Travel.HotelKg; v.set {
		f, err := strconv.ParseFloat(str(v, "travel.hotel_co2_kg"), 64)
		if err != nil || f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
			pr.add(yamlFile, v.line, v.col, "travel.hotel_co2_kg", "want kg CO2e per guest night, 0 or more, got %q", v.s)
		} else {
			p.Travel.HotelKg = f
		}
	}

	p.Matching.CrossBorder = boolean(y.Matching.CrossBorder, "matching.cross_border", true)
	p.Matching.Capacity = integer(y.Matching.Capacity, "matching.capacity", 2)
	p.Matching.Fair = boolean(y.Matching.Fair, "matching.fair", false)
	pairs := func(vs []val, key string) [][2]string {
		var out [][2]string
		for i, v := range vs {
			f := strings.Fields(strings.ReplaceAll(str(v, key), ",", " "))
			if len(f) != 2 {
				pr.add(yamlFile, v.line, v.col, fmt.Sprintf("%s[%d]", key, i), "want \"STARTUP CONTACT\", got %q", v.s)
				continue
			}
			out = append(out, [2]string{f[0], f[1]})
		}
		return out
	}
	p.Matching.Forbid = pairs(y.Matching.Forbid, "matching.forbid")
	p.Matching.Pin = pairs(y.Matching.Pin, "matching.pin")

	if len(y.Trips) == 0 && !y.TripsAuto.given() {
		pr.add(yamlFile, 0, 0, "trips", "the programme lists no trips to plan")
	}
	seen := map[string]bool{}
	for i, t := range y.Trips {
		field := func(k string) string { return fmt.Sprintf("trips[%d].%s", i+1, k) }
		trip := schedule.Trip{
			ID:         str(t.ID, field("id")),
			From:       str(t.From, field("from")),
			To:         str(t.To, field("to")),
			LeaveAfter: clock(t.LeaveAfter, field("leave_after"), 6*60),
			BackBy:     clock(t.BackBy, field("back_by"), 22*60),
		}
		at := tripLines{id: t.ID.line, from: t.From.line, to: t.To.line}
		if len(t.Startups) > 0 {
			at.startups = t.Startups[0].line
		}
		pos.trips = append(pos.trips, at)
		if trip.ID == "" {
			trip.ID = fmt.Sprintf("T%d", i+1)
		}
		if seen[trip.ID] {
			pr.add(yamlFile, t.ID.line, t.ID.col, field("id"), "trip id %q is used twice", trip.ID)
		}
		seen[trip.ID] = true
		for j, s := range t.Startups {
			trip.Startups = append(trip.Startups, str(s, fmt.Sprintf("%s[%d]", field("startups"), j)))
		}
		if len(trip.Startups) == 0 {
			pr.add(yamlFile, t.ID.line, t.ID.col, field("startups"), "a trip needs at least one start-up")
		}
		if trip.To == "" {
			pr.add(yamlFile, t.ID.line, t.ID.col, field("to"), "a trip needs a destination: a place id, a city or a country code")
		}
		for j, d := range t.Dates {
			day, err := time.ParseInLocation("2006-01-02", str(d, field("dates")), p.Zone)
			if err != nil {
				pr.add(yamlFile, d.line, d.col, fmt.Sprintf("%s[%d]", field("dates"), j), "want a date like 2027-03-09, got %q", d.s)
				continue
			}
			trip.Dates = append(trip.Dates, day)
		}
		if len(t.Dates) == 0 {
			pr.add(yamlFile, t.ID.line, t.ID.col, field("dates"), "a trip needs at least one candidate date")
		}
		switch o := strings.ToLower(str(t.Overnight, field("overnight"))); o {
		case "", "no", "false":
			trip.Overnight = schedule.NoOvernight
		case "allowed", "yes", "true":
			trip.Overnight = schedule.OvernightAllowed
		case "required":
			trip.Overnight = schedule.OvernightRequired
		default:
			pr.add(yamlFile, t.Overnight.line, t.Overnight.col, field("overnight"), "want no, allowed or required (never more than one night), got %q", t.Overnight.s)
		}
		if trip.LeaveAfter >= trip.BackBy && trip.Overnight == schedule.NoOvernight {
			pr.add(yamlFile, t.BackBy.line, t.BackBy.col, field("back_by"), "back_by %v is not after leave_after %v", trip.BackBy, trip.LeaveAfter)
		}
		p.Trips = append(p.Trips, trip)
	}
}

// readMail reads coordinators, mail and locked (issue 12: invitations).
func readMail(p *schedule.Program, y *programYAML, pr *problems, str func(val, string) string, integer func(val, string, int) int) {
	for country, c := range y.Coordinators {
		field := "coordinators." + country
		code := strings.ToUpper(strings.TrimSpace(country))
		if len(code) != 2 {
			pr.add(yamlFile, c.Name.line, c.Name.col, field, "want a two-letter country code such as SE or NO, got %q", country)
			continue
		}
		person := schedule.Person{Name: str(c.Name, field+".name"), Email: str(c.Email, field+".email")}
		if !strings.Contains(person.Email, "@") {
			pr.add(yamlFile, c.Email.line, c.Email.col, field+".email", "want an e-mail address, got %q", person.Email)
		}
		if p.Coordinators == nil {
			p.Coordinators = map[string]schedule.Person{}
		}
		p.Coordinators[code] = person
	}
	m := y.Mail
	p.Mail = schedule.Mail{
		Host:        str(m.Host, "mail.host"),
		Port:        integer(m.Port, "mail.port", 0),
		From:        str(m.From, "mail.from"),
		TLS:         strings.ToLower(str(m.TLS, "mail.tls")),
		Username:    str(m.Username, "mail.username"),
		PasswordEnv: str(m.PasswordEnv, "mail.password_env"),
	}
	switch p.Mail.TLS {
	case "", "starttls", "tls", "none":
	default:
		pr.add(yamlFile, m.TLS.line, m.TLS.col, "mail.tls", "want starttls, tls or none, got %q", m.TLS.s)
	}
	if p.Mail.Port > 65535 {
		pr.add(yamlFile, m.Port.line, m.Port.col, "mail.port", "want a port from 1 to 65535, got %q", m.Port.s)
	}
	if p.Mail.From != "" && !strings.Contains(p.Mail.From, "@") {
		pr.add(yamlFile, m.From.line, m.From.col, "mail.from", "want an e-mail address, got %q", m.From.s)
	}
	for i, l := range y.Locked {
		field := fmt.Sprintf("locked[%d]", i)
		lock := schedule.Lock{Startup: str(l.Startup, field+".startup"), Contact: str(l.Contact, field+".contact")}
		start, err := time.ParseInLocation("2006-01-02 15:04", str(l.Start, field+".start"), p.Zone)
		if err != nil {
			start, err = time.Parse(time.RFC3339, str(l.Start, field+".start"))
		}
		if err != nil || lock.Startup == "" || lock.Contact == "" {
			pr.add(yamlFile, l.Start.line, l.Start.col, field, "want startup, contact and start like \"2027-03-09 10:00\", got %q %q %q", l.Startup.s, l.Contact.s, l.Start.s)
			continue
		}
		lock.Start = start
		p.Locked = append(p.Locked, lock)
	}
}

func parseLunch(s string) (schedule.Lunch, error) {
	bad := fmt.Errorf("want a window and a length like \"11:30-13:00 45m\", or \"none\", got %q", s)
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
	if !ok || err1 != nil || err2 != nil || err3 != nil || d <= 0 || d%time.Minute != 0 || time.Duration(b-a)*time.Minute < d {
		return schedule.Lunch{}, bad
	}
	return schedule.Lunch{From: a, To: b, Duration: d}, nil
}

// loadFeed reads gtfs.zip or the gtfs/ folder when either exists.
func loadFeed(p *schedule.Program, fsys fs.FS, pr *problems) {
	if data, err := fs.ReadFile(fsys, "gtfs.zip"); err == nil {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			pr.add("gtfs.zip", 0, 0, "", "not a zip file: %v", err)
			return
		}
		// The files may sit at the top of the zip or in one folder of it.
		dir := "."
		if _, err := fs.Stat(zr, "stops.txt"); err != nil {
			if found, _ := fs.Glob(zr, "*/stops.txt"); len(found) == 1 {
				dir = path.Dir(found[0])
			}
		}
		feed, err := travel.LoadGTFSFS(zr, dir)
		pr.wrap("gtfs.zip", err)
		p.Feed = feed
		return
	}
	if st, err := fs.Stat(fsys, "gtfs"); err == nil && st.IsDir() {
		feed, err := travel.LoadGTFSFS(fsys, "gtfs")
		pr.wrap("gtfs", err)
		p.Feed = feed
	}
}

// loadBusy reads availability/ID.ics for every contact that has one.
func loadBusy(p *schedule.Program, fsys fs.FS, pr *problems) {
	entries, err := fs.ReadDir(fsys, "availability")
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(path.Ext(e.Name()), ".ics") {
			continue
		}
		file := "availability/" + e.Name()
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			pr.add(file, 0, 0, "", "cannot read the file: %v", err)
			continue
		}
		busy, err := calendar.ParseBusy(data, p.Zone)
		if err != nil {
			pr.wrap(file, fmt.Errorf("%s: %w", file, err))
			continue
		}
		id := strings.TrimSuffix(e.Name(), path.Ext(e.Name()))
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
		place.ID, place.Kind, place.StopID, place.TimeZone = ref, "station", stop.ID, p.Feed.Location()
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

// crossCheck checks the references between files: trips to start-ups
// and places, contacts and start-ups to places, pins to people.
func crossCheck(p *schedule.Program, pr *problems, pos *positions) {
	places := map[string]bool{}
	for _, pl := range p.Places {
		places[pl.ID] = true
	}
	startups := map[string]bool{}
	for _, s := range p.Startups {
		startups[s.ID] = true
	}
	contacts := map[string]bool{}
	for _, c := range p.Contacts {
		contacts[c.ID] = true
		if c.Place != "" && !places[c.Place] && !c.HasCoords {
			pr.add("contacts.csv", 0, 0, "place", "contact %s: place %q is not in places.csv", c.ID, c.Place)
		}
		if c.Place == "" && !c.HasCoords {
			pr.add("contacts.csv", 0, 0, "place", "contact %s has neither a place nor lat/lon", c.ID)
		}
	}
	for id := range p.Busy {
		if !contacts[id] {
			p.Warnings = append(p.Warnings, fmt.Sprintf("availability/%s.ics: no contact has id %q; the file is ignored", id, id))
		}
	}
	for i, t := range p.Trips {
		field := func(k string) string { return fmt.Sprintf("trips[%d].%s", i+1, k) }
		for _, s := range t.Startups {
			if !startups[s] {
				pr.add(yamlFile, pos.trips[i].startups, 0, field("startups"), "trip %s: start-up %q is not in startups.csv", t.ID, s)
			}
		}
		from, err := p.Origin(&p.Trips[i])
		if err == nil && !places[from] {
			pr.add(yamlFile, pos.trips[i].from, 0, field("from"), "trip %s: from %q is not a place id in places.csv", t.ID, from)
		}
		if _, err := p.Destination(t.To); err != nil {
			pr.add(yamlFile, pos.trips[i].to, 0, field("to"), "trip %s: %v", t.ID, err)
		}
	}
	check := func(list [][2]string, key string) {
		for _, pair := range list {
			if !startups[pair[0]] {
				pr.add(yamlFile, 0, 0, key, "start-up %q is not in startups.csv", pair[0])
			}
			if !contacts[pair[1]] {
				pr.add(yamlFile, 0, 0, key, "contact %q is not in contacts.csv", pair[1])
			}
		}
	}
	check(p.Matching.Forbid, "matching.forbid")
	check(p.Matching.Pin, "matching.pin")
}

// positions remembers where program.yaml wrote what the checks across
// files refer to.
type positions struct {
	trips []tripLines // by trip index
}

// tripLines are the program.yaml lines of one trip's keys.
type tripLines struct{ id, startups, from, to int }
