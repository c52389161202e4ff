package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"

	"github.com/crossmeet/crossmeet/internal/programtest"
)

// outlookBusy is an availability file as Outlook exports it: Windows
// time-zone names as TZID, with the file's own VTIMEZONE.
const outlookBusy = "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\n" +
	"BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n" +
	"BEGIN:STANDARD\r\nDTSTART:16011028T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n" +
	"BEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\n" +
	"END:VTIMEZONE\r\n" +
	"BEGIN:VEVENT\r\nUID:040000008200E00074C5B7101A82E0080000000010\r\nDTSTAMP:20270201T080000Z\r\n" +
	"DTSTART;TZID=\"W. Europe Standard Time\":20270309T080000\r\nDTEND;TZID=\"W. Europe Standard Time\":20270309T180000\r\n" +
	"SUMMARY;LANGUAGE=sv:Styrelsemöte\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

// TestCoordinatorsFilesAsTheyCome: start-up and contact lists saved by
// Excel in a Nordic locale (; between fields, Windows-1252, CRLF),
// availability written with Swedish and Norwegian day names and 09.00
// times, and an Outlook availability file go through validate and plan
// with no edit (issue 13); the Outlook busy day is kept free.
func TestCoordinatorsFilesAsTheyCome(t *testing.T) {
	files := programtest.Demo(t)
	excel := func(data []byte, edit func(string) string) []byte {
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		require.NoError(t, err)
		for _, row := range rows {
			for i := range row {
				row[i] = edit(row[i])
			}
		}
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Comma, w.UseCRLF = ';', true
		require.NoError(t, w.WriteAll(rows))
		out, err := charmap.Windows1252.NewEncoder().Bytes(b.Bytes())
		require.NoError(t, err)
		return out
	}
	same := func(s string) string { return s }
	nordic := strings.NewReplacer("mon-fri", "mån-fre", "tue-thu", "tis-tor", "09:00", "09.00", "16:00", "16.00")
	dir := t.TempDir()
	for name, f := range files {
		data := f.Data
		switch name {
		case "startups.csv":
			data = excel(data, same)
		case "contacts.csv":
			data = excel(data, nordic.Replace)
		}
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	contacts, err := os.ReadFile(filepath.Join(dir, "contacts.csv"))
	require.NoError(t, err)
	require.Contains(t, string(contacts), "m\xe5n-fre 09.00", "the file is as Excel saves it")
	// C03 meets on the first trip's day in the demo; Outlook says that day is taken.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "availability", "C03.ics"), []byte(outlookBusy), 0o644))

	code, stdout, stderr := runCLI(t, "validate", "--program", dir)
	require.Equal(t, 0, code, "validate:\n%s%s", stdout, stderr)
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr = runCLI(t, "plan", "--program", dir, "--out", out)
	require.Equal(t, 0, code, "plan:\n%s", stderr)
	assert.Contains(t, stderr, "read as Windows-1252")

	data, err := fs.ReadFile(os.DirFS(out), "plan.json")
	require.NoError(t, err)
	var plan struct {
		Trips []struct {
			Meetings []struct {
				Contact string `json:"contact"`
				Start   string `json:"start"`
			} `json:"meetings"`
		} `json:"trips"`
	}
	require.NoError(t, json.Unmarshal(data, &plan))
	meetings := 0
	for _, tp := range plan.Trips {
		for _, m := range tp.Meetings {
			meetings++
			if m.Contact == "C03" {
				assert.False(t, strings.HasPrefix(m.Start, "2027-03-09"), "C03 is busy all of 2027-03-09 by the Outlook file, got a meeting at %s", m.Start)
			}
		}
	}
	assert.Positive(t, meetings)
}
