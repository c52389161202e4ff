package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/crossmeet/crossmeet/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// runCLI runs the command line and returns its exit status and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	code = cli.ExitCode("crossmeet", err, &errb)
	return code, out.String(), errb.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/crossmeet -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (rerun with -update after checking):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestPlanDemo(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1798761600")
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "plan", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	golden(t, "plan-demo.txt", strings.ReplaceAll(stdout, out, "OUT"))
	text, err := os.ReadFile(filepath.Join(out, "plan.txt"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "plan-demo-plan.txt", string(text))
	for _, name := range []string{"plan.json", "ics/coordinator.ics"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("plan wrote no %s: %v", name, err)
		}
	}
}

// TestInitThenPlan: init writes the demo; planning that folder gives the
// same plan as planning the embedded demo.
func TestInitThenPlan(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1798761600")
	dir := filepath.Join(t.TempDir(), "programme")
	if code, _, stderr := runCLI(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d\n%s", code, stderr)
	}
	a, b := t.TempDir(), t.TempDir()
	if code, _, stderr := runCLI(t, "plan", "--out", a); code != 0 {
		t.Fatalf("plan demo: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "plan", "--program", dir, "--out", b); code != 0 {
		t.Fatalf("plan --program: exit %d\n%s", code, stderr)
	}
	for _, name := range []string{"plan.json", "plan.txt", "ics/coordinator.ics"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between the embedded demo and its init copy", name)
		}
	}
	if code, _, stderr := runCLI(t, "init", dir); code != 2 || !strings.Contains(stderr, "not empty") {
		t.Errorf("init into a full folder: exit %d, %q; want 2 and 'not empty'", code, stderr)
	}
}

// TestQuickStart is the README's first command in a fresh folder: plan
// with no flags writes ./crossmeet-out (a relative --out), and a second
// run replaces that set; init and plan with relative folders do the same.
func TestQuickStart(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1798761600")
	t.Chdir(t.TempDir())
	for run := 1; run <= 2; run++ {
		code, stdout, stderr := runCLI(t, "plan")
		if code != 0 {
			t.Fatalf("plan, run %d: exit %d\n%s", run, code, stderr)
		}
		if !strings.Contains(stdout, "crossmeet send --out crossmeet-out") {
			t.Errorf("plan, run %d, does not point to its output folder:\n%s", run, stdout)
		}
		for _, name := range []string{"plan.json", "plan.txt", "ics/coordinator.ics", "index.html"} {
			if _, err := os.Stat(filepath.Join("crossmeet-out", name)); err != nil {
				t.Errorf("plan, run %d, wrote no crossmeet-out/%s: %v", run, name, err)
			}
		}
	}
	if code, _, stderr := runCLI(t, "status", "--out", "crossmeet-out"); code != 0 {
		t.Errorf("status: exit %d\n%s", code, stderr)
	}
	// The working folder itself cannot be replaced as a whole: exit 2
	// with the reason, nothing written.
	t.Run("out is the working folder", func(t *testing.T) {
		t.Chdir(t.TempDir())
		code, _, stderr := runCLI(t, "plan", "--out", ".")
		if code != 2 || !strings.Contains(stderr, "--out: output folder .:") {
			t.Errorf("plan --out .: exit %d, %q; want 2 and the folder named", code, stderr)
		}
		if left, _ := os.ReadDir("."); len(left) != 0 {
			t.Errorf("plan --out . left %v", left)
		}
	})
	if code, _, stderr := runCLI(t, "init", "programme"); code != 0 {
		t.Fatalf("init: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "plan", "--program", "programme", "--out", "./out/"); code != 0 {
		t.Fatalf("plan --program programme --out ./out/: exit %d\n%s", code, stderr)
	}
	x, _ := os.ReadFile(filepath.Join("crossmeet-out", "plan.json"))
	y, _ := os.ReadFile(filepath.Join("out", "plan.json"))
	if len(x) == 0 || !bytes.Equal(x, y) {
		t.Error("the init copy planned into ./out/ differs from the embedded demo's plan")
	}
}

func TestPlanErrorsLeaveOutputsAlone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "programme")
	if code, _, stderr := runCLI(t, "init", dir); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "plan", "--program", dir, "--out", out); code != 0 {
		t.Fatalf("plan: %s", stderr)
	}
	before, _ := os.ReadFile(filepath.Join(out, "plan.json"))
	yaml, _ := os.ReadFile(filepath.Join(dir, "program.yaml"))
	broken := strings.Replace(string(yaml), "duration: 45m", "duration: 45 minutes", 1)
	if broken == string(yaml) {
		t.Fatal("the demo program.yaml has no 'duration: 45m' to break")
	}
	os.WriteFile(filepath.Join(dir, "program.yaml"), []byte(broken), 0o644)
	code, _, stderr := runCLI(t, "plan", "--program", dir, "--out", out)
	if code != 2 {
		t.Fatalf("exit %d, want 2\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "program.yaml:") || !strings.Contains(stderr, "meetings.duration") {
		t.Errorf("stderr %q does not name the file, line and field", stderr)
	}
	after, _ := os.ReadFile(filepath.Join(out, "plan.json"))
	if !bytes.Equal(before, after) {
		t.Error("a failed run changed plan.json")
	}
	leftovers, _ := filepath.Glob(filepath.Join(out, ".*tmp"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestCLIMessages(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		code   int
		golden string
	}{
		{"no command", nil, 2, "cli-no-command.txt"},
		{"unknown command", []string{"fly"}, 2, "cli-unknown-command.txt"},
		{"help", []string{"help"}, 0, "cli-help.txt"},
		{"plan help", []string{"plan", "--help"}, 0, "cli-plan-help.txt"},
		{"validate help", []string{"validate", "--help"}, 0, "cli-validate-help.txt"},
		{"init help", []string{"init", "--help"}, 0, "cli-init-help.txt"},
		{"plan bad flag", []string{"plan", "--speed", "9"}, 2, "cli-plan-bad-flag.txt"},
		{"plan missing program", []string{"plan", "--program", "/no/such/folder"}, 2, "cli-plan-missing-program.txt"},
		{"plan bad epoch", []string{"plan", "--out", "unused"}, 2, "cli-plan-bad-epoch.txt"},
		{"validate demo", []string{"validate"}, 0, "cli-validate-demo.txt"},
		{"init no folder", []string{"init"}, 2, "cli-init-no-folder.txt"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "plan bad epoch" {
				t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
			}
			code, stdout, stderr := runCLI(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tc.code, stderr)
			}
			golden(t, tc.golden, "stdout:\n"+stdout+"stderr:\n"+stderr)
		})
	}
}

func TestValidateListsEveryProblem(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "programme")
	if code, _, stderr := runCLI(t, "init", dir); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	yaml, _ := os.ReadFile(filepath.Join(dir, "program.yaml"))
	broken := strings.Replace(string(yaml), "duration: 45m", "duration: 45 minutes", 1)
	broken = strings.Replace(broken, "keep_score: 0.9", "keep_score: lots", 1)
	os.WriteFile(filepath.Join(dir, "program.yaml"), []byte(broken), 0o644)
	// Two bad cells on two rows of contacts.csv: both are listed.
	contacts, _ := os.ReadFile(filepath.Join(dir, "contacts.csv"))
	lines := strings.Split(string(contacts), "\n")
	lines[1] = strings.TrimSuffix(lines[1], ",f") + ",female"
	lines[2] = strings.Replace(lines[2], ",NO,2,", ",NO,two,", 1)
	os.WriteFile(filepath.Join(dir, "contacts.csv"), []byte(strings.Join(lines, "\n")), 0o644)
	code, stdout, _ := runCLI(t, "validate", "--program", dir)
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	for _, want := range []string{"meetings.duration", "travel.keep_score", "contacts.csv:2:", "(gender)", "contacts.csv:3:", "(capacity)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("validate output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestPlanImpossibleTrip: a trip no train can make is an error that says
// why (exit 1), not an empty plan.
func TestPlanImpossibleTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "programme")
	if code, _, stderr := runCLI(t, "init", dir); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	yaml := `name: Late programme
coordinator: {name: Test Coordinator, email: coordinator@example.org}
travel:
  modes: [train, walk, taxi]
trips:
  - id: LATE
    startups: [S01]
    from: ostersund-c
    to: trondheim
    dates: [2027-03-09]
    leave_after: "19:00"
    back_by: "21:30"
`
	os.WriteFile(filepath.Join(dir, "program.yaml"), []byte(yaml), 0o644)
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCLI(t, "plan", "--program", dir, "--out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	golden(t, "plan-impossible.txt", "stdout:\n"+stdout+"stderr:\n"+stderr)
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("an impossible plan wrote outputs: %v", err)
	}
}

// TestPlanPartial: one impossible trip does not block the others; their
// plan is written, the impossible trip listed, and plan exits 1.
func TestPlanPartial(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join("..", "..", "examples", "demo")
	entries, err := os.ReadDir(demo)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(demo, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "program.yaml" {
			data = append(data, []byte("  - id: LATE\n    startups: [S16]\n    from: trondheim-s\n    to: ostersund-c\n    dates: [2027-03-09]\n    leave_after: \"19:00\"\n    back_by: \"21:00\"\n")...)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, sub := range []string{"gtfs", "availability"} {
		files, _ := os.ReadDir(filepath.Join(demo, sub))
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			data, err := os.ReadFile(filepath.Join(demo, sub, f.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, sub, f.Name()), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "plan", "--program", dir, "--out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "LATE impossible:") || !strings.Contains(stderr, "trip LATE: impossible trip") {
		t.Errorf("the impossible trip is not listed:\n%s\n%s", stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "plan.json")); err != nil {
		t.Errorf("the feasible trips' plan is not written: %v", err)
	}
}

// TestProgramNotAFolder: --program naming a file is refused with exit 2;
// a zip file (a programme sent by mail) is told to be unzipped.
func TestProgramNotAFolder(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, file, want string
	}{
		{"a zip", "programme.zip", "a zip file, not a folder: unzip it"},
		{"a zip in capitals", "PROGRAMME.ZIP", "a zip file, not a folder: unzip it"},
		{"a file", "program.yaml", "not a folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.file)
			require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
			for _, cmd := range []string{"validate", "plan", "match"} {
				code, _, stderr := runCLI(t, cmd, "--program", p)
				assert.Equal(t, 2, code, cmd)
				assert.Contains(t, stderr, "--program "+p+": "+tc.want, cmd)
			}
		})
	}
}
