// Package examples holds the embedded demo programme and runnable programs
// that use crossmeet as a library.
//
// The demo programme (folder demo/) is illustrative: its people, companies
// and timetable are invented or approximated for demonstration, and are not
// any operator's timetable or any real person's data.
package examples

import (
	"embed"
	"io/fs"
)

//go:embed all:demo
var demo embed.FS

// Demo returns the embedded demo programme folder: program.yaml,
// startups.csv, contacts.csv, places.csv, gtfs/ and availability/.
func Demo() fs.FS {
	sub, err := fs.Sub(demo, "demo")
	if err != nil {
		panic(err) // the embedded tree always has demo/
	}
	return sub
}
