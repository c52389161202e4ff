// Package programtest makes programmes for the tests of every stage: the
// demo folder as files a test can edit, random programmes around the
// demo's places and timetable, and helpers that load, plan and check.
// Only tests import it.
package programtest

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/program"
)

// DemoDir is the demo programme's folder, read from disk so that no
// library imports the examples package.
func DemoDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "examples", "demo")
}

// Demo returns the demo programme's files, for a test to edit.
func Demo(t testing.TB) fstest.MapFS {
	t.Helper()
	files := fstest.MapFS{}
	demo := os.DirFS(DemoDir())
	err := fs.WalkDir(demo, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(demo, path)
		if err != nil {
			return err
		}
		files[path] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Load loads a programme, failing the test on any error.
func Load(t testing.TB, files fs.FS) *schedule.Program {
	t.Helper()
	prog, err := program.Load(files)
	if err != nil {
		t.Fatalf("loading the programme: %v", err)
	}
	return prog
}

// LoadDemo loads the demo programme.
func LoadDemo(t testing.TB) *schedule.Program {
	t.Helper()
	return Load(t, os.DirFS(DemoDir()))
}

// PlanChecked loads a programme, plans it with seed 1 and checks the plan
// against every rule, failing the test on any error.
func PlanChecked(t testing.TB, files fs.FS) (*schedule.Program, *schedule.Plan) {
	t.Helper()
	prog := Load(t, files)
	plan, err := prog.Plan(context.Background(), schedule.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := prog.Check(plan); err != nil {
		t.Fatalf("the plan breaks rules:\n%v", err)
	}
	return prog, plan
}

// PlanDemo plans the demo with seed 1 and checks the plan.
func PlanDemo(t testing.TB) (*schedule.Program, *schedule.Plan) {
	t.Helper()
	return PlanChecked(t, os.DirFS(DemoDir()))
}

// SetKey replaces the value of the first "key:" line of a YAML text.
func SetKey(t testing.TB, y, key, value string) string {
	t.Helper()
	lines := strings.Split(y, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), key+":") {
			indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
			lines[i] = indent + key + ": " + value
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("no %s in program.yaml", key)
	return ""
}

// WithYAML returns a copy of files with program.yaml replaced by y.
func WithYAML(files fstest.MapFS, y string) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range files {
		out[k] = v
	}
	out["program.yaml"] = &fstest.MapFile{Data: []byte(y)}
	return out
}

// FirstStartup returns the id of the first start-up of startups.csv.
func FirstStartup(files fstest.MapFS) string {
	lines := strings.Split(string(files["startups.csv"].Data), "\n")
	return strings.Split(lines[1], ",")[0]
}

// Random writes a random programme around the demo's places and
// timetable: start-ups on both sides, contacts with random tags,
// capacities, availability and places, and trips of one to three
// start-ups in either direction with random policies.
func Random(t testing.TB, seed uint64) fstest.MapFS {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	files := fstest.MapFS{}
	demo := os.DirFS(DemoDir())
	for _, name := range []string{"places.csv"} {
		data, err := fs.ReadFile(demo, name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = &fstest.MapFile{Data: data}
	}
	gtfs, err := fs.Glob(demo, "gtfs/*.txt")
	if err != nil || len(gtfs) == 0 {
		t.Fatalf("demo timetable missing: %v", err)
	}
	for _, name := range gtfs {
		data, _ := fs.ReadFile(demo, name)
		files[name] = &fstest.MapFile{Data: data}
	}
	places := readPlaces(t, files["places.csv"].Data)
	byCountry := map[string][]string{}
	for _, p := range places {
		if p.kind == "office" || p.kind == "venue" {
			byCountry[p.country] = append(byCountry[p.country], p.id)
		}
	}
	home := map[string][]string{"SE": {"ostersund-c", "are"}, "NO": {"trondheim-s"}}
	dest := map[string][]string{"SE": {"trondheim", "trondheim-s", "NO"}, "NO": {"ostersund-c", "ostersund"}}
	tags := []string{"helse", "hälsa", "health", "medtech", "energi", "energy", "skog", "forestry", "turism", "reiseliv",
		"investering", "investment", "innkjøp", "upphandling", "export", "ai", "software", "food", "mat", "design"}
	pick := func(list []string, n int) string {
		var out []string
		for i := 0; i < n; i++ {
			out = append(out, list[r.IntN(len(list))])
		}
		return strings.Join(out, ";")
	}

	nStartups := 2 + r.IntN(6)
	var s strings.Builder
	s.WriteString("id,name,country,home,industry,needs,wishes,languages,team,travellers\n")
	country := make([]string, nStartups)
	for i := range nStartups {
		country[i] = []string{"SE", "NO"}[r.IntN(2)]
		h := home[country[i]][r.IntN(len(home[country[i]]))]
		wishes := []string{"tag:" + tags[r.IntN(len(tags))], "role:investor", "org:Org " + fmt.Sprint(r.IntN(6))}
		r.Shuffle(len(wishes), func(a, b int) { wishes[a], wishes[b] = wishes[b], wishes[a] })
		// Teams of one to seven; travellers blank (the whole team) or
		// some of them, so cars fill up and split.
		size := 1 + r.IntN(7)
		var team []string
		for m := range size {
			team = append(team, fmt.Sprintf("Member %d-%d <m%d.%d@example.org>", i, m, i, m))
		}
		travellers := ""
		if r.IntN(2) == 0 {
			travellers = fmt.Sprint(1 + r.IntN(size))
		}
		fmt.Fprintf(&s, "S%02d,Start-up %d,%s,%s,%s,%s,%s,en,%s,%s\n",
			i+1, i+1, country[i], h, pick(tags, 2), pick(tags, 2), strings.Join(wishes[:1+r.IntN(3)], ";"), strings.Join(team, ";"), travellers)
	}
	files["startups.csv"] = &fstest.MapFile{Data: []byte(s.String())}

	nContacts := 6 + r.IntN(20)
	var c strings.Builder
	c.WriteString("id,name,email,organization,role,tags,languages,place,country,capacity,available,gender\n")
	for i := range nContacts {
		cc := []string{"SE", "NO"}[r.IntN(2)]
		place := byCountry[cc][r.IntN(len(byCountry[cc]))]
		avail := ""
		switch r.IntN(4) {
		case 0: // no restriction
		case 1:
			avail = fmt.Sprintf("mon-fri %02d:00-%02d:00", 8+r.IntN(3), 13+r.IntN(5))
		case 2:
			avail = fmt.Sprintf("2027-03-%02d %02d:00-%02d:30;tue-thu 09:00-12:00", 8+r.IntN(10), 9+r.IntN(4), 13+r.IntN(4))
		case 3:
			avail = fmt.Sprintf("mon-fri %02d:30-%02d:00", 12+r.IntN(3), 15+r.IntN(3))
		}
		role := []string{"investor", "procurement", "expert", "CEO"}[r.IntN(4)]
		fmt.Fprintf(&c, "C%02d,Contact %d,c%d@example.com,Org %d,%s,%s,en,%s,%s,%d,%s,%s\n",
			i+1, i+1, i+1, r.IntN(6), role, pick(tags, 3), place, cc, r.IntN(3), avail, []string{"f", "m", "x"}[r.IntN(3)])
	}
	files["contacts.csv"] = &fstest.MapFile{Data: []byte(c.String())}
	for i := range nContacts {
		if r.IntN(4) != 0 {
			continue
		}
		day, hour := 8+r.IntN(14), 9+r.IntN(6)
		files[fmt.Sprintf("availability/C%02d.ics", i+1)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:busy%d\r\nDTSTAMP:20270101T000000Z\r\n"+
				"DTSTART;TZID=Europe/Oslo:202703%02dT%02d0000\r\nDTEND;TZID=Europe/Oslo:202703%02dT%02d3000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
			i, day, hour, day, hour+2))}
	}

	var y strings.Builder
	fmt.Fprintf(&y, "name: Random programme %d\ntimezone: Europe/Stockholm\ncoordinator: {name: Co Ordinator, email: co@example.org}\n", seed)
	fmt.Fprintf(&y, "meetings:\n  duration: %dm\n  buffer: %dm\n  per_startup: {min: 1, max: %d}\n", []int{30, 45, 60}[r.IntN(3)], []int{0, 10, 15}[r.IntN(3)], 2+r.IntN(5))
	if r.IntN(3) == 0 {
		y.WriteString("  lunch: none\n")
	}
	modes := []string{"[train, car, taxi, walk]", "[train, taxi, walk]", "[car, walk]", "[train, car, walk]"}[r.IntN(4)]
	fmt.Fprintf(&y, "travel:\n  modes: %s\n  car: %s\n  keep_score: %.2f\n  car_seats: %d\n  night_gain: %d\n", modes, []string{"petrol", "diesel", "ev"}[r.IntN(3)], r.Float64(), 2+r.IntN(4), r.IntN(3))
	fmt.Fprintf(&y, "matching:\n  cross_border: %v\n  capacity: %d\n  fair: %v\n", r.IntN(4) > 0, 1+r.IntN(3), r.IntN(3) == 0)
	if r.IntN(2) == 0 {
		fs, fc, ps, pc := 1+r.IntN(nStartups), 1+r.IntN(nContacts), 1+r.IntN(nStartups), 1+r.IntN(nContacts)
		fmt.Fprintf(&y, "  forbid: [\"S%02d C%02d\"]\n", fs, fc)
		if fs != ps || fc != pc { // a pair both pinned and forbidden is an input error
			fmt.Fprintf(&y, "  pin: [\"S%02d C%02d\"]\n", ps, pc)
		}
	}
	y.WriteString("trips:\n")
	used := map[int]bool{}
	for tr := 0; tr < 1+r.IntN(3); tr++ {
		first := r.IntN(nStartups)
		if used[first] {
			continue
		}
		group := []string{fmt.Sprintf("S%02d", first+1)}
		used[first] = true
		for j := range nStartups {
			if !used[j] && country[j] == country[first] && len(group) < 3 && r.IntN(2) == 0 {
				group = append(group, fmt.Sprintf("S%02d", j+1))
				used[j] = true
			}
		}
		from := home[country[first]][0]
		if r.IntN(3) == 0 { // an office: a taxi or a walk to the station first
			from = byCountry[country[first]][r.IntN(len(byCountry[country[first]]))]
		}
		to := dest[country[first]][r.IntN(len(dest[country[first]]))]
		day := 8 + r.IntN(12)
		fmt.Fprintf(&y, "  - id: T%d\n    startups: [%s]\n    from: %s\n    to: %s\n    dates: [2027-03-%02d, 2027-03-%02d]\n    overnight: %s\n    leave_after: \"%02d:00\"\n    back_by: \"%02d:00\"\n",
			tr+1, strings.Join(group, ", "), from, to, day, day+1+r.IntN(5), []string{"no", "allowed", "required"}[r.IntN(3)], 5+r.IntN(3), 20+r.IntN(4))
	}
	files["program.yaml"] = &fstest.MapFile{Data: []byte(y.String())}
	return files
}

type placeRow struct{ id, kind, country string }

func readPlaces(t testing.TB, data []byte) []placeRow {
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("demo places.csv: %v", err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(h)] = i
	}
	var out []placeRow
	for _, f := range rows[1:] {
		out = append(out, placeRow{id: f[col["id"]], kind: f[col["kind"]], country: f[col["country"]]})
	}
	return out
}

// Custom returns a programme of the demo's places and timetable with the
// given startups.csv, contacts.csv and program.yaml, for a test that
// tells one coordinator's case.
func Custom(t testing.TB, startups, contacts, yaml string) fstest.MapFS {
	t.Helper()
	files := Demo(t)
	for name := range files {
		if strings.HasPrefix(name, "availability/") {
			delete(files, name)
		}
	}
	files["startups.csv"] = &fstest.MapFile{Data: []byte(startups)}
	files["contacts.csv"] = &fstest.MapFile{Data: []byte(contacts)}
	files["program.yaml"] = &fstest.MapFile{Data: []byte(yaml)}
	return files
}

// Large writes a programme of the size of a national season around the
// demo's places and timetable: trips trips of one to three start-ups
// each (start-ups never share a trip), contacts contacts spread over the
// destinations, weekday candidate dates from March to May 2027. The same
// seed gives the same programme.
func Large(t testing.TB, seed uint64, trips, contacts int) fstest.MapFS {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 11))
	files := Demo(t)
	for name := range files {
		if strings.HasPrefix(name, "availability/") {
			delete(files, name)
		}
	}
	places := readPlaces(t, files["places.csv"].Data)
	byCountry := map[string][]string{}
	for _, p := range places {
		if p.kind == "office" || p.kind == "venue" {
			byCountry[p.country] = append(byCountry[p.country], p.id)
		}
	}
	tags := []string{"helse", "hälsa", "health", "medtech", "energi", "energy", "skog", "forestry", "turism", "reiseliv",
		"investering", "investment", "innkjøp", "upphandling", "export", "ai", "software", "food", "mat", "design"}
	pick := func(n int) string {
		var out []string
		for range n {
			out = append(out, tags[r.IntN(len(tags))])
		}
		return strings.Join(out, ";")
	}
	home := map[string][]string{"SE": {"ostersund-c", "are"}, "NO": {"trondheim-s"}}
	dest := map[string][]string{"SE": {"trondheim", "trondheim-s"}, "NO": {"ostersund-c", "ostersund", "are"}}

	var c strings.Builder
	c.WriteString("id,name,email,organization,role,tags,languages,place,country,capacity,available,gender\n")
	for i := range contacts {
		cc := []string{"SE", "NO"}[r.IntN(2)]
		avail := []string{"", "mon-fri 09:00-15:00", "tue-thu 08:30-12:00", "wed-fri 12:30-17:00"}[r.IntN(4)]
		fmt.Fprintf(&c, "C%04d,Contact %d,c%d@example.com,Org %d,%s,%s,en,%s,%s,%d,%s,%s\n",
			i+1, i+1, i+1, r.IntN(40), []string{"investor", "procurement", "expert", "CEO"}[r.IntN(4)], pick(3),
			byCountry[cc][r.IntN(len(byCountry[cc]))], cc, 1+r.IntN(3), avail, []string{"f", "m", "x"}[r.IntN(3)])
	}
	files["contacts.csv"] = &fstest.MapFile{Data: []byte(c.String())}

	var s, y strings.Builder
	s.WriteString("id,name,country,home,industry,needs,wishes,languages,team,travellers\n")
	y.WriteString("name: Large programme\ntimezone: Europe/Stockholm\ncoordinator: {name: Co Ordinator, email: co@example.org}\n")
	y.WriteString("meetings:\n  per_startup: {min: 2, max: 6}\nmatching:\n  capacity: 2\ntrips:\n")
	n := 0
	start := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	for tr := range trips {
		country := []string{"SE", "NO"}[r.IntN(2)]
		h := home[country][r.IntN(len(home[country]))]
		var group []string
		for range 1 + r.IntN(3) {
			n++
			id := fmt.Sprintf("S%03d", n)
			group = append(group, id)
			fmt.Fprintf(&s, "%s,Start-up %d,%s,%s,%s,%s,tag:%s;role:investor,en,A <a%d@example.org>;B <b%d@example.org>,\n",
				id, n, country, h, pick(2), pick(2), tags[r.IntN(len(tags))], n, n)
		}
		day := start.AddDate(0, 0, r.IntN(85))
		for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			day = day.AddDate(0, 0, 1)
		}
		next := day.AddDate(0, 0, 1+r.IntN(3))
		for next.Weekday() == time.Saturday || next.Weekday() == time.Sunday {
			next = next.AddDate(0, 0, 1)
		}
		fmt.Fprintf(&y, "  - id: T%03d\n    startups: [%s]\n    from: %s\n    to: %s\n    dates: [%s, %s]\n    overnight: %s\n",
			tr+1, strings.Join(group, ", "), h, dest[country][r.IntN(len(dest[country]))],
			day.Format("2006-01-02"), next.Format("2006-01-02"), []string{"no", "allowed", "required"}[r.IntN(3)])
	}
	files["startups.csv"] = &fstest.MapFile{Data: []byte(s.String())}
	files["program.yaml"] = &fstest.MapFile{Data: []byte(y.String())}
	return files
}
