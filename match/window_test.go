package match

import (
	"errors"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the machine's zoneinfo
)

func TestParseWindow(t *testing.T) {
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	type day struct {
		y          int
		m          time.Month
		d          int
		ok         bool
		start, end string // "15:04" in Stockholm
	}
	tests := []struct {
		name string
		in   string
		days []day
	}{
		{"one date", "2027-03-09 09:00-12:00", []day{{2027, 3, 9, true, "09:00", "12:00"}, {2027, 3, 10, false, "", ""}}},
		{"weekday range", "mon-fri 08:30-16:00", []day{{2027, 3, 8, true, "08:30", "16:00"}, {2027, 3, 12, true, "08:30", "16:00"}, {2027, 3, 13, false, "", ""}}},
		{"weekday list", "mon,wed 13:00-15:00", []day{{2027, 3, 8, true, "13:00", "15:00"}, {2027, 3, 9, false, "", ""}, {2027, 3, 10, true, "13:00", "15:00"}}},
		{"range over the week end", "fri-mon 10:00-11:00", []day{{2027, 3, 14, true, "10:00", "11:00"}, {2027, 3, 10, false, "", ""}}},
		{"whole weekday", "thu", []day{{2027, 3, 11, true, "00:00", "00:00"}}},
		{"full day name, any case", "Wednesday 10:00-11:00", []day{{2027, 3, 10, true, "10:00", "11:00"}}},
		{"until midnight", "2027-03-09 18:00-24:00", []day{{2027, 3, 9, true, "18:00", "00:00"}}},
		{"Swedish weekdays, times with dots", "mån-fre 09.00-16.00", []day{{2027, 3, 8, true, "09:00", "16:00"}, {2027, 3, 12, true, "09:00", "16:00"}, {2027, 3, 13, false, "", ""}}},
		{"Norwegian weekdays", "man-fre 08:00-15:30", []day{{2027, 3, 8, true, "08:00", "15:30"}, {2027, 3, 14, false, "", ""}}},
		{"Tuesday to Thursday", "tis-tor 13:00-15:00", []day{{2027, 3, 9, true, "13:00", "15:00"}, {2027, 3, 11, true, "13:00", "15:00"}, {2027, 3, 12, false, "", ""}}},
		{"Norwegian Saturday, capitals", "LØR 10:00-12:00", []day{{2027, 3, 13, true, "10:00", "12:00"}}},
		{"Swedish day in full", "lördag 10:00-12:00", []day{{2027, 3, 13, true, "10:00", "12:00"}}},
		{"date after daylight saving starts", "2027-03-29 09:00-10:00", []day{{2027, 3, 29, true, "09:00", "10:00"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := ParseWindow(tt.in)
			if err != nil {
				t.Fatalf("ParseWindow(%q): %v", tt.in, err)
			}
			for _, d := range tt.days {
				start, end, ok := w.On(d.y, d.m, d.d, stockholm)
				if ok != d.ok {
					t.Errorf("On(%d-%d-%d) ok = %v, want %v", d.y, d.m, d.d, ok, d.ok)
					continue
				}
				if !ok {
					continue
				}
				if got := start.Format("15:04"); got != d.start {
					t.Errorf("On(%d-%d-%d) start %s, want %s", d.y, d.m, d.d, got, d.start)
				}
				if got := end.Format("15:04"); got != d.end {
					t.Errorf("On(%d-%d-%d) end %s, want %s", d.y, d.m, d.d, got, d.end)
				}
				if start.Location() != stockholm {
					t.Errorf("start in %v, want Europe/Stockholm", start.Location())
				}
			}
			back, err := ParseWindow(w.String())
			if err != nil || back != w {
				t.Errorf("String() %q does not parse back: %v, %+v", w.String(), err, back)
			}
		})
	}
}

func TestParseWindowErrors(t *testing.T) {
	for _, in := range []string{
		"", "someday 09:00-10:00", "mon-fri 9-10", "mon-fri 10:00-09:00", "mon-fri 10:00-10:00",
		"2027-02-30 09:00-10:00", "mon-fri 25:00-26:00", "mon-fri 09:60-10:00", "mon-fri 09:00-10:00 extra",
		"mon-xyz 09:00-10:00", "2027-03-09 09:00", "24:30",
	} {
		t.Run(in, func(t *testing.T) {
			_, err := ParseWindow(in)
			if !errors.Is(err, ErrBadWindow) {
				t.Errorf("ParseWindow(%q) = %v, want ErrBadWindow", in, err)
			}
		})
	}
}
