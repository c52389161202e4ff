package match

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestCoordinatorCases are the misses a new coordinator met (issue 10):
// Norwegian start-ups wishing in Norwegian, Swedish contacts tagged in
// Swedish. Each contact must be proposed; the food wholesaler's buyer
// must not be proposed to the health-app start-up, while the food
// start-up gets her.
func TestCoordinatorCases(t *testing.T) {
	contacts := []Contact{
		{ID: "lokal1", Name: "Anna", Organization: "Jämtländsk Mat", Tags: []string{"lokal mat", "mathantverk"}, Country: "SE", Languages: []string{"sv"}},
		{ID: "lokal2", Name: "Britt", Organization: "Matkluster Norr", Tags: []string{"lokal mat"}, Country: "SE", Languages: []string{"sv"}},
		{ID: "lavin", Name: "Henrik", Organization: "Fjällsäkerhetscentrum", Tags: []string{"lavin", "fjällsäkerhet"}, Country: "SE", Languages: []string{"sv"}},
		{ID: "bygg", Name: "Johan", Organization: "Norrbygg AB", Role: "byggchef", Country: "SE", Languages: []string{"sv"}},
		{ID: "dest", Name: "Maria", Organization: "Åredalen AB", Role: "destinationsutvecklare", Country: "SE", Languages: []string{"sv"}},
		{ID: "tra", Name: "Emma", Organization: "Norrträ AB", Tags: []string{"trähus", "massivträ"}, Country: "SE", Languages: []string{"sv"}},
		{ID: "grossist", Name: "Karin", Organization: "Mittgrossen AB", Role: "inköpare", Tags: []string{"livsmedel", "dagligvaror"}, Country: "SE", Languages: []string{"sv"}},
		{ID: "sjukhus", Name: "Maja", Organization: "Region Jämtland Härjedalen", Role: "upphandlare", Tags: []string{"hälso- och sjukvård"}, Country: "SE", Languages: []string{"sv"}},
		{ID: "noise", Name: "Per", Organization: "Annat AB", Tags: []string{"redovisning"}, Country: "SE", Languages: []string{"sv"}},
	}
	no := func(id string, needs []string, wishes ...string) Startup {
		s := Startup{ID: id, Country: "NO", Languages: []string{"no"}, Needs: needs}
		for i, w := range wishes {
			x, err := ParseWish(w)
			if err != nil {
				t.Fatal(err)
			}
			x.Priority = i + 1
			s.Wishes = append(s.Wishes, x)
		}
		return s
	}
	startups := []Startup{
		no("bygdemat", []string{"lokalmat", "dagligvarehandel"}, "tag:lokalmat", "rolle:innkjøper"),
		no("skred", []string{"sensorer"}, "tag:snøskred"),
		no("byggefirma", nil, "rolle:byggesjef"),
		no("reiseliv", nil, "rolle:destinasjonsutvikler"),
		no("trebygg", nil, "tag:trebygg"),
		no("helseapp", []string{"e-helse", "pasientdata"}, "rolle:innkjøper"),
	}
	pairs, err := Score(context.Background(), startups, contacts, Options{CrossBorder: true})
	if err != nil {
		t.Fatal(err)
	}
	proposed := func(s, c string) (Pair, bool) {
		i := slices.IndexFunc(pairs, func(p Pair) bool { return p.Startup == s && p.Contact == c })
		if i < 0 {
			return Pair{}, false
		}
		return pairs[i], true
	}
	for _, tc := range []struct{ name, startup, contact string }{
		{"tag:lokalmat finds a contact tagged lokal mat", "bygdemat", "lokal1"},
		{"tag:lokalmat finds the other contact tagged lokal mat", "bygdemat", "lokal2"},
		{"tag:snøskred finds lavin", "skred", "lavin"},
		{"rolle:byggesjef finds a byggchef", "byggefirma", "bygg"},
		{"rolle:destinasjonsutvikler finds a destinationsutvecklare", "reiseliv", "dest"},
		{"tag:trebygg finds trähus and massivträ", "trebygg", "tra"},
		{"the food start-up gets the food wholesaler's buyer", "bygdemat", "grossist"},
		{"the health app gets the healthcare procurer", "helseapp", "sjukhus"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := proposed(tc.startup, tc.contact)
			if !ok {
				t.Fatalf("%s–%s not proposed", tc.startup, tc.contact)
			}
			for _, r := range p.Reasons() {
				if strings.Contains(r, "language") {
					t.Errorf("reason %q is about language, not the match", r)
				}
			}
		})
	}
	t.Run("the food wholesaler's buyer is not proposed to the health app", func(t *testing.T) {
		if p, ok := proposed("helseapp", "grossist"); ok {
			t.Errorf("proposed %+v", p)
		}
	})
	t.Run("nothing shared, nothing proposed", func(t *testing.T) {
		for _, p := range pairs {
			if p.Contact == "noise" {
				t.Errorf("proposed %+v", p)
			}
		}
	})
}

func TestUnknownPrefix(t *testing.T) {
	tests := []struct {
		in, want string
		unknown  bool
	}{
		{"xyz:foo", "xyz", true},
		{"rolle:innkjøpssjef", "", false},
		{"Organisasjon: Equinor", "", false},
		{"emne:snøskred", "", false},
		{"tagg:lavin", "", false},
		{"someone from St. Olavs", "", false},
		{"https://example.org", "", false},
		{"møte kl 10:30", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, ok := UnknownPrefix(tt.in)
			if p != tt.want || ok != tt.unknown {
				t.Errorf("UnknownPrefix(%q) = %q, %v; want %q, %v", tt.in, p, ok, tt.want, tt.unknown)
			}
		})
	}
	for in, kind := range map[string]WishKind{"rolle:innkjøpssjef": RoleWish, "roll:inköpare": RoleWish, "organisasjon:Equinor": OrgWish, "emne:snøskred": TagWish, "tagg:lavin": TagWish, "person:Kari": PersonWish} {
		w, err := ParseWish(in)
		if err != nil || w.Kind != kind {
			t.Errorf("ParseWish(%q) = %v, %v; want kind %v", in, w, err, kind)
		}
	}
}

func TestLoadStartupsWarnsUnknownPrefix(t *testing.T) {
	csv := "id,wishes\nS1,tag:energi; xyz:foo\n"
	_, warnings, err := LoadStartups(strings.NewReader(csv), "startups.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "startups.csv:2") || !strings.Contains(warnings[0], `"xyz"`) {
		t.Errorf("warnings %q, want one naming startups.csv:2 and \"xyz\"", warnings)
	}
}
