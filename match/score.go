package match

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"gonum.org/v1/gonum/floats"
)

// Weights set how much each kind of evidence counts. Wish weights are the
// score a single hit on a first wish gives on its own; see Options.
type Weights struct {
	Person, Org, Role, Tag, Text float64
	// Decay multiplies a wish's weight for each place it stands lower in
	// the list: wish k weighs Decay^(k-1) of wish 1.
	Decay float64
	// Similarity scales the TF-IDF cosine between the start-up's needs
	// and industry and the contact's tags.
	Similarity float64
	// Language is the share of a score that depends on a shared
	// language: a pair whose stated languages have nothing in common
	// keeps 1-Language of its score.
	Language float64
}

// DefaultWeights returns the weights Score uses when Options.Weights is
// nil: Person 1, Org 0.8, Role 0.6, Tag 0.45, Text 0.3, Decay 0.85,
// Similarity 0.6, Language 0.25. A named person outranks an organisation,
// which outranks a role, a tag and free text; the first wish on a list
// counts most. These are judgement calls to be tuned with coordinators,
// not fitted values.
func DefaultWeights() Weights {
	return Weights{Person: 1, Org: 0.8, Role: 0.6, Tag: 0.45, Text: 0.3, Decay: 0.85, Similarity: 0.6, Language: 0.25}
}

// Options tune Score. The zero value scores with DefaultWeights, the
// built-in synonym table and no cross-border rule.
type Options struct {
	// Weights, if not nil, replaces DefaultWeights. Weights are clamped
	// to [0, 1].
	Weights *Weights
	// CrossBorder keeps only pairs whose countries differ: start-ups meet
	// contacts of the other country. A pair where either country is
	// unknown is kept.
	CrossBorder bool
	// Synonyms extends the built-in table: each group lists words that
	// mean the same ("hälsa", "helse", "health"). A group sharing a word
	// with a built-in group joins it.
	Synonyms [][]string
	// MinScore drops pairs scoring below it; 0 keeps every pair above 0.
	MinScore float64
}

// A Pair is a proposed meeting between a start-up and a contact.
type Pair struct {
	Startup, Contact string // ids
	// Score is in [0, 1].
	Score float64
	// Reasons say why the pair was proposed, strongest first, e.g.
	// "wish 1: org Equinor", "tags: energy, offshore".
	Reasons []string
	// Wishes holds the priorities of the start-up's wishes this contact
	// fulfils, in increasing order.
	Wishes []int
}

// stopWords are left out of free-text wishes (English, Swedish and
// Norwegian, normalised). Filled once by init, read-only afterwards.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the of in at on for from to with and or who which that someone somebody anyone person people contact
		en ett et ei den det de som for fran fra till til med och og eller i pa av hos nagon nagon noen nogon person personer kontakt inom innen vid ved
		nan noen som kan kunne`) {
		stopWords[Normalize(w)] = true
	}
}

// contactInfo is a contact prepared for matching.
type contactInfo struct {
	name, email string   // normalised name, lower-case e-mail
	nameWords   []string // normalised words of the name
	org         string   // normalised organisation
	orgTerms    []string // canonical terms of the organisation
	roleTerms   []string
	tagTerms    []int32 // term ids of tags, sorted
	bag         map[string]bool
	norm        float64
	langs       []string
	langKey     int32            // same value, same language list
	tagText     map[int32]string // term id -> tag as the contact wrote it
}

// index is the inverted index Score builds over the contacts.
type index struct {
	th       thesaurus
	terms    map[string]int32 // canonical tag term -> id
	idf      []float64
	postings [][]int32          // term id -> contacts with that tag term
	byWord   map[string][]int32 // canonical word (any field) -> contacts
	byName   map[string][]int32 // normalised name, e-mail or id -> contacts
	byID     []int32            // contact -> its rank in id order
	contacts []contactInfo
}

// tagTerms returns the canonical terms of a list of tags: each tag as a
// whole and, for a tag of several words the table does not know as a
// phrase, each of its words.
func (th thesaurus) tagTerms(tags []string, dst []string) []string {
	for _, tag := range tags {
		t := th.term(tag)
		if t == "" {
			continue
		}
		dst = append(dst, t)
		if strings.IndexByte(t, ' ') >= 0 {
			if _, known := th[Normalize(tag)]; !known {
				dst = th.wordTerms(t, dst)
			}
		}
	}
	return dst
}

func buildIndex(contacts []Contact, th thesaurus) *index {
	ix := &index{
		th: th, terms: map[string]int32{}, byWord: map[string][]int32{},
		byName: map[string][]int32{}, contacts: make([]contactInfo, len(contacts)),
	}
	var buf []string
	langKeys := map[string]int32{}
	for i := range contacts {
		c := &contacts[i]
		ci := &ix.contacts[i]
		ci.name = Normalize(c.Name)
		ci.nameWords = words(ci.name)
		ci.email = strings.ToLower(c.Email)
		ci.org = Normalize(c.Organization)
		ci.orgTerms = th.wordTerms(ci.org, nil)
		ci.roleTerms = th.wordTerms(Normalize(c.Role), nil)
		ci.langs = c.Languages
		lk := strings.Join(c.Languages, "\x00")
		if _, ok := langKeys[lk]; !ok {
			langKeys[lk] = int32(len(langKeys))
		}
		ci.langKey = langKeys[lk]
		ci.bag = map[string]bool{}
		ci.tagText = map[int32]string{}
		for _, list := range [][]string{ci.nameWords, ci.orgTerms, ci.roleTerms} {
			for _, w := range list {
				ci.bag[w] = true
			}
		}
		for _, tag := range c.Tags {
			buf = th.tagTerms([]string{tag}, buf[:0])
			for _, t := range buf {
				id, ok := ix.terms[t]
				if !ok {
					id = int32(len(ix.postings))
					ix.terms[t] = id
					ix.postings = append(ix.postings, nil)
				}
				if _, dup := ci.tagText[id]; dup {
					continue
				}
				ci.tagText[id] = tag
				ci.tagTerms = append(ci.tagTerms, id)
				ix.postings[id] = append(ix.postings[id], int32(i))
				ci.bag[t] = true
				for _, w := range words(t) {
					ci.bag[w] = true
				}
			}
		}
		slices.Sort(ci.tagTerms)
		for w := range ci.bag {
			ix.byWord[w] = append(ix.byWord[w], int32(i))
		}
		for _, k := range []string{ci.name, ci.email, strings.ToLower(c.ID)} {
			if k != "" {
				ix.byName[k] = append(ix.byName[k], int32(i))
			}
		}
	}
	ids := make([]int32, len(contacts))
	for i := range ids {
		ids[i] = int32(i)
	}
	slices.SortStableFunc(ids, func(a, b int32) int { return cmp.Compare(contacts[a].ID, contacts[b].ID) })
	ix.byID = make([]int32, len(contacts))
	for rank, c := range ids {
		ix.byID[c] = int32(rank)
	}
	// Map iteration above is random; postings must not be.
	for w := range ix.byWord {
		slices.Sort(ix.byWord[w])
	}
	for k, v := range ix.byName {
		ix.byName[k] = slices.Compact(v)
	}
	// Smoothed inverse document frequency over the contacts:
	// idf(t) = ln((1+N)/(1+df(t))) + 1, as in scikit-learn's
	// TfidfTransformer(smooth_idf=True).
	n := float64(len(contacts))
	ix.idf = make([]float64, len(ix.postings))
	for t, p := range ix.postings {
		ix.idf[t] = math.Log((1+n)/(1+float64(len(p)))) + 1
	}
	w := make([]float64, 0, 32)
	for i := range ix.contacts {
		ci := &ix.contacts[i]
		w = w[:0]
		for _, t := range ci.tagTerms {
			w = append(w, ix.idf[t])
		}
		ci.norm = floats.Norm(w, 2)
	}
	return ix
}

func (ix *index) unknownIDF() float64 {
	return math.Log(1+float64(len(ix.contacts))) + 1
}

// A wishHit is one contact fulfilling one wish, with a strength in (0, 1]
// and the words that matched (for free text).
type wishHit struct {
	contact  int32
	strength float64
	suffix   string // " (matched, words)" for a partial hit
}

// wishHits finds the contacts a wish names. Results are cached per wish
// text and kind, since start-ups often wish for the same organisation.
func (ix *index) wishHits(w Wish) []wishHit {
	key := Normalize(w.Text)
	var hits []wishHit
	switch w.Kind {
	case PersonWish:
		cands := ix.byName[key]
		if len(cands) == 0 {
			cands = ix.byName[strings.ToLower(strings.TrimSpace(w.Text))]
		}
		for _, c := range cands {
			hits = append(hits, wishHit{contact: c, strength: 1})
		}
		if len(hits) == 0 {
			// "Kari Nordmann" also finds "Kari Anne Nordmann".
			ws := words(key)
			if len(ws) >= 2 {
				for _, c := range ix.byWord[ws[0]] {
					if containsAll(ix.contacts[c].nameWords, ws) {
						hits = append(hits, wishHit{contact: c, strength: 1})
					}
				}
			}
		}
	case OrgWish:
		terms := ix.th.wordTerms(key, nil)
		if len(terms) == 0 {
			return nil
		}
		for _, c := range ix.byWord[terms[0]] {
			ci := &ix.contacts[c]
			if containsAll(ci.orgTerms, terms) || (ci.org != "" && wordPrefix(ci.org, key)) {
				hits = append(hits, wishHit{contact: c, strength: 1})
			}
		}
		if len(hits) == 0 && len(terms) > 0 {
			// The organisation's name may begin with a word the wish
			// shortens ("St Olav" for "St. Olavs hospital").
			for _, c := range ix.byWord[words(key)[0]] {
				ci := &ix.contacts[c]
				if ci.org != "" && wordPrefix(ci.org, key) {
					hits = append(hits, wishHit{contact: c, strength: 1})
				}
			}
		}
	case RoleWish:
		hits = ix.fractionHits(key, func(ci *contactInfo) []string { return ci.roleTerms })
	case TagWish:
		if id, ok := ix.terms[ix.th.term(w.Text)]; ok {
			for _, c := range ix.postings[id] {
				hits = append(hits, wishHit{contact: c, strength: 1})
			}
		}
	case TextWish:
		hits = ix.fractionHits(key, nil)
	}
	return hits
}

// fractionHits returns the contacts holding at least half of the content
// words of key, with the share held as strength. field selects the words
// to search; nil means all of a contact's words.
func (ix *index) fractionHits(key string, field func(*contactInfo) []string) []wishHit {
	var terms []string
	for _, t := range ix.th.wordTerms(key, nil) {
		if !stopWords[t] && !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return nil
	}
	count := map[int32][]string{}
	for _, t := range terms {
		for _, c := range ix.byWord[t] {
			if field != nil && !slices.Contains(field(&ix.contacts[c]), t) {
				continue
			}
			count[c] = append(count[c], t)
		}
	}
	var hits []wishHit
	for c, m := range count {
		if 2*len(m) >= len(terms) {
			h := wishHit{contact: c, strength: float64(len(m)) / float64(len(terms))}
			if len(m) < len(terms) {
				h.suffix = " (" + strings.Join(m, ", ") + ")"
			}
			hits = append(hits, h)
		}
	}
	slices.SortFunc(hits, func(a, b wishHit) int { return cmp.Compare(a.contact, b.contact) })
	return hits
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// wordPrefix reports whether the normalised name s begins with the
// normalised wish prefix; the wish's last word may be shortened
// ("st olavs hospital" begins with "st olav").
func wordPrefix(s, prefix string) bool {
	return strings.HasPrefix(s, prefix)
}

// Score returns every pair worth proposing (score > 0, or at least
// opts.MinScore), sorted by start-up id, then score descending, then
// contact id.
//
// A pair's score combines, as independent evidence (1 − Π(1 − x)):
// each wish the contact fulfils, weighted by its kind and by
// Weights.Decay to the power of its position; and Weights.Similarity
// times the cosine between TF-IDF vectors of the start-up's needs
// (term frequency 1) and industry (0.5) and the contact's tags. Tags are
// compared after normalisation and the synonym table. If both sides list
// languages and none is shared, the score is multiplied by
// 1 − Weights.Language and the reasons say "no shared language"; a
// contact or start-up that lists no language counts as sharing one.
// With opts.CrossBorder, pairs from the same country are dropped.
//
// An inverted index from tag term, word and name to contacts means a
// pair sharing no tag is never scored unless a wish names the contact:
// the cost grows with the number of matching pairs, not with
// start-ups × contacts. Score checks ctx between start-ups.
func Score(ctx context.Context, startups []Startup, contacts []Contact, opts Options) ([]Pair, error) {
	wt := DefaultWeights()
	if opts.Weights != nil {
		wt = *opts.Weights
	}
	for _, p := range []*float64{&wt.Person, &wt.Org, &wt.Role, &wt.Tag, &wt.Text, &wt.Decay, &wt.Similarity, &wt.Language} {
		*p = min(max(*p, 0), 1)
		if math.IsNaN(*p) {
			*p = 0
		}
	}
	kindWeight := [...]float64{wt.Person, wt.Org, wt.Role, wt.Tag, wt.Text}
	startups = withPriorities(startups)
	ix := buildIndex(contacts, newThesaurus(opts.Synonyms))
	order := make([]int, len(startups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(startups[a].ID, startups[b].ID) })

	// The start-ups are split into contiguous chunks scored side by side,
	// each by its own scorer (the index is only read); a start-up's pairs
	// do not depend on the chunk, so the result is the same for any
	// number of workers.
	workers := max(1, min(runtime.GOMAXPROCS(0), len(order)/64))
	chunks := make([][]int, workers)
	for w := range chunks {
		chunks[w] = order[w*len(order)/workers : (w+1)*len(order)/workers]
	}
	scorers := make([]*scorer, workers)
	for w := range scorers {
		scorers[w] = &scorer{
			ix: ix, opts: opts, wt: wt, kindWeight: kindWeight, cache: map[[2]string][]wishHit{}, contacts: contacts,
			acc: make([]float64, len(contacts)), wishAcc: make([]float64, len(contacts)),
			seen:   make([]bool, len(contacts)),
			tagOne: map[string]string{}, langs: map[int32]bool{}, tagMask: map[uint64]string{}, mask: make([]uint64, len(contacts)), stext: map[int32]string{},
		}
	}
	// A first pass counts the candidates, so the result is allocated once.
	counts := make([]int, workers)
	if err := parallel(ctx, workers, func(w int) error {
		sc := scorers[w]
		for _, si := range chunks[w] {
			if err := ctx.Err(); err != nil {
				return err
			}
			counts[w] += sc.candidates(&startups[si])
			for _, c := range sc.touched {
				sc.acc[c], sc.seen[c] = 0, false
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	total := 0
	offsets := make([]int, workers)
	for w, n := range counts {
		offsets[w] = total
		total += n
	}
	pairs := make([]Pair, total)
	parts := make([][]Pair, workers)
	if err := parallel(ctx, workers, func(w int) error {
		sc := scorers[w]
		part := pairs[offsets[w] : offsets[w] : offsets[w]+counts[w]]
		for _, si := range chunks[w] {
			if err := ctx.Err(); err != nil {
				return err
			}
			first := len(part)
			part = sc.pairs(&startups[si], part)
			slices.SortFunc(part[first:], func(a, b Pair) int {
				if c := cmp.Compare(b.Score, a.Score); c != 0 {
					return c
				}
				return cmp.Compare(a.Contact, b.Contact)
			})
		}
		parts[w] = part
		return nil
	}); err != nil {
		return nil, err
	}
	// Close the gaps between the parts, in start-up order; copy handles
	// the overlap, as each part moves only towards the front.
	out := pairs[:0]
	for _, part := range parts {
		out = append(out, part...)
	}
	return slices.Clip(out), nil
}

// parallel runs f(0), …, f(n-1) in n goroutines and returns the first
// error by index. f must not panic.
func parallel(ctx context.Context, n int, f func(w int) error) error {
	if n == 1 {
		return f(0)
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = f(w)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// scorer holds Score's index and the buffers reused from one start-up to
// the next.
type scorer struct {
	ix         *index
	opts       Options
	wt         Weights
	kindWeight [5]float64
	cache      map[[2]string][]wishHit
	contacts   []Contact

	acc, wishAcc []float64 // per contact: dot product, Π(1 − wish evidence)
	seen         []bool
	touched      []int32
	entries      []wishReason // wish hits of this start-up
	sterms       []int32      // the start-up's known terms
	sweight      []float64    // their TF-IDF weights
	snorm        float64
	stext        map[int32]string  // term -> the start-up's tag
	tagOne       map[string]string // shared terms -> "tags: X, Y"
	key          []byte
	tagMask      map[uint64]string // shared-term mask -> "tags: X, Y"
	mask         []uint64          // per contact: shared terms, when ≤ 64
	scored       []scored
	order        []order
	langs        map[int32]bool // language list -> no shared language
	buf          []string
	slab         []string // backing store for Reasons
	ints         []int    // backing store for Wishes
}

// candidates fills touched with the contacts that share a term with s or
// that a wish names, minus those the cross-border rule excludes, and
// accumulates their dot products and wish evidence.
func (sc *scorer) candidates(s *Startup) int {
	ix := sc.ix
	sc.touched = sc.touched[:0]
	sc.entries = sc.entries[:0]
	sc.sterms, sc.sweight = sc.sterms[:0], sc.sweight[:0]
	clear(sc.stext)
	var extra []float64 // weights of terms no contact has
	addTerms := func(tags []string, tf float64) {
		for _, tag := range tags {
			sc.buf = ix.th.tagTerms([]string{tag}, sc.buf[:0])
			for _, t := range sc.buf {
				id, ok := ix.terms[t]
				if !ok {
					extra = append(extra, tf*ix.unknownIDF())
					continue
				}
				if k := slices.Index(sc.sterms, id); k >= 0 {
					sc.sweight[k] += tf * ix.idf[id]
					continue
				}
				sc.sterms = append(sc.sterms, id)
				sc.sweight = append(sc.sweight, tf*ix.idf[id])
				sc.stext[id] = tag
			}
		}
	}
	addTerms(s.Needs, 1)
	addTerms(s.Industry, 0.5)
	sc.snorm = math.Hypot(floats.Norm(sc.sweight, 2), floats.Norm(extra, 2))
	cross := sc.opts.CrossBorder && s.Country != ""
	touch := func(c int32) bool {
		if sc.seen[c] {
			return true
		}
		if cross && sc.contacts[c].Country == s.Country {
			return false
		}
		sc.seen[c] = true
		sc.touched = append(sc.touched, c)
		sc.wishAcc[c] = 1
		sc.mask[c] = 0
		return true
	}
	for k, t := range sc.sterms {
		w := sc.sweight[k] * ix.idf[t]
		bit := uint64(1) << (k & 63)
		for _, c := range ix.postings[t] {
			if touch(c) {
				sc.acc[c] += w
				sc.mask[c] |= bit
			}
		}
	}
	for i, w := range s.Wishes {
		key := [2]string{w.Kind.String(), Normalize(w.Text)}
		hits, ok := sc.cache[key]
		if !ok {
			hits = ix.wishHits(w)
			sc.cache[key] = hits
		}
		weight := sc.kindWeight[min(max(int(w.Kind), 0), len(sc.kindWeight)-1)] * math.Pow(sc.wt.Decay, float64(max(w.Priority, 1)-1))
		for h := range hits {
			c := hits[h].contact
			if !touch(c) {
				continue
			}
			sc.wishAcc[c] *= 1 - weight*hits[h].strength
			sc.entries = append(sc.entries, wishReason{contact: c, wish: int32(i), hit: &hits[h]})
		}
	}
	return len(sc.touched)
}

// pairs appends the start-up's pairs to dst.
func (sc *scorer) pairs(s *Startup, dst []Pair) []Pair {
	sc.candidates(s)
	slices.Sort(sc.touched)
	// Stable: each contact's hits stay in wish order.
	slices.SortStableFunc(sc.entries, func(a, b wishReason) int { return cmp.Compare(a.contact, b.contact) })
	clear(sc.tagOne)
	clear(sc.tagMask)
	clear(sc.langs)
	prefixes := make([]string, len(s.Wishes))
	for i, w := range s.Wishes {
		prefixes[i] = wishPrefix(w)
	}
	wt := sc.wt
	sc.scored = sc.scored[:0]
	sc.order = sc.order[:0]
	next := 0
	for _, c := range sc.touched {
		ci := &sc.ix.contacts[c]
		dot := sc.acc[c]
		from := next
		for next < len(sc.entries) && sc.entries[next].contact == c {
			next++
		}
		sc.acc[c], sc.seen[c] = 0, false
		cos := 0.0
		if dot > 0 && sc.snorm > 0 && ci.norm > 0 {
			cos = min(dot/(sc.snorm*ci.norm), 1)
		}
		score := 1 - sc.wishAcc[c]*(1-wt.Similarity*cos)
		missed, ok := sc.langs[ci.langKey]
		if !ok {
			shared, stated := sharedLanguages(s.Languages, ci.langs)
			missed = stated && len(shared) == 0
			sc.langs[ci.langKey] = missed
		}
		if missed {
			score *= 1 - wt.Language
		}
		if score <= 0 || score < sc.opts.MinScore {
			continue
		}
		sc.order = append(sc.order, order{score: min(score, 1), rank: sc.ix.byID[c], i: int32(len(sc.scored))})
		sc.scored = append(sc.scored, scored{cos: cos, c: c, from: int32(from), to: int32(next), missed: missed})
	}
	// Scores are finite, so plain comparisons order them.
	slices.SortFunc(sc.order, func(a, b order) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return int(a.rank - b.rank)
	})
	for _, o := range sc.order {
		x := &sc.scored[o.i]
		x.score = o.score
		p := Pair{Startup: s.ID, Contact: sc.contacts[x.c].ID, Score: x.score}
		wishes := sc.entries[x.from:x.to]
		n := len(wishes) + 2
		if cap(sc.slab)-len(sc.slab) < n {
			sc.slab = make([]string, 0, max(4096, n))
		}
		start := len(sc.slab)
		if len(wishes) > 0 {
			if cap(sc.ints)-len(sc.ints) < len(wishes) {
				sc.ints = make([]int, 0, max(1024, len(wishes)))
			}
			istart := len(sc.ints)
			for _, wr := range wishes {
				sc.slab = append(sc.slab, prefixes[wr.wish]+wr.hit.suffix)
				if pr := s.Wishes[wr.wish].Priority; len(sc.ints) == istart || sc.ints[len(sc.ints)-1] != pr {
					sc.ints = append(sc.ints, pr)
				}
			}
			p.Wishes = sc.ints[istart:len(sc.ints):len(sc.ints)]
		}
		if x.cos > 0 {
			sc.slab = append(sc.slab, sc.tagReason(x.c))
		}
		if x.missed {
			sc.slab = append(sc.slab, "no shared language")
		}
		p.Reasons = sc.slab[start:len(sc.slab):len(sc.slab)]
		dst = append(dst, p)
	}
	return dst
}

// order sorts the scored contacts: score descending, then contact id.
type order struct {
	score float64
	rank  int32 // the contact's position in id order
	i     int32 // index into scored
}

// scored is a candidate contact of the current start-up with its score.
type scored struct {
	score, cos float64
	c          int32
	from, to   int32 // its wish hits: entries[from:to]
	missed     bool  // no shared language
}

// tagReason lists the tags contact c shares with the start-up, the
// heaviest first, as the start-up wrote them.
func (sc *scorer) tagReason(c int32) string {
	// The reason depends only on which of the start-up's terms are
	// shared, so it is built once per set. Up to 64 terms, the set is
	// the bit mask built while accumulating.
	key := sc.key[:0]
	if len(sc.sterms) <= 64 {
		m := sc.mask[c]
		if r, ok := sc.tagMask[m]; ok {
			return r
		}
		for k := range sc.sterms {
			if m&(1<<k) != 0 {
				key = append(key, byte(k), byte(k>>8))
			}
		}
		r := sc.buildTagReason(key)
		sc.tagMask[m] = r
		return r
	}
	ci := &sc.ix.contacts[c]
	for k, t := range sc.sterms {
		if _, ok := slices.BinarySearch(ci.tagTerms, t); ok {
			key = append(key, byte(k), byte(k>>8))
		}
	}
	sc.key = key
	if r, ok := sc.tagOne[string(key)]; ok {
		return r
	}
	r := sc.buildTagReason(key)
	sc.tagOne[string(key)] = r
	return r
}

// buildTagReason formats the shared terms listed in key (two bytes per
// index into sterms).
func (sc *scorer) buildTagReason(key []byte) string {
	type shared struct {
		text string
		w    float64
	}
	var sh []shared
	for i := 0; i < len(key); i += 2 {
		k := int(key[i]) | int(key[i+1])<<8
		t := sc.sterms[k]
		sh = append(sh, shared{sc.stext[t], sc.sweight[k] * sc.ix.idf[t]})
	}
	slices.SortStableFunc(sh, func(a, b shared) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return strings.Compare(a.text, b.text)
	})
	texts := make([]string, 0, len(sh))
	for _, x := range sh {
		if !slices.Contains(texts, x.text) {
			texts = append(texts, x.text)
		}
	}
	return "tags: " + strings.Join(texts, ", ")
}

// wishReason is one wish of the current start-up hitting one contact.
type wishReason struct {
	contact int32
	wish    int32 // index in the start-up's wishes
	hit     *wishHit
}

func wishPrefix(w Wish) string {
	return fmt.Sprintf("wish %d: %s", w.Priority, w)
}

// sharedLanguages returns the languages both sides list, and whether both
// sides list any.
func sharedLanguages(a, b []string) ([]string, bool) {
	if len(a) == 0 || len(b) == 0 {
		return nil, false
	}
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out, true
}

// withPriorities returns startups with every wish's Priority set: a wish
// built in code with Priority 0 takes its position in the list (1 for the
// first). The caller's slices are not changed.
func withPriorities(startups []Startup) []Startup {
	out, cloned := startups, false
	for i, s := range startups {
		if !slices.ContainsFunc(s.Wishes, func(w Wish) bool { return w.Priority <= 0 }) {
			continue
		}
		if !cloned {
			out, cloned = slices.Clone(startups), true
		}
		ws := slices.Clone(s.Wishes)
		for k := range ws {
			if ws[k].Priority <= 0 {
				ws[k].Priority = k + 1
			}
		}
		out[i].Wishes = ws
	}
	return out
}
