package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/crossmeet/crossmeet/internal/cli"
	"github.com/crossmeet/crossmeet/schedule/optw"
)

const solomon = "../../schedule/optw/testdata/"

// runCmd runs the command and returns stdout, stderr and the exit code.
func runCmd(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	code := cli.ExitCode("optw", err, &errb)
	return out.String(), errb.String(), code
}

func TestRunReportsFeasibleRoutesAndGaps(t *testing.T) {
	stdout, stderr, code := runCmd(t, "-bks", "testdata/bks.csv", "-iterations", "2000", "testdata/tiny.txt", solomon+"c101.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want 2 instances and a summary:\n%s", len(lines), stdout)
	}
	files := map[string]string{"tiny": "testdata/tiny.txt", "c101": solomon + "c101.txt"}
	bks := map[string]float64{"tiny": 12, "c101": 320}
	for _, l := range lines[:2] {
		var got line
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		f, err := os.Open(files[got.Instance])
		if err != nil {
			t.Fatalf("instance %q: %v", got.Instance, err)
		}
		in, err := optw.LoadSolomon(f, optw.Trunc1)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := in.Check(got.Routes); err != nil {
			t.Errorf("%s: printed an infeasible route: %v", got.Instance, err)
		}
		score := 0.0
		for _, v := range got.Routes[0] {
			score += in.Nodes[v].Value
		}
		if score != got.Score {
			t.Errorf("%s: score %v, but the route is worth %v", got.Instance, got.Score, score)
		}
		if got.BestKnown == nil || *got.BestKnown != bks[got.Instance] || got.GapPercent == nil {
			t.Fatalf("%s: best_known/gap missing or wrong: %s", got.Instance, l)
		}
		if want := 100 * (bks[got.Instance] - score) / bks[got.Instance]; *got.GapPercent != want {
			t.Errorf("%s: gap %v, want %v", got.Instance, *got.GapPercent, want)
		}
	}
	if !strings.Contains(lines[0], `"instance":"tiny","score":12,`) {
		t.Errorf("tiny: %s, want score 12 (both customers fit)", lines[0])
	}
	var s summary
	if err := json.Unmarshal([]byte(lines[2]), &s); err != nil || s.Summary.Instances != 2 {
		t.Errorf("summary %q (%v), want 2 instances", lines[2], err)
	}
}

var seconds = regexp.MustCompile(`"seconds":[0-9.e-]+`)

func TestRunDeterministic(t *testing.T) {
	args := []string{"-seed", "3", "-iterations", "1500", "-m", "2", "-time", "1m", solomon + "r101.txt", solomon + "rc104.txt"}
	a, _, ca := runCmd(t, args...)
	b, _, cb := runCmd(t, args...)
	if ca != 0 || cb != 0 {
		t.Fatalf("exit %d, %d", ca, cb)
	}
	a, b = seconds.ReplaceAllString(a, ""), seconds.ReplaceAllString(b, "")
	if a != b {
		t.Errorf("two runs with seed 3 differ:\n%s\n%s", a, b)
	}
	if !strings.Contains(a, `"routes":[[0,`) || !strings.Contains(a, `],[0,`) {
		t.Errorf("want two routes per instance with -m 2:\n%s", a)
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no files", nil, 2, "no instance files"},
		{"unknown flag", []string{"-fast", "testdata/tiny.txt"}, 2, "-fast"},
		{"unknown distance", []string{"-distance", "round", "testdata/tiny.txt"}, 2, "unknown distance rule"},
		{"no routes", []string{"-m", "0", "testdata/tiny.txt"}, 2, "-m 0"},
		{"missing file", []string{"testdata/nothere.txt"}, 2, "nothere.txt"},
		{"malformed file", []string{"testdata/broken.txt"}, 2, "broken.txt: optw: line 4, column 10: node 1 score"},
		{"bad best-known", []string{"-bks", "testdata/badbks.csv", "testdata/tiny.txt"}, 2, "badbks.csv:2"},
		{"help", []string{"-help"}, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runCmd(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.msg)
			}
			if tc.code != 0 && strings.Contains(stdout, "instance") {
				t.Errorf("printed results despite the error: %s", stdout)
			}
			if tc.name == "help" && !strings.Contains(stdout, "Usage: optw") {
				t.Errorf("help went to %q, want usage on stdout", stdout)
			}
		})
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	err := run(ctx, []string{"testdata/tiny.txt"}, nil, &out, &errb)
	if !errors.Is(err, context.Canceled) || cli.ExitCode("optw", err, &errb) != 1 {
		t.Errorf("got %v, want context.Canceled and exit 1", err)
	}
}
