package csvtable

import (
	"errors"
	"fmt"
	"strings"
)

// An Error locates a problem in an input file. Line is 1-based and
// counts the header; Column is the 1-based field number. Either is 0 when
// the problem concerns the whole file or the whole row. Field names the
// column (or, for other files, the key) at fault, empty when there is
// none.
type Error struct {
	File   string
	Line   int
	Column int
	Field  string
	Err    error
}

// Error formats the error as "file:line:column (field): message" when
// the column is known, else as "file:line: field name: message", leaving
// out the parts that are zero.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	switch {
	case e.Line > 0 && e.Column > 0:
		fmt.Fprintf(&b, ":%d", e.Column)
		if e.Field != "" {
			fmt.Fprintf(&b, " (%s)", e.Field)
		}
		b.WriteString(": ")
	case e.Field != "":
		fmt.Fprintf(&b, ": field %s: ", e.Field)
	default:
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error, such as a caller's sentinel.
func (e *Error) Unwrap() error { return e.Err }

// wrapf formats a message that ends with sentinel, or stands alone when
// sentinel is nil.
func wrapf(sentinel error, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if sentinel == nil {
		return fmt.Errorf("%s", msg)
	}
	return fmt.Errorf("%s: %w", msg, sentinel)
}

// Sentinels that more than one package reports. Each package re-exports
// them under the same name (match.ErrDuplicateID is travel.ErrDuplicateID),
// so errors.Is gives one answer whichever loader found the problem.
var (
	// ErrDuplicateID: an id is defined twice.
	ErrDuplicateID = errors.New("duplicate id")
	// ErrMissingColumn: a column that the file requires is absent.
	ErrMissingColumn = errors.New("missing column")
	// ErrUnknownID: a reference names an id that is not defined.
	ErrUnknownID = errors.New("unknown id")
)
