//! Errors of the entity recogniser.

/// Something went wrong loading or running the entity recogniser.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// A shipped model or lexicon could not be decoded.
    #[error("corrupt asset {name}: {reason}")]
    CorruptAsset {
        /// Which asset.
        name: &'static str,
        /// What was wrong.
        reason: String,
    },
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A training or evaluation file is malformed.
    #[error("{path}:{line}: {reason}")]
    Format {
        /// The file.
        path: std::path::PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        reason: String,
    },
}
