package schedule_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/crossmeet/crossmeet/schedule"
)

const minimalYAML = `name: Test programme
trips:
  - id: T1
    startups: [%s]
    from: ostersund-c
    to: trondheim
    dates: [2027-03-09]
`

func withYAML(t *testing.T, y string) fstest.MapFS { return withYAMLFiles(t, demoFiles(t), y) }

func TestLoadProgramDefaults(t *testing.T) {
	prog, err := schedule.LoadProgram(withYAML(t, minimalYAML))
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
			[]string{"program.yaml:7:", "trips[1].dates[0]", "2027-03-09"}},
		{"bad overnight", strings.Replace(minimalYAML, "dates:", "overnight: twice\n    dates:", 1),
			[]string{"program.yaml:7:", "trips[1].overnight", "never more than one night"}},
		{"bad clock", strings.Replace(minimalYAML, "dates:", "back_by: \"25:00\"\n    dates:", 1),
			[]string{"program.yaml:7:", "trips[1].back_by", "08:30"}},
		{"bad mode", strings.Replace(minimalYAML, "trips:", "travel:\n  modes: [train, rocket]\ntrips:", 1),
			[]string{"program.yaml:3:", "travel.modes[1]", "rocket"}},
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
			_, err := schedule.LoadProgram(withYAML(t, tc.yaml))
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
			files := demoFiles(t)
			delete(files, name)
			_, err := schedule.LoadProgram(files)
			if !errors.Is(err, schedule.ErrInvalid) || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "missing") {
				t.Fatalf("got %v, want an ErrInvalid naming %s as missing", err, name)
			}
		})
	}
}

func TestLoadProgramCSVErrorsKeepTheirPlace(t *testing.T) {
	files := demoFiles(t)
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
	_, err = schedule.LoadProgram(files)
	if err == nil || !errors.Is(err, schedule.ErrInvalid) {
		t.Fatalf("got %v, want ErrInvalid", err)
	}
	for _, w := range []string{"contacts.csv:3", "capacity"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
}

func TestParseClock(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"08:30", "08:30", true},
		{"0:05", "00:05", true},
		{"24:00", "24:00", true},
		{"24:01", "", false},
		{"8.30", "", false},
		{"12:5", "", false},
		{"", "", false},
	}
	for _, tc := range cases {
		c, err := schedule.ParseClock(tc.in)
		if (err == nil) != tc.ok || tc.ok && c.String() != tc.want {
			t.Errorf("ParseClock(%q) = %v, %v; want %q ok=%v", tc.in, c, err, tc.want, tc.ok)
		}
	}
}

func TestParseBusy(t *testing.T) {
	zone, _ := time.LoadLocation("Europe/Stockholm")
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;TZID=Europe/Oslo:20270309T090000\r\nDTEND;TZID=Europe/Oslo:20270309T100000\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270309T083000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:c\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;VALUE=DATE:20270310\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:d\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270311T090000\r\nDTEND:20270311T091500\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	got, err := schedule.ParseBusy([]byte(ics), zone)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"2027-03-09T09:00:00+01:00/2027-03-09T10:30:00+01:00", // 09:00-10:00 Oslo and 08:30Z-09:30Z merge
		"2027-03-10T00:00:00+01:00/2027-03-11T00:00:00+01:00", // the all-day event
	}
	if len(got) != len(want) {
		t.Fatalf("got %d intervals %v, want %d", len(got), got, len(want))
	}
	for i, iv := range got {
		s := iv.Start.In(zone).Format(time.RFC3339) + "/" + iv.End.In(zone).Format(time.RFC3339)
		if s != want[i] {
			t.Errorf("interval %d: got %s, want %s", i, s, want[i])
		}
	}
	if _, err := schedule.ParseBusy([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:tomorrow\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), zone); err == nil {
		t.Error("a bad DTSTART gave no error")
	}
}

// TestStationsFromTheTimetable: without places.csv, trips may name the
// timetable's stations by id or name.
func TestStationsFromTheTimetable(t *testing.T) {
	files := demoFiles(t)
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
	_, plan := planChecked(t, withYAMLFiles(t, files, y))
	if got := plan.Trips[0].Legs[0].From; got != "Östersund C" {
		t.Errorf("the trip starts at %q, want the station named in program.yaml", got)
	}
}

func withYAMLFiles(t *testing.T, files fstest.MapFS, y string) fstest.MapFS {
	files["program.yaml"] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(y, "%s", firstStartup(t, files)))}
	return files
}

// TestTimetableAsZip: gtfs.zip works in place of gtfs/, with its files at
// the top or in one folder.
func TestTimetableAsZip(t *testing.T) {
	for _, prefix := range []string{"", "feed/"} {
		t.Run("prefix "+prefix, func(t *testing.T) {
			files := demoFiles(t)
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
			prog, err := schedule.LoadProgram(files)
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

func TestParseBusyRecurring(t *testing.T) {
	zone, _ := time.LoadLocation("Europe/Stockholm")
	event := func(lines string) []byte {
		return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTAMP:20270101T000000Z\r\n" +
			lines + "END:VEVENT\r\nEND:VCALENDAR\r\n")
	}
	cases := []struct {
		name  string
		ics   string
		want  []string // starts, local time
		error string
	}{
		{"weekly on two days", "DTSTART;TZID=Europe/Stockholm:20270302T090000\r\nDTEND;TZID=Europe/Stockholm:20270302T100000\r\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4\r\n",
			[]string{"2027-03-02 09:00", "2027-03-04 09:00", "2027-03-09 09:00", "2027-03-11 09:00"}, ""},
		{"every other day until", "DTSTART;TZID=Europe/Stockholm:20270301T130000\r\nDTEND;TZID=Europe/Stockholm:20270301T140000\r\nRRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20270305\r\n",
			[]string{"2027-03-01 13:00", "2027-03-03 13:00", "2027-03-05 13:00"}, ""},
		{"exdate leaves one out", "DTSTART;TZID=Europe/Stockholm:20270301T080000\r\nDTEND;TZID=Europe/Stockholm:20270301T083000\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEXDATE;TZID=Europe/Stockholm:20270302T080000\r\n",
			[]string{"2027-03-01 08:00", "2027-03-03 08:00"}, ""},
		{"weekly across the summer-time change keeps 09:00", "DTSTART;TZID=Europe/Stockholm:20270322T090000\r\nDTEND;TZID=Europe/Stockholm:20270322T093000\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\n",
			[]string{"2027-03-22 09:00", "2027-03-29 09:00"}, ""},
		{"monthly", "DTSTART;TZID=Europe/Stockholm:20270115T100000\r\nDTEND;TZID=Europe/Stockholm:20270115T110000\r\nRRULE:FREQ=MONTHLY;COUNT=3\r\n",
			[]string{"2027-01-15 10:00", "2027-02-15 10:00", "2027-03-15 10:00"}, ""},
		{"unsupported part", "DTSTART;TZID=Europe/Stockholm:20270115T100000\r\nDTEND;TZID=Europe/Stockholm:20270115T110000\r\nRRULE:FREQ=MONTHLY;BYSETPOS=-1\r\n",
			nil, "BYSETPOS is not supported"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := schedule.ParseBusy(event(tc.ics), zone)
			if tc.error != "" {
				if err == nil || !strings.Contains(err.Error(), tc.error) {
					t.Fatalf("got %v, want an error containing %q", err, tc.error)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var starts []string
			for _, iv := range got {
				starts = append(starts, iv.Start.In(zone).Format("2006-01-02 15:04"))
			}
			if strings.Join(starts, ", ") != strings.Join(tc.want, ", ") {
				t.Errorf("got %q, want %q", starts, tc.want)
			}
		})
	}
}
