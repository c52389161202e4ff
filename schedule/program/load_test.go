package program_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"maps"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/program"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const minimalYAML = `name: Test programme
trips:
  - id: T1
    startups: [%s]
    from: ostersund-c
    to: trondheim
    dates: [2027-03-09]
coordinator: {name: Test Coordinator, email: test@example.org}
`

func withYAML(t *testing.T, y string) fstest.MapFS { return withYAMLFiles(t, programtest.Demo(t), y) }

func TestLoadProgramDefaults(t *testing.T) {
	prog, err := program.Load(withYAML(t, minimalYAML))
	if err != nil {
		t.Fatal(err)
	}
	m := prog.Meetings
	if m.Duration != 45*time.Minute || m.Buffer != 15*time.Minute || m.DayStart.String() != "08:30" || m.DayEnd.String() != "17:00" {
		t.Errorf("meeting defaults: %+v", m)
	}
	if m.Lunch.From.String() != "11:30" || m.Lunch.To.String() != "13:00" || m.Lunch.Duration != 45*time.Minute {
		t.Errorf("lunch default: %+v", m.Lunch)
	}
	if m.Min != 2 || m.Max != 6 {
		t.Errorf("per start-up default: min %d, max %d; want 2, 6", m.Min, m.Max)
	}
	if prog.Travel.KeepScore != 0.9 || prog.Travel.Car != "petrol" || len(prog.Travel.Modes) != 5 {
		t.Errorf("travel defaults: %+v", prog.Travel)
	}
	if !prog.Matching.CrossBorder || prog.Matching.Capacity != 2 {
		t.Errorf("matching defaults: %+v", prog.Matching)
	}
	if prog.Zone.String() != "Europe/Stockholm" {
		t.Errorf("zone %v", prog.Zone)
	}
	tr := prog.Trips[0]
	if tr.LeaveAfter.String() != "06:00" || tr.BackBy.String() != "22:00" || tr.Overnight != schedule.NoOvernight {
		t.Errorf("trip defaults: %+v", tr)
	}
}

func TestLoadProgramErrors(t *testing.T) {
	cases := []struct {
		name string
		yaml string
		want []string // each must appear in the error
	}{
		{"bad duration", strings.Replace(minimalYAML, "trips:", "meetings:\n  duration: 45 minutes\ntrips:", 1),
			[]string{"program.yaml:3:", "meetings.duration", "45m"}},
		{"unknown key", strings.Replace(minimalYAML, "trips:", "meetingz: {}\ntrips:", 1),
			[]string{"program.yaml:2", "unknown key \"meetingz\""}},
		{"bad date", strings.Replace(minimalYAML, "2027-03-09", "9 March", 1),
			[]string{"program.yaml:7:", "trips[1].dates[1]", "2027-03-09"}},
		{"bad overnight", strings.Replace(minimalYAML, "dates:", "overnight: twice\n    dates:", 1),
			[]string{"program.yaml:7:", "trips[1].overnight", "never more than one night"}},
		{"bad clock", strings.Replace(minimalYAML, "dates:", "back_by: \"25:00\"\n    dates:", 1),
			[]string{"program.yaml:7:", "trips[1].back_by", "08:30"}},
		{"bad mode", strings.Replace(minimalYAML, "trips:", "travel:\n  modes: [train, rocket]\ntrips:", 1),
			[]string{"program.yaml:3:", "travel.modes[2]", "rocket"}},
		{"keep score out of range", strings.Replace(minimalYAML, "trips:", "travel:\n  keep_score: 1.5\ntrips:", 1),
			[]string{"travel.keep_score", "between 0 and 1"}},
		{"unknown start-up", strings.Replace(minimalYAML, "[%s]", "[NOPE]", 1),
			[]string{"program.yaml:4:", "trips[1].startups", "NOPE", "startups.csv"}},
		{"unknown place", strings.Replace(minimalYAML, "from: ostersund-c", "from: atlantis", 1),
			[]string{"program.yaml:5:", "trips[1].from", "atlantis"}},
		{"unknown destination", strings.Replace(minimalYAML, "to: trondheim", "to: narnia", 1),
			[]string{"program.yaml:6:", "trips[1].to", "narnia"}},
		{"no trips", "name: Empty\n", []string{"trips", "no trips"}},
		{"not yaml", "name: [unclosed\n", []string{"program.yaml:"}},
		{"two problems", strings.Replace(minimalYAML, "trips:", "meetings:\n  buffer: soon\n  day: late\ntrips:", 1),
			[]string{"meetings.buffer", "meetings.day"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := program.Load(withYAML(t, tc.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, schedule.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got %q, want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadProgramMissingFiles(t *testing.T) {
	for _, name := range []string{"program.yaml", "startups.csv", "contacts.csv"} {
		t.Run(name, func(t *testing.T) {
			files := programtest.Demo(t)
			delete(files, name)
			_, err := program.Load(files)
			if !errors.Is(err, schedule.ErrInvalid) || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "missing") {
				t.Fatalf("got %v, want an ErrInvalid naming %s as missing", err, name)
			}
		})
	}
}

func TestLoadProgramCSVErrorsKeepTheirPlace(t *testing.T) {
	files := programtest.Demo(t)
	rows, err := csv.NewReader(bytes.NewReader(files["contacts.csv"].Data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range rows[0] {
		if strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) == "capacity" {
			col = i
		}
	}
	if col < 0 {
		t.Fatal("demo contacts.csv has no capacity column")
	}
	rows[2][col] = "lots" // the second contact, on line 3
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(rows)
	files["contacts.csv"] = &fstest.MapFile{Data: buf.Bytes()}
	_, err = program.Load(files)
	if err == nil || !errors.Is(err, schedule.ErrInvalid) {
		t.Fatalf("got %v, want ErrInvalid", err)
	}
	for _, w := range []string{"contacts.csv:3", "capacity"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
}

// TestStationsFromTheTimetable: without places.csv, trips may name the
// timetable's stations by id or name.
func TestStationsFromTheTimetable(t *testing.T) {
	files := programtest.Demo(t)
	delete(files, "places.csv")
	// Contacts then need coordinates: give every contact Trondheim's.
	rows, err := csv.NewReader(bytes.NewReader(files["contacts.csv"].Data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows[0] = append(rows[0], "lat", "lon")
	for i := 1; i < len(rows); i++ {
		for j, h := range rows[0] {
			if h == "place" {
				rows[i][j] = ""
			}
		}
		rows[i] = append(rows[i], "63.43", "10.40")
	}
	var buf bytes.Buffer
	csv.NewWriter(&buf).WriteAll(rows)
	files["contacts.csv"] = &fstest.MapFile{Data: buf.Bytes()}
	y := strings.NewReplacer("from: ostersund-c", "from: Östersund C", "to: trondheim", "to: trondheim-s").Replace(minimalYAML)
	_, plan := programtest.PlanChecked(t, withYAMLFiles(t, files, y))
	if got := plan.Trips[0].Legs[0].From; got != "Östersund C" {
		t.Errorf("the trip starts at %q, want the station named in program.yaml", got)
	}
}

func withYAMLFiles(t *testing.T, files fstest.MapFS, y string) fstest.MapFS {
	files["program.yaml"] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(y, "%s", programtest.FirstStartup(files)))}
	return files
}

// TestTimetableAsZip: gtfs.zip works in place of gtfs/, with its files at
// the top or in one folder.
func TestTimetableAsZip(t *testing.T) {
	for _, prefix := range []string{"", "feed/"} {
		t.Run("prefix "+prefix, func(t *testing.T) {
			files := programtest.Demo(t)
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for name, f := range files {
				if rest, ok := strings.CutPrefix(name, "gtfs/"); ok {
					w, _ := zw.Create(prefix + rest)
					w.Write(f.Data)
					delete(files, name)
				}
			}
			zw.Close()
			files["gtfs.zip"] = &fstest.MapFile{Data: buf.Bytes()}
			prog, err := program.Load(files)
			if err != nil {
				t.Fatal(err)
			}
			if prog.Feed == nil {
				t.Fatal("no timetable loaded from gtfs.zip")
			}
			if _, err := prog.Feed.Stop("trondheim-s"); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestTimetableOfSeveralFeeds: gtfs/ may hold one zip (or folder) per
// feed, as a cross-border programme keeps the Swedish and the Norwegian
// national feeds; they load as one timetable and the programme plans
// with the trains of the first and the buses of the second.
func TestTimetableOfSeveralFeeds(t *testing.T) {
	files := programtest.Demo(t)
	for name, f := range maps.Clone(files) {
		if rest, ok := strings.CutPrefix(name, "gtfs/"); ok {
			delete(files, name)
			files["gtfs/rail/"+rest] = f // the demo's trains as one feed, a folder
		}
	}
	bus := map[string]string{ // a city bus feed of its own, as a zip
		"agency.txt":     "agency_id,agency_name,agency_url,agency_timezone\natb-test,AtB (test),https://example.org,Europe/Oslo\n",
		"stops.txt":      "stop_id,stop_name,stop_lat,stop_lon\nNSR:1,Trondheim Sentralstasjon bus,63.4362,10.3987\nNSR:2,Gløshaugen,63.4180,10.4050\n",
		"routes.txt":     "route_id,agency_id,route_short_name,route_type\nbus3,atb-test,3,3\n",
		"calendar.txt":   "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nwk,1,1,1,1,1,0,0,20270101,20271231\n",
		"trips.txt":      "route_id,service_id,trip_id\nbus3,wk,B301\n",
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nB301,10:00:00,10:00:00,NSR:1,1\nB301,10:09:00,10:09:00,NSR:2,2\n",
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range bus {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(data))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	files["gtfs/bus.zip"] = &fstest.MapFile{Data: buf.Bytes()}

	prog, plan := programtest.PlanChecked(t, files)
	require.NotNil(t, prog.Feed)
	_, err := prog.Feed.Stop("NSR:2")
	assert.NoError(t, err, "the bus feed's stops are in the timetable")
	trains := 0
	for _, tp := range plan.Trips {
		if tp.Mode == "train" {
			trains++
		}
	}
	assert.Positive(t, trains, "the trains of the rail feed are found")
}

// TestTripDatesOutsideTheTimetable: a trip date the timetable's calendar
// does not cover (the demo feed runs through 2027) is a warning naming
// the trip, its line, the dates and the calendar's span; dates inside it
// give none.
func TestTripDatesOutsideTheTimetable(t *testing.T) {
	demo := programtest.Demo(t)
	y := string(demo["program.yaml"].Data)
	for _, tc := range []struct {
		name, from, to string
		want           []string // substrings of the one warning; nil for none
	}{
		{"inside", "", "", nil},
		{"a year later", "dates: [2027-03-09, 2027-03-10]", "dates: [2027-12-31, 2028-01-01]",
			[]string{"program.yaml line ", "trip T1: the timetable runs from 2027-01-01 to 2027-12-31", "planned on 2028-01-01;"}},
		{"a year earlier", "dates: [2027-03-09, 2027-03-10]", "dates: [2026-03-09, 2026-03-10]",
			[]string{"trip T1:", "planned on 2026-03-09, 2026-03-10;"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			yy := y
			if tc.from != "" {
				require.Contains(t, y, tc.from)
				yy = strings.Replace(y, tc.from, tc.to, 1)
			}
			p, err := program.Load(programtest.WithYAML(demo, yy))
			require.NoError(t, err)
			var got []string
			for _, w := range p.Warnings {
				if strings.Contains(w, "the timetable runs") {
					got = append(got, w)
				}
			}
			if tc.want == nil {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1)
			for _, s := range tc.want {
				assert.Contains(t, got[0], s)
			}
		})
	}
}
