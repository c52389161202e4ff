package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMatchBeforeTrips: a coordinator checks the matches before deciding
// the trips: crossmeet match works on a programme whose program.yaml has
// trips: [] and whose contacts have no places (issue 10), while plan
// still refuses it.
func TestMatchBeforeTrips(t *testing.T) {
	dir := t.TempDir()
	demo, err := os.ReadFile(filepath.Join("..", "..", "examples", "demo", "startups.csv"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "startups.csv"), demo, 0o644))
	contacts, err := os.ReadFile(filepath.Join("..", "..", "examples", "demo", "contacts.csv"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "contacts.csv"), contacts, 0o644))
	yaml := "name: Before the trips\ncoordinator: {name: Kari, email: kari@example.org}\nmatching:\n  capacity: 2\ntrips: []\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "program.yaml"), []byte(yaml), 0o644))

	code, stdout, stderr := runCLI(t, "match", "--program", dir)
	require.Equal(t, 0, code, "stderr: %s", stderr)
	assert.Regexp(t, regexp.MustCompile(`^\d+ meetings for 16 start-ups`), stdout)

	code, _, stderr = runCLI(t, "plan", "--program", dir, "--out", t.TempDir())
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "no trips to plan")
}
