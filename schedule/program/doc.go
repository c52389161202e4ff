// Package program reads a programme folder into a schedule.Program.
//
// A programme folder is what a coordinator keeps (see docs/design.md):
//
//	program.yaml          name, time zone, coordinator, rules, trips
//	startups.csv          one row per start-up (package match reads it)
//	contacts.csv          one row per contact (package match reads it)
//	places.csv            stations, offices, venues, hotels (package travel)
//	gtfs/ or gtfs.zip     the timetable as a GTFS feed (package travel)
//	availability/ID.ics   a contact's busy times (package calendar reads them)
//
// Load reads every file, checks each value and the references between
// files (a trip's start-ups and places, pins and forbids, contacts'
// places), and returns every problem it found at once, each a *ParseError
// naming file, line, column and field, all wrapping schedule.ErrInvalid.
// program.yaml is read as a YAML node tree, so every key and value keeps
// the line and column it was written at; unknown keys are found by
// walking that tree against the keys program.yaml takes.
//
// Load takes any fs.FS (the embedded demo, a test's fstest.MapFS);
// LoadDir reads a folder on disk the same way and keeps what a
// programme uses of each timetable zip in a cache file next to it
// (travel.LoadOptions.Cache), so that the national feeds are read once
// per change, not on every run.
package program
