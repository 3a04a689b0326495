//! Events: clauses that state something happening at a resolved time, with their participants,
//! and the dossier-wide timeline that merges reports of the same event.
//!
//! The clause of a time expression is its sentence, cut at a conjunction ("und", "and", …)
//! between two dated expressions and at commas that open a subordinate clause. The label is a
//! heuristic over the clause: for German verb-final clauses and passives the subject noun and
//! the participle ("Vertrag unterzeichnet"), otherwise the main verb and its object ("berichtete
//! über dieses bedeutende Treffen").

use std::collections::{BTreeSet, HashMap};

use crate::model::{
    DateRange, DocId, EntityId, Event, EventId, EventSource, Mention, Precision, Span, Timex,
    TimexType,
};

/// An event found in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocEvent {
    /// TIMEX3 value of its date.
    pub value: String,
    /// Precision of the date.
    pub precision: Precision,
    /// The days it may have happened on.
    pub range: DateRange,
    /// The clause that states it.
    pub span: Span,
    /// The time expression that dates it.
    pub timex: Span,
    /// A short readable label (main verb and its objects).
    pub label: String,
    /// Indices into the document's `mentions` of the entities taking part.
    pub mentions: Vec<usize>,
}

const CONJ: [&str; 10] = [
    " und ",
    " and ",
    " sowie ",
    " but ",
    " aber ",
    " while ",
    " whereas ",
    " jedoch ",
    "; ",
    " – ",
];

const SUBORD: [&str; 28] = [
    "während", "dass", "weil", "da", "als", "nachdem", "wobei", "obwohl", "bevor", "damit", "wenn",
    "der", "die", "das", "which", "who", "that", "while", "as", "after", "because", "although",
    "before", "when", "where", "wo", "um", "sodass",
];

const STOP: [&str; 114] = [
    "der",
    "die",
    "das",
    "des",
    "dem",
    "den",
    "ein",
    "eine",
    "einer",
    "eines",
    "einem",
    "einen",
    "und",
    "oder",
    "aber",
    "von",
    "vom",
    "zu",
    "zur",
    "zum",
    "mit",
    "für",
    "auf",
    "in",
    "im",
    "an",
    "am",
    "bei",
    "beim",
    "nach",
    "über",
    "unter",
    "vor",
    "aus",
    "um",
    "seit",
    "bis",
    "durch",
    "gegen",
    "ohne",
    "sich",
    "er",
    "sie",
    "es",
    "wir",
    "ihr",
    "nicht",
    "auch",
    "noch",
    "schon",
    "bereits",
    "erstmals",
    "dann",
    "so",
    "sehr",
    "nur",
    "dass",
    "während",
    "the",
    "a",
    "an",
    "of",
    "to",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "and",
    "or",
    "but",
    "it",
    "he",
    "she",
    "they",
    "we",
    "its",
    "his",
    "her",
    "their",
    "also",
    "first",
    "then",
    "not",
    "that",
    "this",
    "which",
    "who",
    "zusätzlich",
    "dies",
    "diese",
    "dieses",
    "zwar",
    // modal verbs: never the noun or verb of a label
    "could",
    "should",
    "might",
    "may",
    "must",
    "can",
    "cannot",
    "shall",
    "kann",
    "können",
    "konnte",
    "konnten",
    "muss",
    "müssen",
    "musste",
    "mussten",
    "darf",
    "dürfen",
    "wollte",
    "wollten",
];

const AUX: [&str; 31] = [
    "wurde", "wurden", "worden", "wird", "werden", "hat", "haben", "hatte", "hatten", "ist",
    "sind", "war", "waren", "was", "were", "has", "have", "had", "is", "are", "been", "be", "will",
    "would", "sei", "seien", "würde", "würden", "soll", "sollen", "habe",
];

/// German auxiliaries of the active perfect: the noun after them is the object.
const HABEN: [&str; 5] = ["hat", "haben", "hatte", "hatten", "habe"];

const NUMBER_WORDS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "zwei", "drei", "vier", "fünf", "sechs", "zehn",
];

const EN_VERBS: [&str; 40] = [
    "said",
    "says",
    "met",
    "meets",
    "took",
    "takes",
    "made",
    "makes",
    "went",
    "came",
    "won",
    "lost",
    "held",
    "holds",
    "began",
    "left",
    "ran",
    "saw",
    "told",
    "gave",
    "found",
    "rose",
    "fell",
    "sold",
    "bought",
    "struck",
    "hit",
    "sent",
    "led",
    "fled",
    "signed",
    "announced",
    "agreed",
    "killed",
    "arrived",
    "became",
    "wrote",
    "spoke",
    "paid",
    "set",
];

const PARTICLES: [&str; 16] = [
    "ein", "an", "auf", "aus", "ab", "zu", "mit", "vor", "fest", "zurück", "bei", "los", "statt",
    "teil", "fort", "hin",
];

/// A word of a clause.
#[derive(Debug, Clone, Copy)]
struct W<'a> {
    s: &'a str,
    span: Span,
}

fn words_in(text: &str, span: Span) -> Vec<W<'_>> {
    let mut out = Vec::new();
    let Some(seg) = text.get(span.start..span.end) else {
        return out;
    };
    let mut start: Option<usize> = None;
    for (i, c) in seg.char_indices().chain(std::iter::once((seg.len(), ' '))) {
        let inside = c.is_alphanumeric() || c == '-';
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                let whole = &seg[a..i];
                let w = whole.trim_matches('-');
                if !w.is_empty() {
                    // `w` is a part of `whole`: its offset is the leading hyphens' length.
                    let off = whole.len() - whole.trim_start_matches('-').len();
                    out.push(W {
                        s: w,
                        span: Span::new(span.start + a + off, span.start + a + off + w.len()),
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn is_lower(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_lowercase())
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// An English adverb in -ly ("barely", "sharply"), never the verb of a label.
fn is_adverb_en(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly") && !matches!(w, "supply" | "apply" | "reply" | "rely")
}

/// `w` in lower case, borrowed when it is already.
fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

fn stop(w: &str) -> bool {
    static WORDS: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| STOP.iter().chain(AUX.iter()).copied().collect());
    words.contains(lower(w).as_ref())
}

/// An auxiliary verb, in any case.
fn is_aux(w: &str) -> bool {
    AUX.contains(&lower(w).as_ref())
}

/// Finds the sentence span around `pos`: a given sentence or a line/period-delimited guess.
fn sentence_at(text: &str, sentences: &[Span], pos: usize) -> Span {
    // sentences are in text order: binary search
    let k = sentences.partition_point(|s| s.end <= pos);
    if let Some(s) = sentences.get(k).filter(|s| s.start <= pos) {
        return *s;
    }
    let bytes = text.as_bytes();
    let mut a = pos.min(text.len());
    while a > 0 {
        let c = bytes[a - 1];
        if c == b'\n' || ((c == b'.' || c == b'!' || c == b'?') && bytes.get(a) == Some(&b' ')) {
            // "19. Juni": a period after a number is no sentence end
            let num_before = a >= 2 && bytes[a - 2].is_ascii_digit();
            if !(c == b'.' && num_before) {
                break;
            }
        }
        a -= 1;
    }
    let mut b = pos.min(text.len());
    while b < text.len() {
        let c = bytes[b];
        if c == b'\n' {
            break;
        }
        if (c == b'.' || c == b'!' || c == b'?')
            && bytes.get(b + 1).is_none_or(|n| n.is_ascii_whitespace())
            && !(b > 0 && bytes[b - 1].is_ascii_digit())
        {
            b += 1;
            break;
        }
        b += 1;
    }
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    while b < text.len() && !text.is_char_boundary(b) {
        b += 1;
    }
    Span::new(a, b)
}

/// True for time expressions that can date an event.
fn datable(t: &Timex) -> bool {
    matches!(t.timex_type, TimexType::Date | TimexType::Time)
        && !t.unresolved
        && t.range.is_some()
        && matches!(
            t.precision,
            Some(
                Precision::Time
                    | Precision::Day
                    | Precision::Week
                    | Precision::Month
                    | Precision::Quarter
                    | Precision::Year
            )
        )
}

/// The parts of a document whose mentions [`find_events`] reads: the sentences that hold a
/// time expression able to date an event, in text order. Adding, removing or changing mentions
/// outside them leaves the events as they are (only the indices of their participants move).
pub fn event_sentences(text: &str, sentences: &[Span], timexes: &[Timex]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for t in timexes.iter().filter(|t| datable(t)) {
        let s = sentence_at(text, sentences, t.span.start);
        if out.last() != Some(&s) {
            out.push(s);
        }
    }
    out
}

/// Finds the events of one document: every clause dated by a resolved time expression (a day,
/// week, month, quarter or year) that has a verb. `sentences` are the document's sentence spans
/// in text order; `mentions` are its entity mentions; [`DocEvent::mentions`] indexes into them.
pub fn find_events(
    text: &str,
    sentences: &[Span],
    timexes: &[Timex],
    mentions: &[Mention],
) -> Vec<DocEvent> {
    let dated: Vec<&Timex> = timexes.iter().filter(|t| datable(t)).collect();
    // mention indices sorted by start, for range look-ups
    let mut by_start: Vec<usize> = (0..mentions.len()).collect();
    by_start.sort_by_key(|&i| mentions[i].span.start);
    let mut out = Vec::new();
    let mut k = 0;
    while k < dated.len() {
        let sent = sentence_at(text, sentences, dated[k].span.start);
        // all dated expressions of this sentence
        let mut group = vec![dated[k]];
        let mut j = k + 1;
        while j < dated.len() && dated[j].span.start < sent.end {
            group.push(dated[j]);
            j += 1;
        }
        k = j;
        // split points between consecutive expressions
        let mut bounds = vec![sent.start];
        for pair in group.windows(2) {
            let (a, b) = (pair[0].span.end, pair[1].span.start);
            let between = text.get(a..b).unwrap_or("");
            let cut = CONJ
                .iter()
                .filter_map(|c| between.rfind(c))
                .max()
                .or_else(|| between.rfind(", "))
                .map_or(b, |p| a + p);
            bounds.push(cut.clamp(a, b));
        }
        bounds.push(sent.end);
        let mut subject: Option<String> = None;
        let sent_words = words_in(text, sent);
        let german = is_german(&sent_words);
        let mut aux_before = false;
        for (gi, t) in group.iter().enumerate() {
            let clause = narrow_clause(text, Span::new(bounds[gi], bounds[gi + 1]), t.span);
            let ms = mentions_in(&by_start, mentions, clause);
            let clause_mentions: Vec<Mention> = ms.iter().map(|&i| mentions[i].clone()).collect();
            let (label, noun) = label_of(
                text,
                clause,
                t.span,
                &clause_mentions,
                Inherit {
                    noun: subject.as_deref(),
                    aux: aux_before,
                    german,
                },
            );
            aux_before |= words_in(text, clause).iter().any(|w| is_aux(w.s));
            if subject.is_none() {
                subject = noun;
            }
            let Some(label) = label else { continue };
            let Some(range) = t.range else { continue };
            let Some(precision) = t.precision else {
                continue;
            };
            out.push(DocEvent {
                value: date_part(&t.value),
                precision: if precision == Precision::Time {
                    Precision::Day
                } else {
                    precision
                },
                range,
                span: trim_span(text, clause),
                timex: t.span,
                label,
                mentions: ms,
            });
        }
    }
    out
}

/// Indices of the mentions inside `clause`, in text order.
fn mentions_in(by_start: &[usize], mentions: &[Mention], clause: Span) -> Vec<usize> {
    let first = by_start.partition_point(|&i| mentions[i].span.start < clause.start);
    by_start[first..]
        .iter()
        .take_while(|&&i| mentions[i].span.start < clause.end)
        .copied()
        .filter(|&i| clause.contains(mentions[i].span))
        .collect()
}

/// "2024-11-18TEV" → "2024-11-18".
fn date_part(v: &str) -> String {
    match v.find('T') {
        Some(p) if p == 10 => v[..p].to_string(),
        _ => v.to_string(),
    }
}

fn trim_span(text: &str, s: Span) -> Span {
    let seg = s.slice(text);
    let lead = seg.len()
        - seg
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '–' | '-'))
            .len();
    let trail = seg.len() - seg.trim_end().len();
    let seg2 = seg[lead..].trim_end();
    // drop a leading conjunction
    let mut a = s.start + lead;
    for c in ["und ", "and ", "sowie ", "but ", "aber "] {
        if seg2.starts_with(c) {
            a += c.len();
            break;
        }
    }
    Span::new(a.min(s.end - trail), s.end - trail)
}

/// Cuts a clause at the commas around the time expression that open or close a subordinate
/// clause; keeps the whole clause when the comma segment would have no verb.
fn narrow_clause(text: &str, clause: Span, tx: Span) -> Span {
    let seg = clause.slice(text);
    let rel = tx.start.saturating_sub(clause.start);
    let mut a = clause.start;
    let mut b = clause.end;
    // end: a comma after the expression followed by a subordinator
    if let Some(after) = seg.get(tx.end.saturating_sub(clause.start)..) {
        let mut off = 0;
        while let Some(p) = after[off..].find(", ") {
            let q = off + p + 2;
            let next = after[q..]
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if SUBORD.contains(&next.to_lowercase().as_str()) {
                b = tx.end + q - 2;
                break;
            }
            off = q;
        }
    }
    // start: a comma before the expression followed by a relative pronoun/subordinator
    if let Some(before) = seg.get(..rel)
        && let Some(p) = before.rfind(", ")
    {
        let next = before[p + 2..]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if SUBORD.contains(&next.to_lowercase().as_str()) {
            // keep the noun before the comma for relative clauses: "Vertrags, der … ratifiziert wurde"
            let relative = matches!(
                next.to_lowercase().as_str(),
                "der" | "die" | "das" | "which" | "who" | "that"
            );
            a = if relative {
                let head_start = before[..p]
                    .rfind(|c: char| c.is_whitespace())
                    .map_or(0, |x| x + 1);
                clause.start + head_start
            } else {
                clause.start + p + 2
            };
        }
    }
    if a >= b || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
        return clause;
    }
    Span::new(a, b)
}

/// German when German function words outnumber English ones.
fn is_german(ws: &[W]) -> bool {
    let mut de = 0;
    let mut en = 0;
    for w in ws {
        match w.s.to_lowercase().as_str() {
            "der" | "die" | "das" | "und" | "von" | "mit" | "wurde" | "ist" | "den" | "dem"
            | "des" | "ein" | "eine" | "nicht" | "sich" | "auf" | "für" | "hat" | "am" | "im" => {
                de += 1
            }
            "the" | "and" | "of" | "was" | "is" | "with" | "a" | "an" | "for" | "on" | "has"
            | "to" | "by" | "it" | "that" => en += 1,
            _ => {}
        }
    }
    de > en
}

/// What a clause takes over from the clauses before it in the same sentence.
struct Inherit<'a> {
    noun: Option<&'a str>,
    aux: bool,
    german: bool,
}

/// The label of a clause, and its subject noun (for the next clause of the same sentence).
fn label_of(
    text: &str,
    clause: Span,
    tx: Span,
    mentions: &[Mention],
    inherit: Inherit,
) -> (Option<String>, Option<String>) {
    let inherited = inherit.noun;
    let all = words_in(text, clause);
    let in_mention = |w: &W| mentions.iter().any(|m| m.span.overlaps(w.span));
    // words outside the time expression (and the preposition right before it)
    let mut ws: Vec<W> = Vec::with_capacity(all.len());
    for (i, w) in all.iter().enumerate() {
        if w.span.overlaps(tx) {
            continue;
        }
        // the preposition (and article) right before the expression: "am", "ab dem", "on the"
        let before_tx = all
            .get(i + 1)
            .is_some_and(|n| n.span.overlaps(tx) && w.span.end <= tx.start)
            || (all
                .get(i + 2)
                .is_some_and(|n| n.span.overlaps(tx) && w.span.end <= tx.start)
                && all.get(i + 1).is_some_and(|n| {
                    matches!(n.s.to_lowercase().as_str(), "dem" | "den" | "der" | "the")
                }));
        if before_tx
            && matches!(
                w.s.to_lowercase().as_str(),
                "am" | "an"
                    | "on"
                    | "in"
                    | "im"
                    | "at"
                    | "seit"
                    | "since"
                    | "bis"
                    | "vom"
                    | "ab"
                    | "um"
                    | "zum"
                    | "bereits"
                    | "erstmals"
                    | "dem"
                    | "den"
                    | "der"
                    | "the"
            )
        {
            continue;
        }
        ws.push(*w);
    }
    let has_aux = inherit.aux || ws.iter().any(|w| is_aux(w.s));
    let german = inherit.german;
    // subject/first noun: capitalised, not a mention, not a stop word, not the first function word
    let first_noun = ws
        .iter()
        .find(|w| is_cap(w.s) && !stop(w.s) && !in_mention(w) && w.s.len() > 2)
        .map(|w| w.s.to_string());
    let lower_content: Vec<&W> = ws
        .iter()
        .filter(|w| is_lower(w.s) && !stop(w.s) && !PARTICLES.contains(&w.s))
        .collect();
    if has_aux {
        // passive / perfect: noun + participle
        let participle = if german {
            // verb-final: the last lower-case content word
            lower_content.last().map(|w| w.s)
        } else {
            // English: the first content word after the auxiliary
            let aux_pos = ws.iter().position(|w| is_aux(w.s)).unwrap_or(0);
            ws[aux_pos..]
                .iter()
                .find(|w| is_lower(w.s) && !stop(w.s) && !is_adverb_en(w.s))
                .map(|w| w.s)
        };
        if let Some(p) = participle {
            // active perfect ("hat … ein Sanktionspaket beschlossen"): the object after the
            // auxiliary; passive ("Der Vertrag wurde … unterzeichnet"): the subject
            let haben_pos = ws
                .iter()
                .position(|w| HABEN.contains(&w.s.to_lowercase().as_str()));
            let object = haben_pos.and_then(|hp| {
                ws[hp + 1..]
                    .iter()
                    .find(|w| is_cap(w.s) && !stop(w.s) && !in_mention(w) && w.s.len() > 2)
                    .map(|w| w.s.to_string())
            });
            let noun = if german {
                object
                    .or_else(|| first_noun.clone())
                    .or_else(|| inherited.map(str::to_string))
            } else {
                // the last content word before the auxiliary: "the treaty was signed"
                let aux_pos = ws.iter().position(|w| is_aux(w.s)).unwrap_or(0);
                ws[..aux_pos]
                    .iter()
                    .rev()
                    .find(|w| !stop(w.s))
                    .map(|w| w.s.to_string())
                    .or_else(|| inherited.map(str::to_string))
            };
            let own_noun = first_noun.clone();
            let label = match &noun {
                Some(n) => format!("{n} {p}"),
                None => p.to_string(),
            };
            return (Some(label), own_noun.or(noun));
        }
    }
    // active: the first lower-case content word not directly followed by a capitalised word
    // (that would be an adjective), then its object up to the first noun
    let candidate = |i: usize, w: &W| {
        is_lower(w.s)
            && w.s.chars().count() > 1
            && (german || !is_adverb_en(w.s))
            && !stop(w.s)
            && !PARTICLES.contains(&w.s)
            && !w.s.chars().any(|c| c.is_ascii_digit())
            && !NUMBER_WORDS.contains(&w.s)
            && (!german || !ws.get(i + 1).is_some_and(|n| is_cap(n.s) && !stop(n.s)))
    };
    // English: prefer a past-tense or irregular verb form
    let verb_pos = if german {
        None
    } else {
        ws.iter()
            .enumerate()
            .position(|(i, w)| candidate(i, w) && (w.s.ends_with("ed") || EN_VERBS.contains(&w.s)))
    }
    .or_else(|| ws.iter().enumerate().position(|(i, w)| candidate(i, w)));
    let Some(vp) = verb_pos else {
        return (None, first_noun);
    };
    let mut parts = Vec::new();
    // English subject right before the verb: "the company said", "the Senate voted"
    if !german
        && vp > 0
        && ws[vp - 1].s.chars().count() > 1
        && !stop(ws[vp - 1].s)
        && !ws[vp - 1].s.chars().any(|c| c.is_ascii_digit())
    {
        parts.push(ws[vp - 1].s.to_string());
    }
    parts.push(ws[vp].s.to_string());
    let mut content = 0;
    for w in ws.iter().skip(vp + 1).take(if german { 5 } else { 4 }) {
        if !german && content > 0 && STOP.contains(&w.s) {
            break;
        }
        if w.s.chars().all(|c| c.is_ascii_digit()) && content > 0 {
            break;
        }
        parts.push(w.s.to_string());
        if !stop(w.s) {
            content += 1;
        }
        if is_cap(w.s) && !stop(w.s) {
            break;
        }
    }
    // separable particle at the end of a German clause: "traf … ein"
    if german
        && let Some(last) = ws.last()
        && PARTICLES.contains(&last.s)
        && !parts.iter().any(|p| p == last.s)
    {
        parts.push(last.s.to_string());
    }
    (Some(parts.join(" ")), first_noun)
}

/// Merges the events of several documents into the dossier's timeline: events with the same
/// date value and precision whose participants overlap (or, without participants, with the same
/// label) become one event with several sources. The result is sorted by date; ids are assigned
/// in that order.
pub fn merge_events(per_doc: &[(DocId, &[DocEvent], &[Mention])]) -> Vec<Event> {
    struct Acc {
        value: String,
        precision: Precision,
        range: DateRange,
        label: String,
        entities: BTreeSet<EntityId>,
        sources: Vec<EventSource>,
    }
    let mut acc: Vec<Acc> = Vec::new();
    // The accumulated events by date value and precision: only those can take an event in.
    let mut by_value: HashMap<(&str, Precision), Vec<usize>> = HashMap::new();
    for (doc, events, mentions) in per_doc {
        for e in events.iter() {
            let ents: BTreeSet<EntityId> = e
                .mentions
                .iter()
                .filter_map(|&i| mentions.get(i).map(|m| m.entity))
                .collect();
            let src = EventSource {
                doc: *doc,
                span: e.span,
                timex: e.timex,
            };
            let same_date = by_value.entry((e.value.as_str(), e.precision)).or_default();
            let found = same_date.iter().copied().find(|&i| {
                acc.get(i).is_some_and(|a| {
                    if ents.is_empty() || a.entities.is_empty() {
                        ents.is_empty() && a.entities.is_empty() && a.label == e.label
                    } else {
                        !a.entities.is_disjoint(&ents)
                    }
                })
            });
            match found.and_then(|i| acc.get_mut(i)) {
                Some(a) => {
                    a.entities.extend(ents);
                    if !a.sources.contains(&src) {
                        a.sources.push(src);
                    }
                }
                None => {
                    same_date.push(acc.len());
                    acc.push(Acc {
                        value: e.value.clone(),
                        precision: e.precision,
                        range: e.range,
                        label: e.label.clone(),
                        entities: ents,
                        sources: vec![src],
                    });
                }
            }
        }
    }
    acc.sort_by(|a, b| {
        (a.range.earliest, a.range.latest, &a.value).cmp(&(
            b.range.earliest,
            b.range.latest,
            &b.value,
        ))
    });
    acc.into_iter()
        .enumerate()
        .map(|(i, a)| Event {
            id: EventId(i as u32),
            value: a.value,
            precision: a.precision,
            range: a.range,
            label: a.label,
            entities: a.entities.into_iter().collect(),
            sources: a.sources,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use chrono::NaiveDate;

    fn events(text: &str, lang: Lang) -> Vec<DocEvent> {
        let dct = NaiveDate::from_ymd_opt(2024, 11, 19);
        let tx = crate::time::find_timexes_in(text, &[], &lang, dct);
        find_events(text, &[], &tx, &[])
    }

    #[test]
    fn labels_table() {
        let cases = [
            (
                Lang::En,
                "The Senate voted on Tuesday to approve the budget.",
                "2024-11-19",
                "Senate voted",
            ),
            (
                Lang::En,
                "The treaty was signed on June 19 in Moscow.",
                "2024-06-19",
                "treaty signed",
            ),
            (
                Lang::En,
                "Two weeks later, the House passed its version on Nov. 5.",
                "2024-11-05",
                "House passed",
            ),
            (
                Lang::De,
                "Der Vertrag wurde am 19. Juni unterzeichnet.",
                "2024-06-19",
                "Vertrag unterzeichnet",
            ),
            (
                Lang::De,
                "Die Regierung hat am Montag neue Sanktionen beschlossen.",
                "2024-11-18",
                "beschlossen",
            ),
            (
                Lang::De,
                "Am Montag traf die Delegation in Berlin ein.",
                "2024-11-18",
                "traf",
            ),
            (
                Lang::En,
                "The money could be used for repairs from Tuesday.",
                "2024-11-19",
                "money used",
            ),
            (
                Lang::En,
                "Junk-fund holders have barely broken even on Tuesday.",
                "2024-11-19",
                "broken",
            ),
            (
                Lang::En,
                "\"We haven't benefited as much,\" he said on Tuesday.",
                "2024-11-19",
                "benefited",
            ),
        ];
        for (lang, text, value, want) in cases {
            let ev = events(text, lang);
            let e = ev
                .iter()
                .find(|e| e.value == value)
                .unwrap_or_else(|| panic!("{text}: {ev:?}"));
            assert!(e.label.contains(want), "{text}: {:?}", e.label);
            assert!(
                e.label.split(' ').all(|w| w.chars().count() > 1),
                "{text}: {:?}",
                e.label
            );
            assert!(!e.span.slice(text).starts_with(','), "{text}");
        }
    }

    #[test]
    fn no_events_for_durations_sets_and_references() {
        for text in [
            "Das dauerte drei Jahre.",
            "Er kommt jeden Montag.",
            "Das ist derzeit so.",
            "It lasted a decade.",
        ] {
            assert!(
                events(text, Lang::De).is_empty() && events(text, Lang::En).is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn merge_without_participants_needs_the_same_label() {
        let a = events("The treaty was signed on June 19.", Lang::En);
        let b = events("The treaty was signed on June 19.", Lang::En);
        let c = events("The bridge was opened on June 19.", Lang::En);
        let none: &[Mention] = &[];
        let merged = merge_events(&[
            (DocId(0), a.as_slice(), none),
            (DocId(1), b.as_slice(), none),
            (DocId(2), c.as_slice(), none),
        ]);
        assert_eq!(merged.len(), 2, "{merged:#?}");
        assert_eq!(merged.iter().map(|e| e.sources.len()).sum::<usize>(), 3);
    }

    #[test]
    fn german_perfect_and_modal_labels() {
        let text = "Die Bundesregierung hat am Mittwoch ein neues Sanktionspaket beschlossen. \
            Die Maßnahmen würden ab dem 1. Dezember gelten. \
            Ein Sprecher kündigte an, dass die Ministerin nächste Woche nach Kiew reisen wird.";
        let ev = events(text, Lang::De);
        let label = |v: &str| ev.iter().find(|e| e.value == v).map(|e| e.label.clone());
        assert_eq!(
            label("2024-11-13").as_deref(),
            Some("Sanktionspaket beschlossen"),
            "{ev:#?}"
        );
        assert_eq!(
            label("2024-12-01").as_deref(),
            Some("Maßnahmen gelten"),
            "{ev:#?}"
        );
        let trip = ev
            .iter()
            .find(|e| e.value == "2024-W48")
            .expect("trip next week");
        assert!(trip.span.slice(text).starts_with("dass"), "{trip:?}");
    }
}
