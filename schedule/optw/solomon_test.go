package optw_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/crossmeet/crossmeet/schedule/optw"
)

// tiny is a three-node instance: depot at (0,0), node 1 at (3,4) (distance
// 5 from the depot), node 2 at (1,1) (√2 from the depot, √13 from node 1).
const tiny = "3 10 2 1\n0 200\n0 0 0 0 0 0 0 0 1000\n1 3 4 10 7 1 1 1 0 500\n2 1 1 10 5 1 2 1 2 100 200\n"

func TestLoadSolomonRules(t *testing.T) {
	tests := []struct {
		rule            optw.DistanceRule
		d01, d02, d12   int64
		service, arrive int64
		name            string
	}{
		{optw.Trunc1, 50, 14, 36, 100, 10000, "trunc1"},
		{optw.Trunc2, 500, 141, 360, 1000, 100000, "trunc2"},
		{optw.Ceil2, 500, 142, 361, 1000, 100000, "ceil2"},
		{optw.Euclidean, 5000000, 1414214, 3605552, 10000000, 1000000000, "exact"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, err := optw.LoadSolomon(strings.NewReader(tiny), tc.rule)
			if err != nil {
				t.Fatal(err)
			}
			got := []int64{in.Travel[0][1], in.Travel[0][2], in.Travel[1][2], in.Travel[2][1], in.Nodes[1].Service, in.Routes[0].Arrive}
			want := []int64{tc.d01, tc.d02, tc.d12, tc.d12, tc.service, tc.arrive}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("travel 0-1, 0-2, 1-2, 2-1, service, arrive = %v, want %v", got, want)
			}
			if tc.rule.String() != tc.name {
				t.Errorf("String() = %q, want %q", tc.rule.String(), tc.name)
			}
			if r, err := optw.ParseDistanceRule(tc.name); err != nil || r != tc.rule {
				t.Errorf("ParseDistanceRule(%q) = %v, %v", tc.name, r, err)
			}
		})
	}
	if _, err := optw.ParseDistanceRule("round"); err == nil {
		t.Error(`ParseDistanceRule("round") succeeded`)
	}
}

func TestLoadSolomonTokenStream(t *testing.T) {
	base, err := optw.LoadSolomon(strings.NewReader(tiny), optw.Trunc1)
	if err != nil {
		t.Fatal(err)
	}
	if base.Nodes[2].Value != 5 || !reflect.DeepEqual(base.Nodes[2].Windows, []optw.Window{{1000, 2000}}) {
		t.Fatalf("node 2 = %+v, want value 5 and window [1000, 2000] (the two list entries skipped)", base.Nodes[2])
	}
	variants := map[string]string{
		"CRLF":               strings.ReplaceAll(tiny, "\n", "\r\n"),
		"no final newline":   strings.TrimSuffix(tiny, "\n"),
		"trailing blank":     tiny + "\n\n",
		"header broken":      strings.Replace(tiny, "3 10 2 1", "3 10\n2 1", 1),
		"tabs and spaces":    strings.ReplaceAll(tiny, " ", " \t "),
		"decimals in fields": strings.Replace(tiny, "1 3 4 10 7", "1 3.00 4.00 10.00 7.00", 1),
	}
	for name, text := range variants {
		t.Run(name, func(t *testing.T) {
			in, err := optw.LoadSolomon(strings.NewReader(text), optw.Trunc1)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(in, base) {
				t.Errorf("got %+v, want %+v", in, base)
			}
		})
	}
}

func TestLoadSolomonErrors(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		line, col int
		field     string
	}{
		{"not a number", strings.Replace(tiny, "1 3 4 10 7", "1 3 x 10 7", 1), 4, 5, "node 1 y"},
		{"truncated", strings.TrimSuffix(tiny, "100 200\n"), 5, 20, "node 2 window open"},
		{"wrong node number", strings.Replace(tiny, "\n2 1 1", "\n3 1 1", 1), 5, 1, "node 2 number"},
		{"trailing token", tiny + "9\n", 6, 1, "end of file"},
		{"reversed window", strings.Replace(tiny, "100 200", "200 100", 1), 5, 20, "node 2 window"},
		{"empty", "", 1, 1, "header field k"},
		{"bad customer count", strings.Replace(tiny, "3 10 2 1", "3 10 2.5 1", 1), 1, 6, "header field N"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := optw.LoadSolomon(strings.NewReader(tc.text), optw.Trunc1)
			var pe *optw.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, optw.ErrFormat) {
				t.Fatalf("got %v, want a *ParseError wrapping ErrFormat", err)
			}
			if pe.Line != tc.line || pe.Column != tc.col || pe.Field != tc.field {
				t.Errorf("got line %d column %d field %q, want %d %d %q", pe.Line, pe.Column, pe.Field, tc.line, tc.col, tc.field)
			}
		})
	}
}

func TestLoadSolomonC101(t *testing.T) {
	in := loadTestdata(t, "c101.txt")
	// From the file: node 1 is "1 45.00 68.00 90.00 10.00 1 1 1 912 967",
	// node 0 closes at 1236.
	if len(in.Nodes) != 101 || in.Routes[0].Arrive != 12360 {
		t.Fatalf("%d nodes, arrive %d; want 101 and 12360", len(in.Nodes), in.Routes[0].Arrive)
	}
	want := optw.Node{Value: 10, Service: 900, Windows: []optw.Window{{9120, 9670}}}
	if !reflect.DeepEqual(in.Nodes[1], want) {
		t.Errorf("node 1 = %+v, want %+v", in.Nodes[1], want)
	}
	// Depot (40,50) to node 1 (45,68): √349 = 18.68.. -> 18.6 -> 186.
	if in.Travel[0][1] != 186 {
		t.Errorf("travel 0-1 = %d, want 186", in.Travel[0][1])
	}
}
