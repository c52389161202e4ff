package match

import (
	"slices"
	"testing"
)

// programmeAnalyzer builds the analyzer over a small programme's texts,
// as Score does.
func programmeAnalyzer(texts ...string) *analyzer {
	return newAnalyzer(nil, func(yield func(string) bool) {
		for _, t := range texts {
			if !yield(t) {
				return
			}
		}
	})
}

// wholeTerms are the terms of text that are not compound parts or
// broader terms.
func wholeTerms(an *analyzer, text string) []string {
	var out []string
	for _, x := range an.terms(text) {
		if !x.part {
			out = append(out, x.t)
		}
	}
	return out
}

func TestAnalyzerReadsTheThreeLanguagesAsOne(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		meet bool
	}{
		{"inflection, Norwegian plural", "investor", "investorer", true},
		{"inflection and synonym, Swedish agent noun", "investorer", "investerare", true},
		{"definite form", "sykehuset", "sykehus", true},
		{"Norwegian and Swedish word", "sykehus", "sjukhus", true},
		{"compound written apart", "lokalmat", "lokal mat", true},
		{"ch and sj, linking e", "byggesjef", "byggchef", true},
		{"-tion and -sjon, i and e, -are and -er", "destinasjonsutvikler", "destinationsutvecklare", true},
		{"kj and k, doubled consonant", "innkjøper", "inköpare", true},
		{"procurement in Swedish", "innkjøp", "upphandling", true},
		{"kj and k before a front vowel", "kjøtt", "kött", true},
		{"-sjon and -tion in English", "automasjon", "automation", true},
		{"two words for one thing", "snøskred", "lavin", true},
		{"English", "avalanche", "snöskred", true},
		{"wood construction", "trebygg", "trähus", true},
		{"ä and i, doubled consonant", "säkerhet", "sikkerhet", true},
		{"vann and vatten", "vannkraft", "vattenkraft", true},
		{"c before e", "centrum", "sentrum", true},
		{"x and ks", "export", "eksport", true},
		{"hospital is not a hotel", "hospital", "hotell", false},
		{"food is not feed", "food", "foder", false},
		{"a hospital is not a construction", "sykehus", "bygg", false},
		{"health is not fish health", "e-health", "fiskehelse", false},
		{"research is not a topic", "forskning", "batterier", false},
	}
	var texts []string
	for _, tt := range tests {
		texts = append(texts, tt.a, tt.b)
	}
	an := programmeAnalyzer(texts...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := wholeTerms(an, tt.a), wholeTerms(an, tt.b)
			meet := slices.ContainsFunc(a, func(x string) bool { return slices.Contains(b, x) })
			if meet != tt.meet {
				t.Errorf("%q %v and %q %v: meet %v, want %v", tt.a, a, tt.b, b, meet, tt.meet)
			}
		})
	}
}

func TestCompoundParts(t *testing.T) {
	an := programmeAnalyzer("lokal mat", "lokalmat", "skoleforvaltningen", "skole", "forvaltning", "trearkitektur", "arkitektur")
	tests := []struct {
		word string
		want []string
	}{
		{"lokalmat", nil}, // the table knows it: no parts needed
		{"skoleforvaltningen", []string{"=school", "=administration"}},
		{"trearkitektur", []string{"=wood", "=architecture"}},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			var parts []string
			for _, x := range an.terms(tt.word) {
				if x.part && x.w == partWeight {
					parts = append(parts, x.t)
				}
			}
			for _, w := range tt.want {
				if !slices.Contains(parts, w) {
					t.Errorf("parts of %q: %v, want %q among them", tt.word, an.terms(tt.word), w)
				}
			}
			if tt.want == nil && len(an.split[tt.word]) != 0 {
				t.Errorf("%q split into %v", tt.word, an.split[tt.word])
			}
		})
	}
}

func TestWithinOne(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"utvikl", "utvekl", true},
		{"bygesjef", "bygsjef", true},
		{"sikerhet", "sakerhet", true},
		{"vankraft", "vandkraft", true},
		{"abcdefgh", "abdcefgh", true},
		{"abcdefg", "abdcefg", false},
		{"abcdef", "abcdef", true},
		{"abcdef", "abcdefgh", false},
		{"utvikl", "utvakla", false},
		{"bateri", "materi", false},
		{"kompet", "komput", true}, // a vowel apart, but too short to merge (fuzzyMin)
		{"projek", "protek", false},
		{"konsul", "konsult", false},
	}
	for _, tt := range tests {
		if got := withinOne(tt.a, tt.b); got != tt.want {
			t.Errorf("withinOne(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestLanguageGroups(t *testing.T) {
	tests := []struct {
		name   string
		groups [][]string
		a, b   []string
		want   bool
	}{
		{"Swedish and Norwegian", nil, []string{"sv"}, []string{"no"}, true},
		{"Danish and Swedish", nil, []string{"da"}, []string{"sv"}, true},
		{"English is a bridge", nil, []string{"de", "en"}, []string{"sv", "en"}, true},
		{"German and Swedish", nil, []string{"de"}, []string{"sv"}, false},
		{"no groups", [][]string{}, []string{"sv"}, []string{"no"}, false},
		{"groups by name", [][]string{{"svenska", "norsk"}}, []string{"sv"}, []string{"no"}, true},
		{"nothing stated", nil, nil, []string{"de"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := newLanguageGroups(tt.groups).share(tt.a, tt.b); got != tt.want {
				t.Errorf("share(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestBuiltinGroupsDoNotCollide: after stemming and folding, no word of
// one built-in group lands in another (the first group would take it).
func TestBuiltinGroupsDoNotCollide(t *testing.T) {
	an := programmeAnalyzer()
	for _, g := range builtinSynonyms {
		canon := an.concept[an.phraseKey(g[0])]
		for _, w := range g[1:] {
			if c := an.concept[an.phraseKey(w)]; c != canon {
				t.Errorf("%q of group %q is read as %q", w, g[0], c)
			}
		}
	}
}
