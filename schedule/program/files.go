package program

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/crossmeet/crossmeet/internal/regular"
	"github.com/crossmeet/crossmeet/travel"
)

// The limits of a programme folder. Each is far above what a programme of
// a few hundred people needs and low enough that a wrong or crafted file
// is an error within a second instead of exhausting memory. See
// docs/limits.md.
const (
	MaxYAMLBytes     = 1 << 20  // program.yaml
	MaxTableBytes    = 16 << 20 // startups.csv, contacts.csv, places.csv, each
	MaxCalendarBytes = 4 << 20  // each availability/ID.ics
	MaxCalendars     = 10000    // files in availability/
	// MaxCalendarsBytes bounds availability/ in all: a thousand contacts'
	// calendars of 100 KiB each are a tenth of it.
	MaxCalendarsBytes = 1 << 30
	// MaxFeedBytes bounds all files of gtfs/ or of gtfs.zip once inflated:
	// room for the Swedish and the Norwegian national feeds together
	// (docs/timetables.md), which the loader streams (and, with several
	// feeds, keeps only the programme's dates). A crafted zip is stopped
	// by MaxZipRatio first.
	MaxFeedBytes  = 16 << 30
	MaxZipEntries = 1000 // files in gtfs.zip
	// MaxZipRatio bounds how much one gtfs.zip entry of more than a
	// megabyte may inflate: timetables compress 5 to 30 times, a zip bomb
	// thousands of times.
	MaxZipRatio = travel.MaxZipRatio
	MaxTrips    = 1000 // trips in program.yaml
	MaxDates    = 366  // candidate dates of one trip
	MaxScalar   = 1024 // bytes of one program.yaml value
	MaxName     = 200  // characters of a programme, coordinator or trip name
	MaxID       = 64   // bytes of a start-up, contact or trip id
	MaxCount    = 1000 // meetings per start-up, meetings per contact
)

// calendarsBytes is MaxCalendarsBytes; tests lower it.
var calendarsBytes int64 = MaxCalendarsBytes

// Errors of reading a file, wrapped by the located errors Load returns.
var (
	// ErrNotRegular: the path is a FIFO, device, socket or folder. Load
	// reads regular files only (a symbolic link is followed and its
	// target must be one), so that a FIFO cannot hang it and /dev/zero
	// cannot fill memory.
	ErrNotRegular = regular.ErrNotRegular
	// ErrTooLarge: a file, or the inflated feed, is past its limit.
	ErrTooLarge = regular.ErrTooLarge
)

// guardFS is the view of a folder or zip that the timetable loader gets:
// regular files only, and at most budget bytes read in all.
type guardFS struct {
	fsys   fs.FS
	budget *int64
}

func (g guardFS) Open(name string) (fs.File, error) {
	st, err := fs.Stat(g.fsys, name)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return g.fsys.Open(name)
	}
	if err := regular.CheckInfo(st, *g.budget); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	f, err := g.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return &guardFile{File: f, g: g, name: name}, nil
}

type guardFile struct {
	fs.File
	g    guardFS
	name string
}

// ReadAt lets a zip be read in place, without a copy in memory, when
// the file underneath can; what it reads counts against the budget.
func (f *guardFile) ReadAt(p []byte, off int64) (int, error) {
	ra, ok := f.File.(io.ReaderAt)
	if !ok {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: errors.ErrUnsupported}
	}
	p, err := f.room(p)
	if err != nil {
		return 0, err
	}
	n, err := ra.ReadAt(p, off)
	*f.g.budget -= int64(n)
	return n, err
}

// room cuts p to what is left of the budget, or fails when nothing is.
func (f *guardFile) room(p []byte) ([]byte, error) {
	if *f.g.budget <= 0 {
		return nil, &fs.PathError{Op: "read", Path: f.name, Err: fmt.Errorf("%w: the timetable is more than %s", ErrTooLarge, regular.Size(MaxFeedBytes))}
	}
	return p[:min(int64(len(p)), *f.g.budget)], nil
}

func (f *guardFile) Read(p []byte) (int, error) {
	p, err := f.room(p)
	if err != nil {
		return 0, err
	}
	n, err := f.File.Read(p)
	*f.g.budget -= int64(n)
	return n, err
}

// checkZip refuses a gtfs.zip whose entries would inflate past the limits.
func checkZip(zr *zip.Reader) error {
	if len(zr.File) > MaxZipEntries {
		return fmt.Errorf("%w: %d files, more than %d", ErrTooLarge, len(zr.File), MaxZipEntries)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > MaxFeedBytes {
			return fmt.Errorf("%w: the files inflate to more than %s", ErrTooLarge, regular.Size(MaxFeedBytes))
		}
	}
	return travel.CheckZip(zr)
}
