package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"text/tabwriter"

	"github.com/crossmeet/crossmeet/internal/cli"
	"github.com/crossmeet/crossmeet/internal/regular"
	"github.com/crossmeet/crossmeet/internal/wording"
	"github.com/crossmeet/crossmeet/match"
	"github.com/crossmeet/crossmeet/schedule/program"
	"github.com/crossmeet/crossmeet/schedule/report"
)

func init() {
	commands["match"] = command{summary: "score start-ups against contacts and choose who meets whom, with reasons", run: runMatch}
}

// matchSettings are the programme's matching rules. defaultMatchSettings
// gives the program.yaml defaults (matching: {cross_border: true,
// capacity: 2}, meetings: per_startup: {min: 2, max: 6}).
type matchSettings struct {
	Score  match.Options
	Assign match.AssignOptions
}

func defaultMatchSettings() matchSettings {
	return matchSettings{
		Score:  match.Options{CrossBorder: true},
		Assign: match.AssignOptions{Capacity: 2, Min: 2, Max: 6},
	}
}

func runMatch(ctx context.Context, args []string, stdio stdio) error {
	fl := cli.NewFlagSet("crossmeet", "match", "[--program DIR] [--json]", stdio.err)
	dir := fl.String("program", "", "programme `folder`: program.yaml, startups.csv and contacts.csv, or just the two CSV files (default: the embedded demo)")
	asJSON := fl.Bool("json", false, "write the assignment as JSON instead of a table")
	if err := cli.Parse(fl, args, stdio.out, stdio.err); err != nil {
		return err
	}
	fsys, _, err := programFS(*dir)
	if err != nil {
		return err
	}
	var startups []match.Startup
	var contacts []match.Contact
	settings := defaultMatchSettings()
	if _, err := fs.Stat(fsys, "program.yaml"); err == nil {
		// A whole programme: its rules steer the matching; trips and
		// places are not needed to see who should meet whom.
		prog, err := loadWith(program.LoadPeople, *dir, stdio.err)
		if err != nil {
			return err
		}
		startups, contacts = prog.Startups, prog.Contacts
		settings.Score, settings.Assign = prog.MatchOptions()
	} else if startups, contacts, err = loadMatchInput(fsys, stdio.err); err != nil {
		return err
	}
	a, err := matchProgram(ctx, startups, contacts, settings)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeMatchJSON(stdio.out, a)
	}
	return writeMatchText(stdio.out, startups, contacts, a)
}

// loadMatchInput reads startups.csv and contacts.csv from the programme
// folder, printing the loaders' warnings to stderr.
func loadMatchInput(fsys fs.FS, stderr io.Writer) ([]match.Startup, []match.Contact, error) {
	read := func(name string, load func(io.Reader, string) error) error {
		// As the programme loader reads them: a regular file within
		// program.MaxTableBytes, so that a FIFO cannot hang match.
		data, err := regular.ReadFS(fsys, name, program.MaxTableBytes)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return cli.Invalid(fmt.Errorf("the programme has no %s", name))
			}
			return cli.Invalid(fmt.Errorf("%s: cannot read the file: %w", name, err))
		}
		return load(bytes.NewReader(data), name)
	}
	var startups []match.Startup
	var contacts []match.Contact
	err := read("startups.csv", func(r io.Reader, name string) error {
		var warnings []string
		var err error
		startups, warnings, err = match.LoadStartups(r, name)
		printWarnings(stderr, warnings)
		return loadError(err)
	})
	if err != nil {
		return nil, nil, err
	}
	err = read("contacts.csv", func(r io.Reader, name string) error {
		var warnings []string
		var err error
		contacts, warnings, err = match.LoadContacts(r, name)
		printWarnings(stderr, warnings)
		return loadError(err)
	})
	if err != nil {
		return nil, nil, err
	}
	return startups, contacts, nil
}

func printWarnings(w io.Writer, warnings []string) {
	for _, s := range warnings {
		fmt.Fprintf(w, "warning: %s\n", report.Clean(s))
	}
}

// loadError marks a located CSV error as bad input (exit 2).
func loadError(err error) error {
	var pe *match.ParseError
	if errors.As(err, &pe) {
		return cli.Invalid(err)
	}
	return err
}

// matchProgram is the command's core: score every pair, then choose the
// meetings under the settings' capacities and limits.
func matchProgram(ctx context.Context, startups []match.Startup, contacts []match.Contact, s matchSettings) (match.Assignment, error) {
	pairs, err := match.Score(ctx, startups, contacts, s.Score)
	if errors.Is(err, match.ErrTooManyPairs) {
		return match.Assignment{}, cli.Invalid(err)
	}
	if err != nil {
		return match.Assignment{}, err
	}
	a, err := match.Assign(ctx, startups, contacts, pairs, s.Assign)
	if errors.Is(err, match.ErrPinned) || errors.Is(err, match.ErrUnknownID) {
		return a, cli.Invalid(err)
	}
	return a, err
}

func writeMatchJSON(w io.Writer, a match.Assignment) error {
	type assignment struct {
		Startup string   `json:"startup"`
		Contact string   `json:"contact"`
		Score   float64  `json:"score"`
		Reasons []string `json:"reasons"`
	}
	type unmet struct {
		Startup  string `json:"startup"`
		Wish     string `json:"wish"`
		Priority int    `json:"priority"`
		Reason   string `json:"reason"`
	}
	type short struct {
		Startup string `json:"startup"`
		Got     int    `json:"got"`
		Min     int    `json:"min"`
		Reason  string `json:"reason"`
	}
	out := struct {
		Assignments []assignment `json:"assignments"`
		Unmet       []unmet      `json:"unmet_wishes"`
		Short       []short      `json:"short"`
	}{Assignments: []assignment{}, Unmet: []unmet{}, Short: []short{}}
	for _, m := range a.Meetings {
		reasons := m.Reasons()
		if reasons == nil {
			reasons = []string{}
		}
		out.Assignments = append(out.Assignments, assignment{m.Startup, m.Contact, wording.Round3(m.Score), reasons})
	}
	for _, u := range a.Unmet {
		out.Unmet = append(out.Unmet, unmet{u.Startup, u.Wish.String(), u.Wish.Priority, u.Reason})
	}
	for _, s := range a.Short {
		out.Short = append(out.Short, short{s.Startup, s.Got, s.Min, s.Reason})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// writeMatchText prints one table per start-up: contact, score, reasons,
// then its unmet wishes and any shortfall.
func writeMatchText(w io.Writer, startups []match.Startup, contacts []match.Contact, a match.Assignment) error {
	name := map[string]string{}
	for _, c := range contacts {
		label := c.Name
		if c.Organization != "" {
			label += ", " + c.Organization
		}
		name[c.ID] = label
	}
	bySU := map[string][]match.Pair{}
	for _, m := range a.Meetings {
		bySU[m.Startup] = append(bySU[m.Startup], m)
	}
	unmet := map[string][]match.UnmetWish{}
	for _, u := range a.Unmet {
		unmet[u.Startup] = append(unmet[u.Startup], u)
	}
	short := map[string]match.Shortfall{}
	for _, s := range a.Short {
		short[s.Startup] = s
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s for %s, total score %.2f\n", wording.Plural(len(a.Meetings), "meeting"), wording.Plural(len(startups), "start-up"), a.Total)
	for _, s := range startups {
		ms := bySU[s.ID]
		fmt.Fprintf(&b, "\n%s  %s: %s\n", report.Clean(s.ID), report.Clean(s.Name), wording.Plural(len(ms), "meeting"))
		if len(ms) > 0 {
			tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "  contact\tscore\treasons")
			for _, m := range ms {
				fmt.Fprintf(tw, "  %s %s\t%.2f\t%s\n", cell(m.Contact), cell(name[m.Contact]), m.Score, cell(strings.Join(m.Reasons(), "; ")))
			}
			tw.Flush()
		}
		for _, u := range unmet[s.ID] {
			fmt.Fprintf(&b, "  unmet wish %d (%s): %s\n", u.Wish.Priority, report.Clean(u.Wish.String()), report.Clean(u.Reason))
		}
		if sh, ok := short[s.ID]; ok {
			fmt.Fprintf(&b, "  below the minimum of %d: %s\n", sh.Min, report.Clean(sh.Reason))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell cleans a value for one cell of the tab-aligned table: no line
// break or control, and no tab, which would start another column.
func cell(s string) string { return strings.ReplaceAll(report.Clean(s), "\t", " ") }
