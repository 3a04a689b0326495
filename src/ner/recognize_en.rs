//! English rules: datelines, capitalised word sequences typed by their head word, titles
//! before names, English common words and names (see [`super::english`]).

use crate::model::{EntityType, Variant};

use super::english::{
    AGENCIES, EN_FIRST, EN_PROPER, EN_SURNAME, EnglishLexicon, GEO_FIRST, GEO_HEADS, ORG_HEADS,
    OTH_HEADS, PERSON_ROLES, PERSON_TITLES, PLACE_NOUNS, PLACE_PREPS, common_only,
};
use super::lexicon::{LexFlags, Lexicon};
use super::tokens::{Cand, Tok, describes_next, hyphen_head, is_all_caps, rule_cand, title_case};

/// Upper-case letters only (apostrophes allowed): "MOSCOW", "O'SMACH".
fn upper_word(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c == '\'' || c == '-' || c == '.')
}

fn joined(toks: &[Tok<'_>]) -> String {
    toks.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

fn place_name(lexicon: &Lexicon, en: &EnglishLexicon, name: &str) -> String {
    if let Some((EntityType::Loc, c)) = en.name(name) {
        return c.to_string();
    }
    lexicon
        .place(name)
        .map(|p| p.name)
        .unwrap_or_else(|| name.to_string())
}

/// Wire-service datelines at the start of a line: "MOSCOW (AP)_", "CANBERRA, Australia (AP)_",
/// "NEW YORK _", "WASHINGTON (Reuters) -". The place is a LOC, the agency an ORG.
fn dateline(
    text: &str,
    toks: &[Tok<'_>],
    s: usize,
    e: usize,
    lexicon: &Lexicon,
    en: &EnglishLexicon,
    out: &mut Vec<Cand>,
) {
    let Some(first) = toks.get(s) else { return };
    let line_start = text[..first.span.start]
        .chars()
        .rev()
        .find(|c| *c != ' ' && *c != '\t')
        .is_none_or(|c| c == '\n');
    if !line_start {
        return;
    }
    let mut j = s;
    while j < e && j - s < 4 && toks[j].is_word() && upper_word(toks[j].text) {
        j += 1;
    }
    if j == s {
        return;
    }
    // Optional ", Region" after the place.
    let mut k = j;
    if k < e && toks[k].text == "," {
        k += 1;
        while k < e && k - j < 5 && toks[k].is_word() && toks[k].cap {
            k += 1;
        }
    }
    let mut agency = None;
    if k + 2 < e + 1
        && toks.get(k).is_some_and(|t| t.text == "(")
        && toks.get(k + 2).is_some_and(|t| t.text == ")")
        && k + 2 < e
        && AGENCIES.contains(&toks[k + 1].text)
    {
        agency = Some(k + 1);
    }
    let dash = toks.get(k).is_some_and(|t| {
        k < e && (t.text.starts_with('_') || matches!(t.text, "-" | "--" | "—" | "–"))
    });
    if agency.is_none() && !dash {
        return;
    }
    let words: Vec<String> = toks[s..j].iter().map(|t| title_case(t.text)).collect();
    let name = words.join(" ");
    // Leading "The" of "THE HAGUE" belongs to the name.
    out.push(rule_cand(
        s,
        j,
        EntityType::Loc,
        Variant::Name,
        0.92,
        &place_name(lexicon, en, &name),
    ));
    if let Some(a) = agency {
        let canonical = en
            .name(toks[a].text)
            .map(|n| n.1)
            .or_else(|| lexicon.org(toks[a].text))
            .unwrap_or(toks[a].text);
        out.push(rule_cand(
            a,
            a + 1,
            EntityType::Org,
            Variant::Name,
            0.92,
            canonical,
        ));
    }
}

/// English names listed in `en_names.tsv` (1–4 words, longest first).
fn listed_names(toks: &[Tok<'_>], s: usize, e: usize, en: &EnglishLexicon, out: &mut Vec<Cand>) {
    let mut i = s;
    while i < e {
        if !toks[i].cap || !toks[i].is_word() {
            i += 1;
            continue;
        }
        let mut hit = None;
        for n in (1..=4usize).rev() {
            if i + n > e || (n > 1 && !en.starts_name(toks[i].text)) {
                continue;
            }
            if let Some((ty, c)) = en.name(&joined(&toks[i..i + n])) {
                hit = Some((n, ty, c));
                break;
            }
        }
        match hit {
            Some((n, ty, c)) => {
                out.push(rule_cand(i, i + n, ty, Variant::Name, 0.88, c));
                i += n;
            }
            None => i += 1,
        }
    }
}

/// A word that can stand in a capitalised name sequence.
fn run_word(t: &Tok<'_>) -> bool {
    t.is_word() && (t.cap || t.text.chars().next().is_some_and(|c| c.is_ascii_digit()))
}

fn is_title(t: &Tok<'_>) -> bool {
    PERSON_TITLES.contains(&t.text)
}

/// An English weekday or a month that is not also a common given name or surname ("May",
/// "June", "April", "August" are left alone), with or without the abbreviation's dot.
fn is_weekday_or_month(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "Mon"
            | "Tue"
            | "Tues"
            | "Wed"
            | "Thu"
            | "Thurs"
            | "Fri"
            | "Sat"
            | "Sun"
            | "January"
            | "February"
            | "March"
            | "July"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// A product or model code: one to four letters (capital first), a hyphen, one to four digits
/// and an optional letter ("AK-47", "An-70", "MiG-29", "F-16C").
fn is_model_code(w: &str) -> bool {
    let Some((letters, digits)) = w.split_once('-') else {
        return false;
    };
    let digits = digits
        .strip_suffix(|c: char| c.is_ascii_uppercase())
        .unwrap_or(digits);
    (1..=4).contains(&letters.len())
        && letters.chars().all(|c| c.is_ascii_alphabetic())
        && letters.starts_with(|c: char| c.is_ascii_uppercase())
        && (1..=4).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
}

fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Capitalised word sequences typed by their head word, title or context.
fn capital_runs(toks: &[Tok<'_>], s: usize, e: usize, known: &Known<'_>, out: &mut Vec<Cand>) {
    let mut i = s;
    while i < e {
        if !run_word(&toks[i]) || !toks[i].cap {
            i += 1;
            continue;
        }
        // The run: capitalised words, with "of", "for", "and", "the", "de" between them.
        let mut j = i + 1;
        while j < e {
            if run_word(&toks[j]) && !caps_after_name(&toks[j - 1], &toks[j]) {
                j += 1;
                continue;
            }
            let glue = matches!(toks[j].text, "of" | "for" | "de" | "the" | "&" | "and")
                && j + 1 < e
                && toks[j + 1].cap
                && toks[j + 1].is_word();
            if glue && toks[j].text != "and" {
                j += 1;
            } else {
                break;
            }
        }
        let run_end = j;
        classify_run(toks, i, run_end, s, known, out);
        i = run_end.max(i + 1);
    }
}

/// Words that follow a company's name in business news but may follow a person's too ("Intel
/// said", "Jaguar rose"); with [`FIRM_NEXT`] the evidence for a company after a preposition.
const COMPANY_NEXT: &[&str] = &[
    "said",
    "says",
    "told",
    "announced",
    "reported",
    "officials",
    "executives",
    "spokesman",
    "spokeswoman",
    "eased",
    "rose",
    "fell",
    "gained",
    "slipped",
    "jumped",
    "climbed",
    "dropped",
];

/// Words that follow only a company's name ("Milton Roy shares", "Du Pont's stock",
/// "Polly Peck's chairman"), not a person's.
const FIRM_NEXT: &[&str] = &[
    "shares",
    "stock",
    "stockholders",
    "shareholders",
    "chairman",
    "subsidiary",
    "Inc.",
    "Inc",
    "Corp.",
    "Corp",
    "Co.",
    "Ltd.",
    "PLC",
];

/// What the English rules know besides the sentence: the lexicons, and the words that stand
/// somewhere in the document where a company's name stands.
pub(crate) struct Known<'a> {
    lexicon: &'a Lexicon,
    en: &'a EnglishLexicon,
    /// Words before "said", "shares", a legal form … ([`COMPANY_NEXT`], [`FIRM_NEXT`]).
    companies: std::collections::HashSet<&'a str>,
    /// Words before what only follows a company ([`FIRM_NEXT`]).
    firms: std::collections::HashSet<&'a str>,
}

impl<'a> Known<'a> {
    /// Scans the document once for words before "said", "shares" or a legal form (see
    /// [`COMPANY_NEXT`], [`FIRM_NEXT`]), also as a possessive ("Jaguar's shares").
    pub(crate) fn new(toks: &[Tok<'a>], lexicon: &'a Lexicon, en: &'a EnglishLexicon) -> Self {
        let mut companies = std::collections::HashSet::new();
        let mut firms = std::collections::HashSet::new();
        for (k, t) in toks.iter().enumerate() {
            if !t.cap || !t.is_word() {
                continue;
            }
            let next = |d: usize| toks.get(k + d).map_or("", |n| n.text);
            let possessive = ["'s", "’s", "'", "’"]
                .iter()
                .find_map(|p| t.text.strip_suffix(p).filter(|b| !b.is_empty()));
            let (word, mut at) = match possessive {
                Some(base) => (base, 1),
                None if matches!(next(1), "'s" | "’s" | "'" | "’") => (t.text, 2),
                None => (t.text, 1),
            };
            // "Milton Roy's common stock".
            if next(at) == "common" {
                at += 1;
            }
            if FIRM_NEXT.contains(&next(at)) {
                firms.insert(word);
                companies.insert(word);
            } else if COMPANY_NEXT.contains(&next(at)) {
                companies.insert(word);
            }
        }
        Known {
            lexicon,
            en,
            companies,
            firms,
        }
    }

    /// Makes a company of a person-shaped name whose last word the article also writes before
    /// what only follows a company ("Milton Roy ... Milton Roy shares", "Polly Peck ... Polly
    /// Peck's chairman"), unless a title stands before it ("Mr. Roy").
    pub(crate) fn retype_firms(&self, toks: &[Tok<'_>], cands: &mut [Cand]) {
        for c in cands.iter_mut() {
            if c.ty != EntityType::Per || c.start >= c.end || c.end > toks.len() {
                continue;
            }
            let titled = c
                .start
                .checked_sub(1)
                .and_then(|p| toks.get(p))
                .is_some_and(|p| is_title(p) || p.flags.contains(LexFlags::PER_CUE));
            if !titled && self.firms.contains(toks[c.end - 1].text) {
                c.ty = EntityType::Org;
            }
        }
    }
}

/// True when the common word at `a` ("New", "North") starts a known place with the next word
/// of the run ("New York", "North Dakota").
fn starts_place(
    toks: &[Tok<'_>],
    a: usize,
    j: usize,
    lexicon: &Lexicon,
    en_lex: &EnglishLexicon,
) -> bool {
    let Some(next) = toks.get(a + 1).filter(|_| a + 1 < j) else {
        return false;
    };
    let word = hyphen_head(next.text);
    let pair = format!("{} {word}", toks[a].text);
    en_lex.name(&pair).is_some_and(|n| n.0 == EntityType::Loc) || lexicon.place(&pair).is_some()
}

/// A word in capitals after a word that is not ("Steven Snyder TWA", "Lisa Stark ABC" in a
/// transcript): a new name starts, unless it is a legal form or organisation head ("Volkswagen
/// AG", "Orkem Coatings U.K. Ltd.") or a numeral ("Elizabeth II").
fn caps_after_name(prev: &Tok<'_>, t: &Tok<'_>) -> bool {
    let letters = t.text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && t.text.chars().all(|c| c.is_ascii_uppercase())
        && prev.text.chars().any(char::is_lowercase)
        && !is_roman(t.text)
        && !ORG_HEADS.contains(&t.text)
        && !ORG_HEADS.contains(&title_case(t.text).as_str())
        && !t.flags.contains(LexFlags::ORG_CUE)
}

/// Nouns after which a capitalised name is a ship's.
const VESSEL_NOUNS: &[&str] = &[
    "ship",
    "vessel",
    "tanker",
    "freighter",
    "ferry",
    "frigate",
    "destroyer",
    "submarine",
    "yacht",
    "trawler",
    "warship",
    "cruiser",
    "icebreaker",
    "containership",
];

fn classify_run(
    toks: &[Tok<'_>],
    i: usize,
    j: usize,
    s: usize,
    known: &Known<'_>,
    out: &mut Vec<Cand>,
) {
    let (lexicon, en_lex) = (known.lexicon, known.en);
    // Leading function words ("The"), weekdays and months, titles.
    let mut a = i;
    let mut titled = false;
    while a < j {
        let t = &toks[a];
        if is_title(t) || t.flags.contains(LexFlags::PER_CUE) {
            titled = true;
            a += 1;
        } else if t
            .flags
            .intersects(LexFlags::FUNCTION_WORD | LexFlags::COMMON_WORD)
            && !t.flags.intersects(LexFlags::ANY_NAME)
            && !starts_place(toks, a, j, lexicon, en_lex)
        {
            a += 1;
        } else {
            break;
        }
    }
    // Trailing glue never ends a name.
    let mut b = j;
    while b > a && !toks[b - 1].cap && !toks[b - 1].text.starts_with(|c: char| c.is_ascii_digit()) {
        b -= 1;
    }
    // Nor does a weekday or month after it: "Clinton Tuesday said", "Yeltsin Monday".
    while b > a + 1 && is_weekday_or_month(toks[b - 1].text) {
        b -= 1;
    }
    if a >= b || b > toks.len() {
        return;
    }
    let span = &toks[a..b];
    let n = b - a;
    let last = span[n - 1].text;
    let first = span[0].text;
    let has_glue = span
        .iter()
        .any(|t| !t.cap && t.is_word() && !t.text.starts_with(|c: char| c.is_ascii_digit()));
    let prev = (a > s).then(|| &toks[a - 1]);
    let prev_role = prev.is_some_and(|p| PERSON_ROLES.contains(&p.text.to_lowercase().as_str()));
    let after_prep = prev.is_some_and(|p| PLACE_PREPS.contains(&p.text));
    let after_place_noun = a >= s + 2
        && toks[a - 1].text == "of"
        && PLACE_NOUNS.contains(&toks[a - 2].text.to_lowercase().as_str());
    let name = joined(span);
    // "Britain-based Mines Advisory Group", "New York-based POP Radio": the compound is a part
    // mention of its own.
    if let Some(k) = (a..b.min(a + 2)).find(|&k| describes_next(toks[k].text))
        && (n >= 2 || k > a)
    {
        let word = toks[k].text;
        let head_word = hyphen_head(word);
        let head = if k > a {
            format!("{} {head_word}", joined(&toks[a..k]))
        } else {
            head_word.to_string()
        };
        let place = en_lex
            .name(&head)
            .filter(|n| n.0 == EntityType::Loc)
            .map(|n| n.1.to_string())
            .or_else(|| lexicon.place(&head).map(|p| p.name));
        if let Some(p) = place {
            out.push(rule_cand(
                a,
                k + 1,
                EntityType::Loc,
                Variant::Part,
                0.75,
                &p,
            ));
        }
        classify_run(toks, k + 1, b, s, known, out);
        return;
    }
    // "Cambodian Prime Minister Prince Norodom Ranariddh": a title inside the run starts the name.
    if let Some(k) = (a..b)
        .rev()
        .find(|&k| is_title(&toks[k]) && k + 1 < b && k > a)
    {
        let first_title = (a..=k).find(|&q| is_title(&toks[q])).unwrap_or(k);
        if first_title > a {
            classify_run(toks, a, first_title, s, known, out);
        }
        classify_run(toks, first_title, b, s, known, out);
        return;
    }
    // All-caps headlines and listings: "GENERAL MOTORS CORP.", "AVON RENT-A-CAR INC.".
    let last_title = title_case(last);
    if n >= 2 && (ORG_HEADS.contains(&last) || ORG_HEADS.contains(&last_title.as_str())) {
        out.push(rule_cand(a, b, EntityType::Org, Variant::Name, 0.8, &name));
        return;
    }
    if n >= 2 && (GEO_HEADS.contains(&last) || GEO_FIRST.contains(&first)) && !titled {
        out.push(rule_cand(a, b, EntityType::Loc, Variant::Name, 0.8, &name));
        return;
    }
    if n >= 2 && OTH_HEADS.contains(&last) {
        out.push(rule_cand(a, b, EntityType::Oth, Variant::Name, 0.75, &name));
        return;
    }
    // "the cargo ship Arkona Star", "the tanker Eagle S": a vessel's name is not a person.
    if a == i
        && !titled
        && a > 0
        && VESSEL_NOUNS.contains(&toks[a - 1].text.to_lowercase().as_str())
    {
        out.push(rule_cand(a, b, EntityType::Oth, Variant::Name, 0.75, &name));
        return;
    }
    if has_glue {
        // "Leonid Kuchma of Ukraine": no head word joins the parts; each stands alone.
        if let Some(g) = (a..b).find(|&k| !toks[k].cap && toks[k].is_word()) {
            classify_run(toks, a, g, s, known, out);
            let mut r = g + 1;
            while r < b && !toks[r].cap {
                r += 1;
            }
            if r < b {
                classify_run(toks, r, b, s, known, out);
            }
        }
        return;
    }
    // "Soyuz 36", "Salyut 6": a name with a number (not a year) is a product or vehicle.
    let number = span.get(1).map(|t| t.text).unwrap_or("");
    let year = number.len() == 4
        && (number.starts_with("18") || number.starts_with("19") || number.starts_with("20"));
    if n == 2
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
        && !year
        && !common_only(span[0].en)
        && span[0].en & EN_FIRST == 0
        && !span[0].flags.intersects(
            LexFlags::COUNTRY
                | LexFlags::TOPONYM
                | LexFlags::ORG
                | LexFlags::FIRST_NAME
                | LexFlags::COMMON_WORD
                | LexFlags::FUNCTION_WORD,
        )
        && !span[0].initial
    {
        out.push(rule_cand(a, b, EntityType::Oth, Variant::Name, 0.7, &name));
        return;
    }
    // "AK-47", "An-70", "MiG-29": a model code is a product.
    if n == 1 && is_model_code(first) && !span[0].flags.contains(LexFlags::ORG) {
        out.push(rule_cand(a, b, EntityType::Oth, Variant::Name, 0.7, &name));
        return;
    }
    let en = |t: &Tok<'_>| t.en;
    let first_name = span[0].flags.contains(LexFlags::FIRST_NAME) || en(&span[0]) & EN_FIRST != 0;
    let known_place = |t: &Tok<'_>| {
        t.flags
            .intersects(LexFlags::COUNTRY | LexFlags::TOPONYM | LexFlags::REGION)
            || t.flags.contains(LexFlags::DEMONYM)
            || t.flags.contains(LexFlags::ORG)
    };
    let name_like =
        |t: &Tok<'_>| !common_only(en(t)) || en(t) & EN_SURNAME != 0 || is_roman(t.text);
    if (2..=4).contains(&n) && !span.iter().any(known_place) {
        let rest_ok = span[1..].iter().all(name_like);
        let strong_prep = prev.is_some_and(|p| matches!(p.text, "in" | "In" | "near" | "at"));
        if titled || prev_role {
            if rest_ok && name_like(&span[0]) {
                out.push(rule_cand(a, b, EntityType::Per, Variant::Name, 0.82, &name));
                return;
            }
        } else if strong_prep && span.iter().all(|t| !common_only(en(t))) {
            out.push(rule_cand(a, b, EntityType::Loc, Variant::Name, 0.65, &name));
            return;
        } else if first_name && rest_ok && !common_only(en(&span[0])) {
            out.push(rule_cand(a, b, EntityType::Per, Variant::Name, 0.78, &name));
            return;
        } else if after_prep || after_place_noun {
            if span.iter().all(|t| !common_only(en(t))) {
                out.push(rule_cand(a, b, EntityType::Loc, Variant::Name, 0.6, &name));
            }
            return;
        } else if span
            .iter()
            .all(|t| en(t) & EN_PROPER == 0 && !common_only(en(t)))
            && !span[0].initial
        {
            // Unknown capitalised words side by side ("Nhek Bunchhay", "Ieng Sary"): a person.
            out.push(rule_cand(a, b, EntityType::Per, Variant::Name, 0.6, &name));
            return;
        }
    }
    if n == 1 && after_place_noun && !common_only(en(&span[0])) {
        let canonical = lexicon
            .place(first)
            .map(|p| p.name)
            .unwrap_or_else(|| name.clone());
        out.push(rule_cand(
            a,
            b,
            EntityType::Loc,
            Variant::Name,
            0.7,
            &canonical,
        ));
        return;
    }
    if n == 1 && !span[0].initial && !common_only(en(&span[0])) && !is_all_caps(first) {
        let t = &span[0];
        // "President Clinton": a title makes a person of a place name too.
        if (titled || prev_role)
            && !t
                .flags
                .intersects(LexFlags::COUNTRY | LexFlags::ORG | LexFlags::DEMONYM)
            && t.flags.intersects(LexFlags::ANY_PLACE)
            && en(t) & (EN_FIRST | EN_SURNAME) != 0
        {
            out.push(rule_cand(a, b, EntityType::Per, Variant::Name, 0.7, &name));
            return;
        }
        if known_place(t)
            || t.flags.intersects(LexFlags::ANY_NAME) && !t.flags.contains(LexFlags::FIRST_NAME)
        {
            return;
        }
        if titled || prev_role {
            out.push(rule_cand(a, b, EntityType::Per, Variant::Name, 0.7, &name));
        } else if after_place_noun {
            out.push(rule_cand(a, b, EntityType::Loc, Variant::Name, 0.7, &name));
        } else if after_prep && en(t) & (EN_FIRST | EN_SURNAME) == 0 {
            // "stakes in Jaguar" is a company when the article also says "Jaguar shares" or
            // "Jaguar said".
            let ty = if known.companies.contains(first) {
                EntityType::Org
            } else {
                EntityType::Loc
            };
            out.push(rule_cand(a, b, ty, Variant::Name, 0.55, &name));
        }
    }
    let _ = lexicon;
}

/// "Santa Monica, Calif.", "Lewisburg, West Virginia": a capitalised word before a comma and a
/// known region or country is a place.
fn place_before_region(
    toks: &[Tok<'_>],
    s: usize,
    e: usize,
    en: &EnglishLexicon,
    out: &mut Vec<Cand>,
) {
    for k in s + 1..e.saturating_sub(1) {
        if toks[k].text != "," {
            continue;
        }
        let next = &toks[k + 1];
        let region = next.cap
            && (next.flags.intersects(LexFlags::REGION | LexFlags::COUNTRY)
                || matches!(en.name(next.text), Some((EntityType::Loc, _))));
        if !region {
            continue;
        }
        let mut a = k;
        while a > s
            && k - a < 3
            && toks[a - 1].is_word()
            && toks[a - 1].cap
            && !toks[a - 1]
                .flags
                .intersects(LexFlags::FUNCTION_WORD | LexFlags::COMMON_WORD)
        {
            a -= 1;
        }
        if a < k && toks[a..k].iter().all(|t| !common_only(t.en)) {
            let name = joined(&toks[a..k]);
            out.push(rule_cand(a, k, EntityType::Loc, Variant::Name, 0.8, &name));
        }
    }
}

/// All English rule candidates of one sentence `s..e` (positions into `toks`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn english_candidates(
    text: &str,
    toks: &[Tok<'_>],
    s: usize,
    e: usize,
    known: &Known<'_>,
    out: &mut Vec<Cand>,
) {
    let (lexicon, en) = (known.lexicon, known.en);
    dateline(text, toks, s, e, lexicon, en, out);
    listed_names(toks, s, e, en, out);
    capital_runs(toks, s, e, known, out);
    place_before_region(toks, s, e, en, out);
}

/// The canonical name of an English organisation mention: the surface form, unless the
/// lexicon's name differs only in case ("Nato" → "NATO"). The registry still joins "Kremlin"
/// and "Kreml" through the lexicon.
pub(crate) fn english_org_canonical(surface: &str, canonical: &str, en: &EnglishLexicon) -> String {
    if let Some((EntityType::Org, c)) = en.name(surface) {
        return c.to_string();
    }
    // The acronym the name defines ("Korean Central News Agency (KCNA)" → "KCNA").
    let initials: String = surface
        .split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    if initials.chars().count() >= 2 && initials == canonical {
        return canonical.to_string();
    }
    if canonical.to_lowercase() == surface.to_lowercase() {
        canonical.to_string()
    } else {
        surface.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_table() {
        for (w, want) in [
            ("MOSCOW", "Moscow"),
            ("O'SMACH", "O'Smach"),
            ("HAGUE", "Hague"),
        ] {
            assert_eq!(title_case(w), want);
        }
        assert!(upper_word("O'SMACH") && upper_word("MOSCOW") && !upper_word("Moscow"));
        assert!(is_weekday_or_month("Tuesday") && is_weekday_or_month("Oct."));
        assert!(!is_weekday_or_month("May") && !is_weekday_or_month("Clinton"));
        for (w, code) in [
            ("AK-47", true),
            ("An-70", true),
            ("F-16C", true),
            ("NATO-Chef", false),
            ("1-0", false),
            ("Covid-19", false),
        ] {
            assert_eq!(is_model_code(w), code, "{w}");
        }
    }
}
