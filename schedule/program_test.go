package schedule_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/schedule"
)

func TestParseClock(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"08:30", "08:30", true},
		{"0:05", "00:05", true},
		{"24:00", "24:00", true},
		{"24:01", "", false},
		{"8.30", "08:30", true},
		{"12:5", "", false},
		{"", "", false},
	}
	for _, tc := range cases {
		c, err := schedule.ParseClock(tc.in)
		if (err == nil) != tc.ok || tc.ok && c.String() != tc.want {
			t.Errorf("ParseClock(%q) = %v, %v; want %q ok=%v", tc.in, c, err, tc.want, tc.ok)
		}
	}
}

func TestTripAway(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	require.NoError(t, err)
	day := func(s string) time.Time {
		d, err := time.ParseInLocation("2006-01-02 15:04", s, oslo)
		require.NoError(t, err)
		return d
	}
	dates := []time.Time{day("2027-03-09 00:00"), day("2027-03-16 00:00")}
	for _, tc := range []struct {
		name      string
		overnight schedule.Overnight
		at        string
		want      bool
	}{
		{"a candidate date", schedule.NoOvernight, "2027-03-16 10:00", true},
		{"the day after, no night", schedule.NoOvernight, "2027-03-10 10:00", false},
		{"the day after, a night allowed", schedule.OvernightAllowed, "2027-03-10 10:00", true},
		{"the day after, a night required", schedule.OvernightRequired, "2027-03-17 08:30", true},
		{"two days after", schedule.OvernightAllowed, "2027-03-11 10:00", false},
		{"the day before", schedule.OvernightAllowed, "2027-03-08 23:59", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			trip := schedule.Trip{ID: "T1", Dates: dates, Overnight: tc.overnight}
			assert.Equal(t, tc.want, trip.Away(day(tc.at)))
		})
	}
}
