//! The analysis pipeline and the in-memory dossier: documents, their analyses, the entity
//! registry and the timeline. The viewer reads a [`Dossier`]; it never analyses.
//!
//! Analysis is split in two so that the expensive part can run on a background thread:
//! [`Analyzer::analyze`] is pure and per document (tokens, sentences, entity and time
//! recognition); [`Dossier::insert`] is cheap and links the result into the dossier (entity
//! registry, events), followed by [`Dossier::rebuild_timeline`] once a batch is in.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use crate::model::{Dct, DocId, Document, Entity, EntityId, Event, EventId, Mention, Span, Timex};
use crate::ner::{Lexicon, NerError, RawMention, Tagger, recognize};
use crate::registry::Registry;
use crate::text::{Sentence, split_sentences, tokenize};
use crate::time::{DocEvent, find_events, find_timexes, merge_events};

/// The analysis could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// The shipped model or lexicons could not be loaded.
    #[error("cannot load the entity recogniser: {0}")]
    Ner(#[from] NerError),
}

/// Runs the per-document analysis. Cheap to clone and `Send + Sync`: the model and lexicons are
/// loaded once per process and shared.
#[derive(Debug, Clone, Copy)]
pub struct Analyzer {
    _loaded: (),
}

/// What [`Analyzer::analyze`] found in one document, before it is linked into a dossier.
#[derive(Debug, Clone, Default)]
pub struct Analyzed {
    /// Sentences with their token ranges.
    pub sentences: Vec<Sentence>,
    /// Entity mentions with the names they resolve to within the document.
    pub mentions: Vec<RawMention>,
    /// Time expressions, resolved against the document date.
    pub timexes: Vec<Timex>,
}

impl Analyzer {
    /// Loads the shipped model and lexicons (once per process) so that later errors cannot
    /// happen half-way through a batch.
    pub fn new() -> Result<Self, AnalysisError> {
        Lexicon::embedded()?;
        Tagger::embedded()?;
        Ok(Self { _loaded: () })
    }

    /// Analyses one document. Pure: no state is changed.
    pub fn analyze(&self, doc: &Document) -> Analyzed {
        let tokens = tokenize(&doc.text, &doc.language);
        let sentences = split_sentences(&doc.text, &tokens, &doc.language);
        // `new` has loaded the resources, so recognition cannot fail on them here; should it
        // fail anyway, the document is shown without entities rather than not at all.
        let mentions = recognize(&doc.text, &tokens, &sentences, &doc.language).unwrap_or_default();
        let timexes = find_timexes(
            &doc.text,
            &tokens,
            &sentences,
            &doc.language,
            doc.dct.map(|d| d.date),
        );
        Analyzed {
            sentences,
            mentions,
            timexes,
        }
    }
}

/// What the analysis found in one document, linked into its dossier.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocAnalysis {
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// Entity mentions, sorted by start, not overlapping.
    pub mentions: Vec<Mention>,
    /// Time expressions, sorted by start.
    pub timexes: Vec<Timex>,
    /// Events this document states, before merging across documents.
    pub events: Vec<DocEvent>,
}

/// Where the texts of a dossier's documents come from when the dossier does not hold them
/// (a dossier read from a file keeps its texts there and loads them on demand).
pub trait TextSource: Send + Sync + fmt::Debug {
    /// The text of `doc`, or `None` when it cannot be had (removed, unreadable file).
    fn load(&self, doc: DocId) -> Option<Arc<str>>;

    /// How much the source holds and has read, when it keeps count.
    fn stats(&self) -> Option<TextStats> {
        None
    }

    /// Why the last text could not be loaded, if it could not.
    fn last_error(&self) -> Option<String> {
        None
    }
}

/// How much a [`TextSource`] holds in memory and has read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextStats {
    /// Texts held in memory now.
    pub resident: usize,
    /// Bytes of text held in memory now.
    pub resident_bytes: usize,
    /// Texts read so far.
    pub loads: u64,
}

/// The text of one document: borrowed from the dossier, or shared from a [`TextSource`].
#[derive(Debug, Clone)]
pub enum DocText<'a> {
    /// Held by the dossier itself.
    Borrowed(&'a str),
    /// Loaded from the dossier's text source.
    Shared(Arc<str>),
}

impl Deref for DocText<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            DocText::Borrowed(s) => s,
            DocText::Shared(s) => s,
        }
    }
}

impl DocAnalysis {
    /// Finds the document's events again from its sentences, time expressions and mentions
    /// (after mentions were added, removed or relinked). `text` is the document's text.
    pub fn refind_events(&mut self, text: &str) {
        self.events = find_events(text, &self.sentences, &self.timexes, &self.mentions);
    }
}

/// An article taken out of a dossier, as it was, with the entities that were named only there.
#[derive(Debug, Clone)]
pub struct RemovedDocument {
    /// The article.
    pub document: Arc<Document>,
    /// Its analysis.
    pub analysis: Arc<DocAnalysis>,
    /// The entities that left the dossier with it.
    pub entities: Vec<Entity>,
}

/// A set of analysed documents with their dossier-wide entities and timeline.
///
/// The texts are either held in the documents (`Document::text`) or, for a dossier read from a
/// file, left empty there and loaded on demand through a [`TextSource`]: always read them with
/// [`Dossier::text`].
#[derive(Debug, Clone, Default)]
pub struct Dossier {
    /// The documents, in the order they were added (which is the order of their ids). Shared:
    /// a copy of the dossier shares every document it does not change
    /// ([`std::sync::Arc::make_mut`] to change one).
    pub documents: Vec<Arc<Document>>,
    /// The analysis of each document, parallel to `documents`; shared like them.
    pub analyses: Vec<Arc<DocAnalysis>>,
    /// Dossier-wide entities.
    pub registry: Registry,
    /// The timeline, sorted by date; shared between copies of the dossier.
    pub events: Arc<Vec<Event>>,
    /// Articles taken out by the user ([`crate::correct::Correction::RemoveDocument`]), kept as
    /// they were for a restore.
    pub removed: std::collections::BTreeMap<DocId, Arc<RemovedDocument>>,
    next_doc: u32,
    texts: Option<Arc<dyn TextSource>>,
    /// Set by [`Dossier::set_cross_article_surnames`]`(false)`.
    no_surname_links: bool,
}

impl Dossier {
    /// An empty dossier.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a dossier from parts computed elsewhere (a stored dossier, test fixtures).
    /// `entities[i]` must have id `EntityId(i)`; document ids are kept.
    pub fn from_parts(
        documents: Vec<Document>,
        analyses: Vec<DocAnalysis>,
        entities: Vec<Entity>,
        events: Vec<Event>,
    ) -> Self {
        let next_doc = documents.iter().map(|d| d.id.0 + 1).max().unwrap_or(0);
        Self {
            documents: documents.into_iter().map(Arc::new).collect(),
            analyses: analyses.into_iter().map(Arc::new).collect(),
            registry: Registry::from_entities(entities),
            events: Arc::new(events),
            removed: Default::default(),
            next_doc,
            no_surname_links: false,
            texts: None,
        }
    }

    /// Loads the texts of documents whose `text` is empty from `source` (see
    /// [`Dossier::text`]).
    pub fn with_texts(mut self, source: Arc<dyn TextSource>) -> Self {
        self.texts = Some(source);
        self
    }

    /// The statistics of the text source, when the texts are loaded on demand.
    pub fn text_stats(&self) -> Option<TextStats> {
        self.texts.as_ref().and_then(|t| t.stats())
    }

    /// Why the text source could not load the last text asked for, if it could not.
    pub fn text_error(&self) -> Option<String> {
        self.texts.as_ref().and_then(|t| t.last_error())
    }

    /// The text of document `id`: its own when it holds one (or the dossier has no text
    /// source), else loaded from the text source. `None` when there is no such document or
    /// its text cannot be loaded.
    pub fn text(&self, id: DocId) -> Option<DocText<'_>> {
        let doc = self.documents.get(self.doc_index(id)?)?;
        match &self.texts {
            Some(source) if doc.text.is_empty() => source.load(id).map(DocText::Shared),
            _ => Some(DocText::Borrowed(&doc.text)),
        }
    }

    /// Whether [`Dossier::insert`] links words that are the surname of a person named in full
    /// in another article ("Selenskyj" after "Wolodymyr Selenskyj") although the article's own
    /// analysis did not find them or gave them another type. On by default; tests of other
    /// rules may turn it off.
    pub fn set_cross_article_surnames(&mut self, on: bool) {
        self.no_surname_links = !on;
    }

    /// Adds an analysed document: assigns it an id, links its mentions to dossier-wide entities
    /// and finds its events. Call [`Dossier::rebuild_timeline`] after a batch.
    pub fn insert(&mut self, mut doc: Document, analyzed: Analyzed) -> DocId {
        doc.id = DocId(self.next_doc);
        self.insert_with_id(doc, analyzed)
    }

    /// [`Dossier::insert`] keeping the document's own id (a stored document; ids must grow).
    pub fn insert_with_id(&mut self, doc: Document, analyzed: Analyzed) -> DocId {
        let id = doc.id;
        self.next_doc = self.next_doc.max(id.0 + 1);
        self.registry.prepare_links();
        let mut mentions: Vec<Mention> = Vec::with_capacity(analyzed.mentions.len());
        for raw in &analyzed.mentions {
            let surface = raw.span.slice(&doc.text);
            // A person named in full in another article, mistyped here ("Netanyahu" as LOC).
            let retyped = if self.no_surname_links {
                None
            } else {
                self.registry.known_person(raw, surface)
            };
            let raw = retyped.as_ref().unwrap_or(raw);
            mentions.push(Mention {
                span: raw.span,
                entity: self.registry.resolve(raw, surface),
                entity_type: raw.entity_type,
                variant: raw.variant,
                source: raw.source,
                confidence: raw.confidence,
            });
        }
        // Surnames of persons named in full in other articles ("Selenskyj").
        let sentence_starts: Vec<usize> = analyzed.sentences.iter().map(|s| s.span.start).collect();
        let known = if self.no_surname_links {
            Vec::new()
        } else {
            self.registry
                .link_known_surnames(&doc.text, &doc.language, &sentence_starts, &mentions)
        };
        if !known.is_empty() {
            mentions.extend(known);
            mentions.sort_by_key(|m| (m.span.start, m.span.end));
        }
        let sentences: Vec<Span> = analyzed.sentences.iter().map(|s| s.span).collect();
        let events = find_events(&doc.text, &sentences, &analyzed.timexes, &mentions);
        self.documents.push(Arc::new(doc));
        self.analyses.push(Arc::new(DocAnalysis {
            sentences,
            mentions,
            timexes: analyzed.timexes,
            events,
        }));
        id
    }

    /// Removes an article with its analysis and its part of the timeline (events reported only
    /// by it disappear). Entities stay in the registry. Returns false when it was not there.
    pub fn remove(&mut self, doc: DocId) -> bool {
        let Some(i) = self.doc_index(doc) else {
            return false;
        };
        self.documents.remove(i);
        if i < self.analyses.len() {
            self.analyses.remove(i);
        }
        let events = Arc::make_mut(&mut self.events);
        for event in events.iter_mut() {
            event.sources.retain(|s| s.doc != doc);
        }
        events.retain(|e| !e.sources.is_empty());
        true
    }

    /// Takes the article `id` and its analysis out (the timeline is left as it is). `None` when
    /// it is not there.
    pub fn take_document(&mut self, id: DocId) -> Option<(Arc<Document>, Arc<DocAnalysis>)> {
        let i = self.doc_index(id)?;
        let doc = self.documents.remove(i);
        let analysis = if i < self.analyses.len() {
            self.analyses.remove(i)
        } else {
            Arc::default()
        };
        Some((doc, analysis))
    }

    /// Puts an article and its analysis in, in id order, replacing the article with its id if
    /// there is one (the timeline is left as it is).
    pub fn put_document(&mut self, doc: Arc<Document>, analysis: Arc<DocAnalysis>) {
        let id = doc.id;
        self.next_doc = self.next_doc.max(id.0 + 1);
        if let Some(i) = self.doc_index(id) {
            self.documents[i] = doc;
            if let Some(slot) = self.analyses.get_mut(i) {
                *slot = analysis;
            }
            return;
        }
        let at = self.documents.partition_point(|d| d.id < id);
        self.documents.insert(at, doc);
        self.analyses.insert(at.min(self.analyses.len()), analysis);
    }

    /// Sets (or clears) a document's date and re-resolves its time expressions and events.
    pub fn set_dct(&mut self, id: DocId, dct: Option<Dct>) {
        let Some(i) = self.doc_index(id) else { return };
        let Some(text) = self.text(id).map(|t| t.to_string()) else {
            return;
        };
        let (Some(doc), Some(analysis)) = (self.documents.get_mut(i), self.analyses.get_mut(i))
        else {
            return;
        };
        let (doc, analysis) = (Arc::make_mut(doc), Arc::make_mut(analysis));
        doc.dct = dct;
        let tokens = tokenize(&text, &doc.language);
        let sentences = split_sentences(&text, &tokens, &doc.language);
        analysis.timexes = find_timexes(
            &text,
            &tokens,
            &sentences,
            &doc.language,
            dct.map(|d| d.date),
        );
        analysis.events = find_events(
            &text,
            &analysis.sentences,
            &analysis.timexes,
            &analysis.mentions,
        );
        self.rebuild_timeline();
    }

    /// Merges the documents' events into the dossier's timeline.
    pub fn rebuild_timeline(&mut self) {
        let per_doc: Vec<(DocId, &[DocEvent], &[Mention])> = self
            .documents
            .iter()
            .zip(&self.analyses)
            .map(|(d, a)| (d.id, a.events.as_slice(), a.mentions.as_slice()))
            .collect();
        self.events = Arc::new(merge_events(&per_doc));
    }

    /// Index of the document with `id` in `documents`.
    pub fn doc_index(&self, id: DocId) -> Option<usize> {
        // Documents are in id order; a dossier put together otherwise is searched in full.
        match self.documents.binary_search_by_key(&id, |d| d.id) {
            Ok(i) => Some(i),
            Err(_) => self.documents.iter().position(|d| d.id == id),
        }
    }

    /// The document with `id` and its analysis.
    pub fn document(&self, id: DocId) -> Option<(&Document, &DocAnalysis)> {
        let i = self.doc_index(id)?;
        Some((
            self.documents.get(i)?.as_ref(),
            self.analyses.get(i)?.as_ref(),
        ))
    }

    /// All entities of the dossier, sorted by id.
    pub fn entities(&self) -> &[Entity] {
        self.registry.entities()
    }

    /// The entity with `id`.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.registry.get(id)
    }

    /// The timeline event with `id` (events are numbered by position, so this is one look-up).
    pub fn event(&self, id: EventId) -> Option<&Event> {
        self.events
            .get(id.0 as usize)
            .filter(|e| e.id == id)
            .or_else(|| self.events.iter().find(|e| e.id == id))
    }
}
