//! Named-entity recognition: a trained sequence tagger, lexicons, rules and document-level
//! resolution.

pub mod error;

pub use error::NerError;
pub mod lexicon;
pub mod recognize;
pub mod resolve;

pub use lexicon::{LexFlags, Lexicon, Place, PlaceKind};
