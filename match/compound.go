package match

import (
	"slices"
	"strings"
)

// A wterm is one analysed term with its weight in a tag's vector.
type wterm struct {
	t    string
	w    float64
	part bool // a part of a compound, not a word of the text
}

// partWeight is the weight of each part of a split compound, against 1
// for the whole word: "lokalmat" is the term lokalmat (1) and the terms
// lokal and food (½ each).
const partWeight = 0.5

// genericWeight is the weight of a generic term (genericTerms).
const genericWeight = 0.25

// conceptPrefix marks the terms that are synonym groups, so that a group
// named "mat" and the word key "mat" never collide.
const conceptPrefix = "="

// An analyzer turns the text of tags, roles and wishes into terms: each
// word is normalised (Normalize), stemmed (stem) and folded (fold) into
// a key; keys one edit apart are one key; a key the synonym table knows
// is its group; a compound the programme's vocabulary can split also
// gives its parts. It is built once per Score call from every text of
// the programme, so a word is recognised as a compound part only when
// the programme or the table uses it on its own.
//
// Compounds are split as in Koehn & Knight, "Empirical methods for
// compound splitting" (EACL 2003): a word is split where its parts are
// known words, allowing the linking letters s and e of Swedish and
// Norwegian (destinasjon-s-utvikler, bygg-e-sjef); unlike there, the
// whole word is kept beside its parts, so "lokalmat" matches both
// "lokalmat" and "lokal mat". Joining is the other direction: a tag of
// several words also gives the key of its words written together when
// that key is a known word. Keys one spelling variant apart (withinOne:
// a vowel for a vowel, or, in longer keys, one letter more or less or
// two swapped), both of at least fuzzyMin letters, are
// merged with the symmetric-delete method of SymSpell (Garbe, 2012):
// "destinasjonsutvikl" and "destinationsutveckl" after folding differ by
// one vowel.
type analyzer struct {
	concept  map[string]string   // key or phrase of keys -> concept term
	generic  map[string]bool     // concept terms weighed genericWeight
	function map[string]bool     // concept terms of roles in every sector
	broader  map[string][]string // concept term -> broader concept terms
	heads    map[string]bool     // terms of role heads
	known    map[string]bool     // keys that stand alone somewhere
	rep      map[string]string   // key -> its fuzzy cluster's representative
	keys     map[string]string   // normalised word -> key (memo)
	split    map[string][]string
	texts    map[string][]wterm // text -> textTerms (memo)
	// frozen is set once the analyzer is built: it is then only read,
	// by several goroutines, and the memos are not written.
	frozen bool
}

// fuzzyMin is the length from which keys one spelling variant apart
// (withinOne) are merged; shorter keys are too often different words.
const fuzzyMin = 7

// newAnalyzer builds the analyzer for a programme whose texts are texts
// (tags, needs, roles, wishes, as written), with the built-in synonym
// table extended by extra.
func newAnalyzer(extra [][]string, texts func(yield func(string) bool)) *analyzer {
	a := &analyzer{
		concept: map[string]string{}, generic: map[string]bool{}, function: map[string]bool{}, broader: map[string][]string{}, heads: map[string]bool{},
		known: map[string]bool{}, rep: map[string]string{}, keys: map[string]string{}, split: map[string][]string{},
		texts: map[string][]wterm{},
	}
	// A built-in group is its own term even where a stem collides with
	// another group's (the first group keeps the key); a programme's
	// group sharing a word with a known group joins it.
	add := func(group []string, join bool) {
		canon := ""
		for _, w := range group {
			if c, ok := a.concept[a.phraseKey(w)]; ok && join {
				canon = c
				break
			}
		}
		for _, w := range group {
			k := a.phraseKey(w)
			if k == "" {
				continue
			}
			if canon == "" {
				canon = conceptPrefix + Normalize(w)
			}
			if _, ok := a.concept[k]; !ok {
				a.concept[k] = canon
			}
			for _, x := range strings.Fields(k) {
				a.known[x] = true
			}
		}
	}
	for _, g := range builtinSynonyms {
		add(g, false)
	}
	for _, g := range extra {
		add(g, true)
	}
	for _, g := range genericTerms {
		a.generic[a.concept[a.phraseKey(g)]] = true
	}
	for narrow, wide := range broaderTerms {
		n := a.concept[a.phraseKey(narrow)]
		for _, w := range wide {
			if c := a.concept[a.phraseKey(w)]; n != "" && c != "" && c != n {
				a.broader[n] = append(a.broader[n], c)
			}
		}
	}
	for _, g := range functionTerms {
		a.function[a.concept[a.phraseKey(g)]] = true
	}
	// The vocabulary: every word the programme writes.
	var vocab []string
	seen := map[string]bool{}
	for text := range texts {
		for _, w := range words(Normalize(text)) {
			if !seen[w] {
				seen[w] = true
				vocab = append(vocab, w)
				a.known[a.key(w)] = true
			}
		}
	}
	slices.Sort(vocab) // map order must not matter
	// Split twice: parts found in the first round are known in the second
	// ("destinasjon" from "destinasjonsutvikling" splits
	// "destinasjonsutvekl").
	for range 2 {
		for _, w := range vocab {
			if _, done := a.split[w]; done {
				continue
			}
			if parts := a.splitWord(w); parts != nil {
				a.split[w] = parts
				for _, p := range parts {
					a.known[a.key(p)] = true
				}
			}
		}
	}
	a.cluster()
	for _, h := range roleHeads {
		for _, t := range a.wordTerms(Normalize(h), nil) {
			a.heads[t.t] = true
		}
	}
	for text := range texts {
		if _, ok := a.texts[text]; !ok {
			a.texts[text] = a.textTerms(text, nil)
		}
	}
	a.frozen = true
	return a
}

// terms returns the terms of a text, from the memo when it was seen
// while building. The result must not be changed.
func (a *analyzer) terms(text string) []wterm {
	if t, ok := a.texts[text]; ok {
		return t
	}
	return a.textTerms(text, nil)
}

// key returns the memoised key of a normalised word.
func (a *analyzer) key(w string) string {
	k, ok := a.keys[w]
	if !ok {
		k = wordKey(w)
		if !a.frozen {
			a.keys[w] = k
		}
	}
	return k
}

// phraseKey is the key of a phrase: its words' keys, space-separated.
func (a *analyzer) phraseKey(s string) string {
	ws := words(Normalize(s))
	for i, w := range ws {
		ws[i] = a.key(w)
	}
	return strings.Join(ws, " ")
}

// splitWord splits a normalised word into two known parts, the second
// possibly split again, or returns nil. The best split has the most
// parts the synonym table knows, then the longest last part (the head of
// a Germanic compound is its last part).
func (a *analyzer) splitWord(w string) []string {
	if len(w) < 6 {
		return nil
	}
	_, isConcept := a.concept[a.key(w)]
	minPart := 3
	if isConcept {
		minPart = 4 // "forskare" is no "for" + "kare"
	}
	isKnown := func(p string) int {
		if len(p) < minPart {
			return 0
		}
		k := a.key(p)
		if _, ok := a.concept[k]; ok {
			return 2
		}
		if a.known[k] {
			return 1
		}
		return 0
	}
	var best []string
	bestScore, bestLen := 0, 0
	if isConcept {
		// A word the table knows is split only into two words it knows
		// ("trähus": trä, hus), so its parts add related terms.
		bestScore, bestLen = 3, len(w)
	}
	for i := 3; i <= len(w)-3; i++ {
		right := w[i:]
		rs := isKnown(right)
		var rparts []string
		if rs == 0 && len(right) >= 6 {
			if rparts = a.splitWord(right); rparts != nil {
				rs = 1
			}
		}
		if rs == 0 {
			continue
		}
		for _, left := range []string{w[:i], w[:i-1]} {
			if len(left) < i && w[i-1] != 's' && w[i-1] != 'e' {
				continue // only s and e link the parts
			}
			ls := isKnown(left)
			if ls == 0 {
				continue
			}
			if s := ls + rs; s > bestScore || s == bestScore && len(right) > bestLen {
				bestScore, bestLen = s, len(right)
				if rparts != nil {
					best = append([]string{left}, rparts...)
				} else {
					best = []string{left, right}
				}
			}
		}
	}
	return best
}

// cluster merges the known keys one edit apart (symmetric delete: two
// keys are within one edit when one equals the other with a letter
// deleted, or both do with one letter deleted each; the candidates are
// then checked). Two keys of different synonym groups are never merged.
func (a *analyzer) cluster() {
	var keys []string
	for k := range a.known {
		if len(k) >= fuzzyMin {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	parent := make([]int, len(keys))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	conceptOf := func(i int) string { return a.concept[keys[find(i)]] }
	dels := map[string][]int32{}
	for i, k := range keys {
		dels[k] = append(dels[k], int32(i))
		for j := range len(k) {
			d := k[:j] + k[j+1:]
			dels[d] = append(dels[d], int32(i))
		}
	}
	// Buckets are visited in key order, so the merges do not depend on
	// map order.
	buckets := make([]string, 0, len(dels))
	for d, list := range dels {
		if len(list) > 1 {
			buckets = append(buckets, d)
		}
	}
	slices.Sort(buckets)
	for _, d := range buckets {
		list := dels[d]
		for x := 0; x < len(list) && x < 64; x++ {
			for y := x + 1; y < len(list) && y < 64; y++ {
				i, j := find(int(list[x])), find(int(list[y]))
				if i == j || !withinOne(keys[list[x]], keys[list[y]]) {
					continue
				}
				ci, cj := conceptOf(i), conceptOf(j)
				if ci != "" && cj != "" && ci != cj {
					continue
				}
				// The representative is the one the table knows, else the
				// smaller: the result does not depend on map order.
				if cj != "" && ci == "" || (ci == "") == (cj == "") && j < i {
					i, j = j, i
				}
				parent[j] = i
			}
		}
	}
	for i, k := range keys {
		if r := keys[find(i)]; r != k {
			a.rep[k] = r
		}
	}
}

// withinOne reports whether a and b are one spelling variant apart: a
// vowel for another (utvikl, utvekl; sikerhet, sakerhet: the vowels are
// where Swedish and Norwegian spellings of one word differ most), a
// linking e or s more or less (byggesjef, byggsjef), or, when the
// shorter has at least fuzzyLong letters, any letter inserted or
// deleted (vankraft, vandkraft) or two adjacent letters swapped. A
// consonant for another is not a variant: "bateri" and "materi",
// "kompet" and "komput" stay apart.
func withinOne(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		if i == len(a) {
			return true
		}
		if a[i+1:] == b[i+1:] {
			return isVowel(a[i]) && isVowel(b[i])
		}
		return len(a) >= fuzzyLong && i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	// A linking e or s (byggesjef, byggsjef) is a variant at any length
	// cluster looks at; another letter only in longer keys.
	return a[i:] == b[i+1:] && (len(a) >= fuzzyLong || b[i] == 'e' || b[i] == 's')
}

// fuzzyLong is the length from which a key may lose or gain a letter
// or swap two and still be the same key.
const fuzzyLong = 8

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// term maps a key to its term: its cluster's representative, then the
// synonym group of either.
func (a *analyzer) term(k string) string {
	if c, ok := a.concept[k]; ok {
		return c
	}
	if r, ok := a.rep[k]; ok {
		if c, ok := a.concept[r]; ok {
			return c
		}
		return r
	}
	return k
}

// wordTerms appends the terms of one normalised word: its own term
// (weight 1, or partWeight for a compound the table does not know) and,
// for a compound, its parts' terms (partWeight each).
func (a *analyzer) wordTerms(w string, dst []wterm) []wterm {
	t := a.term(a.key(w))
	whole := 1.0
	if len(a.split[w]) > 0 && !strings.HasPrefix(t, conceptPrefix) {
		// A compound the table does not know means what its parts mean:
		// its whole key, which few others write, shares the weight.
		whole = partWeight
	}
	dst = append(dst, wterm{t: t, w: a.weight(t, whole)})
	for _, p := range a.split[w] {
		if pt := a.term(a.key(p)); pt != t {
			dst = append(dst, wterm{pt, a.weight(pt, partWeight), true})
		}
	}
	return dst
}

func (a *analyzer) weight(t string, w float64) float64 {
	if a.generic[t] {
		return w * genericWeight
	}
	return w
}

// textTerms appends the terms of a tag, a role or a wish: a phrase the
// table knows as a whole is its group; otherwise known phrases of two
// or three words inside it, its other content words, and the words
// written together when that is a known word ("lokal mat" also gives
// the term of "lokalmat"). Each term appears once, with its largest
// weight.
func (a *analyzer) textTerms(text string, dst []wterm) []wterm {
	start := len(dst)
	ws := words(Normalize(text))
	ks := make([]string, len(ws))
	for i, w := range ws {
		ks[i] = a.key(w)
	}
	whole, isWhole := a.concept[strings.Join(ks, " ")]
	if isWhole {
		dst = append(dst, wterm{t: whole, w: a.weight(whole, 1)})
		ws = nil
	}
	content := 0
	for i := 0; i < len(ws); i++ {
		found := false
		for n := min(3, len(ws)-i); n >= 2; n-- {
			if c, ok := a.concept[strings.Join(ks[i:i+n], " ")]; ok {
				dst = append(dst, wterm{t: c, w: a.weight(c, 1)})
				i += n - 1
				found, content = true, content+1
				break
			}
		}
		if found || (len(ws) > 1 && stopWords[ws[i]]) {
			continue
		}
		content++
		dst = a.wordTerms(ws[i], dst)
	}
	if content > 1 {
		var joined strings.Builder
		for _, w := range ws {
			if !stopWords[w] {
				joined.WriteString(w)
			}
		}
		if k := a.key(joined.String()); a.known[k] {
			t := a.term(k)
			dst = append(dst, wterm{t: t, w: a.weight(t, 1)})
		}
	}
	// Broader terms, two levels up (broaderTerms).
	end := len(dst)
	for i := start; i < end; i++ {
		if dst[i].part {
			continue
		}
		for _, b := range a.broader[dst[i].t] {
			dst = append(dst, wterm{t: b, w: a.weight(b, partWeight*dst[i].w), part: true})
			for _, bb := range a.broader[b] {
				dst = append(dst, wterm{t: bb, w: a.weight(bb, partWeight*partWeight*dst[i].w), part: true})
			}
		}
	}
	return dedupTerms(dst, start)
}

// dedupTerms keeps each term of dst[start:] once, with its largest
// weight, in first-seen order.
func dedupTerms(dst []wterm, start int) []wterm {
	out := dst[:start]
	for _, x := range dst[start:] {
		if k := slices.IndexFunc(out[start:], func(y wterm) bool { return y.t == x.t }); k >= 0 {
			out[start+k].w = max(out[start+k].w, x.w)
			out[start+k].part = out[start+k].part && x.part
			continue
		}
		out = append(out, x)
	}
	return out
}

// A unit is one content word of a wish, or a phrase the table knows:
// its term and the terms of its compound parts, role heads left out.
type unit struct {
	whole string
	parts []string
	head  bool // the word is a role head ("sjef", "manager")
	known bool // the synonym table knows the word: its parts are context
}

// units splits a wish's text into units. Stop words are dropped; role
// heads are dropped too unless the wish has nothing else.
func (a *analyzer) units(text string) []unit {
	ws := words(Normalize(text))
	ks := make([]string, len(ws))
	for i, w := range ws {
		ks[i] = a.key(w)
	}
	var out []unit
	for i := 0; i < len(ws); i++ {
		found := false
		for n := min(3, len(ws)-i); n >= 2; n-- {
			if c, ok := a.concept[strings.Join(ks[i:i+n], " ")]; ok {
				out = append(out, unit{whole: c, head: a.heads[c]})
				i += n - 1
				found = true
				break
			}
		}
		if found || stopWords[ws[i]] {
			continue
		}
		u := unit{whole: a.term(ks[i])}
		u.head = a.heads[u.whole]
		for _, p := range a.split[ws[i]] {
			if pt := a.term(a.key(p)); pt != u.whole && !a.heads[pt] && !slices.Contains(u.parts, pt) {
				u.parts = append(u.parts, pt)
			}
		}
		// A generic or function part ("utvikler", "rådgiver") does not
		// name the field when the word or another part does.
		field := func(t string) bool { return !a.generic[t] && !a.function[t] }
		if field(u.whole) && strings.HasPrefix(u.whole, conceptPrefix) || slices.ContainsFunc(u.parts, field) {
			u.parts = slices.DeleteFunc(u.parts, func(p string) bool { return !field(p) })
		}
		u.known = strings.HasPrefix(u.whole, conceptPrefix)
		if !slices.ContainsFunc(out, func(x unit) bool { return x.whole == u.whole }) {
			out = append(out, u)
		}
	}
	if slices.ContainsFunc(out, func(u unit) bool { return !u.head }) {
		out = slices.DeleteFunc(out, func(u unit) bool { return u.head })
	}
	return out
}

// cover is how much of unit u a contact has: has(t) is 1 for a term of
// the contact, ½ for a part of one of its compounds, else 0. The cover
// is has of the unit's term, or the mean over its parts if larger. The
// parts of a word the table knows are context, not the word: they cover
// at most partWeight ("medisinteknikk" is not "medisin").
func (u unit) cover(has func(string) float64) float64 {
	x := has(u.whole)
	if x == 1 || len(u.parts) == 0 {
		return x
	}
	n := 0.0
	for _, p := range u.parts {
		n += has(p)
	}
	n /= float64(len(u.parts))
	if u.known {
		n *= partWeight
	}
	return max(x, n)
}

// isFunction reports whether a role wish names only roles found in every
// sector (functionTerms) or role heads ("daglig leder").
func (a *analyzer) isFunction(role string) bool {
	us := a.units(role)
	if len(us) == 0 {
		return false
	}
	for _, u := range us {
		if !u.head && !a.function[u.whole] {
			return false
		}
	}
	return true
}
