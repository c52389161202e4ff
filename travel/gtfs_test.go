package travel

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dropsTrip names the cases of TestLoadGTFSErrors that drop a trip (or
// a row) with a warning unless loading is strict.
var dropsTrip = map[string]bool{
	"bad time": true, "unknown stop": true, "unknown trip": true, "time goes back": true,
	"departure before arrival": true, "repeated stop_sequence": true, "first stop without time": true,
	"unknown service": true, "unknown route": true, "station in stop_times": true, "empty trip id": true,
}

func TestLoadGTFSErrors(t *testing.T) {
	st := testFeedFiles["stop_times.txt"]
	tests := []struct {
		name      string
		over      map[string]string
		file      string
		line      int
		field     string
		sentinel  error
		msgSubstr string
	}{
		{name: "missing stop_times", over: map[string]string{"stop_times.txt": ""}, file: "stop_times.txt", sentinel: ErrMissingFile},
		{name: "missing both calendars", over: map[string]string{"calendar.txt": "", "calendar_dates.txt": ""}, file: "calendar.txt", sentinel: ErrMissingFile},
		{name: "missing column", over: map[string]string{"stops.txt": "stop_name,stop_lat,stop_lon\nA,1,2\n"}, file: "stops.txt", line: 1, field: "stop_id", sentinel: ErrMissingColumn},
		{name: "bad time", over: map[string]string{"stop_times.txt": strings.Replace(st, "t2,09:00:00", "t2,9:0:00", 1)}, file: "stop_times.txt", line: 6, field: "arrival_time", sentinel: ErrBadValue, msgSubstr: `"9:0:00"`},
		{name: "unknown stop", over: map[string]string{"stop_times.txt": strings.Replace(st, "t2,09:00:00,09:00:00,d", "t2,09:00:00,09:00:00,q", 1)}, file: "stop_times.txt", line: 6, field: "stop_id", sentinel: ErrUnknownReference},
		{name: "unknown trip", over: map[string]string{"stop_times.txt": st + "t9,10:00:00,10:00:00,a,1,,\n"}, file: "stop_times.txt", line: 18, field: "trip_id", sentinel: ErrUnknownReference},
		{name: "time goes back", over: map[string]string{"stop_times.txt": strings.Replace(st, "t1,09:00:00,09:00:00,c", "t1,08:20:00,08:20:00,c", 1)}, file: "stop_times.txt", line: 4, field: "arrival_time", sentinel: ErrBadValue},
		{name: "departure before arrival", over: map[string]string{"stop_times.txt": strings.Replace(st, "t1,08:30:00,08:30:00", "t1,08:30:00,08:29:00", 1)}, file: "stop_times.txt", line: 3, field: "departure_time", sentinel: ErrBadValue},
		{name: "repeated stop_sequence", over: map[string]string{"stop_times.txt": strings.Replace(st, "b1,2,,", "b1,1,,", 1)}, file: "stop_times.txt", line: 3, field: "stop_sequence", sentinel: ErrDuplicateID},
		{name: "first stop without time", over: map[string]string{"stop_times.txt": strings.Replace(st, "t1,08:00:00,08:00:00", "t1,,", 1)}, file: "stop_times.txt", line: 2, field: "arrival_time", sentinel: ErrBadValue},
		{name: "too many fields", over: map[string]string{"trips.txt": "route_id,service_id,trip_id\nr,wk,t1,x\n"}, file: "trips.txt", line: 2, sentinel: ErrBadValue},
		{name: "empty trip id", over: map[string]string{"trips.txt": "route_id,service_id,trip_id\nr,wk\n"}, file: "trips.txt", line: 2, field: "trip_id", sentinel: ErrBadValue},
		{name: "NUL byte", over: map[string]string{"stops.txt": testFeedFiles["stops.txt"] + "e,E\x00,1,1,,\n"}, file: "stops.txt", line: 8, sentinel: ErrBadValue, msgSubstr: "NUL"},
		{name: "invalid UTF-8", over: map[string]string{"routes.txt": "route_id,route_short_name,route_type\nr,\xff\xfe,2\n"}, file: "routes.txt", line: 2, sentinel: ErrBadValue, msgSubstr: "UTF-8"},
		{name: "route names unknown agency", over: map[string]string{"routes.txt": "route_id,agency_id,route_type\nr,nope,2\n"}, file: "routes.txt", line: 2, field: "agency_id", sentinel: ErrUnknownReference},
		{name: "route without agency among several", over: map[string]string{"agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nx,X,u,Europe/Stockholm\ny,Y,u,Europe/Stockholm\n", "routes.txt": "route_id,route_type\nr,2\n"}, file: "routes.txt", line: 2, field: "agency_id", sentinel: ErrBadValue},
		{name: "bare quote", over: map[string]string{"routes.txt": "route_id,route_short_name,route_type\nr,\"R\"x,2\n"}, file: "routes.txt", line: 2, sentinel: ErrBadValue},
		{name: "unknown service", over: map[string]string{"trips.txt": "route_id,service_id,trip_id\nr,holiday,t1\n"}, file: "trips.txt", line: 2, field: "service_id", sentinel: ErrUnknownReference},
		{name: "unknown route", over: map[string]string{"trips.txt": "route_id,service_id,trip_id\nq,wk,t1\n"}, file: "trips.txt", line: 2, field: "route_id", sentinel: ErrUnknownReference},
		{name: "bad route type", over: map[string]string{"routes.txt": "route_id,route_type\nr,train\n"}, file: "routes.txt", line: 2, field: "route_type", sentinel: ErrBadValue},
		{name: "negative route factor", over: map[string]string{"routes.txt": "route_id,route_type,co2_g_pkm\nr,2,-4\n"}, file: "routes.txt", line: 2, field: "co2_g_pkm", sentinel: ErrBadValue},
		{name: "bad date", over: map[string]string{"calendar_dates.txt": "service_id,date,exception_type\nwk,20270230,2\n"}, file: "calendar_dates.txt", line: 2, field: "date", sentinel: ErrBadValue},
		{name: "bad exception type", over: map[string]string{"calendar_dates.txt": "service_id,date,exception_type\nwk,20270517,3\n"}, file: "calendar_dates.txt", line: 2, field: "exception_type", sentinel: ErrBadValue},
		{name: "bad weekday flag", over: map[string]string{"calendar.txt": strings.Replace(testFeedFiles["calendar.txt"], "fri,0,0,0,0,1", "fri,0,0,0,0,yes", 1)}, file: "calendar.txt", line: 4, field: "friday", sentinel: ErrBadValue},
		{name: "end before start", over: map[string]string{"calendar.txt": strings.Replace(testFeedFiles["calendar.txt"], "wk,1,1,1,1,1,0,0,20270101,20271231", "wk,1,1,1,1,1,0,0,20270101,20261231", 1)}, file: "calendar.txt", line: 2, field: "end_date", sentinel: ErrBadValue},
		{name: "unknown parent station", over: map[string]string{"stops.txt": strings.Replace(testFeedFiles["stops.txt"], "b2,Beta,63.1,13.5,0,b", "b2,Beta,63.1,13.5,0,x", 1)}, file: "stops.txt", line: 5, field: "parent_station", sentinel: ErrUnknownReference},
		{name: "duplicate stop", over: map[string]string{"stops.txt": testFeedFiles["stops.txt"] + "a,Again,1,1,,\n"}, file: "stops.txt", line: 8, field: "stop_id", sentinel: ErrDuplicateID},
		{name: "latitude out of range", over: map[string]string{"stops.txt": strings.Replace(testFeedFiles["stops.txt"], "a,Alpha,63.0", "a,Alpha,93.0", 1)}, file: "stops.txt", line: 2, field: "stop_lat", sentinel: ErrBadValue},
		{name: "station in stop_times", over: map[string]string{"stop_times.txt": strings.Replace(st, "t2,08:35:00,08:35:00,b2", "t2,08:35:00,08:35:00,b", 1)}, file: "stop_times.txt", line: 5, field: "stop_id", sentinel: ErrBadValue},
		{name: "unknown time zone", over: map[string]string{"agency.txt": "agency_name,agency_url,agency_timezone\nX,u,Europe/Atlantis\n"}, file: "agency.txt", line: 2, field: "agency_timezone", sentinel: ErrBadValue},
		{name: "two time zones", over: map[string]string{"agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nx,X,u,Europe/Stockholm\ny,Y,u,Europe/Oslo\n"}, file: "agency.txt", line: 3, field: "agency_timezone", sentinel: ErrBadValue},
		{name: "transfer to unknown stop", over: map[string]string{"transfers.txt": "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nb1,zz,2,60\n"}, file: "transfers.txt", line: 2, field: "to_stop_id", sentinel: ErrUnknownReference},
		{name: "transfer type 2 without time", over: map[string]string{"transfers.txt": "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nb1,b2,2,\n"}, file: "transfers.txt", line: 2, field: "min_transfer_time", sentinel: ErrBadValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A bad trip is an error when strict, else a warning.
			_, err := LoadFeeds(context.Background(), []Source{{FS: testFS(tt.over), Dir: "feed"}}, LoadOptions{Strict: true})
			if dropsTrip[tt.name] {
				f, err := LoadGTFSFS(testFS(tt.over), "feed")
				if err != nil {
					t.Fatalf("not strict: %v, want the trip dropped with a warning", err)
				}
				w := f.Warnings()
				var pe *ParseError
				if len(w) == 0 || !errors.As(w[0], &pe) || pe.Line != tt.line || pe.Field != tt.field || !errors.Is(w[0], tt.sentinel) {
					t.Errorf("warnings %v, want the first at line %d field %s", w, tt.line, tt.field)
				}
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			if pe.File != tt.file || pe.Line != tt.line || pe.Field != tt.field {
				t.Errorf("located at %s:%d field %q, want %s:%d field %q (%v)", pe.File, pe.Line, pe.Field, tt.file, tt.line, tt.field, err)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("err = %v, want it to wrap %v", err, tt.sentinel)
			}
			if !strings.Contains(err.Error(), tt.msgSubstr) {
				t.Errorf("err = %q, want it to mention %s", err, tt.msgSubstr)
			}
		})
	}
}

func TestLoadGTFSFormats(t *testing.T) {
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	tests := []struct {
		name string
		over map[string]string
		from string
		want string
	}{
		{name: "as written", from: "a", want: "t1@08:00>08:30 t2@08:35>09:00"},
		{name: "byte-order mark and CRLF", over: map[string]string{
			"stop_times.txt": "\uFEFF" + crlf(testFeedFiles["stop_times.txt"]),
			"stops.txt":      "\uFEFF" + crlf(testFeedFiles["stops.txt"]),
		}, from: "a", want: "t1@08:00>08:30 t2@08:35>09:00"},
		{name: "quoted fields and spaces", over: map[string]string{
			"stops.txt": strings.Replace(testFeedFiles["stops.txt"], "a,Alpha,", `"a","Alpha, ""the first""", `, 1),
		}, from: `Alpha, "the first"`, want: "t1@08:00>08:30 t2@08:35>09:00"},
		{name: "no calendar.txt, only calendar_dates", over: map[string]string{
			"calendar.txt":       "",
			"calendar_dates.txt": "service_id,date,exception_type\nwk,20270309,1\nwe,20270313,1\nfri,20270312,1\n",
		}, from: "a", want: "t1@08:00>08:30 t2@08:35>09:00"},
		{name: "no transfers.txt and no feed_info.txt", over: map[string]string{"transfers.txt": ""}, from: "a",
			want: "t1@08:00>08:30 t2@08:35>09:00"},
		{name: "empty intermediate times are interpolated", over: map[string]string{
			"stop_times.txt": strings.Replace(testFeedFiles["stop_times.txt"], "t1,08:30:00,08:30:00,b1,2,,", "t1,,,b1,2,,", 1),
		}, from: "a", want: "t1@08:00>08:30 t2@08:35>09:00"},
		{name: "unknown columns ignored", over: map[string]string{
			"routes.txt": "route_color,route_id,route_short_name,route_type,co2_g_pkm,extra\nFF0000,r,R,2,,x\nFF0000,z,Z,3,100,y\n",
		}, from: "a", want: "t1@08:00>08:30 t2@08:35>09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testFeed(t, tt.over)
			j, err := f.EarliestArrival(context.Background(), tt.from, "d", at(t, f, "2027-03-09 07:00"), SearchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := trips(j); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLoadGTFSPath loads the test feed from a folder, a zip file and a
// zip whose files sit in a top folder.
func TestLoadGTFSPath(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "feed")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	writeZip := func(name, prefix string) string {
		p := filepath.Join(dir, name)
		out, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		zw := zip.NewWriter(out)
		for k, v := range testFeedFiles {
			w, err := zw.Create(prefix + k)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(v))
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		out.Close()
		return p
	}
	for k, v := range testFeedFiles {
		if err := os.WriteFile(filepath.Join(folder, k), []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{folder, writeZip("flat.zip", ""), writeZip("nested.zip", "gtfs/")} {
		t.Run(filepath.Base(p), func(t *testing.T) {
			f, err := LoadGTFS(p)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(f.Stops()); got != 6 {
				t.Errorf("got %d stops, want 6", got)
			}
		})
	}
	if _, err := LoadGTFS(filepath.Join(dir, "absent.zip")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("absent file: err = %v, want os.ErrNotExist", err)
	}
}
