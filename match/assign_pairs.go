package match

import (
	"fmt"
	"math"
)

// cand is a candidate meeting: start-up, contact, index into the pairs.
type cand struct{ s, c, pair int32 }

// indexPairs turns the caller's pairs into integer candidates: the best
// pair per (start-up, contact), sorted by start-up then contact, and
// bucket, where start-up s's candidates are cands[bucket[s]:bucket[s+1]].
// It is the only place that reads Pair's ids.
//
// Pairs usually come grouped by start-up with the contacts in order (as
// Score writes them), so the start-up is looked up once per run and the
// contact is first guessed as the one after the previous pair's; the
// maps serve the rest. Input already sorted and free of duplicates, the
// common case, skips the two counting sorts.
func indexPairs(startups []Startup, contacts []Contact, pairs []Pair, sIdx, cIdx map[string]int32) (cands []cand, bucket []int32, err error) {
	nS, nC := len(startups), len(contacts)
	cands = make([]cand, len(pairs))
	sorted := true
	lastS, lastC := int32(-1), int32(-1)
	var lastID string
	for k := range pairs {
		p := &pairs[k]
		if math.IsNaN(p.Score) || math.IsInf(p.Score, 0) {
			return nil, nil, fmt.Errorf("pair %s–%s: %w", p.Startup, p.Contact, ErrBadScore)
		}
		s := lastS
		if s < 0 || p.Startup != lastID {
			var ok bool
			if s, ok = sIdx[p.Startup]; !ok {
				return nil, nil, fmt.Errorf("pair %d names start-up %q: %w", k, p.Startup, ErrUnknownID)
			}
			lastID = p.Startup
		}
		c := lastC + 1
		if int(c) >= nC || contacts[c].ID != p.Contact {
			var ok bool
			if c, ok = cIdx[p.Contact]; !ok {
				return nil, nil, fmt.Errorf("pair %d names contact %q: %w", k, p.Contact, ErrUnknownID)
			}
		}
		if s < lastS || s == lastS && c <= lastC {
			sorted = false
		}
		cands[k] = cand{s, c, int32(k)}
		lastS, lastC = s, c
	}
	if !sorted {
		// Two stable counting sorts, by contact then by start-up, order
		// the candidates by start-up then contact in linear time;
		// duplicates of a pair end up next to each other, and the best
		// one is kept.
		tmp := make([]cand, len(cands))
		countingSort(tmp, cands, nC, func(x cand) int32 { return x.c })
		countingSort(cands, tmp, nS, func(x cand) int32 { return x.s })
		kept := cands[:0]
		for i, x := range cands {
			if i > 0 && x.s == cands[i-1].s && x.c == cands[i-1].c {
				if last := &kept[len(kept)-1]; pairs[x.pair].Score > pairs[last.pair].Score {
					last.pair = x.pair
				}
				continue
			}
			kept = append(kept, x)
		}
		cands = kept
	}
	bucket = make([]int32, nS+1)
	for _, x := range cands {
		bucket[x.s+1]++
	}
	for i := 0; i < nS; i++ {
		bucket[i+1] += bucket[i]
	}
	return cands, bucket, nil
}

// countingSort copies src into dst stably ordered by key, whose values
// are in [0, n).
func countingSort(dst, src []cand, n int, key func(cand) int32) {
	next := make([]int32, n+1)
	for _, x := range src {
		next[key(x)+1]++
	}
	for i := 0; i < n; i++ {
		next[i+1] += next[i]
	}
	for _, x := range src {
		k := key(x)
		dst[next[k]] = x
		next[k]++
	}
}
