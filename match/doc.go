// Package match decides who should meet whom in a start-up exchange
// programme, and why.
//
// # Model
//
// A Startup has competence needs, an industry, languages and a wish list
// in priority order. Each Wish names a person ("person:Kari Nordmann"),
// an organisation ("org:Equinor"), a role ("role:procurement"), a
// competence tag ("tag:medtech") or is free text ("someone from St.
// Olavs hospital procurement"). A Contact is a resource person in the
// network with an organisation, a role, competence tags, languages, a
// country, a capacity (meetings over the whole programme) and
// availability windows. LoadStartups and LoadContacts read both from the
// programme's CSV files; a bad cell is a *ParseError naming file, line
// and column.
//
// # Matching text
//
// Data arrives in Swedish, Norwegian and English at once, so every
// comparison goes through Normalize: case folding, Unicode NFKD with
// combining marks removed, the Nordic pairs ø/ö, æ/ä and å/aa folded
// together, punctuation and spacing collapsed. "Trøndelag" and
// "Tröndelag" are the same key. Words then pass through a built-in
// synonym table (helse/hälsa/health, innkjøp/inköp/upphandling/
// procurement, …) that Options.Synonyms extends.
//
// # Scores
//
// Score gives each start-up × contact pair a score in [0, 1] with
// human-readable reasons ("wish 1: org Equinor", "tags: energy,
// offshore"). Evidence is combined as independent chances,
// 1 − Π(1 − xᵢ): each wish the contact fulfils contributes its kind's
// weight (person > organisation > role > tag > free text) times
// Decay^(priority−1); tag similarity contributes Similarity times the
// cosine between TF-IDF vectors (Salton & Buckley, "Term-weighting
// approaches in automatic text retrieval", 1988; smoothed idf as in
// scikit-learn) of the start-up's needs and industry and the contact's
// tags. A missing common language scales the score down, and the
// cross-border rule drops pairs from the same country. An inverted index
// from term, word and name to contacts means pairs sharing nothing are
// never looked at, so sparse networks cost what their matches cost.
//
// # Assignment
//
// Assign chooses the meetings: it maximises the total score such that
// every contact stays within its capacity, every start-up within its
// maximum, forbidden pairs never appear and pinned pairs always do.
// Start-ups reaching the minimum number of meetings comes first. With
// AssignOptions.Fair the distribution of meeting counts is made as even
// as possible first (leximin: the worst-off start-up's count is raised,
// then the next; for b-matchings this is the lexicographically optimal
// base of a polymatroid, Fujishige 1980, found by any strictly concave
// separable objective), then the total score. Fairness is on counts, not
// on score totals: max-min on totals is the NP-hard Santa Claus problem
// (Bansal & Sviridenko 2006).
//
// The problem is solved exactly as a min-cost flow by successive
// shortest paths with node potentials (Edmonds & Karp 1972; Tomizawa
// 1971; see Ahuja, Magnanti & Orlin, "Network Flows", 1993, ch. 9). The
// priority and the score form one lexicographic cost in Z × R, so no
// big-M constant blurs the scores. Searches start from whichever side,
// start-ups or contacts, has fewer units to place. The tests check the
// optimum against gonum's lp.Simplex on random instances.
//
// Wishes that no assigned meeting fulfils come back in Assignment.Unmet
// with a reason (no contact matches, every matching contact is at
// capacity, …), and start-ups below the minimum in Assignment.Short.
//
// The package keeps no global mutable state, reads no clock and uses no
// randomness: the same input gives the same output.
package match
