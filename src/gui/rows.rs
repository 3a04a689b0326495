//! Pure "row builders": what the panels show, computed from the [`Dossier`] without egui, so
//! that they can be tested on their own and cached by the panels.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use super::state::SortBy;
use crate::analysis::{DocAnalysis, Dossier};
use crate::model::{
    DocId, Document, EntityId, EntityType, EventId, Mention, Precision, Span, Timex,
};

/// Look-up tables built when the dossier changes (never per frame); a change updates only the
/// articles and entities it touched ([`DossierIndex::update`]).
#[derive(Debug, Clone, Default)]
pub struct DossierIndex {
    /// For each entity, its mentions as `(doc, span)`, in document order.
    pub mentions_of: HashMap<EntityId, Vec<(DocId, Span)>>,
    /// For each document (parallel to `Dossier::documents`), mentions per entity.
    pub doc_counts: Vec<HashMap<EntityId, usize>>,
}

impl DossierIndex {
    /// Builds the tables.
    pub fn build(dossier: &Dossier) -> Self {
        let mut mentions_of: HashMap<EntityId, Vec<(DocId, Span)>> = HashMap::new();
        let mut doc_counts = Vec::with_capacity(dossier.documents.len());
        for (doc, analysis) in dossier.documents.iter().zip(&dossier.analyses) {
            let mut counts: HashMap<EntityId, usize> = HashMap::new();
            for m in &analysis.mentions {
                *counts.entry(m.entity).or_default() += 1;
                mentions_of
                    .entry(m.entity)
                    .or_default()
                    .push((doc.id, m.span));
            }
            doc_counts.push(counts);
        }
        Self {
            mentions_of,
            doc_counts,
        }
    }

    /// Brings the tables up to date after the articles `docs` changed (mentions added, moved,
    /// removed; articles removed or restored). `old` is the dossier the tables were built for.
    pub fn update(&mut self, old: &Dossier, new: &Dossier, docs: &BTreeSet<DocId>) {
        if docs.is_empty() {
            return;
        }
        // The entities whose lists change: those named in the changed articles, before or now.
        let mut touched: HashSet<EntityId> = HashSet::new();
        for &doc in docs {
            for d in [old, new] {
                if let Some((_, a)) = d.document(doc) {
                    touched.extend(a.mentions.iter().map(|m| m.entity));
                }
            }
        }
        let position: HashMap<DocId, usize> = new
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i))
            .collect();
        for e in &touched {
            let list = self.mentions_of.entry(*e).or_default();
            list.retain(|(d, _)| !docs.contains(d) && position.contains_key(d));
        }
        for &doc in docs {
            if let Some((_, a)) = new.document(doc) {
                for m in &a.mentions {
                    self.mentions_of
                        .entry(m.entity)
                        .or_default()
                        .push((doc, m.span));
                }
            }
        }
        for e in &touched {
            if let Some(list) = self.mentions_of.get_mut(e) {
                list.sort_by_key(|(d, s)| {
                    (position.get(d).copied().unwrap_or(usize::MAX), s.start)
                });
                if list.is_empty() {
                    self.mentions_of.remove(e);
                }
            }
        }
        // Per-article counts follow the articles' positions.
        let old_counts: HashMap<DocId, HashMap<EntityId, usize>> = old
            .documents
            .iter()
            .map(|d| d.id)
            .zip(std::mem::take(&mut self.doc_counts))
            .collect();
        let mut old_counts = old_counts;
        self.doc_counts = new
            .documents
            .iter()
            .zip(&new.analyses)
            .map(|(d, a)| match old_counts.remove(&d.id) {
                Some(c) if !docs.contains(&d.id) => c,
                _ => {
                    let mut counts: HashMap<EntityId, usize> = HashMap::new();
                    for m in &a.mentions {
                        *counts.entry(m.entity).or_default() += 1;
                    }
                    counts
                }
            })
            .collect();
    }

    /// The mentions of `entity`, as `(doc, span)` in document order.
    pub fn mentions(&self, entity: EntityId) -> &[(DocId, Span)] {
        self.mentions_of.get(&entity).map_or(&[], Vec::as_slice)
    }

    /// Number of mentions of `entity` in the whole dossier.
    pub fn total(&self, entity: EntityId) -> usize {
        self.mentions(entity).len()
    }

    /// Mentions of `entity` per article, in article order, articles without mention left out.
    pub fn per_doc(&self, dossier: &Dossier, entity: EntityId) -> Vec<(DocId, usize)> {
        dossier
            .documents
            .iter()
            .zip(&self.doc_counts)
            .filter_map(|(d, c)| c.get(&entity).map(|n| (d.id, *n)))
            .collect()
    }

    /// Number of distinct entities in the article at `doc_index`.
    pub fn entity_count(&self, doc_index: usize) -> usize {
        self.doc_counts.get(doc_index).map_or(0, |c| c.len())
    }
}

/// One row of the entity list.
#[derive(Debug, Clone, PartialEq)]
pub enum EntityRow {
    /// A type heading with the number of entities below it.
    Header {
        /// The type.
        entity_type: EntityType,
        /// Entities of that type shown.
        count: usize,
    },
    /// An entity with its number of mentions (in the scope).
    Entity {
        /// The entity.
        id: EntityId,
        /// Its canonical name.
        name: String,
        /// Mentions in the scope.
        count: usize,
    },
}

/// The entity list: grouped by type (in [`EntityType::ALL`] order), only entities with
/// mentions in the scope (`doc`, or the whole dossier when `None`) whose name or an alias
/// contains `filter` (case-insensitive), sorted by `sort`.
pub fn entity_rows(
    dossier: &Dossier,
    index: &DossierIndex,
    doc: Option<DocId>,
    filter: &str,
    sort: SortBy,
) -> Vec<EntityRow> {
    let counts: Option<&HashMap<EntityId, usize>> = match doc {
        Some(doc) => match dossier.doc_index(doc).and_then(|i| index.doc_counts.get(i)) {
            Some(c) => Some(c),
            None => return Vec::new(),
        },
        None => None,
    };
    let needle = filter.trim().to_lowercase();
    let mut rows = Vec::new();
    for ty in EntityType::ALL {
        let mut group: Vec<(EntityId, &str, usize)> = dossier
            .entities()
            .iter()
            .filter(|e| e.entity_type == ty)
            .filter_map(|e| {
                let n = match counts {
                    Some(c) => c.get(&e.id).copied().unwrap_or(0),
                    None => index.total(e.id),
                };
                (n > 0).then_some((e.id, e.name.as_str(), n))
            })
            .filter(|(id, name, _)| {
                needle.is_empty()
                    || name.to_lowercase().contains(&needle)
                    || dossier.entity(*id).is_some_and(|e| {
                        e.aliases.iter().any(|a| a.to_lowercase().contains(&needle))
                    })
            })
            .collect();
        if group.is_empty() {
            continue;
        }
        match sort {
            SortBy::Count => group.sort_by(|a, b| {
                b.2.cmp(&a.2)
                    .then_with(|| a.1.to_lowercase().cmp(&b.1.to_lowercase()))
            }),
            SortBy::Name => group.sort_by(|a, b| {
                a.1.to_lowercase()
                    .cmp(&b.1.to_lowercase())
                    .then(a.0.cmp(&b.0))
            }),
        }
        rows.push(EntityRow::Header {
            entity_type: ty,
            count: group.len(),
        });
        rows.extend(
            group
                .into_iter()
                .map(|(id, name, count)| EntityRow::Entity {
                    id,
                    name: name.to_string(),
                    count,
                }),
        );
    }
    rows
}

/// One event as drawn on the timeline, in days since 0001-01-01 (CE).
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The event.
    pub event: EventId,
    /// First day.
    pub start: i64,
    /// Last day (inclusive).
    pub end: i64,
    /// True for a single, exactly known day (drawn as a point); false for ranges and vague
    /// dates (drawn as a less certain bar).
    pub exact: bool,
    /// Label.
    pub label: String,
    /// True when an entity is selected and does not take part.
    pub faded: bool,
}

/// Day number of `date` (days since 0001-01-01).
pub fn day_number(date: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&date))
}

/// The date of a day number.
pub fn date_of_day(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?)
}

/// The timeline's marks. With `entity` set, events without it are either left out
/// (`only_selected`) or faded.
pub fn timeline_marks(
    dossier: &Dossier,
    entity: Option<EntityId>,
    only_selected: bool,
) -> Vec<Mark> {
    dossier
        .events
        .iter()
        .filter_map(|ev| {
            let involved = entity.is_none_or(|e| ev.entities.contains(&e));
            if !involved && only_selected {
                return None;
            }
            let start = day_number(ev.range.earliest);
            let end = day_number(ev.range.latest).max(start);
            Some(Mark {
                event: ev.id,
                start,
                end,
                exact: start == end && matches!(ev.precision, Precision::Day | Precision::Time),
                label: ev.label.clone(),
                faded: !involved,
            })
        })
        .collect()
}

/// Assigns each horizontal extent `(left, right)` (mark plus its label, in pixels) a lane so
/// that extents in one lane keep at least `gap` apart. Greedy in order of `left`; lane 0 first.
pub fn assign_lanes(extents: &[(f32, f32)], gap: f32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..extents.len()).collect();
    order.sort_by(|&a, &b| extents[a].0.total_cmp(&extents[b].0));
    let mut lane_ends: Vec<f32> = Vec::new();
    let mut lanes = vec![0; extents.len()];
    for i in order {
        let (left, right) = extents[i];
        let lane = match lane_ends.iter().position(|&end| end + gap <= left) {
            Some(lane) => lane,
            None => {
                lane_ends.push(f32::NEG_INFINITY);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = right.max(left);
        lanes[i] = lane;
    }
    lanes
}

/// A time expression that could not be placed on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Unresolved {
    /// The article.
    pub doc: DocId,
    /// Where the expression is written (the text is read when the row is shown).
    pub span: Span,
    /// Why it is not on the timeline.
    pub reason: String,
}

impl Unresolved {
    /// The expression as written (reads the article's text).
    pub fn text(&self, dossier: &Dossier) -> String {
        dossier
            .text(self.doc)
            .map(|t| self.span.slice(&t).to_string())
            .unwrap_or_default()
    }
}

/// Every unresolved relative time expression, with the reason. Reads no text.
pub fn unresolved(dossier: &Dossier) -> Vec<Unresolved> {
    let mut out = Vec::new();
    for (doc, analysis) in dossier.documents.iter().zip(&dossier.analyses) {
        for t in &analysis.timexes {
            if !t.unresolved {
                continue;
            }
            let reason = if doc.dct.is_none() {
                "relative expression, and the article has no document date".to_string()
            } else {
                format!(
                    "relative expression ({}) that could not be anchored",
                    t.value
                )
            };
            out.push(Unresolved {
                doc: doc.id,
                span: t.span,
                reason,
            });
        }
    }
    out
}

/// One mention in context (keyword in context).
#[derive(Debug, Clone, PartialEq)]
pub struct Kwic {
    /// The article.
    pub doc: DocId,
    /// Where the mention stands.
    pub span: Span,
    /// Text before the mention (single line).
    pub left: String,
    /// The mention as written.
    pub keyword: String,
    /// Text after the mention (single line).
    pub right: String,
}

/// Every mention of `entity` as `(doc, span)`, in document order; the context of one is
/// [`kwic_row`] (read when the row is shown, so that no text is read for rows never seen).
pub fn kwic_refs(index: &DossierIndex, entity: EntityId) -> Vec<(DocId, Span)> {
    index.mentions(entity).to_vec()
}

/// The mention at `span` of `doc` with up to `width` characters of context on each side.
pub fn kwic_row(dossier: &Dossier, doc: DocId, span: Span, width: usize) -> Option<Kwic> {
    let (_, a) = dossier.document(doc)?;
    let text = dossier.text(doc)?;
    let m = a.mentions.iter().find(|m| m.span == span)?;
    let before = text.get(..m.span.start)?;
    let after = text.get(m.span.end..)?;
    let left: String = before
        .chars()
        .rev()
        .take(width)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let right: String = after.chars().take(width).collect();
    Some(Kwic {
        doc,
        span,
        left: one_line(&left),
        keyword: m.span.slice(&text).to_string(),
        right: one_line(&right),
    })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Entities that share a sentence with `entity`, with the number of shared sentences, most
/// frequent first.
pub fn cooccurring(dossier: &Dossier, entity: EntityId) -> Vec<(EntityId, usize)> {
    let mut counts: HashMap<EntityId, usize> = HashMap::new();
    for (doc, analysis) in dossier.documents.iter().zip(&dossier.analyses) {
        let units = units(doc, analysis);
        for unit in units {
            let inside = mentions_in(&analysis.mentions, unit);
            if inside.iter().any(|m| m.entity == entity) {
                let mut seen: Vec<EntityId> = inside
                    .iter()
                    .map(|m| m.entity)
                    .filter(|e| *e != entity)
                    .collect();
                seen.sort();
                seen.dedup();
                for e in seen {
                    *counts.entry(e).or_default() += 1;
                }
            }
        }
    }
    let mut out: Vec<(EntityId, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| {
        b.1.cmp(&a.1).then_with(|| {
            let name = |id| dossier.entity(id).map(|e| e.name.to_lowercase());
            name(a.0).cmp(&name(b.0))
        })
    });
    out
}

/// Sentences, or paragraphs when the analysis has none.
fn units(doc: &Document, analysis: &DocAnalysis) -> Vec<Span> {
    if !analysis.sentences.is_empty() {
        analysis.sentences.clone()
    } else if !doc.paragraphs.is_empty() {
        doc.paragraphs.clone()
    } else {
        vec![Span::new(0, usize::MAX)]
    }
}

/// The mentions (sorted by start) that lie inside `span`.
pub fn mentions_in(mentions: &[Mention], span: Span) -> &[Mention] {
    let from = mentions.partition_point(|m| m.span.start < span.start);
    let to = mentions.partition_point(|m| m.span.start < span.end);
    mentions.get(from..to.max(from)).unwrap_or(&[])
}

/// Events in which `entity` takes part, in timeline order.
pub fn events_of(dossier: &Dossier, entity: EntityId) -> Vec<EventId> {
    dossier
        .events
        .iter()
        .filter(|e| e.entities.contains(&entity))
        .map(|e| e.id)
        .collect()
}

/// The sentence of `doc` containing byte `at`, or `fallback`.
pub fn sentence_at(analysis: &DocAnalysis, at: usize, fallback: Span) -> Span {
    let i = analysis.sentences.partition_point(|s| s.end <= at);
    match analysis.sentences.get(i) {
        Some(s) if s.start <= at => *s,
        _ => fallback,
    }
}

/// The body's paragraphs: the document's own, else the text split at blank lines (or lines),
/// trimmed, empty ones dropped. `text` is the document's text.
pub fn paragraph_spans(doc: &Document, text: &str) -> Vec<Span> {
    let raw: Vec<Span> = if !doc.paragraphs.is_empty() {
        doc.paragraphs.clone()
    } else {
        let sep = if text.contains("\n\n") { "\n\n" } else { "\n" };
        let mut spans = Vec::new();
        let mut start = 0;
        for part in text.split(sep) {
            spans.push(Span::new(start, start + part.len()));
            start += part.len() + sep.len();
        }
        spans
    };
    raw.into_iter().filter_map(|s| trim_span(text, s)).collect()
}

fn trim_span(text: &str, span: Span) -> Option<Span> {
    let s = text.get(span.start..span.end)?;
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    (!trimmed.is_empty()).then(|| Span::new(span.start + lead, span.start + lead + trimmed.len()))
}

/// What a block of the text view is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// The article's title.
    Title,
    /// A heading in the body.
    Heading,
    /// A paragraph of the body.
    Paragraph,
}

/// One run of text with the same marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Segment {
    /// Bytes of the document text.
    pub span: Span,
    /// The mention covering it (index into the article's mentions).
    pub mention: Option<usize>,
    /// The time expression covering it (index into the article's timexes).
    pub timex: Option<usize>,
    /// Inside the target sentence (of the selected event).
    pub in_target: bool,
    /// Inside a match of the find text (Ctrl+F).
    pub found: bool,
    /// Inside the text the user selected.
    pub selected: bool,
}

/// A block (title, heading or paragraph) of the text view.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Its kind.
    pub kind: BlockKind,
    /// For paragraphs: the bytes of the document text it covers.
    pub span: Span,
    /// For the title and headings: their text.
    pub label: String,
    /// For paragraphs: the runs of text.
    pub segments: Vec<Segment>,
}

/// What the text view marks besides mentions and time expressions.
#[derive(Debug, Clone, Copy, Default)]
pub struct Marks<'a> {
    /// The selected event's sentence.
    pub target: Option<Span>,
    /// Matches of the find text, sorted.
    pub finds: &'a [Span],
    /// Text the user selected (to mark it as an entity).
    pub selection: Option<Span>,
}

/// Splits `block` of the text into runs at every mention, time expression, target, find and
/// selection boundary.
pub fn segments(
    block: Span,
    mentions: &[Mention],
    timexes: &[Timex],
    marks: &Marks<'_>,
) -> Vec<Segment> {
    let Marks {
        target,
        finds,
        selection,
    } = *marks;
    let mut cuts = vec![block.start, block.end];
    let clip = |x: usize| x.clamp(block.start, block.end);
    let f_from = finds.partition_point(|f| f.end <= block.start);
    let f_to = finds.partition_point(|f| f.start < block.end);
    for f in finds.get(f_from..f_to.max(f_from)).unwrap_or(&[]) {
        cuts.extend([clip(f.start), clip(f.end)]);
    }
    for m in mentions_in(mentions, block) {
        cuts.extend([clip(m.span.start), clip(m.span.end)]);
    }
    let t_from = timexes.partition_point(|t| t.span.start < block.start);
    let t_to = timexes.partition_point(|t| t.span.start < block.end);
    for t in timexes.get(t_from..t_to.max(t_from)).unwrap_or(&[]) {
        cuts.extend([clip(t.span.start), clip(t.span.end)]);
    }
    for t in [target, selection].into_iter().flatten() {
        if t.overlaps(block) {
            cuts.extend([clip(t.start), clip(t.end)]);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let span = Span::new(w[0], w[1]);
            let mention = {
                let i = mentions.partition_point(|m| m.span.end <= span.start);
                mentions.get(i).filter(|m| m.span.contains(span)).map(|_| i)
            };
            let timex = timexes
                .partition_point(|t| t.span.start <= span.start)
                .checked_sub(1)
                .filter(|&i| timexes.get(i).is_some_and(|t| t.span.contains(span)));
            Segment {
                span,
                mention,
                timex,
                in_target: target.is_some_and(|t| t.contains(span)),
                found: finds
                    .get(finds.partition_point(|f| f.end <= span.start))
                    .is_some_and(|f| f.contains(span)),
                selected: selection.is_some_and(|t| t.contains(span)),
            }
        })
        .collect()
}

/// The article laid out as blocks: title, then paragraphs with the headings in front of the
/// paragraph they head. `text` is the document's text ([`Dossier::text`]).
pub fn blocks(doc: &Document, text: &str, analysis: &DocAnalysis, marks: &Marks<'_>) -> Vec<Block> {
    let mut out = vec![Block {
        kind: BlockKind::Title,
        span: Span::default(),
        label: doc.title.clone(),
        segments: Vec::new(),
    }];
    let mut headings = doc.headings.iter().peekable();
    for para in paragraph_spans(doc, text) {
        while let Some(h) = headings.next_if(|h| h.offset <= para.start) {
            out.push(heading_block(&h.text));
        }
        out.push(Block {
            kind: BlockKind::Paragraph,
            span: para,
            label: String::new(),
            segments: segments(para, &analysis.mentions, &analysis.timexes, marks),
        });
    }
    for h in headings {
        out.push(heading_block(&h.text));
    }
    out
}

fn heading_block(text: &str) -> Block {
    Block {
        kind: BlockKind::Heading,
        span: Span::default(),
        label: text.to_string(),
        segments: Vec::new(),
    }
}

/// The words between two byte positions of `text` (in either order), widened to whole words
/// and without surrounding spaces or punctuation: what a drag over the text selects. `None`
/// when no letter or digit is covered.
pub fn snap_to_words(text: &str, a: usize, b: usize) -> Option<Span> {
    let in_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.' | '&');
    let clamp = |x: usize| {
        let mut x = x.min(text.len());
        while !text.is_char_boundary(x) {
            x -= 1;
        }
        x
    };
    let (mut start, mut end) = (clamp(a.min(b)), clamp(a.max(b)));
    // Widen an end that falls inside a word to the whole word (a click selects the word
    // under it).
    let inside = |at: usize| {
        text[..at].chars().next_back().is_some_and(in_word)
            && text[at..].chars().next().is_some_and(in_word)
    };
    if inside(start) || start == end {
        while let Some(c) = text[..start].chars().next_back().filter(|&c| in_word(c)) {
            start -= c.len_utf8();
        }
    }
    if inside(end) || a == b {
        while let Some(c) = text[end..].chars().next().filter(|&c| in_word(c)) {
            end += c.len_utf8();
        }
    }
    // Trim what is not part of a name at either end.
    let inner = &text[start..end];
    let trimmed_start = inner.len()
        - inner
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let kept = inner[trimmed_start..].trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let kept = kept.trim_end_matches(|c: char| !c.is_alphanumeric());
    let kept_with_abbrev = match inner[trimmed_start..].strip_prefix(kept) {
        // Keep a final full stop after a single capital ("Kim J.") but not a sentence end.
        Some(rest)
            if rest.starts_with('.')
                && kept.chars().rev().take_while(|c| c.is_alphabetic()).count() == 1 =>
        {
            &inner[trimmed_start..trimmed_start + kept.len() + 1]
        }
        _ => kept,
    };
    (!kept_with_abbrev.is_empty()).then(|| {
        Span::new(
            start + trimmed_start,
            start + trimmed_start + kept_with_abbrev.len(),
        )
    })
}

/// Every match of `needle` in `text` (case-insensitive, not overlapping, at most `limit`);
/// nothing for needles shorter than two characters.
pub fn find_all(text: &str, needle: &str, limit: usize) -> Vec<Span> {
    let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
    let needle: Vec<char> = needle.trim().chars().map(fold).collect();
    if needle.len() < 2 {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= chars.len() && out.len() < limit {
        if chars[i..i + needle.len()]
            .iter()
            .zip(&needle)
            .all(|((_, c), n)| fold(*c) == *n)
        {
            let (last, c) = chars[i + needle.len() - 1];
            out.push(Span::new(chars[i].0, last + c.len_utf8()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// How a mention is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Emphasis {
    /// No entity selected.
    Normal,
    /// A mention of the selected entity.
    Selected,
    /// The mention in focus (selected, or reached with next/previous).
    Current,
    /// An entity is selected and this is another one.
    Faded,
}

/// The emphasis of mention `index` given the selected entity and the mention in focus.
pub fn emphasis(
    mention: &Mention,
    index: usize,
    selected: Option<EntityId>,
    current: Option<usize>,
) -> Emphasis {
    match selected {
        None => Emphasis::Normal,
        Some(_) if current == Some(index) => Emphasis::Current,
        Some(e) if e == mention.entity => Emphasis::Selected,
        Some(_) => Emphasis::Faded,
    }
}

/// The next (or previous) mention of `entity` in `mentions` after (before) the mention
/// `from`, wrapping around; from none, the first (last).
pub fn step_mention(
    mentions: &[Mention],
    entity: EntityId,
    from: Option<usize>,
    forward: bool,
) -> Option<usize> {
    let of: Vec<usize> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.entity == entity)
        .map(|(i, _)| i)
        .collect();
    let (first, last) = (*of.first()?, *of.last()?);
    Some(match (from, forward) {
        (None, true) => first,
        (None, false) => last,
        (Some(f), true) => of.iter().copied().find(|&i| i > f).unwrap_or(first),
        (Some(f), false) => of.iter().rev().copied().find(|&i| i < f).unwrap_or(last),
    })
}

/// "1 mention", "3 mentions": a count with the singular or plural of its noun.
pub fn count_noun(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_with_nouns() {
        for (n, want) in [(0, "0 entities"), (1, "1 entity"), (2, "2 entities")] {
            assert_eq!(count_noun(n, "entity", "entities"), want);
        }
    }
    use crate::model::{DateRange, Event, EventSource, Lang, Source, TimexType, Variant};
    use std::collections::BTreeMap;

    const TEXT: &str = "Anna Berg traf Tom Kahn in Kiel.\n\nAm 3. Mai flog Anna Berg nach Riga.";

    fn span_of(needle: &str, nth: usize) -> Span {
        let start = TEXT.match_indices(needle).nth(nth).unwrap().0;
        Span::new(start, start + needle.len())
    }

    fn mention(needle: &str, nth: usize, entity: u32, ty: EntityType) -> Mention {
        Mention {
            span: span_of(needle, nth),
            entity: EntityId(entity),
            entity_type: ty,
            variant: Variant::Name,
            source: Source::Model,
            confidence: 0.9,
        }
    }

    fn fixture() -> Dossier {
        let day = NaiveDate::from_ymd_opt(2024, 5, 3).unwrap();
        let doc = Document {
            id: DocId(0),
            path: None,
            title: "Titel".into(),
            headings: vec![crate::model::Heading {
                text: "Reise".into(),
                offset: TEXT.find("Am 3.").unwrap(),
                level: 1,
            }],
            paragraphs: vec![],
            metadata: BTreeMap::new(),
            language: Lang::De,
            dct: None,
            text: TEXT.into(),
        };
        let mentions = [
            mention("Anna Berg", 0, 0, EntityType::Per),
            mention("Tom Kahn", 0, 1, EntityType::Per),
            mention("Kiel", 0, 2, EntityType::Loc),
            mention("Anna Berg", 1, 0, EntityType::Per),
            mention("Riga", 0, 3, EntityType::Loc),
        ];
        let timex = Timex {
            span: span_of("3. Mai", 0),
            timex_type: TimexType::Date,
            value: "XXXX-05-03".into(),
            precision: Some(Precision::Day),
            range: None,
            unresolved: true,
            ends: None,
            offset: None,
            uncertain: None,
        };
        let analyzed = crate::analysis::Analyzed {
            sentences: [
                "Anna Berg traf Tom Kahn in Kiel.",
                "Am 3. Mai flog Anna Berg nach Riga.",
            ]
            .iter()
            .map(|s| crate::text::Sentence {
                span: span_of(s, 0),
                tokens: 0..0,
            })
            .collect(),
            mentions: mentions
                .iter()
                .map(|m| crate::ner::RawMention {
                    span: m.span,
                    entity_type: m.entity_type,
                    variant: m.variant,
                    source: m.source,
                    confidence: m.confidence,
                    canonical: m.span.slice(TEXT).to_string(),
                })
                .collect(),
            timexes: vec![timex],
        };
        let mut dossier = Dossier::new();
        dossier.insert(doc, analyzed);
        let event = Event {
            id: EventId(0),
            value: "2024-05-03".into(),
            precision: Precision::Day,
            range: DateRange {
                earliest: day,
                latest: day,
            },
            label: "flog nach Riga".into(),
            entities: vec![EntityId(0), EntityId(3)],
            sources: vec![EventSource {
                doc: DocId(0),
                span: span_of("flog Anna Berg nach Riga", 0),
                timex: span_of("3. Mai", 0),
            }],
        };
        dossier.events = vec![event].into();
        let names: Vec<&str> = dossier.entities().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Anna Berg", "Tom Kahn", "Kiel", "Riga"]);
        assert_eq!(dossier.analyses[0].mentions[3].entity, EntityId(0));
        dossier
    }

    fn names(rows: &[EntityRow]) -> Vec<String> {
        rows.iter()
            .map(|r| match r {
                EntityRow::Header { entity_type, count } => format!("#{entity_type} {count}"),
                EntityRow::Entity { name, count, .. } => format!("{name} {count}"),
            })
            .collect()
    }

    #[test]
    fn entity_rows_group_sort_and_filter() {
        let d = fixture();
        let ix = DossierIndex::build(&d);
        let cases: &[(&str, SortBy, &[&str])] = &[
            (
                "",
                SortBy::Count,
                &[
                    "#PER 2",
                    "Anna Berg 2",
                    "Tom Kahn 1",
                    "#LOC 2",
                    "Kiel 1",
                    "Riga 1",
                ],
            ),
            (
                "",
                SortBy::Name,
                &[
                    "#PER 2",
                    "Anna Berg 2",
                    "Tom Kahn 1",
                    "#LOC 2",
                    "Kiel 1",
                    "Riga 1",
                ],
            ),
            ("ri", SortBy::Count, &["#LOC 1", "Riga 1"]),
            ("TOM", SortBy::Count, &["#PER 1", "Tom Kahn 1"]),
            ("nothing", SortBy::Count, &[]),
        ];
        for (filter, sort, want) in cases {
            assert_eq!(
                names(&entity_rows(&d, &ix, None, filter, *sort)),
                *want,
                "{filter:?}"
            );
        }
        assert!(entity_rows(&d, &ix, Some(DocId(9)), "", SortBy::Count).is_empty());
        assert_eq!(
            entity_rows(&d, &ix, Some(DocId(0)), "", SortBy::Count).len(),
            6
        );
    }

    #[test]
    fn lanes_do_not_overlap() {
        type Case<'a> = (&'a [(f32, f32)], &'a [usize]);
        let cases: &[Case<'_>] = &[
            (&[(0.0, 50.0), (60.0, 100.0)], &[0, 0]),
            (&[(0.0, 50.0), (40.0, 100.0)], &[0, 1]),
            (&[(0.0, 50.0), (40.0, 100.0), (55.0, 70.0)], &[0, 1, 0]),
            (&[(40.0, 100.0), (0.0, 50.0)], &[1, 0]),
            (&[], &[]),
        ];
        for (extents, want) in cases {
            assert_eq!(assign_lanes(extents, 4.0), *want, "{extents:?}");
        }
    }

    #[test]
    fn marks_filter_and_fade() {
        let d = fixture();
        assert_eq!(timeline_marks(&d, None, true).len(), 1);
        assert!(timeline_marks(&d, Some(EntityId(0)), true)[0].exact);
        assert!(timeline_marks(&d, Some(EntityId(1)), true).is_empty());
        assert!(timeline_marks(&d, Some(EntityId(1)), false)[0].faded);
    }

    /// Texts kept apart from the dossier, counting what is read.
    #[derive(Debug, Default)]
    struct CountingTexts {
        texts: HashMap<DocId, std::sync::Arc<str>>,
        loads: std::sync::atomic::AtomicU64,
    }

    impl crate::analysis::TextSource for CountingTexts {
        fn load(&self, doc: DocId) -> Option<std::sync::Arc<str>> {
            self.loads
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            self.texts.get(&doc).cloned()
        }
    }

    #[test]
    fn row_builders_read_texts_only_for_what_is_shown() {
        let full = fixture();
        let mut source = CountingTexts::default();
        let mut lazy = full.clone();
        for doc in &mut lazy.documents {
            let doc = std::sync::Arc::make_mut(doc);
            source
                .texts
                .insert(doc.id, std::mem::take(&mut doc.text).into());
        }
        let source = std::sync::Arc::new(source);
        let lazy = lazy.with_texts(source.clone());
        let loads = || source.loads.load(std::sync::atomic::Ordering::Relaxed);
        let ix = DossierIndex::build(&lazy);
        let u = unresolved(&lazy);
        let refs = kwic_refs(&ix, EntityId(0));
        let co = cooccurring(&lazy, EntityId(0));
        let marks = timeline_marks(&lazy, None, false);
        assert_eq!(loads(), 0, "building the rows read a text");
        // The same rows as from the dossier that holds its texts.
        assert_eq!(u, unresolved(&full));
        assert_eq!(co, cooccurring(&full, EntityId(0)));
        assert_eq!(marks.len(), timeline_marks(&full, None, false).len());
        assert_eq!(u[0].text(&lazy), "3. Mai");
        let (doc, i) = refs[0];
        assert_eq!(kwic_row(&lazy, doc, i, 9), kwic_row(&full, doc, i, 9));
        assert_eq!(loads(), 2, "one text per row shown");
    }

    #[test]
    fn unresolved_has_reason() {
        let d = fixture();
        let u = unresolved(&d);
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].text(&d), "3. Mai");
        assert!(u[0].reason.contains("no document date"));
    }

    #[test]
    fn kwic_and_cooccurrence() {
        let d = fixture();
        let ix = DossierIndex::build(&d);
        let rows: Vec<Kwic> = kwic_refs(&ix, EntityId(0))
            .into_iter()
            .filter_map(|(doc, i)| kwic_row(&d, doc, i, 9))
            .collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].left, "");
        assert_eq!(rows[0].keyword, "Anna Berg");
        assert_eq!(rows[0].right, "traf Tom");
        assert_eq!(rows[1].left, "Mai flog");
        let co = cooccurring(&d, EntityId(0));
        let co_names: Vec<&str> = co
            .iter()
            .map(|(e, _)| d.entity(*e).unwrap().name.as_str())
            .collect();
        assert_eq!(co_names, ["Kiel", "Riga", "Tom Kahn"]);
        assert_eq!(events_of(&d, EntityId(3)), [EventId(0)]);
        assert!(events_of(&d, EntityId(2)).is_empty());
        assert_eq!(ix.per_doc(&d, EntityId(0)), [(DocId(0), 2)]);
    }

    #[test]
    fn blocks_and_segments() {
        let d = fixture();
        let target = Some(d.analyses[0].sentences[1]);
        let b = blocks(
            &d.documents[0],
            &d.documents[0].text,
            &d.analyses[0],
            &Marks {
                target,
                ..Marks::default()
            },
        );
        let kinds: Vec<BlockKind> = b.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph
            ]
        );
        let texts: Vec<(&str, Option<usize>, Option<usize>, bool)> = b[3]
            .segments
            .iter()
            .map(|s| (s.span.slice(TEXT), s.mention, s.timex, s.in_target))
            .collect();
        assert_eq!(
            texts,
            [
                ("Am ", None, None, true),
                ("3. Mai", None, Some(0), true),
                (" flog ", None, None, true),
                ("Anna Berg", Some(3), None, true),
                (" nach ", None, None, true),
                ("Riga", Some(4), None, true),
                (".", None, None, true),
            ]
        );
        // The segments cover the paragraph without gaps.
        let first = &b[1].segments;
        assert_eq!(first.first().unwrap().span.start, b[1].span.start);
        assert_eq!(first.last().unwrap().span.end, b[1].span.end);
        assert!(first.windows(2).all(|w| w[0].span.end == w[1].span.start));
        assert!(first.iter().all(|s| !s.in_target));
    }

    #[test]
    fn drag_selection_snaps_to_words() {
        let text = "Der Minister traf „Kim Jong-un“ in Pjöngjang, sagte Kim J. Lee.";
        let at = |s: &str| text.find(s).unwrap();
        let cases: &[(usize, usize, Option<&str>)] = &[
            // Inside words on both ends: whole words.
            (at("im Jong"), at("g-un") + 2, Some("Kim Jong-un")),
            // Backwards drags work too.
            (at("un“") + 1, at("Kim Jong"), Some("Kim Jong-un")),
            // Quotes and the comma are dropped.
            (at("„"), at("“") + "“".len(), Some("Kim Jong-un")),
            (at("Pjöng") + 3, at(", sagte") + 1, Some("Pjöngjang")),
            // An initial keeps its full stop.
            (at("Kim J."), at("J. Lee") + 2, Some("Kim J.")),
            // A click without a drag selects the word under it.
            (at("Minister") + 2, at("Minister") + 2, Some("Minister")),
            // Only spaces and punctuation: nothing.
            (at(", sagte"), at(", sagte") + 2, None),
            // Out of range is clamped.
            (at("Lee"), 10_000, Some("Lee")),
        ];
        for &(a, b, want) in cases {
            let got = snap_to_words(text, a, b).map(|s| s.slice(text));
            assert_eq!(got, want, "{a}..{b}");
        }
    }

    #[test]
    fn selection_marks_segments() {
        let d = fixture();
        let start = TEXT.find("flog").unwrap();
        let selection = Some(Span::new(start, start + "flog Anna".len()));
        let b = blocks(
            &d.documents[0],
            &d.documents[0].text,
            &d.analyses[0],
            &Marks {
                selection,
                ..Marks::default()
            },
        );
        let selected: Vec<&str> = b
            .iter()
            .flat_map(|b| &b.segments)
            .filter(|s| s.selected)
            .map(|s| s.span.slice(TEXT))
            .collect();
        assert_eq!(selected, ["flog ", "Anna"]);
    }

    #[test]
    fn find_marks_segments() {
        let cases: &[(&str, &[&str])] = &[
            ("anna", &["Anna", "Anna"]),
            ("ANNA BERG", &["Anna Berg", "Anna Berg"]),
            ("a", &[]),
            ("riga.", &["Riga."]),
            ("xyz", &[]),
        ];
        for (needle, want) in cases {
            let got: Vec<&str> = find_all(TEXT, needle, 100)
                .iter()
                .map(|s| s.slice(TEXT))
                .collect();
            assert_eq!(got, *want, "{needle}");
        }
        assert_eq!(find_all("ÄäÄä", "ää", 100).len(), 2);
        assert_eq!(find_all(TEXT, "an", 1).len(), 1);
        let d = fixture();
        let finds = find_all(TEXT, "berg traf", 10);
        let b = blocks(
            &d.documents[0],
            &d.documents[0].text,
            &d.analyses[0],
            &Marks {
                finds: &finds,
                ..Marks::default()
            },
        );
        let found: Vec<&str> = b[1]
            .segments
            .iter()
            .filter(|s| s.found)
            .map(|s| s.span.slice(TEXT))
            .collect();
        assert_eq!(found, ["Berg", " traf"]);
    }

    #[test]
    fn emphasis_and_stepping() {
        let d = fixture();
        let m = &d.analyses[0].mentions;
        assert_eq!(emphasis(&m[0], 0, None, None), Emphasis::Normal);
        assert_eq!(
            emphasis(&m[0], 0, Some(EntityId(0)), None),
            Emphasis::Selected
        );
        assert_eq!(
            emphasis(&m[0], 0, Some(EntityId(0)), Some(0)),
            Emphasis::Current
        );
        assert_eq!(emphasis(&m[1], 1, Some(EntityId(0)), None), Emphasis::Faded);
        let cases = [
            (None, true, Some(0)),
            (Some(0), true, Some(3)),
            (Some(3), true, Some(0)),
            (None, false, Some(3)),
            (Some(3), false, Some(0)),
            (Some(0), false, Some(3)),
        ];
        for (from, fwd, want) in cases {
            assert_eq!(
                step_mention(m, EntityId(0), from, fwd),
                want,
                "{from:?} {fwd}"
            );
        }
        assert_eq!(step_mention(m, EntityId(7), None, true), None);
    }
}
