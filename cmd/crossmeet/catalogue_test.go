package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/crossmeet/crossmeet/internal/programtest"
)

// A broken input: the demo with one change, and what validate and plan
// must say about it.
type broken struct {
	name string
	file string // the file changed, relative to the programme folder
	// old is replaced by new, once; old "" replaces the whole file;
	// new == deleteFile removes it.
	old, new string
	// want are substrings of the problem lines; the first is the place
	// (file:line: or file:line:col).
	want []string
}

const deleteFile = "\x00delete"

// yamlEdit replaces old by new in program.yaml.
func yamlEdit(name, old, new string, want ...string) broken {
	return broken{name: name, file: "program.yaml", old: old, new: new, want: want}
}

// catalogue is the table of broken inputs (issue 14, Deliver 7). Each
// gives exit 2, a located message, the same from validate and plan, and
// leaves an earlier output folder byte-identical.
var catalogue = []broken{
	// program.yaml: values
	yamlEdit("duration in words", "duration: 45m", "duration: 45 minutes", "program.yaml:12:13 (meetings.duration)", "45m or 1h30m"),
	yamlEdit("duration absurd", "duration: 45m", "duration: 1000000h", "program.yaml:12:13 (meetings.duration)", "from 5m to 8h"),
	yamlEdit("duration negative", "duration: 45m", "duration: -45m", "program.yaml:12:13 (meetings.duration)"),
	yamlEdit("duration zero", "duration: 45m", "duration: 0m", "program.yaml:12:13 (meetings.duration)"),
	yamlEdit("duration seconds", "duration: 45m", "duration: 45m30s", "program.yaml:12:13 (meetings.duration)", "whole number of minutes"),
	yamlEdit("duration longer than the day", `day: "08:30-17:00"`, `day: "08:30-09:00"`, "program.yaml:12:13 (meetings.duration)", "does not fit"),
	yamlEdit("duration as a list", "duration: 45m", "duration: [45m]", "program.yaml:12:13 (meetings.duration)", "want a single value, got a list"),
	yamlEdit("duration as keys", "duration: 45m", "duration: {min: 45}", "program.yaml:12:13 (meetings.duration)", "want a single value, got a set of keys"),
	yamlEdit("buffer absurd", "buffer: 15m", "buffer: 100h", "program.yaml:13:11 (meetings.buffer)"),
	yamlEdit("buffer in words", "buffer: 15m", "buffer: soon", "program.yaml:13:11 (meetings.buffer)"),
	yamlEdit("day reversed", `day: "08:30-17:00"`, `day: "17:00-08:30"`, "program.yaml:14:8 (meetings.day)", "08:30-17:00"),
	yamlEdit("day without range", `day: "08:30-17:00"`, `day: "08:30"`, "program.yaml:14:8 (meetings.day)"),
	yamlEdit("day 25 o'clock", `day: "08:30-17:00"`, `day: "08:30-25:00"`, "program.yaml:14:8 (meetings.day)"),
	yamlEdit("lunch without length", `lunch: "11:30-13:00 45m"`, `lunch: "11:30-13:00"`, "program.yaml:15:10 (meetings.lunch)"),
	yamlEdit("lunch longer than its window", `lunch: "11:30-13:00 45m"`, `lunch: "11:30-12:00 45m"`, "program.yaml:15:10 (meetings.lunch)"),
	yamlEdit("lunch reversed", `lunch: "11:30-13:00 45m"`, `lunch: "13:00-11:30 45m"`, "program.yaml:15:10 (meetings.lunch)"),
	yamlEdit("min above max", "{min: 2, max: 6}", "{min: 7, max: 6}", "program.yaml:16:22 (meetings.per_startup)", "min 7 is more than max 6"),
	yamlEdit("max zero", "{min: 2, max: 6}", "{min: 0, max: 0}", "program.yaml:16:30 (meetings.per_startup.max)"),
	yamlEdit("max huge", "{min: 2, max: 6}", "{min: 2, max: 99999999999999999999}", "program.yaml:16:30 (meetings.per_startup.max)"),
	yamlEdit("min negative", "{min: 2, max: 6}", "{min: -1, max: 6}", "program.yaml:16:22 (meetings.per_startup.min)"),
	yamlEdit("min a word", "{min: 2, max: 6}", "{min: two, max: 6}", "program.yaml:16:22 (meetings.per_startup.min)"),
	yamlEdit("modes empty", "modes: [train, bus, car, taxi, walk]", "modes: []", "program.yaml:18:3 (travel.modes)", "empty"),
	yamlEdit("modes null", "modes: [train, bus, car, taxi, walk]", "modes:", "program.yaml:18:3 (travel.modes)", "empty"),
	yamlEdit("modes unknown", "modes: [train, bus, car, taxi, walk]", "modes: [train, rocket]", "program.yaml:18:18 (travel.modes[2])", "rocket"),
	yamlEdit("modes without train or car", "modes: [train, bus, car, taxi, walk]", "modes: [bus, walk]", "program.yaml:18:10 (travel.modes)", "train or car"),
	yamlEdit("modes a single value", "modes: [train, bus, car, taxi, walk]", "modes: train", "program.yaml:18:10 (travel.modes)", "want a list"),
	yamlEdit("car unknown", "car: petrol", "car: steam", "program.yaml:19:8 (travel.car)"),
	yamlEdit("keep_score above 1", "keep_score: 0.9", "keep_score: 1.5", "program.yaml:20:15 (travel.keep_score)"),
	yamlEdit("keep_score NaN", "keep_score: 0.9", "keep_score: .nan", "program.yaml:20:15 (travel.keep_score)"),
	yamlEdit("cross_border not a bool", "cross_border: true", "cross_border: maybe", "program.yaml:22:17 (matching.cross_border)"),
	yamlEdit("capacity negative", "capacity: 2", "capacity: -2", "program.yaml:23:13 (matching.capacity)"),
	yamlEdit("capacity absurd", "capacity: 2", "capacity: 1000000", "program.yaml:23:13 (matching.capacity)"),
	yamlEdit("timezone Local", "timezone: Europe/Stockholm", "timezone: Local", "program.yaml:9:11 (timezone)", "IANA"),
	yamlEdit("timezone unknown", "timezone: Europe/Stockholm", "timezone: Mars/Olympus", "program.yaml:9:11 (timezone)"),
	yamlEdit("timezone empty string", "timezone: Europe/Stockholm", `timezone: ""`, "program.yaml:9:11 (timezone)"),
	yamlEdit("timezone without EU summer time", "timezone: Europe/Stockholm", "timezone: America/New_York", "program.yaml:9:11 (timezone)", "EU"),
	yamlEdit("name empty", "name: Start-up Exchange Jämtland–Trøndelag, spring 2027 (demo)", `name: ""`, "program.yaml:8:7 (name)", "needs a name"),
	yamlEdit("name with a line break", "name: Start-up Exchange Jämtland–Trøndelag, spring 2027 (demo)", `name: "Exchange\nTrip T9, 2099-01-01, day trip: FAKE"`, "program.yaml:8:7 (name)", "line break"),
	yamlEdit("name with NUL escape", "name: Start-up Exchange Jämtland–Trøndelag, spring 2027 (demo)", `name: "Exchange\0"`, "program.yaml:8:7 (name)", "control"),
	yamlEdit("name too long", "name: Start-up Exchange Jämtland–Trøndelag, spring 2027 (demo)", "name: "+strings.Repeat("x", 300), "program.yaml:8:7 (name)", "at most 200"),
	yamlEdit("name huge", "name: Start-up Exchange Jämtland–Trøndelag, spring 2027 (demo)", "name: "+strings.Repeat("x", 5000), "program.yaml:8:7 (name)", "limit of 1024"),
	yamlEdit("coordinator e-mail missing", "coordinator: {name: Kari Nordmann, email: kari@example.org}", "coordinator: {name: Kari Nordmann}", "program.yaml:10:1 (coordinator.email)", "missing"),
	yamlEdit("coordinator missing", "coordinator: {name: Kari Nordmann, email: kari@example.org}", "", "program.yaml:8:1 (coordinator.email)", "missing"),
	yamlEdit("coordinator e-mail with CR LF", "email: kari@example.org", `email: "kari@example.org\r\nBcc: x@evil.example"`, "program.yaml:10:43 (coordinator.email)", "not an e-mail"),
	yamlEdit("coordinator e-mail without @", "email: kari@example.org", "email: kari.example.org", "program.yaml:10:43 (coordinator.email)"),
	yamlEdit("coordinator e-mail with a colon", "email: kari@example.org", `email: "mailto:kari@example.org"`, "program.yaml:10:43 (coordinator.email)"),
	yamlEdit("coordinator e-mail with parentheses", "email: kari@example.org", `email: "kari(x)@example.org"`, "program.yaml:10:43 (coordinator.email)"),
	yamlEdit("coordinator e-mail two @", "email: kari@example.org", "email: kari@@example.org", "program.yaml:10:43 (coordinator.email)"),
	yamlEdit("coordinator as a list", "coordinator: {name: Kari Nordmann, email: kari@example.org}", "coordinator: [Kari]", "program.yaml:10:14 (coordinator)", "want keys"),
	// program.yaml: structure
	yamlEdit("unknown top-level key", "matching:", "matchng:", "program.yaml:21:1 (matchng)", `unknown key "matchng"`),
	yamlEdit("unknown nested key", "  buffer: 15m", "  bufer: 15m", "program.yaml:13:3 (meetings.bufer)", `unknown key "bufer"`, "buffer"),
	yamlEdit("unknown trip key", "    overnight: \"no\"\n    leave_after", "    overnite: \"no\"\n    leave_after", "program.yaml:31:5 (trips[1].overnite)", "unknown key"),
	yamlEdit("key twice", "  buffer: 15m", "  buffer: 15m\n  buffer: 10m", "program.yaml:14:3 (meetings.buffer)", "given twice"),
	yamlEdit("second document", "trips:", "---\nname: other\n---\ntrips:", "program.yaml:", "second YAML document"),
	yamlEdit("alias", "  duration: 45m", "  duration: &d 45m\n  buffer2: *d", "program.yaml:12:13 (meetings.duration)", "anchors and aliases"),
	yamlEdit("merge key", "meetings:\n", "base: &b {duration: 45m}\nmeetings:\n  <<: *b\n", "program.yaml:13:3 (meetings.<<)", "merge keys"),
	yamlEdit("custom tag", "car: petrol", "car: !secret petrol", "program.yaml:19:8 (travel.car)", "tag"),
	yamlEdit("syntax error", "  buffer: 15m", "  buffer: [15m", "program.yaml:", "YAML syntax"),
	yamlEdit("tab indentation", "  buffer: 15m", "\tbuffer: 15m", "program.yaml:1", "YAML syntax", "tab character"),
	yamlEdit("trips a mapping", "trips:\n", "trips: {T1: x}\nold_trips:\n", "program.yaml:24:8 (trips)", "want a list"),
	yamlEdit("trips empty", "trips:\n", "trips: []\nold_trips:\n", "program.yaml:24:1 (trips)", "no trips"),
	{name: "program.yaml empty", file: "program.yaml", new: "", want: []string{"program.yaml: ", "empty"}},
	{name: "program.yaml only comments", file: "program.yaml", new: "# nothing\n", want: []string{"program.yaml: ", "empty"}},
	{name: "program.yaml a list", file: "program.yaml", new: "- a\n- b\n", want: []string{"program.yaml:1:1", "want keys"}},
	{name: "program.yaml Windows-1252", file: "program.yaml", old: "Jämtland", new: "J\xe4mtland", want: []string{"program.yaml:8:", "not UTF-8"}},
	{name: "program.yaml NUL", file: "program.yaml", old: "Jämtland", new: "J\x00mtland", want: []string{"program.yaml:8:", "NUL"}},
	{name: "program.yaml UTF-16", file: "program.yaml", new: "\xff\xfen\x00a\x00", want: []string{"program.yaml:", "UTF-8"}},
	{name: "program.yaml missing", file: "program.yaml", new: deleteFile, want: []string{"program.yaml: ", "missing"}},
	{name: "program.yaml too large", file: "program.yaml", old: "# The crossmeet", new: "#" + strings.Repeat("x", 1<<20) + "\n# The crossmeet", want: []string{"program.yaml: ", "limit of 1.0 MiB"}},
	// program.yaml: trips
	yamlEdit("trip id path", "id: T1", "id: ../../evil", "program.yaml:26:9 (trips[1].id)", "ASCII letters"),
	yamlEdit("trip id with NUL", "id: T1", `id: "T1\0"`, "program.yaml:26:9 (trips[1].id)"),
	yamlEdit("trip id with a line break", "id: T1", `id: "T1\nTrip T9"`, "program.yaml:26:9 (trips[1].id)"),
	yamlEdit("trip id twice", "id: T2", "id: t1", "program.yaml:", "(trips[2].id)", "used twice"),
	yamlEdit("trip start-up unknown", "startups: [S01]", "startups: [S99]", "program.yaml:27:16 (trips[1].startups[1])", `"S99" is not in startups.csv`),
	yamlEdit("trip start-up twice", "startups: [S01]", "startups: [S01, S01]", "program.yaml:27:21 (trips[1].startups[2])", "twice"),
	yamlEdit("trip start-ups empty", "startups: [S01]", "startups: []", "program.yaml:26:5 (trips[1].startups)", "at least one start-up"),
	yamlEdit("trip start-ups a single value", "startups: [S01]", "startups: S01", "program.yaml:27:15 (trips[1].startups)", "want a list"),
	yamlEdit("trip from unknown", "from: ostersund-c\n    to: trondheim\n", "from: atlantis\n    to: trondheim\n", "program.yaml:28:11 (trips[1].from)", "atlantis"),
	yamlEdit("trip to unknown", "to: trondheim\n", "to: narnia\n", "program.yaml:29:9 (trips[1].to)", "narnia"),
	yamlEdit("trip to missing", "    to: trondheim\n", "", "program.yaml:26:5 (trips[1].to)", "destination"),
	yamlEdit("trip date 0001", "dates: [2027-03-09, 2027-03-10]", "dates: [0001-01-01]", "program.yaml:30:13 (trips[1].dates[1])", "outside 2000-2100"),
	yamlEdit("trip date 9999", "dates: [2027-03-09, 2027-03-10]", "dates: [9999-12-31]", "program.yaml:30:13 (trips[1].dates[1])", "outside"),
	yamlEdit("trip date in words", "dates: [2027-03-09, 2027-03-10]", "dates: [9 March]", "program.yaml:30:13 (trips[1].dates[1])", "2027-03-09"),
	yamlEdit("trip date 30 February", "dates: [2027-03-09, 2027-03-10]", "dates: [2027-02-30]", "program.yaml:30:13 (trips[1].dates[1])"),
	yamlEdit("trip date twice", "dates: [2027-03-09, 2027-03-10]", "dates: [2027-03-09, 2027-03-09]", "program.yaml:30:25 (trips[1].dates[2])", "twice"),
	yamlEdit("trip dates empty", "dates: [2027-03-09, 2027-03-10]", "dates: []", "program.yaml:26:5 (trips[1].dates)", "candidate date"),
	yamlEdit("trip overnight twice", `overnight: "no"`, "overnight: twice", "program.yaml:31:16 (trips[1].overnight)", "never more than one night"),
	yamlEdit("trip back_by 25:00", `back_by: "22:00"`, `back_by: "25:00"`, "program.yaml:33:14 (trips[1].back_by)", "08:30"),
	yamlEdit("trip back_by before leave_after", `back_by: "22:00"`, `back_by: "05:00"`, "program.yaml:33:14 (trips[1].back_by)", "not after"),
	yamlEdit("trip leave_after a word", `leave_after: "06:00"`, `leave_after: early`, "program.yaml:32:18 (trips[1].leave_after)"),
	// matching
	yamlEdit("pin unknown start-up", "  capacity: 2\n", "  capacity: 2\n  pin: [\"S99 C01\"]\n", "program.yaml:24:9 (matching.pin[1])", `start-up "S99"`),
	yamlEdit("pin unknown contact", "  capacity: 2\n", "  capacity: 2\n  pin:\n    - S01 C99\n", "program.yaml:25:7 (matching.pin[1])", `contact "C99"`),
	yamlEdit("forbid unknown contact", "  capacity: 2\n", "  capacity: 2\n  forbid: [\"S01 C99\"]\n", "program.yaml:24:12 (matching.forbid[1])", `contact "C99"`),
	yamlEdit("pin of one id", "  capacity: 2\n", "  capacity: 2\n  pin: [S01]\n", "program.yaml:24:9 (matching.pin[1])", "STARTUP CONTACT"),
	// startups.csv
	{name: "start-up id path", file: "startups.csv", old: "\nS01,", new: "\n../../evil,", want: []string{"startups.csv:2:1 (id)", "ASCII letters"}},
	{name: "start-up id coordinator", file: "startups.csv", old: "\nS01,", new: "\ncoordinator,", want: []string{"startups.csv:2:1 (id)", "reserved"}},
	{name: "start-up id CON", file: "startups.csv", old: "\nS01,", new: "\nCON,", want: []string{"startups.csv:2:1 (id)", "reserved"}},
	{name: "start-up id differing in case", file: "startups.csv", old: "\nS02,", new: "\ns01,", want: []string{"startups.csv:3:1 (id)", "also in case"}},
	{name: "start-up id with NUL", file: "startups.csv", old: "\nS01,", new: "\nS\x0001,", want: []string{"startups.csv:2:1", "NUL"}},
	{name: "start-up id too long", file: "startups.csv", old: "\nS01,", new: "\n" + strings.Repeat("S", 65) + ",", want: []string{"startups.csv:2:1 (id)", "at most 64"}},
	{name: "start-up name with a line break", file: "startups.csv", old: "Fjällhälsa AB", new: "\"Fjällhälsa AB\nINJECTED Trip T9, 2099-01-01, day trip: FAKE\"", want: []string{"startups.csv:2:2 (name)", "line break"}},
	{name: "start-up name with CR", file: "startups.csv", old: "Fjällhälsa AB", new: "\"Fjällhälsa\rAB\"", want: []string{"startups.csv:2:2 (name)", "control"}},
	{name: "start-up name with NEL", file: "startups.csv", old: "Fjällhälsa AB", new: "Fjällhälsa\u0085AB", want: []string{"startups.csv:2:2 (name)", "control"}},
	{name: "start-up name with bidi override", file: "startups.csv", old: "Fjällhälsa AB", new: "Fjällhälsa\u202eAB", want: []string{"startups.csv:2:2 (name)", "control"}},
	{name: "start-up name too long", file: "startups.csv", old: "Fjällhälsa AB", new: strings.Repeat("x", 9000), want: []string{"startups.csv:2:2", "limit of 8192"}},
	{name: "start-up home unknown", file: "startups.csv", old: "SE,ostersund-c,medtech", new: "SE,atlantis,medtech", want: []string{"startups.csv:2:4 (home)", "atlantis"}},
	{name: "start-up team e-mail with colon", file: "startups.csv", old: "maja.ostlund@example.org", new: "maja:ostlund@example.org", want: []string{"startups.csv:2:9 (team)", "not an e-mail"}},
	{name: "start-up team e-mail with parenthesis", file: "startups.csv", old: "maja.ostlund@example.org", new: "maja(ostlund)@example.org", want: []string{"startups.csv:2:9 (team)", "not an e-mail"}},
	{name: "startups.csv only a header", file: "startups.csv", new: "id,name,country,home,industry,needs,wishes,languages,team\n", want: []string{"startups.csv:1: ", "no start-ups"}},
	{name: "startups.csv unclosed quote", file: "startups.csv", old: "\nS03,", new: "\nS03,\"", want: []string{"startups.csv:4: ", "never closed"}},
	{name: "startups.csv Windows-1252", file: "startups.csv", old: "Fjällhälsa", new: "Fj\xe4llh\xe4lsa", want: []string{"startups.csv:2:2 (name)", "UTF-8"}},
	{name: "startups.csv missing", file: "startups.csv", new: deleteFile, want: []string{"startups.csv: ", "missing"}},
	{name: "startups.csv empty", file: "startups.csv", new: "", want: []string{"startups.csv:1: ", "empty"}},
	// contacts.csv
	{name: "contact e-mail with colon", file: "contacts.csv", old: "ingrid.aasheim@example.com", new: "ingrid:aasheim@example.com", want: []string{"contacts.csv:2:3 (email)", "not an e-mail"}},
	{name: "contact e-mail with parentheses", file: "contacts.csv", old: "ingrid.aasheim@example.com", new: "ingrid(a)@example.com", want: []string{"contacts.csv:2:3 (email)", "not an e-mail"}},
	{name: "contact e-mail empty domain label", file: "contacts.csv", old: "ingrid.aasheim@example.com", new: "ingrid@example..com", want: []string{"contacts.csv:2:3 (email)", "not an e-mail"}},
	{name: "contact id equals a start-up id", file: "contacts.csv", old: "\nC01,", new: "\nS01,", want: []string{"contacts.csv:2:1 (id)", "startups.csv line 2"}},
	{name: "contact id differing in case", file: "contacts.csv", old: "\nC02,", new: "\nc01,", want: []string{"contacts.csv:3:1 (id)", "also in case"}},
	{name: "contact id coordinator", file: "contacts.csv", old: "\nC01,", new: "\nCoordinator,", want: []string{"contacts.csv:2:1 (id)", "reserved"}},
	{name: "contact id with a dot-dot", file: "contacts.csv", old: "\nC01,", new: "\n..,", want: []string{"contacts.csv:2:1 (id)"}},
	{name: "contact place unknown", file: "contacts.csv", old: ",stolav,NO,2,mon-fri 09:00-15:00", new: ",atlantis,NO,2,mon-fri 09:00-15:00", want: []string{"contacts.csv:2:8 (place)", "atlantis"}},
	{name: "contact name with a line break", file: "contacts.csv", old: "Ingrid Aasheim", new: "\"Ingrid\nAasheim\"", want: []string{"contacts.csv:2:2 (name)", "line break"}},
	{name: "contact capacity absurd", file: "contacts.csv", old: ",stolav,NO,2,mon-fri 09:00-15:00", new: ",stolav,NO,20000,mon-fri 09:00-15:00", want: []string{"contacts.csv:2:10 (capacity)", "limit"}},
	{name: "contacts.csv only a header", file: "contacts.csv", new: "id,name,email,organization,role,tags,languages,place,country,capacity,available,gender\n", want: []string{"contacts.csv:1: ", "no contacts"}},
	{name: "contacts.csv unclosed quote", file: "contacts.csv", old: "\nC02,Ola", new: "\nC02,\"Ola", want: []string{"contacts.csv:3: ", "never closed"}},
	// places.csv
	{name: "place time zone Local", file: "places.csv", old: "ostersund-c,Europe/Stockholm", new: "ostersund-c,Local", want: []string{"places.csv:2:8 (timezone)", "Local"}},
	{name: "place time zone outside the EU rule", file: "places.csv", old: "ostersund-c,Europe/Stockholm", new: "ostersund-c,Australia/Sydney", want: []string{"places.csv:2:8 (timezone)", "EU"}},
	{name: "place gtfs_stop_id not in the feed", file: "places.csv", old: "SE,are,Europe", new: "SE,nowhere,Europe", want: []string{"places.csv:3:7 (gtfs_stop_id)", "nowhere"}},
	{name: "place name with a line break", file: "places.csv", old: "Östersund C", new: "\"Östersund\nC\"", want: []string{"places.csv:2:2 (name)", "line break"}},
	{name: "places.csv Windows-1252", file: "places.csv", old: "Östersund C", new: "\xd6stersund C", want: []string{"places.csv:2:2", "UTF-8"}},
	{name: "places.csv unclosed quote", file: "places.csv", old: "\nare,", new: "\n\"are,", want: []string{"places.csv:3: ", "never closed"}},
	// the timetable
	{name: "agency_timezone Local", file: "gtfs/agency.txt", old: "norrtag-demo,Europe/Stockholm", new: "norrtag-demo,Local", want: []string{"gtfs/agency.txt:", "Local"}},
	{name: "agency_timezone Local both", file: "gtfs/agency.txt", old: "", new: "agency_id,agency_name,agency_url,agency_timezone\nnorrtag-demo,A,https://a.example,Local\nsj-norge-demo,B,https://b.example,Local\n", want: []string{"gtfs/agency.txt:2: ", "Local"}},
	{name: "stops.txt Windows-1252", file: "gtfs/stops.txt", old: "Östersund C", new: "\xd6stersund C", want: []string{"gtfs/stops.txt:2", "UTF-8"}},
	{name: "trips.txt NUL", file: "gtfs/trips.txt", old: "SE7101", new: "SE\x007101", want: []string{"gtfs/trips.txt:2", "NUL"}},
	{name: "stop_times.txt unclosed quote", file: "gtfs/stop_times.txt", old: "\nSE7101,06:30", new: "\n\"SE7101,06:30", want: []string{"gtfs/stop_times.txt:2", "never closed"}},
	// availability
	{name: "availability empty", file: "availability/C01.ics", new: "", want: []string{"availability/C01.ics: ", "empty"}},
	{name: "availability bad DTSTART", file: "availability/C01.ics", old: "DTSTART;TZID=Europe/Oslo:20270309T090000", new: "DTSTART;TZID=Europe/Oslo:tomorrow", want: []string{"availability/C01.ics:26: field DTSTART", "date-time"}},
	{name: "availability TZID Local", file: "availability/C01.ics", old: "DTSTART;TZID=Europe/Oslo:20270309T090000", new: "DTSTART;TZID=Local:20270309T090000", want: []string{"availability/C01.ics:26: field DTSTART", "Local"}},
	{name: "availability DTEND before DTSTART", file: "availability/C01.ics", old: "DTEND;TZID=Europe/Oslo:20270309T113000", new: "DTEND;TZID=Europe/Oslo:20270309T080000", want: []string{"availability/C01.ics:27: field DTEND", "before"}},
	{name: "availability INTERVAL overflow", file: "availability/C01.ics", old: "TRANSP:OPAQUE", new: "RRULE:FREQ=WEEKLY;BYDAY=MO;INTERVAL=9223372036854775807\r\nTRANSP:OPAQUE", want: []string{"availability/C01.ics:29: field RRULE", "INTERVAL"}},
	{name: "availability INTERVAL overflow daily", file: "availability/C01.ics", old: "TRANSP:OPAQUE", new: "RRULE:FREQ=DAILY;INTERVAL=9223372036854775807\r\nTRANSP:OPAQUE", want: []string{"availability/C01.ics:29: field RRULE", "INTERVAL"}},
	{name: "availability unsupported RRULE part", file: "availability/C01.ics", old: "TRANSP:OPAQUE", new: "RRULE:FREQ=MONTHLY;BYSETPOS=-1\r\nTRANSP:OPAQUE", want: []string{"availability/C01.ics:29: field RRULE", "BYSETPOS"}},
	{name: "availability not a calendar", file: "availability/C01.ics", new: "Ingrid is busy on Tuesdays\n", want: []string{"availability/C01.ics:1: ", "BEGIN:VCALENDAR"}},
	{name: "availability Windows-1252", file: "availability/C01.ics", old: "Styremøte", new: "Styrem\xf8te", want: []string{"availability/C01.ics:28: ", "UTF-8"}},
	{name: "availability too large", file: "availability/C01.ics", old: "END:VCALENDAR", new: "X-PAD:" + strings.Repeat("x", 5<<20) + "\r\nEND:VCALENDAR", want: []string{"availability/C01.ics: ", "limit of 4.0 MiB"}},
}

// copyDir copies the regular files of src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// tree returns every file under dir with its bytes.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			data, _ := os.ReadFile(path)
			rel, _ := filepath.Rel(dir, path)
			out[rel] = string(data)
		}
		return nil
	})
	return out
}

// earlier returns an output folder of the demo, planned once per test run
// (with the calendars' fixed default DTSTAMP: SOURCE_DATE_EPOCH unset).
func earlier(t *testing.T) string {
	t.Helper()
	earlierOnce.Do(func() {
		dir, err := os.MkdirTemp("", "crossmeet-earlier-*")
		if err != nil {
			panic(err)
		}
		earlierDir = filepath.Join(dir, "out")
		var out, errb bytes.Buffer
		if err := run(t.Context(), []string{"plan", "--out", earlierDir}, strings.NewReader(""), &out, &errb); err != nil {
			panic(errb.String() + err.Error())
		}
	})
	return earlierDir
}

func TestCatalogue(t *testing.T) {
	if len(catalogue) < 100 {
		t.Fatalf("the catalogue has %d inputs, want at least 100", len(catalogue))
	}
	t.Parallel()
	base := earlier(t)
	before := tree(t, base)
	names := map[string]bool{}
	for _, tc := range catalogue {
		if names[tc.name] {
			t.Fatalf("two cases named %q", tc.name)
		}
		names[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "programme")
			copyDir(t, programtest.DemoDir(), dir)
			path := filepath.Join(dir, filepath.FromSlash(tc.file))
			switch {
			case tc.new == deleteFile:
				os.Remove(path)
			case tc.old == "":
				os.WriteFile(path, []byte(tc.new), 0o644)
			default:
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Contains(data, []byte(tc.old)) {
					t.Fatalf("%s holds no %q", tc.file, tc.old)
				}
				os.WriteFile(path, bytes.Replace(data, []byte(tc.old), []byte(tc.new), 1), 0o644)
			}
			checkBroken(t, dir, base, before, tc.want)
		})
	}
}

// checkBroken runs validate and plan on the programme in dir, planning
// into a copy of the earlier output folder base.
func checkBroken(t *testing.T, dir, base string, before map[string]string, want []string) {
	t.Helper()
	code, stdout, stderr := runCLI(t, "validate", "--program", dir)
	if code != 2 {
		t.Fatalf("validate: exit %d, want 2\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	problems := strings.TrimSuffix(stdout, "\n")
	for _, w := range want {
		if !strings.Contains(problems, w) {
			t.Errorf("validate says\n%s\nwant it to contain %q", problems, w)
		}
	}
	if !strings.HasPrefix(problems, "") || !strings.Contains(problems, want[0]) {
		t.Errorf("no problem at %s", want[0])
	}
	out := filepath.Join(t.TempDir(), "out")
	copyDir(t, base, out)
	code, _, stderr = runCLI(t, "plan", "--program", dir, "--out", out)
	if code != 2 {
		t.Fatalf("plan: exit %d, want 2\n%s", code, stderr)
	}
	for _, line := range strings.Split(problems, "\n") {
		if !strings.Contains(stderr, line) {
			t.Errorf("plan does not say what validate says: %q\nplan says:\n%s", line, stderr)
		}
	}
	after := tree(t, out)
	if len(after) != len(before) {
		t.Errorf("plan changed the output folder: %d files, were %d", len(after), len(before))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("plan changed %s", name)
		}
	}
}

// TestCatalogueSpecialFiles: a FIFO or a link to /dev/zero is refused
// before it is read; nothing hangs (issue 14, item 7).
func TestCatalogueSpecialFiles(t *testing.T) {
	t.Parallel()
	base := earlier(t)
	before := tree(t, base)
	cases := []struct {
		name, file string
		make       func(path string) error
		want       []string
	}{
		{"availability FIFO", "availability/C01.ics", func(p string) error { return syscall.Mkfifo(p, 0o644) }, []string{"availability/C01.ics: ", "a FIFO"}},
		{"availability link to /dev/zero", "availability/C01.ics", func(p string) error { return os.Symlink("/dev/zero", p) }, []string{"availability/C01.ics: ", "a device"}},
		{"program.yaml link to /dev/zero", "program.yaml", func(p string) error { return os.Symlink("/dev/zero", p) }, []string{"program.yaml: ", "a device"}},
		{"contacts.csv FIFO", "contacts.csv", func(p string) error { return syscall.Mkfifo(p, 0o644) }, []string{"contacts.csv: ", "a FIFO"}},
		{"places.csv a folder", "places.csv", func(p string) error { return os.Mkdir(p, 0o755) }, []string{"places.csv: ", "a folder"}},
		{"stops.txt link to /dev/zero", "gtfs/stops.txt", func(p string) error { return os.Symlink("/dev/zero", p) }, []string{"stops.txt", "a device"}},
		{"stop_times.txt FIFO", "gtfs/stop_times.txt", func(p string) error { return syscall.Mkfifo(p, 0o644) }, []string{"stop_times.txt", "a FIFO"}},
		{"gtfs.zip FIFO", "gtfs.zip", func(p string) error { return syscall.Mkfifo(p, 0o644) }, []string{"gtfs.zip: cannot read the file", "a FIFO"}},
		{"gtfs.zip not a zip", "gtfs.zip", func(p string) error { return os.WriteFile(p, []byte("not a zip\n"), 0o644) }, []string{"gtfs.zip: not a zip file"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "programme")
			copyDir(t, programtest.DemoDir(), dir)
			path := filepath.Join(dir, filepath.FromSlash(tc.file))
			os.Remove(path)
			if err := tc.make(path); err != nil {
				t.Fatalf("cannot make the special file: %v", err)
			}
			checkBroken(t, dir, base, before, tc.want)
		})
	}
}

var (
	earlierOnce sync.Once
	earlierDir  string
)

// TestMain removes the earlier output folder the tests share.
func TestMain(m *testing.M) {
	code := m.Run()
	if earlierDir != "" {
		os.RemoveAll(filepath.Dir(earlierDir))
	}
	os.Exit(code)
}

func init() {
	catalogue = append(catalogue,
		yamlEdit("trip from its destination", "    from: ostersund-c\n    to: trondheim\n", "    from: trondheim-s\n    to: trondheim\n", "program.yaml:29:9 (trips[1].to)", "the trip goes nowhere"),
		yamlEdit("pin also forbidden", "  capacity: 2\n", "  capacity: 2\n  pin: [\"S01 C01\"]\n  forbid: [\"S01 C01\"]\n", "program.yaml:24:9 (matching.pin[1])", "both pinned and forbidden"),
		yamlEdit("pins past a contact's capacity", "  capacity: 2\n", "  capacity: 2\n  pin: [\"S01 C01\", \"S02 C01\", \"S03 C01\"]\n", "program.yaml:24:31 (matching.pin[3])", "capacity 2"),
		yamlEdit("locked unknown start-up", "  capacity: 2\n", "  capacity: 2\nlocked:\n  - {startup: S99, contact: C01, start: \"2027-03-09 10:00\"}\n", "program.yaml:25:5 (locked[1])", `start-up "S99"`),
		yamlEdit("locked unknown contact", "  capacity: 2\n", "  capacity: 2\nlocked:\n  - {startup: S01, contact: C99, start: \"2027-03-09 10:00\"}\n", "program.yaml:25:5 (locked[1])", `contact "C99"`),
		yamlEdit("locked without a start", "  capacity: 2\n", "  capacity: 2\nlocked:\n  - {startup: S01, contact: C01}\n", "program.yaml:25:5 (locked[1])", "2027-03-09 10:00"),
		yamlEdit("locked at a time in words", "  capacity: 2\n", "  capacity: 2\nlocked:\n  - {startup: S01, contact: C01, start: tomorrow}\n", "program.yaml:25:5 (locked[1])", "tomorrow"),
		yamlEdit("locked twice", "  capacity: 2\n", "  capacity: 2\nlocked:\n  - {startup: S01, contact: C01, start: \"2027-03-09 10:00\"}\n  - {startup: S01, contact: C01, start: \"2027-03-09 14:00\"}\n", "program.yaml:26:5 (locked[2])", "locked twice"),
		yamlEdit("locked and forbidden", "  capacity: 2\n", "  capacity: 2\n  forbid: [\"S01 C01\"]\nlocked:\n  - {startup: S01, contact: C01, start: \"2027-03-09 10:00\"}\n", "program.yaml:26:5 (locked[1])", "both locked and forbidden"),
		yamlEdit("locked before the day starts", "  capacity: 2\n", "  capacity: 2\nlocked:\n  - {startup: S01, contact: C01, start: \"2027-03-09 07:00\"}\n", "program.yaml:25:5 (locked[1])", "meetings.day_start"),
		yamlEdit("locked on a day no trip is away", "  capacity: 2\n", "  capacity: 2\nlocked:\n  - {startup: S01, contact: C01, start: \"2027-04-20 10:00\"}\n", "program.yaml:25:5 (locked[1])", "no trip of S01 may be away on 2027-04-20"),
		yamlEdit("pins past a start-up's maximum", "  capacity: 2\n", "  capacity: 2\n  pin: [\"S01 C01\", \"S01 C02\", \"S01 C03\", \"S01 C04\", \"S01 C05\", \"S01 C06\", \"S01 C07\"]\n", "program.yaml:24:75 (matching.pin[7])", "more than meetings.per_startup.max 6"),
	)
}
