package optw

import "math/rand/v2"

// BeamRoute runs the beam of beam.go on route 0 of in, from its start
// to its end through every candidate customer, with the given width,
// labels per node and bucket count, and returns the route (start and end
// included) and its value.
func BeamRoute(in *Instance, width, perNode, buckets int, seed uint64, noise float64) ([]int, float64) {
	p := newProblem(in, -1)
	b := newBeam(p)
	b.width, b.perNode, b.buckets = width, perNode, buckets
	rr := p.routes[0]
	seq, v := b.path(p, rr.start, rr.depart, rr.end, rr.arrive, p.byValue, rand.New(rand.NewPCG(seed, 1)), noise)
	return append(append([]int{rr.start}, seq...), rr.end), v
}
