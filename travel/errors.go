package travel

import (
	"errors"
	"io"
	"io/fs"

	"github.com/crossmeet/crossmeet/internal/csvtable"
	"github.com/crossmeet/crossmeet/internal/regular"
)

// Sentinel errors. Errors returned by this package wrap one of them, so
// callers test with errors.Is.
var (
	// ErrNoJourney: the timetable holds no journey that satisfies the query.
	ErrNoJourney = errors.New("no journey found")
	// ErrUnknownStop: a stop id or name is not in the feed.
	ErrUnknownStop = errors.New("unknown stop")
	// ErrAmbiguousStop: a stop name names several stations.
	ErrAmbiguousStop = errors.New("ambiguous stop name")
	// ErrNoRoad: a road leg was asked for a mode that does not use roads
	// (train, bus, ferry) or is unknown.
	ErrNoRoad = errors.New("no road estimate for this mode")
	// ErrMissingFile: a file that GTFS requires is absent.
	ErrMissingFile = errors.New("required file missing")
	// ErrMissingColumn: a column that the file requires is absent.
	ErrMissingColumn = csvtable.ErrMissingColumn
	// ErrBadValue: a field does not hold a value of the expected form.
	ErrBadValue = errors.New("bad value")
	// ErrUnknownReference: a field refers to an id that is not defined,
	// such as a stop_id in stop_times.txt that stops.txt does not list.
	ErrUnknownReference = errors.New("unknown reference")
	// ErrDuplicateID: an id is defined twice.
	ErrDuplicateID = csvtable.ErrDuplicateID
	// ErrNotRegular: a feed file is a FIFO, device or socket. Feeds are
	// read from regular files only (a symbolic link is followed), so that
	// a FIFO cannot hang a load and /dev/zero cannot fill memory.
	ErrNotRegular = regular.ErrNotRegular
	// ErrTooLarge: a feed's zip inflates past MaxZipRatio (a zip bomb).
	ErrTooLarge = regular.ErrTooLarge
)

// CheckRegular returns an error wrapping ErrNotRegular that says what a
// file of mode m is (a FIFO, a device, …), or nil for a regular file or a
// folder: the check LoadFeeds makes before it opens a feed's file.
func CheckRegular(m fs.FileMode) error { return regular.Check(m) }

// A ParseError locates a problem in an input file: File, Line (1-based,
// counting the header; 0 when the problem concerns the whole file),
// Column (1-based field number; 0 when unknown), Field (the column name,
// empty when the problem concerns the whole row) and Err, which wraps one
// of the sentinels above. It is the type every crossmeet package uses for
// located input errors, so errors.As with a *ParseError also finds one
// from package match.
type ParseError = csvtable.Error

// openTable reads the header of a CSV table in the GTFS dialect; its
// errors wrap this package's sentinels.
func openTable(r io.Reader, file string) (*csvtable.Table, error) {
	return csvtable.Open(r, file, csvtable.Options{ErrBadValue: ErrBadValue, ErrMissingColumn: ErrMissingColumn, FieldOnly: true})
}
