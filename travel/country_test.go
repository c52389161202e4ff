package travel_test

import (
	"testing"
	_ "time/tzdata"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/travel"
)

func TestCountryZone(t *testing.T) {
	cases := []struct{ country, want string }{
		{"SE", "Europe/Stockholm"}, {"no", "Europe/Oslo"}, {" DK ", "Europe/Copenhagen"}, {"FI", "Europe/Helsinki"},
	}
	for _, tc := range cases {
		loc, ok := travel.CountryZone(tc.country)
		require.True(t, ok, tc.country)
		assert.Equal(t, tc.want, loc.String())
	}
	for _, c := range []string{"ES", "US", "", "XX"} {
		_, ok := travel.CountryZone(c)
		assert.False(t, ok, "%q has no single zone in the table", c)
	}
}
