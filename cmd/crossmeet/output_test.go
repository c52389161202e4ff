package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanOutputFailureKeepsEarlierFiles: a plan whose outputs cannot be
// written leaves every earlier output byte-identical (issue 14, item 9).
func TestPlanOutputFailureKeepsEarlierFiles(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1798761600")
	base := earlier(t)
	cases := []struct {
		name  string
		setup func(out string)
		code  int
		want  string
	}{
		{"plan.txt is a folder", func(out string) {
			os.Remove(filepath.Join(out, "plan.txt"))
			os.MkdirAll(filepath.Join(out, "plan.txt", "inside"), 0o755)
		}, 2, "plan.txt is not a regular file"},
		{"a file of the user's", func(out string) {
			os.WriteFile(filepath.Join(out, "budget.xlsx"), []byte("mine"), 0o644)
		}, 2, "budget.xlsx is not an output of crossmeet"},
		{"a folder among the calendars", func(out string) {
			os.Mkdir(filepath.Join(out, "ics", "old.ics"), 0o755)
		}, 2, "ics/old.ics is not a calendar crossmeet wrote"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			copyDir(t, base, out)
			tc.setup(out)
			before := tree(t, out)
			code, _, stderr := runCLI(t, "plan", "--out", out)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, want %d with %q:\n%s", code, tc.code, tc.want, stderr)
			}
			after := tree(t, out)
			if len(after) != len(before) {
				t.Errorf("%d files, were %d", len(after), len(before))
			}
			for name, data := range before {
				if after[name] != data {
					t.Errorf("%s changed", name)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "plan.txt", "inside")); tc.name == "plan.txt is a folder" && err != nil {
				t.Errorf("the folder in place of plan.txt is gone: %v", err)
			}
		})
	}
}

// TestPlanReplacesEarlierSet: a second plan into the same folder replaces
// the set; no file of the first stays behind, nothing is left beside it.
func TestPlanReplacesEarlierSet(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1798761600")
	out := filepath.Join(t.TempDir(), "out")
	copyDir(t, earlier(t), out)
	os.WriteFile(filepath.Join(out, "ics", "S99.ics"), []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), 0o644)
	if code, _, stderr := runCLI(t, "plan", "--out", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "ics", "S99.ics")); !os.IsNotExist(err) {
		t.Errorf("a stale calendar stayed: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("beside the output folder: %v", entries)
	}
}
