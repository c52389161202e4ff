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
	"github.com/crossmeet/crossmeet/internal/regular"
	"github.com/crossmeet/crossmeet/internal/wording"
	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/calendar"
	"github.com/crossmeet/crossmeet/schedule/invite"
	"github.com/crossmeet/crossmeet/schedule/report"
)

func init() {
	commands["plan"] = command{summary: "plan every trip of a programme and write the plan, agendas, calendars, spreadsheet and indicators", run: runPlan}
}

type planOptions struct {
	program   string
	out       string
	timeLimit time.Duration
	seed      uint64
	lang      report.Lang
	strict    bool
}

func runPlan(ctx context.Context, args []string, stdio stdio) error {
	var o planOptions
	fs := cli.NewFlagSet("crossmeet", "plan", "[--program DIR] [--out DIR] [--lang sv|no|en] [--time-limit D] [--seed N] [--strict]", stdio.err)
	fs.StringVar(&o.program, "program", "", "programme `folder` (default: the embedded demo)")
	fs.StringVar(&o.out, "out", "crossmeet-out", "output `folder`")
	fs.DurationVar(&o.timeLimit, "time-limit", 30*time.Second, "safety net for the whole plan; searches are bounded by work and normally finish much sooner")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed: the same seed and input give the same plan")
	lang := fs.String("lang", "", "`language` of plan.txt and index.html: sv, no or en (default: from the programme's time zone)")
	fs.BoolVar(&o.strict, "strict", false, "exit 1 when a pin (matching.pin) or a locked meeting cannot be held")
	if err := cli.Parse(fs, args, stdio.out, stdio.err); err != nil {
		return err
	}
	if *lang != "" {
		l, ok := report.ParseLang(*lang)
		if !ok {
			return cli.Invalid(fmt.Errorf("--lang %q: want sv, no or en", *lang))
		}
		o.lang = l
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
	if stamp.IsZero() {
		stamp = time.Now().UTC().Truncate(time.Second) // the time of planning
	}
	bar := startProgress(stdio.err, "reading the programme")
	defer bar.end()
	prog, err := loadProgram(o.program, bar.writer(stdio.err))
	if err != nil {
		return err
	}
	ledger, err := agreed(prog, o.out)
	if err != nil {
		return err
	}
	bar.set("forming trips")
	formed, err := formTrips(ctx, prog, o.seed, o.timeLimit, bar.writer(stdio.err))
	if err != nil {
		return err
	}
	bar.set("planning " + wording.Plural(len(prog.Trips), "trip"))
	// An impossible trip (or, with --strict, a pin not held) still gives
	// the plan of every other trip: write it, then exit 1 with the reasons.
	p, planErr := prog.Plan(ctx, schedule.Options{TimeLimit: o.timeLimit, Seed: o.seed, StrictPins: o.strict, Previous: ledger.Announced()})
	if p == nil || len(p.Trips) == 0 {
		if errors.Is(planErr, match.ErrTooManyPairs) {
			return cli.Invalid(planErr)
		}
		return planErr
	}
	if p.Stop != "" {
		bar.end()
		fmt.Fprintf(stdio.err, "crossmeet: planning stopped early (%s); the plan is complete but may hold fewer meetings\n", p.Stop)
	}
	bar.set("writing the outputs")
	if err := prog.Check(p); err != nil {
		return fmt.Errorf("internal error: the plan breaks a rule, please report it:\n%w", err)
	}
	files, err := report.Files(p, prog.Directory(), report.Options{
		Calendar: calendar.Options{
			Stamp:    stamp,
			Previous: report.ReadPrevious(o.out),
			Zone:     prog.Zone,
		},
		Program: prog,
		Lang:    o.lang,
		Answers: answersOf(ledger),
	})
	if err != nil {
		return err
	}
	msgs, err := invite.Messages(prog, p, ledger, invite.Options{Stamp: stamp, From: mailFrom(prog)})
	if err != nil {
		return err
	}
	files["changes.txt"] = []byte(invite.Changes(msgs))
	// The ledger of what was sent and answered outlives the plan: it goes
	// into the new output set as it is.
	if data, err := regular.ReadFile(filepath.Join(o.out, invite.LedgerFile), invite.MaxLedgerBytes); err == nil {
		files[invite.LedgerFile] = data
	}
	if formed != "" {
		files["trips-formed.txt"] = []byte(formed)
	}
	if err := report.WriteFiles(o.out, files); err != nil {
		if errors.Is(err, report.ErrForeignOutput) || errors.Is(err, report.ErrOutputFolder) {
			return cli.Invalid(fmt.Errorf("--out: %w", err))
		}
		return err
	}
	bar.end()
	summary(stdio, p, o.out, files)
	if len(ledger.Messages) > 0 {
		fmt.Fprintf(stdio.out, "\nto be told (changes.txt):\n%s", files["changes.txt"])
	} else {
		fmt.Fprintf(stdio.out, "%d invitations and itineraries to send (changes.txt): crossmeet send --out %s\n", len(msgs), o.out)
	}
	return planErr
}

// agreed reads the ledger of an earlier plan in out and applies what was
// answered: a declined pair is not proposed again (it joins
// Matching.Forbid); an accepted meeting becomes Locked and its pair is
// pinned, so that it stays where it is (invite.Ledger.Apply).
func agreed(prog *schedule.Program, out string) (*invite.Ledger, error) {
	ledger, err := invite.LoadLedger(out)
	if err != nil {
		return nil, cli.Invalid(err)
	}
	ledger.Apply(prog)
	return ledger, nil
}

// summary prints a few lines per trip: what a coordinator reads first,
// and where the files are.
func summary(stdio stdio, p *schedule.Plan, out string, files map[string][]byte) {
	w := stdio.out
	fmt.Fprintf(w, "%s\n\n", report.Clean(p.Program))
	for _, t := range p.Trips {
		short := ""
		if len(t.BelowMinimum) > 0 {
			short = "  below minimum: " + report.Clean(strings.Join(t.BelowMinimum, ","))
		}
		fmt.Fprintf(w, "%-4s %s  %-5s %-9s %-14s %11s  %6.1f kg CO2e  score %.2f%s\n",
			report.Clean(t.ID), report.Clean(t.Date), report.Clean(t.Mode), t.Kind(), report.Clean(strings.Join(t.Startups, ",")), wording.Plural(len(t.Meetings), "meeting"), t.CO2Kg, t.Score, short)
		for _, a := range t.Alternatives {
			fmt.Fprintf(w, "       instead: %s\n", report.Clean(a.Summary))
		}
		for _, n := range t.NotPossible {
			fmt.Fprintf(w, "       %s\n", report.Clean(n))
		}
		if n := len(t.Unscheduled); n > 0 {
			fmt.Fprintf(w, "       %s not scheduled (see plan.txt)\n", wording.Plural(n, "proposed meeting"))
		}
	}
	for _, it := range p.Impossible {
		fmt.Fprintf(w, "%-4s impossible:\n", report.Clean(it.ID))
		for _, r := range it.Reasons {
			fmt.Fprintf(w, "       %s\n", report.Clean(r))
		}
	}
	for _, u := range p.PinsNotHeld {
		fmt.Fprintf(w, "pin %s %s not held: %s\n", report.Clean(u.Startup), report.Clean(u.Contact), report.Clean(u.Reason))
	}
	for _, u := range p.LocksNotHeld {
		fmt.Fprintf(w, "locked meeting %s %s not held: %s\n", report.Clean(u.Startup), report.Clean(u.Contact), report.Clean(u.Reason))
	}
	fmt.Fprintf(w, "\n%s, %s (%s) travelled, %.1f kg CO2e (%.1f per person, %.1f per meeting; all by car %.1f)\n",
		wording.Plural(p.Totals.Meetings, "meeting"), wording.Plural(p.Totals.StartupsTravelled, "start-up"),
		wording.Plural(p.Totals.People, "traveller"), p.Totals.CO2Kg, p.Totals.CO2KgPerPerson, p.Totals.CO2KgPerMeeting, p.Totals.AllCarCO2Kg)
	cals, agendas := 0, 0
	for name := range files {
		switch {
		case strings.HasPrefix(name, "ics/"):
			cals++
		case strings.HasPrefix(name, "agenda/"):
			agendas++
		}
	}
	fmt.Fprintf(w, "wrote in %s:\n", out)
	fmt.Fprintf(w, "  index.html       the programme at a glance: open it in a browser\n")
	fmt.Fprintf(w, "  plan.txt         every trip, start-up and day; plan.json for programs\n")
	fmt.Fprintf(w, "  agenda/          %s to hand out or print, one per start-up and contact\n", wording.Plural(agendas, "agenda"))
	fmt.Fprintf(w, "  ics/             %s to import or send\n", wording.Plural(cals, "calendar"))
	fmt.Fprintf(w, "  meetings.xlsx    every meeting, also as meetings.csv\n")
	fmt.Fprintf(w, "  indicators.json  the funders' figures, also as indicators.csv\n")
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org): the
// calendars' DTSTAMP. Unset gives the zero time: the caller uses the time
// of planning.
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

// answersOf lets plan.txt show what the ledger's invitations were
// answered.
func answersOf(l *invite.Ledger) func(trip, startup, contact string) (time.Time, []report.Answer, bool) {
	return func(trip, startup, contact string) (time.Time, []report.Answer, bool) {
		start, answers, ok := l.AnswersTo(trip, startup, contact)
		out := make([]report.Answer, len(answers))
		for i, a := range answers {
			out[i] = report.Answer{Address: a[0], PartStat: a[1]}
		}
		return start, out, ok
	}
}
