//! The panels. Each gets a read-only [`View`] of the state and the command queue.

pub mod articles;
pub mod card;
pub mod editor;
pub mod entities;
pub mod search;
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

impl<'a> View<'a> {
    /// The view of a dossier at `location` (the entity is the one the location is about).
    pub fn of(
        dossier: &'a Dossier,
        index: &'a DossierIndex,
        generation: u64,
        location: Location,
        prefs: &'a Prefs,
        busy: bool,
    ) -> Self {
        Self {
            dossier,
            index,
            generation,
            location,
            entity: location.entity(dossier),
            prefs,
            busy,
        }
    }
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

/// The corrections offered for an entity (context menu of the list, the card and the text).
pub fn entity_menu(
    ui: &mut egui::Ui,
    view: &View<'_>,
    id: EntityId,
    cmds: &mut crate::gui::command::Commands,
) {
    use crate::gui::command::{Command, Edit, Editor};
    let Some(entity) = view.dossier.entity(id) else {
        return;
    };
    ui.add_enabled_ui(!view.busy, |ui| {
        if ui.button("Rename…").clicked() {
            cmds.push(Command::OpenEditor(Editor::Rename(id)));
        }
        ui.menu_button("Type", |ui| {
            for ty in crate::model::EntityType::ALL {
                let current = entity.entity_type == ty;
                if ui
                    .add(egui::Button::selectable(
                        current,
                        super::theme::type_name(ty),
                    ))
                    .clicked()
                    && !current
                {
                    cmds.push(Command::Edit(Edit::SetType {
                        entity: id,
                        entity_type: ty,
                    }));
                }
            }
        });
        if ui.button("Merge into…").clicked() {
            cmds.push(Command::OpenEditor(Editor::MergeInto(id)));
        }
        if !entity.aliases.is_empty() {
            ui.menu_button("Split off an alias", |ui| {
                for alias in &entity.aliases {
                    if ui.button(alias).clicked() {
                        cmds.push(Command::Edit(Edit::SplitAlias {
                            entity: id,
                            alias: alias.clone(),
                        }));
                    }
                }
            });
        }
        ui.separator();
        if ui
            .button(format!("“{}” is not an entity (everywhere)…", entity.name))
            .on_hover_text("Hides it in every article of the dossier, also in articles added later")
            .clicked()
        {
            if editor::reject_is_wide(view, id) {
                cmds.push(Command::OpenEditor(Editor::ConfirmReject(id)));
            } else {
                cmds.push(Command::Edit(Edit::Reject { entity: id }));
            }
        }
    });
}
