// Command lapbench times match.Assign on assignment matrices, for the
// side-by-side comparison with SciPy that lapbench.py runs. It lives in
// testdata so that it is no part of the module's packages or tests.
//
// Usage:
//
//	go run ./match/testdata/lapbench [-repeat 5] FILE...
//
// Each FILE is an OR-Library assignment file (Beasley: "n" then the n²
// costs of assignN, or "n" then "i j cost" triples, 1-based, of
// assignpN, where absent pairs are not allowed) or a rectangular dense
// matrix ("nr nc" then nr·nc costs). For each file it prints one JSON
// line: the least total cost Assign found, the number of meetings, and
// the median wall and CPU seconds of the Assign call (pairs built
// beforehand, as a caller holds them).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"syscall"
	"time"

	"github.com/crossmeet/crossmeet/match"
)

type result struct {
	File     string    `json:"file"`
	Rows     int       `json:"rows"`
	Cols     int       `json:"cols"`
	Pairs    int       `json:"pairs"`
	Cost     int64     `json:"cost"`
	Meetings int       `json:"meetings"`
	Wall     []float64 `json:"wall_s"`
	CPU      []float64 `json:"cpu_s"`
	WallMed  float64   `json:"wall_median_s"`
	CPUMed   float64   `json:"cpu_median_s"`
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "lapbench:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("lapbench", flag.ContinueOnError)
	repeat := fs.Int("repeat", 5, "timed runs per file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, name := range fs.Args() {
		m, err := readMatrix(name)
		if err != nil {
			return err
		}
		r, err := bench(m, *repeat)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		r.File = filepath.Base(name)
		b, _ := json.Marshal(r)
		fmt.Fprintln(stdout, string(b))
	}
	return nil
}

// matrix is a cost matrix; absent entries are allowed[i*nc+j] == false.
type matrix struct {
	nr, nc  int
	cost    []int64
	allowed []bool
}

func readMatrix(name string) (*matrix, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	header, err := br.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("%s:1: %w", name, err)
	}
	var head []int
	for _, field := range splitFields(header) {
		n, err := strconv.Atoi(field)
		if err != nil {
			return nil, fmt.Errorf("%s:1: header %q: want \"n\" or \"rows cols\"", name, header)
		}
		head = append(head, n)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	sc.Split(bufio.ScanWords)
	var nums []int64
	for sc.Scan() {
		n, err := strconv.ParseInt(sc.Text(), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: value %d: %q is not an integer", name, len(nums)+1, sc.Text())
		}
		nums = append(nums, n)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	m := &matrix{}
	switch {
	case len(head) == 2:
		m.nr, m.nc = head[0], head[1]
	case len(head) == 1:
		m.nr, m.nc = head[0], head[0]
	default:
		return nil, fmt.Errorf("%s:1: header %q: want \"n\" or \"rows cols\"", name, header)
	}
	m.cost = make([]int64, m.nr*m.nc)
	m.allowed = make([]bool, m.nr*m.nc)
	switch {
	case len(nums) == m.nr*m.nc:
		copy(m.cost, nums)
		for i := range m.allowed {
			m.allowed[i] = true
		}
	case len(head) == 1 && len(nums)%3 == 0:
		for k := 0; k < len(nums); k += 3 {
			i, j := int(nums[k])-1, int(nums[k+1])-1
			if i < 0 || i >= m.nr || j < 0 || j >= m.nc {
				return nil, fmt.Errorf("%s: triple %d: (%d, %d) outside 1..%d", name, k/3+1, i+1, j+1, m.nr)
			}
			m.cost[i*m.nc+j], m.allowed[i*m.nc+j] = nums[k+2], true
		}
	default:
		return nil, fmt.Errorf("%s: %d values after the header, want %d costs or i j cost triples", name, len(nums), m.nr*m.nc)
	}
	return m, nil
}

func splitFields(s string) []string {
	var out []string
	start := -1
	for i, r := range s + " " {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

// bench turns the matrix into start-ups (rows), contacts (columns) and
// pairs scored bound − cost, with bound above n·max cost so that a
// maximum-score assignment with one meeting each is a least-cost
// assignment of the smaller side, and times Assign on them.
func bench(m *matrix, repeat int) (result, error) {
	r := result{Rows: m.nr, Cols: m.nc}
	maxCost := int64(0)
	for k, c := range m.cost {
		if m.allowed[k] {
			maxCost = max(maxCost, c)
		}
	}
	bound := float64(int64(max(m.nr, m.nc))*maxCost + 1)
	startups := make([]match.Startup, m.nr)
	for i := range startups {
		startups[i].ID = fmt.Sprintf("R%d", i)
	}
	contacts := make([]match.Contact, m.nc)
	for j := range contacts {
		contacts[j].ID = fmt.Sprintf("K%d", j)
	}
	col := make(map[string]int, m.nc)
	for j, c := range contacts {
		col[c.ID] = j
	}
	row := make(map[string]int, m.nr)
	for i, s := range startups {
		row[s.ID] = i
	}
	var pairs []match.Pair
	for i := 0; i < m.nr; i++ {
		for j := 0; j < m.nc; j++ {
			if k := i*m.nc + j; m.allowed[k] {
				pairs = append(pairs, match.Pair{Startup: startups[i].ID, Contact: contacts[j].ID, Score: bound - float64(m.cost[k])})
			}
		}
	}
	r.Pairs = len(pairs)
	opts := match.AssignOptions{Capacity: 1, Max: 1}
	ctx := context.Background()
	for run := 0; run < repeat; run++ {
		runtime.GC()
		w0, c0 := time.Now(), cpuTime()
		a, err := match.Assign(ctx, startups, contacts, pairs, opts)
		w, c := time.Since(w0), cpuTime()-c0
		if err != nil {
			return r, err
		}
		r.Wall = append(r.Wall, w.Seconds())
		r.CPU = append(r.CPU, c.Seconds())
		if run == 0 {
			r.Meetings = len(a.Meetings)
			for _, p := range a.Meetings {
				r.Cost += m.cost[row[p.Startup]*m.nc+col[p.Contact]]
			}
		}
	}
	if r.Meetings != min(m.nr, m.nc) {
		return r, errors.New("the assignment is not complete: the matrix has no perfect assignment")
	}
	r.WallMed, r.CPUMed = median(r.Wall), median(r.CPU)
	if math.IsNaN(r.WallMed) {
		return r, errors.New("no runs")
	}
	return r, nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
