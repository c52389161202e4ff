package travel

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
)

// Leaving a feed behind: pass 1 of the corridor search across feeds.
//
// A journey between two feeds (the Swedish and the Norwegian national
// timetables) leaves the first only by a walk to a stop of another
// feed (LoadFeeds joins the feeds by such walks, at the stations both
// serve). Pass 1 follows one time per stop, so once each of those
// walks out of a feed that holds no target leads to a stop already
// reached no later than the walk could reach it now, no connection of
// that feed leaving from now on can improve a stop of another feed:
// whatever it reaches, it reaches later. Yet pass 1 used to scan such
// a feed until the earliest arrival, and on the national benchmark that
// was half of the connections of a cross-border query: the Swedish
// network after the traveller has reached the border, hours before the
// Norwegian target. So pass 1 leaves the feed (eaLeave) and parks its
// slots where they stand.
//
// The earliest arrival T does not change, but the ties do: among
// journeys arriving at T the full scan prefers the one with fewest
// changes, and that one may reach the border later than the earliest
// (with fewer changes, still in time for the same train). So after
// pass 2 has found, at each walk out of a feed left, the latest
// arrival there that still reaches the target by T, the feed's scan
// resumes where it stopped and goes on to the latest of those
// (eaResume); its connections are merged into pass 1's list in scan
// order, and pass 2 runs again, until no feed left needs more (a
// journey may cross back and forth). A connection of a feed left that
// is never scanned leaves later than that latest useful arrival at
// every walk out of the feed, so it cannot reach the target by T:
// pass 2 would not have kept it.

// feedsDone lets pass 1 leave feeds (eaLeave); tests turn it off to
// compare.
var feedsDone = true

// feedsLeft and feedsResumed count, for tests, the feeds pass 1 left
// and the resumed scans that found connections.
var feedsLeft, feedsResumed atomic.Int64

// A crossWalk is a footpath from stop from of one feed to a stop of
// another.
type crossWalk struct {
	from int32
	fp   footpath
}

// A crossIndex holds, per feed, the walks out of it to other feeds.
type crossIndex struct {
	once   sync.Once
	byFeed [][]crossWalk
}

// crossIndex returns the walks between feeds, built on first use.
func (f *Feed) crossIndex() *crossIndex {
	x := &f.crossIdx
	x.once.Do(func() {
		x.byFeed = make([][]crossWalk, len(f.feeds))
		for p, fps := range f.out {
			fi := f.feedOfStop(int32(p))
			for _, fp := range fps {
				if f.feedOfStop(fp.stop) != fi {
					x.byFeed[fi] = append(x.byFeed[fi], crossWalk{from: int32(p), fp: fp})
				}
			}
		}
	})
	return x
}

// eaLeave leaves feed fi at time now (relative) when every walk out
// of it reaches a stop whose time pass 1 cannot improve from now on:
// it takes the feed's slots out of the scan, keeping where each stands
// (slot bs at cur; pass 1 has found nhits connections), and reports
// whether it did. now never decreases between calls and stop times
// never increase, so the walks found so satisfied stay so and the next
// call starts after them.
func (s *search) eaLeave(fi int16, now int32, bs, cur, nhits int) bool {
	e := s.ea
	xs := s.f.crossIndex().byFeed[fi]
	k := e.crossAt[fi]
	for k < len(xs) && int64(e.tau[xs[k].fp.stop]) <= int64(now)+int64(s.dur(xs[k].fp)) {
		k++
	}
	e.crossAt[fi] = k
	if k < len(xs) {
		return false
	}
	e.doneAt[fi] = now
	feedsLeft.Add(1)
	if e.firstDone < 0 {
		e.firstDone = nhits
	}
	for i := range s.slots {
		sl := &s.slots[i]
		if sl.feed != fi {
			continue
		}
		e.resume[i] = sl.cur
		if i == bs {
			e.resume[i] = cur
		}
		sl.park(true)
	}
	return true
}

// eaResume scans the feeds pass 1 left on to the latest arrival at a
// walk out of them that pass 2 found useful, merges what it reaches
// into pass 1's list, and reports whether it added any.
func (s *search) eaResume(ctx context.Context) (bool, error) {
	e := s.ea
	if e.firstDone < 0 {
		return false, nil
	}
	cross := s.f.crossIndex()
	upTo := int32(math.MinInt32)
	for fi, at := range e.doneAt {
		if at == math.MaxInt32 {
			continue
		}
		for _, x := range cross.byFeed[fi] {
			upTo = max(upTo, e.latA[x.from])
		}
	}
	more := false
	for i := range s.slots {
		sl := &s.slots[i]
		sl.park(true)
		if e.doneAt[sl.feed] == math.MaxInt32 || e.resume[i] >= len(sl.cs) {
			continue
		}
		sl.cur = e.resume[i]
		sl.head = sl.cs[sl.cur].dep + sl.off
		if sl.head <= upTo {
			more = true
		}
	}
	if !more {
		return false, nil
	}
	_, err := s.eaScan(ctx, upTo, true)
	for i := range s.slots {
		if e.doneAt[s.slots[i].feed] != math.MaxInt32 {
			e.resume[i] = s.slots[i].cur
		}
	}
	if err != nil || len(e.rHits) == 0 {
		return false, err
	}
	e.mergeHits()
	feedsResumed.Add(1)
	return true, nil
}

// mergeHits merges the resumed scan's hits into those pass 1 found
// after it left the first feed, in scan order: by departure, then by
// slot (the order of firstHead).
func (e *eaState) mergeHits() {
	a, at := e.hits[e.firstDone:], e.hitT
	b, bt := e.rHits, e.rHitT
	m, mt := e.mHits[:0], e.mHitT[:0]
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if bt[j] < at[i] || bt[j] == at[i] && hitSlot(b[j]) < hitSlot(a[i]) {
			m, mt = append(m, b[j]), append(mt, bt[j])
			j++
		} else {
			m, mt = append(m, a[i]), append(mt, at[i])
			i++
		}
	}
	m, mt = append(m, a[i:]...), append(mt, at[i:]...)
	m, mt = append(m, b[j:]...), append(mt, bt[j:]...)
	e.hits = append(e.hits[:e.firstDone], m...)
	e.mHits, e.mHitT = m, e.hitT
	e.hitT = mt
}
