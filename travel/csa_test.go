package travel

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func at(t *testing.T, f *Feed, s string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02 15:04", s, f.Location())
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// trips returns the journey as "trip@HH:MM>HH:MM" items, walks as "walk".
func trips(j Journey) string {
	var parts []string
	for _, l := range j.Legs {
		s := string(l.Mode)
		if l.Service != "" {
			s = l.Service
		}
		parts = append(parts, s+"@"+l.Depart.Format("15:04")+">"+l.Arrive.Format("15:04"))
	}
	return strings.Join(parts, " ")
}

func TestEarliestArrival(t *testing.T) {
	tests := []struct {
		name     string
		over     map[string]string
		opts     SearchOptions
		from, to string
		depart   string
		want     string // trips, or "" with wantErr
		wantErr  error
	}{
		{name: "change between platforms of a station", from: "a", to: "d", depart: "2027-03-09 07:00",
			want: "t1@08:00>08:30 t2@08:35>09:00"},
		{name: "default change time from options", from: "a", to: "d", depart: "2027-03-09 07:00",
			opts: SearchOptions{MinChange: 6 * time.Minute}, want: "t1@08:00>08:30 t3@09:30>10:00"},
		{name: "transfers.txt minimum time", from: "a", to: "d", depart: "2027-03-09 07:00",
			over: map[string]string{"transfers.txt": "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nb1,b2,2,600\n"},
			want: "t1@08:00>09:00 t6@09:04>09:30"},
		{name: "transfers.txt rule on a station covers its platforms", from: "a", to: "d", depart: "2027-03-09 07:00",
			over: map[string]string{"transfers.txt": "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nb,b,2,600\nc,c,2,300\n"},
			want: "t1@08:00>08:30 t3@09:30>10:00"},
		{name: "transfer type 3 forbids the change", from: "a", to: "d", depart: "2027-03-09 07:00",
			over: map[string]string{"transfers.txt": "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nb1,b2,3,\n"},
			want: "t1@08:00>09:00 t6@09:04>09:30"},
		{name: "no pickup", from: "a", to: "d", depart: "2027-03-09 07:00",
			over: map[string]string{"stop_times.txt": strings.Replace(testFeedFiles["stop_times.txt"], "t2,08:35:00,08:35:00,b2,1,,", "t2,08:35:00,08:35:00,b2,1,1,", 1)},
			want: "t1@08:00>09:00 t6@09:04>09:30"},
		{name: "no drop-off", from: "a", to: "b", depart: "2027-03-09 07:00",
			over:    map[string]string{"stop_times.txt": strings.Replace(testFeedFiles["stop_times.txt"], "t1,08:30:00,08:30:00,b1,2,,", "t1,08:30:00,08:30:00,b1,2,,1", 1)},
			wantErr: ErrNoJourney},
		{name: "to a station reaches its platform", from: "a", to: "b", depart: "2027-03-09 07:00",
			want: "t1@08:00>08:30"},
		{name: "from a station leaves from any platform", from: "Beta", to: "D", depart: "2027-03-09 08:00",
			want: "t2@08:35>09:00"},
		{name: "staying on board needs no change time", from: "a", to: "c", depart: "2027-03-09 07:00",
			opts: SearchOptions{MinChange: time.Hour}, want: "t1@08:00>09:00"},
		{name: "weekday service does not run on Saturday", from: "a", to: "c", depart: "2027-03-13 07:00",
			want: "t4@10:00>11:00"},
		{name: "calendar_dates removes and adds a day", from: "a", to: "c", depart: "2027-05-17 07:00",
			want: "t4@10:00>11:00"},
		{name: "Friday trip after midnight found on Saturday", from: "b", to: "c", depart: "2027-03-13 00:10",
			want: "t5@00:20>00:30"},
		{name: "Friday trip not on Tuesday night, next morning instead", from: "a", to: "c", depart: "2027-03-09 23:00",
			want: "t1@08:00>09:00"},
		{name: "daylight saving day keeps wall-clock times", from: "a", to: "c", depart: "2027-03-28 07:00",
			want: "t4@10:00>11:00"},
		{name: "window too short", from: "a", to: "c", depart: "2027-03-09 07:00",
			opts: SearchOptions{Window: 30 * time.Minute}, wantErr: ErrNoJourney},
		{name: "no journey backwards", from: "d", to: "a", depart: "2027-03-09 07:00", wantErr: ErrNoJourney},
		{name: "unknown stop", from: "nowhere", to: "a", depart: "2027-03-09 07:00", wantErr: ErrUnknownStop},
		{name: "same station", from: "b1", to: "b", depart: "2027-03-09 07:00", wantErr: ErrNoJourney},
		{name: "walk between stations that transfers.txt joins", from: "a", to: "d", depart: "2027-03-09 07:00",
			over: map[string]string{
				"stops.txt":      testFeedFiles["stops.txt"] + "e,Epsilon,63.21,12.95,,\n",
				"trips.txt":      testFeedFiles["trips.txt"] + "r,wk,t8\n",
				"stop_times.txt": testFeedFiles["stop_times.txt"] + "t8,09:08:00,09:08:00,e,1,,\nt8,09:20:00,09:20:00,d,2,,\n",
				"transfers.txt":  "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nb1,b2,3,\nc,c,3,\nc,e,2,300\n",
			},
			want: "t1@08:00>09:00 walk@09:00>09:05 t8@09:08>09:20"},
		{name: "bounded transfers", from: "a", to: "d", depart: "2027-03-09 07:00",
			opts: SearchOptions{MaxTransfers: 1}, want: "t1@08:00>08:30 t2@08:35>09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testFeed(t, tt.over)
			j, err := f.EarliestArrival(context.Background(), tt.from, tt.to, at(t, f, tt.depart), tt.opts)
			checkTrips(t, j, err, tt.want, tt.wantErr)
		})
	}
}

func TestLatestDeparture(t *testing.T) {
	tests := []struct {
		name     string
		over     map[string]string
		opts     SearchOptions
		from, to string
		by       string
		want     string
		wantErr  error
	}{
		{name: "last connection in time", from: "a", to: "d", by: "2027-03-09 09:15",
			want: "t1@08:00>08:30 t2@08:35>09:00"},
		{name: "later slow direct train", from: "a", to: "d", by: "2027-03-09 10:40",
			want: "t7@08:10>10:30"},
		{name: "transfers.txt minimum time", from: "a", to: "d", by: "2027-03-09 09:40",
			over: map[string]string{"transfers.txt": "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nb1,b2,2,600\n"},
			want: "t1@08:00>09:00 t6@09:04>09:30"},
		{name: "Friday trip after midnight", from: "Beta", to: "c", by: "2027-03-13 01:00",
			want: "t5@00:20>00:30"},
		{name: "walk between stations that transfers.txt joins", from: "a", to: "d", by: "2027-03-09 09:25",
			over: map[string]string{
				"stops.txt":      testFeedFiles["stops.txt"] + "e,Epsilon,63.21,12.95,,\n",
				"trips.txt":      testFeedFiles["trips.txt"] + "r,wk,t8\n",
				"stop_times.txt": testFeedFiles["stop_times.txt"] + "t8,09:08:00,09:08:00,e,1,,\nt8,09:20:00,09:20:00,d,2,,\n",
				"transfers.txt":  "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nb1,b2,3,\nc,c,3,\nc,e,2,300\n",
			},
			want: "t1@08:00>09:00 walk@09:00>09:05 t8@09:08>09:20"},
		{name: "nothing arrives in time", from: "a", to: "d", by: "2027-03-09 08:50", wantErr: ErrNoJourney},
		{name: "bounded transfers", from: "a", to: "d", by: "2027-03-09 09:15", opts: SearchOptions{MaxTransfers: 2},
			want: "t1@08:00>08:30 t2@08:35>09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testFeed(t, tt.over)
			j, err := f.LatestDeparture(context.Background(), tt.from, tt.to, at(t, f, tt.by), tt.opts)
			checkTrips(t, j, err, tt.want, tt.wantErr)
		})
	}
}

func TestParetoAndJourneys(t *testing.T) {
	f := testFeed(t, nil)
	ctx := context.Background()
	ps, err := f.Pareto(ctx, "a", "d", at(t, f, "2027-03-09 07:00"), SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, j := range ps {
		got = append(got, trips(j))
	}
	want := []string{"t7@08:10>10:30", "t1@08:00>08:30 t2@08:35>09:00"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Pareto: got %q, want %q", got, want)
	}

	js, err := f.Journeys(ctx, "a", "d", at(t, f, "2027-03-09 07:00"), at(t, f, "2027-03-09 12:00"), SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, j := range js {
		got = append(got, trips(j))
	}
	want = []string{"t1@08:00>08:30 t2@08:35>09:00", "t7@08:10>10:30"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Journeys: got %q, want %q", got, want)
	}

	js, err = f.Journeys(ctx, "a", "d", at(t, f, "2027-03-09 08:05"), at(t, f, "2027-03-09 10:00"), SearchOptions{})
	if err != nil || len(js) != 0 {
		t.Errorf("Journeys in an empty window: got %d journeys, err %v; want none", len(js), err)
	}
}

func TestLegFields(t *testing.T) {
	f := testFeed(t, nil)
	j, err := f.EarliestArrival(context.Background(), "a", "d", at(t, f, "2027-03-09 08:05"), SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Legs) != 1 {
		t.Fatalf("got %s, want the direct bus t7", trips(j))
	}
	l := j.Legs[0]
	// Alpha (63.0, 14.0) to Delta (63.3, 12.5): 0.3° of latitude is
	// 33.4 km, 1.5° of longitude at 63.15° N is 1.5 × 111.2 × cos 63.15°
	// = 75.3 km, so about 82.4 km.
	if l.Km < 82.0 || l.Km > 82.8 {
		t.Errorf("Km = %.2f, want about 82.4", l.Km)
	}
	if want := l.Km * 100 / 1000; l.CO2Kg != want {
		t.Errorf("CO2Kg = %v, want the route's 100 g/pkm × km = %v", l.CO2Kg, want)
	}
	if l.Mode != Bus || l.Route != "Z" || l.FromName != "Alpha" || l.ToName != "Delta" {
		t.Errorf("got %+v", l)
	}
	if _, off := l.Depart.Zone(); off != 3600 {
		t.Errorf("Depart %v is not in the feed's zone", l.Depart)
	}
}

func TestStopLookup(t *testing.T) {
	f := testFeed(t, nil)
	tests := []struct {
		q, want string
		err     error
	}{
		{"b1", "b1", nil},
		{"B1", "b1", nil},
		{"beta", "b", nil},
		{"GAMMA", "c", nil},
		{"omega", "", ErrUnknownStop},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			s, err := f.Stop(tt.q)
			if !errors.Is(err, tt.err) || s.ID != tt.want {
				t.Errorf("Stop(%q) = %q, %v; want %q, %v", tt.q, s.ID, err, tt.want, tt.err)
			}
		})
	}
}

func TestContextCancelled(t *testing.T) {
	f := testFeed(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.EarliestArrival(ctx, "a", "d", at(t, f, "2027-03-09 07:00"), SearchOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestConcurrentQueries runs queries from several goroutines on one Feed;
// run it with -race. Every goroutine must see the single-threaded answer.
func TestConcurrentQueries(t *testing.T) {
	f := testFeed(t, nil)
	depart := at(t, f, "2027-03-09 07:00")
	ctx := context.Background()
	want, err := f.EarliestArrival(ctx, "a", "d", depart, SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		go func() {
			var bad string
			for i := 0; i < 50 && bad == ""; i++ {
				var j Journey
				var err error
				if i%2 == 0 {
					j, err = f.EarliestArrival(ctx, "a", "d", depart, SearchOptions{})
				} else {
					_, err = f.Pareto(ctx, "a", "d", depart, SearchOptions{})
					j = want
				}
				if err != nil || trips(j) != trips(want) {
					bad = fmt.Sprintf("got %s, %v; want %s", trips(j), err, trips(want))
				}
			}
			errs <- bad
		}()
	}
	for g := 0; g < 8; g++ {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}

// TestLatestDepartureArrivesFirst: the last train home from Trondheim to
// Åre changes at Storlien onto a train that passes Åre; a backward scan
// may also find staying on to Östersund and coming back, which leaves as
// late but arrives later. LatestDeparture must return the direct way.
func TestLatestDepartureArrivesFirst(t *testing.T) {
	f, err := LoadGTFS(filepath.Join("..", "examples", "demo", "gtfs"))
	if err != nil {
		t.Fatal(err)
	}
	j, err := f.LatestDeparture(context.Background(), "trondheim-s", "are", at(t, f, "2027-03-09 22:00"), SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := j.Depart().Format("15:04") + ">" + j.Arrive().Format("15:04"); got != "16:05>18:48" {
		t.Errorf("got %s (%s), want the 16:05 arriving 18:48", got, trips(j))
	}
}

// checkTrips compares a search's result with the trips it should ride
// or the error it should give.
func checkTrips(t *testing.T, j Journey, err error, want string, wantErr error) {
	t.Helper()
	if wantErr != nil {
		if !errors.Is(err, wantErr) {
			t.Fatalf("err = %v, want %v (journey %s)", err, wantErr, trips(j))
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if got := trips(j); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
