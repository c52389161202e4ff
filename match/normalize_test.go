package match

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"o slash and o umlaut", "Trøndelag", "trondelag"},
		{"o umlaut", "Tröndelag", "trondelag"},
		{"upper case", "TRØNDELAG", "trondelag"},
		{"a ring", "Åre", "are"},
		{"double a as a ring", "Aalesund", "alesund"},
		{"a ring equals aa", "Ålesund", "alesund"},
		{"ae ligature", "Bærekraft", "barekraft"},
		{"a umlaut", "Hälsa", "halsa"},
		{"ae equals a umlaut", "næring", "naring"},
		{"acute accent", "Café Idé", "cafe ide"},
		{"punctuation and spaces", "  St. Olavs   hospital, procurement! ", "st olavs hospital procurement"},
		{"hyphen splits", "e-helse", "e helse"},
		{"sharp s", "Straße", "strasse"},
		{"compatibility form", "ﬁnans", "finans"},
		{"digits kept", "Region 7", "region 7"},
		{"empty", "", ""},
		{"only punctuation", " ;-, ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestThesaurus(t *testing.T) {
	an := newAnalyzer([][]string{{"reinbeite", "renbete", "reindeer pasture"}, {"sjukvård", "vårdcentral"}}, func(func(string) bool) {})
	tests := []struct {
		name, in, want string
	}{
		{"Norwegian health", "helse", "health"},
		{"Swedish health", "Hälsa", "health"},
		{"English health", "health", "health"},
		{"Norwegian procurement with ø", "innkjøp", "procurement"},
		{"Swedish procurement with ö", "inköp", "procurement"},
		{"Swedish public procurement", "upphandling", "procurement"},
		{"competence, Norwegian", "kompetanse", "competence"},
		{"competence, Swedish", "kompetens", "competence"},
		{"phrase", "Medical technology", "medtech"},
		{"unknown word is its own key", "Reindeer", wordKey("reindeer")},
		{"inflected form finds its group", "sykehuset", "=hospital"},
		{"extension, new group", "Renbete", "reinbeite"},
		{"extension joins a built-in group", "vårdcentral", "health"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if !strings.HasPrefix(want, conceptPrefix) && tt.name != "unknown word is its own key" {
				want = conceptPrefix + want
			}
			terms := an.terms(tt.in)
			if len(terms) == 0 || terms[0].t != want {
				t.Errorf("terms(%q) = %v, want first %q", tt.in, terms, want)
			}
		})
	}
}
