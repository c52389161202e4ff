package main

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "-version", "version"} {
		t.Run(arg, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, arg)
			require.Equal(t, 0, code, stderr)
			assert.Regexp(t, `^crossmeet \S+ \(.*`+regexp.QuoteMeta(runtime.Version())+`\)\n$`, stdout)
		})
	}
	old := version
	version = "v9.8.7"
	t.Cleanup(func() { version = old })
	_, stdout, _ := runCLI(t, "--version")
	assert.True(t, strings.HasPrefix(stdout, "crossmeet v9.8.7 "), stdout)
}

// TestPlanWritesEveryOutput: the output set of the demo, and a second
// run that removes the agenda of someone no longer in the plan.
func TestPlanWritesEveryOutput(t *testing.T) {
	out := t.TempDir()
	stale := filepath.Join(out, "agenda", "GONE.html")
	require.NoError(t, os.MkdirAll(filepath.Dir(stale), 0o755))
	require.NoError(t, os.WriteFile(stale, []byte("old"), 0o644))
	code, _, stderr := runCLI(t, "plan", "--out", out)
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr, "no progress line when stderr is no terminal")
	for _, name := range []string{"plan.json", "plan.txt", "index.html", "indicators.json", "indicators.csv",
		"meetings.csv", "meetings.xlsx", "agenda/S01.html", "agenda/C01.html", "ics/S01.ics", "ics/coordinator.ics"} {
		st, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
		if assert.NoError(t, err, name) {
			assert.NotZero(t, st.Size(), name)
		}
	}
	_, err := os.Stat(stale)
	assert.True(t, os.IsNotExist(err), "the stale agenda is removed: %v", err)
}

func TestPlanLang(t *testing.T) {
	cases := []struct{ lang, want string }{{"no", "Reise T1, tirsdag 9. mars 2027"}, {"en", "Trip T1, Tuesday 9 March 2027"}, {"sv", "Resa T1, tisdag 9 mars 2027"}}
	for _, tc := range cases {
		t.Run(tc.lang, func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := runCLI(t, "plan", "--lang", tc.lang, "--out", out)
			require.Equal(t, 0, code, stderr)
			text, err := os.ReadFile(filepath.Join(out, "plan.txt"))
			require.NoError(t, err)
			assert.Contains(t, string(text), tc.want)
		})
	}
	code, _, stderr := runCLI(t, "plan", "--lang", "fi", "--out", t.TempDir())
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `--lang "fi": want sv, no or en`)
}

// TestInitEmpty: the minimal programme is commented, validates and plans
// as it is.
func TestInitEmpty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mine")
	code, stdout, stderr := runCLI(t, "init", "--empty", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "wrote a minimal programme (4 files)")
	yaml, err := os.ReadFile(filepath.Join(dir, "program.yaml"))
	require.NoError(t, err)
	assert.Contains(t, string(yaml), "# ")
	code, stdout, stderr = runCLI(t, "validate", "--program", dir)
	require.Equal(t, 0, code, "validate: %s%s", stdout, stderr)
	assert.Contains(t, stdout, "is valid: 1 start-up, 2 contacts, 3 places, 1 trip, no timetable")
	out := t.TempDir()
	code, _, stderr = runCLI(t, "plan", "--program", dir, "--out", out)
	require.Equal(t, 0, code, stderr)
	_, err = os.Stat(filepath.Join(out, "agenda", "S1.html"))
	assert.NoError(t, err)
}

// TestProgressOnTerminal: on a terminal, plan shows what it does on one
// line of stderr and clears it before the summary; stdout is unchanged.
func TestProgressOnTerminal(t *testing.T) {
	old := isTerminal
	isTerminal = func(io.Writer) bool { return true }
	t.Cleanup(func() { isTerminal = old })
	code, stdout, stderr := runCLI(t, "plan", "--out", t.TempDir())
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "\rreading the programme … ")
	assert.Contains(t, stderr, "\rplanning 6 trips … ")
	assert.True(t, strings.HasSuffix(stderr, "\r\x1b[K"), "the line is cleared: %q", stderr)
	assert.NotContains(t, stdout, "\r")
}

func TestIsTerminal(t *testing.T) {
	null, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer null.Close()
	assert.False(t, isTerminal(null), "the null device is no terminal")
	f, err := os.CreateTemp(t.TempDir(), "x")
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f), "a file is no terminal")
	assert.False(t, isTerminal(&strings.Builder{}))
}
