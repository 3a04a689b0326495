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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;
    use crate::model::{Document, Lang, Span};
    use crate::store::ImportOptions;

    fn doc(title: &str, text: &str) -> Document {
        Document {
            id: DocId(0),
            path: None,
            title: title.to_string(),
            headings: Vec::new(),
            paragraphs: vec![Span::new(0, text.len())],
            metadata: Default::default(),
            language: Lang::De,
            dct: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn remove_and_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.dossier");
        let mut store = Store::create(&path).unwrap();
        let analyzer = Analyzer::new().unwrap();
        let report = store
            .import_documents(
                vec![
                    doc("Eins", "Angela Merkel besuchte am Montag Paris."),
                    doc("Zwei", "Emmanuel Macron empfing Angela Merkel in Paris."),
                ],
                &analyzer,
                &ImportOptions::default(),
                &mut |_| {},
            )
            .unwrap();
        assert_eq!(report.added.len(), 2);
        let first = report.added[0];
        assert!(store.remove_document(first).unwrap());
        assert!(!store.remove_document(first).unwrap(), "already gone");
        let docs = store.documents().unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].title, "Zwei");
        assert!(store.search("besuchte", 10).unwrap().is_empty());
        assert_eq!(store.search("empfing", 10).unwrap().len(), 1);

        let copy = dir.path().join("b.dossier");
        store.copy_to(&copy).unwrap();
        assert!(matches!(store.copy_to(&copy), Err(StoreError::Exists(_))));
        let other = Store::open(&copy).unwrap();
        assert_eq!(other.documents().unwrap().len(), 1);
        assert_eq!(
            other.dossier().unwrap().entities().len(),
            store.dossier().unwrap().entities().len()
        );
    }
}
