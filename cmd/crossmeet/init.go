package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/crossmeet/crossmeet/examples"
	"github.com/crossmeet/crossmeet/internal/cli"
)

// emptyProgram is the commented minimal programme of init --empty: one
// start-up, two contacts, three places and one trip by car, which
// validates and plans as it is.
//
//go:embed empty
var emptyProgram embed.FS

func init() {
	commands["init"] = command{summary: "write the demo programme, or with --empty a minimal one, to edit into your own", run: runInit}
}

func runInit(ctx context.Context, args []string, stdio stdio) error {
	fl := cli.NewFlagSet("crossmeet", "init", "[--empty] DIR", stdio.err)
	empty := fl.Bool("empty", false, "write a commented minimal programme instead of the demo")
	if err := cli.ParseArgs(fl, args, stdio.out, stdio.err); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return cli.Invalid(errors.New("init takes exactly one folder"))
	}
	dir := fl.Arg(0)
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return cli.Invalid(fmt.Errorf("%s is not empty: init writes into a new or empty folder only", dir))
	}
	src, what := examples.Demo(), "the demo programme"
	if *empty {
		sub, err := fs.Sub(emptyProgram, "empty")
		if err != nil {
			return err
		}
		src, what = sub, "a minimal programme"
	}
	n := 0
	err := fs.WalkDir(src, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(src, path)
		if err != nil {
			return err
		}
		n++
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		return fmt.Errorf("writing %s: %w", what, err)
	}
	fmt.Fprintf(stdio.out, "wrote %s (%d files) to %s\nnext: crossmeet validate --program %s && crossmeet plan --program %s\n", what, n, dir, dir, dir)
	return nil
}
