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
	"sync/atomic"

	"gonum.org/v1/gonum/floats"
)

// Weights set how much each kind of evidence counts. Wish weights are the
// score a single hit on a first wish gives on its own; see Options. A
// Weights built by hand starts from DefaultWeights, as its zero fields
// are zero weights.
type Weights struct {
	Person, Org, Role, Tag, Text float64
	// Decay multiplies a wish's weight for each place it stands lower in
	// the list: wish k weighs Decay^(k-1) of wish 1.
	Decay float64
	// Similarity scales the TF-IDF cosine between the start-up's topics
	// (needs, industry, tag wishes) and the contact's (tags, role).
	Similarity float64
	// Language is the share of a score that depends on a shared
	// language: a pair whose stated languages have nothing in common,
	// not even through a group of Options.Languages, keeps 1-Language of
	// its score.
	Language float64
	// RoleAlone and OrgAlone are the shares of a role and of an
	// organisation wish's weight that hold when the two sides share no
	// topic; the rest grows with the topical cosine. RoleAlone applies
	// to roles found in every sector (a buyer, an investor, an adviser:
	// functionTerms); a role of a sector ("pistsjef") is a topic itself. So "any buyer" is
	// worth RoleAlone × Role to a start-up whose topics the buyer does
	// not share, and a buyer of the start-up's own sector the full Role.
	// An organisation named in free text counts as an organisation wish.
	RoleAlone, OrgAlone float64
}

// DefaultWeights returns the weights Score uses when Options.Weights is
// nil: Person 1, Org 0.8, Role 0.6, Tag 0.45, Text 0.3, Decay 0.85,
// Similarity 0.75, Language 0.25, RoleAlone 0.25, OrgAlone 0.6. A named
// person outranks an organisation, which outranks a role, a tag and free
// text; the first wish on a list counts most; a role alone is worth
// 0.15, below DefaultMinScore. These are judgement calls checked on the
// labelled set in testdata/eval, not fitted values.
func DefaultWeights() Weights {
	return Weights{Person: 1, Org: 0.8, Role: 0.6, Tag: 0.45, Text: 0.3, Decay: 0.85, Similarity: 0.75, Language: 0.25, RoleAlone: 0.25, OrgAlone: 0.6}
}

// DefaultMinScore is the score below which Score proposes no pair when
// Options.MinScore is 0. It sits above the strongest weak evidence under
// DefaultWeights, a role found in every sector with no shared topic
// ("any buyer": RoleAlone × Role = 0.15) or free text with half its
// words found (0.15), and below one exact shared need of a start-up
// with four needs and a contact with three tags (Similarity × cosine ≈
// 0.75 × 0.28 ≈ 0.21).
const DefaultMinScore = 0.18

// Options tune Score. The zero value scores with DefaultWeights, the
// built-in synonym table, DefaultMinScore, DefaultLanguageGroups and no
// cross-border rule. The lead's program.yaml keys map onto it:
// matching.weights → Weights, matching.synonyms → Synonyms,
// matching.min_score → MinScore, matching.languages → Languages.
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
	// MinScore drops pairs scoring below it; 0 means DefaultMinScore and
	// a negative value keeps every pair above 0.
	MinScore float64
	// Languages are the groups of languages whose speakers understand
	// each other (codes or names as in the languages column: "sv",
	// "norsk", "nb"). Nil means DefaultLanguageGroups; an empty, non-nil
	// list means none. English needs no group: it is a bridge that two
	// people share whenever both list it.
	Languages [][]string
}

// A Pair is a proposed meeting between a start-up and a contact.
//
// A Pair is small (48 bytes on 64-bit machines: two ids, the score and
// one pointer) because programmes hand Assign millions of them: the
// explanation, which only the pairs that are kept or shown need, sits
// behind Why. Read it through the Reasons and Wishes methods, which
// also answer for a Pair without one.
type Pair struct {
	Startup, Contact string // ids
	// Score is in [0, 1].
	Score float64
	// Why says why the pair was proposed; nil when nothing is said (a
	// pair built by hand). Pairs may share one Explanation, so it is
	// read-only: to change a pair's reasons, give it a new one.
	Why *Explanation
}

// An Explanation is why a pair was proposed.
type Explanation struct {
	// Reasons say why, strongest first, e.g. "wish 1: org Equinor",
	// "tags: energy, offshore".
	Reasons []string
	// Wishes holds the priorities of the start-up's wishes the contact
	// fulfils, in increasing order.
	Wishes []int
}

// String joins the reasons with "; ", as the reports print them, so
// that a Pair printed with %v shows them rather than an address.
func (e *Explanation) String() string {
	if e == nil {
		return ""
	}
	return strings.Join(e.Reasons, "; ")
}

// Reasons returns p.Why.Reasons, or nil when p has no explanation. The
// slice is shared: do not modify it.
func (p Pair) Reasons() []string {
	if p.Why == nil {
		return nil
	}
	return p.Why.Reasons
}

// Wishes returns p.Why.Wishes, the priorities of the start-up's wishes
// the contact fulfils, or nil when p has no explanation. The slice is
// shared: do not modify it.
func (p Pair) Wishes() []int {
	if p.Why == nil {
		return nil
	}
	return p.Why.Wishes
}

// stopWords are left out of wishes and of tags of several words
// (English, Swedish and Norwegian, normalised). Filled once by init,
// read-only afterwards.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the of in at on for from to with and or who which that someone somebody anyone person people contact works working work
		en ett et ei den det de som for fran fra till til med och og eller i pa av hos nagon nagon noen nogon person personer kontakt inom innen vid ved
		nan noen som kan kunne arbetar arbeider jobbar jobber er ar har med mot`) {
		stopWords[Normalize(w)] = true
	}
}

// legalForms are the company-form words left out when an organisation's
// name is looked for in free text ("Mittgrossen AB" is named by
// "Mittgrossen").
var legalForms = map[string]bool{"ab": true, "as": true, "asa": true, "sa": true, "ek": true, "for": true, "ekonomisk": true, "forening": true, "ltd": true, "inc": true, "oy": true, "aps": true, "hb": true, "kb": true, "ba": true, "da": true, "iks": true, "ks": true}

// contactInfo is a contact prepared for matching.
type contactInfo struct {
	name, email string   // normalised name, lower-case e-mail
	nameWords   []string // normalised words of the name
	org         string   // normalised organisation
	orgWords    []string // its words, folded
	roleSet     []string // terms of the role, sorted
	topicSet    []string // terms of the tags and the role, sorted
	roleParts   []string // terms of the parts of their compounds, sorted
	topicParts  []string
	tagTerms    []int32 // term ids of tags and role, sorted
	tagW        []float64
	norm        float64
	langs       []string
	langKey     int32 // same value, same language list
}

// A posting is one contact holding a term, with the term's weight in
// its vector.
type posting struct {
	c int32
	w float32
}

// index is the inverted index Score builds over the contacts.
type index struct {
	an       *analyzer
	terms    map[string]int32 // term -> id
	idf      []float64
	minDF    float64            // the smallest document frequency of a known term
	postings [][]posting        // term id -> contacts with that term
	byTerm   map[string][]int32 // term (tags and role) -> contacts
	byWord   map[string][]int32 // word of a name -> contacts
	byOrg    map[string][]int32 // folded word of an organisation -> contacts
	orgs     []orgName          // distinct organisations, for free text
	byName   map[string][]int32 // normalised name, e-mail or id -> contacts
	byID     []int32            // contact -> its rank in id order
	contacts []contactInfo
	// langLists counts the distinct language lists (contactInfo.langKey).
	langLists int
}

// orgName is an organisation as free text may name it: its folded words
// without the company form.
type orgName struct {
	core     string // " word word " for substring search
	display  string // as the first contact wrote it
	contacts []int32
}

// roleTopicWeight is the weight of a contact's role terms in its topic
// vector, against 1 for its tags: a "lavinexpert" knows avalanches.
const roleTopicWeight = 0.5

// orgWords returns the keys of the words of a normalised organisation
// name or wish, so that "Trondheims kommun" and "Trondheim kommune", or
// "Malmbergets" and "Malmberget", are one name. Legal forms are
// dropped by the caller where it matters.
func (an *analyzer) orgWords(key string) []string {
	ws := words(key)
	for i, w := range ws {
		ws[i] = an.key(w)
	}
	return ws
}

func buildIndex(contacts []Contact, an *analyzer) *index {
	ix := &index{
		an: an, terms: map[string]int32{}, byTerm: map[string][]int32{}, byWord: map[string][]int32{},
		byOrg: map[string][]int32{}, byName: map[string][]int32{}, contacts: make([]contactInfo, len(contacts)),
	}
	langKeys := map[string]int32{}
	orgs := map[string]int{}
	orgKeys := map[string][]string{} // organisation -> its word keys
	vec := map[int32]float64{}
	for i := range contacts {
		c := &contacts[i]
		ci := &ix.contacts[i]
		ci.name = Normalize(c.Name)
		ci.nameWords = words(ci.name)
		ci.email = strings.ToLower(c.Email)
		ci.org = Normalize(c.Organization)
		ow, ok := orgKeys[ci.org]
		if !ok {
			ow = an.orgWords(ci.org)
			orgKeys[ci.org] = ow
		}
		ci.orgWords = ow
		ci.langs = c.Languages
		lk := strings.Join(c.Languages, "\x00")
		if _, ok := langKeys[lk]; !ok {
			langKeys[lk] = int32(len(langKeys))
			ix.langLists++
		}
		ci.langKey = langKeys[lk]
		clear(vec)
		addTerm := func(t string, w float64) {
			id, ok := ix.terms[t]
			if !ok {
				id = int32(len(ix.postings))
				ix.terms[t] = id
				ix.postings = append(ix.postings, nil)
			}
			vec[id] = max(vec[id], w)
		}
		for _, x := range an.terms(c.Role) {
			if x.part {
				ci.roleParts = append(ci.roleParts, x.t)
			} else {
				ci.roleSet = append(ci.roleSet, x.t)
			}
			if !an.heads[x.t] {
				addTerm(x.t, roleTopicWeight*x.w)
			}
		}
		for _, tag := range c.Tags {
			for _, x := range an.terms(tag) {
				addTerm(x.t, x.w)
			}
		}
		slices.Sort(ci.roleSet)
		ci.roleSet = slices.Compact(ci.roleSet)
		for id := range vec {
			ci.tagTerms = append(ci.tagTerms, id)
		}
		slices.Sort(ci.tagTerms)
		ci.tagW = make([]float64, len(ci.tagTerms))
		for k, id := range ci.tagTerms {
			ci.tagW[k] = vec[id]
			ix.postings[id] = append(ix.postings[id], posting{c: int32(i), w: float32(vec[id])})
		}
		ci.topicSet = slices.Clone(ci.roleSet)
		ci.topicParts = slices.Clone(ci.roleParts)
		for _, tag := range c.Tags {
			for _, x := range an.terms(tag) {
				if x.part {
					ci.topicParts = append(ci.topicParts, x.t)
				} else {
					ci.topicSet = append(ci.topicSet, x.t)
				}
			}
		}
		slices.Sort(ci.roleParts)
		slices.Sort(ci.topicParts)
		slices.Sort(ci.topicSet)
		ci.topicSet = slices.Compact(ci.topicSet)
		for _, t := range slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(ci.topicSet), ci.topicParts...)))) {
			ix.byTerm[t] = append(ix.byTerm[t], int32(i))
		}
		for _, w := range slices.Compact(slices.Sorted(slices.Values(ci.nameWords))) {
			ix.byWord[w] = append(ix.byWord[w], int32(i))
		}
		for _, w := range slices.Compact(slices.Sorted(slices.Values(ci.orgWords))) {
			ix.byOrg[w] = append(ix.byOrg[w], int32(i))
		}
		var core []string
		for i, w := range words(ci.org) {
			if !legalForms[w] {
				core = append(core, ci.orgWords[i])
			}
		}
		if k := strings.Join(core, " "); len(k) >= 4 {
			n, ok := orgs[k]
			if !ok {
				n = len(ix.orgs)
				orgs[k] = n
				ix.orgs = append(ix.orgs, orgName{core: " " + k + " ", display: c.Organization})
			}
			ix.orgs[n].contacts = append(ix.orgs[n].contacts, int32(i))
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
	for k, v := range ix.byName {
		ix.byName[k] = slices.Compact(v)
	}
	// Inverse document frequency over the contacts, idf(t) =
	// ln(1 + N/df(t)) + 1: the smoothing of BM25's idf (Robertson and
	// Zaragoza 2009, "The Probabilistic Relevance Framework", 3.3) kept
	// positive, and a function of the share N/df alone, so that a network
	// grown by people like those in it scores its pairs as before (the
	// planner's promise that more contacts never cost a meeting rests on
	// it). A term no contact has counts as rarer than the rarest one.
	n := float64(len(contacts))
	ix.idf = make([]float64, len(ix.postings))
	ix.minDF = math.Inf(1)
	for t, p := range ix.postings {
		df := float64(len(p))
		ix.idf[t] = math.Log(1+n/df) + 1
		ix.minDF = min(ix.minDF, df)
	}
	if math.IsInf(ix.minDF, 1) {
		ix.minDF = 1
	}
	w := make([]float64, 0, 32)
	for i := range ix.contacts {
		ci := &ix.contacts[i]
		w = w[:0]
		for k, t := range ci.tagTerms {
			w = append(w, ci.tagW[k]*ix.idf[t])
		}
		ci.norm = floats.Norm(w, 2)
	}
	return ix
}

func (ix *index) unknownIDF() float64 {
	return math.Log(1+2*float64(len(ix.contacts))/ix.minDF) + 1
}

// A wishHit is one contact fulfilling one wish, with a strength in (0, 1]
// and the words that matched (for free text).
type wishHit struct {
	contact  int32
	strength float64
	suffix   string // " (matched, words)" for a partial hit
	// org is set when free text names the contact's organisation: the
	// hit then weighs as an organisation wish.
	org bool
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
		ws := ix.an.orgWords(key)
		if len(ws) == 0 {
			return nil
		}
		prefix := strings.Join(ws, " ")
		// Candidates from the wish's rarest word: "Org 17" looks at
		// the contacts with "17", not at every "org". When that finds
		// nothing, the first word's list is searched as well, for a last
		// word shortened ("St Olav").
		rare := ix.byOrg[ws[0]]
		for _, w := range ws[1:] {
			if l := ix.byOrg[w]; len(l) < len(rare) && len(l) > 0 {
				rare = l
			}
		}
		for _, list := range [][]int32{rare, ix.byOrg[ws[0]]} {
			for _, c := range list {
				ci := &ix.contacts[c]
				// All the wish's words, or the name's beginning with the
				// last word shortened.
				if containsAll(ci.orgWords, ws) || strings.HasPrefix(strings.Join(ci.orgWords, " "), prefix) {
					hits = append(hits, wishHit{contact: c, strength: 1})
				}
			}
			if len(hits) > 0 || len(rare) == len(ix.byOrg[ws[0]]) {
				break
			}
		}
	case RoleWish:
		hits = ix.unitHits(ix.an.units(w.Text), func(ci *contactInfo) ([]string, []string) { return ci.roleSet, ci.roleParts })
	case TagWish:
		hits = ix.unitHits(ix.an.units(w.Text), func(ci *contactInfo) ([]string, []string) { return ci.topicSet, ci.topicParts })
	case TextWish:
		hits = ix.textHits(key, ix.an.units(w.Text))
	}
	return hits
}

// unitHits returns the contacts whose field covers at least half of
// the units, with the share covered as strength.
func (ix *index) unitHits(units []unit, field func(*contactInfo) (terms, parts []string)) []wishHit {
	if len(units) == 0 {
		return nil
	}
	var cands []int32
	for _, u := range units {
		cands = append(cands, ix.byTerm[u.whole]...)
		for _, p := range u.parts {
			cands = append(cands, ix.byTerm[p]...)
		}
	}
	slices.Sort(cands)
	cands = slices.Compact(cands)
	var hits []wishHit
	for _, c := range cands {
		set, parts := field(&ix.contacts[c])
		has := func(t string) float64 {
			if _, ok := slices.BinarySearch(set, t); ok {
				return 1
			}
			if _, ok := slices.BinarySearch(parts, t); ok {
				return partWeight
			}
			return 0
		}
		sum := 0.0
		var matched []string
		for _, u := range units {
			if x := u.cover(has); x > 0 {
				sum += x
				matched = append(matched, strings.TrimPrefix(u.whole, conceptPrefix))
			}
		}
		// Half of the units, or of a single unit more than half: a
		// wish of one word is not met by a part of a contact's compound
		// ("e-health" by "fiskehelse").
		if s := sum / float64(len(units)); s >= 0.5 && (len(units) > 1 || s > 0.5) {
			h := wishHit{contact: c, strength: s}
			if s < 1 && len(units) > 1 {
				h.suffix = " (" + strings.Join(matched, ", ") + ")"
			}
			hits = append(hits, h)
		}
	}
	return hits
}

// textHits matches free text: contacts whose organisation the text
// names ("someone from St. Olavs hospital"), and contacts whose tags
// and role cover at least half of its content words.
func (ix *index) textHits(key string, units []unit) []wishHit {
	hits := ix.unitHits(units, func(ci *contactInfo) ([]string, []string) { return ci.topicSet, ci.topicParts })
	text := " " + strings.Join(ix.an.orgWords(key), " ") + " "
	for _, o := range ix.orgs {
		if !strings.Contains(text, o.core) {
			continue
		}
		for _, c := range o.contacts {
			k := slices.IndexFunc(hits, func(h wishHit) bool { return h.contact == c })
			if k < 0 {
				hits = append(hits, wishHit{contact: c})
				k = len(hits) - 1
			}
			hits[k].org, hits[k].strength = true, 1
			hits[k].suffix = " (" + o.display + ")"
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
	for _, p := range []*float64{&wt.Person, &wt.Org, &wt.Role, &wt.Tag, &wt.Text, &wt.Decay, &wt.Similarity, &wt.Language, &wt.RoleAlone, &wt.OrgAlone} {
		*p = min(max(*p, 0), 1)
		if math.IsNaN(*p) {
			*p = 0
		}
	}
	kindWeight := [...]float64{wt.Person, wt.Org, wt.Role, wt.Tag, wt.Text}
	startups = withPriorities(startups)
	switch {
	case opts.MinScore == 0:
		opts.MinScore = DefaultMinScore
	case opts.MinScore < 0 || math.IsNaN(opts.MinScore):
		opts.MinScore = 0
	}
	groups := newLanguageGroups(opts.Languages)
	an := newAnalyzer(opts.Synonyms, func(yield func(string) bool) {
		for i := range contacts {
			for _, t := range append([]string{contacts[i].Role}, contacts[i].Tags...) {
				if !yield(t) {
					return
				}
			}
		}
		for i := range startups {
			s := &startups[i]
			for _, list := range [][]string{s.Needs, s.Industry} {
				for _, t := range list {
					if !yield(t) {
						return
					}
				}
			}
			for _, w := range s.Wishes {
				if w.Kind != PersonWish && w.Kind != OrgWish && !yield(w.Text) {
					return
				}
			}
		}
	})
	ix := buildIndex(contacts, an)
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
			ix: ix, opts: opts, wt: wt, kindWeight: kindWeight, groups: groups, cache: map[[2]string][]wishHit{}, function: map[string]bool{}, contacts: contacts,
			acc:    make([]float64, len(contacts)),
			seen:   make([]bool, len(contacts)),
			tagOne: map[string]string{}, head: make([]int32, len(contacts)), tail: make([]int32, len(contacts)), tagMask: map[uint64]string{}, mask: make([]uint64, len(contacts)), stext: map[int32]string{},
		}
	}
	// Each worker appends its chunk's pairs to its own slice; the slices
	// are joined in start-up order.
	// Each start-up's pairs are made in the scorer's buffer and moved to
	// blocks that are never regrown (a slice grown by append would copy
	// every pair about twice on the way), then into the result, whose
	// size is known by then.
	parts := make([][][]Pair, workers)
	var total atomic.Int64
	var over atomic.Bool
	if err := parallel(ctx, workers, func(w int) error {
		sc := scorers[w]
		var blocks [][]Pair
		for _, si := range chunks[w] {
			if err := ctx.Err(); err != nil {
				return err
			}
			sc.buf = sc.pairs(&startups[si], sc.buf[:0])
			if total.Add(int64(len(sc.buf))) > int64(maxPairs) {
				if !over.CompareAndSwap(false, true) {
					return nil // another worker says it
				}
				return fmt.Errorf("%d start-ups and %d contacts make more than %d pairs that score at least %.2f: raise the minimum score (program.yaml matching.min_score) or match fewer contacts at a time: %w",
					len(startups), len(contacts), maxPairs, opts.MinScore, ErrTooManyPairs)
			}
			if len(blocks) == 0 || cap(blocks[len(blocks)-1])-len(blocks[len(blocks)-1]) < len(sc.buf) {
				blocks = append(blocks, make([]Pair, 0, max(pairBlock, len(sc.buf))))
			}
			last := &blocks[len(blocks)-1]
			*last = append(*last, sc.buf...)
		}
		parts[w] = blocks
		return nil
	}); err != nil {
		return nil, err
	}
	n := 0
	for _, blocks := range parts {
		for _, b := range blocks {
			n += len(b)
		}
	}
	out := make([]Pair, 0, n)
	for _, blocks := range parts {
		for _, b := range blocks {
			out = append(out, b...)
		}
	}
	return out, nil
}

// MaxPairs bounds the pairs Score returns, about 2 GB of them: a
// national programme of 2,000 start-ups and 20,000 contacts makes some
// 8 million, while lists where everyone scores with everyone (100,000
// rows each) would make 10 billion and exhaust memory. Past it Score
// returns an error wrapping ErrTooManyPairs.
const MaxPairs = 20_000_000

// maxPairs is MaxPairs; tests lower it.
var maxPairs = MaxPairs

// pairBlock is the number of pairs in one of Score's blocks.
const pairBlock = 4096

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
	groups     languageGroups
	cache      map[[2]string][]wishHit
	function   map[string]bool // role wish -> names a role of every sector
	contacts   []Contact

	acc     []float64 // per contact: dot product
	seen    []bool
	touched []int32
	entries []wishReason // wish hits of this start-up
	sterms  []int32      // the start-up's known terms
	sweight []float64    // their TF-IDF weights
	snorm   float64
	stext   map[int32]string  // term -> the start-up's tag
	stextW  []float64         // per sterms: the weight that tag gives it
	tagOne  map[string]string // shared terms -> "tags: X, Y"
	key     []byte
	tagMask map[uint64]string // shared-term mask -> "tags: X, Y"
	mask    []uint64          // per contact: shared terms, when ≤ 64
	scored  []scored
	order   []order
	langs   []int8        // per language list: 0 unknown, 1 shared, 2 missed
	head    []int32       // per contact: first wish hit in entries, or -1
	tail    []int32       // per contact: last wish hit in entries
	slab    []string      // backing store for Reasons
	ints    []int         // backing store for Wishes
	whys    []Explanation // backing store for Why
	buf     []Pair        // the current start-up's pairs
}

// candidates fills touched with the contacts that share a term with s or
// that a wish names, minus those the cross-border rule excludes, and
// accumulates their dot products and wish evidence.
func (sc *scorer) candidates(s *Startup) int {
	ix := sc.ix
	sc.touched = sc.touched[:0]
	sc.entries = sc.entries[:0]
	sc.sterms, sc.sweight, sc.stextW = sc.sterms[:0], sc.sweight[:0], sc.stextW[:0]
	clear(sc.stext)
	var extra []float64 // weights of terms no contact has
	addTerms := func(tag string, tf float64) {
		for _, x := range ix.an.terms(tag) {
			w := tf * x.w
			id, ok := ix.terms[x.t]
			if !ok {
				extra = append(extra, w*ix.unknownIDF())
				continue
			}
			// The reason names the tag that holds the term most: "hälsa"
			// for health rather than "medtech", whose broader term it is.
			if k := slices.Index(sc.sterms, id); k >= 0 {
				sc.sweight[k] += w * ix.idf[id]
				if w > sc.stextW[k] {
					sc.stext[id], sc.stextW[k] = tag, w
				}
				continue
			}
			sc.sterms = append(sc.sterms, id)
			sc.sweight = append(sc.sweight, w*ix.idf[id])
			sc.stext[id] = tag
			sc.stextW = append(sc.stextW, w)
		}
	}
	for _, tag := range s.Needs {
		addTerms(tag, 1)
	}
	for _, tag := range s.Industry {
		addTerms(tag, industryWeight)
	}
	for _, w := range s.Wishes {
		if w.Kind == TagWish {
			addTerms(w.Text, tagWishTopicWeight)
		}
	}
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
		sc.mask[c] = 0
		sc.head[c] = -1
		return true
	}
	for k, t := range sc.sterms {
		w := sc.sweight[k] * ix.idf[t]
		bit := uint64(1) << (k & 63)
		for _, p := range ix.postings[t] {
			if touch(p.c) {
				sc.acc[p.c] += w * float64(p.w)
				sc.mask[p.c] |= bit
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
		kind := min(max(int(w.Kind), 0), len(sc.kindWeight)-1)
		decay := math.Pow(sc.wt.Decay, float64(max(w.Priority, 1)-1))
		roleAlone := 1.0
		if w.Kind == RoleWish {
			fn, ok := sc.function[key[1]]
			if !ok {
				fn = ix.an.isFunction(w.Text)
				sc.function[key[1]] = fn
			}
			if fn {
				roleAlone = sc.wt.RoleAlone
			}
		}
		for h := range hits {
			c := hits[h].contact
			if !touch(c) {
				continue
			}
			weight, alone := sc.kindWeight[kind], roleAlone
			if w.Kind == OrgWish || hits[h].org {
				weight, alone = sc.wt.Org, sc.wt.OrgAlone
			}
			// Each contact's hits form a list in wish order.
			e := int32(len(sc.entries))
			sc.entries = append(sc.entries, wishReason{next: -1, wish: int32(i), hit: &hits[h], weight: weight * decay * hits[h].strength, alone: alone})
			if sc.head[c] < 0 {
				sc.head[c] = e
			} else {
				sc.entries[sc.tail[c]].next = e
			}
			sc.tail[c] = e
		}
	}
	return len(sc.touched)
}

// pairs appends the start-up's pairs to dst.
func (sc *scorer) pairs(s *Startup, dst []Pair) []Pair {
	sc.candidates(s)
	// The order of touched does not matter: the pairs are sorted by
	// score and contact id below.
	clear(sc.tagOne)
	clear(sc.tagMask)
	if n := sc.ix.langLists; cap(sc.langs) < n {
		sc.langs = make([]int8, n)
	} else {
		sc.langs = sc.langs[:n]
		clear(sc.langs)
	}
	prefixes := make([]string, len(s.Wishes))
	for i, w := range s.Wishes {
		prefixes[i] = wishPrefix(w)
	}
	wt := sc.wt
	sc.scored = sc.scored[:0]
	sc.order = sc.order[:0]
	for _, c := range sc.touched {
		ci := &sc.ix.contacts[c]
		dot := sc.acc[c]
		head := sc.head[c]
		sc.acc[c], sc.seen[c] = 0, false
		cos := 0.0
		if dot > 0 && sc.snorm > 0 && ci.norm > 0 {
			cos = min(dot/(sc.snorm*ci.norm), 1)
		}
		// A role or organisation wish weighs with the topics the two
		// sides share; when either side states none, it weighs in full.
		topic := 1.0
		if sc.snorm > 0 && ci.norm > 0 {
			topic = cos
		}
		rest := 1 - wt.Similarity*cos
		for e := head; e >= 0; e = sc.entries[e].next {
			x := &sc.entries[e]
			rest *= 1 - x.weight*(x.alone+(1-x.alone)*topic)
		}
		score := 1 - rest
		// Per language list: 0 not yet known, 1 shared, 2 missed.
		lk := &sc.langs[ci.langKey]
		if *lk == 0 {
			*lk = 1
			if !sc.groups.share(s.Languages, ci.langs) {
				*lk = 2
			}
		}
		missed := *lk == 2
		if missed {
			score *= 1 - wt.Language
		}
		if score <= 0 || score < sc.opts.MinScore {
			continue
		}
		sc.order = append(sc.order, order{score: min(score, 1), rank: sc.ix.byID[c], i: int32(len(sc.scored))})
		sc.scored = append(sc.scored, scored{cos: cos, c: c, head: head})
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
		var why Explanation
		nw := 0
		for e := x.head; e >= 0; e = sc.entries[e].next {
			nw++
		}
		n := nw + 1
		if cap(sc.slab)-len(sc.slab) < n {
			sc.slab = make([]string, 0, max(4096, n))
		}
		start := len(sc.slab)
		if nw > 0 {
			if cap(sc.ints)-len(sc.ints) < nw {
				sc.ints = make([]int, 0, max(1024, nw))
			}
			istart := len(sc.ints)
			for e := x.head; e >= 0; e = sc.entries[e].next {
				wr := &sc.entries[e]
				sc.slab = append(sc.slab, prefixes[wr.wish]+wr.hit.suffix)
				if pr := s.Wishes[wr.wish].Priority; len(sc.ints) == istart || sc.ints[len(sc.ints)-1] != pr {
					sc.ints = append(sc.ints, pr)
				}
			}
			why.Wishes = sc.ints[istart:len(sc.ints):len(sc.ints)]
		}
		if x.cos > 0 {
			sc.slab = append(sc.slab, sc.tagReason(x.c))
		}
		why.Reasons = sc.slab[start:len(sc.slab):len(sc.slab)]
		if len(sc.whys) == cap(sc.whys) {
			sc.whys = make([]Explanation, 0, 1024)
		}
		sc.whys = append(sc.whys, why)
		p.Why = &sc.whys[len(sc.whys)-1]
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
	head       int32 // its first wish hit in entries, or -1
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
	next   int32 // the contact's next hit in entries, or -1
	wish   int32 // index in the start-up's wishes
	hit    *wishHit
	weight float64 // kind weight × decay × strength
	alone  float64 // the share of weight that holds without shared topics
}

// industryWeight and tagWishTopicWeight are the term frequencies of a
// start-up's industry and of its tag wishes in its topic vector, against
// 1 for its needs.
const industryWeight, tagWishTopicWeight = 0.5, 0.5

func wishPrefix(w Wish) string {
	return fmt.Sprintf("wish %d: %s", w.Priority, w)
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
