//! The desktop viewer (feature `gui`): linked panels for articles, text, entities, timeline and
//! entity cards over a [`crate::analysis::Dossier`].
//!
//! # Architecture
//! - [`state`]: everything the panels read — one [`state::Navigation`] (current article and
//!   selected [`state::Item`], with back/forward history), [`state::Prefs`] (persisted),
//!   notifications and the log.
//! - [`command`]: panels never change state themselves; they push a [`command::Command`] into a
//!   queue and [`app::DossierApp`] applies the queue after the frame. Selection changes request
//!   scrolling in the other panels.
//! - [`rows`]: pure "row builders" (entity list, timeline lanes, keyword in context, text
//!   segments) over the dossier, tested without egui.
//! - [`backend`]: the one door to the core ([`backend::Backend`]): reading, analysis, the
//!   dossier file and search run on their own threads (`dossier-loader`, `dossier-search`),
//!   never in the frame; a job answers with the dossier as the store keeps it and what changed.
//! - [`panels`]: one module per panel; each reads a [`panels::View`] and pushes commands.
//!
//! Frames stay cheap: look-up tables ([`rows::DossierIndex`]) are built once per dossier change,
//! the entity rows, timeline marks, card data and the article's laid-out galleys are cached by
//! key (dossier generation, selection, theme, width), and lists draw only their visible rows.
//!
//! # Tests
//! `cargo test --test gui_app` and `--test gui_pipeline` drive the real app with egui_kittest on
//! the real pipeline (the bundled sample dossier, articles written by the tests);
//! `cargo test --test gui_snapshots` compares images under `tests/snapshots/` (wgpu; Mesa
//! lavapipe on machines without GPU; `UPDATE_SNAPSHOTS=1` to rewrite).
//! `cargo run --release --example gui_frame_bench` measures frame times.

pub mod app;
pub mod backend;
pub mod command;
pub mod panels;
pub mod rows;
pub mod samples;
pub mod state;
pub mod theme;

use std::path::PathBuf;
use std::sync::Arc;

pub use app::DossierApp;
pub use backend::{Backend, Progress};

/// Why the viewer could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum GuiError {
    /// The windowing / graphics layer failed.
    #[error("cannot run the viewer: {0}")]
    Eframe(String),
}

/// The application id used for the window and the persisted settings.
pub const APP_ID: &str = "dossier";

/// Starts the viewer with the core's reader, analysis and dossier files ([`Backend`]), opens
/// `files` and returns when the window is closed.
pub fn run(files: Vec<PathBuf>) -> Result<(), GuiError> {
    run_with(files, Arc::new(Backend::new()))
}

/// Starts the viewer with `backend`, opens `files` (on the background thread) and returns when
/// the window is closed.
pub fn run_with(files: Vec<PathBuf>, loader: Arc<Backend>) -> Result<(), GuiError> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Dossier")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| Ok(Box::new(DossierApp::new(cc, loader, files)))),
    )
    .map_err(|e| GuiError::Eframe(e.to_string()))
}
