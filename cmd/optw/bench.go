package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/internal/cli"
	"github.com/crossmeet/crossmeet/schedule/optw"
)

// config is the parsed command line.
type config struct {
	opts  optw.Options
	m     int
	rule  optw.DistanceRule
	bks   string
	files []string
}

func parseArgs(args []string, stderr, stdout io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("optw", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.DurationVar(&c.opts.TimeLimit, "time", time.Second, "time limit per instance (a safety net; searches normally stop earlier)")
	fs.Uint64Var(&c.opts.Seed, "seed", 1, "random seed")
	fs.IntVar(&c.m, "m", 1, "number of routes (the team variant uses 2, 3 or 4)")
	dist := fs.String("distance", "trunc1", "distance rule: trunc1, trunc2, ceil2 or exact")
	fs.StringVar(&c.bks, "bks", "", "CSV of best-known scores (columns instance, best_known) to report gaps")
	fs.IntVar(&c.opts.MaxIterations, "iterations", 0, "iterations per search (0: the solver's default)")
	fs.IntVar(&c.opts.Patience, "patience", 0, "stop a search after this many iterations without improvement (0: the solver's default)")
	fs.IntVar(&c.opts.Workers, "workers", 0, "independent searches per instance (0: the solver's default)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: optw [flags] FILE...\n\nRuns the OPTW solver on benchmark instances and prints one JSON line per instance.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return c, cli.ErrHelp
		}
		return c, cli.Invalid(err)
	}
	var err error
	if c.rule, err = optw.ParseDistanceRule(*dist); err != nil {
		return c, cli.Invalid(err)
	}
	switch {
	case c.m < 1:
		return c, cli.Invalid(fmt.Errorf("-m %d: need at least one route", c.m))
	case c.opts.TimeLimit <= 0:
		return c, cli.Invalid(fmt.Errorf("-time %v: need a positive duration", c.opts.TimeLimit))
	case c.opts.MaxIterations < 0 || c.opts.Workers < 0 || c.opts.Patience < 0:
		return c, cli.Invalid(errors.New("-iterations, -patience and -workers must not be negative"))
	case fs.NArg() == 0:
		fs.Usage()
		return c, cli.Invalid(errors.New("no instance files given"))
	}
	c.files = fs.Args()
	return c, nil
}

// line is one instance's JSON output.
type line struct {
	Instance   string   `json:"instance"`
	Score      float64  `json:"score"`
	BestKnown  *float64 `json:"best_known,omitempty"`
	GapPercent *float64 `json:"gap_percent,omitempty"`
	Routes     [][]int  `json:"routes"`
	Stop       string   `json:"stop"`
	Iterations int      `json:"iterations"`
	Seconds    float64  `json:"seconds"`
}

// summary is the final line with -bks.
type summary struct {
	Summary struct {
		Instances         int     `json:"instances"`
		AverageGapPercent float64 `json:"average_gap_percent"`
		WorstGapPercent   float64 `json:"worst_gap_percent"`
		WorstInstance     string  `json:"worst_instance"`
		Optimal           int     `json:"at_best_known"`
		TimeLimitHits     int     `json:"time_limit_hits"`
		MedianSeconds     float64 `json:"median_seconds"`
	} `json:"summary"`
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	c, err := parseArgs(args, stderr, stdout)
	if err != nil {
		return err
	}
	var bks map[string]float64
	if c.bks != "" {
		if bks, err = readBKS(c.bks); err != nil {
			return cli.Invalid(err)
		}
	}
	var (
		gaps    []float64
		secs    []float64
		worst   = -1.0
		worstAt string
		atBest  int
		hits    int
	)
	enc := json.NewEncoder(stdout)
	for _, file := range c.files {
		in, name, err := load(file, stdin, c.rule)
		if err != nil {
			return cli.Invalid(err)
		}
		for range c.m - 1 {
			in.Routes = append(in.Routes, in.Routes[0])
		}
		start := time.Now()
		sol, err := optw.Solve(ctx, in, c.opts)
		elapsed := time.Since(start).Seconds()
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if err := in.Check(sol.Routes); err != nil {
			return fmt.Errorf("%s: refusing to print an infeasible route: %w", file, err)
		}
		if sol.Stop == optw.TimeLimitReached {
			hits++
		}
		secs = append(secs, elapsed)
		l := line{
			Instance:   name,
			Score:      sol.Value,
			Routes:     sol.Routes,
			Stop:       sol.Stop.String(),
			Iterations: sol.Iterations,
			Seconds:    math.Round(elapsed*1000) / 1000,
		}
		if b, ok := bks[name]; ok {
			g := 100 * (b - sol.Value) / b
			g = math.Round(g*1000) / 1000
			l.BestKnown, l.GapPercent = &b, &g
			gaps = append(gaps, g)
			if g > worst {
				worst, worstAt = g, name
			}
			if sol.Value >= b {
				atBest++
			}
		}
		if err := enc.Encode(l); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if bks == nil {
		return nil
	}
	var s summary
	s.Summary.Instances = len(gaps)
	for _, g := range gaps {
		s.Summary.AverageGapPercent += g / float64(len(gaps))
	}
	s.Summary.AverageGapPercent = math.Round(s.Summary.AverageGapPercent*1000) / 1000
	s.Summary.WorstGapPercent = max(worst, 0)
	s.Summary.WorstInstance = worstAt
	s.Summary.Optimal = atBest
	s.Summary.TimeLimitHits = hits
	s.Summary.MedianSeconds = math.Round(median(secs)*1000) / 1000
	return enc.Encode(s)
}

// load reads one instance; its name is the file name without extension.
func load(file string, stdin io.Reader, rule optw.DistanceRule) (*optw.Instance, string, error) {
	if file == "-" {
		in, err := optw.LoadSolomon(stdin, rule)
		if err != nil {
			return nil, "", fmt.Errorf("stdin: %w", err)
		}
		return in, "stdin", nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	in, err := optw.LoadSolomon(f, rule)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", file, err)
	}
	base := filepath.Base(file)
	return in, strings.TrimSuffix(base, filepath.Ext(base)), nil
}

// readBKS reads a CSV with a header naming the columns instance and
// best_known (others are ignored).
func readBKS(file string) (map[string]float64, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	ci, cb := slices.Index(head, "instance"), slices.Index(head, "best_known")
	if ci < 0 || cb < 0 {
		return nil, fmt.Errorf("%s:1: the header needs columns instance and best_known", file)
	}
	out := map[string]float64{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		line, _ := r.FieldPos(0)
		if max(ci, cb) >= len(rec) {
			return nil, fmt.Errorf("%s:%d: want at least %d fields, got %d", file, line, max(ci, cb)+1, len(rec))
		}
		v, err := strconv.ParseFloat(rec[cb], 64)
		if err != nil || !(v > 0) {
			return nil, fmt.Errorf("%s:%d: best_known %q is not a positive number", file, line, rec[cb])
		}
		out[rec[ci]] = v
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
