// Package suggest finds the known name nearest to a mistyped one, for the
// "did you mean prastgatan?" of a validation message.
//
// The distance is the optimal string alignment distance (Damerau 1964,
// Levenshtein 1966: insertions, deletions, substitutions and transpositions
// of neighbours, each costing one) over lower-cased runes, so that
// "prästgatan", "prastgatan" and "Prastgatan" are close. A name is
// suggested only when it is clearly the nearest: within a third of the
// word's length (at least one edit) and strictly nearer than any other.
package suggest

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Nearest returns the candidate nearest to word, or "" when none is near
// enough or two are equally near.
func Nearest(word string, candidates []string) string {
	w := fold(word)
	if w == "" {
		return ""
	}
	limit := max(1, len([]rune(w))/3)
	best, bestD, tie := "", limit+1, false
	for _, c := range candidates {
		d := distance(w, fold(c))
		switch {
		case d < bestD:
			best, bestD, tie = c, d, false
		case d == bestD && c != best:
			tie = true
		}
	}
	if best == "" || tie || bestD == 0 && fold(best) == w && best == word {
		return ""
	}
	return best
}

// fold lower-cases s and drops the diacritics of Latin letters (å, ä, ö,
// é become a, a, o, e; ø and æ become o and ae), so that the Nordic
// spellings of a word are one edit apart at most.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(s))) {
		switch {
		case r >= 0x300 && r <= 0x36f: // combining marks
		case r == 'ø':
			b.WriteRune('o')
		case r == 'æ':
			b.WriteString("ae")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// distance is the optimal string alignment distance of a and b.
func distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
