package match

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the key under which s is matched: lower case, Unicode
// compatibility decomposition (NFKD) with the combining marks dropped, the
// Nordic pairs folded together (ø and ö to o, æ and ä to a, å and aa to
// a), a few letters without decomposition spelled out (ß to ss, đ to d, ł
// to l, þ to th, œ to oe), every run of punctuation and space turned into
// one space, and the ends trimmed.
//
// So "Trøndelag", "Tröndelag" and "TRONDELAG" share the key "trondelag",
// "Ålesund" and "Aalesund" the key "alesund", and "St. Olavs  Hospital"
// becomes "st olavs hospital".
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		switch r {
		case 'ø':
			r = 'o'
		case 'æ':
			r = 'a'
		case 'đ', 'ð':
			r = 'd'
		case 'ł':
			r = 'l'
		case 'ı':
			r = 'i'
		case 'ß':
			b.WriteString("ss")
			space = false
			continue
		case 'þ':
			b.WriteString("th")
			space = false
			continue
		case 'œ':
			b.WriteString("oe")
			space = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	out := b.String()
	if strings.Contains(out, "aa") {
		// The old Scandinavian spelling of å; after the fold above both
		// are "a". Replaced left to right, so "aaa" becomes "aa".
		out = strings.ReplaceAll(out, "aa", "a")
	}
	return out
}

// words splits a normalised key into its words.
func words(key string) []string {
	return strings.Fields(key)
}
