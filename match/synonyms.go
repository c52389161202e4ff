package match

// builtinSynonyms groups Swedish, Norwegian (bokmål and nynorsk), Danish
// where it differs, and English words that a programme treats as one
// competence or sector term: the region's sectors (food, tourism, wood
// and construction, health and welfare technology, energy, mining,
// forestry, aquaculture, snow and mountain safety, mobility, education,
// finance) and the roles people hold in them. The first word of a group
// names the term. Words are written as people spell them; each goes
// through the same analysis as the data (Normalize, stem, fold), so an
// entry covers its inflected forms ("sykehus" also finds "sykehuset",
// "batteri" also "batterier") and its spelling variants ("kött" and
// "kjøtt"). Words that differ between the languages are listed; words
// that differ only by a regular correspondence or an ending need no
// entry. A group of one word makes that word known to the compound
// splitter (see analyzer).
//
// Compiled for the exchange from everyday and trade usage of the three
// languages, checked against the Swedish Academy's dictionaries (SAOL,
// SO), Bokmålsordboka and Nynorskordboka (Språkrådet and the University
// of Bergen), and the Nordic Council's Nordiska språk-ordlista; not a
// copy of a published thesaurus. A programme extends it with
// Options.Synonyms (program.yaml: matching.synonyms).
var builtinSynonyms = [][]string{
	// Health and care.
	{"health", "helse", "hälsa", "sundhed", "healthcare", "health care", "helsevesen", "hälso- och sjukvård", "sjukvård", "helsetjenester", "helsetjeneste", "sundhedsvæsen", "e-health", "ehealth", "e-helse", "e-hälsa", "digital health", "digital helse", "helseteknologi", "hälsoteknik", "health technology"},
	{"medtech", "medical technology", "medisinsk teknologi", "medisinteknikk", "medisinsk teknikk", "medicinteknik", "medicinsk teknik", "medical devices", "medical device", "medisinsk utstyr", "medicintekniska produkter", "medicinsk utrustning", "medicoteknik"},
	{"hospital", "sykehus", "sjukhus", "sjukehus", "lasarett", "sygehus", "hospitals", "universitetssykehus", "universitetssjukhus"},
	{"patient", "pasient", "patienter"},
	{"health data", "helsedata", "hälsodata", "patient data", "pasientdata", "patientdata", "journaldata"},
	{"privacy", "personvern", "integritet", "dataskydd", "personuppgifter", "personopplysninger", "gdpr", "data protection"},
	{"pharmaceuticals", "legemidler", "legemiddel", "läkemedel", "medicine", "medisiner", "lægemidler"},
	{"welfare technology", "velferdsteknologi", "välfärdsteknik", "välfärdsteknologi", "assistive technology"},
	{"care", "omsorg", "vård och omsorg", "pleie og omsorg", "helse og omsorg", "omsorgstjenester", "vård", "pleie", "care services"},
	{"elderly care", "eldreomsorg", "äldreomsorg", "ældrepleje", "aged care", "hemtjänst", "hjemmetjeneste", "hjemmesykepleie", "home care"},
	{"clinical trial", "klinisk utprøving", "klinisk prövning", "kliniske studier", "kliniska studier", "clinical trials"},
	// Public sector and procurement.
	{"procurement", "innkjøp", "inköp", "indkøb", "upphandling", "anskaffelse", "anskaffelser", "offentlige anskaffelser", "offentlig upphandling", "offentlig anskaffelse", "public procurement", "purchasing", "innkjøper", "inköpare", "indkøber", "upphandlare", "buyer", "purchaser", "procurer", "innkjøpssjef", "inköpschef", "purchasing manager", "procurement manager"},
	{"public sector", "offentlig sektor", "det offentlige", "municipality", "kommune", "kommun", "fylkeskommune", "länsstyrelse", "region", "regionen", "statsforvaltar"},
	{"business operations", "virksomhet", "verksamhet", "virksomhed"},
	{"administration", "forvaltning", "förvaltning", "forvalter", "förvaltare"},
	// Food and agriculture.
	{"food", "mat", "livsmedel", "næringsmiddel", "næringsmidler", "fødevarer", "foodstuffs", "food industry", "matindustri", "livsmedelsindustri", "næringsmiddelindustri", "foods"},
	{"local food", "lokal mat", "lokalmat", "närproducerat", "närproducerad mat", "kortreist mat", "kortreist", "lokalproducert", "lokalproducerad", "lokale råvarer"},
	{"food craft", "mathantverk", "mathåndverk", "artisan food", "småskalig matproduksjon", "småskalig livsmedelsproduktion", "småskala fødevareproduktion"},
	{"food tourism", "matturisme", "matturism", "culinary tourism", "måltidsturism", "gastronomy tourism"},
	{"groceries", "dagligvare", "dagligvarer", "dagligvaror", "dagligvarehandel", "dagligvaruhandel", "grocery", "grocery retail"},
	{"wholesale", "grossist", "grossisthandel", "engros", "partihandel", "wholesaler"},
	{"dairy", "meieri", "mejeri", "dairy products", "melkeprodukter", "mjölkprodukter", "melkeproduksjon", "mjölkproduktion", "milk production", "melk", "mjölk", "milk"},
	{"cheese", "ost", "oster"},
	{"meat", "kjøtt", "kött", "kød", "meat processing", "kjøttforedling", "köttförädling"},
	{"agriculture", "landbruk", "jordbruk", "lantbruk", "landbrug", "farming", "farm", "gård", "gårdsbruk", "bondegård", "farms"},
	{"farm shop", "gårdsbutikk", "gårdsbutik", "gårdsbutiker"},
	{"crop production", "växtodling", "planteproduksjon", "plantedyrking", "crops"},
	{"organic", "ekologisk", "økologisk", "organic production", "ekologisk produktion", "økologisk produksjon"},
	{"aquaculture", "havbruk", "vattenbruk", "akvakultur", "fish farming", "fiskeoppdrett", "fiskodling", "oppdrett", "fiskopdræt", "mariculture"},
	{"fisheries", "fiske", "fiskeri", "fishing", "fiskerinæring", "fisk", "fish"},
	{"seafood", "sjømat", "skaldjur", "fisk och skaldjur", "sjömat"},
	{"salmon", "laks", "lax"},
	{"feed", "fôr", "foder", "fodder", "fiskefôr", "fiskfoder", "fish feed"},
	{"algae", "alger", "tang", "tare", "seaweed", "makroalger"},
	// Tourism and hospitality.
	{"tourism", "turisme", "turism", "reiseliv", "besöksnäring", "besøksnæring", "travel industry", "turistnäring", "reiselivsnæring", "visitor economy"},
	{"destination", "destinasjon", "destinationer", "destinasjoner"},
	{"destination development", "destinasjonsutvikling", "destinationsutveckling", "destinasjonsutvikler", "destinationsutvecklare", "destination developer", "destination manager", "turismutvecklare", "turismeutvikler", "reiselivsutvikler", "tourism developer", "besöksnäringsutvecklare"},
	{"hotels", "hotell", "hotel", "hoteller", "hotellbransch", "overnatting", "logi", "boende", "accommodation", "restaurang", "restaurant", "restaurants", "servering"},
	{"experiences", "opplevelser", "upplevelser", "opplevelse", "upplevelse", "experience", "experience tourism", "opplevelsesturisme"},
	{"travel packages", "paketresor", "pakkereiser", "pakketurer", "package tours"},
	{"outdoor", "friluftsliv", "friluftsaktiviteter", "outdoor recreation", "utomhus", "outdoors", "friluftsliv och natur"},
	{"mountain", "fjell", "fjäll", "fjeld", "mountains", "fjällen", "fjellet", "høyfjell", "högfjäll"},
	{"mountain tourism", "fjällturism", "fjellturisme", "mountain tourism", "fjellreiseliv"},
	{"mountain guide", "fjellfører", "fjällguide", "fjällförare", "tindevegleder", "guide", "guiding", "guidning", "guidet tur", "guidad tur", "guides"},
	{"winter tourism", "vinterturism", "vinterturisme", "vinterreiseliv"},
	{"ski resort", "skisenter", "skianlegg", "alpinanlegg", "alpinanläggning", "skidanläggning", "skidort", "skidområde", "ski area", "skiresort", "skistation", "skidsystem"},
	{"piste", "pist", "løype", "løyper", "skiløype", "skiløyper", "skidspår", "längdspår", "ski track", "trails", "løypepreparering", "pistning", "preparering"},
	{"snow", "snö", "snø", "sne"},
	{"snowmaking", "snøproduksjon", "snötillverkning", "snöproduktion", "kunstsnø", "konstsnö", "snow production", "artificial snow"},
	{"avalanche", "snøskred", "snöskred", "lavin", "laviner", "sneskred", "skred", "snøskredvarsling", "lavinprognos", "lavinprognoser", "skredvarsling", "avalanche forecast", "avalanche warning", "snow avalanche"},
	{"mountain safety", "fjellsikkerhet", "fjällsäkerhet", "mountain rescue", "fjellredning", "fjällräddning", "skipatrulje", "skidpatrull", "ski patrol", "skredkurs", "lavinkurs", "avalanche course"},
	{"cross-country skiing", "langrenn", "längdskidåkning", "längdåkning", "cross country"},
	{"sport", "idrett", "idrott", "sports"},
	{"culture", "kultur", "kulturarv", "cultural heritage"},
	{"events", "arrangement", "arrangementer", "evenemang", "festival", "festivaler", "event"},
	{"conference", "konferens", "konferanse", "konferanser", "möten", "meetings industry"},
	{"sami culture", "samisk kultur", "sámi", "samisk", "samiska"},
	{"northern lights", "nordlys", "norrsken", "aurora", "aurora borealis"},
	// Wood, forestry and construction.
	{"wood", "tre", "trä", "træ", "treverk", "trävaror", "trevarer", "timber", "tømmer", "timmer", "virke", "wood products", "trelast", "trävara"},
	{"mass timber", "massivtre", "massivträ", "massivtræ", "kl-tre", "kl-trä", "krysslimt tre", "korslimmat trä", "clt", "cross-laminated timber", "limtre", "limträ", "glulam"},
	{"wood construction", "trebygg", "træbyggeri", "träbyggnad", "träbyggande", "trebygging", "trebyggeri", "wood building", "timber construction", "trehus", "trähus", "trähusbyggande"},
	{"construction", "bygg", "byggnad", "bygning", "bygninger", "byggeri", "bygging", "byggande", "byggnation", "building", "buildings", "byggenæring", "byggindustri", "byggbransch", "bygg og anlegg", "bygg och anläggning", "anlegg", "anläggning", "entreprenør", "entreprenad", "hus", "house", "houses"},
	{"construction manager", "byggesjef", "byggchef", "byggeleder", "byggledare", "site manager", "byggeplassleder", "platschef", "anleggsleder"},
	{"architecture", "arkitektur", "arkitekt", "arkitekter", "architect"},
	{"modular building", "modulbygg", "modulhus", "modulbygging", "modulbyggande", "prefab", "prefabricated"},
	{"multi-storey", "flervåningshus", "fleretasjes", "fleretasjesbygg", "höghus", "høyhus", "high-rise"},
	{"forestry", "skogbruk", "skogsbruk", "skovbrug", "skogsnäring", "skognæring", "forest", "forests", "skog", "skov", "skogsdrift", "skogdrift", "skogsskötsel", "skogskjøtsel", "forest management"},
	{"forest inventory", "skogtaksering", "skogsinventering", "skogsuppskattning", "skogregistrering", "forest survey", "taksering"},
	{"remote sensing", "fjernmåling", "fjärranalys", "fjernanalyse", "earth observation", "satellittdata", "satellitdata", "satellite data", "kartlegging", "kartläggning", "mapping"},
	{"drone", "drones", "droner", "drönare", "drönar", "uav", "dron"},
	{"pulp and paper", "massa og papir", "massa och papper", "papir", "papper", "pulp"},
	{"bioeconomy", "bioøkonomi", "bioekonomi"},
	{"real estate", "eiendom", "fastighet", "fastigheter", "eiendommer", "ejendom", "property", "property management", "eiendomsforvaltning", "fastighetsförvaltning"},
	// Energy, mining and materials.
	{"energy", "energi", "energy sector", "energibransch", "energibransjen"},
	{"renewable energy", "fornybar energi", "förnybar energi", "vedvarende energi", "renewables", "fornybar", "förnybar"},
	{"hydropower", "vannkraft", "vattenkraft", "vandkraft", "hydro", "hydroelectric", "kraftverk", "vannkraftverk", "vattenkraftverk"},
	{"dam safety", "dammsikkerhet", "dammsäkerhet", "damsikkerhed", "dam", "dammer", "dammar"},
	{"wind power", "vindkraft", "wind energy", "vindenergi", "vindmøller", "vindkraftverk"},
	{"offshore wind", "havvind", "offshore wind power", "havsbaserad vindkraft"},
	{"power grid", "strømnett", "elnät", "kraftnät", "elnett", "strømnettet", "grid", "elnet", "distribution grid", "nett", "nät"},
	{"smart grid", "smarte nett", "smarta elnät", "smart elnett", "smarta nät", "smart grids"},
	{"energy storage", "energilagring", "energilager", "batterilagring", "storage"},
	{"flexibility", "fleksibilitet", "flexibilitet", "demand response", "laststyring"},
	{"battery", "batteri", "batterier", "batterie", "batteries", "battericeller", "battery cells", "battericelle"},
	{"battery materials", "batterimaterial", "batterimaterialer", "battery material", "katodematerial", "anodematerial"},
	{"recycling", "gjenvinning", "återvinning", "genbrug", "resirkulering", "återbruk", "ombruk", "recirkulering", "recovery"},
	{"circular economy", "sirkulær økonomi", "cirkulär ekonomi", "cirkulær økonomi", "sirkulærøkonomi", "circularity"},
	{"mining", "gruvdrift", "gruvedrift", "gruv", "gruve", "gruvor", "gruver", "mine", "mines", "bergverk", "gruvindustri", "gruveindustri", "minedrift"},
	{"rock engineering", "bergteknik", "bergteknikk", "geoteknikk", "geoteknik", "geotechnics", "rock mechanics"},
	{"raw materials", "råmaterial", "råvarer", "råvaror", "råmaterialer", "råvara", "raw material", "råstoff"},
	{"metallurgy", "metallurgi", "metallurgy"},
	{"safety", "sikkerhet", "säkerhet", "sikkerhed", "hms", "arbetsmiljö", "arbeidsmiljø", "arbejdsmiljø", "hse", "work environment", "occupational safety", "trygghet", "trygghed"},
	{"automation", "automasjon", "automatisering", "automatisation"},
	{"sensor", "sensorer", "sensors", "givare", "sensorteknologi", "sensorteknik"},
	{"monitoring", "overvåking", "övervakning", "overvågning", "monitorering", "surveillance"},
	// Mobility and logistics.
	{"logistics", "logistikk", "logistik", "freight", "frakt", "godstransport", "distribusjon", "distribution", "varedistribusjon", "cold chain", "kjølelogistikk", "kyllogistik"},
	{"last mile", "siste mil", "sista milen", "last-mile", "siste kilometer", "hjemlevering", "hemleverans", "home delivery"},
	{"e-commerce", "e-handel", "netthandel", "nätshandel", "online retail"},
	{"public transport", "kollektivtransport", "kollektivtrafik", "kollektivtrafikk", "kollektiv", "public transit", "kollektivreiser", "bus", "buss"},
	{"mobility", "mobilitet", "mobility services", "mobilitetstjenester", "transport", "samåkning", "samkjøring", "bildeling", "bilpool", "carpooling", "car sharing", "ride sharing"},
	// Education.
	{"education", "utdanning", "utbildning", "uddannelse", "training", "opplæring", "undervisning", "teaching", "læring", "lärande", "learning"},
	{"school", "skole", "skola", "skolor", "skoler", "schools", "grunnskole", "grundskola", "oppvekst", "elevhälsa", "skolhälsa", "skolehelse"},
	{"learning materials", "læremidler", "læremiddel", "läromedel", "teaching materials", "digitale læremidler", "digitala läromedel", "lärplattform", "læringsplattform", "learning platform", "edtech"},
	{"game-based learning", "spillbasert læring", "spelbaserat lärande", "serious games", "gamification"},
	{"university", "universitet", "högskola", "høgskole", "højskole", "academia", "university college"},
	// Money, law and business support.
	{"investment", "investering", "investor", "investors", "investerare", "investorer", "investerer", "invest", "investing", "investment manager", "investeringsansvarlig", "investeringsansvarig"},
	{"venture capital", "riskkapital", "risikokapital", "venturekapital", "vc", "såkorn", "såkornkapital", "såddkapital", "seed capital", "seed", "tidligfase", "tidig fas", "early stage", "early-stage", "tidlig fase"},
	{"business angel", "affärsängel", "forretningsengel", "angel investor", "angel", "business angels"},
	{"funding", "finansiering", "financing", "finance", "finans", "tilskudd", "bidrag", "stöd", "grants", "grant", "lån", "loans", "loan", "kapital", "capital"},
	{"bank", "sparbank", "sparebank", "banker", "banking"},
	{"export", "eksport", "exportera", "eksportere", "internationalisation", "internationalization", "internasjonalisering", "internationalisering", "nye markeder", "nya marknader", "new markets"},
	{"legal", "juridisk", "law", "jus", "juridik", "lawyer", "advokat", "jurist", "selskapsrett", "bolagsrätt", "company law", "kontrakter", "avtal", "avtaler", "contracts", "kontraktsrett", "avtalsrätt"},
	{"intellectual property", "ip", "patent", "patenter", "immaterialrätt", "immaterielle rettigheter", "immaterielle rettighter", "ipr", "patentombud", "patentrådgiver", "patent attorney", "patentrådgivare", "varemerke", "varumärke", "trademark"},
	{"recruitment", "rekruttering", "rekrytering", "hiring"},
	{"mentor", "mentoring", "mentorskap", "rådgiver", "rådgivare", "rådgiver", "advisor", "adviser", "rådgivning", "rådgiving", "advisory", "konsulent", "konsult", "consultant", "coach"},
	{"business development", "forretningsutvikling", "affärsutveckling", "forretningsudvikling", "forretningsutvikler", "affärsutvecklare", "business developer", "næringsutvikling", "näringslivsutveckling", "näringslivsutvecklare", "næringsutvikler"},
	{"business", "forretning", "forretnings", "affär", "affärer", "affärs", "næringsliv", "näringsliv", "erhvervsliv", "företagande", "entreprenørskap", "entreprenörskap", "entrepreneurship"},
	{"regional development", "regional utvikling", "regional utveckling", "regionutvikling", "regionutveckling"},
	{"development", "utvikling", "utveckling", "udvikling", "utvikler", "utvecklare", "udvikler", "developer"},
	{"customer", "kunde", "kund", "kunder", "kunder", "köpare", "kjøper", "customers"},
	{"sales", "salg", "försäljning", "salg og markedsføring", "selling"},
	{"marketing", "markedsføring", "marknadsföring", "marknad", "marked", "branding"},
	{"design", "formgivning", "formgiving", "product design", "produktdesign", "industridesign", "industrial design"},
	// Technology.
	{"software", "programvare", "mjukvara", "programvara", "saas", "software as a service"},
	{"artificial intelligence", "ai", "kunstig intelligens", "artificiell intelligens", "machine learning", "maskinlæring", "maskininlärning"},
	{"mobile app", "mobilapp", "app", "apper", "appar", "apps", "mobilapplikasjon", "mobile application", "smartphone app"},
	{"digitalisation", "digitalisering", "digitalization", "digital transformation", "digitalisere"},
	{"electronic health records", "journalsystem", "journalsystemer", "pasientjournal", "patientjournal", "ehr", "epj"},
	{"security alarm", "trygghetsalarm", "trygghetslarm", "trygghetsalarmer", "safety alarm", "personal alarm"},
	{"robotics", "robotikk", "robotik", "robot", "roboter", "robotar", "robots"},
	{"silicon", "silisium", "kisel", "silicium"},
	{"photonics", "fotonikk", "fotonik", "optics", "optikk", "optik"},
	{"climate", "klima", "klimat"},
	{"sustainability", "bærekraft", "hållbarhet", "bæredygtighed", "sustainable", "bærekraftig", "hållbar", "hållbart", "bæredygtig", "grønn", "grön", "green"},
	// More sectors of the region.
	{"maritime", "maritim", "sjøfart", "sjöfart", "shipping", "rederi", "skipsfart", "maritime industry", "maritim næring"},
	{"ports", "havn", "hamn", "havner", "hamnar", "port", "harbour"},
	{"oil and gas", "olje og gass", "olja och gas", "petroleum", "oil", "olje", "olja", "gass", "naturgas", "natural gas"},
	{"hydrogen", "vätgas", "hydrogenproduksjon", "vätgasproduktion", "green hydrogen", "grønt hydrogen", "grön vätgas"},
	{"solar power", "solenergi", "solkraft", "solceller", "solcelle", "solar", "photovoltaics", "solar energy"},
	{"district heating", "fjernvarme", "fjärrvärme", "heating", "varme", "värme", "bioenergi", "bioenergy"},
	{"water and sewage", "vann og avløp", "vatten och avlopp", "va", "vannforsyning", "vattenförsörjning", "water supply", "wastewater", "avløpsvann", "avloppsvatten"},
	{"waste", "avfall", "avfallshåndtering", "avfallshantering", "waste management", "renovasjon", "renhållning"},
	{"biotechnology", "bioteknologi", "bioteknik", "biotech", "life science", "life sciences", "livsvitenskap", "livsvetenskap"},
	{"chemistry", "kjemi", "kemi", "chemicals", "kjemikalier", "kemikalier", "kjemisk", "kemisk"},
	{"space", "romfart", "rymd", "rymdteknik", "romteknologi", "satellitter", "satelliter", "satellites", "space industry", "romindustri", "rymdindustri"},
	{"defence", "forsvar", "försvar", "forsvarsindustri", "försvarsindustri", "defense", "beredskap", "totalforsvar", "totalförsvar"},
	{"cybersecurity", "informasjonssikkerhet", "informationssäkerhet", "it-sikkerhet", "it-säkerhet", "cyber security", "cybersikkerhet", "cybersäkerhet", "datasikkerhet"},
	{"internet of things", "iot", "tingenes internett", "sakernas internet", "connected devices"},
	{"cloud", "skytjenester", "molntjänster", "cloud computing", "sky", "moln"},
	{"fintech", "finansteknologi", "finansteknik", "betalingsløsninger", "betallösningar", "payments", "betaling", "betalning"},
	{"insurance", "forsikring", "försäkring", "forsikringer", "försäkringar", "insurtech"},
	{"accounting", "regnskap", "redovisning", "bokføring", "bokföring", "revisjon", "revision", "auditing", "accountant", "regnskapsfører", "redovisningskonsult", "revisor", "auditor"},
	{"taxation", "skatt", "skatter", "taxes", "mva", "moms", "vat", "beskatning", "beskattning"},
	{"human resources", "hr", "personal", "personalavdeling", "personalavdelning", "hr-sjef", "hr-chef", "arbeidsgiver", "arbetsgivare"},
	{"retail", "handel", "detaljhandel", "varehandel", "butikk", "butik", "butiker", "butikker", "shops", "retailer"},
	{"fashion", "mode", "klær", "kläder", "clothing", "apparel", "tekstil", "textil", "textiles", "tekstiler"},
	{"games", "spill", "spel", "dataspill", "dataspel", "gaming", "video games", "spillutvikling", "spelutveckling", "game development"},
	{"music", "musikk", "musik"},
	{"film", "film og tv", "film och tv", "filmproduksjon", "filmproduktion", "media", "medier", "tv"},
	{"rail", "jernbane", "järnväg", "tog", "tåg", "railway", "railways"},
	{"aviation", "luftfart", "flyg", "flyplass", "flygplats", "airport", "airline", "flyselskap", "flygbolag", "drones aviation"},
	{"electric vehicles", "elbil", "elbiler", "elbilar", "elektriske kjøretøy", "elfordon", "ev", "charging", "lading", "laddning", "ladeinfrastruktur", "laddinfrastruktur"},
	{"reindeer husbandry", "reindrift", "rennäring", "renskötsel", "reindeer herding", "reindrift og samisk næring"},
	{"hunting and fishing", "jakt og fiske", "jakt och fiske", "jakt", "sportfiske", "sportsfiske", "hunting", "angling"},
	{"nature", "natur", "naturvern", "naturvård", "biologisk mangfold", "biologisk mångfald", "biodiversity", "conservation"},
	{"residential", "bolig", "bostad", "boliger", "bostäder", "boligbygging", "bostadsbyggande"},
	{"interior", "interiør", "inredning", "møbler", "möbler", "furniture", "interior design"},
	{"packaging", "emballasje", "förpackning", "förpackningar", "emballage"},
	{"plastics", "plast", "plastic", "bioplast"},
	{"steel", "stål", "metal", "metall", "metaller", "metals", "aluminium", "aluminum"},
	{"textile recycling", "tekstilgjenvinning", "textilåtervinning"},
	{"beverages", "drikke", "dryck", "drycker", "brewery", "bryggeri", "øl", "öl", "beer", "akevitt", "destilleri", "distillery"},
	{"bakery", "bakeri", "bageri", "brød", "bröd", "bread"},
	{"berries", "bær", "bär", "blåbær", "blåbär", "lingon", "tyttebær", "multe", "hjortron"},
	{"game meat", "vilt", "viltkjøtt", "viltkött", "reinsdyrkjøtt", "renkött", "elg"},
	{"physician", "lege", "läkare", "overlege", "överläkare", "doctor", "allmänläkare", "specialist physician"},
	{"nurse", "sykepleier", "sjuksköterska", "sykepleiere", "sjuksköterskor", "nursing", "sykepleie", "omvårdnad"},
	{"schoolteacher", "lærer", "lärare", "lektor", "pedagog", "lærere", "rektor", "headteacher"},
	{"engineer", "ingeniør", "ingenjör", "engineering", "ingeniørfag", "ingenjörsvetenskap", "civilingenjör", "sivilingeniør"},
	{"economist", "økonom", "ekonom", "economics", "økonomi", "ekonomi", "finance manager", "økonomisjef", "ekonomichef", "cfo"},
	{"chief executive", "daglig leder", "vd", "verkställande direktör", "administrerende direktør", "ceo", "adm. dir.", "managing director", "chief executive officer"},
	{"chief technology officer", "teknisk direktør", "teknisk direktör", "cto", "teknologidirektør", "teknikchef", "teknisk sjef", "head of technology"},
	{"professor", "professorer", "førsteamanuensis", "docent", "universitetslektor", "lecturer", "associate professor"},
	{"municipal planning", "arealplanlegging", "samhällsplanering", "planlegging", "planering", "urban planning", "byplanlegging", "stadsplanering", "fysisk planering"},
	{"smart city", "smarte byer", "smarta städer", "smart by", "smart stad", "smart cities"},
	{"culture and heritage", "kulturminne", "kulturminner", "kulturmiljö", "kulturarv och museer", "museum", "museer", "museum sector"},
	{"language technology", "språkteknologi", "språkteknik", "nlp", "natural language processing", "speech technology", "taleteknologi", "talteknik"},
	{"quantum", "kvante", "kvant", "kvanteteknologi", "kvantteknik", "quantum technology", "kvantesensorer", "kvantsensorer", "quantum sensors"},
	{"accessibility", "tilgjengelighet", "tillgänglighet", "universell utforming", "universell utformning", "universal design"},
	{"volunteering", "frivillighet", "frivillig", "frivilligorganisasjon", "ideell sektor", "civilsamhälle", "civil society", "ngo"},
	// Generic words: known to the splitter, weighed lightly (genericTerms).
	{"research", "forskning", "forskning og utvikling", "forskning och utveckling", "researcher", "forsker", "forskare", "forskere", "r&d", "fou", "fou-samarbeid", "academic research", "seniorforsker", "forskningschef", "forskningssjef", "research director", "fou-sjef", "fou-chef", "head of research"},
	{"innovation", "innovasjon", "innovationer", "innovasjoner", "innovations", "nyskaping", "nyskapande"},
	{"competence", "kompetanse", "kompetens", "expertise", "know-how", "expert", "ekspert", "spesialist", "specialist"},
	{"industry", "industri", "industrier", "industries", "næring", "näring", "bransje", "bransch"},
	{"technology", "teknologi", "teknik", "teknikk", "tech", "technique", "teknisk", "tekniska", "tekniske", "technical"},
	{"startup", "start-up", "oppstart", "oppstartsbedrift", "startupbolag", "nystartat företag", "gründer", "grundare", "founder"},
	{"incubator", "inkubator", "inkubatorer", "innovation hub", "science park", "forskningspark", "kunnskapspark"},
	{"project", "prosjekt", "projekt", "project management", "prosjektledelse", "projektledning", "projektledare", "prosjektleder", "project manager"},
	{"data", "data", "dataset"},
	{"system", "system", "systemer", "systems"},
}

// broaderTerms relate a group to the wider groups it belongs to, as
// the broader-term (BT) relation of a thesaurus (ISO 25964-1:2011,
// "Thesauri for information retrieval"): hydropower is energy, a ski
// resort is tourism. A term brings its broader terms with partWeight,
// and theirs with partWeight², so a dam-safety start-up and a grid
// planner share "energy" but less than two hydropower people share
// "hydropower". Keys and values are group names (first words).
var broaderTerms = map[string][]string{
	"medtech": {"health"}, "hospital": {"health"}, "patient": {"health"}, "health data": {"health", "data"},
	"pharmaceuticals": {"health"}, "welfare technology": {"health", "care"}, "elderly care": {"care"}, "care": {"health"},
	"clinical trial": {"health", "research"}, "electronic health records": {"health", "software"},
	"security alarm": {"welfare technology"},
	"local food":     {"food"}, "food craft": {"food"}, "food tourism": {"food", "tourism"}, "groceries": {"food"},
	"wholesale": {"groceries"}, "dairy": {"food", "agriculture"}, "cheese": {"dairy"}, "meat": {"food"},
	"farm shop": {"agriculture", "local food"}, "crop production": {"agriculture"}, "organic": {"agriculture"},
	"aquaculture": {"seafood"}, "fisheries": {"seafood"}, "seafood": {"food"}, "salmon": {"seafood"}, "feed": {"aquaculture", "agriculture"},
	"algae":       {"aquaculture"},
	"destination": {"tourism"}, "destination development": {"tourism", "destination"}, "hotels": {"tourism"},
	"experiences": {"tourism"}, "travel packages": {"tourism"}, "mountain tourism": {"tourism", "mountain"},
	"mountain guide": {"mountain", "outdoor"}, "winter tourism": {"tourism", "snow"}, "ski resort": {"winter tourism"},
	"piste": {"ski resort"}, "snowmaking": {"snow", "ski resort"}, "avalanche": {"snow", "mountain safety"},
	"mountain safety": {"mountain", "safety"}, "cross-country skiing": {"sport", "snow"}, "outdoor": {"tourism"},
	"events": {"tourism", "culture"}, "conference": {"hotels"}, "sami culture": {"culture"}, "northern lights": {"tourism"},
	"mass timber": {"wood", "wood construction"}, "wood construction": {"wood", "construction"}, "construction manager": {"construction"},
	"architecture": {"construction"}, "modular building": {"construction"}, "multi-storey": {"construction"}, "real estate": {"construction"},
	"forest inventory": {"forestry"}, "pulp and paper": {"forestry", "bioeconomy"}, "wood": {"forestry"},
	"renewable energy": {"energy"}, "hydropower": {"renewable energy"}, "dam safety": {"hydropower"},
	"wind power": {"renewable energy"}, "offshore wind": {"wind power"}, "power grid": {"energy"}, "smart grid": {"power grid"},
	"energy storage": {"energy", "battery"}, "flexibility": {"power grid"}, "battery": {"energy"}, "battery materials": {"battery", "raw materials"},
	"rock engineering": {"mining"}, "raw materials": {"mining"}, "metallurgy": {"raw materials"},
	"last mile": {"logistics"}, "e-commerce": {"logistics"}, "public transport": {"mobility"},
	"school": {"education"}, "learning materials": {"education"}, "game-based learning": {"education", "learning materials"},
	"university":      {"education", "research"},
	"venture capital": {"investment"}, "business angel": {"investment"}, "investment": {"funding"}, "bank": {"funding"},
	"intellectual property": {"legal"}, "privacy": {"legal", "data"}, "business development": {"business"},
	"regional development": {"public sector", "business development"},
	"mobile app":           {"software"}, "artificial intelligence": {"software", "data"}, "digitalisation": {"software"},
	"incubator": {"startup"}, "drone": {"remote sensing"}, "sensor": {"monitoring"},
	"ports": {"maritime", "logistics"}, "oil and gas": {"energy"}, "hydrogen": {"renewable energy"}, "solar power": {"renewable energy"},
	"district heating": {"energy"}, "water and sewage": {"public sector"}, "waste": {"circular economy"}, "biotechnology": {"research"},
	"cybersecurity": {"software", "safety"}, "internet of things": {"software", "sensor"}, "cloud": {"software"}, "fintech": {"funding", "software"},
	"insurance": {"funding"}, "accounting": {"funding"}, "taxation": {"accounting"}, "fashion": {"retail"}, "games": {"software"},
	"music": {"culture"}, "film": {"culture"}, "rail": {"public transport"}, "aviation": {"mobility"}, "electric vehicles": {"mobility", "energy"},
	"reindeer husbandry": {"agriculture", "sami culture"}, "hunting and fishing": {"outdoor"}, "nature": {"outdoor", "climate"},
	"residential": {"construction", "real estate"}, "interior": {"design"}, "packaging": {"logistics"}, "plastics": {"raw materials"},
	"steel": {"raw materials", "metallurgy"}, "textile recycling": {"recycling", "fashion"}, "beverages": {"food"}, "bakery": {"food"},
	"berries": {"food", "forestry"}, "game meat": {"meat"}, "physician": {"health"}, "nurse": {"health", "care"}, "schoolteacher": {"school"},
	"professor": {"university"}, "municipal planning": {"public sector"}, "smart city": {"public sector", "software"},
	"culture and heritage": {"culture"}, "language technology": {"artificial intelligence"}, "quantum": {"photonics", "research"},
	"accessibility": {"design"}, "physics": {"research"},
}

// genericTerms name the groups that say little about a topic on their
// own ("research", "innovation"): they count a quarter of a topical term
// in tag similarity, so a contact whose only tag is "research" is not
// proposed to every start-up that does research. A wish naming one still
// counts in full.
var genericTerms = []string{"research", "innovation", "competence", "industry", "technology", "startup", "project", "data", "system", "development", "business", "sustainability", "digitalisation"}

// functionTerms name the groups of roles that exist in every sector: a
// buyer, an investor, an adviser. A role wish for one of them ("any
// buyer") weighs with the topics the two sides share (Weights.RoleAlone);
// a role of a sector ("pistsjef", "fjellfører") is a topic in itself and
// weighs in full.
var functionTerms = []string{"procurement", "investment", "venture capital", "business angel", "funding", "mentor", "legal", "sales", "marketing",
	"business development", "business", "project", "research", "development", "customer", "recruitment", "competence", "technology", "innovation", "public sector", "administration", "business operations", "bank"}

// roleHeads are the words that make a role a position rather than a
// field: "sjef" in "innkjøpssjef", "chef" in "byggchef". A role wish is
// matched on its field ("innkjøp", "bygg"), so "rolle:innkjøpssjef" does
// not find every chief; a wish of head words only ("role:daglig leder")
// is matched on them.
var roleHeads = []string{
	"sjef", "chef", "leder", "ledare", "leiar", "manager", "head", "chief", "director", "direktør", "direktör", "daglig", "officer",
	"ansvarlig", "ansvarig", "senior", "ansatt", "anställd", "koordinator", "samordnare", "strateg", "strategist", "vd", "ceo", "cto", "cfo",
	"medarbeider", "medarbetare", "assistent", "handläggare", "saksbehandler",
}
