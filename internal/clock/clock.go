// Package clock parses the times of day that crossmeet's inputs write:
// program.yaml's leave_after, back_by, meeting day and lunch, the
// availability windows of contacts.csv and the CLI's --after and
// --arrive-by. One parser serves them all so that every file accepts the
// same forms.
package clock

import (
	"fmt"
	"strconv"
	"strings"
)

// Parse reads a 24-hour time of day, "08:30" or, as Nordic spreadsheets
// write it, "08.30"; the hour may have one digit ("8:30"). 24:00 is the
// end of the day. It returns minutes after midnight.
func Parse(s string) (int, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	if !ok {
		h, m, ok = strings.Cut(s, ".")
	}
	bad := fmt.Errorf("want a time like 08:30, got %q", s)
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !digits(h) || !digits(m) {
		return 0, bad
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if hh > 24 || mm > 59 || hh == 24 && mm != 0 {
		return 0, bad
	}
	return hh*60 + mm, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
