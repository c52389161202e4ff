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
	strict    bool
}

func runPlan(ctx context.Context, args []string, stdio stdio) error {
	var o planOptions
	fs := cli.NewFlagSet("crossmeet", "plan", "[--program DIR] [--out DIR] [--time-limit D] [--seed N] [--strict]", stdio.err)
	fs.StringVar(&o.program, "program", "", "programme `folder` (default: the embedded demo)")
	fs.StringVar(&o.out, "out", "crossmeet-out", "output `folder`")
	fs.DurationVar(&o.timeLimit, "time-limit", 30*time.Second, "safety net for the whole plan; searches are bounded by work and normally finish much sooner")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed: the same seed and input give the same plan")
	fs.BoolVar(&o.strict, "strict", false, "exit 1 when a pin (matching.pin) cannot be held")
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
	// An impossible trip (or, with --strict, a pin not held) still gives
	// the plan of every other trip: write it, then exit 1 with the reasons.
	p, planErr := prog.Plan(ctx, schedule.Options{TimeLimit: o.timeLimit, Seed: o.seed, StrictPins: o.strict})
	if p == nil || len(p.Trips) == 0 {
		return planErr
	}
	if p.Stop != "" {
		fmt.Fprintf(stdio.err, "crossmeet: planning stopped early (%s); the plan is complete but may hold fewer meetings\n", p.Stop)
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
		return err
	}
	summary(stdio, p, o.out, files)
	return planErr
}

// summary prints a few lines per trip: what a coordinator reads first.
func summary(stdio stdio, p *schedule.Plan, out string, files map[string][]byte) {
	w := stdio.out
	fmt.Fprintf(w, "%s\n\n", p.Program)
	for _, t := range p.Trips {
		short := ""
		if len(t.BelowMinimum) > 0 {
			short = "  below minimum: " + strings.Join(t.BelowMinimum, ",")
		}
		fmt.Fprintf(w, "%-4s %s  %-5s %-9s %-14s %2d meetings  %6.1f kg CO2e  score %.2f%s\n",
			t.ID, t.Date, t.Mode, t.Kind(), strings.Join(t.Startups, ","), len(t.Meetings), t.CO2Kg, t.Score, short)
		for _, a := range t.Alternatives {
			fmt.Fprintf(w, "       instead: %s\n", a.Summary)
		}
		for _, n := range t.NotPossible {
			fmt.Fprintf(w, "       %s\n", n)
		}
		switch n := len(t.Unscheduled); n {
		case 0:
		case 1:
			fmt.Fprintf(w, "       1 match not scheduled (see plan.txt)\n")
		default:
			fmt.Fprintf(w, "       %d matches not scheduled (see plan.txt)\n", n)
		}
	}
	for _, it := range p.Impossible {
		fmt.Fprintf(w, "%-4s impossible:\n", it.ID)
		for _, r := range it.Reasons {
			fmt.Fprintf(w, "       %s\n", r)
		}
	}
	for _, u := range p.PinsNotHeld {
		fmt.Fprintf(w, "pin %s %s not held: %s\n", u.Startup, u.Contact, u.Reason)
	}
	fmt.Fprintf(w, "\n%d meetings, %d start-ups (%d people) travelled, %.1f kg CO2e (%.1f per person, %.1f per meeting; all by car %.1f)\n",
		p.Totals.Meetings, p.Totals.StartupsTravelled, p.Totals.People, p.Totals.CO2Kg, p.Totals.CO2KgPerPerson, p.Totals.CO2KgPerMeeting, p.Totals.AllCarCO2Kg)
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
