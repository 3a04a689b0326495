//! The entities panel: grouped by type, for the article or the whole dossier, filterable.

use super::View;
use crate::gui::command::{Command, Commands};
use crate::gui::rows::{self, EntityRow};
use crate::gui::state::{Item, Scope, SortBy};
use crate::gui::theme;
use crate::model::{DocId, EntityId};

type RowsKey = (u64, Option<DocId>, String, SortBy);

/// State of the entities panel.
#[derive(Default)]
pub struct EntitiesPanel {
    /// The filter text.
    pub filter: String,
    /// Put the keyboard focus into the filter box on the next frame.
    pub focus_filter: bool,
    /// Entity to bring into view on the next frame.
    pub scroll_to: Option<EntityId>,
    rows: Vec<EntityRow>,
    key: Option<RowsKey>,
}

const ROW_HEIGHT: f32 = 20.0;

impl EntitiesPanel {
    /// The rows shown last frame.
    pub fn rows(&self) -> &[EntityRow] {
        &self.rows
    }

    /// Draws the panel.
    pub fn show(&mut self, ui: &mut egui::Ui, view: &View<'_>, cmds: &mut Commands) {
        let dark = ui.visuals().dark_mode;
        ui.horizontal(|ui| {
            ui.strong("Entities");
            let mut scope = view.prefs.scope;
            ui.selectable_value(&mut scope, Scope::Article, "This article")
                .on_hover_text("Entities of the article shown");
            ui.selectable_value(&mut scope, Scope::Dossier, "All articles")
                .on_hover_text("Entities of the whole dossier");
            if scope != view.prefs.scope {
                cmds.push(Command::SetScope(scope));
            }
        });
        let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
        let layout = egui::Layout::right_to_left(egui::Align::Center);
        ui.allocate_ui_with_layout(row, layout, |ui| {
            let mut sort = view.prefs.sort;
            ui.selectable_value(&mut sort, SortBy::Name, "A-Z")
                .on_hover_text("Sort by name");
            ui.selectable_value(&mut sort, SortBy::Count, "#")
                .on_hover_text("Sort by number of mentions");
            if sort != view.prefs.sort {
                cmds.push(Command::SetSort(sort));
            }
            let edit = ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("Filter (Ctrl+F)")
                    .desired_width(ui.available_width()),
            );
            if self.focus_filter {
                self.focus_filter = false;
                edit.request_focus();
            }
            if edit.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                self.filter.clear();
            }
        });
        let scope_doc = match view.prefs.scope {
            Scope::Article => view.location.doc,
            Scope::Dossier => None,
        };
        if view.prefs.scope == Scope::Article && scope_doc.is_none() {
            ui.weak("No article shown.");
            return;
        }
        let key = (
            view.generation,
            scope_doc,
            self.filter.clone(),
            view.prefs.sort,
        );
        if self.key.as_ref() != Some(&key) {
            self.rows = rows::entity_rows(
                view.dossier,
                view.index,
                scope_doc,
                &self.filter,
                view.prefs.sort,
            );
            self.key = Some(key);
        }
        if self.rows.is_empty() {
            ui.weak(if self.filter.is_empty() {
                "No entities."
            } else {
                "No entity matches the filter."
            });
            return;
        }
        let mut area = egui::ScrollArea::vertical()
            .id_salt("entities")
            .auto_shrink(false);
        if let Some(e) = self.scroll_to.take()
            && let Some(i) = self
                .rows
                .iter()
                .position(|r| matches!(r, EntityRow::Entity { id, .. } if *id == e))
        {
            let spacing = ui.spacing().item_spacing.y;
            area = area.vertical_scroll_offset(((ROW_HEIGHT + spacing) * i as f32 - 60.0).max(0.0));
        }
        area.show_rows(ui, ROW_HEIGHT, self.rows.len(), |ui, range| {
            for row in &self.rows[range] {
                match row {
                    EntityRow::Header { entity_type, count } => {
                        ui.allocate_ui(egui::vec2(ui.available_width(), ROW_HEIGHT), |ui| {
                            ui.horizontal_centered(|ui| {
                                ui.colored_label(
                                    theme::type_strong(*entity_type, dark),
                                    egui::RichText::new(format!(
                                        "{} · {count}",
                                        theme::type_name(*entity_type)
                                    ))
                                    .strong(),
                                );
                            });
                        });
                    }
                    EntityRow::Entity { id, name, count } => {
                        let selected = view.entity == Some(*id);
                        ui.allocate_ui(egui::vec2(ui.available_width(), ROW_HEIGHT), |ui| {
                            ui.horizontal_centered(|ui| {
                                let ty = view.dossier.entity(*id).map(|e| e.entity_type);
                                if let Some(ty) = ty {
                                    super::swatch(
                                        ui,
                                        theme::type_fill(ty, dark),
                                        theme::type_strong(ty, dark),
                                    );
                                }
                                let response = ui.add(
                                    egui::Button::selectable(selected, name.as_str()).truncate(),
                                );
                                if response.clicked() {
                                    cmds.push(Command::Select(Item::Entity(*id)));
                                }
                                response.context_menu(|ui| {
                                    super::entity_menu(ui, view, *id, cmds);
                                });
                                ui.with_layout(
                                    egui::Layout::right_to_left(egui::Align::Center),
                                    |ui| {
                                        ui.add_space(10.0);
                                        ui.weak(count.to_string());
                                    },
                                );
                            });
                        });
                    }
                }
            }
        });
    }
}
