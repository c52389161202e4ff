package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/crossmeet/crossmeet/schedule"
	"github.com/crossmeet/crossmeet/schedule/form"
)

// formTrips forms the trips of the start-ups that give dates and a
// destination in startups.csv and are in no trip of program.yaml
// (package schedule/form), adds them to prog.Trips and returns the text
// of trips-formed.txt: each formed trip and why, and the start-ups no
// trip can take. It returns "" when no start-up asks for a formed trip.
func formTrips(ctx context.Context, prog *schedule.Program, seed uint64, limit time.Duration, warn io.Writer) (string, error) {
	inTrip := map[string]bool{}
	for _, t := range prog.Trips {
		for _, s := range t.Startups {
			inTrip[s] = true
		}
	}
	wanted := false
	for _, s := range prog.Startups {
		if !inTrip[s.ID] && (s.Destination != "" || len(s.Dates) > 0) {
			wanted = true
		}
	}
	if !wanted {
		return "", nil
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	res, err := form.Form(ctx, prog, form.Options{Seed: seed})
	if err != nil {
		return "", fmt.Errorf("forming trips: %w", err)
	}
	if res.Stop != "" {
		fmt.Fprintf(warn, "crossmeet: forming trips stopped early (%s); the trips are the best found so far\n", res.Stop)
	}
	prog.Trips = append(prog.Trips, res.Trips...)
	var b strings.Builder
	fmt.Fprintf(&b, "Trips formed by crossmeet (%d, from %d candidate trips planned)\n\n", len(res.Trips), res.Evaluations)
	for _, t := range res.Trips {
		fmt.Fprintf(&b, "%s  %s  %s -> %s  %s\n  %s\n\n", t.ID, t.Dates[0].Format(time.DateOnly), t.From, t.To, strings.Join(t.Startups, ", "), t.Why)
	}
	var ids []string
	for id := range res.Unplaced {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(&b, "%s travels on no trip: %s\n", id, res.Unplaced[id])
		fmt.Fprintf(warn, "crossmeet: %s travels on no trip: %s\n", id, res.Unplaced[id])
	}
	return b.String(), nil
}
