package calendar_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/crossmeet/crossmeet/internal/csvtable"
	"github.com/crossmeet/crossmeet/schedule/calendar"
)

func vcal(event string) []byte {
	return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTAMP:20270101T000000Z\r\n" +
		event + "END:VEVENT\r\nEND:VCALENDAR\r\n")
}

// TestParseBusyHorizon: a recurring event is expanded over the
// programme's dates, however long ago it started (issue 14, item 5).
func TestParseBusyHorizon(t *testing.T) {
	zone, _ := time.LoadLocation("Europe/Stockholm")
	from := time.Date(2027, 3, 9, 0, 0, 0, 0, zone)
	to := time.Date(2027, 3, 12, 0, 0, 0, 0, zone)
	cases := []struct {
		name string
		ics  string
		want []string
	}{
		{"daily from 2020", "DTSTART;TZID=Europe/Stockholm:20200101T090000\r\nDTEND;TZID=Europe/Stockholm:20200101T100000\r\nRRULE:FREQ=DAILY\r\n",
			[]string{"2027-03-09 09:00", "2027-03-10 09:00", "2027-03-11 09:00"}},
		{"daily from 2020 until 2030", "DTSTART;TZID=Europe/Stockholm:20200101T090000\r\nDTEND;TZID=Europe/Stockholm:20200101T100000\r\nRRULE:FREQ=DAILY;UNTIL=20300101T000000Z\r\n",
			[]string{"2027-03-09 09:00", "2027-03-10 09:00", "2027-03-11 09:00"}},
		{"weekly on Wednesdays from 1990", "DTSTART;TZID=Europe/Stockholm:19900103T140000\r\nDTEND;TZID=Europe/Stockholm:19900103T150000\r\nRRULE:FREQ=WEEKLY;BYDAY=WE\r\n",
			[]string{"2027-03-10 14:00"}},
		{"COUNT already used up", "DTSTART;TZID=Europe/Stockholm:20200101T090000\r\nDTEND;TZID=Europe/Stockholm:20200101T100000\r\nRRULE:FREQ=DAILY;COUNT=100\r\n",
			nil},
		{"COUNT reaching into the horizon", "DTSTART;TZID=Europe/Stockholm:20270301T090000\r\nDTEND;TZID=Europe/Stockholm:20270301T100000\r\nRRULE:FREQ=DAILY;COUNT=10\r\n",
			[]string{"2027-03-09 09:00", "2027-03-10 09:00"}},
		{"weekly BYDAY COUNT counted across skipped weeks", "DTSTART;TZID=Europe/Stockholm:20270101T090000\r\nDTEND;TZID=Europe/Stockholm:20270101T100000\r\nRRULE:FREQ=WEEKLY;BYDAY=TU,WE;COUNT=20\r\n",
			// Tuesdays and Wednesdays from 5 Jan: 20 occurrences end on Wed 10 Mar.
			[]string{"2027-03-09 09:00", "2027-03-10 09:00"}},
		{"monthly on the 31st skips short months", "DTSTART;TZID=Europe/Stockholm:20270131T090000\r\nDTEND;TZID=Europe/Stockholm:20270131T100000\r\nRRULE:FREQ=MONTHLY;COUNT=3\r\n",
			nil}, // 31 Jan, 31 Mar, 31 May: none in 9–12 March
		{"Outlook's Windows zone name", "DTSTART;TZID=\"W. Europe Standard Time\":20270310T100000\r\nDTEND;TZID=\"W. Europe Standard Time\":20270310T110000\r\n",
			[]string{"2027-03-10 10:00"}},
		{"yearly from 1950", "DTSTART;TZID=Europe/Stockholm:19500310T080000\r\nDTEND;TZID=Europe/Stockholm:19500310T090000\r\nRRULE:FREQ=YEARLY\r\n",
			[]string{"2027-03-10 08:00"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := calendar.ParseBusy(vcal(tc.ics), calendar.BusyOptions{Zone: zone, From: from, To: to})
			if err != nil {
				t.Fatal(err)
			}
			var starts []string
			for _, iv := range got {
				starts = append(starts, iv.Start.In(zone).Format("2006-01-02 15:04"))
			}
			if strings.Join(starts, ", ") != strings.Join(tc.want, ", ") {
				t.Errorf("got %q, want %q", starts, tc.want)
			}
		})
	}
}

// TestParseBusyErrors: every error names the file, the line of the
// property and the property; nothing hangs (items 6 and 12).
func TestParseBusyErrors(t *testing.T) {
	zone, _ := time.LoadLocation("Europe/Stockholm")
	cases := []struct {
		name  string
		data  string
		line  int
		field string
		msg   string
	}{
		{"interval overflow, weekly", string(vcal("DTSTART:20270301T090000\r\nDTEND:20270301T100000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;INTERVAL=9223372036854775807\r\n")), 9, "RRULE", "INTERVAL"},
		{"interval overflow, daily", string(vcal("DTSTART:20270301T090000\r\nDTEND:20270301T100000\r\nRRULE:FREQ=DAILY;INTERVAL=9223372036854775807\r\n")), 9, "RRULE", "INTERVAL"},
		{"bad DTSTART", string(vcal("DTSTART:tomorrow\r\n")), 7, "DTSTART", "want a date-time"},
		{"DTEND before DTSTART", string(vcal("DTSTART:20270301T090000\r\nDTEND:20270301T080000\r\n")), 8, "DTEND", "before"},
		{"Local TZID", string(vcal("DTSTART;TZID=Local:20270301T090000\r\nDTEND:20270301T100000\r\n")), 7, "DTSTART", "Local"},
		{"unknown TZID", string(vcal("DTSTART;TZID=Mars/Olympus:20270301T090000\r\nDTEND:20270301T100000\r\n")), 7, "DTSTART", "unknown TZID"},
		{"huge DURATION", string(vcal("DTSTART:20270301T090000\r\nDURATION:P99999999999999999999D\r\n")), 8, "DURATION", "longer than"},
		{"no DTSTART: the event's line", string(vcal("DTEND:20270301T100000\r\n")), 4, "DTSTART", "missing"},
		{"empty file", "", 0, "", "empty"},
		{"blank file", " \r\n\r\n", 0, "", "empty"},
		{"not a calendar", "hello\r\n", 1, "", "BEGIN:VCALENDAR"},
		{"not UTF-8", "BEGIN:VCALENDAR\r\nX-NAME:\xff\r\nEND:VCALENDAR\r\n", 2, "", "UTF-8"},
		{"NUL", "BEGIN:VCALENDAR\r\nX-NAME:a\x00\r\nEND:VCALENDAR\r\n", 2, "", "NUL"},
		{"year 0001", string(vcal("DTSTART:00010101T090000\r\nDTEND:00010101T100000\r\n")), 7, "DTSTART", "year 1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := calendar.ParseBusy([]byte(tc.data), calendar.BusyOptions{Zone: zone, File: "availability/C01.ics"})
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("ParseBusy hangs")
			}
			var pe *csvtable.Error
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a located error", err)
			}
			if pe.File != "availability/C01.ics" || pe.Line != tc.line || pe.Field != tc.field || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %q (line %d, field %q), want line %d, field %q, containing %q", err, pe.Line, pe.Field, tc.line, tc.field, tc.msg)
			}
			if !errors.Is(err, calendar.ErrAvailability) {
				t.Error("the error does not wrap ErrAvailability")
			}
		})
	}
}

// TestParseBusyLimit: a daily rule over a horizon of centuries is an error,
// not millions of intervals.
func TestParseBusyLimit(t *testing.T) {
	from := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := calendar.ParseBusy(vcal("DTSTART:19000101T090000Z\r\nDTEND:19000101T100000Z\r\nRRULE:FREQ=DAILY\r\n"), calendar.BusyOptions{From: from, To: to})
	if err == nil || !strings.Contains(err.Error(), "occurrences") {
		t.Fatalf("got %v, want an error about too many occurrences", err)
	}
}
