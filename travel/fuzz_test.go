package travel

import (
	"context"
	"errors"
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
