package optw

// Timed times the given routes as Solve would report them: each service
// as early as possible, each break where it delays the arrival least,
// the chosen hotel read off the routes. It checks them as Check does, so
// an infeasible sequence gives a *RouteError (ErrInfeasible). Callers use
// it to re-time a solution after narrowing a node's windows (to keep a
// meeting at an earlier plan's time, say) without searching again.
func (in *Instance) Timed(routes [][]int) (Solution, error) {
	if err := in.Validate(); err != nil {
		return Solution{}, err
	}
	sched, err := in.schedule(routes)
	if err != nil {
		return Solution{}, err
	}
	sol := Solution{Routes: routes, Hotel: -1}
	for r, s := range sched {
		sol.Starts = append(sol.Starts, s.starts)
		sol.Breaks = append(sol.Breaks, s.brk)
		seq := routes[r]
		for _, v := range []int{seq[0], seq[len(seq)-1]} {
			if in.isHotel(v) {
				sol.Hotel = v
			}
		}
		for _, v := range seq[1 : len(seq)-1] {
			sol.Value += in.Nodes[v].Value
		}
	}
	return sol, nil
}
