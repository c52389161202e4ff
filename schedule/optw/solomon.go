package optw

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
)

// A DistanceRule turns Euclidean distances into integer travel times.
// The loader scales every time (service, windows, budget) by the rule's
// Scale so that all arithmetic is exact in integers.
type DistanceRule int

// Distance rules used with the Solomon-based orienteering instances.
const (
	// Trunc1 truncates to one decimal, floor(10·d)/10, in tenths (Scale
	// 10): the rule of the Solomon-based OPTW instances of Righini &
	// Salani (2009) and of the KU Leuven format note. The default.
	Trunc1 DistanceRule = iota
	// Trunc2 truncates to two decimals, in hundredths (Scale 100).
	Trunc2
	// Ceil2 rounds up to two decimals, in hundredths (Scale 100): the
	// rule of Righini & Salani's own matrices for the Cordeau pr set.
	Ceil2
	// Euclidean uses the distance itself ("exact"), in millionths rounded
	// up (Scale 1e6), so a route feasible here is feasible with real
	// distances.
	Euclidean
)

var ruleNames = [...]string{Trunc1: "trunc1", Trunc2: "trunc2", Ceil2: "ceil2", Euclidean: "exact"}

// String returns the rule's name as ParseDistanceRule accepts it.
func (r DistanceRule) String() string {
	if r >= 0 && int(r) < len(ruleNames) {
		return ruleNames[r]
	}
	return fmt.Sprintf("DistanceRule(%d)", int(r))
}

// ParseDistanceRule returns the rule named "trunc1", "trunc2", "ceil2" or
// "exact".
func ParseDistanceRule(s string) (DistanceRule, error) {
	for r, n := range ruleNames {
		if n == s {
			return DistanceRule(r), nil
		}
	}
	return 0, fmt.Errorf("optw: unknown distance rule %q (want trunc1, trunc2, ceil2 or exact)", s)
}

// Scale is the number of time units per unit of the file: 10 for Trunc1.
func (r DistanceRule) Scale() int64 {
	switch r {
	case Trunc2, Ceil2:
		return 100
	case Euclidean:
		return 1_000_000
	}
	return 10
}

// travel converts a Euclidean distance d to scaled integer time.
func (r DistanceRule) travel(d float64) int64 {
	x := d * float64(r.Scale())
	switch r {
	case Ceil2, Euclidean:
		// Guard against x = 1234.0000000001 from rounding in sqrt.
		return int64(math.Ceil(x - 1e-9))
	}
	return int64(math.Floor(x + 1e-9))
}

// ErrFormat reports a file that does not follow the benchmark format.
var ErrFormat = errors.New("malformed instance file")

// A ParseError locates a problem in an instance file.
type ParseError struct {
	Line, Column int    // 1-based position of the offending token
	Field        string // what was expected there, e.g. "node 3 service"
	Err          error  // wraps ErrFormat
}

// Error gives the position, the expected field and the problem.
func (e *ParseError) Error() string {
	return fmt.Sprintf("optw: line %d, column %d: %s: %v", e.Line, e.Column, e.Field, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// LoadSolomon reads an orienteering instance in the format of the KU
// Leuven test-instance library (Solomon- and Cordeau-based OPTW sets; see
// ../shared/bench/optw/README.md): a header "k v N t" and "D Q", then
// per node "i x y d S f a list O C". The file is read as a stream of
// tokens, so line breaks, CRLF and trailing blank lines do not matter.
//
// Node i of the file becomes Nodes[i] with Value S, Service d and one
// window [O, C]; node 0 is the depot, and the one route leaves it at 0
// and must be back by its C. Travel times are Euclidean distances under
// rule, and every time is multiplied by rule.Scale(); window opens and
// service times that are not whole in that unit are rounded
// conservatively (service and opens up, closes and the budget down).
// For the team variant, append copies of Routes[0].
func LoadSolomon(r io.Reader, rule DistanceRule) (*Instance, error) {
	if rule < 0 || int(rule) >= len(ruleNames) {
		return nil, fmt.Errorf("optw: %v: %w", rule, ErrFormat)
	}
	tk := &tokens{sc: bufio.NewScanner(r)}
	tk.sc.Buffer(nil, 1<<20)
	tk.sc.Split(bufio.ScanRunes)
	var nc float64
	var nLine, nCol int
	for _, name := range []string{"k", "v", "N", "t", "D", "Q"} {
		x, err := tk.number("header field " + name)
		if err != nil {
			return nil, err
		}
		if name == "N" {
			nc, nLine, nCol = x, tk.line, tk.col
		}
	}
	if nc < 0 || nc != math.Trunc(nc) || nc > 100000 {
		return nil, &ParseError{Line: nLine, Column: nCol, Field: "header field N", Err: fmt.Errorf("%v is not a customer count: %w", nc, ErrFormat)}
	}
	n := int(nc) + 1
	scale := float64(rule.Scale())
	in := &Instance{Nodes: make([]Node, n)}
	xs, ys := make([]float64, n), make([]float64, n)
	for i := range n {
		id, err := tk.number(fmt.Sprintf("node %d number", i))
		if err != nil {
			return nil, err
		}
		if id != float64(i) {
			return nil, &ParseError{Line: tk.line, Column: tk.col, Field: fmt.Sprintf("node %d number", i), Err: fmt.Errorf("got %v: %w", id, ErrFormat)}
		}
		f := make([]float64, 6) // x y d S f a
		for k, name := range []string{"x", "y", "service", "score", "f", "list length"} {
			if f[k], err = tk.number(fmt.Sprintf("node %d %s", i, name)); err != nil {
				return nil, err
			}
		}
		if a := f[5]; a < 0 || a != math.Trunc(a) || a > 1000 {
			return nil, &ParseError{Line: tk.line, Column: tk.col, Field: fmt.Sprintf("node %d list length", i), Err: fmt.Errorf("%v: %w", a, ErrFormat)}
		}
		for k := range int(f[5]) {
			if _, err := tk.number(fmt.Sprintf("node %d list entry %d", i, k+1)); err != nil {
				return nil, err
			}
		}
		o, err := tk.number(fmt.Sprintf("node %d window open", i))
		if err != nil {
			return nil, err
		}
		wl, wc := tk.line, tk.col // report a bad window at its opening
		c, err := tk.number(fmt.Sprintf("node %d window close", i))
		if err != nil {
			return nil, err
		}
		if c < o || f[2] < 0 {
			return nil, &ParseError{Line: wl, Column: wc, Field: fmt.Sprintf("node %d window", i), Err: fmt.Errorf("[%v, %v] with service %v: %w", o, c, f[2], ErrFormat)}
		}
		xs[i], ys[i] = f[0], f[1]
		in.Nodes[i] = Node{
			Value:   f[3],
			Service: int64(math.Ceil(f[2]*scale - 1e-9)),
			Windows: []Window{{Open: int64(math.Ceil(o*scale - 1e-9)), Close: int64(math.Floor(c*scale + 1e-9))}},
		}
	}
	if _, err := tk.next(); err == nil {
		return nil, &ParseError{Line: tk.line, Column: tk.col, Field: "end of file", Err: fmt.Errorf("unexpected token after node %d: %w", n-1, ErrFormat)}
	} else if !errors.Is(err, io.EOF) {
		return nil, err
	}
	in.Travel = make([][]int64, n)
	for i := range n {
		in.Travel[i] = make([]int64, n)
		for j := range n {
			if i != j {
				in.Travel[i][j] = rule.travel(math.Hypot(xs[i]-xs[j], ys[i]-ys[j]))
			}
		}
	}
	depot := in.Nodes[0]
	in.Routes = []Route{{Start: 0, End: 0, Depart: depot.Windows[0].Open, Arrive: depot.Windows[0].Close}}
	return in, nil
}

// tokens splits a reader into whitespace-separated tokens and remembers
// where the last one began.
type tokens struct {
	sc        *bufio.Scanner
	line, col int // position of the last token
	curLine   int
	curCol    int
	started   bool
	buf       []byte
}

// next returns the next token, or io.EOF.
func (t *tokens) next() (string, error) {
	if !t.started {
		t.curLine, t.curCol, t.started = 1, 0, true
	}
	t.buf = t.buf[:0]
	for t.sc.Scan() {
		ch := t.sc.Bytes()
		t.curCol++
		if len(ch) == 1 && (ch[0] == ' ' || ch[0] == '\t' || ch[0] == '\r' || ch[0] == '\n' || ch[0] == '\f' || ch[0] == '\v') {
			if ch[0] == '\n' {
				t.curLine++
				t.curCol = 0
			}
			if len(t.buf) > 0 {
				return string(t.buf), nil
			}
			continue
		}
		if len(t.buf) == 0 {
			t.line, t.col = t.curLine, t.curCol
		}
		t.buf = append(t.buf, ch...)
	}
	if err := t.sc.Err(); err != nil {
		return "", err
	}
	if len(t.buf) > 0 {
		return string(t.buf), nil
	}
	t.line, t.col = t.curLine, t.curCol+1
	return "", io.EOF
}

// number reads the next token as a number; field names it in errors.
func (t *tokens) number(field string) (float64, error) {
	s, err := t.next()
	if errors.Is(err, io.EOF) {
		return 0, &ParseError{Line: t.line, Column: t.col, Field: field, Err: fmt.Errorf("unexpected end of file: %w", ErrFormat)}
	}
	if err != nil {
		return 0, err
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, &ParseError{Line: t.line, Column: t.col, Field: field, Err: fmt.Errorf("%q is not a number: %w", s, ErrFormat)}
	}
	return x, nil
}
