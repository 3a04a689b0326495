//! Named-entity recognition: a trained sequence tagger, lexicons, rules and document-level
//! resolution.

pub mod error;

pub use error::NerError;
