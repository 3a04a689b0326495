//! Opening a dossier file: the checks before SQLite reads it, the connection's settings and the
//! schema migrations.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::{BUSY_TIMEOUT, Store, StoreError, StoreTexts, schema};

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
            state: std::cell::RefCell::new(None),
            texts: std::sync::Arc::new(StoreTexts::new(path)),
        };
        if version < schema::SCHEMA_VERSION {
            if read_only {
                return Err(StoreError::ReadOnly(path.to_path_buf()));
            }
            store.migrate()?;
        }
        if !read_only && store.meta("dirty")? == "1" {
            // A previous import was interrupted after committing documents (or the file was
            // migrated): derive the corrected state again.
            store.write(|store, tx| store.rederive(tx).map(|_| ()))?;
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
}
