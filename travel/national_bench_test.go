package travel

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/crossmeet/crossmeet/travel/internal/gtfsgen"
)

// The national-size benchmarks run on a generated pair of feeds of about
// 25 million stop_times each (gtfsgen.Sweden and gtfsgen.Norway), written
// once into $CROSSMEET_BENCH_DIR or the system's temporary folder under
// crossmeet-gtfsgen-v2/ and reused by later runs (about 0.5 GB; delete
// the folder when done). A programme's window is two weeks.
var (
	nationalOnce  sync.Once
	nationalPaths []string
	nationalErr   error
)

func nationalFeeds(b testing.TB) []string {
	nationalOnce.Do(func() {
		root := os.Getenv("CROSSMEET_BENCH_DIR")
		if root == "" {
			root = os.TempDir()
		}
		dir := filepath.Join(root, "crossmeet-gtfsgen-v2")
		if nationalErr = os.MkdirAll(dir, 0o755); nationalErr != nil {
			return
		}
		// A fixed order (Sweden first), so every process loads the same
		// merged timetable and scans the same connections.
		for _, f := range []struct {
			name string
			c    gtfsgen.Config
		}{{"se.zip", gtfsgen.Sweden()}, {"no.zip", gtfsgen.Norway()}} {
			name, c := f.name, f.c
			p := filepath.Join(dir, name)
			nationalPaths = append(nationalPaths, p)
			if _, err := os.Stat(p); err == nil {
				continue
			}
			if nationalErr = gtfsgen.Write(p+".tmp", c); nationalErr != nil {
				return
			}
			if nationalErr = os.Rename(p+".tmp", p); nationalErr != nil {
				return
			}
		}
	})
	if nationalErr != nil {
		b.Fatal(nationalErr)
	}
	return nationalPaths
}

// programmeWindow is two weeks of dates.
func programmeWindow() []time.Time {
	var ds []time.Time
	for d := 0; d < 14; d++ {
		ds = append(ds, time.Date(2027, 3, 8+d, 0, 0, 0, 0, time.UTC))
	}
	return ds
}

func nationalSources(paths []string) []Source {
	var srcs []Source
	for _, p := range paths {
		srcs = append(srcs, Source{Path: p})
	}
	return srcs
}

func BenchmarkNationalLoad(b *testing.B) {
	paths := nationalFeeds(b)
	b.ReportAllocs()
	var f *Feed
	for b.Loop() {
		var err error
		if f, err = LoadFeeds(context.Background(), nationalSources(paths), LoadOptions{Dates: programmeWindow()}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(f.stStop)), "stop_times_kept")
}

var (
	nationalFeedOnce sync.Once
	nationalFeed     *Feed
)

func loadNational(b testing.TB) *Feed {
	paths := nationalFeeds(b)
	nationalFeedOnce.Do(func() {
		var err error
		nationalFeed, err = LoadFeeds(context.Background(), nationalSources(paths), LoadOptions{Dates: programmeWindow()})
		if err != nil {
			b.Fatal(err)
		}
	})
	return nationalFeed
}

// nationalQueries are random pairs of stops of the merged timetable,
// half of them across the border.
func nationalQueries(n int) [][2]string {
	r := rand.New(rand.NewPCG(9, 2027))
	se, no := gtfsgen.Sweden(), gtfsgen.Norway()
	var qs [][2]string
	pick := func(c gtfsgen.Config) string {
		// Stops served by lines: row and column indexes below Grid-4.
		return c.StopID(r.IntN(c.Grid-4), r.IntN(c.Grid-4))
	}
	for len(qs) < n {
		a, z := se, se
		switch len(qs) % 4 {
		case 1:
			a, z = no, no
		case 2:
			z = no
		case 3:
			a = no
		}
		qs = append(qs, [2]string{pick(a), pick(z)})
	}
	return qs
}

func BenchmarkNationalEarliestArrival(b *testing.B) {
	f := loadNational(b)
	qs := nationalQueries(64)
	ctx := context.Background()
	depart := time.Date(2027, 3, 9, 8, 0, 0, 0, f.Location())
	// Build the day indexes outside the timing.
	f.EarliestArrival(ctx, qs[0][0], qs[0][1], depart, SearchOptions{})
	b.ReportAllocs()
	n0 := scanned.Load()
	var took []time.Duration
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)]
		i++
		t0 := time.Now()
		if _, err := f.EarliestArrival(ctx, q[0], q[1], depart, SearchOptions{}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t0))
	}
	b.ReportMetric(float64(scanned.Load()-n0)/float64(b.N), "conns/op")
	reportMedian(b, took)
}

// reportMedian reports the median of the queries' times as ms/query
// beside the mean (ns/op): the cross-border half of the queries costs
// some three times the other, so the two differ.
func reportMedian(b *testing.B, took []time.Duration) {
	if len(took) == 0 {
		return
	}
	slices.Sort(took)
	m := took[len(took)/2]
	if len(took)%2 == 0 {
		m = (took[len(took)/2-1] + m) / 2
	}
	b.ReportMetric(float64(m)/float64(time.Millisecond), "median-ms/query")
}

// BenchmarkNationalDayOptions is `crossmeet route --after 00:00`: every
// option of one day, leaving from midnight, arriving by 03:00 the next.
func BenchmarkNationalDayOptions(b *testing.B) {
	f := loadNational(b)
	qs := nationalQueries(16)
	ctx := context.Background()
	after := time.Date(2027, 3, 9, 0, 0, 0, 0, f.Location())
	before := time.Date(2027, 3, 10, 3, 0, 0, 0, f.Location())
	f.Journeys(ctx, qs[0][0], qs[0][1], after, before, SearchOptions{})
	b.ReportAllocs()
	n0 := scanned.Load()
	var took []time.Duration
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)]
		i++
		t0 := time.Now()
		if _, err := f.Journeys(ctx, q[0], q[1], after, before, SearchOptions{}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t0))
	}
	b.ReportMetric(float64(scanned.Load()-n0)/float64(b.N), "conns/op")
	reportMedian(b, took)
}

// BenchmarkNationalLoadCached loads the same window from the cache files
// next to the feeds (written by a first, untimed load).
func BenchmarkNationalLoadCached(b *testing.B) {
	paths := nationalFeeds(b)
	opts := LoadOptions{Dates: programmeWindow(), Cache: true}
	if _, err := LoadFeeds(context.Background(), nationalSources(paths), opts); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var f *Feed
	for b.Loop() {
		var err error
		if f, err = LoadFeeds(context.Background(), nationalSources(paths), opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(f.stStop)), "stop_times_kept")
}
