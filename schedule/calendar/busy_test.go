package calendar_test

import (
	"strings"
	"testing"
	"time"

	"github.com/crossmeet/crossmeet/schedule/calendar"
)

func TestParseBusy(t *testing.T) {
	zone, _ := time.LoadLocation("Europe/Stockholm")
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;TZID=Europe/Oslo:20270309T090000\r\nDTEND;TZID=Europe/Oslo:20270309T100000\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270309T083000Z\r\nDURATION:PT1H\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:c\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;VALUE=DATE:20270310\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:d\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270311T090000\r\nDTEND:20270311T091500\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	got, err := calendar.ParseBusy([]byte(ics), calendar.BusyOptions{Zone: zone})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"2027-03-09T09:00:00+01:00/2027-03-09T10:30:00+01:00", // 09:00-10:00 Oslo and 08:30Z-09:30Z merge
		"2027-03-10T00:00:00+01:00/2027-03-11T00:00:00+01:00", // the all-day event
	}
	if len(got) != len(want) {
		t.Fatalf("got %d intervals %v, want %d", len(got), got, len(want))
	}
	for i, iv := range got {
		s := iv.Start.In(zone).Format(time.RFC3339) + "/" + iv.End.In(zone).Format(time.RFC3339)
		if s != want[i] {
			t.Errorf("interval %d: got %s, want %s", i, s, want[i])
		}
	}
	if _, err := calendar.ParseBusy([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:tomorrow\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), calendar.BusyOptions{Zone: zone}); err == nil {
		t.Error("a bad DTSTART gave no error")
	}
}

func TestParseBusyRecurring(t *testing.T) {
	zone, _ := time.LoadLocation("Europe/Stockholm")
	event := func(lines string) []byte {
		return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTAMP:20270101T000000Z\r\n" +
			lines + "END:VEVENT\r\nEND:VCALENDAR\r\n")
	}
	cases := []struct {
		name  string
		ics   string
		want  []string // starts, local time
		error string
	}{
		{"weekly on two days", "DTSTART;TZID=Europe/Stockholm:20270302T090000\r\nDTEND;TZID=Europe/Stockholm:20270302T100000\r\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4\r\n",
			[]string{"2027-03-02 09:00", "2027-03-04 09:00", "2027-03-09 09:00", "2027-03-11 09:00"}, ""},
		{"every other day until", "DTSTART;TZID=Europe/Stockholm:20270301T130000\r\nDTEND;TZID=Europe/Stockholm:20270301T140000\r\nRRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20270305\r\n",
			[]string{"2027-03-01 13:00", "2027-03-03 13:00", "2027-03-05 13:00"}, ""},
		{"exdate leaves one out", "DTSTART;TZID=Europe/Stockholm:20270301T080000\r\nDTEND;TZID=Europe/Stockholm:20270301T083000\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEXDATE;TZID=Europe/Stockholm:20270302T080000\r\n",
			[]string{"2027-03-01 08:00", "2027-03-03 08:00"}, ""},
		{"weekly across the summer-time change keeps 09:00", "DTSTART;TZID=Europe/Stockholm:20270322T090000\r\nDTEND;TZID=Europe/Stockholm:20270322T093000\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\n",
			[]string{"2027-03-22 09:00", "2027-03-29 09:00"}, ""},
		{"monthly", "DTSTART;TZID=Europe/Stockholm:20270115T100000\r\nDTEND;TZID=Europe/Stockholm:20270115T110000\r\nRRULE:FREQ=MONTHLY;COUNT=3\r\n",
			[]string{"2027-01-15 10:00", "2027-02-15 10:00", "2027-03-15 10:00"}, ""},
		{"unsupported part", "DTSTART;TZID=Europe/Stockholm:20270115T100000\r\nDTEND;TZID=Europe/Stockholm:20270115T110000\r\nRRULE:FREQ=MONTHLY;BYSETPOS=-1\r\n",
			nil, "BYSETPOS is not supported"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := calendar.ParseBusy(event(tc.ics), calendar.BusyOptions{Zone: zone})
			if tc.error != "" {
				if err == nil || !strings.Contains(err.Error(), tc.error) {
					t.Fatalf("got %v, want an error containing %q", err, tc.error)
				}
				return
			}
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
