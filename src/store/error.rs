//! Errors of the dossier store.

use std::path::PathBuf;

use rusqlite::ErrorCode;

use crate::model::DocId;

/// What can go wrong with a dossier file. Every message is one line and says what happened to
/// the file; nothing committed is lost by any of these errors.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file does not exist.
    #[error("no such dossier file")]
    NotFound(PathBuf),
    /// `Store::create` on a file that already has content.
    #[error("the file already exists; it was left untouched")]
    Exists(PathBuf),
    /// The file is not a dossier (another kind of file, or another SQLite database).
    #[error("not a dossier file ({reason}); it was left untouched")]
    NotADossier {
        /// The file.
        path: PathBuf,
        /// Why it is not taken for a dossier.
        reason: String,
    },
    /// The file is a dossier but damaged (truncated, overwritten).
    #[error("the dossier file is damaged ({detail}); it was left untouched")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// SQLite's diagnosis.
        detail: String,
    },
    /// The file was written by a newer version of Dossier.
    #[error(
        "the dossier was written by a newer version of Dossier (schema {found}; this version reads up to {supported}); it was left untouched"
    )]
    NewerSchema {
        /// Schema version of the file.
        found: i64,
        /// Newest schema version this build knows.
        supported: i64,
    },
    /// The file (or its folder) cannot be written.
    #[error(
        "the dossier is read-only (no permission to write the file or its folder); nothing was changed"
    )]
    ReadOnly(PathBuf),
    /// The disk (or the database's size limit) is full.
    #[error("the disk is full; the last change was not saved, everything before it is intact")]
    DiskFull(PathBuf),
    /// Another process held the dossier locked for too long.
    #[error("the dossier is locked by another process; try again")]
    Busy(PathBuf),
    /// No document with this id.
    #[error("no document {0} in the dossier")]
    UnknownDocument(DocId),
    /// A correction that would change nothing (the message says why); nothing was recorded.
    #[error("{0}; nothing was changed")]
    NoEffect(String),
    /// A marked span that is not whole words of one sentence; nothing was recorded.
    #[error("{0}; nothing was changed")]
    BadSpan(String),
    /// The import was interrupted on request.
    #[error("cancelled")]
    Cancelled,
    /// A file system error.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Another SQLite error.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A stored JSON value could not be read or written.
    #[error("stored data cannot be read: {0}")]
    Json(#[from] serde_json::Error),
    /// The analysis could not be set up.
    #[error("{0}")]
    Analysis(#[from] crate::analysis::AnalysisError),
}

impl StoreError {
    /// Classifies a SQLite error for the file at `path`.
    pub fn from_sqlite(path: &std::path::Path, err: rusqlite::Error) -> StoreError {
        let path = path.to_path_buf();
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
                path,
                detail: "database disk image is malformed".into(),
            },
            Some(ErrorCode::NotADatabase) => StoreError::NotADossier {
                path,
                reason: "not an SQLite database".into(),
            },
            Some(ErrorCode::DiskFull) => StoreError::DiskFull(path),
            Some(ErrorCode::ReadOnly) | Some(ErrorCode::PermissionDenied) => {
                StoreError::ReadOnly(path)
            }
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                StoreError::Busy(path)
            }
            Some(ErrorCode::CannotOpen) => StoreError::Io(std::io::Error::other(format!(
                "cannot open the file: {err}"
            ))),
            _ => StoreError::Sqlite(err),
        }
    }
}
