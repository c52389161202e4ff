package program

import (
	"errors"
	"fmt"
	"strings"

	"github.com/crossmeet/crossmeet/internal/csvtable"
	"github.com/crossmeet/crossmeet/schedule"
)

// A ParseError is one problem in one file of a programme, with its place:
// File (e.g. "program.yaml", "contacts.csv"), Line and Column (1-based; 0
// when unknown), Field (e.g. "meetings.duration", "trips[1].from") and
// Err. Its message reads "file:line:column (field): message". It is the
// one located input error of the module: match.ParseError,
// travel.ParseError and optw.ParseError are the same type, so errors.As
// finds the place of any input problem with one target. Every ParseError
// that Load returns wraps schedule.ErrInvalid.
type ParseError = csvtable.Error

// Problems is every problem found in a programme, in file order. It is
// the error Load returns when more than one thing is wrong; errors.Is and
// errors.As look into each problem.
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

// problems collects errors while a programme loads.
type problems struct{ list Problems }

func (p *problems) add(file string, line, col int, field string, format string, args ...any) {
	p.list = append(p.list, &ParseError{File: file, Line: line, Column: col, Field: field, Err: invalid(fmt.Errorf(format, args...))})
}

// wrap adds an error returned by a loader. A located error keeps its own
// place; any other error is placed in file. A joined error adds each of
// its problems.
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
	var located *ParseError
	if errors.As(err, &located) {
		p.list = append(p.list, invalid(err))
		return
	}
	p.list = append(p.list, &ParseError{File: file, Err: invalid(err)})
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

// invalidErr marks an error as schedule.ErrInvalid without changing its
// message.
type invalidErr struct{ err error }

func invalid(err error) error { return invalidErr{err} }

func (e invalidErr) Error() string        { return e.err.Error() }
func (e invalidErr) Unwrap() error        { return e.err }
func (e invalidErr) Is(target error) bool { return target == schedule.ErrInvalid }
