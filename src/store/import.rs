//! Importing articles into a dossier: reading and analysis on worker threads, writing on the
//! calling thread in batches of documents, each batch one transaction.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::NaiveDate;
use rusqlite::params;

use super::codec::{dct_source_str, encode_analysis};
use super::{ANALYZER_VERSION, Store, StoreError, bump_raw_gen, content_hash, now};
use crate::analysis::{Analyzed, Analyzer};
use crate::document::{ReadOptions, read_path};
use crate::model::{Dct, DctSource, DocId, Document};

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// How files are read (size limit, language override).
    pub read: ReadOptions,
    /// A document date for every document imported (overrides dates found in the articles).
    pub dct: Option<NaiveDate>,
    /// For articles without a date: take the file's modification day (source `file-mtime`).
    pub assume_mtime: bool,
    /// Threads that read and analyse (the calling thread writes).
    pub workers: usize,
    /// Documents per transaction.
    pub batch: usize,
    /// Set to stop the import early: what was read so far is kept.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            read: ReadOptions::new(),
            dct: None,
            assume_mtime: false,
            workers: std::thread::available_parallelism()
                .map(|n| n.get().min(4))
                .unwrap_or(2),
            batch: 64,
            cancel: None,
        }
    }
}

/// What happened to one input.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportStatus {
    /// This many documents were added (a `.jsonl` file may hold several; their ids are in
    /// [`ImportReport::added`] once the import is done).
    Added(usize),
    /// Every document of the input was already in the dossier (same title and text).
    Duplicate,
    /// The input could not be read.
    Failed(String),
}

/// Progress of an import, reported once per input in input order, when the input has been
/// read and analysed (its documents are committed with the next batch of
/// [`ImportOptions::batch`] documents).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportProgress {
    /// Inputs handled so far (including this one).
    pub done: usize,
    /// Inputs in all.
    pub total: usize,
    /// The file (`None` for documents given in memory).
    pub path: Option<PathBuf>,
    /// What happened to it.
    pub status: ImportStatus,
}

/// The outcome of an import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// Ids of the documents added, in input order.
    pub added: Vec<DocId>,
    /// Documents skipped because the dossier already held them: (file, title).
    pub duplicates: Vec<(Option<PathBuf>, String)>,
    /// Inputs that could not be read: (file, message).
    pub failed: Vec<(PathBuf, String)>,
    /// True when the import was cancelled before every input was handled.
    pub cancelled: bool,
}

enum Input {
    Path(PathBuf),
    Doc(Box<Document>),
}

type Analysed = Result<Vec<(Document, Analyzed)>, String>;

impl Store {
    /// Reads, analyses and adds article files. Files that cannot be read are reported (in the
    /// report and through `progress`) and skipped; the others are imported. Documents already in
    /// the dossier (same title and text) are skipped. Documents are committed in batches; the
    /// corrections are re-applied at the end (a rejected name stays rejected in new articles).
    pub fn import_paths(
        &mut self,
        paths: &[PathBuf],
        analyzer: &Analyzer,
        opts: &ImportOptions,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<ImportReport, StoreError> {
        let inputs = paths.iter().cloned().map(Input::Path).collect();
        self.import_inputs(inputs, analyzer, opts, progress)
    }

    /// Analyses and adds documents already read (their `id` is ignored).
    pub fn import_documents(
        &mut self,
        documents: Vec<Document>,
        analyzer: &Analyzer,
        opts: &ImportOptions,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<ImportReport, StoreError> {
        let inputs = documents
            .into_iter()
            .map(|d| Input::Doc(Box::new(d)))
            .collect();
        self.import_inputs(inputs, analyzer, opts, progress)
    }

    fn import_inputs(
        &mut self,
        inputs: Vec<Input>,
        analyzer: &Analyzer,
        opts: &ImportOptions,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<ImportReport, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        let total = inputs.len();
        let paths: Vec<Option<PathBuf>> = inputs
            .iter()
            .map(|i| match i {
                Input::Path(p) => Some(p.clone()),
                Input::Doc(d) => d.path.clone(),
            })
            .collect();
        let slots: Vec<std::sync::Mutex<Option<Input>>> = inputs
            .into_iter()
            .map(|i| std::sync::Mutex::new(Some(i)))
            .collect();
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let cancelled = || {
            opts.cancel
                .as_ref()
                .is_some_and(|c| c.load(Ordering::Relaxed))
        };
        let workers = opts.workers.clamp(1, 16);
        let mut report = ImportReport::default();
        let batch_size = opts.batch.max(1);

        let result = std::thread::scope(|scope| -> Result<(), StoreError> {
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Analysed)>(workers * 4);
            for _ in 0..workers {
                let tx = tx.clone();
                let (slots, next, stop) = (&slots, &next, &stop);
                scope.spawn(move || {
                    loop {
                        if stop.load(Ordering::Relaxed) || cancelled() {
                            break;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(slot) = slots.get(i) else { break };
                        let input = slot.lock().ok().and_then(|mut s| s.take());
                        let Some(input) = input else { continue };
                        let out = analyse(input, analyzer, opts);
                        if tx.send((i, out)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            let mut pending: BTreeMap<usize, Analysed> = BTreeMap::new();
            let mut expected = 0;
            let mut batch: Vec<(Document, Analyzed, Option<PathBuf>, usize)> = Vec::new();
            let mut seen: HashSet<String> = HashSet::new();
            let write = |batch: &mut Vec<(Document, Analyzed, Option<PathBuf>, usize)>,
                         report: &mut ImportReport,
                         finish: bool|
             -> Result<(), StoreError> {
                let docs = std::mem::take(batch);
                let added = self.commit_batch(docs, finish)?;
                report.added.extend(added);
                Ok(())
            };
            let outcome = (|| -> Result<(), StoreError> {
                for (i, out) in rx.iter() {
                    pending.insert(i, out);
                    while let Some(out) = pending.remove(&expected) {
                        let path = paths.get(expected).cloned().flatten();
                        expected += 1;
                        let status = match out {
                            Err(msg) => {
                                if let Some(p) = &path {
                                    report.failed.push((p.clone(), msg.clone()));
                                }
                                ImportStatus::Failed(msg)
                            }
                            Ok(docs) => {
                                let mut n = 0usize;
                                for (doc, analyzed) in docs {
                                    let hash = content_hash(&doc);
                                    if !seen.insert(hash.clone()) || self.has_hash(&hash)? {
                                        report.duplicates.push((path.clone(), doc.title.clone()));
                                        continue;
                                    }
                                    n += 1;
                                    batch.push((doc, analyzed, path.clone(), expected - 1));
                                }
                                if n > 0 {
                                    ImportStatus::Added(n)
                                } else {
                                    ImportStatus::Duplicate
                                }
                            }
                        };
                        let status = match status {
                            ImportStatus::Added(v) => {
                                if batch.len() >= batch_size {
                                    write(&mut batch, &mut report, false)?;
                                }
                                ImportStatus::Added(v)
                            }
                            other => other,
                        };
                        progress(&ImportProgress {
                            done: expected,
                            total,
                            path,
                            status,
                        });
                    }
                    if cancelled() {
                        break;
                    }
                }
                write(&mut batch, &mut report, true)
            })();
            stop.store(true, Ordering::Relaxed);
            // Drain so that no worker blocks on a full channel.
            for _ in rx.iter() {}
            outcome
        });
        report.cancelled = cancelled() && report.added.len() + report.failed.len() < total;
        result.map(|()| report)
    }

    fn has_hash(&self, hash: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT 1 FROM documents WHERE content_hash = ?1",
                [hash],
                |_| Ok(()),
            )
            .map(|()| true)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(false),
                e => Err(self.sql(e)),
            })
    }

    /// Writes a batch of documents with their automatic analysis in one transaction; with
    /// `finish`, the corrected state is derived again in the same transaction.
    fn commit_batch(
        &self,
        docs: Vec<(Document, Analyzed, Option<PathBuf>, usize)>,
        finish: bool,
    ) -> Result<Vec<DocId>, StoreError> {
        if docs.is_empty() && !finish {
            return Ok(Vec::new());
        }
        let dirty_before = self.meta("dirty")? == "1";
        self.write(|store, tx| {
            let sql = |e| StoreError::from_sqlite(&store.path, e);
            let mut ids = Vec::new();
            if !docs.is_empty() {
                // Ids are never reused, not even those of removed documents (corrections
                // refer to documents by id).
                let mut next: u32 = tx
                    .query_row(
                        "SELECT max(coalesce((SELECT max(id) + 1 FROM documents), 0),
                                    coalesce((SELECT CAST(value AS INTEGER) FROM meta
                                              WHERE key = 'next_doc'), 0))",
                        [],
                        |r| r.get(0),
                    )
                    .map_err(sql)?;
                let mut insert_doc = tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO documents (id, title, path, lang, dct_date, dct_source,
                         headings, paragraphs, metadata, text, bytes, content_hash, added)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    )
                    .map_err(sql)?;
                let mut insert_analysis = tx
                    .prepare_cached(
                        "INSERT INTO analyses (doc_id, analyzer, sentences, mentions, timexes)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )
                    .map_err(sql)?;
                let mut insert_fts = tx
                    .prepare_cached("INSERT INTO doc_fts (rowid, title, text) VALUES (?1, ?2, ?3)")
                    .map_err(sql)?;
                let added = now();
                for (doc, analyzed, _, _) in docs {
                    let id = DocId(next);
                    let (sentences, raw, timexes) = encode_analysis(&analyzed)?;
                    let n = insert_doc
                        .execute(params![
                            id.0,
                            doc.title,
                            doc.path.as_ref().map(|p| p.display().to_string()),
                            doc.language.code(),
                            doc.dct.map(|d| d.date.format("%Y-%m-%d").to_string()),
                            doc.dct.map(|d| dct_source_str(d.source)),
                            serde_json::to_string(&doc.headings)?,
                            serde_json::to_string(&doc.paragraphs)?,
                            serde_json::to_string(&doc.metadata)?,
                            doc.text,
                            doc.text.len() as i64,
                            content_hash(&doc),
                            added
                        ])
                        .map_err(sql)?;
                    if n == 0 {
                        // Another process imported the same article meanwhile.
                        continue;
                    }
                    next += 1;
                    insert_analysis
                        .execute(params![id.0, ANALYZER_VERSION, sentences, raw, timexes])
                        .map_err(sql)?;
                    insert_fts
                        .execute(params![id.0, doc.title, doc.text])
                        .map_err(sql)?;
                    ids.push(id);
                }
                tx.execute("UPDATE meta SET value = '1' WHERE key = 'dirty'", [])
                    .map_err(sql)?;
                tx.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('next_doc', ?1)",
                    [next.to_string()],
                )
                .map_err(sql)?;
                bump_raw_gen(tx).map_err(sql)?;
            }
            if finish && (!ids.is_empty() || dirty_before || store.meta_tx(tx, "dirty")? == "1")
            {
                store.rederive(tx)?;
            }
            Ok(ids)
        })
    }

    fn meta_tx(&self, tx: &rusqlite::Transaction<'_>, key: &str) -> Result<String, StoreError> {
        tx.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .map_err(|e| self.sql(e))
    }
}

fn analyse(input: Input, analyzer: &Analyzer, opts: &ImportOptions) -> Analysed {
    let (docs, path) = match input {
        Input::Doc(doc) => (vec![*doc], None),
        Input::Path(path) => match read_path(&path, &opts.read) {
            Ok(docs) => (docs, Some(path)),
            Err(e) => return Err(e.to_string()),
        },
    };
    Ok(docs
        .into_iter()
        .map(|mut doc| {
            if let Some(date) = opts.dct {
                doc.dct = Some(Dct {
                    date,
                    source: DctSource::User,
                });
            } else if doc.dct.is_none()
                && opts.assume_mtime
                && let Some(p) = path.as_deref()
            {
                doc.dct = file_mtime(p).map(|date| Dct {
                    date,
                    source: DctSource::FileMtime,
                });
            }
            let analyzed = analyzer.analyze(&doc);
            (doc, analyzed)
        })
        .collect())
}

/// The local calendar day of a file's last modification.
fn file_mtime(path: &Path) -> Option<NaiveDate> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(chrono::DateTime::<chrono::Local>::from(modified).date_naive())
}
