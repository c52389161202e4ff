package calendar

import (
	"testing"
	"time"
	_ "time/tzdata"
)

// TestWindowsZonesLoad: every IANA zone the table names is in Go's zone
// database, so no Outlook file fails on a zone the table promises.
func TestWindowsZonesLoad(t *testing.T) {
	for win, iana := range windowsZones {
		if _, err := time.LoadLocation(iana); err != nil {
			t.Errorf("%q maps to %q: %v", win, iana, err)
		}
	}
}
