package match

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scoreOf runs Score on one start-up and the contacts and returns the
// pair with contact id, or false.
func scoreOf(t *testing.T, s Startup, contacts []Contact, opts Options, id string) (Pair, bool) {
	t.Helper()
	pairs, err := Score(context.Background(), []Startup{s}, contacts, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		if p.Contact == id {
			return p, true
		}
	}
	return Pair{}, false
}

func TestScore(t *testing.T) {
	equinor := Contact{ID: "C1", Name: "Kari Hansen", Organization: "Equinor ASA", Role: "Innkjøpssjef", Tags: []string{"energi", "offshore"}, Country: "NO"}
	tests := []struct {
		name        string
		startup     Startup
		contact     Contact
		opts        Options
		wantScore   float64 // negative: no pair
		wantReasons []string
		wantWishes  []int
	}{
		{
			name:        "organisation wish, first",
			startup:     Startup{ID: "S", Wishes: []Wish{{OrgWish, "Equinor", 1}}},
			contact:     Contact{ID: "C1", Organization: "Equinor ASA"},
			wantScore:   0.8,
			wantReasons: []string{"wish 1: org Equinor"},
			wantWishes:  []int{1},
		},
		{
			name:        "organisation wish, second, decays",
			startup:     Startup{ID: "S", Wishes: []Wish{{TagWish, "nothing", 1}, {OrgWish, "Equinor", 2}}},
			contact:     Contact{ID: "C1", Organization: "Equinor ASA"},
			wantScore:   0.8 * 0.85,
			wantReasons: []string{"wish 2: org Equinor"},
			wantWishes:  []int{2},
		},
		{
			name:        "identical single tag: similarity weight",
			startup:     Startup{ID: "S", Needs: []string{"offshore"}},
			contact:     Contact{ID: "C1", Tags: []string{"offshore"}},
			wantScore:   0.75,
			wantReasons: []string{"tags: offshore"},
		},
		{
			name:        "wish and tags combine as independent evidence",
			startup:     Startup{ID: "S", Needs: []string{"energy", "offshore"}, Wishes: []Wish{{OrgWish, "Equinor", 1}}},
			contact:     Contact{ID: "C1", Organization: "Equinor ASA", Tags: []string{"energi", "offshore"}},
			wantScore:   1 - (1-0.8)*(1-0.75),
			wantReasons: []string{"wish 1: org Equinor", "tags: energy, offshore"},
			wantWishes:  []int{1},
		},
		{
			name:        "Swedish need meets Norwegian tag through the synonym table",
			startup:     Startup{ID: "S", Needs: []string{"hälsa"}},
			contact:     Contact{ID: "C1", Tags: []string{"helse"}},
			wantScore:   0.75,
			wantReasons: []string{"tags: hälsa"},
		},
		{
			name:        "ø and ö are the same letter in an organisation",
			startup:     Startup{ID: "S", Wishes: []Wish{{OrgWish, "Tröndelag Invest", 1}}},
			contact:     Contact{ID: "C1", Organization: "Trøndelag Invest AS"},
			wantScore:   0.8,
			wantReasons: []string{"wish 1: org Tröndelag Invest"},
			wantWishes:  []int{1},
		},
		{
			name:        "aa and å are the same letter in a name",
			startup:     Startup{ID: "S", Wishes: []Wish{{PersonWish, "Åse Aasen", 1}}},
			contact:     Contact{ID: "C1", Name: "Aase Åsen"},
			wantScore:   1,
			wantReasons: []string{"wish 1: person Åse Aasen"},
			wantWishes:  []int{1},
		},
		{
			name:        "person by e-mail",
			startup:     Startup{ID: "S", Wishes: []Wish{{PersonWish, "Kari@Stolav.example", 1}}},
			contact:     Contact{ID: "C1", Name: "Kari", Email: "kari@stolav.example"},
			wantScore:   1,
			wantReasons: []string{"wish 1: person Kari@Stolav.example"},
			wantWishes:  []int{1},
		},
		{
			name:        "role through a synonym",
			startup:     Startup{ID: "S", Wishes: []Wish{{RoleWish, "investor", 1}}},
			contact:     Contact{ID: "C1", Role: "Investment manager"},
			wantScore:   0.6,
			wantReasons: []string{"wish 1: role investor"},
			wantWishes:  []int{1},
		},
		{
			name:        "free text naming the organisation weighs as an organisation wish",
			startup:     Startup{ID: "S", Wishes: []Wish{{TextWish, "someone from St. Olavs hospital procurement", 1}}},
			contact:     Contact{ID: "C1", Organization: "St. Olavs hospital", Role: "Innkjøpssjef", Tags: []string{"innkjøp"}},
			wantScore:   0.8,
			wantReasons: []string{`wish 1: text "someone from St. Olavs hospital procurement" (St. Olavs hospital)`},
			wantWishes:  []int{1},
		},
		{
			name:        "free text, half the words, says which",
			startup:     Startup{ID: "S", Wishes: []Wish{{TextWish, "an investor in medtech", 1}}},
			contact:     Contact{ID: "C1", Role: "Investor"},
			opts:        Options{MinScore: -1},
			wantScore:   0.15,
			wantReasons: []string{`wish 1: text "an investor in medtech" (investment)`},
			wantWishes:  []int{1},
		},
		{
			name:        "no shared language lowers the score and is no reason",
			startup:     Startup{ID: "S", Languages: []string{"sv"}, Wishes: []Wish{{OrgWish, "Equinor", 1}}},
			contact:     Contact{ID: "C1", Organization: "Equinor", Languages: []string{"de"}},
			wantScore:   0.8 * 0.75,
			wantReasons: []string{"wish 1: org Equinor"},
			wantWishes:  []int{1},
		},
		{
			name:        "Swedish and Norwegian are one language",
			startup:     Startup{ID: "S", Languages: []string{"sv"}, Wishes: []Wish{{OrgWish, "Equinor", 1}}},
			contact:     Contact{ID: "C1", Organization: "Equinor", Languages: []string{"no"}},
			wantScore:   0.8,
			wantReasons: []string{"wish 1: org Equinor"},
			wantWishes:  []int{1},
		},
		{
			name:        "language groups are configurable",
			startup:     Startup{ID: "S", Languages: []string{"sv"}, Wishes: []Wish{{OrgWish, "Equinor", 1}}},
			contact:     Contact{ID: "C1", Organization: "Equinor", Languages: []string{"no"}},
			opts:        Options{Languages: [][]string{}},
			wantScore:   0.8 * 0.75,
			wantReasons: []string{"wish 1: org Equinor"},
			wantWishes:  []int{1},
		},
		{
			name:      "cross-border rule drops the same country",
			startup:   Startup{ID: "S", Country: "NO", Wishes: []Wish{{OrgWish, "Equinor", 1}}},
			contact:   equinor,
			opts:      Options{CrossBorder: true},
			wantScore: -1,
		},
		{
			name:        "cross-border rule keeps the other country",
			startup:     Startup{ID: "S", Country: "SE", Wishes: []Wish{{OrgWish, "Equinor", 1}}},
			contact:     equinor,
			opts:        Options{CrossBorder: true},
			wantScore:   0.8,
			wantReasons: []string{"wish 1: org Equinor"},
			wantWishes:  []int{1},
		},
		{
			name:      "nothing shared, no pair",
			startup:   Startup{ID: "S", Needs: []string{"tourism"}, Wishes: []Wish{{OrgWish, "NTNU", 1}}},
			contact:   equinor,
			wantScore: -1,
		},
		{
			name:        "programme synonyms extend the table",
			startup:     Startup{ID: "S", Needs: []string{"reinbeite"}},
			contact:     Contact{ID: "C1", Tags: []string{"renbete"}},
			opts:        Options{Synonyms: [][]string{{"reinbeite", "renbete"}}},
			wantScore:   0.75,
			wantReasons: []string{"tags: reinbeite"},
		},
		{
			name:      "without them, no match",
			startup:   Startup{ID: "S", Needs: []string{"reinbeite"}},
			contact:   Contact{ID: "C1", Tags: []string{"renbete"}},
			wantScore: -1,
		},
		{
			name:        "custom weights",
			startup:     Startup{ID: "S", Wishes: []Wish{{OrgWish, "Equinor", 1}}},
			contact:     Contact{ID: "C1", Organization: "Equinor"},
			opts:        Options{Weights: &Weights{Org: 0.5}},
			wantScore:   0.5,
			wantReasons: []string{"wish 1: org Equinor"},
			wantWishes:  []int{1},
		},
		{
			name:      "min score filters",
			startup:   Startup{ID: "S", Wishes: []Wish{{OrgWish, "Equinor", 1}}},
			contact:   Contact{ID: "C1", Organization: "Equinor"},
			opts:      Options{MinScore: 0.9},
			wantScore: -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := scoreOf(t, tt.startup, []Contact{tt.contact, {ID: "other", Tags: []string{"unrelated"}}}, tt.opts, tt.contact.ID)
			if tt.wantScore < 0 {
				if ok {
					t.Fatalf("got pair %+v, want none", p)
				}
				return
			}
			if !ok {
				t.Fatal("no pair, want one")
			}
			if math.Abs(p.Score-tt.wantScore) > 1e-12 {
				t.Errorf("score %.15f, want %.15f", p.Score, tt.wantScore)
			}
			if !reflect.DeepEqual(p.Reasons(), tt.wantReasons) {
				t.Errorf("reasons %q, want %q", p.Reasons(), tt.wantReasons)
			}
			if !slices.Equal(p.Wishes(), tt.wantWishes) {
				t.Errorf("wishes %v, want %v", p.Wishes(), tt.wantWishes)
			}
		})
	}
}

// TestScoreKindOrder: on the same first-place wish, a named person
// outranks an organisation, a role, a tag and free text.
func TestScoreKindOrder(t *testing.T) {
	c := Contact{ID: "C1", Name: "Kari Hansen", Organization: "Equinor", Role: "Investor", Tags: []string{"offshore"}}
	var last float64 = 2
	for _, w := range []Wish{
		{PersonWish, "Kari Hansen", 1}, {OrgWish, "Equinor", 1}, {RoleWish, "investor", 1},
		{TagWish, "offshore", 1}, {TextWish, "investor offshore", 1},
	} {
		// Without tag similarity: a tag wish is also a topic.
		wt := DefaultWeights()
		wt.Similarity = 0
		p, ok := scoreOf(t, Startup{ID: "S", Wishes: []Wish{w}}, []Contact{c}, Options{Weights: &wt}, "C1")
		if !ok {
			t.Fatalf("%s: no pair", w)
		}
		if p.Score >= last {
			t.Errorf("%s scores %.3f, not below the previous kind's %.3f", w, p.Score, last)
		}
		last = p.Score
	}
}

func TestScoreOrderAndRange(t *testing.T) {
	startups, contacts := synthetic(3, 30, 200, 5, 40, true)
	pairs, err := Score(context.Background(), startups, contacts, Options{CrossBorder: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) == 0 {
		t.Fatal("no pairs")
	}
	country := map[string]string{}
	for _, c := range contacts {
		country[c.ID] = c.Country
	}
	sc := map[string]string{}
	for _, s := range startups {
		sc[s.ID] = s.Country
	}
	for i, p := range pairs {
		if !(p.Score > 0 && p.Score <= 1) {
			t.Fatalf("pair %d score %v outside (0, 1]", i, p.Score)
		}
		if len(p.Reasons()) == 0 {
			t.Fatalf("pair %d has no reason", i)
		}
		if country[p.Contact] == sc[p.Startup] {
			t.Fatalf("pair %d breaks the cross-border rule", i)
		}
		if i == 0 {
			continue
		}
		q := pairs[i-1]
		if q.Startup > p.Startup || q.Startup == p.Startup && (q.Score < p.Score || q.Score == p.Score && q.Contact >= p.Contact) {
			t.Fatalf("pairs %d and %d out of order: %+v, %+v", i-1, i, q, p)
		}
	}
}

func TestScoreCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	startups, contacts := synthetic(1, 5, 5, 3, 5, false)
	if _, err := Score(ctx, startups, contacts, Options{}); err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestScoreNumbersWishesBuiltInCode(t *testing.T) {
	var wishes []Wish
	for _, w := range []string{"org:Gaulfoss Energi", "tag:hydrogen"} {
		wish, err := ParseWish(w)
		if err != nil {
			t.Fatal(err)
		}
		wishes = append(wishes, wish) // Priority 0
	}
	startups := []Startup{{ID: "S1", Country: "SE", Wishes: wishes}}
	contacts := []Contact{{ID: "C1", Organization: "Gaulfoss Energi AS", Tags: []string{"hydrogen"}, Country: "NO"}}
	pairs, err := Score(context.Background(), startups, contacts, Options{CrossBorder: true})
	if err != nil || len(pairs) != 1 {
		t.Fatalf("got %v, %v; want one pair", pairs, err)
	}
	if got := strings.Join(pairs[0].Reasons(), "; "); !strings.Contains(got, "wish 1: org Gaulfoss Energi") || !strings.Contains(got, "wish 2: tag hydrogen") {
		t.Errorf("reasons %q: want wishes numbered by their place in the list", got)
	}
	if startups[0].Wishes[0].Priority != 0 {
		t.Error("Score changed the caller's wishes")
	}
}

// TestScoreInChunksEqualsOneByOne: Score splits many start-ups among
// workers; the result must be exactly the start-ups scored one at a time.
func TestScoreInChunksEqualsOneByOne(t *testing.T) {
	startups, contacts := synthetic(3, 400, 300, 6, 40, true)
	ctx := context.Background()
	all, err := Score(ctx, startups, contacts, Options{CrossBorder: true})
	if err != nil {
		t.Fatal(err)
	}
	byID := slices.Clone(startups)
	slices.SortFunc(byID, func(a, b Startup) int { return strings.Compare(a.ID, b.ID) })
	var one []Pair
	for _, s := range byID {
		p, err := Score(ctx, []Startup{s}, contacts, Options{CrossBorder: true})
		if err != nil {
			t.Fatal(err)
		}
		one = append(one, p...)
	}
	if len(all) == 0 || !reflect.DeepEqual(all, one) {
		t.Fatalf("scoring %d start-ups at once gave %d pairs, one by one %d (or different pairs)", len(startups), len(all), len(one))
	}
}

// TestPairExplanation checks Pair's accessors, with and without an
// explanation, and that a Pair stays at two ids, a score and one
// pointer: Assign reads millions of them.
func TestPairExplanation(t *testing.T) {
	tests := []struct {
		name        string
		pair        Pair
		wantReasons []string
		wantWishes  []int
	}{
		{name: "no explanation", pair: Pair{Startup: "S", Contact: "C", Score: 0.5}},
		{name: "reasons only", pair: Pair{Why: &Explanation{Reasons: []string{"tags: energy"}}}, wantReasons: []string{"tags: energy"}},
		{name: "reasons and wishes", pair: Pair{Why: &Explanation{Reasons: []string{"wish 2: org Equinor"}, Wishes: []int{2}}}, wantReasons: []string{"wish 2: org Equinor"}, wantWishes: []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.wantReasons, tt.pair.Reasons())
			assert.Equal(t, tt.wantWishes, tt.pair.Wishes())
		})
	}
	var p Pair
	assert.Equal(t, 2*unsafe.Sizeof("")+unsafe.Sizeof(p.Score)+unsafe.Sizeof(p.Why), unsafe.Sizeof(p), "size of a Pair")
	assert.Equal(t, "{S C 0.5 wish 2: org Equinor; tags: energy}", fmt.Sprint(Pair{Startup: "S", Contact: "C", Score: 0.5, Why: &Explanation{Reasons: []string{"wish 2: org Equinor", "tags: energy"}}}), "a Pair printed")
	assert.Equal(t, "{S C 0.5 }", fmt.Sprint(Pair{Startup: "S", Contact: "C", Score: 0.5}), "a Pair without an explanation printed")
}

// TestScoreTooManyPairs: past MaxPairs (lowered here) Score stops with
// one error wrapping ErrTooManyPairs that says how to narrow the input,
// whatever the number of workers.
func TestScoreTooManyPairs(t *testing.T) {
	defer func(n int) { maxPairs = n }(maxPairs)
	var startups []Startup
	for i := range 300 {
		startups = append(startups, Startup{ID: fmt.Sprintf("S%03d", i), Needs: []string{"energy"}})
	}
	var contacts []Contact
	for i := range 40 {
		contacts = append(contacts, Contact{ID: fmt.Sprintf("C%02d", i), Tags: []string{"energy"}})
	}
	pairs, err := Score(context.Background(), startups, contacts, Options{})
	require.NoError(t, err)
	require.Len(t, pairs, 300*40, "everyone scores with everyone")
	maxPairs = len(pairs) - 1
	_, err = Score(context.Background(), startups, contacts, Options{})
	require.ErrorIs(t, err, ErrTooManyPairs)
	assert.Equal(t, 1, strings.Count(err.Error(), "start-ups and"), "one message: %v", err)
	assert.Contains(t, err.Error(), fmt.Sprintf("300 start-ups and 40 contacts make more than %d pairs", maxPairs))
	maxPairs = len(pairs)
	_, err = Score(context.Background(), startups, contacts, Options{})
	assert.NoError(t, err, "exactly the limit")
}
