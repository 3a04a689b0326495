//! Locating the shared development data (`../shared` beside the project).
//!
//! The data is never copied into the project. Tests and training commands that need it call
//! [`shared_path`]: when the data is absent they are told to skip, unless the environment variable
//! `DOSSIER_REQUIRE_SHARED=1` is set (as CI does), in which case the absence is an error.

use std::path::PathBuf;

/// Environment variable naming the shared data folder (default: `../shared` beside the manifest
/// when run from the source tree, else `../shared` beside the working directory).
pub const SHARED_DIR_VAR: &str = "DOSSIER_SHARED";
/// Environment variable that turns a missing shared data folder into a failure.
pub const REQUIRE_VAR: &str = "DOSSIER_REQUIRE_SHARED";

/// The shared data folder, whether or not it exists.
pub fn shared_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(SHARED_DIR_VAR) {
        return PathBuf::from(dir);
    }
    let from_manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if from_manifest.exists() {
        return from_manifest;
    }
    PathBuf::from("../shared")
}

/// True when `DOSSIER_REQUIRE_SHARED` is set to a non-empty value other than `0`.
pub fn shared_required() -> bool {
    std::env::var(REQUIRE_VAR).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// The path of `relative` inside the shared data folder, if it exists.
///
/// For tests: when it is missing, prints a line saying which test skips and why and returns
/// `None`; with `DOSSIER_REQUIRE_SHARED=1` it panics instead, so that CI cannot skip silently.
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    let path = shared_dir().join(relative);
    if path.exists() {
        return Some(path);
    }
    if shared_required() {
        panic!(
            "shared data {} is missing but {REQUIRE_VAR}=1 requires it",
            path.display()
        );
    }
    eprintln!(
        "skipping: shared data {} not found (set {SHARED_DIR_VAR} or place ../shared beside the project)",
        path.display()
    );
    None
}
