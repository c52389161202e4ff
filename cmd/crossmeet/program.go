package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/crossmeet/crossmeet/examples"
	"github.com/crossmeet/crossmeet/internal/cli"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/program"
	"github.com/crossmeet/crossmeet/schedule/report"
)

// programFS returns the programme folder: dir, or the embedded demo when
// dir is empty.
func programFS(dir string) (fs.FS, string, error) {
	if dir == "" {
		return examples.Demo(), "the embedded demo programme", nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, "", cli.Invalid(fmt.Errorf("--program %s: %w", dir, errors.Unwrap(err)))
	}
	if !st.IsDir() {
		if strings.EqualFold(filepath.Ext(dir), ".zip") {
			return nil, "", cli.Invalid(fmt.Errorf("--program %s: a zip file, not a folder: unzip it and give the folder that holds program.yaml", dir))
		}
		return nil, "", cli.Invalid(fmt.Errorf("--program %s: not a folder", dir))
	}
	return os.DirFS(dir), dir, nil
}

// loadProgram loads and checks a programme folder, printing its warnings.
func loadProgram(dir string, stderr io.Writer) (*schedule.Program, error) {
	return loadWith(loader(dir), dir, stderr)
}

// loader returns how to load the programme folder dir: with the
// timetable cache next to its zips (program.LoadDir) when it is a folder
// on disk, else the embedded demo.
func loader(dir string) func(fs.FS) (*schedule.Program, error) {
	if dir == "" {
		return program.Load
	}
	return func(fs.FS) (*schedule.Program, error) { return program.LoadDir(dir) }
}

// loadWith loads a programme folder with load (program.Load, or
// program.LoadPeople for matching), printing its warnings.
func loadWith(load func(fs.FS) (*schedule.Program, error), dir string, stderr io.Writer) (*schedule.Program, error) {
	fsys, _, err := programFS(dir)
	if err != nil {
		return nil, err
	}
	prog, err := load(fsys)
	if err != nil {
		if errors.Is(err, schedule.ErrInvalid) {
			var list program.Problems
			if errors.As(err, &list) {
				return nil, cli.Invalid(fmt.Errorf("%d problems in the programme:\n%w", len(list), cleanError{err}))
			}
			return nil, cli.Invalid(cleanError{err})
		}
		return nil, cleanError{err}
	}
	for _, w := range prog.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", report.Clean(w))
	}
	return prog, nil
}

// problems returns the message of each problem in err, one a line, each
// cleaned of line breaks and controls that a value in it could hold.
func problems(err error) []string {
	var list program.Problems
	if !errors.As(err, &list) {
		return []string{report.Clean(err.Error())}
	}
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = report.Clean(e.Error())
	}
	return out
}

// cleanError prints an error of the programme as problems does, and keeps
// it for errors.Is and errors.As.
type cleanError struct{ err error }

func (e cleanError) Error() string { return strings.Join(problems(e.err), "\n") }
func (e cleanError) Unwrap() error { return e.err }
