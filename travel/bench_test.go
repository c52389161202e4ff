package travel

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Size of the generated benchmark feed: a grid of benchGrid × benchGrid
// stops, one line along every row and every column, benchTrips trips a
// direction: 2 × 2 × 50 × 100 × 50 = 1,000,000 stop_times.
const (
	benchGrid  = 50
	benchTrips = 100
)

// writeBenchFeed writes the generated feed as GTFS files into dir.
func writeBenchFeed(tb testing.TB, dir string) {
	tb.Helper()
	create := func(name string, fill func(w *bufio.Writer)) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		fill(w)
		if err := w.Flush(); err != nil {
			tb.Fatal(err)
		}
		if err := f.Close(); err != nil {
			tb.Fatal(err)
		}
	}
	create("agency.txt", func(w *bufio.Writer) {
		w.WriteString("agency_name,agency_url,agency_timezone\nBench,https://example.org,Europe/Stockholm\n")
	})
	create("calendar.txt", func(w *bufio.Writer) {
		w.WriteString("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n")
		w.WriteString("wk,1,1,1,1,1,0,0,20270101,20271231\nwe,0,0,0,0,0,1,1,20270101,20271231\n")
	})
	create("stops.txt", func(w *bufio.Writer) {
		w.WriteString("stop_id,stop_name,stop_lat,stop_lon\n")
		for y := 0; y < benchGrid; y++ {
			for x := 0; x < benchGrid; x++ {
				fmt.Fprintf(w, "s%d_%d,Stop %d %d,%.4f,%.4f\n", x, y, x, y, 63+float64(y)*0.01, 10+float64(x)*0.02)
			}
		}
	})
	type line struct {
		id    string
		stops []string
	}
	var lines []line
	for i := 0; i < benchGrid; i++ {
		var row, col []string
		for k := 0; k < benchGrid; k++ {
			row = append(row, fmt.Sprintf("s%d_%d", k, i))
			col = append(col, fmt.Sprintf("s%d_%d", i, k))
		}
		lines = append(lines, line{fmt.Sprint("row", i), row}, line{fmt.Sprint("col", i), col})
	}
	create("routes.txt", func(w *bufio.Writer) {
		w.WriteString("route_id,route_short_name,route_type\n")
		for _, l := range lines {
			fmt.Fprintf(w, "%s,%s,3\n", l.id, l.id)
		}
	})
	tripsF, err := os.Create(filepath.Join(dir, "trips.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	tw := bufio.NewWriter(tripsF)
	tw.WriteString("route_id,service_id,trip_id\n")
	create("stop_times.txt", func(w *bufio.Writer) {
		w.WriteString("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n")
		for li, l := range lines {
			for dir := 0; dir < 2; dir++ {
				for k := 0; k < benchTrips; k++ {
					svc := "wk"
					if k%2 == 1 && k > benchTrips/2 {
						svc = "we"
					}
					id := fmt.Sprintf("%s_%d_%d", l.id, dir, k)
					fmt.Fprintf(tw, "%s,%s,%s\n", l.id, svc, id)
					t := 5*3600 + k*11*60 + (li%7)*60
					for s := 0; s < len(l.stops); s++ {
						stop := l.stops[s]
						if dir == 1 {
							stop = l.stops[len(l.stops)-1-s]
						}
						hh, mm := t/3600, t/60%60
						fmt.Fprintf(w, "%s,%02d:%02d:00,%02d:%02d:30,%s,%d\n", id, hh, mm, hh, mm, stop, s+1)
						t += 120
					}
				}
			}
		}
	})
	if err := tw.Flush(); err != nil {
		tb.Fatal(err)
	}
	tripsF.Close()
}

func BenchmarkLoadGTFS(b *testing.B) {
	dir := b.TempDir()
	writeBenchFeed(b, dir)
	b.ReportAllocs()
	var f *Feed
	for b.Loop() {
		var err error
		if f, err = LoadGTFS(dir); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(f.stStop)), "stop_times")
}

type benchQuery struct{ from, to string }

func benchFeed(b *testing.B) (*Feed, []benchQuery) {
	dir := b.TempDir()
	writeBenchFeed(b, dir)
	f, err := LoadGTFS(dir)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var qs []benchQuery
	for len(qs) < 64 {
		q := benchQuery{
			fmt.Sprintf("s%d_%d", r.IntN(benchGrid), r.IntN(benchGrid)),
			fmt.Sprintf("s%d_%d", r.IntN(benchGrid), r.IntN(benchGrid)),
		}
		if q.from != q.to {
			qs = append(qs, q)
		}
	}
	return f, qs
}

func BenchmarkEarliestArrival(b *testing.B) {
	f, qs := benchFeed(b)
	ctx := context.Background()
	depart := time.Date(2027, 3, 9, 8, 0, 0, 0, f.Location())
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)]
		i++
		if _, err := f.EarliestArrival(ctx, q.from, q.to, depart, SearchOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLatestDeparture(b *testing.B) {
	f, qs := benchFeed(b)
	ctx := context.Background()
	arrive := time.Date(2027, 3, 9, 17, 0, 0, 0, f.Location())
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)]
		i++
		if _, err := f.LatestDeparture(ctx, q.from, q.to, arrive, SearchOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPareto(b *testing.B) {
	f, qs := benchFeed(b)
	ctx := context.Background()
	depart := time.Date(2027, 3, 9, 8, 0, 0, 0, f.Location())
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)]
		i++
		if _, err := f.Pareto(ctx, q.from, q.to, depart, SearchOptions{MaxTransfers: 3}); err != nil {
			b.Fatal(err)
		}
	}
}
