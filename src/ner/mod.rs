//! Named-entity recognition: a trained sequence tagger, lexicons, rules and document-level
//! resolution.

pub mod corpus;
pub mod error;
pub mod eval;
pub mod features;
pub mod perceptron;
pub mod tagger;
pub mod train;

pub use error::NerError;
pub use tagger::{Tag, Tagger};
