package travel

import (
	"archive/zip"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/internal/regular"
)

// LoadGTFS loads a GTFS feed from pathname, a .zip file or a folder of .txt
// files, keeping every date and stop. See LoadGTFSFS for what is read
// and LoadFeeds for several feeds, date windows and areas.
func LoadGTFS(pathname string) (*Feed, error) {
	return LoadFeeds(context.Background(), []Source{{Path: pathname}}, LoadOptions{})
}

// LoadGTFSFS loads the GTFS feed in folder dir of fsys, for example the
// embedded demo: LoadGTFSFS(examples.Demo(), "gtfs").
//
// It reads agency.txt (the time zone), stops.txt (with parent stations),
// routes.txt (basic and extended route types), trips.txt (with block_id),
// stop_times.txt (times past 24:00:00, empty times of intermediate stops
// interpolated, pickup_type and drop_off_type 1 honoured), calendar.txt
// and calendar_dates.txt (at least one of the two), and the optional
// frequencies.txt and transfers.txt. Other files (shapes, fares) are
// ignored. Files may start with a UTF-8 byte-order mark, use quoted
// fields and CRLF line ends, and have rows shorter than the header (the
// missing trailing cells are empty). A bad file or row of a file other
// than trips.txt, stop_times.txt and frequencies.txt gives a *ParseError
// naming the file, line and field; a bad trip is dropped and its
// *ParseError listed in Feed.Warnings (LoadOptions.Strict makes it an
// error).
func LoadGTFSFS(fsys fs.FS, dir string) (*Feed, error) {
	return LoadFeeds(context.Background(), []Source{{FS: fsys, Dir: dir}}, LoadOptions{})
}

// A Source is one GTFS feed: a .zip file or folder at Path, or the
// folder (or .zip file) Dir of FS.
type Source struct {
	// Name tells the feed's stops and trips apart from another feed's
	// with the same ids; empty means the base name of Path without
	// ".zip" (when FS is nil), or "feed1", "feed2"… in the order given.
	Name string
	Path string
	// FS and Dir, when FS is set, are where the feed is read. Path may
	// then name the same feed file on disk for LoadOptions.Cache, which
	// keys and keeps the cache file by Path while the feed is still read
	// through FS (a caller's view that checks what it reads, say).
	FS  fs.FS
	Dir string
}

func (s Source) String() string {
	if s.Path != "" {
		return s.Path
	}
	return s.Name
}

// LoadOptions choose what LoadFeeds keeps. The zero value keeps
// everything and drops bad trips with a warning.
type LoadOptions struct {
	// Dates, when not empty, keeps only trips running from the day
	// before the earliest of them to the day after the latest (a night
	// train that left the evening before, the night after the last day);
	// queries outside that range find nothing. Only the dates count, in
	// each feed's own zone.
	Dates []time.Time
	// Area, when not empty, keeps only the stop times at stops within it
	// (trips are cut to the stops inside; stops.txt is kept whole).
	Area Area
	// Strict makes a bad trip an error instead of a warning.
	Strict bool
	// Cache keeps what is loaded from each feed at a Path in a file next
	// to it (see CachePath) and reads that instead of the feed while the
	// feed, these options and the loader are unchanged. The cache files
	// of a feed that LoadFeeds has not used lately are removed, keeping
	// the newest few (one per window of dates asked for).
	Cache bool
	// JoinRadius joins stops of different feeds that lie within it by a
	// walking transfer; zero means DefaultJoinRadius, negative none.
	// Stations of the same name within DefaultSameNameRadius are joined
	// too, and count as one station for queries.
	JoinRadius float64
}

// Defaults of LoadOptions.
const (
	DefaultJoinRadius     = 0.3 // km
	DefaultSameNameRadius = 3.0 // km
)

// An Area is a set of boxes and circles; a stop is inside when it lies in
// any. The zero Area holds everything.
type Area struct {
	Boxes   []Box
	Circles []Circle
}

// A Box spans latitudes and longitudes, in decimal degrees.
type Box struct{ MinLat, MinLon, MaxLat, MaxLon float64 }

// A Circle holds the points within RadiusKm of its centre.
type Circle struct{ Lat, Lon, RadiusKm float64 }

func (a Area) empty() bool { return len(a.Boxes) == 0 && len(a.Circles) == 0 }

func (a Area) contains(lat, lon float64) bool {
	if a.empty() {
		return true
	}
	for _, b := range a.Boxes {
		if lat >= b.MinLat && lat <= b.MaxLat && lon >= b.MinLon && lon <= b.MaxLon {
			return true
		}
	}
	for _, c := range a.Circles {
		if haversine(lat, lon, c.Lat, c.Lon) <= c.RadiusKm {
			return true
		}
	}
	return false
}

// LoadFeeds loads several GTFS feeds into one timetable that the query
// methods search as one: a programme's gtfs/ folder holding the Swedish
// and the Norwegian national feeds, say. Each feed keeps its agencies'
// time zone; its stop and trip ids are kept apart from the other feeds'
// (see Stop.ID); stops of different feeds within opts.JoinRadius, or
// stations of the same name nearby, are joined by walking transfers, so
// a journey may change from one feed's train to the other's at a border
// station both serve. Feeds are read concurrently. Errors name the
// source. See LoadGTFSFS for the files read.
func LoadFeeds(ctx context.Context, srcs []Source, opts LoadOptions) (*Feed, error) {
	if len(srcs) == 0 {
		return nil, fmt.Errorf("gtfs: no feed: %w", ErrMissingFile)
	}
	names := map[string]bool{}
	for i := range srcs {
		s := &srcs[i]
		if s.Name == "" && s.Path != "" && s.FS == nil {
			s.Name = strings.TrimSuffix(filepath.Base(s.Path), ".zip")
		}
		if s.Name == "" || names[s.Name] {
			s.Name = fmt.Sprintf("feed%d", i+1)
		}
		names[s.Name] = true
	}
	parts := make([]*Feed, len(srcs))
	errs := make([]error, len(srcs))
	done := make(chan int, len(srcs))
	for i := range srcs {
		go func() {
			parts[i], errs[i] = loadSource(ctx, srcs[i], opts)
			done <- i
		}()
	}
	for range srcs {
		<-done
	}
	for i, err := range errs {
		if err != nil {
			if len(srcs) == 1 {
				return nil, err
			}
			return nil, fmt.Errorf("%s: %w", srcs[i], err)
		}
	}
	f := merge(parts)
	if len(f.stops) > maxStops {
		return nil, fmt.Errorf("%d stops in all: at most %d are supported: %w", len(f.stops), maxStops, ErrBadValue)
	}
	f.build()
	if len(parts) > 1 {
		f.join(opts.JoinRadius)
	}
	f.compact()
	return f, nil
}

func loadSource(ctx context.Context, src Source, opts LoadOptions) (*Feed, error) {
	if src.FS != nil {
		if opts.Cache && src.Path != "" {
			if info, err := os.Stat(src.Path); err == nil && info.Mode().IsRegular() {
				return loadCached(src, info, opts, func() (*Feed, error) { return loadFromFS(ctx, src, opts) })
			}
		}
		return loadFromFS(ctx, src, opts)
	}
	info, err := os.Stat(src.Path)
	if err != nil {
		return nil, err
	}
	if err := CheckRegular(info.Mode()); err != nil {
		return nil, &fs.PathError{Op: "open", Path: src.Path, Err: err}
	}
	if opts.Cache {
		return loadCached(src, info, opts, func() (*Feed, error) { return loadPath(ctx, src, info, opts) })
	}
	return loadPath(ctx, src, info, opts)
}

// loadFromFS reads the feed of src.FS: the folder or the .zip file
// src.Dir.
func loadFromFS(ctx context.Context, src Source, opts LoadOptions) (*Feed, error) {
	dir := src.Dir
	if dir == "" {
		dir = "."
	}
	if st, err := fs.Stat(src.FS, dir); err == nil && !st.IsDir() {
		zr, c, err := OpenZip(src.FS, dir)
		if err != nil {
			return nil, &ParseError{File: dir, Err: err}
		}
		defer c.Close()
		return loadFS(ctx, zr, zipRoot(zr), src.Name, opts)
	}
	return loadFS(ctx, src.FS, dir, src.Name, opts)
}

func loadPath(ctx context.Context, src Source, info fs.FileInfo, opts LoadOptions) (*Feed, error) {
	if info.IsDir() {
		return loadFS(ctx, os.DirFS(src.Path), ".", src.Name, opts)
	}
	zr, err := zip.OpenReader(src.Path)
	if err != nil {
		return nil, fmt.Errorf("gtfs: %s: %w", src.Path, err)
	}
	defer zr.Close()
	if err := CheckZip(&zr.Reader); err != nil {
		return nil, fmt.Errorf("%s: %w", src.Path, err)
	}
	inflateFast(&zr.Reader)
	return loadFS(ctx, zr, zipRoot(&zr.Reader), src.Name, opts)
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

// loadFS reads one feed into a Feed that is not yet built.
func loadFS(ctx context.Context, fsys fs.FS, dir, name string, opts LoadOptions) (*Feed, error) {
	l := loader{ctx: ctx, fsys: fsys, dir: dir, opts: opts, f: &Feed{}}
	l.f.feeds = []feedInfo{{name: name, first: 1, last: 0}}
	steps := []struct {
		file     string
		required bool
		load     func(*table) error
	}{
		{"agency.txt", true, l.agency},
		{"stops.txt", true, l.stops},
		{"routes.txt", true, l.routes},
		{"calendar.txt", false, l.calendar},
		{"calendar_dates.txt", false, l.calendarDates},
		{"trips.txt", true, l.trips},
		{"stop_times.txt", true, l.stopTimes},
		{"frequencies.txt", false, l.frequencies},
		{"transfers.txt", false, l.transfers},
	}
	for _, s := range steps {
		if s.file == "trips.txt" {
			if len(l.f.services) == 0 && !l.sawCalendar {
				return nil, &ParseError{File: "calendar.txt", Err: fmt.Errorf("neither calendar.txt nor calendar_dates.txt: %w", ErrMissingFile)}
			}
			l.chooseServices()
		}
		if err := l.read(s.file, s.required, s.load); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	if l.unkept > 0 {
		l.f.warnings = append(l.f.warnings, fmt.Errorf("%d more trips or rows left out, not listed: a feed keeps its first %d warnings", l.unkept, MaxWarnings))
	}
	info := &l.f.feeds[0]
	info.loc, info.tripLo, info.tripHi = l.f.loc, 0, int32(len(l.f.trips))
	return l.f, nil
}

// MaxFrequencyTrips bounds the trips frequencies.txt may add to one
// feed: a national feed runs a few million trips in all, and one crafted
// row (every second for two days) would otherwise add 172,800 of them.
// A row past the bound is left out with a warning.
const MaxFrequencyTrips = 5_000_000

// frequencyTrips is MaxFrequencyTrips; tests lower it.
var frequencyTrips int64 = MaxFrequencyTrips

// MaxWarnings bounds the warnings one feed keeps (Feed.Warnings); one
// more counts the rest. A crafted stop_times.txt of rows for trips that
// do not exist would otherwise keep a warning per row in memory.
const MaxWarnings = 1000

type loader struct {
	ctx         context.Context
	fsys        fs.FS
	dir         string
	opts        LoadOptions
	f           *Feed
	sawCalendar bool
	agencyTZ    string
	agencies    map[string]bool
	// parents holds the parent_station of each stop until all stops are read.
	parents   []string
	stopLines []int
	svcIndex  map[string]int32
	svcKeep   []bool
	routeIdx  map[string]int32
	tripIndex map[string]int32
	skipped   map[string]bool // trips left out by LoadOptions.Dates
	blockIdx  map[string]int32
	// size is the size in bytes of the file being read, 0 when unknown.
	size int64
	// unkept counts the warnings past MaxWarnings.
	unkept int
	// copies counts the trips frequencies.txt added (MaxFrequencyTrips).
	copies int64
}

// warn records a problem that drops a trip or row, or returns it as the
// error when loading is strict.
func (l *loader) warn(err error) error {
	if l.opts.Strict {
		return err
	}
	if len(l.f.warnings) >= MaxWarnings {
		l.unkept++
		return nil
	}
	l.f.warnings = append(l.f.warnings, err)
	return nil
}

func (l *loader) read(file string, required bool, load func(*table) error) error {
	name := path.Join(l.dir, file)
	// A FIFO would block the open: look before opening.
	if st, err := fs.Stat(l.fsys, name); err == nil {
		if err := regular.CheckInfo(st, math.MaxInt64); err != nil {
			return &ParseError{File: file, Err: err}
		}
	}
	r, err := l.fsys.Open(name)
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
	t, err := openGTFS(r, file)
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

func (l *loader) agency(t *table) error {
	if err := t.Require("agency_timezone"); err != nil {
		return err
	}
	l.agencies = map[string]bool{}
	for err := range t.Rows() {
		if err != nil {
			return err
		}
		tz := t.Get("agency_timezone")
		l.agencies[t.Get("agency_id")] = true
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

func (l *loader) stops(t *table) error {
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
		st := Stop{ID: id, Name: t.Get("stop_name"), Feed: f.feeds[0].name}
		if lt <= 2 || t.Get("stop_lat") != "" {
			if st.Lat, err = parseStopCoord(t, "stop_lat", 90); err != nil {
				return err
			}
			if st.Lon, err = parseStopCoord(t, "stop_lon", 180); err != nil {
				return err
			}
		}
		if len(f.stops) >= maxStops {
			return t.Errorf("stop_id", ErrBadValue, "more than %d stops: not supported", maxStops)
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
	// A station's platforms are joined pairwise by walks (Feed.build):
	// past MaxPlatforms that would be millions of walks.
	platforms := map[int32]int{}
	for _, p := range f.parent {
		if p >= 0 {
			platforms[p]++
		}
	}
	for i := range f.stops {
		if n := platforms[int32(i)]; n > MaxPlatforms {
			err := &ParseError{File: t.File(), Line: l.stopLines[i], Field: "stop_id", Err: fmt.Errorf(
				"station %q has %d stops: platforms are joined by walks only at stations of at most %d, so no change between its platforms is found: %w",
				f.stops[i].ID, n, MaxPlatforms, ErrBadValue)}
			if err := l.warn(err); err != nil {
				return err
			}
		}
	}
	l.parents, l.stopLines = nil, nil
	return nil
}

// MaxPlatforms bounds the stops (platforms, entrances and the like,
// parent_station naming it) of a station whose platforms are joined
// pairwise by walks: the largest stations have a few dozen platforms
// and bus bays; a station past the bound loads with a warning and
// without walks between its platforms, since 20,000 would need 400
// million.
const MaxPlatforms = 1000

// parseStopCoord reads a latitude or longitude within ±limit.
func parseStopCoord(t *table, col string, limit float64) (float64, error) {
	s := t.Get(col)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || v < -limit || v > limit {
		return 0, t.Errorf(col, ErrBadValue, "want decimal degrees within ±%g, got %q", limit, s)
	}
	return v, nil
}

func (l *loader) routes(t *table) error {
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
		if a := t.Get("agency_id"); a != "" && !l.agencies[a] {
			return t.Errorf("agency_id", ErrUnknownReference, "agency %q is not in agency.txt", a)
		} else if a == "" && len(l.agencies) > 1 {
			return t.Errorf("agency_id", ErrBadValue, "agency.txt lists %d agencies; a route must name one", len(l.agencies))
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
		f.routes = append(f.routes, route{id: id, name: name, mode: mode, gPerPkm: g})
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

// dayNumber returns the day number of t's date.
func dayNumber(t time.Time) int32 {
	y, m, d := t.Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
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

func (l *loader) calendar(t *table) error {
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

func (l *loader) calendarDates(t *table) error {
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

// chooseServices marks the services running within LoadOptions.Dates.
func (l *loader) chooseServices() {
	l.svcKeep = make([]bool, len(l.f.services))
	if len(l.opts.Dates) == 0 {
		for i := range l.svcKeep {
			l.svcKeep[i] = true
		}
		return
	}
	lo, hi := dateSpan(l.opts.Dates)
	l.f.feeds[0].first, l.f.feeds[0].last = lo, hi
	for i := range l.f.services {
		s := &l.f.services[i]
		for d := lo; d <= hi && !l.svcKeep[i]; d++ {
			l.svcKeep[i] = s.runsSlow(d)
		}
	}
}

func (l *loader) trips(t *table) error {
	if err := t.Require("route_id", "service_id", "trip_id"); err != nil {
		return err
	}
	f := l.f
	l.tripIndex = map[string]int32{}
	l.skipped = map[string]bool{}
	for err := range t.Rows() {
		if err != nil {
			return err
		}
		id := t.Get("trip_id")
		if id == "" {
			if err := l.warn(t.Errorf("trip_id", ErrBadValue, "empty trip_id; row dropped")); err != nil {
				return err
			}
			continue
		}
		if _, dup := l.tripIndex[id]; dup || l.skipped[id] {
			if err := l.warn(t.Errorf("trip_id", ErrDuplicateID, "trip %q defined twice; the second is dropped", id)); err != nil {
				return err
			}
			continue
		}
		r, ok := l.routeIdx[t.Get("route_id")]
		if !ok {
			if err := l.warn(t.Errorf("route_id", ErrUnknownReference, "route %q is not in routes.txt; trip %q dropped", t.Get("route_id"), id)); err != nil {
				return err
			}
			l.skipped[id] = true
			continue
		}
		s, ok := l.svcIndex[t.Get("service_id")]
		if !ok {
			if err := l.warn(t.Errorf("service_id", ErrUnknownReference, "service %q is in neither calendar.txt nor calendar_dates.txt; trip %q dropped", t.Get("service_id"), id)); err != nil {
				return err
			}
			l.skipped[id] = true
			continue
		}
		if !l.svcKeep[s] {
			l.skipped[id] = true
			continue
		}
		b := int32(-1)
		if bid := t.Get("block_id"); bid != "" {
			if l.blockIdx == nil {
				l.blockIdx = map[string]int32{}
			}
			var ok bool
			if b, ok = l.blockIdx[bid]; !ok {
				b = int32(len(f.blocks))
				l.blockIdx[bid] = b
				f.blocks = append(f.blocks, nil)
			}
			f.blocks[b] = append(f.blocks[b], int32(len(f.trips)))
		}
		n := int32(len(f.trips))
		l.tripIndex[id] = n
		f.trips = append(f.trips, trip{id: id, route: r, service: s, tmpl: n, block: b})
	}
	return nil
}

// parseTime reads a GTFS time H:MM:SS or HH:MM:SS, hours possibly past
// 24, as seconds since noon minus 12 h of the service day.
func parseTime(s []byte) (int32, bool) {
	c1 := -1
	for i, c := range s {
		if c == ':' {
			c1 = i
			break
		}
	}
	if c1 < 1 || c1 > 3 || len(s) != c1+6 || s[c1+3] != ':' {
		return 0, false
	}
	var v [3]int32
	parts := [3][]byte{s[:c1], s[c1+1 : c1+3], s[c1+4:]}
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

// parseUint reads a non-negative decimal integer below 2^31.
func parseUint(b []byte) (int32, bool) {
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if v > math.MaxInt32 {
		return 0, false
	}
	return int32(v), true
}

// noTime marks an empty arrival or departure time before interpolation.
const noTime = math.MinInt32

type rawStopTime struct {
	trip, seq, stop int32
	arr, dep        int32
	line            int32
	flags           uint8
}

// A tripError is the first problem found in a trip's stop times.
type tripError struct {
	trip int32
	err  error
}

func (l *loader) stopTimes(t *table) error {
	if err := t.Require("trip_id", "stop_sequence", "stop_id"); err != nil {
		return err
	}
	if !t.Has("arrival_time") && !t.Has("departure_time") {
		return t.Require("arrival_time")
	}
	f := l.f
	cTrip, cSeq, cStop := t.Index("trip_id"), t.Index("stop_sequence"), t.Index("stop_id")
	cArr, cDep := t.Index("arrival_time"), t.Index("departure_time")
	cPick, cDrop := t.Index("pickup_type"), t.Index("drop_off_type")
	keepStop := make([]bool, len(f.stops))
	for i, s := range f.stops {
		keepStop[i] = l.opts.Area.contains(s.Lat, s.Lon)
	}
	// About 40 bytes a row, a fraction kept; the hint saves regrowing.
	hint := l.size / 40
	if len(l.skipped) > 0 && len(f.trips) > 0 {
		hint = hint * int64(len(f.trips)) / int64(len(f.trips)+len(l.skipped))
	}
	rows := make([]rawStopTime, 0, min(hint+16, 1<<26))
	bad := map[int32]error{}
	var lastTrip []byte
	lastIdx, lastSkip := int32(-1), false
	for n := 0; ; n++ {
		ok, err := t.Next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if n&0xfffff == 0 && l.ctx.Err() != nil {
			return l.ctx.Err()
		}
		tid := t.GetBytes(cTrip)
		if lastIdx < 0 && !lastSkip || string(tid) != string(lastTrip) {
			lastTrip = append(lastTrip[:0], tid...)
			i, ok := l.tripIndex[string(tid)]
			lastIdx, lastSkip = i, !ok
			if !ok {
				lastIdx = -1
				if !l.skipped[string(tid)] {
					if err := l.warn(t.Errorf("trip_id", ErrUnknownReference, "trip %q is not in trips.txt; row ignored", tid)); err != nil {
						return err
					}
				}
			}
		}
		if lastSkip {
			continue
		}
		r := rawStopTime{line: int32(t.Line()), trip: lastIdx}
		if _, isBad := bad[r.trip]; isBad {
			continue
		}
		fail := func(col string, sentinel error, format string, args ...any) {
			bad[r.trip] = t.Errorf(col, sentinel, format, args...)
		}
		seq, ok := parseUint(t.GetBytes(cSeq))
		if !ok {
			fail("stop_sequence", ErrBadValue, "want a non-negative integer, got %q", t.GetBytes(cSeq))
			continue
		}
		r.seq = seq
		sid := t.GetBytes(cStop)
		si, ok := f.stopIndex[string(sid)]
		if !ok {
			fail("stop_id", ErrUnknownReference, "stop %q is not in stops.txt", sid)
			continue
		}
		if f.locType[si] != 0 {
			fail("stop_id", ErrBadValue, "stop %q has location_type %d; stop_times need a stop or platform (0)", sid, f.locType[si])
			continue
		}
		r.stop = si
		r.arr, r.dep = noTime, noTime
		if s := t.GetBytes(cArr); len(s) > 0 {
			if r.arr, ok = parseTime(s); !ok {
				fail("arrival_time", ErrBadValue, "want HH:MM:SS, got %q", s)
				continue
			}
		}
		if s := t.GetBytes(cDep); len(s) > 0 {
			if r.dep, ok = parseTime(s); !ok {
				fail("departure_time", ErrBadValue, "want HH:MM:SS, got %q", s)
				continue
			}
		}
		if r.arr == noTime {
			r.arr = r.dep
		}
		if r.dep == noTime {
			r.dep = r.arr
		}
		if r.dep < r.arr {
			fail("departure_time", ErrBadValue, "departure %s before arrival %s", t.GetBytes(cDep), t.GetBytes(cArr))
			continue
		}
		okFlags := true
		for k, c := range [2]int{cPick, cDrop} {
			switch s := string(t.GetBytes(c)); s {
			case "", "0", "2", "3":
			case "1":
				r.flags |= [2]uint8{noBoard, noAlight}[k]
			default:
				fail([2]string{"pickup_type", "drop_off_type"}[k], ErrBadValue, "want 0 to 3, got %q", s)
				okFlags = false
			}
		}
		if !okFlags {
			continue
		}
		if !keepStop[si] {
			continue
		}
		rows = append(rows, r)
	}
	if !slices.IsSortedFunc(rows, stCompare) {
		slices.SortStableFunc(rows, stCompare)
	}
	l.buildTrips(rows, bad)
	// Report dropped trips in the order of their rows.
	errs := make([]tripError, 0, len(bad))
	for tr, err := range bad {
		errs = append(errs, tripError{tr, err})
	}
	slices.SortFunc(errs, func(a, b tripError) int {
		return cmp.Compare(errLine(a.err), errLine(b.err))
	})
	for _, e := range errs {
		f.trips[e.trip].flags |= tripDropped
		f.trips[e.trip].n = 0
		if err := l.warn(fmt.Errorf("trip %q dropped: %w", f.trips[e.trip].id, e.err)); err != nil {
			return e.err
		}
	}
	return nil
}

func errLine(err error) int {
	var pe *ParseError
	if errors.As(err, &pe) {
		return pe.Line
	}
	return 0
}

func stCompare(a, b rawStopTime) int {
	if c := cmp.Compare(a.trip, b.trip); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

// buildTrips lays out the stop times of each trip, interpolates missing
// times, checks that times do not go back, and sums distances; a trip
// that fails gets its error in bad.
func (l *loader) buildTrips(rows []rawStopTime, bad map[int32]error) {
	f := l.f
	f.stStop = make([]int32, len(rows))
	f.stArr = make([]int32, len(rows))
	f.stDep = make([]int32, len(rows))
	f.stKm = make([]float32, len(rows))
	f.stFlags = make([]uint8, len(rows))
	for i := range f.trips {
		f.trips[i].first, f.trips[i].n = 0, 0
	}
	fail := func(r rawStopTime, field string, sentinel error, format string, args ...any) {
		if _, dup := bad[r.trip]; !dup {
			bad[r.trip] = &ParseError{File: "stop_times.txt", Line: int(r.line), Field: field, Err: fmt.Errorf(fmt.Sprintf(format, args...)+": %w", sentinel)}
		}
	}
	for lo := 0; lo < len(rows); {
		hi := lo + 1
		for hi < len(rows) && rows[hi].trip == rows[lo].trip {
			hi++
		}
		tr := &f.trips[rows[lo].trip]
		tr.first, tr.n = int32(lo), int32(hi-lo)
		if _, isBad := bad[rows[lo].trip]; isBad {
			lo = hi
			continue
		}
		if rows[lo].arr == noTime {
			fail(rows[lo], "arrival_time", ErrBadValue, "the first stop of trip %q has no time", tr.id)
		}
		if rows[hi-1].arr == noTime {
			fail(rows[hi-1], "arrival_time", ErrBadValue, "the last stop of trip %q has no time", tr.id)
		}
		var km float64
		for i := lo; i < hi; i++ {
			r := rows[i]
			if i > lo && r.seq == rows[i-1].seq {
				fail(r, "stop_sequence", ErrDuplicateID, "stop_sequence %d repeated in trip %q", r.seq, tr.id)
			}
			if i > lo {
				a, b := f.stops[rows[i-1].stop], f.stops[r.stop]
				km += haversine(a.Lat, a.Lon, b.Lat, b.Lon)
			}
			f.stStop[i], f.stKm[i], f.stFlags[i] = r.stop, float32(km), r.flags
			f.stArr[i], f.stDep[i] = r.arr, r.dep
		}
		if _, isBad := bad[rows[lo].trip]; isBad {
			lo = hi
			continue
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
				fail(rows[i], "arrival_time", ErrBadValue, "trip %q arrives before it left the previous stop", tr.id)
				break
			}
			prev = i
		}
		lo = hi
	}
}

// frequencies expands frequencies.txt: each row runs a copy of its
// template trip every headway_secs from start_time until before
// end_time, shifted so that the copy's first departure is the start.
// exact_times 1 gives exactly these times; exact_times 0 (frequency-based
// service) has no published times, and the copies at the headway stand
// for it as journey planners commonly do (a traveller waits at most one
// headway). The template trip runs only as its copies (GTFS reference,
// frequencies.txt).
func (l *loader) frequencies(t *table) error {
	if err := t.Require("trip_id", "start_time", "end_time", "headway_secs"); err != nil {
		return err
	}
	f := l.f
	for err := range t.Rows() {
		if err != nil {
			return err
		}
		id := t.Get("trip_id")
		ti, ok := l.tripIndex[id]
		if !ok {
			if !l.skipped[id] {
				if err := l.warn(t.Errorf("trip_id", ErrUnknownReference, "trip %q is not in trips.txt; row ignored", id)); err != nil {
					return err
				}
			}
			continue
		}
		tr := f.trips[ti]
		if tr.flags&tripDropped != 0 || tr.n == 0 {
			continue
		}
		start, ok1 := parseTime([]byte(t.Get("start_time")))
		end, ok2 := parseTime([]byte(t.Get("end_time")))
		head, ok3 := parseUint([]byte(t.Get("headway_secs")))
		var err error
		switch {
		case !ok1:
			err = t.Errorf("start_time", ErrBadValue, "want HH:MM:SS, got %q", t.Get("start_time"))
		case !ok2 || end < start:
			err = t.Errorf("end_time", ErrBadValue, "want HH:MM:SS not before start_time, got %q", t.Get("end_time"))
		case !ok3 || head == 0:
			err = t.Errorf("headway_secs", ErrBadValue, "want a positive number of seconds, got %q", t.Get("headway_secs"))
		}
		if s := t.Get("exact_times"); err == nil && s != "" && s != "0" && s != "1" {
			err = t.Errorf("exact_times", ErrBadValue, "want 0 or 1, got %q", s)
		}
		if err == nil {
			if n := (int64(end) - int64(start) + int64(head) - 1) / int64(head); l.copies+n > frequencyTrips {
				err = t.Errorf("headway_secs", ErrBadValue, "the row runs %d copies of trip %q, past the %d a feed may have in all", n, id, frequencyTrips)
			} else {
				l.copies += n
			}
		}
		if err != nil {
			if err := l.warn(err); err != nil {
				return err
			}
			continue
		}
		f.trips[ti].flags |= tripTemplate
		first := f.stDep[tr.first]
		for s := start; s < end; s += head {
			c := tr
			c.flags &^= tripTemplate
			c.shift = s - first
			if c.block >= 0 {
				f.blocks[c.block] = append(f.blocks[c.block], int32(len(f.trips)))
			}
			f.trips = append(f.trips, c)
		}
	}
	return nil
}
