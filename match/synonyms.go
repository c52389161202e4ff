package match

// builtinSynonyms groups Swedish, Norwegian (bokmål and nynorsk) and
// English words that a programme should treat as one competence or sector
// term. The first word of each group is the canonical term that reasons
// show. Words are written as people spell them; they are normalised when
// the table is built, so "hälsa" and "halsa" are the same entry.
//
// The table is illustrative: compiled for this programme from everyday
// usage of the three languages, not from a published thesaurus. A
// programme extends it with Options.Synonyms.
var builtinSynonyms = [][]string{
	{"health", "helse", "hälsa", "healthcare", "health care", "helsevesen", "hälso- och sjukvård", "sjukvård", "helsetjenester", "e-health", "ehealth", "e-helse", "e-hälsa"},
	{"medtech", "medical technology", "medisinsk teknologi", "medisinteknikk", "medicinteknik", "medicinsk teknik", "medical devices", "medisinsk utstyr", "medicintekniska produkter"},
	{"hospital", "sykehus", "sjukhus", "sjukehus", "lasarett"},
	{"energy", "energi"},
	{"renewable energy", "fornybar energi", "förnybar energi", "renewables"},
	{"hydropower", "vannkraft", "vattenkraft"},
	{"wind power", "vindkraft"},
	{"offshore", "havvind", "offshore wind"},
	{"forestry", "skogbruk", "skogsbruk", "skogsnäring", "skognæring", "forest", "skog"},
	{"wood", "wood products", "trävaror", "trevarer", "timber", "virke", "tømmer", "timmer"},
	{"tourism", "turisme", "turism", "reiseliv", "besöksnäring", "besøksnæring", "travel industry"},
	{"hospitality", "hotell", "hotel", "hotels", "hoteller", "hotellbransch", "restaurang", "restaurant", "restaurants", "servering"},
	{"snow", "snö", "snø"},
	{"sensor", "sensors", "sensorer"},
	{"outdoor", "friluftsliv", "outdoor recreation", "utomhus"},
	{"investment", "investering", "investor", "investors", "investerare", "investorer", "investerer", "invest", "investing"},
	{"venture capital", "riskkapital", "risikokapital", "vc", "såkorn", "såddkapital", "seed capital"},
	{"business angel", "affärsängel", "forretningsengel", "angel investor"},
	{"funding", "finansiering", "financing", "finance", "finans"},
	{"procurement", "innkjøp", "inköp", "upphandling", "anskaffelse", "anskaffelser", "offentlige anskaffelser", "offentlig upphandling", "public procurement", "purchasing", "innkjøper", "inköpare"},
	{"export", "eksport", "exportera", "eksportere", "internationalisation", "internationalization", "internasjonalisering", "internationalisering"},
	{"competence", "kompetanse", "kompetens", "expertise", "know-how"},
	{"innovation", "innovasjon", "innovationer"},
	{"sustainability", "bærekraft", "hållbarhet", "sustainable", "bærekraftig", "hållbar"},
	{"digitalisation", "digitalization", "digitalisering", "digital transformation"},
	{"software", "programvare", "mjukvara", "programvara", "saas"},
	{"artificial intelligence", "ai", "kunstig intelligens", "artificiell intelligens", "machine learning", "maskinlæring", "maskininlärning"},
	{"sales", "salg", "försäljning", "selling"},
	{"marketing", "markedsføring", "marknadsföring"},
	{"food", "mat", "livsmedel", "næringsmiddel", "næringsmidler", "food industry", "matindustri", "livsmedelsindustri"},
	{"agriculture", "landbruk", "jordbruk", "lantbruk", "farming"},
	{"aquaculture", "havbruk", "vattenbruk", "fish farming", "fiskeoppdrett", "fiskodling"},
	{"fisheries", "fiske", "fiskeri", "fishing"},
	{"research", "forskning", "researcher", "forsker", "forskare", "r&d", "fou", "fou-samarbeid"},
	{"university", "universitet", "högskola", "høgskole", "academia"},
	{"education", "utdanning", "utbildning", "training", "opplæring"},
	{"construction", "bygg", "byggnad", "byggenæring", "byggindustri", "anlegg"},
	{"mining", "gruvdrift", "gruvedrift", "gruv", "gruve", "bergverk"},
	{"manufacturing", "tillverkning", "produksjon", "produktion"},
	{"logistics", "logistikk", "logistik", "transport"},
	{"public sector", "offentlig sektor", "kommune", "kommun", "municipality", "fylkeskommune", "länsstyrelse"},
	{"legal", "juridisk", "law", "jus", "juridik", "lawyer", "advokat"},
	{"intellectual property", "ip", "patent", "patenter", "immaterialrätt", "immaterielle rettigheter"},
	{"recruitment", "rekruttering", "rekrytering", "hiring"},
	{"mentor", "mentoring", "mentorskap", "rådgiver", "rådgivare", "advisor", "adviser"},
	{"customer", "kunde", "kund", "buyer", "kjøper", "köpare"},
	{"sport", "idrett", "idrott", "sports"},
	{"design", "formgivning", "formgiving"},
	{"climate", "klima", "klimat"},
	{"circular economy", "sirkulær økonomi", "cirkulär ekonomi"},
	{"welfare technology", "velferdsteknologi", "välfärdsteknik"},
	{"elderly care", "eldreomsorg", "äldreomsorg"},
	{"startup", "start-up", "oppstart", "oppstartsbedrift", "startupbolag", "nystartat företag"},
	{"incubator", "inkubator", "inkubatorer"},
}

// A thesaurus maps a normalised word or phrase to its canonical term.
type thesaurus map[string]string

// newThesaurus builds the built-in table extended by extra groups. A group
// of extra that shares a word with a known group joins it; otherwise its
// first word is the canonical term.
func newThesaurus(extra [][]string) thesaurus {
	t := thesaurus{}
	add := func(group []string) {
		canon := ""
		for _, w := range group {
			if c, ok := t[Normalize(w)]; ok {
				canon = c
				break
			}
		}
		for _, w := range group {
			k := Normalize(w)
			if k == "" {
				continue
			}
			if canon == "" {
				canon = k
			}
			if _, ok := t[k]; !ok {
				t[k] = canon
			}
		}
	}
	for _, g := range builtinSynonyms {
		add(g)
	}
	for _, g := range extra {
		add(g)
	}
	return t
}

// term returns the canonical term of a tag or phrase.
func (t thesaurus) term(s string) string {
	k := Normalize(s)
	if c, ok := t[k]; ok {
		return c
	}
	return k
}

// wordTerms returns the canonical terms of the words of a normalised key:
// each word on its own, and every two-word phrase the table knows (so
// "venture capital" and "public procurement" are found in running text).
func (t thesaurus) wordTerms(key string, dst []string) []string {
	ws := words(key)
	for i, w := range ws {
		if i+1 < len(ws) {
			if c, ok := t[w+" "+ws[i+1]]; ok {
				dst = append(dst, c)
			}
		}
		if c, ok := t[w]; ok {
			dst = append(dst, c)
		} else {
			dst = append(dst, w)
		}
	}
	return dst
}
