//! Removing an article from a dossier, and copying a dossier file (File › Save As).

use std::path::Path;

use super::{Store, StoreError};
use crate::correct::Correction;
use crate::model::DocId;

impl Store {
    /// Removes an article from the dossier: a correction like any other
    /// ([`Correction::RemoveDocument`]), logged and undone by [`Store::undo`]; the article, its
    /// analysis and the corrections about it are kept. Returns false when it was not there.
    pub fn remove_document(&mut self, doc: DocId) -> Result<bool, StoreError> {
        match self.apply(&Correction::RemoveDocument { doc }) {
            Ok(_) => Ok(true),
            Err(StoreError::NoEffect(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Writes a consistent copy of the dossier to `path` (SQLite `VACUUM INTO`), which must not
    /// exist yet. The open dossier stays this one.
    pub fn copy_to(&self, path: &Path) -> Result<(), StoreError> {
        if path.exists() {
            return Err(StoreError::Exists(path.to_path_buf()));
        }
        let target = path.to_str().ok_or_else(|| {
            StoreError::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the file name is not valid UTF-8",
            ))
        })?;
        self.conn
            .execute("VACUUM INTO ?1", [target])
            .map_err(|e| StoreError::from_sqlite(path, e))?;
        Ok(())
    }
}
