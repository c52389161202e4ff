package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
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

// ErrForeignOutput is returned by WriteFiles when the output folder holds
// something crossmeet does not write there, which replacing the folder
// would delete.
var ErrForeignOutput = errors.New("the output folder holds files crossmeet did not write")

// ErrOutputFolder is returned by WriteFiles for an output folder it
// cannot replace as a whole: "." or ".." (the working folder or its
// parent, which a rename cannot move) and the root of the file system.
var ErrOutputFolder = errors.New("the output folder must be a folder of its own, not the working folder, its parent or the root")

// WriteFiles makes dir hold exactly files (paths relative to dir, with
// "/"), all at once: it writes them into a new folder beside dir and
// swaps that folder in, with one atomic rename exchange where the system
// has one (Linux) and two renames elsewhere. A run that fails, at any
// point, leaves every earlier file as it was; a reader sees the old set
// or the new one, never a mix. Calendars of an earlier run that the new
// set lacks are gone with the old folder.
//
// dir may be missing or hold an earlier output set: the files Files
// writes, agenda/*.html, ics/*.ics, the invitation ledger, and temporary
// files a crossmeet run left (".NAME.*.tmp"). Anything else in it (another
// file, plan.txt as a folder, a FIFO) is ErrForeignOutput and nothing is
// written, so that pointing --out at a folder of other files cannot delete
// them. A file that must outlive the swap, such as the invitation ledger,
// is given in files like any other.
func WriteFiles(dir string, files map[string][]byte) error {
	dir = filepath.Clean(dir)
	if b := filepath.Base(dir); b == "." || b == ".." || filepath.Dir(dir) == dir {
		return fmt.Errorf("output folder %s: %w; choose another, such as crossmeet-out", dir, ErrOutputFolder)
	}
	st, err := os.Lstat(dir)
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("output folder: %w", err)
	case exists && !st.IsDir():
		return fmt.Errorf("output folder %s: %w: it is not a folder", dir, ErrForeignOutput)
	case exists:
		if err := checkOutput(dir, files); err != nil {
			return err
		}
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating the output folder: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-*")
	if err != nil {
		return fmt.Errorf("creating the output folder: %w", err)
	}
	mode := fs.FileMode(0o755)
	if exists {
		mode = st.Mode().Perm()
	}
	if err := os.Chmod(tmp, mode); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("creating the output folder: %w", err)
	}
	if err := writeAll(tmp, files); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if !exists {
		if err := os.Rename(tmp, dir); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("writing %s: %w", dir, err)
		}
		return nil
	}
	if err := swap(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("writing %s: %w", dir, err)
	}
	// tmp now holds the earlier set.
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("the new outputs are in %s, but the earlier set is left in %s: %w", dir, tmp, err)
	}
	return nil
}

// checkOutput refuses an existing output folder that holds anything but
// an output set.
func checkOutput(dir string, files map[string][]byte) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	foreign := func(name, what string) error {
		return fmt.Errorf("output folder %s: %w: %s is %s; move it away or choose another --out", dir, ErrForeignOutput, name, what)
	}
	folders := map[string]string{"ics": ".ics", "agenda": ".html"}
	kinds := map[string]string{"ics": "calendar", "agenda": "agenda"}
	for _, e := range entries {
		switch name := e.Name(); {
		case folders[name] != "":
			if !e.IsDir() {
				return foreign(name, "not a folder")
			}
			inside, err := os.ReadDir(filepath.Join(dir, name))
			if err != nil {
				return fmt.Errorf("output folder: %w", err)
			}
			for _, c := range inside {
				if !c.Type().IsRegular() || !strings.HasSuffix(c.Name(), folders[name]) {
					return foreign(name+"/"+c.Name(), "not a"+map[bool]string{true: "n", false: ""}[kinds[name] == "agenda"]+" "+kinds[name]+" crossmeet wrote")
				}
			}
		case strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp") && e.Type().IsRegular():
			// A temporary file of an interrupted run: it goes with the old set.
		case name == "plan.json" || name == "plan.txt" || isFile(files, name):
			if !e.Type().IsRegular() {
				return foreign(name, "not a regular file")
			}
		default:
			return foreign(name, "not an output of crossmeet")
		}
	}
	return nil
}

// writeAll writes files under dir, each synced to disk.
func writeAll(dir string, files map[string][]byte) error {
	// os.MkdirTemp joins without cleaning ("./.out.new-1" for the parent
	// "."), and filepath.Join cleans: compare clean with clean.
	dir = filepath.Clean(dir)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		path := filepath.Join(dir, filepath.FromSlash(n))
		if !strings.HasPrefix(path, dir+string(filepath.Separator)) {
			return fmt.Errorf("writing outputs: %q leaves the output folder", n)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("writing outputs: %w", err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return fmt.Errorf("writing outputs: %w", err)
		}
		_, err = f.Write(files[n])
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("writing outputs: %s: %w", n, err)
		}
	}
	return nil
}

// ReadPrevious reads the calendars of an earlier run in dir/ics, for
// Options.Previous; a missing folder gives nil. Only regular files of at
// most MaxPreviousBytes are read; others are left out, as if absent.
func ReadPrevious(dir string) map[string][]byte {
	paths, _ := filepath.Glob(filepath.Join(dir, "ics", "*.ics"))
	if len(paths) == 0 {
		return nil
	}
	out := map[string][]byte{}
	for _, p := range paths {
		st, err := os.Lstat(p)
		if err != nil || !st.Mode().IsRegular() || st.Size() > MaxPreviousBytes {
			continue
		}
		if data, err := os.ReadFile(p); err == nil && len(data) <= MaxPreviousBytes {
			out[filepath.Base(p)] = data
		}
	}
	return out
}

// MaxPreviousBytes bounds one earlier calendar that ReadPrevious reads.
const MaxPreviousBytes = 16 << 20

func isFile(files map[string][]byte, name string) bool {
	_, ok := files[name]
	return ok
}
