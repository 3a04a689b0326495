//! The menu bar: File, Edit, View, Navigate, and the back/forward buttons.

use super::DossierApp;
use crate::gui::command::{Command, DossierDialog};
use crate::gui::panels::View;
use crate::gui::state::ThemePref;

impl DossierApp {
    pub(super) fn menu(&mut self, ui: &mut egui::Ui) {
        let busy = self.is_busy();
        egui::MenuBar::new().ui(ui, |ui| {
            let cmds = &mut self.commands;
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("Open…").shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    cmds.push(Command::ShowOpenDialog);
                }
                if ui.button("Open sample dossier").clicked() {
                    cmds.push(Command::OpenSamples);
                }
                ui.separator();
                if ui
                    .add_enabled(!busy, egui::Button::new("New dossier…"))
                    .clicked()
                {
                    cmds.push(Command::ShowDossierDialog(DossierDialog::New));
                }
                if ui
                    .add_enabled(!busy, egui::Button::new("Open dossier…"))
                    .clicked()
                {
                    cmds.push(Command::ShowDossierDialog(DossierDialog::Open));
                }
                if ui
                    .add_enabled(
                        !busy && self.dossier_path.is_some(),
                        egui::Button::new("Save dossier as…"),
                    )
                    .on_hover_text(
                        "Every change is saved as it happens; this copies the dossier and \
                         continues in the copy",
                    )
                    .clicked()
                {
                    cmds.push(Command::ShowDossierDialog(DossierDialog::SaveAs));
                }
                let can_export = !busy && self.dossier_path.is_some();
                ui.add_enabled_ui(can_export, |ui| {
                    ui.menu_button("Export", |ui| {
                        use crate::store::export::{CsvTable, ExportKind};
                        for (label, kind) in [
                            ("Everything (JSON)…", ExportKind::Json),
                            ("Entities (CSV)…", ExportKind::Csv(CsvTable::Entities)),
                            ("Mentions (CSV)…", ExportKind::Csv(CsvTable::Mentions)),
                            ("Events (CSV)…", ExportKind::Csv(CsvTable::Events)),
                            ("Articles (CSV)…", ExportKind::Csv(CsvTable::Documents)),
                            ("Timeline (TimelineJS JSON)…", ExportKind::Timeline),
                        ] {
                            if ui.button(label).clicked() {
                                cmds.push(Command::ShowDossierDialog(DossierDialog::Export(kind)));
                            }
                        }
                    });
                });
                ui.menu_button("Recent dossiers", |ui| {
                    if self.prefs.recent_dossiers.is_empty() {
                        ui.weak("None yet");
                    }
                    for path in &self.prefs.recent_dossiers {
                        if ui.button(path.display().to_string()).clicked() {
                            cmds.push(Command::OpenDossier(path.clone()));
                        }
                    }
                });
                ui.separator();
                ui.menu_button("Recent files", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.weak("None yet");
                    }
                    for path in &self.prefs.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            cmds.push(Command::OpenFiles(vec![path.clone()]));
                        }
                    }
                });
                ui.separator();
                let marked = self.articles.marked.len();
                let can_remove = (marked > 0 || self.nav.current().doc.is_some()) && !busy;
                let label = if marked > 1 {
                    format!("Remove {marked} articles…")
                } else {
                    "Remove article…".to_string()
                };
                if ui
                    .add_enabled(can_remove, egui::Button::new(label).shortcut_text("Delete"))
                    .on_hover_text(
                        "Takes the article out of the dossier after asking; Undo brings it \
                         back with its analysis, date and corrections",
                    )
                    .clicked()
                {
                    cmds.push(Command::AskRemove(Vec::new()));
                }
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                if history_item(ui, "Undo", self.history.undo.as_deref(), "Ctrl+Z", !busy) {
                    cmds.push(Command::Undo);
                }
                if history_item(
                    ui,
                    "Redo",
                    self.history.redo.as_deref(),
                    "Ctrl+Shift+Z",
                    !busy,
                ) {
                    cmds.push(Command::Redo);
                }
                ui.separator();
                let entity = self.nav.current().entity(&self.dossier);
                ui.add_enabled_ui(entity.is_some(), |ui| {
                    ui.menu_button("Selected entity", |ui| {
                        if let Some(e) = entity {
                            let view = View::of(
                                &self.dossier,
                                &self.index,
                                self.generation,
                                self.nav.current(),
                                &self.prefs,
                                busy,
                            );
                            crate::gui::panels::entity_menu(ui, &view, e, cmds);
                        }
                    });
                });
            });
            ui.menu_button("View", |ui| {
                let mut theme = self.prefs.theme;
                ui.radio_value(&mut theme, ThemePref::System, "Theme: follow system");
                ui.radio_value(&mut theme, ThemePref::Light, "Theme: light");
                ui.radio_value(&mut theme, ThemePref::Dark, "Theme: dark");
                if theme != self.prefs.theme {
                    cmds.push(Command::SetTheme(theme));
                }
                ui.separator();
                let mut t = self.prefs.show_timeline;
                if ui.checkbox(&mut t, "Timeline").changed() {
                    cmds.push(Command::ToggleTimeline);
                }
                let mut c = self.prefs.show_card;
                if ui.checkbox(&mut c, "Entity card").changed() {
                    cmds.push(Command::ToggleCard);
                }
                let mut l = self.prefs.show_log;
                if ui.checkbox(&mut l, "Log").changed() {
                    cmds.push(Command::ToggleLog);
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Search dossier…").shortcut_text("Ctrl+F"))
                    .clicked()
                {
                    cmds.push(Command::FocusFind);
                }
            });
            ui.menu_button("Navigate", |ui| {
                if ui
                    .add_enabled(
                        self.nav.can_back(),
                        egui::Button::new("Back").shortcut_text("Alt+Left"),
                    )
                    .clicked()
                {
                    cmds.push(Command::Back);
                }
                if ui
                    .add_enabled(
                        self.nav.can_forward(),
                        egui::Button::new("Forward").shortcut_text("Alt+Right"),
                    )
                    .clicked()
                {
                    cmds.push(Command::Forward);
                }
                if ui
                    .add(egui::Button::new("Next mention").shortcut_text("N"))
                    .clicked()
                {
                    cmds.push(Command::NextMention);
                }
                if ui
                    .add(egui::Button::new("Previous mention").shortcut_text("P"))
                    .clicked()
                {
                    cmds.push(Command::PrevMention);
                }
                if ui
                    .add(egui::Button::new("Clear selection").shortcut_text("Esc"))
                    .clicked()
                {
                    cmds.push(Command::ClearSelection);
                }
            });
            ui.separator();
            if ui
                .add_enabled(self.nav.can_back(), egui::Button::new("‹ Back"))
                .on_hover_text("Back (Alt+Left)")
                .clicked()
            {
                cmds.push(Command::Back);
            }
            if ui
                .add_enabled(self.nav.can_forward(), egui::Button::new("Forward ›"))
                .on_hover_text("Forward (Alt+Right)")
                .clicked()
            {
                cmds.push(Command::Forward);
            }
        });
    }
}

/// An Undo or Redo menu entry naming the correction it would take back or apply again;
/// true when clicked.
fn history_item(
    ui: &mut egui::Ui,
    verb: &str,
    what: Option<&str>,
    shortcut: &str,
    enabled: bool,
) -> bool {
    let label = match what {
        Some(what) => format!("{verb} {what}"),
        None => verb.to_string(),
    };
    ui.add_enabled(
        enabled && what.is_some(),
        egui::Button::new(label).shortcut_text(shortcut),
    )
    .clicked()
}
