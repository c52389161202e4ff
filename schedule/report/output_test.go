package report_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/crossmeet/crossmeet/schedule/report"
)

// snapshot returns every file under dir with its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		if !d.Type().IsRegular() {
			out[rel] = d.Type().String()
			return nil
		}
		data, err := os.ReadFile(path)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameFiles(t *testing.T, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got files %v, want %v", keys(got), keys(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s changed: %q, was %q", k, got[k], v)
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

var firstSet = map[string][]byte{"plan.json": []byte("{1}\n"), "plan.txt": []byte("one\n"), "ics/S01.ics": []byte("A"), "ics/C01.ics": []byte("B")}
var secondSet = map[string][]byte{"plan.json": []byte("{2}\n"), "plan.txt": []byte("two\n"), "ics/S01.ics": []byte("A2")}

func TestWriteFilesReplacesTheSet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if err := report.WriteFiles(out, firstSet); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteFiles(out, secondSet); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, snapshot(t, out), map[string]string{"./": "", "plan.json": "{2}\n", "plan.txt": "two\n", "ics/": "", "ics/S01.ics": "A2"})
	siblings, _ := os.ReadDir(filepath.Dir(out))
	if len(siblings) != 1 {
		t.Errorf("left beside the output: %v", siblings)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o755 {
		t.Errorf("output folder mode %v, want 0755", st.Mode().Perm())
	}
}

// TestWriteFilesRelativeOut: --out as a coordinator types it, relative
// to the working folder; the default of crossmeet plan is one name
// ("crossmeet-out"), whose temporary sibling os.MkdirTemp names
// "./.crossmeet-out.new-…". Each case writes twice, the second time
// over the first set.
func TestWriteFilesRelativeOut(t *testing.T) {
	for _, tc := range []struct{ name, out string }{
		{"one name", "crossmeet-out"},
		{"dot slash", "./crossmeet-out"},
		{"nested", "season/2027/out"},
		{"trailing slash", "out/"},
		{"dot dot", "sub/../out"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			for _, set := range []map[string][]byte{firstSet, secondSet} {
				if err := report.WriteFiles(tc.out, set); err != nil {
					t.Fatalf("WriteFiles(%q): %v", tc.out, err)
				}
			}
			sameFiles(t, snapshot(t, filepath.Clean(tc.out)), map[string]string{"./": "", "plan.json": "{2}\n", "plan.txt": "two\n", "ics/": "", "ics/S01.ics": "A2"})
		})
	}
}

// TestWriteFilesFailureLeavesEarlierFiles: a run that fails leaves every
// earlier file byte-identical (issue 14, item 9).
func TestWriteFilesFailureLeavesEarlierFiles(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, out string)
		want  error
	}{
		{"plan.txt is a folder", func(t *testing.T, out string) {
			os.Remove(filepath.Join(out, "plan.txt"))
			os.Mkdir(filepath.Join(out, "plan.txt"), 0o755)
			os.WriteFile(filepath.Join(out, "plan.txt", "keep"), []byte("x"), 0o644)
		}, report.ErrForeignOutput},
		{"a file of the user's", func(t *testing.T, out string) {
			os.WriteFile(filepath.Join(out, "notes.docx"), []byte("mine"), 0o644)
		}, report.ErrForeignOutput},
		{"a FIFO among the calendars", func(t *testing.T, out string) {
			if err := syscall.Mkfifo(filepath.Join(out, "ics", "x.ics"), 0o644); err != nil {
				t.Skip("no FIFOs here:", err)
			}
		}, report.ErrForeignOutput},
		{"read-only parent folder", func(t *testing.T, out string) {
			if os.Geteuid() == 0 {
				t.Skip("root writes anywhere")
			}
			os.Chmod(filepath.Dir(out), 0o555)
			t.Cleanup(func() { os.Chmod(filepath.Dir(out), 0o755) })
		}, fs.ErrPermission},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if err := report.WriteFiles(out, firstSet); err != nil {
				t.Fatal(err)
			}
			tc.setup(t, out)
			before := snapshot(t, out)
			err := report.WriteFiles(out, secondSet)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			sameFiles(t, snapshot(t, out), before)
			siblings, _ := os.ReadDir(filepath.Dir(out))
			for _, s := range siblings {
				if strings.HasPrefix(s.Name(), ".out.") {
					t.Errorf("left beside the output: %s", s.Name())
				}
			}
		})
	}
}

func TestWriteFilesOutIsAFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	os.WriteFile(out, []byte("precious"), 0o644)
	if err := report.WriteFiles(out, firstSet); !errors.Is(err, report.ErrForeignOutput) {
		t.Fatalf("got %v, want ErrForeignOutput", err)
	}
	if data, _ := os.ReadFile(out); string(data) != "precious" {
		t.Error("the file was changed")
	}
}

// TestWriteFilesRefusesFoldersItCannotReplace: the working folder, its
// parent and the root are refused with ErrOutputFolder before anything is
// written (a rename cannot move them).
func TestWriteFilesRefusesFoldersItCannotReplace(t *testing.T) {
	for _, out := range []string{".", "./", "..", "sub/..", "/"} {
		t.Run(out, func(t *testing.T) {
			wd := t.TempDir()
			t.Chdir(wd)
			if err := os.Mkdir("sub", 0o755); err != nil {
				t.Fatal(err)
			}
			err := report.WriteFiles(out, firstSet)
			if !errors.Is(err, report.ErrOutputFolder) {
				t.Fatalf("WriteFiles(%q) = %v, want ErrOutputFolder", out, err)
			}
			sameFiles(t, snapshot(t, wd), map[string]string{"./": "", "sub/": ""})
		})
	}
}
