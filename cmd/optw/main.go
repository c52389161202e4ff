// Command optw runs crossmeet's itinerary solver (package
// schedule/optw) on orienteering-with-time-windows benchmark instances
// and prints one JSON line per instance.
//
// Usage:
//
//	optw [-time 1s] [-seed 1] [-m 1] [-distance trunc1|trunc2|ceil2|exact] [-bks FILE] [-profile 0.1s,1s,10s] [-cpuprofile FILE] FILE...
//
// Each FILE is an instance in the KU Leuven / Solomon format described in
// ../shared/bench/optw/README.md ("-" reads standard input). A line looks
// like
//
//	{"instance":"c101","m":1,"score":320,"routes":[[0,5,...,0]],"stop":"converged","iterations":8000,"seconds":0.41}
//
// where each route lists node numbers from the file and starts and ends
// at 0. With -m N the instance gets N identical routes (the team OPTW). Every route is checked for feasibility under the chosen distance
// rule before it is printed; an infeasible one is an error (exit 1) and
// is never printed. With -bks, a CSV with columns instance and
// best_known, each line also gets best_known and gap_percent
// (100·(best_known−score)/best_known), and a final summary line gives the
// average and worst gap and the median seconds.
//
// -cpuprofile writes a CPU profile of the whole run for go tool pprof.
//
// Each line also gives cpu_seconds, the processor time the run used (all
// workers together): on a loaded machine a wall-clock limit buys less
// search, and this field shows how much.
//
// The output is the same, byte for byte apart from the seconds fields,
// for the same flags, unless the time limit cuts a search short (the
// summary counts how often it did: time_limit_hits).
//
// Exit status: 0 on success, 2 for bad flags or unreadable input, 1 for
// other failures.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/crossmeet/crossmeet/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(cli.ExitCode("optw", err, os.Stderr))
}
