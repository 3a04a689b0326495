//! The panels. Each gets a read-only [`View`] of the state and the command queue.

pub mod articles;
pub mod card;
pub mod entities;
pub mod text;
pub mod timeline;
pub mod welcome;

use super::rows::DossierIndex;
use super::state::{Location, Prefs};
use crate::analysis::Dossier;
use crate::model::EntityId;

/// What panels may read.
#[derive(Clone, Copy)]
pub struct View<'a> {
    /// The dossier.
    pub dossier: &'a Dossier,
    /// Its look-up tables.
    pub index: &'a DossierIndex,
    /// Changes whenever the dossier changes (cache key).
    pub generation: u64,
    /// Where the user is.
    pub location: Location,
    /// The entity the selection is about.
    pub entity: Option<EntityId>,
    /// Preferences.
    pub prefs: &'a Prefs,
    /// True while a background job runs (edits are disabled).
    pub busy: bool,
}

/// A small coloured square, as used in the legend and the lists.
pub fn swatch(ui: &mut egui::Ui, fill: egui::Color32, stroke: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 3.0, fill);
    ui.painter().rect_stroke(
        rect,
        3.0,
        egui::Stroke::new(1.0, stroke),
        egui::StrokeKind::Inside,
    );
}
