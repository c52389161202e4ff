package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/crossmeet/crossmeet/examples"
	"github.com/crossmeet/crossmeet/internal/cli"
)

func init() {
	commands["init"] = command{summary: "write the demo programme to a folder, to edit into your own", run: runInit}
}

func runInit(ctx context.Context, args []string, stdio stdio) error {
	fl := cli.NewFlagSet("crossmeet", "init", "DIR", stdio.err)
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
	demo := examples.Demo()
	n := 0
	err := fs.WalkDir(demo, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(demo, path)
		if err != nil {
			return err
		}
		n++
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		return fmt.Errorf("writing the demo programme: %w", err)
	}
	fmt.Fprintf(stdio.out, "wrote the demo programme (%d files) to %s\nnext: crossmeet validate --program %s && crossmeet plan --program %s\n", n, dir, dir, dir)
	return nil
}
