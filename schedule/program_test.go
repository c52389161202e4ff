package schedule_test

import (
	"testing"

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
