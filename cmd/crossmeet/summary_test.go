package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule"
)

// TestSummaryHostileNames: the lines plan prints do not change in number
// whatever the trip ids, start-up ids, modes and summaries hold (issue
// 14, item 1).
func TestSummaryHostileNames(t *testing.T) {
	_, plan := programtest.PlanDemo(t)
	data, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	clone := func(name func() string) *schedule.Plan {
		var p schedule.Plan
		if err := json.Unmarshal(data, &p); err != nil {
			t.Fatal(err)
		}
		p.Program = name()
		for i := range p.Trips {
			tp := &p.Trips[i]
			tp.ID, tp.Date, tp.Mode = name(), name(), name()
			for j := range tp.Startups {
				tp.Startups[j] = name()
			}
			for j := range tp.Alternatives {
				tp.Alternatives[j].Summary = name()
			}
		}
		return &p
	}
	lines := func(p *schedule.Plan) string {
		var out bytes.Buffer
		summary(stdio{out: &out, err: &out}, p, "OUT", map[string][]byte{"ics/a.ics": nil})
		return out.String()
	}
	want := strings.Count(lines(clone(func() string { return "x" })), "\n")
	parts := []string{"\n", "\r", "\x00", "\x85", "\u2028", "\u202e", "\x1b[2J", "\xff", "T9 2099-01-01 car"}
	for seed := uint64(1); seed <= 100; seed++ {
		r := rand.New(rand.NewPCG(seed, 1))
		out := lines(clone(func() string {
			var b strings.Builder
			for n := 1 + r.IntN(4); n > 0; n-- {
				b.WriteString(parts[r.IntN(len(parts))])
			}
			return b.String()
		}))
		if got := strings.Count(out, "\n"); got != want {
			t.Fatalf("seed %d: %d lines, want %d:\n%s", seed, got, want, out)
		}
		if strings.ContainsFunc(strings.ReplaceAll(out, "\n", ""), func(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u202e' }) {
			t.Fatalf("seed %d: a control character reached the output:\n%q", seed, out)
		}
	}
}
