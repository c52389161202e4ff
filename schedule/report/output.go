package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/calendar"
)

// Files renders every output of a plan, by path relative to the output
// folder: plan.json, plan.txt, indicators.json and indicators.csv,
// index.html, meetings.csv and meetings.xlsx, agenda/ID.html for every
// start-up and contact with a meeting, and ics/ID.ics for each
// participant plus ics/coordinator.ics (none when the plan has no
// event, e.g. every trip is impossible: plan.txt says why). Nothing is
// written; see WriteFiles.
func Files(p *schedule.Plan, dir schedule.Directory, o Options) (map[string][]byte, error) {
	js, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding plan.json: %w", err)
	}
	in := ComputeIndicators(p, dir, o)
	ijs, err := IndicatorsJSON(in)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"plan.json":       append(js, '\n'),
		"plan.txt":        Text(p, dir, o),
		"indicators.json": ijs,
		"indicators.csv":  IndicatorsCSV(in),
	}
	xlsx, err := MeetingsXLSX(p, dir, o, o.Calendar.Stamp)
	if err != nil {
		return nil, err
	}
	files["meetings.xlsx"] = xlsx
	files["meetings.csv"] = MeetingsCSV(p, dir, o)
	index, err := Index(p, dir, o)
	if err != nil {
		return nil, err
	}
	files["index.html"] = index
	agendas, err := Agendas(p, dir, o)
	if err != nil {
		return nil, err
	}
	for name, data := range agendas {
		files[name] = data
	}
	cals, err := calendar.Files(p, dir, o.Calendar)
	if errors.Is(err, calendar.ErrNoEvents) {
		return files, nil
	}
	if err != nil {
		return nil, fmt.Errorf("writing calendars: %w", err)
	}
	for name, data := range cals {
		files["ics/"+name] = data
	}
	return files, nil
}

// WriteFiles writes files (paths relative to dir, with "/") under dir.
// Each file is written to a temporary file in its folder and renamed into
// place, so a reader or a failed run never sees half a file. Calendars
// and agendas of an earlier run that the new set no longer has are
// removed.
func WriteFiles(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := writeAtomic(filepath.Join(dir, filepath.FromSlash(n)), files[n]); err != nil {
			return err
		}
	}
	// Calendars and agendas of people an earlier run had and this one
	// has not would mislead: they go.
	for _, stale := range []struct{ folder, ext string }{{"ics", ".ics"}, {"agenda", ".html"}} {
		old, _ := filepath.Glob(filepath.Join(dir, stale.folder, "*"+stale.ext))
		for _, path := range old {
			rel := stale.folder + "/" + filepath.Base(path)
			if _, ok := files[rel]; !ok && strings.HasSuffix(rel, stale.ext) {
				if err := os.Remove(path); err != nil {
					return fmt.Errorf("removing stale %s: %w", rel, err)
				}
			}
		}
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("creating output folder: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, werr)
	}
	return nil
}

// ReadPrevious reads the calendars of an earlier run in dir/ics, for
// Options.Previous; a missing folder gives nil.
func ReadPrevious(dir string) map[string][]byte {
	paths, _ := filepath.Glob(filepath.Join(dir, "ics", "*.ics"))
	if len(paths) == 0 {
		return nil
	}
	out := map[string][]byte{}
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			out[filepath.Base(p)] = data
		}
	}
	return out
}
