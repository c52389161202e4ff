package calendar_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/crossmeet/crossmeet/internal/csvtable"
	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule/calendar"
)

// FuzzParseBusy fuzzes availability files: iCalendar syntax, times,
// durations and RRULE expansion over a programme's horizon. Every error
// is located and wraps ErrAvailability; nothing panics or hangs.
func FuzzParseBusy(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(programtest.DemoDir(), "availability", "*.ics"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, rule := range []string{
		"FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE;INTERVAL=2", "FREQ=MONTHLY;COUNT=5", "FREQ=YEARLY;UNTIL=20300101",
		"FREQ=WEEKLY;BYDAY=MO;INTERVAL=9223372036854775807", "FREQ=DAILY;COUNT=99999999999", "FREQ=MONTHLY;UNTIL=20270101T000000Z",
	} {
		f.Add(vcal("DTSTART;TZID=Europe/Oslo:20200131T090000\r\nDURATION:PT1H\r\nRRULE:" + rule + "\r\nEXDATE;TZID=Europe/Oslo:20270310T090000\r\n"))
	}
	zone, _ := time.LoadLocation("Europe/Stockholm")
	from := time.Date(2027, 3, 1, 0, 0, 0, 0, zone)
	to := time.Date(2027, 4, 2, 0, 0, 0, 0, zone)
	f.Fuzz(func(t *testing.T, data []byte) {
		busy, err := calendar.ParseBusy(data, calendar.BusyOptions{Zone: zone, From: from, To: to, File: "availability/X.ics"})
		if err != nil {
			var pe *csvtable.Error
			if !errors.As(err, &pe) || pe.File != "availability/X.ics" || !errors.Is(err, calendar.ErrAvailability) {
				t.Fatalf("unlocated error: %v", err)
			}
			return
		}
		for _, iv := range busy {
			if !iv.End.After(iv.Start) {
				t.Fatalf("empty interval %v", iv)
			}
		}
	})
}

// FuzzPreviousCalendar fuzzes the earlier calendars read from --out: the
// writer gives calendars or an error, never a panic or a negative
// SEQUENCE.
func FuzzPreviousCalendar(f *testing.F) {
	v0, err := calendar.Files(calFixture(), calDirectory(), calOpts)
	if err != nil {
		f.Fatal(err)
	}
	for _, data := range v0 {
		f.Add(data)
	}
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSEQUENCE:9223372036854775807\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VEVENT\r\n BEGIN:VEVENT\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := calOpts
		opts.Previous = map[string][]byte{"S01.ics": data, "coordinator.ics": data}
		files, err := calendar.Files(calFixture(), calDirectory(), opts)
		if err != nil {
			if !errors.Is(err, calendar.ErrPreviousCalendar) {
				t.Fatalf("error is not ErrPreviousCalendar: %v", err)
			}
			return
		}
		for _, s := range calSequences(files["coordinator.ics"]) {
			if len(s) == 0 || s[0] == '-' {
				t.Fatalf("SEQUENCE %q", s)
			}
		}
	})
}
