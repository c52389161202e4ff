// Package wording holds the few phrasing rules that every text output of
// crossmeet shares, so that plan.txt, the CLI and the calendars say a
// thing the same way.
package wording

import "fmt"

// Plural writes a count with its noun: "1 meeting", "2 meetings". The
// plural adds an s, which is right for every noun crossmeet counts.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
