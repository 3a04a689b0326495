//! Events: clauses that state something happening at a resolved time, and the timeline.

use crate::model::{DateRange, DocId, Event, Mention, Precision, Span, Timex};
use crate::text::Sentence;

/// An event found in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocEvent {
    /// TIMEX3 value of its date.
    pub value: String,
    /// Precision of the date.
    pub precision: Precision,
    /// Days it may have happened on.
    pub range: DateRange,
    /// The clause.
    pub span: Span,
    /// The time expression that dates it.
    pub timex: Span,
    /// Short label (main verb and its objects).
    pub label: String,
    /// Indices into the document's mentions of the entities taking part.
    pub mentions: Vec<usize>,
}

/// Finds events.
pub fn find_events(text: &str, sentences: &[Sentence], timexes: &[Timex], mentions: &[Mention]) -> Vec<DocEvent> {
    let _ = (text, sentences, timexes, mentions);
    Vec::new()
}

/// Merges events.
pub fn merge_events(per_doc: &[(DocId, Vec<DocEvent>, &[Mention])]) -> Vec<Event> {
    let _ = per_doc;
    Vec::new()
}
