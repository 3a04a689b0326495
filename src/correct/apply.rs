//! Applying corrections to a dossier, one at a time and in place.
//!
//! [`apply_one`] changes only the articles and entities a correction concerns. Before it changes
//! an article, an entity or the timeline it keeps the old one in a [`Journal`] (articles and
//! their analyses are shared `Arc`s, so this costs a pointer), which is at the same time the
//! list of what changed and the way back ([`Journal::undo`]). Each correction ends by dropping
//! the entities it left without a mention, finding the events of the articles whose mentions or
//! date changed, and rebuilding the timeline when an article's events changed.
//!
//! [`apply`] folds [`apply_one`] over a list: applying corrections one after the other, with or
//! without journals, gives the same dossier as applying the list at once.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use crate::analysis::{DocAnalysis, Dossier, RemovedDocument};
use crate::model::{
    Dct, DctSource, DocId, Document, Entity, EntityId, EntityType, Event, Mention, Source, Span,
    Variant,
};
use crate::registry::name_key;
use crate::text::{split_sentences, tokenize};
use crate::time::{event_sentences, find_events, find_timexes};

use super::{Correction, EntityRef, MentionTarget};

/// Where the entities that corrections create get their ids.
pub trait IdSource {
    /// The id for a new entity named `name` of type `entity_type`, created by the correction
    /// being applied. It must not be the id of an entity of `dossier`.
    fn new_entity(&mut self, dossier: &Dossier, name: &str, entity_type: EntityType) -> EntityId;
}

/// New entities get the next id above every id of the dossier.
#[derive(Debug, Clone, Copy, Default)]
pub struct FreshIds;

impl IdSource for FreshIds {
    fn new_entity(&mut self, dossier: &Dossier, _name: &str, _ty: EntityType) -> EntityId {
        dossier.registry.next_id()
    }
}

/// An article with its analysis, as kept in a [`Journal`].
type Kept = (Arc<Document>, Arc<DocAnalysis>);

/// What one correction changed, kept so that it can be undone: the articles, entities and
/// timeline as they were before it. An article recorded as `None` was not in the dossier
/// before (it was restored); an entity recorded as `None` did not exist (it was created).
#[derive(Debug, Clone, Default)]
pub struct Journal {
    docs: BTreeMap<DocId, Option<Kept>>,
    /// Removed articles kept for a restore, as they were.
    stash: BTreeMap<DocId, Option<Arc<RemovedDocument>>>,
    entities: BTreeMap<EntityId, Option<Entity>>,
    events: Option<Arc<Vec<Event>>>,
}

impl Journal {
    /// True when nothing was changed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
            && self.stash.is_empty()
            && self.entities.is_empty()
            && self.events.is_none()
    }

    /// The articles whose analysis, date or presence changed.
    pub fn documents(&self) -> impl Iterator<Item = DocId> + '_ {
        self.docs.keys().copied()
    }

    /// The entities changed, created or removed.
    pub fn entities(&self) -> impl Iterator<Item = EntityId> + '_ {
        self.entities.keys().copied()
    }

    /// True when the timeline changed.
    pub fn timeline_changed(&self) -> bool {
        self.events.is_some()
    }

    /// The articles as they were before (date and analysis), `None` for those that were not in
    /// the dossier.
    #[allow(clippy::type_complexity)]
    pub fn before_docs(
        &self,
    ) -> std::collections::HashMap<DocId, Option<(Option<crate::model::Dct>, Arc<DocAnalysis>)>>
    {
        self.docs
            .iter()
            .map(|(id, before)| (*id, before.as_ref().map(|(d, a)| (d.dct, Arc::clone(a)))))
            .collect()
    }

    /// The timeline as it was before, when it changed.
    pub fn events_before(&self) -> Option<&Arc<Vec<Event>>> {
        self.events.as_ref()
    }

    /// Every entity whose row or counts the change touched: those it changed, created or
    /// removed, and those mentioned in the changed articles before or after (`now`).
    pub fn involved_entities(&self, now: &Dossier) -> BTreeSet<EntityId> {
        let mut out: BTreeSet<EntityId> = self.entities.keys().copied().collect();
        for (id, before) in &self.docs {
            if let Some((_, a)) = before {
                out.extend(a.mentions.iter().map(|m| m.entity));
            }
            if let Some((_, a)) = now.document(*id) {
                out.extend(a.mentions.iter().map(|m| m.entity));
            }
        }
        for (id, before) in &self.stash {
            if let Some(r) = before {
                out.extend(r.entities.iter().map(|e| e.id));
            }
            if let Some(r) = now.removed.get(id) {
                out.extend(r.entities.iter().map(|e| e.id));
            }
        }
        out
    }

    /// Puts everything this journal recorded back as it was before its correction.
    pub fn undo(self, dossier: &mut Dossier) {
        for (id, before) in self.stash {
            match before {
                Some(removed) => {
                    dossier.removed.insert(id, removed);
                }
                None => {
                    dossier.removed.remove(&id);
                }
            }
        }
        for (id, before) in self.docs {
            match before {
                Some((doc, analysis)) => dossier.put_document(doc, analysis),
                None => {
                    dossier.take_document(id);
                }
            }
        }
        for (id, before) in self.entities {
            match before {
                Some(entity) => dossier.registry.insert(entity),
                None => {
                    dossier.registry.remove(id);
                }
            }
        }
        if let Some(events) = self.events {
            dossier.events = events;
        }
    }

    /// Adds what `later` changed (a correction applied after this one) to this journal, so
    /// that undoing the sum undoes both.
    pub fn absorb(&mut self, later: Journal) {
        for (id, before) in later.docs {
            self.docs.entry(id).or_insert(before);
        }
        for (id, before) in later.stash {
            self.stash.entry(id).or_insert(before);
        }
        for (id, before) in later.entities {
            self.entities.entry(id).or_insert(before);
        }
        if self.events.is_none() {
            self.events = later.events;
        }
    }

    fn doc(&mut self, dossier: &Dossier, id: DocId) {
        self.docs.entry(id).or_insert_with(|| {
            let i = dossier.doc_index(id)?;
            Some((
                Arc::clone(dossier.documents.get(i)?),
                Arc::clone(dossier.analyses.get(i)?),
            ))
        });
    }

    fn stash(&mut self, dossier: &Dossier, id: DocId) {
        self.stash
            .entry(id)
            .or_insert_with(|| dossier.removed.get(&id).cloned());
    }

    fn entity(&mut self, dossier: &Dossier, id: EntityId) {
        self.entities
            .entry(id)
            .or_insert_with(|| dossier.entity(id).cloned());
    }
}

/// What a correction did, in counts and words ([`fmt::Display`] gives the message shown in the
/// status line and the log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The message.
    pub message: String,
    /// Mentions added, moved, retyped or removed.
    pub mentions: usize,
    /// Articles whose mentions, date or presence changed.
    pub documents: usize,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The result of [`apply_one`].
#[derive(Debug, Clone)]
pub struct Outcome {
    /// What changed, to undo it.
    pub journal: Journal,
    /// What changed, in words.
    pub report: Report,
}

impl Outcome {
    /// True when the correction changed nothing (its entity or article was not found, or the
    /// dossier already was as it asks).
    pub fn is_noop(&self) -> bool {
        self.journal.is_empty()
    }
}

/// Applies `corrections`, in order, to `dossier`. Corrections whose entities or articles cannot
/// be found are skipped (the analysis may already have done what they ask). New entities get
/// fresh ids ([`FreshIds`]).
pub fn apply(dossier: &mut Dossier, corrections: &[Correction]) {
    for correction in corrections {
        apply_one(dossier, correction, &mut FreshIds);
    }
}

/// Applies one correction to `dossier` in place. See the module documentation.
pub fn apply_one(
    dossier: &mut Dossier,
    correction: &Correction,
    ids: &mut dyn IdSource,
) -> Outcome {
    let mut step = Step {
        dossier,
        journal: Journal::default(),
        ids,
        mentions: 0,
        changed_mentions: BTreeSet::new(),
        affected: BTreeSet::new(),
    };
    let message = step.run(correction);
    step.finish();
    let documents = step.journal.docs.len();
    let message = if step.journal.is_empty() {
        format!("Nothing changed: {message}")
    } else {
        message
    };
    Outcome {
        report: Report {
            message,
            mentions: step.mentions,
            documents,
        },
        journal: step.journal,
    }
}

/// One correction being applied.
struct Step<'a> {
    dossier: &'a mut Dossier,
    journal: Journal,
    ids: &'a mut dyn IdSource,
    /// Mentions added, moved, retyped or removed.
    mentions: usize,
    /// Articles whose mentions changed (their events are found again).
    changed_mentions: BTreeSet<DocId>,
    /// Entities that may have lost their last mention.
    affected: BTreeSet<EntityId>,
}

/// "1 mention", "3 mentions".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "in 1 article", "in 3 articles".
fn in_articles(n: usize) -> String {
    format!("in {}", count(n, "article", "articles"))
}

/// "person", "organisation", "place", "other name".
fn noun(t: EntityType) -> &'static str {
    match t {
        EntityType::Per => "person",
        EntityType::Org => "organisation",
        EntityType::Loc => "place",
        EntityType::Oth => "other name",
    }
}

/// "a person", "an organisation", "a place", "an other name".
fn a_noun(t: EntityType) -> String {
    let n = noun(t);
    let article = if n.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {n}")
}

impl Step<'_> {
    /// The analysis of the article at index `i`, to change it (recorded first).
    fn analysis_mut(&mut self, i: usize) -> Option<&mut DocAnalysis> {
        let id = self.dossier.documents.get(i)?.id;
        self.journal.doc(self.dossier, id);
        self.dossier.analyses.get_mut(i).map(Arc::make_mut)
    }

    /// The entity `id`, to change it (recorded first).
    fn entity_mut(&mut self, id: EntityId) -> Option<&mut Entity> {
        self.dossier.entity(id)?;
        self.journal.entity(self.dossier, id);
        self.dossier.registry.get_mut(id)
    }

    fn remove_entity(&mut self, id: EntityId) {
        if self.dossier.entity(id).is_some() {
            self.journal.entity(self.dossier, id);
            self.dossier.registry.remove(id);
        }
    }

    fn new_entity(&mut self, name: &str, entity_type: EntityType) -> EntityId {
        let name = name.trim();
        let mut id = self.ids.new_entity(self.dossier, name, entity_type);
        if self.dossier.entity(id).is_some() {
            id = self.dossier.registry.next_id();
        }
        self.journal.entity(self.dossier, id);
        self.dossier.registry.insert(Entity {
            id,
            name: name.to_string(),
            entity_type,
            aliases: Vec::new(),
        });
        id
    }

    fn find(&self, r: &EntityRef) -> Option<EntityId> {
        r.find(self.dossier)
    }

    fn name_of(&self, id: EntityId) -> String {
        self.dossier
            .entity(id)
            .map_or_else(|| id.to_string(), |e| e.name.clone())
    }

    /// The text of a mention.
    fn surface(&self, doc: DocId, span: Span) -> Option<String> {
        let text = self.dossier.text(doc)?;
        text.get(span.start..span.end).map(str::to_string)
    }

    /// Every mention's place as (article index, mention index) for which `hit` is true.
    fn find_mentions(&self, hit: impl Fn(&Mention) -> bool) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (d, a) in self.dossier.analyses.iter().enumerate() {
            for (k, m) in a.mentions.iter().enumerate() {
                if hit(m) {
                    out.push((d, k));
                }
            }
        }
        out
    }

    /// Applies `change` to the mentions at `places` (grouped by article) and counts them.
    fn change_mentions(&mut self, places: &[(usize, usize)], change: impl Fn(&mut Mention)) {
        let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &(d, k) in places {
            by_doc.entry(d).or_default().push(k);
        }
        for (d, ks) in by_doc {
            let Some(doc) = self.dossier.documents.get(d).map(|d| d.id) else {
                continue;
            };
            let Some(a) = self.analysis_mut(d) else {
                continue;
            };
            let mut old = Vec::new();
            for k in ks {
                if let Some(m) = a.mentions.get_mut(k) {
                    old.push(m.entity);
                    change(m);
                }
            }
            self.mentions += old.len();
            self.affected.extend(old);
            self.changed_mentions.insert(doc);
        }
    }

    /// Removes the mentions at `places`; returns how many articles lost one.
    fn remove_mentions(&mut self, places: &[(usize, usize)]) -> usize {
        let mut by_doc: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for &(d, k) in places {
            by_doc.entry(d).or_default().insert(k);
        }
        let docs = by_doc.len();
        for (d, ks) in by_doc {
            let Some(doc) = self.dossier.documents.get(d).map(|d| d.id) else {
                continue;
            };
            let Some(a) = self.analysis_mut(d) else {
                continue;
            };
            let mut gone = Vec::new();
            let mut k = 0;
            a.mentions.retain(|m| {
                let drop = ks.contains(&k);
                k += 1;
                if drop {
                    gone.push(m.entity);
                }
                !drop
            });
            self.mentions += gone.len();
            self.affected.extend(gone);
            self.changed_mentions.insert(doc);
        }
        docs
    }

    /// Puts a user's mention of `entity` at `span` of the article at index `d`, replacing the
    /// mentions that overlap it; `variant` is kept from a mention it reassigns.
    fn put_mention(&mut self, d: usize, span: Span, entity: EntityId, variant: Variant) {
        let Some(ty) = self.dossier.entity(entity).map(|e| e.entity_type) else {
            return;
        };
        let Some(doc) = self.dossier.documents.get(d).map(|d| d.id) else {
            return;
        };
        let Some(a) = self.analysis_mut(d) else {
            return;
        };
        let mut gone = Vec::new();
        a.mentions.retain(|m| {
            let overlaps = m.span.overlaps(span);
            if overlaps {
                gone.push(m.entity);
            }
            !overlaps
        });
        let at = a.mentions.partition_point(|m| m.span.start < span.start);
        a.mentions.insert(
            at,
            Mention {
                span,
                entity,
                entity_type: ty,
                variant,
                source: Source::User,
                confidence: 1.0,
            },
        );
        self.mentions += 1;
        self.affected.extend(gone);
        self.changed_mentions.insert(doc);
    }

    /// Adds `alias` to an entity's aliases (unless it is its name).
    fn add_alias(&mut self, id: EntityId, alias: &str) {
        let alias = alias.trim();
        let known = self
            .dossier
            .entity(id)
            .is_none_or(|e| e.name == alias || e.aliases.iter().any(|a| a == alias));
        if alias.is_empty() || known {
            return;
        }
        if let Some(e) = self.entity_mut(id) {
            e.aliases.push(alias.to_string());
            tidy_aliases(e);
        }
    }

    /// Mentions per entity among `places` → (mentions, articles).
    fn reach(places: &[(usize, usize)]) -> (usize, usize) {
        let docs: BTreeSet<usize> = places.iter().map(|p| p.0).collect();
        (places.len(), docs.len())
    }

    fn run(&mut self, correction: &Correction) -> String {
        match correction {
            Correction::Batch { corrections } => {
                let mut messages = Vec::new();
                let mut changed = 0;
                for c in corrections {
                    let before = (self.journal.docs.len(), self.journal.entities.len());
                    let message = self.run(c);
                    let after = (self.journal.docs.len(), self.journal.entities.len());
                    if after != before {
                        changed += 1;
                    }
                    messages.push(message);
                }
                match messages.as_slice() {
                    [one] => one.clone(),
                    _ => format!(
                        "{} of {} changes made: {}",
                        changed,
                        corrections.len(),
                        messages.join("; ")
                    ),
                }
            }
            Correction::Rename { entity, name } => {
                let name = name.trim();
                let Some(id) = self.find(entity) else {
                    return format!("no entity “{}”", entity.name);
                };
                let old = self.name_of(id);
                if name.is_empty() || name == old {
                    return format!("“{old}” already has that name");
                }
                let (n, docs) = Self::reach(&self.find_mentions(|m| m.entity == id));
                if let Some(e) = self.entity_mut(id) {
                    e.aliases
                        .push(std::mem::replace(&mut e.name, name.to_string()));
                    tidy_aliases(e);
                }
                format!(
                    "Renamed “{old}” to “{name}” ({} {}); “{old}” stays an alias",
                    count(n, "mention", "mentions"),
                    in_articles(docs)
                )
            }
            Correction::ChangeType {
                entity,
                entity_type,
            } => {
                let Some(id) = self.find(entity) else {
                    return format!("no entity “{}”", entity.name);
                };
                let name = self.name_of(id);
                if self.dossier.entity(id).map(|e| e.entity_type) == Some(*entity_type) {
                    return format!("“{name}” is {} already", a_noun(*entity_type));
                }
                let places = self.find_mentions(|m| m.entity == id);
                let (n, docs) = Self::reach(&places);
                if let Some(e) = self.entity_mut(id) {
                    e.entity_type = *entity_type;
                }
                let ty = *entity_type;
                self.change_mentions(&places, |m| m.entity_type = ty);
                format!(
                    "“{name}” is now {} ({} {})",
                    a_noun(ty),
                    count(n, "mention", "mentions"),
                    in_articles(docs)
                )
            }
            Correction::Merge { survivor, merged } => {
                let (Some(keep), Some(gone)) = (self.find(survivor), self.find(merged)) else {
                    return format!("no entities “{}” and “{}”", survivor.name, merged.name);
                };
                if keep == gone {
                    return format!("“{}” is one entity already", self.name_of(keep));
                }
                let (keep_name, gone_name) = (self.name_of(keep), self.name_of(gone));
                let Some(old) = self.dossier.entity(gone).cloned() else {
                    return format!("no entity “{}”", merged.name);
                };
                let ty = self
                    .dossier
                    .entity(keep)
                    .map_or(old.entity_type, |e| e.entity_type);
                let places = self.find_mentions(|m| m.entity == gone);
                let (n, docs) = Self::reach(&places);
                self.change_mentions(&places, |m| {
                    m.entity = keep;
                    m.entity_type = ty;
                });
                self.remove_entity(gone);
                if let Some(e) = self.entity_mut(keep) {
                    e.aliases.push(old.name);
                    e.aliases.extend(old.aliases);
                    tidy_aliases(e);
                }
                format!(
                    "Merged “{gone_name}” into “{keep_name}”: {} {} moved; “{gone_name}” is \
                     now an alias",
                    count(n, "mention", "mentions"),
                    in_articles(docs)
                )
            }
            Correction::SplitAlias { entity, alias } => {
                let Some(id) = self.find(entity) else {
                    return format!("no entity “{}”", entity.name);
                };
                let key = name_key(alias);
                let Some(e) = self.dossier.entity(id).cloned() else {
                    return format!("no entity “{}”", entity.name);
                };
                if key.is_empty() || name_key(&e.name) == key {
                    return format!("“{alias}” is the name of “{}”, not an alias", e.name);
                }
                let mut places = Vec::new();
                for (d, (doc, a)) in self
                    .dossier
                    .documents
                    .iter()
                    .zip(&self.dossier.analyses)
                    .enumerate()
                {
                    if !a.mentions.iter().any(|m| m.entity == id) {
                        continue;
                    }
                    let Some(text) = self.dossier.text(doc.id) else {
                        continue;
                    };
                    for (k, m) in a.mentions.iter().enumerate() {
                        if m.entity == id && name_key(m.span.slice(&text)) == key {
                            places.push((d, k));
                        }
                    }
                }
                let had_alias = e.aliases.iter().any(|a| name_key(a) == key);
                if places.is_empty() && !had_alias {
                    return format!("“{alias}” is no alias of “{}”", e.name);
                }
                let (n, docs) = Self::reach(&places);
                let new = self.new_entity(alias, e.entity_type);
                if let Some(e) = self.entity_mut(id) {
                    e.aliases.retain(|a| name_key(a) != key);
                }
                self.change_mentions(&places, |m| m.entity = new);
                self.affected.insert(new);
                format!(
                    "“{}” split off “{}”: {} {} now belong to “{}” (new {})",
                    alias.trim(),
                    e.name,
                    count(n, "mention", "mentions"),
                    in_articles(docs),
                    alias.trim(),
                    noun(e.entity_type)
                )
            }
            Correction::Reject { name, entity_type } => {
                let key = name_key(name);
                if key.is_empty() {
                    return "an empty name".into();
                }
                let type_ok = |t: EntityType| entity_type.is_none_or(|want| want == t);
                let rejected: BTreeSet<EntityId> = self
                    .dossier
                    .entities()
                    .iter()
                    .filter(|e| type_ok(e.entity_type) && name_key(&e.name) == key)
                    .map(|e| e.id)
                    .collect();
                let mut places = Vec::new();
                // Whether a written form has the rejected name's key, once per form.
                let mut same: std::collections::HashMap<String, bool> = Default::default();
                for (d, (doc, a)) in self
                    .dossier
                    .documents
                    .iter()
                    .zip(&self.dossier.analyses)
                    .enumerate()
                {
                    let mut text = None;
                    for (k, m) in a.mentions.iter().enumerate() {
                        let hit = rejected.contains(&m.entity)
                            || (type_ok(m.entity_type) && {
                                let text = text.get_or_insert_with(|| self.dossier.text(doc.id));
                                text.as_deref().is_some_and(|t| {
                                    let surface = m.span.slice(t);
                                    match same.get(surface) {
                                        Some(&hit) => hit,
                                        None => {
                                            let hit = name_key(surface) == key;
                                            same.insert(surface.to_string(), hit);
                                            hit
                                        }
                                    }
                                })
                            });
                        if hit {
                            places.push((d, k));
                        }
                    }
                }
                let (n, docs) = Self::reach(&places);
                self.remove_mentions(&places);
                for id in &rejected {
                    self.remove_entity(*id);
                }
                let keep_alias: Vec<EntityId> = self
                    .dossier
                    .entities()
                    .iter()
                    .filter(|e| {
                        type_ok(e.entity_type) && e.aliases.iter().any(|a| name_key(a) == key)
                    })
                    .map(|e| e.id)
                    .collect();
                for id in keep_alias {
                    if let Some(e) = self.entity_mut(id) {
                        e.aliases.retain(|a| name_key(a) != key);
                    }
                }
                let what = match entity_type {
                    Some(t) => format!("is not {}", a_noun(*t)),
                    None => "is not an entity".into(),
                };
                format!(
                    "“{}” {what}: {} {} hidden (also in articles added later)",
                    name.trim(),
                    count(n, "mention", "mentions"),
                    in_articles(docs)
                )
            }
            Correction::AddMention {
                doc,
                span,
                text,
                target,
            } => {
                let Some(d) = self.dossier.doc_index(*doc) else {
                    return format!("no article {doc}");
                };
                let Some(found) = self.surface(*doc, *span) else {
                    return format!("the marked text is not in article {doc}");
                };
                if span.is_empty() || found != *text {
                    return format!("“{text}” is no longer at that place of article {doc}");
                }
                let replaced: Vec<String> = self
                    .dossier
                    .analyses
                    .get(d)
                    .map(|a| {
                        a.mentions
                            .iter()
                            .filter(|m| m.span.overlaps(*span))
                            .map(|m| self.name_of(m.entity))
                            .collect()
                    })
                    .unwrap_or_default();
                let (id, created) = self.target(target, &found);
                let surface = found.trim().to_string();
                self.add_alias(id, &surface);
                self.put_mention(d, *span, id, Variant::Name);
                let name = self.name_of(id);
                let ty = self
                    .dossier
                    .entity(id)
                    .map_or(EntityType::Oth, |e| e.entity_type);
                let replacing = if replaced.is_empty() {
                    String::new()
                } else {
                    format!(" (replacing the mention of “{}”)", replaced.join("”, “"))
                };
                if created {
                    format!(
                        "Marked “{surface}” in article {doc} as a new {} “{name}”{replacing}",
                        noun(ty)
                    )
                } else {
                    format!("Marked “{surface}” in article {doc} as “{name}”{replacing}")
                }
            }
            Correction::ReassignMention {
                doc,
                span,
                text,
                target,
            } => {
                let Some(d) = self.dossier.doc_index(*doc) else {
                    return format!("no article {doc}");
                };
                let Some(current) = self
                    .dossier
                    .analyses
                    .get(d)
                    .and_then(|a| a.mentions.iter().find(|m| m.span == *span).cloned())
                else {
                    return format!("no mention at that place of article {doc}");
                };
                let found = self.surface(*doc, *span).unwrap_or_default();
                if found != *text {
                    return format!("“{text}” is no longer at that place of article {doc}");
                }
                if let MentionTarget::Entity { entity } = target
                    && self.find(entity) == Some(current.entity)
                {
                    return format!(
                        "“{text}” in article {doc} is “{}” already",
                        self.name_of(current.entity)
                    );
                }
                let from = self.name_of(current.entity);
                let (id, created) = self.target(target, &found);
                if current.variant == Variant::Name {
                    self.add_alias(id, found.trim());
                }
                self.put_mention(d, *span, id, current.variant);
                let ty = self
                    .dossier
                    .entity(id)
                    .map_or(EntityType::Oth, |e| e.entity_type);
                format!(
                    "1 mention of “{}” in article {doc} moved from “{from}” to “{}”{}",
                    found.trim(),
                    self.name_of(id),
                    if created {
                        format!(" (new {})", noun(ty))
                    } else {
                        String::new()
                    }
                )
            }
            Correction::RemoveMention { doc, span } => {
                let Some(d) = self.dossier.doc_index(*doc) else {
                    return format!("no article {doc}");
                };
                let places: Vec<(usize, usize)> = self
                    .dossier
                    .analyses
                    .get(d)
                    .map(|a| {
                        a.mentions
                            .iter()
                            .enumerate()
                            .filter(|(_, m)| m.span.overlaps(*span))
                            .map(|(k, _)| (d, k))
                            .collect()
                    })
                    .unwrap_or_default();
                let what: Vec<String> = places
                    .iter()
                    .filter_map(|&(d, k)| {
                        let m = self.dossier.analyses.get(d)?.mentions.get(k)?;
                        let text = self.surface(*doc, m.span)?;
                        Some(format!("“{text}” ({})", self.name_of(m.entity)))
                    })
                    .collect();
                if places.is_empty() {
                    return format!("no mention at that place of article {doc}");
                }
                self.remove_mentions(&places);
                format!(
                    "Removed {} in article {doc}: {}",
                    count(places.len(), "mention", "mentions"),
                    what.join(", ")
                )
            }
            Correction::SetDct { doc, date } => {
                let Some(i) = self.dossier.doc_index(*doc) else {
                    return format!("no article {doc}");
                };
                let dct = date.map(|date| Dct {
                    date,
                    source: DctSource::User,
                });
                let current = self.dossier.documents.get(i).and_then(|d| d.dct);
                if current == dct {
                    return match date {
                        Some(d) => format!("article {doc} is dated {d} already"),
                        None => format!("article {doc} has no date already"),
                    };
                }
                let Some(text) = self.dossier.text(*doc).map(|t| t.to_string()) else {
                    return format!("the text of article {doc} cannot be read");
                };
                self.journal.doc(self.dossier, *doc);
                let (Some(document), Some(analysis)) = (
                    self.dossier.documents.get_mut(i),
                    self.dossier.analyses.get_mut(i),
                ) else {
                    return format!("no article {doc}");
                };
                let document = Arc::make_mut(document);
                let analysis = Arc::make_mut(analysis);
                document.dct = dct;
                let tokens = tokenize(&text, &document.language);
                let sentences = split_sentences(&text, &tokens, &document.language);
                analysis.timexes = find_timexes(
                    &text,
                    &tokens,
                    &sentences,
                    &document.language,
                    dct.map(|d| d.date),
                );
                let resolved = analysis
                    .timexes
                    .iter()
                    .filter(|t| !t.value.contains('X'))
                    .count();
                analysis.events = find_events(
                    &text,
                    &analysis.sentences,
                    &analysis.timexes,
                    &analysis.mentions,
                );
                let events = analysis.events.len();
                self.timeline_changed();
                match date {
                    Some(d) => format!(
                        "Article {doc} dated {d}: {} resolved, {} on the timeline",
                        count(resolved, "time expression", "time expressions"),
                        count(events, "event", "events")
                    ),
                    None => format!("Cleared the date of article {doc}"),
                }
            }
            Correction::RemoveDocument { doc } => {
                let Some(i) = self.dossier.doc_index(*doc) else {
                    return format!("no article {doc} in the dossier");
                };
                let title = self
                    .dossier
                    .documents
                    .get(i)
                    .map(|d| d.title.clone())
                    .unwrap_or_default();
                let here: BTreeSet<EntityId> = self
                    .dossier
                    .analyses
                    .get(i)
                    .map(|a| a.mentions.iter().map(|m| m.entity).collect())
                    .unwrap_or_default();
                let n = self.dossier.analyses.get(i).map_or(0, |a| a.mentions.len());
                self.journal.doc(self.dossier, *doc);
                self.journal.stash(self.dossier, *doc);
                let Some((document, analysis)) = self.dossier.take_document(*doc) else {
                    return format!("no article {doc} in the dossier");
                };
                // The entities named only here leave with the article and come back with it.
                let only_here: Vec<EntityId> = here
                    .iter()
                    .filter(|id| {
                        !self
                            .dossier
                            .analyses
                            .iter()
                            .any(|a| a.mentions.iter().any(|m| m.entity == **id))
                    })
                    .copied()
                    .collect();
                let mut entities = Vec::new();
                for id in &only_here {
                    if let Some(e) = self.dossier.entity(*id).cloned() {
                        entities.push(e);
                    }
                    self.remove_entity(*id);
                }
                self.dossier.removed.insert(
                    *doc,
                    Arc::new(RemovedDocument {
                        document,
                        analysis,
                        entities,
                    }),
                );
                self.mentions += n;
                self.timeline_changed();
                format!(
                    "Removed article {doc} “{title}” ({}; {} appeared only there)",
                    count(n, "mention", "mentions"),
                    count(only_here.len(), "entity", "entities")
                )
            }
            Correction::RestoreDocument { doc } => {
                if self.dossier.doc_index(*doc).is_some() {
                    return format!("article {doc} is in the dossier");
                }
                let Some(removed) = self.dossier.removed.get(doc).cloned() else {
                    return format!("no removed article {doc}");
                };
                self.journal.doc(self.dossier, *doc);
                self.journal.stash(self.dossier, *doc);
                self.dossier.removed.remove(doc);
                for e in &removed.entities {
                    if self.dossier.entity(e.id).is_none() {
                        self.journal.entity(self.dossier, e.id);
                        self.dossier.registry.insert(e.clone());
                    }
                }
                // A mention whose entity is gone meanwhile (merged away, rejected) is dropped.
                let mut analysis = Arc::clone(&removed.analysis);
                let gone = analysis
                    .mentions
                    .iter()
                    .any(|m| self.dossier.entity(m.entity).is_none());
                if gone {
                    let a = Arc::make_mut(&mut analysis);
                    a.mentions
                        .retain(|m| self.dossier.entity(m.entity).is_some());
                    self.changed_mentions.insert(*doc);
                }
                let n = analysis.mentions.len();
                let title = removed.document.title.clone();
                self.dossier
                    .put_document(Arc::clone(&removed.document), analysis);
                self.mentions += n;
                self.timeline_changed();
                format!(
                    "Restored article {doc} “{title}” ({})",
                    count(n, "mention", "mentions")
                )
            }
        }
    }

    /// The entity a mention goes to, and whether it was created for it.
    fn target(&mut self, target: &MentionTarget, surface: &str) -> (EntityId, bool) {
        match target {
            MentionTarget::Entity { entity } => match self.find(entity) {
                Some(id) => (id, false),
                None => (self.new_entity(&entity.name, entity.entity_type), true),
            },
            MentionTarget::New { name, entity_type } => {
                let name = if name.trim().is_empty() {
                    surface
                } else {
                    name
                };
                (self.new_entity(name, *entity_type), true)
            }
        }
    }

    fn timeline_changed(&mut self) {
        if self.journal.events.is_none() {
            self.journal.events = Some(Arc::clone(&self.dossier.events));
        }
    }

    /// Drops the entities left without a mention, finds the events of the articles whose
    /// mentions changed again and rebuilds the timeline when an article's events changed.
    fn finish(&mut self) {
        if !self.affected.is_empty() {
            let mut used: BTreeSet<EntityId> = BTreeSet::new();
            for a in &self.dossier.analyses {
                for m in &a.mentions {
                    if self.affected.contains(&m.entity) {
                        used.insert(m.entity);
                    }
                }
            }
            let unused: Vec<EntityId> = self
                .affected
                .iter()
                .filter(|id| !used.contains(id))
                .copied()
                .collect();
            for id in unused {
                self.remove_entity(id);
            }
        }
        for doc in std::mem::take(&mut self.changed_mentions) {
            let Some(i) = self.dossier.doc_index(doc) else {
                continue;
            };
            let Some(text) = self.dossier.text(doc).map(|t| t.to_string()) else {
                continue;
            };
            let before = self
                .journal
                .docs
                .get(&doc)
                .and_then(|b| b.as_ref())
                .map(|(_, a)| Arc::clone(a));
            let Some(analysis) = self.dossier.analyses.get_mut(i) else {
                continue;
            };
            // Mentions changed only outside the sentences that date events: the events stay,
            // their participants' indices follow the mentions.
            if let Some(before) = before
                && let Some(events) = remapped_events(&text, &before, analysis)
            {
                if events != analysis.events {
                    Arc::make_mut(analysis).events = events;
                }
                continue;
            }
            let events = find_events(
                &text,
                &analysis.sentences,
                &analysis.timexes,
                &analysis.mentions,
            );
            Arc::make_mut(analysis).events = events;
            self.timeline_changed();
        }
        if self.journal.events.is_some() {
            self.dossier.rebuild_timeline();
        }
    }
}

/// The events of `now` when its mentions differ from `before`'s only outside the sentences that
/// date events (and its time expressions are the same): `before`'s events with the indices of
/// their participants moved to where those mentions stand now. `None` when the events must be
/// found again.
fn remapped_events(
    text: &str,
    before: &DocAnalysis,
    now: &DocAnalysis,
) -> Option<Vec<crate::time::DocEvent>> {
    if before.timexes != now.timexes || before.sentences != now.sentences {
        return None;
    }
    let regions = event_sentences(text, &now.sentences, &now.timexes);
    let inside = |m: &Mention| regions.iter().any(|r| r.overlaps(m.span));
    // Every mention that is not in both, unchanged, must lie outside the regions.
    let has = |list: &[Mention], m: &Mention| {
        let at = list.partition_point(|x| x.span.start < m.span.start);
        list.get(at) == Some(m)
    };
    let changed = before
        .mentions
        .iter()
        .filter(|m| !has(&now.mentions, m))
        .chain(now.mentions.iter().filter(|m| !has(&before.mentions, m)));
    for m in changed {
        if inside(m) {
            return None;
        }
    }
    let mut events = before.events.clone();
    for e in events.iter_mut() {
        for idx in e.mentions.iter_mut() {
            let m = before.mentions.get(*idx)?;
            let at = now
                .mentions
                .partition_point(|x| x.span.start < m.span.start);
            match now.mentions.get(at) {
                Some(x) if x == m => *idx = at,
                _ => return None,
            }
        }
    }
    Some(events)
}

/// Aliases sorted, without duplicates and without the name itself.
pub(super) fn tidy_aliases(e: &mut Entity) {
    let name = e.name.clone();
    e.aliases.retain(|a| !a.trim().is_empty() && *a != name);
    e.aliases.sort();
    e.aliases.dedup();
}
