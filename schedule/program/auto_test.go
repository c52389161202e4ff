package program_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/program"
	"github.com/crossmeet/crossmeet/travel"
)

// autoDemo is the demo with no trips, trips_auto rules y, and S01 given
// dates and a destination in startups.csv.
func autoDemo(t *testing.T, y string) fstest.MapFS {
	t.Helper()
	files := programtest.Demo(t)
	yaml := string(files["program.yaml"].Data)
	yaml = yaml[:strings.Index(yaml, "trips:")] + y
	files["program.yaml"] = &fstest.MapFile{Data: []byte(yaml)}
	lines := strings.Split(strings.TrimRight(string(files["startups.csv"].Data), "\n"), "\n")
	lines[0] += ",dates,destination"
	for i := 1; i < len(lines); i++ {
		lines[i] += ",,"
	}
	lines[1] = strings.TrimSuffix(lines[1], ",,") + `,2027-03-09; 2027-03-15..2027-03-19; tue,trondheim`
	files["startups.csv"] = &fstest.MapFile{Data: []byte(strings.Join(lines, "\n") + "\n")}
	return files
}

func TestTripsAuto(t *testing.T) {
	prog := programtest.Load(t, autoDemo(t, "trips_auto:\n  season: 2027-03-08..2027-03-26\n  max_startups: 3\n  same_region: yes\n  overnight: allowed\n"))
	assert.Empty(t, prog.Trips)
	zone := prog.Zone
	assert.Equal(t, schedule.TripsAuto{
		SeasonFrom:  time.Date(2027, 3, 8, 0, 0, 0, 0, zone),
		SeasonTo:    time.Date(2027, 3, 26, 0, 0, 0, 0, zone),
		MaxStartups: 3, SameRegion: true, Overnight: schedule.OvernightAllowed,
	}, prog.TripsAuto)
	s, _ := prog.Startup("S01")
	assert.Equal(t, "trondheim", s.Destination)
	require.Len(t, s.Dates, 3)
	assert.Equal(t, []time.Weekday{time.Tuesday}, s.Dates[2].Weekdays)
}

func TestTripsAutoBad(t *testing.T) {
	cases := []struct {
		name, yaml string
		want       []string
	}{
		{"season backwards", "trips_auto:\n  season: 2027-03-26..2027-03-08\n", []string{"program.yaml:", "trips_auto.season"}},
		{"max zero", "trips_auto:\n  max_startups: 0\n", []string{"trips_auto.max_startups"}},
		{"same region", "trips_auto:\n  same_region: maybe\n", []string{"trips_auto.same_region"}},
		{"overnight", "trips_auto:\n  overnight: twice\n", []string{"trips_auto.overnight"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := program.Load(autoDemo(t, tc.yaml))
			require.Error(t, err)
			assert.ErrorIs(t, err, schedule.ErrInvalid)
			var pe *program.ParseError
			assert.True(t, errors.As(err, &pe))
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestStartupDatesBad(t *testing.T) {
	files := autoDemo(t, "trips_auto:\n  max_startups: 2\n")
	files["startups.csv"].Data = []byte(strings.Replace(string(files["startups.csv"].Data), "2027-03-09;", "someday;", 1))
	_, err := program.Load(files)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "startups.csv:2")
	assert.Contains(t, err.Error(), "dates")
}

// TestTripsAutoDatesReachTheTimetable: with several feeds in gtfs/ the
// loader keeps only the trips around the programme's dates, and the days
// of the trips crossmeet forms are among them: the start-up's range
// (2027-03-15..19) and, for its weekday item, the whole season.
func TestTripsAutoDatesReachTheTimetable(t *testing.T) {
	files := autoDemo(t, "trips_auto:\n  season: 2027-03-08..2027-03-26\ntrips:\n  - id: T1\n    startups: [S02]\n    to: trondheim\n    dates: [2027-03-09]\n")
	// The demo's feed as the one zip of a gtfs/ folder of feeds.
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, f := range files {
		if rest, ok := strings.CutPrefix(name, "gtfs/"); ok {
			fw, err := w.Create(rest)
			require.NoError(t, err)
			_, err = fw.Write(f.Data)
			require.NoError(t, err)
			delete(files, name)
		}
	}
	require.NoError(t, w.Close())
	files["gtfs/demo.zip"] = &fstest.MapFile{Data: b.Bytes()}
	prog := programtest.Load(t, files)
	require.NotNil(t, prog.Feed)
	for _, day := range []int{9, 17, 23} { // a date, in the range, a Tuesday of the season
		depart := time.Date(2027, 3, day, 6, 0, 0, 0, prog.Feed.Location())
		j, err := prog.Feed.EarliestArrival(context.Background(), "Östersund C", "Trondheim S", depart, travel.SearchOptions{})
		require.NoError(t, err, "2027-03-%02d", day)
		assert.Equal(t, day, j.Depart().Day())
	}
}
