package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strconv"
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
	if !strings.Contains(lines[0], `"instance":"tiny","m":1,"score":12,`) {
		t.Errorf("tiny: %s, want score 12 (both customers fit)", lines[0])
	}
	var s summary
	if err := json.Unmarshal([]byte(lines[2]), &s); err != nil || s.Summary.Instances != 2 {
		t.Errorf("summary %q (%v), want 2 instances", lines[2], err)
	}
}

var seconds = regexp.MustCompile(`"(cpu_)?seconds":[0-9.e-]+`)

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
		{"bad m in best-known", []string{"-bks", "testdata/badm.csv", "testdata/tiny.txt"}, 2, "badm.csv:2: m \"two\""},
		{"single-route table with -m 2", []string{"-m", "2", "-bks", "testdata/bks.csv", "testdata/tiny.txt"}, 2, "no column m"},
		{"bad profile", []string{"-profile", "1s,soon", "testdata/tiny.txt"}, 2, "-profile"},
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

func TestRunBestKnownPerRoutes(t *testing.T) {
	tests := []struct {
		name string
		m    string
		want map[string]float64 // best_known per instance; absent: none
		sum  int                // instances in the summary
	}{
		{"one route", "1", map[string]float64{"tiny": 12, "c101": 320}, 2},
		{"two routes, one blank", "2", map[string]float64{"tiny": 12}, 1},
		{"three routes, none known", "3", map[string]float64{}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runCmd(t, "-bks", "testdata/toptw_bks.csv", "-m", tc.m, "-iterations", "300", "testdata/tiny.txt", solomon+"c101.txt")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			if len(lines) != 3 {
				t.Fatalf("got %d lines, want 2 instances and a summary:\n%s", len(lines), stdout)
			}
			for _, l := range lines[:2] {
				var got line
				if err := json.Unmarshal([]byte(l), &got); err != nil {
					t.Fatalf("%q: %v", l, err)
				}
				want, ok := tc.want[got.Instance]
				switch {
				case !ok && (got.BestKnown != nil || got.GapPercent != nil):
					t.Errorf("%s: best known reported, want none: %s", got.Instance, l)
				case ok && (got.BestKnown == nil || *got.BestKnown != want || got.GapPercent == nil):
					t.Errorf("%s: want best_known %v and a gap: %s", got.Instance, want, l)
				}
				if got.M != len(got.Routes) || tc.m != strconv.Itoa(got.M) {
					t.Errorf("%s: m %d with %d routes, want %s", got.Instance, got.M, len(got.Routes), tc.m)
				}
			}
			var s summary
			if err := json.Unmarshal([]byte(lines[2]), &s); err != nil || s.Summary.Instances != tc.sum {
				t.Errorf("summary %q (%v), want %d instances", lines[2], err, tc.sum)
			}
		})
	}
}

func TestRunProfile(t *testing.T) {
	stdout, stderr, code := runCmd(t, "-bks", "testdata/bks.csv", "-profile", "1s,20ms", solomon+"r101.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want an instance and a summary:\n%s", len(lines), stdout)
	}
	var got line
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Profile) != 2 || got.Profile[0].Limit != "20ms" || got.Profile[1].Limit != "1s" {
		t.Fatalf("profile %+v, want runs at 20ms and 1s in that order", got.Profile)
	}
	for _, p := range got.Profile {
		if p.GapPercent == nil || p.Score <= 0 || p.Score > 198 {
			t.Errorf("profile point %+v: want a score in (0, 198] and a gap", p)
		}
	}
	if last := got.Profile[1]; last.Score != got.Score || last.Stop != got.Stop {
		t.Errorf("line reports %v (%s), want the longest run's %v (%s)", got.Score, got.Stop, last.Score, last.Stop)
	}
	var s summary
	if err := json.Unmarshal([]byte(lines[1]), &s); err != nil || len(s.Summary.Profile) != 2 || s.Summary.Profile[1].Instances != 1 {
		t.Errorf("summary %q (%v), want a profile of two limits", lines[1], err)
	}
}

func TestRunWritesCPUProfile(t *testing.T) {
	prof := t.TempDir() + "/cpu.prof"
	_, stderr, code := runCmd(t, "-cpuprofile", prof, "-iterations", "200", solomon+"c101.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	// A pprof profile is gzip-compressed protocol buffers.
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("%s: %d bytes, not a gzip-compressed profile", prof, len(b))
	}
	if _, _, code := runCmd(t, "-cpuprofile", t.TempDir()+"/no/such/dir/cpu.prof", solomon+"c101.txt"); code != 2 {
		t.Errorf("an unwritable -cpuprofile: exit %d, want 2", code)
	}
}
