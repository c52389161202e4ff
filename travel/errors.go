package travel

import (
	"errors"
	"fmt"
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
	ErrMissingColumn = errors.New("required column missing")
	// ErrBadValue: a field does not hold a value of the expected form.
	ErrBadValue = errors.New("bad value")
	// ErrUnknownReference: a field refers to an id that is not defined,
	// such as a stop_id in stop_times.txt that stops.txt does not list.
	ErrUnknownReference = errors.New("unknown reference")
	// ErrDuplicateID: an id is defined twice.
	ErrDuplicateID = errors.New("duplicate id")
)

// A ParseError locates a problem in an input file. Line is 1-based and
// counts the header; Line is 0 when the problem concerns the whole file.
// Field is the column name, empty when the problem concerns the whole row.
type ParseError struct {
	File  string
	Line  int
	Field string
	Err   error
}

func (e *ParseError) Error() string {
	switch {
	case e.Line == 0 && e.Field == "":
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	case e.Line == 0:
		return fmt.Sprintf("%s: column %s: %v", e.File, e.Field, e.Err)
	case e.Field == "":
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: field %s: %v", e.File, e.Line, e.Field, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }
