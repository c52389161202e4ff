package clock_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/crossmeet/crossmeet/internal/clock"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want int
		ok   bool
	}{
		{"08:30", 510, true},
		{"8:30", 510, true},
		{"08.30", 510, true},
		{" 09:00 ", 540, true},
		{"0:05", 5, true},
		{"24:00", 1440, true},
		{"24:01", 0, false},
		{"12:5", 0, false},
		{"12:60", 0, false},
		{"+1:30", 0, false},
		{"-1:30", 0, false},
		{"123:00", 0, false},
		{"0x1:00", 0, false},
		{"", 0, false},
		{"noon", 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := clock.Parse(tc.in)
			if !tc.ok {
				assert.Error(t, err)
				return
			}
			assert.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"08:30", "8.30", "24:00", "", ":", "99:99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := clock.Parse(s)
		if err == nil && (m < 0 || m > 24*60) {
			t.Fatalf("Parse(%q) = %d, outside the day", s, m)
		}
	})
}
