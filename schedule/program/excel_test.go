package program_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule/program"
)

// asExcelSaves rewrites a CSV file as Excel saves "CSV (semikolonavgränsad)"
// in a Swedish or Norwegian Windows: ; between fields, CRLF line ends,
// Windows-1252 bytes.
func asExcelSaves(t *testing.T, data []byte) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	require.NoError(t, err)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = ';', true
	require.NoError(t, w.WriteAll(rows))
	out, err := charmap.Windows1252.NewEncoder().Bytes(b.Bytes())
	require.NoError(t, err, "the demo's text fits Windows-1252")
	return out
}

// TestExcelCSV: start-up and contact lists saved by Excel in a Nordic
// locale load as the UTF-8, comma-separated originals do, with a warning
// about the conversion (issue 13).
func TestExcelCSV(t *testing.T) {
	want := programtest.LoadDemo(t)
	files := programtest.Demo(t)
	for _, name := range []string{"startups.csv", "contacts.csv", "places.csv"} {
		files[name] = &fstest.MapFile{Data: asExcelSaves(t, files[name].Data)}
	}
	got, err := program.Load(files)
	require.NoError(t, err)
	assert.Equal(t, want.Startups, got.Startups)
	assert.Equal(t, want.Contacts, got.Contacts)
	assert.Equal(t, want.Places, got.Places)
	assert.Contains(t, strings.Join(got.Warnings, "\n"), "startups.csv: read as Windows-1252")
}

// TestStartupsFromAWorkbook: startups.xlsx stands in for startups.csv.
func TestStartupsFromAWorkbook(t *testing.T) {
	want := programtest.LoadDemo(t)
	files := programtest.Demo(t)
	rows, err := csv.NewReader(bytes.NewReader(files["startups.csv"].Data)).ReadAll()
	require.NoError(t, err)
	f := excelize.NewFile()
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, c := range row {
			cells[j] = c
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &cells))
	}
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	delete(files, "startups.csv")
	files["startups.xlsx"] = &fstest.MapFile{Data: buf.Bytes()}
	got, err := program.Load(files)
	require.NoError(t, err)
	assert.Equal(t, want.Startups, got.Startups)
}

// TestWorkbookBomb: a workbook whose parts inflate past the limit
// (lowered here to 1 MiB) is refused before excelize inflates it (by
// default excelize inflates up to 16 GB, spilling to temporary files).
func TestWorkbookBomb(t *testing.T) {
	files := programtest.Demo(t)
	f := excelize.NewFile()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"id", "name", "country", "home", "industry", "needs", "wishes", "languages", "team"}))
	// A long comment of one repeated letter: 2 MiB that deflate to a few KiB.
	long := strings.Repeat("x", 2<<20)
	require.NoError(t, f.SetCellValue("Sheet1", "A2", long[:32767]))
	require.NoError(t, f.SetDocProps(&excelize.DocProperties{Description: long}))
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	delete(files, "startups.csv")
	files["startups.xlsx"] = &fstest.MapFile{Data: buf.Bytes()}
	defer program.SetSheetUnzipped(1 << 20)()
	_, err = program.Load(files)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "startups.xlsx: not an .xlsx workbook: unzip size exceeds")
}

// TestPlaceZoneFromCountry: a place without a timezone column is in its
// country's zone, not the programme's (issue 13).
func TestPlaceZoneFromCountry(t *testing.T) {
	files := programtest.Demo(t)
	y := strings.Replace(string(files["program.yaml"].Data), "timezone: Europe/Stockholm", "timezone: Europe/Oslo", 1)
	require.NotEqual(t, string(files["program.yaml"].Data), y, "the demo names its zone")
	files["program.yaml"] = &fstest.MapFile{Data: []byte(y)}
	places := strings.NewReplacer(",Europe/Stockholm\n", ",\n", ",Europe/Oslo\n", ",\n").Replace(string(files["places.csv"].Data))
	require.NotContains(t, places, "Europe/Stockholm")
	files["places.csv"] = &fstest.MapFile{Data: []byte(places)}
	prog, err := program.Load(files)
	require.NoError(t, err)
	pl, ok := prog.Place("ostersund-c")
	require.True(t, ok)
	assert.Equal(t, "Europe/Stockholm", pl.TimeZone.String())
}

// TestDidYouMean: an unknown place or key gets the nearest known one
// (issue 13).
func TestDidYouMean(t *testing.T) {
	cases := []struct{ name, old, new, want string }{
		{"mistyped place", "from: ostersund-c", "from: ostersund-cc", "did you mean ostersund-c?"},
		{"mistyped key", "keep_score:", "keep_scor:", "did you mean keep_score?"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := programtest.Demo(t)
			y := strings.Replace(string(files["program.yaml"].Data), tc.old, tc.new, 1)
			require.NotEqual(t, string(files["program.yaml"].Data), y)
			files["program.yaml"] = &fstest.MapFile{Data: []byte(y)}
			_, err := program.Load(files)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestDurationWithoutUnit: "duration: 45" gets the hint to write 45m.
func TestDurationWithoutUnit(t *testing.T) {
	files := programtest.Demo(t)
	y := strings.Replace(string(files["program.yaml"].Data), "duration: 45m", "duration: 45", 1)
	require.NotEqual(t, string(files["program.yaml"].Data), y)
	files["program.yaml"] = &fstest.MapFile{Data: []byte(y)}
	_, err := program.Load(files)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "such as 45m for minutes")
}
