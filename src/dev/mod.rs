//! Developer tooling: evaluation against annotated data, training of the entity tagger,
//! benchmarks and synthetic test articles. Nothing in the runtime modules (reading, analysis,
//! store, viewer) depends on this module; the command line reaches it through `dossier eval`,
//! `dossier train`, `dossier tag`, `dossier bench` and `dossier bench-store`.
//!
//! - [`shared`] finds the shared development data (`../shared`), [`corpus`] reads its corpora;
//! - [`ner_eval`], [`ner_eval_en`], [`time_eval`], [`identity_eval`] score the analysis,
//!   [`score`] holds the counting they share, [`timeml`] reads TimeML files;
//! - [`ner_train`] and [`perceptron`] train the tagger model shipped in `assets/ner/`;
//! - [`bench`] and [`store_bench`] measure speed, [`synth`] writes generated articles for them
//!   and for the store's tests.

pub mod bench;
pub mod corpus;
pub mod identity_eval;
pub mod ner_eval;
pub mod ner_eval_en;
pub mod ner_train;
pub mod perceptron;
pub mod score;
pub mod shared;
pub mod store_bench;
pub mod synth;
pub mod time_eval;
pub mod timeml;
