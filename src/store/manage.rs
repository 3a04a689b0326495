//! Removing an article from a dossier, and copying a dossier file (File › Save As).

use std::path::Path;

use super::{Store, StoreError, bump_raw_gen};
use crate::model::DocId;

impl Store {
    /// Removes an article with its analysis, its mentions and its part of the timeline, in one
    /// transaction. The corrections stay in the log (those about the article are skipped while
    /// it is gone; importing it again brings them back). Returns false when it was not there.
    pub fn remove_document(&mut self, doc: DocId) -> Result<bool, StoreError> {
        self.write(|store, tx| {
            let sql = |e| StoreError::from_sqlite(&store.path, e);
            tx.execute("DELETE FROM doc_fts WHERE rowid = ?1", [doc.0])
                .map_err(sql)?;
            let removed = tx
                .execute("DELETE FROM documents WHERE id = ?1", [doc.0])
                .map_err(sql)?;
            bump_raw_gen(tx).map_err(sql)?;
            store.base.replace(None);
            store.rederive(tx)?;
            Ok(removed > 0)
        })
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
