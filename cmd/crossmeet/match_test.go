package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/match"
)

// The fixtures under testdata/match-program are illustrative, invented
// people and companies.

func TestMatchCommand(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		code      int
		golden    string // compared with stdout when set
		stdoutHas []string
		stderrHas []string
	}{
		{name: "table", args: []string{"match", "--program", "testdata/match-program"}, golden: "match-program.txt",
			stderrHas: []string{`warning: startups.csv:1:10: unknown column "notes" ignored`}},
		{name: "json", args: []string{"match", "--program", "testdata/match-program", "--json"}, golden: "match-program.json"},
		{name: "demo", args: []string{"match"}, stdoutHas: []string{"meetings for", "S01"}},
		{name: "help", args: []string{"match", "--help"}, stdoutHas: []string{"Usage: crossmeet match [--program DIR] [--json]", "-json"}},
		{name: "bad cell", args: []string{"match", "--program", "testdata/match-bad"}, code: 2,
			stderrHas: []string{"startups.csv:2:4 (team)", "anna-at-example"}},
		{name: "no such folder", args: []string{"match", "--program", "testdata/none"}, code: 2, stderrHas: []string{"--program testdata/none"}},
		{name: "folder without startups.csv", args: []string{"match", "--program", "testdata"}, code: 2, stderrHas: []string{"no startups.csv"}},
		{name: "bad flag", args: []string{"match", "--nope"}, code: 2},
		{name: "stray argument", args: []string{"match", "extra"}, code: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstderr: %s", code, tt.code, stderr)
			}
			if tt.golden != "" {
				golden(t, tt.golden, stdout)
			}
			for _, s := range tt.stdoutHas {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tt.stderrHas {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
		})
	}
}

func TestMatchJSONShape(t *testing.T) {
	code, stdout, stderr := runCLI(t, "match", "--program", "testdata/match-program", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Assignments []struct {
			Startup, Contact string
			Score            float64
			Reasons          []string
		}
		UnmetWishes []struct{ Startup, Wish, Reason string } `json:"unmet_wishes"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Assignments) == 0 || len(got.UnmetWishes) == 0 {
		t.Fatalf("want assignments and unmet wishes, got %+v", got)
	}
	for _, a := range got.Assignments {
		if a.Startup == "" || a.Contact == "" || a.Score <= 0 || a.Score > 1 || len(a.Reasons) == 0 {
			t.Errorf("incomplete assignment %+v", a)
		}
	}
}

// TestMatchProgramSettings: the core takes its settings from the caller,
// as the planner will pass program.yaml's.
func TestMatchProgramSettings(t *testing.T) {
	startups := []match.Startup{{ID: "S1", Country: "SE", Needs: []string{"energi"}}}
	contacts := []match.Contact{
		{ID: "C1", Country: "SE", Tags: []string{"energy"}},
		{ID: "C2", Country: "NO", Tags: []string{"energy"}},
	}
	tests := []struct {
		name     string
		settings func(*matchSettings)
		want     int
	}{
		{"defaults: cross-border", func(*matchSettings) {}, 1},
		{"cross-border off", func(s *matchSettings) { s.Score.CrossBorder = false }, 2},
		{"max 1", func(s *matchSettings) { s.Score.CrossBorder = false; s.Assign.Max = 1 }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := defaultMatchSettings()
			tt.settings(&s)
			a, err := matchProgram(context.Background(), startups, contacts, s)
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Meetings) != tt.want {
				t.Errorf("%d meetings, want %d", len(a.Meetings), tt.want)
			}
		})
	}
}

// TestMatchFollowsProgramRules: with program.yaml in the folder, match
// takes its rules, here at most one meeting per start-up.
func TestMatchFollowsProgramRules(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "programme")
	if code, _, stderr := runCLI(t, "init", dir); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	yaml, _ := os.ReadFile(filepath.Join(dir, "program.yaml"))
	limited := strings.Replace(string(yaml), "per_startup: {min: 2, max: 6}", "per_startup: {min: 1, max: 1}", 1)
	if limited == string(yaml) {
		t.Fatal("the demo program.yaml has no per_startup line to change")
	}
	os.WriteFile(filepath.Join(dir, "program.yaml"), []byte(limited), 0o644)
	code, stdout, stderr := runCLI(t, "match", "--program", dir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Assignments []struct{ Startup string } `json:"assignments"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, a := range out.Assignments {
		per[a.Startup]++
	}
	if len(per) == 0 {
		t.Fatal("no assignments")
	}
	for s, n := range per {
		if n > 1 {
			t.Errorf("%s has %d meetings; program.yaml allows 1", s, n)
		}
	}
}

// TestMatchSpecialFiles: match on a folder of just the two CSV files
// reads them as the programme loader does: a FIFO or a link to a device
// in place of one is refused with exit 2, not read for ever.
func TestMatchSpecialFiles(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		make       func(string) error
	}{
		{"a FIFO", "startups.csv: cannot read the file: not a regular file: it is a FIFO", func(p string) error { return syscall.Mkfifo(p, 0o644) }},
		{"a link to /dev/zero", "startups.csv: cannot read the file: not a regular file: it is a device", func(p string) error { return os.Symlink("/dev/zero", p) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			data, err := os.ReadFile(filepath.Join(programtest.DemoDir(), "contacts.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "contacts.csv"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := tc.make(filepath.Join(dir, "startups.csv")); err != nil {
				t.Fatal(err)
			}
			done := make(chan [2]string, 1)
			go func() {
				code, _, stderr := runCLI(t, "match", "--program", dir)
				done <- [2]string{strconv.Itoa(code), stderr}
			}()
			select {
			case r := <-done:
				if r[0] != "2" || !strings.Contains(r[1], tc.want) {
					t.Errorf("exit %s, stderr %q; want 2 and %q", r[0], r[1], tc.want)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("match hangs")
			}
		})
	}
}
