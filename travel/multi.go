package travel

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// merge concatenates feeds loaded apart into one timetable, renumbering
// their stops, routes, trips and services, and qualifies the stop ids
// that several feeds use with the feed's name.
func merge(parts []*Feed) *Feed {
	if len(parts) == 1 {
		return parts[0]
	}
	f := &Feed{loc: parts[0].loc, stopIndex: map[string]int32{}, rules: map[[2]int32]int32{}}
	idFeeds := map[string]int{}
	for _, p := range parts {
		for _, s := range p.stops {
			idFeeds[s.ID]++
		}
	}
	for fi, p := range parts {
		so, ro, to := int32(len(f.stops)), int32(len(f.routes)), int32(len(f.trips))
		svo, sto, bo := int32(len(f.services)), int32(len(f.stStop)), int32(len(f.blocks))
		name := p.feeds[0].name
		info := p.feeds[0]
		info.tripLo, info.tripHi = to, to+int32(len(p.trips))
		f.feeds = append(f.feeds, info)
		qual := func(id string) string {
			if id != "" && idFeeds[id] > 1 {
				return name + ":" + id
			}
			return id
		}
		for i, s := range p.stops {
			f.stopIndex[name+":"+s.ID] = so + int32(i)
			if idFeeds[s.ID] == 1 {
				f.stopIndex[s.ID] = so + int32(i)
			} else {
				if f.sharedIDs == nil {
					f.sharedIDs = map[string][]int32{}
				}
				f.sharedIDs[s.ID] = append(f.sharedIDs[s.ID], so+int32(i))
			}
			s.ID, s.Parent = qual(s.ID), qual(s.Parent)
			f.stops = append(f.stops, s)
			f.stopFeed = append(f.stopFeed, int16(fi))
			par := p.parent[i]
			if par >= 0 {
				par += so
			}
			f.parent = append(f.parent, par)
		}
		f.locType = append(f.locType, p.locType...)
		for k, v := range p.rules {
			f.rules[[2]int32{k[0] + so, k[1] + so}] = v
		}
		f.routes = append(f.routes, p.routes...)
		f.services = append(f.services, p.services...)
		for _, t := range p.trips {
			t.route += ro
			t.service += svo
			t.first += sto
			t.tmpl += to
			if t.block >= 0 {
				t.block += bo
			}
			f.trips = append(f.trips, t)
		}
		for _, b := range p.blocks {
			nb := make([]int32, len(b))
			for i, t := range b {
				nb[i] = t + to
			}
			f.blocks = append(f.blocks, nb)
		}
		for _, r := range p.special.rules {
			for _, x := range []*int32{&r.fromTrip, &r.toTrip} {
				if *x >= 0 {
					*x += to
				}
			}
			for _, x := range []*int32{&r.fromRoute, &r.toRoute} {
				if *x >= 0 {
					*x += ro
				}
			}
			for _, x := range []*int32{&r.fromStop, &r.toStop} {
				if *x >= 0 {
					*x += so
				}
			}
			f.special.add(r)
		}
		for _, s := range p.stStop {
			f.stStop = append(f.stStop, s+so)
		}
		f.stArr = append(f.stArr, p.stArr...)
		f.stDep = append(f.stDep, p.stDep...)
		f.stKm = append(f.stKm, p.stKm...)
		f.stFlags = append(f.stFlags, p.stFlags...)
		for _, w := range p.warnings {
			f.warnings = append(f.warnings, fmt.Errorf("%s: %w", name, w))
		}
	}
	return f
}

// join adds walking transfers between stops of different feeds: stops
// within radius km of each other, and the platforms of same-name
// stations within DefaultSameNameRadius, which also count as one station
// for queries (twins). A walk takes the great-circle distance times
// DefaultDetour at DefaultWalkKmh, at least the change time.
func (f *Feed) join(radius float64) {
	if radius == 0 {
		radius = DefaultJoinRadius
	}
	walk := func(a, b int32) int32 {
		sa, sb := f.stops[a], f.stops[b]
		s := int32(math.Ceil(haversine(sa.Lat, sa.Lon, sb.Lat, sb.Lon) * DefaultDetour / DefaultWalkKmh * 3600))
		if s <= int32(DefaultMinChange.Seconds()) {
			return useDefault
		}
		return s
	}
	link := func(a, b int32) {
		d := walk(a, b)
		f.addFoot(a, b, d)
		f.addFoot(b, a, d)
	}
	if radius > 0 {
		// A grid of cells about radius wide: neighbours are in the 3×3
		// cells around.
		cell := radius / 111.0
		type key struct{ x, y int32 }
		grid := map[key][]int32{}
		for i, s := range f.stops {
			if f.locType[i] != 0 {
				continue
			}
			k := key{int32(math.Floor(s.Lon * math.Cos(s.Lat*math.Pi/180) / cell)), int32(math.Floor(s.Lat / cell))}
			grid[k] = append(grid[k], int32(i))
		}
		var crowded []key
		for k, list := range grid {
			if len(list) > MaxJoinStops {
				crowded = append(crowded, k)
			}
		}
		slices.SortFunc(crowded, func(a, b key) int { return cmp.Or(cmp.Compare(a.y, b.y), cmp.Compare(a.x, b.x)) })
		for _, k := range crowded {
			s := f.stops[grid[k][0]]
			f.warnings = append(f.warnings, fmt.Errorf("%d stops within about %.0f m of %.4f, %.4f (%s): too many to join between feeds, so none of them is: %w",
				len(grid[k]), radius*1000, s.Lat, s.Lon, s.Name, ErrBadValue))
		}
		for k, list := range grid {
			if len(list) > MaxJoinStops {
				continue
			}
			for dx := int32(-1); dx <= 1; dx++ {
				for dy := int32(-1); dy <= 1; dy++ {
					near := grid[key{k.x + dx, k.y + dy}]
					if len(near) > MaxJoinStops {
						continue
					}
					for _, b := range near {
						for _, a := range list {
							if a < b && f.stopFeed[a] != f.stopFeed[b] {
								sa, sb := f.stops[a], f.stops[b]
								if haversine(sa.Lat, sa.Lon, sb.Lat, sb.Lon) <= radius {
									link(a, b)
								}
							}
						}
					}
				}
			}
		}
	}
	byName := map[string][]int32{}
	for i, s := range f.stops {
		if f.parent[i] < 0 && s.Name != "" && f.locType[i] <= 1 {
			n := strings.ToLower(strings.TrimSpace(s.Name))
			byName[n] = append(byName[n], int32(i))
		}
	}
	f.twins = map[int32][]int32{}
	var names []string
	for n, list := range byName {
		if len(list) > MaxJoinStops {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		f.warnings = append(f.warnings, fmt.Errorf("%d stations named %q: too many to join between feeds by their name: %w", len(byName[n]), n, ErrBadValue))
	}
	for _, list := range byName {
		if len(list) > MaxJoinStops {
			continue
		}
		for _, a := range list {
			for _, b := range list {
				if a >= b || f.stopFeed[a] == f.stopFeed[b] {
					continue
				}
				sa, sb := f.stops[a], f.stops[b]
				if haversine(sa.Lat, sa.Lon, sb.Lat, sb.Lon) > DefaultSameNameRadius {
					continue
				}
				f.twins[a] = append(f.twins[a], b)
				f.twins[b] = append(f.twins[b], a)
				if len(f.children[a]) > MaxPlatforms || len(f.children[b]) > MaxPlatforms {
					continue // no walks between its platforms either (gtfs.go)
				}
				for _, x := range f.platforms(a) {
					for _, y := range f.platforms(b) {
						link(x, y)
					}
				}
			}
		}
	}
}

// MaxJoinStops bounds the stops LoadFeeds joins between feeds in one
// place (a cell about JoinRadius wide) and the stations of one name it
// joins: a city centre has a few hundred stops in 300 m; past the bound
// a place or name is not joined, with a warning, since every pair of
// its stops would be compared.
const MaxJoinStops = 2000

// platforms returns the stops of location_type 0 that stop i stands for.
func (f *Feed) platforms(i int32) []int32 {
	if f.locType[i] == 0 {
		return []int32{i}
	}
	var out []int32
	for _, c := range f.children[i] {
		if f.locType[c] == 0 {
			out = append(out, c)
		}
	}
	return out
}
