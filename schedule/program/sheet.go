package program

import (
	"bytes"
	"encoding/csv"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// maxSheetCells bounds how many cells a spreadsheet may hold before it
// is refused, as the CSV size limit bounds a CSV file.
const maxSheetCells = 2_000_000

// maxSheetUnzipped bounds the workbook's parts once inflated: a sheet of
// maxSheetCells short cells is about 100 MB of XML.
var maxSheetUnzipped int64 = 512 << 20 // tests lower it

// sheetCSV turns the first sheet of an .xlsx workbook into the CSV its
// rows would be, so that a start-up or contact list kept in Excel reads
// exactly as the same list saved as CSV: the first row is the header,
// columns in any order, each later row one start-up or contact, and row
// numbers in errors are the sheet's row numbers. Cells are read as Excel
// shows them (formatted values), so dates and times keep the form the
// coordinator typed.
func sheetCSV(data []byte) ([]byte, error) {
	// excelize would inflate up to 16 GB, spilling the sheets to temporary
	// files: a crafted workbook of a few megabytes could fill the disk.
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxSheetUnzipped, UnzipXMLSizeLimit: maxSheetUnzipped})
	if err != nil {
		return nil, fmt.Errorf("not an .xlsx workbook: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("the workbook has no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %w", sheets[0], err)
	}
	defer rows.Close()
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	cells, line := 0, 0
	for rows.Next() {
		line++
		rec, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("sheet %q row %d: %w", sheets[0], line, err)
		}
		cells += len(rec)
		if cells > maxSheetCells {
			return nil, fmt.Errorf("sheet %q has more than %d cells", sheets[0], maxSheetCells)
		}
		// Rows keep their numbers: an empty row stays as an empty line.
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("sheet %q: %w", sheets[0], err)
	}
	w.Flush()
	return out.Bytes(), w.Error()
}
