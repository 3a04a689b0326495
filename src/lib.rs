//! Dossier core: reading article files, language analysis (tokens, sentences, entities, time
//! expressions, events) and the dossier-wide entity registry. The desktop viewer lives behind the
//! `gui` feature and only reads what this core produces.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod correct;
pub mod dev;
pub mod document;
pub mod export;
#[cfg(feature = "gui")]
pub mod gui;
pub mod lang;
pub mod model;
pub mod ner;
pub mod offsets;
pub mod registry;
pub mod spread;
pub mod store;
pub mod text;
pub mod time;
