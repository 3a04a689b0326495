//! Dossier core: reading article files, language analysis (tokens, sentences, entities, time
//! expressions, events) and the dossier-wide entity registry. The desktop viewer lives behind the
//! `gui` feature and only reads what this core produces.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod model;
pub mod shared;
