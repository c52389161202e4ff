// Package icalcheck runs the independent iCalendar validator that the
// tests of every package writing calendars share: ical.js
// (https://github.com/kewisch/ical.js), a parser that shares no code with
// the Go writer, plus the RFC 5545 rules it does not enforce (see
// js/check.js). It needs node and npm on PATH; the first use installs
// ical.js with "npm ci" in js/. A missing tool is an error, never a skip.
package icalcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"testing"
)

// An Event is one VEVENT as ical.js read it; Start and End are Unix
// seconds as ical.js resolved them through the file's VTIMEZONEs.
type Event struct {
	File    string `json:"file"`
	UID     string `json:"uid"`
	Summary string `json:"summary"`
	Start   *int64 `json:"start"`
	End     *int64 `json:"end"`
}

var (
	once    sync.Once
	prepErr error
)

// dir is the folder of check.js, found from this file's own place so that
// tests of any package can run it.
func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "js")
}

// prepare makes sure node is on PATH and ical.js is installed.
func prepare() error {
	once.Do(func() {
		if _, err := exec.LookPath("node"); err != nil {
			prepErr = fmt.Errorf("node is required for the calendar tests: %w", err)
			return
		}
		if _, err := os.Stat(filepath.Join(dir(), "node_modules", "ical.js", "package.json")); err == nil {
			return
		}
		npm, err := exec.LookPath("npm")
		if err != nil {
			prepErr = fmt.Errorf("npm is required to install ical.js: %w", err)
			return
		}
		cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
		cmd.Dir = dir()
		if out, err := cmd.CombinedOutput(); err != nil {
			prepErr = fmt.Errorf("npm ci in %s: %v\n%s", dir(), err, out)
		}
	})
	return prepErr
}

// Files writes files (by base name) to a temporary folder, runs check.js
// on all of them and returns the events ical.js read, or an error naming
// every problem it found.
func Files(files map[string][]byte) ([]Event, error) {
	if err := prepare(); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "icalcheck")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	var paths []string
	for name, b := range files {
		p := filepath.Join(tmp, filepath.Base(name))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	sort.Strings(paths)
	cmd := exec.Command("node", append([]string{"check.js", "--json"}, paths...)...)
	cmd.Dir = dir()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("check.js: %v\n%s", err, stderr.String())
	}
	var evs []Event
	if err := json.Unmarshal(stdout.Bytes(), &evs); err != nil {
		return nil, fmt.Errorf("check.js output: %w", err)
	}
	return evs, nil
}

// Validate is Files for a test: any problem fails t.
func Validate(t testing.TB, files map[string][]byte) []Event {
	t.Helper()
	evs, err := Files(files)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}
