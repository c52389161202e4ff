package schedule

import (
	"errors"
	"fmt"
	"strings"

	"github.com/crossmeet/crossmeet/internal/csvtable"
)

// Sentinel errors. Test for them with errors.Is.
var (
	// ErrInvalid marks a programme whose files are malformed or
	// contradict each other. Every error LoadProgram returns wraps it.
	ErrInvalid = errors.New("invalid programme")
	// ErrImpossible marks a trip that no travel option can make: no
	// train or car gets there and back within its deadlines.
	ErrImpossible = errors.New("impossible trip")
)

// An InputError is one problem in one file of a programme, with its
// place: File (e.g. "program.yaml", "contacts.csv"), Line and Column
// (1-based; 0 when unknown), Field (e.g. "meetings.duration",
// "trips[1].from") and Err. Its message reads
// "file:line:column (field): message". It is the same type as
// match.ParseError and travel.ParseError, so errors.As finds the place of
// any input problem with one target. Every InputError that LoadProgram
// returns wraps ErrInvalid.
type InputError = csvtable.Error

// Problems is every problem found in a programme, in file order. It is
// the error LoadProgram returns when more than one thing is wrong.
type Problems []error

// Error gives the problems' messages, one a line.
func (p Problems) Error() string {
	msgs := make([]string, len(p))
	for i, e := range p {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap gives errors.Is and errors.As access to each problem.
func (p Problems) Unwrap() []error { return p }

// Is reports ErrInvalid: every collected problem is an input problem.
func (p Problems) Is(target error) bool { return target == ErrInvalid }

// problems collects errors while a programme loads.
type problems struct{ list Problems }

func (p *problems) add(file string, line, col int, field string, format string, args ...any) {
	p.list = append(p.list, &InputError{File: file, Line: line, Column: col, Field: field, Err: invalidErr{fmt.Errorf(format, args...)}})
}

// wrap adds an error returned by a loader, keeping its own location; a
// joined error adds each of its problems.
func (p *problems) wrap(file string, err error) {
	if err == nil {
		return
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			p.wrap(file, e)
		}
		return
	}
	if strings.HasPrefix(err.Error(), file) {
		// The loader already named the file and position.
		p.list = append(p.list, invalidErr{err})
		return
	}
	p.list = append(p.list, &InputError{File: file, Err: invalidErr{err}})
}

func (p *problems) err() error {
	switch len(p.list) {
	case 0:
		return nil
	case 1:
		return p.list[0]
	}
	return p.list
}

// invalidErr marks an error as ErrInvalid without changing its message:
// an InputError's Err, or an error from another package's loader.
type invalidErr struct{ err error }

func (e invalidErr) Error() string        { return e.err.Error() }
func (e invalidErr) Unwrap() error        { return e.err }
func (e invalidErr) Is(target error) bool { return target == ErrInvalid }
