package main

import (
	"archive/zip"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/crossmeet/crossmeet/examples"
	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule/program"
)

func TestRouteGolden(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		code   int
		golden string
	}{
		{"day trip out, table", []string{"route", "--from", "ÖSTERSUND C", "--to", "trondheim-s", "--date", "2027-03-09", "--after", "06:00"}, 0, "route-table.txt"},
		{"home by 22:00, json", []string{"route", "--from", "Trondheim S", "--to", "ostersund-c", "--date", "2027-03-09", "--arrive-by", "22:00", "--json"}, 0, "route-arrive-by.txt"},
		{"Friday night past midnight", []string{"route", "--from", "ostersund-c", "--to", "Duved", "--date", "2027-03-12", "--after", "21:00"}, 0, "route-friday-night.txt"},
		{"no journey", []string{"route", "--from", "trondheim-s", "--to", "ostersund-c", "--date", "2027-03-09", "--after", "17:00", "--json"}, 0, "route-none.txt"},
		{"date outside the timetable", []string{"route", "--from", "trondheim-s", "--to", "ostersund-c", "--date", "2030-03-09"}, 0, "route-outside-calendar.txt"},
		{"help", []string{"route", "--help"}, 0, "route-help.txt"},
		{"unknown stop", []string{"route", "--from", "Oslo S", "--to", "are", "--date", "2027-03-09"}, 2, "route-unknown-stop.txt"},
		{"bad date", []string{"route", "--from", "are", "--to", "duved", "--date", "9 March"}, 2, "route-bad-date.txt"},
		{"after and arrive-by", []string{"route", "--from", "are", "--to", "duved", "--date", "2027-03-09", "--after", "08:00", "--arrive-by", "12:00"}, 2, "route-both-times.txt"},
		{"missing from", []string{"route", "--to", "duved", "--date", "2027-03-09"}, 2, "route-missing-from.txt"},
		{"missing feed", []string{"route", "--gtfs", "/no/such/feed.zip", "--from", "are", "--to", "duved", "--date", "2027-03-09"}, 2, "route-missing-feed.txt"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tc.code, stderr)
			}
			golden(t, tc.golden, "stdout:\n"+stdout+"stderr:\n"+stderr)
		})
	}
}

// routeResult is the JSON contract of crossmeet route --json.
type routeResult struct {
	Journeys []struct {
		Depart    string  `json:"depart"`
		Arrive    string  `json:"arrive"`
		Transfers int     `json:"transfers"`
		CO2Kg     float64 `json:"co2_kg"`
		Legs      []struct {
			Mode, From, To, Depart, Arrive, Service string
		} `json:"legs"`
	} `json:"journeys"`
}

func routeJSONOf(t *testing.T, args ...string) routeResult {
	t.Helper()
	code, stdout, stderr := runCLI(t, append([]string{"route", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r routeResult
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("%v in %s", err, stdout)
	}
	return r
}

func TestRouteJSONContract(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		departs []string // RFC 3339, in output order
		arrives []string
		service []string // trip ids of the first journey
	}{
		{name: "after, sorted by arrival",
			args:    []string{"--from", "ostersund-c", "--to", "trondheim-s", "--date", "2027-03-09", "--after", "06:00"},
			departs: []string{"2027-03-09T06:30:00+01:00", "2027-03-09T11:31:00+01:00", "2027-03-09T16:31:00+01:00"},
			arrives: []string{"2027-03-09T10:24:00+01:00", "2027-03-09T15:28:00+01:00", "2027-03-09T20:28:00+01:00"},
			service: []string{"SE7101", "NO471"}},
		{name: "arrive-by, latest departure first",
			args:    []string{"--from", "ostersund-c", "--to", "trondheim-s", "--date", "2027-03-09", "--arrive-by", "16:00"},
			departs: []string{"2027-03-09T11:31:00+01:00", "2027-03-09T06:30:00+01:00"},
			arrives: []string{"2027-03-09T15:28:00+01:00", "2027-03-09T10:24:00+01:00"},
			service: []string{"SE7103", "NO473"}},
		{name: "Norwegian holiday runs the weekend timetable",
			args:    []string{"--from", "ostersund-c", "--to", "trondheim-s", "--date", "2027-05-17", "--after", "06:00"},
			departs: []string{"2027-05-17T11:31:00+02:00", "2027-05-17T16:31:00+02:00"},
			arrives: []string{"2027-05-17T15:28:00+02:00", "2027-05-17T20:28:00+02:00"},
			service: []string{"SE7103", "NO473W"}},
		{name: "Friday train found past midnight",
			args:    []string{"--from", "ostersund-c", "--to", "are", "--date", "2027-03-12", "--after", "22:00"},
			departs: []string{"2027-03-12T23:20:00+01:00"},
			arrives: []string{"2027-03-13T00:32:00+01:00"},
			service: []string{"R8199"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := routeJSONOf(t, tt.args...)
			var dep, arr []string
			for _, j := range r.Journeys {
				dep = append(dep, j.Depart)
				arr = append(arr, j.Arrive)
				if _, err := time.Parse(time.RFC3339, j.Depart); err != nil {
					t.Errorf("depart %q is not RFC 3339", j.Depart)
				}
				if j.Transfers != len(j.Legs)-1 {
					t.Errorf("transfers %d with %d legs", j.Transfers, len(j.Legs))
				}
				if j.CO2Kg <= 0 {
					t.Errorf("co2_kg %v, want > 0", j.CO2Kg)
				}
			}
			if strings.Join(dep, " ") != strings.Join(tt.departs, " ") || strings.Join(arr, " ") != strings.Join(tt.arrives, " ") {
				t.Errorf("got departures %q arrivals %q, want %q %q", dep, arr, tt.departs, tt.arrives)
			}
			var svc []string
			for _, l := range r.Journeys[0].Legs {
				svc = append(svc, l.Service)
				if l.Mode != "train" {
					t.Errorf("mode %q, want train", l.Mode)
				}
			}
			if strings.Join(svc, " ") != strings.Join(tt.service, " ") {
				t.Errorf("services %q, want %q", svc, tt.service)
			}
		})
	}
}

// TestRouteProgramFolder reads the timetable from DIR/gtfs.zip and
// DIR/gtfs/, and a place id from DIR/places.csv.
func TestRouteProgramFolder(t *testing.T) {
	demo := examples.Demo()
	files, err := fs.ReadDir(demo, "gtfs")
	if err != nil {
		t.Fatal(err)
	}
	places := "id,name,kind,lat,lon,country,gtfs_stop_id\nhome,Home station,station,63.17,14.64,SE,ostersund-c\n"

	zipDir := t.TempDir()
	zf, err := os.Create(filepath.Join(zipDir, "gtfs.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(zf)
	folderDir := t.TempDir()
	if err := os.Mkdir(filepath.Join(folderDir, "gtfs"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range files {
		b, err := fs.ReadFile(demo, "gtfs/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(e.Name())
		w.Write(b)
		os.WriteFile(filepath.Join(folderDir, "gtfs", e.Name()), b, 0o644)
	}
	zw.Close()
	zf.Close()
	for _, dir := range []string{zipDir, folderDir} {
		os.WriteFile(filepath.Join(dir, "places.csv"), []byte(places), 0o644)
		r := routeJSONOf(t, "--program", dir, "--from", "home", "--to", "are", "--date", "2027-03-09", "--after", "06:00")
		if len(r.Journeys) == 0 || r.Journeys[0].Depart != "2027-03-09T06:05:00+01:00" {
			t.Errorf("%s: got %+v, want the 06:05 regional train first", dir, r.Journeys)
		}
	}

	code, _, stderr := runCLI(t, "route", "--program", t.TempDir(), "--from", "are", "--to", "duved", "--date", "2027-03-09")
	if code != 2 || !strings.Contains(stderr, "neither gtfs.zip nor gtfs/") {
		t.Errorf("folder without timetable: exit %d, %q; want 2 and a message", code, stderr)
	}
}

// TestRouteBadFeed checks that a bad row is reported with its file,
// line and field, and exits 2.
func TestRouteBadFeed(t *testing.T) {
	dir := t.TempDir()
	demo := examples.Demo()
	files, _ := fs.ReadDir(demo, "gtfs")
	for _, e := range files {
		b, _ := fs.ReadFile(demo, "gtfs/"+e.Name())
		if e.Name() == "stop_times.txt" {
			b = []byte(strings.Replace(string(b), "SE7101,07:42:00", "SE7101,7.42", 1))
		}
		os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
	}
	want := "stop_times.txt:3: field arrival_time"
	code, _, stderr := runCLI(t, "route", "--gtfs", dir, "--strict", "--from", "are", "--to", "duved", "--date", "2027-03-09")
	if code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("--strict: exit %d, stderr %q; want 2 and %q", code, stderr, want)
	}
	// Without --strict the bad trip is dropped with a located warning.
	code, _, stderr = runCLI(t, "route", "--gtfs", dir, "--from", "are", "--to", "duved", "--date", "2027-03-09")
	if code != 0 || !strings.Contains(stderr, "warning: ") || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 0 and a warning with %q", code, stderr, want)
	}
}

// writeFeed writes the GTFS files into a new folder and returns it.
func writeFeed(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestRouteClockChange checks --after and --arrive-by on the days the
// clocks change in Europe/Stockholm (2027-03-28 one hour forward at
// 02:00, 2027-10-31 one hour back at 03:00): the clock times are wall
// clock times, not durations since midnight.
func TestRouteClockChange(t *testing.T) {
	dir := writeFeed(t, map[string]string{
		"agency.txt":   "agency_name,agency_url,agency_timezone\nSJ,https://example.org,Europe/Stockholm\n",
		"stops.txt":    "stop_id,stop_name,stop_lat,stop_lon\na,Alpha,63.17,14.64\nb,Beta,63.40,13.08\n",
		"routes.txt":   "route_id,route_short_name,route_type\nr,R,2\n",
		"calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nall,1,1,1,1,1,1,1,20270101,20271231\n",
		"trips.txt":    "route_id,service_id,trip_id\nr,all,T1702\nr,all,T1725\nr,all,T2000\nr,all,T2119\n",
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"T1702,17:02:00,17:02:00,a,1\nT1702,18:00:00,18:00:00,b,2\n" +
			"T1725,17:25:00,17:25:00,a,1\nT1725,18:25:00,18:25:00,b,2\n" +
			"T2000,20:00:00,20:00:00,a,1\nT2000,21:00:00,21:00:00,b,2\n" +
			"T2119,21:19:00,21:19:00,a,1\nT2119,22:19:00,22:19:00,b,2\n",
	})
	tests := []struct {
		name      string
		date      string
		flag, hm  string
		wantFirst string // service of the first journey listed
		wantN     int
	}{
		{"spring forward, after", "2027-03-28", "--after", "17:20", "T1725", 3},
		{"fall back, after", "2027-10-31", "--after", "17:20", "T1725", 3},
		{"ordinary day, after", "2027-03-09", "--after", "17:20", "T1725", 3},
		{"spring forward, arrive by", "2027-03-28", "--arrive-by", "21:30", "T2000", 3},
		{"fall back, arrive by", "2027-10-31", "--arrive-by", "21:30", "T2000", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := routeJSONOf(t, "--gtfs", dir, "--from", "a", "--to", "b", "--date", tt.date, tt.flag, tt.hm)
			if len(r.Journeys) != tt.wantN {
				t.Fatalf("%d journeys %+v, want %d", len(r.Journeys), r.Journeys, tt.wantN)
			}
			if got := r.Journeys[0].Legs[0].Service; got != tt.wantFirst {
				t.Errorf("first journey %s (%s), want %s", got, r.Journeys[0].Depart, tt.wantFirst)
			}
			if !strings.HasPrefix(r.Journeys[0].Depart, tt.date) {
				t.Errorf("departs %s, want on %s", r.Journeys[0].Depart, tt.date)
			}
		})
	}
}

// TestRouteTwoFeeds finds the cross-border journey through Storlien,
// served by a Swedish and a Norwegian feed that use the same stop_id for
// different stops, each in its own time zone.
func TestRouteTwoFeeds(t *testing.T) {
	cal := "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nall,1,1,1,1,1,1,1,20270101,20271231\n"
	se := writeFeed(t, map[string]string{
		"agency.txt":   "agency_name,agency_url,agency_timezone\nSJ,https://example.org,Europe/Stockholm\n",
		"stops.txt":    "stop_id,stop_name,stop_lat,stop_lon\n1,Östersund C,63.1766,14.6370\n2,Storlien,63.3163,12.1003\n",
		"routes.txt":   "route_id,route_short_name,route_type\nr,SJ,2\n",
		"calendar.txt": cal,
		"trips.txt":    "route_id,service_id,trip_id\nr,all,7101\n",
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"7101,06:30:00,06:30:00,1,1\n7101,08:31:00,08:31:00,2,2\n",
	})
	no := writeFeed(t, map[string]string{
		"agency.txt":   "agency_name,agency_url,agency_timezone\nSJN,https://example.org,Europe/Oslo\n",
		"stops.txt":    "stop_id,stop_name,stop_lat,stop_lon\n2,Storlien,63.3166,12.1010\n1,Trondheim S,63.4361,10.3990\n",
		"routes.txt":   "route_id,route_short_name,route_type\nr,R71,106\n",
		"calendar.txt": cal,
		"trips.txt":    "route_id,service_id,trip_id\nr,all,471\n",
		"stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
			"471,08:45:00,08:45:00,2,1\n471,10:24:00,10:24:00,1,2\n",
	})
	r := routeJSONOf(t, "--gtfs", se, "--gtfs", no, "--from", "Östersund C", "--to", "Trondheim S", "--date", "2027-03-09", "--after", "06:00")
	if len(r.Journeys) != 1 {
		t.Fatalf("journeys %+v, want one", r.Journeys)
	}
	j := r.Journeys[0]
	var svc []string
	for _, l := range j.Legs {
		if l.Mode != "walk" {
			svc = append(svc, l.Service)
		}
	}
	if strings.Join(svc, " ") != "7101 471" || j.Transfers != 1 || j.Depart != "2027-03-09T06:30:00+01:00" || j.Arrive != "2027-03-09T10:24:00+01:00" {
		t.Errorf("got %+v, want 7101 then 471 with one change, 06:30 to 10:24", j)
	}
	// The same stop_id in both feeds is told apart by the feed's name.
	code, _, stderr := runCLI(t, "route", "--gtfs", se, "--gtfs", no, "--from", filepath.Base(se)+":1", "--to", filepath.Base(no)+":1", "--date", "2027-03-09")
	if code != 0 {
		t.Errorf("qualified ids: exit %d, %s", code, stderr)
	}
}

// TestRouteFromACity: --from and --to take a city as a trip's to: does
// (issue 13), at its station.
func TestRouteFromACity(t *testing.T) {
	code, stdout, stderr := runCLI(t, "route", "--from", "trondheim", "--to", "östersund", "--date", "2027-03-09", "--after", "06:00")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "Trondheim S → Östersund C,") {
		t.Errorf("got %q, want the journey between the two cities' stations", stdout)
	}
}

// TestRouteSpecialFiles: route reads the feeds of --gtfs and --program
// itself (not through the programme loader), and refuses a FIFO among
// their files by name with exit 2 instead of hanging on it.
func TestRouteSpecialFiles(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, file string
		args       func(dir string) []string
	}{
		{"--program", "gtfs/transfers.txt", func(dir string) []string { return []string{"--program", dir} }},
		{"--program, places.csv", "places.csv", func(dir string) []string { return []string{"--program", dir} }},
		{"--gtfs", "gtfs/transfers.txt", func(dir string) []string { return []string{"--gtfs", filepath.Join(dir, "gtfs")} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "programme")
			copyDir(t, programtest.DemoDir(), dir)
			p := filepath.Join(dir, filepath.FromSlash(tc.file))
			os.Remove(p)
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Fatal(err)
			}
			type result struct {
				code   int
				stderr string
			}
			done := make(chan result, 1)
			go func() {
				args := append([]string{"route"}, tc.args(dir)...)
				code, _, stderr := runCLI(t, append(args, "--from", "are", "--to", "duved", "--date", "2027-03-09")...)
				done <- result{code, stderr}
			}()
			select {
			case r := <-done:
				if base := filepath.Base(tc.file); r.code != 2 || !strings.Contains(r.stderr, base) || !strings.Contains(r.stderr, "a FIFO") {
					t.Errorf("exit %d, stderr %q; want 2 and %s named as a FIFO", r.code, r.stderr, base)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("route hangs on a FIFO in the timetable")
			}
		})
	}
}

// TestRouteManyBadTrips: route lists the first program.MaxFeedWarnings
// trips left out for a bad row and counts the rest, so that a national
// feed's warnings do not fill the screen.
func TestRouteManyBadTrips(t *testing.T) {
	dir := t.TempDir()
	demo := examples.Demo()
	files, _ := fs.ReadDir(demo, "gtfs")
	bad := 0
	for _, e := range files {
		b, _ := fs.ReadFile(demo, "gtfs/"+e.Name())
		if e.Name() == "stop_times.txt" {
			rows := strings.Split(string(b), "\n")
			seen := map[string]bool{}
			for i := 1; i < len(rows) && bad < 25; i++ {
				cells := strings.Split(rows[i], ",")
				if len(cells) > 1 && !seen[cells[0]] {
					seen[cells[0]] = true
					cells[1] = "x" + cells[1]
					rows[i] = strings.Join(cells, ",")
					bad++
				}
			}
			b = []byte(strings.Join(rows, "\n"))
		}
		os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
	}
	if bad != 25 {
		t.Fatalf("broke %d trips, want 25", bad)
	}
	_, _, stderr := runCLI(t, "route", "--gtfs", dir, "--from", "are", "--to", "duved", "--date", "2027-03-09")
	if n := strings.Count(stderr, "warning: trip "); n != program.MaxFeedWarnings {
		t.Errorf("%d trips listed, want %d:\n%s", n, program.MaxFeedWarnings, stderr)
	}
	// route keeps the trips around its date only, so fewer than 25 are
	// read, but more than the listed ones.
	if !regexp.MustCompile(`(?m)^warning: 2[1-5] timetable warnings in all \(trips left out for a bad row\): 20 listed, [1-5] more not$`).MatchString(stderr) {
		t.Errorf("no count of the rest:\n%s", stderr)
	}
}
