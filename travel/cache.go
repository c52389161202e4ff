package travel

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/crossmeet/crossmeet/internal/regular"
)

// The timetable cache (LoadOptions.Cache) keeps what loading one feed
// file kept, in a compact binary file next to the feed:
//
//	FEED.crossmeet-KEY.cache
//
// KEY is a hash of what the result depends on: the cache format, the
// machine's architecture, the build of crossmeet that loads (its module
// version and VCS revision, when the binary records them, and the
// binary's size and time when it was built from a changed tree or
// records neither), the feed file's size and modification time, SHA-256
// of its first and last 64 KiB (for a zip file the end holds the
// central directory with the CRC-32 and size of every member, so a
// changed member changes the key), the folder read inside it for a
// Source read through an FS, and the options that choose what is kept
// (dates, area, strictness). A feed that changes gets a new key. Each
// load that uses or writes a cache file marks it used (its modification
// time) and removes the feed's cache files past the keepCaches most
// recently used, so that a coordinator who moves a programme's dates
// about does not fill the disk with windows of a national feed (some 80
// MB each). A cache that cannot be written (a read-only folder) is
// skipped, one that cannot be read is rebuilt.
const cacheVersion = "crossmeet-travel-cache-1"

// keepCaches is how many cache files of one feed are kept.
const keepCaches = 3

// CachePath returns the cache file LoadFeeds with opts.Cache reads and
// writes for the feed file at path.
func CachePath(path string, opts LoadOptions) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	key, err := cacheKey(Source{Path: path}, info, opts)
	if err != nil {
		return "", err
	}
	return path + ".crossmeet-" + key + ".cache", nil
}

// buildID names the build of crossmeet that runs, for the cache key: a
// cache written by another version may hold what an older loader kept.
var buildID = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	id := bi.Main.Path + "@" + bi.Main.Version + " " + bi.Main.Sum
	for _, d := range bi.Deps {
		if d.Path == "github.com/crossmeet/crossmeet" {
			id += " dep " + d.Version + " " + d.Sum
		}
	}
	modified, revision := false, false
	for _, st := range bi.Settings {
		if st.Key == "vcs.revision" || st.Key == "vcs.modified" {
			id += " " + st.Key + "=" + st.Value
		}
		modified = modified || st.Key == "vcs.modified" && st.Value == "true"
		revision = revision || st.Key == "vcs.revision"
	}
	if modified || !revision && (bi.Main.Version == "" || bi.Main.Version == "(devel)") {
		// Built from a changed tree, or a test binary: no version names
		// the code, so the binary itself does (a rebuild misses the
		// cache).
		if exe, err := os.Executable(); err == nil {
			if st, err := os.Stat(exe); err == nil {
				id += fmt.Sprintf(" exe %d %d", st.Size(), st.ModTime().UnixNano())
			}
		}
	}
	return id
})

func cacheKey(src Source, info fs.FileInfo, opts LoadOptions) (string, error) {
	path := src.Path
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n%d\n%d\n", cacheVersion, runtime.GOARCH, buildID(), info.Size(), info.ModTime().UnixNano())
	if src.FS != nil {
		fmt.Fprintf(h, "fs %q\n", src.Dir)
	}
	if info.IsDir() {
		// A folder: the size and time of each of its files.
		entries, err := os.ReadDir(path)
		if err != nil {
			return "", err
		}
		for _, e := range entries {
			if fi, err := e.Info(); err == nil {
				fmt.Fprintf(h, "%s %d %d\n", e.Name(), fi.Size(), fi.ModTime().UnixNano())
			}
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		const n = 64 << 10
		buf := make([]byte, n)
		k, _ := io.ReadFull(f, buf)
		h.Write(buf[:k])
		if info.Size() > n {
			k, _ = f.ReadAt(buf, max(info.Size()-n, n))
			h.Write(buf[:k])
		}
	}
	lo, hi := dateSpan(opts.Dates)
	fmt.Fprintf(h, "dates %d %d strict %v\n", lo, hi, opts.Strict)
	for _, b := range opts.Area.Boxes {
		fmt.Fprintf(h, "box %v\n", b)
	}
	for _, c := range opts.Area.Circles {
		fmt.Fprintf(h, "circle %v\n", c)
	}
	return hex.EncodeToString(h.Sum(nil)[:8]), nil
}

// dateSpan returns the day numbers LoadOptions.Dates keeps, lo > hi for
// all.
func dateSpan(ds []time.Time) (lo, hi int32) {
	if len(ds) == 0 {
		return 1, 0
	}
	lo, hi = math.MaxInt32, math.MinInt32
	for _, d := range ds {
		n := dayNumber(d)
		lo, hi = min(lo, n), max(hi, n)
	}
	return lo - 1, hi + 1
}

// loadCached reads the feed's cache file, or loads the feed with load
// and writes the cache.
func loadCached(src Source, info fs.FileInfo, opts LoadOptions, load func() (*Feed, error)) (*Feed, error) {
	key, err := cacheKey(src, info, opts)
	if err != nil {
		return load()
	}
	cp := src.Path + ".crossmeet-" + key + ".cache"
	if f, err := readCache(cp, src.Name); err == nil {
		now := time.Now()
		os.Chtimes(cp, now, now) // used: pruneCaches keeps it
		pruneCaches(src.Path)
		return f, nil
	}
	f, err := load()
	if err != nil {
		return nil, err
	}
	defer pruneCaches(src.Path)
	tmp, err := os.CreateTemp(filepath.Dir(cp), filepath.Base(cp)+".*")
	if err != nil {
		return f, nil // a read-only folder: no cache
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	err = writeCache(w, f)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), cp)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return f, nil
}

// pruneCaches removes the cache files of the feed at path past the
// keepCaches most recently used, those of feed files in the same folder
// that are gone (a feed renamed or deleted), and temporary files of
// writes that were cut off (older than an hour). It is best effort: a
// file it cannot remove stays.
func pruneCaches(path string) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type cached struct {
		name string
		used time.Time
	}
	var cs []cached
	prefix := base + ".crossmeet-"
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() {
			continue
		}
		if feed, _, ok := strings.Cut(name, ".crossmeet-"); ok && feed != base && strings.HasSuffix(name, ".cache") {
			// The cache of a feed file that is gone (renamed, deleted).
			if _, err := os.Lstat(filepath.Join(dir, feed)); errors.Is(err, fs.ErrNotExist) {
				os.Remove(filepath.Join(dir, name))
			}
			continue
		}
		if !strings.HasPrefix(name, prefix) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		switch {
		case strings.HasSuffix(name, ".cache"):
			cs = append(cs, cached{name, info.ModTime()})
		case strings.Contains(name, ".cache.") && time.Since(info.ModTime()) > time.Hour:
			os.Remove(filepath.Join(dir, name))
		}
	}
	if len(cs) <= keepCaches {
		return
	}
	slices.SortFunc(cs, func(a, b cached) int { return b.used.Compare(a.used) })
	for _, c := range cs[keepCaches:] {
		os.Remove(filepath.Join(dir, c.name))
	}
}

// The cached form of one loaded, not yet built, feed.
type cacheFile struct {
	Version  string
	TZ       string
	First    int32
	Last     int32
	Stops    []Stop
	LocType  []byte
	Parent   []byte
	Rules    [][3]int32
	Routes   []cacheRoute
	Trips    []cacheTrip
	Services []cacheService
	Blocks   [][]int32
	Special  []cacheRule
	StStop   []byte
	StArr    []byte
	StDep    []byte
	StKm     []byte
	StFlags  []byte
	Warnings []cacheError
}

type cacheRoute struct {
	ID, Name, Mode string
	G              float64
}

type cacheTrip struct {
	ID                                       string
	Route, Service, First, N, Shift, Tmpl, B int32
	Flags                                    uint8
}

type cacheService struct {
	Weekdays   uint8
	Start, End int32
	Except     map[int32]bool
}

type cacheRule struct {
	FromTrip, FromRoute, ToTrip, ToRoute, FromStop, ToStop int32
	Kind                                                   uint8
	Dur                                                    int32
}

type cacheError struct {
	File, Field, Msg   string
	Line, Column, Kind int
}

// sentinels are the errors a cached warning may wrap, by index.
var sentinels = []error{ErrBadValue, ErrUnknownReference, ErrDuplicateID, ErrMissingColumn, ErrMissingFile}

func bytesOf[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var z T
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(z)))
}

func sliceOf[T any](b []byte) []T {
	var z T
	n := len(b) / int(unsafe.Sizeof(z))
	out := make([]T, n)
	copy(bytesOf(out), b)
	return out
}

func writeCache(w io.Writer, f *Feed) error {
	c := cacheFile{Version: cacheVersion, TZ: f.loc.String(), First: f.feeds[0].first, Last: f.feeds[0].last,
		Stops: f.stops, LocType: bytesOf(f.locType), Parent: bytesOf(f.parent), Blocks: f.blocks,
		StStop: bytesOf(f.stStop), StArr: bytesOf(f.stArr), StDep: bytesOf(f.stDep), StKm: bytesOf(f.stKm), StFlags: f.stFlags}
	for k, v := range f.rules {
		c.Rules = append(c.Rules, [3]int32{k[0], k[1], v})
	}
	for _, r := range f.routes {
		c.Routes = append(c.Routes, cacheRoute{r.id, r.name, string(r.mode), r.gPerPkm})
	}
	c.Trips = make([]cacheTrip, len(f.trips))
	for i, t := range f.trips {
		c.Trips[i] = cacheTrip{t.id, t.route, t.service, t.first, t.n, t.shift, t.tmpl, t.block, t.flags}
	}
	for _, s := range f.services {
		c.Services = append(c.Services, cacheService{s.weekdays, s.start, s.end, s.except})
	}
	for _, r := range f.special.rules {
		c.Special = append(c.Special, cacheRule{r.fromTrip, r.fromRoute, r.toTrip, r.toRoute, r.fromStop, r.toStop, uint8(r.kind), r.dur})
	}
	for _, w := range f.warnings {
		var pe *ParseError
		ce := cacheError{Msg: w.Error(), Kind: -1}
		if errors.As(w, &pe) {
			ce.File, ce.Field, ce.Line, ce.Column = pe.File, pe.Field, pe.Line, pe.Column
		}
		for i, s := range sentinels {
			if errors.Is(w, s) {
				ce.Kind = i
				break
			}
		}
		c.Warnings = append(c.Warnings, ce)
	}
	return gob.NewEncoder(w).Encode(&c)
}

// cachedWarning is a warning read back from the cache: its message as
// it was, located and wrapping the same sentinel.
type cachedWarning struct {
	msg string
	err error
}

func (e *cachedWarning) Error() string { return e.msg }
func (e *cachedWarning) Unwrap() error { return e.err }

func readCache(path, name string) (*Feed, error) {
	if st, err := os.Stat(path); err != nil {
		return nil, err
	} else if err := regular.CheckInfo(st, math.MaxInt64); err != nil {
		return nil, err // a FIFO would block the open
	}
	r, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var c cacheFile
	if err := gob.NewDecoder(bufio.NewReaderSize(r, 1<<20)).Decode(&c); err != nil {
		return nil, err
	}
	if c.Version != cacheVersion {
		return nil, errors.New("old cache")
	}
	loc, err := time.LoadLocation(c.TZ)
	if err != nil {
		return nil, err
	}
	f := &Feed{loc: loc, stops: c.Stops, locType: sliceOf[int8](c.LocType), parent: sliceOf[int32](c.Parent), blocks: c.Blocks,
		stStop: sliceOf[int32](c.StStop), stArr: sliceOf[int32](c.StArr), stDep: sliceOf[int32](c.StDep), stKm: sliceOf[float32](c.StKm), stFlags: c.StFlags,
		rules: map[[2]int32]int32{}, stopIndex: map[string]int32{}}
	f.feeds = []feedInfo{{name: name, loc: loc, first: c.First, last: c.Last, tripHi: int32(len(c.Trips))}}
	for i := range f.stops {
		f.stops[i].Feed = name
		f.stopIndex[f.stops[i].ID] = int32(i)
	}
	for _, r := range c.Rules {
		f.rules[[2]int32{r[0], r[1]}] = r[2]
	}
	for _, r := range c.Routes {
		f.routes = append(f.routes, route{r.ID, r.Name, Mode(r.Mode), r.G})
	}
	f.trips = make([]trip, len(c.Trips))
	for i, t := range c.Trips {
		f.trips[i] = trip{t.ID, t.Route, t.Service, t.First, t.N, t.Shift, t.Tmpl, t.B, t.Flags}
	}
	for _, s := range c.Services {
		f.services = append(f.services, service{weekdays: s.Weekdays, start: s.Start, end: s.End, except: s.Except})
	}
	for _, r := range c.Special {
		f.special.add(specialRule{r.FromTrip, r.FromRoute, r.ToTrip, r.ToRoute, r.FromStop, r.ToStop, ruleKind(r.Kind), r.Dur})
	}
	for _, w := range c.Warnings {
		var err error = &cachedWarning{msg: w.Msg}
		if w.Kind >= 0 && w.Kind < len(sentinels) {
			err = &cachedWarning{msg: w.Msg, err: sentinels[w.Kind]}
		}
		if w.File != "" {
			// Keep the location for errors.As; the message stays whole.
			err = &locatedWarning{ParseError{File: w.File, Line: w.Line, Column: w.Column, Field: w.Field, Err: err}}
		}
		f.warnings = append(f.warnings, err)
	}
	if !f.consistent() {
		return nil, errors.New("damaged cache")
	}
	return f, nil
}

// A locatedWarning is a cached *ParseError whose message is the original
// one (which may carry a prefix such as "trip x dropped: ").
type locatedWarning struct{ pe ParseError }

func (w *locatedWarning) Error() string { return w.pe.Err.Error() }
func (w *locatedWarning) Unwrap() error { return &w.pe }

// consistent checks the indexes of a feed read from a cache, so that a
// damaged file is rebuilt rather than trusted.
func (f *Feed) consistent() bool {
	ns, nst := int32(len(f.stops)), int32(len(f.stStop))
	if len(f.locType) != int(ns) || len(f.parent) != int(ns) || len(f.stArr) != int(nst) || len(f.stDep) != int(nst) || len(f.stKm) != int(nst) || len(f.stFlags) != int(nst) {
		return false
	}
	for _, p := range f.parent {
		if p < -1 || p >= ns {
			return false
		}
	}
	for _, s := range f.stStop {
		if s < 0 || s >= ns {
			return false
		}
	}
	for k := range f.rules {
		if k[0] < 0 || k[0] >= ns || k[1] < 0 || k[1] >= ns {
			return false
		}
	}
	nt := int32(len(f.trips))
	for _, t := range f.trips {
		if t.route < 0 || int(t.route) >= len(f.routes) || t.service < 0 || int(t.service) >= len(f.services) ||
			t.first < 0 || t.n < 0 || t.first+t.n > nst || t.tmpl < 0 || t.tmpl >= nt || t.block < -1 || int(t.block) >= len(f.blocks) {
			return false
		}
	}
	for _, b := range f.blocks {
		for _, t := range b {
			if t < 0 || t >= nt {
				return false
			}
		}
	}
	for _, r := range f.special.rules {
		for _, x := range [6]int32{r.fromTrip, r.toTrip, r.fromRoute, r.toRoute, r.fromStop, r.toStop} {
			if x < -1 {
				return false
			}
		}
		if r.fromTrip >= nt || r.toTrip >= nt || int(r.fromRoute) >= len(f.routes) || int(r.toRoute) >= len(f.routes) || r.fromStop >= ns || r.toStop >= ns {
			return false
		}
	}
	return true
}
