//! Small closed word lists the tokenizer and the sentence splitter consult: abbreviations,
//! month names, ordinal contexts and typical sentence starters. Lookups compare ASCII
//! case-insensitively and never allocate.

/// How an abbreviation that ends in a period behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// Practically never ends a sentence ("Dr.", "z.", "ca.", "Nr.").
    Strong,
    /// Often ends a sentence ("usw.", "etc.", "Inc.", "Jan."): a capitalised next word breaks.
    Weak,
}

/// Abbreviations that are followed by a name, a number or more of the same sentence.
const STRONG: &[&str] = &[
    // German
    "abb", "abs", "abt", "allg", "anm", "bd", "bde", "bearb", "bes", "betr", "bspw", "bzgl", "bzw",
    "ca", "chr", "dgl", "dipl", "dir", "dr", "dt", "ebd", "ehem", "eig", "eigtl", "engl", "entspr",
    "erg", "evtl", "exkl", "fa", "ff", "fr", "franz", "frz", "gebr", "geb", "gegr", "gem", "ges",
    "gest", "ggf", "ggü", "griech", "hl", "hr", "hrn", "hrsg", "inkl", "ing", "insb", "ital", "jh",
    "jhd", "jhdt", "jr", "kap", "kath", "kl", "lt", "max", "mio", "mind", "mrd", "mwst", "nachf",
    "nr", "nrn", "od", "pfd", "präs", "prof", "rd", "russ", "sog", "st", "stellv", "str", "tel",
    "tsd", "urspr", "verh", "vgl", "vorm", "vors", "zb", "zit", "zz", "zzgl", "zzt",
    // English
    "approx", "capt", "cf", "col", "dept", "det", "esp", "est", "fig", "figs", "ft", "gen", "gov",
    "hon", "lt", "maj", "messrs", "mr", "mrs", "ms", "mt", "pp", "rep", "reps", "rev", "sen",
    "sens", "sgt", "univ", "vol", "vols", "vs",
];

/// Abbreviations that often stand at the end of a sentence, or double as ordinary words.
const WEAK: &[&str] = &[
    "al", "art", "bros", "co", "corp", "etc", "inc", "jan", "feb", "mär", "apr", "jun", "jul",
    "aug", "sep", "sept", "okt", "oct", "nov", "dez", "dec", "ltd", "min", "mo", "di", "mi", "do",
    "sa", "so", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no",
    "nos", "plc", "sr", "std", "usf", "usw", "ave", "blvd",
];

/// The kind of abbreviation `word` (without its period) is, if it is one.
pub(crate) fn abbrev_kind(word: &str) -> Option<AbbrevKind> {
    if STRONG.iter().any(|a| a.eq_ignore_ascii_case(word)) {
        Some(AbbrevKind::Strong)
    } else if WEAK.iter().any(|a| a.eq_ignore_ascii_case(word)) {
        Some(AbbrevKind::Weak)
    } else {
        None
    }
}

/// German and English month names and their abbreviations.
const MONTHS: &[&str] = &[
    "januar",
    "jänner",
    "februar",
    "feber",
    "märz",
    "maerz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
    "jan",
    "feb",
    "mär",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "nov",
    "dez",
];

/// True when `word` names a month in German (full or abbreviated).
pub(crate) fn is_month(word: &str) -> bool {
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Nouns that a German ordinal number commonly precedes ("im 19. Jahrhundert").
const ORDINAL_NOUNS: &[&str] = &[
    "jahrhundert",
    "jahrhunderts",
    "jahrtausend",
    "jahrtausends",
    "jahrestag",
    "geburtstag",
    "todestag",
    "platz",
    "stock",
    "stockwerk",
    "etage",
    "runde",
    "spieltag",
    "sitzung",
    "tag",
    "woche",
    "klasse",
    "liga",
    "kapitel",
    "auflage",
    "legislaturperiode",
    "wahlperiode",
    "parteitag",
    "armee",
    "bezirk",
    "kongress",
    "sinfonie",
    "symphonie",
    "mal",
    "satz",
    "absatz",
    "buch",
    "teil",
    "jahrgang",
    "saison",
    "amtszeit",
    "division",
    "flotte",
    "korps",
    "regiment",
    "brigade",
    "bataillon",
    "lauf",
    "etappe",
    "quartal",
    "halbjahr",
    "bundesliga",
    "minute",
    "versuch",
    "durchgang",
    "wahlgang",
    "stufe",
    "welle",
    "generation",
    "person",
    "ausgabe",
    "weltkrieg",
    "weltkriegs",
    "weltkrieges",
    "vorsitzende",
    "vorsitzender",
    "bürgermeister",
    "fc",
    "fsv",
    "sc",
    "ffc",
    "vfb",
    "vfl",
    "violine",
    "geige",
    "mannschaft",
    "advent",
    "adventssonntag",
    "weihnachtstag",
    "feiertag",
    "staffel",
    "folge",
];

/// True when `word` is a noun German ordinals typically stand before.
pub(crate) fn is_ordinal_noun(word: &str) -> bool {
    ORDINAL_NOUNS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// German words after which a number with a period is an ordinal ("der 11. Sitzung").
const ORDINAL_CONTEXT: &[&str] = &[
    "der", "die", "das", "dem", "den", "des", "am", "im", "vom", "zum", "zur", "beim", "ins",
    "ans", "seit", "ab", "bis", "ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres", "sein", "seine",
    "seinem", "seinen", "seiner", "seines", "ein", "eine", "einem", "einen", "einer", "eines",
    "jede", "jeder", "jedes", "jedem", "jeden", "diese", "dieser", "dieses", "diesem", "diesen",
    "unsere", "unserer", "unserem", "unseren", "dessen", "deren", "zum", "und", "oder", "bzw.",
];

/// True when a number following `word` and ending in a period is read as a German ordinal.
pub(crate) fn is_ordinal_context(word: &str) -> bool {
    ORDINAL_CONTEXT.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Words that typically open a sentence in German or English news text.
const STARTERS: &[&str] = &[
    // German
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einer",
    "er",
    "sie",
    "es",
    "wir",
    "ich",
    "ihr",
    "man",
    "dies",
    "diese",
    "dieser",
    "dieses",
    "doch",
    "aber",
    "und",
    "auch",
    "nach",
    "am",
    "im",
    "auf",
    "in",
    "zudem",
    "zuvor",
    "damit",
    "dabei",
    "danach",
    "daher",
    "deshalb",
    "dann",
    "denn",
    "als",
    "wie",
    "was",
    "wer",
    "wenn",
    "bei",
    "mit",
    "seit",
    "so",
    "nun",
    "noch",
    "laut",
    "trotz",
    "dass",
    "jetzt",
    "heute",
    "gestern",
    "morgen",
    "allerdings",
    "außerdem",
    "inzwischen",
    "bereits",
    "vor",
    "für",
    "um",
    "unter",
    "zwar",
    "hier",
    "dort",
    // English
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "in",
    "on",
    "at",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "after",
    "before",
    "when",
    "while",
    "however",
    "meanwhile",
    "officials",
    "if",
    "as",
    "for",
    "with",
    "since",
    "so",
    "yet",
    "then",
    "now",
    "today",
    "yesterday",
    "some",
    "many",
    "most",
    "what",
    "who",
    "why",
    "how",
    "according",
    "under",
    "also",
    "still",
];

/// True when `word` is a typical sentence opener.
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    STARTERS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Top-level domains accepted for bare domain names such as `tagesschau.de`.
const TLDS: &[&str] = &[
    "de", "com", "org", "net", "eu", "at", "ch", "uk", "us", "ru", "fr", "it", "nl", "info", "io",
    "gov", "edu", "int", "kr", "kp", "cn", "jp", "ua", "pl", "es", "be", "dk", "se", "no", "fi",
    "biz", "tv", "news", "online", "ai",
];

/// True when `word` is one of the accepted top-level domains (lower case only).
pub(crate) fn is_tld(word: &str) -> bool {
    TLDS.contains(&word)
}

/// Words after which a trailing hyphen marks a truncated compound ("Ein- und Ausfuhr").
pub(crate) fn is_coordinator(word: &str) -> bool {
    matches!(
        word,
        "und" | "oder" | "bzw" | "sowie" | "bis" | "als" | "noch" | "wie" | "and" | "or" | "to"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(abbrev_kind("Dr"), Some(AbbrevKind::Strong));
        assert_eq!(abbrev_kind("usw"), Some(AbbrevKind::Weak));
        assert_eq!(abbrev_kind("Haus"), None);
        assert!(is_month("Juni"));
        assert!(is_month("MÄRZ") || is_month("März"));
        assert!(!is_month("Montag"));
        assert!(is_ordinal_noun("Jahrhundert"));
        assert!(is_sentence_starter("Danach"));
        assert!(is_tld("de"));
        assert!(!is_tld("Die"));
    }
}
