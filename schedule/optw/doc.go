// Package optw solves the orienteering problem with time windows (OPTW)
// and the variants a trip planner needs: several routes (the team
// OPTW), several time windows per node, routes a node is restricted to,
// visits that must be made, a lunch break, and a hotel chosen between
// two days (orienteering with hotel selection).
//
// # Model
//
// An Instance has nodes with a value, a service duration and time
// windows in which service may start; a travel-time matrix (any
// non-negative integers: it need not be symmetric or obey the triangle
// inequality); and routes, each leaving its Start at or after Depart and
// reaching its End by Arrive. Times are int64 in a unit the caller
// chooses (tenths of the file's unit for the benchmark, minutes or seconds for
// the planner). A route waits when it arrives before a window opens;
// service starts as early as possible. Start and end nodes, and the
// candidate hotels, are depots and are never visited as customers.
//
// A route may have a Break: an idle pause of fixed duration that must lie
// inside [Earliest, Latest]. It is taken on arrival at a node, before
// service starts (or on arrival at the End), so waiting for a window can
// double as the break. A route whose Start or End is Hotel uses the hotel
// the solver picks from Instance.Hotels; all such routes share it, so a
// two-day trip is route 0 ending at Hotel and route 1 starting there.
//
// The objective is the total value of the visited nodes. Required nodes
// (pinned meetings) must be visited; when that is impossible the solvers
// return ErrInfeasible. Instance.Check verifies any set of routes and
// reports the first violation as a *RouteError (route, position, node,
// arrival).
//
// # Solvers
//
// Solve is a heuristic for instances of any size. It is an iterated
// destroy-and-repair search in the line of the iterated local search
// of Vansteenwegen, Souffriau, Vanden Berghe and Van Oudheusden (2009,
// "Iterated local search for the team orienteering problem with time
// windows", Computers & Operations Research 36(12):3281-3290): each
// iteration removes a run of consecutive visits (their shake step), a
// random set of visits, or visits near a random one (the related
// removal of Shaw 1998), then reinserts unvisited nodes greedily by
// their ratio value²/shift, where shift is how much a visit delays the
// arrival at the next node, each node's ratio multiplied by a random
// factor; one iteration in five first reinserts nodes in random order
// (so that an empty route gets used). The repair evaluates lazily: an
// insertion marks the cached best insertions into its route stale, and
// a stale one is recomputed only when it is the best candidate (the
// lazy greedy of Minoux 1978), so an insertion costs a few evaluations
// instead of one per unvisited node. A local search then shortens the
// routes and fills the slack it frees (ls.go): 2-opt and or-opt inside
// a route, relocate, swap and 2-opt* (tail exchange) between routes,
// and a replace move that trades a visit for a more valuable unvisited
// node, the neighbourhoods of the variable neighbourhood search of
// Labadie, Mansini, Melechovský and Wolfler Calvo (2012) and the
// iterative three-component heuristic of Hu and Lim (2014), each move
// tested in O(1) by concatenating segment summaries (Kindervater and
// Savelsbergh 1997). A worse solution is accepted with the simulated-
// annealing probability exp(Δ/T), as in the large neighbourhood search
// of Ropke and Pisinger (2006, Transportation Science 40(4):455-472);
// T restarts every Options.Cycle iterations at the mean value of one
// visit of the best solution and falls linearly to zero, and each
// cycle restarts from the best solution, so a search cut short by the
// time limit has still cooled several times. Before its search, each
// worker builds fifteen more starting solutions besides the plain
// greedy one, each route seeded with one random unvisited node and
// then filled by the noisy repair and the local search (a multi-start
// in the manner of GRASP, Feo and Resende 1995), and starts from the
// best: with wide windows a greedy start often sends the route into a
// region the destroy and repair steps do not leave. On single-route
// problems without a break or required nodes, the first time the
// search goes 300 iterations without improving, it restarts, in a fresh
// annealing cycle, from the best of four routes built whole by a beam
// over time (beam.go): the restricted dynamic programming of Gromicho,
// van Hoorn, Kok and Schutten (2012, "Restricted dynamic programming: a
// flexible framework for solving realistic VRPs", Computers &
// Operations Research 39(5):902-909) with stages of equal time. Partial
// routes are expanded in order of the time they leave their last node,
// and in each time bucket only the most valuable few, at most two per
// last node, go on; each customer's value counts with a random factor
// (up to 15%, 30%, 45% and 60% for the four routes), and each route gets
// the repair and the local search. The beam finds route shapes, other
// first visits and directions, that the insertion heuristic does not
// (pr19: 553-560 from the beam and local search alone, 545 from the
// greedy starts and the whole search); run only on a stall, it costs
// nothing on instances the search solves at once, and when the beam's
// region is worse the next cycle returns to the best solution (pr20:
// beam starts in place of the first greedy ones ended at 645 in three
// seeds of four, the restart on a stall at 648). With several
// interchangeable routes (the team OPTW), each worker also keeps a
// pool of the distinct routes of its local optima and, after its
// starting solutions, every 100 iterations and at the end, packs the
// most valuable set of pairwise disjoint pool routes (a small branch
// and bound) and repairs and improves it: the route recombination of
// Hu and Lim (2014), which brings together good routes found in
// different solutions (recombine.go). Several workers search
// independently with seeds derived from Options.Seed; the best result
// wins (among equal values, the one with less total travel, then the
// lowest worker), so the result does not depend on scheduling. Solve
// also keeps, among equally valuable solutions it meets, the one with
// the least travel. A search stops after Options.MaxIterations, or
// Options.Patience iterations without improvement; the time limit and
// the context are safety nets that make Solve anytime: it returns the
// best solution found and Solution.Stop says why it stopped.
//
// Whether a node fits between two visits is decided in O(1) (for a node
// with one window; O(w) for w windows) from two numbers per position: the
// earliest service start and the latest arrival that keeps the rest of
// the route feasible. The latter generalises the MaxShift of
// Vansteenwegen et al. (and Savelsbergh's forward time slack, 1992) to
// several windows per node; a route with a break keeps both numbers
// twice, for "break still to come" and "break done".
//
// Exact solves instances with up to 16 candidate customers to
// optimality by a label-setting dynamic programme over subsets (Righini
// and Salani 2006, 2009, without their state-space relaxation) and a
// second programme that assigns disjoint subsets to routes. The tests
// use it as the oracle for Solve.
//
// # Benchmark instances
//
// LoadSolomon reads the Solomon-based OPTW instances of Righini and
// Salani in the format of the KU Leuven orienteering test-instance
// library, with the distance rule as a parameter (Trunc1, the rule of
// that set, by default; Ceil2 for the Cordeau-based pr instances). The
// measured quality on the 29 Solomon-based instances and on pr01-pr20
// with one to four routes, at 0.1, 1 and 10 seconds, is in
// docs/benchmarks.md with the commands that reproduce it.
package optw
