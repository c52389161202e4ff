package examples_test

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crossmeet/crossmeet/examples"
)

// TestPrograms runs the example programs as a user would.
func TestPrograms(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the example programs")
	}
	out := t.TempDir()
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"daytrip", nil, []string{"Trip T1, Tuesday 9 March 2027, day trip by train", "train     Östersund C -> Storlien", "Meeting with Ingrid Aasheim (C1)", "your wish no. 1: someone from St. Olavs Innkjøp"}},
		{"overnight", []string{out}, []string{"hotel", "wrote " + filepath.Join(out, "coordinator.ics")}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command("go", append([]string{"run", "./" + tc.name}, tc.args...)...)
			got, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("go run ./%s: %v\n%s", tc.name, err, got)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(got), w) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(out, "coordinator.ics")); err != nil {
		t.Errorf("overnight wrote no coordinator calendar: %v", err)
	}
}

func ExampleDemo() {
	for _, name := range []string{"program.yaml", "startups.csv", "contacts.csv", "places.csv", "gtfs/stop_times.txt"} {
		_, err := fs.Stat(examples.Demo(), name)
		fmt.Println(name, err == nil)
	}
	// Output:
	// program.yaml true
	// startups.csv true
	// contacts.csv true
	// places.csv true
	// gtfs/stop_times.txt true
}
