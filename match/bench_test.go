package match

import (
	"context"
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system time so far. The machine the
// benchmarks run on is shared, so besides wall time they report CPU
// time per operation (all threads, including the garbage collector's).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// synthetic builds nS start-ups and nC contacts with k tags each drawn
// from a vocabulary of vocab words, a country each (SE or NO, so the
// cross-border rule halves the pairs), and, with wishes, three wishes
// per start-up (an organisation, a role and a named person).
func synthetic(seed uint64, nS, nC, k, vocab int, wishes bool) ([]Startup, []Contact) {
	r := rand.New(rand.NewPCG(seed, 1))
	word := func() string { return fmt.Sprintf("t%d", r.IntN(vocab)) }
	tags := func() []string {
		out := make([]string, k)
		for i := range out {
			out[i] = word()
		}
		return out
	}
	countries := []string{"SE", "NO"}
	contacts := make([]Contact, nC)
	for i := range contacts {
		contacts[i] = Contact{
			ID: fmt.Sprintf("C%05d", i), Name: fmt.Sprintf("Person %d", i),
			Organization: fmt.Sprintf("Org %d", i%97), Role: []string{"investor", "procurement manager", "researcher", "advisor"}[i%4],
			Tags: tags(), Languages: []string{"en"}, Country: countries[i%2],
		}
	}
	startups := make([]Startup, nS)
	for i := range startups {
		s := Startup{ID: fmt.Sprintf("S%05d", i), Country: countries[(i+1)%2], Languages: []string{"en", "sv"}}
		all := tags()
		s.Needs, s.Industry = all[:k/2], all[k/2:]
		if wishes {
			s.Wishes = []Wish{
				{Kind: PersonWish, Text: fmt.Sprintf("Person %d", r.IntN(nC)), Priority: 1},
				{Kind: OrgWish, Text: fmt.Sprintf("Org %d", r.IntN(97)), Priority: 2},
				{Kind: RoleWish, Text: "investor", Priority: 3},
			}
		}
		startups[i] = s
	}
	return startups, contacts
}

func benchScoreAssign(b *testing.B, nS, nC, k, vocab int, wishes, crossBorder bool) {
	startups, contacts := synthetic(1, nS, nC, k, vocab, wishes)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, n := cpuTime(), 0
	defer func() { b.ReportMetric(float64(cpuTime()-cpu0)/float64(n)/1e9, "cpu-s/op") }()
	for b.Loop() {
		n++
		pairs, err := Score(ctx, startups, contacts, Options{CrossBorder: crossBorder})
		if err != nil {
			b.Fatal(err)
		}
		a, err := Assign(ctx, startups, contacts, pairs, AssignOptions{Capacity: 2, Min: 2, Max: 6})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(pairs)), "pairs")
		b.ReportMetric(float64(len(a.Meetings)), "meetings")
	}
}

// BenchmarkDense scores and assigns 1,000 start-ups × 1,000 contacts with
// 6 tags each from 12 words and three wishes per start-up, without the
// cross-border rule, so that nearly every pair is scored.
func BenchmarkDense(b *testing.B) { benchScoreAssign(b, 1000, 1000, 6, 12, true, false) }

// BenchmarkSparse scores and assigns 2,000 start-ups × 20,000 contacts
// with 20 tags each from a vocabulary of 2,000 and three wishes per
// start-up, under the cross-border rule.
func BenchmarkSparse(b *testing.B) { benchScoreAssign(b, 2000, 20000, 20, 2000, true, true) }

func benchParts(b *testing.B, nS, nC, k, vocab int, part string) {
	startups, contacts := synthetic(1, nS, nC, k, vocab, true)
	ctx := context.Background()
	pairs, _ := Score(ctx, startups, contacts, Options{})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if part == "score" {
			Score(ctx, startups, contacts, Options{})
		} else {
			Assign(ctx, startups, contacts, pairs, AssignOptions{Capacity: 2, Min: 2, Max: 6})
		}
	}
}

func BenchmarkDenseScore(b *testing.B)  { benchParts(b, 1000, 1000, 6, 12, "score") }
func BenchmarkDenseAssign(b *testing.B) { benchParts(b, 1000, 1000, 6, 12, "assign") }

// square100 is a dense 100 × 100 assignment problem: every pair scored,
// one meeting per start-up and per contact.
func square100() instance {
	r := rand.New(rand.NewPCG(100, 100))
	in := randomInstance(r, 100, 100, 1)
	for i := range in.contacts {
		in.contacts[i].Capacity = 1
	}
	for id := range in.opts.MaxFor {
		in.opts.MaxFor[id] = 1
	}
	for i := range in.pairs {
		in.pairs[i].Score = r.Float64()
	}
	return in
}

// BenchmarkAssign100 and BenchmarkSimplex100 solve the same 100 × 100
// assignment problem; run them together to compare.
func BenchmarkAssign100(b *testing.B) {
	in := square100()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Assign(context.Background(), in.startups, in.contacts, in.pairs, in.opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSimplex100(b *testing.B) {
	in := square100()
	b.ReportAllocs()
	for b.Loop() {
		lpOptimum(b, in, false)
	}
}
