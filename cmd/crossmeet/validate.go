package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/crossmeet/crossmeet/internal/cli"
	"github.com/crossmeet/crossmeet/internal/wording"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/report"
)

func init() {
	commands["validate"] = command{summary: "check every file of a programme and list every problem", run: runValidate}
}

func runValidate(ctx context.Context, args []string, stdio stdio) error {
	var dir string
	fl := cli.NewFlagSet("crossmeet", "validate", "[--program DIR]", stdio.err)
	fl.StringVar(&dir, "program", "", "programme `folder` (default: the embedded demo)")
	if err := cli.Parse(fl, args, stdio.out, stdio.err); err != nil {
		return err
	}
	fsys, name, err := programFS(dir)
	if err != nil {
		return err
	}
	prog, err := loader(dir)(fsys)
	if err != nil {
		lines := problems(err)
		for _, l := range lines {
			fmt.Fprintln(stdio.out, l)
		}
		if !errors.Is(err, schedule.ErrInvalid) {
			return cleanError{err}
		}
		if len(lines) == 1 {
			return cli.Invalid(fmt.Errorf("%s: 1 problem", name))
		}
		return cli.Invalid(fmt.Errorf("%s: %d problems", name, len(lines)))
	}
	for _, w := range prog.Warnings {
		fmt.Fprintf(stdio.out, "warning: %s\n", report.Clean(w))
	}
	timetable := "no timetable"
	if prog.Feed != nil {
		timetable = "a timetable"
	}
	fmt.Fprintf(stdio.out, "%s is valid: %s, %s, %s, %s, %s\n", name,
		wording.Plural(len(prog.Startups), "start-up"), wording.Plural(len(prog.Contacts), "contact"),
		wording.Plural(len(prog.Places), "place"), wording.Plural(len(prog.Trips), "trip"), timetable)
	return nil
}
