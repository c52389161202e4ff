package match

import (
	"strings"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/swedish"
)

// stem returns the shortest of the Snowball stems of the normalised word
// w for Swedish, Norwegian and English (Porter, "Snowball: A language for
// stemming algorithms", 2001; the stemmers of snowballstem.org, as
// generated for Go by github.com/blevesearch/snowballstem). The language
// of a tag is rarely stated and often mixed, so every word goes through
// all three: "investorer", "investors" and "investor" meet at "investor",
// "sykehuset" and "sykehus" at "sykehus". A stem shorter than four
// letters is not used, so short words stay whole and short stems of
// different words do not meet (Swedish "läkare" and Norwegian "laks"
// would both be "lak").
//
// A Swedish or Norwegian ending removed, the English stemmer gets a
// second go, so that the stemmers agree on inflected forms too:
// "forvaltningen" loses -en in Norwegian and then -ing in English, as
// "forvaltning" does in English at once. Only English, and only once:
// stemming to a fixed point strips too much ("helsedata" would end as
// "hels").
func stem(w string) string {
	s := stemOnce(w)
	if s != w {
		env := snowball.NewEnv(s)
		english.Stem(env)
		if e := env.Current(); len(e) >= 4 && len(e) < len(s) {
			s = e
		}
	}
	return s
}

func stemOnce(w string) string {
	best := w
	for _, f := range [...]func(*snowball.Env) bool{swedish.Stem, norwegian.Stem, english.Stem} {
		env := snowball.NewEnv(w)
		f(env)
		if s := env.Current(); len(s) >= 4 && len(s) < len(best) {
			best = s
		}
	}
	return best
}

// foldRules spell Swedish, Norwegian and English variants of one sound
// alike. They are the regular correspondences of the written languages
// (see Torp, "Nordiske språk i fortid og nåtid", 1998, and the
// Norwegian spelling reforms of 1907–1938 that replaced Danish-Swedish
// spellings): ch and sj (chef, sjef), skj and sj, kj and k before a
// front vowel (kjøtt, kött; kjøper, köpare), -tion, -sion and -sjon
// (destination, destinasjon), ck and k (utveckla, utvikle), c before e,
// i and y and s (centrum, sentrum; medicin, medisin), other c and k
// (teknik, technique; kultur, culture), x and ks (export, eksport), ph
// and f, th and t, w and v, z and s, q and k. Normalize has already
// folded ø/ö, æ/ä and å/aa. Applied to stems, so inflection is gone.
var foldRules = strings.NewReplacer(
	"tion", "sjon", "ssion", "sjon", "sion", "sjon",
	"sch", "sj", "skj", "sj", "ch", "sj", "kj", "k", "ck", "k",
	"ce", "se", "ci", "si", "cy", "sy", "c", "k",
	"x", "ks", "ph", "f", "th", "t", "w", "v", "z", "s", "q", "k",
)

// fold applies foldRules and then writes every doubled consonant once
// (Swedish and Norwegian double consonants differ: innkjøp, inköp;
// hotell, hotel). Vowels stay doubled: English "food" is not "fod".
func fold(s string) string {
	s = foldRules.Replace(s)
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] && s[i] < 0x80 && !strings.ContainsRune("aeiouy", rune(s[i])) {
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// wordKey is the key under which one normalised word is matched: its
// stem, folded.
func wordKey(w string) string {
	return fold(stem(w))
}
