package match

import "slices"

// DefaultLanguageGroups are the languages whose speakers understand each
// other without an interpreter: the mainland Scandinavian languages,
// Swedish, Norwegian (bokmål and nynorsk, both read as "no") and Danish
// (Delsing & Lundin Åkesson, "Håller språket ihop Norden?", Nordic
// Council of Ministers, TemaNord 2005:573; Gooskens, "The contribution
// of linguistic factors to the intelligibility of closely related
// languages", 2007). A Swede and a Norwegian therefore share a language.
// English is no member: it is a bridge that any two people who list it
// share.
func DefaultLanguageGroups() [][]string {
	return [][]string{{"sv", "no", "da"}}
}

// languageGroups maps a language code to its group number.
type languageGroups map[string]int

// newLanguageGroups reads Options.Languages: nil means the default
// groups. Codes and names are read as in the languages column.
func newLanguageGroups(groups [][]string) languageGroups {
	if groups == nil {
		groups = DefaultLanguageGroups()
	}
	g := languageGroups{}
	for i, group := range groups {
		for _, l := range group {
			if code := languageCode(l); code != "" {
				if _, ok := g[code]; !ok {
					g[code] = i
				}
			}
		}
	}
	return g
}

// share reports whether two people with these languages can talk: one
// of them states none, they list a common language, or they list two
// languages of one group.
func (g languageGroups) share(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
		gx, ok := g[x]
		if !ok {
			continue
		}
		for _, y := range b {
			if gy, ok := g[y]; ok && gx == gy {
				return true
			}
		}
	}
	return false
}
