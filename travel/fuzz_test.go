package travel

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// FuzzLoadGTFS feeds arbitrary stops.txt and stop_times.txt to the reader
// next to a valid rest of the test feed. Loading must either succeed, and
// then a query must not fail other than with ErrNoJourney or
// ErrUnknownStop, or return a *ParseError.
func FuzzLoadGTFS(f *testing.F) {
	f.Add(testFeedFiles["stops.txt"], testFeedFiles["stop_times.txt"])
	f.Add("\uFEFFstop_id,stop_name,stop_lat,stop_lon\r\na,\"A, a\",1,2\r\nd,D,1.5,2\r\n", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,25:00:00,,a,1\nt1,,26:10:00,d,2\n")
	f.Add("stop_id\n", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,1:00:00,1:00:00,a,1\n")
	f.Add("stop_id,stop_lat,stop_lon,location_type,parent_station\nb,1,1,1,\nb1,1,1,0,b\nb2,1,1,0,b1\n", "")
	f.Add("", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,08:00:00,08:00:00,a,1\nt1,,,b1,2\nt1,,,c,3\nt1,09:00:00,09:00:00,d,4\n")
	f.Add("stop_id,stop_lat,stop_lon\n\"a,1,1\n", "trip_id,\"arrival_time\nt1")
	f.Fuzz(func(t *testing.T, stops, stopTimes string) {
		fsys := fstest.MapFS{}
		for k, v := range testFeedFiles {
			fsys[k] = &fstest.MapFile{Data: []byte(v)}
		}
		fsys["stops.txt"] = &fstest.MapFile{Data: []byte(stops)}
		fsys["stop_times.txt"] = &fstest.MapFile{Data: []byte(stopTimes)}
		feed, err := LoadGTFSFS(fsys, ".")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			return
		}
		depart := time.Date(2027, 3, 9, 7, 0, 0, 0, feed.Location())
		for _, q := range [][2]string{{"a", "d"}, {"d", "a"}} {
			j, err := feed.EarliestArrival(context.Background(), q[0], q[1], depart, SearchOptions{})
			if err != nil && !errors.Is(err, ErrNoJourney) && !errors.Is(err, ErrUnknownStop) && !errors.Is(err, ErrAmbiguousStop) {
				t.Fatalf("EarliestArrival: %v", err)
			}
			if err == nil && (j.Depart().Before(depart) || j.Arrive().Before(j.Depart())) {
				t.Fatalf("journey out of order: %s", trips(j))
			}
			if _, err := feed.LatestDeparture(context.Background(), q[0], q[1], depart.Add(6*time.Hour), SearchOptions{}); err != nil && !errors.Is(err, ErrNoJourney) && !errors.Is(err, ErrUnknownStop) && !errors.Is(err, ErrAmbiguousStop) {
				t.Fatalf("LatestDeparture: %v", err)
			}
		}
	})
}

// fuzzFile fuzzes one file of the test feed (with frequencies.txt and a
// transfers.txt naming trips and routes added): loading must succeed, and
// then queries must not fail other than with the package's sentinels, or
// return a *ParseError. The seeds are the file itself, a copy with rows
// cut short, and a few malformed variants.
func fuzzFile(f *testing.F, name string) {
	base := map[string]string{}
	for k, v := range testFeedFiles {
		base[k] = v
	}
	base["frequencies.txt"] = "trip_id,start_time,end_time,headway_secs,exact_times\nt7,06:00:00,07:00:00,600,1\n"
	base["transfers.txt"] = "from_stop_id,to_stop_id,from_route_id,to_route_id,from_trip_id,to_trip_id,transfer_type,min_transfer_time\n" +
		"b1,b2,,,t1,t2,1,\nb,b,r,r,,,2,120\n,,,,t1,t6,4,\nc,c,,,t1,t6,3,\n"
	seed := base[name]
	f.Add(seed)
	f.Add(strings.ReplaceAll(seed, ",\n", "\n"))
	f.Add(strings.ReplaceAll(seed, "\n", "\r\n"))
	f.Add(strings.Replace(seed, ",", "\",", 1))
	f.Add("\xef\xbb\xbf" + seed + "\x00")
	f.Add("")
	f.Fuzz(func(t *testing.T, data string) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = &fstest.MapFile{Data: []byte(v)}
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
		feed, err := LoadGTFSFS(fsys, ".")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			return
		}
		for _, w := range feed.Warnings() {
			var pe *ParseError
			if !errors.As(w, &pe) {
				t.Fatalf("warning %v is not a *ParseError", w)
			}
		}
		ctx := context.Background()
		depart := time.Date(2027, 3, 9, 7, 0, 0, 0, feed.Location())
		ok := func(err error) bool {
			return err == nil || errors.Is(err, ErrNoJourney) || errors.Is(err, ErrUnknownStop) || errors.Is(err, ErrAmbiguousStop)
		}
		for _, q := range [][2]string{{"a", "d"}, {"d", "a"}, {"a", "c"}} {
			j, err := feed.EarliestArrival(ctx, q[0], q[1], depart, SearchOptions{})
			if !ok(err) {
				t.Fatalf("EarliestArrival: %v", err)
			}
			if err == nil && (j.Depart().Before(depart) || j.Arrive().Before(j.Depart())) {
				t.Fatalf("journey out of order: %s", trips(j))
			}
			if _, err := feed.LatestDeparture(ctx, q[0], q[1], depart.Add(6*time.Hour), SearchOptions{}); !ok(err) {
				t.Fatalf("LatestDeparture: %v", err)
			}
			if _, err := feed.Journeys(ctx, q[0], q[1], depart, depart.Add(6*time.Hour), SearchOptions{}); !ok(err) {
				t.Fatalf("Journeys: %v", err)
			}
		}
	})
}

func FuzzAgency(f *testing.F)        { fuzzFile(f, "agency.txt") }
func FuzzStops(f *testing.F)         { fuzzFile(f, "stops.txt") }
func FuzzRoutes(f *testing.F)        { fuzzFile(f, "routes.txt") }
func FuzzTrips(f *testing.F)         { fuzzFile(f, "trips.txt") }
func FuzzStopTimes(f *testing.F)     { fuzzFile(f, "stop_times.txt") }
func FuzzCalendar(f *testing.F)      { fuzzFile(f, "calendar.txt") }
func FuzzCalendarDates(f *testing.F) { fuzzFile(f, "calendar_dates.txt") }
func FuzzFrequencies(f *testing.F)   { fuzzFile(f, "frequencies.txt") }
func FuzzTransfers(f *testing.F)     { fuzzFile(f, "transfers.txt") }
