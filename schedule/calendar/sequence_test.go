package calendar_test

import (
	"bytes"
	"testing"
	"time"
)

// TestCalendarsSequenceOverflow: an earlier calendar whose SEQUENCE is at
// or past the largest value RFC 5545 allows gives that value, never a
// negative or failing one (issue 14, item 10).
func TestCalendarsSequenceOverflow(t *testing.T) {
	v0 := calExport(t, calFixture(), calOpts)
	for _, huge := range []string{"9223372036854775807", "99999999999999999999", "2147483647"} {
		t.Run(huge, func(t *testing.T) {
			prev := map[string][]byte{}
			for name, data := range v0 {
				prev[name] = bytes.ReplaceAll(data, []byte("SEQUENCE:0"), []byte("SEQUENCE:"+huge))
			}
			p := calFixture()
			m := &p.Trips[0].Meetings[1]
			m.Start, m.End = m.Start.Add(time.Hour), m.End.Add(time.Hour)
			opts := calOpts
			opts.Previous = prev
			files := calExport(t, p, opts)
			for s, n := range calSequences(files["coordinator.ics"]) {
				if n != "2147483647" {
					t.Errorf("%q: SEQUENCE %s, want 2147483647", s, n)
				}
			}
			// and the next run reads it back
			opts.Previous = files
			calExport(t, p, opts)
		})
	}
}
