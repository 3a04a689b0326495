//! The user's corrections to the automatic analysis, kept apart from it and re-applied to it.
//!
//! A [`Correction`] is a decision of the user ("Kozlov is Alexander Kozlov", "Treffen is not an
//! entity", "this article is of 2024-11-19"). Corrections name entities by a stable
//! [`EntityRef`] (type and name, compared with [`crate::registry::name_key`]), never by the
//! transient index of an entity in one analysis run, so that [`apply`] can re-apply the same
//! list to a freshly analysed dossier: after re-analysis with a newer model, or after an article
//! was added, a rejected name stays rejected and a merge stays merged.
//!
//! [`CorrectionLog`] is the undo/redo history: an append-only list in which undo marks the last
//! active correction undone and redo re-activates it; the corrected dossier is always
//! `apply(analysed, log.active())`. This module is pure (no storage); `crate::store` persists
//! the log.

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analysis::Dossier;
use crate::model::{Dct, DctSource, DocId, Entity, EntityId, EntityType, Mention, Source, Span};
use crate::registry::{Registry, name_key};

/// Names an entity independently of its index: its type and a name or alias (compared by
/// [`name_key`], so "Kim Jong-un" finds "Kim Jong Un").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntityRef {
    /// The entity's type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Its name (or one of its aliases).
    pub name: String,
}

impl EntityRef {
    /// A reference by type and name.
    pub fn new(entity_type: EntityType, name: impl Into<String>) -> Self {
        Self {
            entity_type,
            name: name.into(),
        }
    }

    /// The reference to an entity as it stands (its type and current name).
    pub fn of(entity: &Entity) -> Self {
        Self::new(entity.entity_type, entity.name.clone())
    }

    /// The entity of `dossier` this refers to: one of this type whose name has the same key,
    /// else one whose alias has it, else (the type having been changed) one of any type by name.
    pub fn find(&self, dossier: &Dossier) -> Option<EntityId> {
        let slots: Vec<Option<Entity>> = dossier.entities().iter().cloned().map(Some).collect();
        self.find_in(&slots).map(|i| EntityId(i as u32))
    }

    fn find_in(&self, entities: &[Option<Entity>]) -> Option<usize> {
        let key = name_key(&self.name);
        if key.is_empty() {
            return None;
        }
        let live = || {
            entities
                .iter()
                .enumerate()
                .filter_map(|(i, e)| e.as_ref().map(|e| (i, e)))
        };
        let typed = |e: &Entity| e.entity_type == self.entity_type;
        live()
            .find(|(_, e)| typed(e) && name_key(&e.name) == key)
            .or_else(|| {
                live().find(|(_, e)| typed(e) && e.aliases.iter().any(|a| name_key(a) == key))
            })
            .or_else(|| live().find(|(_, e)| name_key(&e.name) == key))
            .map(|(i, _)| i)
    }
}

impl fmt::Display for EntityRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.entity_type)
    }
}

/// What a mention added by the user refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "kebab-case")]
pub enum MentionTarget {
    /// An existing entity (created with this name and type if it no longer exists).
    Entity {
        /// The entity.
        entity: EntityRef,
    },
    /// A new entity (joined to an existing one of the same type and name, if there is one).
    New {
        /// Its name.
        name: String,
        /// Its type.
        #[serde(rename = "type")]
        entity_type: EntityType,
    },
}

/// One decision of the user. Serialised as JSON with a `kind` tag (this is what the store
/// keeps, one row per correction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Correction {
    /// Gives an entity another name; the old name becomes an alias.
    Rename {
        /// The entity.
        entity: EntityRef,
        /// Its new name.
        name: String,
    },
    /// Changes the type of an entity and of all its mentions.
    ChangeType {
        /// The entity.
        entity: EntityRef,
        /// The new type.
        #[serde(rename = "type")]
        entity_type: EntityType,
    },
    /// Joins `merged` into `survivor`: its mentions go to the survivor, its name and aliases
    /// become the survivor's aliases.
    Merge {
        /// The entity that stays.
        survivor: EntityRef,
        /// The entity that is joined into it.
        merged: EntityRef,
    },
    /// The mentions of `entity` written `alias` become an entity of their own named `alias`.
    SplitAlias {
        /// The entity the alias is split off.
        entity: EntityRef,
        /// The alias (mention text) that becomes its own entity.
        alias: String,
    },
    /// "Not an entity": every mention written `name` (and every entity so named) is removed,
    /// everywhere in the dossier and in articles added later. `entity_type` limits it to one
    /// type; `None` rejects the name as any type.
    Reject {
        /// The rejected name.
        name: String,
        /// Only this type, or any.
        #[serde(rename = "type")]
        entity_type: Option<EntityType>,
    },
    /// Marks `span` of a document as a mention (of an existing or a new entity); automatic
    /// mentions overlapping it are removed.
    AddMention {
        /// The document.
        doc: DocId,
        /// Byte span in the document's text.
        span: Span,
        /// The text of the span when the user marked it; the correction is skipped when the
        /// text there differs (a guard against a changed document).
        text: String,
        /// What it refers to.
        target: MentionTarget,
    },
    /// Removes the mentions overlapping `span` in a document.
    RemoveMention {
        /// The document.
        doc: DocId,
        /// Byte span in the document's text.
        span: Span,
    },
    /// Sets (`Some`) or clears (`None`: the article has no date) a document's date; undoing it
    /// brings back the date found in the article.
    SetDct {
        /// The document.
        doc: DocId,
        /// The date, or none.
        date: Option<NaiveDate>,
    },
}

impl fmt::Display for Correction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Correction::Rename { entity, name } => write!(f, "rename {entity} to “{name}”"),
            Correction::ChangeType {
                entity,
                entity_type,
            } => write!(f, "make {entity} a {entity_type}"),
            Correction::Merge { survivor, merged } => write!(f, "merge {merged} into {survivor}"),
            Correction::SplitAlias { entity, alias } => {
                write!(f, "split “{alias}” off {entity}")
            }
            Correction::Reject { name, entity_type } => match entity_type {
                Some(t) => write!(f, "“{name}” is not a {t}"),
                None => write!(f, "“{name}” is not an entity"),
            },
            Correction::AddMention {
                doc, text, target, ..
            } => match target {
                MentionTarget::Entity { entity } => {
                    write!(f, "mark “{text}” in {doc} as {entity}")
                }
                MentionTarget::New { name, entity_type } => {
                    write!(f, "mark “{text}” in {doc} as new {entity_type} “{name}”")
                }
            },
            Correction::RemoveMention { doc, span } => {
                write!(
                    f,
                    "remove the mention at {}..{} in {doc}",
                    span.start, span.end
                )
            }
            Correction::SetDct { doc, date } => match date {
                Some(d) => write!(f, "date {doc} {d}"),
                None => write!(f, "clear the date of {doc}"),
            },
        }
    }
}

/// Re-applies `corrections`, in order, to a freshly analysed `dossier`.
///
/// Corrections whose entities or documents cannot be found are skipped (the analysis may already
/// have done what they ask). Afterwards entities without mentions are dropped, entity ids are
/// renumbered densely (`entities()[i].id == EntityId(i)`), the events of documents whose
/// mentions changed are found again and the timeline is rebuilt.
pub fn apply(dossier: &mut Dossier, corrections: &[Correction]) {
    if corrections.is_empty() {
        return;
    }
    let mut work = Work {
        entities: dossier.entities().iter().cloned().map(Some).collect(),
        touched: BTreeSet::new(),
    };
    for correction in corrections {
        work.apply_one(dossier, correction);
    }
    work.finish(dossier);
}

/// The entities while corrections are applied: `None` for removed ones, so that indices (the
/// mentions' entity ids) stay valid until [`Work::finish`].
struct Work {
    entities: Vec<Option<Entity>>,
    /// Indices of documents whose mentions were added or removed.
    touched: BTreeSet<usize>,
}

impl Work {
    fn find(&self, r: &EntityRef) -> Option<usize> {
        r.find_in(&self.entities)
    }

    fn entity_mut(&mut self, i: usize) -> Option<&mut Entity> {
        self.entities.get_mut(i).and_then(Option::as_mut)
    }

    fn add_entity(&mut self, name: &str, entity_type: EntityType) -> usize {
        let i = self.entities.len();
        self.entities.push(Some(Entity {
            id: EntityId(i as u32),
            name: name.trim().to_string(),
            entity_type,
            aliases: Vec::new(),
        }));
        i
    }

    fn mentions_mut(dossier: &mut Dossier) -> impl Iterator<Item = &mut Mention> {
        dossier
            .analyses
            .iter_mut()
            .flat_map(|a| a.mentions.iter_mut())
    }

    fn apply_one(&mut self, dossier: &mut Dossier, correction: &Correction) {
        match correction {
            Correction::Rename { entity, name } => {
                let name = name.trim();
                let Some(i) = self.find(entity) else { return };
                if name.is_empty() {
                    return;
                }
                if let Some(e) = self.entity_mut(i) {
                    let old = std::mem::replace(&mut e.name, name.to_string());
                    e.aliases.push(old);
                    tidy_aliases(e);
                }
            }
            Correction::ChangeType {
                entity,
                entity_type,
            } => {
                let Some(i) = self.find(entity) else { return };
                if let Some(e) = self.entity_mut(i) {
                    e.entity_type = *entity_type;
                }
                for m in Self::mentions_mut(dossier).filter(|m| m.entity.0 as usize == i) {
                    m.entity_type = *entity_type;
                }
            }
            Correction::Merge { survivor, merged } => {
                let (Some(s), Some(m)) = (self.find(survivor), self.find(merged)) else {
                    return;
                };
                if s == m {
                    return;
                }
                let Some(gone) = self.entities.get_mut(m).and_then(Option::take) else {
                    return;
                };
                let Some(keep) = self.entity_mut(s) else {
                    return;
                };
                let ty = keep.entity_type;
                keep.aliases.push(gone.name);
                keep.aliases.extend(gone.aliases);
                tidy_aliases(keep);
                for mention in Self::mentions_mut(dossier).filter(|x| x.entity.0 as usize == m) {
                    mention.entity = EntityId(s as u32);
                    mention.entity_type = ty;
                }
            }
            Correction::SplitAlias { entity, alias } => {
                let Some(i) = self.find(entity) else { return };
                let key = name_key(alias);
                let Some(e) = self.entities.get(i).and_then(Option::as_ref) else {
                    return;
                };
                if key.is_empty() || name_key(&e.name) == key {
                    return;
                }
                let ty = e.entity_type;
                let new = self.add_entity(alias, ty);
                if let Some(e) = self.entity_mut(i) {
                    e.aliases.retain(|a| name_key(a) != key);
                }
                for (doc, analysis) in dossier.documents.iter().zip(dossier.analyses.iter_mut()) {
                    for m in analysis.mentions.iter_mut() {
                        if m.entity.0 as usize == i && name_key(m.span.slice(&doc.text)) == key {
                            m.entity = EntityId(new as u32);
                        }
                    }
                }
            }
            Correction::Reject { name, entity_type } => {
                let key = name_key(name);
                if key.is_empty() {
                    return;
                }
                let type_ok = |t: EntityType| entity_type.is_none_or(|want| want == t);
                let rejected: BTreeSet<usize> = self
                    .entities
                    .iter()
                    .enumerate()
                    .filter_map(|(i, e)| e.as_ref().map(|e| (i, e)))
                    .filter(|(_, e)| type_ok(e.entity_type) && name_key(&e.name) == key)
                    .map(|(i, _)| i)
                    .collect();
                for (d, (doc, analysis)) in dossier
                    .documents
                    .iter()
                    .zip(dossier.analyses.iter_mut())
                    .enumerate()
                {
                    let before = analysis.mentions.len();
                    analysis.mentions.retain(|m| {
                        let hit = rejected.contains(&(m.entity.0 as usize))
                            || (type_ok(m.entity_type) && name_key(m.span.slice(&doc.text)) == key);
                        !hit
                    });
                    if analysis.mentions.len() != before {
                        self.touched.insert(d);
                    }
                }
                for i in &rejected {
                    if let Some(slot) = self.entities.get_mut(*i) {
                        *slot = None;
                    }
                }
                for e in self.entities.iter_mut().flatten() {
                    if type_ok(e.entity_type) {
                        e.aliases.retain(|a| name_key(a) != key);
                    }
                }
            }
            Correction::AddMention {
                doc,
                span,
                text,
                target,
            } => {
                let Some(d) = dossier.doc_index(*doc) else {
                    return;
                };
                let Some(document) = dossier.documents.get(d) else {
                    return;
                };
                let Some(found) = document.text.get(span.start..span.end) else {
                    return;
                };
                if span.is_empty() || found != text {
                    return;
                }
                let surface = found.trim().to_string();
                let i = match target {
                    MentionTarget::Entity { entity } => match self.find(entity) {
                        Some(i) => i,
                        None => self.add_entity(&entity.name, entity.entity_type),
                    },
                    MentionTarget::New { name, entity_type } => {
                        let r = EntityRef::new(*entity_type, name.clone());
                        match self.find(&r) {
                            Some(i)
                                if self
                                    .entities
                                    .get(i)
                                    .and_then(Option::as_ref)
                                    .is_some_and(|e| e.entity_type == *entity_type) =>
                            {
                                i
                            }
                            _ => self.add_entity(name, *entity_type),
                        }
                    }
                };
                let Some(e) = self.entity_mut(i) else { return };
                let ty = e.entity_type;
                if !surface.is_empty() && surface != e.name {
                    e.aliases.push(surface);
                    tidy_aliases(e);
                }
                let Some(analysis) = dossier.analyses.get_mut(d) else {
                    return;
                };
                analysis.mentions.retain(|m| !m.span.overlaps(*span));
                let at = analysis
                    .mentions
                    .partition_point(|m| m.span.start < span.start);
                analysis.mentions.insert(
                    at,
                    Mention {
                        span: *span,
                        entity: EntityId(i as u32),
                        entity_type: ty,
                        variant: crate::model::Variant::Name,
                        source: Source::User,
                        confidence: 1.0,
                    },
                );
                self.touched.insert(d);
            }
            Correction::RemoveMention { doc, span } => {
                let Some(d) = dossier.doc_index(*doc) else {
                    return;
                };
                if let Some(analysis) = dossier.analyses.get_mut(d) {
                    let before = analysis.mentions.len();
                    analysis.mentions.retain(|m| !m.span.overlaps(*span));
                    if analysis.mentions.len() != before {
                        self.touched.insert(d);
                    }
                }
            }
            Correction::SetDct { doc, date } => {
                let dct = date.map(|date| Dct {
                    date,
                    source: DctSource::User,
                });
                dossier.set_dct(*doc, dct);
            }
        }
    }

    /// Drops entities without mentions, renumbers the rest densely, finds the events of touched
    /// documents again and rebuilds the timeline.
    fn finish(mut self, dossier: &mut Dossier) {
        let mut used = vec![false; self.entities.len()];
        for m in dossier.analyses.iter().flat_map(|a| &a.mentions) {
            if let Some(u) = used.get_mut(m.entity.0 as usize) {
                *u = true;
            }
        }
        let mut remap: Vec<Option<EntityId>> = vec![None; self.entities.len()];
        let mut kept = Vec::new();
        for (i, slot) in self.entities.iter_mut().enumerate() {
            if let Some(mut e) = slot.take()
                && used.get(i).copied().unwrap_or(false)
            {
                let id = EntityId(kept.len() as u32);
                e.id = id;
                tidy_aliases(&mut e);
                remap[i] = Some(id);
                kept.push(e);
            }
        }
        for analysis in dossier.analyses.iter_mut() {
            analysis
                .mentions
                .retain(|m| remap.get(m.entity.0 as usize).copied().flatten().is_some());
            for m in analysis.mentions.iter_mut() {
                if let Some(Some(id)) = remap.get(m.entity.0 as usize) {
                    m.entity = *id;
                }
            }
        }
        for &d in &self.touched {
            let (Some(doc), Some(analysis)) =
                (dossier.documents.get(d), dossier.analyses.get_mut(d))
            else {
                continue;
            };
            analysis.refind_events(&doc.text);
        }
        dossier.registry = Registry::from_entities(kept);
        dossier.rebuild_timeline();
    }
}

/// Aliases sorted, without duplicates and without the name itself.
fn tidy_aliases(e: &mut Entity) {
    let name = e.name.clone();
    e.aliases.retain(|a| !a.trim().is_empty() && *a != name);
    e.aliases.sort();
    e.aliases.dedup();
}

/// The state of a correction in the [`CorrectionLog`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogState {
    /// In force.
    Active,
    /// Undone; can be redone.
    Undone,
    /// Undone and then superseded by a new correction; kept for the record only.
    Discarded,
}

impl LogState {
    /// The number stored for the state (0 active, 1 undone, 2 discarded).
    pub fn code(self) -> i64 {
        match self {
            LogState::Active => 0,
            LogState::Undone => 1,
            LogState::Discarded => 2,
        }
    }

    /// The state of a stored number.
    pub fn from_code(code: i64) -> Option<LogState> {
        match code {
            0 => Some(LogState::Active),
            1 => Some(LogState::Undone),
            2 => Some(LogState::Discarded),
            _ => None,
        }
    }
}

/// One correction in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    /// Position in the log (increasing, never reused).
    pub seq: u64,
    /// The decision.
    pub correction: Correction,
    /// Whether it is in force.
    pub state: LogState,
}

/// The undo/redo history of corrections: append-only; undo and redo only change states.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorrectionLog {
    entries: Vec<LogEntry>,
}

impl CorrectionLog {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// A log of stored entries (sorted by `seq`).
    pub fn from_entries(mut entries: Vec<LogEntry>) -> Self {
        entries.sort_by_key(|e| e.seq);
        Self { entries }
    }

    /// All entries, oldest first.
    pub fn entries(&self) -> &[LogEntry] {
        &self.entries
    }

    /// Appends a correction; corrections waiting to be redone are discarded. Returns its `seq`.
    pub fn push(&mut self, correction: Correction) -> u64 {
        for e in self.entries.iter_mut() {
            if e.state == LogState::Undone {
                e.state = LogState::Discarded;
            }
        }
        let seq = self.entries.last().map_or(1, |e| e.seq + 1);
        self.entries.push(LogEntry {
            seq,
            correction,
            state: LogState::Active,
        });
        seq
    }

    /// The entry [`CorrectionLog::undo`] would undo.
    pub fn undo_target(&self) -> Option<&LogEntry> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.state == LogState::Active)
    }

    /// The entry [`CorrectionLog::redo`] would redo: the oldest undone one.
    pub fn redo_target(&self) -> Option<&LogEntry> {
        self.entries.iter().find(|e| e.state == LogState::Undone)
    }

    /// Marks the last active correction undone and returns it.
    pub fn undo(&mut self) -> Option<&Correction> {
        let seq = self.undo_target()?.seq;
        let e = self.entries.iter_mut().find(|e| e.seq == seq)?;
        e.state = LogState::Undone;
        Some(&e.correction)
    }

    /// Re-activates the most recently undone correction and returns it.
    pub fn redo(&mut self) -> Option<&Correction> {
        let seq = self.redo_target()?.seq;
        let e = self.entries.iter_mut().find(|e| e.seq == seq)?;
        e.state = LogState::Active;
        Some(&e.correction)
    }

    /// The corrections in force, oldest first: what [`apply`] takes.
    pub fn active(&self) -> Vec<Correction> {
        self.entries
            .iter()
            .filter(|e| e.state == LogState::Active)
            .map(|e| e.correction.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzed;
    use crate::model::{Document, Lang, Variant};
    use crate::ner::RawMention;
    use std::collections::BTreeMap;

    const TEXT0: &str =
        "Alexander Kozlov traf Kim Jong Un in Moskau. Kozlov lobte das Treffen am 3. Mai 2024.";
    const TEXT1: &str = "Kim Jong-un reiste nach Moskau. Das Treffen mit Kozlov dauerte lange.";
    const TEXT2: &str = "Ein neues Treffen in Moskau folgte. Kim Jong Un kam nicht.";

    /// (surface, type, canonical) per mention; spans found by position of the surface text.
    fn raw(text: &str, found: &[(&str, EntityType, &str)]) -> Vec<RawMention> {
        let mut from = 0;
        found
            .iter()
            .map(|&(surface, ty, canonical)| {
                let start = from + text[from..].find(surface).expect("surface in text");
                from = start + surface.len();
                RawMention {
                    span: Span::new(start, start + surface.len()),
                    entity_type: ty,
                    variant: Variant::Name,
                    source: crate::model::Source::Model,
                    confidence: 0.9,
                    canonical: canonical.to_string(),
                }
            })
            .collect()
    }

    fn doc(text: &str) -> Document {
        Document {
            id: DocId(0),
            path: None,
            title: String::new(),
            headings: Vec::new(),
            paragraphs: vec![Span::new(0, text.len())],
            metadata: BTreeMap::new(),
            language: Lang::De,
            dct: None,
            text: text.to_string(),
        }
    }

    fn analyzed(text: &str, mentions: Vec<RawMention>) -> Analyzed {
        let lang = Lang::De;
        let tokens = crate::text::tokenize(text, &lang);
        let sentences = crate::text::split_sentences(text, &tokens, &lang);
        let timexes = crate::time::find_timexes(text, &tokens, &sentences, &lang, None);
        Analyzed {
            sentences,
            mentions,
            timexes,
        }
    }

    use EntityType::{Loc, Oth, Per};

    /// The "first analysis": Treffen wrongly an entity, Kozlov in doc 1 not joined.
    fn analysis_a(with_doc2: bool) -> Dossier {
        let mut d = Dossier::new();
        // This analysis misses "Kozlov" in doc 1 on purpose: no cross-article surname links.
        d.set_cross_article_surnames(false);
        let m0 = raw(
            TEXT0,
            &[
                ("Alexander Kozlov", Per, "Alexander Kozlov"),
                ("Kim Jong Un", Per, "Kim Jong Un"),
                ("Moskau", Loc, "Moskau"),
                ("Kozlov", Per, "Alexander Kozlov"),
                ("Treffen", Oth, "Treffen"),
            ],
        );
        d.insert(doc(TEXT0), analyzed(TEXT0, m0));
        let m1 = raw(
            TEXT1,
            &[
                ("Kim Jong-un", Per, "Kim Jong-un"),
                ("Moskau", Loc, "Moskau"),
                ("Treffen", Oth, "Treffen"),
            ],
        );
        d.insert(doc(TEXT1), analyzed(TEXT1, m1));
        if with_doc2 {
            let m2 = raw(
                TEXT2,
                &[
                    ("Treffen", Oth, "Treffen"),
                    ("Moskau", Loc, "Moskau"),
                    ("Kim Jong Un", Per, "Kim Jong Un"),
                ],
            );
            d.insert(doc(TEXT2), analyzed(TEXT2, m2));
        }
        d.rebuild_timeline();
        d
    }

    /// A "newer model": finds Kozlov in doc 1 but misses Moskau there; different order of
    /// entity creation.
    fn analysis_b() -> Dossier {
        let mut d = Dossier::new();
        let m0 = raw(
            TEXT0,
            &[
                ("Alexander Kozlov", Per, "Alexander Kozlov"),
                ("Kim Jong Un", Per, "Kim Jong Un"),
                ("Moskau", Loc, "Moskau"),
                ("Kozlov", Per, "Kozlov"),
                ("Treffen", Oth, "Treffen"),
            ],
        );
        let m1 = raw(
            TEXT1,
            &[
                ("Kim Jong-un", Per, "Kim Jong-un"),
                ("Treffen", Oth, "Treffen"),
                ("Kozlov", Per, "Kozlov"),
            ],
        );
        d.insert(doc(TEXT0), analyzed(TEXT0, m0));
        d.insert(doc(TEXT1), analyzed(TEXT1, m1));
        d.rebuild_timeline();
        d
    }

    /// (doc, mention text, entity name, type) for every mention.
    fn mentions(d: &Dossier) -> BTreeSet<(u32, String, String, EntityType)> {
        d.documents
            .iter()
            .zip(&d.analyses)
            .flat_map(|(doc, a)| {
                a.mentions.iter().map(|m| {
                    let e = d.entity(m.entity).expect("mention's entity exists");
                    (
                        doc.id.0,
                        m.span.slice(&doc.text).to_string(),
                        e.name.clone(),
                        m.entity_type,
                    )
                })
            })
            .collect()
    }

    fn names(d: &Dossier) -> BTreeSet<String> {
        d.entities().iter().map(|e| e.name.clone()).collect()
    }

    fn has(d: &Dossier, doc: u32, text: &str, entity: &str) -> bool {
        mentions(d)
            .iter()
            .any(|(dd, t, e, _)| *dd == doc && t == text && e == entity)
    }

    fn invariants(d: &Dossier) {
        for (i, e) in d.entities().iter().enumerate() {
            assert_eq!(e.id, EntityId(i as u32));
            assert!(!e.aliases.contains(&e.name), "{e:?}");
        }
        for a in &d.analyses {
            for m in &a.mentions {
                assert!(d.entity(m.entity).is_some());
            }
            for w in a.mentions.windows(2) {
                assert!(w[0].span.end <= w[1].span.start, "sorted, not overlapping");
            }
        }
        let mut used = vec![false; d.entities().len()];
        for m in d.analyses.iter().flat_map(|a| &a.mentions) {
            used[m.entity.0 as usize] = true;
        }
        assert!(used.iter().all(|u| *u), "every entity has a mention");
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let s = text.find(needle).expect("needle");
        Span::new(s, s + needle.len())
    }

    #[test]
    fn each_kind_of_correction() {
        type Check = fn(&Dossier) -> bool;
        let kozlov = EntityRef::new(Per, "Alexander Kozlov");
        let kim = EntityRef::new(Per, "Kim Jong-un"); // a spelling variant finds "Kim Jong Un"
        let cases: Vec<(&str, Vec<Correction>, Check)> = vec![
            (
                "rename keeps the old name as alias",
                vec![Correction::Rename {
                    entity: kozlov.clone(),
                    name: "Alexander Koslow".into(),
                }],
                |d| {
                    let e = d.entities().iter().find(|e| e.name == "Alexander Koslow");
                    e.is_some_and(|e| e.aliases.contains(&"Alexander Kozlov".to_string()))
                        && has(d, 0, "Kozlov", "Alexander Koslow")
                },
            ),
            (
                "change type changes the mentions",
                vec![Correction::ChangeType {
                    entity: EntityRef::new(Loc, "Moskau"),
                    entity_type: Oth,
                }],
                |d| {
                    mentions(d)
                        .iter()
                        .filter(|m| m.1 == "Moskau")
                        .all(|m| m.3 == Oth)
                        && d.entities()
                            .iter()
                            .any(|e| e.name == "Moskau" && e.entity_type == Oth)
                },
            ),
            (
                "merge joins mentions and keeps the name as alias",
                vec![
                    Correction::AddMention {
                        doc: DocId(1),
                        span: span_of(TEXT1, "Kozlov"),
                        text: "Kozlov".into(),
                        target: MentionTarget::New {
                            name: "Kozlov".into(),
                            entity_type: Per,
                        },
                    },
                    Correction::Merge {
                        survivor: kozlov.clone(),
                        merged: EntityRef::new(Per, "Kozlov"),
                    },
                ],
                |d| {
                    has(d, 1, "Kozlov", "Alexander Kozlov")
                        && !names(d).contains("Kozlov")
                        && d.entities().iter().any(|e| {
                            e.name == "Alexander Kozlov" && e.aliases.contains(&"Kozlov".into())
                        })
                },
            ),
            (
                "split an alias off into its own entity",
                vec![Correction::SplitAlias {
                    entity: kozlov.clone(),
                    alias: "Kozlov".into(),
                }],
                |d| {
                    has(d, 0, "Kozlov", "Kozlov")
                        && has(d, 0, "Alexander Kozlov", "Alexander Kozlov")
                        && d.entities().iter().any(|e| {
                            e.name == "Alexander Kozlov" && !e.aliases.contains(&"Kozlov".into())
                        })
                },
            ),
            (
                "reject removes the name everywhere",
                vec![Correction::Reject {
                    name: "Treffen".into(),
                    entity_type: None,
                }],
                |d| !names(d).contains("Treffen") && !mentions(d).iter().any(|m| m.1 == "Treffen"),
            ),
            (
                "reject of one type keeps the others",
                vec![Correction::Reject {
                    name: "Treffen".into(),
                    entity_type: Some(Per),
                }],
                |d| names(d).contains("Treffen"),
            ),
            (
                "add a mention of an existing entity (by alias)",
                vec![Correction::AddMention {
                    doc: DocId(1),
                    span: span_of(TEXT1, "Kozlov"),
                    text: "Kozlov".into(),
                    target: MentionTarget::Entity {
                        entity: EntityRef::new(Per, "Kozlov"),
                    },
                }],
                |d| has(d, 1, "Kozlov", "Alexander Kozlov"),
            ),
            (
                "add a mention over an automatic one replaces it",
                vec![Correction::AddMention {
                    doc: DocId(1),
                    span: span_of(TEXT1, "Das Treffen"),
                    text: "Das Treffen".into(),
                    target: MentionTarget::New {
                        name: "Das Treffen".into(),
                        entity_type: Oth,
                    },
                }],
                |d| has(d, 1, "Das Treffen", "Das Treffen") && !has(d, 1, "Treffen", "Treffen"),
            ),
            (
                "add a mention whose text no longer matches is skipped",
                vec![Correction::AddMention {
                    doc: DocId(1),
                    span: span_of(TEXT1, "Kozlov"),
                    text: "Putin".into(),
                    target: MentionTarget::New {
                        name: "Putin".into(),
                        entity_type: Per,
                    },
                }],
                |d| !names(d).contains("Putin"),
            ),
            (
                "remove a mention; the entity goes with its last mention",
                vec![
                    Correction::RemoveMention {
                        doc: DocId(0),
                        span: span_of(TEXT0, "Treffen"),
                    },
                    Correction::RemoveMention {
                        doc: DocId(1),
                        span: span_of(TEXT1, "Treffen"),
                    },
                ],
                |d| !names(d).contains("Treffen"),
            ),
            (
                "set a document date resolves its dates",
                vec![Correction::SetDct {
                    doc: DocId(1),
                    date: NaiveDate::from_ymd_opt(2024, 11, 19),
                }],
                |d| {
                    d.documents[1].dct.is_some_and(|c| {
                        c.source == DctSource::User
                            && c.date == NaiveDate::from_ymd_opt(2024, 11, 19).unwrap()
                    })
                },
            ),
            (
                "clear a document date",
                vec![
                    Correction::SetDct {
                        doc: DocId(0),
                        date: NaiveDate::from_ymd_opt(2024, 11, 19),
                    },
                    Correction::SetDct {
                        doc: DocId(0),
                        date: None,
                    },
                ],
                |d| d.documents[0].dct.is_none(),
            ),
            (
                "a variant spelling of the name finds the entity",
                vec![Correction::Rename {
                    entity: kim.clone(),
                    name: "Kim Jong-un".into(),
                }],
                |d| {
                    has(d, 1, "Kim Jong-un", "Kim Jong-un")
                        && has(d, 0, "Kim Jong Un", "Kim Jong-un")
                },
            ),
            (
                "unknown entities and documents are skipped",
                vec![
                    Correction::Rename {
                        entity: EntityRef::new(Per, "Nobody"),
                        name: "X".into(),
                    },
                    Correction::RemoveMention {
                        doc: DocId(9),
                        span: Span::new(0, 3),
                    },
                ],
                |d| mentions(d) == mentions(&analysis_a(false)),
            ),
        ];
        for (name, corrections, check) in cases {
            let mut d = analysis_a(false);
            let before = mentions(&d);
            apply(&mut d, &corrections);
            invariants(&d);
            assert!(check(&d), "{name}: {:#?}", mentions(&d));
            if name != "unknown entities and documents are skipped"
                && !name.starts_with("set")
                && !name.starts_with("clear")
                && !name.contains("no longer matches")
                && !name.contains("of one type")
            {
                assert_ne!(mentions(&d), before, "{name} changed nothing");
            }
            // JSON round trip of every correction (this is how the store keeps them).
            for c in &corrections {
                let json = serde_json::to_string(c).expect("json");
                let back: Correction = serde_json::from_str(&json).expect("parse");
                assert_eq!(&back, c);
            }
        }
    }

    #[test]
    fn reapplying_after_reanalysis_gives_the_same_result() {
        let corrections = vec![
            Correction::Reject {
                name: "Treffen".into(),
                entity_type: None,
            },
            Correction::AddMention {
                doc: DocId(1),
                span: span_of(TEXT1, "Kozlov"),
                text: "Kozlov".into(),
                target: MentionTarget::Entity {
                    entity: EntityRef::new(Per, "Alexander Kozlov"),
                },
            },
            Correction::AddMention {
                doc: DocId(1),
                span: span_of(TEXT1, "Moskau"),
                text: "Moskau".into(),
                target: MentionTarget::Entity {
                    entity: EntityRef::new(Loc, "Moskau"),
                },
            },
            Correction::Rename {
                entity: EntityRef::new(Per, "Kim Jong Un"),
                name: "Kim Jong-un".into(),
            },
        ];
        let mut a = analysis_a(false);
        apply(&mut a, &corrections);
        let mut b = analysis_b();
        // The newer model found "Kozlov" as an entity of its own; the user merged it.
        let mut with_merge = corrections.clone();
        with_merge.push(Correction::Merge {
            survivor: EntityRef::new(Per, "Alexander Kozlov"),
            merged: EntityRef::new(Per, "Kozlov"),
        });
        apply(&mut b, &with_merge);
        invariants(&a);
        invariants(&b);
        assert_eq!(mentions(&a), mentions(&b));
        assert_eq!(names(&a), names(&b));
        // Applying again to the same analysis is deterministic.
        let mut a2 = analysis_a(false);
        apply(&mut a2, &corrections);
        assert_eq!(mentions(&a), mentions(&a2));
    }

    #[test]
    fn corrections_hold_for_articles_added_later() {
        let corrections = vec![
            Correction::Reject {
                name: "Treffen".into(),
                entity_type: None,
            },
            Correction::Rename {
                entity: EntityRef::new(Loc, "Moskau"),
                name: "Moskva".into(),
            },
        ];
        let mut d = analysis_a(true);
        apply(&mut d, &corrections);
        invariants(&d);
        assert!(!mentions(&d).iter().any(|m| m.1 == "Treffen"));
        assert!(has(&d, 2, "Moskau", "Moskva"));
        assert!(has(&d, 2, "Kim Jong Un", "Kim Jong Un"));
    }

    #[test]
    fn undo_and_redo() {
        let c = |n: &str| Correction::Reject {
            name: n.into(),
            entity_type: None,
        };
        let mut log = CorrectionLog::new();
        assert!(log.undo().is_none());
        log.push(c("a"));
        log.push(c("b"));
        log.push(c("c"));
        assert_eq!(log.undo(), Some(&c("c")));
        assert_eq!(log.undo(), Some(&c("b")));
        assert_eq!(log.active(), vec![c("a")]);
        assert_eq!(log.redo(), Some(&c("b")));
        assert_eq!(log.active(), vec![c("a"), c("b")]);
        // A new correction discards what was waiting to be redone.
        log.push(c("d"));
        assert!(log.redo().is_none());
        assert_eq!(log.active(), vec![c("a"), c("b"), c("d")]);
        let states: Vec<LogState> = log.entries().iter().map(|e| e.state).collect();
        use LogState::*;
        assert_eq!(states, vec![Active, Active, Discarded, Active]);
        let seqs: Vec<u64> = log.entries().iter().map(|e| e.seq).collect();
        assert_eq!(seqs, vec![1, 2, 3, 4]);

        // Undo = apply without the undone correction.
        let mut log = CorrectionLog::new();
        log.push(c("Treffen"));
        let mut d = analysis_a(false);
        apply(&mut d, &log.active());
        assert!(!names(&d).contains("Treffen"));
        log.undo();
        let mut d = analysis_a(false);
        apply(&mut d, &log.active());
        assert!(names(&d).contains("Treffen"));
        for s in [Active, Undone, Discarded] {
            assert_eq!(LogState::from_code(s.code()), Some(s));
        }
    }
}
