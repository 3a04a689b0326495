//! The analysis pipeline and the in-memory dossier: documents, their analyses, the entity
//! registry and the timeline. The viewer reads a [`Dossier`]; it never analyses.

use crate::model::{DocId, Document, Entity, EntityId, Event, Mention, Span, Timex};

/// What the analysis found in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocAnalysis {
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// Entity mentions, sorted by start, not overlapping.
    pub mentions: Vec<Mention>,
    /// Time expressions, sorted by start.
    pub timexes: Vec<Timex>,
}

/// A set of analysed documents with their dossier-wide entities and timeline.
#[derive(Debug, Clone, Default)]
pub struct Dossier {
    /// The documents; `documents[i].id == DocId(i)` is not guaranteed, use [`Dossier::doc_index`].
    pub documents: Vec<Document>,
    /// The analysis of each document, parallel to `documents`.
    pub analyses: Vec<DocAnalysis>,
    /// Dossier-wide entities; `entities[i].id == EntityId(i)`.
    pub entities: Vec<Entity>,
    /// The timeline, sorted by date.
    pub events: Vec<Event>,
}

impl Dossier {
    /// Builds a dossier from parts that were computed elsewhere (tests, a stored dossier).
    pub fn from_parts(
        documents: Vec<Document>,
        analyses: Vec<DocAnalysis>,
        entities: Vec<Entity>,
        events: Vec<Event>,
    ) -> Self {
        Self {
            documents,
            analyses,
            entities,
            events,
        }
    }

    /// Index of the document with `id` in `documents`.
    pub fn doc_index(&self, id: DocId) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }

    /// The document with `id` and its analysis.
    pub fn document(&self, id: DocId) -> Option<(&Document, &DocAnalysis)> {
        let i = self.doc_index(id)?;
        Some((self.documents.get(i)?, self.analyses.get(i)?))
    }

    /// The entity with `id`.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.0 as usize).filter(|e| e.id == id)
    }
}
