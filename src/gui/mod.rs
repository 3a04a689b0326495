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
//! - [`loader`]: the boundary to the analysis pipeline ([`loader::Loader`]); loading runs on the
//!   `dossier-loader` thread, never in the frame.
//! - [`panels`]: one module per panel; each reads a [`panels::View`] and pushes commands.

pub mod app;
pub mod command;
pub mod loader;
pub mod panels;
pub mod rows;
pub mod samples;
pub mod state;
pub mod theme;

use std::path::PathBuf;
use std::sync::Arc;

pub use app::DossierApp;
pub use loader::{Loader, Progress};

/// Why the viewer could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum GuiError {
    /// The windowing / graphics layer failed.
    #[error("cannot run the viewer: {0}")]
    Eframe(String),
}

/// The application id used for the window and the persisted settings.
pub const APP_ID: &str = "dossier";

/// Starts the viewer, opens `files` (through `loader`, on the background thread) and returns when
/// the window is closed.
pub fn run(files: Vec<PathBuf>, loader: Arc<dyn Loader>) -> Result<(), GuiError> {
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
