package travel

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A table reads a CSV file with a header row, as GTFS and the programme
// folder use: UTF-8 with an optional byte-order mark, quoted fields, LF or
// CRLF line ends, columns in any order.
type table struct {
	file   string
	r      *csv.Reader
	header []string
	cols   map[string]int
	rec    []string
	line   int
	// sizeHint is the file's size in bytes when known, else 0.
	sizeHint int64
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// openTable reads the header of r. An empty file is a table without rows
// or columns.
func openTable(r io.Reader, file string) (*table, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, bom) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	t := &table{file: file, r: cr, cols: map[string]int{}}
	h, err := cr.Read()
	if err == io.EOF {
		return t, nil
	}
	if err != nil {
		return nil, t.csvError(err)
	}
	t.header = make([]string, len(h))
	for i, name := range h {
		name = strings.TrimSpace(name)
		t.header[i] = name
		if _, dup := t.cols[name]; !dup {
			t.cols[name] = i
		}
	}
	return t, nil
}

func (t *table) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if !errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = fmt.Sprintf("column %d: %v", pe.Column, pe.Err)
		}
		return &ParseError{File: t.file, Line: pe.Line, Err: fmt.Errorf("%s: %w", msg, ErrBadValue)}
	}
	return &ParseError{File: t.file, Err: err}
}

// require reports the first of cols that the header lacks.
func (t *table) require(cols ...string) error {
	for _, c := range cols {
		if _, ok := t.cols[c]; !ok {
			return &ParseError{File: t.file, Line: 1, Field: c, Err: ErrMissingColumn}
		}
	}
	return nil
}

// has reports whether the header holds col.
func (t *table) has(col string) bool {
	_, ok := t.cols[col]
	return ok
}

// unknown lists the header's columns that are not in known.
func (t *table) unknown(known ...string) []string {
	var out []string
	for _, h := range t.header {
		found := false
		for _, k := range known {
			if h == k {
				found = true
				break
			}
		}
		if !found {
			out = append(out, h)
		}
	}
	return out
}

// next reads the next row; it returns false at the end of the file.
// Blank lines are skipped by encoding/csv.
func (t *table) next() (bool, error) {
	if t.header == nil {
		return false, nil
	}
	rec, err := t.r.Read()
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, t.csvError(err)
	}
	t.rec = rec
	t.line, _ = t.r.FieldPos(0)
	return true, nil
}

// get returns the trimmed value of col in the current row, "" when the
// file has no such column.
func (t *table) get(col string) string {
	i, ok := t.cols[col]
	if !ok || i >= len(t.rec) {
		return ""
	}
	return strings.TrimSpace(t.rec[i])
}

// errorf returns a ParseError for field of the current row; the message
// ends with the sentinel.
func (t *table) errorf(field string, sentinel error, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return &ParseError{File: t.file, Line: t.line, Field: field, Err: fmt.Errorf("%s: %w", msg, sentinel)}
}
