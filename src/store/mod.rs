//! The dossier file (`*.dossier`): one SQLite database (bundled SQLite, WAL, foreign keys,
//! FTS5) holding the documents, their automatic analysis, the entities with stable ids, the
//! user's corrections and the corrected state derived from both.
//!
//! # Model
//! - The **automatic analysis** of each document (`analyses`) is written once at import and
//!   never changed by corrections.
//! - The user's **corrections** (`corrections`) are an append-only log of
//!   [`crate::correct::Correction`] values (JSON) with a state: active, undone or discarded.
//! - The **corrected state** (`entities`, `aliases`, `mentions`, `doc_state`, `events`) is
//!   derived: base dossier (automatic analyses linked by [`crate::analysis::Dossier::insert`])
//!   plus [`crate::correct::apply`] of the active corrections. It is rewritten in the same
//!   transaction as every correction, undo and redo, and after every import. Entities keep their
//!   stable id across re-derivation through `entity_keys` (type + [`crate::registry::name_key`]
//!   of every name they had).
//! - Every change is one transaction (`BEGIN IMMEDIATE`); a killed process leaves the last
//!   committed state. An import commits documents in batches and marks the derived state
//!   `dirty` until it is rewritten; opening a dirty file writable repairs it.
//!
//! # Ids
//! [`DocId`]s are the same in the file and in every [`Dossier`] built from it. Entity ids in
//! the store's views ([`Store::entities`], [`Store::document`], [`Store::events`]) are the
//! stable ids; [`Store::dossier`] returns an in-memory dossier whose entities are numbered
//! densely (as the registry requires) in the order of their stable ids: `dossier.entities()[i]`
//! has the stable id [`Store::entity_ids`]`()[i]`.

mod error;
pub mod export;
mod import;
mod manage;
pub mod schema;
mod search;
pub mod texts;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use crate::analysis::{AnalysisError, Analyzed, DocAnalysis, Dossier};
use crate::correct::{self, Correction, CorrectionLog, LogEntry, LogState};
use crate::model::{
    Dct, DctSource, DocId, Document, Entity, EntityId, EntityType, Event, EventSource, Heading,
    Lang, Mention, Source, Span, Timex, Variant,
};
use crate::ner::RawMention;
use crate::registry::name_key;
use crate::text::Sentence;
use crate::time::DocEvent;

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
    /// The uncorrected dossier built from the automatic analyses (without texts), with the
    /// `raw_gen` it was built at and whether the dossier's names have been spread over all
    /// its articles ([`crate::spread`]).
    base: std::cell::RefCell<Option<(i64, Dossier, bool)>>,
}

/// Which of the large columns [`Store::load_raw`] reads.
#[derive(Debug, Clone, Copy)]
struct LoadParts {
    /// The document text.
    text: bool,
    /// The automatic analysis' raw mentions.
    raw: bool,
}

impl LoadParts {
    const ALL: LoadParts = LoadParts {
        text: true,
        raw: true,
    };
}

/// Stored form of a [`RawMention`].
#[derive(Debug, Clone, Serialize, Deserialize)]
struct RawRow {
    s: usize,
    e: usize,
    t: EntityType,
    v: Variant,
    src: Source,
    c: f32,
    n: String,
}

/// A row of `mentions` (without its document), as written and read back.
#[derive(Debug, Clone, PartialEq)]
struct MentionRow {
    start: i64,
    end: i64,
    entity: u32,
    entity_type: String,
    variant: String,
    source: String,
    confidence: f64,
}

/// A row of `doc_state` (without its document).
#[derive(Debug, Clone, PartialEq)]
struct StateRow {
    dct_date: Option<String>,
    dct_source: Option<String>,
    /// JSON; empty when they are the automatic analysis' time expressions (files written
    /// before may hold a copy of those).
    timexes: String,
    events: String,
}

/// Stored form of a [`DocEvent`].
#[derive(Debug, Clone, Serialize, Deserialize)]
struct DocEventRow {
    value: String,
    precision: crate::model::Precision,
    range: crate::model::DateRange,
    span: Span,
    timex: Span,
    label: String,
    mentions: Vec<usize>,
}

impl From<&DocEvent> for DocEventRow {
    fn from(e: &DocEvent) -> Self {
        Self {
            value: e.value.clone(),
            precision: e.precision,
            range: e.range,
            span: e.span,
            timex: e.timex,
            label: e.label.clone(),
            mentions: e.mentions.clone(),
        }
    }
}

impl From<DocEventRow> for DocEvent {
    fn from(e: DocEventRow) -> Self {
        DocEvent {
            value: e.value,
            precision: e.precision,
            range: e.range,
            span: e.span,
            timex: e.timex,
            label: e.label,
            mentions: e.mentions,
        }
    }
}

fn type_str(t: EntityType) -> &'static str {
    t.as_str()
}

fn parse_type(s: &str) -> EntityType {
    EntityType::parse(s).unwrap_or(EntityType::Oth)
}

fn variant_str(v: Variant) -> &'static str {
    match v {
        Variant::Name => "name",
        Variant::Deriv => "deriv",
        Variant::Part => "part",
    }
}

fn parse_variant(s: &str) -> Variant {
    match s {
        "deriv" => Variant::Deriv,
        "part" => Variant::Part,
        _ => Variant::Name,
    }
}

fn parse_source(s: &str) -> Source {
    match s {
        "model" => Source::Model,
        "lexicon" => Source::Lexicon,
        "user" => Source::User,
        _ => Source::Rule,
    }
}

fn dct_source_str(s: DctSource) -> &'static str {
    match s {
        DctSource::User => "user",
        DctSource::Text => "text",
        DctSource::Metadata => "metadata",
        DctSource::FileMtime => "file-mtime",
    }
}

fn parse_dct(date: Option<String>, source: Option<String>) -> Option<Dct> {
    let date = NaiveDate::parse_from_str(&date?, "%Y-%m-%d").ok()?;
    let source = match source.as_deref() {
        Some("user") => DctSource::User,
        Some("metadata") => DctSource::Metadata,
        Some("file-mtime") => DctSource::FileMtime,
        _ => DctSource::Text,
    };
    Some(Dct { date, source })
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

/// The SQLite file header.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Creates a new, empty dossier at `path`. Fails with [`StoreError::Exists`] when the file
    /// exists and is not empty.
    pub fn create(path: &Path) -> Result<Store, StoreError> {
        if let Ok(meta) = std::fs::metadata(path)
            && meta.len() > 0
        {
            return Err(StoreError::Exists(path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::from_sqlite(path, e))?;
        Self::setup(conn, path, true)
    }

    /// Opens an existing dossier, for writing when the file can be written, else read-only
    /// (see [`Store::is_read_only`]). Reads nothing but the schema; the first views
    /// ([`Store::documents`], [`Store::entities`]) read only their rows.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::check_header(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .or_else(|_| {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        })
        .map_err(|e| StoreError::from_sqlite(path, e))?;
        match Self::setup(conn, path, false) {
            // A WAL database whose folder we cannot write (no shared-memory file can be
            // created): read it as an unchanging file.
            Err(StoreError::ReadOnly(_)) => Self::open_immutable(path),
            other => other,
        }
    }

    fn open_immutable(path: &Path) -> Result<Store, StoreError> {
        let mut uri = String::from("file:");
        for c in std::path::absolute(path)?.to_string_lossy().chars() {
            match c {
                '%' => uri.push_str("%25"),
                '?' => uri.push_str("%3f"),
                '#' => uri.push_str("%23"),
                c => uri.push(c),
            }
        }
        uri.push_str("?immutable=1");
        let conn = Connection::open_with_flags(
            &uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::from_sqlite(path, e))?;
        Self::setup(conn, path, false)
    }

    /// Opens an existing dossier read-only.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        Self::check_header(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::from_sqlite(path, e))?;
        match Self::setup(conn, path, false) {
            Err(StoreError::ReadOnly(_)) => Self::open_immutable(path),
            other => other,
        }
    }

    /// Opens the dossier at `path`, creating it when the file does not exist (or is empty).
    pub fn open_or_create(path: &Path) -> Result<Store, StoreError> {
        match std::fs::metadata(path) {
            Ok(meta) if meta.len() > 0 => Self::open(path),
            _ => Self::create(path),
        }
    }

    /// Refuses files that are missing or are not SQLite databases before SQLite touches them.
    fn check_header(path: &Path) -> Result<(), StoreError> {
        use std::io::Read;
        let mut file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::NotFound(path.to_path_buf()));
            }
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(StoreError::Io(std::io::Error::new(
                    e.kind(),
                    "no permission to read the file",
                )));
            }
            Err(e) => return Err(e.into()),
        };
        if file.metadata()?.is_dir() {
            return Err(StoreError::NotADossier {
                path: path.to_path_buf(),
                reason: "a folder".into(),
            });
        }
        let mut head = [0u8; 100];
        let mut got = 0;
        while got < head.len() {
            let n = file.read(&mut head[got..])?;
            if n == 0 {
                break;
            }
            got += n;
        }
        let not = |reason: &str| StoreError::NotADossier {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        };
        if got == 0 {
            return Err(not("an empty file"));
        }
        if got < head.len() || &head[..16] != SQLITE_MAGIC {
            return Err(not("not an SQLite database"));
        }
        // Bytes 60..64: the schema version; 68..72: the application id. A database without
        // either is one being created (possibly by another process right now).
        let version = i32::from_be_bytes([head[60], head[61], head[62], head[63]]);
        let app = i32::from_be_bytes([head[68], head[69], head[70], head[71]]);
        if app != schema::APPLICATION_ID && !(app == 0 && version == 0) {
            return Err(not("an SQLite database of another application"));
        }
        Ok(())
    }

    fn setup(conn: Connection, path: &Path, create: bool) -> Result<Store, StoreError> {
        let sql = |e| StoreError::from_sqlite(path, e);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sql)?;
        let read_only = conn.is_readonly(rusqlite::MAIN_DB).map_err(sql)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sql)?;
        if version > schema::SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found: version,
                supported: schema::SCHEMA_VERSION,
            });
        }
        if !create && version > 0 {
            let app: i32 = conn
                .pragma_query_value(None, "application_id", |r| r.get(0))
                .map_err(sql)?;
            if app != schema::APPLICATION_ID {
                return Err(StoreError::NotADossier {
                    path: path.to_path_buf(),
                    reason: "an SQLite database of another application".into(),
                });
            }
            // A quick structural check finds truncated and overwritten files before any
            // change is attempted.
            let check: String = conn
                .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
                .map_err(sql)?;
            if check != "ok" {
                return Err(StoreError::Corrupt {
                    path: path.to_path_buf(),
                    detail: check.lines().next().unwrap_or("").to_string(),
                });
            }
        }
        if version == 0 {
            let objects: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                .map_err(sql)?;
            // (Another process may have created the schema since `version` was read.)
            let again: i64 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .map_err(sql)?;
            if objects > 0 && again == 0 {
                return Err(StoreError::NotADossier {
                    path: path.to_path_buf(),
                    reason: "an SQLite database of another application".into(),
                });
            }
        }
        if !read_only {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(sql)?;
            conn.pragma_update(None, "synchronous", "FULL")
                .map_err(sql)?;
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only,
            base: std::cell::RefCell::new(None),
        };
        if version < schema::SCHEMA_VERSION {
            if read_only {
                return Err(StoreError::ReadOnly(path.to_path_buf()));
            }
            store.migrate()?;
        }
        if !read_only && store.meta("dirty")? == "1" {
            // A previous import was interrupted after committing documents: derive the
            // corrected state again.
            store.write(|store, tx| store.rederive(tx))?;
        }
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(&path, e))?;
        // Another process may have migrated (or created) the file meanwhile.
        let now: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| StoreError::from_sqlite(&path, e))?;
        if now >= schema::SCHEMA_VERSION {
            return Ok(());
        }
        if now == 0 {
            let objects: i64 = tx
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                .map_err(|e| StoreError::from_sqlite(&path, e))?;
            if objects > 0 {
                return Err(StoreError::NotADossier {
                    path,
                    reason: "an SQLite database of another application".into(),
                });
            }
        }
        for step in schema::MIGRATIONS.iter().skip(now.max(0) as usize) {
            tx.execute_batch(step)
                .map_err(|e| StoreError::from_sqlite(&path, e))?;
        }
        tx.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .map_err(|e| StoreError::from_sqlite(&path, e))?;
        tx.pragma_update(None, "user_version", schema::SCHEMA_VERSION)
            .map_err(|e| StoreError::from_sqlite(&path, e))?;
        tx.commit().map_err(|e| StoreError::from_sqlite(&path, e))
    }

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
            self.base.replace(None);
        }
        result
    }

    // ---------------------------------------------------------------- views

    /// The document list (no texts), in import order.
    pub fn documents(&self) -> Result<Vec<DocSummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.id, d.title, d.path, d.lang, s.dct_date, s.dct_source, d.bytes,
                        (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id),
                        d.dct_date, d.dct_source, s.doc_id IS NOT NULL
                 FROM documents d LEFT JOIN doc_state s ON s.doc_id = d.id ORDER BY d.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                let derived: bool = r.get(10)?;
                let dct = if derived {
                    parse_dct(r.get(4)?, r.get(5)?)
                } else {
                    parse_dct(r.get(8)?, r.get(9)?)
                };
                Ok(DocSummary {
                    id: DocId(r.get(0)?),
                    title: r.get(1)?,
                    path: r.get::<_, Option<String>>(2)?.map(PathBuf::from),
                    language: Lang::from_code(&r.get::<_, String>(3)?),
                    dct,
                    bytes: r.get::<_, i64>(6)? as usize,
                    mentions: r.get::<_, i64>(7)? as usize,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }

    /// Number of documents.
    pub fn document_count(&self) -> Result<usize, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.sql(e))
    }

    /// One document with its (corrected) analysis, loaded on demand. Mention entity ids are
    /// stable ids; `events` index into `mentions`.
    pub fn document(&self, id: DocId) -> Result<(Document, DocAnalysis), StoreError> {
        self.document_parts(id, true)
    }

    /// [`Store::document`], with an empty text unless `text`.
    fn document_parts(&self, id: DocId, text: bool) -> Result<(Document, DocAnalysis), StoreError> {
        let parts = LoadParts { text, raw: false };
        let (doc, sentences, _raw, auto_timexes) = self
            .load_raw(&self.conn, Some(id), parts)?
            .pop()
            .ok_or(StoreError::UnknownDocument(id))?;
        let state = self
            .conn
            .query_row(
                "SELECT dct_date, dct_source, timexes, events FROM doc_state WHERE doc_id = ?1",
                [id.0],
                |r| state_row(r, 0),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let mentions = self.mentions_of(id)?;
        assemble(doc, &sentences, auto_timexes, state, mentions)
    }

    /// Every document with its analysis (corrections applied), in id order, read with one
    /// scan of each table.
    fn all_document_parts(&self, text: bool) -> Result<Vec<(Document, DocAnalysis)>, StoreError> {
        let parts = LoadParts { text, raw: false };
        let docs = self.load_raw(&self.conn, None, parts)?;
        let mut states = read_states(&self.conn).map_err(|e| self.sql(e))?;
        let mut mentions: HashMap<u32, Vec<Mention>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT doc_id, start, end, entity_id, entity_type, variant, source, confidence
                     FROM mentions ORDER BY doc_id, start",
                )
                .map_err(|e| self.sql(e))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, u32>(0)?, mention_row(r, 1)?)))
                .map_err(|e| self.sql(e))?;
            for row in rows {
                let (id, m) = row.map_err(|e| self.sql(e))?;
                mentions.entry(id).or_default().push(m);
            }
        }
        docs.into_iter()
            .map(|(doc, sentences, _raw, auto_timexes)| {
                let id = doc.id.0;
                assemble(
                    doc,
                    &sentences,
                    auto_timexes,
                    states.remove(&id),
                    mentions.remove(&id).unwrap_or_default(),
                )
            })
            .collect()
    }

    fn mentions_of(&self, id: DocId) -> Result<Vec<Mention>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT start, end, entity_id, entity_type, variant, source, confidence
                 FROM mentions WHERE doc_id = ?1 ORDER BY start",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([id.0], |r| mention_row(r, 0))
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }

    /// The dossier-wide entities (stable ids) with their counts, most mentioned first.
    pub fn entities(&self) -> Result<Vec<EntitySummary>, StoreError> {
        let mut aliases: HashMap<u32, Vec<String>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT entity_id, alias FROM aliases ORDER BY entity_id, alias")
                .map_err(|e| self.sql(e))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))
                .map_err(|e| self.sql(e))?;
            for row in rows {
                let (id, alias) = row.map_err(|e| self.sql(e))?;
                aliases.entry(id).or_default().push(alias);
            }
        }
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, name, entity_type, mentions, documents FROM entities
                 WHERE active = 1 ORDER BY mentions DESC, id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(EntitySummary {
                    id: EntityId(r.get(0)?),
                    name: r.get(1)?,
                    entity_type: parse_type(&r.get::<_, String>(2)?),
                    aliases: Vec::new(),
                    mentions: r.get::<_, i64>(3)? as usize,
                    documents: r.get::<_, i64>(4)? as usize,
                })
            })
            .map_err(|e| self.sql(e))?;
        let mut out: Vec<EntitySummary> =
            rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))?;
        for e in out.iter_mut() {
            e.aliases = aliases.remove(&e.id.0).unwrap_or_default();
        }
        Ok(out)
    }

    /// The entity with stable id `id` (also one merged away or rejected: `None` only when the
    /// id was never given).
    pub fn entity(&self, id: EntityId) -> Result<Option<EntitySummary>, StoreError> {
        Ok(self.entities()?.into_iter().find(|e| e.id == id))
    }

    /// Per article: how often entity `id` is mentioned there, most first.
    pub fn entity_documents(&self, id: EntityId) -> Result<Vec<(DocId, usize)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT doc_id, count(*) AS n FROM mentions WHERE entity_id = ?1
                 GROUP BY doc_id ORDER BY n DESC, doc_id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([id.0], |r| {
                Ok((DocId(r.get(0)?), r.get::<_, i64>(1)? as usize))
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }

    /// The entities named in the same articles as entity `id`, with the number of articles
    /// they share, most first.
    pub fn cooccurrences(&self, id: EntityId) -> Result<Vec<(EntityId, usize)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT o.entity_id, count(DISTINCT o.doc_id) AS n
                 FROM (SELECT DISTINCT doc_id FROM mentions WHERE entity_id = ?1) d
                 JOIN mentions o ON o.doc_id = d.doc_id
                 WHERE o.entity_id != ?1
                 GROUP BY o.entity_id ORDER BY n DESC, o.entity_id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([id.0], |r| {
                Ok((EntityId(r.get(0)?), r.get::<_, i64>(1)? as usize))
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }

    /// The dossier-wide timeline (entity ids are stable ids).
    pub fn events(&self) -> Result<Vec<Event>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, value, precision, earliest, latest, label, entities, sources
                 FROM events ORDER BY id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, u32>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ))
            })
            .map_err(|e| self.sql(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, value, precision, earliest, latest, label, entities, sources) =
                row.map_err(|e| self.sql(e))?;
            out.push(Event {
                id: crate::model::EventId(id),
                value,
                precision: serde_json::from_value(serde_json::Value::String(precision))?,
                range: crate::model::DateRange {
                    earliest: serde_json::from_value(serde_json::Value::String(earliest))?,
                    latest: serde_json::from_value(serde_json::Value::String(latest))?,
                },
                label,
                entities: serde_json::from_str(&entities)?,
                sources: serde_json::from_str(&sources)?,
            });
        }
        Ok(out)
    }

    /// The stable ids of the active entities, in the order of [`Store::dossier`]'s entities.
    pub fn entity_ids(&self) -> Result<Vec<EntityId>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM entities WHERE active = 1 ORDER BY id")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| Ok(EntityId(r.get(0)?)))
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }

    /// The whole corrected dossier in memory, with all texts. Entity ids are dense:
    /// `entities()[i]` has the stable id `entity_ids()[i]`.
    pub fn dossier(&self) -> Result<Dossier, StoreError> {
        self.dossier_parts(true)
    }

    /// The corrected dossier as the viewer shows it: every analysis, but no text; texts are
    /// read on demand from `texts` ([`Dossier::text`]), which should be a [`StoreTexts`] of
    /// this file (shared between reloads, so its cache survives them).
    pub fn dossier_lazy(&self, texts: Arc<StoreTexts>) -> Result<Dossier, StoreError> {
        Ok(self.dossier_parts(false)?.with_texts(texts))
    }

    fn dossier_parts(&self, texts: bool) -> Result<Dossier, StoreError> {
        if self.meta("dirty")? == "1" {
            // Only a read-only file can still be dirty: derive in memory.
            let base = self.load_base(&self.conn)?;
            let mut dossier = self.corrected(base)?;
            if !texts {
                strip_texts(&mut dossier);
            }
            return Ok(dossier);
        }
        let ids = self.entity_ids()?;
        let dense: HashMap<u32, EntityId> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.0, EntityId(i as u32)))
            .collect();
        let to_dense = |id: EntityId| dense.get(&id.0).copied();
        let summaries: HashMap<u32, EntitySummary> =
            self.entities()?.into_iter().map(|e| (e.id.0, e)).collect();
        let entities: Vec<Entity> = ids
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                let s = summaries.get(&id.0)?;
                Some(Entity {
                    id: EntityId(i as u32),
                    name: s.name.clone(),
                    entity_type: s.entity_type,
                    aliases: s.aliases.clone(),
                })
            })
            .collect();
        let mut documents = Vec::new();
        let mut analyses = Vec::new();
        for (doc, mut analysis) in self.all_document_parts(texts)? {
            analysis.mentions.retain_mut(|m| match to_dense(m.entity) {
                Some(d) => {
                    m.entity = d;
                    true
                }
                None => false,
            });
            documents.push(doc);
            analyses.push(analysis);
        }
        let events = self
            .events()?
            .into_iter()
            .map(|mut e| {
                e.entities = e.entities.into_iter().filter_map(to_dense).collect();
                e
            })
            .collect();
        Ok(Dossier::from_parts(documents, analyses, entities, events))
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

    /// Records a correction and rewrites the corrected state, in one transaction. Corrections
    /// waiting to be redone are discarded. Returns its sequence number.
    pub fn apply(&mut self, correction: &Correction) -> Result<u64, StoreError> {
        let json = serde_json::to_string(correction)?;
        self.write(|store, tx| {
            let sql = |e| StoreError::from_sqlite(&store.path, e);
            tx.execute("UPDATE corrections SET state = 2 WHERE state = 1", [])
                .map_err(sql)?;
            tx.execute(
                "INSERT INTO corrections (correction, state, created) VALUES (?1, 0, ?2)",
                params![json, now()],
            )
            .map_err(sql)?;
            let seq = tx.last_insert_rowid() as u64;
            store.rederive(tx)?;
            Ok(seq)
        })
    }

    /// Undoes the last active correction (persisted); returns it, or `None` when there is
    /// nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Correction>, StoreError> {
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
            store.rederive(tx)?;
            Ok(Some(entry.correction))
        })
    }

    /// Redoes the most recently undone correction (persisted); returns it, or `None`.
    pub fn redo(&mut self) -> Result<Option<Correction>, StoreError> {
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
            store.rederive(tx)?;
            Ok(Some(entry.correction))
        })
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
            store.base.replace(None);
            store.rederive(tx)
        })
    }

    // ---------------------------------------------------------------- derivation

    /// Documents with their automatic analysis, in id order (`only`: one document).
    #[allow(clippy::type_complexity)]
    fn load_raw(
        &self,
        conn: &Connection,
        only: Option<DocId>,
        parts: LoadParts,
    ) -> Result<Vec<(Document, Vec<Sentence>, Vec<RawMention>, Vec<Timex>)>, StoreError> {
        let sql = |e| StoreError::from_sqlite(&self.path, e);
        let text = if parts.text { "d.text" } else { "''" };
        let raw = if parts.raw { "a.mentions" } else { "'[]'" };
        let columns = format!(
            "SELECT d.id, d.title, d.path, d.lang, d.dct_date, d.dct_source,
                d.headings, d.paragraphs, d.metadata, {text}, a.sentences, {raw}, a.timexes
                FROM documents d JOIN analyses a ON a.doc_id = d.id"
        );
        let (mut stmt, id) = match only {
            Some(id) => (
                conn.prepare_cached(&format!("{columns} WHERE d.id = ?1"))
                    .map_err(sql)?,
                Some(id.0),
            ),
            None => (
                conn.prepare_cached(&format!("{columns} ORDER BY d.id"))
                    .map_err(sql)?,
                None,
            ),
        };
        let mut rows = match id {
            Some(id) => stmt.query([id]),
            None => stmt.query([]),
        }
        .map_err(sql)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(sql)? {
            let get_s = |i: usize| r.get::<_, String>(i);
            let headings: Vec<Heading> = serde_json::from_str(&get_s(6).map_err(sql)?)?;
            let paragraphs: Vec<Span> = serde_json::from_str(&get_s(7).map_err(sql)?)?;
            let metadata: BTreeMap<String, String> = serde_json::from_str(&get_s(8).map_err(sql)?)?;
            let doc = Document {
                id: DocId(r.get(0).map_err(sql)?),
                title: get_s(1).map_err(sql)?,
                path: r
                    .get::<_, Option<String>>(2)
                    .map_err(sql)?
                    .map(PathBuf::from),
                language: Lang::from_code(&get_s(3).map_err(sql)?),
                dct: parse_dct(r.get(4).map_err(sql)?, r.get(5).map_err(sql)?),
                headings,
                paragraphs,
                metadata,
                text: get_s(9).map_err(sql)?,
            };
            let spans: Vec<(usize, usize)> = serde_json::from_str(&get_s(10).map_err(sql)?)?;
            let sentences = spans
                .into_iter()
                .map(|(s, e)| Sentence {
                    span: Span::new(s, e),
                    tokens: 0..0,
                })
                .collect();
            let raw: Vec<RawRow> = serde_json::from_str(&get_s(11).map_err(sql)?)?;
            let raw = raw
                .into_iter()
                .map(|m| RawMention {
                    span: Span::new(m.s, m.e),
                    entity_type: m.t,
                    variant: m.v,
                    source: m.src,
                    confidence: m.c,
                    canonical: m.n,
                })
                .collect();
            let timexes: Vec<Timex> = serde_json::from_str(&get_s(12).map_err(sql)?)?;
            out.push((doc, sentences, raw, timexes));
        }
        Ok(out)
    }

    /// The uncorrected dossier: every document's automatic analysis linked in id order, the
    /// dossier's names spread over all articles. Holds the texts.
    fn load_base(&self, conn: &Connection) -> Result<Dossier, StoreError> {
        let mut dossier = Dossier::new();
        for (doc, sentences, mentions, timexes) in self.load_raw(conn, None, LoadParts::ALL)? {
            let id = doc.id;
            link(
                &mut dossier,
                id,
                doc,
                Analyzed {
                    sentences,
                    mentions,
                    timexes,
                },
            );
        }
        self.spread(&mut dossier)?;
        Ok(dossier)
    }

    /// Spreads the dossier's names over all its articles ([`crate::spread`]) and rebuilds the
    /// timeline. `dossier` must hold its texts.
    fn spread(&self, dossier: &mut Dossier) -> Result<(), StoreError> {
        crate::spread::finish_batch(dossier).map_err(AnalysisError::from)?;
        Ok(())
    }

    /// Reads the texts of `dossier`'s documents from the file, one query.
    fn fill_texts(&self, conn: &Connection, dossier: &mut Dossier) -> Result<(), StoreError> {
        let sql = |e| StoreError::from_sqlite(&self.path, e);
        let mut stmt = conn
            .prepare_cached("SELECT id, text FROM documents ORDER BY id")
            .map_err(sql)?;
        let mut rows = stmt.query([]).map_err(sql)?;
        let mut texts: HashMap<u32, String> = HashMap::new();
        while let Some(r) = rows.next().map_err(sql)? {
            texts.insert(r.get(0).map_err(sql)?, r.get(1).map_err(sql)?);
        }
        for doc in &mut dossier.documents {
            if let Some(text) = texts.remove(&doc.id.0) {
                doc.text = text;
            }
        }
        Ok(())
    }

    fn corrected(&self, mut dossier: Dossier) -> Result<Dossier, StoreError> {
        let log = Self::read_log(&self.conn).map_err(|e| self.lift(e))?;
        correct::apply(&mut dossier, &log.active());
        Ok(dossier)
    }

    /// Rewrites the corrected state from the automatic analyses and the active corrections.
    fn rederive(&self, tx: &rusqlite::Transaction<'_>) -> Result<(), StoreError> {
        let sql = |e| StoreError::from_sqlite(&self.path, e);
        let gen_now = raw_gen(tx).map_err(sql)?;
        let cached = self.base.take();
        let (mut dossier, cache) = match cached {
            Some((g, base, spread)) if g == gen_now => {
                // The cached base holds no texts: read them for the corrections again.
                let mut dossier = base.clone();
                self.fill_texts(tx, &mut dossier)?;
                if spread {
                    self.base.replace(Some((gen_now, base, true)));
                } else {
                    // Articles were added: names found in one are looked for in all.
                    self.spread(&mut dossier)?;
                }
                (dossier, !spread)
            }
            _ => (self.load_base(tx)?, true),
        };
        if cache {
            let mut base = dossier.clone();
            strip_texts(&mut base);
            self.base.replace(Some((gen_now, base, true)));
        }
        let log = Self::read_log(tx).map_err(|e| self.lift(e))?;
        correct::apply(&mut dossier, &log.active());
        self.write_derived(tx, &dossier)
    }

    fn write_derived(
        &self,
        tx: &rusqlite::Transaction<'_>,
        dossier: &Dossier,
    ) -> Result<(), StoreError> {
        let sql = |e| StoreError::from_sqlite(&self.path, e);
        // Stable ids: an entity keeps the id of the first of its names (name first, then
        // aliases) that is already known.
        let mut keys: HashMap<(String, String), u32> = HashMap::new();
        {
            let mut stmt = tx
                .prepare("SELECT entity_type, key, entity_id FROM entity_keys")
                .map_err(sql)?;
            let rows = stmt
                .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
                .map_err(sql)?;
            for row in rows {
                let (k, v) = row.map_err(sql)?;
                keys.insert(k, v);
            }
        }
        let entities = dossier.entities();
        let key_of = |e: &Entity, name: &str| (type_str(e.entity_type).to_string(), name_key(name));
        let mut stable: Vec<Option<u32>> = vec![None; entities.len()];
        let mut claimed: HashSet<u32> = HashSet::new();
        for (i, e) in entities.iter().enumerate() {
            if let Some(&id) = keys.get(&key_of(e, &e.name))
                && claimed.insert(id)
            {
                stable[i] = Some(id);
            }
        }
        for (i, e) in entities.iter().enumerate() {
            if stable[i].is_some() {
                continue;
            }
            for a in &e.aliases {
                if let Some(&id) = keys.get(&key_of(e, a))
                    && claimed.insert(id)
                {
                    stable[i] = Some(id);
                    break;
                }
            }
        }
        // Last: the same name under another type (the type was corrected).
        let mut by_key: HashMap<&str, u32> = HashMap::new();
        for ((_, k), id) in &keys {
            by_key.entry(k.as_str()).or_insert(*id);
        }
        for (i, e) in entities.iter().enumerate() {
            if stable[i].is_none()
                && let Some(&id) = by_key.get(name_key(&e.name).as_str())
                && claimed.insert(id)
            {
                stable[i] = Some(id);
            }
        }
        tx.execute(
            "UPDATE entities SET active = 0, mentions = 0, documents = 0",
            [],
        )
        .map_err(sql)?;
        let mut counts = vec![(0usize, HashSet::new()); entities.len()];
        for (doc, a) in dossier.documents.iter().zip(&dossier.analyses) {
            for m in &a.mentions {
                if let Some(c) = counts.get_mut(m.entity.0 as usize) {
                    c.0 += 1;
                    c.1.insert(doc.id);
                }
            }
        }
        let mut ids: Vec<u32> = Vec::with_capacity(entities.len());
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO entities (entity_type, name, active, mentions, documents)
                     VALUES (?1, ?2, 1, ?3, ?4)",
                )
                .map_err(sql)?;
            let mut update = tx
                .prepare_cached(
                    "UPDATE entities SET entity_type = ?2, name = ?3, active = 1, mentions = ?4,
                     documents = ?5 WHERE id = ?1",
                )
                .map_err(sql)?;
            let mut set_key = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO entity_keys (entity_type, key, entity_id)
                     VALUES (?1, ?2, ?3)",
                )
                .map_err(sql)?;
            let mut add_key = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO entity_keys (entity_type, key, entity_id)
                     VALUES (?1, ?2, ?3)",
                )
                .map_err(sql)?;
            for (i, e) in entities.iter().enumerate() {
                let (n, docs) = counts.get(i).map(|c| (c.0, c.1.len())).unwrap_or((0, 0));
                let ty = type_str(e.entity_type);
                let id = match stable[i] {
                    Some(id) => {
                        update
                            .execute(params![id, ty, e.name, n as i64, docs as i64])
                            .map_err(sql)?;
                        id
                    }
                    None => {
                        insert
                            .execute(params![ty, e.name, n as i64, docs as i64])
                            .map_err(sql)?;
                        tx.last_insert_rowid() as u32
                    }
                };
                let (t, k) = key_of(e, &e.name);
                if !k.is_empty() {
                    set_key.execute(params![t, k, id]).map_err(sql)?;
                }
                for a in &e.aliases {
                    let (t, k) = key_of(e, a);
                    if !k.is_empty() {
                        add_key.execute(params![t, k, id]).map_err(sql)?;
                    }
                }
                ids.push(id);
            }
        }
        let stable_of = |id: EntityId| ids.get(id.0 as usize).copied();
        // Mentions and per-document state are rewritten only for the documents whose rows
        // changed (a rename changes none; a merge only the articles of the merged entity).
        let mut old_mentions: HashMap<u32, Vec<MentionRow>> = HashMap::new();
        {
            let mut stmt = tx
                .prepare(
                    "SELECT doc_id, start, end, entity_id, entity_type, variant, source, confidence
                     FROM mentions ORDER BY doc_id, start",
                )
                .map_err(sql)?;
            let mut rows = stmt.query([]).map_err(sql)?;
            while let Some(r) = rows.next().map_err(sql)? {
                old_mentions
                    .entry(r.get(0).map_err(sql)?)
                    .or_default()
                    .push(MentionRow {
                        start: r.get(1).map_err(sql)?,
                        end: r.get(2).map_err(sql)?,
                        entity: r.get(3).map_err(sql)?,
                        entity_type: r.get(4).map_err(sql)?,
                        variant: r.get(5).map_err(sql)?,
                        source: r.get(6).map_err(sql)?,
                        confidence: r.get(7).map_err(sql)?,
                    });
            }
        }
        let mut old_state = read_states(tx).map_err(sql)?;
        // The automatic time expressions of each document: a state whose time expressions
        // are the same stores an empty string instead of a second copy.
        let mut auto_timexes: HashMap<u32, String> = HashMap::new();
        {
            let mut stmt = tx
                .prepare("SELECT doc_id, timexes FROM analyses")
                .map_err(sql)?;
            let mut rows = stmt.query([]).map_err(sql)?;
            while let Some(r) = rows.next().map_err(sql)? {
                auto_timexes.insert(r.get(0).map_err(sql)?, r.get(1).map_err(sql)?);
            }
        }
        tx.execute_batch("DELETE FROM aliases; DELETE FROM events;")
            .map_err(sql)?;
        {
            let mut alias = tx
                .prepare_cached("INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?1, ?2)")
                .map_err(sql)?;
            for (e, id) in entities.iter().zip(&ids) {
                for a in &e.aliases {
                    alias.execute(params![id, a]).map_err(sql)?;
                }
            }
            let mut mention = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO mentions
                     (doc_id, start, end, entity_id, entity_type, variant, source, confidence)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(sql)?;
            let mut clear = tx
                .prepare_cached("DELETE FROM mentions WHERE doc_id = ?1")
                .map_err(sql)?;
            let mut state = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO doc_state (doc_id, dct_date, dct_source, timexes, events)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(sql)?;
            for (doc, a) in dossier.documents.iter().zip(&dossier.analyses) {
                // One row per start, the last one winning (the table's key).
                let mut rows: BTreeMap<i64, MentionRow> = BTreeMap::new();
                for m in &a.mentions {
                    let Some(eid) = stable_of(m.entity) else {
                        continue;
                    };
                    let start = m.span.start as i64;
                    rows.insert(
                        start,
                        MentionRow {
                            start,
                            end: m.span.end as i64,
                            entity: eid,
                            entity_type: type_str(m.entity_type).to_string(),
                            variant: variant_str(m.variant).to_string(),
                            source: m.source.as_str().to_string(),
                            confidence: f64::from(m.confidence),
                        },
                    );
                }
                let rows: Vec<MentionRow> = rows.into_values().collect();
                if old_mentions.remove(&doc.id.0).unwrap_or_default() != rows {
                    clear.execute([doc.id.0]).map_err(sql)?;
                    for m in &rows {
                        mention
                            .execute(params![
                                doc.id.0,
                                m.start,
                                m.end,
                                m.entity,
                                m.entity_type,
                                m.variant,
                                m.source,
                                m.confidence
                            ])
                            .map_err(sql)?;
                    }
                }
                let events: Vec<DocEventRow> = a.events.iter().map(DocEventRow::from).collect();
                let timexes = serde_json::to_string(&a.timexes)?;
                let row = StateRow {
                    dct_date: doc.dct.map(|d| d.date.format("%Y-%m-%d").to_string()),
                    dct_source: doc.dct.map(|d| dct_source_str(d.source).to_string()),
                    timexes: if auto_timexes.get(&doc.id.0) == Some(&timexes) {
                        String::new()
                    } else {
                        timexes
                    },
                    events: serde_json::to_string(&events)?,
                };
                if old_state.remove(&doc.id.0).as_ref() != Some(&row) {
                    state
                        .execute(params![
                            doc.id.0,
                            row.dct_date,
                            row.dct_source,
                            row.timexes,
                            row.events
                        ])
                        .map_err(sql)?;
                }
            }
            // Rows of documents that are gone.
            for doc in old_mentions.keys() {
                clear.execute([doc]).map_err(sql)?;
            }
            for doc in old_state.keys() {
                tx.execute("DELETE FROM doc_state WHERE doc_id = ?1", [doc])
                    .map_err(sql)?;
            }
            let mut event = tx
                .prepare_cached(
                    "INSERT INTO events (id, value, precision, earliest, latest, label, entities, sources)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(sql)?;
            for e in &dossier.events {
                let ents: Vec<u32> = e.entities.iter().filter_map(|&id| stable_of(id)).collect();
                let sources: &[EventSource] = &e.sources;
                let precision = serde_json::to_value(e.precision)?;
                event
                    .execute(params![
                        e.id.0,
                        e.value,
                        precision.as_str().unwrap_or(""),
                        e.range.earliest.format("%Y-%m-%d").to_string(),
                        e.range.latest.format("%Y-%m-%d").to_string(),
                        e.label,
                        serde_json::to_string(&ents)?,
                        serde_json::to_string(sources)?
                    ])
                    .map_err(sql)?;
            }
        }
        tx.execute("UPDATE meta SET value = '0' WHERE key = 'dirty'", [])
            .map_err(sql)?;
        Ok(())
    }
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

/// Links an analysed document into `dossier` under the stored id `id`.
/// Empties every document's text (kept in the file, read again on demand).
fn strip_texts(dossier: &mut Dossier) {
    for doc in &mut dossier.documents {
        doc.text = String::new();
    }
}

fn link(dossier: &mut Dossier, id: DocId, doc: Document, analyzed: Analyzed) {
    dossier.insert(doc, analyzed);
    if let Some(last) = dossier.documents.last_mut() {
        last.id = id;
    }
}

fn encode_analysis(a: &Analyzed) -> Result<(String, String, String), StoreError> {
    let spans: Vec<(usize, usize)> = a
        .sentences
        .iter()
        .map(|s| (s.span.start, s.span.end))
        .collect();
    let raw: Vec<RawRow> = a
        .mentions
        .iter()
        .map(|m| RawRow {
            s: m.span.start,
            e: m.span.end,
            t: m.entity_type,
            v: m.variant,
            src: m.source,
            c: m.confidence,
            n: m.canonical.clone(),
        })
        .collect();
    Ok((
        serde_json::to_string(&spans)?,
        serde_json::to_string(&raw)?,
        serde_json::to_string(&a.timexes)?,
    ))
}

fn raw_gen(conn: &Connection) -> rusqlite::Result<i64> {
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

/// A [`StateRow`] from the columns `dct_date, dct_source, timexes, events` starting at
/// column `at`.
fn state_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<StateRow> {
    Ok(StateRow {
        dct_date: r.get(at)?,
        dct_source: r.get(at + 1)?,
        timexes: r.get(at + 2)?,
        events: r.get(at + 3)?,
    })
}

/// Every `doc_state` row by document.
fn read_states(conn: &Connection) -> rusqlite::Result<HashMap<u32, StateRow>> {
    let mut stmt =
        conn.prepare("SELECT doc_id, dct_date, dct_source, timexes, events FROM doc_state")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, state_row(r, 1)?)))?;
    rows.collect()
}

/// A mention from the columns `start, end, entity_id, entity_type, variant, source,
/// confidence` starting at column `at`.
fn mention_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Mention> {
    Ok(Mention {
        span: Span::new(
            r.get::<_, i64>(at)? as usize,
            r.get::<_, i64>(at + 1)? as usize,
        ),
        entity: EntityId(r.get(at + 2)?),
        entity_type: parse_type(&r.get::<_, String>(at + 3)?),
        variant: parse_variant(&r.get::<_, String>(at + 4)?),
        source: parse_source(&r.get::<_, String>(at + 5)?),
        confidence: r.get::<_, f64>(at + 6)? as f32,
    })
}

/// A document and its analysis from its stored parts: the per-article state (date,
/// timexes, events) when corrections or derivation wrote one, else the automatic timexes.
fn assemble(
    mut doc: Document,
    sentences: &[Sentence],
    auto_timexes: Vec<Timex>,
    state: Option<StateRow>,
    mentions: Vec<Mention>,
) -> Result<(Document, DocAnalysis), StoreError> {
    let (timexes, events) = match state {
        Some(state) => {
            doc.dct = parse_dct(state.dct_date, state.dct_source);
            let rows: Vec<DocEventRow> = serde_json::from_str(&state.events)?;
            (
                // Empty: the same as the automatic ones.
                if state.timexes.is_empty() {
                    auto_timexes
                } else {
                    serde_json::from_str::<Vec<Timex>>(&state.timexes)?
                },
                rows.into_iter().map(DocEvent::from).collect(),
            )
        }
        None => (auto_timexes, Vec::new()),
    };
    Ok((
        doc,
        DocAnalysis {
            sentences: sentences.iter().map(|s| s.span).collect(),
            mentions,
            timexes,
            events,
        },
    ))
}

#[cfg(test)]
mod tests;
