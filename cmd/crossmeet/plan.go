package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/internal/cli"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/calendar"
	"github.com/crossmeet/crossmeet/schedule/report"
)

func init() {
	commands["plan"] = command{summary: "plan every trip of a programme and write plan.json, plan.txt and calendars", run: runPlan}
}

type planOptions struct {
	program   string
	out       string
	timeLimit time.Duration
	seed      uint64
}

func runPlan(ctx context.Context, args []string, stdio stdio) error {
	var o planOptions
	fs := cli.NewFlagSet("crossmeet", "plan", "[--program DIR] [--out DIR] [--time-limit D] [--seed N]", stdio.err)
	fs.StringVar(&o.program, "program", "", "programme `folder` (default: the embedded demo)")
	fs.StringVar(&o.out, "out", "crossmeet-out", "output `folder`")
	fs.DurationVar(&o.timeLimit, "time-limit", 30*time.Second, "time for the whole plan; searches usually finish much sooner")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed: the same seed and input give the same plan")
	if err := cli.Parse(fs, args, stdio.out, stdio.err); err != nil {
		return err
	}
	return plan(ctx, o, stdio)
}

func plan(ctx context.Context, o planOptions, stdio stdio) error {
	if o.timeLimit <= 0 {
		return cli.Invalid(errors.New("--time-limit must be positive"))
	}
	stamp, err := sourceDateEpoch()
	if err != nil {
		return cli.Invalid(err)
	}
	prog, err := loadProgram(o.program, stdio.err)
	if err != nil {
		return err
	}
	p, err := prog.Plan(ctx, schedule.Options{TimeLimit: o.timeLimit, Seed: o.seed})
	if err != nil {
		return err
	}
	if err := prog.Check(p); err != nil {
		return fmt.Errorf("internal error: the plan breaks a rule, please report it:\n%w", err)
	}
	files, err := report.Files(p, prog.Directory(), calendar.Options{
		Stamp:    stamp,
		Previous: report.ReadPrevious(o.out),
		Zone:     prog.Zone,
	})
	if err != nil {
		return err
	}
	if err := report.WriteFiles(o.out, files); err != nil {
		if errors.Is(err, report.ErrForeignOutput) {
			return cli.Invalid(fmt.Errorf("--out: %w", err))
		}
		return err
	}
	summary(stdio, p, o.out, files)
	return nil
}

// summary prints a few lines per trip: what a coordinator reads first.
func summary(stdio stdio, p *schedule.Plan, out string, files map[string][]byte) {
	w := stdio.out
	fmt.Fprintf(w, "%s\n\n", report.Clean(p.Program))
	for _, t := range p.Trips {
		fmt.Fprintf(w, "%-4s %s  %-5s %-9s %-14s %2d meetings  %6.1f kg CO2e  score %.2f\n",
			report.Clean(t.ID), report.Clean(t.Date), report.Clean(t.Mode), report.Clean(t.Kind()), report.Clean(strings.Join(t.Startups, ",")), len(t.Meetings), t.CO2Kg, t.Score)
		for _, a := range t.Alternatives {
			fmt.Fprintf(w, "       instead: %s\n", report.Clean(a.Summary))
		}
		switch n := len(t.Unscheduled); n {
		case 0:
		case 1:
			fmt.Fprintf(w, "       1 match not scheduled (see plan.txt)\n")
		default:
			fmt.Fprintf(w, "       %d matches not scheduled (see plan.txt)\n", n)
		}
	}
	fmt.Fprintf(w, "\n%d meetings, %d start-ups travelled, %.1f kg CO2e\n", p.Totals.Meetings, p.Totals.StartupsTravelled, p.Totals.CO2Kg)
	cals := 0
	for name := range files {
		if strings.HasPrefix(name, "ics/") {
			cals++
		}
	}
	fmt.Fprintf(w, "wrote %s, %s and %d calendars in %s\n",
		filepath.Join(out, "plan.json"), filepath.Join(out, "plan.txt"), cals, filepath.Join(out, "ics"))
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org): the
// calendars' DTSTAMP. Unset means the calendar writer's fixed default.
func sourceDateEpoch() (time.Time, error) {
	v, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want seconds since 1970-01-01 UTC", v)
	}
	return time.Unix(n, 0).UTC(), nil
}
