package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/programtest"
)

// TestPlanFormsTrips plans the demo with its trips replaced by each
// start-up's dates and destination: crossmeet forms the trips, plans
// them and says why in trips-formed.txt.
func TestPlanFormsTrips(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1798761600")
	files := programtest.Demo(t)
	prog := programtest.Load(t, files)
	dates, dest := map[string]string{}, map[string]string{}
	for _, tr := range prog.Trips {
		for _, s := range tr.Startups {
			var ds []string
			for _, d := range tr.Dates {
				ds = append(ds, d.Format("2006-01-02"))
			}
			dates[s], dest[s] = strings.Join(ds, ";"), tr.To
		}
	}
	rows, err := csv.NewReader(bytes.NewReader(files["startups.csv"].Data)).ReadAll()
	require.NoError(t, err)
	rows[0] = append(rows[0], "dates", "destination")
	for i := 1; i < len(rows); i++ {
		rows[i] = append(rows[i], dates[rows[i][0]], dest[rows[i][0]])
	}
	var b bytes.Buffer
	require.NoError(t, csv.NewWriter(&b).WriteAll(rows))
	y := string(files["program.yaml"].Data)
	y = y[:strings.Index(y, "trips:")] + "trips_auto:\n  overnight: allowed\n"

	dir := t.TempDir()
	for name, f := range files {
		data := f.Data
		switch name {
		case "startups.csv":
			data = b.Bytes()
		case "program.yaml":
			data = []byte(y)
		}
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	out := t.TempDir()
	code, _, stderr := runCLI(t, "plan", "--program", dir, "--out", out)
	require.Equal(t, 0, code, stderr)
	text, err := os.ReadFile(filepath.Join(out, "trips-formed.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(text), "travel together")
	data, err := os.ReadFile(filepath.Join(out, "plan.json"))
	require.NoError(t, err)
	var plan struct {
		Trips []struct {
			ID       string   `json:"id"`
			Startups []string `json:"startups"`
			Why      string   `json:"why"`
		} `json:"trips"`
	}
	require.NoError(t, json.Unmarshal(data, &plan))
	planText, err := os.ReadFile(filepath.Join(out, "plan.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, plan.Trips)
	assert.Contains(t, string(planText), plan.Trips[0].Why, "plan.txt says it too")
	n := 0
	for _, tr := range plan.Trips {
		assert.True(t, strings.HasPrefix(tr.ID, "F"), tr.ID)
		assert.NotEmpty(t, tr.Why, "plan.json says why trip %s was formed so", tr.ID)
		n += len(tr.Startups)
	}
	assert.Equal(t, len(dates), n, "every start-up of the demo's trips travels")
}
