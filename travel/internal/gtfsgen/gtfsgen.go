// Package gtfsgen writes synthetic GTFS feeds of national size, for
// benchmarks of package travel: a grid of stops served by bus lines along
// its rows and columns, a calendar of timetable periods with weekday,
// Saturday and Sunday trips, and a train line to a border station that
// another generated feed serves too (Storlien, between the Swedish and
// the Norwegian feed).
//
// The shape follows the national feeds: a year of service cut into
// periods, each trip running on one weekday pattern of one period, so a
// day runs a fraction of the feed's stop_times; stop_times sorted by
// trip. The numbers are chosen, not measured.
package gtfsgen

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"
)

// Config describes one generated feed. The zero value is not useful;
// start from Sweden or Norway.
type Config struct {
	Name     string // agency name
	TimeZone string
	Prefix   string // of stop, route and trip ids
	// The grid: Grid × Grid stops from (Lat0, Lon0), Step degrees apart.
	Lat0, Lon0, Step float64
	Grid             int
	// Seg is the number of stops of a line; lines along a row or column
	// overlap by one stop.
	Seg int
	// Trips per direction and period of a line: weekday, Saturday,
	// Sunday.
	Trips [3]int
	// Year and Periods: the year's service is cut into Periods equal
	// periods.
	Year, Periods int
	// Border is the station shared with the other feed; Edge is the side
	// of the grid the train line to it starts from: 0 the west edge, 1
	// the east (the last column the lines serve).
	Border Border
	Edge   int
}

// A Border station is served by both feeds, with their own ids.
type Border struct {
	ID, Name string
	Lat, Lon float64
}

// Sweden is a Swedish-sized feed east of the border, about 25 million
// stop_times.
func Sweden() Config {
	return Config{Name: "Gen SE", TimeZone: "Europe/Stockholm", Prefix: "se", Lat0: 62.0, Lon0: 12.3, Step: 0.03,
		Grid: 120, Seg: 24, Trips: [3]int{34, 22, 16}, Year: 2027, Periods: 6,
		Border: Border{ID: "740000001", Name: "Storlien", Lat: 63.3163, Lon: 12.1003}, Edge: 0}
}

// Norway is a Norwegian-sized feed west of the border, about 25 million
// stop_times.
func Norway() Config {
	return Config{Name: "Gen NO", TimeZone: "Europe/Oslo", Prefix: "NSR:", Lat0: 62.0, Lon0: 8.2, Step: 0.03,
		Grid: 120, Seg: 24, Trips: [3]int{34, 22, 16}, Year: 2027, Periods: 6,
		Border: Border{ID: "NSR:StopPlace:659", Name: "Storlien", Lat: 63.3166, Lon: 12.1010}, Edge: 1}
}

// StopTimes returns the number of stop_times Write writes.
func (c Config) StopTimes() int {
	lines := 2 * c.Grid * c.lineSegs()
	n := lines * 2 * (c.Trips[0] + c.Trips[1] + c.Trips[2]) * c.Seg * c.Periods
	return n + c.Periods*3*2*c.borderTrips()*c.borderStops()
}

func (c Config) lineSegs() int { return (c.Grid - 1) / (c.Seg - 1) }

func (c Config) borderTrips() int { return 18 }

func (c Config) borderStops() int { return 6 }

// StopID returns the id of grid stop (x, y).
func (c Config) StopID(x, y int) string { return c.Prefix + strconv.Itoa(x) + "_" + strconv.Itoa(y) }

// Write writes the feed as a zip file at path.
func Write(path string, c Config) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	err = c.write(zw)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (c Config) write(zw *zip.Writer) error {
	file := func(name string, fill func(w *bufio.Writer)) error {
		zf, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(c.Year, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(zf, 1<<20)
		fill(w)
		return w.Flush()
	}
	if err := file("agency.txt", func(w *bufio.Writer) {
		fmt.Fprintf(w, "agency_id,agency_name,agency_url,agency_timezone\n%sA,%s,https://example.org,%s\n", c.Prefix, c.Name, c.TimeZone)
	}); err != nil {
		return err
	}
	if err := file("stops.txt", func(w *bufio.Writer) {
		w.WriteString("stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n")
		for y := 0; y < c.Grid; y++ {
			for x := 0; x < c.Grid; x++ {
				fmt.Fprintf(w, "%s,%s %d %d,%.5f,%.5f,0,\n", c.StopID(x, y), c.Name, x, y, c.Lat0+float64(y)*c.Step/2, c.Lon0+float64(x)*c.Step)
			}
		}
		b := c.Border
		fmt.Fprintf(w, "%s,%s,%.5f,%.5f,1,\n%s:1,%s,%.5f,%.5f,0,%s\n", b.ID, b.Name, b.Lat, b.Lon, b.ID, b.Name, b.Lat, b.Lon, b.ID)
	}); err != nil {
		return err
	}
	segs := c.lineSegs()
	if err := file("routes.txt", func(w *bufio.Writer) {
		w.WriteString("route_id,agency_id,route_short_name,route_type\n")
		for dir := 0; dir < 2; dir++ {
			for i := 0; i < c.Grid; i++ {
				for s := 0; s < segs; s++ {
					fmt.Fprintf(w, "%sL%d_%d_%d,%sA,%d,700\n", c.Prefix, dir, i, s, c.Prefix, (dir*c.Grid+i)*segs+s)
				}
			}
		}
		fmt.Fprintf(w, "%sTRAIN,%sA,Border,2\n", c.Prefix, c.Prefix)
	}); err != nil {
		return err
	}
	// Periods: calendar rows per period and pattern.
	days := 365
	if time.Date(c.Year, 12, 31, 0, 0, 0, 0, time.UTC).YearDay() == 366 {
		days = 366
	}
	start := time.Date(c.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := file("calendar.txt", func(w *bufio.Writer) {
		w.WriteString("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n")
		for p := 0; p < c.Periods; p++ {
			a := start.AddDate(0, 0, p*days/c.Periods).Format("20060102")
			b := start.AddDate(0, 0, (p+1)*days/c.Periods-1).Format("20060102")
			fmt.Fprintf(w, "P%dWK,1,1,1,1,1,0,0,%s,%s\nP%dSA,0,0,0,0,0,1,0,%s,%s\nP%dSU,0,0,0,0,0,0,1,%s,%s\n", p, a, b, p, a, b, p, a, b)
		}
	}); err != nil {
		return err
	}
	// A public holiday that runs the Sunday timetable on a weekday.
	if err := file("calendar_dates.txt", func(w *bufio.Writer) {
		w.WriteString("service_id,date,exception_type\n")
		d := time.Date(c.Year, 5, 1, 0, 0, 0, 0, time.UTC)
		p := (d.YearDay() - 1) * c.Periods / days
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			fmt.Fprintf(w, "P%dWK,%s,2\nP%dSU,%s,1\n", p, d.Format("20060102"), p, d.Format("20060102"))
		}
	}); err != nil {
		return err
	}
	pattern := [3]string{"WK", "SA", "SU"}
	type trip struct {
		route, svc, id string
		stops          []string
		first          int // seconds
		gap            int
	}
	// trips calls fn for every trip in file order.
	each := func(fn func(t *trip)) {
		var t trip
		for p := 0; p < c.Periods; p++ {
			for dir := 0; dir < 2; dir++ {
				for i := 0; i < c.Grid; i++ {
					for s := 0; s < segs; s++ {
						stops := make([]string, c.Seg)
						for k := 0; k < c.Seg; k++ {
							a := s*(c.Seg-1) + k
							if dir == 0 {
								stops[k] = c.StopID(a, i)
							} else {
								stops[k] = c.StopID(i, a)
							}
						}
						route := fmt.Sprintf("%sL%d_%d_%d", c.Prefix, dir, i, s)
						for pat := 0; pat < 3; pat++ {
							n := c.Trips[pat]
							for way := 0; way < 2; way++ {
								for k := 0; k < n; k++ {
									t.route, t.svc = route, fmt.Sprintf("P%d%s", p, pattern[pat])
									t.id = fmt.Sprintf("%s%d_%d_%d_%d_%d_%d_%d", c.Prefix, p, dir, i, s, pat, way, k)
									t.stops = stops
									if way == 1 {
										t.stops = make([]string, len(stops))
										for q := range stops {
											t.stops[q] = stops[len(stops)-1-q]
										}
									}
									// Spread the trips over 05:00–23:00, lines offset.
									t.first = 5*3600 + k*(18*3600/n) + (i*7+s*13+dir*3+way*17)%60*60
									t.gap = 120
									fn(&t)
								}
							}
						}
					}
				}
			}
			// The train line from the grid's edge to the border station.
			x := 0
			if c.Edge == 1 {
				x = segs * (c.Seg - 1) // the last stop served by the lines
			}
			var line []string
			mid := c.Grid / 2
			for k := 0; k < c.borderStops()-1; k++ {
				line = append(line, c.StopID(x, mid+k*((c.Grid-mid)/c.borderStops())))
			}
			line = append(line, c.Border.ID+":1")
			for pat := 0; pat < 3; pat++ {
				for way := 0; way < 2; way++ {
					for k := 0; k < c.borderTrips(); k++ {
						t.route, t.svc = c.Prefix+"TRAIN", fmt.Sprintf("P%d%s", p, pattern[pat])
						t.id = fmt.Sprintf("%sT%d_%d_%d_%d", c.Prefix, p, pat, way, k)
						t.stops = line
						if way == 1 {
							t.stops = make([]string, len(line))
							for q := range line {
								t.stops[q] = line[len(line)-1-q]
							}
						}
						t.first = 5*3600 + k*3600
						t.gap = 900
						fn(&t)
					}
				}
			}
		}
	}
	if err := file("trips.txt", func(w *bufio.Writer) {
		w.WriteString("route_id,service_id,trip_id\n")
		each(func(t *trip) {
			w.WriteString(t.route)
			w.WriteByte(',')
			w.WriteString(t.svc)
			w.WriteByte(',')
			w.WriteString(t.id)
			w.WriteByte('\n')
		})
	}); err != nil {
		return err
	}
	return file("stop_times.txt", func(w *bufio.Writer) {
		w.WriteString("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n")
		var b []byte
		hms := func(b []byte, s int) []byte {
			h, m, sec := s/3600, s/60%60, s%60
			b = append(b, byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+sec/10), byte('0'+sec%10))
			return b
		}
		each(func(t *trip) {
			tm := t.first
			for q, s := range t.stops {
				b = append(b[:0], t.id...)
				b = append(b, ',')
				b = hms(b, tm)
				b = append(b, ',')
				dep := tm
				if q > 0 && q < len(t.stops)-1 {
					dep += 30
				}
				b = hms(b, dep)
				b = append(b, ',')
				b = append(b, s...)
				b = append(b, ',')
				b = strconv.AppendInt(b, int64(q+1), 10)
				b = append(b, '\n')
				w.Write(b)
				tm = dep + t.gap - 30
			}
		})
	})
}
