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
//! `apply(analysed, log.active())`.
//!
//! [`apply_one`] applies one correction to a dossier in place, touching only the articles and
//! entities it concerns, and returns a [`Journal`] of what it changed (which undoes it) and a
//! [`Report`] that says so in words; [`apply`] folds it over a list. The store keeps the
//! journals, so that a correction and its undo cost what they touch, not the whole dossier.
//! This module is pure (no storage); `crate::store` persists the log.

mod apply;
mod log;
#[cfg(test)]
mod tests;

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analysis::Dossier;
use crate::model::{DocId, Entity, EntityId, EntityType, Span};
use crate::registry::name_key;

pub use apply::{FreshIds, IdSource, Journal, Outcome, Report, apply, apply_one};
pub use log::{CorrectionLog, LogEntry, LogState};

/// Names an entity: its id in the dossier (stable in a dossier file) and, for when that id is
/// gone (a new analysis), its type and a name or alias (compared by [`name_key`], so
/// "Kim Jong-un" finds "Kim Jong Un").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntityRef {
    /// The entity's type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Its name (or one of its aliases).
    pub name: String,
    /// Its id, when known: found first, as long as the entity with that id still has this
    /// type or this name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<EntityId>,
}

impl EntityRef {
    /// A reference by type and name.
    pub fn new(entity_type: EntityType, name: impl Into<String>) -> Self {
        Self {
            entity_type,
            name: name.into(),
            id: None,
        }
    }

    /// The reference to an entity as it stands (its id, type and current name).
    pub fn of(entity: &Entity) -> Self {
        Self {
            entity_type: entity.entity_type,
            name: entity.name.clone(),
            id: Some(entity.id),
        }
    }

    /// The entity of `dossier` this refers to: the one with its id (when that entity still has
    /// this type or a name with the same key), else one of this type whose name has the same
    /// key, else one whose alias has it, else (the type having been changed) one of any type by
    /// name.
    pub fn find(&self, dossier: &Dossier) -> Option<EntityId> {
        let key = name_key(&self.name);
        if let Some(e) = self.id.and_then(|id| dossier.entity(id))
            && (e.entity_type == self.entity_type
                || name_key(&e.name) == key
                || e.aliases.iter().any(|a| name_key(a) == key))
        {
            return Some(e.id);
        }
        if key.is_empty() {
            return None;
        }
        let live = || dossier.entities().iter();
        let typed = |e: &&Entity| e.entity_type == self.entity_type;
        live()
            .filter(typed)
            .find(|e| name_key(&e.name) == key)
            .or_else(|| {
                live()
                    .filter(typed)
                    .find(|e| e.aliases.iter().any(|a| name_key(a) == key))
            })
            .or_else(|| live().find(|e| name_key(&e.name) == key))
            .map(|e| e.id)
    }
}

impl fmt::Display for EntityRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.entity_type)
    }
}

/// What a mention added or reassigned by the user refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "kebab-case")]
pub enum MentionTarget {
    /// An existing entity (created with this name and type if it no longer exists).
    Entity {
        /// The entity.
        entity: EntityRef,
    },
    /// A new entity of its own, even when another entity has the same name or alias.
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
    /// The one mention at exactly `span` refers to `target` from now on (another entity, or a
    /// new one); the entity's other mentions stay where they are.
    ReassignMention {
        /// The document.
        doc: DocId,
        /// Byte span of the mention.
        span: Span,
        /// The text of the span when the user chose it (a guard against a changed document).
        text: String,
        /// What it refers to now.
        target: MentionTarget,
    },
    /// Takes an article out of the dossier with its mentions and its events; entities named
    /// only there go with it. Its text, analysis and the corrections about it are kept, so that
    /// undoing it (or [`Correction::RestoreDocument`]) brings it back as it was.
    RemoveDocument {
        /// The document.
        doc: DocId,
    },
    /// Brings a removed article back.
    RestoreDocument {
        /// The document.
        doc: DocId,
    },
    /// Several corrections made as one step (one date for several articles, several articles
    /// removed at once): applied in order, undone together.
    Batch {
        /// The corrections.
        corrections: Vec<Correction>,
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
            Correction::ReassignMention {
                doc, text, target, ..
            } => match target {
                MentionTarget::Entity { entity } => {
                    write!(f, "“{text}” in {doc} is {entity}")
                }
                MentionTarget::New { name, entity_type } => {
                    write!(f, "“{text}” in {doc} is a new {entity_type} “{name}”")
                }
            },
            Correction::RemoveDocument { doc } => write!(f, "remove article {doc}"),
            Correction::RestoreDocument { doc } => write!(f, "restore article {doc}"),
            Correction::Batch { corrections } => match corrections.as_slice() {
                [one] => write!(f, "{one}"),
                [first, ..] => write!(f, "{first} and {} more", corrections.len() - 1),
                [] => f.write_str("nothing"),
            },
        }
    }
}
