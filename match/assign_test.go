package match

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// instance is a random assignment problem.
type instance struct {
	startups []Startup
	contacts []Contact
	pairs    []Pair
	opts     AssignOptions
}

// randomInstance draws nS start-ups, nC contacts, each pair present with
// probability density, scores in (0, 1] on a coarse grid so that ties
// happen, capacities 1..3 and maxima 1..4.
func randomInstance(r *rand.Rand, nS, nC int, density float64) instance {
	var in instance
	for s := 0; s < nS; s++ {
		in.startups = append(in.startups, Startup{ID: fmt.Sprintf("S%02d", s)})
	}
	for c := 0; c < nC; c++ {
		in.contacts = append(in.contacts, Contact{ID: fmt.Sprintf("C%02d", c), Capacity: 1 + r.IntN(3)})
	}
	for s := 0; s < nS; s++ {
		for c := 0; c < nC; c++ {
			if r.Float64() < density {
				in.pairs = append(in.pairs, Pair{Startup: in.startups[s].ID, Contact: in.contacts[c].ID,
					Score: float64(1+r.IntN(20)) / 20})
			}
		}
	}
	in.opts.MaxFor = map[string]int{}
	for _, s := range in.startups {
		in.opts.MaxFor[s.ID] = 1 + r.IntN(4)
	}
	return in
}

// lpOptimum solves the same problem with gonum's simplex:
//
//	maximise Σ w·x + M·Σ y
//	s.t. Σ_c x_sc ≤ max_s, Σ_s x_sc ≤ cap_c, x ≤ 1, y_s ≤ min, y_s ≤ Σ_c x_sc
//
// in standard form with one slack per row. M exceeds any total score, so
// the LP optimum ranks start-ups reaching the minimum first, as Assign
// does. The b-matching polytope is integral, so the LP optimum is the
// integer optimum. It returns the score part and the number of meetings
// counted toward the minimum.
func lpOptimum(t testing.TB, in instance, unitBounds bool) (float64, float64) {
	t.Helper()
	nE, nS, nC := len(in.pairs), len(in.startups), len(in.contacts)
	useY := in.opts.Min > 0
	nY := 0
	if useY {
		nY = nS
	}
	rows := nS + nC
	if unitBounds {
		rows += nE
	}
	if useY {
		rows += 2 * nS
	}
	nVar := nE + nY + rows // x, y, slacks
	A := mat.NewDense(rows, nVar, nil)
	b := make([]float64, rows)
	c := make([]float64, nVar)
	bigM := float64(nE + 1)
	sIdx, cIdx := map[string]int{}, map[string]int{}
	for i, s := range in.startups {
		sIdx[s.ID] = i
	}
	for i, k := range in.contacts {
		cIdx[k.ID] = i
	}
	for e, p := range in.pairs {
		c[e] = -p.Score
		A.Set(sIdx[p.Startup], e, 1)
		A.Set(nS+cIdx[p.Contact], e, 1)
	}
	for i, s := range in.startups {
		b[i] = float64(in.opts.MaxFor[s.ID])
	}
	for i, k := range in.contacts {
		b[nS+i] = float64(k.Capacity)
	}
	row := nS + nC
	if unitBounds {
		for e := range in.pairs {
			A.Set(row, e, 1)
			b[row] = 1
			row++
		}
	}
	if useY {
		for s := 0; s < nS; s++ {
			c[nE+s] = -bigM
			A.Set(row, nE+s, 1) // y_s ≤ min
			b[row] = float64(in.opts.Min)
			row++
			A.Set(row, nE+s, 1) // y_s − Σx ≤ 0
			for e, p := range in.pairs {
				if sIdx[p.Startup] == s {
					A.Set(row, e, -1)
				}
			}
			row++
		}
	}
	for r := 0; r < rows; r++ {
		A.Set(r, nE+nY+r, 1)
	}
	opt, x, err := lp.Simplex(c, A, b, 1e-12, nil)
	if err != nil {
		t.Fatalf("simplex: %v", err)
	}
	score := 0.0
	for e := range in.pairs {
		score += x[e] * in.pairs[e].Score
	}
	return score, (-opt - score) / bigM
}

// TestAssignMatchesLP cross-checks Assign against lp.Simplex on random
// small instances: the same optimum to 1e-9 on every case. The number of
// cases is in the subtest names.
func TestAssignMatchesLP(t *testing.T) {
	const cases = 400
	for _, min := range []int{0, 2} {
		t.Run(fmt.Sprintf("%d_random_cases_min_%d", cases, min), func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(min)))
			for i := 0; i < cases; i++ {
				in := randomInstance(r, 1+r.IntN(6), 1+r.IntN(7), 0.2+0.7*r.Float64())
				in.opts.Min = min
				in.opts.side = 1 + i%2 // both search directions
				got, err := Assign(context.Background(), in.startups, in.contacts, in.pairs, in.opts)
				if err != nil {
					t.Fatalf("case %d: %v", i, err)
				}
				wantScore, wantUnits := lpOptimum(t, in, true)
				units := 0
				count := map[string]int{}
				for _, m := range got.Meetings {
					count[m.Startup]++
				}
				for _, n := range count {
					units += n - max(n-min, 0)
				}
				if math.Abs(float64(units)-wantUnits) > 1e-6 {
					t.Fatalf("case %d: %d meetings toward the minimum, LP %g", i, units, wantUnits)
				}
				if math.Abs(got.Total-wantScore) > 1e-9 {
					t.Fatalf("case %d: total %.12f, LP optimum %.12f", i, got.Total, wantScore)
				}
				checkFeasible(t, in, got)
			}
			t.Logf("%d random cases equal the LP optimum", cases)
		})
	}
}

// checkFeasible checks capacities, maxima, forbidden and pinned pairs.
func checkFeasible(t *testing.T, in instance, a Assignment) {
	t.Helper()
	load, count := map[string]int{}, map[string]int{}
	seen := map[[2]string]bool{}
	for _, m := range a.Meetings {
		k := [2]string{m.Startup, m.Contact}
		if seen[k] {
			t.Fatalf("meeting %v twice", k)
		}
		seen[k] = true
		load[m.Contact]++
		count[m.Startup]++
	}
	for _, c := range in.contacts {
		cp := c.Capacity
		if cp == 0 {
			cp = in.opts.Capacity
			if cp == 0 {
				cp = 2
			}
		}
		if v, ok := in.opts.CapacityFor[c.ID]; ok {
			cp = v
		}
		if load[c.ID] > cp {
			t.Fatalf("contact %s has %d meetings, capacity %d", c.ID, load[c.ID], cp)
		}
	}
	for _, s := range in.startups {
		mx, ok := in.opts.MaxFor[s.ID]
		if !ok {
			mx = in.opts.Max
		}
		if mx > 0 && count[s.ID] > mx {
			t.Fatalf("start-up %s has %d meetings, maximum %d", s.ID, count[s.ID], mx)
		}
	}
	for _, f := range in.opts.Forbidden {
		if seen[f] {
			t.Fatalf("forbidden pair %v assigned", f)
		}
	}
	for _, p := range in.opts.Pinned {
		if !seen[p] {
			t.Fatalf("pinned pair %v missing", p)
		}
	}
}

func TestAssignProperties(t *testing.T) {
	const cases = 300
	r := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < cases; i++ {
		in := randomInstance(r, 2+r.IntN(10), 2+r.IntN(12), r.Float64())
		in.opts.Min = r.IntN(3)
		in.opts.Fair = r.IntN(2) == 0
		in.opts.side = r.IntN(3)
		// Forbid and pin a few of the pairs, keeping pins feasible.
		load, count := map[string]int{}, map[string]int{}
		for _, p := range in.pairs {
			k := [2]string{p.Startup, p.Contact}
			switch r.IntN(8) {
			case 0:
				in.opts.Forbidden = append(in.opts.Forbidden, k)
			case 1:
				if load[p.Contact] < capOfContact(in, p.Contact) && count[p.Startup] < in.opts.MaxFor[p.Startup] {
					in.opts.Pinned = append(in.opts.Pinned, k)
					load[p.Contact]++
					count[p.Startup]++
				}
			}
		}
		got, err := Assign(context.Background(), in.startups, in.contacts, in.pairs, in.opts)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		checkFeasible(t, in, got)
		if !slices.IsSortedFunc(got.Meetings, func(a, b Pair) int {
			if a.Startup != b.Startup {
				return cmpString(a.Startup, b.Startup)
			}
			return 0
		}) {
			t.Fatalf("case %d: meetings not sorted by start-up", i)
		}
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func capOfContact(in instance, id string) int {
	for _, c := range in.contacts {
		if c.ID == id {
			return c.Capacity
		}
	}
	return 0
}

func ids(ms []Pair) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Startup+"-"+m.Contact)
	}
	return out
}

func TestAssignCases(t *testing.T) {
	s := func(ids ...string) []Startup {
		var out []Startup
		for _, id := range ids {
			out = append(out, Startup{ID: id})
		}
		return out
	}
	c := func(ids ...string) []Contact {
		var out []Contact
		for _, id := range ids {
			out = append(out, Contact{ID: id})
		}
		return out
	}
	p := func(st, ct string, score float64, wishes ...int) Pair {
		return Pair{Startup: st, Contact: ct, Score: score, Why: &Explanation{Wishes: wishes}}
	}
	tests := []struct {
		name      string
		startups  []Startup
		contacts  []Contact
		pairs     []Pair
		opts      AssignOptions
		want      []string
		wantShort []Shortfall
		wantErr   error
	}{
		{
			name:     "default capacity is 2",
			startups: s("A", "B", "C"), contacts: c("X"),
			pairs: []Pair{p("A", "X", 0.9), p("B", "X", 0.8), p("C", "X", 0.7)},
			want:  []string{"A-X", "B-X"},
		},
		{
			name:     "capacity option",
			startups: s("A", "B", "C"), contacts: c("X"),
			pairs: []Pair{p("A", "X", 0.9), p("B", "X", 0.8), p("C", "X", 0.7)},
			opts:  AssignOptions{Capacity: 1},
			want:  []string{"A-X"},
		},
		{
			name:     "contact capacity beats the default, CapacityFor beats both",
			startups: s("A", "B", "C"), contacts: []Contact{{ID: "X", Capacity: 3}, {ID: "Y", Capacity: 3}},
			pairs: []Pair{p("A", "X", 0.9), p("B", "X", 0.8), p("C", "X", 0.7), p("A", "Y", 0.9), p("B", "Y", 0.8), p("C", "Y", 0.7)},
			opts:  AssignOptions{CapacityFor: map[string]int{"Y": 1}},
			want:  []string{"A-X", "A-Y", "B-X", "C-X"},
		},
		{
			name:     "maximum per start-up and MaxFor",
			startups: s("A", "B"), contacts: c("X", "Y", "Z"),
			pairs: []Pair{p("A", "X", 0.9), p("A", "Y", 0.8), p("A", "Z", 0.7), p("B", "X", 0.1)},
			opts:  AssignOptions{Max: 2, MaxFor: map[string]int{"B": 0}},
			want:  []string{"A-X", "A-Y"},
		},
		{
			name:     "the minimum comes before the total",
			startups: s("A", "B"), contacts: c("X", "Y"),
			pairs: []Pair{p("A", "X", 0.9), p("A", "Y", 0.9), p("B", "X", 0.2)},
			opts:  AssignOptions{Capacity: 1, Min: 1},
			want:  []string{"A-Y", "B-X"},
		},
		{
			name:     "without a minimum the total wins",
			startups: s("A", "B"), contacts: c("X", "Y"),
			pairs: []Pair{p("A", "X", 0.9), p("A", "Y", 0.9), p("B", "X", 0.2)},
			opts:  AssignOptions{Capacity: 1},
			want:  []string{"A-X", "A-Y"},
		},
		{
			name:     "fair evens out counts before the total",
			startups: s("A", "B"), contacts: c("X", "Y", "Z", "W"),
			pairs: []Pair{p("A", "X", 0.9), p("A", "Y", 0.9), p("A", "Z", 0.9), p("B", "X", 0.1), p("B", "Y", 0.2), p("B", "W", 0.05)},
			opts:  AssignOptions{Capacity: 1, Max: 3, Fair: true},
			want:  []string{"A-X", "A-Z", "B-Y", "B-W"},
		},
		{
			name:     "forbidden pair never appears",
			startups: s("A"), contacts: c("X", "Y"),
			pairs: []Pair{p("A", "X", 0.9), p("A", "Y", 0.1)},
			opts:  AssignOptions{Max: 1, Forbidden: [][2]string{{"A", "X"}}},
			want:  []string{"A-Y"},
		},
		{
			name:     "pinned pair always appears, even unscored",
			startups: s("A", "B"), contacts: c("X", "Y"),
			pairs: []Pair{p("A", "X", 0.9), p("B", "X", 0.8)},
			opts:  AssignOptions{Capacity: 1, Pinned: [][2]string{{"B", "X"}, {"A", "Y"}}},
			want:  []string{"A-Y", "B-X"},
		},
		{
			name:     "shortfall: too few candidates",
			startups: s("A"), contacts: c("X"),
			pairs:     []Pair{p("A", "X", 0.9)},
			opts:      AssignOptions{Min: 2},
			want:      []string{"A-X"},
			wantShort: []Shortfall{{"A", 1, 2, "only one contact matches its needs or wishes"}},
		},
		{
			name:     "shortfall: candidates at capacity",
			startups: s("A", "B"), contacts: c("X", "Y"),
			pairs:     []Pair{p("A", "X", 0.9), p("A", "Y", 0.9), p("B", "X", 0.5), p("B", "Y", 0.5)},
			opts:      AssignOptions{Capacity: 1, Min: 2},
			want:      []string{"A-X", "A-Y"},
			wantShort: []Shortfall{{"B", 0, 2, "candidate contacts are at capacity: X, Y"}},
		},
		{
			name:     "shortfall, fair: both get one",
			startups: s("A", "B"), contacts: c("X", "Y"),
			pairs:     []Pair{p("A", "X", 0.9), p("A", "Y", 0.9), p("B", "X", 0.5), p("B", "Y", 0.4)},
			opts:      AssignOptions{Capacity: 1, Min: 2, Fair: true},
			want:      []string{"A-Y", "B-X"},
			wantShort: []Shortfall{{"A", 1, 2, "candidate contacts are at capacity: X"}, {"B", 1, 2, "candidate contacts are at capacity: Y"}},
		},
		{
			name:     "shortfall: no candidates",
			startups: s("A"), contacts: c("X"),
			opts:      AssignOptions{Min: 1},
			wantShort: []Shortfall{{"A", 0, 1, "no contact matches its needs or wishes"}},
		},
		{
			name:     "pinned and forbidden",
			startups: s("A"), contacts: c("X"),
			opts:    AssignOptions{Pinned: [][2]string{{"A", "X"}}, Forbidden: [][2]string{{"A", "X"}}},
			wantErr: ErrPinned,
		},
		{
			name:     "pins beyond capacity",
			startups: s("A", "B"), contacts: c("X"),
			opts:    AssignOptions{Capacity: 1, Pinned: [][2]string{{"A", "X"}, {"B", "X"}}},
			wantErr: ErrPinned,
		},
		{
			name:     "pin naming an unknown contact",
			startups: s("A"), contacts: c("X"),
			opts:    AssignOptions{Pinned: [][2]string{{"A", "Q"}}},
			wantErr: ErrUnknownID,
		},
		{
			name:     "pair naming an unknown start-up",
			startups: s("A"), contacts: c("X"),
			pairs:   []Pair{p("Q", "X", 0.5)},
			wantErr: ErrUnknownID,
		},
		{
			name:     "NaN score",
			startups: s("A"), contacts: c("X"),
			pairs:   []Pair{p("A", "X", math.NaN())},
			wantErr: ErrBadScore,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for side := 1; side <= 2; side++ {
				opts := tt.opts
				opts.side = side
				got, err := Assign(context.Background(), tt.startups, tt.contacts, tt.pairs, opts)
				if tt.wantErr != nil {
					if !errors.Is(err, tt.wantErr) {
						t.Fatalf("err = %v, want %v", err, tt.wantErr)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if g := ids(got.Meetings); !slices.Equal(g, tt.want) {
					t.Errorf("side %d: meetings %q, want %q", side, g, tt.want)
				}
				if !slices.Equal(got.Short, tt.wantShort) {
					t.Errorf("side %d: short %+v, want %+v", side, got.Short, tt.wantShort)
				}
			}
		})
	}
}

func TestAssignUnmet(t *testing.T) {
	startups := []Startup{
		{ID: "A", Wishes: []Wish{{OrgWish, "Equinor", 1}, {PersonWish, "Kari", 2}, {TagWish, "medtech", 3}, {RoleWish, "investor", 4}}},
		{ID: "B"},
	}
	contacts := []Contact{{ID: "X", Capacity: 1}, {ID: "Y"}, {ID: "Z"}}
	pairs := []Pair{
		{Startup: "B", Contact: "X", Score: 0.9},
		{Startup: "A", Contact: "X", Score: 0.5, Why: &Explanation{Wishes: []int{2}}},
		{Startup: "A", Contact: "Y", Score: 0.4, Why: &Explanation{Wishes: []int{3}}},
		{Startup: "A", Contact: "Z", Score: 0.3, Why: &Explanation{Wishes: []int{4}}},
	}
	got, err := Assign(context.Background(), startups, contacts, pairs, AssignOptions{Forbidden: [][2]string{{"A", "Y"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []UnmetWish{
		{"A", startups[0].Wishes[0], "no contact matches org Equinor"},
		{"A", startups[0].Wishes[1], "every matching contact is at capacity: X"},
		{"A", startups[0].Wishes[2], "every matching contact is forbidden: Y"},
	}
	if !reflect.DeepEqual(got.Unmet, want) {
		t.Errorf("unmet\n got %+v\nwant %+v", got.Unmet, want)
	}
}

func TestAssignCanceledReturnsFeasible(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := rand.New(rand.NewPCG(3, 3))
	in := randomInstance(r, 8, 8, 0.8)
	in.opts.Pinned = [][2]string{{in.pairs[0].Startup, in.pairs[0].Contact}}
	got, err := Assign(ctx, in.startups, in.contacts, in.pairs, in.opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	checkFeasible(t, in, got)
}

// TestAssignPinnedReasons checks what a pinned meeting says: its pair's
// reasons and wishes with "pinned" added, or "pinned" alone for a pair
// nobody scored, and that the Explanation its pair shares with another
// pair is left as it was.
func TestAssignPinnedReasons(t *testing.T) {
	shared := &Explanation{Reasons: []string{"tags: energy"}, Wishes: []int{2}}
	pairs := []Pair{
		{Startup: "A", Contact: "X", Score: 0.5, Why: shared},
		{Startup: "B", Contact: "X", Score: 0.4, Why: shared},
	}
	startups := []Startup{{ID: "A"}, {ID: "B"}}
	contacts := []Contact{{ID: "X"}, {ID: "Y"}}
	tests := []struct {
		name        string
		pin         [2]string
		wantReasons []string
		wantWishes  []int
	}{
		{name: "scored pair", pin: [2]string{"A", "X"}, wantReasons: []string{"tags: energy", "pinned"}, wantWishes: []int{2}},
		{name: "unscored pair", pin: [2]string{"A", "Y"}, wantReasons: []string{"pinned"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Assign(context.Background(), startups, contacts, pairs, AssignOptions{Capacity: 2, Max: 2, Pinned: [][2]string{tt.pin}})
			require.NoError(t, err)
			i := slices.IndexFunc(a.Meetings, func(m Pair) bool { return m.Startup == tt.pin[0] && m.Contact == tt.pin[1] })
			require.GreaterOrEqual(t, i, 0, "the pinned meeting")
			assert.Equal(t, tt.wantReasons, a.Meetings[i].Reasons())
			assert.Equal(t, tt.wantWishes, a.Meetings[i].Wishes())
			assert.Equal(t, &Explanation{Reasons: []string{"tags: energy"}, Wishes: []int{2}}, shared, "the shared explanation")
		})
	}
}
