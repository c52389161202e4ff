package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/crossmeet/crossmeet/schedule"
)

// sheetHeader are the columns of meetings.csv and meetings.xlsx.
var sheetHeader = []string{"trip", "date", "start", "end", "startup_id", "startup", "contact_id", "contact", "organisation", "role", "place", "reasons"}

// sheetRows are the meetings of a plan, one row per meeting, by trip
// and start time; the reasons in the programme's language.
func (b *book) sheetRows() [][]string {
	var rows [][]string
	for _, tp := range b.plan.Trips {
		ms := append([]schedule.Meeting(nil), tp.Meetings...)
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start.Before(ms[j].Start) })
		for _, m := range ms {
			start, end := b.local(m.Start, m.Place), b.local(m.End, m.Place)
			rows = append(rows, []string{clean(tp.ID), start.Format("2006-01-02"), start.Format("15:04"), end.Format("15:04"),
				clean(m.Startup), b.startupName(m.Startup), clean(m.Contact), b.contactName(m.Contact), clean(b.org[m.Contact]),
				clean(b.role[m.Contact]), b.place(m.Place), strings.Join(b.lang.reasons(m.Reasons, true), "; ")})
		}
	}
	return rows
}

// MeetingsCSV renders meetings.csv: one row per meeting (trip, date,
// start, end, start-up, contact, organisation, role, place, reasons),
// UTF-8 with a byte-order mark so that Excel reads the Nordic letters.
func MeetingsCSV(p *schedule.Plan, dir schedule.Directory, o Options) []byte {
	b := newBook(p, dir, o)
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write(sheetHeader)
	_ = w.WriteAll(b.sheetRows())
	return buf.Bytes()
}

// MeetingsXLSX renders meetings.xlsx: the rows of meetings.csv in a
// sheet named Meetings, the date and times as Excel dates and times,
// with a frozen, filterable header. stamp is the workbook's creation
// time (zero means 2000-01-01), so the same plan gives the same file.
func MeetingsXLSX(p *schedule.Plan, dir schedule.Directory, o Options, stamp time.Time) ([]byte, error) {
	b := newBook(p, dir, o)
	if stamp.IsZero() {
		stamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Meetings"
	fail := func(err error) ([]byte, error) { return nil, fmt.Errorf("writing meetings.xlsx: %w", err) }
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fail(err)
	}
	iso := stamp.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Created: iso, Modified: iso, Creator: "crossmeet", Title: clean(p.Program)}); err != nil {
		return fail(err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fail(err)
	}
	dateFmt, timeFmt := "yyyy-mm-dd", "hh:mm"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return fail(err)
	}
	timeStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &timeFmt})
	if err != nil {
		return fail(err)
	}
	for c, h := range sheetHeader {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		if err := f.SetCellStr(sheet, cell, h); err != nil {
			return fail(err)
		}
	}
	rows := b.sheetRows()
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			var err error
			switch c {
			case 1: // date: an Excel date serial
				d, _ := time.Parse("2006-01-02", v)
				err = f.SetCellFloat(sheet, cell, excelDays(d), 0, 64)
				if err == nil {
					err = f.SetCellStyle(sheet, cell, cell, dateStyle)
				}
			case 2, 3: // times: a fraction of a day
				t, _ := time.Parse("15:04", v)
				err = f.SetCellFloat(sheet, cell, float64(t.Hour()*60+t.Minute())/(24*60), -1, 64)
				if err == nil {
					err = f.SetCellStyle(sheet, cell, cell, timeStyle)
				}
			default:
				err = f.SetCellStr(sheet, cell, v)
			}
			if err != nil {
				return fail(err)
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(sheetHeader), 1)
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return fail(err)
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fail(err)
	}
	corner, _ := excelize.CoordinatesToCellName(len(sheetHeader), len(rows)+1)
	if err := f.AutoFilter(sheet, "A1:"+corner, nil); err != nil {
		return fail(err)
	}
	widths := []float64{6, 11, 7, 7, 10, 26, 10, 22, 28, 24, 30, 80}
	for c, wd := range widths {
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return fail(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return fail(err)
	}
	return buf.Bytes(), nil
}

// excelDays is the Excel serial number of a day: days since 1899-12-30
// (the 1900 date system, with its leap-year quirk folded into the epoch).
func excelDays(d time.Time) float64 {
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	y, m, dd := d.Date()
	return float64(time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Sub(epoch).Hours() / 24)
}
