//! The JSON written by `dossier extract`.
//!
//! All offsets in this output are **character offsets** (Unicode scalar values) into the
//! document's `text`, converted from the library's byte offsets with [`CharIndex`].

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::{DocAnalysis, Dossier};
use crate::model::{Document, Entity, Event, Span};
use crate::offsets::CharIndex;

/// The single object printed by `dossier extract --format json`.
#[derive(Debug, Serialize)]
pub struct ExtractOutput<'a> {
    /// One entry per document, in the order the files were given.
    pub documents: Vec<DocumentOut<'a>>,
    /// The dossier-wide entities that the mentions refer to.
    pub entities: Vec<EntityOut<'a>>,
    /// The dossier-wide timeline: events merged across documents.
    pub events: Vec<TimelineEventOut<'a>>,
}

/// One document in the output.
#[derive(Debug, Serialize)]
pub struct DocumentOut<'a> {
    /// The file it came from.
    pub path: Option<String>,
    /// The title.
    pub title: &'a str,
    /// Headings inside the body, in order.
    pub headings: Vec<&'a str>,
    /// Where each heading's section begins in `text`.
    pub sections: Vec<SectionOut<'a>>,
    /// Key/value metadata.
    pub metadata: &'a BTreeMap<String, String>,
    /// `de`, `en`, another ISO 639-3 code, or `und`.
    pub language: String,
    /// The document date and where it came from.
    pub dct: Option<DctOut>,
    /// The body text.
    pub text: &'a str,
    /// Paragraphs of `text`.
    pub paragraphs: Vec<SpanOut>,
    /// Sentences of `text`.
    pub sentences: Vec<SpanOut>,
    /// Entity mentions.
    pub mentions: Vec<MentionOut<'a>>,
    /// Time expressions.
    pub timexes: Vec<TimexOut<'a>>,
    /// The events this document reports.
    pub events: Vec<DocEventOut<'a>>,
}

/// A character range.
#[derive(Debug, Serialize)]
pub struct SpanOut {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// A heading and where its section starts.
#[derive(Debug, Serialize)]
pub struct SectionOut<'a> {
    /// The heading.
    pub heading: &'a str,
    /// Character offset in `text` where the section begins.
    pub start: usize,
}

/// The document date.
#[derive(Debug, Serialize)]
pub struct DctOut {
    /// `YYYY-MM-DD`.
    pub value: String,
    /// `user`, `text`, `metadata` or `file-mtime`.
    pub source: crate::model::DctSource,
}

/// An entity mention.
#[derive(Debug, Serialize)]
pub struct MentionOut<'a> {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The mention's text.
    pub text: &'a str,
    /// Id of the entity in `entities`.
    pub entity: u32,
    /// `PER`, `ORG`, `LOC` or `OTH`.
    #[serde(rename = "type")]
    pub entity_type: crate::model::EntityType,
    /// `name`, `deriv` (derived adjective) or `part` (part of a compound).
    pub variant: crate::model::Variant,
    /// `model`, `lexicon`, `rule` or `user`.
    pub source: crate::model::Source,
    /// From 0 to 1.
    pub confidence: f32,
}

/// A time expression.
#[derive(Debug, Serialize)]
pub struct TimexOut<'a> {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The expression's text.
    pub text: &'a str,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub timex_type: crate::model::TimexType,
    /// TIMEX3 value.
    pub value: &'a str,
    /// Precision of the value, if it is a point or period.
    pub precision: Option<crate::model::Precision>,
    /// Earliest and latest day it may mean.
    pub range: Option<crate::model::DateRange>,
    /// True when relative and not anchored (no document date).
    pub unresolved: bool,
    /// Both ends of a range expression ("10. - 22. August 2012").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends: Option<&'a crate::model::TimexEnds>,
    /// The distance from the document date of a date named by it ("vor 2 Wochen": `-P2W`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<&'a str>,
    /// A choice made by convention (day/month order, direction of a weekday).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<crate::model::Uncertainty>,
}

/// An event as reported by one document.
#[derive(Debug, Serialize)]
pub struct DocEventOut<'a> {
    /// Id on the dossier's timeline (see top-level `events`).
    pub id: u32,
    /// TIMEX3 value of its date.
    pub value: &'a str,
    /// Precision of that date.
    pub precision: crate::model::Precision,
    /// Earliest and latest day.
    pub range: crate::model::DateRange,
    /// First character of the clause in this document.
    pub start: usize,
    /// One past the last character of the clause.
    pub end: usize,
    /// Short label.
    pub label: &'a str,
    /// Ids of the entities taking part.
    pub entities: &'a [crate::model::EntityId],
    /// Every report of the event in the dossier.
    pub sources: Vec<EventSourceOut>,
}

/// An event on the dossier-wide timeline.
#[derive(Debug, Serialize)]
pub struct TimelineEventOut<'a> {
    /// Id.
    pub id: u32,
    /// TIMEX3 value of its date.
    pub value: &'a str,
    /// Precision.
    pub precision: crate::model::Precision,
    /// Earliest and latest day.
    pub range: crate::model::DateRange,
    /// Short label.
    pub label: &'a str,
    /// Ids of the entities taking part.
    pub entities: &'a [crate::model::EntityId],
    /// Every report of the event.
    pub sources: Vec<EventSourceOut>,
}

/// One report of an event.
#[derive(Debug, Serialize)]
pub struct EventSourceOut {
    /// Index of the document in `documents`.
    pub document: usize,
    /// First character of the clause.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
}

/// An entity.
#[derive(Debug, Serialize)]
pub struct EntityOut<'a> {
    /// Id, referred to by mentions and events.
    pub id: u32,
    /// Canonical name.
    pub name: &'a str,
    /// `PER`, `ORG`, `LOC` or `OTH`.
    #[serde(rename = "type")]
    pub entity_type: crate::model::EntityType,
    /// Other surface forms.
    pub aliases: &'a [String],
}

fn span_out(index: &CharIndex, span: Span) -> SpanOut {
    SpanOut {
        start: index.char_offset(span.start),
        end: index.char_offset(span.end),
    }
}

/// Builds the output structure for a dossier.
pub fn build(dossier: &Dossier) -> ExtractOutput<'_> {
    let indexes: Vec<CharIndex> = dossier
        .documents
        .iter()
        .map(|d| CharIndex::new(&d.text))
        .collect();
    let sources = |event: &Event| -> Vec<EventSourceOut> {
        event
            .sources
            .iter()
            .filter_map(|s| {
                let i = dossier.doc_index(s.doc)?;
                let span = span_out(indexes.get(i)?, s.span);
                Some(EventSourceOut {
                    document: i,
                    start: span.start,
                    end: span.end,
                })
            })
            .collect()
    };
    let documents = dossier
        .documents
        .iter()
        .zip(&dossier.analyses)
        .zip(&indexes)
        .map(|((doc, analysis), index)| document_out(dossier, doc, analysis, index, &sources))
        .collect();
    ExtractOutput {
        documents,
        entities: dossier.entities().iter().map(entity_out).collect(),
        events: dossier
            .events
            .iter()
            .map(|e| TimelineEventOut {
                id: e.id.0,
                value: &e.value,
                precision: e.precision,
                range: e.range,
                label: &e.label,
                entities: &e.entities,
                sources: sources(e),
            })
            .collect(),
    }
}

fn entity_out(e: &Entity) -> EntityOut<'_> {
    EntityOut {
        id: e.id.0,
        name: &e.name,
        entity_type: e.entity_type,
        aliases: &e.aliases,
    }
}

fn document_out<'a>(
    dossier: &'a Dossier,
    doc: &'a Document,
    analysis: &'a DocAnalysis,
    index: &CharIndex,
    sources: &dyn Fn(&Event) -> Vec<EventSourceOut>,
) -> DocumentOut<'a> {
    let text = doc.text.as_str();
    let events = dossier
        .events
        .iter()
        .flat_map(|e| {
            e.sources
                .iter()
                .filter(|s| s.doc == doc.id)
                .map(move |s| (e, s))
        })
        .map(|(e, s)| {
            let span = span_out(index, s.span);
            DocEventOut {
                id: e.id.0,
                value: &e.value,
                precision: e.precision,
                range: e.range,
                start: span.start,
                end: span.end,
                label: &e.label,
                entities: &e.entities,
                sources: sources(e),
            }
        })
        .collect();
    DocumentOut {
        path: doc.path.as_ref().map(|p| p.display().to_string()),
        title: &doc.title,
        headings: doc.headings.iter().map(|h| h.text.as_str()).collect(),
        sections: doc
            .headings
            .iter()
            .map(|h| SectionOut {
                heading: &h.text,
                start: index.char_offset(h.offset),
            })
            .collect(),
        metadata: &doc.metadata,
        language: doc.language.code().to_string(),
        dct: doc.dct.map(|d| DctOut {
            value: d.date.format("%Y-%m-%d").to_string(),
            source: d.source,
        }),
        text,
        paragraphs: doc.paragraphs.iter().map(|&s| span_out(index, s)).collect(),
        sentences: analysis
            .sentences
            .iter()
            .map(|&s| span_out(index, s))
            .collect(),
        mentions: analysis
            .mentions
            .iter()
            .map(|m| {
                let span = span_out(index, m.span);
                MentionOut {
                    start: span.start,
                    end: span.end,
                    text: m.span.slice(text),
                    entity: m.entity.0,
                    entity_type: m.entity_type,
                    variant: m.variant,
                    source: m.source,
                    confidence: m.confidence,
                }
            })
            .collect(),
        timexes: analysis
            .timexes
            .iter()
            .map(|t| {
                let span = span_out(index, t.span);
                TimexOut {
                    start: span.start,
                    end: span.end,
                    text: t.span.slice(text),
                    timex_type: t.timex_type,
                    value: &t.value,
                    precision: t.precision,
                    range: t.range,
                    unresolved: t.unresolved,
                    ends: t.ends.as_ref(),
                    offset: t.offset.as_deref(),
                    uncertain: t.uncertain,
                }
            })
            .collect(),
        events,
    }
}

/// `dossier extract --format json`: one pretty-printed object.
pub fn extract_json(dossier: &Dossier) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&build(dossier))
}

/// `dossier extract --format jsonl`: one document object per line, each with the entities it
/// mentions under `entities`.
pub fn extract_jsonl(dossier: &Dossier) -> Result<String, serde_json::Error> {
    #[derive(Serialize)]
    struct Line<'a> {
        #[serde(flatten)]
        document: &'a DocumentOut<'a>,
        entities: Vec<EntityOut<'a>>,
    }
    let out = build(dossier);
    let mut text = String::new();
    for (doc, analysis) in out.documents.iter().zip(&dossier.analyses) {
        let mut ids: Vec<u32> = analysis.mentions.iter().map(|m| m.entity.0).collect();
        ids.sort_unstable();
        ids.dedup();
        let entities = ids
            .into_iter()
            .filter_map(|id| dossier.entity(crate::model::EntityId(id)))
            .map(entity_out)
            .collect();
        text.push_str(&serde_json::to_string(&Line {
            document: doc,
            entities,
        })?);
        text.push('\n');
    }
    Ok(text)
}
