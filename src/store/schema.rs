//! The schema of a `*.dossier` file and its migrations.
//!
//! `PRAGMA application_id` marks the file as a dossier; `PRAGMA user_version` is the schema
//! version. [`MIGRATIONS`]`[i]` brings a file from version `i` to `i + 1`; a new version only
//! ever appends a step.

/// `PRAGMA application_id` of a dossier file ("DOSS").
pub const APPLICATION_ID: i32 = 0x444f_5353;

/// The ordered migration steps; the schema version this build writes is their number.
pub const MIGRATIONS: &[&str] = &[
    // 0 → 1: the first schema.
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- Documents as read. `dct_*` is the date found in the article (corrections may override it).
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    path         TEXT,
    lang         TEXT NOT NULL,
    dct_date     TEXT,
    dct_source   TEXT,
    headings     TEXT NOT NULL,
    paragraphs   TEXT NOT NULL,
    metadata     TEXT NOT NULL,
    text         TEXT NOT NULL,
    bytes        INTEGER NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    added        TEXT NOT NULL
);
-- The automatic analysis of each document; never changed by corrections.
CREATE TABLE analyses (
    doc_id    INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    analyzer  TEXT NOT NULL,
    sentences TEXT NOT NULL,
    mentions  TEXT NOT NULL,
    timexes   TEXT NOT NULL
);
-- Entities with stable ids (never reused). `active = 0`: merged away, rejected or gone.
CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    entity_type TEXT NOT NULL,
    name        TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    mentions    INTEGER NOT NULL DEFAULT 0,
    documents   INTEGER NOT NULL DEFAULT 0
);
-- Every name key (type + registry::name_key) an entity has been known by: what keeps its id
-- across re-analysis.
CREATE TABLE entity_keys (
    entity_type TEXT NOT NULL,
    key         TEXT NOT NULL,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY (entity_type, key)
) WITHOUT ROWID;
CREATE TABLE aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
-- The corrected analysis: mentions (byte spans) with their stable entity ids.
CREATE TABLE mentions (
    doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    entity_type TEXT NOT NULL,
    variant     TEXT NOT NULL,
    source      TEXT NOT NULL,
    confidence  REAL NOT NULL,
    PRIMARY KEY (doc_id, start)
) WITHOUT ROWID;
CREATE INDEX mentions_by_entity ON mentions(entity_id, doc_id);
-- The corrected per-document state: date, time expressions, events.
CREATE TABLE doc_state (
    doc_id     INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    dct_date   TEXT,
    dct_source TEXT,
    timexes    TEXT NOT NULL,
    events     TEXT NOT NULL
);
-- The dossier-wide timeline (entity ids are stable ids).
CREATE TABLE events (
    id        INTEGER PRIMARY KEY,
    value     TEXT NOT NULL,
    precision TEXT NOT NULL,
    earliest  TEXT NOT NULL,
    latest    TEXT NOT NULL,
    label     TEXT NOT NULL,
    entities  TEXT NOT NULL,
    sources   TEXT NOT NULL
);
-- The user's decisions, append-only: state 0 active, 1 undone, 2 discarded.
CREATE TABLE corrections (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    correction TEXT NOT NULL,
    state      INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),
    created    TEXT NOT NULL
);
CREATE VIRTUAL TABLE doc_fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO meta (key, value) VALUES ('app', 'dossier'), ('raw_gen', '0'), ('dirty', '0');
"#,
    // 1 → 2: removed articles are kept (with their corrected state) so that removing is a
    // correction that can be undone; the ids of entities that corrections create are
    // recorded, so that deriving again gives them the same ids; a change counter tells an
    // open file that another process changed it. The state is derived again on first open.
    r#"
CREATE TABLE removed_docs (
    doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    stash  TEXT NOT NULL
);
CREATE TABLE correction_entities (
    seq       INTEGER NOT NULL REFERENCES corrections(seq),
    n         INTEGER NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY (seq, n)
) WITHOUT ROWID;
INSERT OR REPLACE INTO meta (key, value) VALUES ('change_gen', '0'), ('dirty', '1');
"#,
];

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
