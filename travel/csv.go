package travel

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"iter"
	"strings"
	"unicode/utf8"
)

// table reads one GTFS file, a CSV table with a header row, in the
// dialect of the GTFS reference (https://gtfs.org/schedule/reference/#file-requirements):
// UTF-8 with an optional byte-order mark, fields separated by commas and
// quoted with " when needed (RFC 4180), LF or CRLF line ends, empty lines
// skipped. A row with fewer fields than the header reads the missing
// trailing cells as empty, as the reference validators do; a row with
// more fields is an error. Invalid UTF-8 and NUL bytes are errors. Rows
// are streamed: the table keeps one row, in a buffer it reuses, so a
// stop_times.txt of any size costs only what the caller keeps.
//
// It is this package's own reader rather than internal/csvtable because
// feeds are large: a row costs no allocation, and GetBytes hands out the
// cell without copying.
type table struct {
	file   string
	r      *bufio.Reader
	header []string
	cols   map[string]int
	line   int // line on which the current row starts
	next   int // line of the next read
	rec    []byte
	ends   []int // end offset in rec of each field
	starts []int
	buf    []byte // a line longer than the reader's buffer
	own    []byte // unquoted fields
	src    []byte // a quoted record, lines joined
	eof    bool
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func openGTFS(r io.Reader, file string) (*table, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, bom) {
		br.Discard(3)
	}
	t := &table{file: file, r: br, cols: map[string]int{}, next: 1}
	ok, err := t.read()
	if err != nil {
		return nil, err
	}
	if !ok {
		return t, nil
	}
	t.header = make([]string, len(t.starts))
	for i := range t.starts {
		name := strings.TrimSpace(string(t.field(i)))
		t.header[i] = name
		if _, dup := t.cols[name]; !dup {
			t.cols[name] = i
		}
	}
	return t, nil
}

func (t *table) errorAt(line, col int, format string, args ...any) error {
	return &ParseError{File: t.file, Line: line, Column: col, Err: fmt.Errorf(format+": %w", append(args, ErrBadValue)...)}
}

// readLine returns the next physical line without its line end; the
// slice is valid until the next read.
func (t *table) readLine() ([]byte, bool, error) {
	b, err := t.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		t.buf = append(t.buf[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = t.r.ReadSlice('\n')
			t.buf = append(t.buf, b...)
		}
		b = t.buf
	}
	if err == io.EOF {
		if len(b) == 0 {
			return nil, false, nil
		}
		err = nil
	}
	if err != nil {
		return nil, false, &ParseError{File: t.file, Line: t.next, Err: err}
	}
	t.next++
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b, true, nil
}

// read reads the next non-empty record into rec, starts and ends.
func (t *table) read() (bool, error) {
	for {
		if t.eof {
			return false, nil
		}
		t.line = t.next
		l, ok, err := t.readLine()
		if err != nil {
			return false, err
		}
		if !ok {
			t.eof = true
			return false, nil
		}
		if len(l) == 0 {
			continue
		}
		t.rec = l
		if err := t.split(); err != nil {
			return false, err
		}
		if i := bytes.IndexByte(t.rec, 0); i >= 0 {
			return false, t.errorAt(t.line, t.colOf(i), "NUL byte")
		}
		if !utf8.Valid(t.rec) {
			for i := 0; i < len(t.rec); {
				r, n := utf8.DecodeRune(t.rec[i:])
				if r == utf8.RuneError && n <= 1 {
					return false, t.errorAt(t.line, t.colOf(i), "invalid UTF-8")
				}
				i += n
			}
		}
		return true, nil
	}
}

func (t *table) colOf(off int) int {
	for i, e := range t.ends {
		if off <= e {
			return i + 1
		}
	}
	return len(t.ends)
}

// split cuts rec into fields, unquoting them in place; a quoted field may
// span lines, which are then read and appended.
func (t *table) split() error {
	t.starts, t.ends = t.starts[:0], t.ends[:0]
	if bytes.IndexByte(t.rec, '"') < 0 {
		s := 0
		for i, c := range t.rec {
			if c == ',' {
				t.starts, t.ends = append(t.starts, s), append(t.ends, i)
				s = i + 1
			}
		}
		t.starts, t.ends = append(t.starts, s), append(t.ends, len(t.rec))
		return nil
	}
	// Quoted fields: rewrite rec as the unquoted fields, back to back.
	src := append(t.src[:0], t.rec...)
	out := t.own[:0]
	i := 0
	for {
		s := len(out)
		if i < len(src) && src[i] == '"' {
			i++
			for {
				if i >= len(src) {
					l, ok, err := t.readLine()
					if err != nil {
						return err
					}
					if !ok {
						return t.errorAt(t.line, len(t.starts)+1, "a quoted field opened in the row starting here is never closed")
					}
					src = append(append(src, '\n'), l...)
					continue
				}
				c := src[i]
				if c == '"' {
					if i+1 < len(src) && src[i+1] == '"' {
						out = append(out, '"')
						i += 2
						continue
					}
					i++
					break
				}
				out = append(out, c)
				i++
			}
			if i < len(src) && src[i] != ',' {
				return t.errorAt(t.line, len(t.starts)+1, `extraneous or missing " in quoted field`)
			}
		} else {
			for i < len(src) && src[i] != ',' {
				if src[i] == '"' {
					return t.errorAt(t.line, len(t.starts)+1, `bare " in non-quoted field`)
				}
				out = append(out, src[i])
				i++
			}
		}
		t.starts, t.ends = append(t.starts, s), append(t.ends, len(out))
		if i >= len(src) {
			break
		}
		i++ // the comma
	}
	t.rec, t.own, t.src = out, out, src
	return nil
}

func (t *table) field(i int) []byte { return t.rec[t.starts[i]:t.ends[i]] }

func (t *table) File() string { return t.file }

// Require returns an error for the first of cols that the header lacks.
func (t *table) Require(cols ...string) error {
	for _, c := range cols {
		if _, ok := t.cols[c]; !ok {
			return &ParseError{File: t.file, Line: 1, Field: c, Err: fmt.Errorf("header has no %q column: %w", c, ErrMissingColumn)}
		}
	}
	return nil
}

// Has reports whether the header holds col.
func (t *table) Has(col string) bool {
	_, ok := t.cols[col]
	return ok
}

// Next reads the next row; false at the end of the file.
func (t *table) Next() (bool, error) {
	if t.header == nil {
		return false, nil
	}
	ok, err := t.read()
	if err != nil || !ok {
		return false, err
	}
	if n := len(t.header); len(t.starts) > n {
		return false, &ParseError{File: t.file, Line: t.line, Column: n + 1, Err: fmt.Errorf("row has %d fields, the header %d: %w", len(t.starts), n, ErrBadValue)}
	}
	return true, nil
}

// Rows iterates over the rows, yielding nil for a row readable with Get
// or the error that ends the table.
func (t *table) Rows() iter.Seq[error] {
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

// Line returns the line on which the current row starts.
func (t *table) Line() int { return t.line }

// Index returns the field number of col, -1 when the header lacks it.
func (t *table) Index(col string) int {
	if i, ok := t.cols[col]; ok {
		return i
	}
	return -1
}

// GetBytes returns the trimmed cell of field i (from Index) of the
// current row, nil when absent; it is valid until the next row.
func (t *table) GetBytes(i int) []byte {
	if i < 0 || i >= len(t.starts) {
		return nil
	}
	return bytes.TrimSpace(t.field(i))
}

// Get returns the trimmed cell of col in the current row, "" when the
// file has no such column or the row is shorter.
func (t *table) Get(col string) string {
	return string(t.GetBytes(t.Index(col)))
}

// Errorf returns a *ParseError at col of the current row whose message
// ends with sentinel.
func (t *table) Errorf(col string, sentinel error, format string, args ...any) error {
	return &ParseError{File: t.file, Line: t.line, Field: col, Err: fmt.Errorf(format+": %w", append(args, sentinel)...)}
}

// Header returns the column names of the header row, nil for an empty
// file.
func (t *table) Header() []string { return t.header }
