//! Tense of the clause around a time expression, for the direction of weekdays, months and
//! dates without a year: past-tense clauses point back, future and present-tense ones forward
//! ("Das Staatsoberhaupt habe das Dekret am Montag unterzeichnet" → the Monday before; "Wir
//! treffen uns Sonntag" → the Sunday after).
//!
//! Rule-based and written for this project: auxiliaries and participles (German perfect, also in
//! reported speech: "habe … unterzeichnet", "sei … gereist"), preterite forms (weak "-te"
//! endings and a list of strong verbs), English "-ed" forms and irregular pasts, future
//! auxiliaries and the prepositions that point a date ahead ("ab", "bis", "für", "by", "for",
//! "starting") or back ("seit", "since").

/// What the clause says about time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    /// Past tense or perfect.
    Past,
    /// Future auxiliaries, plans, or a preposition pointing ahead.
    Future,
    /// Present tense without other cues (news use it for what is scheduled).
    Present,
    /// No verb form that tells.
    Unknown,
    /// Only weak cues, not trusted for months and dates (set by the caller).
    Weak,
}

const EN_IRREGULAR_PAST: [&str; 88] = [
    "said",
    "told",
    "went",
    "came",
    "met",
    "took",
    "made",
    "gave",
    "held",
    "left",
    "began",
    "saw",
    "found",
    "got",
    "won",
    "lost",
    "spoke",
    "wrote",
    "flew",
    "fell",
    "rose",
    "broke",
    "struck",
    "led",
    "sent",
    "ran",
    "sold",
    "bought",
    "brought",
    "thought",
    "knew",
    "grew",
    "drew",
    "threw",
    "became",
    "chose",
    "drove",
    "ate",
    "fought",
    "caught",
    "taught",
    "paid",
    "kept",
    "felt",
    "stood",
    "understood",
    "sat",
    "shot",
    "spent",
    "built",
    "heard",
    "meant",
    "sought",
    "swore",
    "woke",
    "wore",
    "hid",
    "froze",
    "stole",
    "shook",
    "forgot",
    "forgave",
    "withdrew",
    "overtook",
    "undertook",
    "underwent",
    "arose",
    "awoke",
    "bore",
    "bent",
    "bled",
    "dealt",
    "dug",
    "fled",
    "flung",
    "hung",
    "laid",
    "lent",
    "lit",
    "sang",
    "sank",
    "slept",
    "slid",
    "spun",
    "sprang",
    "stuck",
    "stung",
    "swept",
];

const EN_PAST_AUX: [&str; 8] = ["was", "were", "had", "did", "ago", "wasn", "weren", "didn"];

const EN_FUTURE: [&str; 14] = [
    "will",
    "ll",
    "shall",
    "scheduled",
    "planned",
    "upcoming",
    "expected",
    "expects",
    "tomorrow",
    "next",
    "coming",
    "slated",
    "intends",
    "won",
];

/// Participles that take "sein" in the perfect (movement and change: "ist gereist"); other
/// participles after "ist" describe a state ("ist verboten", "ist angemeldet").
const DE_SEIN_PARTICIPLES: [&str; 34] = [
    "reist",
    "fahren",
    "kommen",
    "gangen",
    "storben",
    "flogen",
    "fallen",
    "stiegen",
    "sunken",
    "wesen",
    "blieben",
    "worden",
    "passiert",
    "schehen",
    "laufen",
    "sprungen",
    "stürzt",
    "flohen",
    "landet",
    "startet",
    "brochen",
    "troffen",
    "schienen",
    "standen",
    "schwunden",
    "plodiert",
    "kaliert",
    "scheitert",
    "wachsen",
    "treten",
    "zogen",
    "rückt",
    "kehrt",
    "brannt",
];

/// "-ed" words that are not past tense (or are adjectives/nouns).
const EN_ED_NOT_PAST: [&str; 22] = [
    "scheduled",
    "expected",
    "planned",
    "slated",
    "supposed",
    "united",
    "based",
    "red",
    "need",
    "speed",
    "bed",
    "seed",
    "feed",
    "hundred",
    "shed",
    "indeed",
    "proceed",
    "exceed",
    "succeed",
    "weed",
    "breed",
    "reed",
];

const DE_PAST_AUX: [&str; 14] = [
    "war",
    "waren",
    "warst",
    "wart",
    "wurde",
    "wurden",
    "hatte",
    "hatten",
    "hattest",
    "worden",
    "gewesen",
    "vergangenen",
    "letzten",
    "damals",
];

const DE_PERFECT_AUX: [&str; 10] = [
    "hat", "habe", "haben", "hast", "ist", "sind", "sei", "seien", "bin", "seid",
];

const DE_FUTURE: [&str; 24] = [
    "wird",
    "werden",
    "werde",
    "wirst",
    "werdet",
    "soll",
    "sollen",
    "plant",
    "planen",
    "geplant",
    "voraussichtlich",
    "kommenden",
    "kommende",
    "nächsten",
    "nächste",
    "bevorstehenden",
    "anstehenden",
    "morgen",
    "künftig",
    "angesetzt",
    "angekündigt",
    "übermorgen",
    "demnächst",
    "erwartet",
];

const DE_STRONG_PAST: [&str; 62] = [
    "kam",
    "ging",
    "sprach",
    "traf",
    "fand",
    "gab",
    "nahm",
    "stand",
    "lag",
    "saß",
    "fiel",
    "hielt",
    "ließ",
    "rief",
    "lief",
    "fuhr",
    "flog",
    "zog",
    "schrieb",
    "blieb",
    "brach",
    "starb",
    "trat",
    "wies",
    "bot",
    "schloss",
    "begann",
    "gewann",
    "verlor",
    "entschied",
    "beschloss",
    "sank",
    "stieg",
    "hieß",
    "erschien",
    "brannte",
    "kannte",
    "nannte",
    "dachte",
    "brachte",
    "wusste",
    "verschwand",
    "schoss",
    "warf",
    "half",
    "sah",
    "las",
    "sang",
    "schwieg",
    "verließ",
    "erhielt",
    "empfing",
    "unterschrieb",
    "verbot",
    "floh",
    "verlief",
    "geschah",
    "bat",
    "tat",
    "wuchs",
    "sprang",
    "stahl",
];

/// Lower-case words ending in "-te"/"-ten" that are not preterite verbs.
const DE_TE_NOT_PAST: [&str; 44] = [
    "heute",
    "bitte",
    "gute",
    "guten",
    "erste",
    "ersten",
    "letzte",
    "letzten",
    "nächste",
    "nächsten",
    "beste",
    "besten",
    "meisten",
    "weite",
    "weiten",
    "zweite",
    "zweiten",
    "dritte",
    "dritten",
    "vierte",
    "vierten",
    "fünfte",
    "fünften",
    "rechte",
    "rechten",
    "alte",
    "alten",
    "harte",
    "harten",
    "späte",
    "späten",
    "halbe",
    "feste",
    "festen",
    "echte",
    "echten",
    "leichte",
    "konkrete",
    "konkreten",
    "mitte",
    "breite",
    "breiten",
    "unten",
    "hinten",
];

/// German prefixes before "ge" in a participle ("vorgelegt", "festgenommen").
const DE_SEPARABLE: [&str; 26] = [
    "ab", "an", "auf", "aus", "bei", "dar", "ein", "fest", "fort", "her", "hin", "los", "mit",
    "nach", "statt", "teil", "um", "vor", "weg", "weiter", "wieder", "zu", "zurück", "zusammen",
    "bekannt", "frei",
];

/// Inseparable prefixes: participles without "ge" ("unterzeichnet", "verkündet").
const DE_INSEPARABLE: [&str; 11] = [
    "be", "emp", "ent", "er", "ver", "zer", "unter", "über", "miss", "hinter", "wider",
];

/// Lower-case words ending in "-t"/"-en" that are no finite verbs.
const DE_NOT_VERB: [&str; 60] = [
    "nicht",
    "mit",
    "seit",
    "jetzt",
    "erst",
    "bereits",
    "einen",
    "den",
    "zwischen",
    "wegen",
    "gegen",
    "oben",
    "unten",
    "neben",
    "allen",
    "vielen",
    "diesen",
    "keinen",
    "meinen",
    "seinen",
    "ihren",
    "unseren",
    "jeden",
    "anderen",
    "neuen",
    "großen",
    "ersten",
    "letzten",
    "nächsten",
    "kommenden",
    "vergangenen",
    "heiligen",
    "zusammen",
    "morgen",
    "abend",
    "nacht",
    "gut",
    "weit",
    "bisher",
    "selbst",
    "meist",
    "fast",
    "sonst",
    "insgesamt",
    "zuletzt",
    "zunächst",
    "schnellsten",
    "besten",
    "meisten",
    "wenigen",
    "einigen",
    "mehreren",
    "beiden",
    "deutschen",
    "europäischen",
    "dem",
    "bundestag",
    "landtag",
    "gestern",
    "vorgestern",
];

fn is_de_participle(w: &str) -> bool {
    let n = w.chars().count();
    if n < 5 {
        return false;
    }
    if w.ends_with("iert") {
        return true;
    }
    let ends = w.ends_with('t') || w.ends_with("en");
    if !ends {
        return false;
    }
    if w.starts_with("ge") && !w.starts_with("gegen") && !w.starts_with("gestern") {
        return true;
    }
    for p in DE_SEPARABLE {
        if let Some(rest) = w.strip_prefix(p)
            && rest.starts_with("ge")
            && rest.chars().count() >= 4
        {
            return true;
        }
    }
    for p in DE_INSEPARABLE {
        if let Some(rest) = w.strip_prefix(p)
            && rest.chars().count() >= 4
        {
            return true;
        }
    }
    false
}

/// "-ste" is mostly a superlative ("größte"), but "reiste", "löste", "musste" are verbs.
fn is_s_stem_preterite(w: &str) -> bool {
    ["isste", "usste", "asste", "eiste", "öste", "üsste"]
        .iter()
        .any(|e| w.ends_with(e))
}

fn is_de_preterite(w: &str, cap: bool) -> bool {
    if cap {
        return false;
    }
    let base = w.strip_suffix("en").unwrap_or(w);
    if DE_STRONG_PAST.contains(&w) || DE_STRONG_PAST.contains(&base) {
        return true;
    }
    // weak verbs: "sagte", "stimmten", "demonstrierten"
    let n = w.chars().count();
    let te_form = if w.ends_with("ten") {
        &w[..w.len() - 1]
    } else {
        w
    };
    (n >= 5 && (w.ends_with("te") || w.ends_with("ten")))
        && !DE_TE_NOT_PAST.contains(&w)
        && (!te_form.ends_with("ste") || is_s_stem_preterite(te_form))
}

fn is_en_past(w: &str, prev: &str) -> bool {
    if EN_IRREGULAR_PAST.contains(&w) {
        return !matches!(
            prev,
            "to" | "will" | "would" | "can" | "could" | "may" | "might"
        );
    }
    if w.len() >= 5 && w.ends_with("ed") && !EN_ED_NOT_PAST.contains(&w) {
        // passive present/future: "is expected", "will be opened"
        return !matches!(prev, "is" | "are" | "be" | "am" | "being" | "s" | "re");
    }
    false
}

/// One word of the clause: lower-cased text and whether it starts with a capital.
#[derive(Debug, Clone, Copy)]
pub(crate) struct W<'a> {
    pub lo: &'a str,
    pub cap: bool,
}

/// The tense of `clause` for an expression that starts at word `at` (index into `clause`), and
/// whether a strong cue says so (an auxiliary, a perfect, a future word or a preposition; the
/// weak ones are past forms of full verbs and the present tense).
pub(crate) fn tense(clause: &[W<'_>], at: usize, de: bool, en: bool) -> (Tense, bool) {
    let before = at
        .checked_sub(1)
        .and_then(|k| clause.get(k))
        .map_or("", |w| w.lo);
    let before2 = at
        .checked_sub(2)
        .and_then(|k| clause.get(k))
        .map_or("", |w| w.lo);
    // Prepositions right before the expression.
    if matches!(before, "seit" | "since") || matches!(before2, "seit" | "since") {
        return (Tense::Past, true);
    }
    // "für Samstag angemeldet", "has called a strike for Monday": planned, whatever the verb
    if (de && matches!(before, "für")) || (en && matches!(before, "for")) {
        return (Tense::Future, true);
    }
    let ahead = (de && matches!(before, "ab" | "bis" | "für"))
        || (en
            && matches!(
                before,
                "by" | "until" | "till" | "starting" | "beginning" | "for"
            ))
        || (de && matches!(before2, "ab" | "bis" | "für") && matches!(before, "am" | "zum"));
    let mut strong_past = false;
    let mut past = false;
    let mut future = false;
    let mut present = false;
    let mut perfect_aux = false;
    let mut sein_aux = false;
    let mut participle = false;
    let mut sein_participle = false;
    for (k, w) in clause.iter().enumerate() {
        let l = w.lo;
        let prev = k
            .checked_sub(1)
            .and_then(|j| clause.get(j))
            .map_or("", |p| p.lo);
        if en {
            if EN_PAST_AUX.contains(&l) || matches!(l, "last" | "earlier") {
                strong_past = true;
            }
            if is_en_past(l, prev) {
                past = true;
            }
            let next = clause.get(k + 1).map_or("", |n| n.lo);
            let planned = match l {
                "plans" | "plan" | "going" => next == "to",
                "set" => matches!(next, "to" | "for"),
                "due" => matches!(next, "on" | "for" | "in" | "by"),
                _ => false,
            };
            if (EN_FUTURE.contains(&l) && !(l == "won" && prev != "we")) || planned {
                future = true;
            }
            if matches!(l, "has" | "have") {
                perfect_aux = true;
            }
            // a plural subject at the head of the clause: "Sales start", "the polls open"
            let head = k == 1
                || (k >= 2
                    && clause.get(k - 2).is_some_and(|d| {
                        matches!(
                            d.lo,
                            "the"
                                | "our"
                                | "their"
                                | "its"
                                | "his"
                                | "her"
                                | "these"
                                | "those"
                                | "many"
                                | "some"
                                | "all"
                                | "most"
                        )
                    }));
            let plural_subject = head
                && prev.len() >= 4
                && prev.ends_with('s')
                && !matches!(
                    prev,
                    "this" | "these" | "those" | "was" | "has" | "does" | "is" | "his" | "its"
                );
            if matches!(l, "is" | "are" | "am" | "does" | "do")
                || (plural_subject
                    && !w.cap
                    && !matches!(
                        l,
                        "the"
                            | "a"
                            | "an"
                            | "of"
                            | "on"
                            | "in"
                            | "at"
                            | "to"
                            | "for"
                            | "and"
                            | "or"
                            | "with"
                            | "from"
                            | "by"
                            | "are"
                            | "were"
                            | "was"
                            | "is"
                            | "have"
                            | "had"
                            | "has"
                            | "that"
                            | "who"
                            | "which"
                    ))
                || (matches!(prev, "we" | "they" | "you" | "i") && !w.cap && l.len() >= 3)
                || (!w.cap
                    && l.len() >= 4
                    && l.ends_with('s')
                    && !l.ends_with("ss")
                    && !l.ends_with("us")
                    && !l.ends_with("is")
                    && !l.ends_with("ics")
                    // after its subject: a name, a pronoun, or "the company"
                    && (clause.get(k.wrapping_sub(1)).is_some_and(|p| p.cap)
                        || matches!(prev, "he" | "she" | "it" | "who" | "that" | "which")
                        || (2..=3).any(|b| {
                            k >= b
                                && clause.get(k - b).is_some_and(|d| {
                                    matches!(d.lo, "the" | "a" | "an" | "its" | "their")
                                })
                        })))
            {
                present = true;
            }
        }
        if de {
            if DE_PAST_AUX.contains(&l) {
                strong_past = true;
            }
            if is_de_preterite(l, w.cap && k > 0) {
                past = true;
            }
            if DE_FUTURE.contains(&l) {
                future = true;
            }
            if DE_PERFECT_AUX.contains(&l) {
                if matches!(l, "ist" | "sind" | "sei" | "seien" | "bin" | "seid") {
                    sein_aux = true;
                } else {
                    perfect_aux = true;
                }
            }
            if (!w.cap || k == 0) && is_de_participle(l) {
                participle = true;
                if DE_SEIN_PARTICIPLES.iter().any(|p| l.ends_with(p)) {
                    sein_participle = true;
                }
            }
            if (!w.cap || k == 0)
                && l.chars().count() >= 4
                && (l.ends_with('t') || l.ends_with("en"))
                && !DE_NOT_VERB.contains(&l)
            {
                present = true;
            }
        }
    }
    if en
        && perfect_aux
        && clause
            .iter()
            .any(|w| w.lo.ends_with("ed") || w.lo == "been")
    {
        // "has signed", "have not been required"
        strong_past = true;
    }
    if de && ((perfect_aux && participle) || (sein_aux && sein_participle)) {
        strong_past = true;
    }
    // "by Friday" points ahead unless a past perfect says otherwise ("had filed … by
    // Wednesday"); future auxiliaries win over past ones
    if future || (ahead && !strong_past) {
        (Tense::Future, true)
    } else if strong_past {
        (Tense::Past, true)
    } else if past {
        (Tense::Past, false)
    } else if present {
        (Tense::Present, false)
    } else {
        (Tense::Unknown, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != 'ß')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    fn run(s: &str, at_word: &str, de: bool) -> (Tense, bool) {
        let ws = words(s);
        let clause: Vec<W<'_>> = ws
            .iter()
            .map(|w| W {
                lo: Box::leak(w.to_lowercase().into_boxed_str()),
                cap: w.chars().next().is_some_and(char::is_uppercase),
            })
            .collect();
        let at = ws.iter().position(|w| w == at_word).unwrap();
        tense(&clause, at, de, !de)
    }

    #[test]
    fn tense_table() {
        use Tense::*;
        let cases: &[(&str, &str, bool, Tense)] = &[
            (
                "Das Staatsoberhaupt habe das Dekret am Montag unterzeichnet",
                "Montag",
                true,
                Past,
            ),
            ("Wir treffen uns Sonntag", "Sonntag", true, Present),
            (
                "Der Minister war am Freitag nach Kiew gereist",
                "Freitag",
                true,
                Past,
            ),
            (
                "Der Kanzler sei am Mittwoch nach Paris gereist",
                "Mittwoch",
                true,
                Past,
            ),
            (
                "Der Kanzler reiste am Mittwoch nach Paris",
                "Mittwoch",
                true,
                Past,
            ),
            (
                "Der Kanzler reist am Mittwoch nach Paris",
                "Mittwoch",
                true,
                Present,
            ),
            (
                "Die Kommission wird am Donnerstag vorlegen",
                "Donnerstag",
                true,
                Future,
            ),
            (
                "Am Sonntag wählten die Bürger einen Landtag",
                "Sonntag",
                true,
                Past,
            ),
            (
                "Die Demonstration ist für Samstag angemeldet",
                "Samstag",
                true,
                Future,
            ),
            ("Seit Montag gilt die Regel", "Montag", true, Past),
            ("Ab Montag gilt die Regel", "Montag", true, Future),
            (
                "Am Freitagabend ist ein Feuer ausgebrochen",
                "Freitagabend",
                true,
                Past,
            ),
            (
                "The head of state signed the decree on Monday",
                "Monday",
                false,
                Past,
            ),
            ("We meet on Sunday", "Sunday", false, Present),
            (
                "Parliament votes on the budget Friday",
                "Friday",
                false,
                Present,
            ),
            (
                "The commission will present its report on Thursday",
                "Thursday",
                false,
                Future,
            ),
            ("The party has decided on Sunday", "Sunday", false, Past),
            (
                "The government must respond by Friday",
                "Friday",
                false,
                Future,
            ),
            (
                "The union has called a strike for Monday",
                "Monday",
                false,
                Future,
            ),
            (
                "Since Monday masks have not been required",
                "Monday",
                false,
                Past,
            ),
            ("Monday", "Monday", false, Unknown),
        ];
        for (s, at, de, want) in cases {
            assert_eq!(run(s, at, *de).0, *want, "{s}");
        }
    }
}
