package csvtable

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"unicode/utf8"
)

// Options set how strictly Open reads a table. The zero value reads a
// GTFS table.
type Options struct {
	// Columns, when not nil, maps each accepted header name, in lower
	// case, to the name of its column; several names may map to one
	// column (aliases). Header names are then trimmed and lower-cased
	// before the look-up; a name not in Columns is unknown (see Unknown)
	// and a column given twice is an error. Columns also turns on the
	// leniency of hand-edited files: a row may have fewer fields than the
	// header (the missing cells read as empty), a row of blank cells is
	// skipped, and every cell must be valid UTF-8.
	//
	// When Columns is nil, every trimmed header name is a column, the
	// first of two equal names wins, and every row must have as many
	// fields as the header.
	Columns map[string]string
	// ErrBadValue is the sentinel wrapped by errors in the file's form:
	// CSV syntax, field counts, duplicate columns, invalid UTF-8, and by
	// nothing else. Nil wraps none.
	ErrBadValue error
	// ErrMissingColumn is the sentinel wrapped by Require's errors. Nil
	// wraps none.
	ErrMissingColumn error
	// FieldOnly makes Errorf and Wrap locate a cell by line and field
	// name, leaving Column 0, so that the message reads
	// "file:line: field name: …" as package travel's always have.
	FieldOnly bool
}

// A Table reads a CSV file with a header row one row at a time.
type Table struct {
	file    string
	opts    Options
	r       *csv.Reader
	header  []string // column name of each field; "" for unknown ones
	cols    map[string]int
	unknown []string
	rec     []string
	line    int
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// Open reads the header of r; file names r in errors. An empty file is a
// table without rows or columns (Header returns nil).
func Open(r io.Reader, file string, o Options) (*Table, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, bom) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	// The separator is the header's (Excel in a Nordic locale writes ;).
	head, _ := br.Peek(br.Size())
	cr.Comma = Separator(head)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1 // Next checks the count, to say which field is extra
	t := &Table{file: file, opts: o, r: cr, cols: map[string]int{}}
	h, err := cr.Read()
	if err == io.EOF {
		return t, nil
	}
	if err != nil {
		return nil, t.csvError(err)
	}
	if err := checkCells(file, 1, nil, h, o.ErrBadValue); err != nil {
		return nil, err
	}
	t.header = make([]string, len(h))
	for i, name := range h {
		if o.Columns == nil {
			name = strings.TrimSpace(name)
			t.header[i] = name
			if _, dup := t.cols[name]; !dup {
				t.cols[name] = i
			}
			continue
		}
		canon, ok := o.Columns[strings.ToLower(strings.TrimSpace(name))]
		if !ok {
			t.unknown = append(t.unknown, fmt.Sprintf("%s:1:%d: unknown column %q ignored", file, i+1, name))
			continue
		}
		if _, dup := t.cols[canon]; dup {
			return nil, &Error{File: file, Line: 1, Column: i + 1, Field: canon, Err: wrapf(o.ErrBadValue, "column given twice")}
		}
		t.cols[canon] = i
		t.header[i] = canon
	}
	return t, nil
}

// csvError locates an error from encoding/csv.
func (t *Table) csvError(err error) error { return csvError(t.file, t.opts.ErrBadValue, err) }

func csvError(file string, sentinel, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine > 0 && pe.StartLine != pe.Line {
			// A quote that never closes swallows the rest of the file:
			// the parser gives up far below; the fault is where the
			// quoted field opened.
			return &Error{File: file, Line: pe.StartLine, Err: wrapf(sentinel,
				"a quoted field opened in the row starting here is never closed (the reader gave up on line %d)", pe.Line)}
		}
		return &Error{File: file, Line: pe.Line, Column: pe.Column, Err: wrapf(sentinel, "%v", pe.Err)}
	}
	return &Error{File: file, Err: err}
}

// MaxCell is the longest cell, in bytes, a table may hold: far above any
// name, list of tags or GTFS value, and low enough that a runaway cell
// (a missing quote, a pasted document) is an error instead of being
// copied into every output.
const MaxCell = 8 << 10

// checkCells checks that every cell is UTF-8 and at most MaxCell bytes.
func checkCells(file string, line int, header []string, rec []string, sentinel error) error {
	for i, f := range rec {
		field := ""
		if i < len(header) {
			field = header[i]
		}
		if len(f) > MaxCell {
			return &Error{File: file, Line: line, Column: i + 1, Field: field, Err: wrapf(sentinel, "cell is %d bytes long, more than the limit of %d", len(f), MaxCell)}
		}
		if !utf8.ValidString(f) {
			return &Error{File: file, Line: line, Column: i + 1, Field: field, Err: wrapf(sentinel, "cell is not UTF-8; save the file as UTF-8")}
		}
		if strings.IndexByte(f, 0) >= 0 {
			return &Error{File: file, Line: line, Column: i + 1, Field: field, Err: wrapf(sentinel, "cell holds a NUL byte")}
		}
	}
	return nil
}

// File returns the file name given to Open.
func (t *Table) File() string { return t.file }

// Header returns the column name of each field of the header row, as
// Get takes them; unknown columns are "". It is nil for an empty file.
func (t *Table) Header() []string { return t.header }

// Unknown returns a warning, "file:1:N: unknown column "name" ignored",
// for each header name that Options.Columns lacks.
func (t *Table) Unknown() []string { return t.unknown }

// Require returns an error for the first of cols that the header lacks.
func (t *Table) Require(cols ...string) error {
	for _, c := range cols {
		if _, ok := t.cols[c]; !ok {
			return &Error{File: t.file, Line: 1, Field: c, Err: wrapf(t.opts.ErrMissingColumn, "header has no %q column", c)}
		}
	}
	return nil
}

// Has reports whether the header holds col.
func (t *Table) Has(col string) bool {
	_, ok := t.cols[col]
	return ok
}

// Rows iterates over the table's rows, each step yielding nil for a row
// now readable with Get, or the error that ends the table:
//
//	for err := range t.Rows() {
//		if err != nil {
//			return err
//		}
//		id := t.Get("stop_id")
//	}
func (t *Table) Rows() iter.Seq[error] {
	return func(yield func(error) bool) {
		for {
			ok, err := t.Next()
			if err != nil {
				yield(err)
				return
			}
			if !ok || !yield(nil) {
				return
			}
		}
	}
}

// Next reads the next row; it returns false at the end of the file.
func (t *Table) Next() (bool, error) {
	if t.header == nil {
		return false, nil
	}
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, t.csvError(err)
		}
		t.rec = rec
		t.line, _ = t.r.FieldPos(0)
		if n := len(t.header); len(rec) > n {
			return false, &Error{File: t.file, Line: t.line, Column: n + 1, Err: wrapf(t.opts.ErrBadValue, "row has %d fields, the header %d", len(rec), n)}
		} else if len(rec) < n && t.opts.Columns == nil {
			return false, &Error{File: t.file, Line: t.line, Err: wrapf(t.opts.ErrBadValue, "row has %d fields, the header %d", len(rec), n)}
		}
		if err := checkCells(t.file, t.line, t.header, rec, t.opts.ErrBadValue); err != nil {
			return false, err
		}
		if t.opts.Columns == nil {
			return true, nil
		}
		blank := true
		for _, f := range rec {
			if blank && strings.TrimSpace(f) != "" {
				blank = false
			}
		}
		if !blank {
			return true, nil
		}
	}
}

// Line returns the line on which the current row starts.
func (t *Table) Line() int { return t.line }

// Get returns the trimmed cell of col in the current row, "" when the
// file has no such column or the row no such field.
func (t *Table) Get(col string) string {
	i, ok := t.cols[col]
	if !ok || i >= len(t.rec) {
		return ""
	}
	return strings.TrimSpace(t.rec[i])
}

// Errorf returns an *Error at col of the current row whose message,
// formatted from format and args, ends with sentinel.
func (t *Table) Errorf(col string, sentinel error, format string, args ...any) error {
	return t.Wrap(col, wrapf(sentinel, format, args...))
}

// Wrap locates err at col of the current row.
func (t *Table) Wrap(col string, err error) error {
	c := 0
	if i, ok := t.cols[col]; ok && !t.opts.FieldOnly {
		c = i + 1
	}
	return &Error{File: t.file, Line: t.line, Column: c, Field: col, Err: err}
}
