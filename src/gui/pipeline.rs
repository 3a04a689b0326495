//! The real [`Loader`]: the document readers and the analysis pipeline of the core.

use std::path::Path;
use std::sync::OnceLock;

use super::Loader;
use crate::analysis::{Analyzer, Dossier};
use crate::document::{Format, ReadOptions, read_bytes, read_path};
use crate::model::{Dct, DocId, Document};

/// Reads files with [`crate::document`] and analyses them with [`Analyzer`]. The model and
/// lexicons are loaded on first use, on the loader thread, so the window opens at once.
#[derive(Debug, Default)]
pub struct PipelineLoader {
    options: ReadOptions,
    analyzer: OnceLock<Result<Analyzer, String>>,
}

impl PipelineLoader {
    /// A loader with the default read options.
    pub fn new() -> Self {
        Self::default()
    }

    /// A loader with the given read options (size limit, language override).
    pub fn with_options(options: ReadOptions) -> Self {
        Self {
            options,
            analyzer: OnceLock::new(),
        }
    }

    fn analyzer(&self) -> Result<&Analyzer, String> {
        self.analyzer
            .get_or_init(|| Analyzer::new().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl Loader for PipelineLoader {
    fn read(&self, path: &Path, bytes: Option<&[u8]>) -> Result<Vec<Document>, String> {
        match bytes {
            Some(bytes) => read_bytes(bytes, Format::from_path(path), Some(path), &self.options),
            None => read_path(path, &self.options),
        }
        .map_err(|e| e.to_string())
    }

    fn add(&self, dossier: &mut Dossier, document: Document) -> Result<DocId, String> {
        let analyzed = self.analyzer()?.analyze(&document);
        Ok(dossier.insert(document, analyzed))
    }

    fn finish(&self, dossier: &mut Dossier) {
        dossier.rebuild_timeline();
    }

    fn set_dct(&self, dossier: &mut Dossier, doc: DocId, dct: Option<Dct>) -> Result<(), String> {
        if dossier.doc_index(doc).is_none() {
            return Err(format!("article {doc} is not open"));
        }
        dossier.set_dct(doc, dct);
        Ok(())
    }
}
