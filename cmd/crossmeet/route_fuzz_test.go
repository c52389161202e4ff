package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/crossmeet/crossmeet/internal/cli"
)

// FuzzRouteFlags fuzzes the flags of route on the embedded demo
// timetable: any values give a table, an exit-2 message or an exit-1
// failure, never a panic (which run turns into "internal error").
func FuzzRouteFlags(f *testing.F) {
	f.Add("ostersund-c", "trondheim-s", "2027-03-09", "06:00", "", "3m")
	f.Add("Östersund C", "trondheim", "2027-03-09", "", "23:59", "0s")
	f.Add("are", "are", "0001-01-01", "24:00", "", "-5m")
	f.Add("x", "y", "2027-02-30", "99:99", "00:00", "9223372036s")
	f.Fuzz(func(t *testing.T, from, to, date, after, arriveBy, minChange string) {
		args := []string{"route", "--from", from, "--to", to, "--date", date, "--min-change", minChange}
		if after != "" {
			args = append(args, "--after", after)
		}
		if arriveBy != "" {
			args = append(args, "--arrive-by", arriveBy)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		var out, errb bytes.Buffer
		err := run(ctx, args, strings.NewReader(""), &out, &errb)
		if err != nil && strings.Contains(err.Error(), "internal error") {
			t.Fatalf("%q: %v", args, err)
		}
		if code := cli.ExitCode("crossmeet", err, &errb); code != 0 && code != 1 && code != 2 {
			t.Fatalf("%q: exit %d", args, code)
		}
	})
}
