package travel

import (
	"archive/zip"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/internal/csvtable"
)

// LoadGTFS loads a GTFS feed from pathname, a .zip file or a folder of .txt
// files. See LoadGTFSFS for what is read.
func LoadGTFS(pathname string) (*Feed, error) {
	info, err := os.Stat(pathname)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return LoadGTFSFS(os.DirFS(pathname), ".")
	}
	zr, err := zip.OpenReader(pathname)
	if err != nil {
		return nil, fmt.Errorf("gtfs: %s: %w", pathname, err)
	}
	defer zr.Close()
	return LoadGTFSFS(zr, zipRoot(&zr.Reader))
}

// zipRoot returns the folder of the zip that holds agency.txt: "." for
// the usual layout, a single top folder for archives made by zipping a
// folder.
func zipRoot(z *zip.Reader) string {
	for _, f := range z.File {
		if path.Base(f.Name) == "agency.txt" {
			return path.Dir(f.Name)
		}
	}
	return "."
}

// LoadGTFSFS loads the GTFS feed in folder dir of fsys, for example the
// embedded demo: LoadGTFSFS(examples.Demo(), "gtfs").
//
// It reads agency.txt (the time zone), stops.txt (with parent stations),
// routes.txt, trips.txt, stop_times.txt (times past 24:00:00, empty times
// of intermediate stops interpolated, pickup_type and drop_off_type 1
// honoured), calendar.txt and calendar_dates.txt (at least one of the two),
// and the optional transfers.txt. Other files (shapes, frequencies, fares)
// are ignored. Files may start with a UTF-8 byte-order mark and use quoted
// fields and CRLF line ends. A bad row gives a *ParseError naming the
// file, line and field.
func LoadGTFSFS(fsys fs.FS, dir string) (*Feed, error) {
	l := loader{fsys: fsys, dir: dir, f: &Feed{}}
	steps := []struct {
		file     string
		required bool
		load     func(*csvtable.Table) error
	}{
		{"agency.txt", true, l.agency},
		{"stops.txt", true, l.stops},
		{"routes.txt", true, l.routes},
		{"calendar.txt", false, l.calendar},
		{"calendar_dates.txt", false, l.calendarDates},
		{"trips.txt", true, l.trips},
		{"stop_times.txt", true, l.stopTimes},
		{"transfers.txt", false, l.transfers},
	}
	for _, s := range steps {
		if s.file == "trips.txt" && len(l.f.services) == 0 && !l.sawCalendar {
			return nil, &ParseError{File: "calendar.txt", Err: fmt.Errorf("neither calendar.txt nor calendar_dates.txt: %w", ErrMissingFile)}
		}
		if err := l.read(s.file, s.required, s.load); err != nil {
			return nil, err
		}
	}
	l.f.build()
	return l.f, nil
}

type loader struct {
	fsys        fs.FS
	dir         string
	f           *Feed
	sawCalendar bool
	agencyTZ    string
	// parents holds the parent_station of each stop until all stops are read.
	parents   []string
	stopLines []int
	svcIndex  map[string]int32
	routeIdx  map[string]int32
	// size is the size in bytes of the file being read, 0 when unknown.
	size int64
}

func (l *loader) read(file string, required bool, load func(*csvtable.Table) error) error {
	r, err := l.fsys.Open(path.Join(l.dir, file))
	if errors.Is(err, fs.ErrNotExist) {
		if required {
			return &ParseError{File: file, Err: ErrMissingFile}
		}
		return nil
	}
	if err != nil {
		return &ParseError{File: file, Err: err}
	}
	defer r.Close()
	t, err := openTable(r, file)
	if err != nil {
		return err
	}
	l.size = 0
	if info, err := r.Stat(); err == nil {
		l.size = info.Size()
	}
	if file == "calendar.txt" || file == "calendar_dates.txt" {
		l.sawCalendar = true
	}
	return load(t)
}

func (l *loader) agency(t *csvtable.Table) error {
	if err := t.Require("agency_timezone"); err != nil {
		return err
	}
	for err := range t.Rows() {
		if err != nil {
			return err
		}
		tz := t.Get("agency_timezone")
		if l.agencyTZ == "" {
			loc, err := time.LoadLocation(tz)
			if err != nil || tz == "" {
				return t.Errorf("agency_timezone", ErrBadValue, "unknown time zone %q", tz)
			}
			l.agencyTZ, l.f.loc = tz, loc
		} else if tz != l.agencyTZ {
			return t.Errorf("agency_timezone", ErrBadValue, "%q differs from the first agency's %q; GTFS requires one zone per feed", tz, l.agencyTZ)
		}
	}
	if l.f.loc == nil {
		return &ParseError{File: t.File(), Err: fmt.Errorf("no agency: %w", ErrBadValue)}
	}
	return nil
}

func (l *loader) stops(t *csvtable.Table) error {
	if err := t.Require("stop_id"); err != nil {
		return err
	}
	f := l.f
	f.stopIndex = map[string]int32{}
	for err := range t.Rows() {
		if err != nil {
			return err
		}
		id := t.Get("stop_id")
		if id == "" {
			return t.Errorf("stop_id", ErrBadValue, "empty stop_id")
		}
		if _, dup := f.stopIndex[id]; dup {
			return t.Errorf("stop_id", ErrDuplicateID, "stop %q defined twice", id)
		}
		lt := 0
		if s := t.Get("location_type"); s != "" {
			if lt, err = strconv.Atoi(s); err != nil || lt < 0 || lt > 4 {
				return t.Errorf("location_type", ErrBadValue, "want 0 to 4, got %q", s)
			}
		}
		st := Stop{ID: id, Name: t.Get("stop_name")}
		if lt <= 2 || t.Get("stop_lat") != "" {
			if st.Lat, err = parseCoord(t, "stop_lat", 90); err != nil {
				return err
			}
			if st.Lon, err = parseCoord(t, "stop_lon", 180); err != nil {
				return err
			}
		}
		f.stopIndex[id] = int32(len(f.stops))
		f.stops = append(f.stops, st)
		f.locType = append(f.locType, int8(lt))
		l.parents = append(l.parents, t.Get("parent_station"))
		l.stopLines = append(l.stopLines, t.Line())
	}
	f.parent = make([]int32, len(f.stops))
	for i, p := range l.parents {
		f.parent[i] = -1
		if p == "" {
			continue
		}
		j, ok := f.stopIndex[p]
		if !ok || j == int32(i) {
			return &ParseError{File: t.File(), Line: l.stopLines[i], Field: "parent_station", Err: fmt.Errorf("%q is not a stop: %w", p, ErrUnknownReference)}
		}
		f.parent[i] = j
		f.stops[i].Parent = p
	}
	return nil
}

func (l *loader) routes(t *csvtable.Table) error {
	if err := t.Require("route_id", "route_type"); err != nil {
		return err
	}
	l.routeIdx = map[string]int32{}
	f := l.f
	for err := range t.Rows() {
		if err != nil {
			return err
		}
		id := t.Get("route_id")
		if _, dup := l.routeIdx[id]; dup {
			return t.Errorf("route_id", ErrDuplicateID, "route %q defined twice", id)
		}
		rt, err := strconv.Atoi(t.Get("route_type"))
		mode, known := modeOfRouteType(rt)
		if err != nil || !known {
			return t.Errorf("route_type", ErrBadValue, "want a GTFS route type, got %q", t.Get("route_type"))
		}
		name := t.Get("route_short_name")
		if name == "" {
			name = t.Get("route_long_name")
		}
		g := -1.0
		if s := t.Get("co2_g_pkm"); s != "" {
			if g, err = strconv.ParseFloat(s, 64); err != nil || g < 0 || math.IsInf(g, 0) || math.IsNaN(g) {
				return t.Errorf("co2_g_pkm", ErrBadValue, "want grams CO2e per passenger-km, got %q", s)
			}
		}
		l.routeIdx[id] = int32(len(f.routes))
		f.routes = append(f.routes, route{name: name, mode: mode, gPerPkm: g})
	}
	return nil
}

// parseDate reads a GTFS date, YYYYMMDD, as a day number (days since
// 1970-01-01).
func parseDate(s string) (int32, bool) {
	if len(s) != 8 {
		return 0, false
	}
	for i := 0; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[4:6])
	d, _ := strconv.Atoi(s[6:])
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	tm := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if tm.Day() != d {
		return 0, false
	}
	return int32(tm.Unix() / 86400), true
}

func (l *loader) service(id string) int32 {
	if l.svcIndex == nil {
		l.svcIndex = map[string]int32{}
	}
	i, ok := l.svcIndex[id]
	if !ok {
		i = int32(len(l.f.services))
		l.svcIndex[id] = i
		l.f.services = append(l.f.services, service{start: 1, end: 0})
	}
	return i
}

var weekdayCols = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

func (l *loader) calendar(t *csvtable.Table) error {
	if err := t.Require(append([]string{"service_id", "start_date", "end_date"}, weekdayCols[:]...)...); err != nil {
		return err
	}
	seen := map[string]bool{}
	for err := range t.Rows() {
		if err != nil {
			return err
		}
		id := t.Get("service_id")
		if seen[id] {
			return t.Errorf("service_id", ErrDuplicateID, "service %q defined twice", id)
		}
		seen[id] = true
		s := &l.f.services[l.service(id)]
		for wd, col := range weekdayCols {
			switch t.Get(col) {
			case "1":
				s.weekdays |= 1 << wd
			case "0":
			default:
				return t.Errorf(col, ErrBadValue, "want 0 or 1, got %q", t.Get(col))
			}
		}
		var okS, okE bool
		s.start, okS = parseDate(t.Get("start_date"))
		if !okS {
			return t.Errorf("start_date", ErrBadValue, "want YYYYMMDD, got %q", t.Get("start_date"))
		}
		s.end, okE = parseDate(t.Get("end_date"))
		if !okE || s.end < s.start {
			return t.Errorf("end_date", ErrBadValue, "want YYYYMMDD not before start_date, got %q", t.Get("end_date"))
		}
	}
	return nil
}

func (l *loader) calendarDates(t *csvtable.Table) error {
	if err := t.Require("service_id", "date", "exception_type"); err != nil {
		return err
	}
	for err := range t.Rows() {
		if err != nil {
			return err
		}
		day, ok := parseDate(t.Get("date"))
		if !ok {
			return t.Errorf("date", ErrBadValue, "want YYYYMMDD, got %q", t.Get("date"))
		}
		s := &l.f.services[l.service(t.Get("service_id"))]
		switch t.Get("exception_type") {
		case "1":
			if s.except == nil {
				s.except = map[int32]bool{}
			}
			s.except[day] = true
		case "2":
			if s.except == nil {
				s.except = map[int32]bool{}
			}
			s.except[day] = false
		default:
			return t.Errorf("exception_type", ErrBadValue, "want 1 (added) or 2 (removed), got %q", t.Get("exception_type"))
		}
	}
	return nil
}

func (l *loader) trips(t *csvtable.Table) error {
	if err := t.Require("route_id", "service_id", "trip_id"); err != nil {
		return err
	}
	f := l.f
	f.tripIndex = map[string]int32{}
	for err := range t.Rows() {
		if err != nil {
			return err
		}
		id := t.Get("trip_id")
		if _, dup := f.tripIndex[id]; dup {
			return t.Errorf("trip_id", ErrDuplicateID, "trip %q defined twice", id)
		}
		r, ok := l.routeIdx[t.Get("route_id")]
		if !ok {
			return t.Errorf("route_id", ErrUnknownReference, "route %q is not in routes.txt", t.Get("route_id"))
		}
		s, ok := l.svcIndex[t.Get("service_id")]
		if !ok {
			return t.Errorf("service_id", ErrUnknownReference, "service %q is in neither calendar.txt nor calendar_dates.txt", t.Get("service_id"))
		}
		f.tripIndex[id] = int32(len(f.trips))
		f.trips = append(f.trips, trip{id: id, route: r, service: s})
	}
	return nil
}

// parseTime reads a GTFS time H:MM:SS or HH:MM:SS, hours possibly past
// 24, as seconds since noon minus 12 h of the service day.
func parseTime(s string) (int32, bool) {
	c1 := strings.IndexByte(s, ':')
	if c1 < 1 || c1 > 3 || len(s) != c1+6 || s[c1+3] != ':' {
		return 0, false
	}
	var v [3]int32
	parts := [3]string{s[:c1], s[c1+1 : c1+3], s[c1+4:]}
	for i, p := range parts {
		for j := 0; j < len(p); j++ {
			if p[j] < '0' || p[j] > '9' {
				return 0, false
			}
			v[i] = v[i]*10 + int32(p[j]-'0')
		}
	}
	if v[1] > 59 || v[2] > 59 {
		return 0, false
	}
	return v[0]*3600 + v[1]*60 + v[2], true
}

// noTime marks an empty arrival or departure time before interpolation.
const noTime = math.MinInt32

type rawStopTime struct {
	trip, seq, stop int32
	arr, dep        int32
	line            int32
	flags           uint8
}

func (l *loader) stopTimes(t *csvtable.Table) error {
	if err := t.Require("trip_id", "stop_sequence", "stop_id", "arrival_time", "departure_time"); err != nil {
		return err
	}
	f := l.f
	// About 40 bytes a row; the hint saves regrowing a large slice.
	rows := make([]rawStopTime, 0, min(l.size/40+16, 1<<26))
	lastTrip, lastTripIdx := "", int32(-1)
	for err := range t.Rows() {
		if err != nil {
			return err
		}
		r := rawStopTime{line: int32(t.Line())}
		tid := t.Get("trip_id")
		if tid == lastTrip && lastTripIdx >= 0 {
			r.trip = lastTripIdx
		} else {
			i, ok := f.tripIndex[tid]
			if !ok {
				return t.Errorf("trip_id", ErrUnknownReference, "trip %q is not in trips.txt", tid)
			}
			r.trip, lastTrip, lastTripIdx = i, tid, i
		}
		seq, err := strconv.ParseUint(t.Get("stop_sequence"), 10, 31)
		if err != nil {
			return t.Errorf("stop_sequence", ErrBadValue, "want a non-negative integer, got %q", t.Get("stop_sequence"))
		}
		r.seq = int32(seq)
		sid := t.Get("stop_id")
		si, ok := f.stopIndex[sid]
		if !ok {
			return t.Errorf("stop_id", ErrUnknownReference, "stop %q is not in stops.txt", sid)
		}
		if f.locType[si] != 0 {
			return t.Errorf("stop_id", ErrBadValue, "stop %q has location_type %d; stop_times need a stop or platform (0)", sid, f.locType[si])
		}
		r.stop = si
		r.arr, r.dep = noTime, noTime
		for _, col := range [2]string{"arrival_time", "departure_time"} {
			s := t.Get(col)
			if s == "" {
				continue
			}
			v, ok := parseTime(s)
			if !ok {
				return t.Errorf(col, ErrBadValue, "want HH:MM:SS, got %q", s)
			}
			if col == "arrival_time" {
				r.arr = v
			} else {
				r.dep = v
			}
		}
		if r.arr == noTime {
			r.arr = r.dep
		}
		if r.dep == noTime {
			r.dep = r.arr
		}
		if r.dep < r.arr {
			return t.Errorf("departure_time", ErrBadValue, "departure %s before arrival %s", t.Get("departure_time"), t.Get("arrival_time"))
		}
		for _, col := range [2]string{"pickup_type", "drop_off_type"} {
			switch s := t.Get(col); s {
			case "", "0", "2", "3":
			case "1":
				if col == "pickup_type" {
					r.flags |= noBoard
				} else {
					r.flags |= noAlight
				}
			default:
				return t.Errorf(col, ErrBadValue, "want 0 to 3, got %q", s)
			}
		}
		rows = append(rows, r)
	}
	if !slices.IsSortedFunc(rows, stCompare) {
		slices.SortStableFunc(rows, stCompare)
	}
	return l.buildTrips(rows)
}

func stCompare(a, b rawStopTime) int {
	if c := cmp.Compare(a.trip, b.trip); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

// buildTrips lays out the stop times of each trip, interpolates missing
// times, checks that times do not go back, and sums distances.
func (l *loader) buildTrips(rows []rawStopTime) error {
	f := l.f
	f.stStop = make([]int32, len(rows))
	f.stArr = make([]int32, len(rows))
	f.stDep = make([]int32, len(rows))
	f.stKm = make([]float32, len(rows))
	f.stFlags = make([]uint8, len(rows))
	for i := range f.trips {
		f.trips[i].first, f.trips[i].n = 0, 0
	}
	bad := func(r rawStopTime, field string, format string, args ...any) error {
		return &ParseError{File: "stop_times.txt", Line: int(r.line), Field: field, Err: fmt.Errorf(fmt.Sprintf(format, args...)+": %w", ErrBadValue)}
	}
	for lo := 0; lo < len(rows); {
		hi := lo + 1
		for hi < len(rows) && rows[hi].trip == rows[lo].trip {
			hi++
		}
		tr := &f.trips[rows[lo].trip]
		tr.first, tr.n = int32(lo), int32(hi-lo)
		if rows[lo].arr == noTime {
			return bad(rows[lo], "arrival_time", "the first stop of trip %q has no time", tr.id)
		}
		if rows[hi-1].arr == noTime {
			return bad(rows[hi-1], "arrival_time", "the last stop of trip %q has no time", tr.id)
		}
		var km float64
		for i := lo; i < hi; i++ {
			r := rows[i]
			if i > lo && r.seq == rows[i-1].seq {
				return &ParseError{File: "stop_times.txt", Line: int(r.line), Field: "stop_sequence", Err: fmt.Errorf("stop_sequence %d repeated in trip %q: %w", r.seq, tr.id, ErrDuplicateID)}
			}
			if i > lo {
				a, b := f.stops[rows[i-1].stop], f.stops[r.stop]
				km += haversine(a.Lat, a.Lon, b.Lat, b.Lon)
			}
			f.stStop[i], f.stKm[i], f.stFlags[i] = r.stop, float32(km), r.flags
			f.stArr[i], f.stDep[i] = r.arr, r.dep
		}
		// Interpolate runs of empty times linearly by stop count, as the
		// GTFS reference suggests for non-timepoints.
		prev := lo
		for i := lo + 1; i < hi; i++ {
			if rows[i].arr == noTime {
				continue
			}
			if gap := i - prev; gap > 1 {
				t0, t1 := f.stDep[prev], f.stArr[i]
				for k := prev + 1; k < i; k++ {
					v := t0 + int32(int64(t1-t0)*int64(k-prev)/int64(gap))
					f.stArr[k], f.stDep[k] = v, v
				}
			}
			if f.stArr[i] < f.stDep[prev] {
				return bad(rows[i], "arrival_time", "trip %q arrives before it left the previous stop", tr.id)
			}
			prev = i
		}
		lo = hi
	}
	return nil
}

func (l *loader) transfers(t *csvtable.Table) error {
	if err := t.Require("from_stop_id", "to_stop_id", "transfer_type"); err != nil {
		return err
	}
	f := l.f
	f.rules = map[[2]int32]int32{}
	type rule struct {
		from, to int32
		d        int32
		station  bool
	}
	var rules []rule
	for err := range t.Rows() {
		if err != nil {
			return err
		}
		// Rules between trips or routes are a GTFS extension this
		// reader does not model; they are skipped.
		if t.Get("from_trip_id") != "" || t.Get("to_trip_id") != "" || t.Get("from_route_id") != "" || t.Get("to_route_id") != "" {
			continue
		}
		var ends [2]int32
		for i, col := range [2]string{"from_stop_id", "to_stop_id"} {
			s, ok := f.stopIndex[t.Get(col)]
			if !ok {
				return t.Errorf(col, ErrUnknownReference, "stop %q is not in stops.txt", t.Get(col))
			}
			ends[i] = s
		}
		var d int32
		switch tt := t.Get("transfer_type"); tt {
		case "", "0":
			d = defaultChange
		case "1":
			d = 0
		case "2":
			s := t.Get("min_transfer_time")
			v, err := strconv.ParseUint(s, 10, 24)
			if err != nil {
				return t.Errorf("min_transfer_time", ErrBadValue, "want seconds for transfer_type 2, got %q", s)
			}
			d = int32(v)
		case "3":
			d = noTransfer
		case "4", "5":
			continue // in-seat transfers between trips: not modelled
		default:
			return t.Errorf("transfer_type", ErrBadValue, "want 0 to 5, got %q", tt)
		}
		st := f.locType[ends[0]] == 1 || f.locType[ends[1]] == 1
		rules = append(rules, rule{ends[0], ends[1], d, st})
	}
	// A rule for a station applies to all its platforms; a rule for a
	// platform wins over its station's.
	members := func(s int32) []int32 {
		if f.locType[s] != 1 {
			return []int32{s}
		}
		var out []int32
		for i, p := range f.parent {
			if p == s {
				out = append(out, int32(i))
			}
		}
		return out
	}
	for _, pass := range [2]bool{true, false} {
		for _, r := range rules {
			if r.station != pass {
				continue
			}
			for _, a := range members(r.from) {
				for _, b := range members(r.to) {
					f.rules[[2]int32{a, b}] = r.d
				}
			}
		}
	}
	return nil
}
