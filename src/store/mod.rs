//! The dossier file (`*.dossier`): one SQLite database (bundled SQLite, WAL, foreign keys,
//! FTS5) holding the documents, their automatic analysis, the entities with stable ids, the
//! user's corrections and the corrected state derived from both.
//!
//! # Model
//! - The **automatic analysis** of each document (`analyses`) is written once at import and
//!   never changed by corrections.
//! - The user's **corrections** (`corrections`) are an append-only log of
//!   [`crate::correct::Correction`] values (JSON) with a state: active, undone or discarded.
//! - The **corrected state** (`entities`, `aliases`, `mentions`, `doc_state`, `events`,
//!   `removed_docs`) is derived from both ([`derive`]): kept in memory while the file is open,
//!   changed in place by each correction, undo and redo, and written where it changed, in the
//!   same transaction. Entities keep their stable ids across corrections, re-analysis and
//!   sessions.
//! - Every change is one transaction (`BEGIN IMMEDIATE`); a killed process leaves the last
//!   committed state. An import commits documents in batches and marks the derived state
//!   `dirty` until it is rewritten; opening a dirty file writable repairs it.
//!
//! # Rooms
//! [`open`](self) (opening, checks, migrations), `views` (reading), `derive` (the corrected
//! state), `codec` (row encodings), `import`, [`export`], `search`, `manage` (copying), and
//! [`texts`] (texts read on demand).
//!
//! # Ids
//! [`DocId`]s and [`EntityId`]s are the same in the file, in every view and in every
//! [`crate::analysis::Dossier`] the store returns.

mod codec;
mod derive;
mod error;
pub mod export;
mod import;
mod manage;
mod open;
pub mod schema;
mod search;
pub mod texts;
mod views;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use crate::correct::{Correction, CorrectionLog, LogEntry, LogState, Report};
use crate::model::{Dct, DocId, Document, EntityId, EntityType, Lang, Span};

use codec::{LoadParts, encode_analysis};
pub use derive::ChangeSet;
pub use error::StoreError;
pub use import::{ImportOptions, ImportProgress, ImportReport, ImportStatus};
pub use search::{EntityHit, Hit};
pub use texts::{StoreTexts, TextCache};

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// One row of the document list: what the first view shows, without the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocSummary {
    /// Id (the same in every view and in [`Store::dossier`]).
    pub id: DocId,
    /// Title.
    pub title: String,
    /// The file it was imported from.
    pub path: Option<PathBuf>,
    /// Language.
    pub language: Lang,
    /// Document date (after corrections).
    pub dct: Option<Dct>,
    /// Length of the text in bytes.
    pub bytes: usize,
    /// Number of entity mentions (after corrections).
    pub mentions: usize,
}

/// One entity of the dossier-wide registry with its counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntitySummary {
    /// Stable id.
    pub id: EntityId,
    /// Name.
    pub name: String,
    /// Type.
    pub entity_type: EntityType,
    /// Other names, sorted.
    pub aliases: Vec<String>,
    /// Number of mentions in the dossier.
    pub mentions: usize,
    /// Number of articles that mention it.
    pub documents: usize,
}

/// A dossier file, open.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// The corrected state, as last derived or read ([`derive`]).
    state: std::cell::RefCell<Option<derive::Derived>>,
    /// The texts, read on demand through a connection of their own.
    texts: Arc<StoreTexts>,
}

/// What a correction did.
#[derive(Debug, Clone)]
pub struct Applied {
    /// Its sequence number in the log.
    pub seq: u64,
    /// What it changed, in words and counts.
    pub report: Report,
    /// The articles and entities it changed.
    pub changes: ChangeSet,
}

/// What an undo or redo did.
#[derive(Debug, Clone)]
pub struct Stepped {
    /// The correction undone or redone.
    pub correction: Correction,
    /// What redoing it changed, in words (for an undo: the correction, in words).
    pub message: String,
    /// The articles and entities that changed.
    pub changes: ChangeSet,
}

/// The content hash that detects a re-imported article: FNV-1a (64 bit) over title and text,
/// with the text length.
pub fn content_hash(doc: &Document) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in doc
        .title
        .bytes()
        .chain(std::iter::once(0))
        .chain(doc.text.bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}-{}", doc.text.len())
}

impl Store {
    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the file was opened read-only: every change fails with
    /// [`StoreError::ReadOnly`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The schema version of the file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.sql(e))
    }

    fn sql(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, e)
    }

    fn meta(&self, key: &str) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql(e))?
            .unwrap_or_default())
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction and commits it (rolls back on error).
    fn write<T>(
        &self,
        f: impl FnOnce(&Self, &rusqlite::Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| self.sql(e))?;
        let result = f(self, &tx).and_then(|value| {
            tx.commit().map_err(|e| self.sql(e))?;
            Ok(value)
        });
        if result.is_err() {
            // What was built from an uncommitted state must not be reused.
            self.state.replace(None);
        }
        result
    }

    /// The text source of this file (shared by every dossier the store returns).
    pub fn texts(&self) -> Arc<StoreTexts> {
        Arc::clone(&self.texts)
    }

    // ---------------------------------------------------------------- corrections

    /// The correction log, oldest first.
    pub fn corrections(&self) -> Result<CorrectionLog, StoreError> {
        Self::read_log(&self.conn).map_err(|e| self.lift(e))
    }

    fn lift(&self, e: LogReadError) -> StoreError {
        match e {
            LogReadError::Sql(e) => self.sql(e),
            LogReadError::Json(e) => StoreError::Json(e),
        }
    }

    fn read_log(conn: &Connection) -> Result<CorrectionLog, LogReadError> {
        let mut stmt =
            conn.prepare("SELECT seq, correction, state FROM corrections ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (seq, json, state) = row?;
            entries.push(LogEntry {
                seq: seq as u64,
                correction: serde_json::from_str(&json)?,
                state: LogState::from_code(state).unwrap_or(LogState::Discarded),
            });
        }
        Ok(CorrectionLog::from_entries(entries))
    }

    /// Records a correction and changes the corrected state accordingly, in one transaction.
    /// Corrections waiting to be redone are discarded. A correction that would change nothing
    /// (an unknown entity, a mention moved to the entity it has) is refused with
    /// [`StoreError::NoEffect`] and not recorded; so is a marked span that cuts a word or
    /// crosses a sentence ([`StoreError::BadSpan`]).
    pub fn apply(&mut self, correction: &Correction) -> Result<Applied, StoreError> {
        let json = serde_json::to_string(correction)?;
        self.write(|store, tx| {
            let sql = |e| StoreError::from_sqlite(&store.path, e);
            store.check_span(correction)?;
            tx.execute("UPDATE corrections SET state = 2 WHERE state = 1", [])
                .map_err(sql)?;
            tx.execute(
                "INSERT INTO corrections (correction, state, created) VALUES (?1, 0, ?2)",
                params![json, now()],
            )
            .map_err(sql)?;
            let seq = tx.last_insert_rowid() as u64;
            let (report, changes) = store.step(tx, seq, correction, false)?;
            Ok(Applied {
                seq,
                report,
                changes,
            })
        })
    }

    /// Undoes the last active correction (persisted); `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Stepped>, StoreError> {
        self.write(|store, tx| {
            let log = Self::read_log(tx).map_err(|e| store.lift(e))?;
            let Some(entry) = log.undo_target().cloned() else {
                return Ok(None);
            };
            tx.execute(
                "UPDATE corrections SET state = 1 WHERE seq = ?1",
                [entry.seq as i64],
            )
            .map_err(|e| store.sql(e))?;
            let changes = store.unstep(tx, entry.seq)?;
            Ok(Some(Stepped {
                message: entry.correction.to_string(),
                correction: entry.correction,
                changes,
            }))
        })
    }

    /// Redoes the most recently undone correction (persisted); `None` when there is nothing to
    /// redo.
    pub fn redo(&mut self) -> Result<Option<Stepped>, StoreError> {
        self.write(|store, tx| {
            let log = Self::read_log(tx).map_err(|e| store.lift(e))?;
            let Some(entry) = log.redo_target().cloned() else {
                return Ok(None);
            };
            tx.execute(
                "UPDATE corrections SET state = 0 WHERE seq = ?1",
                [entry.seq as i64],
            )
            .map_err(|e| store.sql(e))?;
            let (report, changes) = store.step(tx, entry.seq, &entry.correction, true)?;
            Ok(Some(Stepped {
                correction: entry.correction,
                message: report.message,
                changes,
            }))
        })
    }

    /// Refuses an added or reassigned mention whose span is not whole words of one sentence.
    fn check_span(&self, correction: &Correction) -> Result<(), StoreError> {
        let (doc, span) = match correction {
            Correction::AddMention { doc, span, .. }
            | Correction::ReassignMention { doc, span, .. } => (*doc, *span),
            Correction::Batch { corrections } => {
                return corrections.iter().try_for_each(|c| self.check_span(c));
            }
            _ => return Ok(()),
        };
        let (document, analysis) = self.document(doc)?;
        check_span(&document.text, &analysis.sentences, span).map_err(StoreError::BadSpan)
    }

    /// Runs the analysis again on every document (e.g. with a newer model) and re-applies the
    /// corrections; entities keep their stable ids.
    pub fn reanalyze(&mut self, analyzer: &crate::analysis::Analyzer) -> Result<(), StoreError> {
        self.write(|store, tx| {
            let docs = store.load_raw(tx, None, LoadParts::ALL)?;
            for (doc, _, _, _) in docs {
                let analyzed = analyzer.analyze(&doc);
                let (sentences, raw, timexes) = encode_analysis(&analyzed)?;
                tx.execute(
                    "UPDATE analyses SET analyzer = ?2, sentences = ?3, mentions = ?4, timexes = ?5
                     WHERE doc_id = ?1",
                    params![doc.id.0, ANALYZER_VERSION, sentences, raw, timexes],
                )
                .map_err(|e| store.sql(e))?;
            }
            bump_raw_gen(tx).map_err(|e| store.sql(e))?;
            store.rederive(tx).map(|_| ())
        })
    }
}

/// Whether `span` of `text` is whole words inside one sentence (`sentences`, in order): the
/// span must not be empty or blank, must not start or end inside a word, and must not cross
/// a sentence end. `Err` says what is wrong, in words.
pub fn check_span(text: &str, sentences: &[Span], span: Span) -> Result<(), String> {
    let Some(marked) = text.get(span.start..span.end) else {
        return Err(format!(
            "{}..{} is not a range of the article's text",
            span.start, span.end
        ));
    };
    if marked.trim().is_empty() {
        return Err("the marked text is empty".into());
    }
    let word = |c: char| c.is_alphanumeric();
    let before = text[..span.start].chars().next_back();
    let first = marked.chars().next();
    let last = marked.chars().next_back();
    let after = text[span.end..].chars().next();
    if before.is_some_and(word) && first.is_some_and(word) {
        return Err(format!("“{marked}” starts inside a word"));
    }
    if after.is_some_and(word) && last.is_some_and(word) {
        return Err(format!("“{marked}” ends inside a word"));
    }
    let inside = sentences
        .iter()
        .any(|s| s.start <= span.start && span.end <= s.end);
    if !sentences.is_empty() && !inside {
        return Err(format!("“{marked}” crosses a sentence boundary"));
    }
    Ok(())
}

/// Why the correction log could not be read.
enum LogReadError {
    Sql(rusqlite::Error),
    Json(serde_json::Error),
}

impl From<rusqlite::Error> for LogReadError {
    fn from(e: rusqlite::Error) -> Self {
        LogReadError::Sql(e)
    }
}

impl From<serde_json::Error> for LogReadError {
    fn from(e: serde_json::Error) -> Self {
        LogReadError::Json(e)
    }
}

/// Identifies the analysis that produced a stored analysis.
const ANALYZER_VERSION: &str = concat!("dossier ", env!("CARGO_PKG_VERSION"));

pub(super) fn raw_gen(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'raw_gen'",
        [],
        |r| r.get(0),
    )
}

fn bump_raw_gen(conn: &Connection) -> rusqlite::Result<i64> {
    conn.execute(
        "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'raw_gen'",
        [],
    )?;
    raw_gen(conn)
}

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests;
