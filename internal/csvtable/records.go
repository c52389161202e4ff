package csvtable

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
)

// A Record is one row of a table read whole: the line it starts on and
// its trimmed cells.
type Record struct {
	Line  int
	Cells []string
}

// Get returns the cell of column col (a trimmed, lower-case header name
// in header), "" when there is none.
func (r Record) Get(header map[string]int, col string) string {
	if i, ok := header[col]; ok && i < len(r.Cells) {
		return r.Cells[i]
	}
	return ""
}

// Records reads a whole small table for checks that need every row and
// its line, such as those across the files of a programme: it returns the
// column index of each header name (trimmed, lower case, the first of two
// equal names) and the rows that are not blank, as Open with Columns
// counts them, so that the n-th record is the n-th row a loader returns.
// Its errors are those of Open and Next.
func Records(data []byte, file string) (map[string]int, []Record, error) {
	data = bytes.TrimPrefix(data, bom)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = Separator(data)
	cr.FieldsPerRecord = -1
	header := map[string]int{}
	h, err := cr.Read()
	if err == io.EOF {
		return header, nil, nil
	}
	if err != nil {
		return nil, nil, csvError(file, nil, err)
	}
	if err := checkCells(file, 1, nil, h, nil); err != nil {
		return nil, nil, err
	}
	names := make([]string, len(h))
	for i, name := range h {
		name = strings.ToLower(strings.TrimSpace(name))
		names[i] = name
		if _, dup := header[name]; !dup {
			header[name] = i
		}
	}
	var rows []Record
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return header, rows, nil
		}
		if err != nil {
			return nil, nil, csvError(file, nil, err)
		}
		line, _ := cr.FieldPos(0)
		if err := checkCells(file, line, names, rec, nil); err != nil {
			return nil, nil, err
		}
		blank := true
		cells := make([]string, len(rec))
		for i, f := range rec {
			cells[i] = strings.TrimSpace(f)
			if cells[i] != "" {
				blank = false
			}
		}
		if !blank {
			rows = append(rows, Record{Line: line, Cells: cells})
		}
	}
}
