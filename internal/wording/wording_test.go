package wording

import "testing"

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		n          int
		noun, want string
	}{
		{0, "meeting", "0 meetings"},
		{1, "meeting", "1 meeting"},
		{2, "start-up", "2 start-ups"},
		{1, "itinerary", "1 itinerary"},
		{3, "itinerary", "3 itineraries"},
		{2, "day", "2 days"},
		{2, "key", "2 keys"},
	} {
		if got := Plural(tc.n, tc.noun); got != tc.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", tc.n, tc.noun, got, tc.want)
		}
	}
}
