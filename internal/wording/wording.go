// Package wording holds the few phrasing rules that every text output of
// crossmeet shares, so that plan.txt, the CLI and the calendars say a
// thing the same way.
package wording

import (
	"fmt"
	"math"
	"strings"
)

// Plural writes a count with its noun: "1 meeting", "2 meetings",
// "2 itineraries". The plural adds an s, or turns a y after a consonant
// into ies, which is right for every noun crossmeet counts.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if k := len(noun); k >= 2 && noun[k-1] == 'y' && !strings.ContainsRune("aeiou", rune(noun[k-2])) {
		return fmt.Sprintf("%d %sies", n, noun[:k-1])
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Round3 rounds x to three decimals, as plan.json and the CLI's JSON
// write scores, kilometres and kilograms: enough for people, and stable
// across platforms.
func Round3(x float64) float64 { return math.Round(x*1000) / 1000 }
