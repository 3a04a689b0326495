//! English knowledge for entity recognition: a common-word list with census first names and
//! surnames (`assets/lexicon/en_words.tsv.gz`, built by `tools/build_lexicon.py` from SCOWL via
//! Debian `wamerican` and PyPI `names`), English place and organisation names the generated
//! tables lack (`assets/lexicon/hand/en_names.tsv`) and the cue words of English names.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::OnceLock;

use crate::model::EntityType;

use super::NerError;

/// The lower-case form is an English common word (SCOWL).
pub const EN_COMMON: u8 = 1;
/// SCOWL lists the word capitalised (a proper noun).
pub const EN_PROPER: u8 = 2;
/// A US census first name.
pub const EN_FIRST: u8 = 4;
/// One of the 20,000 most frequent US census surnames.
pub const EN_SURNAME: u8 = 8;

const EN_WORDS_GZ: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/en_words.tsv.gz"
));
const EN_NAMES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/hand/en_names.tsv"
));

/// English word flags and names.
pub struct EnglishLexicon {
    words: HashMap<Box<str>, u8>,
    names: HashMap<&'static str, (EntityType, &'static str)>,
    heads: HashSet<&'static str>,
}

impl std::fmt::Debug for EnglishLexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnglishLexicon")
            .field("words", &self.words.len())
            .field("names", &self.names.len())
            .finish_non_exhaustive()
    }
}

impl EnglishLexicon {
    /// The English lexicon embedded in the binary, decoded once on first use.
    pub fn embedded() -> Result<&'static EnglishLexicon, NerError> {
        static LEX: OnceLock<Result<EnglishLexicon, String>> = OnceLock::new();
        LEX.get_or_init(|| EnglishLexicon::load().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|reason| NerError::CorruptAsset {
                name: "assets/lexicon/en_words.tsv.gz",
                reason: reason.clone(),
            })
    }

    fn load() -> Result<EnglishLexicon, NerError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(EN_WORDS_GZ)
            .read_to_string(&mut text)
            .map_err(|e| NerError::CorruptAsset {
                name: "assets/lexicon/en_words.tsv.gz",
                reason: e.to_string(),
            })?;
        let mut words = HashMap::with_capacity(100_000);
        for line in text.lines() {
            if let Some((w, f)) = line.split_once('\t') {
                words.insert(w.into(), f.trim().parse::<u8>().unwrap_or(0));
            }
        }
        let mut names = HashMap::new();
        let mut heads = HashSet::new();
        for line in EN_NAMES
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let mut it = line.split('\t');
            if let (Some(surface), Some(ty), Some(canonical)) = (it.next(), it.next(), it.next())
                && let Some(ty) = EntityType::parse(ty)
            {
                names.insert(surface, (ty, canonical.trim_end()));
                if let Some((head, _)) = surface.split_once(' ') {
                    heads.insert(head);
                }
            }
        }
        Ok(EnglishLexicon {
            words,
            names,
            heads,
        })
    }

    /// The flags of a word ([`EN_COMMON`], …), looked up in lower case, a possessive removed.
    pub fn word(&self, word: &str) -> u8 {
        let base = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .or_else(|| word.strip_suffix('\''))
            .unwrap_or(word);
        let low = base.to_lowercase();
        self.words.get(low.as_str()).copied().unwrap_or(0)
    }

    /// A listed English name: its type and canonical name ("U.S." → LOC "United States").
    pub fn name(&self, surface: &str) -> Option<(EntityType, &'static str)> {
        self.names.get(surface).copied().or_else(|| {
            // "Calif" before a separate full stop.
            (surface.len() <= 8 && !surface.ends_with('.'))
                .then(|| self.names.get(format!("{surface}.").as_str()).copied())
                .flatten()
        })
    }

    /// True when `word` starts a listed multi-word name ("Black" of "Black Sea").
    pub fn starts_name(&self, word: &str) -> bool {
        self.heads.contains(word)
    }
}

/// True for a word that is only an English common word: its lower-case form is a common word
/// and it is neither a listed proper noun nor a census first name.
pub fn common_only(flags: u8) -> bool {
    flags & EN_COMMON != 0 && flags & (EN_PROPER | EN_FIRST) == 0
}

/// Titles and roles before an English person's name (not part of the name).
pub const PERSON_TITLES: &[&str] = &[
    "President",
    "Presidents",
    "Vice",
    "Prime",
    "Minister",
    "Ministers",
    "Secretary",
    "Treasurer",
    "Chancellor",
    "Premier",
    "Governor",
    "Gov.",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Mayor",
    "Judge",
    "Justice",
    "Attorney",
    "General",
    "Gen.",
    "Lt.",
    "Col.",
    "Maj.",
    "Capt.",
    "Sgt.",
    "Adm.",
    "Cmdr.",
    "Colonel",
    "Major",
    "Captain",
    "Sergeant",
    "Admiral",
    "Commander",
    "Lieutenant",
    "Marshal",
    "Detective",
    "Officer",
    "Inspector",
    "Ambassador",
    "Envoy",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Emperor",
    "Sheik",
    "Sheikh",
    "Pope",
    "Cardinal",
    "Archbishop",
    "Bishop",
    "Rev.",
    "Reverend",
    "Father",
    "Sister",
    "Brother",
    "Rabbi",
    "Imam",
    "Ayatollah",
    "Dr.",
    "Dr",
    "Prof.",
    "Professor",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Miss",
    "Sir",
    "Lord",
    "Lady",
    "Dame",
    "Chairman",
    "Chairwoman",
    "Director",
    "Spokesman",
    "Spokeswoman",
    "Leader",
    "Chief",
    "Deputy",
    "Foreign",
    "Defense",
    "Defence",
    "Interior",
    "Finance",
    "Trade",
    "Environment",
    "Health",
    "Tourism",
    "Education",
    "Justice",
    "State",
    "First",
    "Second",
    "Former",
    "Speaker",
];

/// Lower-case role words before a name ("spokesman Sergei Yastrzhembsky", "astronaut Jon McBride").
pub const PERSON_ROLES: &[&str] = &[
    "president",
    "presidents",
    "minister",
    "spokesman",
    "spokeswoman",
    "secretary",
    "leader",
    "chairman",
    "director",
    "commander",
    "general",
    "astronaut",
    "delegate",
    "republican",
    "democrat",
    "senator",
    "governor",
    "mayor",
    "correspondent",
    "reporter",
    "writer",
    "author",
    "manager",
    "executive",
    "chief",
    "detective",
    "officer",
    "lawyer",
    "attorney",
    "judge",
    "victim",
    "interpreter",
    "envoy",
    "ambassador",
    "analyst",
    "economist",
    "colleague",
    "counterpart",
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "mother",
    "father",
];

/// Last words that make a capitalised sequence an organisation.
pub const ORG_HEADS: &[&str] = &[
    "Agency",
    "Ministry",
    "Party",
    "Inc.",
    "Inc",
    "Corp.",
    "Corp",
    "Corporation",
    "Co.",
    "Company",
    "Ltd.",
    "Ltd",
    "LLC",
    "PLC",
    "plc",
    "Group",
    "Office",
    "Bank",
    "Fund",
    "Movement",
    "Council",
    "Commission",
    "Committee",
    "Court",
    "Army",
    "Force",
    "Forces",
    "Navy",
    "Department",
    "Embassy",
    "Consulate",
    "News",
    "Press",
    "Times",
    "Post",
    "Journal",
    "Association",
    "Union",
    "University",
    "College",
    "Institute",
    "Foundation",
    "Airlines",
    "Airways",
    "Organization",
    "Organisation",
    "League",
    "Front",
    "Service",
    "Authority",
    "Federation",
    "Board",
    "Bureau",
    "Assembly",
    "Parliament",
    "Congress",
    "Senate",
    "Police",
    "Guard",
    "Church",
    "Network",
    "Exchange",
    "Systems",
    "Microsystems",
    "Industries",
    "Motors",
    "Holdings",
    "Products",
    "Brothers",
    "Club",
    "Team",
    "Society",
    "Alliance",
    "Coalition",
];

/// Last words that make a capitalised sequence a place.
pub const GEO_HEADS: &[&str] = &[
    "Sea",
    "Ocean",
    "River",
    "Lake",
    "Mountains",
    "Mountain",
    "Hills",
    "Strait",
    "Straits",
    "Gulf",
    "Bay",
    "Island",
    "Islands",
    "Peninsula",
    "Valley",
    "Desert",
    "Canal",
    "Coast",
    "Province",
    "County",
    "Region",
    "District",
    "State",
    "St.",
    "Street",
    "Ave.",
    "Avenue",
    "Road",
    "Boulevard",
    "Blvd.",
    "Square",
    "Airport",
    "Bridge",
    "Heights",
    "Plateau",
    "Basin",
    "Harbor",
    "Harbour",
    "Falls",
    "Park",
    "Beach",
    "City",
];

/// First words that make a capitalised sequence a place ("Mount Everest", "Lake Geneva").
pub const GEO_FIRST: &[&str] = &["Mount", "Mt.", "Lake", "Gulf", "Cape", "Fort", "Port"];

/// Last words that make a capitalised sequence an event, law or work.
pub const OTH_HEADS: &[&str] = &[
    "War",
    "Olympics",
    "Games",
    "Cup",
    "Championship",
    "Championships",
    "Prize",
    "Award",
    "Awards",
    "Act",
    "Treaty",
    "Accord",
    "Accords",
    "Agreement",
    "Convention",
    "Festival",
    "Revolution",
    "Crisis",
    "Program",
    "Programme",
    "Plan",
    "Doctrine",
    "Declaration",
    "Protocol",
];

/// News agencies in datelines ("MOSCOW (AP) _").
pub const AGENCIES: &[&str] = &["AP", "Reuters", "AFP", "UPI", "dpa", "Xinhua", "CNN", "BBC"];

/// Words before a place: "in Anlong Veng", "near Bangkok".
pub const PLACE_PREPS: &[&str] = &[
    "in", "near", "from", "at", "to", "into", "outside", "across", "toward", "towards", "via",
    "In", "Near", "From", "At",
];

/// Nouns that introduce a place name: "the province of Surin", "the city of Kursk".
pub const PLACE_NOUNS: &[&str] = &[
    "province", "city", "town", "village", "region", "state", "district", "island", "capital",
    "port", "county", "republic",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_flags_table() {
        let lex = EnglishLexicon::embedded().expect("english lexicon");
        let cases: &[(&str, u8, bool)] = &[
            ("Peace", EN_COMMON, true),
            ("Still", EN_COMMON, true),
            ("Robert", EN_FIRST, true),
            ("Leonid", EN_PROPER, true),
            ("Howes", EN_SURNAME, true),
            ("Yeltsin's", EN_COMMON, false),
            ("Xyzzyq", EN_COMMON, false),
        ];
        for &(w, flag, expected) in cases {
            assert_eq!(lex.word(w) & flag != 0, expected, "{w}: {}", lex.word(w));
        }
        assert!(common_only(lex.word("Tired")));
        assert!(!common_only(lex.word("Robert")));
        assert_eq!(lex.name("U.S."), Some((EntityType::Loc, "United States")));
        assert_eq!(lex.name("Asia").map(|n| n.0), Some(EntityType::Loc));
        assert!(lex.starts_name("Black") || lex.starts_name("Soviet"));
        assert!(lex.name("Tired").is_none());
    }
}
