//! Texts of a dossier file, loaded on demand: the viewer's dossier holds the analyses of every
//! article but none of their texts; a panel that needs one asks [`StoreTexts`], which reads it
//! from the file through its own read-only connection and keeps the most recently used texts
//! up to a byte budget.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::OptionalExtension;

use super::{Store, StoreError};
use crate::analysis::{TextSource, TextStats};
use crate::model::DocId;

/// Bytes of text [`StoreTexts`] keeps by default (a few hundred news articles).
pub const DEFAULT_TEXT_BUDGET: usize = 8 << 20;

/// The most recently used texts, up to a byte budget. The text used last is always kept, even
/// when it alone is over the budget.
#[derive(Debug, Default)]
pub struct TextCache {
    budget: usize,
    bytes: usize,
    clock: u64,
    entries: HashMap<DocId, (Arc<str>, u64)>,
}

impl TextCache {
    /// An empty cache keeping up to `budget` bytes.
    pub fn new(budget: usize) -> Self {
        Self {
            budget,
            ..Self::default()
        }
    }

    /// The text of `doc` when it is cached; marks it as used.
    pub fn get(&mut self, doc: DocId) -> Option<Arc<str>> {
        self.clock += 1;
        let clock = self.clock;
        self.entries.get_mut(&doc).map(|(text, used)| {
            *used = clock;
            Arc::clone(text)
        })
    }

    /// Adds `text` as the text of `doc` and drops the least recently used texts while over
    /// budget.
    pub fn insert(&mut self, doc: DocId, text: Arc<str>) {
        self.clock += 1;
        self.bytes += text.len();
        if let Some((old, _)) = self.entries.insert(doc, (text, self.clock)) {
            self.bytes -= old.len();
        }
        while self.bytes > self.budget && self.entries.len() > 1 {
            let Some(oldest) = self
                .entries
                .iter()
                .filter(|(id, _)| **id != doc)
                .min_by_key(|(_, (_, used))| *used)
                .map(|(id, _)| *id)
            else {
                break;
            };
            if let Some((old, _)) = self.entries.remove(&oldest) {
                self.bytes -= old.len();
            }
        }
    }

    /// Number of texts held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no text is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Bytes of text held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

/// The texts of one dossier file, read on demand through a read-only connection of their own
/// (so the viewer can read while the loader thread writes) and cached up to a byte budget.
/// Document texts never change once stored, so the cache stays valid while the file changes.
#[derive(Debug)]
pub struct StoreTexts {
    path: PathBuf,
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Option<Store>,
    cache: TextCache,
    loads: u64,
    /// The last error, reported once.
    failed: Option<String>,
}

impl StoreTexts {
    /// Texts of the dossier at `path`, keeping up to [`DEFAULT_TEXT_BUDGET`] bytes. The file
    /// is opened on the first read.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self::with_budget(path, DEFAULT_TEXT_BUDGET)
    }

    /// Texts of the dossier at `path`, keeping up to `budget` bytes.
    pub fn with_budget(path: impl Into<PathBuf>, budget: usize) -> Self {
        Self {
            path: path.into(),
            inner: Mutex::new(Inner {
                store: None,
                cache: TextCache::new(budget),
                loads: 0,
                failed: None,
            }),
        }
    }

    /// The dossier file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What is held and what has been read.
    pub fn stats(&self) -> TextStats {
        let inner = self.inner();
        TextStats {
            resident: inner.cache.len(),
            resident_bytes: inner.cache.bytes(),
            loads: inner.loads,
        }
    }

    /// The last error reading a text, if any (cleared by the next successful read).
    pub fn last_error(&self) -> Option<String> {
        self.inner().failed.clone()
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        // The cache is consistent after every statement, so a poisoned lock is used as is.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The text of `doc`, from the cache or the file.
    pub fn text(&self, doc: DocId) -> Result<Arc<str>, StoreError> {
        let mut inner = self.inner();
        if let Some(text) = inner.cache.get(doc) {
            return Ok(text);
        }
        if inner.store.is_none() {
            inner.store = Some(Store::open_read_only(&self.path)?);
        }
        let text: Arc<str> = match inner.store.as_ref() {
            Some(store) => store.text(doc)?.into(),
            None => return Err(StoreError::UnknownDocument(doc)),
        };
        inner.loads += 1;
        inner.cache.insert(doc, Arc::clone(&text));
        Ok(text)
    }
}

impl TextSource for StoreTexts {
    fn load(&self, doc: DocId) -> Option<Arc<str>> {
        match self.text(doc) {
            Ok(text) => {
                self.inner().failed = None;
                Some(text)
            }
            Err(e) => {
                self.inner().failed = Some(e.to_string());
                None
            }
        }
    }

    fn stats(&self) -> Option<TextStats> {
        Some(StoreTexts::stats(self))
    }

    fn last_error(&self) -> Option<String> {
        StoreTexts::last_error(self)
    }
}

impl Store {
    /// The text of document `id`.
    pub fn text(&self, id: DocId) -> Result<String, StoreError> {
        self.conn
            .query_row("SELECT text FROM documents WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.sql(e))?
            .ok_or(StoreError::UnknownDocument(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Arc<str> {
        Arc::from(s)
    }

    #[test]
    fn cache_keeps_the_most_recently_used_texts_within_budget() {
        // (budget, inserts, gets before the third insert, expected resident ids)
        type Case<'a> = (usize, &'a [u32], &'a [u32], &'a [u32]);
        let cases: &[Case<'_>] = &[
            (10, &[1, 2], &[], &[1, 2]),
            (10, &[1, 2, 3], &[], &[2, 3]),
            (10, &[1, 2, 3], &[1], &[1, 3]),
            (4, &[1, 2], &[], &[2]),
            (0, &[1], &[], &[1]),
        ];
        for (budget, inserts, gets, want) in cases {
            let mut cache = TextCache::new(*budget);
            for (k, id) in inserts.iter().enumerate() {
                if k == 2 {
                    for g in *gets {
                        assert!(cache.get(DocId(*g)).is_some(), "{g} cached before insert 3");
                    }
                }
                cache.insert(DocId(*id), text("12345"));
            }
            let mut have: Vec<u32> = cache.entries.keys().map(|d| d.0).collect();
            have.sort_unstable();
            assert_eq!(
                have, *want,
                "budget {budget}, inserts {inserts:?}, gets {gets:?}"
            );
            assert_eq!(cache.bytes(), 5 * want.len());
        }
    }

    #[test]
    fn replacing_a_text_counts_its_bytes_once() {
        let mut cache = TextCache::new(100);
        cache.insert(DocId(1), text("abc"));
        cache.insert(DocId(1), text("abcdef"));
        assert_eq!((cache.len(), cache.bytes()), (1, 6));
    }
}
