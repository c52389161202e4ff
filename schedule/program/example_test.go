package program_test

import (
	"fmt"
	"log"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule/program"
)

// LoadDir reads a programme folder on disk, here the demo's (its
// timetable is a folder of .txt files, so nothing is cached; zips in
// gtfs/ would get a cache file each).
func ExampleLoadDir() {
	prog, err := program.LoadDir(programtest.DemoDir())
	if err != nil {
		log.Fatal(err) // every problem, with file, line and field
	}
	fmt.Println(len(prog.Startups), "start-ups,", len(prog.Contacts), "contacts,", len(prog.Trips), "trips, timetable:", prog.Feed != nil)
	// Output: 16 start-ups, 44 contacts, 6 trips, timetable: true
}
