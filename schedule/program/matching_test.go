package program_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule/program"
)

// TestLoadMatchingKeys: the scoring settings of package match can be set
// in program.yaml (issue 10): min_score, synonyms, languages, weights.
func TestLoadMatchingKeys(t *testing.T) {
	y := strings.Replace(fmt.Sprintf(minimalYAML, "S01"), "trips:", `matching:
  min_score: 0.3
  synonyms: [[fjällsäkerhet, fjellsikkerhet, mountain safety]]
  languages: [[sv, no], [fi, et]]
  weights: {person: 0.9, role_alone: 0.1}
trips:`, 1)
	prog, err := program.Load(withYAML(t, y))
	require.NoError(t, err)
	o := prog.Matching.Weights
	assert.Equal(t, 0.3, o.MinScore)
	assert.Equal(t, [][]string{{"fjällsäkerhet", "fjellsikkerhet", "mountain safety"}}, o.Synonyms)
	assert.Equal(t, [][]string{{"sv", "no"}, {"fi", "et"}}, o.Languages)
	require.NotNil(t, o.Weights)
	want := match.DefaultWeights()
	want.Person, want.RoleAlone = 0.9, 0.1
	assert.Equal(t, want, *o.Weights, "keys not given keep match's defaults")

	score, _ := prog.MatchOptions()
	assert.Equal(t, 0.3, score.MinScore, "the planner and crossmeet match get them")
}

func TestLoadMatchingKeyErrors(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"min_score not a number", "  min_score: high\n", "program.yaml:3:14 (matching.min_score)"},
		{"weight out of range", "  weights: {tag: 3}\n", "matching.weights.tag"},
		{"unknown weight", "  weights: {colour: 1}\n", "unknown key"},
		{"one-word synonym group", "  synonyms: [[alone]]\n", "matching.synonyms[1]"},
		{"synonyms not a list of lists", "  synonyms: [a, b]\n", "matching.synonyms[1]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			y := strings.Replace(fmt.Sprintf(minimalYAML, "S01"), "trips:", "matching:\n"+tc.yaml+"trips:", 1)
			_, err := program.Load(withYAML(t, y))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
