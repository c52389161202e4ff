package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/crossmeet/crossmeet/internal/programtest"
	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/report"
)

// hostile returns a random string made to break a line of text: line
// breaks of every kind, NUL, other controls, bidi overrides, invalid
// UTF-8 and a fake trip line.
func hostile(r *rand.Rand) string {
	parts := []string{"\n", "\r", "\r\n", "\x00", "\x85", "\u2028", "\u2029", "\x1b[31m", "\u202e", "\ufeff", "\xff", "\t", "\v", "\f",
		"Trip T9, 2099-01-01, day trip: FAKE", "Fjällhälsa", "a", " ", "→"}
	var b strings.Builder
	for n := 1 + r.IntN(6); n > 0; n-- {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	return b.String()
}

// rename sets every text of plan and dir that comes from the input to
// name(), a fresh value each call; an id gets one new value wherever it
// stands, so that the plan keeps its shape (who is on which trip).
func rename(p *schedule.Plan, dir *schedule.Directory, name func() string) {
	ids := map[string]string{}
	id := func(old string) string {
		if v, ok := ids[old]; ok {
			return v
		}
		v := name()
		for _, taken := range ids {
			if taken == v { // two ids must stay two ids
				v += old
			}
		}
		ids[old] = v
		return v
	}
	p.Program = name()
	for id, s := range dir.Startups {
		s.Name = name()
		dir.Startups[id] = s
	}
	for id, c := range dir.Contacts {
		c.Name = name()
		dir.Contacts[id] = c
	}
	for id, pl := range dir.Places {
		pl.Name = name()
		dir.Places[id] = pl
	}
	for i := range p.Trips {
		tp := &p.Trips[i]
		tp.ID = name()
		for j := range tp.Startups {
			tp.Startups[j] = id(tp.Startups[j])
		}
		for j := range tp.Legs {
			tp.Legs[j].Service = name()
			for k := range tp.Legs[j].Travellers {
				tp.Legs[j].Travellers[k] = id(tp.Legs[j].Travellers[k])
			}
		}
		for j := range tp.Meetings {
			tp.Meetings[j].Startup = id(tp.Meetings[j].Startup)
			for k := range tp.Meetings[j].Reasons {
				tp.Meetings[j].Reasons[k] = name()
			}
		}
		for j := range tp.Unscheduled {
			tp.Unscheduled[j].Reason = name()
			tp.Unscheduled[j].Startup = id(tp.Unscheduled[j].Startup)
		}
		for j := range tp.Alternatives {
			tp.Alternatives[j].Summary = name()
		}
	}
}

// TestTextHostileNames: whatever the names, ids and reasons hold, plan.txt
// has the same lines as with plain names, each valid UTF-8 without
// controls (issue 14, item 1).
func TestTextHostileNames(t *testing.T) {
	prog, plan := programtest.PlanDemo(t)
	base := func() (*schedule.Plan, schedule.Directory) {
		// A deep enough copy: plan through its JSON, the directory rebuilt.
		p := clonePlan(t, plan)
		return p, prog.Directory()
	}
	p, dir := base()
	n := 0
	rename(p, &dir, func() string { n++; return fmt.Sprintf("plain%d", n) })
	want := bytes.Count(report.Text(p, dir, report.Options{}), []byte("\n"))
	for seed := uint64(1); seed <= 200; seed++ {
		r := rand.New(rand.NewPCG(seed, 14))
		p, dir := base()
		rename(p, &dir, func() string { return hostile(r) })
		text := report.Text(p, dir, report.Options{})
		if got := bytes.Count(text, []byte("\n")); got != want {
			t.Fatalf("seed %d: %d lines, want %d:\n%s", seed, got, want, text)
		}
		for i, line := range strings.Split(string(text), "\n") {
			if !utf8.ValidString(line) || strings.ContainsFunc(line, func(r rune) bool {
				return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\u202e' || r == '\ufeff'
			}) {
				t.Fatalf("seed %d: line %d holds a control or invalid UTF-8: %q", seed, i+1, line)
			}
			if i > 0 && strings.HasPrefix(line, "Trip T9") {
				t.Fatalf("seed %d: line %d is injected: %q", seed, i+1, line)
			}
		}
	}
}

func TestClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Fjällhälsa AB", "Fjällhälsa AB"},
		{"a\nb", `a\nb`},
		{"a\r\nb", `a\r\nb`},
		{"nul\x00", `nul\x00`},
		{"nel\u0085", `nel\u0085`},
		{"ls\u2028", `ls\u2028`},
		{"rlo\u202e", `rlo\u202e`},
		{"bad\xffutf8", "bad\ufffdutf8"},
		{"tab\t", `tab\t`},
	}
	for _, tc := range cases {
		if got := report.Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func clonePlan(t *testing.T, p *schedule.Plan) *schedule.Plan {
	t.Helper()
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var out schedule.Plan
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}
