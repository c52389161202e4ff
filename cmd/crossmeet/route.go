package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
	_ "time/tzdata" // GTFS zones resolve on machines without a zoneinfo database

	"github.com/crossmeet/crossmeet/internal/cli"
	"github.com/crossmeet/crossmeet/internal/regular"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/program"
	"github.com/crossmeet/crossmeet/travel"
)

func init() {
	commands["route"] = command{
		summary: "search the train timetable for journeys on one day",
		run:     runRoute,
	}
}

const routeSynopsis = "[--gtfs PATH ... | --program DIR] [--strict] --from STOP --to STOP --date YYYY-MM-DD [--after HH:MM | --arrive-by HH:MM] [--json]"

type routeOptions struct {
	gtfs            pathList
	program         string
	strict          bool
	from, to        string
	date            string
	after, arriveBy string
	json            bool
	minChange       time.Duration
}

func runRoute(ctx context.Context, args []string, stdio stdio) error {
	var o routeOptions
	fs := cli.NewFlagSet("crossmeet", "route", routeSynopsis, stdio.err)
	fs.Var(&o.gtfs, "gtfs", "GTFS feed at `PATH`, a .zip file or a folder; give it again for more feeds, searched as one (default: the embedded demo timetable)")
	fs.StringVar(&o.program, "program", "", "programme folder `DIR`: its timetable is DIR/gtfs.zip or DIR/gtfs/ (one feed, or several .zip files or folders), its places.csv maps place ids to stops")
	fs.BoolVar(&o.strict, "strict", false, "reject a timetable with a bad trip instead of dropping the trip with a warning")
	fs.StringVar(&o.from, "from", "", "departure `STOP`: a stop_id, a stop name (any letter case) or a place id")
	fs.StringVar(&o.to, "to", "", "arrival `STOP`, as --from")
	fs.StringVar(&o.date, "date", "", "travel day, `YYYY-MM-DD`")
	fs.StringVar(&o.after, "after", "", "list journeys leaving at or after `HH:MM` and arriving by 03:00 the next day (default 00:00)")
	fs.StringVar(&o.arriveBy, "arrive-by", "", "list journeys leaving on the day and arriving by `HH:MM`, latest departure first")
	fs.DurationVar(&o.minChange, "min-change", 0, "change time at a station when the timetable gives none (default 3m)")
	fs.BoolVar(&o.json, "json", false, `print {"journeys": [...]} as JSON instead of a table`)
	if err := cli.Parse(fs, args, stdio.out, stdio.err); err != nil {
		return err
	}
	return route(ctx, o, stdio)
}

func route(ctx context.Context, o routeOptions, stdio stdio) error {
	switch {
	case o.from == "" || o.to == "":
		return cli.Invalid(errors.New("route: --from and --to are required"))
	case o.date == "":
		return cli.Invalid(errors.New("route: --date is required"))
	case len(o.gtfs) > 0 && o.program != "":
		return cli.Invalid(errors.New("route: give --gtfs or --program, not both"))
	case o.after != "" && o.arriveBy != "":
		return cli.Invalid(errors.New("route: give --after or --arrive-by, not both"))
	}
	date, err := time.Parse("2006-01-02", o.date)
	if err != nil {
		return cli.Invalid(fmt.Errorf("route: --date: want YYYY-MM-DD, got %q", o.date))
	}
	feed, places, source, err := loadTimetable(ctx, o, date)
	if err != nil {
		return err
	}
	for _, w := range program.TimetableWarnings("", feed.Warnings()) {
		fmt.Fprintf(stdio.err, "warning: %s\n", w)
	}
	from, err := resolveStop(feed, places, o.from)
	if err != nil {
		return cli.Invalid(fmt.Errorf("route: --from: %w", err))
	}
	to, err := resolveStop(feed, places, o.to)
	if err != nil {
		return cli.Invalid(fmt.Errorf("route: --to: %w", err))
	}
	// Clock times are read in the zone of the departure stop's feed, as
	// wall-clock times of the day: on the days the clocks change, 17:20
	// is not 17 h 20 min after midnight.
	loc := feed.StopLocation(from)
	y, m, d := date.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, loc)
	opts := travel.SearchOptions{MinChange: o.minChange}
	var lo, hi time.Time
	var when string
	if o.arriveBy != "" {
		hh, mm, err := parseClock(o.arriveBy)
		if err != nil {
			return cli.Invalid(fmt.Errorf("route: --arrive-by: %w", err))
		}
		lo, hi = day, time.Date(y, m, d, hh, mm, 0, 0, feed.StopLocation(to))
		when = "arriving by " + o.arriveBy
	} else {
		after := "00:00"
		if o.after != "" {
			after = o.after
		}
		hh, mm, err := parseClock(after)
		if err != nil {
			return cli.Invalid(fmt.Errorf("route: --after: %w", err))
		}
		lo, hi = time.Date(y, m, d, hh, mm, 0, 0, loc), time.Date(y, m, d+1, 3, 0, 0, 0, feed.StopLocation(to))
		when = "leaving after " + after
	}
	js, err := feed.Journeys(ctx, from.ID, to.ID, lo, hi, opts)
	if err != nil {
		return err
	}
	if o.arriveBy != "" {
		for i, j := 0, len(js)-1; i < j; i, j = i+1, j-1 {
			js[i], js[j] = js[j], js[i]
		}
	}
	none := ""
	if len(js) == 0 {
		// A date the calendar does not cover is the likely mistake (last
		// season's feed, a typo in the year): say so.
		if first, last, ok := feed.ServiceDays(); !ok {
			none = ": the timetable runs no service on any date"
		} else if day.Before(first) || day.After(last) {
			none = fmt.Sprintf(": the timetable runs from %s to %s", first.Format(time.DateOnly), last.Format(time.DateOnly))
		}
		fmt.Fprintf(stdio.err, "crossmeet route: no journey from %s to %s on %s %s%s\n", from.Name, to.Name, o.date, when, none)
	}
	if o.json {
		return writeRouteJSON(stdio, js)
	}
	return writeRouteTable(stdio, js, from, to, day, when, source, none)
}

// loadTimetable loads the feeds the flags name, keeping the dates
// around date, and the places of a programme folder (the demo's without
// flags).
func loadTimetable(ctx context.Context, o routeOptions, date time.Time) (*travel.Feed, []travel.Place, string, error) {
	// The cache (FEED.crossmeet-KEY.cache next to each feed file) makes
	// the next query of a national feed start in a fraction of the time.
	lo := travel.LoadOptions{Dates: []time.Time{date}, Strict: o.strict, Cache: true}
	if len(o.gtfs) > 0 {
		var srcs []travel.Source
		for _, p := range o.gtfs {
			srcs = append(srcs, travel.Source{Path: p})
		}
		feed, err := travel.LoadFeeds(ctx, srcs, lo)
		if err != nil {
			return nil, nil, "", cli.Invalid(fmt.Errorf("route: --gtfs: %w", err))
		}
		return feed, nil, strings.Join(o.gtfs, ", "), nil
	}
	fsys, _, err := programFS(o.program)
	if err != nil {
		return nil, nil, "", err
	}
	srcs, err := travel.ProgramFeeds(fsys)
	if err != nil {
		return nil, nil, "", cli.Invalid(fmt.Errorf("route: --program %s: %w", o.program, err))
	}
	if len(srcs) == 0 {
		return nil, nil, "", cli.Invalid(fmt.Errorf("route: --program %s: no timetable, neither gtfs.zip nor gtfs/", o.program))
	}
	var source string
	if o.program == "" {
		source = "the embedded demo timetable (illustrative, not an operator timetable)"
	} else {
		// Feeds on disk are read by path, so that they can be cached.
		var names []string
		for i, s := range srcs {
			p := filepath.Join(o.program, filepath.FromSlash(s.Dir))
			names = append(names, p)
			srcs[i] = travel.Source{Name: s.Name, Path: p}
		}
		source = strings.Join(names, ", ")
	}
	feed, err := travel.LoadFeeds(ctx, srcs, lo)
	if err != nil {
		return nil, nil, "", cli.Invalid(fmt.Errorf("route: %s: %w", source, err))
	}
	var places []travel.Place
	if data, err := regular.ReadFS(fsys, "places.csv", program.MaxTableBytes); err == nil {
		places, _, err = travel.LoadPlaces(bytes.NewReader(data), "places.csv")
		if err != nil {
			return nil, nil, "", cli.Invalid(fmt.Errorf("route: %w", err))
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, "", cli.Invalid(fmt.Errorf("route: places.csv: cannot read the file: %w", err))
	}
	return feed, places, source, nil
}

// pathList is a flag given several times.
type pathList []string

func (p *pathList) String() string { return strings.Join(*p, ",") }

func (p *pathList) Set(v string) error {
	*p = append(*p, v)
	return nil
}

// resolveStop finds q among the feed's stops, then among the places
// that name a GTFS stop.
func resolveStop(feed *travel.Feed, places []travel.Place, q string) (travel.Stop, error) {
	s, err := feed.Stop(q)
	if !errors.Is(err, travel.ErrUnknownStop) {
		return s, err
	}
	for _, p := range places {
		if p.StopID != "" && (strings.EqualFold(p.ID, q) || strings.EqualFold(p.Name, q)) {
			return feed.Stop(p.StopID)
		}
	}
	// A city, as a trip's to: names it in program.yaml (the same rule:
	// Program.Destination), at its station.
	if near, derr := (&schedule.Program{Places: places}).Destination(q); derr == nil {
		for _, p := range near {
			if p.StopID != "" {
				return feed.Stop(p.StopID)
			}
		}
	}
	return s, err
}

// parseClock reads HH:MM (00:00 to 23:59) as hours and minutes of a
// wall clock.
func parseClock(s string) (hour, minute int, err error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, 0, fmt.Errorf("want HH:MM, got %q", s)
	}
	return t.Hour(), t.Minute(), nil
}

type routeJSON struct {
	Journeys []journeyJSON `json:"journeys"`
}

type journeyJSON struct {
	Depart    time.Time `json:"depart"`
	Arrive    time.Time `json:"arrive"`
	Transfers int       `json:"transfers"`
	CO2Kg     float64   `json:"co2_kg"`
	Legs      []legJSON `json:"legs"`
}

type legJSON struct {
	Mode    string    `json:"mode"`
	From    string    `json:"from"`
	To      string    `json:"to"`
	Depart  time.Time `json:"depart"`
	Arrive  time.Time `json:"arrive"`
	Service string    `json:"service"`
}

func writeRouteJSON(stdio stdio, js []travel.Journey) error {
	out := routeJSON{Journeys: []journeyJSON{}}
	for _, j := range js {
		jj := journeyJSON{
			Depart:    j.Depart(),
			Arrive:    j.Arrive(),
			Transfers: j.Transfers(),
			CO2Kg:     math.Round(j.CO2Kg()*1000) / 1000,
			Legs:      []legJSON{},
		}
		for _, l := range j.Legs {
			jj.Legs = append(jj.Legs, legJSON{Mode: string(l.Mode), From: l.From, To: l.To, Depart: l.Depart, Arrive: l.Arrive, Service: l.Service})
		}
		out.Journeys = append(out.Journeys, jj)
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdio.out, "%s\n", b)
	return err
}

// clock formats t as HH:MM, with +1 when it falls on the day after day.
func clock(t, day time.Time) string {
	s := t.Format("15:04")
	y1, m1, d1 := t.Date()
	y0, m0, d0 := day.Date()
	if n := int(time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC).Sub(time.Date(y0, m0, d0, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour)); n != 0 {
		s += fmt.Sprintf("%+d", n)
	}
	return s
}

// writeRouteTable prints the journeys; none says why there are none
// when it is known (route's caller), appended to "No journey".
func writeRouteTable(stdio stdio, js []travel.Journey, from, to travel.Stop, day time.Time, when, source, none string) error {
	w := stdio.out
	fmt.Fprintf(w, "%s → %s, %s %s, %s\n", from.Name, to.Name, day.Weekday(), day.Format("2006-01-02"), when)
	fmt.Fprintf(w, "Timetable: %s; times in %s.\n", source, day.Location())
	if len(js) == 0 {
		fmt.Fprintf(w, "\nNo journey%s.\n", none)
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	for _, j := range js {
		d := j.Duration()
		changes := "direct"
		if n := j.Transfers(); n == 1 {
			changes = "1 change"
		} else if n > 1 {
			changes = fmt.Sprintf("%d changes", n)
		}
		fmt.Fprintf(tw, "\n%s → %s  %dh%02d  %s  %.0f km  %.2f kg CO2e\n", clock(j.Depart(), day), clock(j.Arrive(), day),
			int(d.Hours()), int(d.Minutes())%60, changes, j.Km(), j.CO2Kg())
		for _, l := range j.Legs {
			svc := l.Route
			if l.Service != "" {
				svc = strings.TrimSpace(l.Route + " " + l.Service)
			}
			fmt.Fprintf(tw, "    %s\t%s\t→ %s\t%s\t%s\t%s\n", clock(l.Depart, day), l.FromName, clock(l.Arrive, day), l.ToName, l.Mode, svc)
		}
	}
	return tw.Flush()
}
