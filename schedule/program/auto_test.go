package program_test

import (
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
