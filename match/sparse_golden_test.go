package match

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// sparseGolden is the assignment of the sparse benchmark's problem
// (synthetic start-ups and contacts, scored under the cross-border
// rule, assigned with capacity 2, minimum 2, maximum 6) at 800 × 8,000,
// one line per meeting: start-up, contact, score.
const sparseGolden = "testdata/sparse_assignment.golden"

// TestSparseSameAssignment checks that Assign still chooses exactly the
// meetings it chose at commit 25bd075 on the sparse benchmark's input
// (BenchmarkSparse's generator at 800 × 8,000 instead of 2,000 ×
// 20,000: 73,421 pairs, 4,800 meetings), so that the work on the
// conversion and the solvers changes no choice among tied optima.
//
// The golden file was written by the code of 25bd075, not by the code
// under test: this file was copied into a worktree at that commit
// (`git worktree add /tmp/old25 25bd075`) and run there with
//
//	MATCH_WRITE_GOLDEN=$PWD/match/testdata/sparse_assignment.golden \
//	    go test -run '^TestSparseSameAssignment$' ./match
//
// (in that mode the test writes the file instead of comparing). The
// full-size 2,000 × 20,000 assignment (452,422 pairs, 12,000 meetings)
// was compared the same way, old against new, when the file was made;
// it was identical.
func TestSparseSameAssignment(t *testing.T) {
	startups, contacts := synthetic(1, 800, 8000, 20, 2000, true)
	ctx := context.Background()
	pairs, err := Score(ctx, startups, contacts, Options{CrossBorder: true})
	require.NoError(t, err)
	a, err := Assign(ctx, startups, contacts, pairs, AssignOptions{Capacity: 2, Min: 2, Max: 6})
	require.NoError(t, err)
	var sb strings.Builder
	for _, m := range a.Meetings {
		sb.WriteString(m.Startup + " " + m.Contact + " " + strconv.FormatFloat(m.Score, 'g', -1, 64) + "\n")
	}
	got := sb.String()
	if out := os.Getenv("MATCH_WRITE_GOLDEN"); out != "" {
		require.NoError(t, os.WriteFile(out, []byte(got), 0o644))
		t.Skipf("wrote %s", out)
	}
	data, err := os.ReadFile(filepath.FromSlash(sparseGolden))
	require.NoError(t, err)
	want := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	have := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	for i := range min(len(want), len(have)) {
		require.Equal(t, want[i], have[i], "meeting %d of %d", i+1, len(want))
	}
	require.Len(t, have, len(want), "meetings")
	require.Len(t, want, 4800, "the golden file's meetings")
}
