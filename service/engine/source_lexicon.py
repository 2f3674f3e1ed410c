"""Word lists for grouping and typing attribution sources (used by :mod:`service.engine.sources`).

Everything here is hand-written for this project: the outlet names and aliases come from the
mastheads of major English-language news organisations; the titles, anonymous head nouns,
document nouns and organisation suffixes from newsroom usage (AP style titles, the examples in
the PolNeAR annotation guidelines); the first names are common US given names as listed in the
US Social Security Administration's popular-names tables, plus a few names of world leaders who
are often quoted, chosen by hand and kept short on purpose. All entries are lower case unless
noted; lookups lower-case the token and drop a trailing period ("Sen." -> "sen").
"""

from __future__ import annotations

from service.engine.wordlists import words


def _words(block: str) -> frozenset[str]:
    return frozenset(w.rstrip(".") for w in block.split())


# --- pronouns ------------------------------------------------------------------------------

MALE_PRONOUNS = _words("he him")
FEMALE_PRONOUNS = _words("she her")
GROUP_PRONOUNS = _words("they them")  # organisation, publication or group
THING_PRONOUNS = _words("it")  # organisation, publication or document
FIRST_SINGULAR = words("first_second_person", person="1", number="singular", form="personal")
FIRST_PLURAL = words("first_second_person", person="1", number="plural", form="personal")
# the reader or an interviewer: never resolved; not "your" (a determiner, no mention)
SECOND_PERSON = words("first_second_person", person="2", form="personal")
RELATIVE_PRONOUNS = _words("who whom whose which that")  # refer to the noun phrase just before
PRONOUNS = (
    MALE_PRONOUNS
    | FEMALE_PRONOUNS
    | GROUP_PRONOUNS
    | THING_PRONOUNS
    | FIRST_SINGULAR
    | FIRST_PLURAL
    | SECOND_PERSON
    | RELATIVE_PRONOUNS
)

# --- personal titles -------------------------------------------------------------------------

# Honorifics that fix a person's gender ("Mr. Rutte" is a man).
HONORIFIC_GENDER: dict[str, str] = {
    "mr": "m",
    "messrs": "m",
    "sir": "m",
    "lord": "m",
    "king": "m",
    "prince": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "mme": "f",
    "madam": "f",
    "dame": "f",
    "lady": "f",
    "queen": "f",
    "princess": "f",
}
HONORIFICS = frozenset(HONORIFIC_GENDER) | _words("dr prof mx rev")
# Abbreviated titles, spelled out so that "Sen. Cotton" and "the senator" match.
TITLE_ABBREVIATIONS: dict[str, str] = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "maj": "major",
    "capt": "captain",
    "sgt": "sergeant",
    "adm": "admiral",
    "cmdr": "commander",
    "prof": "professor",
    "dr": "doctor",
    "rev": "reverend",
    "atty": "attorney",
    "supt": "superintendent",
    "pres": "president",
    "sec": "secretary",
    "chmn": "chairman",
    "amb": "ambassador",
    "cpl": "corporal",
    "pvt": "private",
}

# Gendered role nouns ("a spokeswoman for the company" is a woman).
ROLE_GENDER: dict[str, str] = {
    "spokesman": "m",
    "spokeswoman": "f",
    "chairman": "m",
    "chairwoman": "f",
    "congressman": "m",
    "congresswoman": "f",
    "councilman": "m",
    "councilwoman": "f",
    "assemblyman": "m",
    "assemblywoman": "f",
    "businessman": "m",
    "businesswoman": "f",
    "congressmen": "m",
    "anchorman": "m",
    "anchorwoman": "f",
    "father": "m",
    "mother": "f",
    "husband": "m",
    "wife": "f",
    "son": "m",
    "daughter": "f",
    "brother": "m",
    "sister": "f",
    "widow": "f",
    "widower": "m",
    "actor": "m",
    "actress": "f",
    "grandfather": "m",
    "grandmother": "f",
    "grandson": "m",
    "granddaughter": "f",
    "uncle": "m",
    "aunt": "f",
    "nephew": "m",
    "niece": "f",
    "boyfriend": "m",
    "girlfriend": "f",
}

# Words of a person's title or job, written before a name ("NATO Secretary General Mark
# Rutte", "Tesla chief executive Elon Musk", "Texas Gov. Greg Abbott"). Stripped from names.
TITLE_WORDS = (
    HONORIFICS
    | frozenset(HONORIFIC_GENDER)
    | frozenset(ROLE_GENDER)
    | _words(
        """
    president vice prime minister secretary general senator sen representative rep
    congressman congresswoman gov governor lt mayor judge justice chief executive ceo cfo coo
    cto chairman chairwoman chair director deputy spokesman spokeswoman spokesperson
    ambassador commissioner attorney lawyer professor doctor pope cardinal bishop archbishop
    reverend father rabbi imam sheikh sheik gen col maj capt sgt adm cmdr cpl pvt officer
    detective sheriff chancellor leader speaker majority minority whip state foreign defense
    defence interior finance treasury health home economy trade energy labor labour commerce
    education homeland security national adviser advisor counsel special press founder
    cofounder co-founder owner head manager coach economist strategist analyst researcher
    scientist author former then acting interim incoming outgoing top senior assistant
    associate executive managing supreme federal district prosecutor solicitor auditor
    inspector lieutenant colonel major captain sergeant admiral commander marshal general's
    premier emir crown foreign-minister secretary-general vice-president first
    presidential candidate nominee hopeful challenger incumbent chairperson ceo-designate
    partner president-elect envoy minister's delegate dean provost principal superintendent
    police fire city county state's u.s counterpart councillor councilor alderman
    """
    )
)

# Title words that do not make a title on their own ("the former New Mexico governor" has a
# title, "former New Mexico" does not), and are ignored when matching "the former president".
TITLE_MODIFIERS = _words(
    """
    former then acting interim incoming outgoing top senior first current longtime
    longtime-serving new national federal state city county police fire u.s state's
    assistant associate deputy vice special managing executive chief general
    """
)

# Adjectives that are not a role's principal ("the Democratic nominee" is nobody's nominee
# in particular; "the GOP nominee" is the GOP's).
GROUP_ADJECTIVES = _words(
    """
    democratic republican libertarian conservative liberal progressive independent green
    american british english french german russian chinese israeli palestinian ukrainian
    iranian european african asian mexican canadian japanese korean indian pakistani
    syrian iraqi afghan turkish saudi italian spanish polish dutch swedish australian
    western eastern northern southern arab muslim christian jewish catholic black white
    """
)

# Heads of a title phrase that can stand for a person on their own ("the secretary general",
# "the senator", "the company's chief executive"); singular, one holder per organisation.
ROLE_NOUNS = _words(
    """
    spokesman spokeswoman spokesperson representative lawyer attorney counsel secretary
    president chairman chairwoman chair chairperson director minister ambassador governor
    mayor senator congressman congresswoman founder cofounder co-founder owner head leader
    manager coach commissioner chancellor general executive ceo cfo premier judge sheriff
    speaker envoy prosecutor superintendent economist councilman councilwoman assemblyman
    nominee candidate
    assemblywoman representative lieutenant colonel admiral commander captain sergeant
    professor doctor reverend pope king queen prince princess
    """
)
# One family: any of these is normalised to "spokesperson" in names.
SPOKESPERSON = _words("spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen")

# --- anonymous sources -----------------------------------------------------------------------

# Head nouns of unnamed people or groups ("three officials briefed on the trip", "critics").
ANON_HEADS = _words(
    """
    official officials source sources person people persons individual individuals
    critic critics expert experts analyst analysts aide aides adviser advisers advisor advisors
    supporter supporters observer observers insider insiders resident residents witness
    witnesses lawmaker lawmakers legislator legislators diplomat diplomats investigator
    investigators prosecutors authorities police officers economists scientists researchers
    doctors activist activists protester protesters protestors demonstrators voter voters
    member members staffer staffers employee employees worker workers executives leaders
    colleagues colleague allies ally opponents opponent detractors skeptics sceptics
    proponents advocates advocate fans users customers investors investor traders trader
    bankers banker strategists forecasters pollsters commentators pundits historians
    neighbors neighbours neighbor neighbour friends friend relatives relative family families
    parents students teachers nurses farmers owners organizers organisers participants
    attendees negotiators mediators envoys representatives spokespeople spokesmen
    spokeswomen lawyers attorneys prosecutor veterans soldiers troops survivors victims
    someone somebody anyone everyone nobody man woman men women others many some several
    most few both all one two three four five six seven eight nine ten dozens scores
    hundreds thousands millions majority minority percent
    environmentalists companies creditors regulators reader readers physicians candidates
    contenders groups organizations organisations firms agencies nations countries states
    governments moderator moderators questioner announcer narrator senators presidents
    journalist journalists reporter reporters correspondent correspondents host hosts anchor
    anchors caller callers viewer viewers listener listeners writer writers author authors
    columnist columnists commentator editor editors blogger bloggers scholar scholars
    academic academics storytellers speechwriters operatives operative surrogates surrogate
    user users businessman businesswoman businessmen father mother wife husband son daughter
    brother sister ex-wife ex-husband siblings children parents widow cousin uncle aunt
    grandmother grandfather spouse partner fellow veteran survivor victim teacher student
    nurse farmer owner employee worker contractor consultant lobbyist lobbyists donor donors
    citizens citizen millennials media rivals rival crowd crowds public delegates
    superdelegates audience audiences establishment base community leadership staff staffs
    parties generation hopefuls hopeful unions associates liberals conservatives
    progressives front-runner frontrunner neurosurgeon surgeon mogul actress actor star stars
    strategist socialist organizer organizers speechwriter insiders circle allies camp
    campaigns outlets networks
    """
)

# Leading words of a noun phrase that are not its head ("a", "the", "three", "some").
DETERMINERS = _words(
    """
    a an the this that these those another other some many several most few both all each
    every any one two three four five six seven eight nine ten eleven twelve dozen dozens
    hundreds thousands more fewer numerous various multiple his her its their our my your
    such about nearly almost roughly only just approximately even especially including
    """
)
# Nouns of quantity before "of" ("a number of experts", "a chorus of Republicans"): the head
# is the noun after "of".
QUANTITY_NOUNS = _words(
    """
    number raft chorus pair array handful majority minority host slew series couple group
    bunch lot lots plenty range variety dozen dozens hundreds thousands millions percent
    share half third quarter fraction portion segment majorities out slice wing faction
    """
)
# Determiners that make a noun phrase refer back ("the officials" -> "three officials ...").
DEFINITE = _words("the this that these those")
# Determiners that introduce someone new ("another official").
NEW_REFERENT = _words("another other a an")
# Quantifier mentions that are a group on their own ("some", "many", "others").
QUANTIFIERS = _words("some many several most few both all others one")
# Words ending a noun phrase's pre-head part ("officials briefed on ...", "critics of ...").
POSTMODIFIER_STARTS = _words(
    """
    for of at with in on from to by about among inside within close closest familiar briefed
    knowledgeable involved speaking who whom whose that which working based told granted
    authorized authorised not released published conducted obtained seen reviewed filed sent
    issued posted cited commissioned quoted interviewed polled surveyed led representing
    close-to near under over after before during when while like including as across
    outside around throughout beyond elsewhere here there today now whose
    """
)

# --- documents -------------------------------------------------------------------------------

DOC_NOUNS = _words(
    """
    report reports statement statements poll polls survey surveys study studies memo memos
    memorandum letter letters email emails e-mail e-mails lawsuit lawsuits suit complaint
    complaints filing filings document documents record records data figures tweet tweets
    post posts analysis analyses assessment assessments review audit indictment affidavit
    transcript transcripts release announcement notice guidance guidelines findings estimate
    estimates forecast forecasts projections ruling order decision testimony message
    messages text texts video footage cable cables minutes research numbers statistics
    evidence brief motion petition dossier book article blog website census readout
    communique communiqué resolution paperwork records filing summary investigation probe
    charges charging affidavits warrant subpoena budget proposal plan bill legislation
    opinion dissent editorial column op-ed podcast interview broadcast documentary chart
    graph map model index calculations tally count results result ad ads advertisement spot
    clip clips piece film slide slides finding submission story stories returns accord
    agreement rules standards database average averages recording commentary account
    polling law laws platform speech speeches remarks draft drafts
    """
)

# --- publications ----------------------------------------------------------------------------

# Generic nouns for a news outlet ("the newspaper" refers back to the last publication).
PUB_GENERIC = _words(
    """
    newspaper paper publication outlet magazine network broadcaster channel station tabloid
    website newsletter journal
    """
)
# Words that make a capitalised name a news outlet ("the Boston Globe", "NBC News").
# Capitalised in the text; stored lower case.
PUB_WORDS = _words(
    """
    times post journal news herald tribune gazette magazine network radio tv television
    broadcasting press telegraph chronicle globe daily dispatch courier inquirer examiner
    sentinel observer standard mail mirror express monitor bulletin register reporter review
    weekly insider wire today star sun record bee beacon ledger enquirer newsweek
    """
)
# Publication names whose single last word is ambiguous on its own ("the Times", "the Post").
PUB_SHORT = _words("times post journal globe tribune herald guardian telegraph independent")

# Canonical outlet names and the forms that refer to them (lower case, without "the").
OUTLETS: dict[str, tuple[str, ...]] = {
    "The New York Times": ("new york times", "nyt", "ny times", "nytimes"),
    "The Washington Post": ("washington post", "wapo"),
    "The Wall Street Journal": ("wall street journal", "wsj"),
    "Financial Times": ("financial times", "ft"),
    "The Associated Press": ("associated press", "ap"),
    "Reuters": ("reuters", "thomson reuters"),
    "Bloomberg": ("bloomberg", "bloomberg news"),
    "CNN": ("cnn",),
    "Fox News": ("fox news", "fox", "fox news channel"),
    "MSNBC": ("msnbc",),
    "NBC News": ("nbc news", "nbc"),
    "CBS News": ("cbs news", "cbs"),
    "ABC News": ("abc news", "abc"),
    "NPR": ("npr", "national public radio"),
    "PBS": ("pbs", "pbs newshour"),
    "CNBC": ("cnbc",),
    "C-SPAN": ("c-span",),
    "BBC": ("bbc", "bbc news", "british broadcasting corporation"),
    "The Guardian": ("guardian",),
    "The Times": ("times of london",),
    "The Daily Telegraph": ("daily telegraph", "telegraph"),
    "The Independent": ("independent",),
    "Daily Mail": ("daily mail", "mail online", "dailymail"),
    "The Economist": ("economist",),
    "USA Today": ("usa today",),
    "Politico": ("politico",),
    "Axios": ("axios",),
    "The Hill": ("hill",),
    "HuffPost": ("huffington post", "huffpost"),
    "Breitbart News": ("breitbart", "breitbart news"),
    "The Atlantic": ("atlantic",),
    "The New Yorker": ("new yorker",),
    "Newsweek": ("newsweek",),
    "Time": ("time magazine",),
    "Los Angeles Times": ("los angeles times", "la times", "l.a. times"),
    "Chicago Tribune": ("chicago tribune",),
    "The Boston Globe": ("boston globe",),
    "New York Post": ("new york post",),
    "The Washington Times": ("washington times",),
    "The Washington Examiner": ("washington examiner",),
    "The Daily Beast": ("daily beast",),
    "The Daily Wire": ("daily wire",),
    "National Review": ("national review",),
    "The Intercept": ("intercept",),
    "ProPublica": ("propublica",),
    "Vox": ("vox",),
    "Slate": ("slate",),
    "Salon": ("salon",),
    "Mother Jones": ("mother jones",),
    "BuzzFeed News": ("buzzfeed news", "buzzfeed"),
    "Vice News": ("vice news", "vice"),
    "Business Insider": ("business insider", "insider"),
    "Yahoo News": ("yahoo news",),
    "Semafor": ("semafor",),
    "Punchbowl News": ("punchbowl news", "punchbowl"),
    "Roll Call": ("roll call",),
    "Newsmax": ("newsmax",),
    "One America News": ("one america news", "oann", "oan"),
    "Al Jazeera": ("al jazeera", "al-jazeera"),
    "Agence France-Presse": ("agence france-presse", "agence france presse", "afp"),
    "Sky News": ("sky news",),
    "Der Spiegel": ("der spiegel", "spiegel"),
    "Le Monde": ("le monde",),
    "The Information": ("information",),
    "The Wall Street Journal Editorial Board": ("journal editorial board",),
    "TMZ": ("tmz",),
    "Forbes": ("forbes",),
    "Fortune": ("fortune",),
    "Variety": ("variety",),
    "Rolling Stone": ("rolling stone",),
    "The Times of Israel": ("times of israel",),
    "Haaretz": ("haaretz",),
    "Kyiv Independent": ("kyiv independent",),
    "Interfax": ("interfax",),
    "TASS": ("tass",),
    "RIA Novosti": ("ria novosti", "ria"),
    "Xinhua": ("xinhua",),
    "Kyodo": ("kyodo", "kyodo news"),
    "Yonhap": ("yonhap",),
}
OUTLET_ALIASES: dict[str, str] = {
    alias: name for name, aliases in OUTLETS.items() for alias in aliases
}

# --- organisations ---------------------------------------------------------------------------

# A capitalised name whose last word is one of these is an organisation ("Acme Corp",
# "the Justice Department"); one followed by "of"/"for" too ("Department of Justice").
ORG_SUFFIXES = _words(
    """
    inc inc. corp corporation co company companies ltd llc plc ag sa nv gmbh group holdings
    party department ministry agency committee commission council university college institute
    institution foundation association union campaign administration congress senate house
    parliament assembly court police army navy force forces guard bank fund trust authority
    bureau office board service services center centre society league alliance coalition
    federation organization organisation network partners capital systems technologies
    laboratories labs industries airlines airways motors energy pharmaceuticals international
    foods brands
    watch caucus cabinet government republic kingdom embassy consulate school schools
    hospital clinic church diocese team club firm chamber exchange reserve command corps
    secretariat directorate inspectorate tribunal legislature commission's department's
    enforcement
    """
)
# Generic nouns that refer back to an organisation ("the company", "the campaign").
ORG_NOUNS = _words(
    """
    company firm group organization organisation agency department ministry campaign
    committee administration government party council bank university institute foundation
    association union court commission office bureau board team club airline carrier
    automaker manufacturer retailer insurer lender startup regulator embassy
    military army navy legislature parliament cabinet coalition alliance
    league church school hospital network charity nonprofit watchdog hotel restaurant
    store chain panel city state county fund authority bloc
    """
)
# Of the ORG_NOUNS, those that may refer back to any organisation ("the company" -> "Acme
# Corp"); the others must match the antecedent's name ("the campaign" -> "the Harris
# campaign", "the department" -> "the Justice Department") or stay unnamed ("the government").
ORG_NOUNS_ANY = _words(
    """
    company firm group organization organisation agency airline carrier automaker
    manufacturer retailer insurer lender startup regulator watchdog charity nonprofit chain
    store hotel restaurant
    """
)

# Well-known organisations whose names carry no suffix (lower case, without "the").
KNOWN_ORGS = _words(
    """
    nato un eu gop dnc rnc fbi cia nsa dhs doj irs sec fda cdc nih epa faa fcc ftc fema ice
    who imf wto opec osce iaea icc icj nasa pentagon kremlin hamas hezbollah taliban isis
    houthis google alphabet apple microsoft amazon meta facebook twitter tesla spacex boeing
    airbus pfizer moderna openai nvidia intel ibm oracle netflix disney walmart exxon
    exxonmobil chevron shell bp toyota volkswagen ford gm uber lyft tiktok bytedance huawei
    samsung sony jpmorgan citigroup citi blackrock vanguard fed eurostat ons ecb opec+
    interpol europol unicef unesco unhcr greenpeace
    """
) | frozenset(
    (
        "white house",
        "federal reserve",
        "goldman sachs",
        "morgan stanley",
        "wells fargo",
        "bank of america",
        "general motors",
        "general electric",
        "general mills",
        "general dynamics",
        "human rights watch",
        "amnesty international",
        "red cross",
        "world bank",
        "supreme court",
        "united nations",
        "european union",
        "european commission",
        "security council",
        "downing street",
        "élysée",
        "elysee",
        "ford motor",
        "lockheed martin",
        "northrop grumman",
        "raytheon",
        "johnson & johnson",
        "procter & gamble",
        "x corp",
        "planned parenthood",
        "black lives matter",
        "proud boys",
        "oath keepers",
        "wagner",
        "islamic state",
        "al qaeda",
        "al-qaeda",
        "the fed",
        "capitol police",
        "secret service",
        "state department",
        "justice department",
        "defense department",
        "treasury department",
        "home office",
        "foreign office",
        "scotland yard",
        "heritage foundation",
        "brookings institution",
        "pew research center",
        "gallup",
        "ipsos",
        "yougov",
        "quinnipiac",
        "moody's",
        "fitch",
        "s&p",
        "standard & poor's",
        # countries speak through their governments
        "united states",
        "united kingdom",
        "united arab emirates",
        "european council",
    )
)

# All-capital words that are not organisations (countries, units, everyday abbreviations).
ACRONYM_STOP = _words(
    """
    us u.s. usa u.s.a. uk u.k. uae d.c. dc tv ok am pm a.m. p.m. et est edt pst pdt gmt utc
    gdp ceo cfo coo cto covid covid-19 ai id ii iii iv vi jr sr mp mps md phd usd eur gbp
    faq q&a pdf url vip lgbt lgbtq dna rna hiv aids ev evs mph kg km nyc la
    """
)

# Proper plurals naming a group, not an organisation ("Democrats said", "Senate Republicans").
GROUP_PROPER = _words(
    """
    democrats republicans conservatives liberals progressives independents tories
    libertarians socialists communists americans europeans israelis palestinians ukrainians
    russians chinese iranians britons germans french canadians mexicans democrat republican
    catholics muslims christians jews evangelicals latinos latinas hispanics blacks whites
    asians
    """
)

# --- name structure --------------------------------------------------------------------------

# Lower-case particles inside personal and place names ("Ursula von der Leyen").
NAME_PARTICLES = _words(
    "de del della der den di da van von la le du dos das ter ten bin ibn al el st"
)
NAME_SUFFIXES = _words("jr sr ii iii iv v")
# Particles found inside personal names but hardly in place names ("Joost van Leer", "Ursula
# von der Leyen", "Osama bin Laden"; unlike "de" of "Rio de Janeiro"): they show a person.
PERSON_PARTICLES = _words("van von der den ter ten bin ibn")
# Capitalised words after which "of"/"for"/"and" continues a name ("Department of Justice",
# "Office for National Statistics", "Secretary of State Antony Blinken").
ORG_CONNECT_LEFT = ORG_SUFFIXES | _words(
    """
    secretary minister ministry chief bank university college school museum republic kingdom
    united states bureau office board chamber federation league council house centers centre
    center institute society director head speaker chairman commissioner governor president
    attorney inspector chancellor
    """
)
# Capitalised words that never start or continue a name: sentence-initial function words,
# pronouns, weekdays and months.
CAP_BREAK = _words(
    """
    the a an but and or nor so yet in on at by for from to of with without after before when
    whenever while if as since although though because unless until it he she they we i you
    his her its their our my your this that these those there here what who whom whose why how
    where which yes no not asked speaking according despite during under over about above
    below between among amid against toward towards into onto upon per via
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec mon tue tues wed thu thurs fri sat sun
    """
)
# ... and these only never start one ("Meanwhile, ..."; but "USA Today" keeps "Today").
CAP_STOP = CAP_BREAK | _words(
    """
    now then still also meanwhile however instead indeed moreover thus therefore earlier
    later last next first second third finally overall today tomorrow yesterday tonight
    """
)

# Abbreviations whose period does not end a sentence.
ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof sen rep gov gen lt col maj capt sgt adm cmdr cpl pvt rev st jr sr
    inc corp co ltd no vs etc jan feb mar apr aug sept sep oct nov dec mt ft ave blvd
    messrs mme mx u.s u.k d.c u.n e.u a.m p.m
    """
)

# --- page furniture --------------------------------------------------------------------------

# Lines that belong to the page, not the story; names on them are not antecedents.
FURNITURE_PREFIXES = (
    "by ",
    "reporting by",
    "additional reporting",
    "editing by",
    "writing by",
    "compiled by",
    "contributed by",
    "advertisement",
    "share",
    "updated",
    "published",
    "posted",
    "read more",
    "related",
    "sign up",
    "subscribe",
    "photo",
    "image",
    "video",
    "credit",
    "getty images",
    "©",
    "copyright",
    "all rights reserved",
    "listen",
    "follow",
    "email",
    "print",
    "comments",
    "recommended",
    "most read",
    "skip to",
    "story continues",
    "continue reading",
    "reuters -",
    "ap -",
)

# Photo agencies and credit words: a parenthesised "(Name/AFP/Getty Images)" or a line
# "© Provided by ..." is a credit, whose names are no antecedents and no sources.
CREDIT_WORDS = (
    "getty images",
    "getty",
    "afp",
    "reuters",
    "ap photo",
    "the associated press",
    "associated press",
    "the canadian press",
    "canadian press",
    "shutterstock",
    "epa",
    "file photo",
    "handout",
    "pool",
    "bloomberg",
    "xinhua",
    "anadolu",
    "sipa",
    "alamy",
    "provided",
    "photo",
    "photos",
    "image",
    "images",
    "credit",
    "courtesy",
    "supplied",
    "file",
)
# Opening words of a correction or update note ("Corrects paragraph 4 to show ...").
CORRECTION_STARTS = (
    "corrects",
    "correction",
    "clarification",
    "clarifies",
    "updates",
    "recasts",
    "refiles",
    "adds",
    "editor's note",
    "editor’s note",
    "editors' note",
)

# --- what a source span is not (service.engine.source_spans) -----------------------------

# Adverbs that the span model takes for a source or runs into one ("Somehow", "Pompeo
# later", "Originally from ..."); any lower-case word ending in -ly is treated alike.
ADVERBS = _words(
    """
    somehow originally later also further actually often again then now still too already
    once instead however meanwhile together almost really even just never always ever
    perhaps maybe apparently thus therefore indeed moreover nonetheless nevertheless
    otherwise anyway rather quite very soon ago afterwards afterward earlier today tonight
    yesterday tomorrow recently separately previously subsequently privately publicly
    repeatedly reportedly allegedly initially ultimately eventually please yet here there
    """
)
# Words ending in -ly that are nouns or adjectives, not adverbs ("early results", "a tally").
LY_NOUNS = _words(
    "family ally rally supply assembly daily weekly monthly quarterly italy "
    "july anomaly homily lily belly jelly bully folly melancholy monopoly "
    "early only likely unlikely elderly friendly lonely lovely holy ugly costly "
    "deadly tally jolly silly"
)
# Words that open a phrase fronted before the subject ("As a student, Lynch ...", "Originally
# from Arichat, N.S., Martell ...", "To understand it, Roberts ..."): never part of a source.
FRONTED_STARTS = _words(
    """
    as in at on after before during while when whenever since from for with without despite
    unlike like to asked speaking writing having being born raised originally once though
    although because if unless until upon among amid under over following given back
    earlier later according
    """
)
# Prepositions before a name used as a place ("in Nova Scotia", "from Arichat"): such a name
# speaks for no one.
LOCATIVE = _words(
    "in at from near across throughout outside inside into around within between toward towards via"
)
# Words that open a clause inside a span ("42 percent, while Trump received ..."): the
# source ends before them.
SUBORDINATORS = _words("while because although though whereas but if when")
# Finite verbs after which a span is a clause ("The campaign says the candidate ..."): the
# source is the noun phrase on the cue's side of it.
FINITE_VERBS = _words(
    """
    says said tells told adds added writes wrote insists insisted claims claimed notes
    noted suggests suggested argues argued believes believed thinks thought will would could
    should can may might must shall has have had is are was were does did do
    """
)
# Places: countries, US states, Canadian provinces and their abbreviations, and regions.
# A place is no antecedent for "she" or "it" ("it said" is the WHO, not Congo).
PLACES = _words(
    """
    afghanistan albania algeria angola argentina armenia australia austria azerbaijan
    bahrain bangladesh belarus belgium bolivia bosnia brazil bulgaria burma cambodia
    cameroon canada chile china colombia congo croatia cuba cyprus czechia denmark
    ecuador egypt eritrea estonia ethiopia finland france gabon gaza georgia germany ghana
    greece guatemala guinea haiti honduras hungary iceland india indonesia iran iraq ireland
    israel italy jamaica japan kazakhstan kenya korea kosovo kuwait laos latvia
    lebanon liberia libya lithuania luxembourg madagascar malawi malaysia mali malta mexico
    moldova mongolia montenegro morocco mozambique myanmar namibia nepal netherlands
    nicaragua niger nigeria norway oman pakistan palestine panama paraguay peru philippines
    poland portugal qatar romania russia rwanda scotland senegal serbia singapore slovakia
    slovenia somalia spain sudan sweden switzerland syria taiwan tajikistan tanzania
    thailand tunisia turkey uganda ukraine uruguay uzbekistan venezuela vietnam wales yemen
    zambia zimbabwe england britain europe africa asia america antarctica
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
    alberta manitoba ontario quebec saskatchewan nunavut yukon labrador newfoundland
    """
) | frozenset(
    (
        "new hampshire",
        "new jersey",
        "new mexico",
        "new york",
        "north carolina",
        "north dakota",
        "rhode island",
        "south carolina",
        "south dakota",
        "west virginia",
        "british columbia",
        "nova scotia",
        "new brunswick",
        "prince edward island",
        "northwest territories",
        "democratic republic of congo",
        "democratic republic of the congo",
        "republic of congo",
        "south africa",
        "south korea",
        "north korea",
        "south sudan",
        "sri lanka",
        "saudi arabia",
        "new zealand",
        "ivory coast",
        "costa rica",
        "el salvador",
        "puerto rico",
        "dominican republic",
        "czech republic",
        "central african republic",
        "hong kong",
        "middle east",
        "latin america",
        "north america",
        "south america",
        "west bank",
        "n.s",
        "n.b",
        "b.c",
        "ont",
        "que",
        "alta",
        "sask",
        "nfld",
        "p.e.i",
        "calif",
        "fla",
        "mich",
        "minn",
        "ariz",
        "colo",
        "conn",
        "ga",
        "ind",
        "md",
        "n.c",
        "n.y",
        "n.j",
        "pa",
        "tenn",
        "va",
        "wash",
        "wis",
        "ky",
        "la",
        "okla",
        "ore",
    )
)

# --- first names -----------------------------------------------------------------------------

MALE_NAMES = _words(
    """
    james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
    christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
    jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy
    vincent ralph eugene russell bobby mason philip louis harry howard fred martin craig todd
    shawn chad travis derek dustin marcus luis carlos jim jimmy tom tim mike bill bob dan dave
    steve rick ron don ted chuck mitch rand bernie pete rudy newt kirk marco josh hakeem
    barack mitt hunter beau elon jeff sundar satya sam warren jerome lloyd antony jake jared
    grant neil glenn gavin greg ken kent luke leo oliver owen max maxwell milton ray rex
    ross seth spencer stanley stuart victor wesley xavier zach nate ben alex andy tony
    vladimir volodymyr emmanuel olaf keir rishi boris narendra recep viktor sergei sergey
    dmitry dmitri mohammed muhammad ahmed ali hassan omar abdullah ibrahim yoav benny naftali
    jens friedrich pedro luiz javier andres jair fumio shigeru justin pierre jean-luc
    francois emmanuel matteo mario silvio giuseppe hans karl wolfgang yevgeny alexei
    """
)
FEMALE_NAMES = _words(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
    margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela
    emma nicole helen samantha katherine christine debra rachel carolyn janet catherine
    maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina
    joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara
    madison frances kathryn janice jean abigail alice judy sophia grace denise amber doris
    marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla
    alexis lori jane jill kamala hillary hilary nikki elise ursula giorgia liz kate katie
    kristi kristen kirsten tulsi marjorie ilhan alexandria rashida ayanna gretchen kathy
    maxine dianne mazie tammy patty jeanne karine jen condoleezza madeleine melania ivanka
    sheryl ginni sonia elena ketanji sue anne annie claire chloe zoe lily ella ava mia
    harper avery sofia camila scarlett layla nora hazel aurora savannah audrey bella lucy
    caroline naomi aaliyah ariana allison gabriella madelyn ruby eva autumn adeline hailey
    gianna valentina isla ivy sadie piper lydia julia delilah vivian sophie madeline yvette
    priti suella nicola jacinda sanna mette kaja annalena kristalina ngozi marine carla
    jessie josephine lorraine rosa rose sylvia tina wendy yolanda valerie tracy tanya
    stacey stacy rita regina paula norma monica molly miranda mildred melinda meghan lucia
    lois lillian leslie kristin joanna melanie megyn hope tamara jenny jenna irene holly gina
    gail erin
    erica ellen eleanor edith dana crystal connie colleen clara cindy carrie bonnie beth
    """
)
