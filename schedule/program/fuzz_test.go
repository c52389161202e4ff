package program_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/program"
)

// checkLoad loads files and fails on a panic (by not recovering) or on an
// error that is not an ErrInvalid with a place.
func checkLoad(t *testing.T, files fs.FS) {
	_, err := program.Load(files)
	if err == nil {
		return
	}
	if !errors.Is(err, schedule.ErrInvalid) {
		t.Fatalf("error is not ErrInvalid: %v", err)
	}
	var pe *program.ParseError
	if !errors.As(err, &pe) || pe.File == "" {
		t.Fatalf("error names no file: %v", err)
	}
}

// FuzzProgramYAML fuzzes program.yaml: its structure and the clock, day,
// lunch, duration and date syntax.
func FuzzProgramYAML(f *testing.F) {
	demo := programtest.Demo(f)
	y := string(demo["program.yaml"].Data)
	f.Add(y)
	for _, edit := range [][2]string{
		{"duration: 45m", "duration: 1h30m"}, {"duration: 45m", "duration: 9223372036854775807ns"},
		{`day: "08:30-17:00"`, `day: "24:00-00:00"`}, {`lunch: "11:30-13:00 45m"`, `lunch: "none"`},
		{`lunch: "11:30-13:00 45m"`, `lunch: "11:30-13:00 -45m"`}, {"2027-03-09", "2027-13-40"},
		{`leave_after: "06:00"`, `leave_after: "6:0"`}, {"trips:", "trips: &a [*a]"},
		{"modes: [train, bus, car, taxi, walk]", "modes: {a: b}"}, {"trips:", "---\ntrips:"},
	} {
		f.Add(strings.Replace(y, edit[0], edit[1], 1))
	}
	f.Add("")
	f.Add("name: x\ntrips: [{}]\n")
	// Without the timetable a load costs a fifth: the fuzzer spends its
	// time on program.yaml (the feed has FuzzGTFSFiles and FuzzGTFSZip).
	for k := range demo {
		if strings.HasPrefix(k, "gtfs/") {
			delete(demo, k)
		}
	}
	f.Fuzz(func(t *testing.T, y string) {
		files := programtest.WithYAML(demo, y)
		checkLoad(t, files)
	})
}

// FuzzPlacesCSV fuzzes places.csv.
func FuzzPlacesCSV(f *testing.F) {
	demo := programtest.Demo(f)
	f.Add(demo["places.csv"].Data)
	f.Add([]byte("id,name,lat,lon,timezone\nx,\"X\n,1,2,Local\n"))
	f.Add([]byte("\ufeffid,lat,lon\r\na,91,0\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		files := fstest.MapFS{}
		for k, v := range demo {
			files[k] = v
		}
		files["places.csv"] = &fstest.MapFile{Data: data}
		checkLoad(t, files)
	})
}

func zipOf(t testing.TB, files fstest.MapFS, dir string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, f := range files {
		if rest, ok := strings.CutPrefix(name, "gtfs/"); ok && strings.HasSuffix(name, ".txt") {
			fw, err := w.Create(dir + rest)
			if err != nil {
				t.Fatal(err)
			}
			fw.Write(f.Data)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// FuzzGTFSZip fuzzes the gtfs.zip handling of the loader and the GTFS
// files inside it.
func FuzzGTFSZip(f *testing.F) {
	demo := programtest.Demo(f)
	f.Add(zipOf(f, demo, ""))
	f.Add(zipOf(f, demo, "feed/"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		files := fstest.MapFS{}
		for k, v := range demo {
			if !strings.HasPrefix(k, "gtfs/") {
				files[k] = v
			}
		}
		files["gtfs.zip"] = &fstest.MapFile{Data: data}
		checkLoad(t, files)
	})
}

// TestGTFSZipBomb: an entry that inflates past MaxZipRatio is refused
// before it is read (issue 14, item 8).
func TestGTFSZipBomb(t *testing.T) {
	demo := programtest.Demo(t)
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, f := range demo {
		if rest, ok := strings.CutPrefix(name, "gtfs/"); ok && strings.HasSuffix(name, ".txt") {
			fw, _ := w.Create(rest)
			fw.Write(f.Data)
			if rest == "stop_times.txt" {
				zeros := make([]byte, 1<<20)
				for i := 0; i < 20; i++ {
					fw.Write(zeros)
				}
			}
		}
	}
	w.Close()
	files := fstest.MapFS{}
	for k, v := range demo {
		if !strings.HasPrefix(k, "gtfs/") {
			files[k] = v
		}
	}
	files["gtfs.zip"] = &fstest.MapFile{Data: b.Bytes()}
	_, err := program.Load(files)
	if !errors.Is(err, program.ErrTooLarge) || !strings.Contains(err.Error(), "gtfs.zip: ") || !strings.Contains(err.Error(), "stop_times.txt inflates") {
		t.Fatalf("got %v, want gtfs.zip refused as a zip bomb", err)
	}
}

// FuzzGTFSFiles fuzzes each text file of the timetable folder in turn:
// agency, stops, routes, calendar, calendar_dates, trips, stop_times,
// transfers.
func FuzzGTFSFiles(f *testing.F) {
	demo := programtest.Demo(f)
	names := []string{"agency.txt", "stops.txt", "routes.txt", "calendar.txt", "calendar_dates.txt", "trips.txt", "stop_times.txt", "transfers.txt"}
	for i, n := range names {
		f.Add(uint8(i), demo["gtfs/"+n].Data)
	}
	f.Add(uint8(6), []byte("trip_id,arrival_time,departure_time,stop_id,stop_sequence\nSE7101,99:99:99,,are,-1\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		files := fstest.MapFS{}
		for k, v := range demo {
			files[k] = v
		}
		files["gtfs/"+names[int(which)%len(names)]] = &fstest.MapFile{Data: data}
		checkLoad(t, files)
	})
}
