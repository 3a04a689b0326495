//! Document-level resolution: canonical names for every mention, a name found once is found
//! everywhere in the document, short forms ("Kozlov", "Kim") refer back to the full name,
//! inflected forms ("Nordkoreas") map to their base.

use std::collections::{HashMap, HashSet};

use crate::model::{EntityType, Source, Variant};
use crate::text::Token;

use super::lexicon::{LexFlags, Lexicon, genitive_base};
use super::tokens::{Cand, Tok, is_all_caps, is_name_particle};

/// Fills in canonical names, propagates names to their other occurrences and links short forms.
pub(crate) fn resolve_document(
    text: &str,
    tokens: &[Token],
    toks: &[Tok<'_>],
    mut mentions: Vec<Cand>,
    lexicon: &Lexicon,
    english: bool,
) -> Vec<Cand> {
    for m in &mut mentions {
        if m.canonical.is_empty() || m.source == Source::Model {
            m.canonical = canonical_of(text, tokens, toks, m, lexicon);
        }
    }

    // Genitive person names: "Putins" → "Putin", "Wladimir Putins" → "Wladimir Putin", when the
    // base form stands elsewhere in the document or is a known first name or surname.
    let words: HashSet<&str> = toks.iter().map(|t| t.text).collect();
    for m in &mut mentions {
        if m.ty != EntityType::Per || m.variant != Variant::Name {
            continue;
        }
        let Some(last) = m.canonical.rsplit(' ').next() else {
            continue;
        };
        if lexicon
            .flags(last)
            .intersects(LexFlags::FIRST_NAME | LexFlags::SURNAME)
        {
            continue;
        }
        // English: only the possessive "'s" / "'" ("Williams" is a name, not a genitive).
        let english_possessive =
            last.ends_with("'s") || last.ends_with('\'') || last.ends_with('’');
        if english && !english_possessive {
            continue;
        }
        if let Some(base) = genitive_base(last)
            && (words.contains(base)
                || lexicon
                    .flags(base)
                    .intersects(LexFlags::FIRST_NAME | LexFlags::SURNAME))
            && !last.ends_with("ss")
        {
            let keep = m.canonical.len() - last.len();
            m.canonical = format!("{}{}", &m.canonical[..keep], base);
        }
    }

    // Acronym definitions: "Koreanische Zentrale Nachrichtenagentur (KCNA)" → the long form
    // resolves to the acronym, whoever found the two.
    let mut joins = Vec::new();
    for (a, m) in mentions.iter().enumerate() {
        if toks.get(m.end).is_some_and(|t| t.text == "(")
            && toks.get(m.end + 2).is_some_and(|t| t.text == ")")
            && let Some(b) = mentions
                .iter()
                .position(|n| n.start == m.end + 1 && n.end == m.end + 2)
        {
            let acr = toks[m.end + 1].text;
            let same_initial = acr.chars().next() == toks[m.start].text.chars().next();
            if is_all_caps(acr) && same_initial && m.end - m.start >= 2 {
                joins.push((a, b));
            }
        }
    }
    for (a, b) in joins {
        let (canonical, ty) = (mentions[b].canonical.clone(), mentions[b].ty);
        mentions[a].canonical = canonical;
        mentions[a].ty = ty;
    }

    // Persons with a full name (two words or more): their first and last words are short forms.
    let mut full_people: Vec<(String, usize, HashSet<usize>)> = Vec::new(); // name, count, sentences
    for m in &mentions {
        if m.ty == EntityType::Per && m.variant == Variant::Name && m.end - m.start >= 2 {
            let sentence = toks[m.start].sentence;
            match full_people.iter_mut().find(|p| p.0 == m.canonical) {
                Some(p) => {
                    p.1 += 1;
                    p.2.insert(sentence);
                }
                None => full_people.push((m.canonical.clone(), 1, HashSet::from([sentence]))),
            }
        }
    }
    let mut short_forms: HashMap<&str, Vec<usize>> = HashMap::new();
    for (pi, (name, _, _)) in full_people.iter().enumerate() {
        let words: Vec<&str> = name.split(' ').collect();
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            for w in [*first, *last] {
                let e = short_forms.entry(w).or_default();
                if !e.contains(&pi) {
                    e.push(pi);
                }
            }
        }
    }
    // Canonical names mentioned in each sentence (for co-occurrence).
    let mut by_sentence: HashMap<usize, HashSet<String>> = HashMap::new();
    for m in &mentions {
        by_sentence
            .entry(toks[m.start].sentence)
            .or_default()
            .insert(m.canonical.clone());
    }
    let pick_person = |word: &str, sentence: usize| -> Option<String> {
        let base = genitive_base(word).filter(|b| short_forms.contains_key(b));
        let cands = short_forms
            .get(word)
            .or_else(|| base.and_then(|b| short_forms.get(b)))?;
        // The person named most recently before this sentence, when there is one: a short
        // form refers back ("Kim Tae-hoon said … Kim told lawmakers", whoever is named more
        // often later).
        let mut recent: Option<(usize, &str)> = None;
        let mut recent_tie = false;
        for &pi in cands {
            let (name, _, sents) = &full_people[pi];
            let Some(last) = sents.iter().copied().filter(|&s| s < sentence).max() else {
                continue;
            };
            match recent {
                Some((r, _)) if r == last => recent_tie = true,
                Some((r, _)) if r > last => {}
                _ => {
                    recent = Some((last, name.as_str()));
                    recent_tie = false;
                }
            }
        }
        // Recency counts, but so do frequency and the company a name keeps ("Nach dem Treffen
        // mit Kozlov forderte Kim": the Kim who met Kozlov, although another Kim was named
        // last).
        let recent_name = recent
            .filter(|_| {
                !recent_tie
                    && !cands
                        .iter()
                        .any(|&pi| full_people[pi].2.contains(&sentence))
            })
            .map(|(_, n)| n);
        let here = by_sentence.get(&sentence);
        let mut best: Option<(usize, &str)> = None;
        let mut tie = false;
        for &pi in cands {
            let (name, count, sents) = &full_people[pi];
            // Named before this point counts most (a short form refers back), then how often
            // the person is named at all, then being the one named last.
            let before = sents.iter().filter(|&&s| s < sentence).count();
            let mut score = 3 * before + count;
            if recent_name == Some(name.as_str()) {
                score += 2;
            }
            if let Some(here) = here {
                for other in here {
                    if other != name
                        && sents
                            .iter()
                            .any(|s| by_sentence.get(s).is_some_and(|set| set.contains(other)))
                    {
                        score += 3;
                    }
                }
            }
            match best {
                Some((b, _)) if b == score => tie = true,
                Some((b, _)) if b > score => {}
                _ => {
                    best = Some((score, name.as_str()));
                    tie = false;
                }
            }
        }
        if tie {
            return None;
        }
        best.map(|(_, n)| n.to_string())
    };

    // English: a single word the German-trained model typed is a person when it is the short
    // form of a person named in full ("Howes" after "Christopher Howes").
    if english {
        for m in &mut mentions {
            if m.source == Source::Model
                && m.end - m.start == 1
                && m.ty != EntityType::Per
                && m.variant == Variant::Name
                && let Some(full) = pick_person(toks[m.start].text, toks[m.start].sentence)
            {
                m.ty = EntityType::Per;
                m.canonical = full;
            }
        }
    }
    // Short person mentions refer back to the full name.
    for m in &mut mentions {
        if m.ty == EntityType::Per && m.end - m.start == 1 {
            if let Some(full) = pick_person(toks[m.start].text, toks[m.start].sentence) {
                m.canonical = full;
            } else if let Some(base) = genitive_base(&m.canonical)
                && full_people.iter().any(|p| p.0 == base)
            {
                m.canonical = base.to_string();
            }
        }
    }

    // Surfaces of what was found, for propagation, by their first word (longest first).
    type Found = (Vec<String>, EntityType, Variant, String, f32);
    let mut surfaces: HashMap<&str, Vec<Found>> = HashMap::new();
    for m in &mentions {
        let key: Vec<String> = toks[m.start..m.end]
            .iter()
            .map(|t| t.text.to_string())
            .collect();
        let single_blocked = key.len() == 1 && toks[m.start].is_blocked();
        if m.conf < 0.5 || single_blocked || key.len() > 6 {
            continue;
        }
        let list = surfaces.entry(toks[m.start].text).or_default();
        if !list.iter().any(|f| f.0 == key) {
            list.push((key, m.ty, m.variant, m.canonical.clone(), m.conf));
        }
    }
    for list in surfaces.values_mut() {
        list.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
    }
    let mut covered = vec![false; toks.len()];
    for m in &mentions {
        for c in covered.iter_mut().take(m.end).skip(m.start) {
            *c = true;
        }
    }
    let mut added = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if covered[i] || !toks[i].cap {
            i += 1;
            continue;
        }
        let mut hit = None;
        if let Some(list) = surfaces.get(toks[i].text) {
            for (key, ty, variant, canonical, conf) in list {
                let n = key.len();
                if i + n > toks.len()
                    || covered[i..i + n].iter().any(|&c| c)
                    || toks[i..i + n]
                        .iter()
                        .any(|t| t.sentence != toks[i].sentence)
                    || toks[i..i + n].iter().zip(key).any(|(t, k)| t.text != k)
                {
                    continue;
                }
                // A single word that is a common noun here needs to be a name elsewhere too.
                if n == 1 && toks[i].is_blocked() {
                    continue;
                }
                hit = Some((n, *ty, *variant, canonical.clone(), (conf * 0.9).min(0.8)));
                break;
            }
        }
        if hit.is_none() && toks[i].is_word() && !toks[i].flags.contains(LexFlags::FUNCTION_WORD) {
            let t = &toks[i];
            let surname_ok =
                !t.is_blocked() || t.flags.intersects(LexFlags::FIRST_NAME | LexFlags::SURNAME);
            if surname_ok
                && !is_all_caps(t.text)
                && let Some(full) = pick_person(t.text, t.sentence)
            {
                hit = Some((1, EntityType::Per, Variant::Name, full, 0.7));
            }
        }
        match hit {
            Some((n, ty, variant, canonical, conf)) => {
                // "Von der Leyen" for "Ursula von der Leyen": the particles before a surname
                // belong to it when the full name has them.
                let mut start = i;
                if ty == EntityType::Per && n == 1 {
                    while start > 0
                        && i - start < 2
                        && !covered[start - 1]
                        && toks[start - 1].sentence == toks[i].sentence
                        && {
                            let low = toks[start - 1].text.to_lowercase();
                            (is_name_particle(&low) || matches!(low.as_str(), "der" | "den"))
                                && canonical.contains(&format!(" {low} "))
                        }
                    {
                        start -= 1;
                    }
                }
                added.push(Cand {
                    start,
                    end: i + n,
                    ty,
                    variant,
                    source: Source::Rule,
                    conf,
                    canonical,
                });
                for c in covered.iter_mut().take(i + n).skip(start) {
                    *c = true;
                }
                i += n;
            }
            None => i += 1,
        }
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.start, m.end));
    mentions
}

/// The name a mention stands for within the document.
fn canonical_of(
    text: &str,
    tokens: &[Token],
    toks: &[Tok<'_>],
    m: &Cand,
    lexicon: &Lexicon,
) -> String {
    let words: Vec<&str> = toks[m.start..m.end].iter().map(|t| t.text).collect();
    // The words as written, spaces collapsed: "Frankfurt (Oder)", "Yahoo!", not "Frankfurt ( Oder )".
    let joined = text
        .get(toks[m.start].span.start..toks[m.end - 1].span.end)
        .map_or_else(
            || words.join(" "),
            |s| s.split_whitespace().collect::<Vec<_>>().join(" "),
        );
    match m.variant {
        Variant::Deriv => {
            if let Some(c) = lexicon.demonym_base(&joined) {
                return c.to_string();
            }
            if words.len() == 1
                && let Some(c) = lexicon.demonym_base(words[0])
            {
                return c.to_string();
            }
            // "Hamburger" → Hamburg, "Westersteder" → Westerstede.
            if let [word] = words[..]
                && let Some(stem) = word.strip_suffix("er")
                && let Some(place) = lexicon
                    .place(stem)
                    .or_else(|| lexicon.place(&format!("{stem}e")))
            {
                return place.name;
            }
            return joined;
        }
        Variant::Part => {
            if let Some(tok) = tokens.get(toks[m.start].index) {
                let parts = crate::text::hyphen_parts(text, tok);
                for p in &parts {
                    let w = p.slice(text);
                    if let Some(org) = lexicon.org(w) {
                        return org.to_string();
                    }
                    if let Some(place) = lexicon.place(w) {
                        return place.name;
                    }
                }
                if let Some(p) = parts.first() {
                    return p.slice(text).to_string();
                }
            }
            return joined;
        }
        Variant::Name => {}
    }
    match m.ty {
        EntityType::Org => lexicon.org(&joined).map(str::to_string).unwrap_or(joined),
        EntityType::Loc => {
            if let Some(p) = lexicon.place(&joined) {
                return p.name;
            }
            if words.len() == 1
                && let Some(l) = lexicon.lemma(words[0])
                && lexicon.flags(l).intersects(LexFlags::ANY_PLACE)
            {
                return l.to_string();
            }
            joined
        }
        _ => joined,
    }
}
