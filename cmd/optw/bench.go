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
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/internal/cli"
	"github.com/crossmeet/crossmeet/schedule/optw"
)

// config is the parsed command line.
type config struct {
	opts    optw.Options
	m       int
	rule    optw.DistanceRule
	bks     string
	profile []time.Duration // time limits of the anytime profile, ascending
	cpuprof string          // file for a CPU profile of the whole run, or ""
	files   []string
}

func parseArgs(args []string, stderr, stdout io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("optw", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.DurationVar(&c.opts.TimeLimit, "time", time.Second, "time limit per instance (a safety net; searches normally stop earlier)")
	fs.Uint64Var(&c.opts.Seed, "seed", 1, "random seed")
	fs.IntVar(&c.m, "m", 1, "number of routes (the team variant uses 2, 3 or 4)")
	dist := fs.String("distance", "trunc1", "distance rule: trunc1, trunc2, ceil2 or exact")
	fs.StringVar(&c.bks, "bks", "", "CSV of best-known scores to report gaps: columns instance and best_known (or bks), and m for a table per number of routes; a blank value means none is known")
	prof := fs.String("profile", "", "comma-separated time limits, e.g. 0.1s,1s,10s: solve each instance once per limit and report the score at each (the anytime profile); the longest run gives the routes")
	fs.IntVar(&c.opts.MaxIterations, "iterations", 0, "iterations per search (0: the solver's default)")
	fs.IntVar(&c.opts.Patience, "patience", 0, "stop a search after this many iterations without improvement (0: the solver's default)")
	fs.StringVar(&c.cpuprof, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
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
	case *prof != "":
		for _, f := range strings.Split(*prof, ",") {
			d, err := time.ParseDuration(strings.TrimSpace(f))
			if err != nil || d <= 0 {
				return c, cli.Invalid(fmt.Errorf("-profile %q: %q is not a positive duration", *prof, f))
			}
			c.profile = append(c.profile, d)
		}
		slices.Sort(c.profile)
		c.profile = slices.Compact(c.profile)
	}
	switch {
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
	M          int      `json:"m"`
	Score      float64  `json:"score"`
	BestKnown  *float64 `json:"best_known,omitempty"`
	GapPercent *float64 `json:"gap_percent,omitempty"`
	Routes     [][]int  `json:"routes"`
	Stop       string   `json:"stop"`
	Iterations int      `json:"iterations"`
	Seconds    float64  `json:"seconds"`
	// CPUSeconds is the processor time the run used, all workers
	// together: on a loaded machine it shows how much of the wall-clock
	// limit the search really had.
	CPUSeconds float64 `json:"cpu_seconds"`
	// Profile holds, with -profile, one run per time limit; the fields
	// above are those of the longest.
	Profile []point `json:"profile,omitempty"`
}

// point is one run of the anytime profile.
type point struct {
	Limit      string   `json:"time"`
	Score      float64  `json:"score"`
	GapPercent *float64 `json:"gap_percent,omitempty"`
	Stop       string   `json:"stop"`
	Seconds    float64  `json:"seconds"`
	CPUSeconds float64  `json:"cpu_seconds"`
}

// stats are the gaps of a set of runs.
type stats struct {
	Instances         int     `json:"instances"`
	AverageGapPercent float64 `json:"average_gap_percent"`
	WorstGapPercent   float64 `json:"worst_gap_percent"`
	WorstInstance     string  `json:"worst_instance"`
	Optimal           int     `json:"at_best_known"`
	TimeLimitHits     int     `json:"time_limit_hits"`
	MedianSeconds     float64 `json:"median_seconds"`
	MedianCPUSeconds  float64 `json:"median_cpu_seconds"`
	gaps, secs, cpus  []float64
}

func (st *stats) add(name string, gap *float64, stop optw.Stop, secs, cpu float64) {
	if stop == optw.TimeLimitReached {
		st.TimeLimitHits++
	}
	st.secs = append(st.secs, secs)
	st.cpus = append(st.cpus, cpu)
	if gap == nil {
		return
	}
	if len(st.gaps) == 0 || *gap > st.WorstGapPercent {
		st.WorstGapPercent, st.WorstInstance = *gap, name
	}
	st.gaps = append(st.gaps, *gap)
	if *gap <= 0 {
		st.Optimal++
	}
}

func (st *stats) finish() {
	st.Instances = len(st.gaps)
	sum := 0.0
	for _, g := range st.gaps {
		sum += g
	}
	if len(st.gaps) > 0 {
		st.AverageGapPercent = round3(sum / float64(len(st.gaps)))
	}
	st.WorstGapPercent = max(st.WorstGapPercent, 0)
	st.MedianSeconds = round3(median(st.secs))
	st.MedianCPUSeconds = round3(median(st.cpus))
}

// summary is the final line with -bks. With -profile, Profile has the
// statistics per time limit and the top-level ones are the longest's.
type summary struct {
	Summary struct {
		stats
		Profile []profileStats `json:"profile,omitempty"`
	} `json:"summary"`
}

type profileStats struct {
	Limit string `json:"time"`
	stats
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	c, err := parseArgs(args, stderr, stdout)
	if err != nil {
		return err
	}
	if c.cpuprof != "" {
		f, err := os.Create(c.cpuprof)
		if err != nil {
			return cli.Invalid(err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("-cpuprofile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	var bks map[bksKey]float64
	if c.bks != "" {
		if bks, err = readBKS(c.bks, c.m); err != nil {
			return cli.Invalid(err)
		}
	}
	limits := c.profile
	if len(limits) == 0 {
		limits = []time.Duration{c.opts.TimeLimit}
	}
	all := make([]stats, len(limits))
	enc := json.NewEncoder(stdout)
	for _, file := range c.files {
		in, name, err := load(file, stdin, c.rule)
		if err != nil {
			return cli.Invalid(err)
		}
		for range c.m - 1 {
			in.Routes = append(in.Routes, in.Routes[0])
		}
		var l line
		b, known := bks[bksKey{name, c.m}]
		for k, limit := range limits {
			opts := c.opts
			opts.TimeLimit = limit
			start, cpu0 := time.Now(), cpuSeconds()
			sol, err := optw.Solve(ctx, in, opts)
			elapsed, cpu := time.Since(start).Seconds(), cpuSeconds()-cpu0
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			if err := in.Check(sol.Routes); err != nil {
				return fmt.Errorf("%s: refusing to print an infeasible route: %w", file, err)
			}
			var gap *float64
			if known {
				g := round3(100 * (b - sol.Value) / b)
				gap = &g
			}
			all[k].add(name, gap, sol.Stop, elapsed, cpu)
			l = line{
				Instance:   name,
				M:          c.m,
				Score:      sol.Value,
				GapPercent: gap,
				Routes:     sol.Routes,
				Stop:       sol.Stop.String(),
				Iterations: sol.Iterations,
				Seconds:    round3(elapsed),
				CPUSeconds: round3(cpu),
				Profile:    l.Profile,
			}
			if known {
				l.BestKnown = &b
			}
			if len(c.profile) > 0 {
				l.Profile = append(l.Profile, point{Limit: limit.String(), Score: sol.Value, GapPercent: gap, Stop: l.Stop, Seconds: l.Seconds, CPUSeconds: l.CPUSeconds})
			}
			if ctx.Err() != nil {
				break
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
	for k := range all {
		all[k].finish()
		if len(c.profile) > 0 {
			s.Summary.Profile = append(s.Summary.Profile, profileStats{Limit: limits[k].String(), stats: all[k]})
		}
	}
	s.Summary.stats = all[len(all)-1]
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

// bksKey names a best-known value: an instance and a number of routes.
type bksKey struct {
	instance string
	m        int
}

// readBKS reads a CSV of best-known scores with a header naming the
// columns instance and best_known (or bks, in any case), and optionally
// m, the number of routes (the toptw_bks.csv format: instance,m,bks).
// Other columns are ignored. A blank value means no best known value. A
// table without an m column holds values for one route, so it is an
// error with m > 1.
func readBKS(file string, m int) (map[bksKey]float64, error) {
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
	col := func(names ...string) int {
		return slices.IndexFunc(head, func(h string) bool {
			return slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(strings.TrimSpace(h), n) })
		})
	}
	ci, cb, cm := col("instance"), col("best_known", "bks"), col("m")
	if ci < 0 || cb < 0 {
		return nil, fmt.Errorf("%s:1: the header needs columns instance and best_known (or bks)", file)
	}
	if cm < 0 && m > 1 {
		return nil, fmt.Errorf("%s:1: no column m, so the values are for one route, not -m %d", file, m)
	}
	out := map[bksKey]float64{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		line, _ := r.FieldPos(0)
		if need := max(ci, cb, cm) + 1; need > len(rec) {
			return nil, fmt.Errorf("%s:%d: want at least %d fields, got %d", file, line, need, len(rec))
		}
		k := bksKey{strings.TrimSpace(rec[ci]), 1}
		if cm >= 0 {
			if k.m, err = strconv.Atoi(strings.TrimSpace(rec[cm])); err != nil || k.m < 1 {
				return nil, fmt.Errorf("%s:%d: m %q is not a positive whole number", file, line, rec[cm])
			}
		}
		field := strings.TrimSpace(rec[cb])
		if field == "" {
			continue
		}
		v, err := strconv.ParseFloat(field, 64)
		if err != nil || !(v > 0) {
			return nil, fmt.Errorf("%s:%d: best_known %q is not a positive number", file, line, rec[cb])
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("%s:%d: a second value for %s with m = %d", file, line, k.instance, k.m)
		}
		out[k] = v
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
