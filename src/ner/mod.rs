//! Named-entity recognition: a trained sequence tagger, lexicons, rules and document-level
//! resolution.

pub mod english;
pub mod error;
pub mod features;
pub mod lexicon;
pub mod recognize;
pub mod recognize_en;
pub mod resolve;
mod rules;
pub mod tagger;
mod tokens;

pub use error::NerError;
pub use lexicon::{LexFlags, Lexicon, Place, PlaceKind};
pub use recognize::recognize;
pub use tagger::{Tag, Tagger};
pub use tokens::RawMention;
pub(crate) use tokens::SentenceTagger;

/// Loads the embedded lexicons and tagger model, the model on a second thread while the
/// lexicons decode (their own two tables already use two threads), so that the first document
/// waits for the slower of the two rather than their sum. Later calls return at once.
///
/// The tagger is optional to the recogniser, so its failure is returned separately.
pub fn preload() -> Result<(&'static Lexicon, Result<&'static Tagger, NerError>), NerError> {
    static STARTED: std::sync::Once = std::sync::Once::new();
    let mut first = false;
    STARTED.call_once(|| first = true);
    if !first {
        return Ok((Lexicon::embedded()?, Tagger::embedded()));
    }
    std::thread::scope(|scope| {
        let model = scope.spawn(Tagger::embedded);
        let lexicon = Lexicon::embedded();
        let model = model.join().unwrap_or_else(|_| {
            Err(NerError::CorruptAsset {
                name: "ner model",
                reason: "loader panicked".into(),
            })
        });
        Ok((lexicon?, model))
    })
}
