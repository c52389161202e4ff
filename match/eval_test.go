package match

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The evaluation set in testdata/eval was written by hand, as a bilingual
// coordinator of the exchange would label it, before the matcher was
// tuned: 30 start-ups (Norwegian ones writing in Norwegian, Swedish ones
// in Swedish, two in English) and 75 contacts on both sides of the
// border. labels.csv marks, for each start-up, the contacts of the other
// country it should surely meet and those it plausibly could; every other
// contact is irrelevant, among them decoys on purpose (a procurer of the
// wrong sector, a place name inside an organisation's name, a contact
// whose only tag is "research").

// evalLabels reads labels.csv: start-up id -> contact id -> grade (2 sure,
// 1 plausible).
func evalLabels(t *testing.T) map[string]map[string]int {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "eval", "labels.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]int{}
	for i, r := range rows[1:] {
		grade := map[string]int{"sure": 2, "plausible": 1}[r[2]]
		if grade == 0 {
			t.Fatalf("labels.csv:%d: grade %q, want sure or plausible", i+2, r[2])
		}
		if out[r[0]] == nil {
			out[r[0]] = map[string]int{}
		}
		out[r[0]][r[1]] = grade
	}
	return out
}

func evalData(t *testing.T) ([]Startup, []Contact) {
	t.Helper()
	open := func(name string) *os.File {
		f, err := os.Open(filepath.Join("testdata", "eval", name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	startups, _, err := LoadStartups(open("startups.csv"), "startups.csv")
	if err != nil {
		t.Fatal(err)
	}
	contacts, _, err := LoadContacts(open("contacts.csv"), "contacts.csv")
	if err != nil {
		t.Fatal(err)
	}
	return startups, contacts
}

// evalMetrics are the figures the evaluation reports.
type evalMetrics struct {
	// precision3 is the mean over start-ups of the relevant contacts
	// among the first three proposals, divided by the number of those
	// proposals (at most three; a start-up with no proposal counts 0):
	// how much of what a coordinator is shown first is right.
	precision3 float64
	// strict3 divides by min(3, relevant contacts labelled) instead: a
	// start-up shown fewer proposals than it has relevant contacts loses
	// the missing ones. It is 1 when the first three are as good as the
	// labels allow.
	strict3 float64
	// ndcg5 is the mean normalised discounted cumulative gain of the
	// first five proposals, gain 2 for sure and 1 for plausible
	// (Järvelin & Kekäläinen, "Cumulated gain-based evaluation of IR
	// techniques", 2002).
	ndcg5 float64
	// recall is the share of the sure pairs that Score proposes at all.
	recall float64
	// irrelevant is the share of proposals in the first three that the
	// labels call irrelevant.
	irrelevant float64
	// short counts start-ups with fewer proposals than min(3, relevant).
	short int
}

func evaluate(pairs []Pair, startups []Startup, labels map[string]map[string]int) (evalMetrics, map[string][]Pair) {
	var m evalMetrics
	by := map[string][]Pair{}
	for _, p := range pairs {
		by[p.Startup] = append(by[p.Startup], p)
	}
	sure, found, shown, bad := 0, 0, 0, 0
	for _, s := range startups {
		lab := labels[s.ID]
		ps := by[s.ID] // Score sorts each start-up's pairs best first
		relevant := len(lab)
		hits := 0
		for i, p := range ps {
			if i == 3 {
				break
			}
			shown++
			if lab[p.Contact] > 0 {
				hits++
			} else {
				bad++
			}
		}
		m.strict3 += float64(hits) / float64(min(3, relevant))
		if len(ps) > 0 {
			m.precision3 += float64(hits) / float64(min(3, len(ps)))
		}
		if len(ps) < min(3, relevant) {
			m.short++
		}
		dcg := 0.0
		for i, p := range ps[:min(5, len(ps))] {
			dcg += float64(lab[p.Contact]) / math.Log2(float64(i+2))
		}
		var grades []int
		for _, g := range lab {
			grades = append(grades, g)
		}
		slices.Sort(grades)
		slices.Reverse(grades)
		ideal := 0.0
		for i, g := range grades[:min(5, len(grades))] {
			ideal += float64(g) / math.Log2(float64(i+2))
		}
		m.ndcg5 += dcg / ideal
		for c, g := range lab {
			if g == 2 {
				sure++
				if slices.ContainsFunc(ps, func(p Pair) bool { return p.Contact == c }) {
					found++
				}
			}
		}
	}
	n := float64(len(startups))
	m.precision3 /= n
	m.strict3 /= n
	m.ndcg5 /= n
	m.recall = float64(found) / float64(sure)
	if shown > 0 {
		m.irrelevant = float64(bad) / float64(shown)
	}
	return m, by
}

// TestEvaluation scores the labelled set with the defaults and the
// cross-border rule, reports the figures and fails below floors set from
// measurement (targets: precision@3 ≥ 0.85, recall of the sure pairs ≥
// 0.9).
func TestEvaluation(t *testing.T) {
	startups, contacts := evalData(t)
	labels := evalLabels(t)
	for id := range labels {
		if !slices.ContainsFunc(startups, func(s Startup) bool { return s.ID == id }) {
			t.Fatalf("labels.csv names start-up %s, not in startups.csv", id)
		}
	}
	pairs, err := Score(context.Background(), startups, contacts, Options{CrossBorder: true})
	if err != nil {
		t.Fatal(err)
	}
	m, by := evaluate(pairs, startups, labels)
	t.Logf("precision@3 %.3f (strict %.3f)  nDCG@5 %.3f  recall(sure) %.3f  irrelevant in top 3 %.3f  short start-ups %d  pairs %d",
		m.precision3, m.strict3, m.ndcg5, m.recall, m.irrelevant, m.short, len(pairs))
	if testing.Verbose() {
		for _, s := range startups {
			for i, p := range by[s.ID] {
				if i == 5 {
					break
				}
				t.Logf("%s %s %.3f grade %d %v", s.ID, p.Contact, p.Score, labels[s.ID][p.Contact], p.Reasons())
			}
			for c, g := range labels[s.ID] {
				if g == 2 && !slices.ContainsFunc(by[s.ID], func(p Pair) bool { return p.Contact == c }) {
					t.Logf("%s %s MISSED (sure)", s.ID, c)
				}
			}
		}
	}
	// Measured with the defaults: precision@3 0.928 (strict 0.722),
	// nDCG@5 0.837, recall 1.000; the code before issue 10 measured
	// 0.789 (strict 0.606), 0.667, 0.702. The floors sit a little below.
	const floorP3, floorStrict, floorNDCG, floorRecall = 0.88, 0.68, 0.80, 0.95
	if m.precision3 < floorP3 || m.strict3 < floorStrict || m.ndcg5 < floorNDCG || m.recall < floorRecall {
		t.Errorf("below the floors: precision@3 %.3f (floor %.2f), strict %.3f (floor %.2f), nDCG@5 %.3f (floor %.2f), recall %.3f (floor %.2f)",
			m.precision3, floorP3, m.strict3, floorStrict, m.ndcg5, floorNDCG, m.recall, floorRecall)
	}
}
