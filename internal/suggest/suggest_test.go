package suggest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/crossmeet/crossmeet/internal/suggest"
)

func TestNearest(t *testing.T) {
	places := []string{"prastgatan", "ostersund-c", "trondheim-s", "are", "storlien"}
	keys := []string{"name", "timezone", "coordinator", "meetings", "travel", "matching", "trips"}
	cases := []struct {
		name, word string
		from       []string
		want       string
	}{
		{"one letter off", "prastgatn", places, "prastgatan"},
		{"a Nordic letter", "prästgatan", places, "prastgatan"},
		{"transposed", "trondhiem-s", places, "trondheim-s"},
		{"letter case", "Storlien", places, "storlien"},
		{"key", "timzone", keys, "timezone"},
		{"key plural", "trip", keys, "trips"},
		{"nothing near", "gothenburg", places, ""},
		{"too short to guess", "xy", places, ""},
		{"empty", "", places, ""},
		{"the word itself", "are", places, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, suggest.Nearest(tc.word, tc.from))
		})
	}
}

func TestNearestTie(t *testing.T) {
	assert.Equal(t, "", suggest.Nearest("cat", []string{"bat", "hat"}), "two equally near names: no guess")
}
