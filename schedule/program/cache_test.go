package program_test

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule/program"
)

// busFeed is a small city-bus feed of its own beside the demo's trains.
var busFeed = fstest.MapFS{
	"agency.txt":     {Data: []byte("agency_id,agency_name,agency_url,agency_timezone\natb-test,AtB (test),https://example.org,Europe/Oslo\n")},
	"stops.txt":      {Data: []byte("stop_id,stop_name,stop_lat,stop_lon\nNSR:1,Trondheim Sentralstasjon bus,63.4362,10.3987\nNSR:2,Gløshaugen,63.4180,10.4050\n")},
	"routes.txt":     {Data: []byte("route_id,agency_id,route_short_name,route_type\nbus3,atb-test,3,3\n")},
	"calendar.txt":   {Data: []byte("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nwk,1,1,1,1,1,0,0,20270101,20271231\n")},
	"trips.txt":      {Data: []byte("route_id,service_id,trip_id\nbus3,wk,B301\n")},
	"stop_times.txt": {Data: []byte("trip_id,arrival_time,departure_time,stop_id,stop_sequence\nB301,10:00:00,10:00:00,NSR:1,1\nB301,10:09:00,10:09:00,NSR:2,2\n")},
}

// writeProgramme writes the demo programme into a new folder with its
// timetable as zips at the paths given: the first holds the demo's
// gtfs/ files, a second busFeed.
func writeProgramme(t *testing.T, zips ...string) string {
	t.Helper()
	dir := t.TempDir()
	demo := programtest.Demo(t)
	feed := fstest.MapFS{}
	for name, f := range demo {
		if rest, ok := strings.CutPrefix(name, "gtfs/"); ok {
			feed[rest] = f
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, f.Data, 0o644))
	}
	for i, z := range zips {
		if i == 1 {
			feed = busFeed
		}
		p := filepath.Join(dir, filepath.FromSlash(z))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		out, err := os.Create(p)
		require.NoError(t, err)
		zw := zip.NewWriter(out)
		for name, f := range feed {
			w, err := zw.Create(name)
			require.NoError(t, err)
			_, err = w.Write(f.Data)
			require.NoError(t, err)
		}
		require.NoError(t, zw.Close())
		require.NoError(t, out.Close())
	}
	return dir
}

// TestLoadDirCachesTheTimetable: LoadDir keeps each zip's window in a
// cache file next to it and reads it the next time, with the same
// programme; a changed zip gets a new cache file; Load, on any fs.FS,
// writes none.
func TestLoadDirCachesTheTimetable(t *testing.T) {
	for _, tc := range []struct {
		name string
		zips []string
	}{
		{"gtfs.zip", []string{"gtfs.zip"}},
		{"two feeds in gtfs/", []string{"gtfs/rail.zip", "gtfs/bus.zip"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeProgramme(t, tc.zips...)
			caches := func(zip string) []string {
				got, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(zip)) + ".crossmeet-*.cache")
				require.NoError(t, err)
				return got
			}
			plain, err := program.Load(os.DirFS(dir))
			require.NoError(t, err)
			for _, z := range tc.zips {
				assert.Empty(t, caches(z), "Load writes no cache")
			}

			cold, err := program.LoadDir(dir)
			require.NoError(t, err)
			for _, z := range tc.zips {
				require.Len(t, caches(z), 1, "a cache next to %s", z)
			}
			// A cache read is marked used: its time moves to now.
			old := time.Now().Add(-time.Hour)
			for _, z := range tc.zips {
				require.NoError(t, os.Chtimes(caches(z)[0], old, old))
			}
			warm, err := program.LoadDir(dir)
			require.NoError(t, err)
			for _, z := range tc.zips {
				st, err := os.Stat(caches(z)[0])
				require.NoError(t, err)
				assert.True(t, st.ModTime().After(old.Add(time.Minute)), "the cache of %s was read", z)
			}
			assert.Equal(t, plain.Feed.Stops(), cold.Feed.Stops())
			assert.Equal(t, cold.Feed.Stops(), warm.Feed.Stops())
			assert.Equal(t, cold.Warnings, warm.Warnings)
			d0, d1, ok := cold.Feed.ServiceDays()
			require.True(t, ok)
			w0, w1, _ := warm.Feed.ServiceDays()
			assert.Equal(t, [2]time.Time{d0, d1}, [2]time.Time{w0, w1})

			// A zip changed (here only its time): a new key, the old file kept.
			z := filepath.Join(dir, filepath.FromSlash(tc.zips[0]))
			later := time.Now().Add(time.Minute)
			require.NoError(t, os.Chtimes(z, later, later))
			_, err = program.LoadDir(dir)
			require.NoError(t, err)
			assert.Len(t, caches(tc.zips[0]), 2)
		})
	}
}

// TestTimetableWarnings: trips the timetable leaves out for a bad row
// are programme warnings naming the file, line and field (they were
// silent with a single feed), the first MaxFeedWarnings of them and a
// count of the rest; Feed.Warnings keeps them all.
func TestTimetableWarnings(t *testing.T) {
	for _, tc := range []struct {
		name  string
		bad   int // trips with a bad first row
		lines int // warnings about the timetable
	}{
		{"one bad trip", 1, 1},
		{"as many as listed", program.MaxFeedWarnings, program.MaxFeedWarnings},
		{"more than listed", program.MaxFeedWarnings + 5, program.MaxFeedWarnings + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := programtest.Demo(t)
			rows := strings.Split(string(files["gtfs/stop_times.txt"].Data), "\n")
			seen, broken := map[string]bool{}, 0
			for i := 1; i < len(rows) && broken < tc.bad; i++ {
				cells := strings.Split(rows[i], ",")
				if len(cells) < 2 || seen[cells[0]] {
					continue
				}
				seen[cells[0]] = true
				cells[1] = "x" + cells[1]
				rows[i] = strings.Join(cells, ",")
				broken++
			}
			require.Equal(t, tc.bad, broken, "the demo has enough trips")
			files["gtfs/stop_times.txt"] = &fstest.MapFile{Data: []byte(strings.Join(rows, "\n"))}
			prog, err := program.Load(files)
			require.NoError(t, err)
			var got []string
			for _, w := range prog.Warnings {
				if strings.HasPrefix(w, "gtfs: ") {
					got = append(got, w)
				}
			}
			require.Len(t, got, tc.lines)
			assert.Contains(t, got, `gtfs: trip "SE7101" dropped: stop_times.txt:2: field arrival_time: want HH:MM:SS, got "x06:30:00": bad value`)
			if tc.bad > program.MaxFeedWarnings {
				assert.Contains(t, got, "gtfs: 25 timetable warnings in all (trips left out for a bad row): 20 listed, 5 more not")
			}
			assert.Len(t, prog.Feed.Warnings(), tc.bad)
		})
	}
}

// TestSuggestionsAreBounded: the first unknown names of a load get a
// "did you mean"; past maxSuggestions (50) the problems are listed
// without one, since each suggestion compares the name with every
// known one.
func TestSuggestionsAreBounded(t *testing.T) {
	files := programtest.Demo(t)
	rows := strings.Split(strings.TrimRight(string(files["contacts.csv"].Data), "\n"), "\n")
	cells := strings.Split(rows[1], ",")
	for i := range 60 {
		c := slices.Clone(cells)
		c[0], c[2], c[7] = fmt.Sprintf("Z%02d", i), fmt.Sprintf("z%d@example.org", i), "stolavv"
		rows = append(rows, strings.Join(c, ","))
	}
	files["contacts.csv"] = &fstest.MapFile{Data: []byte(strings.Join(rows, "\n") + "\n")}
	_, err := program.Load(files)
	var list program.Problems
	require.ErrorAs(t, err, &list)
	with, without := 0, 0
	for _, pe := range list {
		if !strings.Contains(pe.Error(), `place "stolavv" is not in places.csv`) {
			continue
		}
		if strings.Contains(pe.Error(), "did you mean stolav?") {
			with++
		} else {
			without++
		}
	}
	assert.Equal(t, 50, with)
	assert.Equal(t, 10, without)
}

// TestAvailabilityBounds: a calendar for no contact is not read (its
// content does not matter: a warning says it is ignored), and the
// calendars of availability/ may hold at most MaxCalendarsBytes in all
// (lowered here), a problem at the folder past it.
func TestAvailabilityBounds(t *testing.T) {
	t.Run("a file for no contact", func(t *testing.T) {
		files := programtest.Demo(t)
		files["availability/NOBODY.ics"] = &fstest.MapFile{Data: []byte("not a calendar at all\x00")}
		prog, err := program.Load(files)
		require.NoError(t, err)
		assert.Contains(t, prog.Warnings, `availability/NOBODY.ics: no contact has id "NOBODY"; the file is ignored`)
	})
	t.Run("more than the limit in all", func(t *testing.T) {
		files := programtest.Demo(t)
		var n int64
		for name, f := range files {
			if strings.HasPrefix(name, "availability/") {
				n += int64(len(f.Data))
			}
		}
		require.Positive(t, n)
		defer program.SetCalendarsBytes(n - 1)()
		_, err := program.Load(files)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "availability: the files hold more than the limit of")
		defer program.SetCalendarsBytes(n)()
		_, err = program.Load(files)
		assert.NoError(t, err, "exactly the limit")
	})
}
