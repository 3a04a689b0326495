//! Named-entity recognition: a trained sequence tagger, lexicons, rules and document-level
//! resolution.

pub mod corpus;
pub mod english;
pub mod error;
pub mod eval;
pub mod eval_en;
pub mod features;
pub mod lexicon;
pub mod perceptron;
pub mod recognize;
pub mod recognize_en;
pub mod resolve;
pub mod tagger;
pub mod train;

pub use error::NerError;
pub use lexicon::{LexFlags, Lexicon, Place, PlaceKind};
pub use recognize::{RawMention, recognize};
pub use tagger::{Tag, Tagger};
